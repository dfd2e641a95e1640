"""Chained evaluation in the chronos dialect (S35): what Chronos really runs, one step.

Chronos advances a job by printing its next start with the offset it has and parsing that text
again, with ``scheduleTimeZone`` re-applied (CHRONOS.md §3.4): run k+1 is
``parse(format(run k)) ⊕ P``. So a month-end start drifts (Jan 31, Feb 29, Mar 29, ...), a start
moved out of a DST gap stays moved, and without a zone every step after the first is in the fixed
offset the previous one printed. The walk itself is the core's (:mod:`isorepeat.chain`);
:func:`gap_drift` finds where a DST gap moves a chained wall time for good, for ``check``.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import TYPE_CHECKING, Final, final

from isorepeat.calendar import is_representable
from isorepeat.chronos.arithmetic import joda_plus, rezone, wall_of
from isorepeat.units import NS_PER_DAY, NS_PER_SECOND
from isorepeat.zones import UTC_ZONE, FixedZone, Zone, in_gap, instant_of, offset_seconds

if TYPE_CHECKING:
    from datetime import datetime

    from isorepeat._types import Disambiguate, Nanos
    from isorepeat.duration import Duration
    from isorepeat.schedule import Schedule

__all__ = ["GapDrift", "chronos_chain_step", "gap_drift"]

_WEEK: Final = 7 * NS_PER_DAY
_YEAR: Final = 365 * NS_PER_DAY + NS_PER_DAY // 4
# Dates and weekdays repeat every 28 years (1901-2099), so the gaps of 28 years meet every
# day of the month, day of the week and date a period can land on; one more for the year begun.
_HORIZON_YEARS: Final = 29


def chronos_chain_step(
    zone: Zone, instant: Nanos, period: Duration, schedule_zone: Zone | None, _disambiguate: Disambiguate
) -> tuple[Nanos, Zone] | None:
    """The run after ``instant`` and the zone it is shown in; ``None`` past the year 9999.

    ``schedule_zone`` is Chronos's ``scheduleTimeZone`` (re-applied at every parse), ``None``
    when the job has none. A run shown in another zone than the schedule zone (an empty start,
    which Chronos reads as now - 1 s in UTC and does not re-zone, Iso8601Expressions.scala:52)
    is printed with its own offset, ``...Z``, and read back in the schedule zone with the same
    wall fields (``convertToDateTime``, lines 70-78): so the run after it moves by the offset.
    """
    following = joda_plus(zone, instant, period)
    if following is None:
        return None
    # create(): the start printed with its offset; parse(): read back, then re-zoned.
    if schedule_zone is not None:
        moved = rezone(schedule_zone, wall_of(zone, following), following)
        # Re-read in another zone, the run may move past the year 9999 (S40).
        return (moved, schedule_zone) if is_representable(schedule_zone, moved) else None
    offset = zone.offset_at(following)
    return following, FixedZone(offset) if offset else UTC_ZONE


@final
@dataclass(frozen=True, slots=True)
class GapDrift:
    """Where a DST gap moves a chained wall time, which then stays moved (CHRONOS.md §3.4).

    ``run`` is the chained run the gap moves (0: the start itself) and ``moved`` that run, at the
    wall time every later run keeps; ``written`` is the wall time of day written (ns after
    midnight); ``skipped`` the wall-clock times the clocks skip that day, ``[from, to)``.
    """

    run: int
    moved: datetime
    written: Nanos
    skipped: tuple[Nanos, Nanos]


def gap_drift(schedule: Schedule, written_wall: Nanos) -> GapDrift | None:
    """The first chained run a DST gap moves off the wall time written, if one does.

    Only a period of calendar fields (years, months, weeks, days) that moves forward keeps a
    wall time: Joda adds them on the wall clock, a gap moves the result forward, and the next
    run is added to the moved one. ``written_wall`` is the start's wall-clock fields as written
    (ns since 1970-01-01T00:00). The zone's gaps of the next 28 years are found first, so the
    runs are walked only when the time written falls in one of them, and only up to the last.

    >>> from isorepeat.chronos.chained import gap_drift
    >>> import isorepeat
    >>> from isorepeat.chronos.dialect import schedule_form
    >>> text = "R/2026-03-07T02:30:00/P1D"
    >>> s = isorepeat.parse(text, dialect="chronos", tz="America/New_York")
    >>> drift = gap_drift(s, schedule_form(text).start_wall_ns)
    >>> drift.run, drift.moved.isoformat()
    (1, '2026-03-08T03:30:00-04:00')
    """
    period, zone, start = schedule.period, schedule.zone, schedule.start_ns
    if zone is None or start is None or zone.fixed_offset is not None:
        return None
    if period.elapsed_nanoseconds or not period.moves_forward:
        return None
    time_of_day = written_wall % NS_PER_DAY
    first_day = written_wall - time_of_day
    candidates = [
        (wall, skipped)
        for wall, skipped in _walls_in_gaps(zone, start // _YEAR, time_of_day)
        if wall >= first_day + time_of_day
    ]
    if not (period.years or period.months):
        # Days and weeks land on every step-th date: no need to walk to the dates they miss.
        step = (7 * period.weeks + period.days) * NS_PER_DAY
        candidates = [found for found in candidates if (found[0] - time_of_day - first_day) % step == 0]
    if not candidates:
        return None
    last = candidates[0][0] if not (period.years or period.months) else candidates[-1][0]
    # Joda adds the fields one at a time: with more than one kind (P1M1D, P1Y1M), the gap can
    # move the wall time after an earlier field, on a date the run itself does not land on.
    several = sum(1 for amount in (period.years, period.months, 7 * period.weeks + period.days) if amount) > 1
    previous: Nanos | None = None
    for k, run in enumerate(schedule.occurrences(mode="chained")):
        wall = instant_of(run, "run") + offset_seconds(run) * NS_PER_SECOND
        if wall % NS_PER_DAY != time_of_day:
            meant = wall - wall % NS_PER_DAY + time_of_day
            if in_gap(zone, meant) is not None:
                skipped = next((gap for candidate, gap in candidates if candidate == meant), (meant, wall))
                return GapDrift(k, run, time_of_day, skipped)
            between = (
                gap for candidate, gap in candidates if previous is not None and previous < candidate < wall
            )
            passed = next(between, None) if several else None
            # Otherwise not a gap: no calendar period moves a wall time but a gap.
            return None if passed is None else GapDrift(k, run, time_of_day, passed)
        if previous is not None and previous > last:
            return None
        previous = wall
    return None


def _walls_in_gaps(zone: Zone, year: int, time_of_day: Nanos) -> list[tuple[Nanos, tuple[Nanos, Nanos]]]:
    """The wall times at ``time_of_day`` that the clocks of ``zone`` skip, in order, each with
    the wall-clock interval skipped there."""
    found = []
    for skipped in _gaps(zone, year):
        gap_from, gap_to = skipped
        wall = gap_from - gap_from % NS_PER_DAY + time_of_day
        if wall < gap_from:
            wall += NS_PER_DAY
        if wall < gap_to:
            found.append((wall, skipped))
    return found


@functools.lru_cache(maxsize=256)
def _gaps(zone: Zone, year: int) -> tuple[tuple[Nanos, Nanos], ...]:
    """The wall-clock intervals ``zone`` skips from about ``year`` (years since 1970) on, for
    :data:`_HORIZON_YEARS` years: its offset sampled weekly (DST rules never change twice in a
    week), each change bisected to the second. Jobs share zones and years: kept."""
    gaps = []
    moment = year * _YEAR - _WEEK
    end = moment + _HORIZON_YEARS * _YEAR
    before = zone.offset_at(moment)
    while moment < end:
        later = moment + _WEEK
        after = zone.offset_at(later)
        if after != before:
            low, high = moment // NS_PER_SECOND, later // NS_PER_SECOND
            while high - low > 1:
                middle = (low + high) // 2
                if zone.offset_at(middle * NS_PER_SECOND) == before:
                    low = middle
                else:
                    high = middle
            old, new = zone.offset_at(low * NS_PER_SECOND), zone.offset_at(high * NS_PER_SECOND)
            if new > old:  # the clocks go forward: the wall times between are skipped
                gaps.append(((high + old) * NS_PER_SECOND, (high + new) * NS_PER_SECOND))
        moment, before = later, after
    return tuple(gaps)
