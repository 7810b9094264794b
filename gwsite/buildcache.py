"""What the last build wrote, so that the next build reuses every file whose inputs are
unchanged (incremental builds).

Each output file is recorded with the key of its inputs (``render.Job.key``) and the size
and mtime it had when written.  A file is reused only when its key is the same and the
file in the output folder is still the one we wrote; anything else is made again, so a
deleted or hand-edited output file, or a lost cache, costs time and never correctness.
The cache lives in the site root (``.gwsite-cache/``, one file per output folder).
"""
from __future__ import annotations

import hashlib
import os
import pickle
from pathlib import Path
from typing import Iterable

CACHE_DIR = ".gwsite-cache"
FORMAT = 2  # 2: notices scanned with PDF and .xls attachments read (a cache of another format is not used)
KEEP_OUTPUTS = 3  # output folders whose cache is kept


class BuildCache:
    def __init__(self, root: Path, out: Path, state: dict | None = None) -> None:
        self.out = Path(out).resolve()
        self.folder = Path(root) / CACHE_DIR
        name = hashlib.blake2b(str(self.out).encode("utf-8"), digest_size=8).hexdigest()
        self.file = self.folder / f"{name}.pickle"
        state = state or {}
        self.outputs: dict[str, tuple[str, int, int]] = state.get("outputs", {})  # path -> (key, size, mtime_ns)
        self.stages: dict[str, object] = state.get("stages", {})  # what a stage keeps for the next build
        self.written: dict[str, tuple[str, int, int]] = {}
        self.reused = 0  # files this build took over unchanged
        self.stages_file = self.folder / f"{name}.stages.pickle"
        self._early: tuple[int, frozenset[str]] | None = None  # (child, the stages it writes)

    @classmethod
    def load(cls, root: Path, out: Path) -> "BuildCache":
        cache = cls(root, out)
        try:
            with open(cache.file, "rb") as f:
                state = pickle.load(f)
        except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, ValueError):
            return cache
        if state.get("format") != FORMAT or state.get("out") != str(cache.out):
            return cache
        try:  # the stages written early (see write_stages_early), if that went well
            with open(cache.stages_file, "rb") as f:
                early = pickle.load(f)
            if early.get("format") == FORMAT and early.get("out") == str(cache.out):
                state["stages"] = {**early["stages"], **state["stages"]}
        except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, ValueError):
            pass
        return cls(root, out, state)

    @property
    def trash(self) -> Path:
        """Where replaced output folders wait for their background deletion."""
        return self.folder / "trash"

    def reusable(self, path: str, key: str) -> str | None:
        """The current output file for ``path`` if it was made from ``key`` and is untouched
        (its size and time are still the ones recorded: ``self.outputs[path][1:]``)."""
        entry = self.outputs.get(path)
        if entry is None or entry[0] != key:
            return None
        file = f"{self.out}/{path}"
        try:
            st = os.stat(file)
        except OSError:
            return None
        return file if (st.st_size, st.st_mtime_ns) == entry[1:] else None

    def record(self, path: str, key: str, size: int, mtime_ns: int) -> None:
        self.written[path] = (key, size, mtime_ns)

    def start(self) -> None:
        """Begin a build: nothing written or reused yet (a failed build leaves its
        records behind; the output folder still holds ``outputs``)."""
        self.written, self.reused = {}, 0

    def committed(self) -> None:
        """The build's output replaced the last one: what it wrote is what the output holds."""
        self.outputs = self.written

    def write_stages_early(self, names: Iterable[str]) -> None:
        """Start saving the stages ``names``, final once the inputs are read, in a forked
        child, while this process goes on to render and index.

        Pickling a str stores a UTF-8 copy of it inside the str, and a pickler holds every
        object it wrote until it ends: saved at the end of a 100,000-notice build, the
        notices added 0.5 GB to the build's peak (measured).  The child is forked while the
        process is still small, pays that, and exits; ``save`` keeps its file (or, if it
        failed, saves those stages itself)."""
        if self._early is not None or not hasattr(os, "fork"):
            return
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
        except OSError:  # a read-only site root: nothing is saved (see pipeline.build)
            return
        names = frozenset(names) & self.stages.keys()
        state = {"format": FORMAT, "out": str(self.out), "stages": {name: self.stages[name] for name in names}}
        pid = os.fork()
        if pid == 0:  # the child: write, and leave without running the parent's exit handlers
            code = 1
            try:
                _write_pickle(self._early_tmp, state)
                code = 0
            finally:
                os._exit(code)
        self._early = (pid, names)

    @property
    def _early_tmp(self) -> Path:
        return self.stages_file.with_name(self.stages_file.name + ".tmp")

    def _end_early(self, keep: bool) -> frozenset[str]:
        """Wait for the child of ``write_stages_early``; the stages it saved (none if it
        failed), its file moved into place when ``keep``, else removed."""
        if self._early is None:
            return frozenset()
        (pid, names), self._early = self._early, None
        _, status = os.waitpid(pid, 0)
        if keep and os.waitstatus_to_exitcode(status) == 0:
            os.replace(self._early_tmp, self.stages_file)
            return names
        self._early_tmp.unlink(missing_ok=True)
        return frozenset()

    def discard(self) -> None:
        """The build failed: nothing of it is saved."""
        self._end_early(keep=False)

    def save(self) -> None:
        """Keep what this build wrote (replacing what the last one did), atomically."""
        self.folder.mkdir(parents=True, exist_ok=True)
        early = self._end_early(keep=True)
        if not early:
            self.stages_file.unlink(missing_ok=True)
        stages = {name: value for name, value in self.stages.items() if name not in early}
        _write_pickle(self.file, {"format": FORMAT, "out": str(self.out), "outputs": self.outputs, "stages": stages})
        self._forget_old_outputs()

    def _forget_old_outputs(self) -> None:
        """Keep the caches of the few output folders built last (each about the size of
        the search index): building into many temporary folders must not fill the disk."""
        caches = sorted(self.folder.glob("*[0-9a-f].pickle"), key=lambda p: p.stat().st_mtime_ns, reverse=True)
        for old in caches[KEEP_OUTPUTS:]:
            old.unlink(missing_ok=True)
            old.with_name(old.stem + ".stages.pickle").unlink(missing_ok=True)


def _write_pickle(file: Path, state: dict) -> None:
    """Replace ``file`` whole with ``state``: a reader finds the old one or the new one."""
    tmp = file.with_name(file.name + ".tmp")
    with open(tmp, "wb") as f:
        pickle.dump(state, f, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(tmp, file)
