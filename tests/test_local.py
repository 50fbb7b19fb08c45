"""Local folders: what is read, what is refused, and why."""
import os

from flows.local import list_folder, read_file
from flows.work import WorkItem


def test_folder_lists_article_files_only(tmp_path):
    (tmp_path / "a.html").write_text("<p>x</p>")
    (tmp_path / "b.txt").write_text("x")
    (tmp_path / "c.pdf").write_text("x")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "d.htm").write_text("x")
    items, refused = list_folder(tmp_path, "docs", 100)
    assert sorted(i.source for i in items) == ["docs/a.html", "docs/b.txt", "docs/sub/d.htm"]
    assert refused == []


def test_link_leading_outside_the_folder_is_refused(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text("do not read")
    folder = tmp_path / "folder"
    folder.mkdir()
    os.symlink(outside / "secret.txt", folder / "leak.txt")
    items, refused = list_folder(folder, "folder", 100)
    assert items == []
    assert refused[0]["status"] == "refused" and refused[0]["reason"].startswith("outside_folder")


def test_symlink_loop_is_recorded_not_fatal(tmp_path):
    os.symlink(tmp_path / "loop2.html", tmp_path / "loop1.html")
    os.symlink(tmp_path / "loop1.html", tmp_path / "loop2.html")
    items, refused = list_folder(tmp_path, "f", 100)
    assert items == []
    assert {r["reason"].split(":")[0] for r in refused} == {"unresolvable"}


def test_max_items_caps_the_listing_and_says_so(tmp_path):
    for i in range(5):
        (tmp_path / f"{i}.txt").write_text("x")
    items, refused = list_folder(tmp_path, "f", 3)
    assert len(items) == 3
    assert len(refused) == 2 and refused[0]["reason"].startswith("max_items")


def test_unreadable_file_is_a_failed_read(tmp_path):
    weird = tmp_path / "dir.html"
    weird.mkdir()
    fetched = read_file(WorkItem(url=weird.as_uri(), source="dir.html", kind="file", path=str(weird)), 1000)
    assert fetched.page is None
    assert fetched.log["status"] == "failed" and fetched.log["reason"].startswith("unreadable")


def test_oversized_file_is_refused_before_reading(tmp_path):
    big = tmp_path / "big.html"
    big.write_bytes(b"x" * 2000)
    fetched = read_file(WorkItem(url=big.as_uri(), source="big.html", kind="file", path=str(big)), 1000)
    assert fetched.page is None and fetched.log["reason"].startswith("too_large")


def test_unchanged_file_is_not_parsed_again(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text("same")
    first = read_file(WorkItem(url=f.as_uri(), source="a.txt", kind="file", path=str(f)), 1000)
    again = read_file(WorkItem(url=f.as_uri(), source="a.txt", kind="file", path=str(f),
                               known_raw_sha256=first.state["raw_sha256"]), 1000)
    assert first.page is not None and not first.unchanged
    assert again.page is None and again.unchanged and again.log["status"] == "unchanged"


def test_fifo_is_refused_without_blocking(tmp_path):
    fifo = tmp_path / "pipe.html"
    os.mkfifo(fifo)
    fetched = read_file(WorkItem(url=fifo.as_uri(), source="pipe.html", kind="file", path=str(fifo)), 1000)
    assert fetched.page is None and fetched.log["reason"] == "unreadable: not a regular file"


def test_a_file_name_that_is_not_utf8_is_refused_with_its_reason(tmp_path):
    (tmp_path / "good.txt").write_text("x")
    with open(os.path.join(os.fsencode(tmp_path), b"caf\xe9.txt"), "wb") as f:
        f.write(b"x")
    os.mkdir(os.path.join(os.fsencode(tmp_path), b"d\xff"))
    with open(os.path.join(os.fsencode(tmp_path), b"d\xff", b"inner.txt"), "wb") as f:
        f.write(b"x")
    items, refused = list_folder(tmp_path, "f", 100)
    assert [i.source for i in items] == ["f/good.txt"]
    assert sorted(r["source"] for r in refused) == ["f/caf\\xe9.txt", "f/d\\xff/inner.txt"]
    for row in refused:
        assert row["status"] == "refused" and row["reason"].startswith("undecodable_name:")
        row["url"].encode("utf-8")      # every text in the row can be stored
        row["source"].encode("utf-8")
        row["reason"].encode("utf-8")
