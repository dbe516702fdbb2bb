"""Read TempEval-3 TimeML (.tml) files and score the timex tagger against them.

The data stays where it is (LDC terms): files are only read at run time.

Scoring follows TempEval-3: a system timex and a gold timex are paired one to one
when their spans overlap (in text order); a pair is value-correct when the value
strings are equal.  Value F1 = 2 * correct / (system count + gold count).
"""

from __future__ import annotations

import html
import re
import sys
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from tui.core.model import Timex

DEFAULT_FOLDER = Path(__file__).resolve().parents[2] / "shared" / "data" / "timebank"

_TEXT_ELEMENT = re.compile(r"<TEXT>(.*?)</TEXT>", re.S)
_DCT_VALUE = re.compile(r"<DCT>.*?value=\"(\d{4})-?(\d{2})-?(\d{2})", re.S)
_TAG_OR_TEXT = re.compile(r"<(/?)([A-Za-z0-9_]+)([^>]*)>|[^<]+|<")
_ATTRIBUTE = re.compile(r"([A-Za-z_:]+)=\"([^\"]*)\"")


@dataclass(slots=True)
class TimebankDoc:
    name: str
    text: str
    anchor: date | None
    gold: list[Timex]


def parse_tml(path: str | Path) -> TimebankDoc:
    """Plain text of the TEXT element, the DCT anchor and the gold TIMEX3s (creation time excluded)."""
    raw = Path(path).read_text(encoding="utf-8")
    anchor = None
    dct = _DCT_VALUE.search(raw)
    if dct:
        try:
            anchor = date(int(dct.group(1)), int(dct.group(2)), int(dct.group(3)))
        except ValueError:
            anchor = None
    body = _TEXT_ELEMENT.search(raw)
    content = body.group(1) if body else ""
    pieces: list[str] = []
    length = 0
    gold: list[Timex] = []
    open_timex: tuple[int, dict[str, str]] | None = None
    for match in _TAG_OR_TEXT.finditer(content):
        tag = match.group(2)
        if tag is None:
            chunk = html.unescape(match.group(0))
            pieces.append(chunk)
            length += len(chunk)
            continue
        if tag != "TIMEX3":
            continue
        if match.group(1) == "":
            attributes = dict(_ATTRIBUTE.findall(match.group(3)))
            if match.group(3).rstrip().endswith("/"):
                continue  # empty (non-consuming) timex
            open_timex = (length, attributes)
        elif open_timex is not None:
            start, attributes = open_timex
            open_timex = None
            if attributes.get("functionInDocument") == "CREATION_TIME":
                continue
            gold.append(
                Timex(
                    start=start,
                    end=length,
                    text="",
                    type=attributes.get("type", ""),
                    value=attributes.get("value"),
                    mod=attributes.get("mod"),
                )
            )
    text = "".join(pieces)
    for timex in gold:
        timex.text = text[timex.start : timex.end]
    return TimebankDoc(Path(path).name, text, anchor, gold)


def pair_overlapping(system: list[Timex], gold: list[Timex]) -> list[tuple[Timex, Timex]]:
    """One-to-one pairs of overlapping spans, greedily in text order."""
    system = sorted(system, key=lambda t: (t.start, t.end))
    gold = sorted(gold, key=lambda t: (t.start, t.end))
    pairs = []
    g = 0
    for sys_timex in system:
        while g < len(gold) and gold[g].end <= sys_timex.start:
            g += 1
        if g < len(gold) and gold[g].start < sys_timex.end:
            pairs.append((sys_timex, gold[g]))
            g += 1
    return pairs


@dataclass(slots=True)
class Tally:
    system: int = 0
    gold: int = 0
    relaxed: int = 0
    strict: int = 0
    value: int = 0
    type: int = 0

    def add(self, system: list[Timex], gold: list[Timex]) -> list[tuple[Timex, Timex]]:
        pairs = pair_overlapping(system, gold)
        self.system += len(system)
        self.gold += len(gold)
        self.relaxed += len(pairs)
        for sys_timex, gold_timex in pairs:
            self.strict += sys_timex.start == gold_timex.start and sys_timex.end == gold_timex.end
            self.value += sys_timex.value == gold_timex.value
            self.type += sys_timex.type == gold_timex.type
        return pairs

    def figures(self) -> dict:
        def f1(hits: int) -> float:
            total = self.system + self.gold
            return round(2 * hits / total, 4) if total else 0.0

        return {
            "value_f1": f1(self.value),
            "strict_span_f1": f1(self.strict),
            "relaxed_span_f1": f1(self.relaxed),
            "type_accuracy": round(self.type / self.relaxed, 4) if self.relaxed else 0.0,
            "value_accuracy": round(self.value / self.relaxed, 4) if self.relaxed else 0.0,
            "system": self.system,
            "gold": self.gold,
            "pairs": self.relaxed,
        }


def evaluate_timebank(folder: str | Path = DEFAULT_FOLDER, heldout_share: float = 0.2) -> dict:
    """Value / span F1 on every .tml file in ``folder``, plus the last ``heldout_share`` of names (held out)."""
    from tui.core.extract.timex.tagger import find_timexes

    paths = sorted(Path(folder).glob("*.tml"))
    cut = len(paths) - int(round(len(paths) * heldout_share))
    everything, develop, heldout = Tally(), Tally(), Tally()
    seconds = 0.0
    characters = 0
    for index, path in enumerate(paths):
        doc = parse_tml(path)
        began = time.perf_counter()
        system = find_timexes(doc.text, doc.anchor)
        seconds += time.perf_counter() - began
        characters += len(doc.text)
        everything.add(system, doc.gold)
        (develop if index < cut else heldout).add(system, doc.gold)
    result = everything.figures()
    result["files"] = len(paths)
    result["develop"] = develop.figures()
    result["heldout"] = heldout.figures()
    result["ms_per_4kb"] = round(seconds * 1000 * 4096 / characters, 3) if characters else 0.0
    return result


_HEADER_LINE = re.compile(r"^\s*date \d{4}-\d\d-\d\d|Updated:|Created:|Published:|Last updated", re.I)


def _on_header_line(text: str, timex: Timex) -> bool:
    """Dates in page furniture (" date 2025-05-26 Left Menu", "Updated: 26-05-2025 15:28 IST") are not scored."""
    line_start = text.rfind("\n", 0, timex.start) + 1
    line_end = text.find("\n", timex.end)
    return bool(_HEADER_LINE.search(text[line_start : line_end if line_end >= 0 else len(text)]))


def evaluate_seeds(gold_path: str | Path, seeds_dir: str | Path) -> dict:
    """Value F1 on the project's own seed articles (DATE timexes only; optional gold entries ignored)."""
    import json

    from tui.core.extract.timex.tagger import find_timexes

    gold_doc = json.loads(Path(gold_path).read_text(encoding="utf-8"))
    tally = Tally()
    misses = []
    for name, entry in gold_doc.items():
        if name.startswith("_") or not isinstance(entry, dict):
            continue
        text = (Path(seeds_dir) / name).read_text(encoding="utf-8")
        anchor = date.fromisoformat(entry["published"]) if entry.get("published") else None
        required, optional = [], []
        for item in entry.get("timexes", []):
            timex = Timex(item["start"], item["end"], item["text"], "DATE", item.get("value"), item.get("mod"))
            (optional if item.get("optional") else required).append(timex)
        system = [
            t for t in find_timexes(text, anchor)
            if t.type == "DATE"
            and not (t.value or "").endswith("_REF")  # vague phrases the gold does not list may be found
            and not _on_header_line(text, t)
            and not any(o.start < t.end and t.start < o.end for o in optional)
        ]
        pairs = tally.add(system, required)
        paired_gold = {id(g) for _, g in pairs}
        misses += [(name, s.text, s.value, g.value) for s, g in pairs if s.value != g.value]
        misses += [(name, None, None, g.text) for g in required if id(g) not in paired_gold]
    result = tally.figures()
    result["errors"] = misses
    return result


def main(argv: list[str]) -> int:
    folder = Path(argv[0]) if argv else DEFAULT_FOLDER
    if not folder.is_dir():
        print(f"no TimeBank folder at {folder}", file=sys.stderr)
        return 1
    result = evaluate_timebank(folder)
    for split in ("develop", "heldout"):
        part = result.pop(split)
        print(f"{split:8s} " + "  ".join(f"{k}={v}" for k, v in part.items()))
    print("all      " + "  ".join(f"{k}={v}" for k, v in result.items()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
