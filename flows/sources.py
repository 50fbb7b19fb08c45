"""Where articles come from: the sources file (TOML) and the `--sources` argument.

A sources file holds `[[sources]]` entries of kind `feed` (RSS/Atom), `sitemap`, `urls` (a list),
`folder` (local .html/.htm/.txt), `gdelt` (a GDELT DOC 2.0 query, transforms/gdelt.py) or `site` (a
homepage whose feeds, or else robots.txt sitemaps, are found), and an optional `[fetch]` table of fetch
settings (flows/fetching/user_settings.py). `--sources` also takes one folder, one file or one http(s)
URL, whose kind (feed, sitemap or page) is detected from the content when it is fetched; a homepage
URL (path `/`) is a `site`.
"""
from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Literal
from urllib.parse import urlsplit

from transforms.gdelt import API_MAX_RECORDS, DEFAULT_ENDPOINT, GdeltError, GdeltQuery, parse_when

SourceKind = Literal["feed", "sitemap", "urls", "folder", "file", "url", "gdelt", "site"]
KINDS: tuple[str, ...] = ("feed", "sitemap", "urls", "folder", "file", "url", "gdelt", "site")
FILE_KINDS = ("feed", "sitemap", "urls", "folder", "gdelt", "site")   # kinds a sources file may name
LOCAL_SUFFIXES = (".html", ".htm", ".txt")


class SourcesError(ValueError):
    """The sources file or argument is malformed; the message says what to fix."""


@dataclass(frozen=True)
class SourceSpec:
    """One configured source."""

    name: str
    kind: SourceKind
    location: str = ""              # URL of a feed/sitemap/page, or a local path
    urls: tuple[str, ...] = ()      # for kind "urls"
    max_items: int = 10_000
    gdelt: GdeltQuery | None = None  # for kind "gdelt"


def is_url(value: str) -> bool:
    """True for http(s) URLs."""
    return value.lower().startswith(("http://", "https://"))


def is_homepage(url: str) -> bool:
    """True for a site's root URL (no path beyond `/`, no query): its feeds are found, it is not one article."""
    parts = urlsplit(url)
    return parts.path in ("", "/") and not parts.query


def spec_from_entry(entry: dict, base_dir: Path, index: int, allow_outside: bool = False) -> SourceSpec:
    """One `[[sources]]` table as a SourceSpec; relative paths are taken from the sources file's folder, and
    must stay inside it (links resolved) unless `allow_outside`: an absolute path says where it leads."""
    kind = entry.get("kind")
    name = str(entry.get("name") or f"source-{index + 1}")
    if kind not in FILE_KINDS:
        raise SourcesError(f"source {name!r}: kind must be one of {', '.join(FILE_KINDS)} (got {kind!r})")
    max_items = int(entry.get("max_items", 10_000))
    if kind == "gdelt":
        return SourceSpec(name=name, kind="gdelt", max_items=max_items, gdelt=gdelt_query(entry, name))
    if kind == "urls":
        urls = entry.get("urls")
        if not isinstance(urls, list) or not all(isinstance(u, str) for u in urls):
            raise SourcesError(f"source {name!r}: kind 'urls' needs urls = [\"https://...\", ...]")
        return SourceSpec(name=name, kind="urls", urls=tuple(urls), max_items=max_items)
    if kind == "folder":
        path = entry.get("path")
        if not isinstance(path, str):
            raise SourcesError(f"source {name!r}: kind 'folder' needs path = \"some/folder\"")
        if Path(path).is_absolute():
            return SourceSpec(name=name, kind="folder", location=path, max_items=max_items)
        folder = base_dir / path
        if not allow_outside and not folder.resolve().is_relative_to(base_dir.resolve()):
            raise SourcesError(f"source {name!r}: path {path!r} leads outside the sources file's folder "
                               f"({base_dir}); give an absolute path, or run with --allow-outside")
        return SourceSpec(name=name, kind="folder", location=str(folder), max_items=max_items)
    url = entry.get("url")
    if not isinstance(url, str) or not is_url(url):
        raise SourcesError(f"source {name!r}: kind {kind!r} needs url = \"https://...\"")
    return SourceSpec(name=name, kind=kind, location=url, max_items=max_items)


def read_toml(path: Path) -> dict:
    """A sources file as a dict; SourcesError naming the file when it is not valid TOML."""
    try:
        return tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise SourcesError(f"{path}: not valid TOML ({exc})") from exc


def fetch_table(value: str) -> dict:
    """The `[fetch]` table of a sources file (empty for a folder, a file or a URL given as --sources)."""
    path = Path(value)
    if is_url(value) or path.suffix.lower() != ".toml" or not path.is_file():
        return {}
    table = read_toml(path).get("fetch", {})
    if not isinstance(table, dict):
        raise SourcesError(f"{path}: [fetch] must be a table of settings")
    return table


def gdelt_query(entry: dict, name: str) -> GdeltQuery:
    """A `gdelt` table as a GdeltQuery; SourcesError with the reason when a field is missing or wrong."""
    try:
        query = entry.get("query")
        if not isinstance(query, str):
            raise GdeltError('needs query = "..." (GDELT DOC 2.0 search syntax)')
        start, end = entry.get("start"), entry.get("end")
        return GdeltQuery(
            query=query, timespan=entry.get("timespan"),
            start=parse_when(start, "start") if start is not None else None,
            end=parse_when(end, "end") if end is not None else None,
            max_records=int(entry.get("max_records", API_MAX_RECORDS)),
            endpoint=str(entry.get("endpoint", DEFAULT_ENDPOINT)),
            interval_seconds=float(entry.get("interval_seconds", 5.0)))
    except (GdeltError, TypeError, ValueError) as exc:
        raise SourcesError(f"source {name!r}: kind 'gdelt' {exc}") from None


def load_sources_file(path: Path, allow_outside: bool = False) -> list[SourceSpec]:
    """Every enabled source of a TOML sources file (`allow_outside`: see spec_from_entry)."""
    doc = read_toml(path)
    entries = doc.get("sources", [])
    if not isinstance(entries, list):
        raise SourcesError(f"{path}: expected [[sources]] tables")
    base = Path(path).resolve().parent
    return [spec_from_entry(e, base, i, allow_outside) for i, e in enumerate(entries) if e.get("enabled", True)]


def check_sources_argument(value: str) -> None:
    """Refuse a `--sources` value that must not be stored as a run parameter: a URL with credentials (the run's
    parameters are kept by Prefect; a sources file keeps them out of it), or a path that is not valid UTF-8."""
    from flows.redact import has_credentials, redact_url

    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        shown = value.encode("utf-8", errors="surrogateescape").decode("utf-8", errors="backslashreplace")
        raise SourcesError(f"--sources {shown}: the path is not valid UTF-8; rename it") from None
    if is_url(value) and has_credentials(value):
        raise SourcesError(f"--sources {redact_url(value)}: the URL carries credentials, which would be stored with "
                           "the run's parameters; put it in a sources file ([[sources]] url = \"...\") and pass that")


def resolve_sources(value: str, allow_outside: bool = False) -> list[SourceSpec]:
    """`--sources` as specs: a URL, a sources file (.toml), a folder, or one local file."""
    if is_url(value):
        return [SourceSpec(name=value, kind="site" if is_homepage(value) else "url", location=value)]
    path = Path(value)
    if not path.exists():
        raise SourcesError(f"--sources {value}: no such file or folder, and not an http(s) URL")
    if path.is_dir():
        return [SourceSpec(name=str(path), kind="folder", location=str(path))]
    if path.suffix.lower() == ".toml":
        return load_sources_file(path, allow_outside)
    if path.suffix.lower() not in LOCAL_SUFFIXES:
        raise SourcesError(f"--sources {value}: expected a .toml sources file or a .html/.htm/.txt file")
    return [SourceSpec(name=str(path), kind="file", location=str(path))]
