"""Files that are not what they claim to be: special files, files without end, JSON nested without end, lone
surrogates, Label Studio regions past their text.  Each gets one line naming the file; nothing hangs, grows or
dies half way, and the rest of the work goes on.

Every command runs in a child process with a timeout and an address-space limit: before the fix ``--codebook
/dev/zero`` grew to 3 GB and ``--config FIFO`` waited for ever.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
from pathlib import Path

import pytest

from tui.cli import main
from tui.core.store.database import AnnotationStore

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
ARTICLE = "Russia said on Monday that talks with Ukraine would resume in Istanbul next week."
DEEP = "[" * 100_000
MEMORY_LIMIT = 1024 * 1024 * 1024  # bytes of address space for each child: far above what a bounded read needs


def _limited() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def newsdesk(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {"PYTHONPATH": str(ROOT), "PATH": os.environ.get("PATH", "/usr/bin:/bin"), "TERM": "dumb",
           "HOME": str(cwd), "XDG_CONFIG_HOME": str(cwd / "config"), "NEWSDESK_ANNOTATOR": "tester"}
    return subprocess.run([sys.executable, "-m", "tui", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=60, stdin=subprocess.DEVNULL, env=env, preexec_fn=_limited)


def in_process(*args: str, capsys: pytest.CaptureFixture[str]) -> subprocess.CompletedProcess[str]:
    """The command run here (for inputs that cannot hang it), as a CompletedProcess."""
    status = main(list(args))
    captured = capsys.readouterr()
    return subprocess.CompletedProcess(list(args), status, captured.out, captured.err)


def one_line(result: subprocess.CompletedProcess[str], *expected: str) -> str:
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr, result.stderr
    (line,) = result.stderr.strip().splitlines()
    for part in expected:
        assert part in line, line
    return line


# --------------------------------------------------------------------------- item 6: only regular files, bounded
@pytest.mark.parametrize("option", ["--codebook", "--config"])
def test_the_app_refuses_a_device_or_a_fifo_as_codebook_or_config(tmp_path: Path, option: str) -> None:
    fifo = tmp_path / "pipe.toml"
    os.mkfifo(fifo)
    for special, kind in (("/dev/zero", "a character device"), (str(fifo), "a named pipe")):
        result = newsdesk(option, special, "--db", str(tmp_path / "db.json"), str(SEEDS), cwd=tmp_path)
        assert result.returncode == 2
        one_line(result, special, f"not a regular file ({kind})")


def test_the_app_refuses_a_fifo_as_database(tmp_path: Path) -> None:
    fifo = tmp_path / "db.json"
    os.mkfifo(fifo)
    result = newsdesk("--db", str(fifo), str(SEEDS), cwd=tmp_path)
    assert result.returncode == 2
    one_line(result, str(fifo), "not a regular file (a named pipe)")


def test_a_codebook_over_the_size_limit_is_refused_without_reading_it(tmp_path: Path) -> None:
    big = tmp_path / "big.toml"
    with big.open("wb") as handle:
        handle.truncate(2 * 1024 * 1024 * 1024)  # 2 GB, sparse: reading it whole would pass the memory limit
    result = newsdesk("--codebook", str(big), "--db", str(tmp_path / "db.json"), str(SEEDS), cwd=tmp_path)
    assert result.returncode == 2
    one_line(result, str(big), "too large", "the limit is 1.0 MB")


@pytest.mark.parametrize("fmt", ["jsonl", "w3c", "labelstudio"])
def test_import_refuses_a_fifo_or_a_device(tmp_path: Path, fmt: str) -> None:
    fifo = tmp_path / f"tags.{'jsonl' if fmt == 'jsonl' else 'json'}"
    os.mkfifo(fifo)
    for special in (str(fifo), "/dev/zero"):
        result = newsdesk("import", special, "--format", fmt, "--db", str(tmp_path / "db.json"), cwd=tmp_path)
        assert result.returncode == 2
        one_line(result, special, "not a regular file")
    assert not (tmp_path / "db.json").exists()


def test_extract_skips_special_files_given_by_name_and_goes_on(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text(ARTICLE)
    os.mkfifo(tmp_path / "pipe.jsonl")
    result = newsdesk("extract", "--format", "jsonl", str(tmp_path / "pipe.jsonl"), "/dev/zero",
                      str(tmp_path / "good.txt"), cwd=tmp_path)
    assert result.returncode == 2
    assert [Path(json.loads(line)["path"]).name for line in result.stdout.splitlines()] == ["good.txt"]
    assert "pipe.jsonl: not a regular file (a named pipe)" in result.stderr


# --------------------------------------------------------------------------- item 8: nesting without end
def test_a_deeply_nested_jsonl_article_is_skipped_and_the_folder_goes_on(tmp_path: Path) -> None:
    (tmp_path / "a.jsonl").write_text(json.dumps({"text": ARTICLE}) + "\n" + DEEP + "\n"
                                      + json.dumps({"text": ARTICLE + " Again."}) + "\n")
    (tmp_path / "b.txt").write_text(ARTICLE + " Later.")
    result = newsdesk("extract", "--format", "jsonl", str(tmp_path), cwd=tmp_path)
    assert result.returncode == 2
    paths = [json.loads(line)["path"] for line in result.stdout.splitlines()]
    assert [Path(p).name for p in paths] == ["a.jsonl:1", "a.jsonl:3", "b.txt"]
    line = one_line(result, "a.jsonl:2", "not valid JSON", "nested too deeply")
    assert line.startswith("newsdesk: skipped")


@pytest.mark.parametrize("fmt", ["jsonl", "w3c", "labelstudio"])
def test_import_refuses_a_deeply_nested_file_in_one_line(tmp_path: Path, fmt: str,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / f"tags.{'jsonl' if fmt == 'jsonl' else 'json'}"
    path.write_text(DEEP)
    result = in_process("import", str(path), "--format", fmt, "--db", str(tmp_path / "db.json"), capsys=capsys)
    assert result.returncode == 2
    one_line(result, str(path), "nested too deeply")
    assert not (tmp_path / "db.json").exists()


@pytest.mark.parametrize("command", [["stats", "--format", "json"], ["agree"], ["export", "--format", "jsonl"],
                                     ["merge", "--out", "m.json"], []])
def test_every_command_refuses_a_deeply_nested_database_in_one_line(tmp_path: Path, command: list[str],
                                                                   capsys: pytest.CaptureFixture[str],
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    db = tmp_path / "deep.json"
    db.write_text('{"annotations": ' + DEEP)
    if command and command[0] == "merge":
        args = ["merge", str(db), *command[1:]]
    else:
        args = [*command, "--db", str(db)] + ([str(SEEDS)] if command[:1] in ([], ["stats"]) else [])
    result = in_process(*args, capsys=capsys)
    assert result.returncode == 2
    one_line(result, str(db), "nested too deeply")
    assert db.read_text() == '{"annotations": ' + DEEP


# --------------------------------------------------------------------------- item 9: lone surrogates
def test_a_lone_surrogate_in_a_jsonl_article_is_replaced_reported_and_the_output_is_valid(tmp_path: Path) -> None:
    text = "Russia said on Monday \\ud800 that talks with Ukraine would resume. Lavrov said so."
    (tmp_path / "feed.jsonl").write_text('{"text": "' + text + '", "title": "Talks \\udfff"}\n'
                                         + json.dumps({"text": ARTICLE}) + "\n")
    for fmt in ("json", "jsonl"):
        result = subprocess.run([sys.executable, "-m", "tui", "extract", "--format", fmt, str(tmp_path)],
                                capture_output=True, timeout=60, env={**os.environ, "PYTHONPATH": str(ROOT)})
        assert result.returncode == 0
        out = result.stdout.decode("utf-8")  # strict: the whole output is valid UTF-8
        records = json.loads(out) if fmt == "json" else [json.loads(line) for line in out.splitlines()]
        assert len(records) == 2
        assert records[0]["text"] == text.replace("\\ud800", "\ufffd") and records[0]["title"] == "Talks \ufffd"
        err = result.stderr.decode("utf-8")
        assert "feed.jsonl:1" in err and "2 lone surrogate" in err and "U+FFFD" in err


def test_tags_near_a_replaced_surrogate_are_saved(tmp_path: Path) -> None:
    from tui.core.extract.pipeline import extract_paths

    (tmp_path / "feed.jsonl").write_text('{"text": "Russia said on Monday \\ud800 that talks would resume."}\n')
    (article,) = extract_paths([tmp_path])
    where = article.text.index("\ufffd")
    with AnnotationStore.open(tmp_path / "db.json", annotator="tester") as store:
        store.set_tag(article_id=article.id, article_path=article.path, text=article.text, start=where - 6,
                      end=where + 5, actor="Russia")
    with AnnotationStore.open(tmp_path / "db.json", annotator="tester", read_only=True) as store:
        (saved,) = store.all_tags()
    assert saved["quote"] == article.text[where - 6:where + 5]


# --------------------------------------------------------------------------- item 11: Label Studio bounds
def _label_studio_task(text: str, start: int, end: int, region_text: str | None) -> list[dict]:
    value: dict = {"start": start, "end": end, "labels": ["Russia"]}
    if region_text is not None:
        value["text"] = region_text
    return [{"id": 1, "data": {"text": "A first task."}, "annotations": []},
            {"id": 2, "data": {"text": text}, "annotations": [
                {"id": 5, "completed_by": 1, "result": [
                    {"id": "r1", "from_name": "label", "to_name": "text", "type": "labels", "value": value}]}]}]


@pytest.mark.parametrize("region_text", [None, "talks could resume and more"])
def test_a_label_studio_region_past_the_end_of_its_text_is_refused_with_its_item(
        tmp_path: Path, region_text: str | None, capsys: pytest.CaptureFixture[str]) -> None:
    text = "Russia said talks could resume."
    path = tmp_path / "tasks.json"
    path.write_text(json.dumps(_label_studio_task(text, 12, len(text) + 20, region_text)))
    result = in_process("import", str(path), "--db", str(tmp_path / "db.json"), capsys=capsys)
    assert result.returncode == 2
    one_line(result, "task 2", "annotation 1", "region r1", "runs past the end of the task text",
             f"({len(text)} characters)")
    assert not (tmp_path / "db.json").exists()


def test_a_label_studio_region_in_utf16_units_at_the_end_of_its_text_is_still_imported(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = "Intro \U0001F600 then Russia said talks could resume."
    quote = "talks could resume."
    start16 = text.index(quote) + 1  # UTF-16 units: one more for the emoji
    path = tmp_path / "tasks.json"
    path.write_text(json.dumps(_label_studio_task(text, start16, start16 + len(quote), quote)))
    result = in_process("import", str(path), "--db", str(tmp_path / "db.json"), capsys=capsys)
    assert result.returncode == 0, result.stderr
    with AnnotationStore.open(tmp_path / "db.json", read_only=True) as store:
        (tag,) = store.all_tags()
    assert text[tag["start"]:tag["end"]] == quote
