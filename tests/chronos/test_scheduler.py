"""The two Chronos schedulers beyond the vectors (CHRONOS.md §3.2, §3.3, §4, §6).

2.5.1's stream pass and registration (``iterate_2x``, ``register_2x``), HEAD's main loop
(``simulate_head``) and its POST (``post_head``): window edges to the millisecond, ``R0``, empty
starts, endless passes, the #814 and #869 quirks, then the result objects' value contract.
"""

from __future__ import annotations

import dataclasses
import pickle
from datetime import datetime, timedelta, timezone
from typing import Any, Final

import pytest

from isorepeat import Duration, ScheduleError
from isorepeat.chronos import (
    ChronosFailure,
    HeadSimulation,
    Iteration,
    Launch,
    PostResponse,
    Registration,
    iterate_2x,
    post_head,
    register_2x,
    scheduler2x,
    simulate_head,
    skip_forward,
)

UTC: Final = timezone.utc
NOW: Final = datetime(2012, 1, 2, tzinfo=UTC)
MS: Final = timedelta(milliseconds=1)


def _utc(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


# -- 2.5.1: the window (now - epsilon, now + horizon) ----------------------------------------------


def test_2x_occurrence_exactly_at_now_minus_epsilon_is_missed() -> None:
    # JobSchedulerSpec.scala:34-49: the window is open at both ends.
    it = iterate_2x("R1/2012-01-01T23:59:00Z/PT1M", NOW, epsilon="PT60S")
    assert it == Iteration((), (_utc("2012-01-01T23:59:00Z"),), None)


def test_2x_occurrence_one_ms_inside_epsilon_runs() -> None:
    it = iterate_2x("R1/2012-01-01T23:59:00.001Z/PT1M", NOW, epsilon="PT60S")
    assert it.tasks_due == (_utc("2012-01-01T23:59:00.001Z"),)
    assert it.skipped == ()
    assert it.stream_after is None  # R0 is left: the stream ends


def test_2x_occurrence_exactly_at_now_plus_horizon_waits_untouched() -> None:
    text = "R1/2012-01-02T00:01:00Z/PT1M"  # not Chronos's own spelling: it is kept as written
    assert iterate_2x(text, NOW, horizon="PT60S") == Iteration((), (), text)


def test_2x_occurrence_one_ms_inside_the_horizon_is_scheduled() -> None:
    it = iterate_2x("R2/2012-01-02T00:00:59.999Z/PT1M", NOW, horizon="PT60S")
    assert it.tasks_due == (_utc("2012-01-02T00:00:59.999Z"),)
    assert it.stream_after == "R1/2012-01-02T00:01:59.999Z/PT1M"


def test_2x_every_occurrence_inside_epsilon_runs_and_older_ones_count_against_rn() -> None:
    it = iterate_2x("R5/2012-01-01T23:57:00Z/PT1M", NOW, epsilon="PT150S", horizon="PT1S")
    assert it.skipped == (_utc("2012-01-01T23:57:00Z"),)
    assert it.tasks_due == (_utc("2012-01-01T23:58:00Z"), _utc("2012-01-01T23:59:00Z"), NOW)
    assert it.stream_after == "R1/2012-01-02T00:01:00.000Z/PT1M"


def test_2x_epsilon_and_horizon_may_be_durations() -> None:
    given = iterate_2x("R1/2012-01-01T23:59:30Z/PT1M", NOW, epsilon=Duration.parse("PT1M"))
    assert given == iterate_2x("R1/2012-01-01T23:59:30Z/PT1M", NOW, epsilon="PT1M")
    assert given.tasks_due == (_utc("2012-01-01T23:59:30Z"),)


def test_2x_epsilon_of_a_day_reaches_back_a_calendar_day() -> None:
    it = iterate_2x("R3/2012-01-01T00:00:01Z/PT12H", NOW, epsilon="P1D", horizon="PT1S")
    assert it.tasks_due == (_utc("2012-01-01T00:00:01Z"), _utc("2012-01-01T12:00:01Z"))
    assert it.stream_after == "R1/2012-01-02T00:00:01.000Z/PT12H"


def test_2x_r0_never_runs() -> None:
    assert iterate_2x("R0/2012-01-02T00:00:00Z/PT1M", NOW) == Iteration((), (), None)


def test_2x_empty_start_is_now_and_runs_at_once() -> None:
    # 2.5.1 reads an empty start as now (HEAD: now - 1 s); the default job is R1//PT24H.
    it = iterate_2x("R1//PT24H", NOW + timedelta(microseconds=1500))
    assert it.tasks_due == (NOW + MS,)  # Chronos's clock keeps milliseconds
    assert it.stream_after is None


def test_2x_steps_are_chained_through_the_text_with_the_zone_reapplied() -> None:
    # CHRONOS.md §3.4: 02:30 does not exist on 2014-03-09 in Los Angeles; 03:30 then stays.
    it = iterate_2x(
        "R/2014-03-08T02:30:00-08:00/P1D",
        _utc("2014-03-08T10:30:00Z"),
        horizon="P3D",
        tz="America/Los_Angeles",
    )
    assert [t.isoformat() for t in it.tasks_due] == [
        "2014-03-08T02:30:00-08:00",
        "2014-03-09T03:30:00-07:00",
        "2014-03-10T03:30:00-07:00",
    ]
    assert it.stream_after == "R/2014-03-11T03:30:00.000-07:00/P1D"


def test_2x_month_end_drifts_in_the_stream() -> None:
    it = iterate_2x("R/2012-01-31T00:00:00Z/P1M", _utc("2012-01-31T00:00:00Z"), horizon="P70D")
    assert [t.date().isoformat() for t in it.tasks_due] == ["2012-01-31", "2012-02-29", "2012-03-29"]


def test_2x_finite_zero_period_schedules_the_same_instant_n_times() -> None:
    it = iterate_2x("R3/2012-01-02T00:00:00Z/PT0S", NOW)
    assert it == Iteration((NOW, NOW, NOW), (), None)


@pytest.mark.parametrize(
    ("text", "now"),
    [
        ("R/2012-01-02T00:00:00Z/PT0S", NOW),  # stands still inside the window
        ("R/2012-01-01T00:00:00Z/P", NOW),  # stands still, missed over and over
        ("R/2012-01-02T00:00:00Z/P-1D", NOW),  # walks back for ever
        ("R/2012-01-31T00:00:00Z/P1M-29D", _utc("2012-01-31T00:00:00Z")),  # + 1M = Feb 29, - 29D = Jan 31
    ],
)
def test_2x_endless_stream_that_never_passes_the_horizon_is_reported(text: str, now: datetime) -> None:
    with pytest.raises(ValueError, match="never finishes this pass"):
        iterate_2x(text, now)


def test_2x_mixed_period_that_moves_on_is_iterated() -> None:
    it = iterate_2x("R/2012-01-02T00:00:00Z/P1M-29D", NOW, horizon="P5D")
    assert [t.day for t in it.tasks_due] == [2, 4, 6]


def test_2x_a_pass_longer_than_the_cap_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(scheduler2x, "_MAX_STEPS", 10)
    assert len(iterate_2x("R/2012-01-01T23:55:00Z/PT1M", NOW).skipped) == 5  # 23:59 is now - epsilon
    with pytest.raises(ValueError, match="register_2x first skips"):
        iterate_2x("R/2012-01-01T23:00:00Z/PT1M", NOW)


def test_2x_years_only_period_iterates() -> None:
    # Only registration divides by toStandardSeconds; a pass never does.
    it = iterate_2x("R/2011-01-01T00:00:00Z/P1Y", _utc("2013-01-01T00:00:30Z"))
    assert it.skipped == (_utc("2011-01-01T00:00:00Z"), _utc("2012-01-01T00:00:00Z"))
    assert it.tasks_due == (_utc("2013-01-01T00:00:00Z"),)
    assert it.stream_after == "R/2014-01-01T00:00:00.000Z/P1Y"


@pytest.mark.parametrize(
    ("call", "error", "match"),
    [
        (lambda: iterate_2x("R/2012-01-01T00:00:00Z", NOW), ScheduleError, "three parts"),
        (lambda: iterate_2x("R/2012-01-01T00:00:00Z/P1D", NOW, epsilon="60"), ScheduleError, "starts with P"),
        (lambda: iterate_2x("R/2012-01-01T00:00:00Z/P1D", datetime(2012, 1, 2)), TypeError, "naive"),
        (lambda: register_2x("R/2012-01-01T00:00:00Z/P1D", datetime(2012, 1, 2)), TypeError, "naive"),
    ],
)
def test_2x_bad_input(call: Any, error: type[Exception], match: str) -> None:
    with pytest.raises(error, match=match):
        call()


# -- 2.5.1: registration -------------------------------------------------------------------------------


def test_2x_registration_keeps_a_start_within_epsilon_as_written() -> None:
    text = "R2/2012-01-01T23:59:30Z/PT1M"
    registration = register_2x(text, NOW)
    assert registration.stream_after_skip == text
    assert registration.iteration == Iteration(
        (_utc("2012-01-01T23:59:30Z"), _utc("2012-01-02T00:00:30Z")), (), None
    )


def test_2x_registration_adds_epsilon_in_the_start_zone() -> None:
    # start + P1D on the wall clock of Los Angeles: 23 hours across the spring-forward night.
    start, now = "R/2014-03-09T00:00:00-08:00/PT1H", _utc("2014-03-10T07:30:00Z")
    skipped = register_2x(start, now, epsilon="P1D", tz="America/Los_Angeles").stream_after_skip
    assert skipped == "R/2014-03-10T00:00:00.000-07:00/PT1H"  # 23 of 23.5 hours skipped
    assert register_2x(start, now, epsilon="P1D").stream_after_skip == start  # fixed offset: 24 hours


def test_2x_r0_registered_late_is_dropped_and_early_never_runs() -> None:
    assert register_2x("R0/2011-01-01T00:00:00Z/PT1M", NOW) == Registration(None, None)
    early = register_2x("R0/2013-01-01T00:00:00Z/PT1M", NOW)
    assert early == Registration("R0/2013-01-01T00:00:00Z/PT1M", Iteration((), (), None))


def test_2x_overdue_r1_monthly_job_never_runs_699() -> None:
    late = register_2x("R1/2011-12-01T00:00:00Z/P1M", NOW)
    assert late == Registration(None, None)
    # Two chained steps reach past now (Jan 1 is still before it): R1 has fewer left than that.
    assert (
        register_2x("R/2011-12-01T00:00:00Z/P1M", NOW).stream_after_skip == "R/2012-02-01T00:00:00.000Z/P1M"
    )


def test_2x_years_only_period_fails_registration_869() -> None:
    with pytest.raises(ChronosFailure) as info:
        register_2x("R/2011-01-01T00:00:00Z/P1Y", NOW)
    assert info.value.java_exception == "java.lang.UnsupportedOperationException"
    # A start not yet older than epsilon is not skipped, so nothing is divided.
    fresh = register_2x("R/2012-01-01T23:59:30Z/P1Y", NOW)
    assert fresh.iteration == Iteration((_utc("2012-01-01T23:59:30Z"),), (), "R/2013-01-01T23:59:30.000Z/P1Y")


def test_2x_empty_start_registers_without_a_skip() -> None:
    registration = register_2x("R1//PT24H", NOW)
    assert registration == Registration("R1//PT24H", Iteration((NOW,), (), None))


# -- HEAD: the main loop -------------------------------------------------------------------------------


def test_head_r0_never_runs() -> None:
    assert simulate_head("R0/2011-01-01T00:00:00Z/P1D", NOW, launches=3, launch_delay_ms=5) == HeadSimulation(
        (), exhausted=True
    )


def test_head_rn_is_n_launches_however_late() -> None:
    sim = simulate_head("R2/2000-01-01T00:00:00Z/P1D", NOW, launches=10, launch_delay_ms=5)
    assert [launch.schedule_after_launch for launch in sim.launches] == [
        "R1/2012-01-03T00:00:00.000Z/P1D",
        "R0/2012-01-04T00:00:00.000Z/P1D",
    ]
    assert sim.exhausted


def test_head_r0_becomes_endless_on_a_retry_launch_814() -> None:
    """A retry launches again after the last run: skipForward maps R0 to R, for ever."""
    sim = simulate_head("R1/2012-01-01T00:00:00Z/PT60S", NOW, launches=5, launch_delay_ms=5)
    assert len(sim.launches) == 1
    stored = sim.launches[0].schedule_after_launch
    assert stored == "R0/2012-01-02T00:01:00.000Z/PT60S"
    assert sim.exhausted
    retry_at = NOW + timedelta(minutes=1)  # --failure_retry 60000 ms
    after_retry = skip_forward(stored, retry_at)
    assert after_retry == "R/2012-01-02T00:01:00.000Z/PT60S"
    endless = simulate_head(after_retry, retry_at, launches=3, launch_delay_ms=5)
    assert len(endless.launches) == 3
    assert not endless.exhausted


def test_head_run_once_now_idiom_runs_once_780() -> None:
    sim = simulate_head("R1//P", NOW, launches=3, launch_delay_ms=5)
    assert sim == HeadSimulation((Launch(NOW, "R0/2012-01-01T23:59:59.000Z/PT0S"),), exhausted=True)


def test_head_endless_zero_period_is_due_on_every_pass() -> None:
    sim = simulate_head("R//P", NOW, launches=3, launch_delay_ms=5)
    assert [launch.run_at for launch in sim.launches] == [NOW, NOW + MS, NOW + 2 * MS]


def test_head_empty_start_is_written_at_the_first_launch() -> None:
    # CHRONOS.md §3.3: R//PT1H launched at 00:00:30 stores 01:00:29.
    sim = simulate_head("R//PT1H", _utc("2012-01-01T00:00:30Z"), launches=2, launch_delay_ms=5)
    assert [launch.schedule_after_launch for launch in sim.launches] == [
        "R/2012-01-01T01:00:29.000Z/PT1H",
        "R/2012-01-01T02:00:29.000Z/PT1H",
    ]
    assert sim.launches[1].run_at == _utc("2012-01-01T01:00:29.005Z")


def test_head_s35_empty_start_with_a_schedule_zone_jumps_at_the_second_run() -> None:
    # Issue 13 A1: the first launch stores (now - 1 s) + P printed in UTC (...Z); the next pass
    # reads those wall fields in the schedule zone (withZoneRetainFields): 12:59:59-05:00.
    sim = simulate_head(
        "R//PT1H", _utc("2026-01-15T12:00:00Z"), launches=3, launch_delay_ms=5, tz="America/New_York"
    )
    assert [(launch.run_at, launch.schedule_after_launch) for launch in sim.launches] == [
        (_utc("2026-01-15T12:00:00Z"), "R/2026-01-15T12:59:59.000Z/PT1H"),
        (_utc("2026-01-15T17:59:59.005Z"), "R/2026-01-15T13:59:59.000-05:00/PT1H"),
        (_utc("2026-01-15T18:59:59.005Z"), "R/2026-01-15T14:59:59.000-05:00/PT1H"),
    ]


def test_2x_s35_empty_start_with_a_schedule_zone_jumps_at_the_second_run() -> None:
    # 2.5.1 reads the empty start as now, in UTC; ScheduleStream.tail prints now + P with Z, and
    # the stream's next parse reads it in the zone: 13:00-05:00, five hours after 13:00Z.
    now = _utc("2026-01-15T12:00:00Z")
    it = iterate_2x("R//PT1H", now, horizon="PT8H", tz="America/New_York")
    assert [t.isoformat() for t in it.tasks_due] == [
        "2026-01-15T12:00:00+00:00",
        "2026-01-15T13:00:00-05:00",
        "2026-01-15T14:00:00-05:00",
    ]
    assert it.stream_after == "R/2026-01-15T15:00:00.000-05:00/PT1H"
    # Sydney, east of UTC: the second run comes 11 hours early (CHRONOS.md §2, verified on Joda).
    it = iterate_2x("R5//PT179H", _utc("2023-10-05T19:01:45Z"), horizon="PT200H", tz="Australia/Sydney")
    assert [t.isoformat() for t in it.tasks_due] == ["2023-10-05T19:01:45+00:00", "2023-10-13T06:01:45+11:00"]


def test_head_start_exactly_now_is_not_due_yet() -> None:
    sim = simulate_head("R/2012-01-02T00:00:00Z/P1D", NOW, launches=1, launch_delay_ms=7)
    assert sim.launches == (Launch(NOW + 7 * MS, "R/2012-01-03T00:00:00.000Z/P1D"),)


def test_head_launches_read_chronos_utc_clock_to_the_millisecond() -> None:
    now = datetime(2012, 1, 2, 9, 0, 0, 123456, tzinfo=timezone(timedelta(hours=9)))
    sim = simulate_head("R/2011-01-01T00:00:00Z/P1D", now, launches=1, launch_delay_ms=5)
    assert sim.launches[0].run_at == datetime(2012, 1, 2, 0, 0, 0, 123000, tzinfo=UTC)
    assert sim.launches[0].run_at.tzinfo is UTC


def test_head_zero_launches() -> None:
    assert simulate_head("R/2011-01-01T00:00:00Z/P1D", NOW, launches=0, launch_delay_ms=5) == HeadSimulation(
        (), exhausted=False
    )


def test_head_sub_second_period_divides_by_zero_at_the_launch() -> None:
    with pytest.raises(ChronosFailure, match="/ by zero"):
        simulate_head("R/2011-01-01T00:00:00Z/PT0.5S", NOW, launches=1, launch_delay_ms=5)


@pytest.mark.parametrize(
    ("launches", "delay", "match"),
    [(-1, 5, "launches must be 0 or more"), (1, 0, "at least 1")],
)
def test_head_bad_simulation_options(launches: int, delay: int, match: str) -> None:
    with pytest.raises(ValueError, match=match):
        simulate_head("R/2011-01-01T00:00:00Z/P1D", NOW, launches=launches, launch_delay_ms=delay)


def test_head_naive_now() -> None:
    with pytest.raises(TypeError, match="naive"):
        simulate_head("R/2011-01-01T00:00:00Z/P1D", datetime(2012, 1, 2), launches=1, launch_delay_ms=5)


# -- HEAD: POST /v1/scheduler/iso8601 ------------------------------------------------------------------

LA: Final = "America/Los_Angeles"
POSTS: Final = [
    # schedule, tz, and the start Chronos prints when it refuses it as before 1970 (None: 204)
    # the bound is 1970-01-01T00:00:01Z, to the millisecond
    ("R/1970-01-01T00:00:00.999Z/P1D", None, "1970-01-01T00:00:00.999Z"),
    ("R/1970-01-01T00:00:01Z/P1D", None, None),
    ("R/1969-12-31T16:00:00Z/P1D", LA, "1969-12-31T16:00:00.000-08:00"),
    ("R/1970-01-01T00:00:00.999Z/P1D", LA, None),
    ("R//P1D", None, None),  # now - 1 s
    ("R/2014-03-09T02:30:00/P1D", None, None),  # no gap in the JVM zone, UTC
    # years datetime cannot hold: Chronos accepts them, so the answer is still exact
    ("R/0000-01-01T00:00:00Z/P1D", None, "0000-01-01T00:00:00.000Z"),
    ("R/-4-02-29T00:00Z/P1D", None, "-0004-02-29T00:00:00.000Z"),
    ("R/-0001-01-01T00:00:00Z/P1D", LA, "-0001-01-01T00:00:00.000-07:52:58"),  # local mean time
    ("R/0001-01-01T00:00+05:00/P1D", None, "0001-01-01T00:00:00.000+05:00"),
    ("R/10000-01-01T00:00Z/P1D", None, None),
    ("R/9999-12-31T23:00-05:00/P1D", None, None),
    # not checked at all
    ("R/2008-03-01T13:00:00Z/P1D", "america/los_angeles", None),  # silently UTC
    ("R/2008-03-01T13:00:00Z/P0D", None, None),
    ("R99999999999/2008-03-01T13:00:00Z/P1D", None, None),
]


@pytest.mark.parametrize(("schedule", "tz", "start"), POSTS)
def test_head_post(schedule: str, tz: str | None, start: str | None) -> None:
    expected = (
        PostResponse(204)
        if start is None
        else PostResponse(400, f"Scheduled start date '{start}' is before 1970!")
    )
    assert post_head(schedule, tz=tz, now=NOW) == expected


@pytest.mark.parametrize(
    "schedule",
    [
        "R/-1-02-29T00:00Z/P1D",  # year -1 is no leap year
        "r/2008-03-01T13:00:00Z/P1D",
        "R/2008-03-01T13:00:00Z",
    ],
)
def test_head_post_unparseable(schedule: str) -> None:
    assert post_head(schedule) == PostResponse(400, f"Cannot parse schedule '{schedule}' (wtf bro)")


def test_head_post_reads_an_offset_less_start_in_the_jvm_zone() -> None:
    assert post_head("R/2014-03-09T02:30:00/P1D", jvm_zone="America/Los_Angeles").message == (
        "Cannot parse schedule 'R/2014-03-09T02:30:00/P1D' (wtf bro)"  # IllegalInstantException
    )
    assert post_head("R/1969-12-31T16:00:00/P1D", jvm_zone="America/Los_Angeles").http_status == 400


def test_head_post_cannot_read_a_fractional_second_offset() -> None:
    with pytest.raises(ScheduleError, match="cannot represent"):
        post_head("R/1960-01-01T00:00+05:30:15.5/P1D")


def test_head_post_body_is_a_fresh_dict() -> None:
    response = post_head("R/1969-01-01T00:00:00Z/P1D")
    body = response.body
    assert body == {"status": "Bad Request", "message": response.message}
    body["message"] = "changed"
    assert response.body != body


# -- the result objects --------------------------------------------------------------------------------

VALUES: Final = [
    Iteration((NOW,), (NOW - MS,), "R/2012-01-02T00:01:00.000Z/PT1M"),
    Registration("R/2012-01-02T00:00:00.000Z/PT1M", Iteration((), (), None)),
    Registration(None, None),
    Launch(NOW, "R0/2012-01-03T00:00:00.000Z/P1D"),
    HeadSimulation((Launch(NOW, "R/2012-01-03T00:00:00.000Z/P1D"),), exhausted=False),
    PostResponse(204),
    PostResponse(400, "Cannot parse schedule 'x' (wtf bro)"),
]
NAMESPACE: Final = {
    cls.__name__: cls for cls in (Iteration, Registration, Launch, HeadSimulation, PostResponse)
} | {"datetime": __import__("datetime")}


@pytest.mark.parametrize("value", VALUES)
def test_immutable(value: Any) -> None:
    field = dataclasses.fields(value)[0].name
    with pytest.raises(dataclasses.FrozenInstanceError):
        setattr(value, field, None)


@pytest.mark.parametrize("value", VALUES)
def test_hash_matches_eq(value: Any) -> None:
    twin = dataclasses.replace(value)
    assert twin == value
    assert hash(twin) == hash(value)
    assert len({value, twin}) == 1


@pytest.mark.parametrize("value", VALUES)
def test_repr_evaluates(value: Any) -> None:
    assert eval(repr(value), NAMESPACE) == value


@pytest.mark.parametrize("value", VALUES)
def test_pickle_roundtrip(value: Any) -> None:
    assert pickle.loads(pickle.dumps(value)) == value
