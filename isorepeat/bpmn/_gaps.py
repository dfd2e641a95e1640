"""The DST gap a daily timer's time of day falls into, within a year of its start (IR309).

Offsets are sampled a week apart and each change found by bisection to the second: about 90
lookups, where a day-by-day walk takes 365.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from isorepeat.datetimes import format_wall
from isorepeat.units import NS_PER_DAY, NS_PER_SECOND

if TYPE_CHECKING:
    from isorepeat.zones import Zone

__all__ = ["gap_containing"]

_WEEK: Final = 7 * NS_PER_DAY
_YEAR: Final = 366 * NS_PER_DAY


def gap_containing(zone: Zone, start: int, until: int | None = None) -> str | None:
    """``"2024-03-31T02:00 to 03:00"`` (wall times in ``zone``) for the first gap after ``start``
    (ns) and before ``until`` (a year on by default) that holds ``start``'s time of day."""
    end = start + _YEAR if until is None else min(until, start + _YEAR)
    time_of_day = (start + zone.offset_at(start) * NS_PER_SECOND) % NS_PER_DAY
    low, offset = start, zone.offset_at(start)
    while low < end:
        high = min(low + _WEEK, end)
        later = zone.offset_at(high)
        if later != offset:
            moment = _transition(zone, low, high, offset)
            if later > offset:
                gap_start = moment + offset * NS_PER_SECOND  # the first wall time that does not exist
                gap_tod = gap_start % NS_PER_DAY
                if 0 <= (time_of_day - gap_tod) % NS_PER_DAY < (later - offset) * NS_PER_SECOND:
                    after = format_wall(gap_start + (later - offset) * NS_PER_SECOND)
                    return f"{format_wall(gap_start)[:16]} to {after[11:16]}"
            offset = later
        low = high
    return None


def _transition(zone: Zone, low: int, high: int, offset: int) -> int:
    """The first instant in (low, high] whose offset is not ``offset``, to the second."""
    while high - low > NS_PER_SECOND:
        middle = (low + high) // 2
        if zone.offset_at(middle) == offset:
            low = middle
        else:
            high = middle
    return high
