"""``isorepeat simulate``: a fleet of Chronos job files over a window, with scheduler outages.

All the work is :func:`isorepeat.chronos.simulate_fleet` (the summary) and
:func:`isorepeat.chronos.fleet_events` (the timeline, asked for with ``--timeline``, and every row
of ``--format csv``); this module reads the arguments and writes the results as they come, so a
timeline of millions of events is never held in memory.
"""

from __future__ import annotations

import argparse
import json
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
    from isorepeat.simulate import Policy, PolicyName

__all__ = ["register", "run"]

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

output: the summary: runs and skips per job, the busiest minute and hour and
the longest gap (UTC). --timeline adds one line per event before it (text) or
an "events" list (json). --format csv writes one row per event, no summary.

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
    for path in args.paths:
        if not Path(path).exists():
            raise UsageError(f"{path}: no such file or directory")
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
            raise UsageError(f"--down {text!r}: {error.message}") from None
        if not length.is_fixed:
            raise UsageError(
                f"--down {text!r}: give the length in hours, minutes and seconds (PT24H for a day)"
            )
        return down, down + timedelta(microseconds=length.fixed_nanoseconds // 1000)
    up = parse_moment(parts[1], f"--down {text!r}:")
    if up < down:
        raise UsageError(f"--down {text!r} ends before it starts")
    return down, up


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
        raise UsageError(f"--epsilon {epsilon!r}: {error.message}") from None
    try:
        return Policy.named(name, epsilon=window)
    except ValueError:  # zero or negative
        raise UsageError(f"--epsilon {epsilon!r}: give a positive duration, or none for no limit") from None


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
    for line in _summary_lines(result, args.policy, outages):
        print(line)


def _event_line(event: FleetEvent, width: int) -> str:
    from isorepeat.simulate import Run

    happened = event.event
    if isinstance(happened, Run):
        what = "ran"
        if happened.at != happened.due:
            what = f"ran {_length(happened.at - happened.due)} late (due {_utc(happened.due)})"
    else:
        what = f"skipped: {happened.reason}"
    return f"{_utc(event.moment)}  {event.job:<{width}}  {what}"


def _summary_lines(result: FleetResult, name: str, outages: list[tuple[datetime, datetime]]) -> Iterator[str]:
    downs = f", {_count(len(outages), 'outage')}" if outages else ""
    yield f"{_count(len(result.jobs), 'job')} from {_utc(result.start)} until {_utc(result.end)}{downs}"
    yield f"policy {_policy_text(name, result.policy)}"
    width = max((len(job.name) for job in result.jobs), default=0)
    width = max(width, len("job"))
    yield f"{'job':<{width}}  {'kind':<11}  {'runs':>9}  {'skipped':>9}"
    for job in result.jobs:
        line = f"{job.name:<{width}}  {job.kind:<11}  {job.runs:>9,}  {job.skips:>9,}"
        details = _skip_details([job])
        if details:
            line += f"  {details}"
        if job.note:
            line += f"  ({job.note})"
        yield line
    skipped = f" ({_skip_details(result.jobs)})" if result.skips else ""
    yield f"runs: {result.runs:,}; skipped: {result.skips:,}{skipped}"
    yield f"busiest minute: {_peak(result.busiest_minute)}"
    yield f"busiest hour: {_peak(result.busiest_hour)}"
    gap = result.longest_gap
    yield "longest gap: " + (
        "none (an empty window)"
        if gap is None
        else f"{_utc(gap.start)} until {_utc(gap.end)} ({_length(gap.length) if gap.length else 'none'})"
    )


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
        "outages": [{"down": _utc(down), "up": _utc(up)} for down, up in outages],
        "runs": result.runs,
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
        "jobs": [_job_fields(job) for job in result.jobs],
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
        "due": happened.due.isoformat(),
        "at": happened.at.isoformat() if isinstance(happened, Run) else None,
        "delay_seconds": _seconds(happened.at - happened.due) if isinstance(happened, Run) else None,
        "reason": None if isinstance(happened, Run) else happened.reason,
    }


def _job_fields(job: JobSummary) -> dict[str, object]:
    return {
        "name": job.name,
        "path": job.path,
        "kind": job.kind,
        "runs": job.runs,
        "skips": job.skips,
        "missed": job.missed,
        "superseded": job.superseded,
        "not_caught_up": job.not_caught_up,
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
    return moment.astimezone(timezone.utc).isoformat().replace("+00:00", "Z")


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
