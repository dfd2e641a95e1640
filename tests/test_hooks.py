"""The pre-commit hook: the real ``.pre-commit-hooks.yaml``, its entry on good and bad job files,
and the real ``pre-commit try-repo`` (STYLE §2.5, §2.9; check-jsonschema tests its hooks so).

The manifest is read with PyYAML, which the ``test`` extra brings in through pre-commit: a
hand-rolled reader would accept a quoting mistake that pre-commit's YAML loader does not.
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
import time
from importlib import metadata
from pathlib import Path
from typing import Any

import pytest

from isorepeat.cli.app import main
from tests import paths

ROOT = paths.ROOT
MANIFEST = ROOT / ".pre-commit-hooks.yaml"
DATA = paths.DATA / "hooks"
NEGATIVE_DIR = DATA / "negative"
SHARED_JOBS = paths.SHARED / "corpus" / "chronos-jobs"
POSITIVE_FROM_CORPUS = {
    # positive fixtures that are real job files, read from ../shared/corpus (never copied here)
    "docker-escaped-slashes.json": "mesos__chronos__10.json",
    "epsilon-longer-than-period.json": "mesos__chronos__1.json",
    "offset-start.json": "trivago__chapi__1.json",
    "pst-zone.json": "mesos__chronos__270.json",
}
FROM_CORPUS = {
    # negative fixtures that are real job files, read from ../shared/corpus (never copied here)
    "invalid-json-missing-comma.json": "mesos__chronos__15.json",
    "invalid-json-trailing-comma.json": "adamjkeller__vault-ecs__1.json",
    "name-not-a-string.json": "mesos__chronos__269.json",
    "name-with-hash.json": "mesos__chronos__153.json",
    "schedule-empty.json": "mesos__chronos__264.json",
    "schedule-not-iso.json": "ddragosd__ffmpeg-vod-transcoder__1.json",
    "start-before-1970.json": "jobrapido__mail-jobseeker-extractor__1.json",
}
POSITIVE_BY_NAME = {
    **{path.name: path for path in (DATA / "positive").glob("*.json")},
    **{
        name: SHARED_JOBS / source
        for name, source in POSITIVE_FROM_CORPUS.items()
        if (SHARED_JOBS / source).is_file()
    },
}
POSITIVE = [POSITIVE_BY_NAME[name] for name in sorted(POSITIVE_BY_NAME)]
needs_corpus = pytest.mark.skipif(
    not all((SHARED_JOBS / source).is_file() for source in POSITIVE_FROM_CORPUS.values()),
    reason="the whole positive set needs ../shared/corpus beside the checkout (CI has it)",
)


def positive_directory(tmp_path: Path) -> Path:
    """The positive set as one directory, each file under its fixture name."""
    directory = tmp_path / "positive"
    directory.mkdir()
    for name, path in POSITIVE_BY_NAME.items():
        shutil.copyfile(path, directory / name)
    return directory


def negative_path(name: str) -> Path:
    """Where a negative fixture is: ``negative/``, or the shared corpus for :data:`FROM_CORPUS`."""
    return SHARED_JOBS / FROM_CORPUS[name] if name in FROM_CORPUS else NEGATIVE_DIR / name


def available_negatives() -> list[tuple[str, set[str]]]:
    """The NEGATIVE rows whose file is here (the corpus ones only when ../shared is)."""
    return [(name, codes) for name, codes in NEGATIVE if negative_path(name).is_file()]


NEGATIVE = [
    # (file in tests/data/hooks/negative, the error codes it must produce alone)
    # not a job document
    ("invalid-json-missing-comma.json", {"IR108"}),
    ("invalid-json-trailing-comma.json", {"IR108"}),
    ("name-not-a-string.json", {"IR108"}),
    # job names
    ("name-with-space.json", {"IR102"}),
    ("name-with-hash.json", {"IR102"}),
    # schedules
    ("schedule-not-iso.json", {"IR100"}),
    ("schedule-empty.json", {"IR100"}),
    ("start-before-1970.json", {"IR101", "IR102"}),
    # rules across the jobs of one file
    ("joblist-parent-cycle.json", {"IR105"}),
    ("joblist-duplicate-name.json", {"IR103"}),
]

FILES_MUST_MATCH = [
    "job.json",
    "jobs/billing.json",
    "jobs/nightly/deep/billing.json",
    "jobs/billing.v2.json",
    ".chronos/job.json",
    "jobs/job with spaces.json",
    "jobs/json.json",
]
FILES_MUST_NOT_MATCH = [
    "schedules.txt",  # `isorepeat check` reads schedule lists, but the hook leaves them alone
    "jobs/billing.json5",
    "jobs/billing.jsonl",
    "jobs/billing.json.bak",
    "jobs/billing.json~",
    "jobs/billing.yaml",
    "jobs/billing_json",
    "jobs/json",
    "jobs/billing.json/README.md",
]


def _manifest() -> list[dict[str, Any]]:
    import yaml  # PyYAML, a dependency of pre-commit (the `test` extra)

    hooks = yaml.safe_load(MANIFEST.read_text(encoding="utf-8"))
    assert isinstance(hooks, list)
    return hooks


def _hook(hook_id: str = "isorepeat-check") -> dict[str, Any]:
    [hook] = [hook for hook in _manifest() if hook["id"] == hook_id]
    return hook


# -- the manifest ------------------------------------------------------------------------------


def test_manifest_has_the_job_file_hook_and_the_bpmn_hook() -> None:
    assert [hook["id"] for hook in _manifest()] == ["isorepeat-check", "isorepeat-check-bpmn"]


def test_bpmn_hook_checks_bpmn_files_with_the_same_entry() -> None:
    hook = _hook("isorepeat-check-bpmn")
    assert hook["entry"] == _hook()["entry"] == "isorepeat check"
    assert hook["files"] == r"\.bpmn$|\.bpmn20\.xml$"
    assert hook["language"] == "python"
    assert "require_serial" not in hook  # no rule reads two BPMN files together


@pytest.mark.parametrize("path", ["model.bpmn", "flows/order.bpmn20.xml", "a/b/c.bpmn"])
def test_bpmn_hook_files_pattern_matches(path: str) -> None:
    assert re.search(_hook("isorepeat-check-bpmn")["files"], path)


@pytest.mark.parametrize("path", ["model.bpmn.bak", "order.xml", "notes.bpmn20.xml.txt", "jobs/a.json"])
def test_bpmn_hook_files_pattern_does_not_match(path: str) -> None:
    assert not re.search(_hook("isorepeat-check-bpmn")["files"], path)


def test_manifest_has_one_hook_with_the_six_keys() -> None:
    assert _hook() == {
        "id": "isorepeat-check",
        "name": "check Chronos job schedules",
        "description": "validate ISO 8601 schedules, zones and epsilons in Chronos job files",
        "entry": "isorepeat check",
        "language": "python",
        "files": r"\.json$",
        "require_serial": True,
    }


def test_manifest_says_why_the_hook_is_serial() -> None:
    lines = MANIFEST.read_text(encoding="utf-8").splitlines()
    above = lines[: next(i for i, line in enumerate(lines) if line.strip().startswith("require_serial"))]
    comment = " ".join(line.strip().removeprefix("#").strip() for line in above if line.strip()[:1] == "#")
    assert "IR103" in comment
    assert "IR105" in comment
    assert "one process" in comment


def test_manifest_entry_is_the_console_script_the_tests_call() -> None:
    command, *args = _hook()["entry"].split()
    assert args == ["check"]
    [script] = metadata.entry_points(group="console_scripts", name=command)
    assert script.value == "isorepeat.cli.app:main"
    assert script.load() is main


def test_manifest_is_valid_for_pre_commit() -> None:
    if importlib.util.find_spec("pre_commit") is None:
        pytest.skip("pre-commit is not installed (pip install -e '.[test]')")
    from pre_commit.clientlib import load_manifest

    hook, bpmn_hook = load_manifest(str(MANIFEST))
    assert hook["id"] == "isorepeat-check"
    assert hook["require_serial"] is True
    assert hook["pass_filenames"] is True  # pre-commit's default: the staged files are the args
    assert bpmn_hook["id"] == "isorepeat-check-bpmn"
    assert bpmn_hook["pass_filenames"] is True


@pytest.mark.parametrize("path", FILES_MUST_MATCH)
def test_files_pattern_matches(path: str) -> None:
    # pre-commit applies `files` with re.search to paths relative to the repository root.
    assert re.search(_hook()["files"], path)


@pytest.mark.parametrize("path", FILES_MUST_NOT_MATCH)
def test_files_pattern_does_not_match(path: str) -> None:
    assert not re.search(_hook()["files"], path)


# -- the entry on good and bad files -----------------------------------------------------------


def _check(paths: list[Path], capsys: pytest.CaptureFixture[str]) -> tuple[int, list[dict[str, Any]]]:
    """Exit status and diagnostics of the hook's entry, as pre-commit runs it (paths as args)."""
    status = main(["check", "--format", "json", *map(str, paths)])
    captured = capsys.readouterr()
    assert captured.err == ""
    diagnostics: list[dict[str, Any]] = json.loads(captured.out)
    return status, diagnostics


def test_hook_data_is_present() -> None:
    assert POSITIVE, f"no job files in {DATA / 'positive'}"
    present = sorted(path.name for path in NEGATIVE_DIR.glob("*.json"))
    local = sorted(name for name, _ in NEGATIVE if name not in FROM_CORPUS)
    assert present == local, "NEGATIVE and negative/ disagree"


@pytest.mark.parametrize("path", POSITIVE, ids=lambda path: path.name)
def test_positive_file_passes_alone(path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, diagnostics = _check([path], capsys)
    assert status == 0, diagnostics
    assert all(d["severity"] == "warning" for d in diagnostics)


@needs_corpus
def test_positive_files_pass_together(capsys: pytest.CaptureFixture[str]) -> None:
    # One invocation with every file, as require_serial makes pre-commit run the hook.
    status, diagnostics = _check(POSITIVE, capsys)
    assert status == 0, diagnostics
    assert {d["code"] for d in diagnostics} == {"IR203", "IR213"}


def test_positive_directory_passes_as_a_complete_set(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # The `pass_filenames: false` + `args: [jobs/]` variant: every parent must be found (IR104).
    status, diagnostics = _check([positive_directory(tmp_path)], capsys)
    assert status == 0, diagnostics
    assert "IR104" not in {d["code"] for d in diagnostics}


@pytest.mark.parametrize(("name", "codes"), NEGATIVE, ids=[name for name, _ in NEGATIVE])
def test_negative_file_fails_alone(name: str, codes: set[str], capsys: pytest.CaptureFixture[str]) -> None:
    path = negative_path(name)
    if not path.is_file():
        pytest.skip(f"{path} is not here: the shared corpus sits beside the checkout in development")
    status, diagnostics = _check([path], capsys)
    assert status == 1
    assert {d["code"] for d in diagnostics if d["severity"] == "error"} == codes
    assert {d["path"] for d in diagnostics} == {str(path)}


def test_an_unknown_parent_is_an_error_only_for_a_complete_set(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Why the docs offer `pass_filenames: false`: staged files alone cannot tell (SEMANTICS §8)."""
    job = tmp_path / "jobs" / "child.json"
    job.parent.mkdir()
    job.write_text('{"name": "child", "parents": ["parent"], "command": "true"}\n', encoding="utf-8")
    assert _check([job], capsys) == (0, [])
    status, diagnostics = _check([job.parent], capsys)
    assert status == 1
    assert [d["code"] for d in diagnostics] == ["IR104"]


# -- the real pre-commit -----------------------------------------------------------------------

_KEPT_GIT_VARIABLES = frozenset({"GIT_EXEC_PATH", "GIT_SSH", "GIT_SSH_COMMAND", "GIT_SSL_CAINFO"})


def _environment(home: Path) -> dict[str, str]:
    """No GIT_DIR/GIT_INDEX_FILE from a hook that runs pytest; an identity; a store of our own."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_") or k in _KEPT_GIT_VARIABLES}
    env.update(
        GIT_AUTHOR_NAME="isorepeat tests",
        GIT_AUTHOR_EMAIL="tests@isorepeat.invalid",
        GIT_COMMITTER_NAME="isorepeat tests",
        GIT_COMMITTER_EMAIL="tests@isorepeat.invalid",
        PRE_COMMIT_HOME=str(home),
        PRE_COMMIT_COLOR="never",
        NO_COLOR="1",
    )
    return env


def _git(repo: Path, env: dict[str, str], *args: str) -> str:
    done = subprocess.run(
        ["git", "-c", "init.defaultBranch=main", "-c", "commit.gpgsign=false", *args],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout


def _snapshot(destination: Path, env: dict[str, str]) -> Path:
    """This checkout as the rest of the suite sees it, committed to a repository of its own.

    ``try-repo ROOT`` would clone HEAD and commit the changes to *tracked* files only (its shadow
    repository): a new module that a changed one imports is left out, and the hook fails with an
    ImportError while every other test passes. So the files git lists (tracked, and untracked
    but not ignored: no build/, no venvs) are copied and committed here. In a clean clone, as in
    CI, the snapshot is HEAD.
    """
    listed = _git(ROOT, env, "ls-files", "-z", "--cached", "--others", "--exclude-standard")
    for name in filter(None, listed.split("\0")):
        source = ROOT / name
        if source.is_file():  # not a file deleted but still in the index
            target = destination / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)
    assert (destination / MANIFEST.name).is_file(), f"git does not list {MANIFEST.name}"
    _git(destination, env, "init", "-q")
    _git(destination, env, "add", "-A")
    _git(destination, env, "commit", "-q", "-m", "snapshot of the isorepeat checkout")
    return destination


def _try_repo(hook_repo: Path, repo: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """``pre-commit try-repo HOOK_REPO isorepeat-check --all-files``, run in ``repo``.

    try-repo clones ``hook_repo``, builds a virtualenv and pip-installs isorepeat into it:
    setuptools, the build backend, comes from PyPI, so this needs the network. About 4 s a run
    on a 2-CPU machine, most of it pip.
    """
    argv = [sys.executable, "-m", "pre_commit", "try-repo", str(hook_repo), "isorepeat-check"]
    return subprocess.run(
        [*argv, "--all-files", "--verbose", "--color", "never"],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


@pytest.mark.slow
@needs_corpus
def test_pre_commit_try_repo(tmp_path: Path) -> None:
    if importlib.util.find_spec("pre_commit") is None:
        pytest.skip("pre-commit is not installed (pip install -e '.[test]' brings it)")
    env = _environment(tmp_path / "pre-commit-home")
    hook_repo = _snapshot(tmp_path / "isorepeat", env)

    repo = tmp_path / "jobs-repo"
    jobs = repo / "jobs"
    jobs.mkdir(parents=True)
    for name, path in POSITIVE_BY_NAME.items():
        shutil.copyfile(path, jobs / name)
    # A schedule list `isorepeat check` would reject (IR100): the hook's `files` must skip it.
    (repo / "schedules.txt").write_text("R5/2012-13-01T00:00Z/P1D\n", encoding="utf-8")
    _git(repo, env, "init", "-q")
    _git(repo, env, "add", ".")

    begin = time.perf_counter()
    good = _try_repo(hook_repo, repo, env)
    seconds = time.perf_counter() - begin
    output = good.stdout + good.stderr
    assert good.returncode == 0, output
    assert re.search(r"check Chronos job schedules\.+Passed", output), output
    # IR203 and IR213, not failures; the five positive files checked (C14)
    assert "0 errors and 2 warnings in 5 files" in output, output
    assert "schedules.txt" not in output

    bad = jobs / "bad"
    shutil.copytree(NEGATIVE_DIR, bad)
    for name, _ in available_negatives():
        shutil.copyfile(negative_path(name), bad / name)
    # The same job name in two files: only one process seeing both files reports it (IR103).
    shutil.copyfile(jobs / "offset-start.json", bad / "offset-start-copy.json")
    _git(repo, env, "add", ".")
    failed = _try_repo(hook_repo, repo, env)
    output = failed.stdout + failed.stderr
    assert failed.returncode == 1, output
    assert re.search(r"check Chronos job schedules\.+Failed", output), output
    for name, codes in available_negatives():
        for code in codes:
            assert re.search(rf"^jobs/bad/{re.escape(name)}:\d+:\d+: {code} error: ", output, re.M), (
                name,
                code,
                output,
            )
    duplicate = [line for line in output.splitlines() if " IR103 error: the job name 'job-a' " in line]
    assert len(duplicate) == 1, output
    assert "jobs/offset-start.json:" in duplicate[0]
    assert "jobs/bad/offset-start-copy.json:" in duplicate[0]
    assert "Traceback" not in output
    print(f"pre-commit try-repo: {seconds:.1f} s for the first run")
