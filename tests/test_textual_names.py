"""No screen, widget or app of ours declares an attribute under a name Textual already gives it.

A reactive named ``loading`` on the main screen once shadowed Textual's ``Widget.loading``: while True, Textual
covered the whole screen with a LoadingIndicator. The check reads each class body and each ``self.NAME = …`` in
``__init__`` (declarations), and compares them with what the Textual base class already has.
"""

from __future__ import annotations

import ast
import importlib
import inspect
import pkgutil

import tui.app
from textual.dom import DOMNode

# Class settings Textual reads from subclasses on purpose (documented hooks, not attributes that clash).
TEXTUAL_SETTINGS = {"BINDINGS", "DEFAULT_CSS", "CSS_PATH", "CSS", "TITLE", "SUB_TITLE", "COMMANDS",
                    "AUTO_FOCUS", "COMPONENT_CLASSES", "ENABLE_COMMAND_PALETTE", "BINDING_GROUP_TITLE"}


def our_textual_classes() -> list[type]:
    classes = []
    for info in pkgutil.walk_packages(tui.app.__path__, "tui.app."):
        module = importlib.import_module(info.name)
        for _name, cls in inspect.getmembers(module, inspect.isclass):
            if cls.__module__ == module.__name__ and issubclass(cls, DOMNode):
                classes.append(cls)
    return classes


def textual_base(cls: type) -> type:
    return next(base for base in cls.__mro__ if base.__module__.startswith("textual."))


def declared_names(cls: type) -> tuple[set[str], set[str]]:
    """(attributes, methods) the class body declares; attributes include ``self.NAME = …`` in ``__init__``."""
    import textwrap

    (body,) = ast.parse(textwrap.dedent(inspect.getsource(cls))).body
    assert isinstance(body, ast.ClassDef)
    attributes: set[str] = set()
    methods: set[str] = set()
    for node in body.body:
        if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            attributes.add(node.target.id)
        elif isinstance(node, ast.Assign):
            attributes |= {target.id for target in node.targets if isinstance(target, ast.Name)}
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            methods.add(node.name)
            if node.name == "__init__":
                attributes |= {n.attr for n in ast.walk(node) if isinstance(n, ast.Attribute) and isinstance(
                    n.ctx, ast.Store) and isinstance(n.value, ast.Name) and n.value.id == "self"}
    return attributes - TEXTUAL_SETTINGS, {name for name in methods if not name.startswith("__")}


def clashes(cls: type) -> set[str]:
    """Attributes Textual's base already has, and methods standing where the base has data (a reactive, a
    property): overriding a base *method* (``on_mount``, ``render_line``) is how Textual is meant to be used."""
    base = textual_base(cls)
    attributes, methods = declared_names(cls)
    return {name for name in attributes if hasattr(base, name)} | {
        name for name in methods if hasattr(base, name) and not callable(getattr(base, name))}


def test_no_attribute_shadows_a_textual_one() -> None:
    classes = our_textual_classes()
    assert len(classes) >= 10  # the screens, the widgets and the app were found
    found = {cls.__qualname__: sorted(clashes(cls)) for cls in classes if clashes(cls)}
    assert found == {}


def test_the_check_catches_a_shadowing_reactive() -> None:
    """Negative control: a screen declaring ``loading`` (as the main screen once did) is caught."""
    from textual.reactive import reactive
    from textual.screen import Screen

    class Shadowing(Screen):
        loading = reactive(True)

        def __init__(self) -> None:
            super().__init__()
            self.disabled_reason = ""
            self.display_name = ""

    assert clashes(Shadowing) == {"loading"}
