"""isorepeat/iso.py on its own: how an iso schedule prints, its chain step, its registration.

Covers ``format_iso`` (S20: every form, R/start/P, R/start/end, R/P/end, R/P and R//P, printed
in canonical form and read back equal; the zone suffix for a ZoneInfo, pytz or dateutil zone and
for a name; UTC under any spelling as Z; a wall time in a gap as written with the suffix; both
passes of an overlap by their offsets; local mean time, whose offset S10 cannot write: the wall
time and the suffix, or the instant in UTC where the wall time happens twice; a zone without a
key; start-less schedules with their zone after the period; and a property whose oracle is the
instant shown by ``zoneinfo`` in ``isoformat``), ``iso_chain_step`` (S35 in the iso dialect:
S28's ⊕ from the run's resolved wall time, with each ``disambiguate`` policy, against an oracle
of ``zoneinfo`` and ``dateutil.relativedelta``: 12·Y + M months clamped, then days, then the wall
time resolved with PEP 495's ``fold``, then the elapsed time), and the ``ISO`` registration (its
fields, mode anchored; ``read`` refuses an unknown ``disambiguate`` policy; ``parse`` calls
``read_fast`` for the common call only, no ``tz``, no ``now``, the default policy; ``read_fast``
declines texts over 800 characters, and otherwise reads what ``read`` reads, or refuses it with
the same error).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import datetime, timedelta, timezone, tzinfo
from typing import Final
from zoneinfo import ZoneInfo

import pytest
import pytz
from dateutil import tz as dateutil_tz
from dateutil.relativedelta import relativedelta
from hypothesis import example, given, settings
from hypothesis import strategies as st

import isorepeat
from isorepeat import Duration, Schedule
from isorepeat._types import Disambiguate, Nanos
from isorepeat.calendar import advance
from isorepeat.dialects import _REGISTRY, dialect_named, dialect_summaries
from isorepeat.grammar import read_iso, read_iso_fast
from isorepeat.iso import ISO, _reparse, format_iso, iso_chain_step
from isorepeat.zones import UTC_ZONE, WallTimeError, Zone, resolve_tz
from tests.properties.strategies import SETTINGS, other_form_schedules, schedules

UTC = timezone.utc
_EPOCH_UTC: Final = datetime(1970, 1, 1, tzinfo=UTC)
_US: Final = timedelta(microseconds=1)
LA, BERLIN, NEW_YORK = "America/Los_Angeles", "Europe/Berlin", "America/New_York"


def _ns(moment: datetime) -> Nanos:
    return (moment - _EPOCH_UTC) // _US * 1000


def _zone(name: str) -> Zone:
    zone = resolve_tz(name)
    assert zone is not None
    return zone


# -- format_iso: every form, read back ---------------------------------------------------------

CANONICAL = [
    # each row: text, tz, the canonical text (S20)
    # R/start/P: the start in extended format, seconds always, fraction trimmed, Z or ±hh:mm
    (
        "R007/2012-01-01T00:00:00.500000000Z/P0001-02-03T04:05:06.5",
        None,
        "R7/2012-01-01T00:00:00.5Z/P1Y2M3DT4H5M6.5S",
    ),
    ("R/20120101T000000,5Z/PT1,5H", None, "R/2012-01-01T00:00:00.5Z/PT1.5H"),
    ("R/20120101T000000+0530/P1D", None, "R/2012-01-01T00:00:00+05:30/P1D"),
    ("R/2012-01-01T00:00:00+05/P1D", None, "R/2012-01-01T00:00:00+05:00/P1D"),
    ("R/2012-01-01T00:00:00-00:00/P1D", None, "R/2012-01-01T00:00:00Z/P1D"),
    ("R/2012-01-01T13.5Z/PT1M", None, "R/2012-01-01T13:30:00Z/PT1M"),
    ("R/2012-W01-1/P1W", None, "R/2012-01-02T00:00:00Z/P1W"),
    ("R/2012-366/P1D", None, "R/2012-12-31T00:00:00Z/P1D"),
    ("R/2012-01-01T00:00:00.123456789Z/PT0.000001S", None, "R/2012-01-01T00:00:00.123456789Z/PT0.000001S"),
    ("R1/2012-01-01T00:00:00Z/P0D", None, "R1/2012-01-01T00:00:00Z/PT0S"),
    # the zone as a suffix after the start's offset, whoever gives it
    ("R/2012-01-31T09:00:00/P1M", BERLIN, "R/2012-01-31T09:00:00+01:00[Europe/Berlin]/P1M"),
    ("R/2012-01-31T09:00:00/P1M", ZoneInfo(BERLIN), "R/2012-01-31T09:00:00+01:00[Europe/Berlin]/P1M"),
    ("R/2012-01-31T09:00:00/P1M", pytz.timezone(BERLIN), "R/2012-01-31T09:00:00+01:00[Europe/Berlin]/P1M"),
    (
        "R/2012-01-31T09:00:00/P1M",
        dateutil_tz.gettz(BERLIN),
        "R/2012-01-31T09:00:00+01:00[Europe/Berlin]/P1M",
    ),
    (
        "R/2012-01-01T12:00:00/P1D",
        "Europe/London",
        "R/2012-01-01T12:00:00Z[Europe/London]/P1D",
    ),  # zero, named
    # UTC under any spelling is no zone and a Z start
    ("R/2012-01-01T00:00:00/P1D", "Etc/UTC", "R/2012-01-01T00:00:00Z/P1D"),
    ("R/2012-01-01T00:00:00/P1D", UTC, "R/2012-01-01T00:00:00Z/P1D"),
    ("R/2012-01-01T00:00:00Z[Etc/UTC]/P1D", None, "R/2012-01-01T00:00:00Z/P1D"),
    (
        "R/2012-01-01T00:00:00/P1D",
        timezone(timedelta(hours=5, minutes=30)),
        "R/2012-01-01T00:00:00+05:30/P1D",
    ),
    # an instant in UTC shown in the zone: its wall time there (S10)
    ("R/2022-03-26T11:00:00Z[Europe/Berlin]/P1D", None, "R/2022-03-26T12:00:00+01:00[Europe/Berlin]/P1D"),
    # a gap: the wall time as written, no offset; an overlap: the pass by its offset
    ("R/2014-03-09T02:30:00/P1D", LA, "R/2014-03-09T02:30:00[America/Los_Angeles]/P1D"),
    ("R/2014-11-02T01:30:00/PT1H", LA, "R/2014-11-02T01:30:00-07:00[America/Los_Angeles]/PT1H"),
    ("R/2014-11-02T01:30:00-08:00/PT1H", LA, "R/2014-11-02T01:30:00-08:00[America/Los_Angeles]/PT1H"),
    (
        "R/2014-11-02T09:30:00Z[America/Los_Angeles]/PT1H",
        None,
        "R/2014-11-02T01:30:00-08:00[America/Los_Angeles]/PT1H",
    ),
    # local mean time (+00:53:28 in Berlin until 1893): S10 writes no seconds, so the wall time
    # and the suffix, or, where that wall time happens twice (New York's noon of 1883-11-18,
    # -04:56:02 then -05:00), the instant in UTC
    ("R/1890-06-01T12:00:00/P1D", BERLIN, "R/1890-06-01T12:00:00[Europe/Berlin]/P1D"),
    ("R/1890-06-01T12:00:00/P1D", dateutil_tz.gettz(BERLIN), "R/1890-06-01T12:00:00[Europe/Berlin]/P1D"),
    ("R3/1883-11-18T12:01:00/PT1M", NEW_YORK, "R3/1883-11-18T16:57:02Z[America/New_York]/PT1M"),
    # R/start/end (S16): the end in full with its own offset; the suffix follows the start only
    ("R/2008-02-15T13:00/16:00", None, "R/2008-02-15T13:00:00Z/2008-02-15T16:00:00Z"),
    (
        "R/2008-02-15T13:00/16:00",
        BERLIN,
        "R/2008-02-15T13:00:00+01:00[Europe/Berlin]/2008-02-15T16:00:00+01:00",
    ),
    (
        "R/2008-02-15T13:00:00Z/2008-02-15T16:00:00+02:00",
        None,
        "R/2008-02-15T13:00:00Z/2008-02-15T16:00:00+02:00",
    ),
    (
        "R/1890-06-01T12:00:00/1890-06-02T12:00:00",
        BERLIN,
        "R/1890-06-01T12:00:00[Europe/Berlin]/1890-06-02T12:00:00",
    ),
    # R/P/end (S17): the end with its offset and the suffix
    ("R5/P1D/2008-05-11T15:30:00Z", None, "R5/P1D/2008-05-11T15:30:00Z"),
    ("R5/P1D/2008-05-11T15:30:00", BERLIN, "R5/P1D/2008-05-11T15:30:00+02:00[Europe/Berlin]"),
    ("R2/P1D/2014-03-10T02:30:00", LA, "R2/P1D/2014-03-10T02:30:00-07:00[America/Los_Angeles]"),
    # R/P (S18) and R//P (S6): the zone after the period ([UTC] is a zone, unlike no suffix)
    ("R/P1D", None, "R/P1D"),
    ("R3/PT1H", BERLIN, "R3/PT1H[Europe/Berlin]"),
    ("R/P1D[Etc/UTC]", None, "R/P1D[UTC]"),
    ("R//PT10M", None, "R//PT10M"),
    ("R//P1D", dateutil_tz.gettz(BERLIN), "R//P1D[Europe/Berlin]"),
    ("R//P1D", UTC, "R//P1D[UTC]"),
    ("R//P1D", timezone(timedelta(hours=-3, minutes=-30)), "R//P1D[-03:30]"),
    ("R0//PT1H[Asia/Kolkata]", None, "R0//PT1H[Asia/Kolkata]"),
]


@pytest.mark.parametrize(("text", "tz", "canonical"), CANONICAL)
def test_s20_format_iso(text: str, tz: tzinfo | str | None, canonical: str) -> None:
    schedule = isorepeat.parse(text, tz=tz)
    assert format_iso(schedule) == str(schedule) == canonical
    again = isorepeat.parse(canonical)
    assert again == schedule
    assert format_iso(again) == canonical  # stable


def test_s20_format_iso_of_pytz_local_mean_time_keeps_the_wall_time() -> None:
    # pytz rounds Berlin's local mean time to +00:53, an offset the IANA zone does not have: the
    # wall time and the suffix say what was written (the instant read back is IANA's, 28 s on).
    schedule = isorepeat.parse("R/1890-06-01T12:00:00/P1D", tz=pytz.timezone(BERLIN))
    assert format_iso(schedule) == "R/1890-06-01T12:00:00[Europe/Berlin]/P1D"
    again = isorepeat.parse(format_iso(schedule))
    assert again.start == datetime(1890, 6, 1, 12, tzinfo=ZoneInfo(BERLIN))
    assert again.start_wall_ns == schedule.start_wall_ns


@pytest.mark.parametrize(
    ("text", "canonical"),
    [
        # a tzinfo without a key and with changing offsets: the offset at the start, no suffix,
        # and a start-less schedule has no zone text at all (its repr carries tz=)
        ("R/2012-01-01T00:00:00/P1D", "R/2012-01-01T00:00:00-05:00/P1D"),
        ("R/2012-07-01T00:00:00/P1D", "R/2012-07-01T00:00:00-04:00/P1D"),
        ("R//P1D", "R//P1D"),
        ("R3/PT1H", "R3/PT1H"),
    ],
)
def test_s20_format_iso_of_a_zone_without_a_key(text: str, canonical: str) -> None:
    zone = dateutil_tz.tzstr("EST5EDT")
    schedule = isorepeat.parse(text, tz=zone)
    assert format_iso(schedule) == canonical
    reread, keywords = _reparse(schedule)
    assert reread == canonical
    if schedule.start is None:
        assert keywords == {"tz": repr(zone)}
    else:
        assert keywords == {}
        assert isorepeat.parse(canonical).start == schedule.start


def test_s20_format_iso_of_another_dialect_is_the_iso_text() -> None:
    # format_iso reads the schedule's fields, whatever its dialect (format(dialect="iso")): here
    # the wall fields kept in the scheduleTimeZone (S23, the Z discarded), to the millisecond (S34)
    schedule = isorepeat.parse("R3/2012-01-31T09:00:00.123456Z/PT1.5S", dialect="chronos", tz=BERLIN)
    assert (
        format_iso(schedule)
        == schedule.format(dialect="iso")
        == "R3/2012-01-31T09:00:00.123+01:00[Europe/Berlin]/PT1.5S"
    )


_PROPERTY_ZONES: Final = (
    "Europe/Berlin",
    "Europe/London",
    "Europe/Dublin",  # negative DST
    "America/Los_Angeles",
    "America/St_Johns",
    "Asia/Kathmandu",
    "Australia/Lord_Howe",
    "Pacific/Apia",
    "Pacific/Kiritimati",
)


def _offset_text(offset: timedelta) -> str:
    minutes = offset // timedelta(minutes=1)
    if not minutes:
        return "Z"
    sign = "-" if minutes < 0 else "+"
    return f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


@settings(SETTINGS)
@given(
    st.sampled_from(_PROPERTY_ZONES),
    st.datetimes(datetime(1972, 1, 1), datetime(2100, 12, 31), timezones=st.just(UTC)),
    st.sampled_from(["PT1H", "P1D", "P1M", "PT0.000001S"]),
)
@example(LA, datetime(2014, 11, 2, 8, 30, tzinfo=UTC), "PT1H")  # the overlap's first pass
@example(LA, datetime(2014, 11, 2, 9, 30, tzinfo=UTC), "PT1H")  # its second
@example("Europe/Dublin", datetime(2012, 1, 1, 12, tzinfo=UTC), "P1D")  # Z, the winter "DST"
@example("Pacific/Apia", datetime(2011, 12, 31, 10, tzinfo=UTC), "P1D")  # after the skipped day
def test_s20_format_iso_of_an_instant_in_a_zone(key: str, moment: datetime, period: str) -> None:
    # The oracle: zoneinfo shows the instant in the zone; the canonical start is that wall time
    # as isoformat writes it (fraction trimmed), the offset (Z for zero), and the key.
    schedule = isorepeat.parse(f"R/{moment.replace(tzinfo=None).isoformat()}Z[{key}]/{period}")
    shown = moment.astimezone(ZoneInfo(key))
    offset = shown.utcoffset()
    assert offset is not None
    wall = shown.replace(tzinfo=None).isoformat()
    if shown.microsecond:
        wall = wall.rstrip("0")
    assert format_iso(schedule) == f"R/{wall}{_offset_text(offset)}[{key}]/{period}"
    assert isorepeat.parse(format_iso(schedule)) == schedule


# -- iso_chain_step (S35 in the iso dialect) ---------------------------------------------------


def _resolve(wall: datetime, tz: tzinfo, policy: Disambiguate) -> datetime:
    """S24 with PEP 495: in a gap fold=0 takes the offset before it (forward) and fold=1 the one
    after (back); in an overlap fold=0 is the earlier pass. compatible = gap forward, overlap
    earlier; earlier = back, earlier; later = forward, later."""
    first, second = wall.replace(tzinfo=tz, fold=0), wall.replace(tzinfo=tz, fold=1)
    in_gap = first.astimezone(UTC).astimezone(tz).replace(tzinfo=None) != wall
    if in_gap:
        return (second if policy == "earlier" else first).astimezone(UTC)
    return (second if policy == "later" else first).astimezone(UTC)


def _iso_step_oracle(moment: datetime, period: Duration, policy: Disambiguate) -> datetime:
    """S28 with k = 1 from the run's resolved wall time: 12·Y + M months clamped, then weeks and
    days, the wall time resolved in the zone; or the run itself without calendar units; then the
    elapsed hours, minutes, seconds."""
    tz = moment.tzinfo
    assert tz is not None
    months, days = 12 * period.years + period.months, 7 * period.weeks + period.days
    if months or days:
        wall = moment.replace(tzinfo=None) + relativedelta(months=months) + relativedelta(days=days)
        base = _resolve(wall, tz, policy)
    else:
        base = moment.astimezone(UTC)
    elapsed = timedelta(
        hours=period.hours,
        minutes=period.minutes,
        seconds=period.seconds,
        microseconds=period.nanoseconds // 1000,
    )
    return base + elapsed


def _iso_step(run: str, zone: str, period: str, policy: Disambiguate = "compatible") -> str:
    """One step from a run written as ISO text and shown in ``zone``; the next run as text there."""
    shown = _zone(zone)
    found = iso_chain_step(shown, _ns(datetime.fromisoformat(run)), Duration.parse(period), None, policy)
    assert found is not None
    instant, next_zone = found
    assert next_zone is shown  # the text carries the zone: each run is in it
    return shown.to_datetime(instant).isoformat()


ISO_STEPS = [
    # each row: run, zone, period, policy, the next run
    # from the run's resolved wall time: a run moved out of a gap goes on from 03:30 (anchored,
    # S28 goes on from the 02:30 written)
    ("2014-03-09T03:30:00-07:00", LA, "P1D", "compatible", "2014-03-10T03:30:00-07:00"),
    ("2012-02-29T09:00:00+01:00", BERLIN, "P1M", "compatible", "2012-03-29T09:00:00+02:00"),
    # 12·Y + M months at once (java.time): Feb 29 + P1Y1M is Mar 29 (Joda: Mar 28)
    ("2012-02-29T00:00:00+00:00", "UTC", "P1Y1M", "compatible", "2013-03-29T00:00:00+00:00"),
    ("2012-01-31T00:00:00+00:00", "UTC", "P1M1D", "compatible", "2012-03-01T00:00:00+00:00"),
    # days keep the wall time; the elapsed part is added after the calendar part
    ("2014-03-08T12:00:00-08:00", LA, "P1D", "compatible", "2014-03-09T12:00:00-07:00"),
    ("2014-03-08T12:00:00-08:00", LA, "PT24H", "compatible", "2014-03-09T13:00:00-07:00"),
    ("2014-03-08T01:30:00-08:00", LA, "P1DT1H", "compatible", "2014-03-09T03:30:00-07:00"),
    # a fixed offset has no DST: P1D is 24 h
    ("2014-03-08T12:00:00-08:00", "-08:00", "P1D", "compatible", "2014-03-09T12:00:00-08:00"),
    # the policy of S24 decides a gap and an overlap at base_1
    ("2014-03-08T02:30:00-08:00", LA, "P1D", "compatible", "2014-03-09T03:30:00-07:00"),
    ("2014-03-08T02:30:00-08:00", LA, "P1D", "later", "2014-03-09T03:30:00-07:00"),
    ("2014-03-08T02:30:00-08:00", LA, "P1D", "earlier", "2014-03-09T01:30:00-08:00"),
    ("2014-11-01T01:30:00-07:00", LA, "P1D", "compatible", "2014-11-02T01:30:00-07:00"),
    ("2014-11-01T01:30:00-07:00", LA, "P1D", "earlier", "2014-11-02T01:30:00-07:00"),
    ("2014-11-01T01:30:00-07:00", LA, "P1D", "later", "2014-11-02T01:30:00-08:00"),
    # elapsed units go on from the instant, through the repeated hour, whatever the policy
    ("2014-11-02T01:30:00-07:00", LA, "PT1H", "raise", "2014-11-02T01:30:00-08:00"),
    ("2014-03-09T01:30:00-08:00", LA, "PT1H", "raise", "2014-03-09T03:30:00-07:00"),
]


@pytest.mark.parametrize(("run", "zone", "period", "policy", "following"), ISO_STEPS)
def test_s35_iso_chain_step(run: str, zone: str, period: str, policy: Disambiguate, following: str) -> None:
    assert _iso_step(run, zone, period, policy) == following


@pytest.mark.parametrize(
    ("run", "message"),
    [
        ("2014-03-08T02:30:00-08:00", "2014-03-09T02:30:00 does not exist in America/Los_Angeles"),
        ("2014-11-01T01:30:00-07:00", "2014-11-02T01:30:00 is ambiguous in America/Los_Angeles"),
    ],
)
def test_s24_iso_chain_step_raises_under_raise(run: str, message: str) -> None:
    with pytest.raises(WallTimeError) as caught:
        _iso_step(run, LA, "P1D", "raise")
    assert caught.value.message.startswith(message)


def test_s40_iso_chain_step_ends_at_the_year_9999() -> None:
    last_day = _ns(datetime(9999, 12, 31, 12, tzinfo=UTC))
    assert iso_chain_step(UTC_ZONE, last_day, Duration(days=1), None, "compatible") is None
    assert iso_chain_step(UTC_ZONE, last_day, Duration(hours=12), None, "compatible") is None
    assert iso_chain_step(UTC_ZONE, last_day, Duration(hours=11), None, "compatible") == (
        _ns(datetime(9999, 12, 31, 23, tzinfo=UTC)),
        UTC_ZONE,
    )
    # east of UTC the wall clock leaves the calendar first (S40)
    tokyo = _zone("Asia/Tokyo")
    assert (
        iso_chain_step(
            tokyo, _ns(datetime(9999, 12, 31, 14, 30, tzinfo=UTC)), Duration(hours=1), None, "compatible"
        )
        is None
    )


def test_s35_iso_chain_step_ignores_the_schedule_zone() -> None:
    # The iso text carries the zone: there is nothing to re-apply (the chronos step re-reads).
    run = _ns(datetime(2014, 3, 8, 10, 30, tzinfo=UTC))
    berlin = _zone(BERLIN)
    assert iso_chain_step(_zone(LA), run, Duration(days=1), berlin, "compatible") == iso_chain_step(
        _zone(LA), run, Duration(days=1), None, "compatible"
    )


_STEP_ZONES: Final = (
    LA,
    BERLIN,
    "Europe/Dublin",
    "Australia/Lord_Howe",
    "Pacific/Apia",
    "Asia/Kolkata",
    "UTC",
    "+05:30",
)


def _tzinfo(name: str) -> tzinfo:
    if name[0] in "+-":
        sign = -1 if name[0] == "-" else 1
        return timezone(sign * timedelta(hours=int(name[1:3]), minutes=int(name[4:6])))
    return UTC if name == "UTC" else ZoneInfo(name)


@st.composite
def _iso_periods(draw: st.DrawFn) -> Duration:
    """S12 periods: non-negative fields, a fraction of a second in microseconds."""
    return Duration(
        years=draw(st.integers(0, 2)),
        months=draw(st.integers(0, 14)),
        weeks=draw(st.integers(0, 3)),
        days=draw(st.integers(0, 40)),
        hours=draw(st.integers(0, 30)),
        minutes=draw(st.integers(0, 90)),
        seconds=draw(st.integers(0, 90)),
        nanoseconds=draw(st.integers(0, 999_999)) * 1000,
    )


@settings(SETTINGS)
@given(
    st.sampled_from(_STEP_ZONES),
    st.datetimes(datetime(1990, 1, 1), datetime(2035, 1, 1), timezones=st.just(UTC)),
    _iso_periods(),
    st.sampled_from(["compatible", "earlier", "later"]),
)
@example(LA, datetime(2014, 3, 8, 10, 30, tzinfo=UTC), Duration(days=1), "earlier")  # into the gap
@example(LA, datetime(2014, 11, 1, 8, 30, tzinfo=UTC), Duration(days=1), "later")  # into the overlap
@example(
    "Pacific/Apia", datetime(2011, 12, 29, 22, tzinfo=UTC), Duration(days=1), "compatible"
)  # the lost day
@example("Australia/Lord_Howe", datetime(2014, 10, 4, 15, 45, tzinfo=UTC), Duration(days=1), "earlier")
def test_s35_iso_chain_step_is_s28_from_the_resolved_wall_time(
    zone: str, moment: datetime, period: Duration, policy: Disambiguate
) -> None:
    shown = _zone(zone)
    instant = _ns(moment)
    found = iso_chain_step(shown, instant, period, None, policy)
    assert found is not None
    assert found == (_ns(_iso_step_oracle(moment.astimezone(_tzinfo(zone)), period, policy)), shown)
    # it is advance's k = 1 from the run's own wall time (what reading the printed run gives)
    wall = instant + shown.offset_at(instant) * 10**9
    assert found[0] == advance(shown, instant, wall, period, 1, policy)


# -- the registration ----------------------------------------------------------------------------


def test_iso_registration() -> None:
    assert dialect_named("iso") is ISO
    assert (ISO.name, ISO.mode, ISO.summary) == ("iso", "anchored", dialect_summaries()["iso"])
    assert ISO.summary == "ISO 8601, strict and exact"
    assert ISO.read is read_iso
    assert ISO.read_fast is read_iso_fast
    assert ISO.format is format_iso
    assert ISO.reparse is _reparse
    assert ISO.arithmetic is advance
    assert ISO.chain_step is iso_chain_step
    assert (ISO.options, ISO.resolves_on_read, ISO.read_duration, ISO.engine, ISO.check_rules) == (
        (),
        False,
        None,
        None,
        None,
    )
    assert ISO.format_period is str
    # the defaults: R<n> counts n, an empty start is now, R/P one period after now (S6, S18)
    assert ISO.count_runs(5, False) == 5
    assert ISO.count_runs(None, True) is None
    assert ISO.effective_start("start", {}) == isorepeat.EffectiveStart()
    assert ISO.effective_start("cycle", {}) == isorepeat.EffectiveStart(periods=1)
    assert repr(ISO) == "dialect_named('iso')"


def _padded(length: int) -> str:
    """``R5/2012-10-01T05:52:00Z/PT2S`` with leading zeros in the count, ``length`` characters."""
    tail = "5/2012-10-01T05:52:00Z/PT2S"
    return "R" + "0" * (length - 1 - len(tail)) + tail


@pytest.mark.parametrize(("length", "declined"), [(799, False), (800, False), (801, True), (1000, True)])
def test_iso_read_fast_declines_texts_over_800_characters(length: int, declined: bool) -> None:
    text = _padded(length)
    assert len(text) == length
    expected = isorepeat.parse("R5/2012-10-01T05:52:00Z/PT2S")
    read = read_iso(text, None, "compatible", {})
    assert read == expected
    fast = read_iso_fast(text, "compatible")
    assert (fast is None) is declined
    if fast is not None:
        assert fast == read


@pytest.mark.parametrize("policy", ["bogus", "Compatible", ""])
def test_iso_read_refuses_unknown_policies(policy: str) -> None:
    # parse gives read_fast the default policy only; read refuses the others by name.
    text = "R5/2012-10-01T05:52:00Z/PT2S"
    with pytest.raises(ValueError, match="disambiguate must be one of") as caught:
        read_iso(text, None, policy, {})  # type: ignore[arg-type]  # NOTE: the point of the test
    assert str(caught.value) == (
        f"disambiguate must be one of 'compatible', 'earlier', 'later', 'raise', not {policy!r}"
    )
    with pytest.raises(ValueError, match="disambiguate must be one of"):
        isorepeat.parse(text, disambiguate=policy)  # type: ignore[arg-type]  # NOTE: through parse too


@pytest.mark.parametrize("policy", ["compatible", "earlier", "later", "raise"])
def test_iso_read_fast_reads_the_known_policies(policy: Disambiguate) -> None:
    text = "R5/2012-10-01T05:52:00Z/PT2S"
    fast = read_iso_fast(text, policy)
    assert fast is not None
    assert fast == read_iso(text, None, policy, {})
    assert fast.disambiguate == policy


@pytest.mark.parametrize(
    ("kwargs", "fast"),
    [
        ({}, True),
        ({"disambiguate": "compatible"}, True),
        ({"disambiguate": "later"}, False),
        ({"disambiguate": "raise"}, False),
        ({"tz": "Europe/Berlin"}, False),
        ({"now": datetime(2026, 1, 1, tzinfo=UTC)}, False),
    ],
)
def test_iso_parse_calls_read_fast_for_the_common_call_only(
    kwargs: dict[str, object], fast: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    # read_fast is for the call with no tz, no now and the default policy (Dialect.read_fast)
    calls: list[tuple[str, Disambiguate]] = []

    def spy(text: str, disambiguate: Disambiguate) -> Schedule | None:
        calls.append((text, disambiguate))
        return read_iso_fast(text, disambiguate)

    monkeypatch.setitem(_REGISTRY, "iso", dataclasses.replace(ISO, read_fast=spy))
    text = "R5/2012-10-01T05:52:00Z/PT2S"
    schedule = isorepeat.parse(text, **kwargs)  # type: ignore[arg-type]  # NOTE: the table's keywords
    assert calls == ([(text, "compatible")] if fast else [])
    policy = kwargs.get("disambiguate", "compatible")
    assert schedule == read_iso(text, kwargs.get("tz"), policy, {})  # type: ignore[arg-type]  # NOTE: as above


_VALID_DAYS: Final = ("2012-10-01", "2014-03-09", "2014-11-02", "9999-12-30", "0001-01-03")
_VALID_CLOCKS: Final = ("05:52", "05:52:00", "02:30:00", "01:30:00", "12:00:00.5", "01:30:00,123456789")
_VALID_ZONES: Final = (
    "",
    "Z",
    "+05:30",
    "-08:00",
    "-00:00",
    "Z[Europe/Berlin]",
    "[America/Los_Angeles]",
    "[UTC]",
)
_VALID_PERIODS: Final = ("PT2S", "P1D", "P1Y2M3W4DT5H6M7.5S", "PT1,5S", "P1W", "PT0.000001S")


def _mostly(draw: st.DrawFn, valid: tuple[str, ...], invalid: tuple[str, ...]) -> str:
    """One of ``valid``, or one time in eight one of ``invalid``."""
    return draw(st.sampled_from(invalid if not draw(st.integers(0, 7)) else valid))


@st.composite
def _common_shapes(draw: st.DrawFn) -> str:
    """Texts in the shape the fast path reads, ``R[n]/YYYY-MM-DDThh:mm[:ss[.f]][Z|±hh:mm][[Zone]]/P``,
    valid mostly, out of range now and then (2013-02-29, month 13, hour 24, second 60, offset
    +24:00, an offset the zone has not, an unknown zone, a zero or sub-microsecond period)."""
    count = draw(st.sampled_from(["R", "R0", "R1", "R5", "R007", "R123456789012345678901234567890"]))
    day = _mostly(draw, _VALID_DAYS, ("2013-02-29", "2012-13-01", "0000-01-01"))
    clock = _mostly(draw, _VALID_CLOCKS, ("24:00", "23:59:60", "12:60"))
    zone = _mostly(draw, _VALID_ZONES, ("+24:00", "+05:30[Europe/Berlin]", "[Nowhere/Else]"))
    period = _mostly(draw, _VALID_PERIODS, ("PT0S", "P0D", "PT0.0000001S", "P"))
    return f"{count}/{day}T{clock}{zone}/{period}"


@settings(SETTINGS)
@given(
    st.one_of(
        _common_shapes(),
        schedules(tz_kinds=("none",)).map(lambda case: case[0]),
        other_form_schedules(),
    ),
    st.sampled_from(["compatible", "earlier", "later", "raise"]),
)
@example("R/2013-02-29T00:00:00Z/P1D", "compatible")  # not a date: the careful parser says why
@example("R5/2012-10-01T05:52:00Z/PT0S", "compatible")  # S14: the careful parser decides
@example("R/2014-03-09T02:30:00-08:00[America/Los_Angeles]/P1D", "compatible")  # the offset is not LA's
@example("R/2014-03-09T02:30:00[America/Los_Angeles]/P1D", "raise")  # in the gap, refused
def test_iso_read_fast_reads_what_read_reads(text: str, policy: Disambiguate) -> None:
    # read_fast may decline any text; what it reads is what read reads, and what it refuses, read
    # refuses with the same error (parse calls it first, without a wrapper)
    read, fast = _outcome(read_iso, text, None, policy, {}), _outcome(read_iso_fast, text, policy)
    if isinstance(read, isorepeat.ScheduleError):
        assert fast is None or (isinstance(fast, isorepeat.ScheduleError) and fast.args == read.args)
    elif fast is not None:
        assert isinstance(fast, Schedule)
        assert fast == read
        assert str(fast) == str(read)
        assert dataclasses.astuple(fast.period) == dataclasses.astuple(read.period)


def test_iso_read_fast_reads_the_common_shape() -> None:
    # the property above is not vacuous: the fast path reads these itself
    for text in (
        "R5/2012-10-01T05:52:00Z/PT2S",
        "R/2012-10-01T05:52+05:30/P1D",
        "R/2012-10-01T05:52:00.5[Europe/Berlin]/P1Y2M3W4DT5H6M7.5S",
        "R/2014-11-02T01:30:00-08:00[America/Los_Angeles]/PT1H",
    ):
        fast = read_iso_fast(text, "compatible")
        assert fast is not None, text
        assert fast == read_iso(text, None, "compatible", {})


def _outcome(
    reader: Callable[..., Schedule | None], *args: object
) -> Schedule | isorepeat.ScheduleError | None:
    try:
        return reader(*args)
    except isorepeat.ScheduleError as error:
        return error


def test_iso_parse_uses_the_registration() -> None:
    # What parse builds is an iso Schedule whose dialect is this registration, in either path.
    for text in ("R5/2012-10-01T05:52:00Z/PT2S", _padded(900)):
        schedule = Schedule.parse(text)
        assert schedule.dialect_spec is ISO
        assert schedule.mode == "anchored"
        assert str(schedule) == format_iso(schedule) == "R5/2012-10-01T05:52:00Z/PT2S"
