"""Each BPMN code (IR300-IR316): a timer that fires it and one that keeps it quiet."""

from __future__ import annotations

from datetime import datetime, timezone

from isorepeat.bpmn.check import check_bpmn, check_timer
from isorepeat.bpmn.rules import BPMN_CODES, TIMER_RULES
from isorepeat.bpmn.timers import TimerKind
from isorepeat.chronos import Diagnostic, Source

NOW = datetime(2026, 1, 1, tzinfo=timezone.utc)
"""The deployment time of every test: starts in 2030 are in the future, in 2020 in the past."""


def found(
    text: str,
    dialect: str | None,
    *,
    kind: TimerKind = "timeCycle",
    event: str = "startEvent",
    cancel_activity: bool | None = None,
    jvm_zone: str | None = None,
) -> list[Diagnostic]:
    return check_timer(
        text,
        dialect=dialect,
        kind=kind,
        event=event,
        cancel_activity=cancel_activity,
        jvm_zone=jvm_zone,
        now=NOW,
    )


def codes(*args: object, **kwargs: object) -> list[str]:
    return [d.code for d in found(*args, **kwargs)]  # type: ignore[arg-type]


def one(code: str, *args: object, **kwargs: object) -> Diagnostic:
    [diagnostic] = [d for d in found(*args, **kwargs) if d.code == code]  # type: ignore[arg-type]
    return diagnostic


def test_every_code_has_a_rule_or_is_a_file_code() -> None:
    names = {rule.__name__.split("_")[0].upper() for rule in TIMER_RULES}
    assert names | {"IR301", "IR312"} == set(BPMN_CODES)


def test_check_names_the_engines_without_loading_them() -> None:
    from isorepeat.bpmn.check import ENGINE_DIALECTS
    from isorepeat.bpmn.engines import ENGINES

    assert tuple(ENGINES) == ENGINE_DIALECTS


def test_every_code_is_documented() -> None:
    from tests.paths import DOCS

    page = (DOCS / "bpmn.rst").read_text(encoding="utf-8")
    for code, (_, name) in BPMN_CODES.items():
        assert f"{code} {name}" in page, code


# -- IR300 ------------------------------------------------------------------------------------


def test_ir300_the_engine_rejects_the_text_at_its_column() -> None:
    diagnostic = one("IR300", "R3/PT1,5S", "camunda7")
    assert diagnostic.severity == "error"
    assert "Camunda 7" in diagnostic.message


def test_ir300_quiet_for_what_the_engine_reads() -> None:
    assert "IR300" not in codes("R3/PT1.5S", "camunda7")


def test_ir317_without_an_engine_iso_8601s_verdict_is_a_warning() -> None:
    diagnostic = one("IR317", "R3/PT0S", None)
    assert (diagnostic.severity, diagnostic.schedule_column) == ("warning", 3)
    assert codes("1s###1s", None, event="intermediateCatchEvent") == ["IR317"]  # jBPM's own form


def test_ir317_quiet_for_iso_8601_or_with_an_engine() -> None:
    assert codes("R3/PT10S", None) == []
    assert "IR317" not in codes("R3/PT0S", "zeebe")


def test_ir300_flowable_does_not_trim() -> None:
    assert codes(" R3/PT10S", "flowable") == ["IR300"]
    assert "IR300" not in codes(" R3/PT10S", "zeebe")


# -- IR301 ------------------------------------------------------------------------------------


def test_ir301_a_file_that_is_not_xml() -> None:
    [diagnostic] = check_bpmn([Source("broken.bpmn", "<definitions")]).diagnostics
    assert (diagnostic.code, diagnostic.severity, diagnostic.line) == ("IR301", "error", 1)


def test_ir301_quiet_for_a_model() -> None:
    assert not check_bpmn([Source("model.bpmn", _model("R/PT1H"))], now=NOW).diagnostics


# -- IR302 ------------------------------------------------------------------------------------


def test_ir302_camunda7_fires_r4_with_a_start_five_times() -> None:
    diagnostic = one("IR302", "R4/2030-01-01T09:00:00Z/PT5M", "camunda7")
    assert "5 times" in diagnostic.message
    assert diagnostic.hint == "write R3/2030-01-01T09:00:00Z/PT5M for 4 fires"
    assert diagnostic.schedule_column == 1


def test_ir302_r0_fires_once() -> None:
    assert "R0 fires once" in one("IR302", "R0/PT1M", "zeebe").message


def test_ir302_zeebe_reads_r_minus_1_as_for_ever() -> None:
    assert "for ever" in one("IR302", "R-1/PT1M", "zeebe").message


def test_ir302_quiet_where_the_engine_counts_as_iso() -> None:
    assert "IR302" not in codes("R4/PT5M", "camunda7")
    assert "IR302" not in codes("R4/2030-01-01T09:00:00Z/PT5M", "zeebe")


# -- IR303 ------------------------------------------------------------------------------------


def test_ir303_zeebe_fires_a_past_start_at_once_and_keeps_the_deployment_phase() -> None:
    message = one("IR303", "R/2020-01-01T00:00:07Z/PT1H", "zeebe").message
    assert "fires it at once" in message
    assert "#13647" in message


def test_ir303_flowable_goes_to_the_next_grid_point() -> None:
    message = one("IR303", "R/2020-01-01T00:00:07Z/PT1H", "flowable").message
    assert "first fires it at 2026-01-01T00:00:07Z" in message


def test_ir303_quiet_for_a_future_start() -> None:
    assert "IR303" not in codes("R/2030-01-01T00:00:00Z/PT1H", "zeebe")


# -- IR304 ------------------------------------------------------------------------------------


def test_ir304_camunda7_takes_no_zone_suffix() -> None:
    diagnostic = one("IR304", "R/2030-07-01T10:00:00+02:00[Europe/Berlin]/P1D", "camunda7")
    assert diagnostic.severity == "error"
    assert "IR300" not in codes("R/2030-07-01T10:00:00+02:00[Europe/Berlin]/P1D", "camunda7")


def test_ir304_zeebe_needs_an_offset_before_the_zone() -> None:
    assert "IR304" in codes("R/2030-07-01T10:00:00[Europe/Berlin]/P1D", "zeebe")


def test_ir304_quiet_for_the_form_zeebe_reads() -> None:
    assert "IR304" not in codes("R/2030-07-01T10:00:00+02:00[Europe/Berlin]/P1D", "zeebe")


# -- IR305 ------------------------------------------------------------------------------------


def test_ir305_a_cycle_on_an_interrupting_boundary_event() -> None:
    assert codes("R/PT1H", "camunda7", event="boundaryEvent") == ["IR305"]


def test_ir300_zeebe_rejects_a_cycle_on_an_interrupting_boundary_event() -> None:
    # ModelUtil.java:398-415: "Interrupting timer event with time cycle is not allowed", R1 too
    diagnostic = one("IR300", "R/PT1H", "zeebe", event="boundaryEvent")
    assert "not allowed" in diagnostic.message
    assert diagnostic.hint is not None
    assert "cancelActivity" in diagnostic.hint
    assert codes("R1/PT1H", "zeebe", event="boundaryEvent") == ["IR300"]


def test_ir305_a_cycle_on_an_intermediate_catch_event() -> None:
    assert "token moves on" in one("IR305", "R3/PT1H", "camunda7", event="intermediateCatchEvent").message


def test_ir300_zeebe_rejects_a_cycle_on_an_intermediate_catch_event() -> None:
    # IntermediateCatchEventValidator.java:60-66: a time duration or a time date only
    assert codes("R3/PT5M", "zeebe", event="intermediateCatchEvent") == ["IR300"]


def test_ir305_quiet_when_the_event_does_not_cancel_or_fires_once() -> None:
    assert codes("R/PT1H", "camunda7", event="boundaryEvent", cancel_activity=False) == []
    assert codes("R1/PT1H", "camunda7", event="boundaryEvent") == []
    assert codes("R/PT1H", "zeebe", event="boundaryEvent", cancel_activity=False) == []


# -- IR306 ------------------------------------------------------------------------------------


def test_ir306_a_zero_period() -> None:
    assert one("IR306", "R3/PT0S", "zeebe").schedule_column == 3


def test_ir306_flowable_drops_half_a_second_to_zero() -> None:
    assert "drops its fraction" in one("IR306", "R/PT0.5S", "flowable").message


def test_ir306_quiet_for_a_second() -> None:
    assert "IR306" not in codes("R/PT1S", "zeebe")


# -- IR307 ------------------------------------------------------------------------------------


def test_ir307_month_end_drift() -> None:
    assert one("IR307", "R/2030-01-31T10:00:00Z/P1M", "zeebe").schedule_column == 2


def test_ir307_quiet_on_the_28th() -> None:
    assert "IR307" not in codes("R/2030-01-28T10:00:00Z/P1M", "zeebe")


# -- IR308 ------------------------------------------------------------------------------------


def test_ir308_camunda7_adds_days_in_the_jvm_zone() -> None:
    assert "IR308" in codes("R/2030-01-30T10:00:00Z/P1D", "camunda7", jvm_zone="Europe/Berlin")


def test_ir308_quiet_in_a_utc_jvm_or_on_zeebe() -> None:
    assert "IR308" not in codes("R/2030-01-30T10:00:00Z/P1D", "camunda7")
    assert "IR308" not in codes("R/2030-01-30T10:00:00Z/P1D", "zeebe", jvm_zone="Europe/Berlin")


# -- IR309 ------------------------------------------------------------------------------------


def test_ir309_a_daily_time_in_the_spring_gap() -> None:
    message = one("IR309", "R/2030-03-30T02:30:00+01:00[Europe/Berlin]/P1D", "zeebe").message
    assert "2030-03-31T02:00 to 03:00" in message
    assert "IR309" in codes("R/2030-03-30T02:30:00/P1D", "camunda7", jvm_zone="Europe/Berlin")


def test_ir309_quiet_outside_the_gap() -> None:
    assert "IR309" not in codes("R/2030-03-30T04:30:00+01:00[Europe/Berlin]/P1D", "zeebe")


# -- IR310 ------------------------------------------------------------------------------------


def test_ir310_a_start_events_date_in_the_past() -> None:
    assert codes("2020-01-01T00:00:00Z", "zeebe", kind="timeDate") == ["IR310"]


def test_ir310_quiet_for_a_future_date_or_another_event() -> None:
    assert codes("2030-01-01T00:00:00Z", "zeebe", kind="timeDate") == []
    assert codes("2020-01-01T00:00:00Z", "zeebe", kind="timeDate", event="intermediateCatchEvent") == []


# -- IR311 ------------------------------------------------------------------------------------


def test_ir311_a_cron_expression_is_a_note() -> None:
    assert one("IR311", "0 0 9 * * MON", "zeebe").severity == "note"


def test_ir311_quiet_for_iso() -> None:
    assert "IR311" not in codes("R/PT1H", "zeebe")


# -- IR312 ------------------------------------------------------------------------------------


def test_ir312_the_engine_guessed_from_a_namespace() -> None:
    [diagnostic] = check_bpmn([Source("m.bpmn", _model("R/PT1H", platform=None))], now=NOW).diagnostics
    assert (diagnostic.code, diagnostic.severity) == ("IR312", "note")
    assert "Camunda 8" in diagnostic.message


def test_ir312_quiet_when_the_file_names_its_engine() -> None:
    assert not check_bpmn([Source("m.bpmn", _model("R/PT1H"))], now=NOW).diagnostics


# -- IR313 ------------------------------------------------------------------------------------


def test_ir313_flowable_drops_the_fraction() -> None:
    assert "every 1 s" in one("IR313", "R/PT1.5S", "flowable").message


def test_ir313_quiet_on_zeebe() -> None:
    assert "IR313" not in codes("R/PT1.5S", "zeebe")


# -- IR314 ------------------------------------------------------------------------------------


def test_ir314_camunda7_end_bounds_nothing() -> None:
    assert (
        "fires past the end"
        in one("IR314", "R3/2030-01-01T00:00:00Z/2030-01-02T00:00:00Z", "camunda7").message
    )


def test_ir314_flowable_counts_r_p_end_from_its_clock() -> None:
    assert "IR314" in codes("R3/PT1H/2030-01-02T00:00:00Z", "flowable")


def test_ir314_quiet_for_start_and_period() -> None:
    assert "IR314" not in codes("R3/2030-01-01T00:00:00Z/PT1H", "camunda7")


# -- IR315 ------------------------------------------------------------------------------------


def test_ir315_a_cycle_in_a_time_duration() -> None:
    assert codes("R3/PT10M", "camunda7", kind="timeDuration") == ["IR315"]


def test_ir315_quiet_for_a_duration() -> None:
    assert codes("PT10M", "camunda7", kind="timeDuration") == []


# -- IR316 ------------------------------------------------------------------------------------


def test_ir316_a_start_without_offset_on_camunda7() -> None:
    assert "IR316" in codes("R/2030-01-01T10:00:00/P1D", "camunda7")


def test_ir316_a_date_alone_has_no_offset() -> None:
    # 2021-01-01's -01 is the day, not an offset (valb3r__flowable-bpmn-intellij-plugin__2.bpmn)
    assert codes("2030-01-01", "activiti", kind="timeDate") == ["IR316"]


def test_ir316_quiet_with_an_offset() -> None:
    assert "IR316" not in codes("R/2030-01-01T10:00:00Z/P1D", "camunda7")


def _model(cycle: str, *, platform: str | None = "Camunda Cloud") -> str:
    attribute = f' modeler:executionPlatform="{platform}"' if platform else ""
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"
  xmlns:zeebe="http://camunda.org/schema/zeebe/1.0"
  xmlns:modeler="http://camunda.org/schema/modeler/1.0"{attribute}>
  <process id="p" isExecutable="true">
    <startEvent id="start">
      <timerEventDefinition><timeCycle>{cycle}</timeCycle></timerEventDefinition>
    </startEvent>
    <serviceTask id="t"><extensionElements><zeebe:taskDefinition type="x"/></extensionElements></serviceTask>
  </process>
</definitions>
"""
