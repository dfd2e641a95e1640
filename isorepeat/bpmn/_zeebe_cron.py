"""Whether Zeebe's cron parser accepts a ``timeCycle`` that does not start with ``R``.

Zeebe hands such a text to cron-utils 9.2.1, ``new CronParser(CronDefinitionBuilder
.instanceDefinitionFor(CronType.SPRING53)).parse(text)`` (``CronTimer.java:64-73`` @288940c9), and
any ``IllegalArgumentException`` rejects the deployment (the definition: cron-utils'
``CronDefinitionBuilder.java:475-490``). This module follows that parser
(``CronParser.parse``, ``FieldParser.parse``, ``ValidationFieldExpressionVisitor``) far enough to
tell an accepted expression from a rejected one in the usual cases: whitespace collapsed, the
nicknames ``@yearly`` ... ``@hourly``, ``||`` and ``|`` alternatives, exactly six fields (seconds,
minutes, hours, day of month, month, day of week), the ranges 0-59, 0-59, 0-23, 1-31, 1-12, 0-7
(7 is Sunday, as are ``SUN`` and 0), month and weekday names, ``*``, ``?`` (days only), ``a-b``,
``x/n``, lists, ``L``, ``W``, ``LW`` (day of month), ``L`` and ``#`` (day of week). isorepeat does
not simulate cron, so an accepted expression raises :class:`CronNotSimulatedError`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final, NoReturn, final

from isorepeat.bpmn._zeebe_java import parse_int
from isorepeat.bpmn.timers import CronNotSimulatedError
from isorepeat.errors import ScheduleError

__all__ = ["SPRING_CRON", "check_spring_cron"]

SPRING_CRON: Final = "Spring's 6-field cron"
_NICKNAMES: Final = frozenset(
    {"@yearly", "@annually", "@monthly", "@weekly", "@daily", "@midnight", "@hourly"}
)
_JAVA_WHITESPACE: Final = re.compile(r"[ \t\n\x0b\f\r]+")


@final
@dataclass(frozen=True, slots=True)
class _Field:
    """A field of SPRING53: its name, range, whether the range is strict (no ``5-1``), its names
    and special characters."""

    name: str
    low: int
    high: int
    strict: bool = False
    names: tuple[str, ...] = ()
    first_name: int = 1
    special: frozenset[str] = frozenset()


_MONTHS: Final = ("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC")
_DAYS: Final = ("MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN")
_FIELDS: Final = (
    _Field("seconds", 0, 59, strict=True),
    _Field("minutes", 0, 59, strict=True),
    _Field("hours", 0, 23, strict=True),
    _Field("day of month", 1, 31, special=frozenset({"L", "W", "LW", "?"})),
    _Field("month", 1, 12, names=_MONTHS),
    _Field("day of week", 0, 7, names=_DAYS, special=frozenset({"L", "#", "?"})),
)


class _CronError(Exception):
    """cron-utils threw: ``reason`` in plain words."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def check_spring_cron(text: str, start: int, end: int) -> NoReturn:
    """Raise what Zeebe's deployment does with the cron expression ``text[start:end]``.

    :raises ScheduleError: where cron-utils rejects it (``Cron expression contains 1 parts but we
        expect one of [6]``), at the expression's first column.
    :raises CronNotSimulatedError: where it accepts it.
    """
    expression = text[start:end]
    try:
        _parse(expression)
    except _CronError as error:
        message = (
            f"Zeebe reads a timeCycle that does not start with 'R' as a Spring cron expression, "
            f"and rejects {expression!r}: {error.reason}"
        )
        raise ScheduleError(message, text, start, _hint(expression)) from None
    raise CronNotSimulatedError(text, SPRING_CRON)


def _hint(expression: str) -> str | None:
    """The ISO 8601 text that was probably meant: ``r3/PT10S`` -> ``R3/PT10S``, ``PT10S``."""
    if expression[:1] == "r":
        return f"write {'R' + expression[1:]}: Zeebe reads a repeating interval only with a capital R"
    if expression[:1] in ("P", "p"):
        return f"write R/{expression} to repeat it, or put {expression} in a timeDuration to fire once"
    if re.match(r"\d{4}-\d\d-\d\dT", expression):
        return f"write R/{expression}/P1D to repeat it, or put it in a timeDate to fire once"
    return None


def _java_split(text: str, pattern: str) -> list[str]:
    """``String.split(regex)``: trailing empty strings removed (all of them for ``"|"``)."""
    parts = re.split(pattern, text)
    while parts and not parts[-1] and len(parts) > 1:
        parts.pop()
    if parts == [""] and text:
        return []
    return parts


def _parse(expression: str) -> None:
    """``CronParser.parse``: nicknames, alternatives, then the six fields."""
    collapsed = _JAVA_WHITESPACE.sub(" ", expression).strip(_TRIMMED)
    if not collapsed:
        raise _CronError("the expression is empty")
    if expression.startswith("@"):
        if expression in _NICKNAMES:
            return
        if expression == "@reboot":
            raise _CronError("the nickname @reboot is not supported")
    if "||" in expression:
        for part in _java_split(expression, r"\|\|"):
            _parse(part)
        return
    if "|" in expression:
        for alternative in _alternatives(expression):
            _parse(alternative)
        return
    _parse_fields(collapsed)


_TRIMMED: Final = "".join(chr(code) for code in range(0x21))


def _alternatives(expression: str) -> list[str]:
    """``a|b * * * * *`` is two expressions, one per alternative of each field."""
    tokens = _java_split(expression, r"[ \t\n\x0b\f\r]+")
    count = max((len(_java_split(token, r"\|")) for token in tokens), default=0)
    alternatives = []
    for index in range(count):
        picked = []
        for token in tokens:
            choices = _java_split(token, r"\|") if "|" in token else [token]
            if index >= len(choices) and "|" in token:
                raise _CronError(f"the field {token!r} has fewer alternatives than another")
            picked.append(choices[index] if "|" in token else token)
        alternatives.append(" ".join(picked).strip(_TRIMMED))
    return alternatives


def _parse_fields(collapsed: str) -> None:
    parts = collapsed.upper().split(" ")
    for part in parts:
        if part.endswith(","):
            raise _CronError(f"the field {part!r} ends with a comma")
    if len(parts) != len(_FIELDS):
        noun = "field" if len(parts) == 1 else "fields"
        raise _CronError(f"it has {len(parts)} {noun} where Spring's cron has 6")
    for part, spec in zip(parts, _FIELDS, strict=True):
        named_last = spec.name == "day of week" and part.endswith("L") and part[:-1] in _DAYS
        try:
            _field(f"{_DAYS.index(part[:-1]) + 1}L" if named_last else part, spec)
        except _CronError as error:
            raise _CronError(f"the {spec.name} field {part!r} is invalid: {error.reason}") from None


def _field(expression: str, spec: _Field) -> None:
    """``FieldParser.parse`` and the validation visitor, for one field."""
    if not any(char in expression for char in "/-,"):
        if "?" in expression and "?" not in spec.special:
            raise _CronError("'?' is allowed in the day fields only")
        _single(expression, spec)
        return
    items = _java_split(expression, ",")
    if len(items) > 1:
        for item in items:
            _field(item, spec)
        return
    bounds = _java_split(expression, "-")
    if "-" in expression and len(bounds) != 2:
        raise _CronError("a range needs a value on each side of '-'")
    if bounds and bounds[0] == "L" and len(bounds) == 2:
        _check_special("L", spec)
        _in_range(_value(bounds[1], spec), spec)
        return
    if len(bounds) == 2:
        _range(bounds, spec)
        return
    _step(expression, spec)


def _single(expression: str, spec: _Field) -> None:
    """``*``, ``?``, a value, or a value with ``L``, ``W``, ``LW`` or ``#``."""
    if expression in ("*", "?"):
        return
    if "#" in expression:
        _check_special("#", spec)
        day, _, nth = expression.partition("#")
        if not day or not nth:
            raise _CronError("'#' needs a weekday and a number (FRI#2)")
        _in_range(_value(day, spec), spec)
        _in_range(_value(nth, spec), spec)
        return
    for special, found in (
        ("LW", "LW" in expression),
        ("L", expression == "L" or re.search("[0-9]L", expression) is not None),
        ("W", re.search("[0-9]W", expression) is not None),
    ):
        if found:
            _check_special(special, spec)
            rest = expression.replace(special, "")
            if rest and special != "LW":
                _in_range(_value(rest, spec), spec)
            elif rest:
                raise _CronError(f"'LW' stands alone, not with {rest!r}")
            return
    _in_range(_value(expression, spec), spec)


def _range(bounds: list[str], spec: _Field) -> None:
    low_text, high_text = bounds
    if not low_text or not high_text:
        raise _CronError("a range needs a value on each side of '-' (negative numbers are not allowed)")
    step = None
    if "/" in high_text:
        high_text, _, step = high_text.partition("/")
    values = []
    for bound in (low_text, high_text):
        if bound == "L":
            _check_special("L", spec)  # the one special character a range may hold
        else:
            values.append(_value(bound, spec, mapped=False))
            _in_range(values[-1], spec)
    if spec.strict and len(values) == 2 and values[0] > values[1]:
        raise _CronError(f"the range {values[0]}-{values[1]} runs backwards")
    if step is not None:
        _period(_value(step, spec), spec)


def _step(expression: str, spec: _Field) -> None:
    parts = _java_split(expression, "/")
    if len(parts) != 2:
        raise _CronError("'/' needs a start and a step (*/5, 0/5)")
    start, step = parts
    if start.strip() == "*" and step == "1":
        return
    value = parse_int(step)
    if value is None:
        raise _CronError(f"the step {step!r} is not a number")
    if start.strip() not in ("*", ""):
        _in_range(_value(start, spec), spec)
    _period(value, spec)


def _value(text: str, spec: _Field, *, mapped: bool = True) -> int:
    """``stringToInt`` (names, then ``Integer.parseInt``) and, for ``mapped``, ``intToInt``
    (7 is 0 in the day of week)."""
    if text in spec.names:
        value = spec.names.index(text) + spec.first_name
    else:
        parsed = parse_int(text)
        if parsed is None:
            raise _CronError(f"{text!r} is not a number or a name this field knows")
        value = parsed
    return 0 if mapped and spec.name == "day of week" and value == 7 else value


def _in_range(value: int, spec: _Field) -> None:
    if not spec.low <= value <= spec.high:
        raise _CronError(f"{value} is outside {spec.low}-{spec.high}")


def _period(value: int, spec: _Field) -> None:
    """``FieldConstraints.isPeriodInRange``: a step above 0 and at most the range's end."""
    if not 0 < value <= min(spec.high - spec.low + 1, spec.high):
        raise _CronError(f"the step {value} is outside 1-{min(spec.high - spec.low + 1, spec.high)}")


def _check_special(special: str, spec: _Field) -> None:
    if special not in spec.special:
        raise _CronError(f"'{special}' is not allowed in this field")
