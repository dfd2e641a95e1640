"""``java.time.ZonedDateTime`` as Zeebe uses it: ``ZonedDateTime.parse`` and the arithmetic of
``Interval`` (``ofInstant``, ``plus(Period)``, ``plus(Duration)``, ``toInstant().toEpochMilli()``).

``ZonedDateTime.parse`` is ``DateTimeFormatter.ISO_ZONED_DATE_TIME`` (JDK 17), resolver STRICT:

* ``yyyy-MM-dd'T'HH:mm[:ss[.fffffffff]]`` read case-insensitively (``t`` for ``T``), ASCII digits;
  the year has 4 digits, or 5-10 after a ``+``, or 4-10 after a ``-`` (``-0000`` is refused); the
  fraction has 0-9 digits after a ``.`` (``10:00:00.Z`` is accepted), never a ``,``;
* then an offset, required, parsed leniently as ``+HH:MM:ss``: ``Z``/``z``, ``+hh``, ``+hh:mm``,
  ``+hh:mm:ss``; ``+0200`` stops after ``+02`` and leaves ``00`` unparsed; at most 18 hours;
* then optionally ``[zone]``, case-sensitive: a tz database name the JDK knows, ``Z``, an offset
  ``+hh:mm[:ss]``, or ``UTC``/``UT``/``GMT`` with or without such an offset, or ``GMT0``; a bracket
  the parser cannot read is left unparsed (the error points at the ``[``).

The instant comes from the written offset, never from the zone (``Parsed.resolveInstant``: the
offset has priority), so ``10:00+05:00[Europe/Berlin]`` is 05:00Z, 07:00 in Berlin; the zone in
brackets (else the offset) is the zone the result, and Zeebe's arithmetic, use.

Arithmetic (``ZonedDateTime.plus``): a ``Period`` is added to the local date-time (total months
with the day clamped to the month's end, then days) and resolved once with ``ofLocal`` and the
current offset preferred: in a gap the time moves forward by the gap's length, in an overlap the
current offset is kept if valid, else the earlier one. A ``Duration`` is added to the instant.
"""

from __future__ import annotations

import functools
import zoneinfo
from dataclasses import dataclass
from typing import Final, final

from isorepeat.bpmn._zeebe_java import JavaDuration, JavaPeriod
from isorepeat.calendar import days_in_month
from isorepeat.datetimes import format_offset
from isorepeat.errors import ScheduleError, unrepresentable
from isorepeat.zones import UTC_ZONE, FixedZone, Gap, Overlap, Unique, Zone, resolve_tz

__all__ = [
    "ZonedInstant",
    "civil_from_days",
    "days_from_civil",
    "parse_zoned",
    "plus_interval",
]

_NS_PER_SECOND: Final = 1_000_000_000
_NS_PER_MILLI: Final = 1_000_000
_NS_PER_DAY: Final = 86_400 * _NS_PER_SECOND
_MAX_OFFSET: Final = 18 * 3600
_MAX_JAVA_YEAR: Final = 999_999_999
_JDK_UNKNOWN_ZONES: Final = frozenset({"EST", "HST", "MST", "ROC", "Factory", "localtime", "posixrules"})
"""Names the tz database has and the JDK's tzdb provider leaves out (ZoneId.of refuses them)."""


@final
@dataclass(frozen=True, slots=True)
class ZonedInstant:
    """A ``ZonedDateTime``: an instant in ns since the epoch, and the zone it is shown in."""

    instant: int
    zone: Zone

    @property
    def millis(self) -> int:
        """``toInstant().toEpochMilli()``: floored to the millisecond."""
        return self.instant // _NS_PER_MILLI


# -- the proleptic Gregorian calendar, any year (java.time's range, not datetime's) ----------


def days_from_civil(year: int, month: int, day: int) -> int:
    """Days since 1970-01-01 of a date, for any year (H. Hinnant's ``days_from_civil``)."""
    year -= month <= 2
    era = year // 400
    year_of_era = year - era * 400
    day_of_year = (153 * ((month + 9) % 12) + 2) // 5 + day - 1
    day_of_era = year_of_era * 365 + year_of_era // 4 - year_of_era // 100 + day_of_year
    return era * 146_097 + day_of_era - 719_468


def civil_from_days(days: int) -> tuple[int, int, int]:
    """The date ``days`` after 1970-01-01, for any year (H. Hinnant's ``civil_from_days``)."""
    days += 719_468
    era = days // 146_097
    day_of_era = days - era * 146_097
    year_of_era = (day_of_era - day_of_era // 1460 + day_of_era // 36_524 - day_of_era // 146_096) // 365
    day_of_year = day_of_era - (365 * year_of_era + year_of_era // 4 - year_of_era // 100)
    shifted_month = (5 * day_of_year + 2) // 153
    day = day_of_year - (153 * shifted_month + 2) // 5 + 1
    month = shifted_month + 3 if shifted_month < 10 else shifted_month - 9
    return year_of_era + era * 400 + (month <= 2), month, day


# -- arithmetic --------------------------------------------------------------------------------


def plus_interval(start: ZonedInstant, period: JavaPeriod, duration: JavaDuration) -> ZonedInstant:
    """``start.plus(period).plus(duration)``: Zeebe's ``Interval.addTo``."""
    moved = _plus_period(start, period) if not period.is_zero else start
    return ZonedInstant(moved.instant + duration.nanos, moved.zone)


def _plus_period(start: ZonedInstant, period: JavaPeriod) -> ZonedInstant:
    """``ZonedDateTime.plus(Period)``: on the local date-time, then ``resolveLocal``."""
    offset = start.zone.offset_at(start.instant)
    day_count, time_of_day = divmod(start.instant + offset * _NS_PER_SECOND, _NS_PER_DAY)
    year, month, day = civil_from_days(day_count)
    if period.total_months:
        year, month0 = divmod(year * 12 + month - 1 + period.total_months, 12)
        month = month0 + 1
        day = min(day, days_in_month(year, month))
    wall = (days_from_civil(year, month, day) + period.days) * _NS_PER_DAY + time_of_day
    return ZonedInstant(_resolve_local(start.zone, wall, offset), start.zone)


def _resolve_local(zone: Zone, wall: int, preferred: int) -> int:
    """``ZonedDateTime.ofLocal(wall, zone, preferred)`` as an instant: a gap moves the time
    forward by its length (the instant is the wall time read with the offset before it); an
    overlap keeps ``preferred`` when it is one of its offsets, else takes the earlier one."""
    match zone.resolve(wall):
        case Unique(offset):
            return wall - offset * _NS_PER_SECOND
        case Gap(before, _):
            return wall - before * _NS_PER_SECOND
        case Overlap(earlier, later):
            offset = preferred if preferred in (earlier, later) else earlier
            return wall - offset * _NS_PER_SECOND
    raise AssertionError  # pragma: no cover - the match is exhaustive


# -- ZonedDateTime.parse -------------------------------------------------------------------------


class _ParseFailedError(Exception):
    """The formatter stopped at ``index``: ``expected`` says what it needed there."""

    def __init__(self, index: int, expected: str, hint: str | None = None) -> None:
        super().__init__(index, expected, hint)
        self.index = index
        self.expected = expected
        self.hint = hint


@final
@dataclass(frozen=True, slots=True)
class _Fields:
    """What the formatter read, each value with its column (for resolution errors)."""

    year: tuple[int, int]
    month: tuple[int, int]
    day: tuple[int, int]
    time: tuple[int, int, int, int]
    time_column: int
    offset: tuple[int, int]
    zone: Zone | None


def parse_zoned(what: str, text: str, start: int, end: int, jvm_zone: Zone) -> ZonedInstant:
    """``ZonedDateTime.parse(text[start:end])``; ``what`` names the part in messages.

    :raises ScheduleError: where the JDK throws ``DateTimeParseException`` (``Text '…' could not
        be parsed at index 19``), with the column of that index in ``text``.
    :raises UnrepresentableError: for a year outside 0001-9999 that the JDK accepts, or a zone
        the JDK knows and Python's tz database does not (``SystemV/EST5``).
    """
    try:
        fields = _read(text, start, end, jvm_zone)
    except _ParseFailedError as failure:
        message = (
            f"Zeebe rejects the {what} {text[start:end]!r}: ZonedDateTime.parse needs {failure.expected}"
        )
        raise ScheduleError(message, text, failure.index, failure.hint) from None
    return _resolve(what, text, start, end, fields)


def _read(text: str, start: int, end: int, jvm_zone: Zone) -> _Fields:
    pos, year = _year(text, start, end)
    pos = _literal(text, pos, end, "-", "'-' and a two-digit month")
    month = (_two_digits(text, pos, end, "a two-digit month"), pos)
    pos = _literal(text, pos + 2, end, "-", "'-' and a two-digit day")
    day = (_two_digits(text, pos, end, "a two-digit day"), pos)
    pos += 2
    if pos == end:
        raise _ParseFailedError(
            pos, "a time and an offset after the date", f"write {text[start:end]}T00:00:00Z"
        )
    pos = _literal(text, pos, end, "T", "'T' and a time after the date")
    time_column = pos
    pos, time = _time(text, pos, end)
    offset_column = pos
    try:
        pos, offset = _offset(text, pos, end)
    except _ParseFailedError as failure:
        wall = _wall(year, month[0], day[0], time)
        failure.hint = _offset_hint(text, start, offset_column, end, wall, jvm_zone)
        raise
    pos, zone = _bracket_zone(text, pos, end)
    if pos < end:
        raise _unparsed(text, pos, end)
    return _Fields((year, start), month, day, time, time_column, (offset, offset_column), zone)


def _wall(year: int, month: int, day: int, time: tuple[int, int, int, int]) -> int | None:
    """The local date-time as wall ns, or ``None`` when a field is out of range."""
    hour, minute, second, nanos = time
    if not (1 <= month <= 12 and 1 <= day <= days_in_month(year, month) and hour < 24):
        return None
    if minute > 59 or second > 59:
        return None
    seconds = (hour * 60 + minute) * 60 + second
    return days_from_civil(year, month, day) * _NS_PER_DAY + seconds * _NS_PER_SECOND + nanos


def _offset_hint(text: str, start: int, pos: int, end: int, wall: int | None, jvm_zone: Zone) -> str | None:
    """For a date-time without an offset: the offset its zone (in brackets, else the JVM's) has
    at that time, written before the zone, and ``Z``."""
    local = text[start:pos]
    zone = jvm_zone
    if pos < end and text[pos] == "[":
        close = text.find("]", pos, end)
        try:
            named = _zone_named(text, pos + 1, close) if close > pos else None
        except ScheduleError:
            named = None
        if named is None:
            return (
                f"write an offset before the zone: {local}Z{text[pos:end]}, or {local}+hh:mm{text[pos:end]}"
            )
        zone = named
    if wall is None:
        return None
    offset = zone.compatible_offset(wall)
    if zone.key is not None:
        return f"write the offset: {local}{format_offset(offset)}[{zone.key}], or {local}Z for UTC"
    return f"write the offset: {local}{format_offset(offset) if offset else 'Z'}"


def _year(text: str, start: int, end: int) -> tuple[int, int]:
    """``appendValue(YEAR, 4, 10, EXCEEDS_PAD)``, strict: the position after it and the year."""
    signed = start < end and text[start] in "+-"
    pos = start + 1 if signed else start
    digits = pos
    while pos < end and pos - digits < 10 and "0" <= text[pos] <= "9":
        pos += 1
    count = pos - digits
    if count < 4:
        raise _ParseFailedError(digits, "a year of four digits (more only after a +)")
    value = int(text[digits:pos])
    if signed and text[start] == "-":
        if value == 0:
            raise _ParseFailedError(start, "a year other than -0000")
        return pos, -value
    if signed and count <= 4:
        raise _ParseFailedError(start, "a year without '+' when it has four digits")
    if not signed and count > 4:
        raise _ParseFailedError(digits, "a '+' before a year of more than four digits")
    return pos, value


def _literal(text: str, pos: int, end: int, char: str, expected: str) -> int:
    if pos >= end or text[pos].upper() != char:
        raise _ParseFailedError(pos, expected)
    return pos + 1


def _two_digits(text: str, pos: int, end: int, expected: str) -> int:
    """A fixed-width field of two ASCII digits, no sign."""
    if pos + 2 > end or not all("0" <= char <= "9" for char in text[pos : pos + 2]):
        raise _ParseFailedError(pos, expected)
    return int(text[pos : pos + 2])


def _time(text: str, pos: int, end: int) -> tuple[int, tuple[int, int, int, int]]:
    """``HH:mm[:ss[.fffffffff]]`` (ISO_LOCAL_TIME): the position after it and the fields, not yet
    checked (resolution names the field out of range). An optional part that fails is skipped."""
    hour = _two_digits(text, pos, end, "a two-digit hour")
    pos = _literal(text, pos + 2, end, ":", "':' and two-digit minutes")
    minute = _two_digits(text, pos, end, "two-digit minutes")
    pos += 2
    second = nanos = 0
    if pos + 3 <= end and text[pos] == ":" and all("0" <= char <= "9" for char in text[pos + 1 : pos + 3]):
        second = int(text[pos + 1 : pos + 3])
        pos += 3
        if pos < end and text[pos] == ".":
            pos += 1
            digits = pos
            while pos < end and pos - digits < 9 and "0" <= text[pos] <= "9":
                pos += 1
            nanos = int(text[digits:pos].ljust(9, "0"))
    return pos, (hour, minute, second, nanos)


def _offset(text: str, pos: int, end: int) -> tuple[int, int]:
    """``appendOffsetId`` parsed leniently (``+HH:MM:ss``, ``Z``): the position after it and the
    offset in seconds, unchecked against the 18 hours (resolution does that)."""
    expected = "an offset after the time (Z, +02:00 or +02)"
    if pos < end and text[pos] in "Zz":
        return pos + 1, 0
    if pos >= end or text[pos] not in "+-":
        raise _ParseFailedError(pos, expected)
    hours = _offset_digits(text, pos + 1, end)
    if hours is None:
        raise _ParseFailedError(pos, "an offset with a two-digit hour (+02:00, not +2:00)")
    minutes = seconds = 0
    after = pos + 3
    parsed_minutes = _colon_digits(text, after, end)
    if parsed_minutes is not None:
        minutes, after = parsed_minutes, after + 3
        parsed_seconds = _colon_digits(text, after, end)
        if parsed_seconds is not None:
            seconds, after = parsed_seconds, after + 3
    if hours > 23:
        raise _ParseFailedError(pos, "an offset hour of 00-23 (the JDK's 'Value out of range')")
    sign = -1 if text[pos] == "-" else 1
    return after, sign * (hours * 3600 + minutes * 60 + seconds)


def _offset_digits(text: str, pos: int, end: int) -> int | None:
    """Two ASCII digits of at most 59 (``parseDigits`` of the offset parser)."""
    if pos + 2 > end or not all("0" <= char <= "9" for char in text[pos : pos + 2]):
        return None
    value = int(text[pos : pos + 2])
    return value if value <= 59 else None


def _colon_digits(text: str, pos: int, end: int) -> int | None:
    if pos >= end or text[pos] != ":":
        return None
    return _offset_digits(text, pos + 1, end)


def _bracket_zone(text: str, pos: int, end: int) -> tuple[int, Zone | None]:
    """The optional ``[zone]``: the position after it and the zone; ``(pos, None)`` when there is
    no bracket or the parser cannot read it (the optional section is then skipped)."""
    if pos >= end or text[pos] != "[":
        return pos, None
    close = text.find("]", pos + 1, end)
    if close < 0:
        return pos, None
    zone = _zone_named(text, pos + 1, close)
    return (close + 1, zone) if zone is not None else (pos, None)


def _zone_named(text: str, start: int, end: int) -> Zone | None:
    """``appendZoneRegionId`` on exactly ``text[start:end]`` (case-sensitive), else ``None``."""
    name = text[start:end]
    if name[:1] in ("+", "-"):
        offset = _strict_offset(name)
        return None if offset is None else FixedZone(offset) if offset else UTC_ZONE
    if name == "GMT0":
        return UTC_ZONE
    for prefix in ("UTC", "GMT", "UT"):
        if name.startswith(prefix):
            rest = name[len(prefix) :]
            offset = _strict_offset(rest) if rest else 0
            return None if offset is None else FixedZone(offset) if offset else UTC_ZONE
    if name.startswith("SystemV/") and name[8:] in _SYSTEM_V:
        unrepresentable(
            f"the zone {name!r} is one the JDK knows and Python's tz database does not: "
            "Zeebe accepts it; isorepeat cannot represent it",
            text,
            start,
            "write the zone's tz database name, e.g. America/New_York for SystemV/EST5EDT",
        )
    if name in _JDK_UNKNOWN_ZONES or name not in _tz_names():
        return UTC_ZONE if name == "Z" else None
    zone = resolve_tz(zoneinfo.ZoneInfo(name))  # not zone_from_name: it reads Zulu as an offset
    assert zone is not None
    return zone


_SYSTEM_V: Final = frozenset(
    {"AST4", "AST4ADT", "CST6", "CST6CDT", "EST5", "EST5EDT", "HST10", "MST7", "MST7MDT", "PST8", "PST8PDT"}
    | {"YST9", "YST9YDT"}
)


@functools.cache
def _tz_names() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones())


def _strict_offset(text: str) -> int | None:
    """``+HH:MM[:ss]`` exactly, as the zone parser reads an offset (strict, within 18 hours)."""
    if len(text) not in (6, 9) or text[0] not in "+-":
        return None
    hours = _offset_digits(text, 1, 3)
    minutes = _colon_digits(text, 3, 6)
    seconds = _colon_digits(text, 6, 9) if len(text) == 9 else 0
    if hours is None or minutes is None or seconds is None or hours > 23:
        return None
    total = hours * 3600 + minutes * 60 + seconds
    if total > _MAX_OFFSET:
        return None
    return -total if text[0] == "-" else total


def _unparsed(text: str, pos: int, end: int) -> _ParseFailedError:
    """The JDK's 'unparsed text found at index': what to say about the text left over."""
    rest = text[pos:end]
    if text[pos] == "[":
        return _ParseFailedError(pos, f"a zone in brackets that it knows, spelt exactly: {rest!r} is not one")
    if text[pos].isdigit() and pos >= 3 and text[pos - 3] in "+-":
        hint = f"write {text[pos - 3 : pos]}:{rest}"
        return _ParseFailedError(pos, "an offset with a colon (+02:00, not +0200)", hint)
    return _ParseFailedError(pos, f"nothing after the date-time, and {rest!r} follows it")


# -- resolution (ResolverStyle.STRICT) ---------------------------------------------------------


def _resolve(what: str, text: str, start: int, end: int, fields: _Fields) -> ZonedInstant:
    (year, year_column), (month, month_column), (day, day_column) = fields.year, fields.month, fields.day
    hour, minute, second, nanos = fields.time
    offset, offset_column = fields.offset
    checks = (
        (abs(year) <= _MAX_JAVA_YEAR, year_column, f"the year {year} is outside java.time's range"),
        (1 <= month <= 12, month_column, f"month {month:02d} is outside 01-12"),
        (1 <= day <= 31, day_column, f"day {day:02d} is outside 01-31"),
        (
            day <= days_in_month(year, month) if 1 <= month <= 12 else True,
            day_column,
            f"{year:04d}-{month:02d} has no day {day}",
        ),
        (hour <= 23, fields.time_column, f"hour {hour:02d} is outside 00-23"),
        (minute <= 59, fields.time_column + 3, f"minute {minute:02d} is outside 00-59"),
        (second <= 59, fields.time_column + 6, f"second {second:02d} is outside 00-59"),
        (abs(offset) <= _MAX_OFFSET, offset_column, "the offset is outside -18:00 to +18:00"),
    )
    for valid, column, why in checks:
        if not valid:
            raise ScheduleError(f"Zeebe rejects the {what} {text[start:end]!r}: {why}", text, column)
    if not 1 <= year <= 9999:
        unrepresentable(
            f"the year {year} is outside 0001-9999: Zeebe accepts it; isorepeat cannot represent it",
            text,
            year_column,
        )
    seconds = (hour * 60 + minute) * 60 + second
    wall = days_from_civil(year, month, day) * _NS_PER_DAY + seconds * _NS_PER_SECOND + nanos
    zone = fields.zone if fields.zone is not None else FixedZone(offset) if offset else UTC_ZONE
    return ZonedInstant(wall - offset * _NS_PER_SECOND, zone)
