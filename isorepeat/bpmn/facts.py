"""What ``check`` knows about one BPMN timer: the engine's reading and fires, and ISO 8601's.

A rule of :mod:`isorepeat.bpmn.rules` reads a :class:`TimerFacts` and never parses: the engine's
deployment (its rejection, or its first timer), a short simulation of its fires from ``now``
(:func:`isorepeat.bpmn.timers.simulate_fires`), and the text as ISO 8601 reads it (the trimmed
text; a start without an offset in the JVM's zone, as the engines read it) are computed once here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Final, final

from isorepeat.bpmn._java import java_trim
from isorepeat.bpmn._timer_text import count_and_start, has_offset
from isorepeat.bpmn.timers import CronNotSimulatedError, Millis, TimerFires, TimerKind, simulate_fires
from isorepeat.errors import ScheduleError

if TYPE_CHECKING:
    from isorepeat.bpmn.document import TimerText
    from isorepeat.duration import Duration
    from isorepeat.schedule import Schedule
    from isorepeat.zones import Zone

__all__ = ["SIMULATED_FIRES", "TimerFacts", "timer_facts"]

SIMULATED_FIRES: Final = 8
"""How many fires ``check`` simulates: enough to see a catch-up or a drift start, few enough
that 10,000 files check in seconds."""


@final
@dataclass(frozen=True, slots=True)
class TimerFacts:
    """One timer as the rules see it.

    ``dialect`` is the engine's dialect (``"camunda7"``), ``None`` when no engine is known: then
    only ISO 8601's reading is checked. ``rejection`` is the engine's error (or ISO 8601's), and
    ``cron`` is set when the engine reads the text as a cron expression; otherwise ``fires`` is
    what the engine does from ``now``. ``iso`` is the text as an ISO 8601 schedule (for a
    ``timeCycle``), ``period`` its period (a cycle's, or a ``timeDuration``'s).
    """

    timer: TimerText
    dialect: str | None
    engine: str
    jvm_zone: Zone
    jvm_zone_name: str
    now: Millis
    trimmed: str
    lead: int
    """How many characters ``trimmed`` lost at its start: an index into it plus this is one into the text."""
    rejection: ScheduleError | None = None
    cron: CronNotSimulatedError | None = None
    fires: TimerFires | None = None
    iso: Schedule | None = None
    period: Duration | None = None
    repetitions: int | None = None
    """``R<n>``'s n as written, signed (Zeebe and Flowable accept ``R-1``); ``None`` for ``R``."""
    start_text: str | None = None
    """The start as written in a ``R/start/...`` cycle, or a ``timeDate``'s text."""

    @property
    def kind(self) -> TimerKind:
        return self.timer.kind

    @property
    def start_has_offset(self) -> bool:
        return self.start_text is not None and has_offset(self.start_text)


def timer_facts(
    timer: TimerText,
    *,
    dialect: str | None,
    version: str | None,
    jvm_zone: Zone,
    jvm_zone_name: str,
    now: Millis,
) -> TimerFacts:
    """Deploy ``timer`` on the engine ``dialect`` names (ISO 8601 alone for ``None``) at ``now``."""
    text = timer.text
    lead, end = java_trim(text)
    trimmed = text[lead:end]
    engine = "ISO 8601"
    rejection: ScheduleError | None = None
    cron: CronNotSimulatedError | None = None
    fires: TimerFires | None = None
    if dialect is not None:
        from isorepeat.bpmn.engines import ENGINES, timer_engine

        engine = ENGINES[dialect]
        model = timer_engine(dialect, version)
        try:
            fires = simulate_fires(model, text, timer.kind, now=now, jvm_zone=jvm_zone, limit=SIMULATED_FIRES)
        except CronNotSimulatedError as error:
            cron = error
        except ScheduleError as error:
            rejection = error
    repetitions, start_text = count_and_start(timer.kind, trimmed)
    iso, period, iso_error = _iso_reading(timer.kind, trimmed, start_text, jvm_zone_name)
    if dialect is None and iso_error is not None and not _looks_like_cron(trimmed):
        rejection = _shifted(iso_error, text, lead)
    elif dialect is None and iso_error is not None:
        cron = CronNotSimulatedError(text, "a cron expression")
    return TimerFacts(
        timer,
        dialect,
        engine,
        jvm_zone,
        jvm_zone_name,
        now,
        trimmed,
        lead,
        rejection,
        cron,
        fires,
        iso,
        period,
        repetitions,
        start_text,
    )


def _iso_reading(
    kind: TimerKind, trimmed: str, start: str | None, jvm_zone_name: str
) -> tuple[Schedule | None, Duration | None, ScheduleError | None]:
    """The text as ISO 8601 reads it: a cycle (a start without an offset read in the JVM's zone,
    as every engine that accepts one reads it), a duration, or a date-time."""
    from isorepeat.dialects import parse
    from isorepeat.duration import Duration

    try:
        if kind == "timeCycle":
            local = start is not None and start[:1].isdigit() and not has_offset(start)
            schedule = parse(trimmed, tz=jvm_zone_name if local else None)
            return schedule, schedule.period, None
        if kind == "timeDuration":
            return None, Duration.parse(trimmed), None
        parse(f"R1/{trimmed}/PT1S")  # a date-time, through the schedule grammar
        return None, None, None
    except ScheduleError as error:
        if kind == "timeCycle":
            return None, _last_period(trimmed), error
        if kind == "timeDate":
            error = ScheduleError(
                error.message, trimmed, max(0, min(error.column - 3, len(trimmed))), error.hint
            )
        return None, None, error


def _last_period(trimmed: str) -> Duration | None:
    """The period of a cycle ISO 8601 rejects as a whole (``R3/PT0S``: a zero period repeats), if
    its last part is one."""
    from isorepeat.duration import Duration

    try:
        return Duration.parse(trimmed.rsplit("/", 1)[-1])
    except ScheduleError:
        return None


def _looks_like_cron(text: str) -> bool:
    """Five to seven blank-separated fields, none of them ISO 8601: what every engine's cron reads."""
    fields = text.split()
    return 5 <= len(fields) <= 7 and not text.upper().startswith(("R", "P"))


def _shifted(error: ScheduleError, text: str, lead: int) -> ScheduleError:
    """``error`` about the trimmed text, as an error about ``text`` (its column moved by ``lead``)."""
    return ScheduleError(error.message, text, error.column + lead, error.hint)
