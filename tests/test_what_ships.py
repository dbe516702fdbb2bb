"""The installed package holds the app, the core and the seeds: nothing in it points outside itself (the research
data beside a checkout, the evaluation tools), and the evaluation tools are not in it."""

from __future__ import annotations

import re
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "tui"
# a path into ../shared or into the checkout around the package, or an import of the evaluation tools
OUTSIDE = re.compile(r"""\.\./shared|["']shared["']|parents\[[1-9]\]|\btools/|(?:from|import) (?:devsets|timebank|evaluate)\b""")


def test_no_module_of_the_package_points_outside_it() -> None:
    found = [f"{path.relative_to(PACKAGE)}:{number}: {line.strip()}"
             for path in sorted(PACKAGE.rglob("*.py"))
             for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
             if OUTSIDE.search(line) and not line.lstrip().startswith("#")]
    assert found == []


def test_the_check_sees_a_path_into_the_shared_data() -> None:
    """Negative control: the lines the earlier TimeBank reader had in the package are caught."""
    assert OUTSIDE.search('DEFAULT_FOLDER = Path(__file__).resolve().parents[3] / "shared" / "data"')
    assert OUTSIDE.search("from timebank import parse_tml")
    assert not OUTSIDE.search("so ``../../etc/passwd`` becomes ``passwd-<id>``")


def test_evaluation_tools_are_not_in_the_package() -> None:
    assert not (PACKAGE / "evaluate.py").exists()
    assert not list(PACKAGE.rglob("timebank.py")) and not list(PACKAGE.rglob("devsets.py"))
