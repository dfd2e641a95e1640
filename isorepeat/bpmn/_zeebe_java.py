"""The plain-text parsers of the JDK that Zeebe's timers go through, as Zeebe's JVM runs them.

``String.trim``, ``Integer.parseInt``, ``new BigDecimal(String)`` (which decides whether a static
expression is a NUMBER), ``java.time.Period.parse`` and ``java.time.Duration.parse``. They work on
a slice ``text[start:end]`` of the text as the BPMN file holds it, so that every error's column
points into that text. The JDK's own messages (``Text cannot be parsed to a Period``) name no
position; these scanners find the first character that the JDK's pattern cannot match instead.

JDK 17 behaviour (``Period.java`` and ``Duration.java``, their ``PATTERN`` and ``parse``):

* both patterns are case-insensitive (``p1d`` is a period) and take ASCII digits only;
* a period is ``[-+]?P`` then ``[-+]?digits`` with ``Y``, ``M``, ``W``, ``D`` in that order, at
  least one; each number an ``int``, weeks folded into days with overflow checks;
* a duration is ``[-+]?P``, an optional ``nD``, an optional ``T`` with ``nH``, ``nM`` and
  ``n[.,]fffffffffS`` (at most nine fraction digits; the fraction takes the sign of its seconds),
  at least one of them, and a ``T`` with nothing after it is rejected; each number a ``long``.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import Final, NoReturn, final

from isorepeat.bpmn._java import INT_MAX, INT_MIN, java_trim, parse_int
from isorepeat.errors import ScheduleError

__all__ = [
    "INT_MAX",
    "INT_MIN",
    "JavaDuration",
    "JavaPeriod",
    "is_big_decimal",
    "java_trim",
    "parse_duration",
    "parse_duration_time",
    "parse_int",
    "parse_period",
]

_LONG_MIN: Final = -(2**63)
_LONG_MAX: Final = 2**63 - 1
_NS_PER_SECOND: Final = 1_000_000_000
_NS_PER_MILLI: Final = 1_000_000

_PERIOD_FORM: Final = "a period is P then numbers with Y, M, W and D, in that order (P1M, P2W3D)"
_DURATION_FORM: Final = "a duration is PT then numbers with H, M and S, in that order (PT1H30M, PT1.5S)"


@final
@dataclass(frozen=True, slots=True)
class JavaPeriod:
    """``java.time.Period``: years, months and days (weeks already folded into days)."""

    years: int = 0
    months: int = 0
    days: int = 0

    @property
    def is_zero(self) -> bool:
        return self.years == 0 and self.months == 0 and self.days == 0

    @property
    def total_months(self) -> int:
        """``Period.toTotalMonths``: what ``Period.addTo`` adds before the days."""
        return self.years * 12 + self.months


@final
@dataclass(frozen=True, slots=True)
class JavaDuration:
    """``java.time.Duration`` as signed nanoseconds (Java keeps seconds and a nano adjustment)."""

    nanos: int = 0

    def to_millis(self) -> int:
        """``Duration.toMillis`` of JDK 9+: truncated toward zero (-0.1 ms is 0 ms, not -1)."""
        whole = abs(self.nanos) // _NS_PER_MILLI
        return whole if self.nanos >= 0 else -whole


def _decimal_digit(char: str) -> int | None:
    """``Character.digit(c, 10)``: any Unicode decimal digit, as Java's parsers accept."""
    return unicodedata.decimal(char, None)


def is_big_decimal(text: str) -> bool:
    """True when ``new BigDecimal(text)`` succeeds: Zeebe's ``StaticExpression`` then types the
    text as a NUMBER (``10``, ``1e5``, ``+.5``, ``1.``), which no timer accepts."""
    pos = 1 if text[:1] in ("+", "-") else 0
    digits = 0
    while pos < len(text) and _decimal_digit(text[pos]) is not None:
        pos, digits = pos + 1, digits + 1
    if pos < len(text) and text[pos] == ".":
        pos += 1
        while pos < len(text) and _decimal_digit(text[pos]) is not None:
            pos, digits = pos + 1, digits + 1
    if digits == 0:
        return False
    if pos == len(text):
        return True
    if text[pos] not in "eE":
        return False
    return parse_int(text[pos + 1 :]) is not None


def _fail(what: str, text: str, start: int, end: int, column: int, why: str) -> NoReturn:
    shown = text[start:end]
    raise ScheduleError(f"Zeebe rejects the {what} {shown!r}: {why}", text, column)


def _scan_number(text: str, pos: int, end: int) -> tuple[int, int]:
    """``[-+]?[0-9]+`` at ``pos``: its end, and where the digits start (== end: no digits)."""
    if pos < end and text[pos] in "+-":
        pos += 1
    digits = pos
    while pos < end and "0" <= text[pos] <= "9":
        pos += 1
    return pos, digits


def _scan_sign_and_p(what: str, form: str, text: str, start: int, end: int) -> tuple[bool, int]:
    """``[-+]?P`` at ``start``: whether the sign is ``-``, and the position after the ``P``."""
    signed = start < end and text[start] in "+-"
    pos = start + 1 if signed else start
    if pos >= end or text[pos] not in "Pp":
        _fail(what, text, start, end, pos, f"{form}, and it must start with P")
    return signed and text[start] == "-", pos + 1


def _unit_at(units: str, text: str, pos: int, end: int, first: int) -> int:
    """The index in ``units`` of the unit letter at ``pos`` (either case), if it is one allowed
    from ``first`` on; -1 otherwise (the patterns take each unit once, in order)."""
    if pos >= end:
        return -1
    return units.find(text[pos].upper(), first) if text[pos].isascii() else -1


def parse_period(text: str, start: int, end: int) -> JavaPeriod:
    """``Period.parse(text[start:end])``.

    :raises ScheduleError: where the JDK throws (``Text cannot be parsed to a Period``, or an
        ``ArithmeticException`` when weeks and days overflow an ``int``).
    """
    negate, pos = _scan_sign_and_p("period", _PERIOD_FORM, text, start, end)
    units = "YMWD"
    values = [0, 0, 0, 0]
    next_unit = 0
    while pos < end:
        number_end, digits = _scan_number(text, pos, end)
        if number_end == digits:
            _fail("period", text, start, end, number_end, f"{_PERIOD_FORM}; a number is expected here")
        unit = _unit_at(units, text, number_end, end, next_unit)
        if unit < 0:
            _fail("period", text, start, end, number_end, f"{_PERIOD_FORM}; {_found(text, number_end, end)}")
        values[unit] = _period_number(text, start, end, (pos, number_end), negate)
        next_unit, pos = unit + 1, number_end + 1
    if next_unit == 0:
        _fail("period", text, start, end, end, f"{_PERIOD_FORM}, and it has no number")
    days = values[3] + values[2] * 7
    if not INT_MIN <= days <= INT_MAX:
        _fail("period", text, start, end, start, "its weeks and days overflow a Java int")
    return JavaPeriod(values[0], values[1], days)


def _found(text: str, pos: int, end: int) -> str:
    """What stands where a unit letter is expected, for the message."""
    return "the text ends where a unit is expected" if pos >= end else f"{text[pos]!r} is not a unit here"


def _period_number(text: str, start: int, end: int, bounds: tuple[int, int], negate: bool) -> int:
    value = int(text[bounds[0] : bounds[1]])
    value = -value if negate else value
    if not INT_MIN <= value <= INT_MAX:
        _fail("period", text, start, end, bounds[0], "the number is outside a Java int")
    return value


def parse_duration(text: str, start: int, end: int) -> JavaDuration:
    """``Duration.parse(text[start:end])``: ``[-+]?P``, optional days, then the ``T`` part.

    :raises ScheduleError: where the JDK throws ``Text cannot be parsed to a Duration``.
    """
    negate, pos = _scan_sign_and_p("duration", _DURATION_FORM, text, start, end)
    days = 0
    number_end, digits = _scan_number(text, pos, end)
    if number_end > digits:
        if number_end >= end or text[number_end] not in "Dd":
            _fail("duration", text, start, end, number_end, f"{_DURATION_FORM}; only D may follow P")
        days = _long_of(text, start, end, pos, number_end, 86_400)
        pos = number_end + 1
    if pos == end:
        if number_end == digits:
            _fail("duration", text, start, end, end, f"{_DURATION_FORM}, and it has no number")
        return _duration_of(text, start, end, days, 0, negate)
    if text[pos] not in "Tt":
        _fail("duration", text, start, end, pos, f"{_DURATION_FORM}; T is expected here")
    seconds, nanos = _scan_time_part(text, start, end, pos + 1)
    return _duration_of(text, start, end, days + seconds, nanos, negate)


def parse_duration_time(text: str, t_index: int, end: int, negate: bool) -> JavaDuration:
    """``Duration.parse(sign + "P" + text[t_index:end])``: the time part Zeebe's ``Interval.parse``
    splits off ``P1DT1H`` at its ``T`` (which it found at ``t_index``)."""
    seconds, nanos = _scan_time_part(text, t_index, end, t_index + 1)
    return _duration_of(text, t_index, end, seconds, nanos, negate)


def _scan_time_part(text: str, start: int, end: int, pos: int) -> tuple[int, int]:
    """``(?:nH)?(?:nM)?(?:n[.,]fS)?`` after the ``T`` at ``pos - 1``: seconds and nanoseconds."""
    units = "HMS"
    next_unit = 0
    seconds = nanos = 0
    while pos < end:
        number_end, digits = _scan_number(text, pos, end)
        if number_end == digits:
            _fail("duration", text, start, end, number_end, f"{_DURATION_FORM}; a number is expected here")
        fraction_end = number_end
        if fraction_end < end and text[fraction_end] in ".,":
            fraction_end += 1
            while fraction_end < end and "0" <= text[fraction_end] <= "9" and fraction_end - number_end <= 9:
                fraction_end += 1
        unit = _unit_at(units, text, fraction_end, end, next_unit)
        if unit < 0 or (fraction_end > number_end and units[unit] != "S"):
            why = f"{_DURATION_FORM}; {_found(text, fraction_end, end)}"
            _fail("duration", text, start, end, fraction_end, why)
        seconds += _long_of(text, start, end, pos, number_end, (3600, 60, 1)[unit])
        if fraction_end > number_end + 1:
            fraction = text[number_end + 1 : fraction_end]
            nanos = int(fraction.ljust(9, "0")) * (-1 if text[pos] == "-" else 1)
        next_unit, pos = unit + 1, fraction_end + 1
    if next_unit == 0:
        _fail("duration", text, start, end, end, f"{_DURATION_FORM}; T must be followed by a number")
    return seconds, nanos


def _long_of(text: str, start: int, end: int, number_start: int, number_end: int, unit: int) -> int:
    value = int(text[number_start:number_end]) * unit
    if not _LONG_MIN <= value <= _LONG_MAX:
        _fail("duration", text, start, end, number_start, "the number overflows a Java long")
    return value


def _duration_of(text: str, start: int, end: int, seconds: int, nanos: int, negate: bool) -> JavaDuration:
    if not _LONG_MIN <= seconds <= _LONG_MAX:
        _fail("duration", text, start, end, start, "its seconds overflow a Java long")
    total = seconds * _NS_PER_SECOND + nanos
    return JavaDuration(-total if negate else total)
