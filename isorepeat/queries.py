"""How a schedule answers its queries in one mode: the anchored runs of its timeline (S27) or the
chained runs of its walk (S35), behind one set of methods.

Shaped like this so that :class:`~isorepeat.Schedule` decides the mode once per query and never
again: each public query is a few calls on an :class:`AnchoredRuns` or a :class:`ChainedRuns`,
and where chained runs are the anchored ones (:func:`~isorepeat.chain.chains_as_anchored`) the
chained mode is an :class:`AnchoredRuns` that shows runs 1 on in the zone the chain shows them.
Both are built on a schedule's first query in that mode and kept with it. Indexes are k >= 0,
moments whole microseconds since the epoch (S31); errors name the schedule's text.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import datetime
from typing import TYPE_CHECKING, Final, NoReturn, TypeVar, final

from isorepeat.chain import WALK_LIMIT, Chain, WalkLimit
from isorepeat.duration import Duration
from isorepeat.errors import ScheduleError, WalkLimitError, fail
from isorepeat.timeline import Timeline
from isorepeat.units import NS_PER_US
from isorepeat.zones import WallTimeError, instant_of

if TYPE_CHECKING:
    from isorepeat._types import Nanos
    from isorepeat.schedule import Schedule
    from isorepeat.zones import Zone

_NO_PERIOD: Final = Duration()
_T = TypeVar("_T")

__all__ = ["AnchoredRuns", "ChainedRuns", "anchored_runs", "chained_runs", "shown_as_chained"]


@final
class AnchoredRuns:
    """Run k is start ⊕ k·P (S27): O(1) to index, O(log) to search, nothing walked."""

    __slots__ = ("_schedule", "_shown_zone", "timeline")

    def __init__(self, schedule: Schedule, timeline: Timeline, shown_zone: Zone | None = None) -> None:
        self._schedule = schedule
        self.timeline = timeline
        self._shown_zone = shown_zone  # runs 1 on are shown in it (a chain's zone), or as they are

    def first(self, target_us: int) -> int | None:
        """The first k at or after ``target_us``, ``None`` when there is none."""
        timeline = self.timeline
        k = timeline.first_at_or_after(target_us)  # searches never raise (S24: see Timeline)
        return k if timeline.exists(k) else None

    def last_before(self, target_us: int) -> int | None:
        """The last k before ``target_us``, ``None`` when there is none."""
        timeline = self.timeline
        k = min(timeline.first_at_or_after(target_us) - 1, timeline.last_index())
        return None if k < 0 else k

    def at(self, k: int) -> datetime | None:
        """Run k, ``None`` past the end."""
        if not self.timeline.exists(k):
            return None
        moment = self._datetime(k)
        zone = self._shown_zone
        return moment if zone is None or k == 0 else moment.astimezone(zone.tzinfo)

    def first_run(self, target_us: int) -> datetime | None:
        """The first run at or after ``target_us``: :meth:`first` and :meth:`at` in one, for
        ``next_after``, the query schedulers ask most."""
        timeline = self.timeline
        k = timeline.first_at_or_after(target_us)
        if not timeline.exists(k):
            return None
        try:
            value = timeline.value(k)
        except WallTimeError as error:
            raise_wall_time(self._schedule, k, error)
        assert value is not None  # exists(k)
        moment = timeline.zone.to_datetime(value)  # inline: the call next_after makes most
        zone = self._shown_zone
        return moment if zone is None or k == 0 else moment.astimezone(zone.tzinfo)

    def length(self) -> int:
        return self.timeline.last_index() + 1

    def window(self, low_us: int, high_us: int) -> range:
        """The k of the runs t with ``low_us <= t < high_us``."""
        timeline = self.timeline
        first = timeline.first_at_or_after(low_us)
        return range(first, max(first, min(timeline.first_at_or_after(high_us), timeline.last_index() + 1)))

    def runs(self, first: int, stop: int | None = None) -> Iterator[datetime]:
        """Runs first <= k < stop (default: to the end), as :meth:`at` shows them."""
        timeline = self.timeline
        stop = timeline.last_index() + 1 if stop is None else stop
        if timeline.can_raise:  # under S24's "raise" each error names its k
            moments: Iterator[datetime] = map(self._datetime, range(first, stop))
        else:
            moments = timeline.datetimes(first, stop)  # no wrapper: it cost 20 µs per 1,000
        zone = self._shown_zone
        if zone is None:
            return moments
        return (t if first + i == 0 else t.astimezone(zone.tzinfo) for i, t in enumerate(moments))

    def value(self, k: int) -> Nanos:
        """The instant of run k, which exists."""
        try:
            value = self.timeline.value(k)
        except WallTimeError as error:
            raise_wall_time(self._schedule, k, error)
        assert value is not None  # callers check exists(k) first
        return value

    def _datetime(self, k: int) -> datetime:
        return self.timeline.zone.to_datetime(self.value(k))


@final
class ChainedRuns:
    """Run k+1 is run k re-read and stepped by P (S35): walked once, then searched."""

    __slots__ = ("_anchored", "_schedule", "chain")

    def __init__(self, schedule: Schedule, chain: Chain, anchored: Callable[[], AnchoredRuns]) -> None:
        self._schedule = schedule
        self.chain = chain
        self._anchored = anchored  # its count bounds the walk a search needs (monotonic runs only)

    def first(self, target_us: int) -> int | None:
        self._refuse_a_walk_too_long(target_us)
        return self._walked(lambda: self.chain.first_at_or_after(target_us))

    def last_before(self, target_us: int) -> int | None:
        self._refuse_a_walk_too_long(target_us)
        return self._walked(lambda: self.chain.last_before(target_us))

    def _refuse_a_walk_too_long(self, target_us: int) -> None:
        """Raise WalkLimitError at once when reaching ``target_us`` needs more than WALK_LIMIT
        runs: the anchored count is close to the chained one, so refuse now, not after 3 s."""
        if self.chain.monotonic and self._anchored().timeline.first_at_or_after(target_us) > WALK_LIMIT:
            raise_walk_limit(self._schedule)

    def first_run(self, target_us: int) -> datetime | None:
        """The first run at or after ``target_us``, in chain order."""
        k = self.first(target_us)
        return None if k is None else self.at(k)

    def at(self, k: int) -> datetime | None:
        found = self._walked(lambda: self.chain.run(k), k)
        return None if found is None else found[1].to_datetime(found[0])

    def length(self) -> int:
        return self._walked(self.chain.length)

    def _walked(self, query: Callable[[], _T], k: int = -1) -> _T:
        """``query()``, its walk's bound and ``disambiguate="raise"`` errors named for the schedule
        (run ``k`` when one is asked for)."""
        try:
            return query()
        except WalkLimit:
            raise_walk_limit(self._schedule)
        except WallTimeError as error:
            raise_wall_time(self._schedule, k, error)

    def runs(self, first: int, stop_us: int | None = None, *, limit: bool = False) -> Iterator[datetime]:
        """Runs from k = ``first`` on, until n, the year 9999, or ``stop_us`` (monotonic runs);
        with ``limit`` the walk's bound ends them quietly instead of raising."""
        chain = self.chain
        k = first
        while True:
            try:
                found = chain.run(k)
            except WalkLimit:
                if limit:
                    return
                raise_walk_limit(self._schedule)
            except WallTimeError as error:
                raise_wall_time(self._schedule, k, error)
            if found is None:
                return
            instant, zone = found
            if stop_us is not None and instant // NS_PER_US >= stop_us:
                return
            yield zone.to_datetime(instant)
            k += 1

    def between(self, low_us: int, high_us: int) -> Iterator[datetime]:
        """The runs t with ``low_us <= t < high_us``, in chain order."""
        first = self.first(low_us)
        if first is None:
            return iter(())
        if self.chain.monotonic:
            return self.runs(first, high_us)
        runs = self.runs(first, None, limit=True)
        return (t for t in runs if low_us <= instant_of(t, "the time") // NS_PER_US < high_us)


# -- building them -----------------------------------------------------------------------------


def anchored_runs(schedule: Schedule) -> AnchoredRuns:
    """The anchored runs (S27); a period that does not move forward has none (IR207)."""
    zone, start, wall = _require_start(schedule)
    count = schedule.run_count
    dialect, period, disambiguate = schedule.dialect_spec, schedule.period, schedule.disambiguate
    end = schedule.end
    if schedule.form == "end":
        assert end is not None
        assert count is not None
        arithmetic = dialect.arithmetic
        timeline = Timeline(zone, end.instant, end.wall, period, count, count, disambiguate, arithmetic)
        return AnchoredRuns(schedule, timeline)
    if (count is None or count > 1) and not period.moves_forward_in(zone):
        # Only a dialect that accepts negative periods gets here (S14, S15 reject them). The zone
        # is known here: its own clock changes bound the steps (none in UTC or a fixed offset).
        text = str(schedule)
        engine = dialect.engine or "a scheduler"
        fail(
            f"the period {dialect.format_period(period)} does not move forward: "
            f"{engine} runs this job again at once, for ever (IR207); it has no series of occurrences",
            text,
            text.rindex("/") + 1,
            "occurrences(mode='chained') shows what it does step by step",
        )
    if count is not None and count <= 1:
        # One run or none: the period is never added, and a search must not divide by it
        # (R1 with a negative period, which only the chronos dialect reads, went wrong there).
        period = _NO_PERIOD
    timeline = Timeline(zone, start, wall, period, 0, count, disambiguate, dialect.arithmetic)
    return AnchoredRuns(schedule, timeline)


def chained_runs(schedule: Schedule, anchored: Callable[[], AnchoredRuns]) -> ChainedRuns:
    """The chained runs (S35), walked lazily from run 0 (for S17, end ⊖ n·P).

    ``anchored`` gives the anchored runs, which a period that does not move forward has not.
    """
    zone, start, _ = _require_start(schedule)
    if schedule.form == "end":
        start = anchored().value(0)
    chain = Chain(
        zone,
        start,
        schedule.period,
        schedule.run_count,
        schedule.dialect_spec.chain_step,
        schedule.chain_zone,
        schedule.disambiguate,
    )
    return ChainedRuns(schedule, chain, anchored)


def shown_as_chained(schedule: Schedule, anchored: AnchoredRuns, chained: ChainedRuns) -> AnchoredRuns:
    """Anchored runs shown as the chain shows them: from run 1 on, in the zone of chained run 1
    (Chronos without a scheduleTimeZone keeps the offset it printed, CHRONOS.md §3.4)."""
    try:
        zone = chained.chain.zone_of(1)
    except WallTimeError as error:
        raise_wall_time(schedule, 1, error)
    if zone is None or zone == schedule.zone:
        return anchored
    return AnchoredRuns(schedule, anchored.timeline, zone)


# -- errors that name the schedule -----------------------------------------------------------


def raise_walk_limit(schedule: Schedule) -> NoReturn:
    text = str(schedule)
    raise WalkLimitError(
        f"a chained query would walk more than {WALK_LIMIT:,} runs of this schedule",
        text,
        text.index("/") + 1,
        "use mode='anchored', or a start closer to the time asked about",
    ) from None


def raise_wall_time(schedule: Schedule, k: int, error: WallTimeError) -> NoReturn:
    """S24 ``disambiguate="raise"``: name the occurrence, point at the start."""
    text = str(schedule)
    where = f"occurrence {k}: " if k >= 0 else ""
    raise ScheduleError(f"{where}{error.message}", text, text.index("/") + 1, error.hint) from None


def _require_start(schedule: Schedule) -> tuple[Zone, Nanos, Nanos]:
    zone, start, wall = schedule.zone, schedule.start_ns, schedule.start_wall_ns
    if zone is None or start is None or wall is None:
        text = str(schedule)
        fail(
            "this schedule starts when it is put into effect: call resolve(now) first",
            text,
            text.index("/") + 1,
            "schedule.resolve(datetime.now(timezone.utc)) gives it a start",
        )
    return zone, start, wall
