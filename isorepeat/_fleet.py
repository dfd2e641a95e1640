"""The work behind :func:`isorepeat.fleet.simulate_fleet`: every scheduled job's runs, counted.

Shaped for volume: a week of 10,000 jobs can be 10 million runs, and ``simulate`` makes each
in about 0.4 µs, so what is done here per run must cost less. A run becomes one exact key, its
time since the epoch (a ``timedelta``: 0.17 µs, where hashing an aware datetime costs 0.24),
counted per distinct start; only the runs of parent jobs are kept. Chunks of jobs can go to
worker processes: the counts and the parents' runs add up the same whatever the chunks.
"""

from __future__ import annotations

import dataclasses
import gc
import os
import sys
from array import array
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from itertools import repeat
from operator import attrgetter, sub
from typing import TYPE_CHECKING, Final, TypeAlias, final

from isorepeat.simulate import Policy, Run, Skipped, simulate

if TYPE_CHECKING:
    from isorepeat.fleet import FleetJob
    from isorepeat.schedule import Schedule

__all__ = [
    "EPOCH",
    "Counts",
    "JobCounts",
    "Setting",
    "Micros",
    "longest_gap",
    "micros",
    "peaks",
    "rounds",
    "schedule_of",
    "simulate_jobs",
]

EPOCH: Final = datetime(1970, 1, 1, tzinfo=timezone.utc)

Counts: TypeAlias = "Counter[timedelta]"
"""Runs per distinct start, the start as its time since :data:`EPOCH` (exact, in UTC)."""

Micros: TypeAlias = "array[int]"
"""A parent's runs in order, as microseconds since :data:`EPOCH`: an array pickles from a worker
at once, where a list of 650,000 timedeltas took 0.9 s (a probe, half the benchmark's fleet)."""

JobCounts: TypeAlias = tuple[str, int, int, int, int, "str | None"]
"""(name, runs, missed, superseded, not caught up, note) of one scheduled job."""

_MINUTE: Final = timedelta(minutes=1)
_HOUR: Final = timedelta(hours=1)
_US: Final = timedelta(microseconds=1)
_ONE_SECOND: Final = timedelta(seconds=1)
_LAST_YEAR: Final = 9999
_CHUNKS_PER_WORKER: Final = 8  # enough chunks for a progress report that moves
_MIN_JOBS_PER_WORKER: Final = 100  # fewer are quicker in this process than a worker starts
_at: Final = attrgetter("at")


@final
@dataclass(frozen=True, slots=True)
class Setting:
    """What every job's simulation shares: small, so that it pickles to a worker at once."""

    start: datetime
    end: datetime
    spans: tuple[tuple[datetime, datetime], ...]
    policy: Policy
    jvm_zone: str | None


def schedule_of(job: FleetJob, setting: Setting) -> tuple[Schedule, Policy] | str:
    """The job's schedule (chronos dialect, its zone) and policy, or why it cannot be simulated.

    A job's own epsilon replaces the policy's window when the policy has one (Chronos 2.x).
    """
    from isorepeat.dialects import parse
    from isorepeat.errors import ScheduleError

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
    if policy.epsilon is not None and job.epsilon is not None:
        try:
            policy = dataclasses.replace(policy, epsilon=job.epsilon)
        except ValueError:
            return f"not simulated: its epsilon {job.epsilon} is not a positive duration"
    return schedule, policy


def simulate_jobs(
    jobs: Sequence[FleetJob],
    setting: Setting,
    parents: frozenset[str],
    *,
    workers: int | None = 1,
    progress: Callable[[int], None] | None = None,
) -> tuple[list[JobCounts], Counts, dict[str, Micros]]:
    """Simulate scheduled jobs: their counts, the runs per distinct start, the parents' runs.

    With ``workers`` > 1 (``None``: the processors available) and enough jobs, chunks go to that
    many processes; ``progress`` is
    told how many jobs are done after each chunk (after each job in this process).
    """
    workers = min(default_workers() if workers is None else workers, len(jobs) // _MIN_JOBS_PER_WORKER)
    if workers <= 1:
        return _simulate_chunk(jobs, setting, parents, progress)
    from concurrent.futures import ProcessPoolExecutor, as_completed
    from multiprocessing import get_context

    # Interleaved chunks: job files list similar jobs together, and a chunk of PT1M jobs alone
    # would keep one worker busy while the others wait.
    count = min(len(jobs), workers * _CHUNKS_PER_WORKER)
    chunks = [jobs[index::count] for index in range(count)]
    # fork (POSIX) starts a worker in milliseconds with the modules already imported.
    method = "fork" if sys.platform.startswith("linux") else "spawn"
    summaries: list[JobCounts] = []
    counts: Counts = Counter()
    runs_of: dict[str, Micros] = {}
    done = 0
    with ProcessPoolExecutor(workers, mp_context=get_context(method)) as pool:
        futures = {pool.submit(_simulate_chunk, chunk, setting, parents): len(chunk) for chunk in chunks}
        for future in as_completed(futures):
            chunk_summaries, chunk_counts, chunk_runs = future.result()
            summaries.extend(chunk_summaries)
            counts.update(chunk_counts)
            runs_of.update(chunk_runs)
            done += futures[future]
            if progress is not None:
                progress(done)
    return summaries, counts, runs_of


def default_workers() -> int:
    """The processors this process may use."""
    affinity = getattr(os, "sched_getaffinity", None)
    return len(affinity(0)) if affinity is not None else os.cpu_count() or 1


def _simulate_chunk(
    jobs: Sequence[FleetJob],
    setting: Setting,
    parents: frozenset[str],
    progress: Callable[[int], None] | None = None,
) -> tuple[list[JobCounts], Counts, dict[str, Micros]]:
    summaries: list[JobCounts] = []
    counts: Counts = Counter()
    runs_of: dict[str, Micros] = {}
    # simulate() makes a Run and a datetime per run and reference counting frees them; the
    # cyclic collector finds no cycle among them, yet runs every 700 allocations: a quarter of
    # the time (a probe: 3,000 jobs of the benchmark's fleet in 3.1 s with it off, 4.1 s on).
    collecting = gc.isenabled()
    gc.disable()
    try:
        for done, job in enumerate(jobs, 1):
            summary, runs = _simulate_job(job, setting)
            summaries.append(summary)
            counts.update(runs)
            if job.name in parents:
                runs_of[job.name] = micros(runs)
            if progress is not None:
                progress(done)
    finally:
        if collecting:
            gc.enable()
    return summaries, counts, runs_of


def _simulate_job(job: FleetJob, setting: Setting) -> tuple[JobCounts, list[timedelta]]:
    """One scheduled job: its counts, and its runs as times since the epoch, in order."""
    from isorepeat.errors import ScheduleError

    ready = schedule_of(job, setting)
    if isinstance(ready, str):
        return (job.name, 0, 0, 0, 0, ready), []
    schedule, policy = _in_utc(*ready, setting.end)
    try:
        events = list(simulate(schedule, setting.start, setting.end, outages=setting.spans, policy=policy))
    except ScheduleError as error:  # IR207: a period that does not move forward
        return (job.name, 0, 0, 0, 0, f"not simulated: {error.message}"), []
    if not setting.spans:  # without an outage every event is a run (S38)
        ats: Iterable[datetime] = map(_at, events)
        reasons: Counter[str] = Counter()
    else:
        ats = (event.at for event in events if type(event) is Run)
        reasons = Counter(event.reason for event in events if type(event) is Skipped)
    # Aware subtraction goes through utcoffset(), fold included: exact in every zone.
    runs = list(map(sub, ats, repeat(EPOCH)))
    counted = (job.name, len(runs), reasons["missed"], reasons["superseded"], reasons["not caught up"], None)
    return counted, runs


def _in_utc(schedule: Schedule, policy: Policy, end: datetime) -> tuple[Schedule, Policy]:
    """The same series in UTC, when its zone cannot change a thing.

    A period and a window of hours, minutes and seconds only are elapsed time (S27, S37): the
    same instants in every zone, and a chained series of them is its anchored one. A zoned
    datetime costs 2 µs to make (``Zone.to_datetime``), a UTC one 0.04 µs (the fixed-zone path
    of ``Timeline.datetimes``): a week of a PT1M job in Berlin takes 4 ms instead of 20. Near
    the year 9999 the zone's own end of time (S40) may come first: the series stays in its zone.
    """
    from isorepeat.schedule import trusted_schedule
    from isorepeat.zones import UTC_ZONE, instant_of

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


def micros(runs: Iterable[timedelta]) -> Micros:
    """Runs as :data:`Micros`, sorted (they are: a dependent's rounds rely on it)."""
    return array("q", sorted(run // _US for run in runs))


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


def peaks(counts: Counts) -> tuple[tuple[timedelta, int], tuple[timedelta, int]] | None:
    """The busiest UTC minute and hour: (start since the epoch, runs), the earliest of equals."""
    if not counts:
        return None
    minutes: Counter[int] = Counter()
    for moment, runs in counts.items():
        minutes[moment // _MINUTE] += runs
    hours: Counter[int] = Counter()
    for minute, runs in minutes.items():
        hours[minute // 60] += runs
    minute, minute_runs = min(minutes.items(), key=lambda item: (-item[1], item[0]))
    hour, hour_runs = min(hours.items(), key=lambda item: (-item[1], item[0]))
    return (minute * _MINUTE, minute_runs), (hour * _HOUR, hour_runs)


def longest_gap(counts: Counts, start: timedelta, end: timedelta) -> tuple[timedelta, timedelta]:
    """The longest interval of ``[start, end)`` in which nothing starts, the earliest of equals."""
    moments = sorted(moment for moment in counts if start <= moment < end)
    moments.append(end)
    best = (start, moments[0])
    previous = moments[0]
    for moment in moments[1:]:
        if moment - previous > best[1] - best[0]:
            best = (previous, moment)
        previous = moment
    return best
