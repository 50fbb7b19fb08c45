"""Reference data (the seed CSVs) as one immutable value passed down to the transforms.

Every `seeds/*.csv` becomes a table of string rows keyed by the file's stem
(`companies`, `chips`, `fx_rates`, `policy_actors`, ...). Lines starting with `#` are comments
(used for the source of a file's figures). Transforms build their gazetteers from these rows once,
so nothing in the core reads files or globals.
"""
from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Mapping


class MissingSeedError(KeyError):
    """A transform asked for a seed table that the seeds folder does not have."""


@dataclass(frozen=True)
class ReferenceData:
    """All seed tables: name -> tuple of rows (dicts of column -> string)."""

    tables: Mapping[str, tuple[dict[str, str], ...]] = field(default_factory=dict)

    def table(self, name: str) -> tuple[dict[str, str], ...]:
        try:
            return self.tables[name]
        except KeyError:
            raise MissingSeedError(f"no seed table {name!r}; have {sorted(self.tables)}") from None


def read_seed_csv(path: Path) -> tuple[dict[str, str], ...]:
    """Rows of one seed CSV, skipping `#` comment lines, with values stripped."""
    with path.open(newline="", encoding="utf-8") as fh:
        lines = [line for line in fh if not line.lstrip().startswith("#")]
    rows = csv.DictReader(lines)
    return tuple({k.strip(): (v or "").strip() for k, v in row.items() if k} for row in rows)


def load_reference(seeds_dir: Path) -> ReferenceData:
    """Read every `*.csv` in `seeds_dir` into a ReferenceData value."""
    tables = {p.stem: read_seed_csv(p) for p in sorted(Path(seeds_dir).glob("*.csv"))}
    return ReferenceData(tables=MappingProxyType(tables))
