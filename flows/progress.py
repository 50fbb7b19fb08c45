"""A progress bar for long runs on a terminal (rich), silent elsewhere."""
from __future__ import annotations

from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn


class RunProgress:
    """Pages processed out of pages discovered; a no-op when disabled."""

    def __init__(self, total: int, enabled: bool):
        self._progress = (Progress(TextColumn("[bold]pages"), BarColumn(), MofNCompleteColumn(),
                                   TimeRemainingColumn(), transient=True) if enabled else None)
        self._total = total
        self._task = None

    def __enter__(self) -> "RunProgress":
        if self._progress is not None:
            self._progress.start()
            self._task = self._progress.add_task("pages", total=self._total)
        return self

    def advance(self, n: int) -> None:
        if self._progress is not None:
            self._progress.advance(self._task, n)

    def __exit__(self, *exc) -> None:
        if self._progress is not None:
            self._progress.stop()
