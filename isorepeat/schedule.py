"""Schedule: the whole ``R[n]/start/period`` string and its other ISO forms (S4-S6, S14, S16-S21).

Shaped like this for speed without a second grammar: ``_fast_parse`` recognises the common
shape with one regular expression and hands the same integers to the same builder as the
careful parser, which handles every other form and every error (and is the reference: a property
test checks the two agree).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timezone, tzinfo
from typing import Final, Literal, TypeAlias, final

from isorepeat._types import DIALECTS, DISAMBIGUATIONS, Dialect, Disambiguate, Nanos
from isorepeat.calendar import MAX_INSTANT, MIN_INSTANT, advance, is_representable
from isorepeat.datetimes import (
    EPOCH_ORDINAL,
    NS_PER_DAY,
    ParsedDateTime,
    format_offset,
    format_wall,
    parse_datetime,
)
from isorepeat.duration import (
    MAX_TEXT_LENGTH,
    NS_PER_HOUR,
    NS_PER_MINUTE,
    NS_PER_SECOND,
    Duration,
    check_ascii_digits,
    describe_char,
    parse_duration,
    trusted_duration,
)
from isorepeat.errors import ScheduleError, fail
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

__all__ = ["Schedule", "parse"]

Form: TypeAlias = Literal["start", "interval", "end", "cycle"]
"""Which ISO form was written: ``R/start/P``, ``R/start/end`` (S16), ``R/P/end`` (S17), ``R/P`` (S18)."""

_MICROSECOND: Final = 1000
_EPOCH_UTC: Final = datetime(1970, 1, 1, tzinfo=timezone.utc)


@dataclass(frozen=True, slots=True)
class _End:
    """The end of ``R/start/end`` (S16) or the anchor of ``R/P/end`` (S17)."""

    instant: Nanos
    wall: Nanos
    """Wall-clock fields: as written for S17 (its ⊖ starts from them), resolved for S16."""


@final
@dataclass(frozen=True, slots=True, repr=False)
class Schedule:
    """An ISO 8601 repeating interval, ``R[n]/<start>/<period>`` (SEMANTICS §1).

    Immutable and hashable; equality is structural on the canonical form (``str``), never
    "the same occurrences". Build one with :func:`parse` (or :meth:`Schedule.parse`).

    >>> s = Schedule.parse("R10/2012-10-01T05:52:00Z/PT2S")
    >>> s
    Schedule.parse('R10/2012-10-01T05:52:00Z/PT2S')
    >>> s.repetitions, s.start, str(s.period), s.is_infinite
    (10, datetime.datetime(2012, 10, 1, 5, 52, tzinfo=datetime.timezone.utc), 'PT2S', False)
    """

    repetitions: int | None
    """``None`` for ``R`` (infinite), else n >= 0 (S5)."""
    period: Duration
    _start: Nanos | None
    _start_wall: Nanos | None
    _zone: Zone | None
    tz: tzinfo | None = field(default=None, compare=False)
    """The schedule time zone as given (argument or RFC 9557 suffix); ``None``: the start's offset."""
    dialect: Dialect = "iso"
    disambiguate: Disambiguate = "compatible"
    """The policy for wall times in gaps and overlaps (S24)."""
    _form: Form = "start"
    _end: _End | None = None

    # -- construction ------------------------------------------------------------------------

    @classmethod
    def parse(
        cls,
        text: str,
        /,
        *,
        tz: tzinfo | str | None = None,
        dialect: Dialect = "iso",
        disambiguate: Disambiguate = "compatible",
    ) -> Schedule:
        """Parse a schedule; the same as :func:`isorepeat.parse`."""
        return parse(text, tz=tz, dialect=dialect, disambiguate=disambiguate)

    # -- values ------------------------------------------------------------------------------

    @property
    def start(self) -> datetime | None:
        """The first occurrence as an aware datetime, floored to the microsecond (S31).

        ``None`` for an empty start (S6, S18) until :meth:`resolve` gives it one.
        """
        if self._start is None or self._zone is None:
            return None
        return self._zone.to_datetime(self._start)

    @property
    def is_infinite(self) -> bool:
        """True for ``R`` without a count (until year 9999, S40)."""
        return self.repetitions is None

    def resolve(self, now: datetime, /) -> Schedule:
        """The schedule put into effect at ``now`` (S6, S18); a schedule with a start is returned as is.

        An empty start becomes ``now``; the BPMN cycle ``R[n]/<duration>`` starts one period
        after ``now``. Without a ``tz``, the start keeps ``now``'s UTC offset.

        >>> from datetime import datetime, timezone
        >>> now = datetime(2026, 1, 31, 9, 0, tzinfo=timezone.utc)
        >>> str(parse("R//PT10M").resolve(now))
        'R/2026-01-31T09:00:00Z/PT10M'
        >>> str(parse("R3/P1M", tz="Europe/Berlin").resolve(now))
        'R3/2026-02-28T10:00:00+01:00[Europe/Berlin]/P1M'
        """
        if self._start is not None:
            return self
        instant = _instant_of(now, "now")
        zone = self._zone
        if zone is None:
            zone = FixedZone(_offset_seconds(now)) if _offset_seconds(now) else UTC_ZONE
        wall = instant + zone.offset_at(instant) * NS_PER_SECOND
        if self._form == "cycle":
            try:
                first = advance(zone, instant, wall, self.period, 1, self.disambiguate)
            except WallTimeError as error:
                raise ScheduleError(error.message, str(self), 0, error.hint) from None
            if first is None:
                fail(f"{self.period} after {format_wall(wall)} is beyond the year 9999", str(self), 0)
            instant, wall = first, first + zone.offset_at(first) * NS_PER_SECOND
        tz = self.tz if self._zone is not None else None
        return replace(self, _start=instant, _start_wall=wall, _zone=zone, tz=tz, _form="start")

    # -- text --------------------------------------------------------------------------------

    def __str__(self) -> str:
        """The canonical iso text (S20): ``parse(str(s)) == s``."""
        return self.format()

    def format(self, *, dialect: Dialect = "iso") -> str:
        """The schedule as text: canonical ISO 8601 (S20), or as Chronos stores it (S21).

        >>> s = parse("R10/2012-10-01T05:52:00Z/PT1.5S")
        >>> s.format(dialect="chronos")
        'R10/2012-10-01T05:52:00.000Z/PT1.500S'
        """
        if dialect == "chronos":
            return self._format_chronos()
        if dialect != "iso":
            msg = f"dialect must be one of {', '.join(map(repr, DIALECTS))}, not {dialect!r}"
            raise ValueError(msg)
        repetitions = "R" if self.repetitions is None else f"R{self.repetitions}"
        if self._form == "cycle":
            return f"{repetitions}/{self.period}"
        if self._form == "end":
            assert self._end is not None
            assert self._zone is not None
            end = _format_moment(self._zone, self._end.instant, self._end.wall)
            return f"{repetitions}/{self.period}/{end}"
        if self._start is None or self._zone is None or self._start_wall is None:
            return f"{repetitions}//{self.period}"
        start = _format_moment(self._zone, self._start, self._start_wall)
        if self._form == "interval":
            assert self._end is not None
            end_offset = (self._end.wall - self._end.instant) // NS_PER_SECOND
            return f"{repetitions}/{start}/{format_wall(self._end.wall)}{format_offset(end_offset)}"
        return f"{repetitions}/{start}/{self.period}"

    def _format_chronos(self) -> str:
        repetitions = "R" if self.repetitions is None else f"R{self.repetitions}"
        if self._form in ("cycle", "end"):
            msg = (
                f"Chronos has no form {'R/<period>' if self._form == 'cycle' else 'R/<period>/<end>'}: "
                "it counts from a start; resolve() the schedule or write R/<start>/<period>"
            )
            raise ValueError(msg)
        period = self.period
        if self._form == "interval":
            period = _duration_of(period.elapsed_nanoseconds)
        period_text = _format_joda_period(period)
        if self._start is None or self._zone is None:
            return f"{repetitions}//{period_text}"
        offset = self._zone.offset_at(self._start)
        wall = self._start + offset * NS_PER_SECOND
        # Joda keeps milliseconds: the start is truncated, as Chronos truncates it on input.
        text = format_wall(wall - wall % 1_000_000)
        seconds_part, _, fraction = text.partition(".")
        millis = (fraction + "000")[:3]
        return f"{repetitions}/{seconds_part}.{millis}{format_offset(offset)}/{period_text}"

    def __repr__(self) -> str:
        extra = ""
        if self._start is None and self._zone is not None and self._form != "end":
            extra += f", tz={self._zone.key or self._zone.name!r}"
        if self.dialect != "iso":
            extra += f", dialect={self.dialect!r}"
        if self.disambiguate != "compatible":
            extra += f", disambiguate={self.disambiguate!r}"
        return f"Schedule.parse({str(self)!r}{extra})"


def _format_moment(zone: Zone, instant: Nanos, wall: Nanos) -> str:
    """A start (or S17 end) in canonical form: offset, and the zone's key as a suffix (S20)."""
    offset = zone.offset_at(instant)
    if zone.key is None:
        return format_wall(instant + offset * NS_PER_SECOND) + format_offset(offset)
    if wall == instant + offset * NS_PER_SECOND:
        return f"{format_wall(wall)}{format_offset(offset)}[{zone.key}]"
    # S20: a wall time in a gap prints as written, with no offset: S28 arithmetic starts there.
    return f"{format_wall(wall)}[{zone.key}]"


def _format_joda_period(period: Duration) -> str:
    """A period as Joda's ISOPeriodFormat.standard() prints it: ``PT1.500S``, zero as ``PT0S``."""
    hours, minutes, seconds = period.hours, period.minutes, period.seconds
    if period.nanoseconds and period.fraction_unit in ("H", "M"):
        # Joda has no fractional hours or minutes: write the same length in smaller units.
        extra = period.nanoseconds
        if period.fraction_unit == "H":
            add_minutes, extra = divmod(extra, NS_PER_MINUTE)
            minutes += add_minutes
        add_seconds, extra = divmod(extra, NS_PER_SECOND)
        seconds += add_seconds
        nanos = extra
    else:
        nanos = period.nanoseconds
    if nanos % 1_000_000:
        msg = f"Chronos keeps milliseconds: {period} would become a different period"
        raise ValueError(msg)
    millis = nanos // 1_000_000
    parts = ["P"]
    for value, letter in ((period.years, "Y"), (period.months, "M"), (period.weeks, "W"), (period.days, "D")):
        if value:
            parts.append(f"{value}{letter}")
    time = ""
    for value, letter in ((hours, "H"), (minutes, "M")):
        if value:
            time += f"{value}{letter}"
    if seconds or millis:
        time += f"{seconds}.{millis:03d}S" if millis else f"{seconds}S"
    if time:
        parts.append("T" + time)
    return "".join(parts) if len(parts) > 1 else "PT0S"


def _duration_of(elapsed: Nanos) -> Duration:
    """An exact elapsed time as hours, minutes, seconds (the period of S16)."""
    hours, rest = divmod(elapsed, NS_PER_HOUR)
    minutes, rest = divmod(rest, NS_PER_MINUTE)
    seconds, nanos = divmod(rest, NS_PER_SECOND)
    return Duration(hours=hours, minutes=minutes, seconds=seconds, nanoseconds=nanos)


def _offset_seconds(moment: datetime) -> int:
    delta = moment.utcoffset()
    assert delta is not None  # checked by _instant_of
    return delta.days * 86_400 + delta.seconds


def _instant_of(moment: datetime, name: str) -> Nanos:
    """An aware datetime as ns since the epoch; a naive one is an error."""
    if not isinstance(moment, datetime):
        msg = f"{name} must be an aware datetime, not {type(moment).__name__}"
        raise TypeError(msg)
    if moment.utcoffset() is None:
        msg = f"{name} is a naive datetime; compare with an aware datetime (give it a tzinfo)"
        raise TypeError(msg)
    delta = moment - _EPOCH_UTC
    return (delta.days * 86_400 + delta.seconds) * NS_PER_SECOND + delta.microseconds * _MICROSECOND


# -- parsing ---------------------------------------------------------------------------------


def parse(
    text: str,
    /,
    *,
    tz: tzinfo | str | None = None,
    dialect: Dialect = "iso",
    disambiguate: Disambiguate = "compatible",
) -> Schedule:
    """Parse an ISO 8601 repeating interval into a :class:`Schedule`; ``str`` is its inverse.

    ``tz`` is the schedule time zone (S22): an IANA name, ``"UTC"``, an offset such as
    ``"+05:30"``, or a tzinfo (``ZoneInfo``, ``timezone``, pytz, dateutil). With a zone, the
    start's wall-clock fields are kept and its own offset is discarded (S23). ``disambiguate``
    places wall times in gaps and overlaps (S24).

    >>> parse("R5/2026-01-31T09:00:00/P1M", tz="Europe/Berlin")
    Schedule.parse('R5/2026-01-31T09:00:00+01:00[Europe/Berlin]/P1M')
    >>> parse("R5/2026-01-31T09:00:00Z/P1.5D")
    Traceback (most recent call last):
      ...
    isorepeat.errors.ScheduleError: a fractional day has no fixed length across DST; use hours
      R5/2026-01-31T09:00:00Z/P1.5D
                                ^
    hint: write PT36H

    :raises ScheduleError: for any text that is not a valid schedule, or an unknown zone.
    """
    if type(text) is not str:
        msg = f"parse() takes the schedule as a str, not {type(text).__name__}"
        raise TypeError(msg)
    if dialect != "iso":
        if dialect not in DIALECTS:
            msg = f"dialect must be one of {', '.join(map(repr, DIALECTS))}, not {dialect!r}"
            raise ValueError(msg)
        msg = "the chronos dialect is not implemented yet"
        raise NotImplementedError(msg)
    if disambiguate != "compatible" and disambiguate not in DISAMBIGUATIONS:
        msg = f"disambiguate must be one of {', '.join(map(repr, DISAMBIGUATIONS))}, not {disambiguate!r}"
        raise ValueError(msg)
    if len(text) > MAX_TEXT_LENGTH:
        fail(f"schedule too long ({len(text)} characters; at most {MAX_TEXT_LENGTH})", text, MAX_TEXT_LENGTH)
    zone = None if tz is None else resolve_tz(tz)
    fast = _fast_parse(text, disambiguate, zone, tz)
    if fast is not None:
        return fast
    return _Parser(text, zone, tz, disambiguate).parse()


# The common shape in one expression: R[n]/YYYY-MM-DDThh:mm[:ss[.f]][Z|±hh:mm][[Zone]]/P...
# with the period's designators; anything else (and every error) goes to the careful parser.
_FAST_SCHEDULE: Final = re.compile(
    r"R([0-9]*)/([0-9]{4})-([0-9]{2})-([0-9]{2})T([0-9]{2}):([0-9]{2})"
    r"(?::([0-9]{2})(?:[.,]([0-9]{1,9}))?)?(Z|[+-][0-9]{2}:[0-9]{2})?(?:\[([A-Za-z0-9_+\-./]+)\])?/"
    r"P(?:([0-9]+)Y)?(?:([0-9]+)M)?(?:([0-9]+)W)?(?:([0-9]+)D)?"
    r"(?:T(?=[0-9])(?:([0-9]+)H)?(?:([0-9]+)M)?(?:([0-9]+)(?:[.,]([0-9]{1,9}))?S)?)?\Z"
)
_FIRST_PERIOD_GROUP: Final = 11
_FIXED_ZONES: dict[int, Zone] = {0: UTC_ZONE}
_SAFE_MIN: Final = MIN_INSTANT + 2 * NS_PER_DAY
_SAFE_MAX: Final = MAX_INSTANT - 2 * NS_PER_DAY


_SET_SCHEDULE_FIELDS: Final = tuple(
    Schedule.__dict__[name].__set__
    for name in (
        "repetitions",
        "period",
        "_start",
        "_start_wall",
        "_zone",
        "tz",
        "dialect",
        "disambiguate",
        "_form",
        "_end",
    )
)


def _trusted_schedule(
    repetitions: int | None,
    period: Duration,
    start: Nanos,
    wall: Nanos,
    zone: Zone,
    disambiguate: Disambiguate,
    tz: tzinfo | None = None,
) -> Schedule:
    """A ``R/start/P`` schedule from checked fields, as ``trusted_duration`` does:
    the fast path builds thousands, and the dataclass ``__init__`` costs 1 µs of the 4 µs budget."""
    schedule: Schedule = object.__new__(Schedule)
    (
        set_reps,
        set_period,
        set_start,
        set_wall,
        set_zone,
        set_tz,
        set_dialect,
        set_policy,
        set_form,
        set_end,
    ) = _SET_SCHEDULE_FIELDS
    set_reps(schedule, repetitions)
    set_period(schedule, period)
    set_start(schedule, start)
    set_wall(schedule, wall)
    set_zone(schedule, zone)
    set_tz(schedule, tz)
    set_dialect(schedule, "iso")
    set_policy(schedule, disambiguate)
    set_form(schedule, "start")
    set_end(schedule, None)
    return schedule


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
    the match, so its errors are the same as the careful parser's.
    """
    match = _FAST_SCHEDULE.match(text)
    if match is None:
        return None
    (
        reps, year, month, day, hour, minute, second, fraction, offset_text, zone_name,
        p_years, p_months, p_weeks, p_days, p_hours, p_minutes, p_seconds, p_fraction,
    ) = match.groups()  # fmt: skip
    hour_value, minute_value = int(hour), int(minute)
    second_value = int(second) if second else 0
    if hour_value > 23 or minute_value > 59 or second_value > 59:
        return None
    try:
        ordinal = date(int(year), int(month), int(day)).toordinal()
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
        hours * NS_PER_HOUR + minutes * NS_PER_MINUTE + seconds * NS_PER_SECOND + period_fraction
        < _MICROSECOND
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
        return Schedule(
            repetitions, period, instant, wall, _fixed_zone(offset or 0), None, "iso", disambiguate
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
        match.start(9) if offset_text is not None else None,
        match.start(10) if zone_name is not None else None,
    )
    return _trusted_schedule(
        repetitions, period, instant, wall, placed_zone, disambiguate, _tz_attribute(zone, tz, placed_zone)
    )


def _period_ok(period: Duration, repetitions: int | None) -> bool:
    """S14: a zero period only with R0 or R1; none shorter than a microsecond."""
    if period.is_zero:
        return repetitions in (0, 1)
    return not (period.is_fixed and period.elapsed_nanoseconds < _MICROSECOND)


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
            period, pos = parse_duration(text, pos + 1)
            self._expect_end(pos, "the period")
            self._check_period(period, repetitions, period_column)
            zone = self.zone
            return Schedule(
                repetitions, period, None, None, zone, self._tz_of(zone), "iso", self.disambiguate
            )
        if _starts_period(text, pos):
            return self._duration_first(repetitions, pos)
        start = parse_datetime(text, pos, what="start")
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
            self._expect_end(pos, "the period")
            self._check_period(period, repetitions, period_column)
            return Schedule(
                repetitions, period, instant, wall, zone, self._tz_of(zone), "iso", self.disambiguate
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
            self._unexpected(pos, "after the repetitions; expected '/'")
        return (int(text[1:pos]) if pos > 1 else None), pos + 1

    def _duration_first(self, repetitions: int | None, pos: int) -> Schedule:
        """``R[n]/<duration>`` (S18) or ``R[n]/<duration>/<end>`` (S17)."""
        text = self.text
        period_column = pos
        period, pos = parse_duration(text, pos)
        if pos == len(text):
            self._check_period(period, repetitions, period_column)
            zone = self.zone
            return Schedule(
                repetitions, period, None, None, zone, self._tz_of(zone), "iso", self.disambiguate, "cycle"
            )
        if text[pos] != "/":
            self._unexpected(pos, "after the period")
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
            "iso",
            self.disambiguate,
            "end",
            _End(instant, wall),
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
        if elapsed < _MICROSECOND:
            fail("the interval is shorter than the microsecond resolution of datetime", text, end.start)
        end_wall = end_instant + end_zone.offset_at(end_instant) * NS_PER_SECOND
        return Schedule(
            repetitions,
            _duration_of(elapsed),
            instant,
            wall,
            zone,
            self._tz_of(zone),
            "iso",
            self.disambiguate,
            "interval",
            _End(end_instant, end_wall),
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
        if not period.is_zero and period.is_fixed and period.elapsed_nanoseconds < _MICROSECOND:
            fail("the period is shorter than the microsecond resolution of datetime", self.text, column)

    def _expect_end(self, pos: int, what: str) -> None:
        if pos < len(self.text):
            if self.text[pos] == "/":
                fail(f"unexpected '/' after {what}: a schedule has at most three parts", self.text, pos)
            self._unexpected(pos, f"after {what}")

    def _unexpected(self, pos: int, where: str) -> None:
        char = self.text[pos]
        check_ascii_digits(self.text, pos)
        hint = "remove the whitespace: a schedule has none" if char.isspace() else None
        fail(f"unexpected {describe_char(self.text, pos)} {where}", self.text, pos, hint)

    def _tz_of(self, zone: Zone | None) -> tzinfo | None:
        return _tz_attribute(self.zone, self.tz, zone)


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
        fail(
            f"{format_wall(wall)} is outside the years 0001-9999 in UTC or in {zone.name}",
            text,
            start_column,
        )
    return zone, instant, wall
