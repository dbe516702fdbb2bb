"""The Textual UI: a thin App, one screen per file, widgets named by role, one stylesheet."""

from .app import NewsdeskApp

__all__ = ["NewsdeskApp"]
