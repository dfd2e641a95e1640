"""Chained evaluation (S35): what a server that stores the next start as text really runs.

Chronos advances a job by printing its next start with the offset it has and parsing that text
again, with ``scheduleTimeZone`` re-applied (CHRONOS.md §3.4): occurrence k+1 is
``parse(format(occurrence k)) ⊕ P``. So a month-end start drifts (Jan 31, Feb 29, Mar 29, ...),
a start moved out of a DST gap stays moved, and without a zone every step after the first is in
the fixed offset the previous one printed. Anchored evaluation (S27) has none of these.
"""

from __future__ import annotations

from collections.abc import Iterator

from isorepeat._types import Dialect, Disambiguate, Nanos
from isorepeat.calendar import advance, is_representable
from isorepeat.chronos.arithmetic import joda_plus, rezone, wall_of
from isorepeat.duration import Duration
from isorepeat.zones import UTC_ZONE, FixedZone, Zone

__all__ = ["chained_instants"]


def chained_instants(
    zone: Zone,
    start: Nanos,
    period: Duration,
    repetitions: int | None,
    dialect: Dialect,
    schedule_zone: Zone | None,
    disambiguate: Disambiguate,
) -> Iterator[tuple[Nanos, Zone]]:
    """(instant, zone it is shown in) of each chained occurrence, until n or the year 9999.

    ``zone`` is the start's zone; ``schedule_zone`` the zone re-applied at every parse
    (Chronos's ``scheduleTimeZone``), ``None`` when there is none.

    :raises WallTimeError: in the iso dialect under ``disambiguate="raise"``.
    """
    instant = start
    count = 0
    while repetitions is None or count < repetitions:
        if not is_representable(zone, instant):
            return
        yield instant, zone
        count += 1
        if dialect == "chronos":
            following = joda_plus(zone, instant, period)
            if following is None:
                return
            # create(): the start printed with its offset; parse(): read back, then re-zoned.
            if schedule_zone is not None:
                instant = rezone(schedule_zone, wall_of(zone, following), following)
                zone = schedule_zone
            else:
                offset = zone.offset_at(following)
                instant = following
                zone = FixedZone(offset) if offset else UTC_ZONE
        else:
            # The iso text carries the offset and the zone, so reading it back gives the same
            # instant; the next step starts from its resolved wall time (S28 from that start).
            following = advance(zone, instant, wall_of(zone, instant), period, 1, disambiguate)
            if following is None:
                return
            instant = following
