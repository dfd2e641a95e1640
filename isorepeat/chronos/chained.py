"""Chained evaluation in the chronos dialect (S35): what Chronos really runs, one step.

Chronos advances a job by printing its next start with the offset it has and parsing that text
again, with ``scheduleTimeZone`` re-applied (CHRONOS.md §3.4): run k+1 is
``parse(format(run k)) ⊕ P``. So a month-end start drifts (Jan 31, Feb 29, Mar 29, ...), a start
moved out of a DST gap stays moved, and without a zone every step after the first is in the fixed
offset the previous one printed. The walk itself is the core's (:mod:`isorepeat.chain`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from isorepeat.chronos.arithmetic import joda_plus, rezone, wall_of
from isorepeat.zones import UTC_ZONE, FixedZone, Zone

if TYPE_CHECKING:
    from isorepeat._types import Disambiguate, Nanos
    from isorepeat.duration import Duration

__all__ = ["chronos_chain_step"]


def chronos_chain_step(
    zone: Zone, instant: Nanos, period: Duration, schedule_zone: Zone | None, _disambiguate: Disambiguate
) -> tuple[Nanos, Zone] | None:
    """The run after ``instant`` and the zone it is shown in; ``None`` past the year 9999.

    ``schedule_zone`` is Chronos's ``scheduleTimeZone`` (re-applied at every parse), ``None``
    when the job has none.
    """
    following = joda_plus(zone, instant, period)
    if following is None:
        return None
    # create(): the start printed with its offset; parse(): read back, then re-zoned.
    if schedule_zone is not None:
        return rezone(schedule_zone, wall_of(zone, following), following), schedule_zone
    offset = zone.offset_at(following)
    return following, FixedZone(offset) if offset else UTC_ZONE
