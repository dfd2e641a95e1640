"""When a period moves forward (S27, S33, S35; IR207; issue 13 A3): the one definition.

A period moves forward when anchored run k (``start ⊕ k·P``) is later than run k-1 for every
start and every k >= 1. Periods without a negative field do when they are not zero; the others
(the chronos dialect reads negative fields) when the shortest step of their calendar part, exact
over the 400-year cycle, plus their elapsed part, is longer than what the zone's clock changes can
take away (``isorepeat.forward``). The oracles here use neither: ``dateutil.relativedelta`` for
the calendar, ``zoneinfo`` with PEP 495's ``fold=0`` (gap forward, overlap earlier) for Joda's
conversions, one calendar field at a time.
"""

from __future__ import annotations

import random
import zoneinfo
from datetime import date, datetime, timedelta, timezone
from itertools import islice, pairwise
from typing import Final

import pytest
from dateutil.relativedelta import relativedelta
from hypothesis import example, given, settings
from hypothesis import strategies as st

import isorepeat
from isorepeat import Duration
from isorepeat.chain import chains_as_anchored
from isorepeat.chronos.arithmetic import is_forward, joda_plus
from isorepeat.dialects import dialect_named
from isorepeat.forward import (
    NO_SHIFTS,
    WORLD,
    allowance_ns,
    calendar_steps,
    why_not_forward,
    zone_shifts,
)
from isorepeat.zones import UTC_ZONE, Zone, resolve_tz
from tests.properties.strategies import SETTINGS

UTC: Final = timezone.utc
_EPOCH: Final = datetime(1970, 1, 1, tzinfo=UTC)
_US: Final = timedelta(microseconds=1)
_SECOND: Final = 10**9
_HOUR: Final = 3600 * _SECOND
_DAY: Final = 24 * _HOUR
NEW_YORK: Final = "America/New_York"
ZONES: Final = (
    "UTC",
    NEW_YORK,
    "Europe/Berlin",  # a gap from 23:00 to midnight in 1945 moves a wall time to the next date
    "America/Toronto",  # 1919-03-30: a gap from 23:30 to 00:30
    "Pacific/Apia",  # LMT +12:33 to -11:27 (1892), -10:00 to +14:00 (2011-12-30 skipped)
    "Australia/Lord_Howe",  # half-hour DST
    "Antarctica/Troll",  # two-hour DST
    "America/Sao_Paulo",  # DST at midnight
    "Europe/Moscow",
)


def _ns(moment: datetime) -> int:
    return (moment - _EPOCH) // _US * 1000


def _zone(key: str) -> Zone:
    zone = resolve_tz(key)
    assert zone is not None
    return zone


def _period(text: str) -> Duration:
    """A period as Chronos reads it (negative fields allowed, CHRONOS.md §1.3)."""
    reader = dialect_named("chronos").read_duration
    assert reader is not None
    return reader(text)


def _joda_run(start: datetime, zone: zoneinfo.ZoneInfo, period: Duration, k: int) -> int:
    """Anchored run k as Joda computes it (CHRONOS.md §3.1), without isorepeat: years, months,
    weeks and days one at a time on the wall clock, each converted back with fold=0 (a gap moves
    forward, an overlap takes the earlier pass), then the elapsed part."""
    moment = start
    for months, days in (
        (12 * k * period.years, 0),
        (k * period.months, 0),
        (0, 7 * k * period.weeks),
        (0, k * period.days),
    ):
        if months or days:
            wall = moment.astimezone(zone).replace(tzinfo=None) + relativedelta(months=months)
            moment = (wall + timedelta(days=days)).replace(tzinfo=zone, fold=0).astimezone(UTC)
    return _ns(moment) + k * period.elapsed_nanoseconds


def _calendar_run(start: date, period: Duration, k: int, *, joda: bool) -> date:
    """The date of anchored run k: Joda's order (years, then months) or the iso one (12·Y + M)."""
    if joda:
        moved = start + relativedelta(years=k * period.years) + relativedelta(months=k * period.months)
    else:
        moved = start + relativedelta(months=k * (12 * period.years + period.months))
    return moved + timedelta(days=k * (7 * period.weeks + period.days))


# -- the issue's periods ---------------------------------------------------------------------------

# Issue 13 A3: they advance at every step, yet anchored occurrences refused them (IR207).
ISSUE_PERIODS: Final = ["P1DT-1H", "P2DT-5M", "PT2H-30.5S", "P1M-3D"]


@pytest.mark.parametrize("text", ISSUE_PERIODS)
@pytest.mark.parametrize("tz", [None, NEW_YORK, "Europe/Berlin"])
def test_s27_the_issue_periods_have_anchored_occurrences(text: str, tz: str | None) -> None:
    start = "2026-01-01T12:00:00" + ("Z" if tz is None else "")
    s = isorepeat.parse(f"R/{start}/{text}", dialect="chronos", tz=tz)
    runs = list(islice(s.occurrences(mode="anchored"), 400))
    assert all(a < b for a, b in pairwise(runs))
    zone = s.zone
    assert zone is not None
    assert _period(text).moves_forward_in(zone)
    # the queries agree with iteration (the searches bisect, S32)
    assert s.next_after(runs[200], mode="anchored") == runs[201]
    assert s.previous_before(runs[200], mode="anchored") == runs[199]


@pytest.mark.parametrize(
    ("text", "forward"),
    [
        # no negative field: moves forward unless zero (two comparisons)
        ("P1D", True),
        ("PT0.001S", True),
        ("P1Y2M", True),
        ("PT0S", False),
        # elapsed time only: exact in every zone
        ("PT2H-30.5S", True),
        ("PT1H-60M", False),  # zero
        ("PT-1S", False),
        # the calendar's shortest step, plus the elapsed part, longer than any zone's allowance
        ("P2DT-5M", True),  # 48 h less 5 min against 26 h
        ("P1M-3D", True),  # 25 days against 50 h
        ("P1M-1D", True),
        ("P1DT-1H", False),  # 23 h: Pacific/Apia's clock took 24 h from a day in 2011
        ("P1M-27D", False),  # 1 day (February) against 50 h: in UTC it moves forward
        ("P1M-28D", False),  # stands still in February of a common year
        ("P1M-30D", False),
        ("P1Y-12M", False),  # Joda: from February 29, 2012 to February 28, 2012
        ("P1W-7D", False),  # zero on the calendar
        ("P-1D", False),
        ("P-1DT25H", False),  # 1 h: a day back across a change of offset
    ],
)
def test_s27_moves_forward_from_any_start_in_any_zone(text: str, forward: bool) -> None:
    period = _period(text)
    assert period.moves_forward is forward
    assert period.moves_forward_in(None) is forward
    assert is_forward(period) is forward  # the chronos name, the same definition


@pytest.mark.parametrize(
    ("text", "zone", "forward"),
    [
        ("P1DT-1H", "UTC", True),
        ("P1DT-1H", "+05:30", True),  # a fixed offset: exact
        ("P1DT-1H", NEW_YORK, True),  # 23 h against 1 h
        ("P1DT-1H", "Pacific/Apia", False),  # 23 h against 25 h 30 min: it does go back there
        ("P1DT-23H", "UTC", True),  # 1 h
        ("P1DT-23H", NEW_YORK, False),  # stands still on the day clocks spring forward
        ("P1DT-24H", "UTC", False),  # stands still
        ("P1M-27D", "UTC", True),  # at least 1 day: February of a common year
        ("P1M-28D", "UTC", False),  # 0 days in February of a common year
        ("P-1DT25H", "UTC", True),  # 1 h
        ("P-1DT25H", NEW_YORK, False),  # a day back over the autumn change is 25 h
        ("P1W-7DT1H", "UTC", True),  # 1 h
        ("P1W-7DT1H", NEW_YORK, False),  # a week that lands in a gap moves the days' start
    ],
)
def test_s27_moves_forward_in_a_zone(text: str, zone: str, forward: bool) -> None:
    assert _period(text).moves_forward_in(_zone(zone)) is forward
    assert is_forward(_period(text), _zone(zone)) is forward


# -- the calendar's steps: exact over the 400-year cycle, anchored --------------------------------


@pytest.mark.parametrize(
    ("fields", "shortest", "longest"),
    [
        ((0, 1, 0, 0), 28, 31),
        ((0, 1, 0, -3), 25, 28),
        ((0, 2, 0, 0), 59, 62),
        ((1, 0, 0, 0), 365, 366),
        ((0, 0, 1, -7), 0, 0),
        ((0, 0, 0, 1), 1, 1),
        ((0, -1, 0, 0), -31, -28),
        # Joda from February 29 with years and months: beyond any single step (334 to 337)
        ((1, -1, 0, 0), 333, 338),
        ((1, -12, 0, 0), -1, 1),
        ((2, -12, 0, 0), 365, 366),
    ],
)
def test_s27_calendar_steps(fields: tuple[int, int, int, int], shortest: int, longest: int) -> None:
    steps = calendar_steps(*fields)
    assert (steps.shortest, steps.longest) == (shortest, longest)


def _witness_days(fields: tuple[int, int, int, int], start: date, k: int) -> set[int]:
    period = Duration(*fields)
    return {
        (_calendar_run(start, period, k, joda=joda) - _calendar_run(start, period, k - 1, joda=joda)).days
        for joda in (True, False)
    }


@settings(SETTINGS, max_examples=60)
@given(
    st.integers(-3, 3),
    st.integers(-27, 27),
    st.integers(-2, 2),
    st.integers(-40, 40),
    st.randoms(use_true_random=False),
)
@example(1, -1, 0, 0, random.Random(0))
@example(0, 1, 0, -30, random.Random(0))
@example(2, -13, 0, 0, random.Random(0))
def test_s27_calendar_steps_match_a_brute_force_oracle(
    years: int, months: int, weeks: int, days: int, rng: random.Random
) -> None:
    """Every step the oracle sees lies within [shortest, longest], and both are reached, by the
    witness, in Joda's order or the iso one. Starts are drawn at month ends and February 29
    (where clamping decides) as well as anywhere."""
    fields = (years, months, weeks, days)
    steps = calendar_steps(*fields)
    period = Duration(*fields)
    leap_years = [y for y in range(2000, 2400) if y % 4 == 0 and (y % 100 or y % 400 == 0)]
    for _ in range(40):
        pick = rng.random()
        if pick < 0.3:
            start = date(rng.choice(leap_years), 2, 29)
        elif pick < 0.7:
            start = date(rng.randrange(2000, 2400), rng.randrange(1, 13), 1) + relativedelta(day=31)
            start -= timedelta(days=rng.randrange(4))
        else:
            start = date(2000, 1, 1) + timedelta(days=rng.randrange(146_097))
        for joda in (True, False):
            previous = start
            for k in range(1, 50):
                run = _calendar_run(start, period, k, joda=joda)
                assert steps.shortest <= (run - previous).days <= steps.longest, (start, k, joda)
                previous = run
    assert steps.shortest in _witness_days(fields, steps.shortest_at.start, steps.shortest_at.k)
    assert steps.longest in _witness_days(fields, steps.longest_at.start, steps.longest_at.k)


def test_s27_anchored_steps_are_not_single_steps() -> None:
    # P1M from January 31: the 29th, then the 31st again (S27), a step of 31 days from February
    # 29 where one month after February 29 is 29 days; Joda's P1Y-1M reaches 333 days.
    runs = [_calendar_run(date(2012, 1, 31), Duration(months=1), k, joda=True) for k in range(3)]
    assert [(b - a).days for a, b in pairwise(runs)] == [29, 31]
    witness = calendar_steps(1, -1, 0, 0).shortest_at
    assert (witness.start, witness.k) == (date(2000, 2, 29), 21)
    assert _witness_days((1, -1, 0, 0), witness.start, witness.k) == {333, 334}


def test_s27_calendar_steps_are_computed_once() -> None:
    calendar_steps.cache_clear()
    for _ in range(3):
        calendar_steps(3, -35, 0, 0)
    assert calendar_steps.cache_info().misses == 1


# -- the bound on the zone's clock ---------------------------------------------------------------


def test_s27_world_bounds_every_zone() -> None:
    for key in sorted(zoneinfo.available_timezones()):
        zone = resolve_tz(zoneinfo.ZoneInfo(key))
        assert zone is not None
        shifts = zone_shifts(zone)
        assert shifts.span_ns <= WORLD.span_ns, key
        assert shifts.gap_ns <= WORLD.gap_ns, key


@pytest.mark.parametrize(
    ("zone", "span_hours", "gap_hours", "moves_dates"),
    [
        ("UTC", 0, 0, False),
        ("+05:30", 0, 0, False),
        (NEW_YORK, 1, 1, False),
        ("Antarctica/Troll", 2, 2, False),
        ("Pacific/Apia", 25.5, 24, True),
        ("America/Toronto", None, 1, True),
    ],
)
def test_s27_zone_shifts(zone: str, span_hours: float | None, gap_hours: int, moves_dates: bool) -> None:
    shifts = zone_shifts(_zone(zone))
    if span_hours is not None:
        assert shifts.span_ns == span_hours * _HOUR
    assert (shifts.gap_ns, shifts.moves_dates) == (gap_hours * _HOUR, moves_dates)


def test_s27_allowance() -> None:
    ny = zone_shifts(_zone(NEW_YORK))
    assert allowance_ns(0, 0, 0, 1, ny) == _HOUR  # one calendar field: the offset's span
    assert allowance_ns(0, 1, 0, -3, ny) == 2 * _HOUR  # and a gap before the days
    assert allowance_ns(0, 0, 0, 0, WORLD) == 0
    assert allowance_ns(0, 1, 0, -3, NO_SHIFTS) == 0
    assert allowance_ns(1, -1, 0, 0, WORLD) == 26 * _HOUR + 24 * _HOUR + 4 * _DAY


def test_s27_the_world_bound_is_real() -> None:
    """P1DT-1H goes back once in Pacific/Apia, which skipped 2011-12-30: refused without a zone."""
    apia = zoneinfo.ZoneInfo("Pacific/Apia")
    start = datetime(2011, 12, 28, 12, tzinfo=apia).astimezone(UTC)
    period = _period("P1DT-1H")
    runs = [_joda_run(start, apia, period, k) for k in range(4)]
    # run 2's wall time (December 30, 12:00) is skipped: it moves to December 31, and run 3 is
    # there too, an hour earlier
    assert runs[1] < runs[2]
    assert runs[3] < runs[2]
    assert "does not move forward" in _refusal("R/2011-12-28T12:00:00/P1DT-1H", "Pacific/Apia")
    assert why_not_forward(period, _zone("Pacific/Apia")) == (
        "its shortest step, 23 h on the wall clock, is not longer than the 25 h 30 min that "
        "Pacific/Apia's clock changes can take from a step"
    )


def test_s27_the_bound_is_tight_in_new_york() -> None:
    """P1DT-23H stands still in New York on the day clocks spring forward (23 h less 23 h)."""
    ny = zoneinfo.ZoneInfo(NEW_YORK)
    start = datetime(2026, 3, 7, 12, tzinfo=ny).astimezone(UTC)
    runs = [_joda_run(start, ny, _period("P1DT-23H"), k) for k in range(3)]
    assert runs[1] == runs[0]


def _refusal(text: str, tz: str | None) -> str:
    s = isorepeat.parse(text, dialect="chronos", tz=tz)
    with pytest.raises(isorepeat.ScheduleError, match=r"\(IR207\)") as caught:
        s.next_after(datetime(2000, 1, 1, tzinfo=UTC), mode="anchored")
    return caught.value.message


# -- the properties: accepted periods move forward; refused ones have a start that does not ----

_FIELDS: Final = st.tuples(
    st.sampled_from([0, 0, 0, 1, -1, 2]),
    st.sampled_from([0, 0, 1, -1, 2, -2, 11, -11, 13, -13]),
    st.sampled_from([0, 0, 1, -1]),
    st.sampled_from([0, 0, 1, -1, 2, -2, -27, -28, -30, 30]),
)


def _near_the_bound(fields: tuple[int, int, int, int], zone: Zone, over_ms: int) -> Duration:
    """A period with these calendar fields whose shortest step is ``over_ms`` beyond the bound."""
    shortest = calendar_steps(*fields).shortest
    elapsed = allowance_ns(*fields, zone_shifts(zone)) - shortest * _DAY + over_ms * 10**6
    seconds = -(-elapsed // _SECOND) if elapsed < 0 else elapsed // _SECOND  # the fraction's sign
    return Duration(*fields, seconds=seconds, nanoseconds=elapsed - seconds * _SECOND)


@settings(SETTINGS, max_examples=150)
@given(
    _FIELDS,
    st.sampled_from(ZONES),
    st.sampled_from([1, 1000, 60_000, 3_600_000, 86_400_000]),
    st.datetimes(datetime(1900, 1, 1), datetime(2100, 1, 1)),
    st.randoms(use_true_random=False),
)
@example((0, 0, 0, 1), NEW_YORK, 1, datetime(2026, 3, 7, 12), random.Random(0))
@example((0, 0, 1, -7), NEW_YORK, 1, datetime(2026, 3, 1, 2, 30), random.Random(0))
@example((0, 0, 0, 1), "Pacific/Apia", 1, datetime(2011, 12, 28, 12), random.Random(0))
@example((1, -1, 0, 0), "Europe/Berlin", 1, datetime(2000, 2, 29, 23, 30), random.Random(0))
def test_s33_accepted_periods_move_forward_in_every_zone(
    fields: tuple[int, int, int, int], key: str, over_ms: int, wall: datetime, rng: random.Random
) -> None:
    """Anchored runs of random starts are strictly increasing, by the oracle, for periods just
    beyond the bound; half of the starts are put a few steps before one of the zone's changes of
    offset, so that runs cross it. The library's runs are the oracle's."""
    if not any(fields):
        return
    zone = _zone(key)
    period = _near_the_bound(fields, zone, over_ms)
    assert period.moves_forward_in(zone)
    info = zoneinfo.ZoneInfo(key)
    start = wall.replace(tzinfo=info).astimezone(UTC)
    if rng.random() < 0.5:
        change = _a_change_of_offset(info, rng)
        if change is not None:
            start = change - timedelta(days=rng.randrange(3) * max(1, abs(calendar_steps(*fields).shortest)))
            start += timedelta(seconds=rng.randrange(-86_400, 86_400))
    runs = [_joda_run(start, info, period, k) for k in range(13)]
    assert all(a < b for a, b in pairwise(runs)), (period, key, start)
    assert [joda_plus(zone, _ns(start), period, k) for k in range(13)] == runs


def _a_change_of_offset(zone: zoneinfo.ZoneInfo, rng: random.Random) -> datetime | None:
    """A UTC instant near which ``zone`` changes its offset (within the hour), found by bisection
    from a random year of 1900-2099; ``None`` when that year has none."""
    low = datetime(rng.randrange(1900, 2100), 1, 1, tzinfo=UTC)
    high = low + timedelta(days=366)
    if low.astimezone(zone).utcoffset() == high.astimezone(zone).utcoffset():
        middle = low + timedelta(days=183)
        if middle.astimezone(zone).utcoffset() == low.astimezone(zone).utcoffset():
            return None
        high = middle
    while high - low > timedelta(hours=1):
        middle = low + (high - low) / 2
        if middle.astimezone(zone).utcoffset() == low.astimezone(zone).utcoffset():
            low = middle
        else:
            high = middle
    return high


@settings(SETTINGS, max_examples=150)
@given(_FIELDS, st.integers(-3 * 86_400, 3 * 86_400), st.integers(0, 86_399))
@example((0, 1, 0, -28), 0, 0)
@example((1, -12, 0, 0), 0, 0)
@example((0, 0, 0, 1), -86_400, 43_200)
def test_s27_refused_periods_have_a_start_that_does_not_move_forward(
    fields: tuple[int, int, int, int], elapsed_s: int, time_of_day: int
) -> None:
    """In UTC (a fixed offset, no allowance) the definition is exact: a period it refuses has a
    start, the witness of its shortest calendar step, whose runs k-1 and k stand still or go
    back. (In a zone with DST it is conservative by at most the allowance; see the tests above.)"""
    period = Duration(*fields, seconds=elapsed_s)
    if period.moves_forward_in(UTC_ZONE) or period.is_zero:
        return
    if not any(fields):
        assert period.elapsed_nanoseconds <= 0
        return
    witness = calendar_steps(*fields).shortest_at
    start = datetime.combine(witness.start, datetime.min.time(), UTC) + timedelta(seconds=time_of_day)
    steps = {
        (
            _calendar_run(witness.start, period, witness.k, joda=joda)
            - _calendar_run(witness.start, period, witness.k - 1, joda=joda)
        ).days
        * _DAY
        + period.elapsed_nanoseconds
        for joda in (True, False)
    }
    assert min(steps) <= 0
    utc = zoneinfo.ZoneInfo("UTC")
    joda_step = _joda_run(start, utc, period, witness.k) - _joda_run(start, utc, period, witness.k - 1)
    assert joda_step in steps


# -- the hot path ------------------------------------------------------------------------------


def test_s27_a_period_without_a_negative_field_needs_no_calendar(monkeypatch: pytest.MonkeyPatch) -> None:
    import isorepeat.forward

    def refuse(*_: object) -> bool:
        raise AssertionError

    monkeypatch.setattr(isorepeat.forward, "advances", refuse)
    for text in ("P1D", "PT10M", "P1Y2M3W4DT5H6M7.5S", "PT0.000001S"):
        assert Duration.parse(text).moves_forward
        assert Duration.parse(text).moves_forward_in(_zone("Pacific/Apia"))
    assert not Duration.parse("PT0S").moves_forward


# -- the anchored queries, the chain and IR207 use it (S27, S35) ---------------------------------


@pytest.mark.parametrize(
    ("text", "tz"),
    [
        ("R/2026-01-01T12:00:00Z/P1DT-1H", None),
        ("R/2026-01-01T12:00:00/P1DT-1H", NEW_YORK),
        ("R/2026-01-31T00:00:00Z/P1M-3D", None),
        ("R/2026-01-31T00:00:00/P1M-3D", "Europe/Berlin"),
        ("R/2026-01-01T00:00:00Z/P2DT-5M", None),
    ],
)
def test_s35_chained_runs_of_a_mixed_period_are_searched(text: str, tz: str | None) -> None:
    s = isorepeat.parse(text, dialect="chronos", tz=tz)
    runs = list(islice(s.occurrences(mode="chained"), 300))
    assert all(a < b for a, b in pairwise(runs))
    for k in (0, 1, 150, 298):
        assert s.next_after(runs[k], mode="chained") == runs[k + 1]
        assert s.previous_before(runs[k + 1], mode="chained") == runs[k]


def test_s35_a_fixed_mixed_period_chains_as_anchored() -> None:
    assert chains_as_anchored(_period("PT2H-30.5S"))
    assert not chains_as_anchored(_period("PT1H-60M"))
    s = isorepeat.parse("R/2026-01-01T00:00:00Z/PT2H-30.5S", dialect="chronos")
    chained = list(islice(s.occurrences(mode="chained"), 50))
    assert chained == list(islice(s.occurrences(mode="anchored"), 50))
    assert chained[1] == datetime(2026, 1, 1, 1, 59, 29, 500_000, tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "tz"),
    [
        ("R/2026-01-01T12:00:00Z/P1DT-1H", None),
        ("R/2026-01-01T12:00:00/P1DT-1H", NEW_YORK),
        ("R/2026-01-01T12:00:00/P1DT-1H", "Pacific/Apia"),
        ("R/2026-01-01T12:00:00Z/P1DT-24H", None),
        ("R/2026-01-01T12:00:00/P1DT-23H", NEW_YORK),
        ("R/2026-01-01T12:00:00Z/P1DT-23H", None),
        ("R/2016-01-31T00:00:00Z/P1M-30D", None),
        ("R/2016-01-31T00:00:00Z/P1M-1D", None),
        ("R/2026-01-15T00:00:00Z/P1M-28D", None),
        ("R/2026-01-15T00:00:00Z/P1M-27D", None),
        ("R/2026-01-01T00:00:00Z/PT2H-30.5S", None),
        ("R/2026-01-01T00:00:00Z/PT-1S", None),
        ("R5/2026-01-01T00:00:00Z/P-1D", None),
    ],
)
def test_ir207_fires_where_the_anchored_series_is_refused(text: str, tz: str | None) -> None:
    """check's IR207 and the anchored queries share the definition, and the refusal's wording."""
    from isorepeat.chronos import check_schedule

    s = isorepeat.parse(text, dialect="chronos", tz=tz)
    message = _anchored_error(s)
    refused = message is not None
    assert message is None or "does not move forward" in message
    fired = "IR207" in [d.code for d in check_schedule(text, tz=tz)]
    assert fired is refused
    assert s.period.moves_forward_in(s.zone) is not refused


def _anchored_error(schedule: isorepeat.Schedule) -> str | None:
    """The message of the anchored query's refusal, ``None`` when it answers."""
    try:
        schedule.next_after(datetime(2000, 1, 1, tzinfo=UTC), mode="anchored")
    except isorepeat.ScheduleError as error:
        return error.message
    return None


def test_s38_simulate_runs_a_mixed_period_as_its_policy_says() -> None:
    """P1DT-1H moves forward in New York, so a chained policy simulates the chain, which keeps
    the wall time DST moved (01:30 on March 9, not the anchored 01:30 EDT's instant)."""
    s = isorepeat.parse("R/2026-03-07T03:30:00/P1DT-1H", dialect="chronos", tz=NEW_YORK)
    chained = list(islice(s.occurrences(mode="chained"), 4))
    anchored = list(islice(s.occurrences(mode="anchored"), 4))
    assert chained[2] != anchored[2]
    start, end = chained[0], chained[3]
    for policy, expected in ((isorepeat.Policy.chronos3(), chained[:3]), (isorepeat.Policy(), anchored[:3])):
        events = isorepeat.simulate(s, start, end, policy=policy)
        assert [event.due for event in events] == expected
