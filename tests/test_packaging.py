"""Packaging and conventions: --version, shell completion, the licence, declared dependencies, platform folders."""

from __future__ import annotations

import ast
import json
import re
import shutil
import subprocess
import sys
import tomllib
from importlib.metadata import packages_distributions
from pathlib import Path

import pytest
from conftest import ROOT

from tui.cli import completion_script, main
from tui.core.config import default_config_path
from tui.core.store.database import AnnotationStore
from tui.core.store.defaults import rescue_folders
from tui.core.store.pending import SaveQueue

PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
STDLIB = set(sys.stdlib_module_names)


def names(requirements: list[str]) -> list[str]:
    return [re.split(r"[\[<>=!~; ]", r, maxsplit=1)[0].lower().replace("_", "-") for r in requirements]


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--version"]) == 0
    assert capsys.readouterr().out.strip() == f"newsdesk {PYPROJECT['project']['version']}"


def test_licence_is_the_mit_text_pyproject_names() -> None:
    text = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert text.startswith("MIT License") and "newsdesk contributors" in text
    assert "WITHOUT WARRANTY OF ANY KIND" in text and PYPROJECT["project"]["license"] == {"text": "MIT"}
    assert "License :: OSI Approved :: MIT License" in PYPROJECT["project"]["classifiers"]


def test_no_dependency_is_listed_twice() -> None:
    runtime = names(PYPROJECT["project"]["dependencies"])
    test = names(PYPROJECT["project"]["optional-dependencies"]["test"])
    assert len(set(runtime)) == len(runtime) and len(set(test)) == len(test)
    assert not set(runtime) & set(test)


def third_party_imports() -> dict[str, set[str]]:
    """Top-level modules imported anywhere in ``tui/`` (function-local imports too) that are not ours nor stdlib."""
    found: dict[str, set[str]] = {}
    for path in (ROOT / "tui").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            modules = [a.name for a in node.names] if isinstance(node, ast.Import) else \
                [node.module] if isinstance(node, ast.ImportFrom) and node.module and not node.level else []
            for module in modules:
                top = module.split(".")[0]
                if top not in STDLIB and top != "tui":
                    found.setdefault(top, set()).add(str(path.relative_to(ROOT)))
    return found


def test_every_imported_package_is_declared() -> None:
    """In the dependencies, or in an optional extra (dask, serve: those are imported only where they are used)."""
    extras = PYPROJECT["project"]["optional-dependencies"]
    declared = set(names(PYPROJECT["project"]["dependencies"]))
    declared |= {name for extra, wanted in extras.items() if extra != "test" for name in names(wanted)}
    distributions = packages_distributions()
    missing = {}
    for module, files in third_party_imports().items():
        dists = {d.lower().replace("_", "-") for d in distributions.get(module, [module])}
        if not dists & declared:
            missing[module] = sorted(files)
    assert missing == {}
    assert "numpy" in names(PYPROJECT["project"]["dependencies"]) and "numpy" in third_party_imports()


def test_bash_completion_knows_subcommands_options_and_choices(tmp_path: Path) -> None:
    bash = shutil.which("bash")
    if bash is None:
        pytest.skip("no bash")
    script = tmp_path / "newsdesk.bash"
    script.write_text(completion_script("bash"), encoding="utf-8")

    def complete(*words: str) -> list[str]:
        words_array = " ".join(f"'{w}'" for w in ("newsdesk", *words))
        command = (f"source {script}; COMP_WORDS=({words_array}); COMP_CWORD={len(words)}; _shtab_newsdesk; "
                   f"printf '%s\\n' \"${{COMPREPLY[@]}}\"")
        run = subprocess.run([bash, "-c", command],
                             capture_output=True, text=True, check=True, cwd=tmp_path)
        return run.stdout.split()
    assert complete("ex") == ["extract", "export"]
    assert complete("export", "--f") == ["--format", "--force"]
    assert complete("export", "--format", "") == ["jsonl", "csv", "w3c", "brat", "labelstudio", "doccano"]
    assert "--field" in complete("agree", "--")
    (tmp_path / "articles.txt").write_text("x", encoding="utf-8")
    assert "articles.txt" in complete("extract", "art")  # paths complete as file names


@pytest.mark.parametrize("shell", ["zsh", "tcsh"])
def test_other_shells(shell: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--print-completion", shell]) == 0
    assert "export" in capsys.readouterr().out
    assert main(["--print-completion", "fish"]) == 2
    assert "invalid choice" in capsys.readouterr().err


def test_config_follows_the_platform_folders(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("NEWSDESK_CONFIG", raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    assert default_config_path() == tmp_path / "xdg" / "newsdesk" / "config.toml"
    monkeypatch.setenv("NEWSDESK_CONFIG", str(tmp_path / "mine.toml"))
    assert default_config_path() == tmp_path / "mine.toml"


def test_a_rescue_goes_to_the_user_data_folder_when_the_database_folder_refuses(monkeypatch: pytest.MonkeyPatch,
                                                                                tmp_path: Path) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    assert rescue_folders(tmp_path / "db")[:2] == [tmp_path / "db", tmp_path / "data" / "newsdesk"]
    store = AnnotationStore.open(tmp_path / "db.json", annotator="alice")
    try:
        queue = SaveQueue(store)
        store.close()  # every save is refused now: the change waits
        text = "Russia said so."
        assert not queue.set_tag(article_id="a", article_path="a.txt", text=text, start=0, end=6, actor="Russia")
        not_a_folder = tmp_path / "file"
        not_a_folder.write_text("", encoding="utf-8")
        rescued = queue.rescue(not_a_folder)
        assert rescued is not None and rescued.parent == tmp_path / "data" / "newsdesk"
        (doc,) = [json.loads(line) for line in rescued.read_text(encoding="utf-8").splitlines()]
        assert doc["actor"] == "Russia" and doc["quote"] == "Russia"
    finally:
        store.close()
