"""Joda-Time's ``DateTime.plus(Period)`` and re-zoning, as the engines that use Joda-Time add.

``DateTime.plus(Period)`` adds the period's fields one at a time, largest first: years, months,
weeks and days on the wall clock (each clamped to the month's end and converted back to an
instant before the next), then hours, minutes, seconds and millis as elapsed time. A wall time
that falls in a gap moves forward by the gap's length and an overlap takes the earlier offset:
that is S24's ``"compatible"``, which ``instant_from_wall`` already implements.

Re-zoning a parsed start (``withZoneRetainFields``) follows a different rule, Joda's
``convertLocalToUTC(local, false, originalInstant)``: see :func:`rezone`.
"""

from __future__ import annotations

from typing import Final

from isorepeat._types import Nanos
from isorepeat.calendar import add_calendar, is_representable
from isorepeat.duration import Duration
from isorepeat.units import NS_PER_SECOND
from isorepeat.zones import Gap, Zone, instant_from_wall

__all__ = ["joda_fields", "joda_plus", "rezone", "standard_seconds", "wall_of"]

_DAYS_PER_WEEK: Final = 7
_NS_PER_MS: Final = 1_000_000


def wall_of(zone: Zone, instant: Nanos) -> Nanos:
    """The wall-clock time of an instant in ``zone`` (Joda's ``convertUTCToLocal``)."""
    return instant + zone.offset_at(instant) * NS_PER_SECOND


def joda_plus(zone: Zone, instant: Nanos, period: Duration, factor: int = 1) -> Nanos | None:
    """``DateTime.plus(period.multipliedBy(factor))`` in ``zone``; ``None`` beyond the years
    0001-9999 (S40), where Joda would go on but datetime cannot follow."""
    for months, days in (
        (factor * period.years * 12, 0),
        (factor * period.months, 0),
        (0, factor * period.weeks * _DAYS_PER_WEEK),
        (0, factor * period.days),
    ):
        if not (months or days):
            continue  # Joda skips zero fields, so a zero field never moves a time out of a gap
        wall = add_calendar(wall_of(zone, instant), months, days)
        if wall is None:
            return None
        # getOffsetFromLocal: the earlier offset of an overlap, forward across a gap.
        instant = instant_from_wall(zone, wall, "compatible")
    result = instant + factor * period.elapsed_nanoseconds
    return result if is_representable(zone, result) else None


def rezone(zone: Zone, wall: Nanos, original: Nanos) -> Nanos:
    """``withZoneRetainFields``: the wall time ``wall`` (read at instant ``original``) in ``zone``.

    Joda first tries the zone's offset at the original instant and keeps it when it gives back
    the same wall time; so in an overlap the literal's own offset often decides (CHRONOS.md §2).
    Otherwise ``convertLocalToUTC(local, false)``: a gap moves forward by its length, and an
    overlap takes the offset a first estimate from the wall time lands on, which is the later one
    east of Greenwich and the earlier one west of it.
    """
    offset = zone.offset_at(original)
    candidate = wall - offset * NS_PER_SECOND
    if zone.offset_at(candidate) == offset:
        return candidate
    resolution = zone.resolve(wall)
    if isinstance(resolution, Gap):
        return wall - resolution.before * NS_PER_SECOND
    estimate = zone.offset_at(wall)  # the wall time read as if it were UTC
    return wall - zone.offset_at(wall - estimate * NS_PER_SECOND) * NS_PER_SECOND


def standard_seconds(period: Duration) -> int:
    """``Period.toStandardSeconds`` of the weeks ... millis (weeks of 7 days, days of 86,400 s,
    millis truncated toward zero); callers decide what months and years mean to them."""
    _, _, weeks, days, hours, minutes, seconds, millis = joda_fields(period)
    whole_millis = -(-millis // 1000) if millis < 0 else millis // 1000
    return ((weeks * 7 + days) * 24 + hours) * 3600 + minutes * 60 + seconds + whole_millis


def joda_fields(period: Duration) -> tuple[int, int, int, int, int, int, int, int]:
    """The eight int fields of a Joda ``Period``: years ... seconds, then millis."""
    return (
        period.years,
        period.months,
        period.weeks,
        period.days,
        period.hours,
        period.minutes,
        period.seconds,
        period.nanoseconds // _NS_PER_MS,  # exact: the chronos dialect keeps milliseconds
    )
