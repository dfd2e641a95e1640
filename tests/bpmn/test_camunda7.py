"""The Camunda 7 timer model: every camunda7 vector, BPMN.md's observed semantics, and the code
paths of camunda-bpm-platform@3dd653fe (and the JDK classes it calls) the vectors do not sample."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from isorepeat.bpmn._camunda7_text import java_split, java_trim, parse_int
from isorepeat.bpmn._xml_duration import (
    XmlDuration,
    XmlDurationError,
    add_to,
    calendar_add,
    duration_from_millis,
    parse_xml_duration,
)
from isorepeat.bpmn.camunda7 import CAMUNDA7, Camunda7Engine
from isorepeat.bpmn.timers import CronNotSimulatedError, TimerFires, TimerKind, TimerState, simulate_fires
from isorepeat.errors import ScheduleError, UnrepresentableError
from isorepeat.zones import Zone, resolve_tz
from tests.bpmn.vectors import cases_of, check_case, millis

NOW = "2024-06-15T10:00:00Z"
MINUTE = 60_000


def zone(name: str) -> Zone:
    found = resolve_tz(name)
    assert found is not None
    return found


def fires(
    text: str,
    kind: TimerKind = "timeCycle",
    *,
    now: str = NOW,
    jvm: str = "UTC",
    lag: int = 1,
    limit: int = 8,
    engine: Camunda7Engine = CAMUNDA7,
) -> TimerFires:
    return simulate_fires(engine, text, kind, now=millis(now), jvm_zone=zone(jvm), fire_lag=lag, limit=limit)


def dues(text: str, kind: TimerKind = "timeCycle", **options: Any) -> list[int | None]:
    return list(fires(text, kind, **options).due)


def at(*texts: str) -> list[int | None]:
    return [millis(text) for text in texts]


def rejected(text: str, kind: TimerKind = "timeCycle", *, jvm: str = "UTC", now: str = NOW) -> ScheduleError:
    with pytest.raises(ScheduleError) as caught:
        CAMUNDA7.deploy(text, kind, millis(now), zone(jvm))
    assert caught.value.text == text
    return caught.value


# -- the vectors ---------------------------------------------------------------------------------


@pytest.mark.parametrize("case", cases_of("camunda7"))
def test_camunda7_does_what_the_engine_did_in_each_vector(case: dict[str, Any]) -> None:
    check_case(CAMUNDA7, case)


@pytest.mark.parametrize(
    "case", [param for param in cases_of("camunda7") if "repeat" in param.values[0]["expected"]]
)
def test_the_timer_keeps_the_repeat_the_engine_kept(case: dict[str, Any]) -> None:
    timer = CAMUNDA7.deploy(case["expression"], case["kind"], millis(case["now"]), zone(case["jvm_zone"]))
    assert timer.state == (("repeat", case["expected"]["repeat"]),)


def test_the_engine_is_named_as_the_vectors_name_it() -> None:
    assert CAMUNDA7.name == "camunda7"
    assert not CAMUNDA7.schedule_checks_due_date


# -- BPMN.md's observed semantics -------------------------------------------------------------------


def test_rn_without_a_start_fires_n_times() -> None:
    assert fires("R4/PT5M").total == 4


def test_rn_with_a_start_fires_n_plus_one_times() -> None:
    # camunda-bpm-platform#5476: the loop steps at most n times from the start, which is a point
    assert dues("R4/2024-06-15T11:00:00Z/PT5M") == at(
        "2024-06-15T11:00:00Z", "2024-06-15T11:05:00Z", "2024-06-15T11:10:00Z", "2024-06-15T11:15:00Z",
        "2024-06-15T11:20:00Z",
    )  # fmt: skip


@pytest.mark.parametrize("count", ["R0", "R-1", "R-2147483648"])
def test_r0_and_negative_counts_fire_once_at_now(count: str) -> None:
    result = fires(f"{count}/PT10S", now="2024-06-15T10:00:00.250Z")
    assert result.due == (millis("2024-06-15T10:00:00.250Z"),)
    assert result.total == 1


def test_the_first_fire_keeps_nows_millis_and_the_rest_lie_on_a_grid_cut_to_the_second() -> None:
    result = fires("R3/PT10S", now="2024-06-15T10:00:00.250Z")
    assert list(result.due) == at("2024-06-15T10:00:10.250Z", "2024-06-15T10:00:20Z", "2024-06-15T10:00:30Z")
    assert result.states[0] == (("repeat", "R3/2024-06-15T10:00:00/PT10S"),)


def test_the_prepared_start_is_nows_wall_time_in_the_jvm_zone() -> None:
    timer = CAMUNDA7.deploy("R/PT1H", "timeCycle", millis(NOW), zone("America/New_York"))
    assert timer.state == (("repeat", "R/2024-06-15T06:00:00/PT1H"),)


def test_a_start_in_the_past_fires_at_the_next_point_of_its_grid() -> None:
    assert dues("R/2024-06-15T09:05:00Z/PT10M", limit=2) == at("2024-06-15T10:05:00Z", "2024-06-15T10:15:00Z")


def test_a_grid_that_ended_before_now_gives_a_timer_without_due_date_that_fires_once() -> None:
    result = fires("R2/2024-06-15T09:00:00Z/PT10M")
    assert result.due == (None,)
    assert result.fired_at == (millis(NOW) + 1,)
    assert result.total == 1


def test_a_start_at_now_is_skipped() -> None:
    assert dues("R2/2024-06-15T10:00:00Z/PT10M") == at("2024-06-15T10:10:00Z", "2024-06-15T10:20:00Z")


def test_a_late_fire_skips_the_missed_points_and_a_finite_count_loses_them() -> None:
    result = fires("R5/PT10M", lag=35 * MINUTE)
    assert list(result.due) == at("2024-06-15T10:10:00Z", "2024-06-15T10:50:00Z")
    assert result.total == 2


def test_start_and_end_make_the_period_and_the_end_bounds_nothing() -> None:
    result = fires("R3/2024-06-15T11:00:00Z/2024-06-15T11:30:00Z")
    assert result.total == 4
    assert result.due[-1] == millis("2024-06-15T12:30:00Z")


def test_a_period_and_an_end_count_back_from_the_end() -> None:
    assert dues("R2/PT1H/2024-06-15T20:00:00Z") == at(
        "2024-06-15T18:00:00Z", "2024-06-15T19:00:00Z", "2024-06-15T20:00:00Z"
    )


@pytest.mark.parametrize(
    ("text", "jvm", "first"),
    [
        ("R/2024-07-01T10:00:00/P1D", "Europe/Berlin", "2024-07-01T08:00:00Z"),  # local: the JVM zone
        ("R/2024-07-01/P1D", "America/New_York", "2024-07-01T04:00:00Z"),  # date-only: midnight there
        ("R/2024-07-01T10:00:00+0200/P1D", "UTC", "2024-07-01T08:00:00Z"),  # basic offset (Joda)
        ("R/2024-07-01t10:00:00z/P1D", "UTC", "2024-07-01T10:00:00Z"),  # lower case (Joda)
    ],
)
def test_starts_are_read_by_joda(text: str, jvm: str, first: str) -> None:
    assert dues(text, jvm=jvm, limit=1) == at(first)


def test_a_zone_suffix_splits_the_cycle_and_the_hint_gives_the_offset() -> None:
    error = rejected("R3/2024-07-01T10:00:00[Europe/Berlin]/P1D")
    assert error.column == len("R3/2024-07-01T10:00:00[Europe")
    assert "4 parts" in error.message
    assert (
        error.hint
        == "write the offset, 2024-07-01T10:00:00+02:00, and run the engine with a Europe/Berlin JVM zone"
    )


def test_a_utc_suffix_does_not_parse() -> None:
    error = rejected("R/2024-06-20T10:00:00Z[UTC]/P1D")
    assert error.column == len("R/2024-06-20T10:00:00Z")


def test_a_z_start_still_steps_in_the_jvm_zone() -> None:
    steps = dues("R/2024-03-15T10:00:00Z/P1M", now="2024-03-01T00:00:00Z", jvm="Europe/Berlin", limit=2)
    assert steps == at("2024-03-15T10:00:00Z", "2024-04-15T09:00:00Z")


def test_month_steps_chain_from_the_clamped_day() -> None:
    steps = dues("R/2024-01-31T00:00:00Z/P1M", now="2024-01-01T00:00:00Z", limit=3)
    assert steps == at("2024-01-31T00:00:00Z", "2024-02-29T00:00:00Z", "2024-03-29T00:00:00Z")


def test_a_year_from_february_29_stays_on_the_28th() -> None:
    steps = dues("R/2024-02-29T00:00:00Z/P1Y", now="2024-01-01T00:00:00Z", limit=3)
    assert steps == at("2024-02-29T00:00:00Z", "2025-02-28T00:00:00Z", "2026-02-28T00:00:00Z")


def test_a_day_step_into_the_gap_moves_back_and_stays_there() -> None:
    steps = dues("R/2024-03-30T02:30:00/P1D", now="2024-03-01T00:00:00Z", jvm="Europe/Berlin", limit=3)
    assert steps == at("2024-03-30T01:30:00Z", "2024-03-31T00:30:00Z", "2024-03-31T23:30:00Z")  # 01:30 local


def test_pt24h_is_24_hours_across_dst() -> None:
    steps = dues("R/2024-03-30T12:00:00Z/PT24H", now="2024-03-01T00:00:00Z", jvm="Europe/Berlin", limit=2)
    assert steps == at("2024-03-30T12:00:00Z", "2024-03-31T12:00:00Z")


def test_a_fraction_of_a_second_is_exact() -> None:
    assert dues("R2/PT1.5S") == at("2024-06-15T10:00:01.500Z", "2024-06-15T10:00:03Z")


@pytest.mark.parametrize(
    ("text", "column"), [("R3/PT1,5S", 6), ("R3/PT1.5M", 6), ("R3/Pt10S", 4), ("R3/PT", 5)]
)
def test_what_the_xml_duration_rejects(text: str, column: int) -> None:
    assert rejected(text).column == column


def test_lower_case_r_goes_to_cron_and_fails() -> None:
    error = rejected("r3/PT10S")
    assert "cron" in error.message
    assert error.hint is not None
    assert "upper-case R" in error.hint


def test_blanks_are_trimmed() -> None:
    assert fires(" \tR2/PT10S\n").total == 2


def test_timeduration_with_a_past_start_fires_at_once() -> None:
    result = fires("2024-06-01T00:00:00Z/PT1H", "timeDuration")
    assert result.due == (millis("2024-06-01T01:00:00Z"),)
    assert result.total == 1


def test_timeduration_r3_fires_once_after_the_first_period() -> None:
    # DurationBusinessCalendar reads the R (first grid point) but no repeat is kept for a duration
    result = fires("R3/PT10M", "timeDuration")
    assert result.due == (millis("2024-06-15T10:10:00Z"),)
    assert result.states == ((),)
    assert result.total == 1


# -- what the code shows and the vectors do not sample ----------------------------------------------


def test_weeks_are_milliseconds_that_newduration_turns_into_months_and_days() -> None:
    # P5W = 35 days of ms = 1970-02-05 = P1M4D: from January 31 that is March 4, not March 6
    steps = dues("R/2024-01-31T00:00:00Z/P5W", now="2024-01-01T00:00:00Z", limit=2)
    assert steps == at("2024-01-31T00:00:00Z", "2024-03-04T00:00:00Z")


def test_a_start_end_period_of_31_days_steps_by_calendar_months() -> None:
    steps = dues("R/2024-01-31T00:00:00Z/2024-03-02T00:00:00Z", now="2024-01-01T00:00:00Z", limit=3)
    assert steps == at("2024-01-31T00:00:00Z", "2024-02-29T00:00:00Z", "2024-03-29T00:00:00Z")


def test_weeks_with_other_fields_are_rejected() -> None:
    assert rejected("R3/P1W2D").column == 5


def test_a_trailing_slash_is_accepted_but_the_repeat_it_prepares_breaks_the_first_fire() -> None:
    result = fires("R3/PT10S/")
    assert result.fired_at == ()
    assert result.deleted_unfired is not None
    assert result.deleted_unfired[0] == millis("2024-06-15T10:00:10Z")
    assert "R3/2024-06-15T10:00:00/PT10S/2024-06-15T10:00:00/" in result.deleted_unfired[2]


def test_a_fire_that_cannot_read_its_repeat_does_not_fire() -> None:
    timer = TimerState(millis(NOW), (("repeat", "R3/nonsense/PT10S"),))
    outcome = CAMUNDA7.fire(timer, millis(NOW) + 1, zone("UTC"))
    assert not outcome.fired
    assert outcome.next is None
    assert outcome.error is not None


def test_now_in_the_second_pass_of_an_overlap_prepares_a_start_an_hour_earlier() -> None:
    # 02:30 CET is formatted without its offset and read back by Joda as 02:30 CEST, an hour earlier:
    # the R3 grid from there has no point after the first fire
    result = fires("R3/PT10M", now="2024-10-27T01:30:00Z", jvm="Europe/Berlin")
    assert result.states[0] == (("repeat", "R3/2024-10-27T02:30:00/PT10M"),)
    assert result.total == 1


@pytest.mark.parametrize(("count", "total"), [("R+3", 3), ("R٣", 3), ("R03", 3)])
def test_the_count_is_integer_parseint(count: str, total: int) -> None:
    assert fires(f"{count}/PT10S").total == total


@pytest.mark.parametrize(
    ("text", "column"), [("R3 /PT10S", 2), ("R /PT10S", 1), ("R99999999999/PT1S", 1), ("R-/PT1S", 2)]
)
def test_counts_integer_parseint_rejects(text: str, column: int) -> None:
    assert rejected(text).column == column


def test_a_count_with_a_blank_gets_the_hint_without_it() -> None:
    assert rejected("R3 /PT10S").hint == "write R3"


@pytest.mark.parametrize(
    ("text", "column"), [("R", 1), ("R3", 2), ("R/", 2), ("R3/2024-07-01T00:00:00Z", 23)]
)
def test_a_cycle_needs_something_after_its_count_and_its_start(text: str, column: int) -> None:
    assert rejected(text).column == column


def test_more_than_three_parts_are_rejected_at_the_third_slash() -> None:
    assert rejected("R3/2024-07-01T10:00:00Z/P1D/x").column == len("R3/2024-07-01T10:00:00Z/P1D")


def test_a_local_start_in_the_gap_of_the_jvm_zone_is_rejected() -> None:
    error = rejected("R/2024-03-31T02:30:00/PT1H", jvm="Europe/Berlin", now="2024-03-01T00:00:00Z")
    assert error.column == 2
    assert error.hint is not None
    assert "2024-03-31T03:30:00+02:00" in error.hint


def test_a_local_start_in_an_overlap_is_the_earlier_pass() -> None:
    steps = dues("R/2024-10-27T02:30:00/PT1H", now="2024-10-01T00:00:00Z", jvm="Europe/Berlin", limit=1)
    assert steps == at("2024-10-27T00:30:00Z")


def test_a_month_step_into_the_gap_moves_forward_and_stays_there() -> None:
    # add(MONTH) recomputes from the wall time: ZoneInfo keeps the offset before the gap (03:30 CEST)
    steps = dues("R/2024-01-31T02:30:00/P2M", now="2024-01-01T00:00:00Z", jvm="Europe/Berlin", limit=3)
    assert steps == at("2024-01-31T01:30:00Z", "2024-03-31T01:30:00Z", "2024-05-31T01:30:00Z")


def test_after_2037_a_month_step_into_the_gap_moves_back() -> None:
    # past ZoneInfoFile's table the SimpleTimeZone rule reads the gap's wall time as daylight time
    steps = dues("R/2040-02-25T02:30:00/P1M", now="2040-01-01T00:00:00Z", jvm="Europe/Berlin", limit=2)
    assert steps == at("2040-02-25T01:30:00Z", "2040-03-25T00:30:00Z")


def test_dates_before_the_1582_cutover_step_in_the_julian_calendar() -> None:
    # proleptic 1500-02-28 (Joda) is Julian 1500-02-19; a Julian month on is Julian 03-19 = 03-29
    steps = dues("R/1500-02-28T00:00:00Z/P1M", now="1400-01-01T00:00:00Z", limit=2)
    assert steps == at("1500-02-28T00:00:00Z", "1500-03-29T00:00:00Z")


def test_a_lower_case_period_is_read_as_a_start_and_the_hint_says_so() -> None:
    assert rejected("R3/pt10s").hint == "write PT10S: a period starts with an upper-case P"


def test_a_resumed_walk_gives_the_dues_of_a_walk_from_the_start() -> None:
    berlin = zone("Europe/Berlin")
    timer: TimerState | None = CAMUNDA7.deploy("R/2023-03-20T02:30:00/P1D", "timeCycle", millis(NOW), berlin)
    assert timer is not None
    for _ in range(3):
        assert timer is not None
        clock = (timer.due or 0) + 1
        resumed = CAMUNDA7.fire(timer, clock, berlin).next
        fresh = CAMUNDA7.fire(TimerState(timer.due, timer.state), clock, berlin).next
        assert resumed is not None
        assert fresh is not None
        assert resumed.due == fresh.due
        timer = resumed


def test_a_long_walk_of_fixed_steps_is_jumped() -> None:
    assert dues("R/2000-01-01T00:00:00Z/PT1S", limit=1) == at("2024-06-15T10:00:01Z")


def test_a_long_walk_of_days_in_a_fixed_zone_is_jumped() -> None:
    assert dues("R/2000-01-01T10:30:00Z/P1D", limit=1) == at("2024-06-15T10:30:00Z")


def test_a_negative_start_end_period_runs_out_of_steps() -> None:
    assert dues("R/2024-06-01T00:00:00Z/2024-04-01T00:00:00Z") == [None]


def test_a_future_start_with_a_negative_period_fires_at_its_start_and_then_not_again() -> None:
    assert dues("R3/2024-07-01T01:00:00Z/2024-07-01T00:00:00Z", lag=0) == at("2024-07-01T01:00:00Z")


def test_a_year_outside_datetime_is_unrepresentable() -> None:
    with pytest.raises(UnrepresentableError) as caught:
        CAMUNDA7.deploy("R/20000-01-01T00:00:00Z/P1D", "timeCycle", millis(NOW), zone("UTC"))
    assert caught.value.column == 2


def test_the_engines_check_of_a_null_due_date_fails_the_deployment() -> None:
    strict = Camunda7Engine(schedule_checks_due_date=True)
    with pytest.raises(ScheduleError) as caught:
        strict.deploy("R0/2024-06-15T09:00:00Z/PT10M", "timeCycle", millis(NOW), zone("UTC"))
    assert "duedate is null" in caught.value.message
    assert caught.value.column == 1


def test_juel_expressions_are_not_simulated() -> None:
    assert rejected("  ${cycle}").column == 2


# -- timeDate ----------------------------------------------------------------------------------------


def test_timedate_p_is_a_joda_period_from_now() -> None:
    assert dues("P1DT1H", "timeDate", jvm="Europe/Berlin") == at("2024-06-16T11:00:00Z")


def test_timedate_local_is_read_in_the_jvm_zone_and_fires_once() -> None:
    result = fires("2024-07-01T10:00", "timeDate", jvm="America/New_York")
    assert result.due == (millis("2024-07-01T14:00:00Z"),)
    assert result.total == 1


def test_timedate_rejects_a_zone_suffix_where_it_starts() -> None:
    assert rejected("2024-07-01T10:00:00[Europe/Berlin]", "timeDate").column == 19


def test_timedate_lower_case_p_is_not_a_period() -> None:
    assert rejected("p1d", "timeDate").column == 0


# -- timeDuration ------------------------------------------------------------------------------------


def test_timeduration_start_and_end_is_due_at_the_end() -> None:
    assert dues("2024-06-01T00:00:00Z/2024-07-01T00:00:00Z", "timeDuration") == at("2024-07-01T00:00:00Z")


def test_timeduration_ignores_a_third_part_without_r() -> None:
    assert dues("2024-06-01T00:00:00Z/PT1H/junk", "timeDuration") == at("2024-06-01T01:00:00Z")


def test_timeduration_needs_more_than_a_date() -> None:
    assert rejected("2024-06-01T00:00:00Z", "timeDuration").column == 20


# -- cron --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text", ["0 0 9 * * MON-FRI", "@daily", "0 */15 * * * ?", "0 0 0 L * ?", "0 0 0 ? * 5#3", "0 0 0 LW * ?"]
)
def test_spring_53_crons_are_accepted_and_not_simulated(text: str) -> None:
    with pytest.raises(CronNotSimulatedError) as caught:
        CAMUNDA7.deploy(text, "timeCycle", millis(NOW), zone("UTC"))
    assert "Spring 5.3" in caught.value.engine


@pytest.mark.parametrize(
    ("text", "column"),
    [
        ("0 0 9 * *", 0),
        ("@reboot", 0),
        ("0 0 25 * * *", 4),
        ("0 0 9 * * MON,", 13),
        ("0 0 0 ? * 8", 10),
        ("PT10M", 0),
    ],
)
def test_crons_cron_utils_rejects(text: str, column: int) -> None:
    assert rejected(text).column == column


# -- the Java pieces ---------------------------------------------------------------------------------


def test_java_trim_drops_controls_but_not_unicode_spaces() -> None:
    assert java_trim("\t\x01 R3 \n") == (3, 5)
    assert java_trim("\u00a0R3") == (0, 3)


def test_java_split_drops_trailing_empty_parts() -> None:
    assert [part.text for part in java_split("R3/PT1S//", 0, 9)] == ["R3", "PT1S"]
    assert [part.text for part in java_split("R3//PT1S", 0, 8)] == ["R3", "", "PT1S"]
    assert java_split("//", 0, 2) == []


def test_parse_int_is_integer_parseint() -> None:
    assert parse_int("-17", 0, 3) == -17
    assert parse_int("2147483648", 0, 10) == (0, 'For input string: "2147483648"')
    assert parse_int("+", 0, 1) == (1, 'For input string: "+"')


# -- javax.xml.datatype.Duration and GregorianCalendar ---------------------------------------------


def test_xml_duration_keeps_fields_exact() -> None:
    parsed = parse_xml_duration("P1Y2M3DT4H5M6.789S")
    assert parsed == XmlDuration(1, 1, 2, 3, 4, 5, Decimal("6.789"))
    assert parsed.int_fields() == (1, 2, 3, 4, 5, 6, 789)


def test_xml_duration_zero_has_no_sign() -> None:
    assert parse_xml_duration("-PT0S").signum == 0


def test_xml_duration_cuts_fields_to_java_ints() -> None:
    assert parse_xml_duration("PT4294967297H").int_fields()[3] == 1


def test_xml_duration_truncates_the_fraction_to_milliseconds() -> None:
    assert parse_xml_duration("PT0.0019S").int_fields()[-1] == 1


@pytest.mark.parametrize(
    ("text", "column", "java_message"),
    [
        ("PT1.5M", 3, 'For input string: "1.5"'),
        ("PT1,5S", 3, "PT1,5S"),
        ("P10", 3, "P10"),
        ("P1D1D", 2, "P1D1D"),
        ("P", 1, "P"),
        ("PT1..5S", 4, 'new BigDecimal("1..5") fails'),
    ],
)
def test_xml_duration_errors_have_columns(text: str, column: int, java_message: str) -> None:
    with pytest.raises(XmlDurationError) as caught:
        parse_xml_duration(text)
    assert (caught.value.column, caught.value.java_message) == (column, java_message)


def test_newduration_of_millis_reads_them_after_1970() -> None:
    assert duration_from_millis(35 * 86_400_000) == XmlDuration(1, 0, 1, 4, 0, 0, Decimal("0.000"))
    assert duration_from_millis(-7_200_000).int_fields() == (0, 0, 0, -2, 0, 0, 0)


def test_calendar_add_of_a_day_into_the_new_york_gap_moves_back() -> None:
    new_york = zone("America/New_York")
    start = millis("2024-03-09T07:30:00Z")  # 02:30 EST
    assert calendar_add(start, "DAY_OF_MONTH", 1, new_york) == millis("2024-03-10T06:30:00Z")  # 01:30 EST


def test_calendar_add_of_a_month_into_an_overlap_takes_the_later_instant() -> None:
    berlin = zone("Europe/Berlin")
    start = millis("2024-09-27T00:30:00Z")  # 02:30 CEST
    assert calendar_add(start, "MONTH", 1, berlin) == millis("2024-10-27T01:30:00Z")  # 02:30 CET


def test_add_to_skips_zero_fields() -> None:
    berlin = zone("Europe/Berlin")
    assert add_to(parse_xml_duration("P0M"), 5, berlin) == 5
