"""``newsdesk extract --jobs N`` prints, byte for byte, what one process prints; chunks read what the reader reads."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from test_one_pipeline import mixed_corpus

from tui.core.extract.chunks import plan_chunks, read_chunk
from tui.core.extract.corpus import CorpusLearner
from tui.core.extract.parallel import (
    ProcessRun,
    extract_in_processes,
    learn_chunk,
    merge_learned,
    record_json,
)
from tui.core.extract.pipeline import extract_paths
from tui.core.extract.reader import RawArticle, Skipped, read_articles


def newsdesk(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "tui", *args], check=False, capture_output=True, text=True, cwd=cwd,
                          timeout=300)


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = mixed_corpus(tmp_path / "corpus")
    lines = [json.dumps({"text": f"Kenya and Brazil met on Monday for round {n}.", "published": "2025-11-10"})
             for n in range(40)]
    (folder / "big-feed.jsonl").write_text("\n".join(lines[:20]) + "\n\nnot json\n" + "\n".join(lines[20:]) + "\n",
                                           encoding="utf-8")
    (folder / "empty.txt").write_text("", encoding="utf-8")  # skipped, with a line on stderr
    return folder


@pytest.mark.parametrize("fmt", ["json", "jsonl"])
def test_jobs_print_the_same_bytes_as_one_process(corpus: Path, fmt: str) -> None:
    one = newsdesk("extract", "corpus", "--format", fmt, cwd=corpus.parent)
    two = newsdesk("extract", "corpus", "--format", fmt, "--jobs", "2", cwd=corpus.parent)
    assert one.returncode == two.returncode == 2  # the empty file and the bad JSON line were skipped
    assert one.stdout and two.stdout == one.stdout
    assert two.stderr == one.stderr  # the same skip lines, in the same order
    printed = [json.loads(line) for line in one.stdout.splitlines()] if fmt == "jsonl" else json.loads(one.stdout)
    by_name = {Path(r["path"].split(":")[0]).name: r for r in printed}
    assert by_name["yearless.txt"]["published"] == "2025-11-14"  # the corpus year reached every process
    assert len(plan_chunks([corpus], jobs=2)) > 2  # the comparison did exercise several chunks


def test_a_feed_split_across_chunks_reads_as_one(corpus: Path) -> None:
    chunks = plan_chunks([corpus], jobs=2, chunk_bytes=400)
    feed = [p for c in chunks for p in c if p.path.endswith("big-feed.jsonl")]
    assert len(feed) > 3 and feed[0].start == 0  # cut into line ranges
    assert feed[-1].end in (None, (corpus / "big-feed.jsonl").stat().st_size)
    whole = [(type(i).__name__, i.path, getattr(i, "text", getattr(i, "reason", ""))) for i in read_articles([corpus])]
    pieces = [(type(i).__name__, i.path, getattr(i, "text", getattr(i, "reason", "")))
              for c in chunks for i in read_chunk(c)]
    assert pieces == whole
    assert any(kind == "Skipped" and path.endswith("big-feed.jsonl:22") for kind, path, _ in pieces)


def test_chunk_learners_merged_in_order_give_the_one_process_context(corpus: Path) -> None:
    chunks = plan_chunks([corpus], jobs=2, chunk_bytes=300)
    merged = merge_learned(learn_chunk(chunk) for chunk in chunks).learner
    whole = CorpusLearner()
    from tui.core.extract.pipeline import prepare

    for raw in read_articles([corpus]):
        if isinstance(raw, RawArticle):
            item = prepare(raw)
            whole.learn(item.mentions, item.known_date)
    assert merged.reference() == whole.reference()
    assert merged.known_dates == whole.known_dates
    assert list(merged.people._seen.items()) == list(whole.people._seen.items())  # same order: ties agree too


def test_small_chunks_and_many_processes_change_nothing(corpus: Path) -> None:
    expected = [json.loads(record_json(a)) for a in extract_paths([corpus])]
    assert list(extract_in_processes([corpus], jobs=3, chunk_bytes=200)) == expected


def test_a_file_changed_between_the_passes_is_an_error_not_wrong_output(corpus: Path) -> None:
    """Without a spill file the second pass reads the files again: a changed file is noticed, not mixed in."""
    chunks = plan_chunks([corpus / "yearless.txt"], jobs=1)
    learned = learn_chunk(chunks[0])  # no spill
    (corpus / "yearless.txt").write_text("Something else entirely happened on Monday.\n", encoding="utf-8")
    from tui.core.extract.parallel import ChunkChanged, prepared_again

    with pytest.raises(ChunkChanged, match="yearless.txt: files changed"):
        prepared_again(chunks[0], learned)
    unchanged = learn_chunk(chunks[0])
    assert prepared_again(chunks[0], unchanged)  # negative control: the same files pass


def test_skips_reach_the_callback_in_input_order(corpus: Path) -> None:
    seen: list[str] = []
    run = ProcessRun(plan_chunks([corpus], jobs=2, chunk_bytes=300), record_json, jobs=2, on_message=seen.append)
    list(run)
    expected = [str(i) for i in read_articles([corpus]) if isinstance(i, Skipped)]
    assert seen == expected and run.skipped == 2
