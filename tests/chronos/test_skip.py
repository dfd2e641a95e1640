"""S36: Chronos's ``skipForward``, HEAD ("3") and 2.5.1 ("2"), known errors included.

Every ``skip_head`` and ``skip_2x`` vector of ``chronos_vectors.json`` (CHRONOS.md §3.2, §3.3,
§7), then the API's own rules, then a property of HEAD's formula for fixed periods.
"""

from __future__ import annotations

import json
import pickle
from datetime import datetime, timedelta, timezone
from typing import Any, Final, Literal

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

import isorepeat
from isorepeat import ScheduleError
from isorepeat.chronos.dialect import parse_chronos
from isorepeat.chronos.skip import ChronosFailure, skip_forward
from tests.paths import CHRONOS_VECTORS

DATA: Final = CHRONOS_VECTORS
VECTORS: Final[list[dict[str, Any]]] = json.loads(DATA.read_text(encoding="utf-8"))
VERSION_OF_OP: Final[dict[str, Literal["2", "3"]]] = {"skip_head": "3", "skip_2x": "2"}
UTC: Final = timezone.utc
EPOCH: Final = datetime(1970, 1, 1, tzinfo=UTC)
INT_MAX: Final = 2**31 - 1


def _utc(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def _id(vector: dict[str, Any]) -> str:
    given = vector["input"]
    version = "head" if given["op"] == "skip_head" else "2.5.1"
    zone = f"[{vector['timezone']}]" if vector["timezone"] else ""
    return f"{version}:{given['schedule']}{zone}@{given['now']}"


SKIP_VECTORS: Final = [
    pytest.param(vector, id=_id(vector)) for vector in VECTORS if vector["input"]["op"] in VERSION_OF_OP
]


def test_s36_there_are_vectors_of_both_versions() -> None:
    ops = [vector["input"]["op"] for vector in VECTORS]
    assert ops.count("skip_head") > 0
    assert ops.count("skip_2x") > 0
    assert len(SKIP_VECTORS) == ops.count("skip_head") + ops.count("skip_2x")


@pytest.mark.parametrize("vector", SKIP_VECTORS)
def test_s36_vector(vector: dict[str, Any]) -> None:
    given = vector["input"]
    version = VERSION_OF_OP[given["op"]]
    now = _utc(given["now"])
    expected = vector["expected"]
    options = {"tz": vector["timezone"], "jvm_zone": given.get("jvm_default_zone")}
    if isinstance(expected, dict):
        with pytest.raises(ChronosFailure) as info:
            skip_forward(given["schedule"], now, version, **options)
        assert str(info.value) == expected["exception"]
    else:
        assert skip_forward(given["schedule"], now, version, **options) == expected


# -- input: a text or a Schedule -------------------------------------------------------------------

NOW: Final = datetime(2012, 1, 3, 12, tzinfo=UTC)


@pytest.mark.parametrize("version", ["2", "3"])
@pytest.mark.parametrize(
    ("text", "tz"),
    [
        ("R5/2012-01-01T00:00:00Z/P1D", None),
        ("R/2011-06-01T00:00:00Z/P1M", None),
        ("R3/2011-12-25T09:30:00/P1W", "Europe/Berlin"),
        ("R//PT1H", None),
    ],
)
def test_s36_schedule_and_text_give_the_same_result(
    version: Literal["2", "3"], text: str, tz: str | None
) -> None:
    schedule = parse_chronos(text, tz=tz, now=NOW, version=version)
    assert skip_forward(schedule, NOW, version) == skip_forward(text, NOW, version, tz=tz)


def test_s36_text_reads_the_empty_start_as_each_version_does() -> None:
    # HEAD re-parses the stored text at launch: the empty start is now - 1 s; 2.5.1 reads now.
    now = datetime(2017, 3, 13, 0, 0, 30, tzinfo=UTC)
    assert skip_forward("R3//PT1H", now) == "R2/2017-03-13T01:00:29.000Z/PT1H"
    assert skip_forward("R3//PT1H", now, "2") == "R3/2017-03-13T00:00:30.000Z/PT1H"


def test_s36_a_schedule_is_skipped_as_the_version_it_was_read_as() -> None:
    # The empty start of a schedule read as 2.5.1 is now, not now - 1 s: skipping it the
    # HEAD way would be one second off, so the version it was read as is the default.
    read = datetime(2017, 3, 13, 0, 0, 30, tzinfo=UTC)
    later = datetime(2017, 3, 13, 1, 30, tzinfo=UTC)
    read_by_2 = parse_chronos("R3//PT1H", now=read, version="2")
    read_by_3 = parse_chronos("R3//PT1H", now=read, version="3")
    assert skip_forward(read_by_2, later) == skip_forward("R3/2017-03-13T00:00:30Z/PT1H", later, "2")
    assert skip_forward(read_by_2, later) == "R2/2017-03-13T01:00:30.000Z/PT1H"
    assert skip_forward(read_by_3, later) == "R2/2017-03-13T02:00:29.000Z/PT1H"
    assert skip_forward(isorepeat.parse("R3//PT1H", dialect="chronos", now=read), later) == skip_forward(
        read_by_3, later
    )


def test_s36_a_version_other_than_the_one_a_schedule_was_read_as_is_rejected() -> None:
    read_by_3 = parse_chronos("R3//PT1H", now=NOW)
    with pytest.raises(ValueError, match=r"read as Chronos 3 \(HEAD\) reads it: parse it with version='2'"):
        skip_forward(read_by_3, NOW, "2")
    read_by_2 = parse_chronos("R3//PT1H", now=NOW, version="2")
    with pytest.raises(ValueError, match=r"read as Chronos 2\.5\.1 reads it"):
        skip_forward(read_by_2, NOW, "3")


def test_s36_text_takes_the_jvm_zone() -> None:
    # Offset-less starts are read in the JVM's zone, then printed with the offset they got.
    now = datetime(2014, 3, 20, 7, 30, tzinfo=UTC)
    text = "R/2014-03-01T01:00:00/P1D"
    assert skip_forward(text, now, jvm_zone="America/Los_Angeles") == "R/2014-03-20T01:00:00.000-07:00/P1D"


def test_s36_schedule_of_the_iso_dialect_is_rejected() -> None:
    schedule = isorepeat.parse("R5/2012-01-01T00:00:00Z/P1D")
    with pytest.raises(ValueError, match="chronos dialect"):
        skip_forward(schedule, NOW)


def test_s36_zones_with_a_schedule_are_rejected() -> None:
    schedule = isorepeat.parse("R5/2012-01-01T00:00:00Z/P1D", dialect="chronos")
    with pytest.raises(ValueError, match="tz and jvm_zone apply when the schedule is a text"):
        skip_forward(schedule, NOW, tz="UTC")
    with pytest.raises(ValueError, match="tz and jvm_zone apply when the schedule is a text"):
        skip_forward(schedule, NOW, jvm_zone="UTC")


def test_s36_unknown_version_is_rejected() -> None:
    with pytest.raises(ValueError, match="version must be '2'"):
        skip_forward("R5/2012-01-01T00:00:00Z/P1D", NOW, "4")  # type: ignore[arg-type]


def test_s36_naive_now_is_rejected() -> None:
    with pytest.raises(TypeError, match="naive"):
        skip_forward("R5/2012-01-01T00:00:00Z/P1D", datetime(2012, 1, 3))


@pytest.mark.parametrize("version", ["2", "3"])
@pytest.mark.parametrize("text", ["FOO", "R5/2012-01-01T00:00:00Z", "R5/2012-13-01T00:00:00Z/P1D"])
def test_s36_unparseable_text_raises_schedule_error(version: Literal["2", "3"], text: str) -> None:
    # Chronos returns None here (HEAD keeps the job as it is, 2.5.1 drops it); we say why.
    with pytest.raises(ScheduleError):
        skip_forward(text, NOW, version)


# -- ChronosFailure --------------------------------------------------------------------------------


def test_s36_chronos_failure_prints_as_the_jvm_does() -> None:
    err = ChronosFailure("java.lang.ArithmeticException", "Value cannot fit in an int: 2208988800")
    assert str(err) == "java.lang.ArithmeticException: Value cannot fit in an int: 2208988800"
    assert err.java_exception == "java.lang.ArithmeticException"
    assert err.message == "Value cannot fit in an int: 2208988800"
    copy = pickle.loads(pickle.dumps(err))
    assert (copy.java_exception, copy.message, str(copy)) == (err.java_exception, err.message, str(err))


# -- HEAD quirks -------------------------------------------------------------------------------------


def test_s36_head_r0_becomes_infinite() -> None:
    # rec - 1 = -1, which create() prints as R: the root of issue #814 (a retry launch of an R1
    # job that the first launch already set to R0 makes it run for ever).
    first = skip_forward("R1/2017-03-13T00:00:00Z/PT60S", datetime(2017, 3, 13, 0, 0, 1, tzinfo=UTC))
    assert first == "R0/2017-03-13T00:01:00.000Z/PT60S"
    retry = skip_forward(first, datetime(2017, 3, 13, 0, 1, 1, tzinfo=UTC))
    assert retry == "R/2017-03-13T00:02:00.000Z/PT60S"


def test_s36_head_counts_one_launch_however_many_were_missed() -> None:
    now = datetime(2012, 6, 1, tzinfo=UTC)
    assert skip_forward("R3/2012-01-01T00:00:00Z/P1D", now) == "R2/2012-06-02T00:00:00.000Z/P1D"


def test_s36_head_future_start_is_kept_and_counted() -> None:
    now = datetime(2012, 1, 2, tzinfo=UTC)
    assert skip_forward("R/2012-01-10T00:00:00Z/PT0.5S", now) == "R/2012-01-10T00:00:00.000Z/PT0.500S"


def test_s36_head_multiplied_period_overflows_an_int() -> None:
    # 1,640,995,200 s elapsed / 1,500,000,000 + 1 = 2 skips; 3 * 10^9 seconds is not an int.
    now = datetime(2012, 1, 1, tzinfo=UTC)
    with pytest.raises(ChronosFailure) as info:
        skip_forward("R/1960-01-01T00:00:00Z/PT1500000000S", now)
    assert str(info.value) == "java.lang.ArithmeticException: Multiplication overflows an int: 1500000000 * 2"


def test_s36_head_skip_wraps_like_a_java_int() -> None:
    # secondsBetween = Int.MaxValue, / 1 + 1 wraps to Int.MinValue: the start goes 68 years back.
    now = EPOCH + timedelta(seconds=INT_MAX)
    result = skip_forward("R/1970-01-01T00:00:00Z/PT1S", now)
    assert result == "R/1901-12-13T20:45:52.000Z/PT1S"


def test_s36_head_month_period_with_an_oversized_year_overflows() -> None:
    # toDurationFrom(now) of P100Y is 3,155,673,600 s: Duration.toStandardSeconds throws.
    now = datetime(2012, 1, 1, tzinfo=UTC)
    with pytest.raises(ChronosFailure) as info:
        skip_forward("R/2011-01-01T00:00:00Z/P100Y", now)
    assert str(info.value) == "java.lang.ArithmeticException: Value cannot fit in an int: 3155673600"


# -- 2.5.1 quirks ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("period", "unit"),
    [("P1Y", "years and years"), ("P-1M", "months and months"), ("P1Y-1M", "months and months")],
)
def test_s36_2x_refuses_periods_without_a_month_step(period: str, unit: str) -> None:
    with pytest.raises(ChronosFailure) as info:
        skip_forward(f"R/2011-01-01T00:00:00Z/{period}", NOW, "2")
    assert str(info.value) == (
        "java.lang.UnsupportedOperationException: "
        f"Cannot convert to Seconds as this period contains {unit} vary in length"
    )


def test_s36_2x_drops_a_job_with_fewer_repetitions_than_skips() -> None:
    # Issue #699: an overdue R1 monthly job never runs.
    now = datetime(2012, 2, 15, tzinfo=UTC)
    assert skip_forward("R1/2012-01-01T00:00:00Z/P1M", now, "2") is None
    assert skip_forward("R2/2012-01-01T00:00:00Z/P1M", now, "2") == "R0/2012-03-01T00:00:00.000Z/P1M"


def test_s36_2x_month_loop_that_stands_still_is_reported() -> None:
    # Mar 31 + P1M-30D = Apr 30 - 30 days = Mar 31: Chronos 2.5.1 loops for ever.
    with pytest.raises(ValueError, match="never finishes counting"):
        skip_forward("R/2012-03-31T00:00:00Z/P1M-30D", datetime(2013, 1, 1, tzinfo=UTC), "2")


def test_s36_2x_month_loop_with_a_negative_field_that_progresses_counts() -> None:
    # Chained, P1M-27D goes Jan 1, Jan 5, Jan 9, Jan 13: 3 skips to pass Jan 12. Anchored, the
    # new start is Jan 1 + P3M-81D = Apr 1 - 81 days = Jan 11, before now.
    now = datetime(2012, 1, 12, tzinfo=UTC)
    assert skip_forward("R/2012-01-01T00:00:00Z/P1M-27D", now, "2") == "R/2012-01-11T00:00:00.000Z/P1M-27D"


# -- a property of HEAD's formula ------------------------------------------------------------------

_MIN_MS: Final = 0
_MAX_MS: Final = int((datetime(2037, 12, 31, tzinfo=UTC) - EPOCH).total_seconds()) * 1000


@st.composite
def _fixed_cases(draw: st.DrawFn) -> tuple[int, int, int, int, int]:
    """(start ms, now ms, hours, minutes, seconds): start before now, seconds between in an int."""
    start = draw(st.integers(_MIN_MS, _MAX_MS - 1))
    gap = draw(st.integers(1, min(_MAX_MS - start, INT_MAX * 1000)))
    hours = draw(st.integers(0, 48))
    minutes = draw(st.integers(0, 120))
    seconds = draw(st.integers(0 if hours or minutes else 1, 100_000))
    return start, start + gap, hours, minutes, seconds


def _joda_start(ms: int) -> str:
    return (EPOCH + timedelta(milliseconds=ms)).strftime("%Y-%m-%dT%H:%M:%S.%f")[:23] + "Z"


@settings(max_examples=300, deadline=None)
@given(case=_fixed_cases(), repetitions=st.one_of(st.none(), st.integers(1, 10**6)))
@example(case=(0, 1000, 0, 0, 1), repetitions=1)  # now one period after the start: skips it
@example(case=(500, 1499, 0, 0, 1), repetitions=None)  # less than a second: 0 s elapsed, 1 skip
def test_s36_head_fixed_period_lands_on_the_first_occurrence_after_now(
    case: tuple[int, int, int, int, int], repetitions: int | None
) -> None:
    start_ms, now_ms, hours, minutes, seconds = case
    period_seconds = hours * 3600 + minutes * 60 + seconds
    period_text = "PT" + "".join(
        f"{value}{unit}" for value, unit in ((hours, "H"), (minutes, "M"), (seconds, "S")) if value
    )
    count = "R" if repetitions is None else f"R{repetitions}"
    now = EPOCH + timedelta(milliseconds=now_ms)
    result = skip_forward(f"{count}/{_joda_start(start_ms)}/{period_text}", now)
    assert result is not None
    parsed = isorepeat.parse(result, dialect="chronos")
    # skip = secondsBetween / P + 1 with secondsBetween truncated to whole seconds.
    k = (now_ms - start_ms) // 1000 // period_seconds + 1
    new_start = EPOCH + timedelta(milliseconds=start_ms, seconds=k * period_seconds)
    assert parsed.start == new_start
    # A whole-second period always lands after now, and the occurrence before it is not after now.
    assert new_start > now
    assert new_start - timedelta(seconds=period_seconds) <= now
    assert parsed.repetitions == (None if repetitions is None else repetitions - 1)
