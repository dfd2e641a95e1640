"""A zone's offset changes between two instants, found once per 400-year cycle and cached.

The offset is sampled every day (every week after 2100, where the tz database's rules repeat
every year) and each change bisected to the second; from the year 2770 a zone whose cycle repeats
the one before is assumed to go on repeating. Used where a whole series must be checked against
a zone's clock changes (the exporters, IR309's gap), without a step per run.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Final, final

from isorepeat._types import Nanos
from isorepeat.units import NS_PER_SECOND, SECONDS_PER_DAY
from isorepeat.zones import Zone

__all__ = ["CYCLE_SECONDS", "OffsetChange", "first_change", "offset_changes", "repeats_every_cycle"]


@final
@dataclass(frozen=True, slots=True)
class OffsetChange:
    """A change of the zone's offset (seconds) at ``instant``."""

    instant: Nanos
    before: int
    after: int


CYCLE_SECONDS: Final = 146_097 * SECONDS_PER_DAY
"""400 Gregorian years, exactly 20,871 weeks: the calendar, weekdays included, repeats after it,
and so does a zone whose changes follow yearly rules (every zone's future in the tz database)."""
_DENSE_UNTIL_S: Final = 4_102_444_800  # 2100-01-01T00:00:00Z: daily samples before, weekly after


def offset_changes(zone: Zone, low: Nanos, high: Nanos) -> Iterator[OffsetChange]:
    """The zone's offset changes with ``low <= instant <= high``, in order."""
    if zone.fixed_offset is not None:
        return
    for cycle in range(low // NS_PER_SECOND // CYCLE_SECONDS, high // NS_PER_SECOND // CYCLE_SECONDS + 1):
        for change in _cycle_changes(zone, cycle):
            if low <= change.instant <= high:
                yield change


@functools.lru_cache(maxsize=1024)
def _cycle_changes(zone: Zone, cycle: int) -> tuple[OffsetChange, ...]:
    """The offset changes in one 400-year cycle from 1970 (cycle 0: 1970-2370). From cycle 3 on
    they are cycle 2's, 400 years later for each cycle, when cycle 2 repeats cycle 1: the rules
    of the zone's future are yearly, and the calendar repeats every 400 years."""
    if cycle >= 3 and repeats_every_cycle(zone):
        shift = (cycle - 2) * CYCLE_SECONDS * NS_PER_SECOND
        return tuple(OffsetChange(c.instant + shift, c.before, c.after) for c in _cycle_changes(zone, 2))
    return _scan(zone, cycle * CYCLE_SECONDS, (cycle + 1) * CYCLE_SECONDS)


@functools.lru_cache(maxsize=256)
def repeats_every_cycle(zone: Zone) -> bool:
    """Whether the zone's changes in 2370-2770 are those of 1970-2370, 400 years later."""
    shift = CYCLE_SECONDS * NS_PER_SECOND
    first, second = _cycle_changes(zone, 1), _cycle_changes(zone, 2)
    return [(c.instant + shift, c.before, c.after) for c in first] == [
        (c.instant, c.before, c.after) for c in second
    ]


def _scan(zone: Zone, low: int, high: int) -> tuple[OffsetChange, ...]:
    """The offset changes in ``[low, high)`` seconds, by sampling the offset every day (every week
    after 2100, where the rules repeat every year) and bisecting each change to the second.

    Two changes within one sample step that cancel out (none in the tz database from 1970 on)
    are missed; every other change is found exactly.
    """
    found: list[OffsetChange] = []
    t, offset = low, _offset(zone, low)
    while t < high:
        following = min(t + (SECONDS_PER_DAY if t < _DENSE_UNTIL_S else 7 * SECONDS_PER_DAY), high)
        after = _offset(zone, following)
        if after == offset:
            t = following
            continue
        same, other = t, following  # bisect: the first second with another offset
        while other - same > 1:
            middle = (same + other) // 2
            if _offset(zone, middle) == offset:
                same = middle
            else:
                other = middle
        after = _offset(zone, other)
        found.append(OffsetChange(other * NS_PER_SECOND, offset, after))
        t, offset = other, after
    return tuple(found)


def _offset(zone: Zone, seconds: int) -> int:
    return zone.offset_at(seconds * NS_PER_SECOND)


def first_change(zone: Zone, start: Nanos, last: Nanos) -> OffsetChange | None:
    """The first change of the offset after ``start``, up to ``last``."""
    return next((c for c in offset_changes(zone, start + 1, last) if c.after != c.before), None)
