"""A cycle's period as Flowable's and Activiti's ``DurationHelper`` reads and uses it.

``DatatypeFactory.newDuration(text)`` is the JDK's xerces ``DurationImpl(String)``:
``P[nY][nM][nD][T[nH][nM][n[.n]S]]`` with ASCII digits, a fraction only on the seconds (``.``, not
``,``), no weeks, no sign inside (``P-1D``), upper-case designators in this order. ``R/start/end``
gets ``newDuration(end - start)``: the milliseconds read as an instant after 1970-01-01T00:00 in a
GMT calendar, so 40 days are ``P1M9D``. ``DurationHelper.add`` then uses ``getSeconds()`` ...
``getYears()``: each field's ``intValue()`` (the seconds' fraction is dropped, so ``PT1.5S`` steps
by one second and ``PT0.5S`` not at all) times ``getSign()``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Final, NoReturn, final

from isorepeat.bpmn._flowable_text import JavaParseError
from isorepeat.bpmn._java import java_int

__all__ = ["XmlPeriod", "parse_xml_period", "period_from_millis"]

_MS_PER_DAY: Final = 86_400_000
_DATE_DESIGNATORS: Final = "YMD"
_TIME_DESIGNATORS: Final = "HMS"


@final
@dataclass(frozen=True, slots=True)
class XmlPeriod:
    """A ``javax.xml.datatype.Duration`` as ``DurationHelper.add`` sees it.

    ``sign`` is ``getSign()`` (0 when every field is zero); the fields are ``getYears()`` ...
    ``getSeconds()``, Java ints; ``fraction`` tells that the seconds had a fraction the getter drops.
    """

    sign: int
    years: int = 0
    months: int = 0
    days: int = 0
    hours: int = 0
    minutes: int = 0
    seconds: int = 0
    fraction: bool = False

    def signed(self) -> tuple[int, int, int, int, int, int]:
        """The amounts ``add`` passes to ``Calendar.add``, in its order: seconds, minutes,
        hours, days, months, years (``getX() * getSign()``, int arithmetic)."""
        sign = self.sign
        return (
            java_int(self.seconds * sign),
            java_int(self.minutes * sign),
            java_int(self.hours * sign),
            java_int(self.days * sign),
            java_int(self.months * sign),
            java_int(self.years * sign),
        )


def parse_xml_period(text: str, start: int, end: int) -> XmlPeriod:
    """``DatatypeFactory.newDuration(text[start:end])``; columns index ``text``.

    :raises JavaParseError: where ``DurationImpl(String)`` throws (its message is the text).
    """
    return _Reader(text, start, end).read()


def period_from_millis(millis: int) -> XmlPeriod:
    """``DatatypeFactory.newDuration(long)``: ``|millis|`` after the epoch in a GMT calendar."""
    sign = (millis > 0) - (millis < 0)
    days, rest = divmod(abs(millis), _MS_PER_DAY)
    year, month, day = _civil_from_days(days)
    hours, rest = divmod(rest, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    seconds, fraction = divmod(rest, 1000)
    return XmlPeriod(sign, year - 1970, month - 1, day - 1, hours, minutes, seconds, fraction != 0)


def _civil_from_days(days: int) -> tuple[int, int, int]:
    """(year, month 1-12, day) of a day count since 1970-01-01, proleptic Gregorian."""
    shifted = days + 719_468
    era, day_of_era = divmod(shifted, 146_097)
    year_of_era = (day_of_era - day_of_era // 1460 + day_of_era // 36_524 - day_of_era // 146_096) // 365
    day_of_year = day_of_era - (365 * year_of_era + year_of_era // 4 - year_of_era // 100)
    month_from_march = (5 * day_of_year + 2) // 153
    day = day_of_year - (153 * month_from_march + 2) // 5 + 1
    month = month_from_march + 3 if month_from_march < 10 else month_from_march - 9
    return year_of_era + era * 400 + (month <= 2), month, day


class _Reader:
    """``DurationImpl(String)``: chunks of digits (and periods) each ended by one designator."""

    __slots__ = ("end", "pos", "start", "text")

    def __init__(self, text: str, start: int, end: int) -> None:
        self.text = text
        self.start = start
        self.end = end
        self.pos = start

    def _fail(self, why: str, column: int, hint: str | None = None) -> NoReturn:
        piece = self.text[self.start : self.end]
        raise JavaParseError(f"the period {piece!r}", why, column, hint, piece)

    def read(self) -> XmlPeriod:
        text, end = self.text, self.end
        if self.pos >= end or text[self.pos] != "P":  # DurationHelper only calls it on "P..."
            self._fail("a period starts with P", self.pos)
        self.pos += 1
        date_parts = self._chunks(lambda char: "0" <= char <= "9")
        timed = False
        if self.pos < end:
            if text[self.pos] != "T":
                self._order(date_parts, _DATE_DESIGNATORS)  # a W among them says more than a 4th field
                self._not_t()
            timed = True
            self.pos += 1
        time_parts = self._chunks(lambda char: "0" <= char <= "9" or char == ".")
        if timed and not time_parts:
            self._fail("T must be followed by hours, minutes or seconds", self.pos, "write e.g. PT1H")
        if self.pos != end:
            char = text[self.pos]
            if char.isspace():
                self._fail(
                    "a period takes no blank, and the engine does not trim the text", self.pos, "remove it"
                )
            self._fail(f"unexpected {char!r} after the period's fields", self.pos)
        if not date_parts and not time_parts:
            self._fail("a period needs at least one field", end, "write e.g. PT10M or P1D")
        years, months, days = self._order(date_parts, _DATE_DESIGNATORS)
        hours, minutes, seconds = self._order(time_parts, _TIME_DESIGNATORS)
        values = [self._whole(part) for part in (years, months, days, hours, minutes)]
        exact = self._decimal(seconds)
        zero = not any(values) and not exact
        whole_seconds = java_int(int(exact)) if exact is not None else 0  # intValue(): toward zero
        years_, months_, days_, hours_, minutes_ = (java_int(value or 0) for value in values)
        return XmlPeriod(
            0 if zero else 1,
            years_,
            months_,
            days_,
            hours_,
            minutes_,
            whole_seconds,
            exact is not None and exact != int(exact),
        )

    def _chunks(self, starts: Callable[[str], bool]) -> list[tuple[str, int]]:
        """``parsePiece`` up to three times: digits and periods, then any one character."""
        text, end = self.text, self.end
        parts: list[tuple[str, int]] = []
        while self.pos < end and starts(text[self.pos]) and len(parts) < 3:
            begin = self.pos
            while self.pos < end and ("0" <= text[self.pos] <= "9" or text[self.pos] == "."):
                self.pos += 1
            if self.pos == end:
                self._fail("the number has no designator (Y, M, D, H, M or S) after it", end)
            self.pos += 1
            parts.append((text[begin : self.pos], begin))
        return parts

    def _not_t(self) -> NoReturn:
        """A character where a date field or T should be: say what it most likely meant."""
        char = self.text[self.pos]
        if char in "+-":
            self._fail(
                "javax.xml.datatype takes a sign only before the P, and DurationHelper reads a "
                "text starting with '-' as a date, so a period cannot be negative",
                self.pos,
            )
        if char == "t":
            self._fail("the T must be upper case", self.pos, "write T")
        if char == ",":
            self._fail("the fraction separator is '.', and only the seconds take one", self.pos)
        if "0" <= char <= "9":
            self._fail("a period has at most three date fields, Y, M and D", self.pos)
        self._fail(f"unexpected {char!r} where a date field or T should be", self.pos)

    def _order(self, parts: list[tuple[str, int]], designators: str) -> list[tuple[str, int] | None]:
        """``organizeParts``: the designators must come in ``designators``' order, once each."""
        slots: list[tuple[str, int] | None] = [None, None, None]
        previous = -1
        for part, column in parts:
            designator = part[-1]
            index = designators.find(designator)
            where = column + len(part) - 1
            if index < 0:
                self._unknown(designator, designators, where, part)
            if index <= previous:
                self._fail(f"{designator} is out of order or repeated: the order is {designators}", where)
            slots[index] = (part, column)
            previous = index
        return slots

    def _unknown(self, designator: str, designators: str, where: int, part: str) -> NoReturn:
        number = part[:-1]
        if designator == "W" and designators == _DATE_DESIGNATORS:
            days = f"P{int(number) * 7}D" if number.isdigit() else "days"
            self._fail("javax.xml.datatype's Duration has no weeks (W)", where, f"write {days}")
        if designator in "HS" and designators == _DATE_DESIGNATORS:
            self._fail(
                f"{designator} needs a T before it: hours and seconds come after T", where, "write PT..."
            )
        if designator in "YD" and designators == _TIME_DESIGNATORS:
            self._fail(f"{designator} belongs before the T: years, months and days come first", where)
        if designator.upper() in designators:
            self._fail("the designators must be upper case", where, f"write {designator.upper()}")
        self._fail(f"{designator!r} is not a field here: the fields are {designators}", where)

    def _whole(self, slot: tuple[str, int] | None) -> int | None:
        """``new BigInteger(digits)``: only the seconds may have a fraction."""
        if slot is None:
            return None
        digits, column = slot[0][:-1], slot[1]
        if "." in digits or not digits:
            self._fail(
                f"only seconds may have a fraction: {slot[0]} is not a whole number",
                column + max(digits.find("."), 0),
            )
        return int(digits)

    def _decimal(self, slot: tuple[str, int] | None) -> Decimal | None:
        """``new BigDecimal(digits)``: one decimal point at most, and a digit somewhere."""
        if slot is None:
            return None
        digits, column = slot[0][:-1], slot[1]
        if digits.count(".") > 1 or not digits.strip("."):
            self._fail(f"{digits!r} is not a decimal number", column)
        try:
            return Decimal(digits)
        except InvalidOperation:  # pragma: no cover - the checks above leave valid decimals only
            self._fail(f"{digits!r} is not a decimal number", column)
