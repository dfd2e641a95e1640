"""Flowable's and Activiti's timer start events: one model, the differences as data.

Activiti is Flowable's ancestor, and both run the same glue (flowable/flowable-engine @53e93b66,
Activiti/Activiti @8246044d; BPMN.md):

* **Text.** Not trimmed (``TimeCycleParser.java:42`` ``xtr.getElementText()``): ``" R3/PT10S"`` does
  not start with ``R``. An empty text has no timer: "Timer needs configuration (either timeDate,
  timeCycle or timeDuration is needed)" (``TimerUtil.java:152-155``).
* **Deployment** (``TimerUtil.createTimerEntity``, Flowable ``TimerUtil.java:120-242``, Activiti
  ``:60-169``): the kind picks the calendar (``ProcessEngineConfigurationImpl.java:2420-2424``).
  ``timeCycle``: ``CycleBusinessCalendar.java:28-42``, a text starting with ``R`` to
  ``DurationHelper`` (:mod:`~isorepeat.bpmn._flowable_helper`) with ``maxIterations`` -1, any other
  to Quartz's ``CronExpression`` (:mod:`~isorepeat.bpmn._flowable_cron`); every exception becomes
  "Failed to parse cron expression: <text>", also for ``R`` texts that never reached cron.
  ``timeDate``: ``DueDateBusinessCalendar.java:33-64`` (a ``P`` period from now, else a date:
  Flowable's java.time ``DateUtil.parseDate``, Activiti's Joda ``DateTime.parse``). ``timeDuration``:
  ``DurationBusinessCalendar.java:32-39``, a ``DurationHelper`` without repeat (start + period, or
  the end). Dates inside a cycle: :mod:`~isorepeat.bpmn._flowable_dates` (Flowable) and
  :mod:`~isorepeat.bpmn._flowable_due` (Activiti). A cycle keeps ``repeat = prepareRepeat(text)``
  (``TimerUtil.java:290-296``): ``R…/P`` gets the deployment time after **every** ``/`` (Flowable
  ``Instant.toString()``, Activiti ``yyyy-MM-dd'T'HH:mm:ss`` in the JVM zone, so Activiti's later
  fires count from a start without milliseconds: ``R5/PT1.5S`` from ``.250`` is due 1.250 s, then
  2, 3, 4, 5 s, each one second, the fraction dropped, from 10:00:00.000).
* **Fire** (``DefaultJobManager.executeTimerJob``, Flowable ``:506-536``, Activiti ``:276-312``):
  ``maxIterations`` is the BPMN cycle's count (``R`` alone: ``Integer.MAX_VALUE``; -1 for the other
  kinds: ``DefaultInternalJobManager.java:269-319``); a timer due after its cycle's end
  (``CycleBusinessCalendar.validateDuedate``, ``DurationHelper.isValidDate``) is deleted unfired;
  else it fires, and ``TimerJobEntityManagerImpl.createAndCalculateNextTimer`` (Flowable ``:48-62,
  226-260``, Activiti ``:51-70,241-286``) turns ``R<n>`` into ``R<n-1>`` (``R1`` and ``R0`` end the
  series; ``R``, ``R-1``, ``R-2`` stay), resolves the next due date with ``maxIterations`` at the
  clock of the fire, and keeps it only if it is not after the cycle's end.

Where the engine re-reads a rewritten text it cannot parse (``R3/PT1M/``: four parts once every
``/`` carries the deployment time), ``executeTimerJob``'s end check already throws, before the job
handler runs (``DefaultJobManager.java:520``), so the real job fails and is retried; the vectors
(bpmn-1023) count that fire and end the series with the error, and so does this model (in the
engine the reschedule also runs in the fire's transaction, so its failure would undo the fire).

Not modelled, but the same code: a boundary timer is created when its activity is entered
(``ContinueProcessOperation``: Flowable executes the boundary behaviours right after the activity's,
``BoundaryTimerEventActivityBehavior.execute``), so ``now`` is the activation time; with
``cancelActivity="true"`` ``TimerUtil`` sets no ``repeat`` (ACT-1427), so a cycle fires once, as an
intermediate catch event's does (ACT-1951, no ``repeat`` and no end date). ``flowable:endDate`` (an
attribute of ``timeCycle``, ``TimeCycleParser.java:39-41``) is read when each job runs
(``DefaultInternalJobManager.java:241-265``, Flowable's ``DateUtil`` / Activiti's Joda) and then
replaces the cycle's own end in ``validateDuedate``: a timer due after it is deleted unfired, and no
timer after it is created. Expressions (``${…}``) and ``calendarName`` are refused or ignored.

Reused from isorepeat's Chronos dialect (read-only): Joda's ISO date-time scanner
(:class:`isorepeat.joda.grammar.JodaDateTimeParser`), Joda's period reader
(:func:`isorepeat.joda.grammar.parse_joda_period`) and ``DateTime.plus``
(:func:`isorepeat.joda.arithmetic.joda_plus`), for Activiti.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final, Literal, final

from isorepeat.bpmn._flowable_calendar import instant_text, is_representable, local_seconds_text
from isorepeat.bpmn._flowable_cron import check_quartz
from isorepeat.bpmn._flowable_dates import read_date_string, read_date_util
from isorepeat.bpmn._flowable_due import activiti_period_after, flowable_period_after, read_joda_date
from isorepeat.bpmn._flowable_helper import (
    WALK_LIMIT,
    WalkTooLongError,
    date_after,
    is_valid_date,
    read_helper,
)
from isorepeat.bpmn._flowable_text import JavaParseError, JavaUnrepresentableError
from isorepeat.bpmn._java import INT_MAX, java_split
from isorepeat.bpmn._java import parse_int as java_parse_int
from isorepeat.bpmn.timers import CronNotSimulatedError, FireOutcome, Millis, TimerKind, TimerState
from isorepeat.errors import ScheduleError, UnrepresentableError, WalkLimitError
from isorepeat.zones import Zone

__all__ = ["ACTIVITI", "FLOWABLE", "FlowableEngine", "FlowableVariant"]

DELETED_REASON: Final = (
    "timer deleted unfired: due date after the cycle's end (DefaultJobManager.executeTimerJob)"
)
_CRON: Final = "Quartz cron"


@final
@dataclass(frozen=True, slots=True)
class FlowableVariant:
    """What Activiti does differently from Flowable.

    ``dates``: how a cycle's start and end and a ``timeDate`` are read, ``"java.time"``
    (Flowable's ``DateUtil``) or ``"joda"`` (``ISODateTimeFormat.dateTimeParser()``), with the
    periods of a ``P…`` timeDate to match. ``repeat_start``: what ``prepareRepeat`` writes for
    now, ``"instant"`` (``2024-06-15T10:00:00.250Z``) or ``"local-seconds"``
    (``2024-06-15T12:00:00``, the JVM zone's wall time). ``quartz``: the copy of Quartz's
    ``CronExpression``; ``quartz_step_checks``: whether it checks ``5/99`` (2.3.0 does, 1.8.4 not).
    """

    label: str
    dates: Literal["java.time", "joda"]
    repeat_start: Literal["instant", "local-seconds"]
    quartz: str
    quartz_step_checks: bool


FLOWABLE_VARIANT: Final = FlowableVariant("Flowable", "java.time", "instant", "Quartz 2.3.0", True)
ACTIVITI_VARIANT: Final = FlowableVariant("Activiti", "joda", "local-seconds", "Quartz 1.8.4", False)


@final
@dataclass(frozen=True, slots=True)
class _Memo:
    """What the job carries besides ``repeat``: the BPMN text's kind, and the text itself (whose
    count ``DefaultInternalJobManager`` reads as ``maxIterations`` at every fire)."""

    kind: TimerKind
    text: str
    max_iterations: int


@final
@dataclass(frozen=True, slots=True)
class FlowableEngine:
    """Flowable's (or, with :data:`ACTIVITI_VARIANT`, Activiti's) timer start event, as
    :class:`isorepeat.bpmn.timers.TimerEngine` asks: see the module's docstring."""

    name: str
    variant: FlowableVariant

    def deploy(self, text: str, kind: TimerKind, now: Millis, jvm_zone: Zone) -> TimerState:
        """The timer ``TimerUtil.createTimerEntity`` creates at deployment time ``now``.

        :raises ScheduleError: where the deployment fails (the column of the character at fault).
        :raises CronNotSimulatedError: for a timeCycle Quartz accepts.
        """
        label = self.variant.label
        if not text:
            raise ScheduleError(
                f"{label} rejects an empty {kind}: the timer has no configuration, and the deployment fails "
                "with 'Timer needs configuration (either timeDate, timeCycle or timeDuration is needed)'",
                text,
                0,
                "write a timeCycle, timeDate or timeDuration",
            )
        _refuse_expression(label, text)
        if kind == "timeCycle":
            due = self._cycle_due(text, now, jvm_zone)
            state: tuple[tuple[str, object], ...] = (("repeat", self._prepare_repeat(text, now, jvm_zone)),)
            max_iterations = _max_iterations(text)
        else:
            due = self._due_date(text, kind, now, jvm_zone)
            state, max_iterations = (), -1
        if not is_representable(due):
            raise UnrepresentableError(
                f"{label} accepts the {kind} {text!r}, but its first due date is outside 0001-9999: "
                "isorepeat cannot represent it",
                text,
                0,
            )
        return TimerState(due, state, _Memo(kind, text, max_iterations))

    def fire(self, timer: TimerState, clock: Millis, jvm_zone: Zone) -> FireOutcome:
        """``executeTimerJob`` with the clock at ``clock``: the end check, the fire, the next timer."""
        memo = timer.memo
        if not isinstance(memo, _Memo):
            msg = f"the timer was not deployed by {self.name}'s model"
            raise TypeError(msg)
        repeat = dict(timer.state).get("repeat")
        if not isinstance(repeat, str) or not repeat.startswith("R"):
            return FireOutcome(fired=True, next=None)
        try:
            helper = read_helper(repeat, clock, jvm_zone, self._date_reader)
        except JavaParseError as error:
            return FireOutcome(fired=True, next=None, error=self._reread_error(error, repeat, memo))
        if timer.due is not None and not is_valid_date(helper, timer.due):
            return FireOutcome(fired=False, next=None, reason=DELETED_REASON)
        try:
            following = self._next_timer(repeat, memo, clock, jvm_zone)
        except ScheduleError as error:
            return FireOutcome(fired=True, next=None, error=error)
        return FireOutcome(fired=True, next=following)

    # -- deployment --------------------------------------------------------------------------

    def _date_reader(self, text: str, start: int, end: int, zone: Zone) -> tuple[int, bool]:
        """``DurationHelper.parseDate``: the variant's ISO reader, then ``Date.toString()``'s form;
        and whether the calendar it gives is proleptic (Flowable's ``GregorianCalendar.from``)."""
        if self.variant.dates == "joda":
            return read_joda_date(text, start, end, zone, fallback=True), False
        try:
            return read_date_util(text, start, end, zone), True
        except JavaUnrepresentableError:
            raise
        except JavaParseError as error:
            millis = read_date_string(text, start, end)
            if millis is None:
                piece = text[start:end]
                raise JavaParseError(
                    error.what, error.why, error.column, error.hint, f'Unparseable date: "{piece}"'
                ) from None
            return millis, False

    def _cycle_due(self, text: str, now: Millis, zone: Zone) -> Millis:
        """``CycleBusinessCalendar.resolveDuedate(text)``: DurationHelper for ``R…``, else cron."""
        if not text.startswith("R"):
            self._cron(text)
        engine_message = f"Failed to parse cron expression: {text}"
        try:
            helper = read_helper(text, now, zone, self._date_reader)
            return date_after(helper, -1, now, zone)
        except JavaParseError as error:
            raise self._rejection(error, text, "timeCycle", engine_message, misleading=True) from None
        except WalkTooLongError:
            raise self._walk_error(text) from None

    def _due_date(self, text: str, kind: TimerKind, now: Millis, zone: Zone) -> Millis:
        """``DueDateBusinessCalendar`` (timeDate) or ``DurationBusinessCalendar`` (timeDuration)."""
        try:
            if kind == "timeDuration":
                helper = read_helper(text, now, zone, self._date_reader)
                return date_after(helper, -1, now, zone)
            if text.startswith("P"):
                if self.variant.dates == "joda":
                    return activiti_period_after(text, now, zone)
                return flowable_period_after(text, now, zone)
            if self.variant.dates == "joda":
                return read_joda_date(text, 0, len(text), zone, fallback=False)
            return read_date_util(text, 0, len(text), zone)
        except JavaParseError as error:
            java = error.java or error.why
            raise self._rejection(error, text, kind, f"couldn't resolve duedate: {java}") from None
        except WalkTooLongError:
            raise self._walk_error(text) from None

    def _cron(self, text: str) -> None:
        """A timeCycle not starting with ``R``: Quartz's verdict, as an error either way."""
        variant = self.variant
        rejection = check_quartz(text, step_checks=variant.quartz_step_checks)
        if rejection is None:
            raise CronNotSimulatedError(text, _CRON)
        label = variant.label
        engine_message = f"Failed to parse cron expression: {text}"
        stripped = text.strip()
        if stripped != text and stripped.startswith("R"):
            why, column, hint = (
                f"{label} does not trim the text, so it does not start with 'R' and goes to the cron parser",
                0,
                f"remove the blanks: {stripped!r}",
            )
        elif text[:1] == "r":
            why, column, hint = (
                "the R must be upper case, else the text goes to the cron parser",
                0,
                "write R",
            )
        elif text[:1] in ("P", "p") or (text[:1].isdigit() and "/" in text):
            why, column, hint = (
                "a cycle must start with 'R', else the text goes to the cron parser",
                0,
                f"write R/{text} for a repeating cycle",
            )
        else:
            why, column, hint = f"{variant.quartz} rejects it", rejection.column, None
        raise ScheduleError(
            f"{label} rejects the timeCycle {text!r}: {why} ({rejection.message}); the engine's message: "
            f"{engine_message}",
            text,
            column,
            hint,
        )

    def _prepare_repeat(self, text: str, now: Millis, zone: Zone) -> str:
        """``TimerUtil.prepareRepeat``: ``R…/P`` gets now after every ``/``."""
        if not (text.startswith("R") and len(java_split(text)) == 2):
            return text
        stamp = instant_text(now) if self.variant.repeat_start == "instant" else local_seconds_text(now, zone)
        return text.replace("/", f"/{stamp}/")

    # -- the reschedule ------------------------------------------------------------------------

    def _next_timer(self, repeat: str, memo: _Memo, clock: Millis, zone: Zone) -> TimerState | None:
        """``createAndCalculateNextTimer``: the count down by one, the next due date at ``clock``."""
        parts = java_split(repeat)
        value = -1
        if len(parts) > 1 and parts[0].startswith("R") and len(parts[0]) > 1:
            value = java_parse_int(parts[0][1:]) or 0  # DurationHelper read the same count
            value = value - 1 if value > 0 else value
        if value == 0:
            return None
        if value > 0:
            repeat = "/".join([f"R{value}", *parts[1:]])
        try:
            helper = read_helper(repeat, clock, zone, self._date_reader)
            due = date_after(helper, memo.max_iterations, clock, zone)
        except JavaParseError as error:
            raise self._reread_error(error, repeat, memo) from None
        except WalkTooLongError:
            raise self._walk_error(repeat) from None
        if not is_valid_date(helper, due):
            return None
        if not is_representable(due):
            raise UnrepresentableError(
                f"{self.variant.label}'s next due date for {repeat!r} is outside 0001-9999: isorepeat "
                "cannot represent it",
                repeat,
                0,
            )
        return TimerState(due, (("repeat", repeat),), memo)

    # -- errors ------------------------------------------------------------------------------

    def _rejection(
        self, error: JavaParseError, text: str, kind: str, engine_message: str, *, misleading: bool = False
    ) -> ScheduleError:
        label = self.variant.label
        subject = f"{error.what} in the {kind} {text!r}" if error.what else f"the {kind} {text!r}"
        if isinstance(error, JavaUnrepresentableError):
            return UnrepresentableError(
                f"{label} accepts {subject}, but {error.why}: isorepeat cannot represent it",
                text,
                error.column,
            )
        said = "the engine's message, misleading here:" if misleading else "the engine's message:"
        return ScheduleError(
            f"{label} rejects {subject}: {error.why}; {said} {engine_message}",
            text,
            error.column,
            error.hint,
        )

    def _reread_error(self, error: JavaParseError, repeat: str, memo: _Memo) -> ScheduleError:
        """The rewritten ``repeat`` failing when the job runs: the error names and indexes it."""
        label = self.variant.label
        hint = error.hint
        if memo.text.endswith("/") and len(java_split(memo.text)) == 2:
            hint = (
                f"remove the '/' at the end of {memo.text!r}: prepareRepeat writes the deployment time "
                "after every '/'"
            )
        subject = (
            f"{error.what} in its rewritten cycle {repeat!r}"
            if error.what
            else f"its rewritten cycle {repeat!r}"
        )
        return ScheduleError(
            f"{label} cannot read {subject} when the timer runs: {error.why}; the engine's message: "
            f"Failed to parse cron expression: {repeat}",
            repeat,
            error.column,
            hint,
        )

    def _walk_error(self, text: str) -> WalkLimitError:
        return WalkLimitError(
            f"isorepeat stops following {self.variant.label}'s walk through {text!r} after {WALK_LIMIT:,} "
            "periods: the start is too far before now for this period",
            text,
            0,
            "write a start closer to now",
        )


def _refuse_expression(label: str, text: str) -> None:
    """``${…}`` and ``#{…}`` are JUEL expressions the engine evaluates: not simulated."""
    for marker in ("${", "#{"):
        column = text.find(marker)
        if column >= 0:
            raise ScheduleError(
                f"{label} evaluates {text!r} as an expression first, and isorepeat does not evaluate "
                "expressions",
                text,
                column,
                "write the text the expression gives",
            )


def _max_iterations(text: str) -> int:
    """``calculateMaxIterationsValue``: the cycle's ``R`` count, ``Integer.MAX_VALUE`` without one."""
    parts = java_split(text)
    if len(parts) > 1 and parts[0].startswith("R") and len(parts[0]) > 1:
        count = java_parse_int(parts[0][1:])
        return INT_MAX if count is None else count
    return INT_MAX


FLOWABLE: Final = FlowableEngine("flowable", FLOWABLE_VARIANT)
"""Flowable @53e93b66."""
ACTIVITI: Final = FlowableEngine("activiti", ACTIVITI_VARIANT)
"""Activiti @8246044d."""
