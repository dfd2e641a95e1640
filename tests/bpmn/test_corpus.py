"""The real BPMN files of ../shared/corpus/bpmn (read in place, never copied): every file checks
without a traceback, and each kind of finding on them is read and judged here.

The deployment time is fixed (2026-01-01), so what is "in the past" does not move with the day.
"""

from __future__ import annotations

import collections
from datetime import datetime, timezone
from functools import cache
from pathlib import Path

import pytest

from isorepeat.bpmn.check import check_bpmn
from isorepeat.chronos import Diagnostic
from tests.cli.helpers import run_cli
from tests.paths import BPMN_CORPUS

FILES = BPMN_CORPUS / "files"
DEPLOYED = datetime(2026, 1, 1, tzinfo=timezone.utc)

pytestmark = pytest.mark.skipif(
    not FILES.is_dir(), reason="the BPMN corpus is ../shared/corpus/bpmn beside the checkout (CI has it)"
)


@cache
def _diagnostics() -> tuple[Diagnostic, ...]:
    return check_bpmn(sorted(FILES.glob("*.bpmn")), now=DEPLOYED).diagnostics


def _at(name: str, line: int, col: int) -> list[tuple[str, str]]:
    """(code, message) of every finding at ``name:line:col``."""
    return [
        (d.code, d.message)
        for d in _diagnostics()
        if Path(d.path).name == name and (d.line, d.col) == (line, col)
    ]


def test_every_corpus_file_is_read() -> None:
    report = check_bpmn(sorted(FILES.glob("*.bpmn")), now=DEPLOYED)
    assert len(report.checked) == 209
    assert "IR301" not in {d.code for d in report.diagnostics}  # all 209 are well-formed BPMN


def test_the_cli_checks_the_corpus_directory_without_a_traceback(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run_cli(capsys, "check", str(FILES), "--now", "2026-01-01T00:00:00Z")
    assert status == 1  # Camunda 7 rejects some timers (IR300), see below
    assert err == ""
    assert out[-1].endswith("in 209 files")


# -- each kind of finding, judged -------------------------------------------------------------

JUDGED = {"IR300", "IR305", "IR310", "IR311", "IR312", "IR316", "IR317"}
"""Every code the corpus gives: a new kind must be read and judged below before it is added."""


def test_every_kind_of_finding_on_the_corpus_is_judged() -> None:
    assert {d.code for d in _diagnostics()} == JUDGED


def test_ir300_true_camunda7_rejects_days_after_the_t() -> None:
    # PT14D: xs:duration puts days before T (P14D); DatatypeFactory.newDuration throws, and the
    # activity with this timer fails when it is entered.
    [(code, message)] = _at("DigiBP__digibp-weisshorn__1.bpmn", 194, 66)
    assert code == "IR300"
    assert "PT14D" in message


def test_ir300_true_a_variable_name_without_an_expression_is_a_literal() -> None:
    # abgabe_datum (no ${...}): Camunda 7 reads it as a date and cannot.
    assert [code for code, _ in _at("Knaeckebrothero__University-PAS__2.bpmn", 276, 58)] == ["IR300"]


def test_ir305_true_a_cycle_on_an_interrupting_boundary_event() -> None:
    # Camunda 7's own test model (ACT-1427): the first fire cancels the task and its timer.
    codes = [code for code, _ in _at("camunda__camunda-bpm-platform__4.bpmn", 18, 20)]
    assert codes == ["IR305"]


def test_ir305_true_a_cycle_on_an_intermediate_catch_event() -> None:
    # R3/P1D on an intermediate catch event: the token moves on at the first fire.
    [(code, message)] = _at("Activiti__Activiti__7.bpmn", 18, 16)
    assert code == "IR305"
    assert "token moves on" in message


def test_ir310_true_a_start_events_date_before_the_deployment() -> None:
    # bpmnlint-plugin-camunda-compat's own test model: 2019-10-01, long past by 2026.
    [(code, message)] = _at("camunda__bpmnlint-plugin-camunda-compat__1.bpmn", 20, 58)
    assert code == "IR310"
    assert "Camunda 8 (Zeebe) starts the process once" in message


def test_ir311_quiet_cron_is_a_note_not_an_error() -> None:
    cron = [d for d in _diagnostics() if d.code == "IR311"]
    assert cron
    assert {d.severity for d in cron} == {"note"}


def test_ir312_notes_say_how_the_engine_was_chosen() -> None:
    notes = [d for d in _diagnostics() if d.code == "IR312"]
    assert {(d.line, d.col, d.severity) for d in notes} == {(1, 1, "note")}
    reasons = collections.Counter(d.message.split(":")[0] for d in notes)
    assert set(reasons) <= {
        "read as Camunda 7, guessed",
        "read as Camunda 8 (Zeebe), guessed",
        "read as Flowable, guessed",
        "read as Activiti, guessed",
    } | {reason for reason in reasons if reason.startswith("no engine named in the file")}


def test_ir316_true_a_local_start_is_read_in_the_jvm_zone() -> None:
    [(code, message)] = _at("camunda__camunda-bpm-platform__1.bpmn", 17, 62)
    assert code == "IR316"
    assert "2012-09-03T12:00:00 has no offset" in message


def test_ir317_quiet_jbpm_forms_are_warnings_only() -> None:
    # 1s###1s is jBPM's own delay###period: not ISO 8601, but jBPM reads it; never an error.
    [(code, _)] = _at("apache__incubator-kie-kogito-runtimes__1.bpmn", 44, 20)
    assert code == "IR317"
    assert {d.severity for d in _diagnostics() if d.code == "IR317"} == {"warning"}


def test_quiet_a_zeebe_cycle_without_a_start() -> None:
    # R5/PT1M on a Camunda 8 start event: Zeebe fires it five times from the deployment.
    assert _at("Miragon__bpmn-modeler__1.bpmn", 119, 61) == []


def test_quiet_expressions_are_not_checked() -> None:
    # ${cronExpression}: an EL expression the engine evaluates first.
    assert _at("Activiti__Activiti__1.bpmn", 34, 17) == []
