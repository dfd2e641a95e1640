"""Every vector of ``chronos_vectors.json`` (CHRONOS.md §7), op by op (SEMANTICS S34-S36).

``tests/data/chronos_vectors.json`` is a copy of ``../shared/vectors/``; the first test keeps the
two equal while the shared folder is there.
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone, tzinfo
from pathlib import Path
from typing import Any, Final
from zoneinfo import ZoneInfo

import pytest

import isorepeat
from isorepeat import Schedule, ScheduleError
from isorepeat.chronos import create, is_due
from isorepeat.chronos.dialect import parse_chronos

DATA: Final = Path(__file__).parent / "data" / "chronos_vectors.json"
SHARED: Final = Path(__file__).parents[2] / "shared" / "vectors" / "chronos_vectors.json"
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


@pytest.mark.xfail(
    reason="iter_2x, register_2x, sim_head, api_post_head: the scheduler models of issue 7 (Simulation)",
    raises=AttributeError,
    strict=True,
)
@pytest.mark.parametrize("vector", _vectors(*SIMULATION_OPS))
def test_simulation_vector(vector: dict[str, Any]) -> None:
    import isorepeat.chronos

    model = isorepeat.chronos.scheduler_model  # type: ignore[attr-defined]  # issue 7 adds it
    assert model(vector) == vector["expected"]
