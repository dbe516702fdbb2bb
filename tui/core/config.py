"""User configuration: key rebindings, read from a TOML file.

    # ~/.config/newsdesk/config.toml  (or $NEWSDESK_CONFIG, or --config FILE)
    [keys]
    next_statement = "j,down"
    set_actor = "a"

Keys are the binding ids listed by ``?`` in the app (the same ids as in the README).
"""

from __future__ import annotations

import os
from pathlib import Path

from tui.core.files import MB, FileProblem, read_bounded

MAX_TOML_BYTES = MB  # a codebook of thousands of actors is a few hundred KB


class ConfigError(Exception):
    """A configuration file that cannot be used; the message is one line naming the file."""


def default_config_path() -> Path:
    """``$NEWSDESK_CONFIG``, else ``config.toml`` in the platform's user configuration folder (platformdirs:
    ``$XDG_CONFIG_HOME/newsdesk`` or ``~/.config/newsdesk`` on Linux, ``~/Library/Application Support/newsdesk``
    on macOS, ``%LOCALAPPDATA%\\newsdesk`` on Windows)."""
    if env := os.environ.get("NEWSDESK_CONFIG"):
        return Path(env)
    from platformdirs import user_config_path  # only when no config file was named

    return user_config_path("newsdesk", appauthor=False) / "config.toml"


def read_toml(path: Path, error: type[Exception]) -> dict:
    """A TOML file as a dict; a file that is missing, not a regular file, over :data:`MAX_TOML_BYTES`, not
    UTF-8, not TOML or nested too deeply raises ``error`` with one line naming the file."""
    import tomllib  # only when a file is there to read: one import less on the way to the first frame

    try:
        text = read_bounded(path, MAX_TOML_BYTES).decode("utf-8")
        return tomllib.loads(text)
    except FileNotFoundError:
        raise error(f"{path}: no such file") from None
    except FileProblem as exc:
        raise error(str(exc)) from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise error(f"{path}: not valid TOML ({str(exc).splitlines()[0]})") from None
    except RecursionError:  # tomllib parses nested arrays and tables recursively
        raise error(f"{path}: not valid TOML (arrays or tables nested too deeply)") from None


def load_keymap(path: Path | None, known_ids: set[str], *, explicit: bool = False) -> dict[str, str]:
    """Binding id -> comma-separated keys. A missing default file is fine; a missing explicit one is an error."""
    if path is None or not path.exists():
        if explicit and path is not None:
            raise ConfigError(f"{path}: no such file")
        return {}
    data = read_toml(path, ConfigError)
    keys = data.get("keys", {})
    if not isinstance(keys, dict):
        raise ConfigError(f"{path}: [keys] must be a table of binding id = \"key,key\"")
    keymap = {}
    for binding_id, value in keys.items():
        if binding_id not in known_ids:
            raise ConfigError(f"{path}: unknown binding id {binding_id!r} (see the key list with ?)")
        if not isinstance(value, str) or not value.strip():
            raise ConfigError(f"{path}: keys for {binding_id!r} must be a non-empty string")
        keymap[binding_id] = value.replace(" ", "")
    return keymap
