"""Finding a correction's row again: by article and evidence, not by id.

A row's id is a hash of what the rules found (its span, company, year, amount ...), so a rule change
gives the same fact a new id. A correction therefore names its row by the article, the evidence
sentence (with the offsets it had) and the row's key values when it was decided (`anchor`), and
`attach_all` finds it again in the rows extracted now:

1. the row with the recorded `row_id`, if it is still there and still at the evidence (the id is a
   hash of the span and key values, so it is the same fact);
2. else the evidence is located in the article's current text (the occurrence nearest the recorded
   offsets), and the rows of the same kind whose span overlaps it are the candidates;
3. a candidate must agree with the anchor on one identity value (spend: the company, or the amount
   within 15% / chip count within 5% as the scorer matches; policy: the acting country or the
   instrument); the best-agreeing one is taken.

Corrections that name the same fact (the same recorded row id, or the same article, kind, evidence
and identity values) are one group and share a row; different groups never share a row, so when one
of two facts of a sentence disappears, its corrections are orphaned instead of landing on the other.
A line written by hand with neither a row id nor an anchor attaches only where its evidence holds a
single row. Nothing is dropped: every correction comes back attached (with the row id) or orphaned
(with the reason).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Mapping, Sequence

from transforms.corrections import POLICY, SPEND, Correction

ARTICLE_MISSING = "article_not_in_warehouse"
EVIDENCE_MISSING = "evidence_not_in_article"
NO_ROW = "no_row_at_evidence"
NO_MATCH = "no_row_matches_anchor"
TAKEN = "row_taken_by_a_closer_correction"
AMBIGUOUS = "several_rows_at_evidence_and_no_anchor"

AMOUNT_TOLERANCE = 0.15   # the scorer's loose match (GOLD_FORMAT.md)
UNITS_TOLERANCE = 0.05


@dataclass(frozen=True)
class RowRef:
    """One extracted row as anchoring sees it: id, kind, article, span and values."""

    row_id: str
    row_kind: str
    article_id: str
    evidence: str
    char_start: int
    char_end: int
    values: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Attachment:
    """Where a correction landed: `row_id` when attached, else `reason`; `span` is where its evidence is now."""

    correction_id: str
    row_id: str | None
    reason: str | None = None
    span: tuple[int, int] | None = None

    @property
    def attached(self) -> bool:
        return self.row_id is not None


def locate(text: str, evidence: str, hint: int | None) -> tuple[int, int] | None:
    """The span of `evidence` in `text`, the occurrence nearest `hint` when it occurs more than once."""
    if not evidence:
        return None
    starts, at = [], text.find(evidence)
    while at != -1:
        starts.append(at)
        at = text.find(evidence, at + 1)
    if not starts:
        return None
    start = min(starts, key=lambda s: (abs(s - (hint or 0)), s))
    return start, start + len(evidence)


def close(a: Any, b: Any, tolerance: float) -> bool:
    """Two numbers within `tolerance` of the second."""
    if a is None or b is None:
        return False
    return abs(float(a) - float(b)) <= tolerance * max(abs(float(b)), 1e-9)


def same_text(a: Any, b: Any) -> bool:
    return a is not None and b is not None and str(a).strip().lower() == str(b).strip().lower()


def spend_agreement(anchor: Mapping[str, Any], row: Mapping[str, Any]) -> tuple[bool, float]:
    """(identity agrees, score) of a spend row against an anchor."""
    company = same_text(anchor.get("company"), row.get("company"))
    measure = (close(row.get("amount_usd"), anchor.get("amount_usd"), AMOUNT_TOLERANCE)
               or close(row.get("units"), anchor.get("units"), UNITS_TOLERANCE)
               or (same_text(anchor.get("currency"), row.get("currency"))
                   and close(row.get("amount"), anchor.get("amount"), AMOUNT_TOLERANCE)))
    score = 2.0 * company + 3.0 * measure + 1.0 * (anchor.get("year") is not None and anchor.get("year") == row.get("year"))
    return company or measure, score


def policy_agreement(anchor: Mapping[str, Any], row: Mapping[str, Any]) -> tuple[bool, float]:
    """(identity agrees, score) of a policy row against an anchor."""
    country = same_text(anchor.get("actor_country"), row.get("actor_country"))
    instrument = same_text(anchor.get("instrument"), row.get("instrument"))
    dated = anchor.get("event_date") is not None and str(anchor.get("event_date")) == str(row.get("event_date"))
    target = same_text(anchor.get("target"), row.get("target"))
    return country or instrument, 2.0 * country + 2.0 * instrument + 1.0 * dated + 0.5 * target


def agreement(row_kind: str, anchor: Mapping[str, Any], row: RowRef) -> tuple[bool, float]:
    """Whether `row` may be the anchor's row, and how well it agrees. An empty anchor (a line written by
    hand without one) accepts any row at the evidence."""
    if not anchor:
        return True, 0.0
    judge = spend_agreement if row_kind == SPEND else policy_agreement
    return judge(anchor, row.values)


def identity(c: Correction) -> tuple:
    """The anchor's identity values (spend: company and measure; policy: country, instrument and date); ()
    without."""
    a = c.anchor
    if not a:
        return ()
    if c.row_kind == SPEND:
        measure = a.get("amount_usd") or a.get("units") or a.get("amount")
        return (str(a.get("company") or "").lower(), None if measure is None else float(f"{float(measure):.3g}"))
    if c.row_kind == POLICY:   # one sentence may hold two actions of one kind at different dates
        return (str(a.get("actor_country") or "").upper(), str(a.get("instrument") or "").lower(),
                str(a.get("event_date") or ""))
    return ()


def link_keys(c: Correction) -> list[tuple]:
    """What ties a line to others naming the same fact: its recorded row id, and its evidence with the
    anchor's identity values. A line with neither (written by hand) is tied to nothing."""
    keys = []
    if c.row_id:
        keys.append(("id", c.article_id, c.row_kind, c.row_id))
    if identity(c):
        keys.append(("fact", c.article_id, c.row_kind, c.evidence, identity(c)))
    return keys


@dataclass
class Group:
    """Corrections naming one fact; `latest` (the latest with an anchor) speaks for the group when candidates
    are ranked. A loose group (no recorded id, no anchor) cannot tell rows apart."""

    members: list[Correction]

    @property
    def latest(self) -> Correction:
        anchored = [c for c in self.members if c.anchor] or self.members
        return max(anchored, key=lambda c: (c.decided_at is not None, c.decided_at, c.line_no))

    @property
    def loose(self) -> bool:
        return not any(link_keys(c) for c in self.members)


def group_corrections(corrections: Sequence[Correction]) -> list[Group]:
    """Row corrections (not adds) grouped by the fact they name: lines sharing a recorded row id or an
    evidence-and-identity key are one group (transitively), in file order."""
    parent = list(range(len(corrections)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    first_with: dict[tuple, int] = {}
    for i, c in enumerate(corrections):
        for key in link_keys(c):
            if key in first_with:
                parent[root(i)] = root(first_with[key])
            else:
                first_with[key] = i
    groups: dict[int, Group] = {}
    for i, c in enumerate(corrections):
        groups.setdefault(root(i), Group([])).members.append(c)
    return list(groups.values())


def candidates(group: Group, text: str | None, rows: Sequence[RowRef]) -> tuple[list[tuple[float, RowRef]], str | None,
                                                                                  tuple[int, int] | None]:
    """(score, row) of every acceptable row for the group, best first; or the reason there is none."""
    c = group.latest
    if text is None:
        return [], ARTICLE_MISSING, None
    kind_rows = [r for r in rows if r.row_kind == c.row_kind]
    by_id = {r.row_id: r for r in kind_rows}
    span = locate(text, c.evidence, c.char_start)
    for member in group.members:   # the recorded id, still there and still at the evidence: the same fact
        known = by_id.get(member.row_id or "")
        if known is not None and known.evidence == c.evidence:
            return [(float("inf"), known)], None, span or (known.char_start, known.char_end)
    if span is None:
        return [], EVIDENCE_MISSING, None
    overlapping = [r for r in kind_rows if r.char_start < span[1] and span[0] < r.char_end]
    if not overlapping:
        return [], NO_ROW, span
    scored = []
    for row in overlapping:
        ok, score = agreement(c.row_kind, c.anchor, row)
        if ok:
            exact = 0.5 if (row.char_start, row.char_end) == span else 0.0
            scored.append((score + exact, row))
    if not scored:
        return [], NO_MATCH, span
    if group.loose and len(scored) > 1:
        return [], AMBIGUOUS, span
    scored.sort(key=lambda pair: (-pair[0], abs(pair[1].char_start - span[0]), pair[1].row_id))
    return scored, None, span


def attach_all(corrections: Sequence[Correction], texts: Mapping[str, str],
               rows_by_article: Mapping[str, Sequence[RowRef]]) -> dict[str, Attachment]:
    """correction_id -> Attachment for every row correction (reject, set, confirm) given.

    `texts` holds the current text of the articles the corrections name (absent: not in the warehouse),
    `rows_by_article` their extracted rows. Groups take rows best match first, one group per row."""
    groups = group_corrections(corrections)
    options: list[tuple[float, int, RowRef]] = []
    failures: dict[int, tuple[str, tuple[int, int] | None]] = {}
    spans: dict[int, tuple[int, int] | None] = {}
    placed: dict[int, RowRef] = {}
    for index, group in enumerate(groups):
        article = group.latest.article_id
        scored, reason, span = candidates(group, texts.get(article), rows_by_article.get(article, ()))
        spans[index] = span
        if reason:
            failures[index] = (reason, span)
        elif group.loose:   # the only row at its evidence; it names no fact, so it competes with none
            placed[index] = scored[0][1]
        else:
            options += [(score, index, row) for score, row in scored]
    options.sort(key=lambda o: (-o[0], o[1], o[2].row_id))
    taken_rows: set[tuple[str, str]] = set()
    for _score, index, row in options:
        key = (row.row_kind, row.row_id)
        if index in placed or key in taken_rows:
            continue
        placed[index] = row
        taken_rows.add(key)
    result: dict[str, Attachment] = {}
    for index, group in enumerate(groups):
        row = placed.get(index)
        reason, span = failures.get(index, (TAKEN, spans.get(index)))
        for c in group.members:
            if row is not None:
                result[c.correction_id] = Attachment(c.correction_id, row.row_id, None,
                                                     (row.char_start, row.char_end))
            else:
                result[c.correction_id] = Attachment(c.correction_id, None, reason, span)
    return result


def place_added(c: Correction, text: str | None) -> Attachment:
    """Where an added row's evidence is in its article now (the added row takes the correction's id)."""
    if text is None:
        return Attachment(c.correction_id, None, ARTICLE_MISSING)
    span = locate(text, c.evidence, c.char_start)
    if span is None:
        return Attachment(c.correction_id, None, EVIDENCE_MISSING)
    return Attachment(c.correction_id, c.correction_id, None, span)
