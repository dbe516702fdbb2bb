"""The core and the command line work without the optional extras (dask, textual-serve); asking for them says how
to install them, in one line."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WITHOUT_EXTRAS = "import sys\nfor name in ('dask', 'distributed', 'textual_serve'):\n    sys.modules[name] = None\n"


def without_extras(code: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", WITHOUT_EXTRAS + code], check=False, capture_output=True,
                          text=True, cwd=cwd, timeout=120)


def test_the_core_imports_without_the_extras(tmp_path: Path) -> None:
    run = without_extras("import tui.core.extract.distributed, tui.core.extract.parallel, tui.cli.serve, "
                         "tui.cli.extract_dask, tui.cli\nimport dask", tmp_path)
    assert "ModuleNotFoundError: import of dask halted" in run.stderr  # control: dask really was blocked
    assert run.stderr.count("Error") == 1, run.stderr  # and only that last import failed


def test_asking_for_a_missing_extra_is_one_line(tmp_path: Path) -> None:
    call = "from tui.cli import main\nsys.exit(main({args!r}))"
    dask = without_extras(call.format(args=["extract", str(ROOT / "seeds"), "--dask", "tcp://127.0.0.1:9"]),
                          tmp_path)
    assert dask.returncode == 2 and dask.stdout == ""
    assert dask.stderr == "newsdesk: --dask needs Dask: pip install 'newsdesk[dask]'\n"
    serve = without_extras(call.format(args=["serve", "--port", "9"]), tmp_path)
    assert serve.returncode == 2 and serve.stderr == "newsdesk: serve needs textual-serve: pip install 'newsdesk[serve]'\n"


def test_serving_beyond_loopback_warns_and_loopback_does_not() -> None:
    from tui.cli.serve import is_loopback

    assert is_loopback("127.0.0.1") and is_loopback("localhost") and is_loopback("::1") and is_loopback("127.5.0.1")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.0.2.10") and not is_loopback("newsdesk.example")


def test_a_port_in_use_is_one_line(tmp_path: Path) -> None:
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        run = subprocess.run([sys.executable, "-m", "tui", "serve", "--port", str(port), "--db",
                              str(tmp_path / "db.json")], check=False, capture_output=True, text=True,
                             cwd=tmp_path, timeout=60)
    assert run.returncode == 2
    assert run.stderr.strip().splitlines()[-1].startswith(f"newsdesk: cannot listen on 127.0.0.1:{port}")


def test_another_host_must_be_asked_for_and_is_warned_about(tmp_path: Path) -> None:
    """192.0.2.10 (documentation range) is no address of this machine: the bind fails after the warning, so
    nothing is ever listening beyond loopback in this test."""
    run = subprocess.run([sys.executable, "-m", "tui", "serve", "--host", "192.0.2.10", "--port", "8000", "--db",
                          str(tmp_path / "db.json")], check=False, capture_output=True, text=True, cwd=tmp_path,
                         timeout=60)
    lines = run.stderr.strip().splitlines()
    assert run.returncode == 2
    assert lines[0].startswith("newsdesk: warning: serving on 192.0.2.10:8000 with no authentication")
    assert lines[-1].startswith("newsdesk: cannot listen on 192.0.2.10:8000")
