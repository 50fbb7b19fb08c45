"""Policy events: which state acted, with what instrument, when, on what, how big, how far along.

The vocabularies live in seeds: `policy_actors.csv` (bodies, people, states and national adjectives,
each with its country), `policy_triggers.csv` (trigger phrases per instrument in a small pattern
language, plus vetoes) and `policy_status_cues.csv`. `build_policy_lexicon` compiles them once;
`extract_policy` reads an article sentence by sentence:

1. triggers are matched (longest wins, vetoed and quoted-speech ones dropped);
2. each trigger gets an actor: one attached to it ("US export curbs", "China's commerce ministry"),
   else the subject before it, the agent after "by", a national adjective, or, for "the ministry" /
   "It", the actor the article named last;
3. each gets the date phrase of its own clause, else the sentence's opening date, else the nearest
   (dates come from `transforms.dates`, resolved against the publication date), else the label of its
   list item, table row or heading, else, when told in the present, the publication day (a weak date);
   a reference back ("announced the change on Friday") only dates the action it names;
4. magnitude, target and status come from the trigger's neighbourhood;
5. mentions of one action are folded into one event: same country and instrument with compatible
   dates ("December 2024" and "December 9, 2024"), and references back ("the probe", undated
   repeats) join the event they refer to, unless the text says the action is a separate one.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import replace
from datetime import date
from typing import Iterable

from transforms.dates import DateMention
from transforms.models import EXTRACTOR_VERSION, Article, PolicyEvent
from transforms.policy_actors import (TABLE_ROW, attached, choose_actor, company_subject, coordinated,
                                      last_actor_of, subject_of_own_clause, table_row_actor, vague_subject)
from transforms.policy_confidence import policy_confidence
from transforms.policy_dates import (CUE_LOOKBACK, EFFECTIVE_BEFORE, LEADING_SUBCLAUSE, choose_date, clause_crossings,
                                     coordinated_dates, news_peg, report_bound)
from transforms.policy_labels import ORDINAL_PART, ArticleDates, part_date, row_label
from transforms.policy_fold import CONTINUATION_CUE, UNDOING_STATUSES, Candidate, event_id, fold_actions
from transforms.policy_lists import ListLeads
from transforms.policy_lexicon import (REFERENCE, ActorMention, PolicyLexicon, PolicyPatternError, TriggerMatch, article_cues,
                                       build_policy_lexicon, compile_phrase, find_actors, find_triggers)
from transforms.policy_mentions import ActorContext, sentence_actors
from transforms.scope import ArticleScope
from transforms.sentences import Sentence

__all__ = ["Candidate", "PolicyLexicon", "PolicyPatternError", "build_policy_lexicon", "compile_phrase", "event_id",
           "extract_policy", "find_actors", "find_triggers", "fold_actions"]

STATUS_DEFAULT = "announced"
STANDING_INSTRUMENTS = ("export_control", "entity_list", "sales_approval", "tariff", "procurement_guidance")
SETTLED_AFTER_DAYS = 60
ANNOUNCED_CUE = re.compile(r"\b(?:announc|unveil|launch|publish|releas)\w*", re.I)
# Instruments in force once done: a listing, a tariff imposed (not one "will impose", nor one "starting" later).
IMMEDIATE_INSTRUMENTS = ("entity_list", "tariff")
DONE_VERB = re.compile(r"\b(?:added|put|placed|blacklisted|imposed|imposing|signed|slapped|levied|raised|hiked)\b", re.I)
LATER_START = re.compile(r"\b(?:will|would|shall|is to|are to|plans? to|with effect from|effective (?:from|on)|starting|"
                         r"takes? effect|to take effect|from next)\b", re.I)

# A trigger noun that refers back to an action already named ("the probe", "that investigation"; not "the first
# licensing requirement in August 2023", which introduces one).
DEFINITE_BEFORE = re.compile(r"\b(?:the|this|these|those|its|their)\s+(?:(?!first\b)[A-Za-z]+\s+)?$"
                             r"|\bthat\s+(?:(?![a-z]+ed\b|(?:it|they|he|she|we|its|their)\b)[A-Za-z]+\s+)?$",
                             re.I)  # not "guidance that created ...", "saying that it would license ..."
# Words that say an action is a new one, not a repeat of the last ("a separate investigation").
DISTINCT_CUE = re.compile(r"\b(?:separate|another|second|additional|fresh|new round of)\b[^.;]{0,60}$", re.I)
# Words that date a sentence by the action it answers ("Beijing hit back within hours").
RESPONSE_CUE = re.compile(r"\b(?:within (?:hours|a day|days)|hours later|a day later|hit back|in response|responded|"
                          r"retaliat\w*|mirrored|answered|the same day)\b", re.I)
# An action verb inside the trigger itself: "the chip rule ... was published", "the rule was suspended".
ACTION_WITHIN = re.compile(r"\b(?:imposed|introduced|announced|issued|published|adopted|unveiled|opened|launched|"
                           r"suspended|paused|postponed|delayed|deferred|lifted|scrapped|revoked|rescinded|established|"
                           r"registered|set up|created|approved|passed|signed|granted|finali[sz]ed|released|posted)\b", re.I)
# A counterfactual sentence: it tells what did not happen.
HYPOTHETICAL = re.compile(r"^(?:Without|Had|Were)\b|\bwould have (?:been|climbed|risen|jumped|gone|taken|kicked|"
                          r"hit|applied|increased|doubled)\b", re.I)
# What a clause says did not happen: "the draft rule would have capped sales, but ... scrapped it" (the first clause
# only), "A fresh tariff on the chips would have cut across both".
UNREAL = re.compile(r"\bwould(?:\s+not)?\s+have\s+(?!to\b)(?:\w+ly\s+)?[a-z]+", re.I)  # not "would have to"
RELATIVE_LEAD = re.compile(r"\b(?:which|that|who)\s+$", re.I)  # "the rule, which would have capped sales": its object
CLAUSE_SPLIT = re.compile(r";|,\s+(?:but|while|whereas|yet)\b|\s+but\s+", re.I)
# An editor's note on the page itself ("Tariff Watch explainers are updated as rules change"): no act told.
EDITORIAL_NOTE = re.compile(r"\b(?:is|are|will\s+be|gets?)\s+(?:regularly\s+)?(?:updated|revised|refreshed)\s+"
                            r"(?:as|when|whenever|if)\b", re.I)
# A reaction to a measure named after it: "Beijing condemned the rules", "opposed the guidance".
REACTION_BEFORE = re.compile(r"\b(?:oppos|criticis|criticiz|condemn|protest|welcom|slam|denounc|reject|decr|attack|"
                             r"question|challeng|object|complain|lobb|fought|fight|urg)\w*\b[^.;]*$", re.I)
# An action verb right before a definite trigger noun: "issued the guidance" is an action, "opposed the guidance" is not.
ACTION_BEFORE = re.compile(r"\b(?:issu|publish|open|launch|announc|impos|introduc|start|unveil|adopt|approv|sign|"
                           r"expand|tighten|extend|finali[sz]|releas|enact|pass|widen|broaden|revis|updat|relax|"
                           r"loosen|strengthen|toughen|reinstat|renew|rais|increas|boost|doubl|cut|halv|reduc|lower|"
                           r"suspend|paus|lift|scrap|revok|rescind|withdr|invok|enforc|appl)\w*\s+"
                           r"(?:the|that|this|its|their)\s+"
                           r"(?:[A-Za-z]+\s+)?$", re.I)
ACTION_AFTER = re.compile(r"^,?\s+(?:[\w-]+\s+)?(?:imposed|introduced|announced|issued|published|adopted|unveiled|"
                          r"filed|tabled|passed|signed|enacted|cleared|opened|launched|placed|put in place)\b", re.I)
# How prose ends; a line of at most HEADING_WORDS words that does not is a heading.
PROSE_END = re.compile(r"[.!?…:;][\"'”’)\]]*$")
HEADING_WORDS = 14
# Quoted speech (five words or more): rhetoric, not a reported action.
QUOTED = re.compile(r"“[^”\n]{20,}?”|\"[^\"\n]{20,}?\"")
# Sizes of an action.
PERCENT = re.compile(r"(?P<num>\d+(?:\.\d+)?)\s*(?:%|per\s?cent\b|percent\b)")
DAYS = re.compile(r"(?P<num>\d+)[-\s](?:day|days)\b")
COUNT = re.compile(r"(?P<num>\d{1,3}(?:,\d{3})+|\d+)(?![\d,])\s+(?:[\w-]+\s+){0,3}?"
                   r"(?:entities|companies|firms|types|kinds|items|"
                   r"products|organi[sz]ations|individuals|categories|entries)\b")
MAGNITUDE_WINDOW = 160
REFERENCE_REACH = 2  # paragraphs back that "the change", "the notice" may point
NAMED_LIST_INSTRUMENTS = ("entity_list",)  # "its Entity List" names a list, not an action already told
# Where a target phrase ends.
TARGET_STOP = re.compile(r"[,;:.()—–\"“”]|\s(?:which|that|because|after|before|when|while|if|so that|as|but|"
                         r"citing|saying|according)\s")
TARGET_LEAD = re.compile(r"^(?:on|into|of|against|for|to|at|over|targeting|covering|from|in|with|the|a|an)\s+", re.I)
TARGET_WORDS = 10


def is_heading(sentence: Sentence) -> bool:
    """A short line that does not end like prose: a headline, a section heading, a label (not a table's row: "| Feb 3,
    2025 | Probe into US analog chips opened | MOFCOM |" tells its own act)."""
    return len(sentence.text.split()) <= HEADING_WORDS and not PROSE_END.search(sentence.text) \
        and not TABLE_ROW.match(sentence.text)


def quoted_spans(text: str) -> list[tuple[int, int]]:
    """Spans of quoted speech of five words or more."""
    return [(m.start(), m.end()) for m in QUOTED.finditer(text) if len(m.group().split()) >= 5]


def find_magnitude(trigger: TriggerMatch, text: str) -> tuple[float | None, str | None]:
    """The size of the action near its trigger: a percentage, a number of days or of listed things."""
    best: tuple[int, float, str] | None = None
    for regex, unit in ((PERCENT, "percent"), (DAYS, "days"), (COUNT, "units")):
        for m in regex.finditer(text):
            distance = m.start() - trigger.end if m.start() >= trigger.end else trigger.start - m.end()
            distance = max(distance, 0)
            if distance > MAGNITUDE_WINDOW:
                continue
            value = float(m["num"].replace(",", ""))
            if best is None or distance < best[0]:
                best = (distance, value, unit)
    return (best[1], best[2]) if best else (None, None)


def find_target(trigger: TriggerMatch, text: str, date_starts: Iterable[int] = ()) -> str:
    """A short phrase for what the action is aimed at: the words after the trigger up to the clause's end
    (or up to a date phrase: "a probe into US chip subsidies on Friday" aims at "US chip subsidies")."""
    tail = text[trigger.end:]
    stop = TARGET_STOP.search(tail)
    end = stop.start() if stop else len(tail)
    for start in date_starts:
        if trigger.end <= start < trigger.end + end:
            end = start - trigger.end
            break
    phrase = re.sub(r"\s+(?:on|in|since|from|by|at|during|until|as of|last|this|next|earlier|later)\s*$", "",
                    tail[:end].rstrip(), flags=re.I)
    phrase = TARGET_LEAD.sub("", phrase.strip())
    words = phrase.split()[:TARGET_WORDS]
    if len(" ".join(words)) >= 3:
        return " ".join(words)
    own = text[trigger.start:trigger.end].split()[1:]  # "rescinded the AI diffusion rule": its object
    if len(own) >= 2:
        return TARGET_LEAD.sub("", " ".join(own[:TARGET_WORDS]))
    head = text[: trigger.start]
    cut = max(head.rfind(","), head.rfind(";"))
    before = head[cut + 1:].split()[-TARGET_WORDS:]
    return " ".join(before) or text[trigger.start:trigger.end]


def find_status(trigger: TriggerMatch, text: str, lexicon: PolicyLexicon,
                others: Iterable[TriggerMatch] = ()) -> str:
    """The trigger's own status hint, else the status whose cue sits nearest the trigger (seed order
    breaks ties) among the cues no other trigger of the sentence sits nearer to ("told Nvidia it could
    resume sales, reversing the licence requirement": the reversal is the requirement's), else "announced"."""
    if trigger.status_hint:
        return trigger.status_hint
    others = [o for o in others if o != trigger]

    def distance(t: TriggerMatch, m: re.Match) -> int:
        return max(m.start() - t.end, t.start - m.end(), 0)

    best: tuple[int, int, str] | None = None
    for order, (status, cue) in enumerate(lexicon.status_cues):
        for m in cue.finditer(text):
            near = distance(trigger, m)
            if any(distance(o, m) < near for o in others):
                continue
            if best is None or (near, order) < best[:2]:
                best = (near, order, status)
    return best[2] if best else STATUS_DEFAULT


def settled_status(status: str, instrument: str, when: DateMention | None, anchor: date | None,
                   text: str = "") -> str:
    """A standing measure told without any cue, dated well before the article, is in effect by now
    (unless the sentence tells it as an announcement); a listing or a tariff told as done, with no later start, is
    in effect at once ("added 23 Chinese entities to its Entity List on Friday", "signed a proclamation imposing a
    25% duty")."""
    if status == STATUS_DEFAULT and instrument in IMMEDIATE_INSTRUMENTS and when is not None \
            and (anchor is None or when.value <= anchor) and DONE_VERB.search(text) and not LATER_START.search(text):
        return "in_effect"
    if status != STATUS_DEFAULT or instrument not in STANDING_INSTRUMENTS or when is None or anchor is None:
        return status
    if ANNOUNCED_CUE.search(text):
        return status
    return "in_effect" if (anchor - when.value).days > SETTLED_AFTER_DAYS else status


# --- one article -----------------------------------------------------------------------------------

def _candidates(article: Article, sentences: list[Sentence], anchor: date | None,
                lexicon: PolicyLexicon) -> list[Candidate]:
    # Triggers first: an article without any has no candidates, and sentences after the last one
    # cannot change those before them, so neither needs the dates, quotes, companies and actors.
    cues = article_cues(article.text, lexicon)
    triggers = [find_triggers(sentence.text, lexicon, cues) for sentence in sentences]
    last = max((index for index, found in enumerate(triggers) if found), default=-1)
    if last < 0:
        return []
    text = article.text
    dates = ArticleDates(text, anchor)
    quotes = quoted_spans(text)
    quote_starts = [s for s, _ in quotes]
    all_companies = lexicon.companies.find(text) if lexicon.companies is not None else []
    company_starts = [c.start for c in all_companies]
    context = ActorContext(lambda: [(m.actor, m.country) for m in find_actors(text, lexicon)
                                    if m.country and m.kind in ("body", "person")])
    scope = ArticleScope(text, sentences, lexicon.scope) if lexicon.scope is not None else None
    if scope is not None and not any(scope.evidence(i) for i, found in enumerate(triggers) if found):
        return []  # no trigger of the article is in scope: nothing to report, nothing to date
    found: list[Candidate] = []
    leads = ListLeads()
    for index, sentence in enumerate(sentences[:last + 1]):
        prior = context.snapshot() if triggers[index] else context
        companies = _companies_within(all_companies, company_starts, sentence)
        last_named = context.actor
        mentions = sentence_actors(sentence, lexicon, context, index, companies, bool(triggers[index]))
        list_actor = leads.observe(text, sentence, mentions, last_named)  # "Its main steps:" names the actor of its items
        if not triggers[index] or is_heading(sentence) or EDITORIAL_NOTE.search(sentence.text):
            continue  # a headline or a section heading sums up what the text below tells (and dates)
        # Not about chips (impeachment "investigations", farm subsidies, consumer-goods tariffs): no row, but
        # kept until folding, where it may still date an answer in scope ("Beijing mirrored the move").
        evidence = scope.evidence(index) if scope is not None else "sentence"
        in_sentence: list[DateMention] | None = None
        in_this: list[Candidate] = []
        row_actor = table_row_actor(mentions, sentence.text) or list_actor  # a table's "Who" cell, a list's lead
        for trig in triggers[index]:
            absolute = sentence.start + trig.start
            inside = bisect_right(quote_starts, absolute) - 1
            if inside >= 0 and sentence.start + trig.end <= quotes[inside][1]:
                continue  # quoted speech (the spans do not overlap); a quoted title the trigger runs past
                # ("the "interim final rule on AI diffusion", released by ...") names a measure
            actor = row_actor or choose_actor(trig, mentions, sentence.text)
            if actor is None and not company_subject(trig, companies, sentence.text) \
                    and not vague_subject(trig, sentence.text):
                actor = prior.recent(index, sentence.paragraph, bool(CONTINUATION_CUE.search(sentence.text)
                                                                     or ORDINAL_PART.match(sentence.text))) \
                    or last_actor_of(trig.instrument, in_this, sentence.paragraph) \
                    or last_actor_of(trig.instrument, found, sentence.paragraph)
            refers = trig.instrument == REFERENCE
            if refers:  # "announced the change on Friday": the action just told, dated here
                referent = referent_of(actor, in_this or found, sentence.paragraph)
                if referent is None:
                    continue
                trig = replace(trig, instrument=referent.trigger.instrument)
                if actor is None or actor.country != referent.country:
                    actor = ActorMention(0, 0, referent.actor, referent.country, "generic", None, referent.actor_basis)
            if actor is None or not actor.country:
                continue
            if in_sentence is None:
                in_sentence = dates.within(sentence)
            magnitude, unit = find_magnitude(trig, sentence.text)
            head = sentence.text[: trig.start]
            status = find_status(trig, sentence.text, lexicon, triggers[index])
            chosen_date = row_label(in_sentence, trig, sentence)
            if chosen_date is not None:
                date_basis = "label"
            else:  # a suspension told outside its measure's trigger is not dated by the measure's name
                undoing = status in UNDOING_STATUSES
                chosen_date = choose_date(trig, in_sentence, sentence, undoing)
                date_basis = None if chosen_date is None else \
                    "own" if clause_crossings(chosen_date, trig, sentence) == 0 else "sentence"
            if chosen_date is None:  # "China hit back on 4 October. The ministry barred ...", else a label or heading
                chosen_date = dates.lead_in(sentence, sentences, index) or dates.label(sentence, sentences)
                date_basis = "label" if chosen_date is not None else None
            if chosen_date is None and ORDINAL_PART.match(sentence.text):  # "The second rule puts 140 firms on ...": a
                chosen_date = part_date(actor.country, found, sentence.paragraph)  # part of the set just told, its day
                date_basis = "inherited" if chosen_date is not None else None
            if chosen_date is None and SAME_DAY_AS.search(sentence.text, 0, trig.start):
                chosen_date = next((c.date for c in found if c.date is not None), None)  # "The case became public on
                date_basis = "inherited" if chosen_date is not None else None  # the same day that Trump said ..."
            bounded = report_bound(chosen_date, trig, sentence)
            date_basis, chosen_date = ("report" if bounded is not chosen_date else date_basis), bounded
            own_date = chosen_date is not None and clause_crossings(chosen_date, trig, sentence) == 0
            effective = chosen_date is not None and bool(
                EFFECTIVE_BEFORE.search(text, max(0, chosen_date.start - CUE_LOOKBACK), chosen_date.start))
            sub = LEADING_SUBCLAUSE.match(sentence.text)
            main = [c for c in in_this if not (sub and c.trigger.start < sub.end() <= trig.start)]
            if chosen_date is None and HYPOTHETICAL.search(sentence.text) or unreal(trig, sentence.text):
                continue  # "Without the order, US duties would have climbed ...": what did not happen
            if not own_date and any(c.country != actor.country for c in main) \
                    and not subject_of_own_clause(actor, trig, sentence.text):
                continue  # another state's measure named in the complaint of this sentence's action
            if actor.kind != "adjective":
                context.note(actor.actor, actor.country, index, sentence.paragraph)
            base = Candidate(
                sentence=sentence, trigger=trig, actor=actor.actor, country=actor.country,
                date=chosen_date, magnitude=magnitude, magnitude_unit=unit,
                target=find_target(trig, sentence.text, sorted(d.start - sentence.start for d in in_sentence)),
                status=settled_status(status, trig.instrument, chosen_date, anchor, sentence.text),
                definite=(bool(DEFINITE_BEFORE.search(head)) and "'s" not in head[-25:]
                          and trig.instrument not in NAMED_LIST_INSTRUMENTS),
                acted=(bool(ACTION_BEFORE.search(head)) or bool(ACTION_AFTER.match(sentence.text[trig.end:]))
                       or bool(ACTION_WITHIN.search(sentence.text, trig.start, trig.end))
                       or attached(actor, trig, sentence.text)),
                distinct=bool(DISTINCT_CUE.search(head)),
                continues=bool(CONTINUATION_CUE.search(sentence.text)) or actor.kind == "generic",
                responds=bool(RESPONSE_CUE.search(sentence.text)), effective=effective,
                scope=evidence or (scope.thread(actor.country, trig.instrument, index, found) if scope else None),
                actor_basis="adjective" if actor.kind == "adjective" else actor.basis,
                actor_gap=actor_gap(actor, trig), date_basis=date_basis,
                peg=news_peg(sentence, anchor) if chosen_date is None else None, refers=refers,
                reaction=bool(REACTION_BEFORE.search(head)),
            )
            in_this.append(base)
            if date_basis == "own" and chosen_date is not None and chosen_date.end - sentence.start <= trig.start:
                for year in coordinated_dates(chosen_date, in_sentence, sentence):  # "the 2022 and 2023 US rules"
                    in_this.append(replace(base, date=year))
            for partner in coordinated(actor, mentions, sentence.text):  # "Japan and the Netherlands imposed ..."
                in_this.append(replace(base, actor=partner.actor, country=partner.country))
        found.extend(in_this)
    return found


# The story's own news named as the subject, and another act told "on the same day that" it: that act took the day of
# the story's first dated act ("The case became public on the same day that Trump said ...", "The announcement landed
# on the same day as prosecutors unsealed charges").
SAME_DAY_AS = re.compile(r"^(?:The|This|That|Its)\s+(?:\w+\s+){0,2}?(?:case|announcement|decision|news|ruling|move|"
                         r"indictment|charges|deal|report)\s+(?:\w+\s+){0,2}?(?:became|came|landed|was|were|arrived|"
                         r"broke|fell)\b[^.;]{0,30}?\bthe\s+same\s+day\s+(?:that|as)\s+", re.I)
def unreal(trigger: TriggerMatch, text: str) -> bool:
    """The trigger's own clause tells what did not happen ("would have tightened that route"), whatever else its
    sentence dates. The clause is that of the trigger's last word: "the draft rule would have capped sales, but the
    new administration scrapped it" tells the scrapping."""
    lo = max((m.end() for m in CLAUSE_SPLIT.finditer(text, 0, trigger.end)), default=0)
    nxt = CLAUSE_SPLIT.search(text, trigger.end)
    hi = nxt.start() if nxt else len(text)
    return any(not RELATIVE_LEAD.search(text, 0, m.start()) for m in UNREAL.finditer(text, lo, hi))


def _companies_within(mentions: list, starts: list[int], sentence: Sentence) -> list:
    """The company mentions (in text order, not overlapping) that lie inside the sentence, with offsets
    into the sentence text."""
    within = []
    for i in range(bisect_left(starts, sentence.start), len(mentions)):
        mention = mentions[i]
        if mention.end > sentence.end:
            break  # every later mention starts after this one ends, so it ends outside the sentence too
        within.append(replace(mention, start=mention.start - sentence.start, end=mention.end - sentence.start))
    return within


def referent_of(actor: ActorMention | None, found: list[Candidate], paragraph: int) -> Candidate | None:
    """The action a reference back ("the change", "the notice") points to: the last one told, in this
    paragraph or the REFERENCE_REACH before it, by the sentence's state when it names one."""
    for cand in reversed(found):
        if paragraph - cand.sentence.paragraph > REFERENCE_REACH:
            return None
        if actor is None or not actor.country or actor.kind == "generic" or cand.country == actor.country:
            return cand
    return None


def actor_gap(actor: ActorMention, trigger: TriggerMatch) -> int:
    """Characters between an actor mention and its trigger (0 when attached, inside, or not in the sentence)."""
    if actor.end == 0:
        return 0
    return max(trigger.start - actor.end, actor.start - trigger.end, 0)


def to_event(article: Article, cand: Candidate) -> PolicyEvent:
    """A folded candidate as a `policy_events` row; the evidence is its whole sentence."""
    return PolicyEvent(
        event_id=event_id(article.article_id, cand), article_id=article.article_id,
        actor_country=cand.country, actor=cand.actor, instrument=cand.trigger.instrument, target=cand.target,
        event_date=cand.date.value if cand.date else None,
        date_precision=cand.date.precision if cand.date else None,
        magnitude=cand.magnitude, magnitude_unit=cand.magnitude_unit, status=cand.status,
        confidence=policy_confidence(cand, article.published_on is not None),
        evidence=cand.sentence.text, char_start=cand.sentence.start, char_end=cand.sentence.end,
        extractor_version=EXTRACTOR_VERSION,
    )


def extract_policy(article: Article, sentences: list[Sentence], anchor: date | None,
                   lexicon: PolicyLexicon) -> list[PolicyEvent]:
    """Policy events of one article, one per action, each with its evidence sentence and offsets."""
    return [to_event(article, cand) for cand in fold_actions(_candidates(article, sentences, anchor, lexicon))]
