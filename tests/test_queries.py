"""How a schedule answers in each mode (isorepeat/queries.py): every query agrees with the runs.

The queries of a schedule go through one object per mode; these tests hold each query to the
plain list of runs it answers about, where the period could mislead a search: a single run
whose period points backwards (only the chronos dialect reads one), which a search that divides
by the period got wrong (issue 13, item A4).
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

import isorepeat
from isorepeat import Policy, Schedule, simulate

UTC = timezone.utc
NOW = datetime(2020, 6, 15, 12, 0, tzinfo=UTC)
EARLY = datetime(1901, 1, 1, tzinfo=UTC)
LATE = datetime(2072, 1, 1, tzinfo=UTC)

SINGLE_RUNS_BACKWARDS = [
    f"R1/{start}/{period}"
    for start in ("2012-10-01T05:52:00Z", "")
    for period in ("PT-1S", "PT-1M", "PT-1H", "PT-0.5S", "P-1D", "PT0S", "P1DT-1H")
]


def _read(text: str, tz: str | None) -> Schedule:
    return isorepeat.parse(text, dialect="chronos", tz=tz, now=NOW)


@pytest.mark.parametrize("tz", [None, "Europe/Berlin"])
@pytest.mark.parametrize("text", SINGLE_RUNS_BACKWARDS)
@pytest.mark.parametrize("mode", ["anchored", "chained"])
def test_s27_a_single_run_with_a_backward_period_answers_every_query(
    text: str, tz: str | None, mode: isorepeat.Mode
) -> None:
    schedule = _read(text, tz)
    (run,) = schedule.occurrences(mode)
    around = (run - timedelta(seconds=1), run + timedelta(seconds=1))
    assert schedule.next_after(LATE, mode=mode) is None
    assert schedule.next_after(EARLY, mode=mode) == run
    assert schedule.next_after(run, inclusive=True, mode=mode) == run
    assert schedule.previous_before(EARLY, mode=mode) is None
    assert schedule.previous_before(LATE, mode=mode) == run
    assert list(schedule.between(*around, mode=mode)) == [run]
    assert schedule.count_between(*around, mode=mode) == 1
    assert schedule.count_between(run + timedelta(seconds=1), LATE, mode=mode) == 0
    assert schedule.index_of(run, mode=mode) == 0
    assert schedule.runs_after(EARLY, 3, mode=mode) == isorepeat.Runs((run,), 0)


@pytest.mark.parametrize("policy", ["each", "latest", "chronos2", "chronos3"])
@pytest.mark.parametrize("text", SINGLE_RUNS_BACKWARDS)
def test_s38_a_single_run_with_a_backward_period_is_simulated(text: str, policy: str) -> None:
    schedule = _read(text, "Europe/Berlin")
    (run,) = schedule.occurrences()
    runs = list(simulate(schedule, EARLY, LATE, policy=Policy.named(policy)))  # type: ignore[arg-type]
    assert [r.due for r in runs] == [run]


def test_s27_several_runs_of_a_backward_period_are_still_refused_anchored() -> None:
    schedule = _read("R3/2012-10-01T05:52:00Z/PT-1S", None)
    with pytest.raises(isorepeat.ScheduleError, match=r"does not move forward.*\(IR207\)"):
        schedule.next_after(EARLY, mode="anchored")
    chained = list(schedule.occurrences(mode="chained"))
    assert [t.second for t in chained] == [0, 59, 58]
