"""The ``check`` rules for BPMN timers: one function per code (IR300-IR316), each small.

A rule reads a :class:`~isorepeat.bpmn.facts.TimerFacts` and yields :class:`TimerFinding`\\ s:
what it found, and the index of the character in the timer's text it is about. The facts hold
the engine's own verdict (its deployment, a simulation of its fires), so a rule says what the
engine *does*, in its words and with the issue where users met it, and what ISO 8601 means.

>>> from isorepeat.bpmn.rules import BPMN_CODES
>>> BPMN_CODES["IR302"]
('warning', 'repeat-count-differs')
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Final, final

from isorepeat.bpmn.timers import millis_text

if TYPE_CHECKING:
    from isorepeat.bpmn.facts import TimerFacts
    from isorepeat.bpmn.timers import TimerFires
    from isorepeat.chronos.diagnostics import Severity
    from isorepeat.zones import Zone

__all__ = ["BPMN_CODES", "FILE_CODES", "TIMER_RULES", "TimerFinding"]

BPMN_CODES: Final[dict[str, tuple[Severity, str]]] = {
    "IR300": ("error", "engine-rejects-timer"),
    "IR301": ("error", "unreadable-bpmn"),
    "IR302": ("warning", "repeat-count-differs"),
    "IR303": ("warning", "start-in-past"),
    "IR304": ("error", "zone-suffix-rejected"),
    "IR305": ("warning", "cycle-on-interrupting-event"),
    "IR306": ("warning", "zero-period"),
    "IR307": ("warning", "month-end-drift"),
    "IR308": ("warning", "jvm-zone-arithmetic"),
    "IR309": ("warning", "dst-gap-drift"),
    "IR310": ("warning", "time-date-in-past"),
    "IR311": ("note", "cron-not-checked"),
    "IR312": ("note", "engine-guessed"),
    "IR313": ("warning", "fraction-dropped"),
    "IR314": ("warning", "end-not-an-end"),
    "IR315": ("warning", "cycle-in-duration"),
    "IR316": ("warning", "start-without-offset"),
    "IR317": ("warning", "not-iso-8601"),
}
"""Each code's severity and short name: the one place that gives them (docs/diagnostics.rst)."""

FILE_CODES: Final = frozenset({"IR301", "IR312"})
"""The codes about a whole file rather than one timer."""

_GRID_ENGINES: Final = frozenset({"camunda7", "flowable", "activiti"})
"""The engines that compute every date in the JVM's zone and read a start without an offset there."""
_ZONE_SUFFIX: Final = re.compile(r"\[[^\]]*\]")


@final
@dataclass(frozen=True, slots=True)
class TimerFinding:
    """What a rule found: ``index`` is the character of the timer's text it is about (``None``:
    the text's first character)."""

    code: str
    message: str
    hint: str | None = None
    index: int | None = None


def _utc(millis: int | None) -> str:
    return "at once" if millis is None else millis_text(millis)


def _start_index(facts: TimerFacts) -> int:
    """Where the start is in the timer's text (after ``R<n>/``)."""
    return facts.lead + facts.trimmed.index("/") + 1


# -- IR300, IR304: the engine rejects the text --------------------------------------------------


def ir300_engine_rejects_timer(facts: TimerFacts) -> Iterator[TimerFinding]:
    """The engine rejects the text: the deployment fails. Zeebe also rejects any cycle on an
    interrupting event (``ModelUtil.java:398-415``) or an intermediate catch event."""
    if facts.dialect is None:
        return  # IR317: ISO 8601's verdict, without an engine's
    error = facts.rejection
    if error is None:
        if facts.dialect == "zeebe" and facts.kind == "timeCycle":
            yield from _zeebe_rejects_the_event(facts)
        return
    if _ZONE_SUFFIX.search(facts.trimmed):
        return
    yield TimerFinding("IR300", error.message, error.hint, min(error.column, len(facts.timer.text)))


def _zeebe_rejects_the_event(facts: TimerFacts) -> Iterator[TimerFinding]:
    """Zeebe's validators: no cycle on an interrupting event (``ModelUtil.java:398-415``), none on
    an intermediate catch event (``IntermediateCatchEventValidator.java:60-66``)."""
    hint = _interrupting(facts)
    if hint is not None:
        message = "an interrupting timer event with a time cycle is not allowed"
    elif facts.timer.event == "intermediateCatchEvent":
        message = "an intermediate timer catch event must have a time duration or a time date"
        hint = "write a timeDuration (or a timeDate) for the wait"
    else:
        return
    yield TimerFinding("IR300", f"Camunda 8 (Zeebe) rejects the deployment: {message}", hint, facts.lead)


def _interrupting(facts: TimerFacts) -> str | None:
    """How to make the event that holds the timer non-interrupting; ``None`` when it is not one."""
    timer = facts.timer
    if timer.event == "boundaryEvent" and timer.cancel_activity is not False:
        return 'set cancelActivity="false" to fire on every cycle'
    if timer.event == "startEvent" and timer.in_event_subprocess and timer.interrupting is not False:
        return 'set isInterrupting="false" to fire on every cycle'
    return None


def ir304_zone_suffix_rejected(facts: TimerFacts) -> Iterator[TimerFinding]:
    """A ``[Zone]`` suffix the engine does not read (camunda-docs#1102: Zeebe takes
    ``+02:00[Europe/Berlin]`` but not ``2024-07-01T10:00:00[Europe/Berlin]``; Camunda 7, Flowable
    and Activiti take none)."""
    error = facts.rejection
    suffix = _ZONE_SUFFIX.search(facts.trimmed)
    if error is None or suffix is None:
        return
    hint = error.hint
    if hint is None:
        hint = (
            "write the offset before the zone, e.g. 2024-07-01T10:00:00+02:00[Europe/Berlin]"
            if facts.dialect == "zeebe"
            else f"write the offset (+02:00) and no [zone]: {facts.engine} computes in the JVM's zone"
        )
    yield TimerFinding("IR304", error.message, hint, min(error.column, len(facts.timer.text)))


# -- IR302: R<n> counted differently ------------------------------------------------------------


def ir302_repeat_count_differs(facts: TimerFacts) -> Iterator[TimerFinding]:
    """``R<n>`` that the engine fires another number of times than ISO 8601's n: Camunda 7's n + 1
    with a start (camunda-bpm-platform#5476), ``R0`` once everywhere, ``R-1`` for ever in Zeebe."""
    n = facts.repetitions
    if facts.dialect is None or facts.kind != "timeCycle" or n is None or facts.rejection or facts.cron:
        return
    index = facts.lead + 1
    has_start = facts.start_text is not None
    if n < 0:
        does = {
            "zeebe": "for ever (-1 is its marker of an infinite cycle)" if n == -1 else "once",
            "camunda7": "once",
        }.get(facts.dialect, "without end, one fire a millisecond after the other")
        yield TimerFinding(
            "IR302",
            f"R{n}: ISO 8601 has no negative count; {facts.engine} fires it {does}",
            "write R/ for a cycle without end, or R<n> with n >= 1",
            index,
        )
    elif n == 0:
        yield TimerFinding(
            "IR302",
            f"R0 fires once on {facts.engine}; in ISO 8601 R0 never runs",
            "write R1 to fire once; remove the timer to never fire",
            index,
        )
    elif facts.dialect == "camunda7" and has_start:
        rest = facts.trimmed[facts.trimmed.index("/") :]
        yield TimerFinding(
            "IR302",
            f"Camunda 7 fires R{n} with a start {n + 1} times, not {n}: the start, then {n} repeats "
            "(camunda-bpm-platform#5476)",
            f"write R{n - 1}{rest} for {n} fires"
            if n > 1
            else "remove the start to fire once, one period after deployment",
            index,
        )


# -- IR303, IR310: in the past ------------------------------------------------------------------


def ir303_start_in_past(facts: TimerFacts) -> Iterator[TimerFinding]:
    """A cycle's start before the deployment: what the engine does with it (Zeebe fires at once
    and then keeps the deployment's phase, camunda/camunda#13647; Camunda 7, Flowable and
    Activiti go to the next point of the start's grid, or fire what is left at once)."""
    schedule, fires = facts.iso, facts.fires
    if facts.kind != "timeCycle" or schedule is None or fires is None or schedule.start_ns is None:
        return
    start = schedule.start_ns // 1_000_000
    if start >= facts.now or facts.start_text is None:
        return
    first = fires.due[0] if fires.due else None
    if first is None or first <= facts.now + 1:
        does = "fires it at once when deployed"
    else:
        does = f"first fires it at {_utc(first)}"
    if facts.dialect == "zeebe":
        does += ", then every period from the deployment time, off the start's grid (camunda/camunda#13647)"
    elif _bunched(fires):
        does += ", then fires the runs its count has left 1 ms apart"
    yield TimerFinding(
        "IR303",
        f"the start {facts.start_text} is before the deployment ({_utc(facts.now)}): {facts.engine} {does}",
        "write a start in the future, or leave the start out to count from the deployment (R/PT1H)",
        _start_index(facts),
    )


def _bunched(fires: TimerFires) -> bool:
    """Fires a millisecond apart: the catch-up of a count left over from a past start."""
    due = [d for d in fires.due if d is not None]
    return len(due) >= 2 and all(b - a <= 1 for a, b in itertools.pairwise(due))


def ir310_time_date_in_past(facts: TimerFacts) -> Iterator[TimerFinding]:
    """A start event's ``timeDate`` before the deployment: the engine starts the process once, at once."""
    fires = facts.fires
    if facts.kind != "timeDate" or facts.timer.event != "startEvent" or fires is None or not fires.due:
        return
    due = fires.due[0]
    if due is None or due >= facts.now:
        return
    yield TimerFinding(
        "IR310",
        f"the timeDate {facts.trimmed} is before the deployment ({_utc(facts.now)}): {facts.engine} "
        "starts the process once, as soon as it is deployed",
        "write a date in the future, or remove the timer",
        facts.lead,
    )


# -- IR305: a cycle that can fire once ---------------------------------------------------------


def ir305_cycle_on_interrupting_event(facts: TimerFacts) -> Iterator[TimerFinding]:
    """A ``timeCycle`` that can fire only once: on an interrupting boundary event (``cancelActivity``
    not ``false``) or event subprocess's start, the first fire cancels the activity and the timer
    (Zeebe rejects such a timer outright: IR300); on an intermediate catch event, the token moves
    on (Camunda 7 gives such a timer no repeat)."""
    timer = facts.timer
    if facts.kind != "timeCycle" or facts.rejection is not None or facts.repetitions == 1:
        return
    hint = _interrupting(facts)
    if hint is not None and facts.dialect != "zeebe":
        what = (
            "an interrupting boundary event"
            if timer.event == "boundaryEvent"
            else ("an interrupting event subprocess's start")
        )
        yield TimerFinding(
            "IR305",
            f"a timeCycle on {what} fires only once: the first fire cancels the activity, "
            "and its timer with it",
            f"{hint}, or write a timeDuration for one fire",
            facts.lead,
        )
    elif timer.event == "intermediateCatchEvent" and facts.dialect != "zeebe":
        yield TimerFinding(
            "IR305",
            "a timeCycle on an intermediate catch event fires only once: the token moves on at the "
            "first fire",
            "write a timeDuration (or a timeDate) for the wait, or a non-interrupting boundary "
            "event to repeat",
            facts.lead,
        )


# -- IR306, IR313: periods the engine cannot keep -------------------------------------------------


def ir306_zero_period(facts: TimerFacts) -> Iterator[TimerFinding]:
    """A period of zero, under a millisecond, or negative: the engine fires one timer after the other,
    a millisecond apart (each is due when the last fired)."""
    if facts.rejection is not None or facts.cron is not None or facts.kind != "timeCycle":
        return
    period = facts.period
    negative = "/-P" in facts.trimmed or re.search(r"P[^/]*-", facts.trimmed) is not None
    short = period is not None and period.is_fixed and period.fixed_nanoseconds < 1_000_000
    dropped = (
        period is not None
        and facts.dialect in ("flowable", "activiti")
        and period.is_fixed
        and period.fixed_nanoseconds < 1_000_000_000
        and period.nanoseconds
    )
    if not (negative or short or dropped):
        return
    what = "negative" if negative else "shorter than the engine's millisecond" if short else "under a second"
    why = (
        f"{facts.engine} drops its fraction, leaving zero"
        if dropped and not short
        else "each timer is due when the last one fired"
    )
    yield TimerFinding(
        "IR306",
        f"a period {what}: {why}, so it fires every millisecond, as fast as the engine can",
        "write a period of at least a second, e.g. PT1S",
        facts.lead + facts.trimmed.rfind("P"),
    )


def ir313_fraction_dropped(facts: TimerFacts) -> Iterator[TimerFinding]:
    """Flowable and Activiti drop a period's fraction of a second (``PT1.5S`` fires every second)."""
    period, fires = facts.period, facts.fires
    if facts.dialect not in ("flowable", "activiti") or period is None or not period.nanoseconds:
        return
    if period.is_fixed and period.fixed_nanoseconds < 1_000_000_000:
        return  # IR306 says it
    due = [d for d in (fires.due if fires is not None else ()) if d is not None]
    every = f", so it fires every {(due[2] - due[1]) / 1000:g} s" if len(due) >= 3 else ""
    yield TimerFinding(
        "IR313",
        f"{facts.engine} drops the fraction of a second from {period}{every}",
        "write whole seconds (PT1.5S as PT1S or PT2S), or milliseconds are lost on every fire",
        facts.lead + facts.trimmed.rfind("P"),
    )


# -- IR307, IR308, IR309: drift ----------------------------------------------------------------


def ir307_month_end_drift(facts: TimerFacts) -> Iterator[TimerFinding]:
    """A month-based period from a day after the 28th: every engine adds it to the last due date,
    so the runs drift to the shortest month's day and stay there (Jan 31, Feb 29, Mar 29)."""
    schedule = facts.iso
    if facts.dialect is None or schedule is None or schedule.start is None or facts.rejection:
        return
    period = schedule.period
    if not period.total_months:
        return
    start = schedule.start
    if start.day <= 28:
        return
    yield TimerFinding(
        "IR307",
        f"start on day {start.day} with a period of {period}: {facts.engine} adds the period to the "
        "last due date, so after a month without that day the runs stay on the day they reached "
        "(Jan 31, Feb 29, Mar 29, ...); ISO 8601 counts each run from the start",
        "start on a day from 1 to 28, or one timer per month-end run",
        _start_index(facts),
    )


def ir308_jvm_zone_arithmetic(facts: TimerFacts) -> Iterator[TimerFinding]:
    """Camunda 7, Flowable and Activiti add days and months in the JVM's zone, whatever the start's
    offset: in a zone with DST, a ``Z`` start's runs move by an hour in UTC at each change."""
    schedule = facts.iso
    if facts.dialect not in _GRID_ENGINES or schedule is None or facts.jvm_zone.fixed_offset is not None:
        return
    period = schedule.period
    if not facts.start_has_offset or not (period.total_days or period.total_months):
        return
    yield TimerFinding(
        "IR308",
        f"{facts.engine} adds {period} in the JVM's zone ({facts.jvm_zone_name}), not in the start's "
        "offset: the runs move by the DST shift in UTC at each change",
        f"write the start without an offset to mean {facts.jvm_zone_name} time, "
        "or a fixed period (PT24H) to keep UTC",
        _start_index(facts),
    )


def ir309_dst_gap_drift(facts: TimerFacts) -> Iterator[TimerFinding]:
    """A daily (or longer) cycle whose time of day falls in a DST gap: on the gap's day the engine
    moves the run (Zeebe to after the gap, the others an hour earlier) and keeps the new time."""
    schedule = facts.iso
    if facts.dialect is None or schedule is None or schedule.start is None or facts.rejection:
        return
    period = schedule.period
    if not (period.total_days or period.total_months):
        return
    zone = _arithmetic_zone(facts)
    if zone is None or zone.fixed_offset is not None:
        return
    from isorepeat.bpmn._gaps import gap_containing

    gap = gap_containing(zone, schedule.start_ns or 0)
    if gap is None:
        return
    moved = "to after the gap" if facts.dialect == "zeebe" else "an hour earlier"
    yield TimerFinding(
        "IR309",
        f"the runs' time of day is in the DST gap of {gap}: {facts.engine} moves that day's run {moved} "
        "and keeps the new time of day for every run after it",
        "start at a time of day outside 01:00-03:00 local, or use a fixed period (PT24H)",
        _start_index(facts),
    )


def _arithmetic_zone(facts: TimerFacts) -> Zone | None:
    """The zone the engine adds days in: the JVM's (Camunda 7, Flowable, Activiti), else the start's."""
    schedule = facts.iso
    if facts.dialect in _GRID_ENGINES:
        return facts.jvm_zone
    return None if schedule is None else schedule.zone


# -- IR311: cron -------------------------------------------------------------------------------


def ir311_cron_not_checked(facts: TimerFacts) -> Iterator[TimerFinding]:
    """A cron expression: the engine reads it, isorepeat does not simulate cron."""
    cron = facts.cron
    if cron is None:
        return
    flavour = f" ({cron.engine})" if facts.dialect is not None else ""
    yield TimerFinding(
        "IR311",
        f"a cron expression{flavour}: not checked; isorepeat reads ISO 8601 timers",
        None,
        facts.lead,
    )


# -- IR314, IR315, IR316: forms the engines read their own way -------------------------------------


def ir314_end_not_an_end(facts: TimerFacts) -> Iterator[TimerFinding]:
    """``R/start/end`` and ``R/P/end`` as the engines read them: Camunda 7's end bounds nothing,
    Flowable re-reads ``R/P/end`` from its clock at every fire (BPMN.md)."""
    schedule = facts.iso
    if facts.dialect not in _GRID_ENGINES or schedule is None or facts.rejection is not None:
        return
    if schedule.form == "interval":
        does = (
            "takes end - start as the period and fires past the end"
            if facts.dialect == "camunda7"
            else "takes end - start as the period and stops at the end"
        )
    elif schedule.form == "end":
        does = (
            "counts the runs back from the end: n + 1 of them"
            if facts.dialect == "camunda7"
            else "adds the period to its clock at every fire, so each late fire moves the rest"
        )
    else:
        return
    yield TimerFinding(
        "IR314",
        f"{facts.engine} reads {facts.trimmed.split('/', 1)[0]}/…/… its own way: it {does}",
        "write R<n>/start/period, which every engine reads alike",
        facts.lead + facts.trimmed.index("/") + 1,
    )


def ir315_cycle_in_duration(facts: TimerFacts) -> Iterator[TimerFinding]:
    """A cycle in a ``timeDuration``: Camunda 7, Flowable and Activiti fire it once, after its period."""
    if facts.kind != "timeDuration" or not facts.trimmed.startswith("R") or facts.rejection is not None:
        return
    if facts.dialect is None:
        return
    yield TimerFinding(
        "IR315",
        f"a cycle in a timeDuration: {facts.engine} fires it once, after its period",
        "move it to a timeCycle to repeat, or write only the period",
        facts.lead,
    )


def ir316_start_without_offset(facts: TimerFacts) -> Iterator[TimerFinding]:
    """A start or date without an offset: read in the JVM's zone, so it fires at another instant on
    a server in another zone."""
    if facts.dialect not in _GRID_ENGINES or facts.rejection is not None or facts.start_text is None:
        return
    if facts.kind == "timeDuration" or facts.start_has_offset or not facts.start_text[:1].isdigit():
        return
    index = facts.lead if facts.kind == "timeDate" else _start_index(facts)
    yield TimerFinding(
        "IR316",
        f"{facts.start_text} has no offset: {facts.engine} reads it in the JVM's zone ({facts.jvm_zone_name} "
        "here), so it fires at another instant on a server in another zone",
        f"write the offset, e.g. {facts.start_text}Z",
        index,
    )


def ir317_not_iso_8601(facts: TimerFacts) -> Iterator[TimerFinding]:
    """A timer of a file that names no engine isorepeat models (a jBPM model, a generic one) that
    is not ISO 8601: a warning, since the file's own engine may read it (jBPM's ``1s###1s``)."""
    error = facts.rejection
    if facts.dialect is not None or error is None:
        return
    yield TimerFinding(
        "IR317",
        f"not ISO 8601: {error.message}",
        error.hint
        or "pass --dialect zeebe, camunda7, flowable or activiti to check it as that engine reads it",
        min(error.column, len(facts.timer.text)),
    )


TIMER_RULES: Final[tuple[Callable[[TimerFacts], Iterator[TimerFinding]], ...]] = (
    ir300_engine_rejects_timer,
    ir302_repeat_count_differs,
    ir303_start_in_past,
    ir304_zone_suffix_rejected,
    ir305_cycle_on_interrupting_event,
    ir306_zero_period,
    ir307_month_end_drift,
    ir308_jvm_zone_arithmetic,
    ir309_dst_gap_drift,
    ir310_time_date_in_past,
    ir311_cron_not_checked,
    ir313_fraction_dropped,
    ir314_end_not_an_end,
    ir315_cycle_in_duration,
    ir316_start_without_offset,
    ir317_not_iso_8601,
)
"""Every rule about one timer, in code order."""
