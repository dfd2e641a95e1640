"""``next`` and ``explain`` on a Chronos job file, or ``-`` for one on standard input.

The SCHEDULE argument names a job file when it is ``-`` or a file that exists: the job's
``schedule`` becomes the schedule, its ``scheduleTimeZone`` the ``--tz`` (unless one is given),
and the chronos dialect the default. Errors in the schedule are then reported at the file's
line and column, as ``check`` reports them.
"""

from __future__ import annotations

import argparse
import os
import sys
from dataclasses import dataclass
from typing import TYPE_CHECKING, final

from isorepeat.cli.common import UsageError

if TYPE_CHECKING:
    from isorepeat.chronos.jobs import Job
    from isorepeat.errors import ScheduleError

__all__ = ["JobFileError", "JobInput", "add_job_option", "read_job_input", "where"]

_JOB_SUFFIXES = (".json", ".yaml", ".yml")


@final
class JobFileError(Exception):
    """A job file that gives no schedule to read: ``path:line:col: message`` (exit status 1)."""


@final
@dataclass(frozen=True, slots=True)
class JobInput:
    """The job a SCHEDULE argument named, and the ``note:`` line that says what was read."""

    job: Job
    note: str


def add_job_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--job",
        metavar="NAME",
        help="with a job file that holds several jobs: the one to read",
    )


def names_a_job_file(argument: str) -> bool:
    """``-``, an existing file, or a path with a job file's suffix (a schedule is none of them)."""
    return argument == "-" or argument.endswith(_JOB_SUFFIXES) or os.path.isfile(argument)


def read_job_input(args: argparse.Namespace) -> JobInput | None:
    """When ``args.schedule`` names a job file: read it, and put its schedule, zone and dialect
    into ``args`` (``--tz`` and ``--dialect`` given on the command line win).

    :raises UsageError: for a file that cannot be read, or ``--job`` without a job file.
    :raises JobFileError: for a file with no job to read, or a job without a schedule.
    """
    argument: str = args.schedule
    if not names_a_job_file(argument):
        if args.job is not None:
            raise UsageError("--job applies when SCHEDULE is a job file (or - for standard input)")
        if args.dialect is None:
            args.dialect = "iso"
        return None
    from isorepeat.chronos.jobs import Source, load_source

    path = "<stdin>" if argument == "-" else argument
    try:
        text = sys.stdin.read() if argument == "-" else _read(argument)
    except OSError as error:
        raise UsageError(f"cannot read {argument}: {error.strerror or error}") from None
    source = Source(path, text)
    jobs, problems = load_source(source)
    if problems and not jobs:
        problem = problems[0]
        line, column = source.position(problem.offset)
        raise JobFileError(f"{path}:{line}:{column}: {problem.message}")
    job = _chosen(source.path, jobs, args.job)
    if job.schedule is None:
        raise JobFileError(f"{path}: the job {job.name!r} has no schedule")
    args.schedule = job.schedule
    if args.tz is None:
        args.tz = job.schedule_time_zone
    if args.dialect is None:
        args.dialect = "chronos"  # a job file is Chronos's
    read = [f"job {job.name!r}" if job.name is not None else "a schedule line"]
    if job.schedule_time_zone is not None:
        read.append(f"scheduleTimeZone {job.schedule_time_zone}")
    if job.epsilon is not None:
        read.append(f"epsilon {job.epsilon}")
    return JobInput(job, f"note: read from {path}: {', '.join(read)}")


def where(job_input: JobInput, error: ScheduleError) -> str:
    """``path:line:col: message``: a schedule error at its place in the job file."""
    job = job_input.job
    offset = job.locate(("schedule",), min(error.column, len(job.schedule or "")))
    line, column = job.source.position(offset)
    return f"{job.source.path}:{line}:{column}: {error}"


def _read(path: str) -> str:
    with open(path, encoding="utf-8") as file:
        return file.read()


def _chosen(path: str, jobs: list[Job], name: str | None) -> Job:
    if name is not None:
        for job in jobs:
            if job.name == name:
                return job
        known = ", ".join(repr(job.name) for job in jobs if job.name is not None) or "none"
        raise JobFileError(f"{path}: no job named {name!r} (the jobs: {known})")
    if len(jobs) == 1:
        return jobs[0]
    if not jobs:
        raise JobFileError(f"{path}: no job in it")
    names = ", ".join(repr(job.name) for job in jobs if job.name is not None)
    raise JobFileError(f"{path} holds {len(jobs)} jobs: say which with --job NAME ({names})")
