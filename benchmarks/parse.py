"""Parse speed of isorepeat and its peers, side by side in one process (run by hand, not a test).

    python benchmarks/parse.py [--count 2000] [--passes 7] [--seed 8601]

Three workloads: whole schedules, durations alone, and starts with a zone. Each uses ``--count``
distinct strings, so no cache of parse results can help. A pass parses every string once, with
the garbage collector off (as ``timeit`` does); passes of the libraries are interleaved, so a
change in the machine's speed hits them all alike, and each library's time is the median of its
passes, in µs per string. The ratio is that time divided by isorepeat's: above 1 is slower than
isorepeat. Before timing, every library parses every string once and the first 100 results are
checked against isorepeat's (start instant, period length), so a peer that fails or reads the
strings differently is reported instead of timed. A peer that is not installed prints
"not installed".
"""

from __future__ import annotations

import argparse
import gc
import platform
import random
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from importlib import metadata
from zoneinfo import ZoneInfo

Parse = Callable[[str], object]
"""Parses one string; the result is only checked, never timed."""
Measure = Callable[[object], float]
"""Turns a parse result into a number to compare with isorepeat's (seconds)."""

_CHECKED = 100
"""How many results of each peer are compared with isorepeat's before timing."""


@dataclass(frozen=True)
class Contender:
    label: str
    distribution: str
    """The package whose version is printed (and whose absence means "not installed")."""
    load: Callable[[], tuple[Parse, Measure | None]]
    """Imports the library (raising ImportError if it is missing) and returns its parser."""


@dataclass(frozen=True)
class Workload:
    title: str
    texts: list[str]
    contenders: list[Contender]


# -- inputs ----------------------------------------------------------------------------------


def _distinct(make: Callable[[random.Random], str], count: int, rng: random.Random) -> list[str]:
    seen: dict[str, None] = {}
    while len(seen) < count:
        seen[make(rng)] = None
    return list(seen)


def _start_text(rng: random.Random) -> str:
    return (
        f"{rng.randint(1971, 2037):04d}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        f"T{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}:{rng.randint(0, 59):02d}"
    )


def _schedule_text(rng: random.Random) -> str:
    # Mostly Chronos's own shape (UTC, whole seconds), some with a numeric offset.
    offset = rng.choice(["Z", "Z", "Z", "+02:00", "-05:00", "+05:30"])
    period = rng.choice([f"PT{rng.randint(1, 3600)}S", f"PT{rng.randint(1, 59)}M", f"P{rng.randint(1, 30)}D"])
    return f"R{rng.randint(1, 999)}/{_start_text(rng)}{offset}/{period}"


def _duration_text(rng: random.Random) -> str:
    if rng.random() < 0.5:
        return f"PT{rng.randint(1, 10**6)}S"
    return f"P{rng.randint(1, 999)}DT{rng.randint(1, 23)}H"


_ZONES = [
    "Europe/Berlin",
    "America/New_York",
    "America/Los_Angeles",
    "Asia/Tokyo",
    "Asia/Kolkata",
    "Australia/Sydney",
    "America/Sao_Paulo",
    "Africa/Cairo",
]


def _zoned_start_text(rng: random.Random) -> str:
    """``2012-10-01T05:52:00+02:00[Europe/Berlin]`` with the offset the zone really has then."""
    while True:
        key = rng.choice(_ZONES)
        wall = datetime.fromisoformat(_start_text(rng)).replace(tzinfo=ZoneInfo(key))
        offset = wall.utcoffset()
        # Keep clear of gaps and overlaps: the offset must be the same on both folds and the wall
        # time must survive a round trip through UTC.
        if offset != wall.replace(fold=1).utcoffset():
            continue
        if wall.astimezone(timezone.utc).astimezone(wall.tzinfo).replace(tzinfo=None) != wall.replace(
            tzinfo=None
        ):
            continue
        return f"{wall.isoformat()}[{key}]"


# -- contenders ------------------------------------------------------------------------------


def _timestamp(value: object) -> float:
    assert isinstance(value, datetime)
    return value.timestamp()


def _isorepeat_schedule() -> tuple[Parse, Measure]:
    import isorepeat

    def measure(schedule: object) -> float:
        assert isinstance(schedule, isorepeat.Schedule)
        assert schedule.start is not None
        return schedule.start.timestamp()

    return isorepeat.parse, measure


def _aniso8601_schedule() -> tuple[Parse, Measure]:
    import aniso8601

    def measure(dates: object) -> float:
        return _timestamp(next(dates))  # type: ignore[call-overload]

    return aniso8601.parse_repeating_interval, measure


def _isodate_schedule() -> tuple[Parse, Measure]:
    import isodate

    parse_datetime, parse_duration = isodate.parse_datetime, isodate.parse_duration

    def parse(text: str) -> object:
        repetitions, start, period = text.split("/")
        return (int(repetitions[1:] or -1), parse_datetime(start), parse_duration(period))

    return parse, lambda parsed: _timestamp(parsed[1])  # type: ignore[index]


def _metomi_schedule() -> tuple[Parse, Measure]:
    from metomi.isodatetime.parsers import TimeRecurrenceParser

    def measure(recurrence: object) -> float:
        return float(recurrence.start_point.seconds_since_unix_epoch)  # type: ignore[attr-defined]

    return TimeRecurrenceParser().parse, measure


def _whenever_schedule() -> tuple[Parse, Measure]:
    from whenever import ItemizedDelta, OffsetDateTime

    parse_start, parse_period = OffsetDateTime.parse_iso, ItemizedDelta.parse_iso

    def parse(text: str) -> object:
        repetitions, start, period = text.split("/")
        return (int(repetitions[1:] or -1), parse_start(start), parse_period(period))

    return parse, lambda parsed: float(parsed[1].timestamp())  # type: ignore[index]


def _fromisoformat_schedule() -> tuple[Parse, Measure]:
    fromisoformat = datetime.fromisoformat

    def parse(text: str) -> object:
        repetitions, start, period = text.split("/")
        return (int(repetitions[1:] or -1), fromisoformat(start), period)

    return parse, lambda parsed: _timestamp(parsed[1])  # type: ignore[index]


_UNIT_SECONDS = {"weeks": 604_800, "days": 86_400, "hours": 3600, "minutes": 60, "seconds": 1}


def _isorepeat_duration() -> tuple[Parse, Measure]:
    from isorepeat import Duration

    def measure(duration: object) -> float:
        assert isinstance(duration, Duration)
        return duration.total_days * 86_400 + duration.elapsed_nanoseconds / 1e9

    return Duration.parse, measure


def _aniso8601_duration() -> tuple[Parse, Measure]:
    import aniso8601

    return aniso8601.parse_duration, lambda delta: delta.total_seconds()  # type: ignore[attr-defined]


def _isodate_duration() -> tuple[Parse, Measure]:
    import isodate

    return isodate.parse_duration, lambda delta: delta.total_seconds()  # type: ignore[attr-defined]


def _whenever_duration() -> tuple[Parse, Measure]:
    from whenever import ItemizedDelta

    def measure(delta: object) -> float:
        return float(sum(_UNIT_SECONDS[unit] * value for unit, value in delta.items()))  # type: ignore[attr-defined]

    return ItemizedDelta.parse_iso, measure


def _metomi_duration() -> tuple[Parse, Measure]:
    from metomi.isodatetime.parsers import DurationParser

    return DurationParser().parse, lambda duration: float(duration.get_seconds())  # type: ignore[attr-defined]


def _isorepeat_zoned() -> tuple[Parse, Measure]:
    parse, measure = _isorepeat_schedule()
    # The start is parsed as part of a schedule; the strings are built before timing.
    return parse, measure


def _whenever_zoned() -> tuple[Parse, Measure]:
    from whenever import ZonedDateTime

    parse_iso = ZonedDateTime.parse_iso

    def parse(text: str) -> object:
        return parse_iso(text[2:-5])  # "R/" + start + "/PT1M"

    return parse, lambda zoned: float(zoned.timestamp())  # type: ignore[attr-defined]


def _fromisoformat_zoned() -> tuple[Parse, Measure]:
    fromisoformat = datetime.fromisoformat

    def parse(text: str) -> object:
        start, _, key = text[2:-6].partition("[")
        return fromisoformat(start).astimezone(ZoneInfo(key))

    return parse, _timestamp


# -- timing ----------------------------------------------------------------------------------


def _one_pass(parse: Parse, texts: Sequence[str]) -> float:
    """Seconds to parse every text once, with the garbage collector off (as timeit does)."""
    gc_was_enabled = gc.isenabled()
    gc.disable()
    try:
        begin = time.perf_counter()
        for text in texts:
            parse(text)
        return time.perf_counter() - begin
    finally:
        if gc_was_enabled:
            gc.enable()


def _version(distribution: str) -> str:
    if distribution == "python":
        return platform.python_version()
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return "?"


def _prepare(workload: Workload, reference: list[float]) -> dict[str, Parse | str]:
    """Load every contender, parse every text once, compare with isorepeat; a str is a status."""
    ready: dict[str, Parse | str] = {}
    for contender in workload.contenders:
        try:
            parse, measure = contender.load()
        except ImportError:
            ready[contender.label] = "not installed"
            continue
        try:
            results = [parse(text) for text in workload.texts]
        except Exception as error:  # a peer that cannot read the input is reported, not timed
            ready[contender.label] = f"fails: {type(error).__name__}: {error}"[:70]
            continue
        if measure is not None and reference:
            for text, result, expected in zip(workload.texts, results[:_CHECKED], reference, strict=False):
                got = measure(result)
                if abs(got - expected) > 1e-6:
                    ready[contender.label] = f"disagrees on {text!r}: {got} != {expected}"[:70]
                    break
        ready.setdefault(contender.label, parse)
    return ready


def _reference(workload: Workload) -> list[float]:
    parse, measure = workload.contenders[0].load()
    return [measure(parse(text)) for text in workload.texts[:_CHECKED]] if measure else []


def run(workload: Workload, passes: int) -> None:
    ready = _prepare(workload, _reference(workload))
    timed = {label: parse for label, parse in ready.items() if not isinstance(parse, str)}
    times: dict[str, list[float]] = {label: [] for label in timed}
    order = list(timed)
    for index in range(passes):
        # Rotate the order each pass: no library always runs first, or right after another.
        for label in order[index % len(order) :] + order[: index % len(order)]:
            times[label].append(_one_pass(timed[label], workload.texts))
    per_op = {label: statistics.median(values) / len(workload.texts) * 1e6 for label, values in times.items()}
    base = per_op[workload.contenders[0].label]
    print(f"\n{workload.title}")
    print(f"{'library':<52} {'version':<12} {'µs/op':>8} {'vs isorepeat':>13}")
    for contender in workload.contenders:
        label = contender.label
        version = _version(contender.distribution)
        status = ready[label]
        if isinstance(status, str):
            print(f"{label:<52} {'-' if status == 'not installed' else version:<12} {status}")
        else:
            print(f"{label:<52} {version:<12} {per_op[label]:>8.2f} {per_op[label] / base:>12.2f}×")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0] if __doc__ else None)
    parser.add_argument("--count", type=int, default=2000, help="distinct strings per workload")
    parser.add_argument("--passes", type=int, default=7, help="timed passes per library (median)")
    parser.add_argument("--seed", type=int, default=8601, help="seed of the generated strings")
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)

    schedules = _distinct(_schedule_text, args.count, rng)
    durations = _distinct(_duration_text, args.count, rng)
    zoned = [f"R/{start}/PT1M" for start in _distinct(_zoned_start_text, args.count, rng)]
    workloads = [
        Workload(
            f"whole schedule: {args.count:,} distinct strings like {schedules[0]}",
            schedules,
            [
                Contender("isorepeat.parse", "isorepeat", _isorepeat_schedule),
                Contender("aniso8601.parse_repeating_interval", "aniso8601", _aniso8601_schedule),
                Contender("isodate: split + parse_datetime + parse_duration", "isodate", _isodate_schedule),
                Contender("metomi TimeRecurrenceParser().parse", "metomi-isodatetime", _metomi_schedule),
                Contender("whenever: split + OffsetDateTime + ItemizedDelta", "whenever", _whenever_schedule),
                Contender(
                    "floor: split + datetime.fromisoformat (no period)", "python", _fromisoformat_schedule
                ),
            ],
        ),
        Workload(
            f"duration alone: {args.count:,} distinct strings, half PT{{n}}S, half P{{n}}DT{{m}}H",
            durations,
            [
                Contender("isorepeat.Duration.parse", "isorepeat", _isorepeat_duration),
                Contender("aniso8601.parse_duration", "aniso8601", _aniso8601_duration),
                Contender("isodate.parse_duration", "isodate", _isodate_duration),
                Contender("metomi DurationParser().parse", "metomi-isodatetime", _metomi_duration),
                Contender("whenever.ItemizedDelta.parse_iso", "whenever", _whenever_duration),
            ],
        ),
        Workload(
            f"start with a zone: {args.count:,} distinct starts like {zoned[0][2:-5]}",
            zoned,
            [
                Contender("isorepeat.parse of R/<start>/PT1M", "isorepeat", _isorepeat_zoned),
                Contender("whenever.ZonedDateTime.parse_iso", "whenever", _whenever_zoned),
                Contender(
                    "floor: datetime.fromisoformat + ZoneInfo (unchecked)", "python", _fromisoformat_zoned
                ),
            ],
        ),
    ]
    print(
        f"Python {platform.python_version()} ({platform.python_implementation()}) on "
        f"{platform.machine()} {platform.system()}; median of {args.passes} passes"
    )
    for workload in workloads:
        run(workload, args.passes)
    return 0


if __name__ == "__main__":
    sys.exit(main())
