"""What ``next`` and ``explain`` share: the schedule options, reading the schedule, showing runs."""

from __future__ import annotations

import argparse
from dataclasses import dataclass
from datetime import datetime, timezone, tzinfo
from typing import TYPE_CHECKING, Final

from isorepeat.cli.common import UsageError, add_dialect_option, jvm_zone_option, now_utc, parse_moment
from isorepeat.cli.job_input import add_job_option

if TYPE_CHECKING:
    from isorepeat.notes import Note
    from isorepeat.schedule import Schedule

__all__ = [
    "Loaded",
    "add_schedule_options",
    "distance",
    "load_schedule",
    "moment_option",
    "note_lines",
    "utc_text",
]

_US_PER_SECOND: Final = 1_000_000
_US_PER_MINUTE: Final = 60 * _US_PER_SECOND
_US_PER_HOUR: Final = 60 * _US_PER_MINUTE
_US_PER_DAY: Final = 24 * _US_PER_HOUR
assert _US_PER_DAY == 86_400_000_000


def add_schedule_options(parser: argparse.ArgumentParser) -> None:
    """``--tz``, ``--dialect``, ``--jvm-zone`` and ``--now``: how the schedule text is read."""
    add_dialect_option(parser, default=None, default_text="iso; chronos for a job file")
    add_job_option(parser)
    parser.add_argument(
        "--tz",
        metavar="ZONE",
        help="the schedule time zone: an IANA name or an offset (write a negative one as "
        "--tz=-05:00); with --dialect chronos, Chronos's scheduleTimeZone, read as Chronos reads it",
    )
    parser.add_argument(
        "--jvm-zone",
        metavar="ZONE",
        help="with --dialect chronos or a BPMN engine's: the JVM's default zone, for starts "
        "without an offset and the engine's arithmetic (default UTC)",
    )
    parser.add_argument(
        "--now",
        metavar="TIME",
        help="the current time, ISO 8601 with an offset (default: the clock); an empty start "
        "is put into effect then; with a BPMN engine's --dialect, the deployment time",
    )


def moment_option(value: str | None, option: str, default: datetime, zone: tzinfo | None = None) -> datetime:
    """``--now``/``--after``: an aware datetime that UTC can hold too (S40's bound); one
    without an offset is read in ``zone`` (the schedule's), and is a usage error without one."""
    if value is None:
        return default
    moment = parse_moment(value, option, naive=True)
    if moment.tzinfo is None:
        if zone is None:
            raise UsageError(
                f"{option} {value!r} needs an offset, e.g. Z (or a --tz to read it in: the "
                "schedule has no zone of its own)"
            )
        moment = moment.replace(tzinfo=zone)  # fold=0: a gap's wall time reads forward
    try:
        moment.astimezone(timezone.utc)
    except OverflowError:
        raise UsageError(f"{option} {value!r} is outside the years 0001-9999 in UTC") from None
    return moment


@dataclass(frozen=True, slots=True)
class Loaded:
    """A schedule read from the command line: as written, and put into effect at ``now``."""

    parsed: Schedule
    schedule: Schedule
    now: datetime
    zone: tzinfo | None = None
    """The zone ``--now`` and ``--after`` without an offset are read in (``None``: none may be)."""
    read_in: tuple[str, ...] = ()
    """``note:`` lines for ``--now``/``--after`` given without an offset: the zone they were read in."""


def load_schedule(args: argparse.Namespace) -> Loaded:
    """Parse ``args.schedule`` with ``--tz``, ``--dialect``, ``--jvm-zone``; resolve an empty
    start with ``--now`` (S6; the chronos dialect reads it as ``now - 1 s``, S34).

    ``--now`` and ``--after`` (when the command has it) without an offset are read in the
    schedule's zone (``--tz``, or the start's own offset), and the lines of :attr:`Loaded.read_in`
    say so.

    :raises UsageError: for bad options.
    :raises ScheduleError: for a schedule or zone that does not parse.
    """
    from isorepeat.dialects import dialect_named, parse

    spec = dialect_named(args.dialect)
    jvm_zone = jvm_zone_option(args.jvm_zone, spec.name)
    clock = now_utc()

    # Read once, unless the engine reads an empty start when it reads the text (it needs now).
    parsed = (
        None if spec.resolves_on_read else parse(args.schedule, tz=args.tz, dialect=spec, jvm_zone=jvm_zone)
    )

    def read(now: datetime) -> Loaded:
        if parsed is None:
            schedule = parse(args.schedule, tz=args.tz, dialect=spec, now=now, jvm_zone=jvm_zone)
            return Loaded(schedule, schedule, now)
        return Loaded(parsed, parsed.resolve(now), now)

    given = {
        option: value
        for option, value in (("--now", args.now), ("--after", getattr(args, "after", None)))
        if value is not None and parse_moment(value, option, naive=True).tzinfo is None
    }
    if not given:
        return read(moment_option(args.now, "--now", clock))  # no zone needed
    if args.tz is not None:
        # --tz as the dialect reads it (PST is Los Angeles in Chronos), also where an empty
        # start is put into effect in UTC.
        zone = parse(_WITH_A_START, tz=args.tz, dialect=spec, jvm_zone=jvm_zone).tz
    else:
        zone = _start_zone(read(clock).parsed)
    read_as = {option: moment_option(value, option, clock, zone) for option, value in given.items()}
    loaded = read(read_as.get("--now") or moment_option(args.now, "--now", clock))
    lines = tuple(
        f"note: {option} {given[option]} has no offset: read in {_zone_name(zone)}, as {moment.isoformat()}"
        for option, moment in read_as.items()
    )
    return Loaded(loaded.parsed, loaded.schedule, loaded.now, zone, lines)


_WITH_A_START: Final = "R/2000-01-01T00:00:00/P1D"
"""A schedule read only for the zone a dialect makes of ``--tz``."""


def _start_zone(parsed: Schedule) -> tzinfo | None:
    """Without ``--tz``, a moment without an offset is read in the zone of the start as the
    dialect reads it; ``None`` for an iso schedule without a start (it takes now's offset)."""
    zone = parsed.zone
    return None if zone is None else zone.tzinfo


def _zone_name(zone: tzinfo | None) -> str:
    key = getattr(zone, "key", None)
    if isinstance(key, str):
        return key
    from isorepeat.datetimes import format_offset

    offset = datetime(2000, 1, 1, tzinfo=zone).utcoffset()
    return "UTC" if not offset else f"UTC{format_offset(int(offset.total_seconds()))}"


def utc_text(moment: datetime) -> str:
    """``2026-01-31T08:00:00Z``: the moment in UTC, ISO 8601."""
    return moment.astimezone(timezone.utc).isoformat().replace("+00:00", "Z")


def distance(moment: datetime, now: datetime) -> str:
    """``in 3 h 12 min``, ``2 days ago``, ``now``: the two largest units, rounded to the smaller.

    Under a minute, seconds to a tenth (``in 1.5 s``; 0.985 s is ``in 1 s``); under a tenth of
    a second, whole milliseconds or microseconds (``in 12 ms``, ``in 1 µs``).
    """
    delta = moment - now
    micros = (delta.days * 86_400 + delta.seconds) * _US_PER_SECOND + delta.microseconds
    if micros == 0:
        return "now"
    span = _span(_rounded(abs(micros)))
    return f"in {span}" if micros > 0 else f"{span} ago"


# (from this length on, round to this unit): the smaller of the two units shown.
_ROUNDING: Final = (
    (_US_PER_DAY, _US_PER_HOUR),
    (_US_PER_HOUR, _US_PER_MINUTE),
    (_US_PER_MINUTE, _US_PER_SECOND),
    (_US_PER_SECOND // 10, _US_PER_SECOND // 10),
    (1_000, 1_000),
)


def _rounded(micros: int) -> int:
    """``micros`` (> 0) to the nearest unit its wording shows, halves up; a carry moves it up
    a unit (23 h 59 min 40 s is ``1 day``)."""
    for length, unit in _ROUNDING:
        if micros >= length - unit // 2:
            return (micros + unit // 2) // unit * unit
    return micros


def _span(micros: int) -> str:
    days, rest = divmod(micros, _US_PER_DAY)
    hours, rest = divmod(rest, _US_PER_HOUR)
    minutes, rest = divmod(rest, _US_PER_MINUTE)
    seconds, fraction = divmod(rest, _US_PER_SECOND)
    if days:
        text = "1 day" if days == 1 else f"{days:,} days"
        return f"{text} {hours} h" if hours else text
    if hours:
        return f"{hours} h {minutes} min" if minutes else f"{hours} h"
    if minutes:
        return f"{minutes} min {seconds} s" if seconds else f"{minutes} min"
    if seconds or fraction >= _US_PER_SECOND // 10:
        return f"{seconds}.{fraction // 100_000}".removesuffix(".0") + " s"
    if fraction >= 1_000:
        return f"{fraction // 1_000} ms"
    return f"{fraction} µs"


def note_lines(notes: tuple[Note, ...]) -> list[str]:
    """``note: IR203 <message>`` and, when there is one, an indented hint."""
    lines = []
    for note in notes:
        lines.append(f"note: {note.code} {note.message}")
        if note.hint:
            lines.append(f"    hint: {note.hint}")
    return lines
