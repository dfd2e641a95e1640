"""``next`` and ``explain`` with a BPMN engine's --dialect: the engine's fires, and the options."""

from __future__ import annotations

import json

import pytest

from tests.cli.helpers import run_cli

NOW = "2026-01-01T00:00:00Z"


def test_next_prints_each_due_date_when_it_fired_and_the_total(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run_cli(capsys, "next", "R3/PT10H", "--dialect", "camunda7", "--now", NOW)
    assert (status, err) == (0, "")
    assert out == [
        "2026-01-01T10:00:00Z  fired 2026-01-01T10:00:00.001Z  in 10 h",
        "2026-01-01T20:00:00Z  fired 2026-01-01T20:00:00.001Z  in 20 h",
        "2026-01-02T06:00:00Z  fired 2026-01-02T06:00:00.001Z  in 1 day 6 h",
        "fires 3 times in all",
    ]


def test_next_shows_n_of_the_fires_and_counts_the_rest(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run_cli(
        capsys, "next", "R4/2026-01-05T09:00:00Z/PT5M", "--dialect", "camunda7", "--now", NOW, "-n", "2"
    )
    assert out[-1] == "and 3 more fires: 5 in all"


def test_next_of_a_timer_that_goes_on(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run_cli(
        capsys, "next", "R/PT10M", "--dialect", "zeebe", "--now", NOW, "-n", "1", "--max-fires", "50"
    )
    assert out == [
        "2026-01-01T00:10:00Z  fired 2026-01-01T00:10:00.001Z  in 10 min",
        "and it goes on: still firing after 50 simulated fires (--max-fires)",
    ]


def test_next_after_skips_the_earlier_fires(capsys: pytest.CaptureFixture[str]) -> None:
    argv = [
        "next",
        "R/PT10M",
        "--dialect",
        "zeebe",
        "--now",
        NOW,
        "-n",
        "1",
        "--after",
        "2026-01-01T05:00:00Z",
    ]
    _, out, _ = run_cli(capsys, *argv)
    assert out[0].startswith("2026-01-01T05:00:00Z  fired 2026-01-01T05:00:00.001Z")


def test_next_fire_lag_moves_a_zeebe_2024_cycle(capsys: pytest.CaptureFixture[str]) -> None:
    # zeebe-2024 re-computes from the fire: 35 minutes late, each next timer is 35 minutes later.
    argv = ["next", "R/PT10M", "--dialect", "zeebe", "--engine-version", "2024", "--now", NOW]
    _, out, _ = run_cli(capsys, *argv, "-n", "2", "--fire-lag", "2100000", "--format", "json")
    document = json.loads("\n".join(out))
    assert document["engine"] == "zeebe-2024"
    assert document["due"] == ["2026-01-01T00:10:00Z", "2026-01-01T00:55:00Z"]
    assert document["fire_lag_ms"] == 2_100_000


def test_next_json_for_a_timer_deleted_unfired(capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["next", "R3/2026-06-15T09:00:00Z/2026-06-15T09:30:00Z", "--dialect", "flowable"]
    _, out, _ = run_cli(capsys, *argv, "--now", "2026-06-15T10:00:00Z", "--fire-lag", "0", "--format", "json")
    document = json.loads("\n".join(out))
    assert (document["due"], document["fires_total"]) == ([], 0)
    assert document["deleted_unfired"]["due"] == "2026-06-15T10:30:00Z"


def test_next_a_text_the_engine_rejects_exits_1_with_its_reason(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run_cli(capsys, "next", "R3/PT1,5S", "--dialect", "camunda7", "--now", NOW)
    assert (status, out) == (1, [])
    assert err.startswith("isorepeat: error: Camunda 7 (javax.xml.datatype) rejects the period 'PT1,5S'")
    assert "hint: write PT1.5S" in err


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["R3/PT1S", "--dialect", "camunda7", "--tz", "UTC"], "--tz does not apply to a BPMN engine"),
        (["R3/PT1S", "--kind", "timeDate"], "--kind applies to a BPMN engine's --dialect only"),
        (["R3/PT1S", "--dialect", "camunda7", "--engine-version", "2024"], "--engine-version applies to"),
        (["R3/PT1S", "--dialect", "zeebe", "--fire-lag", "-1"], "--fire-lag must be a whole number"),
        (["R3/PT1S", "--dialect", "zeebe", "--max-fires", "0"], "--max-fires must be a whole number"),
    ],
)
def test_engine_options_are_usage_errors_where_they_do_not_apply(
    argv: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, err = run_cli(capsys, "next", *argv)
    assert (status, out) == (2, [])
    assert err.startswith(f"isorepeat: error: {message}")


def test_explain_names_where_the_engines_and_iso_differ(capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["explain", "R4/2026-01-05T09:00:00Z/PT5M", "--dialect", "camunda7", "--now", NOW]
    status, out, _ = run_cli(capsys, *argv)
    assert status == 0
    assert (
        "  IR302 warning: Camunda 7 fires R4 with a start 5 times, not 4: the start, then 4 repeats"
        in "\n".join(out)
    )
    readings = out[out.index("how the engines read it:") + 1 :]
    assert readings == [
        "  ISO 8601:           4 runs, the first after the deployment at 2026-01-05T09:00:00Z",
        "  Camunda 8 (Zeebe):  fires 4 times, the first due 2026-01-05T09:00:00Z",
        "  Camunda 7:          fires 5 times, the first due 2026-01-05T09:00:00Z",
        "  Flowable:           fires 4 times, the first due 2026-01-05T09:00:00Z",
        "  Activiti:           fires 4 times, the first due 2026-01-05T09:00:00Z",
    ]


def test_explain_says_which_engines_reject_the_text(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run_cli(
        capsys,
        "explain",
        "R/2026-07-01T10:00:00+02:00[Europe/Berlin]/P1D",
        "--dialect",
        "zeebe",
        "--now",
        NOW,
    )
    lines = out[out.index("how the engines read it:") + 1 :]
    readings = {name.strip(): reading.strip() for name, reading in (line.split(": ", 1) for line in lines)}
    assert readings["Camunda 8 (Zeebe)"].startswith("fires more than")
    assert readings["Camunda 7"].startswith("rejects it: ")
    assert readings["Flowable"].startswith("rejects it: ")
