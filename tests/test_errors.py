"""ScheduleError: attributes, caret rendering, pickling (SEMANTICS S1, STYLE 2.4)."""

from __future__ import annotations

import pickle

import pytest

import isorepeat
from isorepeat import ScheduleError

S1_EXAMPLE = "R5/2012-13-01T00:00Z/P1D"

# Each row: the error's fields, then its exact rendering (STYLE 2.4: message, the text indented
# by two spaces, the caret under the column, then the hint if there is one).
RENDERINGS = [
    # S1's example
    (
        ("month 13 is out of range 01-12", S1_EXAMPLE, 8, None),
        "month 13 is out of range 01-12\n  R5/2012-13-01T00:00Z/P1D\n" + " " * 10 + "^",
    ),
    # column 0
    (
        ("a schedule starts with 'R', found 'x'", "x", 0, None),
        "a schedule starts with 'R', found 'x'\n  x\n  ^",
    ),
    # the text ended too early: the caret stands just after the last character
    (
        ("the schedule ends after the start; expected '/' and a period", "R/2012-10-01", 12, None),
        "the schedule ends after the start; expected '/' and a period\n  R/2012-10-01\n" + " " * 14 + "^",
    ),
    # with a hint
    (
        ("hour 24 is out of range 00-23", "R/2008-02-15T24:00Z/P1D", 13, "write T00:00 on the next day"),
        "hour 24 is out of range 00-23\n"
        "  R/2008-02-15T24:00Z/P1D\n" + " " * 15 + "^\n"
        "hint: write T00:00 on the next day",
    ),
    # a tab before the column is shown as \t and does not shift the caret
    (
        ("unexpected whitespace after the repetitions; expected '/'", "R\t/x", 1, None),
        "unexpected whitespace after the repetitions; expected '/'\n  R\\t/x\n   ^",
    ),
    (
        ("unexpected 'x'", "R/\t/x", 4, None),
        "unexpected 'x'\n  R/\\t/x\n" + " " * 7 + "^",
    ),
    # a newline in the text stays on the one line
    (
        ("unexpected whitespace", "R\n5", 1, None),
        "unexpected whitespace\n  R\\n5\n   ^",
    ),
]


@pytest.mark.parametrize(("fields", "rendered"), RENDERINGS)
def test_s1_caret_rendering(fields: tuple[str, str, int, str | None], rendered: str) -> None:
    assert str(ScheduleError(*fields)) == rendered


def test_s1_attributes() -> None:
    err = ScheduleError("month 13 is out of range 01-12", S1_EXAMPLE, 8, "write a month 01-12")
    assert err.message == "month 13 is out of range 01-12"
    assert err.text == S1_EXAMPLE
    assert err.column == 8
    assert err.hint == "write a month 01-12"


def test_s1_hint_defaults_to_none() -> None:
    err = ScheduleError("month 13 is out of range 01-12", S1_EXAMPLE, 8)
    assert err.hint is None
    assert "hint" not in str(err)


def test_s1_is_a_value_error() -> None:
    assert issubclass(ScheduleError, ValueError)
    with pytest.raises(ValueError, match="month 13 is out of range 01-12"):
        isorepeat.parse(S1_EXAMPLE)


def test_s1_example_from_parse() -> None:
    with pytest.raises(ScheduleError) as info:
        isorepeat.parse(S1_EXAMPLE)
    err = info.value
    assert (err.text, err.column, err.message) == (S1_EXAMPLE, 8, "month 13 is out of range 01-12")
    assert str(err) == "month 13 is out of range 01-12\n  R5/2012-13-01T00:00Z/P1D\n          ^"


def test_s1_tab_in_parsed_text_does_not_shift_caret() -> None:
    text = "R5/2012-10-01T05:52:00Z\t/PT2S"
    with pytest.raises(ScheduleError) as info:
        isorepeat.parse(text)
    err = info.value
    assert err.column == 23
    shown, caret = str(err).split("\n")[1:3]
    assert shown == "  R5/2012-10-01T05:52:00Z\\t/PT2S"
    assert caret == "  " + " " * 23 + "^"
    assert shown[caret.index("^")] == "\\"


def test_s1_repr() -> None:
    err = ScheduleError("month 13 is out of range 01-12", S1_EXAMPLE, 8, None)
    assert repr(err) == "ScheduleError('month 13 is out of range 01-12', 'R5/2012-13-01T00:00Z/P1D', 8, None)"


def test_s1_repr_with_hint() -> None:
    err = ScheduleError("m", "R", 1, "h")
    assert repr(err) == "ScheduleError('m', 'R', 1, 'h')"


@pytest.mark.parametrize("hint", [None, "write T00:00 on the next day"])
def test_s1_pickle_roundtrip(hint: str | None) -> None:
    err = ScheduleError("hour 24 is out of range 00-23", "R/2008-02-15T24:00Z/P1D", 13, hint)
    copy = pickle.loads(pickle.dumps(err))
    assert type(copy) is ScheduleError
    assert (copy.message, copy.text, copy.column, copy.hint) == (err.message, err.text, err.column, hint)
    assert str(copy) == str(err)
    assert copy.args == err.args


def test_s1_pickle_roundtrip_of_raised_error() -> None:
    with pytest.raises(ScheduleError) as info:
        isorepeat.parse(S1_EXAMPLE)
    copy = pickle.loads(pickle.dumps(info.value))
    assert (copy.message, copy.text, copy.column, copy.hint) == (
        "month 13 is out of range 01-12",
        S1_EXAMPLE,
        8,
        None,
    )


def test_s1_an_overlong_text_is_echoed_around_the_column() -> None:
    # The input limit is 1,000 characters: an error shows 100 of them, the caret on its column.
    text = "R/2026-01-01T00:00:00Z/P1D" + "x" * 900
    with pytest.raises(ScheduleError) as caught:
        isorepeat.parse(text)
    message, shown, caret = str(caught.value).splitlines()[:3]
    assert message == "unexpected 'x' after the period"
    assert shown == "  " + text[:100] + "..."
    assert caret.index("^") - 2 == caught.value.column == 26


def test_s1_a_column_deep_in_an_overlong_text_is_shown_with_both_cuts() -> None:
    error = ScheduleError("bad", "a" * 300 + "!" + "b" * 300, 300)
    _, shown, caret = str(error).splitlines()
    assert shown == "  ..." + "a" * 50 + "!" + "b" * 49 + "..."
    assert shown[caret.index("^")] == "!"
