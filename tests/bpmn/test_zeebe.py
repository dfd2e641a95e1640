"""Zeebe's timer model (isorepeat.bpmn.zeebe) against the engine vectors and the engine's code."""

from __future__ import annotations

import pytest

from isorepeat.bpmn.zeebe import ZEEBE, ZEEBE_2024, ZEEBE_63687, ZeebeEngine
from tests.bpmn.vectors import Case, cases_of, check_case

_ENGINES = {engine.name: engine for engine in (ZEEBE, ZEEBE_2024, ZEEBE_63687)}


@pytest.mark.parametrize("case", cases_of(*_ENGINES))
def test_vector(case: Case) -> None:
    check_case(_ENGINES[case["engine"]], case)
