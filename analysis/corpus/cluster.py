"""Where batches run: in this process, on a local Dask cluster, or on an existing one.

Workers read the article files themselves (on a remote cluster the paths must be readable
there too), annotate them with a pipeline each worker builds once, and send back each
batch's tables as Parquet bytes; only a few batches are in flight at once, so memory stays
flat however large the corpus.
"""
from __future__ import annotations

import contextlib
import logging
import os
from collections.abc import Iterator, Sequence
from itertools import islice
from typing import Any

import dask
import dask.distributed
from distributed import WorkerPlugin

from ..errors import InputError, ParameterError
from .extract import BatchResult, Task, annotator, process_batch

IN_PROCESS = ("none", "synchronous")
LOCAL = "local"
REMOTE_PREFIXES = ("tcp://", "tls://", "inproc://", "ucx://")
# Batches in flight per worker thread: enough to keep every worker busy, few enough to keep memory flat.
IN_FLIGHT_PER_THREAD = 2
MAX_BATCH = 32
BATCHES_PER_WORKER = 4
# Dask's statistical profiler keeps every call stack it samples: over thousands of batches through the
# annotator and pandas it grew each worker by about 0.2 MiB per article (flat without it).
LOCAL_CONFIG = {"distributed.worker.profile.enabled": False}
CONNECT_SECONDS = 20

Outcome = tuple[list[Task], "BatchResult | BaseException"]


def scheduler_param(value: str | None) -> str:
    """'local' (default), 'none'/'synchronous' (this process) or a scheduler address such as tcp://host:8786."""
    text = (value or LOCAL).strip()
    if text.lower() in IN_PROCESS + (LOCAL,):
        return text.lower()
    if text.startswith(REMOTE_PREFIXES):
        return text
    raise ParameterError("--scheduler", value, "'local', 'none' (or 'synchronous'), or a scheduler address "
                                               "such as tcp://127.0.0.1:8786")


def default_workers() -> int:
    """One worker process per core this process may use."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def batch_size(articles: int, workers: int, chosen: int | None = None) -> int:
    """Articles per batch: as given, else small enough that every worker gets several batches."""
    if chosen is not None:
        return max(1, chosen)
    return max(1, min(MAX_BATCH, -(-articles // (BATCHES_PER_WORKER * max(1, workers)))))


def batches(tasks: Sequence[Task], size: int) -> list[list[Task]]:
    """Tasks in consecutive batches, keeping their order."""
    return [list(tasks[i:i + size]) for i in range(0, len(tasks), size)]


def _in_process(work: list[list[Task]], version: str) -> Iterator[Outcome]:
    for tasks in work:
        try:
            yield tasks, process_batch(tasks, version)
        except Exception as exc:  # a batch that breaks fails its articles, and the run goes on
            yield tasks, exc


class WarmAnnotator(WorkerPlugin):
    """A Dask worker plugin: each worker builds the annotator when it starts, not on its first batch."""

    name = "conflict-notebooks-annotator"

    def setup(self, worker: Any) -> None:
        try:
            annotator()
        except Exception:  # the first batch meets the error and records it against its articles
            pass


def _connect(scheduler: str) -> Any:
    """A Client of a running scheduler with at least one worker, or an error saying what to start."""
    from distributed import Client

    client = None
    try:
        client = Client(scheduler, timeout=f"{CONNECT_SECONDS}s")
        client.wait_for_workers(1, timeout=CONNECT_SECONDS)
    except (OSError, dask.distributed.TimeoutError) as exc:
        if client is not None:
            client.close()
        raise InputError(scheduler, f"cannot be used as a Dask scheduler ({exc})",
                         "Start the scheduler and at least one worker (`dask scheduler`, `dask worker ADDRESS`), "
                         "or run with --scheduler local") from None
    return client


@contextlib.contextmanager
def dask_client(scheduler: str, workers: int) -> Iterator[Any]:
    """A distributed Client: on a new local cluster of worker processes, or connected to `scheduler`."""
    from distributed import Client, LocalCluster

    if scheduler != LOCAL:
        with _connect(scheduler) as client:
            yield client
        return
    with dask.config.set(LOCAL_CONFIG), LocalCluster(
            n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=":0",
            silence_logs=logging.ERROR) as cluster, Client(cluster) as client:
        yield client


def _on_dask(work: list[list[Task]], version: str, scheduler: str, workers: int) -> Iterator[Outcome]:
    from distributed import as_completed

    with dask_client(scheduler, workers) as client:
        client.register_plugin(WarmAnnotator())
        threads = sum(client.nthreads().values()) or 1
        pending = iter(work)
        submitted: dict[str, list[Task]] = {}

        def submit(tasks: list[Task]) -> Any:
            future = client.submit(process_batch, tasks, version, pure=False)
            submitted[future.key] = tasks
            return future

        running = as_completed([submit(t) for t in islice(pending, IN_FLIGHT_PER_THREAD * threads)])
        for future in running:
            tasks = submitted.pop(future.key)
            try:
                outcome: BatchResult | BaseException = future.result()
            except Exception as exc:  # a worker that died fails its batch's articles, and the run goes on
                outcome = exc
            future.release()
            yield tasks, outcome
            following = next(pending, None)
            if following is not None:
                running.add(submit(following))


def run_batches(work: list[list[Task]], version: str, scheduler: str, workers: int) -> Iterator[Outcome]:
    """Each batch with its result (or the exception that broke it), in the order they finish."""
    if not work:
        return iter(())
    if scheduler in IN_PROCESS:
        return _in_process(work, version)
    return _on_dask(work, version, scheduler, workers)
