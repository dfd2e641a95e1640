"""isorepeat/chronos/chained.py on its own: one Chronos step, and where a DST gap moves a chain.

Covers ``chronos_chain_step`` (S35, CHRONOS.md §1.4, §2, §3.1, §3.4: the run after a run is the
run plus the period, field by field, largest first, days and longer on the wall clock, printed
with its offset and read back, in the schedule zone with ``withZoneRetainFields`` when there is
one and in the offset printed when not; month-end drift 31, 29, 29; gap drift 02:30, 03:30 for
good; the empty start read in UTC and re-read in the zone; overlaps; the year 9999) and
``gap_drift`` (IR219's finder: the first chained run a gap moves, in New York, Berlin, Tokyo,
which has no gaps, and Lord Howe, whose clocks go forward 30 minutes; periods of days, weeks,
months and years; the periods and zones it declines). The oracle, built here from CHRONOS.md
alone: ``zoneinfo`` for the zones and ``dateutil.relativedelta`` for each field, a wall time in a
gap moved forward by its length and one in an overlap at its earlier offset (``fold=0``), the
printed text read back with the offset in force at the instant it denotes when that offset is
valid there (CHRONOS.md §2), the gap's bounds bisected from ``zoneinfo``'s offsets.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone, tzinfo
from typing import Final
from zoneinfo import ZoneInfo

import pytest
from dateutil.relativedelta import relativedelta
from hypothesis import example, given, settings
from hypothesis import strategies as st

import isorepeat
from isorepeat import Duration, Schedule
from isorepeat._types import Nanos
from isorepeat.calendar import MAX_INSTANT
from isorepeat.chronos.chained import GapDrift, chronos_chain_step, gap_drift
from isorepeat.dialects import dialect_named
from isorepeat.zones import UTC_ZONE, Zone, resolve_tz
from tests.properties.strategies import SETTINGS

UTC = timezone.utc
_EPOCH_UTC: Final = datetime(1970, 1, 1, tzinfo=UTC)
_EPOCH: Final = datetime(1970, 1, 1)
_US: Final = timedelta(microseconds=1)
_MS_NS: Final = 1_000_000
_DAY_NS: Final = 86_400 * 10**9
NEW_YORK, BERLIN, TOKYO, LORD_HOWE = "America/New_York", "Europe/Berlin", "Asia/Tokyo", "Australia/Lord_Howe"
LA, SYDNEY = "America/Los_Angeles", "Australia/Sydney"


def _ns(moment: datetime) -> Nanos:
    return (moment - _EPOCH_UTC) // _US * 1000


def _wall_ns(wall: datetime) -> Nanos:
    """A naive wall time as ns since 1970-01-01T00:00, as ``gap_drift`` takes it."""
    return (wall - _EPOCH) // _US * 1000


def _zone(name: str) -> Zone:
    zone = resolve_tz(name)
    assert zone is not None
    return zone


def _tzinfo(name: str) -> tzinfo:
    if name[0] in "+-":
        sign = -1 if name[0] == "-" else 1
        return timezone(sign * timedelta(hours=int(name[1:3]), minutes=int(name[4:6])))
    return UTC if name == "UTC" else ZoneInfo(name)


def _period(text: str) -> Duration:
    """A period as Chronos reads it (Joda's parser: negative fields too)."""
    read = dialect_named("chronos").read_duration
    assert read is not None
    return read(text)


def _step(run: str, zone: str, period: str, schedule_zone: str | None) -> str:
    """One library step from a run written as ISO text, shown in ``zone``; the next run as text."""
    moment = datetime.fromisoformat(run)
    found = chronos_chain_step(
        _zone(zone),
        _ns(moment),
        _period(period),
        None if schedule_zone is None else _zone(schedule_zone),
        "compatible",
    )
    assert found is not None
    instant, shown = found
    return shown.to_datetime(instant).isoformat(timespec="milliseconds")


# -- the oracle (CHRONOS.md §2-§3) ------------------------------------------------------------


def _settle(wall: datetime, tz: tzinfo) -> datetime:
    """A wall time in ``tz`` as Joda's period arithmetic resolves it (CHRONOS.md §3.1): forward
    by the gap's length, the earlier offset of an overlap; both are PEP 495's ``fold=0``."""
    return wall.replace(tzinfo=tz, fold=0).astimezone(UTC).astimezone(tz)


def _joda_plus(moment: datetime, period: Duration) -> datetime:
    """``DateTime.plus(Period)``: years, months, weeks, days one at a time on the wall clock, each
    settled in the zone before the next (a zero field is skipped); then the time as elapsed."""
    tz = moment.tzinfo
    assert tz is not None
    for field in (
        relativedelta(years=period.years),
        relativedelta(months=period.months),
        relativedelta(days=7 * period.weeks),
        relativedelta(days=period.days),
    ):
        if field:
            moment = _settle(moment.replace(tzinfo=None) + field, tz)
    elapsed = timedelta(
        hours=period.hours,
        minutes=period.minutes,
        seconds=period.seconds,
        microseconds=period.nanoseconds // 1000,
    )
    return (moment.astimezone(UTC) + elapsed).astimezone(tz)


def _retain_fields(wall: datetime, original: datetime, tz: tzinfo) -> datetime:
    """``withZoneRetainFields``: ``wall`` (read at the instant ``original``) in ``tz``. The offset
    ``tz`` has at ``original`` is kept when it is valid for the wall time (CHRONOS.md §2, which
    makes ``02:30Z`` the later pass in Berlin); otherwise the wall time is in a gap, moved forward
    by its length, or has one offset."""
    offset = original.astimezone(tz).utcoffset()
    assert offset is not None
    candidate = (wall - offset).replace(tzinfo=UTC).astimezone(tz)
    if candidate.utcoffset() == offset:
        return candidate
    first, second = wall.replace(tzinfo=tz, fold=0), wall.replace(tzinfo=tz, fold=1)
    # An overlap always contains the offset at the original instant in the zones used here,
    # which have two offsets each: so the wall time has one offset, or is in a gap.
    assert first.utcoffset() == second.utcoffset() or _settle(wall, tz).replace(tzinfo=None) != wall
    return _settle(wall, tz)


def _chain_step_oracle(moment: datetime, period: Duration, schedule_tz: tzinfo | None) -> datetime:
    """The run after ``moment`` as Chronos computes it (CHRONOS.md §3.4): plus the period, print
    with the offset (``ISODateTimeFormat.dateTime()``), parse again with the schedule zone."""
    following = _joda_plus(moment, period)
    text = following.isoformat(timespec="milliseconds")
    if schedule_tz is None:
        return datetime.fromisoformat(text)  # a fixed offset: what the text says
    return _retain_fields(datetime.fromisoformat(text).replace(tzinfo=None), following, schedule_tz)


# -- chronos_chain_step: tables ---------------------------------------------------------------

STEPS = [
    # each row: run, the zone it is shown in, period, scheduleTimeZone, the next run
    # month-end drift (issue #559): Jan 31, Feb 29, Mar 29, never the 31st again
    ("2012-01-31T00:00:00+00:00", "UTC", "P1M", None, "2012-02-29T00:00:00.000+00:00"),
    ("2012-02-29T00:00:00+00:00", "UTC", "P1M", None, "2012-03-29T00:00:00.000+00:00"),
    ("2012-01-31T09:00:00+01:00", BERLIN, "P1M", BERLIN, "2012-02-29T09:00:00.000+01:00"),
    ("2012-02-29T09:00:00+01:00", BERLIN, "P1M", BERLIN, "2012-03-29T09:00:00.000+02:00"),
    ("2012-02-29T00:00:00+00:00", "UTC", "P1Y", None, "2013-02-28T00:00:00.000+00:00"),
    # fields one at a time, largest first: +1M is Feb 29, then +1D is Mar 1; years then months
    ("2012-01-31T00:00:00+00:00", "UTC", "P1M1D", None, "2012-03-01T00:00:00.000+00:00"),
    ("2012-02-29T00:00:00+00:00", "UTC", "P1Y1M", None, "2013-03-28T00:00:00.000+00:00"),
    ("2012-01-31T00:00:00+00:00", "UTC", "P1M-1D", None, "2012-02-28T00:00:00.000+00:00"),
    # gap drift (CHRONOS.md §3.4): 02:30 does not exist on 2014-03-09, so 03:30, then 03:30 for good
    ("2014-03-08T02:30:00-08:00", LA, "P1D", LA, "2014-03-09T03:30:00.000-07:00"),
    ("2014-03-09T03:30:00-07:00", LA, "P1D", LA, "2014-03-10T03:30:00.000-07:00"),
    ("2014-03-29T02:30:00+01:00", BERLIN, "P1D", BERLIN, "2014-03-30T03:30:00.000+02:00"),
    ("2014-03-30T03:30:00+02:00", BERLIN, "P1D", BERLIN, "2014-03-31T03:30:00.000+02:00"),
    ("2025-10-04T02:15:00+10:30", LORD_HOWE, "P1D", LORD_HOWE, "2025-10-05T02:45:00.000+11:00"),
    ("2014-03-10T02:30:00-07:00", LA, "P-1D", LA, "2014-03-09T03:30:00.000-07:00"),  # backwards too
    # days keep the wall time, PT24H is elapsed
    ("2014-03-08T12:00:00-08:00", LA, "P1D", LA, "2014-03-09T12:00:00.000-07:00"),
    ("2014-03-08T12:00:00-08:00", LA, "PT24H", LA, "2014-03-09T13:00:00.000-07:00"),
    # overlaps: period arithmetic takes the earlier pass (Berlin + P11M, CHRONOS.md §3.1) ...
    ("2014-11-01T01:30:00-07:00", LA, "P1D", LA, "2014-11-02T01:30:00.000-07:00"),
    ("2013-11-26T02:30:00+01:00", BERLIN, "P11M", BERLIN, "2014-10-26T02:30:00.000+02:00"),
    # ... and an hourly chain visits the repeated hour twice: the offset printed is the later one
    ("2014-11-02T01:30:00-07:00", LA, "PT30M", LA, "2014-11-02T01:00:00.000-08:00"),
    ("2014-11-02T01:30:00-08:00", LA, "PT1H", LA, "2014-11-02T02:30:00.000-08:00"),
    # the empty start, read as now - 1 s in UTC: the run after it is printed ...Z and its wall
    # fields re-read in the zone (CHRONOS.md §2, measured on Joda 2.10.14)
    ("2026-01-15T11:59:59+00:00", "UTC", "PT1H", NEW_YORK, "2026-01-15T12:59:59.000-05:00"),
    ("2023-10-05T19:01:45+00:00", "UTC", "PT179H", SYDNEY, "2023-10-13T06:01:45.000+11:00"),
    ("2023-10-13T06:01:45+11:00", SYDNEY, "PT179H", SYDNEY, "2023-10-20T17:01:45.000+11:00"),  # then in it
    # ... re-read in an overlap: the offset at the instant the text denotes, if valid (CHRONOS.md §2)
    ("2014-10-26T01:30:00+00:00", "UTC", "PT1H", BERLIN, "2014-10-26T02:30:00.000+01:00"),  # the later pass
    ("2014-11-02T00:30:00+00:00", "UTC", "PT1H", LA, "2014-11-02T01:30:00.000-07:00"),  # the earlier pass
    # ... and in a gap: forward
    ("2014-03-09T01:30:00+00:00", "UTC", "PT1H", LA, "2014-03-09T03:30:00.000-07:00"),
    # without a scheduleTimeZone: the offset printed is kept (issue #296) ...
    ("2014-03-08T10:00:00-08:00", "-08:00", "P1D", None, "2014-03-09T10:00:00.000-08:00"),
    ("2014-06-08T10:00:00-08:00", "-08:00", "P1M", None, "2014-07-08T10:00:00.000-08:00"),
    # ... but the first step, from a start in the JVM zone, follows its DST
    ("2014-03-08T10:00:00-08:00", LA, "P1D", None, "2014-03-09T10:00:00.000-07:00"),
    ("2014-03-08T10:00:00-08:00", LA, "PT24H", None, "2014-03-09T11:00:00.000-07:00"),
    ("2026-01-15T11:59:59+00:00", "UTC", "PT1H", None, "2026-01-15T12:59:59.000+00:00"),
]


@pytest.mark.parametrize(("run", "zone", "period", "schedule_zone", "following"), STEPS)
def test_s35_chronos_chain_step(
    run: str, zone: str, period: str, schedule_zone: str | None, following: str
) -> None:
    assert _step(run, zone, period, schedule_zone) == following
    # the oracle agrees with the table (the table is CHRONOS.md's; the oracle is the property's)
    oracle = _chain_step_oracle(
        datetime.fromisoformat(run).astimezone(_tzinfo(zone)),
        _period(period),
        None if schedule_zone is None else _tzinfo(schedule_zone),
    )
    assert oracle.isoformat(timespec="milliseconds") == following


@pytest.mark.parametrize(
    ("zone", "schedule_zone", "shown"),
    [
        # the zone each run is shown in: the schedule zone, else the offset printed (UTC for Z)
        (LA, LA, LA),
        ("UTC", NEW_YORK, NEW_YORK),
        (LA, None, "-07:00"),
        ("-08:00", None, "-08:00"),
        ("UTC", None, "UTC"),
        (BERLIN, None, "+02:00"),
    ],
)
def test_s35_chronos_chain_step_zone_shown(zone: str, schedule_zone: str | None, shown: str) -> None:
    found = chronos_chain_step(
        _zone(zone),
        _ns(datetime(2014, 6, 1, 12, tzinfo=UTC)),
        Duration(days=1),
        None if schedule_zone is None else _zone(schedule_zone),
        "compatible",
    )
    assert found is not None
    assert found[1] == _zone(shown)
    if schedule_zone is None:
        assert found[1].key is None  # a fixed offset, never the zone it came from
        assert found[1].fixed_offset is not None


def test_s40_chronos_chain_step_ends_at_the_year_9999() -> None:
    last_day = _ns(datetime(9999, 12, 31, 12, tzinfo=UTC))
    assert chronos_chain_step(UTC_ZONE, last_day, Duration(days=1), None, "compatible") is None
    assert chronos_chain_step(UTC_ZONE, last_day, Duration(hours=12), None, "compatible") is None
    found = chronos_chain_step(UTC_ZONE, last_day, Duration(hours=11, minutes=59), None, "compatible")
    assert found == (_ns(datetime(9999, 12, 31, 23, 59, tzinfo=UTC)), UTC_ZONE)
    # east of UTC the wall clock leaves the year 9999 first (S40): 23:30 in Tokyo is 14:30Z
    tokyo = _zone(TOKYO)
    late = _ns(datetime(9999, 12, 31, 14, 30, tzinfo=UTC))
    assert chronos_chain_step(tokyo, late, Duration(hours=1), tokyo, "compatible") is None
    assert chronos_chain_step(tokyo, late, Duration(minutes=29), tokyo, "compatible") == (
        late + _ns_of(timedelta(minutes=29)),
        tokyo,
    )


def test_s40_chronos_chain_step_ends_at_the_year_9999_after_the_rezone() -> None:
    run = _ns(datetime(9999, 12, 31, 23, tzinfo=UTC))
    found = chronos_chain_step(UTC_ZONE, run, Duration(minutes=30), _zone(NEW_YORK), "compatible")
    assert found is None or found[0] <= MAX_INSTANT


def test_s40_a_chain_past_the_year_9999_after_the_rezone_ends_in_the_schedule() -> None:
    # What the xfail above does not reach: the schedule's chain stops at run 0.
    schedule = isorepeat.parse(
        "R//PT30M", dialect="chronos", tz=NEW_YORK, now=datetime(9999, 12, 31, 23, 0, 1, tzinfo=UTC)
    )
    assert list(schedule.occurrences()) == [datetime(9999, 12, 31, 23, tzinfo=UTC)]


# -- chronos_chain_step: the property ---------------------------------------------------------

_STEP_ZONES: Final = (NEW_YORK, BERLIN, TOKYO, LORD_HOWE, LA, SYDNEY, "UTC", "+05:30", "-08:00")


@st.composite
def _periods(draw: st.DrawFn) -> Duration:
    """Joda periods: any field, negative ones too, whole milliseconds."""
    small = st.integers(-3, 3)
    return Duration(
        years=draw(st.integers(-1, 2)),
        months=draw(st.integers(-2, 14)),
        weeks=draw(small),
        days=draw(st.integers(-3, 40)),
        hours=draw(st.integers(-3, 30)),
        minutes=draw(st.integers(0, 90)),
        seconds=draw(small),
        nanoseconds=draw(st.integers(0, 999)) * _MS_NS,
    )


@settings(SETTINGS)
@given(
    st.integers(
        _ns(datetime(1990, 1, 1, tzinfo=UTC)) // _MS_NS, _ns(datetime(2035, 1, 1, tzinfo=UTC)) // _MS_NS
    ),
    st.sampled_from(_STEP_ZONES),
    _periods(),
    st.sampled_from((None, *_STEP_ZONES)),
)
@example(_ns(datetime(2014, 3, 8, 10, 30, tzinfo=UTC)) // _MS_NS, LA, Duration(days=1), LA)
@example(_ns(datetime(2014, 11, 2, 8, 30, tzinfo=UTC)) // _MS_NS, LA, Duration(minutes=30), LA)
@example(_ns(datetime(2012, 1, 31, tzinfo=UTC)) // _MS_NS, "UTC", Duration(months=1, days=1), None)
@example(_ns(datetime(2014, 10, 26, 1, 30, tzinfo=UTC)) // _MS_NS, "UTC", Duration(hours=1), BERLIN)
@example(_ns(datetime(2025, 10, 4, 15, 45, tzinfo=UTC)) // _MS_NS, LORD_HOWE, Duration(days=1), LORD_HOWE)
def test_s35_chronos_chain_step_matches_the_oracle(
    millis: int, zone: str, period: Duration, schedule_zone: str | None
) -> None:
    instant = millis * _MS_NS
    found = chronos_chain_step(
        _zone(zone), instant, period, None if schedule_zone is None else _zone(schedule_zone), "compatible"
    )
    assert found is not None
    following, shown = found
    moment = (_EPOCH_UTC + timedelta(milliseconds=millis)).astimezone(_tzinfo(zone))
    expected = _chain_step_oracle(moment, period, None if schedule_zone is None else _tzinfo(schedule_zone))
    assert following == _ns(expected)
    offset = expected.utcoffset()
    assert offset is not None
    assert shown.offset_at(following) == offset // timedelta(seconds=1)
    if schedule_zone is None:
        assert shown.fixed_offset == offset // timedelta(seconds=1)
    else:
        assert shown == _zone(schedule_zone)


# -- gap_drift --------------------------------------------------------------------------------


def _drift(text: str, tz: str | None) -> GapDrift | None:
    """gap_drift of a chronos schedule, with the start's wall-clock fields as written."""
    schedule = isorepeat.parse(text, dialect="chronos", tz=tz)
    return gap_drift(schedule, _wall_ns(datetime.fromisoformat(text.split("/")[1][:19])))


def _hours(hours: float) -> Nanos:
    return round(hours * 3600) * 10**9


DRIFTS = [
    # each row: schedule, scheduleTimeZone, the run moved, that run, the gap's wall times [from, to)
    # days: the run that lands on the gap day
    (
        "R/2026-03-07T02:30:00/P1D",
        NEW_YORK,
        1,
        "2026-03-08T03:30:00-04:00",
        ("2026-03-08T02:00", "2026-03-08T03:00"),
    ),
    (
        "R/2026-03-07T02:00:00/P1D",
        NEW_YORK,
        1,
        "2026-03-08T03:00:00-04:00",
        ("2026-03-08T02:00", "2026-03-08T03:00"),
    ),
    (
        "R/2026-03-28T02:30:00/P1D",
        BERLIN,
        1,
        "2026-03-29T03:30:00+02:00",
        ("2026-03-29T02:00", "2026-03-29T03:00"),
    ),
    (
        "R/2026-03-07T02:30:00-05:00/P1D",
        NEW_YORK,
        1,
        "2026-03-08T03:30:00-04:00",
        ("2026-03-08T02:00", "2026-03-08T03:00"),
    ),
    # Lord Howe goes forward 30 minutes, 02:00 -> 02:30
    (
        "R/2025-10-04T02:15:00/P1D",
        LORD_HOWE,
        1,
        "2025-10-05T02:45:00+11:00",
        ("2025-10-05T02:00", "2025-10-05T02:30"),
    ),
    # the start itself, written in the gap
    (
        "R/2026-03-08T02:30:00/P1D",
        NEW_YORK,
        0,
        "2026-03-08T03:30:00-04:00",
        ("2026-03-08T02:00", "2026-03-08T03:00"),
    ),
    # every other day misses 2026-03-08, and meets the gap a year on (372 days, run 186)
    (
        "R/2026-03-07T02:30:00/P2D",
        NEW_YORK,
        186,
        "2027-03-14T03:30:00-04:00",
        ("2027-03-14T02:00", "2027-03-14T03:00"),
    ),
    # weeks: from a Sunday
    (
        "R/2026-03-01T02:30:00/P1W",
        NEW_YORK,
        1,
        "2026-03-08T03:30:00-04:00",
        ("2026-03-08T02:00", "2026-03-08T03:00"),
    ),
    # months and years: the 8th of March 2026 is the second Sunday; 2027-03-28 the last Sunday
    (
        "R/2026-01-08T02:30:00/P1M",
        NEW_YORK,
        2,
        "2026-03-08T03:30:00-04:00",
        ("2026-03-08T02:00", "2026-03-08T03:00"),
    ),
    (
        "R/2027-01-28T02:30:00/P1M",
        BERLIN,
        2,
        "2027-03-28T03:30:00+02:00",
        ("2027-03-28T02:00", "2027-03-28T03:00"),
    ),
    # two fields, the last one landing in the gap: Feb 13 + 1 month = Mar 13, + 1 day = Mar 14
    (
        "R/2021-02-13T02:30:00/P1M1D",
        NEW_YORK,
        1,
        "2021-03-14T03:30:00-04:00",
        ("2021-03-14T02:00", "2021-03-14T03:00"),
    ),
    (
        "R/2025-03-08T02:30:00/P1Y",
        NEW_YORK,
        1,
        "2026-03-08T03:30:00-04:00",
        ("2026-03-08T02:00", "2026-03-08T03:00"),
    ),
]


@pytest.mark.parametrize(("text", "tz", "run", "moved", "skipped"), DRIFTS)
def test_ir219_gap_drift(text: str, tz: str, run: int, moved: str, skipped: tuple[str, str]) -> None:
    drift = _drift(text, tz)
    written = datetime.fromisoformat(text.split("/")[1][:19])
    assert drift == GapDrift(
        run,
        datetime.fromisoformat(moved),
        _wall_ns(written) % _DAY_NS,
        (_wall_ns(datetime.fromisoformat(skipped[0])), _wall_ns(datetime.fromisoformat(skipped[1]))),
    )
    assert drift is not None
    assert drift.moved.isoformat() == moved  # shown in the schedule zone
    # the run it names is the schedule's chained run
    schedule = isorepeat.parse(text, dialect="chronos", tz=tz)
    assert schedule.occurrence(run) == drift.moved


@pytest.mark.parametrize(
    ("text", "tz"),
    [
        # a zone without gaps
        ("R/2026-03-28T02:30:00/P1D", TOKYO),
        ("R/2026-03-08T02:30:00/P1D", TOKYO),
        # a time no gap skips: after Lord Howe's 30 minutes, at the end of New York's hour, midday
        ("R/2025-10-04T02:45:00/P1D", LORD_HOWE),
        ("R/2026-03-07T03:00:00/P1D", NEW_YORK),
        ("R/2026-03-07T01:59:59/P1D", NEW_YORK),
        ("R/2026-03-07T12:00:00/P1D", NEW_YORK),
        # weeks from a Monday never meet a Sunday's gap
        ("R/2026-03-02T02:30:00/P1W", NEW_YORK),
        # a period with an elapsed part, or one that does not move forward
        ("R/2026-03-07T02:30:00/P1DT1H", NEW_YORK),
        ("R/2026-03-07T02:30:00/PT24H", NEW_YORK),
        ("R/2026-03-09T02:30:00/P-1D", NEW_YORK),
        ("R1/2026-03-08T02:30:00/P", NEW_YORK),
        # a fixed zone, and no zone at all: a fixed offset has no gaps
        ("R/2026-03-07T02:30:00/P1D", "GMT-05:00"),
        ("R/2026-03-07T02:30:00-05:00/P1D", None),
        ("R/2026-03-07T02:30:00/P1D", None),
    ],
)
def test_ir219_gap_drift_none(text: str, tz: str | None) -> None:
    assert _drift(text, tz) is None


@pytest.mark.parametrize(
    ("text", "run", "moved", "skipped"),
    [
        (
            "R/2020-01-01T02:00:00/P1M1D",
            14,
            "2021-03-15T03:00:00-04:00",
            ("2021-03-14T02:00", "2021-03-14T03:00"),
        ),
        (
            "R/2020-03-14T02:30:00/P1Y1M",
            1,
            "2021-04-14T03:30:00-04:00",
            ("2021-03-14T02:00", "2021-03-14T03:00"),
        ),
    ],
)
def test_ir219_gap_drift_in_the_first_field_of_two(
    text: str, run: int, moved: str, skipped: tuple[str, str]
) -> None:
    schedule = isorepeat.parse(text, dialect="chronos", tz=NEW_YORK)
    # the chained runs: the wall time written until run - 1, moved from run on
    written = datetime.fromisoformat(text.split("/")[1])
    assert schedule.occurrence(run - 1).time() == written.time()
    assert schedule.occurrence(run).isoformat() == moved
    assert schedule.occurrence(run + 1).time() == datetime.fromisoformat(moved).time()
    assert _drift(text, NEW_YORK) == GapDrift(
        run,
        datetime.fromisoformat(moved),
        _wall_ns(written) % _DAY_NS,
        (_wall_ns(datetime.fromisoformat(skipped[0])), _wall_ns(datetime.fromisoformat(skipped[1]))),
    )


def _gap_bounds(day_wall: datetime, tz: tzinfo) -> tuple[Nanos, Nanos]:
    """The wall times ``tz`` skips around ``day_wall`` (which is in the gap): the transition's
    second bisected from zoneinfo's offsets, then [instant + offset before, instant + offset after)."""
    before = day_wall.replace(tzinfo=tz, fold=0).utcoffset()
    after = day_wall.replace(tzinfo=tz, fold=1).utcoffset()
    assert before is not None
    assert after is not None
    low = _ns((day_wall - after).replace(tzinfo=UTC)) // 10**9  # before the transition
    high = _ns((day_wall - before).replace(tzinfo=UTC)) // 10**9  # after it
    while high - low > 1:
        middle = (low + high) // 2
        if (_EPOCH_UTC + timedelta(seconds=middle)).astimezone(tz).utcoffset() == before:
            low = middle
        else:
            high = middle
    return (high * 10**9 + _ns_of(before), high * 10**9 + _ns_of(after))


def _ns_of(delta: timedelta) -> Nanos:
    return delta // _US * 1000


@dataclass(frozen=True)
class _OracleDrift:
    run: int
    moved: datetime
    skipped: tuple[Nanos, Nanos]


def _drift_oracle(written: datetime, period: Duration, key: str, years: int) -> _OracleDrift | None:
    """The chained runs (run 0 the written wall time re-read in the zone from UTC, the JVM zone),
    walked for ``years`` years: the first whose time of day is not the one written, and the gap
    that day at that time (a period of one calendar field lands in the gap itself)."""
    tz = ZoneInfo(key)
    run = _retain_fields(written, written.replace(tzinfo=UTC), tz)
    end = written + timedelta(days=round(365.2425 * years))  # replace(year=) fails from Feb 29
    k = 0
    while run.replace(tzinfo=None) < end:
        if run.time() != written.time():
            meant = datetime.combine(run.date(), written.time())
            return _OracleDrift(k, run, _gap_bounds(meant, tz))
        run = _chain_step_oracle(run, period, tz)
        k += 1
    return None


_ORACLE_YEARS: Final = 5


@settings(SETTINGS, max_examples=50)  # a daily chain with no drift walks 1,800 oracle runs: 20 ms each
@given(
    st.sampled_from([NEW_YORK, BERLIN, TOKYO, LORD_HOWE, LA]),
    st.dates(date(2020, 1, 1), date(2030, 12, 31)),
    # half the times in the gaps of New York, Berlin, Los Angeles (02:00-03:00) or Lord Howe (02:00-02:30)
    st.sampled_from(["02:00", "02:15", "02:30", "02:59:59"])
    | st.sampled_from(["00:30", "01:59:59", "03:00", "12:00"]),
    # one calendar field each: two fields with a gap under the first have their own test above
    st.sampled_from(["P1D", "P2D", "P3D", "P10D", "P1W", "P2W", "P1M", "P2M", "P3M", "P1Y", "P2Y"]),
)
@example(NEW_YORK, date(2026, 3, 7), "02:30", "P2D")
@example(LORD_HOWE, date(2025, 9, 5), "02:15", "P1M")
@example(BERLIN, date(2025, 12, 31), "02:30", "P1M")  # drifted to the 28th: 2027-03-28 is the gap day
@example(NEW_YORK, date(2028, 2, 29), "02:00", "P1D")  # a leap day: the oracle's end of walk (CI found it)
def test_ir219_gap_drift_matches_the_oracle(key: str, day: date, time: str, period_text: str) -> None:
    written = datetime.fromisoformat(f"{day}T{time}")
    text = f"R/{written.isoformat()}/{period_text}"
    schedule: Schedule = isorepeat.parse(text, dialect="chronos", tz=key)
    drift = gap_drift(schedule, _wall_ns(written))
    period = _period(period_text)
    expected = _drift_oracle(written, period, key, _ORACLE_YEARS)
    if expected is not None:
        assert drift == GapDrift(expected.run, expected.moved, _wall_ns(written) % _DAY_NS, expected.skipped)
        return
    if drift is not None:
        # beyond the years walked here: the run it names is there, moved, in a gap the oracle sees
        assert drift.moved.replace(tzinfo=None) >= written.replace(year=written.year + _ORACLE_YEARS)
        assert drift.moved.time() != written.time()
        meant = datetime.combine(drift.moved.date(), written.time())
        assert drift.skipped == _gap_bounds(meant, ZoneInfo(key))
        assert schedule.occurrence(drift.run) == drift.moved
