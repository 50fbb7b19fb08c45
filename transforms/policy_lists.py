"""Lists under a lead line: the actor of each item is the one its lead names.

Explainers and newsletters tell a state's steps as a list after a line that names the state and ends with a colon
("China's commerce ministry has answered each move. Its main steps:", "Washington, for its part, took these
steps:"); the items ("- March 4: 15 US firms added to the export control list.") name no acting body of their own,
and the state words in them are objects ("15 US firms"). `ListLeads` reads an article's sentences in order and
gives, for each item of such a list, the lead's actor; an item that names its own body or person ("- The
Commerce Department added ...") keeps it.
"""
from __future__ import annotations

import re

from transforms.policy_lexicon import ActorMention
from transforms.sentences import BULLET, Sentence

# A lead line: prose ending with a colon.
LEAD_END = re.compile(r":\s*$")
# A lead that owns its steps by a pronoun ("Its main steps:", "Their moves so far:") names the last actor.
PRONOUN_LEAD = re.compile(r"^(?:Its|Their|His|Her)\b")


class ListLeads:
    """The actor of the list each item stands in, when a lead line named one."""

    def __init__(self) -> None:
        self.actor: ActorMention | None = None
        self.paragraph = -1  # paragraph of the lead or of the list's last item

    def observe(self, article_text: str, sentence: Sentence, mentions: list[ActorMention],
                last: tuple[str, str] | None) -> ActorMention | None:
        """The lead's actor when `sentence` is an item of a list under a lead that names one (and the item names no
        body or person of its own); None otherwise. `last` is the (actor, country) the article named last."""
        text = sentence.text
        line = article_text[article_text.rfind("\n", 0, sentence.start) + 1:sentence.end]  # with its bullet
        item = bool(BULLET.match(line))   # a list item: a bullet or a number opens its line
        if item and self.actor is not None and sentence.paragraph - self.paragraph <= 1:
            self.paragraph = sentence.paragraph
            own = [m for m in mentions if m.kind in ("body", "person") and m.preposition is None and m.country]
            return None if own else self.actor
        if sentence.paragraph != self.paragraph:
            self.actor = None
        if LEAD_END.search(text) and not item:
            self.actor, self.paragraph = _lead_actor(text, mentions, last), sentence.paragraph
        return None


def _lead_actor(text: str, mentions: list[ActorMention], last: tuple[str, str] | None) -> ActorMention | None:
    subjects = [m for m in mentions if m.country and m.preposition is None and m.kind != "adjective"]
    if subjects:
        return subjects[0]
    adjectives = [m for m in mentions if m.country and m.kind == "adjective"]
    if adjectives:  # "Chinese countermeasures so far:"
        return adjectives[0]
    if PRONOUN_LEAD.match(text) and last is not None:
        return ActorMention(0, 0, last[0], last[1], "generic", None, "context")
    return None
