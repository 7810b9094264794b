"""The one output funnel: every file is registered here, then committed at once.

Registering refuses two files claiming one path (reported together as a list); the
manifest falls out of the registry; ``commit`` writes everything beside the target and
swaps it in, so the output directory is either the old site or the new one, never half.
"""
from __future__ import annotations

import json
import os
import shutil
import uuid
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class OutputFile:
    path: str  # relative to the output root, with "/"
    data: bytes | None = None  # the bytes, or None for a copy of ``source``
    source: Path | None = None
    kind: str = ""  # manifest kind for HTML pages (home, domain, org, notice …)
    id: str = ""


class OutputSet:
    def __init__(self) -> None:
        self.files: dict[str, OutputFile] = {}
        self.collisions: list[str] = []

    def add(self, path: str, data: bytes | str, kind: str = "", id: str = "") -> None:
        if isinstance(data, str):
            data = data.encode("utf-8")
        self._register(OutputFile(path, data, None, kind, id))

    def copy(self, path: str, source: Path) -> None:
        self._register(OutputFile(path, None, source))

    def _register(self, file: OutputFile) -> None:
        if file.path in self.files:
            self.collisions.append(file.path)
            return
        self.files[file.path] = file

    def manifest(self) -> bytes:
        pages = [
            {"path": f.path, "kind": f.kind, "id": f.id or None}
            for f in sorted(self.files.values(), key=lambda f: f.path) if f.kind
        ]
        return (json.dumps({"pages": pages}, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def commit(files: OutputSet, out: Path) -> None:
    """Write ``files`` into a fresh folder beside ``out``, then swap it in."""
    out = out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    token = uuid.uuid4().hex[:8]
    staging = out.parent / f".{out.name}.new-{token}"
    try:
        for file in files.files.values():
            target = staging / file.path
            target.parent.mkdir(parents=True, exist_ok=True)
            if file.data is not None:
                target.write_bytes(file.data)
            else:
                shutil.copyfile(file.source, target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    _swap(staging, out, token)


def _swap(staging: Path, out: Path, token: str) -> None:
    """Two renames: the old site is moved aside only once the new one is complete."""
    if not out.exists():
        os.replace(staging, out)
        return
    old = out.parent / f".{out.name}.old-{token}"
    os.replace(out, old)
    try:
        os.replace(staging, out)
    except BaseException:
        os.replace(old, out)
        raise
    shutil.rmtree(old, ignore_errors=True)
