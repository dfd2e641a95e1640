"""isorepeat's own benchmark rows at two revisions, side by side in one run (run by hand, not a test).

    python benchmarks/revisions.py [--before REV|WORKTREE] [--after REV|WORKTREE] [--passes 15]
                                   [--min-time 0.05] [--clock cpu|wall] [--only KEYS]
                                   [--threshold 1.05] [--files 2000] [--jobs 1000] [--count 2000]

Did a change make isorepeat slower? The peers' rows of the other benchmarks cannot say: they
measure isorepeat against other libraries, one revision at a time, and two runs of them on a
shared machine differ by more than the few per cent in question. This script times isorepeat's
rows of those benchmarks at ``--before`` (default fdc25d8, the commit before issue 12, "dialects
as data") and ``--after`` (default ``HEAD``) in one run, interleaved:

* parse.py: ``isorepeat.parse`` of its 2,000 whole-schedule strings, ``Duration.parse`` of its
  durations and ``parse`` of its zoned starts (the same seed, so the same strings); µs per string;
* occurrences.py: workloads a-e, and a's row that parses inside the loop; the lists are
  ``schedule.occurrences("anchored")`` and the next runs ``next_after(t, mode="anchored")``
  where the revision has ``mode=`` (before it, every query was anchored), so both revisions
  answer the same question whatever a dialect's default mode is;
* check_files.py: ``check_jobs([DIR])`` on ``--files`` generated job files (its generator) in
  the worker, and the command line's cold start, ``python -m isorepeat check FILE`` in a
  subprocess of its own, on the first file ``check_jobs`` warns about a schedule in (the first
  file when ``check`` is left out);
* simulate_fleet.py: ``simulate_fleet([DIR], ..., workers=1)`` on its generated fleet of
  ``--jobs`` jobs over its window (the name is looked up at run time: ``isorepeat.chronos``
  first, then ``isorepeat``).

A revision that is not a directory is checked out with ``git worktree add --detach`` into a
temporary directory, removed at the end; a directory (``--after .``) is used as it is,
uncommitted changes included. The two revisions cannot both be imported as ``isorepeat`` in one
process, so each runs in a long-lived worker process of its own, this script with
``PYTHONPATH`` set to that worktree (nothing is installed; the worker checks where
``isorepeat`` came from). The workloads are the other benchmark modules' own definitions,
imported from this script's folder by both workers alike, and the inputs are generated once.

Before timing, each workload runs once at both revisions and the results are compared (the
occurrences, the canonical form of each parsed schedule, each diagnostic's place, code and
severity but not its wording, the fleet's runs and skips job by job): the "results" column says
"agree" or where they first differ. Timing is timeit's, as in the other benchmarks: each pass
repeats the operation enough times to last ``--min-time`` seconds (the same number at both
revisions), with the garbage collector off, except for checking, the command line and the fleet,
timed as their own benchmarks time them, collector on. The passes alternate between the two
workers, the order rotating each pass and workload, so a change in the machine's speed hits both
alike; each time is the median of ``--passes`` passes. The clock is CPU time, the worker's plus
that of the command line's processes (``--clock cpu``), so that other busy processes on a shared
machine count for less than in wall-clock time (``--clock wall``, the other benchmarks' clock);
both workers get the same ``PYTHONHASHSEED`` (0 unless set). "after/before" is the median of the
passes' own ratios (each pass's after over its before, timed one right after the other), flagged
when it is above ``--threshold``: it is steadier than the ratio of the two medians when the
machine is busy in some passes and not in others. "passes" is the middle half of those ratios,
a measure of the noise: run the same revision on both sides (``--before HEAD --after HEAD``)
to see how far from 1 the noise alone goes.
"""

from __future__ import annotations

import argparse
import gc
import importlib
import importlib.util
import inspect
import json
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta, timezone
from itertools import islice
from pathlib import Path
from types import ModuleType
from typing import IO, Any

BASELINE = "fdc25d8"
"""The commit before issue 12 ("dialects as data") started: the default ``--before``."""

HERE = Path(__file__).resolve().parent
CHECK_NOW = datetime(2026, 1, 1, tzinfo=timezone.utc)
"""``now`` for ``check_jobs`` (empty starts are checked against it), the same at both revisions."""

Json = Any
"""A value decoded from a worker's reply."""


# -- the other benchmarks, imported by path --------------------------------------------------


def bench(name: str) -> ModuleType:
    """``benchmarks/<name>.py`` as a module (not on ``sys.path``: ``parse`` would clash)."""
    qualified = f"_isorepeat_bench_{name}"
    if qualified in sys.modules:
        return sys.modules[qualified]
    spec = importlib.util.spec_from_file_location(qualified, HERE / f"{name}.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[qualified] = module  # dataclasses look their module up while it executes
    spec.loader.exec_module(module)
    return module


# -- the workloads ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Settings:
    """What both workers need to build the workloads: sizes, seeds and the generated inputs."""

    count: int
    seed: int
    check_dir: str
    cli_file: str
    fleet_dir: str
    fleet_days: float

    def as_json(self) -> dict[str, object]:
        return dict(vars(self))


KEYS = ("parse", "duration", "zoned", "a", "a-parse", "b", "c", "d", "e", "check", "cli", "fleet")
"""The workloads, in the order they run."""


def titles(args: argparse.Namespace) -> dict[str, str]:
    """Each workload's key and title, in the order they run."""
    o = bench("occurrences")
    return {
        "parse": f"parse: whole schedule, {args.count:,} strings (µs/string)",
        "duration": f"parse: Duration.parse, {args.count:,} strings (µs/string)",
        "zoned": f"parse: start with a zone, {args.count:,} strings (µs/string)",
        "a": f"a. first {o._A_COUNT:,} of {o._A_TEXT}",
        "a-parse": "a. the same, parsed inside",
        "b": f"b. next_after of {o._B_TEXT}",
        "c": f"c. next_after of {o._C_TEXT}",
        "d": f"d. {o._D_COUNT} monthly from 2024-01-31T09:00, Berlin",
        "e": f"e. {o._E_COUNT:,} daily from 2024-01-01T09:00, Berlin",
        "check": f"check_jobs([DIR]), {args.files:,} job files",
        "cli": "isorepeat check FILE (CLI cold start)",
        "fleet": f"simulate_fleet, {args.jobs:,} jobs, {args.days:g} days, workers=1",
    }


@dataclass(frozen=True)
class Work:
    """One workload, built in a worker."""

    operation: Callable[[], object]
    """What is timed."""
    result: Callable[[], list[str]]
    """Runs the operation once and describes its result, to compare with the other revision's."""
    items: int = 1
    """Items per operation: the time is given per item (per string for parsing)."""
    gc_off: bool = True


class Api:
    """The revision's names, looked up where each revision has them."""

    def __init__(self) -> None:
        isorepeat = importlib.import_module("isorepeat")  # the revision's: its types are not ours

        self.notes: list[str] = []
        self.parse: Callable[..., Any] = isorepeat.parse
        self.duration_parse: Callable[[str], Any] = isorepeat.Duration.parse
        parameters = inspect.signature(isorepeat.Schedule.next_after).parameters
        self.next_after_mode = "mode" in parameters
        self.notes.append(
            "next_after(t, mode='anchored')" if self.next_after_mode else "next_after(t): anchored, no mode="
        )

    def resolve(self, name: str, *modules: str) -> Any:
        """``name`` from the first of ``modules`` that has it (noted when there is a choice)."""
        for module_name in modules:
            try:
                found = getattr(importlib.import_module(module_name), name)
            except (AttributeError, ImportError):
                continue
            if len(modules) > 1:
                self.notes.append(f"{module_name}.{name}")
            return found
        msg = f"{name} is in none of {', '.join(modules)}"
        raise AttributeError(msg)


def _moments(result: object) -> list[str]:
    values = result if isinstance(result, list) else [result]
    return [value.isoformat() if isinstance(value, datetime) else repr(value) for value in values]


def _occurrences_work(api: Api, key: str) -> Work:
    o = bench("occurrences")
    if key == "a-parse":
        parse, text, count = api.parse, o._A_TEXT, o._A_COUNT

        def parse_and_list() -> object:
            return list(islice(parse(text).occurrences("anchored"), count))

        return Work(parse_and_list, lambda: _moments(parse_and_list()))
    if key in ("b", "c"):
        schedule = o._schedule(o._B_TEXT if key == "b" else o._C_TEXT)
        next_after, after = schedule.next_after, o.AFTER
        if api.next_after_mode:

            def operation() -> object:
                return next_after(after, mode="anchored")

        else:

            def operation() -> object:
                return next_after(after)

        return Work(operation, lambda: _moments(operation()))
    text, count, tz = {
        "a": (o._A_TEXT, o._A_COUNT, None),
        "d": ("R/2024-01-31T09:00:00/P1M", o._D_COUNT, o.BERLIN),
        "e": ("R/2024-01-01T09:00:00/P1D", o._E_COUNT, o.BERLIN),
    }[key]
    occurrences = o._schedule(text, tz).occurrences

    def first() -> object:
        return list(islice(occurrences("anchored"), count))

    return Work(first, lambda: _moments(first()))


def _parse_work(api: Api, key: str, settings: Settings) -> Work:
    p = bench("parse")
    rng = random.Random(settings.seed)  # the strings of parse.py, drawn in its order
    strings = {
        "parse": p._distinct(p._schedule_text, settings.count, rng),
        "duration": p._distinct(p._duration_text, settings.count, rng),
    }
    strings["zoned"] = [f"R/{start}/PT1M" for start in p._distinct(p._zoned_start_text, settings.count, rng)]
    texts: list[str] = strings[key]
    parse = api.duration_parse if key == "duration" else api.parse

    def each() -> None:
        for text in texts:
            parse(text)

    def result() -> list[str]:
        return [str(parse(text)) for text in texts]

    return Work(each, result, items=len(texts))


def _check_work(api: Api, settings: Settings) -> Work:
    check_jobs = api.resolve("check_jobs", "isorepeat.chronos")
    directory = Path(settings.check_dir) / "jobs"

    def check() -> object:
        return check_jobs([directory], now=CHECK_NOW)

    def result() -> list[str]:
        diagnostics: list[Any] = check()  # type: ignore[assignment]
        return [f"{d.path}:{d.line}:{d.col}: {d.code} {d.severity}" for d in diagnostics]

    return Work(check, result, gc_off=False)


def _cli_work(settings: Settings) -> Work:
    # The worker's PYTHONPATH, the revision's worktree, is the command's too.
    argv = [sys.executable, "-m", "isorepeat", "check", settings.cli_file]

    def cli() -> subprocess.CompletedProcess[str]:
        return subprocess.run(argv, cwd=settings.check_dir, capture_output=True, text=True, check=False)

    def result() -> list[str]:
        done = cli()
        if done.returncode not in (0, 1):
            msg = f"exit {done.returncode}: {done.stderr.strip()[-300:]}"
            raise RuntimeError(msg)
        # Where and what each finding is; not its wording, nor the hint lines.
        found = [
            " ".join(line.split(": ", 2)[:2])
            for line in done.stdout.splitlines()
            if line.startswith(settings.cli_file)
        ]
        return [f"exit {done.returncode}", *found]

    return Work(cli, result, gc_off=False)


def _fleet_work(api: Api, settings: Settings) -> Work:
    f = bench("simulate_fleet")
    simulate_fleet = api.resolve("simulate_fleet", "isorepeat.chronos", "isorepeat")
    policy = api.resolve("Policy", "isorepeat", "isorepeat.simulate").chronos2()
    directory, start = Path(settings.fleet_dir), f.WINDOW_START
    end = start + timedelta(days=settings.fleet_days)

    def fleet() -> object:
        return simulate_fleet([directory], start, end, outages=[f.OUTAGE], policy=policy, workers=1)

    def result() -> list[str]:
        done: Any = fleet()
        lines = [
            f"refused {done.refused}, errors {[e.code for e in done.errors]}",
            f"runs {done.runs}, skips {done.skips}",
            f"busiest minute {done.busiest_minute}, hour {done.busiest_hour}, gap {done.longest_gap}",
        ]
        lines += [
            f"{job.name}: {job.kind} runs {job.runs}, missed {job.missed}, superseded {job.superseded}, "
            f"not caught up {job.not_caught_up}, note {job.note is not None}"
            for job in done.jobs
        ]
        return lines

    return Work(fleet, result, gc_off=False)


def build(api: Api, key: str, settings: Settings) -> Work:
    if key in ("parse", "duration", "zoned"):
        return _parse_work(api, key, settings)
    if key == "check":
        return _check_work(api, settings)
    if key == "cli":
        return _cli_work(settings)
    if key == "fleet":
        return _fleet_work(api, settings)
    return _occurrences_work(api, key)


# -- the worker: one revision, in its own process --------------------------------------------


def cpu_seconds() -> float:
    """CPU time of this process and of its children that have ended (the command line's)."""
    try:
        import resource
    except ImportError:  # not on Unix: this process only
        return time.process_time()
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


CLOCKS: dict[str, Callable[[], float]] = {"cpu": cpu_seconds, "wall": time.perf_counter}


def _seconds(work: Work, number: int, clock: Callable[[], float]) -> float:
    """Seconds per operation over ``number`` operations, the collector off if ``work.gc_off``."""
    gc_was_enabled = gc.isenabled()
    if work.gc_off:
        gc.disable()
    try:
        begin = clock()
        for _ in range(number):
            work.operation()
        return (clock() - begin) / number
    finally:
        if gc_was_enabled:
            gc.enable()


def worker(worktree: Path) -> int:
    """Answer the parent's requests, one JSON object a line, until its end of input."""
    replies, sys.stdout = sys.stdout, sys.stderr  # nothing else may write to the replies
    origin = Path(str(importlib.import_module("isorepeat").__file__)).resolve()
    if not origin.is_relative_to(worktree.resolve()):
        print(f"isorepeat was imported from {origin}, not from {worktree}", file=sys.stderr)
        return 2
    api = Api()
    works: dict[str, Work] = {}

    def reply(value: dict[str, object]) -> None:
        replies.write(json.dumps(value) + "\n")
        replies.flush()

    reply({"isorepeat": str(origin.parent)})
    for line in sys.stdin:
        request = json.loads(line)
        key = request.get("key", "")
        try:
            if request["do"] == "notes":
                reply({"notes": api.notes})
            elif request["do"] == "build":
                works[key] = work = build(api, key, Settings(**request["settings"]))
                reply({"items": work.items, "result": work.result()})
            elif request["do"] == "calibrate":
                number_of: Callable[[Callable[[], object], float], int] = bench("occurrences")._number
                reply({"number": number_of(works[key].operation, request["min_time"])})
            else:
                reply({"seconds": _seconds(works[key], request["number"], CLOCKS[request["clock"]])})
        except Exception as error:  # reported by the parent, which stops timing this workload
            reply({"error": " ".join(f"{type(error).__name__}: {error}".split())[:200]})
    return 0


# -- the parent: revisions, workers, passes --------------------------------------------------


def _git(*args: str, cwd: Path = HERE) -> str:
    done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        msg = f"git {' '.join(args)}: {done.stderr.strip()}"
        raise SystemExit(msg)
    return done.stdout.strip()


@dataclass(frozen=True)
class Revision:
    name: str
    """"before" or "after"."""
    worktree: Path
    label: str
    """The commit, and how it was checked out."""


def _describe(commit: str, where: str, cwd: Path) -> str:
    """The commit, its date and where it is checked out; its subject on a second line."""
    sha, date, subject = _git("log", "-1", "--format=%h%n%cs%n%s", commit, cwd=cwd).split("\n", 2)
    subject = subject if len(subject) <= 90 else subject[:89] + "…"
    return f"{sha} of {date} ({where})\n{'':<8}{subject}"


@contextmanager
def checked_out(name: str, spec: str) -> Iterator[Revision]:
    """A worktree of ``spec``: the directory itself, or a temporary ``git worktree`` of the commit."""
    if Path(spec).is_dir():
        worktree = Path(spec).resolve()
        if not (worktree / "isorepeat" / "__init__.py").is_file():
            msg = f"{worktree} has no isorepeat/ package"
            raise SystemExit(msg)
        dirty = _git("status", "--porcelain", "--", "isorepeat", cwd=worktree)
        where = f"the worktree {worktree}" + (" with uncommitted changes to isorepeat/" if dirty else "")
        yield Revision(name, worktree, _describe("HEAD", where, worktree))
        return
    top = Path(_git("rev-parse", "--show-toplevel"))
    sha = _git("rev-parse", "--verify", f"{spec}^{{commit}}")
    scratch = Path(tempfile.mkdtemp(prefix=f"isorepeat-{name}-"))
    worktree = scratch / "worktree"
    _git("worktree", "add", "--detach", "--quiet", str(worktree), sha, cwd=top)
    try:
        yield Revision(name, worktree, _describe(sha, f"{spec}, in a temporary worktree", top))
    finally:
        _git("worktree", "remove", "--force", str(worktree), cwd=top)
        shutil.rmtree(scratch, ignore_errors=True)


class Worker:
    """A revision's worker process, and a request-reply channel to it."""

    def __init__(self, revision: Revision, cwd: Path) -> None:
        env = dict(os.environ, PYTHONPATH=str(revision.worktree))
        # The command line's cold start is timed with its bytecode cached, as it is once installed.
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        # One hash seed for both: sets and dicts of strings laid out alike, run after run.
        env.setdefault("PYTHONHASHSEED", "0")
        self.revision = revision
        self.process = subprocess.Popen(
            [sys.executable, str(Path(__file__).resolve()), "--worker", str(revision.worktree)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            env=env,
            cwd=cwd,
        )
        hello = self._read()
        self.origin: str = hello["isorepeat"]

    def _read(self) -> Json:
        stdout: IO[str] | None = self.process.stdout
        assert stdout is not None
        line = stdout.readline()
        if not line:
            msg = f"the {self.revision.name} worker stopped (exit {self.process.wait()})"
            raise SystemExit(msg)
        return json.loads(line)

    def ask(self, **request: object) -> Json:
        stdin: IO[str] | None = self.process.stdin
        assert stdin is not None
        stdin.write(json.dumps(request) + "\n")
        stdin.flush()
        return self._read()

    def close(self) -> None:
        if self.process.stdin is not None:
            self.process.stdin.close()
        self.process.wait()


def compare(before: list[str], after: list[str]) -> str:
    """ "agree", or where the two revisions' results first differ."""
    for index, (mine, theirs) in enumerate(zip(before, after, strict=False)):
        if mine != theirs:
            return f"differ at #{index}: before {mine!r}, after {theirs!r}"[:160]
    if len(before) != len(after):
        return f"differ: {len(before):,} results before, {len(after):,} after"
    return f"agree ({len(before):,})"


@dataclass
class Row:
    key: str
    title: str
    status: str = ""
    items: int = 1
    number: int = 1
    timed: bool = False
    times: tuple[list[float], list[float]] = field(default_factory=lambda: ([], []))
    """Seconds per item, pass by pass: before, after."""


def _generate(directory: Path, args: argparse.Namespace) -> Settings:
    begin = time.perf_counter()
    check_dir, fleet_dir = directory / "check", directory / "fleet"
    bench("check_files").generate(check_dir, args.files, args.seed)
    bench("simulate_fleet").generate(fleet_dir, args.jobs, 30.0, 7)  # its defaults: 30 days, seed 7
    cli_file = min((check_dir / "jobs").rglob("*.json"))
    print(
        f"inputs: {args.files:,} job files, a fleet of {args.jobs:,} jobs, generated in "
        f"{time.perf_counter() - begin:.1f} s",
        file=sys.stderr,
    )
    return Settings(args.count, args.seed, str(check_dir), str(cli_file), str(fleet_dir), args.days)


def _number(value: float) -> str:
    return f"{value:,.0f}" if value >= 1000 else f"{value:,.2f}"


def measure(
    rows: list[Row], workers: tuple[Worker, Worker], settings: Settings, args: argparse.Namespace
) -> None:
    """Build, check and calibrate every workload at both revisions, then time the passes."""
    for row in rows:
        replies = [worker.ask(do="build", key=row.key, settings=settings.as_json()) for worker in workers]
        failed = [
            f"{w.revision.name}: {r['error']}" for w, r in zip(workers, replies, strict=True) if "error" in r
        ]
        if failed:
            row.status = "fails at " + "; ".join(failed)
            continue
        row.status = compare(replies[0]["result"], replies[1]["result"])
        row.items = replies[0]["items"]
        if row.key == "check":
            # The command line checks a file with a schedule warning (IR2..), so it prints one too.
            found = [line for line in replies[0]["result"] if " IR2" in line]
            if found:
                settings = replace(settings, cli_file=found[0].partition(":")[0])
        numbers = [worker.ask(do="calibrate", key=row.key, min_time=args.min_time) for worker in workers]
        row.number = max(reply.get("number", 1) for reply in numbers)
        row.timed = True
        print(f"  {row.key:<9} {row.status}", file=sys.stderr)
    timed = [row for row in rows if row.timed]
    for index in range(args.passes):
        print(f"  pass {index + 1} of {args.passes}", file=sys.stderr)
        for position, row in enumerate(timed):
            # Rotate the order each pass and workload: neither revision always runs first.
            for side in ((0, 1), (1, 0))[(index + position) % 2]:
                reply = workers[side].ask(do="time", key=row.key, number=row.number, clock=args.clock)
                if "error" in reply:
                    row.status, row.timed = f"fails at {workers[side].revision.name}: {reply['error']}", False
                    break
                row.times[side].append(reply["seconds"] / row.items)
        timed = [row for row in timed if row.timed]


def report(rows: list[Row], threshold: float) -> None:
    head = f"{'workload':<54} {'before':>10} {'after':>10} {'after/before':>12} {'':<6} {'passes':>11}"
    print(f"\n{head}  results")
    print(f"{'':<54} {'µs/op':>10} {'µs/op':>10} {'':>12} {'':<6} {'middle half':>11}")
    slower = []
    for row in rows:
        if not row.timed:
            print(f"{row.title:<54} {'':>10} {'':>10} {'':>12} {'':<6} {'':>11}  {row.status}")
            continue
        before, after = (statistics.median(times) * 1e6 for times in row.times)
        # The ratio of each pass (its after over its before, run one right after the other), so
        # that a machine busy in some passes and not others moves both sides of a ratio alike.
        paired = [a / b for b, a in zip(*row.times, strict=True)]
        ratio = statistics.median(paired)
        low, _, high = statistics.quantiles(paired, n=4) if len(paired) > 1 else (ratio, ratio, ratio)
        flag = f"> {threshold:g}" if ratio > threshold else ""
        if flag:
            slower.append(row.key)
        print(
            f"{row.title:<54} {_number(before):>10} {_number(after):>10} {ratio:>12.3f} {flag:<6} "
            f"{low:>5.2f}-{high:<5.2f}  {row.status}"
        )
    verdict = ", ".join(slower) if slower else "none"
    print(f"\nslower than before by more than {(threshold - 1) * 100:g} %: {verdict}")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0] if __doc__ else None)
    parser.add_argument(
        "--before", metavar="REV", default=BASELINE, help=f"a commit or a worktree (default {BASELINE})"
    )
    parser.add_argument(
        "--after", metavar="REV", default="HEAD", help="a commit or a worktree, e.g. . (default HEAD)"
    )
    parser.add_argument("--passes", type=int, default=15, help="timed passes per revision (median)")
    parser.add_argument(
        "--clock",
        choices=list(CLOCKS),
        default="cpu",
        help="cpu: the CPU time of the worker and its children (default); wall: perf_counter",
    )
    parser.add_argument("--min-time", type=float, default=0.05, help="seconds per pass, at least")
    parser.add_argument("--count", type=int, default=2000, help="strings per parse workload")
    parser.add_argument("--files", type=int, default=2000, help="job files for check_jobs")
    parser.add_argument("--jobs", type=int, default=1000, help="jobs in the simulated fleet")
    parser.add_argument("--days", type=float, default=7.0, help="the fleet's window, in days")
    parser.add_argument("--seed", type=int, default=8601, help="seed of the strings and job files")
    parser.add_argument("--only", default="", help=f"workloads by key, comma-separated: {', '.join(KEYS)}")
    parser.add_argument("--threshold", type=float, default=1.05, help="flag an after/before ratio above this")
    parser.add_argument("--worker", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker is not None:
        return worker(args.worker)

    named = titles(args)
    assert tuple(named) == KEYS
    keys = [key.strip() for key in args.only.split(",") if key.strip()] or list(named)
    unknown = [key for key in keys if key not in named]
    if unknown:
        parser.error(f"unknown workloads {', '.join(unknown)}; they are {', '.join(named)}")
    rows = [Row(key, named[key]) for key in named if key in keys]
    with ExitStack() as stack:
        scratch = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="isorepeat-revisions-")))
        revisions = [
            stack.enter_context(checked_out("before", args.before)),
            stack.enter_context(checked_out("after", args.after)),
        ]
        settings = _generate(scratch, args)
        started = []
        for revision in revisions:
            started.append(Worker(revision, scratch))
            stack.callback(started[-1].close)
        workers = (started[0], started[1])
        gc.collect()
        print(
            f"results of each workload at both revisions, compared (then {args.passes} passes):",
            file=sys.stderr,
        )
        measure(rows, workers, settings, args)
        load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
        clock = "CPU time (worker and children)" if args.clock == "cpu" else "wall-clock time"
        print(
            f"Python {platform.python_version()} ({platform.python_implementation()}) on "
            f"{platform.machine()} {platform.system()}, {os.cpu_count()} CPUs, load average {load:.2f}; "
            f"{time.strftime('%Y-%m-%d %H:%M')}"
        )
        print(
            f"{clock}, median of {args.passes} passes of at least {args.min_time:g} s, "
            "the revisions interleaved"
        )
        for each in workers:
            print(f"{each.revision.name + ':':<8}{each.revision.label}")
            print(f"{'':<8}{'; '.join(each.ask(do='notes')['notes'])}")
        report(rows, args.threshold)
    return 0


if __name__ == "__main__":
    sys.exit(main())
