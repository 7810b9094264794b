"""Relevance: which notices answer a parsed query (``query.Query``), best first.

Everything here is computed from the index's lists — for each searched text, the notices
holding it anywhere, in the title, in the 发文字号/索引号 — so the browser can rank a query
after loading a few lists, without the notices themselves.  ``theme/static/search.js``
computes the same numbers in the same order (``rank``); tests compare the two.

For a notice and each part of the query: the part's weight is its BM25 idf (over the
notices holding any of its forms); each field that holds it adds its weight (title above
发文字号/索引号 above the whole text), the whole text with BM25's saturated term frequency
— once, or often (three times or more) — and the fields' scores are summed, as Whoosh's
BM25F does; a form reached through the abbreviation table counts ``SYNONYM`` of the form
as typed.  A phrase — parts typed one
after another — adds ``PHRASE`` of its parts' weights where the notice holds the stretch
itself: in the title fully (and ``EXACT_TITLE`` more when it is the whole title),
elsewhere ``PHRASE_BODY`` of it, and a stretch held in part
(a slip in it, its words apart) by the cube of the share of its windows held.  A long
word held by most of its windows counts ``PARTIAL`` of itself; a question word's kind of
answer (指南 for 怎么) adds ``HINT``.  Recency multiplies the sum by at most 1 + ``RECENCY``;
a catalogue item's is multiplied by ``ITEM``.

A notice is a hit when it holds every quoted part and half of the other parts or of their
weight; hits holding every part come first, then by score, then newest first.  The lists
say whether a notice holds every window of a text, not that they stand together: a long
unquoted word may match a notice that has its pieces apart.  Quoted parts, 发文字号 and
long codes (索引号) are checked against the notices' text (``verify``) after ranking, so they match exactly.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Callable

from .query import Part, Phrase, Query

K1 = 1.2  # BM25's saturation (Lucene's and Whoosh's default)
# Field weights (title, 发文字号/索引号, anywhere) for a word and for a typed 发文字号.
WEIGHTS = {"word": (4.0, 2.0, 1.0), "exact": (4.0, 2.0, 1.0), "number": (2.0, 6.0, 1.0), "code": (2.0, 6.0, 1.0),
           "hint": (4.0, 2.0, 1.0),
           "fix": (4.0, 2.0, 1.0)}
OFTEN_TF = 3.0  # the term frequency a text holding a word often counts (postings.OFTEN_COUNT)
SYNONYM = 0.8  # a match through the abbreviation table, against the word as typed
PHRASE = 0.6  # parts standing together as typed, in the title
PHRASE_BODY = 0.5  # … elsewhere, relative to the title
RECENCY = 0.05  # the newest notice's score × 1.05, the oldest's × 1.0: never more than a field
COVERAGE = 0.5  # the share of the parts' weight, or of the parts, a hit must hold
PARTIAL = 0.5  # a long word held by most of its windows, against the word itself
PARTIAL_LENGTH = 4  # … from this many characters
TITLE_START, TITLE_END = "\x02", "\x03"  # the index lists each title between these (search.py)
EXACT_TITLE = 1.0  # a phrase that is a whole title, of its parts' weights, beside PHRASE
SHORT, LONG = 0.75, 1.25  # a title at most / at least this share of the average length …
TITLE_SHORT, TITLE_LONG = 1.2, 0.85  # … has its title weight times this (BM25, b = 0.75)
# Parts checked against the stored text (their windows may lie apart): quoted ones, 发文字号,
# long codes (索引号, 统一社会信用代码).
CHECKED = ("exact", "number", "code")
HINT = 0.5  # a word of the kind of answer a question asks for (query.ANSWER_KINDS), of its weight
FIX = 0.8  # the known word a slip misses (query.corrections), of its weight
ITEM = 0.5  # a catalogue item's score, against a notice's: it says what is published, not the thing itself
OPTIONAL = {"hint": HINT, "fix": FIX}  # parts a hit need not hold, and what they add
SCALE = 1e9  # scores are rounded to 1e-9 so that Python and JavaScript order near-ties alike

_ASCII_ALNUM = re.compile("[0-9a-z]")
# The notices holding a text: anywhere, in the title, in the numbers, and often (every pair
# of it three times or more: postings.OFTEN_COUNT)
Lists = tuple[set[int], set[int], set[int], set[int]]


@dataclass(frozen=True)
class Scored:
    number: int  # the notice's rank in the index (0 = newest)
    score: float
    complete: bool  # holds every part
    via: tuple[str, ...]  # forms through which it matched, where not as typed


def idf(docs: int, df: int) -> float:
    """BM25's idf, never negative (Lucene's form)."""
    return math.log(1 + (docs - df + 0.5) / (df + 0.5))


def saturate(tf: float) -> float:
    """BM25's term frequency part: 1 for one occurrence, never above K1 + 1."""
    return tf * (K1 + 1) / (K1 + tf)


def back_off(query: Query, lookup: Callable[[str], Lists]) -> Query:
    """``query`` with each unquoted Chinese part of three or more characters that no
    notice holds in any form (新生儿, 五保户) replaced by its character pairs, each a part:
    a notice holding most of them is a near answer, where the whole word finds none.
    Letters and digits never back off: a number matches whole or not at all."""
    parts: list[Part] = []
    place: list[int] = []  # old part -> its first new part
    for part in query.parts:
        place.append(len(parts))
        if (part.kind == "word" and len(part.text) >= 3 and not _ASCII_ALNUM.search(part.text)
                and not any(lookup(f)[0] for f in part.forms)):
            parts += [Part((part.text[i:i + 2],)) for i in range(len(part.text) - 1)]
        else:
            parts.append(part)
    if len(parts) == len(query.parts):
        return query
    ends = place[1:] + [len(parts)]
    phrases = tuple(Phrase(ph.text, place[ph.first], ends[ph.last] - 1) for ph in query.phrases)
    return Query(tuple(parts), phrases)


def _share(d: int, window_lists: list[Lists], field: int) -> float:
    """The share of a text's windows whose ``field`` list holds notice ``d``."""
    return sum(1 for lists in window_lists if d in lists[field]) / len(window_lists)


def rank(query: Query, lookup: Callable[[str], Lists], docs: int, allowed: set[int] | None = None,
         verify: Callable[[int, str], bool] | None = None,
         windows: Callable[[str], list[Lists]] | None = None,
         titles: tuple[set[int], set[int]] = (set(), set()), items: int = 0) -> list[Scored]:
    """The hits for ``query`` among ``docs`` notices, best first.

    ``lookup(text)`` gives the lists of a form (the notices holding all its windows),
    ``windows(text)`` the lists of each of its windows; ``verify(number, text)`` whether
    a notice holds a text exactly (quoted parts and 发文字号/索引号 are checked);
    ``allowed`` the notices the filters leave; ``titles`` the notices whose title is
    short, and long, against the average; the last ``items`` documents are catalogue
    items (each scored ``ITEM`` of itself)."""
    query = back_off(query, lookup)
    windows = windows or (lambda text: [lookup(text)])
    forms: list[list[Lists]] = []
    for part in query.parts:
        part_lists = []
        for form in part.forms:
            part_lists.append(lookup(form))
        forms.append(part_lists)
    holders = [set().union(*(lists[0] for lists in part_lists)) for part_lists in forms]
    weights = [idf(docs, len(h)) for h in holders]
    # A part no notice holds is left out (its word is not in this site); quoted ones stay.
    # Hints only add to a score.
    required = [i for i, p in enumerate(query.parts) if (holders[i] and p.kind not in OPTIONAL) or p.kind == "exact"]
    hints = [i for i, p in enumerate(query.parts) if p.kind in OPTIONAL and holders[i]]
    total = sum(weights[i] for i in required)
    # A long word can be held in part (困难家庭 in 家庭经济困难): by most of its windows.
    partial = {i: windows(query.parts[i].text) for i in required
               if query.parts[i].kind == "word" and len(query.parts[i].text) >= PARTIAL_LENGTH
               and not _ASCII_ALNUM.search(query.parts[i].text)}
    candidates = set().union(*(holders[i] for i in required)) if required else set()
    for window_lists in partial.values():
        candidates |= set().union(*(lists[0] for lists in window_lists))
    for i in required:
        if query.parts[i].kind == "exact":
            candidates &= holders[i]
    if allowed is not None:
        candidates &= allowed
    phrases = [(windows(ph.text), sum(weights[i] for i in range(ph.first, ph.last + 1)),
                lookup(TITLE_START + ph.text[0])[1] & lookup(ph.text[-1] + TITLE_END)[1]) for ph in query.phrases]
    short, long = titles

    out = []
    for d in candidates:
        score, held, count, whole, via = 0.0, 0.0, 0.0, 0, []
        for i in required + hints:
            part, best, through = query.parts[i], 0.0, None
            title_w, numbers_w, any_w = WEIGHTS[part.kind]
            title_w *= TITLE_SHORT if d in short else TITLE_LONG if d in long else 1.0
            for k, (every, title, numbers, often) in enumerate(forms[i]):
                if d not in every:
                    continue
                w = (title_w if d in title else 0.0) + (numbers_w if d in numbers else 0.0) + \
                    any_w * saturate(OFTEN_TF if d in often else 1.0)
                s = w * (1.0 if k == 0 or part.kind == "hint" else SYNONYM)
                if s > best:
                    best, through = s, (None if k == 0 or part.kind == "hint" else part.forms[k])
            share = 1.0
            if not best and i in partial:
                share = _share(d, partial[i], 0)
                if share >= 0.5:
                    best = PARTIAL * share * any_w
            if not best:
                continue
            if part.kind in OPTIONAL:
                score += OPTIONAL[part.kind] * weights[i] * best
                if part.kind == "fix":
                    via.append(part.forms[0] if through is None else through)
                continue
            held += weights[i] * share
            count += share
            whole += share == 1.0
            score += weights[i] * best
            if through:
                via.append(through)
        if required and held < COVERAGE * total and count < COVERAGE * len(required):
            continue
        for window_lists, weight, ends in phrases:
            title_share, any_share = _share(d, window_lists, 1), _share(d, window_lists, 0)
            score += PHRASE * weight * max(title_share * title_share * title_share,
                                           PHRASE_BODY * any_share * any_share * any_share)
            if title_share == 1.0 and d in ends:  # the whole title, as typed
                score += EXACT_TITLE * weight
        score *= 1 + RECENCY * (1 - d / max(1, docs - 1))
        if d >= docs - items:
            score *= ITEM
        out.append(Scored(d, math.floor(score * SCALE + 0.5) / SCALE, whole == len(required), tuple(via)))
    out.sort(key=lambda s: (not s.complete, -s.score, s.number))
    if verify is not None:
        out = [s for s in out if holds_checked(query, s.number, forms, verify)]
    return out


def count(query: Query, windows: Callable[[str], list["np.ndarray"]], docs: int) -> tuple[int, int]:
    """How many hits ``rank`` gives for ``query`` with no filter and nothing to check, and
    how many of them hold every part: ``rank``'s test, made on every notice at once
    (``windows(text)``: for each window of ``text`` a boolean array of the notices holding
    it), for counting many queries quickly (the suggestions' counts, ``search.word_hits``).
    tests/test_pinyin.py holds it to ``len(rank(…))``."""
    import numpy as np  # only the build counts

    def every(text: str) -> np.ndarray:
        held = None
        for window in windows(text):
            held = window if held is None else held & window
        return held
    query = back_off(query, lambda text: (every(text).any(),))
    none = np.zeros(docs, bool)
    holders = []
    for part in query.parts:
        held_by = none
        for form in part.forms:
            held_by = held_by | every(form)
        holders.append(held_by)
    counts = [int(h.sum()) for h in holders]
    required = [i for i, p in enumerate(query.parts) if (counts[i] and p.kind not in OPTIONAL) or p.kind == "exact"]
    if not required:
        return 0, 0
    weights = [idf(docs, counts[i]) for i in required]
    total = sum(weights)
    candidates, held, share_sum, whole = none.copy(), np.zeros(docs), np.zeros(docs), np.ones(docs, bool)
    for i, weight in zip(required, weights):
        part, share = query.parts[i], holders[i].astype(float)
        candidates |= holders[i]
        if part.kind == "word" and len(part.text) >= PARTIAL_LENGTH and not _ASCII_ALNUM.search(part.text):
            held_windows = windows(part.text)
            holding = sum(w.astype(int) for w in held_windows)
            candidates |= holding > 0
            partial = holding / len(held_windows)
            share = np.where(holders[i], 1.0, np.where(partial >= 0.5, partial, 0.0))
        held += weight * share
        share_sum += share
        whole &= holders[i]
    for i in required:
        if query.parts[i].kind == "exact":
            candidates &= holders[i]
    kept = candidates & ((held >= COVERAGE * total) | (share_sum >= COVERAGE * len(required)))
    return int(kept.sum()), int((kept & whole).sum())


def holds_checked(query: Query, d: int, forms: list[list[Lists]], verify: Callable[[int, str], bool]) -> bool:
    """Whether notice ``d`` holds exactly each checked part (quoted, 发文字号, code) whose
    windows it holds.  Applied after ranking, to the ranked list, so that the browser can
    check only as many hits as it shows (scores come from the lists alone either way)."""
    for part, part_lists in zip(query.parts, forms):
        if part.kind in CHECKED:
            held = [f for f, lists in zip(part.forms, part_lists) if d in lists[0]]
            if held and not any(verify(d, f) for f in held):
                return False
    return True
