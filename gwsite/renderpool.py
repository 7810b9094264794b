"""Render jobs into the staging folder, across the machine's cores.

Workers are forked after the site is assembled and the templates compiled, so they share
the model instead of receiving it; each renders a slice of the jobs, writes the files
itself and sends back only their sizes and times (and any template problems), so a
100,000-page site never travels through a pipe or sits whole in memory.  Other work (the
search index) is shared: the workers do its heavy pieces first (inverting blocks of
notices into files), and a thread of this process merges them while they render, so
that its result, the index state the next build patches, stays here instead of being
pickled back through a pipe (at 100,000 notices that copy made a worker peak at 4 GB).
"""
from __future__ import annotations

import gc
import queue
import threading
from pathlib import Path
from dataclasses import dataclass
from typing import Callable, Generic, Iterable, Iterator, TypeVar

from . import forking
from .diagnostics import Problem
from .progress import Progress
from .render import TEMPLATE_ERRORS, Job, Theme, template_problem
from .write import Stamp, Staging

SERIAL_BELOW = 200  # jobs: fewer are quicker rendered here than handed to workers
CHUNK = 64  # jobs a worker takes at a time: small enough to keep both cores busy to the end

T = TypeVar("T")
Made = dict[str, Stamp]  # path -> the file written

# The work of the current call, set before the fork and inherited by the workers.
_work: tuple | None = None


@dataclass(frozen=True)
class Beside(Generic[T]):
    """Work done beside the rendering (the search index): ``pieces`` parts that the
    workers do first, ``piece(i)`` each (with what the fork shared; what it returns must
    pickle), and ``finish``, which takes their results in order, in a thread of this
    process while the workers render, and returns the side work's result."""

    pieces: int
    piece: Callable[[int], object]
    finish: Callable[[Iterator[object]], T]
    name: str = "indexing"  # the progress stage of its pieces …
    unit: str = "blocks"  # … and what they are


def render_jobs(jobs: list[Job], theme: Theme, root: Path, staging: Staging, progress: Progress,
                workers: int, beside: Beside[T] | None = None
                ) -> tuple[Made, list[Problem], T | None]:
    """Render and write ``jobs``; returns what was written, every distinct problem, and
    the result of ``beside``, so that every core stays busy.  ``progress`` shows the
    pieces of ``beside``, then the pages."""
    global _work
    env = theme.environment()
    for job in jobs:
        staging.target(job.path)  # make the folders here, once, not racing in the workers
    if workers <= 1 or len(jobs) < SERIAL_BELOW or not forking.can_fork():
        made, problems = {}, {}
        progress.stage("rendering", len(jobs))
        for start in range(0, len(jobs), CHUNK):
            _merge(made, problems, _render(jobs[start:start + CHUNK], env, theme, root, staging))
            progress.advance(min(CHUNK, len(jobs) - start))
        side = None
        if beside:
            progress.stage(beside.name, beside.pieces, beside.unit)
            side = beside.finish(_counted(map(beside.piece, range(beside.pieces)), progress))
        return made, list(problems.values()), side
    for name in env.list_templates():  # compiled once, before the fork
        if name.endswith((".html", ".xml")):
            try:
                env.get_template(name)
            except TEMPLATE_ERRORS:  # named with its file and line by the page that uses it (none: no error)
                pass
    _work = (jobs, env, theme, root, staging, beside.piece if beside else None)
    gc.freeze()  # the collector would otherwise touch, and so copy, every shared object
    made, problems = {}, {}
    try:
        with forking.pool(workers) as pool:
            other = None
            if beside:
                pieces = pool.imap(_side_piece, range(beside.pieces))  # queued before the pages: done first
                handed: queue.SimpleQueue = queue.SimpleQueue()
                # Started after the fork: the workers get no copy of what it builds, and
                # no lock that it might hold.
                other = _InThread(lambda: beside.finish(iter(handed.get, _END)))
            pages = pool.imap_unordered(_render_chunk, range(0, len(jobs), CHUNK))
            if beside:  # the pieces pass through here on their way, to be counted
                progress.stage(beside.name, beside.pieces, beside.unit)
                for piece in _counted(pieces, progress):
                    handed.put(piece)
                handed.put(_END)
            progress.stage("rendering", len(jobs))
            for result, count in pages:
                _merge(made, problems, result)
                progress.advance(count)
            if other and other.is_alive():
                progress.stage(beside.name)  # the pieces' merge outlasts the pages
            side = other.result() if other else None
    finally:
        _work = None
        gc.unfreeze()
    return made, list(problems.values()), side


_END = object()  # after the last piece


def _counted(items: Iterable[object], progress: Progress) -> Iterator[object]:
    for item in items:
        yield item
        progress.advance()


class _InThread(threading.Thread):
    """``work()`` run in a thread of this process; ``result()`` waits for it and returns
    what it returned (or raises what it raised)."""

    def __init__(self, work: Callable[[], T]) -> None:
        super().__init__(name="gwsite-beside", daemon=True)
        self._work, self._value, self._error = work, None, None
        self.start()

    def run(self) -> None:
        try:
            self._value = self._work()
        except BaseException as exc:  # handed to the caller by result()
            self._error = exc

    def result(self) -> T:
        self.join()
        if self._error is not None:
            raise self._error
        return self._value


def _side_piece(number: int):
    return _work[5](number)


def _render_chunk(start: int):
    jobs, env, theme, root, staging, _ = _work
    chunk = jobs[start:start + CHUNK]
    return _render(chunk, env, theme, root, staging), len(chunk)


def _render(jobs: list[Job], env, theme: Theme, root: Path, staging: Staging) -> tuple[Made, dict[str, Problem]]:
    made: Made = {}
    problems: dict[str, Problem] = {}
    for job in jobs:
        try:
            data = job.make(env)
        except TEMPLATE_ERRORS as exc:
            problem = template_problem(exc, theme, root)
            problems.setdefault(str(problem), problem)
            continue
        made[job.path] = staging.write(job.path, data)  # its folder was made before the fork
    return made, problems


def _merge(made: Made, problems: dict[str, Problem], result) -> None:
    more_made, more_problems = result
    made.update(more_made)
    for text, problem in more_problems.items():
        problems.setdefault(text, problem)
