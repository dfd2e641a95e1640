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
1500 keeps its Julian day of the month after 1582. All of it is integer milliseconds (Java's
``long``), for any year.
"""

from __future__ import annotations

from typing import Final

from isorepeat.bpmn._flowable_period import XmlPeriod
from isorepeat.bpmn._flowable_text import java_int
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


def is_representable(millis: int) -> bool:
    """Within the years 0001-9999 (UTC), where ``datetime`` can follow the engine."""
    return MIN_MS <= millis <= MAX_MS


def offset_ms(zone: Zone, millis: int) -> int:
    """The zone's offset at an instant, in milliseconds."""
    return zone.offset_at(millis * NS_PER_MS) * 1000


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


def _is_leap(year: int) -> bool:
    """``GregorianCalendar.isLeapYear``: Gregorian after 1582, Julian before, 1582 is neither."""
    if year > _CUTOVER_YEAR:
        return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
    return year < _CUTOVER_YEAR and year % 4 == 0


def _month_length(year: int, month: int) -> int:
    return _MONTH_LENGTH[month] + (month == 2 and _is_leap(year))


# -- Calendar.add --------------------------------------------------------------------------------


def add_period(millis: int, period: XmlPeriod, zone: Zone) -> int:
    """``DurationHelper.add(calendar, period)`` on a calendar at ``millis`` in ``zone``."""
    seconds, minutes, hours, days, months, years = period.signed()
    millis += seconds * 1000 + minutes * 60_000 + hours * 3_600_000
    if days:
        millis = _add_days(millis, days, zone)
    if months:
        millis = _add_months(millis, months, zone)
    if years:
        millis = _add_years(millis, years, zone)
    return millis


def linear_step(period: XmlPeriod, zone: Zone) -> int | None:
    """What :func:`add_period` adds to any instant, or ``None`` where that depends on the instant
    (months and years always do; days wherever the zone's offset changes)."""
    seconds, minutes, hours, days, months, years = period.signed()
    if months or years or (days and zone.fixed_offset is None):
        return None
    return seconds * 1000 + minutes * 60_000 + hours * 3_600_000 + days * MS_PER_DAY


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


def _add_months(millis: int, amount: int, zone: Zone) -> int:
    year, month, day, time_of_day = _fields(millis, zone)
    month0 = java_int(month - 1 + amount)
    return _from_fields(year + month0 // 12, month0 % 12 + 1, day, time_of_day, zone)


def _add_years(millis: int, amount: int, zone: Zone) -> int:
    year, month, day, time_of_day = _fields(millis, zone)
    return _from_fields(java_int(year + amount), month, day, time_of_day, zone)


def _fields(millis: int, zone: Zone) -> tuple[int, int, int, int]:
    """(year, month 1-12, day, ms of the day) of an instant's wall time in ``zone``."""
    days, time_of_day = divmod(millis + offset_ms(zone, millis), MS_PER_DAY)
    year, month, day = _hybrid_date(days)
    return year, month, day, time_of_day


def _from_fields(year: int, month: int, day: int, time_of_day: int, zone: Zone) -> int:
    """``pinDayOfMonth`` then ``computeTime``: the wall time resolved by ``getOffsetsByWall``."""
    day = min(day, _month_length(year, month))
    wall = hybrid_days(year, month, day) * MS_PER_DAY + time_of_day
    match zone.resolve(wall * NS_PER_MS):
        case Unique(offset):
            return wall - offset * 1000
        case Gap(before, _):
            return wall - before * 1000
        case Overlap(_, later):
            return wall - later * 1000
    raise AssertionError  # pragma: no cover - the match is exhaustive


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
