"""The two dialects agree where Chronos has no quirk (issue 5 item 6; SEMANTICS S27, S28, S34).

Schedules both dialects accept the same way: a start to the millisecond with ``Z`` or an offset,
an IANA zone or none, a wall time that is neither in a gap nor in an overlap, and a period with
one calendar unit at most (Joda adds years and months one after the other, and resolves the wall
time between fields; S28 adds them together). Their anchored occurrences must be the same
instants, and the queries must give the same answers.
"""

from __future__ import annotations

import itertools
import zoneinfo
from datetime import datetime, timedelta, timezone
from typing import Final

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import isorepeat

SETTINGS: Final = settings(
    max_examples=400, deadline=None, suppress_health_check=[HealthCheck.filter_too_much]
)
ZONES: Final = (
    None,
    "Europe/Berlin",
    "America/Los_Angeles",
    "Australia/Sydney",
    "Asia/Kolkata",
    "America/St_Johns",
)
PERIODS: Final = st.one_of(
    st.integers(1, 400).map(lambda n: f"P{n}D"),
    st.integers(1, 60).map(lambda n: f"P{n}W"),
    st.integers(1, 30).map(lambda n: f"P{n}M"),
    st.integers(1, 5).map(lambda n: f"P{n}Y"),
    st.integers(1, 100_000).map(lambda n: f"PT{n}S"),
    st.tuples(st.integers(0, 48), st.integers(0, 59), st.integers(1, 999)).map(
        lambda t: f"PT{t[0]}H{t[1]}M0.{t[2]:03d}S"
    ),
    st.tuples(st.integers(1, 40), st.integers(1, 23)).map(lambda t: f"P{t[0]}DT{t[1]}H"),
)


def _is_plain_wall_time(wall: datetime, key: str) -> bool:
    """Neither in a gap nor in an overlap: both folds give the same, round-tripping offset."""
    zone = zoneinfo.ZoneInfo(key)
    early, late = wall.replace(tzinfo=zone, fold=0), wall.replace(tzinfo=zone, fold=1)
    if early.utcoffset() != late.utcoffset():
        return False
    back = early.astimezone(timezone.utc).astimezone(zone).replace(tzinfo=None)
    return back == wall


@st.composite
def _schedules(draw: st.DrawFn) -> tuple[str, str | None]:
    wall = draw(st.datetimes(datetime(1971, 1, 1), datetime(2037, 12, 31)))
    wall = wall.replace(microsecond=wall.microsecond // 1000 * 1000)
    key = draw(st.sampled_from(ZONES))
    if key is not None:
        assume(_is_plain_wall_time(wall, key))
    offset = draw(st.sampled_from(["Z", "+01:00", "-08:00", "+05:30", "-03:30"]))
    count = draw(st.sampled_from(["R", "R1", "R7", "R40"]))
    start = wall.isoformat(timespec="milliseconds")
    return f"{count}/{start}{offset}/{draw(PERIODS)}", key


@SETTINGS
@given(_schedules(), st.datetimes(datetime(1971, 1, 1), datetime(2040, 1, 1)))
def test_s34_dialects_agree_without_quirks(case: tuple[str, str | None], moment: datetime) -> None:
    text, key = case
    iso = isorepeat.parse(text, tz=key)
    chronos = isorepeat.parse(text, tz=key, dialect="chronos")
    utc = timezone.utc
    assert iso.start == chronos.start
    head_iso = [t.astimezone(utc) for t in itertools.islice(iso, 30)]
    head_chronos = [t.astimezone(utc) for t in itertools.islice(chronos.occurrences(mode="anchored"), 30)]
    assert head_iso == head_chronos, text
    when = moment.replace(tzinfo=utc)
    # Anchored: the chronos dialect's own mode is chained (S35), where month ends drift.
    assert iso.next_after(when) == chronos.next_after(when, mode="anchored")
    assert iso.previous_before(when) == chronos.previous_before(when, mode="anchored")
    assert iso.count_between(when - timedelta(days=400), when) == chronos.count_between(
        when - timedelta(days=400), when, mode="anchored"
    )
