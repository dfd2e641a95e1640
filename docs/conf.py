"""Sphinx configuration: html and doctest builders, both run with ``-W`` (STYLE.md §2.10).

Nothing here touches the network: intersphinx is loaded for its roles only and has no mappings.
Every ``>>>`` line, in these pages and in the docstrings autodoc pulls in, is run by
``sphinx-build -W -b doctest docs docs/_build/doctest`` and compared exactly.
"""

from __future__ import annotations

import doctest
import sys
from pathlib import Path

# The package is normally installed (editable); the checkout wins either way.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

project = "isorepeat"
author = "isorepeat developers"
copyright = "isorepeat developers"
version = release = "0.1.0"

extensions = [
    "sphinx.ext.autodoc",
    "sphinx.ext.doctest",
    "sphinx.ext.intersphinx",
]

exclude_patterns = ["_build"]
nitpicky = False
default_role = "code"

# -- intersphinx: no mappings, so no inventory is ever fetched ------------------------------
intersphinx_mapping: dict[str, tuple[str, str | None]] = {}

# -- autodoc ----------------------------------------------------------------------------------
autodoc_member_order = "bysource"
autodoc_typehints = "signature"

# -- doctest ----------------------------------------------------------------------------------
# Doctest blocks in the pages *and* in the docstrings autodoc inserts are tested.
doctest_test_doctest_blocks = "default"
# Unlike Sphinx's default, compare exception messages too (no IGNORE_EXCEPTION_DETAIL): the
# message, the caret line and the hint of a ScheduleError are the point of those examples.
doctest_default_flags = doctest.ELLIPSIS | doctest.DONT_ACCEPT_TRUE_FOR_1
doctest_global_setup = """
import importlib.util

from isorepeat import Duration, Policy, Run, Schedule, ScheduleError, parse, simulate

HAVE_PYTZ = importlib.util.find_spec("pytz") is not None
HAVE_DATEUTIL = importlib.util.find_spec("dateutil") is not None
"""

# -- html -------------------------------------------------------------------------------------
# Furo (a docs-only dependency, the [docs] extra): maintained, and it scrolls wide code blocks
# and console output instead of cutting them off as the default theme did.
html_theme = "furo"
html_title = "isorepeat: ISO 8601 repeating intervals, exact and explicit"
