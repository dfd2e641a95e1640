"""Speed of ``isorepeat check`` on a directory of job files, and of its peers (run by hand, not a test).

    python benchmarks/check_files.py [--files 10000] [--runs 3] [--seed 8601] [--keep DIR]

Issue 6's target: checking 10,000 job files takes under 10 s on 2 cores. The files are generated
into a temporary directory (``--keep DIR`` writes them there instead and leaves them), a
realistic mix, seeded:

* scheduled jobs with periods from PT1M to P1M, starts 2013-2026 (``.000`` milliseconds, ``Z``,
  numeric offsets, a few without an offset), ``scheduleTimeZone`` mostly absent, else a real
  zone, PST/EST (IR203) or a misspelt one (IR204); a few empty starts, ``R1``/``R10`` counts,
  months from day 31 (IR205);
* dependent jobs (about 15 %) whose parents are earlier jobs, so the set is complete (IR104);
* Chronos fields around them (command, owner, epsilon, cpus, mem, retries, a container or
  environment variables), written indented, compact (as ``GET /scheduler/jobs``) or sorted;
* about 10 % with every ``/`` escaped as ``\\/`` (PHP's ``json_encode`` writes them so), about
  1 % broken JSON (cut short, a trailing comma, a missing comma), a few names with a space.

Timed, each the median of ``--runs`` runs (the order of the contenders rotates each run):

* ``isorepeat check DIR`` in a subprocess: the real command line, interpreter start-up and
  imports included, its output read through a pipe as pre-commit reads it;
* ``check_jobs([DIR])`` in this process: the same work without start-up and printing;
* the floor: ``json.loads`` of every file in this process, with no rule checked at all;
* the peers a user would otherwise run in a hook, when installed: pre-commit-hooks'
  ``check-json`` (syntax only), ``check-jsonschema`` with a small Chronos job schema (names and
  a schedule-shaped pattern, no calendar, no zones, no line:col), and ``python -m json.tool``
  once per file (a process per file: ``--sample`` files are timed and the total is extrapolated,
  marked ``~``).

The files are read from the page cache in every run (they were just written). "vs isorepeat" is
the time divided by the CLI's: below 1 is faster than ``isorepeat check``.
"""

from __future__ import annotations

import argparse
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
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from importlib import metadata
from pathlib import Path

TARGET_SECONDS = 10.0
"""Issue 6: 10,000 job files under 10 s on 2 cores (the CLI, start-up included)."""
TARGET_FILES = 10_000

_TEAMS = [
    "billing", "search", "payments", "growth", "reports", "ml", "infra", "etl", "mail", "ads",
    "pricing", "fraud", "catalog", "support", "risk", "hosting", "data", "mobile", "web", "ops",
]  # fmt: skip
_VERBS = ["export", "import", "sync", "aggregate", "compact", "backup", "train", "send", "refresh", "clean"]
_PERIODS = [
    # (period, weight): minutes to a month, the short ones most common
    ("PT1M", 4), ("PT2M", 3), ("PT5M", 8), ("PT10M", 5), ("PT15M", 8), ("PT30M", 8), ("PT1H", 12),
    ("PT2H", 6), ("PT6H", 5), ("PT12H", 8), ("PT24H", 10), ("P1D", 12), ("P7D", 2), ("P1W", 2),
    ("P1M", 3),
]  # fmt: skip
_ZONES = [
    # (scheduleTimeZone, weight); None: the field is absent
    (None, 60), ("", 6), ("UTC", 8), ("Europe/Berlin", 5), ("America/New_York", 5),
    ("America/Los_Angeles", 5), ("Asia/Tokyo", 3), ("PST", 3), ("EST", 2), ("America/Los_Angles", 1),
    ("Mars/Olympus_Mons", 1),
]  # fmt: skip
_EPSILONS = ["PT15M", "PT30M", "PT1H", "PT5M", "PT10S"]
_SCHEMA = {
    "$schema": "http://json-schema.org/draft-07/schema#",
    "title": "a Chronos job, as a user might write its schema",
    "definitions": {
        "job": {
            "type": "object",
            "required": ["name"],
            "properties": {
                "name": {"type": "string", "pattern": r"^[\w.-]+$"},
                "schedule": {"type": "string", "pattern": r"^R[0-9]*/[^/]*/P[0-9A-Z.]+$"},
                "scheduleTimeZone": {"type": "string"},
                "epsilon": {"type": "string", "pattern": r"^P[0-9A-Z.]+$"},
                "parents": {"type": "array", "items": {"type": "string"}},
            },
        }
    },
    "oneOf": [{"$ref": "#/definitions/job"}, {"type": "array", "items": {"$ref": "#/definitions/job"}}],
}


# -- the job files -------------------------------------------------------------------------------


def _weighted(rng: random.Random, table: Sequence[tuple[object, int]]) -> object:
    values, weights = zip(*table, strict=True)
    return rng.choices(values, weights)[0]


def _start(rng: random.Random, period: str, zone: str | None) -> str:
    if period == "P1M" and rng.random() < 0.2:
        day = 31  # a monthly job from the 31st: IR205
        moment = datetime(rng.randint(2013, 2026), rng.choice([1, 3, 5, 7, 8, 10, 12]), day)
    else:
        moment = datetime(2013, 1, 1) + timedelta(days=rng.randint(0, 14 * 365))
    moment = moment.replace(hour=rng.randint(0, 23), minute=rng.choice([0, 0, 0, 15, 30, 45, 52]))
    text = moment.strftime("%Y-%m-%dT%H:%M:%S")
    if rng.random() < 0.3:
        text += ".000"  # as Chronos writes it back
    roll = rng.random()
    if zone and roll < 0.3:
        return text  # read in the zone
    if roll < 0.9:
        return text + "Z"
    if roll < 0.97:
        return text + rng.choice(["+02:00", "-05:00", "+05:30", "-08:00"])
    return text  # no offset, maybe no zone either: IR201


def _schedule(rng: random.Random, zone: str | None) -> str:
    period = str(_weighted(rng, _PERIODS))
    roll = rng.random()
    count = "R" if roll < 0.85 else rng.choice(["R1", "R5", "R10", "R100"])
    if rng.random() < 0.01:
        return f"{count}//{period}"  # an empty start: IR209
    return f"{count}/{_start(rng, period, zone)}/{period}"


def _job(rng: random.Random, index: int, earlier: list[str]) -> dict[str, object]:
    team = _TEAMS[index % len(_TEAMS)]
    name = f"{team}-{rng.choice(_VERBS)}_{index:05d}"
    if rng.random() < 0.002:
        name = name.replace("-", " ", 1)  # IR102
    job: dict[str, object] = {"name": name}
    if earlier and rng.random() < 0.15:
        job["parents"] = rng.sample(earlier, k=min(len(earlier), rng.choice([1, 1, 1, 2, 3])))
    else:
        zone = _weighted(rng, _ZONES)
        job["schedule"] = _schedule(rng, zone if isinstance(zone, str) else None)
        if isinstance(zone, str):
            job["scheduleTimeZone"] = zone
    job["command"] = f"/srv/{team}/bin/run.sh --job {name.replace(' ', '_')} --date $(date -u +%F)"
    job["owner"] = f"{team}-oncall@example.com"
    job["epsilon"] = rng.choice(_EPSILONS)
    job["cpus"] = rng.choice([0.1, 0.5, 1.0, 2.0])
    job["mem"] = rng.choice([128, 256, 512, 1024, 4096])
    job["retries"] = rng.choice([0, 2, 3])
    job["async"] = False
    if rng.random() < 0.3:
        job["container"] = {
            "type": "DOCKER",
            "image": f"registry.example.com/{team}/worker:{rng.randint(1, 40)}",
            "network": "BRIDGE",
            "volumes": [{"containerPath": "/var/log/", "hostPath": "/logs/", "mode": "RW"}],
        }
    if rng.random() < 0.3:
        job["environmentVariables"] = [
            {"name": "ENV", "value": "production"},
            {"name": "TEAM", "value": team},
        ]
    return job


def _text(rng: random.Random, job: dict[str, object]) -> str:
    roll = rng.random()
    if roll < 0.7:
        text = json.dumps(job, indent=2)
    elif roll < 0.9:
        text = json.dumps(job, separators=(",", ":"))
    else:
        text = json.dumps(job, indent=4, sort_keys=True)
    if rng.random() < 0.1:
        text = text.replace("/", "\\/")
    if rng.random() < 0.01:
        text = _break(rng, text)
    return text + "\n"


def _break(rng: random.Random, text: str) -> str:
    """Broken JSON as found in repositories: cut short, a trailing comma, a comma missing."""
    how = rng.randrange(3)
    if how == 0:
        return text[: rng.randrange(1, len(text))]
    if how == 1:
        return text.rstrip()[:-1].rstrip() + ",\n}"
    comma = text.find(",", rng.randrange(len(text) // 2))
    return text if comma < 0 else text[:comma] + text[comma + 1 :]


def generate(directory: Path, count: int, seed: int) -> None:
    """``count`` job files below ``directory/jobs/<team>/``."""
    rng = random.Random(seed)
    names: list[str] = []
    for index in range(count):
        job = _job(rng, index, names[-500:])
        names.append(str(job["name"]))
        folder = directory / "jobs" / _TEAMS[index % len(_TEAMS)]
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{str(job['name']).replace(' ', '_')}.json").write_text(_text(rng, job), encoding="utf-8")


# -- contenders ----------------------------------------------------------------------------------

Run = Callable[[], str]
"""One timed run over every file; returns a short description of what it found."""


@dataclass(frozen=True)
class Contender:
    label: str
    distribution: str
    """The package whose version is printed."""
    make: Callable[[Path, list[Path]], Run | None]
    """Builds the run for a directory and its files; ``None``: not installed."""
    sample: int | None = None
    """Time only this many files and extrapolate to all of them (a process per file)."""


def _isorepeat_cli(directory: Path, files: list[Path]) -> Run:
    def run() -> str:
        done = subprocess.run(
            [sys.executable, "-m", "isorepeat", "check", "jobs"],
            cwd=directory,
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode not in (0, 1):
            raise RuntimeError(f"exit {done.returncode}: {done.stderr.strip()[-200:]}")
        return done.stdout.rstrip().rpartition("\n")[2]

    return run


def _isorepeat_library(directory: Path, files: list[Path]) -> Run:
    from isorepeat.chronos import check_jobs

    def run() -> str:
        diagnostics = check_jobs([directory / "jobs"])
        errors = sum(d.severity == "error" for d in diagnostics)
        bad = len({d.path for d in diagnostics if d.code == "IR108"})
        return f"{errors} errors, {len(diagnostics) - errors} warnings; {bad} files not JSON"

    return run


def _floor(directory: Path, files: list[Path]) -> Run:
    def run() -> str:
        broken = 0
        for path in sorted((directory / "jobs").rglob("*.json")):
            try:
                json.loads(path.read_text(encoding="utf-8"))
            except json.JSONDecodeError:
                broken += 1
        return f"{broken} files not JSON"

    return run


def _subprocess_run(argv: list[str], directory: Path) -> Run:
    def run() -> str:
        done = subprocess.run(argv, cwd=directory, capture_output=True, text=True, check=False)
        lines = [line for line in (done.stdout + done.stderr).splitlines() if line.strip()]
        return f"exit {done.returncode}, {len(lines)} lines of output"

    return run


def _script(name: str) -> str | None:
    """A console script installed beside this interpreter, or on PATH."""
    beside = Path(sys.executable).with_name(name)
    return str(beside) if beside.exists() else shutil.which(name)


def _check_json(directory: Path, files: list[Path]) -> Run | None:
    script = _script("check-json")
    return None if script is None else _subprocess_run([script, *map(str, files)], directory)


def _check_jsonschema(directory: Path, files: list[Path]) -> Run | None:
    script = _script("check-jsonschema")
    if script is None:
        return None
    schema = directory / "chronos-job.schema.json"
    schema.write_text(json.dumps(_SCHEMA, indent=2), encoding="utf-8")
    return _subprocess_run([script, "--schemafile", schema.name, *map(str, files)], directory)


def _json_tool(directory: Path, files: list[Path]) -> Run:
    def run() -> str:
        failed = 0
        for path in files:
            argv = [sys.executable, "-m", "json.tool", str(path)]
            done = subprocess.run(argv, cwd=directory, capture_output=True, check=False)
            failed += done.returncode != 0
        return f"{failed} of {len(files)} files not JSON"

    return run


CONTENDERS = [
    Contender("isorepeat check DIR (subprocess, cold start)", "isorepeat", _isorepeat_cli),
    Contender("isorepeat.chronos.check_jobs([DIR]) in process", "isorepeat", _isorepeat_library),
    Contender("floor: json.loads of every file, in process", "python", _floor),
    Contender("pre-commit-hooks check-json FILES (syntax only)", "pre-commit-hooks", _check_json),
    Contender("check-jsonschema, a Chronos job schema", "check-jsonschema", _check_jsonschema),
    Contender("python -m json.tool FILE, a process per file", "python", _json_tool, sample=100),
]


# -- timing ----------------------------------------------------------------------------------


def _version(distribution: str) -> str:
    if distribution == "python":
        return platform.python_version()
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return "?"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0] if __doc__ else None)
    parser.add_argument("--files", type=int, default=TARGET_FILES, help="job files to generate")
    parser.add_argument("--runs", type=int, default=3, help="timed runs per contender (median)")
    parser.add_argument("--seed", type=int, default=8601, help="seed of the generated files")
    parser.add_argument("--sample", type=int, default=100, help="files timed for a process-per-file peer")
    parser.add_argument("--keep", type=Path, help="generate into this directory and leave the files there")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="isorepeat-bench-") as scratch:
        directory = args.keep or Path(scratch)
        begin = time.perf_counter()
        generate(directory, args.files, args.seed)
        files = sorted(path.relative_to(directory) for path in (directory / "jobs").rglob("*.json"))
        size = sum((directory / path).stat().st_size for path in files)
        print(
            f"Python {platform.python_version()} ({platform.python_implementation()}) on "
            f"{platform.machine()} {platform.system()}, {os.cpu_count()} CPUs; median of {args.runs} runs"
        )
        print(
            f"{len(files):,} job files, {size / 1e6:.1f} MB, generated in "
            f"{time.perf_counter() - begin:.1f} s into {directory}"
        )

        runs: dict[str, tuple[Run, float]] = {}  # label -> (run, scale to all files)
        status: dict[str, str] = {}
        for contender in CONTENDERS:
            chosen = files if contender.sample is None else files[: args.sample]
            run = contender.make(directory, chosen)
            if run is None:
                status[contender.label] = "not installed"
            else:
                runs[contender.label] = (run, len(files) / len(chosen))
        times: dict[str, list[float]] = {label: [] for label in runs}
        found: dict[str, str] = {}
        order = list(runs)
        for index in range(args.runs):
            for label in order[index % len(order) :] + order[: index % len(order)]:
                run, _ = runs[label]
                begin = time.perf_counter()
                try:
                    found[label] = run()
                except Exception as error:  # a peer that fails is reported, not timed
                    status[label] = f"fails: {type(error).__name__}: {error}"[:80]
                times[label].append(time.perf_counter() - begin)

        seconds = {
            label: statistics.median(values) * runs[label][1]
            for label, values in times.items()
            if label not in status
        }
        base = seconds[CONTENDERS[0].label]
        print(f"\n{'contender':<50} {'version':<9} {'seconds':>8} {'files/s':>9} {'vs isorepeat':>13}  found")
        for contender in CONTENDERS:
            label = contender.label
            version = _version(contender.distribution)
            if label in status:
                shown = "-" if status[label] == "not installed" else version
                print(f"{label:<50} {shown:<9} {status[label]}")
                continue
            mark = "~" if runs[label][1] != 1 else " "
            total = seconds[label]
            print(
                f"{label:<50} {version:<9} {mark}{total:>7.2f} {len(files) / total:>9,.0f} "
                f"{total / base:>12.2f}×  {found[label]}"
            )
        verdict = "met" if len(files) >= TARGET_FILES and base < TARGET_SECONDS else "MISSED"
        if len(files) < TARGET_FILES:
            verdict = "not measured (fewer files than the target)"
        print(
            f"\ntarget (issue 6): {TARGET_FILES:,} job files under {TARGET_SECONDS:.0f} s with the CLI: "
            f"{base:.2f} s, {verdict}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
