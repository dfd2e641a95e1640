"""Occurrences and their queries (SEMANTICS S6, S17, S18, S24, S27-S33, S40; issue 4).

Every expected value is written out from the contract (ISO strings, or integer arithmetic on
microseconds), never computed by isorepeat. Instants are compared in UTC or as isoformat strings:
aware datetimes sharing a tzinfo compare wall fields and ignore ``fold`` (PEP 495).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta, timezone, tzinfo
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import pytz
from dateutil import tz as dateutil_tz

import isorepeat
from isorepeat import Schedule, ScheduleError
from isorepeat.timeline import step_count

UTC = timezone.utc
LA = "America/Los_Angeles"
BERLIN = "Europe/Berlin"
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
UTC_MAX = datetime.max.replace(tzinfo=UTC)
ONE_US = timedelta(microseconds=1)


def _iso(moments: Any) -> list[str]:
    return [moment.isoformat() for moment in moments]


def _first(schedule: Schedule, count: int) -> list[str]:
    return [schedule[k].isoformat() for k in range(count)]


def _at(text: str) -> datetime:
    """An aware datetime from an ISO string with an offset (the standard library's parser)."""
    moment = datetime.fromisoformat(text)
    assert moment.tzinfo is not None
    return moment


def _micros(moment: datetime) -> int:
    """Whole microseconds since the epoch (exact, by timedelta arithmetic)."""
    return (moment - EPOCH) // ONE_US


# -- S30: the worked examples, row by row --------------------------------------------------------

S30_TABLE = [
    # (schedule, tz, the first occurrences as ISO strings)
    (
        "R/2012-01-31T09:00:00/P1M",
        BERLIN,
        [
            "2012-01-31T09:00:00+01:00",
            "2012-02-29T09:00:00+01:00",
            "2012-03-31T09:00:00+02:00",
            "2012-04-30T09:00:00+02:00",
        ],
    ),
    (
        "R3/2014-03-08T02:30:00/P1D",
        LA,
        ["2014-03-08T02:30:00-08:00", "2014-03-09T03:30:00-07:00", "2014-03-10T02:30:00-07:00"],
    ),
    (
        "R3/2014-03-08T12:00:00/PT24H",
        LA,
        ["2014-03-08T12:00:00-08:00", "2014-03-09T13:00:00-07:00", "2014-03-10T13:00:00-07:00"],
    ),
    (
        "R3/2014-11-01T01:30:00/P1D",
        LA,
        ["2014-11-01T01:30:00-07:00", "2014-11-02T01:30:00-07:00", "2014-11-03T01:30:00-08:00"],
    ),
    (
        "R5/2012-02-29T00:00:00Z/P1Y",
        None,
        [
            "2012-02-29T00:00:00+00:00",
            "2013-02-28T00:00:00+00:00",
            "2014-02-28T00:00:00+00:00",
            "2015-02-28T00:00:00+00:00",
            "2016-02-29T00:00:00+00:00",
        ],
    ),
    (
        "R3/2012-10-01T05:52:00Z/PT2S",
        None,
        ["2012-10-01T05:52:00+00:00", "2012-10-01T05:52:02+00:00", "2012-10-01T05:52:04+00:00"],
    ),
]


@pytest.mark.parametrize(("text", "tz", "expected"), S30_TABLE)
def test_s30_worked_examples(text: str, tz: str | None, expected: list[str]) -> None:
    schedule = isorepeat.parse(text, tz=tz)
    assert _first(schedule, len(expected)) == expected
    if not schedule.is_infinite:
        assert _iso(schedule) == expected
        assert len(schedule) == len(expected)


def test_s30_tenth_of_a_second_exactly() -> None:
    schedule = isorepeat.parse("R/2000-01-01T00:00:00Z/PT0.1S")
    assert schedule[10_000_000].isoformat() == "2000-01-12T13:46:40+00:00"
    assert schedule.index_of(_at("2000-01-12T13:46:40+00:00")) == 10_000_000
    assert schedule.next_after(_at("2000-01-12T13:46:39.950000+00:00")) == _at("2000-01-12T13:46:40+00:00")


# -- S27: anchored ------------------------------------------------------------------------------


def test_s27_anchored_never_drifts() -> None:
    schedule = isorepeat.parse("R/2012-01-31T09:00:00Z/P1M")
    assert _first(schedule, 6) == [
        "2012-01-31T09:00:00+00:00",
        "2012-02-29T09:00:00+00:00",
        "2012-03-31T09:00:00+00:00",  # from the start, not Feb 29 + 1 month
        "2012-04-30T09:00:00+00:00",
        "2012-05-31T09:00:00+00:00",
        "2012-06-30T09:00:00+00:00",
    ]
    assert schedule[1000].isoformat() == "2095-05-31T09:00:00+00:00"


def test_s27_k_times_p_multiplies_every_unit() -> None:
    # Jan 30 + 1 month = Feb 29, + 1 day = Mar 1 (days first would give Jan 31 + 1 month = Feb 29).
    schedule = isorepeat.parse("R/2012-01-30T00:00:00Z/P1M1DT1H")
    assert _first(schedule, 4) == [
        "2012-01-30T00:00:00+00:00",
        "2012-03-01T01:00:00+00:00",
        "2012-04-01T02:00:00+00:00",  # Jan 30 + 2 months = Mar 30, + 2 days, + 2 hours
        "2012-05-03T03:00:00+00:00",  # Jan 30 + 3 months = Apr 30, + 3 days, + 3 hours
    ]


# -- S28: start ⊕ k·P --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "k", "expected"),
    [
        # (1) months clamp to the month's end; anchoring means no drift
        ("R/2012-01-31T09:00:00Z/P1M", 1, "2012-02-29T09:00:00+00:00"),
        ("R/2013-01-31T09:00:00Z/P1M", 1, "2013-02-28T09:00:00+00:00"),
        ("R/2013-01-31T09:00:00Z/P1M", 2, "2013-03-31T09:00:00+00:00"),
        ("R/2012-01-31T09:00:00Z/P2M", 1, "2012-03-31T09:00:00+00:00"),
        ("R/2012-03-31T09:00:00Z/P1M", 1, "2012-04-30T09:00:00+00:00"),
        ("R/2012-12-31T09:00:00Z/P2M", 1, "2013-02-28T09:00:00+00:00"),
        # years and months together, as 12·Y + M months (Joda's years-then-months: 2013-03-28)
        ("R/2012-02-29T00:00:00Z/P1Y1M", 1, "2013-03-29T00:00:00+00:00"),
        ("R/2012-02-29T00:00:00Z/P1Y1M", 4, "2016-06-29T00:00:00+00:00"),
        ("R/2012-01-31T00:00:00Z/P1Y1M", 1, "2013-02-28T00:00:00+00:00"),
        ("R/2012-02-29T00:00:00Z/P4Y", 1, "2016-02-29T00:00:00+00:00"),
        ("R/2096-02-29T00:00:00Z/P4Y", 1, "2100-02-28T00:00:00+00:00"),
        # weeks and days added to the date after the months
        ("R/2012-01-31T00:00:00Z/P1M1W", 1, "2012-03-07T00:00:00+00:00"),
        ("R/2012-01-31T00:00:00Z/P1W1D", 2, "2012-02-16T00:00:00+00:00"),
        ("R/2012-02-28T00:00:00Z/P1D", 1, "2012-02-29T00:00:00+00:00"),
    ],
)
def test_s28_calendar_arithmetic(text: str, k: int, expected: str) -> None:
    assert isorepeat.parse(text)[k].isoformat() == expected


@pytest.mark.parametrize(
    ("text", "tz", "expected"),
    [
        # weeks and days on the wall clock: the wall time is kept across DST (23 h, 25 h days)
        (
            "R3/2014-03-02T02:30:00/P1W",
            LA,
            ["2014-03-02T02:30:00-08:00", "2014-03-09T03:30:00-07:00", "2014-03-16T02:30:00-07:00"],
        ),
        (
            "R3/2014-03-08T12:00:00/P1D",
            LA,
            ["2014-03-08T12:00:00-08:00", "2014-03-09T12:00:00-07:00", "2014-03-10T12:00:00-07:00"],
        ),
        (
            "R3/2014-11-01T12:00:00/P1D",
            LA,
            ["2014-11-01T12:00:00-07:00", "2014-11-02T12:00:00-08:00", "2014-11-03T12:00:00-08:00"],
        ),
        (
            "R3/2014-10-19T09:00:00/P1W",
            BERLIN,
            ["2014-10-19T09:00:00+02:00", "2014-10-26T09:00:00+01:00", "2014-11-02T09:00:00+01:00"],
        ),
        # elapsed units after the resolution: base_k (gap-shifted) + k hours
        (
            "R3/2014-03-08T02:30:00/P1DT1H",
            LA,
            ["2014-03-08T02:30:00-08:00", "2014-03-09T04:30:00-07:00", "2014-03-10T04:30:00-07:00"],
        ),
        # ... an overlap resolved to the first 01:30, then one hour on: the second 01:30
        (
            "R3/2014-11-01T01:30:00/P1DT1H",
            LA,
            ["2014-11-01T01:30:00-07:00", "2014-11-02T01:30:00-08:00", "2014-11-03T03:30:00-08:00"],
        ),
        # PT24H is always 86,400 s
        (
            "R3/2014-11-01T12:00:00/PT24H",
            LA,
            ["2014-11-01T12:00:00-07:00", "2014-11-02T11:00:00-08:00", "2014-11-03T11:00:00-08:00"],
        ),
        # PT1H from the second 01:30 of a fall-back night goes on from that instant
        (
            "R3/2014-11-02T01:30:00-08:00/PT1H",
            LA,
            ["2014-11-02T01:30:00-08:00", "2014-11-02T02:30:00-08:00", "2014-11-02T03:30:00-08:00"],
        ),
        (
            "R3/2014-11-02T01:30:00-08:00[America/Los_Angeles]/PT30M",
            None,
            ["2014-11-02T01:30:00-08:00", "2014-11-02T02:00:00-08:00", "2014-11-02T02:30:00-08:00"],
        ),
        (
            "R3/2014-11-02T01:30:00-07:00[America/Los_Angeles]/PT30M",
            None,
            ["2014-11-02T01:30:00-07:00", "2014-11-02T01:00:00-08:00", "2014-11-02T01:30:00-08:00"],
        ),
        # k = 0 is the start as parsed (its overlap choice kept); k >= 1 of P1D resolves anew
        (
            "R2/2014-11-02T01:30:00-08:00/P1D",
            LA,
            ["2014-11-02T01:30:00-08:00", "2014-11-03T01:30:00-08:00"],
        ),
        # a start in a gap: k = 0 is shifted, calendar arithmetic starts from 02:30 as written
        (
            "R3/2014-03-09T02:30:00/P1D",
            LA,
            ["2014-03-09T03:30:00-07:00", "2014-03-10T02:30:00-07:00", "2014-03-11T02:30:00-07:00"],
        ),
        (
            "R3/2014-03-09T02:30:00[America/Los_Angeles]/P1D",
            None,
            ["2014-03-09T03:30:00-07:00", "2014-03-10T02:30:00-07:00", "2014-03-11T02:30:00-07:00"],
        ),
        (
            "R2/2014-03-09T02:30:00/P1M",
            LA,
            ["2014-03-09T03:30:00-07:00", "2014-04-09T02:30:00-07:00"],
        ),
        # ... and elapsed units from the shifted start instant
        (
            "R3/2014-03-09T02:30:00/PT1H",
            LA,
            ["2014-03-09T03:30:00-07:00", "2014-03-09T04:30:00-07:00", "2014-03-09T05:30:00-07:00"],
        ),
        # Z[zone]: the wall fields are those of the instant in the zone (S10)
        (
            "R3/2022-03-26T11:00:00Z[Europe/Berlin]/P1D",
            None,
            ["2022-03-26T12:00:00+01:00", "2022-03-27T12:00:00+02:00", "2022-03-28T12:00:00+02:00"],
        ),
    ],
)
def test_s28_wall_clock(text: str, tz: str | None, expected: list[str]) -> None:
    schedule = isorepeat.parse(text, tz=tz)
    assert _iso(schedule) == expected


def test_s28_gap_start_next_day_at_written_wall_time() -> None:
    schedule = isorepeat.parse("R/2014-03-09T02:30:00/P1D", tz=LA)
    assert schedule[1].isoformat() == "2014-03-10T02:30:00-07:00"
    assert schedule[1].astimezone(UTC) == datetime(2014, 3, 10, 9, 30, tzinfo=UTC)


# -- S29: a fixed offset ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "tz", "expected"),
    [
        (
            "R3/2014-03-08T12:00:00-08:00/P1D",
            None,
            ["2014-03-08T12:00:00-08:00", "2014-03-09T12:00:00-08:00", "2014-03-10T12:00:00-08:00"],
        ),
        (
            "R3/2014-03-01T12:00:00-08:00/P1W",
            None,
            ["2014-03-01T12:00:00-08:00", "2014-03-08T12:00:00-08:00", "2014-03-15T12:00:00-08:00"],
        ),
        (
            "R3/2014-03-08T12:00:00/P1D",
            "-08:00",
            ["2014-03-08T12:00:00-08:00", "2014-03-09T12:00:00-08:00", "2014-03-10T12:00:00-08:00"],
        ),
        # months still clamp, on the wall clock of the offset (in UTC the start is Jan 30 20:30)
        (
            "R4/2012-01-31T02:00:00+05:30/P1M",
            None,
            [
                "2012-01-31T02:00:00+05:30",
                "2012-02-29T02:00:00+05:30",
                "2012-03-31T02:00:00+05:30",
                "2012-04-30T02:00:00+05:30",
            ],
        ),
        (
            "R3/2012-02-29T23:00:00-03:00/P1Y",
            None,
            ["2012-02-29T23:00:00-03:00", "2013-02-28T23:00:00-03:00", "2014-02-28T23:00:00-03:00"],
        ),
    ],
)
def test_s29_fixed_offset(text: str, tz: str | None, expected: list[str]) -> None:
    schedule = isorepeat.parse(text, tz=tz)
    assert _iso(schedule) == expected


def test_s29_fixed_offset_day_is_24_hours() -> None:
    schedule = isorepeat.parse("R/2014-03-08T12:00:00-08:00/P1D")
    for k in (1, 10, 1000):
        assert schedule[k] - schedule[0] == timedelta(hours=24 * k)


# -- S31: floored to the microsecond, in the schedule zone --------------------------------------

SUB_MICROSECOND = "R/2012-01-31T09:00:00.0000005Z/PT0.0000015S"  # 500 ns + k·1500 ns


def _sub(us: int) -> datetime:
    return datetime(2012, 1, 31, 9, 0, 0, us, tzinfo=UTC)


def test_s31_floored_to_the_microsecond() -> None:
    schedule = isorepeat.parse(SUB_MICROSECOND)
    # 500, 2000, 3500, 5000, 6500, 8000 ns
    assert [schedule[k] for k in range(6)] == [_sub(0), _sub(2), _sub(3), _sub(5), _sub(6), _sub(8)]
    assert schedule.start == _sub(0)
    assert isorepeat.parse("R/2012-01-31T09:00:00.999999999Z/PT1S")[2] == datetime(
        2012, 1, 31, 9, 0, 2, 999_999, tzinfo=UTC
    )


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        (lambda s: _sub(3) in s, True),
        (lambda s: _sub(4) in s, False),
        (lambda s: _sub(0) in s, True),
        (lambda s: s.index_of(_sub(3)), 2),
        (lambda s: s.index_of(_sub(5)), 3),
        (lambda s: s.index_of(_sub(1)), None),
        # the occurrence at 3,500 ns counts as 3 µs: at, not after, 3 µs
        (lambda s: s.next_after(_sub(3)), _sub(5)),
        (lambda s: s.next_after(_sub(3), inclusive=True), _sub(3)),
        (lambda s: s.next_after(_sub(2)), _sub(3)),
        (lambda s: s.previous_before(_sub(3), inclusive=True), _sub(3)),
        (lambda s: s.previous_before(_sub(3)), _sub(2)),
        (lambda s: s.previous_before(_sub(4)), _sub(3)),
        (lambda s: list(s.between(_sub(3), _sub(5))), [_sub(3)]),
        (lambda s: list(s.between(_sub(1), _sub(6))), [_sub(2), _sub(3), _sub(5)]),
        (lambda s: s.count_between(_sub(3), _sub(5)), 1),
        (lambda s: s.count_between(_sub(1), _sub(7)), 4),
    ],
)
def test_s31_queries_compare_floored_values(query: Callable[[Schedule], object], expected: object) -> None:
    assert query(isorepeat.parse(SUB_MICROSECOND)) == expected


def _zoneinfo_berlin() -> tzinfo:
    return ZoneInfo(BERLIN)


def _dateutil_berlin() -> tzinfo:
    zone = dateutil_tz.gettz(BERLIN)
    assert zone is not None
    return zone


@pytest.mark.parametrize(
    "make_zone", [_zoneinfo_berlin, _dateutil_berlin, lambda: timezone(timedelta(hours=3))]
)
def test_s31_tzinfo_is_the_zone_as_given(make_zone: Callable[[], tzinfo]) -> None:
    zone = make_zone()
    schedule = isorepeat.parse("R/2012-01-31T09:00:00/P1M", tz=zone)
    for k in range(4):
        assert schedule[k].tzinfo is zone
    assert schedule.next_after(datetime(2012, 3, 1, tzinfo=UTC)).tzinfo is zone  # type: ignore[union-attr]
    assert all(moment.tzinfo is zone for moment in schedule.between(schedule[0], schedule[5]))


def test_s31_tzinfo_pytz_normalized() -> None:
    zone = pytz.timezone(BERLIN)
    schedule = isorepeat.parse("R/2012-01-31T09:00:00/P1M", tz=zone)
    winter = zone.localize(datetime(2012, 2, 29, 9, 0))
    summer = zone.localize(datetime(2012, 3, 31, 9, 0))
    assert schedule[1].tzinfo == winter.tzinfo
    assert schedule[2].tzinfo == summer.tzinfo
    for moment in [*(schedule[k] for k in range(6)), *schedule.between(schedule[0], schedule[12])]:
        assert moment.tzinfo == zone.normalize(moment).tzinfo
        assert moment.utcoffset() == zone.normalize(moment).utcoffset()
    assert schedule[2].isoformat() == "2012-03-31T09:00:00+02:00"
    assert schedule[9].isoformat() == "2012-10-31T09:00:00+01:00"


@pytest.mark.parametrize(
    ("text", "offset"),
    [
        ("R/2012-01-31T09:00:00+05:30/P1M", timedelta(hours=5, minutes=30)),
        ("R/2012-01-31T09:00:00-03:30/PT1H", timedelta(hours=-3, minutes=-30)),
        ("R/2012-01-31T09:00:00Z/P1D", timedelta(0)),
    ],
)
def test_s31_tzinfo_is_the_start_offset(text: str, offset: timedelta) -> None:
    schedule = isorepeat.parse(text)
    for moment in (schedule[0], schedule[3], schedule.last):
        assert moment is not None
        assert moment.utcoffset() == offset
        assert moment.tzinfo == timezone(offset)


# -- S32: the queries ------------------------------------------------------------------------

FIVE = "R5/2012-10-01T05:52:00Z/PT2S"  # 05:52:00, :02, :04, :06, :08


def _t(seconds: int, us: int = 0) -> datetime:
    """05:52 + seconds (+ µs) on 2012-10-01, UTC."""
    return datetime(2012, 10, 1, 5, 52, tzinfo=UTC) + timedelta(seconds=seconds, microseconds=us)


S32_FIXED = [
    # (query, expected) on FIVE
    # next_after: strictly after, or at with inclusive
    (lambda s: s.next_after(_t(2)), _t(4)),
    (lambda s: s.next_after(_t(2), inclusive=True), _t(2)),
    (lambda s: s.next_after(_t(2, -1)), _t(2)),
    (lambda s: s.next_after(_t(2, -1), inclusive=True), _t(2)),
    (lambda s: s.next_after(_t(2, 1)), _t(4)),
    (lambda s: s.next_after(_t(2, 1), inclusive=True), _t(4)),
    (lambda s: s.next_after(_t(-3600)), _t(0)),
    (lambda s: s.next_after(_t(0)), _t(2)),
    (lambda s: s.next_after(_t(0), inclusive=True), _t(0)),
    (lambda s: s.next_after(_t(8)), None),
    (lambda s: s.next_after(_t(8), inclusive=True), _t(8)),
    (lambda s: s.next_after(_t(8, 1), inclusive=True), None),
    # previous_before: strictly before, or at with inclusive
    (lambda s: s.previous_before(_t(2)), _t(0)),
    (lambda s: s.previous_before(_t(2), inclusive=True), _t(2)),
    (lambda s: s.previous_before(_t(2, 1)), _t(2)),
    (lambda s: s.previous_before(_t(2, 1), inclusive=True), _t(2)),
    (lambda s: s.previous_before(_t(2, -1)), _t(0)),
    (lambda s: s.previous_before(_t(2, -1), inclusive=True), _t(0)),
    (lambda s: s.previous_before(_t(0)), None),
    (lambda s: s.previous_before(_t(0), inclusive=True), _t(0)),
    (lambda s: s.previous_before(_t(0, -1), inclusive=True), None),
    (lambda s: s.previous_before(_t(8)), _t(6)),
    (lambda s: s.previous_before(_t(8), inclusive=True), _t(8)),
    (lambda s: s.previous_before(_t(3600)), _t(8)),
    # between and count_between: half-open a <= occurrence < b
    (lambda s: list(s.between(_t(0), _t(4))), [_t(0), _t(2)]),
    (lambda s: list(s.between(_t(0), _t(4, 1))), [_t(0), _t(2), _t(4)]),
    (lambda s: list(s.between(_t(0, 1), _t(4))), [_t(2)]),
    (lambda s: list(s.between(_t(0, -1), _t(4, -1))), [_t(0), _t(2)]),
    (lambda s: list(s.between(_t(4), _t(4))), []),
    (lambda s: list(s.between(_t(6), _t(2))), []),
    (lambda s: list(s.between(_t(-60), _t(60))), [_t(0), _t(2), _t(4), _t(6), _t(8)]),
    (lambda s: list(s.between(_t(8), _t(60))), [_t(8)]),
    (lambda s: list(s.between(_t(9), _t(60))), []),
    (lambda s: s.count_between(_t(0), _t(4)), 2),
    (lambda s: s.count_between(_t(0), _t(4, 1)), 3),
    (lambda s: s.count_between(_t(0, 1), _t(4)), 1),
    (lambda s: s.count_between(_t(4), _t(4)), 0),
    (lambda s: s.count_between(_t(6), _t(2)), 0),
    (lambda s: s.count_between(_t(-60), _t(60)), 5),
    (lambda s: s.count_between(_t(8), _t(60)), 1),
    # index_of and in
    (lambda s: s.index_of(_t(0)), 0),
    (lambda s: s.index_of(_t(4)), 2),
    (lambda s: s.index_of(_t(8)), 4),
    (lambda s: s.index_of(_t(4, 1)), None),
    (lambda s: s.index_of(_t(4, -1)), None),
    (lambda s: s.index_of(_t(10)), None),
    (lambda s: s.index_of(_t(-2)), None),
    (lambda s: _t(6) in s, True),
    (lambda s: _t(6, 1) in s, False),
    (lambda s: _t(10) in s, False),
    (lambda s: "2012-10-01T05:52:00Z" in s, False),
    # the same instant written in another zone
    (lambda s: s.index_of(_at("2012-10-01T07:52:04+02:00")), 2),
    (lambda s: s.next_after(_at("2012-10-01T01:52:04-04:00")), _t(6)),
    # len, last, indexing
    (len, 5),
    (lambda s: s.last, _t(8)),
    (lambda s: s[0], _t(0)),
    (lambda s: s[4], _t(8)),
    (lambda s: s[-1], _t(8)),
    (lambda s: s[-5], _t(0)),
    (list, [_t(0), _t(2), _t(4), _t(6), _t(8)]),
]


@pytest.mark.parametrize(("query", "expected"), S32_FIXED)
def test_s32_queries_fixed(query: Callable[[Schedule], object], expected: object) -> None:
    assert query(isorepeat.parse(FIVE)) == expected


MONTHLY = "R5/2012-01-31T09:00:00/P1M"  # in Berlin: Jan 31, Feb 29, Mar 31 (CEST), Apr 30, May 31


def _b(text: str) -> datetime:
    return _at(f"2012-{text}")


S32_CALENDAR = [
    (lambda s: s.next_after(_b("02-29T09:00:00+01:00")), "2012-03-31T09:00:00+02:00"),
    (lambda s: s.next_after(_b("02-29T09:00:00+01:00"), inclusive=True), "2012-02-29T09:00:00+01:00"),
    (lambda s: s.next_after(_b("02-29T08:59:59.999999+01:00")), "2012-02-29T09:00:00+01:00"),
    (lambda s: s.next_after(_b("02-29T09:00:00.000001+01:00"), inclusive=True), "2012-03-31T09:00:00+02:00"),
    (lambda s: s.next_after(_b("03-31T08:00:00+01:00")), "2012-04-30T09:00:00+02:00"),  # = 09:00+02:00
    (lambda s: s.next_after(_b("03-31T08:00:00+01:00"), inclusive=True), "2012-03-31T09:00:00+02:00"),
    (lambda s: s.next_after(_b("05-31T09:00:00+02:00")), None),
    (lambda s: s.next_after(_b("01-01T00:00:00Z")), "2012-01-31T09:00:00+01:00"),
    (lambda s: s.previous_before(_b("03-31T09:00:00+02:00")), "2012-02-29T09:00:00+01:00"),
    (lambda s: s.previous_before(_b("03-31T09:00:00+02:00"), inclusive=True), "2012-03-31T09:00:00+02:00"),
    (lambda s: s.previous_before(_b("03-31T07:00:00.000001Z")), "2012-03-31T09:00:00+02:00"),
    (lambda s: s.previous_before(_b("01-31T09:00:00+01:00")), None),
    (lambda s: s.previous_before(_b("12-31T00:00:00Z")), "2012-05-31T09:00:00+02:00"),
    (lambda s: s.last, "2012-05-31T09:00:00+02:00"),
    (lambda s: s[-1], "2012-05-31T09:00:00+02:00"),
    (lambda s: s[-4], "2012-02-29T09:00:00+01:00"),
]


@pytest.mark.parametrize(("query", "expected"), S32_CALENDAR)
def test_s32_queries_calendar(query: Callable[[Schedule], datetime | None], expected: str | None) -> None:
    result = query(isorepeat.parse(MONTHLY, tz=BERLIN))
    assert (None if result is None else result.isoformat()) == expected


def test_s32_calendar_between_and_index() -> None:
    schedule = isorepeat.parse(MONTHLY, tz=BERLIN)
    assert _iso(schedule.between(_b("02-29T09:00:00+01:00"), _b("04-30T09:00:00+02:00"))) == [
        "2012-02-29T09:00:00+01:00",
        "2012-03-31T09:00:00+02:00",
    ]
    assert schedule.count_between(_b("02-29T09:00:00+01:00"), _b("04-30T09:00:00+02:00")) == 2
    assert schedule.count_between(_b("02-29T09:00:00+01:00"), _b("04-30T07:00:00.000001Z")) == 3
    assert schedule.count_between(_b("01-01T00:00:00Z"), _b("12-31T00:00:00Z")) == 5
    assert schedule.index_of(_b("03-31T07:00:00Z")) == 2
    assert schedule.index_of(_b("03-31T09:00:00+01:00")) is None  # 08:00Z: an hour late
    assert _b("04-30T09:00:00+02:00") in schedule
    assert _b("04-29T09:00:00+02:00") not in schedule
    assert len(schedule) == 5


@pytest.mark.parametrize(
    ("text", "k"),
    [
        (FIVE, 5),
        (FIVE, 6),
        (FIVE, -6),
        (FIVE, 10**30),
        (MONTHLY, 5),
        (MONTHLY, -6),
        ("R0/2012-10-01T05:52:00Z/PT2S", 0),
    ],
)
def test_s32_index_past_the_end(text: str, k: int) -> None:
    schedule = isorepeat.parse(text, tz=BERLIN if text == MONTHLY else None)
    with pytest.raises(IndexError):
        schedule[k]


def test_s32_infinite_has_no_len() -> None:
    schedule = isorepeat.parse("R/2012-10-01T05:52:00Z/PT2S")
    assert schedule.is_infinite
    with pytest.raises(TypeError):
        len(schedule)
    assert schedule[10**9].isoformat() == "2076-02-16T09:25:20+00:00"  # + 2e9 s


def test_s32_r0_has_nothing() -> None:
    schedule = isorepeat.parse("R0/2012-10-01T05:52:00Z/PT2S")
    assert len(schedule) == 0
    assert list(schedule) == []
    assert schedule.last is None
    assert schedule.next_after(_t(-60)) is None
    assert schedule.previous_before(_t(60)) is None
    assert schedule.count_between(_t(-60), _t(60)) == 0
    assert list(schedule.between(_t(-60), _t(60))) == []
    assert schedule.index_of(_t(0)) is None
    assert _t(0) not in schedule


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        (list, [_t(0)]),
        (len, 1),
        (lambda s: s.last, _t(0)),
        (lambda s: s[0], _t(0)),
        (lambda s: s[-1], _t(0)),
        (lambda s: s.next_after(_t(0)), None),
        (lambda s: s.next_after(_t(0), inclusive=True), _t(0)),
        (lambda s: s.next_after(_t(-1)), _t(0)),
        (lambda s: s.previous_before(_t(0)), None),
        (lambda s: s.previous_before(_t(0), inclusive=True), _t(0)),
        (lambda s: s.index_of(_t(0)), 0),
        (lambda s: _t(0) in s, True),
        (lambda s: s.count_between(_t(0), _t(1)), 1),
        (lambda s: list(s.between(_t(-1), _t(0))), []),
    ],
)
def test_s32_r1_zero_period(query: Callable[[Schedule], object], expected: object) -> None:
    # S14: a zero period is valid with R1; its one occurrence answers every query
    assert query(isorepeat.parse("R1/2012-10-01T05:52:00Z/PT0S")) == expected


NAIVE = datetime(2012, 10, 1, 5, 52, 2)
NAIVE_QUERIES = [
    lambda s: s.next_after(NAIVE),
    lambda s: s.next_after(NAIVE, inclusive=True),
    lambda s: s.previous_before(NAIVE),
    lambda s: s.previous_before(NAIVE, inclusive=True),
    lambda s: list(s.between(NAIVE, _t(10))),
    lambda s: list(s.between(_t(0), NAIVE)),
    lambda s: s.count_between(NAIVE, _t(10)),
    lambda s: s.count_between(_t(0), NAIVE),
    lambda s: s.index_of(NAIVE),
    lambda s: NAIVE in s,
]


@pytest.mark.parametrize("query", NAIVE_QUERIES)
@pytest.mark.parametrize(
    ("text", "tz"), [(FIVE, None), (MONTHLY, BERLIN), ("R/2012-10-01T05:52:00Z/PT2S", None)]
)
def test_s32_naive_datetime_raises(query: Callable[[Schedule], object], text: str, tz: str | None) -> None:
    with pytest.raises(TypeError, match="aware datetime"):
        query(isorepeat.parse(text, tz=tz))


# -- S33: coinciding occurrences ------------------------------------------------------------


def test_s33_apia_skipped_day_gives_two_equal_occurrences() -> None:
    schedule = isorepeat.parse("R5/2011-12-29T12:00:00/P1D", tz="Pacific/Apia")
    assert _iso(schedule) == [
        "2011-12-29T12:00:00-10:00",
        "2011-12-31T12:00:00+14:00",  # 12-30 does not exist: shifted forward by the 24 h gap
        "2011-12-31T12:00:00+14:00",
        "2012-01-01T12:00:00+14:00",
        "2012-01-02T12:00:00+14:00",
    ]
    assert len(schedule) == 5
    day_start, day_end = _at("2011-12-31T00:00:00+14:00"), _at("2012-01-01T00:00:00+14:00")
    assert schedule.count_between(day_start, day_end) == 2
    assert _iso(schedule.between(day_start, day_end)) == ["2011-12-31T12:00:00+14:00"] * 2
    twice = _at("2011-12-31T12:00:00+14:00")
    assert schedule.index_of(twice) == 1  # the first k
    assert twice in schedule
    assert schedule.next_after(_at("2011-12-29T12:00:00-10:00")) == twice
    assert schedule.next_after(twice) == _at("2012-01-01T12:00:00+14:00")
    assert schedule.previous_before(_at("2012-01-01T12:00:00+14:00")) == twice
    assert schedule.count_between(_at("2011-12-29T00:00:00-10:00"), _at("2012-01-03T00:00:00+14:00")) == 5


def test_s33_apia_suffix_form() -> None:
    schedule = isorepeat.parse("R4/2011-12-29T12:00:00[Pacific/Apia]/P1D")
    assert [moment.astimezone(UTC) for moment in schedule] == [
        datetime(2011, 12, 29, 22, 0, tzinfo=UTC),
        datetime(2011, 12, 30, 22, 0, tzinfo=UTC),
        datetime(2011, 12, 30, 22, 0, tzinfo=UTC),
        datetime(2011, 12, 31, 22, 0, tzinfo=UTC),
    ]


# -- S6 and S18: unresolved schedules -------------------------------------------------------

NOW = datetime(2026, 1, 31, 9, 0, tzinfo=UTC)
UNRESOLVED_QUERIES = [
    lambda s: s[0],
    list,
    lambda s: s.last,
    lambda s: s.next_after(NOW),
    lambda s: s.next_after(NOW, inclusive=True),
    lambda s: s.previous_before(NOW),
    lambda s: s.previous_before(NOW, inclusive=True),
    lambda s: list(s.between(NOW, NOW + timedelta(days=400))),
    lambda s: s.count_between(NOW, NOW + timedelta(days=400)),
    lambda s: s.index_of(NOW),
    lambda s: NOW in s,
]


@pytest.mark.parametrize("query", UNRESOLVED_QUERIES)
@pytest.mark.parametrize(
    ("text", "tz"), [("R//PT10M", None), ("R5//P1D", BERLIN), ("R/PT1H", None), ("R3/P1M", BERLIN)]
)
def test_s6_query_on_unresolved_raises(
    query: Callable[[Schedule], object], text: str, tz: str | None
) -> None:
    schedule = isorepeat.parse(text, tz=tz)
    with pytest.raises(ScheduleError, match=r"call resolve\(now\) first"):
        query(schedule)


@pytest.mark.parametrize("text", ["R5//P1D", "R3/P1M"])
def test_s6_len_on_unresolved_raises(text: str) -> None:
    with pytest.raises(ScheduleError, match=r"call resolve\(now\) first"):
        len(isorepeat.parse(text, tz=BERLIN))


@pytest.mark.parametrize(
    ("text", "tz", "expected"),
    [
        (
            "R3//PT10M",
            None,
            ["2026-01-31T09:00:00+00:00", "2026-01-31T09:10:00+00:00", "2026-01-31T09:20:00+00:00"],
        ),
        (
            "R3//P1D",
            BERLIN,
            ["2026-01-31T10:00:00+01:00", "2026-02-01T10:00:00+01:00", "2026-02-02T10:00:00+01:00"],
        ),
        # S18: the first run one period after now; k·P from there (Feb 28 + 1 month = Mar 28)
        (
            "R3/PT1H",
            None,
            ["2026-01-31T10:00:00+00:00", "2026-01-31T11:00:00+00:00", "2026-01-31T12:00:00+00:00"],
        ),
        (
            "R3/P1M",
            BERLIN,
            ["2026-02-28T10:00:00+01:00", "2026-03-28T10:00:00+01:00", "2026-04-28T10:00:00+02:00"],
        ),
    ],
)
def test_s18_resolved_occurrences(text: str, tz: str | None, expected: list[str]) -> None:
    schedule = isorepeat.parse(text, tz=tz).resolve(NOW)
    assert _iso(schedule) == expected
    assert schedule.next_after(NOW, inclusive=True) == _at(expected[0])


# -- S17: counted back from an end ------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "R5/P1D/2008-05-11T15:30:00Z",
            [
                "2008-05-06T15:30:00+00:00",
                "2008-05-07T15:30:00+00:00",
                "2008-05-08T15:30:00+00:00",
                "2008-05-09T15:30:00+00:00",
                "2008-05-10T15:30:00+00:00",
            ],
        ),
        # end ⊖ (n - k)·P: May 31 - 3 months = Feb 29 (clamped), - 2 = Mar 31, - 1 = Apr 30;
        # Feb 29 ⊕ k months would give Mar 29, Apr 29
        (
            "R3/P1M/2012-05-31T00:00:00Z",
            ["2012-02-29T00:00:00+00:00", "2012-03-31T00:00:00+00:00", "2012-04-30T00:00:00+00:00"],
        ),
        # months subtracted and clamped, then elapsed time subtracted
        (
            "R2/P1MT1H/2012-03-31T00:00:00Z",
            ["2012-01-30T22:00:00+00:00", "2012-02-28T23:00:00+00:00"],
        ),
        (
            "R3/P1Y/2016-02-29T12:00:00+05:00",
            ["2013-02-28T12:00:00+05:00", "2014-02-28T12:00:00+05:00", "2015-02-28T12:00:00+05:00"],
        ),
        # in a zone: days on the wall clock, the gap resolved forward
        (
            "R3/P1D/2014-03-10T02:30:00[America/Los_Angeles]",
            ["2014-03-07T02:30:00-08:00", "2014-03-08T02:30:00-08:00", "2014-03-09T03:30:00-07:00"],
        ),
    ],
)
def test_s17_occurrences_end_before_the_end(text: str, expected: list[str]) -> None:
    schedule = isorepeat.parse(text)
    assert _iso(schedule) == expected
    assert len(schedule) == len(expected)
    assert schedule.last == _at(expected[-1])
    assert schedule[-1] == _at(expected[-1])
    assert schedule.next_after(_at(expected[-1])) is None
    assert schedule.index_of(_at(expected[1])) == 1
    assert schedule.count_between(_at(expected[0]), _at(expected[-1])) == len(expected) - 1
    with pytest.raises(IndexError):
        schedule[len(expected)]


# -- S24: gaps and overlaps under every policy ------------------------------------------------

S24_POLICIES = [
    # (schedule, tz, policy, occurrence 1 or "raise")
    # Los Angeles: 2014-03-09 02:00 -> 03:00 (gap), 2014-11-02 02:00 -> 01:00 (overlap)
    ("R3/2014-03-08T02:30:00/P1D", LA, "compatible", "2014-03-09T03:30:00-07:00"),
    ("R3/2014-03-08T02:30:00/P1D", LA, "later", "2014-03-09T03:30:00-07:00"),
    ("R3/2014-03-08T02:30:00/P1D", LA, "earlier", "2014-03-09T01:30:00-08:00"),
    ("R3/2014-03-08T02:30:00/P1D", LA, "raise", "raise"),
    ("R3/2014-11-01T01:30:00/P1D", LA, "compatible", "2014-11-02T01:30:00-07:00"),
    ("R3/2014-11-01T01:30:00/P1D", LA, "earlier", "2014-11-02T01:30:00-07:00"),
    ("R3/2014-11-01T01:30:00/P1D", LA, "later", "2014-11-02T01:30:00-08:00"),
    ("R3/2014-11-01T01:30:00/P1D", LA, "raise", "raise"),
    # Berlin: 2014-03-30 02:00 -> 03:00, 2014-10-26 03:00 -> 02:00
    ("R3/2014-03-29T02:30:00/P1D", BERLIN, "compatible", "2014-03-30T03:30:00+02:00"),
    ("R3/2014-03-29T02:30:00/P1D", BERLIN, "earlier", "2014-03-30T01:30:00+01:00"),
    ("R3/2014-03-29T02:30:00/P1D", BERLIN, "later", "2014-03-30T03:30:00+02:00"),
    ("R3/2014-03-29T02:30:00/P1D", BERLIN, "raise", "raise"),
    ("R3/2014-10-25T02:30:00/P1D", BERLIN, "compatible", "2014-10-26T02:30:00+02:00"),
    ("R3/2014-10-25T02:30:00/P1D", BERLIN, "earlier", "2014-10-26T02:30:00+02:00"),
    ("R3/2014-10-25T02:30:00/P1D", BERLIN, "later", "2014-10-26T02:30:00+01:00"),
    ("R3/2014-10-25T02:30:00/P1D", BERLIN, "raise", "raise"),
    # Sydney (southern hemisphere): 2014-10-05 02:00 -> 03:00, 2014-04-06 03:00 -> 02:00
    ("R3/2014-10-04T02:30:00/P1D", "Australia/Sydney", "compatible", "2014-10-05T03:30:00+11:00"),
    ("R3/2014-10-04T02:30:00/P1D", "Australia/Sydney", "earlier", "2014-10-05T01:30:00+10:00"),
    ("R3/2014-10-04T02:30:00/P1D", "Australia/Sydney", "raise", "raise"),
    ("R3/2014-04-05T02:30:00/P1D", "Australia/Sydney", "compatible", "2014-04-06T02:30:00+11:00"),
    ("R3/2014-04-05T02:30:00/P1D", "Australia/Sydney", "later", "2014-04-06T02:30:00+10:00"),
    ("R3/2014-04-05T02:30:00/P1D", "Australia/Sydney", "raise", "raise"),
    # Dublin (negative DST in the IANA data): 2014-03-30 01:00 -> 02:00, 2014-10-26 02:00 -> 01:00
    ("R3/2014-03-29T01:30:00/P1D", "Europe/Dublin", "compatible", "2014-03-30T02:30:00+01:00"),
    ("R3/2014-03-29T01:30:00/P1D", "Europe/Dublin", "earlier", "2014-03-30T00:30:00+00:00"),
    ("R3/2014-03-29T01:30:00/P1D", "Europe/Dublin", "raise", "raise"),
    ("R3/2014-10-25T01:30:00/P1D", "Europe/Dublin", "compatible", "2014-10-26T01:30:00+01:00"),
    ("R3/2014-10-25T01:30:00/P1D", "Europe/Dublin", "later", "2014-10-26T01:30:00+00:00"),
    ("R3/2014-10-25T01:30:00/P1D", "Europe/Dublin", "raise", "raise"),
    # St John's (half-hour offsets): 2014-03-09 02:00 -> 03:00, 2014-11-02 02:00 -> 01:00
    ("R3/2014-03-08T02:30:00/P1D", "America/St_Johns", "compatible", "2014-03-09T03:30:00-02:30"),
    ("R3/2014-03-08T02:30:00/P1D", "America/St_Johns", "earlier", "2014-03-09T01:30:00-03:30"),
    ("R3/2014-11-01T01:30:00/P1D", "America/St_Johns", "later", "2014-11-02T01:30:00-03:30"),
    ("R3/2014-11-01T01:30:00/P1D", "America/St_Johns", "compatible", "2014-11-02T01:30:00-02:30"),
    # Apia: 2011-12-30 does not exist (a 24 h gap); earlier lands on occurrence 0 again
    ("R3/2011-12-29T12:00:00/P1D", "Pacific/Apia", "compatible", "2011-12-31T12:00:00+14:00"),
    ("R3/2011-12-29T12:00:00/P1D", "Pacific/Apia", "later", "2011-12-31T12:00:00+14:00"),
    ("R3/2011-12-29T12:00:00/P1D", "Pacific/Apia", "earlier", "2011-12-29T12:00:00-10:00"),
    ("R3/2011-12-29T12:00:00/P1D", "Pacific/Apia", "raise", "raise"),
    # Kolkata: no DST, nothing to disambiguate
    ("R3/2014-03-08T02:30:00/P1D", "Asia/Kolkata", "raise", "2014-03-09T02:30:00+05:30"),
]


@pytest.mark.parametrize(("text", "tz", "policy", "expected"), S24_POLICIES)
def test_s24_policy_on_occurrences(text: str, tz: str, policy: Any, expected: str) -> None:
    schedule = isorepeat.parse(text, tz=tz, disambiguate=policy)
    start = isorepeat.parse(text, tz=tz)  # occurrences 0 and 2 are unambiguous
    assert schedule[0].isoformat() == start[0].isoformat()
    assert schedule[2].isoformat() == start[2].isoformat()
    if expected == "raise":
        with pytest.raises(ScheduleError) as caught:
            schedule[1]
        assert caught.value.column == text.index("/") + 1
        assert "occurrence 1" in caught.value.message
    else:
        assert schedule[1].isoformat() == expected
        first_k = 0 if _at(expected) == schedule[0] else 1  # Apia "earlier": occurrence 0 again
        assert schedule.index_of(_at(expected)) == first_k


def test_s24_raise_in_query_names_the_occurrence() -> None:
    text = "R3/2014-03-08T02:30:00/P1D"
    schedule = isorepeat.parse(text, tz=LA, disambiguate="raise")
    queries: list[Callable[[], object]] = [
        lambda: schedule[1],
        lambda: list(schedule),
        lambda: schedule.next_after(_at("2014-03-08T02:30:00-08:00")),
        lambda: schedule.previous_before(_at("2014-03-10T02:30:00-07:00")),
        lambda: list(schedule.between(_at("2014-03-08T00:00:00-08:00"), _at("2014-03-11T00:00:00-07:00"))),
    ]
    for query in queries:
        with pytest.raises(ScheduleError) as caught:
            query()
        assert caught.value.column == 3
        assert "2014-03-09T02:30:00" in caught.value.message  # the occurrence's wall time


def test_s24_raise_in_query_only_for_the_occurrence_returned() -> None:
    # Occurrence 1 (2014-03-09T02:30) is in the gap; queries that return another one must not raise.
    schedule = isorepeat.parse("R3/2014-03-08T02:30:00/P1D", tz=LA, disambiguate="raise")
    assert schedule[2].isoformat() == "2014-03-10T02:30:00-07:00"
    assert schedule.last is not None
    assert schedule.last.isoformat() == "2014-03-10T02:30:00-07:00"
    after = schedule.next_after(_at("2014-03-09T12:00:00-07:00"))
    assert after is not None
    assert after.isoformat() == "2014-03-10T02:30:00-07:00"
    before = schedule.previous_before(_at("2014-03-09T00:00:00-08:00"))
    assert before is not None
    assert before.isoformat() == "2014-03-08T02:30:00-08:00"
    assert schedule.index_of(_at("2014-03-10T02:30:00-07:00")) == 2
    assert _at("2014-03-10T02:30:00-07:00") in schedule


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "R/2014-11-02T00:30:00/PT1H",
            [
                "2014-11-02T00:30:00-07:00",
                "2014-11-02T01:30:00-07:00",
                "2014-11-02T01:30:00-08:00",
                "2014-11-02T02:30:00-08:00",
                "2014-11-02T03:30:00-08:00",
            ],
        ),
        (
            "R/2014-03-09T00:30:00/PT30M",
            [
                "2014-03-09T00:30:00-08:00",
                "2014-03-09T01:00:00-08:00",
                "2014-03-09T01:30:00-08:00",
                "2014-03-09T03:00:00-07:00",
                "2014-03-09T03:30:00-07:00",
            ],
        ),
        # a literal offset picks one side of the overlap for the start: no raise
        (
            "R/2014-11-02T01:30:00-08:00/PT1H",
            [
                "2014-11-02T01:30:00-08:00",
                "2014-11-02T02:30:00-08:00",
                "2014-11-02T03:30:00-08:00",
                "2014-11-02T04:30:00-08:00",
                "2014-11-02T05:30:00-08:00",
            ],
        ),
    ],
)
def test_s24_raise_elapsed_units_never_raise(text: str, expected: list[str]) -> None:
    schedule = isorepeat.parse(text, tz=LA, disambiguate="raise")
    assert _first(schedule, 5) == expected
    assert _iso(schedule.between(_at(expected[0]), _at(expected[-1]) + ONE_US)) == expected
    after = schedule.next_after(_at(expected[1]))
    assert after is not None
    assert after.isoformat() == expected[2]  # PEP 495: compare the text, not across zones
    assert schedule.index_of(_at(expected[3])) == 3
    assert schedule.index_of(_at(expected[2])) == 2


@pytest.mark.parametrize("policy", ["compatible", "earlier", "later", "raise"])
def test_s24_policy_with_pytz_and_dateutil(policy: Any) -> None:
    expected = {
        "compatible": "2014-03-09T03:30:00-07:00",
        "earlier": "2014-03-09T01:30:00-08:00",
        "later": "2014-03-09T03:30:00-07:00",
    }
    for zone in (pytz.timezone(LA), dateutil_tz.gettz(LA), ZoneInfo(LA)):
        schedule = isorepeat.parse("R3/2014-03-08T02:30:00/P1D", tz=zone, disambiguate=policy)
        if policy == "raise":
            with pytest.raises(ScheduleError):
                schedule[1]
        else:
            assert schedule[1].isoformat() == expected[policy]
        assert schedule[2].astimezone(UTC) == datetime(2014, 3, 10, 9, 30, tzinfo=UTC)


# -- S40: the end of an infinite schedule ----------------------------------------------------


def test_s40_microsecond_schedule_ends_at_the_utc_bound() -> None:
    schedule = isorepeat.parse("R/1970-01-01T00:00:00Z/PT0.000001S")
    last = schedule.last
    assert last is not None
    assert last.isoformat() == "9999-12-31T23:59:59.999999+00:00"
    k = _micros(UTC_MAX)
    assert schedule.index_of(UTC_MAX) == k
    assert schedule[k] == UTC_MAX
    with pytest.raises(IndexError):
        schedule[k + 1]
    assert schedule.next_after(UTC_MAX) is None
    assert schedule.next_after(UTC_MAX - ONE_US) == UTC_MAX
    assert schedule.previous_before(UTC_MAX, inclusive=True) == UTC_MAX
    assert list(schedule.between(UTC_MAX - 3 * ONE_US, UTC_MAX)) == [
        UTC_MAX - 3 * ONE_US,
        UTC_MAX - 2 * ONE_US,
        UTC_MAX - ONE_US,
    ]
    assert schedule.count_between(UTC_MAX - 3 * ONE_US, UTC_MAX) == 3


@pytest.mark.parametrize(
    ("text", "tz", "expected"),
    [
        # east of UTC the wall clock reaches the year 10000 first
        ("R/1970-01-01T00:00:00Z[Pacific/Kiritimati]/PT0.000001S", None, "9999-12-31T23:59:59.999999+14:00"),
        ("R/1970-01-01T00:00:00+14:00/PT0.000001S", None, "9999-12-31T23:59:59.999999+14:00"),
        ("R/2000-01-01T00:00:00/PT1H", "Pacific/Kiritimati", "9999-12-31T23:00:00+14:00"),
        ("R/2000-01-01T00:00:00/PT1H", "+05:30", "9999-12-31T23:00:00+05:30"),
        ("R/2000-01-01T00:00:00/P1D", "Asia/Kolkata", "9999-12-31T00:00:00+05:30"),
        ("R/2000-01-31T00:00:00/P1M", BERLIN, "9999-12-31T00:00:00+01:00"),
        # west of UTC, UTC reaches it first
        ("R/1970-01-01T00:00:00Z/PT0.000001S", LA, "9999-12-31T15:59:59.999999-08:00"),
        ("R/2000-01-01T00:00:00/PT1H", LA, "9999-12-31T15:00:00-08:00"),
        ("R/2000-01-01T00:00:00/PT1H", "America/St_Johns", "9999-12-31T20:00:00-03:30"),
        ("R/2000-12-31T23:00:00/P1Y", LA, "9998-12-31T23:00:00-08:00"),
        ("R/2000-12-31T15:00:00/P1Y", LA, "9999-12-31T15:00:00-08:00"),
        ("R/2000-12-31T16:00:00/P1Y", LA, "9998-12-31T16:00:00-08:00"),
        ("R/2000-01-31T23:30:00/P1M", "-12:00", "9999-11-30T23:30:00-12:00"),
        ("R/2000-01-31T09:00:00Z/P1M", None, "9999-12-31T09:00:00+00:00"),
        ("R/2000-02-29T09:00:00Z/P1Y", None, "9999-02-28T09:00:00+00:00"),
    ],
)
def test_s40_last_occurrence(text: str, tz: str | None, expected: str) -> None:
    schedule = isorepeat.parse(text, tz=tz)
    last = schedule.last
    assert last is not None
    assert last.isoformat() == expected
    assert last.astimezone(UTC) <= UTC_MAX
    assert schedule.next_after(last) is None
    assert schedule.next_after(UTC_MAX) is None
    assert schedule.previous_before(UTC_MAX, inclusive=True) == last
    index = schedule.index_of(last)
    assert index is not None
    assert schedule[index] == last
    with pytest.raises(IndexError):
        schedule[index + 1]


def test_s40_east_of_utc_ends_earlier() -> None:
    schedule = isorepeat.parse("R/1970-01-01T00:00:00Z[Pacific/Kiritimati]/PT0.000001S")
    last = schedule.last
    assert last is not None
    assert last.astimezone(UTC) == datetime(9999, 12, 31, 9, 59, 59, 999_999, tzinfo=UTC)
    assert last.astimezone(UTC) < UTC_MAX
    assert schedule.index_of(last) == _micros(datetime(9999, 12, 31, 9, 59, 59, 999_999, tzinfo=UTC))
    assert UTC_MAX not in schedule


S40_ZONES = [
    None,
    "UTC",
    BERLIN,
    LA,
    "Pacific/Kiritimati",
    "Pacific/Apia",
    "Asia/Kolkata",
    "America/St_Johns",
    "Europe/Dublin",
    "Australia/Sydney",
    "+14:00",
    "-12:00",
    "Etc/GMT+12",
]


@pytest.mark.parametrize("period", ["P1M", "P1Y", "PT1H", "P1D", "P1W", "PT1.5S", "PT0.0000015S", "P1MT1H"])
@pytest.mark.parametrize("tz", S40_ZONES)
def test_s40_no_overflow_near_the_end(tz: str | None, period: str) -> None:
    start = "9998-12-31T23:00:00" + ("Z" if tz is None else "")
    schedule = isorepeat.parse(f"R/{start}/{period}", tz=tz)
    last = schedule.last
    assert last is not None
    assert last.year >= 9998
    assert last.astimezone(UTC) <= UTC_MAX  # the datetime exists in UTC ...
    assert last.replace(tzinfo=None) <= datetime.max  # ... and on the wall clock
    window = timedelta(days=400) if period.startswith("P1") and "T" not in period else timedelta(hours=3)
    if "0.0000015" in period:
        window = timedelta(microseconds=10)
    tail = list(schedule.between(last - window, UTC_MAX))
    assert tail
    assert tail[-1] == last
    assert schedule.count_between(last - window, UTC_MAX) == len(tail)
    assert schedule.next_after(last) is None
    assert schedule.next_after(last - ONE_US) == last
    assert schedule.previous_before(UTC_MAX, inclusive=True) == last
    late = datetime(9999, 12, 31, 23, 59, tzinfo=timezone(timedelta(hours=-14)))  # after 9999 in UTC
    early = datetime(1, 1, 1, tzinfo=timezone(timedelta(hours=14)))  # before 0001 in UTC
    assert schedule.next_after(late) is None
    assert schedule.previous_before(late) == last
    assert schedule.previous_before(early) is None
    assert schedule.next_after(early) == schedule[0]
    assert late not in schedule
    index = schedule.index_of(last)
    assert index is not None
    with pytest.raises(IndexError):
        schedule[index + 1]


def test_s40_iterating_to_the_end() -> None:
    schedule = isorepeat.parse("R/9999-12-25T00:00:00/P1D", tz="Pacific/Kiritimati")
    assert _iso(schedule)[-2:] == ["9999-12-30T00:00:00+14:00", "9999-12-31T00:00:00+14:00"]
    schedule = isorepeat.parse("R/9999-12-31T20:00:00Z/PT1H")
    assert _iso(schedule) == [
        "9999-12-31T20:00:00+00:00",
        "9999-12-31T21:00:00+00:00",
        "9999-12-31T22:00:00+00:00",
        "9999-12-31T23:00:00+00:00",
    ]
    schedule = isorepeat.parse("R/9999-12-31T23:59:59.999990Z/PT0.000004S")
    assert _iso(schedule) == [
        "9999-12-31T23:59:59.999990+00:00",
        "9999-12-31T23:59:59.999994+00:00",
        "9999-12-31T23:59:59.999998+00:00",
    ]


def test_s40_finite_schedule_cut_at_the_end() -> None:
    schedule = isorepeat.parse("R10/9999-12-31T20:00:00Z/PT1H")
    assert len(schedule) == 4
    assert schedule[-1].isoformat() == "9999-12-31T23:00:00+00:00"


@pytest.mark.parametrize(
    ("text", "tz"),
    [
        ("R/9999-12-31T23:00:00Z[Pacific/Kiritimati]/PT1H", None),  # wall time 10000-01-01T13:00
        ("R/9999-12-31T23:00:00/PT1H", LA),  # 10000-01-01T07:00Z
    ],
)
def test_s40_start_beyond_the_bound_is_a_parse_error(text: str, tz: str | None) -> None:
    with pytest.raises(ScheduleError):
        isorepeat.parse(text, tz=tz)


# -- complexity (issue 4 item 3): count occurrences computed, never wall-clock time --------


def _cost(query: Callable[[], object]) -> int:
    before = step_count()
    query()
    return step_count() - before


def _query_costs(text: str, tz: str | None, k: int, moment: datetime) -> list[int]:
    """Steps taken by each query on a fresh schedule (so the search for the end counts too)."""

    def fresh() -> Schedule:
        return isorepeat.parse(text, tz=tz)

    return [
        _cost(lambda: fresh()[k]),
        _cost(lambda: fresh().next_after(moment)),
        _cost(lambda: fresh().next_after(moment, inclusive=True)),
        _cost(lambda: fresh().previous_before(moment)),
        _cost(lambda: fresh().previous_before(moment, inclusive=True)),
        _cost(lambda: fresh().index_of(moment)),
        _cost(lambda: moment in fresh()),
        _cost(lambda: fresh().count_between(moment - timedelta(days=1), moment)),
        _cost(lambda: next(iter(fresh().between(moment, UTC_MAX)), None)),
        _cost(lambda: fresh().last),
    ]


FIXED_COMPLEXITY = [
    # (schedule, tz): periods without calendar units
    ("R/1970-01-01T00:00:00Z/PT0.000001S", None),
    ("R/1970-01-01T00:00:00/PT0.000001S", BERLIN),
    ("R/1970-01-01T00:00:00.0000005Z/PT0.0000015S", None),
    ("R/1970-01-01T00:00:00Z/PT2S", None),
    ("R/1970-01-01T00:00:00/PT1H", LA),
]


@pytest.mark.parametrize(("text", "tz"), FIXED_COMPLEXITY)
def test_complexity_fixed_periods_are_constant(text: str, tz: str | None) -> None:
    small_k, huge_k = 10, 10**15
    if "PT1H" in text or "PT2S" in text:
        huge_k = 10**9 if "PT2S" in text else 10**7
    small = isorepeat.parse(text, tz=tz)[small_k]  # a probe, not an expected value
    huge = datetime(2026, 11, 22, 12, 0, 0, 123, tzinfo=UTC)
    small_costs = _query_costs(text, tz, small_k, small)
    huge_costs = _query_costs(text, tz, huge_k, huge)
    assert max(small_costs) <= 4, small_costs
    assert max(huge_costs) <= 4, huge_costs
    assert huge_costs == small_costs  # does not grow with k


@pytest.mark.parametrize(
    ("text", "tz", "small_moment", "huge_k", "huge_moment"),
    [
        # P1M: ~1.2e5 months to the year 9999
        (
            "R/0001-01-31T09:00:00Z/P1M",
            None,
            datetime(1, 11, 15, tzinfo=UTC),
            119_000,
            datetime(9999, 6, 15, tzinfo=UTC),
        ),
        (
            "R/0001-01-31T09:00:00/P1M",
            BERLIN,
            datetime(1, 11, 30, 9, tzinfo=UTC),
            119_000,
            datetime(9999, 3, 31, 7, tzinfo=UTC),
        ),
        (
            "R/1970-01-31T09:00:00/P1M",
            LA,
            datetime(1970, 11, 30, 9, tzinfo=UTC),
            96_000,
            datetime(9999, 11, 30, 17, tzinfo=UTC),
        ),
        # P1D in Berlin: ~3.65e6 days
        (
            "R/0001-01-01T09:00:00/P1D",
            BERLIN,
            datetime(1, 1, 11, 12, tzinfo=UTC),
            3_600_000,
            datetime(9999, 10, 30, 8, tzinfo=UTC),
        ),
        (
            "R/1970-01-01T02:30:00/P1D",
            LA,
            datetime(1970, 1, 11, 12, tzinfo=UTC),
            2_900_000,
            datetime(9999, 3, 14, 12, tzinfo=UTC),
        ),
        # P1Y: ~1e4 years
        (
            "R/0004-02-29T09:00:00Z/P1Y",
            None,
            datetime(14, 3, 1, tzinfo=UTC),
            9_900,
            datetime(9990, 2, 28, 9, tzinfo=UTC),
        ),
        (
            "R/0001-01-02T00:00:00/P1W",
            "Australia/Sydney",
            datetime(1, 3, 15, tzinfo=UTC),
            520_000,
            datetime(9999, 7, 1, tzinfo=UTC),
        ),
        (
            "R/0001-01-31T09:00:00Z/P1M1DT1H",
            None,
            datetime(1, 11, 15, tzinfo=UTC),
            100_000,
            datetime(9500, 6, 15, tzinfo=UTC),
        ),
    ],
)
def test_complexity_calendar_periods_are_bounded(
    text: str, tz: str | None, small_moment: datetime, huge_k: int, huge_moment: datetime
) -> None:
    small_costs = _query_costs(text, tz, 10, small_moment)
    huge_costs = _query_costs(text, tz, huge_k, huge_moment)
    assert max(small_costs) <= 40, small_costs
    assert max(huge_costs) <= 40, huge_costs
    for small, huge in zip(small_costs, huge_costs, strict=True):
        assert huge <= small + 4, (small_costs, huge_costs)


def test_complexity_microsecond_schedule_in_2026() -> None:
    """S32's example: k ≈ 1.8e15, answered in closed form, exactly."""
    schedule = isorepeat.parse("R/1970-01-01T00:00:00Z/PT0.000001S")
    moment = datetime(2026, 11, 22, 12, 0, 0, 123_456, tzinfo=UTC)
    k = _micros(moment)
    assert k > 1.7e15
    assert _cost(lambda: schedule.index_of(moment)) <= 4
    assert schedule.index_of(moment) == k
    assert schedule[k] == moment
    assert schedule.next_after(moment) == moment + ONE_US
    assert schedule.previous_before(moment) == moment - ONE_US
    assert schedule.count_between(EPOCH, moment) == k
    before = step_count()
    assert list(schedule.between(moment, moment + 3 * ONE_US)) == [
        moment,
        moment + ONE_US,
        moment + 2 * ONE_US,
    ]
    assert step_count() - before <= 8


def test_s40_a_period_longer_than_the_calendar_gives_one_occurrence() -> None:
    # The one step there is to take would not fit a timedelta: it must not be built.
    schedule = isorepeat.parse("R1/2000-01-01T00:00:00Z/PT1000000000000000000H")
    assert list(schedule) == [datetime(2000, 1, 1, tzinfo=UTC)]
    assert list(isorepeat.parse("R/2000-01-01T00:00:00Z/PT1000000000000000000H")) == [
        datetime(2000, 1, 1, tzinfo=UTC)
    ]
