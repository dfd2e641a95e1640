"""How a BPMN engine fires one timer: the interface every engine model implements, and the loop.

An engine model (:mod:`isorepeat.bpmn.zeebe`, :mod:`~isorepeat.bpmn.camunda7`,
:mod:`~isorepeat.bpmn.flowable`) answers two questions exactly as the engine's own classes do
(BPMN.md): what timer deployment creates (:meth:`TimerEngine.deploy`), and what the engine does
when that timer fires at a given clock (:meth:`TimerEngine.fire`). :func:`simulate_fires` drives
them the way BPMN.md's oracle did: the timer is created at the deployment time, each timer fires
``fire_lag`` after it is due (an engine never runs a job in the very millisecond it is due), and the
engine's reschedule path runs with its clock at that moment. Engines count in milliseconds since
the Unix epoch (Java's ``long``), so the models do too; datetimes appear only at the edges.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from typing import Final, Literal, Protocol, TypeAlias, final

from isorepeat.errors import ScheduleError
from isorepeat.zones import Zone

__all__ = [
    "EPOCH",
    "CronNotSimulatedError",
    "FireOutcome",
    "Millis",
    "TimerEngine",
    "TimerFires",
    "TimerKind",
    "TimerState",
    "millis_of",
    "millis_text",
    "moment_of",
    "simulate_fires",
]

Millis: TypeAlias = int
"""Milliseconds since the Unix epoch (UTC), or a length of time in milliseconds: Java's ``long``."""

TimerKind: TypeAlias = Literal["timeCycle", "timeDate", "timeDuration"]
"""The element of ``timerEventDefinition`` the text came from."""

EPOCH: Final = datetime(1970, 1, 1, tzinfo=timezone.utc)
DEFAULT_FIRE_LAG: Final[Millis] = 1
DEFAULT_LIMIT: Final = 60


class CronNotSimulatedError(Exception):
    """The engine reads the text as a cron expression and accepts it (as far as its field count
    and fields show): isorepeat does not simulate cron, so there is no timer to fire.

    ``engine`` names the engine's cron flavour in words (``"Spring's 6-field cron"``).
    """

    def __init__(self, text: str, engine: str) -> None:
        super().__init__(text, engine)
        self.text = text
        self.engine = engine


@final
@dataclass(frozen=True, slots=True)
class TimerState:
    """One timer (job) as the engine stores it: when it is due, and what the engine keeps with it.

    ``due`` is ``None`` for Camunda 7's timer without a due date (it is acquired at once).
    ``state`` is what the engine carries from one timer to the next, in the engine's own terms
    (Zeebe's ``repetitions``, Flowable's rewritten ``repeat`` text): a mapping of plain values,
    compared with the vectors' ``state``. ``memo`` is the model's own, never shown (the parsed
    text, so that a fire need not parse it again).
    """

    due: Millis | None
    state: tuple[tuple[str, object], ...] = ()
    memo: object = field(default=None, compare=False)


@final
@dataclass(frozen=True, slots=True)
class FireOutcome:
    """What the engine did when a due timer's job ran at some clock.

    ``fired``: the timer fired (its process started); ``False`` when the engine deleted it unfired
    (``reason`` says why, in the engine's terms). ``next``: the timer the engine created for the
    following fire, ``None`` when the series is over. ``error``: the engine failed while computing
    the next timer after firing (Flowable re-parsing its own rewritten text); the series ends there.
    """

    fired: bool
    next: TimerState | None
    reason: str | None = None
    error: ScheduleError | None = None


class TimerEngine(Protocol):
    """An engine's timer classes, as a model: see the module's docstring."""

    @property
    def name(self) -> str:
        """The engine and version as the vectors name it: ``"zeebe-49135"``, ``"camunda7"``."""
        ...

    def deploy(self, text: str, kind: TimerKind, now: Millis, jvm_zone: Zone) -> TimerState:
        """The first timer, created at deployment time ``now`` with the JVM's default zone.

        ``text`` is the element's text as the BPMN file holds it (the engine trims it or not).

        :raises ScheduleError: where the engine rejects the text (the deployment fails), with the
            column of the character at fault and, where possible, a hint.
        :raises CronNotSimulatedError: where the engine accepts the text as a cron expression.
        """
        ...

    def fire(self, timer: TimerState, clock: Millis, jvm_zone: Zone) -> FireOutcome:
        """What the engine does when ``timer``'s job runs with its clock at ``clock``."""
        ...


@final
@dataclass(frozen=True, slots=True)
class TimerFires:
    """A timer simulated fire after fire: what the engine will do with it.

    ``due[i]`` is when timer i was due (``None``: no due date, acquired at once), ``fired_at[i]``
    when it fired, ``states[i]`` what the engine kept with it. ``total`` is the number of fires
    when the series ended within the limit; ``None`` when it was still going after ``limit`` fires.
    ``deleted_unfired`` is ``(due, at, reason)`` for a timer the engine deleted without firing;
    ``reschedule_error`` the error that ended the series after the last fire.
    """

    due: tuple[Millis | None, ...]
    fired_at: tuple[Millis, ...]
    states: tuple[tuple[tuple[str, object], ...], ...]
    total: int | None
    limit: int
    deleted_unfired: tuple[Millis | None, Millis, str] | None = None
    reschedule_error: ScheduleError | None = None


def simulate_fires(
    engine: TimerEngine,
    text: str,
    kind: TimerKind,
    *,
    now: Millis,
    jvm_zone: Zone,
    fire_lag: Millis = DEFAULT_FIRE_LAG,
    limit: int = DEFAULT_LIMIT,
) -> TimerFires:
    """Deploy ``text`` at ``now`` and fire each timer ``fire_lag`` ms after it is due (or after it
    was created, if that is later), up to ``limit`` fires.

    :raises ScheduleError: where the engine rejects the text at deployment.
    """
    timer: TimerState | None = engine.deploy(text, kind, now, jvm_zone)
    created = now
    due: list[Millis | None] = []
    fired_at: list[Millis] = []
    states: list[tuple[tuple[str, object], ...]] = []
    while timer is not None and len(fired_at) < limit:
        clock = (created if timer.due is None else max(timer.due, created)) + fire_lag
        outcome = engine.fire(timer, clock, jvm_zone)
        if not outcome.fired:
            deleted = (timer.due, clock, outcome.reason or "deleted unfired")
            return TimerFires(tuple(due), tuple(fired_at), tuple(states), len(fired_at), limit, deleted)
        due.append(timer.due)
        fired_at.append(clock)
        states.append(timer.state)
        if outcome.error is not None:
            return TimerFires(
                tuple(due), tuple(fired_at), tuple(states), len(fired_at), limit, None, outcome.error
            )
        timer, created = outcome.next, clock
    total = None if timer is not None else len(fired_at)
    return TimerFires(tuple(due), tuple(fired_at), tuple(states), total, limit)


# -- the edges: milliseconds to and from datetimes ------------------------------------------


def millis_of(moment: datetime | timedelta) -> Millis:
    """An aware datetime as milliseconds since the epoch, or a timedelta in milliseconds (floored)."""
    delta = moment - EPOCH if isinstance(moment, datetime) else moment
    return (delta.days * 86_400 + delta.seconds) * 1000 + delta.microseconds // 1000


def moment_of(millis: Millis) -> datetime:
    return EPOCH + timedelta(milliseconds=millis)


def millis_text(millis: Millis) -> str:
    """``2024-06-15T10:00:00.250Z``: UTC to the millisecond, as the engines count (and the vectors
    write it: no fraction when it is zero; four digits of year, which strftime's %Y drops)."""
    moment = moment_of(millis)
    text = moment.replace(microsecond=0, tzinfo=None).isoformat()
    return f"{text}.{moment.microsecond // 1000:03d}Z" if moment.microsecond else f"{text}Z"
