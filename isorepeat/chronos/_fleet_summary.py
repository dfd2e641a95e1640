"""The summary of a fleet: every job's events (:func:`~._fleet_plan.job_events`), counted, and
its jobs ranked for a planner (:func:`ranked_jobs`).

Shaped for volume: a week of 10,000 jobs can be 10 million runs, and ``simulate`` makes each
in about 0.4 µs, so what is done here per run must cost less. A run becomes one exact key, its
time since the epoch (a ``timedelta``: 0.17 µs, where hashing an aware datetime costs 0.24),
counted per distinct start; only the runs of parent jobs are kept. Chunks of scheduled jobs can
go to worker processes: the counts and the parents' runs add up the same whatever the chunks.
"""

from __future__ import annotations

import gc
import os
import re
import sys
from bisect import bisect_left
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import datetime, timedelta
from itertools import repeat
from operator import attrgetter, sub
from typing import TYPE_CHECKING, Final, TypeAlias

from isorepeat.chronos._fleet_plan import (
    EPOCH,
    Micros,
    Plan,
    Setting,
    job_events,
    micros,
    no_round,
    not_simulated,
)
from isorepeat.errors import ScheduleError
from isorepeat.simulate import Run, Skipped

if TYPE_CHECKING:
    from isorepeat.chronos.fleet import FleetJob, JobSummary

__all__ = ["Counts", "JobCounts", "count_fleet", "default_workers", "longest_gap", "peaks", "ranked_jobs"]

Counts: TypeAlias = "Counter[timedelta]"
"""Runs per distinct start, the start as its time since :data:`EPOCH` (exact, in UTC)."""

JobCounts: TypeAlias = tuple[str, int, int, int, int, int, "str | None"]
"""(name, runs, missed, superseded, not caught up, runs late, note) of one job."""

_MINUTE: Final = timedelta(minutes=1)
_HOUR: Final = timedelta(hours=1)
_CHUNKS_PER_WORKER: Final = 8  # enough chunks for a progress report that moves
_MIN_JOBS_PER_WORKER: Final = 100  # fewer are quicker in this process than a worker starts
_NO_PARENTS: Final[Mapping[str, Micros]] = {}
_at: Final = attrgetter("at")
_due: Final = attrgetter("due")


def count_fleet(
    plan: Plan,
    setting: Setting,
    *,
    workers: int | None = 1,
    progress: Callable[[int], None] | None = None,
) -> tuple[dict[str, JobCounts], Counts]:
    """Every job of the plan that can run, counted: its counts by name, and the runs per start.

    The scheduled jobs first, shared among ``workers`` processes when there are enough of them
    (``None``: the processors available), then the dependents, parents first. ``progress`` is
    told how many scheduled jobs are done after each chunk (after each job in this process).
    A dependent that could run and did not gets the note of :func:`~._fleet_plan.no_round`.
    """
    counted, counts, runs_of = _count_scheduled(plan.scheduled, setting, plan.parents, workers, progress)
    by_name = {job_counts[0]: job_counts for job_counts in counted}
    for job in plan.dependents:
        note = plan.notes.get(job.name)
        if note is not None:
            by_name[job.name] = (job.name, 0, 0, 0, 0, 0, note)
            runs_of[job.name] = micros(())
            continue
        job_counts, runs = _count_job(job, setting, runs_of)
        if not runs:
            ran = {parent: by_name[parent][1] for parent in job.parents if parent in by_name}
            job_counts = (job.name, 0, 0, 0, 0, 0, no_round(job, ran))
        by_name[job.name] = job_counts
        counts.update(runs)
        runs_of[job.name] = micros(runs)
    return by_name, counts


def default_workers() -> int:
    """The processors this process may use."""
    affinity = getattr(os, "sched_getaffinity", None)
    return len(affinity(0)) if affinity is not None else os.cpu_count() or 1


def _count_scheduled(
    jobs: Sequence[FleetJob],
    setting: Setting,
    parents: frozenset[str],
    workers: int | None,
    progress: Callable[[int], None] | None,
) -> tuple[list[JobCounts], Counts, dict[str, Micros]]:
    workers = min(default_workers() if workers is None else workers, len(jobs) // _MIN_JOBS_PER_WORKER)
    if workers <= 1:
        return _count_chunk(jobs, setting, parents, progress)
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
        futures = {pool.submit(_count_chunk, chunk, setting, parents): len(chunk) for chunk in chunks}
        for future in as_completed(futures):
            chunk_summaries, chunk_counts, chunk_runs = future.result()
            summaries.extend(chunk_summaries)
            counts.update(chunk_counts)
            runs_of.update(chunk_runs)
            done += futures[future]
            if progress is not None:
                progress(done)
    return summaries, counts, runs_of


def _count_chunk(
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
            summary, runs = _count_job(job, setting, _NO_PARENTS)
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


def _count_job(
    job: FleetJob, setting: Setting, runs_of: Mapping[str, Micros]
) -> tuple[JobCounts, list[timedelta]]:
    """One job: its counts, and its runs as times since the epoch, in order."""
    events = job_events(job, setting, runs_of, zoned=False)
    if isinstance(events, str):
        return (job.name, 0, 0, 0, 0, 0, events), []
    try:
        happened = list(events)
    except ScheduleError as error:  # a chained walk that gives up on the way
        return (job.name, 0, 0, 0, 0, 0, not_simulated(error)), []
    late = 0
    if not setting.spans:  # without an outage every event is a run, on time (S38)
        ats: Iterable[datetime] = map(_at, happened)
        reasons: Counter[str] = Counter()
    else:
        ats = (event.at for event in happened if type(event) is Run)
        reasons = Counter(event.reason for event in happened if type(event) is Skipped)
        if not job.parents:  # a dependent starts when its round completes: never late
            late = _late(happened, setting.merged)
    # Aware subtraction goes through utcoffset(), fold included: exact in every zone.
    runs = list(map(sub, ats, repeat(EPOCH)))
    counted = (
        job.name,
        len(runs),
        reasons["missed"],
        reasons["superseded"],
        reasons["not caught up"],
        late,
        None,
    )
    return counted, runs


def _late(events: list[Run | Skipped], merged: Sequence[tuple[datetime, datetime]]) -> int:
    """The runs caught up after an outage: the runs due in one (S38: nothing starts there).

    ``events`` are in the order of their due times (simulate's), so each outage's are found by
    bisection, a few comparisons a job where a comparison per run would cost 4 % of the summary
    (0.08 µs of its 2 a run, a probe). ``merged`` are the outages as simulate merges them.
    """
    late = 0
    for down, up in merged:
        first = bisect_left(events, down, key=_due)
        after = bisect_left(events, up, first, key=_due)
        late += sum(1 for event in events[first:after] if type(event) is Run)
    return late


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


# -- ranking ---------------------------------------------------------------------------------------

_DIGITS: Final = re.compile(r"([0-9]+)")
_NameKey: TypeAlias = tuple[list["str | tuple[int, str]"], str]


def ranked_jobs(jobs: Iterable[JobSummary], by: str, /) -> list[JobSummary]:
    """The jobs by ``by``: ``"runs"`` or ``"skips"`` the most first, or ``"name"``; equals in
    name order (:func:`_name_key`).

    :raises ValueError: for another ``by``.
    """
    key = _RANKINGS.get(by)
    if key is None:
        msg = f"by must be one of {', '.join(map(repr, _RANKINGS))}, not {by!r}"
        raise ValueError(msg)
    return sorted(jobs, key=key)


def _name_key(name: str) -> _NameKey:
    """Numeric-aware name order: the text between digits case-folded, each run of digits as its
    number, compared by length then digits, without int() (no limit on a run's length), leading
    zeros dropped; then the name as written, so that no two names are equal."""
    parts: list[str | tuple[int, str]] = []
    # re.split with a group alternates text and digits, text first: the same kinds line up.
    for index, part in enumerate(_DIGITS.split(name)):
        if index % 2:
            digits = part.lstrip("0")
            parts.append((len(digits), digits))
        else:
            parts.append(part.casefold())
    return parts, name


_RANKINGS: Final[dict[str, Callable[[JobSummary], tuple[int, _NameKey]]]] = {
    "runs": lambda job: (-job.runs, _name_key(job.name)),
    "skips": lambda job: (-job.skips, _name_key(job.name)),
    "name": lambda job: (0, _name_key(job.name)),
}
