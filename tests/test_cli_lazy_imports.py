"""The command line imports a command's module only when that command runs, and the app's path up to App.run
imports nothing heavy: no numpy, no krippendorff, no agreement, no export formats, no extraction beyond the
preview. Each check runs a fresh interpreter (``python -c``) and reads its ``sys.modules``; a negative control
imports one heavy module the way an eager import would and must be caught."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tui.cli import COMMANDS, build_parser

ROOT = Path(__file__).resolve().parent.parent

# Stops the app at App.run (after the command line chose `open`, read the config, opened the store, built the
# app) and prints the modules loaded so far. PRELUDE is where the negative control imports something heavy.
PROBE = """
import json, sys
sys.path.insert(0, {root!r})
{prelude}
import textual.app

def stop(self, *args, **kwargs):
    print(json.dumps(sorted(sys.modules)))
    raise SystemExit(0)

textual.app.App.run = stop
from tui.cli import main
try:
    main({argv!r})
except SystemExit:
    pass
if {print_at_exit!r}:
    print(json.dumps(sorted(sys.modules)))
"""

# What the preview path may read: the reader (and its HTML text), the preview itself, the package.
PREVIEW_MODULES = {"tui.core.extract", "tui.core.extract.reader", "tui.core.extract.preview",
                   "tui.core.extract.htmltext"}
HEAVY_PREFIXES = ("numpy", "krippendorff", "tui.core.sets.agreement", "tui.core.sets.formats",
                  "tui.core.sets.annotation_set", "tui.core.sets.stats")


def heavy(modules: list[str]) -> list[str]:
    """The modules among ``modules`` that the first frame must not wait for."""
    return sorted(m for m in modules if m.startswith(HEAVY_PREFIXES)
                  or m.startswith("tui.core.extract.") and m not in PREVIEW_MODULES)


def command_modules(modules: list[str]) -> list[str]:
    """The command modules of tui.cli that were imported."""
    return sorted(m for m in modules if m.startswith("tui.cli.") and m != "tui.cli.common")


def loaded(argv: list[str], tmp_path: Path, prelude: str = "", at_exit: bool = False) -> list[str]:
    code = PROBE.format(root=str(ROOT), prelude=prelude, argv=argv, print_at_exit=at_exit)
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "NEWSDESK_DB": str(tmp_path / "db.json"),
           "XDG_CONFIG_HOME": str(tmp_path / "config")}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env,
                          cwd=tmp_path, timeout=120)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_app_path_to_app_run_imports_nothing_heavy(tmp_path: Path) -> None:
    modules = loaded(["open"], tmp_path)
    assert "tui.app.app" in modules  # the probe did get as far as the app
    assert heavy(modules) == []
    assert command_modules(modules) == ["tui.cli.app"]


def test_default_command_is_as_light(tmp_path: Path) -> None:
    modules = loaded([], tmp_path)
    assert "tui.app.app" in modules
    assert heavy(modules) == []


def test_negative_control_an_eager_import_is_caught(tmp_path: Path) -> None:
    # what `from . import agree` at the top of tui/cli/__init__.py did: numpy and krippendorff before the app
    modules = loaded(["open"], tmp_path, prelude="import tui.cli.agree")
    caught = heavy(modules)
    assert "numpy" in caught and "krippendorff" in caught and "tui.core.sets.agreement" in caught
    assert "tui.cli.agree" in command_modules(modules)


def test_help_and_version_import_no_command(tmp_path: Path) -> None:
    for argv in (["--help"], ["--version"]):
        modules = loaded(argv, tmp_path, at_exit=True)
        assert command_modules(modules) == [], argv
        assert heavy(modules) == [], argv
        assert "textual.app" in modules  # the probe's own import; nothing of the app
        assert "tui.app" not in modules


def test_one_command_imports_only_its_module(tmp_path: Path) -> None:
    modules = loaded(["merge", "--help"], tmp_path, at_exit=True)
    assert command_modules(modules) == ["tui.cli.merge"]


def test_listed_help_lines_are_the_commands_own() -> None:
    parser = build_parser()  # every command in full
    subparsers = next(a for a in parser._actions if a.dest == "command")
    own = {choice.dest: choice.help for choice in subparsers._choices_actions}
    assert own == {name: help_line for name, (_module, help_line) in COMMANDS.items()}
