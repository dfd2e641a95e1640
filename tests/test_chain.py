"""isorepeat/chain.py on its own: chained runs (S35), walked once and kept, and their searches.

Covers ``chains_as_anchored`` (a fixed period that moves forward: chained runs are the anchored
ones, in both dialects' steps, against plain integer arithmetic), :class:`Chain` (runs walked
lazily and only once whatever the queries: the step function's calls are counted, never timed;
``run``, ``zone_of``, ``length``, ``first_at_or_after`` and ``last_before`` by bisection when
the runs are monotonic, by scanning in chain order when not; the end at n, at the year 9999,
and ``WalkLimit`` at :data:`WALK_LIMIT`), and the public Schedule behaviour built on it: two
queries on one chained schedule walk it once, a query whose anchored estimate is beyond the
limit is refused before any walk (``WalkLimitError``), and a schedule whose chain is its
anchored series never walks. The oracle for the runs is ``dateutil.relativedelta`` applied step
after step; the oracle for the searches is a linear scan of those runs.
"""

from __future__ import annotations

import dataclasses
import itertools
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from typing import Final

import pytest
from dateutil.relativedelta import relativedelta
from hypothesis import example, given, settings
from hypothesis import strategies as st

import isorepeat
from isorepeat import Duration, Schedule, WalkLimitError
from isorepeat._types import Disambiguate, Nanos
from isorepeat.calendar import MAX_INSTANT
from isorepeat.chain import WALK_LIMIT, Chain, WalkLimit, chains_as_anchored
from isorepeat.chronos.chained import chronos_chain_step
from isorepeat.dialects import ChainStep
from isorepeat.iso import iso_chain_step
from isorepeat.zones import UTC_ZONE, FixedZone, Zone, resolve_tz

from .properties.strategies import SETTINGS

UTC = timezone.utc
LA = "America/Los_Angeles"
_EPOCH_UTC: Final = datetime(1970, 1, 1, tzinfo=UTC)
_US: Final = timedelta(microseconds=1)


def _ns(moment: datetime) -> Nanos:
    return (moment - _EPOCH_UTC) // _US * 1000


def _us(moment: datetime) -> int:
    return (moment - _EPOCH_UTC) // _US


def _utc(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


def _zone(name: str) -> Zone:
    zone = resolve_tz(name)
    assert zone is not None
    return zone


class _Counting:
    """A chain step that counts how often it is called."""

    def __init__(self, step: ChainStep) -> None:
        self.step = step
        self.calls = 0

    def __call__(
        self, zone: Zone, instant: Nanos, period: Duration, schedule_zone: Zone | None, policy: Disambiguate
    ) -> tuple[Nanos, Zone] | None:
        self.calls += 1
        return self.step(zone, instant, period, schedule_zone, policy)


def _chain(
    start: datetime,
    period: Duration,
    count: int | None = None,
    *,
    step: ChainStep = chronos_chain_step,
    zone: Zone = UTC_ZONE,
    schedule_zone: Zone | None = None,
) -> tuple[Chain, _Counting]:
    counting = _Counting(step)
    return Chain(zone, _ns(start), period, count, counting, schedule_zone, "compatible"), counting


def _runs(chain: Chain, n: int) -> list[Nanos]:
    found = []
    for k in range(n):
        run = chain.run(k)
        if run is None:
            break
        found.append(run[0])
    return found


# -- chains_as_anchored ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("period", "anchored"),
    [
        (Duration(hours=1), True),
        (Duration(minutes=90), True),
        (Duration(nanoseconds=1000), True),
        (Duration(hours=24), True),  # PT24H is elapsed time, not a day
        (Duration(days=1), False),  # a day keeps the wall time: re-read in the zone
        (Duration(weeks=1), False),
        (Duration(months=1), False),  # month ends clamp, and a chain never returns to the 31st
        (Duration(years=1), False),
        (Duration(days=1, hours=1), False),
        (Duration(), False),  # a zero period does not move forward
        (Duration(hours=-1), False),  # nor does a negative one (chronos only)
        (Duration(hours=2, minutes=-30), True),
    ],
)
def test_s35_chains_as_anchored(period: Duration, anchored: bool) -> None:
    assert chains_as_anchored(period) is anchored


@settings(SETTINGS, max_examples=50)
@given(
    st.sampled_from([LA, "Europe/Berlin", "Australia/Lord_Howe", "Pacific/Apia", "UTC", "+05:30"]),
    st.datetimes(datetime(1990, 1, 1), datetime(2030, 1, 1), timezones=st.just(UTC)),
    st.integers(1, 10**9 * 3600 * 30),
    st.sampled_from(["iso", "chronos", "chronos with its zone"]),
)
@example(LA, _utc(2014, 11, 2, 7, 30), 10**9 * 1800, "chronos with its zone")  # the repeated hour
@example(LA, _utc(2014, 3, 9, 9, 30), 10**9 * 3600, "chronos with its zone")  # across the gap
def test_s35_fixed_periods_chain_as_anchored(key: str, start: datetime, elapsed: int, step: str) -> None:
    # A fixed period: the chained runs are start + k·P exactly, in every dialect's step.
    zone = _zone(key)
    period = Duration(seconds=elapsed // 10**9, nanoseconds=elapsed % 10**9)
    assert chains_as_anchored(period)
    chain_step = iso_chain_step if step == "iso" else chronos_chain_step
    schedule_zone = zone if step == "chronos with its zone" else None
    chain, _ = _chain(start, period, 30, step=chain_step, zone=zone, schedule_zone=schedule_zone)
    assert _runs(chain, 30) == [_ns(start) + k * elapsed for k in range(30)]


# -- the walk: lazy, once, kept ----------------------------------------------------------------


def test_s35_runs_are_walked_lazily_and_once() -> None:
    chain, counting = _chain(_utc(2012, 1, 31), Duration(months=1))
    assert counting.calls == 0  # nothing is walked before a query
    assert chain.run(10) is not None
    assert counting.calls == 10
    assert chain.run(3) is not None
    assert chain.run(10) is not None
    assert counting.calls == 10  # runs walked are kept
    assert chain.run(12) is not None
    assert counting.calls == 12  # and the walk goes on from the last one


def _monthly_oracle(start: datetime, n: int) -> list[datetime]:
    """Chained months, each from the run before (CHRONOS.md §3.4, issue #559: 31, 29, 29, ...)."""
    runs = [start]
    while len(runs) < n:
        runs.append(runs[-1] + relativedelta(months=1))
    return runs


def test_s35_two_searches_on_one_chain_walk_it_once() -> None:
    chain, counting = _chain(_utc(2012, 1, 31), Duration(months=1))
    runs = _monthly_oracle(_utc(2012, 1, 31), 200)
    assert [runs[k].day for k in range(4)] == [31, 29, 29, 29]
    k = chain.first_at_or_after(_us(_utc(2026, 1, 1)))
    assert k == 168
    assert counting.calls == 168
    assert chain.run(168) == (_ns(runs[168]), UTC_ZONE)
    # Earlier targets are bisected in the runs already walked: no step.
    assert chain.last_before(_us(_utc(2025, 6, 1))) == 160
    assert chain.first_at_or_after(_us(_utc(2020, 1, 1))) == 96
    assert chain.first_at_or_after(_us(runs[50])) == 50  # at or after: the run itself
    assert chain.last_before(_us(runs[50])) == 49  # before: strictly
    assert counting.calls == 168
    # A later target walks only the runs not walked yet.
    assert chain.first_at_or_after(_us(_utc(2027, 1, 1))) == 180
    assert counting.calls == 180


@st.composite
def _calendar_periods(draw: st.DrawFn) -> Duration:
    """A period with a calendar unit: chained runs differ from the anchored ones."""
    years = draw(st.integers(0, 2))
    months = draw(st.integers(0, 13))
    weeks = draw(st.integers(0, 2))
    days = draw(st.integers(0, 40))
    if not (years or months or weeks or days):
        months = 1
    return Duration(years=years, months=months, weeks=weeks, days=days, hours=draw(st.integers(0, 30)))


def _joda_oracle(start: datetime, period: Duration, n: int) -> list[datetime]:
    """Chronos in UTC: run k+1 = run k + P, the fields one at a time (years, months, days)."""
    runs = [start]
    while len(runs) < n:
        runs.append(
            runs[-1]
            + relativedelta(years=period.years)
            + relativedelta(months=period.months)
            + relativedelta(days=7 * period.weeks + period.days)
            + timedelta(hours=period.hours)
        )
    return runs


@settings(SETTINGS, max_examples=100)
@given(
    st.datetimes(datetime(1990, 1, 1), datetime(2030, 12, 31), timezones=st.just(UTC)),
    _calendar_periods(),
    st.lists(st.integers(-5, 80), min_size=1, max_size=6),
)
@example(_utc(2012, 1, 31), Duration(months=1), [3, 0, 40])
@example(_utc(2012, 2, 29), Duration(years=1, months=1), [2, 10])
def test_s35_searches_match_a_linear_scan(start: datetime, period: Duration, targets: list[int]) -> None:
    n = 60
    chain, counting = _chain(start, period, n)
    runs = [_us(t) for t in _joda_oracle(start, period, n)]
    assert _runs(chain, n + 5) == [t * 1000 for t in runs]
    assert chain.length() == n
    walked = counting.calls
    assert walked == n - 1  # each run stepped once; the last one is the n-th, so no step after it
    for index in targets:
        # a target at a run, a microsecond either side, before the first, after the last
        base = runs[min(max(index, 0), n - 1)] + (-1 if index < 0 else 1 if index >= n else 0)
        for target in (base - 1, base, base + 1):
            at_or_after = [k for k, t in enumerate(runs) if t >= target]
            before = [k for k, t in enumerate(runs) if t < target]
            assert chain.first_at_or_after(target) == (at_or_after[0] if at_or_after else None)
            assert chain.last_before(target) == (before[-1] if before else None)
    assert counting.calls == walked  # the searches walk nothing more


# -- where a chain ends ------------------------------------------------------------------------


@pytest.mark.parametrize(("count", "calls"), [(0, 0), (1, 0), (2, 1), (5, 4)])
def test_s5_length_of_a_finite_chain(count: int, calls: int) -> None:
    chain, counting = _chain(_utc(2012, 1, 31), Duration(months=1), count)
    assert chain.length() == count
    assert counting.calls == calls
    assert chain.run(count) is None
    assert chain.run(-1) is None
    assert counting.calls == calls


def test_s40_an_endless_chain_ends_at_the_year_9999() -> None:
    chain, counting = _chain(_utc(2012, 6, 1), Duration(years=1000))
    assert chain.length() == 8  # 2012, 3012, ..., 9012
    assert counting.calls == 8  # the eighth step leaves the calendar
    last = chain.run(7)
    assert last is not None
    assert last[0] == _ns(_utc(9012, 6, 1))
    assert chain.run(8) is None
    assert counting.calls == 8


def test_s40_a_daily_chain_ends_on_the_last_day() -> None:
    chain, counting = _chain(_utc(9999, 12, 25, 12), Duration(days=1))
    assert chain.length() == 7
    assert chain.last_before(_us(_utc(9999, 12, 31, 23))) == 6
    assert chain.first_at_or_after(_us(_utc(9999, 12, 31, 13))) is None
    assert counting.calls == 7


def test_s40_a_start_beyond_the_calendar_has_no_runs() -> None:
    counting = _Counting(chronos_chain_step)
    chain = Chain(UTC_ZONE, MAX_INSTANT + 1, Duration(days=1), None, counting, None, "compatible")
    assert (chain.run(0), chain.length(), chain.first_at_or_after(0), chain.last_before(0)) == (
        None,
        0,
        None,
        None,
    )
    assert counting.calls == 0


# -- WalkLimit ---------------------------------------------------------------------------------


def test_s35_walk_limit_refuses_before_walking() -> None:
    chain, counting = _chain(_utc(2012, 1, 1), Duration(days=1))
    with pytest.raises(WalkLimit):
        chain.run(WALK_LIMIT)
    assert counting.calls == 0
    with pytest.raises(WalkLimit):
        chain.run(10**30)
    assert counting.calls == 0


def test_s35_a_finite_chain_ends_before_the_walk_limit() -> None:
    # R3 asked for its millionth run has none: that is not a refusal.
    chain, counting = _chain(_utc(2012, 1, 1), Duration(days=1), 3)
    assert chain.run(10 * WALK_LIMIT) is None
    assert counting.calls == 0


def test_s35_searches_stop_at_the_walk_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    # The bound is the module's WALK_LIMIT (500,000 in the library: a 3 s walk; 50 here).
    monkeypatch.setattr("isorepeat.chain.WALK_LIMIT", 50)
    chain, counting = _chain(_utc(2012, 1, 1), Duration(days=1))
    with pytest.raises(WalkLimit):
        chain.first_at_or_after(_us(_utc(2013, 1, 1)))
    assert counting.calls < 50
    with pytest.raises(WalkLimit):
        chain.length()
    assert chain.first_at_or_after(_us(_utc(2012, 1, 20))) == 19  # what was walked is kept
    assert counting.calls < 50


# -- zones, gaps and non-monotonic chains ------------------------------------------------------


def test_s35_zone_of_run_one_is_every_later_runs() -> None:
    # CHRONOS.md §3.4, issue #296: without a scheduleTimeZone, a start in a zone is printed with
    # its offset and every later step is read in that fixed offset.
    chain, counting = _chain(_utc(2014, 3, 1, 10), Duration(days=1), zone=_zone(LA))
    assert chain.zone_of(0) == _zone(LA)
    assert chain.zone_of(1) == FixedZone(-8 * 3600)
    assert chain.zone_of(40) == FixedZone(-8 * 3600)
    assert counting.calls == 1  # zone_of(k) never walks past run 1
    tenth = chain.run(10)
    assert tenth is not None
    assert tenth[0] == _ns(_utc(2014, 3, 11, 10))  # 02:00-08:00, i.e. 03:00 PDT


def test_s35_gap_drift_with_a_schedule_zone() -> None:
    # CHRONOS.md §3.4: ...2014-03-08T02:30-08:00/P1D in Los Angeles gives 03-09T03:30-07:00,
    # then 03:30 for ever.
    zone = _zone(LA)
    chain, _ = _chain(_utc(2014, 3, 8, 10, 30), Duration(days=1), zone=zone, schedule_zone=zone)
    shown = [zone.to_datetime(t).isoformat() for t in _runs(chain, 4)]
    assert shown == [
        "2014-03-08T02:30:00-08:00",
        "2014-03-09T03:30:00-07:00",
        "2014-03-10T03:30:00-07:00",
        "2014-03-11T03:30:00-07:00",
    ]
    assert chain.zone_of(2) == zone


def test_s33_equal_runs_search_to_the_first() -> None:
    # Runs may coincide (S33: a gap shift landing one run on the next); a search gives the first
    # of two equal runs, as bisect_left does. A step that stands still once makes such a chain.
    day = 86_400 * 10**9
    repeated: set[Nanos] = {_ns(_utc(2012, 1, 3))}

    def stand_still_once(
        zone: Zone, instant: Nanos, period: Duration, schedule_zone: Zone | None, policy: Disambiguate
    ) -> tuple[Nanos, Zone] | None:
        if instant in repeated:
            repeated.discard(instant)
            return instant, zone
        return instant + day, zone

    chain, counting = _chain(_utc(2012, 1, 1), Duration(days=1), 6, step=stand_still_once)
    assert chain.monotonic
    runs = _runs(chain, 6)
    assert runs == [_ns(_utc(2012, 1, d)) for d in (1, 2, 3, 3, 4, 5)]
    third = _us(_utc(2012, 1, 3))
    assert chain.first_at_or_after(third) == 2
    assert chain.first_at_or_after(third + 1) == 4
    assert chain.last_before(third + 1) == 3
    assert chain.last_before(third) == 1
    assert counting.calls == 5


def _decreasing() -> Iterator[datetime]:
    # Chronos P1M-29D from 2013-02-15: + 1 month = Mar 15, - 29 days = Feb 14, and so on.
    day = _utc(2013, 2, 15)
    while True:
        yield day
        day = day + relativedelta(months=1) - timedelta(days=29)


def test_s35_a_chain_that_does_not_move_forward_is_scanned_in_chain_order() -> None:
    period = Duration(months=1, days=-29)
    chain, counting = _chain(_utc(2013, 2, 15), period, 6)
    assert not chain.monotonic
    assert chain.ever_later  # one field is positive
    runs = [_us(t) for t in itertools.islice(_decreasing(), 6)]
    assert _runs(chain, 6) == [t * 1000 for t in runs]
    assert runs == sorted(runs, reverse=True)
    target = _us(_utc(2013, 2, 12, 12))
    assert chain.first_at_or_after(target) == 0  # in chain order: the first run at or after
    assert chain.last_before(target) == 3  # the latest run before: Feb 12
    assert chain.first_at_or_after(_us(_utc(2013, 2, 16))) is None
    assert chain.last_before(_us(_utc(2013, 2, 1))) is None
    assert counting.calls == 5


def test_s35_last_before_of_a_chain_going_back() -> None:
    chain, _ = _chain(_utc(2012, 1, 10), Duration(days=-1), 3)
    assert not chain.ever_later
    assert _runs(chain, 3) == [_ns(_utc(2012, 1, d)) for d in (10, 9, 8)]
    assert chain.last_before(_us(_utc(2012, 1, 10))) == 1
    assert chain.last_before(_us(_utc(2012, 1, 9, 12))) == 1


def test_s35_first_at_or_after_of_a_chain_going_back() -> None:
    # No run is ever later than the first: the answer is run 0 or none, without walking.
    chain, counting = _chain(_utc(2012, 1, 10), Duration(days=-1), 3)
    assert chain.first_at_or_after(_us(_utc(2012, 1, 10))) == 0
    assert chain.first_at_or_after(_us(_utc(2012, 1, 10)) + 1) is None
    assert counting.calls == 0


# -- the public Schedule on its chain ----------------------------------------------------------


def _counted(schedule: Schedule) -> tuple[Schedule, _Counting]:
    """The schedule with its dialect's chain step counted (a dialect is a value: replace it)."""
    counting = _Counting(schedule.dialect_spec.chain_step)
    dialect = dataclasses.replace(schedule.dialect_spec, chain_step=counting)
    return dataclasses.replace(schedule, _dialect=dialect), counting


def test_s35_schedule_queries_walk_its_chain_once() -> None:
    schedule, counting = _counted(isorepeat.parse("R/2012-01-31T00:00:00Z/P1M", dialect="chronos"))
    assert schedule.mode == "chained"
    runs = _monthly_oracle(_utc(2012, 1, 31), 200)  # 31, 29, 29, ..., then the 28th from 2013
    assert schedule.next_after(_utc(2026, 1, 1)) == runs[168] == _utc(2026, 1, 28)
    walked = counting.calls
    assert walked == 168
    assert schedule.previous_before(_utc(2025, 6, 1)) == runs[160]
    assert schedule[100] == runs[100]
    assert schedule.index_of(runs[97]) == 97
    assert schedule.count_between(_utc(2020, 1, 1), _utc(2021, 1, 1)) == 12
    assert list(schedule.between(_utc(2013, 1, 1), _utc(2014, 1, 1))) == runs[12:24]
    assert runs[90] in schedule
    assert counting.calls == walked  # every query above reused the walk
    assert schedule.next_after(_utc(2027, 1, 1)) == runs[180]
    assert counting.calls == 180


def test_s35_schedule_refuses_a_walk_beyond_the_limit_before_walking() -> None:
    text = "R/2012-01-01T00:00:00Z/P1D"
    schedule, counting = _counted(isorepeat.parse(text, dialect="chronos"))
    # 9000-01-01 is about 2.5 million days on: the anchored estimate is beyond WALK_LIMIT.
    with pytest.raises(WalkLimitError) as info:
        schedule.next_after(_utc(9000, 1, 1))
    assert counting.calls == 0  # refused from the estimate, not after half a million steps
    err = info.value
    assert err.message == f"a chained query would walk more than {WALK_LIMIT:,} runs of this schedule"
    assert err.hint == "use mode='anchored', or a start closer to the time asked about"
    assert err.column == str(schedule).index("/") + 1
    with pytest.raises(WalkLimitError):
        schedule.occurrence(WALK_LIMIT)
    assert counting.calls == 0


class _WalkedTooFarError(Exception):
    """A counted step called more often than the test allows."""


def _bounded(schedule: Schedule, most: int) -> tuple[Schedule, _Counting]:
    """As :func:`_counted`, but the step refuses to be called more than ``most`` times, so a
    query that would walk half a million runs fails at once instead of after seconds."""
    counted, counting = _counted(schedule)
    step = counting.step

    def bounded(
        zone: Zone, instant: Nanos, period: Duration, schedule_zone: Zone | None, policy: Disambiguate
    ) -> tuple[Nanos, Zone] | None:
        if counting.calls >= most:
            raise _WalkedTooFarError
        return step(zone, instant, period, schedule_zone, policy)

    counting.step = bounded
    return counted, counting


def test_s35_previous_before_refuses_a_walk_beyond_the_limit_before_walking() -> None:
    schedule, counting = _bounded(isorepeat.parse("R/2012-01-01T00:00:00Z/P1D", dialect="chronos"), 1000)
    with pytest.raises(WalkLimitError):
        schedule.previous_before(_utc(9000, 1, 1))
    assert counting.calls == 0


def test_s35_schedule_anchored_answer_beyond_the_limit() -> None:
    schedule = isorepeat.parse("R/2012-01-01T00:00:00Z/P1D", dialect="chronos")
    assert schedule.next_after(_utc(9000, 1, 1), mode="anchored") == _utc(9000, 1, 2)
    assert schedule.next_after(_utc(9000, 1, 1), inclusive=True, mode="anchored") == _utc(9000, 1, 1)


@pytest.mark.parametrize("dialect", ["iso", "chronos"])
def test_s35_a_fixed_period_never_walks(dialect: str) -> None:
    # chains_as_anchored: the chained runs are k·P from the start, in O(1) (S32), far beyond
    # the walk's limit; the chain is asked at most for run 1's zone.
    schedule, counting = _counted(isorepeat.parse("R/2012-01-01T00:00:00Z/PT1H", dialect=dialect))
    k = 10 * WALK_LIMIT
    assert schedule.occurrence(k, mode="chained") == _utc(2012, 1, 1) + timedelta(hours=k)
    assert schedule.next_after(_utc(9000, 1, 1), mode="chained") == _utc(9000, 1, 1, 1)
    assert counting.calls <= 1


def test_s35_last_before_of_a_chain_without_runs() -> None:
    # R0 of a period that stands still: nothing is before anything (it raised IndexError).
    schedule = isorepeat.parse("R0/2014-03-09T02:30:00Z/P0Y0M", dialect="chronos")
    assert schedule.previous_before(_utc(2014, 3, 9, 2, 30), inclusive=True, mode="chained") is None
