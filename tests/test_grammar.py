"""isorepeat/grammar.py on its own: ``read_iso``, its fast path and its careful parser (S1-S19).

What tests/test_schedule.py and tests/test_datetimes.py do not already check through
``isorepeat.parse``:

* ``read_iso``'s own arguments: the order of its checks (``disambiguate``, length, ``tz``);
* every form as ``read_iso`` builds it (``form``, ``repetitions``, exact ``start_ns``,
  ``start_wall_ns``, ``end``, ``zone``, ``tz``): R, Rn, R0, an empty start, start/period,
  start/end, period/end, the BPMN cycle, zone suffixes, fractions, week and ordinal dates;
* the errors only the whole-string grammar raises (the end's suffix, an end beyond 9999, S17's
  first run before 0001 or in a gap, hints on a missing ``R``), each with column and message;
* the fast path against the careful parser with a ``tz`` argument (names, offsets, ZoneInfo,
  pytz and dateutil objects) and every ``disambiguate`` policy, near DST transitions, with zone
  suffixes right and wrong: both give the same Schedule (or the same error), or the fast path
  declines (tests/properties/test_roundtrip.py checks the case without a zone);
* properties against independent oracles: week dates (``date.fromisocalendar``), ordinal dates,
  fractions of an hour, minute or second (``fractions.Fraction``), S16's elapsed period and
  S17's first run (``datetime`` and ``dateutil.relativedelta``).
"""

from __future__ import annotations

import zoneinfo
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone, tzinfo
from fractions import Fraction
from typing import Final, TypeAlias

import pytest
import pytz
from dateutil import tz as dateutil_tz
from dateutil.relativedelta import relativedelta
from hypothesis import example, given, settings
from hypothesis import strategies as st

from isorepeat import Duration, Schedule, ScheduleError
from isorepeat._types import Disambiguate
from isorepeat.grammar import _fast_parse, _Parser, read_iso
from isorepeat.zones import resolve_tz

from .properties.strategies import SETTINGS, ZONE_KEYS, mutations

UTC = timezone.utc
LA = "America/Los_Angeles"
_EPOCH_UTC: Final = datetime(1970, 1, 1, tzinfo=UTC)
_EPOCH: Final = datetime(1970, 1, 1)
_US: Final = timedelta(microseconds=1)
_POLICIES: Final[tuple[Disambiguate, ...]] = ("compatible", "earlier", "later", "raise")


def _ns(moment: datetime, nanos: int = 0) -> int:
    """An aware datetime as ns since the epoch (plus 0-999 ns), without isorepeat."""
    return (moment - _EPOCH_UTC) // _US * 1000 + nanos


def _utc(
    year: int,
    month: int,
    day: int,
    hour: int = 0,
    minute: int = 0,
    second: int = 0,
    us: int = 0,
    *,
    nanos: int = 0,
) -> int:
    """ns since the epoch of a UTC date-time given by its fields."""
    return _ns(datetime(year, month, day, hour, minute, second, us, tzinfo=UTC), nanos)


def _wall_ns(wall: datetime, nanos: int = 0) -> int:
    return (wall - _EPOCH) // _US * 1000 + nanos


def _read(text: str, tz: tzinfo | str | None = None, disambiguate: Disambiguate = "compatible") -> Schedule:
    return read_iso(text, tz, disambiguate)


def _error(
    text: str, tz: tzinfo | str | None = None, disambiguate: Disambiguate = "compatible"
) -> ScheduleError:
    with pytest.raises(ScheduleError) as info:
        read_iso(text, tz, disambiguate)
    return info.value


# -- read_iso's own arguments ------------------------------------------------------------------


def test_s24_unknown_disambiguate_is_a_value_error() -> None:
    with pytest.raises(ValueError, match=r"^disambiguate must be one of") as info:
        read_iso("R/2012-10-01T05:52:00Z/PT2S", None, "sometimes")  # type: ignore[arg-type]
    # NOTE: the wrong policy is what the test passes.
    assert str(info.value) == (
        "disambiguate must be one of 'compatible', 'earlier', 'later', 'raise', not 'sometimes'"
    )
    assert not isinstance(info.value, ScheduleError)


def test_s24_disambiguate_is_checked_before_the_text() -> None:
    with pytest.raises(ValueError, match=r"^disambiguate must be one of"):
        read_iso("x" * 5000, "Nowhere/Zone", "sometimes")  # type: ignore[arg-type]
    # NOTE: as above; neither the length nor the zone is looked at first.


def test_s2_length_is_checked_before_the_zone() -> None:
    err = _error("R/2012-10-01T05:52:00Z/PT2S" + "0" * 1000, "Nowhere/Zone")
    assert (err.column, err.message) == (1000, "schedule too long (1027 characters; at most 1000)")


def test_s3_unknown_tz_points_into_the_name() -> None:
    err = _error("R/2012-10-01T05:52:00Z/PT2S", "america/los_angeles")
    assert (err.text, err.column, err.message) == (
        "america/los_angeles",
        0,
        "unknown time zone 'america/los_angeles'",
    )
    assert err.hint == "did you mean America/Los_Angeles?"


def test_s22_tz_of_another_type_is_a_type_error() -> None:
    with pytest.raises(TypeError, match=r"^tz must be a zone name, an offset string or a tzinfo, not int$"):
        read_iso("R/2012-10-01T05:52:00Z/PT2S", 5, "compatible")  # type: ignore[arg-type]
    # NOTE: an int tz is what the test passes.


# -- every form, as read_iso builds it ---------------------------------------------------------


@dataclass(frozen=True)
class _Form:
    """What a text must give: the form, R<n>, the exact start and end (ns), and the period."""

    text: str
    form: str
    repetitions: int | None
    start: int | None
    period: Duration
    end: int | None = None
    tz: str | None = None


FORMS: Final = [
    # S4, S5: R, Rn (leading zeros), R0, and a count of any size
    _Form("R/2012-10-01T05:52:00Z/PT2S", "start", None, _utc(2012, 10, 1, 5, 52), Duration(seconds=2)),
    _Form("R007/2012-10-01T05:52:00Z/PT2S", "start", 7, _utc(2012, 10, 1, 5, 52), Duration(seconds=2)),
    _Form("R0/2012-10-01T05:52:00Z/PT2S", "start", 0, _utc(2012, 10, 1, 5, 52), Duration(seconds=2)),
    _Form(
        "R" + "9" * 40 + "/2012-10-01T05:52:00Z/PT2S",
        "start",
        10**40 - 1,
        _utc(2012, 10, 1, 5, 52),
        Duration(seconds=2),
    ),
    # S6: an empty start; S18: the BPMN cycle R[n]/<duration>
    _Form("R//PT10M", "start", None, None, Duration(minutes=10)),
    _Form("R5//P1D", "start", 5, None, Duration(days=1), tz="Europe/Berlin"),
    _Form("R/PT10M", "cycle", None, None, Duration(minutes=10)),
    _Form("R3/P1M", "cycle", 3, None, Duration(months=1), tz=LA),
    _Form("R0/P1Y", "cycle", 0, None, Duration(years=1)),
    # S16: start/end, the period is the elapsed time; S19: a reduced end
    _Form(
        "R2/2008-02-15T13:00:00Z/2008-02-15T16:30:00.5Z",
        "interval",
        2,
        _utc(2008, 2, 15, 13),
        Duration(hours=3, minutes=30, nanoseconds=500_000_000),
        _utc(2008, 2, 15, 16, 30, 0, 500_000),
    ),
    _Form(
        "R/2008-02-15T13:00+01:00/16:00",
        "interval",
        None,
        _utc(2008, 2, 15, 12),
        Duration(hours=3),
        _utc(2008, 2, 15, 15),
    ),
    # S16 across the spring-forward night in a zone: 00:00-08:00 to 04:00-07:00 is 3 h
    _Form(
        "R/2014-03-09T00:00:00/2014-03-09T04:00:00",
        "interval",
        None,
        _utc(2014, 3, 9, 8),
        Duration(hours=3),
        _utc(2014, 3, 9, 11),
        tz=LA,
    ),
    # S17: period/end; the start is end ⊖ n·P
    _Form(
        "R5/P1D/2008-05-11T15:30:00Z",
        "end",
        5,
        _utc(2008, 5, 6, 15, 30),
        Duration(days=1),
        _utc(2008, 5, 11, 15, 30),
    ),
    _Form(
        "R2/P1M/2012-03-31T00:00:00[Europe/Berlin]",
        "end",
        2,
        _utc(2012, 1, 30, 23),
        Duration(months=1),
        _utc(2012, 3, 30, 22),
    ),
    _Form(
        "R0/PT1H/2008-05-11T15:30:00Z",
        "end",
        0,
        _utc(2008, 5, 11, 15, 30),
        Duration(hours=1),
        _utc(2008, 5, 11, 15, 30),
    ),
    # S10: zone suffixes: offset + zone, Z[zone] (the instant in UTC), a wall time in the zone
    _Form(
        "R/2022-05-20T08:09:40+02:00[Europe/Berlin]/P1D",
        "start",
        None,
        _utc(2022, 5, 20, 6, 9, 40),
        Duration(days=1),
    ),
    _Form(
        "R/2022-03-26T11:00:00Z[Europe/Berlin]/P1D", "start", None, _utc(2022, 3, 26, 11), Duration(days=1)
    ),
    _Form(
        "R/2014-03-09T02:30:00[America/Los_Angeles]/P1D",
        "start",
        None,
        _utc(2014, 3, 9, 10, 30),
        Duration(days=1),
    ),
    # S8, S9: fractions, exact to the nanosecond
    _Form("R/2008-02-15T13.5Z/PT1S", "start", None, _utc(2008, 2, 15, 13, 30), Duration(seconds=1)),
    _Form("R/2008-02-15T13:30,25Z/PT1S", "start", None, _utc(2008, 2, 15, 13, 30, 15), Duration(seconds=1)),
    _Form(
        "R/2008-02-15T13:30:15.123456789Z/PT1.5S",
        "start",
        None,
        _utc(2008, 2, 15, 13, 30, 15, 123_456, nanos=789),
        Duration(seconds=1, nanoseconds=500_000_000),
    ),
    _Form(
        "R/2008-02-15T13.000000001Z/PT0.000001S",
        "start",
        None,
        _utc(2008, 2, 15, 13) + 3600,
        Duration(nanoseconds=1000),
    ),
    # S7: week and ordinal dates, extended and basic
    _Form("R/2009-W01-1T00:00Z/P1W", "start", None, _utc(2008, 12, 29), Duration(weeks=1)),
    _Form("R/2015W535T1300Z/P1D", "start", None, _utc(2016, 1, 1, 13), Duration(days=1)),
    _Form("R/2012-366/P1D", "start", None, _utc(2012, 12, 31), Duration(days=1)),
    _Form("R/2013001T00Z/P1D", "start", None, _utc(2013, 1, 1), Duration(days=1)),
]


@pytest.mark.parametrize("case", FORMS, ids=lambda case: case.text)
def test_s4_every_form(case: _Form) -> None:
    schedule = _read(case.text, case.tz)
    assert schedule.form == case.form
    assert schedule.repetitions == case.repetitions
    assert schedule.start_ns == case.start
    assert schedule.period == case.period
    assert str(schedule.period) == str(case.period)
    assert (None if schedule.end is None else schedule.end.instant) == case.end
    assert schedule.dialect == "iso"


@pytest.mark.parametrize(
    ("text", "wall"),
    [
        # S20: a start written in a gap keeps its wall time as written (S28 starts from it)
        ("R/2014-03-09T02:30:00[America/Los_Angeles]/P1D", datetime(2014, 3, 9, 2, 30)),
        # S10: Z[zone]: the wall time is the instant's in the zone
        ("R/2022-03-26T11:00:00Z[Europe/Berlin]/P1D", datetime(2022, 3, 26, 12)),
        ("R/2022-05-20T08:09:40+02:00[Europe/Berlin]/P1D", datetime(2022, 5, 20, 8, 9, 40)),
        ("R/2012-10-01T05:52:00-05:30/P1D", datetime(2012, 10, 1, 5, 52)),
        # S17: the first run's wall time, resolved
        ("R2/P1M/2012-03-31T00:00:00[Europe/Berlin]", datetime(2012, 1, 31)),
    ],
)
def test_s28_start_wall_is_as_written(text: str, wall: datetime) -> None:
    assert _read(text).start_wall_ns == _wall_ns(wall)


@pytest.mark.parametrize("text", ["R//PT10M", "R5//P1D", "R/PT10M", "R3/P1M"])
def test_s6_without_a_start_or_a_zone(text: str) -> None:
    schedule = _read(text)
    assert (schedule.start_ns, schedule.start_wall_ns, schedule.zone, schedule.tz) == (None, None, None, None)


_BERLIN_ZONEINFO: Final = zoneinfo.ZoneInfo("Europe/Berlin")
_BERLIN_PYTZ: Final = pytz.timezone("Europe/Berlin")
_berlin_dateutil = dateutil_tz.gettz("Europe/Berlin")
assert _berlin_dateutil is not None
_BERLIN_DATEUTIL: Final[tzinfo] = _berlin_dateutil


@pytest.mark.parametrize(
    "tz", [_BERLIN_ZONEINFO, _BERLIN_PYTZ, _BERLIN_DATEUTIL, timezone(timedelta(hours=2))], ids=repr
)
@pytest.mark.parametrize(
    "text", ["R//PT10M", "R/PT10M", "R/2012-10-01T05:52:00/P1D", "R/2012-10-01T05:52:00/2012-10-02T00:00:00"]
)
def test_s31_tz_is_the_object_given(text: str, tz: tzinfo) -> None:
    # S22, S31: the tz attribute is the argument itself, on every path through the grammar.
    assert _read(text, tz).tz is tz


@pytest.mark.parametrize(
    ("text", "tz", "expected"),
    [
        # a suffix's zone: a ZoneInfo of that key
        ("R/2022-05-20T08:09:40+02:00[Europe/Berlin]/P1D", None, zoneinfo.ZoneInfo("Europe/Berlin")),
        ("R5/P1D/2008-05-11T15:30:00[Europe/Berlin]", None, zoneinfo.ZoneInfo("Europe/Berlin")),
        # a name or an offset string: its zone's tzinfo
        ("R/2012-10-01T05:52:00/P1D", "Europe/Berlin", zoneinfo.ZoneInfo("Europe/Berlin")),
        ("R//PT10M", "Europe/Berlin", zoneinfo.ZoneInfo("Europe/Berlin")),
        ("R/2012-10-01T05:52:00/P1D", "+05:30", timezone(timedelta(hours=5, minutes=30))),
        # no zone at all: the start's fixed offset is not a tz (S29)
        ("R/2012-10-01T05:52:00+05:30/P1D", None, None),
        ("R/2012-10-01T05:52:00Z/2012-10-02T00:00:00+01:00", None, None),
    ],
)
def test_s31_tz_from_a_name_or_a_suffix(text: str, tz: str | None, expected: tzinfo | None) -> None:
    assert _read(text, tz).tz == expected


# -- errors only the whole-string grammar raises (S1) ------------------------------------------

# Each row: text, tz, disambiguate, column, message, hint (None: no hint).
GRAMMAR_ERRORS: Final = [
    # S4: the repetitions and what follows them
    (
        "R/",
        None,
        "compatible",
        2,
        "the schedule ends after the repetitions; expected a start, or '/' and a period",
        None,
    ),
    ("R//", None, "compatible", 3, "expected a duration such as PT10M, but the text ends here", None),
    (
        "PT2S",
        None,
        "compatible",
        0,
        "a schedule starts with 'R', found 'P'",
        "write R1/PT2S for a single run, or R/PT2S to repeat for ever",
    ),
    (
        "2012-10-01T05:52:00Z/PT2S",
        None,
        "compatible",
        0,
        "a schedule starts with 'R', found '2'",
        "write R1/2012-10-01T05:52:00Z/PT2S for a single run, "
        "or R/2012-10-01T05:52:00Z/PT2S to repeat for ever",
    ),
    # S16, S19: the end
    (
        "R/2008-02-15T13:00:00Z/2008-02-15T16:00:00Z[Europe/Berlin]",
        None,
        "compatible",
        44,
        "the end takes no zone suffix: it is in the start's zone",
        None,
    ),
    (
        "R/9999-12-31T00:00:00Z/9999-12-31T23:00:00-05:00",
        None,
        "compatible",
        23,
        "the end is beyond 9999-12-31T23:59:59.999999",
        None,
    ),
    (
        "R/2008-02-15T13:00:00Z/2008-02-15T16:00:00Z/",
        None,
        "compatible",
        43,
        "unexpected '/' after the end: a schedule has at most three parts",
        None,
    ),
    (
        "R/2008-02-15T13:00:00Z/2008-02-15T16:00:00Zx",
        None,
        "compatible",
        43,
        "unexpected 'x' after the end",
        None,
    ),
    (
        "R/2014-03-09T00:00:00/2014-03-09T02:30:00",
        LA,
        "raise",
        22,
        "2014-03-09T02:30:00 does not exist in America/Los_Angeles: the clocks skip from -08:00 to -07:00",
        "choose a time outside the gap, or disambiguate='compatible'",
    ),
    # S17: a period and an end
    ("R5/P1D/", None, "compatible", 7, "expected the end date (YYYY-MM-DD), found end of text", None),
    ("R5/P1D/2008-05-11T15:30:00Zx", None, "compatible", 27, "unexpected 'x' after the end", None),
    (
        "R5/P1D/0001-01-01T00:00:00Z",
        None,
        "compatible",
        7,
        "the first of the 5 runs before this end is before the year 0001",
        None,
    ),
    (
        "R1/P1D/2014-03-10T02:30:00",
        LA,
        "raise",
        7,
        "the first run: 2014-03-09T02:30:00 does not exist in America/Los_Angeles: "
        "the clocks skip from -08:00 to -07:00",
        "choose a time outside the gap, or disambiguate='compatible'",
    ),
    # S18: the cycle form
    ("R/P1D2008", None, "compatible", 9, "the number 2008 needs a unit letter (Y, M, W or D)", None),
    # S10, S24, S40: placing the start (shared by the fast path and the careful parser)
    (
        "R/9999-12-31T23:30:00Z[Europe/Berlin]/P1D",
        None,
        "compatible",
        2,
        "9999-12-31T23:30:00 is outside the years 0001-9999 in UTC or in Europe/Berlin",
        None,
    ),
    (
        "R/2014-03-09T02:30:00/P1D",
        LA,
        "raise",
        2,
        "2014-03-09T02:30:00 does not exist in America/Los_Angeles: the clocks skip from -08:00 to -07:00",
        "choose a time outside the gap, or disambiguate='compatible'",
    ),
    (
        "R/2014-11-02T01:30:00/P1D",
        LA,
        "raise",
        2,
        "2014-11-02T01:30:00 is ambiguous in America/Los_Angeles: it happens at -07:00 and again at -08:00",
        "write the offset, e.g. 2014-11-02T01:30:00-07:00",
    ),
    (
        "R/2014-03-09T02:30:00[America/Los_Angeles]/P1D",
        None,
        "raise",
        2,
        "2014-03-09T02:30:00 does not exist in America/Los_Angeles: the clocks skip from -08:00 to -07:00",
        "choose a time outside the gap, or disambiguate='compatible'",
    ),
    (
        "R/2022-05-20T08:09:40+01:00[Europe/Berlin]/P1D",
        None,
        "compatible",
        21,
        "offset +01:00 is not one Europe/Berlin has at 2022-05-20T08:09:40",
        "write +02:00, or Z to give the instant in UTC",
    ),
    (
        "R/2022-05-20T08:09:40+02:00[Europe/Berln]/P1D",
        None,
        "compatible",
        28,
        "unknown time zone 'Europe/Berln'",
        "did you mean Europe/Berlin?",  # clearly the one: Dublin and Belfast are far behind
    ),
    (
        "R/2022-05-20T08:09:40+02:00[Europe/Berlin]/P1D",
        "Europe/Paris",
        "compatible",
        28,
        "the zone suffix [Europe/Berlin] differs from the tz argument 'Europe/Paris'",
        "give the zone once: in the suffix or as tz",
    ),
    # S14: a zero period needs R0 or R1, in every form
    (
        "R/2012-10-01T05:52:00Z/PT0S",
        None,
        "compatible",
        23,
        "a zero period repeats the same instant; it is allowed only with R0 or R1",
        "write R1 for a single run",
    ),
    (
        "R2/PT0S",
        None,
        "compatible",
        3,
        "a zero period repeats the same instant; it is allowed only with R0 or R1",
        "write R1 for a single run",
    ),
]


@pytest.mark.parametrize(("text", "tz", "disambiguate", "column", "message", "hint"), GRAMMAR_ERRORS)
def test_s1_grammar_errors(
    text: str, tz: str | None, disambiguate: Disambiguate, column: int, message: str, hint: str | None
) -> None:
    err = _error(text, tz, disambiguate)
    assert (err.text, err.column, err.message, err.hint) == (text, column, message, hint)
    # S1: the caret under the column, with the message above it.
    assert str(err).splitlines()[:3] == [message, f"  {text}", "  " + " " * column + "^"]


@pytest.mark.parametrize(
    ("text", "tz", "offset"),
    [
        ("R/2014-11-02T01:30:00-08:00/P1D", LA, -8),
        ("R/2014-11-02T01:30:00-07:00/P1D", LA, -7),
        ("R/2014-11-02T01:30:00-08:00[America/Los_Angeles]/PT1H", None, -8),
    ],
)
def test_s25_a_literal_offset_settles_an_overlap_under_raise(text: str, tz: str | None, offset: int) -> None:
    start = _read(text, tz, "raise").start
    assert start is not None
    assert start.utcoffset() == timedelta(hours=offset)


def test_s24_an_offset_the_overlap_does_not_have_raises() -> None:
    # S23: with a tz the wall time is kept; Z is neither of its two offsets, so it settles nothing.
    err = _error("R/2014-11-02T01:30:00Z/PT1H", LA, "raise")
    assert (err.column, err.message) == (
        2,
        "2014-11-02T01:30:00 is ambiguous in America/Los_Angeles: it happens at -07:00 and again at -08:00",
    )


# -- the fast path is only a shortcut, with zones and every policy -----------------------------

_TZ_OBJECTS: Final[tuple[tzinfo, ...]] = (
    zoneinfo.ZoneInfo(LA),
    _BERLIN_PYTZ,
    _BERLIN_DATEUTIL,
    timezone(timedelta(hours=5, minutes=30)),
    timezone.utc,
)
_TZ_ARGUMENTS: Final = st.one_of(
    st.none(),
    st.none(),
    st.sampled_from(ZONE_KEYS),
    st.sampled_from(["+05:30", "-08:00", "UTC", "Etc/UTC", "Z"]),
    st.sampled_from(_TZ_OBJECTS),
)

# Wall times where the clocks change: the first wall time of each gap or overlap.
_TRANSITIONS: Final = (
    (LA, datetime(2014, 3, 9, 2)),
    (LA, datetime(2014, 11, 2, 1)),
    ("Europe/Berlin", datetime(2014, 3, 30, 2)),
    ("Europe/Berlin", datetime(2014, 10, 26, 2)),
    ("Europe/Dublin", datetime(2014, 10, 26, 1)),
    ("Australia/Sydney", datetime(2014, 4, 6, 2)),
    ("Pacific/Apia", datetime(2011, 12, 30)),
    ("America/St_Johns", datetime(2014, 11, 2, 1)),
)


def _offset_text(seconds: int) -> str:
    sign = "-" if seconds < 0 else "+"
    hours, minutes = divmod(abs(seconds) // 60, 60)
    return f"{sign}{hours:02d}:{minutes:02d}"


@st.composite
def _fast_shaped(draw: st.DrawFn) -> str:
    """``R[n]/YYYY-MM-DDThh:mm[:ss[.f]][Z|±hh:mm][[Zone]]/P...``: the fast path's shape, near a
    transition half of the time, with offsets the zone has there or not, and suffixes right,
    wrong or of another zone."""
    key, transition = draw(st.sampled_from(_TRANSITIONS))
    if draw(st.booleans()):
        wall = transition + timedelta(minutes=draw(st.integers(-120, 180)))
    else:
        wall = draw(st.datetimes(datetime(1, 1, 1), datetime(9999, 12, 31, 23, 59, 59)))
    text = draw(st.sampled_from(["R", "R0", "R1", "R5", "R007", "R" + "9" * 25])) + "/"
    text += f"{wall.year:04d}-{wall.month:02d}-{wall.day:02d}T{wall.hour:02d}:{wall.minute:02d}"
    if draw(st.booleans()):
        text += f":{wall.second:02d}"
        if draw(st.booleans()):
            text += draw(st.sampled_from(".,")) + draw(st.text("0123456789", min_size=1, max_size=9))
    # (a misspelt zone costs 15 ms of suggestions: it is pinned by an @example instead)
    suffix = draw(st.sampled_from([None, None, None, key, key, key, "Europe/Berlin", "UTC", "Etc/GMT+5"]))
    offsets: list[str | None] = [None, "Z", "-00:00", "+00:00", "+05:30", "-23:59"]
    zone = zoneinfo.ZoneInfo(key)
    for fold in (0, 1):
        offset = wall.replace(tzinfo=zone, fold=fold).utcoffset()
        assert offset is not None
        offsets.append(_offset_text(int(offset.total_seconds())))
    offset_text = draw(st.sampled_from(offsets))
    if offset_text is not None:
        text += offset_text
    if suffix is not None:
        text += f"[{suffix}]"
    zero = st.sampled_from(["PT0S", "P0D", "PT0.000000001S", "P", "PT"])
    period = draw(st.one_of(_designator_periods(), _designator_periods(), _designator_periods(), zero))
    return f"{text}/{period}"


@st.composite
def _designator_periods(draw: st.DrawFn) -> str:
    """``P[nY][nM][nW][nD][T[nH][nM][n[.f]S]]`` with small, zero, padded or huge values."""
    number = st.one_of(st.integers(0, 40).map(str), st.sampled_from(["0", "007", "1" + "0" * 30]))
    date_part = "".join(f"{draw(number)}{unit}" for unit in "YMWD" if draw(st.integers(0, 2)) == 0)
    time_part = "".join(f"{draw(number)}{unit}" for unit in "HM" if draw(st.integers(0, 2)) == 0)
    if draw(st.booleans()):
        fraction = draw(st.sampled_from(["", "", ".5", ",25", ".000000001", ".123456789"]))
        time_part += f"{draw(number)}{fraction}S"
    if not (date_part or time_part):
        date_part = "1D"
    return "P" + date_part + ("T" + time_part if time_part else "")


_Outcome: TypeAlias = Schedule | tuple[str, int, str, str | None] | None


def _outcome_of(text: str, tz: tzinfo | str | None, disambiguate: Disambiguate, *, fast: bool) -> _Outcome:
    zone = resolve_tz(tz)
    try:
        if fast:
            return _fast_parse(text, disambiguate, zone, tz)
        return _Parser(text, zone, tz, disambiguate).parse()
    except ScheduleError as error:
        return (error.text, error.column, error.message, error.hint)


def _check_fast_agrees(text: str, tz: tzinfo | str | None, disambiguate: Disambiguate) -> bool:
    """True when the fast path took the text (and agreed); False when it declined."""
    fast = _outcome_of(text, tz, disambiguate, fast=True)
    if fast is None:
        return False
    careful = _outcome_of(text, tz, disambiguate, fast=False)
    if isinstance(fast, Schedule):
        assert isinstance(careful, Schedule), (text, tz, disambiguate, str(fast), careful)
        assert fast == careful, (text, tz, str(fast), str(careful))
        assert str(fast) == str(careful)
        assert (fast.start_ns, fast.start_wall_ns, fast.zone, fast.form) == (
            careful.start_ns,
            careful.start_wall_ns,
            careful.zone,
            careful.form,
        )
        assert fast.start == careful.start
        assert fast.tz is careful.tz or fast.tz == careful.tz, (text, tz, fast.tz, careful.tz)
        assert (fast.disambiguate, fast.run_count, fast.notes) == (
            careful.disambiguate,
            careful.run_count,
            careful.notes,
        )
    else:
        # The fast path may only fail where the careful parser fails, and in the same words.
        assert fast == careful, (text, tz, disambiguate)
    return True


_FAST_CASES: Final = st.tuples(
    st.one_of(_fast_shaped(), mutations(_fast_shaped())),
    _TZ_ARGUMENTS,
    st.sampled_from(_POLICIES),
)


@settings(SETTINGS, max_examples=200)
@given(_FAST_CASES)
@example(("R/2014-03-09T02:30:00[America/Los_Angeles]/P1D", None, "raise"))
@example(("R/2014-03-09T02:30:00/P1D", LA, "earlier"))
@example(("R/2014-11-02T01:30:00/P1D", LA, "later"))
@example(("R/2014-11-02T01:30:00-08:00/P1D", LA, "raise"))
@example(("R/2014-11-02T01:30:00-08:00[America/Los_Angeles]/PT1H", None, "raise"))
@example(("R/2022-03-26T11:00:00Z[Europe/Berlin]/P1D", None, "compatible"))
@example(("R/2022-03-26T11:00:00-00:00[Europe/Berlin]/P1D", None, "compatible"))
@example(("R/2022-03-26T11:00:00+00:00[Europe/Berlin]/P1D", None, "compatible"))
@example(("R/2022-05-20T08:09:40+02:00[Europe/Berlin]/P1D", "Europe/Paris", "compatible"))
@example(("R/2022-05-20T08:09:40+02:00[Europe/Berlin]/P1D", _BERLIN_PYTZ, "compatible"))
@example(("R/2022-05-20T08:09:40[UTC]/P1D", "Etc/UTC", "compatible"))
@example(("R/9999-12-31T23:30:00Z[Europe/Berlin]/P1D", None, "compatible"))
@example(("R/9999-12-31T23:30:00/P1D", "+05:30", "compatible"))
@example(("R/0001-01-01T00:30:00/P1D", "-08:00", "compatible"))
@example(("R/2011-12-30T12:00:00/P1D", "Pacific/Apia", "raise"))
def test_fast_path_agrees_with_the_careful_parser_in_zones(
    case: tuple[str, tzinfo | str | None, Disambiguate],
) -> None:
    _check_fast_agrees(*case)


# Texts in the fast path's shape that it must take (so that the property above is not vacuous).
FAST_TAKES: Final = [
    ("R/2012-01-31T09:00:00/P1M", "Europe/Berlin", "compatible"),
    ("R/2014-03-09T02:30:00/P1D", LA, "earlier"),
    ("R/2014-11-02T01:30:00-08:00/P1D", LA, "raise"),
    ("R/2014-11-02T01:30:00/P1D", _BERLIN_PYTZ, "later"),
    ("R/2022-05-20T08:09:40+02:00[Europe/Berlin]/P1D", None, "compatible"),
    ("R/2022-03-26T11:00:00Z[Europe/Berlin]/P1D", _BERLIN_ZONEINFO, "compatible"),
    ("R10/2012-10-01T05:52:00.5+05:30/PT2S", "+05:30", "compatible"),
    ("R/2012-10-01T05:52/P1Y2M3W4DT5H6M7.25S", _BERLIN_DATEUTIL, "raise"),
    # errors in placing the start: the fast path raises them itself, in the careful parser's words
    ("R/2014-03-09T02:30:00[America/Los_Angeles]/P1D", None, "raise"),
    ("R/2022-05-20T08:09:40+01:00[Europe/Berlin]/P1D", None, "compatible"),
    ("R/2022-05-20T08:09:40+02:00[Europe/Berln]/P1D", None, "compatible"),
]


@pytest.mark.parametrize(("text", "tz", "disambiguate"), FAST_TAKES)
def test_fast_path_takes_zoned_texts(text: str, tz: tzinfo | str | None, disambiguate: Disambiguate) -> None:
    assert _check_fast_agrees(text, tz, disambiguate)


# Texts only the careful parser reads: the fast path declines them (each is then still read).
FAST_DECLINES: Final = [
    "R/20121001T055200Z/PT2S",  # basic format
    "R/2012-275T05:52:00Z/PT2S",  # ordinal date
    "R/2012-W40-1T05:52:00Z/PT2S",  # week date
    "R/2012-10-01t05:52:00z/PT2S",  # lower case t and z
    "R/2012-10-01T05/PT2S",  # hours only
    "R/2012-10-01T05.5Z/PT2S",  # a fraction of an hour
    "R/2012-10-01T05:52:00+05/PT2S",  # ±hh
    "R/2012-10-01/PT2S",  # a date without a time
    "R/2012-10-01T05:52:00Z/PT1.5H",  # a fraction of an hour in the period
    "R/2012-10-01T05:52:00Z/P0001-00-00",  # the alternative duration form
    "R1/2012-10-01T05:52:00Z/PT0S",  # a zero period (S14 decides)
    "R/2012-10-01T05:52:00.1234567890Z/PT2S",  # ten fraction digits (zeros beyond the ninth)
    "R/2012-10-01T05:52:00[!Europe/Berlin]/PT2S",  # a critical suffix
    "R//PT2S",
    "R/PT2S",
    "R/2008-02-15T13:00:00Z/2008-02-15T16:00:00Z",
    "R5/P1D/2008-05-11T15:30:00Z",
    "R/0001-01-01T00:00:00Z/PT2S",  # at the calendar's first instant: the careful parser checks S40
    "R/9999-12-31T23:59:59Z/PT2S",
]


@pytest.mark.parametrize("text", FAST_DECLINES)
def test_fast_path_declines_what_it_does_not_read(text: str) -> None:
    assert _fast_parse(text, "compatible") is None
    assert _read(text) == _Parser(text, None, None, "compatible").parse()


@pytest.mark.parametrize(
    "text",
    [
        "R/2012-13-01T00:00:00Z/P1D",
        "R/2013-02-29T00:00:00Z/P1D",
        "R/0000-01-01T00:00:00Z/P1D",
        "R/2012-01-01T24:00:00Z/P1D",
        "R/2012-01-01T23:60:00Z/P1D",
        "R/2012-01-01T23:59:60Z/P1D",
        "R/2012-01-01T00:00:00+24:00/P1D",
        "R/2012-01-01T00:00:00+23:60/P1D",
        "R/2012-01-01T00:00:00Z/P",
        "R/2012-01-01T00:00:00Z/PT0S",
        "R/2012-01-01T00:00:00Z/PT0.000000999S",
    ],
)
def test_fast_path_declines_every_error_it_cannot_place(text: str) -> None:
    # The careful parser explains these; the fast path must neither accept nor explain them.
    assert _fast_parse(text, "compatible") is None
    with pytest.raises(ScheduleError):
        _read(text)


# -- properties against independent oracles ----------------------------------------------------


@settings(SETTINGS, max_examples=200)
@given(st.integers(1, 9999), st.integers(1, 53), st.integers(1, 7), st.booleans())
@example(2004, 53, 7, False)  # 2005-01-02
@example(2010, 53, 1, False)  # 2010 has 52 weeks
@example(2009, 1, 1, True)  # 2008-12-29
@example(1, 1, 1, False)  # 0001-01-01, a Monday
@example(9999, 52, 5, False)  # 9999-12-31
@example(9999, 52, 6, False)  # 10000-01-01
def test_s7_week_dates_match_fromisocalendar(year: int, week: int, weekday: int, basic: bool) -> None:
    written = f"{year:04d}W{week:02d}{weekday}" if basic else f"{year:04d}-W{week:02d}-{weekday}"
    text = f"R/{written}/P1D"
    try:
        expected = date.fromisocalendar(year, week, weekday)
    except ValueError:
        err = _error(text)
        assert 2 <= err.column < len(text)
        if week == 53:
            assert (err.column, err.message) == (
                text.index("W") + 1,
                f"week 53 of {year:04d} does not exist: {year:04d} has 52 weeks",
            )
        return
    assert _read(text).start_ns == _ns(datetime.combine(expected, datetime.min.time(), UTC))


@settings(SETTINGS, max_examples=200)
@given(st.integers(1, 9999), st.integers(1, 366), st.booleans())
@example(2012, 366, False)
@example(2013, 366, False)
@example(1900, 366, True)
@example(2000, 366, True)
@example(9999, 365, False)
def test_s7_ordinal_dates_match_datetime(year: int, day: int, basic: bool) -> None:
    text = f"R/{year:04d}{day:03d}/P1D" if basic else f"R/{year:04d}-{day:03d}/P1D"
    days_in_year = (date(year, 12, 31) - date(year, 1, 1)).days + 1
    if day > days_in_year:
        err = _error(text)
        assert (err.column, err.message) == (
            6 if basic else 7,
            f"day 366 of {year:04d} does not exist: {year:04d} has 365 days",
        )
        return
    expected = datetime(year, 1, 1, tzinfo=UTC) + timedelta(days=day - 1)
    assert _read(text).start_ns == _ns(expected)


_UNIT_NS: Final = {"H": 3600 * 10**9, "M": 60 * 10**9, "S": 10**9}


@settings(SETTINGS, max_examples=300)
@given(
    st.sampled_from(["H", "M", "S"]),
    st.text("0123456789", min_size=1, max_size=9),
    st.sampled_from(["", "", "0", "000000"]),
    st.sampled_from(".,"),
    st.booleans(),
)
@example("H", "123456789", "", ".", False)  # 444.4444404 s
@example("M", "000000001", "", ",", False)  # 60 ns
@example("S", "999999999", "000", ".", True)
def test_s9_fractions_are_exact(unit: str, digits: str, zeros: str, separator: str, basic: bool) -> None:
    # S8, S9: a fraction on the last component of the time, exact to the nanosecond.
    sep = "" if basic else ":"
    time = {"H": "13", "M": f"13{sep}07", "S": f"13{sep}07{sep}05"}[unit]
    date_text = "20080215" if basic else "2008-02-15"
    text = f"R/{date_text}T{time}{separator}{digits}{zeros}Z/PT1S"
    whole = {
        "H": datetime(2008, 2, 15, 13),
        "M": datetime(2008, 2, 15, 13, 7),
        "S": datetime(2008, 2, 15, 13, 7, 5),
    }
    fraction = Fraction(int(digits), 10 ** len(digits)) * _UNIT_NS[unit]
    assert fraction.denominator == 1  # every fraction S9 allows is a whole number of ns
    expected = _ns(whole[unit].replace(tzinfo=UTC)) + int(fraction)
    assert _read(text).start_ns == expected


@st.composite
def _fixed_moments(draw: st.DrawFn) -> tuple[str, datetime, int]:
    """A date-time with a fixed offset as written, its aware datetime, and its extra nanoseconds."""
    wall = draw(st.datetimes(datetime(1900, 1, 1), datetime(2100, 12, 31)))
    nanos = draw(st.integers(0, 999))
    offset = draw(st.sampled_from([0, 3600, -3600, 5 * 3600 + 1800, -(9 * 3600 + 30 * 60), 14 * 3600]))
    moment = wall.replace(tzinfo=timezone(timedelta(seconds=offset)))
    fraction = f"{wall.microsecond:06d}{nanos:03d}"
    text = (
        wall.isoformat(timespec="seconds") + "." + fraction + ("Z" if offset == 0 else _offset_text(offset))
    )
    return text, moment, nanos


@settings(SETTINGS, max_examples=200)
@given(_fixed_moments(), _fixed_moments())
@example(
    ("2008-02-15T13:00:00.000000000Z", datetime(2008, 2, 15, 13, tzinfo=UTC), 0),
    ("2008-02-15T13:00:00.000000001Z", datetime(2008, 2, 15, 13, tzinfo=UTC), 1),
)
def test_s16_period_is_the_elapsed_time(
    start: tuple[str, datetime, int], end: tuple[str, datetime, int]
) -> None:
    (start_text, start_moment, start_nanos), (end_text, end_moment, end_nanos) = start, end
    elapsed = _ns(end_moment, end_nanos) - _ns(start_moment, start_nanos)
    text = f"R/{start_text}/{end_text}"
    if elapsed < 1000:
        err = _error(text)
        assert err.column == len(start_text) + 3
        return
    schedule = _read(text)
    assert schedule.form == "interval"
    assert schedule.period.elapsed_nanoseconds == elapsed
    assert schedule.period.is_fixed
    # The period is written in hours, minutes, seconds and a fraction, each below its carry point.
    period = schedule.period
    assert (period.minutes < 60, period.seconds < 60, 0 <= period.nanoseconds < 10**9) == (True, True, True)
    assert schedule.start_ns == _ns(start_moment, start_nanos)
    assert schedule.end is not None
    assert schedule.end.instant == _ns(end_moment, end_nanos)


@settings(SETTINGS, max_examples=200)
@given(
    st.integers(1, 60),
    st.integers(0, 14),
    st.integers(0, 40),
    st.sampled_from([0, 0, 1, 90, 3600, 86_400]),
    st.datetimes(datetime(1900, 1, 1), datetime(2100, 12, 31)).map(lambda t: t.replace(microsecond=0)),
    st.sampled_from([0, 3600, -5 * 3600, 5 * 3600 + 1800]),
)
@example(1, 1, 0, 0, datetime(2012, 3, 31), 0)  # Feb 29
@example(2, 1, 0, 0, datetime(2012, 3, 31), 0)  # Jan 31: anchored at the end, no drift
@example(13, 1, 0, 0, datetime(2013, 3, 31), 0)
def test_s17_first_run_is_the_end_minus_n_periods(
    n: int, months: int, days: int, seconds: int, end: datetime, offset: int
) -> None:
    if not (months or days or seconds):
        seconds = 1
    period = Duration(months=months, days=days, seconds=seconds)
    written_offset = "Z" if offset == 0 else _offset_text(offset)
    text = f"R{n}/{period}/{end.isoformat()}{written_offset}"
    # S17: months subtracted and clamped, then days, in the end's fixed offset; then elapsed time.
    wall = end - relativedelta(months=n * months) - timedelta(days=n * days)
    expected = _ns(wall.replace(tzinfo=timezone(timedelta(seconds=offset)))) - n * seconds * 10**9
    schedule = _read(text)
    assert schedule.form == "end"
    assert schedule.start_ns == expected
    assert schedule.end is not None
    assert schedule.end.instant == _ns(end.replace(tzinfo=timezone(timedelta(seconds=offset))))


@settings(SETTINGS, max_examples=50)
@given(
    st.integers(0, 10**40),
    st.sampled_from(["", "0", "000"]),
    st.sampled_from(["/2012-10-01T05:52:00Z/PT2S", "//PT2S", "/PT2S"]),
)
def test_s5_repetitions_of_any_size(n: int, zeros: str, rest: str) -> None:
    assert _read(f"R{zeros}{n}{rest}").repetitions == n
