"""Chained runs (S35): each run the previous one plus the period, as an engine that stores the next
start as text runs them, walked once per schedule and kept.

Shaped like this because a chain has no closed form: run k needs runs 0..k-1. So the walk is
done at most once per schedule, whatever the queries: the runs walked so far are kept (a list
of instants, and the zone of each), and a query in 2026 on a 2012 monthly chain walks 14 years
once, not once per query. The walk is bounded by :data:`WALK_LIMIT` runs; beyond, the query
raises :class:`isorepeat.errors.WalkLimitError` (from the schedule, which knows the text).
Where chained runs are the anchored ones (:func:`chains_as_anchored`) the schedule does not walk.
"""

from __future__ import annotations

from _thread import allocate_lock  # threading costs 5 ms of start-up; its Lock is this
from bisect import bisect_left
from typing import TYPE_CHECKING, Final, final

from isorepeat._types import Disambiguate, Nanos
from isorepeat.calendar import is_representable

if TYPE_CHECKING:
    from isorepeat.dialects import ChainStep
    from isorepeat.duration import Duration
    from isorepeat.zones import Zone

__all__ = ["WALK_LIMIT", "Chain", "WalkLimit", "chains_as_anchored"]

WALK_LIMIT: Final = 500_000
"""The most runs a chained query walks. A step takes 1-6 µs, so a walk ends within about 3 s;
500,000 steps of the shortest calendar period, a day, are 1,368 years."""


def chains_as_anchored(period: Duration) -> bool:
    """True when chained runs are the anchored ones (the one rule, used everywhere).

    A fixed period (hours, minutes, seconds) that moves forward has no month end to clamp and no
    wall time to re-read: k·P from the start and P after P give the same instants, in every
    dialect, because each adds elapsed time to an instant. A fixed period moves forward when its
    elapsed time is positive, in every zone, whatever the signs of its fields (``PT2H-30.5S``).
    (The zone a run is shown in may still differ: see :meth:`Chain.zone_of`.)
    """
    return period.is_fixed and period.moves_forward


@final
class WalkLimit(Exception):  # noqa: N818 - internal signal; the schedule raises WalkLimitError
    """A query needs more than :data:`WALK_LIMIT` chained runs."""


@final
class Chain:
    """The chained runs of one schedule: run k as (instant, zone it is shown in), walked lazily.

    ``count`` is the number of runs (``None``: until the year 9999 ends them, S40). Runs are
    monotonic when the period moves forward in the start's zone
    (:meth:`Duration.moves_forward_in`: each step of a chain is the first anchored step of a start,
    in that zone or, after a step printed with its offset, in a fixed one): then searches bisect
    the runs walked; otherwise they scan them in chain order.
    """

    __slots__ = (
        "_disambiguate",
        "_ended",
        "_instants",
        "_lock",
        "_period",
        "_schedule_zone",
        "_step",
        "_zones",
        "count",
        "monotonic",
    )

    def __init__(
        self,
        zone: Zone,
        start: Nanos,
        period: Duration,
        count: int | None,
        step: ChainStep,
        schedule_zone: Zone | None,
        disambiguate: Disambiguate,
    ) -> None:
        self.count = count
        self.monotonic = period.moves_forward_in(zone) and (
            schedule_zone is None or schedule_zone == zone or period.moves_forward_in(schedule_zone)
        )
        self._period = period
        self._step = step
        self._schedule_zone = schedule_zone
        self._disambiguate = disambiguate
        self._instants: list[Nanos] = []
        self._zones: list[Zone] = []
        self._ended = count == 0 or not is_representable(zone, start)
        if not self._ended:
            self._instants.append(start)
            self._zones.append(zone)
        # Two threads may query one schedule: the walk appends under a lock.
        self._lock = allocate_lock()

    # -- the walk ----------------------------------------------------------------------------

    def _walk_to(self, k: int) -> bool:
        """Walk until run k is known; False when the chain ends before it.

        :raises WalkLimit: when run k is beyond :data:`WALK_LIMIT`.
        :raises WallTimeError: from the step, under ``disambiguate="raise"``.
        """
        instants = self._instants
        if k < len(instants):
            return True
        if self._ended or (self.count is not None and k >= self.count):
            return False
        if k >= WALK_LIMIT:
            raise WalkLimit
        with self._lock:
            zones = self._zones
            while len(instants) <= k:
                following = self._step(
                    zones[-1], instants[-1], self._period, self._schedule_zone, self._disambiguate
                )
                if following is None or not is_representable(following[1], following[0]):
                    self._ended = True
                    return False
                instants.append(following[0])
                zones.append(following[1])
                if self.count is not None and len(instants) >= self.count:
                    self._ended = True
                    return k < len(instants)
        return True

    def run(self, k: int) -> tuple[Nanos, Zone] | None:
        """Run k, or ``None`` when the chain has fewer runs."""
        if k < 0 or not self._walk_to(k):
            return None
        return self._instants[k], self._zones[k]

    def zone_of(self, k: int) -> Zone | None:
        """The zone run k is shown in (run 1's for every later run of a fixed period); ``None``
        when there is no run k."""
        found = self.run(min(k, 1))
        return None if found is None else found[1]

    def length(self) -> int:
        """How many runs there are (walks to the end)."""
        k = len(self._instants)
        while self._walk_to(k):
            k = len(self._instants)
        return len(self._instants)

    # -- searches ----------------------------------------------------------------------------

    def first_at_or_after(self, target_us: int) -> int | None:
        """The first k (in chain order) whose run, floored to the microsecond, is at or after
        ``target_us`` (S31); ``None`` when there is none."""
        target = target_us * 1000  # floor(x / 1000) >= T  <=>  x >= 1000 T
        instants = self._instants
        if self.monotonic:
            while instants and instants[-1] < target and self._walk_to(len(instants)):
                pass
            k = bisect_left(instants, target)
            return k if k < len(instants) else None
        if not self.ever_later:
            # No positive field: no run is ever later than the first.
            return 0 if instants and instants[0] >= target else None
        k = 0
        while self._walk_to(k):
            if instants[k] >= target:
                return k
            k += 1
        return None

    def last_before(self, target_us: int) -> int | None:
        """The k of the latest run whose floored instant is before ``target_us``; ``None`` if none."""
        target = target_us * 1000
        instants = self._instants
        if self.monotonic:
            k = self.first_at_or_after(target_us)
            last = (self.length() if k is None else k) - 1
            return last if last >= 0 else None
        if not self.ever_later:
            # No run is later than the one before it: the first run before the target, in chain
            # order, is the latest of them. A period that stands still has only the first.
            if not self._goes_back:
                return 0 if self._walk_to(0) and instants[0] < target else None
            k = 0
            while self._walk_to(k):
                if instants[k] < target:
                    return k
                k += 1
            return None
        self.length()
        before = [k for k, instant in enumerate(instants) if instant < target]
        return max(before, key=instants.__getitem__) if before else None

    @property
    def _goes_back(self) -> bool:
        period = self._period
        fields = (period.years, period.months, period.weeks, period.days, period.elapsed_nanoseconds)
        return min(fields) < 0

    @property
    def ever_later(self) -> bool:
        """Whether a step can ever land later than the run before: some field is positive."""
        period = self._period
        fields = (period.years, period.months, period.weeks, period.days, period.elapsed_nanoseconds)
        return max(fields) > 0
