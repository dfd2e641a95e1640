"""S20, S2: the printed form of every accepted schedule parses back (issue 13), in any zone, in
any year 0001-9999, given as a name, a ``ZoneInfo``, a pytz or a dateutil zone, or a suffix.

The hard cases are the offsets S10 cannot write: local mean time before standard time has
seconds (Berlin +00:53:28 until 1893), and pytz rounds those offsets to minutes (+00:53), which
the IANA zone of the same name does not have. And the text must stay within the 1,000
characters ``parse`` reads (S2), though the canonical form may be longer than what was written
(the zone suffix of a ``tz`` argument, seconds, extended format).

Where the zone's own offsets are the IANA ones (zoneinfo, names, suffixes), the text read back
is the same schedule and prints the same (S20). A pytz or dateutil zone reads back as the
zoneinfo zone of its key: the same schedule where that library's offsets agree with the IANA
data around the start (S22), and in any case a text that prints the same once read.
"""

from __future__ import annotations

import functools
import zoneinfo
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone, tzinfo
from typing import Final

import pytest
import pytz
from dateutil import tz as dateutil_tz
from hypothesis import assume, example, given, settings
from hypothesis import strategies as st

import isorepeat
from isorepeat import Schedule, ScheduleError

from .strategies import SETTINGS

# Zones whose history has offsets with seconds, or overlaps and gaps between them.
HISTORICAL_ZONES: Final = (
    "Europe/Berlin",  # LMT +00:53:28 until 1893-04-01: a 6 min 32 s gap
    "America/New_York",  # LMT -04:56:02 until 1883-11-18: a 3 min 58 s overlap, LMT first
    "Asia/Kolkata",  # HMT +05:53:20, MMT +05:21:10: the later pass of an overlap has seconds
    "Europe/Amsterdam",  # +00:19:32 and DST +01:19:32 until 1937: overlaps with seconds both ways
    "Europe/Dublin",  # DMT -00:25:21, IST +00:34:39 in 1916
    "Africa/Monrovia",  # -00:44:30 until 1972
    "America/St_Johns",  # -03:30:52 until 1935
    "Asia/Kathmandu",  # LMT +05:41:16, then +05:30, +05:45
    "Europe/Paris",  # PMT +00:09:21
    "Pacific/Apia",  # skipped 2011-12-30 entirely
    "America/Los_Angeles",
    "Europe/London",
    "UTC",
)
ALL_KEYS: Final = tuple(sorted(zoneinfo.available_timezones() & set(pytz.all_timezones)))
KINDS: Final = ("name", "zoneinfo", "pytz", "dateutil", "suffix")
MAX_LENGTH: Final = 1000
_EPOCH: Final = datetime(1970, 1, 1, tzinfo=timezone.utc)


def _offset(key: str, instant: datetime) -> timedelta | None:
    return instant.astimezone(zoneinfo.ZoneInfo(key)).utcoffset()


@functools.cache
def _offset_changes(key: str) -> tuple[datetime, ...]:
    """Naive UTC instants where ``key`` changes its offset, 1800-2030 (zoneinfo, bisected)."""
    found = []
    step = timedelta(days=30)
    moment = datetime(1800, 1, 1, tzinfo=timezone.utc)
    previous = _offset(key, moment)
    while moment.year < 2030:
        following = moment + step
        current = _offset(key, following)
        if current != previous:
            low, high = moment, following
            while high - low > timedelta(seconds=1):
                middle = (low + (high - low) / 2).replace(microsecond=0)
                low, high = (middle, high) if _offset(key, middle) == previous else (low, middle)
            found.append(high.replace(tzinfo=None))
        moment, previous = following, current
    return tuple(found)


@st.composite
def _walls(draw: st.DrawFn, key: str) -> datetime:
    """A naive wall time: any in 0001-9999, in the era of local mean time, or near a change."""
    changes = _offset_changes(key)
    choice = draw(st.integers(0, 3))
    if choice == 0 or not changes:
        return draw(st.datetimes(datetime(1, 1, 1), datetime(9999, 12, 31, 23, 59, 59, 999_999)))
    if choice == 1:
        return draw(st.datetimes(datetime(1800, 1, 1), datetime(1990, 12, 31)))
    change = draw(st.sampled_from(changes[:3] if choice == 2 else changes))
    offset = _offset(key, change.replace(tzinfo=timezone.utc) - timedelta(seconds=1)) or timedelta(0)
    delta = draw(st.one_of(st.integers(-7200, 7200), st.sampled_from([-1, 0, 1, 59, 60, 61, 391, 392])))
    return change + offset + timedelta(seconds=delta, microseconds=draw(st.sampled_from([0, 0, 1, 999_999])))


def _zone_argument(kind: str, key: str) -> tzinfo | str | None:
    if kind == "name":
        return key
    if kind == "zoneinfo":
        return zoneinfo.ZoneInfo(key)
    if kind == "pytz":
        return pytz.timezone(key)
    if kind == "dateutil":
        return dateutil_tz.gettz(key)
    return None  # "suffix": the zone is in the text


@dataclass(frozen=True)
class Case:
    text: str
    kind: str
    key: str

    @property
    def tz(self) -> tzinfo | str | None:
        return _zone_argument(self.kind, self.key)


def _text(wall: datetime) -> str:
    return wall.isoformat(timespec="microseconds" if wall.microsecond else "seconds")


@st.composite
def cases(draw: st.DrawFn) -> Case:
    """A schedule in one of the forms that carry a zone, and how its zone is given."""
    key = draw(st.one_of(st.sampled_from(HISTORICAL_ZONES), st.sampled_from(ALL_KEYS)))
    kind = draw(st.sampled_from(KINDS))
    suffix = f"[{key}]" if kind == "suffix" else ""
    wall = draw(_walls(key))
    start = _text(wall)
    if kind == "suffix" and draw(st.booleans()):
        start += "Z"  # Z[Zone]: the instant in UTC, shown in the zone (S10)
    reps = draw(st.sampled_from(["R", "R5", "R1"]))
    period = draw(st.sampled_from(["P1D", "PT1H", "P1M", "PT0.5S", "P1Y2M3DT4H5M6.5S"]))
    form = draw(st.sampled_from(["start", "start", "interval", "end", "empty", "cycle"]))
    if form == "interval" and wall.year < 9998:
        end = wall + timedelta(days=draw(st.integers(2, 400)), seconds=draw(st.integers(0, 86_399)))
        text = f"{reps}/{start}{suffix}/{_text(end)}"
    elif form == "end":
        text = f"R{draw(st.integers(1, 20))}/{period}/{start}{suffix}"
    elif form == "empty":
        text = f"{reps}//{period}{suffix}"
    elif form == "cycle":
        text = f"{reps}/{period}{suffix}"
    else:
        text = f"{reps}/{start}{suffix}/{period}"
    return Case(text, kind, key)


def _parse(case: Case) -> Schedule:
    try:
        return isorepeat.parse(case.text, tz=case.tz)
    except ScheduleError:
        assume(False)  # out of range in that zone (S40), or a first run before 0001 (S17)
        raise


def _agrees_with_iana(schedule: Schedule, key: str) -> bool:
    """The library's offsets are the IANA ones from two days before the start, or the end, to
    two days after it; for a start counted back from its end (S17), also around the instant the
    end's calendar part lands on before its elapsed part is taken off (that offset places it)."""
    if schedule.start is None or schedule.tz is None:
        return True
    anchors = [schedule.start.astimezone(timezone.utc)]
    if schedule.end is not None:
        anchors.append(_EPOCH + timedelta(microseconds=schedule.end.instant // 1000))
    if schedule.form == "end" and schedule.repetitions:
        elapsed = schedule.repetitions * schedule.period.elapsed_nanoseconds
        anchors.append(anchors[0] + timedelta(microseconds=elapsed // 1000))
    try:
        moments = [anchor + timedelta(hours=hours) for anchor in anchors for hours in range(-48, 49, 3)]
        if not all(m.astimezone(schedule.tz).utcoffset() == _offset(key, m) for m in moments):
            return False
    except OverflowError:  # within two days of the year 0001 or 9999
        return False
    return _places_the_wall_alike(schedule, key)


def _places_the_wall_alike(schedule: Schedule, key: str) -> bool:
    """The start's wall time is the instant zoneinfo's zone gives it (fold=0: the earlier pass of
    an overlap, forward across a gap, S24's "compatible"): offsets that agree at every instant
    can still place a wall time at a change differently (dateutil at Pangnirtung's 1945 change)."""
    wall = schedule.start_wall_ns
    if wall is None or schedule.form != "start":
        return True
    local = datetime(1970, 1, 1) + timedelta(microseconds=wall // 1000)
    placed = local.replace(tzinfo=zoneinfo.ZoneInfo(key)).astimezone(timezone.utc)
    return placed == schedule.start


def _reparse(canonical: str) -> Schedule:
    assert len(canonical) <= MAX_LENGTH, (len(canonical), canonical[:80])
    try:
        return isorepeat.parse(canonical)
    except ScheduleError as error:
        raise AssertionError(
            f"{canonical!r} does not parse: {error.message} (column {error.column})"
        ) from None


@settings(SETTINGS, max_examples=400)
@given(cases())
@example(Case("R/1850-01-01T00:00:00/P1D", "pytz", "Europe/Berlin"))  # pytz rounds LMT to +00:53
@example(Case("R/1850-01-01T00:00:00/P1D", "name", "Europe/Berlin"))  # +00:53:28
@example(Case("R/1869-12-31T18:07:00Z/P1D", "suffix", "Asia/Kolkata"))  # later pass, with seconds
@example(Case("R/1893-01-01T00:00:00/1893-01-03T00:00:00", "name", "Europe/Berlin"))  # an LMT end
@example(Case("R5/P1D/1850-01-01T00:00:00", "pytz", "Europe/Berlin"))
@example(Case("R/1883-11-18T12:02:00/PT1H", "name", "America/New_York"))  # LMT's overlap, LMT first
@example(Case("R/1883-11-18T12:02:00/PT1H", "pytz", "America/New_York"))
@example(Case("R/0001-01-01T12:00:00/P1D", "zoneinfo", "Asia/Kathmandu"))
@example(Case("R/9999-12-31T00:00:00/P1D", "pytz", "Pacific/Kiritimati"))
@example(Case("R3/PT10M", "pytz", "Europe/Berlin"))
@example(Case("R//PT10M", "dateutil", "Europe/Dublin"))
@example(Case("R/1945-09-30T02:00:00/P1D", "dateutil", "America/Pangnirtung"))  # placed apart
# counted back across Berlin's 1893 change from local mean time, where dateutil has no LMT
@example(Case("R20/P1Y2M3DT4H5M6.5S/1916-10-01T01:00:00", "dateutil", "Europe/Berlin"))
def test_s20_printed_text_parses_back(case: Case) -> None:
    schedule = _parse(case)
    canonical = str(schedule)
    again = _reparse(canonical)
    if case.kind in ("name", "zoneinfo", "suffix"):
        assert again == schedule, (case, canonical, str(again))
        assert str(again) == canonical
        assert eval(repr(schedule), {"Schedule": Schedule}) == schedule
        return
    # pytz and dateutil: read back in the zoneinfo zone of their key.
    assert str(_reparse(str(again))) == str(again), (case, canonical, str(again))
    eval(repr(schedule), {"Schedule": Schedule})  # evaluates
    if _agrees_with_iana(schedule, case.key):
        assert again == schedule, (case, canonical, str(again))
        assert str(again) == canonical


# -- S2: the canonical text stays within the 1,000 characters parse reads ----------------------


@st.composite
def long_texts(draw: st.DrawFn) -> tuple[str, str | None]:
    """Texts near the limit whose canonical form is longer: a long count, basic or reduced
    forms that print in full, and a tz whose name the text gains as a suffix."""
    tz = draw(st.sampled_from([None, "America/Argentina/ComodRivadavia", "Europe/Berlin", "+05:30"]))
    rest = draw(
        st.sampled_from(
            [
                "/2012275/P1D",
                "/20121001T05Z/PT1S",
                "/2012-10-01T05:52:00.123456789Z/PT0.000001S",
                "/2012-W40-1/2012-W40-2",
                "/2008-02-15T13Z/16",
                "//PT1M",
                "/PT1M",
                "/P1D/2012-10-01",
                "/P0D/20121001",
            ]
        )
    )
    count = draw(st.integers(MAX_LENGTH - 120, MAX_LENGTH - 1 - len(rest)))
    text = "R" + "9" * count + rest
    if rest.startswith("/P0D"):
        text = "R" + "0" * (count - 1) + "1" + rest  # a zero period needs R1 (the zeros are dropped)
    return text, tz


@settings(SETTINGS, max_examples=200)
@given(long_texts())
@example(("R" + "9" * 987 + "/2012275/P1D", "America/Argentina/ComodRivadavia"))
@example(("R" + "9" * 985 + "//PT1M", "America/Argentina/ComodRivadavia"))
@example(("R" + "9" * 987 + "/2012275/P1D", None))
def test_s2_canonical_text_is_never_too_long_to_parse(case: tuple[str, str | None]) -> None:
    text, tz = case
    assert len(text) <= MAX_LENGTH
    try:
        schedule = isorepeat.parse(text, tz=tz)
    except ScheduleError:  # too long to print, or (S17) a first run before 0001
        return
    canonical = str(schedule)
    assert len(canonical) <= MAX_LENGTH
    assert _reparse(canonical) == schedule
    if schedule.start is None:  # put into effect, it gains a start: that text parses too
        now = datetime(2026, 1, 31, 9, 0, 0, 123_456, tzinfo=timezone(timedelta(hours=-3)))
        resolved = schedule.resolve(now)
        assert _reparse(str(resolved)) == resolved


# Each row: text, tz, message.
TOO_LONG_TO_PRINT: Final = [
    (
        "R" + "9" * 987 + "/2012275/P1D",
        "America/Argentina/ComodRivadavia",
        "schedule too long: it prints as 1052 characters; at most 1000",
    ),
    (
        "R" + "9" * 987 + "/2012275/P1D",
        None,
        "schedule too long: it prints as 1013 characters; at most 1000",
    ),
    (
        "R" + "9" * 980 + "//PT1M",
        None,
        "schedule too long: put into effect, it prints as up to 1023 characters; at most 1000",
    ),
]


@pytest.mark.parametrize(("text", "tz", "message"), TOO_LONG_TO_PRINT)
def test_s2_schedule_that_prints_too_long_is_rejected(text: str, tz: str | None, message: str) -> None:
    assert len(text) <= MAX_LENGTH
    with pytest.raises(ScheduleError) as info:
        isorepeat.parse(text, tz=tz)
    assert (info.value.column, info.value.message, info.value.hint) == (
        0,
        message,
        "write a shorter count or period: parse(str(schedule)) must read it back",
    )


def test_s2_schedule_that_prints_exactly_1000_characters_is_accepted() -> None:
    text = "R" + "9" * 974 + "/2012275/P1D"  # prints 13 characters longer: 2012-10-01T00:00:00Z
    schedule = isorepeat.parse(text)
    assert len(str(schedule)) == MAX_LENGTH
    assert isorepeat.parse(str(schedule)) == schedule
