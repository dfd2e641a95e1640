"""Why expat refused a file, in words a BPMN author can act on (:mod:`isorepeat.bpmn.document`'s).

Expat's messages are terse and one of them, "invalid token", covers both a byte that is not in
the file's encoding and a character XML forbids; these functions look at the bytes where expat
stopped to say which. They return (message, line, column); the reader raises them as
:class:`~isorepeat.bpmn.document.BpmnFileError`.
"""

from __future__ import annotations

import re
from typing import Final, TypeAlias
from xml.parsers import expat

__all__ = ["Refusal", "malformed", "unreadable_encoding"]

Refusal: TypeAlias = "tuple[str, int, int]"
"""(message, line, column): a BpmnFileError's arguments."""

_INVALID_TOKEN: Final = expat.errors.codes[expat.errors.XML_ERROR_INVALID_TOKEN]
_UNKNOWN_ENCODING: Final = expat.errors.codes[expat.errors.XML_ERROR_UNKNOWN_ENCODING]
_INCORRECT_ENCODING: Final = expat.errors.codes[expat.errors.XML_ERROR_INCORRECT_ENCODING]
_DECLARED_ENCODING: Final = re.compile(rb"""\A<\?xml\s[^>]*?\bencoding\s*=\s*["']([^"'>]*)""")
_UTF_8_NAMES: Final = frozenset({"utf-8", "utf8"})


def _declared_encoding(source: bytes) -> tuple[str | None, int]:
    """The encoding the XML declaration names, and its column (1-based), if it is ASCII-readable."""
    found = _DECLARED_ENCODING.match(source)
    if found is None:
        return None, 1
    return found.group(1).decode("ascii", "replace"), found.start(1) + 1


def malformed(source: bytes, error: expat.ExpatError) -> Refusal:
    """Expat's error, at expat's position, said in words a BPMN author can act on."""
    line, column = error.lineno, error.offset + 1
    reason = expat.errors.messages.get(error.code) or str(error)
    if error.code in {_UNKNOWN_ENCODING, _INCORRECT_ENCODING}:
        name, _ = _declared_encoding(source)
        declared = f"the encoding {name}" if name else "an encoding"
        what = (
            "which the XML reader does not know"
            if error.code == _UNKNOWN_ENCODING
            else "but its bytes are not in it"
        )
        return (f"wrong encoding: the file declares {declared}, {what} ({reason})", line, column)
    if error.code == _INVALID_TOKEN:
        hint = _invalid_character(source, line, column)
        if hint is not None:
            return (hint, line, column)
    return (f"malformed XML: {reason}", line, column)


def _invalid_character(source: bytes, line: int, column: int) -> str | None:
    """Why expat stopped at an invalid token, when the reason is a byte or a character.

    Expat reports a byte that is not UTF-8 and a character XML forbids alike ("invalid token"):
    the first is a file saved in another encoding than it declares, the second a stray control
    character (pasted from a terminal, or a NUL from a broken write).
    """
    name, _ = _declared_encoding(source)
    if source.startswith((b"\xfe\xff", b"\xff\xfe")) or (
        name is not None and name.lower() not in _UTF_8_NAMES
    ):
        return None
    index = _byte_index(source, line, column)
    if index is None:
        return None
    piece = source[index : index + 4]
    try:
        first = piece.decode("utf-8")[0]
    except UnicodeDecodeError as bad:
        if bad.start != 0:
            first = piece[: bad.start].decode("utf-8")[0]
        else:
            declared = (
                "the encoding the file declares" if name else "XML's default, as the file declares no other"
            )
            return f"wrong encoding: byte 0x{source[index]:02X} is not UTF-8 ({declared})"
    if first < " " and first not in "\t\n\r":
        return f"malformed XML: the character U+{ord(first):04X} is not allowed in XML"
    return None


def _byte_index(source: bytes, line: int, column: int) -> int | None:
    """The byte at a UTF-8 (line, column) as expat counts them, or None past the end."""
    index = 0
    for _ in range(line - 1):
        newline = _next_line_end(source, index)
        if newline < 0:
            return None
        index = newline
    for _ in range(column - 1):
        if index >= len(source):
            return None
        index += 1
        while index < len(source) and 0x80 <= source[index] < 0xC0:  # continuation bytes
            index += 1
    return index if index < len(source) else None


def _next_line_end(source: bytes, index: int) -> int:
    """The index just past the next line end (``\\n``, ``\\r\\n`` or a lone ``\\r``), or -1."""
    lf = source.find(b"\n", index)
    cr = source.find(b"\r", index, lf if lf >= 0 else len(source))
    if cr >= 0:
        return cr + 2 if source[cr + 1 : cr + 2] == b"\n" else cr + 1
    return lf + 1 if lf >= 0 else -1


def unreadable_encoding(source: bytes, error: Exception) -> Refusal:
    """An encoding Python's expat module cannot give expat: multi-byte, unknown, or not text."""
    name, column = _declared_encoding(source)
    declared = f"the encoding {name}" if name else "an encoding"
    return (
        f"wrong encoding: the file declares {declared}, which the XML reader cannot read ({error})",
        1,
        column,
    )
