"""Epsilon windows, outages and catch-up policies (SEMANTICS S37-S39)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from isorepeat import Duration, Policy, Run, Skipped, parse, simulate
from isorepeat.timeline import step_count

UTC = timezone.utc
BERLIN = ZoneInfo("Europe/Berlin")


def _t(hour: int, minute: int = 0, day: int = 1) -> datetime:
    return datetime(2026, 1, day, hour, minute, tzinfo=UTC)


def _summary(events: list[Run | Skipped]) -> list[tuple[str, str]]:
    return [
        (f"{e.due:%H:%M}", f"ran {e.at:%H:%M}" if isinstance(e, Run) else f"skipped {e.reason}")
        for e in events
    ]


EVERY_10_MIN = parse("R/2026-01-01T00:00:00Z/PT10M")
OUTAGE = [(_t(0, 5), _t(0, 40))]


def test_s37_window_is_calendar_arithmetic_in_the_schedule_zone() -> None:
    # Due 12:00 in Berlin the day before the clocks go forward: P1D later is 12:00 CEST,
    # 23 hours on, while PT24H is 13:00 CEST.
    s = parse("R/2026-03-28T12:00:00/P1D", tz=BERLIN)
    due = datetime(2026, 3, 28, 12, tzinfo=BERLIN)
    up = datetime(2026, 3, 29, 12, 30, tzinfo=BERLIN)
    outage = [(due - timedelta(minutes=1), up)]
    end = due + timedelta(minutes=1)
    [calendar] = simulate(s, due, end, outages=outage, policy=Policy(Duration.parse("P1D")))
    [elapsed] = simulate(s, due, end, outages=outage, policy=Policy(Duration.parse("PT24H")))
    assert calendar == Skipped(due, "missed")
    assert isinstance(elapsed, Run)
    assert elapsed.at == up


def test_s37_the_window_is_half_open() -> None:
    s = parse("R1/2026-01-01T00:00:00Z/PT1H")
    policy = Policy(Duration.parse("PT60S"))
    just_in_time = _t(0, 1) - timedelta(microseconds=1)
    [ran] = simulate(s, _t(0), _t(1), outages=[(_t(0), just_in_time)], policy=policy)
    [missed] = simulate(s, _t(0), _t(1), outages=[(_t(0), _t(0, 1))], policy=policy)
    assert ran == Run(_t(0), just_in_time)
    assert missed == Skipped(_t(0), "missed")


def test_s38_no_outage_means_every_occurrence_runs_on_time() -> None:
    events = list(simulate(EVERY_10_MIN, _t(0), _t(1)))
    assert events == [Run(_t(0, m), _t(0, m)) for m in range(0, 60, 10)]


def test_s38_catchup_each_runs_every_open_window_at_the_end_of_the_outage() -> None:
    events = list(
        simulate(EVERY_10_MIN, _t(0), _t(1), outages=OUTAGE, policy=Policy(Duration.parse("PT25M")))
    )
    assert _summary(events) == [
        ("00:00", "ran 00:00"),
        ("00:10", "skipped missed"),  # 00:35 < 00:40
        ("00:20", "ran 00:40"),
        ("00:30", "ran 00:40"),
        ("00:40", "ran 00:40"),  # due when the outage ends: on time
        ("00:50", "ran 00:50"),
    ]


def test_s38_catchup_latest_runs_only_the_most_recent() -> None:
    policy = Policy(Duration.parse("PT25M"), catchup="latest")
    events = list(simulate(EVERY_10_MIN, _t(0), _t(1), outages=OUTAGE, policy=policy))
    assert _summary(events)[1:4] == [
        ("00:10", "skipped missed"),
        ("00:20", "skipped superseded"),
        ("00:30", "ran 00:40"),
    ]


def test_s38_catchup_none_skips_what_is_overdue() -> None:
    policy = Policy(Duration.parse("PT25M"), catchup="none")
    events = list(simulate(EVERY_10_MIN, _t(0), _t(1), outages=OUTAGE, policy=policy))
    assert _summary(events)[1:5] == [
        ("00:10", "skipped missed"),
        ("00:20", "skipped not caught up"),
        ("00:30", "skipped not caught up"),
        ("00:40", "ran 00:40"),
    ]


def test_s38_epsilon_none_is_an_unbounded_window() -> None:
    policy = Policy(epsilon=None)
    events = list(simulate(EVERY_10_MIN, _t(0), _t(1), outages=[(_t(0, 5), _t(5))], policy=policy))
    assert _summary(events) == [("00:00", "ran 00:00")] + [(f"00:{m}0", "ran 05:00") for m in range(1, 6)]


def test_s38_overlapping_outages_merge() -> None:
    outages = [(_t(0, 25), _t(0, 40)), (_t(0, 5), _t(0, 30))]
    assert list(simulate(EVERY_10_MIN, _t(0), _t(1), outages=outages, policy=Policy(None))) == list(
        simulate(EVERY_10_MIN, _t(0), _t(1), outages=OUTAGE, policy=Policy(None))
    )


def test_s38_an_outage_past_the_end_still_decides_its_occurrences() -> None:
    events = list(simulate(EVERY_10_MIN, _t(0), _t(0, 30), outages=[(_t(0, 15), _t(2))], policy=Policy(None)))
    assert _summary(events) == [("00:00", "ran 00:00"), ("00:10", "ran 00:10"), ("00:20", "ran 02:00")]


def test_s39_count_occurrences_counts_skipped_ones() -> None:
    s = parse("R3/2026-01-01T00:00:00Z/PT10M")
    events = list(simulate(s, _t(0), _t(1), outages=[(_t(0, 5), _t(0, 50))], policy=Policy(catchup="none")))
    assert _summary(events) == [
        ("00:00", "ran 00:00"),
        ("00:10", "skipped missed"),
        ("00:20", "skipped missed"),
    ]


def test_s39_count_launches_goes_on_until_n_runs() -> None:
    s = parse("R3/2026-01-01T00:00:00Z/PT10M")
    policy = Policy(catchup="none", count="launches")
    events = list(simulate(s, _t(0), _t(2), outages=[(_t(0, 5), _t(0, 50))], policy=policy))
    assert [f"{e.due:%H:%M}" for e in events if isinstance(e, Run)] == ["00:00", "00:50", "01:00"]
    assert events[-1] == Run(_t(1), _t(1))
    assert len(events) == 7  # 00:10 to 00:40 skipped in between


def test_s39_launches_before_the_window_count() -> None:
    s = parse("R5/2026-01-01T00:00:00Z/PT10M")
    policy = Policy(count="launches")
    events = list(simulate(s, _t(0, 30), _t(2), policy=policy))
    assert [f"{e.due:%H:%M}" for e in events] == ["00:30", "00:40"]


def test_s39_presets() -> None:
    assert Policy.chronos2("PT15M") == Policy(Duration.parse("PT15M"), "each", "occurrences", "chained")
    assert Policy.chronos3() == Policy(None, "latest", "launches", "chained")


def test_s39_chained_mode_drifts_like_chronos() -> None:
    s = parse("R/2012-01-31T00:00:00Z/P1M", dialect="chronos")
    start = datetime(2012, 1, 1, tzinfo=UTC)
    end = datetime(2012, 6, 1, tzinfo=UTC)
    chained = [e.due.day for e in simulate(s, start, end, policy=Policy.chronos2())]
    anchored = [e.due.day for e in simulate(s, start, end, policy=Policy())]
    assert chained == [31, 29, 29, 29, 29]
    assert anchored == [31, 29, 31, 30, 31]


def test_cost_does_not_grow_with_the_history_before_the_window() -> None:
    def steps(schedule_text: str) -> int:
        before = step_count()
        list(
            simulate(parse(schedule_text), _t(0, day=5), _t(0, day=6), outages=[(_t(3, day=5), _t(4, day=5))])
        )
        return step_count() - before

    recent = steps("R/2025-12-01T00:00:00Z/PT1M")
    old = steps("R/1970-01-01T00:00:00Z/PT1M")
    assert old == recent <= 2 * 24 * 60


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"epsilon": Duration.parse("PT0S")}, "epsilon must be a positive duration"),
        ({"catchup": "all"}, "catchup must be"),
        ({"count": "runs"}, "count must be"),
        ({"mode": "drift"}, "mode must be"),
    ],
)
def test_bad_policies_are_rejected(kwargs: dict[str, object], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        Policy(**kwargs)  # type: ignore[arg-type]


def test_bad_windows_and_outages_are_rejected() -> None:
    with pytest.raises(TypeError, match="aware"):  # one naive-datetime contract: TypeError
        simulate(EVERY_10_MIN, datetime(2026, 1, 1), _t(1))
    with pytest.raises(ValueError, match="before start"):
        simulate(EVERY_10_MIN, _t(1), _t(0))
    with pytest.raises(ValueError, match="ends"):
        simulate(EVERY_10_MIN, _t(0), _t(1), outages=[(_t(1), _t(0))])


# -- properties ----------------------------------------------------------------------------------

SCHEDULES = st.sampled_from(
    [
        "R/2026-01-01T00:00:00Z/PT7M",
        "R20/2026-01-01T00:00:00Z/PT13M",
        "R/2025-12-31T23:00:00Z/PT1H",
        "R/2025-12-01T09:00:00+01:00/P1D",
    ]
)
MINUTES = st.integers(min_value=0, max_value=48 * 60)


@st.composite
def outages(draw: st.DrawFn) -> list[tuple[datetime, datetime]]:
    spans = draw(st.lists(st.tuples(MINUTES, st.integers(min_value=0, max_value=300)), max_size=4))
    return [(_t(0) + timedelta(minutes=a), _t(0) + timedelta(minutes=a + b)) for a, b in spans]


EPSILONS = st.sampled_from([None, Duration.parse("PT1M"), Duration.parse("PT30M"), Duration.parse("PT3H")])


@settings(deadline=None)
@given(SCHEDULES, outages(), EPSILONS)
def test_properties_of_the_catchup_policies(
    text: str, down: list[tuple[datetime, datetime]], epsilon: Duration | None
) -> None:
    s = parse(text)
    start, end = _t(0), _t(0) + timedelta(hours=30)
    results = {
        catchup: list(simulate(s, start, end, outages=down, policy=Policy(epsilon, catchup)))
        for catchup in ("each", "latest", "none")
    }
    due = list(s.between(start, end))
    ran: dict[str, set[datetime]] = {}
    for catchup, events in results.items():
        # one event per occurrence, in order; none both run and skipped
        assert [e.due for e in events] == due
        ran[catchup] = {e.due for e in events if isinstance(e, Run)}
        for e in events:
            if isinstance(e, Run):
                assert e.at >= e.due
                assert not any(a <= e.at < b for a, b in down)
                if epsilon is not None:
                    assert e.at < s.__class__.parse(f"R2/{e.due.isoformat()}/{epsilon}")[1]
    assert ran["each"] >= ran["latest"] >= ran["none"]
    if not down:
        assert all(e == Run(e.due, e.due) for e in results["each"])
    if s.repetitions is not None:
        assert len(ran["each"]) <= s.repetitions


def test_s38_latest_tells_apart_the_two_passes_of_a_repeated_hour() -> None:
    # Berlin falls back at 03:00 CEST on 2026-10-25: 02:15 happens at 00:15Z and again at 01:15Z.
    s = parse("R/2026-10-24T22:15:00Z/PT1H", tz=BERLIN)
    down, up = datetime(2026, 10, 24, 23, 0, tzinfo=UTC), datetime(2026, 10, 25, 1, 30, tzinfo=UTC)
    events = list(simulate(s, down, up, outages=[(down, up)], policy=Policy(None, "latest")))
    assert [(e.due.astimezone(UTC).hour, type(e).__name__) for e in events] == [
        (23, "Skipped"),
        (0, "Skipped"),
        (1, "Run"),
    ]


def test_s38_an_outage_in_the_schedule_zone_keeps_the_two_passes_apart() -> None:
    # 02:10-02:20 CEST (00:10Z-00:20Z) on the fall-back night: 02:15 CET (01:15Z) is not in it.
    s = parse("R/2026-10-24T22:00:00Z/PT15M", tz=BERLIN)
    down = datetime(2026, 10, 25, 2, 10, tzinfo=BERLIN)
    up = datetime(2026, 10, 25, 2, 20, tzinfo=BERLIN)
    start, end = datetime(2026, 10, 25, 0, 0, tzinfo=UTC), datetime(2026, 10, 25, 1, 30, tzinfo=UTC)
    events = list(simulate(s, start, end, outages=[(down, up)], policy=Policy(None)))
    late = [e for e in events if isinstance(e, Run) and e.at != e.due]
    assert [
        (e.due.astimezone(UTC).strftime("%H:%M"), e.at.astimezone(UTC).strftime("%H:%M")) for e in late
    ] == [("00:15", "00:20")]
    assert all(e.at >= e.due for e in events if isinstance(e, Run))


def test_s39_named_chronos2_without_a_window_keeps_its_other_rules() -> None:
    # The CLI's --policy chronos2 --epsilon none, as a library call.
    policy = Policy.named("chronos2", epsilon=None)
    assert policy == Policy(None, "each", "occurrences", "chained")
    assert Policy.named("chronos2") == Policy.chronos2() == Policy.chronos2("PT60S")


def test_s38_delay_is_elapsed_time_across_a_repeated_hour() -> None:
    # Due 01:30 EDT (05:30Z), run 01:30 EST (06:30Z) after an outage: an hour late, not 0 s.
    from zoneinfo import ZoneInfo

    new_york = ZoneInfo("America/New_York")
    due = datetime(2026, 11, 1, 1, 30, tzinfo=new_york)
    at = datetime(2026, 11, 1, 1, 30, fold=1, tzinfo=new_york)
    assert Run(due, at).delay == timedelta(hours=1)
