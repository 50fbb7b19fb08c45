"""The corrections file: analysts' decisions about extracted rows, as data (a dbt-style seed CSV).

One line per decision: `reject` a row, `set` fields of a row, `confirm` a row as checked, or `add` a
row the extractor missed. A line names its row by the article and the evidence sentence (plus the
row's key values at the time, `anchor`), never only by id: ids change when the rules change, the
evidence does not (transforms/anchoring.py finds the row again). Each line carries who (`author`),
when (`decided_at`) and why (`note`).

    correction_id,action,row_kind,article_id,row_id,char_start,char_end,evidence,anchor,fields,author,decided_at,note
    3f2a...,set,chip_spend,9c1e...,77ab...,120,228,"Tencent plans to spend ...","company=Tencent; year=2025",year=2026,ana,2026-01-05T10:00:00Z,next year's budget

`fields` and `anchor` are `name=value` pairs separated by `;` (a `;` or `\\` inside a value is written
`\\;` or `\\\\`); an empty value sets the field to null. Amounts take plain numbers or a scale word
(`20bn`, `1.5 million`). This module parses and writes lines; it reads no files and checks no
vocabularies (the GX suite in expectations/corrections.py does, so a bad line is quarantined with
its reason rather than refused here).
"""
from __future__ import annotations

import csv
import hashlib
import io
import re
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from types import MappingProxyType
from typing import Any, Callable, Mapping

COLUMNS = ("correction_id", "action", "row_kind", "article_id", "row_id", "char_start", "char_end", "evidence",
           "anchor", "fields", "author", "decided_at", "note")
ACTIONS = ("reject", "set", "confirm", "add")
SPEND, POLICY = "chip_spend", "policy_event"
ROW_KINDS = (SPEND, POLICY)

FILE_HEADER = """\
# Analyst corrections (README: "Correcting the data"). One line per decision, applied in every run:
# the warehouse keeps what the extractor found (chip_spend, policy_events); the claims views use these.
#   action      reject | set | confirm | add
#   row_kind    chip_spend | policy_event
#   article_id, evidence, char_start, char_end: the article and the sentence the row came from (the anchor);
#   row_id      the row's id when decided (a hint: ids change when the rules change, the evidence does not)
#   anchor      the row's key values when decided, name=value pairs separated by ";"
#   fields      for set and add: the values, name=value pairs separated by ";" (empty value: null)
#   author, decided_at, note: who, when (ISO 8601, UTC) and why
# Write lines with `chipdemand correct | reject | confirm | add`, or by hand (correction_id may be left empty).
"""

PAIR_SEPARATOR = re.compile(r"(?<!\\);")
ESCAPED = re.compile(r"\\([;\\])")
# a plain number with an optional scale word: "20bn", "1.5 million", "5e9", "40,000,000"
SCALED_NUMBER = re.compile(
    r"^\s*(?P<number>[+-]?\d[\d,_]*(?:\.\d+)?(?:e[+-]?\d+)?)\s*"
    r"(?P<scale>k|thousand|m|mn|million|b|bn|billion|t|tn|trillion)?\s*$", re.IGNORECASE)
SCALES = MappingProxyType({"k": 1e3, "thousand": 1e3, "m": 1e6, "mn": 1e6, "million": 1e6, "b": 1e9, "bn": 1e9,
                           "billion": 1e9, "t": 1e12, "tn": 1e12, "trillion": 1e12})
ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
ISO_MONTH = re.compile(r"^\d{4}-\d{2}$")
ISO_YEAR = re.compile(r"^\d{4}$")
TRUE_WORDS = frozenset({"true", "yes", "1", "y"})
FALSE_WORDS = frozenset({"false", "no", "0", "n"})


class CorrectionsFileError(ValueError):
    """The corrections file cannot be read at all (its header is not the corrections header)."""


class FieldValueError(ValueError):
    """A field's value does not parse as its type."""


def parse_text(raw: str) -> str:
    """Text as written."""
    return raw


def parse_upper(raw: str) -> str:
    """A code (currency, country) in capitals."""
    return raw.upper()


def parse_number(raw: str) -> float:
    """A number, with an optional scale word (`20bn` is 2e10)."""
    match = SCALED_NUMBER.match(raw)
    if not match:
        raise FieldValueError(f"not a number: {raw!r}")
    value = float(match["number"].replace(",", "").replace("_", ""))
    return value * SCALES[match["scale"].lower()] if match["scale"] else value


def parse_integer(raw: str) -> int:
    """A whole number (scale words allowed: `230k` chips)."""
    value = parse_number(raw)
    if value != int(value):
        raise FieldValueError(f"not a whole number: {raw!r}")
    return int(value)


def parse_year(raw: str) -> int:
    """A four-digit year."""
    if not ISO_YEAR.match(raw.strip()):
        raise FieldValueError(f"not a four-digit year: {raw!r}")
    return int(raw)


def parse_boolean(raw: str) -> bool:
    """true/false, yes/no, 1/0."""
    word = raw.strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise FieldValueError(f"not true or false: {raw!r}")


def parse_event_date(raw: str) -> tuple[date, str]:
    """`YYYY-MM-DD`, `YYYY-MM` or `YYYY`: the first day it names and its precision."""
    text = raw.strip()
    try:
        if ISO_DAY.match(text):
            return date.fromisoformat(text), "day"
        if ISO_MONTH.match(text):
            return date.fromisoformat(text + "-01"), "month"
        if ISO_YEAR.match(text):
            return date(int(text), 1, 1), "year"
    except ValueError:
        pass
    raise FieldValueError(f"not a date (YYYY-MM-DD, YYYY-MM or YYYY): {raw!r}")


# The fields a correction may set, per row kind, with their parsers (GOLD_FORMAT.md's fields).
Parser = Callable[[str], Any]
FIELD_PARSERS: Mapping[str, Mapping[str, Parser]] = MappingProxyType({
    SPEND: MappingProxyType({
        "company": parse_text, "year": parse_year, "amount": parse_number, "currency": parse_upper,
        "amount_usd": parse_number, "units": parse_integer, "vendor": parse_text, "chip_model": parse_text,
        "spend_type": parse_text, "region": parse_text, "status": parse_text, "disputed": parse_boolean,
    }),
    POLICY: MappingProxyType({
        "actor_country": parse_upper, "actor": parse_text, "instrument": parse_text, "target": parse_text,
        "event_date": parse_event_date, "date_precision": parse_text, "magnitude": parse_number,
        "magnitude_unit": parse_text, "status": parse_text,
    }),
})
# Fields a row cannot be without: an added row must give them, a set must not clear them.
REQUIRED_FIELDS = MappingProxyType({SPEND: ("company",), POLICY: ("actor_country", "instrument", "actor")})
# The row's values an anchor records, to tell apart several rows of one sentence.
ANCHOR_FIELDS = MappingProxyType({
    SPEND: ("company", "year", "amount", "currency", "amount_usd", "units"),
    POLICY: ("actor_country", "instrument", "event_date", "target"),
})


@dataclass(frozen=True)
class Correction:
    """One line of the corrections file, parsed. `problems` lists what did not parse (the GX suite turns
    them into quarantine reasons); the raw line is kept whole in `line`."""

    line_no: int
    correction_id: str
    action: str
    row_kind: str
    article_id: str
    evidence: str
    author: str
    note: str
    row_id: str | None = None
    char_start: int | None = None
    char_end: int | None = None
    decided_at: datetime | None = None
    anchor: Mapping[str, Any] = field(default_factory=dict)
    fields: Mapping[str, Any] = field(default_factory=dict)
    unknown_fields: tuple[str, ...] = ()
    bad_values: tuple[str, ...] = ()
    line: Mapping[str, str] = field(default_factory=dict)

    @property
    def kind_fields(self) -> Mapping[str, Parser]:
        """The fields this correction's row kind has (empty for an unknown kind)."""
        return FIELD_PARSERS.get(self.row_kind, {})


def split_pairs(text: str) -> list[tuple[str, str | None]]:
    """`a=1; b=x\\;y` -> [("a", "1"), ("b", "x;y")]; a piece without `=` has the value None."""
    pairs: list[tuple[str, str | None]] = []
    for piece in PAIR_SEPARATOR.split(text or ""):
        if not piece.strip():
            continue
        name, equals, value = piece.partition("=")
        pairs.append((name.strip(), ESCAPED.sub(r"\1", value.strip()) if equals else None))
    return pairs


def escape_value(value: Any) -> str:
    """A value as written in a pairs cell."""
    if value is None:
        return ""
    if isinstance(value, bool):
        text = "true" if value else "false"
    elif isinstance(value, float):
        text = format(value, ".12g")
    elif isinstance(value, (date, datetime)):
        text = value.isoformat()
    else:
        text = str(value)
    return text.replace("\\", "\\\\").replace(";", "\\;")


def format_pairs(values: Mapping[str, Any]) -> str:
    """`name=value; ...` for a pairs cell."""
    return "; ".join(f"{name}={escape_value(value)}" for name, value in values.items())


def parse_fields(row_kind: str, text: str) -> tuple[dict[str, Any], list[str], list[str]]:
    """(values, unknown field names, bad values) of a `fields` cell. `event_date` also sets `date_precision`
    unless the cell gives one; an empty value is null."""
    parsers = FIELD_PARSERS.get(row_kind, {})
    values: dict[str, Any] = {}
    unknown, bad = [], []
    for name, raw in split_pairs(text):
        if name not in parsers:
            unknown.append(name)
            continue
        if raw is None:
            bad.append(f"{name}: no '=' and value")
            continue
        if raw == "":
            values[name] = None
            continue
        try:
            value = parsers[name](raw)
        except FieldValueError as exc:
            bad.append(f"{name}: {exc}")
            continue
        if name == "event_date":
            value, precision = value
            values.setdefault("date_precision", precision)
        values[name] = value
    return values, unknown, bad


def parse_anchor(row_kind: str, text: str) -> dict[str, Any]:
    """The anchor's values; a value that does not parse is left out (the anchor only ranks candidates)."""
    values, _unknown, _bad = parse_fields(row_kind, text)
    return {k: v for k, v in values.items() if k in ANCHOR_FIELDS.get(row_kind, ())}


def parse_offset(raw: str) -> int | None:
    """A character offset, or None when empty or not a number (the anchor then locates the evidence alone)."""
    try:
        return int(raw) if raw.strip() else None
    except ValueError:
        return None


def parse_decided_at(raw: str) -> datetime | None:
    """An ISO 8601 date or time, as naive UTC; None when it does not parse (the suite quarantines it)."""
    text = raw.strip()
    if not text:
        return None
    try:
        value = datetime.fromisoformat(text)
    except ValueError:
        return None
    if value.tzinfo is not None:
        value = value.astimezone(timezone.utc).replace(tzinfo=None)
    return value


def correction_id_for(line: Mapping[str, str]) -> str:
    """A stable id for a line written without one: the hash of what it decides, who and when."""
    parts = [line.get(c, "") for c in COLUMNS if c not in ("correction_id", "note")]
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:16]


def parse_line(line: Mapping[str, str], line_no: int) -> Correction:
    """One CSV record (column -> text) as a Correction."""
    cell = {c: (line.get(c) or "").strip() for c in COLUMNS}
    kind = cell["row_kind"]
    values, unknown, bad = parse_fields(kind, cell["fields"])
    return Correction(
        line_no=line_no, correction_id=cell["correction_id"] or correction_id_for(cell),
        action=cell["action"].lower(), row_kind=kind, article_id=cell["article_id"],
        evidence=(line.get("evidence") or ""), author=cell["author"], note=cell["note"],
        row_id=cell["row_id"] or None, char_start=parse_offset(cell["char_start"]),
        char_end=parse_offset(cell["char_end"]), decided_at=parse_decided_at(cell["decided_at"]),
        anchor=parse_anchor(kind, cell["anchor"]), fields=values, unknown_fields=tuple(unknown),
        bad_values=tuple(bad), line=dict(cell),
    )


def read_corrections(text: str) -> list[Correction]:
    """Every line of a corrections file's text. `#` lines before the header are comments; a file that is
    empty or only comments has no corrections; a header without the corrections columns is an error."""
    lines = text.splitlines(keepends=True)
    skipped = 0
    while skipped < len(lines) and (not lines[skipped].strip() or lines[skipped].lstrip().startswith("#")):
        skipped += 1
    if skipped == len(lines):
        return []
    reader = csv.DictReader(io.StringIO("".join(lines[skipped:]), newline=""))
    header = [name.strip() for name in reader.fieldnames or []]
    missing = [c for c in COLUMNS if c not in header]
    if missing:
        raise CorrectionsFileError(f"the corrections header lacks {', '.join(missing)} "
                                   f"(expected: {','.join(COLUMNS)})")
    reader.fieldnames = header
    corrections = []
    for record in reader:
        if not any((v or "").strip() for k, v in record.items() if k):
            continue
        # reader.line_num counts physical lines read so far (a quoted cell may span several)
        corrections.append(parse_line(record, skipped + reader.line_num))
    return corrections


def header_text() -> str:
    """What a new corrections file starts with: the comment header and the column names."""
    return FILE_HEADER + ",".join(COLUMNS) + "\n"


def render_line(line: Mapping[str, Any]) -> str:
    """One CSV record for the corrections file (quoted where needed, one line)."""
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerow(["" if line.get(c) is None else str(line[c]) for c in COLUMNS])
    return buffer.getvalue()


def utc_now_text(now: datetime | None = None) -> str:
    """`decided_at` for a decision made now: ISO 8601 UTC to the second, with a Z."""
    moment = (now or datetime.now(timezone.utc)).astimezone(timezone.utc).replace(microsecond=0)
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def new_line(*, action: str, row_kind: str, article_id: str, evidence: str, char_start: int | None,
             char_end: int | None, author: str, note: str, row_id: str | None = None,
             anchor: Mapping[str, Any] | None = None, fields: str = "", decided_at: str | None = None) -> dict[str, str]:
    """A corrections line (column -> text) for a decision made now; `fields` as the user typed the pairs."""
    line = {
        "action": action, "row_kind": row_kind, "article_id": article_id, "row_id": row_id or "",
        "char_start": "" if char_start is None else str(char_start), "char_end": "" if char_end is None else str(char_end),
        "evidence": evidence, "anchor": format_pairs(anchor or {}), "fields": fields, "author": author,
        "decided_at": decided_at or utc_now_text(), "note": note,
    }
    line["correction_id"] = correction_id_for(line)
    return line


def anchor_values(row_kind: str, row: Mapping[str, Any]) -> dict[str, Any]:
    """The anchor of a row: its key values (see ANCHOR_FIELDS), nulls left out."""
    return {k: row[k] for k in ANCHOR_FIELDS.get(row_kind, ()) if row.get(k) is not None}


def fit_problems(c: Correction) -> list[str]:
    """What does not fit the action: a set without fields, a reject or confirm with fields, an add without
    a row's required fields, or a set that clears a required field."""
    required = REQUIRED_FIELDS.get(c.row_kind, ())
    problems = []
    if c.action == "set" and not c.fields and not c.unknown_fields and not c.bad_values:
        problems.append("set: no fields")
    if c.action in ("reject", "confirm") and (c.fields or c.unknown_fields):
        problems.append(f"{c.action}: takes no fields")
    if c.action == "add":
        problems += [f"add: needs {name}" for name in required if c.fields.get(name) is None]
        if c.row_kind == SPEND and c.fields.get("amount") is None and c.fields.get("units") is None:
            problems.append("add: needs amount or units")
        if c.row_kind == SPEND and c.fields.get("amount") is not None and not c.fields.get("currency"):
            problems.append("add: an amount needs its currency")
    if c.action == "set":
        problems += [f"set: {name} cannot be null" for name in required if name in c.fields and c.fields[name] is None]
    return problems
