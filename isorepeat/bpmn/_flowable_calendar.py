"""``java.util.GregorianCalendar`` as Flowable's and Activiti's ``DurationHelper.add`` drives it.

``add(calendar, duration)`` calls ``calendar.add`` six times, smallest field first (the comment in
``DurationHelper.java`` says reversing xerces' order fixes DST): SECOND, MINUTE, HOUR add elapsed
milliseconds; DAY_OF_MONTH keeps the wall time with the old offset and then corrects by the
offset change unless that changes the day (so 02:30 on the day a Berlin gap skips becomes 01:30,
and stays there); MONTH and YEAR set the fields, pin the day to the month's end and recompute the
instant from the wall time (``ZoneInfo.getOffsetsByWall``: a time in a gap keeps the offset before
it and moves forward, a time in an overlap takes the offset after it, the later instant; the JDK's
``SimpleTimeZone`` rule past 2037 resolves both the same way). A zero amount changes nothing.
Dates before 1582-10-15 are Julian, as in every calendar with the default cutover, so a start in
1500 keeps its Julian day of the month after 1582. The calendar's zone is a ``java.util.TimeZone``
(``sun.util.calendar.ZoneInfo``), whose table starts in 1900 (``ZoneInfoFile``): before 1900 it
gives the zone's last standard offset (Berlin +01:00), not the local mean time the tz database
and java.time have (+00:53:28). All of it is integer milliseconds (Java's ``long``), for any year.
"""

from __future__ import annotations

import functools
from typing import Final

from isorepeat.bpmn._flowable_period import XmlPeriod
from isorepeat.bpmn._java import java_int
from isorepeat.units import NS_PER_MS
from isorepeat.zones import Gap, Overlap, Unique, Zone

__all__ = [
    "MAX_MS",
    "MIN_MS",
    "MS_PER_DAY",
    "add_period",
    "gregorian_days",
    "hybrid_days",
    "instant_text",
    "is_representable",
    "linear_step",
    "local_seconds_text",
    "offset_ms",
]

MS_PER_DAY: Final = 86_400_000
MIN_MS: Final = -62_135_596_800_000
"""0001-01-01T00:00:00Z."""
MAX_MS: Final = 253_402_300_799_999
"""9999-12-31T23:59:59.999Z."""
_EPOCH_JDN: Final = 2_440_588
_CUTOVER_DAYS: Final = -141_427  # 1582-10-15 (Gregorian), the day after 1582-10-04 (Julian)
_CUTOVER_YEAR: Final = 1582
_MONTH_LENGTH: Final = (0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
_UTC_1900: Final = -2_208_988_800_000  # ZoneInfoFile's UTC1900: where ZoneInfo's table begins
_RAW_PROBES: Final = (2_115_936_000_000, 2_131_574_400_000)  # 2037-01-19, 2037-07-19


def is_representable(millis: int) -> bool:
    """Within the years 0001-9999 (UTC), where ``datetime`` can follow the engine."""
    return MIN_MS <= millis <= MAX_MS


def offset_ms(zone: Zone, millis: int) -> int:
    """``TimeZone.getOffset(millis)``: the tz database's offset from 1900, the last standard offset
    before it (``ZoneInfo.getOffsets``: "prior to the transition table, returns the raw offset")."""
    if millis < _UTC_1900:
        return _raw_offset_ms(zone)
    return zone.offset_at(millis * NS_PER_MS) * 1000


@functools.lru_cache(maxsize=64)
def _raw_offset_ms(zone: Zone) -> int:
    """``ZoneInfo``'s raw offset: the standard offset at the end of its table, the smaller of
    2037's winter and summer offsets."""
    return min(zone.offset_at(moment * NS_PER_MS) for moment in _RAW_PROBES) * 1000


def _wall_offset_ms(zone: Zone, wall: int) -> int:
    """``ZoneInfo.getOffsetsByWall``: a gap keeps the offset before it (the time moves forward),
    an overlap takes the offset after it (the later instant); the raw offset before 1900."""
    if wall < _UTC_1900 + zone.offset_at(_UTC_1900 * NS_PER_MS) * 1000:
        return _raw_offset_ms(zone)
    match zone.resolve(wall * NS_PER_MS):
        case Unique(offset):
            return offset * 1000
        case Gap(before, _):
            return before * 1000
        case Overlap(_, later):
            return later * 1000
    raise AssertionError  # pragma: no cover - the match is exhaustive


# -- the two calendars ---------------------------------------------------------------------------


def gregorian_days(year: int, month: int, day: int) -> int:
    """Days since 1970-01-01 of a proleptic Gregorian date (month 1-12, day may overflow)."""
    shift = (14 - month) // 12
    y = year + 4800 - shift
    m = month + 12 * shift - 3
    return day + (153 * m + 2) // 5 + 365 * y + y // 4 - y // 100 + y // 400 - 32_045 - _EPOCH_JDN


def _julian_days(year: int, month: int, day: int) -> int:
    shift = (14 - month) // 12
    y = year + 4800 - shift
    m = month + 12 * shift - 3
    return day + (153 * m + 2) // 5 + 365 * y + y // 4 - 32_083 - _EPOCH_JDN


def _gregorian_date(days: int) -> tuple[int, int, int]:
    a = days + _EPOCH_JDN + 32_044
    b = (4 * a + 3) // 146_097
    c = a - 146_097 * b // 4
    d = (4 * c + 3) // 1461
    e = c - 1461 * d // 4
    m = (5 * e + 2) // 153
    return 100 * b + d - 4800 + m // 10, m + 3 - 12 * (m // 10), e - (153 * m + 2) // 5 + 1


def _julian_date(days: int) -> tuple[int, int, int]:
    c = days + _EPOCH_JDN + 32_082
    d = (4 * c + 3) // 1461
    e = c - 1461 * d // 4
    m = (5 * e + 2) // 153
    return d - 4800 + m // 10, m + 3 - 12 * (m // 10), e - (153 * m + 2) // 5 + 1


def _hybrid_date(days: int) -> tuple[int, int, int]:
    """The calendar fields of a day: Gregorian from the cutover on, Julian before it."""
    return _gregorian_date(days) if days >= _CUTOVER_DAYS else _julian_date(days)


def hybrid_days(year: int, month: int, day: int) -> int:
    """``computeTime``'s day: the Gregorian reading if it falls on or after the cutover, else
    the Julian one (in 1582 too, where the ten missing days read as Julian give Gregorian dates)."""
    days = gregorian_days(year, month, day)
    return days if days >= _CUTOVER_DAYS else _julian_days(year, month, day)


def _is_leap(year: int, *, proleptic: bool) -> bool:
    """``GregorianCalendar.isLeapYear``: Gregorian after 1582, Julian before, 1582 is neither."""
    if year > _CUTOVER_YEAR or proleptic:
        return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
    return year < _CUTOVER_YEAR and year % 4 == 0


def _month_length(year: int, month: int, *, proleptic: bool) -> int:
    return _MONTH_LENGTH[month] + (month == 2 and _is_leap(year, proleptic=proleptic))


# -- Calendar.add --------------------------------------------------------------------------------


def add_period(millis: int, period: XmlPeriod, zone: Zone, *, proleptic: bool = False) -> int:
    """``DurationHelper.add(calendar, period)`` on a calendar at ``millis`` in ``zone``.

    ``proleptic``: the calendar is ``GregorianCalendar.from(zonedDateTime)`` (Gregorian in every
    year), as Flowable's parsed start is where ``DurationHelper`` adds to it directly (a
    ``timeDuration`` with a start); every other calendar here has the 1582 cutover.
    """
    seconds, minutes, hours, days, months, years = period.signed()
    millis += seconds * 1000 + minutes * 60_000 + hours * 3_600_000
    if days:
        millis = _add_days(millis, days, zone)
    if months:
        year, month, day, time_of_day = _fields(millis, zone, proleptic=proleptic)
        month0 = java_int(month - 1 + months)
        millis = _from_fields(
            year + month0 // 12, month0 % 12 + 1, day, time_of_day, zone, proleptic=proleptic
        )
    if years:
        year, month, day, time_of_day = _fields(millis, zone, proleptic=proleptic)
        millis = _from_fields(java_int(year + years), month, day, time_of_day, zone, proleptic=proleptic)
    return millis


def linear_step(period: XmlPeriod, zone: Zone) -> tuple[int, int | None] | None:
    """``(step, until)``: :func:`add_period` adds ``step`` ms to any instant before ``until``
    (``None``: any instant at all); ``None`` where the step always depends on the instant.

    Months and years always do; days do wherever the zone's offset changes, which a fixed-offset
    zone never does and ``ZoneInfo`` does not before 1900.
    """
    seconds, minutes, hours, days, months, years = period.signed()
    if months or years:
        return None
    step = seconds * 1000 + minutes * 60_000 + hours * 3_600_000 + days * MS_PER_DAY
    if not days or zone.fixed_offset is not None:
        return step, None
    return step, _UTC_1900 - 2 * MS_PER_DAY


def _add_days(millis: int, amount: int, zone: Zone) -> int:
    """The day branch of ``GregorianCalendar.add``: wall time kept with the old offset, then
    corrected by the offset change, unless the correction moves it to another day."""
    old = offset_ms(zone, millis)
    day, time_of_day = divmod(millis + old, MS_PER_DAY)
    day += amount
    moved = day * MS_PER_DAY + time_of_day - old
    change = old - offset_ms(zone, moved)
    if change:
        corrected = moved + change
        if (corrected + offset_ms(zone, corrected)) // MS_PER_DAY == day:
            return corrected
    return moved


def _fields(millis: int, zone: Zone, *, proleptic: bool = False) -> tuple[int, int, int, int]:
    """(year, month 1-12, day, ms of the day) of an instant's wall time in ``zone``."""
    days, time_of_day = divmod(millis + offset_ms(zone, millis), MS_PER_DAY)
    year, month, day = _gregorian_date(days) if proleptic else _hybrid_date(days)
    return year, month, day, time_of_day


def _from_fields(year: int, month: int, day: int, time_of_day: int, zone: Zone, *, proleptic: bool) -> int:
    """``pinDayOfMonth`` then ``computeTime``: the wall time resolved by ``getOffsetsByWall``."""
    day = min(day, _month_length(year, month, proleptic=proleptic))
    days = gregorian_days(year, month, day) if proleptic else hybrid_days(year, month, day)
    wall = days * MS_PER_DAY + time_of_day
    return wall - _wall_offset_ms(zone, wall)


# -- the texts prepareRepeat writes ---------------------------------------------------------------


def instant_text(millis: int) -> str:
    """``Instant.toString()``: UTC, seconds always, milliseconds when there are any (Flowable)."""
    days, rest = divmod(millis, MS_PER_DAY)
    year, month, day = _gregorian_date(days)
    seconds, fraction = divmod(rest, 1000)
    clock = f"{seconds // 3600:02d}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"
    return f"{year:04d}-{month:02d}-{day:02d}T{clock}{f'.{fraction:03d}' if fraction else ''}Z"


def local_seconds_text(millis: int, zone: Zone) -> str:
    """``new SimpleDateFormat("yyyy-MM-dd'T'HH:mm:ss").format(date)`` in the JVM zone (Activiti):
    the wall time without offset or milliseconds."""
    year, month, day, time_of_day = _fields(millis, zone)
    seconds = time_of_day // 1000
    return (
        f"{year:04d}-{month:02d}-{day:02d}T{seconds // 3600:02d}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"
    )
