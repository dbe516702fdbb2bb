"""The store on a real file system that refuses writes: no mocks of the journal.

Three ways a disk refuses, each made for real: the database's folder made read-only (``chmod 555``; as root, whom
modes do not stop, ``chattr +i`` on the folder: nothing can be created, renamed or deleted in it, while files
already open stay writable, as with ``chmod``), the journal made immutable (``chattr +i``, root), and a tiny
size-limited tmpfs filled up (root and ``mount``).  A test skips cleanly where its kind cannot be made.

Checked: a refused save raises one line and leaves the journal byte for byte as it was (a partial line is taken
back), the change waits in the SaveQueue and is written once the disk takes it; closing with changes only in the
journal says, in one line and with exit status 3, that every change is safe there; and ``newsdesk`` itself,
quit in a real terminal with its folder made read-only, does the same.
"""

from __future__ import annotations

import errno
import os
import pty
import re
import select
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tui.cli.app import close_store
from tui.cli.common import EXIT_JOURNAL_ONLY
from tui.core.store.database import AnnotationStore, CompactionFailed, StoreError
from tui.core.store.pending import SaveQueue

ROOT = Path(__file__).resolve().parent.parent
TEXT = "Talks resumed in Istanbul on Monday. Both sides said they wanted peace. " * 40
TMPFS_BYTES = 256 * 1024
KINDS = ["read-only folder", "immutable journal", "full disk"]
ROOT_USER = os.geteuid() == 0


def _chattr(flag: str, path: Path) -> bool:
    if shutil.which("chattr") is None:
        return False
    return subprocess.run(["chattr", flag, str(path)], capture_output=True).returncode == 0


class RefusingDisk:
    """The database's folder, on a file system that can be made to refuse writes and to take them again."""

    def __init__(self, folder: Path, kind: str) -> None:
        self.path, self.kind = folder, kind
        self.db = folder / "annotations.json"
        self.journal = folder / "annotations.json.journal"
        self.refusing = False

    def refuse(self) -> None:
        self.refusing = True
        if self.kind == "read-only folder" and not ROOT_USER:
            self.path.chmod(0o555)
        elif self.kind == "read-only folder":
            assert _chattr("+i", self.path)
        elif self.kind == "immutable journal":
            assert _chattr("+i", self.journal)
        else:  # full: one file takes every free byte
            fd = os.open(self.path / "filler", os.O_WRONLY | os.O_CREAT, 0o644)
            try:
                while True:
                    os.write(fd, b"\0" * 4096)
            except OSError as exc:
                assert exc.errno == errno.ENOSPC
            finally:
                os.close(fd)

    def accept(self) -> None:
        if not self.refusing:
            return
        self.refusing = False
        if self.kind == "read-only folder" and not ROOT_USER:
            self.path.chmod(0o755)
        elif self.kind == "read-only folder":
            _chattr("-i", self.path)
        elif self.kind == "immutable journal":
            _chattr("-i", self.journal)
        else:
            (self.path / "filler").unlink()

    @property
    def reason(self) -> str:
        if self.kind == "full disk":
            return "No space left on device"
        return "Operation not permitted" if ROOT_USER else "Permission denied"


def _can_make(kind: str, probe: Path) -> bool:
    if kind == "full disk":
        return ROOT_USER and shutil.which("mount") is not None
    if kind == "immutable journal" or ROOT_USER:
        return ROOT_USER and _chattr("+i", probe) and _chattr("-i", probe)
    return True


def _made(kind: str, tmp_path: Path) -> Iterator[RefusingDisk]:
    folder = tmp_path / "disk"
    folder.mkdir()
    if not _can_make(kind, folder):
        pytest.skip(f"cannot make a {kind} here (needs root, and chattr or mount)")
    mounted = False
    if kind == "full disk":
        mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={TMPFS_BYTES}", "tmpfs", str(folder)],
                                 capture_output=True).returncode == 0
        if not mounted:
            pytest.skip("mount refused a tmpfs here")
    refusing = RefusingDisk(folder, kind)
    try:
        yield refusing
    finally:
        refusing.accept()
        if mounted:
            subprocess.run(["umount", "-l", str(folder)], check=False)


@pytest.fixture(params=KINDS)
def disk(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[RefusingDisk]:
    yield from _made(request.param, tmp_path)


@pytest.fixture
def read_only_folder(tmp_path: Path) -> Iterator[RefusingDisk]:
    yield from _made("read-only folder", tmp_path)


def tag(store: AnnotationStore, start: int, actor: str) -> dict:
    return store.set_tag(article_id="art", article_path="a.txt", text=TEXT, start=start, end=start + 30,
                         actor=actor, note="n" * 200)


def test_a_refused_save_leaves_the_journal_as_it_was_and_waits_until_the_disk_takes_it(disk: RefusingDisk) -> None:
    store = AnnotationStore.open(disk.db, annotator="ann")
    queue = SaveQueue(store)
    tag(store, 0, "Russia")
    if disk.kind == "read-only folder":
        store.compact()  # no journal: the next save has to create it, which the folder refuses
    disk.refuse()
    saved = refused_count = 0
    for start in range(40, 2000, 40):  # a full disk takes appends while the journal's last page has room
        before = disk.journal.read_bytes() if disk.journal.exists() else None
        try:
            tag(store, start, "Ukraine")
        except StoreError as refused:
            assert "\n" not in str(refused) and str(disk.db) in str(refused) and disk.reason in str(refused)
            assert (disk.journal.read_bytes() if disk.journal.exists() else None) == before  # a partial line
            refused_count += 1  # was taken back
        else:
            assert refused_count == 0, "a save went through after the disk had refused one"
            saved += 1
    assert refused_count >= 40 and store.count() == 1 + saved
    assert queue.set_tag(article_id="art", article_path="a.txt", text=TEXT, start=2010, end=2040,
                         actor="Turkey") is False
    assert queue.pending == 1 and disk.reason in (queue.last_error or "")
    disk.accept()
    assert queue.retry() and queue.pending == 0
    assert close_store(store) == 0
    with AnnotationStore.open(disk.db, annotator="ann", read_only=True) as reader:
        assert sorted(t["actor"] for t in reader.all_tags()) == ["Russia", "Turkey"] + ["Ukraine"] * saved


def test_closing_when_the_snapshot_cannot_be_written_says_every_change_is_safe_and_exits_3(
        disk: RefusingDisk, capsys: pytest.CaptureFixture[str]) -> None:
    store = AnnotationStore.open(disk.db, annotator="ann")
    for start in range(0, 1200, 40):  # about 10 KB of journal: the snapshot needs more than is left
        tag(store, start, "Russia")
    if disk.kind == "full disk":  # fill the disk with a snapshot already there, so the next one has no room
        store.compact()
        tag(store, 1200, "Ukraine")
    before = disk.journal.read_bytes()
    disk.refuse()
    assert close_store(store) == EXIT_JOURNAL_ONLY == 3
    (line,) = capsys.readouterr().err.strip().splitlines()
    assert "every change is safe in" in line and str(disk.journal) in line and "read back at the next start" in line
    assert "internal error" not in line and disk.reason in line
    assert disk.journal.read_bytes() == before
    assert not list(disk.path.glob(".annotations.json.*.tmp"))  # no half snapshot left behind
    disk.accept()
    with AnnotationStore.open(disk.db, annotator="ann") as again:
        assert again.count() == (31 if disk.kind == "full disk" else 30)
    assert disk.db.exists() and not disk.journal.exists()


def test_compaction_failure_is_its_own_error_and_the_store_still_saves(disk: RefusingDisk) -> None:
    store = AnnotationStore.open(disk.db, annotator="ann")
    tag(store, 0, "Russia")
    disk.refuse()
    with pytest.raises(CompactionFailed):
        store.compact()
    if disk.kind == "read-only folder":
        tag(store, 40, "Ukraine")  # appends to the open journal still work; only the snapshot is refused
    disk.accept()
    store.close()


# --------------------------------------------------------------------------- the real app in a real terminal
def _read_until(fd: int, wanted: bytes, seconds: float) -> bytes:
    seen = b""
    deadline = time.monotonic() + seconds
    while wanted not in seen and time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.2)
        if ready:
            try:
                seen += os.read(fd, 65536)
            except OSError:
                break
    return seen


ESCAPE = re.compile(rb"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)|[=>])")


def test_newsdesk_quit_with_its_folder_made_read_only_exits_3_with_one_line(read_only_folder: RefusingDisk) -> None:
    """The whole path: the app tags in a real terminal, the folder is made read-only, q quits; the command line's
    close finds it cannot write the snapshot and says so in one line, exit status 3."""
    disk = read_only_folder
    leader, follower = pty.openpty()
    os.set_blocking(leader, False)
    env = {"PYTHONPATH": str(ROOT), "PATH": os.environ.get("PATH", "/usr/bin:/bin"), "TERM": "xterm-256color",
           "HOME": str(disk.path.parent), "NEWSDESK_ANNOTATOR": "tester",
           "XDG_CONFIG_HOME": str(disk.path.parent / "config")}
    child = subprocess.Popen([sys.executable, "-m", "tui", "--db", str(disk.db), str(ROOT / "seeds")],
                             stdin=follower, stdout=follower, stderr=follower, env=env, close_fds=True)
    os.close(follower)  # Textual draws on stderr: everything the terminal shows comes through the leader side
    try:
        assert b"tagged" in _read_until(leader, b"tagged", 60)  # the status bar: the first article is shown
        for key in (b"j", b"a", b"1"):
            os.write(leader, key)
            _read_until(leader, b"\x00", 0.5)  # let it draw
        deadline = time.monotonic() + 20
        while b'"actor":"Russia"' not in (disk.journal.read_bytes() if disk.journal.exists() else b""):
            assert time.monotonic() < deadline, "the tag never reached the journal"
            time.sleep(0.1)
        before = disk.journal.read_bytes()
        disk.refuse()
        os.write(leader, b"q")
        shown = b""
        deadline = time.monotonic() + 30
        while child.poll() is None and time.monotonic() < deadline:
            shown += _read_until(leader, b"\x00", 0.2)
        shown += _read_until(leader, b"\x00", 0.5)
        assert child.returncode == EXIT_JOURNAL_ONLY
        after_screen = shown.rpartition(b"\x1b[?1049l")[2]  # what is printed once the app has left the screen
        lines = [line.strip() for line in ESCAPE.sub(b"", after_screen).decode().splitlines() if line.strip()]
        assert len(lines) == 1, lines
        assert "every change is safe in" in lines[0] and str(disk.journal) in lines[0]
        assert "internal error" not in lines[0]
        assert disk.journal.read_bytes().startswith(before)  # the position saved on quit may be refused, or not
    finally:
        if child.poll() is None:
            child.kill()
        child.wait()
        os.close(leader)
