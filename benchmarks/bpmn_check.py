"""Speed of ``isorepeat check`` on a directory of BPMN files (run by hand, not a test).

    python benchmarks/bpmn_check.py [--files 10000] [--runs 3] [--corpus DIR] [--keep DIR]
                                    [--profile cprofile|pyinstrument] [--top 25]

The target: checking 10,000 BPMN files takes under 10 s on 2 cores. The files are the real
models of the corpus (``../shared/corpus/bpmn/files/*.bpmn``: 209 files from 63 repositories,
Camunda 7 and 8, Flowable, Activiti, jBPM and generic models, 304 timers, odd values included),
copied in turn under new names (``model-00000.bpmn``...) into a temporary directory (``--keep
DIR`` writes them there instead and leaves them) until there are ``--files`` of them. Without the
corpus the script says so and exits 0.

Timed, each the median of ``--runs`` runs (the order of the contenders rotates each run):

* ``isorepeat check DIR --now 2026-01-01T00:00:00Z`` in a subprocess: the real command line,
  interpreter start-up and imports included, its output read through a pipe as pre-commit reads
  it; ``--now`` fixes the deployment time, so that the findings (a start in the past) do not
  depend on the day;
* ``check_paths([DIR], now=...)`` in this process: the same work without start-up and printing;
* the floor: reading every file's timers with :func:`isorepeat.bpmn.document.read_bpmn` (expat),
  with no rule checked at all.

``--profile`` runs ``check_paths`` once more under cProfile (the standard library) or
pyinstrument (when installed) and prints where the time goes. The files are read from the page
cache in every run (they were just written).
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import platform
import pstats
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from datetime import datetime, timezone
from importlib import metadata
from pathlib import Path

TARGET_SECONDS = 10.0
"""10,000 BPMN files under 10 s on 2 cores (the CLI, start-up included)."""
TARGET_FILES = 10_000
NOW = "2026-01-01T00:00:00Z"
"""The deployment time every run checks against (``--now``)."""

_CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus" / "bpmn" / "files"

Run = Callable[[], str]
"""One timed run over every file; returns a short description of what it found."""


def generate(directory: Path, corpus: Sequence[Path], count: int) -> int:
    """``count`` copies of the corpus files, cycled, in ``directory/models/``; returns the bytes."""
    target = directory / "models"
    target.mkdir(parents=True, exist_ok=True)
    size = 0
    for index in range(count):
        source = corpus[index % len(corpus)]
        copy = target / f"model-{index:05d}.bpmn"
        shutil.copyfile(source, copy)
        size += source.stat().st_size
    return size


def _isorepeat_cli(directory: Path) -> Run:
    def run() -> str:
        done = subprocess.run(
            [sys.executable, "-m", "isorepeat", "check", "models", "--now", NOW],
            cwd=directory,
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode not in (0, 1):
            raise RuntimeError(f"exit {done.returncode}: {done.stderr.strip()[-300:]}")
        return done.stdout.rstrip().rpartition("\n")[2]

    return run


def _isorepeat_library(directory: Path) -> Run:
    from isorepeat.bpmn.check import check_paths

    now = datetime(2026, 1, 1, tzinfo=timezone.utc)

    def run() -> str:
        report = check_paths([directory / "models"], now=now)
        counts = dict.fromkeys(("error", "warning", "note"), 0)
        for diagnostic in report.diagnostics:
            counts[diagnostic.severity] = counts.get(diagnostic.severity, 0) + 1
        return (
            f"{counts['error']:,} errors, {counts['warning']:,} warnings, {counts['note']:,} notes "
            f"in {len(report.checked):,} files"
        )

    return run


def _floor(directory: Path) -> Run:
    from isorepeat.bpmn.document import BpmnFileError, read_bpmn

    def run() -> str:
        timers = broken = 0
        for path in sorted((directory / "models").glob("*.bpmn")):
            try:
                timers += len(read_bpmn(path.read_bytes(), str(path)).timers)
            except BpmnFileError:
                broken += 1
        return f"{timers:,} timers read, {broken} files refused"

    return run


CONTENDERS: list[tuple[str, Callable[[Path], Run]]] = [
    ("isorepeat check DIR (subprocess, cold start)", _isorepeat_cli),
    ("isorepeat.bpmn.check.check_paths([DIR]) in process", _isorepeat_library),
    ("floor: read_bpmn of every file, no rule", _floor),
]


def _profile(directory: Path, how: str, top: int) -> None:
    """``check_paths`` once more, under a profiler; prints where its time goes."""
    from isorepeat.bpmn.check import check_paths

    now = datetime(2026, 1, 1, tzinfo=timezone.utc)
    if how == "pyinstrument":
        try:
            from pyinstrument import Profiler  # type: ignore[import-not-found]
        except ImportError:
            print("\npyinstrument is not installed; profiling with cProfile instead")
        else:
            profiler = Profiler()
            profiler.start()
            check_paths([directory / "models"], now=now)
            profiler.stop()
            print(profiler.output_text(unicode=True, color=False))
            return
    profiler = cProfile.Profile()
    profiler.enable()
    check_paths([directory / "models"], now=now)
    profiler.disable()
    for order in ("tottime", "cumulative"):
        out = io.StringIO()
        pstats.Stats(profiler, stream=out).sort_stats(order).print_stats(top)
        print(f"\ncProfile of check_paths, by {order} (top {top}):")
        print("\n".join(line for line in out.getvalue().splitlines() if line.strip())[:20_000])


def _version(distribution: str) -> str:
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return "?"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0] if __doc__ else None)
    parser.add_argument("--files", type=int, default=TARGET_FILES, help="BPMN files to generate")
    parser.add_argument("--runs", type=int, default=3, help="timed runs per contender (median)")
    parser.add_argument("--corpus", type=Path, default=_CORPUS, help="the directory of real *.bpmn files")
    parser.add_argument("--keep", type=Path, help="generate into this directory and leave the files there")
    parser.add_argument("--profile", choices=("cprofile", "pyinstrument"), help="profile check_paths once")
    parser.add_argument("--top", type=int, default=25, help="functions the profile lists")
    args = parser.parse_args(argv)

    corpus = sorted(args.corpus.glob("*.bpmn")) if args.corpus.is_dir() else []
    if not corpus:
        print(f"skipped: no BPMN corpus at {args.corpus} (pass --corpus DIR)")
        return 0

    with tempfile.TemporaryDirectory(prefix="isorepeat-bpmn-bench-") as scratch:
        directory = args.keep or Path(scratch)
        begin = time.perf_counter()
        size = generate(directory, corpus, args.files)
        count = len(list((directory / "models").glob("*.bpmn")))
        print(
            f"Python {platform.python_version()} ({platform.python_implementation()}) on "
            f"{platform.machine()} {platform.system()}, {os.cpu_count()} CPUs; isorepeat "
            f"{_version('isorepeat')}; median of {args.runs} runs; --now {NOW}"
        )
        print(
            f"{count:,} BPMN files ({len(corpus)} corpus files cycled), {size / 1e6:.1f} MB, "
            f"written in {time.perf_counter() - begin:.1f} s into {directory}"
        )

        runs = {label: make(directory) for label, make in CONTENDERS}
        times: dict[str, list[float]] = {label: [] for label in runs}
        found: dict[str, str] = {}
        failed: dict[str, str] = {}
        order = list(runs)
        for index in range(args.runs):
            for label in order[index % len(order) :] + order[: index % len(order)]:
                if label in failed:
                    continue
                begin = time.perf_counter()
                try:
                    found[label] = runs[label]()
                except Exception as error:  # reported, not timed
                    failed[label] = f"fails: {type(error).__name__}: {error}"[:300]
                    continue
                times[label].append(time.perf_counter() - begin)

        seconds = {label: statistics.median(values) for label, values in times.items() if values}
        base = seconds.get(CONTENDERS[0][0])
        print(f"\n{'contender':<52} {'seconds':>8} {'files/s':>9} {'µs/file':>9} {'vs CLI':>7}  found")
        for label, _ in CONTENDERS:
            if label in failed:
                print(f"{label:<52} {failed[label]}")
                continue
            total = seconds[label]
            ratio = f"{total / base:>6.2f}×" if base else "      -"
            print(
                f"{label:<52} {total:>8.2f} {count / total:>9,.0f} {total / count * 1e6:>9,.0f} "
                f"{ratio}  {found[label]}"
            )
        if base is None:
            verdict = "not measured (the CLI failed)"
        elif count < TARGET_FILES:
            verdict = "not measured (fewer files than the target)"
        else:
            verdict = "met" if base < TARGET_SECONDS else "MISSED"
        shown = "-" if base is None else f"{base:.2f} s"
        target = f"{TARGET_FILES:,} BPMN files under {TARGET_SECONDS:.0f} s with the CLI"
        print(f"\ntarget: {target}: {shown}, {verdict}")
        if args.profile:
            _profile(directory, args.profile, args.top)
    return 0


if __name__ == "__main__":
    sys.exit(main())
