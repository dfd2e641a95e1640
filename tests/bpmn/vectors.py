"""The BPMN engines' timer vectors (tests/data/bpmn/engine_timers.json) and how a model is held to one."""

from __future__ import annotations

import json
from datetime import datetime, timezone
from functools import cache
from typing import Any, cast

import pytest

from isorepeat.bpmn.timers import Millis, TimerEngine, TimerKind, simulate_fires
from isorepeat.errors import ScheduleError
from isorepeat.zones import resolve_tz
from tests.paths import BPMN_VECTORS

Case = dict[str, Any]


@cache
def all_cases() -> tuple[Case, ...]:
    document = json.loads(BPMN_VECTORS.read_text(encoding="utf-8"))
    return tuple(cast("list[Case]", document["cases"]))


def cases_of(*engines: str) -> list[Any]:
    """The vectors of ``engines`` (``"zeebe-49135"``), as pytest params named by their ids."""
    return [pytest.param(case, id=case["id"]) for case in all_cases() if case["engine"] in engines]


def millis(text: str) -> Millis:
    """``2024-06-15T10:00:00.250Z`` as milliseconds since the epoch."""
    moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    delta = moment - datetime(1970, 1, 1, tzinfo=timezone.utc)
    return (delta.days * 86_400 + delta.seconds) * 1000 + delta.microseconds // 1000


def check_case(engine: TimerEngine, case: Case) -> None:
    """Assert that ``engine`` does what the real engine did in ``case``."""
    expected = case["expected"]
    kind = cast("TimerKind", case["kind"])
    zone = resolve_tz(case["jvm_zone"])
    assert zone is not None
    now = millis(case["now"])
    if not expected["accepted"]:
        with pytest.raises(ScheduleError):
            engine.deploy(case["expression"], kind, now, zone)
        return
    fires = simulate_fires(
        engine,
        case["expression"],
        kind,
        now=now,
        jvm_zone=zone,
        fire_lag=case.get("fire_lag_ms", 1),
        limit=case["max_fires"],
    )
    want_due = [None if due is None else millis(due) for due in expected["due"]]
    assert list(fires.due[: len(want_due)]) == want_due
    want_fired = [millis(at) for at in expected["fired_at"]]
    assert list(fires.fired_at[: len(want_fired)]) == want_fired
    assert fires.total == expected["fires_total"]
    if expected["fires_total"] is None:
        assert len(fires.fired_at) >= expected["fires_at_least"]
    for got, want in zip(fires.states, expected.get("state", ()), strict=False):
        assert {name: value for name, value in got if name in want} == want
    deleted = expected.get("deleted_unfired")
    if deleted is None:
        assert fires.deleted_unfired is None
    else:
        assert fires.deleted_unfired is not None
        assert fires.deleted_unfired[:2] == (millis(deleted["due"]), millis(deleted["at"]))
    error = expected.get("reschedule_error")
    assert (fires.reschedule_error is None) == (error is None)
    if error is not None:
        assert len(fires.fired_at) == error["at_fire"]
