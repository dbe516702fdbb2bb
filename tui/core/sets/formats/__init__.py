"""Export / import formats of annotation sets, one module per format (see each module for its layout).

A format module has ``NAME``, ``SUFFIX``, ``FOLDER`` (writes a folder, not a file), ``NEEDS_TEXT`` (only tags
anchored in a found article text can be written) and ``write(entries, handle, ctx)`` (or
``write_folder(entries, folder, ctx)``); importable ones also ``read``.  The driver is
:mod:`tui.core.sets.annotation_set`.
"""

from __future__ import annotations

from types import ModuleType

from tui.core.sets.formats import brat, csvtable, doccano, jsonl, labelstudio, w3c

MODULES: dict[str, ModuleType] = {m.NAME: m for m in (jsonl, csvtable, w3c, brat, labelstudio, doccano)}
FORMATS: tuple[str, ...] = tuple(MODULES)
IMPORT_FORMATS: tuple[str, ...] = ("jsonl", "w3c", "labelstudio")


def module(name: str) -> ModuleType:
    return MODULES[name]
