"""``newsdesk serve``: the reader and annotator in a web browser, through textual-serve (``newsdesk[serve]``).

Each browser tab gets a session of its own: textual-serve starts ``newsdesk open`` with the same paths, database
and annotator for every tab that connects, and ends it when the tab closes. The database's one-writer lock works as
in the terminal: the first session writes, every other one opens it read-only and says so, until the writer's tab
is closed. Loopback only by default; there is no authentication, so another address must be asked for with
``--host`` and is served with a warning.
"""

from __future__ import annotations

import argparse
import ipaddress
import shlex
import sys
from pathlib import Path

from tui.core.seeds import seeds_dir
from tui.core.store.defaults import default_annotator, default_db_path


def add_parser(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("serve", help="serve the app to web browsers (each tab a session; needs newsdesk[serve])")
    parser.add_argument("paths", nargs="*", metavar="PATH", help="files or folders (default: ./seeds or the seeds)")
    parser.add_argument("--host", default="127.0.0.1",
                        help="address to listen on (default 127.0.0.1; any other is reachable without a password)")
    parser.add_argument("--port", type=int, default=8000, help="port to listen on (default 8000)")
    parser.add_argument("--public-url", metavar="URL",
                        help="the address browsers use, when it is not http://HOST:PORT (a proxy, a tunnel)")
    parser.add_argument("--db", type=Path, help="TinyDB file (default: $NEWSDESK_DB or ./annotations/annotations.json)")
    parser.add_argument("--annotator", help="the name on the tags of the writing session (default: as `open`)")
    parser.add_argument("--codebook", type=Path, help="a TOML codebook of actors and stances")
    parser.add_argument("--config", type=Path, help="a TOML config file with [keys] rebindings")
    parser.add_argument("--read-only", action="store_true", help="every session read-only")
    parser.add_argument("--no-ansi", action="store_true", help="use Textual's own theme instead of ANSI colours")
    parser.set_defaults(run=run)


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False  # a host name: it may resolve to anything


def session_command(args: argparse.Namespace) -> list[str]:
    """The command textual-serve runs for each tab: ``newsdesk open`` with absolute paths (same for every tab)."""
    from . import CliError

    for path in args.paths:
        if not Path(path).exists():
            raise CliError(f"{path}: no such file or folder")
    paths = [Path(p).resolve() for p in args.paths] or [_default_paths()]
    command = [sys.executable, "-m", "tui", "open", *map(str, paths),
               "--db", str((args.db or default_db_path()).resolve()),
               "--annotator", default_annotator(args.annotator)]
    for option, value in (("--codebook", args.codebook), ("--config", args.config)):
        if value is not None:
            command += [option, str(Path(value).resolve())]
    command += ["--read-only"] * args.read_only + ["--no-ansi"] * args.no_ansi
    return command


def _default_paths() -> Path:
    local = Path("seeds")
    return local.resolve() if local.is_dir() else seeds_dir()


def run(args: argparse.Namespace) -> int:
    from . import CliError

    if not 0 < args.port < 65536:
        raise CliError(f"--port: {args.port} is not a port number (1-65535)")
    command = shlex.join(session_command(args))
    try:
        from textual_serve.server import Server
    except ImportError:
        raise CliError("serve needs textual-serve: pip install 'newsdesk[serve]'") from None
    if not is_loopback(args.host):
        print(f"newsdesk: warning: serving on {args.host}:{args.port} with no authentication: anyone who can reach "
              "this address can read the articles and tag as the annotator", file=sys.stderr)
    host = f"[{args.host}]" if ":" in args.host and not args.host.startswith("[") else args.host
    server = Server(command, host=args.host, port=args.port, title="newsdesk",
                    public_url=args.public_url or f"http://{host}:{args.port}")
    try:
        server.serve()
    except OSError as exc:
        raise CliError(f"cannot listen on {args.host}:{args.port} ({exc.strerror or exc})") from None
    return 0
