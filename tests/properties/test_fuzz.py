"""S1/S2 as properties: any text parses, or raises ScheduleError with a column inside the text."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

import isorepeat
from isorepeat import Duration, ScheduleError

from .strategies import (
    SETTINGS,
    durations,
    empty_start_schedules,
    fast_shape_texts,
    mutations,
    other_form_schedules,
    schedules,
)

_MAX_LENGTH = 1000


def _parse(text: str) -> object:
    return isorepeat.parse(text)


def _parse_in_berlin(text: str) -> object:
    return isorepeat.parse(text, tz="Europe/Berlin")


_PARSERS: dict[str, Callable[[str], object]] = {
    "parse": _parse,
    "parse_tz": _parse_in_berlin,
    "duration": Duration.parse,
}


def _outcome(parser: Callable[[str], object], text: str) -> tuple[object, ScheduleError | None]:
    try:
        return parser(text), None
    except ScheduleError as error:  # anything else escapes and fails the test (S2)
        return None, error


def _obeys_s2(parser: Callable[[str], object], text: str) -> None:
    """Returns a value that prints, or raises a well-formed ScheduleError; nothing else (S1, S2)."""
    value, error = _outcome(parser, text)
    if error is None:
        assert len(text) <= _MAX_LENGTH, "a text over 1000 characters must be rejected (S2)"
        assert str(value)
        return
    assert error.text == text
    assert isinstance(error.column, int)
    assert 0 <= error.column <= len(text), (text, error.column, error.message)
    assert isinstance(error.message, str)
    assert error.message.strip(), text
    assert error.hint is None or (isinstance(error.hint, str) and error.hint.strip())
    assert str(error).startswith(error.message)  # renders the caret line without failing
    if len(text) > _MAX_LENGTH:
        assert error.column == _MAX_LENGTH, (text[:40], error.column, error.message)


def _all_parsers(text: str) -> None:
    for parser in _PARSERS.values():
        _obeys_s2(parser, text)


@settings(SETTINGS, max_examples=1500)
@given(st.text())
@example("")
@example("R")
@example("R/")
@example("R//")
@example("R/2012-01-01T00:00:00Z/")
@example("R/2012-01-01T00:00:00[")
@example("R/2012-01-01T00:00:00[]/P1D")
@example("R/2012-01-01T00:00:00[..]/P1D")
@example("R/2012-01-01T00:00:00[America]/P1D")
@example("R/2012-01-01T00:00:00[+]/P1D")
@example("R/2012-01-01T00:00:00[+99:99]/P1D")
@example("R/2012-01-01T00:00:00Z/2012-01-01T00:00:00Z[")
@example("R/2012-01-01T00:00:00Z/1")
@example("R5/P1D/1")
@example("R/P0001-")
@example("PT")
@example("P1.")
@example("P1.5D")
@example("R٣/2012-01-01T00:00:00Z/P1D")
@example("R/２012-01-01T00:00:00Z/P1D")
def test_s2_any_text(text: str) -> None:
    _all_parsers(text)


@settings(SETTINGS, max_examples=1500)
@given(st.text(alphabet="R/P0123456789-:.,TWZYMDHS+[]!zt ", max_size=60))
def test_s2_texts_from_the_grammars_alphabet(text: str) -> None:
    _all_parsers(text)


_VALID_TEXTS = st.one_of(
    schedules().map(lambda case: case[0]),
    empty_start_schedules().map(lambda case: case[0]),
    other_form_schedules(),
    durations(),
    fast_shape_texts(),
)


@pytest.mark.slow
@settings(SETTINGS, max_examples=1200)
@given(mutations(_VALID_TEXTS))
@example("R/2012-01-01T00:00:00Z/P" + "9" * 900 + "Y")
@example("R" + "9" * 990 + "/P1D")
@example("R/2012-01-01T00:00:00." + "0" * 960 + "1Z/P1D")
@example("R/2012-01-01T00:00:00Z/PT1." + "0" * 960 + "1S")
@example("R/9999-12-31T23:59:59Z/P" + "9" * 50 + "D")
@example("R9/P" + "9" * 40 + "Y/2012-01-01T00:00:00Z")
@example("R" + "9" * 40 + "/PT1S/2012-01-01T00:00:00Z")
@example("R/9999-W52-5T23:59:59Z/P1D")
@example("R/9999-W52-6/P1D")
@example("R/0001-W01-1/P1D")
@example("R/2012-01-01T00:00:00Z/08:00:00.5")
@example("R/2012-01-01T00:00:00Z/5T08")
@example("R/2012-01-01T00:00:00Z/01-01")
@example("R/2012-01-01T00:00:00Z/٣")
@example("R/2012-01-01T00:00:00Z[Europe/Berlin]/P1D")
@example("R/2012-01-01T00:00:00+05:00[Europe/Berlin]/P1D")
def test_s2_mutated_schedules(text: str) -> None:
    _all_parsers(text)


@settings(SETTINGS, max_examples=60)
@given(
    st.one_of(
        st.text(min_size=_MAX_LENGTH + 1, max_size=_MAX_LENGTH + 300),
        st.integers(_MAX_LENGTH - 20, _MAX_LENGTH + 20).map(
            lambda n: "R" + "0" * n + "/2012-01-01T00:00:00Z/P1D"
        ),
        st.integers(_MAX_LENGTH - 30, _MAX_LENGTH + 30).map(lambda n: "P" + "1" * n + "D"),
    )
)
@example("R" + "0" * (_MAX_LENGTH - 1))
@example("x" * (_MAX_LENGTH + 1))
def test_s2_length_limit(text: str) -> None:
    _all_parsers(text)


@pytest.mark.parametrize("name", sorted(_PARSERS))
def test_s2_too_long_is_column_1000(name: str) -> None:
    # Valid in every respect but its length: the length check comes first (S2).
    text = "R" + "0" * 978 + "1/2012-01-01T00:00:00Z/P1D"
    if name == "duration":
        text = "P" + "0" * 1000 + "1D"
    assert len(text) > _MAX_LENGTH
    with pytest.raises(ScheduleError) as info:
        _PARSERS[name](text)
    assert info.value.column == _MAX_LENGTH
    assert "too long" in info.value.message
