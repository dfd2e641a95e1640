"""S2: parsing takes linear time in the length of the input.

Wall-clock time is too noisy to assert on, so these tests count operations instead: the
Python-level calls and executed lines (``sys.settrace`` events) of one parse. A text about
10 times longer must cost well under 30 times as many operations (linear: about 10x at most;
quadratic: about 100x). Work done inside C functions (``re``, ``int``) is not counted.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable
from types import FrameType
from typing import Any

import pytest
from hypothesis import Phase, example, given, settings
from hypothesis import strategies as st

import isorepeat
from isorepeat import Duration, ScheduleError

from .strategies import SETTINGS, durations, schedules

_SHORT = 100
_LONG = 1000
_MAX_RATIO = 30


def _parse(text: str) -> object:
    return isorepeat.parse(text)


def _parse_in_berlin(text: str) -> object:
    return isorepeat.parse(text, tz="Europe/Berlin")


_PARSERS: dict[str, Callable[[str], object]] = {
    "parse": _parse,
    "parse_tz": _parse_in_berlin,
    "duration": Duration.parse,
}


def _operations(parser: Callable[[str], object], text: str) -> int:
    """The number of Python call and line events while ``parser`` reads ``text``."""
    with contextlib.suppress(ScheduleError):
        parser(text)  # warm caches (zone names, compiled patterns) before counting
    count = 0

    def tracer(frame: FrameType, event: str, arg: Any) -> Any:
        nonlocal count
        count += 1
        return tracer

    previous = sys.gettrace()
    sys.settrace(tracer)
    try:
        with contextlib.suppress(ScheduleError):
            parser(text)
    finally:
        sys.settrace(previous)
    return count


def _assert_linear(parser: Callable[[str], object], build: Callable[[int], str]) -> None:
    short, long = build(_SHORT), build(_LONG)
    assert len(short) <= _SHORT + 40
    assert 8 * len(short) <= len(long) <= 1000, (len(short), len(long))
    small, large = _operations(parser, short), _operations(parser, long)
    assert small > 0
    assert large <= _MAX_RATIO * small, (long[:60], small, large)


def _fill(template: str, filler: str) -> Callable[[int], str]:
    """A text of about ``n`` characters: ``template`` with ``{}`` replaced by repeated ``filler``."""

    def build(n: int) -> str:
        room = max(1, n - len(template) + 2)
        return template.replace("{}", (filler * room)[:room])

    return build


LONG_INPUTS = [
    # (parser, template, filler): the template's {} grows until the text has n characters
    # valid, long numbers
    ("parse", "R{}/2012-01-01T00:00:00Z/P1D", "1"),
    ("parse", "R{}/2012-01-01T00:00:00Z/P1D", "0"),
    ("parse", "R/2012-01-01T00:00:00.1{}Z/P1D", "0"),
    ("parse", "R/2012-01-01T00:00:00,123456789{}Z/PT1S", "0"),
    ("parse", "R/2012-01-01T00:00:00Z/PT1.5{}S", "0"),
    ("parse", "R/2012-01-01T00:00:00Z/PT1.5{}H", "0"),
    ("parse", "R/2012-01-01T00:00:00Z/P{}D", "9"),
    ("parse", "R/2012-01-01T00:00:00Z/P1Y{}M1DT1H1M1S", "7"),
    ("parse", "R/2012-01-01T00:00:00Z/PT{}S", "1"),
    ("parse", "R/20120101T000000.1{}/PT1M", "0"),
    ("parse", "R/2012-001T00:00.{}Z/PT1H", "0"),
    ("parse", "R/2012-W01-1T00.{}Z/PT1H", "0"),
    ("parse", "R/2012-01-01T00:00:00.1{}[Europe/Berlin]/P1D", "0"),
    ("parse", "R/P1D/2012-01-01T00:00:00.1{}Z", "0"),
    ("parse", "R{}/P1D/2012-01-01T00:00:00Z", "0"),
    ("parse", "R/2012-01-01T00:00:00Z/2012-01-02T00:00:00.1{}Z", "0"),
    ("parse", "R/2012-01-01T00:00:00Z/02T00:00:00.1{}", "0"),
    ("parse", "R//PT{}M", "5"),
    ("parse", "R{}/PT10M", "3"),
    ("parse_tz", "R{}/2012-01-01T00:00:00/P1D", "2"),
    ("parse_tz", "R/2014-03-30T02:30:00.{}/P1D", "0"),
    ("duration", "P{}Y", "1"),
    ("duration", "PT0.{}S", "0"),
    ("duration", "P0001-02-03T04:05:06.{}", "0"),
    # invalid: the error is found late, after a long valid-looking prefix
    ("parse", "R{}", "1"),
    ("parse", "R{}x", "1"),
    ("parse", "R/2012-01-01T00:00:00.{}1Z/P1D", "0"),
    ("parse", "R/2012-01-01T00:00:00.0{}", "0"),
    ("parse", "R/2012-01-01T00:00:00Z/PT1.{}5S", "0"),
    ("parse", "R/2012-01-01T00:00:00Z/P1.{}D", "5"),
    ("parse", "R/2012-01-01T00:00:00Z/P{}", "9"),
    ("parse", "R/2012-01-01T00:00:00Z/P{}x", "9"),
    ("parse", "R/2012-01-01T00:00:00Z/P1D{}", "/"),
    ("parse", "R/2012-01-01T00:00:00Z/P{}", "1D"),
    ("parse", "R/{}", "2"),
    ("parse", "R/2012-01-01T00:00:00[{}]/P1D", "A"),
    ("parse", "R/2012-01-01T00:00:00[{}]/P1D", "Europe/"),
    ("parse", "R/2012-01-01T00:00:00[{}]/P1D", "america/los_angeles "),
    ("parse", "R/2012-01-01T00:00:00[Europe/Berlin{}", "x"),
    ("parse", "R/2012-01-01T00:00:00Z/{}", "1"),
    ("parse", "R0/PT0S/{}", "2"),
    ("parse_tz", "R/2012-01-01T00:00:00[{}]/P1D", "Europe/Paris"),
    ("duration", "P{}", "1Y"),
    ("duration", "P{}", "\u0663"),
    ("duration", "PT{}", "1"),
    # garbage
    ("parse", "{}", "x"),
    ("parse", "{}", " "),
    ("parse", "R/{}", "\u0663"),
    ("duration", "{}", "P"),
]


@pytest.mark.parametrize(("name", "template", "filler"), LONG_INPUTS)
def test_s2_parse_is_linear(name: str, template: str, filler: str) -> None:
    _assert_linear(_PARSERS[name], _fill(template, filler))


@st.composite
def _padded(draw: st.DrawFn) -> tuple[str, Callable[[int], str]]:
    """A valid text (cut to 60 characters) with one of its own substrings, or random characters,
    repeated at one place."""
    text = draw(st.one_of(schedules().map(lambda case: case[0]), durations()))[:60]
    at = draw(st.integers(0, len(text)))
    if draw(st.booleans()) and text:
        start = draw(st.integers(0, len(text) - 1))
        filler = text[start : start + draw(st.integers(1, 6))]
    else:
        filler = draw(st.text(min_size=1, max_size=3))
    name = draw(st.sampled_from(sorted(_PARSERS)))
    return name, _fill(text[:at] + "{}" + text[at:].replace("{}", ""), filler)


@settings(SETTINGS, max_examples=80, phases=[Phase.explicit, Phase.generate, Phase.shrink])
@given(_padded())
@example(("parse", _fill("R/2012-01-01T00:00:00[{}]/P1D", "Q")))
def test_s2_parse_is_linear_for_padded_texts(case: tuple[str, Callable[[int], str]]) -> None:
    name, build = case
    _assert_linear(_PARSERS[name], build)
