"""The one output funnel: every file is registered here, then committed at once.

Registering refuses two files claiming one path (reported together as a list); the
manifest falls out of the registry; ``Staging`` fills a folder beside the target and
swaps it in, so the output directory is either the old site or the new one, never half.
"""
from __future__ import annotations

import glob
import json
import os
import shutil
import subprocess
import sys
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable


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
        return manifest_json({f.path: (f.kind, f.id) for f in self.files.values() if f.kind})


def manifest_json(pages: dict[str, tuple[str, str]]) -> bytes:
    """``data/manifest.json`` (contract §6) for pages given as path -> (kind, id).

    The bytes of ``json.dumps({"pages": [...]}, ensure_ascii=False, indent=1)``, written
    entry by entry: the indenting encoder is pure Python, ten times slower, and this file
    is made on every build (tests/test_output_dir.py compares the two)."""
    if not pages:
        return b'{\n "pages": []\n}\n'
    if pages == _last_manifest[0]:  # a rebuild in the same process (gwsite serve): the same pages
        return _last_manifest[1]
    entries = [f'  {{\n   "path": {_string(path)},\n   "kind": {_string(kind)},\n'
               f'   "id": {_string(id) if id else "null"}\n  }}'
               for path, (kind, id) in sorted(pages.items())]
    data = ('{\n "pages": [\n' + ",\n".join(entries) + "\n ]\n}\n").encode("utf-8")
    _last_manifest[:] = [dict(pages), data]
    return data


_last_manifest: list = [None, b""]  # the pages and bytes of the manifest written last


# json.dumps(value, ensure_ascii=False) for a string, without its per-call overhead.
_string = json.encoder.encode_basestring


_NEW_FILE = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0)  # O_BINARY: Windows only

Stamp = tuple[int, int]  # (size, mtime_ns) of a file as written: what the build cache checks


class Staging:
    """The next output folder, filled beside ``out`` and swapped in whole.

    Files are written as they are made (a 100,000-notice site never sits in memory) or
    hard-linked from the current output when an incremental build found them unchanged;
    ``commit`` swaps the folder in with two renames, ``discard`` leaves ``out`` as it was.
    """

    def __init__(self, out: Path) -> None:
        self.out = out.resolve()
        self.out.parent.mkdir(parents=True, exist_ok=True)
        _remove_abandoned(self.out)
        # The build's process id in the name: a folder whose build is gone can be told.
        self.token = f"{os.getpid()}-{uuid.uuid4().hex[:8]}"
        self.dir = self.out.parent / f".{self.out.name}.new-{self.token}"
        self.dir.mkdir()
        self._base = f"{self.dir}/"  # paths as strings: pathlib cost a second per 10,000 files
        self.pages: dict[str, tuple[str, str]] = {}  # path -> (manifest kind, id)
        self.paths: set[str] = set()
        self.collisions: list[str] = []
        self._made: set[str] = set()

    def register(self, path: str, kind: str = "", id: str = "") -> bool:
        """Claim ``path`` for one input; a second claim is a collision, reported later."""
        if path in self.paths:
            self.collisions.append(path)
            return False
        self.paths.add(path)
        if kind:
            self.pages[path] = (kind, id)
        return True

    def target(self, path: str) -> str:
        """Where ``path`` is written, its parent folder made."""
        parent = path.rpartition("/")[0]
        if parent not in self._made:
            os.makedirs(self._base + parent, exist_ok=True)
            self._made.add(parent)
        return self._base + path

    def write(self, path: str, data: bytes) -> Stamp:
        # os.open, not open(): no buffered file object for a file written in one go
        # (a quarter of the cost of writing 14,000 small files).
        fd = os.open(self.target(path), _NEW_FILE, 0o666)
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view):]
            st = os.fstat(fd)  # of the whole file: what the build cache checks
        finally:
            os.close(fd)
        return st.st_size, st.st_mtime_ns

    def link(self, path: str, existing: str, stamp: Stamp) -> Stamp:
        """Reuse a file of the current output (whose ``stamp`` the caller checked): a hard
        link, which has the same size and time, or a copy where links fail."""
        target = self.target(path)
        try:
            os.link(existing, target)
            return stamp
        except OSError:
            shutil.copy2(existing, target)
            return _stamp(target)

    def copy(self, path: str, source: Path) -> Stamp:
        target = self.target(path)
        shutil.copyfile(source, target)
        return _stamp(target)

    def manifest(self) -> bytes:
        return manifest_json(self.pages)

    def commit(self, trash: Path | None = None) -> None:
        """Swap the new folder in; the old one goes to ``trash`` (if on the same disk)
        and is deleted in the background."""
        _swap(self.dir, self.out, self.token, trash)

    def discard(self) -> None:
        shutil.rmtree(self.dir, ignore_errors=True)


class InPlace(Staging):
    """The output folder updated where it is: only what changed is written, each file
    under a hidden name beside its place until ``commit`` renames it there (``discard``
    removes them), so a failed build leaves the folder as it was, and files no longer
    made are deleted.  Far cheaper than a new folder of hard links for a one-notice edit,
    but between the first and the last rename a reader may see old and new files side by
    side: for ``gwsite serve``'s own folder, never for one that is deployed.
    """

    def __init__(self, out: Path, present: Iterable[str]) -> None:
        self.out = out.resolve()
        self.out.mkdir(parents=True, exist_ok=True)
        self.dir = self.out
        self._base = f"{self.out}/"
        self.present = set(present)  # the files the folder holds now
        self.pages, self.paths, self.collisions, self._made = {}, set(), [], set()

    def target(self, path: str) -> str:
        super().target(path)  # its folder made
        return self._new_name(path)

    def _new_name(self, path: str) -> str:
        folder, _, name = (self._base + path).rpartition("/")
        return f"{folder}/.{name}{_NEW}"

    def link(self, path: str, existing: str, stamp: Stamp) -> Stamp:
        return stamp  # the file is in its place already

    def commit(self, trash: Path | None = None) -> None:
        for path in self.paths:  # a rename that finds no new file costs one failed lookup
            try:
                os.replace(self._new_name(path), self._base + path)
            except FileNotFoundError:
                pass
        for path in self.present - self.paths:
            try:
                os.unlink(self._base + path)
            except FileNotFoundError:
                pass

    def discard(self) -> None:
        for path in self.paths:
            try:
                os.unlink(self._new_name(path))
            except FileNotFoundError:
                pass


_NEW = ".gwsite-new"  # a file written in place, not yet renamed to its name


def _stamp(path: str) -> Stamp:
    st = os.stat(path)
    return st.st_size, st.st_mtime_ns


def _swap(staging: Path, out: Path, token: str, trash: Path | None = None) -> None:
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
    if trash is not None:  # out of sight of anyone listing the output's parent
        try:
            trash.mkdir(parents=True, exist_ok=True)
            os.replace(old, trash / old.name)
            old = trash / old.name
        except OSError:
            pass
    remove_in_background(old)


def _remove_abandoned(out: Path) -> None:
    """Staging folders beside ``out`` left by builds that were killed (out of memory, a CI
    timeout) before they could clean up: half a site under a hidden name, which a deploy
    copying the parent folder would publish.  One whose build still runs is left alone."""
    for folder in out.parent.glob(f".{glob.escape(out.name)}.new-*"):
        pid = folder.name.rpartition(".new-")[2].partition("-")[0]
        if pid.isdigit() and not _running(int(pid)):
            remove_in_background(folder)


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # another user's process, say: there
        return True
    return True


def remove_in_background(folder: Path) -> None:
    """Delete a folder without waiting: unlinking 100,000 files takes seconds, and the
    build is done.  A detached process does it, so it finishes after we exit."""
    try:
        subprocess.Popen([sys.executable, "-c", "import shutil, sys; shutil.rmtree(sys.argv[1], True)", str(folder)],
                         stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                         start_new_session=True)
    except OSError:
        shutil.rmtree(folder, ignore_errors=True)
