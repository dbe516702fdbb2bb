"""``w3c``: a W3C Web Annotation Data Model ``AnnotationCollection`` (JSON-LD).

Layout, following the model's section 5: the collection (``id``, ``type``, ``label``, ``total``) embeds its one
``AnnotationPage`` as ``first`` (``items`` holds every annotation, ``startIndex`` 0) and names it as ``last``.
Each annotation:

* ``@context`` (the same as the collection's, so each annotation also stands alone), ``id``
  ``urn:uuid:<tag id>``, ``type`` ``Annotation``, ``motivation`` ``tagging``, ``created``, ``modified`` (the tag's
  ``updated``), ``creator`` an Agent: ``{"id": "urn:newsdesk:annotator:<name, percent-encoded>", "type":
  "Person", "name": <annotator>, "nickname": <annotator>}`` — one stable IRI per annotator;
* ``target``: a ``SpecificResource`` whose ``source`` is ``{"id": "urn:newsdesk:article:<article_id>", "type":
  "Text", "format": "text/plain", "language": LANG}`` (the content hash of the article text, so every tag on one
  version of an article shares a source) with two selectors: ``TextQuoteSelector`` (``exact`` / ``prefix`` /
  ``suffix``) and ``TextPositionSelector`` (``start`` / ``end``, in code points);
* ``body``: the actor and the stance as ``TextualBody`` with ``purpose`` ``tagging`` (told apart by
  ``nd:code`` ``actor`` / ``stance``), the note as a ``TextualBody`` with ``purpose`` ``commenting``; each with
  ``format`` ``text/plain`` and ``language`` LANG.

LANG is ``--language`` (a BCP 47 tag, ``en`` by default: newsdesk's extraction reads English news, and the
default codebook's names are English).

Fields with no home in the model are in the ``nd:`` namespace (``urn:newsdesk:terms:``, declared in the
``@context``): ``nd:tagId``, ``nd:articleId``, ``nd:articlePath``, ``nd:annotator``, ``nd:suggested``,
``nd:orphan``, ``nd:articleTitle``, ``nd:articlePublished``.  Import uses them to give back the tag field for
field.  The selectors and bodies are read as they are, so a change made in another tool is kept.
"""

from __future__ import annotations

import json
import re
import uuid
from pathlib import Path
from typing import Any, TextIO
from urllib.parse import quote

from tui.core.sets.formats.base import (
    ExportEntry,
    FormatError,
    ParsedTag,
    WriteContext,
    check_tag,
    encode_json,
    json_safe,
    store_time,
    tag_doc,
)
from tui.core.store.defaults import utc_now

NAME = "w3c"
SUFFIX = ".jsonld"
FOLDER = False
NEEDS_TEXT = False
ANNO_CONTEXT = "http://www.w3.org/ns/anno.jsonld"
NAMESPACE = "urn:newsdesk:terms:"
SOURCE_PREFIX = "urn:newsdesk:article:"
ANNOTATOR_PREFIX = "urn:newsdesk:annotator:"
CONTEXT = [ANNO_CONTEXT, {"nd": NAMESPACE}]
_HEX_ID = re.compile(r"^[0-9a-fA-F]{32}$")


def annotation_iri(tag_id: str) -> str:
    if not _HEX_ID.match(tag_id):
        return f"urn:newsdesk:tag:{tag_id}"
    h = tag_id.lower()
    return f"urn:uuid:{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"  # str(uuid.UUID(h)), without its cost


def annotator_iri(name: str) -> str:
    """A stable IRI for an annotator: the same name always gives the same IRI, two names never share one."""
    return ANNOTATOR_PREFIX + quote(name, safe="")


def annotation(entry: ExportEntry, language: str = "en") -> dict[str, Any]:
    tag = entry.tag
    body: list[dict[str, Any]] = []
    for code in ("actor", "stance"):
        if tag.get(code) is not None:
            body.append({"type": "TextualBody", "purpose": "tagging", "value": tag[code], "format": "text/plain",
                         "language": language, "nd:code": code})
    if tag.get("note") is not None:
        body.append({"type": "TextualBody", "purpose": "commenting", "value": tag["note"], "format": "text/plain",
                     "language": language})
    title, published = entry.article.title_and_date()
    annotator = tag["annotator"]
    item: dict[str, Any] = {
        "@context": CONTEXT,
        "id": annotation_iri(tag["id"]),
        "type": "Annotation",
        "motivation": "tagging",
        "created": tag.get("created"),
        "modified": tag.get("updated"),
        "creator": {"id": annotator_iri(annotator), "type": "Person", "name": annotator, "nickname": annotator},
    }
    if body:
        item["body"] = body
    item["target"] = {
        "type": "SpecificResource",
        "source": {"id": SOURCE_PREFIX + tag["article_id"], "type": "Text", "format": "text/plain",
                   "language": language},
        "selector": [
            {"type": "TextQuoteSelector", "exact": tag.get("quote"), "prefix": tag.get("prefix"),
             "suffix": tag.get("suffix")},
            {"type": "TextPositionSelector", "start": tag["start"], "end": tag["end"]},
        ],
    }
    item.update({"nd:tagId": tag["id"], "nd:articleId": tag["article_id"], "nd:articlePath": tag.get("article_path"),
                 "nd:annotator": annotator, "nd:suggested": tag.get("suggested"),
                 "nd:orphan": tag.get("orphan"), "nd:articleTitle": title, "nd:articlePublished": published})
    return item


def write(entries: list[ExportEntry], handle: TextIO, ctx: WriteContext) -> None:
    collection_id = f"urn:uuid:{uuid.uuid4()}"
    page_id = f"urn:uuid:{uuid.uuid4()}"
    head = {
        "@context": CONTEXT,
        "id": collection_id,
        "type": "AnnotationCollection",
        "label": "newsdesk annotations",
        "total": len(entries),
    }
    opening = json.dumps(head, ensure_ascii=False, indent=1)[:-2]  # leave the object open
    handle.write(opening + ',\n "first": {"id": ' + json.dumps(page_id) + ', "type": "AnnotationPage", '
                 '"partOf": ' + json.dumps(collection_id) + ', "startIndex": 0, "items": [\n')
    batch: list[str] = []
    for index, entry in enumerate(entries):
        batch.append(("  " if index == 0 else ",\n  ") + encode_json(annotation(entry, ctx.language)))
        if len(batch) >= 1000:
            handle.write(json_safe("".join(batch)))
            ctx.tick(len(batch))
            batch.clear()
    handle.write(json_safe("".join(batch)) + '\n ]},\n "last": ' + json.dumps(page_id) + "\n}\n")
    ctx.tick(len(batch))


# --------------------------------------------------------------------------- import
def read(path: Path, data: Any) -> tuple[list[ParsedTag], list[str]]:
    """Annotations of a collection (``first.items`` or ``items``), a page, a list, or one annotation."""
    items = _items(path, data)
    now = utc_now()
    tags: list[ParsedTag] = []
    for number, item in enumerate(items, start=1):
        where = f"{path}: item {number}"
        try:
            doc = _tag(item, now)
        except FormatError as exc:
            raise FormatError(f"{where}: {exc}") from None
        problem = check_tag(doc)
        if problem:
            raise FormatError(f"{where}: {problem}")
        tags.append(ParsedTag(tag_doc(doc), where))
    return tags, []


def _items(path: Path, data: Any) -> list[Any]:
    if isinstance(data, list):
        return data
    if not isinstance(data, dict):
        raise FormatError(f"{path}: expected a W3C AnnotationCollection object")
    kind = data.get("type")
    if kind == "Annotation":
        return [data]
    first = data.get("first")
    items = first.get("items") if isinstance(first, dict) else data.get("items")
    if kind not in ("AnnotationCollection", "AnnotationPage") or not isinstance(items, list):
        raise FormatError(f"{path}: expected a W3C AnnotationCollection with its annotations embedded in "
                          f"\"first\".\"items\" (or an AnnotationPage with \"items\")")
    return items


def _selectors(target: dict) -> tuple[dict, dict]:
    found = target.get("selector")
    found = found if isinstance(found, list) else [found]
    by_type = {s.get("type"): s for s in found if isinstance(s, dict)}
    quote, position = by_type.get("TextQuoteSelector"), by_type.get("TextPositionSelector")
    if quote is None or position is None:
        raise FormatError("the target needs a TextQuoteSelector and a TextPositionSelector")
    return quote, position


def _tag(item: Any, now: str) -> dict:
    if not isinstance(item, dict) or item.get("type") != "Annotation":
        raise FormatError("not an object of type \"Annotation\"")
    target = item.get("target")
    target = target[0] if isinstance(target, list) and target else target
    if not isinstance(target, dict):
        raise FormatError("no target with selectors")
    quote_sel, position = _selectors(target)
    actor = stance = note = None
    tagging = []
    for body in item.get("body") or []:
        if not isinstance(body, dict):
            continue
        if body.get("purpose") == "commenting":
            note = body.get("value")
        elif body.get("purpose") == "tagging":
            if body.get("nd:code") == "actor":
                actor = body.get("value")
            elif body.get("nd:code") == "stance":
                stance = body.get("value")
            else:
                tagging.append(body.get("value"))
    if tagging and actor is None and stance is None:  # another tool: first tag the actor, second the stance
        actor, stance = (tagging + [None])[:2]
    source = _source_id(target.get("source"))
    creator = item.get("creator")
    saved = {
        "id": item.get("nd:tagId") or _id_from_iri(item.get("id")),
        "article_id": item.get("nd:articleId") or (source[len(SOURCE_PREFIX):] if source.startswith(SOURCE_PREFIX)
                                                  else None),
        "article_path": item.get("nd:articlePath") or source,
        "start": position.get("start"), "end": position.get("end"), "quote": quote_sel.get("exact"),
        "actor": actor, "stance": stance, "note": note,
        "prefix": quote_sel.get("prefix") or "",
        "suffix": quote_sel.get("suffix") or "",
        "annotator": item.get("nd:annotator") or (creator.get("name") if isinstance(creator, dict) else None),
        "created": item.get("created"),
        "updated": item.get("modified") or item.get("created"),
        "suggested": item.get("nd:suggested", False),
        "orphan": item.get("nd:orphan", False),
    }
    if saved["article_id"] is None:
        raise FormatError("no article id (nd:articleId or a urn:newsdesk:article: source)")
    if "nd:tagId" not in item:  # another tool's times, in the store's form
        saved["created"] = store_time(saved["created"]) or now
        saved["updated"] = store_time(saved["updated"]) or saved["created"]
    return saved


def _source_id(source: Any) -> str:
    """The target's source IRI: the string itself, or the ``id`` of a source object."""
    if isinstance(source, dict):
        source = source.get("id")
    return source if isinstance(source, str) else ""


def _id_from_iri(iri: Any) -> str | None:
    if not isinstance(iri, str):
        return None
    if iri.startswith("urn:uuid:"):
        try:
            return uuid.UUID(iri[len("urn:uuid:"):]).hex
        except ValueError:
            return iri
    return iri.removeprefix("urn:newsdesk:tag:")
