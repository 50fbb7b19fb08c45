"""The analyst's commands: `review`, `correct`, `reject`, `confirm`, `add` and `corrections apply|export-gold`.

A thin layer over flows/review.py, flows/corrections.py and flows/gold_export.py, registered on the
main app by flows/cli.py (`register(app)`). The decision commands append one line to the
corrections file and never write the warehouse: the next run applies them, or at once
`chipdemand corrections apply`.
"""
from __future__ import annotations

import getpass
import json
import os
from contextlib import contextmanager
from enum import Enum
from pathlib import Path
from typing import Any, Optional

import typer
from rich.console import Console
from rich.text import Text

from flows.defaults import default_corrections_path, default_db_path
from flows.terminal import plain, say, say_error
from seeds import SEEDS_DIR

console = Console(stderr=False)
err = Console(stderr=True)

DB_HELP = "DuckDB warehouse file (default: $CHIPDEMAND_DB, else warehouse/chipdemand.duckdb)"
CORRECTIONS_HELP = ("Corrections file (default: $CHIPDEMAND_CORRECTIONS, else the file the warehouse last applied, "
                    "else corrections.csv beside sources.toml)")
NOTE_HELP = "Why (kept in the corrections file and shown beside the claim)"
AUTHOR_HELP = "Who decides (default: $CHIPDEMAND_AUTHOR, else your user name)"
LOCK_WAIT_HELP = "Seconds to wait while a run holds the warehouse's write lock, then exit 3"
LOCK_WAIT = typer.Option(60.0, "--lock-wait", help=LOCK_WAIT_HELP)
SET_HELP = "FIELD=VALUE, repeatable (e.g. --set year=2026 --set amount=20bn --set currency=CNY)"


class Kind(str, Enum):
    """Which rows a command is about."""

    spend = "spend"
    policy = "policy"
    all = "all"


class ReviewFormat(str, Enum):
    """How `chipdemand review` prints."""

    text = "text"
    json = "json"


ROW_KIND = {Kind.spend: "chip_spend", Kind.policy: "policy_event"}

corrections_app = typer.Typer(help="Apply the corrections file now, or export it as gold annotations.",
                              no_args_is_help=True)


def fail(message: str, code: int = 2) -> None:
    """Print a one-line error and exit with `code`."""
    say_error(err, "error", message)
    raise typer.Exit(code)


@contextmanager
def user_errors():
    """What the analyst can fix, as one line: busy warehouse exit 3, anything else they named wrongly exit 2."""
    import duckdb

    from flows.review import ReviewLookupError
    from transforms.corrections import CorrectionsFileError
    from warehouse.db import WarehouseBusyError

    try:
        yield
    except WarehouseBusyError as exc:
        fail(str(exc), 3)
    except (ReviewLookupError, CorrectionsFileError, OSError, duckdb.Error) as exc:
        fail(str(exc).strip("'\""))


def warehouse(db: Optional[Path]) -> Path:
    return db or default_db_path()


def corrections_file(corrections: Optional[Path], db: Path, wait_s: float = 60.0) -> Path:
    """--corrections, else $CHIPDEMAND_CORRECTIONS, else the file this warehouse last applied, else the default."""
    if corrections:
        return corrections
    if os.environ.get("CHIPDEMAND_CORRECTIONS") or not db.exists():
        return default_corrections_path()
    from flows.corrections import last_applied_path

    return last_applied_path(db, wait_s) or default_corrections_path()


def author_name(author: Optional[str]) -> str:
    return author or os.environ.get("CHIPDEMAND_AUTHOR") or getpass.getuser()


def fields_text(row_kind: str, pairs: list[str]) -> str:
    """The --set pairs as a `fields` cell, checked: unknown fields or values that do not parse exit 2."""
    from transforms.corrections import FIELD_PARSERS, escape_value, parse_fields

    cells = []
    for pair in pairs:
        name, equals, value = pair.partition("=")
        if not equals:
            fail(f"--set takes FIELD=VALUE (got {pair!r})")
        cells.append(f"{name.strip()}={escape_value(value.strip())}")
    text = "; ".join(cells)
    _values, unknown, bad = parse_fields(row_kind, text)
    if unknown:
        fail(f"{row_kind} has no field {', '.join(unknown)}; it has {', '.join(FIELD_PARSERS[row_kind])}")
    if bad:
        fail("; ".join(bad))
    return text


def append_decision(path: Path, line: dict[str, str], db: Optional[Path]) -> None:
    """Append a line to the corrections file (created with its header if new) and say how to apply it."""
    from flows.corrections import read_corrections_file
    from transforms.corrections import CorrectionsFileError, fit_problems, header_text, parse_line, render_line

    problems = fit_problems(parse_line(line, 0))
    if problems:
        fail("; ".join(problems))
    try:
        read_corrections_file(path)   # never append to a file we cannot read back
    except CorrectionsFileError as exc:
        fail(f"{path}: {exc}")
    path.parent.mkdir(parents=True, exist_ok=True)
    existing = path.read_text(encoding="utf-8") if path.is_file() else ""
    with path.open("a", encoding="utf-8", newline="") as fh:
        if not existing.strip():
            fh.write(header_text())
        elif not existing.endswith("\n"):
            fh.write("\n")
        fh.write(render_line(line))
    db_flag = f" --db {db}" if db else ""
    say(console, f"{line['action']} {line['correction_id']} appended to {path}")
    say(console, f"apply it now: chipdemand corrections apply{db_flag} (or at the next chipdemand run)")


def decide_on_row(action: str, row_id: str, db: Optional[Path], corrections: Optional[Path], note: str,
                  author: Optional[str], lock_wait: float, pairs: list[str] | None = None) -> None:
    """A reject, set or confirm line for the row with this id, anchored to its article and evidence."""
    from flows.review import extracted_row
    from transforms.corrections import new_line

    db_path = warehouse(db)
    with user_errors():
        row = extracted_row(db_path, row_id, lock_wait)
        fields = fields_text(row.row_kind, pairs) if pairs else ""
        line = new_line(action=action, row_kind=row.row_kind, article_id=row.article_id, row_id=row.row_id,
                        evidence=row.evidence, char_start=row.char_start, char_end=row.char_end, anchor=row.anchor,
                        fields=fields, author=author_name(author), note=note)
        append_decision(corrections_file(corrections, db_path, lock_wait), line, db)


def correct(row_id: str = typer.Argument(..., help="fact_id or event_id (chipdemand review lists them)"),
            set_: list[str] = typer.Option(..., "--set", help=SET_HELP),
            note: str = typer.Option(..., "--note", help=NOTE_HELP),
            author: Optional[str] = typer.Option(None, "--author", help=AUTHOR_HELP),
            db: Optional[Path] = typer.Option(None, "--db", help=DB_HELP),
            corrections: Optional[Path] = typer.Option(None, "--corrections", help=CORRECTIONS_HELP),
            lock_wait: float = LOCK_WAIT) -> None:
    """Set fields of a row (appends a `set` line to the corrections file).

    Example:

      chipdemand correct 04539b1b076f7028 --set year=2026 --note "the budget is for next year"
    """
    decide_on_row("set", row_id, db, corrections, note, author, lock_wait, set_)


def reject(row_id: str = typer.Argument(..., help="fact_id or event_id"),
           note: str = typer.Option(..., "--note", help=NOTE_HELP),
           author: Optional[str] = typer.Option(None, "--author", help=AUTHOR_HELP),
           db: Optional[Path] = typer.Option(None, "--db", help=DB_HELP),
           corrections: Optional[Path] = typer.Option(None, "--corrections", help=CORRECTIONS_HELP),
           lock_wait: float = LOCK_WAIT) -> None:
    """Reject a row: it stays in chip_spend / policy_events but leaves the claims.

    Example:

      chipdemand reject 04539b1b076f7028 --note "a market size, not spend"
    """
    decide_on_row("reject", row_id, db, corrections, note, author, lock_wait)


def confirm(row_id: str = typer.Argument(..., help="fact_id or event_id"),
            note: str = typer.Option("", "--note", help=NOTE_HELP),
            author: Optional[str] = typer.Option(None, "--author", help=AUTHOR_HELP),
            db: Optional[Path] = typer.Option(None, "--db", help=DB_HELP),
            corrections: Optional[Path] = typer.Option(None, "--corrections", help=CORRECTIONS_HELP),
            lock_wait: float = LOCK_WAIT) -> None:
    """Confirm a row as checked (its claim shows reviewed).

    Example:

      chipdemand confirm 04539b1b076f7028
    """
    decide_on_row("confirm", row_id, db, corrections, note, author, lock_wait)


def add(article: str = typer.Option(..., "--article", help="article_id, URL or source file name"),
        kind: Kind = typer.Option(..., "--kind", help="spend or policy"),
        evidence: str = typer.Option(..., "--evidence", help="The sentence (or part of it) as in the article text"),
        set_: list[str] = typer.Option(..., "--set", help=SET_HELP),
        note: str = typer.Option(..., "--note", help=NOTE_HELP),
        author: Optional[str] = typer.Option(None, "--author", help=AUTHOR_HELP),
        db: Optional[Path] = typer.Option(None, "--db", help=DB_HELP),
        corrections: Optional[Path] = typer.Option(None, "--corrections", help=CORRECTIONS_HELP),
        lock_wait: float = LOCK_WAIT) -> None:
    """Add a row the extractor missed, at its evidence in the article.

    Example:

      chipdemand add --article tencent-budget.html --kind spend --evidence "Tencent will buy 5,000 H20 chips" \\
          --set company=Tencent --set year=2025 --set units=5000 --set vendor=Nvidia --note "missed volume"
    """
    from flows.review import find_article
    from transforms.anchoring import locate
    from transforms.corrections import new_line

    row_kind = ROW_KIND.get(kind)
    if row_kind is None:
        fail("--kind takes spend or policy for an added row")
    db_path = warehouse(db)
    with user_errors():
        found = find_article(db_path, article, lock_wait)
        span = locate(found["text"], evidence, None)
        if span is None:
            fail(f"the evidence is not in the text of article {found['article_id']} (copy it from `chipdemand review` "
                 "or `chipdemand sql \"SELECT text FROM articles ...\"`)")
        line = new_line(action="add", row_kind=row_kind, article_id=found["article_id"], evidence=evidence,
                        char_start=span[0], char_end=span[1], fields=fields_text(row_kind, set_),
                        author=author_name(author), note=note)
        append_decision(corrections_file(corrections, db_path, lock_wait), line, db)


def values_line(values: dict[str, Any]) -> str:
    """A row's non-empty values as `name=value` words."""
    return "  ".join(f"{k}={v:,.0f}" if isinstance(v, float) and v >= 1e4 else f"{k}={v}"
                     for k, v in values.items() if v not in (None, False))


def review(limit: int = typer.Option(10, "--limit", "-n", help="How many rows"),
           kind: Kind = typer.Option(Kind.all, "--kind", help="Which rows"),
           max_confidence: float = typer.Option(1.0, "--max-confidence", help="Only rows at or below this confidence"),
           fmt: ReviewFormat = typer.Option(ReviewFormat.text, "--format", "-f", help="How to print them"),
           db: Optional[Path] = typer.Option(None, "--db", help=DB_HELP),
           corrections: Optional[Path] = typer.Option(None, "--corrections", help=CORRECTIONS_HELP),
           lock_wait: float = LOCK_WAIT) -> None:
    """List rows nobody has reviewed yet, lowest confidence first, with their sentence in context.

    Rows with a decision in the corrections file (applied or not yet) are left out.

    Examples:

      chipdemand review --limit 5

      chipdemand review --kind policy --format json
    """
    from flows.corrections import read_corrections_file
    from flows.review import pending_row_ids, review_queue

    if limit < 1:
        fail(f"--limit must be at least 1 (got {limit})")
    db_path = warehouse(db)
    with user_errors():
        pending = pending_row_ids(read_corrections_file(corrections_file(corrections, db_path, lock_wait)).corrections)
        kinds = [ROW_KIND[kind]] if kind in ROW_KIND else list(ROW_KIND.values())
        items = review_queue(db_path, limit, kinds, max_confidence, pending, lock_wait)
    if fmt == ReviewFormat.json:
        console.file.write(json.dumps([i.as_dict() for i in items], default=str, indent=1) + "\n")
        return
    if not items:
        say(console, "nothing to review")
    for n, item in enumerate(items, 1):
        confidence = "?" if item.confidence is None else f"{item.confidence:.2f}"
        console.print(Text(f"{n}. ", style="bold").append(plain(f"{item.row_kind} {item.row_id}"))
                      .append(f"  confidence {confidence}"))
        say(console, "   " + values_line(item.values))
        say(console, f"   {item.title or '(no title)'} ({item.published_on or 'undated'}) {item.url or ''}", "dim")
        for text, style in ((item.before, "dim"), (item.sentence, ""), (item.after, "dim")):
            if text:
                say(console, ("   > " if not style else "     ") + text, style or None)
        say(console, f"   chipdemand confirm {item.row_id} | reject {item.row_id} --note ... | "
                     f"correct {item.row_id} --set FIELD=VALUE --note ...", "cyan")


@corrections_app.command("apply")
def apply_now(db: Optional[Path] = typer.Option(None, "--db", help=DB_HELP),
              corrections: Optional[Path] = typer.Option(None, "--corrections", help=CORRECTIONS_HELP),
              lock_wait: float = LOCK_WAIT) -> None:
    """Apply the corrections file to the warehouse now, without a run (no fetching, no re-extraction).

    Example:

      chipdemand corrections apply && chipdemand sql "SELECT * FROM v_corrections"
    """
    from flows.corrections import apply_corrections
    from flows.summary import print_correction_problems

    db_path = warehouse(db)
    with user_errors():
        path = corrections_file(corrections, db_path, lock_wait)
        summary = apply_corrections(db_path, path, SEEDS_DIR, required=True, lock_wait_s=lock_wait)
    say(console, f"{summary.lines} corrections from {path}: {summary.applied} applied, "
                 f"{summary.orphaned} orphaned, {summary.quarantined} quarantined")
    print_correction_problems(summary.as_dict(), console)


@corrections_app.command("export-gold")
def export_gold_files(out: Path = typer.Option(..., "--out", help="Folder for the gold JSON files"),
                      db: Optional[Path] = typer.Option(None, "--db", help=DB_HELP),
                      corrections: Optional[Path] = typer.Option(None, "--corrections", help=CORRECTIONS_HELP),
                      lock_wait: float = LOCK_WAIT) -> None:
    """Write a gold JSON (../shared/eval/GOLD_FORMAT.md) per reviewed article, for score.py.

    Example:

      chipdemand corrections export-gold --out gold/ && python ../shared/eval/score.py --db warehouse/chipdemand.duckdb --gold gold/
    """
    from flows.gold_export import export_gold
    from flows.corrections import applied_is_current

    db_path = warehouse(db)
    with user_errors():
        path = corrections_file(corrections, db_path, lock_wait)
        current = applied_is_current(db_path, path, SEEDS_DIR, lock_wait)
        result = export_gold(db_path, out, lock_wait)
    if not current:
        say(err, f"warning: {path} changed since the warehouse applied it; run `chipdemand corrections apply` "
                 "first to export the latest decisions", "yellow")
    for reason in result.skipped:
        say(err, f"skipped {reason}", "yellow")
    say(console, f"wrote {len(result.written)} gold files to {out}")


def register(app: typer.Typer) -> None:
    """Add the analyst's commands to the main `chipdemand` app."""
    app.command()(review)
    app.command()(correct)
    app.command()(reject)
    app.command()(confirm)
    app.command()(add)
    app.add_typer(corrections_app, name="corrections")
