"""``brat``: a brat standoff folder that opens in brat as it is.

Layout (one folder per annotator, so brat's comparison mode can put two coders side by side)::

    OUT/annotation.conf          [entities] the actors, [attributes] Stance (multi-valued) and Suggested
    OUT/visual.conf              actor labels (the real names) and codebook colours
    OUT/<annotator>/<article>-<article id>.txt   the article text, exactly (UTF-8, ``\\n`` line ends; one
                                                 file hard-linked into every annotator's folder where it can)
    OUT/<annotator>/<article>-<article id>.ann   T / A / # lines

``.ann`` lines: ``T1<TAB>ACTOR START END<TAB>TEXT`` (entity type = the actor made a brat identifier; a tag
without an actor is a ``Statement``), ``A1<TAB>Stance T1 VALUE``, ``A2<TAB>Suggested T1`` and
``#1<TAB>AnnotatorNotes T1<TAB>NOTE | annotator: NAME | created: TIME | updated: TIME``.
Offsets are code points.  brat's files are line-based, so a tag whose text runs over a line break is written
as discontinuous fragments ``START END;START END`` around each break (the text field joins the fragments
with one space, as brat does).  File and folder names keep only ``A-Z a-z 0-9 _ . -`` from the article's
file name or the annotator's name (so ``../../etc/passwd`` becomes ``passwd-<id>``) and end with the article
id, so they never leave OUT and never clash.  brat is an export only: import reads jsonl, w3c or labelstudio.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path, PurePosixPath

from tui.core.sets.formats.base import (
    UNTAGGED_ACTOR,
    ExportEntry,
    WriteContext,
    text_safe,
)

NAME = "brat"
SUFFIX = ""
FOLDER = True
NEEDS_TEXT = True
LINE_BREAKS = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"  # every character str.splitlines() breaks on
_PIECES = re.compile(f"[^{LINE_BREAKS}]+")
_BREAKS = re.compile(f"[{LINE_BREAKS}\t]+")
_UNSAFE_NAME = re.compile(r"[^A-Za-z0-9_.-]+")
_UNSAFE_TYPE = re.compile(r"[^A-Za-z0-9_-]+")
CONF_FILES = {"annotation.conf", "visual.conf", "tools.conf", "kb_shortcuts.conf"}
HEX_COLOUR = re.compile(r"^#(?:[0-9a-fA-F]{3}){1,2}$")


def fragments(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The pieces of ``text[start:end]`` between line breaks (brat's discontinuous spans)."""
    return [(m.start(), m.end()) for m in _PIECES.finditer(text, start, end)]


def safe_name(value: str, fallback: str, limit: int = 60) -> str:
    """A file name part made of ``A-Z a-z 0-9 _ . -`` only, never starting with a dot."""
    ascii_only = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode("ascii")
    cleaned = _UNSAFE_NAME.sub("_", ascii_only).strip("._-")[:limit].strip("._-")
    return cleaned or fallback


def article_name(entry: ExportEntry) -> str:
    key = entry.article.key or ""
    base, _, line = key.rpartition(":")
    if base.lower().endswith(".jsonl") and line.isdigit():
        stem = f"{PurePosixPath(base.replace(chr(92), '/')).stem}_{line}"
    else:
        stem = PurePosixPath(key.replace("\\", "/")).stem
    return f"{safe_name(stem, 'article')}-{entry.article.text_id}"


def type_names(names: list[str | None], fallback: str) -> dict[str | None, str]:
    """Distinct brat identifiers (a letter first, then letters, digits, ``_``, ``-``) for ``names``."""
    result: dict[str | None, str] = {}
    taken: set[str] = set()
    ordered = ([None] if None in names else []) + sorted({n for n in names if n is not None})
    for name in ordered:
        if name is None:
            base = UNTAGGED_ACTOR
        else:
            ascii_only = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
            base = _UNSAFE_TYPE.sub("_", ascii_only).strip("_-") or fallback
            if not base[0].isalpha():
                base = f"{fallback}_{base}"
        result[name] = _unique(base, taken, "_")
    return result


def _unique(base: str, taken: set[str], joint: str) -> str:
    """``base``, or ``base<joint>2``, ``base<joint>3`` ... whichever is not yet taken (ignoring case); takes it."""
    candidate, number = base, 2
    while candidate.lower() in taken:
        candidate, number = f"{base}{joint}{number}", number + 1
    taken.add(candidate.lower())
    return candidate


def _one_line(value: str) -> str:
    return _BREAKS.sub(" ", value)


def _codes(ctx: WriteContext, kind: str) -> list[tuple[str, str]]:
    book = ctx.codebook
    return [(code.name, code.color) for code in (getattr(book, kind) if book else [])]


def write_folder(entries: list[ExportEntry], folder: Path, ctx: WriteContext) -> list[Path]:
    actor_codes, stance_codes = _codes(ctx, "actors"), _codes(ctx, "stances")
    actors = type_names([name for name, _ in actor_codes] + [e.tag.get("actor") for e in entries], "Actor")
    stances = type_names([name for name, _ in stance_codes] + [e.tag.get("stance") for e in entries
                                                                if e.tag.get("stance") is not None], "stance")
    written = [_write_conf(folder, actors, stances), _write_visual(folder, actors, dict(actor_codes))]
    folders = _annotator_folders(sorted({e.tag["annotator"] for e in entries}))
    documents: dict[tuple[str, str], list[ExportEntry]] = defaultdict(list)
    for entry in entries:
        documents[(entry.tag["annotator"], entry.article.text_id or "")].append(entry)
    first_copy: dict[str, Path] = {}  # the article text written once, hard-linked into the other folders
    copies: list[tuple[Path, Path]] = []
    made: set[str] = set()
    with ThreadPoolExecutor(max_workers=WRITERS) as pool:
        pending = []
        for (annotator, text_id), group in documents.items():
            target = folder / folders[annotator]
            if annotator not in made:
                target.mkdir(exist_ok=True)
                made.add(annotator)
            name = article_name(group[0])
            text = group[0].article.text or ""
            txt, ann = target / f"{name}.txt", target / f"{name}.ann"
            if text_id in first_copy:
                copies.append((first_copy[text_id], txt))
            else:
                pending.append(pool.submit(_write, txt, text_safe(text)))
                first_copy[text_id] = txt
            pending.append(pool.submit(_write, ann, text_safe("".join(_ann_lines(group, text, actors, stances, ctx)))))
            written += [txt, ann]
            ctx.tick(len(group))
        for job in pending:
            job.result()  # raises the first write error
    for source, path in copies:
        if not _link(source, path):
            _write(path, source.read_text(encoding="utf-8"))
    return written


# Creating thousands of small files is mostly kernel time, which runs outside the GIL: a few threads overlap it.
WRITERS = 4


def _write(path: Path, text: str) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        view = memoryview(text.encode("utf-8"))
        while view:
            view = view[os.write(fd, view):]
    finally:
        os.close(fd)


def _link(source: Path | None, path: Path) -> bool:
    if source is None:
        return False
    try:
        os.link(source, path)
    except OSError:  # a file system without hard links: write a copy
        return False
    return True


def _annotator_folders(annotators: list[str]) -> dict[str, str]:
    taken = set(CONF_FILES)
    result = {}
    for annotator in annotators:
        result[annotator] = _unique(safe_name(annotator, "annotator"), taken, "-")
    return result


def _ann_lines(group: list[ExportEntry], text: str, actors: dict, stances: dict, ctx: WriteContext) -> list[str]:
    lines: list[str] = []
    t = a = n = 0
    skipped = 0
    for entry in sorted(group, key=lambda e: (e.tag["start"], e.tag["end"], e.tag["id"])):
        tag = entry.tag
        pieces = fragments(text, tag["start"], tag["end"])
        if not pieces:
            skipped += 1
            continue
        t += 1
        spans = ";".join(f"{s} {e}" for s, e in pieces)
        shown = " ".join(text[s:e] for s, e in pieces)
        lines.append(f"T{t}\t{actors[tag.get('actor')]} {spans}\t{shown}\n")
        if tag.get("stance") is not None:
            a += 1
            lines.append(f"A{a}\tStance T{t} {stances[tag['stance']]}\n")
        if tag.get("suggested"):
            a += 1
            lines.append(f"A{a}\tSuggested T{t}\n")
        n += 1
        about = [_one_line(tag["note"])] if tag.get("note") else []
        about += [f"annotator: {_one_line(tag['annotator'])}", f"created: {tag.get('created')}",
                  f"updated: {tag.get('updated')}"]
        lines.append(f"#{n}\tAnnotatorNotes T{t}\t{' | '.join(about)}\n")
    if skipped:
        ctx.left_out += skipped
        ctx.warn(f"{group[0].article.key}: {skipped} tag(s) left out of brat: their text is only line breaks")
    return lines


def _write_conf(folder: Path, actors: dict, stances: dict) -> Path:
    lines = ["# newsdesk export: actors are entity types; the stance is a multi-valued attribute", "[entities]"]
    lines += sorted(set(actors.values()), key=str.lower)
    lines += ["", "[relations]", "<OVERLAP>\tArg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>", "", "[events]", "",
              "[attributes]"]
    if stances:
        lines.append(f"Stance\tArg:<ENTITY>, Value:{'|'.join(stances.values())}")
    lines += ["Suggested\tArg:<ENTITY>", ""]
    path = folder / "annotation.conf"
    path.write_text("\n".join(lines), encoding="utf-8", newline="")
    return path


def _write_visual(folder: Path, actors: dict, colours: dict[str, str]) -> Path:
    lines = ["[labels]"]
    for name, brat_type in actors.items():
        shown = UNTAGGED_ACTOR if name is None else _one_line(name).replace("|", "/")
        lines.append(f"{brat_type} | {shown}")
    lines += ["", "[drawing]"]
    for name, brat_type in actors.items():
        colour = colours.get(name or "")
        if colour and HEX_COLOUR.match(colour):
            lines.append(f"{brat_type}\tbgColor:{colour}")
    path = folder / "visual.conf"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8", newline="")
    return path
