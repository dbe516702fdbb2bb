"""``newsdesk extract --dask ADDRESS``: the same extraction on a Dask cluster (needs ``newsdesk[dask]``).

The client (this process) lists the inputs and cuts them into chunks; the workers read the files, so the paths
must be visible to every worker at the same absolute location. The first pass is a reduction computed on its own;
its context is scattered to every worker once; the second pass runs with a bounded number of partitions under way
and their records come back in input order (standard output), or each worker writes its partition's shard (--out).
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

from .extract import indent_for, report, write_stdout


def run_dask(address: str, paths: list[str], published: date | None, fmt: str, out: Path | None) -> int:
    from . import CliError

    try:
        import dask
        from distributed import Client
    except ImportError:
        raise CliError("--dask needs Dask: pip install 'newsdesk[dask]'") from None
    from tui.core.extract.chunks import plan_chunks
    from tui.core.extract.distributed import chunk_bag, learn_bag, render_partition, shard_partition

    _probe(address)
    try:
        client = Client(address, timeout="30s")
    except (OSError, TimeoutError, ValueError) as exc:
        raise CliError(f"--dask: cannot reach the scheduler at {address} ({exc})") from None
    with client:
        workers = max(1, sum(client.nthreads().values()))
        chunks = plan_chunks(paths, jobs=workers)
        raws = chunk_bag(chunks)
        learned = learn_bag(raws).compute()
        for message in learned.messages:
            report(message)
        context = client.scatter(learned.learner.context(published=published), broadcast=True, hash=False)
        parts = raws.to_delayed()
        if out is None:
            calls = [dask.delayed(render_partition)(part, context, indent_for(fmt)) for part in parts]
            write_stdout(_in_order(client, calls, 2 * workers), fmt)
        else:
            from tui.core.extract.shards import shard_name, write_manifest

            names = [shard_name(i, len(parts)) for i in range(len(parts))]
            calls = [dask.delayed(shard_partition)(part, context, str(out.resolve()), name)
                     for part, name in zip(parts, names)]
            counts = list(_in_order(client, calls, 4 * workers))
            write_manifest(out, list(zip(names, counts)))
            report(f"newsdesk: wrote {sum(counts)} articles in {len(names)} shards to {out}")
    sys.stdout.flush()
    return 2 if learned.skipped else 0


def _probe(address: str) -> None:
    """A refused or unroutable TCP address fails at once, not after the client's half a minute of retries."""
    import socket
    from urllib.parse import urlsplit

    from . import CliError

    if not address.startswith("tcp://"):
        return  # tls://, ucx:// and the like: the client says what is wrong
    parts = urlsplit(address)
    try:
        with socket.create_connection((parts.hostname or "", parts.port or 8786), timeout=10):
            pass
    except (OSError, ValueError) as exc:
        raise CliError(f"--dask: cannot reach the scheduler at {address} ({exc})") from None


def _in_order(client, calls: list, window: int):
    """Each delayed call computed on the cluster, results in call order, at most ``window`` under way."""
    pending: list = []
    try:
        for call in calls:
            pending.append(client.compute(call))
            if len(pending) >= window:
                yield pending.pop(0).result()
        while pending:
            yield pending.pop(0).result()
    finally:  # the reader stopped (a closed pipe, an error): the cluster drops what is left
        if pending:
            client.cancel(pending)
