"""``isorepeat explain``: what a schedule means, its first runs, and what to watch out for.

The diagnostics are those of ``isorepeat check`` (:func:`isorepeat.chronos.check_schedule`); the
comparison with the other dialect is made here, by parsing the text in both and comparing iso's
anchored runs (S27) with the chained runs Chronos makes (S35), run by run.
"""

from __future__ import annotations

import argparse
import itertools
from collections.abc import Iterable
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Final

from isorepeat.cli.common import print_error
from isorepeat.cli.preview import add_schedule_options, load_schedule, utc_text

if TYPE_CHECKING:
    from isorepeat.chronos import Diagnostic
    from isorepeat.schedule import Schedule

__all__ = ["COMPARED_RUNS", "FIRST_RUNS", "register", "run"]

FIRST_RUNS: Final = 5
"""How many runs ``explain`` prints."""

COMPARED_RUNS: Final = 1_000
"""How many runs of iso and Chronos are compared: month ends differ by the third run, DST
changes within a year, and 1,000 chained steps take a few milliseconds."""

_EXAMPLES = """\
examples:
  isorepeat explain 'R10/2012-10-01T05:52:00Z/PT2S'
  isorepeat explain 'R/2024-01-31T02:00:00Z/P1M' --dialect chronos
  isorepeat explain 'R/2008-03-01T13:00:00-04:00/P1D' --tz America/Los_Angeles
  isorepeat explain 'R//PT10M' --now 2026-11-23T12:00:00Z
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
    parser.add_argument("schedule", metavar="SCHEDULE", help="an ISO 8601 repeating interval")
    add_schedule_options(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from isorepeat.chronos import check_schedule
    from isorepeat.describe import describe
    from isorepeat.errors import ScheduleError

    try:
        loaded = load_schedule(args)
        schedule = loaded.schedule
        runs = _first_runs(schedule)
        meaning = describe(schedule)
    except ScheduleError as error:
        print_error(error)
        return 1
    text: str = args.schedule
    print(f"schedule: {loaded.parsed}")
    print(f"meaning:  {meaning}")
    mode = "chained, as Chronos runs them" if schedule.dialect == "chronos" else "anchored"
    if schedule.repetitions == 0:
        print("runs:     none (R0)")
    else:
        print(f"first runs ({mode}):")
        width = max(len(t.isoformat()) for t in runs) if runs else 0
        for moment in runs:
            print(f"  {moment.isoformat():<{width}}  {utc_text(moment)}")
        if schedule.repetitions is not None and schedule.repetitions > len(runs):
            more = schedule.repetitions - len(runs)
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
    if args.dialect == "iso":
        codes = {d.code for d in diagnostics}
        as_chronos = check_schedule(text, tz=args.tz, dialect="chronos", now=loaded.now)
        # IR100 says again what the comparison says: Chronos rejects the schedule.
        chronos_only = [d for d in as_chronos if d.code not in codes and d.code != "IR100"]
        for line in _diagnostic_lines(chronos_only, text, who="Chronos "):
            print(line)
    return 0


def _first_runs(schedule: Schedule) -> list[datetime]:
    runs = schedule.occurrences(mode="chained") if schedule.dialect == "chronos" else iter(schedule)
    return list(itertools.islice(runs, FIRST_RUNS))


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
    from isorepeat.errors import ScheduleError
    from isorepeat.grammar import parse

    try:
        iso = parse(args.schedule, tz=args.tz)
        iso_resolved = iso.resolve(now)
    except ScheduleError as error:
        return [f"iso rejects this schedule: {error.message}" + _hint(error.hint)]
    try:
        chronos = parse(args.schedule, tz=args.tz, dialect="chronos", jvm_zone=args.jvm_zone, now=now)
    except ScheduleError as error:
        return [f"Chronos rejects this schedule: {error.message}" + _hint(error.hint)]
    iso_runs, chronos_runs = _runs_of(iso_resolved, chained=False), _runs_of(chronos, chained=True)
    if iso_runs is None or chronos_runs is None:
        return ["Chronos runs it again and again at once: its period does not move forward (IR207)"]
    differences = [
        k
        for k, (a, b) in enumerate(zip(iso_runs, chronos_runs, strict=False))
        if a.astimezone(timezone.utc) != b.astimezone(timezone.utc)
    ]
    compared = min(len(iso_runs), len(chronos_runs))
    lines = []
    if differences:
        k = differences[0]
        lines.append(
            f"run {k + 1}: Chronos runs {chronos_runs[k].isoformat()} where iso runs "
            f"{iso_runs[k].isoformat()}: {_why(iso, chronos, k, iso_runs, chronos_runs, now)}"
        )
        if len(differences) > 1:
            lines.append(f"{len(differences):,} of the first {compared:,} runs differ")
    if len(iso_runs) != len(chronos_runs):
        lines.append(f"iso makes {len(iso_runs):,} runs and Chronos {len(chronos_runs):,}")
    if not lines:
        first = "both never run" if compared == 0 else f"the first {compared:,} runs are the same in both"
        lines.append(first)
    return lines


def _hint(hint: str | None) -> str:
    return f" ({hint})" if hint else ""


def _runs_of(schedule: Schedule, *, chained: bool) -> list[datetime] | None:
    from isorepeat.errors import ScheduleError

    try:
        occurrences = schedule.occurrences(mode="chained") if chained else iter(schedule)
        return list(itertools.islice(occurrences, COMPARED_RUNS))
    except ScheduleError:  # the chronos dialect's period that does not move forward
        return None


def _why(
    iso: Schedule,
    chronos: Schedule,
    k: int,
    iso_runs: list[datetime],
    chronos_runs: list[datetime],
    now: datetime,
) -> str:
    """Why run k differs: the start, a month end, a DST gap, or else Joda's chained arithmetic."""
    mine, theirs = iso_runs[k], chronos_runs[k]
    period = chronos.period
    if k == 0:
        return _why_start(iso, mine, theirs, now)
    if (period.years or period.months) and theirs.day < mine.day and theirs.time() == mine.time():
        return (
            f"Chronos adds {period} to the previous run (chained), so after a short month the day "
            f"stays at the {_ordinal(theirs.day)}; iso counts every run from the start (anchored), "
            f"so the {_ordinal(iso_runs[0].day)} comes back"
        )
    if not period.is_fixed and theirs.time() != mine.time():
        return (
            f"Chronos goes on from the wall time of the run before ({_clock(chronos_runs[k - 1])}), "
            f"which a DST change moved; iso keeps the start's wall time {_clock(iso_runs[0])} "
            "(anchored)"
        )
    return (
        f"Chronos adds {period} to the previous run with Joda's arithmetic (chained); iso counts "
        "every run from the start (anchored)"
    )


def _why_start(iso: Schedule, mine: datetime, theirs: datetime, now: datetime) -> str:
    if iso.start is None:
        return "Chronos puts an empty start into effect one second before now; iso at now"
    if theirs.replace(tzinfo=None) == mine.replace(tzinfo=None):
        if _zone_name(theirs) == _zone_name(mine):
            return (
                f"{_clock(mine)} happens twice in {_zone_name(mine)} that night: Chronos takes the "
                f"offset {_offset(theirs)} by Joda's rule (the offset in force at the instant "
                f"written), iso {_offset(mine)} (S25: the offset written if valid, else the "
                "earlier); write the offset you mean"
            )
        return (
            f"Chronos reads the start's wall time in {_zone_name(theirs)}, iso in "
            f"{_zone_name(mine)}: give the zone with --tz"
        )
    if theirs.microsecond == mine.microsecond // 1000 * 1000 and theirs.microsecond != mine.microsecond:
        return "Chronos keeps milliseconds: it drops the rest of the start's fraction (IR208)"
    return "Chronos places the start in its zone by Joda's rules (CHRONOS.md §2), iso by S23-S25"


def _zone_name(moment: datetime) -> str:
    name = moment.tzname()
    key = getattr(moment.tzinfo, "key", None)
    return key if isinstance(key, str) else (name or "UTC")


def _offset(moment: datetime) -> str:
    return moment.isoformat()[-6:]


def _clock(moment: datetime) -> str:
    return moment.strftime("%H:%M:%S")


def _ordinal(day: int) -> str:
    suffix = "th" if 11 <= day <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")
    return f"{day}{suffix}"
