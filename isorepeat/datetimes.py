"""The ISO 8601 date-time grammar of a start or an end (SEMANTICS S7-S10), and its printing.

The grammar threads a position through the text (as tomli does) and returns integers with the
columns where each field was written; zones are resolved later (``zones.py``), but every error
can still point at the character that caused it.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Final, NoReturn

from isorepeat._types import Nanos
from isorepeat.duration import check_ascii_digits, describe_char, read_fraction
from isorepeat.errors import fail
from isorepeat.units import NS_PER_DAY, NS_PER_HOUR, NS_PER_MINUTE, NS_PER_SECOND

__all__ = [
    "EPOCH_ORDINAL",
    "NS_PER_DAY",
    "ParsedDateTime",
    "format_offset",
    "format_wall",
    "parse_datetime",
    "parse_offset",
    "parse_zone_suffix",
    "wall_from_fields",
]

EPOCH_ORDINAL: Final = date(1970, 1, 1).toordinal()
assert EPOCH_ORDINAL == 719_163

_MONTH_NAMES: Final = tuple(calendar.month_name)
_DIGITS: Final = re.compile(r"[0-9]*")
_ZONE_NAME: Final = re.compile(r"[A-Za-z0-9_+\-./:]*")


@dataclass(frozen=True, slots=True)
class ParsedDateTime:
    """A date-time as written: wall-clock fields, offset, zone suffix, and where each one was."""

    wall: Nanos
    """The wall-clock date and time as nanoseconds since 1970-01-01T00:00 on that clock."""
    offset: int | None
    """The written offset in seconds; ``None`` when none was written."""
    utc_designator: bool
    """``Z`` or ``-00:00``: the instant is known in UTC, the local offset is not (RFC 9557)."""
    zone_name: str | None
    """The RFC 9557 suffix (``[Europe/Berlin]``), without the brackets."""
    start: int
    """Column of the first character of the date-time."""
    day_column: int
    """Column of the day of the month (or of the ordinal day, or of the week)."""
    offset_column: int | None
    zone_column: int | None
    end: int
    """Column just after the date-time."""


def wall_from_fields(year: int, month: int, day: int, time_ns: Nanos) -> Nanos:
    """Wall-clock fields as nanoseconds since 1970-01-01T00:00 on the same clock."""
    return (date(year, month, day).toordinal() - EPOCH_ORDINAL) * NS_PER_DAY + time_ns


def format_wall(wall: Nanos) -> str:
    """``YYYY-MM-DDThh:mm:ss[.f]``: extended format, seconds always, fraction only if non-zero."""
    days, time_ns = divmod(wall, NS_PER_DAY)
    day = date.fromordinal(days + EPOCH_ORDINAL)
    seconds, fraction = divmod(time_ns, NS_PER_SECOND)
    minutes, second = divmod(seconds, 60)
    hour, minute = divmod(minutes, 60)
    text = f"{day.year:04d}-{day.month:02d}-{day.day:02d}T{hour:02d}:{minute:02d}:{second:02d}"
    if fraction:
        text += "." + f"{fraction:09d}".rstrip("0")
    return text


def format_offset(offset: int) -> str:
    """``Z`` for zero, else ``±hh:mm``; ``±hh:mm:ss`` for a historical sub-minute offset, in
    messages and in the chronos dialect (Joda prints them so): S10 does not read it back, and
    the iso text avoids it (``iso.py``)."""
    if offset == 0:
        return "Z"
    sign = "-" if offset < 0 else "+"
    minutes, second = divmod(abs(offset), 60)
    hour, minute = divmod(minutes, 60)
    text = f"{sign}{hour:02d}:{minute:02d}"
    return f"{text}:{second:02d}" if second else text


# -- grammar ---------------------------------------------------------------------------------


def parse_datetime(text: str, pos: int, *, what: str = "start") -> ParsedDateTime:
    """Parse the date-time that starts at ``pos`` (S7-S10); the caller checks what follows.

    ``what`` names the part in messages ("start" or "end").
    """
    start = pos
    n = len(text)
    if pos < n and text[pos] in "Tt":
        fail(
            f"the {what} needs a date before its time",
            text,
            pos,
            "write the date too, e.g. 2026-01-01T05:50:00Z",
        )
    if pos < n and text[pos] in "+-":
        fail("years are written with 4 digits, 0001-9999, without a sign", text, pos)
    year_digits = _DIGITS.match(text, pos)
    assert year_digits is not None  # [0-9]* always matches
    if year_digits.end() - pos < 4:
        check_ascii_digits(text, year_digits.end())
        if year_digits.end() == pos:
            fail(f"expected the {what} date (YYYY-MM-DD), found {describe_char(text, pos)}", text, pos)
        fail("the year needs 4 digits (0001-9999)", text, pos)
    year = int(text[pos : pos + 4])
    run = year_digits.end() - pos
    extended = run == 4 and pos + 4 < n and text[pos + 4] == "-"
    if run in (5, 6) and year_digits.end() < n and text[year_digits.end()] == "-":
        fail(f"the year {text[pos : year_digits.end()]} is out of range 0001-9999", text, pos)
    if year == 0:
        fail("year 0000 is out of range 0001-9999", text, pos)
    pos += 4
    if extended:
        pos += 1
    year_month_day, day_column, pos = _parse_date_rest(text, pos, year, extended=extended)
    year, month, day = year_month_day

    time_ns = 0
    has_time = False
    if pos < n and text[pos] in "Tt":
        has_time = True
        time_ns, day_carry_hint, pos = _parse_time(text, pos + 1, extended=extended)
        if day_carry_hint is not None:
            next_day = (
                date(year, month, day) + timedelta(days=1) if (year, month, day) < (9999, 12, 31) else None
            )
            hint = "write T00:00 on the next day"
            if next_day is not None:
                hint += f" ({next_day.isoformat()}T00:00)"
            fail("hour 24 is out of range 00-23", text, day_carry_hint, hint)
    wall = wall_from_fields(year, month, day, time_ns)

    offset: int | None = None
    utc_designator = False
    offset_column: int | None = None
    if pos < n and text[pos] in "Zz+-\u2212":
        offset_column = pos
        if not has_time:
            fail(
                "an offset needs a time of day before it",
                text,
                pos,
                f"write {text[start:pos]}T00:00:00{text[pos]}...",
            )
        offset, utc_designator, pos = parse_offset(text, pos, extended=extended, datetime_start=start)

    zone_name: str | None = None
    zone_column: int | None = None
    if pos < n and text[pos] == "[":
        zone_name, zone_column, pos = parse_zone_suffix(text, pos)
    return ParsedDateTime(
        wall, offset, utc_designator, zone_name, start, day_column, offset_column, zone_column, pos
    )


def _parse_date_rest(
    text: str, pos: int, year: int, *, extended: bool
) -> tuple[tuple[int, int, int], int, int]:
    """After ``YYYY`` (and its ``-``): a calendar, ordinal or week date. Return y-m-d, day column, end."""
    n = len(text)
    if pos < n and text[pos] in "Ww":
        if text[pos] == "w":
            fail("the week designator must be an upper-case 'W'", text, pos, "write 'W'")
        return _parse_week_date(text, pos + 1, year, extended=extended)
    digits = _DIGITS.match(text, pos)
    assert digits is not None
    run = digits.end() - pos
    check_ascii_digits(text, digits.end())
    if extended:
        if run == 3:
            return _ordinal(text, year, int(text[pos : pos + 3]), pos), pos, pos + 3
        if run == 2 and digits.end() < n and text[digits.end()] == "-":
            month = int(text[pos : pos + 2])
            _check_month(text, month, pos)
            day_column = pos + 3
            day_digits = _DIGITS.match(text, day_column)
            assert day_digits is not None
            if day_digits.end() - day_column != 2:
                check_ascii_digits(text, day_digits.end())
                fail("the day needs 2 digits (01-31)", text, day_column)
            day = int(text[day_column : day_column + 2])
            _check_day(text, year, month, day, day_column)
            return (year, month, day), day_column, day_column + 2
        if run == 1 and digits.end() < n and text[digits.end()] == "-":
            fail("the month needs 2 digits (01-12)", text, pos)
        if run == 2:
            fail(
                "the date needs a day: write YYYY-MM-DD",
                text,
                digits.end(),
                f"write {text[pos - 5 : pos + 2]}-01 for the first of the month",
            )
        if run == 0:
            fail(f"expected the month (MM), found {describe_char(text, pos)}", text, pos)
        fail("expected a date as YYYY-MM-DD, YYYY-DDD or YYYY-Www-D", text, pos)
    # Basic format: YYYYMMDD or YYYYDDD.
    if run == 4:
        month = int(text[pos : pos + 2])
        _check_month(text, month, pos)
        day = int(text[pos + 2 : pos + 4])
        _check_day(text, year, month, day, pos + 2)
        return (year, month, day), pos + 2, pos + 4
    if run == 3:
        return _ordinal(text, year, int(text[pos : pos + 3]), pos), pos, pos + 3
    if run == 0:
        fail(
            f"expected '-' after the year, found {describe_char(text, pos)}",
            text,
            pos,
            "write the date as YYYY-MM-DD",
        )
    fail("a basic-format date has 4 digits (MMDD) or 3 (DDD) after the year", text, pos)


def _check_month(text: str, month: int, column: int) -> None:
    if not 1 <= month <= 12:
        fail(f"month {month:02d} is out of range 01-12", text, column)


def _check_day(text: str, year: int, month: int, day: int, column: int) -> None:
    if not 1 <= day <= 31:
        fail(f"day {day:02d} is out of range 01-31", text, column)
    length = calendar.monthrange(year, month)[1]
    if day > length:
        fail(
            f"{year:04d}-{month:02d}-{day:02d} does not exist: "
            f"{_MONTH_NAMES[month]} {year:04d} has {length} days",
            text,
            column,
            f"write {year:04d}-{month:02d}-{length:02d} for the last day of the month",
        )


def _ordinal(text: str, year: int, day_of_year: int, column: int) -> tuple[int, int, int]:
    if not 1 <= day_of_year <= 366:
        fail(f"day of the year {day_of_year:03d} is out of range 001-366", text, column)
    length = 366 if calendar.isleap(year) else 365
    if day_of_year > length:
        fail(f"day {day_of_year} of {year:04d} does not exist: {year:04d} has {length} days", text, column)
    day = date(year, 1, 1) + timedelta(days=day_of_year - 1)
    return day.year, day.month, day.day


def _parse_week_date(
    text: str, pos: int, year: int, *, extended: bool
) -> tuple[tuple[int, int, int], int, int]:
    week_column = pos
    for index in (pos, pos + 1):
        if index >= len(text) or not ("0" <= text[index] <= "9"):
            check_ascii_digits(text, index)
            fail("the week needs 2 digits (01-53)", text, pos)
    week = int(text[pos : pos + 2])
    pos += 2
    if not 1 <= week <= 53:
        fail(f"week {week:02d} is out of range 01-53", text, week_column)
    if extended:
        if pos >= len(text) or text[pos] != "-":
            fail(
                f"expected '-' and the day of the week after the week, found {describe_char(text, pos)}",
                text,
                pos,
                f"write {text[week_column - 6 : pos]}-1 for the Monday",
            )
        pos += 1
    if pos >= len(text) or not ("0" <= text[pos] <= "9"):
        check_ascii_digits(text, pos)
        fail(f"expected the day of the week (1-7), found {describe_char(text, pos)}", text, pos)
    weekday = int(text[pos])
    if not 1 <= weekday <= 7:
        fail(f"day of the week {weekday} is out of range 1-7", text, pos)
    weeks_in_year = date(year, 12, 28).isocalendar()[1]
    if week > weeks_in_year:
        fail(
            f"week {week} of {year:04d} does not exist: {year:04d} has {weeks_in_year} weeks",
            text,
            week_column,
        )
    try:
        day = date.fromisocalendar(year, week, weekday)
    except (ValueError, OverflowError):
        # Week 1 of year 1 starts in year 0, and week 52 of 9999 can end in year 10000.
        fail(f"{year:04d}-W{week:02d}-{weekday} is outside the years 0001-9999", text, week_column)
    return (day.year, day.month, day.day), week_column, pos + 1


def _two_digits(text: str, pos: int, name: str) -> int:
    """Read a 2-digit time field at ``pos``."""
    for index in (pos, pos + 1):
        if index >= len(text) or not ("0" <= text[index] <= "9"):
            check_ascii_digits(text, index)
            fail(f"the {name} needs 2 digits, found {describe_char(text, index)}", text, pos)
    return int(text[pos : pos + 2])


def _parse_time(text: str, pos: int, *, extended: bool) -> tuple[Nanos, int | None, int]:
    """After ``T``: ``hh[:mm[:ss]]`` (or basic ``hh[mm[ss]]``) with a fraction on the last field.

    Return the time of day in nanoseconds, the column of an hour 24 that is otherwise all zeros
    (the caller turns it into an error with a next-day hint), and the end.
    """
    n = len(text)
    hour_column = pos
    values = [_two_digits(text, pos, "hour")]
    pos += 2
    units = (NS_PER_HOUR, NS_PER_MINUTE, NS_PER_SECOND)
    names = ("minute", "second")
    fraction_ns = 0
    while True:
        if pos < n and text[pos] in ".,":
            fraction_ns, pos = _parse_fraction(text, pos, units[len(values) - 1])
            if pos < n and (text[pos] == ":" or "0" <= text[pos] <= "9"):
                fail("a fraction is allowed only on the last component of the time", text, pos)
            break
        if len(values) == 3:
            break
        separator = pos < n and text[pos] == ":"
        digit_next = pos < n and "0" <= text[pos] <= "9"
        if extended and digit_next:
            fail(
                "expected ':' between the time fields: the date is in extended format (with '-'), "
                "so the time must be too",
                text,
                pos,
            )
        if not extended and separator:
            fail(
                "unexpected ':': the date is in basic format (no '-'), so the time must be too",
                text,
                pos,
            )
        if not (separator or digit_next):
            check_ascii_digits(text, pos)
            break
        if separator:
            pos += 1
        name = names[len(values) - 1]
        field_column = pos
        value = _two_digits(text, pos, name)
        if value > 59:
            if name == "second" and value == 60:
                fail("second 60 is a leap second; leap seconds are not supported", text, field_column)
            fail(f"{name} {value:02d} is out of range 00-59", text, field_column)
        values.append(value)
        pos += 2
    hour = values[0]
    rest = sum(values[1:]) + fraction_ns
    if hour == 24 and rest == 0:
        return 0, hour_column, pos
    if hour > 23:
        fail(f"hour {hour:02d} is out of range 00-23", text, hour_column)
    time_ns = sum(value * unit for value, unit in zip(values, units, strict=False)) + fraction_ns
    return time_ns, None, pos


def _parse_fraction(text: str, pos: int, unit_ns: int) -> tuple[Nanos, int]:
    """``.digits`` or ``,digits`` at ``pos`` of a time field of ``unit_ns``, exact (S9)."""
    billionths, end = read_fraction(text, pos)
    # A 9-digit fraction of an hour or a minute is a whole number of nanoseconds (3,600 or 60 ns).
    return billionths * (unit_ns // NS_PER_SECOND), end


def parse_offset(
    text: str, pos: int, *, extended: bool, datetime_start: int | None = None
) -> tuple[int, bool, int]:
    """``Z``, ``±hh:mm``, ``±hhmm`` or ``±hh`` (S10): seconds east of UTC, the UTC flag, end.

    ``datetime_start`` is the column of the date-time the offset ends, for the hints.
    """
    char = text[pos]
    if char in "Zz":
        return 0, True, pos + 1
    if char == "\u2212":
        fail("the offset sign must be an ASCII '-' or '+'", text, pos, "write '-'")
    sign_column = pos
    sign = -1 if char == "-" else 1
    pos += 1
    hours = _two_digits(text, pos, "offset hour")
    pos += 2
    minutes = 0
    n = len(text)
    if pos < n and (text[pos] == ":" or "0" <= text[pos] <= "9"):
        if text[pos] == ":" and not extended:
            fail("unexpected ':': the date-time is in basic format, so the offset is ±hhmm", text, pos)
        if text[pos] != ":" and extended:
            fail(
                "expected ':' in the offset: the date-time is in extended format, so it is ±hh:mm", text, pos
            )
        if text[pos] == ":":
            pos += 1
        minutes_column = pos
        minutes = _two_digits(text, pos, "offset minute")
        pos += 2
        if minutes > 59:
            fail(f"offset minute {minutes:02d} is out of range 00-59", text, minutes_column)
        if pos < n and (text[pos] == ":" if extended else "0" <= text[pos] <= "9"):
            _check_offset_hours(text, sign_column, pos, hours)
            _reject_offset_seconds(text, sign_column, pos, extended, datetime_start)
    else:
        check_ascii_digits(text, pos)
    _check_offset_hours(text, sign_column, pos, hours)
    offset = sign * (hours * 3600 + minutes * 60)
    # -00:00 says "UTC, local offset unknown" (RFC 3339), as Z does.
    return offset, sign < 0 and offset == 0, pos


def _check_offset_hours(text: str, sign_column: int, end: int, hours: int) -> None:
    if hours > 23:
        fail(f"offset {text[sign_column:end]} is out of range -23:59 to +23:59", text, sign_column)


def _reject_offset_seconds(
    text: str, sign_column: int, pos: int, extended: bool, datetime_start: int | None
) -> NoReturn:
    """S10: ``±hh:mm:ss`` (``±hhmmss``) is not an offset, though java.time prints local mean time
    so (``+00:53:28[Europe/Berlin]``): say what to write instead, at the offset's sign."""
    digits_at = pos + 1 if extended else pos
    end = digits_at
    while end < min(len(text), digits_at + 2) and "0" <= text[end] <= "9":
        end += 1
    written, minutes_text, seconds_text = text[sign_column:end], text[sign_column:pos], text[digits_at:end]
    before = "" if datetime_start is None else text[datetime_start:sign_column]
    if len(seconds_text) == 2 and seconds_text == "00":
        hint = f"write {minutes_text}"
    elif end < len(text) and text[end] == "[" and "]" in text[end:] and before:
        suffix = text[end : text.index("]", end) + 1]
        hint = f"leave the offset out: {before}{suffix} is the wall time in that zone"
    else:
        digits = minutes_text[1:].replace(":", "")
        total = int(digits[:2]) * 3600 + int(digits[2:4]) * 60 + int(seconds_text or "0")
        rounded_hours, rounded_minutes = divmod((total + 30) // 60, 60)
        separator = ":" if extended else ""
        rounded = f"{text[sign_column]}{rounded_hours:02d}{separator}{rounded_minutes:02d}"
        hint = f"round it to whole minutes ({rounded})"
        if before:
            hint += f", or leave it out and name the zone: {before}[Area/City]"
    fail(f"offset {written} has seconds; an offset is ±hh:mm, ±hhmm or ±hh", text, sign_column, hint)


def parse_zone_suffix(text: str, pos: int) -> tuple[str, int, int]:
    """``[Zone/Name]`` or ``[!Zone/Name]`` (RFC 9557); return the name, its column and the end."""
    pos += 1
    if pos < len(text) and text[pos] == "!":
        pos += 1  # the critical flag: we always honour the zone, so it changes nothing
    name_match = _ZONE_NAME.match(text, pos)
    assert name_match is not None
    name_end = name_match.end()
    name = text[pos:name_end]
    if name_end < len(text) and text[name_end] == "=":
        fail("only a time zone annotation such as [Europe/Berlin] is accepted", text, pos - 1)
    if name_end >= len(text):
        fail("the zone suffix needs a closing ']'", text, name_end)
    if text[name_end] != "]":
        fail(f"unexpected {describe_char(text, name_end)} in the zone name", text, name_end)
    if not name:
        fail("the zone suffix is empty; write a zone name such as [Europe/Berlin]", text, pos)
    end = name_end + 1
    if end < len(text) and text[end] == "[":
        fail("only one zone suffix is accepted", text, end)
    return name, pos, end
