"""read_bpmn: the timers of a BPMN file with their exact positions, the engine it targets, its errors.

The real files are ../shared/corpus/bpmn (read in place, never copied here): every file must read,
the timers must be timers.tsv's row for row, and the engine guesses SOURCES.tsv's but for the
disagreements listed below with their reasons. The rest runs on small documents written here.
"""

from __future__ import annotations

import csv
import re
import time
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Final

import pytest
from hypothesis import given
from hypothesis import strategies as st

from isorepeat.bpmn.document import (
    BPMN_MODEL_NS,
    BpmnDocument,
    BpmnFileError,
    EngineGuess,
    TimerText,
    read_bpmn,
)
from tests.paths import BPMN_CORPUS

MODEL: Final = BPMN_MODEL_NS
ZEEBE: Final = "http://camunda.org/schema/zeebe/1.0"
CAMUNDA: Final = "http://camunda.org/schema/1.0/bpmn"
FLOWABLE: Final = "http://flowable.org/bpmn"
ACTIVITI: Final = "http://activiti.org/bpmn"
MODELER: Final = "http://camunda.org/schema/modeler/1.0"

FILES: Final = BPMN_CORPUS / "files"
needs_corpus = pytest.mark.skipif(
    not (FILES.is_dir() and (BPMN_CORPUS / "timers.tsv").is_file()),
    reason="../shared/corpus/bpmn (the real BPMN files) is not beside the project",
)


def bpmn(body: str, *, attributes: str = "", prolog: str = "") -> bytes:
    """A BPMN file: ``body`` inside ``definitions`` in the model namespace (the default one)."""
    return f'{prolog}<definitions xmlns="{MODEL}"{attributes}>{body}</definitions>'.encode()


def one_timer(
    content: str, *, kind: str = "timeCycle", event: str = "startEvent", event_attributes: str = ""
) -> bytes:
    """A file with one timer: ``<kind>content</kind>`` alone at the start of line 2."""
    return bpmn(
        f'<process id="p"><{event} id="e"{event_attributes}><timerEventDefinition>\n'
        f"<{kind}>{content}</{kind}>\n</timerEventDefinition></{event}></process>\n"
    )


def timer_of(source: bytes) -> TimerText:
    (timer,) = read_bpmn(source).timers
    return timer


def error_of(source: bytes) -> BpmnFileError:
    with pytest.raises(BpmnFileError) as caught:
        read_bpmn(source)
    return caught.value


# --- the corpus ------------------------------------------------------------------------------------

CDATA: Final = "<![CDATA["

EXPECTED_ENGINE_DISAGREEMENTS: Final = {
    # SOURCES.tsv's reader ignores targetNamespace; these two name Camunda's namespace URI there
    # (and their repositories are Camunda 7's and its fork CIB seven's)
    "camunda__camunda-bpm-platform__6.bpmn": "camunda7",
    "cibseven__cibseven__2.bpmn": "camunda7",
    # Operaton is a fork of Camunda 7 and these use its extension namespace; SOURCES.tsv does not
    # know that namespace, so it says generic
    "operaton__operaton-examples__1.bpmn": "camunda7",
    "operaton__operaton-examples__2.bpmn": "camunda7",
    "operaton__operaton-examples__3.bpmn": "camunda7",
    "operaton__operaton-examples__4.bpmn": "camunda7",
}
"""Where our guess is not SOURCES.tsv's engine_guess, and ours (each agrees with repo_engine)."""

SOURCES_ENGINES: Final = {"camunda8": "zeebe", "generic": None, "jbpm": None, "spiff": None, "imixs": None}
"""SOURCES.tsv's names for engines, as EngineGuess.name says them (None: not an engine modelled)."""


def tsv_rows(name: str) -> list[dict[str, str]]:
    """A corpus table: tab-separated, a field holding ``"`` quoted as CSV quotes it."""
    with (BPMN_CORPUS / name).open(encoding="utf-8", newline="") as table:
        return list(csv.DictReader(table, delimiter="\t"))


def unescape(value: str) -> str:
    r"""timers.tsv's escapes: ``\\``, ``\t``, ``\r``, ``\n``."""
    return re.sub(r"\\(.)", lambda found: {"t": "\t", "r": "\r", "n": "\n"}.get(found[1], found[1]), value)


@pytest.fixture(scope="module")
def corpus() -> dict[str, tuple[bytes, BpmnDocument]]:
    """Every corpus file, read once for the tests below."""
    files = sorted(FILES.iterdir())
    return {path.name: (data, read_bpmn(data, str(path))) for path in files for data in [path.read_bytes()]}


@needs_corpus
def test_every_corpus_file_reads_and_has_a_timer(corpus: dict[str, tuple[bytes, BpmnDocument]]) -> None:
    assert len(corpus) == len(tsv_rows("SOURCES.tsv"))
    assert all(document.timers for _, document in corpus.values())


@needs_corpus
def test_the_corpus_timers_are_timers_tsv_row_for_row(corpus: dict[str, tuple[bytes, BpmnDocument]]) -> None:
    """kind, value, event, cancelActivity and position of every row, in order, file by file.

    timers.tsv's script marks where the first markup after the start tag is; the text's first
    character is there except in two cases, both checked here exactly: a text that starts with a
    CDATA section (the script gives the ``<`` of ``<![CDATA[``, nine characters before it), and an
    empty ``<timeDate/>`` (the script gives the ``<`` of the tag, read_bpmn the position just
    after the tag, where a value would go).
    """
    expected: dict[str, list[dict[str, str]]] = {}
    for row in tsv_rows("timers.tsv"):
        expected.setdefault(row["file"], []).append(row)
    assert set(expected) <= set(corpus)
    cdata = empty = 0
    for name, (data, document) in corpus.items():
        rows = expected.get(name, [])
        assert len(document.timers) == len(rows), name
        lines = data.decode("utf-8", "replace").splitlines()
        for row, timer in zip(rows, document.timers, strict=True):
            cancel = {"": None, "absent": True, "true": True, "false": False}[row["cancel_activity"]]
            got = (timer.kind, timer.text, timer.event, timer.event_id or "", timer.cancel_activity)
            assert got == (row["element"], unescape(row["value"]), row["event"], row["event_id"], cancel), (
                name
            )
            position = (int(row["line"]), int(row["column"]))
            if unescape(row["source"]).startswith(CDATA):
                cdata += 1
                assert (timer.line, timer.column) == (position[0], position[1] + len(CDATA)), name
            elif timer.text == "" and position == (timer.element_line, timer.element_column):
                empty += 1
                tag = lines[timer.line - 1][: timer.column - 1]
                assert tag.endswith("/>"), name
                assert timer.line == timer.element_line, name
            else:
                assert (timer.line, timer.column) == position, name
    assert (cdata, empty) == (2, 11)


@needs_corpus
def test_every_corpus_timer_starts_where_its_first_character_is(
    corpus: dict[str, tuple[bytes, BpmnDocument]],
) -> None:
    for _, document in corpus.values():
        for timer in document.timers:
            assert timer.position(0) == (timer.line, timer.column)
            assert timer.position(len(timer.text)) >= (timer.line, timer.column)


EXPECTED_EVIDENCE_DISAGREEMENTS: Final = {
    # the Operaton namespace, unknown to SOURCES.tsv's reader
    *(name for name in EXPECTED_ENGINE_DISAGREEMENTS if name.startswith("operaton")),
    # the same engine, but on surer ground: the Operaton Modeler's executionPlatform says
    # "Operaton Platform" (in Operaton's modeler namespace), which SOURCES.tsv's reader ignores
    "Miragon__bpmn-to-code__3.bpmn",
}


def evidence_kind(reason: str) -> str:
    """What SOURCES.tsv's engine_evidence rests on, in our reasons' first words."""
    for theirs, ours in [("executionPlatform=", "attribute"), ("uses", "uses"), ("declares", "declares")]:
        if reason.startswith(theirs):
            return ours
    return "nothing"  # its "exporter=Camunda Modeler" or "no engine namespace": not an engine's


@needs_corpus
def test_the_engine_guesses_are_sources_tsv_but_for_the_listed_disagreements(
    corpus: dict[str, tuple[bytes, BpmnDocument]],
) -> None:
    """The engine, what the guess rests on, and how often a namespace is used, file by file."""
    engines = {}
    evidence = set()
    for row in tsv_rows("SOURCES.tsv"):
        guess = corpus[row["file"]][1].engine
        if guess.name != SOURCES_ENGINES.get(row["engine_guess"], row["engine_guess"]):
            engines[row["file"]] = guess.name
        ours = "attribute" if guess.from_attribute else guess.reason.split()[0]
        if ours not in {"attribute", "uses", "declares"}:
            ours = "nothing"
        if ours != evidence_kind(row["engine_evidence"]):
            evidence.add(row["file"])
        elif ours == "uses":
            assert f"({row['engine_evidence'].split('(')[1].rstrip(')')} time" in guess.reason, row["file"]
    assert engines == EXPECTED_ENGINE_DISAGREEMENTS
    assert evidence == EXPECTED_EVIDENCE_DISAGREEMENTS


@needs_corpus
def test_the_corpus_reads_fast(corpus: dict[str, tuple[bytes, BpmnDocument]]) -> None:
    """A guard against a slow path (about 0.3 ms a file here): 10,000 files must take seconds."""
    sources = [data for data, _ in corpus.values()]
    started = time.perf_counter()
    for data in sources:
        read_bpmn(data)
    assert time.perf_counter() - started < 10 * len(sources) / 1000  # 10 ms a file: 30 times slack


# --- the text and its positions --------------------------------------------------------------------


def test_a_plain_timer() -> None:
    timer = timer_of(one_timer("R3/PT10M"))
    assert (timer.kind, timer.text, timer.line, timer.column) == ("timeCycle", "R3/PT10M", 2, 12)
    assert (timer.element_line, timer.element_column) == (2, 1)
    assert [timer.position(index) for index in (0, 3, 8)] == [(2, 12), (2, 15), (2, 20)]


def test_positions_through_entity_and_character_references() -> None:
    r"""A reference is one character at its ``&``; the text goes on after its ``;``."""
    timer = timer_of(one_timer("a&amp;b&#x41;c&#66;&lt;"))
    assert timer.text == "a&bAcB<"
    columns = [timer.position(index)[1] for index in range(len(timer.text) + 1)]
    assert columns == [12, 13, 18, 19, 25, 26, 31, 35]


def test_positions_through_cdata_sections_and_comments() -> None:
    timer = timer_of(one_timer("<![CDATA[R/<b>]]><!-- c -->P&amp;<![CDATA[]]>1D"))
    assert timer.text == "R/<b>P&1D"
    assert (timer.line, timer.column) == (2, 21)  # just after <![CDATA[, not at it
    columns = [timer.position(index)[1] for index in range(len(timer.text) + 1)]
    assert columns == [21, 22, 23, 24, 25, 39, 40, 57, 58, 59]


def test_positions_across_lines() -> None:
    r"""``\n``, ``\r\n`` and a lone ``\r`` all end a line, and each is one ``\n`` of the text."""
    timer = timer_of(one_timer("\n  R/\r\n\tPT1H \rX\n"))
    assert timer.text == "\n  R/\n\tPT1H \nX\n"
    assert (timer.line, timer.column) == (2, 12)
    at = {char: timer.position(timer.text.index(char)) for char in "RPX"}
    assert at == {"R": (3, 3), "P": (4, 2), "X": (5, 1)}
    assert timer.position(len(timer.text)) == (6, 1)


def test_a_character_reference_to_a_line_end_is_kept_and_stays_on_its_line() -> None:
    timer = timer_of(one_timer("R/&#13;&#10;PT1M"))
    assert timer.text == "R/\r\nPT1M"
    assert [timer.position(index) for index in (2, 3, 4)] == [(2, 14), (2, 19), (2, 24)]


def test_columns_count_characters_not_bytes() -> None:
    timer = timer_of(one_timer("é😀\tR"))
    assert [timer.position(index)[1] for index in range(4)] == [12, 13, 14, 15]


def test_an_empty_timer_is_where_a_value_would_go() -> None:
    for content, column in [("", 12), ("<!-- none -->", 12)]:
        timer = timer_of(one_timer(content))
        assert (timer.text, timer.line, timer.column) == ("", 2, column)
        assert timer.position(0) == (2, column)
    source = bpmn(
        '<process id="p"><startEvent><timerEventDefinition><timeDate/></timerEventDefinition>'
        "</startEvent></process>"
    )
    self_closing = timer_of(source)
    tag = source.index(b"<timeDate/>") + 1
    assert (self_closing.element_line, self_closing.element_column) == (1, tag)
    assert (self_closing.text, self_closing.line, self_closing.column) == ("", 1, tag + len("<timeDate/>"))


def test_position_refuses_an_index_outside_the_text() -> None:
    timer = timer_of(one_timer("PT1H"))
    for index in (-1, 5):
        with pytest.raises(IndexError, match="outside the timer text"):
            timer.position(index)


def test_a_timer_text_is_not_trimmed_and_comments_are_not_text() -> None:
    assert timer_of(one_timer("  PT1H<!-- one hour -->\n")).text == "  PT1H\n"


@dataclass(frozen=True)
class Piece:
    """A piece of timer content: its source, its text, where each character of the text starts."""

    source: str
    text: str
    offsets: tuple[int, ...]
    end: int = -1
    """Where in ``source`` the text ends (-1: at the end of the source)."""


XML_CHARS: Final = st.characters(
    blacklist_categories=("Cs", "Cc"), blacklist_characters="<&]\r\ufffe\uffff"
) | st.sampled_from("\t\n")
CHAR_REF_POINTS: Final = st.integers(0x20, 0x10FFFF).filter(
    lambda point: not 0xD800 <= point <= 0xDFFF and point not in {0xFFFE, 0xFFFF}
) | st.sampled_from([9, 10, 13])


@st.composite
def pieces(draw: st.DrawFn) -> Piece:
    """Plain text, a reference, a line end, a comment or a CDATA section, and what it decodes to."""
    choice = draw(st.integers(0, 5))
    if choice == 0:
        text = draw(st.text(XML_CHARS, min_size=1, max_size=6))
        return Piece(text, text, tuple(range(len(text))))
    if choice == 1:
        source, text = draw(st.sampled_from([("&amp;", "&"), ("&lt;", "<"), ("&gt;", ">"), ("&quot;", '"')]))
        return Piece(source, text, (0,))
    if choice == 2:
        point = draw(CHAR_REF_POINTS)
        return Piece(draw(st.sampled_from([f"&#{point};", f"&#x{point:x};"])), chr(point), (0,))
    if choice == 3:
        return Piece(draw(st.sampled_from(["\n", "\r\n"])), "\n", (0,))
    if choice == 4:
        return Piece("<!-- - -->", "", ())
    inner = draw(
        st.text(XML_CHARS | st.sampled_from("<&]"), max_size=6).filter(lambda text: "]]>" not in text)
    )
    return Piece(f"<![CDATA[{inner}]]>", inner, tuple(range(9, 9 + len(inner))), 9 + len(inner))


def source_position(source: str, offset: int) -> tuple[int, int]:
    """Line and column of ``source[offset]`` as XML counts them (CR LF one line end), by hand."""
    before = source[:offset]
    ends = list(re.finditer(r"\r\n|\r|\n", before))
    return len(ends) + 1, offset - (ends[-1].end() if ends else 0) + 1


@given(st.lists(pieces(), max_size=8), st.sampled_from(["utf-8", "utf-16"]))
def test_every_character_is_where_the_source_has_it(content: list[Piece], encoding: str) -> None:
    start = (
        f'<definitions xmlns="{MODEL}">\n <process id="p">\n  <startEvent id="s">\n'
        "   <timerEventDefinition>\n    <timeDuration>"
    )
    source, text, offsets = start, "", []
    for piece in content:
        offsets += [len(source) + offset for offset in piece.offsets]
        text += piece.text
        source += piece.source
    end = at = len(start)  # end: just past the last character, where the markup after it starts
    for piece in content:
        if piece.text:
            end = at + (piece.end if piece.end >= 0 else len(piece.source))
        at += len(piece.source)
    source += "</timeDuration>\n   </timerEventDefinition>\n  </startEvent>\n </process>\n</definitions>\n"
    timer = timer_of(source.encode(encoding))
    assert timer.text == text
    assert [timer.position(index) for index in range(len(text))] == [
        source_position(source, o) for o in offsets
    ]
    first = source_position(source, offsets[0] if offsets else len(start))
    assert (timer.line, timer.column) == first
    assert timer.position(len(text)) == source_position(source, end)
    assert (timer.element_line, timer.element_column) == (5, 5)


# --- what the events say ---------------------------------------------------------------------------


def test_the_event_around_the_timer() -> None:
    timer = timer_of(
        one_timer(
            "PT5M", kind="timeDuration", event="intermediateCatchEvent", event_attributes=' name="wait 5 min"'
        )
    )
    assert (timer.event, timer.event_id, timer.event_name, timer.process_id) == (
        "intermediateCatchEvent",
        "e",
        "wait 5 min",
        "p",
    )
    assert (timer.cancel_activity, timer.interrupting, timer.in_event_subprocess) == (None, None, False)


@pytest.mark.parametrize(
    ("attributes", "cancel"),
    [
        ("", True),
        (' cancelActivity="false"', False),
        (' cancelActivity="true"', True),
        (' cancelActivity=" 0 "', False),
        (' cancelActivity="nope"', True),
    ],
)
def test_a_boundary_event_cancels_its_activity_unless_it_says_false(attributes: str, cancel: bool) -> None:
    timer = timer_of(
        one_timer("PT1H", kind="timeDuration", event="boundaryEvent", event_attributes=attributes)
    )
    assert (timer.event, timer.cancel_activity, timer.interrupting) == ("boundaryEvent", cancel, None)


def test_a_start_event_interrupts_only_in_an_event_subprocess() -> None:
    document = read_bpmn(
        bpmn(
            '<process id="main"><startEvent id="plain" isInterrupting="false"><timerEventDefinition>'
            "<timeCycle>R/PT1H</timeCycle></timerEventDefinition></startEvent>"
            '<subProcess id="esp" triggeredByEvent="true">'
            '<startEvent id="interrupting"><timerEventDefinition><timeDuration>PT1M</timeDuration>'
            "</timerEventDefinition></startEvent>"
            '<startEvent id="non" isInterrupting="false"><timerEventDefinition><timeCycle>R/PT1M</timeCycle>'
            "</timerEventDefinition></startEvent>"
            '<subProcess id="inner"><boundaryEvent id="b" attachedToRef="t"><timerEventDefinition>'
            "<timeDate>2030-01-01T00:00:00Z</timeDate></timerEventDefinition></boundaryEvent>"
            '<startEvent id="nested"><timerEventDefinition><timeCycle>R/PT2M</timeCycle>'
            "</timerEventDefinition></startEvent></subProcess>"
            "</subProcess></process>"
        )
    )
    summary = [(t.event_id, t.interrupting, t.in_event_subprocess, t.process_id) for t in document.timers]
    assert summary == [
        ("plain", None, False, "main"),
        ("interrupting", True, True, "main"),
        ("non", False, True, "main"),
        ("b", None, True, "main"),
        ("nested", None, True, "main"),  # its container is a plain subprocess
    ]


@pytest.mark.parametrize(
    ("text", "expression"),
    [
        ("${cycle}", "el"),
        ("  #{bean.due()}", "el"),
        ("R1/PT1H/${end}", "el"),
        ("PT${minutes}M", "el"),
        ("= duration", "feel"),
        ('\n=cycle(duration("PT1H"))', "feel"),
        ("R/PT1H", None),
        ("0 0 9 * * ?", None),
        ("", None),
        ("$ {x}", None),
    ],
)
def test_expressions(text: str, expression: str | None) -> None:
    assert timer_of(one_timer(text)).expression == expression


def test_only_bpmn_timer_elements_of_a_timer_event_definition_count() -> None:
    document = read_bpmn(
        bpmn(
            '<process id="p" xmlns:x="urn:x"><startEvent id="s"><timerEventDefinition>'
            "<x:timeCycle>R/PT1H</x:timeCycle><documentation><timeCycle>no</timeCycle></documentation>"
            "<timeCycle>R/PT2H<timeDate>inner</timeDate></timeCycle><timeDuration>PT3H</timeDuration>"
            "</timerEventDefinition></startEvent><timeDate>loose</timeDate>"
            "<endEvent><x:timerEventDefinition><timeDate>foreign</timeDate></x:timerEventDefinition></endEvent>"
            "</process>"
        )
    )
    assert [(t.kind, t.text) for t in document.timers] == [
        ("timeCycle", "R/PT2Hinner"),
        ("timeDuration", "PT3H"),
    ]


def test_a_timer_event_definition_outside_a_process() -> None:
    timer = timer_of(
        bpmn('<timerEventDefinition id="t"><timeDate>2030-01-01</timeDate></timerEventDefinition>')
    )
    assert (timer.event, timer.event_id, timer.process_id) == ("definitions", None, None)


def test_a_prefixed_model_namespace_and_the_path() -> None:
    source = (
        f'<bpmn:definitions xmlns:bpmn="{MODEL}"><bpmn:process id="p"><bpmn:startEvent id="s">'
        "<bpmn:timerEventDefinition><bpmn:timeCycle>R/P1D</bpmn:timeCycle></bpmn:timerEventDefinition>"
        "</bpmn:startEvent></bpmn:process></bpmn:definitions>"
    ).encode()
    document = read_bpmn(source, "models/daily.bpmn")
    assert document.path == "models/daily.bpmn"
    assert [(t.text, t.event, t.process_id) for t in document.timers] == [("R/P1D", "startEvent", "p")]
    assert read_bpmn(source).path == "<bytes>"


def test_the_same_file_in_utf_16_and_latin_1_reads_alike() -> None:
    text = '<?xml version="1.0" encoding="{}"?>\n' + one_timer("R/PT1H é").decode()
    utf8 = read_bpmn(text.format("UTF-8").encode())
    assert read_bpmn(text.format("UTF-16").encode("utf-16")).timers == utf8.timers
    assert read_bpmn(text.format("ISO-8859-1").encode("latin-1")).timers == utf8.timers


# --- the engine ------------------------------------------------------------------------------------

TIMER: Final = (
    '<process id="p"><startEvent><timerEventDefinition><timeCycle>R/PT1H</timeCycle>'
    "</timerEventDefinition></startEvent></process>"
)


def engine(*, attributes: str = "", body: str = TIMER) -> EngineGuess:
    return read_bpmn(bpmn(body, attributes=attributes)).engine


@pytest.mark.parametrize(
    ("platform", "name"),
    [("Camunda Cloud", "zeebe"), ("Camunda Platform", "camunda7"), (" camunda cloud", "zeebe")],
)
def test_the_modeler_execution_platform_names_the_engine(platform: str, name: str) -> None:
    guess = engine(
        attributes=f' xmlns:modeler="{MODELER}" modeler:executionPlatform="{platform}"'
        f' modeler:executionPlatformVersion="8.5.0" xmlns:zeebe="{ZEEBE}" xmlns:camunda="{CAMUNDA}"',
        body=TIMER.replace("<startEvent>", '<startEvent camunda:asyncBefore="true" zeebe:x="1" zeebe:y="2">'),
    )
    assert guess == EngineGuess(name, "8.5.0", f"modeler:executionPlatform is {platform}", True)  # type: ignore[arg-type]


def test_an_execution_platform_outside_the_modeler_namespace_or_unknown_says_nothing() -> None:
    for attributes in [
        ' xmlns:m="urn:other" m:executionPlatform="Camunda Cloud"',
        ' executionPlatform="Camunda Cloud"',
        f' xmlns:modeler="{MODELER}" modeler:executionPlatform="Camunda 9"',
    ]:
        assert engine(attributes=attributes) == EngineGuess(
            None, None, "no engine attribute or namespace", False
        )


def test_operaton_is_camunda_7() -> None:
    said = engine(
        attributes=' xmlns:modeler="http://operaton.org/schema/modeler/1.0"'
        ' modeler:executionPlatform="Operaton Platform" modeler:executionPlatformVersion="1.0"'
    )
    assert (said.name, said.version, said.from_attribute) == ("camunda7", "1.0", True)
    assert said.reason == "modeler:executionPlatform is Operaton Platform; Operaton is a fork of Camunda 7"
    used = engine(
        attributes=' xmlns:operaton="http://operaton.org/schema/1.0/bpmn"',
        body=TIMER.replace("<startEvent>", '<startEvent operaton:asyncBefore="true">'),
    )
    assert used.reason == (
        "uses the operaton namespace http://operaton.org/schema/1.0/bpmn (1 time); "
        "Operaton is a fork of Camunda 7"
    )


@pytest.mark.parametrize(
    ("uri", "name", "words"),
    [
        (ZEEBE, "zeebe", "zeebe"),
        (CAMUNDA, "camunda7", "camunda"),
        (FLOWABLE, "flowable", "flowable"),
        (ACTIVITI, "activiti", "activiti"),
    ],
)
def test_a_declared_namespace(uri: str, name: str, words: str) -> None:
    guess = engine(attributes=f' xmlns:ext="{uri}"')
    assert guess == EngineGuess(name, None, f"declares the {words} namespace {uri}", False)  # type: ignore[arg-type]


def test_a_namespace_used_beats_one_declared_and_more_uses_beat_fewer() -> None:
    declared_zeebe_used_camunda = engine(
        attributes=f' xmlns:zeebe="{ZEEBE}"',
        body=TIMER.replace("<process ", f'<process xmlns:camunda="{CAMUNDA}" camunda:historyTimeToLive="1" '),
    )
    assert declared_zeebe_used_camunda.name == "camunda7"
    assert declared_zeebe_used_camunda.reason == f"uses the camunda namespace {CAMUNDA} (1 time)"
    more_zeebe = engine(
        attributes=f' xmlns:zeebe="{ZEEBE}" xmlns:camunda="{CAMUNDA}"',
        body=TIMER.replace(
            "<startEvent>",
            '<startEvent camunda:a="1"><extensionElements><zeebe:properties>'
            '<zeebe:property name="n" value="v"/></zeebe:properties></extensionElements>',
        ),
    )
    assert (more_zeebe.name, more_zeebe.reason) == ("zeebe", f"uses the zeebe namespace {ZEEBE} (2 times)")
    tie = engine(attributes=f' xmlns:f="{FLOWABLE}" xmlns:a="{ACTIVITI}" f:x="1" a:x="1"')
    assert tie.name == "flowable"


def test_camunda_7_0_wrote_its_extensions_in_the_activiti_namespace() -> None:
    used = engine(attributes=f' xmlns:camunda="{ACTIVITI}" camunda:x="1"')
    assert used.name == "camunda7"
    assert used.reason == (
        f"uses the activiti namespace {ACTIVITI} under the prefix camunda (1 time); "
        "Camunda 7.0 to 7.3 wrote their extensions so"
    )
    assert engine(attributes=f' xmlns:camunda="{ACTIVITI}"').name == "camunda7"
    assert engine(attributes=f' xmlns:activiti="{ACTIVITI}" activiti:x="1"').name == "activiti"


def test_an_engine_isorepeat_does_not_model() -> None:
    guess = engine(
        attributes=f' xmlns:drools="http://www.jboss.org/drools" drools:version="1" xmlns:camunda="{CAMUNDA}"'
    )
    assert guess == EngineGuess(
        None,
        None,
        "uses the jBPM namespace http://www.jboss.org/drools (1 time): "
        "jBPM is not an engine isorepeat models",
        False,
    )


def test_a_namespace_declared_deep_in_the_file_counts() -> None:
    body = TIMER.replace("<startEvent>", f'<startEvent xmlns:flowable="{FLOWABLE}">')
    assert engine(body=body).reason == f"declares the flowable namespace {FLOWABLE}"


@pytest.mark.parametrize(
    ("attributes", "name", "reason"),
    [
        (' exporter="Zeebe Modeler"', "zeebe", "exporter is Zeebe Modeler"),
        (' exporter="Flowable Open Source Modeler"', "flowable", "exporter is Flowable Open Source Modeler"),
        (
            ' exporter="Camunda Modeler" targetNamespace="http://bpmn.io/schema/bpmn"',
            None,
            "no engine attribute or namespace",
        ),
        (
            ' targetNamespace="http://www.activiti.org/test"',
            "activiti",
            "targetNamespace is http://www.activiti.org/test, an address of Activiti",
        ),
        (
            f' exporter="Zeebe Modeler" xmlns:c="{CAMUNDA}"',
            "camunda7",
            f"declares the camunda namespace {CAMUNDA}",
        ),
        (
            ' exporter="Activiti Modeler" targetNamespace="http://camunda.org/examples"',
            "activiti",
            "exporter is Activiti Modeler",
        ),
    ],
)
def test_the_exporter_and_the_target_namespace_are_the_weakest_evidence(
    attributes: str, name: str | None, reason: str
) -> None:
    assert engine(attributes=attributes) == EngineGuess(name, None, reason, False)  # type: ignore[arg-type]


# --- errors ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "message", "line", "column"),
    [
        (b"", "malformed XML: no element found", 1, 1),
        (
            b'<definitions xmlns="' + MODEL.encode() + b'">\n  <process>\n</definitions>',
            "malformed XML: mismatched tag",
            3,
            3,
        ),
        (one_timer("&nbsp;"), "malformed XML: undefined entity", 2, 12),
        (
            b'<definitions xmlns="' + MODEL.encode() + b'"><p:x/></definitions>',
            "malformed XML: unbound prefix",
            1,
            len(f'<definitions xmlns="{MODEL}">') + 1,
        ),
        (
            b"<process/>",
            f"not a BPMN 2.0 file: the root element is process in no namespace, not definitions in "
            f"the BPMN 2.0 model namespace {MODEL}",
            1,
            1,
        ),
        (
            b'<?xml version="1.0"?>\n  <definitions xmlns="http://www.omg.org/bpmn20"/>',
            "not a BPMN 2.0 file: the root element is definitions in the namespace "
            f"http://www.omg.org/bpmn20, not definitions in the BPMN 2.0 model namespace {MODEL}",
            2,
            3,
        ),
        (one_timer("R/\x00"), "malformed XML: the character U+0000 is not allowed in XML", 2, 14),
        (
            one_timer("R/\x01"),
            "malformed XML: the character U+0001 is not allowed in XML",
            2,
            14,
        ),
    ],
)
def test_malformed_xml_and_not_bpmn(source: bytes, message: str, line: int, column: int) -> None:
    error = error_of(source)
    assert (error.message, error.line, error.column) == (message, line, column)
    assert str(error) == f"line {line}, column {column}: {message}"


BOMB: Final = (
    b'<?xml version="1.0"?>\n<!DOCTYPE definitions [\n <!ENTITY a "aaaaaaaaaa">\n'
    b' <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">\n]>\n<definitions>&b;</definitions>'
)


@pytest.mark.parametrize(
    ("source", "line", "column"),
    [(BOMB, 2, 1), (b"<!-- a model -->  <!DOCTYPE definitions SYSTEM 'bpmn.dtd'>" + bpmn(""), 1, 19)],
)
def test_a_doctype_is_refused_where_it_starts(source: bytes, line: int, column: int) -> None:
    error = error_of(source)
    assert (error.line, error.column) == (line, column)
    assert error.message.startswith("the file has a DOCTYPE declaration")
    assert "XML bomb" in error.message


@pytest.mark.parametrize(
    ("source", "message", "line", "column"),
    [
        (
            one_timer("R/P1D caf\xe9").replace("\xe9".encode(), b"\xe9"),  # Latin-1 é
            "wrong encoding: byte 0xE9 is not UTF-8 (XML's default, as the file declares no other)",
            2,
            21,
        ),
        (
            b'<?xml version="1.0" encoding="UTF-8"?>\n<definitions name="\xc3(">',
            "wrong encoding: byte 0xC3 is not UTF-8 (the encoding the file declares)",
            2,
            20,
        ),
        (
            b'<?xml version="1.0" encoding="big5"?>\n<definitions/>',
            "wrong encoding: the file declares the encoding big5, which the XML reader cannot read "
            "(multi-byte encodings are not supported)",
            1,
            31,
        ),
        (
            b'<?xml version="1.0" encoding="latin-9000"?>\n<definitions/>',
            "wrong encoding: the file declares the encoding latin-9000, which the XML reader cannot read "
            "(unknown encoding: latin-9000)",
            1,
            31,
        ),
        (
            b'<?xml version="1.0" encoding="UTF-16"?>\n<definitions/>',
            "wrong encoding: the file declares the encoding UTF-16, but its bytes are not in it "
            "(encoding specified in XML declaration is incorrect)",
            1,
            31,
        ),
        (
            b'<?xml version="1.0" encoding="cp037"?>\n<definitions/>',
            "wrong encoding: the file declares the encoding cp037, which the XML reader does not know "
            "(unknown encoding)",
            1,
            31,
        ),
    ],
)
def test_the_wrong_encoding(source: bytes, message: str, line: int, column: int) -> None:
    error = error_of(source)
    assert (error.message, error.line, error.column) == (message, line, column)


def test_a_str_is_not_a_file() -> None:
    with pytest.raises(TypeError, match="binary mode"):
        read_bpmn(one_timer("R/PT1H").decode())  # type: ignore[arg-type]


# --- any bytes at all --------------------------------------------------------------------------------

SEED: Final = bpmn(
    f'\n<process id="p" xmlns:zeebe="{ZEEBE}"><startEvent id="s" zeebe:x="1"><timerEventDefinition>'
    "<timeCycle>R/&amp;<![CDATA[PT1H]]></timeCycle></timerEventDefinition></startEvent>"
    '<boundaryEvent id="b" cancelActivity="false"><timerEventDefinition><timeDuration>${d}</timeDuration>'
    "</timerEventDefinition></boundaryEvent></process>\n",
    attributes=f' xmlns:modeler="{MODELER}" modeler:executionPlatform="Camunda Cloud"',
    prolog='<?xml version="1.0" encoding="UTF-8"?>\n<!-- seed -->\n',
)
TOKENS: Final = [
    b"<",
    b">",
    b"&",
    b"&amp;",
    b"&#0;",
    b"<![CDATA[",
    b"]]>",
    b"<!--",
    b"<!DOCTYPE d>",
    b"\r",
    b"\x00",
    b"\xff",
    b"\xc3",
    b"\xef\xbb\xbf",
    b'encoding="utf-16"',
    b"</",
    b"/>",
    b'"',
    b"xmlns:q='a b'",
]


def seeds() -> Iterator[bytes]:
    yield SEED
    if FILES.is_dir():
        yield from (path.read_bytes() for path in sorted(FILES.iterdir())[::20])


@st.composite
def mutated(draw: st.DrawFn) -> bytes:
    """A real file with a few cuts, insertions and overwrites."""
    data = bytearray(draw(st.sampled_from(list(seeds()))))
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(data)))
        action = draw(st.integers(0, 3))
        if action == 0:
            del data[at : at + draw(st.integers(1, 40))]
        elif action == 1:
            data[at:at] = draw(st.sampled_from(TOKENS) | st.binary(min_size=1, max_size=4))
        elif action == 2 and at < len(data):
            data[at] = draw(st.integers(0, 255))
        else:
            del data[at:]
    return bytes(data)


def reads_or_says_why(source: bytes) -> None:
    """read_bpmn gives a document whose every position is on the file, or a BpmnFileError."""
    error: BpmnFileError | None = None
    try:
        document = read_bpmn(source)
    except BpmnFileError as caught:
        error = caught
    if error is not None:
        assert error.message
        assert error.line >= 1
        assert error.column >= 1
        return
    for timer in document.timers:
        assert (timer.line, timer.column) >= (timer.element_line, timer.element_column)
        for index in range(len(timer.text) + 1):
            line, column = timer.position(index)
            assert line >= 1
            assert column >= 1


@given(st.binary(max_size=200))
def test_random_bytes_read_or_raise_a_bpmn_file_error(source: bytes) -> None:
    reads_or_says_why(source)


@given(mutated())
def test_mutated_files_read_or_raise_a_bpmn_file_error(source: bytes) -> None:
    reads_or_says_why(source)


def test_the_seed_reads() -> None:
    document = read_bpmn(SEED)
    assert [(t.text, t.expression, t.cancel_activity) for t in document.timers] == [
        ("R/&PT1H", None, None),
        ("${d}", "el", False),
    ]
    assert document.engine.name == "zeebe"
