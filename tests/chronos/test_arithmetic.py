"""isorepeat/chronos/arithmetic.py on its own: Joda-Time's arithmetic as Chronos runs it (S34, S35).

Covers ``joda_plus``/``joda_advance`` (``DateTime.plus(Period)``: years, months, weeks, days one
at a time on the wall clock, each clamped to the month's end and converted back to an instant,
an overlap taking the earlier offset and a gap moving forward; then hours ... millis as elapsed
time), ``rezone`` (``withZoneRetainFields``: the original instant's offset if it still fits,
else ``convertLocalToUTC(local, false)``), ``wall_of``, ``joda_fields``, ``standard_seconds``
(``Period.toStandardSeconds``), ``is_forward`` and ``CANNOT_HOLD``.

The examples are CHRONOS.md's, each with the source it cites there; the properties check
``joda_plus`` against a field-by-field oracle built from ``dateutil.relativedelta`` and
``zoneinfo`` (``fold=0`` is Joda's ``getOffsetFromLocal``: the earlier pass of an overlap, the
offset before a gap), and ``standard_seconds`` against Java's integer arithmetic.
"""

from __future__ import annotations

import zoneinfo
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Final

import pytest
from dateutil.relativedelta import relativedelta
from hypothesis import example, given, settings
from hypothesis import strategies as st

import isorepeat
from isorepeat import Duration, UnrepresentableError
from isorepeat.calendar import MAX_INSTANT
from isorepeat.chronos.arithmetic import (
    CANNOT_HOLD,
    is_forward,
    joda_advance,
    joda_fields,
    joda_plus,
    rezone,
    standard_seconds,
    wall_of,
)
from isorepeat.dialects import dialect_named
from isorepeat.zones import FixedZone, Zone, resolve_tz
from tests.properties.strategies import SETTINGS

UTC = timezone.utc
LA = "America/Los_Angeles"
BERLIN = "Europe/Berlin"
_EPOCH_UTC: Final = datetime(1970, 1, 1, tzinfo=UTC)
_EPOCH: Final = datetime(1970, 1, 1)
_US: Final = timedelta(microseconds=1)
_HOUR_NS: Final = 3600 * 10**9
_DAY_NS: Final = 24 * _HOUR_NS


def _ns(moment: datetime) -> int:
    """An aware datetime as ns since the epoch, without isorepeat."""
    return (moment - _EPOCH_UTC) // _US * 1000


def _at(text: str) -> int:
    """An ISO date-time with an offset (``2014-11-02T01:30-08:00``) as ns since the epoch."""
    return _ns(datetime.fromisoformat(text))


def _wall(text: str) -> int:
    """A wall time without an offset as ns since 1970-01-01T00:00."""
    return (datetime.fromisoformat(text) - _EPOCH) // _US * 1000


def _zone(name: str) -> Zone:
    zone = resolve_tz(name)
    assert zone is not None
    return zone


def _period(text: str) -> Duration:
    """A period as Chronos reads it (Joda's ISOPeriodFormat.standard(), CHRONOS.md §1.3)."""
    reader = dialect_named("chronos").read_duration
    assert reader is not None
    return reader(text)


# -- joda_plus: CHRONOS.md's examples ----------------------------------------------------------

# Each row: zone, start (with its offset), period, factor, expected (with its offset), source.
JODA_PLUS: Final = [
    # §3.1, §5: month addition clamps to the last valid day
    ("UTC", "2012-01-31T00:00+00:00", "P1M", 1, "2012-02-29T00:00+00:00", "§3.1 month clamping"),
    ("UTC", "2013-01-31T00:00+00:00", "P1M", 1, "2013-02-28T00:00+00:00", "§3.1 month clamping"),
    # §3.1: P1M1D from Jan 31: +1M gives Feb 29, then +1D gives Mar 1
    ("UTC", "2012-01-31T00:00+00:00", "P1M1D", 1, "2012-03-01T00:00+00:00", "§3.1 fields in order"),
    # §3.1, §5: fields one at a time, largest first: +1Y (Feb 28), then +1M (Mar 28), where
    # java.time (and the iso dialect, S28) adds 13 months at once (Mar 29)
    ("UTC", "2012-02-29T00:00+00:00", "P1Y1M", 1, "2013-03-28T00:00+00:00", "§3.1, S28 years then months"),
    # multipliedBy(3) then plus: anchored within one call, +3 months from Jan 31 is Apr 30
    ("UTC", "2012-01-31T00:00+00:00", "P1M", 3, "2012-04-30T00:00+00:00", "§3.2 skipForward's multiply"),
    # negative fields are added too (§1.3): Jan 31 + 1 month = Feb 29, - 1 day = Feb 28
    ("UTC", "2012-01-31T00:00+00:00", "P1M-1D", 1, "2012-02-28T00:00+00:00", "§1.3 negative fields"),
    # §3.1, §5: P1D keeps the wall time in a DST zone (a 23-hour day); PT24H is 86,400 s
    (LA, "2014-03-08T12:00-08:00", "P1D", 1, "2014-03-09T12:00-07:00", "§3.1 local arithmetic"),
    (LA, "2014-03-08T12:00-08:00", "PT24H", 1, "2014-03-09T13:00-07:00", "§3.1 elapsed arithmetic"),
    (LA, "2014-11-01T12:00-07:00", "P1D", 1, "2014-11-02T12:00-08:00", "§3.1 a 25-hour day"),
    # §3.1, §5: a result in a gap moves forward by the gap's length (the §3.4 gap drift)
    (LA, "2014-03-08T02:30-08:00", "P1D", 1, "2014-03-09T03:30-07:00", "§3.4 gap"),
    (BERLIN, "2014-03-29T02:30+01:00", "P1D", 1, "2014-03-30T03:30+02:00", "§2 gap"),
    # §3.1: a result in an overlap takes the earlier offset (BaseChronology.add, 2.9.6 302-312;
    # ZonedChronology.ZonedDurationField.add 329-339; getOffsetFromLocal, DateTimeZone.java:893)
    (BERLIN, "2013-11-26T02:30+01:00", "P11M", 1, "2014-10-26T02:30+02:00", "§3.1 overlap"),
    (LA, "2014-11-01T01:30-07:00", "P1D", 1, "2014-11-02T01:30-07:00", "§5 overlap: the first pass"),
    # §8 #588: a 02:15 Sydney job on the night DST ends runs once, on the DST side
    ("Australia/Sydney", "2014-04-05T02:15+11:00", "P1D", 1, "2014-04-06T02:15+11:00", "§8 #588"),
    ("Australia/Sydney", "2014-04-06T02:15+11:00", "P1D", 1, "2014-04-07T02:15+10:00", "§8 #588"),
    # §5: hours are elapsed time: an hourly chain visits the repeated hour twice
    (LA, "2014-11-02T01:30-07:00", "PT1H", 1, "2014-11-02T01:30-08:00", "§5 hourly chains"),
    # Joda skips zero fields: P0D does not re-resolve the later pass of an overlap
    (LA, "2014-11-02T01:30-08:00", "P0DT1H", 1, "2014-11-02T02:30-08:00", "zero fields are skipped"),
    (LA, "2014-11-02T01:30-08:00", "P", 1, "2014-11-02T01:30-08:00", "§1.3 P is a zero period"),
    # §3.1, §5: in a fixed-offset zone (an explicit offset, no scheduleTimeZone) P1D is 24 h
    ("-08:00", "2014-03-08T12:00-08:00", "P1D", 1, "2014-03-09T12:00-08:00", "§3.1 fixed offset"),
    ("-08:00", "2014-06-01T12:00-08:00", "P1W", 1, "2014-06-08T12:00-08:00", "§3.1 fixed offset"),
    # §1.3: the millis of a period, exactly; a sub-second fraction is elapsed time
    ("UTC", "2012-10-01T05:52:00+00:00", "PT1.5S", 2, "2012-10-01T05:52:03+00:00", "§1.3 PT1.500S"),
]


@pytest.mark.parametrize(("zone", "start", "period", "factor", "expected", "source"), JODA_PLUS)
def test_s34_joda_plus(zone: str, start: str, period: str, factor: int, expected: str, source: str) -> None:
    result = joda_plus(_zone(zone), _at(start), _period(period), factor)
    assert result == _at(expected), source


@pytest.mark.parametrize(
    ("start", "period", "factor"),
    [
        ("9999-12-31T00:00+00:00", "P1D", 1),
        ("9999-12-31T00:00+00:00", "P1Y", 1),
        ("9999-12-31T23:59:59.999+00:00", "PT0.001S", 1),
        ("0001-01-01T00:00+00:00", "P-1D", 1),
        ("2012-01-01T00:00+00:00", "P1Y", 10**6),
        ("2012-01-01T00:00+00:00", "PT1H", 10**20),
    ],
)
def test_s40_joda_plus_beyond_the_calendar_is_none(start: str, period: str, factor: int) -> None:
    # Joda goes on past the year 9999; datetime cannot follow (S40): None, never OverflowError.
    assert joda_plus(_zone("UTC"), _at(start), _period(period), factor) is None


def test_s40_joda_plus_east_of_utc_ends_where_the_wall_time_leaves_9999() -> None:
    zone = _zone("+01:00")
    last = MAX_INSTANT - _HOUR_NS  # 9999-12-31T23:59:59.999999999+01:00
    assert joda_plus(zone, last - 10**6, _period("PT0.001S")) == last
    assert joda_plus(zone, last, _period("PT0.001S")) is None


def test_s34_joda_advance_is_plus_of_the_multiplied_period() -> None:
    # joda_advance has calendar.advance's signature; it ignores the start's wall fields (Joda
    # keeps only the instant and its zone) and the disambiguate policy (Joda has one rule).
    zone = _zone(LA)
    start = _at("2014-03-09T03:30-07:00")  # 02:30 written, moved out of the gap
    period = _period("P1D")
    for k in range(-3, 4):
        expected = joda_plus(zone, start, period, k)
        assert joda_advance(zone, start, _wall("2014-03-09T02:30"), period, k, "raise") == expected
    # anchored on the moved start: the runs keep 03:30, unlike the iso dialect's 02:30 (S28)
    assert joda_advance(zone, start, start, period, 1, "compatible") == _at("2014-03-10T03:30-07:00")


# -- joda_plus against a field-by-field oracle -------------------------------------------------


@dataclass(frozen=True)
class _Plus:
    key: str
    start: datetime  # aware, UTC
    fields: tuple[int, int, int, int, int, int, int, int]  # years ... seconds, millis
    factor: int

    @property
    def period(self) -> Duration:
        years, months, weeks, days, hours, minutes, seconds, millis = self.fields
        return Duration(years, months, weeks, days, hours, minutes, seconds, millis * 10**6)


def _joda_oracle(case: _Plus) -> datetime:
    """DateTime.plus(period.multipliedBy(factor)): each calendar field on the wall clock, resolved
    with fold=0 (Joda's getOffsetFromLocal), then the time fields as elapsed time."""
    zone = zoneinfo.ZoneInfo(case.key)
    years, months, weeks, days, hours, minutes, seconds, millis = (v * case.factor for v in case.fields)
    moment = case.start
    for step in (
        relativedelta(years=years),
        relativedelta(months=months),
        relativedelta(weeks=weeks),
        relativedelta(days=days),
    ):
        if not step:
            continue
        wall = moment.astimezone(zone).replace(tzinfo=None) + step
        moment = wall.replace(tzinfo=zone, fold=0).astimezone(UTC)
    return moment + timedelta(hours=hours, minutes=minutes, seconds=seconds, milliseconds=millis)


_TRANSITIONS: Final = (
    # The first wall time of a gap or an overlap in each zone.
    (LA, datetime(2014, 3, 9, 2)),
    (LA, datetime(2014, 11, 2, 1)),
    (BERLIN, datetime(2014, 3, 30, 2)),
    (BERLIN, datetime(2014, 10, 26, 2)),
    ("Australia/Sydney", datetime(2014, 4, 6, 2)),
    ("Australia/Lord_Howe", datetime(2014, 10, 5, 2)),
    ("Pacific/Apia", datetime(2011, 12, 30)),
    ("Europe/Dublin", datetime(2014, 10, 26, 1)),
)


@st.composite
def _plus_cases(draw: st.DrawFn) -> _Plus:
    """A start some calendar fields before a wall time near a transition, on either pass of an
    overlap, and a period with those fields (of any sign) and some elapsed time."""
    key, transition = draw(st.sampled_from(_TRANSITIONS))
    target = transition + timedelta(minutes=draw(st.integers(-90, 150)))
    years = draw(st.sampled_from([0, 0, 0, 1, -1]))
    months = draw(st.sampled_from([0, 0, 1, 2, 11, -1]))
    weeks = draw(st.sampled_from([0, 0, 1, -1]))
    days = draw(st.sampled_from([0, 1, 1, 3, -1]))
    factor = draw(st.sampled_from([1, 1, 1, 2, 3, -1]))
    wall = target - relativedelta(
        years=years * factor, months=months * factor, weeks=weeks * factor, days=days * factor
    )
    start = wall.replace(tzinfo=zoneinfo.ZoneInfo(key), fold=draw(st.integers(0, 1))).astimezone(UTC)
    hours = draw(st.sampled_from([0, 0, 1, 25, -2]))
    minutes = draw(st.sampled_from([0, 0, 30, -45]))
    seconds = draw(st.sampled_from([0, 0, 1, 59]))
    millis = draw(st.sampled_from([0, 0, 1, 500, 999, -500]))
    return _Plus(key, start, (years, months, weeks, days, hours, minutes, seconds, millis), factor)


@SETTINGS
@given(_plus_cases())
@example(_Plus(BERLIN, datetime(2013, 11, 26, 1, 30, tzinfo=UTC), (0, 11, 0, 0, 0, 0, 0, 0), 1))
@example(_Plus(LA, datetime(2014, 3, 8, 10, 30, tzinfo=UTC), (0, 0, 0, 1, 0, 0, 0, 0), 1))
@example(_Plus(LA, datetime(2014, 11, 2, 9, 30, tzinfo=UTC), (0, 0, 0, 0, 1, 0, 0, 0), 1))
@example(_Plus("UTC", datetime(2012, 2, 29, tzinfo=UTC), (1, 1, 0, 0, 0, 0, 0, 0), 1))
@example(_Plus("Pacific/Apia", datetime(2011, 12, 29, 22, tzinfo=UTC), (0, 0, 0, 1, 0, 0, 0, 0), 1))
def test_s34_joda_plus_matches_the_field_by_field_oracle(case: _Plus) -> None:
    expected = _joda_oracle(case)
    result = joda_plus(_zone(case.key), _ns(case.start), case.period, case.factor)
    assert result == _ns(expected), (case, expected)


# -- rezone: withZoneRetainFields (CHRONOS.md §2) ----------------------------------------------

# Each row: the zone, the wall time kept, the literal it was read from (its instant is the
# original), the expected result, source. CHRONOS.md §2 "Overlap" and "Gap".
REZONE: Final = [
    # LA, 2014-11-02: 01:30-08:00 picks the second pass (PST); 01:30-07:00 and 01:30Z the first
    (LA, "2014-11-02T01:30", "2014-11-02T01:30-08:00", "2014-11-02T01:30-08:00", "§2 overlap, -08:00"),
    (LA, "2014-11-02T01:30", "2014-11-02T01:30-07:00", "2014-11-02T01:30-07:00", "§2 overlap, -07:00"),
    (LA, "2014-11-02T01:30", "2014-11-02T01:30+00:00", "2014-11-02T01:30-07:00", "§2 overlap, Z"),
    # Berlin, 2014-10-26: 02:30Z picks the later pass (+01:00), 02:30+02:00 the earlier one
    (BERLIN, "2014-10-26T02:30", "2014-10-26T02:30+00:00", "2014-10-26T02:30+01:00", "§2 overlap, Z"),
    (BERLIN, "2014-10-26T02:30", "2014-10-26T02:30+02:00", "2014-10-26T02:30+02:00", "§2 overlap"),
    # gaps move forward by their length (Joda getMillisKeepLocal, DateTimeZone.java:969-1053)
    (LA, "2014-03-09T02:30", "2014-03-09T02:30-08:00", "2014-03-09T03:30-07:00", "§2 gap"),
    (LA, "2014-03-09T02:30", "2014-03-09T02:30+00:00", "2014-03-09T03:30-07:00", "§2 gap"),
    (BERLIN, "2014-03-30T02:30", "2014-03-30T02:30+00:00", "2014-03-30T03:30+02:00", "§2 gap"),
    # local fields win, the offset is discarded (Iso8601ExpressionParserSpec.scala)
    (LA, "2008-03-01T13:00", "2008-03-01T13:00-04:00", "2008-03-01T13:00-08:00", "Spec 124-139 (PST)"),
    (LA, "2008-03-01T13:00", "2008-03-01T13:00+00:00", "2008-03-01T13:00-08:00", "Spec 90-105 (PST)"),
    ("Europe/Paris", "2008-03-01T13:00", "2008-03-01T13:00+00:00", "2008-03-01T13:00+01:00", "Spec 107-122"),
    (
        "Asia/Dhaka",
        "2008-03-01T13:00",
        "2008-03-01T13:00+00:00",
        "2008-03-01T13:00+06:00",
        "Spec 73-88 (BST)",
    ),
    # the original's offset does not fit the wall time: convertLocalToUTC(local, false), whose
    # first estimate lands on the later pass east of Greenwich and the earlier one west of it
    (BERLIN, "2014-10-26T02:30", "1945-06-01T00:00+03:00", "2014-10-26T02:30+01:00", "§2 east: later"),
    (LA, "2014-11-02T01:30", "1880-01-01T00:00-07:52:58", "2014-11-02T01:30-07:00", "§2 west: earlier"),
]


@pytest.mark.parametrize(("zone", "wall", "original", "expected", "source"), REZONE)
def test_s34_rezone(zone: str, wall: str, original: str, expected: str, source: str) -> None:
    assert rezone(_zone(zone), _wall(wall), _at(original)) == _at(expected), source


def test_s35_rezone_of_a_printed_run_gives_it_back() -> None:
    # §2, §3.4: every later step re-reads the printed start, and the printed offset keeps the DST
    # side of the previous run: both passes of the LA overlap come back as they were.
    zone = _zone(LA)
    for instant in (_at("2014-11-02T01:30-07:00"), _at("2014-11-02T01:30-08:00")):
        assert rezone(zone, wall_of(zone, instant), instant) == instant


_ZONE_KEYS: Final = (LA, BERLIN, "Australia/Sydney", "Australia/Lord_Howe", "Pacific/Apia", "Europe/Dublin")


@st.composite
def _rezone_cases(draw: st.DrawFn) -> tuple[str, datetime, datetime]:
    """A zone, a wall time near one of its transitions, and an original instant (anywhere)."""
    key, transition = draw(st.sampled_from(_TRANSITIONS))
    wall = transition + timedelta(minutes=draw(st.integers(-90, 150)))
    original = draw(
        st.one_of(
            st.just(wall.replace(tzinfo=UTC)),
            st.datetimes(datetime(1850, 1, 1), datetime(2100, 1, 1), timezones=st.just(UTC)),
            st.builds(
                lambda fold: wall.replace(tzinfo=zoneinfo.ZoneInfo(key), fold=fold).astimezone(UTC),
                st.integers(0, 1),
            ),
        )
    )
    return key, wall, original


@SETTINGS
@given(_rezone_cases())
def test_s34_rezone_keeps_the_wall_time_or_moves_it_out_of_a_gap(
    case: tuple[str, datetime, datetime],
) -> None:
    key, wall, original = case
    tz = zoneinfo.ZoneInfo(key)
    result = rezone(_zone(key), _wall(wall.isoformat()), _ns(original))
    shown = (_EPOCH_UTC + timedelta(microseconds=result // 1000)).astimezone(tz)
    first, second = wall.replace(tzinfo=tz, fold=0), wall.replace(tzinfo=tz, fold=1)
    first_offset, second_offset = first.utcoffset(), second.utcoffset()
    assert first_offset is not None
    assert second_offset is not None
    if first_offset < second_offset:
        # a gap: forward by its length (the instant of fold=0, PEP 495's offset before the gap)
        assert result == _ns(first)
        assert shown.replace(tzinfo=None) == wall + (second_offset - first_offset)
        return
    assert shown.replace(tzinfo=None) == wall  # the wall-clock fields are kept
    candidates = {_ns(first), _ns(second)}
    assert result in candidates
    original_offset = original.astimezone(tz).utcoffset()
    if original_offset in (first_offset, second_offset):
        # the original instant's offset fits the wall time: Joda keeps it (§2)
        assert shown.utcoffset() == original_offset


# -- wall_of, joda_fields, is_forward ----------------------------------------------------------


@settings(SETTINGS, max_examples=50)
@given(
    st.sampled_from((*_ZONE_KEYS, "UTC", "Asia/Kolkata")),
    st.datetimes(datetime(1900, 1, 1), datetime(2100, 1, 1), timezones=st.just(UTC)),
)
@example(LA, datetime(2014, 11, 2, 8, 30, tzinfo=UTC))
@example(LA, datetime(2014, 11, 2, 9, 30, tzinfo=UTC))
def test_s34_wall_of_is_convert_utc_to_local(key: str, moment: datetime) -> None:
    wall = moment.astimezone(zoneinfo.ZoneInfo(key)).replace(tzinfo=None)
    assert wall_of(_zone(key), _ns(moment)) == (wall - _EPOCH) // _US * 1000


@pytest.mark.parametrize(
    ("period", "fields"),
    [
        # §1.3: eight int fields, without normalisation (PT36H stays 36 hours)
        ("P1Y2M3W4DT5H6M7.008S", (1, 2, 3, 4, 5, 6, 7, 8)),
        ("PT36H", (0, 0, 0, 0, 36, 0, 0, 0)),
        ("PT1.5S", (0, 0, 0, 0, 0, 0, 1, 500)),
        ("PT-1.5S", (0, 0, 0, 0, 0, 0, -1, -500)),
        ("P1W1D", (0, 0, 1, 1, 0, 0, 0, 0)),
        ("P-1Y2M", (-1, 2, 0, 0, 0, 0, 0, 0)),
        ("P", (0, 0, 0, 0, 0, 0, 0, 0)),
        # §1.3: sub-millisecond fractions are truncated when the period is read
        ("PT0.0001S", (0, 0, 0, 0, 0, 0, 0, 0)),
        ("PT1.23456S", (0, 0, 0, 0, 0, 0, 1, 234)),
    ],
)
def test_s34_joda_fields(period: str, fields: tuple[int, ...]) -> None:
    assert joda_fields(_period(period)) == fields


@pytest.mark.parametrize(
    ("period", "forward"),
    [
        ("P1D", True),
        ("PT0.001S", True),
        ("P1Y2M", True),
        ("P", False),  # zero: Chronos runs it continuously (IR207)
        ("PT0S", False),
        ("PT0.0001S", False),  # truncated to zero (§1.3)
        ("P-1D", False),
        ("P1M-1D", True),  # a negative field, yet every anchored run is later (issue 13 A3)
        ("PT-0.5S", False),
    ],
)
def test_s34_is_forward(period: str, forward: bool) -> None:
    assert is_forward(_period(period)) is forward
    assert _period(period).moves_forward is forward  # the one definition (Duration.moves_forward)


# -- standard_seconds: Period.toStandardSeconds (CHRONOS.md §3.2, §3.3, §5) ------------------

STANDARD_SECONDS: Final = [
    # §5: 1 D = 86,400 s, 1 W = 7 D, millis dropped
    ("P1D", 86_400),
    ("P1W", 604_800),
    ("P1W1D", 691_200),
    ("PT36H", 129_600),
    ("P1DT1H1M1.999S", 90_061),
    # §3.3: PT1.5S counts as 1 s (and overshoots), PT0.5S as 0 (HEAD divides by zero)
    ("PT1.5S", 1),
    ("PT0.5S", 0),
    ("PT0.999S", 0),
    # negative fields: Java's division truncates toward zero
    ("P-1D", -86_400),
    ("PT-1.5S", -1),
    ("PT-0.5S", 0),
    ("P1DT-1H", 82_800),
    # months and years are the caller's business (Joda throws; skipForward divides otherwise)
    ("P1M", 0),
    ("P1Y1D", 86_400),
    ("P", 0),
]


@pytest.mark.parametrize(("period", "seconds"), STANDARD_SECONDS)
def test_s36_standard_seconds(period: str, seconds: int) -> None:
    assert standard_seconds(_period(period)) == seconds


def _java_div(a: int, b: int) -> int:
    """Java's integer division: truncated toward zero."""
    quotient = abs(a) // abs(b)
    return quotient if (a >= 0) == (b > 0) else -quotient


@settings(SETTINGS, max_examples=200)
@given(
    st.integers(-(10**4), 10**4),
    st.integers(-(10**4), 10**4),
    st.integers(-(10**5), 10**5),
    st.integers(-(10**6), 10**6),
    st.integers(0, 999_999),  # Joda reads at most 10 digits, the fraction's included (§1.3)
    st.integers(0, 999),
    st.booleans(),
)
def test_s36_standard_seconds_is_javas_arithmetic(
    weeks: int, days: int, hours: int, minutes: int, seconds: int, millis: int, negative_seconds: bool
) -> None:
    # The period as Chronos writes it (the sign of a fractional seconds field is the field's).
    sign = "-" if negative_seconds else ""
    text = f"P{weeks}W{days}DT{hours}H{minutes}M{sign}{seconds}.{millis:03d}S"
    period = _period(text)
    signed_millis = -millis if negative_seconds else millis
    signed_seconds = -seconds if negative_seconds else seconds
    expected = (
        ((weeks * 7 + days) * 24 + hours) * 3600
        + minutes * 60
        + signed_seconds
        + _java_div(signed_millis, 1000)
    )
    assert standard_seconds(period) == expected, text


# -- CANNOT_HOLD -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    ["R/10000-01-01T00:00:00Z/P1D", "R/0000-12-31T00:00:00Z/P1D", "R/2012-01-01T00:00:00+05:30:15.5/P1D"],
)
def test_s34_what_chronos_accepts_and_datetime_cannot_hold(text: str) -> None:
    with pytest.raises(UnrepresentableError) as info:
        isorepeat.parse(text, dialect="chronos")
    assert info.value.message.endswith(CANNOT_HOLD)
    assert CANNOT_HOLD == "Chronos accepts this; isorepeat cannot represent it"


def test_s34_fixed_zone_offsets_have_no_dst() -> None:
    # §1.2: a parsed offset becomes a fixed-offset zone: no DST rules, P1D is 24 h all year.
    zone = FixedZone(-8 * 3600)
    start = _at("2014-03-01T12:00-08:00")
    assert joda_plus(zone, start, _period("P30D")) == start + 30 * _DAY_NS
