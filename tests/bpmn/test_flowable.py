"""Flowable's and Activiti's timer models: every vector, then the engines' code the sample misses."""

from __future__ import annotations

from typing import Any

import pytest

from isorepeat.bpmn.flowable import ACTIVITI, FLOWABLE, FlowableEngine
from isorepeat.bpmn.timers import CronNotSimulatedError, TimerFires, TimerKind, simulate_fires
from isorepeat.errors import ScheduleError, UnrepresentableError
from isorepeat.zones import Zone, resolve_tz
from tests.bpmn.vectors import cases_of, check_case, millis


def zone_named(name: str) -> Zone:
    zone = resolve_tz(name)
    assert zone is not None
    return zone


BERLIN = zone_named("Europe/Berlin")
UTC = zone_named("UTC")
NOW = millis("2024-06-15T10:00:00Z")


def engine_named(name: str) -> FlowableEngine:
    return FLOWABLE if name == "flowable" else ACTIVITI


@pytest.mark.parametrize("case", cases_of("flowable", "activiti"))
def test_vector(case: dict[str, Any]) -> None:
    check_case(engine_named(case["engine"]), case)


def fires(
    engine: FlowableEngine,
    text: str,
    *,
    kind: TimerKind = "timeCycle",
    now: int = NOW,
    zone: Zone = UTC,
    lag: int = 1,
    limit: int = 10,
) -> TimerFires:
    return simulate_fires(engine, text, kind, now=now, jvm_zone=zone, fire_lag=lag, limit=limit)


def due(
    engine: FlowableEngine, text: str, kind: TimerKind = "timeCycle", zone: Zone = UTC, now: int = NOW
) -> int:
    timer = engine.deploy(text, kind, now, zone)
    assert timer.due is not None
    return timer.due


def rejection(
    engine: FlowableEngine, text: str, kind: TimerKind = "timeCycle", zone: Zone = UTC
) -> ScheduleError:
    with pytest.raises(ScheduleError) as caught:
        engine.deploy(text, kind, NOW, zone)
    return caught.value


def iso(instants: tuple[int | None, ...]) -> list[str]:
    """Instants as ``2024-06-15T10:00:00.250Z`` (milliseconds always shown)."""
    from datetime import datetime, timedelta

    out = []
    for instant in instants:
        assert instant is not None
        moment = datetime(1970, 1, 1) + timedelta(milliseconds=instant)
        out.append(moment.isoformat(timespec="milliseconds") + "Z")
    return out


BOTH = pytest.mark.parametrize("engine", [FLOWABLE, ACTIVITI], ids=["flowable", "activiti"])


# -- BPMN.md's observed semantics -----------------------------------------------------------------


@BOTH
def test_count_fires_n_times(engine: FlowableEngine) -> None:
    result = fires(engine, "R3/PT1H")
    assert result.total == 3
    assert iso(result.due) == [
        "2024-06-15T11:00:00.000Z",
        "2024-06-15T12:00:00.000Z",
        "2024-06-15T13:00:00.000Z",
    ]


@BOTH
def test_r0_fires_once_after_one_period(engine: FlowableEngine) -> None:
    result = fires(engine, "R0/PT1H")
    assert (result.total, iso(result.due)) == (1, ["2024-06-15T11:00:00.000Z"])


@BOTH
@pytest.mark.parametrize("text", ["R-1/PT1H", "R-2/PT1H"])
def test_negative_count_fires_every_millisecond_for_ever(engine: FlowableEngine, text: str) -> None:
    result = fires(engine, text, limit=5)
    assert result.total is None
    assert [due - NOW for due in result.due if due is not None] == [0, 1, 2, 3, 4]


def test_flowable_keeps_the_milliseconds_of_now() -> None:
    result = fires(FLOWABLE, "R3/PT1H", now=NOW + 250)
    assert [due % 1000 for due in result.due if due is not None] == [250, 250, 250]
    assert dict(result.states[0]) == {"repeat": "R3/2024-06-15T10:00:00.250Z/PT1H"}


def test_activiti_counts_later_fires_from_now_without_milliseconds() -> None:
    result = fires(ACTIVITI, "R3/PT1H", now=NOW + 250, zone=BERLIN)
    assert iso(result.due) == [
        "2024-06-15T11:00:00.250Z",
        "2024-06-15T12:00:00.000Z",
        "2024-06-15T13:00:00.000Z",
    ]
    assert dict(result.states[0]) == {"repeat": "R3/2024-06-15T12:00:00/PT1H"}


@BOTH
def test_past_start_fires_at_the_next_point_of_its_grid(engine: FlowableEngine) -> None:
    result = fires(engine, "R/2024-06-15T09:10:00Z/PT15M", limit=3)
    assert iso(result.due) == [
        "2024-06-15T10:10:00.000Z",
        "2024-06-15T10:25:00.000Z",
        "2024-06-15T10:40:00.000Z",
    ]


@BOTH
def test_past_start_whose_steps_run_out_fires_now_then_one_millisecond_apart(engine: FlowableEngine) -> None:
    result = fires(engine, "R3/2024-06-01T00:00:00Z/PT1H")
    assert result.total == 3
    assert [due - NOW for due in result.due if due is not None] == [0, 1, 2]


@BOTH
@pytest.mark.parametrize("text", ["R/2024-06-15T10:00:00Z/PT1H", "R3/2024-06-15T10:00:00Z/PT1H"])
def test_start_at_now_is_skipped(engine: FlowableEngine, text: str) -> None:
    assert due(engine, text) == NOW + 3_600_000


@BOTH
def test_late_fire_takes_the_grid_point_after_the_fire(engine: FlowableEngine) -> None:
    result = fires(engine, "R/2024-06-15T10:05:00Z/PT10M", lag=35 * 60_000, limit=3)
    assert iso(result.due) == [
        "2024-06-15T10:05:00.000Z",
        "2024-06-15T10:45:00.000Z",
        "2024-06-15T11:25:00.000Z",
    ]


@BOTH
def test_start_and_end_period_is_their_difference_and_the_end_bounds_it(engine: FlowableEngine) -> None:
    result = fires(engine, "R3/2024-07-01T00:00:00Z/2024-07-01T06:00:00Z")
    assert result.total == 2
    assert iso(result.due) == ["2024-07-01T00:00:00.000Z", "2024-07-01T06:00:00.000Z"]


@BOTH
def test_forty_days_between_start_and_end_are_one_month_and_nine_days(engine: FlowableEngine) -> None:
    # newDuration(long): 40 days after the epoch is 1970-02-10, so the period is P1M9D: from
    # February 10, 9 days and a month are March 19, where 40 days would be March 21.
    text = "R/2024-01-01T00:00:00Z/2024-02-10T00:00:00Z"
    timer = engine.deploy(text, "timeCycle", millis("2024-02-10T00:00:00Z"), UTC)
    assert iso((timer.due,)) == ["2024-03-19T00:00:00.000Z"]
    outcome = engine.fire(timer, millis("2024-03-19T00:00:00.001Z"), UTC)
    assert (outcome.fired, outcome.next) == (False, None)  # past the end: deleted unfired


@BOTH
def test_period_and_end_restart_from_the_clock_at_every_fire(engine: FlowableEngine) -> None:
    result = fires(engine, "R/PT1H/2024-06-15T14:00:00Z", lag=10 * 60_000)
    assert iso(result.due) == [
        "2024-06-15T11:00:00.000Z",
        "2024-06-15T12:10:00.000Z",
        "2024-06-15T13:20:00.000Z",
    ]
    assert result.total == 3


@BOTH
@pytest.mark.parametrize(
    "text", ["R/2024-07-01T10:00:00+02:00[Europe/Berlin]/P1D", "R/2024-07-01T10:00:00Z[UTC]/P1D"]
)
def test_zone_suffix_is_rejected_at_the_bracket(engine: FlowableEngine, text: str) -> None:
    error = rejection(engine, text)
    assert error.column == text.index("[")
    assert "Failed to parse cron expression" in error.message
    assert error.hint is not None


@BOTH
def test_local_start_is_read_in_the_jvm_zone(engine: FlowableEngine) -> None:
    assert due(engine, "R/2024-07-01T10:00:00/P1D", zone=BERLIN) == millis("2024-07-01T08:00:00Z")


def test_flowable_rejects_an_offset_without_colon() -> None:
    error = rejection(FLOWABLE, "R/2024-07-01T10:00:00+0200/P1D")
    assert error.column == len("R/2024-07-01T10:00:00+02")
    assert error.hint == "write +02:00"


def test_activiti_reads_an_offset_without_colon() -> None:
    assert due(ACTIVITI, "R/2024-07-01T10:00:00+0200/P1D") == millis("2024-07-01T08:00:00Z")


def test_flowable_rejects_lower_case_t_and_z() -> None:
    error = rejection(FLOWABLE, "R/2024-07-01t10:00:00z/P1D")
    assert error.column == len("R/2024-07-01")
    assert rejection(FLOWABLE, "R/2024-07-01T10:00:00z/P1D").column == len("R/2024-07-01T10:00:00")


def test_activiti_reads_lower_case_t_and_z() -> None:
    assert due(ACTIVITI, "R/2024-07-01t10:00:00z/P1D") == millis("2024-07-01T10:00:00Z")


@BOTH
def test_days_are_added_in_the_jvm_zone_even_from_a_utc_start(engine: FlowableEngine) -> None:
    result = fires(
        engine, "R/2024-03-30T12:00:00Z/P1D", now=millis("2024-03-01T00:00:00Z"), zone=BERLIN, limit=2
    )
    assert iso(result.due) == ["2024-03-30T12:00:00.000Z", "2024-03-31T11:00:00.000Z"]


@BOTH
def test_months_chain_from_the_end_of_january(engine: FlowableEngine) -> None:
    result = fires(engine, "R/2024-01-31T10:00:00Z/P1M", now=millis("2024-01-01T00:00:00Z"), limit=4)
    assert [text[:10] for text in iso(result.due)] == ["2024-01-31", "2024-02-29", "2024-03-29", "2024-04-29"]


@BOTH
def test_a_year_from_february_29_stays_on_the_28th(engine: FlowableEngine) -> None:
    result = fires(engine, "R/2024-02-29T12:00:00Z/P1Y", now=millis("2024-01-01T00:00:00Z"), limit=4)
    assert [text[:10] for text in iso(result.due)] == ["2024-02-29", "2025-02-28", "2026-02-28", "2027-02-28"]


@BOTH
def test_a_day_landing_in_the_gap_moves_back_an_hour_and_stays(engine: FlowableEngine) -> None:
    # GregorianCalendar.add(DAY_OF_MONTH): 02:30 on the day Berlin skips 02:00-03:00 becomes 01:30.
    result = fires(
        engine, "R/2024-03-30T02:30:00/P1D", now=millis("2024-03-01T00:00:00Z"), zone=BERLIN, limit=3
    )
    assert iso(result.due) == [
        "2024-03-30T01:30:00.000Z",
        "2024-03-31T00:30:00.000Z",
        "2024-03-31T23:30:00.000Z",
    ]


@BOTH
def test_the_fraction_of_a_second_is_dropped(engine: FlowableEngine) -> None:
    result = fires(engine, "R3/2024-07-01T00:00:00Z/PT1.5S")
    assert [due - millis("2024-07-01T00:00:00Z") for due in result.due if due is not None] == [0, 1000, 2000]


@BOTH
def test_half_a_second_does_not_move_the_cycle(engine: FlowableEngine) -> None:
    result = fires(engine, "R3/PT0.5S")
    assert [due - NOW for due in result.due if due is not None] == [0, 1, 2]


@BOTH
@pytest.mark.parametrize("text", [" R3/PT10S", "R3/PT10S ", "R3/PT10S\n"])
def test_blanks_are_not_trimmed(engine: FlowableEngine, text: str) -> None:
    rejection(engine, text)


@BOTH
@pytest.mark.parametrize(
    "text",
    [
        "0 0/5 * * * ?",
        "0 15 10 ? * MON-FRI",
        "0 0 12 L * ? 2030",
        "0 0 9 ? * 6#3",
        "0 0 12 * JANUARY ?",
        "5X * * * * ?",
    ],
)
def test_quartz_cron_is_accepted_but_not_simulated(engine: FlowableEngine, text: str) -> None:
    # Quartz ignores what follows an item it has read: JANUARY is JAN, 5X is 5.
    with pytest.raises(CronNotSimulatedError) as caught:
        engine.deploy(text, "timeCycle", NOW, UTC)
    assert (caught.value.text, caught.value.engine) == (text, "Quartz cron")


@BOTH
@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("0 0 12 * * *", "both a day-of-week AND a day-of-month"),
        ("0 0 12 ? * ?", "both a day-of-week AND a day-of-month"),
        ("* * * * *", "Unexpected end of expression."),
        ("* * * * ?", "'?' can only be specified for Day-of-Month or Day-of-Week."),
        ("0 0 25 * * ?", "Hour values must be between 0 and 23"),
        ("0 0 12 ? * FRX", "Invalid Day-of-Week value: 'FRX'"),
        ("0 */75 * * * ?", "Increment > 60 : 75"),
    ],
)
def test_quartz_rejections_say_why(engine: FlowableEngine, text: str, reason: str) -> None:
    assert reason in rejection(engine, text).message


def test_quartz_2_checks_a_step_after_a_value_and_quartz_1_does_not() -> None:
    assert "Increment > 60 : 99" in rejection(FLOWABLE, "5/99 * * * * ?").message
    with pytest.raises(CronNotSimulatedError):
        ACTIVITI.deploy("5/99 * * * * ?", "timeCycle", NOW, UTC)


@BOTH
def test_iso_text_without_r_is_read_as_cron_and_the_hint_says_so(engine: FlowableEngine) -> None:
    error = rejection(engine, "PT10M")
    assert "cron" in error.message
    assert error.hint == "write R/PT10M for a repeating cycle"
    assert rejection(engine, "r3/PT10S").hint == "write R"


@BOTH
def test_time_duration_with_a_past_start_fires_at_once(engine: FlowableEngine) -> None:
    result = fires(engine, "2024-06-01T00:00:00Z/PT1H", kind="timeDuration")
    assert (result.total, iso(result.due), result.fired_at) == (1, ["2024-06-01T01:00:00.000Z"], (NOW + 1,))


@BOTH
def test_a_cycle_in_a_time_duration_fires_once_after_its_period(engine: FlowableEngine) -> None:
    result = fires(engine, "R3/PT10M", kind="timeDuration")
    assert (result.total, iso(result.due)) == (1, ["2024-06-15T10:10:00.000Z"])
    assert result.states == ((),)


# -- what the engines' code does that the sample does not show ---------------------------------------


@BOTH
def test_count_of_int_max_wraps_the_first_walk_to_no_step(engine: FlowableEngine) -> None:
    # maxLoops + 1 overflows to Integer.MIN_VALUE: the first timer is due at the start, now.
    assert due(engine, "R2147483647/PT1H") == NOW
    assert due(engine, "R2147483646/PT1H") == NOW + 3_600_000


@BOTH
def test_prepare_repeat_writes_now_after_every_slash(engine: FlowableEngine) -> None:
    timer = engine.deploy("R3/PT1M/", "timeCycle", NOW, UTC)
    stamp = "2024-06-15T10:00:00Z" if engine is FLOWABLE else "2024-06-15T10:00:00"
    assert timer.state == (("repeat", f"R3/{stamp}/PT1M/{stamp}/"),)
    assert engine.deploy("R3/2024-07-01T00:00:00Z/PT1M", "timeCycle", NOW, UTC).state == (
        ("repeat", "R3/2024-07-01T00:00:00Z/PT1M"),
    )


@BOTH
def test_a_trailing_slash_makes_the_rewritten_cycle_unreadable_after_the_first_fire(
    engine: FlowableEngine,
) -> None:
    result = fires(engine, "R3/PT1M/")
    assert (result.total, iso(result.due)) == (1, ["2024-06-15T10:01:00.000Z"])
    error = result.reschedule_error
    assert error is not None
    assert error.text == dict(result.states[0])["repeat"]
    assert "4 parts" in error.message
    assert "Failed to parse cron expression: R3/" in error.message
    assert error.hint is not None
    assert "remove the '/'" in error.hint


@BOTH
def test_the_count_is_read_by_integer_parse_int(engine: FlowableEngine) -> None:
    result = fires(engine, "R+3/PT1H")
    assert result.total == 3
    assert [str(dict(state)["repeat"])[:3] for state in result.states] == ["R+3", "R2/", "R1/"]
    assert fires(engine, "R\u0663/PT1H").total == 3  # an Arabic-Indic 3 is a digit to Character.digit
    error = rejection(engine, "R3 /PT10S")
    assert (error.column, error.hint) == (2, "write R3")
    assert rejection(engine, "R99999999999/PT1H").column == 1


@BOTH
@pytest.mark.parametrize(
    ("text", "column", "hint"),
    [
        ("R3/P1W", 5, "write P7D"),
        ("R3/P1H", 5, "write PT..."),
        ("R3/PT1D", 6, None),
        ("R3/PT1.5M", 6, None),
        ("R3/PT1,5S", 6, None),
        ("R3/P1D1Y", 7, None),
        ("R3/PT", 5, "write e.g. PT1H"),
        ("R3/P", 4, "write e.g. PT10M or P1D"),
        ("R3/pt10s", 3, "write PT10S"),
    ],
)
def test_javax_xml_periods_fail_at_the_character_at_fault(
    engine: FlowableEngine, text: str, column: int, hint: str | None
) -> None:
    error = rejection(engine, text)
    assert (error.column, error.hint) == (column, hint)
    assert error.message.startswith(f"{engine.variant.label} rejects")


@BOTH
def test_a_week_is_no_cycle_period_but_a_time_date_period(engine: FlowableEngine) -> None:
    rejection(engine, "R/P1W")
    assert due(engine, "P1W", kind="timeDate") == NOW + 7 * 86_400_000


@BOTH
@pytest.mark.parametrize(
    ("text", "expected"), [("5", "0005-01-01T00:00:00Z"), ("2024", "2023-12-31T23:00:00Z")]
)
def test_a_time_date_of_a_year_is_its_first_midnight_in_the_jvm_zone(
    engine: FlowableEngine, text: str, expected: str
) -> None:
    assert due(engine, text, kind="timeDate", zone=BERLIN if text == "2024" else UTC) == millis(expected)


@BOTH
@pytest.mark.parametrize(("text", "offset"), [("PT1H", 3_600_000), ("P1DT1H", 90_000_000), ("PT1.5S", 1500)])
def test_a_time_date_period_is_counted_from_now(engine: FlowableEngine, text: str, offset: int) -> None:
    assert due(engine, text, kind="timeDate") == NOW + offset


def test_flowable_time_date_periods_are_java_time_periods() -> None:
    assert due(FLOWABLE, "PT1h", kind="timeDate") == NOW + 3_600_000  # Duration.parse ignores case
    assert due(FLOWABLE, "P-1D", kind="timeDate") == NOW - 86_400_000  # and takes signs


def test_a_time_date_in_the_gap_moves_forward_in_flowable_and_fails_in_activiti() -> None:
    assert due(FLOWABLE, "2024-03-31T02:30:00", kind="timeDate", zone=BERLIN) == millis(
        "2024-03-31T01:30:00Z"
    )
    error = rejection(ACTIVITI, "2024-03-31T02:30:00", kind="timeDate", zone=BERLIN)
    assert "IllegalInstantException" in error.message


@BOTH
def test_a_local_time_in_the_overlap_takes_the_earlier_offset(engine: FlowableEngine) -> None:
    assert due(engine, "2024-10-27T02:30:00", kind="timeDate", zone=BERLIN) == millis("2024-10-27T00:30:00Z")


def test_flowable_clamps_february_30_and_activiti_rejects_it() -> None:
    assert due(FLOWABLE, "2024-02-30T00:00:00Z", kind="timeDate") == millis("2024-02-29T00:00:00Z")
    assert rejection(ACTIVITI, "2024-02-30T00:00:00Z", kind="timeDate").column == 8


def test_flowable_reads_24_00_as_the_next_midnight_and_activiti_rejects_it() -> None:
    assert due(FLOWABLE, "2024-07-01T24:00:00Z", kind="timeDate") == millis("2024-07-02T00:00:00Z")
    rejection(ACTIVITI, "2024-07-01T24:00:00Z", kind="timeDate")


@BOTH
def test_a_cycle_start_may_be_written_as_date_to_string(engine: FlowableEngine) -> None:
    # DurationHelper.parseDate's fallback, SimpleDateFormat("EEE MMM dd kk:mm:ss z yyyy").
    assert due(engine, "R3/Mon Jul 01 10:00:00 UTC 2024/PT1H") == millis("2024-07-01T10:00:00Z")
    assert due(engine, "R3/Mon Jul 01 12:00:00 GMT+02:00 2024/PT1H") == millis("2024-07-01T10:00:00Z")
    rejection(engine, "Mon Jul 01 10:00:00 UTC 2024", kind="timeDate")  # DueDateBusinessCalendar has none


@BOTH
def test_dates_before_1582_are_julian_in_the_calendar(engine: FlowableEngine) -> None:
    # 1500-01-15 (proleptic, as java.time and Joda read it) is Julian January 6; its months keep
    # day 6 until October 1582, whose 6th is missing and read as Julian: the 16th from then on.
    result = fires(engine, "R/1500-01-15T00:00:00Z/P1M", limit=1)
    assert iso(result.due) == ["2024-06-16T00:00:00.000Z"]


@BOTH
def test_the_calendar_zone_has_no_local_mean_time_before_1900(engine: FlowableEngine) -> None:
    # ZoneInfo gives Berlin +01:00 before 1900 (the tz database: +00:53:28), so the day keeps 01:00.
    result = fires(engine, "R/1776-07-04T00:00:00Z/P1D", zone=BERLIN, limit=1)
    assert iso(result.due) == ["2024-06-15T23:00:00.000Z"]


@BOTH
def test_months_are_added_before_years(engine: FlowableEngine) -> None:
    # DurationHelper.add: seconds first, years last: 2023-01-31 + 1M = 02-28, + 1Y = 2024-02-28.
    now = millis("2023-01-31T10:00:00Z")
    assert due(engine, "P1Y1M", kind="timeDuration", now=now) == millis("2024-02-28T10:00:00Z")


def test_activiti_reads_a_start_written_in_the_repeated_hour_as_the_first_pass() -> None:
    # Deployed at 02:30 CET, the second 02:30 of the night: Activiti writes 2024-10-27T02:30:00 and
    # reads it back an hour earlier, so its second timer is overdue at once; Flowable keeps the instant.
    now = millis("2024-10-27T01:30:00Z")
    activiti = fires(ACTIVITI, "R2/PT20M", now=now, zone=BERLIN)
    assert iso(activiti.due) == ["2024-10-27T01:50:00.000Z", "2024-10-27T01:50:00.001Z"]
    flowable = fires(FLOWABLE, "R2/PT20M", now=now, zone=BERLIN)
    assert iso(flowable.due) == ["2024-10-27T01:50:00.000Z", "2024-10-27T02:10:00.000Z"]


@BOTH
def test_a_time_duration_with_an_end_is_due_at_the_end(engine: FlowableEngine) -> None:
    assert due(engine, "PT1H/2024-07-01T00:00:00Z", kind="timeDuration") == millis("2024-07-01T00:00:00Z")
    # a third part after the period is never read
    assert due(engine, "P1D/2024-07-01T00:00:00Z/x", kind="timeDuration") == millis("2024-07-01T00:00:00Z")


@BOTH
def test_an_end_before_the_start_steps_back_and_the_timer_is_deleted_unfired(engine: FlowableEngine) -> None:
    result = fires(engine, "R3/2024-07-02T00:00:00Z/2024-07-01T00:00:00Z")
    assert (result.total, result.deleted_unfired is not None) == (0, True)


@BOTH
@pytest.mark.parametrize("kind", ["timeCycle", "timeDate", "timeDuration"])
def test_an_empty_text_has_no_timer(engine: FlowableEngine, kind: TimerKind) -> None:
    assert "Timer needs configuration" in rejection(engine, "", kind=kind).message


@BOTH
def test_expressions_are_not_evaluated(engine: FlowableEngine) -> None:
    error = rejection(engine, "R3/${period}")
    assert error.column == 3


@BOTH
@pytest.mark.parametrize(
    ("text", "kind"),
    [("R/20240701/PT1H", "timeCycle"), ("R/10000-01-01T00:00:00Z/PT1H", "timeCycle"), ("0", "timeDate")],
)
def test_years_isorepeat_cannot_hold_are_unrepresentable(
    engine: FlowableEngine, text: str, kind: TimerKind
) -> None:
    with pytest.raises(UnrepresentableError):
        engine.deploy(text, kind, NOW, UTC)


@BOTH
def test_error_messages_keep_the_engines_own(engine: FlowableEngine) -> None:
    assert rejection(engine, "R3").message.endswith(
        "; the engine's message, misleading here: Failed to parse cron expression: R3"
    )
    assert "couldn't resolve duedate" in rejection(engine, "pt10m", kind="timeDuration").message


@BOTH
def test_a_zone_suffix_splits_the_cycle(engine: FlowableEngine) -> None:
    text = "R/2024-07-01T10:00:00+02:00[Europe/Berlin]/P1D"
    error = rejection(engine, text)
    assert "4 parts" in error.message
    assert error.hint is not None
    assert "2024-07-01T10:00:00+02:00" in error.hint


@BOTH
def test_the_state_is_the_repeat_text_only(engine: FlowableEngine) -> None:
    assert [name for name, _ in engine.deploy("R/PT1H", "timeCycle", NOW, UTC).state] == ["repeat"]
    assert engine.deploy("PT1H", "timeDuration", NOW, UTC).state == ()


def test_a_foreign_timer_is_refused() -> None:
    from isorepeat.bpmn.timers import TimerState

    with pytest.raises(TypeError):
        FLOWABLE.fire(TimerState(NOW, (("repeat", "R/PT1H"),)), NOW, UTC)


def test_a_walk_too_long_is_a_walk_limit_error(monkeypatch: pytest.MonkeyPatch) -> None:
    from isorepeat.bpmn import _flowable_helper
    from isorepeat.errors import WalkLimitError

    monkeypatch.setattr(_flowable_helper, "WALK_LIMIT", 10)
    with pytest.raises(WalkLimitError):
        FLOWABLE.deploy("R/2024-01-01T00:00:00Z/P1D", "timeCycle", NOW, BERLIN)


def test_the_variants_differ_only_in_data() -> None:
    assert type(FLOWABLE) is type(ACTIVITI)
    assert (FLOWABLE.name, ACTIVITI.name) == ("flowable", "activiti")
    assert FLOWABLE.variant != ACTIVITI.variant


@BOTH
def test_months_resolve_the_wall_time_as_gregorian_calendar_does(engine: FlowableEngine) -> None:
    # getOffsetsByWall: a month landing in the overlap takes the later offset (java.time: the
    # earlier), one landing in the gap keeps the offset before it and moves forward.
    overlap = fires(
        engine, "R/2024-09-27T02:30:00+02:00/P1M", now=millis("2024-09-01T00:00:00Z"), zone=BERLIN
    )
    assert iso(overlap.due[:2]) == ["2024-09-27T00:30:00.000Z", "2024-10-27T01:30:00.000Z"]
    gap = fires(engine, "R/2024-01-31T02:30:00+01:00/P2M", now=millis("2024-01-01T00:00:00Z"), zone=BERLIN)
    assert iso(gap.due[:2]) == ["2024-01-31T01:30:00.000Z", "2024-03-31T01:30:00.000Z"]


@BOTH
def test_a_day_landing_in_the_overlap_keeps_the_offset_it_had(engine: FlowableEngine) -> None:
    result = fires(engine, "R/2024-10-26T02:30:00+02:00/P1D", now=millis("2024-10-01T00:00:00Z"), zone=BERLIN)
    assert iso(result.due[:3]) == [
        "2024-10-26T00:30:00.000Z",
        "2024-10-27T00:30:00.000Z",
        "2024-10-28T01:30:00.000Z",
    ]
