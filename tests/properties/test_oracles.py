"""Starts checked against independent parsers: ``datetime.fromisoformat`` (Python 3.11+ grammar),
``dateutil.parser.isoparse``, and ``zoneinfo`` for wall times in a zone (S7-S11, S23-S25, S31).

isorepeat keeps nanoseconds and hands out datetimes floored to the microsecond (S9, S31); an
oracle may truncate or round a longer fraction. Each oracle therefore reads the text with its
fraction cut to 6 digits, which is exactly the floor for these non-negative fractions; the
comparison itself stays exact (instant and UTC offset, to the microsecond).
"""

from __future__ import annotations

import re
import zoneinfo
from collections.abc import Callable
from datetime import datetime, timedelta, timezone

from dateutil.parser import isoparse
from hypothesis import example, given, settings
from hypothesis import strategies as st

import isorepeat

from .strategies import SETTINGS, ZONE_KEYS, datetime_texts

_FRACTION = re.compile(r"([.,][0-9]{6})[0-9]+")
_SUFFIX = re.compile(r"\[!?([^\]]+)\]$")


def _floored(text: str) -> str:
    """The text with its fraction cut to microseconds (the floor, S31)."""
    return _FRACTION.sub(r"\1", text)


def _start(text: str, tz: str | None = None) -> datetime:
    start = isorepeat.parse(f"R/{text}/P1D", tz=tz).start
    assert start is not None
    return start


def _assert_same_moment(actual: datetime, expected: datetime, text: str) -> None:
    # Aware datetimes with the same tzinfo compare wall fields and ignore fold: compare in UTC.
    assert actual.astimezone(timezone.utc) == expected.astimezone(timezone.utc), (text, actual, expected)
    assert actual.utcoffset() == expected.utcoffset(), (text, actual, expected)
    assert actual.replace(tzinfo=None) == expected.replace(tzinfo=None), (text, actual, expected)


def _check_against(oracle: Callable[[str], datetime], text: str) -> None:
    expected = oracle(_floored(text))
    if expected.tzinfo is None:
        expected = expected.replace(tzinfo=timezone.utc)  # S11: no offset and no zone is UTC
    _assert_same_moment(_start(text), expected, text)


# fromisoformat (3.11) has no ordinal dates, no lower-case t/z, and misreads a fraction on the
# hour or minute (T10.5 -> 10:00:00.5); isoparse has no fraction on the hour or minute either.
_FROMISOFORMAT_TEXTS = datetime_texts(
    forms=("calendar", "week"), fraction_on="S", lowercase=False, suffix=False
).map(lambda d: d.text)
_ISOPARSE_TEXTS = datetime_texts(fraction_on="S", suffix=False).map(lambda d: d.text)


@settings(SETTINGS, max_examples=800)
@given(_FROMISOFORMAT_TEXTS)
@example("2012-01-31T09:00:00Z")
@example("9999-12-31T23:59:59.999999999Z")
@example("0001-01-01T00:00:00-23:59")
@example("1970-01-01T00:00:00.000001Z")
@example("2012-10-01T05:52:00,123456789+05:30")
@example("20121001T055200.9999999-0330")
@example("2009-W53-7T23")
@example("2012-02-29")
def test_s7_s10_start_matches_fromisoformat(text: str) -> None:
    _check_against(datetime.fromisoformat, text)


@settings(SETTINGS, max_examples=800)
@given(_ISOPARSE_TEXTS)
@example("2012-366T12:00:00Z")
@example("2013001t00z")
@example("2012-01-01T00:00:00.1234567890000-00:00")
def test_s7_s10_start_matches_isoparse(text: str) -> None:
    _check_against(isoparse, text)


# -- zones: zoneinfo is the oracle (fold=0 is S24/S25's "compatible") --------------------------


def _in_zone(wall: datetime, key: str, offset: int | None) -> datetime:
    """A wall time in a zone as S23-S25 place it: the written offset if the zone has it there
    (an overlap), else fold=0 (gap: moved forward by the gap; overlap: the earlier pass)."""
    zone = zoneinfo.ZoneInfo(key)
    chosen = wall.replace(tzinfo=zone, fold=0)
    for fold in (0, 1):
        candidate = wall.replace(tzinfo=zone, fold=fold)
        exists = candidate.astimezone(timezone.utc).astimezone(zone).utcoffset() == candidate.utcoffset()
        if offset is not None and exists and candidate.utcoffset() == timedelta(seconds=offset):
            chosen = candidate
            break
    # Normalized through UTC: a wall time in a gap is shown as the instant's real wall time.
    return chosen.astimezone(timezone.utc).astimezone(zone)


@settings(SETTINGS, max_examples=800)
@given(datetime_texts(min_year=2, max_year=9998, fraction_on="S", suffix_always=True).map(lambda d: d.text))
@example("2014-03-09T02:30:00[America/Los_Angeles]")
@example("2014-11-02T01:30:00[America/Los_Angeles]")
@example("2014-11-02T01:30:00-08:00[America/Los_Angeles]")
@example("2022-03-26T11:00:00Z[Europe/Berlin]")
@example("2011-12-30T12:00:00[Pacific/Apia]")
@example("1869-12-31T18:07:00Z[Asia/Kolkata]")
def test_s10_zone_suffix_matches_zoneinfo(text: str) -> None:
    match = _SUFFIX.search(text)
    assert match is not None
    key = match.group(1)
    bare = _floored(text[: match.start()])
    written = isoparse(bare)
    if written.tzinfo is not None:  # an offset or Z: the instant, shown in the zone (S10)
        expected = written.astimezone(zoneinfo.ZoneInfo(key))
    else:  # no offset: the wall time in the zone (S10, S24, S25)
        expected = _in_zone(written, key, None)
    _assert_same_moment(_start(text), expected, text)


@st.composite
def _zoned_starts(draw: st.DrawFn) -> tuple[str, str, int | None]:
    key = draw(st.sampled_from(ZONE_KEYS))
    start = draw(datetime_texts(min_year=2, max_year=9998, fraction_on="S", suffix=False, zone_key=key))
    return start.text, key, start.offset


@settings(SETTINGS, max_examples=800)
@given(_zoned_starts())
@example(("2008-03-01T13:00:00-04:00", "America/Los_Angeles", -4 * 3600))
@example(("2014-03-09T02:30:00", "America/Los_Angeles", None))
@example(("2014-11-02T01:30:00", "America/Los_Angeles", None))
@example(("2014-11-02T01:30:00-08:00", "America/Los_Angeles", -8 * 3600))
@example(("2014-10-26T01:30:00Z", "Europe/Dublin", 0))
@example(("2011-12-30T00:00:00", "Pacific/Apia", None))
def test_s23_tz_argument_keeps_the_wall_clock(case: tuple[str, str, int | None]) -> None:
    text, key, offset = case
    wall = isoparse(_floored(text)).replace(tzinfo=None)
    expected = _in_zone(wall, key, offset)
    _assert_same_moment(_start(text, tz=key), expected, text)
