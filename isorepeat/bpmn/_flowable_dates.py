"""The dates Flowable reads: ``DateUtil``'s java.time formatter, and the ``java.util.Date`` fallback.

``DateUtil`` (flowable-engine-common ``DateUtil.java:35-81``) is, in java.time's builder terms,
``year(1-10 digits, SignStyle.NORMAL) ['-'MM] ['-'dd] ['T'H] [':'m] [':'s[.fraction]]``, then,
leniently, ``[offset +HH:MM:ss or Z]``, every missing field defaulted (month 1, day 1, midnight):
so ``5`` is the year 0005, ``2024`` is January 1, ``2024-02-30`` is February 29 (the SMART resolver),
``T24:00`` is the next midnight, ``+02`` and ``+02:00`` are offsets but ``+0200`` is not (the
lenient parser reads ``+02`` and leaves ``00``), ``Z`` and ``T`` are upper case only, and a
``[Zone]`` is unparsed text. Without an offset the wall time is read in the zone given (the
clock's, which is the JVM's): a gap moves forward by its length, an overlap takes the earlier
offset (``ZonedDateTime.ofLocal``). ``DurationHelper.parseDate`` (``DurationHelper.java:183-195``)
falls back to ``new SimpleDateFormat("EEE MMM dd kk:mm:ss z yyyy")``, ``Date.toString()``'s format,
when java.time fails; ``DueDateBusinessCalendar`` has no fallback.
"""

from __future__ import annotations

from typing import Final, NoReturn

from isorepeat.bpmn._flowable_calendar import MS_PER_DAY, gregorian_days, hybrid_days, is_representable
from isorepeat.bpmn._flowable_text import JavaParseError, JavaUnrepresentableError
from isorepeat.calendar import days_in_month
from isorepeat.units import NS_PER_MS
from isorepeat.zones import Zone, instant_from_wall

__all__ = ["explain_stop", "read_date_string", "read_date_util"]

_MAX_YEAR: Final = 999_999_999  # ChronoField.YEAR's range
_MAX_OFFSET_S: Final = 18 * 3600  # ZoneOffset's range
_WEEKDAYS: Final = ("Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday")
_MONTHS: Final = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
_UTC_NAMES: Final = ("Coordinated Universal Time", "Greenwich Mean Time", "UTC")


def explain_stop(text: str, pos: int, end: int, who: str) -> tuple[str, str | None]:
    """Why a date reader stopped at ``pos`` (what it could not take there), and what to write."""
    char = text[pos]
    if char == "[":
        close = text.find("]", pos, end)
        name = text[pos + 1 : close] if close > pos else text[pos + 1 : end]
        before = text[text.rfind("/", 0, pos) + 1 : pos]
        written = _has_offset(before)
        return (
            f"{who} reads no zone in brackets ([{name}])",
            f"drop [{name}]: {before} {'has its offset' if written else 'needs an offset'}, and the "
            f"engine adds days and months in its JVM zone, so run it with a {name} JVM zone",
        )
    if char in "tz":
        return f"{who} reads {char.upper()} in upper case only", f"write {char.upper()}"
    if char == ",":
        return f"{who} reads a fraction of a second only after '.'", "write ."
    if char.isspace():
        return f"{who} reads no blank in a date", "remove the blank"
    return f"{who} cannot read {char!r} there", None


def _has_offset(date_text: str) -> bool:
    """Whether a date ends with ``Z`` or ``±hh[:mm]`` (after its time)."""
    tail = date_text[date_text.find("T") + 1 :] if "T" in date_text else ""
    return tail.endswith(("Z", "z")) or "+" in tail or "-" in tail


# -- DateUtil ------------------------------------------------------------------------------------


def read_date_util(text: str, start: int, end: int, zone: Zone) -> int:
    """``DateUtil.parseCalendar(text[start:end], zone)`` as an instant in ms; columns index ``text``.

    :raises JavaParseError: where java.time throws ``DateTimeParseException``.
    :raises JavaUnrepresentableError: for a date outside the years 0001-9999.
    """
    return _DateUtilReader(text, start, end).read(zone)


class _DateUtilReader:
    __slots__ = ("end", "fields", "pos", "start", "text")

    def __init__(self, text: str, start: int, end: int) -> None:
        self.text = text
        self.start = start
        self.end = end
        self.pos = start
        self.fields: dict[str, tuple[int, int]] = {}  # name -> (value, column)

    def _fail(self, why: str, column: int, hint: str | None = None) -> NoReturn:
        piece = self.text[self.start : self.end]
        raise JavaParseError(f"the date {piece!r}", why, column, hint, f"Text '{piece}' could not be parsed")

    def read(self, zone: Zone) -> int:
        self._year()
        self._fixed("month", "-")
        self._fixed("day", "-")
        self._section("hour", "T")
        self._section("minute", ":")
        if self._section("second", ":"):
            self._fraction()
        self._offset()
        if self.pos != self.end:
            self._unparsed()
        return self._resolve(zone)

    def _year(self) -> None:
        text, pos = self.text, self.pos
        if pos < self.end and text[pos] == "+":
            self._fail("java.time reads no '+' before a year here (SignStyle.NORMAL)", pos, "remove the +")
        digits = pos + (pos < self.end and text[pos] == "-")
        stop = digits
        while stop < self.end and stop - digits < 10 and "0" <= text[stop] <= "9":
            stop += 1
        if stop == digits:
            self._fail("a date starts with the year's digits", digits, "write e.g. 2024-07-01T10:00:00Z")
        value = int(text[digits:stop]) * (-1 if digits > pos else 1)
        if digits > pos and value == 0:
            self._fail("java.time reads no -0 as a year", pos)
        self.fields["year"] = (value, pos)
        self.pos = stop

    def _fixed(self, name: str, literal: str) -> None:
        """An optional ``literal`` and exactly two digits (month, day)."""
        text, pos = self.text, self.pos
        digits = text[pos + 1 : pos + 3]
        if pos + 3 <= self.end and text[pos] == literal and digits.isascii() and digits.isdigit():
            self.fields[name] = (int(digits), pos + 1)
            self.pos = pos + 3

    def _section(self, name: str, literal: str) -> bool:
        """An optional ``literal`` and a number of 1-19 digits, ``-`` allowed (resolved later)."""
        text, pos = self.text, self.pos
        if pos >= self.end or text[pos] != literal:
            return False
        digits = pos + 1 + (pos + 1 < self.end and text[pos + 1] == "-")
        stop = digits
        while stop < self.end and stop - digits < 19 and "0" <= text[stop] <= "9":
            stop += 1
        if stop == digits:
            return False
        value = int(text[digits:stop]) * (-1 if digits > pos + 1 else 1)
        if digits > pos + 1 and value == 0:
            return False
        self.fields[name] = (value, pos + 1)
        self.pos = stop
        return True

    def _fraction(self) -> None:
        text, pos = self.text, self.pos
        if pos < self.end and text[pos] == ".":
            stop = pos + 1
            while stop < self.end and stop - pos - 1 < 9 and "0" <= text[stop] <= "9":
                stop += 1
            self.fields["nano"] = (int((text[pos + 1 : stop] + "000000000")[:9]), pos + 1)
            self.pos = stop

    def _offset(self) -> None:
        """``appendOffsetId`` read leniently: ``Z``, or ``+HH`` then ``:MM`` then ``:ss``."""
        text, pos = self.text, self.pos
        if pos >= self.end:
            return
        if text[pos] == "Z":
            self.fields["offset"] = (0, pos)
            self.pos = pos + 1
            return
        if text[pos] not in "+-":
            return
        hours = self._pair(pos + 1)
        if hours is None:
            return
        if hours > 23:
            self._fail(f"the offset's hours {hours} are out of range 0-23", pos + 1)
        values = [hours]
        stop = pos + 3
        for _ in range(2):
            if not (stop < self.end and text[stop] == ":"):
                break
            pair = self._pair(stop + 1)
            if pair is None:
                break
            values.append(pair)
            stop += 3
        hours, minutes, seconds = (*values, 0, 0)[:3]
        sign = -1 if text[pos] == "-" else 1
        self.fields["offset"] = (sign * (hours * 3600 + minutes * 60 + seconds), pos)
        self.pos = stop

    def _pair(self, pos: int) -> int | None:
        pair = self.text[pos : pos + 2]
        if pos + 2 > self.end or len(pair) < 2 or not all("0" <= c <= "9" for c in pair):
            return None
        value = int(pair)
        return value if value <= 59 else None

    def _unparsed(self) -> NoReturn:
        text, pos = self.text, self.pos
        char = text[pos]
        if char.isdigit() and "offset" in self.fields and text[pos - 3] in "+-":
            self._fail(
                "java.time's lenient offset reads +HH, +HH:MM or +HH:MM:SS, and leaves the digits "
                "of +HHMM unparsed",
                pos,
                f"write {text[pos - 3 : pos]}:{text[pos : pos + 2]}",
            )
        if char == "-" and pos + 2 <= self.end and text[pos + 1 : pos + 2].isdigit():
            self._fail("java.time reads months and days with two digits", pos + 1, "write e.g. 2024-07-01")
        if char == "T":
            self._fail("T must be followed by the hour", pos + 1, "write e.g. T10:00:00")
        if char in "+-":
            self._fail("java.time reads an offset as +HH, +HH:MM or +HH:MM:SS", pos, "write e.g. +02:00")
        why, hint = explain_stop(text, pos, self.end, "java.time (DateUtil)")
        self._fail(why, pos, hint)

    def _resolve(self, zone: Zone) -> int:
        """``ResolverStyle.SMART``: ranges checked, the day clamped to the month, 24:00 is the
        next midnight; then the offset, or the zone."""
        get = self.fields.get
        year, year_column = get("year", (0, self.start))
        if abs(year) > _MAX_YEAR:
            self._fail(f"the year {year} is out of java.time's range", year_column)
        month, month_column = get("month", (1, self.start))
        day, day_column = get("day", (1, self.start))
        self._check(month, 1, 12, "month", month_column)
        self._check(day, 1, 31, "day", day_column)
        day = min(day, days_in_month(2000 + (year - 2000) % 400, month))  # SMART: "previous valid"
        hour, hour_column = get("hour", (0, self.start))
        minute, minute_column = get("minute", (0, self.start))
        second, second_column = get("second", (0, self.start))
        nano = get("nano", (0, self.start))[0]
        extra_day = 0
        if hour == 24 and minute == second == nano == 0:
            hour, extra_day = 0, 1
        self._check(hour, 0, 23, "hour", hour_column)
        self._check(minute, 0, 59, "minute", minute_column)
        self._check(second, 0, 59, "second", second_column)
        wall = (gregorian_days(year, month, day) + extra_day) * MS_PER_DAY
        wall += ((hour * 60 + minute) * 60 + second) * 1000 + nano // 1_000_000
        offset = get("offset")
        if offset is not None:
            if abs(offset[0]) > _MAX_OFFSET_S:
                self._fail("the offset is beyond ±18:00, ZoneOffset's range", offset[1])
            instant = wall - offset[0] * 1000
        else:
            instant = instant_from_wall(zone, wall * NS_PER_MS, "compatible") // NS_PER_MS
        if not 1 <= year <= 9999 or not is_representable(instant):
            piece = self.text[self.start : self.end]
            raise JavaUnrepresentableError(
                f"the date {piece!r}", f"the year {year} is outside 0001-9999", year_column
            )
        return instant

    def _check(self, value: int, low: int, high: int, name: str, column: int) -> None:
        if not low <= value <= high:
            self._fail(f"the {name} {value} is out of range {low}-{high}", column)


# -- new SimpleDateFormat("EEE MMM dd kk:mm:ss z yyyy"), lenient ---------------------------------


def read_date_string(text: str, start: int, end: int) -> int | None:
    """``DATE_FORMAT.parse(text)``: ``Date.toString()``'s form, English names in any case,
    numbers of any length and any value (the calendar is lenient: day 32 is the 1st of the next
    month), the zone ``GMT``, ``UTC``, ``GMT+h:mm`` or ``+hhmm``; text after the year is ignored.

    ``None`` where it throws ``ParseException`` (and where the zone is a name this model does
    not know, such as ``CEST``: the engine may accept those).

    :raises JavaUnrepresentableError: for a date it reads outside the years 0001-9999.
    """
    reader = _DateStringReader(text, start, end)
    try:
        reader.name(_WEEKDAYS)  # parsed, then outvoted by the day of the month
        month = reader.name(_MONTHS, after=" ")
        day = reader.number(" ")
        hour = reader.number(" ")
        minute = reader.number(":")
        second = reader.number(":")
        offset = reader.zone()
        year = reader.number(" ")
    except _UnparseableError:
        return None
    if hour == 24:  # kk: 1-24, and 24 is midnight
        hour = 0
    wall = hybrid_days(year, month + 1, day) * MS_PER_DAY + ((hour * 60 + minute) * 60 + second) * 1000
    millis = wall - offset
    if not is_representable(millis):
        piece = text[start:end]
        raise JavaUnrepresentableError(f"the date {piece!r}", f"the year {year} is outside 0001-9999", start)
    return millis


class _UnparseableError(Exception):
    pass


class _DateStringReader:
    __slots__ = ("end", "pos", "text")

    def __init__(self, text: str, start: int, end: int) -> None:
        self.text = text
        self.pos = start
        self.end = end

    def _blanks(self) -> None:
        while self.pos < self.end and self.text[self.pos] in " \t":
            self.pos += 1

    def _literal(self, char: str) -> None:
        if char:
            if self.pos >= self.end or self.text[self.pos] != char:
                raise _UnparseableError
            self.pos += 1

    def name(self, names: tuple[str, ...], after: str = "") -> int:
        """The longest of the full or three-letter names at this point, in any case."""
        self._literal(after)
        self._blanks()
        best, index = 0, -1
        for number, full in enumerate(names):
            for candidate in (full, full[:3]):
                piece = self.text[self.pos : self.pos + len(candidate)]
                fits = self.pos + len(candidate) <= self.end
                if len(candidate) > best and fits and piece.lower() == candidate.lower():
                    best, index = len(candidate), number
        if index < 0:
            raise _UnparseableError
        self.pos += best
        return index

    def number(self, literal: str) -> int:
        """``DecimalFormat.parse``, integers only: an optional ``-`` and ASCII digits."""
        self._literal(literal)
        self._blanks()
        start = self.pos
        if self.pos < self.end and self.text[self.pos] == "-":
            self.pos += 1
        digits = self.pos
        while self.pos < self.end and "0" <= self.text[self.pos] <= "9":
            self.pos += 1
        if self.pos == digits:
            raise _UnparseableError
        return int(self.text[start : self.pos])

    def zone(self) -> int:
        """The offset in ms: ``+hhmm``, ``GMT[+h:mm]``, or a name of UTC."""
        self._literal(" ")
        self._blanks()
        text, pos = self.text, self.pos
        if pos < self.end and text[pos] in "+-":
            pair = text[pos + 1 : min(pos + 5, self.end)]
            if len(pair) < 4 or not (pair.isascii() and pair.isdigit()):
                raise _UnparseableError
            if int(pair[:2]) > 23 or int(pair[2:]) > 59:
                raise _UnparseableError
            self.pos = pos + 5
            return (1 if text[pos] == "+" else -1) * (int(pair[:2]) * 60 + int(pair[2:])) * 60_000
        if text[pos : pos + 3].upper() == "GMT":
            self.pos = pos + 3
            return self._gmt_offset()
        for name in _UTC_NAMES:
            if text[pos : pos + len(name)].lower() == name.lower():
                self.pos = pos + len(name)
                return 0
        raise _UnparseableError

    def _gmt_offset(self) -> int:
        text, pos = self.text, self.pos
        if pos >= self.end or text[pos] not in "+-":
            return 0
        digits = pos + 1
        stop = digits
        while stop < self.end and stop - digits < 2 and "0" <= text[stop] <= "9":
            stop += 1
        minutes = text[stop + 1 : stop + 3]
        if stop == digits or text[stop : stop + 1] != ":" or len(minutes) < 2 or not minutes.isdigit():
            raise _UnparseableError
        hours = int(text[digits:stop])
        if hours > 23 or int(minutes) > 59:
            raise _UnparseableError
        self.pos = stop + 3
        return (1 if text[pos] == "+" else -1) * (hours * 60 + int(minutes)) * 60_000
