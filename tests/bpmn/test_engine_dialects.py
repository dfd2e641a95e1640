"""The engines as dialects of isorepeat.parse: the engine's grammar, its count, its chained runs."""

from __future__ import annotations

import pickle
from datetime import datetime, timezone

import pytest

import isorepeat
from isorepeat import Schedule, ScheduleError, parse
from isorepeat.bpmn import fires
from isorepeat.dialects import dialect_named

DEPLOYED = datetime(2026, 1, 1, tzinfo=timezone.utc)


@pytest.mark.parametrize(
    ("dialect", "runs"), [("zeebe", 4), ("camunda7", 5), ("flowable", 4), ("activiti", 4)]
)
def test_r4_with_a_start_counts_as_the_engine_fires_it(dialect: str, runs: int) -> None:
    schedule = parse("R4/2030-01-05T09:00:00Z/PT5M", dialect=dialect)
    assert schedule.run_count == runs
    assert fires(str(schedule), dialect=dialect, now=DEPLOYED).total == runs


def test_r0_fires_once_on_every_engine() -> None:
    assert {parse("R0/PT1H", dialect=name).run_count for name in ("zeebe", "camunda7", "flowable")} == {1}
    assert parse("R0/PT1H").run_count == 0  # ISO 8601


def test_the_engines_grammar_rejects_with_the_column() -> None:
    with pytest.raises(ScheduleError) as caught:
        parse("R3/PT1,5S", dialect="camunda7")
    assert caught.value.column == 6
    assert parse("R3/PT1.5S", dialect="camunda7").period == isorepeat.Duration.parse("PT1.5S")


def test_a_cron_expression_is_not_a_schedule() -> None:
    with pytest.raises(ScheduleError, match="cron expression"):
        parse("0 0 9 * * ?", dialect="zeebe")


def test_a_start_without_offset_is_read_in_the_jvm_zone() -> None:
    schedule = parse("R/2030-01-01T10:00:00/P1D", dialect="camunda7", jvm_zone="Europe/Berlin")
    assert schedule.start is not None
    assert schedule.start.isoformat() == "2030-01-01T10:00:00+01:00"


def test_runs_are_chained_as_the_engines_add_months() -> None:
    # Jan 31 + P1M is Feb 28, + P1M Mar 28: each from the one before, as Zeebe re-computes.
    schedule = parse("R4/2030-01-31T10:00:00Z/P1M", dialect="zeebe")
    assert schedule.mode == "chained"
    days = [run.day for run in schedule]
    assert days == [31, 28, 28, 28]
    result = fires(str(schedule), dialect="zeebe", now=DEPLOYED)
    assert [due.day for due in result.due if due is not None] == days


@pytest.mark.parametrize("dialect", ["zeebe", "camunda7", "flowable", "activiti"])
def test_repr_and_pickle_rebuild_the_schedule(dialect: str) -> None:
    schedule = parse("R3/2030-01-05T09:00:00Z/PT5M", dialect=dialect, jvm_zone="Europe/Berlin")
    assert eval(repr(schedule), {"Schedule": Schedule}) == schedule
    assert pickle.loads(pickle.dumps(schedule)) == schedule
    assert schedule.dialect_spec is dialect_named(dialect)


def test_options_that_do_not_apply_are_errors() -> None:
    with pytest.raises(ValueError, match="version is not an option of the camunda7 dialect"):
        parse("R3/PT1M", dialect="camunda7", version="2024")
    with pytest.raises(ValueError, match="takes no tz"):
        parse("R3/PT1M", dialect="zeebe", tz="UTC")
    with pytest.raises(ValueError, match="version must be one of"):
        parse("R3/PT1M", dialect="zeebe", version="8.5")
