"""The whole-string grammar of the iso dialect: ``R[n]/start/period`` and the other forms (S4-S6,
S14, S16-S19), placing a start in its zone (S10, S11, S22-S25, S40).

Shaped like this for speed without a second grammar: ``_fast_parse`` recognises the common
shape with one regular expression and hands its integers to the same placement code as the
careful parser (``_Parser``), which handles every other form and every error and is the
reference (a property test checks the two agree).
"""

from __future__ import annotations

import functools
import re
from datetime import date, tzinfo
from typing import Final, NoReturn, final

from isorepeat._types import DISAMBIGUATIONS, Disambiguate, Nanos
from isorepeat.calendar import MAX_INSTANT, MIN_INSTANT, advance, is_representable
from isorepeat.datetimes import (
    EPOCH_ORDINAL,
    ParsedDateTime,
    format_offset,
    format_wall,
    parse_datetime,
    parse_zone_suffix,
)
from isorepeat.dialects import Dialect, Form, Options, dialect_named
from isorepeat.duration import (
    MAX_TEXT_LENGTH,
    Duration,
    check_ascii_digits,
    describe_char,
    letter_o_hint,
    missing_designator_hint,
    parse_duration,
    trusted_duration,
)
from isorepeat.errors import ScheduleError, fail
from isorepeat.schedule import End, Schedule, duration_of, trusted_schedule
from isorepeat.units import NS_PER_DAY, NS_PER_HOUR, NS_PER_MINUTE, NS_PER_SECOND, NS_PER_US
from isorepeat.zones import (
    UTC_ZONE,
    FixedZone,
    WallTimeError,
    Zone,
    explain_offset_mismatch,
    instant_from_wall,
    is_valid_offset,
    resolve_tz,
    zone_from_name,
)

__all__ = ["read_iso"]


def read_iso(
    text: str, tz: tzinfo | str | None, disambiguate: Disambiguate, _options: Options | None = None
) -> Schedule:
    """The iso dialect's reader (:func:`isorepeat.parse` with ``dialect="iso"``, S4-S26); it
    takes no options (the fourth argument, which the dialect's ``read`` is given, is ignored).

    :raises ScheduleError: for any text that is not a valid schedule, or an unknown zone.
    """
    if disambiguate != "compatible" and disambiguate not in DISAMBIGUATIONS:
        msg = f"disambiguate must be one of {', '.join(map(repr, DISAMBIGUATIONS))}, not {disambiguate!r}"
        raise ValueError(msg)
    length = len(text)
    if length > MAX_TEXT_LENGTH:
        fail(f"schedule too long ({length} characters; at most {MAX_TEXT_LENGTH})", text, MAX_TEXT_LENGTH)
    zone = None if tz is None else resolve_tz(tz)
    if zone is not None and zone.fixed_offset is not None and zone.fixed_offset % 60:
        _reject_sub_minute_zone(zone)
    schedule = _fast_parse(text, disambiguate, zone, tz)
    if schedule is None:
        schedule = _Parser(text, zone, tz, disambiguate).parse()
    if length > _MAY_PRINT_TOO_LONG:
        _check_printed_length(text, schedule)
    return schedule


# S2, S20: the canonical text must parse back, so it too must have at most 1,000 characters. It
# can be longer than the text written: a start in full (``2012275`` prints as 29 characters at
# most, with a zone suffix of up to 32 more, ``America/Argentina/ComodRivadavia``), an S19 end in
# full (up to 35), ``P0D`` as ``PT0S``, the suffix after the period of a start-less schedule, and
# the start that resolve() writes into one (36). Each adds less than 100 characters, so shorter
# texts are not printed to check.
_MAY_PRINT_TOO_LONG: Final = MAX_TEXT_LENGTH - 200
_RESOLVED_START: Final = len("/9999-12-31T23:59:59.999999999+23:59")


def _reject_sub_minute_zone(zone: Zone) -> NoReturn:
    """S10: a fixed offset with seconds (``timezone(timedelta(seconds=30))``) has no text, so
    no schedule in it could print and parse back; the error's text is the offset, as for a name."""
    offset = zone.fixed_offset or 0
    rounded = (abs(offset) + 30) // 60 * 60 * (-1 if offset < 0 else 1)
    fail(
        f"offset {zone.name} has seconds; an offset is ±hh:mm, ±hhmm or ±hh",
        zone.name,
        0,
        f"round it to whole minutes ({format_offset(rounded)}), or give the zone's IANA name",
    )


def _check_printed_length(text: str, schedule: Schedule) -> None:
    printed = len(str(schedule))
    if schedule.start_ns is None:
        printed += _RESOLVED_START
        message = f"schedule too long: put into effect, it prints as up to {printed} characters"
    else:
        message = f"schedule too long: it prints as {printed} characters"
    if printed > MAX_TEXT_LENGTH:
        fail(
            f"{message}; at most {MAX_TEXT_LENGTH}",
            text,
            0,
            "write a shorter count or period: parse(str(schedule)) must read it back",
        )


@functools.cache
def _iso() -> Dialect:
    """The iso dialect, looked up once (it is registered by ``iso.py``, which imports this module)."""
    return dialect_named("iso")


# The common shape in one expression: R[n]/YYYY-MM-DDThh:mm[:ss[.f]][Z|±hh:mm][[Zone]]/P...
# with the period's designators; anything else (and every error) goes to the careful parser.
_FAST_SCHEDULE: Final = re.compile(
    r"R([0-9]*)/([0-9]{4}-[0-9]{2}-[0-9]{2})T([0-9]{2}):([0-9]{2})"
    r"(?::([0-9]{2})(?:[.,]([0-9]{1,9}))?)?(Z|[+-][0-9]{2}:[0-9]{2})?(?:\[([A-Za-z0-9_+\-./]+)\])?/"
    r"P(?:([0-9]+)Y)?(?:([0-9]+)M)?(?:([0-9]+)W)?(?:([0-9]+)D)?"
    r"(?:T(?=[0-9])(?:([0-9]+)H)?(?:([0-9]+)M)?(?:([0-9]+)(?:[.,]([0-9]{1,9}))?S)?)?\Z"
)
_FIRST_PERIOD_GROUP: Final = 9
_FIXED_ZONES: dict[int, Zone] = {0: UTC_ZONE}
_SAFE_MIN: Final = MIN_INSTANT + 2 * NS_PER_DAY
_SAFE_MAX: Final = MAX_INSTANT - 2 * NS_PER_DAY


def _fixed_zone(offset: int) -> Zone:
    """A FixedZone per offset, shared: there are at most 2,879 whole-minute offsets."""
    zone = _FIXED_ZONES.get(offset)
    if zone is None:
        zone = _FIXED_ZONES[offset] = FixedZone(offset)
    return zone


def _fast_parse(
    text: str,
    disambiguate: Disambiguate,
    zone: Zone | None = None,
    tz: tzinfo | str | None = None,
) -> Schedule | None:
    """The common shape; ``None`` sends the text to the careful parser, which is the reference.

    Zone placement goes through the careful parser's own ``_place``, with the columns read from
    the match, so its errors are the same as the careful parser's. A long text is declined
    (``parse`` calls this first, as ``read_fast``, for the default ``disambiguate`` only).
    """
    if len(text) > _MAY_PRINT_TOO_LONG:
        return None
    match = _FAST_SCHEDULE.match(text)
    if match is None:
        return None
    (
        reps, day_text, hour, minute, second, fraction, offset_text, zone_name,
        p_years, p_months, p_weeks, p_days, p_hours, p_minutes, p_seconds, p_fraction,
    ) = match.groups()  # fmt: skip
    hour_value, minute_value = int(hour), int(minute)
    second_value = int(second) if second else 0
    if hour_value > 23 or minute_value > 59 or second_value > 59:
        return None
    try:
        # The expression guarantees YYYY-MM-DD; one C call reads it (0.13 µs, three int()s and
        # date() take 0.31 µs), and its ValueError still sends 2013-02-29 to the careful parser.
        ordinal = date.fromisoformat(day_text).toordinal()
    except ValueError:  # month or day out of range, year 0: the careful parser says which
        return None
    wall = (ordinal - EPOCH_ORDINAL) * NS_PER_DAY + (
        hour_value * NS_PER_HOUR
        + minute_value * NS_PER_MINUTE
        + second_value * NS_PER_SECOND
        + (int(fraction.ljust(9, "0")) if fraction else 0)
    )
    if (match.lastindex or 0) < _FIRST_PERIOD_GROUP:
        return None  # "P" alone: the careful parser explains
    period_fraction = int(p_fraction.ljust(9, "0")) if p_fraction else 0
    years = int(p_years) if p_years else 0
    months = int(p_months) if p_months else 0
    weeks = int(p_weeks) if p_weeks else 0
    days = int(p_days) if p_days else 0
    hours = int(p_hours) if p_hours else 0
    minutes = int(p_minutes) if p_minutes else 0
    seconds = int(p_seconds) if p_seconds else 0
    if not (years or months or weeks or days) and (
        hours * NS_PER_HOUR + minutes * NS_PER_MINUTE + seconds * NS_PER_SECOND + period_fraction < NS_PER_US
    ):
        return None  # S14: zero (allowed with R0 and R1) or sub-microsecond: the careful parser decides
    period = trusted_duration(
        years, months, weeks, days, hours, minutes, seconds, period_fraction, "S" if period_fraction else None
    )
    repetitions = int(reps) if reps else None
    offset: int | None = None
    if offset_text is not None:
        if offset_text == "Z":
            offset = 0
        else:
            offset_hours, offset_minutes = int(offset_text[1:3]), int(offset_text[4:6])
            if offset_hours > 23 or offset_minutes > 59:
                return None
            offset = (offset_hours * 3600 + offset_minutes * 60) * (-1 if offset_text[0] == "-" else 1)
    if zone is None and zone_name is None:
        instant = wall - (offset or 0) * NS_PER_SECOND
        if not _SAFE_MIN <= instant <= _SAFE_MAX:
            return None
        return trusted_schedule(
            repetitions,
            period,
            instant,
            wall,
            _fixed_zone(offset or 0),
            disambiguate,
            dialect=_iso(),
        )
    placed_zone, instant, wall = _place(
        text,
        zone,
        disambiguate,
        wall,
        offset,
        offset_text in {"Z", "-00:00"},
        zone_name,
        match.start(2),
        match.start(7) if offset_text is not None else None,
        match.start(8) if zone_name is not None else None,
    )
    return trusted_schedule(
        repetitions,
        period,
        instant,
        wall,
        placed_zone,
        disambiguate,
        _tz_attribute(zone, tz, placed_zone),
        dialect=_iso(),
    )


@final
class _Parser:
    """The careful parser: every form (S4-S19) and every error with its column (S1)."""

    __slots__ = ("disambiguate", "text", "tz", "zone")

    def __init__(
        self, text: str, zone: Zone | None, tz: tzinfo | str | None, disambiguate: Disambiguate
    ) -> None:
        self.text = text
        self.zone = zone
        self.tz = tz
        self.disambiguate = disambiguate

    def parse(self) -> Schedule:
        text = self.text
        repetitions, pos = self._repetitions()
        if pos >= len(text):
            fail("the schedule ends after the repetitions; expected a start, or '/' and a period", text, pos)
        if text[pos] == "/":
            period_column = pos + 1
            self._check_designator(period_column)
            period, pos = parse_duration(text, pos + 1)
            zone, end = self._suffix_after_period(pos)
            self._expect_end(end, "the zone suffix" if end > pos else "the period")
            self._check_period(period, repetitions, period_column)
            return self._without_start(repetitions, period, "start", zone)
        if _starts_period(text, pos):
            return self._duration_first(repetitions, pos)
        try:
            start = parse_datetime(text, pos, what="start")
        except ScheduleError:
            self._check_designator(pos)  # R5/1D: a period without its P
            raise
        pos = start.end
        if pos >= len(text):
            fail("the schedule ends after the start; expected '/' and a period", text, pos)
        if text[pos] != "/":
            self._unexpected(pos, "after the start; expected '/' and a period")
        pos += 1
        zone, instant, wall = self._place(start)
        if pos >= len(text):
            fail(
                "the schedule ends after the start's '/'; expected a period such as PT10M, or an end",
                text,
                pos,
            )
        if text[pos] == "/":
            fail("unexpected '/': expected a period or an end after the start", text, pos)
        if _starts_period(text, pos):
            period_column = pos
            period, pos = parse_duration(text, pos)
            if text[pos : pos + 1] == "[":
                self._suffix_not_after_period(start, pos)
            self._expect_end(pos, "the period")
            self._check_period(period, repetitions, period_column)
            return Schedule(
                repetitions, period, instant, wall, zone, self._tz_of(zone), _iso(), self.disambiguate
            )
        return self._interval(repetitions, start, zone, instant, wall, pos)

    # -- pieces ------------------------------------------------------------------------------

    def _repetitions(self) -> tuple[int | None, int]:
        text = self.text
        if not text:
            fail(
                "the schedule is empty; expected R[n]/<start>/<period>, e.g. R/2026-01-01T09:00:00Z/P1D",
                text,
                0,
            )
        if text[0] == "r":
            fail("the repetition designator must be an upper-case 'R'", text, 0, "write 'R'")
        if text[0] != "R":
            hint = None
            if text[0] == "P" or text[0].isdigit():
                hint = f"write R1/{text} for a single run, or R/{text} to repeat for ever"
            elif text[0].isspace():
                hint = _NO_WHITESPACE
            fail(f"a schedule starts with 'R', found {describe_char(text, 0)}", text, 0, hint)
        pos = 1
        while pos < len(text) and "0" <= text[pos] <= "9":
            pos += 1
        check_ascii_digits(text, pos)
        if pos < len(text) and text[pos] in "+-":
            fail("the number of repetitions has no sign", text, pos)
        if pos >= len(text):
            fail("the schedule ends after the repetitions; expected '/' and a start", text, pos)
        if text[pos] != "/":
            self._unexpected(pos, "after the repetitions; expected '/'", letter_o_hint(text, 0, 1, pos))
        return (int(text[1:pos]) if pos > 1 else None), pos + 1

    def _duration_first(self, repetitions: int | None, pos: int) -> Schedule:
        """``R[n]/<duration>`` (S18) or ``R[n]/<duration>/<end>`` (S17)."""
        text = self.text
        period_column = pos
        period, suffix_at = parse_duration(text, pos)
        zone, pos = self._suffix_after_period(suffix_at)
        if pos == len(text):
            self._check_period(period, repetitions, period_column)
            return self._without_start(repetitions, period, "cycle", zone)
        if text[pos] != "/":
            self._unexpected(pos, "after the zone suffix" if pos > suffix_at else "after the period")
        if pos > suffix_at:
            fail(
                "the zone suffix follows the end, not the period",
                text,
                suffix_at,
                f"write {text[:suffix_at]}{text[pos:]}{text[suffix_at:pos]}",
            )
        if repetitions is None:
            fail(
                "a schedule given by its end needs a number of repetitions",
                text,
                1,
                f"write R<n>{text[1:]}",
            )
        self._check_period(period, repetitions, period_column)
        end = parse_datetime(text, pos + 1, what="end")
        self._expect_end(end.end, "the end")
        zone, instant, wall = self._place(end)
        try:
            first = advance(zone, instant, wall, period, -repetitions, self.disambiguate)
        except WallTimeError as error:
            fail(f"the first run: {error.message}", text, end.start, error.hint)
        if first is None:
            fail(
                f"the first of the {repetitions} runs before this end is before the year 0001",
                text,
                end.start,
            )
        first_wall = first + zone.offset_at(first) * NS_PER_SECOND
        return Schedule(
            repetitions,
            period,
            first,
            first_wall,
            zone,
            self._tz_of(zone),
            _iso(),
            self.disambiguate,
            "end",
            End(instant, wall),
        )

    def _interval(
        self,
        repetitions: int | None,
        start: ParsedDateTime,
        zone: Zone,
        instant: Nanos,
        wall: Nanos,
        pos: int,
    ) -> Schedule:
        """``R[n]/<start>/<end>`` (S16, S19): the period is the elapsed time between them."""
        text = self.text
        self._check_designator(pos)  # R/<start>/1D: a period without its P, never an end
        end = self._parse_end(start, pos)
        self._expect_end(end.end, "the end")
        if end.zone_name is not None:
            fail("the end takes no zone suffix: it is in the start's zone", text, end.zone_column or end.end)
        if end.offset is not None and self.zone is None:
            end_zone: Zone = FixedZone(end.offset) if end.offset else UTC_ZONE
            end_instant = end.wall - end.offset * NS_PER_SECOND
        else:
            end_zone = zone
            try:
                end_instant = instant_from_wall(zone, end.wall, self.disambiguate, end.offset)
            except WallTimeError as error:
                fail(error.message, text, end.start, error.hint)
        if not is_representable(end_zone, end_instant):
            fail("the end is beyond 9999-12-31T23:59:59.999999", text, end.start)
        elapsed = end_instant - instant
        if elapsed <= 0:
            fail("the end is not after the start", text, end.start)
        if elapsed < NS_PER_US:
            fail("the interval is shorter than the microsecond resolution of datetime", text, end.start)
        end_wall = end_instant + end_zone.offset_at(end_instant) * NS_PER_SECOND
        return Schedule(
            repetitions,
            duration_of(elapsed),
            instant,
            wall,
            zone,
            self._tz_of(zone),
            _iso(),
            self.disambiguate,
            "interval",
            End(end_instant, end_wall),
        )

    def _parse_end(self, start: ParsedDateTime, pos: int) -> ParsedDateTime:
        """S19: an end may omit its leading fields, which it takes from the start."""
        text = self.text
        digits = pos
        while digits < len(text) and "0" <= text[digits] <= "9":
            digits += 1
        run = digits - pos
        following = text[digits] if digits < len(text) else ""
        if run >= 4 or run == 0:
            return parse_datetime(text, pos, what="end")
        start_text = format_wall(start.wall)  # extended, YYYY-MM-DDThh:mm:ss
        if following == ":":
            prefix = start_text[:11]  # hh:mm... takes the date
        elif following == "-":
            prefix = start_text[:5]  # MM-DD... takes the year
        else:
            prefix = start_text[:8]  # DD... takes the year and month
        completed = text[:pos] + prefix + text[pos:]
        try:
            parsed = parse_datetime(completed, pos, what="end")
        except ScheduleError as error:
            column = max(pos, error.column - len(prefix))
            raise ScheduleError(error.message, text, column, error.hint) from None
        shift = len(prefix)
        return ParsedDateTime(
            parsed.wall,
            parsed.offset,
            parsed.utc_designator,
            parsed.zone_name,
            pos,
            max(pos, parsed.day_column - shift),
            None if parsed.offset_column is None else parsed.offset_column - shift,
            None if parsed.zone_column is None else parsed.zone_column - shift,
            parsed.end - shift,
        )

    def _place(self, parsed: ParsedDateTime) -> tuple[Zone, Nanos, Nanos]:
        return _place(
            self.text,
            self.zone,
            self.disambiguate,
            parsed.wall,
            parsed.offset,
            parsed.utc_designator,
            parsed.zone_name,
            parsed.start,
            parsed.offset_column,
            parsed.zone_column,
        )

    def _check_period(self, period: Duration, repetitions: int | None, column: int) -> None:
        if period.is_zero and repetitions not in (0, 1):
            fail(
                "a zero period repeats the same instant; it is allowed only with R0 or R1",
                self.text,
                column,
                "write R1 for a single run",
            )
        if not period.is_zero and period.is_fixed and period.elapsed_nanoseconds < NS_PER_US:
            fail("the period is shorter than the microsecond resolution of datetime", self.text, column)

    def _expect_end(self, pos: int, what: str) -> None:
        if pos < len(self.text):
            if self.text[pos] == "/":
                fail(f"unexpected '/' after {what}: a schedule has at most three parts", self.text, pos)
            self._unexpected(pos, f"after {what}")

    def _unexpected(self, pos: int, where: str, hint: str | None = None) -> None:
        char = self.text[pos]
        check_ascii_digits(self.text, pos)
        if char.isspace():
            hint = _NO_WHITESPACE
        fail(f"unexpected {describe_char(self.text, pos)} {where}", self.text, pos, hint)

    def _check_designator(self, pos: int) -> None:
        """S12: fail at ``pos`` when the text there is a period written without its ``P``."""
        if pos < len(self.text) and self.text[pos] != "P":
            hint = missing_designator_hint(self.text, pos)
            if hint is not None:
                fail("a period starts with 'P'", self.text, pos, hint)

    def _suffix_after_period(self, pos: int) -> tuple[Zone | None, int]:
        """The zone of a schedule without a start: its RFC 9557 suffix after the period
        (``R3/PT10M[Europe/Berlin]``, docs/grammar.rst), else the tz argument; and the end."""
        text = self.text
        if text[pos : pos + 1] != "[":
            return self.zone, pos
        name, column, end = parse_zone_suffix(text, pos)
        zone = zone_from_name(name, text, column)
        if self.zone is not None and zone != self.zone:
            fail(
                f"the zone suffix [{name}] differs from the tz argument {self.zone.name!r}",
                text,
                column,
                "give the zone once: in the suffix or as tz",
            )
        return zone, end

    def _suffix_not_after_period(self, start: ParsedDateTime, pos: int) -> None:
        """``R/<start>/P1D[Zone]``: the zone of a schedule with a start follows the start (S10)."""
        text = self.text
        hint = None
        close = text.find("]", pos)
        if start.zone_name is None and close > pos:
            moved = text[pos : close + 1]
            hint = f"write {text[: start.end]}{moved}{text[start.end : pos]}{text[close + 1 :]}"
        fail("the zone suffix follows the start, not the period", text, pos, hint)

    def _without_start(
        self, repetitions: int | None, period: Duration, form: Form, zone: Zone | None
    ) -> Schedule:
        """``R[n]//<period>`` (S6, form "start") or ``R[n]/<period>`` (S18, "cycle"): put into
        effect later, by :meth:`Schedule.resolve`, in the zone of the suffix or the tz argument."""
        # With a suffix and no tz argument, the suffix's zone: there is no start's offset to keep.
        tz = self._tz_of(zone) if self.zone is not None else (None if zone is None else zone.tzinfo)
        return Schedule(
            repetitions,
            period,
            None,
            None,
            zone,
            tz,
            _iso(),
            self.disambiguate,
            form,
            _start_written=False,
        )

    def _tz_of(self, zone: Zone | None) -> tzinfo | None:
        return _tz_attribute(self.zone, self.tz, zone)


_NO_WHITESPACE: Final = "remove the whitespace: a schedule has none"


read_iso_fast = _fast_parse
"""The iso dialect's ``read_fast``: :func:`_fast_parse` under a public name, without a wrapper."""


def _starts_period(text: str, pos: int) -> bool:
    """A period starts at ``pos``: ``P``, or a sign before one (which its grammar rejects, S15)."""
    return text[pos : pos + 1] in ("P", "p") or (
        text[pos : pos + 1] in ("+", "-") and text[pos + 1 : pos + 2] in ("P", "p")
    )


def _tz_attribute(zone_arg: Zone | None, tz: tzinfo | str | None, zone: Zone | None) -> tzinfo | None:
    """The ``tz`` attribute: the argument as given, the suffix's zone, or None (a fixed offset)."""
    if zone is None or (zone_arg is None and zone.key is None):
        return None
    if isinstance(tz, tzinfo):
        return tz
    return zone.tzinfo


def _place(
    text: str,
    zone_arg: Zone | None,
    disambiguate: Disambiguate,
    wall: Nanos,
    offset: int | None,
    utc_designator: bool,
    zone_name: str | None,
    start_column: int,
    offset_column: int | None,
    zone_column: int | None,
) -> tuple[Zone, Nanos, Nanos]:
    """The zone, instant and wall-clock fields of a written date-time (S10, S11, S22-S25, S40).

    Shared by the fast path and the careful parser, so both place a start the same way and
    fail with the same message at the same column.
    """
    zone = zone_arg
    written_wall = wall
    suffix_zone: Zone | None = None
    if zone_name is not None:
        assert zone_column is not None
        suffix_zone = zone_from_name(zone_name, text, zone_column)
        if zone is not None and zone != suffix_zone:
            fail(
                f"the zone suffix [{zone_name}] differs from the tz argument {zone.name!r}",
                text,
                zone_column,
                "give the zone once: in the suffix or as tz",
            )
        zone = suffix_zone
    if zone is None:
        # S11, S29: no zone: the written offset is the zone; no offset means UTC.
        fixed = offset or 0
        zone = _FIXED_ZONES.get(fixed) or _fixed_zone(fixed)
        instant = wall - fixed * NS_PER_SECOND
    elif suffix_zone is not None and utc_designator:
        # S10: Z[Zone] gives the instant in UTC, shown in the zone.
        instant = wall
        wall = instant + zone.offset_at(instant) * NS_PER_SECOND
    elif suffix_zone is not None and offset is not None:
        if not is_valid_offset(zone, wall, offset):
            assert offset_column is not None
            written = text[offset_column : text.index("[", offset_column)]
            message, hint = explain_offset_mismatch(zone, wall, offset, written)
            fail(message, text, offset_column, hint)
        instant = wall - offset * NS_PER_SECOND
    else:
        # S23: the wall-clock fields are kept, the written offset only settles an overlap (S25).
        try:
            instant = instant_from_wall(zone, wall, disambiguate, offset)
        except WallTimeError as error:
            fail(error.message, text, start_column, error.hint)
    if not is_representable(zone, instant):
        # S40. The wall time as written: Z[Zone] may have moved it past what datetime holds.
        fail(
            f"{format_wall(written_wall)} is outside the years 0001-9999 in UTC or in {zone.name}",
            text,
            start_column,
        )
    return zone, instant, wall
