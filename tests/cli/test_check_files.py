"""Which files ``isorepeat check`` reads (issue 13, C14): the count on the last line, nothing read
is never a silent pass, what a directory's walk leaves out (.gitignore, node_modules, virtual
environments), and JSON that is no job file (package.json) skipped, listed by ``--verbose``."""

from __future__ import annotations

import io
import json
import os
import re
import shlex
import sys
import textwrap
from pathlib import Path

import pytest

from isorepeat.chronos import Source, check_jobs
from isorepeat.chronos.check import check_report
from isorepeat.chronos.jobs import NOT_A_JOB_FILE
from isorepeat.chronos.walk import Gitignore, Skipped, walk_job_files
from tests.cli.helpers import run_cli
from tests.paths import ROOT

GOOD = '{\n  "name": "docker",\n  "schedule": "R\\/2014-09-25T17:22:00Z\\/PT2M"\n}\n'
WARNS = '{\n  "name": "billing",\n  "schedule": "R/2024-01-31T02:00:00Z/P1M"\n}\n'
PACKAGE = '{\n  "name": "web",\n  "version": "1.0.0",\n  "description": "the site",\n  "scripts": {}\n}\n'
TSCONFIG = '{\n  // the compiler, JSONC\n  "compilerOptions": {"strict": true,},\n}\n'
SUMMARY_SKIPPED = "--verbose says why"


def _tree(root: Path, files: dict[str, str]) -> Path:
    """Write ``files`` below ``root``; each GOOD job is named after its file (no IR103)."""
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        job_name = json.dumps(name.replace("/", "-").replace(".json", ""))
        path.write_text(GOOD.replace('"docker"', job_name) if text == GOOD else text, encoding="utf-8")
    return root


def _relative(root: Path, paths: object) -> list[str]:
    assert isinstance(paths, tuple)
    return [Path(path).relative_to(root).as_posix() for path in paths]


# -- the last line counts the files checked ----------------------------------------------------


def test_no_findings_says_how_many_files_were_checked(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _tree(tmp_path, {f"job{i}.json": GOOD for i in range(12)})
    assert run_cli(capsys, "check", str(tmp_path)) == (0, ["checked 12 files: no findings"], "")
    assert run_cli(capsys, "check", str(tmp_path / "job1.json")) == (0, ["checked 1 file: no findings"], "")


def test_in_n_files_counts_every_file_checked_not_only_those_with_findings(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _tree(tmp_path, {"a.json": GOOD, "b.json": WARNS, "c.json": GOOD})
    status, out, _ = run_cli(capsys, "check", str(tmp_path))
    assert (status, out[-1]) == (0, "0 errors and 1 warning in 3 files")


def test_standard_input_is_one_file_checked(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO(PACKAGE))  # never skipped: it was piped in as jobs
    status, out, _ = run_cli(capsys, "check", "-")
    assert (status, out[0][:16], out[-1]) == (0, "-:1:1: IR217 war", "0 errors and 1 warning in 1 file")


# -- reading nothing is never a silent pass ---------------------------------------------------


def test_a_directory_with_no_job_file_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "README.md").write_text("# jobs\n")
    status, out, err = run_cli(capsys, "check", str(tmp_path))
    assert (status, out) == (2, [])
    assert err == (
        f"isorepeat: error: no job files found in {tmp_path}: a directory is searched for *.json, "
        "*.bpmn and *.bpmn20.xml, and for *.yaml and *.yml in scheduled/ and dependent/ directories\n"
    )


def test_a_directory_whose_files_are_all_left_out_is_a_usage_error_that_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _tree(tmp_path, {"node_modules/a.json": GOOD, ".gitignore": "*.json\n", "b.json": GOOD})
    status, out, err = run_cli(capsys, "check", str(tmp_path))
    assert (status, out) == (2, [])
    assert err.endswith("; 2 paths skipped (--verbose says why)\n")


def test_files_that_are_all_no_job_files_pass_with_a_warning(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # a commit that stages only package.json and tsconfig.json: the hook's \.json$ must pass it
    _tree(tmp_path, {"package.json": PACKAGE, "tsconfig.json": TSCONFIG})
    paths = [str(tmp_path / "package.json"), str(tmp_path / "tsconfig.json")]
    status, out, err = run_cli(capsys, "check", *paths)
    assert (status, out, err) == (0, [f"warning: no job files checked; skipped 2 ({SUMMARY_SKIPPED})"], "")
    status, out, _ = run_cli(capsys, "check", "--verbose", *paths)
    assert (status, out) == (
        0,
        [
            f"{paths[0]}: skipped: {NOT_A_JOB_FILE}",
            f"{paths[1]}: skipped: {NOT_A_JOB_FILE}",
            "warning: no job files checked; skipped 2 (listed above)",
        ],
    )


def test_the_hook_pattern_is_harmless_next_to_job_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _tree(tmp_path, {"package.json": PACKAGE, "tsconfig.json": TSCONFIG, "jobs/a.json": GOOD})
    paths = [str(tmp_path / name) for name in ("jobs/a.json", "package.json", "tsconfig.json")]
    assert run_cli(capsys, "check", *paths) == (
        0,
        [f"checked 1 file: no findings; skipped 2 ({SUMMARY_SKIPPED})"],
        "",
    )


def test_verbose_goes_to_stderr_with_json_and_github(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _tree(tmp_path, {"package.json": PACKAGE, "a.json": WARNS})
    status, out, err = run_cli(capsys, "check", "-v", "--format", "json", str(tmp_path))
    assert status == 0
    assert [d["code"] for d in json.loads("\n".join(out))] == ["IR205"]
    assert err == f"{tmp_path / 'package.json'}: skipped: {NOT_A_JOB_FILE}\n"
    status, out, err = run_cli(capsys, "check", "-v", "--format", "github", str(tmp_path))
    assert (status, len(out)) == (0, 1)
    assert out[0].startswith("::warning ")
    assert err == f"{tmp_path / 'package.json'}: skipped: {NOT_A_JOB_FILE}\n"


# -- the walk of a directory ------------------------------------------------------------------


def test_walk_leaves_out_git_node_modules_and_virtual_environments(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _tree(
        tmp_path,
        {
            "jobs/a.json": GOOD,
            ".git/config.json": GOOD,
            "node_modules/lib/package.json": GOOD,
            "web/node_modules/x.json": GOOD,
            ".venv/lib/x.json": GOOD,
            "venv/bin/activate": "",
            "venv/lib/site-packages/x.json": GOOD,
            "env/Scripts/activate": "",
            "env/x.json": GOOD,
            "tools/pyvenv.cfg": "home = /usr/bin\n",
            "tools/x.json": GOOD,
            # a directory named env that is no virtual environment is walked
            "config/env/prod.json": GOOD,
        },
    )
    walk = walk_job_files(tmp_path)
    assert _relative(tmp_path, walk.files) == ["config/env/prod.json", "jobs/a.json"]
    assert [(Path(s.path).relative_to(tmp_path).as_posix(), s.reason) for s in walk.skipped] == [
        ("env", "a virtual environment (Scripts/activate)"),
        ("node_modules", "node_modules"),
        ("tools", "a virtual environment (pyvenv.cfg)"),
        ("venv", "a virtual environment (bin/activate)"),
        ("web/node_modules", "node_modules"),
    ]
    assert all(s.path.endswith(os.sep) and not s.examined for s in walk.skipped)
    status, out, _ = run_cli(capsys, "check", "--verbose", str(tmp_path))
    assert status == 0
    assert out[-1] == "checked 2 files: no findings; skipped 5 (listed above)"
    assert out[0] == f"{tmp_path / 'env'}{os.sep}: skipped: a virtual environment (Scripts/activate)"


def test_walk_order_is_sorted_rglob_order(tmp_path: Path) -> None:
    names = ["b.json", "a/z.json", "a-b/c.json", "a.json", "a/b/c.json", "B.json", "a/b.json"]
    _tree(tmp_path, dict.fromkeys(names, GOOD))
    assert list(walk_job_files(tmp_path).files) == sorted(tmp_path.rglob("*.json"))


def test_walk_skips_links_to_directories(tmp_path: Path) -> None:
    _tree(tmp_path, {"jobs/a.json": GOOD})
    try:
        (tmp_path / "loop").symlink_to(tmp_path, target_is_directory=True)
    except OSError:
        pytest.skip("no symbolic links here")
    walk = walk_job_files(tmp_path)
    assert _relative(tmp_path, walk.files) == ["jobs/a.json"]
    assert [s.reason for s in walk.skipped] == ["a symbolic link to a directory"]


def test_gitignore_in_the_tree_excludes_files_and_directories(tmp_path: Path) -> None:
    _tree(
        tmp_path,
        {
            ".gitignore": "# generated\n*.tmp.json\n!keep.tmp.json\nbuild/\n/out\n**/cache/*.json\n",
            "a.json": GOOD,
            "x.tmp.json": GOOD,
            "jobs/keep.tmp.json": GOOD,
            "jobs/build/b.json": GOOD,
            "out/c.json": GOOD,
            "jobs/out/d.json": GOOD,  # /out is anchored at the .gitignore's directory
            "jobs/deep/cache/e.json": GOOD,
            "jobs/deep/cache/sub/f.json": GOOD,  # * stops at a /
            # a nested .gitignore overrides its parent's, below its own directory only
            "team/.gitignore": "!*.tmp.json\nlocal.json\n",
            "team/t.tmp.json": GOOD,
            "team/local.json": GOOD,
            "local.json": GOOD,
        },
    )
    walk = walk_job_files(tmp_path)
    assert _relative(tmp_path, walk.files) == [
        "a.json",
        "jobs/deep/cache/sub/f.json",
        "jobs/keep.tmp.json",
        "jobs/out/d.json",
        "local.json",
        "team/t.tmp.json",
    ]
    reasons = {Path(s.path).relative_to(tmp_path).as_posix(): s.reason for s in walk.skipped}
    gitignore = tmp_path / ".gitignore"
    assert reasons == {
        "jobs/build": f"excluded by {gitignore}:4 ('build/')",
        "jobs/deep/cache/e.json": f"excluded by {gitignore}:6 ('**/cache/*.json')",
        "out": f"excluded by {gitignore}:5 ('/out')",
        "team/local.json": f"excluded by {tmp_path / 'team' / '.gitignore'}:2 ('local.json')",
        "x.tmp.json": f"excluded by {gitignore}:2 ('*.tmp.json')",
    }


def test_gitignore_above_the_directory_applies_up_to_the_work_tree(tmp_path: Path) -> None:
    repo = _tree(
        tmp_path / "repo",
        {
            ".gitignore": "/jobs/generated/\nold-*.json\n",
            "jobs/a.json": GOOD,
            "jobs/old-a.json": GOOD,
            "jobs/generated/g.json": GOOD,
        },
    )
    (repo / ".git").mkdir()
    # above the work tree: not git's, not read
    (tmp_path / ".gitignore").write_text("*.json\n")
    walk = walk_job_files(repo / "jobs")
    assert _relative(repo, walk.files) == ["jobs/a.json"]
    assert sorted(Path(s.path).name for s in walk.skipped) == ["generated", "old-a.json"]
    # outside a work tree only the directory's own .gitignore files count
    (repo / ".git").rmdir()
    assert _relative(repo, walk_job_files(repo / "jobs").files) == [
        "jobs/a.json",
        "jobs/generated/g.json",
        "jobs/old-a.json",
    ]


def test_a_negation_cannot_bring_back_a_file_below_an_excluded_directory(tmp_path: Path) -> None:
    _tree(tmp_path, {".gitignore": "build/\n!build/keep.json\n", "build/keep.json": GOOD, "a.json": GOOD})
    assert _relative(tmp_path, walk_job_files(tmp_path).files) == ["a.json"]  # as in git


def test_a_file_named_on_the_command_line_is_read_even_when_ignored(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _tree(tmp_path, {".gitignore": "*.json\n", "a.json": WARNS})
    status, out, _ = run_cli(capsys, "check", str(tmp_path / "a.json"))
    assert (status, out[-1]) == (0, "0 errors and 1 warning in 1 file")


GITIGNORE_PATTERNS = [
    # (pattern, path, is a directory, matches)
    # a name without a slash: at any depth
    ("*.json", "a.json", False, True),
    ("*.json", "x/y/a.json", False, True),
    ("*.json", "a.json.bak", False, False),
    ("job?.json", "job1.json", False, True),
    ("job?.json", "job12.json", False, False),
    ("[ab].json", "b.json", False, True),
    ("[!ab].json", "b.json", False, False),
    ("[!ab].json", "c.json", False, True),
    ("[a-c]*.json", "x/beta.json", False, True),
    # a trailing slash: directories only
    ("build/", "build", True, True),
    ("build/", "build", False, False),
    ("build/", "x/build", True, True),
    # a slash at the start or in the middle: anchored at the .gitignore's directory
    ("/out", "out", True, True),
    ("/out", "x/out", True, False),
    ("jobs/old", "jobs/old", False, True),
    ("jobs/old", "x/jobs/old", False, False),
    ("jobs/*.json", "jobs/a.json", False, True),
    ("jobs/*.json", "jobs/x/a.json", False, False),
    # ** as a whole component
    ("**/cache", "cache", True, True),
    ("**/cache", "a/b/cache", True, True),
    ("a/**/b", "a/b", True, True),
    ("a/**/b", "a/x/y/b", True, True),
    ("a/**", "a/x/y.json", False, True),
    ("a/**", "a", True, False),
    ("a**b.json", "a/b.json", False, False),  # not a whole component: two plain stars
    ("a**b.json", "axxb.json", False, True),
    # escapes, comments, blanks and trailing spaces
    ("\\#x.json", "#x.json", False, True),
    ("\\!x.json", "!x.json", False, True),
    ("x.json   ", "x.json", False, True),
    ("x.json\\ ", "x.json ", False, True),
    ("# a comment", "# a comment", False, False),
    ("", "", False, False),
    ("[unclosed", "[unclosed", False, True),
]


@pytest.mark.parametrize(("pattern", "path", "is_dir", "matches"), GITIGNORE_PATTERNS)
def test_gitignore_pattern(pattern: str, path: str, is_dir: bool, matches: bool) -> None:
    ignore = Gitignore.parse(Path(".gitignore"), "", pattern + "\n")
    assert (ignore.match(path, is_dir) is not None) is matches


def test_gitignore_negation_and_last_match_wins() -> None:
    ignore = Gitignore.parse(Path(".gitignore"), "", "*.json\n!keep*.json\nkeep-not.json\n")
    found = {path: ignore.match(path, False) for path in ("a.json", "keep.json", "keep-not.json")}
    assert {path: (p.line, p.negated) for path, p in found.items() if p is not None} == {
        "a.json": (1, False),
        "keep.json": (2, True),
        "keep-not.json": (3, False),
    }


def test_gitignore_applies_below_its_own_directory_only() -> None:
    ignore = Gitignore.parse(Path("jobs/.gitignore"), "jobs/", "/old.json\n")
    assert ignore.match("jobs/old.json", False) is not None
    assert ignore.match("old.json", False) is None
    assert ignore.match("jobs/x/old.json", False) is None


# -- JSON that is no job file ----------------------------------------------------------------


def test_no_job_files_are_skipped_and_counted(tmp_path: Path) -> None:
    _tree(tmp_path, {"package.json": PACKAGE, "tsconfig.json": TSCONFIG, "jobs/a.json": WARNS})
    report = check_report([tmp_path])
    assert _relative(tmp_path, report.checked) == ["jobs/a.json"]
    assert report.skipped == (
        Skipped(str(tmp_path / "package.json"), NOT_A_JOB_FILE, examined=True),
        Skipped(str(tmp_path / "tsconfig.json"), NOT_A_JOB_FILE, examined=True),
    )
    assert [d.code for d in report.diagnostics] == ["IR205"]
    assert check_jobs([tmp_path]) == list(report.diagnostics)


def test_a_job_with_a_typo_in_a_key_is_still_checked(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "etl.json"
    path.write_text('{\n  "nmae": "etl",\n  "shedule": "R/2026-01-01T00:00:00Z/P1D"\n}\n')
    status, out, _ = run_cli(capsys, "check", str(path))
    assert status == 1
    codes = [line.split(" ")[1] for line in out[:-1] if not line.startswith(" ")]
    assert codes == ["IR102", "IR217", "IR216"]
    assert out[-1] == "1 error and 2 warnings in 1 file"


def test_a_broken_job_file_is_reported_not_skipped(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "etl.json"
    path.write_text('{"name": "etl", "schedule": "R/2026-01-01T00:00:00Z/P1D",}\n')
    status, out, _ = run_cli(capsys, "check", str(path))
    assert status == 1
    assert out[0].startswith(f"{path}:1:58: IR108 error: JSON syntax error")


def test_texts_and_job_objects_in_memory_are_always_checked() -> None:
    report = check_report([Source("package.json", PACKAGE), {"version": "1"}])
    assert report.checked == ("package.json", "<document 1>")
    assert [(d.path, d.code) for d in report.diagnostics] == [
        ("<document 1>", "IR102"),
        ("<document 1>", "IR217"),
        ("package.json", "IR217"),
    ]


def test_a_fleet_leaves_no_job_files_out(tmp_path: Path) -> None:
    from isorepeat.chronos import load_fleet

    _tree(tmp_path, {"package.json": PACKAGE, "a.json": GOOD})
    fleet = load_fleet([tmp_path])
    assert ([job.name for job in fleet.jobs], fleet.errors) == (["a"], ())


# -- the docs' examples ------------------------------------------------------------------------

_DOCS_FILES = {
    "jobs/billing.json": WARNS,
    "package.json": PACKAGE,
    "chronos/scheduled/billing.yaml": (
        "## This file was automatically generated by `chronos-sync.rb`.\n"
        "#\n---\n"
        "name: billing\ncommand: bin/bill\nschedule: R/2024-01-31T02:00:00Z/P1M\nepsilon: PT30M\n"
    ),
    "chronos/dependent/reports.yaml": "---\nname: reports\ncommand: bin/report\nparents:\n- billing\n",
}


def _docs_examples() -> list[tuple[str, str]]:
    """(command line, output) of each ``$ isorepeat check`` console example in its docs section."""
    page = (ROOT / "docs" / "cli.rst").read_text(encoding="utf-8")
    section = page[page.index("``isorepeat check``\n---") : page.index("``isorepeat simulate``\n---")]
    examples = []
    for block in re.finditer(r"^\.\. code-block:: console\n\n((?:   .*\n|\n)+)", section, re.MULTILINE):
        text = textwrap.dedent(block.group(1)).strip("\n")
        command, _, output = text.partition("\n")
        examples.append((command, output))
    return examples


def test_docs_check_section_has_its_examples() -> None:
    assert [command for command, _ in _docs_examples()] == [
        "$ isorepeat check jobs/",
        "$ isorepeat check package.json --verbose",
        "$ isorepeat check chronos/",
    ]


@pytest.mark.parametrize(("command", "output"), _docs_examples())
def test_docs_check_examples_run(
    command: str,
    output: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    if "chronos/" in command:
        pytest.importorskip("yaml", reason="YAML job files need PyYAML (pip install -e '.[test]')")
    _tree(tmp_path, _DOCS_FILES)
    monkeypatch.chdir(tmp_path)
    _, out, err = run_cli(capsys, *shlex.split(command)[2:])
    assert ("\n".join(out), err) == (output, "")
