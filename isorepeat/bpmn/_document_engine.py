"""The engine a BPMN file targets, from the file alone (:func:`isorepeat.bpmn.document.read_bpmn`'s).

The evidence, strongest first: ``modeler:executionPlatform`` on ``definitions`` (the Camunda
Modeler's, or the Operaton Modeler's); the engines' extension namespaces the file uses on elements
and attributes (the most used wins); those it only declares; its ``exporter``; the domain in its
``targetNamespace``. A guess is (name, version, reason, from_attribute), the fields of
:class:`~isorepeat.bpmn.document.EngineGuess`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final, TypeAlias

if TYPE_CHECKING:
    from isorepeat.bpmn.document import EngineName

__all__ = ["Guess", "execution_platform", "guess_engine", "split_name"]

Guess: TypeAlias = "tuple[EngineName | None, str | None, str, bool]"
"""(name, version, reason, from_attribute) of an EngineGuess."""


def split_name(name: str) -> tuple[str | None, str, str]:
    """(URI, local name, prefix) of a name as expat reports it with ``namespace_prefixes``.

    A namespace URI cannot hold the separator (expat refuses such a declaration since 2.4.5), a
    local name or prefix never does, so the name splits into at most three parts.
    """
    parts = name.split(" ")
    if len(parts) == 1:
        return None, name, ""
    return parts[0], parts[1], parts[2] if len(parts) > 2 else ""


_ENGINE_ORDER: Final = ("zeebe", "camunda7", "flowable", "activiti", "jbpm", "spiff", "imixs")
"""The order that breaks ties between engines with as much evidence."""
_MODELLED: Final[dict[str, EngineName]] = {
    "zeebe": "zeebe",
    "camunda7": "camunda7",
    "flowable": "flowable",
    "activiti": "activiti",
}
_NOT_MODELLED: Final = {"jbpm": "jBPM", "spiff": "SpiffWorkflow", "imixs": "Imixs Workflow"}
_NAMESPACES: Final = {
    "http://camunda.org/schema/zeebe/1.0": ("zeebe", "zeebe"),
    "http://camunda.org/schema/1.0/bpmn": ("camunda7", "camunda"),
    "http://operaton.org/schema/1.0/bpmn": ("camunda7", "operaton"),
    "http://flowable.org/bpmn": ("flowable", "flowable"),
    "http://activiti.org/bpmn": ("activiti", "activiti"),
    "http://www.jboss.org/drools": ("jbpm", "jBPM"),
    "http://spiffworkflow.org/bpmn/schema/1.0/core": ("spiff", "SpiffWorkflow"),
    "http://www.imixs.org/bpmn2": ("imixs", "Imixs"),
}
"""Extension namespaces (without a trailing ``/``): (engine, the namespace's name in reasons)."""
_ACTIVITI_NS: Final = "http://activiti.org/bpmn"
_NOTES: Final = {
    "operaton": ("", "; Operaton is a fork of Camunda 7"),
    "camunda-activiti": (" under the prefix camunda", "; Camunda 7.0 to 7.3 wrote their extensions so"),
}
"""(after the URI, at the end) of a reason citing a namespace that needs a word on its engine."""
_MODELER_NAMESPACES: Final = {
    "http://camunda.org/schema/modeler/1.0": "camunda",
    "http://operaton.org/schema/modeler/1.0": "operaton",
}
_PLATFORMS: Final[dict[str, str]] = {
    "camunda cloud": "zeebe",
    "camunda platform": "camunda7",
    "operaton platform": "camunda7",
}
_EXPORTERS: Final = (
    ("zeebe", "zeebe"),
    ("operaton", "camunda7"),
    ("flowable", "flowable"),
    ("activiti", "activiti"),
    ("jbpm", "jbpm"),
    ("drools", "jbpm"),
)
"""What an ``exporter`` naming a tool says (the Camunda Modeler makes files for 7 and 8 alike)."""
_TARGET_NAMESPACES: Final = (
    ("zeebe", "zeebe"),
    ("operaton.", "camunda7"),
    ("camunda.", "camunda7"),
    ("flowable.", "flowable"),
    ("activiti.", "activiti"),
    ("jboss.", "jbpm"),
    ("drools", "jbpm"),
)
"""The domain in a ``targetNamespace`` (``http://www.activiti.org/test``): the weakest evidence."""
_ENGINE_WORDS: Final = {
    "zeebe": "Camunda 8 (Zeebe)",
    "camunda7": "Camunda 7",
    "flowable": "Flowable",
    "activiti": "Activiti",
    **_NOT_MODELLED,
}


def _evidence(engine: str, reason: str, *, from_attribute: bool = False, version: str | None = None) -> Guess:
    """The guess for ``engine``; an engine isorepeat does not model is named in the reason only."""
    name = _MODELLED.get(engine)
    if name is None:
        reason = f"{reason}: {_ENGINE_WORDS[engine]} is not an engine isorepeat models"
    return name, version, reason, from_attribute


def _engine_of(uri: str, prefix: str) -> tuple[str, str, tuple[str, str]] | None:
    """(engine, the namespace in words, notes) of an extension namespace URI under ``prefix``.

    Camunda 7 reads its extensions in the Activiti namespace too (``BpmnParser``'s deprecated
    ``ACTIVITI_BPMN_EXTENSIONS_NS``), and its versions 7.0 to 7.3 wrote them there under the
    prefix ``camunda``: that prefix tells them from Activiti's own files.
    """
    known = _NAMESPACES.get(uri.rstrip("/"))
    if known is None:
        return None
    engine, label = known
    words = f"the {label} namespace {uri}"
    if uri.rstrip("/") == _ACTIVITI_NS and prefix == "camunda":
        return "camunda7", words, _NOTES["camunda-activiti"]
    return engine, words, _NOTES.get(label, ("", ""))


def execution_platform(root: dict[str, str]) -> Guess | None:
    """What ``modeler:executionPlatform`` on ``definitions`` says, if it names a known platform."""
    platform = version = None
    for key, value in root.items():
        if " " not in key:
            continue
        uri, local, prefix = split_name(key)
        if uri in _MODELER_NAMESPACES and local == "executionPlatform":
            platform = (value, prefix or "modeler")
        elif uri in _MODELER_NAMESPACES and local == "executionPlatformVersion":
            version = value
    if platform is None:
        return None
    engine = _PLATFORMS.get(platform[0].strip().casefold())
    if engine is None:
        return None
    note = _NOTES["operaton"][1] if engine == "camunda7" and "operaton" in platform[0].casefold() else ""
    reason = f"{platform[1]}:executionPlatform is {platform[0]}{note}"
    return _evidence(engine, reason, from_attribute=True, version=version)


def guess_engine(root: dict[str, str], declared: list[tuple[str, str]], uses: dict[str, int] | None) -> Guess:
    """The engine the file targets: what it says outright, else what it uses, declares, names.

    The Camunda Modeler writes ``modeler:executionPlatform`` and nothing is surer. Extension
    attributes and elements a file uses are there for an engine to read them; a declaration alone
    is often a template's leftover, and an exporter or targetNamespace only names a tool or a
    habit, so each counts only when nothing stronger does.
    """
    said = execution_platform(root)
    if said is not None:
        return said
    assert uses is not None  # counted unless the root said the engine
    used: dict[str, int] = {}
    top: dict[str, tuple[int, str, tuple[str, str]]] = {}
    for key, count in uses.items():
        uri, _, prefix = split_name(key)
        known = _engine_of(uri, prefix) if uri is not None else None
        if known is None:
            continue
        engine, words, notes = known
        used[engine] = used.get(engine, 0) + count
        if count > top.get(engine, (0,))[0]:
            top[engine] = (count, words, notes)
    if used:
        engine = min(used, key=lambda name: (-used[name], _ENGINE_ORDER.index(name)))
        times = used[engine]
        _, words, (infix, suffix) = top[engine]
        return _evidence(engine, f"uses {words}{infix} ({times} time{'s' if times > 1 else ''}){suffix}")
    declarations: dict[str, str] = {}
    for prefix, uri in declared:
        known = _engine_of(uri, prefix)
        if known is not None:
            engine, words, (infix, suffix) = known
            declarations.setdefault(engine, f"{words}{infix}{suffix}")
    for engine in _ENGINE_ORDER:
        if engine in declarations:
            return _evidence(engine, f"declares {declarations[engine]}")
    exporter = root.get("exporter", "")
    for needle, engine in _EXPORTERS:
        if needle in exporter.casefold():
            return _evidence(engine, f"exporter is {exporter}")
    target = root.get("targetNamespace", "")
    for needle, engine in _TARGET_NAMESPACES:
        if needle in target.casefold():
            return _evidence(engine, f"targetNamespace is {target}, an address of {_ENGINE_WORDS[engine]}")
    return None, None, "no engine attribute or namespace", False
