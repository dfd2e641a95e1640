"""A fleet of Chronos jobs simulated together: scheduled jobs, dependent jobs, one summary (S37-S39).

Shaped like this for volume: 10,000 jobs over a week can be 10 million runs. Both results come
from one pipeline, each job's events (:mod:`._fleet_plan`): :func:`simulate_fleet` counts them
as they come and keeps no event (:mod:`._fleet_summary`), only the runs of parent jobs, for their
dependents; :func:`fleet_events` merges them into one lazy timeline.
"""

from __future__ import annotations

import dataclasses
import heapq
import os
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from itertools import repeat
from typing import TYPE_CHECKING, Final, Literal, TypeAlias, final

from isorepeat.chronos._fleet_plan import (
    EPOCH,
    Micros,
    Plan,
    Setting,
    checked_setting,
    job_events,
    own_epsilon,
    run_micros,
)
from isorepeat.chronos._fleet_summary import count_fleet, longest_gap, peaks, ranked_jobs
from isorepeat.chronos.check import load_checked
from isorepeat.chronos.dialect import parse_joda_period
from isorepeat.duration import Duration
from isorepeat.errors import ScheduleError
from isorepeat.simulate import Policy, Run, Skipped

if TYPE_CHECKING:
    from isorepeat.chronos.check import CheckInput
    from isorepeat.chronos.diagnostics import Diagnostic
    from isorepeat.chronos.jobs import Job

__all__ = [
    "Fleet",
    "FleetEvent",
    "FleetJob",
    "FleetResult",
    "Span",
    "JobKind",
    "JobSummary",
    "Peak",
    "SortKey",
    "fleet_events",
    "load_fleet",
    "simulate_fleet",
]

JobKind: TypeAlias = Literal["scheduled", "dependent", "unscheduled"]
"""How Chronos starts a job: by its ``schedule``; after its ``parents`` (which win when a job
has both, CHRONOS.md §6); or neither (Chronos runs such a job once, when it is posted)."""

SortKey: TypeAlias = Literal["runs", "skips", "name"]
"""How :meth:`FleetResult.top` ranks jobs: most runs first, most skips first, or by name."""

Progress: TypeAlias = Callable[[int, int], None]
"""Called with (jobs simulated so far, jobs in all) while :func:`simulate_fleet` works."""

_UTC: Final = timezone.utc


# -- the fleet ------------------------------------------------------------------------------------


@final
@dataclass(frozen=True, slots=True)
class FleetJob:
    """A job as the simulation needs it: the fields of its job document that decide when it runs.

    ``name`` is the job's ``name``, or ``path:line`` for a schedule line of a text file.
    ``epsilon`` is the job's own window (Chronos 2.x's per-job field), ``None`` when it has none.
    """

    name: str
    path: str
    schedule: str | None = None
    schedule_time_zone: str | None = None
    epsilon: Duration | None = None
    parents: tuple[str, ...] = ()
    disabled: bool = False

    @property
    def kind(self) -> JobKind:
        """``"dependent"`` when it has parents (Chronos then ignores its schedule), else
        ``"scheduled"`` when it has a schedule, else ``"unscheduled"``."""
        if self.parents:
            return "dependent"
        return "scheduled" if self.schedule is not None else "unscheduled"


@final
@dataclass(frozen=True, slots=True)
class Fleet:
    """Job files, checked and loaded: what :func:`simulate_fleet` runs.

    ``errors`` are the error diagnostics of ``check`` (warnings are ``check``'s business).
    ``refused`` is true when there are errors and they were not to be skipped: then ``jobs`` is
    empty, as a compiler builds nothing from a program with errors. With ``skip_invalid``, the
    files with errors are left out and the others are loaded.
    """

    jobs: tuple[FleetJob, ...]
    errors: tuple[Diagnostic, ...] = ()
    refused: bool = False
    jvm_zone: str | None = None

    def __post_init__(self) -> None:
        names = Counter(job.name for job in self.jobs)
        twice = [name for name, count in names.items() if count > 1]
        if twice:  # load_fleet refuses them (IR103); a fleet built by hand may not
            msg = f"two jobs are named {twice[0]!r}: a job's name identifies it (and its parents)"
            raise ValueError(msg)

    @property
    def invalid_files(self) -> tuple[str, ...]:
        """The paths of the files with an error, in order."""
        return tuple(sorted({d.path for d in self.errors}))


def load_fleet(
    inputs: Iterable[CheckInput], /, *, jvm_zone: str | None = None, skip_invalid: bool = False
) -> Fleet:
    """Read and check job files (as :func:`isorepeat.chronos.check_jobs` does) into a :class:`Fleet`.

    ``inputs`` are what ``check_jobs`` takes: paths of job files and directories, ``Source``
    texts, job objects. The set is checked as complete: a parent that is none of the jobs is an
    error (IR104), since its dependents could never run. A file with any error-severity
    diagnostic refuses the whole fleet, unless ``skip_invalid``: then only that file is left out.

    >>> from isorepeat.chronos import Source, load_fleet
    >>> good = Source("a.json", '{"name": "a", "schedule": "R/2026-03-01T00:00:00Z/PT1H"}')
    >>> bad = Source("b.json", '{"name": "b", "schedule": "R/2026-13-01T00:00:00Z/PT1H"}')
    >>> fleet = load_fleet([good, bad])
    >>> fleet.refused, fleet.jobs, [d.code for d in fleet.errors]
    (True, (), ['IR100'])
    >>> [job.name for job in load_fleet([good, bad], skip_invalid=True).jobs]
    ['a']

    :raises OSError: for a path that cannot be read.
    """
    # The jobs as check reads them: one reading of each file, for the diagnostics and the fleet.
    jobs, diagnostics = load_checked(inputs, jvm_zone=jvm_zone, complete=True)
    errors = tuple(d for d in diagnostics if d.severity == "error")
    if errors and not skip_invalid:
        return Fleet((), errors, refused=True, jvm_zone=jvm_zone)
    invalid = {d.path for d in errors}
    kept = tuple(_fleet_job(job) for job in jobs if job.source.path not in invalid)
    return Fleet(kept, errors, refused=False, jvm_zone=jvm_zone)


def _fleet_job(job: Job) -> FleetJob:
    if job.name is not None:
        name = job.name
    else:  # a schedule line of a text file (a job object without a name is IR102)
        line, _ = job.source.position(job.node.start)
        name = f"{job.source.path}:{line}"
    disabled = job.node.get("disabled")
    return FleetJob(
        name,
        job.source.path,
        job.schedule,
        job.schedule_time_zone or None,  # Chronos writes "" for no zone
        parse_joda_period(job.epsilon) if job.epsilon else None,  # IR106 has refused a bad one
        job.parents or (),
        disabled is not None and disabled.value is True,
    )


# -- results -------------------------------------------------------------------------------------


@final
@dataclass(frozen=True, slots=True)
class JobSummary:
    """What one job did in the window: its runs, and its skipped occurrences by reason (S38).

    ``late`` counts the runs that started after they were due (caught up after an outage).
    ``note`` says why a job has no runs: it was not simulated (disabled, no schedule, a period
    that does not move forward), or it is a dependent whose parents never let it run (a parent
    missing, disabled or never running itself, a dependency cycle, a parent that did not run in
    the window). ``epsilon`` is the job's own window where it replaced the policy's (S37; a
    scheduled job, simulated, under a policy with a window), else ``None``.
    """

    name: str
    path: str
    kind: JobKind
    runs: int
    missed: int = 0
    superseded: int = 0
    not_caught_up: int = 0
    note: str | None = None
    late: int = 0
    epsilon: Duration | None = None

    @property
    def skips(self) -> int:
        """The skipped occurrences, whatever the reason."""
        return self.missed + self.superseded + self.not_caught_up

    @property
    def affected(self) -> bool:
        """Whether the job skipped an occurrence, ran late, or is a dependent that did not run."""
        return self.skips > 0 or self.late > 0 or (self.kind == "dependent" and self.runs == 0)


@final
@dataclass(frozen=True, slots=True)
class Peak:
    """The busiest minute or hour: its start (UTC) and the runs that start in it."""

    start: datetime
    runs: int


@final
@dataclass(frozen=True, slots=True)
class Span:
    """An interval ``[start, end)`` in which no job starts (UTC)."""

    start: datetime
    end: datetime

    @property
    def length(self) -> timedelta:
        return self.end - self.start

    def overlaps(self, other: Span, /) -> bool:
        """Whether the two intervals share a moment (both half open: one that ends when the
        other starts does not, an empty one shares none). An outage that overlaps no window
        changes nothing in it.

        >>> from datetime import datetime, timezone
        >>> from isorepeat.chronos import Span
        >>> t = lambda hh: datetime(2026, 3, 1, hh, tzinfo=timezone.utc)
        >>> window = Span(t(6), t(12))
        >>> Span(t(11), t(13)).overlaps(window), Span(t(4), t(6)).overlaps(window)
        (True, False)
        """
        return max(self.start, other.start) < min(self.end, other.end)


@final
@dataclass(frozen=True, slots=True)
class FleetResult:
    """The summary of a fleet simulation over ``[start, end)``.

    ``jobs`` has one :class:`JobSummary` per job, in the fleet's order. ``busiest_minute`` and
    ``busiest_hour`` are UTC clock minutes and hours (the earliest of equals); ``longest_gap`` is
    the longest interval of ``[start, end)`` in which no job starts (the earliest of equals),
    ``None`` for an empty window. A run caught up after ``end`` (an outage that outlasts the
    window) counts as a run and in its minute, but not for the gap. ``refused`` and ``errors``
    are the fleet's: a refused fleet has no jobs and no figures.

    For a planner: :meth:`top` ranks the jobs, :meth:`affected` keeps those an outage or a
    parent touched, :attr:`own_epsilons` are the jobs whose own window replaced the policy's.

    >>> from datetime import datetime, timezone
    >>> from isorepeat.chronos import Source, simulate_fleet
    >>> jobs = [
    ...     Source("a.json", '{"name": "a", "schedule": "R/2026-03-01T00:00:00Z/PT10M"}'),
    ...     Source("b.json", '{"name": "b", "schedule": "R/2026-03-01T00:05:00Z/PT1H", "epsilon": "PT30M"}'),
    ...     Source("ab.json", '{"name": "ab", "parents": ["a", "b"]}'),
    ... ]
    >>> t = lambda hh, mm: datetime(2026, 3, 1, hh, mm, tzinfo=timezone.utc)
    >>> result = simulate_fleet(jobs, t(0, 0), t(1, 0), outages=[(t(0, 0), t(0, 15))])
    >>> [(job.name, job.runs, job.missed, job.late) for job in result.affected()]
    [('a', 4, 2, 0), ('b', 1, 0, 1)]
    >>> [(job.name, str(job.epsilon)) for job in result.own_epsilons]
    [('b', 'PT30M')]
    >>> [job.name for job in result.top(2, by="skips")]
    ['a', 'ab']
    """

    start: datetime
    end: datetime
    policy: Policy
    jobs: tuple[JobSummary, ...]
    busiest_minute: Peak | None = None
    busiest_hour: Peak | None = None
    longest_gap: Span | None = None
    errors: tuple[Diagnostic, ...] = ()
    refused: bool = False

    @property
    def runs(self) -> int:
        """The runs of every job."""
        return sum(job.runs for job in self.jobs)

    @property
    def skips(self) -> int:
        """The skipped occurrences of every job."""
        return sum(job.skips for job in self.jobs)

    @property
    def late(self) -> int:
        """The runs of every job that started after they were due."""
        return sum(job.late for job in self.jobs)

    @property
    def own_epsilons(self) -> tuple[JobSummary, ...]:
        """The jobs whose own ``epsilon`` replaced the policy's window, in the fleet's order
        (:attr:`JobSummary.epsilon`; none under a policy without a window, such as Chronos 3's)."""
        return tuple(job for job in self.jobs if job.epsilon is not None)

    def affected(self) -> tuple[JobSummary, ...]:
        """The jobs that skipped an occurrence, ran late, or are dependents that did not run
        (:attr:`JobSummary.affected`), in the fleet's order.

        >>> from datetime import datetime, timezone
        >>> from isorepeat import Policy
        >>> from isorepeat.chronos import FleetResult, JobSummary
        >>> t = datetime(2026, 3, 1, tzinfo=timezone.utc)
        >>> jobs = (
        ...     JobSummary("fine", "jobs.json", "scheduled", 6),
        ...     JobSummary("late", "jobs.json", "scheduled", 6, late=1),
        ...     JobSummary("child", "jobs.json", "dependent", 0, note="its parent 'off' is disabled"),
        ... )
        >>> [job.name for job in FleetResult(t, t, Policy.chronos2(), jobs).affected()]
        ['late', 'child']
        """
        return tuple(job for job in self.jobs if job.affected)

    def top(
        self, n: int | None = None, /, *, by: SortKey = "runs", only_affected: bool = False
    ) -> tuple[JobSummary, ...]:
        """The first ``n`` jobs (all of them with ``None``) ranked by ``by``: ``"runs"`` and
        ``"skips"`` the most first, ``"name"`` in name order; equals in name order.

        Name order is numeric-aware (``job-101`` before ``job-1000``: digits compare as numbers)
        and ignores case; names that differ only there (``job-007``, ``job-7``) come as written.
        ``only_affected`` ranks the :meth:`affected` jobs only.

        >>> from datetime import datetime, timezone
        >>> from isorepeat import Policy
        >>> from isorepeat.chronos import FleetResult, JobSummary
        >>> t = datetime(2026, 3, 1, tzinfo=timezone.utc)
        >>> runs = {"job-1000": 5, "job-101": 5, "job-2": 9, "Job-30": 1}
        >>> jobs = tuple(JobSummary(name, "jobs.json", "scheduled", n) for name, n in runs.items())
        >>> result = FleetResult(t, t, Policy.chronos2(), jobs)
        >>> [job.name for job in result.top(3)]
        ['job-2', 'job-101', 'job-1000']
        >>> [job.name for job in result.top(by="name")]
        ['job-2', 'Job-30', 'job-101', 'job-1000']

        :raises ValueError: for an ``n`` below 0 or a ``by`` that is not a :data:`SortKey`.
        """
        if n is not None and n < 0:
            msg = f"n must be 0 or more (or None: every job), not {n}"
            raise ValueError(msg)
        ranked = ranked_jobs(self.affected() if only_affected else self.jobs, by)
        return tuple(ranked if n is None else ranked[:n])


@final
@dataclass(frozen=True, slots=True)
class FleetEvent:
    """One event of the fleet's timeline: a job's :class:`~isorepeat.Run` or
    :class:`~isorepeat.Skipped`."""

    job: str
    event: Run | Skipped

    @property
    def moment(self) -> datetime:
        """When it happened: the start of a run, the due time of a skipped occurrence."""
        event = self.event
        return event.at if isinstance(event, Run) else event.due


# -- simulating ----------------------------------------------------------------------------------


def simulate_fleet(
    jobs: Fleet | Iterable[CheckInput],
    start: datetime,
    end: datetime,
    /,
    *,
    outages: Iterable[tuple[datetime, datetime]] = (),
    policy: Policy | None = None,
    jvm_zone: str | None = None,
    skip_invalid: bool = False,
    workers: int | None = 1,
    progress: Progress | None = None,
) -> FleetResult:
    """Simulate every job of a fleet over ``[start, end)``: runs and skips per job, the busiest
    minute and hour, and the longest gap.

    ``jobs`` is a :class:`Fleet`, or what :func:`load_fleet` reads (``jvm_zone`` and
    ``skip_invalid`` are passed to it). Each scheduled job goes through :func:`~isorepeat.simulate`,
    its schedule read in the chronos dialect with its ``scheduleTimeZone``, under ``policy``
    (default :meth:`Policy.chronos2`); a job's own ``epsilon`` replaces the policy's window
    whenever the policy has one, as in Chronos 2.x. An empty start (``R//PT1H``) is read as if
    the job were posted at ``start``: it is due at ``start``.

    A dependent job runs once per completed round of its parents: a round completes when every
    parent has run once since the dependent's last run (strictly later), and the dependent runs
    at that moment, the latest of those parent runs. Jobs take no time: a run starts and ends
    at once. A dependent of a dependent works the same way. A dependent's runs are in UTC.

    ``workers`` > 1 shares the scheduled jobs among that many processes, ``None`` among as many
    as there are processors available (for a fleet of a few hundred jobs or more; the result is
    the same). ``progress(done, total)`` is called as jobs
    are simulated, for a progress bar.

    >>> from datetime import datetime, timezone
    >>> from isorepeat.chronos import Source, simulate_fleet
    >>> jobs = [
    ...     Source("a.json", '{"name": "a", "schedule": "R/2026-03-01T00:00:00Z/PT20M"}'),
    ...     Source("b.json", '{"name": "b", "schedule": "R/2026-03-01T00:00:00Z/PT30M"}'),
    ...     Source("ab.json", '{"name": "ab", "parents": ["a", "b"]}'),
    ... ]
    >>> t = lambda hh, mm: datetime(2026, 3, 1, hh, mm, tzinfo=timezone.utc)
    >>> result = simulate_fleet(jobs, t(0, 0), t(1, 0))
    >>> [(job.name, job.runs) for job in result.jobs]
    [('a', 3), ('b', 2), ('ab', 2)]
    >>> result.busiest_minute
    Peak(start=datetime.datetime(2026, 3, 1, 0, 0, tzinfo=datetime.timezone.utc), runs=3)
    >>> gap = result.longest_gap
    >>> f"{gap.start:%H:%M}-{gap.end:%H:%M}"
    '00:00-00:20'

    :raises ValueError: for naive datetimes, ``end < start``, an outage that ends before it
        begins, ``workers`` < 1, or ``jvm_zone``/``skip_invalid`` with a :class:`Fleet` (they
        are for loading).
    :raises OSError: for a path that cannot be read.
    """
    if workers is not None and workers < 1:
        msg = f"workers must be 1 or more (or None: the processors available), not {workers}"
        raise ValueError(msg)
    policy = Policy.chronos2() if policy is None else policy
    setting = checked_setting(start, end, outages, policy, jvm_zone)
    fleet = _fleet(jobs, jvm_zone, skip_invalid)
    if fleet.refused:
        return FleetResult(start, end, policy, (), errors=fleet.errors, refused=True)
    plan = Plan(fleet.jobs)
    total = len(fleet.jobs)
    tell = None if progress is None else (lambda done: progress(done, total))
    setting = dataclasses.replace(setting, jvm_zone=fleet.jvm_zone)
    counted, counts = count_fleet(plan, setting, workers=workers, progress=tell)
    if progress is not None:
        progress(total, total)
    summaries = []
    for job in fleet.jobs:
        if job.name in counted:
            _, runs, missed, superseded, not_caught_up, late, note = counted[job.name]
            epsilon = None if note is not None else own_epsilon(job, policy)
            summaries.append(
                JobSummary(
                    job.name, job.path, job.kind, runs, missed, superseded, not_caught_up, note, late, epsilon
                )
            )
        else:  # a job the plan does not run
            summaries.append(JobSummary(job.name, job.path, job.kind, 0, note=plan.notes[job.name]))
    busiest = peaks(counts)
    gap = None
    if end > start:
        gap_start, gap_end = longest_gap(counts, start - EPOCH, end - EPOCH)
        gap = Span(EPOCH + gap_start, EPOCH + gap_end)
    return FleetResult(
        start,
        end,
        policy,
        tuple(summaries),
        None if busiest is None else Peak(EPOCH + busiest[0][0], busiest[0][1]),
        None if busiest is None else Peak(EPOCH + busiest[1][0], busiest[1][1]),
        gap,
        fleet.errors,
    )


def fleet_events(
    jobs: Fleet | Iterable[CheckInput],
    start: datetime,
    end: datetime,
    /,
    *,
    outages: Iterable[tuple[datetime, datetime]] = (),
    policy: Policy | None = None,
    jvm_zone: str | None = None,
    skip_invalid: bool = False,
) -> Iterator[FleetEvent]:
    """The fleet's timeline: every job's events, in time order (:attr:`FleetEvent.moment`).

    The same simulation as :func:`simulate_fleet`, event by event: the jobs' streams are merged
    lazily, so a long timeline can be written out as it comes. Events at the same moment come in
    the fleet's order of its scheduled jobs, then of its dependents (each after its parents), a
    job's own in its order.

    >>> from datetime import datetime, timezone
    >>> from isorepeat import Policy, Run
    >>> from isorepeat.chronos import Source, fleet_events
    >>> jobs = [
    ...     Source("a.json", '{"name": "a", "schedule": "R/2026-03-01T00:00:00Z/PT20M"}'),
    ...     Source("b.json", '{"name": "b", "schedule": "R/2026-03-01T00:10:00Z/PT30M", "epsilon": "PT1M"}'),
    ... ]
    >>> t = lambda hh, mm: datetime(2026, 3, 1, hh, mm, tzinfo=timezone.utc)
    >>> down = [(t(0, 35), t(0, 45))]
    >>> for e in fleet_events(jobs, t(0, 0), t(1, 0), outages=down, policy=Policy.chronos2("PT10M")):
    ...     what = f"ran, due {e.event.due:%H:%M}" if isinstance(e.event, Run) else e.event.reason
    ...     print(f"{e.moment:%H:%M} {e.job} {what}")
    00:00 a ran, due 00:00
    00:10 b ran, due 00:10
    00:20 a ran, due 00:20
    00:40 b missed
    00:45 a ran, due 00:40

    :raises ValueError: as :func:`simulate_fleet`, and for a refused fleet (files with errors).
    """
    policy = Policy.chronos2() if policy is None else policy
    setting = checked_setting(start, end, outages, policy, jvm_zone)
    fleet = _fleet(jobs, jvm_zone, skip_invalid)
    if fleet.refused:
        msg = f"the fleet was refused: {len(fleet.errors)} errors in {', '.join(fleet.invalid_files)}"
        raise ValueError(msg)
    setting = dataclasses.replace(setting, jvm_zone=fleet.jvm_zone)
    plan = Plan(fleet.jobs)
    # The parents' runs first, counted as the summary counts them (in UTC where it is faster);
    # then each job's events, in its own zone, merged lazily.
    runs_of: dict[str, Micros] = {}
    for job in plan.scheduled:
        if job.name in plan.parents:
            runs_of[job.name] = run_micros(_events(job, setting, runs_of, zoned=False))
    streams: list[Iterator[FleetEvent]] = [
        map(FleetEvent, repeat(job.name), _events(job, setting, runs_of, zoned=True))
        for job in plan.scheduled
    ]
    for job in plan.dependents:
        runs = [] if job.name in plan.notes else list(_events(job, setting, runs_of, zoned=True))
        runs_of[job.name] = run_micros(runs)  # for its own dependents
        streams.append(map(FleetEvent, repeat(job.name), runs))
    return heapq.merge(*streams, key=_moment_utc)


def _events(
    job: FleetJob, setting: Setting, runs_of: Mapping[str, Micros], *, zoned: bool
) -> Iterator[Run | Skipped]:
    """A job's events for the timeline: none for a job that cannot be simulated, and none after a
    chained walk gives up (the summary says why)."""
    events = job_events(job, setting, runs_of, zoned=zoned)
    if isinstance(events, str):
        return
    try:
        yield from events
    except ScheduleError:
        return


def _moment_utc(event: FleetEvent) -> datetime:
    # Two datetimes with one ZoneInfo compare as wall times, fold ignored: compare in UTC.
    moment = event.moment
    return moment if moment.tzinfo is _UTC else moment.astimezone(_UTC)


def _fleet(jobs: Fleet | Iterable[CheckInput], jvm_zone: str | None, skip_invalid: bool) -> Fleet:
    if isinstance(jobs, Fleet):
        if jvm_zone is not None or skip_invalid:
            msg = "jvm_zone and skip_invalid are for loading: pass them to load_fleet()"
            raise ValueError(msg)
        return jobs
    if isinstance(jobs, (str, os.PathLike)):
        msg = "pass a list of paths, not one path (a str is an iterable of characters)"
        raise TypeError(msg)
    return load_fleet(jobs, jvm_zone=jvm_zone, skip_invalid=skip_invalid)
