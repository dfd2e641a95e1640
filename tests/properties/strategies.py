"""Shared hypothesis strategies: valid schedule texts built from their parts (SEMANTICS S4-S20).

Every strategy draws the *values* first (a wall-clock date and time, an offset, a zone) and then
writes them in one of the forms the grammar allows. Validity that depends on the calendar or on
a zone (year range after the offset, the offsets a zone has at a wall time) is decided here with
the standard library and ``zoneinfo``, never with isorepeat itself.
"""

from __future__ import annotations

import functools
import zoneinfo
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from typing import Final

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

__all__ = [
    "HARD_SCHEDULES",
    "SETTINGS",
    "ZONE_KEYS",
    "DateTimeText",
    "DurationText",
    "datetime_texts",
    "duration_texts",
    "durations",
    "empty_start_schedules",
    "offset_strings",
    "other_form_schedules",
    "repetitions",
    "schedules",
    "zone_keys",
]

SETTINGS: Final = settings(
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much, HealthCheck.data_too_large],
)
"""The shared settings of the properties; ``max_examples`` and the database come from the profile
(tests/conftest.py). Modules raise ``max_examples`` per property where the space is large, or lower
it to stay under 60 s."""

ZONE_KEYS: Final = (
    "UTC",
    "Europe/Berlin",
    "America/Los_Angeles",
    "Australia/Sydney",
    "Asia/Kolkata",
    "Pacific/Apia",  # skipped 2011-12-30 entirely
    "America/St_Johns",  # -03:30, DST
    "Europe/Dublin",  # negative DST in the IANA data
    "EST",  # S26: UTC-05:00 without DST
)

HARD_SCHEDULES: Final = (
    # (text, tz): the known hard cases, pinned with @example wherever schedules are generated
    ("R/2012-01-31T09:00:00Z/P1M", None),  # month-end clamping
    ("R/2012-01-31T09:00:00/P1M", "Europe/Berlin"),
    ("R/2011-12-30T12:00:00/P1D", "Pacific/Apia"),  # a skipped day
    ("R/2011-12-29T12:00:00[Pacific/Apia]/P1D", None),
    ("R/1970-01-01T00:00:00Z/PT0.000001S", None),  # the shortest period
    ("R/9999-12-31T23:59:59.999999999Z/PT1S", None),  # year 9999
    ("R3/9999-12-31T12:00:00+01:00[Europe/Berlin]/P1D", None),
    ("R3/2014-03-09T02:30:00/P1D", "America/Los_Angeles"),  # gap
    ("R3/2014-03-09T02:30:00[America/Los_Angeles]/P1D", None),
    ("R3/2014-11-02T01:30:00/P1D", "America/Los_Angeles"),  # overlap, earlier
    ("R3/2014-11-02T01:30:00-08:00[America/Los_Angeles]/PT1H", None),  # overlap, later
    ("R3/2014-11-02T01:30:00-08:00/PT1H", "America/Los_Angeles"),
)

_MINUTE_S: Final = 60
_HOUR_S: Final = 3600
_DAY_NS: Final = 86_400 * 10**9
_EPOCH: Final = datetime(1970, 1, 1)


# -- numbers -----------------------------------------------------------------------------------


def _number_texts(max_value: int = 10**6) -> st.SearchStrategy[str]:
    """A non-negative integer as written: small, large, huge, with or without leading zeros."""
    value = st.one_of(
        st.integers(0, 60),
        st.integers(0, max_value),
        st.integers(10**18, 10**40),
    )
    zeros = st.sampled_from(["", "", "", "0", "000"])
    return st.builds(lambda z, v: f"{z}{v}", zeros, value)


@st.composite
def repetitions(draw: st.DrawFn, *, zero_period: bool = False) -> str:
    """``R`` or ``Rn`` (S5): leading zeros, huge counts; only R0 and R1 for a zero period (S14)."""
    if zero_period:
        return "R" + draw(st.sampled_from(["", "0", "00"])) + draw(st.sampled_from(["0", "1"]))
    if draw(st.booleans()):
        return "R"
    return "R" + draw(_number_texts(10**9))


# -- durations ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class DurationText:
    """A duration as written, and what the strategy knows about it (for validity only)."""

    text: str
    calendar: bool
    """True when a year, month, week or day count is non-zero."""
    elapsed_ns: int
    """Hours, minutes, seconds and the fraction, in nanoseconds."""

    @property
    def is_zero(self) -> bool:
        return not self.calendar and self.elapsed_ns == 0


_UNIT_NS: Final = {"H": _HOUR_S * 10**9, "TM": _MINUTE_S * 10**9, "S": 10**9}


def _fraction_digits() -> st.SearchStrategy[str]:
    """1-9 fractional digits, sometimes followed by zeros beyond the ninth (S9)."""
    digits = st.text("0123456789", min_size=1, max_size=9)
    padding = st.sampled_from(["", "", "", "0", "000000"])
    return st.builds(lambda d, p: d + p if len(d) == 9 else d, digits, padding)


@st.composite
def duration_texts(draw: st.DrawFn) -> DurationText:
    """A valid duration (S12, S13, S19a) in the designator or the alternative form."""
    if draw(st.integers(0, 5)) == 0:
        return draw(_alternative_durations())
    keys = ["Y", "M", "W", "D", "H", "TM", "S"]
    chosen = draw(st.lists(st.sampled_from(keys), min_size=1, max_size=7, unique=True))
    chosen.sort(key=keys.index)
    values = {key: draw(_number_texts()) for key in chosen}
    fraction = ""
    separator = "."
    last = chosen[-1]
    if last in ("H", "TM", "S") and draw(st.booleans()):
        fraction = draw(_fraction_digits())
        separator = draw(st.sampled_from(".,"))
    date_part = "".join(f"{values[k]}{k}" for k in chosen if k in ("Y", "M", "W", "D"))
    time_part = ""
    for key in chosen:
        if key in ("H", "TM", "S"):
            time_part += values[key]
            if key == last and fraction:
                time_part += separator + fraction
            time_part += key[-1]
    text = "P" + date_part + ("T" + time_part if time_part else "")
    calendar = any(int(values[k]) for k in chosen if k in ("Y", "M", "W", "D"))
    elapsed = sum(int(values[k]) * _UNIT_NS[k] for k in chosen if k in _UNIT_NS)
    if fraction:
        elapsed += int(fraction[:9].ljust(9, "0")) * _UNIT_NS[last] // 10**9
    return DurationText(text, calendar, elapsed)


@st.composite
def _alternative_durations(draw: st.DrawFn) -> DurationText:
    """``PYYYY-MM-DD[Thh:mm:ss[.f]]`` within the carry-over points of S19a."""
    years = draw(st.integers(0, 9999))
    months = draw(st.integers(0, 12))
    days = draw(st.integers(0, 30))
    text = f"P{years:04d}-{months:02d}-{days:02d}"
    elapsed = 0
    if draw(st.booleans()):
        hours = draw(st.integers(0, 24))
        minutes = draw(st.integers(0, 59))
        seconds = draw(st.integers(0, 59))
        text += f"T{hours:02d}:{minutes:02d}:{seconds:02d}"
        elapsed = ((hours * 60 + minutes) * 60 + seconds) * 10**9
        if draw(st.booleans()):
            fraction = draw(_fraction_digits())
            text += draw(st.sampled_from(".,")) + fraction
            elapsed += int(fraction[:9].ljust(9, "0"))
    return DurationText(text, bool(years or months or days), elapsed)


def durations() -> st.SearchStrategy[str]:
    """Valid duration texts (any length, zero included)."""
    return duration_texts().map(lambda d: d.text)


@st.composite
def _periods(draw: st.DrawFn) -> DurationText:
    """A duration that is a valid period for some repetitions: not shorter than 1 µs (S14)."""
    period = draw(duration_texts())
    if not period.calendar and 0 < period.elapsed_ns < 1000:
        return DurationText("PT0.000001S", False, 1000)
    return period


# -- zones -------------------------------------------------------------------------------------


def zone_keys() -> st.SearchStrategy[str]:
    return st.sampled_from(ZONE_KEYS)


def offset_strings() -> st.SearchStrategy[str]:
    """A fixed-offset ``tz`` argument (S22): ``±hh:mm`` or a UTC spelling."""
    signed = st.builds(
        lambda sign, h, m: f"{sign}{h:02d}:{m:02d}",
        st.sampled_from("+-"),
        st.integers(0, 23),
        st.sampled_from([0, 0, 30, 45, 59]),
    )
    return st.one_of(signed, st.sampled_from(["UTC", "+00:00", "-00:00", "Etc/UTC"]))


@functools.cache
def _transitions(key: str) -> tuple[datetime, ...]:
    """The UTC instants (naive) where ``key`` changes its offset, 1800-2040, from zoneinfo."""
    zone = zoneinfo.ZoneInfo(key)

    def offset(moment: datetime) -> timedelta | None:
        return moment.replace(tzinfo=timezone.utc).astimezone(zone).utcoffset()

    found = []
    step = timedelta(days=7)
    moment = datetime(1800, 1, 1)
    previous = offset(moment)
    while moment < datetime(2040, 1, 1):
        following = moment + step
        current = offset(following)
        if current != previous:
            low, high = moment, following  # offset(low) == previous != offset(high)
            while high - low > timedelta(seconds=1):
                middle = low + (high - low) / 2
                middle = middle.replace(microsecond=0)
                if offset(middle) == previous:
                    low = middle
                else:
                    high = middle
            found.append(high)
        moment, previous = following, current
    return tuple(found)


def _zone_offsets_at(key: str, wall: datetime) -> tuple[int, ...]:
    """The offsets (seconds) ``key`` has at a naive wall time: (), (one,) or (earlier, later)."""
    zone = zoneinfo.ZoneInfo(key)
    first = wall.replace(tzinfo=zone, fold=0).utcoffset()
    second = wall.replace(tzinfo=zone, fold=1).utcoffset()
    assert first is not None
    assert second is not None
    a, b = int(first.total_seconds()), int(second.total_seconds())
    if a == b:
        return (a,)
    return () if a < b else (a, b)  # PEP 495: fold=0 is the smaller offset in a gap


# -- date-times --------------------------------------------------------------------------------


@dataclass(frozen=True)
class DateTimeText:
    """A start (or end) date-time as written, and its values as the strategy drew them."""

    text: str
    wall: datetime
    """Naive wall-clock fields, floored to the microsecond."""
    nanos: int
    """The sub-microsecond nanoseconds of the wall time (0-999)."""
    offset: int | None
    """The written offset in seconds (``Z`` and ``-00:00`` are 0), ``None`` when none."""
    zone_key: str | None
    """The RFC 9557 suffix, when one was written."""
    has_time: bool


@st.composite
def _wall_times(draw: st.DrawFn, min_year: int, max_year: int, zone_key: str | None) -> tuple[date, int]:
    """A date and a time of day in ns; near one of the zone's transitions half of the time."""
    if zone_key is not None and draw(st.booleans()):
        transitions = [t for t in _transitions(zone_key) if min_year <= t.year <= max_year]
        if transitions:
            transition = draw(st.sampled_from(transitions))
            just_before = (transition - timedelta(seconds=1)).replace(tzinfo=timezone.utc)
            before = just_before.astimezone(zoneinfo.ZoneInfo(zone_key)).utcoffset()
            assert before is not None
            after = (
                transition.replace(tzinfo=timezone.utc).astimezone(zoneinfo.ZoneInfo(zone_key)).utcoffset()
            )
            assert after is not None
            # Boundary cases: inside the gap or overlap, and at its edges +-1 s (STYLE 2.9).
            size = abs(int((after - before).total_seconds()))
            delta = draw(
                st.one_of(
                    st.integers(-3 * _HOUR_S, 3 * _HOUR_S),
                    st.integers(-size - 120, size + 120),
                    st.sampled_from([-1, 0, 1, size - 1, size, size + 1, -size - 1, -size, 1 - size]),
                )
            )
            # Near the transition on the wall clock, or in UTC (what a Z[Zone] start writes).
            shift = draw(st.sampled_from([before, timedelta(0)]))
            wall = transition + shift + timedelta(seconds=delta)
            return wall.date(), (wall - datetime.combine(wall.date(), datetime.min.time())).seconds * 10**9
    day = draw(st.dates(date(min_year, 1, 1), date(max_year, 12, 31)))
    if draw(st.booleans()):
        return day, draw(st.integers(0, 24 * _HOUR_S - 1)) * 10**9 + draw(
            st.sampled_from([0, 0, 500_000_000, 999_999_999, 1, 1000])
        )
    return day, draw(st.integers(0, _DAY_NS - 1))


def _render_date(day: date, form: str, basic: bool) -> str:
    sep = "" if basic else "-"
    if form == "ordinal":
        return f"{day.year:04d}{sep}{day.timetuple().tm_yday:03d}"
    if form == "week":
        year, week, weekday = day.isocalendar()
        return f"{year:04d}{sep}W{week:02d}{sep}{weekday}"
    return f"{day.year:04d}{sep}{day.month:02d}{sep}{day.day:02d}"


def _render_time(
    draw: st.DrawFn, time_ns: int, precision: str, basic: bool, separator: str
) -> tuple[str, int]:
    """The time ``Thh[:mm[:ss]]`` with an optional fraction on its last field; return it and the
    time of day it denotes (ns), which is ``time_ns`` truncated to what the form can hold."""
    sep = "" if basic else ":"
    seconds = time_ns // 10**9
    minutes, second = divmod(seconds, 60)
    hour, minute = divmod(minutes, 60)
    if precision == "H":
        text, whole, unit_ns = f"{hour:02d}", hour * _HOUR_S * 10**9, _HOUR_S * 10**9
    elif precision == "M":
        text, whole, unit_ns = f"{hour:02d}{sep}{minute:02d}", (hour * 60 + minute) * 60 * 10**9, 60 * 10**9
    else:
        text = f"{hour:02d}{sep}{minute:02d}{sep}{second:02d}"
        whole, unit_ns = seconds * 10**9, 10**9
    rest = time_ns - whole
    if separator and (rest or draw(st.booleans())):
        # 9 digits of a fraction of the unit; exact, since unit_ns / 10**9 is a whole number.
        step = unit_ns // 10**9
        digits = f"{rest // step:09d}"
        kept = draw(st.integers(1, 9))
        digits = digits[:kept]
        value = int(digits.ljust(9, "0")) * step
        if draw(st.integers(0, 4)) == 0:
            digits += "0" * draw(st.integers(1, 5))  # zeros beyond the ninth digit are allowed (S9)
        return f"{text}{separator}{digits}", whole + value
    return text, whole


def _render_offset(offset: int, basic: bool, style: str) -> str:
    """``±hh:mm`` / ``±hhmm`` / ``±hh`` (``style`` "hh" only for whole hours)."""
    sign = "-" if offset < 0 else "+"
    hours, minutes = divmod(abs(offset) // 60, 60)
    if style == "hh" and minutes == 0:
        return f"{sign}{hours:02d}"
    return f"{sign}{hours:02d}{minutes:02d}" if basic else f"{sign}{hours:02d}:{minutes:02d}"


_OFFSET_SECONDS: Final = st.one_of(
    st.just(0),
    st.integers(-23 * 60 - 59, 23 * 60 + 59).map(lambda m: m * 60),
    st.sampled_from([3600, -3600, 19800, -12600, 3 * 3600 + 1800, 14 * 3600, -12 * 3600]),
)


@st.composite
def datetime_texts(
    draw: st.DrawFn,
    *,
    min_year: int = 1,
    max_year: int = 9999,
    forms: tuple[str, ...] = ("calendar", "ordinal", "week"),
    basic: bool | None = None,
    precisions: tuple[str, ...] = ("none", "H", "M", "S"),
    fraction_on: str = "HMS",
    separators: str = ".,",
    lowercase: bool = True,
    offset_kinds: tuple[str, ...] = ("none", "Z", "-00:00", "offset"),
    offset_styles: tuple[str, ...] = ("hh:mm", "hh"),
    suffix: bool = True,
    suffix_always: bool = False,
    zone_key: str | None = None,
) -> DateTimeText:
    """A valid date-time in any of the forms of S7-S10.

    ``zone_key`` is a ``tz`` argument in force (then any offset is valid, S23, and a suffix names
    the same zone); otherwise a suffix may name any of :data:`ZONE_KEYS` (always, with
    ``suffix_always``), and an offset written with it is one that zone has at that wall time.
    """
    suffix_key: str | None = None
    if zone_key is not None:
        if suffix and draw(st.booleans()):
            suffix_key = zone_key
    elif suffix_always or (suffix and draw(st.integers(0, 2)) == 0):
        suffix_key = draw(zone_keys())
    day, time_ns = draw(_wall_times(min_year, max_year, suffix_key or zone_key))
    form = draw(st.sampled_from(forms))
    is_basic = draw(st.booleans()) if basic is None else basic
    precision = draw(st.sampled_from(precisions))
    text = _render_date(day, form, is_basic)
    has_time = precision != "none"
    wall_ns = 0
    if has_time:
        separator = ""
        if precision in fraction_on and separators and draw(st.booleans()):
            separator = draw(st.sampled_from(separators))
        time_text, wall_ns = _render_time(draw, time_ns, precision, is_basic, separator)
        designator = draw(st.sampled_from("Tt")) if lowercase else "T"
        text += designator + time_text
    wall = datetime.combine(day, datetime.min.time()) + timedelta(microseconds=wall_ns // 1000)
    nanos = wall_ns % 1000

    offset: int | None = None
    kind = draw(st.sampled_from(offset_kinds)) if has_time else "none"
    if suffix_key is not None and kind == "offset":
        valid = [o for o in _zone_offsets_at(suffix_key, wall) if o % 60 == 0]
        if valid:
            offset = draw(st.sampled_from(valid))
            text += _render_offset(offset, is_basic, draw(st.sampled_from(offset_styles)))
        else:
            kind = "none"  # a gap, or a sub-minute (LMT) offset: the suffix alone places it
    elif kind == "offset":
        offset = draw(_OFFSET_SECONDS)
        if offset == 0:
            offset = 60
        text += _render_offset(offset, is_basic, draw(st.sampled_from(offset_styles)))
    elif kind == "Z":
        offset = 0
        text += draw(st.sampled_from("Zz")) if lowercase else "Z"
    elif kind == "-00:00":
        offset = 0
        text += "-0000" if is_basic else "-00:00"
    if suffix_key is not None:
        text += f"[{draw(st.sampled_from(['', '', '!']))}{suffix_key}]"
    return DateTimeText(text, wall, nanos, offset, suffix_key, has_time)


def _in_range(wall: datetime, offset_s: int) -> bool:
    """The instant ``wall - offset`` lies in the years 0001-9999 UTC (S7, S40)."""
    try:
        wall - timedelta(seconds=offset_s)
    except OverflowError:
        return False
    return True


def _start_is_valid(start: DateTimeText, tz: str | None) -> bool:
    """What the strategy cannot rule out by construction: the instant within 0001-9999."""
    if tz is None and start.zone_key is None:
        return _in_range(start.wall, start.offset or 0)
    # In a zone: the wall time (as written, or as shown for Z[Zone]) must be representable in
    # UTC and in the zone; the strategies keep zoned starts one year inside the range instead.
    return 2 <= start.wall.year <= 9998


# -- schedules ---------------------------------------------------------------------------------


@st.composite
def schedules(
    draw: st.DrawFn, *, tz_kinds: tuple[str, ...] = ("none", "fixed", "key")
) -> tuple[str, str | None]:
    """A valid ``R[n]/<start>/<period>`` text and the ``tz`` argument to parse it with."""
    kind = draw(st.sampled_from(tz_kinds))
    tz: str | None = None
    if kind == "fixed":
        tz = draw(offset_strings())
    elif kind == "key":
        tz = draw(zone_keys())
    if tz is None:
        start = draw(datetime_texts())
    else:
        key = tz if kind == "key" else None
        start = draw(datetime_texts(min_year=2, max_year=9998, zone_key=key, suffix=key is not None))
    if not _start_is_valid(start, tz):
        start = DateTimeText("2000-01-01T00:00:00Z", datetime(2000, 1, 1), 0, 0, None, True)
    period = draw(_periods())
    reps = draw(repetitions(zero_period=period.is_zero))
    return f"{reps}/{start.text}/{period.text}", tz


@st.composite
def empty_start_schedules(draw: st.DrawFn) -> tuple[str, str]:
    """``R[n]//<period>`` (S6) or ``R[n]/<period>`` (S18), with a zone key or an offset as ``tz``."""
    tz = draw(st.one_of(zone_keys(), offset_strings()))
    period = draw(_periods())
    reps = draw(repetitions(zero_period=period.is_zero))
    slash = draw(st.sampled_from(["//", "/"]))
    return f"{reps}{slash}{period.text}", tz


@st.composite
def other_form_schedules(draw: st.DrawFn) -> str:
    """``R[n]/<start>/<end>`` (S16) and ``Rn/<period>/<end>`` (S17), no tz: with fixed offsets,
    or in the zone of a suffix."""
    form = draw(st.sampled_from(["interval", "zoned interval", "end", "zoned end"]))
    if form == "zoned interval":
        # The end's wall time, in the start's zone (S19), two days or more after the start's:
        # later whatever the zone's gaps, overlaps (Apia's 24 h included) or the start's Z.
        start = draw(datetime_texts(min_year=2, max_year=9990, suffix_always=True))
        end_wall = start.wall + timedelta(
            days=draw(st.integers(2, 2000)), seconds=draw(st.integers(0, 86_399))
        )
        end_text = end_wall.isoformat(timespec=draw(st.sampled_from(["seconds", "microseconds"])))
        return f"{draw(repetitions())}/{start.text}/{end_text}"
    if form == "interval":
        fixed = functools.partial(
            datetime_texts, min_year=2, suffix=False, offset_kinds=("Z", "offset"), precisions=("H", "M", "S")
        )
        start = draw(fixed(max_year=9000))
        end = draw(fixed(max_year=9998))
        assert start.offset is not None
        assert end.offset is not None
        start_instant = (start.wall - timedelta(seconds=start.offset), start.nanos)
        end_instant = (end.wall - timedelta(seconds=end.offset), end.nanos)
        if end_instant[0] - start_instant[0] < timedelta(microseconds=2):
            start, end = end, start
            start_instant, end_instant = end_instant, start_instant
        if end_instant[0] - start_instant[0] < timedelta(microseconds=2):
            return "R/2000-01-01T00:00:00Z/2000-01-02T00:00:00+01:00"
        reps = draw(repetitions())
        return f"{reps}/{start.text}/{end.text}"
    # A short period, few repetitions, an end late enough that the first run is after year 0001.
    units = draw(
        st.lists(st.sampled_from(["1Y", "2M", "1W", "3D", "T5H", "T1.5H", "T7M", "T2.25S"]), min_size=1)
    )
    date_units = "".join(u for u in ("1Y", "2M", "1W", "3D") if u in units)
    time_units = "".join(u[1:] for u in ("T5H", "T7M", "T2.25S") if u in units)
    if "T1.5H" in units and not time_units:
        time_units = "1.5H"
    period = "P" + date_units + ("T" + time_units if time_units else "")
    count = draw(st.integers(1, 100))
    end = draw(datetime_texts(min_year=1000, max_year=9998, suffix_always=form == "zoned end"))
    return f"R{count}/{period}/{end.text}"


# -- texts near the valid ones -----------------------------------------------------------------


@st.composite
def fast_shape_texts(draw: st.DrawFn) -> str:
    """Texts of the fast path's shape, ``R[n]/YYYY-MM-DDThh:mm[:ss[.f]][Z|±hh:mm]/P...``, with
    every field drawn from ``00`` to ``99`` (``0000``-``9999``), so out-of-range ones too."""

    def field(width: int) -> st.SearchStrategy[str]:
        top = 10**width - 1
        edges = st.sampled_from([0, 1, 12, 13, 23, 24, 28, 29, 30, 31, 59, 60, 99, 9999])
        return st.one_of(st.integers(0, top), edges.filter(lambda v: v <= top)).map(
            lambda v: f"{v:0{width}d}"
        )

    text = draw(repetitions()) + "/"
    text += f"{draw(field(4))}-{draw(field(2))}-{draw(field(2))}T{draw(field(2))}:{draw(field(2))}"
    if draw(st.booleans()):
        text += ":" + draw(field(2))
        if draw(st.booleans()):
            text += draw(st.sampled_from(".,")) + draw(st.text("0123456789", min_size=1, max_size=11))
    offset = draw(st.sampled_from(["", "Z", "+", "-"]))
    if offset in "+-" and offset:
        offset += f"{draw(field(2))}:{draw(field(2))}"
    text += offset + "/"
    period = draw(
        st.one_of(durations(), st.sampled_from(["PT0S", "P0D", "PT0.0000000001S", "PT0.000000999S"]))
    )
    return text + period + draw(st.sampled_from(["", "", "", "/", "x", "/2012-01-01T00:00:00Z"]))


_ODD_CHARACTERS: Final = st.sampled_from(
    [
        "٣",
        "５",
        "𝟕",
        "²",
        " ",
        "\t",
        "\n",
        "\u00a0",
        "\u2212",
        "/",
        "-",
        ":",
        "T",
        "Z",
        "P",
        "[",
        "]",
        "R",
        ".",
        ",",
    ]
)
_HUGE_NUMBERS: Final = st.sampled_from(["9" * 30, "1" + "0" * 200, "0" * 50 + "1", str(2**64), "99999"])


@st.composite
def mutations(draw: st.DrawFn, texts: st.SearchStrategy[str]) -> str:
    """A text with one to three edits: a character deleted, doubled, swapped with the next,
    replaced by a unicode digit or another odd character, a number replaced by a huge one,
    whitespace or random characters inserted."""
    text = draw(texts)
    for _ in range(draw(st.integers(1, 3))):
        if not text:
            text = draw(st.text(max_size=5))
            continue
        at = draw(st.integers(0, len(text) - 1))
        edit = draw(
            st.sampled_from(["delete", "double", "swap", "replace", "huge", "insert", "random", "truncate"])
        )
        if edit == "delete":
            text = text[:at] + text[at + 1 :]
        elif edit == "double":
            text = text[:at] + text[at] + text[at:]
        elif edit == "swap" and at + 1 < len(text):
            text = text[:at] + text[at + 1] + text[at] + text[at + 2 :]
        elif edit == "replace":
            text = text[:at] + draw(_ODD_CHARACTERS) + text[at + 1 :]
        elif edit == "huge":
            starts = [i for i, c in enumerate(text) if c.isdigit() and (i == 0 or not text[i - 1].isdigit())]
            if starts:
                first = draw(st.sampled_from(starts))
                last = first
                while last < len(text) and text[last].isdigit():
                    last += 1
                text = text[:first] + draw(_HUGE_NUMBERS) + text[last:]
        elif edit == "insert":
            text = text[:at] + draw(st.sampled_from([" ", "\t", "\n", "\u3000"])) + text[at:]
        elif edit == "random":
            text = text[:at] + draw(st.text(min_size=1, max_size=4)) + text[at:]
        else:
            text = text[:at]
    return text
