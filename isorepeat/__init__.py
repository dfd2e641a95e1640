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
    from isorepeat.export import Cron, NotExpressibleError, to_cron, to_rrule

    __version__: str

__all__ = [
    "__version__",
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
    # exporting to schedulers that take cron or RFC 5545
    "to_rrule",
    "to_cron",
    "Cron",
    "NotExpressibleError",
    # simulating
    "simulate",
    "Policy",
    "Run",
    "Skipped",
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
]


_EXPORTS = frozenset({"to_rrule", "to_cron", "Cron", "NotExpressibleError"})


def __getattr__(name: str) -> object:
    # __version__ on first use: importlib.metadata costs milliseconds of every command's start.
    if name == "__version__":
        from isorepeat._version import installed_version

        return installed_version()
    if name in _EXPORTS:  # the exporters on first use: no command needs them
        from isorepeat import export

        return getattr(export, name)
    msg = f"module 'isorepeat' has no attribute {name!r}"
    raise AttributeError(msg)
