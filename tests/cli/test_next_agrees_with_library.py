"""``isorepeat next`` prints what the library answers: its first run is ``next_after``.

For a schedule text, its zone options, ``--now`` and a moment ``x``,
``isorepeat.parse(text, dialect=..., now=NOW).next_after(x, mode=...)`` must be the first run that
``isorepeat next text --dialect ... --after x --now NOW --mode ...`` prints, in both modes:

* a run: the first line starts with its local time and its UTC time;
* none (the series ended): the CLI says "no runs after <x>" (or "no runs: R0 never runs");
* a ScheduleError: the CLI exits 1 and prints the error on stderr, nothing on stdout;
* a WalkLimitError (a chained walk too long): the CLI's usage error, exit 2.

Checked for every Chronos vector (its schedule and zone options, moments around its runs) and as
a property over generated schedule texts in both dialects.
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from itertools import islice
from typing import Any, Final

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import isorepeat
from isorepeat import Schedule, ScheduleError, WalkLimitError
from isorepeat.dialects import Mode
from tests.cli.helpers import NOW, run_cli
from tests.paths import CHRONOS_VECTORS
from tests.properties.strategies import SETTINGS

UTC: Final = timezone.utc
MODES: Final[tuple[Mode, ...]] = ("anchored", "chained")
US: Final = timedelta(microseconds=1)
DEFAULT_NOW: Final = datetime.fromisoformat(NOW.replace("Z", "+00:00"))
VECTORS: Final[list[dict[str, Any]]] = json.loads(CHRONOS_VECTORS.read_text(encoding="utf-8"))
WALK_TOO_LONG: Final = "isorepeat: error: --mode chained would walk more than "


def _utc_text(moment: datetime) -> str:
    """How the CLI writes a moment in UTC: ``2026-01-01T00:00:00Z``."""
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z")


def assert_next_agrees(
    capsys: pytest.CaptureFixture[str],
    text: str,
    *,
    dialect: str,
    mode: Mode,
    after: datetime,
    now: datetime,
    tz: str | None = None,
    jvm_zone: str | None = None,
) -> str:
    """Run both and compare; return what happened (``"run"``, ``"ended"``, ``"error"``, ``"walk"``)."""
    argv = ["next", "-n", "1", f"--dialect={dialect}", f"--mode={mode}"]
    argv += [f"--after={after.isoformat()}", f"--now={now.isoformat()}"]
    if tz is not None:
        argv.append(f"--tz={tz}")
    if jvm_zone is not None:
        argv.append(f"--jvm-zone={jvm_zone}")
    status, out, err = run_cli(capsys, *argv, "--", text)
    try:
        schedule = isorepeat.parse(text, dialect=dialect, tz=tz, jvm_zone=jvm_zone, now=now)
        expected = schedule.next_after(after, mode=mode)
    except ScheduleError as error:
        raised: ScheduleError | None = error
    else:
        raised = None
    if isinstance(raised, WalkLimitError):
        assert status == 2, (out, err)
        assert out == []
        assert err.startswith(WALK_TOO_LONG)
        return "walk"
    if raised is not None:
        assert (status, out) == (1, []), err
        assert err == f"isorepeat: error: {raised}\n"
        return "error"
    assert (status, err) == (0, ""), out
    assert out, "isorepeat next printed nothing"
    if expected is not None:
        local, utc, *_ = out[0].split()
        assert (local, utc) == (expected.isoformat(), _utc_text(expected))
        return "run"
    # The series has ended: the CLI says so, and names the last run when there was one.
    if schedule.repetitions == 0:
        assert out[0] == "no runs: R0 never runs"
        return "ended"
    said = f"no runs after {_utc_text(after)}"
    assert out[0].startswith(said), out
    last = schedule.previous_before(after, inclusive=True, mode=mode)
    rest = out[0][len(said) :]
    if last is None:
        assert rest == ""
    else:
        assert rest.startswith(f"; the last run: {last.isoformat()} (")
    return "ended"


# -- (a) the Chronos vectors ---------------------------------------------------------------------


def _now(vector: dict[str, Any]) -> datetime:
    text = vector["input"].get("now")
    return DEFAULT_NOW if text is None else datetime.fromisoformat(text.replace("Z", "+00:00"))


def _parse_vector(vector: dict[str, Any]) -> Schedule:
    given = vector["input"]
    return isorepeat.parse(
        given["schedule"],
        dialect="chronos",
        tz=vector["timezone"],
        jvm_zone=given.get("jvm_default_zone"),
        now=_now(vector),
    )


def _moments(vector: dict[str, Any], mode: Mode) -> list[datetime]:
    """The vector's ``now`` (when it has one), and moments around the start and the first runs:
    a day before the start; 1 µs before each run, at it, and 1 µs after it.

    They are only inputs: the library and the CLI must agree on each, whatever the runs are.
    """
    moments = [_now(vector)] if "now" in vector["input"] else []
    try:
        schedule = _parse_vector(vector)
        start = schedule.start
        runs = [] if start is None else list(islice(schedule.occurrences(mode=mode), 3))
    except ScheduleError:
        return moments or [DEFAULT_NOW]  # the error is what the two must agree on
    around = [] if start is None else [start - timedelta(days=1)]
    for run in runs:
        around += [run - US, run, run + US]
    for moment in around:
        try:
            moment.astimezone(UTC) + timedelta(days=1)  # the CLI's --after stays within UTC's years
        except OverflowError:
            continue
        if moment not in moments:
            moments.append(moment)
    return moments or [DEFAULT_NOW]


def _outcome(vector: dict[str, Any], mode: Mode, after: datetime) -> str:
    """What the library answers (the guard below counts them)."""
    try:
        return "ended" if _parse_vector(vector).next_after(after, mode=mode) is None else "run"
    except ScheduleError:
        return "error"


def _vector_params() -> list[Any]:
    return [
        pytest.param(vector, mode, id=f"{index}-{vector['input']['op']}-{mode}-{vector['input']['schedule']}")
        for index, vector in enumerate(VECTORS)
        for mode in MODES
    ]


def test_every_vector_is_checked() -> None:
    assert VECTORS, "no vectors found in tests/data"
    assert len(_vector_params()) == 2 * len(VECTORS)


@pytest.mark.parametrize(("vector", "mode"), _vector_params())
def test_next_agrees_with_next_after_on_chronos_vector(
    vector: dict[str, Any], mode: Mode, capsys: pytest.CaptureFixture[str]
) -> None:
    # The CLI has no --version: a parse_2x vector is read as Chronos HEAD reads it, on both sides.
    given = vector["input"]
    for after in _moments(vector, mode):
        assert_next_agrees(
            capsys,
            given["schedule"],
            dialect="chronos",
            mode=mode,
            after=after,
            now=_now(vector),
            tz=vector["timezone"],
            jvm_zone=given.get("jvm_default_zone"),
        )


def test_the_vectors_reach_every_outcome() -> None:
    # A guard on the table above: runs, ended series and errors are all among its cases.
    outcomes = {
        _outcome(vector, "anchored", after) for vector in VECTORS for after in _moments(vector, "anchored")
    }
    assert outcomes == {"run", "ended", "error"}


# -- a few fixed cases, one per outcome ------------------------------------------------------------

FIXED: Final = [
    # Each row: the text, its dialect and zone, --after, and what the two must agree on in
    # anchored and in chained mode.
    ("R5/2026-01-31T09:00:00/P1M", "iso", "Europe/Berlin", "2026-02-01T00:00:00Z", "run", "run"),
    ("R/2012-01-31T00:00:00Z/P1M", "chronos", "PST", "2012-03-01T00:00:00Z", "run", "run"),
    ("R//PT10M", "iso", None, "2026-01-01T00:00:00Z", "run", "run"),
    ("R//PT10M", "chronos", None, "2026-01-01T00:00:00Z", "run", "run"),
    ("R3/2012-01-01T00:00:00Z/P1D", "chronos", None, "2012-01-03T00:00:00Z", "ended", "ended"),
    ("R0/2012-01-01T00:00:00Z/P1D", "iso", None, "2000-01-01T00:00:00Z", "ended", "ended"),
    ("R/9999-12-31T23:59:50Z/PT1S", "iso", None, "9999-12-31T23:59:59Z", "ended", "ended"),
    ("R5/2012-13-01T00:00:00Z/P1D", "iso", None, "2012-01-01T00:00:00Z", "error", "error"),
    ("R/2012-01-31T00:00:00Z/P1M", "iso", "PST", "2012-01-01T00:00:00Z", "error", "error"),
    # A negative period: the anchored series refuses it (IR207); the chain steps backwards.
    ("R/2012-01-31T00:00:00.000Z/P-1M", "chronos", None, "2012-01-01T00:00:00Z", "error", "run"),
]


@pytest.mark.parametrize(("text", "dialect", "tz", "after", "anchored", "chained"), FIXED)
def test_next_agrees_with_next_after(
    text: str,
    dialect: str,
    tz: str | None,
    after: str,
    anchored: str,
    chained: str,
    capsys: pytest.CaptureFixture[str],
) -> None:
    moment = datetime.fromisoformat(after.replace("Z", "+00:00"))
    outcomes = [
        assert_next_agrees(capsys, text, dialect=dialect, mode=mode, after=moment, now=DEFAULT_NOW, tz=tz)
        for mode in MODES
    ]
    assert outcomes == [anchored, chained]


def test_a_chained_walk_too_long_is_a_usage_error_on_both_sides(capsys: pytest.CaptureFixture[str]) -> None:
    # A calendar period in a zone chains step by step: 7,000 years of P1DT1S is beyond the walk's bound.
    outcome = assert_next_agrees(
        capsys,
        "R/2012-01-31T00:00:00Z/P1DT1S",
        dialect="chronos",
        mode="chained",
        after=datetime(9000, 1, 1, tzinfo=UTC),
        now=DEFAULT_NOW,
        tz="Europe/Berlin",
    )
    assert outcome == "walk"


# -- (b) generated schedule texts ----------------------------------------------------------------

ZONES: Final = (
    None,
    "UTC",
    "Europe/Berlin",
    "America/Los_Angeles",
    "Australia/Sydney",
    "Asia/Kolkata",
    "Pacific/Apia",
    "+05:30",
    "-08:00",
    "PST",  # Chronos: America/Los_Angeles; iso: an unknown zone
    "EST",
    "Nowhere/Land",  # Chronos: UTC, silently; iso: an error
)
_UNITS: Final = ("Y", "M", "W", "D", "H", "TM", "S")
_APPROXIMATE: Final = {
    "Y": timedelta(days=365),
    "M": timedelta(days=30),
    "W": timedelta(weeks=1),
    "D": timedelta(days=1),
    "H": timedelta(hours=1),
    "TM": timedelta(minutes=1),
    "S": timedelta(seconds=1),
}


@st.composite
def _periods(draw: st.DrawFn) -> tuple[str, timedelta]:
    """A period with calendar and time parts (a fraction of a second sometimes), and roughly how
    long it is: to put moments a few runs after the start, never thousands (chained walks)."""
    units = draw(st.lists(st.sampled_from(_UNITS), min_size=1, max_size=4, unique=True))
    units.sort(key=_UNITS.index)
    values = {unit: draw(st.integers(0 if len(units) > 1 else 1, 45)) for unit in units}
    date = "".join(f"{values[unit]}{unit}" for unit in units if unit in ("Y", "M", "W", "D"))
    time = "".join(f"{values[unit]}{unit[-1]}" for unit in units if unit in ("H", "TM", "S"))
    if time.endswith("S") and draw(st.booleans()):
        time = time[:-1] + draw(st.sampled_from([".5", ".250", ",001"])) + "S"
    length = sum((values[unit] * _APPROXIMATE[unit] for unit in units), timedelta())
    return "P" + date + (f"T{time}" if time else ""), max(length, timedelta(seconds=1))


@st.composite
def _starts(draw: st.DrawFn) -> tuple[str, datetime]:
    """A start as written (offset ``Z``, a numeric one, or none) and roughly when it is."""
    ordinary = st.datetimes(datetime(1970, 1, 2), datetime(2100, 1, 1))
    hard = st.sampled_from(
        [
            datetime(2014, 3, 9, 2, 30),  # a gap in Los Angeles
            datetime(2014, 11, 2, 1, 30),  # an overlap in Los Angeles
            datetime(2011, 12, 29, 12),  # Apia skips 2011-12-30
            datetime(2012, 1, 31, 9),  # month ends
            datetime(9999, 12, 31, 23, 59, 50),  # the end of the calendar (S40)
        ]
    )
    moment = draw(st.one_of(ordinary, ordinary, ordinary, hard))
    text = moment.isoformat(timespec=draw(st.sampled_from(["seconds", "milliseconds", "minutes"])))
    return text + draw(st.sampled_from(["Z", "", "+01:00", "-08:00", "+05:30"])), moment.replace(tzinfo=UTC)


@st.composite
def schedule_cases(draw: st.DrawFn) -> tuple[str, str | None, datetime]:
    """``R[n]/<start>/<period>``, ``R[n]//<period>`` or ``R[n]/<period>``, a zone or none, and a
    moment near the start: a few runs before or after it."""
    reps = draw(st.sampled_from(["R", "R", "R", "R0", "R1", "R2", "R5", "R10", "R100000"]))
    period, length = draw(_periods())
    form = draw(st.sampled_from(["start"] * 6 + ["empty", "cycle"]))  # Chronos rejects the cycle
    if form == "start":
        start, near = draw(_starts())
        text = f"{reps}/{start}/{period}"
    else:
        near = DEFAULT_NOW
        text = f"{reps}//{period}" if form == "empty" else f"{reps}/{period}"
    runs = draw(st.integers(-3, 12))
    jitter = draw(st.sampled_from([timedelta(0), US, -US, timedelta(hours=14), -timedelta(hours=14)]))
    try:
        moment = near + runs * length + jitter
        moment.astimezone(UTC) + timedelta(days=1)
    except OverflowError:
        moment = near
    return text, draw(st.sampled_from(ZONES)), moment


QUICK: Final = settings(
    SETTINGS, suppress_health_check=[*SETTINGS.suppress_health_check, HealthCheck.function_scoped_fixture]
)
"""capsys is function-scoped: every example reads (and so empties) it before the next one runs."""


@pytest.mark.parametrize("dialect", ["iso", "chronos"])
@QUICK
@given(case=schedule_cases())
@example(case=("R5/2026-01-31T09:00:00/P1M", "Europe/Berlin", datetime(2026, 3, 31, 7, tzinfo=UTC)))
@example(case=("R/2012-01-31T00:00:00Z/P1M", "PST", datetime(2012, 5, 1, tzinfo=UTC)))
@example(case=("R3/2014-03-08T02:30:00/P1D", "America/Los_Angeles", datetime(2014, 3, 9, 10, 30, tzinfo=UTC)))
@example(case=("R//PT10M", None, DEFAULT_NOW))
@example(case=("R3/P1M", "Europe/Berlin", DEFAULT_NOW))
@example(case=("R/9999-12-31T23:59:50Z/PT1S", None, datetime(9999, 12, 31, 23, 59, 59, tzinfo=UTC)))
def test_next_agrees_with_next_after_on_generated_schedules(
    dialect: str, case: tuple[str, str | None, datetime], capsys: pytest.CaptureFixture[str]
) -> None:
    text, tz, after = case
    for mode in MODES:
        assert_next_agrees(capsys, text, dialect=dialect, mode=mode, after=after, now=DEFAULT_NOW, tz=tz)
