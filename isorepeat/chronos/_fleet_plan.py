"""The fleet made ready, and each job's events: the one pipeline of the summary and the timeline.

:class:`Plan` says which jobs run and in which order (parents first, by ``graphlib``), and why
the others do not. :func:`job_events` gives any job's events, a scheduled job's from
:func:`~isorepeat.simulate`, a dependent's from its parents' runs; the summary counts them and
the timeline merges them. Parents' runs travel as arrays of microseconds since the epoch.
"""

from __future__ import annotations

import contextlib
import dataclasses
from array import array
from bisect import bisect_right
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from graphlib import CycleError, TopologicalSorter
from typing import TYPE_CHECKING, Final, TypeAlias, final

from isorepeat.dialects import parse
from isorepeat.errors import ScheduleError
from isorepeat.schedule import Schedule, trusted_schedule
from isorepeat.simulate import Policy, Run, Skipped, simulate
from isorepeat.zones import UTC_ZONE, instant_of

if TYPE_CHECKING:
    from isorepeat.chronos.fleet import FleetJob
    from isorepeat.duration import Duration

__all__ = [
    "EPOCH",
    "NO_RUNS",
    "Micros",
    "Plan",
    "Setting",
    "checked_setting",
    "job_events",
    "micros",
    "no_round",
    "not_simulated",
    "own_epsilon",
    "rounds",
    "run_micros",
]

EPOCH: Final = datetime(1970, 1, 1, tzinfo=timezone.utc)

Micros: TypeAlias = "array[int]"
"""A job's runs in order, as microseconds since :data:`EPOCH`: an array pickles from a worker
at once, where a list of 650,000 timedeltas took 0.9 s (a probe, half the benchmark's fleet)."""

NO_RUNS: Final[Micros] = array("q")

_UTC: Final = timezone.utc
_US: Final = timedelta(microseconds=1)
_ONE_SECOND: Final = timedelta(seconds=1)
_LAST_YEAR: Final = 9999


@final
@dataclass(frozen=True, slots=True)
class Setting:
    """What every job's simulation shares: small, so that it pickles to a worker at once."""

    start: datetime
    end: datetime
    spans: tuple[tuple[datetime, datetime], ...]
    policy: Policy
    jvm_zone: str | None
    merged: tuple[tuple[datetime, datetime], ...] = ()
    """The outages sorted and merged where they touch, as :func:`~isorepeat.simulate` takes them:
    an occurrence due in one of them is caught up or skipped (S38)."""


def _require_aware(moment: datetime, name: str) -> None:
    if moment.tzinfo is None or moment.utcoffset() is None:
        msg = f"{name} must be an aware datetime"
        raise ValueError(msg)


def checked_setting(
    start: datetime,
    end: datetime,
    outages: Iterable[tuple[datetime, datetime]],
    policy: Policy,
    jvm_zone: str | None,
) -> Setting:
    """What :func:`~isorepeat.simulate` checks, checked once, before any file is read."""
    _require_aware(start, "start")
    _require_aware(end, "end")
    if end < start:
        msg = f"end {end.isoformat()} is before start {start.isoformat()}"
        raise ValueError(msg)
    spans = []
    for down, up in outages:
        _require_aware(down, "an outage's start")
        _require_aware(up, "an outage's end")
        if up < down:
            msg = f"an outage ends ({up.isoformat()}) before it begins ({down.isoformat()})"
            raise ValueError(msg)
        # In UTC, as the runs of most jobs are: a datetime compares with one of the same tzinfo
        # object without two utcoffset() calls (0.6 µs of the 2.7 per event, a probe).
        spans.append((_utc(down), _utc(up)))
    merged: list[tuple[datetime, datetime]] = []
    for down, up in sorted(spans):
        if merged and down <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], up))
        else:
            merged.append((down, up))
    return Setting(start, end, tuple(spans), policy, jvm_zone, tuple(merged))


# -- the plan ------------------------------------------------------------------------------------


@final
class Plan:
    """The fleet made ready: the scheduled jobs that can run, the dependents in an order where
    parents come first, the names whose runs a dependent needs, and a note for each job that
    cannot run (disabled, no schedule, a parent missing, a parent that never runs, a dependency
    cycle)."""

    __slots__ = ("_causes", "by_name", "dependents", "notes", "parents", "scheduled")

    def __init__(self, jobs: Sequence[FleetJob]) -> None:
        self.by_name = {job.name: job for job in jobs}
        self.parents = frozenset(parent for job in jobs for parent in job.parents)
        self.notes: dict[str, str] = {}
        # Why a job never runs, as (the job at the root of it, what is wrong with that job): a
        # dependent of it names the root, however long the chain ("'ghost' is not in the fleet").
        self._causes: dict[str, tuple[str, str]] = {}
        for job in jobs:
            if job.disabled:
                self.notes[job.name] = "disabled: Chronos does not run it"
                self._causes[job.name] = (job.name, "is disabled")
            elif job.kind == "unscheduled":
                self.notes[job.name] = "no schedule and no parents: Chronos runs it once, when it is posted"
                self._causes[job.name] = (job.name, "has no schedule and no parents")
        self.scheduled = [job for job in jobs if job.kind == "scheduled" and job.name not in self.notes]
        self.dependents = self._order([job for job in jobs if job.kind == "dependent"])

    def _order(self, dependents: list[FleetJob]) -> list[FleetJob]:
        """Parents before children: sweeps in the fleet's order, each taking the jobs whose
        parents are placed (``graphlib`` tells which); a job whose parent is not in the fleet,
        or never runs, gets a note, and the jobs of a cycle (and their dependents) come last,
        with one."""
        names = {job.name for job in dependents}
        sorter = TopologicalSorter({job.name: [p for p in job.parents if p in names] for job in dependents})
        # IR105 refuses cycles; a file left out by skip_invalid can leave one. The sorter still
        # gives every job that no cycle holds back.
        with contextlib.suppress(CycleError):
            sorter.prepare()
        ready = set(sorter.get_ready())
        ordered: list[FleetJob] = []
        waiting = dependents
        while ready:
            held: list[FleetJob] = []
            for job in waiting:
                if job.name not in ready:
                    held.append(job)
                    continue
                if job.name not in self.notes:
                    self._note_parents(job)
                ordered.append(job)
                ready.discard(job.name)
                sorter.done(job.name)
                ready.update(sorter.get_ready())
            waiting = held
        for job in waiting:
            self.notes.setdefault(job.name, "in a dependency cycle: it never runs")
            ordered.append(job)
        return ordered

    def _note_parents(self, job: FleetJob) -> None:
        """The note of a dependent whose first parent that never runs is missing, disabled or
        noted itself (its own parents come first: their notes are known)."""
        for parent in job.parents:
            if parent not in self.by_name:
                root, what = parent, "is not in the fleet"
            elif parent in self._causes:
                root, what = self._causes[parent]
            else:
                continue
            self._causes[job.name] = (root, what)
            if root == parent:
                self.notes[job.name] = f"its parent {parent!r} {what}: it never runs"
            else:
                self.notes[job.name] = f"its parent {parent!r} never runs: {root!r} {what}"
            return


def no_round(job: FleetJob, runs: Mapping[str, int], /) -> str:
    """The note of a dependent that could run and did not: the parents that did not run in the
    window (a round completes once every parent has run, so at least one did not)."""
    idle = [parent for parent in job.parents if not runs.get(parent)]
    if len(job.parents) == 1:
        return f"its parent {job.parents[0]!r} did not run in the window"
    if not idle:  # rounds() never leaves a dependent of parents that all ran without a run
        return "no round of its parents completed in the window"
    shown = [repr(parent) for parent in idle[:3]]
    if len(idle) > len(shown):
        shown.append(f"{len(idle) - len(shown)} more")
    listed = shown[0] if len(shown) == 1 else f"{', '.join(shown[:-1])} and {shown[-1]}"
    return f"no round of its parents completed in the window: {listed} did not run"


# -- the events ----------------------------------------------------------------------------------


def job_events(
    job: FleetJob, setting: Setting, runs_of: Mapping[str, Micros], /, *, zoned: bool
) -> Iterator[Run | Skipped] | str:
    """The events of a job the plan lets run, in order, or the note saying why it has none.

    A scheduled job's events are :func:`~isorepeat.simulate`'s, its schedule read in the chronos
    dialect in its zone; a dependent's are its runs (:func:`rounds`, in UTC), from its parents'
    runs in ``runs_of`` (a parent that is not there has not run). ``zoned=False`` is for
    counting: a series of elapsed time then runs in UTC, the same instants five times faster
    (:func:`_in_utc`); the timeline keeps every job's datetimes in its own zone.

    The events come lazily: a chained walk can still raise a ``ScheduleError`` on the way.
    """
    if job.parents:
        runs = rounds([runs_of.get(parent, NO_RUNS) for parent in job.parents])
        moments = [EPOCH + timedelta(0, 0, run) for run in runs]
        return map(Run, moments, moments)
    ready = _schedule_of(job, setting)
    if isinstance(ready, str):
        return ready
    schedule, policy = ready if zoned else _in_utc(*ready, setting.end)
    try:
        return simulate(schedule, setting.start, setting.end, outages=setting.spans, policy=policy)
    except ScheduleError as error:  # IR207: a period that does not move forward
        return not_simulated(error)


def not_simulated(error: ScheduleError) -> str:
    """The note of a job whose simulation fails."""
    return f"not simulated: {error.message}"


def _schedule_of(job: FleetJob, setting: Setting) -> tuple[Schedule, Policy] | str:
    """The job's schedule (chronos dialect, its zone) and policy, or why it cannot be simulated.

    A job's own epsilon replaces the policy's window when the policy has one (Chronos 2.x).
    """
    assert job.schedule is not None
    try:
        schedule = parse(
            job.schedule,
            dialect="chronos",
            tz=job.schedule_time_zone,
            jvm_zone=setting.jvm_zone,
            now=setting.start + _ONE_SECOND,  # Chronos reads an empty start as now - 1 s
        )
    except ScheduleError as error:  # check refuses these; a Fleet built by hand may hold one
        return f"not simulated: the schedule does not parse: {error.message}"
    policy = setting.policy
    epsilon = own_epsilon(job, policy)
    if epsilon is not None:
        try:
            policy = dataclasses.replace(policy, epsilon=epsilon)
        except ValueError:
            return f"not simulated: its epsilon {epsilon} is not a positive duration"
    return schedule, policy


def own_epsilon(job: FleetJob, policy: Policy, /) -> Duration | None:
    """The job's own epsilon where it replaces the policy's window: a scheduled job's, when the
    policy has a window (Chronos 2.x; Chronos 3 has none to replace); else ``None``."""
    if job.parents or policy.epsilon is None:
        return None
    return job.epsilon


def _in_utc(schedule: Schedule, policy: Policy, end: datetime) -> tuple[Schedule, Policy]:
    """The same series in UTC, when its zone cannot change a thing.

    A period and a window of hours, minutes and seconds only are elapsed time (S27, S37): the
    same instants in every zone, and a chained series of them is its anchored one. A zoned
    datetime costs 2 µs to make (``Zone.to_datetime``), a UTC one 0.04 µs (the fixed-zone path
    of ``Timeline.datetimes``): a week of a PT1M job in Berlin takes 4 ms instead of 20. Near
    the year 9999 the zone's own end of time (S40) may come first: the series stays in its zone.
    """
    first = schedule.start
    if first is None or first.tzinfo is timezone.utc or end.year >= _LAST_YEAR:
        return schedule, policy
    for duration in (schedule.period, policy.epsilon):
        if duration is not None and (duration.years or duration.months or duration.weeks or duration.days):
            return schedule, policy
    instant = instant_of(first, "start")  # a chronos start is whole milliseconds: exact
    rebased = trusted_schedule(
        schedule.repetitions,
        schedule.period,
        instant,
        instant,
        UTC_ZONE,
        "compatible",
        dialect=schedule.dialect_spec,
    )
    return rebased, policy


# -- runs ----------------------------------------------------------------------------------------


def micros(runs: Iterable[timedelta]) -> Micros:
    """Runs (times since :data:`EPOCH`) as :data:`Micros`, sorted (they are: :func:`rounds`
    relies on it)."""
    return array("q", sorted(run // _US for run in runs))


def run_micros(events: Iterable[Run | Skipped]) -> Micros:
    """The runs among a job's events, as :data:`Micros`."""
    return micros(event.at - EPOCH for event in events if type(event) is Run)


def rounds(parents: Sequence[Sequence[int]]) -> list[int]:
    """The runs of a dependent job, given its parents' runs (each sorted).

    A round completes when every parent has run since the dependent's last run (strictly
    later); the dependent runs then, at the latest of those runs. A round costs a bisection per
    parent, so a dependent of a PT1M job and a daily one costs 7 rounds a week, not 10,080 steps.
    """
    if not parents:
        return []
    runs: list[int] = []
    positions = [0] * len(parents)
    while True:
        latest: int | None = None
        for index, times in enumerate(parents):
            position = positions[index]
            if runs:
                position = positions[index] = bisect_right(times, runs[-1], position)
            if position >= len(times):
                return runs
            if latest is None or times[position] > latest:
                latest = times[position]
        assert latest is not None
        runs.append(latest)


def _utc(moment: datetime) -> datetime:
    return moment if moment.tzinfo is _UTC else moment.astimezone(_UTC)
