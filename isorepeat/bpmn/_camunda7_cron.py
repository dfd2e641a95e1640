"""The cron check of Camunda 7's ``timeCycle``: cron-utils 9.2.1 with ``CronType.SPRING53``.

``CycleBusinessCalendar.resolveDuedate`` (``CycleBusinessCalendar.java:44-60`` at
camunda-bpm-platform@3dd653fe) sends a text that does not start with ``R`` to ``CronTimer.parse``
(``CronTimer.java:52-62``), which since camunda-bpm-platform#5288 is cron-utils' ``CronParser``
for Spring 5.3 crons (``CronDefinitionBuilder.java:475-492``): six fields ``sec min hour
day-of-month month day-of-week``, the nicknames ``@yearly`` … ``@hourly``, ``?``, ``L``, ``W``,
``LW`` and ``#``, names ``JAN``-``DEC`` and ``MON``-``SUN``, ``a-b``, ``*/n``, ``a/n``, lists.
This is a check "as far as one can tell cheaply" (``CronParser.java:95-165``,
``FieldParser.java``, ``ValidationFieldExpressionVisitor.java``): the field count, each field's
characters, ranges and steps. isorepeat simulates no cron, so an accepted text ends in
:class:`~isorepeat.bpmn.timers.CronNotSimulatedError`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final, NoReturn, final

from isorepeat.errors import ScheduleError, fail

__all__ = ["CRON_FLAVOUR", "check_cron"]

CRON_FLAVOUR: Final = "cron-utils' Spring 5.3 cron (6 fields)"

_NICKNAMES: Final = frozenset(
    {"@yearly", "@annually", "@monthly", "@weekly", "@daily", "@midnight", "@hourly"}
)
_MONTHS: Final = {
    name: number
    for number, name in enumerate(
        ("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"), 1
    )
}
_DAYS: Final = {"MON": 1, "TUE": 2, "WED": 3, "THU": 4, "FRI": 5, "SAT": 6, "SUN": 0}
_JAVA_SPACE: Final = re.compile(r"[ \t\n\x0b\f\r]+")
_NUMBER: Final = re.compile(r"[0-9]+")


@final
@dataclass(frozen=True, slots=True)
class _Field:
    name: str
    low: int
    high: int
    names: dict[str, int]
    specials: str  # the special forms the field supports: ? L W #
    strict: bool  # withStrictRange(): a range must not run backwards


_FIELDS: Final = (
    _Field("second", 0, 59, {}, "", strict=True),
    _Field("minute", 0, 59, {}, "", strict=True),
    _Field("hour", 0, 23, {}, "", strict=True),
    _Field("day of month", 1, 31, {}, "?LW", strict=False),
    _Field("month", 1, 12, _MONTHS, "", strict=False),
    _Field("day of week", 0, 7, _DAYS, "?L#", strict=False),
)


def check_cron(text: str, start: int, end: int) -> None:
    """Return when cron-utils would accept ``text[start:end]``; else raise with the column.

    :raises ScheduleError: where ``CronParser.parse`` throws (then ``CronTimer.parse`` throws a
        ``ParseException`` and the deployment fails).
    """
    piece = text[start:end]
    if not piece.strip():
        fail("Camunda 7 rejects an empty timeCycle: cron-utils reads 'Empty expression!'", text, start)
    if piece.startswith("@"):
        if piece in _NICKNAMES:
            return
        if piece == "@reboot":
            fail("Camunda 7 rejects @reboot: Spring 5.3 crons have no such nickname", text, start)
    if "|" in piece:
        _check_composite(text, start, end)
        return
    fields = [(match.group(), match.start()) for match in re.finditer(r"[^ \t\n\x0b\f\r]+", text[:end])]
    fields = [(value, column) for value, column in fields if column >= start]
    for value, column in fields:
        if value.endswith(","):
            _bad(text, column + len(value) - 1, "a trailing comma is not allowed")
    if len(fields) != len(_FIELDS):
        hint = "write six fields: second minute hour day-of-month month day-of-week"
        if piece[:1] in ("r", "P") or ("/" in piece and piece[:1].isdigit()):
            hint = "a cycle starts with an upper-case R, e.g. R3/PT10M; else " + hint[0].lower() + hint[1:]
        fail(
            f"Camunda 7 reads a timeCycle not starting with R as a cron, and cron-utils' Spring 5.3 cron "
            f"needs 6 fields, not {len(fields)}",
            text,
            start,
            hint,
        )
    for (value, column), field in zip(fields, _FIELDS, strict=True):
        _check_field(text, value.upper(), column, field)


def _check_composite(text: str, start: int, end: int) -> None:
    """``a||b`` is two crons; ``0|30 * …`` lists alternatives per field (``CronParser.java:121-140``)."""
    piece = text[start:end]
    if "||" in piece:
        column = start
        for chunk in piece.split("||"):
            check_cron(text, column, column + len(chunk))
            column += len(chunk) + 2
        return
    words = _JAVA_SPACE.split(piece.strip())
    count = max(len(word.split("|")) for word in words)
    for index in range(count):
        alternative = " ".join(word.split("|")[index] if "|" in word else word for word in words)
        try:
            check_cron(alternative, 0, len(alternative))
        except ScheduleError as error:
            fail(f"Camunda 7 rejects the cron alternative {alternative!r}: {error.message}", text, start)


def _bad(text: str, column: int, why: str) -> NoReturn:
    fail(f"Camunda 7 (cron-utils) rejects the cron: {why}", text, column)


def _check_field(text: str, value: str, column: int, field: _Field) -> None:
    """One field: a comma list of ``*``, ``?``, values, ranges, steps and the field's specials."""
    offset = column
    for element in value.split(","):
        if not element:
            _bad(text, offset, f"an empty element in the {field.name}")
        _check_element(text, element, offset, field)
        offset += len(element) + 1


def _check_element(text: str, element: str, column: int, field: _Field) -> None:
    if element in ("*", "?"):
        if element == "?" and "?" not in field.specials:
            _bad(text, column, f"'?' is not allowed in the {field.name}")
        return
    if "/" in element:
        base, _, step = element.partition("/")
        if "/" in step or not _NUMBER.fullmatch(step):
            _bad(text, column + len(base) + 1, f"the step of {element!r} must be a number")
        if not 0 < int(step) <= min(field.high - field.low + 1, field.high):
            _bad(text, column + len(base) + 1, f"the step {step} is out of range for the {field.name}")
        if base in ("*", ""):
            return
        element = base
    if "-" in element and not element.startswith("L"):
        low, _, high = element.partition("-")
        if not low or not high or "-" in high:
            _bad(text, column, f"{element!r} is not a range")
        first = _value(text, low, column, field)
        last = _value(text, high, column + len(low) + 1, field)
        if field.strict and first > last:
            _bad(text, column, f"the range {element} runs backwards")
        return
    _check_special(text, element, column, field)


def _check_special(text: str, element: str, column: int, field: _Field) -> None:
    """A single value, or the day-of-month and day-of-week forms ``L``, ``L-n``, ``nW``, ``LW``,
    ``nL`` and ``n#k``."""
    specials = field.specials
    if "#" in element and "#" in specials:
        day, _, nth = element.partition("#")
        _value(text, day, column, field)
        if not _NUMBER.fullmatch(nth) or not 1 <= int(nth) <= 5:
            _bad(text, column + len(day) + 1, f"{element!r}: the week after # must be 1-5")
        return
    if "L" in specials and element.startswith("L"):
        rest = element[1:]
        if rest in ("", "W" if "W" in specials else "L") or (
            rest.startswith("-") and _NUMBER.fullmatch(rest[1:])
        ):
            return
    if "L" in specials and element.endswith("L") and field.names is _DAYS:
        _value(text, element[:-1], column, field)
        return
    if "W" in specials and element.endswith("W"):
        _value(text, element[:-1], column, field)
        return
    _value(text, element, column, field)


def _value(text: str, token: str, column: int, field: _Field) -> int:
    """A number in the field's range, or one of its names."""
    if token in field.names:
        return field.names[token]
    if not _NUMBER.fullmatch(token):
        _bad(text, column, f"{token!r} is not a value of the {field.name}")
    number = int(token)
    if not field.low <= number <= field.high:
        _bad(text, column, f"{number} is out of range {field.low}-{field.high} for the {field.name}")
    return number
