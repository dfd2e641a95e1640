"""Every vector of ``chronos_vectors.json`` (CHRONOS.md §7), op by op (SEMANTICS S34-S36).

``tests/data/chronos_vectors.json`` is a copy of ``../shared/vectors/``; the first test keeps the
two equal while the shared folder is there.
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone, tzinfo
from typing import Any, Final
from zoneinfo import ZoneInfo

import pytest

import isorepeat
from isorepeat import Schedule, ScheduleError
from isorepeat.chronos import (
    ChronosFailure,
    Iteration,
    create,
    is_due,
    iterate_2x,
    post_head,
    register_2x,
    simulate_head,
)
from isorepeat.chronos.dialect import parse_chronos
from tests import paths
from tests.paths import CHRONOS_VECTORS

DATA: Final = CHRONOS_VECTORS
SHARED: Final = paths.SHARED / "vectors" / "chronos_vectors.json"
VECTORS: Final[list[dict[str, Any]]] = json.loads(DATA.read_text(encoding="utf-8"))
SIMULATION_OPS: Final = frozenset({"iter_2x", "register_2x", "sim_head", "api_post_head"})
CANNOT_HOLD: Final = "Chronos accepts this; isorepeat cannot represent it"


def _vectors(*ops: str) -> list[Any]:
    return [
        pytest.param(vector, id=f"{index}-{vector['input']['op']}-{vector['input']['schedule']}")
        for index, vector in enumerate(VECTORS)
        if vector["input"]["op"] in ops
    ]


def _now(vector: dict[str, Any]) -> datetime | None:
    text = vector["input"].get("now")
    return None if text is None else datetime.fromisoformat(text.replace("Z", "+00:00"))


def _parse(vector: dict[str, Any], text: str | None = None) -> Schedule:
    given = vector["input"]
    return isorepeat.parse(
        given["schedule"] if text is None else text,
        dialect="chronos",
        tz=vector["timezone"],
        jvm_zone=given.get("jvm_default_zone"),
        now=_now(vector),
    )


def _joda_id(zone: tzinfo | None) -> str:
    """The zone ID Joda reports: the IANA key, ``UTC``, or the fixed offset ``+05:30``."""
    if isinstance(zone, ZoneInfo):
        return zone.key
    assert isinstance(zone, timezone)
    offset = zone.utcoffset(None)
    if not offset:
        return "UTC"
    sign = "-" if offset < timedelta(0) else "+"
    minutes, seconds = divmod(int(abs(offset).total_seconds()), 60)
    text = f"{sign}{minutes // 60:02d}:{minutes % 60:02d}"
    return f"{text}:{seconds:02d}" if seconds else text


def _joda_text(moment: datetime) -> str:
    """A datetime as Joda prints it, from the schedule text Chronos would store."""
    return create(1, moment, isorepeat.Duration()).split("/")[1]


def test_vectors_copy_equals_the_shared_folder() -> None:
    if not SHARED.exists():
        pytest.skip("../shared/vectors is not beside the project")
    assert json.loads(SHARED.read_text(encoding="utf-8")) == VECTORS


def test_every_vector_has_a_test() -> None:
    known = {"parse", "parse_2x", "chain", "skip_head", "skip_2x", "due_head"} | SIMULATION_OPS
    assert {vector["input"]["op"] for vector in VECTORS} <= known
    assert len(VECTORS) == 247


@pytest.mark.parametrize("vector", _vectors("parse", "parse_2x"))
def test_s34_parse_vector(vector: dict[str, Any]) -> None:
    given, expected = vector["input"], vector["expected"]
    version = "2" if given["op"] == "parse_2x" else "3"

    def parse() -> Schedule:
        if version == "2":
            return parse_chronos(given["schedule"], tz=vector["timezone"], now=_now(vector), version="2")
        return _parse(vector)

    if expected is None:
        with pytest.raises(ScheduleError):
            parse()
        return
    year = expected["start"].split("-")[1] if expected["start"].startswith("-") else expected["start"][:4]
    if (
        expected["start"].startswith("-")
        or len(expected["start"].split("-")[0]) > 4
        or not 1 <= int(year) <= 9999
    ):
        with pytest.raises(ScheduleError, match=CANNOT_HOLD):  # S34: Chronos accepts, datetime cannot hold
            parse()
        return
    schedule = parse()
    assert schedule.repetitions == (None if expected["repetitions"] == -1 else expected["repetitions"])
    assert schedule.start is not None
    assert _joda_text(schedule.start) == expected["start"]
    assert schedule.start.astimezone(timezone.utc) == datetime.fromisoformat(
        expected["start_utc"].replace("Z", "+00:00")
    )
    assert _joda_id(schedule.start.tzinfo) == expected["start_zone"]
    assert schedule.format(dialect="chronos").split("/")[2] == expected["period"]
    period = schedule.period
    fields = expected["period_fields"]
    assert (period.years, period.months, period.weeks, period.days) == (
        fields["years"],
        fields["months"],
        fields["weeks"],
        fields["days"],
    )
    assert (period.hours, period.minutes, period.seconds) == (
        fields["hours"],
        fields["minutes"],
        fields["seconds"],
    )
    assert period.nanoseconds == fields["millis"] * 1_000_000


@pytest.mark.parametrize("vector", _vectors("chain"))
def test_s35_chain_vector(vector: dict[str, Any]) -> None:
    """Each stored string: R(n - i), occurrence i of the chain, the period; None past R0."""
    given, expected = vector["input"], vector["expected"]
    count_text, rest = given["schedule"].split("/", 1)
    count = int(count_text[1:]) if count_text[1:] else None
    unbounded = _parse(vector, "R/" + rest)  # the stream goes on past the runs: R0 still has a start
    chain = list(zip(range(given["steps"] + 1), unbounded.occurrences(mode="chained"), strict=False))
    period = unbounded.format(dialect="chronos").split("/")[2]
    stored: list[str | None] = []
    for step, moment in chain[1:]:
        if count is not None and step > count:
            stored.append(None)
        else:
            prefix = "R" if count is None else f"R{count - step}"
            stored.append(f"{prefix}/{_joda_text(moment)}/{period}")
    assert stored == expected


@pytest.mark.parametrize("vector", _vectors("due_head"))
def test_due_head_vector(vector: dict[str, Any]) -> None:
    now = _now(vector)
    assert now is not None
    assert is_due(_parse(vector), now, disabled=vector["input"]["disabled"]) is vector["expected"]


def test_is_due_needs_the_chronos_dialect() -> None:
    with pytest.raises(ValueError, match="dialect='chronos'"):
        is_due(isorepeat.parse("R/2012-01-01T00:00:00Z/P1D"), datetime(2020, 1, 1, tzinfo=timezone.utc))


# -- the schedulers: 2.5.1's stream, HEAD's loop and API ------------------------------------------

EXHAUSTED: Final = "R0: never launched again; disabled after the last task finishes"


def test_every_scheduler_op_has_vectors() -> None:
    ops = [vector["input"]["op"] for vector in VECTORS]
    assert {op: ops.count(op) for op in sorted(SIMULATION_OPS)} == {
        "api_post_head": 10,
        "iter_2x": 8,
        "register_2x": 9,
        "sim_head": 6,
    }


def _stream_options(vector: dict[str, Any]) -> dict[str, Any]:
    given = vector["input"]
    return {
        "epsilon": given["epsilon"],
        "horizon": given["schedule_horizon"],
        "tz": vector["timezone"],
        "jvm_zone": given.get("jvm_default_zone"),
    }


def _iteration_fields(iteration: Iteration) -> dict[str, Any]:
    return {
        "tasks_due": [_joda_text(moment) for moment in iteration.tasks_due],
        "skipped": [_joda_text(moment) for moment in iteration.skipped],
        "stream_after": iteration.stream_after,
    }


@pytest.mark.parametrize("vector", _vectors("iter_2x"))
def test_iter_2x_vector(vector: dict[str, Any]) -> None:
    now = _now(vector)
    assert now is not None
    iteration = iterate_2x(vector["input"]["schedule"], now, **_stream_options(vector))
    assert _iteration_fields(iteration) == vector["expected"]


@pytest.mark.parametrize("vector", _vectors("register_2x"))
def test_register_2x_vector(vector: dict[str, Any]) -> None:
    now = _now(vector)
    assert now is not None
    expected = vector["expected"]
    if "exception" in expected:
        with pytest.raises(ChronosFailure) as info:
            register_2x(vector["input"]["schedule"], now, **_stream_options(vector))
        assert str(info.value) == expected["exception"]
        return
    registration = register_2x(vector["input"]["schedule"], now, **_stream_options(vector))
    actual: dict[str, Any]
    if registration.stream_after_skip is None:
        # The vectors name a dropped job's stream after the whole registration, not the skip.
        assert registration.iteration is None
        actual = {"stream_after_registration": None}
    else:
        assert registration.iteration is not None
        actual = {
            "stream_after_skip": registration.stream_after_skip,
            "iteration": _iteration_fields(registration.iteration),
        }
    assert actual == expected


@pytest.mark.parametrize("vector", _vectors("sim_head"))
def test_sim_head_vector(vector: dict[str, Any]) -> None:
    given = vector["input"]
    now = _now(vector)
    assert now is not None
    simulation = simulate_head(
        given["schedule"],
        now,
        launches=given["launches"],
        launch_delay_ms=given["launch_delay_ms"],
        tz=vector["timezone"],
        jvm_zone=given.get("jvm_default_zone"),
    )
    actual: list[Any] = [
        {"run_at": _joda_text(launch.run_at), "schedule_after_launch": launch.schedule_after_launch}
        for launch in simulation.launches
    ]
    if simulation.exhausted:
        actual.append(EXHAUSTED)
    assert actual == vector["expected"]


@pytest.mark.parametrize("vector", _vectors("api_post_head"))
def test_api_post_head_vector(vector: dict[str, Any]) -> None:
    given = vector["input"]
    response = post_head(
        given["schedule"], tz=vector["timezone"], jvm_zone=given.get("jvm_default_zone"), now=_now(vector)
    )
    actual: dict[str, Any] = {"http_status": response.http_status}
    if response.body is not None:
        actual["body"] = response.body
    assert actual == vector["expected"]
