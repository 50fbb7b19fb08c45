"""The pattern language the policy seeds are written in (see the header of seeds/policy_triggers.csv).

Words, "word*" for any ending, "(a|b)" choices, "(...)?" optional words, "~" for a gap of up to eight
words ("~ ~" up to sixteen), "-" matching a hyphen, a space or nothing. `compile_phrase` turns one phrase into a regular
expression; `phrase_cues` derives the lower-case literals every match contains, so that a phrase need
not run on a text that lacks them. Trigger phrases, status cues and scope cues all use it.
"""
from __future__ import annotations

import re

class PolicyPatternError(ValueError):
    """A seed pattern that does not compile."""


# A gap word may hold a full stop inside a number or an abbreviation ("¥802.5", "U.S."), never at a sentence's end.
_GAP_WORD = r"(?:[^\s.;!?]|\.(?=\w)|(?<=\b[A-Z])\.)+\s+"
GAP = rf"(?:{_GAP_WORD}){{0,8}}?"
LONG_GAP = rf"(?:{_GAP_WORD}){{0,16}}?"
# A gap may open with a comma (an aside), not with one that starts a new clause (", and that shipments ...").
GAP_LEAD = r"(?:,(?!\s+(?:and|but|or|nor|while|whereas|which|who|that|as|so|because|although|though)\b))?\s+"


def compile_phrase(phrase: str) -> re.Pattern:
    """Compile a seed phrase: words, "word*", "(a|b)", "(...)?", "~" gaps, "-" and "'" variants."""
    regex = ""
    for token in _tokens(phrase):
        if token == "~":
            if regex.endswith(GAP):  # "~ ~": one gap of twice the length
                regex = regex[: -len(GAP)] + LONG_GAP
            elif not regex.endswith(LONG_GAP):
                regex += GAP_LEAD + GAP if regex else GAP  # "passed, on third reading, an amendment"
            continue
        body = "".join(_translate_char(ch) for ch in token)
        if regex.endswith((GAP, LONG_GAP)):
            regex += body
        elif token.endswith(")?") and regex:
            regex += r"(?:\s+" + body[:-1] + ")?"  # an optional last word brings its own space
        else:
            regex += (r"\s+" if regex else "") + body
    try:
        return re.compile(rf"(?<![\w-]){regex}(?![\w])", re.I)
    except re.error as exc:
        raise PolicyPatternError(f"bad seed pattern {phrase!r}: {exc}") from exc


# Stands, in a spelled-out phrase, for whatever a wildcard, a hyphen, a quote or a space may match.
_ANY = "\0"


class _NoCues(ValueError):
    """A phrase written with regex syntax outside the pattern language: it gets no cue words."""


def phrase_cues(phrase: str) -> tuple[frozenset[str], ...]:
    """Lower-case ASCII literals every match of `compile_phrase(phrase)` contains: one of each set.

    Each word of the phrase that a match cannot leave out ("~" gaps and optional "(...)?" words can be
    left out) is spelled out in every way its choices allow; each spelling's longest literal run is a
    cue. A set holding a cue that contains another one keeps only the shorter. Anything outside the
    pattern language gives no cues, so the phrase is then always tried."""
    cues = []
    try:
        for token in _tokens(phrase):
            if token == "~" or token.endswith(")?"):
                continue
            words = set()
            for spelling in _spellings(token):
                runs = [run for run in spelling.split(_ANY) if run]
                if not runs:
                    break  # the word may match with no literal at all
                words.add(max(runs, key=len).lower())
            else:
                cues.append(frozenset(w for w in words if not any(o != w and o in w for o in words)))
    except _NoCues:
        return ()
    return tuple(cues)


def _spellings(token: str) -> list[str]:
    """Every spelling of one phrase word, `_ANY` standing where the regex allows other characters."""
    spellings, end = _sequence(token, 0)
    if end != len(token):
        raise _NoCues(token)  # a "|" or ")" outside any group
    return spellings


def _sequence(token: str, pos: int) -> tuple[list[str], int]:
    """Spellings of the token from `pos` up to a "|" or ")" that closes the enclosing group."""
    out = [""]
    while pos < len(token) and token[pos] not in "|)":
        ch = token[pos]
        if ch == "(":
            if token.startswith("(?", pos):
                raise _NoCues(token)
            choices, pos = _sequence(token, pos + 1)
            while pos < len(token) and token[pos] == "|":
                more, pos = _sequence(token, pos + 1)
                choices += more
            if pos >= len(token):
                raise _NoCues(token)
            pos += 1
            if token.startswith("?", pos):
                choices, pos = choices + [""], pos + 1
            out = [o + c for o in out for c in choices]
            continue
        if ch == "?":  # the character before is optional
            out = [o[:-1] + _ANY for o in out]
        elif ch == "\\":  # an escape such as \d: one character class
            out, pos = [o + _ANY for o in out], pos + 1
        elif ch in "[]{}":
            raise _NoCues(token)
        elif ch in "*-'’ " or not ch.isascii():
            out = [o + _ANY for o in out]
        else:
            out = [o + ch for o in out]
        pos += 1
    return out, pos



def _tokens(phrase: str) -> list[str]:
    """Split a phrase on the spaces outside parentheses."""
    tokens, depth, current = [], 0, ""
    for ch in phrase.strip():
        depth += (ch == "(") - (ch == ")")
        if ch == " " and depth == 0:
            if current:
                tokens.append(current)
            current = ""
        else:
            current += ch
    return tokens + ([current] if current else [])


def _translate_char(ch: str) -> str:
    if ch == "*":
        return r"[\w-]*"
    if ch == "-":
        return r"[-\s]?"
    if ch in "'’":
        return "['’]"
    if ch in ".+^$":
        return "\\" + ch
    if ch == " ":
        return r"\s+"
    return ch
