"""Applying corrections: from attached corrections to one review per row, and a before/after per line.

`fold_reviews` takes the valid corrections, where each landed (transforms/anchoring.py) and the rows
as extracted now, and returns:

- one `RowReview` per reviewed row: its decision (`rejected`, `corrected`, `confirmed`, `added`), its
  values after the corrections (`row_values`, for corrected and added rows) and which fields the
  analysts set, the latest note and every correction id behind it. The warehouse views
  (`chip_spend_reviewed`, `policy_events_reviewed`) read these beside the untouched extracted rows.
- one `CorrectionOutcome` per line: applied or orphaned (with the reason), and the values before and
  after it, for the `v_corrections` view.

Decisions on one row are taken in time order (`decided_at`, then file order): later sets overwrite
earlier ones field by field, and the latest of reject / set / confirm says whether the row is out.
When an amount or currency is set without `amount_usd`, the dollar value is converted again at the
year's rate from seeds/fx_rates.csv (the extractor's rule); a year alone keeps the dollar value.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Mapping, Sequence

from transforms.anchoring import Attachment, RowRef
from transforms.corrections import ANCHOR_FIELDS, FIELD_PARSERS, POLICY, SPEND, Correction

REJECTED, CORRECTED, CONFIRMED, ADDED = "rejected", "corrected", "confirmed", "added"
APPLIED, ORPHANED = "applied", "orphaned"

# An added row's values where the analyst gives none (transforms/models.py's defaults).
ADDED_DEFAULTS: Mapping[str, Mapping[str, Any]] = {
    SPEND: {"year": None, "amount": None, "currency": None, "amount_usd": None, "units": None, "vendor": None,
            "chip_model": None, "spend_type": "other", "region": None, "status": "planned", "disputed": False},
    POLICY: {"target": None, "event_date": None, "date_precision": None, "magnitude": None, "magnitude_unit": None,
             "status": "announced"},
}


@dataclass(frozen=True)
class RowReview:
    """What the analysts decided about one row (or the row they added)."""

    row_kind: str
    row_id: str
    article_id: str
    decision: str
    note: str | None
    author: str
    decided_at: datetime | None
    correction_ids: tuple[str, ...]
    set_fields: tuple[str, ...] = ()
    row_values: Mapping[str, Any] | None = None     # every settable field after the corrections
    evidence: str | None = None                     # added rows: where they come from
    char_start: int | None = None
    char_end: int | None = None


@dataclass(frozen=True)
class CorrectionOutcome:
    """One line's fate: applied to `row_id`, or orphaned for `reason`; the values before and after it."""

    correction_id: str
    status: str
    row_id: str | None
    reason: str | None
    before: Mapping[str, Any] | None
    after: Mapping[str, Any] | None


@dataclass
class RowState:
    """The running state of one row while its corrections are folded."""

    corrections: list[Correction] = field(default_factory=list)
    overlay: dict[str, Any] = field(default_factory=dict)
    rejected: bool = False


def to_usd(fx: Mapping[tuple[int, str], float], amount: float | None, currency: str | None,
           year: int | None) -> float | None:
    """`amount` in US dollars at the year's average rate, the nearest year on file when that year has none
    (the same rule as transforms.spend_lexicon.SpendLexicon.usd)."""
    if amount is None or not currency:
        return None
    currency = currency.upper()
    if currency == "USD":
        return amount
    years = sorted(y for (y, c) in fx if c == currency)
    if not years:
        return None
    if year is None or (year, currency) not in fx:
        year = min(years, key=lambda y: (abs(y - (year or years[-1])), -y))
    return amount / fx[(year, currency)]


def decision_order(c: Correction) -> tuple:
    """Time order of decisions: decided_at, then the line's place in the file."""
    return (c.decided_at or datetime.min, c.line_no)


def settable(values: Mapping[str, Any], row_kind: str) -> dict[str, Any]:
    """The settable fields of a row's values (FIELD_PARSERS), in their order."""
    return {name: values.get(name) for name in FIELD_PARSERS.get(row_kind, {})}


def with_overlay(base: Mapping[str, Any], overlay: Mapping[str, Any], row_kind: str,
                 fx: Mapping[tuple[int, str], float]) -> dict[str, Any]:
    """`base` with the set fields replaced; `amount_usd` converted again when amount or currency changed."""
    values = {**settable(base, row_kind), **overlay}
    if row_kind == SPEND and ("amount" in overlay or "currency" in overlay) and "amount_usd" not in overlay:
        values["amount_usd"] = to_usd(fx, values.get("amount"), values.get("currency"), values.get("year"))
    return values


def latest_note(corrections: Sequence[Correction]) -> str | None:
    """The note of the latest decision that gives one."""
    notes = [c.note for c in sorted(corrections, key=decision_order) if c.note]
    return notes[-1] if notes else None


def plain(values: Mapping[str, Any] | None) -> dict[str, Any] | None:
    """JSON-ready values (dates as ISO strings)."""
    if values is None:
        return None
    return {k: v.isoformat() if isinstance(v, (date, datetime)) else v for k, v in values.items()}


def review_of(row: RowRef, state: RowState, fx: Mapping[tuple[int, str], float]) -> RowReview:
    """The review of one extracted row from its folded state."""
    ordered = sorted(state.corrections, key=decision_order)
    last = ordered[-1]
    decision = REJECTED if state.rejected else (CORRECTED if state.overlay else CONFIRMED)
    values = with_overlay(row.values, state.overlay, row.row_kind, fx) if decision == CORRECTED else None
    set_fields = set(state.overlay) if values is not None else set()
    if values is not None and values.get("amount_usd") != row.values.get("amount_usd"):
        set_fields.add("amount_usd")   # converted again from a set amount or currency
    return RowReview(row.row_kind, row.row_id, row.article_id, decision, latest_note(ordered), last.author,
                     last.decided_at, tuple(c.correction_id for c in ordered), tuple(sorted(set_fields)),
                     plain(values))


def added_review(c: Correction, span: tuple[int, int], fx: Mapping[tuple[int, str], float]) -> RowReview:
    """The row an `add` line describes, at its evidence."""
    values = with_overlay(ADDED_DEFAULTS.get(c.row_kind, {}), dict(c.fields), c.row_kind, fx)
    return RowReview(c.row_kind, c.correction_id, c.article_id, ADDED, c.note or None, c.author, c.decided_at,
                     (c.correction_id,), tuple(sorted(c.fields)), plain(values),
                     c.evidence, span[0], span[1])


def before_after(c: Correction, row: RowRef | None) -> tuple[dict | None, dict | None]:
    """What a line changes: the row's values before and after it (the anchor's when orphaned)."""
    current = dict(row.values) if row is not None else dict(c.anchor)
    if c.action == "set":
        return plain({k: current.get(k) for k in c.fields}), plain(dict(c.fields))
    if c.action == "add":
        return None, plain(dict(c.fields))
    summary = plain({k: current.get(k) for k in ANCHOR_FIELDS.get(c.row_kind, ()) if current.get(k) is not None})
    return summary, (None if c.action == "reject" else summary)


def fold_reviews(corrections: Sequence[Correction], attachments: Mapping[str, Attachment],
                 rows: Mapping[tuple[str, str], RowRef], fx: Mapping[tuple[int, str], float]
                 ) -> tuple[list[RowReview], list[CorrectionOutcome]]:
    """One RowReview per reviewed or added row and one CorrectionOutcome per line, from valid corrections
    and their attachments (transforms/anchoring.py). `rows` maps (row_kind, row_id) to the rows now."""
    states: dict[tuple[str, str], RowState] = {}
    reviews: list[RowReview] = []
    outcomes: list[CorrectionOutcome] = []
    for c in sorted(corrections, key=decision_order):
        attachment = attachments.get(c.correction_id)
        row = rows.get((c.row_kind, attachment.row_id)) if attachment and attachment.attached else None
        before, after = before_after(c, row)
        if attachment is None or not attachment.attached:
            reason = attachment.reason if attachment else "not_anchored"
            outcomes.append(CorrectionOutcome(c.correction_id, ORPHANED, None, reason, before, after))
            continue
        outcomes.append(CorrectionOutcome(c.correction_id, APPLIED, attachment.row_id, None, before, after))
        if c.action == "add":
            reviews.append(added_review(c, attachment.span or (0, 0), fx))
            continue
        if row is None:
            continue
        state = states.setdefault((c.row_kind, row.row_id), RowState())
        state.corrections.append(c)
        if c.action == "reject":
            state.rejected = True
        else:
            state.rejected = False
            if c.action == "set":
                state.overlay.update(c.fields)
    reviews += [review_of(rows[key], state, fx) for key, state in states.items()]
    return reviews, outcomes
