"""Wall-clock arithmetic: ``start ⊕ k·P`` of SEMANTICS S28 on integer nanoseconds.

Months are added with the day clamped to the month's end, then days; the result is resolved in
the zone; elapsed time is added last. Nothing here looks at text.
"""

from __future__ import annotations

from calendar import isleap
from datetime import date
from typing import Final

from isorepeat._types import Disambiguate, Nanos
from isorepeat.datetimes import EPOCH_ORDINAL
from isorepeat.duration import Duration
from isorepeat.units import NS_PER_DAY
from isorepeat.zones import Zone, instant_from_wall

__all__ = ["MAX_INSTANT", "MIN_INSTANT", "add_calendar", "advance", "days_in_month", "is_representable"]

_MAX_ORDINAL: Final = date.max.toordinal()
MIN_INSTANT: Final[Nanos] = (1 - EPOCH_ORDINAL) * NS_PER_DAY
"""0001-01-01T00:00:00Z, the first instant a UTC datetime can hold."""
MAX_INSTANT: Final[Nanos] = (_MAX_ORDINAL + 1 - EPOCH_ORDINAL) * NS_PER_DAY - 1
"""9999-12-31T23:59:59.999999999Z: the last instant whose floored datetime exists in UTC (S40)."""
_SAFE_MIN: Final = MIN_INSTANT + 2 * NS_PER_DAY
_SAFE_MAX: Final = MAX_INSTANT - 2 * NS_PER_DAY
MIN_WALL: Final[Nanos] = MIN_INSTANT
MAX_WALL: Final[Nanos] = MAX_INSTANT


def is_representable(zone: Zone, instant: Nanos) -> bool:
    """S40: the floored datetime exists both in UTC and as wall time in ``zone``."""
    if _SAFE_MIN < instant < _SAFE_MAX:
        return True  # no offset reaches a day, so both clocks are inside the calendar
    if not MIN_INSTANT <= instant <= MAX_INSTANT:
        return False
    wall = instant + zone.offset_at(instant) * 1_000_000_000
    return MIN_WALL <= wall <= MAX_WALL


_DAYS_IN_MONTH: Final = (0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def days_in_month(year: int, month: int) -> int:
    """The length of a month (``calendar.monthrange`` also computes a weekday: 0.3 µs, 5× this)."""
    return _DAYS_IN_MONTH[month] + (month == 2 and isleap(year))


def add_calendar(wall: Nanos, months: int, days: int) -> Nanos | None:
    """Add months (day clamped to the month's end), then days, to a wall time (S28 (1), (2)).

    ``None`` when the result leaves the years 0001-9999.
    """
    day_count, time_of_day = divmod(wall, NS_PER_DAY)
    ordinal = day_count + EPOCH_ORDINAL
    if months:
        day = date.fromordinal(ordinal)
        year, month0 = divmod(day.year * 12 + day.month - 1 + months, 12)
        if not 1 <= year <= 9999:
            return None
        # S28: Jan 31 + 1 month = Feb 29 (2012) or Feb 28; anchoring means no drift.
        ordinal = date(year, month0 + 1, min(day.day, days_in_month(year, month0 + 1))).toordinal()
    ordinal += days
    if not 1 <= ordinal <= _MAX_ORDINAL:
        return None
    return (ordinal - EPOCH_ORDINAL) * NS_PER_DAY + time_of_day


def advance(
    zone: Zone,
    start: Nanos,
    start_wall: Nanos,
    period: Duration,
    k: int,
    disambiguate: Disambiguate,
) -> Nanos | None:
    """``start ⊕ k·P`` (S28); k may be negative for the ``⊖`` of S17.

    ``start`` is the start instant, ``start_wall`` its wall-clock fields as written. ``None``
    when the result leaves the representable range (S40).

    :raises WallTimeError: under ``disambiguate="raise"`` when base_k is in a gap or overlap.
    """
    months = k * period.total_months
    days = k * period.total_days
    if months or days:
        wall = add_calendar(start_wall, months, days)
        if wall is None:
            return None
        base = instant_from_wall(zone, wall, disambiguate)
    else:
        base = start
    result = base + k * period.elapsed_nanoseconds
    return result if is_representable(zone, result) else None
