"""The chronos dialect (S34): a schedule read exactly as Chronos's ``Iso8601Expressions.parse``.

Chronos splits the text with ``(R[0-9]*)/(.*)/(P.*)``, reads the start with Joda-Time's
``ISODateTimeFormat.dateTimeParser().withOffsetParsed()`` and the period with
``ISOPeriodFormat.standard()`` (CHRONOS.md §1, §2). Where Chronos returns ``None`` this module
raises :class:`ScheduleError` with the column, like the iso dialect (S1). The Joda grammars are
written out here as a small scanner, because they differ from ISO 8601 in nearly every field
(one-digit fields, fractions truncated to the millisecond, signed period fields, time-only
starts); the shared pieces are the value types, the calendar, the zone adapters and the errors.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timezone, tzinfo
from typing import Final, Literal, NoReturn, final

from isorepeat._types import Disambiguate
from isorepeat.calendar import is_representable
from isorepeat.chronos.arithmetic import CANNOT_HOLD, joda_advance, rezone
from isorepeat.chronos.chained import chronos_chain_step
from isorepeat.chronos.diagnostics import CODES
from isorepeat.chronos.printing import format_chronos, format_joda_period, reparse_chronos
from isorepeat.chronos.zones import JodaZone, resolve_zone
from isorepeat.datetimes import format_offset, format_wall
from isorepeat.dialects import Dialect, EffectiveStart, Form, Options, dialect_summaries, parse, register
from isorepeat.duration import MAX_TEXT_LENGTH, Duration, describe_char
from isorepeat.errors import fail, unrepresentable
from isorepeat.joda.grammar import (
    JodaDateTimeParser,
    JodaPeriodParser,
    StartShape,
    parse_joda_period,
)
from isorepeat.notes import Note
from isorepeat.schedule import Schedule, trusted_schedule
from isorepeat.units import NS_PER_MS, NS_PER_SECOND
from isorepeat.zones import UTC_ZONE, FixedZone, Zone, in_gap, instant_from_wall

__all__ = [
    "ChronosVersion",
    "ScheduleForm",
    "StartShape",
    "parse_chronos",
    "parse_joda_period",
    "schedule_form",
]

ChronosVersion = Literal["2", "3"]
"""``"3"``: Chronos HEAD (3.x); ``"2"``: tag 2.5.1. They differ only in an empty start here."""

_MS_PER_HOUR: Final = 3_600_000
_MS_PER_MINUTE: Final = 60_000
_MS_PER_SECOND: Final = 1_000
_JAVA_LONG_MAX: Final = 2**63 - 1
_JAVA_INT_MIN: Final = -(2**31)
_JAVA_INT_MAX: Final = 2**31 - 1
_PERIOD_DIGITS: Final = 10  # Joda's maxParsedDigits for a period field, fraction included
_FRACTION_DIGITS: Final = 9  # appendFractionOf...(1, 9)
_YEAR_DIGITS: Final = 9  # appendYear(4, 9)
# Scala's ``.`` stops at every Java line terminator, so a schedule with one never matches.
_SPLIT: Final = re.compile(r"(R[0-9]*)/([^\n\r\u0085\u2028\u2029]*)/(P[^\n\r\u0085\u2028\u2029]*)")
_LINE_TERMINATORS: Final = "\n\r\u0085\u2028\u2029"
_DATE_UNITS: Final = (("years", "Y"), ("months", "M"), ("weeks", "W"), ("days", "D"))
_TIME_UNITS: Final = (("hours", "H"), ("minutes", "M"))


def parse_chronos(
    text: str,
    *,
    tz: str | None = None,
    jvm_zone: str | None = None,
    now: datetime | None = None,
    version: ChronosVersion = "3",
) -> Schedule:
    """Parse ``text`` as the Chronos server would, with ``scheduleTimeZone`` ``tz`` (S34): the
    same as ``isorepeat.parse(text, dialect="chronos", tz=tz, jvm_zone=jvm_zone, now=now,
    version=version)``.

    ``jvm_zone`` is the JVM's default zone, where a start without an offset is read (UTC when
    ``None``); ``now`` is the clock an empty start is read from (``now - 1 s`` in Chronos 3,
    ``now`` in 2.5.1), by default the current time.

    :raises ScheduleError: where Chronos rejects the schedule (it returns ``None``), and where it
        accepts one that datetime cannot hold (a year outside 0001-9999:
        :class:`~isorepeat.errors.UnrepresentableError`).
    :raises TypeError: for a ``tz`` or ``jvm_zone`` that is not a str (Chronos reads names: the
        message gives the name of a ``ZoneInfo``, a pytz zone or a ``timezone``).
    :raises ValueError: for a ``version`` other than ``"2"`` and ``"3"``; and, through
        :func:`isorepeat.parse`, for ``disambiguate=`` (Joda-Time's rules decide) or an option
        the dialect does not take.
    """
    return parse(text, dialect=CHRONOS, tz=tz, jvm_zone=jvm_zone, now=now, version=version)


def _read(text: str, tz: tzinfo | str | None, disambiguate: Disambiguate, options: Options) -> Schedule:
    """The chronos dialect's reader: ``Iso8601Expressions.parse`` (S34); an empty start stays
    empty here, and :func:`isorepeat.parse` reads it from the clock (:func:`_effective_start`)."""
    # About the arguments, not the text: Python's own errors, with what to write instead.
    if disambiguate != "compatible":
        msg = (
            "the chronos dialect resolves gaps and overlaps as Joda-Time does: leave out "
            f"disambiguate={disambiguate!r} (it is for the iso dialect)"
        )
        raise ValueError(msg)
    if tz is not None and not isinstance(tz, str):
        msg = f"the chronos dialect takes tz as Chronos's scheduleTimeZone, a str, not {type(tz).__name__}"
        raise TypeError(msg + _name_of(tz, "tz"))
    jvm_zone = options.get("jvm_zone")
    if jvm_zone is not None and not isinstance(jvm_zone, str):
        msg = f"jvm_zone must be a zone name (str), not {type(jvm_zone).__name__}"
        raise TypeError(msg + _name_of(jvm_zone, "jvm_zone"))
    version = options.get("version", "3")
    if version not in ("2", "3"):
        msg = f"version must be '2' (Chronos 2.5.1) or '3' (Chronos HEAD), not {version!r}"
        raise ValueError(msg)
    if len(text) > MAX_TEXT_LENGTH:
        fail(f"schedule too long ({len(text)} characters; at most {MAX_TEXT_LENGTH})", text, MAX_TEXT_LENGTH)
    match = _SPLIT.fullmatch(text)
    if match is None:
        _explain_split(text)
    count_text, start_text, _ = match.groups()
    repetitions = _repetitions(text, count_text)
    period = JodaPeriodParser(text, match.start(3)).parse()
    notes: list[Note] = []
    zone_of_tz: JodaZone | None = None
    if tz:
        zone_of_tz = resolve_zone(tz)
        if zone_of_tz.note is not None:
            notes.append(zone_of_tz.note)
    kept: dict[str, object] = {name: value for name, value in options.items() if value is not None}
    if not start_text:
        # Iso8601Expressions.scala:52: the empty start is "now" in UTC; the zone is not applied.
        return Schedule(
            repetitions,
            period,
            None,
            None,
            zone_of_tz.zone if zone_of_tz is not None else None,
            zone_of_tz.zone.tzinfo if zone_of_tz is not None else None,
            CHRONOS,
            "compatible",
            notes=tuple(notes),
            _options=tuple(sorted(kept.items())),
            _start_written=False,
        )
    start = JodaDateTimeParser(text, match.start(2), match.end(2)).parse()
    if not 1 <= start.year <= 9999:
        unrepresentable(f"the year {start.year} is outside 0001-9999: {CANNOT_HOLD}", text, start.column)
    wall = start.wall_ms * NS_PER_MS
    if start.offset_ms is not None:
        offset_ns = start.offset_ms * NS_PER_MS
        if offset_ns % NS_PER_SECOND:
            unrepresentable(f"an offset with a fraction of a second: {CANNOT_HOLD}", text, start.column)
        zone: Zone = FixedZone(offset_ns // NS_PER_SECOND) if offset_ns else UTC_ZONE
        instant = wall - offset_ns
    else:
        jvm = resolve_zone(jvm_zone) if jvm_zone else resolve_zone("UTC")
        zone = jvm.zone
        # Joda's parser bucket: getOffsetFromLocal, and an IllegalInstantException in a gap.
        if in_gap(zone, wall) is not None:
            fail(
                f"{format_wall(wall)} does not exist in the JVM zone {jvm.id} (the clocks skip an "
                "hour there): Chronos rejects the schedule",
                text,
                start.column,
                "write the start with an offset, e.g. "
                f"{format_wall(wall)[:16]}{'Z' if jvm.id == 'UTC' else '+00:00'}",
            )
        instant = instant_from_wall(zone, wall, "compatible")
    if zone_of_tz is not None:
        instant = rezone(zone_of_tz.zone, wall, instant)
        zone = zone_of_tz.zone
    if not is_representable(zone, instant):
        unrepresentable(f"the start is outside the years 0001-9999: {CANNOT_HOLD}", text, start.column)
    wall_ns = instant + zone.offset_at(instant) * NS_PER_SECOND
    if zone_of_tz is not None:
        kept.pop("jvm_zone", None)  # the start is read in the schedule zone, not the JVM's
    return trusted_schedule(
        repetitions,
        period,
        instant,
        wall_ns,
        zone,
        "compatible",
        zone_of_tz.zone.tzinfo if zone_of_tz is not None else None,
        dialect=CHRONOS,
        notes=tuple(notes),
        options=kept,
    )


def _name_of(zone: object, argument: str) -> str:
    """``: write tz='Europe/Berlin'`` for a tzinfo whose name Java's ``TimeZone.getTimeZone``
    reads the same way (an IANA key, UTC, a fixed offset as ``GMT+05:30``); else nothing."""
    name = getattr(zone, "key", None) or getattr(zone, "zone", None)  # zoneinfo, pytz
    if not isinstance(name, str) and isinstance(zone, timezone):
        offset = zone.utcoffset(None)
        seconds = int(offset.total_seconds())
        if seconds % 60 == 0:
            name = "UTC" if not seconds else f"GMT{format_offset(seconds)}"
    return f": write {argument}={name!r}" if isinstance(name, str) else ""


def _effective_start(_form: Form, options: Options) -> EffectiveStart:
    """Chronos reads an empty start as now in UTC, to the millisecond; HEAD then takes a second
    off (``now - 1 s``, Iso8601Expressions.scala:52), 2.5.1 does not."""
    return _NOW_2X if options.get("version") == "2" else _NOW_MINUS_ONE_SECOND


_NOW_MINUS_ONE_SECOND: Final = EffectiveStart(shift=-NS_PER_SECOND, precision=NS_PER_MS, zone="utc")
_NOW_2X: Final = EffectiveStart(precision=NS_PER_MS, zone="utc")


@final
@dataclass(frozen=True, slots=True)
class ScheduleForm:
    """How a schedule Chronos accepts is written, for the diagnostics of ``check`` (SEMANTICS §8).

    Columns are 0-based indexes into the text; ``None`` where the form has no such part.
    """

    start_column: int
    period_column: int
    shape: StartShape | None  # None: an empty start
    offset_seconds: int | None  # the written offset (``Z`` is 0); None: none written
    offset_column: int | None
    utc_designator: bool  # the offset is written ``Z``
    truncated_column: int | None  # the first fraction digit (start or period) Joda drops
    year: int | None = None  # the start's year as Joda reads it (1970 for a time-only start)
    start_wall_ns: int | None = None  # its wall-clock fields as written, ns since 1970-01-01T00:00


def schedule_form(text: str) -> ScheduleForm:
    """The form of a schedule text; call it only on a text Chronos accepts: one
    :func:`parse_chronos` reads, or one it refuses with an
    :class:`~isorepeat.errors.UnrepresentableError` (``year`` then says which year).

    >>> from isorepeat.chronos.dialect import schedule_form
    >>> form = schedule_form("R/T05:50:00.0001Z/PT1H")
    >>> form.shape, form.offset_seconds, form.truncated_column, form.year
    ('time-only', 0, 15, 1970)
    >>> schedule_form("R/20261-06-01T09:00:00Z/P1D").year
    20261
    """
    match = _SPLIT.fullmatch(text)
    if match is None:
        raise ValueError(f"not a Chronos schedule: {text!r}")
    period = JodaPeriodParser(text, match.start(3))
    period.parse()
    shape: StartShape | None = None
    offset_seconds = offset_column = None
    truncated = period.truncated_column
    utc = False
    year = wall = None
    if match.group(2):
        start = JodaDateTimeParser(text, match.start(2), match.end(2)).parse()
        shape = start.shape
        year = start.year
        wall = start.wall_ms * NS_PER_MS
        if start.offset_ms is not None:
            offset_seconds = start.offset_ms // _MS_PER_SECOND
            offset_column = start.offset_column
            utc = text[offset_column or 0] in "Zz"
        if start.truncated_column is not None:
            truncated = start.truncated_column
    return ScheduleForm(
        match.start(2), match.start(3), shape, offset_seconds, offset_column, utc, truncated, year, wall
    )


def _explain_split(text: str) -> NoReturn:
    """Why ``(R[0-9]*)/(.*)/(P.*)`` does not match: the first character that breaks it."""
    for index, char in enumerate(text):
        if char in _LINE_TERMINATORS:
            fail("Chronos rejects a line break anywhere in a schedule", text, index)
    if not text.startswith("R"):
        hint = (
            "write R (upper case)"
            if text[:1] == "r"
            else "write R[n]/start/period, e.g. R/2026-01-01T00:00:00Z/P1D"
        )
        fail(f"a Chronos schedule starts with R, found {describe_char(text, 0)}", text, 0, hint)
    pos = 1
    while pos < len(text) and "0" <= text[pos] <= "9":
        pos += 1
    if "/" not in text[pos:]:
        fail(
            "Chronos needs three parts, R[n]/start/period; the start may be empty",
            text,
            len(text),
            f"write {text[:pos]}//P1D for a start when the job is posted",
        )
    if text[pos] != "/":
        fail(
            f"the repetitions are R or R followed by digits; found {describe_char(text, pos)}",
            text,
            pos,
            "Chronos takes no sign: R for ever, R5 for five runs",
        )
    where = text.rfind("/")
    if where == pos:
        fail(
            "Chronos needs three parts, R[n]/start/period; the start may be empty",
            text,
            len(text),
            f"write {text}/P1D",
        )
    found = describe_char(text, where + 1)
    fail(f"the period after the last / must start with P (upper case), found {found}", text, where + 1)


def _repetitions(text: str, count_text: str) -> int | None:
    if count_text == "R":
        return None
    value = int(count_text[1:])
    if value > _JAVA_LONG_MAX:
        fail(f"the count {value} overflows a Java long (at most {_JAVA_LONG_MAX})", text, 1)
    return value


def _read_epsilon(text: str) -> Duration:
    return parse_joda_period(text)


CHRONOS: Final = register(
    Dialect(
        name="chronos",
        summary=dialect_summaries()["chronos"],
        read=_read,
        format=format_chronos,
        reparse=reparse_chronos,
        arithmetic=joda_advance,
        chain_step=chronos_chain_step,
        mode="chained",
        effective_start=_effective_start,
        resolves_on_read=True,
        options=("jvm_zone", "version"),
        read_duration=_read_epsilon,
        format_period=format_joda_period,
        engine="Chronos",
        check_rules=frozenset(CODES),
    )
)
