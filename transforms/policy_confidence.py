"""How sure a policy row is, from the evidence that decided it (0-1, on every row).

Four pieces of evidence, each a factor (the weights are named below and documented in docs/extraction.md):

- the actor: named in the sentence ("the Commerce Department", "Beijing"), resolved there ("Chinese
  regulators", "Beijing discouraged purchases: regulators ..."), a national adjective, or taken from
  outside the sentence (the body of that kind or the state last named in the paragraph, the article's last
  actor, the state of the article's last action of the same kind), and, when named, how far it stands from
  the trigger;
- the date: stated in the trigger's own clause or as the label of its list item, table row or heading,
  elsewhere in the sentence, bounded by a report ("reported on Wednesday that ... had"), taken from a
  neighbouring action, the publication day of an action told in the present (the news peg), or none; a date
  read against a publication date the page did not state (it was inferred from a dateline or header) counts
  less;
- the scope: cues in the sentence itself, or only in a sentence next to it (transforms/scope.py);
- nothing else: how far along the action is (status) is not how sure we are that it was reported.

The weights were set on dev, dev2 and en-b1 ... en-b6 (2026-12-06): an undated row is the weakest evidence
(most are wrong on the date the gold gives), a relative date ("on Friday") is as good as a written one (the
written years are more often a background's), a label is as good as the trigger's own clause.

The product of the factors, times CEILING (no row is certain), rounded to two decimals.
"""
from __future__ import annotations

from transforms.policy_fold import Candidate

CEILING = 0.95
ACTOR_WEIGHT = {"named": 1.0, "resolved": 0.9, "adjective": 0.75, "paragraph": 0.85, "context": 0.7, "kind": 0.8}
NEAR, FAR = 40, 100  # characters between a named actor and its trigger
DISTANCE_WEIGHT = (1.0, 0.93, 0.85)  # within NEAR, within FAR, farther
DATE_WEIGHT = {"own": 1.0, "label": 1.0, "report": 0.95, "sentence": 0.95, "inherited": 0.8, "peg": 0.8, None: 0.55}
INFERRED_ANCHOR_WEIGHT = 0.85  # a relative date or news peg read against a publication date the page did not state
SCOPE_WEIGHT = {"sentence": 1.0, "neighbour": 0.8}


def policy_confidence(cand: Candidate, anchor_stated: bool = True) -> float:
    """The row's confidence from its actor, date and scope evidence (see the module docstring);
    `anchor_stated`: the page gave its publication date (else it was inferred from the text)."""
    actor = ACTOR_WEIGHT.get(cand.actor_basis, ACTOR_WEIGHT["context"])
    if cand.actor_basis in ("named", "resolved", "adjective"):
        actor *= DISTANCE_WEIGHT[0 if cand.actor_gap <= NEAR else 1 if cand.actor_gap <= FAR else 2]
    when = DATE_WEIGHT.get(cand.date_basis, DATE_WEIGHT[None])
    if cand.date is not None and (cand.date.relative or cand.date_basis == "peg") and not anchor_stated:
        when *= INFERRED_ANCHOR_WEIGHT
    scope = SCOPE_WEIGHT.get(cand.scope, SCOPE_WEIGHT["neighbour"])
    return round(CEILING * actor * when * scope, 2)
