"""The Java and Joda-Time pieces Camunda 7 reads a timer's text with, on the text's own columns.

``String.trim`` (``BpmnParse.java:3618``), ``String.split("/")`` (``DurationHelper.java:63``,
``TimerEntity.java:179``), ``Integer.parseInt`` of the ``R`` count (``DurationHelper.java:72``),
Joda-Time's ``ISODateTimeFormat.dateTimeParser().withZone(jvm)`` (``DateTimeUtil.java:42-63``) and
``ISOPeriodFormat.standard()`` (``DueDateBusinessCalendar.java:51``), and the
``SimpleDateFormat("yyyy-MM-dd'T'HH:mm:ss")`` that writes now into a start-less cycle
(``TimerEntity.java:47,178-183``).

The Joda grammars are :mod:`isorepeat.joda.grammar`'s scanners (Chronos reads its starts with
the same ``dateTimeParser``); their messages are reworded for Camunda 7 here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final, NoReturn, final

from isorepeat.bpmn._java import first_non_digit, java_trim, split_columns
from isorepeat.bpmn._java import java_split as split
from isorepeat.bpmn._java import parse_int as java_parse_int
from isorepeat.bpmn.timers import Millis
from isorepeat.datetimes import format_offset, format_wall
from isorepeat.duration import Duration
from isorepeat.errors import ScheduleError, fail, unrepresentable
from isorepeat.joda.grammar import JodaDateTimeParser, JodaPeriodParser
from isorepeat.units import NS_PER_MS
from isorepeat.zones import Gap, Overlap, Unique, Zone

__all__ = [
    "Part",
    "format_now",
    "java_split",
    "java_trim",
    "parse_int",
    "parse_joda_date",
    "parse_joda_period",
]

_JODA_YEARS: Final = (-292_275_054, 292_278_993)  # ISOChronology's year range


@final
@dataclass(frozen=True, slots=True)
class Part:
    """One piece of ``String.split("/")``: its text and where it starts in the whole text."""

    text: str
    start: int

    @property
    def end(self) -> int:
        return self.start + len(self.text)


def java_split(text: str, start: int, end: int) -> list[Part]:
    """``text[start:end].split("/")`` (:func:`isorepeat.bpmn._java.java_split`), each piece with
    its column in ``text``."""
    pieces = split(text[start:end])
    return [Part(piece, start + column) for piece, column in zip(pieces, split_columns(pieces), strict=True)]


def parse_int(text: str, start: int, end: int) -> int | tuple[int, str]:
    """``Integer.parseInt(text[start:end])``: the value, or (column, Java message) where it throws.

    A sign, then digits: any Unicode decimal digit (``Character.digit``), nothing else, no blank.
    """
    digits = text[start:end]
    value = java_parse_int(digits)
    if value is not None:
        return value
    if digits in ("+", "-"):
        return start + 1, f'For input string: "{digits}"'
    bad = first_non_digit(digits)
    overflow = bad == len(digits)  # every char a digit: the value does not fit in an int
    return (start if overflow or not digits else start + bad), f'For input string: "{digits}"'


def parse_joda_date(text: str, part: Part, zone: Zone, what: str) -> Millis:
    """``DateTimeUtil.parseDate(part)``: Joda's ``dateTimeParser`` with the JVM zone: a written
    offset gives the instant, a local time is read in ``zone`` (the earlier pass of an overlap;
    a time in a gap throws ``IllegalInstantException``).

    :raises ScheduleError: where Joda throws; columns index ``text``.
    """
    try:
        parsed = JodaDateTimeParser(text, part.start, part.end).parse()
    except ScheduleError as error:
        _reworded(error, f"Camunda 7 (Joda-Time) cannot parse the {what} {part.text!r}")
    if not _JODA_YEARS[0] <= parsed.year <= _JODA_YEARS[1]:
        fail(
            f"Camunda 7 (Joda-Time) rejects the {what} {part.text!r}: the year {parsed.year} is outside "
            f"{_JODA_YEARS[0]}..{_JODA_YEARS[1]}",
            text,
            part.start,
        )
    if not 1 <= parsed.year <= 9999:
        unrepresentable(
            f"the year {parsed.year} of the {what} is outside 0001-9999: Camunda 7 accepts it, "
            "isorepeat cannot represent it",
            text,
            part.start,
        )
    if parsed.offset_ms is not None:
        return parsed.wall_ms - parsed.offset_ms
    wall_ns = parsed.wall_ms * NS_PER_MS
    match zone.resolve(wall_ns):
        case Unique(offset) | Overlap(offset, _):
            return parsed.wall_ms - offset * 1000
        case Gap(before, after):
            _in_gap(text, part, zone, wall_ns, before, after)
    raise AssertionError  # pragma: no cover - the match is exhaustive


def _in_gap(text: str, part: Part, zone: Zone, wall_ns: int, before: int, after: int) -> NoReturn:
    shifted = format_wall(wall_ns + (after - before) * 1_000_000_000)
    fail(
        f"Camunda 7 (Joda-Time) rejects {format_wall(wall_ns)}: it does not exist in the JVM zone "
        f"{zone.name}, whose clocks skip from {format_offset(before)} to {format_offset(after)} "
        "(IllegalInstantException)",
        text,
        part.start,
        f"write the offset, e.g. {shifted}{format_offset(after)}, or a time outside the gap",
    )


def parse_joda_period(text: str, start: int, end: int) -> Duration:
    """``ISOPeriodFormat.standard().parsePeriod(text[start:end])``; columns index ``text``."""
    piece = text[start:end]
    try:
        return JodaPeriodParser(piece, 0).parse()
    except ScheduleError as error:
        shifted = ScheduleError(error.message, text, error.column + start, error.hint)
        _reworded(shifted, f"Camunda 7 (Joda-Time) cannot parse the period {piece!r}")


def _reworded(error: ScheduleError, lead: str) -> NoReturn:
    """The chronos scanners' error, said of Camunda 7 (they speak of Chronos)."""
    message = error.message.replace("Chronos (Joda-Time)", "Joda-Time").replace("Chronos", "Camunda 7")
    raise ScheduleError(f"{lead}: {message}", error.text, error.column, error.hint) from None


def format_now(now: Millis, zone: Zone) -> str:
    """``SimpleDateFormat("yyyy-MM-dd'T'HH:mm:ss").format(now)`` in the JVM zone: no millis."""
    wall = now + zone.offset_at(now * NS_PER_MS) * 1000
    return format_wall((wall - wall % 1000) * NS_PER_MS)
