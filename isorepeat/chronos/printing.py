"""What Chronos stores: a schedule printed as ``Iso8601Expressions.create`` does (S21).

Joda's ``ISODateTimeFormat.dateTime()`` for the start (milliseconds always, ``Z`` or the
offset) and ``ISOPeriodFormat.standard()`` for the period; the repr of a chronos schedule.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Final, NoReturn

from isorepeat.datetimes import format_offset, format_wall
from isorepeat.duration import Duration
from isorepeat.errors import fail
from isorepeat.units import NS_PER_MINUTE, NS_PER_MS, NS_PER_SECOND
from isorepeat.zones import UTC_ZONE, FixedZone, Zone, instant_of, offset_seconds

if TYPE_CHECKING:
    from isorepeat._types import Nanos
    from isorepeat.schedule import Schedule

__all__ = ["create", "format_chronos", "format_joda_period", "format_joda_start", "reparse_chronos"]

_ONE_SECOND: Final = timedelta(seconds=1)


def create(repetitions: int | None, start: datetime, period: Duration) -> str:
    """The schedule text Chronos stores (``Iso8601Expressions.create``, S21).

    ``repetitions`` ``None`` (or -1, as Chronos keeps it) prints ``R/``; the start prints to the
    millisecond in its own UTC offset.

    >>> from datetime import datetime, timedelta, timezone
    >>> from isorepeat import Duration
    >>> from isorepeat.chronos import create
    >>> start = datetime(2012, 10, 1, 5, 52, tzinfo=timezone(timedelta(hours=-7)))
    >>> create(10, start, Duration.parse("PT1.5S"))
    'R10/2012-10-01T05:52:00.000-07:00/PT1.500S'

    :raises ValueError: for a period finer than the millisecond (:func:`format_joda_period`).
    :raises TypeError: for a naive ``start``.
    """
    instant = instant_of(start, "start")
    seconds = offset_seconds(start)
    zone = FixedZone(seconds) if seconds else UTC_ZONE
    count = "R" if repetitions is None or repetitions == -1 else f"R{repetitions}"
    return f"{count}/{format_joda_start(zone, instant)}/{format_joda_period(period)}"


def format_chronos(schedule: Schedule) -> str:
    """``R<n>/`` (``R/`` for ever), the start to the millisecond with ``Z`` or its offset, the
    period as Joda prints it (S21); an empty start stays empty.

    >>> import isorepeat
    >>> isorepeat.parse("R/2026-01-01T00:00:00Z/PT0.0001S").format(dialect="chronos")
    Traceback (most recent call last):
      ...
    isorepeat.errors.ScheduleError: Chronos keeps milliseconds: it would read the period PT0.0001S as PT0S
      R/2026-01-01T00:00:00Z/PT0.0001S
                                    ^
    hint: write the period in whole milliseconds

    :raises ScheduleError: for what Chronos cannot store: the forms it has not (``R/P`` before
        :meth:`~isorepeat.Schedule.resolve`, ``R/P/end``), at the column where its start would
        be, and a period finer than the millisecond, at the first digit Joda would drop.
    """
    repetitions = "R" if schedule.repetitions is None else f"R{schedule.repetitions}"
    form = schedule.form
    period = schedule.period
    if form == "interval":
        from isorepeat.schedule import duration_of

        period = duration_of(period.elapsed_nanoseconds)
    if form in ("cycle", "end"):
        _no_such_form(schedule, repetitions, period)
    hours, minutes, seconds, nanos = _joda_time_fields(period)
    if nanos % NS_PER_MS:
        _finer_than_a_millisecond(schedule, period, (hours, minutes, seconds, nanos - nanos % NS_PER_MS))
    period_text = _print_period(period, hours, minutes, seconds, nanos)
    zone, start = schedule.zone, schedule.start_ns
    if start is None or zone is None:
        return f"{repetitions}//{period_text}"
    return f"{repetitions}/{format_joda_start(zone, start)}/{period_text}"


def _no_such_form(schedule: Schedule, repetitions: str, period: Duration) -> NoReturn:
    """``R/P`` and ``R/P/end``: Chronos counts from a written start (Iso8601Expressions.scala:14)."""
    text = str(schedule)  # only the iso grammar writes these forms: this is its text
    shown = str(period) if _joda_time_fields(period)[3] % NS_PER_MS else format_joda_period(period)
    zone, start = schedule.zone, schedule.start_ns
    if schedule.form == "cycle" or zone is None or start is None:
        fail(
            "Chronos has no form R/<period>: it counts from a start",
            text,
            text.index("/") + 1,
            f"resolve(now) gives the schedule a start; or write {repetitions}/<start>/{shown}",
        )
    fail(
        "Chronos has no form R/<period>/<end>: it counts from a start",
        text,
        text.index("/") + 1,
        f"write {repetitions}/{format_joda_start(zone, start)}/{shown}, from its first run",
    )


def _finer_than_a_millisecond(
    schedule: Schedule, period: Duration, kept: tuple[int, int, int, Nanos]
) -> NoReturn:
    """A period Joda would truncate (``PT0.0001S`` is zero to it): at the first digit it drops."""
    text = str(schedule)
    column = text.rindex("/") + 1
    point = text.find(".", column)
    if schedule.form != "interval" and period.fraction_unit in (None, "S") and point >= 0:
        column = point + 4  # three digits of milliseconds, then the first Joda drops
    fail(
        f"Chronos keeps milliseconds: it would read the period {period} as {_print_period(period, *kept)}",
        text,
        column,
        "write the period in whole milliseconds",
    )


def reparse_chronos(schedule: Schedule) -> tuple[str, dict[str, object]]:
    """The repr's arguments: the stored text, and the zone it was read in."""
    text = format_chronos(schedule)
    keywords: dict[str, object] = {}
    zone = schedule.zone
    options = schedule.options
    jvm_zone = options.get("jvm_zone")
    chain_zone = schedule.chain_zone
    first = schedule.start
    if schedule.tz is None and chain_zone is not None and chain_zone != zone and first is not None:
        # An empty start read at now in UTC and re-read in the schedule zone from run 1 on
        # (CHRONOS.md §2): no stored text says both, the empty start read at that now does.
        repetitions, _, period = text.split("/")
        text = f"{repetitions}//{period}"
        keywords["tz"] = _zone_id(chain_zone)
        keywords["now"] = first if options.get("version") == "2" else first + _ONE_SECOND
    elif schedule.tz is not None and zone is not None:
        keywords["tz"] = _zone_id(zone)
    elif jvm_zone is not None and zone is not None and zone.fixed_offset is None:
        # The start was read in the JVM zone: print it without its offset, as it was written.
        repetitions, start, period = text.split("/")
        text = f"{repetitions}/{start[:23]}/{period}"
        keywords["jvm_zone"] = jvm_zone
    if options.get("version", "3") != "3":
        keywords["version"] = options["version"]
    keywords["dialect"] = "chronos"
    return text, keywords


def _zone_id(zone: Zone) -> str:
    """The scheduleTimeZone that reads back as ``zone``: its IANA name, or Joda's ``GMT+05:30``
    for a fixed offset (Chronos reads a bare ``+05:30`` as an unknown zone, that is UTC)."""
    if zone.key is not None:
        return zone.key
    offset = zone.offset_at(0)
    return "UTC" if offset == 0 else f"GMT{format_offset(offset)}"


def format_joda_start(zone: Zone, instant: Nanos) -> str:
    """An instant as Joda's ``ISODateTimeFormat.dateTime()`` prints it in ``zone``:
    ``2012-10-01T05:52:00.000Z``, milliseconds always, ``Z`` or the offset."""
    offset = zone.offset_at(instant)
    wall = instant + offset * NS_PER_SECOND
    # Joda keeps milliseconds: the start is truncated, as Chronos truncates it on input.
    text = format_wall(wall - wall % NS_PER_MS)
    seconds_part, _, fraction = text.partition(".")
    millis = (fraction + "000")[:3]
    return f"{seconds_part}.{millis}{format_offset(offset)}"


def format_joda_period(period: Duration) -> str:
    """A period as Joda's ISOPeriodFormat.standard() prints it: ``PT1.500S``, zero as ``PT0S``.

    >>> from isorepeat import Duration
    >>> from isorepeat.chronos.printing import format_joda_period
    >>> format_joda_period(Duration.parse("PT1.5M"))
    'PT1M30S'

    :raises ValueError: for a period finer than the millisecond, which Joda cannot hold (a
        schedule's :meth:`~isorepeat.Schedule.format` says where, as a ``ScheduleError``).
    """
    hours, minutes, seconds, nanos = _joda_time_fields(period)
    if nanos % NS_PER_MS:
        msg = f"Chronos keeps milliseconds: {period} would become a different period"
        raise ValueError(msg)
    return _print_period(period, hours, minutes, seconds, nanos)


def _joda_time_fields(period: Duration) -> tuple[int, int, int, Nanos]:
    """Hours, minutes, seconds and the nanoseconds under a second, as Joda's fields hold them:
    Joda has no fractional hours or minutes, so ``PT1.5H`` is written as 1 hour 30 minutes."""
    hours, minutes, seconds = period.hours, period.minutes, period.seconds
    if period.nanoseconds and period.fraction_unit in ("H", "M"):
        extra = period.nanoseconds
        if period.fraction_unit == "H":
            add_minutes, extra = divmod(extra, NS_PER_MINUTE)
            minutes += add_minutes
        add_seconds, extra = divmod(extra, NS_PER_SECOND)
        return hours, minutes, seconds + add_seconds, extra
    return hours, minutes, seconds, period.nanoseconds


def _print_period(period: Duration, hours: int, minutes: int, seconds: int, nanos: Nanos) -> str:
    """``ISOPeriodFormat.standard().print``: the date fields of ``period``, then the time fields
    given (whole milliseconds)."""
    millis = nanos // NS_PER_MS
    parts = ["P"]
    for value, letter in ((period.years, "Y"), (period.months, "M"), (period.weeks, "W"), (period.days, "D")):
        if value:
            parts.append(f"{value}{letter}")
    time = ""
    for value, letter in ((hours, "H"), (minutes, "M")):
        if value:
            time += f"{value}{letter}"
    total_ms = seconds * 1000 + millis
    if total_ms:
        # Joda prints seconds and millis as one signed decimal: PT1.500S, PT-0.500S.
        whole, part = divmod(abs(total_ms), 1000)
        sign = "-" if total_ms < 0 else ""
        time += f"{sign}{whole}.{part:03d}S" if part else f"{sign}{whole}S"
    if time:
        parts.append("T" + time)
    return "".join(parts) if len(parts) > 1 else "PT0S"
