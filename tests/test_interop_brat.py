"""brat: every exported ``.ann``, ``annotation.conf`` and ``visual.conf`` parses the way brat's standoff reader
and configuration reader take them, strictly (anything brat would flag with a message fails here).  brat 1.3's reserved ``<NAME>`` terms (``<OVERLAP>``) are
terms too.

The rules, from brat's standoff format documentation and its reader: an ``.ann`` file is read as UTF-8 text
split into lines as Python's ``splitlines`` does; each line is ``ID<TAB>DATA[<TAB>TAIL]`` with a unique ID
``[A-Za-z]+|#[A-Za-z]*`` then digits; ``T`` lines are ``TYPE START END[;START END...]<TAB>TEXT`` with
non-overlapping fragments inside the text and TEXT the fragments joined by one space; ``A`` lines are
``TYPE TARGET [VALUE]``; ``#`` lines are ``TYPE TARGET<TAB>NOTE``.  Configuration files are sections
``[name]`` of lines ``TERM[|TERM...] ARG:TYPE[|TYPE...], ...`` (``[labels]`` split by a tab), the first term in
storage form ``[A-Za-z0-9_-]+``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from interop_project import CLAIM, QUOTE, SENTENCE, db_of, make_project, stored

from tui.core.sets.annotation_set import export

ID = re.compile(r"^([A-Za-z]+|#[A-Za-z]*)([0-9]+)(.*?)$")
STORAGE_FORM = re.compile(r"^[a-zA-Z0-9_-]+$")
ARGUMENT = re.compile(r"^(\S*?):(\S*)$")
ANNOTATION_SECTIONS = {"entities", "relations", "events", "attributes"}
VISUAL_SECTIONS = {"labels", "drawing"}
SPAN_DRAWING = {"fgColor", "bgColor", "borderColor"}
# brat 1.3's reserved names, written <NAME>: allowed as terms and argument names (e.g. <OVERLAP>, <OVL-TYPE>)
RESERVED = {f"<{n}>" for n in ("ANY", "ENTITY", "RELATION", "EVENT", "NONE", "EMPTY", "REL-TYPE", "URL", "URLBASE",
                               "GLYPH-POS", "DEFAULT", "NORM", "OVERLAP", "OVL-TYPE", "INHERIT")}


class BratError(AssertionError):
    pass


@dataclass
class Conf:
    sections: dict[str, list[tuple[list[str], dict[str, list[str]]]]] = field(default_factory=dict)

    def terms(self, section: str) -> list[str]:
        return [terms[0] for terms, _args in self.sections.get(section, [])]

    def args(self, section: str, term: str) -> dict[str, list[str]]:
        return next(args for terms, args in self.sections[section] if terms[0] == term)


def parse_conf(path: Path, expected: set[str]) -> Conf:
    conf = Conf()
    section = None
    for number, line in enumerate(path.read_text(encoding="utf-8").split("\n"), start=1):
        where = f"{path.name}:{number}"
        if not line.strip() or re.match(r"^\s*#", line):
            continue
        header = re.match(r"^\s*\[(.*)\]\s*$", line)
        if header:
            section = header.group(1)
            if section not in expected:
                raise BratError(f"{where}: unexpected section [{section}]")
            conf.sections.setdefault(section, [])
            continue
        if section is None:
            raise BratError(f"{where}: a line before any section")
        match = re.match(r"^(\s*)([^\t]+)(?:\t(.*))?$" if section == "labels" else r"^(\s*)(\S+)(?:\s+(.*))?$", line)
        if match is None or match.group(1):
            raise BratError(f"{where}: cannot parse {line!r}")
        terms = [t.strip() for t in match.group(2).split("|") if t.strip()]
        if not terms or not (STORAGE_FORM.match(terms[0]) or terms[0] in RESERVED) or any(t.startswith("!") for t in terms):
            raise BratError(f"{where}: term {terms[:1]} is not in storage form")
        args: dict[str, list[str]] = {}
        for arg in (a.strip() for a in (match.group(3) or "").split(",") if a.strip()):
            found = ARGUMENT.match(arg)
            if found is None or found.group(1) in args or any(not t.strip() for t in found.group(2).split("|")):
                raise BratError(f"{where}: argument {arg!r} does not parse")
            args[found.group(1)] = found.group(2).split("|")
        conf.sections[section].append((terms, args))
    missing = expected - set(conf.sections)
    if missing:
        raise BratError(f"{path.name}: missing section(s) {sorted(missing)}")
    return conf


@dataclass
class Entity:
    type: str
    spans: list[tuple[int, int]]
    text: str
    attributes: dict[str, str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


def parse_ann(path: Path, text: str, conf: Conf) -> dict[str, Entity]:
    raw = path.read_text(encoding="utf-8")
    if raw and not raw.endswith("\n"):
        raise BratError(f"{path.name}: the last line has no line end")
    if raw.splitlines() != raw.split("\n")[:-1]:
        raise BratError(f"{path.name}: a line break other than \\n inside a line")
    entities: dict[str, Entity] = {}
    seen: set[str] = set()
    attribute_types = {t: conf.args("attributes", t) for t in conf.terms("attributes")}
    for number, line in enumerate(raw.splitlines(), start=1):
        where = f"{path.name}:{number}"
        ident, tab, rest = line.partition("\t")
        if not tab or not ID.match(ident) or ident in seen:
            raise BratError(f"{where}: bad or repeated id {ident!r}")
        seen.add(ident)
        data, _tab, tail = rest.partition("\t")
        if ident.startswith("T"):
            entities[ident] = parse_textbound(where, data, tail, text, conf)
        elif ident.startswith("A"):
            parts = data.split(" ")
            if len(parts) not in (2, 3) or parts[0] not in attribute_types or parts[1] not in entities:
                raise BratError(f"{where}: attribute {data!r} names no declared type or known entity")
            values = attribute_types[parts[0]].get("Value")
            if (len(parts) == 3) != bool(values) or (values and parts[2] not in values):
                raise BratError(f"{where}: value {parts[2:]!r} is not one of {values}")
            entities[parts[1]].attributes[parts[0]] = parts[2] if len(parts) == 3 else "true"
        elif ident.startswith("#"):
            parts = data.split()
            if len(parts) != 2 or parts[0] != "AnnotatorNotes" or parts[1] not in entities:
                raise BratError(f"{where}: note {data!r} must be 'AnnotatorNotes <entity>'")
            entities[parts[1]].notes.append(tail)
        else:
            raise BratError(f"{where}: newsdesk writes only T, A and # lines, found {ident!r}")
    return entities


def parse_textbound(where: str, data: str, tail: str, text: str, conf: Conf) -> Entity:
    kind, space, offsets = data.partition(" ")
    if not space or kind not in conf.terms("entities"):
        raise BratError(f"{where}: entity type {kind!r} is not in annotation.conf")
    spans: list[tuple[int, int]] = []
    for fragment in offsets.split(";"):
        match = re.fullmatch(r"(\d+) (\d+)", fragment)
        if match is None:
            raise BratError(f"{where}: fragment {fragment!r} is not 'START END'")
        start, end = int(match.group(1)), int(match.group(2))
        if not 0 <= start <= end <= len(text) or any(end >= s and start < e for s, e in spans):
            raise BratError(f"{where}: fragment {start} {end} is outside the text or overlaps another")
        spans.append((start, end))
    expected = " ".join(text[s:e] for s, e in spans)
    if tail != expected:
        raise BratError(f"{where}: text {tail!r} is not the marked text {expected!r}")
    return Entity(kind, spans, tail)


@pytest.fixture()
def folder(tmp_path: Path) -> tuple[Path, Path]:
    root = make_project(tmp_path / "proj")
    out = tmp_path / "brat"
    export(db_of(root), "brat", out)
    return root, out


def test_every_file_parses_as_brat_reads_it(folder: tuple[Path, Path]) -> None:
    root, out = folder
    conf = parse_conf(out / "annotation.conf", ANNOTATION_SECTIONS)
    visual = parse_conf(out / "visual.conf", VISUAL_SECTIONS)
    assert set(visual.terms("labels")) <= set(conf.terms("entities"))
    for kind, args in ((t, visual.args("drawing", t)) for t in visual.terms("drawing")):
        assert kind in conf.terms("entities") and set(args) <= SPAN_DRAWING
    assert conf.terms("relations") == ["<OVERLAP>"]  # lets one annotator's spans overlap
    labels = {terms[0]: terms[1] for terms, _args in visual.sections["labels"]}
    tags = stored(root)
    found = []
    for ann in sorted(out.glob("*/*.ann")):
        text = ann.with_suffix(".txt").read_text(encoding="utf-8")
        for entity in parse_ann(ann, text, conf).values():
            (note,) = entity.notes
            annotator = next(p.removeprefix("annotator: ") for p in note.split(" | ") if p.startswith("annotator: "))
            start, end = entity.spans[0][0], entity.spans[-1][1]
            found.append((ann.parent.name, annotator, text[start:end], labels[entity.type],
                          entity.attributes.get("Stance")))
    expected = [(t["annotator"].replace(" ", "_"), t["annotator"], t["quote"], t["actor"] or "Statement", t["stance"])
                for t in tags.values()]
    normalise = {"conditional support": "conditional_support"}
    assert sorted(found) == sorted((a, b, q, actor, normalise.get(s, s)) for a, b, q, actor, s in expected)
    alice = [q for folder_name, _a, q, _l, _s in found if folder_name == "alice"]
    assert {SENTENCE, QUOTE, CLAIM} <= set(alice)  # span tags inside one statement, all kept


def test_a_tag_over_a_line_break_is_a_discontinuous_entity(folder: tuple[Path, Path]) -> None:
    _root, out = folder
    conf = parse_conf(out / "annotation.conf", ANNOTATION_SECTIONS)
    (ann,) = (out / "Jean_Dupont").glob("*.ann")
    (entity,) = parse_ann(ann, ann.with_suffix(".txt").read_text(encoding="utf-8"), conf).values()
    assert len(entity.spans) == 2 and entity.text == "\U0001F600 Ukraine rejected the proposal"


@pytest.mark.parametrize(("line", "problem"), [
    ("T1\tRussia 0 5\tTalk", "is not the marked text"),
    ("T1\tRussia 0 5;3 9\tTalks es Resu", "overlaps"),
    ("T1\tNobody 0 5\tTalks", "not in annotation.conf"),
    ("T1\tRussia 0 5\tTalks\nA1\tStance T1 maybe", "is not one of"),
    ("T1\tRussia 0 5\tTalks\n#1\tAnnotatorNotes T9\tx", "AnnotatorNotes"),
    ("T1\tRussia 0 5\tTalks\u2028\tx", "line break other than"),
    ("T1 Russia 0 5\tTalks", "entity type 'Talks'"),  # a space for the tab: the id swallows the type
    ("T1\tRussia 0 5\tTalks\nT1\tRussia 0 5\tTalks", "bad or repeated id"),
])
def test_the_parser_is_strict(folder: tuple[Path, Path], line: str, problem: str) -> None:
    """Negative controls: lines brat would report are refused by this parser."""
    _root, out = folder
    conf = parse_conf(out / "annotation.conf", ANNOTATION_SECTIONS)
    bad = out / "bad.ann"
    bad.write_text(line + "\n", encoding="utf-8")
    with pytest.raises(BratError, match=problem):
        parse_ann(bad, "Talks Resume in Geneva\n", conf)
