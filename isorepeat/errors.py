"""The one exception of isorepeat: a schedule text it cannot accept (SEMANTICS S1)."""

from __future__ import annotations

from typing import Final, NoReturn, final

__all__ = ["ScheduleError", "UnrepresentableError", "WalkLimitError"]


class ScheduleError(ValueError):
    """A schedule, duration, date-time or zone that isorepeat cannot accept (S1).

    ``column`` is a 0-based index into ``text`` (``len(text)`` when the text ended too early);
    the CLI adds 1 when it prints ``path:line:col``. ``message`` is one sentence without a
    trailing period; ``hint``, when there is one, says what to write instead.

    >>> from isorepeat import ScheduleError, parse
    >>> try:
    ...     parse("R5/2012-13-01T00:00Z/P1D")
    ... except ScheduleError as err:
    ...     print(err.column, err.message)
    ...     print(err)
    8 month 13 is out of range 01-12
    month 13 is out of range 01-12
      R5/2012-13-01T00:00Z/P1D
              ^
    """

    def __init__(self, message: str, text: str, column: int, hint: str | None = None) -> None:
        # Every field goes to args, so repr() is informative and pickling rebuilds the error.
        super().__init__(message, text, column, hint)
        self.message = message
        self.text = text
        self.column = column
        self.hint = hint

    def __str__(self) -> str:
        # unicode_escape keeps a tab or a newline from shifting the caret.
        shown = self.text.encode("unicode_escape").decode("ascii")
        before = self.text[: self.column].encode("unicode_escape").decode("ascii")
        shown, caret = _around(shown, len(before))
        lines = [self.message, f"  {shown}", f"  {' ' * caret}^"]
        if self.hint:
            lines.append(f"hint: {self.hint}")
        return "\n".join(lines)


_SHOWN: Final = 100
"""The most characters of the text an error echoes: the part around the column."""


def _around(shown: str, caret: int) -> tuple[str, int]:
    """At most :data:`_SHOWN` characters of ``shown`` around ``caret``, cuts marked ``...``."""
    if len(shown) <= _SHOWN:
        return shown, caret
    start = min(max(0, caret - _SHOWN // 2), len(shown) - _SHOWN)
    end = start + _SHOWN
    head = "..." if start > 0 else ""
    tail = "..." if end < len(shown) else ""
    return f"{head}{shown[start:end]}{tail}", caret - start + len(head)


@final
class UnrepresentableError(ScheduleError):
    """A schedule the engine accepts that isorepeat cannot represent (a year outside 0001-9999,
    an offset with a fraction of a second): the kind of the error, as data, not words (S34, S40).

    >>> from isorepeat import UnrepresentableError, parse
    >>> try:
    ...     parse("R/20000-01-01T00:00:00Z/P1D", dialect="chronos")
    ... except UnrepresentableError as err:
    ...     print(err.message)
    the year 20000 is outside 0001-9999: Chronos accepts this; isorepeat cannot represent it
    """


@final
class WalkLimitError(ScheduleError):
    """A chained query that would walk more runs than its bound (:data:`isorepeat.chain.WALK_LIMIT`):
    chained runs have no closed form, so reaching a far moment means walking every run before it."""


def fail(message: str, text: str, column: int, hint: str | None = None) -> NoReturn:
    """Raise a :class:`ScheduleError`; grammar code reads better with a verb."""
    raise ScheduleError(message, text, column, hint)


def unrepresentable(message: str, text: str, column: int, hint: str | None = None) -> NoReturn:
    """Raise an :class:`UnrepresentableError`: the engine accepts this, isorepeat cannot hold it."""
    raise UnrepresentableError(message, text, column, hint)
