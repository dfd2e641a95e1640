"""Chronos compatibility: what the Chronos server does with a schedule, quirks included (S34-S36).

Parse with ``isorepeat.parse(text, dialect="chronos", tz=..., jvm_zone=..., now=...)``; this
package adds what only Chronos has: the text it stores (:func:`create`), its ``skipForward``, its
schedulers, job files (:func:`check_jobs`) and fleets of jobs (:func:`simulate_fleet`).

>>> import isorepeat
>>> s = isorepeat.parse("R/2012-01-31T00:00:00Z/P1M", dialect="chronos")
>>> [str(t.date()) for t in s.occurrences(mode="chained")][:3]
['2012-01-31', '2012-02-29', '2012-03-29']
>>> s = isorepeat.parse("R/2008-03-01T13:00:00Z/P1D", dialect="chronos", tz="BST")
>>> str(s.start), s.notes[0].code
('2008-03-01 13:00:00+06:00', 'IR203')
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Final

from isorepeat.chronos.check import CheckReport, check_jobs, check_report, check_schedule
from isorepeat.chronos.diagnostics import Diagnostic, Severity
from isorepeat.chronos.jobs import Source
from isorepeat.chronos.printing import create

if TYPE_CHECKING:
    from isorepeat.chronos.comparison import Comparison, Difference, compare
    from isorepeat.chronos.fleet import (
        Fleet,
        FleetEvent,
        FleetJob,
        FleetResult,
        JobKind,
        JobSummary,
        Peak,
        SortKey,
        Span,
        fleet_events,
        load_fleet,
        simulate_fleet,
    )
    from isorepeat.chronos.scheduler import (
        HeadSimulation,
        Launch,
        PostResponse,
        is_due,
        post_head,
        simulate_head,
    )
    from isorepeat.chronos.scheduler2x import Iteration, Registration, iterate_2x, register_2x
    from isorepeat.chronos.skip import ChronosFailure, skip_forward

__all__ = [
    # what Chronos does
    "create",
    "is_due",
    "skip_forward",
    "ChronosFailure",
    # the two schedulers: 2.5.1's stream with epsilon and horizon, HEAD's loop and API
    "iterate_2x",
    "register_2x",
    "Iteration",
    "Registration",
    "simulate_head",
    "HeadSimulation",
    "Launch",
    "post_head",
    "PostResponse",
    # checking job files
    "check_jobs",
    "check_report",
    "CheckReport",
    "check_schedule",
    "Diagnostic",
    "Severity",
    "Source",
    # comparing with iso
    "compare",
    "Comparison",
    "Difference",
    # simulating a fleet of jobs
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
    "SortKey",
    "JobKind",
]

# Loaded on first use: what ``isorepeat check`` (run on every commit) does not need. The fleet,
# the comparison with iso and the two schedulers hold 16 dataclasses, about 12 ms of import time
# (STYLE 2.1); the names stay in __all__ and resolve as if imported here.
_LAZY: Final = {
    **dict.fromkeys(
        ("simulate_fleet", "fleet_events", "load_fleet", "Fleet", "FleetJob", "FleetResult", "FleetEvent",
         "JobSummary", "Peak", "Span", "SortKey", "JobKind"),
        "isorepeat.chronos.fleet",
    ),
    **dict.fromkeys(("compare", "Comparison", "Difference"), "isorepeat.chronos.comparison"),
    **dict.fromkeys(
        ("is_due", "post_head", "simulate_head", "HeadSimulation", "Launch", "PostResponse"),
        "isorepeat.chronos.scheduler",
    ),
    **dict.fromkeys(
        ("iterate_2x", "register_2x", "Iteration", "Registration"), "isorepeat.chronos.scheduler2x"
    ),
    **dict.fromkeys(("skip_forward", "ChronosFailure"), "isorepeat.chronos.skip"),
}  # fmt: skip


def __getattr__(name: str) -> object:
    module = _LAZY.get(name)
    if module is not None:
        return getattr(importlib.import_module(module), name)
    msg = f"module 'isorepeat.chronos' has no attribute {name!r}"
    raise AttributeError(msg)
