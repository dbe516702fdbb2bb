"""The extraction pipeline over several processes of one machine, with the output of one process.

Both passes run in a pool of worker processes, one chunk (:mod:`tui.core.extract.chunks`) per task:

1. each worker reads and prepares its chunk, learns from it with a :class:`CorpusLearner` of its own, and keeps the
   prepared articles in a spill file in a temporary folder (pickling costs a tenth of preparing again); the parent
   merges the learners *in input order*, which gives the very context one learner would have learned;
2. a second pool, started with that context, extracts each chunk from its spill file (or, if the spill could not be
   written, from the files again, checking they did not change) and returns its records as JSON text.

The parent holds one learner and a bounded window of chunk results at a time, never the corpus; records come out in
input order as soon as the chunks before them are done.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import pickle
import shutil
import tempfile
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from tui.core.extract.chunks import Chunk, fingerprint, plan_chunks, read_chunk
from tui.core.extract.corpus import CorpusContext, CorpusLearner
from tui.core.extract.pipeline import Prepared, extract_prepared, prepare, readable
from tui.core.extract.reader import RawArticle, Skipped
from tui.core.jsonio import json_safe
from tui.core.model import Article

Render = Callable[[Article], str]


class ChunkChanged(Exception):
    """A chunk's files changed between the first and the second pass."""


@dataclass(slots=True)
class Learned:
    """What the first pass over one chunk gives back to the parent: small, whatever the chunk's size."""

    learner: CorpusLearner
    messages: list[str] = field(default_factory=list)  # skip lines and warnings, in input order
    skipped: int = 0
    articles: int = 0
    fingerprint: str = ""
    spill: str | None = None  # the spill file, or None when the second pass must read the files again


def record_json(article: Article, indent: int | None = None) -> str:
    """One record of ``newsdesk extract``'s output, as text (the same whichever process makes it).

    A lone surrogate (from a file name that is not UTF-8) is written as its escape, so the output is always valid
    UTF-8, and Unicode line breaks are escaped, so each JSON Lines record stays on one line."""
    return json_safe(json.dumps(article.to_dict(), ensure_ascii=False, indent=indent))


def learn_items(items: Iterable[RawArticle | Skipped]) -> tuple[Learned, list[Prepared]]:
    """The first pass over some consecutive inputs: what they teach, their messages, their prepared articles."""
    result = Learned(CorpusLearner())

    def on_skip(item: object) -> None:
        result.skipped += 1
        result.messages.append(str(item))

    prepared = [prepare(raw) for raw in readable(items, on_skip, result.messages.append)]
    for item in prepared:
        result.learner.learn(item.mentions, item.known_date)
    result.articles = len(prepared)
    return result, prepared


def merge_learned(parts: Iterable[Learned]) -> Learned:
    """``parts`` (consecutive inputs, in order) as one: learners merged in order, messages one after another."""
    total = Learned(CorpusLearner())
    for part in parts:
        total.learner.merge(part.learner)
        total.messages.extend(part.messages)
        total.skipped += part.skipped
        total.articles += part.articles
    return total


def learn_chunk(chunk: Chunk, spill: str | None = None) -> Learned:
    """The first pass over ``chunk``; its prepared articles go to the file ``spill`` when one is given."""
    result, prepared = learn_items(read_chunk(chunk))
    result.fingerprint = fingerprint(item.raw for item in prepared)
    if spill is not None and prepared:
        result.spill = _write_spill(Path(spill), prepared)
    return result


def _write_spill(path: Path, prepared: list[Prepared]) -> str | None:
    try:
        with path.open("wb") as handle:
            pickle.dump(prepared, handle, protocol=pickle.HIGHEST_PROTOCOL)
    except OSError:  # a full or read-only temporary folder: the second pass reads the files again
        path.unlink(missing_ok=True)
        return None
    return str(path)


def prepared_again(chunk: Chunk, learned: Learned) -> list[Prepared]:
    """The chunk's prepared articles for the second pass: from the spill file, else from its files again."""
    if learned.spill is not None:
        path = Path(learned.spill)
        with path.open("rb") as handle:
            prepared: list[Prepared] = pickle.load(handle)
        path.unlink(missing_ok=True)
        return prepared
    prepared = [prepare(raw) for raw in readable(read_chunk(chunk), None, None)]
    if fingerprint(item.raw for item in prepared) != learned.fingerprint:
        raise ChunkChanged(f"{chunk[0].path}: files changed while they were being extracted; run again")
    return prepared


_context: CorpusContext | None = None  # the second pass's context, set once in each worker


def _set_context(context: CorpusContext) -> None:
    global _context
    _context = context


def extract_chunk(chunk: Chunk, learned: Learned, render: Render) -> list[str]:
    """The second pass over ``chunk`` in a worker started with :func:`_set_context`."""
    assert _context is not None, "the worker was started without a corpus context"
    return [render(extract_prepared(item, _context)) for item in prepared_again(chunk, learned)]


def _extract_or_nothing(chunk: Chunk, learned: Learned, render: Render) -> list[str]:
    return extract_chunk(chunk, learned, render) if learned.articles else []


def _pool(jobs: int, context: CorpusContext | None = None) -> ProcessPoolExecutor:
    # forkserver: workers start from a clean process with the pipeline imported, never a fork of a threaded parent
    method = "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"
    mp_context = multiprocessing.get_context(method)
    if method == "forkserver":
        mp_context.set_forkserver_preload(["tui.core.extract.pipeline"])
    if context is None:
        return ProcessPoolExecutor(jobs, mp_context=mp_context)
    return ProcessPoolExecutor(jobs, mp_context=mp_context, initializer=_set_context, initargs=(context,))


def in_order(executor: Executor, calls: Iterable[tuple], window: int) -> Iterator:
    """Results of ``executor.submit(*call)`` for each call, in call order, with at most ``window`` under way."""
    pending: list[Future] = []
    try:
        for call in calls:
            pending.append(executor.submit(*call))
            if len(pending) >= window:
                yield pending.pop(0).result()
        while pending:
            yield pending.pop(0).result()
    finally:  # the reader stopped (a closed pipe, an error): work not yet started is dropped
        for future in pending:
            future.cancel()


@dataclass(slots=True)
class FirstPass:
    context: CorpusContext
    learned: list[Learned]  # one per chunk (learners dropped once merged)
    skipped: int


def first_pass(chunks: list[Chunk], jobs: int, spill_dir: str | None, *, published: date | None,
               today: date | None, on_message: Callable[[str], None] | None = None) -> FirstPass:
    merged = CorpusLearner()
    learned: list[Learned] = []
    skipped = 0
    with _pool(jobs) as pool:
        spills = [None if spill_dir is None else os.path.join(spill_dir, f"chunk-{i:06d}.pickle")
                  for i in range(len(chunks))]
        for result in in_order(pool, ((learn_chunk, c, s) for c, s in zip(chunks, spills)), 4 * jobs):
            merged.merge(result.learner)  # in input order: the context one learner would have learned
            result.learner = CorpusLearner()
            for message in result.messages:
                if on_message:
                    on_message(message)
            result.messages = []
            skipped += result.skipped
            learned.append(result)
    return FirstPass(merged.context(published=published, today=today), learned, skipped)


class ProcessRun:
    """Every readable article of ``chunks``, extracted with the whole corpus' context in ``jobs`` processes and
    rendered by ``render`` (a picklable function); iterating gives one list per chunk, in input order. Skip lines
    and warnings reach ``on_message`` during the first pass, in input order, as with one process; ``skipped``
    counts the skipped inputs once the first pass is over."""

    def __init__(self, chunks: list[Chunk], render: Render, *, jobs: int, published: date | None = None,
                 today: date | None = None, on_message: Callable[[str], None] | None = None) -> None:
        self.chunks, self.render, self.jobs = chunks, render, jobs
        self.published, self.today, self.on_message = published, today, on_message
        self.skipped = 0

    def __iter__(self) -> Iterator[list[str]]:
        spill_dir = tempfile.mkdtemp(prefix="newsdesk-extract-")
        try:
            done = first_pass(self.chunks, self.jobs, spill_dir, published=self.published, today=self.today,
                              on_message=self.on_message)
            self.skipped = done.skipped
            with _pool(self.jobs, done.context) as pool:
                calls = ((_extract_or_nothing, chunk, learned, self.render)
                         for chunk, learned in zip(self.chunks, done.learned))
                yield from in_order(pool, calls, 2 * self.jobs)
        finally:
            shutil.rmtree(spill_dir, ignore_errors=True)


def extract_in_processes(paths: Iterable[str | os.PathLike[str]], *, jobs: int, published: date | None = None,
                         today: date | None = None, chunk_bytes: int | None = None,
                         on_message: Callable[[str], None] | None = None) -> Iterator[dict]:
    """The records ``extract_paths`` gives (as ``Article.to_dict()``), made in ``jobs`` processes, in order."""
    chunks = plan_chunks(paths, jobs=jobs, chunk_bytes=chunk_bytes)
    for texts in ProcessRun(chunks, record_json, jobs=jobs, published=published, today=today,
                            on_message=on_message):
        yield from (json.loads(text) for text in texts)
