"""Errors that say what to write instead (S1, S4, S5, S12): each with its column and hint.

The mistakes people make when they write a schedule by hand or copy one from elsewhere: a
period without its ``P``, a unit with no number, a day after the ``T``, the letter O for a
zero, whitespace around the text.
"""

from __future__ import annotations

from typing import Final

import pytest

import isorepeat
from isorepeat import Duration, ScheduleError

START: Final = "R/2026-01-01T09:00:00Z/"
"""A valid start to put a period after: the period begins at column 23."""


def _error(text: str, tz: str | None = None) -> tuple[str, int, str, str | None]:
    with pytest.raises(ScheduleError) as info:
        isorepeat.parse(text, tz=tz)
    err = info.value
    return err.text, err.column, err.message, err.hint


# -- S12: a period starts with P ---------------------------------------------------------------

# Each row: text, column, hint.
PERIODS_WITHOUT_P: Final = [
    (START + "1D", 23, "write P1D"),
    (START + "T10M", 23, "write PT10M"),
    (START + "1DT2H", 23, "write P1DT2H"),
    (START + "1H", 23, "write PT1H"),
    (START + "1.5H", 23, "write PT1.5H"),
    (START + "10M", 23, "write P10M for months, or PT10M for minutes"),
    ("R5/1D", 3, "write P1D"),
    ("R5//1D", 4, "write P1D"),
    ("R5/1D/2008-05-11T15:30:00Z", 3, "write P1D"),
]


@pytest.mark.parametrize(("text", "column", "hint"), PERIODS_WITHOUT_P)
def test_s12_period_starts_with_p(text: str, column: int, hint: str) -> None:
    assert _error(text) == (text, column, "a period starts with 'P'", hint)


@pytest.mark.parametrize(
    "text",
    [
        # the end of S16/S19 may leave out leading fields: these are ends, not periods
        "R/2008-02-15T13:00Z/16:00",
        "R/2008-02-15T13:00+01:00/17T16:00",
        "R/2008-02-15T13:00Z/2008-02-16",
        "R/2008-02-15T13:00Z/2008-047",
    ],
)
def test_s19_reduced_ends_are_not_periods(text: str) -> None:
    assert isorepeat.parse(text).form == "interval"


def test_s12_duration_without_p_has_a_hint() -> None:
    with pytest.raises(ScheduleError) as info:
        Duration.parse("1D")
    assert (info.value.column, info.value.message, info.value.hint) == (
        0,
        "expected 'P' to start the duration, found '1'",
        "write P1D",
    )


# Each row: text, column, message, hint.
UNIT_MISTAKES: Final = [
    # a unit letter with no number before it
    (
        START + "PTS",
        25,
        "'T' must be followed by hours, minutes or seconds, e.g. PT10M",
        "write a number before the S, e.g. PT1S",
    ),
    (
        START + "PD",
        24,
        "a duration needs at least one unit, e.g. PT10M or P1D",
        "write a number before the D, e.g. P1D",
    ),
    (
        START + "P1DTM",
        27,
        "'T' must be followed by hours, minutes or seconds, e.g. PT10M",
        "write a number before the M, e.g. P1DT1M",
    ),
    # days, weeks and years before the T
    (START + "PT1D", 26, "days must come before the 'T' in a duration", "write P1D"),
    (START + "PT2H1D", 28, "days must come before the 'T' in a duration", "write P1DT2H"),
    (START + "P1MT1W", 28, "weeks must come before the 'T' in a duration", "write P1M1W"),
    (START + "PT1Y", 26, "years must come before the 'T' in a duration", "write P1Y"),
    # both orders wrong: the hint says where, without a text that would fail again
    (
        START + "P1DT1W",
        28,
        "weeks must come before the 'T' in a duration",
        "write the weeks before the 'T', in the order Y, M, W, D",
    ),
]


@pytest.mark.parametrize(("text", "column", "message", "hint"), UNIT_MISTAKES)
def test_s12_unit_mistakes_have_hints(text: str, column: int, message: str, hint: str) -> None:
    assert _error(text) == (text, column, message, hint)


# -- S5: the letter O is not a zero ------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "column", "message", "hint"),
    [
        (
            "R1O/2026-01-01T09:00:00Z/P1D",
            2,
            "unexpected 'O' after the repetitions; expected '/'",
            "the letter O is not a zero: write R10",
        ),
        (
            "RO/2026-01-01T09:00:00Z/P1D",
            1,
            "unexpected 'O' after the repetitions; expected '/'",
            "the letter O is not a zero: write R0",
        ),
        (
            "R1o0/2026-01-01T09:00:00Z/P1D",
            2,
            "unexpected 'o' after the repetitions; expected '/'",
            "the letter O is not a zero: write R100",
        ),
        (
            START + "P1OD",
            25,
            "'O' is not a duration unit; expected Y, M, W or D (or T before H, M, S)",
            "the letter O is not a zero: write P10D",
        ),
        (
            START + "PT1O0M",
            26,
            "'O' is not a duration unit; expected H, M or S",
            "the letter O is not a zero: write PT100M",
        ),
    ],
)
def test_s5_letter_o_is_not_a_zero(text: str, column: int, message: str, hint: str) -> None:
    assert _error(text) == (text, column, message, hint)


# -- S4: no whitespace, not even around the text -----------------------------------------------


@pytest.mark.parametrize(
    ("text", "column", "message"),
    [
        (" R/2026-01-01T09:00:00Z/P1D", 0, "a schedule starts with 'R', found whitespace"),
        ("\tR/2026-01-01T09:00:00Z/P1D", 0, "a schedule starts with 'R', found whitespace"),
        ("R/2026-01-01T09:00:00Z/P1D ", 26, "unexpected whitespace after the period"),
        ("R/2026-01-01T09:00:00Z/P1D\n", 26, "unexpected whitespace after the period"),
        ("R//PT10M\r\n", 8, "unexpected whitespace after the period"),
        ("R5/P1D/2008-05-11T15:30:00Z ", 27, "unexpected whitespace after the end"),
    ],
)
def test_s4_no_leading_or_trailing_whitespace(text: str, column: int, message: str) -> None:
    assert _error(text) == (text, column, message, "remove the whitespace: a schedule has none")
