"""``isorepeat simulate``: a fleet of Chronos job files over a window, with scheduler outages.

All the work is :func:`isorepeat.chronos.simulate_fleet` (the summary; which jobs the table shows
is :meth:`~isorepeat.chronos.FleetResult.top` and ``affected``) and
:func:`isorepeat.chronos.fleet_events` (the timeline, asked for with ``--timeline``, and every row
of ``--format csv``); this module reads the arguments and writes the results as they come, so a
timeline of millions of events is never held in memory. Every time it prints is UTC.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Final, TextIO

from isorepeat.cli.common import UsageError, parse_moment, print_error
from isorepeat.simulate import POLICY_NAMES

if TYPE_CHECKING:
    from isorepeat.chronos.fleet import Fleet, FleetEvent, FleetResult, JobSummary, Peak
    from isorepeat.errors import ScheduleError
    from isorepeat.simulate import Policy, PolicyName, Run

__all__ = ["SORT_KEYS", "register", "run"]

_EXAMPLES = """\
examples:
  isorepeat simulate jobs/ --from 2026-03-23T00:00Z --until 2026-03-30T00:00Z
  isorepeat simulate jobs/ --from 2026-03-23T00:00Z --until 2026-03-24T00:00Z \\
      --down 2026-03-23T02:00Z/2026-03-23T02:45Z --timeline
  isorepeat simulate jobs/ --from 2026-03-23T00:00Z --until 2026-03-24T00:00Z \\
      --down 2026-03-23T02:00Z/PT45M --policy chronos3 --format csv > runs.csv
  isorepeat simulate a.json b.json --from 2026-03-23T00:00+01:00 \\
      --until 2026-03-23T12:00+01:00 --policy latest --epsilon PT10M \\
      --format json

policies:
  chronos2  Chronos 2.x (the default): every occurrence still inside its epsilon
            window runs when the scheduler is back; Rn counts occurrences;
            chained arithmetic
  chronos3  Chronos 3.x: no window; only the latest overdue occurrence runs;
            Rn counts runs
  each, latest, none
            that catch-up rule alone, with --epsilon (default PT60S), Rn
            counting occurrences and anchored arithmetic (ISO 8601's reading)
  A job's own "epsilon" replaces the window of every policy but chronos3.

output: the summary: runs, skips and late runs per job (why a job did not run),
the busiest minute and hour and the longest gap. --timeline adds one line per
event before it (text) or an "events" list (json). --format csv writes one row
per event, no summary. Every time printed is UTC, written with Z (csv and json
too). A --down interval outside the window changes nothing: a warning on
standard error says so.

the table: in the files' order; --sort ranks it (runs and skips the most first,
names with numbers as numbers: job-101 before job-1000; equals by name), --top
N keeps the first N (by runs unless --sort says), --only-affected the jobs
with a skip or a late run and the dependents that did not run. The totals are
the whole fleet's. Jobs whose own epsilon replaces the policy's are counted in
the header (named with --verbose, and in json).

exit status: 0 simulated, 1 job files with errors (nothing simulated, or the
others simulated with --skip-invalid), 2 usage errors
"""

_DESCRIPTION = """\
Simulate Chronos job files (as check reads them) from --from until --until:
scheduled jobs by their schedule and scheduleTimeZone, dependent jobs once per
completed round of their parents, the scheduler down during each --down
interval. Files with errors are refused, as check reports them.
"""

_PROGRESS_INTERVAL: Final = 0.1  # seconds between two redraws of the progress line
_CSV_FIELDS: Final = ("time", "job", "event", "due", "at", "delay_seconds", "reason")
_US: Final = timedelta(microseconds=1)
SORT_KEYS: Final = ("runs", "skips", "name")
"""``--sort``'s choices: :data:`isorepeat.chronos.fleet.SortKey`'s values (the fleet loads only
when the command runs; a test checks they agree)."""


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser(
        "simulate",
        help="simulate Chronos job files over a window, with outages",
        description=_DESCRIPTION,
        epilog=_EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("paths", metavar="PATH", nargs="+", help="job files or directories")
    parser.add_argument(
        "--from",
        dest="start",
        metavar="TIME",
        required=True,
        help="the window's start, ISO 8601 with an offset",
    )
    parser.add_argument(
        "--until",
        dest="end",
        metavar="TIME",
        required=True,
        help="the window's end (excluded), with an offset",
    )
    parser.add_argument(
        "--down",
        metavar="START/END",
        action="append",
        default=[],
        help="the scheduler is down from START until END (or START/PT45M); repeatable",
    )
    parser.add_argument(
        "--policy",
        choices=POLICY_NAMES,
        default="chronos2",
        help="how overdue runs are caught up (default chronos2)",
    )
    parser.add_argument(
        "--epsilon",
        metavar="DURATION",
        help="the window in which a late run may still start (default PT60S; none: no limit)",
    )
    parser.add_argument(
        "--format",
        choices=("text", "json", "csv"),
        default="text",
        help="text (default), json (one object) or csv (one row per event)",
    )
    parser.add_argument("--timeline", action="store_true", help="every event too, not only the summary")
    parser.add_argument(
        "--sort",
        choices=SORT_KEYS,
        help="rank the table's jobs: most runs or skips first, or by name (default: the files' order)",
    )
    parser.add_argument(
        "--top", metavar="N", type=int, help="only the first N jobs of the table (by runs unless --sort)"
    )
    parser.add_argument(
        "--only-affected",
        action="store_true",
        help="only the jobs with a skip or a late run, and the dependents that did not run",
    )
    parser.add_argument(
        "-v", "--verbose", action="store_true", help="name the jobs whose own epsilon replaces the policy's"
    )
    parser.add_argument(
        "--skip-invalid",
        action="store_true",
        help="simulate the files without errors instead of refusing them all (still exits 1)",
    )
    parser.add_argument(
        "--jvm-zone",
        metavar="ZONE",
        help="the Chronos server's zone, for starts without an offset (default UTC)",
    )
    parser.add_argument(
        "--workers",
        metavar="N",
        type=int,
        help="processes to share the jobs (default: the processors available)",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from isorepeat.chronos.fleet import load_fleet

    start, end = parse_moment(args.start, "--from"), parse_moment(args.end, "--until")
    if end < start:
        raise UsageError(f"--until {args.end!r} is before --from {args.start!r}")
    outages = [_outage(text) for text in args.down]
    policy = _policy(args.policy, args.epsilon)
    workers: int | None = args.workers  # None: the processors available
    if workers is not None and workers < 1:
        raise UsageError(f"--workers must be 1 or more, not {workers}")
    if args.top is not None and args.top < 1:
        raise UsageError(f"--top must be 1 or more, not {args.top}")
    if args.format == "csv" and (args.sort or args.top is not None or args.only_affected):
        raise UsageError("--sort, --top and --only-affected choose the summary's jobs: --format csv has none")
    for path in args.paths:
        if not Path(path).exists():
            raise UsageError(f"{path}: no such file or directory")
    for text, (down, up), overlaps in zip(args.down, outages, _overlaps(start, end, outages), strict=True):
        if not overlaps:
            where = "empty" if down == up else f"outside the window, {_utc(start)} until {_utc(end)}"
            _print_warning(f"--down {text!r} is {where}: it changes nothing")
    try:
        fleet = load_fleet(args.paths, jvm_zone=args.jvm_zone, skip_invalid=args.skip_invalid)
    except OSError as error:
        raise UsageError(f"{error.filename}: {error.strerror}") from None
    if fleet.errors:
        _report_errors(fleet, args.format)
    if fleet.refused:
        if args.format == "json":
            print(json.dumps({"refused": True, "errors": [asdict(d) for d in fleet.errors]}, indent=2))
        return 1
    write = _WRITERS[args.format]
    write(fleet, start, end, outages, policy, args, workers)
    return 1 if fleet.errors else 0


# -- options -------------------------------------------------------------------------------------


def _outage(text: str) -> tuple[datetime, datetime]:
    """``START/END`` or ``START/DURATION`` (hours, minutes, seconds)."""
    from isorepeat.duration import Duration
    from isorepeat.errors import ScheduleError

    parts = text.split("/")
    if len(parts) != 2 or not all(parts):
        raise UsageError(f"--down {text!r} is not START/END, e.g. 2026-03-23T02:00Z/2026-03-23T02:45Z")
    down = parse_moment(parts[0], f"--down {text!r}:")
    if parts[1][:1] in ("P", "p"):
        try:
            length = Duration.parse(parts[1])
        except ScheduleError as error:
            raise UsageError(
                f"--down {text!r}: {error.message}{_write(parts[1], error, days=False)}"
            ) from None
        if not length.is_fixed:
            raise UsageError(
                f"--down {text!r}: give the length in hours, minutes and seconds (PT24H for a day)"
            )
        return down, down + timedelta(microseconds=length.fixed_nanoseconds // 1000)
    try:
        up = parse_moment(parts[1], f"--down {text!r}:")
    except UsageError:
        written = duration_suggestion(parts[1], days=False)
        if written is None:
            raise
        raise UsageError(
            f"--down {text!r}: {parts[1]!r} is neither a date-time nor a duration: write {written}"
        ) from None
    if up < down:
        raise UsageError(f"--down {text!r} ends before it starts")
    return down, up


def _overlaps(start: datetime, end: datetime, outages: list[tuple[datetime, datetime]]) -> list[bool]:
    """Whether each outage shares a moment with the window: one that does not (an empty one
    shares none) changes nothing."""
    from isorepeat.chronos.fleet import Span

    window = Span(start, end)
    return [Span(down, up).overlaps(window) for down, up in outages]


def _policy(name: PolicyName, epsilon: str | None) -> Policy:
    from isorepeat.duration import Duration
    from isorepeat.errors import ScheduleError
    from isorepeat.simulate import Policy

    if epsilon is None:
        return Policy.named(name)  # the default window, PT60S, where the policy has one
    if name == "chronos3":
        raise UsageError("--epsilon: Chronos 3 has no epsilon window (--policy latest takes one)")
    try:
        window = None if epsilon.lower() == "none" else Duration.parse(epsilon)
    except ScheduleError as error:
        raise UsageError(
            f"--epsilon {epsilon!r}: {error.message}{_write(epsilon, error, days=True)}"
        ) from None
    try:
        return Policy.named(name, epsilon=window)
    except ValueError:  # zero or negative
        raise UsageError(f"--epsilon {epsilon!r}: give a positive duration, or none for no limit") from None


# A length as people type it: 3h, 45 min, 1h30m, 90s, 2 days, T3H, pt3h.
_SHORTHAND: Final = re.compile(r"(?i)p?t?\s*((?:[0-9]+(?:[.,][0-9]+)?\s*[a-z]+\s*)+)")
_SHORTHAND_PART: Final = re.compile(r"(?i)([0-9]+(?:[.,][0-9]+)?)\s*([a-z]+)")
_UNITS: Final = {
    **dict.fromkeys(("d", "day", "days"), "D"),
    **dict.fromkeys(("h", "hr", "hrs", "hour", "hours"), "H"),
    **dict.fromkeys(("m", "min", "mins", "minute", "minutes"), "M"),  # a length: minutes, not months
    **dict.fromkeys(("s", "sec", "secs", "second", "seconds"), "S"),
}


def duration_suggestion(text: str, /, *, days: bool) -> str | None:
    """The ISO 8601 duration meant by a length typed another way (``3h``: ``PT3H``), or ``None``.

    Units as people write them (``h``, ``min``, ``m`` for minutes, ``s``, ``days``), in any case
    and order, with or without a ``P`` or ``T`` in front (an ``M`` after a ``P`` alone is months:
    no guess); without ``days``, days become hours (``--down`` takes elapsed time: ``1d`` is
    ``PT24H``). Only a suggestion that parses is made.

    >>> from isorepeat.cli.simulate import duration_suggestion
    >>> duration_suggestion("3h", days=False), duration_suggestion("1h30m", days=False)
    ('PT3H', 'PT1H30M')
    >>> duration_suggestion("2 days", days=True), duration_suggestion("1d", days=False)
    ('P2D', 'PT24H')
    >>> duration_suggestion("soon", days=False) is None
    True
    """
    from isorepeat.duration import Duration
    from isorepeat.errors import ScheduleError

    text = text.strip()
    match = _SHORTHAND.fullmatch(text)
    if match is None:
        return None
    fields: dict[str, str] = {}
    for number, unit in _SHORTHAND_PART.findall(match.group(1)):
        designator = _UNITS.get(unit.lower())
        if designator is None or designator in fields:
            return None
        fields[designator] = number.replace(",", ".")
    if "M" in fields and text[:1] in ("P", "p") and text[1:2] not in ("T", "t"):
        return None  # P1.5M: months, as ISO 8601 reads an M before the T; no guess
    if "D" in fields and not days:
        if not fields["D"].isdigit() or not fields.get("H", "0").isdigit():
            return None
        fields["H"] = str(24 * int(fields.pop("D")) + int(fields.get("H", "0")))
    date = f"{fields['D']}D" if "D" in fields else ""
    time = "".join(f"{fields[unit]}{unit}" for unit in "HMS" if unit in fields)
    written = f"P{date}{'T' + time if time else ''}"
    try:
        Duration.parse(written)
    except ScheduleError:  # two fractions (1.5h30m): no suggestion rather than a wrong one
        return None
    return written


def _write(text: str, error: ScheduleError, *, days: bool) -> str:
    """``: write PT3H`` after an error about a duration, or the library's own hint, or nothing."""
    written = duration_suggestion(text, days=days)
    if written is not None and written != text:
        return f": write {written}"
    return f" ({error.hint})" if error.hint else ""


def _print_warning(message: str) -> None:
    # Standard error, as errors go: the output stays one json document or one csv table.
    print(f"isorepeat: warning: {message}", file=sys.stderr)


def _report_errors(fleet: Fleet, output_format: str) -> None:
    files = fleet.invalid_files
    what = f"{len(files)} file{'s' if len(files) != 1 else ''} with errors"
    if fleet.refused:
        print_error(f"{what}; nothing simulated (--skip-invalid simulates the other files)")
    else:
        print_error(f"left out {what}: {', '.join(files)}")
    if output_format != "json":
        for diagnostic in fleet.errors:
            print(diagnostic, file=sys.stderr)


# -- text --------------------------------------------------------------------------------------


def _write_text(
    fleet: Fleet,
    start: datetime,
    end: datetime,
    outages: list[tuple[datetime, datetime]],
    policy: Policy,
    args: argparse.Namespace,
    workers: int | None,
) -> None:
    from isorepeat.chronos.fleet import fleet_events

    if args.timeline:
        width = max((len(job.name) for job in fleet.jobs), default=0)
        for event in fleet_events(fleet, start, end, outages=outages, policy=policy):
            print(_event_line(event, width))
    result = _summary(fleet, start, end, outages, policy, workers)
    for line in _summary_lines(result, args, outages):
        print(line)


def _event_line(event: FleetEvent, width: int) -> str:
    from isorepeat.simulate import Run

    happened = event.event
    if isinstance(happened, Run):
        what = "ran"
        delay = _delay(happened)
        if delay:
            what = f"ran {_length(delay)} late (due {_utc(happened.due)})"
    else:
        what = f"skipped: {happened.reason}"
    return f"{_utc(event.moment)}  {event.job:<{width}}  {what}"


def _shown(result: FleetResult, args: argparse.Namespace) -> tuple[JobSummary, ...]:
    """The table's jobs: the files' order unless --sort or --top ranks them (--top: by runs)."""
    if args.sort is None and args.top is None:
        return result.affected() if args.only_affected else result.jobs
    return result.top(args.top, by=args.sort or "runs", only_affected=args.only_affected)


def _summary_lines(
    result: FleetResult, args: argparse.Namespace, outages: list[tuple[datetime, datetime]]
) -> Iterator[str]:
    downs = ""
    if outages:
        idle = _overlaps(result.start, result.end, outages).count(False)
        downs = f", {_count(len(outages), 'outage')}" + (f" ({idle:,} changing nothing)" if idle else "")
    yield f"{_count(len(result.jobs), 'job')} from {_utc(result.start)} until {_utc(result.end)}{downs}"
    yield f"policy {_policy_text(args.policy, result.policy)}"
    yield from _own_epsilon_lines(result, verbose=args.verbose)
    shown = _shown(result, args)
    width = max((len(job.name) for job in shown), default=0)
    width = max(width, len("job"))
    yield f"{'job':<{width}}  {'kind':<11}  {'runs':>9}  {'skipped':>9}"
    for job in shown:
        line = f"{job.name:<{width}}  {job.kind:<11}  {job.runs:>9,}  {job.skips:>9,}"
        details = _details([job])
        if details:
            line += f"  {details}"
        if job.note:
            line += f"  ({job.note})"
        yield line
    if len(shown) < len(result.jobs):
        chosen = ["--only-affected"] if args.only_affected else []
        if args.top is not None:
            chosen.append(f"--top {args.top:,}")
        yield f"({len(shown):,} of {_count(len(result.jobs), 'job')} shown: {', '.join(chosen)})"
    late = f" ({result.late:,} late)" if result.late else ""
    skipped = f" ({_skip_details(result.jobs)})" if result.skips else ""
    yield f"runs: {result.runs:,}{late}; skipped: {result.skips:,}{skipped}"
    yield f"busiest minute: {_peak(result.busiest_minute)}"
    yield f"busiest hour: {_peak(result.busiest_hour)}"
    gap = result.longest_gap
    yield "longest gap: " + (
        "none (an empty window)"
        if gap is None
        else f"{_utc(gap.start)} until {_utc(gap.end)} ({_length(gap.length) if gap.length else 'none'})"
    )


def _own_epsilon_lines(result: FleetResult, *, verbose: bool) -> Iterator[str]:
    """``own epsilons: 2 jobs replace the policy's PT60S``, and with --verbose which ones."""
    own = result.own_epsilons
    if not own:
        return
    replace = "replaces" if len(own) == 1 else "replace"
    line = f"own epsilons: {_count(len(own), 'job')} {replace} the policy's {result.policy.epsilon}"
    if not verbose:
        yield f"{line} (--verbose names {'it' if len(own) == 1 else 'them'})"
        return
    yield f"{line}:"
    width = max(len(job.name) for job in own)
    for job in own:
        yield f"  {job.name:<{width}}  {job.epsilon}"


def _details(jobs: Iterable[JobSummary]) -> str:
    """``1 missed, 2 ran late``: a job's skipped occurrences by reason, and its late runs."""
    late = sum(job.late for job in jobs)
    return ", ".join(part for part in (_skip_details(jobs), f"{late:,} ran late" if late else "") if part)


def _skip_details(jobs: Iterable[JobSummary]) -> str:
    """``2 missed, 1 superseded``: the skipped occurrences by reason."""
    counts = [0, 0, 0]
    for job in jobs:
        counts[0] += job.missed
        counts[1] += job.superseded
        counts[2] += job.not_caught_up
    names = ("missed", "superseded", "not caught up")
    return ", ".join(f"{count:,} {name}" for count, name in zip(counts, names, strict=True) if count)


def _peak(peak: Peak | None) -> str:
    if peak is None:
        return "none (no runs)"
    return f"{_utc(peak.start)}, {_count(peak.runs, 'run')}"


def _policy_text(name: str, policy: Policy) -> str:
    window = "no epsilon" if policy.epsilon is None else f"epsilon {policy.epsilon}"
    return f"{name}: {window}, catch-up {policy.catchup}, Rn counts {policy.count}, {policy.mode}"


# -- json and csv ----------------------------------------------------------------------------------


def _write_json(
    fleet: Fleet,
    start: datetime,
    end: datetime,
    outages: list[tuple[datetime, datetime]],
    policy: Policy,
    args: argparse.Namespace,
    workers: int | None,
) -> None:
    from isorepeat.chronos.fleet import fleet_events

    result = _summary(fleet, start, end, outages, policy, workers)
    document = {
        "refused": False,
        "from": _utc(start),
        "until": _utc(end),
        "policy": {"name": args.policy, **_policy_fields(policy)},
        "outages": [
            {"down": _utc(down), "up": _utc(up), "overlaps_window": overlaps}
            for (down, up), overlaps in zip(outages, _overlaps(start, end, outages), strict=True)
        ],
        "own_epsilons": {job.name: str(job.epsilon) for job in result.own_epsilons},
        "runs": result.runs,
        "late": result.late,
        "skips": result.skips,
        "busiest_minute": _peak_json(result.busiest_minute),
        "busiest_hour": _peak_json(result.busiest_hour),
        "longest_gap": None
        if result.longest_gap is None
        else {
            "start": _utc(result.longest_gap.start),
            "end": _utc(result.longest_gap.end),
            "seconds": _seconds(result.longest_gap.length),
        },
        "jobs_total": len(result.jobs),
        "jobs": [_job_fields(job) for job in _shown(result, args)],
        "errors": [asdict(d) for d in result.errors],
    }
    text = json.dumps(document, indent=2, ensure_ascii=False)
    if not args.timeline:
        print(text)
        return
    # The events last, streamed: the summary is whole, the timeline may be millions of lines.
    out = sys.stdout
    out.write(text[: -len("\n}")] + ',\n  "events": [')
    separator = "\n    "
    for event in fleet_events(fleet, start, end, outages=outages, policy=policy):
        out.write(separator + json.dumps(_event_fields(event), ensure_ascii=False))
        separator = ",\n    "
    out.write("\n  ]\n}\n")


def _write_csv(
    fleet: Fleet,
    start: datetime,
    end: datetime,
    outages: list[tuple[datetime, datetime]],
    policy: Policy,
    args: argparse.Namespace,
    workers: int | None,
) -> None:
    import csv

    from isorepeat.chronos.fleet import fleet_events

    writer = csv.DictWriter(sys.stdout, fieldnames=_CSV_FIELDS)
    writer.writeheader()
    progress = _Progress(sys.stderr)
    for count, event in enumerate(fleet_events(fleet, start, end, outages=outages, policy=policy), 1):
        writer.writerow(_event_fields(event))
        progress.events(count)
    progress.done()


def _event_fields(event: FleetEvent) -> dict[str, object]:
    from isorepeat.simulate import Run

    happened = event.event
    ran = isinstance(happened, Run)
    return {
        "time": _utc(event.moment),
        "job": event.job,
        "event": "run" if ran else "skipped",
        "due": _utc(happened.due),
        "at": _utc(happened.at) if isinstance(happened, Run) else None,
        "delay_seconds": _seconds(_delay(happened)) if isinstance(happened, Run) else None,
        "reason": None if isinstance(happened, Run) else happened.reason,
    }


def _job_fields(job: JobSummary) -> dict[str, object]:
    return {
        "name": job.name,
        "path": job.path,
        "kind": job.kind,
        "runs": job.runs,
        "late": job.late,
        "skips": job.skips,
        "missed": job.missed,
        "superseded": job.superseded,
        "not_caught_up": job.not_caught_up,
        "epsilon": None if job.epsilon is None else str(job.epsilon),
        "note": job.note,
    }


def _policy_fields(policy: Policy) -> dict[str, object]:
    return {
        "epsilon": None if policy.epsilon is None else str(policy.epsilon),
        "catchup": policy.catchup,
        "count": policy.count,
        "mode": policy.mode,
    }


def _peak_json(peak: Peak | None) -> dict[str, object] | None:
    return None if peak is None else {"start": _utc(peak.start), "runs": peak.runs}


# -- shared ----------------------------------------------------------------------------------------


def _summary(
    fleet: Fleet,
    start: datetime,
    end: datetime,
    outages: list[tuple[datetime, datetime]],
    policy: Policy,
    workers: int | None,
) -> FleetResult:
    from isorepeat.chronos.fleet import simulate_fleet

    progress = _Progress(sys.stderr)
    result = simulate_fleet(
        fleet, start, end, outages=outages, policy=policy, workers=workers, progress=progress
    )
    progress.done()
    return result


class _Progress:
    """``simulating: 4,000/10,000 jobs`` on stderr, redrawn in place, only on a terminal."""

    __slots__ = ("_last", "_shown", "_stream")

    def __init__(self, stream: TextIO) -> None:
        isatty = getattr(stream, "isatty", None)
        self._stream = stream if isatty is not None and isatty() else None
        self._last = 0.0
        self._shown = False

    def __call__(self, done: int, total: int) -> None:
        self._show(lambda: f"simulating: {done:,}/{total:,} jobs")

    def events(self, count: int) -> None:
        if count % 1000 == 0:
            self._show(lambda: f"writing: {count:,} events")

    def _show(self, text: Callable[[], str]) -> None:
        if self._stream is None:
            return
        now = time.monotonic()
        if now - self._last >= _PROGRESS_INTERVAL:
            self._last = now
            self._stream.write(f"\r{text()}\033[K")
            self._stream.flush()
            self._shown = True

    def done(self) -> None:
        if self._stream is not None and self._shown:
            self._stream.write("\r\033[K")
            self._stream.flush()


def _utc(moment: datetime) -> str:
    """``2026-03-23T02:00:00Z``: ISO 8601 in UTC, microseconds only when there are some."""
    return _utc_datetime(moment).isoformat().replace("+00:00", "Z")


def _delay(run: Run) -> timedelta:
    """How late a run started, in UTC: two datetimes of one zone subtract their wall times, and
    02:30 CEST caught up at 02:30 CET of a fall-back night would be 0 s late."""
    return _utc_datetime(run.at) - _utc_datetime(run.due)


def _utc_datetime(moment: datetime) -> datetime:
    return moment.astimezone(timezone.utc)


def _seconds(length: timedelta) -> int | float:
    """Whole seconds as an int, else a float of seconds (exact to the microsecond)."""
    micros = length // _US
    return micros // 1_000_000 if micros % 1_000_000 == 0 else micros / 1_000_000


def _length(length: timedelta) -> str:
    """``3 h 12 min``, ``2 days 1 h``, ``0.5 s``: the two largest units, the rest dropped."""
    micros = length // _US
    days, micros = divmod(micros, 86_400_000_000)
    hours, micros = divmod(micros, 3_600_000_000)
    minutes, micros = divmod(micros, 60_000_000)
    seconds, fraction = divmod(micros, 1_000_000)
    parts = [_count(days, "day")] if days else []
    parts += [f"{value} {unit}" for value, unit in ((hours, "h"), (minutes, "min")) if value]
    if micros:
        parts.append(f"{seconds}{f'.{fraction:06d}'.rstrip('0') if fraction else ''} s")
    return " ".join(parts[:2]) or "0 s"


def _count(number: int, noun: str) -> str:
    return f"{number:,} {noun}" if number == 1 else f"{number:,} {noun}s"


_WRITERS: Final[dict[str, Callable[..., None]]] = {
    "text": _write_text,
    "json": _write_json,
    "csv": _write_csv,
}
