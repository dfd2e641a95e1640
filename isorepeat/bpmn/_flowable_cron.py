"""Whether Flowable's or Activiti's Quartz ``CronExpression`` parses a timeCycle's text.

``CycleBusinessCalendar`` sends every timeCycle that does not start with ``R`` to its copy of
Quartz's ``CronExpression`` (Flowable: Quartz 2.3.0, Activiti: Quartz 1.8.4). The text is upper-cased,
cut at blanks and tabs into 6 or 7 fields (seconds, minutes, hours, day of month, month, day of
week, year; more are ignored), each cut at commas, and each item read as Quartz does: ``*``,
``?`` (day of month or day of week, exactly one of them), ``L``, ``W``, ``#``, names (``JAN``,
``MON``), numbers, ranges and steps, with the fields' ranges checked. Quartz ignores what follows an
item it has read (``5X`` is 5). This is the check, not the schedule: isorepeat does not simulate cron.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final, NoReturn, final

from isorepeat.bpmn._java import parse_int as java_parse_int

__all__ = ["CronRejection", "check_quartz"]

_FIELDS: Final = ("seconds", "minutes", "hours", "day-of-month", "month", "day-of-week", "year")
_RANGES: Final = {0: (0, 59), 1: (0, 59), 2: (0, 23), 3: (1, 31), 4: (1, 12), 5: (1, 7)}
_STEP_LIMITS: Final = {0: 59, 1: 59, 2: 23, 3: 31, 4: 12, 5: 7}
_MONTHS: Final = ("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC")
_WEEKDAYS: Final = ("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT")
_DOM: Final = 3
_MONTH: Final = 4
_DOW: Final = 5
_LAST_FORM: Final = re.compile(r"L-[0-9]*W?")


@final
@dataclass(frozen=True, slots=True)
class CronRejection:
    """Why Quartz rejects the text (its own message where it has one), and the column."""

    message: str
    column: int


class _RejectError(Exception):
    def __init__(self, message: str, column: int) -> None:
        super().__init__(message, column)
        self.message = message
        self.column = column


def check_quartz(text: str, *, step_checks: bool) -> CronRejection | None:
    """``new CronExpression(text)``'s verdict: ``None`` when it parses.

    ``step_checks``: Quartz 2.3.0 (Flowable) checks a step written after a value (``5/99``) and that
    a ``/`` there has a number after it; Quartz 1.8.4 (Activiti) does not.
    """
    upper = text.upper()
    tokens = [(match.group(), match.start()) for match in re.finditer(r"[^ \t]+", upper)]
    try:
        field_sets = [
            _check_field(token, column, index, step_checks)
            for index, (token, column) in enumerate(tokens[:7])
        ]
        if len(tokens) < 6:  # Quartz reads the fields it has first
            raise _RejectError("Unexpected end of expression.", len(text))
        no_spec = ["?" in items for items in field_sets]
        if no_spec[_DOM] == no_spec[_DOW]:
            raise _RejectError(
                "Support for specifying both a day-of-week AND a day-of-month parameter is not implemented.",
                tokens[_DOW][1],
            )
        for index in (0, 1, 2, _MONTH, 6):
            if index < len(field_sets) and not field_sets[index]:
                raise _RejectError(
                    f"the {_FIELDS[index]} field has no value ('L' adds none there)", tokens[index][1]
                )
    except _RejectError as rejection:
        return CronRejection(rejection.message, rejection.column)
    return None


def _check_field(token: str, column: int, index: int, step_checks: bool) -> set[str]:
    """One field: its items' kinds (``"?"``, ``"value"``); raises where Quartz throws."""
    stripped = token.strip()
    if index in (_DOM, _DOW) and "L" in stripped and len(stripped) > 1 and "," in stripped:
        raise _RejectError(
            f"Support for specifying 'L' with other days of the {_FIELDS[index][7:]} is not implemented",
            column,
        )
    if index == _DOW and stripped.count("#") > 1:
        raise _RejectError('Support for specifying multiple "nth" days is not implemented.', column)
    kinds: set[str] = set()
    offset = 0
    for item in stripped.split(","):
        if item:
            kinds |= _Item(item, column + token.find(item, offset), index, step_checks).check(kinds)
        offset += len(item) + 1
    return kinds


class _Item:
    """``storeExpressionVals`` and ``checkNext`` for one comma-separated item."""

    __slots__ = ("column", "field", "item", "step_checks")

    def __init__(self, item: str, column: int, field: int, step_checks: bool) -> None:
        self.item = item
        self.column = column
        self.field = field
        self.step_checks = step_checks

    def _fail(self, message: str, at: int = 0) -> NoReturn:
        raise _RejectError(message, self.column + at)

    def check(self, earlier: set[str]) -> set[str]:
        item, field = self.item, self.field
        char = item[0]
        if "A" <= char <= "Z" and item not in ("L", "LW") and not _LAST_FORM.fullmatch(item):
            return self._names()
        if char == "?":
            if len(item) > 2:
                self._fail(f"Illegal character after '?': {item[1]}", 1)
            if field not in (_DOM, _DOW):
                self._fail("'?' can only be specified for Day-of-Month or Day-of-Week.", 1)
            return {"?"}
        if char in "*/":
            return self._all()
        if char == "L":
            return self._last()
        if "0" <= char <= "9":
            return self._number()
        self._fail(f"Unexpected character: {char}")

    def _names(self) -> set[str]:
        item, field = self.item, self.field
        if len(item) < 3:
            self._fail(f"Illegal cron expression format (java.lang.StringIndexOutOfBoundsException: {item})")
        names = _MONTHS if field == _MONTH else _WEEKDAYS if field == _DOW else None
        if names is None:
            self._fail(f"Illegal characters for this position: '{item[:3]}'")
        kind = "Month" if field == _MONTH else "Day-of-Week"
        if item[:3] not in names:
            self._fail(f"Invalid {kind} value: '{item[:3]}'")
        if len(item) > 3:
            mark = item[3]
            if mark == "-":
                if item[4:7] not in names or len(item) < 7:
                    self._fail(f"Invalid {kind} value: '{item[4:7]}'", 4)
            elif mark == "#" and field == _DOW:
                self._nth(item[4:], 4)
        return {"value"}

    def _all(self) -> set[str]:
        item = self.item
        if item == "*":
            return {"value"}
        if item[0] == "/" and len(item) == 1:
            self._fail("'/' must be followed by an integer.")
        at = 1 if item[0] == "*" else 0
        if item[at] == "/":
            if at + 1 >= len(item):
                self._fail("Unexpected end of string.", at + 1)
            step = java_parse_int(item[at + 1 :])
            if step is None:
                self._fail(
                    f'Illegal cron expression format (java.lang.NumberFormatException: "{item[at + 1 :]}")',
                    at + 1,
                )
            self._step_range(step, at + 1)
        return {"value"}

    def _last(self) -> set[str]:
        item, field = self.item, self.field
        if field == _DOM and len(item) > 1 and item[1] == "-":
            digits = re.match(r"[0-9]*", item[2:])
            offset = int(digits.group() or "0") if digits else 0
            if len(item) == 2:
                self._fail("Illegal cron expression format (java.lang.StringIndexOutOfBoundsException)", 2)
            if offset > 30:
                self._fail("Offset from last day must be <= 30", 2)
        if field == _DOW:
            return {"value"}
        return {"value"} if field == _DOM else set()

    def _number(self) -> set[str]:
        item, field = self.item, self.field
        digits = re.match(r"[0-9]+", item)
        assert digits is not None
        value = java_parse_int(digits.group())
        if value is None:
            self._fail(
                f'Illegal cron expression format (java.lang.NumberFormatException: "{digits.group()}")'
            )
        at = digits.end()
        if at >= len(item):
            self._range(value, -1)
            return {"value"}
        mark = item[at]
        if mark == "L":
            if field != _DOW:
                self._fail(f"'L' option is not valid here. (pos={at})", at)
            if not 1 <= value <= 7:
                self._fail("Day-of-Week values must be between 1 and 7")
        elif mark == "W":
            if field != _DOM:
                self._fail(f"'W' option is not valid here. (pos={at})", at)
            if value > 31:
                self._fail(
                    "The 'W' option does not make sense with values larger than 31 "
                    "(max number of days in a month)",
                    at,
                )
        elif mark == "#":
            if field != _DOW:
                self._fail(f"'#' option is not valid here. (pos={at})", at)
            self._nth(item[at + 1 :], at + 1)
        elif mark == "-":
            self._span(value, at)
        elif mark == "/":
            self._step_after(value, at)
        else:
            self._range(value, -1)  # what follows is ignored
        return {"value"}

    def _span(self, value: int, at: int) -> None:
        """``a-b`` and ``a-b/c``: a digit must follow each mark; the range is checked."""
        item = self.item
        end_digits = re.match(r"[0-9]+", item[at + 1 :])
        if end_digits is None:
            self._fail("Illegal cron expression format (java.lang.NumberFormatException)", at + 1)
        end = int(end_digits.group())
        self._range(value, end)
        after = at + 1 + end_digits.end()
        if after < len(item) and item[after] == "/" and not re.match(r"[0-9]", item[after + 1 :]):
            self._fail("Illegal cron expression format (java.lang.NumberFormatException)", after + 1)

    def _step_after(self, value: int, at: int) -> None:
        """``a/b``: a digit must follow the ``/``, and a second digit or nothing the first (what
        follows two digits is ignored); Quartz 2.3.0 checks b's range, Quartz 1.8.4 does not."""
        item = self.item
        if at + 1 >= len(item) or not "0" <= item[at + 1] <= "9":
            message = (
                "'/' must be followed by an integer." if self.step_checks and at + 1 >= len(item) else None
            )
            self._fail(message or "Illegal cron expression format (java.lang.NumberFormatException)", at + 1)
        second = at + 2
        if second < len(item) and not "0" <= item[second] <= "9":
            self._fail(f"Unexpected character '{item[second]}' after '/'", second)
        step_digits = re.match(r"[0-9]+", item[at + 1 :])
        assert step_digits is not None
        if self.step_checks:
            self._step_range(int(step_digits.group()), at + 1)
        self._range(value, -1)

    def _step_range(self, step: int, at: int) -> None:
        limit = _STEP_LIMITS.get(self.field)
        if limit is not None and step > limit:
            self._fail(f"Increment > {limit + 1} : {step}", at)

    def _nth(self, rest: str, at: int) -> None:
        nth = java_parse_int(rest)
        if nth is None or not 1 <= nth <= 5:
            self._fail("A numeric value between 1 and 5 must follow the '#' option", at)

    def _range(self, value: int, end: int) -> None:
        """``addToSet``'s checks: the field's range (years unchecked; day of week 1-7)."""
        bounds = _RANGES.get(self.field)
        if bounds is None:
            return
        low, high = bounds
        if not low <= value <= high or end > high:
            names = {0: "Minute and Second", 1: "Minute and Second", 2: "Hour", 3: "Day of month", 4: "Month"}
            what = names.get(self.field, "Day-of-Week")
            self._fail(f"{what} values must be between {low} and {high}")
