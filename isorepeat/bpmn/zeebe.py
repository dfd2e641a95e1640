"""Camunda 8 (Zeebe): how it reads a timer start event's text and fires the timer, as a model.

Sources: camunda/zeebe @288940c9 (``zeebe-2024``), ``Interval.java`` of the fix of
camunda/camunda#38987 (PR #49135; camunda/camunda @1371ee6e, ``zeebe-49135``, the released
behaviour) and ``TimerTriggerProcessor.java`` @0247819c with ``RepeatingInterval.java`` @77b2f902
(PR #63687, under review, ``zeebe-63687``). Paths below are under ``zeebe/``. The JDK classes
behave as JDK 17's; the model was checked against the engine's own time classes on one.

Reading (at deployment, ``TimerCatchEventExpressionValidator.java:46-125``, the same calls as
``CatchEventTransformer.java:107-155``):

* the element's text is trimmed as ``String.trim`` does (camunda xml-model ``getTextContent``);
* ``=`` and at least one character is FEEL (``FeelExpressionLanguage.java:39,56-67``); this model
  evaluates a FEEL string literal only (``="R/PT1H"``) and refuses any other FEEL;
* otherwise the text is a static expression, a NUMBER when ``new BigDecimal(text)`` succeeds and
  a STRING else (``StaticExpression.java:35-53``); no timer takes a NUMBER
  (``ExpressionProcessor.java:344-374``: "Expected result of the expression '10' to be 'STRING',
  but was 'NUMBER'.");
* ``timeCycle``: ``text.startsWith("R")`` -> ``RepeatingInterval.parse`` (``RepeatingInterval
  .java:88-109``: ``R/`` is infinite (-1), else ``Integer.parseInt`` of the count), else
  ``CronTimer.parse`` (``CronTimer.java:64-73``, Spring cron of cron-utils: see
  :mod:`~isorepeat.bpmn._zeebe_cron`);
* ``timeDuration``: ``Interval.parse`` (``ExpressionProcessor.java:149-175``), one fire;
* ``timeDate``: ``ZonedDateTime.parse`` (``ExpressionProcessor.java:187-224,420-439``), one fire
  at that instant (``TimeDateTimer.java:30-32,55-58``);
* ``Interval.parse`` (``Interval.java:184-212``): the part before the last ``/`` is a start
  (``ZonedDateTime.parse``, :mod:`~isorepeat.bpmn._zeebe_zdt`), the rest a ``Period``, a
  ``Duration`` (``T`` right after the ``P``), or both split at the first capital ``T``
  (:mod:`~isorepeat.bpmn._zeebe_java`).

Firing: the first timer's due date is ``timer.getDueDate(now)`` (``DeploymentCreateProcessor
.java:263-286``, ``CatchEventBehavior.java:340-367``) = ``Interval.toEpochMilli(now)``
(``Interval.java:77-93``). Without a start that is ``now + P``: plain milliseconds when the interval
is not calendar-based (no period and a duration under a day; ``Duration.toMillis``), else
``ZonedDateTime.ofInstant(now, JVM zone).plus(interval)``. With a start, 2024 returns the start when
it is after ``now`` and ``now + P`` otherwise (#38987); the fixed versions return ``max(start,
now)``. A timer triggers once ``dueDate <= now`` (``DbTimerInstanceState.java:87-96``), and after it
fires ``TimerTriggerProcessor.java:135-175`` reschedules it when ``repetitions == -1 ||
repetitions > 1`` (so ``R0``, ``R1`` and ``R-2`` fire once): the count drops by one (not -1), the
timer factory is evaluated again, and the new interval starts at ``Interval.withStart(lastDue)``
(``Interval.java:101-105``: the last due date in the start's zone, else the JVM zone, plus the
interval); its due date is ``getDueDate(clock)`` again, with the clock of the fire. Hence a late
fire is followed by ``clock + P`` in 2024 and by ``clock`` (at once) in 49135, and a zero or
negative period fires 1 ms apart. 63687 (``RepeatingInterval.nextOccurrenceAfter``) keeps the
natural next due date when it is after the clock and re-anchors it on ``clock + P`` otherwise.

Beyond start events (``CatchEventBehavior.java:149-207,248-259``): boundary and intermediate timers
are created when their element (or the activity a boundary event is attached to) is activated,
with the activation time as ``now`` and the element instance's variables for FEEL. A time cycle on
an interrupting boundary event (or interrupting event sub-process start) is rejected at deployment
("Interrupting timer event with time cycle is not allowed.", ``ModelUtil.java:398-415``); a
non-interrupting one fires and reschedules as above while the activity is active
(``EventHandle.java:66-78``); an intermediate catch event completes on its first fire, which
deletes the rescheduled timer (``IntermediateCatchEventProcessor.java:55-73``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final, Literal, NoReturn, TypeAlias, final

from isorepeat.bpmn._zeebe_cron import check_spring_cron
from isorepeat.bpmn._zeebe_java import (
    JavaDuration,
    JavaPeriod,
    is_big_decimal,
    java_trim,
    parse_duration,
    parse_duration_time,
    parse_int,
    parse_period,
)
from isorepeat.bpmn._zeebe_zdt import ZonedInstant, parse_zoned, plus_interval
from isorepeat.bpmn.timers import FireOutcome, Millis, TimerKind, TimerState
from isorepeat.calendar import MAX_INSTANT, MIN_INSTANT
from isorepeat.errors import ScheduleError, UnrepresentableError
from isorepeat.zones import Zone

__all__ = ["ZEEBE", "ZEEBE_2024", "ZEEBE_63687", "ZEEBE_VERSIONS", "ZeebeEngine", "ZeebeVersion"]

ZeebeVersion: TypeAlias = Literal["2024", "49135", "63687"]
ZEEBE_VERSIONS: Final[tuple[str, ...]] = ("2024", "49135", "63687")
"""Before #38987's fix, with it (released), and with PR #63687 (under review)."""

_NS_PER_MILLI: Final = 1_000_000
_DAY_NS: Final = 86_400 * 1_000_000_000
_KIND_TYPES: Final[dict[str, str]] = {
    "timeCycle": "a STRING",
    "timeDuration": "a duration, a period or a STRING",
    "timeDate": "a date-time or a STRING",
}
_NUMBER_HINTS: Final[dict[str, str]] = {
    "timeCycle": "write a repeating interval such as R/PT10S (every 10 seconds) or a cron expression",
    "timeDuration": "write a duration such as PT10S (10 seconds)",
    "timeDate": "write a date-time with an offset, such as 2024-07-01T10:00:00Z",
}


@final
@dataclass(frozen=True, slots=True)
class _Interval:
    """Zeebe's ``Interval``: an optional start, a ``Period`` and a ``Duration``."""

    start: ZonedInstant | None
    period: JavaPeriod
    duration: JavaDuration

    @property
    def calendar_based(self) -> bool:
        """``Interval.isCalendarBased``: a period, or a duration of a day or more, is added in
        the JVM zone; anything else as plain milliseconds."""
        return not self.period.is_zero or self.duration.nanos >= _DAY_NS


@final
@dataclass(frozen=True, slots=True)
class _Armed:
    """What a timer keeps in :attr:`TimerState.memo`: the parsed timer (the factory Zeebe
    evaluates again at each fire gives the same for a static text), ``None`` for a
    ``timeDate``; the text and the column of its interval, for errors."""

    text: str
    interval: _Interval | None
    column: int


@final
@dataclass(frozen=True, slots=True)
class ZeebeEngine:
    """Zeebe's timer classes in one of :data:`ZEEBE_VERSIONS` (the module says how they work).

    >>> from isorepeat.bpmn.timers import simulate_fires
    >>> from isorepeat.bpmn.zeebe import ZEEBE, ZEEBE_2024
    >>> from isorepeat.zones import resolve_tz
    >>> utc = resolve_tz("UTC")
    >>> deployed = 1_718_445_600_000  # 2024-06-15T10:00:00Z
    >>> cycle = "R3/2024-06-15T09:00:00Z/PT10M"  # a start an hour before the deployment
    >>> fires = simulate_fires(ZEEBE, cycle, "timeCycle", now=deployed, jvm_zone=utc)
    >>> [(due - deployed) // 60_000 for due in fires.due], fires.total
    ([0, 10, 20], 3)
    >>> fires = simulate_fires(ZEEBE_2024, cycle, "timeCycle", now=deployed, jvm_zone=utc)
    >>> [(due - deployed) // 60_000 for due in fires.due]
    [10, 20, 30]
    """

    version: ZeebeVersion = "49135"

    @property
    def name(self) -> str:
        return f"zeebe-{self.version}"

    def deploy(self, text: str, kind: TimerKind, now: Millis, jvm_zone: Zone) -> TimerState:
        """The timer deployment creates: its due date and ``repetitions``.

        :raises ScheduleError: where Zeebe rejects the text (the deployment fails).
        :raises CronNotSimulatedError: for a ``timeCycle`` that Zeebe reads as a cron expression
            and accepts.
        """
        start, end = _value_bounds(text, kind)
        if kind == "timeDate":
            moment = parse_zoned("timeDate", text, start, end, jvm_zone)
            return TimerState(
                _checked(moment.millis, text, start), (("repetitions", 1),), _Armed(text, None, start)
            )
        if kind == "timeDuration":
            repetitions, interval = 1, _parse_interval(text, start, end, jvm_zone)
        elif text.startswith("R", start):
            repetitions, interval = _parse_repeating(text, start, end, jvm_zone)
        else:
            check_spring_cron(text, start, end)
        due = _checked(_due_date(self.version, interval, now, jvm_zone), text, start)
        return TimerState(due, (("repetitions", repetitions),), _Armed(text, interval, start))

    def fire(self, timer: TimerState, clock: Millis, jvm_zone: Zone) -> FireOutcome:
        """The timer fires; Zeebe reschedules it while ``repetitions`` is -1 or above 1.

        :raises TypeError: for a timer this engine did not create.
        :raises ValueError: before the timer is due (Zeebe triggers it only once ``dueDate <=
            now``).
        """
        armed = timer.memo
        if not isinstance(armed, _Armed) or timer.due is None:
            msg = "the timer was not created by ZeebeEngine.deploy or fire"
            raise TypeError(msg)
        if clock < timer.due:
            msg = f"Zeebe triggers a timer once it is due ({timer.due}), not at {clock}"
            raise ValueError(msg)
        repetitions = dict(timer.state)["repetitions"]
        assert isinstance(repetitions, int)
        if armed.interval is None or not (repetitions == -1 or repetitions > 1):
            return FireOutcome(fired=True, next=None)
        interval = _with_start(armed.interval, timer.due, jvm_zone)
        if self.version == "63687" and not _start_millis(interval) > clock:
            interval = _with_start(armed.interval, clock, jvm_zone)
        due = _due_date(self.version, interval, clock, jvm_zone)
        try:
            _checked(due, armed.text, armed.column)
        except UnrepresentableError as error:
            return FireOutcome(fired=True, next=None, error=error)
        left = repetitions if repetitions == -1 else repetitions - 1
        return FireOutcome(fired=True, next=TimerState(due, (("repetitions", left),), armed))


ZEEBE: Final = ZeebeEngine()
"""Zeebe as released: with the fix of #38987 (a start in the past fires at once)."""
ZEEBE_2024: Final = ZeebeEngine("2024")
"""Zeebe before the fix of #38987: a start in the past is read as now + the interval."""
ZEEBE_63687: Final = ZeebeEngine("63687")
"""Zeebe with PR #63687: an overdue reschedule lands one interval after the fire, not at once."""


# -- the due date (Interval.toEpochMilli, Interval.withStart) ----------------------------------


def _due_date(version: str, interval: _Interval, now: Millis, jvm_zone: Zone) -> Millis:
    """``RepeatingInterval.getDueDate(now)`` = ``Interval.toEpochMilli(now)`` of ``version``."""
    if interval.start is None:
        return _after(interval, now, jvm_zone)
    start = interval.start.millis
    if version == "2024":
        return start if start > now else _after(interval, now, jvm_zone)
    return max(start, now)


def _after(interval: _Interval, now: Millis, jvm_zone: Zone) -> Millis:
    """``now`` plus the interval: plain milliseconds, or in the JVM zone when calendar-based."""
    if not interval.calendar_based:
        return now + interval.duration.to_millis()
    return plus_interval(
        ZonedInstant(now * _NS_PER_MILLI, jvm_zone), interval.period, interval.duration
    ).millis


def _with_start(interval: _Interval, instant: Millis, jvm_zone: Zone) -> _Interval:
    """``Interval.withStart(instant)``: the instant in the start's zone (else the JVM's) plus
    the interval becomes the start."""
    zone = interval.start.zone if interval.start is not None else jvm_zone
    moved = plus_interval(ZonedInstant(instant * _NS_PER_MILLI, zone), interval.period, interval.duration)
    return _Interval(moved, interval.period, interval.duration)


def _start_millis(interval: _Interval) -> Millis:
    assert interval.start is not None  # withStart always sets one
    return interval.start.millis


def _checked(due: Millis, text: str, column: int) -> Millis:
    """``due``, when isorepeat can show it (years 0001-9999)."""
    if not MIN_INSTANT // _NS_PER_MILLI <= due <= MAX_INSTANT // _NS_PER_MILLI:
        message = (
            "the timer is due outside the years 0001-9999: Zeebe schedules it; isorepeat cannot represent it"
        )
        raise UnrepresentableError(message, text, column)
    return due


# -- reading the text ------------------------------------------------------------------------


def _value_bounds(text: str, kind: TimerKind) -> tuple[int, int]:
    """Where the string the timer factory parses lies in ``text``: the trimmed text, or the
    content of a FEEL string literal.

    :raises ScheduleError: for a NUMBER, or FEEL other than a string literal.
    """
    start, end = java_trim(text)
    if end - start >= 2 and text[start] == "=":
        return _feel_string(text, start, end)
    if is_big_decimal(text[start:end]):
        message = (
            f"Zeebe rejects the {kind} {text[start:end]!r}: a text that is a number is a NUMBER "
            f"to Zeebe, and a {kind} must be {_KIND_TYPES[kind]}"
        )
        raise ScheduleError(message, text, start, _NUMBER_HINTS[kind])
    return start, end


_FEEL_BLANKS: Final = " \t\n\r\f\v"


def _feel_string(text: str, start: int, end: int) -> tuple[int, int]:
    """The content of ``="…"`` (no escapes), the one FEEL expression this model evaluates."""
    pos = start + 1
    while pos < end and text[pos] in _FEEL_BLANKS:
        pos += 1
    close = text.find('"', pos + 1, end) if pos < end and text[pos] == '"' else -1
    if close >= 0 and "\\" not in text[pos:close] and not text[close + 1 : end].strip(_FEEL_BLANKS):
        return pos + 1, close
    message = (
        "Zeebe evaluates a timer text that starts with '=' as a FEEL expression, "
        "and isorepeat evaluates none but a string literal"
    )
    hint = 'write the value it evaluates to, or a FEEL string literal such as ="R/PT1H"'
    raise ScheduleError(message, text, start, hint)


def _parse_repeating(text: str, start: int, end: int, jvm_zone: Zone) -> tuple[int, _Interval]:
    """``RepeatingInterval.parse``: ``R<count>/<interval>``, the count up to the first ``/``."""
    slash = text.find("/", start, end)
    if slash < 0:
        message = (
            f"Zeebe rejects the timeCycle {text[start:end]!r}: a repeating interval needs '/' and an interval"
        )
        raise ScheduleError(message, text, end, f"write {text[start:end]}/PT1H, or R/PT1H to repeat for ever")
    if slash == start + 1:
        return -1, _parse_interval(text, slash + 1, end, jvm_zone)
    count = parse_int(text[start + 1 : slash])
    if count is None:
        message = (
            f"Zeebe rejects the repetition count {text[start + 1 : slash]!r}: "
            "Integer.parseInt reads a whole number from -2147483648 to 2147483647"
        )
        raise ScheduleError(message, text, start + 1, "write R5/… for 5 fires, or R/… to repeat for ever")
    return count, _parse_interval(text, slash + 1, end, jvm_zone)


def _parse_interval(text: str, start: int, end: int, jvm_zone: Zone) -> _Interval:
    """``Interval.parse(text[start:end])``: ``[start/]interval``, split at the last ``/``."""
    last = text.rfind("/", start, end)
    begin = last + 1 if last >= start else start
    moment = None
    unrepresentable = None
    if last > start:
        try:
            moment = parse_zoned("start", text, start, last, jvm_zone)
        except UnrepresentableError as error:
            unrepresentable = error  # raised once the interval is read: Zeebe may reject that
        except ScheduleError as error:
            _reject_period_end(error, text, start, last, end)
    interval = _parse_period_part(text, moment, begin, end, jvm_zone)
    if unrepresentable is not None:
        raise unrepresentable
    return interval


def _parse_period_part(
    text: str, moment: ZonedInstant | None, begin: int, end: int, jvm_zone: Zone
) -> _Interval:
    """The part after the last ``/``: a period, a duration, or both split at the capital ``T``."""
    minus = begin < end and text[begin] == "-"
    signed = begin < end and text[begin] in "+-"
    capital_t = text.find("T", begin, end)
    try:
        if capital_t < 0:
            return _Interval(moment, parse_period(text, begin, end), JavaDuration())
        if capital_t == begin + signed + 1:
            return _Interval(moment, JavaPeriod(), parse_duration(text, begin, end))
        period = parse_period(text, begin, capital_t)
        return _Interval(moment, period, parse_duration_time(text, capital_t, end, minus))
    except ScheduleError as error:
        _reject_end_form(error, text, moment, begin, end, jvm_zone)


def _reject_period_end(error: ScheduleError, text: str, start: int, last: int, end: int) -> NoReturn:
    """A start that fails to parse; ``R5/PT90M/2025-08-01T03:00:00Z`` gets a hint of its own."""
    if text[start : start + 1] in ("P", "-", "+") and "P" in text[start : start + 2]:
        hint = f"Zeebe has no period/end form: write a start before the period, R…/<start>/{text[start:last]}"
        raise ScheduleError(error.message, text, error.column, hint) from None
    raise error


def _reject_end_form(
    error: ScheduleError, text: str, moment: ZonedInstant | None, begin: int, end: int, jvm_zone: Zone
) -> NoReturn:
    """An interval that fails to parse; ``R3/<start>/<end>`` gets the period to write instead."""
    if moment is None or not text[begin : begin + 4].isdigit():
        raise error
    try:
        finish = parse_zoned("end", text, begin, end, jvm_zone)
    except ScheduleError:
        raise error from None
    message = (
        f"Zeebe rejects the end {text[begin:end]!r}: its cycles have no start/end form, only start/period"
    )
    hint = f"write the period between them instead: {_format_duration(finish.millis - moment.millis)}"
    raise ScheduleError(message, text, begin, hint) from None


def _format_duration(millis: int) -> str:
    """A length of time as ``PT1H30M`` (seconds with a fraction when needed)."""
    sign, millis = ("-" if millis < 0 else ""), abs(millis)
    hours, rest = divmod(millis, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    seconds = f"{rest // 1000}.{rest % 1000:03d}".rstrip("0").rstrip(".") if rest else ""
    parts = (
        (f"{hours}H" if hours else "")
        + (f"{minutes}M" if minutes else "")
        + (f"{seconds}S" if seconds else "")
    )
    return f"{sign}PT{parts or '0S'}"
