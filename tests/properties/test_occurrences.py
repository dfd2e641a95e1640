"""Occurrence queries as properties (SEMANTICS S22, S27-S33; issue 4 item 4).

* every query agrees with plain iteration over the same schedule (two code paths compared);
* occurrences are non-decreasing (S33), strictly increasing for fixed periods;
* independent oracles: ``dateutil.relativedelta`` for month and year clamping, pytz
  (``localize``/``normalize``) and ``zoneinfo`` for wall-clock days across DST, plain integer
  arithmetic for elapsed units, also at k ~ 1e15;
* the same schedule with a ZoneInfo, a pytz zone and a dateutil zone gives the same instants.

Instants are compared in UTC: aware datetimes at a repeated wall time never compare equal across
zones, and compare wall fields within one (PEP 495).
"""

from __future__ import annotations

import functools
import itertools
import zoneinfo
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone, tzinfo
from typing import Any, Final

import pytest
import pytz
from dateutil import tz as dateutil_tz
from dateutil.relativedelta import relativedelta
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import isorepeat
from isorepeat import Schedule

UTC: Final = timezone.utc
EPOCH: Final = datetime(1970, 1, 1, tzinfo=UTC)
ONE_US: Final = timedelta(microseconds=1)
NS_PER_US: Final = 1000
NS_PER_SECOND: Final = 10**9

SETTINGS: Final = settings(
    max_examples=600,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much, HealthCheck.data_too_large],
)

DST_ZONES: Final = (
    "Europe/Berlin",
    "America/Los_Angeles",
    "Australia/Sydney",  # southern hemisphere
    "Asia/Kolkata",  # no DST
    "Pacific/Apia",  # skipped 2011-12-30
    "America/St_Johns",  # half-hour offsets
    "Europe/Dublin",  # negative DST in the IANA data
)
ZONES: Final = ("UTC", *DST_ZONES)
FIXED_OFFSETS: Final = ("+00:00", "+05:30", "-03:30", "+14:00", "-12:00", "+01:00", "-08:00")


# -- helpers -------------------------------------------------------------------------------------


def _utc(moment: datetime) -> datetime:
    return moment.astimezone(UTC)


def _micros(moment: datetime) -> int:
    return (moment - EPOCH) // ONE_US


def _from_micros(micros: int) -> datetime:
    return EPOCH + timedelta(microseconds=micros)


@functools.cache
def _transitions(key: str, first_year: int = 1975, last_year: int = 2036) -> tuple[datetime, ...]:
    """The UTC instants (naive) where ``key`` changes its offset, found with zoneinfo."""
    zone = zoneinfo.ZoneInfo(key)

    def offset(moment: datetime) -> timedelta | None:
        return moment.replace(tzinfo=UTC).astimezone(zone).utcoffset()

    found = []
    step = timedelta(days=7)
    moment = datetime(first_year, 1, 1)
    previous = offset(moment)
    while moment.year <= last_year:
        following = moment + step
        current = offset(following)
        if current != previous:
            low, high = moment, following
            while high - low > timedelta(seconds=1):
                middle = (low + (high - low) / 2).replace(microsecond=0)
                if offset(middle) == previous:
                    low = middle
                else:
                    high = middle
            found.append(high)
        moment, previous = following, current
    return tuple(found)


@st.composite
def _walls(draw: st.DrawFn, key: str | None, first_year: int = 1975, last_year: int = 2034) -> datetime:
    """A naive wall time: a few days before a transition of ``key`` (so that k·P lands in it),
    near a month's end, or anywhere."""
    choice = draw(st.integers(0, 3))
    transitions = _transitions(key) if key not in (None, "UTC", "Asia/Kolkata") else ()
    if transitions and choice <= 1:
        transition = draw(st.sampled_from(transitions))
        zone = zoneinfo.ZoneInfo(key)  # type: ignore[arg-type]
        before = (transition - timedelta(seconds=1)).replace(tzinfo=UTC).astimezone(zone).utcoffset()
        after = transition.replace(tzinfo=UTC).astimezone(zone).utcoffset()
        assert before is not None
        assert after is not None
        size = abs(int((after - before).total_seconds()))
        wall = transition + before  # the wall time where the clocks change
        days_before = draw(st.sampled_from([0, 0, 1, 2, 3, 7, 14, draw(st.integers(0, 40))]))
        seconds = draw(
            st.one_of(
                st.integers(-7200, 7200),
                st.integers(-size, size),  # inside the gap or the overlap
                st.sampled_from([-1, 0, 1, size - 1, size, size + 1, 1 - size, -size, -size - 1]),
            )
        )
        return wall - timedelta(days=days_before, seconds=seconds)
    if choice == 2:
        year = draw(st.integers(first_year, last_year))
        month = draw(st.integers(1, 12))
        day = draw(st.sampled_from([28, 29, 30, 31]))
        while True:
            try:
                day_date = date(year, month, day)
                break
            except ValueError:
                day -= 1
        return datetime.combine(day_date, datetime.min.time()) + timedelta(
            seconds=draw(st.integers(0, 86_399)), microseconds=draw(st.sampled_from([0, 0, 1, 999_999]))
        )
    moment = draw(st.datetimes(datetime(first_year, 1, 1), datetime(last_year, 12, 31)))
    return moment.replace(microsecond=draw(st.sampled_from([0, 0, moment.microsecond])))


def _wall_text(wall: datetime, nanos: int = 0) -> str:
    text = wall.replace(microsecond=0).isoformat()  # strftime's %Y does not pad years below 1000
    fraction = wall.microsecond * NS_PER_US + nanos
    if fraction:
        text += "." + f"{fraction:09d}".rstrip("0")
    return text


@dataclass(frozen=True)
class Period:
    years: int = 0
    months: int = 0
    weeks: int = 0
    days: int = 0
    hours: int = 0
    minutes: int = 0
    seconds: int = 0
    nanos: int = 0  # below a second

    @property
    def text(self) -> str:
        date_part = "".join(
            f"{value}{unit}"
            for value, unit in ((self.years, "Y"), (self.months, "M"), (self.weeks, "W"), (self.days, "D"))
            if value
        )
        time_part = "".join(
            f"{value}{unit}" for value, unit in ((self.hours, "H"), (self.minutes, "M")) if value
        )
        if self.seconds or self.nanos:
            seconds = str(self.seconds)
            if self.nanos:
                seconds += "." + f"{self.nanos:09d}".rstrip("0")
            time_part += seconds + "S"
        return "P" + date_part + ("T" + time_part if time_part else "")

    @property
    def is_fixed(self) -> bool:
        return not (self.years or self.months or self.weeks or self.days)

    @property
    def elapsed_ns(self) -> int:
        return ((self.hours * 60 + self.minutes) * 60 + self.seconds) * NS_PER_SECOND + self.nanos


@st.composite
def _periods(draw: st.DrawFn, *, calendar: bool | None = None) -> Period:
    """A period of at least 1 µs (S14): fixed, calendar, or both."""
    kind = draw(st.sampled_from(["fixed", "calendar", "both"])) if calendar is None else None
    if calendar is not None:
        kind = "calendar" if calendar else "fixed"
    values: dict[str, int] = {}
    if kind in ("calendar", "both"):
        unit = draw(st.sampled_from(["years", "months", "weeks", "days", "mixed"]))
        if unit == "mixed":
            values.update(
                years=draw(st.integers(0, 1)),
                months=draw(st.integers(0, 13)),
                weeks=draw(st.integers(0, 2)),
                days=draw(st.integers(0, 9)),
            )
        else:
            values[unit] = draw(st.sampled_from([1, 1, 1, 2, 3, draw(st.integers(1, 40))]))
        if not any(values.values()):
            values["months"] = 1
    if kind in ("fixed", "both"):
        shape = draw(st.sampled_from(["hours", "minutes", "seconds", "tiny", "odd"]))
        if shape == "hours":
            values["hours"] = draw(st.sampled_from([1, 1, 2, 24, draw(st.integers(1, 100))]))
        elif shape == "minutes":
            values["minutes"] = draw(st.sampled_from([1, 30, 90, draw(st.integers(1, 10_000))]))
        elif shape == "seconds":
            values["seconds"] = draw(st.integers(0, 100_000))
            values["nanos"] = draw(
                st.sampled_from([0, 500_000_000, 1, draw(st.integers(0, NS_PER_SECOND - 1))])
            )
        elif shape == "tiny":
            values["nanos"] = draw(st.sampled_from([1000, 1001, 1500, 2999, draw(st.integers(1000, 10**6))]))
        else:
            values.update(
                hours=draw(st.integers(0, 30)),
                minutes=draw(st.integers(0, 90)),
                seconds=draw(st.integers(0, 90)),
                nanos=draw(st.integers(0, NS_PER_SECOND - 1)),
            )
        if kind == "fixed" and sum(values.get(k, 0) for k in ("hours", "minutes", "seconds")) == 0:
            values["nanos"] = max(values.get("nanos", 0), 1000)
    return Period(**values)


@dataclass(frozen=True)
class Case:
    text: str
    tz: str | None
    policy: Any
    period: Period


@st.composite
def _finite_schedules(draw: st.DrawFn) -> Case:
    """A finite ``Rn/start/P`` in UTC, a fixed offset (written or as ``tz``) or a DST zone."""
    where = draw(st.sampled_from(["zone", "zone", "zone", "written offset", "tz offset", "suffix"]))
    key = draw(st.sampled_from(ZONES)) if where in ("zone", "suffix") else None
    wall = draw(_walls(key))
    nanos = draw(st.sampled_from([0, 0, 0, 1, 999, 500]))
    period = draw(_periods())
    count = draw(st.integers(0, 40))
    policy = draw(st.sampled_from(["compatible", "compatible", "earlier", "later"]))
    start = _wall_text(wall, nanos)
    tz: str | None = None
    if key is not None and draw(st.booleans()):
        start += _overlap_offset(draw, key, wall)
    if where == "zone":
        tz = key
    elif where == "suffix":
        start += f"[{key}]"
    elif where == "written offset":
        start += draw(st.sampled_from(("Z", *FIXED_OFFSETS)))
    else:
        tz = draw(st.sampled_from(FIXED_OFFSETS))
    return Case(f"R{count}/{start}/{period.text}", tz, policy, period)


def _offset_text(seconds: int) -> str:
    sign = "-" if seconds < 0 else "+"
    hours, minutes = divmod(abs(seconds) // 60, 60)
    return f"{sign}{hours:02d}:{minutes:02d}"


def _overlap_offset(draw: st.DrawFn, key: str, wall: datetime) -> str:
    """One of the two offsets of a wall time in an overlap (S25: it picks that pass), else ""."""
    zone = zoneinfo.ZoneInfo(key)
    first = wall.replace(tzinfo=zone, fold=0).utcoffset()
    second = wall.replace(tzinfo=zone, fold=1).utcoffset()
    assert first is not None
    assert second is not None
    if first <= second:  # no overlap (a gap has fold=0 smaller)
        return ""
    return _offset_text(int(draw(st.sampled_from([first, second])).total_seconds()))


def _parse(case: Case) -> Schedule:
    return isorepeat.parse(case.text, tz=case.tz, disambiguate=case.policy)


QUERY_ZONES: Final = (UTC, zoneinfo.ZoneInfo("America/Los_Angeles"), timezone(timedelta(hours=5, minutes=30)))


@st.composite
def _query_times(draw: st.DrawFn, occurrences: list[datetime]) -> datetime:
    """A moment near an occurrence (±0, ±1 µs, ±1 s), or anywhere around the schedule."""
    if occurrences and draw(st.integers(0, 3)) != 0:
        base = draw(st.sampled_from(occurrences))
        delta = draw(
            st.one_of(
                st.sampled_from([timedelta(0), ONE_US, -ONE_US, timedelta(seconds=1), timedelta(seconds=-1)]),
                st.integers(-86_400 * 10**6, 86_400 * 10**6).map(lambda us: timedelta(microseconds=us)),
            )
        )
        moment = base + delta
    else:
        low = occurrences[0] if occurrences else datetime(2000, 1, 1, tzinfo=UTC)
        high = occurrences[-1] if occurrences else low
        span = _micros(high) - _micros(low)
        moment = _from_micros(draw(st.integers(_micros(low) - span - 10**11, _micros(high) + span + 10**11)))
    return moment.astimezone(draw(st.sampled_from(QUERY_ZONES)))


HARD_CASES: Final = (
    Case("R40/2012-01-31T09:00:00/P1M", "Europe/Berlin", "compatible", Period(months=1)),
    Case("R6/2011-12-27T12:00:00/P1D", "Pacific/Apia", "compatible", Period(days=1)),
    Case("R6/2011-12-27T12:00:00/P1D", "Pacific/Apia", "earlier", Period(days=1)),
    Case("R5/2014-03-07T02:30:00/P1D", "America/Los_Angeles", "compatible", Period(days=1)),
    Case("R5/2014-10-31T01:30:00/P1D", "America/Los_Angeles", "later", Period(days=1)),
    Case("R9/2014-11-02T00:30:00/PT30M", "America/Los_Angeles", "compatible", Period(minutes=30)),
    Case("R9/2014-11-02T01:30:00-08:00/P1D", "America/Los_Angeles", "compatible", Period(days=1)),
    Case("R20/2012-01-31T09:00:00.0000005Z/PT0.0000015S", None, "compatible", Period(nanos=1500)),
)


# -- every query agrees with iteration ----------------------------------------------------------


def _expected_next(listed: list[datetime], moment: datetime, inclusive: bool) -> datetime | None:
    """The first of ``listed`` after ``moment`` (at or after it), compared in UTC."""
    moment = _utc(moment)
    for occurrence in listed:
        if _utc(occurrence) > moment or (inclusive and _utc(occurrence) == moment):
            return occurrence
    return None


def _expected_previous(listed: list[datetime], moment: datetime, inclusive: bool) -> datetime | None:
    moment = _utc(moment)
    for occurrence in reversed(listed):
        if _utc(occurrence) < moment or (inclusive and _utc(occurrence) == moment):
            return occurrence
    return None


def _expected_index(listed: list[datetime], moment: datetime) -> int | None:
    matches = [k for k, occurrence in enumerate(listed) if _utc(occurrence) == _utc(moment)]
    return matches[0] if matches else None


def _expected_between(listed: list[datetime], start: datetime, end: datetime) -> list[str]:
    return [m.isoformat() for m in listed if _utc(start) <= _utc(m) < _utc(end)]


def _same(actual: datetime | None, expected: datetime | None) -> bool:
    """The same instant and the same text (offset included)."""
    if actual is None or expected is None:
        return actual is expected
    return _utc(actual) == _utc(expected) and actual.isoformat() == expected.isoformat()


@pytest.mark.slow
@settings(SETTINGS, max_examples=1500)
@given(case=_finite_schedules(), data=st.data())
@example(case=HARD_CASES[0], data=None)
@example(case=HARD_CASES[1], data=None)
@example(case=HARD_CASES[2], data=None)
@example(case=HARD_CASES[3], data=None)
@example(case=HARD_CASES[4], data=None)
@example(case=HARD_CASES[5], data=None)
@example(case=HARD_CASES[6], data=None)
@example(case=HARD_CASES[7], data=None)
def test_queries_agree_with_iteration(case: Case, data: st.DataObject | None) -> None:
    schedule = _parse(case)
    listed = list(schedule)
    occurrences = [_utc(moment) for moment in listed]  # compared in UTC from here on
    assert len(schedule) == len(listed)
    assert schedule.last is None if not listed else _same(schedule.last, listed[-1])
    for k, moment in enumerate(listed):
        assert _same(schedule[k], moment), (case, k)
        assert _same(schedule[k - len(listed)], moment), (case, k)
    # S33: non-decreasing, strictly increasing for fixed periods
    for before, after in itertools.pairwise(occurrences):
        assert before <= after, case
        if case.period.is_fixed:
            assert before < after, case
    moments = [*listed[:1], *listed[-1:]]
    if data is not None:
        moments += [data.draw(_query_times(occurrences)) for _ in range(6)]
    for moment in moments:
        for inclusive in (False, True):
            actual = schedule.next_after(moment, inclusive=inclusive)
            assert _same(actual, _expected_next(listed, moment, inclusive)), (case, moment, inclusive)
            actual = schedule.previous_before(moment, inclusive=inclusive)
            assert _same(actual, _expected_previous(listed, moment, inclusive)), (case, moment, inclusive)
        index = _expected_index(listed, moment)
        assert schedule.index_of(moment) == index, (case, moment)
        assert (moment in schedule) == (index is not None), (case, moment)
    for start in moments:
        for end in moments:
            inside = _expected_between(listed, start, end)
            assert [m.isoformat() for m in schedule.between(start, end)] == inside, (case, start, end)
            assert schedule.count_between(start, end) == len(inside), (case, start, end)


def _infinite(case: Case) -> Case:
    rest = case.text.split("/", 1)[1]
    return Case(f"R/{rest}", case.tz, case.policy, case.period)


@settings(SETTINGS, max_examples=300)
@given(case=_finite_schedules().map(_infinite), data=st.data())
def test_infinite_schedules_agree_with_indexing(case: Case, data: st.DataObject) -> None:
    schedule = _parse(case)
    head = [schedule[k] for k in range(12)]  # the test years end long before 9999
    occurrences = [_utc(moment) for moment in head]
    assert all(a <= b for a, b in itertools.pairwise(occurrences)), case
    assert [m.isoformat() for m in schedule.between(head[0], head[-1])] == _expected_between(
        head, head[0], head[-1]
    )
    assert schedule.count_between(head[0], head[-1]) == len(_expected_between(head, head[0], head[-1]))
    moment = data.draw(_query_times(occurrences))
    if _utc(moment) < occurrences[-1]:
        for inclusive in (False, True):
            assert _same(
                schedule.next_after(moment, inclusive=inclusive), _expected_next(head, moment, inclusive)
            )
    if _utc(moment) <= occurrences[-1]:
        for inclusive in (False, True):
            actual = schedule.previous_before(moment, inclusive=inclusive)
            assert _same(actual, _expected_previous(head, moment, inclusive))
        assert schedule.index_of(moment) == _expected_index(head, moment)


# -- oracle: dateutil.relativedelta for months and years (S28 (1), S29) -------------------------


@st.composite
def _monthly(draw: st.DrawFn) -> tuple[str, str | None, datetime, int, int, int, int]:
    """(text, tz, start wall, months, days, elapsed seconds, n) in a fixed offset."""
    wall = draw(_walls(None, first_year=2, last_year=9000)).replace(microsecond=0)
    years, months = draw(st.sampled_from([(0, 1), (0, 1), (1, 0), (0, 2), (0, 3), (0, 6), (1, 1), (2, 5)]))
    if draw(st.integers(0, 3)) == 0:
        years, months = draw(st.integers(0, 3)), draw(st.integers(0, 30))
        if not years and not months:
            months = 1
    days = draw(st.sampled_from([0, 0, 0, 1, 3, 10]))
    hours = draw(st.sampled_from([0, 0, 0, 1, 25]))
    offset = draw(st.sampled_from(["Z", *FIXED_OFFSETS]))
    count = draw(st.integers(1, 30))
    period = Period(years=years, months=months, days=days, hours=hours)
    in_tz = draw(st.booleans())
    text = f"R{count}/{_wall_text(wall)}{'' if in_tz else offset}/{period.text}"
    return (
        text,
        (offset if in_tz and offset != "Z" else None),
        wall,
        12 * years + months,
        days,
        3600 * hours,
        count,
    )


@SETTINGS
@given(_monthly())
@example(("R13/2012-01-31T09:00:00Z/P1M", None, datetime(2012, 1, 31, 9), 1, 0, 0, 13))
@example(("R9/2012-02-29T00:00:00-03:00/P1Y", None, datetime(2012, 2, 29), 12, 0, 0, 9))
@example(("R9/2012-02-29T00:00:00+05:30/P1Y1M", None, datetime(2012, 2, 29), 13, 0, 0, 9))
@example(("R9/2012-01-30T00:00:00Z/P1M1D", None, datetime(2012, 1, 30), 1, 1, 0, 9))
def test_months_against_relativedelta(case: tuple[str, str | None, datetime, int, int, int, int]) -> None:
    text, tz, wall, months, days, seconds, count = case
    schedule = isorepeat.parse(text, tz=tz)
    offset = schedule[0].utcoffset()
    for k in range(count):
        # anchored: always from the start (S27); relativedelta clamps the day, then adds days
        expected = wall + relativedelta(months=k * months, days=k * days) + timedelta(seconds=k * seconds)
        if expected.year > 9998:
            break  # near the year 9999 (S40): covered by the S40 tests
        actual = schedule[k]
        assert actual.replace(tzinfo=None) == expected, (text, k)
        assert actual.utcoffset() == offset, (text, k)
        assert schedule.index_of(actual) == k


# -- oracle: pytz and zoneinfo for wall-clock days across DST (S24, S28 (2), (3)) ----------------


def _compatible_instant(wall: datetime, to_wall: Callable[[datetime], datetime]) -> datetime:
    """The UTC instant of a naive wall time under "compatible" (gap: forward by its length;
    overlap: the earlier instant), from a zone's UTC -> wall conversion only.

    ``to_wall(utc)`` returns the aware wall time of a naive UTC instant. The candidate offsets are
    those in force two days before and after; a candidate is valid when it maps back to ``wall``.
    """
    before = to_wall(wall - timedelta(days=2)).utcoffset()
    after = to_wall(wall + timedelta(days=2)).utcoffset()
    assert before is not None  # to_wall gives aware wall times
    assert after is not None
    candidates = sorted({wall - before, wall - after})
    valid = [utc for utc in candidates if to_wall(utc).replace(tzinfo=None) == wall]
    if valid:
        return valid[0].replace(tzinfo=UTC)  # the earlier pass through an overlap
    return (wall - before).replace(tzinfo=UTC)  # a gap: the offset before it, i.e. shifted forward


def _zoneinfo_instant(wall: datetime, key: str) -> datetime:
    zone = zoneinfo.ZoneInfo(key)
    instant = _compatible_instant(wall, lambda utc: utc.replace(tzinfo=UTC).astimezone(zone))
    # PEP 495 says the same thing: fold=0 is the earlier pass of an overlap and, in a gap, the
    # offset before the transition; two descriptions of one rule, checked against each other.
    assert wall.replace(tzinfo=zone, fold=0).astimezone(UTC) == instant
    return instant


def _pytz_instant(wall: datetime, key: str) -> datetime:
    zone = pytz.timezone(key)
    try:
        localized = zone.localize(wall, is_dst=None)  # raises in a gap or an overlap
    except (pytz.NonExistentTimeError, pytz.AmbiguousTimeError):
        return _compatible_instant(wall, lambda utc: zone.normalize(pytz.utc.localize(utc).astimezone(zone)))
    return zone.normalize(localized).astimezone(UTC)


@st.composite
def _daily(draw: st.DrawFn) -> tuple[str, str, datetime, int, int, int]:
    """(text, zone, start wall, days per period, elapsed seconds per period, n): P1D, P1W and
    friends, some with an elapsed part, starting near a DST change of a zone."""
    key = draw(st.sampled_from(DST_ZONES))
    wall = draw(_walls(key, first_year=1976, last_year=2034)).replace(microsecond=0)
    weeks, days = draw(st.sampled_from([(0, 1), (0, 1), (0, 1), (1, 0), (0, 2), (0, 7), (1, 1), (0, 30)]))
    elapsed = draw(st.sampled_from([0, 0, 0, 0, 1800, 3600, 7200]))
    count = draw(st.integers(1, 25))
    period = Period(weeks=weeks, days=days, seconds=elapsed)
    return f"R{count}/{_wall_text(wall)}/{period.text}", key, wall, 7 * weeks + days, elapsed, count


@settings(SETTINGS, max_examples=800)
@given(_daily())
@example(("R4/2011-12-28T12:00:00/P1D", "Pacific/Apia", datetime(2011, 12, 28, 12), 1, 0, 4))
@example(("R3/2014-03-08T02:30:00/P1D", "America/Los_Angeles", datetime(2014, 3, 8, 2, 30), 1, 0, 3))
@example(("R3/2014-03-09T02:30:00/P1D", "America/Los_Angeles", datetime(2014, 3, 9, 2, 30), 1, 0, 3))
@example(("R3/2014-11-01T01:30:00/P1DT1H", "America/Los_Angeles", datetime(2014, 11, 1, 1, 30), 1, 3600, 3))
@example(("R3/2014-10-25T01:30:00/P1D", "Europe/Dublin", datetime(2014, 10, 25, 1, 30), 1, 0, 3))
@example(("R3/2014-10-04T02:30:00/P1D", "Australia/Sydney", datetime(2014, 10, 4, 2, 30), 1, 0, 3))
@example(("R3/2014-03-08T02:30:00/P1D", "America/St_Johns", datetime(2014, 3, 8, 2, 30), 1, 0, 3))
def test_days_against_pytz_and_zoneinfo(case: tuple[str, str, datetime, int, int, int]) -> None:
    text, key, wall, days, elapsed, count = case
    schedule = isorepeat.parse(text, tz=key)
    zone = zoneinfo.ZoneInfo(key)
    for k in range(count):
        base_wall = wall + timedelta(days=k * days)  # naive: wall-clock date arithmetic
        expected = _zoneinfo_instant(base_wall, key) + timedelta(seconds=k * elapsed)
        assert _pytz_instant(base_wall, key) + timedelta(seconds=k * elapsed) == expected, (text, k)
        actual = schedule[k]
        assert _utc(actual) == expected, (text, k, actual.isoformat(), expected.astimezone(zone).isoformat())
        assert actual.isoformat() == expected.astimezone(zone).isoformat(), (text, k)


# -- oracle: integers for elapsed units, k up to ~1e15 (S28, S31, S32) ------------------------


@st.composite
def _fixed(draw: st.DrawFn) -> tuple[str, str | None, int, int]:
    """(text, tz, start in ns since the epoch, period in ns) of an infinite fixed-period schedule."""
    start_ns = draw(
        st.one_of(
            st.just(0),
            st.integers(0, 10**9),
            st.integers(-(10**18), 2 * 10**18),
        )
    )
    period_ns = draw(
        st.one_of(
            st.sampled_from([1000, 1001, 1500, 2000, 999_999, 10**9, 3600 * 10**9]),
            st.integers(1000, 10**6),
            st.integers(1000, 86_400 * 10**9),
        )
    )
    seconds, nanos = divmod(period_ns, NS_PER_SECOND)
    period = Period(seconds=seconds, nanos=nanos)
    whole_us, sub_us = divmod(start_ns, NS_PER_US)
    start = datetime(1970, 1, 1) + timedelta(microseconds=whole_us)
    where = draw(st.sampled_from(["Z", "offset", "zone"]))
    tz: str | None = None
    if where == "Z":
        text = f"R/{_wall_text(start, sub_us)}Z/{period.text}"
    elif where == "offset":
        offset = draw(st.sampled_from(FIXED_OFFSETS))
        hours, minutes = int(offset[1:3]), int(offset[4:6])
        shift = timedelta(hours=hours, minutes=minutes) * (-1 if offset[0] == "-" else 1)
        text = f"R/{_wall_text(start + shift, sub_us)}{offset}/{period.text}"
    else:
        tz = draw(st.sampled_from(DST_ZONES))
        text = f"R/{_wall_text(start, sub_us)}Z[{tz}]/{period.text}"  # the instant in UTC, shown in tz
        tz = None
    return text, tz, start_ns, period_ns


def _ceil_div(a: int, b: int) -> int:
    return -(-a // b)


@settings(SETTINGS, max_examples=800)
@given(
    case=_fixed(),
    k=st.one_of(st.integers(0, 100), st.integers(0, 10**16)),
    target=st.integers(-(10**17), 10**17),
)
@example(case=("R/1970-01-01T00:00:00Z/PT0.000001S", None, 0, 1000), k=1_795_000_000_000_000, target=0)
@example(case=("R/2000-01-01T00:00:00Z/PT0.1S", None, 946_684_800 * NS_PER_SECOND, 10**8), k=10**7, target=0)
def test_fixed_periods_against_integers(case: tuple[str, str | None, int, int], k: int, target: int) -> None:
    text, tz, start_ns, period_ns = case
    schedule = isorepeat.parse(text, tz=tz)
    last_us = (datetime(9999, 12, 1) - datetime(1970, 1, 1)) // ONE_US  # a month inside S40's bound

    def occurrence_us(j: int) -> int:
        return (start_ns + j * period_ns) // NS_PER_US  # S31: floored to the microsecond

    def first_at_or_after(us: int) -> int:
        """The smallest j >= 0 whose floored occurrence is >= us: start + j·P >= 1000·us."""
        return max(0, _ceil_div(us * NS_PER_US - start_ns, period_ns))

    if occurrence_us(k) <= last_us:
        assert _micros(schedule[k]) == occurrence_us(k), (text, k)
        assert schedule.index_of(schedule[k]) == k  # P >= 1 µs: floored values are distinct
    moment_us = occurrence_us(0) + target
    if not occurrence_us(0) - 10**15 < moment_us < last_us:
        return
    moment = _from_micros(moment_us)
    after = first_at_or_after(moment_us + 1)
    assert _micros(schedule.next_after(moment)) == occurrence_us(after), text  # type: ignore[arg-type]
    at_or_after = first_at_or_after(moment_us)
    assert _micros(schedule.next_after(moment, inclusive=True)) == occurrence_us(at_or_after)  # type: ignore[arg-type]
    before = at_or_after - 1
    previous = schedule.previous_before(moment)
    assert (None if previous is None else _micros(previous)) == (
        None if before < 0 else occurrence_us(before)
    )
    index = at_or_after if occurrence_us(at_or_after) == moment_us else None
    assert schedule.index_of(moment) == index, text
    assert (moment in schedule) == (index is not None)
    low = _from_micros(occurrence_us(0) + target // 3)
    assert schedule.count_between(low, moment) == max(0, at_or_after - first_at_or_after(_micros(low))), text


# -- the same instants with ZoneInfo, pytz and dateutil (S22) ------------------------------------


@st.composite
def _zoned(draw: st.DrawFn) -> tuple[str, str, str]:
    """(text without zone, zone key, policy), in the years where pytz's tables are complete."""
    key = draw(st.sampled_from(DST_ZONES))
    wall = draw(_walls(key, first_year=1976, last_year=2030))
    period = draw(_periods())
    count = draw(st.integers(1, 30))
    policy = draw(st.sampled_from(["compatible", "earlier", "later"]))
    return f"R{count}/{_wall_text(wall)}/{period.text}", key, policy


def _instants(schedule: Schedule) -> list[tuple[datetime, timedelta | None]]:
    return [(_utc(moment), moment.utcoffset()) for moment in schedule]


@settings(SETTINGS, max_examples=500)
@given(case=_zoned(), data=st.data())
@example(case=("R4/2011-12-28T12:00:00/P1D", "Pacific/Apia", "compatible"), data=None)
@example(case=("R5/2014-11-02T00:30:00/PT30M", "America/Los_Angeles", "later"), data=None)
@example(case=("R5/2014-10-24T01:30:00/P1D", "Europe/Dublin", "later"), data=None)
@example(case=("R5/2014-03-28T01:30:00/P1D", "Europe/Dublin", "earlier"), data=None)
def test_same_instants_with_zoneinfo_pytz_dateutil(
    case: tuple[str, str, str], data: st.DataObject | None
) -> None:
    text, key, policy = case
    zones: list[tzinfo] = [zoneinfo.ZoneInfo(key), pytz.timezone(key)]
    if key != "Europe/Dublin":  # dateutil gets Dublin's negative DST wrong (dateutil#1048)
        gettz = dateutil_tz.gettz(key)
        assert gettz is not None
        zones.append(gettz)
    schedules = [isorepeat.parse(text, tz=zone, disambiguate=policy) for zone in zones]  # type: ignore[arg-type]
    reference = _instants(schedules[0])
    if reference and reference[-1][0].year >= 2037:
        return  # pytz's tables stop in 2037
    for schedule in schedules[1:]:
        assert _instants(schedule) == reference, (text, key, schedule.tz)
    if data is not None and reference:
        moment = data.draw(_query_times([instant for instant, _ in reference]))
        answers = [
            (
                s.next_after(moment),
                s.previous_before(moment, inclusive=True),
                s.index_of(moment),
                s.count_between(reference[0][0], moment),
            )
            for s in schedules
        ]
        first = answers[0]
        for other in answers[1:]:
            assert [None if a is None or isinstance(a, int) else _utc(a) for a in other] == [
                None if a is None or isinstance(a, int) else _utc(a) for a in first
            ]
            assert other[2:] == first[2:]
