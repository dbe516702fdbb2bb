"""``labelstudio``: Label Studio tasks JSON and the labeling config that matches it.

The JSON is a list of tasks, one per article.  ``data`` holds ``text`` (the article text), ``article_id``,
``article_path``, ``title``, ``published`` and ``newsdesk``: ``{"annotators": {email: annotator name},
"tags": {region id: the tag's other fields}}``.  Label Studio keeps a task's ``data`` as it is, on import and
in its own JSON export, so that block carries who tagged what and when through a round trip (Label Studio
itself keeps neither an annotation's times nor any key of its own on import).

``annotations`` holds one annotation per annotator, ``completed_by`` ``{"email": ...}`` as Label Studio's
importer takes it: the annotator's e-mail if the name is one, ``labelstudio:<n>`` as the user id ``n``, else
``NAME@newsdesk.local`` (``NAME`` reduced to ``A-Z a-z 0-9 . _ -`` and, when that changed it, a short hash
added to keep names apart).  Label Studio refuses an e-mail that is not a member of the organization: create
those users first.  ``created_at`` / ``updated_at`` are the earliest and latest of the annotator's tags.
Each tag is a region whose ``id`` is the tag id: a ``labels`` result (``from_name`` ``actor``, ``value``
``{start, end, text, labels: [ACTOR]}``, ``labels: []`` for a tag without an actor, which the config allows
with ``allowEmpty``), a per-region ``choices`` result with the same id (``from_name`` ``stance``) and a
per-region ``textarea`` result (``from_name`` ``note``, ``value.text`` = ``[NOTE]``).  Offsets are code
points, as Label Studio counts them; several regions of one annotator may lie inside one statement.

The labeling config is written beside the JSON as ``<name>.label_config.xml`` (``tasks.json`` →
``tasks.label_config.xml``): paste it into the project's Labeling Interface before importing the tasks.

Import reads these files and Label Studio's own exports (``completed_by`` an id, or ``{"id", "email"}``).  The
annotator is the name the ``newsdesk`` block gives that e-mail, else ``labelstudio:<e-mail or id>``; a region
the block knows for that annotator gets its saved fields back (what was changed in Label Studio wins, dated by
the annotation's ``updated_at``); other regions are new tags: the article id is the hash of the task text,
prefix and suffix are taken from the text, and a region whose ``text`` does not match its offsets (old Label
Studio versions counted UTF-16 units) is re-anchored from its text.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
import uuid
import xml.etree.ElementTree as ET
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from tui.core.extract.reader import article_id
from tui.core.sets.formats.base import (
    TAG_FIELDS,
    UNTAGGED_ACTOR,
    ExportEntry,
    FormatError,
    ParsedTag,
    WriteContext,
    check_tag,
    json_text,
    merge_edits,
    store_time,
    tag_doc,
)
from tui.core.store.anchoring import selector
from tui.core.store.defaults import utc_now

NAME = "labelstudio"
SUFFIX = ".json"
FOLDER = False
NEEDS_TEXT = True
CONFIG_SUFFIX = ".label_config.xml"
# what the extension keeps of each tag: the region has its id and quote, the annotation its annotator
EXTENSION_FIELDS = ("article_id", "article_path", "start", "end", "prefix", "suffix", "actor", "stance", "note",
                    "created", "updated", "suggested", "orphan")
IMPORT_NAMESPACE = uuid.UUID("6f1c2a52-54c5-4d8e-9d0c-3b3f0c1b7e21")  # stable ids for Label Studio regions
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_HEX_COLOUR = re.compile(r"^#(?:[0-9a-fA-F]{3}){1,2}$")
_USER_ID = re.compile(r"^labelstudio:(\d+)$")
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
_PLAIN_NAME = re.compile(r"(?=.{1,64}$)[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)*")  # a dot-atom, as e-mail allows
_NOT_IN_NAME = re.compile(r"[^A-Za-z0-9._-]+")
EMAIL_DOMAIN = "newsdesk.local"


def config_path(out: Path) -> Path:
    return out.with_name(out.stem + CONFIG_SUFFIX)


# --------------------------------------------------------------------------- export
def write(entries: list[ExportEntry], handle: TextIO, ctx: WriteContext) -> None:
    groups: dict[str, list[ExportEntry]] = defaultdict(list)
    for entry in entries:
        groups[entry.article.text_id or ""].append(entry)
    handle.write("[")
    for index, group in enumerate(groups.values()):
        handle.write(("\n" if index == 0 else ",\n") + json_text(_task(group)))
        ctx.tick(len(group))
    handle.write("\n]\n")


def _task(group: list[ExportEntry]) -> dict[str, Any]:
    article = group[0].article
    title, published = article.title_and_date()
    by_annotator: dict[str, list[dict]] = defaultdict(list)
    for entry in group:
        by_annotator[entry.tag["annotator"]].append(entry.tag)
    annotations = []
    emails: dict[str, str] = {}
    for annotator, tags in sorted(by_annotator.items()):
        result: list[dict[str, Any]] = []
        for tag in tags:
            result.extend(_regions(tag))
        user = completed_by(annotator)
        if isinstance(user, dict):
            emails[user["email"]] = annotator
        annotations.append({
            "result": result,
            "completed_by": user,
            "created_at": min(str(t.get("created")) for t in tags),
            "updated_at": max(str(t.get("updated")) for t in tags),
            "was_cancelled": False,
            "ground_truth": False,
        })
    saved = {"annotators": emails,
             "tags": {t["id"]: {"annotator": t["annotator"], **{k: t.get(k) for k in EXTENSION_FIELDS}}
                      for tags in by_annotator.values() for t in tags}}
    data = {"text": article.text, "article_id": article.text_id, "article_path": article.key, "title": title,
            "published": published, "newsdesk": saved}
    return {"data": data, "annotations": annotations}


def _regions(tag: dict) -> list[dict[str, Any]]:
    span = {"start": tag["start"], "end": tag["end"]}
    common = {"id": tag["id"], "to_name": "text", "origin": "manual"}
    actor = tag.get("actor")
    regions = [{**common, "from_name": "actor", "type": "labels",
                "value": {**span, "text": tag["quote"], "labels": [] if actor is None else [actor]}}]
    if tag.get("stance") is not None:
        regions.append({**common, "from_name": "stance", "type": "choices",
                        "value": {**span, "choices": [tag["stance"]]}})
    if tag.get("note") is not None:
        regions.append({**common, "from_name": "note", "type": "textarea", "value": {**span, "text": [tag["note"]]}})
    return regions


def completed_by(annotator: str) -> int | dict[str, str]:
    """The annotation's ``completed_by`` as Label Studio's importer takes it: a user id, or ``{"email"}``."""
    match = _USER_ID.match(annotator)
    if match:
        return int(match.group(1))
    email = annotator.removeprefix("labelstudio:")
    if _EMAIL.fullmatch(email):
        return {"email": email}
    return {"email": f"{email_name(annotator)}@{EMAIL_DOMAIN}"}


def email_name(annotator: str) -> str:
    """The local part of an annotator's ``@newsdesk.local`` address: the name itself when it is made of
    ``A-Z a-z 0-9 . _ -``, else those characters of it plus a hash of the whole name (so two names never meet)."""
    if _PLAIN_NAME.fullmatch(annotator):
        return annotator
    ascii_only = unicodedata.normalize("NFKD", annotator).encode("ascii", "ignore").decode("ascii")
    cleaned = re.sub(r"\.{2,}", ".", _NOT_IN_NAME.sub("-", ascii_only))[:40].strip(".-") or "annotator"
    return f"{cleaned}-{hashlib.sha1(annotator.encode('utf-8', 'surrogatepass')).hexdigest()[:6]}"


def label_config(entries: list[ExportEntry], ctx: WriteContext) -> str:
    """The ``<View>`` labeling config: actor Labels, the Text, per-region stance Choices and note TextArea."""
    book = ctx.codebook
    actor_colours = {code.name: code.color for code in (book.actors if book else [])}
    actors = list(actor_colours)
    used = [e.tag["actor"] for e in entries if e.tag.get("actor") is not None]
    actors += sorted(set(used) - set(actors))
    stances = [code.name for code in (book.stances if book else [])]
    stances += sorted({e.tag["stance"] for e in entries if e.tag.get("stance") is not None} - set(stances))
    view = ET.Element("View")
    ET.SubElement(view, "Style").text = ".htx-text { white-space: pre-wrap; }"
    labels = ET.SubElement(view, "Labels", name="actor", toName="text", allowEmpty="true")
    for name in actors:
        attributes = {"value": _xml_text(name)}
        if _HEX_COLOUR.match(actor_colours.get(name, "")):
            attributes["background"] = actor_colours[name]
        ET.SubElement(labels, "Label", attributes)
    ET.SubElement(view, "Text", name="text", value="$text")
    choices = ET.SubElement(view, "Choices", name="stance", toName="text", perRegion="true", choice="single")
    for name in stances:
        ET.SubElement(choices, "Choice", value=_xml_text(name))
    ET.SubElement(view, "TextArea", name="note", toName="text", perRegion="true", editable="true",
                  maxSubmissions="1", placeholder="note")
    ET.indent(view)
    return ET.tostring(view, encoding="unicode") + "\n"


def _xml_text(value: str) -> str:
    return _XML_INVALID.sub("", value)


# --------------------------------------------------------------------------- import
def read(path: Path, data: Any) -> tuple[list[ParsedTag], list[str]]:
    if isinstance(data, dict) and "data" in data:
        data = [data]
    if not isinstance(data, list):
        raise FormatError(f"{path}: expected a Label Studio export (a JSON list of tasks)")
    now = utc_now()
    tags: list[ParsedTag] = []
    ignored = 0
    for number, task in enumerate(data, start=1):
        where = f"{path}: task {number}"
        text, article_path = _task_text(task, number, where)
        saved = _saved_block(task["data"])
        text_id = article_id(text)
        annotations = task.get("annotations", task.get("completions")) or []
        if not isinstance(annotations, list):
            raise FormatError(f"{where}: \"annotations\" is not a list")
        for index, annotation in enumerate(annotations, start=1):
            if not isinstance(annotation, dict):
                raise FormatError(f"{where}, annotation {index}: not an object")
            if annotation.get("was_cancelled"):
                continue
            found, skipped = _annotation_tags(annotation, saved, Task(text, text_id, article_path, now),
                                              f"{where}, annotation {index}")
            tags += found
            ignored += skipped
    warnings = [f"{path}: {ignored} result(s) that are not actor labels on text spans were ignored"] if ignored else []
    return tags, warnings


@dataclass(frozen=True, slots=True)
class Task:
    text: str
    text_id: str
    article_path: str
    now: str


def _saved_block(data: dict) -> dict[str, dict]:
    """``data.newsdesk`` of a task this module wrote (``annotators`` and ``tags``), empty parts if absent."""
    block = data.get("newsdesk")
    block = block if isinstance(block, dict) else {}
    return {name: block[name] if isinstance(block.get(name), dict) else {} for name in ("annotators", "tags")}


def _task_text(task: Any, number: int, where: str) -> tuple[str, str]:
    if not isinstance(task, dict) or not isinstance(task.get("data"), dict):
        raise FormatError(f"{where}: not a task object with \"data\"")
    data = task["data"]
    text = data.get("text")
    if not isinstance(text, str):
        strings = [value for value in data.values() if isinstance(value, str)]
        if len(strings) != 1:
            raise FormatError(f"{where}: no \"text\" in the task data")
        text = strings[0]
    path = data.get("article_path")
    return text, path if isinstance(path, str) else f"labelstudio:task:{task.get('id', number)}"


def _annotator(completed_by: Any, names: dict) -> str:
    """Who made an annotation: the name the task's ``newsdesk`` block gives the e-mail, else
    ``labelstudio:<e-mail or user id>`` (``labelstudio`` alone when Label Studio names nobody)."""
    who = completed_by
    if isinstance(completed_by, dict):
        who = completed_by.get("email") or completed_by.get("id")
    if isinstance(who, str) and isinstance(names.get(who), str) and names[who].strip():
        return names[who]
    if isinstance(who, (int, str)) and not isinstance(who, bool) and str(who):
        return f"labelstudio:{who}"
    return "labelstudio"


def _annotation_tags(annotation: dict, saved: dict[str, dict], task: Task,
                     where: str) -> tuple[list[ParsedTag], int]:
    extension = annotation.get("newsdesk")  # files of newsdesk before 0.2 kept the tags here
    extension = extension if isinstance(extension, dict) else {}
    if isinstance(extension.get("annotator"), str):
        annotator = extension["annotator"]
    else:
        annotator = _annotator(annotation.get("completed_by"), saved["annotators"])
    old_tags = extension.get("tags")
    saved_tags = {**saved["tags"], **(old_tags if isinstance(old_tags, dict) else {})}
    edited_at = store_time(annotation.get("updated_at"))
    created_at = store_time(annotation.get("created_at")) or edited_at or task.now
    regions, ignored = _regions_of(annotation, where)
    tags = []
    for region_id, parts in regions.items():
        here = f"{where}, region {region_id}"
        if "labels" not in parts:
            ignored += len(parts)
            continue
        text = task.text
        seen = _seen(parts, text, here)
        before = _saved_tag(saved_tags.get(region_id), region_id, annotator, text)
        if before is not None:
            if seen["actor"] == UNTAGGED_ACTOR and before["actor"] is None:  # files written before 0.2
                seen["actor"] = None
            doc = merge_edits(before, seen, edited_at, task.now)
        else:
            doc = {"id": uuid.uuid5(IMPORT_NAMESPACE, f"{task.text_id}\x1f{annotator}\x1f{region_id}").hex,
                   "article_id": task.text_id, "article_path": task.article_path, **seen, "prefix": "",
                   "suffix": "", "annotator": annotator, "created": created_at, "updated": edited_at or created_at,
                   "suggested": False, "orphan": False}
        if (before is None or (doc["start"], doc["end"]) != (before["start"], before["end"])) \
                and text[doc["start"]:doc["end"]] == doc["quote"]:
            doc.update(selector(text, doc["start"], doc["end"]))
        problem = check_tag(doc)
        if problem:
            raise FormatError(f"{here}: {problem}")
        tags.append(ParsedTag(tag_doc(doc), here, text))
    return tags, ignored


def _regions_of(annotation: dict, where: str) -> tuple[dict[str, dict[str, dict]], int]:
    """The annotation's text-span results by region id and kind; how many other results it has."""
    results = annotation.get("result") or []
    if not isinstance(results, list):
        raise FormatError(f"{where}: \"result\" is not a list")
    regions: dict[str, dict[str, dict]] = defaultdict(dict)
    ignored = 0
    for number, result in enumerate(results, start=1):
        if not isinstance(result, dict) or not isinstance(result.get("value"), dict):
            raise FormatError(f"{where}, result {number}: not an object with a \"value\"")
        kind = result.get("type")
        if kind in ("labels", "choices", "textarea") and "start" in result["value"]:
            regions[str(result.get("id", f"result-{number}"))][kind] = result["value"]
        else:
            ignored += 1
    return regions, ignored


def _saved_tag(fields: Any, region_id: str, annotator: str, text: str) -> dict | None:
    """The tag as exported, from the task's ``newsdesk`` block, if it is this annotator's; its quote is the text
    it was anchored on."""
    if not isinstance(fields, dict) or type(fields.get("start")) is not int or type(fields.get("end")) is not int:
        return None
    if fields.get("annotator", annotator) != annotator:  # another user's copy of the region is a tag of their own
        return None
    saved = {**{k: v for k, v in fields.items() if k in EXTENSION_FIELDS}, "id": region_id, "annotator": annotator, "quote": text[fields["start"]:fields["end"]]}
    return saved if set(saved) >= set(TAG_FIELDS) and check_tag(saved) is None else None


def _seen(parts: dict[str, dict], text: str, where: str) -> dict[str, Any]:
    value = parts["labels"]
    start, end = value.get("start"), value.get("end")
    if type(start) is not int or type(end) is not int or not 0 <= start < end:
        raise FormatError(f"{where}: start and end must be whole numbers with start < end")
    given = value.get("text") if isinstance(value.get("text"), str) and value.get("text") else None
    # past the end in code points is fine only as UTF-16 units (old Label Studio) of a region that names its text
    if end > len(text) and not (given and end <= len(text.encode("utf-16-le", "surrogatepass")) // 2):
        raise FormatError(f"{where}: the span {start}..{end} runs past the end of the task text "
                          f"({len(text)} characters)")
    quote = given or text[start:end]
    if not quote:
        raise FormatError(f"{where}: the span {start}..{end} is outside the task text")
    if len(quote) != end - start:  # offsets counted another way: the import re-anchors it from its text
        end = start + len(quote)
    labels = value.get("labels") or []
    if not isinstance(labels, list) or not all(isinstance(label, str) for label in labels):
        raise FormatError(f"{where}: \"labels\" must be a list of strings")
    stance = note = None
    if "choices" in parts:
        choices = parts["choices"].get("choices") or []
        stance = choices[0] if isinstance(choices, list) and choices and isinstance(choices[0], str) else None
    if "textarea" in parts:
        lines = parts["textarea"].get("text")
        lines = [lines] if isinstance(lines, str) else lines
        if isinstance(lines, list) and all(isinstance(line, str) for line in lines) and lines:
            note = "\n".join(lines)
    return {"start": start, "end": end, "quote": quote, "actor": "; ".join(labels) if labels else None,
            "stance": stance, "note": note}
