"""Zeebe's timer model (isorepeat.bpmn.zeebe) against the engine vectors and the engine's code.

The expectations beyond the vectors were checked against the engine's own ``Interval``,
``RepeatingInterval`` and ``TimeDateTimer`` classes and cron-utils 9.2.1 on a JDK 17.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from isorepeat.bpmn._zeebe_cron import check_spring_cron
from isorepeat.bpmn.timers import CronNotSimulatedError, TimerKind, TimerState, simulate_fires
from isorepeat.bpmn.zeebe import ZEEBE, ZEEBE_2024, ZEEBE_63687, ZEEBE_VERSIONS, ZeebeEngine
from isorepeat.errors import ScheduleError, UnrepresentableError
from isorepeat.zones import Zone, resolve_tz
from tests.bpmn.vectors import Case, cases_of, check_case, millis

_ENGINES = {engine.name: engine for engine in (ZEEBE, ZEEBE_2024, ZEEBE_63687)}
_ALL = pytest.mark.parametrize("engine", [ZEEBE, ZEEBE_2024, ZEEBE_63687], ids=lambda e: e.name)
_FIXED = pytest.mark.parametrize("engine", [ZEEBE, ZEEBE_63687], ids=lambda e: e.name)
NOW = "2024-06-15T10:00:00Z"


def _zone(name: str) -> Zone:
    zone = resolve_tz(name)
    assert zone is not None
    return zone


def _iso(instant: int | None) -> str:
    assert instant is not None
    moment = datetime(1970, 1, 1, tzinfo=timezone.utc) + timedelta(milliseconds=instant)
    return moment.isoformat(timespec="milliseconds").replace(".000", "").replace("+00:00", "Z")


def _dues(
    engine: ZeebeEngine,
    text: str,
    kind: TimerKind = "timeCycle",
    *,
    now: str = NOW,
    jvm: str = "UTC",
    lag: int = 1,
    limit: int = 4,
) -> list[str]:
    fires = simulate_fires(
        engine, text, kind, now=millis(now), jvm_zone=_zone(jvm), fire_lag=lag, limit=limit
    )
    return [_iso(due) for due in fires.due]


def _total(engine: ZeebeEngine, text: str, kind: TimerKind = "timeCycle", limit: int = 20) -> int | None:
    return simulate_fires(engine, text, kind, now=millis(NOW), jvm_zone=_zone("UTC"), limit=limit).total


def _rejection(text: str, kind: TimerKind = "timeCycle", engine: ZeebeEngine = ZEEBE) -> ScheduleError:
    with pytest.raises(ScheduleError) as caught:
        engine.deploy(text, kind, millis(NOW), _zone("UTC"))
    assert not isinstance(caught.value, UnrepresentableError)
    return caught.value


@pytest.mark.parametrize("case", cases_of(*_ENGINES))
def test_vector(case: Case) -> None:
    check_case(_ENGINES[case["engine"]], case)


def test_versions_and_names() -> None:
    assert ZEEBE_VERSIONS == ("2024", "49135", "63687")
    assert [ZeebeEngine(v).name for v in ZEEBE_VERSIONS] == ["zeebe-2024", "zeebe-49135", "zeebe-63687"]
    assert ZeebeEngine("49135") == ZEEBE


# -- BPMN.md's "Observed semantics" ------------------------------------------------------------


@_ALL
@pytest.mark.parametrize(
    ("text", "total"),
    [
        ("R3/PT1M", 3),
        ("R1/PT1M", 1),
        ("R0/PT1M", 1),
        ("R-2/PT1M", 1),
        ("R03/PT1M", 3),
        ("R+2/PT1M", 2),
        ("R3/2024-07-01T00:00:00Z/PT1M", 3),
        ("R-1/PT1M", None),
        ("R/PT1M", None),
    ],
)
def test_repetitions_count_fires_and_minus_one_is_infinite(
    engine: ZeebeEngine, text: str, total: int | None
) -> None:
    assert _total(engine, text) == total


@_ALL
def test_repetitions_state_counts_down_and_infinite_stays_minus_one(engine: ZeebeEngine) -> None:
    fires = simulate_fires(engine, "R3/PT1M", "timeCycle", now=millis(NOW), jvm_zone=_zone("UTC"))
    assert fires.states == ((("repetitions", 3),), (("repetitions", 2),), (("repetitions", 1),))
    forever = simulate_fires(engine, "R/PT1M", "timeCycle", now=millis(NOW), jvm_zone=_zone("UTC"), limit=3)
    assert set(forever.states) == {(("repetitions", -1),)}


@_ALL
def test_no_start_is_now_plus_period_with_the_millis_kept(engine: ZeebeEngine) -> None:
    now = "2024-06-15T10:00:00.250Z"
    assert _dues(engine, "R/PT10M", now=now, limit=2) == [
        "2024-06-15T10:10:00.250Z",
        "2024-06-15T10:20:00.250Z",
    ]


def test_start_in_the_past_2024_is_now_plus_period_phased_by_the_deployment() -> None:
    dues = _dues(ZEEBE_2024, "R/2023-07-01T00:00:00+02:00/PT15M", now="2023-07-26T06:10:00Z", limit=2)
    assert dues == ["2023-07-26T06:25:00Z", "2023-07-26T06:40:00Z"]


@_FIXED
def test_start_in_the_past_fixed_fires_at_once(engine: ZeebeEngine) -> None:
    dues = _dues(engine, "R/2023-07-01T00:00:00+02:00/PT15M", now="2023-07-26T06:10:00Z", limit=2)
    assert dues == ["2023-07-26T06:10:00Z", "2023-07-26T06:25:00Z"]


def test_start_equal_to_now() -> None:
    assert _dues(ZEEBE_2024, "R2/2024-06-15T10:00:00Z/PT1H") == [
        "2024-06-15T11:00:00Z",
        "2024-06-15T12:00:00Z",
    ]
    assert _dues(ZEEBE, "R2/2024-06-15T10:00:00Z/PT1H") == ["2024-06-15T10:00:00Z", "2024-06-15T11:00:00Z"]


@pytest.mark.parametrize(
    ("engine", "second"),
    [
        (ZEEBE_2024, "2024-06-15T10:55:00Z"),
        (ZEEBE, "2024-06-15T10:45:00Z"),
        (ZEEBE_63687, "2024-06-15T10:55:00Z"),
    ],
    ids=lambda value: value.name if isinstance(value, ZeebeEngine) else value,
)
def test_late_fire_2024_and_63687_add_the_period_49135_fires_at_once(
    engine: ZeebeEngine, second: str
) -> None:
    assert _dues(engine, "R/PT10M", lag=35 * 60_000, limit=2) == ["2024-06-15T10:10:00Z", second]


@_ALL
def test_start_end_form_is_rejected_with_the_period_as_hint(engine: ZeebeEngine) -> None:
    error = _rejection("R3/2024-06-15T09:00:00Z/2024-06-15T09:30:00Z", engine=engine)
    assert error.column == len("R3/2024-06-15T09:00:00Z/")
    assert error.hint is not None
    assert "PT30M" in error.hint


@_ALL
def test_period_end_form_is_rejected_at_the_period(engine: ZeebeEngine) -> None:
    error = _rejection("R3/PT1H/2024-06-16T00:00:00Z", engine=engine)
    assert error.column == 3  # "Text 'PT1H' could not be parsed at index 0"
    assert error.hint is not None
    assert "start" in error.hint


@pytest.mark.parametrize(
    ("start", "due"),
    [
        ("2024-07-01T10:00:00Z", "2024-07-01T10:00:00Z"),
        ("2024-07-01T10:00:00+02:00", "2024-07-01T08:00:00Z"),
        ("2024-07-01T10:00+01", "2024-07-01T09:00:00Z"),
        ("2024-07-01T10:00:00+02:00:30", "2024-07-01T07:59:30Z"),
        ("2024-07-01T10:00:00+02:00[Europe/Berlin]", "2024-07-01T08:00:00Z"),
        ("2024-07-01T10:00:00Z[UTC]", "2024-07-01T10:00:00Z"),
        ("2024-07-01T10:00:00Z[Z]", "2024-07-01T10:00:00Z"),
        ("2024-07-01T10:00:00Z[UTC+01:00]", "2024-07-01T10:00:00Z"),
        ("2024-07-01T10:00:00Z[+03:00]", "2024-07-01T10:00:00Z"),
        ("2024-07-01T10:00:00Z[Zulu]", "2024-07-01T10:00:00Z"),
        ("2024-07-01T10:00:00Z[GMT0]", "2024-07-01T10:00:00Z"),
        ("2024-07-01t10:00:00z", "2024-07-01T10:00:00Z"),
        ("2024-07-01T10:00:00.Z", "2024-07-01T10:00:00Z"),
        ("2024-07-01T10:00:00.123456789Z", "2024-07-01T10:00:00.123Z"),
    ],
)
def test_start_forms_zoned_date_time_parse_accepts(start: str, due: str) -> None:
    assert _dues(ZEEBE, f"R1/{start}/PT1H") == [due]


@pytest.mark.parametrize(
    ("start", "index"),
    [
        ("2024-07-01T10:00:00", 19),  # no offset
        ("2024-07-01", 10),  # no time
        ("2024-07-01T10:00:00[Europe/Berlin]", 19),  # a zone without an offset
        ("2024-07-01T10:00:00+0200", 22),  # basic offset: '+02' read, '00' left over
        ("20240701T100000Z", 0),  # basic format: eight digits of year without a "+"
        ("2024-07-01T10:00:00,5Z", 19),  # a comma fraction
        ("2024-07-01T10:00:00.1234567891Z", 29),  # ten fraction digits
        ("2024-07-01T10:00:00+2:00", 19),  # a one-digit offset hour
        ("2024-07-01T10Z", 13),  # no minutes
        ("12024-07-01T10:00:00Z", 0),  # five digits without '+'
        ("-0000-07-01T10:00:00Z", 0),  # minus zero
        ("2024-07-01T10:00:00Z[GMT+2]", 20),  # the error points at the bracket
        ("2024-07-01T10:00:00Z[EST]", 20),  # a tz name the JDK leaves out
        ("2024-07-01T10:00:00Z[europe/berlin]", 20),  # zone names are case-sensitive
        ("2024-07-01T10:00:00Z[Europe/Berlin", 20),  # no closing bracket
        ("2024-07-01T10:00:00Z[+18:01]", 20),  # beyond 18 hours
        ("2024-07-01T10:00:00Z[UTC0]", 20),  # UTC then a stray 0
    ],
)
def test_start_forms_zoned_date_time_parse_rejects_at_its_index(start: str, index: int) -> None:
    error = _rejection(f"R1/{start}/PT1H")
    assert error.column == 3 + index
    assert error.message.startswith("Zeebe rejects the start")


@pytest.mark.parametrize(
    ("start", "column"),
    [
        ("2024-13-01T00:00:00Z", 5),
        ("2024-04-31T00:00:00Z", 8),
        ("2023-02-29T00:00:00Z", 8),
        ("2024-04-30T24:00:00Z", 11),
        ("2024-04-30T23:60:00Z", 14),
        ("2024-04-30T23:59:60Z", 17),
        ("2024-07-01T10:00:00+19:00", 19),
        ("2024-07-01T10:00:00+24:00", 19),
    ],
)
def test_start_fields_out_of_range_are_rejected_at_the_field(start: str, column: int) -> None:
    assert _rejection(f"R/{start}/PT1H").column == 2 + column


def test_missing_offset_hint_gives_the_zones_offset() -> None:
    error = _rejection("R/2024-03-30T02:30:00/P1D")
    assert error.hint == "write the offset: 2024-03-30T02:30:00Z"
    berlin = _zone("Europe/Berlin")
    with pytest.raises(ScheduleError) as caught:
        ZEEBE.deploy("R/2024-07-01T10:00:00[Europe/Berlin]/P1D", "timeCycle", millis(NOW), _zone("UTC"))
    assert caught.value.hint is not None
    assert "2024-07-01T10:00:00+02:00[Europe/Berlin]" in caught.value.hint
    with pytest.raises(ScheduleError) as caught:
        ZEEBE.deploy("R/2024-03-30T02:30:00/P1D", "timeCycle", millis(NOW), berlin)
    assert caught.value.hint is not None
    assert "2024-03-30T02:30:00+01:00[Europe/Berlin]" in caught.value.hint


def test_start_zone_is_the_arithmetic_zone_and_no_start_uses_the_jvm_zone() -> None:
    march = "2024-03-01T00:00:00Z"
    fixed = _dues(ZEEBE, "R/2024-03-30T12:00:00Z/P1D", now=march, jvm="Europe/Berlin", limit=2)
    assert fixed == ["2024-03-30T12:00:00Z", "2024-03-31T12:00:00Z"]  # a Z start keeps 12:00Z
    zoned = _dues(ZEEBE, "R/2024-03-30T12:00:00+01:00[Europe/Berlin]/P1D", now=march, limit=2)
    assert zoned == ["2024-03-30T11:00:00Z", "2024-03-31T10:00:00Z"]  # 12:00 Berlin
    jvm = _dues(ZEEBE, "R/P1D", now="2024-03-30T12:00:00Z", jvm="Europe/Berlin", limit=2)
    assert jvm == ["2024-03-31T11:00:00Z", "2024-04-01T11:00:00Z"]  # 13:00 Berlin


@_ALL
def test_month_end_drifts_jan_31_feb_29_mar_29(engine: ZeebeEngine) -> None:
    dues = _dues(engine, "R/2024-01-31T10:00:00Z/P1M", now="2024-01-01T00:00:00Z")
    assert dues == [
        "2024-01-31T10:00:00Z",
        "2024-02-29T10:00:00Z",
        "2024-03-29T10:00:00Z",
        "2024-04-29T10:00:00Z",
    ]


@_ALL
def test_feb_29_plus_p1y_is_feb_28_for_ever(engine: ZeebeEngine) -> None:
    dues = _dues(engine, "R/2024-02-29T12:00:00Z/P1Y", now="2024-01-01T00:00:00Z", limit=3)
    assert dues == ["2024-02-29T12:00:00Z", "2025-02-28T12:00:00Z", "2026-02-28T12:00:00Z"]


@_ALL
def test_spring_gap_start_moves_to_0330_and_stays(engine: ZeebeEngine) -> None:
    dues = _dues(engine, "R/2024-03-30T02:30:00+01:00[Europe/Berlin]/P1D", now="2024-03-01T00:00:00Z")
    # 02:30 on the 31st does not exist: 03:30+02:00, and every later day adds to that.
    assert dues == [
        "2024-03-30T01:30:00Z",
        "2024-03-31T01:30:00Z",
        "2024-04-01T01:30:00Z",
        "2024-04-02T01:30:00Z",
    ]


def test_fall_back_overlap_keeps_the_offset_of_the_day_before() -> None:
    dues = _dues(ZEEBE, "R/2024-10-26T02:30:00+02:00[Europe/Berlin]/P1D", now="2024-10-01T00:00:00Z", limit=3)
    # 02:30 on the 27th happens twice: +02:00 is kept (00:30Z), then +01:00 (01:30Z).
    assert dues == ["2024-10-26T00:30:00Z", "2024-10-27T00:30:00Z", "2024-10-28T01:30:00Z"]


def test_lord_howe_half_hour_gap_moves_by_half_an_hour() -> None:
    dues = _dues(
        ZEEBE, "R/2024-10-05T02:15:00+10:30[Australia/Lord_Howe]/P1D", now="2024-10-01T00:00:00Z", limit=3
    )
    # 02:15 on the 6th is in the 02:00-02:30 gap: 02:45+11:00, and it stays there.
    assert dues == ["2024-10-04T15:45:00Z", "2024-10-05T15:45:00Z", "2024-10-06T15:45:00Z"]


def test_pt24h_is_24_hours_and_p1d_a_calendar_day() -> None:
    now = "2024-03-30T12:00:00Z"
    assert _dues(ZEEBE, "R/PT24H", now=now, jvm="Europe/Berlin", limit=2)[1] == "2024-04-01T12:00:00Z"
    assert _dues(ZEEBE, "R/P1D", now=now, jvm="Europe/Berlin", limit=2)[0] == "2024-03-31T11:00:00Z"


@pytest.mark.parametrize("text", ["R2/PT1.5S", "R2/PT1,5S"])
def test_fractions_of_seconds_are_exact(text: str) -> None:
    assert _dues(ZEEBE, text) == ["2024-06-15T10:00:01.500Z", "2024-06-15T10:00:03Z"]


@pytest.mark.parametrize(
    ("text", "column"), [("r3/PT10S", 0), ("R3/pt10s", 4), ("PT10S", 0), ("R3/P1Dt1H", 6), ("R3/PT1.5M", 8)]
)
def test_lower_case_r_and_t_are_rejected(text: str, column: int) -> None:
    assert _rejection(text).column == column


def test_lower_case_p_is_a_period_and_lower_case_units_are_accepted() -> None:
    assert _dues(ZEEBE, "R2/p1d") == ["2024-06-16T10:00:00Z", "2024-06-17T10:00:00Z"]
    assert _dues(ZEEBE, "R2/pT1h") == ["2024-06-15T11:00:00Z", "2024-06-15T12:00:00Z"]


@pytest.mark.parametrize("text", [" R2/PT1H ", "\tR2/PT1H\n", "\x00R2/PT1H\x1f"])
def test_blanks_are_trimmed_as_java_trims(text: str) -> None:
    assert _dues(ZEEBE, text) == ["2024-06-15T11:00:00Z", "2024-06-15T12:00:00Z"]


def test_non_breaking_space_is_not_trimmed_so_the_text_goes_to_cron() -> None:
    error = _rejection("\u00a0R2/PT1H")
    assert "cron" in error.message


@pytest.mark.parametrize(
    "text", ["0 0 12 * * ?", "0 */15 9-17 * * MON-FRI", "@daily", "0 0 12 L * ?", "0 0 12 ? * 5L"]
)
def test_accepted_cron_is_not_simulated(text: str) -> None:
    with pytest.raises(CronNotSimulatedError) as caught:
        ZEEBE.deploy(text, "timeCycle", millis(NOW), _zone("UTC"))
    assert caught.value.engine == "Spring's 6-field cron"
    assert caught.value.text == text


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("0 0 12 * *", "5 fields"),  # "Cron expression contains 5 parts but we expect one of [6]"
        ("0 0 25 * * *", "25 is outside 0-23"),
        ("*/60 * * * * *", "step 60"),
        ("0 0 12 ? * 15W", "'W' is not allowed"),
        ("0 0 12 1, * *", "comma"),
        ("@reboot", "@reboot"),
        ("", "empty"),
        ("0 0 12 * * ? || 0 0", "2 fields"),
    ],
)
def test_rejected_cron(text: str, reason: str) -> None:
    assert reason in _rejection(text).message


def test_cron_alternatives_with_a_bar_are_each_checked() -> None:
    with pytest.raises(CronNotSimulatedError):
        check_spring_cron("0|30 * 1|2 * * *", 0, 16)
    with pytest.raises(ScheduleError):
        check_spring_cron("0|60 * * * * *", 0, 14)


@_ALL
def test_time_duration_with_a_start(engine: ZeebeEngine) -> None:
    due = _dues(engine, "2024-06-01T00:00:00Z/PT1H", "timeDuration")
    assert due == (["2024-06-15T11:00:00Z"] if engine is ZEEBE_2024 else ["2024-06-15T10:00:00Z"])


def test_time_duration_with_a_future_start_is_due_at_the_start_not_after_it() -> None:
    assert _dues(ZEEBE_2024, "2024-07-01T00:00:00Z/PT1H", "timeDuration") == ["2024-07-01T00:00:00Z"]


def test_time_duration_rejects_a_repetition() -> None:
    assert _rejection("R3/PT10M", "timeDuration").column == 0  # "Text 'R3' could not be parsed at index 0"


# -- the code the sample does not cover ------------------------------------------------------


def test_negative_period_2024_reschedules_from_the_fire_clock() -> None:
    assert _dues(ZEEBE_2024, "R3/-PT10S") == [
        "2024-06-15T09:59:50Z",
        "2024-06-15T09:59:50.001Z",
        "2024-06-15T09:59:50.002Z",
    ]


@_FIXED
def test_negative_period_fixed_versions_fire_1_ms_apart(engine: ZeebeEngine) -> None:
    assert _dues(engine, "R3/-PT10S") == [
        "2024-06-15T09:59:50Z",
        "2024-06-15T10:00:00.001Z",
        "2024-06-15T10:00:00.002Z",
    ]


@_ALL
def test_zero_period_fires_1_ms_apart(engine: ZeebeEngine) -> None:
    assert _dues(engine, "R/P0D", limit=3) == [
        "2024-06-15T10:00:00Z",
        "2024-06-15T10:00:00.001Z",
        "2024-06-15T10:00:00.002Z",
    ]


def test_duration_to_millis_truncates_toward_zero() -> None:
    assert _dues(ZEEBE, "R1/-PT0.0001S") == ["2024-06-15T10:00:00Z"]  # not 09:59:59.999


def test_63687_keeps_the_natural_due_date_when_on_time() -> None:
    dues = _dues(ZEEBE_63687, "R3/2024-06-15T10:05:00Z/PT10M", lag=0)
    assert dues == ["2024-06-15T10:05:00Z", "2024-06-15T10:15:00Z", "2024-06-15T10:25:00Z"]


def test_63687_reanchors_an_overdue_timer_on_the_fire_clock_in_the_start_zone() -> None:
    text = "R/2024-03-29T12:00:00+01:00[Europe/Berlin]/P1D"
    dues = _dues(ZEEBE_63687, text, now="2024-03-01T00:00:00Z", lag=36 * 3_600_000, limit=2)
    # Fired at 2024-03-30T23:00Z, after the natural 2024-03-30T11:00Z: the fire's clock, 00:00 in
    # Berlin before the clocks go forward, plus P1D is 00:00 on April 1 in summer time.
    assert dues == ["2024-03-29T11:00:00Z", "2024-03-31T22:00:00Z"]


def test_2024_late_calendar_reschedule_uses_the_jvm_zone_not_the_start_zone() -> None:
    text = "R/2024-03-01T12:00:00+01:00[Europe/Berlin]/P1D"
    dues = _dues(ZEEBE_2024, text, now="2024-03-30T12:30:00Z", jvm="America/New_York", limit=3)
    # now + P1D in New York (no DST change there that day), not in Berlin (where it would be 11:30Z).
    assert dues == ["2024-03-31T12:30:00Z", "2024-04-01T12:30:00Z", "2024-04-02T12:30:00Z"]


def test_offset_wins_over_the_zone_which_then_does_the_arithmetic() -> None:
    dues = _dues(ZEEBE, "R/2024-03-30T12:00:00+05:00[Europe/Berlin]/P1D", now="2024-03-01T00:00:00Z", limit=3)
    # 12:00+05:00 is 07:00Z, 08:00 in Berlin; P1D keeps 08:00 Berlin across the DST change.
    assert dues == ["2024-03-30T07:00:00Z", "2024-03-31T06:00:00Z", "2024-04-01T06:00:00Z"]


def test_an_empty_start_part_is_no_start() -> None:
    assert _dues(ZEEBE, "R2//PT1H") == ["2024-06-15T11:00:00Z", "2024-06-15T12:00:00Z"]


@pytest.mark.parametrize(("text", "column"), [("R", 1), ("R2147483648/PT1H", 1), ("R 3/PT1H", 1), ("R/", 2)])
def test_repeating_interval_rejections(text: str, column: int) -> None:
    assert _rejection(text).column == column


def test_repetition_count_takes_unicode_digits_as_integer_parse_int_does() -> None:
    assert _total(ZEEBE, "R\u0663/PT1H") == 3  # ARABIC-INDIC DIGIT THREE


@pytest.mark.parametrize(
    ("kind", "text"), [("timeCycle", "10"), ("timeDuration", "1e5"), ("timeDate", " +.5 ")]
)
def test_a_number_is_rejected_as_a_number(kind: TimerKind, text: str) -> None:
    error = _rejection(text, kind)
    assert "NUMBER" in error.message
    assert error.column == text.index(text.strip())


def test_feel_string_literal_is_evaluated() -> None:
    assert _dues(ZEEBE, '= "R2/PT1H" ') == ["2024-06-15T11:00:00Z", "2024-06-15T12:00:00Z"]
    assert _dues(ZEEBE, '="PT1H"', "timeDuration") == ["2024-06-15T11:00:00Z"]


def test_feel_string_literal_is_not_trimmed() -> None:
    assert "cron" in _rejection('=" R2/PT1H"').message


@pytest.mark.parametrize("text", ['=duration("PT1H")', "=now()", ' =cycle(duration("PT1H"))', '="a\\"b"'])
def test_other_feel_is_refused_at_the_equals_sign(text: str) -> None:
    error = _rejection(text)
    assert "FEEL" in error.message
    assert error.column == text.index("=")


def test_a_lone_equals_sign_is_a_string() -> None:
    assert "cron" in _rejection("=").message


def test_time_date_fires_once_at_its_instant_even_in_the_past() -> None:
    fires = simulate_fires(
        ZEEBE, "2024-06-01T10:00:00+02:00", "timeDate", now=millis(NOW), jvm_zone=_zone("UTC")
    )
    assert [_iso(d) for d in fires.due] == ["2024-06-01T08:00:00Z"]
    assert fires.fired_at == (millis(NOW) + 1,)
    assert fires.states == ((("repetitions", 1),),)


@pytest.mark.parametrize(
    "text",
    [
        "R/+12024-07-01T10:00:00Z/PT1H",
        "R/0000-07-01T10:00:00Z/PT1H",
        "R/P10000Y",
        "R/2024-07-01T10:00:00Z[SystemV/EST5]/PT1H",
    ],
)
def test_accepted_but_unrepresentable(text: str) -> None:
    with pytest.raises(UnrepresentableError):
        ZEEBE_2024.deploy(text, "timeCycle", millis(NOW), _zone("UTC"))


def test_a_bad_period_after_an_unrepresentable_year_is_a_rejection() -> None:
    assert _rejection("R/+12024-07-01T10:00:00Z/PT1").column == len("R/+12024-07-01T10:00:00Z/PT1")


def test_a_reschedule_past_9999_ends_the_series_with_an_error() -> None:
    fires = simulate_fires(
        ZEEBE, "R/9999-12-30T00:00:00Z/P1D", "timeCycle", now=millis(NOW), jvm_zone=_zone("UTC")
    )
    assert len(fires.fired_at) == 2
    assert isinstance(fires.reschedule_error, UnrepresentableError)


@pytest.mark.parametrize(
    ("text", "column"),
    [
        ("R/P2147483648D", 3),
        ("R/P306783379W1D", 2),
        ("R/PT9223372036854775808S", 4),
        ("R/P1D2Y", 6),
        ("R/P", 3),
    ],
)
def test_period_and_duration_overflows_and_order(text: str, column: int) -> None:
    assert _rejection(text).column == column


def test_fire_before_due_and_foreign_timers_are_errors() -> None:
    timer = ZEEBE.deploy("R/PT1H", "timeCycle", millis(NOW), _zone("UTC"))
    assert timer.due is not None
    with pytest.raises(ValueError, match="due"):
        ZEEBE.fire(timer, timer.due - 1, _zone("UTC"))
    with pytest.raises(TypeError):
        ZEEBE.fire(TimerState(timer.due, timer.state), timer.due, _zone("UTC"))
