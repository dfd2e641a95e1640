"""``isorepeat next``: the next runs of a schedule after a moment.

All the work is :meth:`isorepeat.Schedule.runs_after`, in the dialect's mode or ``--mode``:
O(1)/O(log k) anchored (S32), and chained (S35) either as fast (where chained equals anchored)
or by a walk of at most :data:`isorepeat.chain.WALK_LIMIT` runs; further is a usage error.
"""

from __future__ import annotations

import argparse
import json
import re
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Final

from isorepeat.chain import WALK_LIMIT
from isorepeat.cli.common import UsageError, print_error
from isorepeat.cli.engine_fires import add_engine_options
from isorepeat.cli.job_input import JobFileError, read_job_input, where
from isorepeat.cli.preview import (
    add_schedule_options,
    distance,
    load_schedule,
    moment_option,
    note_lines,
    utc_text,
)

if TYPE_CHECKING:
    from isorepeat.chronos.diagnostics import Finding
    from isorepeat.cli.preview import Loaded
    from isorepeat.dialects import Mode
    from isorepeat.schedule import Schedule

__all__ = ["MAX_RUNS", "register", "run"]

MAX_RUNS: Final = 100_000
"""The most runs ``-n`` asks for: more is a usage error, not a stream that never ends."""


_DEFAULT_RUNS: Final = 10

_EXAMPLES = """\
examples:
  isorepeat next 'R5/2026-01-31T09:00:00/P1M' --tz Europe/Berlin
  isorepeat next 'R/2012-10-01T05:52:00Z/PT2S' -n 3 --after 2026-11-23T12:00:00Z
  isorepeat next 'R//PT10M' --now 2026-11-23T12:00:00Z --format json
  isorepeat next 'R/2012-01-31T00:00:00Z/P1M' --dialect chronos --tz PST -n 3
  isorepeat next 'R3/PT10H' --dialect camunda7 --now 2026-01-01T00:00:00Z
"""


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser(
        "next",
        help="print the next runs of a schedule",
        description="Print the next runs of SCHEDULE (default: from now on), one a line: local\n"
        "time, UTC and how far from now; then how many runs remain, and any notes. With a\n"
        "BPMN engine's --dialect, the engine's fires of the timer deployed at --now: each\n"
        "due date and when it fired, then how many fires in all.",
        epilog=_EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "schedule",
        metavar="SCHEDULE",
        help="an ISO 8601 repeating interval, or a Chronos job file (- reads one from standard input)",
    )
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
    add_engine_options(parser)
    parser.add_argument(
        "--mode",
        choices=("anchored", "chained"),
        help="anchored: every run counted from the start; chained: each from the one before, "
        "as Chronos does (default: the dialect's own mode, chained for chronos)",
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
    from isorepeat.cli.engine_fires import check_engine_options, is_engine, print_fires

    if is_engine(args.dialect):
        return print_fires(args, count)
    check_engine_options(args, is_engine=False)
    try:
        job_input = read_job_input(args)
    except JobFileError as error:
        print_error(error)
        return 1
    try:
        loaded = load_schedule(args)
        # Without --after, a run at this very moment (an empty start, S6) is the next one.
        after = moment_option(args.after, "--after", loaded.now, loaded.zone)
        window = _Window(after, inclusive=args.after is None)
        mode: Mode = args.mode or loaded.schedule.mode
        found = _find(loaded.schedule, window, count, mode)
    except ScheduleError as error:
        print_error(error if job_input is None else where(job_input, error))
        return 1
    warnings = _discarded_offset(args, loaded)
    if args.format == "json":
        document = _json(args, loaded, window, mode, found, warnings)
        print(json.dumps(document, indent=2, ensure_ascii=False))
    else:
        for line in _text(loaded, window, count, found):
            print(line)
        for warning in warnings:
            print(f"warning: {warning.code} {warning.message}")
            if warning.hint:
                print(f"    hint: {warning.hint}")
        if job_input is not None:
            print(job_input.note)
    return 0


def _count(value: str) -> int:
    if not re.fullmatch(r"[0-9]+", value) or int(value) > MAX_RUNS:
        raise UsageError(f"-n must be a whole number from 0 to {MAX_RUNS:,}, not {value!r}")
    return int(value)


# -- finding the runs ----------------------------------------------------------------------


def _find(schedule: Schedule, window: _Window, count: int, mode: Mode) -> _Runs:
    """The library's answer (:meth:`Schedule.runs_after`), and the run before the window when
    none is in it."""
    from isorepeat.errors import WalkLimitError

    try:
        found = schedule.runs_after(window.after, count, inclusive=window.inclusive, mode=mode)
        previous = None
        if not found.runs and found.ended and count:
            previous = schedule.previous_before(window.after, inclusive=not window.inclusive, mode=mode)
    except WalkLimitError:
        raise UsageError(
            f"--mode chained would walk more than {WALK_LIMIT:,} runs to reach "
            f"{utc_text(window.after)}: use --mode anchored, or a start closer to --after"
        ) from None
    return _Runs(list(found.runs), found.remaining, previous)


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
    lines.extend(loaded.read_in)
    return lines


def _more(remaining: int, *, infinite: bool) -> str:
    if remaining == 0:
        return (
            "no more runs after these: the year 9999 ends the calendar"
            if infinite
            else "no more runs after these"
        )
    return f"{remaining:,} more {'run' if remaining == 1 else 'runs'} after these"


def _discarded_offset(args: argparse.Namespace, loaded: Loaded) -> list[Finding]:
    """IR202, as ``explain`` and ``check`` report it: ``--tz`` keeps the start's wall time and
    drops the offset written with it, so the runs are not at the instants the text gives."""
    if args.tz is None:
        return []
    from isorepeat.chronos.rules import ir202_offset_discarded, schedule_facts

    facts = schedule_facts(
        args.schedule, dialect=args.dialect, tz=args.tz, jvm_zone=args.jvm_zone, now=loaded.now
    )
    return list(ir202_offset_discarded(facts))


def _json(
    args: argparse.Namespace,
    loaded: Loaded,
    window: _Window,
    mode: str,
    found: _Runs,
    warnings: list[Finding],
) -> object:
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
        # When no run is left: the last one there was, as the text's last line says.
        "last_run": None if found.previous is None else found.previous.isoformat(),
        "notes": [
            {"code": note.code, "message": note.message, "hint": note.hint} for note in loaded.schedule.notes
        ],
        "warnings": [{"code": w.code, "message": w.message, "hint": w.hint} for w in warnings],
    }
