"""``isorepeat explain``: what a schedule means, its first runs, and what to watch out for.

The diagnostics are those of ``isorepeat check`` (:func:`isorepeat.chronos.check_schedule`), the
comparison with the other dialect that of :func:`isorepeat.chronos.compare` (iso's anchored runs,
S27, against the chained runs Chronos makes, S35): this module only prints them.
"""

from __future__ import annotations

import argparse
import itertools
from collections.abc import Iterable
from datetime import datetime
from typing import TYPE_CHECKING, Final

from isorepeat.cli.common import print_error
from isorepeat.cli.engine_fires import add_engine_options
from isorepeat.cli.job_input import JobFileError, read_job_input, where
from isorepeat.cli.preview import add_schedule_options, load_schedule, utc_text
from isorepeat.errors import UnrepresentableError

if TYPE_CHECKING:
    from isorepeat.chronos import Diagnostic
    from isorepeat.schedule import Schedule

__all__ = ["FIRST_RUNS", "register", "run"]

FIRST_RUNS: Final = 5
"""How many runs ``explain`` prints."""


_EXAMPLES = """\
examples:
  isorepeat explain 'R10/2012-10-01T05:52:00Z/PT2S'
  isorepeat explain 'R/2024-01-31T02:00:00Z/P1M' --dialect chronos
  isorepeat explain 'R/2008-03-01T13:00:00-04:00/P1D' --tz America/Los_Angeles
  isorepeat explain 'R//PT10M' --now 2026-11-23T12:00:00Z
  isorepeat explain 'R4/2026-01-05T09:00:00Z/PT5M' --dialect camunda7 --now 2026-01-01T00:00:00Z
"""


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser(
        "explain",
        help="explain a schedule: its meaning, first runs and diagnostics",
        description="Explain SCHEDULE: its canonical form, what it means in plain words, its\n"
        "first runs, the diagnostics of `isorepeat check`, and where iso and Chronos\n"
        "run it differently.",
        epilog=_EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "schedule",
        metavar="SCHEDULE",
        help="an ISO 8601 repeating interval, or a Chronos job file (- reads one from standard input)",
    )
    add_schedule_options(parser)
    add_engine_options(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from isorepeat.chronos import check_schedule
    from isorepeat.chronos.dialect import CHRONOS
    from isorepeat.cli.engine_fires import check_engine_options, explain_engine, is_engine
    from isorepeat.describe import describe
    from isorepeat.errors import ScheduleError

    if is_engine(args.dialect):
        return explain_engine(args)
    check_engine_options(args, is_engine=False)
    try:
        job_input = read_job_input(args)
    except JobFileError as error:
        print_error(error)
        return 1
    try:
        loaded = load_schedule(args)
        schedule = loaded.schedule
        runs = _first_runs(schedule)
        meaning = describe(schedule)
    except ScheduleError as error:
        print_error(error if job_input is None else where(job_input, error))
        return 1
    text: str = args.schedule
    print(f"schedule: {loaded.parsed}")
    print(f"meaning:  {meaning}")
    if job_input is not None:
        print(job_input.note)
    for line in loaded.read_in:
        print(line)
    engine = schedule.dialect_spec.engine
    mode = f"chained, as {engine} runs them" if schedule.mode == "chained" and engine else schedule.mode
    count = schedule.run_count
    if count == 0:
        print("runs:     none (R0)")
    else:
        print(f"first runs ({mode}):")
        width = max(len(t.isoformat()) for t in runs) if runs else 0
        for moment in runs:
            print(f"  {moment.isoformat():<{width}}  {utc_text(moment)}")
        if count is not None and count > len(runs):
            more = count - len(runs)
            print(f"  and {more:,} more {'run' if more == 1 else 'runs'}")
    diagnostics = check_schedule(
        text, tz=args.tz, dialect=args.dialect, jvm_zone=args.jvm_zone, now=loaded.now
    )
    print("diagnostics:" if diagnostics else "diagnostics: none")
    for line in _diagnostic_lines(diagnostics, text):
        print(line)
    print("iso and Chronos:")
    for line in _comparison(args, loaded.now):
        print(f"  {line}")
    if schedule.dialect_spec is not CHRONOS:
        codes = {d.code for d in diagnostics}
        as_chronos = check_schedule(text, tz=args.tz, dialect=CHRONOS, now=loaded.now)
        # IR100 says again what the comparison says: Chronos rejects the schedule.
        chronos_only = [d for d in as_chronos if d.code not in codes and d.code != "IR100"]
        for line in _diagnostic_lines(chronos_only, text, who="Chronos "):
            print(line)
    return 0


def _first_runs(schedule: Schedule) -> list[datetime]:
    return list(itertools.islice(schedule.occurrences(), FIRST_RUNS))  # in the dialect's mode


def _diagnostic_lines(diagnostics: Iterable[Diagnostic], text: str, who: str = "") -> list[str]:
    """``IR205 warning: ...``, the schedule with a caret under the column, the hint."""
    lines = []
    for diagnostic in diagnostics:
        lines.append(f"  {diagnostic.code} {who}{diagnostic.severity}: {diagnostic.message}")
        column = diagnostic.schedule_column
        if column is not None and 0 <= column <= len(text):
            # unicode_escape, as ScheduleError does: a tab must not shift the caret.
            shown = text.encode("unicode_escape").decode("ascii")
            before = text[:column].encode("unicode_escape").decode("ascii")
            lines.extend((f"    {shown}", f"    {' ' * len(before)}^"))
        if diagnostic.hint:
            lines.append(f"    hint: {diagnostic.hint}")
    return lines


# -- iso against Chronos ---------------------------------------------------------------------


def _comparison(args: argparse.Namespace, now: datetime) -> list[str]:
    """The lines of :func:`isorepeat.chronos.compare`'s answer, without their indent."""
    from isorepeat.chronos import compare

    result = compare(args.schedule, tz=args.tz, jvm_zone=args.jvm_zone, now=now)
    if result.iso_error is not None:
        error = result.iso_error
        return [f"iso rejects this schedule: {error.message}" + _hint(error.hint)]
    if isinstance(result.chronos_error, UnrepresentableError):
        return [result.chronos_error.message]  # it says that Chronos accepts the schedule
    if result.chronos_error is not None:
        error = result.chronos_error
        return [f"Chronos rejects this schedule: {error.message}" + _hint(error.hint)]
    if result.stands_still and result.chronos_runs == 0:  # Chronos has no series of runs to show
        return ["Chronos runs it again and again at once: its period does not move forward (IR207)"]
    lines = []
    first = result.first
    if first is not None:
        lines.append(
            f"run {first.index + 1}: Chronos runs {first.chronos.isoformat()} where iso runs "
            f"{first.iso.isoformat()}: {first.reason}"
        )
        if len(result.differences) > 1:
            lines.append(f"{len(result.differences):,} of the first {result.compared:,} runs differ")
    if result.iso_runs != result.chronos_runs:
        lines.append(f"iso makes {result.iso_runs:,} runs and Chronos {result.chronos_runs:,}")
    if result.same:
        same = f"the first {result.compared:,} runs are the same in both"
        lines.append("both never run" if result.compared == 0 else same)
    return lines


def _hint(hint: str | None) -> str:
    return f" ({hint})" if hint else ""
