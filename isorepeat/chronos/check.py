"""``check_jobs``: read job files, run every rule, place each finding in its file (SEMANTICS §8).

This is all of ``isorepeat check`` but the rendering: sources are read here (files, directories
walked by :mod:`isorepeat.chronos.walk`, texts in memory, job objects), JSON and lines by
:mod:`isorepeat.chronos.jobs`, YAML by :mod:`isorepeat.chronos.yaml_jobs` (imported only for a
YAML file); files that are not job files are skipped; jobs go through the rules of
:mod:`isorepeat.chronos.rules`, and each :class:`Finding` becomes a :class:`Diagnostic` with the
line and column in its file.
"""

from __future__ import annotations

import functools
import gc
import json
import os
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Final, NamedTuple, ParamSpec, TypeAlias, TypeVar, final

from isorepeat.chronos.diagnostics import CODES, Diagnostic, Finding, codes_of
from isorepeat.chronos.jobs import (
    NOT_A_JOB_FILE,
    YAML_SUFFIXES,
    DocumentError,
    Job,
    Node,
    Source,
    is_job_file,
    load_source,
)
from isorepeat.chronos.rules import JOB_RULES, SCHEDULE_RULES, schedule_facts, set_findings
from isorepeat.dialects import Dialect, dialect_named

if TYPE_CHECKING:
    # The walk (2 ms of import time) loads when something is skipped or a directory walked:
    # ``isorepeat check FILE`` runs on every commit (STYLE 2.1).
    from isorepeat.chronos.walk import Skipped

__all__ = [
    "CheckInput",
    "CheckReport",
    "check_jobs",
    "check_report",
    "check_schedule",
    "load_checked",
    "read_sources",
    "wanted",
]

CheckInput: TypeAlias = (
    "str | os.PathLike[str] | Source | Mapping[str, object] | Sequence[Mapping[str, object]]"
)
"""A path (file or directory), a :class:`Source` (a text in memory), or job objects."""

_SCHEDULE_PATH: Final = "<schedule>"


def check_jobs(
    inputs: Iterable[CheckInput],
    *,
    dialect: str | Dialect = "chronos",
    jvm_zone: str | None = None,
    complete: bool | None = None,
    select: Collection[str] | None = None,
    ignore: Collection[str] = (),
    now: datetime | None = None,
) -> list[Diagnostic]:
    """Check Chronos job files and schedule lists; the diagnostics, sorted by file and position.

    ``inputs``: paths of job JSON files (one job object, or an array of jobs as ``GET
    /scheduler/jobs`` returns them), of YAML job files (``*.yaml``, ``*.yml``: one job mapping,
    as chronos-sync keeps them; PyYAML, the ``yaml`` extra, reads them), of ``*.txt`` files with
    one schedule per line (``#`` comments), or of directories (every ``*.json`` below,
    recursively, and the YAML files of chronos-sync's ``scheduled/`` and ``dependent/``
    directories: :func:`isorepeat.chronos.walk.walk_job_files`); :class:`Source` objects for
    texts in memory; and job objects (dicts, or lists of them), located in their
    ``json.dumps(indent=2)`` rendering under the path ``<document N>``. A file that is no job
    file (:func:`isorepeat.chronos.jobs.is_job_file`: a ``package.json``) is skipped;
    :func:`check_report` says which.

    ``complete`` says that the inputs hold every job, so that an unknown parent is an error
    (IR104); by default the set is complete when a directory is among the inputs. ``select`` and
    ``ignore`` keep or drop codes by prefix (``"IR2"`` is every warning).

    >>> from isorepeat.chronos import Source, check_jobs
    >>> job = '{"name": "billing", "schedule": "R/2024-01-31T02:00:00Z/P1M"}'
    >>> [diagnostic] = check_jobs([Source("billing.json", job)])
    >>> diagnostic.path, diagnostic.line, diagnostic.col, diagnostic.code, diagnostic.schedule_column
    ('billing.json', 1, 44, 'IR205', 10)
    >>> print(diagnostic.message)  # doctest: +ELLIPSIS
    start on day 31 with a period of P1M: Chronos adds the period to the previous run, so it runs ...

    :raises OSError: for a path that cannot be read (missing, a permission problem).
    :raises ModuleNotFoundError: for a YAML file without PyYAML (``pip install 'isorepeat[yaml]'``).
    """
    report = check_report(
        inputs, dialect=dialect, jvm_zone=jvm_zone, complete=complete, select=select, ignore=ignore, now=now
    )
    return list(report.diagnostics)


# A NamedTuple, not a frozen slotted dataclass (STYLE 2.2): every ``isorepeat check`` imports
# it, and building the dataclass costs 0.6 ms of start-up, the NamedTuple 0.08 ms.
@final
class CheckReport(NamedTuple):
    """What :func:`check_report` found: the diagnostics, and which files it read and did not.

    ``checked``: the path of each source read as job files, in order (a file with an IR108 is
    one; ``-``, a :class:`Source`, ``<document N>`` each count as one). ``skipped``: what was
    not read, and why: a file that is no job file, and what a directory's walk left out
    (``node_modules``, a virtual environment, a ``.gitignore`` pattern).
    """

    diagnostics: tuple[Diagnostic, ...]
    checked: tuple[str, ...]
    skipped: tuple[Skipped, ...]


def check_report(
    inputs: Iterable[CheckInput],
    *,
    dialect: str | Dialect = "chronos",
    jvm_zone: str | None = None,
    complete: bool | None = None,
    select: Collection[str] | None = None,
    ignore: Collection[str] = (),
    now: datetime | None = None,
) -> CheckReport:
    """:func:`check_jobs` (same inputs and options), with the files checked and skipped.

    >>> from isorepeat.chronos.check import check_report
    >>> from isorepeat.chronos import Source
    >>> report = check_report([Source("job.json", '{"name": "a", "command": "true"}')])
    >>> report.checked, [d.code for d in report.diagnostics]
    (('job.json',), ['IR217'])

    :raises OSError: for a path that cannot be read (missing, a permission problem).
    :raises ModuleNotFoundError: for a YAML file without PyYAML (``pip install 'isorepeat[yaml]'``).
    """
    return _check(
        inputs, dialect=dialect, jvm_zone=jvm_zone, complete=complete, select=select, ignore=ignore, now=now
    )[1]


def load_checked(
    inputs: Iterable[CheckInput],
    *,
    dialect: str | Dialect = "chronos",
    jvm_zone: str | None = None,
    complete: bool | None = None,
    select: Collection[str] | None = None,
    ignore: Collection[str] = (),
    now: datetime | None = None,
) -> tuple[list[Job], list[Diagnostic]]:
    """The jobs of ``inputs`` in order, and the diagnostics of :func:`check_jobs` (same options).

    The one reading of job files: ``check`` keeps the diagnostics, a fleet
    (:func:`isorepeat.chronos.load_fleet`) the jobs too, so each file is read and parsed once.
    A file that is not text has no jobs (its IR108 says why); a file that is no job file is
    skipped.

    :raises OSError: for a path that cannot be read (missing, a permission problem).
    :raises ModuleNotFoundError: for a YAML file without PyYAML (``pip install 'isorepeat[yaml]'``).
    """
    jobs, report = _check(
        inputs, dialect=dialect, jvm_zone=jvm_zone, complete=complete, select=select, ignore=ignore, now=now
    )
    return jobs, list(report.diagnostics)


def _collector_paused(function: Callable[_P, _R]) -> Callable[_P, _R]:
    """``function`` with the cyclic garbage collector paused: the JSON trees of every file are
    held until the set rules have run, and each collection of the oldest generation would scan
    them all again (8 % of checking 30,000 files); they hold no reference cycles, so nothing is
    collected later for it (issue 16)."""

    @functools.wraps(function)
    def paused(*args: _P.args, **kwargs: _P.kwargs) -> _R:
        enabled = gc.isenabled()
        gc.disable()
        try:
            return function(*args, **kwargs)
        finally:
            if enabled:
                gc.enable()

    return paused


_P = ParamSpec("_P")
_R = TypeVar("_R")


@_collector_paused
def _check(
    inputs: Iterable[CheckInput],
    *,
    dialect: str | Dialect,
    jvm_zone: str | None,
    complete: bool | None,
    select: Collection[str] | None,
    ignore: Collection[str],
    now: datetime | None,
) -> tuple[list[Job], CheckReport]:
    spec = dialect_named(dialect)
    inputs = list(inputs)
    read, skipped = _gather(inputs)
    if complete is None:
        complete = any(isinstance(item, (str, os.PathLike)) and Path(item).is_dir() for item in inputs)
    diagnostics: list[Diagnostic] = []
    checked: list[str] = []
    jobs: list[Job] = []
    for source, problem, from_file in read:
        if problem is not None:
            checked.append(source.path)
            diagnostics.append(_place(source, problem))
            continue
        loaded, source_problems = _load(source)
        # Only files are skipped: a text or job objects given in memory, or -, are meant as jobs.
        if from_file and not is_job_file(source, loaded):
            from isorepeat.chronos.walk import Skipped

            skipped.append(Skipped(source.path, NOT_A_JOB_FILE, examined=True))
            continue
        checked.append(source.path)
        jobs.extend(loaded)
        diagnostics.extend(_place(source, problem) for problem in source_problems)
    for job in jobs:
        diagnostics.extend(_diagnostic(job, finding) for finding in _job_findings(job, spec, jvm_zone, now))
    diagnostics.extend(_diagnostic(job, finding) for job, finding in set_findings(jobs, complete=complete))
    applicable = codes_of(spec)
    kept = [d for d in diagnostics if d.code in applicable and wanted(d.code, select, ignore)]
    kept.sort(key=lambda d: (d.path, d.line, d.col, d.code))
    return jobs, CheckReport(tuple(kept), tuple(checked), tuple(skipped))


def _load(source: Source) -> tuple[list[Job], list[DocumentError]]:
    if source.path.endswith(YAML_SUFFIXES):
        from isorepeat.chronos.yaml_jobs import load_yaml  # PyYAML only for YAML (the extra)

        return load_yaml(source)
    return load_source(source)


def check_schedule(
    text: str,
    /,
    *,
    tz: str | None = None,
    dialect: str | Dialect = "chronos",
    jvm_zone: str | None = None,
    epsilon: str | None = None,
    now: datetime | None = None,
) -> list[Diagnostic]:
    """The diagnostics of one schedule, as if it were a job's (path ``<schedule>``, line 1).

    >>> from isorepeat.chronos import check_schedule
    >>> [d.code for d in check_schedule("R/2014-10-10T18:32:00Z/PT60M", tz="PST")]
    ['IR203']
    >>> d = check_schedule("R0/T05:50Z/PT1H")
    >>> [(d.code, d.schedule_column) for d in d]
    [('IR206', 1), ('IR210', 3)]
    """
    members: dict[str, Node] = {"schedule": Node(text, 0, len(text))}
    source = Source(_SCHEDULE_PATH, text)
    job = Job(
        source, Node(members, 0, len(text)), "line", schedule=text, schedule_time_zone=tz, epsilon=epsilon
    )
    spec = dialect_named(dialect)
    applicable = codes_of(spec)
    findings = (f for f in _schedule_findings(job, spec, jvm_zone, now) if f.code in applicable)
    return sorted((_diagnostic(job, finding) for finding in findings), key=lambda d: (d.col, d.code))


def read_sources(inputs: Iterable[CheckInput]) -> tuple[list[Source], list[tuple[Source, DocumentError]]]:
    """The sources to check, and the files that are not text (IR108 at the first bad byte)."""
    read, _ = _gather(inputs)
    sources = [source for source, problem, _ in read if problem is None]
    return sources, [(source, problem) for source, problem, _ in read if problem is not None]


def _gather(
    inputs: Iterable[CheckInput],
) -> tuple[list[tuple[Source, DocumentError | None, bool]], list[Skipped]]:
    """Each source in order, with what makes it unreadable as text and whether it is a file;
    and what the walks of directories left out."""
    read: list[tuple[Source, DocumentError | None, bool]] = []
    skipped: list[Skipped] = []
    documents = 0
    for item in inputs:
        if isinstance(item, Source):
            read.append((item, None, False))
        elif isinstance(item, (str, os.PathLike)):
            path = Path(item)
            if path.is_dir():
                from isorepeat.chronos.walk import walk_job_files

                walk = walk_job_files(path)
                files: Sequence[Path] = walk.files
                skipped.extend(walk.skipped)
            else:
                files = [path]
            for file in files:
                source, problem = _read(file)
                read.append((source, problem, True))
        else:
            documents += 1
            read.append((Source(f"<document {documents}>", json.dumps(item, indent=2)), None, False))
    return read, skipped


def _read(path: Path) -> tuple[Source, DocumentError | None]:
    data = path.read_bytes()
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]  # a UTF-8 byte order mark, which Jackson skips
    try:
        return Source(str(path), data.decode("utf-8")), None
    except UnicodeDecodeError as error:
        text = data[: error.start].decode("utf-8")
        source = Source(str(path), text)
        return source, DocumentError(
            f"the file is not UTF-8 text (byte 0x{data[error.start]:02x})", len(text), "save it as UTF-8"
        )


def _job_findings(
    job: Job, dialect: Dialect, jvm_zone: str | None, now: datetime | None
) -> Iterator[Finding]:
    for rule in JOB_RULES:
        yield from rule(job)
    if job.schedule is not None and not job.parents:  # Chronos ignores a dependent job's schedule
        yield from _schedule_findings(job, dialect, jvm_zone, now)


def _schedule_findings(
    job: Job, dialect: Dialect, jvm_zone: str | None, now: datetime | None
) -> Iterator[Finding]:
    assert job.schedule is not None
    facts = schedule_facts(
        job.schedule,
        dialect=dialect,
        tz=job.schedule_time_zone,
        jvm_zone=jvm_zone,
        epsilon=job.epsilon,
        now=now,
    )
    for rule in SCHEDULE_RULES:
        yield from rule(facts)


def _diagnostic(job: Job, finding: Finding) -> Diagnostic:
    source = job.source
    line, col = source.position(job.locate(finding.where, finding.index, on_key=finding.on_key))
    in_schedule = finding.where == ("schedule",) and finding.index is not None
    return Diagnostic(
        finding.code,
        CODES[finding.code][0],
        finding.message,
        source.path,
        line,
        col,
        finding.hint,
        finding.index if in_schedule else None,
    )


def _place(source: Source, problem: DocumentError) -> Diagnostic:
    line, col = source.position(problem.offset)
    return Diagnostic("IR108", "error", problem.message, source.path, line, col, problem.hint)


def wanted(code: str, select: Collection[str] | None, ignore: Collection[str]) -> bool:
    """Whether ``--select``/``--ignore`` keep ``code`` (each a list of codes or prefixes)."""
    if select is not None and not any(code.startswith(prefix) for prefix in select):
        return False
    return not any(code.startswith(prefix) for prefix in ignore)
