"""Sentence splitting: offsets slice the text, and abbreviations, decimals, lists and tables behave."""
from hypothesis import given, strategies as st

from transforms.sentences import split_sentences


def texts(sample: str) -> list[str]:
    return [s.text for s in split_sentences(sample)]


def test_offsets_slice_the_text():
    sample = "Acme bought chips.  It paid $1.5 billion!\n\nThen it stopped?"
    for s in split_sentences(sample):
        assert sample[s.start:s.end] == s.text


def test_decimal_amount_does_not_split():
    assert texts("Foo Corp will spend $5.5 billion on servers. Bar waits.") == [
        "Foo Corp will spend $5.5 billion on servers.", "Bar waits."]


def test_abbreviations_do_not_split():
    sample = "The U.S. Commerce Dept. acted on Jan. 20 against No. 3 supplier Widget Inc. in Ohio. Shares fell."
    assert len(texts(sample)) == 2


def test_initials_do_not_split():
    assert texts("Analyst J. Doe said so. Others disagree.") == ["Analyst J. Doe said so.", "Others disagree."]


def test_question_and_exclamation_split():
    assert texts("Will it buy? Yes! It will.") == ["Will it buy?", "Yes!", "It will."]


def test_closing_quote_stays_with_its_sentence():
    assert texts('He said: "We will buy more." The firm agreed.') == [
        'He said: "We will buy more."', "The firm agreed."]


def test_lowercase_after_stop_does_not_split():
    assert len(texts("It costs approx. ten dollars. ok fine")) == 1


def test_each_line_is_its_own_paragraph():
    found = split_sentences("Heading without stop\nFirst line. Second sentence.\n\nThird line.")
    assert [s.paragraph for s in found] == [0, 1, 1, 2]


def test_bullet_marker_is_left_out():
    sample = "- Widget Co spent $3 billion.\n• Gadget Ltd spent $2 billion."
    assert texts(sample) == ["Widget Co spent $3 billion.", "Gadget Ltd spent $2 billion."]


def test_table_row_is_one_sentence():
    sample = "Quarter | Capex | Change\nQ1 | 12.5 | +10%"
    assert texts(sample) == ["Quarter | Capex | Change", "Q1 | 12.5 | +10%"]


def test_blank_text_has_no_sentences():
    assert split_sentences("  \n\n \t") == []


@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=400))
def test_never_raises_and_offsets_slice(sample):
    for s in split_sentences(sample):
        assert sample[s.start:s.end] == s.text
        assert s.text.strip() == s.text and s.text


@given(st.lists(st.sampled_from(["Acme", "spent", "$2.5", "billion.", "U.S.", "It", "\n", "- ", "|", "“Yes.”", "Mr."]),
                max_size=40))
def test_sentences_are_ordered_and_disjoint(words):
    sample = " ".join(words)
    found = split_sentences(sample)
    for a, b in zip(found, found[1:]):
        assert a.end <= b.start


def test_camel_cased_name_opens_a_sentence():
    assert texts("Sales rose. iFlytek spent more.") == ["Sales rose.", "iFlytek spent more."]
