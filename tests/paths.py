"""Where the tests find their files, wherever a test module sits under tests/."""

from __future__ import annotations

from pathlib import Path
from typing import Final

TESTS: Final = Path(__file__).resolve().parent
"""tests/ itself."""
ROOT: Final = TESTS.parent
"""The checkout: README.md, pyproject.toml, .pre-commit-hooks.yaml, .ci/."""
DOCS: Final = ROOT / "docs"
DATA: Final = TESTS / "data"
"""tests/data: the Chronos vectors, the hook fixtures, the corpus of real job files."""
CHRONOS_VECTORS: Final = DATA / "chronos_vectors.json"
SHARED: Final = ROOT.parent / "shared"
"""The shared folder beside the project in development (vectors, corpus); absent elsewhere."""
BPMN_VECTORS: Final = DATA / "bpmn" / "engine_timers.json"
"""tests/data/bpmn: a copy of ../shared/vectors/bpmn/engine_timers.json (the BPMN engines' timers)."""
BPMN_CORPUS: Final = SHARED / "corpus" / "bpmn"
"""Real BPMN files, read in place from ../shared (never copied into the project)."""
