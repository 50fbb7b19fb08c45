"""Named SQL statements kept in `sql/*.sql` (one statement per `-- name: x` block)."""
from __future__ import annotations

import re
from functools import cache
from pathlib import Path

SQL_DIR = Path(__file__).resolve().parent / "sql"
NAME_LINE = re.compile(r"^--\s*name:\s*(\w+)\s*$", re.MULTILINE)


class UnknownStatementError(KeyError):
    """No statement of that name in warehouse/sql/."""


@cache
def all_statements() -> dict[str, str]:
    """Every named statement in warehouse/sql/*.sql (read once; the files do not change at run time)."""
    found: dict[str, str] = {}
    for path in sorted(SQL_DIR.glob("*.sql")):
        parts = NAME_LINE.split(path.read_text(encoding="utf-8"))
        for name, body in zip(parts[1::2], parts[2::2]):
            found[name] = body.strip().rstrip(";")
    return found


def statement(name: str) -> str:
    """The SQL text of a named statement."""
    try:
        return all_statements()[name]
    except KeyError:
        raise UnknownStatementError(f"no SQL statement named {name!r} in {SQL_DIR}") from None
