"""isorepeat: ISO 8601 repeating intervals, ``R[n]/start/period``, exact and explicit.

>>> import isorepeat
>>> s = isorepeat.parse("R5/2026-01-31T09:00:00/P1M", tz="Europe/Berlin")
>>> str(s)
'R5/2026-01-31T09:00:00+01:00[Europe/Berlin]/P1M'
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from isorepeat._types import Disambiguate
from isorepeat.describe import describe
from isorepeat.dialects import Dialect, EffectiveStart, Mode, dialect_named, dialect_names, parse, register
from isorepeat.duration import Duration
from isorepeat.errors import ScheduleError, UnrepresentableError, WalkLimitError
from isorepeat.notes import Note
from isorepeat.schedule import Runs, Schedule
from isorepeat.simulate import Catchup, Count, Policy, Run, Skipped, SkipReason, simulate

if TYPE_CHECKING:
    from isorepeat.fleet import (
        Fleet,
        FleetEvent,
        FleetJob,
        FleetResult,
        JobKind,
        JobSummary,
        Peak,
        Span,
        fleet_events,
        load_fleet,
        simulate_fleet,
    )

__all__ = [
    # parsing
    "parse",
    # values
    "Duration",
    "Note",
    "Schedule",
    "Runs",
    # dialects
    "Dialect",
    "EffectiveStart",
    "register",
    "dialect_named",
    "dialect_names",
    # describing
    "describe",
    # simulating
    "simulate",
    "Policy",
    "Run",
    "Skipped",
    # simulating a fleet of Chronos jobs
    "simulate_fleet",
    "fleet_events",
    "load_fleet",
    "Fleet",
    "FleetJob",
    "FleetResult",
    "FleetEvent",
    "JobSummary",
    "Peak",
    "Span",
    # errors
    "ScheduleError",
    "UnrepresentableError",
    "WalkLimitError",
    # policies
    "Disambiguate",
    "Mode",
    "Catchup",
    "Count",
    "SkipReason",
    "JobKind",
]

_FLEET = frozenset({
    "simulate_fleet", "fleet_events", "load_fleet", "Fleet", "FleetJob", "FleetResult", "FleetEvent",
    "JobSummary", "Peak", "Span", "JobKind",
})  # fmt: skip


def __getattr__(name: str) -> object:
    # The fleet API loads on first use: its eight dataclasses cost 4 ms of import time, and
    # every command (``check`` runs on every commit) imports this package (STYLE 2.1).
    if name in _FLEET:
        from isorepeat import fleet

        return getattr(fleet, name)
    msg = f"module 'isorepeat' has no attribute {name!r}"
    raise AttributeError(msg)
