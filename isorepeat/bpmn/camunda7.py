"""Camunda 7 (camunda-bpm-platform@3dd653fe): how its engine reads and fires a timer start event.

Reading (at deployment, ``BpmnDeployer.java:240-249`` → ``TimerDeclarationImpl.createStartTimerInstance``):

* The element's text is ``String.trim()``-ed (``BpmnParse.java:3618``) and becomes an expression;
  ``${…}``/``#{…}`` (JUEL) is not simulated.
* The business calendar follows the element (``TimerDeclarationType.java``): ``timeCycle`` →
  ``CycleBusinessCalendar`` (``CycleBusinessCalendar.java:44-60``: ``R…`` → ``DurationHelper``,
  anything else → cron-utils' Spring 5.3 cron, ``CronTimer.java:52-62``); ``timeDuration`` →
  ``DurationBusinessCalendar`` (``DurationBusinessCalendar.java:44-52``: ``DurationHelper`` too,
  ``R3/PT10M`` included); ``timeDate`` → ``DueDateBusinessCalendar`` (``:42-60``: ``P…`` is a Joda
  period from now, else ``DateTimeUtil.parseDateTime`` in the JVM zone).
* ``DurationHelper`` (:mod:`isorepeat.bpmn._camunda7_cycle`) reads periods with the JDK's
  ``javax.xml.datatype`` and steps with ``GregorianCalendar`` in the JVM zone, whatever offset the
  start was written with (:mod:`isorepeat.bpmn._xml_duration`).
* The first due date is ``resolveDuedate(text)`` at now (``TimerDeclarationImpl.java:109-153``). A
  cycle keeps ``repeat = prepareRepeat(text)`` (``:96-107,159-164``): a start-less ``R…/P`` gets
  now, formatted ``yyyy-MM-dd'T'HH:mm:ss`` in the JVM zone, as its start (``TimerEntity.java:
  178-183``), so the first due keeps now's milliseconds and the later ones lie on a grid cut to
  the second. ``timeDate`` and ``timeDuration`` keep no repeat: they fire once.

Firing (``JobEntity.java:119-137`` → ``TimerEntity.preExecute``, ``TimerEntity.java:82-116``):
before the process starts, ``calculateNewDueDate()`` (``:199-205``) reads the same repeat again
with the current clock; a date → a new timer with the same repeat (``:64-80,189-197``); ``null`` →
the series ends. A late fire therefore skips the grid points it missed, and a finite ``R<n>``
loses them. If reading the repeat throws, the job fails before the process starts (it is retried,
then gets an incident): the timer never fires.

``JobManager.schedule`` (``JobManager.java:110-115``) refuses a timer without a due date
(``ensureNotNull("duedate")``), so in the engine a cycle whose grid ended before the deployment
fails the deployment; BPMN.md's harness did not run it, and its vectors show such a timer created
without a due date and fired at once. :data:`CAMUNDA7` follows the vectors; set
``schedule_checks_due_date=True`` for the engine's own check.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Final, final

from isorepeat.bpmn._camunda7_cron import CRON_FLAVOUR, check_cron
from isorepeat.bpmn._camunda7_cycle import DurationSpec, Walk, date_after, date_after_walk, read_duration
from isorepeat.bpmn._camunda7_text import (
    Part,
    format_now,
    java_split,
    java_trim,
    parse_joda_date,
    parse_joda_period,
)
from isorepeat.bpmn.timers import CronNotSimulatedError, FireOutcome, Millis, TimerKind, TimerState
from isorepeat.errors import ScheduleError, fail, unrepresentable
from isorepeat.joda.arithmetic import joda_plus
from isorepeat.units import NS_PER_MS
from isorepeat.zones import Zone

__all__ = ["CAMUNDA7", "Camunda7Engine"]

_REPEAT: Final = "repeat"


@final
@dataclass(frozen=True, slots=True)
class Camunda7Engine:
    """Camunda 7's timer classes as a :class:`~isorepeat.bpmn.timers.TimerEngine` (see the module).

    ``schedule_checks_due_date``: ``False`` (the default, as BPMN.md's vectors) lets a first timer
    without a due date be created and fire at once; ``True`` models ``JobManager.schedule``'s
    ``ensureNotNull("duedate")``, which fails such a deployment (NullValueException "duedate is null").
    """

    schedule_checks_due_date: bool = False

    @property
    def name(self) -> str:
        return "camunda7"

    def deploy(self, text: str, kind: TimerKind, now: Millis, jvm_zone: Zone) -> TimerState:
        """``createStartTimerInstance``: the first timer, read at ``now`` in the JVM zone.

        :raises ScheduleError: where the engine fails the deployment (messages keep the engine's
            own in parentheses, e.g. ``ENGINE-09028 Cannot parse duration``).
        :raises CronNotSimulatedError: for a ``timeCycle`` cron-utils accepts.
        """
        begin, stop = java_trim(text)
        expression = [
            index for index in (text.find("${", begin, stop), text.find("#{", begin, stop)) if index >= 0
        ]
        if expression:
            fail(
                "Camunda 7 evaluates ${...} and #{...} as JUEL expressions, which isorepeat does not "
                "simulate",
                text,
                min(expression),
            )
        if kind == "timeDate":
            return TimerState(_due_date(text, begin, stop, now, jvm_zone))
        if kind == "timeDuration":
            spec = read_duration(text, begin, stop, now, jvm_zone, "duration")
            return TimerState(self._scheduled(date_after(spec, now, jvm_zone), text, begin, spec))
        return self._deploy_cycle(text, begin, stop, now, jvm_zone)

    def _deploy_cycle(self, text: str, begin: int, stop: int, now: Millis, zone: Zone) -> TimerState:
        if not text.startswith("R", begin):
            check_cron(text, begin, stop)
            raise CronNotSimulatedError(text[begin:stop], CRON_FLAVOUR)
        spec = read_duration(text, begin, stop, now, zone, "cycle")
        due = self._scheduled(date_after(spec, now, zone), text, begin, spec)
        repeat = prepare_repeat(text[begin:stop], now, zone)
        return TimerState(due, ((_REPEAT, repeat),), _Memo(repeat, zone, _read_repeat(repeat, zone)))

    def _scheduled(self, due: Millis | None, text: str, begin: int, spec: DurationSpec) -> Millis | None:
        """``JobManager.schedule``'s check, when the engine is asked to make it."""
        if due is None and self.schedule_checks_due_date:
            fail(
                "Camunda 7 rejects a timer whose grid ended before the deployment: its due date is "
                'null, and JobManager.schedule requires one (NullValueException "duedate is null")',
                text,
                begin + 1 if spec.is_repeat else begin,
                "write a start in the future, or R without a count",
            )
        return due

    def fire(self, timer: TimerState, clock: Millis, jvm_zone: Zone) -> FireOutcome:
        """``TimerEntity.preExecute`` at ``clock``: the next timer of a cycle, from its repeat.

        :raises CronNotSimulatedError: for a timer whose repeat is a cron (``deploy`` never makes one).
        """
        state = dict(timer.state)
        repeat = state.get(_REPEAT)
        if not isinstance(repeat, str):
            return FireOutcome(fired=True, next=None)  # timeDate, timeDuration: no repeat
        memo = timer.memo
        if not (isinstance(memo, _Memo) and memo.repeat == repeat and memo.zone == jvm_zone):
            memo = _Memo(repeat, jvm_zone, _read_repeat(repeat, jvm_zone))
        try:
            if isinstance(memo.spec, ScheduleError):
                raise memo.spec
            due, walk = date_after_walk(memo.spec, clock, jvm_zone, memo.walk)
        except ScheduleError as error:
            reason = (
                "the job fails before the process starts: calculateNewDueDate cannot read the "
                f"repeat {repeat!r} ({error.message}); it is retried, then gets an incident"
            )
            return FireOutcome(fired=False, next=None, reason=reason, error=error)
        if due is None:
            return FireOutcome(fired=True, next=None)
        return FireOutcome(fired=True, next=TimerState(due, timer.state, replace(memo, walk=walk)))


CAMUNDA7: Final = Camunda7Engine()
"""Camunda 7 as BPMN.md's vectors show it (``schedule_checks_due_date=False``)."""


def prepare_repeat(text: str, now: Millis, zone: Zone) -> str:
    """``TimerEntity.replaceRepeatCycleAndDate``: a text of two ``/``-parts (as Java's ``split``
    counts them: trailing empty parts dropped) gets now between them; every ``/`` is replaced, so
    ``R3/PT10S/`` becomes ``R3/<now>/PT10S/<now>/``, which the next fire cannot read."""
    if len(java_split(text, 0, len(text))) == 2:
        return text.replace("/", f"/{format_now(now, zone)}/")
    return text


def next_due(repeat: str, clock: Millis, zone: Zone) -> Millis | None:
    """``calculateNewDueDate()``: ``CycleBusinessCalendar.resolveDuedate(repeat, null, 0)`` at ``clock``.

    :raises ScheduleError: where the engine throws (ENGINE-09026).
    :raises CronNotSimulatedError: for a cron repeat.
    """
    spec = _read_repeat(repeat, zone)
    if isinstance(spec, ScheduleError):
        raise spec
    return date_after(spec, clock, zone)


@final
@dataclass(frozen=True, slots=True)
class _Memo:
    """The repeat as ``DurationHelper`` reads it, kept so that a fire need not read it again.

    The engine reads it at every fire; the reading never depends on the clock, because a repeat
    of two parts got its start from ``prepareRepeat``, so one reading serves every fire.
    """

    repeat: str
    zone: Zone
    spec: DurationSpec | ScheduleError
    walk: Walk | None = None  # where the last fire's walk of the grid stopped


def _read_repeat(repeat: str, zone: Zone) -> DurationSpec | ScheduleError:
    """``new DurationHelper(repeat)``, or the error it throws (then each fire fails)."""
    if not repeat.startswith("R"):
        check_cron(repeat, 0, len(repeat))
        raise CronNotSimulatedError(repeat, CRON_FLAVOUR)
    try:
        return read_duration(repeat, 0, len(repeat), 0, zone, "cycle")
    except ScheduleError as error:
        return error


def _due_date(text: str, begin: int, stop: int, now: Millis, zone: Zone) -> Millis:
    """``DueDateBusinessCalendar.resolveDuedate``: ``P…`` is ``DateTimeUtil.now().plus(period)``
    (Joda, in the JVM zone), anything else ``DateTimeUtil.parseDateTime`` (ENGINE-09027 on failure)."""
    if text.startswith("P", begin):
        period = parse_joda_period(text, begin, stop)
        due = joda_plus(zone, now * NS_PER_MS, period)
        if due is None:
            unrepresentable(
                "the due date is outside the years 0001-9999: Camunda 7 accepts it, isorepeat cannot "
                "represent it",
                text,
                begin,
            )
        return due // NS_PER_MS
    return parse_joda_date(text, Part(text[begin:stop], begin), zone, "timeDate")
