"""``isorepeat.chronos.comparison``: iso's anchored runs against Chronos's chained runs, as values.

The rendering of these values by ``isorepeat explain`` is checked by the CLI tests; here the
values themselves, one case per reason a run differs, and the value semantics of the types.
"""

from __future__ import annotations

import dataclasses
import pickle
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from isorepeat import ScheduleError
from isorepeat.chronos import Comparison, Difference, compare
from isorepeat.chronos.comparison import COMPARED_RUNS

NOW = datetime(2026, 11, 23, 12, 0, tzinfo=timezone.utc)
UTC = timezone.utc


def test_month_end_drifts_from_the_third_run() -> None:
    result = compare("R/2024-01-31T02:00:00Z/P1M", now=NOW)
    assert (result.iso_error, result.chronos_error, result.stands_still) == (None, None, False)
    assert result.first == Difference(
        2,
        datetime(2024, 3, 31, 2, 0, tzinfo=UTC),
        datetime(2024, 3, 29, 2, 0, tzinfo=UTC),
        "Chronos adds P1M to the previous run (chained), so after a short month the day stays at the "
        "29th; iso counts every run from the start (anchored), so the 31st comes back",
    )
    # The count explain prints: Februaries of common years agree again (see tests of explain).
    assert (len(result.differences), result.compared) == (934, COMPARED_RUNS)
    assert (result.iso_runs, result.chronos_runs) == (COMPARED_RUNS, COMPARED_RUNS)
    assert not result.same


def test_differences_are_every_differing_run_in_order() -> None:
    result = compare("R6/2012-02-29T00:00:00Z/P1Y", now=NOW)
    # Chronos: 2013-02-28, then the 28th for ever; iso: the 29th comes back in 2016 only.
    assert [d.index for d in result.differences] == [4]
    assert result.differences[0].chronos == datetime(2016, 2, 28, tzinfo=UTC)
    assert "the day stays at the 28th" in result.differences[0].reason
    assert result.compared == 6


def test_dst_gap_drift() -> None:
    result = compare("R/2014-03-08T02:30:00/P1D", tz="America/New_York", now=NOW)
    new_york = ZoneInfo("America/New_York")
    first = result.first
    assert first is not None
    assert first.index == 2
    assert first.iso == datetime(2014, 3, 10, 2, 30, tzinfo=new_york)
    assert first.chronos == datetime(2014, 3, 10, 3, 30, tzinfo=new_york)
    assert first.reason == (
        "Chronos goes on from the wall time of the run before (03:30:00), which a DST change moved; "
        "iso keeps the start's wall time 02:30:00 (anchored)"
    )
    assert (len(result.differences), result.compared) == (996, 1000)


def test_a_discarded_offset_in_an_overlap_is_read_differently() -> None:
    # 02:30 happens twice in Berlin on 2014-10-26: the discarded Z picks the later pass in Joda.
    result = compare("R3/2014-10-26T02:30:00Z/PT1H", tz="Europe/Berlin", now=NOW)
    first = result.first
    assert first is not None
    assert first.index == 0
    assert first.iso.utcoffset() == timedelta(hours=2)
    assert first.chronos.utcoffset() == timedelta(hours=1)
    assert first.reason.startswith("02:30:00 happens twice in Europe/Berlin that night: Chronos takes")
    assert [d.index for d in result.differences] == [0, 1, 2]


def test_a_discarded_offset_both_discard_the_same_way() -> None:
    result = compare("R/2008-03-01T13:00:00-04:00/P1D", tz="America/Los_Angeles", now=NOW)
    assert result.same
    assert (result.differences, result.compared) == ((), 1000)


def test_the_jvm_zone_reads_the_start_in_another_zone() -> None:
    result = compare("R2/2012-01-01T00:00:00/PT1H", jvm_zone="Europe/Berlin", now=NOW)
    first = result.first
    assert first is not None
    assert (first.index, first.iso, first.chronos) == (
        0,
        datetime(2012, 1, 1, tzinfo=UTC),
        datetime(2012, 1, 1, tzinfo=ZoneInfo("Europe/Berlin")),
    )
    assert first.reason == (
        "Chronos reads the start's wall time in Europe/Berlin, iso in UTC: give the zone with --tz"
    )
    assert len(result.differences) == 2


def test_milliseconds_truncation() -> None:
    result = compare("R2/2012-01-01T00:00:00.1234Z/PT1S", now=NOW)
    assert [(d.index, d.iso.microsecond, d.chronos.microsecond) for d in result.differences] == [
        (0, 123_400, 123_000),
        (1, 123_400, 123_000),
    ]
    assert result.differences[0].reason == (
        "Chronos keeps milliseconds: it drops the rest of the start's fraction (IR208)"
    )


def test_an_empty_start_is_read_from_now() -> None:
    result = compare("R3//PT10M", now=NOW)
    second = timedelta(seconds=1)
    assert [(d.index, d.iso, d.chronos) for d in result.differences] == [
        (k, NOW + k * timedelta(minutes=10), NOW + k * timedelta(minutes=10) - second) for k in range(3)
    ]
    assert result.differences[0].reason == (
        "Chronos puts an empty start into effect one second before now; iso at now"
    )
    later = compare("R3//PT10M", now=NOW + timedelta(days=1))
    assert later.differences[0].iso == NOW + timedelta(days=1)


def test_r0_both_never_run() -> None:
    result = compare("R0/2012-10-01T05:52:00Z/PT2S", now=NOW)
    assert result.same
    assert (result.compared, result.iso_runs, result.chronos_runs, result.differences) == (0, 0, 0, ())
    assert result.first is None


def test_iso_rejects() -> None:
    result = compare("R/2012-10-01T05:52:00Z/PT-1S", now=NOW)
    assert isinstance(result.iso_error, ScheduleError)
    assert result.iso_error.message == "negative durations are not supported"
    assert result.chronos_error is None
    assert result.stands_still  # Chronos accepts a negative period and runs it continuously
    assert (result.differences, result.compared, result.iso_runs) == ((), 0, 0)
    assert not result.same


def test_iso_rejects_an_abbreviation_chronos_reads() -> None:
    result = compare("R1/2012-01-01T00:00:00/P1D", tz="BST", now=NOW)
    assert result.iso_error is not None
    assert result.iso_error.hint == "did you mean Europe/London?"
    assert (result.chronos_error, result.chronos_runs, result.compared) == (None, 1, 0)


def test_chronos_rejects_a_zone_suffix() -> None:
    result = compare("R/2012-10-01T05:52:00[Europe/Berlin]/PT2S", now=NOW)
    assert result.iso_error is None
    assert isinstance(result.chronos_error, ScheduleError)
    assert result.chronos_error.message == "unexpected '[' in the start"
    assert (result.iso_runs, result.chronos_runs, result.compared, result.differences) == (1000, 0, 0, ())
    assert not result.stands_still
    assert not result.same


def test_a_zero_period_stands_still_in_chronos() -> None:
    result = compare("R5/2012-10-01T05:52:00Z/PT0S", now=NOW)
    assert result.stands_still
    assert result.chronos_error is None
    assert result.iso_error is not None  # S14: iso allows a zero period with R0 or R1 only
    assert result.iso_error.message.startswith("a zero period repeats the same instant")
    assert not result.same


def test_one_run_of_a_zero_period_does_not_stand_still() -> None:
    result = compare("R1/2012-10-01T05:52:00Z/PT0S", now=NOW)
    assert not result.stands_still
    assert result.same
    assert result.compared == 1


def test_a_period_below_a_millisecond_stands_still_in_chronos_but_runs_in_iso() -> None:
    result = compare("R5/2012-10-01T05:52:00Z/PT0.0001S", now=NOW)
    assert (result.iso_error, result.chronos_error, result.stands_still) == (None, None, True)
    assert result.iso_runs == 5


def test_identical_runs() -> None:
    result = compare("R10/2012-10-01T05:52:00Z/PT2S", now=NOW)
    assert result.same
    assert result.first is None
    assert (result.differences, result.compared, result.iso_runs, result.chronos_runs) == ((), 10, 10, 10)


def test_the_runs_limit_is_respected() -> None:
    result = compare("R/2024-01-31T02:00:00Z/P1M", now=NOW, runs=5)
    assert (result.compared, result.iso_runs, result.chronos_runs) == (5, 5, 5)
    assert [d.index for d in result.differences] == [2, 3, 4]
    # Fewer runs than the first difference: nothing differs among those compared.
    assert compare("R/2024-01-31T02:00:00Z/P1M", now=NOW, runs=2).same
    assert compare("R/2024-01-31T02:00:00Z/P1M", now=NOW, runs=0).compared == 0
    # A finite schedule makes fewer runs than the limit.
    assert compare("R3/2012-10-01T05:52:00Z/PT2S", now=NOW, runs=1_000_000).compared == 3


def test_a_negative_runs_limit_is_an_error() -> None:
    with pytest.raises(ValueError, match="runs must be 0 or more, not -1"):
        compare("R/2024-01-31T02:00:00Z/P1M", now=NOW, runs=-1)


def test_now_defaults_to_the_clock() -> None:
    before = datetime.now(UTC)
    result = compare("R1//PT10M")
    first = result.first
    assert first is not None
    assert before <= first.iso <= datetime.now(UTC)


# -- value semantics -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "R/2024-01-31T02:00:00Z/P1M",
        "R/2012-10-01T05:52:00Z/PT-1S",
        "R/2012-10-01T05:52:00[Europe/Berlin]/PT2S",
        "R3/2014-10-26T02:30:00Z/PT1H",
    ],
)
def test_values_are_equal_by_value_and_pickle(text: str) -> None:
    result = compare(text, tz="Europe/Berlin", now=NOW)
    again = compare(text, tz="Europe/Berlin", now=NOW)
    assert result is not again
    assert result == again
    assert hash(result) == hash(again)
    copy = pickle.loads(pickle.dumps(result))
    assert copy == result
    assert hash(copy) == hash(result)
    for error, copied in ((result.iso_error, copy.iso_error), (result.chronos_error, copy.chronos_error)):
        if error is not None:
            assert copied is not None
            assert (type(copied), copied.args, str(copied)) == (type(error), error.args, str(error))
    assert [pickle.loads(pickle.dumps(d)) for d in result.differences] == list(result.differences)


def test_different_errors_make_different_values() -> None:
    negative = compare("R5/2012-10-01T05:52:00Z/PT-1S", now=NOW)
    zero = compare("R5/2012-10-01T05:52:00Z/PT0S", now=NOW)
    assert negative.iso_error is not None
    assert zero.iso_error is not None
    assert negative.iso_error.message != zero.iso_error.message
    assert negative != zero
    assert compare("R2/2012-01-01T00:00:00.1234Z/PT1S", now=NOW) != compare(
        "R2/2012-01-01T00:00:00.1235Z/PT1S", now=NOW
    )
    assert negative != "not a comparison"


def test_values_are_frozen_and_slotted() -> None:
    result = compare("R/2024-01-31T02:00:00Z/P1M", now=NOW, runs=3)
    first = result.first
    assert first is not None
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.compared = 4  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        first.index = 0  # type: ignore[misc]
    for value in (result, first):
        assert not hasattr(value, "__dict__")
    assert isinstance(result, Comparison)
    assert dataclasses.replace(result, compared=3) == result
