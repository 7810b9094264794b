"""Posting lists: for every gram of a set of texts, the sorted numbers of the texts that
contain it — the search index's inversion, done with numpy.

Grams (see ``search.grams``) are every character, every pair of adjacent characters and
the 3- and 4-character windows holding an ASCII letter or digit; none spans a space.  In
Python the inversion cost one dictionary append per (gram, text), about 1 µs each, and a
10,000-notice site has 8.5 million of them.  Here a block of texts becomes one array of
code points, every window of it one integer key beside its text's number, and a sort
orders them by gram, then text: the same lists, about five times sooner (measured).

Blocks are inverted one at a time (``invert``), each into a file of its own, so that
memory follows the block, not the whole site, and so that blocks can be inverted by
several processes at once; an ``Inverter`` takes the blocks in order and, at the end,
merges them a range of grams at a time (at 100,000 notices the files hold about a
gigabyte, which the operating system may keep in its file cache but the build does not).
"""
from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from typing import Iterator

import numpy as np

CODE_BITS = 21  # a code point fits in 21 bits
DOC_BITS = 22  # text numbers below 4,194,304
MAX_DOCS = 1 << DOC_BITS
_SPACE = 32
_U64 = np.uint64
_DOC_MASK = _U64(MAX_DOCS - 1)
RANGES = 64  # gram ranges the final merge takes one at a time (bounds its memory)
# Entries: characters (21 bits) and pairs (42 bits) fit in 64 bits beside the text number,
# as key << DOC_BITS | text; windows of 3 and 4 characters are two keys (the first n-2
# characters, the last two) and the text.
PACKED = np.dtype("<u8")
WIDE = np.dtype([("hi", "<u8"), ("lo", "<u8"), ("doc", "<u4")])
# Beside the grams, the pairs a text holds ``OFTEN_COUNT`` times or more, listed under the
# pair with ``OFTEN_MARK`` before it: what ranking knows of a word's frequency in a text.
OFTEN = 5  # their "length" in a block's runs (packed as pairs are)
OFTEN_COUNT = 3
OFTEN_MARK = "\x01"
LENGTHS = (OFTEN, 1, 2, 3, 4)  # OFTEN first: search takes its lists before the others
_PACKED_LENGTHS = (1, 2, OFTEN)


def _dtype(n: int) -> np.dtype:
    return PACKED if n in _PACKED_LENGTHS else WIDE


@dataclass(frozen=True)
class Block:
    """A block of texts, inverted: in ``path``, for each gram length n, ``runs[n]`` =
    (offset, count) of its entries, sorted by gram, then text, each (gram, text) once."""

    path: str
    first: int  # the number of its first text
    count: int  # texts
    runs: dict[int, tuple[int, int]]

    def entries(self, n: int) -> np.ndarray:
        """All entries of gram length ``n``, mapped from the file (read as they are used)."""
        offset, count = self.runs[n]
        if not count:
            return np.empty(0, dtype=_dtype(n))
        return np.memmap(self.path, dtype=_dtype(n), mode="r", offset=offset, shape=(count,))

    def read(self, n: int, start: int, stop: int) -> np.ndarray:
        """Entries ``start:stop`` of gram length ``n``, read into memory."""
        dtype = _dtype(n)
        return np.fromfile(self.path, dtype=dtype, count=stop - start, offset=self.runs[n][0] + start * dtype.itemsize)


def invert(texts: list[str], first: int, path: str) -> Block:
    """Invert ``texts``, numbered from ``first`` on, into the file ``path``."""
    if first + len(texts) > MAX_DOCS:
        raise ValueError(f"more than {MAX_DOCS} texts")
    runs: dict[int, tuple[int, int]] = {}
    with open(path, "wb") as f:
        for n, entries in _entries(texts, first):
            runs[n] = (f.tell(), len(entries))
            f.write(memoryview(entries).cast("B"))
    return Block(path, first, len(texts), runs)


def _entries(texts: list[str], first: int) -> Iterator[tuple[int, np.ndarray]]:
    if not texts:
        return
    # One space after each text: no window may span a space, so none spans two texts.
    joined = " ".join(texts) + " "
    cps = np.frombuffer(joined.encode("utf-32-le"), dtype=np.uint32).astype(_U64)
    lengths = np.fromiter((len(t) + 1 for t in texts), dtype=np.int64, count=len(texts))
    doc = np.repeat(np.arange(first, first + len(texts), dtype=_U64), lengths)
    solid = cps != _SPACE
    alphabet = _Alphabet(cps)
    yield 1, _unique_characters(alphabet, cps[solid], doc[solid], first, len(texts))
    pair = solid[:-1] & solid[1:]
    pairs, counts = _counted(((cps[:-1] << _U64(CODE_BITS) | cps[1:]) << _U64(DOC_BITS) | doc[:-1])[pair])
    yield 2, pairs
    yield OFTEN, pairs[counts >= OFTEN_COUNT]
    alnum = ((cps >= 48) & (cps <= 57)) | ((cps >= 97) & (cps <= 122))
    if not alnum.any():
        return
    for n in (3, 4):
        width = len(cps) - n + 1
        if width <= 0:  # texts of fewer characters than the window, all told
            return
        inside = np.ones(width, dtype=bool)
        holds = np.zeros(width, dtype=bool)
        for j in range(n):
            inside &= solid[j:j + width]
            holds |= alnum[j:j + width]
        at = np.flatnonzero(inside & holds)
        yield n, _unique_windows(n, at, cps, doc, alphabet, first, len(texts))


def _keys(n: int, entries: np.ndarray) -> np.ndarray:
    return entries >> _U64(DOC_BITS) if n in _PACKED_LENGTHS else entries["hi"]


class Inverter:
    """Takes inverted blocks in order; ``postings()`` then gives every gram's list.

    ``add`` inverts a block here; a caller that inverts blocks elsewhere (in worker
    processes) names their files with ``block_path`` and hands them over with ``take``.
    The files live in a temporary folder that ``postings()`` (or ``close``) removes."""

    def __init__(self) -> None:
        self.docs = 0
        self._folder = tempfile.TemporaryDirectory(prefix="gwsite-postings-")
        self._blocks: list[Block] = []
        self._bounds: dict[int, np.ndarray] = {}  # gram length -> the first key of each range but the first
        self._cuts: list[dict[int, list[int]]] = []  # block -> gram length -> where each range starts, and the end

    def block_path(self, number: int) -> str:
        return os.path.join(self._folder.name, f"{number}.bin")

    def add(self, texts: list[str]) -> None:
        """Texts numbered from ``self.docs`` on, in order."""
        self.take(invert(texts, self.docs, self.block_path(len(self._blocks))))

    def take(self, block: Block) -> None:
        """The next block, inverted by ``invert`` (anywhere) into ``block_path(number)``."""
        if block.first != self.docs:
            raise ValueError(f"block of texts {block.first}… taken after {self.docs} texts")
        self.docs += block.count
        cuts: dict[int, list[int]] = {}
        for n in block.runs:
            keys = _keys(n, block.entries(n))
            if n not in self._bounds and len(keys):  # ranges of about equal size, from the first block
                sample = keys[np.linspace(0, len(keys) - 1, RANGES + 1).astype(np.int64)[1:-1]]
                self._bounds[n] = np.unique(sample)
            if n in self._bounds:
                cuts[n] = [0, *np.searchsorted(keys, self._bounds[n]).tolist(), len(keys)]
        self._blocks.append(block)
        self._cuts.append(cuts)

    def close(self) -> None:
        self._folder.cleanup()

    def _range(self, n: int, r: int) -> np.ndarray:
        # Read, not mapped: a file's pages stay counted in the process's memory for as
        # long as they are mapped (keeping every block mapped took a 100k build to 2.5 GB).
        parts = [block.read(n, cuts[n][r], cuts[n][r + 1]) for block, cuts in zip(self._blocks, self._cuts) if n in cuts]
        return np.concatenate(parts) if parts else np.empty(0, dtype=_dtype(n))

    def postings(self) -> Iterator[tuple[list[str], np.ndarray, np.ndarray]]:
        """Every gram's list, a range of grams at a time, in no particular order: the
        grams, then the bounds of each one's part of the third, the text numbers
        (``docs[bounds[i]:bounds[i + 1]]`` is the sorted list of ``grams[i]``)."""
        mask = (1 << CODE_BITS) - 1
        try:
            for n in LENGTHS:
                for r in range(len(self._bounds.get(n, ())) + 1):
                    entries = self._range(n, r)
                    if not len(entries):
                        continue
                    if n in _PACKED_LENGTHS:
                        # Each block's run is sorted and they follow in text order: a
                        # stable sort merges them.
                        entries.sort(kind="stable")
                        keys = entries >> _U64(DOC_BITS)
                        bounds = _run_bounds(keys != np.roll(keys, 1))
                        firsts = keys[bounds[:-1]]
                        grams = (list(map(chr, firsts.tolist())) if n == 1
                                 else _strings([firsts >> _U64(CODE_BITS), firsts & _U64(mask)]))
                        if n == OFTEN:
                            grams = [OFTEN_MARK + g for g in grams]
                        yield grams, bounds, (entries & _DOC_MASK).astype(np.int64)
                    else:
                        entries = _sorted_windows(entries, unique=False)
                        hi, lo = entries["hi"], entries["lo"]
                        bounds = _run_bounds((hi != np.roll(hi, 1)) | (lo != np.roll(lo, 1)))
                        hi, lo = hi[bounds[:-1]], lo[bounds[:-1]]
                        pair = [lo >> _U64(CODE_BITS), lo & _U64(mask)]
                        grams = _strings(([hi >> _U64(CODE_BITS), hi & _U64(mask)] if n == 4 else [hi]) + pair)
                        yield grams, bounds, entries["doc"].astype(np.int64)
        finally:
            self.close()


class _Alphabet:
    """The characters of a block, numbered densely in code point order (``rank``):
    a few thousand, where code points need 21 bits."""

    def __init__(self, cps: np.ndarray) -> None:
        present = np.zeros(CODE_LIMIT, dtype=bool)
        present[cps] = True
        self.codes = np.flatnonzero(present).astype(_U64)  # rank -> code point
        self.rank = np.cumsum(present, dtype=np.int64) - 1  # code point -> rank
        self.bits = max(1, (len(self.codes) - 1).bit_length())


CODE_LIMIT = 0x110000  # code points are below this


def _unique_characters(alphabet: _Alphabet, cps: np.ndarray, doc: np.ndarray, first: int, count: int) -> np.ndarray:
    """``_unique(cps << DOC_BITS | doc)`` without sorting: a (character, text) grid marks
    each pair once, and its marks come out in (character, text) order: 25 ms for a block
    of 1,024 notices where the sort took 60 ms (measured)."""
    grid = np.zeros((len(alphabet.codes), count), dtype=bool)
    grid[alphabet.rank[cps], (doc - _U64(first)).astype(np.int64)] = True
    rows, columns = np.nonzero(grid)
    return alphabet.codes[rows] << _U64(DOC_BITS) | (columns.astype(_U64) + _U64(first))


def _unique_windows(n: int, at: np.ndarray, cps: np.ndarray, doc: np.ndarray, alphabet: _Alphabet,
                    first: int, count: int) -> np.ndarray:
    """The windows of ``n`` characters starting at ``at``, sorted by gram, then text, each
    (gram, text) once.  Where the characters' ranks and the text's place in the block fit
    in 64 bits together (a block of a few thousand characters), one sort of those keys
    does it, a third of the time of sorting the wide entries by two fields (measured);
    else the wide entries are sorted."""
    doc_bits = max(1, (count - 1).bit_length())
    if n * alphabet.bits + doc_bits > 64:
        return _sorted_windows(_wide([cps[at + j] for j in range(n)], doc[at]), unique=True)
    bits = _U64(alphabet.bits)
    keys = np.zeros(len(at), dtype=_U64)
    for j in range(n):
        keys = keys << bits | alphabet.rank[cps[at + j]].astype(_U64)
    keys = _unique(keys << _U64(doc_bits) | (doc[at] - _U64(first)))
    # Ranks follow code point order, so the keys' order is the grams' order.
    code = [alphabet.codes[(keys >> (_U64(doc_bits) + bits * _U64(n - 1 - j))) & _U64((1 << alphabet.bits) - 1)]
            for j in range(n)]
    return _wide(code, (keys & _U64((1 << doc_bits) - 1)) + _U64(first))


def _wide(code: list[np.ndarray], doc: np.ndarray) -> np.ndarray:
    """WIDE entries of 3- or 4-character windows, from their characters' code point columns."""
    n = len(code)
    windows = np.empty(len(doc), dtype=WIDE)
    windows["hi"] = code[0] << _U64(CODE_BITS) | code[1] if n == 4 else code[0]
    windows["lo"] = code[n - 2] << _U64(CODE_BITS) | code[n - 1]
    windows["doc"] = doc
    return windows


def _counted(packed: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``_unique(packed)``, and how many times each entry was there."""
    packed.sort()
    if not len(packed):
        return packed, np.empty(0, dtype=np.int64)
    starts = np.flatnonzero(np.r_[True, packed[1:] != packed[:-1]])
    return packed[starts], np.diff(np.r_[starts, len(packed)])


def _unique(packed: np.ndarray) -> np.ndarray:
    packed.sort()
    return packed[np.r_[True, packed[1:] != packed[:-1]]] if len(packed) else packed


def _sorted_windows(windows: np.ndarray, unique: bool) -> np.ndarray:
    """Windows sorted by gram, then text (they come in text order, and both sorts are
    stable, so blocks merge too); with ``unique``, each (gram, text) once."""
    order = np.argsort(windows["lo"], kind="stable")
    order = order[np.argsort(windows["hi"][order], kind="stable")]
    windows = windows[order]
    if unique and len(windows):
        hi, lo, doc = windows["hi"], windows["lo"], windows["doc"]
        fresh = (hi != np.roll(hi, 1)) | (lo != np.roll(lo, 1)) | (doc != np.roll(doc, 1))
        fresh[0] = True
        windows = windows[fresh]
    return windows


def _run_bounds(starts: np.ndarray) -> np.ndarray:
    """Where each run begins, and the end: from flags that are True at each run's start
    (the first is always one, whatever the flag says: np.roll compares it with the last)."""
    if len(starts):
        starts[0] = True
    return np.r_[np.flatnonzero(starts), len(starts)]


def _strings(columns: list[np.ndarray]) -> list[str]:
    """Row i of the code point ``columns`` as a string, for every row: decoded at once."""
    width = len(columns)
    text = np.column_stack(columns).astype("<u4").tobytes().decode("utf-32-le")
    return [text[i:i + width] for i in range(0, len(text), width)]
