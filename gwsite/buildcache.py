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

CACHE_DIR = ".gwsite-cache"
FORMAT = 1
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

    def save(self) -> None:
        """Keep what this build wrote (replacing what the last one did), atomically."""
        self.folder.mkdir(parents=True, exist_ok=True)
        state = {"format": FORMAT, "out": str(self.out), "outputs": self.outputs, "stages": self.stages}
        tmp = self.file.with_name(self.file.name + ".tmp")
        with open(tmp, "wb") as f:
            pickle.dump(state, f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, self.file)
        self._forget_old_outputs()

    def _forget_old_outputs(self) -> None:
        """Keep the caches of the few output folders built last (each about the size of
        the search index): building into many temporary folders must not fill the disk."""
        caches = sorted(self.folder.glob("*.pickle"), key=lambda p: p.stat().st_mtime_ns, reverse=True)
        for old in caches[KEEP_OUTPUTS:]:
            old.unlink(missing_ok=True)
