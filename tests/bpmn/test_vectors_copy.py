"""tests/data/bpmn holds the shared BPMN vectors unchanged (they are our data; ../shared is the source)."""

from __future__ import annotations

import pytest

from tests.paths import BPMN_VECTORS, SHARED

SHARED_VECTORS = SHARED / "vectors" / "bpmn" / "engine_timers.json"


@pytest.mark.skipif(not SHARED_VECTORS.exists(), reason="../shared/vectors/bpmn is not beside the project")
def test_the_copy_of_the_bpmn_vectors_is_the_shared_file() -> None:
    assert BPMN_VECTORS.read_bytes() == SHARED_VECTORS.read_bytes()
