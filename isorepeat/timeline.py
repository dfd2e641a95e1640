"""Occurrence arithmetic and searches (S27-S33, S40) on integer nanoseconds.

Shaped like this because every query reduces to one search: the first k whose occurrence,
floored to the microsecond (S31), is at or after a target. Fixed periods answer it in closed
form (O(1)). Calendar periods estimate k from the period's mean length and correct the estimate
by galloping, then bisection, over the non-decreasing occurrences (S33): O(1) expected, O(log k)
at worst. Nothing here looks at text or builds a datetime except ``datetimes_between``.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Iterator
from datetime import date, datetime, time, timedelta
from itertools import accumulate, repeat
from typing import Final, TypeAlias, final

from isorepeat._types import Disambiguate, Nanos
from isorepeat.calendar import MAX_INSTANT, MAX_WALL, advance, days_in_month, is_representable
from isorepeat.datetimes import EPOCH_ORDINAL
from isorepeat.duration import Duration
from isorepeat.units import NS_PER_DAY, NS_PER_SECOND, NS_PER_US
from isorepeat.zones import FixedZone, Zone, ZoneInfoZone

__all__ = ["Arithmetic", "Timeline", "step_count"]

_Predicate: TypeAlias = Callable[[int], bool]
Arithmetic: TypeAlias = Callable[[Zone, Nanos, Nanos, Duration, int, Disambiguate], "Nanos | None"]
"""``start ⊕ k·P``: :func:`isorepeat.calendar.advance` (S28), or Joda's for the chronos dialect."""
# The Gregorian calendar repeats every 400 years = 146,097 days = 4,800 months.
_MEAN_MONTH_NS: Final = 146_097 * NS_PER_DAY // 4800


@final
class _Steps:
    """How many occurrences the timelines computed: tests assert it does not grow with k."""

    __slots__ = ("count",)

    def __init__(self) -> None:
        self.count = 0


_STEPS: Final = _Steps()


def step_count() -> int:
    """The number of occurrences computed so far by every timeline (a complexity probe)."""
    return _STEPS.count


@final
class Timeline:
    """The occurrences of one schedule: occurrence k = anchor ⊕ (k - shift)·P (S27, S28, S17).

    ``shift`` is 0 for a start and n for an end (S17: occurrence k = end ⊖ (n - k)·P).
    ``count`` is n, or ``None`` for an infinite schedule. Built once per schedule and cached.
    """

    __slots__ = (
        "_last",
        "_memo",
        "advance",
        "anchor",
        "anchor_wall",
        "count",
        "disambiguate",
        "period",
        "search_policy",
        "shift",
        "step",
        "zone",
    )

    def __init__(
        self,
        zone: Zone,
        anchor: Nanos,
        anchor_wall: Nanos,
        period: Duration,
        shift: int,
        count: int | None,
        disambiguate: Disambiguate,
        arithmetic: Arithmetic = advance,
    ) -> None:
        self.advance = arithmetic
        self.zone = zone
        self.anchor = anchor
        self.anchor_wall = anchor_wall
        self.period = period
        self.shift = shift
        self.count = count
        self.disambiguate = disambiguate
        self.search_policy: Disambiguate = "compatible" if disambiguate == "raise" else disambiguate
        # The elapsed length of a fixed period (S28: no calendar part), else None.
        self.step: int | None = period.elapsed_nanoseconds if period.is_fixed else None
        self._last: int | None = None
        # The last two occurrences computed: a search ends between two k, and its caller then
        # asks for one of them.
        self._memo: tuple[int, Nanos | None, int, Nanos | None] = (-1, None, -1, None)

    # -- single occurrences ------------------------------------------------------------------

    def occurrence(self, k: int) -> Nanos | None:
        """Occurrence k in ns as searches order it, or ``None`` beyond what datetime can hold
        (S40); k is not bounded by ``count`` here.

        Under ``disambiguate="raise"`` the searches place an occurrence in a gap or overlap as
        "compatible" does, so that looking at a neighbour never raises: S24 raises only for the
        occurrence a query returns, which ``value`` computes with the schedule's own policy.
        """
        if self.step is not None:
            _STEPS.count += 1
            instant = self.anchor + (k - self.shift) * self.step
            return instant if is_representable(self.zone, instant) else None
        memo_k, memo_value, older_k, older_value = self._memo
        if memo_k == k:
            return memo_value
        if older_k == k:
            return older_value
        _STEPS.count += 1
        value = self.advance(
            self.zone, self.anchor, self.anchor_wall, self.period, k - self.shift, self.search_policy
        )
        self._memo = (k, value, memo_k, memo_value)
        return value

    def value(self, k: int) -> Nanos | None:
        """Occurrence k under the schedule's own policy: what a query returns.

        :raises WallTimeError: under ``disambiguate="raise"`` when base_k is in a gap or overlap.
        """
        if self.search_policy == self.disambiguate or self.step is not None:
            return self.occurrence(k)  # elapsed units never raise (S24)
        _STEPS.count += 1
        return self.advance(
            self.zone, self.anchor, self.anchor_wall, self.period, k - self.shift, self.disambiguate
        )

    def exists(self, k: int) -> bool:
        """True when occurrence k is part of the schedule (within n and within S40)."""
        if k < 0 or (self.count is not None and k >= self.count):
            return False
        return k <= self.last_index()

    # -- the last occurrence ----------------------------------------------------------------

    def last_index(self) -> int:
        """The last k (S40: whose datetime exists in UTC and in the zone); -1 when there is none."""
        if self._last is None:
            self._last = self._find_last()
        return self._last

    def _find_last(self) -> int:
        if self.count == 0:
            return -1
        if self.count is not None and (self.shift or self.occurrence(self.count - 1) is not None):
            return self.count - 1  # an end anchors S17: every occurrence lies before it
        upper = None if self.count is None else self.count - 1
        if self.step is not None:
            first = self.anchor - self.shift * self.step
            last = (self._last_instant() - first) // self.step
            while last > 0 and self.occurrence(last) is None:  # DST near year 9999: one step
                last -= 1
            return last if upper is None else min(last, upper)
        estimate = max(0, (self._last_instant() - self.anchor) // self._mean_ns())
        if upper is not None:
            estimate = min(estimate, upper)
        low, high = self._bracket(lambda k: self.occurrence(k) is None, estimate)
        low, high = self._bisect(lambda k: self.occurrence(k) is None, low, high)
        return low if upper is None else min(low, upper)

    def _last_instant(self) -> Nanos:
        """The last instant whose wall time in the zone is before the year 10000."""
        offset = self.zone.offset_at(MAX_INSTANT - 2 * NS_PER_DAY)
        return min(MAX_INSTANT, MAX_WALL - offset * NS_PER_SECOND)

    def _mean_ns(self) -> int:
        period = self.period
        mean = (
            period.total_months * _MEAN_MONTH_NS + period.total_days * NS_PER_DAY + period.elapsed_nanoseconds
        )
        return max(1, mean)

    # -- searches ----------------------------------------------------------------------------

    def first_at_or_after(self, target_us: int) -> int:
        """The smallest k >= 0 whose floored occurrence is >= ``target_us`` (S31), or the first k
        past the end when there is none (then ``exists(k)`` is false)."""
        target_ns = target_us * NS_PER_US  # floor(x / 1000) >= T  <=>  x >= 1000 T
        if self.step == 0:  # S14: a zero period (R0, R1): every occurrence is the start
            return 0 if self.anchor >= target_ns else max(1, self.count or 1)
        if self.step is not None:
            first = self.anchor - self.shift * self.step
            k = max(0, -((first - target_ns) // self.step))  # ceil((target - first) / step)
            if self.count is not None:
                k = min(k, self.count)
            return k

        def beyond(k: int) -> bool:
            if self.count is not None and k >= self.count:
                return True
            value = self.occurrence(k)
            return value is None or value >= target_ns

        start = self.anchor if not self.shift else self.occurrence(0)
        assert start is not None  # the parser rejected starts datetime cannot hold
        if start >= target_ns:
            return 0
        estimate = max(0, (target_ns - start) // self._mean_ns())
        if self.count is not None:
            estimate = min(estimate, self.count)
        low, high = self._bracket(beyond, estimate)
        return self._bisect(beyond, low, high)[1]

    @staticmethod
    def _bracket(beyond: _Predicate, estimate: int) -> tuple[int, int]:
        """(low, high) with ``beyond(low)`` false and ``beyond(high)`` true, near ``estimate``.

        ``beyond`` is monotonic (false ... false, true ...) and false at 0. The estimate is within
        a step or two of the answer for calendar periods, so this takes O(1) evaluations; the
        doubling bounds a bad estimate at O(log k).
        """
        if beyond(estimate):
            high, step = estimate, 1
            low = max(0, high - step)
            while low > 0 and beyond(low):
                high, step = low, step * 2
                low = max(0, high - step)
            return low, high
        low, step = estimate, 1
        high = low + step
        while not beyond(high):
            low, step = high, step * 2
            high = low + step
        return low, high

    @staticmethod
    def _bisect(beyond: _Predicate, low: int, high: int) -> tuple[int, int]:
        while high - low > 1:
            middle = (low + high) // 2
            if beyond(middle):
                high = middle
            else:
                low = middle
        return low, high

    # -- many occurrences --------------------------------------------------------------------

    def instants(self, start_k: int, stop_k: int) -> Iterator[tuple[int, Nanos]]:
        """(k, occurrence k) for start_k <= k < stop_k, in order, under the schedule's policy."""
        for k in range(start_k, stop_k):
            value = self.value(k)
            if value is None:
                return
            yield k, value

    @property
    def can_raise(self) -> bool:
        """Whether making an occurrence can raise WallTimeError (S24: "raise", calendar units)."""
        return self.disambiguate == "raise" and self.step is None

    def datetimes(self, start_k: int, stop_k: int) -> Iterator[datetime]:
        """The occurrences start_k <= k < stop_k as datetimes (S31), the common cases fast.

        Returns an iterator, not a generator: the fixed-step path is a C iterator end to end.
        """
        if start_k >= stop_k:
            return iter(())
        zone = self.zone
        step = self.step
        if step is not None and step % NS_PER_US == 0 and isinstance(zone, (FixedZone, ZoneInfoZone)):
            # Whole microseconds of elapsed time: floor(x0 + k·P) = floor(x0) + k·P exactly, so
            # the zone makes the datetimes in bulk (Zone.to_datetimes), in C where it can.
            first = self.occurrence(start_k)
            assert first is not None
            if stop_k - start_k == 1:  # no step to take: the step may not fit a timedelta
                return iter((zone.to_datetime(first),))
            return zone.to_datetimes(first, step // NS_PER_US, stop_k - start_k)
        if (
            step is None
            and self.advance is advance
            and self.disambiguate == "compatible"
            and not self.period.elapsed_nanoseconds
            and isinstance(zone, (FixedZone, ZoneInfoZone))
        ):
            return self._calendar_datetimes(start_k, stop_k)
        return (zone.to_datetime(value) for _, value in self.instants(start_k, stop_k))

    def _calendar_datetimes(self, start_k: int, stop_k: int) -> Iterator[datetime]:
        """Pure calendar periods (Y, M, W, D) under "compatible" in a fixed or ZoneInfo zone.

        The wall time of each occurrence is built directly (S28 (1), (2)); PEP 495's fold=0
        offset is the "compatible" resolution (S24, S25), and ``fromutc`` of the wall time moved
        by that offset is the resolved datetime, shifted out of a gap and with its fold set.
        About 0.3 µs an occurrence, against 4 µs through ``occurrence`` and ``to_datetime``.
        """
        tz = self.zone.tzinfo
        fixed = isinstance(self.zone, FixedZone)
        days, time_of_day = divmod(self.anchor_wall, NS_PER_DAY)
        anchor_date = date.fromordinal(days + EPOCH_ORDINAL)
        micros = time_of_day // NS_PER_US  # S31: flooring the wall floors the instant (whole-second offsets)
        seconds, microsecond = divmod(micros, 1_000_000)
        hour, rest = divmod(seconds, 3600)
        minute, second = divmod(rest, 60)
        months, day_step = self.period.total_months, self.period.total_days
        if not months and start_k == self.shift:
            # S28: base_0 is the start instant as parsed (its overlap side or gap shift kept).
            yield self.zone.to_datetime(self.anchor)
            start_k += 1
            if start_k >= stop_k:
                return
        if not months:
            wall = datetime.combine(
                anchor_date + timedelta(days=(start_k - self.shift) * day_step),
                time(hour, minute, second, microsecond),
                tz,
            )
            # Aware + timedelta is wall-clock arithmetic; accumulate adds n - 1 days in C.
            walls = accumulate(
                repeat(timedelta(days=day_step), stop_k - start_k - 1), operator.add, initial=wall
            )
            if fixed:
                yield from walls
                return
            for local in walls:
                yield tz.fromutc(local - tz.utcoffset(local))  # type: ignore[operator]
                # NOTE: a ZoneInfo's utcoffset of an aware datetime is never None.
            return
        month_index = anchor_date.year * 12 + anchor_date.month - 1
        for k in range(start_k, stop_k):
            j = k - self.shift
            if not j:
                yield self.zone.to_datetime(self.anchor)  # S28: base_0 is the start as parsed
                continue
            year, month0 = divmod(month_index + j * months, 12)
            day = min(anchor_date.day, days_in_month(year, month0 + 1))
            moment = date(year, month0 + 1, day)
            if day_step:
                moment += timedelta(days=j * day_step)
            wall = datetime.combine(moment, time(hour, minute, second, microsecond), tz)
            yield wall if fixed else tz.fromutc(wall - tz.utcoffset(wall))  # type: ignore[operator]
