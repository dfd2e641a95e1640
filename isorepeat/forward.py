"""When a period with a negative field still moves forward (S27, S33, S35; IR207).

Shaped like this because "moves forward" is a question about every start, not one: a period moves
forward when anchored run k (``start ⊕ k·P``, S27) lands later than run k-1 for every start and
every k >= 1. A period without a negative field does, and :attr:`Duration.moves_forward` answers
that in two comparisons; this module answers the rest (only the chronos dialect reads negative
fields, S15), once per distinct calendar part, cached.

The answer is ``shortest + elapsed > allowance``:

- ``shortest`` (:func:`calendar_steps`) is the exact shortest wall-clock distance, in days,
  between the calendar parts of two consecutive anchored runs, over every start date of the
  400-year Gregorian cycle and every k, month-end clamping included. That is not the length of one
  step from run k-1: anchoring keeps the day written, so ``P1M`` from January 31 goes from
  February 29 to March 31, 31 days, where one month after February 29 is 29. The distance is the
  one of a day written ``d`` clamped in two months N months apart, for any ``d`` some month of the
  series has (1-31), and for Joda's order (years clamped, then months: from February 29, ``P1Y``
  gives February 28 and a month more March 28) a day 29 that comes and goes with the leap years.
  Both orders are covered, Joda's and the one of ``java.time`` and the iso dialect
  (``12·Y + M`` months at once): the two differ only from a February 29 with years and months.
- ``elapsed`` is the period's hours, minutes and seconds, exact.
- ``allowance`` (:func:`allowance_ns`) bounds what the zone's clock changes can take away from a
  step with calendar fields. Each calendar field's wall time is resolved to an instant with one
  of the zone's offsets (a gap takes the offset before it, an overlap the earlier pass), so the
  elapsed distance of two runs is their wall-clock distance minus the change of offset between
  them: at most the zone's *span*, its largest offset minus its smallest. Joda converts after
  every field, so a field that lands in a gap moves the wall time the next field starts from
  forward by that gap (at most the zone's longest *gap*, for each field but the last); where a gap
  moves a wall time to the next date (a gap across midnight, or a whole day skipped), the months
  added after the years can clamp differently, by up to 4 days more.

The allowance is zero in a zone whose offset never changes (UTC, a fixed offset: what Chronos uses
for a start with an offset and no ``scheduleTimeZone``): there the answer is exact, and a period
refused has a start (:attr:`CalendarSteps.shortest_at`) whose runs stand still or go back. In a
zone with DST it is conservative by at most the allowance (one hour in New York for a period with
one calendar field). Without a zone the bound is that of the worst zone of the tz database
(:data:`WORLD`: offsets that span 26 hours, such as Pacific/Apia's, which skipped 2011-12-30):
``P1DT-1H`` does go back there, so only a query that knows its zone runs it.
"""

from __future__ import annotations

import functools
import itertools
import math
import os
import struct
import zoneinfo
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Final, final

from isorepeat.units import NS_PER_DAY, NS_PER_HOUR, NS_PER_SECOND, SECONDS_PER_DAY

if TYPE_CHECKING:
    from isorepeat.duration import Duration
    from isorepeat.zones import Zone

__all__ = [
    "NO_SHIFTS",
    "WORLD",
    "CalendarSteps",
    "Witness",
    "ZoneShifts",
    "allowance_ns",
    "calendar_steps",
    "advances",
    "why_not_forward",
    "zone_shifts",
]

# -- the 400-year cycle ------------------------------------------------------------------------

_CYCLE_MONTHS: Final = 4800
_CYCLE_YEARS: Final = 400
_CYCLE_DAYS: Final = 146_097
_BASE_YEAR: Final = 2000  # month index 0 is January 2000; any 400 years are the same cycle
_BASE_ORDINAL: Final = date(_BASE_YEAR, 1, 1).toordinal()


def _month_tables() -> tuple[tuple[int, ...], tuple[int, ...]]:
    firsts = []
    lengths = []
    for m in range(_CYCLE_MONTHS):
        year, month0 = divmod(m, 12)
        first = date(_BASE_YEAR + year, month0 + 1, 1)
        following = date(_BASE_YEAR + year + (month0 + 1) // 12, (month0 + 1) % 12 + 1, 1)
        firsts.append(first.toordinal() - _BASE_ORDINAL)
        lengths.append(following.toordinal() - first.toordinal())
    return tuple(firsts), tuple(lengths)


_FIRST, _LENGTH = _month_tables()
"""For month index m (0 = January 2000) of the cycle: its first day, counted from 2000-01-01, and
its number of days."""
_FULL: Final = (1 << _CYCLE_YEARS) - 1
_LEAP: Final = sum(1 << y for y in range(_CYCLE_YEARS) if _LENGTH[12 * y + 1] == 29)
"""Bit y set: the year 2000 + y (of the cycle) is a leap year."""


def _first(month: int) -> int:
    """The first day of any month index, counted from 2000-01-01 (the cycle repeats)."""
    cycles, m = divmod(month, _CYCLE_MONTHS)
    return _FIRST[m] + cycles * _CYCLE_DAYS


def _rotate_down(bits: int, by: int) -> int:
    """Bit y of the result is bit (y + by) mod 400 of ``bits``."""
    by %= _CYCLE_YEARS
    return ((bits >> by) | (bits << (_CYCLE_YEARS - by))) & _FULL


def _rotate_up(bits: int, by: int) -> int:
    """Bit (y + by) mod 400 of the result is bit y of ``bits``."""
    return _rotate_down(bits, -by)


@final
@dataclass(frozen=True, slots=True)
class Witness:
    """A start and a k: runs k-1 and k of that start are ``days`` apart on the wall clock."""

    start: date
    k: int
    days: int


@final
@dataclass(frozen=True, slots=True)
class CalendarSteps:
    """The wall-clock distance, in days, between the calendar parts of anchored runs k-1 and k,
    over every start of the 400-year cycle and every k >= 1: the shortest and the longest, each
    with a start and a k where it is reached.

    >>> from isorepeat.forward import calendar_steps
    >>> steps = calendar_steps(0, 1, 0, -3)
    >>> steps.shortest, steps.longest, steps.shortest_at
    (25, 28, Witness(start=datetime.date(2001, 1, 31), k=1, days=25))

    ``P1M-3D`` from January 31, 2001: February 28 less 3 days, 25 days on. Anchoring can reach
    steps that no single step from a run does: one step of ``P1Y-1M`` from any date is 334 to
    337 days, but Joda's runs of a February 29 take the 29th in leap years only, so runs 20 and
    21 of 2000-02-29 (2020-02-29 less 20 months, 2021-02-28 less 21) are 2018-06-29 and
    2019-05-28, 333 days apart:

    >>> steps = calendar_steps(1, -1, 0, 0)
    >>> steps.shortest, steps.longest, steps.shortest_at
    (333, 338, Witness(start=datetime.date(2000, 2, 29), k=21, days=333))
    """

    shortest: int
    longest: int
    shortest_at: Witness
    longest_at: Witness


@functools.lru_cache(maxsize=256)
def calendar_steps(years: int, months: int, weeks: int, days: int) -> CalendarSteps:
    """The exact shortest and longest wall-clock step of the calendar part ``PyYmMwWdD`` between
    consecutive anchored runs (see the module's docstring), for Joda's order of adding years and
    months and for the iso dialect's (``12·Y + M`` at once): the shortest of both and the longest
    of both. Computed once per years and months (a few milliseconds), then cached."""
    shift = 7 * weeks + days
    shortest, longest = _month_steps(years, months)
    return CalendarSteps(
        shortest.days + shift,
        longest.days + shift,
        Witness(shortest.start, shortest.k, shortest.days + shift),
        Witness(longest.start, longest.k, longest.days + shift),
    )


@functools.lru_cache(maxsize=256)
def _month_steps(years: int, months: int) -> tuple[Witness, Witness]:
    """The shortest and longest distance of the months part alone, with their witnesses."""
    total = 12 * years + months
    if not (years or months):
        origin = Witness(date(_BASE_YEAR, 1, 1), 1, 0)
        return origin, origin
    both = bool(years and months)
    # Anchored, any day a start can have is written again at every run, clamped to each month.
    # For java.time and the iso dialect a start on day d in month m0 reaches month m = m0 + jN
    # with the day still d; for Joda too, but for February 29 with years and months, which the
    # years clamp to the 28th in common years: that start is the special case below.
    low, high = _clamped_steps(total, exclude_leap_february=False)
    if both:
        low_joda, high_joda = _clamped_steps(total, exclude_leap_february=True)
        low_feb, high_feb = _february_29_steps(years, months, low_joda.days, high_joda.days)
        low = min(low, low_joda, low_feb, key=_days)
        high = max(high, high_joda, high_feb, key=_days)
    return low, high


def _days(witness: Witness) -> int:
    return witness.days


def _clamped_steps(total: int, *, exclude_leap_february: bool) -> tuple[Witness, Witness]:
    """A day d written once, clamped in month m and in month m + N, over every m of the cycle and
    every d some start of m's series can have (d <= 28 always; 29-31 where a month of the series
    is that long). ``exclude_leap_february``: a February 29 is no source of day 29 (Joda, years
    and months: see :func:`_february_29_steps`)."""
    step = math.gcd(total, _CYCLE_MONTHS)  # the series of m visits every month m + i·step
    longest_day = [28] * step
    for m in range(_CYCLE_MONTHS):
        length = _LENGTH[m]
        if exclude_leap_february and length == 29:
            continue
        longest_day[m % step] = max(longest_day[m % step], length)
    first, lengths, extremes = _FIRST, _LENGTH, _CLAMP_EXTREMES
    found = []
    for m in range(_CYCLE_MONTHS):
        cycles, target = divmod(m + total, _CYCLE_MONTHS)
        span = first[target] + cycles * _CYCLE_DAYS - first[m]
        (shortest, short_day), (longest, long_day) = extremes[
            lengths[m], lengths[target], longest_day[m % step]
        ]
        found.append((span + shortest, m, short_day, span + longest, long_day))
    low_found = min(found)
    high_found = max(found, key=lambda row: (row[3], -row[1]))
    low = low_found[:3]
    high = (high_found[3], high_found[1], high_found[4])
    return (
        _clamped_witness(low, total, step, exclude_leap_february=exclude_leap_february),
        _clamped_witness(high, total, step, exclude_leap_february=exclude_leap_february),
    )


def _clamp_extremes() -> dict[tuple[int, int, int], tuple[tuple[int, int], tuple[int, int]]]:
    """For a month of ``before`` days, one of ``after`` days N months later and days written up
    to ``top`` (28 standing for 1-28): the least and the most ``min(d, after) - min(d, before)``
    and a day d for each."""
    table = {}
    for before, after, top in itertools.product(range(28, 32), repeat=3):
        changes = [(min(day, after) - min(day, before), day) for day in range(28, top + 1)]
        table[before, after, top] = (min(changes), max(changes))
    return table


_CLAMP_EXTREMES: Final = _clamp_extremes()


def _clamped_witness(
    found: tuple[int, int, int], total: int, step: int, *, exclude_leap_february: bool
) -> Witness:
    """The start of a series that writes day ``day`` and is in month m at run k-1."""
    distance, m, day = found
    for j in range(_CYCLE_MONTHS // step):
        source = m - j * total
        length = _LENGTH[source % _CYCLE_MONTHS]
        if length >= day and not (exclude_leap_february and length == 29 and day == 29):
            year, month0 = divmod(source, 12)
            return Witness(date(_BASE_YEAR + year % _CYCLE_YEARS, month0 + 1, day), j + 1, distance)
    raise AssertionError  # pragma: no cover - longest_day says a source exists


def _february_29_steps(years: int, months: int, low: int, high: int) -> tuple[Witness, Witness]:
    """Joda from February 29 with years and months: run k is on the 29th, clamped to the month
    reached, when the year 2000 + y0 + kY is a leap year, and on the 28th when it is not.

    The sets of starts y0 (leap years of the cycle) are bit sets, one bit per year, so each k is a
    few integer operations: the day of run k is 29 for ``a29`` (the years' year is leap, and the
    month reached is not a common February). An event 29 -> 28 makes a step one day shorter than
    the months between, 28 -> 29 one day longer; only those can pass ``low`` and ``high``.
    """
    total = 12 * years + months
    # Run k's state (the years' year, the month reached) repeats after this many runs.
    period = math.lcm(
        _CYCLE_YEARS // math.gcd(years, _CYCLE_YEARS), _CYCLE_MONTHS // math.gcd(total, _CYCLE_MONTHS)
    )
    spans = [_first(m + total) - _FIRST[m] for m in range(_CYCLE_MONTHS)]
    # For each month of the year r, the years of the cycle by the span that starts there.
    by_value: list[list[tuple[int, int]]] = []
    for r in range(12):
        groups: dict[int, int] = {}
        for y in range(_CYCLE_YEARS):
            value = spans[12 * y + r]
            groups[value] = groups.get(value, 0) | (1 << y)
        by_value.append(sorted(groups.items()))
    best_low: tuple[int, int, int] | None = None  # (days, y0, k)
    best_high: tuple[int, int, int] | None = None
    search_low = min(spans) - 1 < low
    search_high = max(spans) + 1 > high
    previous = _LEAP  # run 0 is the start, February 29 of a leap year
    for k in range(1, period + 1):
        current = _LEAP & _rotate_down(_LEAP, k * years)
        if (k * months) % 12 == 0:  # the month reached is a February: of a leap year?
            current &= _rotate_down(_LEAP, k * total // 12)
        q, r = divmod(1 + (k - 1) * total, 12)  # run k-1 is in month 12·(y0 + q) + r
        if search_low:
            events = previous & ~current
            if events:
                shifted = _rotate_up(events, q)
                for value, bits in by_value[r]:
                    hit = shifted & bits
                    if hit:
                        if best_low is None or value - 1 < best_low[0]:
                            best_low = (value - 1, _first_year(hit, q), k)
                        break
        if search_high:
            events = current & ~previous
            if events:
                shifted = _rotate_up(events, q)
                for value, bits in reversed(by_value[r]):
                    hit = shifted & bits
                    if hit:
                        if best_high is None or value + 1 > best_high[0]:
                            best_high = (value + 1, _first_year(hit, q), k)
                        break
        previous = current
    return _february_witness(best_low, low), _february_witness(best_high, high)


def _first_year(hit: int, shift: int) -> int:
    """The first start y0 among the years y0 + shift set in ``hit``."""
    starts = _rotate_down(hit, shift)
    return (starts & -starts).bit_length() - 1


def _february_witness(found: tuple[int, int, int] | None, otherwise: int) -> Witness:
    if found is None:  # nothing beyond the other starts: a witness that does not win
        return Witness(date(_BASE_YEAR, 2, 29), 1, otherwise)
    days, y0, k = found
    return Witness(date(_BASE_YEAR + y0, 2, 29), k, days)


# -- what a zone's clock changes can take away ---------------------------------------------------


@final
@dataclass(frozen=True, slots=True)
class ZoneShifts:
    """How a zone's wall clock departs from elapsed time, for :func:`allowance_ns`.

    ``span_ns``: the largest UTC offset the zone has ever had minus the smallest; ``gap_ns``: its
    longest gap; ``moves_dates``: a gap moves some wall time to the next date (a gap across
    midnight, as Toronto's of 1919-03-30 23:30, or a day skipped, as Apia's 2011-12-30).
    """

    span_ns: int
    gap_ns: int
    moves_dates: bool


NO_SHIFTS: Final = ZoneShifts(0, 0, moves_dates=False)
"""A zone whose offset never changes: UTC, a fixed offset."""
WORLD: Final = ZoneShifts(26 * NS_PER_HOUR, 24 * NS_PER_HOUR, moves_dates=True)
"""The worst zone of the tz database (tests check every zone against it): Pacific/Apia's offsets
span 25 h 30 min (LMT +12:33 to -11:27 in 1892, -10:00 to +14:00 in 2011), the longest gaps are
whole days skipped at the date line (24 h), and Toronto's gap of 1919 crossed midnight."""


def allowance_ns(years: int, months: int, weeks: int, days: int, shifts: ZoneShifts) -> int:
    """The most a zone with ``shifts`` can take from the elapsed distance of two consecutive runs
    of a period with these calendar fields, against their wall-clock distance: the offset span,
    plus the longest gap for every field Joda converts before the last one (a gap there moves the
    wall time the next field starts from), plus 4 days when a gap can move a date between the
    years and the months (the months then clamp from another day: from one day later the result
    lies 0 to 4 days later, as February 28 + 1 day + 1 month is April 1, not March 28)."""
    fields = (years != 0) + (months != 0) + (weeks != 0) + (days != 0)
    if not fields:
        return 0
    allowance = shifts.span_ns + (fields - 1) * shifts.gap_ns
    if shifts.moves_dates and years and months:
        allowance += 4 * NS_PER_DAY
    return allowance


def advances(period: Duration, shifts: ZoneShifts = WORLD) -> bool:
    """For a period with a negative field: every anchored run later than the one before, from
    every start, in every zone whose clock changes are within ``shifts`` (see the module)."""
    elapsed = period.elapsed_nanoseconds
    years, months, weeks, days = period.years, period.months, period.weeks, period.days
    if not (years or months or weeks or days):
        return elapsed > 0  # elapsed time only: exact in every zone
    shortest = calendar_steps(years, months, weeks, days).shortest
    return shortest * NS_PER_DAY + elapsed > allowance_ns(years, months, weeks, days, shifts)


# -- reading a zone's offsets from the tz database -------------------------------------------------


def zone_shifts(zone: Zone | None) -> ZoneShifts:
    """The :class:`ZoneShifts` of a zone: none for a fixed offset, those of the tz database file
    its key names (zoneinfo's, and pytz's and dateutil's zones by the same name, S22), and
    :data:`WORLD` when there is no zone or no file to read."""
    if zone is None:
        return WORLD
    if zone.fixed_offset is not None:
        return NO_SHIFTS
    key = zone.key
    return WORLD if key is None else _shifts_of_key(key)


@functools.lru_cache(maxsize=64)
def _shifts_of_key(key: str) -> ZoneShifts:
    data = _tzif(key)
    if data is None:
        return WORLD
    try:
        offsets, transitions = _read_tzif(data)
    except (struct.error, IndexError, ValueError):
        return WORLD
    span = max(offsets) - min(offsets)
    gap = 0
    moves_dates = False
    for instant, before, after in transitions:
        if after > before:
            size = after - before
            gap = max(gap, size)
            first = instant + before  # the gap's first wall second; its last, moved forward
            last_moved = first + 2 * size - 1  # by the gap, is on another date?
            moves_dates = moves_dates or first // SECONDS_PER_DAY != last_moved // SECONDS_PER_DAY
    return ZoneShifts(span * NS_PER_SECOND, gap * NS_PER_SECOND, moves_dates)


def _tzif(key: str) -> bytes | None:
    """The TZif file of a key, from the paths zoneinfo reads, else from the tzdata package."""
    if not key or key.startswith(("/", ".")) or ".." in key.split("/"):
        return None
    for root in zoneinfo.TZPATH:
        path = os.path.join(root, key)
        if os.path.isfile(path):
            with open(path, "rb") as file:
                return file.read()
    try:
        from importlib import resources

        package, _, name = f"tzdata.zoneinfo.{key}".replace("/", ".").rpartition(".")
        return resources.files(package).joinpath(name).read_bytes()
    except (ModuleNotFoundError, FileNotFoundError, OSError, ValueError):
        return None


def _read_tzif(data: bytes) -> tuple[list[int], list[tuple[int, int, int]]]:
    """The offsets (seconds) of a TZif file's local time types and its transitions as
    (instant, offset before, offset after), from the 64-bit data when the file has it (RFC 8536)."""
    if data[:4] != b"TZif":
        raise ValueError
    version = data[4]
    counts = struct.unpack(">6l", data[20:44])
    isut, isstd, leaps, times, types, chars = counts
    offset = 44
    time_size = 4
    if version >= ord("2"):
        offset += times * 5 + types * 6 + chars + leaps * 8 + isstd + isut
        isut, isstd, leaps, times, types, chars = struct.unpack(">6l", data[offset + 20 : offset + 44])
        offset += 44
        time_size = 8
    code = "q" if time_size == 8 else "l"
    instants = struct.unpack(f">{times}{code}", data[offset : offset + times * time_size])
    offset += times * time_size
    indexes = data[offset : offset + times]
    offset += times
    type_offsets = [struct.unpack(">l", data[offset + 6 * i : offset + 6 * i + 4])[0] for i in range(types)]
    used = [type_offsets[i] for i in indexes]
    transitions = []
    before = type_offsets[0]
    for instant, after in zip(instants, used, strict=True):
        transitions.append((instant, before, after))
        before = after
    return type_offsets, transitions


def why_not_forward(period: Duration, zone: Zone | None) -> str:
    """Why :func:`advances` refuses a period in ``zone``, in words: the shortest step against the
    allowance, for a message that has no run going back to show."""
    shifts = zone_shifts(zone)
    years, months, weeks, days = period.years, period.months, period.weeks, period.days
    shortest = calendar_steps(years, months, weeks, days).shortest * NS_PER_DAY + period.elapsed_nanoseconds
    allowance = allowance_ns(years, months, weeks, days, shifts)
    where = "any zone's" if zone is None or shifts is WORLD else f"{zone.name}'s"
    return (
        f"its shortest step, {_length(shortest)} on the wall clock, is not longer than the "
        f"{_length(allowance)} that {where} clock changes can take from a step"
    )


def _length(ns: int) -> str:
    """A length for messages: "23 h", "25 h 30 min", "-2 h", "30 days 1 h" (days from 2 days on)."""
    sign = "-" if ns < 0 else ""
    seconds, fraction = divmod(abs(ns), NS_PER_SECOND)
    day_count, seconds = divmod(seconds, SECONDS_PER_DAY)
    hours, seconds = divmod(seconds, 3600)
    minutes, seconds = divmod(seconds, 60)
    if day_count < 2:
        hours += 24 * day_count
        day_count = 0
    parts = [
        f"{day_count} days" if day_count else "",
        f"{hours} h" if hours else "",
        f"{minutes} min" if minutes else "",
        (f"{seconds}.{fraction:09d}".rstrip("0") + " s") if fraction else (f"{seconds} s" if seconds else ""),
    ]
    text = " ".join(part for part in parts if part)
    return sign + (text or "0 s")
