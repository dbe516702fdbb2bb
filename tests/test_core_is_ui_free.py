"""Nothing outside the UI layers (tui/app, tui/cli) imports textual or rich, even indirectly."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent.parent / "tui"
_UI_LAYERS = ("app", "cli")  # the only places textual and rich belong
# Every module of the package outside the UI layers (the core with its sub-packages, tui/evaluate.py ...),
# dotted ("tui.core.formats.brat"); __main__ would run the command line.
CORE = sorted("tui." + ".".join(p.relative_to(_PACKAGE).with_suffix("").parts)
              for p in _PACKAGE.rglob("*.py")
              if p.relative_to(_PACKAGE).parts[0] not in _UI_LAYERS and p.stem not in ("__init__", "__main__"))


def test_core_modules_import_without_textual_or_rich() -> None:
    code = (f"import sys, importlib\n"
            f"for name in {CORE!r}: importlib.import_module(name)\n"
            f"bad = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich'))\n"
            f"print(','.join(bad))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "", f"{', '.join(CORE)} pulled in: {result.stdout}"
