"""Printing to a terminal safely: values from the warehouse and the web are text, never markup.

Evidence sentences, URLs, paths and exception messages come from outside. Printed through Rich as
they are, `[/bold]` crashes the command, `[link=...]` becomes a hyperlink and an ESC byte drives the
terminal. Everything here prints them as plain `rich.text.Text` with control characters shown as
escapes (`\\x1b`, `\\n`), and every user-facing error is one line on stderr.
"""
from __future__ import annotations

import re

from rich.console import Console
from rich.text import Text

# C0 controls, DEL and C1 controls (ESC is \x1b; \x9b is the one-byte CSI), and Unicode's bidi overrides
CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def shown(value: object) -> str:
    """`value` as text with every control character escaped (`\\x1b`, `\\n`, `\\u202e`), safe to print."""
    return CONTROL.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), str(value))


def plain(value: object) -> Text:
    """A Rich Text of `value` that Rich prints as it is (no markup, no emoji codes, controls escaped)."""
    return Text(shown(value))


def say_error(console: Console, label: str, message: object) -> None:
    """One line on `console`: a bold red label, then the message as plain text."""
    line = Text(f"{label}: ", style="bold red")
    line.append(shown(message))
    console.print(line, soft_wrap=True)


def say(console: Console, message: object, style: str | None = None) -> None:
    """One line of plain text (paths, URLs and counts from outside never read as markup)."""
    console.print(Text(shown(message), style=style or ""), soft_wrap=True)


def print_table(console: Console, columns: list[str], rows: list[tuple], truncated: bool = False) -> None:
    """Query rows as a Rich table of plain-text cells; the caption says when rows were left out."""
    from rich.table import Table

    from warehouse.query import plain as plain_value

    n = len(rows)
    caption = f"{n} row{'s' if n != 1 else ''}"
    if truncated:
        caption = f"first {n} rows shown; raise --max-rows, or use --format csv/json for every row"
    table = Table(caption=caption)
    for column in columns:
        table.add_column(plain(column))
    for row in rows:
        table.add_row(*(Text("") if v is None else plain(plain_value(v)) for v in row))
    console.print(table)
