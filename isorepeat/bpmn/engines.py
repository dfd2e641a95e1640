"""The BPMN engines as dialects (``zeebe``, ``camunda7``, ``flowable``, ``activiti``), and :func:`fires`.

Each engine is a timer model (:mod:`isorepeat.bpmn.zeebe`, :mod:`~isorepeat.bpmn.camunda7`,
:mod:`~isorepeat.bpmn.flowable`) that reads a ``timeCycle``, ``timeDate`` or ``timeDuration`` as
the engine does and says what the engine does when the timer fires (BPMN.md). :func:`fires` runs
one fire after fire from the deployment time: that is what the engine will do, late fires
included. The dialects registered here also let :func:`isorepeat.parse` read a ``timeCycle`` as
the engine does: it rejects what the engine rejects (with the column), and the schedule it returns
counts ``R<n>`` as the engine counts it, chained as the engine re-computes each timer from the one
before; only :func:`fires` knows what a past start or a late fire does, because the engines decide
that from their clock.

>>> from datetime import datetime, timezone
>>> from isorepeat.bpmn import fires
>>> deployed = datetime(2024, 6, 15, 10, 0, tzinfo=timezone.utc)
>>> result = fires("R4/2024-06-15T12:00:00Z/PT5M", dialect="camunda7", now=deployed)
>>> result.total   # camunda-bpm-platform#5476: R4 with a start fires 5 times
5
>>> [due.strftime("%H:%M") for due in result.due]
['12:00', '12:05', '12:10', '12:15', '12:20']
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime, timedelta, timezone, tzinfo
from typing import TYPE_CHECKING, Final, final

from isorepeat.bpmn._java import java_trim
from isorepeat.bpmn._timer_text import count_and_start, has_offset
from isorepeat.bpmn.timers import (
    DEFAULT_LIMIT,
    CronNotSimulatedError,
    TimerEngine,
    TimerKind,
    millis_of,
    moment_of,
    simulate_fires,
)
from isorepeat.calendar import advance
from isorepeat.dialects import Dialect, EffectiveStart, Form, Options, dialect_summaries, register
from isorepeat.errors import ScheduleError, fail
from isorepeat.grammar import read_iso
from isorepeat.iso import format_iso, iso_chain_step
from isorepeat.zones import UTC_ZONE, resolve_tz

if TYPE_CHECKING:
    from isorepeat._types import Disambiguate
    from isorepeat.schedule import Schedule

__all__ = ["ENGINES", "TIMER_KINDS", "ZEEBE_VERSIONS", "Fires", "fires", "timer_engine"]

ENGINES: Final = {
    "zeebe": "Camunda 8 (Zeebe)",
    "camunda7": "Camunda 7",
    "flowable": "Flowable",
    "activiti": "Activiti",
}
"""The engine dialects and the engines' names, as messages say them."""

ZEEBE_VERSIONS: Final = ("49135", "2024", "63687")
"""Zeebe's timer behaviours (BPMN.md): ``49135`` the released one (with the fix of
camunda/camunda#38987), the default; ``2024`` before that fix; ``63687`` a change under review."""

TIMER_KINDS: Final[tuple[TimerKind, ...]] = ("timeCycle", "timeDate", "timeDuration")


def timer_engine(dialect: str, version: str | None = None) -> TimerEngine:
    """The timer model of the engine ``dialect`` names (``version``: Zeebe's only).

    :raises ValueError: for a dialect that is not a BPMN engine, or a version it does not have.
    """
    if dialect not in ENGINES:
        msg = f"{dialect!r} is not a BPMN engine; the engines are {', '.join(map(repr, ENGINES))}"
        raise ValueError(msg)
    if dialect == "zeebe":
        from isorepeat.bpmn.zeebe import ZeebeEngine

        chosen = version or ZEEBE_VERSIONS[0]
        if chosen not in ZEEBE_VERSIONS:
            msg = f"version must be one of {', '.join(map(repr, ZEEBE_VERSIONS))} for zeebe, not {version!r}"
            raise ValueError(msg)
        return ZeebeEngine(chosen)  # type: ignore[arg-type]
    if version is not None:
        msg = f"version is an option of the zeebe dialect only, not of {dialect}"
        raise ValueError(msg)
    if dialect == "camunda7":
        from isorepeat.bpmn.camunda7 import CAMUNDA7

        return CAMUNDA7
    from isorepeat.bpmn.flowable import ACTIVITI, FLOWABLE

    return FLOWABLE if dialect == "flowable" else ACTIVITI


# -- fires ---------------------------------------------------------------------------------


@final
@dataclass(frozen=True, slots=True)
class Fires:
    """What an engine does with one timer, from its deployment on: every timer's due date and
    when it fired, in UTC (engines count milliseconds).

    ``due[i]`` is ``None`` for a timer without a due date (Camunda 7 acquires it at once).
    ``total`` is how many times it fires in all, ``None`` when it was still firing after
    ``limit`` fires. ``deleted_unfired`` is ``(due, at, reason)`` when the engine deleted a due
    timer without firing it (Flowable, past a cycle's end); ``reschedule_error`` is the error
    the engine met computing the next timer after the last fire (the series stops there).
    """

    engine: str
    due: tuple[datetime | None, ...]
    fired_at: tuple[datetime, ...]
    total: int | None
    limit: int
    deleted_unfired: tuple[datetime | None, datetime, str] | None = None
    reschedule_error: ScheduleError | None = None


def fires(
    text: str,
    *,
    dialect: str = "zeebe",
    kind: TimerKind = "timeCycle",
    now: datetime,
    jvm_zone: str | tzinfo = "UTC",
    version: str | None = None,
    fire_lag: timedelta = timedelta(milliseconds=1),
    limit: int = DEFAULT_LIMIT,
) -> Fires:
    """Deploy a timer start event's ``text`` at ``now`` on the engine ``dialect`` names, with the
    JVM's default zone ``jvm_zone``, and fire each timer ``fire_lag`` after it is due, up to
    ``limit`` fires: what the engine will do (BPMN.md's method).

    :raises ScheduleError: where the engine rejects the text (the deployment fails), with the
        column and a hint; also for a cron expression the engine accepts (isorepeat does not
        simulate cron).
    :raises ValueError: for an engine, version, kind, lag or limit that is not one.
    :raises TypeError: for a ``now`` without an offset.
    """
    engine = timer_engine(dialect, version)
    if kind not in TIMER_KINDS:
        msg = f"kind must be one of {', '.join(TIMER_KINDS)}, not {kind!r}"
        raise ValueError(msg)
    if now.tzinfo is None or now.utcoffset() is None:
        msg = "now must be an aware datetime (with an offset): the deployment time"
        raise TypeError(msg)
    lag = millis_of(fire_lag)
    if lag < 0 or limit < 0:
        msg = f"fire_lag and limit must not be negative, not {fire_lag!r} and {limit!r}"
        raise ValueError(msg)
    zone = resolve_tz(jvm_zone) or UTC_ZONE
    try:
        timer = simulate_fires(
            engine, text, kind, now=millis_of(now), jvm_zone=zone, fire_lag=lag, limit=limit
        )
    except CronNotSimulatedError as cron:
        _cron(cron, ENGINES[dialect])
    deleted = timer.deleted_unfired
    return Fires(
        engine.name,
        tuple(map(_maybe_moment, timer.due)),
        tuple(map(moment_of, timer.fired_at)),
        timer.total,
        limit,
        None
        if deleted is None
        else (None if deleted[0] is None else moment_of(deleted[0]), moment_of(deleted[1]), deleted[2]),
        timer.reschedule_error,
    )


def _cron(cron: CronNotSimulatedError, engine: str) -> None:
    fail(
        f"{engine} reads this as a cron expression ({cron.engine}); isorepeat simulates ISO 8601 timers only",
        cron.text,
        0,
    )


def _maybe_moment(millis: int | None) -> datetime | None:
    return None if millis is None else moment_of(millis)


# -- the dialects ----------------------------------------------------------------------------


def _read(
    name: str, text: str, tz: tzinfo | str | None, disambiguate: Disambiguate, options: Options
) -> Schedule:
    """``parse(text, dialect=name)``: the engine's grammar first (its rejection, with the column),
    then the cycle as the iso dialect reads the text the engine reads (trimmed)."""
    if tz is not None:
        msg = (
            f"the {name} dialect takes no tz: a BPMN timer's zone is its start's offset or zone, "
            "and jvm_zone the JVM's default zone"
        )
        raise ValueError(msg)
    if disambiguate != "compatible":
        msg = (
            f"the {name} dialect resolves gaps and overlaps as {ENGINES[name]} does: leave out disambiguate="
        )
        raise ValueError(msg + repr(disambiguate))
    engine = timer_engine(name, _str_option(options, "version"))
    jvm_name = _str_option(options, "jvm_zone")
    zone = resolve_tz(jvm_name) or UTC_ZONE
    now = millis_of(datetime.now(timezone.utc))
    try:
        engine.deploy(text, "timeCycle", now, zone)
    except CronNotSimulatedError as cron:
        _cron(cron, ENGINES[name])
    start, end = java_trim(text)
    trimmed = text[start:end]
    written = count_and_start("timeCycle", trimmed)[1]
    local = written is not None and written[:1].isdigit() and not has_offset(written)
    try:
        # The engines read a start without an offset in the JVM's zone.
        schedule = read_iso(trimmed, (jvm_name or "UTC") if local else None, disambiguate)
    except ScheduleError as error:
        fail(
            f"{ENGINES[name]} accepts this cycle, but ISO 8601 does not: {error.message}; "
            "isorepeat.bpmn.fires() gives what the engine does with it",
            text,
            error.column + start,
            error.hint,
        )
    kept = tuple(sorted((key, value) for key, value in options.items() if value is not None))
    return replace(schedule, _dialect=_DIALECTS[name], _options=kept)


def _str_option(options: Options, name: str) -> str | None:
    value = options.get(name)
    if value is not None and not isinstance(value, str):
        msg = f"{name} must be a str, not {type(value).__name__}"
        raise TypeError(msg)
    return value


def _reparse(schedule: Schedule) -> tuple[str, dict[str, object]]:
    return format_iso(schedule), {"dialect": schedule.dialect, **schedule.options}


def _counts_camunda7(repetitions: int | None, has_start: bool) -> int | None:
    """camunda-bpm-platform#5476: with a start, ``R<n>`` fires n + 1 times (the start itself,
    then n repeats); ``R0`` still fires once."""
    if repetitions is None:
        return None
    return repetitions + 1 if has_start else max(repetitions, 1)


def _counts_at_least_once(repetitions: int | None, _has_start: bool) -> int | None:
    """Zeebe, Flowable, Activiti: ``R<n>`` fires n times, and ``R0`` once (BPMN.md)."""
    return None if repetitions is None else max(repetitions, 1)


def _one_period_after_deployment(form: Form, _options: Options) -> EffectiveStart:
    """A cycle without a start fires first one period after deployment (``now + P``)."""
    return EffectiveStart(periods=1 if form == "cycle" else 0)


def _engine_of(name: str) -> Callable[[Options], TimerEngine]:
    def build(options: Options) -> TimerEngine:
        return timer_engine(name, _str_option(options, "version"))

    return build


def _dialect(name: str) -> Dialect:
    def read(text: str, tz: tzinfo | str | None, disambiguate: Disambiguate, options: Options) -> Schedule:
        return _read(name, text, tz, disambiguate, options)

    read.__qualname__ = read.__name__ = f"read_{name}"
    return Dialect(
        name=name,
        summary=dialect_summaries()[name],
        read=read,
        format=format_iso,
        reparse=_reparse,
        arithmetic=advance,
        chain_step=iso_chain_step,
        mode="chained",  # each engine computes the next timer from the one that fired
        count_runs=_counts_camunda7 if name == "camunda7" else _counts_at_least_once,
        effective_start=_one_period_after_deployment,
        options=("jvm_zone", "version") if name == "zeebe" else ("jvm_zone",),
        engine=ENGINES[name],
        check_rules=frozenset(),
        timer_engine=_engine_of(name),
    )


_DIALECTS: Final = {name: register(_dialect(name)) for name in ENGINES}
