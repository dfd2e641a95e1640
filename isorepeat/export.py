"""Exporters: a schedule as an RFC 5545 recurrence rule or a 5-field cron, only where it is exact.

Shaped like this: a schedule is first read into one of three families, elapsed time (``PT15M``),
calendar days (``P1D``, ``P1W``) or calendar months (``P1M``, ``P1Y``), with its start, zone and
count (:class:`_Series`); each exporter then checks the conditions under which its target's
own rules give exactly the schedule's runs (month ends, the zone's clock changes from the start
to the end of the series, a dialect that chains its runs) and writes the text, or raises
:class:`NotExpressibleError` saying why. The zone's clock changes are found by sampling its
offsets, once per zone and century (:func:`_changes`), so the checks cover the whole series.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Final, Literal, NamedTuple, NoReturn, final

from isorepeat._types import Disambiguate, Nanos
from isorepeat.calendar import MAX_INSTANT, add_calendar, days_in_month
from isorepeat.chain import chains_as_anchored
from isorepeat.datetimes import EPOCH_ORDINAL, format_offset, format_wall
from isorepeat.schedule import Schedule
from isorepeat.units import NS_PER_DAY, NS_PER_HOUR, NS_PER_MINUTE, NS_PER_SECOND, SECONDS_PER_DAY
from isorepeat.zone_changes import (
    CYCLE_SECONDS,
    OffsetChange,
    first_change,
    offset_changes,
    repeats_every_cycle,
)
from isorepeat.zones import UTC_ZONE, Gap, Overlap, Unique, Zone, instant_from_wall, instant_of

__all__ = ["Cron", "NotExpressibleError", "to_cron", "to_rrule"]

Target = Literal["an RRULE", "a cron"]
Family = Literal["elapsed", "days", "months"]

_RRULE: Final[Target] = "an RRULE"
_CRON: Final[Target] = "a cron"
_WEEK_NS: Final = 7 * NS_PER_DAY


class NotExpressibleError(ValueError):
    """A schedule that the target (an RRULE, a cron) cannot express exactly: ``message`` says why,
    ``hint`` (when there is one) what would be expressible.

    ``schedule`` is the schedule's text, ``target`` ``"an RRULE"`` or ``"a cron"``.

    >>> from isorepeat import parse
    >>> from isorepeat.export import NotExpressibleError, to_cron
    >>> try:
    ...     to_cron(parse("R/2026-01-05T09:00:00Z/PT7M"))
    ... except NotExpressibleError as error:
    ...     print(error.message)
    PT7M does not divide an hour: a cron's minutes start again at every hour
    """

    def __init__(self, message: str, schedule: str, target: Target, hint: str | None = None) -> None:
        # Every field goes to args, so repr() is informative and pickling rebuilds the error.
        super().__init__(message, schedule, target, hint)
        self.message = message
        self.schedule = schedule
        self.target = target
        self.hint = hint

    def __str__(self) -> str:
        return self.message if self.hint is None else f"{self.message}\nhint: {self.hint}"


class Cron(NamedTuple):
    """A 5-field cron (minute hour day-of-month month day-of-week) and the IANA zone it is meant
    in: ``expression, zone = to_cron(schedule)``. The zone is a name every cron scheduler takes
    (Kubernetes' ``spec.timeZone``, Dagster's ``execution_timezone``, Prefect's ``timezone``);
    ``"UTC"`` for a schedule in UTC or at a fixed offset (its fields are then UTC's)."""

    expression: str
    zone: str


# -- the public functions ----------------------------------------------------------------------


def to_rrule(schedule: Schedule, /) -> str:
    """The RFC 5545 ``DTSTART`` and ``RRULE`` lines that denote exactly the runs of ``schedule``.

    Two lines, as ``dateutil.rrule.rrulestr`` and Prefect's ``RRuleSchedule`` read them:
    ``DTSTART;TZID=<zone>:<local time>`` (``DTSTART:<UTC time>Z`` in UTC, and for elapsed time
    in a zone whose offset changes), then ``RRULE:FREQ=...`` with ``INTERVAL`` (left out for 1),
    the month-end rule where a day is clamped, and ``COUNT`` for a finite schedule.

    >>> from isorepeat import parse, to_rrule
    >>> print(to_rrule(parse("R5/2026-01-31T09:00:00/P1M", tz="Europe/Berlin")))
    DTSTART;TZID=Europe/Berlin:20260131T090000
    RRULE:FREQ=MONTHLY;BYMONTHDAY=-1;COUNT=5

    :raises NotExpressibleError: where no RRULE has exactly these runs, saying why.
    """
    series = _read(schedule, _RRULE)
    if series.count == 0:
        _refuse(series, f"R0 has no runs, and {_RRULE} always has its DTSTART as the first")
    if series.family == "elapsed":
        return _elapsed_rrule(series)
    series = _calendar_in_named_zone(series)
    _check_rfc_start(series)
    _check_policy(series)
    start = _dtstart(series.zone, series.wall)
    if series.family == "days":
        return f"{start}\nRRULE:{_days_rule(series)}{_count(series)}"
    return f"{start}\nRRULE:{_months_rule(series)}{_count(series)}"


def to_cron(schedule: Schedule, /, *, now: datetime | None = None) -> Cron:
    """The 5-field cron whose firing times from the start on are exactly the runs of ``schedule``,
    and the zone it is meant in.

    A cron has no start and no count: the schedule must go on for ever, its start must be a
    firing time, and every firing time after it a run. A cron fires at every instant whose wall
    time in the zone matches, so a run whose wall time the zone skips or repeats is refused. With
    ``now``, the moment the cron is put into effect, a start after ``now`` is refused too when
    the cron would fire before it.

    >>> from isorepeat import parse, to_cron
    >>> to_cron(parse("R/2026-01-05T09:30:00/P1W", tz="Europe/Berlin"))
    Cron(expression='30 9 * * 1', zone='Europe/Berlin')

    :raises NotExpressibleError: where no cron has exactly these runs, saying why.
    """
    series = _read(schedule, _CRON)
    if series.count is not None:
        runs = "no runs" if series.count == 0 else f"{_plural(series.count, 'run')} and then ends"
        _refuse(
            series,
            f"R{series.count} has {runs}: {_CRON} has no count; it fires for ever",
            f"to_rrule() says COUNT={series.count}" if series.count else None,
        )
    series = _calendar_in_named_zone(series)
    if series.wall % NS_PER_MINUTE:
        _refuse(
            series, f"the start {_shown(series, series.start)} is not on a whole minute: {_CRON} fires at :00"
        )
    if series.family == "elapsed":
        fields, step = _elapsed_cron(series)
    elif series.family == "days":
        fields, step = _days_cron(series)
    else:
        fields, step = _months_cron(series)
    if now is not None:
        _check_put_into_effect(series, step, instant_of(now, "now"))
    return Cron(fields, _cron_zone(series.zone))


# -- the schedule as a series --------------------------------------------------------------------


@final
@dataclass(frozen=True, slots=True)
class _Series:
    """What both exporters read off a schedule: run 0, the zone, the count and the period's family.

    ``step`` is in the family's unit: ns of elapsed time, days, or months. ``wall`` is run 0's
    wall-clock fields in ``zone``, from which calendar arithmetic starts (S28: as written).
    ``last`` is the last instant the series reaches (the year 9999 for ever), so the zone's
    clock changes are looked at from the start to there.
    """

    text: str
    period: str
    start: Nanos
    wall: Nanos
    zone: Zone
    count: int | None
    last: Nanos
    family: Family
    step: int
    disambiguate: Disambiguate
    dialect: str
    target: Target
    anchored: bool
    """True in the iso dialect: month ends and clock changes are ISO 8601's (S28); False in a
    dialect whose arithmetic or chaining may differ there (then neither may happen)."""


def _read(schedule: Schedule, target: Target) -> _Series:
    """The schedule as a :class:`_Series`, or a refusal that holds for both targets."""
    text = str(schedule)
    start, zone, period = schedule.start_ns, schedule.zone, schedule.period
    if start is None or zone is None:
        raise NotExpressibleError(
            f"{text} starts when it is put into effect, so it has no start yet: {target} needs one",
            text,
            target,
            "export schedule.resolve(now), the schedule as put into effect",
        )
    fields = (period.years, period.months, period.weeks, period.days, period.hours, period.minutes)
    if any(value < 0 for value in (*fields, period.seconds, period.nanoseconds)):
        raise NotExpressibleError(f"{period} has a negative field: {target} only goes forward", text, target)
    if period.is_zero:
        raise NotExpressibleError(f"{period} repeats the same instant: {target} needs a period", text, target)
    count = schedule.run_count
    wall = _run0_wall(schedule, start)
    last = _last_instant(schedule, count)
    series = _Series(
        text, str(period), start, wall, zone, count, last, "elapsed", 0,
        schedule.disambiguate, schedule.dialect, target, schedule.dialect == "iso",
    )  # fmt: skip
    series = _with_family(series, schedule)
    if not series.anchored:
        _check_chain(series, schedule)
    return series


def _run0_wall(schedule: Schedule, start: Nanos) -> Nanos:
    """Run 0's wall fields: as written (S28), or counted back from the end for ``R/P/end`` (S17)."""
    end = schedule.end
    count = schedule.repetitions
    if schedule.form == "end" and end is not None and count is not None and not schedule.period.is_fixed:
        period = schedule.period
        wall = add_calendar(end.wall, -count * period.total_months, -count * period.total_days)
        if wall is not None:
            return wall
    wall = schedule.start_wall_ns
    return start if wall is None else wall


def _last_instant(schedule: Schedule, count: int | None) -> Nanos:
    """The last run of a finite schedule, else the end of the calendar (S40)."""
    if count is None or count == 0:
        return MAX_INSTANT
    try:
        last = schedule.occurrence(count - 1, mode="anchored")
    except IndexError:  # the year 9999 ends it first
        return MAX_INSTANT
    return instant_of(last, "the last run")


def _with_family(series: _Series, schedule: Schedule) -> _Series:
    """The series with its family and step, or a refusal for a period neither target has."""
    period = schedule.period
    months, days, elapsed = period.total_months, period.total_days, period.elapsed_nanoseconds
    if months and (days or elapsed):
        extra = "days" if days else "elapsed time"
        _refuse(
            series,
            f"{period} adds months and then {extra}: {series.target} repeats one unit",
            None,
        )
    if months:
        series = replace(series, family="months", step=months)
        end = schedule.end
        if schedule.form == "end" and end is not None and _day(end.wall) > _month_lengths(series)[0]:
            _refuse(
                series,
                f"{series.text} counts {period} back from the {_ordinal(_day(end.wall))}, each run "
                f"clamped to its month's end from there: {series.target} counts forward from its start",
                "end on a day from 1 to 28",
            )
        return series
    if days and elapsed:
        change = first_change(series.zone, series.start, series.last)
        if change is not None:
            _refuse(
                series,
                f"{period} is {_plural(days, 'day')} on the clock and then elapsed time, and in "
                f"{series.zone.name} {_plural(days, 'day')} may not be {_hours(days * NS_PER_DAY)}: "
                f"the clocks change at {_change_text(series, change)}",
                _as_hours_hint(days * NS_PER_DAY + elapsed),
            )
        return _elapsed(series, days * NS_PER_DAY + elapsed)
    if days:
        return replace(series, family="days", step=days)
    return _elapsed(series, elapsed)


def _as_hours_hint(elapsed: Nanos) -> str | None:
    if elapsed % NS_PER_HOUR:
        return None
    return f"write it as elapsed time, PT{elapsed // NS_PER_HOUR}H, if that is meant"


def _elapsed(series: _Series, step: Nanos) -> _Series:
    """An elapsed series: it starts from the start instant itself (S28: base_0, gap shift kept)."""
    wall = series.start + series.zone.offset_at(series.start) * NS_PER_SECOND
    return replace(series, family="elapsed", step=step, wall=wall)


def _check_chain(series: _Series, schedule: Schedule) -> None:
    """In a dialect other than iso (which may chain its runs, S35, and adds months its own way),
    the runs are ISO 8601's anchored ones only where no month end clamps and no clock change
    moves a run: refuse the rest, saying which."""
    chain_zone = schedule.chain_zone
    if chain_zone is not None and chain_zone != series.zone:
        _refuse(
            series,
            f"the {series.dialect} dialect shows the start in {series.zone.name} and reads its wall "
            f"time in {chain_zone.name} for the next run: the runs are not one series in one zone",
            "write the start",
        )
    if chains_as_anchored(schedule.period):
        return
    clamp = _clamped_month(series)
    if clamp is not None:
        _refuse(
            series,
            f"the {series.dialect} dialect runs {series.period} from the {_ordinal(_day(series.wall))} "
            f"each from the run before: after {clamp} the day drifts, where {series.target} keeps it",
            "start on a day from 1 to 28",
        )
    hit = _first_run_in_change(series, gaps=True, overlaps=True)
    if hit is not None:
        _refuse(
            series,
            f"the {series.dialect} dialect runs {series.period} each from the run before, and "
            f"{_clock_text(series, hit)}: after it the runs move, where "
            f"{series.target} keeps the wall time",
            "choose a time of day the clocks never skip or repeat",
        )


# -- RRULE -------------------------------------------------------------------------------------


def _elapsed_rrule(series: _Series) -> str:
    """Elapsed time: SECONDLY, MINUTELY or HOURLY, in UTC unless the zone's offset never changes
    (RFC 5545 repeats a TZID's local time, so an hour would be lost over a fall-back night)."""
    step = series.step
    if step % NS_PER_SECOND:
        _refuse(series, f"{series.period} has a fraction of a second: RFC 5545 counts whole seconds")
    if series.start % NS_PER_SECOND:
        _refuse(
            series,
            f"the start {_shown(series, series.start)} has a fraction of a second: "
            "RFC 5545 times have whole seconds",
        )
    zone = series.zone
    wall = series.start + zone.offset_at(series.start) * NS_PER_SECOND
    if (
        zone.key is None
        or first_change(zone, series.start, series.last) is not None
        or instant_from_wall(zone, wall, "compatible") != series.start  # the second pass of an overlap
    ):
        zone = UTC_ZONE
        wall = series.start
    seconds = step // NS_PER_SECOND
    for unit, frequency in ((3600, "HOURLY"), (60, "MINUTELY"), (1, "SECONDLY")):
        if seconds % unit == 0:
            rule = f"FREQ={frequency}{_interval(seconds // unit)}"
            break
    return f"{_dtstart(zone, wall)}\nRRULE:{rule}{_count(series)}"


def _days_rule(series: _Series) -> str:
    days = series.step
    if days % 7 == 0 and "D" not in series.period:
        return f"FREQ=WEEKLY{_interval(days // 7)}"
    return f"FREQ=DAILY{_interval(days)}"


def _months_rule(series: _Series) -> str:
    """MONTHLY or YEARLY, with the month end of S28 where the day is clamped: ``BYMONTHDAY=-1``
    where the day is the last of every month reached, else ``BYMONTHDAY=28,...,d;BYSETPOS=-1``
    (the last of those days the month has: min(d, its length), which is ISO 8601's clamp)."""
    months = series.step
    day = _day(series.wall)
    shortest, longest = _month_lengths(series)
    if day <= shortest:
        by = ""
    elif day >= longest:
        by = ";BYMONTHDAY=-1"
    else:
        by = f";BYMONTHDAY={','.join(str(d) for d in range(28, day + 1))};BYSETPOS=-1"
    if months % 12 == 0 and "M" not in series.period.split("T")[0]:
        month = f";BYMONTH={_month(series.wall)}" if by else ""
        return f"FREQ=YEARLY{_interval(months // 12)}{month}{by}"
    return f"FREQ=MONTHLY{_interval(months)}{by}"


def _check_rfc_start(series: _Series) -> None:
    """RFC 5545 reads ``DTSTART;TZID=`` as a wall time, a skipped one with the offset before the
    gap and a repeated one as its first pass: run 0 must be that instant."""
    read = instant_from_wall(series.zone, series.wall, "compatible")
    if read != series.start:
        wall = format_wall(series.wall)
        _refuse(
            series,
            f"the start is {_shown(series, series.start)}, and DTSTART;TZID={series.zone.key}:"
            f"{_basic(series.wall)} means {_shown(series, read)}: RFC 5545 reads {wall} "
            + ("as its first pass" if read < series.start else "with the offset before the gap"),
            "write the start at a wall time that happens once, or parse it with disambiguate='compatible'",
        )


def _check_policy(series: _Series) -> None:
    """RFC 5545 places a run in a gap after it and one in an overlap at its first pass: S24's
    "compatible". Under another policy no run may fall where the two differ."""
    policy = series.disambiguate
    if policy == "compatible":
        return
    hit = _first_run_in_change(series, gaps=policy != "later", overlaps=policy != "earlier")
    if hit is not None:
        if policy == "raise":
            differs = "disambiguate='raise' raises there, where RFC 5545 runs"
        elif hit.overlap:
            differs = "disambiguate='later' runs at its second pass, RFC 5545 at its first"
        else:
            differs = "disambiguate='earlier' moves the run back by the gap, RFC 5545 forward"
        _refuse(
            series,
            f"run {hit.k}: {_clock_text(series, hit)}, and {differs}",
            "parse it with disambiguate='compatible', RFC 5545's rule",
        )


def _dtstart(zone: Zone, wall: Nanos) -> str:
    if zone.fixed_offset == 0:
        return f"DTSTART:{_basic(wall)}Z"
    return f"DTSTART;TZID={zone.key}:{_basic(wall)}"


def _count(series: _Series) -> str:
    return "" if series.count is None else f";COUNT={series.count}"


def _interval(n: int) -> str:
    return "" if n == 1 else f";INTERVAL={n}"


# -- cron --------------------------------------------------------------------------------------


def _elapsed_cron(series: _Series) -> tuple[str, Nanos]:
    """Elapsed time that divides an hour or a day, or is a day or a week: on the cron's grid when
    every offset of the zone from the start on is the start's modulo the period (then elapsed
    time and the wall clock step alike: whole-hour DST keeps PT15M, not PT2H)."""
    step, wall = series.step, series.wall
    minute, hour = _minute(wall), _hour(wall)
    if step % NS_PER_MINUTE:
        _refuse(
            series, f"{series.period} is not whole minutes: {_CRON} fires at whole minutes", _ELAPSED_HINT
        )
    minutes = step // NS_PER_MINUTE
    if minutes < 60 and 60 % minutes == 0:
        fields = f"{_stepped(minute, minutes, 60)} * * * *"
    elif minutes % 60 == 0 and minutes < 1440 and 1440 % minutes == 0:
        fields = f"{minute} {_stepped(hour, minutes // 60, 24)} * * *"
    elif minutes in (1440, 10080):
        dow = "*" if minutes == 1440 else str(_weekday(wall))
        fields = f"{minute} {hour} * * {dow}"
    else:
        _refuse(series, _elapsed_reason(series, minutes), _ELAPSED_HINT)
    change = _first_change_off_grid(series, step)
    if change is not None:
        _refuse(
            series,
            f"{series.period} is elapsed time, and the clocks in {series.zone.name} change at "
            f"{_change_text(series, change)}: from there the runs are not on the cron's "
            f"{'days' if minutes >= 1440 else 'hours' if minutes >= 60 else 'minutes'}",
            _grid_hint(minutes),
        )
    if 60 < minutes < 1440:
        _check_hours_in_gaps(series, step)
    return fields, step


_ELAPSED_HINT: Final = (
    "a period that divides an hour (PT1M ... PT30M) or a day (PT1H ... PT12H), or PT24H, PT168H, P1D, P1W, "
    "or P1M ... P1Y from a day from 1 to 28"
)


def _elapsed_reason(series: _Series, minutes: int) -> str:
    if minutes < 60:
        return f"{series.period} does not divide an hour: {_CRON}'s minutes start again at every hour"
    if minutes < 1440:
        return f"{series.period} does not divide a day: {_CRON}'s hours start again at every midnight"
    return f"{series.period} is neither a day nor a week: {_CRON}'s days start again at every month or week"


def _grid_hint(minutes: int) -> str:
    if minutes >= 1440:
        return "write P1D or P1W: days on the clock"
    return "a zone whose offsets differ by whole periods, or a shorter period that divides them"


def _check_hours_in_gaps(series: _Series, step: Nanos) -> None:
    """A cron with an hour list fires at the end of a gap when one of its hours falls in it
    (croniter: ``0 */2`` fires at 03:00 on the night 02:00 is skipped): refuse that."""
    wall0 = series.wall
    for change in offset_changes(series.zone, series.start, series.last):
        if change.after <= change.before:
            continue
        low, high = (
            change.instant + change.before * NS_PER_SECOND,
            change.instant + change.after * NS_PER_SECOND,
        )
        first = low + (wall0 - low) % step
        if first < high:
            _refuse(
                series,
                f"{format_wall(first)} does not exist in {series.zone.name} (the clocks skip from "
                f"{_offset_text(change.before)} to {_offset_text(change.after)}), and a cron "
                "with a list of hours fires at the end of the gap instead",
                "P1D at a time of day the clocks never skip, or PT1H",
            )


def _days_cron(series: _Series) -> tuple[str, Nanos]:
    days = series.step
    if days not in (1, 7):
        _refuse(
            series,
            f"{series.period} is not a cron: {_CRON}'s day-of-month steps start again every month "
            "(the 31st, then the 1st)",
            "P1D or P1W; to_rrule() says FREQ=DAILY;INTERVAL=" + str(days),
        )
    _check_clock_changes(series)
    wall = series.wall
    dow = "*" if days == 1 else str(_weekday(wall))
    return f"{_minute(wall)} {_hour(wall)} * * {dow}", days * NS_PER_DAY


def _months_cron(series: _Series) -> tuple[str, Nanos]:
    months, wall = series.step, series.wall
    if months % 12 == 0 and months > 12:
        _refuse(
            series,
            f"{series.period} is not a cron: {_CRON} has no year field",
            f"to_rrule() says FREQ=YEARLY;INTERVAL={months // 12}",
        )
    if 12 % months:
        _refuse(
            series,
            f"{series.period} is not a cron: {_CRON}'s months start again every year, "
            f"and a year is not a whole number of {series.period}",
            "P1M, P2M, P3M, P4M, P6M or P1Y; to_rrule() says FREQ=MONTHLY;INTERVAL=" + str(months),
        )
    day = _day(wall)
    clamp = _clamped_month(series)
    if clamp is not None:
        _refuse(
            series,
            _clamp_reason(series, day, clamp),
            "start on a day from 1 to 28, or use to_rrule(), which says "
            + ("BYMONTHDAY=-1" if _month_lengths(series)[1] <= day else "BYSETPOS=-1 for the month's end"),
        )
    _check_clock_changes(series)
    month_field = _stepped(_month(wall) - 1, months, 12, 1)
    return f"{_minute(wall)} {_hour(wall)} {day} {month_field} *", 0


def _clamp_reason(series: _Series, day: int, clamp: str) -> str:
    if _month(series.wall) == 2 and series.step % 12 == 0:
        return (
            f"{series.period} from February 29 is not a cron: years without a February 29 run on "
            f"February 28 in ISO 8601 ({clamp}), and a cron skips them"
        )
    return (
        f"{series.period} from the {_ordinal(day)} is not a cron: months without a {_ordinal(day)} "
        f"end on their last day in ISO 8601 ({clamp}), and a cron skips them"
    )


def _check_clock_changes(series: _Series) -> None:
    """A cron fires at both passes of a repeated wall time and never at a skipped one (croniter
    fires at the gap's end); ISO 8601 runs once at the first pass, or after the gap (S24)."""
    hit = _first_run_in_change(series, gaps=True, overlaps=True)
    if hit is not None:
        if hit.overlap:
            where = "ISO 8601 runs once, at the first, and a cron at both"
        else:
            shifted = instant_from_wall(series.zone, hit.wall, "compatible")
            where = f"ISO 8601 runs at {_shown(series, shifted)}, after the gap, and a cron does not"
        _refuse(
            series,
            f"{series.period} at {_time_of_day(series.wall)} is not a cron: "
            f"{_clock_text(series, hit)}; {where}",
            "choose a time of day the clocks never skip or repeat, or use to_rrule()",
        )


def _check_put_into_effect(series: _Series, step: Nanos, now: Nanos) -> None:
    """A cron put into effect at ``now`` fires at every firing time after it: the latest firing
    time before the start must not be after ``now``."""
    if series.start <= now:
        return
    before = _firing_before(series, step)
    if before is not None and before > now:
        _refuse(
            series,
            f"the schedule starts at {_shown(series, series.start)}, after now "
            f"({_shown(series, now)}): {_CRON} has no start, and put into effect now it fires "
            f"at {_shown(series, before)} first",
            f"put it into effect at or after {_shown(series, before)}",
        )


def _firing_before(series: _Series, step: Nanos) -> Nanos | None:
    """The latest instant before the start whose wall time is on the cron's grid (the grid counted
    back from the start's wall time: minutes, hours, days, or months)."""
    for back in range(32):
        if series.family == "months":
            wall = add_calendar(series.wall, -back * series.step, 0)
        else:
            wall = series.wall - back * step
        if wall is None:
            return None
        earlier = [instant for instant in _instants(series.zone, wall) if instant < series.start]
        if earlier:
            return max(earlier)
    return None


def _instants(zone: Zone, wall: Nanos) -> tuple[Nanos, ...]:
    match zone.resolve(wall):
        case Unique(offset):
            return (wall - offset * NS_PER_SECOND,)
        case Overlap(earlier, later):
            return (wall - earlier * NS_PER_SECOND, wall - later * NS_PER_SECOND)
        case Gap():
            return ()
    raise AssertionError  # pragma: no cover - the match is exhaustive


def _cron_zone(zone: Zone) -> str:
    return "UTC" if zone.fixed_offset == 0 or zone.key is None else zone.key


def _stepped(value: int, step: int, size: int, shift: int = 0) -> str:
    """A cron field of the values ``value + j·step`` modulo ``size`` (0-based, written from
    ``shift``): ``*``, one value, ``*/n`` when they start at the field's first value, else a list
    (``5,20,35,50``: ``5/15`` is not read by every cron)."""
    if step == 1:
        return "*"
    if step == size:
        return str(value + shift)
    if value % step == 0:
        return f"*/{step}"
    return ",".join(str(v + shift) for v in sorted({(value + j * step) % size for j in range(size // step)}))


# -- zones: a fixed offset without a name, and the clock changes --------------------------------


def _calendar_in_named_zone(series: _Series) -> _Series:
    """The series with a zone a target can name: a fixed offset without an IANA name becomes
    UTC, where elapsed time and days are the same (a fixed offset has no DST, S29) and months
    are when every run falls on the same date in UTC."""
    zone = series.zone
    if zone.key is not None or zone.fixed_offset == 0:
        return series
    wall = series.start
    if series.family == "months" and wall // NS_PER_DAY != series.wall // NS_PER_DAY:
        _refuse(
            series,
            f"{zone.name} has no IANA name, and in UTC the runs fall on another day "
            f"({format_wall(wall)[:10]}), where months end elsewhere",
            "give the schedule a named zone (tz='Asia/Kolkata', ...)",
        )
    return replace(series, zone=UTC_ZONE, wall=wall)


@final
@dataclass(frozen=True, slots=True)
class _Hit:
    """Run ``k``, at wall time ``wall``, falls in the gap or overlap of ``change``."""

    k: int
    wall: Nanos
    change: OffsetChange

    @property
    def overlap(self) -> bool:
        return self.change.after < self.change.before


def _first_change_off_grid(series: _Series, step: Nanos) -> OffsetChange | None:
    """The first change after the start to an offset that differs from the start's by other than
    a whole number of ``step``: from there elapsed time leaves the wall clock's grid."""
    first = series.zone.offset_at(series.start)
    modulus = step // NS_PER_SECOND
    return next(
        (
            c
            for c in offset_changes(series.zone, series.start + 1, series.last)
            if (c.after - first) % modulus
        ),
        None,
    )


def _first_run_in_change(series: _Series, *, gaps: bool, overlaps: bool) -> _Hit | None:
    """The first run whose wall time (S28's base_k) the zone skips (``gaps``) or repeats
    (``overlaps``), for a calendar family: the runs near each change are computed, not walked."""
    if series.family == "elapsed":  # elapsed time has no wall-clock base (S28: base_k is the start)
        return None
    margin = 2 * NS_PER_DAY  # run 0's first pass of an overlap comes before the change
    for change in offset_changes(series.zone, series.start - margin, _horizon(series) + margin):
        if change.after > change.before and gaps:
            low, high = change.before, change.after
        elif change.after < change.before and overlaps:
            low, high = change.after, change.before
        else:
            continue
        hit = _run_in(
            series, change, change.instant + low * NS_PER_SECOND, change.instant + high * NS_PER_SECOND
        )
        if hit is not None:
            return hit
    return None


def _horizon(series: _Series) -> Nanos:
    """How far runs must be checked against the zone's changes: the whole series, or one 400-year
    cycle from the start where both the runs and the changes repeat with the calendar (a step that
    divides 400 years, in a zone whose changes repeat: :mod:`isorepeat.zone_changes`), since a run that
    fell in a change later would fall in one a multiple of 400 years earlier."""
    cycle_days = CYCLE_SECONDS // SECONDS_PER_DAY
    steps = cycle_days if series.family == "days" else 4800
    if steps % series.step or series.zone.fixed_offset is not None or not repeats_every_cycle(series.zone):
        return series.last
    repeating_from = 2 * CYCLE_SECONDS * NS_PER_SECOND  # cycle 2, 2770: see isorepeat.zone_changes
    return min(series.last, max(series.start, repeating_from) + CYCLE_SECONDS * NS_PER_SECOND)


def _run_in(series: _Series, change: OffsetChange, low: Nanos, high: Nanos) -> _Hit | None:
    """The first run k whose wall time is in ``[low, high)``, if any."""
    if series.family == "days":
        size = series.step * NS_PER_DAY
        k = max(0, -((series.wall - low) // size))  # ceil((low - wall) / size)
        candidates: range | tuple[int, ...] = range(k, k + 2)
    else:
        index = _months_between(series.wall, low) // series.step
        candidates = range(max(0, index - 1), index + 3)
    for k in candidates:
        if series.count is not None and k >= series.count:
            return None
        if series.family == "days":
            wall: Nanos | None = series.wall + k * series.step * NS_PER_DAY
        else:
            wall = add_calendar(series.wall, k * series.step, 0)
        if wall is not None and low <= wall < high:
            return _Hit(k, wall, change)
    return None


# -- month ends --------------------------------------------------------------------------------


def _month_lengths(series: _Series) -> tuple[int, int]:
    """The shortest and the longest length of the months the series can reach (February: 28, 29)."""
    first = _month(series.wall) - 1
    reached = {(first + j * series.step) % 12 + 1 for j in range(12)}
    shortest = min(28 if month == 2 else days_in_month(2001, month) for month in reached)
    longest = max(29 if month == 2 else days_in_month(2001, month) for month in reached)
    return shortest, longest


def _clamped_month(series: _Series) -> str | None:
    """The first run whose day ISO 8601 clamps to its month's end (S28), as a date, else None."""
    if series.family != "months":
        return None
    day = _day(series.wall)
    if day <= _month_lengths(series)[0]:
        return None
    for k in range(1, 4 * 12 + 1):  # within four years every month reached has its shortest length
        if series.count is not None and k >= series.count:
            return None
        wall = add_calendar(series.wall, k * series.step, 0)
        if wall is None:
            return None
        if _day(wall) != day:
            return format_wall(wall)[:10]
    return None


# -- fields and words ----------------------------------------------------------------------------


def _date(wall: Nanos) -> date:
    return date.fromordinal(wall // NS_PER_DAY + EPOCH_ORDINAL)


def _day(wall: Nanos) -> int:
    return _date(wall).day


def _month(wall: Nanos) -> int:
    return _date(wall).month


def _weekday(wall: Nanos) -> int:
    """Cron's day of the week: 0 is Sunday."""
    return _date(wall).isoweekday() % 7


def _hour(wall: Nanos) -> int:
    return wall % NS_PER_DAY // NS_PER_HOUR


def _minute(wall: Nanos) -> int:
    return wall % NS_PER_HOUR // NS_PER_MINUTE


def _months_between(wall: Nanos, later: Nanos) -> int:
    a, b = _date(wall), _date(later)
    return (b.year - a.year) * 12 + b.month - a.month


def _basic(wall: Nanos) -> str:
    """RFC 5545's DATE-TIME: ``YYYYMMDDTHHMMSS``."""
    return format_wall(wall - wall % NS_PER_SECOND).replace("-", "").replace(":", "")


def _time_of_day(wall: Nanos) -> str:
    return format_wall(wall)[11:16]


def _shown(series: _Series, instant: Nanos) -> str:
    return series.zone.to_datetime(instant).isoformat()


def _change_text(series: _Series, change: OffsetChange) -> str:
    before, after = _offset_text(change.before), _offset_text(change.after)
    return f"{_shown(series, change.instant)}, from {before} to {after}"


def _clock_text(series: _Series, hit: _Hit) -> str:
    """Where run ``hit.k`` falls: ``2026-03-29T02:30:00 does not exist in Europe/Berlin (...)``."""
    before, after = _offset_text(hit.change.before), _offset_text(hit.change.after)
    zone = series.zone.name
    if hit.overlap:
        return f"{format_wall(hit.wall)} happens twice in {zone} (at {before}, then at {after})"
    return f"{format_wall(hit.wall)} does not exist in {zone} (the clocks skip from {before} to {after})"


def _offset_text(offset: int) -> str:
    return "+00:00" if offset == 0 else format_offset(offset)


def _hours(ns: Nanos) -> str:
    return f"{ns // NS_PER_HOUR} hours"


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _refuse(series: _Series, message: str, hint: str | None = None) -> NoReturn:
    raise NotExpressibleError(message, series.text, series.target, hint)
