"""Defaults of the annotation store: where the database lives, who is tagging, what time it is."""

from __future__ import annotations

import getpass
import os
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

DEFAULT_DB = Path("annotations") / "annotations.json"


class _Unset:
    def __repr__(self) -> str:
        return "UNSET"


UNSET: Any = _Unset()


def default_db_path() -> Path:
    """``$NEWSDESK_DB`` if set, else ``./annotations/annotations.json``."""
    return Path(os.environ.get("NEWSDESK_DB") or DEFAULT_DB)


def rescue_folders(preferred: Path | None = None) -> list[Path]:
    """Where a rescue file of unsaved changes may go, in order: ``preferred`` (beside the database), the
    platform's user data folder (platformdirs: ``~/.local/share/newsdesk`` on Linux), the temporary folder
    (which may be emptied at the next restart, hence not first), the home folder."""
    import tempfile

    from platformdirs import user_data_path

    folders = [preferred] if preferred is not None else []
    folders += [user_data_path("newsdesk", appauthor=False), Path(tempfile.gettempdir()), Path.home()]
    return folders


def default_annotator(name: str | None = None) -> str:
    """The given name, else ``$NEWSDESK_ANNOTATOR``, else the login name."""
    if name or os.environ.get("NEWSDESK_ANNOTATOR"):
        return name or os.environ["NEWSDESK_ANNOTATOR"]
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return "anonymous"


def utc_now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="microseconds")


def database_exists(path: Path) -> bool:
    """A database is there when its JSON file is, or (before its first compaction) its journal (beside the file
    a symlinked path points to)."""
    if path.is_file():
        return True
    real = Path(os.path.realpath(path))
    return real.with_name(real.name + ".journal").is_file()


def database_problem(path: Path) -> str | None:
    """Why ``path`` cannot be opened as an existing database (one line naming it), or None when it can be tried."""
    if path.exists() and not path.is_file():
        return f"{path}: not a file"
    if not database_exists(path):
        return f"{path}: no such annotation database"
    return None
