"""Chronos compatibility: what the Chronos server does with a schedule, quirks included (S34-S36).

Parse with ``isorepeat.parse(text, dialect="chronos", tz=..., jvm_zone=..., now=...)``; this
package adds what only Chronos has: the text it stores (:func:`create`) and its ``skipForward``.

>>> import isorepeat
>>> s = isorepeat.parse("R/2012-01-31T00:00:00Z/P1M", dialect="chronos")
>>> [str(t.date()) for t in s.occurrences(mode="chained")][:3]
['2012-01-31', '2012-02-29', '2012-03-29']
>>> s = isorepeat.parse("R/2008-03-01T13:00:00Z/P1D", dialect="chronos", tz="BST")
>>> str(s.start), s.notes[0].code
('2008-03-01 13:00:00+06:00', 'IR203')
"""

from __future__ import annotations

from datetime import datetime

from isorepeat.chronos.check import check_jobs, check_schedule
from isorepeat.chronos.compare import Comparison, Difference, compare
from isorepeat.chronos.diagnostics import Diagnostic, Severity
from isorepeat.chronos.jobs import Source
from isorepeat.chronos.scheduler import HeadSimulation, Launch, PostResponse, is_due, post_head, simulate_head
from isorepeat.chronos.scheduler2x import Iteration, Registration, iterate_2x, register_2x
from isorepeat.chronos.skip import ChronosFailure, skip_forward
from isorepeat.duration import Duration
from isorepeat.schedule import format_joda_period, format_joda_start, instant_of
from isorepeat.zones import UTC_ZONE, FixedZone

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
    "check_schedule",
    "Diagnostic",
    "Severity",
    "Source",
    # comparing with iso
    "compare",
    "Comparison",
    "Difference",
]


def create(repetitions: int | None, start: datetime, period: Duration) -> str:
    """The schedule text Chronos stores (``Iso8601Expressions.create``, S21).

    ``repetitions`` ``None`` (or -1, as Chronos keeps it) prints ``R/``; the start prints to the
    millisecond in its own UTC offset.

    >>> from datetime import datetime, timedelta, timezone
    >>> from isorepeat import Duration
    >>> from isorepeat.chronos import create
    >>> start = datetime(2012, 10, 1, 5, 52, tzinfo=timezone(timedelta(hours=-7)))
    >>> create(10, start, Duration.parse("PT1.5S"))
    'R10/2012-10-01T05:52:00.000-07:00/PT1.500S'
    """
    instant = instant_of(start, "start")
    offset = start.utcoffset()
    assert offset is not None  # instant_of checked it
    seconds = offset.days * 86_400 + offset.seconds
    zone = FixedZone(seconds) if seconds else UTC_ZONE
    count = "R" if repetitions is None or repetitions == -1 else f"R{repetitions}"
    return f"{count}/{format_joda_start(zone, instant)}/{format_joda_period(period)}"
