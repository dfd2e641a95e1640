"""isorepeat/calendar.py on its own: the wall-clock arithmetic of S28 on integer nanoseconds.

Covers ``days_in_month`` (against ``calendar.monthrange`` for every month of 0001-9999), the
bounds ``MIN_INSTANT``/``MAX_INSTANT``/``MIN_WALL``/``MAX_WALL`` and ``is_representable`` (S40,
against what ``datetime`` can hold in UTC and in the zone), ``add_calendar`` (months clamped to
the month's end, then days; ``None`` outside 0001-9999) against ``dateutil.relativedelta``, and
``advance`` (``start ⊕ k·P`` and the ``⊖`` of S17 with k < 0, resolved in the zone with each
``disambiguate`` policy of S24) against relativedelta plus ``zoneinfo``'s PEP 495 ``fold``.
The oracles never call isorepeat.
"""

from __future__ import annotations

import calendar as std_calendar
import zoneinfo
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone, tzinfo
from typing import Final

import pytest
from dateutil.relativedelta import relativedelta
from hypothesis import example, given, settings
from hypothesis import strategies as st

from isorepeat._types import Disambiguate
from isorepeat.calendar import (
    MAX_INSTANT,
    MAX_WALL,
    MIN_INSTANT,
    MIN_WALL,
    add_calendar,
    advance,
    days_in_month,
    is_representable,
)
from isorepeat.duration import Duration
from isorepeat.zones import FixedZone, WallTimeError, Zone, resolve_tz

from .properties.strategies import SETTINGS

UTC = timezone.utc
_EPOCH: Final = datetime(1970, 1, 1)
_EPOCH_UTC: Final = datetime(1970, 1, 1, tzinfo=UTC)
_US: Final = timedelta(microseconds=1)
_POLICIES: Final[tuple[Disambiguate, ...]] = ("compatible", "earlier", "later", "raise")


# -- helpers: nanoseconds <-> datetime, without isorepeat --------------------------------------


def _wall_ns(wall: datetime, nanos: int = 0) -> int:
    """A naive wall time (plus 0-999 ns) as ns since 1970-01-01T00:00."""
    return (wall - _EPOCH) // _US * 1000 + nanos


def _instant_ns(moment: datetime, nanos: int = 0) -> int:
    """An aware datetime (plus 0-999 ns) as ns since the epoch."""
    return (moment - _EPOCH_UTC) // _US * 1000 + nanos


def _wall_of(ns: int) -> datetime:
    return _EPOCH + timedelta(microseconds=ns // 1000)


def _zone(name: str) -> Zone:
    zone = resolve_tz(name)
    assert zone is not None
    return zone


# -- days_in_month -----------------------------------------------------------------------------


def test_s28_days_in_month_matches_monthrange_for_every_month() -> None:
    for year in range(1, 10_000):
        for month in range(1, 13):
            assert days_in_month(year, month) == std_calendar.monthrange(year, month)[1], (year, month)


@pytest.mark.parametrize(
    ("year", "days"),
    [
        (2012, 29),  # divisible by 4
        (2013, 28),
        (1900, 28),  # a century: not a leap year
        (2000, 29),  # ... unless divisible by 400
        (2100, 28),
        (2400, 29),
        (4, 29),
        (1, 28),
        (9996, 29),
        (9999, 28),
    ],
)
def test_s28_february_in_leap_years(year: int, days: int) -> None:
    assert days_in_month(year, 2) == days


# -- bounds (S40) ------------------------------------------------------------------------------


def test_s40_min_and_max_instant() -> None:
    assert _instant_ns(datetime(1, 1, 1, tzinfo=UTC)) == MIN_INSTANT
    assert _instant_ns(datetime.max.replace(tzinfo=UTC), 999) == MAX_INSTANT
    assert (MIN_WALL, MAX_WALL) == (MIN_INSTANT, MAX_INSTANT)


def _representable_oracle(tz: tzinfo, instant: int) -> bool:
    """S40: the floored datetime exists in UTC and as wall time in ``tz`` (datetime decides)."""
    try:
        utc = _EPOCH_UTC + timedelta(microseconds=instant // 1000)
        utc.astimezone(tz)
    except OverflowError:
        return False
    return True


_BOUNDARY_ZONES: Final = (
    "UTC",
    "+23:59",
    "-23:59",
    "+01:00",
    "-05:00",
    "Europe/Berlin",  # LMT +00:53:28 at the year 0001
    "America/Los_Angeles",  # LMT -07:52:58
    "Pacific/Kiritimati",  # +14:00 at the year 9999
    "Asia/Kolkata",
)


@st.composite
def _near_the_bounds(draw: st.DrawFn) -> int:
    """An instant within two days of either end of the calendar, or anywhere."""
    two_days = 2 * 86_400 * 10**9
    return draw(
        st.one_of(
            st.integers(MIN_INSTANT - two_days, MIN_INSTANT + two_days),
            st.integers(MAX_INSTANT - two_days, MAX_INSTANT + two_days),
            st.integers(MIN_INSTANT, MAX_INSTANT),
        )
    )


@SETTINGS
@given(st.sampled_from(_BOUNDARY_ZONES), _near_the_bounds())
@example("UTC", MIN_INSTANT)
@example("UTC", MIN_INSTANT - 1)
@example("UTC", MAX_INSTANT)
@example("UTC", MAX_INSTANT + 1)
@example("+23:59", MAX_INSTANT - 23 * 3600 * 10**9 - 59 * 60 * 10**9)
@example("+23:59", MAX_INSTANT - 23 * 3600 * 10**9 - 59 * 60 * 10**9 + 1)
@example("-23:59", MIN_INSTANT + (23 * 60 + 59) * 60 * 10**9)
@example("-23:59", MIN_INSTANT + (23 * 60 + 59) * 60 * 10**9 - 1)
def test_s40_is_representable_matches_datetime(name: str, instant: int) -> None:
    zone = _zone(name)
    assert is_representable(zone, instant) is _representable_oracle(zone.tzinfo, instant), (name, instant)


def test_s40_east_of_utc_ends_earlier() -> None:
    # 9999-12-31T12:00Z is 9999-12-31T23:59 in +11:59 and 10000-01-01T00:00 in +12:00.
    noon = _instant_ns(datetime(9999, 12, 31, 12, tzinfo=UTC))
    assert is_representable(FixedZone(11 * 3600 + 59 * 60), noon)
    assert not is_representable(FixedZone(12 * 3600), noon)
    assert is_representable(FixedZone(0), noon)


# -- add_calendar: months clamped, then days (S28 (1), (2)) ------------------------------------

# Each row: wall time, months, days, expected wall time (None: outside the years 0001-9999).
ADD_CALENDAR: Final = [
    # S28: Jan 31 + 1 month = Feb 29 in 2012, Feb 28 in 2013; + 2 months = Mar 31 (no drift)
    (datetime(2012, 1, 31, 9), 1, 0, datetime(2012, 2, 29, 9)),
    (datetime(2013, 1, 31, 9), 1, 0, datetime(2013, 2, 28, 9)),
    (datetime(2012, 1, 31, 9), 2, 0, datetime(2012, 3, 31, 9)),
    (datetime(2012, 1, 31), 3, 0, datetime(2012, 4, 30)),
    # years are months: Feb 29 + 12 months = Feb 28, + 48 months = Feb 29 again
    (datetime(2012, 2, 29), 12, 0, datetime(2013, 2, 28)),
    (datetime(2012, 2, 29), 48, 0, datetime(2016, 2, 29)),
    (datetime(2000, 2, 29), 1200, 0, datetime(2100, 2, 28)),  # 2100 is not a leap year
    (datetime(2000, 2, 29), 4800, 0, datetime(2400, 2, 29)),
    # months first, clamped, then days: Jan 31 + P1M1D = Feb 29 + 1 day = Mar 1
    (datetime(2012, 1, 31), 1, 1, datetime(2012, 3, 1)),
    (datetime(2013, 1, 31), 1, 1, datetime(2013, 3, 1)),
    (datetime(2012, 1, 30), 1, 1, datetime(2012, 3, 1)),
    # S17's ⊖: months subtracted and clamped: Mar 31 - 1 month = Feb 29, - 13 months = Feb 28
    (datetime(2012, 3, 31), -1, 0, datetime(2012, 2, 29)),
    (datetime(2013, 3, 31), -13, 0, datetime(2012, 2, 29)),
    (datetime(2014, 3, 31), -13, 0, datetime(2013, 2, 28)),
    (datetime(2012, 3, 1), 0, -1, datetime(2012, 2, 29)),
    # the time of day is kept, to the nanosecond (see the nanosecond test)
    (datetime(2012, 12, 31, 23, 59, 59, 999_999), 1, 0, datetime(2013, 1, 31, 23, 59, 59, 999_999)),
    (datetime(2012, 12, 31, 23, 59, 59, 999_999), 0, 1, datetime(2013, 1, 1, 23, 59, 59, 999_999)),
    # nothing to add: the wall time as it is
    (datetime(2012, 1, 31, 9), 0, 0, datetime(2012, 1, 31, 9)),
    # S40: the first and last days of the calendar
    (datetime(9999, 12, 31, 23, 59, 59, 999_999), 0, 0, datetime(9999, 12, 31, 23, 59, 59, 999_999)),
    (datetime(9999, 12, 31), 0, 1, None),
    (datetime(9999, 12, 30), 0, 1, datetime(9999, 12, 31)),
    (datetime(9999, 12, 15), 1, 0, None),
    (datetime(9999, 11, 30), 1, 0, datetime(9999, 12, 30)),
    (datetime(1, 1, 1), 0, -1, None),
    (datetime(1, 1, 2), 0, -1, datetime(1, 1, 1)),
    (datetime(1, 1, 15), -1, 0, None),
    (datetime(1, 2, 28), -1, 0, datetime(1, 1, 28)),
    (datetime(1, 1, 1), 9998 * 12 + 11, 0, datetime(9999, 12, 1)),
    (datetime(1, 1, 1), 0, (datetime(9999, 12, 31) - datetime(1, 1, 1)).days, datetime(9999, 12, 31)),
    (datetime(2012, 1, 1), 10**20, 0, None),  # far beyond, no OverflowError
    (datetime(2012, 1, 1), 0, -(10**20), None),
]


@pytest.mark.parametrize(("wall", "months", "days", "expected"), ADD_CALENDAR)
def test_s28_add_calendar(wall: datetime, months: int, days: int, expected: datetime | None) -> None:
    result = add_calendar(_wall_ns(wall), months, days)
    assert result == (None if expected is None else _wall_ns(expected))


def test_s9_add_calendar_keeps_the_nanoseconds() -> None:
    wall = _wall_ns(datetime(2012, 1, 31, 23, 59, 59, 999_999), 999)
    assert add_calendar(wall, 1, 1) == _wall_ns(datetime(2012, 3, 1, 23, 59, 59, 999_999), 999)


def _add_calendar_oracle(wall: datetime, months: int, days: int) -> datetime | None:
    """relativedelta clamps the day to the month's end; datetime says what is out of range."""
    try:
        return wall + relativedelta(months=months) + timedelta(days=days)
    except (ValueError, OverflowError):
        return None


_ANY_WALL: Final = st.datetimes(datetime(1, 1, 1), datetime(9999, 12, 31, 23, 59, 59, 999_999))


@settings(SETTINGS, max_examples=300)
@given(
    _ANY_WALL,
    st.integers(0, 999),
    st.one_of(st.integers(-24, 24), st.integers(-12 * 10_000, 12 * 10_000)),
    st.one_of(st.just(0), st.integers(-62, 62), st.integers(-3_700_000, 3_700_000)),
)
@example(datetime(2012, 1, 31), 0, 1, 0)
@example(datetime(2012, 2, 29), 0, -12, 0)
@example(datetime(9999, 12, 31, 23, 59, 59, 999_999), 999, 0, 0)
@example(datetime(1, 1, 31), 0, 1, -31)
def test_s28_add_calendar_matches_relativedelta(wall: datetime, nanos: int, months: int, days: int) -> None:
    # Months and days of one sign, as S28 adds them (k·P) and S17 subtracts them (⊖).
    if months * days < 0:
        days = -days
    expected = _add_calendar_oracle(wall, months, days)
    result = add_calendar(_wall_ns(wall, nanos), months, days)
    assert result == (None if expected is None else _wall_ns(expected, nanos)), (wall, months, days)


# -- advance: start ⊕ k·P (S28), and ⊖ with k < 0 (S17) ---------------------------------------


@dataclass(frozen=True)
class _Case:
    key: str
    wall: datetime  # the start's wall-clock fields as written (naive, microseconds)
    months: int  # 12·Y + M of the period
    days: int  # 7·W + D
    elapsed_ns: int  # H, M, S and the fraction
    k: int
    policy: Disambiguate

    @property
    def period(self) -> Duration:
        seconds, nanos = divmod(self.elapsed_ns, 10**9)
        return Duration(months=self.months, days=self.days, seconds=seconds, nanoseconds=nanos)


class _AmbiguousError(Exception):
    """The oracle's "raise": a wall time in a gap or an overlap."""


def _resolve_oracle(wall: datetime, zone: zoneinfo.ZoneInfo, policy: Disambiguate) -> datetime:
    """S24 with PEP 495: fold=0 is the offset before a gap (forward) and the earlier pass of an
    overlap; fold=1 the offset after a gap (back by its length) and the later pass."""
    first = wall.replace(tzinfo=zone, fold=0)
    second = wall.replace(tzinfo=zone, fold=1)
    first_offset, second_offset = first.utcoffset(), second.utcoffset()
    assert first_offset is not None
    assert second_offset is not None
    if first_offset == second_offset:
        return first
    if policy == "raise":
        raise _AmbiguousError
    in_gap = first_offset < second_offset
    if policy == "compatible":
        return first
    if policy == "earlier":
        return second if in_gap else first
    return first if in_gap else second  # later


def _advance_oracle(case: _Case) -> int:
    """The instant of occurrence k in ns; raises _AmbiguousError for "raise" in a gap or overlap."""
    zone = zoneinfo.ZoneInfo(case.key)
    if case.k * case.months or case.k * case.days:
        wall = case.wall + relativedelta(months=case.k * case.months) + timedelta(days=case.k * case.days)
        base = _resolve_oracle(wall, zone, case.policy)
    else:
        base = _resolve_oracle(case.wall, zone, "compatible")  # the start as placed
    return _instant_ns(base) + case.k * case.elapsed_ns


# The wall times where each zone's clocks change (the first wall time of the gap or overlap).
_TRANSITIONS: Final = (
    ("America/Los_Angeles", datetime(2014, 3, 9, 2), 3600),  # gap
    ("America/Los_Angeles", datetime(2014, 11, 2, 1), 3600),  # overlap
    ("Europe/Berlin", datetime(2014, 3, 30, 2), 3600),
    ("Europe/Berlin", datetime(2014, 10, 26, 2), 3600),
    ("Europe/Dublin", datetime(2014, 3, 30, 1), 3600),  # negative DST in the IANA data
    ("Europe/Dublin", datetime(2014, 10, 26, 1), 3600),
    ("Australia/Lord_Howe", datetime(2014, 10, 5, 2), 1800),  # a 30-minute DST
    ("Australia/Lord_Howe", datetime(2014, 4, 6, 1, 30), 1800),
    ("Australia/Sydney", datetime(2014, 4, 6, 2), 3600),
    ("Pacific/Apia", datetime(2011, 12, 30), 86_400),  # a skipped day
    ("America/St_Johns", datetime(2014, 11, 2, 1), 3600),
)


@st.composite
def _cases(draw: st.DrawFn) -> _Case:
    """A start a whole number of days or months before one of the transitions, at a wall time
    near the gap or overlap, so that occurrence k lands in it, at its edges, or near it."""
    key, transition, size = draw(st.sampled_from(_TRANSITIONS))
    delta = draw(
        st.one_of(
            st.sampled_from([-1, 0, 1, size // 2, size - 1, size, size + 1]),
            st.integers(-2 * size, 2 * size),
        )
    )
    target = transition + timedelta(seconds=delta, microseconds=draw(st.sampled_from([0, 0, 1, 999_999])))
    months = draw(st.sampled_from([0, 0, 1, 2, 12, 13]))
    days = draw(st.sampled_from([0, 1, 1, 7, 10]))
    if not (months or days):
        days = 1
    k = draw(st.integers(-6, 6))
    # The start is k periods before the target on the calendar (exactly, unless a month is clamped).
    wall = target - relativedelta(months=k * months) - timedelta(days=k * days)
    elapsed = draw(st.sampled_from([0, 0, 1000, 3600 * 10**9, 90 * 60 * 10**9 + 500_000_000]))
    return _Case(key, wall, months, days, elapsed, k, draw(st.sampled_from(_POLICIES)))


@SETTINGS
@given(_cases())
@example(_Case("America/Los_Angeles", datetime(2014, 3, 8, 2, 30), 0, 1, 0, 1, "compatible"))
@example(_Case("America/Los_Angeles", datetime(2014, 3, 8, 2, 30), 0, 1, 0, 1, "earlier"))
@example(_Case("America/Los_Angeles", datetime(2014, 3, 8, 2, 30), 0, 1, 0, 1, "raise"))
@example(_Case("America/Los_Angeles", datetime(2014, 11, 1, 1, 30), 0, 1, 0, 1, "later"))
@example(_Case("Pacific/Apia", datetime(2011, 12, 29, 12), 0, 1, 0, 1, "compatible"))
@example(_Case("Europe/Berlin", datetime(2013, 11, 26, 2, 30), 11, 0, 0, 1, "compatible"))
@example(_Case("Europe/Berlin", datetime(2014, 12, 26, 2, 30), 2, 0, 0, -1, "later"))
def test_s28_advance_matches_relativedelta_and_zoneinfo(case: _Case) -> None:
    zone = _zone(case.key)
    start_wall = _wall_ns(case.wall)
    start = _instant_ns(_resolve_oracle(case.wall, zoneinfo.ZoneInfo(case.key), "compatible"))
    try:
        expected = _advance_oracle(case)
    except _AmbiguousError:
        with pytest.raises(WallTimeError):
            advance(zone, start, start_wall, case.period, case.k, case.policy)
        return
    assert advance(zone, start, start_wall, case.period, case.k, case.policy) == expected, case


@settings(SETTINGS, max_examples=200)
@given(
    st.datetimes(datetime(1, 1, 3), datetime(9999, 12, 29)),
    st.sampled_from([0, 3600, -3600, 5 * 3600 + 1800, -(23 * 3600 + 59 * 60), 14 * 3600]),
    st.integers(0, 24),
    st.integers(0, 40),
    st.integers(0, 10**9 * 86_400 * 3),
    st.integers(-400, 400),
)
def test_s29_advance_in_a_fixed_offset_matches_datetime(
    wall: datetime, offset: int, months: int, days: int, elapsed: int, k: int
) -> None:
    # S29: a fixed offset has no DST: days are 24 h, months follow the calendar (clamped).
    zone = FixedZone(offset)
    period = Duration(months=months, days=days, nanoseconds=elapsed % 10**9, seconds=elapsed // 10**9)
    start = _wall_ns(wall) - offset * 10**9
    result = advance(zone, start, _wall_ns(wall), period, k, "raise")  # a fixed offset never raises
    try:
        moved = wall + relativedelta(months=k * months) + timedelta(days=k * days)
        instant = _instant_ns(moved.replace(tzinfo=timezone(timedelta(seconds=offset)))) + k * elapsed
    except (ValueError, OverflowError):
        assert result is None
        return
    expected = instant if _representable_oracle(zone.tzinfo, instant) else None
    assert result == expected


# S30's worked examples, one occurrence each, through advance itself.
# Each row: zone, the start's wall time, period, k, the expected instant (UTC).
ADVANCE_EXAMPLES: Final = [
    ("Europe/Berlin", datetime(2012, 1, 31, 9), Duration(months=1), 1, datetime(2012, 2, 29, 8)),
    ("Europe/Berlin", datetime(2012, 1, 31, 9), Duration(months=1), 2, datetime(2012, 3, 31, 7)),
    ("Europe/Berlin", datetime(2012, 1, 31, 9), Duration(months=1), 3, datetime(2012, 4, 30, 7)),
    # the gap: 2014-03-09T02:30 moves forward to 03:30-07:00; the next day is 02:30-07:00
    ("America/Los_Angeles", datetime(2014, 3, 8, 2, 30), Duration(days=1), 1, datetime(2014, 3, 9, 10, 30)),
    ("America/Los_Angeles", datetime(2014, 3, 8, 2, 30), Duration(days=1), 2, datetime(2014, 3, 10, 9, 30)),
    # PT24H is elapsed time: 12:00-08:00 + 24 h = 13:00-07:00
    ("America/Los_Angeles", datetime(2014, 3, 8, 12), Duration(hours=24), 1, datetime(2014, 3, 9, 20)),
    ("America/Los_Angeles", datetime(2014, 3, 8, 12), Duration(hours=24), 2, datetime(2014, 3, 10, 20)),
    # the overlap: 01:30 on 2014-11-02 is the earlier pass (-07:00)
    ("America/Los_Angeles", datetime(2014, 11, 1, 1, 30), Duration(days=1), 1, datetime(2014, 11, 2, 8, 30)),
    ("America/Los_Angeles", datetime(2014, 11, 1, 1, 30), Duration(days=1), 2, datetime(2014, 11, 3, 9, 30)),
    ("UTC", datetime(2012, 2, 29), Duration(years=1), 1, datetime(2013, 2, 28)),
    ("UTC", datetime(2012, 2, 29), Duration(years=1), 4, datetime(2016, 2, 29)),
    (
        "UTC",
        datetime(2000, 1, 1),
        Duration(nanoseconds=100_000_000),
        10_000_000,
        datetime(2000, 1, 12, 13, 46, 40),
    ),
    ("UTC", datetime(2012, 10, 1, 5, 52), Duration(seconds=2), 2, datetime(2012, 10, 1, 5, 52, 4)),
    # S17: k < 0 is the ⊖ of an end: R1/P1M/2012-03-31 starts on Feb 29
    ("UTC", datetime(2012, 3, 31), Duration(months=1), -1, datetime(2012, 2, 29)),
    ("UTC", datetime(2008, 5, 11, 15, 30), Duration(days=1), -5, datetime(2008, 5, 6, 15, 30)),
]


@pytest.mark.parametrize(("key", "wall", "period", "k", "expected"), ADVANCE_EXAMPLES)
def test_s30_advance_worked_examples(
    key: str, wall: datetime, period: Duration, k: int, expected: datetime
) -> None:
    zone = _zone(key)
    start = _instant_ns(_resolve_oracle(wall, zoneinfo.ZoneInfo(key), "compatible"))
    result = advance(zone, start, _wall_ns(wall), period, k, "compatible")
    assert result == _instant_ns(expected.replace(tzinfo=UTC))


def test_s28_base_is_the_start_as_parsed_when_no_calendar_unit_is_added() -> None:
    # PT1H from the second 01:30 of the fall-back night goes on from that instant (S28): the wall
    # time is not re-resolved (which would give the first pass).
    zone = _zone("America/Los_Angeles")
    wall = _wall_ns(datetime(2014, 11, 2, 1, 30))
    later_pass = _instant_ns(datetime(2014, 11, 2, 9, 30, tzinfo=UTC))
    assert advance(zone, later_pass, wall, Duration(hours=1), 1, "raise") == later_pass + 3600 * 10**9
    assert advance(zone, later_pass, wall, Duration(days=1), 0, "raise") == later_pass


def test_s28_calendar_units_start_from_the_wall_time_as_written() -> None:
    # A start written in the gap (02:30, placed at 03:30-07:00): P1D gives 02:30 the next day.
    zone = _zone("America/Los_Angeles")
    wall = _wall_ns(datetime(2014, 3, 9, 2, 30))
    start = _instant_ns(datetime(2014, 3, 9, 10, 30, tzinfo=UTC))
    assert advance(zone, start, wall, Duration(days=1), 1, "compatible") == _instant_ns(
        datetime(2014, 3, 10, 9, 30, tzinfo=UTC)
    )


@pytest.mark.parametrize(
    ("wall", "period", "k"),
    [
        (datetime(2014, 3, 8, 2, 30), Duration(days=1), 1),  # a gap
        (datetime(2014, 11, 1, 1, 30), Duration(days=1), 1),  # an overlap
        (datetime(2014, 4, 9, 2, 30), Duration(months=1), -1),  # ⊖ into the gap
    ],
)
def test_s24_advance_raises_for_base_k_in_a_gap_or_overlap(wall: datetime, period: Duration, k: int) -> None:
    zone = _zone("America/Los_Angeles")
    start = _instant_ns(_resolve_oracle(wall, zoneinfo.ZoneInfo("America/Los_Angeles"), "compatible"))
    with pytest.raises(WallTimeError):
        advance(zone, start, _wall_ns(wall), period, k, "raise")


def test_s24_elapsed_units_never_raise() -> None:
    # R/2014-11-02T00:30:00/PT1H in Los Angeles runs through the night under "raise" (S24).
    zone = _zone("America/Los_Angeles")
    wall = _wall_ns(datetime(2014, 11, 2, 0, 30))
    start = _instant_ns(datetime(2014, 11, 2, 7, 30, tzinfo=UTC))
    runs = [advance(zone, start, wall, Duration(hours=1), k, "raise") for k in range(4)]
    assert runs == [start + k * 3600 * 10**9 for k in range(4)]


@pytest.mark.parametrize(
    ("offset", "wall", "period", "k", "representable"),
    [
        # 9999-12-31T12:00Z is 17:00 in +05:00: 6 h 59 min 59.999999999 s more stays in 9999 ...
        (5 * 3600, datetime(9999, 12, 31, 17), Duration(hours=6, minutes=59, seconds=59), 1, True),
        (5 * 3600, datetime(9999, 12, 31, 17), Duration(hours=7), 1, False),  # ... 7 h does not
        (0, datetime(9999, 12, 31), Duration(days=1), 1, False),
        (0, datetime(9999, 12, 1), Duration(months=1), 1, False),
        (0, datetime(1, 1, 2), Duration(days=1), -1, True),
        (0, datetime(1, 1, 2), Duration(days=1), -2, False),
        (-3600, datetime(1, 1, 1, 1), Duration(hours=2), -1, False),  # 0000-12-31T23:00 UTC
        (0, datetime(2012, 1, 1), Duration(years=1), 10**6, False),  # no OverflowError
        (0, datetime(2012, 1, 1), Duration(hours=1), 10**30, False),
    ],
)
def test_s40_advance_is_none_beyond_the_calendar(
    offset: int, wall: datetime, period: Duration, k: int, representable: bool
) -> None:
    zone = FixedZone(offset)
    start = _wall_ns(wall) - offset * 10**9
    result = advance(zone, start, _wall_ns(wall), period, k, "compatible")
    assert (result is not None) is representable
