"""Errors that say what to write instead (S1, S4, S5, S10, S12): each with its column and hint.

The mistakes people make when they write a schedule by hand or copy one from elsewhere: an
offset with seconds (java.time prints local mean time so), a period without its ``P``, a unit
with no number, a day after the ``T``, the letter O for a zero, whitespace around the text.
"""

from __future__ import annotations

from datetime import timedelta, timezone
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


# -- S10: an offset is ±hh:mm, ±hhmm or ±hh, never with seconds --------------------------------

# Each row: text, tz, column, message, hint.
OFFSETS_WITH_SECONDS: Final = [
    (
        "R/2019-05-01T08:00:00+05:45:00/P1D",
        None,
        21,
        "offset +05:45:00 has seconds; an offset is ±hh:mm, ±hhmm or ±hh",
        "write +05:45",
    ),
    (
        "R/20190501T080000+054500/P1D",
        None,
        17,
        "offset +054500 has seconds; an offset is ±hh:mm, ±hhmm or ±hh",
        "write +0545",
    ),
    (
        "R/2019-05-01T08:00:00-05:45:30/P1D",
        None,
        21,
        "offset -05:45:30 has seconds; an offset is ±hh:mm, ±hhmm or ±hh",
        "round it to whole minutes (-05:46), or leave it out and name the zone: "
        "2019-05-01T08:00:00[Area/City]",
    ),
    # java.time prints a local mean time so: the suffix alone gives that offset
    (
        "R/1850-01-01T00:00:00+00:53:28[Europe/Berlin]/P1D",
        None,
        21,
        "offset +00:53:28 has seconds; an offset is ±hh:mm, ±hhmm or ±hh",
        "leave the offset out: 1850-01-01T00:00:00[Europe/Berlin] is the wall time in that zone",
    ),
    (
        "R/2019-05-01T08:00:00Z/2019-05-02T08:00:00+05:45:00",
        None,
        42,
        "offset +05:45:00 has seconds; an offset is ±hh:mm, ±hhmm or ±hh",
        "write +05:45",
    ),
    (
        "R/2019-05-01T08:00:00[+05:45:00]/P1D",
        None,
        22,
        "offset +05:45:00 has seconds; an offset is ±hh:mm, ±hhmm or ±hh",
        "write +05:45",
    ),
    # the tz argument is read by the same grammar
    (
        "R/2019-05-01T08:00:00/P1D",
        "+05:45:00",
        0,
        "offset +05:45:00 has seconds; an offset is ±hh:mm, ±hhmm or ±hh",
        "write +05:45",
    ),
]


@pytest.mark.parametrize(("text", "tz", "column", "message", "hint"), OFFSETS_WITH_SECONDS)
def test_s10_offset_with_seconds_is_rejected(
    text: str, tz: str | None, column: int, message: str, hint: str
) -> None:
    expected_text = tz if tz is not None else text
    assert _error(text, tz) == (expected_text, column, message, hint)


@pytest.mark.parametrize(
    "tz", [timezone(timedelta(seconds=30)), timezone(-timedelta(hours=5, minutes=45, seconds=30))]
)
def test_s10_tz_with_a_sub_minute_offset_is_rejected(tz: timezone) -> None:
    # Its schedules would have no text that parses back (S20).
    with pytest.raises(ScheduleError) as info:
        isorepeat.parse("R/2019-05-01T08:00:00/P1D", tz=tz)
    err = info.value
    name = "+00:00:30" if tz.utcoffset(None) == timedelta(seconds=30) else "-05:45:30"
    rounded = "+00:01" if name == "+00:00:30" else "-05:46"
    assert (err.text, err.column, err.message, err.hint) == (
        name,
        0,
        f"offset {name} has seconds; an offset is ±hh:mm, ±hhmm or ±hh",
        f"round it to whole minutes ({rounded}), or give the zone's IANA name",
    )


def test_s10_offset_with_minutes_is_still_accepted() -> None:
    assert str(isorepeat.parse("R/2019-05-01T08:00:00+05:45/P1D")) == "R/2019-05-01T08:00:00+05:45/P1D"
    assert str(isorepeat.parse("R/20190501T080000+0545/P1D")) == "R/2019-05-01T08:00:00+05:45/P1D"


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
