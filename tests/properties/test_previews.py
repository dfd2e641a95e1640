"""describe() and ``isorepeat next`` as properties, over the shared schedule strategies.

* ``describe`` takes every valid schedule, and names its count and its start's date;
* ``next`` prints the runs that follow any occurrence, anchored and chained (the oracle is
  ``schedule[k]`` for k = 0, 1, ... and the chained iterator; the command uses next_after and
  index_of, and its shortcut for chained fixed periods).
"""

from __future__ import annotations

import calendar
import itertools
import json
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from typing import Final

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import isorepeat
from isorepeat.cli.app import main

from .strategies import SETTINGS, empty_start_schedules, other_form_schedules, schedules

UTC: Final = timezone.utc
NOW: Final = datetime(2026, 1, 1, tzinfo=UTC)
CLI_SETTINGS: Final = settings(
    SETTINGS,
    max_examples=100,
    suppress_health_check=[*SETTINGS.suppress_health_check, HealthCheck.function_scoped_fixture],
)


def _date_words(moment: datetime) -> str:
    # calendar.month_abbr is "Jan".."Dec" in the C locale, which the tests run in
    return f"{moment.day} {calendar.month_abbr[moment.month]} {moment.year:04d}"


@SETTINGS
@given(schedules())
@example(("R/2012-01-31T09:00:00Z/P1M", None))
@example(("R5/9999-12-31T23:59:58Z/PT1S", None))
@example(("R/2011-12-29T12:00:00/P1D", "Pacific/Apia"))
def test_describe_names_the_count_and_the_start(case: tuple[str, str | None]) -> None:
    text, tz = case
    schedule = isorepeat.parse(text, tz=tz)
    words = isorepeat.describe(schedule)
    n = schedule.repetitions
    if n == 0:
        assert words == "never runs (R0)"
        return
    start = schedule.start
    assert start is not None
    if n == 1:
        assert words.startswith(f"once, at {_date_words(start)} ")
        return
    assert words.startswith("every ")
    assert ", for ever, " in words if n is None else f", {n:,} times" in words
    assert f", from {_date_words(start)} " in words


@SETTINGS
@given(st.one_of(empty_start_schedules(), other_form_schedules().map(lambda text: (text, None))))
def test_describe_other_forms_never_raise(case: tuple[str, str | None]) -> None:
    text, tz = case
    schedule = isorepeat.parse(text, tz=tz)
    words = isorepeat.describe(schedule)
    assert words.startswith(("every ", "once", "never runs (R0)"))
    if schedule.start is None and schedule.repetitions != 0:
        assert words.endswith(("after it is put into effect", "when it is put into effect"))


def _by_index(schedule: isorepeat.Schedule) -> Iterator[datetime]:
    for k in itertools.count():
        try:
            yield schedule[k]
        except IndexError:
            return


def _next_json(capsys: pytest.CaptureFixture[str], argv: list[str]) -> list[str]:
    status = main(argv)
    captured = capsys.readouterr()
    assert (status, captured.err) == (0, "")
    runs: list[str] = json.loads(captured.out)["runs"]
    return runs


@CLI_SETTINGS
@given(
    case=schedules(),
    index=st.integers(0, 40),
    mode=st.sampled_from(["anchored", "chained"]),
    nudge=st.booleans(),
)
@example(case=("R/2014-11-02T00:30:00/PT30M", "America/Los_Angeles"), index=2, mode="chained", nudge=False)
@example(case=("R/2011-12-29T12:00:00/P1D", "Pacific/Apia"), index=0, mode="anchored", nudge=False)
@example(case=("R/2012-01-31T09:00:00Z/P1M", None), index=2, mode="chained", nudge=True)
def test_next_prints_the_runs_iteration_gives(
    case: tuple[str, str | None], index: int, mode: str, nudge: bool, capsys: pytest.CaptureFixture[str]
) -> None:
    text, tz = case
    schedule = isorepeat.parse(text, tz=tz)
    # (schedule[k], not iter(schedule): iteration overflows on periods beyond timedelta's range,
    # R1/2000-01-01[UTC]/PT1000000000000000000H, a library bug reported in the issue note)
    occurrences = schedule.occurrences(mode="chained") if mode == "chained" else _by_index(schedule)
    known = list(itertools.islice(occurrences, index + 10))
    if len(known) <= index:
        return
    after = known[index].astimezone(UTC)
    if nudge:  # between two occurrences rather than on one
        after += timedelta(microseconds=1)
    expected = [t.isoformat() for t in known if t.astimezone(UTC) > after][:3]
    argv = ["next", text, "-n", "3", "--mode", mode, "--format", "json", "--after", after.isoformat()]
    if tz is not None:
        argv.append(f"--tz={tz}")  # a negative offset as its own word would read as an option
    if len(expected) < 3 and len(known) == index + 10:
        return  # iteration was cut short here; the runs go on
    assert _next_json(capsys, argv) == expected
