"""``DurationHelper``, the class Flowable and Activiti read and step a cycle with.

The constructor (Flowable ``DurationHelper.java:73-109``, Activiti ``:74-112``) splits the text at
every ``/`` (``String.split``: trailing empty parts dropped) into at most 3 parts, else "Cannot
parse duration"; a first part starting with ``R`` sets the count (``R`` alone: ``Integer.MAX_VALUE
- 1`` and no bounds, else ``Integer.parseInt``); then a part starting with ``P`` is the period
(and the next, if any, the end), any other the start, followed by the period or an end (the period
then being ``newDuration(end - start)``). Reading past the parts throws ``IndexOutOfBounds``
(``R3``, ``R/``, ``R/2024-07-01``); a third part after a period is never read. No start: the clock.

``getDateAfter`` (``:140-166``) for a repeat walks from the start in the clock's zone: with no
bounds, while the cursor is not after now, one period at a time (stopping if it does not move);
else at most ``maxLoops + 1`` steps (int arithmetic: ``R2147483647`` wraps to no step at all), where
``maxLoops`` is the count, or ``maxIterations - count`` once the job knows its ``maxIterations``,
and a cursor still before now gives now. Without ``R`` it is the end, or start + period.
``isValidDate`` is ``end == null || due <= end``.

The walk steps in closed form where a period is a fixed number of milliseconds (no days, months
or years, or days in a fixed-offset zone, or days before 1900, where ``ZoneInfo``'s offset is
fixed), else one period at a time, like the engine.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Final, NoReturn, TypeAlias, final

from isorepeat.bpmn._flowable_calendar import add_period, linear_step
from isorepeat.bpmn._flowable_period import XmlPeriod, parse_xml_period, period_from_millis
from isorepeat.bpmn._flowable_text import JavaParseError, JavaUnrepresentableError
from isorepeat.bpmn._java import INT_MAX, first_non_digit, java_int, java_split, split_columns
from isorepeat.bpmn._java import parse_int as java_parse_int
from isorepeat.zones import Zone

__all__ = ["DateReader", "Helper", "WalkTooLongError", "date_after", "is_valid_date", "read_helper"]

DateReader: TypeAlias = Callable[[str, int, int, Zone], tuple[int, bool]]
"""``parseDate``: the instant in ms of ``text[start:end]`` read in the clock's zone, and whether its
calendar is proleptic (Flowable's ``GregorianCalendar.from``) rather than cut over in 1582."""

_Linear: TypeAlias = "tuple[int, int | None] | None"

WALK_LIMIT: Final = 3_000_000
"""The most periods :func:`date_after` steps one at a time (a day-based period from the year 1 is
about 740,000)."""


class WalkTooLongError(Exception):
    """The walk from the start to now would take more than :data:`WALK_LIMIT` single steps."""


@final
@dataclass(frozen=True, slots=True)
class Helper:
    """A ``DurationHelper`` as constructed at some clock: ``start`` is the clock when the text
    has none; ``proleptic`` tells that the start's calendar has no Julian years."""

    repeat: bool
    times: int
    no_bounds: bool
    start: int
    end: int | None
    period: XmlPeriod
    proleptic: bool = False


def read_helper(text: str, clock: int, zone: Zone, read_date: DateReader) -> Helper:
    """``new DurationHelper(text, maxIterations, clock)``.

    :raises JavaParseError: where the constructor throws, with the column in ``text``.
    """
    parts = java_split(text)
    columns = split_columns(parts)
    if len(parts) > 3 or not parts:
        _too_many_parts(text, parts, columns)
    repeat = parts[0].startswith("R")
    times = 0
    if repeat:
        times = INT_MAX - 1 if parts[0] == "R" else _count(text, parts[0])
        no_bounds = parts[0] == "R"
        parts, columns = parts[1:], columns[1:]
    else:
        no_bounds = False
    if not parts:
        _fail(
            "",
            "there is no period after the repetitions",
            len(text),
            "write a period after them, e.g. R3/PT10M",
            "Index 0 out of bounds for length 0",
        )
    start: int | None = None
    end: int | None = None
    proleptic = False

    def part(index: int) -> tuple[int, int]:
        return columns[index], columns[index] + len(parts[index])

    def date(index: int) -> tuple[int, bool]:
        try:
            return read_date(text, *part(index), zone)
        except JavaParseError as error:
            raise _as_period_mistake(error, parts[index], index > 0 and parts[0].startswith("P")) from None

    if parts[0].startswith("P"):
        period = parse_xml_period(text, *part(0))
        if len(parts) > 1:
            end = date(1)[0]
    else:
        start, proleptic = date(0)
        if len(parts) == 1:
            _fail(
                "",
                "a start must be followed by a period or an end",
                len(text),
                f"write {text}/PT1H",
                "Index 1 out of bounds for length 1",
            )
        if parts[1].startswith("P"):
            period = parse_xml_period(text, *part(1))
        else:
            end = date(1)[0]
            period = period_from_millis(end - start)
    return Helper(repeat, times, no_bounds, clock if start is None else start, end, period, proleptic)


def _count(text: str, first: str) -> int:
    """``Integer.parseInt`` of what follows the ``R``."""
    count = java_parse_int(first[1:])
    if count is None:
        bad = 1 + first_non_digit(first[1:])
        char = first[bad] if bad < len(first) else ""
        why = (
            f"the count must be an int, and {first[1:]!r} is not one"
            if not char
            else f"Integer.parseInt does not read {char!r} in the count {first[1:]!r}"
        )
        hint = f"write {first.strip()}" if first.strip() != first and first.strip()[1:].isdigit() else None
        _fail(f"the repetitions {first!r}", why, bad if char else 1, hint, f'For input string: "{first[1:]}"')
    return count


def _as_period_mistake(error: JavaParseError, part: str, after_period: bool) -> JavaParseError:
    """A date error where the part was most likely meant as a period: say how it was read."""
    if isinstance(error, JavaUnrepresentableError):
        return error
    if after_period:
        why = f"after the period comes the cycle's end, a date, and {part!r} is none: {error.why}"
        return JavaParseError(error.what, why, error.column, "a cycle has one period", error.java)
    if part[:1] == "p":
        why = f"only a part starting with an upper-case P is a period, so {part!r} is a date: {error.why}"
        return JavaParseError(error.what, why, error.column, f"write {part.upper()}", error.java)
    return error


def _too_many_parts(text: str, parts: list[str], columns: list[int]) -> NoReturn:
    if not parts:
        _fail("", "it has no part between its slashes", 0, None, "Cannot parse duration")
    bracket = text.find("[")
    if bracket >= 0 and "/" in text[bracket:]:
        close = text.find("]", bracket)
        name = text[bracket + 1 : close if close > bracket else len(text)]
        before = text[text.rfind("/", 0, bracket) + 1 : bracket]
        _fail(
            "a zone suffix",
            f"the '/' of {name!r} splits the cycle into {len(parts)} parts",
            bracket,
            f"write {before} without [{name}], and run the engine with a {name} JVM zone (it adds days "
            "and months in its JVM zone)",
            "Cannot parse duration",
        )
    _fail(
        f"a text of {len(parts)} parts",
        "DurationHelper splits at every '/' and reads at most 3 parts (R, start or period, period or end)",
        columns[3] - 1,
        None,
        "Cannot parse duration",
    )


def _fail(what: str, why: str, column: int, hint: str | None, java: str) -> NoReturn:
    raise JavaParseError(what, why, column, hint, java)


# -- getDateAfter, isValidDate -------------------------------------------------------------------


def is_valid_date(helper: Helper, due: int) -> bool:
    """``isValidDate``: no end, or a due date not after it."""
    return helper.end is None or due <= helper.end


def date_after(helper: Helper, max_iterations: int, clock: int, zone: Zone) -> int:
    """``getDateAfter()`` with the clock at ``clock``.

    :raises WalkTooLongError: where the walk would take more than :data:`WALK_LIMIT` steps.
    """
    if not helper.repeat:  # the start's own calendar: getDateAfterRepeat's copy would be cut over
        if helper.end is not None:
            return helper.end
        return add_period(helper.start, helper.period, zone, proleptic=helper.proleptic)
    linear = linear_step(helper.period, zone)
    if helper.no_bounds:
        current = _walk_unbounded(helper, clock, zone, linear)
    else:
        loops = helper.times if max_iterations <= 0 else java_int(max_iterations - helper.times)
        current = _walk_bounded(helper, java_int(loops + 1), clock, zone, linear)
    return clock if current < clock else current


def _walk_unbounded(helper: Helper, clock: int, zone: Zone, linear: _Linear) -> int:
    """``while (!current.after(date))``: a period at a time, stopping where it does not move."""
    current = helper.start
    if linear is not None:
        step, until = linear
        if step <= 0:
            return current
        current += _jump(current, clock, step, until, None) * step
        if until is None or current > clock:
            return current
    steps = 0
    while current <= clock:
        moved = add_period(current, helper.period, zone)
        if moved <= current:
            break
        current = moved
        steps = _count_step(steps)
    return current


def _walk_bounded(helper: Helper, limit: int, clock: int, zone: Zone, linear: _Linear) -> int:
    """``for (i = 0; i < maxLoops + 1 && !current.after(date); i++)``."""
    current = helper.start
    if limit <= 0 or current > clock:
        return current
    taken = 0
    if linear is not None:
        step, until = linear
        if step <= 0 and until is None:
            return current + limit * step  # every step runs, and none passes now
        if step > 0:
            taken = _jump(current, clock, step, until, limit)
            current += taken * step
            if until is None:
                return current
    steps = 0
    while taken + steps < limit and current <= clock:
        moved = add_period(current, helper.period, zone)
        if moved <= current:
            return current  # it never passes now again: the engine's loop ends with the cursor behind
        current = moved
        steps = _count_step(steps)
    return current


def _jump(current: int, clock: int, step: int, until: int | None, budget: int | None) -> int:
    """How many steps of ``step`` ms to take at once: up to the first past ``clock``, while the
    cursor stays before ``until``, and at most ``budget``."""
    if current > clock:
        return 0
    count = (clock - current) // step + 1
    if until is not None:
        count = min(count, max(0, (until - current) // step))
    return count if budget is None else min(count, budget)


def _count_step(steps: int) -> int:
    steps += 1
    if steps > WALK_LIMIT:
        raise WalkTooLongError
    return steps
