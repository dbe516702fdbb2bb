"""The annotation store: fields, files, journal, compaction, lock, refusals, undo/redo, re-anchoring."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tempfile
import uuid
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule
from tinydb import TinyDB

import tui.core.store.database as store_module
from tui.core.store.database import (
    AnnotationStore,
    StoreError,
    StoreLocked,
    default_annotator,
    default_db_path,
)

ROOT = Path(__file__).resolve().parent.parent
ISO_UTC = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}\+00:00$")
TEXT_A = ("Russia said on Wednesday that talks with Ukraine could resume in Istanbul. "
          "Ukraine rejected the proposal as a stalling tactic, officials in Kyiv said. "
          "The European Union welcomed any step towards a ceasefire. "
          "Turkey offered to host the delegations again next week.")
TEXT_B = "Israel and Hamas agreed to a pause. Egypt said it would monitor the truce. Qatar praised both sides."


def span(text: str, sentence: str) -> tuple[int, int]:
    start = text.index(sentence)
    return start, start + len(sentence)


def tag(store: AnnotationStore, text: str, sentence: str, article_id: str = "art-a", **fields) -> dict:
    start, end = span(text, sentence)
    return store.set_tag(article_id=article_id, article_path=f"{article_id}.txt", text=text, start=start,
                         end=end, **fields)


def run_child(code: str, *args: str) -> subprocess.CompletedProcess:
    """Run ``code`` in a fresh interpreter with the project importable."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, env=env,
                          timeout=60)


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "annotations" / "annotations.json"


# ----------------------------------------------------------------------------- fields and files
def test_every_field_round_trips_and_plain_tinydb_reads_the_file(db: Path) -> None:
    sentence = "The European Union welcomed any step towards a ceasefire."
    with AnnotationStore.open(db, annotator="alice", codebook={"actors": ["EU"], "stances": ["pro"]}) as store:
        saved = tag(store, TEXT_A, sentence, actor="EU", stance="pro", note="hedged", suggested=True)
    start, end = span(TEXT_A, sentence)
    assert uuid.UUID(hex=saved["id"]).version == 4 and len(saved["id"]) == 32
    assert saved["quote"] == TEXT_A[start:end]
    assert saved["prefix"] == TEXT_A[start - 32:start] and saved["suffix"] == TEXT_A[end:end + 32]
    assert ISO_UTC.match(saved["created"]) and saved["updated"] == saved["created"]
    expected = {"article_id": "art-a", "article_path": "art-a.txt", "start": start, "end": end, "actor": "EU",
                "stance": "pro", "note": "hedged", "annotator": "alice", "suggested": True, "orphan": False}
    assert {k: saved[k] for k in expected} == expected

    assert not db.with_name(db.name + ".journal").exists()
    plain = TinyDB(db)
    assert plain.table("annotations").all() == [saved]
    meta = {doc["key"]: doc["value"] for doc in plain.table("meta").all()}
    assert meta["schema_version"] == 1 and meta["codebook"] == {"actors": ["EU"], "stances": ["pro"]}
    plain.close()
    assert set(json.loads(db.read_text())) >= {"annotations", "meta"}

    with AnnotationStore.open(db, annotator="alice") as store:
        assert store.tags_for("art-a") == [saved]
        assert list(store.all_tags()) == [saved] and store.count() == 1
        assert store.get_meta("codebook") == {"actors": ["EU"], "stances": ["pro"]}


def test_default_path_and_annotator_come_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NEWSDESK_DB", raising=False)
    assert default_db_path() == Path("annotations/annotations.json")
    monkeypatch.setenv("NEWSDESK_DB", "/data/tags.json")
    assert default_db_path() == Path("/data/tags.json")
    monkeypatch.delenv("NEWSDESK_ANNOTATOR", raising=False)
    assert default_annotator() and default_annotator("bob") == "bob"
    monkeypatch.setenv("NEWSDESK_ANNOTATOR", "carol")
    assert default_annotator() == "carol" and default_annotator("bob") == "bob"


def test_open_without_path_uses_newsdesk_db(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("NEWSDESK_DB", str(tmp_path / "deep" / "folder" / "db.json"))
    monkeypatch.setenv("NEWSDESK_ANNOTATOR", "dave")
    with AnnotationStore.open() as store:
        assert store.annotator == "dave"
        tag(store, TEXT_B, "Qatar praised both sides.", "art-b", actor="Qatar")
    assert len(TinyDB(tmp_path / "deep" / "folder" / "db.json").table("annotations")) == 1


def test_set_tag_updates_only_given_fields_and_one_tag_per_span_and_annotator(db: Path) -> None:
    sentence = "Egypt said it would monitor the truce."
    with AnnotationStore.open(db, annotator="alice") as store:
        first = tag(store, TEXT_B, sentence, "art-b", actor="Egypt")
        second = tag(store, TEXT_B, sentence, "art-b", stance="neutral")
        assert second["id"] == first["id"] and second["actor"] == "Egypt" and second["stance"] == "neutral"
        assert second["created"] == first["created"] and second["updated"] > first["updated"]
        assert tag(store, TEXT_B, sentence, "art-b", stance="neutral") == second  # no change, no write
        assert store.count() == 1
    with AnnotationStore.open(db, annotator="bob") as store:
        tag(store, TEXT_B, sentence, "art-b", actor="Israel")
        assert store.count() == 2
        assert [t["annotator"] for t in store.tags_for("art-b")] == ["alice", "bob"]


def test_tags_for_is_sorted_by_start_and_clear_removes_only_own_tags(db: Path) -> None:
    with AnnotationStore.open(db, annotator="alice") as store:
        for sentence in ("Qatar praised both sides.", "Israel and Hamas agreed to a pause."):
            tag(store, TEXT_B, sentence, "art-b", actor="x")
        assert [t["start"] for t in store.tags_for("art-b")] == [0, span(TEXT_B, "Qatar praised both sides.")[0]]
    with AnnotationStore.open(db, annotator="bob") as store:
        tag(store, TEXT_B, "Qatar praised both sides.", "art-b", actor="Qatar")
        removed = store.clear("art-b", *span(TEXT_B, "Qatar praised both sides."))
        assert [t["annotator"] for t in removed] == ["bob"]
        assert store.clear("art-b", 0, 3) == []
        assert store.count() == 2


def test_bad_spans_and_writes_to_a_read_only_store_are_refused(db: Path) -> None:
    with AnnotationStore.open(db, annotator="alice") as store:
        for start, end in ((5, 5), (-1, 3), (0, len(TEXT_B) + 1)):
            with pytest.raises(ValueError):
                store.set_tag(article_id="b", article_path="b", text=TEXT_B, start=start, end=end)
    with AnnotationStore.open(db, annotator="alice", read_only=True) as reader:
        with pytest.raises(StoreError, match="read-only"):
            tag(reader, TEXT_B, "Qatar praised both sides.", "art-b")
        with pytest.raises(StoreError):
            reader.set_meta("x", 1)
    assert not db.exists()


def test_meta_and_session_state_persist(db: Path) -> None:
    with AnnotationStore.open(db, annotator="alice", codebook={"actors": ["A"]}) as store:
        store.set_session(article_id="art-b", statement_id="s3")
        store.set_meta("export", {"format": "csv"})
    with AnnotationStore.open(db, annotator="alice", codebook={"actors": ["A", "B"]}) as store:
        assert store.get_session() == {"article_id": "art-b", "statement_id": "s3"}
        assert store.get_meta("export") == {"format": "csv"}
        assert store.get_meta("codebook") == {"actors": ["A", "B"]}
    with AnnotationStore.open(db, annotator="bob") as store:
        assert store.get_session() == {}


# ----------------------------------------------------------------------------- journal and compaction
CRASH_AFTER_TAGGING = """
import os, sys
from tui.core.store.database import AnnotationStore
text = sys.argv[2]
store = AnnotationStore.open(sys.argv[1], annotator="alice")
for n in range(int(sys.argv[3])):
    store.set_tag(article_id="art-a", article_path="a.txt", text=text, start=n, end=n + 10, actor=f"actor{n}")
store.undo()
os._exit(0)  # a crash: no close, no compaction
"""


def test_journal_is_replayed_after_a_crash(db: Path) -> None:
    result = run_child(CRASH_AFTER_TAGGING, str(db), TEXT_A, "5")
    assert result.returncode == 0, result.stderr
    assert db.with_name(db.name + ".journal").exists() and not db.exists()
    with AnnotationStore.open(db, annotator="alice") as store:
        assert store.count() == 4
        assert store.redo()["start"] == 4  # the undo history came back too
    assert len(TinyDB(db).table("annotations")) == 5
    assert not db.with_name(db.name + ".journal").exists()


def test_torn_last_journal_line_is_ignored_and_cut_off(db: Path) -> None:
    assert run_child(CRASH_AFTER_TAGGING, str(db), TEXT_A, "3").returncode == 0
    journal = db.with_name(db.name + ".journal")
    good = journal.read_bytes()
    journal.write_bytes(good + b'{"seq": 99, "put": [{"id": "dead", "article_id": "art-a", "sta')
    with AnnotationStore.open(db, annotator="alice", read_only=True) as reader:
        assert reader.count() == 2  # the torn line is skipped, the file is left alone
    assert journal.read_bytes().startswith(good) and len(journal.read_bytes()) > len(good)
    store = AnnotationStore.open(db, annotator="alice")
    assert journal.read_bytes() == good  # the writer cut the torn tail before appending
    tag(store, TEXT_A, "Turkey offered to host the delegations again next week.", actor="Turkey")
    store.close()
    with AnnotationStore.open(db, annotator="alice") as store:
        assert store.count() == 3 and "dead" not in {t["id"] for t in store.all_tags()}


def test_a_journal_left_over_after_compaction_is_not_applied_twice(db: Path) -> None:
    journal = db.with_name(db.name + ".journal")
    store = AnnotationStore.open(db, annotator="alice")
    tag(store, TEXT_A, "Turkey offered to host the delegations again next week.", actor="Turkey")
    tag(store, TEXT_B, "Qatar praised both sides.", "art-b", actor="Qatar")
    store.undo()
    leftover = journal.read_bytes()
    store.close()
    journal.write_bytes(leftover)  # as if the crash came between os.replace and removing the journal
    with AnnotationStore.open(db, annotator="alice") as store:
        assert store.count() == 1
        assert store.redo()["article_id"] == "art-b"
        assert store.undo()["article_id"] == "art-b"
        assert store.undo()["article_id"] == "art-a"
        assert store.undo() is None


def test_journal_is_compacted_when_it_grows(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(store_module, "COMPACT_AFTER_RECORDS", 5)
    journal = db.with_name(db.name + ".journal")
    store = AnnotationStore.open(db, annotator="alice")
    for n in range(12):
        store.set_tag(article_id="art-a", article_path="a.txt", text=TEXT_A, start=n, end=n + 5, actor="x")
    assert len(TinyDB(db).table("annotations")) == 10  # compacted after the 5th and 10th change
    assert len(journal.read_text().splitlines()) == 2
    store.close()
    assert len(TinyDB(db).table("annotations")) == 12 and not journal.exists()


def test_other_tables_in_the_file_are_kept(db: Path) -> None:
    db.parent.mkdir(parents=True)
    plain = TinyDB(db)
    plain.table("notes").insert({"text": "keep me"})
    plain.close()
    with AnnotationStore.open(db, annotator="alice") as store:
        tag(store, TEXT_B, "Qatar praised both sides.", "art-b", actor="Qatar")
    assert TinyDB(db).table("notes").all() == [{"text": "keep me"}]


# ----------------------------------------------------------------------------- one writer
def test_a_second_writer_is_refused_with_the_file_and_pid(db: Path) -> None:
    with AnnotationStore.open(db, annotator="alice") as store:
        tag(store, TEXT_B, "Qatar praised both sides.", "art-b", actor="Qatar")
        with pytest.raises(StoreLocked) as refused:
            AnnotationStore.open(db, annotator="bob")
        message = str(refused.value)
        assert "\n" not in message and str(db) in message and f"PID {os.getpid()}" in message
        with AnnotationStore.open(db, annotator="bob", read_only=True) as reader:
            assert reader.count() == 1  # sees the journal of the live writer
        other = run_child("import sys\nfrom tui.core.store.database import AnnotationStore, StoreLocked\n"
                          "try: AnnotationStore.open(sys.argv[1], annotator='x')\n"
                          "except StoreLocked as e: print(e)\n", str(db))
        assert f"PID {os.getpid()}" in other.stdout and str(db) in other.stdout
    with AnnotationStore.open(db, annotator="bob") as store:  # released on close
        assert store.count() == 1


def test_a_lock_held_by_a_killed_process_does_not_block(db: Path) -> None:
    code = ("import sys, time\nfrom tui.core.store.database import AnnotationStore\n"
            "s = AnnotationStore.open(sys.argv[1], annotator='crashy')\nprint('open', flush=True)\n"
            "sys.stdin.read()\n")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    child = subprocess.Popen([sys.executable, "-c", code, str(db)], stdin=subprocess.PIPE,
                             stdout=subprocess.PIPE, text=True, env=env)
    try:
        assert child.stdout.readline().strip() == "open"
        with pytest.raises(StoreLocked, match=f"PID {child.pid}"):
            AnnotationStore.open(db, annotator="alice")
    finally:
        child.kill()
        child.wait()
    assert db.with_name(db.name + ".lock").read_text().strip() == str(child.pid)  # stale PID left behind
    with AnnotationStore.open(db, annotator="alice") as store:
        assert store.count() == 0


# ----------------------------------------------------------------------------- refusals
BAD_DATABASES = {
    "garbage bytes": bytes(range(256)) * 4,
    "truncated JSON": b'{"annotations": {"1": {"id": "abc", "article_id": "x", "sta',
    "a JSON list": b'[{"id": "abc"}]',
    "newer schema": json.dumps({"meta": {"1": {"key": "schema_version", "value": 99}}, "annotations": {}}).encode(),
    "a table that is a list": b'{"annotations": [1, 2, 3]}',
    "a tag without offsets": b'{"annotations": {"1": {"id": "abc", "article_id": "x", "annotator": "a"}}}',
}


@pytest.mark.parametrize("problem", sorted(BAD_DATABASES))
def test_a_bad_database_is_refused_in_one_line_and_left_untouched(db: Path, problem: str) -> None:
    db.parent.mkdir(parents=True)
    db.write_bytes(BAD_DATABASES[problem])
    for read_only in (False, True, False):  # the failed writer released its lock
        with pytest.raises(StoreError) as refused:
            AnnotationStore.open(db, annotator="alice", read_only=read_only)
        assert not isinstance(refused.value, StoreLocked)
        message = str(refused.value)
        assert "\n" not in message and message.startswith(str(db))
    if problem == "newer schema":
        assert "99" in message
    assert db.read_bytes() == BAD_DATABASES[problem]
    assert sorted(p.name for p in db.parent.iterdir()) == ["annotations.json", "annotations.json.lock"]


# ----------------------------------------------------------------------------- undo / redo
def test_undo_and_redo_across_articles_and_a_restart(db: Path) -> None:
    with AnnotationStore.open(db, annotator="alice") as store:
        created = tag(store, TEXT_A, "Turkey offered to host the delegations again next week.", actor="Turkey")
        tag(store, TEXT_B, "Egypt said it would monitor the truce.", "art-b", actor="Egypt")
        tag(store, TEXT_A, "Turkey offered to host the delegations again next week.", stance="pro")
        store.clear("art-b", *span(TEXT_B, "Egypt said it would monitor the truce."))
    with AnnotationStore.open(db, annotator="bob") as store:
        tag(store, TEXT_B, "Qatar praised both sides.", "art-b", actor="Qatar")
        assert store.undo()["article_id"] == "art-b"  # bob's own step only
        assert store.undo() is None

    with AnnotationStore.open(db, annotator="alice") as store:
        step = store.undo()  # the clear on art-b comes back
        assert step["action"] == "undo" and step["article_id"] == "art-b"
        assert (step["start"], step["end"]) == span(TEXT_B, "Egypt said it would monitor the truce.")
        assert [t["actor"] for t in step["tags"]] == ["Egypt"]
        step = store.undo()  # the stance on art-a goes
        assert step["article_id"] == "art-a" and step["tags"][0]["stance"] is None
    with AnnotationStore.open(db, annotator="alice") as store:
        assert store.redo()["tags"][0]["stance"] == "pro"
        assert store.undo()["tags"][0]["stance"] is None
        assert store.undo()["tags"] == []  # Egypt tag never existed
        assert store.undo()["tags"] == []  # nor the Turkey tag
        assert store.undo() is None and store.count() == 0
        assert store.redo()["tags"][0]["id"] == created["id"]
        tag(store, TEXT_B, "Qatar praised both sides.", "art-b", actor="Qatar")
        assert store.redo() is None  # a new action drops the redo steps


# ----------------------------------------------------------------------------- re-anchoring
def test_reanchor_places_moved_and_reworded_tags_and_keeps_orphans(db: Path) -> None:
    sentences = ["Russia said on Wednesday that talks with Ukraine could resume in Istanbul.",
                 "Ukraine rejected the proposal as a stalling tactic, officials in Kyiv said.",
                 "The European Union welcomed any step towards a ceasefire."]
    with AnnotationStore.open(db, annotator="alice") as store:
        ids = [tag(store, TEXT_A, s, "v1", actor=f"a{n}")["id"] for n, s in enumerate(sentences)]
    new_text = ("Editor's note: updated with reaction. " + TEXT_A
                .replace("Ukraine rejected the proposal", "Ukraine flatly rejected that proposal")
                .replace("The European Union welcomed any step towards a ceasefire. ", ""))
    with AnnotationStore.open(db, annotator="alice") as store:
        placed, orphans = store.reanchor("v2", "v1.txt", new_text)
        assert {t["id"] for t in placed} == set(ids[:2]) and [t["id"] for t in orphans] == [ids[2]]
        for t in placed:
            assert t["article_id"] == "v2" and new_text[t["start"]:t["end"]] == t["quote"]
        reworded = "Ukraine flatly rejected that proposal as a stalling tactic, officials in Kyiv said."
        assert placed[1]["quote"] == reworded
        assert store.reanchor("v2", "v1.txt", new_text) == ([], [orphans[0]])  # nothing more to do
        assert store.count() == 3
    with AnnotationStore.open(db, annotator="alice") as store:
        assert [t["actor"] for t in store.tags_for("v2")] == ["a0", "a1"]
        (orphan,) = store.tags_for("v1")
        assert orphan["orphan"] is True and orphan["quote"] == sentences[2]
        assert store.undo()["tags"] == [] and store.count() == 2  # the last step was tagging, not re-anchoring


def test_undo_after_reanchoring_keeps_the_new_place(db: Path) -> None:
    sentence = "Qatar praised both sides."
    with AnnotationStore.open(db, annotator="alice") as store:
        tag(store, TEXT_B, sentence, "b1", actor="Qatar")
        tag(store, TEXT_B, sentence, "b1", stance="pro")
        store.reanchor("b2", "b1.txt", "New intro. " + TEXT_B)
        step = store.undo()
        assert step["article_id"] == "b2" and step["tags"][0]["stance"] is None
        assert step["start"] == span("New intro. " + TEXT_B, sentence)[0]
        assert store.undo()["tags"] == [] and store.count() == 0
    with AnnotationStore.open(db, annotator="alice") as store:
        step = store.redo()  # the tag comes back where it was last, in the new version of the article
        assert step["article_id"] == "b2" and step["start"] == span("New intro. " + TEXT_B, sentence)[0]
        assert store.tags_for("b2")[0]["actor"] == "Qatar" and store.tags_for("b1") == []


# ----------------------------------------------------------------------------- a model-based check
class StoreMachine(RuleBasedStateMachine):
    """Random tagging, clearing, undo, redo and reopening against a model: {(article, start): stance}."""

    def __init__(self) -> None:
        super().__init__()
        self.folder = tempfile.TemporaryDirectory()
        self.path = Path(self.folder.name) / "db.json"
        self.store = AnnotationStore.open(self.path, annotator="alice")
        self.model: dict[tuple[str, int], str] = {}
        self.undo_states: list[dict] = []
        self.redo_states: list[dict] = []

    def remember(self, changed: dict) -> None:
        if changed != self.model:
            self.undo_states.append(self.model)
            self.redo_states = []
            self.model = changed

    @rule(article=st.sampled_from(["a", "b"]), start=st.integers(0, 4), stance=st.sampled_from(["pro", "anti"]))
    def set_tag(self, article: str, start: int, stance: str) -> None:
        self.store.set_tag(article_id=article, article_path=article, text=TEXT_B, start=start, end=start + 3,
                           stance=stance)
        self.remember({**self.model, (article, start): stance})

    @rule(article=st.sampled_from(["a", "b"]), start=st.integers(0, 4))
    def clear(self, article: str, start: int) -> None:
        self.store.clear(article, start, start + 3)
        self.remember({key: value for key, value in self.model.items() if key != (article, start)})

    @rule()
    def undo(self) -> None:
        step = self.store.undo()
        assert (step is None) == (not self.undo_states)
        if step:
            self.redo_states.append(self.model)
            self.model = self.undo_states.pop()
            assert step["article_id"] in ("a", "b")

    @rule()
    def redo(self) -> None:
        step = self.store.redo()
        assert (step is None) == (not self.redo_states)
        if step:
            self.undo_states.append(self.model)
            self.model = self.redo_states.pop()

    @rule(crash=st.booleans())
    def reopen(self, crash: bool) -> None:
        before = sorted(map(json.dumps, self.store.all_tags()))
        if crash:  # drop the store without compacting, as a killed process would
            self.store._journal.close()
            self.store._lock.release()
        else:
            self.store.close()
        self.store = AnnotationStore.open(self.path, annotator="alice")
        assert sorted(map(json.dumps, self.store.all_tags())) == before

    @invariant()
    def store_matches_the_model(self) -> None:
        tags = list(self.store.all_tags())
        assert {(t["article_id"], t["start"]): t["stance"] for t in tags} == self.model
        assert len(tags) == len(self.model)

    def teardown(self) -> None:
        self.store.close()
        self.folder.cleanup()


TestStoreMachine = StoreMachine.TestCase
TestStoreMachine.settings = settings(max_examples=25, stateful_step_count=25, deadline=None,
                                     suppress_health_check=[HealthCheck.too_slow])
