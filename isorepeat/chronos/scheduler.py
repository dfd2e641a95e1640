"""What the Chronos 3.x scheduler loop decides about a job (CHRONOS.md §3.3).

The simulation issue grows this module into models of both schedulers; here is the one
decision a single schedule answers on its own.
"""

from __future__ import annotations

from datetime import datetime

from isorepeat.schedule import Schedule, instant_of

__all__ = ["is_due"]


def is_due(schedule: Schedule, now: datetime, *, disabled: bool = False) -> bool:
    """Whether Chronos HEAD's ``getJobsToRun`` enqueues the job at ``now``.

    That is ``!disabled && repeat != 0 && start.isBefore(now)`` (``JobScheduler.scala:644-655``):
    an ``R0`` job is never due, and a job whose start is exactly ``now`` is not due yet.

    >>> import isorepeat
    >>> from isorepeat.chronos import is_due
    >>> from datetime import datetime, timezone
    >>> now = datetime(2020, 6, 15, 12, 0, tzinfo=timezone.utc)
    >>> is_due(isorepeat.parse("R5/2012-01-01T00:00:00Z/P1D", dialect="chronos"), now)
    True
    >>> is_due(isorepeat.parse("R0/2020-06-15T11:00:00Z/P1D", dialect="chronos"), now)
    False
    """
    if schedule.dialect != "chronos":
        msg = "is_due models the Chronos server: parse the schedule with dialect='chronos'"
        raise ValueError(msg)
    start = schedule.start
    assert start is not None  # the chronos dialect always has a start (now - 1 s when empty)
    # Joda compares milliseconds; chronos starts are whole milliseconds already.
    return not disabled and schedule.repetitions != 0 and instant_of(start, "start") < instant_of(now, "now")
