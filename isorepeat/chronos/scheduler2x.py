"""Chronos 2.5.1's scheduler: a stream per job, a look-ahead horizon and a per-job epsilon.

Shaped after the three Scala functions it models (CHRONOS.md §3.2, tag 2.5.1): ``_tail`` is
``ScheduleStream.tail``, :func:`iterate_2x` is ``JobScheduler.scheduleStream`` over ``next`` (and
``removeOldSchedules``), :func:`register_2x` is ``JobUtils.makeScheduleStream`` then one pass.
HEAD (3.x) replaced all of this; its loop is in :mod:`isorepeat.chronos.scheduler`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Final, final

from isorepeat._types import Nanos
from isorepeat.chronos.arithmetic import CANNOT_HOLD, joda_fields, joda_plus
from isorepeat.chronos.dialect import parse_chronos, parse_joda_period
from isorepeat.chronos.printing import format_joda_period, format_joda_start
from isorepeat.chronos.skip import skip_forward
from isorepeat.duration import Duration
from isorepeat.schedule import Schedule
from isorepeat.units import NS_PER_MS
from isorepeat.zones import UTC_ZONE, Zone, instant_of

__all__ = ["Iteration", "Registration", "iterate_2x", "register_2x"]

_DEFAULT_EPSILON: Final = "PT60S"  # --task_epsilon 60 (2.5.1 SchedulerConfiguration.scala:100-102)
_DEFAULT_HORIZON: Final = "PT60S"  # --schedule_horizon 60 (2.5.1 SchedulerConfiguration.scala:29-31)
# One pass of Chronos visits every occurrence between the stream's start and now + horizon; a
# stale stream of seconds (what registration's skipForward exists to avoid) would take hours here.
_MAX_STEPS: Final = 100_000


@final
@dataclass(frozen=True, slots=True)
class Iteration:
    """One pass of Chronos 2.5.1's scheduler over a job's stream (``JobScheduler.iteration``).

    ``tasks_due`` are the occurrences handed to the delayed executor, each due at its own time;
    ``skipped`` the missed ones (a ``JobSkipped`` event each, counted against ``Rn``), both in
    the zone of the schedule text they were read from. ``stream_after`` is the schedule text the
    stream holds afterwards, the next occurrence not yet scheduled, and ``None`` when the stream
    has ended (``R0``), after which the job never runs again.
    """

    tasks_due: tuple[datetime, ...]
    skipped: tuple[datetime, ...]
    stream_after: str | None


@final
@dataclass(frozen=True, slots=True)
class Registration:
    """What Chronos 2.5.1 does when it registers or loads a job, then its first pass.

    ``stream_after_skip`` is the text ``makeScheduleStream`` starts the stream with: the schedule
    as written, or what ``skipForward`` made of a start older than epsilon. ``None`` means the
    job was dropped (more occurrences missed than it had left, issue #699): it never runs, and
    ``iteration`` is ``None`` too.
    """

    stream_after_skip: str | None
    iteration: Iteration | None


def iterate_2x(
    schedule_text: str,
    now: datetime,
    *,
    epsilon: Duration | str = _DEFAULT_EPSILON,
    horizon: Duration | str = _DEFAULT_HORIZON,
    tz: str | None = None,
    jvm_zone: str | None = None,
) -> Iteration:
    """One pass of Chronos 2.5.1's scheduler over the stream ``schedule_text`` at ``now``.

    ``JobScheduler.next`` (2.5.1 lines 505-571) reads the stream's first occurrence t and

    * ends the stream at ``R0``;
    * schedules a task when ``now - epsilon < t < now + horizon`` (both ends open), moves the
      stream on by one period (``ScheduleStream.tail``: the text re-parsed and re-written, so the
      steps are chained) and looks again: every occurrence inside the window gets a task;
    * waits, leaving the text untouched, when ``t >= now`` lies beyond the horizon;
    * otherwise skips t, which is missed (``t <= now - epsilon``), and moves on.

    ``epsilon`` is the job's field (a Joda period, default ``PT60S``), subtracted from Chronos's
    UTC clock; ``horizon`` is ``--schedule_horizon`` (default 60 s). ``tz`` is the job's
    ``scheduleTimeZone`` and ``jvm_zone`` the JVM default zone; an empty start is ``now``. A
    pass does not skip a stale start forward: :func:`register_2x` does that first.

    >>> from datetime import datetime, timezone
    >>> from isorepeat.chronos import iterate_2x
    >>> now = datetime(2012, 1, 1, 0, 1, 1, tzinfo=timezone.utc)
    >>> it = iterate_2x("R10/2012-01-01T00:00:00Z/PT1M", now, epsilon="PT20S", horizon="PT2M")
    >>> [t.strftime("%H:%M") for t in it.tasks_due], [t.strftime("%H:%M") for t in it.skipped]
    (['00:01', '00:02', '00:03'], ['00:00'])
    >>> it.stream_after
    'R6/2012-01-01T00:04:00.000Z/PT1M'

    :raises ScheduleError: for a text Chronos 2.5.1 cannot parse (it drops the stream
        silently), an ``epsilon`` or ``horizon`` that is not a period.
    :raises ValueError: for a pass that never ends in Chronos (an endless stream whose zero or
        backward period keeps it before now + horizon), one that visits more than 100,000
        occurrences, and a time outside the years 0001-9999.
    :raises TypeError: for a naive ``now``.
    """
    now_ns = _clock(now)
    window_begin = _shifted(now_ns, _period(epsilon), -1, "now - epsilon")
    window_end = _shifted(now_ns, _period(horizon), 1, "now + horizon")
    tasks: list[datetime] = []
    skipped: list[datetime] = []
    text = schedule_text
    revisits: set[Nanos] = set()
    for _ in range(_MAX_STEPS):
        schedule = parse_chronos(text, tz=tz, jvm_zone=jvm_zone, now=now, version="2")
        if schedule.repetitions == 0:
            # "Finished all recurrences"; removeOldSchedules would drop it anyway (tail is None).
            return Iteration(tuple(tasks), tuple(skipped), None)
        zone, start = _zone_and_start(schedule)
        if window_begin < start < window_end:
            tasks.append(zone.to_datetime(start))
        elif start >= now_ns:
            return Iteration(tuple(tasks), tuple(skipped), text)
        else:
            skipped.append(zone.to_datetime(start))
        text, following = _tail(schedule, zone, start)
        if (
            schedule.repetitions is None
            and following <= start
            and _never_leaves(schedule, following, revisits)
        ):
            msg = (
                f"Chronos 2.5.1 never finishes this pass: {format_joda_period(schedule.period)} "
                "does not move the stream past now + horizon"
            )
            raise ValueError(msg)
    msg = (
        f"Chronos 2.5.1 visits more than {_MAX_STEPS:,} occurrences in this pass; isorepeat stops "
        "here (register_2x first skips a start older than epsilon forward, as Chronos does)"
    )
    raise ValueError(msg)


def register_2x(
    schedule_text: str,
    now: datetime,
    *,
    epsilon: Duration | str = _DEFAULT_EPSILON,
    horizon: Duration | str = _DEFAULT_HORIZON,
    tz: str | None = None,
    jvm_zone: str | None = None,
) -> Registration:
    """Chronos 2.5.1 registering (or loading) a job at ``now``, then its first pass.

    ``JobUtils.makeScheduleStream`` (2.5.1 lines 105-116): when ``start + epsilon`` is before
    now (added in the start's zone), ``skipForward`` of 2.5.1 (:func:`skip_forward` with
    ``version="2"``) moves the start, else the text is kept as written; then
    :func:`iterate_2x`. So a day-long period runs a start up to epsilon late (the division lands
    on the last occurrence at or before now), while a month period loses it (the chained count
    stops at the first occurrence at or after now), and an overdue finite job with fewer
    repetitions left than missed occurrences is dropped for good (#699).

    >>> from datetime import datetime, timezone
    >>> from isorepeat.chronos import register_2x
    >>> late = datetime(2012, 3, 1, 0, 0, 30, tzinfo=timezone.utc)
    >>> daily = register_2x("R/2012-01-01T00:00:00Z/P1D", late)
    >>> daily.stream_after_skip, [str(t) for t in daily.iteration.tasks_due]
    ('R/2012-03-01T00:00:00.000Z/P1D', ['2012-03-01 00:00:00+00:00'])
    >>> monthly = register_2x("R/2012-01-01T00:00:00Z/P1M", late)
    >>> monthly.stream_after_skip, monthly.iteration.tasks_due
    ('R/2012-04-01T00:00:00.000Z/P1M', ())
    >>> register_2x("R2/2012-02-29T23:55:00Z/PT1M", late)
    Registration(stream_after_skip=None, iteration=None)

    :raises ChronosFailure: where 2.5.1's ``skipForward`` throws; a years-only period such as
        ``P1Y`` with a start older than epsilon stops Chronos from starting (#869, #870).
    :raises ScheduleError: for a text Chronos 2.5.1 cannot parse (it drops the job).
    :raises ValueError: as :func:`iterate_2x` and :func:`skip_forward` raise it.
    :raises TypeError: for a naive ``now``.
    """
    now_ns = _clock(now)
    epsilon = _period(epsilon)
    schedule = parse_chronos(schedule_text, tz=tz, jvm_zone=jvm_zone, now=now, version="2")
    zone, start = _zone_and_start(schedule)
    stream: str | None = schedule_text
    if _shifted(start, epsilon, 1, "start + epsilon", zone) < now_ns:
        stream = skip_forward(schedule_text, now, "2", tz=tz, jvm_zone=jvm_zone)
    if stream is None:
        return Registration(None, None)
    iteration = iterate_2x(stream, now, epsilon=epsilon, horizon=horizon, tz=tz, jvm_zone=jvm_zone)
    return Registration(stream, iteration)


def _tail(schedule: Schedule, zone: Zone, start: Nanos) -> tuple[str, Nanos]:
    """``ScheduleStream.tail`` for a count that is not 0: ``R(n-1)`` (or ``R``) from start + P."""
    following = joda_plus(zone, start, schedule.period)
    if following is None:
        msg = f"the stream's next start is outside the years 0001-9999: {CANNOT_HOLD}"
        raise ValueError(msg)
    count = "R" if schedule.repetitions is None else f"R{schedule.repetitions - 1}"
    text = f"{count}/{format_joda_start(zone, following)}/{format_joda_period(schedule.period)}"
    return text, following


def _never_leaves(schedule: Schedule, following: Nanos, revisits: set[Nanos]) -> bool:
    """Whether an endless stream whose step did not move forward keeps failing to.

    It then stays before now + horizon, so each pass takes another step. A period with no
    positive field never moves forward again; a mixed one (``P1M-30D``) that comes back to the
    same such target is in a cycle, because the step is deterministic.
    """
    if not any(value > 0 for value in joda_fields(schedule.period)):
        return True
    if following in revisits:
        return True
    revisits.add(following)
    return False


def _zone_and_start(schedule: Schedule) -> tuple[Zone, Nanos]:
    zone, start = schedule.zone, schedule.start_ns
    assert zone is not None  # the chronos dialect always has a start
    assert start is not None
    return zone, start


def _clock(now: datetime) -> Nanos:
    """Chronos's clock, ``DateTime.now(DateTimeZone.UTC)``: milliseconds."""
    instant = instant_of(now, "now")
    return instant - instant % NS_PER_MS


def _period(value: Duration | str) -> Duration:
    """A Joda period: the Duration as given, or a text read as ``Period.parse`` reads it."""
    return value if isinstance(value, Duration) else parse_joda_period(value)


def _shifted(instant: Nanos, period: Duration, factor: int, what: str, zone: Zone = UTC_ZONE) -> Nanos:
    """``plus(period)`` (factor 1) or ``minus(period)`` (factor -1) in ``zone``."""
    result = joda_plus(zone, instant, period, factor)
    if result is None:
        msg = f"{what} is outside the years 0001-9999: {CANNOT_HOLD}"
        raise ValueError(msg)
    return result
