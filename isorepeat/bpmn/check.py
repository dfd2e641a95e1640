"""``check`` for BPMN files, and :func:`check_paths`: job files and BPMN files in one report.

A BPMN file is read by :func:`isorepeat.bpmn.document.read_bpmn` (expat, with the position of
every character of every timer's text); the engine is the one the file names
(``modeler:executionPlatform``), else the one its namespaces show, else the ``dialect`` given,
else none (then a timer is checked as ISO 8601 alone). Each timer that is not an expression goes
through the rules of :mod:`isorepeat.bpmn.rules`, and each finding becomes a
:class:`~isorepeat.chronos.Diagnostic` at the line and column of its character in the file.

>>> from isorepeat.bpmn.check import check_bpmn
>>> from isorepeat.chronos import Source
>>> model = '''<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"
...     xmlns:camunda="http://camunda.org/schema/1.0/bpmn"><process id="p" camunda:historyTimeToLive="1">
...   <startEvent id="s"><timerEventDefinition>
...     <timeCycle>R4/2030-01-01T09:00:00Z/PT5M</timeCycle>
...   </timerEventDefinition></startEvent></process></definitions>'''
>>> report = check_bpmn([Source("nightly.bpmn", model)])
>>> for d in report.diagnostics:
...     print(d.path, d.line, d.col, d.code, d.severity)
nightly.bpmn 1 1 IR312 note
nightly.bpmn 4 17 IR302 warning
>>> print(report.diagnostics[1].message)
Camunda 7 fires R4 with a start 5 times, not 4: the start, then 4 repeats (camunda-bpm-platform#5476)
"""

from __future__ import annotations

import os
from collections.abc import Callable, Collection, Iterable, Iterator
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Final, TypeGuard

from isorepeat.bpmn._suffixes import BPMN_SUFFIXES
from isorepeat.bpmn.timers import millis_of
from isorepeat.chronos.check import CheckReport, wanted
from isorepeat.chronos.diagnostics import Diagnostic
from isorepeat.chronos.jobs import Source

if TYPE_CHECKING:
    from isorepeat.bpmn.document import BpmnDocument, TimerText
    from isorepeat.bpmn.facts import TimerFacts
    from isorepeat.bpmn.rules import TimerFinding
    from isorepeat.bpmn.timers import TimerKind
    from isorepeat.chronos.check import CheckInput
    from isorepeat.chronos.walk import Skipped
    from isorepeat.zones import Zone

__all__ = ["ENGINE_DIALECTS", "check_bpmn", "check_paths", "check_timer", "is_bpmn"]


def is_bpmn(path: str | os.PathLike[str]) -> bool:
    """Whether ``path`` names a BPMN model: ``*.bpmn``, or Flowable's ``*.bpmn20.xml``."""
    return os.fspath(path).lower().endswith(BPMN_SUFFIXES)


def check_bpmn(
    inputs: Iterable[str | os.PathLike[str] | Source],
    *,
    dialect: str | None = None,
    version: str | None = None,
    jvm_zone: str | None = None,
    select: Collection[str] | None = None,
    ignore: Collection[str] = (),
    now: datetime | None = None,
) -> CheckReport:
    """Check BPMN files (paths, or :class:`~isorepeat.chronos.Source` texts): every timer's
    ``timeCycle``, ``timeDate`` and ``timeDuration`` as its engine reads and fires it.

    ``dialect`` is the engine of a file that names none (``"zeebe"``, ``"camunda7"``,
    ``"flowable"``, ``"activiti"``; ``version`` Zeebe's behaviour); ``jvm_zone`` the engines'
    default zone (UTC); ``now`` the deployment time a past start is measured against (the clock).

    :raises OSError: for a path that cannot be read.
    """
    from isorepeat.zones import UTC_ZONE, resolve_tz

    engine_dialect = dialect if dialect in ENGINE_DIALECTS else None
    zone = resolve_tz(jvm_zone) or UTC_ZONE
    millis = millis_of(datetime.now(timezone.utc) if now is None else now)
    diagnostics: list[Diagnostic] = []
    checked: list[str] = []
    for item in inputs:
        path, data = _read(item)
        checked.append(path)
        diagnostics.extend(
            _file_diagnostics(path, data, engine_dialect, version, zone, jvm_zone or "UTC", millis)
        )
    kept = [d for d in diagnostics if wanted(d.code, select, ignore)]
    kept.sort(key=lambda d: (d.path, d.line, d.col, d.code))
    return CheckReport(tuple(kept), tuple(checked), ())


def check_timer(
    text: str,
    /,
    *,
    dialect: str | None,
    kind: TimerKind = "timeCycle",
    event: str = "startEvent",
    cancel_activity: bool | None = None,
    version: str | None = None,
    jvm_zone: str | None = None,
    now: datetime | None = None,
) -> list[Diagnostic]:
    """The diagnostics of one timer's text, as if it were in a BPMN file (path ``<timer>``, line 1):
    ``dialect`` is its engine (``None``: ISO 8601 alone), ``event`` the element it is on
    (``"boundaryEvent"`` with ``cancel_activity``).

    >>> from datetime import datetime, timezone
    >>> from isorepeat.bpmn.check import check_timer
    >>> deployed = datetime(2026, 1, 1, tzinfo=timezone.utc)
    >>> [(d.code, d.schedule_column) for d in check_timer("R3/PT0S", dialect="zeebe", now=deployed)]
    [('IR306', 3)]
    >>> [d.code for d in check_timer("R/PT1H", dialect="camunda7", event="boundaryEvent", now=deployed)]
    ['IR305']
    """
    from isorepeat.bpmn.document import TimerText
    from isorepeat.bpmn.facts import timer_facts
    from isorepeat.zones import UTC_ZONE, resolve_tz

    if dialect is not None and dialect not in ENGINE_DIALECTS:
        msg = f"dialect must be a BPMN engine ({', '.join(ENGINE_DIALECTS)}) or None, not {dialect!r}"
        raise ValueError(msg)
    if event == "boundaryEvent" and cancel_activity is None:
        cancel_activity = True  # BPMN's default
    timer = TimerText(kind, text, 1, 1, event, None, None, cancel_activity, None, False, None, None, 1, 1)
    facts = timer_facts(
        timer,
        dialect=dialect,
        version=version,
        jvm_zone=resolve_tz(jvm_zone) or UTC_ZONE,
        jvm_zone_name=jvm_zone or "UTC",
        now=millis_of(datetime.now(timezone.utc) if now is None else now),
    )
    from isorepeat.bpmn.rules import TIMER_RULES

    found = [_placed(_TIMER_PATH, timer, finding) for rule in TIMER_RULES for finding in rule(facts)]
    return sorted(found, key=lambda d: (d.col, d.code))


_TIMER_PATH: Final = "<timer>"


ENGINE_DIALECTS: Final = ("zeebe", "camunda7", "flowable", "activiti")
"""The engines' dialects (the keys of :data:`isorepeat.bpmn.engines.ENGINES`), named here so that
checking job files alone loads no engine: ``isorepeat check FILE`` runs on every commit."""


def _read(item: str | os.PathLike[str] | Source) -> tuple[str, bytes]:
    if isinstance(item, Source):
        return item.path, item.text.encode("utf-8")
    return os.fspath(item), Path(item).read_bytes()


def _file_diagnostics(
    path: str, data: bytes, dialect: str | None, version: str | None, zone: Zone, zone_name: str, now: int
) -> Iterator[Diagnostic]:
    from isorepeat.bpmn.document import BpmnFileError, read_bpmn
    from isorepeat.bpmn.facts import timer_facts

    try:
        document = read_bpmn(data, path)
    except BpmnFileError as error:
        yield _diagnostic("IR301", error.message, path, error.line, error.column, _BPMN_HINT)
        return
    chosen, note = _engine_of(document, dialect)
    timers = [timer for timer in document.timers if timer.expression is None]
    if note is not None and timers:
        yield _diagnostic("IR312", note, path, 1, 1, _DIALECT_HINT if chosen is None else None)
    for timer in timers:
        facts = timer_facts(
            timer,
            dialect=chosen,
            version=version if chosen == "zeebe" else None,
            jvm_zone=zone,
            jvm_zone_name=zone_name,
            now=now,
        )
        for rule in _timer_rules():
            for finding in rule(facts):
                yield _placed(path, timer, finding)


_BPMN_HINT: Final = (
    "a BPMN 2.0 model is XML with a definitions root in http://www.omg.org/spec/BPMN/20100524/MODEL"
)
_DIALECT_HINT: Final = "pass --dialect zeebe, camunda7, flowable or activiti to check one engine's reading"


def _engine_of(document: BpmnDocument, dialect: str | None) -> tuple[str | None, str | None]:
    """The engine to check the file as, and the note that says how it was chosen (``None`` when
    the file names it outright)."""
    from isorepeat.bpmn.engines import ENGINES

    guess = document.engine
    if guess.name is not None:
        if guess.from_attribute:
            return guess.name, None
        return guess.name, f"read as {ENGINES[guess.name]}, guessed: {guess.reason}"
    if dialect is not None:
        return (
            dialect,
            f"no engine named in the file ({guess.reason}): read as {ENGINES[dialect]}, from --dialect",
        )
    return None, f"no engine named in the file ({guess.reason}): its timers are checked as ISO 8601 only"


def _timer_rules() -> tuple[Callable[[TimerFacts], Iterator[TimerFinding]], ...]:
    from isorepeat.bpmn.rules import TIMER_RULES

    return TIMER_RULES


def _placed(path: str, timer: TimerText, finding: TimerFinding) -> Diagnostic:
    index = 0 if finding.index is None else max(0, min(finding.index, len(timer.text)))
    line, col = timer.position(index)
    return _diagnostic(finding.code, finding.message, path, line, col, finding.hint, index)


def _diagnostic(
    code: str, message: str, path: str, line: int, col: int, hint: str | None, column: int | None = None
) -> Diagnostic:
    from isorepeat.bpmn.rules import BPMN_CODES

    return Diagnostic(code, BPMN_CODES[code][0], message, path, line, col, hint, column)


# -- job files and BPMN files together ---------------------------------------------------------


def check_paths(
    inputs: Iterable[CheckInput],
    *,
    dialect: str | None = None,
    version: str | None = None,
    jvm_zone: str | None = None,
    complete: bool | None = None,
    select: Collection[str] | None = None,
    ignore: Collection[str] = (),
    now: datetime | None = None,
) -> CheckReport:
    """``isorepeat check``: Chronos job files (:func:`isorepeat.chronos.check.check_report`) and
    BPMN files (:func:`check_bpmn`) in one report; a directory is walked once for both.

    ``dialect`` is the job files' dialect (``chronos`` when ``None`` or an engine's) and the
    engine of a BPMN file that names none.

    :raises OSError: for a path that cannot be read.
    :raises ModuleNotFoundError: for a YAML job file without PyYAML.
    """
    from isorepeat.chronos.check import check_report

    jobs: list[CheckInput] = []
    models: list[str | os.PathLike[str] | Source] = []
    skipped: list[Skipped] = []
    walked = False
    for item in inputs:
        if isinstance(item, (str, os.PathLike)) and Path(item).is_dir():
            from isorepeat.chronos.walk import walk_job_files

            walk = walk_job_files(item)
            jobs.extend(walk.files)
            models.extend(walk.bpmn_files)
            skipped.extend(walk.skipped)
            walked = True
        elif _is_model(item):
            models.append(item)
        else:
            jobs.append(item)
    job_dialect = dialect if dialect is not None and dialect not in ENGINE_DIALECTS else "chronos"
    parts = []
    if jobs or not models:
        complete = True if walked and complete is None else complete
        parts.append(
            check_report(
                jobs,
                dialect=job_dialect,
                jvm_zone=jvm_zone,
                complete=complete,
                select=select,
                ignore=ignore,
                now=now,
            )
        )
    if models:
        parts.append(
            check_bpmn(
                models,
                dialect=dialect,
                version=version,
                jvm_zone=jvm_zone,
                select=select,
                ignore=ignore,
                now=now,
            )
        )
    diagnostics = sorted(
        (d for part in parts for d in part.diagnostics), key=lambda d: (d.path, d.line, d.col, d.code)
    )
    checked = tuple(path for part in parts for path in part.checked)
    return CheckReport(tuple(diagnostics), checked, (*skipped, *(s for part in parts for s in part.skipped)))


def _is_model(item: object) -> TypeGuard[str | os.PathLike[str] | Source]:
    """A BPMN file by its name, or a text in memory (standard input) that is XML, not JSON."""
    if isinstance(item, (str, os.PathLike)):
        return is_bpmn(item)
    return isinstance(item, Source) and _is_xml(item.text)


def _is_xml(text: str) -> bool:
    """A text in memory (standard input) that is XML, not a JSON job document."""
    return text.lstrip("\ufeff \t\r\n").startswith("<")
