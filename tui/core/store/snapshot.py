"""The TinyDB JSON layout of the store's snapshot: checking and indexing it on open, building it to compact.

Tables: ``annotations`` (one document per tag), ``meta`` (``{"key", "value"}`` documents: schema_version,
codebook, journal_seq, session state), ``history`` (per annotator undo and redo stacks); any other table is kept
as it is.  A snapshot that does not fit the layout is refused with :class:`StoreError`, one line naming the file.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NoReturn

from tui.core.store.journal import StoreError
from tui.core.text import one_line

SCHEMA_VERSION = 1
REQUIRED_FIELDS = {"id": str, "article_id": str, "start": int, "end": int, "annotator": str}
INTERNAL_TABLES = ("annotations", "meta", "history")
# Tag fields whose values repeat across many tags: kept as one string object each in memory.
SHARED_FIELDS = ("article_id", "article_path", "annotator", "actor", "stance")


@dataclass
class Snapshot:
    """What a snapshot holds, indexed: tags by id and by article id, meta values by key, history by annotator."""

    meta: dict[str, Any] = field(default_factory=dict)
    seq: int = 0
    docs: dict[str, dict] = field(default_factory=dict)
    by_article: dict[str, dict[str, dict]] = field(default_factory=dict)
    history: dict[str, dict[str, list]] = field(default_factory=dict)
    other_tables: dict[str, Any] = field(default_factory=dict)


def read_snapshot(data: dict[str, Any], where: Path) -> Snapshot:
    """Check ``data`` (a parsed snapshot) and index it; raises :class:`StoreError` naming ``where``."""
    loaded = Snapshot()
    for key, doc in _table(data, "meta", where).items():
        if not isinstance(doc, dict) or not isinstance(doc.get("key"), str):
            _refuse(where, f"meta document {key} is not a {{'key', 'value'}} object")
        loaded.meta[doc["key"]] = doc.get("value")
    version = loaded.meta.get("schema_version", SCHEMA_VERSION)
    if not isinstance(version, int) or isinstance(version, bool):
        _refuse(where, f"schema version {version!r} is not a number")
    if version > SCHEMA_VERSION:
        _refuse(where, f"schema version {version} is newer than this newsdesk reads ({SCHEMA_VERSION}); "
                       f"upgrade newsdesk to open it")
    seq = loaded.meta.get("journal_seq", 0)
    loaded.seq = seq if isinstance(seq, int) else 0
    _index_tags(_table(data, "annotations", where), loaded, where)
    for key, doc in _table(data, "history", where).items():
        if not (isinstance(doc, dict) and isinstance(doc.get("annotator"), str)
                and isinstance(doc.get("undo", []), list) and isinstance(doc.get("redo", []), list)):
            _refuse(where, f"history document {key} is not valid")
        loaded.history[doc["annotator"]] = {"undo": list(doc.get("undo", [])), "redo": list(doc.get("redo", []))}
    loaded.other_tables = {name: table for name, table in data.items() if name not in INTERNAL_TABLES}
    return loaded


def _index_tags(table: dict[str, Any], loaded: Snapshot, where: Path) -> None:
    """Check and index every tag of the snapshot: the hot loop of opening, kept flat on purpose."""
    docs, by_article = loaded.docs, loaded.by_article
    shared: dict[Any, Any] = {}  # one string object for each repeated value (an article's path, an actor ...)
    for key, doc in table.items():
        try:
            uid, article_id = doc["id"], doc["article_id"]
            valid = (type(uid) is str and type(article_id) is str and type(doc["start"]) is int
                     and type(doc["end"]) is int and type(doc["annotator"]) is str)
        except (KeyError, TypeError, AttributeError):
            valid = False
        if not valid:
            missing = [f for f, kind in REQUIRED_FIELDS.items()
                       if not isinstance(doc, dict) or type(doc.get(f)) is not kind]
            _refuse(where, f"annotation {key} has no valid {', '.join(missing) or 'fields'}")
        for name in SHARED_FIELDS:
            value = doc.get(name)
            if type(value) is str:
                doc[name] = shared.setdefault(value, value)
        if uid in docs:  # the same id twice: the later document wins
            earlier = by_article[docs[uid]["article_id"]]
            earlier.pop(uid, None)
            if not earlier:
                del by_article[docs[uid]["article_id"]]
        docs[uid] = doc
        article = by_article.get(article_id)
        if article is None:
            article = by_article[article_id] = {}
        article[uid] = doc


def snapshot_data(meta: dict[str, Any], seq: int, docs: dict[str, dict], history: dict[str, dict[str, list]],
                  other_tables: dict[str, Any]) -> dict[str, Any]:
    """The whole state in TinyDB's layout (documents numbered from 1), recording ``seq`` as ``journal_seq``."""
    values = {"schema_version": SCHEMA_VERSION}
    values.update((k, v) for k, v in meta.items() if k != "schema_version")
    values["journal_seq"] = seq
    data = dict(other_tables)
    data["annotations"] = {str(n): doc for n, doc in enumerate(docs.values(), 1)}
    data["meta"] = {str(n): {"key": k, "value": v} for n, (k, v) in enumerate(values.items(), 1)}
    data["history"] = {str(n): {"annotator": who, "undo": stacks["undo"], "redo": stacks["redo"]}
                       for n, (who, stacks) in enumerate(history.items(), 1) if stacks["undo"] or stacks["redo"]}
    return data


def _table(data: dict[str, Any], name: str, where: Path) -> dict[str, Any]:
    table = data.get(name, {})
    if not isinstance(table, dict):
        _refuse(where, f"table {name!r} is a {type(table).__name__}, expected an object of documents")
    return table


def _refuse(where: Path, problem: str) -> NoReturn:
    raise StoreError(one_line(f"{where}: {problem}"))
