"""Joda-Time's arithmetic, as Chronos runs it (CHRONOS.md §2, §3.1; SEMANTICS S34, S35).

Joda's own ``DateTime.plus(Period)`` and re-zoning are :mod:`isorepeat.joda.arithmetic` (Camunda 7
and Activiti add with them too), re-exported here; this module adds what is Chronos's: the
anchored occurrence, the phrase for what Chronos accepts and datetime cannot hold, and the
forward check.
"""

from __future__ import annotations

from typing import Final

from isorepeat._types import Disambiguate, Nanos
from isorepeat.duration import Duration
from isorepeat.joda.arithmetic import joda_fields, joda_plus, rezone, standard_seconds, wall_of
from isorepeat.joda.grammar import cannot_hold
from isorepeat.zones import Zone

__all__ = [
    "CANNOT_HOLD",
    "is_forward",
    "joda_advance",
    "joda_fields",
    "joda_plus",
    "rezone",
    "standard_seconds",
    "wall_of",
]

CANNOT_HOLD: Final = cannot_hold("Chronos")
"""The end of every message about a time Joda holds and ``datetime`` cannot (years beyond
0001-9999, offsets with a fraction of a second); the kind of such an error is
:class:`isorepeat.UnrepresentableError`, never these words."""


def joda_advance(
    zone: Zone,
    start: Nanos,
    start_wall: Nanos,
    period: Duration,
    k: int,
    disambiguate: Disambiguate,
) -> Nanos | None:
    """Anchored occurrence k of the chronos dialect: ``start.plus(period.multipliedBy(k))``.

    The same signature as :func:`isorepeat.calendar.advance`, so a timeline takes either.
    """
    return joda_plus(zone, start, period, k)


def is_forward(period: Duration, zone: Zone | None = None) -> bool:
    """True when every anchored run ``start.plus(period.multipliedBy(k))`` is later than the one
    before, from any start, in ``zone`` (any zone for ``None``): :meth:`Duration.moves_forward_in`,
    the one definition (the chronos dialect has already cut the period to Joda's milliseconds)."""
    return period.moves_forward_in(zone)
