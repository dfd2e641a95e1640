"""``isorepeat next``: the next runs of a schedule after a moment.

Anchored runs (S27) come from the O(1)/O(log k) queries (S32). Chained runs (S35) have no such
query: a fixed period that moves forward gives the same instants either way, so those come from
the anchored queries too; any other chained series is walked from its start, at most
``CHAINED_STEP_LIMIT`` steps (see there).
"""

from __future__ import annotations

import argparse
import itertools
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Final

from isorepeat.cli.common import UsageError, print_error
from isorepeat.cli.preview import (
    add_schedule_options,
    distance,
    load_schedule,
    moment_option,
    note_lines,
    utc_text,
)

if TYPE_CHECKING:
    from isorepeat.cli.preview import Loaded
    from isorepeat.schedule import Schedule

__all__ = ["CHAINED_STEP_LIMIT", "MAX_RUNS", "register", "run"]

MAX_RUNS: Final = 100_000
"""The most runs ``-n`` asks for: more is a usage error, not a stream that never ends."""

CHAINED_STEP_LIMIT: Final = 500_000
"""The most steps a chained series is walked to reach ``--after``. A step takes 1-6 µs, so the
walk stops within about 3 s; 500,000 steps of the shortest calendar period, a day, are 1,368
years. Further is a usage error that suggests ``--mode anchored`` or a later start."""

_DEFAULT_RUNS: Final = 10

_EXAMPLES = """\
examples:
  isorepeat next 'R5/2026-01-31T09:00:00/P1M' --tz Europe/Berlin
  isorepeat next 'R/2012-10-01T05:52:00Z/PT2S' -n 3 --after 2026-11-23T12:00:00Z
  isorepeat next 'R//PT10M' --now 2026-11-23T12:00:00Z --format json
  isorepeat next 'R/2012-01-31T00:00:00Z/P1M' --dialect chronos --tz PST -n 3
"""


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser(
        "next",
        help="print the next runs of a schedule",
        description="Print the next runs of SCHEDULE (default: from now on), one a line: local\n"
        "time, UTC and how far from now; then how many runs remain, and any notes.",
        epilog=_EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("schedule", metavar="SCHEDULE", help="an ISO 8601 repeating interval")
    parser.add_argument(
        "-n",
        metavar="N",
        default=str(_DEFAULT_RUNS),
        help=f"how many runs to print, 0 to {MAX_RUNS:,} (default {_DEFAULT_RUNS})",
    )
    parser.add_argument(
        "--after",
        metavar="TIME",
        help="print the runs strictly after TIME, ISO 8601 with an offset (default: the "
        "runs at or after --now)",
    )
    add_schedule_options(parser)
    parser.add_argument(
        "--mode",
        choices=("anchored", "chained"),
        help="anchored: every run counted from the start; chained: each from the one before, "
        "as Chronos does (default: chained with --dialect chronos, else anchored)",
    )
    parser.add_argument(
        "--format",
        choices=("text", "json"),
        default="text",
        help="text: one run a line (default); json: one object",
    )
    parser.set_defaults(run=run)


@dataclass(frozen=True, slots=True)
class _Window:
    """Where the runs start: strictly after ``--after``, or at or after ``--now``."""

    after: datetime
    inclusive: bool

    def admits(self, moment: datetime) -> bool:
        # In UTC: two datetimes sharing one ZoneInfo compare as wall times, fold ignored.
        moment, after = moment.astimezone(timezone.utc), self.after.astimezone(timezone.utc)
        return moment > after or (self.inclusive and moment == after)

    def __str__(self) -> str:
        return f"{'at or after' if self.inclusive else 'after'} {utc_text(self.after)}"


@dataclass(frozen=True, slots=True)
class _Runs:
    runs: list[datetime]
    remaining: int | None
    """Runs after those shown; ``None`` for an infinite schedule that goes on (0 once the year
    9999 ends it, S40)."""
    previous: datetime | None
    """The last run before the window, when no run is in it (for the text output)."""


def run(args: argparse.Namespace) -> int:
    from isorepeat.errors import ScheduleError

    count = _count(args.n)
    try:
        loaded = load_schedule(args)
        # Without --after, a run at this very moment (an empty start, S6) is the next one.
        window = _Window(moment_option(args.after, "--after", loaded.now), inclusive=args.after is None)
        mode = args.mode or ("chained" if args.dialect == "chronos" else "anchored")
        found = _find(loaded.schedule, window, count, mode)
    except ScheduleError as error:
        print_error(error)
        return 1
    if args.format == "json":
        print(json.dumps(_json(args, loaded, window, mode, found), indent=2, ensure_ascii=False))
    else:
        for line in _text(loaded, window, count, found):
            print(line)
    return 0


def _count(value: str) -> int:
    if not re.fullmatch(r"[0-9]+", value) or int(value) > MAX_RUNS:
        raise UsageError(f"-n must be a whole number from 0 to {MAX_RUNS:,}, not {value!r}")
    return int(value)


# -- finding the runs ----------------------------------------------------------------------


def _find(schedule: Schedule, window: _Window, count: int, mode: str) -> _Runs:
    if mode == "chained" and not _chain_is_anchored(schedule):
        return _walk_chain(schedule, window, count)
    after, inclusive = window.after, window.inclusive
    first = schedule.next_after(after, inclusive=inclusive)
    if first is None:
        return _Runs([], 0, schedule.previous_before(after, inclusive=not inclusive))
    k = schedule.index_of(first)
    assert k is not None  # next_after returns an occurrence
    runs = list(itertools.islice(_from_index(schedule, k), count))
    if mode == "chained" and runs:
        runs = _as_chained(schedule, k, runs)
    if len(runs) < count:  # n or the year 9999 ended the series
        return _Runs(runs, 0, None)
    return _Runs(runs, _remaining(schedule, k + len(runs)), None)


def _from_index(schedule: Schedule, k: int) -> Iterator[datetime]:
    """Occurrences k, k+1, ... until n or the year 9999 (S40), each an O(1) or O(log k) query."""
    for index in itertools.count(k):
        try:
            yield schedule[index]
        except IndexError:
            return


def _remaining(schedule: Schedule, shown_to: int) -> int | None:
    if schedule.repetitions is None:
        return None
    return max(0, len(schedule) - shown_to)


def _chain_is_anchored(schedule: Schedule) -> bool:
    """True when chained runs are the anchored ones: a fixed period that moves forward has no
    month end to clamp and no wall time to re-read, so k·P from the start and P after P agree
    (tests/test_cli.py checks this against the chain itself)."""
    period = schedule.period
    fields = (period.hours, period.minutes, period.seconds, period.nanoseconds)
    return period.is_fixed and min(fields) >= 0 and not period.is_zero


def _as_chained(schedule: Schedule, k: int, runs: list[datetime]) -> list[datetime]:
    """The anchored instants shown as the chain shows them: from its second run on, Chronos
    without a scheduleTimeZone keeps the offset it printed (CHRONOS.md §3.4)."""
    chain = schedule.occurrences(mode="chained")
    head = list(itertools.islice(chain, 2))
    if len(head) < 2:
        return runs
    later = head[1].tzinfo
    return [head[0] if k + i == 0 else t.astimezone(later) for i, t in enumerate(runs)]


def _walk_chain(schedule: Schedule, window: _Window, count: int) -> _Runs:
    """The chain from its first run in the window: that run and the ones the chain makes next."""
    from isorepeat.errors import ScheduleError

    start = schedule.start
    assert start is not None  # load_schedule resolved it
    period = schedule.period
    if max(period.years, period.months, period.weeks, period.days, period.elapsed_nanoseconds) <= 0:
        # Chronos accepts a zero or negative period (IR207): no run ever gets past the start.
        if not window.admits(start):
            return _Runs([], 0, None)
    else:
        try:
            # The anchored count is close to the chained one: refuse now rather than after 3 s.
            ahead = schedule.count_between(start, window.after)
        except ScheduleError:  # a period with mixed signs has no anchored series in Chronos
            ahead = 0
        if ahead > CHAINED_STEP_LIMIT:
            raise _too_far(window.after)
    chain = enumerate(schedule.occurrences(mode="chained"))
    previous = None
    for k, moment in chain:
        if window.admits(moment):
            break
        if k >= CHAINED_STEP_LIMIT:
            raise _too_far(window.after)
        previous = moment
    else:
        return _Runs([], 0, previous)
    following = (later for _, later in itertools.islice(chain, count - 1)) if count else ()
    runs = [moment, *following][:count]
    if len(runs) < count:  # the chain stopped at n or at the year 9999
        return _Runs(runs, 0, None)
    if schedule.repetitions is None:
        return _Runs(runs, None, None)
    return _Runs(runs, max(0, schedule.repetitions - k - len(runs)), None)


def _too_far(after: datetime) -> UsageError:
    return UsageError(
        f"--mode chained would walk more than {CHAINED_STEP_LIMIT:,} runs to reach "
        f"{utc_text(after)}: use --mode anchored, or a start closer to --after"
    )


# -- output --------------------------------------------------------------------------------


def _text(loaded: Loaded, window: _Window, count: int, found: _Runs) -> list[str]:
    now = loaded.now
    rows = [(t.isoformat(), utc_text(t), distance(t, now)) for t in found.runs]
    local_width = max((len(row[0]) for row in rows), default=0)
    utc_width = max((len(row[1]) for row in rows), default=0)
    lines = [f"{local:<{local_width}}  {utc:<{utc_width}}  {far}" for local, utc, far in rows]
    remaining = found.remaining
    if loaded.schedule.repetitions == 0:
        lines.append("no runs: R0 never runs")
    elif remaining is None:
        pass  # an infinite schedule goes on
    elif found.runs:
        lines.append(_more(remaining, infinite=loaded.schedule.repetitions is None))
    elif count and remaining == 0:
        line = f"no runs {window}"
        if found.previous is not None:
            line += f"; the last run: {found.previous.isoformat()} ({distance(found.previous, now)})"
        lines.append(line)
    else:  # -n 0
        lines.append(f"{remaining:,} {'run' if remaining == 1 else 'runs'} {window}")
    lines.extend(note_lines(loaded.schedule.notes))
    return lines


def _more(remaining: int, *, infinite: bool) -> str:
    if remaining == 0:
        return (
            "no more runs after these: the year 9999 ends the calendar"
            if infinite
            else "no more runs after these"
        )
    return f"{remaining:,} more {'run' if remaining == 1 else 'runs'} after these"


def _json(args: argparse.Namespace, loaded: Loaded, window: _Window, mode: str, found: _Runs) -> object:
    start = loaded.schedule.start
    return {
        "schedule": str(loaded.parsed),
        "dialect": args.dialect,
        "mode": mode,
        "tz": args.tz,
        "now": utc_text(loaded.now),
        "after": utc_text(window.after),
        "inclusive": window.inclusive,
        "start": None if start is None else start.isoformat(),
        "runs": [t.isoformat() for t in found.runs],
        "remaining": found.remaining,
        "notes": [
            {"code": note.code, "message": note.message, "hint": note.hint} for note in loaded.schedule.notes
        ],
    }
