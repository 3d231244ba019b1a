"""Data from outside the repository: ``../shared`` (real saved pages, real published titles).

A plain clone has no ``../shared`` beside it: the tests that need it skip, saying so. CI has it and sets
``GOVAUDIT_REQUIRE_SHARED=1``, so there a missing folder fails instead of skipping silently.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[2] / "shared"
REAL_PAGES = SHARED / "real-pages"
REAL_DATA = SHARED / "real-data"


def require(path: Path) -> Path:
    """``path`` when it exists; else skip the test with a one-line reason (fail under CI's requirement)."""
    if not path.exists():
        reason = f"needs {path} (../shared beside the repository), which is absent"
        if os.environ.get("GOVAUDIT_REQUIRE_SHARED") == "1":
            pytest.fail(reason)
        pytest.skip(reason)
    return path
