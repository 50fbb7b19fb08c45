"""Loading the corrections file into the warehouse: in every run, and on its own (`corrections apply`).

    corrections = read_corrections_file(path)         # at the start of a run: a bad header fails it early
    summary = load_corrections(con, corrections, seeds_dir, run_id)   # in the run's transaction

The load reads the file, validates every line with the GX `corrections` suite (quarantining bad
lines), finds each line's row again by its evidence (transforms/anchoring.py), folds the decisions
per row (transforms/reviews.py) and replaces the corrections tables (warehouse/corrections.py). It is
skipped, without importing GX, when neither the file, the seeds, nor the named articles' text or rows
changed since the last load (`correction_loads.state_sha256`). `apply_corrections(db, path)` does the
same in a transaction of its own: the cheap way to apply new decisions without a run.
"""
from __future__ import annotations

import hashlib
import uuid
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Sequence

import duckdb

from expectations.settings import ValidationSettings
from expectations.vocabularies import fx_table
from transforms.anchoring import Attachment, RowRef, attach_all, place_added
from transforms.corrections import FIELD_PARSERS, Correction, read_corrections
from transforms.reference import load_reference
from transforms.reviews import APPLIED, CorrectionOutcome, RowReview, fold_reviews
from warehouse.corrections import anchor_inputs, last_load, record_results, replace_corrections, rows_digest
from warehouse.db import connect_reader, connect_writer
from warehouse.run_lock import hold_run_lock
from warehouse.statements import statement

QUARANTINED = "quarantined"
READ_WAIT_S = 60.0   # readers wait this long while a run holds the write lock
SHOWN_ORPHANS = 5


@dataclass(frozen=True)
class CorrectionsFile:
    """The corrections file as read: its path, bytes (empty when there is none) and lines."""

    path: Path
    data: bytes = b""
    corrections: tuple[Correction, ...] = ()


@dataclass(frozen=True)
class CorrectionsSummary:
    """What the last load of the corrections decided (for the run summary and the CLI)."""

    path: str
    lines: int = 0
    applied: int = 0
    orphaned: int = 0
    quarantined: int = 0
    reloaded: bool = False
    orphans: tuple[str, ...] = field(default_factory=tuple)   # "line 7: reject chip_spend (no_row_at_evidence)"

    def as_dict(self) -> dict[str, Any]:
        return {"path": self.path, "lines": self.lines, "applied": self.applied, "orphaned": self.orphaned,
                "quarantined": self.quarantined, "reloaded": self.reloaded, "orphans": list(self.orphans)}


def read_corrections_file(path: Path, required: bool = False) -> CorrectionsFile:
    """The file's lines; no file is no corrections unless `required` (an explicit --corrections).
    Raises FileNotFoundError, or CorrectionsFileError (a ValueError) for a header that is not ours."""
    path = Path(path)
    if not path.is_file():
        if required:
            raise FileNotFoundError(f"no corrections file at {path} (write one with `chipdemand correct`, "
                                    "or leave --corrections out)")
        return CorrectionsFile(path)
    data = path.read_bytes()
    return CorrectionsFile(path, data, tuple(read_corrections(data.decode("utf-8-sig"))))


def seeds_digest(seeds_dir: Path) -> bytes:
    """The seed CSVs' bytes hashed (vocabularies and FX rates decide validation and conversion). The same
    digest as flows.tasks.seeds_fingerprint, which is not imported here: it would bring Prefect into the
    analyst's commands."""
    digest = hashlib.sha256()
    for path in sorted(Path(seeds_dir).glob("*.csv")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.digest()


def state_digest(con, file: CorrectionsFile, seeds_dir: Path) -> str:
    """What a load depends on: the file, the seeds, and the text and rows of the articles it names."""
    article_ids = sorted({c.article_id for c in file.corrections if c.article_id})
    digest = hashlib.sha256(hashlib.sha256(file.data).digest() + seeds_digest(seeds_dir))
    digest.update(rows_digest(con, article_ids).encode())
    return digest.hexdigest()


def row_refs(rows: Sequence[dict[str, Any]]) -> list[RowRef]:
    """Extracted rows (warehouse dicts) as RowRefs with their settable values."""
    refs = []
    for r in rows:
        names = FIELD_PARSERS[r["row_kind"]]
        refs.append(RowRef(r["row_id"], r["row_kind"], r["article_id"], r["evidence"], r["char_start"], r["char_end"],
                           {k: r.get(k) for k in names}))
    return refs


def attach(good: Sequence[Correction], texts: dict[str, str], refs: Sequence[RowRef]) -> dict[str, Attachment]:
    """Where every valid line lands: row corrections by anchoring, added rows at their evidence."""
    by_article: dict[str, list[RowRef]] = {}
    for ref in refs:
        by_article.setdefault(ref.article_id, []).append(ref)
    attachments = attach_all([c for c in good if c.action != "add"], texts, by_article)
    attachments.update({c.correction_id: place_added(c, texts.get(c.article_id)) for c in good if c.action == "add"})
    return attachments


def line_row(c: Correction, run_id: str, now: datetime, status: str, *, outcome: CorrectionOutcome | None = None,
             attachment: Attachment | None = None, reason: str | None = None) -> dict[str, Any]:
    """A `corrections` table row for one line."""
    span = attachment.span if attachment and attachment.span else (c.char_start, c.char_end)
    return {
        "correction_id": c.correction_id, "line_no": c.line_no, "action": c.action, "row_kind": c.row_kind,
        "article_id": c.article_id, "row_id": outcome.row_id if outcome else None, "recorded_row_id": c.row_id,
        "evidence": c.evidence, "char_start": span[0], "char_end": span[1], "anchor": dict(c.anchor) or None,
        "fields": dict(c.fields) or None,
        "author": c.author, "decided_at": c.decided_at, "note": c.note, "status": status,
        "reason": outcome.reason if outcome else reason, "before": outcome.before if outcome else dict(c.anchor) or None,
        "after": outcome.after if outcome else dict(c.fields) or None, "run_id": run_id, "loaded_at": now,
    }


def review_row(r: RowReview) -> dict[str, Any]:
    """A `row_reviews` table row."""
    return {"row_kind": r.row_kind, "row_id": r.row_id, "article_id": r.article_id, "decision": r.decision,
            "row_values": dict(r.row_values) if r.row_values is not None else None, "set_fields": list(r.set_fields),
            "note": r.note, "author": r.author, "decided_at": r.decided_at, "correction_ids": list(r.correction_ids),
            "evidence": r.evidence, "char_start": r.char_start, "char_end": r.char_end}


def summary_of(path: str, lines: Sequence[dict[str, Any]], reloaded: bool) -> CorrectionsSummary:
    """Counts by status, and the first orphans named."""
    status = [line["status"] for line in lines]
    orphans = tuple(f"line {line['line_no']}: {line['action']} {line['row_kind']} ({line['reason']})"
                    for line in lines if line["status"] == "orphaned")
    return CorrectionsSummary(path, len(lines), status.count(APPLIED), len(orphans), status.count(QUARANTINED),
                              reloaded, orphans[:SHOWN_ORPHANS])


def previous_summary(con, path: str) -> CorrectionsSummary:
    """The summary of the last load, read back (when this run had nothing to reload)."""
    last = last_load(con)
    if last is None:
        return CorrectionsSummary(path)
    orphans = tuple(f"line {n}: {a} {k} ({r})" for n, a, k, r in
                    con.execute(statement("corrections_orphans"), [SHOWN_ORPHANS]).fetchall())
    return CorrectionsSummary(last["corrections_path"], last["lines"], last["applied"], last["orphaned"],
                              last["quarantined"], False, orphans)


def load_corrections(con, file: CorrectionsFile, seeds_dir: Path, run_id: str,
                     settings: ValidationSettings = ValidationSettings(), force: bool = False) -> CorrectionsSummary:
    """Validate, anchor and fold the file's lines and replace the corrections tables (caller's transaction).
    Skipped when the state it depends on is unchanged since the last load, unless `force`."""
    digest = state_digest(con, file, seeds_dir)
    last = last_load(con)
    if not force and ((last is None and not file.corrections) or (last and last["state_sha256"] == digest)):
        return previous_summary(con, str(file.path))
    now = datetime.now(timezone.utc).replace(tzinfo=None)
    article_ids = sorted({c.article_id for c in file.corrections if c.article_id})
    texts, published, rows = anchor_inputs(con, article_ids)
    ref = load_reference(Path(seeds_dir))
    good, quarantined, results = validate(list(file.corrections), published, ref, settings)
    refs = row_refs(rows)
    attachments = attach(good, texts, refs)
    reviews, outcomes = fold_reviews(good, attachments, {(r.row_kind, r.row_id): r for r in refs}, fx_table(ref) or {})
    by_id = {o.correction_id: o for o in outcomes}
    held = {q.row_key: q for q in quarantined}
    lines = []
    for c in file.corrections:
        if c.correction_id in held:
            lines.append(line_row(c, run_id, now, QUARANTINED, reason=", ".join(held[c.correction_id].failed_expectations)))
        else:
            outcome = by_id[c.correction_id]
            lines.append(line_row(c, run_id, now, outcome.status, outcome=outcome,
                                  attachment=attachments.get(c.correction_id)))
    summary = summary_of(str(file.path), lines, reloaded=True)
    replace_corrections(con, lines, [review_row(r) for r in reviews],
                        [{**q.__dict__, "run_id": run_id, "quarantined_at": now} for q in quarantined],
                        {"run_id": run_id, "corrections_path": str(file.path), "state_sha256": digest,
                         "loaded_at": now, "lines": summary.lines, "applied": summary.applied,
                         "orphaned": summary.orphaned, "quarantined": summary.quarantined})
    record_results(con, [asdict(r) for r in results], run_id, now)
    return summary


def validate(corrections: list[Correction], published, ref, settings: ValidationSettings):
    """The GX corrections suite on the lines (GX is imported only here, and only when there are lines)."""
    if not corrections:
        return [], [], []
    from expectations.corrections import CorrectionValidator

    return CorrectionValidator(ref, settings).validate(corrections, published)


def apply_corrections(db_path: Path, corrections_path: Path, seeds_dir: Path, required: bool = True,
                      lock_wait_s: float = 60.0) -> CorrectionsSummary:
    """Load the corrections file into the warehouse now, without a pipeline run (one transaction). Waits up to
    `lock_wait_s` seconds for a run of the same warehouse to finish (WarehouseBusyError after that)."""
    file = read_corrections_file(corrections_path, required=required)
    if not Path(db_path).exists():
        raise FileNotFoundError(f"no warehouse at {db_path}: run `chipdemand run` first, or pass --db")
    # the run lock: a run loads the corrections file it read when it started, at its end; an apply in
    # between would be undone by that load, so it waits for the run (warehouse/run_lock.py)
    with hold_run_lock(Path(db_path), wait_s=lock_wait_s):
        con = connect_writer(Path(db_path), wait_s=lock_wait_s)
        try:
            con.execute("BEGIN TRANSACTION")
            try:
                summary = load_corrections(con, file, seeds_dir, f"apply-{uuid.uuid4().hex[:8]}", force=True)
                con.execute("COMMIT")
            except BaseException:
                con.execute("ROLLBACK")
                raise
        finally:
            con.close()
    return summary


def last_applied_path(db_path: Path, wait_s: float = READ_WAIT_S) -> Path | None:
    """The corrections file this warehouse last loaded (None: never, or a warehouse from before corrections)."""
    con = connect_reader(Path(db_path), wait_s=wait_s)
    try:
        last = last_load(con)
    except duckdb.CatalogException:
        return None
    finally:
        con.close()
    return Path(last["corrections_path"]) if last else None


def applied_is_current(db_path: Path, corrections_path: Path, seeds_dir: Path, wait_s: float = READ_WAIT_S) -> bool:
    """Whether the warehouse's corrections tables are those of this file, these seeds and the rows now."""
    file = read_corrections_file(corrections_path)
    con = connect_reader(Path(db_path), wait_s=wait_s)
    try:
        last = last_load(con)
        return (last is None and not file.corrections) or (
            last is not None and last["state_sha256"] == state_digest(con, file, seeds_dir))
    finally:
        con.close()
