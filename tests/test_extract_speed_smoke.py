"""The extraction speed checker (bench/extract_speed.py) and the trigger cue words that make extraction fast.

No timing is asserted: the checker's timing is only run, its row comparison is what is checked.
"""
from __future__ import annotations

import re
import sys
from dataclasses import replace
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bench import extract_speed
from seeds import SEEDS_DIR
from transforms import date_grammar, dates, money, spend_lexicon
from transforms.entities import tree_alternation
from transforms.extract import Extractor
from transforms.cues import FOLDS_TO_ASCII, cue_text
from transforms.policy_lexicon import _present_cues, article_cues, build_policy_lexicon, compile_phrase, find_triggers, phrase_cues
from transforms.reference import load_reference
from transforms.sentences import WORD_BEFORE_DOT, split_sentences


@pytest.fixture(scope="module")
def ref():
    return load_reference(SEEDS_DIR)


@pytest.fixture(scope="module")
def demo_groups():
    return extract_speed.build_groups(synthetic=0, shared=False)


@pytest.fixture(scope="module")
def lexicon(ref):
    return build_policy_lexicon(ref)


# --- the checker --------------------------------------------------------------------------------------

def test_checker_finds_no_difference_between_two_runs_of_the_demo_articles(ref, demo_groups):
    extractor = Extractor(ref)
    rows, ms = extract_speed.timed_passes(extractor, demo_groups, passes=2)
    again, _ = extract_speed.extract_all(extractor.extract, demo_groups)
    assert [g.name for g in demo_groups] == ["demo"] and len(rows) >= 10
    assert sum(len(spend) + len(policy) for spend, policy in rows.values()) > 0
    assert set(ms) == {"demo"}
    assert extract_speed.differences(rows, again) == []


def test_checker_reports_a_changed_row_with_its_article(ref, demo_groups):
    rows, _ = extract_speed.extract_all(Extractor(ref).extract, demo_groups)
    key = next(k for k, (spend, _) in rows.items() if spend)
    spend, policy = rows[key]
    changed = dict(rows)
    changed[key] = ([{**spend[0], "amount_usd": (spend[0]["amount_usd"] or 0) + 1}, *spend[1:]], policy)
    diffs = extract_speed.differences(rows, changed)
    assert [d[0] for d in diffs] == [f"{key} [spend]"]
    assert diffs[0][1] == spend and diffs[0][2] == changed[key][0]


def test_checker_reports_an_article_missing_on_one_side(ref, demo_groups):
    rows, _ = extract_speed.extract_all(Extractor(ref).extract, demo_groups)
    key = sorted(rows)[0]
    fewer = {k: v for k, v in rows.items() if k != key}
    assert extract_speed.differences(rows, fewer) == [(key, rows[key], None)]


def test_checker_saves_and_compares_rows(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(extract_speed, "DEV_ARTICLES", tmp_path / "absent")
    monkeypatch.setattr(extract_speed, "CORPUS_HTML", tmp_path / "absent")
    saved = tmp_path / "rows.pkl"
    assert extract_speed.main(["--save", str(saved), "--synthetic", "0", "--passes", "1"]) == 0
    assert extract_speed.main(["--compare", str(saved), "--synthetic", "0", "--passes", "1"]) == 0
    out = capsys.readouterr()
    assert "0 differences" in out.out and "skipping dev articles" in out.err


# --- the trigger cue words ----------------------------------------------------------------------------

def test_cues_of_a_phrase_are_one_word_of_each_required_part():
    assert phrase_cues("(curb*|ban|bans) on (the )?(export*|sales)") == (
        frozenset({"curb", "ban"}), frozenset({"on"}), frozenset({"export", "sales"}))


def test_cues_skip_gaps_optional_words_and_optional_letters():
    assert phrase_cues("shuts? ~ out of (late)?") == (frozenset({"shut"}), frozenset({"out"}), frozenset({"of"}))


def test_cues_spell_out_choices_inside_a_word():
    assert phrase_cues("licen(c|s)e*") == (frozenset({"licence", "license"}),)
    assert phrase_cues("anti-dumping") == (frozenset({"dumping"}),)


def test_phrase_outside_the_pattern_language_has_no_cues():
    assert phrase_cues("export[s] curbs") == ()
    assert phrase_cues("(?:export) curbs") == ()


def test_every_cue_word_is_in_every_match():
    phrase = "(require*|need*) ~ (an )?(export )?licen(c|s)e* (before)?"
    text = "Shippers now NEED a special Export Licence before loading; others require licenses."
    matches = [m.group().lower() for m in compile_phrase(phrase).finditer(text)]
    assert len(matches) == 2
    assert all(any(w in m for w in words) for m in matches for words in phrase_cues(phrase))


def test_a_sentence_without_cue_words_finds_the_same_triggers(lexicon):
    plain = replace(lexicon, cue_index=None)
    for sentence in ("The ministry tightened export controls on memory chips.",
                     "The weather in the capital was mild and sunny on Tuesday.",
                     "Regulators opened an ANTI-DUMPING probe into imported sensors.",
                     "The \u0130nvestigation of the imports was widened.",  # a dotted capital I
                     "Officials impo\u017fed new \u017fanctions on the brokers."):  # a long s
        assert find_triggers(sentence, lexicon) == find_triggers(sentence, plain), sentence
        assert find_triggers(sentence, lexicon, article_cues(sentence, lexicon)) == find_triggers(sentence, plain)


def test_the_article_pass_finds_every_key_word_a_substring_test_finds(lexicon):
    """One Aho-Corasick pass over an article gives the key words, in index order, that testing each word
    with `in` gives: overlapping words ("ab" and "bc" in "abc") and words inside longer ones included."""
    index = lexicon.cue_index
    words = list(index.words)

    def by_substring(folded):
        return tuple(word for word in index.words if word in folded)

    overlapping = words[0] + words[1][1:] + " " + words[2][:-1] + words[2] + " " + "x".join(words[3:12])
    for folded in (overlapping, " ".join(words), "", "nothing of the kind here", "出口管制 " + words[-1]):
        assert _present_cues(index, folded) == by_substring(folded), folded


@given(st.lists(st.integers(min_value=0, max_value=10_000), max_size=12), st.text(alphabet="ae rtx", max_size=30))
@settings(max_examples=200, deadline=None)
def test_key_words_found_in_one_pass_equal_the_substring_test_on_any_mix(lexicon, picks, filler):
    words = lexicon.cue_index.words
    folded = filler.join(words[i % len(words)][i % 3:] for i in picks)
    assert _present_cues(lexicon.cue_index, folded) == tuple(w for w in words if w in folded)


def test_a_text_with_a_letter_lowercase_misses_is_not_cue_tested():
    assert cue_text("Export Controls") == "export controls"
    assert cue_text("\u0130nvestigation") is None


def test_folds_to_ascii_lists_every_character_a_caseless_regex_reads_as_an_ascii_letter():
    letter = re.compile("[a-z]", re.I)
    found = {chr(c) for c in range(128, sys.maxunicode + 1) if letter.fullmatch(chr(c))}
    assert found == FOLDS_TO_ASCII


# --- sentence splitting without rescanning the line ------------------------------------------------------

@given(st.text(alphabet="aZq. .(7\t", max_size=24))
@settings(max_examples=300, deadline=None)
def test_word_before_a_dot_is_found_from_the_last_space_as_from_the_line_start(line):
    for dot_at in (i for i, ch in enumerate(line) if ch == "."):
        whole = WORD_BEFORE_DOT.search(line, 0, dot_at + 1)
        bounded = WORD_BEFORE_DOT.search(line, line.rfind(" ", 0, dot_at) + 1, dot_at + 1)
        assert (whole and whole.span(1)) == (bounded and bounded.span(1))


def test_a_long_line_still_keeps_abbreviations_inside_sentences():
    line = " ".join(["Acme Inc. bought 40 servers in Jan. this year from Dr. Ng's firm."] * 30)
    sentences = split_sentences(line)
    assert len(sentences) == 30
    assert all(s.text.endswith("firm.") for s in sentences)


# --- the date patterns' cue words ------------------------------------------------------------------------

def _holds_one_of(items, words: tuple[str, ...]) -> bool:
    """True when every match of the parsed regex `items` holds one of `words` (lower-cased literals)."""
    from re import _constants as c  # the parser's own names: this test reads the regexes as Python parses them

    run, runs = "", []
    for op, av in items:
        if op is c.LITERAL and chr(av).isascii():
            run += chr(av).lower()
            continue
        runs.append(run)
        run = ""
        if op is c.SUBPATTERN and _holds_one_of(av[3], words):
            return True
        if op is c.BRANCH and all(_holds_one_of(branch, words) for branch in av[1]):
            return True
        if op in (c.MAX_REPEAT, c.MIN_REPEAT) and av[0] >= 1 and _holds_one_of(av[2], words):
            return True
    return any(w in r for r in [*runs, run] for w in words)


@pytest.mark.parametrize("kind", sorted(date_grammar.PATTERN_CUES))
def test_every_match_of_a_date_pattern_holds_its_cue_words(kind):
    from re import _parser

    pattern = dict(date_grammar.DATE_PATTERNS)[kind]
    for words in date_grammar.PATTERN_CUES[kind]:
        assert _holds_one_of(_parser.parse(pattern.pattern, pattern.flags), words), (kind, words)


def test_cue_check_rejects_a_word_some_match_lacks():
    from re import _parser

    assert not _holds_one_of(_parser.parse(date_grammar.SEASON.pattern, date_grammar.SEASON.flags), ("this",))
    assert not _holds_one_of(_parser.parse(date_grammar.AGO.pattern, date_grammar.AGO.flags), ("years",))


def test_dates_are_the_same_with_and_without_cue_words(monkeypatch):
    text = ("Officials said on Tuesday that the rules take effect next month. Three weeks ago the ministry "
            "warned of a probe; in the second half of 2024 and last summer it did the same. FY2025 capex "
            "rose in Q3, a year earlier than planned, and the previous day it had said so yesterday.")
    anchor = date(2025, 3, 12)
    with_cues = dates.find_dates(text, anchor)
    monkeypatch.setattr(dates, "PATTERN_CUES", {})
    assert dates.find_dates(text, anchor) == with_cues and len(with_cues) >= 8


# --- spend cue patterns shaped as a tree -----------------------------------------------------------------

def _longest_first(cues: list[str]) -> re.Pattern:
    parts = [r"\s+".join(re.escape(w) for w in c.split()) for c in sorted(set(cues), key=len, reverse=True)]
    return re.compile(r"(?<![\w\-])(?:" + "|".join(parts) + r")(?![\w\-])", re.IGNORECASE)


CUE_SAMPLE = ["capex", "capital expenditure", "capital spending", "spend", "spending", "spent", "set aside",
              "Set Aside Funds", "order", "orders", "ordered", "chip-making"]


@given(st.lists(st.sampled_from(CUE_SAMPLE + ["capital", "x", "-", "the", "Spends", "orders-", "set  aside"]),
                max_size=8),
       st.lists(st.sampled_from([" ", "  ", "\n", "-", "s ", ", "]), min_size=8, max_size=8))
@settings(max_examples=300, deadline=None)
def test_cue_tree_finds_what_a_longest_first_list_finds(words, gaps):
    text = "".join(w + g for w, g in zip(words, gaps))
    tree = spend_lexicon._cue_pattern(CUE_SAMPLE)
    flat = _longest_first(CUE_SAMPLE)
    assert [(m.span(), m.group()) for m in tree.finditer(text)] == [(m.span(), m.group()) for m in flat.finditer(text)]


def test_cue_tree_prefers_the_longer_cue_that_ends_on_a_word_boundary():
    pattern = spend_lexicon._cue_pattern(CUE_SAMPLE)
    text = "It SET  ASIDE funds, spending capital expenditures; it ordered more."
    assert [m.group() for m in pattern.finditer(text)] == ["SET  ASIDE funds", "spending", "ordered"]


def test_cues_with_a_non_ascii_letter_keep_the_longest_first_list():
    cues = ["\u017fpend", "spending", "spend"]  # a long s matches "s" when case is ignored
    text = "Spending and spend and \u017fpending."
    assert ([m.group() for m in spend_lexicon._cue_pattern(cues).finditer(text)]
            == [m.group() for m in _longest_first(cues).finditer(text)] == ["Spending", "spend", "\u017fpending"])


@given(st.lists(st.text(alphabet="ab.", min_size=1, max_size=4), min_size=1, max_size=8), st.text(alphabet="abAB. x", max_size=30))
@settings(max_examples=300, deadline=None)
def test_tree_alternation_tries_alternatives_longest_first_like_a_sorted_list(words, text):
    words = sorted(set(words))
    tree = tree_alternation([re.escape(ch) for ch in w] for w in words)
    flat = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    for flags in (0, re.I):  # the continuation fails on some longer matches, so the order of tries shows
        got = [m.span() for m in re.finditer(f"(?:{tree})(?![ab])", text, flags)]
        assert got == [m.span() for m in re.finditer(f"(?:{flat})(?![ab])", text, flags)]


def test_money_words_are_trees_that_find_the_same_amounts():
    assert money.PREFIX.startswith("(?:(?:") and "m(?:b)?" in money.PREFIX  # "rm", "rmb" (and "r$", "rs") share a branch
    found = money.find_money("It paid RMB 3bn, about US$0.4 billion, and 2 billion yuan; rm 5m too.")
    assert [(m.currency, m.amount, m.qualifier) for m in found] == [
        ("CNY", 3e9, None), ("USD", 4e8, "about"), ("CNY", 2e9, None), ("MYR", 5e6, None)]
