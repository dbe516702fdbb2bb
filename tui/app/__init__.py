"""The Textual UI: a thin App, one screen per file, widgets named by role, one stylesheet.

``NewsdeskApp`` is loaded on first use, so ``tui.app.model`` (the screen's Textual-free model) can be imported
without Textual.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .app import NewsdeskApp

__all__ = ["NewsdeskApp"]


def __getattr__(name: str) -> Any:
    if name == "NewsdeskApp":
        from .app import NewsdeskApp

        return NewsdeskApp
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
