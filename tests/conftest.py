"""Hypothesis profiles for the tests, chosen with the ``HYPOTHESIS_PROFILE`` environment variable.

* ``quick`` (the default, for local runs): 100 examples per property; failing examples are kept in
  a database in the user's cache directory, so the next run tries them first.
* ``ci`` (``.ci/run`` exports ``HYPOTHESIS_PROFILE=ci``): 1,000 examples, no deadline (a shared
  runner's timings say nothing), no database (every CI run starts from a fresh checkout), and the
  blob to reproduce a failure printed with it.

The profiles are the source of ``max_examples``: a property that needs more (or, to stay fast,
fewer) sets its own, with the reason beside it. Hypothesis's own files (the database, its caches)
go to the cache directory too, never to a ``.hypothesis/`` in the checkout.
``pytest --hypothesis-profile=NAME`` still overrides the environment variable.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Final

from hypothesis import settings
from hypothesis.configuration import set_hypothesis_home_dir
from hypothesis.database import DirectoryBasedExampleDatabase


def _cache_home() -> Path:
    """``$XDG_CACHE_HOME``, ``~/.cache``, or the temporary directory when there is no home."""
    if xdg := os.environ.get("XDG_CACHE_HOME"):
        return Path(xdg)
    try:
        return Path.home() / ".cache"
    except RuntimeError:  # no home directory to be found
        return Path(tempfile.gettempdir())


HYPOTHESIS_HOME: Final = (
    Path(os.environ["HYPOTHESIS_STORAGE_DIRECTORY"])
    if os.environ.get("HYPOTHESIS_STORAGE_DIRECTORY")
    else _cache_home() / "isorepeat" / "hypothesis"
)
set_hypothesis_home_dir(HYPOTHESIS_HOME)

settings.register_profile(
    "quick",
    max_examples=100,
    database=DirectoryBasedExampleDatabase(HYPOTHESIS_HOME / "examples"),
)
settings.register_profile(
    "ci",
    settings.get_profile("quick"),
    max_examples=1000,
    deadline=None,
    database=None,
    print_blob=True,
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "quick"))
