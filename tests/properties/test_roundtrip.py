"""S20: the canonical form round-trips, and the fast path agrees with the careful parser."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

import isorepeat
from isorepeat import Duration, ScheduleError
from isorepeat.grammar import _fast_parse, _Parser

from .strategies import (
    HARD_SCHEDULES,
    SETTINGS,
    durations,
    empty_start_schedules,
    fast_shape_texts,
    mutations,
    other_form_schedules,
    schedules,
)


def _pin_hard_cases(test: Callable[..., None]) -> Callable[..., None]:
    """@example every known hard case (strategies.HARD_SCHEDULES) as (text, tz)."""
    for text, tz in HARD_SCHEDULES:
        test = example((text, tz))(test)
    return test


def _reparse(canonical: str) -> isorepeat.Schedule:
    try:
        return isorepeat.parse(canonical)
    except ScheduleError as error:
        pytest.fail(
            f"the canonical text {canonical!r} does not parse: {error.message} (column {error.column})"
        )


@pytest.mark.slow
@settings(SETTINGS, max_examples=400)
@given(schedules())
@_pin_hard_cases
# Once a bug: the later pass of an overlap whose offset has seconds (LMT, HMT...) printed as a bare
# wall time, which read back as the earlier pass; it prints as Z[Zone] now (issue 13 B9).
@example(("R/1869-12-31T18:07:00Z[Asia/Kolkata]/P1D", None))
def test_s20_schedule_round_trips(case: tuple[str, str | None]) -> None:
    text, tz = case
    schedule = isorepeat.parse(text, tz=tz)
    canonical = str(schedule)
    again = _reparse(canonical)
    assert again == schedule, (text, tz, canonical, str(again))
    assert again.start == schedule.start
    assert again.start is not None
    assert again.start.utcoffset() == schedule.start.utcoffset()  # type: ignore[union-attr]
    assert str(again) == canonical


@SETTINGS
@given(other_form_schedules())
@example("R5/P1D/2008-05-11T15:30:00Z")
@example("R/2008-02-15T13:00:00Z/2008-02-15T16:00:00.5+01:00")
@example("R2/P1D/2014-03-09T02:30:00[America/Los_Angeles]")
@example("R/2014-03-09T02:30:00[America/Los_Angeles]/2014-03-12T02:30:00")
# Once a bug: an end whose offset has seconds (LMT) printed as +00:53:28, which does not parse.
@example("R/1893-01-01T00:00:00[Europe/Berlin]/1893-01-03T00:00:00")
def test_s20_other_forms_round_trip(text: str) -> None:
    schedule = isorepeat.parse(text)
    canonical = str(schedule)
    again = _reparse(canonical)
    assert again == schedule, (text, canonical, str(again))
    assert str(again) == canonical


@settings(SETTINGS, max_examples=300)
@given(durations())
@example("P0001-02-03T04:05:06")
@example("PT0.000000001S")
@example("PT1,000000000000S")
@example("PT1.5H")
@example("PT0.000000001H")
@example("P" + "9" * 40 + "Y")
@example("P0Y")
def test_s20_duration_round_trips(text: str) -> None:
    duration = Duration.parse(text)
    canonical = str(duration)
    again = Duration.parse(canonical)
    assert again == duration, (text, canonical)
    assert again.elapsed_nanoseconds == duration.elapsed_nanoseconds
    assert str(again) == canonical


@SETTINGS
@given(empty_start_schedules())
@example(("R//PT10M", "Europe/Berlin"))
@example(("R5/P1M", "America/Los_Angeles"))
@example(("R1//PT0S", "+05:30"))
def test_s6_empty_start_round_trips_with_its_zone(case: tuple[str, str]) -> None:
    text, tz = case
    schedule = isorepeat.parse(text, tz=tz)
    assert schedule.start is None
    assert schedule.tz is not None
    again = isorepeat.parse(str(schedule), tz=schedule.tz)
    assert again == schedule, (text, tz, str(schedule))
    assert str(again) == str(schedule)


# -- the fast path is only a shortcut ----------------------------------------------------------


def _careful(text: str) -> isorepeat.Schedule | ScheduleError:
    try:
        return _Parser(text, None, None, "compatible").parse()
    except ScheduleError as error:
        return error


_FAST_PATH_TEXTS = st.one_of(
    schedules(tz_kinds=("none",)).map(lambda case: case[0]),
    fast_shape_texts(),
    mutations(fast_shape_texts()),
)


@pytest.mark.slow
@settings(SETTINGS, max_examples=500)
@given(_FAST_PATH_TEXTS)
@example("R/2012-01-31T09:00:00Z/P1M")
@example("R/1970-01-01T00:00:00Z/PT0.000001S")
@example("R/9999-12-31T23:59:59.999999999Z/PT1S")
@example("R/0001-01-01T00:00:00+00:01/PT1S")
@example("R/9999-12-31T23:59:00-00:01/PT1S")
@example("R5/2012-01-01T00:00:00-00:00/PT0S")
@example("R1/2012-01-01T00:00:00Z/PT0S")
@example("R/2012-01-01T24:00:00Z/P1D")
@example("R/2013-02-29T00:00Z/P1D")
@example("R/2012-01-01T00:00:60Z/P1D")
@example("R/2012-01-01T00:00:00+24:00/P1D")
def test_fast_path_agrees_with_the_careful_parser(text: str) -> None:
    fast = _fast_parse(text, "compatible")
    if fast is None:
        return
    careful = _careful(text)
    assert not isinstance(careful, ScheduleError), (text, str(fast), careful.message, careful.column)
    assert fast == careful, (text, str(fast), str(careful))
    assert str(fast) == str(careful)
    assert fast.tz == careful.tz
    assert fast.start == careful.start


def test_fast_path_takes_the_common_shape() -> None:
    # Keeps the agreement property from passing vacuously should the fast path stop matching.
    assert _fast_parse("R/2012-01-31T09:00:00Z/P1M", "compatible") is not None
    assert _fast_parse("R10/2012-10-01T05:52:00.5+05:30/PT2S", "compatible") is not None
