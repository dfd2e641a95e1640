"""Where Flowable's and Activiti's Java code throws while reading a timer: :class:`JavaParseError`,
which the engine module words as the engine's rejection (the Java string handling itself is
:mod:`isorepeat.bpmn._java`: ``split("/")`` drops the empty strings at the end, so ``R3/PT1M/`` is
two parts, and ``prepareRepeat`` then rewrites every ``/`` of it)."""

from __future__ import annotations

__all__ = ["JavaParseError", "JavaUnrepresentableError"]


class JavaParseError(Exception):
    """Where the engine's Java code throws while reading a text.

    ``what`` names the part rejected (``"the period 'P1W'"``), ``why`` says why in words,
    ``column`` indexes the whole text given to the reader, ``hint`` says what to write instead,
    ``java`` is the Java exception's own message where the model reproduces it (``'P1W'``,
    ``'Unparseable date: "…"'``).
    """

    def __init__(self, what: str, why: str, column: int, hint: str | None = None, java: str = "") -> None:
        super().__init__(what, why, column, hint, java)
        self.what = what
        self.why = why
        self.column = column
        self.hint = hint
        self.java = java


class JavaUnrepresentableError(JavaParseError):
    """The engine accepts the text, but its instant lies outside the years 0001-9999."""
