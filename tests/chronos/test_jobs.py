"""Job documents with positions: the reader behind ``check`` (isorepeat/chronos/jobs.py)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from isorepeat.chronos import Source, check_jobs
from isorepeat.chronos.jobs import (
    DocumentError,
    Node,
    is_job_file,
    load_jobs,
    load_lines,
    load_source,
    read_json,
)
from tests.paths import SHARED

CORPUS = SHARED / "corpus"


def _schedule_node(text: str) -> Node:
    node = read_json(text).get("schedule")
    assert node is not None
    return node


@pytest.mark.parametrize(
    ("text", "index", "expected_offset"),
    [
        # plain: the quote is at 13, character 0 at 14
        ('{"schedule": "R/2014-09-25T17:22:00Z/PT2M"}', 0, 14),
        ('{"schedule": "R/2014-09-25T17:22:00Z/PT2M"}', 10, 24),
        # every \/ shifts what follows by one (the docker job of the Chronos docs)
        ('{"schedule": "R\\/2014-09-25T17:22:00Z\\/PT2M"}', 1, 15),
        ('{"schedule": "R\\/2014-09-25T17:22:00Z\\/PT2M"}', 2, 17),
        ('{"schedule": "R\\/2014-09-25T17:22:00Z\\/PT2M"}', 24, 40),
        # \u0052 is R: six characters in the file for one in the string
        ('{"schedule": "\\u0052/2014"}', 0, 14),
        ('{"schedule": "\\u0052/2014"}', 1, 20),
        # a surrogate pair written as two escapes is one character
        ('{"schedule": "\\ud83d\\ude00R"}', 1, 26),
        # non-ASCII characters count as one column each
        ('{"schedule": "é/R"}', 2, 16),
        # the end of the string (a column after the last character)
        ('{"schedule": "R\\/"}', 2, 17),
    ],
)
def test_string_index_maps_through_json_escapes(text: str, index: int, expected_offset: int) -> None:
    assert _schedule_node(text).offset_of(Source("x.json", text), index) == expected_offset


def test_positions_are_one_based_lines_and_columns_with_any_line_ending() -> None:
    source = Source("x.json", "ab\ncd\r\nef\rgh")
    assert source.position(0) == (1, 1)
    assert source.position(3) == (2, 1)
    assert source.position(7) == (3, 1)
    assert source.position(10) == (4, 1)
    assert source.position(12) == (4, 3)  # the end of the text


def test_values_keep_their_spans_and_keys() -> None:
    text = '[{"a": [1, 2.5, true, null], "b": {"c": "d"}}]'
    root = read_json(text)
    assert isinstance(root.value, list)
    job = root.value[0]
    member = job.get("a")
    assert member is not None
    assert (member.start, member.end, member.key_start) == (7, 27, 2)
    assert isinstance(member.value, list)
    assert [item.value for item in member.value] == [1, 2.5, True, None]
    assert [text[item.start : item.end] for item in member.value] == ["1", "2.5", "true", "null"]
    b = job.get("b")
    assert b is not None
    c = b.get("c")
    assert c is not None
    assert (c.value, text[c.start : c.end]) == ("d", '"d"')


@pytest.mark.parametrize(
    ("text", "message", "offset"),
    [
        ('{"name": "a",}', "Expecting property name enclosed in double quotes", 13),
        ('{"name": "a"', "Expecting ',' delimiter", 12),
        ("", "Expecting value", 0),
        ('{"name": NaN}', "NaN and Infinity are not JSON", 9),
        ('{"n": -Infinity}', "NaN and Infinity are not JSON", 6),
        ("[" * 100_000, "nested too deeply", 0),
    ],
)
def test_json_that_is_not_json_is_a_document_error(text: str, message: str, offset: int) -> None:
    with pytest.raises(DocumentError) as caught:
        read_json(text)
    assert message in caught.value.message
    assert caught.value.offset == offset


def test_a_job_list_gives_one_job_per_object_and_reports_the_rest() -> None:
    text = '[{"name": "a", "schedule": "R//P1D", "parents": null}, [], {"name": "b", "parents": ["a"]}]'
    jobs, problems = load_jobs(Source("list.json", text))
    assert [(job.name, job.schedule, job.parents) for job in jobs] == [
        ("a", "R//P1D", None),
        ("b", None, ("a",)),
    ]
    assert [(p.message, p.offset) for p in problems] == [("expected a job object here, found an array", 55)]


def test_fields_of_the_wrong_type_are_reported_and_left_out() -> None:
    text = '{"name": ["a"], "schedule": 1, "scheduleTimeZone": "UTC", "parents": "a"}'
    jobs, problems = load_jobs(Source("j.json", text))
    assert [(job.name, job.schedule, job.schedule_time_zone, job.parents) for job in jobs] == [
        (None, None, "UTC", None)
    ]
    assert [p.offset for p in problems] == [9, 28, 69]


def test_repeated_keys_are_kept_per_job_object() -> None:
    text = '[{"name": "a", "name": "b", "x": {"k": 1, "k": 2}}, {"name": "c"}]'
    jobs, _ = load_jobs(Source("j.json", text))
    assert [job.name for job in jobs] == ["b", "c"]
    assert jobs[0].repeated_keys == (("name", 15),)  # the nested "k" is not a job key
    assert jobs[1].repeated_keys == ()


def test_schedule_lines_skip_blanks_and_comments() -> None:
    text = "# nightly jobs\n\n  R/2026-01-01T00:00:00Z/P1D   # at midnight\r\nR//PT10M\n"
    jobs = load_lines(Source("s.txt", text))
    assert [job.schedule for job in jobs] == ["R/2026-01-01T00:00:00Z/P1D", "R//PT10M"]
    source = jobs[0].source
    assert source.position(jobs[0].locate(("schedule",), 0)) == (3, 3)
    assert source.position(jobs[1].locate(("schedule",), 2)) == (4, 3)


def test_files_that_are_not_utf8_are_reported_at_the_bad_byte(tmp_path: Path) -> None:
    path = tmp_path / "latin1.json"
    path.write_bytes(b'{"name": "caf\xe9"}')
    [diagnostic] = check_jobs([path])
    assert (diagnostic.code, diagnostic.line, diagnostic.col) == ("IR108", 1, 14)
    assert "not UTF-8" in diagnostic.message


def test_a_byte_order_mark_is_skipped(tmp_path: Path) -> None:
    path = tmp_path / "bom.json"
    path.write_bytes(b'\xef\xbb\xbf{"name": "a", "schedule": "R0/2026-01-01T00:00:00Z/P1D"}')
    [diagnostic] = check_jobs([path])
    assert (diagnostic.code, diagnostic.line, diagnostic.col) == ("IR206", 1, 29)


def test_directories_are_read_recursively_and_hidden_folders_skipped(tmp_path: Path) -> None:
    (tmp_path / "team" / "nightly").mkdir(parents=True)
    (tmp_path / ".git").mkdir()
    bad = '{"name": "x y", "schedule": "R/2026-01-01T00:00:00Z/P1D"}'
    (tmp_path / "team" / "nightly" / "a.json").write_text(bad)
    (tmp_path / ".git" / "b.json").write_text(bad)
    (tmp_path / "team" / "notes.txt").write_text("R0//P1D")  # only *.json below a directory
    assert [Path(d.path).name for d in check_jobs([tmp_path])] == ["a.json"]


def test_job_objects_are_checked_in_their_json_rendering() -> None:
    job = {"name": "a", "schedule": "R0/2026-01-01T00:00:00Z/P1D"}
    [diagnostic] = check_jobs([job])
    rendered = json.dumps(job, indent=2).splitlines()
    assert diagnostic.path == "<document 1>"
    assert rendered[diagnostic.line - 1][diagnostic.col - 1 :].startswith("0/2026")


def test_a_missing_path_raises_oserror(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        check_jobs([tmp_path / "missing.json"])


# -- which documents are job files (issue 13, C14) -----------------------------------------------

JOB_FILE_DOCUMENTS = [
    # (path, text, is a job file)
    # other tools' JSON: no key only a job has, with the type a job gives it
    ("package.json", '{"name": "web", "version": "1.0.0", "description": "x", "scripts": {}}', False),
    ("tsconfig.json", '{\n  // JSONC\n  "compilerOptions": {"strict": true,},\n}', False),  # not JSON
    ("renovate.json", '{"extends": ["config:base"], "schedule": ["before 5am on monday"]}', False),
    ("adam.json", '{"name": "Adam", "learning_rate": 0.001, "epsilon": 1e-07}', False),
    ("ds_config.json", '{"scheduler": {"type": "WarmupLR"}, "optimizer": {"type": "Adam"}}', False),
    ("composer.json", '{"name": "acme/app", "require": {"php": ">=8.1"}}', False),
    ("launch.json", '{"version": "0.2.0", "configurations": [{"name": "x", "command": "y"}]}', False),
    ("nulls.json", '{"name": "x", "schedule": null, "parents": null, "command": null}', False),
    ("numbers.json", "[1, 2, 3]", False),
    ("empty.json", "[]", False),
    ("string.json", '"hello"', False),
    ("broken.json", '{"compilerOptions": {', False),
    # a key only Chronos jobs have
    ("a.json", '{"schedule": "R/2026-01-01T00:00:00Z/P1D"}', True),
    ("a.json", '{"schedule": "every day"}', True),  # a bad schedule is IR100's
    ("a.json", '{"epsilon": "PT1M"}', True),
    ("a.json", '{"scheduleTimeZone": "UTC"}', True),
    ("a.json", '{"parents": ["a"]}', True),
    ("a.json", '{"name": "c", "parents": "a"}', True),  # a parents of the wrong type is IR108's
    ("a.json", '{"Schedule": "x"}', True),  # IR216's folding: case, _ and -
    ("a.json", '{"schedule_time_zone": "UTC"}', True),
    # what every job has
    ("a.json", '{"name": "x", "command": "true"}', True),
    ("list.json", '[{"version": 1}, {"name": "a", "command": "b"}]', True),
    # misspelt keys: a value that is a repeating interval keeps the job checked
    ("a.json", '{"nmae": "etl", "schedule": "R/2026-01-01T00:00:00Z/P1D"}', True),
    ("a.json", '{"name": "etl", "shedule": "R10/2026-01-01T00:00:00Z/P1D"}', True),
    ("a.json", '{"nmae": "etl", "shedule": "R\\/2026-01-01T00:00:00Z\\/P1D"}', True),
    # documents that do not parse: by the keys their text names
    ("broken.json", '{"name": "x", "schedule": "R/2026-01-01T00:00:00Z/P1D",}', True),
    ("broken.json", '{"name": "x" "command": "y"}', True),
    ("broken.json", '{"x": "R\\/2026-01-01T00:00:00Z\\/P1D" ', True),
    ("broken.json", '{"Parents": [', True),
    ("root.json", '"R/2026-01-01T00:00:00Z/P1D"', True),  # IR108 says what a job file holds
    # schedule lines, named or piped, are read as they are
    ("s.txt", "", True),
    ("s.txt", "hello\n", True),
    ("-", "R//PT10M\n", True),
]


@pytest.mark.parametrize(("path", "text", "expected"), JOB_FILE_DOCUMENTS)
def test_c14_is_job_file(path: str, text: str, expected: bool) -> None:
    source = Source(path, text)
    assert is_job_file(source, load_source(source)[0]) is expected


def test_c14_every_corpus_document_is_a_job_file() -> None:
    corpus = [*CORPUS.glob("chronos-jobs/*.json"), *CORPUS.glob("chronos-joblists/*.json")]
    if not corpus:
        pytest.skip(f"no corpus at {CORPUS} (../shared/corpus: real job files, some broken)")
    for path in corpus:
        source = Source(str(path), path.read_bytes().decode("utf-8", errors="replace").lstrip("\ufeff"))
        assert is_job_file(source, load_source(source)[0]), path


def test_c15_load_source_refuses_yaml_rather_than_read_it_as_lines() -> None:
    with pytest.raises(ValueError, match=r"jobs\.yaml is YAML: read it with isorepeat\.chronos\.yaml_jobs"):
        load_source(Source("jobs.yaml", "R/2026-01-01T00:00:00Z/P1D\n"))
    assert [job.schedule for job in load_source(Source("jobs.txt", "R//PT10M\n"))[0]] == ["R//PT10M"]


def test_c15_a_node_with_offsets_maps_each_character_and_clamps() -> None:
    node = Node("R/x", 10, 20, offsets=(12, 14, 15, 19))
    source = Source("x.yaml", " " * 20)
    assert [node.offset_of(source, index) for index in (-1, 0, 1, 2, 3, 9)] == [12, 12, 14, 15, 19, 19]
