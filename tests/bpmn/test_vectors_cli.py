"""Every BPMN engine vector through ``isorepeat next --dialect ENGINE`` and through
:func:`isorepeat.bpmn.fires`: the dues in order, and the engine's rejection as exit 1."""

from __future__ import annotations

import json
from datetime import datetime, timedelta

import pytest

from isorepeat.bpmn import fires
from isorepeat.cli.engine_fires import ms_text
from tests.bpmn.vectors import Case, all_cases
from tests.cli.helpers import run_cli

CASES = [pytest.param(case, id=case["id"]) for case in all_cases()]


def _dialect_and_version(engine: str) -> tuple[str, str | None]:
    dialect, _, version = engine.partition("-")
    return dialect, version or None


def _argv(case: Case) -> list[str]:
    dialect, version = _dialect_and_version(case["engine"])
    argv = ["next", "--dialect", dialect, "--now", case["now"], "--jvm-zone", case["jvm_zone"]]
    limit = str(case["max_fires"])
    argv += ["--kind", case["kind"], "-n", limit, "--max-fires", limit, "--format", "json"]
    if version is not None:
        argv += ["--engine-version", version]
    if "fire_lag_ms" in case:
        argv += ["--fire-lag", str(case["fire_lag_ms"])]
    return [*argv, "--", case["expression"]]


@pytest.mark.parametrize("case", CASES)
def test_vector_through_next(case: Case, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run_cli(capsys, *_argv(case))
    expected = case["expected"]
    if not expected["accepted"]:
        assert (status, out) == (1, [])
        assert err.startswith("isorepeat: error: ")
        assert "Traceback" not in err
        return
    assert status == 0, err
    document = json.loads("\n".join(out))
    assert document["due"][: len(expected["due"])] == expected["due"]
    assert document["fired_at"][: len(expected["fired_at"])] == expected["fired_at"]
    assert document["fires_total"] == expected["fires_total"]


@pytest.mark.parametrize("case", CASES)
def test_vector_through_the_library(case: Case) -> None:
    dialect, version = _dialect_and_version(case["engine"])
    expected = case["expected"]
    now = datetime.fromisoformat(case["now"].replace("Z", "+00:00"))

    def simulate() -> list[str | None]:
        result = fires(
            case["expression"],
            dialect=dialect,
            version=version,
            kind=case["kind"],
            now=now,
            jvm_zone=case["jvm_zone"],
            fire_lag=timedelta(milliseconds=case.get("fire_lag_ms", 1)),
            limit=case["max_fires"],
        )
        assert result.total == expected["fires_total"]
        return [ms_text(due) for due in result.due]

    if not expected["accepted"]:
        from isorepeat import ScheduleError

        with pytest.raises(ScheduleError):
            simulate()
        return
    assert simulate()[: len(expected["due"])] == expected["due"]
