"""The job files below a directory: what ``check DIR`` reads, and what it leaves out, and why.

A directory is walked once, in sorted order (each directory's entries by name, so the files come
in the order ``sorted(Path(DIR).rglob(...))`` gives). What is not a job file's place is pruned
before it is read: names starting with ``.`` (``.git``, ``.venv``, ``.tox``), ``node_modules``,
virtual environments, and what the ``.gitignore`` files exclude. The patterns are read here, not
by ``git check-ignore``: no process per walk, the same answer with or without git or a work tree,
and the same on every machine (``.git/info/exclude`` and a global excludes file are personal).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Final, final

from isorepeat.bpmn._suffixes import BPMN_SUFFIXES  # the walk finds BPMN models too (check_paths)

__all__ = ["Gitignore", "Skipped", "Walk", "walk_job_files"]

_JSON_SUFFIX: Final = ".json"
_YAML_SUFFIXES: Final = (".yaml", ".yml")
_YAML_DIRECTORIES: Final = frozenset({"scheduled", "dependent"})
"""chronos-sync keeps one job per file in ``<dir>/scheduled/*.yaml`` and ``<dir>/dependent/*.yaml``
(its ``Dir.glob('*.yaml')`` in each); YAML elsewhere is docker-compose, CI and the like."""
_VENV_NAMES: Final = frozenset({"venv", "env", ".venv"})
_ACTIVATE: Final = ("bin/activate", "Scripts/activate")


@final
@dataclass(frozen=True, slots=True)
class Skipped:
    """A file or directory ``check`` did not read as a job file, and why (``--verbose`` lists them).

    ``path`` is as the walk found it (below the path given); a directory's ends with ``/``.
    ``examined``: the file was read, and is no job file (``package.json``); otherwise the walk
    left it out unread.
    """

    path: str
    reason: str
    examined: bool = False


@final
@dataclass(frozen=True, slots=True)
class Walk:
    """The job files found below a directory, in order, what was left out, and the BPMN files."""

    files: tuple[Path, ...]
    skipped: tuple[Skipped, ...]
    bpmn_files: tuple[Path, ...] = ()


def walk_job_files(directory: str | os.PathLike[str]) -> Walk:
    """Every ``*.json`` below ``directory`` and every ``*.yaml``/``*.yml`` in a directory named
    ``scheduled`` or ``dependent`` (chronos-sync's layout), recursively, in sorted order.

    Left out: names starting with ``.``, ``node_modules``, virtual environments (a directory
    with a ``pyvenv.cfg``, or named ``venv``/``env`` with ``bin/activate`` or
    ``Scripts/activate``), symbolic links to directories, and what ``.gitignore`` files exclude
    (see :class:`Gitignore`): those of the directories walked, and those of the directories
    above it up to the root of its git work tree (the nearest one holding ``.git``). Each of
    these but the names starting with ``.`` is listed in ``skipped`` (a file only when its name
    is a job file's).
    """
    root = Path(directory)
    files: list[Path] = []
    skipped: list[Skipped] = []
    bpmn: list[Path] = []
    top, prefix = _scope(root)
    ignores = [ignore for base in _ancestors(top, root) if (ignore := Gitignore.read(base, top)) is not None]
    name = root.resolve().name
    _walk(root, prefix, name in _YAML_DIRECTORIES, ignores, (files, bpmn), skipped)
    return Walk(tuple(files), tuple(skipped), tuple(bpmn))


def _scope(root: Path) -> tuple[Path, str]:
    """The directory the ``.gitignore`` patterns are read from (the work tree's root, else
    ``root`` itself), and ``root``'s path below it (``""`` or ``"a/b/"``)."""
    resolved = root.resolve()
    for candidate in (resolved, *resolved.parents):
        if (candidate / ".git").exists():
            below = resolved.relative_to(candidate).as_posix()
            return candidate, "" if below == "." else below + "/"
    return resolved, ""


def _ancestors(top: Path, root: Path) -> Iterator[Path]:
    """The directories from ``top`` down to ``root``'s parent (``root``'s own file is read as it
    is walked)."""
    resolved = root.resolve()
    for parent in reversed(resolved.parents):
        if parent == top or top in parent.parents:
            yield parent


def _walk(
    directory: Path,
    prefix: str,
    yaml_here: bool,
    ignores: list[Gitignore],
    found: tuple[list[Path], list[Path]],
    skipped: list[Skipped],
) -> None:
    """Walk ``directory`` (``prefix``: its path from the scope's top, with a trailing ``/``);
    ``found`` collects the job files and the BPMN files."""
    try:
        entries = sorted(os.scandir(directory), key=lambda entry: entry.name)
    except OSError:
        return  # unreadable: nothing to check in it (a file given by name still says why)
    gitignore = next((entry for entry in entries if entry.name == ".gitignore"), None)
    if gitignore is not None and gitignore.is_file():
        ignore = Gitignore.parse(Path(gitignore.path), prefix, _read_text(Path(gitignore.path)))
        ignores = [*ignores, ignore]
    for entry in entries:
        name = entry.name
        if name.startswith("."):
            continue
        path = Path(entry.path)
        is_dir = entry.is_dir()
        if is_dir and entry.is_symlink():
            # a link may lead back up, or out of the tree (rglob does not follow them either)
            skipped.append(Skipped(_shown(path, is_dir), "a symbolic link to a directory"))
            continue
        excluded = _excluded(ignores, prefix + name, is_dir)
        if excluded is not None:
            if is_dir or _is_job_file_name(name, yaml_here) or name.endswith(BPMN_SUFFIXES):
                skipped.append(Skipped(_shown(path, is_dir), excluded))
            continue
        if is_dir:
            reason = _skipped_directory(path, name)
            if reason is not None:
                skipped.append(Skipped(_shown(path, is_dir), reason))
                continue
            _walk(path, f"{prefix}{name}/", name in _YAML_DIRECTORIES, ignores, found, skipped)
        elif _is_job_file_name(name, yaml_here) and entry.is_file():
            found[0].append(path)
        elif name.endswith(BPMN_SUFFIXES) and entry.is_file():
            found[1].append(path)


def _is_job_file_name(name: str, yaml_here: bool) -> bool:
    return name.endswith(_JSON_SUFFIX) or (yaml_here and name.endswith(_YAML_SUFFIXES))


def _shown(path: Path, is_dir: bool) -> str:
    return f"{path}{os.sep}" if is_dir else str(path)


def _skipped_directory(path: Path, name: str) -> str | None:
    if name == "node_modules":
        return "node_modules"
    if (path / "pyvenv.cfg").is_file():
        return "a virtual environment (pyvenv.cfg)"
    if name in _VENV_NAMES:
        for activate in _ACTIVATE:
            if (path / activate).is_file():
                return f"a virtual environment ({activate})"
    return None


def _excluded(ignores: Sequence[Gitignore], path: str, is_dir: bool) -> str | None:
    """Why ``path`` (from the scope's top) is excluded, or ``None``: the deepest ``.gitignore``
    with a matching pattern decides, and in it the last pattern that matches (gitignore(5))."""
    for ignore in reversed(ignores):
        pattern = ignore.match(path, is_dir)
        if pattern is not None:
            if pattern.negated:
                return None
            return f"excluded by {ignore.shown}:{pattern.line} ({pattern.text!r})"
    return None


def _read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""


@final
@dataclass(frozen=True, slots=True)
class _Pattern:
    text: str  # as written, for the reason
    line: int
    regex: re.Pattern[str]
    negated: bool
    directories_only: bool


@final
@dataclass(frozen=True, slots=True)
class Gitignore:
    """The patterns of one ``.gitignore`` file, as gitignore(5) reads them.

    ``base`` is the file's directory as a path from the top of the walk's scope (``""`` or
    ``"jobs/"``); a pattern only applies below it. What is read: blank lines and ``#`` comments
    skipped, ``\\`` escapes (``\\#``, ``\\!``, a trailing ``\\ ``), ``!`` re-including,
    a trailing ``/`` for directories only, a ``/`` at the start or in the middle anchoring the
    pattern to ``base`` (otherwise it matches at any depth), ``*``, ``?`` and ``[...]`` within
    one path component, and ``**`` as a whole component (``**/x``, ``x/**``, ``a/**/b``).

    >>> from pathlib import Path
    >>> from isorepeat.chronos.walk import Gitignore
    >>> ignore = Gitignore.parse(Path(".gitignore"), "", "*.json\\n!keep.json\\n/build/\\n**/tmp/*.json")
    >>> [ignore.match(path, False) is not None for path in ("a.json", "x/keep.json", "x/b.yaml")]
    [True, True, False]
    >>> ignore.match("x/keep.json", False).negated, ignore.match("build", True).text
    (True, '/build/')
    >>> ignore.match("x/build", True) is None, ignore.match("build", False) is None
    (True, True)
    """

    shown: str
    base: str
    patterns: tuple[_Pattern, ...]

    @classmethod
    def parse(cls, path: Path, base: str, text: str) -> Gitignore:
        """The patterns of ``text``, the ``.gitignore`` at ``path`` in the directory ``base``."""
        patterns = []
        for number, line in enumerate(text.splitlines(), 1):
            pattern = _compile(line, number)
            if pattern is not None:
                patterns.append(pattern)
        return cls(str(path), base, tuple(patterns))

    @classmethod
    def read(cls, directory: Path, top: Path) -> Gitignore | None:
        """The ``.gitignore`` of ``directory`` (below ``top``, or ``top`` itself), if it has one."""
        path = directory / ".gitignore"
        if not path.is_file():
            return None
        below = directory.relative_to(top).as_posix()
        return cls.parse(path, "" if below == "." else below + "/", _read_text(path))

    def match(self, path: str, is_dir: bool) -> _Pattern | None:
        """The last pattern matching ``path`` (from the scope's top; ``is_dir``: a directory)."""
        if not path.startswith(self.base):
            return None
        relative = path[len(self.base) :]
        for pattern in reversed(self.patterns):
            if (is_dir or not pattern.directories_only) and pattern.regex.fullmatch(relative):
                return pattern
        return None


def _compile(line: str, number: int) -> _Pattern | None:
    text = line.rstrip("\r")
    # Trailing spaces are ignored unless escaped with a backslash.
    while text.endswith(" ") and not text.endswith("\\ "):
        text = text[:-1]
    if not text or text.startswith("#"):
        return None
    written = text
    negated = text.startswith("!")
    if negated:
        text = text[1:]
    directories_only = text.endswith("/")
    if directories_only:
        text = text[:-1]
    if not text:
        return None
    anchored = "/" in text
    text = text.removeprefix("/")
    regex = _translate(text)
    if not anchored:
        regex = "(?:.*/)?" + regex
    return _Pattern(written, number, re.compile(regex, re.DOTALL), negated, directories_only)


def _translate(pattern: str) -> str:
    """A regular expression for a path relative to the ``.gitignore``'s directory."""
    components = pattern.split("/")
    parts = []
    for index, component in enumerate(components):
        last = index == len(components) - 1
        if component == "**":
            parts.append(".*" if last else "(?:.*/)?")
        else:
            parts.append(_translate_component(component) + ("" if last else "/"))
    return "".join(parts)


def _translate_component(component: str) -> str:
    """``*``, ``?`` and ``[...]`` never match a ``/``; ``\\c`` is the character ``c``."""
    out = []
    i = 0
    n = len(component)
    while i < n:
        char = component[i]
        i += 1
        if char == "*":
            out.append("[^/]*")
        elif char == "?":
            out.append("[^/]")
        elif char == "\\" and i < n:
            out.append(re.escape(component[i]))
            i += 1
        elif char == "[":
            end = i
            if end < n and component[end] in "!^":
                end += 1
            if end < n and component[end] == "]":
                end += 1
            while end < n and component[end] != "]":
                end += 1
            if end >= n:
                out.append(re.escape(char))  # no closing bracket: a plain "["
                continue
            body = component[i:end].replace("\\", "\\\\")
            i = end + 1
            if body[:1] in ("!", "^"):
                body = "^" + body[1:]
            elif body[:1] == "[":
                body = "\\" + body
            out.append(f"(?!/)[{body}]")
        else:
            out.append(re.escape(char))
    return "".join(out)
