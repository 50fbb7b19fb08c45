"""Flow run names that say what a run read and when: `demo+wire 2026-12-05 06:00`.

Prefect names runs with two random words by default; in the UI's run list a name that names the
sources (the `[[sources]]` names of a sources file, a folder's or file's name, a URL's host and last
path part) and the UTC start time tells runs apart at a glance.
"""
from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import urlsplit

MAX_LABEL = 60
MAX_NAMES = 3


def sources_label(sources: str | None) -> str:
    """A short label for the `sources` parameter (the default sources when empty)."""
    from flows.defaults import default_sources
    from flows.sources import SourcesError, is_url, load_sources_file

    value = sources or str(default_sources())
    if is_url(value):
        parts = urlsplit(value)
        tail = parts.path.rstrip("/").rsplit("/", 1)[-1]
        label = f"{parts.hostname or value}{'/' + tail if tail else ''}"
    elif value.lower().endswith(".toml"):
        try:
            names = [spec.name for spec in load_sources_file(Path(value))]
        except (SourcesError, OSError, ValueError):
            names = []
        shown = names[:MAX_NAMES] + ([f"{len(names) - MAX_NAMES} more"] if len(names) > MAX_NAMES else [])
        label = "+".join(shown) or Path(value).name
    else:
        label = Path(value).name or value
    return label if len(label) <= MAX_LABEL else label[:MAX_LABEL - 1] + "…"


def flow_run_name() -> str:
    """The name of the flow run being created (Prefect calls this with the run's parameters in context)."""
    from prefect.runtime import flow_run

    params = flow_run.parameters or {}
    config = params.get("config")
    sources = getattr(config, "sources", None) if config is not None else params.get("sources")
    return f"{sources_label(sources)} {datetime.now(timezone.utc):%Y-%m-%d %H:%M}"
