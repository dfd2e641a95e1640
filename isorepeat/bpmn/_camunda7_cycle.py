"""Camunda 7's ``DurationHelper`` (``DurationHelper.java:56-167`` at camunda-bpm-platform@3dd653fe).

The constructor splits the text at ``/`` (at most 3 parts), reads ``R`` and its count with
``Integer.parseInt`` (``R`` alone is ``Integer.MAX_VALUE``), then either a period (``P…``, read by
``DatatypeFactory.newDuration``, or ``P<n>W`` as n weeks of milliseconds) and an optional end, or
a start and then a period or an end (then the period is ``newDuration(end - start)``); dates are
Joda's, in the JVM zone. Without a start and an end, the start is now.

``getDateAfterRepeat`` (``:116-139``) walks the grid from the start, one ``addTo`` at a time, at
most ``times`` steps, until it passes the date (so ``R<n>`` with a start has n + 1 points), and
answers ``null`` when the steps ran out before it; from an end it walks back. The walk is the
engine's; here a step of fixed length (time fields only, or days in a zone without DST) is
jumped over in one multiplication, because ``R/2000-01-01T00:00:00Z/PT1S`` is 770 million steps.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final, NoReturn, final

from isorepeat.bpmn._camunda7_text import Part, java_split, parse_int, parse_joda_date
from isorepeat.bpmn._xml_duration import (
    XmlDuration,
    XmlDurationError,
    add_to,
    duration_from_millis,
    parse_xml_duration,
)
from isorepeat.bpmn.timers import Millis
from isorepeat.errors import ScheduleError, fail
from isorepeat.zones import Zone, zone_from_name

__all__ = ["DurationSpec", "Walk", "date_after", "date_after_walk", "read_duration"]

_INT_MAX: Final = 2**31 - 1
_LONG_MAX: Final = 2**63 - 1
_MS_PER_WEEK: Final = 7 * 24 * 60 * 60 * 1000
_WEEKS: Final = re.compile(r"P[0-9]+W")  # PnW_PATTERN, matched whole; Java's \d is ASCII
_ZONE_SUFFIX: Final = re.compile(r"\[([^\]/]*/[^\]]*)\]?")


@final
@dataclass(frozen=True, slots=True)
class DurationSpec:
    """The fields a ``DurationHelper`` constructor leaves (``start`` is now when none is written)."""

    is_repeat: bool
    times: int
    start: Millis | None
    end: Millis | None
    period: XmlDuration


def read_duration(text: str, begin: int, stop: int, now: Millis, zone: Zone, what: str) -> DurationSpec:
    """``new DurationHelper(text[begin:stop], null)`` with the clock at ``now``.

    ``what`` names the element in messages (``"cycle"``, ``"duration"``).

    :raises ScheduleError: where the constructor throws, with the column in ``text``.
    """
    parts = java_split(text, begin, stop)
    if len(parts) > 3 or not parts:
        _too_many_parts(text, begin, stop, parts, what)
    head = parts[0]
    is_repeat = head.text.startswith("R")
    times = 0
    if is_repeat:
        times = _count(text, head)
        parts = parts[1:]
        if not parts:
            fail(
                f"Camunda 7 rejects a {what} with nothing after {head.text!r}: DurationHelper "
                "needs a period, a start or an end (IndexOutOfBoundsException)",
                text,
                stop,
                f"write e.g. {head.text}/PT10M",
            )
    start = end = None
    if parts[0].text.startswith("P"):
        period = _period(text, parts[0], what)
        if len(parts) > 1:
            end = parse_joda_date(text, parts[1], zone, f"end of the {what}")
    else:
        start = _start(text, parts[0], zone, what)
        if len(parts) == 1:
            fail(
                f"Camunda 7 rejects a {what} with a start and nothing after it: DurationHelper needs "
                "a period or an end (IndexOutOfBoundsException)",
                text,
                stop,
                f"write e.g. {text[begin:stop]}/PT10M",
            )
        if parts[1].text.startswith("P"):
            period = _period(text, parts[1], what)
        else:
            end = parse_joda_date(text, parts[1], zone, f"end of the {what}")
            period = duration_from_millis(end - start)
    if start is None and end is None:
        start = now
    return DurationSpec(is_repeat, times, start, end, period)


def _start(text: str, part: Part, zone: Zone, what: str) -> Millis:
    """The start, by Joda; a lower-case ``p`` (``R3/pt10s``) was meant as a period."""
    try:
        return parse_joda_date(text, part, zone, f"start of the {what}")
    except ScheduleError as error:
        if part.text[:1] != "p":
            raise
        hint = f"write {part.text.upper()}: a period starts with an upper-case P"
        raise ScheduleError(error.message, error.text, error.column, hint) from None


def _count(text: str, part: Part) -> int:
    """``R`` alone is ``Integer.MAX_VALUE``; else ``Integer.parseInt`` of what follows."""
    if len(part.text) == 1:
        return _INT_MAX
    parsed = parse_int(text, part.start + 1, part.end)
    if isinstance(parsed, int):
        return parsed
    column, java_message = parsed
    digits = part.text[1:]
    stripped = digits.strip()
    hint = f"write R{stripped}" if stripped and stripped.isdecimal() and stripped != digits else None
    fail(
        f"Camunda 7 rejects the repeat count {digits!r}: Integer.parseInt reads an int of digits "
        f"only ({java_message})",
        text,
        column,
        hint,
    )


def _period(text: str, part: Part, what: str) -> XmlDuration:
    """``parsePeriod``: ``P<n>W`` is n weeks of milliseconds (then ``newDuration(long)``, so P5W
    is P1M4D); anything else is ``DatatypeFactory.newDuration(text)``."""
    if _WEEKS.fullmatch(part.text):
        weeks = int(part.text[1:-1])
        if weeks > _LONG_MAX:
            fail(
                f"Camunda 7 rejects {part.text}: the weeks overflow a Java long (Long.parseLong)",
                text,
                part.start + 1,
            )
        return duration_from_millis(weeks * _MS_PER_WEEK)
    try:
        return parse_xml_duration(text, part.start, part.end)
    except XmlDurationError as error:
        hint = _period_hint(part.text)
        raise ScheduleError(
            f"Camunda 7 (javax.xml.datatype) rejects the period {part.text!r} of the {what}: "
            f"{error.message} ({error.java_message})",
            text,
            error.column,
            hint,
        ) from None


def _period_hint(period: str) -> str | None:
    """What to write instead, for the few mistakes worth naming."""
    if "," in period:
        return f"write {period.replace(',', '.')}: the XML duration takes a decimal point"
    if period != period.upper() and period.upper()[1:2] in "T0123456789":
        return f"write {period.upper()}: the XML duration reads upper case only"
    if "W" in period:
        return "write the weeks alone (P2W) or as days (P14D)"
    if "." in period:
        return "write the fraction on the seconds (PT90S for PT1.5M)"
    return None


def _too_many_parts(text: str, begin: int, stop: int, parts: list[Part], what: str) -> NoReturn:
    """``LOG.cannotParseDuration``: "ENGINE-09028 Cannot parse duration '…'."; a ``[Region/City]``
    suffix is the usual reason, so it gets its own message and the offset to write instead."""
    if not parts:
        fail(f"Camunda 7 rejects a {what} of slashes alone: it has no parts", text, begin)
    suffix = _ZONE_SUFFIX.search(text, begin, stop)
    if suffix is not None:
        name = suffix.group(1)
        slash = suffix.start(1) + name.index("/")
        fail(
            f"Camunda 7 rejects a zone suffix in a {what}: the '/' of {name!r} splits the {what} "
            f"into {len(parts)} parts (ENGINE-09028 Cannot parse duration)",
            text,
            slash,
            _zone_hint(text, suffix.start(), name),
        )
    fail(
        f"Camunda 7 rejects a {what} of {len(parts)} parts: DurationHelper splits it at '/' into "
        "at most 3 (R and its count, a start or a period, a period or an end) "
        "(ENGINE-09028 Cannot parse duration)",
        text,
        parts[3].start - 1,
    )


def _zone_hint(text: str, bracket: int, name: str) -> str:
    """``write the offset, 2024-07-01T10:00:00+02:00, and run the engine with a Europe/Berlin JVM
    zone`` (the offset the zone has then), or simply the text without its suffix."""
    slash = text.rfind("/", 0, bracket)
    date_text = text[slash + 1 : bracket]
    advice = f"and run the engine with a {name} JVM zone"
    try:
        zone = zone_from_name(name, name, 0)
        start = parse_joda_date(date_text, Part(date_text, 0), zone, "start")
    except ScheduleError:
        return f"write the date with an offset instead of [{name}], {advice}"
    offset = zone.offset_at(start * 1_000_000)
    if date_text[-1:] in "Zz" or "+" in date_text[10:] or "-" in date_text[10:]:
        return f"write {date_text} without the [{name}] suffix, {advice}"
    sign = "-" if offset < 0 else "+"
    hours, minutes = divmod(abs(offset) // 60, 60)
    return f"write the offset, {date_text}{sign}{hours:02d}:{minutes:02d}, {advice}"


# -- getDateAfter --------------------------------------------------------------------------------


def date_after(spec: DurationSpec, date: Millis, zone: Zone) -> Millis | None:
    """``getDateAfter(date)``: the grid's first point after ``date`` for ``R…``; else the end, or
    start + period (``DurationHelper.java:97-106``)."""
    return date_after_walk(spec, date, zone, None)[0]


@final
@dataclass(frozen=True, slots=True)
class Walk:
    """Where a walk of the grid from its start stopped: after ``steps`` steps at ``current``,
    asked for ``date``. A walk for a later date passes through this state (every point before it
    was not after ``date``, so not after the later date either), so it may resume here: the
    engine walks from the start at every fire, and a start decades back is many steps."""

    date: Millis
    steps: int
    current: Millis


def date_after_walk(
    spec: DurationSpec, date: Millis, zone: Zone, walk: Walk | None
) -> tuple[Millis | None, Walk | None]:
    """:func:`date_after`, resuming the step-by-step walk of an earlier date where it stopped;
    also returns where this walk stopped (``None`` where no step-by-step walk was needed)."""
    if not spec.is_repeat:
        if spec.end is not None:
            return spec.end, None
        assert spec.start is not None
        return add_to(spec.period, spec.start, zone), None
    if spec.start is None:
        assert spec.end is not None  # the constructor sets a start when there is no end
        return _after_from_end(spec.end, spec.period, spec.times, date, zone), None
    start, period, times = spec.start, spec.period, spec.times
    step = period.fixed_step(zone)
    if times <= 0 or start > date:
        return (None if start < date else start), None  # the loop does not run
    if step is not None:
        steps = min(times, (date - start) // step + 1) if step > 0 else times
        current = start + steps * step
        return (None if current < date else current), None
    if _moves_back(period):
        return (start if start == date else None), None  # every step is earlier: the loop runs out
    resumed = walk is not None and walk.date <= date
    done, current = (walk.steps, walk.current) if walk is not None and resumed else (0, start)
    while done < times and current <= date:
        current = add_to(period, current, zone)
        done += 1
    return (None if current < date else current), Walk(date, done, current)


def _after_from_end(end: Millis, period: XmlDuration, times: int, date: Millis, zone: Zone) -> Millis | None:
    """``cur = end - period; next = end; for (i < times && cur.after(date)) {next = cur; cur -=
    period}``, then ``null`` if ``next`` is before ``date``: the grid counted back from the end."""
    back = period.negate()
    step = back.fixed_step(zone)
    if step is not None:
        if times <= 0:
            steps = 0
        elif step < 0:
            steps = min(times, max(0, (end - date - 1) // -step))
        else:
            steps = times if end + step > date else 0
        latest = end + steps * step
    else:
        latest = end
        current = add_to(back, end, zone)
        for _ in range(max(times, 0)):
            if current <= date:
                break
            latest = current
            current = add_to(back, current, zone)
    return None if latest < date else latest


def _moves_back(period: XmlDuration) -> bool:
    """Every ``Calendar.add`` of ``addTo`` goes back (or adds nothing), one at least goes back."""
    amounts = period.int_fields()
    return all(amount <= 0 for amount in amounts) and any(amounts)
