"""The extraction pipeline on Dask: a ``dask.bag`` of raw articles in, a bag of article records out.

Two passes, as in one process: :func:`learn_bag` gathers the corpus context as a reduction over the partitions
(each partition's :class:`~tui.core.extract.corpus.CorpusLearner`, merged in partition order, which is input
order), then :func:`extract_bag` extracts every article with it. The context is computed first and on its own, so
the bag's partitions are read again for the second pass instead of being held by the cluster in between.

    import dask.bag as db
    from tui.core.extract.distributed import extract_on_dask

    raws = db.from_sequence(raw_articles, npartitions=64)  # RawArticle objects (Skipped ones are reported)
    summary, records = extract_on_dask(raws)                # records: a lazy bag of Article.to_dict() dicts

Dask is optional (``pip install 'newsdesk[dask]'``): it is imported only inside these functions.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tui.core.extract.chunks import Chunk, read_chunk
from tui.core.extract.corpus import CorpusContext
from tui.core.extract.parallel import Learned, learn_items, merge_learned, record_json
from tui.core.extract.pipeline import extract_prepared, prepare, readable
from tui.core.extract.reader import RawArticle, Skipped

if TYPE_CHECKING:  # pragma: no cover - only for the type checker
    from dask.bag import Bag
    from dask.bag.core import Item


def learn_partition(items: Iterable[RawArticle | Skipped]) -> Learned:
    learned, _ = learn_items(items)
    return learned


def learn_bag(raws: Bag) -> Item:
    """The first pass as a reduction: one :class:`Learned` for the whole bag (lazy), partitions merged in order."""
    return raws.reduction(learn_partition, merge_learned, split_every=16, name="newsdesk-learn")


def extract_partition(items: Iterable[RawArticle | Skipped], context: CorpusContext) -> list[dict[str, Any]]:
    return [extract_prepared(prepare(raw), context).to_dict() for raw in readable(items, None, None)]


def extract_bag(raws: Bag, context: CorpusContext) -> Bag:
    """The second pass: each readable article of ``raws`` extracted with ``context``, as a record, in order."""
    return raws.map_partitions(extract_partition, context)


def extract_on_dask(raws: Bag, *, published: date | None = None,
                    today: date | None = None) -> tuple[Learned, Bag]:
    """Run the first pass now (on the current Dask scheduler) and return its summary (skip lines and warnings in
    ``messages``, in input order) with the lazy bag of records the second pass gives."""
    learned = learn_bag(raws).compute()
    return learned, extract_bag(raws, learned.learner.context(published=published, today=today))


# The command line's partitions are chunks of files (``tui.core.extract.chunks``), read on the workers.

def read_partition(chunks: Iterable[Chunk]) -> list[RawArticle | Skipped]:
    return [item for chunk in chunks for item in read_chunk(chunk)]


def chunk_bag(chunks: list[Chunk]) -> Bag:
    """A bag with one partition per chunk, in order, whose items are the chunk's raw articles and skips."""
    import dask.bag as db

    return db.from_sequence(chunks, npartitions=max(1, len(chunks))).map_partitions(read_partition)


def render_partition(items: Iterable[RawArticle | Skipped], context: CorpusContext,
                     indent: int | None) -> list[str]:
    """One partition's records as ``newsdesk extract`` prints them."""
    return [record_json(extract_prepared(prepare(raw), context), indent) for raw in readable(items, None, None)]


def shard_partition(items: Iterable[RawArticle | Skipped], context: CorpusContext, folder: str, name: str) -> int:
    """Extract one partition and write it, on the worker, as the shard ``folder/name`` (atomically)."""
    from tui.core.extract.shards import atomic_write

    return atomic_write(Path(folder) / name, render_partition(items, context, None))
