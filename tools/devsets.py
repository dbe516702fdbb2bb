"""Score the extraction on the development sets in ``../shared/data``, the way they are scored outside the project
(see that folder's README): PolNeAR quotes and speakers, TIMEX3 values on TBAQ and WikiWars through the whole
pipeline, PLOVER event categories and sources. The data is read in place, never copied.

    python tools/devsets.py [polnear|wikiwars|timebank|plover ...] [--split dev|train] [--errors N]
"""

from __future__ import annotations

import argparse
import difflib
import json
import re
import sys
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from timebank import Tally, parse_tml

from tui.core.extract.corpus import CorpusContext
from tui.core.extract.pipeline import extract_article
from tui.core.extract.reader import RawArticle
from tui.core.model import Article

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
TITLES = {"mr", "mrs", "ms", "dr", "sen", "senator", "rep", "gov", "president", "sir", "lord", "prof", "gen",
          "secretary", "minister", "mayor", "judge", "justice", "rev", "speaker", "chairman", "leader"}
PLOVER_OLD_NAMES = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT"}


def fold(word: str) -> str:
    return unicodedata.normalize("NFKD", word).encode("ascii", "ignore").decode().lower()


def _gold_surname(speaker: str) -> str | None:
    """The last capitalised word of the gold speaker, titles dropped."""
    words = [w.strip(".,'’\"") for w in speaker.split()]
    capitalised = [w for w in words if w[:1].isupper() and fold(w).rstrip(".") not in TITLES]
    return fold(capitalised[-1]) if capitalised else None


def speaker_matches(system: str | None, gold: str) -> bool:
    if not system or len(system.split()) > 8:
        return False
    surname = _gold_surname(gold)
    if not surname:
        return False
    return any(difflib.SequenceMatcher(None, surname, fold(w.strip(".,'’\""))).ratio() >= 0.8 for w in system.split())


# ----------------------------------------------------------------------------------------------------- PolNeAR


@dataclass
class QuoteTally:
    segments: int = 0
    found: int = 0
    with_speaker: int = 0
    speaker_right: int = 0
    by_length: Counter = field(default_factory=Counter)  # (short|long, right|wrong)
    errors: list = field(default_factory=list)

    def figures(self) -> dict:
        short = self.by_length["short", "right"], self.by_length["short", "right"] + self.by_length["short", "wrong"]
        long_ = self.by_length["long", "right"], self.by_length["long", "right"] + self.by_length["long", "wrong"]
        return {
            "speaker_accuracy": round(self.speaker_right / self.with_speaker, 4) if self.with_speaker else 0.0,
            "quote_recall": round(self.found / self.segments, 4) if self.segments else 0.0,
            "segments": self.segments, "found": self.found, "scored_speakers": self.with_speaker,
            "speaker_accuracy_4_words_or_fewer": round(short[0] / short[1], 4) if short[1] else 0.0,
            "speaker_accuracy_longer": round(long_[0] / long_[1], 4) if long_[1] else 0.0,
        }


def evaluate_polnear(split: str = "dev", keep_errors: int = 0) -> dict:
    folder = DATA / "polnear" / split
    gold = json.loads((folder / "quotes.json").read_text(encoding="utf-8"))
    tally = QuoteTally()
    for name in sorted(gold):
        text = (folder / "text" / name).read_text(encoding="utf-8")
        article = extract_article(RawArticle(name, text, "txt"))
        for segment in gold[name]["quotes"]:
            tally.segments += 1
            covering = next((q for q in article.quotes if q.start - 2 <= segment["start"] < q.end), None)
            tally.found += covering is not None
            if segment["kind"] not in ("named", "pronoun-resolved"):
                continue
            tally.with_speaker += 1
            right = covering is not None and speaker_matches(covering.speaker, segment["speaker"])
            tally.speaker_right += right
            words = len(segment["quote"].split())
            tally.by_length["short" if words <= 4 else "long", "right" if right else "wrong"] += 1
            if not right and len(tally.errors) < keep_errors:
                tally.errors.append({"article": name, "quote": segment["quote"][:80], "gold": segment["speaker"],
                                     "system": covering.speaker if covering else "NOT FOUND"})
    result = tally.figures()
    if keep_errors:
        result["errors"] = tally.errors
    return result


# ------------------------------------------------------------------------------------------- TIMEX3 (pipeline)


def evaluate_timeml(paths: list[Path], keep_errors: int = 0) -> dict:
    """TempEval-3 value F1 with each text extracted by the whole pipeline, published on its DCT."""
    tally = Tally()
    errors = []
    for path in paths:
        doc = parse_tml(path)
        raw = RawArticle(doc.name, doc.text, "txt")
        article = extract_article(raw, CorpusContext(published=doc.anchor))
        pairs = tally.add(article.timexes, doc.gold)
        if keep_errors:
            paired = {id(g) for _, g in pairs}
            errors += [{"doc": doc.name, "text": s.text, "system": s.value, "gold": g.value}
                       for s, g in pairs if s.value != g.value]
            errors += [{"doc": doc.name, "text": g.text, "system": None, "gold": g.value}
                       for g in doc.gold if id(g) not in paired]
    result = tally.figures()
    result["files"] = len(paths)
    if keep_errors:
        result["errors"] = errors[:keep_errors]
    return result


def evaluate_wikiwars(keep_errors: int = 0) -> dict:
    return evaluate_timeml(sorted((DATA / "wikiwars").glob("*.tml")), keep_errors)


def evaluate_tbaq(keep_errors: int = 0) -> dict:
    return evaluate_timeml(sorted((DATA / "timebank").glob("*.tml")), keep_errors)


# ----------------------------------------------------------------------------------------------------- PLOVER


def _alpha3_of(side: str) -> str | None:
    import pycountry

    try:
        return pycountry.countries.lookup(side).alpha_3
    except LookupError:
        return None


def evaluate_plover(keep_errors: int = 0) -> dict:
    records = json.loads((DATA / "plover" / "gsr-dev.json").read_text(encoding="utf-8"))
    right = source_right = 0
    confusion: Counter = Counter()
    errors = []
    for record in records:
        wanted = PLOVER_OLD_NAMES.get(record["event"], record["event"])
        text = record["text"]
        article: Article = extract_article(RawArticle(record["id"], text, "txt"),
                                           CorpusContext(published=date(2000, 1, 1)))
        categories = {e.plover for e in article.events if e.plover}
        matching = [e for e in article.events if e.plover == wanted]
        hit = bool(matching) and len(categories) <= 2
        right += hit
        sources = {s.get("code") for s in record.get("source") or [] if isinstance(s, dict)}
        if hit and any(_alpha3_of(actor) in sources for e in matching for actor in e.actors):
            source_right += 1
        confusion[wanted, ",".join(sorted(categories)) or "-"] += 1
        if not hit and len(errors) < keep_errors:
            errors.append({"id": record["id"], "gold": wanted, "system": sorted(categories), "text": text[:120]})
    result: dict = {"category_accuracy": round(right / len(records), 4) if records else 0.0,
                    "source_accuracy": round(source_right / len(records), 4) if records else 0.0,
                    "records": len(records), "category_right": right, "source_right": source_right}
    if keep_errors:
        result["errors"] = errors
        result["confusion"] = {f"{g} -> {s}": n for (g, s), n in confusion.most_common(30)}
    return result


SETS = {"polnear": lambda args: evaluate_polnear(args.split, args.errors),
        "wikiwars": lambda args: evaluate_wikiwars(args.errors),
        "timebank": lambda args: evaluate_tbaq(args.errors),
        "plover": lambda args: evaluate_plover(args.errors)}
FOLDERS = {"polnear": "polnear", "wikiwars": "wikiwars", "timebank": "timebank", "plover": "plover"}


def evaluate(names: list[str], args: argparse.Namespace) -> dict:
    results: dict[str, object] = {}
    for name in names:
        if not (DATA / FOLDERS[name]).is_dir():
            results[name] = f"skipped: {DATA / FOLDERS[name]} not found"
            continue
        results[name] = SETS[name](args)
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("sets", nargs="*", metavar="SET", help=f"some of {', '.join(SETS)} (default: all)")
    parser.add_argument("--split", default="dev", choices=("dev", "train"), help="PolNeAR split")
    parser.add_argument("--errors", type=int, default=0, metavar="N", help="list up to N errors per set")
    args = parser.parse_args(argv)
    unknown = [name for name in args.sets if name not in SETS]
    if unknown:
        parser.error(f"unknown set {unknown[0]!r}: choose from {', '.join(SETS)}")
    json.dump(evaluate(args.sets or list(SETS), args), sys.stdout, indent=2, ensure_ascii=False)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
