"""What a timer's text writes, read off the text alone: its count, its start, whether an offset.

The engines' own grammars decide what the text means (:mod:`isorepeat.bpmn.zeebe` and the
others); these shallow readings serve the rules and the engines' dialects, which need to know
only what was written, whatever the engine made of it.
"""

from __future__ import annotations

import re
from typing import Final

from isorepeat.bpmn.timers import TimerKind

__all__ = ["count_and_start", "has_offset"]

_REPETITIONS: Final = re.compile(r"R(-?[0-9]+)?/")
_START_OFFSET: Final = re.compile(r"(?:[Zz]|[+-][0-9]{2}(?::?[0-9]{2})?)(?:\[[^\]]*\])?$")


def has_offset(start: str) -> bool:
    """Whether a start or date writes an offset (``Z``, ``+02:00``, ``+0200``, ``+02``): only a
    time carries one, so ``2021-01-01`` (whose ``-01`` is the day) has none."""
    time = start.upper().find("T")
    return time >= 0 and _START_OFFSET.search(start, time) is not None


def count_and_start(kind: TimerKind, trimmed: str) -> tuple[int | None, str | None]:
    """``R<n>``'s n as written (signed; ``None`` for ``R``) and the start as written, of a trimmed
    cycle; a ``timeDate`` is all start."""
    if kind == "timeDate":
        return None, trimmed
    match = _REPETITIONS.match(trimmed)
    if match is None:
        return None, None
    count = None if match.group(1) is None else int(match.group(1))
    parts = trimmed.split("/")
    start = parts[1] if len(parts) == 3 and parts[1][:1].isdigit() else None
    return count, start
