"""Shared fixtures and paths for the test suite.

Research data stays in ``../shared`` beside the checkout (see its README): tests that need it skip when it is absent,
as in a user's clone. The evaluation tools in ``tools/`` are run from a checkout, so they are put on the path here.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SEEDS = ROOT / "seeds"
SEEDS_GOLD = SHARED / "gold" / "seeds.json"
DATA = SHARED / "data"
TIMEBANK = DATA / "timebank"

sys.path.insert(0, str(ROOT / "tools"))


@pytest.fixture(scope="session")
def seeds_gold_path() -> Path:
    """The hand-made gold for the seeds, read in place; the test skips without it."""
    if not SEEDS_GOLD.is_file():
        pytest.skip(f"no seeds gold at {SEEDS_GOLD}")
    return SEEDS_GOLD


@pytest.fixture(scope="session")
def seeds_gold(seeds_gold_path: Path) -> dict:
    return json.loads(seeds_gold_path.read_text(encoding="utf-8"))
