"""The extraction core never imports textual or rich, even indirectly."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

_CORE_DIR = Path(__file__).resolve().parent.parent / "tui" / "core"
# Every module under tui/core, sub-packages (the export formats) included, as "formats.brat".
CORE = sorted(".".join(p.relative_to(_CORE_DIR).with_suffix("").parts) for p in _CORE_DIR.rglob("*.py"))


def test_core_modules_import_without_textual_or_rich() -> None:
    modules = ", ".join(f"tui.core.{name}" for name in CORE if name != "__init__")
    code = (f"import sys, importlib\n"
            f"for name in {[f'tui.core.{n}' for n in CORE if n != '__init__']!r}: importlib.import_module(name)\n"
            f"bad = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich'))\n"
            f"print(','.join(bad))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "", f"{modules} pulled in: {result.stdout}"
