"""``javax.xml.datatype.Duration`` and the ``java.util.GregorianCalendar`` it is added to.

Camunda 7's ``DurationHelper`` (and Flowable's and Activiti's) read a cycle's period with
``DatatypeFactory.newDuration(text)`` and step through the cycle with ``duration.addTo(calendar)``
on a ``new GregorianCalendar()`` in the JVM's zone. Both are the JDK's own classes, so this module
models them as the JDK does, not as ISO 8601 reads a period:

* :func:`parse_xml_duration` is ``DurationImpl(String)`` (JDK ``com.sun.org.apache.xerces.
  internal.jaxp.datatype.DurationImpl``): ``[-]P[nY][nM][nD][T[nH][nM][n[.n]S]]`` with ASCII
  digits, a fraction only on seconds (``PT1.5M`` fails in ``new BigInteger("1.5")``), no comma
  (``PT1,5S``), no weeks, no lower case. Its errors carry the column at fault.
* :func:`duration_from_millis` is ``DurationImpl(long)``: the milliseconds read as an instant
  after 1970-01-01T00:00Z in a GMT calendar, so 35 days become ``P1M4D`` (1970-02-05), not 35 days.
* :func:`add_to` is ``Duration.addTo(Calendar)``, then ``getTimeInMillis``: ``calendar.add`` of
  YEAR, MONTH, DAY_OF_MONTH, HOUR, MINUTE, SECOND, then the seconds' fraction as MILLISECOND
  (truncated), each field as a Java ``int`` (``getYears()`` is ``BigInteger.intValue()``).
* :func:`calendar_add` is ``GregorianCalendar.add(field, amount)`` (JDK ``GregorianCalendar.java``):
  YEAR and MONTH set the fields, pin the day to the month's end and recompute the instant from the
  wall time (``ZoneInfo.getOffsetsByWall``: a time in a gap keeps the offset before it and so moves
  forward, a time in an overlap takes the offset after it, the later instant; from 2038, where the
  JDK's transition table ends and its ``SimpleTimeZone`` rule takes over, a gap takes the offset
  after it and moves back); DAY_OF_MONTH keeps the wall time with the old offset and corrects by
  the offset change unless that changes the day (so 02:30 in a Berlin gap becomes 01:30); the time
  fields add elapsed milliseconds. Dates before 1582-10-15 are Julian, as in every
  ``GregorianCalendar`` with the default cutover.

Instants are ``int`` milliseconds since the epoch (Java's ``long``); the calendar is integer
arithmetic for any year, so nothing here is bounded by ``datetime``.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_DOWN, Decimal, InvalidOperation
from typing import Final, Literal, NoReturn, TypeAlias, final

from isorepeat.units import NS_PER_MS
from isorepeat.zones import Gap, Overlap, Unique, Zone

__all__ = [
    "CalendarField",
    "XmlDuration",
    "XmlDurationError",
    "add_to",
    "calendar_add",
    "duration_from_millis",
    "java_int",
    "parse_xml_duration",
]

CalendarField: TypeAlias = Literal["YEAR", "MONTH", "DAY_OF_MONTH", "HOUR", "MINUTE", "SECOND", "MILLISECOND"]
"""The ``java.util.Calendar`` fields ``Duration.addTo`` adds, in its order."""

MS_PER_DAY: Final = 86_400_000
_TIME_FIELD_MS: Final[dict[str, int]] = {
    "HOUR": 3_600_000,
    "MINUTE": 60_000,
    "SECOND": 1_000,
    "MILLISECOND": 1,
}
_EPOCH_FIXED: Final = 719_163  # GregorianCalendar's EPOCH_OFFSET: the fixed date of 1970-01-01
_CUTOVER_FIXED: Final = 577_736  # 1582-10-15 (Gregorian), the day after 1582-10-04 (Julian)
_CUTOVER_YEAR: Final = 1582
_LAST_TABLE_YEAR: Final = 2037  # ZoneInfoFile's LASTYEAR: later wall times go to the SimpleTimeZone rule
_TABLE_START_MS: Final = -2_208_988_800_000  # 1900-01-01T00:00Z, where ZoneInfoFile's table starts
_RAW_PROBES: Final = (2_115_590_400 * 10**9, 2_131_228_800 * 10**9)  # 2037-01-15, 2037-07-15 (UTC)
_MONTH_LENGTH: Final = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
_HOUR_DESIGNATORS: Final = "HMS"
_DATE_DESIGNATORS: Final = "YMD"


def java_int(value: int) -> int:
    """``value`` cut to a Java ``int`` (``BigInteger.intValue()``, int overflow): the low 32 bits."""
    return (value + 2**31) % 2**32 - 2**31


def _java_long(value: int) -> int:
    return (value + 2**63) % 2**64 - 2**63


class XmlDurationError(Exception):
    """``DurationImpl(String)`` failed: ``message`` says why in words, ``column`` is the index of
    the character at fault in the text given to :func:`parse_xml_duration` (its end when the text
    ended too early), ``java_message`` the JDK exception's own message (``"PT1,5S"``,
    ``'For input string: "1.5"'``)."""

    def __init__(self, message: str, column: int, java_message: str) -> None:
        super().__init__(message, column, java_message)
        self.message = message
        self.column = column
        self.java_message = java_message


@final
@dataclass(frozen=True, slots=True)
class XmlDuration:
    """A ``DurationImpl``: a sign and six unsigned fields, ``None`` where the text has none.

    ``signum`` is 0 when every field is zero (``PT0S``), whatever the sign written; ``seconds``
    is exact (``BigDecimal``), the others are unbounded integers (``BigInteger``) until
    :meth:`int_fields` cuts them to Java ints, as ``getYears()`` ... ``getSeconds()`` do.
    """

    signum: int
    years: int | None = None
    months: int | None = None
    days: int | None = None
    hours: int | None = None
    minutes: int | None = None
    seconds: Decimal | None = None

    def negate(self) -> XmlDuration:
        """``Duration.negate()``: the same fields, the other sign (zero stays zero)."""
        return XmlDuration(
            -self.signum, self.years, self.months, self.days, self.hours, self.minutes, self.seconds
        )

    def int_fields(self) -> tuple[int, int, int, int, int, int, int]:
        """The amounts ``addTo`` passes to ``Calendar.add``, in its order: YEAR, MONTH,
        DAY_OF_MONTH, HOUR, MINUTE, SECOND (``getX() * signum`` in int arithmetic) and
        MILLISECOND (the seconds' fraction, truncated to milliseconds)."""
        sign = self.signum
        whole = [java_int(java_int(value or 0) * sign) for value in self._whole_fields()]
        millis = 0
        if self.seconds is not None:
            fraction = self.seconds - self.seconds.to_integral_value(rounding=ROUND_DOWN)
            millis = java_int(java_int(int(fraction.scaleb(3))) * sign)
        return whole[0], whole[1], whole[2], whole[3], whole[4], whole[5], millis

    def _whole_fields(self) -> tuple[int | None, ...]:
        seconds = None if self.seconds is None else int(self.seconds)  # intValue(): toward zero
        return (self.years, self.months, self.days, self.hours, self.minutes, seconds)

    def fixed_step(self, zone: Zone) -> int | None:
        """The milliseconds :func:`add_to` adds from any instant, or ``None`` when that depends
        on the instant: years and months always do, days only where the zone's offset changes."""
        years, months, days, hours, minutes, seconds, millis = self.int_fields()
        if years or months or (days and zone.fixed_offset is None):
            return None
        return (
            days * MS_PER_DAY
            + hours * _TIME_FIELD_MS["HOUR"]
            + minutes * _TIME_FIELD_MS["MINUTE"]
            + seconds * _TIME_FIELD_MS["SECOND"]
            + millis
        )


# -- DurationImpl(String) ----------------------------------------------------------------------


def parse_xml_duration(text: str, start: int = 0, end: int | None = None) -> XmlDuration:
    """``DatatypeFactory.newDuration(text[start:end])`` as the JDK parses it; columns index ``text``.

    :raises XmlDurationError: where ``DurationImpl(String)`` throws (``IllegalArgumentException``
        with the text as message, or ``NumberFormatException`` from ``BigInteger``/``BigDecimal``).
    """
    stop = len(text) if end is None else end
    whole = text[start:stop]
    pos = start
    positive = True
    if pos < stop and text[pos] == "-":
        positive = False
        pos += 1
    if pos < stop:
        if text[pos] != "P":
            _reject(f"a duration starts with P, not {text[pos]!r}", pos, whole)
        pos += 1
    date_parts: list[tuple[str, int]] = []
    while pos < stop and _is_digit(text[pos]) and len(date_parts) < 3:
        part_start = pos
        pos = _piece(text, pos, stop, whole)
        date_parts.append((text[part_start:pos], part_start))
    time_required = False
    if pos < stop:
        if text[pos] != "T":
            _reject(f"unexpected {text[pos]!r} where T or a date field should be", pos, whole)
        time_required = True
        pos += 1
    time_parts: list[tuple[str, int]] = []
    while pos < stop and (_is_digit(text[pos]) or text[pos] == ".") and len(time_parts) < 3:
        part_start = pos
        pos = _piece(text, pos, stop, whole)
        time_parts.append((text[part_start:pos], part_start))
    if time_required and not time_parts:
        _reject("T must be followed by hours, minutes or seconds", pos, whole)
    if pos != stop:
        _reject(f"unexpected {text[pos]!r} after the fields", pos, whole)
    if not date_parts and not time_parts:
        _reject("a duration needs at least one field", stop, whole)
    years, months, days = _organize(date_parts, _DATE_DESIGNATORS, whole)
    hours, minutes, seconds = _organize(time_parts, _HOUR_DESIGNATORS, whole)
    fields = (
        _big_integer(years, whole),
        _big_integer(months, whole),
        _big_integer(days, whole),
        _big_integer(hours, whole),
        _big_integer(minutes, whole),
    )
    exact_seconds = _big_decimal(seconds, whole)
    zero = all(not value for value in fields) and not exact_seconds
    signum = 0 if zero else (1 if positive else -1)
    return XmlDuration(signum, *fields, exact_seconds)


def _is_digit(char: str) -> bool:
    return "0" <= char <= "9"


def _reject(message: str, column: int, whole: str) -> NoReturn:
    raise XmlDurationError(message, column, whole)


def _piece(text: str, pos: int, stop: int, whole: str) -> int:
    """``parsePiece``: digits and periods, then any one character as the field's designator."""
    while pos < stop and (_is_digit(text[pos]) or text[pos] == "."):
        pos += 1
    if pos == stop:
        _reject("the number has no designator after it (Y, M, D, H, M or S)", stop, whole)
    return pos + 1


def _organize(
    parts: list[tuple[str, int]], designators: str, whole: str
) -> tuple[tuple[str, int] | None, tuple[str, int] | None, tuple[str, int] | None]:
    """``organizeParts``: each part's designator must come later in ``designators`` than the
    one before it (``YMD`` for the date, ``HMS`` for the time); the parts land in its slots."""
    slots: list[tuple[str, int] | None] = [None, None, None]
    limit = len(designators)
    for part, column in reversed(parts):
        designator = part[-1]
        index = designators.rfind(designator, 0, limit)
        if index < 0:
            where = column + len(part) - 1
            if designator in designators:
                _reject(f"{designator} is out of order or repeated: the order is {designators}", where, whole)
            _reject(f"{designator!r} is not a field here: the fields are {designators}", where, whole)
        slots[index] = (part, column)
        limit = index
    return slots[0], slots[1], slots[2]


def _big_integer(part: tuple[str, int] | None, whole: str) -> int | None:
    """``new BigInteger(digits)``: no fraction outside the seconds."""
    if part is None:
        return None
    digits, column = part[0][:-1], part[1]
    point = digits.find(".")
    if point >= 0 or not digits:
        designator = part[0][-1]
        raise XmlDurationError(
            f"only seconds may have a fraction: {digits}{designator} is not a whole number",
            column + max(point, 0),
            f'For input string: "{digits}"',
        )
    return int(digits)


def _big_decimal(part: tuple[str, int] | None, whole: str) -> Decimal | None:
    """``new BigDecimal(digits)``: one decimal point at most, and a digit somewhere."""
    if part is None:
        return None
    digits, column = part[0][:-1], part[1]
    second_point = digits.find(".", digits.find(".") + 1) if "." in digits else -1
    if second_point >= 0 or digits.strip(".") == "":
        where = column + (second_point if second_point >= 0 else 0)
        raise XmlDurationError(
            f"{digits!r} is not a decimal number", where, f'new BigDecimal("{digits}") fails'
        )
    try:
        return Decimal(digits)
    except InvalidOperation:  # pragma: no cover - the checks above leave only valid decimals
        raise XmlDurationError(f"{digits!r} is not a decimal number", column, whole) from None


# -- DurationImpl(long) ------------------------------------------------------------------------


def duration_from_millis(millis: int) -> XmlDuration:
    """``DatatypeFactory.newDuration(long)``: ``|millis|`` as an instant in a GMT calendar, each
    field the distance from 1970-01-01T00:00 (so ``86_400_000 * 31`` is ``P0Y1M0DT0H0M0.000S``)."""
    value = _java_long(millis)
    signum = (value > 0) - (value < 0)
    pinned_min = value == -(2**63)
    magnitude = abs(value + 1 if pinned_min else value)
    days, time_of_day = divmod(magnitude, MS_PER_DAY)
    year, month0, day = _gregorian_from_fixed(days + _EPOCH_FIXED)
    hours, rest = divmod(time_of_day, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    seconds = Decimal(rest + (1 if pinned_min else 0)).scaleb(-3)
    return XmlDuration(signum, year - 1970, month0, day - 1, hours, minutes, seconds)


# -- GregorianCalendar -------------------------------------------------------------------------


def add_to(duration: XmlDuration, millis: int, zone: Zone) -> int:
    """``Duration.addTo(calendar)`` on a ``GregorianCalendar`` at ``millis`` in ``zone``, then
    ``getTimeInMillis()``: what ``DurationHelper.add(date, duration)`` returns."""
    years, months, days, hours, minutes, seconds, fraction = duration.int_fields()
    time = millis
    for field, amount in (
        ("YEAR", years),
        ("MONTH", months),
        ("DAY_OF_MONTH", days),
        ("HOUR", hours),
        ("MINUTE", minutes),
        ("SECOND", seconds),
    ):
        time = calendar_add(time, field, amount, zone)  # type: ignore[arg-type]
    if duration.seconds is not None:
        time = calendar_add(time, "MILLISECOND", fraction, zone)
    return time


def calendar_add(millis: int, field: CalendarField, amount: int, zone: Zone) -> int:
    """``GregorianCalendar.add(field, amount)`` on a calendar at ``millis`` in ``zone``."""
    if amount == 0:
        return millis  # add() returns before it even completes the fields
    step = _TIME_FIELD_MS.get(field)
    if step is not None:
        return _java_long(millis + amount * step)
    if field == "DAY_OF_MONTH":
        return _add_days(millis, amount, zone)
    year, month0, day, time_of_day, gregorian = _fields(millis, zone)
    if field == "YEAR":
        year += amount
    else:
        month = java_int(month0 + amount)
        year += month // 12
        month0 = month % 12
    day = min(day, _month_length(year, month0))  # pinDayOfMonth
    fixed = _fixed_from_fields(year, month0, day, gregorian=gregorian)
    wall = (fixed - _EPOCH_FIXED) * MS_PER_DAY + time_of_day
    return wall - _offset_by_wall(zone, wall, year)


def _add_days(millis: int, amount: int, zone: Zone) -> int:
    """The day branch of ``add``: the wall time kept with the old offset, then corrected by the
    offset change, unless the correction changes the day (a gap: the wall time moves back)."""
    old_offset = _offset_ms(zone, millis)
    fixed, time_of_day = divmod(millis + old_offset, MS_PER_DAY)
    fixed += amount
    time = fixed * MS_PER_DAY + time_of_day - old_offset
    change = old_offset - _offset_ms(zone, time)
    if change:
        adjusted = time + change
        if (adjusted + _offset_ms(zone, adjusted)) // MS_PER_DAY == fixed:
            return adjusted
    return time


def _offset_ms(zone: Zone, millis: int) -> int:
    """``ZoneInfo.getOffsets(millis)``: the zone's offset, but before 1900 its raw offset, because
    ``ZoneInfoFile`` starts the JDK's table at 1900 (no local mean time)."""
    if millis < _TABLE_START_MS:
        return _raw_offset_ms(zone)
    return zone.offset_at(millis * NS_PER_MS) * 1000


def _raw_offset_ms(zone: Zone) -> int:
    """``ZoneInfo``'s ``rawOffset``, the zone's last standard offset: taken as the smaller of its
    January and July offsets in 2037, the last year of the JDK's table."""
    fixed = zone.fixed_offset
    if fixed is not None:
        return fixed * 1000
    return min(zone.offset_at(instant) for instant in _RAW_PROBES) * 1000


def _offset_by_wall(zone: Zone, wall: int, year: int) -> int:
    """``ZoneInfo.getOffsetsByWall``: the offset of the last transition whose wall time (in the
    offset after it) is not after ``wall``; past the transition table, ``SimpleTimeZone``'s rule
    read at ``wall - rawOffset``, which puts a gap's wall time in daylight time; before the table
    (1900), the raw offset."""
    if wall < _TABLE_START_MS + _raw_offset_ms(zone):
        return _raw_offset_ms(zone)
    match zone.resolve(wall * NS_PER_MS):
        case Unique(offset):
            return offset * 1000
        case Gap(before, after):
            return (after if year > _LAST_TABLE_YEAR else before) * 1000
        case Overlap(_, later):
            return later * 1000
    raise AssertionError  # pragma: no cover - the match is exhaustive


def _fields(millis: int, zone: Zone) -> tuple[int, int, int, int, bool]:
    """(astronomical year, month 0-11, day, ms of the day, Gregorian?) of ``millis`` in ``zone``."""
    days, time_of_day = divmod(millis + _offset_ms(zone, millis), MS_PER_DAY)
    fixed = days + _EPOCH_FIXED
    if fixed >= _CUTOVER_FIXED:
        year, month0, day = _gregorian_from_fixed(fixed)
        return year, month0, day, time_of_day, True
    year, month0, day = _julian_from_fixed(fixed)
    return year, month0, day, time_of_day, False


def _is_leap(year: int) -> bool:
    """``GregorianCalendar.isLeapYear``: Gregorian after 1582, Julian before (1582 is neither)."""
    if year & 3:
        return False
    if year > _CUTOVER_YEAR:
        return year % 100 != 0 or year % 400 == 0
    return year < _CUTOVER_YEAR


def _month_length(year: int, month0: int) -> int:
    return _MONTH_LENGTH[month0] + (month0 == 1 and _is_leap(year))


def _fixed_from_fields(year: int, month0: int, day: int, *, gregorian: bool) -> int:
    """``computeTime``'s choice of calendar: Gregorian after 1582, Julian before, and in 1582
    the one whose date is on the right side of the cutover (the previous one where both are)."""
    if year > _CUTOVER_YEAR:
        return _gregorian_fixed(year, month0, day)
    julian = _julian_fixed(year, month0, day)
    if year < _CUTOVER_YEAR:
        return julian
    greg = _gregorian_fixed(year, month0, day)
    if greg >= _CUTOVER_FIXED:
        return greg if julian >= _CUTOVER_FIXED or gregorian else julian
    return julian


def _gregorian_fixed(year: int, month0: int, day: int) -> int:
    before = year - 1
    leap_fix = 0 if month0 < 2 else (-1 if year % 4 == 0 and (year % 100 != 0 or year % 400 == 0) else -2)
    return (
        365 * before
        + before // 4
        - before // 100
        + before // 400
        + (367 * (month0 + 1) - 362) // 12
        + leap_fix
        + day
    )


def _julian_fixed(year: int, month0: int, day: int) -> int:
    before = year - 1
    leap_fix = 0 if month0 < 2 else (-1 if year % 4 == 0 else -2)
    return -2 + 365 * before + before // 4 + (367 * (month0 + 1) - 362) // 12 + leap_fix + day


def _gregorian_from_fixed(fixed: int) -> tuple[int, int, int]:
    """(year, month 0-11, day) of a fixed date, any year (days-from-civil, inverted)."""
    shifted = fixed - _EPOCH_FIXED + 719_468  # days since 0000-03-01
    era, day_of_era = divmod(shifted, 146_097)
    year_of_era = (day_of_era - day_of_era // 1460 + day_of_era // 36_524 - day_of_era // 146_096) // 365
    day_of_year = day_of_era - (365 * year_of_era + year_of_era // 4 - year_of_era // 100)
    month_from_march = (5 * day_of_year + 2) // 153
    day = day_of_year - (153 * month_from_march + 2) // 5 + 1
    month0 = month_from_march + 2 if month_from_march < 10 else month_from_march - 10
    year = year_of_era + era * 400 + (month0 < 2)
    return year, month0, day


def _julian_from_fixed(fixed: int) -> tuple[int, int, int]:
    """(astronomical year, month 0-11, day) of a fixed date in the Julian calendar."""
    year = (4 * (fixed + 1) + 1464) // 1461
    prior = fixed - _julian_fixed(year, 0, 1)
    correction = 0 if fixed < _julian_fixed(year, 2, 1) else (1 if year % 4 == 0 else 2)
    month = (12 * (prior + correction) + 373) // 367
    return year, month - 1, fixed - _julian_fixed(year, month - 1, 1) + 1
