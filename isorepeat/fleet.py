"""A fleet of Chronos jobs simulated together: scheduled jobs, dependent jobs, one summary (S37-S39).

Shaped like this for volume: 10,000 jobs over a week can be 10 million runs, so
:func:`simulate_fleet` keeps no event object it does not need. Each job's runs go straight into
one count per distinct start (UTC), from which the busiest minute and hour and the longest gap
are read at the end; only the runs of parent jobs are kept, for their dependents. The timeline,
when it is wanted, is a second, lazy pass: :func:`fleet_events`.
"""

from __future__ import annotations

import dataclasses
import heapq
import os
from array import array
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from itertools import repeat
from typing import TYPE_CHECKING, Final, Literal, TypeAlias, final

from isorepeat._fleet import (
    EPOCH,
    Micros,
    Setting,
    longest_gap,
    micros,
    peaks,
    rounds,
    schedule_of,
    simulate_jobs,
)
from isorepeat.duration import Duration
from isorepeat.simulate import Policy, Run, Skipped, simulate

if TYPE_CHECKING:
    from isorepeat.chronos.check import CheckInput
    from isorepeat.chronos.diagnostics import Diagnostic
    from isorepeat.chronos.jobs import Job, Source

__all__ = [
    "Fleet",
    "FleetEvent",
    "FleetJob",
    "FleetResult",
    "Span",
    "JobKind",
    "JobSummary",
    "Peak",
    "fleet_events",
    "load_fleet",
    "simulate_fleet",
]

JobKind: TypeAlias = Literal["scheduled", "dependent", "unscheduled"]
"""How Chronos starts a job: by its ``schedule``; after its ``parents`` (which win when a job
has both, CHRONOS.md §6); or neither (Chronos runs such a job once, when it is posted)."""

Progress: TypeAlias = Callable[[int, int], None]
"""Called with (jobs simulated so far, jobs in all) while :func:`simulate_fleet` works."""

_UTC: Final = timezone.utc
_NO_RUNS: Final[Micros] = array("q")


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

    >>> from isorepeat import load_fleet
    >>> from isorepeat.chronos import Source
    >>> good = Source("a.json", '{"name": "a", "schedule": "R/2026-03-01T00:00:00Z/PT1H"}')
    >>> bad = Source("b.json", '{"name": "b", "schedule": "R/2026-13-01T00:00:00Z/PT1H"}')
    >>> fleet = load_fleet([good, bad])
    >>> fleet.refused, fleet.jobs, [d.code for d in fleet.errors]
    (True, (), ['IR100'])
    >>> [job.name for job in load_fleet([good, bad], skip_invalid=True).jobs]
    ['a']

    :raises OSError: for a path that cannot be read.
    """
    from pathlib import Path

    from isorepeat.chronos.check import check_jobs, read_sources

    inputs = list(inputs)
    sources, problems = read_sources(inputs)
    # Files that are not text were not read into sources; check_jobs reads them again to say why.
    to_check: list[CheckInput] = [*sources, *(Path(source.path) for source, _ in problems)]
    diagnostics = check_jobs(to_check, jvm_zone=jvm_zone, complete=True)
    errors = tuple(d for d in diagnostics if d.severity == "error")
    if errors and not skip_invalid:
        return Fleet((), errors, refused=True, jvm_zone=jvm_zone)
    invalid = {d.path for d in errors}
    jobs = [_fleet_job(job) for source in sources if source.path not in invalid for job in _load(source)]
    return Fleet(tuple(jobs), errors, refused=False, jvm_zone=jvm_zone)


def _load(source: Source) -> list[Job]:
    """The jobs of a source, read as ``check_jobs`` reads them: JSON for ``*.json`` and for texts
    that look like JSON, schedule lines otherwise."""
    from isorepeat.chronos.jobs import load_jobs, load_lines

    if source.path.endswith(".json") or source.text.lstrip()[:1] in ("{", "["):
        return load_jobs(source)[0]
    return load_lines(source)


def _fleet_job(job: Job) -> FleetJob:
    from isorepeat.chronos.dialect import parse_joda_period

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

    ``note`` says why a job was not simulated (disabled, no schedule, a parent left out, a
    period that does not move forward); such a job has no runs.
    """

    name: str
    path: str
    kind: JobKind
    runs: int
    missed: int = 0
    superseded: int = 0
    not_caught_up: int = 0
    note: str | None = None

    @property
    def skips(self) -> int:
        """The skipped occurrences, whatever the reason."""
        return self.missed + self.superseded + self.not_caught_up


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
    >>> from isorepeat import simulate_fleet
    >>> from isorepeat.chronos import Source
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
    setting = _setting(start, end, outages, policy, jvm_zone)
    fleet = _fleet(jobs, jvm_zone, skip_invalid)
    if fleet.refused:
        return FleetResult(start, end, policy, (), errors=fleet.errors, refused=True)
    setting = dataclasses.replace(setting, jvm_zone=fleet.jvm_zone)
    plan = _Plan(fleet)
    scheduled = [job for job in fleet.jobs if job.kind == "scheduled" and job.name not in plan.notes]
    total = len(fleet.jobs)
    tell = None if progress is None else (lambda done: progress(done, total))
    counted, counts, runs_of = simulate_jobs(
        scheduled, setting, frozenset(plan.parents), workers=workers, progress=tell
    )
    summaries = {
        name: JobSummary(name, plan.by_name[name].path, "scheduled", runs, missed, superseded, late, note)
        for name, runs, missed, superseded, late, note in counted
    }
    for job in plan.dependents:
        note = plan.notes.get(job.name)
        runs = [] if note is not None else rounds([runs_of.get(parent, _NO_RUNS) for parent in job.parents])
        counts.update(map(timedelta, repeat(0), repeat(0), runs))
        runs_of[job.name] = array("q", runs)
        summaries[job.name] = JobSummary(job.name, job.path, "dependent", len(runs), note=note)
    if progress is not None:
        progress(total, total)
    busiest = peaks(counts)
    gap = None
    if end > start:
        gap_start, gap_end = longest_gap(counts, start - EPOCH, end - EPOCH)
        gap = Span(EPOCH + gap_start, EPOCH + gap_end)
    return FleetResult(
        start,
        end,
        policy,
        tuple(summaries.get(job.name) or _not_run(job, plan.notes[job.name]) for job in fleet.jobs),
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
    the fleet's job order, a job's own in its order.

    >>> from datetime import datetime, timezone
    >>> from isorepeat import Policy, Run, fleet_events
    >>> from isorepeat.chronos import Source
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
    setting = _setting(start, end, outages, policy, jvm_zone)
    fleet = _fleet(jobs, jvm_zone, skip_invalid)
    if fleet.refused:
        msg = f"the fleet was refused: {len(fleet.errors)} errors in {', '.join(fleet.invalid_files)}"
        raise ValueError(msg)
    setting = dataclasses.replace(setting, jvm_zone=fleet.jvm_zone)
    plan = _Plan(fleet)
    runs_of: dict[str, Micros] = {}
    for name in plan.parents:
        job = plan.by_name.get(name)
        if job is not None and job.kind == "scheduled":
            events = _events(plan, job, setting)
            runs_of[name] = micros(event.at - EPOCH for event in events if type(event) is Run)
    streams: list[Iterator[FleetEvent]] = [
        map(FleetEvent, repeat(job.name), _events(plan, job, setting))
        for job in fleet.jobs
        if job.kind == "scheduled"
    ]
    for job in plan.dependents:
        runs: list[int] = []
        if job.name not in plan.notes:
            runs = rounds([runs_of.get(parent, _NO_RUNS) for parent in job.parents])
        runs_of[job.name] = array("q", runs)
        moments = [EPOCH + timedelta(0, 0, run) for run in runs]
        streams.append(map(FleetEvent, repeat(job.name), map(Run, moments, moments)))
    return heapq.merge(*streams, key=_moment_utc)


def _moment_utc(event: FleetEvent) -> datetime:
    # Two datetimes with one ZoneInfo compare as wall times, fold ignored: compare in UTC.
    return _utc(event.moment)


# -- the work ------------------------------------------------------------------------------------


@final
class _Plan:
    """The fleet made ready: dependents in an order where parents come first, and notes for the
    jobs that cannot run."""

    __slots__ = ("by_name", "dependents", "notes", "parents")

    def __init__(self, fleet: Fleet) -> None:
        self.by_name = {job.name: job for job in fleet.jobs}
        self.parents = {parent for job in fleet.jobs for parent in job.parents}
        self.notes: dict[str, str] = {}
        for job in fleet.jobs:
            if job.disabled:
                self.notes[job.name] = "disabled: Chronos does not run it"
            elif job.kind == "unscheduled":
                self.notes[job.name] = "no schedule and no parents: Chronos runs it once, when it is posted"
        self.dependents = self._order([job for job in fleet.jobs if job.kind == "dependent"])

    def _order(self, dependents: list[FleetJob]) -> list[FleetJob]:
        """Parents before children (Kahn); a job whose parent is not in the fleet gets a note."""
        waiting = {job.name: job for job in dependents}
        ordered: list[FleetJob] = []
        moved = True
        while waiting and moved:
            moved = False
            for name, job in list(waiting.items()):
                if any(parent in waiting for parent in job.parents):
                    continue
                missing = [parent for parent in job.parents if parent not in self.by_name]
                if missing and name not in self.notes:
                    self.notes[name] = f"its parent {missing[0]!r} is not in the fleet: it never runs"
                ordered.append(job)
                del waiting[name]
                moved = True
        for name, job in waiting.items():  # IR105 refuses cycles; a skipped file can leave one
            self.notes.setdefault(name, "in a dependency cycle: it never runs")
            ordered.append(job)
        return ordered


def _events(plan: _Plan, job: FleetJob, setting: Setting) -> Iterator[Run | Skipped]:
    """A scheduled job's events in its own zone, lazily; a job that cannot run gets a note."""
    from isorepeat.errors import ScheduleError

    if job.name in plan.notes:
        return
    ready = schedule_of(job, setting)
    if isinstance(ready, str):
        plan.notes[job.name] = ready
        return
    schedule, policy = ready
    try:
        yield from simulate(schedule, setting.start, setting.end, outages=setting.spans, policy=policy)
    except ScheduleError as error:  # IR207: a period that does not move forward
        plan.notes[job.name] = f"not simulated: {error.message}"


def _not_run(job: FleetJob, note: str) -> JobSummary:
    return JobSummary(job.name, job.path, job.kind, 0, note=note)


def _utc(moment: datetime) -> datetime:
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


def _setting(
    start: datetime,
    end: datetime,
    outages: Iterable[tuple[datetime, datetime]],
    policy: Policy,
    jvm_zone: str | None,
) -> Setting:
    """What :func:`~isorepeat.simulate` checks, checked once, before any file is read."""
    for moment, name in ((start, "start"), (end, "end")):
        if moment.tzinfo is None or moment.utcoffset() is None:
            msg = f"{name} must be an aware datetime"
            raise ValueError(msg)
    if end < start:
        msg = f"end {end.isoformat()} is before start {start.isoformat()}"
        raise ValueError(msg)
    spans = []
    for down, up in outages:
        for moment, name in ((down, "an outage's start"), (up, "an outage's end")):
            if moment.tzinfo is None or moment.utcoffset() is None:
                msg = f"{name} must be an aware datetime"
                raise ValueError(msg)
        if up < down:
            msg = f"an outage ends ({up.isoformat()}) before it begins ({down.isoformat()})"
            raise ValueError(msg)
        # In UTC, as the runs of most jobs are: a datetime compares with one of the same tzinfo
        # object without two utcoffset() calls (0.6 µs of the 2.7 per event, a probe).
        spans.append((_utc(down), _utc(up)))
    return Setting(start, end, tuple(spans), policy, jvm_zone)
