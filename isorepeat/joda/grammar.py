"""Joda-Time's ISO grammars, as the engines that read with Joda-Time read: Chronos, Camunda 7, Activiti.

``ISODateTimeFormat.dateTimeParser()`` (:class:`JodaDateTimeParser`) and
``ISOPeriodFormat.standard()`` (:class:`JodaPeriodParser`), written out as small scanners on the
text's own columns, because they differ from ISO 8601 in nearly every field (one-digit fields,
fractions truncated to the millisecond, signed period fields, time-only starts). Each takes the
name of the engine reading it for its messages ("Camunda 7 (Joda-Time) reads ...").
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Final, Literal, NoReturn, final

from isorepeat.calendar import days_in_month
from isorepeat.datetimes import EPOCH_ORDINAL
from isorepeat.duration import Duration, describe_char, trusted_duration
from isorepeat.errors import fail, unrepresentable
from isorepeat.units import NS_PER_DAY, NS_PER_MS

__all__ = [
    "JodaDateTimeParser",
    "JodaPeriodParser",
    "JodaStart",
    "StartShape",
    "cannot_hold",
    "parse_joda_period",
]

StartShape = Literal["full", "time-only", "year", "year-month"]
"""How much of a date a start writes: ``T05:50Z`` is read as 1970-01-01, ``2014`` as 2014-01-01."""

_MS_PER_HOUR: Final = 3_600_000
_MS_PER_MINUTE: Final = 60_000
_MS_PER_SECOND: Final = 1_000
_JAVA_INT_MIN: Final = -(2**31)
_JAVA_INT_MAX: Final = 2**31 - 1
_PERIOD_DIGITS: Final = 10  # Joda's maxParsedDigits for a period field, fraction included
_FRACTION_DIGITS: Final = 9  # appendFractionOf...(1, 9)
_YEAR_DIGITS: Final = 9  # appendYear(4, 9)
_DATE_UNITS: Final = (("years", "Y"), ("months", "M"), ("weeks", "W"), ("days", "D"))
_TIME_UNITS: Final = (("hours", "H"), ("minutes", "M"))


def cannot_hold(engine: str) -> str:
    """The end of every message about a time Joda holds and ``datetime`` cannot."""
    return f"{engine} accepts this; isorepeat cannot represent it"


@dataclass(frozen=True, slots=True)
class JodaStart:
    """A start as Joda parsed it: wall-clock milliseconds, and the offset if one was written."""

    wall_ms: int
    offset_ms: int | None
    year: int
    column: int
    shape: StartShape = "full"
    offset_column: int | None = None
    truncated_column: int | None = None  # the first fraction digit Joda drops


@final
class JodaPeriodParser:
    """``ISOPeriodFormat.standard()``: ``P[nY][nM][nW][nD][T[nH][nM][n[.f]S]]``, Joda's way.

    Fields may be signed and combined freely (weeks too); unit letters and ``T`` are read in any
    case; a field is an int of at most 10 digits, fraction digits included; only seconds take a
    fraction, truncated to milliseconds; ``P`` alone is a zero period.
    """

    __slots__ = ("engine", "fields", "pos", "start", "text", "truncated_column")

    def __init__(self, text: str, pos: int, engine: str = "Chronos") -> None:
        self.engine = engine  # the engine that reads with Joda-Time, as messages name it
        self.text = text
        self.start = pos
        self.pos = pos + 1  # after the P the split matched
        self.fields: dict[str, int] = {}
        self.truncated_column: int | None = None  # the first fraction digit Joda drops

    def parse(self) -> Duration:
        text = self.text
        for name, letter in _DATE_UNITS:
            self._field(name, letter, fraction=False)
        if self.pos < len(text) and text[self.pos] in "Tt":
            separator = self.pos
            self.pos += 1
            for name, letter in _TIME_UNITS:
                self._field(name, letter, fraction=False)
            self._field("seconds", "S", fraction=True)
            if self.pos == separator + 1:
                fail(
                    "T must be followed by hours, minutes or seconds",
                    text,
                    self.pos,
                    f"write {text[:separator]} without the T" if separator > 0 else None,
                )
        if self.pos != len(text):
            self._unexpected()
        fields = self.fields
        millis = fields.get("millis", 0)
        return trusted_duration(
            fields.get("years", 0),
            fields.get("months", 0),
            fields.get("weeks", 0),
            fields.get("days", 0),
            fields.get("hours", 0),
            fields.get("minutes", 0),
            fields.get("seconds", 0),
            millis * NS_PER_MS,
            "S" if millis else None,
        )

    def _unexpected(self) -> NoReturn:
        """What follows the last field read: the letter of a misplaced field, or a stray mark."""
        text = self.text
        pos = self.pos
        if pos < len(text) and text[pos] in "+-":
            pos += 1
        while pos < len(text) and "0" <= text[pos] <= "9":
            pos += 1
        if pos == len(text) or pos == self.pos:
            fail(f"unexpected {describe_char(text, self.pos)} in the period", text, self.pos)
        char = text[pos]
        if char in ".,":
            fail(f"only seconds may have a fraction in {self.engine} (Joda-Time)", text, pos)
        if char.upper() in "HS" and "T" not in text[self.start : self.pos].upper():
            fail(f"{char} needs a T before it: hours, minutes and seconds come after T", text, pos)
        if char.upper() in "YMWDHS":
            fail(
                f"unit {char} is out of order or repeated; "
                f"{self.engine} reads Y, M, W, D, then T and H, M, S",
                text,
                pos,
            )
        fail(f"unexpected {describe_char(text, pos)} in the period", text, pos)

    def _field(self, name: str, letter: str, *, fraction: bool) -> None:
        """One signed field followed by its letter; absent (pos unchanged) when the letter differs."""
        text = self.text
        pos = self.pos
        negative = False
        if pos < len(text) and text[pos] in "+-":
            negative = text[pos] == "-"
            pos += 1
        digits_start = pos
        while pos < len(text) and "0" <= text[pos] <= "9":
            pos += 1
        whole = text[digits_start:pos]
        fraction_digits = ""
        fraction_start = pos
        has_point = fraction and pos < len(text) and text[pos] in ".,"
        if has_point:
            pos += 1
            fraction_start = pos
            while pos < len(text) and "0" <= text[pos] <= "9":
                pos += 1
            fraction_digits = text[fraction_start:pos]
        if pos >= len(text) or text[pos].upper() != letter:
            return  # not this field: Joda tries the next one at the same place
        if not whole and not fraction_digits:
            fail(f"a number must come before {text[pos]}", text, pos)
        if len(whole) + len(fraction_digits) > _PERIOD_DIGITS:
            fail(
                f"{self.engine} (Joda-Time) reads at most {_PERIOD_DIGITS} digits in a period field",
                text,
                digits_start + _PERIOD_DIGITS + (1 if has_point and len(whole) < _PERIOD_DIGITS else 0),
            )
        value = int(whole or "0")
        if negative:
            value = -value
        if not _JAVA_INT_MIN <= value <= _JAVA_INT_MAX:
            fail(f"{value} does not fit in a Java int, as Joda-Time needs", text, digits_start)
        self.fields[name] = value
        if fraction_digits:
            millis = int((fraction_digits + "00")[:3])  # Joda truncates to milliseconds
            if fraction_digits[3:].strip("0"):
                self.truncated_column = fraction_start + 3
            self.fields["millis"] = -millis if negative else millis
        self.pos = pos + 1


@final
class JodaDateTimeParser:
    """``ISODateTimeFormat.dateTimeParser()``: Joda's generous ISO reader (CHRONOS.md §1.2).

    ``T`` time | date [``T`` [time] [offset]], with date ``yyyy[-MM[-dd]]``, ``yyyy-DDD`` or
    ``xxxx-Www[-e]``, one- or two-digit fields, signed years of 1-9 digits, a fraction on the last
    time field, and offsets ``Z``, ``±hh``, ``±hhmm``, ``±hh:mm``, ``±hh:mm:ss[.SSS]``.
    """

    __slots__ = ("end", "engine", "pos", "shape", "start", "text", "truncated_column")

    def __init__(self, text: str, start: int, end: int, engine: str = "Chronos") -> None:
        self.engine = engine  # the engine that reads with Joda-Time, as messages name it
        self.text = text
        self.start = start
        self.end = end
        self.pos = start
        self.shape: StartShape = "full"
        self.truncated_column: int | None = None

    def parse(self) -> JodaStart:
        text = self.text
        year = 1970
        day_ordinal = date(1970, 1, 1).toordinal()
        timed = self._peek() in ("T", "t")
        if timed:
            self.pos += 1
            self.shape = "time-only"
            time_ms = self._time(required=True)
        else:
            year, day_ordinal = self._date()
            time_ms = 0
            timed = self._peek() in ("T", "t")
            if timed:
                self.pos += 1
                time_ms = self._time(required=False)
        offset_column = self.pos
        offset = None
        if self._peek() in ("Z", "z", "+", "-"):
            if not timed:
                self._offset_without_time()
            offset = self._offset()
        if self.pos != self.end:
            fail(f"unexpected {describe_char(text, self.pos)} in the start", text, self.pos)
        wall_ms = (day_ordinal - EPOCH_ORDINAL) * (NS_PER_DAY // NS_PER_MS) + time_ms
        return JodaStart(
            wall_ms,
            offset,
            year,
            self.start,
            self.shape,
            offset_column if offset is not None else None,
            self.truncated_column,
        )

    # -- helpers -----------------------------------------------------------------------------

    def _offset_without_time(self) -> NoReturn:
        """``2016-07-04Z``: Joda's ``dateOptionalTimeParser`` is ``date ['T' [time] [offset]]``
        (ISODateTimeFormat.java:1462-1474 in 2.9.6), so an offset needs the ``T`` before it; Joda
        stops at it, ``DateTime.parse`` throws and Chronos returns ``None``."""
        text = self.text
        offset = text[self.pos : self.end]
        fail(
            f"{self.engine} (Joda-Time) reads an offset only after a time: {offset!r} follows the date",
            text,
            self.pos,
            f"write {text[self.start : self.pos]}T00:00:00{offset}",
        )

    def _peek(self) -> str:
        return self.text[self.pos] if self.pos < self.end else ""

    def _number(self, max_digits: int, name: str, *, signed: bool = False) -> tuple[int, int]:
        """Joda's NumberFormatter: an optional sign (signed fields), then 1..max_digits digits."""
        text = self.text
        column = self.pos
        negative = False
        if signed and self._peek() in ("+", "-"):
            negative = self._peek() == "-"
            self.pos += 1
        digits_start = self.pos
        while self.pos < self.end and self.pos - digits_start < max_digits and "0" <= text[self.pos] <= "9":
            self.pos += 1
        if self.pos == digits_start:
            fail(f"expected the {name} (digits), found {describe_char(text, self.pos)}", text, self.pos)
        value = int(text[digits_start : self.pos])
        return (-value if negative else value), column

    def _literal(self, chars: str, what: str) -> None:
        if self._peek().upper() != chars:
            fail(f"expected {what}, found {describe_char(self.text, self.pos)}", self.text, self.pos)
        self.pos += 1

    def _date(self) -> tuple[int, int]:
        """(year, proleptic ordinal of the day); the element that reads the furthest wins."""
        text = self.text
        year, year_column = self._number(_YEAR_DIGITS, "year", signed=True)
        if self._peek() != "-":
            self.shape = "year"
            return year, self._ordinal_of(year, 1, 1, year_column, year_column)
        after_year = self.pos
        if self.pos + 1 < self.end and text[self.pos + 1] in "Ww":
            self.pos += 2
            week, week_column = self._number(2, "week")
            weekday, weekday_column = 1, week_column
            if self._peek() == "-":
                self.pos += 1
                weekday, weekday_column = self._number(1, "day of the week")
            return year, self._week_ordinal(year, week, weekday, week_column, weekday_column)
        # yyyy-DDD (1-3 digits) against yyyy-MM[-dd]: Joda keeps the longer match, the calendar
        # date on a tie ("2008-3" is March).
        digits = 0
        while after_year + 1 + digits < self.end and "0" <= text[after_year + 1 + digits] <= "9":
            digits += 1
        month_end = after_year + 1 + min(digits, 2)
        calendar_length = month_end
        if min(digits, 2) and month_end < self.end and text[month_end] == "-":
            day_digits = 0
            while month_end + 1 + day_digits < self.end and "0" <= text[month_end + 1 + day_digits] <= "9":
                day_digits += 1
            calendar_length = month_end + 1 + min(day_digits, 2) if day_digits else month_end
        ordinal_length = after_year + 1 + min(digits, 3)
        self.pos = after_year + 1
        if digits and ordinal_length > calendar_length:
            day_of_year, column = self._number(3, "day of the year")
            return year, self._day_of_year(year, day_of_year, column)
        month, month_column = self._number(2, "month")
        day, day_column = 1, month_column
        if self._peek() == "-" and calendar_length > month_end:
            self.pos += 1
            day, day_column = self._number(2, "day")
        else:
            self.shape = "year-month"
        return year, self._ordinal_of(year, month, day, month_column, day_column)

    # Joda's ISO calendar holds every year it reads (proleptic Gregorian, a year 0), so a day it
    # has not is rejected in any year; only then is a year datetime cannot hold reported, by the
    # caller, as what Chronos accepts (0 stands for the day here).

    def _ordinal_of(self, year: int, month: int, day: int, month_column: int, day_column: int) -> int:
        text = self.text
        if not 1 <= month <= 12:
            fail(f"month {month} is out of range 1-12", text, month_column)
        last = days_in_month(year, month)  # calendar.isleap: the Gregorian rule, any year
        if not 1 <= day <= last:
            fail(f"day {day} is out of range 1-{last} for {year}-{month:02d}", text, day_column)
        return date(year, month, day).toordinal() if 1 <= year <= 9999 else 0

    def _day_of_year(self, year: int, day_of_year: int, column: int) -> int:
        length = 366 if days_in_month(year, 2) == 29 else 365
        if not 1 <= day_of_year <= length:
            fail(f"day {day_of_year} of the year is out of range 1-{length} for {year}", self.text, column)
        return date(year, 1, 1).toordinal() + day_of_year - 1 if 1 <= year <= 9999 else 0

    def _week_ordinal(self, year: int, week: int, weekday: int, week_column: int, weekday_column: int) -> int:
        if not 1 <= weekday <= 7:
            fail(f"day {weekday} of the week is out of range 1-7", self.text, weekday_column)
        # The Gregorian calendar repeats every 400 years, weekdays included: a year datetime
        # cannot hold has the weeks of its counterpart in 2000-2399.
        weeks = 53 if date(2000 + (year - 2000) % 400, 12, 28).isocalendar()[1] == 53 else 52
        if not 1 <= week <= weeks:
            fail(f"week {week} is out of range 1-{weeks} for {year}", self.text, week_column)
        if not 1 <= year <= 9999:
            return 0
        try:
            return date.fromisocalendar(year, week, weekday).toordinal()
        except ValueError:  # week 1 of 0001 starts in year 0
            unrepresentable(
                f"week {week} of {year} starts before 0001-01-01: {cannot_hold(self.engine)}",
                self.text,
                week_column,
            )

    def _time(self, *, required: bool) -> int:
        """``HH[:mm[:ss[.f]] | .f] | .f]`` in milliseconds; absent (0) after a dangling ``T``."""
        text = self.text
        if not required and not ("0" <= self._peek() <= "9"):
            return 0  # "2008-03-01T" and "2008-03-01TZ" parse (CHRONOS.md §1.2)
        hour, hour_column = self._number(2, "hour")
        if hour > 23:
            hint = "write T00:00 on the next day" if hour == 24 else None
            fail(f"hour {hour} is out of range 0-23", text, hour_column, hint)
        total = hour * _MS_PER_HOUR
        if self._peek() in (".", ","):
            return total + self._fraction(_MS_PER_HOUR)
        if self._peek() != ":":
            return total
        self.pos += 1
        minute, minute_column = self._number(2, "minute")
        if minute > 59:
            fail(f"minute {minute} is out of range 0-59", text, minute_column)
        total += minute * _MS_PER_MINUTE
        if self._peek() in (".", ","):
            return total + self._fraction(_MS_PER_MINUTE)
        if self._peek() != ":":
            return total
        self.pos += 1
        second, second_column = self._number(2, "second")
        if second > 59:
            fail(
                f"second {second} is out of range 0-59 ({self.engine} has no leap seconds)",
                text,
                second_column,
            )
        total += second * _MS_PER_SECOND
        if self._peek() in (".", ","):
            total += self._fraction(_MS_PER_SECOND)
        return total

    def _fraction(self, unit_ms: int) -> int:
        """Joda's Fraction parser: each digit worth a tenth of the last, truncated as it goes.

        So ``T13.123456789`` is 13:07:24.443, not .444: the hour's millisecond weights
        (360,000, 36,000, ..., 36, 3, 0) lose a little at every digit.
        """
        text = self.text
        self.pos += 1  # the separator
        first = self.pos
        weight = unit_ms * 10
        value = 0
        digits = 0
        while self.pos < self.end and digits < _FRACTION_DIGITS and "0" <= text[self.pos] <= "9":
            weight //= 10
            value += int(text[self.pos]) * weight
            self.pos += 1
            digits += 1
        if not digits:
            fail(
                f"expected digits after the decimal sign, found {describe_char(text, self.pos)}",
                text,
                self.pos,
            )
        if int(text[first : self.pos]) * unit_ms != value // 10 * 10**digits:
            # Joda's weights lost part of the fraction: of a second, the digits after the third.
            self.truncated_column = first + 3 if unit_ms == _MS_PER_SECOND else first
        return value // 10

    def _offset(self) -> int:
        """``TimeZoneOffset.parseInto``: ``Z`` or a sign and hh, then mm, ss and SSS if present."""
        text = self.text
        if self._peek() in ("Z", "z"):
            self.pos += 1
            return 0
        sign_column = self.pos
        negative = self._peek() == "-"
        self.pos += 1
        hours = self._offset_pair("offset hours")
        if hours > 23:
            fail(f"offset hours {hours} are out of range 00-23", text, sign_column)
        total = hours * _MS_PER_HOUR
        separated = self._peek() == ":"
        if separated:
            self.pos += 1
        elif not ("0" <= self._peek() <= "9"):
            return -total if negative else total
        minutes = self._offset_pair("offset minutes")
        if minutes > 59:
            fail(f"offset minutes {minutes} are out of range 00-59", text, self.pos - 2)
        total += minutes * _MS_PER_MINUTE
        if separated and self._peek() == ":":
            self.pos += 1
        elif separated or not ("0" <= self._peek() <= "9"):
            return -total if negative else total
        seconds = self._offset_pair("offset seconds")
        if seconds > 59:
            fail(f"offset seconds {seconds} are out of range 00-59", text, self.pos - 2)
        total += seconds * _MS_PER_SECOND
        if separated and self._peek() in (".", ","):
            self.pos += 1
        elif separated or not ("0" <= self._peek() <= "9"):
            return -total if negative else total
        weight = 100
        digits_start = self.pos
        while self.pos < self.end and self.pos - digits_start < 3 and "0" <= text[self.pos] <= "9":
            total += int(text[self.pos]) * weight
            weight //= 10
            self.pos += 1
        if self.pos == digits_start:
            fail("expected the offset's milliseconds", text, self.pos)
        return -total if negative else total

    def _offset_pair(self, name: str) -> int:
        text = self.text
        if not (
            self.pos + 1 < self.end
            and text[self.pos : self.pos + 2].isdigit()
            and text[self.pos : self.pos + 2].isascii()
        ):
            fail(f"the {name} need two digits", text, self.pos)
        value = int(text[self.pos : self.pos + 2])
        self.pos += 2
        return value


def parse_joda_period(text: str, engine: str = "Chronos") -> Duration:
    """A period as Joda's ``Period.parse`` reads it (Chronos 2.x's ``epsilon``, Camunda 7's
    ``timeDate`` of ``P...``); ``engine`` names the reader in messages.

    >>> from isorepeat.joda.grammar import parse_joda_period
    >>> str(parse_joda_period("PT30S")), str(parse_joda_period("pt1m"))
    ('PT30S', 'PT1M')
    """
    if text[:1] not in ("P", "p"):
        fail(f"a period starts with P, found {describe_char(text, 0)}", text, 0, "write e.g. PT60S")
    return JodaPeriodParser(text, 0, engine).parse()
