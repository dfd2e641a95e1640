"""Notes: findings about a schedule that are not errors (SEMANTICS §8 codes)."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Note"]


@dataclass(frozen=True, slots=True)
class Note:
    """A finding that does not stop the schedule from parsing, such as ``PST`` meaning Los Angeles.

    ``code`` is the stable code of SEMANTICS §8 (``"IR203"``); ``hint`` says what to write instead.
    """

    code: str
    message: str
    hint: str | None = None
