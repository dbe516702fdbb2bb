"""kill -9 at a random moment never loses a change whose call had returned, nor breaks the database.

A child process opens the store and makes the changes the parent sends it, one at a time on the parent's word:
tags, retags (actor names of other lengths), clears, undos and redos, on its own spans and on 600 pre-filled
tags carrying 6 KB notes, with a one-step undo history, so snapshots are megabytes, shrink when a tag is cleared
and shift when one is retagged.  It compacts every 1 to 6 changes and prints ``done N`` (one write) once change N
has returned.  The parent lets a random number of changes run to the end, starts one more (followed, 70 % of the
time, by a close, which writes the whole snapshot) and kills the child with SIGKILL at a random moment during it,
or kills it during start-up.  The database must then open and hold exactly the state after the acknowledged
changes, or after those and the one in flight: the changes are replayed on a model of the store (one tag per
annotator and span; the undo and redo stacks), so a lost retag or a cleared tag come back is caught, not only
a missing tag.

Negative control: the same harness with the snapshot written in place, TinyDB style (seek, write, flush, fsync,
truncate), must find damage; here it does within 6 to 56 rounds.  If it did not, the harness could not see what
it is there to see.

``NEWSDESK_CRASH_ROUNDS=N`` runs another number of rounds (default 80, about 20 s); ``NEWSDESK_CRASH_SEED``
another seed.
"""

from __future__ import annotations

import json
import os
import random
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

from tinydb import TinyDB

from tui.core.store.database import AnnotationStore, StoreError

ROOT = Path(__file__).resolve().parent.parent
ROUNDS = int(os.environ.get("NEWSDESK_CRASH_ROUNDS", "80"))
CONTROL_ROUNDS = 300  # the in-place storage is caught within 6 to 56 rounds here (6 seeds); most runs stop early
PREFILLED_TAGS = 600
NOTE = "A long note on the tag, kept word for word. " * 140  # 6 KB: snapshots of MBs, cheap to encode
HISTORY = 1  # undo steps the child keeps (the store's MAX_HISTORY, made small, so a clear shrinks the snapshot)
TEXT = "Talks resumed in Istanbul on Monday after a pause of three weeks. " * 30
OWN_SPANS = [(article, start, start + 40) for article in ("art-a", "art-b") for start in range(0, 600, 120)]
ACTORS = ("A", "Ukraine", "United States", "European Union of nations")  # lengths differ: snapshots shift
STANCES = ("pro", "sceptical")
Key = tuple[str, str, int, int]  # annotator, article id, start, end: the store keeps one tag per key

CHILD = r"""
import json, os, sys
import tui.core.store.database as store_module
from tui.core.store.database import AnnotationStore
from tui.core.store.journal import AtomicJSONStorage

db, annotator, compact_every, storage, history = sys.argv[1:6]
store_module.COMPACT_AFTER_RECORDS = int(compact_every)
store_module.MAX_HISTORY = int(history)
if storage == "in-place":  # the negative control: TinyDB's own JSONStorage way of writing
    def write_in_place(self, data):
        payload = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        with open(self.path, "r+b" if self.path.exists() else "wb") as handle:
            handle.seek(0)
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
            handle.truncate()
    AtomicJSONStorage.write = write_in_place
text = sys.stdin.readline().rstrip("\n")
changes = json.loads(sys.stdin.readline())
store = AnnotationStore.open(db, annotator=annotator)
print("ready", flush=True)
for number, change in enumerate(changes):
    order = sys.stdin.readline().strip()  # one change at a time, when the parent says so
    kind = change[0]
    if kind == "set":
        _, who, article, start, end, actor, stance = change
        store.set_tag(article_id=article, article_path=article + ".txt", text=text, start=start, end=end,
                      actor=actor, stance=stance, annotator=who)
    elif kind == "clear":
        store.clear(change[2], change[3], change[4], annotator=change[1])
    else:
        getattr(store, kind)()
    sys.stdout.write(f"done {number}\n")  # one write: a kill never leaves half an acknowledgement
    sys.stdout.flush()
    if order == "close":  # the change, then quitting: the whole state written as a new snapshot
        store.close()
        print("closed", flush=True)
sys.stdin.readline()  # wait for the kill
"""
IN_FLIGHT = 0.002  # seconds the parent waits into the last change before the kill: an append takes ~0.3 ms


def spawn(db: Path, annotator: str, compact_every: int, storage: str, env: dict,
          changes: list[list]) -> subprocess.Popen:
    child = subprocess.Popen([sys.executable, "-c", CHILD, str(db), annotator, str(compact_every), storage,
                              str(HISTORY)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             text=True, env=env)
    assert child.stdin and child.stdout
    child.stdin.write(TEXT + "\n" + json.dumps(changes) + "\n")
    child.stdin.flush()
    return child


CALIBRATION = ["set", "calibration", "art-a", 0, 40, "A", "pro"]


def close_time(db: Path, storage: str, env: dict) -> float:
    """Seconds a change and close take here, so kills into a close spread over all of it on any machine.
    It leaves the :data:`CALIBRATION` tag."""
    child = spawn(db, "calibration", 100, storage, env, [CALIBRATION])
    assert child.stdin and child.stdout and child.stderr
    try:
        assert child.stdout.readline().strip() == "ready"
        started = time.perf_counter()
        child.stdin.write("close\n")
        child.stdin.flush()
        while child.stdout.readline().strip() != "closed":
            pass
        return (time.perf_counter() - started) * 1.2
    finally:
        child.kill()
        child.wait()
        for stream in (child.stdin, child.stdout, child.stderr):
            stream.close()


class Model:
    """What the store holds, (actor, stance) by key, and one annotator's undo and redo stacks, by the store's rules."""

    def __init__(self, tags: dict[Key, tuple[str, str]]) -> None:
        self.tags = dict(tags)
        self.undo: list[tuple[Key, object, object]] = []
        self.redo: list[tuple[Key, object, object]] = []

    def copy(self) -> "Model":
        twin = Model(self.tags)
        twin.undo, twin.redo = list(self.undo), list(self.redo)
        return twin

    def apply(self, change: list) -> None:
        kind = change[0]
        if kind in ("undo", "redo"):
            source, target = (self.undo, self.redo) if kind == "undo" else (self.redo, self.undo)
            if source:
                entry = source.pop()
                self._put(entry[0], entry[1] if kind == "undo" else entry[2])
                target.append(entry)
            return
        key: Key = (change[1], change[2], change[3], change[4])
        before = self.tags.get(key)
        after = (change[5], change[6]) if kind == "set" else None
        if before == after:
            return  # the store writes nothing for a change that changes nothing
        self._put(key, after)
        self.undo.append((key, before, after))
        del self.undo[:-HISTORY]
        self.redo.clear()

    def _put(self, key: Key, value: object) -> None:
        if value is None:
            self.tags.pop(key, None)
        else:
            self.tags[key] = value  # type: ignore[assignment]


def base_span(n: int) -> tuple[str, int, int]:
    return f"base-{n % 50}", n // 50, n // 50 + 30


def random_changes(rng: random.Random, annotator: str, count: int) -> list[list]:
    """Tags and retags of its own spans and of the pre-filled ones, clears (mostly of pre-filled tags, so the
    snapshot shrinks), undos and redos."""
    changes: list[list] = []
    for _ in range(count):
        roll = rng.random()
        if rng.random() < 0.6:
            who, span = "base", list(base_span(rng.randrange(PREFILLED_TAGS)))
        else:
            who, span = annotator, list(rng.choice(OWN_SPANS))
        if roll < 0.45:
            changes.append(["set", who, *span, rng.choice(ACTORS), rng.choice(STANCES)])
        elif roll < 0.8:
            changes.append(["clear", who, *span])
        elif roll < 0.93:
            changes.append(["undo"])
        else:
            changes.append(["redo"])
    return changes


def prefill(db: Path) -> dict[Key, tuple[str, str]]:
    """A few thousand tags of another annotator, so every snapshot takes a while to write and can shrink."""
    docs: list[dict] = []
    for n in range(PREFILLED_TAGS):
        article, start, end = base_span(n)
        docs.append({"id": f"base-{n}", "article_id": article, "article_path": article + ".txt", "start": start,
                     "end": end, "quote": TEXT[start:end], "prefix": "", "suffix": "", "actor": "Russia",
                     "stance": "neutral", "note": NOTE, "annotator": "base",
                     "created": "2025-05-26T00:00:00+00:00", "updated": "2025-05-26T00:00:00+00:00",
                     "suggested": False, "orphan": False})
    with AnnotationStore.open(db, annotator="base") as store:
        store.add_tags(docs)
    return {("base", *base_span(n)): ("Russia", "neutral") for n in range(PREFILLED_TAGS)}


def observed(db: Path, writable: bool) -> dict[Key, tuple[str, str]]:
    """Every tag in the database by key; raises StoreError if it does not open."""
    with AnnotationStore.open(db, annotator="checker", read_only=not writable) as store:
        return {(t["annotator"], t["article_id"], t["start"], t["end"]): (t["actor"], t["stance"])
                for t in store.all_tags()}


def run_one(db: Path, start: Model, annotator: str, rng: random.Random, storage: str, env: dict,
            closing_time: float) -> tuple[Model, Model]:
    """One child killed at a random moment: the model after its acknowledged changes, and after the one in flight."""
    changes = random_changes(rng, annotator, rng.randint(1, 12))
    child = spawn(db, annotator, rng.randint(1, 6), storage, env, changes)
    assert child.stdin and child.stdout and child.stderr
    lines: list[str] = []
    try:
        if rng.random() < 0.1:
            time.sleep(rng.random() * 0.1)  # during start-up: opening, replaying, cutting a torn tail
        else:
            if child.stdout.readline().strip() != "ready":
                child.kill()
                raise AssertionError(f"the child did not start: {child.stderr.read()}")
            for _ in range(rng.randrange(len(changes))):  # these changes run to the end
                child.stdin.write("go\n")
                child.stdin.flush()
                lines.append(child.stdout.readline())
            # the last one is killed at a random moment (or just after it): half the time it is followed by a
            # close, whose compaction writes the whole snapshot, so kills land in snapshot writes as often
            closing = rng.random() < 0.7
            child.stdin.write("close\n" if closing else "go\n")
            child.stdin.flush()
            time.sleep(rng.random() * (closing_time if closing else IN_FLIGHT))
    finally:
        os.kill(child.pid, signal.SIGKILL)
        child.wait()
        lines += child.stdout.read().splitlines()  # all it printed before it died was acknowledged
        for stream in (child.stdin, child.stdout, child.stderr):
            stream.close()
    acknowledged = max((int(line.split()[1]) + 1 for line in lines if re.fullmatch(r"done \d+\n?", line)),
                       default=0)
    before = start.copy()
    for change in changes[:acknowledged]:
        before.apply(change)
    after = before.copy()
    if acknowledged < len(changes):
        after.apply(changes[acknowledged])
    return before, after


def crash_rounds(folder: Path, rounds: int, storage: str, seed: str) -> str | None:
    """Run the rounds; the first damage found (a database that does not open, a change lost or come back), or None."""
    db = folder / "annotations" / "annotations.json"
    state = prefill(db)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    rng = random.Random(seed)
    closing_time = close_time(db, storage, env)
    state[("calibration", "art-a", 0, 40)] = ("A", "pro")  # what the calibration left
    for round_number in range(rounds):
        annotator = f"round{round_number}"  # its own undo history
        before, after = run_one(db, Model(state), annotator, rng, storage, env, closing_time)
        try:
            found = observed(db, writable=round_number % 2 == 1)
        except StoreError as exc:
            return f"round {round_number}: the database does not open: {exc}"
        if found not in (before.tags, after.tags):
            lost = sorted(set(before.tags.items()) ^ set(found.items()))[:3]
            return f"round {round_number}: the tags are not those acknowledged (differences: {lost})"
        state = found
    return None


def test_every_acknowledged_change_survives_sigkill(tmp_path: Path) -> None:
    damage = crash_rounds(tmp_path, ROUNDS, "atomic", os.environ.get("NEWSDESK_CRASH_SEED", "7"))
    assert damage is None, damage
    db = tmp_path / "annotations" / "annotations.json"
    AnnotationStore.open(db, annotator="checker").close()
    plain = TinyDB(db)  # after a clean close the JSON file alone holds everything
    in_file = {(t["annotator"], t["article_id"], t["start"], t["end"]): (t["actor"], t["stance"])
               for t in plain.table("annotations").all()}
    plain.close()
    assert in_file == observed(db, False)
    assert sorted(p.name for p in db.parent.iterdir()) == ["annotations.json", "annotations.json.lock"]


def test_the_harness_catches_a_snapshot_written_in_place(tmp_path: Path) -> None:
    """Negative control: TinyDB's in-place write (seek, write, fsync, truncate) must be caught by the same check."""
    damage = crash_rounds(tmp_path, CONTROL_ROUNDS, "in-place", "control")
    assert damage is not None, f"{CONTROL_ROUNDS} kills of an in-place writer found nothing: the harness is blind"
