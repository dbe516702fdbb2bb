"""Score the extraction: the seeds' gold, and the development sets in ../shared/data (tools/devsets.py).

    python tools/evaluate.py [--summary] [--errors N] [--split dev|train] [--gold ../shared/gold/seeds.json] [-v]

Scores: publication dates right; date value F1 (TempEval-3 pairing: overlapping spans one to one in text order,
a pair correct when the values are equal); quote speaker accuracy; dated events F1 (type and date both right);
then PolNeAR, TBAQ, WikiWars and PLOVER as their README says they are scored outside the project.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import devsets
from timebank import pair_overlapping

from tui.core.extract.pipeline import extract_paths
from tui.core.model import Article, Timex

REPO = Path(__file__).resolve().parent.parent
DATED_VALUE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?|-W\d{2})?$")
SIDE_ALIASES = {"USA": "United States", "US": "United States", "EU": "European Union"}


@dataclass
class Scores:
    published_right: int = 0
    published_total: int = 0
    timex_correct: int = 0
    timex_system: int = 0
    timex_gold: int = 0
    quotes_right: int = 0
    quotes_found: int = 0
    quotes_total: int = 0
    events_correct: int = 0
    events_system: int = 0
    events_gold: int = 0

    @staticmethod
    def f1(correct: int, system: int, gold: int) -> float:
        return 2 * correct / (system + gold) if system + gold else 1.0

    def as_dict(self) -> dict[str, float | str]:
        return {
            "published": f"{self.published_right}/{self.published_total}",
            "timex_value_f1": round(self.f1(self.timex_correct, self.timex_system, self.timex_gold), 4),
            "quote_speaker_accuracy": round(self.quotes_right / self.quotes_total, 4) if self.quotes_total else 1.0,
            "quotes_found": f"{self.quotes_found}/{self.quotes_total}",
            "dated_event_f1": round(self.f1(self.events_correct, self.events_system, self.events_gold), 4),
            "dated_events": f"{self.events_correct} right of {self.events_system} found, {self.events_gold} in gold",
        }


def name_key(name: str) -> str:
    """Transliteration-tolerant key: Sergey/Sergei, Dmitry/Dmitrii, Medinsky/Medinskiy compare equal."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    plain = re.sub(r"[^a-z ]", "", plain).replace("y", "i")
    plain = re.sub(r"ii\b", "i", plain)
    return re.sub(r"(.)\1+", r"\1", plain).strip()


def same_person(system: str | None, gold: str) -> bool:
    if not system:
        return False
    sys_key, gold_key = name_key(system), name_key(gold)
    if sys_key == gold_key:
        return True
    return sys_key.split()[-1:] == gold_key.split()[-1:] and (len(sys_key.split()) == 1 or len(gold_key.split()) == 1)


def score_article(article: Article, gold: dict, scores: Scores) -> None:
    scores.published_total += 1
    window = gold.get("published_window") or [gold["published"], gold["published"]]
    if article.published and window[0] <= article.published.isoformat() <= window[-1]:
        scores.published_right += 1
    optional = [(t["start"], t["end"]) for t in gold["timexes"] if t.get("optional")]
    required = [(t["start"], t["end"], t["value"]) for t in gold["timexes"] if not t.get("optional")]
    system = [t for t in article.timexes if t.type in ("DATE", "TIME") and t.value and DATED_VALUE.match(t.value)
              and not any(t.start < e and s < t.end for s, e in optional)]
    gold_timexes = [Timex(start, end, "", "DATE", value) for start, end, value in required]
    pairs = pair_overlapping(system, gold_timexes)  # the TempEval-3 pairing
    scores.timex_system += len(system)
    scores.timex_gold += len(required)
    scores.timex_correct += sum(1 for found, gold in pairs if found.value == gold.value)
    for quote in gold["quotes"]:
        scores.quotes_total += 1
        prefix = " ".join(quote["quote"].split())
        found = next((q for q in article.quotes if " ".join(q.text.split()).startswith(prefix)
                      or prefix in " ".join(q.text.split())), None)
        if found:
            scores.quotes_found += 1
            if same_person(found.speaker, quote["speaker"]):
                scores.quotes_right += 1
    gold_events = [(e["type"], e["date"]) for e in gold["events"] if e["date"]]
    system_events = [(e.type, e.date) for e in article.events if e.date]
    remaining = list(gold_events)
    for key in system_events:
        if key in remaining:
            remaining.remove(key)
            scores.events_correct += 1
    scores.events_system += len(system_events)
    scores.events_gold += len(gold_events)


def evaluate_seeds(gold_path: Path, seeds: Path, *, verbose: bool = False) -> dict:
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    names = sorted(k for k in gold if not k.startswith("_"))
    scores = Scores()
    articles = list(extract_paths([seeds / name for name in names]))
    for name, article in zip(names, articles):
        score_article(article, gold[name], scores)
        if verbose:
            _explain(name, article, gold[name])
    return scores.as_dict()


def _explain(name: str, article: Article, gold: dict) -> None:
    print(f"== {name}: published {article.published} ({article.published_from}), gold {gold['published']}")
    gold_events = {(e["type"], e["date"]) for e in gold["events"] if e["date"]}
    for e in article.events:
        mark = "ok " if (e.type, e.date) in gold_events else ("   " if not e.date else "XX ")
        print(f"  {mark}{e.type:9} {e.date or '-':10} {e.status:8} {','.join(e.actors):30} {e.place or '':10} "
              f"{e.summary[:70]}")
    system = {(e.type, e.date) for e in article.events}
    for key in sorted(gold_events - system):
        print(f"  MISSED {key}")
    for quote in gold["quotes"]:
        found = next((q for q in article.quotes if quote["quote"] in q.text), None)
        print(f"  quote {quote['quote'][:40]!r}: gold {quote['speaker']}, got {found.speaker if found else 'NOT FOUND'}")


SUMMARY = (  # (label, set, figure): the figures of the extraction issue's table, as printed by --summary
    ("seeds: publication date right", "seeds", "published"),
    ("seeds: date value F1", "seeds", "timex_value_f1"),
    ("seeds: quote speaker accuracy", "seeds", "quote_speaker_accuracy"),
    ("seeds: dated events F1", "seeds", "dated_event_f1"),
    ("PolNeAR dev: speaker accuracy", "polnear", "speaker_accuracy"),
    ("PolNeAR dev: quote recall", "polnear", "quote_recall"),
    ("TBAQ: TIMEX3 value F1", "timebank", "value_f1"),
    ("WikiWars 01-16: value F1", "wikiwars", "value_f1"),
    ("PLOVER dev half: event category", "plover", "category_accuracy"),
    ("PLOVER dev half: source", "plover", "source_accuracy"),
)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python tools/evaluate.py", description=__doc__.split("\n\n")[0])
    parser.add_argument("--gold", type=Path, default=REPO.parent / "shared" / "gold" / "seeds.json")
    parser.add_argument("--seeds", type=Path, default=REPO / "seeds")
    parser.add_argument("--verbose", "-v", action="store_true", help="list each seed article's events and quotes")
    parser.add_argument("--summary", action="store_true", help="one line per headline figure instead of JSON")
    parser.add_argument("--split", default="dev", choices=("dev", "train"), help="PolNeAR split")
    parser.add_argument("--errors", type=int, default=0, metavar="N", help="list up to N errors per data set")
    args = parser.parse_args(argv)
    results: dict[str, object] = {}
    if args.gold.is_file():
        results["seeds"] = evaluate_seeds(args.gold, args.seeds, verbose=args.verbose)
    else:
        results["seeds"] = f"skipped: {args.gold} not found"
    results.update(devsets.evaluate(list(devsets.SETS), args))
    if args.summary:
        for label, name, key in SUMMARY:
            figures = results.get(name)
            print(f"{label:36s} {figures.get(key) if isinstance(figures, dict) else figures}")
        return 0
    json.dump(results, sys.stdout, indent=2, ensure_ascii=False)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
