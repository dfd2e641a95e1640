"""The Java string handling every engine's timer code leans on, as Java does it.

``String.trim()`` strips every char up to U+0020 at both ends (tabs, newlines, NUL), never a
Unicode space; ``String.split("/")`` drops the empty strings at the end (``R3/PT1M/`` is two
parts, ``/`` none); ``Integer.parseInt`` takes a sign and any Unicode decimal digit
(``Character.digit``) but no blank, inside an ``int``; ``int`` arithmetic wraps.
"""

from __future__ import annotations

import unicodedata
from typing import Final

__all__ = [
    "INT_MAX",
    "INT_MIN",
    "first_non_digit",
    "java_int",
    "java_split",
    "java_trim",
    "parse_int",
    "split_columns",
]

INT_MAX: Final = 2**31 - 1
INT_MIN: Final = -(2**31)


def java_trim(text: str) -> tuple[int, int]:
    """The bounds (start, end) of ``text.trim()`` in ``text``."""
    start, end = 0, len(text)
    while start < end and text[start] <= " ":
        start += 1
    while end > start and text[end - 1] <= " ":
        end -= 1
    return start, end


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


def parse_int(text: str) -> int | None:
    """``Integer.parseInt(text)``, or ``None`` where it throws ``NumberFormatException``."""
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
