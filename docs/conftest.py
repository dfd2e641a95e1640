"""pytest runs these pages' doctests too (``--doctest-glob='*.rst'``): give them the names that
Sphinx's ``doctest_global_setup`` in ``conf.py`` gives them, from that one definition."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import Any

import pytest

_spec = importlib.util.spec_from_file_location("_sphinx_conf", Path(__file__).with_name("conf.py"))
assert _spec is not None
assert _spec.loader is not None
_conf = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_conf)


@pytest.fixture(autouse=True)
def _sphinx_doctest_setup(doctest_namespace: dict[str, Any]) -> None:
    exec(_conf.doctest_global_setup, doctest_namespace)
