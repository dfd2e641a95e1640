"""Flowable's and Activiti's timer models: every vector, then the engines' code the sample misses."""

from __future__ import annotations

from typing import Any

import pytest

from isorepeat.bpmn.flowable import ACTIVITI, FLOWABLE, FlowableEngine
from isorepeat.bpmn.timers import CronNotSimulatedError, TimerFires, TimerKind, simulate_fires
from isorepeat.errors import ScheduleError, UnrepresentableError
from isorepeat.zones import Zone, resolve_tz
from tests.bpmn.vectors import cases_of, check_case, millis

BERLIN = resolve_tz("Europe/Berlin")
NEW_YORK = resolve_tz("America/New_York")
UTC = resolve_tz("UTC")
assert BERLIN is not None and NEW_YORK is not None and UTC is not None
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


def due(engine: FlowableEngine, text: str, kind: TimerKind = "timeCycle", zone: Zone = UTC, now: int = NOW) -> int:
    timer = engine.deploy(text, kind, now, zone)
    assert timer.due is not None
    return timer.due


def rejection(engine: FlowableEngine, text: str, kind: TimerKind = "timeCycle", zone: Zone = UTC) -> ScheduleError:
    with pytest.raises(ScheduleError) as caught:
        engine.deploy(text, kind, NOW, zone)
    return caught.value
