"""The sources file and the --sources argument."""
from pathlib import Path

import pytest

from flows.sources import SourcesError, load_sources_file, resolve_sources


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_sources_file_reads_every_kind(tmp_path):
    f = write(tmp_path / "s.toml", """
[[sources]]
kind = "folder"
path = "pages"
[[sources]]
name = "wire"
kind = "feed"
url = "https://news.example/feed.xml"
[[sources]]
kind = "sitemap"
url = "https://news.example/sitemap.xml"
max_items = 50
[[sources]]
kind = "urls"
urls = ["https://news.example/a.html"]
[[sources]]
kind = "feed"
url = "https://off.example/feed"
enabled = false
""")
    specs = load_sources_file(f)
    assert [s.kind for s in specs] == ["folder", "feed", "sitemap", "urls"]
    assert specs[0].location == str(tmp_path / "pages")
    assert specs[1].name == "wire"
    assert specs[2].max_items == 50
    assert specs[3].urls == ("https://news.example/a.html",)


def test_unknown_kind_is_refused_with_the_choices(tmp_path):
    f = write(tmp_path / "s.toml", '[[sources]]\nkind = "ftp"\nurl = "ftp://x"\n')
    with pytest.raises(SourcesError, match="feed, sitemap, urls, folder"):
        load_sources_file(f)


def test_feed_without_http_url_is_refused(tmp_path):
    f = write(tmp_path / "s.toml", '[[sources]]\nkind = "feed"\nurl = "file:///etc/passwd"\n')
    with pytest.raises(SourcesError, match="needs url"):
        load_sources_file(f)


def test_invalid_toml_names_the_file(tmp_path):
    f = write(tmp_path / "s.toml", "[[sources]\nkind=")
    with pytest.raises(SourcesError, match="not valid TOML"):
        load_sources_file(f)


def test_sources_argument_takes_folder_file_and_url(tmp_path):
    page = write(tmp_path / "one.html", "<html></html>")
    assert resolve_sources(str(tmp_path))[0].kind == "folder"
    assert resolve_sources(str(page))[0].kind == "file"
    assert resolve_sources("https://news.example/feed.xml")[0].kind == "url"


def test_sources_argument_that_does_not_exist_says_so(tmp_path):
    with pytest.raises(SourcesError, match="no such file or folder"):
        resolve_sources(str(tmp_path / "missing"))


def test_sources_argument_with_unsupported_suffix_is_refused(tmp_path):
    f = write(tmp_path / "data.pdf", "x")
    with pytest.raises(SourcesError, match=".toml sources file"):
        resolve_sources(str(f))


@pytest.fixture()
def outside(tmp_path) -> Path:
    """A sources file in tmp/conf/ and a folder tmp/outside/ beside (not under) it."""
    (tmp_path / "conf").mkdir()
    (tmp_path / "outside").mkdir()
    (tmp_path / "outside" / "private.txt").write_text("not for the warehouse")
    return tmp_path


def test_a_relative_folder_outside_the_sources_files_folder_is_refused(outside):
    f = write(outside / "conf" / "s.toml", '[[sources]]\nkind = "folder"\npath = "../outside"\n')
    with pytest.raises(SourcesError, match="outside the sources file's folder.*absolute path.*--allow-outside"):
        load_sources_file(f)
    assert Path(load_sources_file(f, allow_outside=True)[0].location).resolve() == outside / "outside"


def test_a_link_out_of_the_sources_files_folder_is_not_followed(outside):
    (outside / "conf" / "linked").symlink_to(outside / "outside")
    f = write(outside / "conf" / "s.toml", '[[sources]]\nkind = "folder"\npath = "linked"\n')
    with pytest.raises(SourcesError, match="outside the sources file's folder"):
        load_sources_file(f)


def test_an_absolute_folder_is_taken_as_given(outside):
    f = write(outside / "conf" / "s.toml", f'[[sources]]\nkind = "folder"\npath = "{outside / "outside"}"\n')
    assert load_sources_file(f)[0].location == str(outside / "outside")


def test_a_folder_under_the_sources_files_folder_is_read(outside):
    (outside / "conf" / "articles").mkdir()
    f = write(outside / "conf" / "s.toml", '[[sources]]\nkind = "folder"\npath = "./articles/../articles"\n')
    assert load_sources_file(f)[0].kind == "folder"
