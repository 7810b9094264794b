"""Posting lists: for every gram of a set of texts, the sorted numbers of the texts that
contain it — the search index's inversion, done with numpy.

Grams (see ``search.grams``) are every character, every pair of adjacent characters and
the 3- and 4-character windows holding an ASCII letter or digit; none spans a space.  In
Python the inversion cost one dictionary append per (gram, text), about 1 µs each, and a
10,000-notice site has 8.5 million of them.  Here a block of texts becomes one array of
code points, every window of it one integer key beside its text's number, and a sort
orders them by gram, then text: the same lists, about five times sooner (measured).

Texts come in blocks, so memory follows the block, not the whole site; each block's sorted
keys are cut into ranges of grams, and the ranges are merged one at a time at the end.
"""
from __future__ import annotations

from typing import Iterator

import numpy as np

CODE_BITS = 21  # a code point fits in 21 bits
DOC_BITS = 22  # text numbers below 4,194,304
MAX_DOCS = 1 << DOC_BITS
_SPACE = 32
_U64 = np.uint64
_DOC_MASK = _U64(MAX_DOCS - 1)
RANGES = 16  # gram ranges the final merge takes one at a time (bounds its memory)


class Inverter:
    """Collects blocks of texts; ``postings()`` then gives every gram's list."""

    def __init__(self) -> None:
        self.docs = 0
        # Keys that fit in 64 bits beside a text number: characters (21 bits) and pairs
        # (42 bits), as key << DOC_BITS | text, sorted; one list of pieces per gram range.
        self._bounds: dict[int, np.ndarray] = {}
        self._packed: dict[int, list[list[np.ndarray]]] = {1: [], 2: []}
        # Windows of 3 and 4 characters are too wide for that: two keys and the text.
        self._wide: dict[int, list[tuple[np.ndarray, np.ndarray, np.ndarray]]] = {3: [], 4: []}

    def add(self, texts: list[str]) -> None:
        """Texts numbered from ``self.docs`` on, in order."""
        first, self.docs = self.docs, self.docs + len(texts)
        if self.docs > MAX_DOCS:
            raise ValueError(f"more than {MAX_DOCS} texts")
        if not texts:
            return
        # One space after each text: no window may span a space, so none spans two texts.
        joined = " ".join(texts) + " "
        cps = np.frombuffer(joined.encode("utf-32-le"), dtype=np.uint32).astype(_U64)
        lengths = np.fromiter((len(t) + 1 for t in texts), dtype=np.int64, count=len(texts))
        doc = np.repeat(np.arange(first, self.docs, dtype=_U64), lengths)
        solid = cps != _SPACE
        self._keep(1, (cps << _U64(DOC_BITS) | doc)[solid])
        pair = solid[:-1] & solid[1:]
        self._keep(2, ((cps[:-1] << _U64(CODE_BITS) | cps[1:]) << _U64(DOC_BITS) | doc[:-1])[pair])
        alnum = ((cps >= 48) & (cps <= 57)) | ((cps >= 97) & (cps <= 122))
        if alnum.any():
            for n in (3, 4):
                width = len(cps) - n + 1
                inside = np.ones(width, dtype=bool)
                holds = np.zeros(width, dtype=bool)
                for j in range(n):
                    inside &= solid[j:j + width]
                    holds |= alnum[j:j + width]
                at = np.flatnonzero(inside & holds)
                # A window as two keys of code points: its first n-2 characters, its last two.
                hi = cps[at] << _U64(CODE_BITS) | cps[at + 1] if n == 4 else cps[at]
                lo = cps[at + n - 2] << _U64(CODE_BITS) | cps[at + n - 1]
                self._wide[n].append(_sorted_windows(hi, lo, doc[at].astype(np.uint32)))

    def _keep(self, kind: int, packed: np.ndarray) -> None:
        packed.sort()
        packed = packed[np.r_[True, packed[1:] != packed[:-1]]] if len(packed) else packed
        if kind not in self._bounds:  # ranges of about equal size, from the first block
            keys = packed >> _U64(DOC_BITS)
            self._bounds[kind] = np.unique(keys[np.linspace(0, len(keys) - 1, RANGES + 1).astype(np.int64)[1:-1]]
                                           if len(keys) else keys) << _U64(DOC_BITS)
        cuts = np.searchsorted(packed, self._bounds[kind])
        # Copies, not views of one array: each range's memory goes as soon as it is merged.
        self._packed[kind].append([piece.copy() for piece in np.split(packed, cuts)])

    def postings(self) -> Iterator[tuple[list[str], np.ndarray, np.ndarray]]:
        """Every gram's list, a range of grams at a time, in no particular order: the
        grams, then the bounds of each one's part of the third, the text numbers
        (``docs[bounds[i]:bounds[i + 1]]`` is the sorted list of ``grams[i]``)."""
        for kind in (1, 2):
            pieces, self._packed[kind] = self._packed[kind], []
            if not pieces:
                continue
            for r in range(len(self._bounds.get(kind, ())) + 1):
                packed = np.concatenate([block[r] for block in pieces])
                for block in pieces:
                    block[r] = None  # let the range go as soon as it is merged
                packed.sort()
                keys = packed >> _U64(DOC_BITS)
                bounds = _bounds(keys != np.roll(keys, 1))
                firsts = keys[bounds[:-1]].tolist()
                if kind == 1:
                    grams = list(map(chr, firsts))
                else:
                    mask = (1 << CODE_BITS) - 1
                    grams = [chr(k >> CODE_BITS) + chr(k & mask) for k in firsts]
                yield grams, bounds, (packed & _DOC_MASK).astype(np.int64)
        for n in (3, 4):
            blocks, self._wide[n] = self._wide[n], []
            if not blocks:
                continue
            # Blocks hold increasing text numbers, so sorting their windows once more
            # (stable) keeps each gram's texts in order, and no (gram, text) repeats.
            hi, lo, doc = _sorted_windows(*(np.concatenate(column) for column in zip(*blocks)), unique=False)
            del blocks
            bounds = _bounds((hi != np.roll(hi, 1)) | (lo != np.roll(lo, 1)))
            grams = [_chars(h, n - 2) + _chars(l, 2) for h, l in zip(hi[bounds[:-1]].tolist(), lo[bounds[:-1]].tolist())]
            yield grams, bounds, doc.astype(np.int64)


def _sorted_windows(hi: np.ndarray, lo: np.ndarray, doc: np.ndarray, unique: bool = True
                    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Windows sorted by gram, then text (they come in text order, and both sorts are
    stable); with ``unique``, each (gram, text) once."""
    order = np.argsort(lo, kind="stable")
    order = order[np.argsort(hi[order], kind="stable")]
    hi, lo, doc = hi[order], lo[order], doc[order]
    if unique and len(doc):
        fresh = (hi != np.roll(hi, 1)) | (lo != np.roll(lo, 1)) | (doc != np.roll(doc, 1))
        fresh[0] = True
        hi, lo, doc = hi[fresh], lo[fresh], doc[fresh]
    return hi, lo, doc


def _bounds(starts: np.ndarray) -> np.ndarray:
    """Where each run begins, and the end: from flags that are True at each run's start
    (the first is always one, whatever the flag says: np.roll compares it with the last)."""
    if len(starts):
        starts[0] = True
    return np.r_[np.flatnonzero(starts), len(starts)]


def _chars(key: int, count: int) -> str:
    """The ``count`` characters packed into ``key``, CODE_BITS each, first highest."""
    mask = (1 << CODE_BITS) - 1
    return "".join(chr(key >> (CODE_BITS * (count - 1 - i)) & mask) for i in range(count))
