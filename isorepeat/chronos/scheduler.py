"""Chronos HEAD (3.x): when the main loop runs a job, what each launch stores, what the API takes.

HEAD keeps no stream: every loop pass re-reads the stored schedule text, runs the job when its
start is before now (:func:`is_due`) and, at the launch, stores what ``skipForward`` makes of it
(CHRONOS.md §3.3). :func:`simulate_head` chains the two; :func:`post_head` is the POST that
stores the text in the first place (§6). The 2.5.1 scheduler is in ``scheduler2x``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Final, final

from isorepeat.chronos.dialect import parse_chronos
from isorepeat.chronos.printing import format_joda_start
from isorepeat.chronos.skip import skip_forward
from isorepeat.errors import ScheduleError, UnrepresentableError
from isorepeat.schedule import Schedule
from isorepeat.units import NS_PER_MS, NS_PER_SECOND
from isorepeat.zones import UTC_ZONE, instant_of

__all__ = ["HeadSimulation", "Launch", "PostResponse", "is_due", "post_head", "simulate_head"]

_NEXT_PASS: Final = timedelta(milliseconds=1)  # the loop wakes when a launch notifies it
# Iso8601JobResource.post (HEAD): a start before this instant is refused (PR #791).
_EARLIEST_START_NS: Final = 1 * NS_PER_SECOND
# The Gregorian calendar repeats every 400 years, weekdays included: a start in a year datetime
# cannot hold is read 400 x k years nearer, where its zone's offsets are those of its own year
# (local mean time before 1800, the last rules after 9000).
_CYCLE_YEARS: Final = 400
_LAST_CYCLE_START: Final = 10_000 - _CYCLE_YEARS
_LEADING_YEAR: Final = re.compile(r"(R[0-9]*/)([+-]?)([0-9]+)(.*)", re.DOTALL)


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


# -- the main loop -------------------------------------------------------------------------------


@final
@dataclass(frozen=True, slots=True)
class Launch:
    """One launch of a job by Chronos HEAD: when (UTC, Chronos's clock) and what it then stores."""

    run_at: datetime
    schedule_after_launch: str


@final
@dataclass(frozen=True, slots=True)
class HeadSimulation:
    """The launches :func:`simulate_head` saw, in order.

    ``exhausted`` is true when the stored schedule ends at ``R0``: the loop never launches the
    job again, and Chronos disables it when the last task finishes (``JobScheduler.scala:249-273``).
    """

    launches: tuple[Launch, ...]
    exhausted: bool


def simulate_head(
    schedule_text: str,
    now: datetime,
    *,
    launches: int,
    launch_delay_ms: int,
    tz: str | None = None,
    jvm_zone: str | None = None,
) -> HeadSimulation:
    """Chronos HEAD's main loop over one job from ``now``, for at most ``launches`` launches.

    Each pass re-reads the stored text (an empty start is the pass's clock minus 1 s). A job
    that is due (:func:`is_due`: ``start < now``) launches at once; otherwise the loop sleeps
    until its start and Mesos launches it ``launch_delay_ms`` later. At the launch
    ``skipForward`` (:func:`skip_forward`, ``version="3"``, at the launch time) rewrites the
    schedule: one repetition fewer, the start moved past the launch, or not far enough (a
    23-hour day, a month shorter than the one that starts at now), which makes the next pass,
    1 ms after the launch, run it again. The job never fails, retries or overlaps itself here.
    ``tz`` is ``scheduleTimeZone``, ``jvm_zone`` the JVM default zone.

    >>> from datetime import datetime, timezone
    >>> from isorepeat.chronos import simulate_head
    >>> now = datetime(2012, 1, 5, 0, 10, tzinfo=timezone.utc)
    >>> sim = simulate_head("R3/2012-01-01T00:00:00Z/P1D", now, launches=5, launch_delay_ms=5)
    >>> for launch in sim.launches:
    ...     print(launch.run_at.isoformat(timespec="milliseconds"), launch.schedule_after_launch)
    2012-01-05T00:10:00.000+00:00 R2/2012-01-06T00:00:00.000Z/P1D
    2012-01-06T00:00:00.005+00:00 R1/2012-01-07T00:00:00.000Z/P1D
    2012-01-07T00:00:00.005+00:00 R0/2012-01-08T00:00:00.000Z/P1D
    >>> sim.exhausted
    True

    :raises ChronosFailure: where ``skipForward`` throws at a launch (``PT0.5S`` divides by zero).
    :raises ScheduleError: for a text Chronos cannot parse (its loop skips such a job).
    :raises ValueError: for ``launches < 0`` or ``launch_delay_ms < 1`` (a launch comes after
        the start: ``getJobsToRun`` wants ``start < now``), or a start outside 0001-9999.
    :raises TypeError: for a naive ``now``.
    """
    if launches < 0:
        msg = f"launches must be 0 or more, not {launches}"
        raise ValueError(msg)
    if launch_delay_ms < 1:
        msg = (
            f"launch_delay_ms must be at least 1, not {launch_delay_ms}: Chronos launches a job "
            "only once its start is before now"
        )
        raise ValueError(msg)
    delay = timedelta(milliseconds=launch_delay_ms)
    clock = _utc_ms(now)
    text = schedule_text
    done: list[Launch] = []
    while True:
        schedule = parse_chronos(text, tz=tz, jvm_zone=jvm_zone, now=clock)
        if schedule.repetitions == 0:
            return HeadSimulation(tuple(done), exhausted=True)
        if len(done) == launches:
            return HeadSimulation(tuple(done), exhausted=False)
        if is_due(schedule, clock):
            run_at = clock
        else:
            assert schedule.start is not None  # the chronos dialect always has a start
            run_at = _utc_ms(schedule.start) + delay
        text = _stored_after_launch(text, run_at, tz, jvm_zone)
        done.append(Launch(run_at, text))
        clock = run_at + _NEXT_PASS


def _stored_after_launch(text: str, run_at: datetime, tz: str | None, jvm_zone: str | None) -> str:
    """``handleLaunchedTask`` → ``getNewRunningJob``: skipForward at the launch, persisted."""
    stored = skip_forward(text, run_at, "3", tz=tz, jvm_zone=jvm_zone)
    assert stored is not None  # only 2.5.1 drops a job
    return stored


def _utc_ms(moment: datetime) -> datetime:
    """Chronos's clock reading of ``moment``: UTC, whole milliseconds."""
    instant = instant_of(moment, "now")
    return UTC_ZONE.to_datetime(instant - instant % NS_PER_MS)


# -- the API -------------------------------------------------------------------------------------


@final
@dataclass(frozen=True, slots=True)
class PostResponse:
    """Chronos HEAD's answer to a POST: the HTTP status, and the message of a 400 body.

    >>> from isorepeat.chronos import PostResponse
    >>> PostResponse(400, "Cannot parse schedule 'x' (wtf bro)").body
    {'status': 'Bad Request', 'message': "Cannot parse schedule 'x' (wtf bro)"}
    >>> PostResponse(204).body is None
    True
    """

    http_status: int
    message: str | None = None

    @property
    def body(self) -> dict[str, str] | None:
        """The JSON body, ``ApiResult(message)``: a new dict each time; ``None`` for 204."""
        if self.message is None:
            return None
        return {"status": "Bad Request", "message": self.message}


def post_head(
    schedule_text: str,
    *,
    tz: str | None = None,
    jvm_zone: str | None = None,
    now: datetime | None = None,
) -> PostResponse:
    """What Chronos HEAD answers to ``POST /v1/scheduler/iso8601`` of a new job with this schedule.

    ``Iso8601JobResource.post`` (lines 31-133) checks ``canParse`` (400, ``Cannot parse
    schedule '<s>' (wtf bro)``), then refuses a start before 1970-01-01T00:00:01Z (400,
    ``Scheduled start date '<start>' is before 1970!``, the start as Joda prints it in its zone),
    else stores the job (204). Nothing else about the schedule is checked: unknown zones
    (silently UTC), zero, negative and sub-second periods, huge counts all pass. ``tz`` is
    ``scheduleTimeZone``, ``jvm_zone`` the JVM default zone, ``now`` the clock of an empty start.
    The job's other fields (a name that is not ``[\\w.-]+``, both ``uris`` and ``fetch``) are
    not modelled.

    >>> from isorepeat.chronos import post_head
    >>> post_head("R/2008-03-01T13:00:00Z/P1D")
    PostResponse(http_status=204, message=None)
    >>> post_head("R/2008-03-01T13:00:00Z/P1D/x").message
    "Cannot parse schedule 'R/2008-03-01T13:00:00Z/P1D/x' (wtf bro)"
    >>> post_head("R/1969-12-31T16:00:00Z/P1D", tz="America/Los_Angeles").message
    "Scheduled start date '1969-12-31T16:00:00.000-08:00' is before 1970!"

    :raises ScheduleError: for a start Chronos accepts that isorepeat cannot read at all (an
        offset with a fraction of a second).
    """
    cycles = 0
    try:
        schedule = parse_chronos(schedule_text, tz=tz, jvm_zone=jvm_zone, now=now)
    except ScheduleError as error:
        nearer = (
            _read_nearer(schedule_text, error, tz, jvm_zone, now)
            if isinstance(error, UnrepresentableError)
            else None
        )
        if nearer is None:
            return PostResponse(400, f"Cannot parse schedule '{schedule_text}' (wtf bro)")
        schedule, cycles = nearer
    zone, start = schedule.zone, schedule.start_ns
    assert zone is not None  # the chronos dialect always has a start
    assert start is not None
    if cycles < 0 or (cycles == 0 and start >= _EARLIEST_START_NS):
        return PostResponse(204)
    printed = format_joda_start(zone, start)
    if cycles:
        year = int(printed[:4]) - cycles * _CYCLE_YEARS
        printed = (f"-{-year:04d}" if year < 0 else f"{year:04d}") + printed[4:]  # appendYear(4, 9)
    return PostResponse(400, f"Scheduled start date '{printed}' is before 1970!")


def _read_nearer(
    text: str, error: ScheduleError, tz: str | None, jvm_zone: str | None, now: datetime | None
) -> tuple[Schedule, int] | None:
    """A start in a year datetime cannot hold, read ``cycles`` x 400 years nearer: (the schedule,
    cycles), ``None`` where Chronos rejects the text all the same (``2011-02-29`` is no date).

    :raises ScheduleError: ``error`` again when the year is not what datetime cannot hold.
    """
    match = _LEADING_YEAR.fullmatch(text)
    if match is None:
        raise error
    head, sign, digits, tail = match.groups()
    year = -int(digits) if sign == "-" else int(digits)
    if year <= _CYCLE_YEARS:  # into 0401-0800: before the first transition of every zone
        cycles = (_CYCLE_YEARS + 1 - year + _CYCLE_YEARS - 1) // _CYCLE_YEARS
    elif year >= _LAST_CYCLE_START:  # into 9200-9599: the same recurring rules
        cycles = -((year - _LAST_CYCLE_START) // _CYCLE_YEARS + 1)
    else:
        raise error  # what datetime cannot hold is not the year (an offset of 5:30:15.5)
    nearer = f"{head}{year + cycles * _CYCLE_YEARS:04d}{tail}"
    try:
        return parse_chronos(nearer, tz=tz, jvm_zone=jvm_zone, now=now), cycles
    except ScheduleError as again:
        if isinstance(again, UnrepresentableError):
            raise error from None
        return None
