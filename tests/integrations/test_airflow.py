"""ISO8601Timetable in Airflow itself: the runs Airflow's own DAG code asks of it, and a DAG that
goes through Airflow's serializer (as the DAG processor stores it and the scheduler reads it back)
with the plugin registered from its entry point.

Every expected run is the library's (``isorepeat.parse(...)``), compared in UTC: two datetimes
in different zones never compare equal inside a DST overlap (PEP 495), one instant in UTC does.
``.ci/run`` runs this file in a venv with Airflow; without Airflow it is skipped.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone, tzinfo
from importlib.metadata import entry_points
from itertools import islice
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("airflow", reason="Airflow is not installed (.ci/run tests it in a venv of its own)")

import dateutil.tz
import pendulum  # type: ignore[import-not-found, unused-ignore]
import pytz
from airflow import plugins_manager  # type: ignore[import-not-found, unused-ignore]
from airflow.dag_processing.dagbag import DagBag  # type: ignore[import-not-found, unused-ignore]
from airflow.providers.standard.operators.empty import (  # type: ignore[import-not-found, unused-ignore]
    EmptyOperator,
)
from airflow.sdk import DAG  # type: ignore[import-not-found, unused-ignore]
from airflow.serialization.serialized_objects import (  # type: ignore[import-not-found, unused-ignore]
    DagSerialization,
)
from airflow.timetables.base import (  # type: ignore[import-not-found, unused-ignore]
    DataInterval,
    TimeRestriction,
    Timetable,
)

import isorepeat
from isorepeat import Schedule, ScheduleError
from isorepeat.integrations.airflow import ISO8601Timetable, IsorepeatPlugin
from tests.paths import DOCS

UTC = timezone.utc
ANY_TIME = TimeRestriction(earliest=None, latest=None, catchup=True)
QUALNAME = "isorepeat.integrations.airflow.ISO8601Timetable"
SHOWN = 30
"""How many runs of an infinite series are compared."""

# (schedule, timezone, dialect): month ends, DST gaps and overlaps, in both modes
SERIES = [
    pytest.param("R14/2026-01-31T09:00:00/P1M", "Europe/Berlin", "iso", id="month-ends-over-both-changes"),
    pytest.param("R10/2026-03-25T02:30:00/P1D", "Europe/Berlin", "iso", id="a-day-into-the-gap"),
    pytest.param("R10/2026-10-21T02:30:00/P1D", "Europe/Berlin", "iso", id="a-day-into-the-overlap"),
    pytest.param("R/2026-10-24T23:00:00/PT30M", "Europe/Berlin", "iso", id="half-hours-through-the-overlap"),
    pytest.param("R/2024-01-31T00:00:00/P1M", "America/New_York", "iso", id="month-ends-for-ever"),
    pytest.param("R6/2012-01-31T00:00:00.000Z/P1M", None, "chronos", id="chronos-chained-month-ends"),
    pytest.param("R/2026-01-31T09:00:00.000/P1M", "Europe/Berlin", "chronos", id="chronos-chained-in-a-zone"),
]


def utc(moment: datetime) -> datetime:
    return moment.astimezone(UTC)


def library_runs(
    text: str, tz: str | tzinfo | None = None, dialect: str = "iso", **options: Any
) -> list[datetime]:
    """The schedule's runs as the library gives them, in UTC (the first SHOWN of an infinite one)."""
    schedule = isorepeat.parse(text, tz=tz, dialect=dialect, **options)
    return [utc(run) for run in islice(schedule, SHOWN)]


def infos(timetable: Any, restriction: Any = ANY_TIME, last: Any = None) -> Iterator[Any]:
    """The DagRunInfos the timetable hands the scheduler, one after the other, as Airflow asks."""
    while (
        info := timetable.next_dagrun_info(last_automated_data_interval=last, restriction=restriction)
    ) is not None:
        yield info
        last = info.data_interval


def starts(timetable: Any, restriction: Any = ANY_TIME, last: Any = None) -> list[datetime]:
    return [utc(info.data_interval.start) for info in islice(infos(timetable, restriction, last), SHOWN)]


def at(text: str) -> Any:
    """An aware Airflow time, as the scheduler passes them."""
    return pendulum.parse(text)


# -- the runs -------------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "tz", "dialect"), SERIES)
def test_the_dag_runs_are_the_schedules_runs(text: str, tz: str | None, dialect: str) -> None:
    timetable = ISO8601Timetable(text, tz, dialect)
    runs = library_runs(text, tz, dialect)
    got = list(islice(infos(timetable), SHOWN))
    assert [utc(info.data_interval.start) for info in got] == runs
    assert [utc(info.logical_date) for info in got] == runs
    # each interval ends at the next run, when Airflow creates the DAG run
    assert [utc(info.data_interval.end) for info in got[:-1]] == runs[1:]
    assert all(info.run_after == info.data_interval.end for info in got)


@pytest.mark.parametrize(
    "text", ["R5/2026-01-31T09:00:00Z/P1M", "R1/2026-01-31T09:00:00Z/P1M", "R2/2026-03-28T02:30:00/P1D"]
)
def test_a_finite_series_makes_exactly_n_runs_the_last_of_zero_length(text: str) -> None:
    timetable = ISO8601Timetable(text, "Europe/Berlin")
    got = list(infos(timetable))
    runs = library_runs(text, "Europe/Berlin")
    assert len(got) == isorepeat.parse(text).run_count == len(runs)
    assert [utc(info.data_interval.start) for info in got] == runs
    assert got[-1].data_interval.start == got[-1].data_interval.end == got[-1].run_after
    # the scheduler, asked again after the last run (a restart reads it from the database): none
    assert (
        timetable.next_dagrun_info(last_automated_data_interval=got[-1].data_interval, restriction=ANY_TIME)
        is None
    )


def test_r0_makes_no_run() -> None:
    assert list(infos(ISO8601Timetable("R0/2026-01-31T09:00:00Z/P1D"))) == []


def test_the_scheduler_goes_on_from_a_last_run_it_reloaded_in_the_middle() -> None:
    timetable = ISO8601Timetable("R6/2026-01-31T09:00:00/P1M", "Europe/Berlin")
    runs = library_runs("R6/2026-01-31T09:00:00/P1M", "Europe/Berlin")
    # the data interval as the database gives it back: UTC, no tie to the objects handed out
    reloaded = DataInterval(start=pendulum.instance(runs[2]), end=pendulum.instance(runs[3]))
    assert starts(timetable, last=reloaded) == runs[3:]


def test_an_edited_schedule_goes_on_after_the_last_logical_date() -> None:
    """The last run is not a run of the new schedule: the next is the first one after it."""
    last = DataInterval(start=at("2026-02-15T12:00:00Z"), end=at("2026-02-16T12:00:00Z"))
    timetable = ISO8601Timetable("R/2026-01-31T09:00:00Z/P1M")
    assert starts(timetable, last=last)[:2] == [
        datetime(2026, 2, 28, 9, tzinfo=UTC),
        datetime(2026, 3, 31, 9, tzinfo=UTC),
    ]


# -- start_date, end_date, catchup ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("earliest", "first"),
    [
        ("2020-01-01T00:00:00Z", "2026-01-31T09:00:00Z"),  # before the series: its first run
        ("2026-03-01T00:00:00Z", "2026-03-31T09:00:00Z"),  # between two runs: the next one
        ("2026-03-31T09:00:00Z", "2026-03-31T09:00:00Z"),  # on a run: that run (inclusive)
        ("2026-03-31T09:00:00.000001Z", "2026-04-30T09:00:00Z"),
    ],
)
def test_no_run_before_the_start_date(earliest: str, first: str) -> None:
    timetable = ISO8601Timetable("R6/2026-01-31T09:00:00Z/P1M")
    restriction = TimeRestriction(earliest=at(earliest), latest=None, catchup=True)
    got = starts(timetable, restriction)
    runs = library_runs("R6/2026-01-31T09:00:00Z/P1M")
    assert got == runs[runs.index(utc(at(first))) :]


def test_no_run_after_the_series_when_the_start_date_is_after_it() -> None:
    restriction = TimeRestriction(earliest=at("2027-01-01T00:00:00Z"), latest=None, catchup=True)
    assert starts(ISO8601Timetable("R6/2026-01-31T09:00:00Z/P1M"), restriction) == []


def test_a_start_date_moved_forward_after_runs_skips_to_it() -> None:
    timetable = ISO8601Timetable("R/2026-01-31T09:00:00Z/P1M")
    last = DataInterval(start=at("2026-01-31T09:00:00Z"), end=at("2026-02-28T09:00:00Z"))
    restriction = TimeRestriction(earliest=at("2026-06-01T00:00:00Z"), latest=None, catchup=True)
    assert starts(timetable, restriction, last)[0] == datetime(2026, 6, 30, 9, tzinfo=UTC)


@pytest.mark.parametrize(
    ("latest", "last"),
    [
        ("2026-04-15T00:00:00Z", "2026-03-31T09:00:00Z"),  # between two runs: the one before
        ("2026-04-30T09:00:00Z", "2026-04-30T09:00:00Z"),  # on a run: that run (inclusive)
        ("2026-01-31T08:59:59Z", None),  # before the first: none
    ],
)
def test_no_run_after_the_end_date(latest: str, last: str | None) -> None:
    timetable = ISO8601Timetable("R/2026-01-31T09:00:00Z/P1M")
    restriction = TimeRestriction(earliest=None, latest=at(latest), catchup=True)
    got = starts(timetable, restriction)
    runs = library_runs("R/2026-01-31T09:00:00Z/P1M")
    assert got == ([] if last is None else runs[: runs.index(utc(at(last))) + 1])


def midnight(moment: datetime) -> datetime:
    return datetime(moment.year, moment.month, moment.day, tzinfo=UTC)


@pytest.mark.parametrize(
    "last",
    [None, DataInterval(start=pendulum.datetime(2020, 1, 1), end=pendulum.datetime(2020, 1, 2))],
    ids=["first-run", "after-an-old-run"],
)
def test_catchup_false_skips_to_the_latest_interval_over(last: Any) -> None:
    """Daily runs since 2020, without catchup: the one run is yesterday's interval, over at
    midnight (between the clock read before and after, in case midnight passes meanwhile)."""
    timetable = ISO8601Timetable("R/2020-01-01T00:00:00Z/P1D")
    restriction = TimeRestriction(earliest=pendulum.datetime(2020, 1, 1), latest=None, catchup=False)
    before = datetime.now(UTC)
    info: Any = timetable.next_dagrun_info(last_automated_data_interval=last, restriction=restriction)
    after = datetime.now(UTC)
    assert info is not None
    assert utc(info.logical_date) in {
        midnight(before) - timedelta(days=1),
        midnight(after) - timedelta(days=1),
    }
    assert info.data_interval.end - info.data_interval.start == timedelta(days=1)
    assert info.run_after <= after
    # and the next one is today's, created tomorrow: catchup never goes back
    following: Any = timetable.next_dagrun_info(
        last_automated_data_interval=info.data_interval, restriction=restriction
    )
    assert following is not None
    assert following.data_interval.start == info.data_interval.end
    assert following.run_after > after


def test_catchup_false_starts_a_series_yet_to_come_at_its_first_run() -> None:
    timetable = ISO8601Timetable("R3/2999-01-01T00:00:00Z/P1D")
    restriction = TimeRestriction(earliest=None, latest=None, catchup=False)
    assert starts(timetable, restriction) == library_runs("R3/2999-01-01T00:00:00Z/P1D")


def test_catchup_false_makes_only_the_last_run_of_a_series_that_ended() -> None:
    timetable = ISO8601Timetable("R3/2020-01-01T00:00:00Z/P1D")
    restriction = TimeRestriction(earliest=None, latest=None, catchup=False)
    assert starts(timetable, restriction) == [datetime(2020, 1, 3, tzinfo=UTC)]


# -- a run triggered by hand ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("run_after", "interval"),
    [
        ("2026-04-10T00:00:00Z", ("2026-02-28T09:00:00Z", "2026-03-31T09:00:00Z")),  # the latest one over
        ("2026-03-31T09:00:00Z", ("2026-02-28T09:00:00Z", "2026-03-31T09:00:00Z")),  # over at that instant
        ("2026-06-01T00:00:00Z", ("2026-05-31T09:00:00Z", "2026-05-31T09:00:00Z")),  # after the end: the last
        ("2026-02-01T00:00:00Z", ("2026-02-01T00:00:00Z", "2026-02-01T00:00:00Z")),  # none over yet
        ("2025-01-01T00:00:00Z", ("2025-01-01T00:00:00Z", "2025-01-01T00:00:00Z")),  # before the series
    ],
)
def test_a_manual_run_has_the_latest_interval_over(run_after: str, interval: tuple[str, str]) -> None:
    timetable = ISO8601Timetable("R5/2026-01-31T09:00:00Z/P1M")
    got = timetable.infer_manual_data_interval(run_after=at(run_after))
    assert (utc(got.start), utc(got.end)) == (utc(at(interval[0])), utc(at(interval[1])))


# -- the value, and what it refuses ----------------------------------------------------------------


def test_the_timetable_is_a_value_airflow_recognises() -> None:
    timetable = ISO8601Timetable("R5/2026-01-31T09:00:00.000/P1M", dialect="chronos", jvm_zone="Asia/Tokyo")
    assert isinstance(timetable, Timetable)
    assert repr(timetable) == (
        "ISO8601Timetable('R5/2026-01-31T09:00:00.000/P1M', jvm_zone='Asia/Tokyo', dialect='chronos')"
    )
    assert eval(repr(timetable), {"ISO8601Timetable": ISO8601Timetable}) == timetable
    assert timetable.summary == "R5/2026-01-31T09:00:00.000+09:00/P1M"
    assert timetable.description == isorepeat.describe(timetable.schedule)
    assert isinstance(timetable.schedule, Schedule)
    iso = ISO8601Timetable("R5/2026-01-31T09:00:00+09:00/P1M")
    assert iso != timetable  # the same first run, another dialect: other runs
    assert iso == ISO8601Timetable("R5/2026-01-31T09:00+09:00/P1M")
    assert hash(iso) == hash(ISO8601Timetable("R5/2026-01-31T09:00+09:00/P1M"))


@pytest.mark.parametrize(
    ("text", "dialect"),
    [("R//PT10M", "iso"), ("R/PT10M", "iso"), ("R5//P1D", "chronos"), ("R3/PT1M", "zeebe")],
)
def test_a_start_that_is_not_written_is_refused(text: str, dialect: str) -> None:
    with pytest.raises(ScheduleError, match="ISO8601Timetable needs the start written") as caught:
        ISO8601Timetable(text, dialect=dialect)
    assert caught.value.hint is not None
    assert "start_date" in caught.value.hint


@pytest.mark.parametrize(
    ("arguments", "keywords", "error", "message"),
    [
        ((42,), {}, TypeError, "ISO8601Timetable takes the schedule as a str"),
        (("R5/2026-13-01T00:00:00Z/P1D",), {}, ScheduleError, "month 13 is out of range"),
        (
            ("R5/2026-01-31T09:00:00/P1M", "Europe/Berln"),
            {},
            ScheduleError,
            "unknown time zone 'Europe/Berln'",
        ),
        (("R5/2026-01-31T09:00:00/P1M", None, "cron"), {}, ValueError, "dialect must be one of"),
        (
            ("R5/2026-01-31T09:00:00/P1M",),
            {"jvm_zone": "UTC"},
            ValueError,
            "jvm_zone is not an option of the iso",
        ),
        (
            ("R5/2026-01-31T09:00:00/P1M", dateutil.tz.tzstr("CET-1CEST,M3.5.0,M10.5.0/3")),
            {},
            ValueError,
            "cannot store the zone",
        ),
    ],
)
def test_bad_input_is_a_clear_error_when_the_dag_file_is_parsed(
    arguments: tuple[Any, ...], keywords: dict[str, Any], error: type[Exception], message: str
) -> None:
    with pytest.raises(error, match=re.escape(message)):
        ISO8601Timetable(*arguments, **keywords)


# -- Airflow's serializer, with the plugin registered from its entry point --------------------------


def test_the_plugin_is_loaded_from_its_entry_point() -> None:
    (entry,) = (entry for entry in entry_points(group="airflow.plugins") if entry.name == "isorepeat")
    assert entry.load() is IsorepeatPlugin
    assert plugins_manager.get_timetables_plugins()[QUALNAME] is ISO8601Timetable


def round_trip(dag: Any) -> Any:
    """The DAG as the DAG processor stores it (JSON) and the scheduler reads it back."""
    stored = json.loads(json.dumps(DagSerialization.to_dict(dag)))
    assert stored["dag"]["timetable"] == {"__type": QUALNAME, "__var": dag.timetable.serialize()}
    return DagSerialization.from_dict(stored)


@pytest.mark.parametrize(
    ("text", "tz", "dialect", "options"),
    [
        ("R14/2026-01-31T09:00:00/P1M", "Europe/Berlin", "iso", {}),
        ("R14/2026-01-31T09:00:00/P1M", pytz.timezone("Europe/Berlin"), "iso", {}),
        ("R14/2026-01-31T09:00:00/P1M", pendulum.timezone("Europe/Berlin"), "iso", {}),
        ("R10/2026-03-25T02:30:00/P1D", "Europe/Berlin", "iso", {"disambiguate": "later"}),
        ("R/2026-01-31T09:00:00+05:30/PT7H", None, "iso", {}),
        ("R6/2012-01-31T00:00:00.000Z/P1M", None, "chronos", {}),
        ("R6/2026-01-31T09:00:00.000/P1M", "Europe/Berlin", "chronos", {"jvm_zone": "Asia/Tokyo"}),
    ],
)
def test_a_dag_round_trips_through_airflows_serializer(
    text: str, tz: str | tzinfo | None, dialect: str, options: dict[str, Any]
) -> None:
    timetable = ISO8601Timetable(text, tz, dialect, **options)
    with DAG("iso8601", schedule=timetable, start_date=pendulum.datetime(2000, 1, 1), catchup=True) as dag:
        EmptyOperator(task_id="nothing")
    restored = round_trip(dag)
    assert type(restored.timetable) is ISO8601Timetable
    assert restored.timetable == timetable
    assert restored.timetable.summary == timetable.summary
    assert restored.timetable.description == timetable.description
    # the runs as Airflow's own DAG code walks them, on the DAG the scheduler reads
    walked = islice(restored.iter_dagrun_infos_between(None, pendulum.datetime(2100, 1, 1)), SHOWN)
    assert [utc(info.logical_date) for info in walked] == library_runs(text, tz, dialect, **options)


def documented(page: Path, language: str) -> list[str]:
    """The code blocks of ``language`` in a docs page, dedented."""
    blocks = re.findall(
        rf"^\.\. code-block:: {language}\n\n((?:   .*\n|\n)+)", page.read_text(encoding="utf-8"), re.M
    )
    return [re.sub(r"^   ", "", block, flags=re.M).strip() + "\n" for block in blocks]


def test_the_documented_dag_file_makes_the_documented_runs(tmp_path: Path) -> None:
    page = DOCS / "integrations" / "airflow.rst"
    (dag_file,) = documented(page, "python")
    listing = next(block for block in documented(page, "text") if block.startswith("2026-01-31"))
    path = tmp_path / "month_end_report.py"
    path.write_text(dag_file, encoding="utf-8")
    bag = DagBag(dag_folder=str(path))
    assert bag.import_errors == {}
    restored = round_trip(bag.dags["month_end_report"])
    walked = restored.iter_dagrun_infos_between(None, pendulum.datetime(2100, 1, 1))
    shown = [
        f"{info.data_interval.start.isoformat()}  {info.data_interval.end.isoformat()}" for info in walked
    ]
    assert "\n".join(shown) + "\n" == listing


# -- Airflow's scheduler, creating the DAG runs in its database, restarted in the middle -----------

SCHEDULER_LOOPS = """
import json, sys
from sqlalchemy import select
from airflow.dag_processing.bundles.manager import DagBundlesManager
from airflow.dag_processing.dagbag import DagBag, sync_bag_to_db
from airflow.jobs.job import Job
from airflow.jobs.scheduler_job_runner import SchedulerJobRunner
from airflow.models import DagRun
from airflow.utils import db
from airflow.utils.session import create_session
from airflow.utils.sqlalchemy import prohibit_commit

loops = int(sys.argv[1])
if sys.argv[2] == "new":  # the DAG processor's part: a database, the DAG parsed and stored
    db.resetdb()
    DagBundlesManager().sync_bundles_to_db()
    sync_bag_to_db(DagBag(sys.argv[3]), bundle_name="dags-folder", bundle_version=None)
for _ in range(loops):  # the scheduler loop's step that creates DAG runs, one run per DAG a loop
    with create_session() as session, prohibit_commit(session) as guard:
        SchedulerJobRunner(job=Job())._create_dagruns_for_dags(guard, session)
with create_session() as session:
    runs = session.scalars(select(DagRun).order_by(DagRun.logical_date)).all()
    print(json.dumps([[r.run_id, r.logical_date.isoformat(), r.run_after.isoformat()] for r in runs]))
"""


def scheduler(home: Path, loops: int, *arguments: str) -> list[list[str]]:
    """Airflow's scheduler in a process of its own, on a database in ``home``: a restart each call."""
    environment = {
        **os.environ,
        "AIRFLOW_HOME": str(home),
        "AIRFLOW__CORE__DAGS_FOLDER": str(home / "dags"),
        "AIRFLOW__CORE__LOAD_EXAMPLES": "False",
        "AIRFLOW__CORE__DAGS_ARE_PAUSED_AT_CREATION": "False",
        "AIRFLOW__DATABASE__SQL_ALCHEMY_CONN": f"sqlite:///{home / 'airflow.db'}",
    }
    done = subprocess.run(
        [sys.executable, "-c", SCHEDULER_LOOPS, str(loops), *arguments],
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    runs: list[list[str]] = json.loads(done.stdout.strip().splitlines()[-1])
    return runs


@pytest.mark.slow
def test_the_scheduler_creates_exactly_n_dag_runs_across_a_restart(tmp_path: Path) -> None:
    """Five runs, all due: two scheduler loops, a restart, then loops to spare; the scheduler's
    state (the next DAG run of each DAG) lives in its database, as in production."""
    (tmp_path / "dags").mkdir()
    dag_file = tmp_path / "dags" / "five.py"
    dag_file.write_text(
        "import pendulum\n"
        "from airflow.sdk import DAG\n"
        "from airflow.providers.standard.operators.empty import EmptyOperator\n"
        "from isorepeat.integrations.airflow import ISO8601Timetable\n"
        "with DAG('five', schedule=ISO8601Timetable('R5/2025-01-31T09:00:00/P1M', 'Europe/Berlin'),\n"
        "         start_date=pendulum.datetime(2025, 1, 1), catchup=True):\n"
        "    EmptyOperator(task_id='nothing')\n",
        encoding="utf-8",
    )
    assert len(scheduler(tmp_path, 2, "new", str(dag_file))) == 2
    runs = scheduler(tmp_path, 6, "again")
    expected = library_runs("R5/2025-01-31T09:00:00/P1M", "Europe/Berlin")
    assert [datetime.fromisoformat(logical) for _, logical, _ in runs] == expected
    assert [datetime.fromisoformat(after) for _, _, after in runs] == [*expected[1:], expected[-1]]
    assert [run_id for run_id, _, _ in runs] == [f"scheduled__{run.isoformat()}" for run in expected]
