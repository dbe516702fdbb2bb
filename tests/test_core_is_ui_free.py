"""The package's layers: the core is UI-free, and its domains import one way.

Two proofs: importing every module outside the UI layers loads neither textual nor rich; and reading every import
statement (function-local ones too) shows that

- nothing outside ``tui/app`` and ``tui/cli`` imports textual or rich,
- ``tui.core.extract`` imports neither ``tui.core.store`` nor ``tui.core.sets``,
- ``tui.core.store`` does not import ``tui.core.sets``,
- the shared types at ``tui/core/*.py`` import none of the three domains,
- ``tui.core`` imports neither UI layer, and ``tui.app`` never imports ``tui.cli``;
- ``tui.presentation`` (rich renderables both UI layers share) imports rich but not textual, nor either UI layer.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

_PACKAGE = Path(__file__).resolve().parent.parent / "tui"
_UI_LAYERS = ("app", "cli", "presentation")  # the only places textual and rich belong (presentation: rich only)


def _dotted(path: Path) -> str:
    parts = path.relative_to(_PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_dotted(p): p for p in sorted(_PACKAGE.rglob("*.py"))}
# dotted names ("tui.core.sets.formats.brat"); __main__ would run the command line
CORE = sorted(name for name, path in MODULES.items()
              if path.relative_to(_PACKAGE).parts[0] not in _UI_LAYERS and not name.endswith("__main__"))

# (importer prefix, forbidden prefix): what each layer must never import
FORBIDDEN = [
    ("tui.core.extract", "tui.core.store"),
    ("tui.core.extract", "tui.core.sets"),
    ("tui.core.store", "tui.core.sets"),
    ("tui.core", "tui.app"),
    ("tui.core", "tui.cli"),
    ("tui.app", "tui.cli"),
    ("tui.presentation", "textual"),
    ("tui.presentation", "tui.app"),
    ("tui.presentation", "tui.cli"),
]
SHARED_TYPES_MAY_NOT = ("tui.core.extract", "tui.core.store", "tui.core.sets")


def imports_of(path: Path, module: str) -> set[str]:
    """Every module ``path`` imports anywhere in its body, relative imports resolved to dotted names."""
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            found.add(target)
            found.update(f"{target}.{alias.name}" for alias in node.names)  # "from x import submodule"
    return found


def _within(name: str, prefix: str) -> bool:
    return name == prefix or name.startswith(prefix + ".")


def violations(modules: dict[str, Path]) -> list[str]:
    bad = []
    for module, path in modules.items():
        imported = imports_of(path, module)
        outside_ui = not any(_within(module, f"tui.{layer}") for layer in _UI_LAYERS)
        for name in sorted(imported):
            if outside_ui and name.split(".")[0] in ("textual", "rich"):
                bad.append(f"{module} imports {name}")
            for importer, forbidden in FORBIDDEN:
                if _within(module, importer) and _within(name, forbidden):
                    bad.append(f"{module} imports {name}")
            shared_type = module.count(".") == 2 and _within(module, "tui.core") and path.name != "__init__.py"
            if shared_type and any(_within(name, domain) for domain in SHARED_TYPES_MAY_NOT):
                bad.append(f"{module} (a shared type) imports {name}")
    return bad


def test_layers_import_one_way() -> None:
    assert violations(MODULES) == []


def test_the_check_catches_a_function_local_import_the_wrong_way(tmp_path: Path) -> None:
    """Negative control: a late import of the store from extraction, and of rich from the core, are both caught."""
    fake = tmp_path / "layout.py"
    fake.write_text("def f():\n    from tui.core.store.database import AnnotationStore\n    import rich.text\n")
    shared = tmp_path / "model.py"
    shared.write_text("from .extract import layout\n")
    found = violations({"tui.core.extract.layout": fake, "tui.core.model": shared})
    assert found == ["tui.core.extract.layout imports rich.text",
                     "tui.core.extract.layout imports tui.core.store.database",
                     "tui.core.extract.layout imports tui.core.store.database.AnnotationStore",
                     "tui.core.model (a shared type) imports tui.core.extract",
                     "tui.core.model (a shared type) imports tui.core.extract.layout"]


@pytest.mark.parametrize("domain", ["extract", "store", "sets"])
def test_the_core_is_laid_out_by_domain(domain: str) -> None:
    assert any(_within(name, f"tui.core.{domain}") and name != f"tui.core.{domain}" for name in CORE)


def test_core_modules_import_without_textual_or_rich() -> None:
    code = (f"import sys, importlib\n"
            f"for name in {CORE!r}: importlib.import_module(name)\n"
            f"bad = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich'))\n"
            f"print(','.join(bad))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "", f"{', '.join(CORE)} pulled in: {result.stdout}"
