"""Extraction on a Dask cluster (a LocalCluster on loopback, two worker processes) equals one process's output."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from test_one_pipeline import mixed_corpus

distributed = pytest.importorskip("distributed", reason="the Dask extra is not installed (pip install '.[dask]')")
psutil = pytest.importorskip("psutil")

from tui.core.extract.reader import RawArticle, Skipped, read_articles


@pytest.fixture(scope="module")
def cluster() -> Iterator[distributed.LocalCluster]:
    """Two worker processes (processes=True: the workers are separate interpreters, as on a real cluster)."""
    before = {p.pid for p in psutil.Process().children(recursive=True)}
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                                  dashboard_address=None) as local:
        yield local
    left = [p for p in psutil.Process().children(recursive=True) if p.pid not in before and p.is_running()
            and p.status() != psutil.STATUS_ZOMBIE and not _helper(p)]
    assert not left, f"processes left running: {[p.cmdline() for p in left]}"


def _helper(process: psutil.Process) -> bool:
    """multiprocessing's resource tracker: one per interpreter, it lives as long as the test run, not the cluster."""
    return any("resource_tracker" in part for part in process.cmdline())


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = mixed_corpus(tmp_path_factory.mktemp("dask") / "corpus")
    (folder / "broken.jsonl").write_text('{"text": "Kenya and Brazil met on Monday."}\nnot json\n', encoding="utf-8")
    return folder


def newsdesk(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "tui", *args], check=False, capture_output=True, text=True,
                          cwd=cwd, timeout=300)


def test_extract_on_dask_prints_the_bytes_of_one_process(cluster, corpus: Path) -> None:
    one = newsdesk("extract", "corpus", cwd=corpus.parent)
    on_dask = newsdesk("extract", "corpus", "--dask", cluster.scheduler_address, cwd=corpus.parent)
    assert one.returncode == on_dask.returncode == 2  # the bad JSON line is skipped
    assert one.stdout and on_dask.stdout == one.stdout
    assert on_dask.stderr == one.stderr


def test_shards_written_by_the_workers_hold_the_same_records_in_order(cluster, corpus: Path,
                                                                      tmp_path: Path) -> None:
    one = newsdesk("extract", "corpus", "--format", "jsonl", cwd=corpus.parent)
    out = tmp_path / "shards"
    run = newsdesk("extract", "corpus", "--dask", cluster.scheduler_address, "--out", str(out), cwd=corpus.parent)
    assert run.returncode == 2, run.stderr
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    names = [s["name"] for s in manifest["shards"]]
    assert len(names) > 1 and names == sorted(names)  # the names sort in input order
    assert "".join((out / name).read_text(encoding="utf-8") for name in names) == one.stdout
    assert not [p for p in out.iterdir() if p.name.startswith(".")]  # no temporary file left behind


def test_the_python_entry_point_takes_a_bag_of_raw_articles(cluster, corpus: Path) -> None:
    import dask.bag as db

    from tui.core.extract.distributed import extract_on_dask
    from tui.core.extract.pipeline import extract_paths

    items = list(read_articles([corpus]))
    with distributed.Client(cluster):
        summary, records = extract_on_dask(db.from_sequence(items, npartitions=4))
        got = records.compute()
    expected = [json.loads(json.dumps(a.to_dict())) for a in extract_paths([corpus])]
    assert [json.loads(json.dumps(r)) for r in got] == expected
    assert summary.articles == sum(isinstance(i, RawArticle) for i in items)
    assert summary.messages == [str(i) for i in items if isinstance(i, Skipped)]


def test_an_unreachable_scheduler_is_one_line(corpus: Path) -> None:
    run = newsdesk("extract", "corpus", "--dask", "tcp://127.0.0.1:9", cwd=corpus.parent)
    assert run.returncode == 2 and run.stdout == ""
    assert run.stderr.startswith("newsdesk: --dask: cannot reach the scheduler") and run.stderr.count("\n") == 1
