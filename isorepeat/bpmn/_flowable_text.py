"""The Java string handling Flowable's and Activiti's timer classes lean on, and their parse failure.

``String.split("/")`` drops the empty strings at the end (so ``R3/PT1M/`` is two parts, and
``prepareRepeat`` then rewrites every ``/`` of it); ``Integer.parseInt`` takes a sign and any
Unicode decimal digit but no blank. :class:`JavaParseError` is what the model's readers raise
where the engine's Java code throws: the engine module words it as the engine's rejection.
"""

from __future__ import annotations

import unicodedata
from typing import Final

__all__ = [
    "INT_MAX",
    "INT_MIN",
    "JavaParseError",
    "JavaUnrepresentableError",
    "first_non_digit",
    "java_int",
    "java_parse_int",
    "java_split",
    "split_columns",
]

INT_MAX: Final = 2**31 - 1
INT_MIN: Final = -(2**31)


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


def java_int(value: int) -> int:
    """``value`` as a Java ``int`` (the low 32 bits): ``BigInteger.intValue()``, int overflow."""
    return (value - INT_MIN) % 2**32 + INT_MIN


def java_split(text: str, separator: str = "/") -> list[str]:
    """``text.split(separator)`` for a one-character separator that is no regex metacharacter.

    Java keeps a text without the separator whole (``""`` is ``[""]``), and removes every empty
    string at the end of the result (``"R3/"`` is ``["R3"]``, ``"/"`` is ``[]``).
    """
    if separator not in text:
        return [text]
    parts = text.split(separator)
    while parts and not parts[-1]:
        parts.pop()
    return parts


def split_columns(parts: list[str]) -> list[int]:
    """The column of each part of :func:`java_split` in the text it came from."""
    columns: list[int] = []
    column = 0
    for part in parts:
        columns.append(column)
        column += len(part) + 1
    return columns


def java_parse_int(text: str) -> int | None:
    """``Integer.parseInt(text)``, or ``None`` where it throws ``NumberFormatException``.

    A leading ``+`` or ``-``, then at least one digit of any script (``Character.digit``: Arabic-
    Indic digits count, a blank does not), and the value must fit in an ``int``.
    """
    if not text:
        return None
    negative = text[0] == "-"
    digits = text[1:] if text[0] in "+-" else text
    if not digits:
        return None
    value = 0
    for char in digits:
        digit = unicodedata.decimal(char, -1)
        if digit < 0:
            return None
        value = value * 10 + digit
    value = -value if negative else value
    return value if INT_MIN <= value <= INT_MAX else None


def first_non_digit(text: str) -> int:
    """The index of the first character of ``text`` that ``Integer.parseInt`` does not take."""
    start = 1 if text[:1] in ("+", "-") and len(text) > 1 else 0
    for index in range(start, len(text)):
        if unicodedata.decimal(text[index], -1) < 0:
            return index
    return len(text)
