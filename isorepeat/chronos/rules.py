"""The diagnostics of ``check``: one small function per code of SEMANTICS §8.

Schedule rules read :class:`ScheduleFacts` (the schedule parsed once, its written form, the job's
zone and epsilon); job rules read a :class:`~isorepeat.chronos.jobs.Job`; set rules read every job
checked together. Each returns its findings and knows nothing of files: ``check`` places them.
"""

from __future__ import annotations

import difflib
import functools
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from graphlib import CycleError, TopologicalSorter
from itertools import islice
from typing import Final, final

from isorepeat.chronos.arithmetic import joda_fields, joda_plus, standard_seconds, wall_of
from isorepeat.chronos.chained import chronos_chain_step, gap_drift
from isorepeat.chronos.diagnostics import Finding
from isorepeat.chronos.dialect import ScheduleForm, parse_joda_period, schedule_form
from isorepeat.chronos.jobs import Job
from isorepeat.chronos.printing import format_joda_start
from isorepeat.chronos.zones import resolve_zone
from isorepeat.datetimes import format_offset, format_wall
from isorepeat.dialects import Dialect, dialect_named, parse
from isorepeat.duration import Duration
from isorepeat.errors import ScheduleError, UnrepresentableError
from isorepeat.schedule import Schedule
from isorepeat.units import NS_PER_DAY, NS_PER_MS, NS_PER_SECOND, NS_PER_US
from isorepeat.zones import is_repeated_wall_time

__all__ = [
    "JOB_RULES",
    "SCHEDULE_RULES",
    "ScheduleFacts",
    "schedule_facts",
    "set_findings",
]

_EPOCH_PLUS_ONE: Final = datetime(1970, 1, 1, 0, 0, 1, tzinfo=timezone.utc)
_JOB_NAME: Final = re.compile(r"[\w.-]+", re.ASCII)  # Java's \w is ASCII-only
_DRIFT_HORIZON: Final = 49  # four years of months: every month length comes round
_DAY: Final = timedelta(days=1)
_SCHEDULE_FIELDS: Final = ("name", "schedule", "scheduleTimeZone", "epsilon", "parents")


@final
@dataclass(frozen=True, slots=True)
class ScheduleFacts:
    """What the schedule rules look at: a job's schedule read once, in the chosen dialect.

    ``schedule`` is ``None`` when the text does not parse (``error`` says why); ``form`` is how
    it is written as Chronos reads it (``None`` where Chronos's grammar does not accept it).
    """

    text: str
    dialect: Dialect
    """The dialect the schedule is read in; ``check`` keeps the codes it applies (``check_rules``)."""
    tz: str | None
    jvm_zone: str | None
    schedule: Schedule | None
    error: ScheduleError | None
    form: ScheduleForm | None
    epsilon: Duration | None


def schedule_facts(
    text: str,
    *,
    dialect: str | Dialect = "chronos",
    tz: str | None = None,
    jvm_zone: str | None = None,
    epsilon: str | None = None,
    now: datetime | None = None,
) -> ScheduleFacts:
    """Parse ``text`` (with ``scheduleTimeZone`` ``tz``) once for every schedule rule.

    >>> from isorepeat.chronos.rules import schedule_facts
    >>> facts = schedule_facts("R/2014-10-10T18:32:00Z/PT60M", tz="PST")
    >>> facts.schedule.start.isoformat(), facts.form.offset_seconds
    ('2014-10-10T18:32:00-07:00', 0)
    """
    tz = tz or None  # Chronos writes "" for no zone
    spec = dialect_named(dialect)
    jvm = jvm_zone if "jvm_zone" in spec.options else None
    schedule: Schedule | None = None
    error: ScheduleError | None = None
    try:
        schedule = parse(text, dialect=spec, tz=tz, now=now if spec.resolves_on_read else None, jvm_zone=jvm)
    except ScheduleError as caught:
        error = caught
    form: ScheduleForm | None = None
    if schedule is not None or isinstance(error, UnrepresentableError):  # Chronos reads both
        try:
            form = schedule_form(text)
        except (ScheduleError, ValueError):
            form = None  # an iso form Chronos does not read (a zone suffix, duration first)
    period: Duration | None = None
    if epsilon:
        try:
            period = (spec.read_duration or Duration.parse)(epsilon)
        except ScheduleError:
            period = None  # IR106 reports it
    return ScheduleFacts(text, spec, tz, jvm_zone, schedule, error, form, period)


# -- schedule rules ------------------------------------------------------------------------------


def ir100_unparseable(facts: ScheduleFacts) -> Iterator[Finding]:
    """The schedule does not parse in the chosen dialect; the column is that of S1.

    What the engine accepts and isorepeat cannot represent is not this: IR101 or IR218 say it.
    """
    error = facts.error
    if error is not None and not isinstance(error, UnrepresentableError):
        engine = facts.dialect.engine
        what = f"{engine} rejects the schedule" if engine else "the schedule does not parse"
        hint = _template_hint(facts.text) or error.hint
        yield Finding("IR100", f"{what}: {error.message}", hint, index=error.column)


def ir101_start_before_1970(facts: ScheduleFacts) -> Iterator[Finding]:
    """Chronos answers a POST whose start is before 1970-01-01T00:00:01Z with 400.

    A start in a year up to 0001 that datetime cannot hold (``-0001-06-01``, or 0001-01-01 east
    of UTC) is long before 1970 whatever its offset: reported from the year Joda read.
    """
    schedule, form = facts.schedule, facts.form
    year = _unrepresentable_year(facts)
    if year is not None and year <= 1 and form is not None:
        yield Finding(
            "IR101",
            f"the start is in the year {year}, before 1970-01-01T00:00:01Z: Chronos rejects the job "
            "('Scheduled start date ... is before 1970!')",
            "start on or after 1970-01-01T00:00:01Z",
            index=form.start_column,
        )
        return
    if schedule is None or schedule.start is None or (form is not None and form.shape is None):
        return
    if schedule.start < _EPOCH_PLUS_ONE:
        yield Finding(
            "IR101",
            f"the start {schedule.start.isoformat()} is before 1970-01-01T00:00:01Z: Chronos "
            "rejects the job ('Scheduled start date ... is before 1970!')",
            "start on or after 1970-01-01T00:00:01Z",
            index=form.start_column if form is not None else _start_column(facts.text),
        )


def ir201_start_without_offset(facts: ScheduleFacts) -> Iterator[Finding]:
    """No offset and no zone: Chronos reads the start in the server's (JVM's) zone."""
    form = facts.form
    if form is None or form.shape is None or form.offset_seconds is not None or facts.tz:
        return
    if "jvm_zone" in facts.dialect.options:
        where = f" ({facts.jvm_zone} here, from --jvm-zone)" if facts.jvm_zone else ""
        message = (
            f"the start has no offset and the job no scheduleTimeZone: Chronos reads it in the "
            f"server's zone{where}, so the runs depend on where Chronos runs"
        )
    else:
        message = (
            "the start has no offset and there is no zone: isorepeat reads it as UTC, Chronos in "
            "the server's zone"
        )
    yield Finding(
        "IR201",
        message,
        "add an offset (Z for UTC) or set scheduleTimeZone",
        index=form.period_column - 1,
    )


def ir202_offset_discarded(facts: ScheduleFacts) -> Iterator[Finding]:
    """scheduleTimeZone keeps the start's wall time and discards its offset (S23).

    ``Z`` alone is not reported: Chronos's own documentation writes ``Z`` beside a zone as a
    placeholder (``R/2014-10-10T18:32:00Z/PT60M`` with ``PST``). A numeric offset that differs
    from the zone's says the author meant another instant; and on a wall time the zone repeats,
    where the discarded offset still picks the pass (CHRONOS.md §2), ``Z`` is reported too when
    the pass Chronos picks is not at the written offset.
    """
    schedule, form = facts.schedule, facts.form
    if not facts.tz or schedule is None or schedule.start is None or form is None:
        return
    if form.offset_seconds is None or form.offset_column is None:
        return
    start = schedule.start
    offset = start.utcoffset()
    assert offset is not None  # a parsed start is aware
    kept = format_offset(int(offset.total_seconds()))
    written = facts.text[form.offset_column : form.period_column - 1]
    wall = f"{start:%H:%M:%S}"
    if int(offset.total_seconds()) == form.offset_seconds:
        return
    if _repeated_wall_time(schedule):
        yield Finding(
            "IR202",
            f"the offset {written} is discarded, and {wall} happens twice in {facts.tz} on "
            f"{start:%Y-%m-%d}: Chronos picks the {kept} pass",
            f"write the offset of the pass you mean ({kept} is the one Chronos picks)",
            index=form.offset_column,
        )
    elif not form.utc_designator:
        yield Finding(
            "IR202",
            f"the offset {written} is discarded: scheduleTimeZone {facts.tz} keeps the wall time "
            f"{wall}, where its offset is {kept}",
            f"remove the offset, or write {kept} if {start:%H:%M} {facts.tz} is meant",
            index=form.offset_column,
        )


def ir203_surprising_zone_alias(facts: ScheduleFacts) -> Iterator[Finding]:
    """A zone name Chronos (Joda-Time) reads unlike what it seems to say: PST, BST, EST."""
    yield from _zone_notes(facts, "IR203")


def ir204_unknown_zone(facts: ScheduleFacts) -> Iterator[Finding]:
    """A zone name Chronos does not know: it silently uses UTC."""
    yield from _zone_notes(facts, "IR204")


def _zone_notes(facts: ScheduleFacts, code: str) -> Iterator[Finding]:
    """The parser's notes of one code, placed on ``scheduleTimeZone``."""
    if facts.schedule is None:
        return
    for note in facts.schedule.notes:
        if note.code == code:
            yield Finding(code, note.message, note.hint, where=("scheduleTimeZone",), index=0)


def ir205_month_end_drift(facts: ScheduleFacts) -> Iterator[Finding]:
    """Chained month arithmetic clamps the day once and keeps it for ever (CHRONOS.md §3.4).

    The first four years of chained runs are compared with the anchored series: the drift is
    reported exactly when Chronos leaves the day the series was written on.
    """
    schedule = facts.schedule
    if schedule is None or schedule.start is None:
        return
    period = schedule.period
    if not (period.months or period.years) or schedule.start.day < 29 or schedule.repetitions == 0:
        return
    try:
        pairs = zip(
            islice(schedule.occurrences(mode="chained"), _DRIFT_HORIZON),
            schedule.occurrences(mode="anchored"),
            strict=False,
        )
        for chained, anchored in pairs:
            if chained.date() != anchored.date():
                yield Finding(
                    "IR205",
                    f"start on day {schedule.start.day} with a period of {period}: Chronos adds the "
                    f"period to the previous run, so it runs on {chained.date()} instead of "
                    f"{anchored.date()} and stays on the earlier day for ever",
                    "start on day 28 or earlier; `isorepeat explain --dialect iso` shows the clamped dates",
                    index=_day_column(facts),
                )
                return
    except ScheduleError:
        return  # a period that does not move forward: IR207


def ir206_never_runs(facts: ScheduleFacts) -> Iterator[Finding]:
    """``R0``: no run at all."""
    if facts.schedule is not None and facts.schedule.repetitions == 0:
        yield Finding("IR206", "R0: the job never runs", "write R1 for one run, or R for ever", index=1)


def ir207_period_does_not_advance(facts: ScheduleFacts) -> Iterator[Finding]:
    """A zero period (n != 1) or one that does not move forward: Chronos runs the job continuously.

    "Moves forward" is the anchored queries' definition, :meth:`Duration.moves_forward_in` the
    schedule's zone (issue 13 A3): ``P1DT-1H`` (23 h) does in UTC and in New York, ``P1M-30D``
    does not (from January 31, 2016: February 29 less 30 days is January 30).
    """
    schedule = facts.schedule
    if schedule is None or schedule.repetitions in (0, 1):
        return
    period = schedule.period
    column = facts.form.period_column if facts.form is not None else _period_column(facts.text)
    if not any(joda_fields(period)):
        yield Finding(
            "IR207",
            "a zero period repeats the same instant: Chronos runs the job continuously",
            "write a positive period, e.g. PT1H, or R1 for a single run",
            index=column,
        )
        return
    if period.moves_forward_in(schedule.zone):
        return
    found = _first_step_back(schedule)
    if found is None:  # no run found that goes back: only the bound of the zone's clock refuses it
        from isorepeat.forward import why_not_forward

        message = (
            f"the period {period} may go back ({why_not_forward(period, schedule.zone)}): "
            "Chronos runs the job continuously from a step that does"
        )
    elif found[1]:  # one of this job's own steps in Chronos
        message = f"the period {period} goes back ({found[0]}): Chronos runs the job continuously"
    else:
        message = (
            f"the period {period} goes back ({found[0]}): "
            "Chronos runs the job continuously from a step that does"
        )
    yield Finding("IR207", message, "write a period whose fields are all positive", index=column)


def ir208_sub_millisecond(facts: ScheduleFacts) -> Iterator[Finding]:
    """Joda keeps milliseconds: finer fractions are cut off (start and period)."""
    form = facts.form
    if form is not None and form.truncated_column is not None:
        yield Finding(
            "IR208",
            "a fraction finer than a millisecond: Chronos truncates it to the millisecond",
            "write at most three fraction digits of a second",
            index=form.truncated_column,
        )


def ir209_empty_start(facts: ScheduleFacts) -> Iterator[Finding]:
    """``R//P...``: 'now' each time Chronos reads the job until it has run once.

    With a ``scheduleTimeZone`` the second run jumps too (issue 13 A1): Chronos reads the empty
    start in UTC and does not re-zone it (Iso8601Expressions.scala:52), stores the first run plus
    the period printed with ``Z`` (``create``, lines 88-93, at the launch: JobUtils.scala:88-121,
    JobScheduler.scala:191-210; in 2.5.1 ScheduleStream.scala:17-31), and the next parse keeps
    those wall fields in the zone (``withZoneRetainFields``, lines 70-78): the run moves by the
    zone's offset. The size is the one for a job posted at ``now``. Not where the clock puts the
    start before the year 0001, which isorepeat cannot represent.
    """
    form, schedule = facts.form, facts.schedule
    if form is None or form.shape is not None or schedule is None:
        return
    message = (
        "empty start: Chronos starts the job when it is posted, and again at once after every "
        "restart until its first run"
    )
    hint = "write the start, e.g. 2026-01-01T00:00:00Z"
    jump = _empty_start_jump(facts.tz, schedule)
    if jump is not None:
        message += f"; posted now, with scheduleTimeZone {facts.tz}, {jump}"
        hint = f"write the start as a wall time in {facts.tz}, e.g. 2026-01-01T00:00:00"
    yield Finding("IR209", message, hint, index=form.start_column)


def _empty_start_jump(tz: str | None, schedule: Schedule) -> str | None:
    """How far the second run of an empty start moves when Chronos re-reads it in ``tz``."""
    zone, start = schedule.zone, schedule.start_ns
    if not tz or zone is None or start is None or schedule.repetitions in (0, 1):
        return None
    schedule_zone = resolve_zone(tz).zone
    stored = joda_plus(zone, start, schedule.period)  # the first run plus P, in UTC
    step = chronos_chain_step(zone, start, schedule.period, schedule_zone, "compatible")
    if stored is None or step is None or step[0] == stored:
        return None
    second = step[0]
    minutes, seconds = divmod(abs(second - stored) // NS_PER_SECOND, 60)
    hours, minutes = divmod(minutes, 60)
    units = ((hours, "hour"), (minutes, "minute"), (seconds, "second"))
    size = " ".join(f"{value} {unit}{'' if value == 1 else 's'}" for value, unit in units if value)
    period = schedule.dialect_spec.format_period(schedule.period)
    wall = _time_of_day(wall_of(schedule_zone, second) % NS_PER_DAY)
    return (
        f"the second run comes {size} {'late' if second > stored else 'early'}: Chronos stores the "
        f"first run plus {period} in UTC, {format_joda_start(zone, stored)}, and reads it back as "
        f"{wall} in {tz} ({format_wall(second)[:19]}Z)"
    )


def ir210_reduced_start(facts: ScheduleFacts) -> Iterator[Finding]:
    """A time-only (``T05:50Z``) or year/month-only start: Joda fills the rest in."""
    schedule, form = facts.schedule, facts.form
    if schedule is None or form is None or schedule.start is None:
        return
    start = schedule.start.isoformat()
    if form.shape == "time-only":
        message = f"time-only start: Chronos reads it as {start}, long past, and runs the job at once"
    elif form.shape in ("year", "year-month"):
        message = f"reduced start: Chronos reads it as {start}"
    else:
        return
    yield Finding(
        "IR210", message, "write the whole date and time, e.g. 2026-01-01T05:50:00Z", index=form.start_column
    )


def ir212_fixed_offset_across_dst(facts: ScheduleFacts) -> Iterator[Finding]:
    """A numeric offset and no zone: every run keeps that offset, so local time shifts at DST.

    ``Z`` (and +00:00) is left alone: a UTC schedule means UTC.
    """
    schedule, form = facts.schedule, facts.form
    if facts.tz or schedule is None or form is None or not form.offset_seconds:
        return
    if _length_at_least_a_day(schedule.period):
        offset = facts.text[form.offset_column : form.period_column - 1]
        yield Finding(
            "IR212",
            f"fixed offset {offset} and no scheduleTimeZone: every run is at {offset}, so in a "
            "zone with DST the runs move by an hour of local time when the clocks change",
            "set scheduleTimeZone (e.g. America/Los_Angeles) to follow local time",
            index=form.offset_column,
        )


def ir213_short_period(facts: ScheduleFacts) -> Iterator[Finding]:
    """A period under a second (Chronos 3.x divides by zero), or shorter than the epsilon."""
    schedule = facts.schedule
    if schedule is None:
        return
    period = schedule.period
    column = facts.form.period_column if facts.form is not None else _period_column(facts.text)
    fields = joda_fields(period)
    whole_seconds = standard_seconds(period)
    if not (period.months or period.years) and any(fields) and whole_seconds == 0:
        yield Finding(
            "IR213",
            f"the period {period} is under a second: Chronos counts whole seconds and divides by "
            "zero when the job is late (ArithmeticException)",
            "write a period of at least PT1S",
            index=column,
        )
        return
    period_ms, epsilon_ms = _fixed_millis(period), _fixed_millis(facts.epsilon)
    if period_ms is not None and epsilon_ms is not None and 0 < period_ms < epsilon_ms:
        yield Finding(
            "IR213",
            f"the period {period} is shorter than the epsilon {facts.epsilon}: after an outage "
            "Chronos 2.x runs every missed occurrence still inside the epsilon, back to back",
            "make the epsilon shorter than the period",
            where=("epsilon",),
            index=0,
        )


def ir214_chronos2_cannot_count(facts: ScheduleFacts) -> Iterator[Finding]:
    """2.x counts skipped runs with ``toStandardSeconds`` unless months >= 1: years throw."""
    schedule = facts.schedule
    if schedule is None:
        return
    period = schedule.period
    if period.months < 1 and (period.months or period.years):
        column = facts.form.period_column if facts.form is not None else _period_column(facts.text)
        yield Finding(
            "IR214",
            f"Chronos 2.x cannot count the runs a late job skips for {period} "
            "(UnsupportedOperationException) and stops loading jobs (#869, #870)",
            f"write months instead of years, e.g. P{period.years * 12}M"
            if period.years > 0 and not period.months
            else "write a period with a positive number of months",
            index=column,
        )


def ir219_gap_drift(facts: ScheduleFacts) -> Iterator[Finding]:
    """A DST gap moves a chained wall time, and Chronos keeps the moved one (CHRONOS.md §3.4).

    Joda moves a wall time the clocks skip forward by the gap, and the next run is the moved one
    plus the period: a daily job at 02:30 in New York runs at 03:30 from the spring change on,
    for good. Reported with the date it starts and the wall time it keeps
    (:func:`~isorepeat.chronos.chained.gap_drift` finds them in the chained runs).
    """
    schedule, form = facts.schedule, facts.form
    if not facts.tz or schedule is None or form is None or form.start_wall_ns is None:
        return
    if schedule.repetitions is not None and schedule.repetitions < 2:
        return
    try:
        drift = gap_drift(schedule, form.start_wall_ns)
    except ScheduleError:
        return  # a chained walk beyond its bound
    if drift is None:
        return
    written, moved = _time_of_day(drift.written), _time_of_day(_wall_time_of_day(drift.moved))
    gap_from, gap_to = (_time_of_day(wall % NS_PER_DAY) for wall in drift.skipped)
    which = "the start" if drift.run == 0 else "that run"
    gap_day = format_wall(drift.skipped[0])[:10]  # the day of the gap, not of the run it moved
    time_column = facts.text.upper().find("T", form.start_column, form.period_column)
    yield Finding(
        "IR219",
        f"{written} does not exist in {facts.tz} on {gap_day}, when the clocks skip from "
        f"{gap_from} to {gap_to}: Chronos moves {which} to {moved} and, because it adds the period "
        f"to the run before, keeps {moved} for ever after",
        f"start at a time of day the clocks do not skip, or at {moved} if that is meant",
        index=time_column + 1 if time_column >= 0 else form.start_column,
    )


def ir218_unrepresentable_start(facts: ScheduleFacts) -> Iterator[Finding]:
    """The engine accepts a start that datetime cannot hold (UnrepresentableError, S34).

    A year after 9999 (``20261``, a typo for 2026) is stored as written and the job waits for
    it; anything else (an offset with a fraction of a second) leaves its runs unchecked.
    Years up to 0001 are IR101's: long before 1970, so Chronos rejects the job. An empty start
    put into effect before the year 0001 is about the clock, not the text: nothing is reported.
    """
    error, form = facts.error, facts.form
    if not isinstance(error, UnrepresentableError) or (form is not None and form.shape is None):
        return
    year = _unrepresentable_year(facts)
    if year is not None and year <= 1:
        return
    engine = facts.dialect.engine or "the engine"
    if year is not None and year >= 9999:
        yield Finding(
            "IR218",
            f"the start is in the year {year}: {engine} accepts it and does not run the job before then",
            f"check the year: {engine} stores the start as written and waits for it",
            index=error.column,
        )
        return
    yield Finding(
        "IR218",
        f"{error.message}, so its runs are not checked",
        error.hint or "write a start datetime can hold: a year in 0001-9999, an offset in whole seconds",
        index=error.column,
    )


SCHEDULE_RULES: Final[tuple[Callable[[ScheduleFacts], Iterator[Finding]], ...]] = (
    ir100_unparseable,
    ir101_start_before_1970,
    ir201_start_without_offset,
    ir202_offset_discarded,
    ir203_surprising_zone_alias,
    ir204_unknown_zone,
    ir205_month_end_drift,
    ir206_never_runs,
    ir207_period_does_not_advance,
    ir208_sub_millisecond,
    ir209_empty_start,
    ir210_reduced_start,
    ir212_fixed_offset_across_dst,
    ir213_short_period,
    ir214_chronos2_cannot_count,
    ir218_unrepresentable_start,
    ir219_gap_drift,
)


# -- job rules -----------------------------------------------------------------------------------


def ir102_bad_job_name(job: Job) -> Iterator[Finding]:
    """Chronos requires names matching ``[\\w.-]+`` (JobUtils.scala:22); Java's ``\\w`` is ASCII."""
    if job.kind != "job":
        return
    name = job.name
    if name is None:
        if job.node.get("name") is None:  # a name of another type is IR108's
            yield Finding("IR102", "the job has no name", 'add "name": "my-job"', where=())
        return
    if _JOB_NAME.fullmatch(name):
        return
    bad = next((i for i, char in enumerate(name) if not _JOB_NAME.fullmatch(char)), 0)
    found = repr(name[bad]) if name else "an empty name"
    yield Finding(
        "IR102",
        f"the job name {name!r} has {found}: Chronos accepts letters, digits, _, . and - only",
        _template_hint(name)
        or "write e.g. " + (re.sub(r"[^\w.-]+", "-", name, flags=re.ASCII).strip("-") or "my-job"),
        where=("name",),
        index=bad,
    )


def ir106_unparseable_epsilon(job: Job) -> Iterator[Finding]:
    """``epsilon`` is read with Joda's ``Period.parse`` (Chronos 2.x)."""
    if job.epsilon is None:
        return
    try:
        parse_joda_period(job.epsilon)
    except ScheduleError as error:
        yield Finding(
            "IR106",
            f"the epsilon does not parse: {error.message}",
            error.hint or "write a period such as PT60S",
            where=("epsilon",),
            index=error.column,
        )


def ir107_uris_and_fetch(job: Job) -> Iterator[Finding]:
    """Chronos rejects a job that sets both ``uris`` and ``fetch`` (400)."""
    uris, fetch = job.node.get("uris"), job.node.get("fetch")
    if uris is not None and fetch is not None and uris.value and fetch.value:
        yield Finding(
            "IR107",
            "both uris and fetch are set: Chronos rejects the job",
            "keep fetch (uris is the older form)",
            where=("uris",),
        )


def ir211_schedule_and_parents(job: Job) -> Iterator[Finding]:
    """A job with parents is a dependent job: Chronos ignores its schedule."""
    if job.parents and job.schedule:
        yield Finding(
            "IR211",
            "the job has both a schedule and parents: Chronos makes it a dependent job and "
            "ignores the schedule",
            "remove the schedule, or the parents",
            where=("schedule",),
        )


def ir215_duplicate_key(job: Job) -> Iterator[Finding]:
    """A key written twice in a job object: Chronos (Jackson) keeps the last one."""
    for key, _offset in job.repeated_keys:
        yield Finding(
            "IR215",
            f"{key!r} is written more than once in this job: Chronos keeps the last value",
            "remove the other ones",
            where=(key,),
            on_key=True,
        )


def ir216_misspelt_field(job: Job) -> Iterator[Finding]:
    """A key close to a schedule field (``scheduleTimezone``): Chronos ignores unknown keys."""
    members = job.node.value
    if job.kind != "job" or not isinstance(members, dict):
        return
    for key in members:
        meant = _misspelt_field(key)
        if meant is not None and meant not in members:
            yield Finding(
                "IR216",
                f"unknown field {key!r}: Chronos ignores it",
                f"did you mean {meant!r}?",
                where=(key,),
                on_key=True,
            )


@functools.lru_cache(maxsize=1024)
def _misspelt_field(key: str) -> str | None:
    """The schedule field ``key`` is probably a misspelling of (keys repeat across files)."""
    if key in _SCHEDULE_FIELDS:
        return None
    folded = key.replace("_", "").replace("-", "").casefold()
    matches = [field for field in _SCHEDULE_FIELDS if field.casefold() == folded]
    matches = matches or difflib.get_close_matches(key, _SCHEDULE_FIELDS, n=1, cutoff=0.85)
    return matches[0] if matches else None


def ir217_no_schedule_no_parents(job: Job) -> Iterator[Finding]:
    """Neither schedule nor parents: Chronos makes a one-shot job that runs when posted."""
    if job.kind == "job" and job.schedule is None and not job.parents:
        yield Finding(
            "IR217",
            "the job has neither a schedule nor parents: Chronos runs it once, when it is posted",
            'add "schedule": "R/2026-01-01T00:00:00Z/P1D" or "parents": [...]',
            where=(),
        )


JOB_RULES: Final[tuple[Callable[[Job], Iterator[Finding]], ...]] = (
    ir102_bad_job_name,
    ir106_unparseable_epsilon,
    ir107_uris_and_fetch,
    ir211_schedule_and_parents,
    ir215_duplicate_key,
    ir216_misspelt_field,
    ir217_no_schedule_no_parents,
)


# -- set rules -----------------------------------------------------------------------------------


def ir103_duplicate_names(jobs: Sequence[Job]) -> Iterator[tuple[Job, Finding]]:
    """Two jobs with one name: the later POST replaces the earlier job."""
    first: dict[str, Job] = {}
    for job in jobs:
        if job.kind != "job" or not job.name:
            continue
        if job.name not in first:
            first[job.name] = job
            continue
        other = first[job.name]
        line, col = other.source.position(other.locate(("name",)))
        yield (
            job,
            Finding(
                "IR103",
                f"the job name {job.name!r} is also used at {other.source.path}:{line}:{col}: the later "
                "job replaces the earlier one in Chronos",
                "give each job its own name",
                where=("name",),
            ),
        )


def ir104_unknown_parents(jobs: Sequence[Job]) -> Iterator[tuple[Job, Finding]]:
    """A parent that is none of the checked jobs (only meaningful for a complete set)."""
    names = {job.name for job in jobs if job.name}
    by_initial: dict[str, list[str]] = {}
    for name in sorted(names):
        by_initial.setdefault(name[:1].casefold(), []).append(name)
    for job in jobs:
        for index, parent in enumerate(job.parents or ()):
            if parent not in names:
                close = _closest_name(parent, by_initial)
                yield (
                    job,
                    Finding(
                        "IR104",
                        f"the parent {parent!r} is not among the checked jobs: Chronos rejects the job",
                        f"did you mean {close!r}?" if close else "add the parent job, or remove it here",
                        where=("parents", index),
                    ),
                )


def _closest_name(name: str, by_initial: dict[str, list[str]]) -> str | None:
    """The closest job name with the same first letter and about the same length: exactly
    ``difflib.get_close_matches(name, candidates, n=1)``, without its ratio for every candidate.

    Typos rarely hit the first letter; comparing with every name of a large set would make
    checking quadratic (difflib is slow), so only those names are candidates. Among them,
    ``ratio()`` is bounded above by ``quick_ratio()``: the candidates are taken in the order of
    that bound, and once it is below the best ratio found, no later candidate can beat it. Names
    that share a team's prefix all pass difflib's quick filters, so this is what keeps 50,000
    files linear (issue 16); ties go to the larger name, as ``get_close_matches``'s do.
    """
    matcher = difflib.SequenceMatcher()
    matcher.set_seq2(name)  # get_close_matches's way: its cache is for the second sequence
    bounded: list[tuple[float, str]] = []
    for other in by_initial.get(name[:1].casefold(), ()):
        if abs(len(other) - len(name)) > 3:
            continue
        matcher.set_seq1(other)
        if matcher.real_quick_ratio() >= _CUTOFF and (bound := matcher.quick_ratio()) >= _CUTOFF:
            bounded.append((bound, other))
    bounded.sort(reverse=True)
    best: tuple[float, str] | None = None
    for bound, other in bounded:
        if best is not None and bound < best[0]:
            break
        matcher.set_seq1(other)
        ratio = matcher.ratio()
        if ratio >= _CUTOFF and (best is None or (ratio, other) > best):
            best = (ratio, other)
    return None if best is None else best[1]


_CUTOFF: Final = 0.6
"""``difflib.get_close_matches``'s default cutoff, which the hints have always used."""


def ir105_dependency_cycles(jobs: Sequence[Job]) -> Iterator[tuple[Job, Finding]]:
    """Parents that depend on each other: none of the jobs in the cycle can ever run."""
    by_name = {job.name: job for job in jobs if job.name and job.parents}
    graph = {name: set(job.parents or ()) for name, job in by_name.items()}
    while True:
        try:
            TopologicalSorter(graph).prepare()
        except CycleError as cycle_error:
            # graphlib lists the cycle so that each name is a parent of the next: [a, b, ..., a].
            cycle: list[str] = cycle_error.args[1]
            child = by_name[cycle[1]]
            parents = list(child.parents or ())
            yield (
                child,
                Finding(
                    "IR105",
                    f"dependency cycle {' -> '.join(cycle)} (each a parent of the next): none of these "
                    "jobs can run",
                    "remove one of the parents in the cycle",
                    where=("parents", parents.index(cycle[0])),
                ),
            )
            names = cycle[:-1]
            for name in names:
                graph.pop(name, None)
            continue
        return


def set_findings(jobs: Sequence[Job], *, complete: bool) -> Iterator[tuple[Job, Finding]]:
    """The findings of the rules over the whole checked set (IR103, IR104, IR105)."""
    yield from ir103_duplicate_names(jobs)
    if complete:
        yield from ir104_unknown_parents(jobs)
    yield from ir105_dependency_cycles(jobs)


# -- helpers -------------------------------------------------------------------------------------


def _template_hint(text: str) -> str | None:
    """Job files often hold template placeholders; the rendered file is the one to check."""
    if "{{" in text or "${" in text or "<%" in text:
        return "this looks like a template placeholder: check the file after rendering it"
    return None


def _wall_time_of_day(moment: datetime) -> int:
    """The wall-clock time of day of an aware datetime, in ns after midnight."""
    seconds = (moment.hour * 60 + moment.minute) * 60 + moment.second
    return seconds * NS_PER_SECOND + moment.microsecond * NS_PER_US


def _time_of_day(ns: int) -> str:
    """``02:30``, with the seconds (and milliseconds) only where they are not zero."""
    seconds, fraction = divmod(ns, NS_PER_SECOND)
    minutes, second = divmod(seconds, 60)
    hour, minute = divmod(minutes, 60)
    text = f"{hour:02d}:{minute:02d}"
    if second or fraction:
        text += f":{second:02d}"
    if fraction:
        text += f".{fraction // NS_PER_MS:03d}"
    return text


def _unrepresentable_year(facts: ScheduleFacts) -> int | None:
    """The start's year as written, when the engine accepts a start datetime cannot hold."""
    form = facts.form
    if not isinstance(facts.error, UnrepresentableError) or form is None:
        return None
    return form.year


def _start_column(text: str) -> int:
    return text.find("/") + 1


def _period_column(text: str) -> int:
    return text.rfind("/") + 1


def _day_column(facts: ScheduleFacts) -> int:
    """The column of the day in a ``yyyy-MM-dd`` start, else of the start."""
    form = facts.form
    start = form.start_column if form is not None else _start_column(facts.text)
    if re.match(r"\d{4}-\d\d-\d\d", facts.text[start:]):
        return start + 8
    return start


def _repeated_wall_time(schedule: Schedule) -> bool:
    """The start's wall time falls in an overlap of its zone (the clocks go back over it)."""
    zone, wall = schedule.zone, schedule.start_wall_ns
    assert zone is not None
    assert wall is not None
    return is_repeated_wall_time(zone, wall)


def _fixed_millis(period: Duration | None) -> int | None:
    """Milliseconds of a period without months or years, as Joda counts them; else ``None``."""
    if period is None or period.months or period.years:
        return None
    return standard_seconds(period) * 1000 + joda_fields(period)[7]


def _length_at_least_a_day(period: Duration) -> bool:
    years, months, weeks, days, *_ = joda_fields(period)
    return bool(years or months or weeks or days) or standard_seconds(period) >= 86_400


def _first_step_back(schedule: Schedule) -> tuple[str, bool] | None:
    """``"from a to b"`` for a step that does not go forward, looked for where it is likeliest,
    and whether it is one of the chained steps Chronos itself takes.

    The first chained step (of four years' worth: what Chronos runs) that does not go forward;
    else the first anchored one of the first 1,000 runs (``"..., anchored runs 66 and 67"``); else
    the anchored runs of the start on which the calendar's step is shortest
    (:func:`isorepeat.forward.calendar_steps`), at the schedule's wall time in its zone
    (``"..., runs 0 and 1 of a start on 2001-01-31"``). ``None`` when none of them goes back.
    """
    previous: datetime | None = None
    for moment in islice(schedule.occurrences(mode="chained"), _DRIFT_HORIZON):
        if previous is not None and moment <= previous:
            return f"from {previous.isoformat()} to {moment.isoformat()}", True
        previous = moment
    zone, start, wall = schedule.zone, schedule.start_ns, schedule.start_wall_ns
    if zone is None or start is None or wall is None:
        return None
    period, advance = schedule.period, schedule.dialect_spec.arithmetic
    before = start
    for k in range(1, 1_000):
        run = advance(zone, start, wall, period, k, "compatible")
        if run is None:
            break
        if run <= before:
            return (
                f"from {zone.to_datetime(before).isoformat()} to {zone.to_datetime(run).isoformat()}, "
                f"anchored runs {k - 1} and {k}"
            ), False
        before = run
    from isorepeat.datetimes import EPOCH_ORDINAL
    from isorepeat.forward import calendar_steps
    from isorepeat.zones import instant_from_wall

    witness = calendar_steps(period.years, period.months, period.weeks, period.days).shortest_at
    wall = (witness.start.toordinal() - EPOCH_ORDINAL) * NS_PER_DAY + wall % NS_PER_DAY
    start = instant_from_wall(zone, wall, "compatible")
    earlier = start if witness.k == 1 else advance(zone, start, wall, period, witness.k - 1, "compatible")
    later = advance(zone, start, wall, period, witness.k, "compatible")
    if earlier is None or later is None or later > earlier:
        return None
    return (
        f"from {zone.to_datetime(earlier).isoformat()} to {zone.to_datetime(later).isoformat()}, "
        f"runs {witness.k - 1} and {witness.k} of a start on {witness.start.isoformat()}"
    ), False
