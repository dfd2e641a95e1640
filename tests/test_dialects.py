"""The dialect registry: a dialect registered from this module alone is honoured everywhere."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from datetime import datetime, timezone, tzinfo

import pytest

import isorepeat
from isorepeat import Dialect, EffectiveStart, Schedule
from isorepeat.chronos import check_schedule
from isorepeat.cli.app import main
from isorepeat.dialects import _REGISTRY, Options, dialect_named, dialect_names
from isorepeat.grammar import read_iso
from isorepeat.iso import format_iso, iso_chain_step

NOW = datetime(2026, 1, 31, 9, 0, tzinfo=timezone.utc)


def _read(text: str, tz: tzinfo | str | None, disambiguate: isorepeat.Disambiguate, _o: Options) -> Schedule:
    return dataclasses.replace(read_iso(text, tz, disambiguate), _dialect=TOY)


def _reparse(schedule: Schedule) -> tuple[str, dict[str, object]]:
    return format_iso(schedule), {"dialect": "toy"}


TOY = Dialect(
    name="toy",
    summary="R<n> runs n + 1 times, an empty start one period after now",
    read=_read,
    format=format_iso,
    reparse=_reparse,
    arithmetic=dialect_named("iso").arithmetic,
    chain_step=iso_chain_step,
    count_runs=lambda n, _written: None if n is None else n + 1,
    effective_start=lambda _form, _options: EffectiveStart(periods=1),
)


@pytest.fixture(autouse=True)
def _toy_registered() -> Iterator[None]:
    """The toy is registered for this module's tests only: other tests see the built-in dialects."""
    isorepeat.register(TOY)
    yield
    _REGISTRY.pop("toy", None)  # NOTE: the registry has no unregister; a test may undo its own


def test_toy_dialect_is_registered() -> None:
    assert "toy" in dialect_names()
    assert dialect_named("toy") is TOY
    with pytest.raises(ValueError, match="already registered"):
        isorepeat.register(dataclasses.replace(TOY))


def test_toy_counts_n_plus_one_in_queries_and_describe() -> None:
    s = isorepeat.parse("R2/2026-01-01T00:00:00Z/P1D", dialect="toy")
    assert s.dialect == "toy"
    assert s.run_count == 3
    assert len(s) == 3
    assert [t.day for t in s] == [1, 2, 3]
    assert s.last == datetime(2026, 1, 3, tzinfo=timezone.utc)
    assert isorepeat.describe(s).startswith("every day, 3 times")
    assert s.runs_after(datetime(2026, 1, 1, tzinfo=timezone.utc), 5).runs[-1].day == 3


def test_toy_empty_start_is_now_plus_the_period() -> None:
    s = isorepeat.parse("R//PT10M", dialect="toy", now=NOW)
    assert s.start == datetime(2026, 1, 31, 9, 10, tzinfo=timezone.utc)
    assert eval(repr(s), {"Schedule": Schedule}) == s


def test_toy_check_and_cli(capsys: pytest.CaptureFixture[str]) -> None:
    assert [d.code for d in check_schedule("R2/2026-01-01T00:00:00/P1D", dialect="toy")] == ["IR201"]
    status = main(["next", "R2/2026-01-01T00:00:00Z/P1D", "--dialect", "toy", "--now", "2025-12-31T00:00Z"])
    out = capsys.readouterr().out.splitlines()
    assert status == 0
    assert len([line for line in out if line.startswith("2026-01-0")]) == 3


def test_unknown_dialect_and_option() -> None:
    with pytest.raises(ValueError, match="dialect must be one of"):
        isorepeat.parse("R/2026-01-01T00:00:00Z/P1D", dialect="nope")
    with pytest.raises(ValueError, match="jvm_zone is not an option of the iso dialect"):
        isorepeat.parse("R/2026-01-01T00:00:00Z/P1D", jvm_zone="UTC")


def test_chronos_next_after_is_what_chronos_runs() -> None:
    """The issue's example: a monthly chain from the 31st drifts to the 28th (February 2013)."""
    s = isorepeat.parse("R/2012-01-31T00:00:00Z/P1M", dialect="chronos")
    after = datetime(2026, 12, 7, tzinfo=timezone.utc)
    assert s.next_after(after) == datetime(2026, 12, 28, tzinfo=timezone.utc)  # the issue: 2026-12-28
    assert s.next_after(after, mode="anchored") == datetime(2026, 12, 31, tzinfo=timezone.utc)
