"""Activiti's Joda-Time dates, and the periods both engines' ``DueDateBusinessCalendar`` adds.

Activiti reads a cycle's start and end with ``ISODateTimeFormat.dateTimeParser()`` in the clock's
zone (``DurationHelper.java:197-212``), a ``timeDate`` with ``DateTime.parse`` (the same parser,
``withOffsetParsed``): both are Joda's generous ISO reader, the one isorepeat's Chronos dialect
already scans (shared: :class:`isorepeat.joda.grammar.JodaDateTimeParser`), so lower
case, ``+0200``, ``,5`` and one-digit fields pass, a local time in a gap throws
``IllegalInstantException`` and an overlap takes the earlier offset. The cycle's reader falls back
to ``SimpleDateFormat("EEE MMM dd kk:mm:ss z yyyy", Locale.ENGLISH)``.

A ``timeDate`` starting with ``P`` is a period from now in the JVM zone: Flowable's
``Period.parse`` of the text before the first ``T`` plus ``Duration.parse`` of ``P`` and the rest
(``DueDateBusinessCalendar.java:33-64``: java.time, weeks and signs allowed, months then days on
the wall clock, an overlap keeping the offset it had), Activiti's Joda ``Period.parse`` added with
``DateTime.plus`` (:func:`isorepeat.joda.arithmetic.joda_plus`).
"""

from __future__ import annotations

import re
from typing import Final, NoReturn

from isorepeat.bpmn._flowable_calendar import is_representable
from isorepeat.bpmn._flowable_dates import explain_stop, read_date_string
from isorepeat.bpmn._flowable_text import JavaParseError, JavaUnrepresentableError
from isorepeat.bpmn._java import INT_MAX, INT_MIN
from isorepeat.calendar import add_calendar
from isorepeat.errors import ScheduleError, UnrepresentableError
from isorepeat.joda.arithmetic import joda_plus
from isorepeat.joda.grammar import JodaDateTimeParser, parse_joda_period
from isorepeat.units import NS_PER_MS, NS_PER_SECOND
from isorepeat.zones import Gap, Overlap, Unique, Zone

__all__ = ["activiti_period_after", "flowable_period_after", "read_joda_date"]

_JODA_MAX_YEAR: Final = 292_278_993
_LONG_MAX: Final = 2**63 - 1
_PERIOD: Final = re.compile(
    r"([-+]?)P(?:([-+]?[0-9]+)Y)?(?:([-+]?[0-9]+)M)?(?:([-+]?[0-9]+)W)?(?:([-+]?[0-9]+)D)?", re.IGNORECASE
)
_DURATION: Final = re.compile(
    r"([-+]?)P(?:([-+]?[0-9]+)D)?"
    r"(T(?:([-+]?[0-9]+)H)?(?:([-+]?[0-9]+)M)?(?:([-+]?[0-9]+)(?:[.,]([0-9]{0,9}))?S)?)?",
    re.IGNORECASE,
)


# -- Joda dates (Activiti) -----------------------------------------------------------------------


def read_joda_date(text: str, start: int, end: int, zone: Zone, *, fallback: bool) -> int:
    """``ISODateTimeFormat.dateTimeParser().withZone(zone).parseDateTime(text[start:end])`` in ms,
    then (``fallback``) ``Date.toString()``'s form; columns index ``text``.

    :raises JavaParseError: where Joda (and the fallback) throw.
    :raises JavaUnrepresentableError: for a date outside the years 0001-9999.
    """
    piece = text[start:end]
    what = f"the date {piece!r}"
    try:
        parsed = JodaDateTimeParser(text, start, end).parse()
    except UnrepresentableError as error:
        raise JavaUnrepresentableError(what, "it is before 0001-01-01", error.column) from None
    except ScheduleError as error:
        if fallback and (millis := read_date_string(text, start, end)) is not None:
            return millis
        raise _joda_error(text, start, end, error) from None
    if abs(parsed.year) > _JODA_MAX_YEAR:
        _reject(what, f"the year {parsed.year} is beyond Joda-Time's range", parsed.column, piece)
    if not 1 <= parsed.year <= 9999:
        raise JavaUnrepresentableError(what, f"the year {parsed.year} is outside 0001-9999", parsed.column)
    if parsed.offset_ms is not None:
        instant = parsed.wall_ms - parsed.offset_ms
    else:
        match zone.resolve(parsed.wall_ms * NS_PER_MS):
            case Unique(offset) | Overlap(offset, _):  # getOffsetFromLocal: the earlier instant
                instant = parsed.wall_ms - offset * 1000
            case Gap():
                if fallback and (millis := read_date_string(text, start, end)) is not None:
                    return millis
                _reject(
                    what,
                    f"the wall time does not exist in {zone.name} (the clocks skip it), so Joda-Time "
                    "throws IllegalInstantException",
                    parsed.column,
                    f'Cannot parse "{piece}": Illegal instant due to time zone offset transition',
                    "write the offset the clocks have after the gap, or a time outside it",
                )
    if not is_representable(instant):
        raise JavaUnrepresentableError(what, "the instant is outside 0001-9999", parsed.column)
    return instant


def _joda_error(text: str, start: int, end: int, error: ScheduleError) -> JavaParseError:
    """The Chronos scanner's error, said of Activiti's Joda-Time parser."""
    piece = text[start:end]
    message = error.message.replace("Chronos (Joda-Time)", "Joda-Time").replace("Chronos", "Joda-Time")
    message = message.replace(" in the start", " in the date")
    hint = error.hint
    why = f"Joda-Time's ISO parser: {message}"
    if error.column < end and text[error.column] == "[":
        why, hint = explain_stop(text, error.column, end, "Joda-Time's ISO parser")
    return JavaParseError(f"the date {piece!r}", why, error.column, hint, f'Invalid format: "{piece}"')


def _reject(what: str, why: str, column: int, java: str, hint: str | None = None) -> NoReturn:
    raise JavaParseError(what, why, column, hint, java)


# -- DueDateBusinessCalendar's periods -------------------------------------------------------------


def activiti_period_after(text: str, now: int, zone: Zone) -> int:
    """``new DateTime(now).plus(Period.parse(text))`` (Joda) in the JVM zone, in ms."""
    try:
        period = parse_joda_period(text)
    except ScheduleError as error:
        message = error.message.replace("Chronos (Joda-Time)", "Joda-Time").replace("Chronos", "Activiti")
        _reject(
            f"the period {text!r}", f"Joda-Time's Period.parse: {message}", error.column, text, error.hint
        )
    result = joda_plus(zone, now * NS_PER_MS, period)
    if result is None:
        raise JavaUnrepresentableError(f"the period {text!r}", "the due date is outside 0001-9999", 0)
    return result // NS_PER_MS


def flowable_period_after(text: str, now: int, zone: Zone) -> int:
    """Flowable's ``calculateTime.plus(period).plus(duration)`` in the JVM zone, in ms."""
    if text.startswith("PT"):
        months, days, nanos = 0, 0, _java_duration(text, text, 0)
    else:
        cut = text.find("T")
        if cut > 0:
            months, days = _java_period(text[:cut], text)
            nanos = _java_duration("P" + text[cut:], text, cut)
        else:
            months, days = _java_period(text, text)
            nanos = 0
    instant = now * NS_PER_MS
    if months:
        instant = _plus_wall(instant, months, 0, zone, text)
    if days:
        instant = _plus_wall(instant, 0, days, zone, text)
    millis = (instant + nanos) // NS_PER_MS
    if not is_representable(millis):
        raise JavaUnrepresentableError(f"the period {text!r}", "the due date is outside 0001-9999", 0)
    return millis


def _plus_wall(instant: int, months: int, days: int, zone: Zone, text: str) -> int:
    """``ZonedDateTime.plusMonths``/``plusDays``: the wall time moved, then ``ofLocal`` with the
    offset it had (kept in an overlap, forward across a gap)."""
    offset = zone.offset_at(instant)
    wall = add_calendar(instant + offset * NS_PER_SECOND, months, days)
    if wall is None:
        raise JavaUnrepresentableError(f"the period {text!r}", "the due date is outside 0001-9999", 0)
    match zone.resolve(wall):
        case Unique(chosen):
            return wall - chosen * NS_PER_SECOND
        case Gap(before, _):
            return wall - before * NS_PER_SECOND
        case Overlap(earlier, later):
            return wall - (offset if offset in (earlier, later) else earlier) * NS_PER_SECOND
    raise AssertionError  # pragma: no cover - the match is exhaustive


def _java_period(piece: str, text: str) -> tuple[int, int]:
    """``java.time.Period.parse``: (total months, days); weeks are 7 days, fields are ints."""
    match = _PERIOD.fullmatch(piece)
    if match is None or not any(match.group(index) for index in range(2, 6)):
        _reject(
            f"the period {text!r}",
            "java.time's Period.parse reads PnYnMnWnD before the T",
            0,
            f"Text cannot be parsed to a Period: {piece}",
        )
    sign = -1 if match.group(1) == "-" else 1
    years, months, weeks, days = (_java_field(match.group(index), text) for index in range(2, 6))
    return sign * (years * 12 + months), sign * (weeks * 7 + days)


def _java_field(value: str | None, text: str) -> int:
    number = int(value) if value else 0
    if not INT_MIN <= number <= INT_MAX:
        _reject(f"the period {text!r}", f"{value} does not fit in a Java int", 0, "Text cannot be parsed")
    return number


def _java_duration(piece: str, text: str, column: int) -> int:
    """``java.time.Duration.parse``: nanoseconds (days of 24 hours, any case, ``.`` or ``,``)."""
    match = _DURATION.fullmatch(piece)
    if match is None or match.group(3) == "T" or not any(match.group(index) for index in (2, 4, 5, 6)):
        _reject(
            f"the period {text!r}",
            "java.time's Duration.parse reads PTnHnMn.nS after the T",
            column,
            f"Text cannot be parsed to a Duration: {piece}",
        )
    sign = -1 if match.group(1) == "-" else 1
    days, hours, minutes = (int(match.group(index) or 0) for index in (2, 4, 5))
    seconds_text, fraction = match.group(6) or "0", match.group(7) or ""
    nanos = int((fraction + "000000000")[:9]) * (-1 if seconds_text.startswith("-") else 1)
    seconds = ((days * 24 + hours) * 60 + minutes) * 60 + int(seconds_text)
    if abs(seconds) > _LONG_MAX:
        _reject(f"the period {text!r}", "the duration overflows a long", column, "Text cannot be parsed")
    return sign * (seconds * NS_PER_SECOND + nanos)
