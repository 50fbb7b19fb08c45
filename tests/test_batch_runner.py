"""flows.batch_runner: how a run's pages are cut into batches."""
from flows.batch_runner import chunks


def test_batches_cover_every_item_once_in_order():
    items = list(range(457))
    assert [len(b) for b in chunks(items, 200)] == [200, 200, 57]
    assert [x for b in chunks(items, 200) for x in b] == items


def test_a_small_first_batch_then_full_ones():
    items = list(range(457))
    batches = list(chunks(items, 200, first=50))
    assert [len(b) for b in batches] == [50, 200, 200, 7]
    assert [x for b in batches for x in b] == items


def test_a_first_size_not_below_the_batch_size_changes_nothing():
    items = list(range(30))
    assert list(chunks(items, 10, first=10)) == list(chunks(items, 10))
    assert list(chunks(items, 10, first=0)) == list(chunks(items, 10))
    assert list(chunks([], 10, first=5)) == []
