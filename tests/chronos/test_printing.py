"""isorepeat/chronos/printing.py on its own: what Chronos stores, and the repr that reads it back.

Covers ``create`` (``Iso8601Expressions.create``: ``R/`` for ``None`` and Chronos's -1, the start in
its own UTC offset to the millisecond, truncated), ``format_joda_start`` (Joda's
``ISODateTimeFormat.dateTime()``: milliseconds always, ``Z`` or ``±hh:mm``, a historical offset with
its seconds, truncation not rounding, years 0001-9999; oracle: ``datetime.isoformat`` with
``timespec="milliseconds"``, ``Z`` for a zero offset, on instants converted by ``zoneinfo``),
``format_joda_period`` (``ISOPeriodFormat.standard()``: Joda-Time's own print tables, fractional
hours and minutes written as Joda's int fields, no normalisation, negative fields, a ValueError
below the millisecond; oracle: a formatter written here from CHRONOS.md §1.3-§1.4, and the
chronos period reader reading every text back), ``format_chronos`` (S21: the forms not covered
by tests/test_schedule.py and tests/chronos/test_dialect.py, and the ScheduleErrors for R/P,
R/P/end and sub-millisecond periods) and ``reparse_chronos`` (the repr's arguments, table by
table, and the property that every repr evaluates back to an equal schedule, the empty start
re-read in a schedule zone included).
"""

from __future__ import annotations

import datetime as datetime_module
import itertools
from datetime import datetime, timedelta, timezone, tzinfo
from typing import Final
from zoneinfo import ZoneInfo

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

import isorepeat
from isorepeat import Duration, Schedule, ScheduleError
from isorepeat._types import Nanos
from isorepeat.calendar import MAX_INSTANT, MIN_INSTANT
from isorepeat.chronos.printing import (
    create,
    format_chronos,
    format_joda_period,
    format_joda_start,
    reparse_chronos,
)
from isorepeat.dialects import dialect_named
from isorepeat.zones import UTC_ZONE, FixedZone, Zone, resolve_tz
from tests.properties.strategies import SETTINGS

UTC = timezone.utc
_EPOCH_UTC: Final = datetime(1970, 1, 1, tzinfo=UTC)
_US: Final = timedelta(microseconds=1)
_MS_NS: Final = 1_000_000
NOW: Final = datetime(2026, 1, 15, 12, 0, tzinfo=UTC)


def _ns(moment: datetime) -> Nanos:
    return (moment - _EPOCH_UTC) // _US * 1000


def _zone(name: str) -> Zone:
    zone = resolve_tz(name)
    assert zone is not None
    return zone


def _chronos(text: str, **kwargs: object) -> Schedule:
    return isorepeat.parse(text, dialect="chronos", **kwargs)  # type: ignore[arg-type]


def _evaluated(schedule: Schedule) -> Schedule:
    """``eval`` of the schedule's repr, with the names it may use (STYLE 2.2: the repr evaluates)."""
    again = eval(repr(schedule), {"Schedule": Schedule, "datetime": datetime_module})
    assert isinstance(again, Schedule)
    return again


# -- create (Iso8601Expressions.create, CHRONOS.md §1.4) --------------------------------------

_BERLIN = ZoneInfo("Europe/Berlin")

CREATED = [
    # each row: repetitions, start, period, what Chronos stores
    # the count: None and Chronos's own -1 are both "for ever"
    (None, datetime(2012, 10, 1, 5, 52, tzinfo=UTC), Duration(seconds=2), "R/2012-10-01T05:52:00.000Z/PT2S"),
    (-1, datetime(2012, 10, 1, 5, 52, tzinfo=UTC), Duration(seconds=2), "R/2012-10-01T05:52:00.000Z/PT2S"),
    (0, datetime(2012, 10, 1, 5, 52, tzinfo=UTC), Duration(seconds=2), "R0/2012-10-01T05:52:00.000Z/PT2S"),
    (7, datetime(2012, 10, 1, 5, 52, tzinfo=UTC), Duration(), "R7/2012-10-01T05:52:00.000Z/PT0S"),
    # the start in its own UTC offset at that instant, no zone: scheduleTimeZone keeps the zone
    (3, datetime(2014, 7, 1, 9, tzinfo=_BERLIN), Duration(months=1), "R3/2014-07-01T09:00:00.000+02:00/P1M"),
    (3, datetime(2014, 1, 1, 9, tzinfo=_BERLIN), Duration(months=1), "R3/2014-01-01T09:00:00.000+01:00/P1M"),
    # a zone at offset zero is Z, whatever its name (Joda's zeroOffsetText)
    (
        1,
        datetime(2014, 1, 1, 9, tzinfo=ZoneInfo("Europe/London")),
        Duration(days=1),
        "R1/2014-01-01T09:00:00.000Z/P1D",
    ),
    # microseconds are truncated to the millisecond, never rounded
    (
        None,
        datetime(2012, 10, 1, 5, 52, 0, 999_999, tzinfo=timezone(timedelta(hours=-7))),
        Duration(hours=1),
        "R/2012-10-01T05:52:00.999-07:00/PT1H",
    ),
    # local mean time: Joda prints the offset's seconds (+00:53:28 in Berlin until 1893)
    (
        2,
        datetime(1890, 6, 1, 12, tzinfo=_BERLIN),
        Duration(days=1),
        "R2/1890-06-01T12:00:00.000+00:53:28/P1D",
    ),
    # a period with every field, and a negative one (Joda accepts P-1D)
    (
        1,
        datetime(2012, 10, 1, tzinfo=UTC),
        Duration(years=1, months=2, weeks=3, days=4, hours=5, minutes=6, seconds=7, nanoseconds=8 * _MS_NS),
        "R1/2012-10-01T00:00:00.000Z/P1Y2M3W4DT5H6M7.008S",
    ),
    (None, datetime(2012, 10, 1, tzinfo=UTC), Duration(days=-1), "R/2012-10-01T00:00:00.000Z/P-1D"),
]


@pytest.mark.parametrize(("repetitions", "start", "period", "stored"), CREATED)
def test_s21_create(repetitions: int | None, start: datetime, period: Duration, stored: str) -> None:
    assert create(repetitions, start, period) == stored


def test_s21_create_refuses_a_naive_start() -> None:
    with pytest.raises(TypeError):
        create(1, datetime(2012, 10, 1, 5, 52), Duration(days=1))


def test_s21_create_refuses_a_period_finer_than_a_millisecond() -> None:
    with pytest.raises(ValueError, match="Chronos keeps milliseconds"):
        create(1, datetime(2012, 10, 1, tzinfo=UTC), Duration(nanoseconds=100_000))


def test_s21_create_reads_back_in_the_chronos_dialect() -> None:
    # What create stores is what the chronos dialect prints of the schedule it reads from it.
    stored = create(
        3,
        datetime(2014, 7, 1, 9, 30, 15, 250_000, tzinfo=_BERLIN),
        Duration(seconds=1, nanoseconds=500 * _MS_NS),
    )
    assert stored == "R3/2014-07-01T09:30:15.250+02:00/PT1.500S"
    assert str(_chronos(stored)) == stored


# -- format_joda_start (ISODateTimeFormat.dateTime()) -----------------------------------------

JODA_STARTS = [
    # each row: zone, instant, what Joda prints
    # Joda-Time's own test, TestISODateTimeFormat.testFormat_dateTime (JodaOrg/joda-time,
    # src/test/java/org/joda/time/format/TestISODateTimeFormat.java at 0f359f2b):
    # new DateTime(2004, 6, 9, 10, 20, 30, 40, UTC), then withZone(LONDON), withZone(PARIS)
    ("UTC", datetime(2004, 6, 9, 10, 20, 30, 40_000, tzinfo=UTC), "2004-06-09T10:20:30.040Z"),
    ("Europe/London", datetime(2004, 6, 9, 10, 20, 30, 40_000, tzinfo=UTC), "2004-06-09T11:20:30.040+01:00"),
    ("Europe/Paris", datetime(2004, 6, 9, 10, 20, 30, 40_000, tzinfo=UTC), "2004-06-09T12:20:30.040+02:00"),
    # milliseconds always, even when zero; half-hour and negative offsets as ±hh:mm
    ("UTC", datetime(2012, 10, 1, 5, 52, tzinfo=UTC), "2012-10-01T05:52:00.000Z"),
    ("Asia/Kolkata", datetime(2012, 10, 1, 5, 52, tzinfo=UTC), "2012-10-01T11:22:00.000+05:30"),
    ("America/St_Johns", datetime(2012, 1, 1, 12, tzinfo=UTC), "2012-01-01T08:30:00.000-03:30"),
    ("-08:00", datetime(2012, 1, 1, 12, tzinfo=UTC), "2012-01-01T04:00:00.000-08:00"),
    # a zero offset in a named zone is Z (Dublin in winter: Joda's zeroOffsetText)
    ("Europe/Dublin", datetime(2012, 1, 1, 12, tzinfo=UTC), "2012-01-01T12:00:00.000Z"),
    # historical offsets with seconds, both signs (Joda prints them: offsetElement's maxFields 4)
    ("Europe/Berlin", datetime(1890, 6, 1, 12, tzinfo=UTC), "1890-06-01T12:53:28.000+00:53:28"),
    ("Africa/Monrovia", datetime(1960, 6, 1, 12, tzinfo=UTC), "1960-06-01T11:15:30.000-00:44:30"),
    # the edges of datetime's years, 0001-9999
    ("UTC", datetime(1, 1, 1, tzinfo=UTC), "0001-01-01T00:00:00.000Z"),
    ("+14:00", datetime(1, 1, 1, tzinfo=UTC), "0001-01-01T14:00:00.000+14:00"),
    ("-12:00", datetime(1, 1, 1, 12, tzinfo=UTC), "0001-01-01T00:00:00.000-12:00"),
    ("+12:00", datetime(9999, 12, 31, 11, 59, 59, 999_999, tzinfo=UTC), "9999-12-31T23:59:59.999+12:00"),
]


@pytest.mark.parametrize(("name", "moment", "printed"), JODA_STARTS)
def test_s21_format_joda_start(name: str, moment: datetime, printed: str) -> None:
    assert format_joda_start(_zone(name), _ns(moment)) == printed


@pytest.mark.parametrize(
    ("instant", "printed"),
    [
        # truncation, never rounding: .0409999999 is .040
        (_ns(datetime(2004, 6, 9, 10, 20, 30, tzinfo=UTC)) + 40_999_999, "2004-06-09T10:20:30.040Z"),
        (_ns(datetime(2004, 6, 9, 10, 20, 30, tzinfo=UTC)) + 999_999_999, "2004-06-09T10:20:30.999Z"),
        # before 1970 too: the wall time is truncated, not the (negative) count toward zero
        (-1, "1969-12-31T23:59:59.999Z"),
        (-_MS_NS, "1969-12-31T23:59:59.999Z"),
        (-_MS_NS - 1, "1969-12-31T23:59:59.998Z"),
        # the last and first nanoseconds datetime can hold
        (MAX_INSTANT, "9999-12-31T23:59:59.999Z"),
        (MIN_INSTANT, "0001-01-01T00:00:00.000Z"),
    ],
)
def test_s21_format_joda_start_truncates(instant: Nanos, printed: str) -> None:
    assert format_joda_start(UTC_ZONE, instant) == printed


_ORACLE_ZONES: Final = (
    "UTC",
    "Europe/London",
    "Europe/Berlin",
    "America/New_York",
    "America/St_Johns",
    "Asia/Kolkata",
    "Asia/Kathmandu",  # +05:45
    "Australia/Lord_Howe",  # a 30-minute DST
    "Africa/Monrovia",  # -00:44:30 until 1972
    "Pacific/Kiritimati",  # +14:00
    "+05:30",
    "-11:00",
)


def _oracle_tzinfo(name: str) -> tzinfo:
    if name[0] in "+-":
        sign = -1 if name[0] == "-" else 1
        return timezone(sign * timedelta(hours=int(name[1:3]), minutes=int(name[4:6])))
    return UTC if name == "UTC" else ZoneInfo(name)


def _joda_start_oracle(name: str, instant: Nanos) -> str:
    """``ISODateTimeFormat.dateTime().print`` as Python writes it: the instant in the zone
    (``zoneinfo``'s own conversion), milliseconds truncated by ``isoformat``, ``Z`` for zero."""
    shown = (_EPOCH_UTC + timedelta(microseconds=instant // 1000)).astimezone(_oracle_tzinfo(name))
    text = shown.isoformat(timespec="milliseconds")
    return text[: -len("+00:00")] + "Z" if text.endswith("+00:00") else text


@settings(SETTINGS)
@given(
    st.sampled_from(_ORACLE_ZONES),
    # a day inside either end, so that every wall time is in the years 0001-9999
    st.integers(MIN_INSTANT + 86_400 * 10**9, MAX_INSTANT - 86_400 * 10**9),
)
@example("UTC", -1)
@example("Europe/Berlin", _ns(datetime(1890, 6, 1, tzinfo=UTC)) + 123_456_789)
@example("America/New_York", _ns(datetime(2014, 11, 2, 6, 30, tzinfo=UTC)))  # the repeated hour, EST
@example("America/New_York", _ns(datetime(2014, 11, 2, 5, 30, tzinfo=UTC)))  # ... and EDT
@example("Australia/Lord_Howe", _ns(datetime(2014, 10, 4, 15, 30, tzinfo=UTC)))  # +10:30 -> +11:00
def test_s21_format_joda_start_matches_isoformat(name: str, instant: Nanos) -> None:
    assert format_joda_start(_zone(name), instant) == _joda_start_oracle(name, instant)


# -- format_joda_period (ISOPeriodFormat.standard()) ------------------------------------------


def _period(y: int, m: int, w: int, d: int, h: int, mi: int, s: int, ms: int) -> Duration:
    """Joda's ``new Period(y, m, w, d, h, mi, s, ms)``, its eight int fields."""
    return Duration(
        years=y, months=m, weeks=w, days=d, hours=h, minutes=mi, seconds=s, nanoseconds=ms * _MS_NS
    )


JODA_PERIODS = [
    # each row: period, what Joda prints
    # Joda-Time's own tests, TestISOPeriodFormat.testFormatStandard and testFormatStandard_negative
    # (JodaOrg/joda-time, src/test/java/org/joda/time/format/TestISOPeriodFormat.java at 5d08a1cd);
    # the rows whose PeriodType is not standard() are left out: Chronos's periods are standard
    (_period(1, 2, 3, 4, 5, 6, 7, 8), "P1Y2M3W4DT5H6M7.008S"),
    (_period(1, 2, 3, 4, 5, 6, 7, 0), "P1Y2M3W4DT5H6M7S"),
    (_period(0, 0, 0, 0, 0, 0, 0, 0), "PT0S"),
    (_period(1, 0, 0, 4, 5, 6, 7, 8), "P1Y4DT5H6M7.008S"),  # YEAR_DAY_PERIOD's fields
    (_period(1, 2, 3, 4, 0, 0, 0, 0), "P1Y2M3W4D"),  # DATE_PERIOD
    (_period(0, 0, 0, 0, 5, 6, 7, 8), "PT5H6M7.008S"),  # TIME_PERIOD
    (_period(-1, -2, -3, -4, -5, -6, -7, -8), "P-1Y-2M-3W-4DT-5H-6M-7.008S"),
    (_period(-54, 0, 0, 0, 0, 0, 0, 0), "P-54Y"),  # Period.years(-54)
    (_period(0, 0, 0, 0, 0, 0, 4, -8), "PT3.992S"),  # Period.seconds(4).withMillis(-8)
    (_period(0, 0, 0, 0, 0, 0, -4, 8), "PT-3.992S"),  # Period.seconds(-4).withMillis(8)
    (_period(0, 0, 0, 0, 0, 0, -23, 0), "PT-23S"),
    (_period(0, 0, 0, 0, 0, 0, 0, -8), "PT-0.008S"),  # Period.millis(-8)
    # CHRONOS.md §1.3-§1.4 and S21
    (Duration.parse("PT1.5S"), "PT1.500S"),
    (Duration.parse("PT0.25S"), "PT0.250S"),
    (Duration.parse("PT0.001S"), "PT0.001S"),
    (Duration.parse("PT36H"), "PT36H"),  # no normalisation
    (Duration.parse("PT90M"), "PT90M"),
    (Duration.parse("P1W1D"), "P1W1D"),  # weeks combined with days, as Joda allows
    (Duration.parse("P1M2W"), "P1M2W"),
    (Duration.parse("P0D"), "PT0S"),  # zero, whichever unit wrote it
    (Duration.parse("P0Y0M"), "PT0S"),
    (Duration.parse("P1DT0H"), "P1D"),  # zero fields are left out
    # Joda has no fractional hours or minutes: the fraction is written in the smaller fields
    (Duration.parse("PT1.5H"), "PT1H30M"),
    (Duration.parse("PT0.5H"), "PT30M"),
    (Duration.parse("PT1.5M"), "PT1M30S"),
    (Duration.parse("PT1.25M"), "PT1M15S"),
    (Duration.parse("PT0.001H"), "PT3.600S"),
    (Duration.parse("PT1.0005H"), "PT1H1.800S"),
    (Duration.parse("PT2H30.5M"), "PT2H30M30S"),
    (Duration.parse("P1DT0.75H"), "P1DT45M"),
]


@pytest.mark.parametrize(("period", "printed"), JODA_PERIODS)
def test_s21_format_joda_period(period: Duration, printed: str) -> None:
    assert format_joda_period(period) == printed


@pytest.mark.parametrize("text", ["PT0.0001S", "PT1.0005S", "PT0.0000001H", "PT1.0000001M", "PT0.000001S"])
def test_s21_format_joda_period_refuses_what_joda_cannot_hold(text: str) -> None:
    with pytest.raises(ValueError, match="Chronos keeps milliseconds") as caught:
        format_joda_period(Duration.parse(text))
    assert str(caught.value) == f"Chronos keeps milliseconds: {text} would become a different period"
    assert not isinstance(caught.value, ScheduleError)  # no text to point into: the schedule's format does


def _joda_period_oracle(fields: tuple[int, int, int, int, int, int, int, int]) -> str:
    """``ISOPeriodFormat.standard().print`` from CHRONOS.md §1.3-§1.4: P, the non-zero date fields
    with their letters, T and the non-zero hours and minutes, the seconds and millis together as
    one signed decimal with three digits when there are millis; all zero is PT0S."""
    years, months, weeks, days, hours, minutes, seconds, millis = fields
    date = "".join(f"{v}{u}" for v, u in ((years, "Y"), (months, "M"), (weeks, "W"), (days, "D")) if v)
    time = "".join(f"{v}{u}" for v, u in ((hours, "H"), (minutes, "M")) if v)
    total = seconds * 1000 + millis
    if total:
        whole, part = divmod(abs(total), 1000)
        time += ("-" if total < 0 else "") + str(whole) + (f".{part:03d}" if part else "") + "S"
    if not (date or time):
        return "PT0S"
    return "P" + date + ("T" + time if time else "")


_FIELD: Final = st.integers(-(10**6), 10**6) | st.sampled_from([0, 0, 0, 1, -1])


@settings(SETTINGS)
@given(
    st.tuples(_FIELD, _FIELD, _FIELD, _FIELD, _FIELD, _FIELD, _FIELD, st.integers(-999, 999)),
)
@example((0, 0, 0, 0, 0, 0, 1, -500))  # PT0.500S
@example((0, 0, 0, 0, 0, 0, -1, 500))  # PT-0.500S
@example((0, 0, 0, 0, 0, 0, 0, 0))
def test_s21_format_joda_period_matches_an_independent_printer(
    fields: tuple[int, int, int, int, int, int, int, int],
) -> None:
    printed = format_joda_period(_period(*fields))
    assert printed == _joda_period_oracle(fields)
    # Chronos reads the text back as the same period (its own reader, Joda's parser): so every
    # stored text prints the same again.
    again = dialect_named("chronos")
    assert again.read_duration is not None
    assert format_joda_period(again.read_duration(printed)) == printed


# -- format_chronos: the forms and errors the S21 tables elsewhere do not show ----------------


@pytest.mark.parametrize(
    ("text", "tz", "stored"),
    [
        # S16: the period is the elapsed time between start and end, as Joda's int fields
        ("R/2026-01-01T00:00:00Z/2026-01-02T01:00:00.5Z", None, "R/2026-01-01T00:00:00.000Z/PT25H0.500S"),
        (
            "R2/2014-03-09T00:00:00/2014-03-10T00:00:00",
            "America/Los_Angeles",
            "R2/2014-03-09T00:00:00.000-08:00/PT23H",
        ),
        # an empty start prints empty, and without the zone suffix the iso text carries
        ("R//P1D[Europe/Berlin]", None, "R//P1D"),
        ("R5//PT1.5H", "Asia/Tokyo", "R5//PT1H30M"),
        # the start in the offset it has at that instant, no suffix (scheduleTimeZone keeps the zone)
        ("R/2014-10-26T02:30:00+01:00[Europe/Berlin]/PT1H", None, "R/2014-10-26T02:30:00.000+01:00/PT1H"),
        ("R/2014-10-26T02:30:00+02:00[Europe/Berlin]/PT1H", None, "R/2014-10-26T02:30:00.000+02:00/PT1H"),
        # a fraction finer than a millisecond in the start is truncated (Chronos truncates it)
        ("R/2026-01-01T00:00:00.0009999Z/P1D", None, "R/2026-01-01T00:00:00.000Z/P1D"),
        ("R/1969-12-31T23:59:59.9999999Z/P1D", None, "R/1969-12-31T23:59:59.999Z/P1D"),
        # the alternative duration form prints as Joda's fields
        ("R/2026-01-01T00:00:00Z/P0001-02-03T04:05:06", None, "R/2026-01-01T00:00:00.000Z/P1Y2M3DT4H5M6S"),
    ],
)
def test_s21_format_chronos_forms(text: str, tz: str | None, stored: str) -> None:
    schedule = isorepeat.parse(text, tz=tz)
    assert format_chronos(schedule) == schedule.format(dialect="chronos") == stored


@pytest.mark.parametrize(
    ("text", "column", "message", "hint"),
    [
        # R/P: the period as Joda prints it when it can, else as written
        (
            "R/PT1.5H",
            2,
            "Chronos has no form R/<period>: it counts from a start",
            "resolve(now) gives the schedule a start; or write R/<start>/PT1H30M",
        ),
        (
            "R/PT0.0001S",
            2,
            "Chronos has no form R/<period>: it counts from a start",
            "resolve(now) gives the schedule a start; or write R/<start>/PT0.0001S",
        ),
        (
            "R/P1D[Europe/Berlin]",
            2,
            "Chronos has no form R/<period>: it counts from a start",
            "resolve(now) gives the schedule a start; or write R/<start>/P1D",
        ),
        # R/P/end: the first run, in the offset it has (a day before a DST change)
        (
            "R2/P1D/2014-03-10T02:30:00-07:00[America/Los_Angeles]",
            3,
            "Chronos has no form R/<period>/<end>: it counts from a start",
            "write R2/2014-03-08T02:30:00.000-08:00/P1D, from its first run",
        ),
        (
            "R5/PT1.5H/2008-05-11T15:30:00Z",
            3,
            "Chronos has no form R/<period>/<end>: it counts from a start",
            "write R5/2008-05-11T08:00:00.000Z/PT1H30M, from its first run",
        ),
        # finer than a millisecond: at the first digit Joda drops, or at the period for H and M
        (
            "R/2026-01-01T00:00:00Z/PT1.0000001M",
            23,
            "Chronos keeps milliseconds: it would read the period PT1.0000001M as PT1M",
            "write the period in whole milliseconds",
        ),
        (
            "R/2026-01-01T00:00:00Z/P1DT0.000001S",
            32,
            "Chronos keeps milliseconds: it would read the period P1DT0.000001S as P1D",
            "write the period in whole milliseconds",
        ),
        (
            "R//PT0.0005S",
            10,
            "Chronos keeps milliseconds: it would read the period PT0.0005S as PT0S",
            "write the period in whole milliseconds",
        ),
    ],
)
def test_s21_format_chronos_raises_where_chronos_cannot_store(
    text: str, column: int, message: str, hint: str
) -> None:
    schedule = isorepeat.parse(text)
    with pytest.raises(ScheduleError) as caught:
        format_chronos(schedule)
    error = caught.value
    assert (error.text, error.column, error.message, error.hint) == (str(schedule), column, message, hint)


def test_s21_format_chronos_hint_keeps_the_count_of_r_period() -> None:
    with pytest.raises(ScheduleError) as caught:
        format_chronos(isorepeat.parse("R3/PT1H"))
    assert caught.value.hint == "resolve(now) gives the schedule a start; or write R3/<start>/PT1H"


# -- reparse_chronos: the repr's arguments ----------------------------------------------------

REPARSED = [
    # each row: text, parse keywords, reparse_chronos's text and keywords
    ("R5/2008-03-01T13:00:00Z/PT1.5S", {}, "R5/2008-03-01T13:00:00.000Z/PT1.500S", {"dialect": "chronos"}),
    # scheduleTimeZone: under the zone's own name (PST is Los Angeles to Joda)
    (
        "R/2008-03-01T13:00:00Z/P1D",
        {"tz": "PST"},
        "R/2008-03-01T13:00:00.000-08:00/P1D",
        {"tz": "America/Los_Angeles", "dialect": "chronos"},
    ),
    (
        "R/2008-03-01T13:00:00Z/P1D",
        {"tz": "Etc/GMT+5"},
        "R/2008-03-01T13:00:00.000-05:00/P1D",
        {"tz": "Etc/GMT+5", "dialect": "chronos"},
    ),
    # an unknown zone is UTC to Chronos: the repr names the zone it used
    (
        "R/2008-03-01T13:00:00Z/P1D",
        {"tz": "Foo"},
        "R/2008-03-01T13:00:00.000Z/P1D",
        {"tz": "UTC", "dialect": "chronos"},
    ),
    # a start read in the JVM zone: printed as written, without an offset, with the JVM zone
    (
        "R/2008-03-01T13:00:00/P1D",
        {"jvm_zone": "Europe/Berlin"},
        "R/2008-03-01T13:00:00.000/P1D",
        {"jvm_zone": "Europe/Berlin", "dialect": "chronos"},
    ),
    # ... but a start with its own offset does not need it
    (
        "R/2008-03-01T13:00:00Z/P1D",
        {"jvm_zone": "Europe/Berlin"},
        "R/2008-03-01T13:00:00.000Z/P1D",
        {"dialect": "chronos"},
    ),
    # the version, unless it is the default
    (
        "R/2008-03-01T13:00:00Z/P1D",
        {"version": "2"},
        "R/2008-03-01T13:00:00.000Z/P1D",
        {"version": "2", "dialect": "chronos"},
    ),
    (
        "R/2008-03-01T13:00:00Z/P1D",
        {"version": "3"},
        "R/2008-03-01T13:00:00.000Z/P1D",
        {"dialect": "chronos"},
    ),
    # an empty start without a zone is a start like any other once read: now - 1 s (HEAD), now (2.5.1)
    ("R//PT1H", {"now": NOW}, "R/2026-01-15T11:59:59.000Z/PT1H", {"dialect": "chronos"}),
    (
        "R//PT1H",
        {"now": NOW, "version": "2"},
        "R/2026-01-15T12:00:00.000Z/PT1H",
        {"version": "2", "dialect": "chronos"},
    ),
    # in UTC, the zone it is read in is the one it is re-read in: nothing to say
    ("R//PT1H", {"now": NOW, "tz": "UTC"}, "R/2026-01-15T11:59:59.000Z/PT1H", {"dialect": "chronos"}),
    # read in UTC and re-read in the schedule zone from run 1 on (CHRONOS.md §2): the empty start
    # read at that now, since no stored text says both
    (
        "R//PT1H",
        {"now": NOW, "tz": "America/New_York"},
        "R//PT1H",
        {"tz": "America/New_York", "now": NOW, "dialect": "chronos"},
    ),
    (
        "R5//P1D",
        {"now": NOW, "tz": "Australia/Sydney", "version": "2"},
        "R5//P1D",
        {"tz": "Australia/Sydney", "now": NOW, "version": "2", "dialect": "chronos"},
    ),
    # now to the millisecond: Chronos's clock has no more
    (
        "R//PT1H",
        {"now": NOW + timedelta(microseconds=123_456), "tz": "EST"},
        "R//PT1H",
        {"tz": "America/New_York", "now": NOW + timedelta(microseconds=123_000), "dialect": "chronos"},
    ),
]


@pytest.mark.parametrize(("text", "kwargs", "reread", "keywords"), REPARSED)
def test_s21_reparse_chronos(
    text: str, kwargs: dict[str, object], reread: str, keywords: dict[str, object]
) -> None:
    schedule = _chronos(text, **kwargs)
    assert reparse_chronos(schedule) == (reread, keywords)
    assert list(keywords) == list(reparse_chronos(schedule)[1])  # the repr's order, dialect last
    assert _evaluated(schedule) == schedule


@pytest.mark.parametrize(
    ("text", "kwargs"),
    [
        ("R/2008-03-01T13:00:00Z/P1D", {"tz": "GMT+05:30"}),
        ("R/2008-03-01T13:00:00Z/P1D", {"tz": "GMT-8"}),
        ("R//PT1H", {"tz": "GMT+05:30", "now": NOW}),  # the empty start re-read in the zone
    ],
)
def test_s21_repr_of_a_custom_gmt_zone_evaluates_back(text: str, kwargs: dict[str, object]) -> None:
    schedule = _chronos(text, **kwargs)
    assert _evaluated(schedule) == schedule


_TZS: Final = (
    None,
    "America/New_York",
    "Europe/Berlin",
    "Australia/Lord_Howe",
    "Asia/Tokyo",
    "PST",
    "BST",
    "Etc/GMT+5",
    "UTC",
    "Foo",
)
_PERIODS: Final = ("PT1H", "P1D", "P1M", "PT1.5S", "P-1D", "P1W1D", "PT0S", "P1Y")


@st.composite
def _chronos_schedules(draw: st.DrawFn) -> tuple[str, dict[str, object]]:
    """A schedule text and the keywords of its parse: written starts (offset or not, in the JVM
    zone or not) and empty ones read at a drawn now, every kind of scheduleTimeZone, both versions."""
    count = draw(st.sampled_from(["R", "R0", "R1", "R3", "R10"]))
    period = draw(st.sampled_from(_PERIODS))
    kwargs: dict[str, object] = {}
    if draw(st.booleans()):
        moment = draw(st.datetimes(datetime(1971, 1, 1), datetime(2037, 12, 31)))
        start = moment.isoformat(timespec="milliseconds") + draw(
            st.sampled_from(["", "Z", "+05:30", "-08:00"])
        )
        if draw(st.booleans()):
            kwargs["jvm_zone"] = draw(st.sampled_from(["Europe/Berlin", "America/Los_Angeles", "UTC"]))
    else:
        start = ""
    kwargs["now"] = draw(st.datetimes(datetime(1971, 1, 1), datetime(2037, 12, 31), timezones=st.just(UTC)))
    tz = draw(st.sampled_from(_TZS))
    if tz is not None:
        kwargs["tz"] = tz
    version = draw(st.sampled_from([None, "2", "3"]))
    if version is not None:
        kwargs["version"] = version
    return f"{count}/{start}/{period}", kwargs


@settings(SETTINGS)
@given(_chronos_schedules())
@example(("R//PT1H", {"tz": "America/New_York", "now": NOW}))
@example(("R5//PT179H", {"tz": "Australia/Sydney", "now": datetime(2023, 10, 5, 19, 1, 46, tzinfo=UTC)}))
@example(("R//PT1H", {"tz": "Europe/Berlin", "now": NOW, "version": "2"}))
@example(("R/2014-10-26T02:30:00.000/PT1H", {"jvm_zone": "Europe/Berlin", "now": NOW}))  # an overlap
def test_s21_every_repr_evaluates_to_an_equal_schedule(case: tuple[str, dict[str, object]]) -> None:
    text, kwargs = case
    try:
        schedule = _chronos(text, **kwargs)
    except ScheduleError:
        return  # a start in a gap of the JVM zone, which Chronos rejects (S34): no schedule, no repr
    again = _evaluated(schedule)
    assert again == schedule
    assert str(again) == str(schedule) == format_chronos(schedule)
    assert again.start == schedule.start
    assert again.chain_zone == schedule.chain_zone
    assert list(itertools.islice(again.occurrences(), 4)) == list(itertools.islice(schedule.occurrences(), 4))
    # and create() stores what the schedule prints (a start is what Chronos read)
    assert schedule.start is not None
    assert create(schedule.repetitions, schedule.start, schedule.period) == str(schedule)


def test_s21_reparse_chronos_of_an_iso_schedule_reads_it_in_the_chronos_dialect() -> None:
    # reparse_chronos is the chronos dialect's: given an iso schedule it still says how Chronos
    # would read what it stores (the zone by name, the dialect chronos).
    schedule = isorepeat.parse("R/2012-07-31T09:00:00/P1M", tz="Europe/Berlin")
    text, keywords = reparse_chronos(schedule)
    assert (text, keywords) == (
        "R/2012-07-31T09:00:00.000+02:00/P1M",
        {"tz": "Europe/Berlin", "dialect": "chronos"},
    )
    reread = _chronos(text, tz="Europe/Berlin")
    assert reread.start == schedule.start
    # re-read in the zone, not in the offset printed: the winter runs are at +01:00
    assert reread.zone == reread.chain_zone == schedule.zone != FixedZone(7200)
    assert reread.occurrence(3, mode="anchored") == schedule[3] == datetime(2012, 10, 31, 8, tzinfo=UTC)
