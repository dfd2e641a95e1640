"""Invariants of the BPMN engine models, on any text and on generated cycles.

* Any text, on any engine and element: the engine's verdict is a ScheduleError or a timer that
  fires; never another exception (the text comes from a user's model).
* The fires follow one another: a timer fires at or after it is due, and no fire is earlier than
  the one before.
* A cycle whose start is in the future, with a fixed whole-second period, in a UTC JVM: each
  engine's dues are the ISO 8601 runs start + k·P computed here with datetime, as many as the
  engine counts (Camunda 7: n + 1 with a start, camunda-bpm-platform#5476).
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from hypothesis import given
from hypothesis import strategies as st

from isorepeat.bpmn import Fires, fires
from isorepeat.bpmn.timers import TimerKind
from isorepeat.errors import ScheduleError
from tests.properties.strategies import SETTINGS

DEPLOYED = datetime(2026, 1, 1, tzinfo=timezone.utc)
ENGINES = [("zeebe", "49135"), ("zeebe", "2024"), ("zeebe", "63687"), ("camunda7", None)]
ENGINES += [("flowable", None), ("activiti", None)]
KINDS: list[TimerKind] = ["timeCycle", "timeDate", "timeDuration"]

# Text near the grammar, so that most draws get past the first character: the pieces of timers,
# their separators, blanks, and anything else.
_PIECES = st.sampled_from(
    [
        "R", "r", "R3", "R0", "R-1", "/", "//", "P", "PT", "T", "1", "10", "0.5", ",5", "Y", "M", "W",
        "D", "H", "S", "2026-01-31", "T10:00:00", "Z", "+02:00", "+0200", "-05", "[Europe/Berlin]",
        "[UTC]", " ", "\t", "0 0 9 * * ?", "${x}", "=", "2026", "-", ":", ".", "\u0663",
    ]
)  # fmt: skip
TEXTS = st.one_of(st.lists(_PIECES, max_size=8).map("".join), st.text(max_size=30))


def _verdict(text: str, dialect: str, version: str | None, kind: TimerKind) -> Fires | ScheduleError:
    try:
        return fires(text, dialect=dialect, version=version, kind=kind, now=DEPLOYED, limit=5)
    except ScheduleError as error:
        return error


@SETTINGS
@given(TEXTS, st.sampled_from(ENGINES), st.sampled_from(KINDS))
def test_any_text_is_a_schedule_error_or_fires_in_order(
    text: str, engine: tuple[str, str | None], kind: TimerKind
) -> None:
    dialect, version = engine
    result = _verdict(text, dialect, version, kind)
    if isinstance(result, ScheduleError):
        assert result.message
        assert 0 <= result.column <= len(text)
        return
    assert len(result.fired_at) <= 5
    for due, fired in zip(result.due, result.fired_at, strict=True):
        assert due is None or fired >= due
    assert all(a <= b for a, b in zip(result.fired_at, result.fired_at[1:], strict=False))


@SETTINGS
@given(
    st.sampled_from(ENGINES),
    st.integers(1, 6),
    st.integers(1, 10_000),
    st.integers(1, 86_400 * 3),
)
def test_a_future_cycle_fires_on_the_iso_8601_runs(
    engine: tuple[str, str | None], count: int, start_offset_s: int, period_s: int
) -> None:
    dialect, version = engine
    start = DEPLOYED + timedelta(seconds=start_offset_s)
    text = f"R{count}/{start.strftime('%Y-%m-%dT%H:%M:%S')}Z/PT{period_s}S"
    result = fires(text, dialect=dialect, version=version, now=DEPLOYED, limit=20)
    runs = count + 1 if dialect == "camunda7" else count
    assert result.total == runs
    assert list(result.due) == [start + k * timedelta(seconds=period_s) for k in range(runs)]
