"""Property tests through to the bytes on disk: whatever text a tag holds (lone surrogates, control and bidi
characters, Unicode line breaks, long single lines), the journal, the snapshot and the JSON exports are valid
UTF-8, keep one record per line, and read back to the same strings; JSON of any nesting depth gets an answer,
never a RecursionError; a line of any length is read in bounded memory and in work that grows with its length.
"""

from __future__ import annotations

import json
import re
import tempfile
import tracemalloc
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tinydb import TinyDB

from tui.core.extract.reader import RawArticle, Skipped, read_articles
from tui.core.files import MB, BoundedFile
from tui.core.jsonio import parse_json
from tui.core.sets.annotation_set import export
from tui.core.sets.importing import import_file
from tui.core.store.database import AnnotationStore
from tui.core.store.journal import read_journal

HOSTILE = ("\ud800", "\udfff", "\udc80", "\x00", "\x1b[2J", "\x1b]0;title\x07", "\x85", "\u2028", "\u2029",
           "\u202e", "\u2066", "\u200f", "\r", "\n", "\t", "\x7f", "\x9b", "\ufeff", "\ufffe", "👍🏽", "e\u0301",
           '"', "\\", "\\u0000", "}", "]", ",\"crc\":1}")
# A high surrogate right before a low one is a sequence no reader produces (JSON itself reads "\\ud800\\udc80" as one
# character, and the reader replaces lone surrogates), and one that no JSON text can keep apart: left out.
SPLIT_PAIR = re.compile("[\ud800-\udbff][\udc00-\udfff]")
hostile_text = st.lists(st.one_of(st.sampled_from(HOSTILE), st.characters(blacklist_categories=())),
                        min_size=1, max_size=40).map("".join).filter(lambda text: not SPLIT_PAIR.search(text))
long_text = st.tuples(hostile_text, st.integers(1, 4000)).map(lambda pair: pair[0] * pair[1]).filter(
    lambda text: not SPLIT_PAIR.search(text))  # up to ~160 KB
FAST = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _text_around(quote: str) -> tuple[str, int, int]:
    text = "Before the quote. " + quote + " After the quote."
    return text, 18, 18 + len(quote)


@FAST
@given(quote=st.one_of(hostile_text, long_text), note=hostile_text, actor=hostile_text)
def test_the_journal_and_the_snapshot_are_utf8_one_line_a_record_and_read_back_exactly(quote: str, note: str,
                                                                                      actor: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "annotations.json"
        text, start, end = _text_around(quote)
        with AnnotationStore.open(db, annotator="ann\u202e\ud800") as store:
            saved = store.set_tag(article_id="art", article_path="a\u2028.txt", text=text, start=start, end=end,
                                  actor=actor, note=note, stance="\x85")
            store.set_session(article_id="art", statement_id=quote[:50])
            journal = db.with_name(db.name + ".journal").read_bytes()
            journal.decode("utf-8")  # strict
            assert journal.count(b"\n") == 2 and journal.endswith(b"\n")  # two records, two lines
            contents = read_journal(db.with_name(db.name + ".journal"))
            assert not contents.damaged and len(contents.records) == 2
        snapshot = db.read_bytes()
        snapshot.decode("utf-8")
        plain = TinyDB(db)  # TinyDB's own reader agrees
        (doc,) = plain.table("annotations").all()
        plain.close()
        assert dict(doc) == saved
        with AnnotationStore.open(db, annotator="ann\u202e\ud800", read_only=True) as store:
            assert list(store.all_tags()) == [saved]
            assert store.get_session()["statement_id"] == quote[:50]


@FAST
@given(quote=st.one_of(hostile_text, long_text), note=hostile_text)
def test_json_exports_are_utf8_one_record_a_line_and_import_back_exactly(quote: str, note: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "annotations" / "annotations.json"
        text, start, end = _text_around(quote)
        with AnnotationStore.open(db, annotator="ann") as store:
            saved = store.set_tag(article_id="art", article_path="missing.txt", text=text, start=start, end=end,
                                  actor="Russia\u2028", note=note)
        for fmt, name in (("jsonl", "out.jsonl"), ("w3c", "out.json")):
            out = Path(folder) / name
            export(db, fmt, out)
            raw = out.read_bytes()
            raw.decode("utf-8")
            if fmt == "jsonl":
                assert len(raw.decode("utf-8").splitlines()) == 1  # U+2028, NEL ... are escaped
            again = Path(folder) / f"again-{fmt}.json"
            import_file(out, again, fmt)
            with AnnotationStore.open(again, annotator="x", read_only=True) as store:
                (back,) = store.all_tags()
            assert {k: back[k] for k in ("quote", "note", "actor", "start", "end")} == \
                   {k: saved[k] for k in ("quote", "note", "actor", "start", "end")}


@settings(max_examples=60, deadline=None)
@given(depth=st.one_of(st.integers(1, 3000), st.integers(3000, 200_000)), kind=st.sampled_from("[{"))
def test_json_of_any_depth_parses_or_is_refused_never_a_recursion_error(depth: int, kind: str) -> None:
    opening, closing = (kind, "]") if kind == "[" else ('{"a":', "}")
    document = opening * depth + ("1" if kind == "{" else "") + closing * depth
    try:
        parse_json(document)
    except ValueError as exc:
        assert "nested too deeply" in str(exc)


@settings(max_examples=20, deadline=None)
@given(depth=st.integers(900, 120_000))
def test_a_jsonl_feed_line_of_any_depth_is_read_or_skipped(depth: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        feed = Path(folder) / "feed.jsonl"
        feed.write_text("[" * depth + "\n" + json.dumps({"text": "Talks resumed on Monday."}) + "\n")
        items = list(read_articles([feed]))
        assert [type(item) for item in items] == [Skipped, RawArticle]


class CountingFile(BoundedFile):
    """A BoundedFile that counts its reads and the largest piece it held."""

    def __init__(self, path: Path, limit: int) -> None:
        super().__init__(path, limit)
        self.reads = 0
        self.largest = 0

    def _read(self, size: int) -> bytes:
        data = super()._read(size)
        self.reads += 1
        self.largest = max(self.largest, len(data))
        return data


def _long_line_file(folder: Path, length: int) -> Path:
    path = folder / f"line-{length}.jsonl"
    with path.open("wb") as handle:
        handle.write(b'{"text": "' + b"x" * length + b'"}\n{"text": "short"}\n')
    return path


def test_a_long_single_line_is_read_in_bounded_pieces_and_work_linear_in_its_length(tmp_path: Path) -> None:
    counts = []
    for length in (4 * MB, 8 * MB, 16 * MB):
        with CountingFile(_long_line_file(tmp_path, length), 64 * MB) as feed:
            lines = list(feed.lines(MB))
            assert [line is None for _number, line in lines] == [True, False]  # skipped, then the next line
            assert feed.largest <= MB + 1  # never more than a line's limit held at once
            counts.append(feed.reads)
    # linear: 4 MB more costs 4 reads more, 8 MB more costs 8 more (a read is one 1 MB piece)
    assert counts[2] - counts[1] == 2 * (counts[1] - counts[0]) == 8, counts


def test_reading_a_feed_with_a_line_of_50_mb_holds_about_one_line_limit_in_memory(tmp_path: Path) -> None:
    path = _long_line_file(tmp_path, 50 * MB)
    tracemalloc.start()
    items = list(read_articles([path]))
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert isinstance(items[0], Skipped) and "line too large" in items[0].reason
    assert isinstance(items[1], RawArticle) and items[1].text == "short"
    assert peak < 12 * MB, f"peak {peak / MB:.1f} MB for a 50 MB line"
