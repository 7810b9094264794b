#!/usr/bin/env python3
"""Where a clean build's time goes: CPU per stage, and what the search index costs.

    python bench/stages.py SITE_ROOT [--runs 3]

1. One build in this process (``-j 1``, so that every stage's CPU is counted here): the
   CPU seconds of reading, assembling, planning, the index's pieces and their merge,
   rendering by kind of file, and writing.
2. Full builds as ``gwsite build --clean`` runs them (one process per core), alternating
   the real one with one whose search index is left out (``IndexBuild`` replaced by one
   with no pieces and no files): the median wall and CPU of each.  Hugo builds no search
   index; the second figure is gwsite's work beside Hugo's like for like.

Prints figures; asserts nothing.  Output goes to a temporary folder (TMPDIR=/dev/shm
keeps a slow disk out of the figures).
"""
from __future__ import annotations

import argparse
import collections
import functools
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from gwsite import pipeline, render, renderpool, search, write  # noqa: E402

# Run as a child by part 2: the build with the index left out.
WITHOUT_INDEX = """
import sys
from pathlib import Path
from gwsite import pipeline, search

class NoIndex:
    pieces, piece = 0, None
    def __init__(self, previous, site): pass
    def finish(self, pieces):
        list(pieces)
        return search.IndexState("", [], [], []), iter(())

pipeline.IndexBuild = NoIndex
result = pipeline.build(Path(sys.argv[1]), Path(sys.argv[2]), clean=True)
sys.exit(0 if result.report.ok else 1)
"""


def stage_cpu(root: Path, out: Path) -> None:
    spent: collections.Counter = collections.Counter()
    calls: collections.Counter = collections.Counter()

    def timed(owner, name: str, label: str) -> None:
        real = getattr(owner, name)

        @functools.wraps(real)
        def wrapper(*args, **kwargs):
            started = time.process_time()
            try:
                return real(*args, **kwargs)
            finally:
                spent[label] += time.process_time() - started
                calls[label] += 1
        setattr(owner, name, wrapper)

    timed(pipeline, "read_notices", "reading notices")
    timed(pipeline, "read_catalogues", "reading catalogues")
    timed(pipeline, "assemble", "assembling")
    timed(pipeline, "plan_site", "planning")
    timed(pipeline, "_audited", "auditing")
    timed(search.IndexBuild, "piece", "index: pieces")
    timed(write.Staging, "write", "writing files")
    merge = "index: merge and shards"
    finish = search.IndexBuild.finish

    def finish_timed(self, pieces):  # the merge, and the shards its parts make when taken
        started = time.process_time()
        state, parts = finish(self, pieces)
        spent[merge] += time.process_time() - started
        calls[merge] += 1
        return state, _timed_parts(parts)

    def _timed_parts(parts):
        while True:
            started = time.process_time()
            part = next(parts, None)
            if part is not None:
                data = part.make()
                part = search.IndexPart(part.path, part.key, lambda data=data: data)
            spent[merge] += time.process_time() - started
            if part is None:
                return
            yield part
    search.IndexBuild.finish = finish_timed

    def render(jobs, env, theme, root, staging):  # renderpool._render, each job timed by kind
        made, problems = {}, {}
        for job in jobs:
            label = "render: " + (job.kind or job.path.rpartition(".")[2])
            started = time.process_time()
            try:
                data = job.make(env)
            except render.TEMPLATE_ERRORS as exc:
                sys.exit(str(render.template_problem(exc, theme, root)))
            spent[label] += time.process_time() - started
            calls[label] += 1
            made[job.path] = staging.write(job.path, data)
        return made, problems
    renderpool._render = render

    started, wall = time.process_time(), time.perf_counter()
    result = pipeline.build(root, out, clean=True, workers=1)
    total = time.process_time() - started
    if not result.report.ok:
        sys.exit("the site does not build: gwsite check names the problems")
    # Timed inside others, with one process: the pieces inside the merge (it takes them
    # as it goes), the catalogues inside the reading of notices (read meanwhile).
    spent[merge] -= spent["index: pieces"]
    spent["reading notices"] -= spent["reading catalogues"]
    print(f"One process (-j 1): {total:.2f} s of CPU, {time.perf_counter() - wall:.2f} s wall, {result.files:,} files")
    for label, seconds in spent.most_common():
        print(f"  {seconds:7.2f} s  {calls[label]:>7,} ×  {label}")
    print(f"  {total - sum(spent.values()):7.2f} s            the rest (start, cache, copies, commit)")


def full_builds(root: Path, work: Path, runs: int) -> None:
    env = dict(os.environ, PYTHONPATH=str(REPO) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    out = work / "full"
    commands = {
        "gwsite build --clean": [sys.executable, "-m", "gwsite", "build", str(root), "-o", str(out), "--clean", "-q"],
        "the same, search index left out": [sys.executable, "-c", WITHOUT_INDEX, str(root), str(out)],
    }
    figures: dict[str, list[tuple[float, float]]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, argv in commands.items():
            shutil.rmtree(out, ignore_errors=True)  # each build into a new folder, as compare.py's
            started = time.perf_counter()
            proc = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL)
            _, status, usage = os.wait4(proc.pid, 0)
            if os.waitstatus_to_exitcode(status) != 0:
                sys.exit(f"{name} failed")
            figures[name].append((time.perf_counter() - started, usage.ru_utime + usage.ru_stime))
    print(f"\nFull builds, {runs} runs alternating, one process per core (median):")
    for name, values in figures.items():
        walls = [w for w, _ in values]
        print(f"  {statistics.median(walls):6.2f} s wall  {statistics.median(c for _, c in values):6.2f} s CPU  "
              f"{name}  (runs {' '.join(f'{w:.2f}' for w in walls)})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("root", type=Path, help="a site root, e.g. a corpus written by bench/corpus.py")
    parser.add_argument("--runs", type=int, default=3, help="full builds of each kind (default 3)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="gwsite-stages-") as tmp:
        stage_cpu(args.root.resolve(), Path(tmp) / "out")
        full_builds(args.root.resolve(), Path(tmp), args.runs)


if __name__ == "__main__":
    main()
