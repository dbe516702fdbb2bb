"""One extraction pipeline: the articles the app loads are the articles ``newsdesk extract`` prints, for the same
paths, and the corpus context is passed in (never learned from the articles seen so far)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

from test_app import SIZE, loaded, make_app

from tui.core.extract.corpus import CorpusContext, CorpusLearner
from tui.core.extract.pipeline import extract_article, extract_paths, prepare
from tui.core.extract.reader import RawArticle

ROOT = Path(__file__).resolve().parent.parent

# A dateline without a year and a weekday: the year must come from the corpus (2025), not from the clock.
YEARLESS = ("GENEVA, Nov 14 (Reuters) - Negotiators from Kenya and Brazil met on Friday and said talks would "
            "continue. \"We are close,\" Kenyan envoy Amina Otieno said.\n")
HTML = ("<html><head><title>Ministers meet</title><meta property=\"article:published_time\" "
        "content=\"2025-11-10\"></head><body><p>Brazilian Foreign Minister Carlos Mendes met his Kenyan "
        "counterpart on Monday.</p><p>\"The talks were useful,\" Mendes said.</p></body></html>")
FEED = [
    {"text": "Kenya and Brazil agreed on Wednesday to hold a second round. Otieno said she was hopeful.",
     "title": "Second round", "published": "2025-11-12"},
    {"text": "Mendes told reporters on Thursday that a deal was within reach.", "published": "2025-11-13"},
]


def mixed_corpus(folder: Path) -> Path:
    folder.mkdir()
    shutil.copytree(ROOT / "seeds", folder / "seeds")
    (folder / "yearless.txt").write_text(YEARLESS, encoding="utf-8")
    (folder / "page.html").write_text(HTML, encoding="utf-8")
    (folder / "feed.jsonl").write_text("".join(json.dumps(r) + "\n" for r in FEED), encoding="utf-8")
    return folder


def extract_output(folder: Path) -> list[dict]:
    result = subprocess.run([sys.executable, "-m", "tui", "extract", str(folder), "--format", "jsonl"],
                            capture_output=True, text=True, check=True, cwd=folder)
    return [json.loads(line) for line in result.stdout.splitlines()]


def comparable(record: dict) -> dict:
    """The app keeps what it shows: everything but the date expressions the events were dated from."""
    return {key: value for key, value in record.items() if key != "timexes"}


async def test_the_app_loads_what_extract_prints(tmp_path: Path) -> None:
    corpus = mixed_corpus(tmp_path / "corpus")
    printed = extract_output(corpus)
    app = make_app(tmp_path / "db.json", [corpus])
    async with app.run_test(size=SIZE) as pilot:
        screen = await loaded(pilot)
        shown = [json.loads(json.dumps(a.to_dict())) for a in screen.articles]
    assert [r["path"] for r in shown] == [r["path"] for r in printed]
    assert [comparable(r) for r in shown] == [comparable(r) for r in printed]
    by_name = {Path(r["path"].split(":")[0]).name: r for r in printed}
    assert by_name["yearless.txt"]["published"] == "2025-11-14"  # the corpus year, not 2026
    putin_sides = {s["side"] for r in printed for s in r["statements"] if s["speaker"] == "Vladimir Putin"}
    assert putin_sides == {"Russia"}  # learned from the article that introduces him, in the app too


def test_the_context_is_an_argument_not_what_was_seen_before() -> None:
    """The same article with the same context gives the same output, whatever was extracted before it."""
    intro = RawArticle("a.txt", "Kenyan President Ruto Kamau arrived in Nairobi on Monday.\n", "txt")
    bare = RawArticle("b.txt", "\"We will sign,\" Kamau said on Tuesday.\n", "txt")
    learner = CorpusLearner()
    for raw in (intro, bare):
        item = prepare(raw)
        learner.learn(item.mentions, item.known_date)
    context = learner.context(published=date(2025, 3, 5))
    alone = extract_article(bare, context).to_dict()
    extract_article(intro, CorpusContext())  # something else extracted in between changes nothing
    assert extract_article(bare, context).to_dict() == alone
    assert alone["quotes"][0]["side"] == "Kenya"
    assert extract_article(bare).to_dict()["quotes"][0]["side"] is None  # no corpus: nothing learned


def test_learners_merge_to_what_one_learner_learns(tmp_path: Path) -> None:
    """The first pass can be split (processes, a cluster) and reduced: merged halves give the same context."""
    corpus = mixed_corpus(tmp_path / "corpus")
    items = [prepare(raw) for raw in _raws(corpus)]
    whole, first, second = CorpusLearner(), CorpusLearner(), CorpusLearner()
    for index, item in enumerate(items):
        whole.learn(item.mentions, item.known_date)
        (first if index < len(items) // 2 else second).learn(item.mentions, item.known_date)
    merged = first.merge(second)
    assert merged.reference() == whole.reference()
    names = ["Putin", "Zelensky", "Otieno", "Mendes", "Kamau"]
    assert [merged.people.lookup(n) for n in names] == [whole.people.lookup(n) for n in names]
    assert [json.loads(json.dumps(a.to_dict())) for a in extract_paths([corpus])] == extract_output(corpus)


def _raws(folder: Path) -> list[RawArticle]:
    from tui.core.extract.reader import read_articles

    return [item for item in read_articles([folder]) if isinstance(item, RawArticle)]
