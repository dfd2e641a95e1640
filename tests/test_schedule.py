"""The whole schedule string: forms, repetitions, canonical text (SEMANTICS S2, S4-S6, S14, S16-S21)."""

from __future__ import annotations

import dataclasses
import pickle
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

import isorepeat
from isorepeat import Duration, Schedule, ScheduleError

UTC = timezone.utc
NOW = datetime(2026, 1, 31, 9, 0, tzinfo=UTC)
LA = "America/Los_Angeles"

# -- tables ----------------------------------------------------------------------------------

# Each row: a schedule as written, then its canonical text (S20).
ACCEPTED_SCHEDULES = [
    # S4, S5: R[n]/start/period; leading zeros dropped; R0; any size
    ("R/2012-10-01T05:52:00Z/PT2S", "R/2012-10-01T05:52:00Z/PT2S"),
    ("R10/2012-10-01T05:52:00Z/PT2S", "R10/2012-10-01T05:52:00Z/PT2S"),
    ("R010/2012-10-01T05:52:00Z/PT2S", "R10/2012-10-01T05:52:00Z/PT2S"),
    ("R0/2012-10-01T05:52:00Z/PT2S", "R0/2012-10-01T05:52:00Z/PT2S"),
    ("R000/2012-10-01T05:52:00Z/PT2S", "R0/2012-10-01T05:52:00Z/PT2S"),
    ("R1/2012-10-01T05:52:00Z/P1D", "R1/2012-10-01T05:52:00Z/P1D"),
    (
        "R99999999999999999999999/2012-10-01T05:52:00Z/PT2S",
        "R99999999999999999999999/2012-10-01T05:52:00Z/PT2S",
    ),
    # S20: the start in extended format with seconds, fraction trimmed, Z or ±hh:mm
    ("R/2012-10-01T05:52Z/PT2S", "R/2012-10-01T05:52:00Z/PT2S"),
    ("R/20121001T0552Z/PT2S", "R/2012-10-01T05:52:00Z/PT2S"),
    ("R/2012-10-01T05:52:00.000Z/PT1.500S", "R/2012-10-01T05:52:00Z/PT1.5S"),
    ("R/2012-10-01T05:52:00.100Z/PT0.5S", "R/2012-10-01T05:52:00.1Z/PT0.5S"),
    ("R/2012-10-01T05:52:00+02:00/P1D", "R/2012-10-01T05:52:00+02:00/P1D"),
    ("R/20121001T055200+0200/P1D", "R/2012-10-01T05:52:00+02:00/P1D"),
    ("R/2012-10-01T05:52:00+00:00/P1D", "R/2012-10-01T05:52:00Z/P1D"),
    ("R/2012-10-01T05:52:00/P0Y1M0D", "R/2012-10-01T05:52:00Z/P1M"),
    ("R/2012-10-01T05:52:00Z/P0001-00-00", "R/2012-10-01T05:52:00Z/P1Y"),
    # S14: a zero period with R0 or R1 only
    ("R1/2012-10-01T05:52:00Z/PT0S", "R1/2012-10-01T05:52:00Z/PT0S"),
    ("R0/2012-10-01T05:52:00Z/P0D", "R0/2012-10-01T05:52:00Z/PT0S"),
    ("R01/2012-10-01T05:52:00Z/P0D", "R1/2012-10-01T05:52:00Z/PT0S"),
    ("R/2012-10-01T05:52:00Z/PT0.000001S", "R/2012-10-01T05:52:00Z/PT0.000001S"),
    # S6: an empty start
    ("R//PT10M", "R//PT10M"),
    ("R5//P1D", "R5//P1D"),
    ("R0//P1D", "R0//P1D"),
    ("R1//PT0S", "R1//PT0S"),
    # S16: start/end, printed in full
    ("R/2008-02-15T13:00:00Z/2008-02-15T16:00:00Z", "R/2008-02-15T13:00:00Z/2008-02-15T16:00:00Z"),
    ("R2/2008-02-15T13:00Z/2008-02-15T16:30Z", "R2/2008-02-15T13:00:00Z/2008-02-15T16:30:00Z"),
    ("R/2008-02-15/2008-02-16", "R/2008-02-15T00:00:00Z/2008-02-16T00:00:00Z"),
    ("R/20080215T13Z/20080215T16Z", "R/2008-02-15T13:00:00Z/2008-02-15T16:00:00Z"),
    (
        "R/2008-02-15T13:00:00Z/2008-02-15T13:00:00.000001Z",
        "R/2008-02-15T13:00:00Z/2008-02-15T13:00:00.000001Z",
    ),
    ("R/2008-02-15T13:00:00Z/2008-02-15T16:00:00+01:00", "R/2008-02-15T13:00:00Z/2008-02-15T16:00:00+01:00"),
    # S19: a reduced end takes its leading fields and its zone from the start
    ("R/2008-02-15T13:00/16:00", "R/2008-02-15T13:00:00Z/2008-02-15T16:00:00Z"),
    ("R/2008-02-15T13:00Z/16:00", "R/2008-02-15T13:00:00Z/2008-02-15T16:00:00Z"),
    ("R/2008-02-15T13:00+01:00/16:00", "R/2008-02-15T13:00:00+01:00/2008-02-15T16:00:00+01:00"),
    ("R/2008-02-15T13:00:00Z/17T09:00:00", "R/2008-02-15T13:00:00Z/2008-02-17T09:00:00Z"),
    ("R/2008-02-15T13:00:00Z/15T16:00", "R/2008-02-15T13:00:00Z/2008-02-15T16:00:00Z"),
    ("R/2008-02-15T13:00:00Z/03-01T00:00:00", "R/2008-02-15T13:00:00Z/2008-03-01T00:00:00Z"),
    ("R/2008-02-15T13:00:00Z/16:00+01:00", "R/2008-02-15T13:00:00Z/2008-02-15T16:00:00+01:00"),
    # S17: duration/end, printed in the same form
    ("R5/P1D/2008-05-11T15:30:00Z", "R5/P1D/2008-05-11T15:30:00Z"),
    ("R5/P1D/2008-05-11T15:30Z", "R5/P1D/2008-05-11T15:30:00Z"),
    ("R5/P1D/2008-05-11", "R5/P1D/2008-05-11T00:00:00Z"),
    ("R2/PT1H/2008-05-11T15:30:00+02:00", "R2/PT1H/2008-05-11T15:30:00+02:00"),
    ("R0/PT1H/2008-05-11T15:30:00Z", "R0/PT1H/2008-05-11T15:30:00Z"),
    # S18: the BPMN cycle R[n]/<duration>
    ("R/PT10M", "R/PT10M"),
    ("R3/P1M", "R3/P1M"),
    ("R03/P0001-00-00", "R3/P1Y"),
]

# Each row: a schedule, the 0-based column of the first offending character (S1), the message.
REJECTED_SCHEDULES = [
    # S4, S5: the repetitions
    (
        "",
        0,
        "the schedule is empty; expected R[n]/<start>/<period>, e.g. R/2026-01-01T09:00:00Z/P1D",
    ),
    ("R", 1, "the schedule ends after the repetitions; expected '/' and a start"),
    ("R5", 2, "the schedule ends after the repetitions; expected '/' and a start"),
    ("r/2012-10-01T05:52:00Z/PT2S", 0, "the repetition designator must be an upper-case 'R'"),
    ("2012-10-01T05:52:00Z/PT2S", 0, "a schedule starts with 'R', found '2'"),
    ("PT2S", 0, "a schedule starts with 'R', found 'P'"),
    (" R/2012-10-01T05:52:00Z/PT2S", 0, "a schedule starts with 'R', found whitespace"),
    ("R-5/2012-10-01T05:52:00Z/PT2S", 1, "the number of repetitions has no sign"),
    ("R+5/2012-10-01T05:52:00Z/PT2S", 1, "the number of repetitions has no sign"),
    ("R5x/2012-10-01T05:52:00Z/PT2S", 2, "unexpected 'x' after the repetitions; expected '/'"),
    ("R 5/2012-10-01T05:52:00Z/PT2S", 1, "unexpected whitespace after the repetitions; expected '/'"),
    ("R\u0665/2012-10-01T05:52:00Z/PT2S", 1, "non-ASCII digit '\u0665'; only the digits 0-9 are accepted"),
    ("R1.5/2012-10-01T05:52:00Z/PT2S", 2, "unexpected '.' after the repetitions; expected '/'"),
    # S4: three parts, no whitespace, upper-case designators
    ("R10/2012-10-01T05:52:00Z", 24, "the schedule ends after the start; expected '/' and a period"),
    (
        "R10/2012-10-01T05:52:00Z/",
        25,
        "the schedule ends after the start's '/'; expected a period such as PT10M, or an end",
    ),
    ("R/2012-10-01T05:52:00Z//PT2S", 23, "unexpected '/': expected a period or an end after the start"),
    ("R5/P1D/P1D", 7, "expected the end date (YYYY-MM-DD), found 'P'"),
    (
        "R10/2012-10-01T05:52:00Z/PT2S/",
        29,
        "unexpected '/' after the period: a schedule has at most three parts",
    ),
    (
        "R10/2012-10-01T05:52:00Z/PT2S/P1D",
        29,
        "unexpected '/' after the period: a schedule has at most three parts",
    ),
    ("R10/2012-10-01T05:52:00Z/PT2S ", 29, "unexpected whitespace after the period"),
    ("R/2012-10-01T05:52:00Z /PT2S", 22, "unexpected whitespace after the start; expected '/' and a period"),
    ("R/ 2012-10-01T05:52:00Z/PT2S", 2, "expected the start date (YYYY-MM-DD), found whitespace"),
    ("R/2012-10-01T05:52:00Z/pT2S", 23, "the duration designator must be an upper-case 'P'"),
    ("R/2012-10-01T05:52:00Z/Pt2S", 24, "the time designator must be an upper-case 'T'"),
    ("R/2012-10-01T05:52:00Z/PT2s", 26, "unit 's' must be upper case"),
    ("R/2012-10-01T05:52:00Z/P1D1M", 27, "months (M) cannot follow days (D)"),
    ("R/2012-10-01T05:52:00Z/P", 24, "a duration needs at least one unit, e.g. PT10M or P1D"),
    ("R/2012-10-01T05:52:00Z/PT", 25, "'T' must be followed by hours, minutes or seconds, e.g. PT10M"),
    ("R/2012-10-01T05:52:00Z/P1.5M", 25, "a fractional month has no fixed length; use days"),
    ("R5/2012-10-01T05:52:00Z/P1.5M", 26, "a fractional month has no fixed length; use days"),
    # S15: no sign on the period
    ("R/2012-10-01T05:52:00Z/P-1D", 24, "negative durations are not supported"),
    ("R/2012-10-01T05:52:00Z/-PT1H", 23, "a duration has no sign; negative durations are not supported"),
    ("R/-PT1H", 2, "a duration has no sign; negative durations are not supported"),
    # S14: zero and sub-microsecond periods
    (
        "R/2012-10-01T05:52:00Z/PT0S",
        23,
        "a zero period repeats the same instant; it is allowed only with R0 or R1",
    ),
    (
        "R2/2012-10-01T05:52:00Z/P0D",
        24,
        "a zero period repeats the same instant; it is allowed only with R0 or R1",
    ),
    ("R//PT0S", 3, "a zero period repeats the same instant; it is allowed only with R0 or R1"),
    ("R/PT0S", 2, "a zero period repeats the same instant; it is allowed only with R0 or R1"),
    (
        "R5/P0D/2008-05-11T15:30:00Z",
        3,
        "a zero period repeats the same instant; it is allowed only with R0 or R1",
    ),
    (
        "R/2012-10-01T05:52:00Z/PT0.0000001S",
        23,
        "the period is shorter than the microsecond resolution of datetime",
    ),
    (
        "R/2012-10-01T05:52:00Z/PT0.000000999S",
        23,
        "the period is shorter than the microsecond resolution of datetime",
    ),
    ("R//PT0.000000001S", 3, "the period is shorter than the microsecond resolution of datetime"),
    # S16: the end must be after the start, by at least a microsecond
    ("R/2008-02-15T16:00:00Z/2008-02-15T13:00:00Z", 23, "the end is not after the start"),
    ("R/2008-02-15T13:00:00Z/2008-02-15T13:00:00Z", 23, "the end is not after the start"),
    ("R/2008-02-15T13:00:00Z/2008-02-15T14:00:00+01:00", 23, "the end is not after the start"),
    (
        "R/2008-02-15T13:00:00Z/2008-02-15T13:00:00.0000001Z",
        23,
        "the interval is shorter than the microsecond resolution of datetime",
    ),
    (
        "R/2008-02-15T13:00:00Z/2008-02-30T13:00:00Z",
        31,
        "2008-02-30 does not exist: February 2008 has 29 days",
    ),
    # S19: a reduced end, errors still point into the text as written
    ("R/2008-02-15T13:00/25:00", 19, "hour 25 is out of range 00-23"),
    ("R/2008-02-15T13:00/12:00", 19, "the end is not after the start"),
    ("R/2008-02-15T13:00/16:60", 22, "minute 60 is out of range 00-59"),
    ("R/2008-02-15T13:00/02-30T00:00", 22, "2008-02-30 does not exist: February 2008 has 29 days"),
    # S17: the end form needs a finite count
    ("R/P1D/2008-05-11T15:30:00Z", 1, "a schedule given by its end needs a number of repetitions"),
    ("R5/P1D/2008-13-11T15:30:00Z", 12, "month 13 is out of range 01-12"),
    ("R5/P1D/2008-05-11T15:30:00Z/", 27, "unexpected '/' after the end: a schedule has at most three parts"),
    ("R5/P1.5D/2008-05-11T15:30:00Z", 5, "a fractional day has no fixed length across DST; use hours"),
    # S18: the cycle form
    ("R/P1DX", 5, "unexpected 'X' after the period"),
    ("R/P1D ", 5, "unexpected whitespace after the period"),
    ("R/p1D", 2, "the duration designator must be an upper-case 'P'"),
]


def _too_long(length: int) -> str:
    return "R/2012-10-01T05:52:00Z/PT" + "0" * (length - 27) + "1S"


# -- grammar ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "canonical"), ACCEPTED_SCHEDULES)
def test_s4_accepted(text: str, canonical: str) -> None:
    assert str(isorepeat.parse(text)) == canonical


@pytest.mark.parametrize(("text", "column", "message"), REJECTED_SCHEDULES)
def test_s4_rejected(text: str, column: int, message: str) -> None:
    with pytest.raises(ScheduleError) as info:
        isorepeat.parse(text)
    err = info.value
    assert (err.text, err.column, err.message) == (text, column, message)


@pytest.mark.parametrize(
    ("text", "hint"),
    [
        ("R/P1D/2008-05-11T15:30:00Z", "write R<n>/P1D/2008-05-11T15:30:00Z"),
        ("R10/2012-10-01T05:52:00Z/PT2S ", "remove the whitespace: a schedule has none"),
        ("R/2012-10-01T05:52:00Z/PT0S", "write R1 for a single run"),
        ("r/2012-10-01T05:52:00Z/PT2S", "write 'R'"),
    ],
)
def test_s4_hints(text: str, hint: str) -> None:
    with pytest.raises(ScheduleError) as info:
        isorepeat.parse(text)
    assert info.value.hint == hint


@pytest.mark.parametrize(
    ("text", "repetitions"),
    [
        ("R/2012-10-01T05:52:00Z/PT2S", None),
        ("R0/2012-10-01T05:52:00Z/PT2S", 0),
        ("R007/2012-10-01T05:52:00Z/PT2S", 7),
        ("R10/2012-10-01T05:52:00Z/PT2S", 10),
        ("R123456789012345678901234567890/2012-10-01T05:52:00Z/PT2S", 123456789012345678901234567890),
        ("R//PT10M", None),
        ("R5/P1D/2008-05-11T15:30:00Z", 5),
        ("R3/P1M", 3),
    ],
)
def test_s5_repetitions(text: str, repetitions: int | None) -> None:
    s = isorepeat.parse(text)
    assert s.repetitions == repetitions
    assert s.is_infinite is (repetitions is None)


def test_s5_r0_is_valid() -> None:
    s = isorepeat.parse("R0/2012-10-01T05:52:00Z/PT2S")
    assert s.repetitions == 0
    assert s.start == datetime(2012, 10, 1, 5, 52, tzinfo=UTC)


def test_s5_r_equals_r_without_leading_zeros() -> None:
    assert isorepeat.parse("R0010/2012-10-01T05:52:00Z/PT2S") == isorepeat.parse(
        "R10/2012-10-01T05:52:00Z/PT2S"
    )


# -- S6 and S18: schedules put into effect at `now` --------------------------------------------


@pytest.mark.parametrize("text", ["R//PT10M", "R5//P1D", "R/PT10M", "R3/P1M"])
def test_s6_start_is_none_until_resolved(text: str) -> None:
    assert isorepeat.parse(text).start is None


@pytest.mark.parametrize(
    ("text", "tz", "now", "canonical"),
    [
        ("R//PT10M", None, NOW, "R/2026-01-31T09:00:00Z/PT10M"),
        ("R5//P1D", None, NOW, "R5/2026-01-31T09:00:00Z/P1D"),
        (
            "R//PT10M",
            None,
            datetime(2026, 1, 31, 11, 0, tzinfo=timezone(timedelta(hours=2))),
            "R/2026-01-31T11:00:00+02:00/PT10M",
        ),
        ("R5//P1D", "Europe/Berlin", NOW, "R5/2026-01-31T10:00:00+01:00[Europe/Berlin]/P1D"),
        ("R//PT10M", "+05:30", NOW, "R/2026-01-31T14:30:00+05:30/PT10M"),
    ],
)
def test_s6_resolve_sets_start_to_now(text: str, tz: str | None, now: datetime, canonical: str) -> None:
    s = isorepeat.parse(text, tz=tz).resolve(now)
    assert s.start == now
    assert str(s) == canonical


def test_s6_resolve_keeps_repetitions_and_period() -> None:
    s = isorepeat.parse("R5//P1D").resolve(NOW)
    assert (s.repetitions, s.period) == (5, Duration(days=1))


def test_s6_resolve_of_a_schedule_with_a_start_is_itself() -> None:
    s = isorepeat.parse("R/2012-10-01T05:52:00Z/PT2S")
    assert s.resolve(NOW) == s


def test_s6_resolved_equals_written() -> None:
    assert isorepeat.parse("R//PT10M").resolve(NOW) == isorepeat.parse("R/2026-01-31T09:00:00Z/PT10M")


@pytest.mark.parametrize(
    ("text", "tz", "start", "canonical"),
    [
        ("R/PT10M", None, datetime(2026, 1, 31, 9, 10, tzinfo=UTC), "R/2026-01-31T09:10:00Z/PT10M"),
        ("R3/P1D", None, datetime(2026, 2, 1, 9, 0, tzinfo=UTC), "R3/2026-02-01T09:00:00Z/P1D"),
        # S18 with S28: Jan 31 + 1 month = Feb 28 (2026), on the wall clock in Berlin
        (
            "R3/P1M",
            "Europe/Berlin",
            datetime(2026, 2, 28, 9, 0, tzinfo=UTC),
            "R3/2026-02-28T10:00:00+01:00[Europe/Berlin]/P1M",
        ),
        ("R/PT1.5H", None, datetime(2026, 1, 31, 10, 30, tzinfo=UTC), "R/2026-01-31T10:30:00Z/PT1.5H"),
    ],
)
def test_s18_resolve_starts_one_period_after_now(
    text: str, tz: str | None, start: datetime, canonical: str
) -> None:
    s = isorepeat.parse(text, tz=tz).resolve(NOW)
    assert s.start == start
    assert str(s) == canonical


def test_s18_resolve_into_a_gap_moves_forward() -> None:
    # now = 2014-03-08T02:30-08:00; now + P1D is 2014-03-09T02:30, in the gap: 03:30-07:00 (S24)
    s = isorepeat.parse("R/P1D", tz=LA).resolve(datetime(2014, 3, 8, 10, 30, tzinfo=UTC))
    assert s.start == datetime(2014, 3, 9, 10, 30, tzinfo=UTC)


def test_s18_cycle_keeps_repetitions() -> None:
    s = isorepeat.parse("R3/PT10M")
    assert (s.repetitions, s.period, s.start) == (3, Duration(minutes=10), None)


# -- S16, S17, S19: the other ISO forms ---------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "tz", "start", "period"),
    [
        ("R/2008-02-15T13:00/16:00", None, datetime(2008, 2, 15, 13, tzinfo=UTC), Duration(hours=3)),
        ("R/2008-02-15/2008-02-16", None, datetime(2008, 2, 15, tzinfo=UTC), Duration(hours=24)),
        (
            "R/2008-02-15T13:00:00Z/2008-02-15T13:00:00.5Z",
            None,
            datetime(2008, 2, 15, 13, tzinfo=UTC),
            Duration(seconds=0, nanoseconds=500_000_000),
        ),
        (
            "R/2008-02-15T13:00:00Z/16:00+01:00",
            None,
            datetime(2008, 2, 15, 13, tzinfo=UTC),
            Duration(hours=2),
        ),
        # exact elapsed time across the spring-forward night: 00:00-08:00 to 04:00-07:00 is 3 h
        (
            "R/2014-03-09T00:00:00/2014-03-09T04:00:00",
            LA,
            datetime(2014, 3, 9, 8, tzinfo=UTC),
            Duration(hours=3),
        ),
        # S19 with tz: the end's wall-clock fields are read in tz, its own offset discarded
        (
            "R/2008-03-01T13:00:00Z/2008-03-01T16:00:00Z",
            LA,
            datetime(2008, 3, 1, 21, tzinfo=UTC),
            Duration(hours=3),
        ),
        ("R/2008-03-01T13:00:00Z/16:00", LA, datetime(2008, 3, 1, 21, tzinfo=UTC), Duration(hours=3)),
    ],
)
def test_s16_period_is_elapsed_time(text: str, tz: str | None, start: datetime, period: Duration) -> None:
    s = isorepeat.parse(text, tz=tz)
    assert s.start == start
    assert s.period == period


def test_s16_end_in_a_gap_moves_forward() -> None:
    # the end 02:30 does not exist: 03:30-07:00 (S24), 2 h 30 min after 00:00-08:00
    s = isorepeat.parse("R/2014-03-09T00:00:00/2014-03-09T02:30:00", tz=LA)
    assert s.period == Duration(hours=2, minutes=30)


def test_s16_prints_in_the_same_form_with_a_zone() -> None:
    s = isorepeat.parse("R/2014-03-09T00:00:00/2014-03-09T04:00:00", tz=LA)
    assert str(s) == "R/2014-03-09T00:00:00-08:00[America/Los_Angeles]/2014-03-09T04:00:00-07:00"


def test_s19_reduced_end() -> None:
    s = isorepeat.parse("R/2008-02-15T13:00/16:00")
    assert s == isorepeat.parse("R/2008-02-15T13:00:00Z/2008-02-15T16:00:00Z")


@pytest.mark.parametrize(
    ("text", "tz", "start"),
    [
        ("R5/P1D/2008-05-11T15:30:00Z", None, datetime(2008, 5, 6, 15, 30, tzinfo=UTC)),
        ("R1/PT1H/2008-05-11T15:30:00Z", None, datetime(2008, 5, 11, 14, 30, tzinfo=UTC)),
        ("R2/PT1.5H/2008-05-11T15:30:00Z", None, datetime(2008, 5, 11, 12, 30, tzinfo=UTC)),
        # months are subtracted and clamped from the end's wall fields: Mar 31 - 1 month = Feb 29
        ("R1/P1M/2012-03-31T00:00:00Z", None, datetime(2012, 2, 29, tzinfo=UTC)),
        ("R2/P1M/2012-03-31T00:00:00Z", None, datetime(2012, 1, 31, tzinfo=UTC)),
        ("R1/P1Y/2013-02-28T00:00:00Z", None, datetime(2012, 2, 28, tzinfo=UTC)),
        # in a zone: days keep the wall time across the spring-forward night
        ("R2/P1D/2014-03-10T02:30:00", LA, datetime(2014, 3, 8, 10, 30, tzinfo=UTC)),
        # a gap on the way: 2014-03-09T02:30 does not exist, moved forward to 03:30-07:00
        ("R1/P1D/2014-03-10T02:30:00", LA, datetime(2014, 3, 9, 10, 30, tzinfo=UTC)),
    ],
)
def test_s17_start_from_end(text: str, tz: str | None, start: datetime) -> None:
    assert isorepeat.parse(text, tz=tz).start == start


def test_s17_prints_in_the_same_form_with_a_zone() -> None:
    s = isorepeat.parse("R2/P1D/2014-03-10T02:30:00", tz=LA)
    assert str(s) == "R2/P1D/2014-03-10T02:30:00-07:00[America/Los_Angeles]"


def test_s17_needs_a_finite_count() -> None:
    with pytest.raises(ScheduleError) as info:
        isorepeat.parse("R/P1D/2008-05-11T15:30:00Z")
    assert info.value.column == 1


# -- S20 and S21: text ---------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "canonical"), ACCEPTED_SCHEDULES)
def test_s20_round_trip(text: str, canonical: str) -> None:
    s = isorepeat.parse(text)
    again = isorepeat.parse(str(s))
    assert again == s
    assert str(again) == canonical


@pytest.mark.parametrize(
    ("text", "tz", "canonical"),
    [
        ("R/2012-01-31T09:00:00/P1M", "Europe/Berlin", "R/2012-01-31T09:00:00+01:00[Europe/Berlin]/P1M"),
        ("R/2012-07-31T09:00:00/P1M", "Europe/Berlin", "R/2012-07-31T09:00:00+02:00[Europe/Berlin]/P1M"),
        ("R/2014-03-09T02:30:00/P1D", LA, "R/2014-03-09T02:30:00[America/Los_Angeles]/P1D"),
        ("R/2012-01-31T09:00:00/P1M", "UTC", "R/2012-01-31T09:00:00Z/P1M"),
        ("R/2012-01-31T09:00:00/P1M", "Etc/UTC", "R/2012-01-31T09:00:00Z/P1M"),
        ("R/2012-01-31T09:00:00/P1M", "+05:30", "R/2012-01-31T09:00:00+05:30/P1M"),
    ],
)
def test_s20_zone_suffix(text: str, tz: str, canonical: str) -> None:
    s = isorepeat.parse(text, tz=tz)
    assert str(s) == canonical
    assert isorepeat.parse(canonical) == s
    assert str(isorepeat.parse(canonical)) == canonical


CHRONOS_FORMATS = [
    # each row: schedule, tz, what Chronos stores (S21)
    ("R10/2012-10-01T05:52:00Z/PT2S", None, "R10/2012-10-01T05:52:00.000Z/PT2S"),
    ("R/2012-10-01T05:52:00Z/PT1.5S", None, "R/2012-10-01T05:52:00.000Z/PT1.500S"),
    ("R/2012-10-01T05:52:00Z/PT0.25S", None, "R/2012-10-01T05:52:00.000Z/PT0.250S"),
    ("R1/2012-10-01T05:52:00Z/PT0S", None, "R1/2012-10-01T05:52:00.000Z/PT0S"),
    ("R1/2012-10-01T05:52:00Z/P0D", None, "R1/2012-10-01T05:52:00.000Z/PT0S"),
    ("R/2012-10-01T05:52:00.123456Z/PT1H", None, "R/2012-10-01T05:52:00.123Z/PT1H"),
    ("R/2012-10-01T05:52:00.5Z/P1D", None, "R/2012-10-01T05:52:00.500Z/P1D"),
    ("R/2012-10-01T05:52:00+02:00/P1D", None, "R/2012-10-01T05:52:00.000+02:00/P1D"),
    (
        "R/2012-10-01T05:52:00-05:30/P1Y2M3W4DT5H6M7S",
        None,
        "R/2012-10-01T05:52:00.000-05:30/P1Y2M3W4DT5H6M7S",
    ),
    ("R/2012-01-31T09:00:00/P1M", "Europe/Berlin", "R/2012-01-31T09:00:00.000+01:00/P1M"),
    # a start in a gap is stored as the instant it resolves to
    ("R/2014-03-09T02:30:00/P1D", LA, "R/2014-03-09T03:30:00.000-07:00/P1D"),
    ("R/2012-07-31T09:00:00/P1M", "Europe/Berlin", "R/2012-07-31T09:00:00.000+02:00/P1M"),
]


@pytest.mark.parametrize(("text", "tz", "stored"), CHRONOS_FORMATS)
def test_s21_format_chronos(text: str, tz: str | None, stored: str) -> None:
    assert isorepeat.parse(text, tz=tz).format(dialect="chronos") == stored


def test_s21_format_iso_is_str() -> None:
    s = isorepeat.parse("R10/2012-10-01T05:52:00.000Z/PT1.500S")
    assert s.format() == s.format(dialect="iso") == str(s) == "R10/2012-10-01T05:52:00Z/PT1.5S"


# -- S2: length and robustness ----------------------------------------------------------------


def test_s2_too_long_is_column_1000() -> None:
    text = _too_long(1002)
    with pytest.raises(ScheduleError) as info:
        isorepeat.parse(text)
    assert info.value.column == 1000
    assert info.value.message == "schedule too long (1002 characters; at most 1000)"


def test_s2_length_check_comes_first() -> None:
    text = "x" * 5000
    with pytest.raises(ScheduleError) as info:
        isorepeat.parse(text)
    assert (info.value.column, info.value.message) == (
        1000,
        "schedule too long (5000 characters; at most 1000)",
    )


def test_s2_exactly_1000_characters_is_accepted() -> None:
    text = _too_long(1000)
    assert len(text) == 1000
    assert str(isorepeat.parse(text)) == "R/2012-10-01T05:52:00Z/PT1S"


@pytest.mark.parametrize(
    "text",
    [
        "\x00",
        "R\x00",
        "R/",
        "R//",
        "R///",
        "R/P",
        "R//P",
        "R/PT1.",
        "R/2012-10-01T05:52:00Z/PT1.S",
        "R/2012-10-01T05:52:00Z/PT1.5",
        "R/2012-10-01T05:52:00Z/9999-12-31T23:59:60Z",
        "R/9999-12-31T23:59:59.999999999-23:59/PT1S",
        "R/0001-01-01T00:00:00+23:59/PT1S",
        "R5/P1D/0001-01-01T00:00:00Z",
        "R99999999999999999999/P1D/2008-05-11T15:30:00Z",
        "R1/P99999999999999999999Y/2008-01-01",
        "R1/PT99999999999999999999H/2008-01-01",
        "R/2012-10-01T05:52:00Z/99999-12-31",
        "R/2012-10-01T05:52:00Z[",
        "R/2012-10-01T05:52:00Z[]/P1D",
        "R/2012-10-01T05:52:00Z[Europe/Berlin",
        "R/2012-10-01T05:52:00Z[\x00]/P1D",
        "R/2012-10-01T05:52:00Z[../../etc/passwd]/P1D",
        "R/9999-W52-7T23:00:00-23:00/P1D",
        "R/0001-W01-1T00:00:00+01:00/P1D",
        "R/\u0661\u0662\u0663\u0664-01-01/P1D",
    ],
)
def test_s2_only_schedule_error(text: str) -> None:
    with pytest.raises(ScheduleError) as info:
        isorepeat.parse(text)
    assert 0 <= info.value.column <= len(text)
    assert info.value.text == text


# -- value object ----------------------------------------------------------------------------

SAMPLES = [
    isorepeat.parse("R10/2012-10-01T05:52:00Z/PT2S"),
    isorepeat.parse("R/2012-10-01T05:52:00.123456789+02:00/PT1.5H"),
    isorepeat.parse("R/2012-01-31T09:00:00/P1M", tz="Europe/Berlin"),
    isorepeat.parse("R/2012-01-31T09:00:00/P1M", tz="+05:30"),
    isorepeat.parse("R//PT10M"),
    isorepeat.parse("R5//P1D", tz="Europe/Berlin"),
    isorepeat.parse("R/PT10M"),
    isorepeat.parse("R3/P1M", tz="Europe/Berlin"),
    isorepeat.parse("R/2008-02-15T13:00/16:00"),
    isorepeat.parse("R5/P1D/2008-05-11T15:30:00Z"),
    isorepeat.parse("R/2014-03-09T02:30:00/P1D", tz=LA),
    isorepeat.parse("R/2014-11-02T01:30:00/P1D", tz=LA, disambiguate="later"),
    isorepeat.parse("R/2014-03-09T02:30:00/P1D", tz=LA, disambiguate="earlier"),
]


@pytest.mark.parametrize("schedule", SAMPLES, ids=str)
def test_immutable(schedule: Schedule) -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        schedule.repetitions = 3  # type: ignore[misc]
    # NOTE: assigning to a frozen field is what the test checks.
    with pytest.raises(dataclasses.FrozenInstanceError):
        schedule.period = Duration(days=1)  # type: ignore[misc]


@pytest.mark.parametrize("schedule", SAMPLES, ids=str)
def test_hash_matches_eq(schedule: Schedule) -> None:
    copy = eval(repr(schedule), {"Schedule": Schedule})
    assert copy == schedule
    assert hash(copy) == hash(schedule)
    assert len({copy, schedule}) == 1


EQUAL_SCHEDULES = [
    (isorepeat.parse("R/2012-10-01T05:52Z/PT2S"), isorepeat.parse("R/2012-10-01T05:52:00.000Z/PT2S")),
    (isorepeat.parse("R010/2012-10-01T05:52:00Z/PT2S"), isorepeat.parse("R10/2012-10-01T05:52:00Z/PT2S")),
    (
        isorepeat.parse("R/2012-01-31T09:00:00/P1M", tz="Europe/Berlin"),
        isorepeat.parse("R/2012-01-31T09:00:00/P1M", tz=ZoneInfo("Europe/Berlin")),
    ),
    (
        isorepeat.parse("R/2012-01-31T09:00:00/P1M", tz="Europe/Berlin"),
        isorepeat.parse("R/2012-01-31T09:00:00+01:00[Europe/Berlin]/P1M"),
    ),
    (
        isorepeat.parse("R/2012-01-31T09:00:00/P1M", tz="UTC"),
        isorepeat.parse("R/2012-01-31T09:00:00Z/P1M"),
    ),
    (isorepeat.parse("R/2012-01-31T09:00:00/P1M", tz=UTC), isorepeat.parse("R/2012-01-31T09:00:00Z/P1M")),
    (isorepeat.parse("R/PT10M"), isorepeat.parse("R/PT10M")),
]


@pytest.mark.parametrize(("a", "b"), EQUAL_SCHEDULES, ids=str)
def test_eq_and_hash(a: Schedule, b: Schedule) -> None:
    assert a == b
    assert hash(a) == hash(b)


DIFFERENT_SCHEDULES = [
    ("R/2012-10-01T05:52:00Z/PT1H", "R/2012-10-01T05:52:00Z/PT60M"),
    ("R/2012-10-01T05:52:00Z/PT1H", "R0/2012-10-01T05:52:00Z/PT1H"),
    ("R/2012-10-01T05:52:00Z/PT1H", "R/2012-10-01T07:52:00+02:00/PT1H"),
    ("R//PT10M", "R/PT10M"),
    ("R/2008-02-15T13:00:00Z/2008-02-15T16:00:00Z", "R/2008-02-15T13:00:00Z/PT3H"),
]


@pytest.mark.parametrize(("a", "b"), DIFFERENT_SCHEDULES)
def test_eq_is_structural(a: str, b: str) -> None:
    assert isorepeat.parse(a) != isorepeat.parse(b)


@pytest.mark.parametrize("schedule", SAMPLES, ids=str)
def test_repr_evaluates(schedule: Schedule) -> None:
    assert eval(repr(schedule), {"Schedule": Schedule}) == schedule


def test_repr_form() -> None:
    s = isorepeat.parse("R10/2012-10-01T05:52:00Z/PT2S")
    assert repr(s) == "Schedule.parse('R10/2012-10-01T05:52:00Z/PT2S')"


@pytest.mark.parametrize("schedule", SAMPLES, ids=str)
def test_pickle_roundtrip(schedule: Schedule) -> None:
    copy = pickle.loads(pickle.dumps(schedule))
    assert copy == schedule
    assert str(copy) == str(schedule)
    assert copy.start == schedule.start


def test_schedule_parse_is_parse() -> None:
    assert Schedule.parse("R/2012-10-01T05:52:00Z/PT2S") == isorepeat.parse("R/2012-10-01T05:52:00Z/PT2S")


# -- S20: a schedule without a start carries its zone in its text (issue 13) -------------------
#
# R[n]//<period> (S6) and R[n]/<period> (S18) have no date-time to hang an RFC 9557 suffix on, so
# the suffix follows the period: R3/PT10M[Europe/Berlin]. A fixed offset is a suffix too ([+05:30],
# RFC 9557's numeric form), and UTC is [UTC]: without a zone, the start put into effect keeps the
# offset of `now`, so UTC is not the same as no zone here (it is for a written Z start).

BERLIN_NOW = datetime(2026, 3, 28, 9, 0, tzinfo=ZoneInfo("Europe/Berlin"))

# Each row: text, tz, canonical.
ZONES_WITHOUT_START: list[tuple[str, str | timezone | ZoneInfo | None, str]] = [
    ("R3/PT10M", "Europe/Berlin", "R3/PT10M[Europe/Berlin]"),
    ("R//PT10M", "Europe/Berlin", "R//PT10M[Europe/Berlin]"),
    ("R5//P1D", ZoneInfo(LA), "R5//P1D[America/Los_Angeles]"),
    ("R3/PT10M", "UTC", "R3/PT10M[UTC]"),
    ("R3/PT10M", "Etc/UTC", "R3/PT10M[UTC]"),
    ("R3/PT10M", UTC, "R3/PT10M[UTC]"),
    ("R//P1D", "+05:30", "R//P1D[+05:30]"),
    ("R//P1D", "-00:00", "R//P1D[UTC]"),
    ("R1//PT0S", "-03:30", "R1//PT0S[-03:30]"),
    ("R3/PT10M", None, "R3/PT10M"),
    ("R//PT10M", None, "R//PT10M"),
    # the suffix, as written, is the same as the tz argument
    ("R3/PT10M[Europe/Berlin]", None, "R3/PT10M[Europe/Berlin]"),
    ("R//PT10M[!Europe/Berlin]", None, "R//PT10M[Europe/Berlin]"),
    ("R3/PT10M[Europe/Berlin]", "Europe/Berlin", "R3/PT10M[Europe/Berlin]"),
    ("R//P1D[+05:30]", None, "R//P1D[+05:30]"),
    ("R//P1D[Etc/UTC]", None, "R//P1D[UTC]"),
]


@pytest.mark.parametrize(("text", "tz", "canonical"), ZONES_WITHOUT_START)
def test_s20_schedule_without_start_prints_its_zone(
    text: str, tz: str | timezone | ZoneInfo | None, canonical: str
) -> None:
    s = isorepeat.parse(text, tz=tz)
    assert s.start is None
    assert str(s) == canonical
    again = isorepeat.parse(canonical)
    assert again == s
    assert str(again) == canonical
    assert eval(repr(s), {"Schedule": Schedule}) == s
    assert again.resolve(BERLIN_NOW) == s.resolve(BERLIN_NOW)
    assert str(again.resolve(BERLIN_NOW)) == str(s.resolve(BERLIN_NOW))


def test_s20_schedule_without_start_keeps_the_tz_of_its_suffix() -> None:
    assert isorepeat.parse("R//PT10M[Europe/Berlin]").tz == ZoneInfo("Europe/Berlin")
    assert isorepeat.parse("R//PT10M[+05:30]").tz == timezone(timedelta(hours=5, minutes=30))
    assert isorepeat.parse("R//PT10M").tz is None


def test_s20_schedule_without_start_in_utc_is_not_one_without_zone() -> None:
    # Put into effect, the one without a zone keeps now's offset; the UTC one runs in UTC.
    in_utc, without = isorepeat.parse("R3/PT10M", tz="UTC"), isorepeat.parse("R3/PT10M")
    assert in_utc != without
    assert str(in_utc) != str(without)
    now = datetime(2026, 1, 31, 9, 0, tzinfo=timezone(timedelta(hours=2)))
    assert str(in_utc.resolve(now)) == "R3/2026-01-31T07:10:00Z/PT10M"
    assert str(without.resolve(now)) == "R3/2026-01-31T09:10:00+02:00/PT10M"


def test_s20_schedules_without_start_in_two_zones_differ() -> None:
    berlin, la = isorepeat.parse("R//P1D", tz="Europe/Berlin"), isorepeat.parse("R//P1D", tz=LA)
    assert berlin != la
    assert str(berlin) != str(la)
    assert isorepeat.parse(str(berlin)) != isorepeat.parse(str(la))


# Each row: text, tz, column, message, hint.
SUFFIX_AFTER_PERIOD_ERRORS: list[tuple[str, str | None, int, str, str | None]] = [
    (
        "R//PT10M[Europe/Berlin]",
        "Europe/Paris",
        9,
        "the zone suffix [Europe/Berlin] differs from the tz argument 'Europe/Paris'",
        "give the zone once: in the suffix or as tz",
    ),
    (
        "R/2012-10-01T05:52:00Z/P1D[Europe/Berlin]",
        None,
        26,
        "the zone suffix follows the start, not the period",
        "write R/2012-10-01T05:52:00Z[Europe/Berlin]/P1D",
    ),
    (
        "R5/P1D[Europe/Berlin]/2008-05-11T15:30:00Z",
        None,
        6,
        "the zone suffix follows the end, not the period",
        "write R5/P1D/2008-05-11T15:30:00Z[Europe/Berlin]",
    ),
    ("R//PT10M[Europe/Berlin]x", None, 23, "unexpected 'x' after the zone suffix", None),
    ("R//PT10M[Europe/Berlin][UTC]", None, 23, "only one zone suffix is accepted", None),
]


@pytest.mark.parametrize(("text", "tz", "column", "message", "hint"), SUFFIX_AFTER_PERIOD_ERRORS)
def test_s20_zone_suffix_after_the_period(
    text: str, tz: str | None, column: int, message: str, hint: str | None
) -> None:
    with pytest.raises(ScheduleError) as info:
        isorepeat.parse(text, tz=tz)
    err = info.value
    assert (err.text, err.column, err.message, err.hint) == (text, column, message, hint)


def test_s3_unknown_zone_after_the_period() -> None:
    with pytest.raises(ScheduleError) as info:
        isorepeat.parse("R//PT10M[Europe/Berln]")
    assert (info.value.column, info.value.message) == (9, "unknown time zone 'Europe/Berln'")
    assert "Europe/Berlin" in (info.value.hint or "")


def test_s20_start_in_a_sub_minute_offset_without_a_zone_prints_in_utc() -> None:
    # resolve(now) keeps now's offset when there is no zone: here local mean time, +00:53:28,
    # which S10 cannot write. The text gives the instant in UTC, which parses back.
    now = datetime(1850, 1, 1, tzinfo=ZoneInfo("Europe/Berlin"))
    resolved = isorepeat.parse("R//PT1M").resolve(now)
    assert str(resolved) == "R/1849-12-31T23:06:32Z/PT1M"
    again = isorepeat.parse(str(resolved))
    assert again.start == resolved.start
