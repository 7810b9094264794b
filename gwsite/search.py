"""Offline search: a prebuilt index of static classic scripts, and the query that reads it.

A page opened from disk may not ``fetch`` or ``import()`` anything, but it may add classic
``<script src>`` tags at run time (shared/spec/search-notes.md), so every index file is a
script calling ``window.gwsiteSearch.add([kind, number, data])`` with JSON inside.  The
browser (``theme/static/search.js``) and ``gwsite search`` answer from the same files with
the same rules, and the tokeniser below has a line-for-line twin there.

What a query means is ``query.parse``'s (parts: words with their other names from the
abbreviation table, 发文字号, quoted exact texts; phrases) and ``ranking.rank``'s (BM25F over
title, 发文字号/索引号 and the rest, computed from the lists below).  The files, all under
``search/``:

``meta.js``
    counts, the publishers, domains and years (as ranges of document numbers) and
    ``filters``, the list behind the ``f/`` files.
``t/N.js`` — gram shard N = FNV-1a(gram) mod ``shards``
    ``{gram: [all, title, numbers, often]}``: the documents whose text, title, or
    发文字号/索引号 contain the gram, and (pairs only) those whose text holds it three
    times or more (``postings.OFTEN_COUNT``: what ranking knows of frequency).  Grams are every character, every pair of adjacent characters, and
    the 3- and 4-character windows that hold an ASCII letter or digit (so that ``620元``,
    ``2023)`` and ``00057`` are one list each); none spans a space.  A list is a JSON
    array of gaps between document numbers, or, when denser, a base64 bitmap string.
``d/N.js`` — document shard N holds documents N*per_doc_shard …
    one record per notice (see ``_record``): what the result list shows and what a
    query checks a candidate against.
``f/N.js``
    the document list of one filter (a publisher or a domain); years are ranges.

``lexicon.js``
    the vocabulary queries are read with (``query.Lexicon``): the abbreviation table's
    entries, the words for splitting, the traditional characters, as far as the site's
    text holds them.
``pinyin.js``
    what reads pinyin queries and suggests words as one types (``pinyin.Reader``): the
    readings of the vocabulary's characters and each word's number of results.  Loaded
    only by a query with letters in it, or the first keystroke in a search box.
``sounds.js``
    the usual reading of each character of GB 2312, for reading a slip as the site's word
    that sounds like it (``slips``).  Loaded only by a query with a word no notice holds.

A text that is itself a gram is answered by its list alone, exactly.  A longer one (or a
3–4-character one without ASCII) by intersecting the lists of the windows covering it
(overlapping by one character; at most ``MAX_GRAMS`` of them, spread over the text): the
notices holding all its windows, which ranking takes as holding it.  A quoted text is
checked against each candidate's stored text, so it stays exact.
"""
from __future__ import annotations

import base64
import bisect
import heapq
import html
import json
import math
import operator
import posixpath
import re
import unicodedata
from collections import Counter, defaultdict, deque
from dataclasses import dataclass, field
from functools import partial
from datetime import date
from pathlib import Path
from itertools import repeat
from typing import Callable, Iterable, Iterator

import numpy as np

from . import paths
from .diagnostics import did_you_mean
from .domains import DomainTable
from .model import Notice, Page, Site, collector_paused, content_digest, digest
from .postings import OFTEN_COUNT, OFTEN_MARK, Block, Inverter, invert
from . import pinyin, ranking, slips
from .query import (EDGE_PUNCTUATION, FILLERS, SPACES, Folding, Lexicon, builtin_folding, builtin_groups, builtin_words,
                    merge_groups, normalize, parse, query_terms, suggest)
from .write import OutputFile

FORMAT = 7  # 2: documents stored oldest first, lists independent of the count; 3: lexicon.js; 4: often lists, title ends; 5: catalogue items; 6: smaller shards, group forms shipped once; 7: pinyin.js (a new format is a new index: the build cache's lists are not patched)
DIR = "search"
META = f"{DIR}/meta.js"
LEXICON = f"{DIR}/lexicon.js"
PINYIN = f"{DIR}/pinyin.js"
SOUNDS = f"{DIR}/sounds.js"
# Aimed sizes of a gram shard and a document shard.  A query loads the lists of each form
# of each word (低保 also 最低生活保障 …), and a page of ten hits ranked by relevance lies in
# up to ten document shards: small shards keep a cold query near 300 KB at 20,000 notices.
SHARD_BYTES = 16_000
DOC_SHARD_BYTES = 8_000
PREFIX, SUFFIX = "window.gwsiteSearch.add(", ");\n"
MAX_GRAMS = 8  # lists one term may load; the text check makes any cover exact
# A title is listed with these around it, so that a title's first and last pairs say where
# it begins and ends: a query that is a whole title finds it first (ranking.EXACT_TITLE).
TITLE_START, TITLE_END = ranking.TITLE_START, ranking.TITLE_END

# ---------------------------------------------------------------------------------------
# Normalisation and tokenisation.  Mirrored in theme/static/search.js: keep them parallel.
# ---------------------------------------------------------------------------------------

# Normalisation is query.py's: the index and the query must agree on it.  The index
# folds traditional characters with the whole table; search/lexicon.js ships the pairs
# whose simplified character the site holds, which fold the same for any text that can match.
_ASCII_ALNUM = re.compile("[0-9a-z]")


def _fold(text: str) -> str:
    return normalize(text, builtin_folding())


def is_gram(text: str) -> bool:
    """Whether the index has a list for ``text`` (a normalised string without spaces)."""
    n = len(text)
    return n in (1, 2) or (n in (3, 4) and _ASCII_ALNUM.search(text) is not None)


def grams(text: str) -> set[str]:
    """Every gram of a normalised text: what the index lists documents under (the full
    build finds the same ones with numpy, in ``postings``)."""
    # Pairs and windows over the whole text at once, the ones across a space dropped
    # after: quicker than splitting the text at its spaces first.
    found = set(map(operator.add, text, text[1:]))
    if _ASCII_ALNUM.search(text):
        spans = [m.span() for m in _ASCII_RUN.finditer(text)]
        # Every 3-window of text[s-2:e+2] and 4-window of text[s-3:e+3] holds a character
        # of the run [s, e), and no other window does.
        w = " ".join([text[max(0, s - 2):e + 2] for s, e in spans])
        found.update(map(operator.add, map(operator.add, w, w[1:]), w[2:]))
        w = " ".join([text[max(0, s - 3):e + 3] for s, e in spans])
        found.update(map(operator.add, map(operator.add, map(operator.add, w, w[1:]), w[2:]), w[3:]))
    found = {gram for gram in found if " " not in gram}
    found.update(text.replace(" ", ""))
    return found


_ASCII_RUN = re.compile("[0-9a-z]+")


def plan(term: str) -> tuple[list[str], bool]:
    """The grams whose lists answer ``term``, and whether they answer it exactly.

    A term that is a gram is its own list.  Otherwise windows of the longest listed size,
    each overlapping the next by one character, cover it; the documents on all their lists
    are candidates, checked against their stored text.  Overlapping pairs make that check
    rarely fail, so it seldom loads a document that is not shown.
    """
    if is_gram(term):
        return [term], True
    size, out, i = len(term), [], 0
    while True:
        n = next(k for k in (4, 3, 2) if i + k <= size and (k == 2 or is_gram(term[i:i + k])))
        out.append(term[i:i + n])
        if i + n >= size:
            break
        i += n - 1
    out = list(dict.fromkeys(out))
    if len(out) > MAX_GRAMS:  # a long term: any spread of its windows finds its candidates
        out = [out[i * (len(out) - 1) // (MAX_GRAMS - 1)] for i in range(MAX_GRAMS)]
    return out, False


def shard_of(key: str, shards: int) -> int:
    """FNV-1a (32-bit) over code points, modulo the shard count."""
    h = 0x811C9DC5
    for ch in key:
        h = ((h ^ ord(ch)) * 0x01000193) & 0xFFFFFFFF
    return h % shards


# ---------------------------------------------------------------------------------------
# Body text: Markdown straight to plain text, without rendering HTML and stripping it
# again.  tests/test_search.py checks it against markdown_to_html on samples.
# ---------------------------------------------------------------------------------------

# Apart from the opening marks: tried at every space of every body, they cost a third of
# the rules' time (measured), and a body needs them only where " #" or "\t#" occurs.
_CLOSING_HASHES = re.compile(r"[ \t]+#+[ \t]*$", re.M)
_MD_RULES = [  # (what the rule needs: a text, or any of several; pattern, replacement): most bodies need few
    ("<", re.compile(r"<!--.*?-->", re.S), " "),
    ("<", re.compile(r"<(script|style|iframe|object|template|textarea|title)\b.*?</\1\s*>", re.S | re.I), " "),
    ("<", re.compile(r"<(?:p|div|br|hr|li|ul|ol|dl|dt|dd|h[1-6]|blockquote|pre|table|thead|tbody|tfoot|tr|td|th"
                     r"|caption|section|article|header|footer|nav|aside|figure|figcaption)\b[^>]*>", re.I), "\n"),
    ("<", re.compile(r"</?[a-zA-Z][^>]*>"), ""),  # inline tags vanish: <b>低</b>保 reads 低保
    # Rules for the start of a line begin with its "\n" (the text starts with one), not "^":
    # re looks for a leading literal quickly, but tries "^" at every character.
    ("`", re.compile(r"\n {0,3}```.*$", re.M), "\n"),  # code fences
    ("~", re.compile(r"\n {0,3}~~~.*$", re.M), "\n"),
    ("-", re.compile(r"\n {0,3}(?:- *){3,}$", re.M), "\n"),  # rules
    ("*", re.compile(r"\n {0,3}(?:\* *){3,}$", re.M), "\n"),
    ("_", re.compile(r"\n {0,3}(?:_ *){3,}$", re.M), "\n"),
    ("|", re.compile(r"\n {0,3}\|? *:?-+:? *(?:\| *:?-+:? *)*\|? *$", re.M), "\n"),  # table rule rows
    ("#", re.compile(r"\n {0,3}#{1,6}[ \t]+"), "\n"),  # ATX headings' opening marks …
    ((" #", "\t#"), _CLOSING_HASHES, ""),  # … and their closing ones, which are rare
    (">", re.compile(r"\n {0,3}(?:>[ \t]?)+"), "\n"),  # block quotes
    ("", re.compile(r"\n[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]+"), "\n"),  # list markers
    ("!", re.compile(r"!\[[^\]]*\]\([^)]*\)"), ""),  # images: no text on the page
    ("[", re.compile(r"\[([^\]]*)\]\([^)]*\)"), r"\1"),  # links: the text
    ("[", re.compile(r"\[([^\]]*)\]\[[^\]]*\]"), r"\1"),
    ("*", re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*"), r"\1"),  # strong
    ("_", re.compile(r"__(?=\S)(.+?)(?<=\S)__"), r"\1"),
    ("*", re.compile(r"(?<![\w*])\*(?=\S)(.+?)(?<=\S)\*(?![\w*])"), r"\1"),  # emphasis
    ("_", re.compile(r"(?<![\w_])_(?=\S)(.+?)(?<=\S)_(?![\w_])"), r"\1"),
    ("`", re.compile(r"`+([^`]*)`+"), r"\1"),  # inline code
    ("|", re.compile(r"\|"), " "),  # table cells' borders (the spaces beside them go at the end)
    ("\\", re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>])"), r"\1"),  # backslash escapes
]
# An escaped character is that character, never markup: "139\*\*\*\*1234" (a masked mobile
# number) is no emphasis, "\|" no cell border.  So escapes are set aside as private-use
# characters while the rules run, and put back at the end.
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>])")
_ESCAPABLE = "\\`*_{}[]()#+-.!|>"
_HIDE = {c: chr(0xE000 + i) for i, c in enumerate(_ESCAPABLE)}
_SHOW = str.maketrans({v: k for k, v in _HIDE.items()})


def markdown_text(markdown: str) -> str:
    """The text a reader sees in a Markdown body, with single spaces between blocks."""
    text = "\n" + markdown.replace("\r\n", "\n")
    # (A body that uses those private-use characters itself keeps the plain rule.)
    hide = "\\" in text and not any(c in text for c in _HIDE.values())
    if hide:
        text = _ESCAPE.sub(lambda m: _HIDE[m.group(1)], text)
    for needs, pattern, repl in _MD_RULES:
        if needs in text if isinstance(needs, str) else any(n in text for n in needs):
            text = pattern.sub(repl, text)
    if hide:
        text = text.translate(_SHOW)
    if "&" in text:
        text = html.unescape(text)
    return " ".join(text.split())


# ---------------------------------------------------------------------------------------
# Building the index
# ---------------------------------------------------------------------------------------

# A document record, as stored in d/N.js (a list, to keep shards small):
ID, TITLE, URL, DATE, ORG, DOMAINS, DOC_NUMBER, INDEX_NUMBER, ITEM, ATTACHMENTS, BODY, KIND, ANCHOR = range(13)
# KIND: "page" or "item", none for a notice; ANCHOR: an item's row on its page (URL a path, as search.js quotes it)


@dataclass(frozen=True)
class ItemDocument:
    """A catalogue item (标准目录事项) as the index holds it: a result of its own kind that
    leads to the item's row on its domain's page."""

    id: str  # 领域/一级事项/二级事项[/三级事项]
    title: str  # the item's key, as notices name it
    url: str  # its domain's page
    anchor: str  # its row's id there
    publisher: str  # the first organisation of its 公开主体, or ""
    domains: tuple[str, ...]
    body: str  # 公开内容, 公开依据, 公开时限, 公开主体, as the catalogue writes them
    published: None = None


def catalogue_documents(site: Site) -> list[ItemDocument]:
    """The site's catalogue items, in catalogue order, numbered per domain as its page
    numbers their rows (``render.View.item_row_anchor``)."""
    slugs = {d.name: d.slug for d in site.config.domains.domains}
    numbers: Counter[str] = Counter()
    found = []
    for item in site.catalogue:
        numbers[item.domain] += 1
        found.append(ItemDocument(
            f"{item.domain}/{item.key}", item.key, paths.domain(slugs[item.domain]),
            paths.catalogue_row_id(numbers[item.domain]),
            item.subject_orgs[0] if item.subject_orgs else "", (item.domain,),
            " ".join(t for t in (item.content, item.basis, item.deadline, item.subject) if t)))
    return found


Document = Notice | Page | ItemDocument


def documents(site: Site) -> list[Document]:
    """What the index holds, newest first (then notices before pages, then by id): the
    published notices and the free pages (指南, 制度, 年报 …); then, undated, the
    catalogue items (so that they are stored first and a new notice still appends)."""
    pages = sorted(site.pages, key=lambda p: (-(p.published or date.min).toordinal(), p.id))
    dated = list(site.notices) if not pages else list(heapq.merge(
        site.notices, pages, key=lambda d: (-(d.published or date.min).toordinal(), isinstance(d, Page), d.id)))
    return dated + catalogue_documents(site)


def _key(document: Document) -> str:
    """A document's name in the index's state: pages and notices may share an id, and an
    item's row number is part of its address."""
    if isinstance(document, ItemDocument):
        return f"item:{document.url}#{document.anchor}"
    return f"page:{document.id}" if isinstance(document, Page) else document.id


def _record(notice: Document, org_index: dict[str, int], domain_index: dict[str, int]) -> list:
    if isinstance(notice, ItemDocument):
        return [notice.id, notice.title, notice.url, "", org_index.get(notice.publisher, -1),
                [domain_index[d] for d in notice.domains], "", "", "", [], notice.body, "item", notice.anchor]
    if isinstance(notice, Page):  # a notice's fields, and its kind last
        return [notice.id, notice.title, paths.page(notice.id), notice.published.isoformat() if notice.published else "",
                org_index.get(notice.publisher, -1), [], "", "", notice.section, [], markdown_text(notice.body), "page"]
    return [
        notice.id, notice.title, paths.notice(notice.id), notice.published.isoformat(),
        org_index.get(notice.publisher, -1), [domain_index[d] for d in notice.domains],
        notice.doc_number, notice.index_number, notice.item,
        # the published names, and the start of the files' text (masked): searched, not shown
        [posixpath.basename(paths.attachment(a)) for a in notice.attachments]
        + ([notice.attachment_text] if notice.attachment_text else []),
        markdown_text(notice.body),
    ]


def field_texts(record: list, org_names: list[str], domain_names: list[str]) -> tuple[str, str, str]:
    """The normalised title, numbers (发文字号 索引号) and other text (body, publisher,
    domains, catalogue item, attachment names) of a record.  Fields are joined with
    spaces, which no gram and no term contains, so a match never spans two of them."""
    org = org_names[record[ORG]] if record[ORG] >= 0 else ""
    other = " ".join([record[BODY], org, *(domain_names[d] for d in record[DOMAINS]),
                      record[ITEM], *record[ATTACHMENTS]])
    return (_fold(record[TITLE]), _fold(f"{record[DOC_NUMBER]} {record[INDEX_NUMBER]}"), _fold(other))


def _script(kind: str, number: int, data) -> bytes:
    payload = json.dumps([kind, number, data], ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return (PREFIX + payload + SUFFIX).encode("utf-8")


def _encode(docs: list[int]) -> str:
    """A sorted document list as JSON: an array of gaps, or a base64 bitmap when smaller.
    A pure function of the list (not of the document count), so a list that did not
    change is written the same, and an incremental build can leave its shard alone."""
    if len(docs) == 1:
        return f"[{docs[0]}]"
    bitmap_chars = 4 * math.ceil(math.ceil((docs[-1] + 1) / 8) / 3) + 2
    if bitmap_chars < 2 * len(docs):  # a list takes at least two characters per document
        gaps = "[" + ",".join(map(str, [docs[0], *map(operator.sub, docs[1:], docs[:-1])])) + "]"
        if bitmap_chars < len(gaps):
            flags = bytearray(docs[-1] + 1)
            deque(map(flags.__setitem__, docs, repeat(1)), 0)
            bits = int(flags[::-1].translate(_BIT_CHARS).decode("ascii"), 2)
            return '"' + base64.b64encode(bits.to_bytes(math.ceil((docs[-1] + 1) / 8), "little")).decode("ascii") + '"'
        return gaps
    return "[" + ",".join(map(str, [docs[0], *map(operator.sub, docs[1:], docs[:-1])])) + "]"


_BIT_CHARS = bytes.maketrans(b"\x00\x01", b"01")


_NEEDS_ESCAPE = re.compile(r'["\\\x00-\x1f\x7f]')


def _json_string(text: str) -> str:
    return json.dumps(text, ensure_ascii=False) if _NEEDS_ESCAPE.search(text) else f'"{text}"'


def _json_record(record: list) -> bytes:
    text = json.dumps(record, ensure_ascii=False, separators=(",", ":"))
    if "\u2028" in text or "\u2029" in text:  # line breaks inside a string literal before ES2019
        text = text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return text.encode("utf-8")


def _decode(value) -> list[int]:
    """A list as stored: storage numbers, ascending."""
    if isinstance(value, str):
        bits = int.from_bytes(base64.b64decode(value), "little")
        return [i for i, c in enumerate(reversed(bin(bits)[2:])) if c == "1"]
    out, total = [], 0
    for gap in value:
        total += gap
        out.append(total)
    return out


def _pow2_at_least(value: float) -> int:
    """The smallest power of two ≥ value: counts of shards that move only when the index
    doubles or halves, so that one more notice does not redistribute every list."""
    return 1 << max(0, math.ceil(math.log2(max(1.0, value))))


@dataclass(frozen=True)
class IndexPart:
    """One index file: its path, a key that changes whenever its bytes do, and how to make it."""

    path: str
    key: str
    make: Callable[[], bytes]


@dataclass
class IndexState:
    """The index as kept between builds (in the build cache), so that a rebuild after a
    few notices changed patches their lists instead of inverting every notice.

    Documents are stored oldest first (storage number s); a query ranks newest first
    (rank r = docs - 1 - s).  A notice published today is appended, so the lists of
    every other notice stay as they were.
    """

    config_key: str = ""
    ids: list[str] = field(default_factory=list)  # storage number -> notice id
    notice_keys: list[str] = field(default_factory=list)  # storage number -> digest of the notice
    records: list[bytes] = field(default_factory=list)  # storage number -> record JSON
    lists: dict[str, str] = field(default_factory=dict)  # gram -> "[all,title,numbers]" JSON
    shards: int = 0
    members: list[list[str]] = field(default_factory=list)  # gram shard -> its grams, sorted
    shard_keys: list[str] = field(default_factory=list)

    # Kept as a few long strings: pickling 100,000s of small ones took a second per build.
    # (No gram contains a space, so it separates them; no list contains a newline.)
    def __getstate__(self) -> dict:
        state = dict(self.__dict__)
        state["lists"] = (" ".join(self.lists), "\n".join(self.lists.values()))
        state["members"] = [" ".join(keys) for keys in self.members]
        return state

    def __setstate__(self, state: dict) -> None:
        grams_text, lists_text = state["lists"]
        state["lists"] = dict(zip(grams_text.split(" "), lists_text.split("\n"))) if grams_text else {}
        state["members"] = [keys.split(" ") if keys else [] for keys in state["members"]]
        self.__dict__.update(state)


def _listed(grams, text: str) -> bool:
    """Whether the index lists every window of ``text`` (the site may hold it)."""
    return all(gram in grams for gram in plan(text)[0])


def site_lexicon(grams, site: Site) -> Lexicon:
    """The vocabulary shipped with the index: the abbreviation table's entries (with the
    site's own, and each organisation's names) of which the site holds some form, the
    words for splitting queries that the site holds, and the traditional characters whose
    simplified form it holds.  ``grams`` is every gram the index lists."""
    holds = partial(_listed, grams)
    config = site.config
    orgs = [(o.name, *o.aliases) for o in config.orgs]
    groups = merge_groups([*builtin_groups(), *config.search_synonyms, *orgs])
    kept = tuple(g for g in groups if any(map(holds, g)))
    names = [n for o in orgs for n in o] + [d.name for d in config.domains.domains] + place_words(site)
    words = {w for w in map(_fold, [*builtin_words(), *names]) if len(w) >= 2 and " " not in w and holds(w)}
    words.update(f for g in kept for f in g)
    folding = builtin_folding()
    return Lexicon(kept, frozenset(words), Folding({k: v for k, v in folding.pairs.items() if v in grams}))


# A place in an organisation's name, at its start or after another place (云岭市青溪区白沙街道
# 办事处: 云岭市, 青溪区, 白沙街道): said with and without its ending (白沙, 青溪).
_PLACE = re.compile("([\u4e00-\u9fff]{2,}?)(街道|市|区|县|镇|乡)")
TERMS = 3000  # title words kept for reading pinyin, the most frequent first
TERM_TITLES = 3  # … each in at least this many titles


def place_names(site: Site) -> list[str]:
    """The names places are read from: the district's and its townships' (a department's
    name holds 城乡 and the like, no place)."""
    return [site.config.region, *(n for o in site.config.orgs if o.kind == "township" for n in (o.name, *o.aliases))]


def place_words(site: Site) -> list[str]:
    """The district's and its townships' places, with and without their endings (临江市,
    临江, 石桥县, 石桥; 白沙街道, 白沙): words of the lexicon, so that a query naming the
    county (在石桥县上学) is split at them."""
    places = set()
    for name in map(_fold, place_names(site)):
        at = 0
        while (place := _PLACE.match(name, at)) is not None:
            places.update((place.group(1), place.group()))
            at = place.end()
    return sorted(p for p in places if len(p) <= 6)


def site_terms(site: Site, lexicon: Lexicon, grams) -> list[str]:
    """Words of the site for reading pinyin in full only (``pinyin.Reader``): its places
    (``place_words``) where the lexicon lacks them, and the pairs of characters that stand
    in the titles of at least ``TERM_TITLES`` documents (交通, 考试, 贷款: "frequent index
    words"), those not in the lexicon already, at most ``TERMS``."""
    places = place_words(site)
    titles: Counter[str] = Counter()
    for document in documents(site):
        titles.update({run[i:i + 2] for run in _CJK_ONLY.findall(_fold(document.title)) for i in range(len(run) - 1)})
    frequent = sorted((pair for pair, n in titles.items() if n >= TERM_TITLES), key=lambda pair: (-titles[pair], pair))
    found = [t for t in dict.fromkeys([*places, *frequent]) if t not in lexicon.words and t not in FILLERS
             and _listed(grams, t)]
    return sorted(found[:TERMS])


_CJK_ONLY = re.compile("[\u4e00-\u9fff]+")


def word_hits(lexicon: Lexicon, lists: dict[str, str], docs: int, extra: list[str] = ()) -> tuple[list[int], list[int]]:
    """For each vocabulary word (``pinyin.vocabulary`` order), the number of results a
    search for it gives (what a suggestion says it will find) and how many of them hold
    it whole (how much the site uses it)."""
    decoded: dict[str, np.ndarray] = {}

    def held_by(gram: str) -> np.ndarray:
        """The notices (storage numbers: a count does not depend on the order) holding a gram."""
        if gram not in decoded:
            found = np.zeros(docs, bool)
            entry = lists.get(gram, "[[]]")  # "[all,title,…]": only the first list is read
            if entry[1] == '"':  # a base64 bitmap
                value = entry[2:entry.index('"', 2)]
                bits = np.unpackbits(np.frombuffer(base64.b64decode(value), np.uint8), bitorder="little")[:docs]
                found[:len(bits)] = bits.astype(bool)
            elif entry[2] != "]":  # gaps between document numbers
                found[np.cumsum(np.array(entry[2:entry.index("]")].split(","), dtype=np.int64))] = True
            decoded[gram] = found
        return decoded[gram]

    def windows(text: str) -> list[np.ndarray]:
        return [held_by(gram) for gram in plan(text)[0]]

    hits, held = [], []
    for word in [*pinyin.vocabulary(lexicon), *extra]:
        results, whole = ranking.count(parse(word, lexicon), windows, docs)
        hits.append(results)
        held.append(whole)
    return hits, held


def pinyin_data(lexicon: Lexicon, site: Site, lists: dict[str, str], docs: int) -> dict:
    """search/pinyin.js: the vocabulary's readings and counts, and the site's terms."""
    terms = site_terms(site, lexicon, lists)
    hits, held = word_hits(lexicon, lists, docs, terms)
    words = len(lexicon.words)
    return pinyin.data(lexicon, hits[:words], held[:words], terms, held[words:], place_only_words(site, lexicon))


def place_only_words(site: Site, lexicon: Lexicon) -> list[str]:
    """The lexicon's words that are in it only as places (白马 of 白马镇; not 龙门镇, an
    organisation's alias): read in pinyin like the terms, in full only and never suggested."""
    config = site.config
    named = set(map(_fold, [*builtin_words(), *(n for o in config.orgs for n in (o.name, *o.aliases)),
                            *(d.name for d in config.domains.domains)]))
    named.update(f for g in lexicon.groups for f in g)
    return [p for p in place_words(site) if p in lexicon.words and p not in named]


def _title_lengths(lengths: list[int | None]) -> list:
    """The documents (storage numbers, encoded as lists are) whose title is short, and
    those whose title is long, against the average: BM25's length normalisation of the
    title field, in two steps (``ranking.TITLE_SHORT``, ``ranking.TITLE_LONG``).  A
    catalogue item's name (None here) is neither, and not in the average: it is not a title
    written the way notices' are."""
    known = [n for n in lengths if n is not None]
    if not known:
        return [0, 0]
    average = sum(known) / len(known)
    short = [s for s, n in enumerate(lengths) if n is not None and n <= ranking.SHORT * average]
    long = [s for s, n in enumerate(lengths) if n is not None and n >= ranking.LONG * average]
    return [json.loads(_encode(short)) if short else 0, json.loads(_encode(long)) if long else 0]


def index_files(site: Site) -> list[OutputFile]:
    """Every file of the search index, from the assembled site (published notices only)."""
    _, parts = update_index(None, site)
    return [OutputFile(p.path, p.make()) for p in parts]


def update_index(previous: IndexState | None, site: Site) -> tuple[IndexState, Iterator[IndexPart]]:
    """The index of ``site``: patched from ``previous`` where only some notices changed
    (or were added as the newest), else built anew.  Both give the same bytes.

    The parts come one at a time, each gram shard made as it is reached, so that the
    index's files are never all in memory at once; the state is complete (its shard
    keys set) once every part has been taken."""
    work = IndexBuild(previous, site)
    return work.finish(map(work.piece, range(work.pieces)))


class IndexBuild:
    """The index made in two steps, so that the heavy one can run in several processes.

    ``piece(i)`` makes the records of the i-th block of notices and inverts their texts
    into files (any process forked after this object was made may run it: the build's
    render workers do, before they render); ``finish`` takes the pieces in order, here,
    merges the lists and returns what ``update_index`` returns.  A patch (see
    ``update_index``) has no pieces."""

    def __init__(self, previous: IndexState | None, site: Site) -> None:
        self.site = site
        self.fields = _Fields(site)
        self.notices = documents(site)[::-1]  # oldest first: storage order
        self.ids = [_key(n) for n in self.notices]
        self.notice_keys = [digest(n) for n in self.notices]
        self.previous = previous
        self.patchable = (previous is not None and previous.config_key == self.fields.key
                          and self.ids[:len(previous.ids)] == previous.ids)
        self.pieces = 0 if self.patchable else -(-len(self.notices) // _BLOCK)
        # Where the pieces put their files: made here, before any worker is forked.
        self.inverters = () if self.patchable else (Inverter(), Inverter(), Inverter())  # every, title, numbers

    def piece(self, number: int) -> tuple[list[bytes], tuple[Block, Block, Block]]:
        """Block ``number``: its records as JSON, and its texts inverted (see ``postings``)."""
        first = number * _BLOCK
        fields = self.fields
        records = [_record(n, fields.org_index, fields.domain_index) for n in self.notices[first:first + _BLOCK]]
        texts = [field_texts(r, fields.org_names, fields.domain_names) for r in records]
        every, in_title, in_numbers = self.inverters
        return [_json_record(r) for r in records], (
            invert([f"{title} {numbers} {other}" for title, numbers, other in texts], first, every.block_path(number)),
            invert([f"{TITLE_START}{title}{TITLE_END}" for title, _, _ in texts], first, in_title.block_path(number)),
            invert([numbers for _, numbers, _ in texts], first, in_numbers.block_path(number)))

    @collector_paused  # millions of small lists
    def finish(self, pieces: Iterable[tuple[list[bytes], tuple[Block, Block, Block]]]
               ) -> tuple[IndexState, Iterator[IndexPart]]:
        fields, previous = self.fields, self.previous
        state = IndexState(fields.key, self.ids, self.notice_keys, [])
        if self.patchable:
            old_key = dict(zip(previous.ids, previous.notice_keys))
            old_record = dict(zip(previous.ids, previous.records))
            state.records = [old_record[i] if old_key.get(i) == k else _json_record(_record(n, fields.org_index, fields.domain_index))
                             for i, n, k in zip(self.ids, self.notices, self.notice_keys)]
            changed = [s for s in range(len(self.ids))
                       if s >= len(previous.ids) or self.notice_keys[s] != previous.notice_keys[s]]
            state.lists = previous.lists
            touched = _patch_lists(state.lists, fields, changed, previous.records, state.records)
            state.shards, state.members, state.shard_keys = previous.shards, previous.members, previous.shard_keys
        else:
            every, in_title, in_numbers = self.inverters
            try:
                for records, blocks in pieces:
                    state.records += records
                    for inverter, block in zip(self.inverters, blocks):
                        inverter.take(block)
                title, numbers = (dict(_encoded(inverter, often=False)) for inverter in (in_title, in_numbers))
                often: dict[str, str] = {}  # comes first (postings.LENGTHS)
                state.lists = {}
                for gram, docs in _encoded(every):
                    if gram[0] == OFTEN_MARK:
                        often[gram[1:]] = docs
                    else:
                        state.lists[gram] = _entry(docs, title.get(gram), numbers.get(gram), often.get(gram))
                for gram, docs in title.items():  # a title's ends: in the title only
                    if (TITLE_START in gram or TITLE_END in gram) and gram not in (TITLE_START, TITLE_END):
                        state.lists[gram] = _entry(docs, docs, None)
            finally:
                for inverter in self.inverters:
                    inverter.close()
            touched = None  # every list is new
        return state, _parts(state, fields, self.site, touched)


class _Fields:
    """The config's publishers and domains, as the records number them."""

    def __init__(self, site: Site) -> None:
        config = site.config
        self.orgs = [(o.id, o.name) for o in config.orgs]
        self.org_index = {org_id: i for i, (org_id, _) in enumerate(self.orgs)}
        self.org_names = [name for _, name in self.orgs]
        self.domain_names = [d.name for d in config.domains.domains]
        self.domain_index = {name: i for i, name in enumerate(self.domain_names)}
        self.key = content_digest(repr(self.orgs), repr(self.domain_names), FORMAT)

    def grams_of(self, record: list) -> tuple[set[str], set[str], set[str], set[str]]:
        """The grams a record is listed under: anywhere, in the title, in the numbers, and
        the pairs it holds often (as ``postings`` finds them)."""
        title, numbers, other = field_texts(record, self.org_names, self.domain_names)
        text = f"{title} {numbers} {other}"
        pairs = Counter(a + b for a, b in zip(text, text[1:]) if a != " " and b != " ")
        in_title = grams(f"{TITLE_START}{title}{TITLE_END}") - {TITLE_START, TITLE_END}
        ends = {g for g in in_title if TITLE_START in g or TITLE_END in g}
        return grams(text) | ends, in_title, grams(numbers), {p for p, n in pairs.items() if n >= OFTEN_COUNT}


def _encoded(inverter: Inverter, often: bool = True) -> Iterator[tuple[str, str]]:
    """(gram, its list as ``_encode`` writes it) for every gram of ``inverter`` (with
    ``often``, the lists of the pairs held often too, their grams marked)."""
    for grams, bounds, docs in inverter.postings():
        if often or not grams or grams[0][0] != OFTEN_MARK:
            yield from zip(grams, _encode_lists(bounds, docs))


def _encode_lists(bounds: np.ndarray, docs: np.ndarray) -> list[str]:
    """``_encode`` of each list ``docs[bounds[i]:bounds[i + 1]]``, all at once: the same
    strings, with the digits of every gap written by numpy instead of ``str``."""
    if len(docs) == 0:
        return []
    firsts, lasts = bounds[:-1], bounds[1:] - 1
    gaps = np.diff(docs, prepend=0)
    gaps[firsts] = docs[firsts]  # a list's first number is a document, not a gap
    gaps = gaps.astype(np.uint32)  # below MAX_DOCS: 32-bit division is the quicker
    digits = np.ones(len(gaps), dtype=np.int64)
    for power in _POWERS[1:]:
        digits += gaps >= power
    # Every gap's digits then a comma, end to end: commas everywhere first, then the last
    # digit of every gap, the one before it of the gaps that have one, and so on (most
    # gaps are short, so each round writes fewer).
    ends = np.cumsum(digits + 1)
    text = np.full(int(ends[-1]), ord(","), dtype=np.uint8)
    at, values = ends - 2, gaps
    while len(at):
        text[at] = values % 10 + 48
        values = values // 10
        left = np.flatnonzero(values)
        at, values = at[left] - 1, values[left]
    text = text.tobytes().decode("ascii")
    starts, stops = (ends - digits - 1)[firsts], ends[lasts] - 1  # without the last comma
    counts = bounds[1:] - firsts
    nbytes = (docs[lasts] + 8) // 8  # of a bitmap up to the last document
    bitmap_chars = 4 * ((nbytes + 2) // 3) + 2  # in base64, with its quotes
    bitmap = (bitmap_chars < 2 * counts) & (bitmap_chars < stops - starts + 2)
    out = [f"[{text[a:b]}]" for a, b in zip(starts.tolist(), stops.tolist())]
    for i in np.flatnonzero(bitmap).tolist():
        flags = np.zeros(docs[lasts[i]] + 1, dtype=bool)
        flags[docs[firsts[i]:lasts[i] + 1]] = True
        out[i] = '"' + base64.b64encode(np.packbits(flags, bitorder="little").tobytes()).decode("ascii") + '"'
    return out


_POWERS = [10 ** k for k in range(7)]  # document numbers have at most seven digits (postings.MAX_DOCS)


_BLOCK = 1024  # notices a piece inverts: about 60 MB of arrays for bodies of 3,000 characters


def _encode_entry(docs: list[int], title: list[int] | None, numbers: list[int] | None,
                  often: list[int] | None = None) -> str:
    return _entry(*(_encode(d) if d else None for d in (docs, title, numbers, often)))


def _entry(docs: str, title: str | None, numbers: str | None, often: str | None = None) -> str:
    """A gram's entry from its encoded lists: ``[all]``, ``[all,title]``,
    ``[all,title or 0,numbers]`` or ``[all,title or 0,numbers or 0,often]``."""
    if often:
        return f"[{docs},{title or 0},{numbers or 0},{often}]"
    if numbers:
        return f"[{docs},{title or 0},{numbers}]"
    return f"[{docs},{title}]" if title else f"[{docs}]"


def _patch_lists(lists: dict[str, str], fields: _Fields, changed: list[int], old_records: list[bytes],
                 records: list[bytes]) -> set[str]:
    """Move the changed documents between lists; returns the grams whose entry changed."""
    edits: dict[str, list[tuple[int, int, bool]]] = defaultdict(list)  # gram -> (list, document, member)
    for s in changed:
        new = fields.grams_of(json.loads(records[s]))
        old = fields.grams_of(json.loads(old_records[s])) if s < len(old_records) else (set(), set(), set(), set())
        for which in range(4):
            for gram in old[which] - new[which]:
                edits[gram].append((which, s, False))
            for gram in new[which] - old[which]:
                edits[gram].append((which, s, True))
    for gram, changes in edits.items():
        entry = json.loads(lists[gram]) if gram in lists else []
        docs = [set(_decode(v)) if v else set() for v in (entry + [0, 0, 0, 0])[:4]]
        for which, s, member in changes:
            (docs[which].add if member else docs[which].discard)(s)
        if docs[0]:
            lists[gram] = _encode_entry(*(sorted(d) for d in docs))
        else:
            lists.pop(gram, None)
    return set(edits)


def _parts(state: IndexState, fields: _Fields, site: Site, touched: set[str] | None) -> Iterator[IndexPart]:
    total = sum(len(k) + len(v) + 4 for k, v in state.lists.items())
    shards = _pow2_at_least(total / SHARD_BYTES)
    if touched is None or shards != state.shards:
        state.shards = shards
        state.members = [[] for _ in range(shards)]
        for gram in state.lists:
            state.members[shard_of(gram, shards)].append(gram)
        for keys in state.members:
            keys.sort()
        dirty = set(range(shards))
        state.shard_keys = [""] * shards
    else:
        dirty = set()
        for gram in touched:
            number = shard_of(gram, shards)
            keys = state.members[number]
            at = bisect.bisect_left(keys, gram)
            present = at < len(keys) and keys[at] == gram
            if gram in state.lists and not present:
                keys.insert(at, gram)
            elif gram not in state.lists and present:
                del keys[at]
            dirty.add(number)

    def gram_shard(number: int) -> bytes:
        body = ",".join(f"{_json_string(k)}:{state.lists[k]}" for k in state.members[number])
        return f'{PREFIX}["t",{number},{{{body}}}]{SUFFIX}'.encode("utf-8")

    for number in range(shards):
        if number in dirty:  # its key is the digest of its bytes, so they are made now
            data = gram_shard(number)
            state.shard_keys[number] = content_digest(data)
            yield IndexPart(f"{DIR}/t/{number}.js", state.shard_keys[number], lambda data=data: data)
        else:
            yield IndexPart(f"{DIR}/t/{number}.js", state.shard_keys[number], lambda number=number: gram_shard(number))

    count = len(state.records)
    size = sum(map(len, state.records))
    # A power of two at most the aimed size: a result page loads no more than before.
    aim = DOC_SHARD_BYTES * count / size if count else 1
    per_doc_shard = min(64, 1 << int(math.log2(aim))) if aim >= 1 else 1
    for number in range(math.ceil(count / per_doc_shard)):
        first, last = number * per_doc_shard, (number + 1) * per_doc_shard
        # Records number publishers and domains in the config's order (fields.key), so a
        # reordered site.yaml changes a shard whose notices did not change.
        key = content_digest(per_doc_shard, fields.key, *state.notice_keys[first:last])

        def doc_shard(number=number, first=first, last=last) -> bytes:
            chunk = b",".join(state.records[first:last])
            return f'{PREFIX}["d",{number},['.encode("utf-8") + chunk + f"]]{SUFFIX}".encode("utf-8")
        yield IndexPart(f"{DIR}/d/{number}.js", key, doc_shard)

    by_org: dict[int, list[int]] = defaultdict(list)
    by_domain: dict[int, list[int]] = defaultdict(list)
    years: dict[int, list[int]] = {}
    title_lengths: list[int | None] = []  # by storage number
    for rank, notice in enumerate(documents(site)):  # newest first: year spans in rank numbers
        s = count - 1 - rank
        title_lengths.append(None if isinstance(notice, ItemDocument) else len(_fold(notice.title)))
        if notice.publisher in fields.org_index:
            by_org[fields.org_index[notice.publisher]].append(s)
        for d in getattr(notice, "domains", ()):
            by_domain[fields.domain_index[d]].append(s)
        if isinstance(notice, ItemDocument):
            continue  # undated, and in no year
        span = years.setdefault((notice.published or date.min).year, [rank, rank])
        span[1] = rank
    filters = [["org", fields.orgs[i][0]] for i in sorted(by_org)] + [["domain", fields.domain_names[i]] for i in sorted(by_domain)]
    filter_lists = [by_org[i] for i in sorted(by_org)] + [by_domain[i] for i in sorted(by_domain)]
    for number, docs in enumerate(filter_lists):
        data = f'{PREFIX}["f",{number},{_encode(docs[::-1])}]{SUFFIX}'.encode("utf-8")
        yield IndexPart(f"{DIR}/f/{number}.js", content_digest(data), lambda data=data: data)

    lexicon = site_lexicon(state.lists, site)
    data = _script("l", 0, lexicon.to_data())
    yield IndexPart(LEXICON, content_digest(data), lambda: data)
    # Made only when what it is made from changed (the lists, the vocabulary, the places of
    # site.yaml that site_terms reads): counting each word's results searches every word.
    yield IndexPart(PINYIN, content_digest(PINYIN, pinyin.data_version(), data, count, *place_names(site),
                                           *state.shard_keys),
                    lambda: _script("p", 0, pinyin_data(lexicon, site, state.lists, count)))
    yield IndexPart(SOUNDS, content_digest(SOUNDS, pinyin.data_version(), slips.DATA_FORMAT),
                    lambda: _script("s", 0, slips.data()))
    items = sum(1 for key in state.ids if key.startswith("item:"))

    meta = {
        "format": FORMAT,
        "docs": count,
        "items": items,  # stored first (_key)
        "shards": shards,
        "per_doc_shard": per_doc_shard,
        "orgs": [[org_id, name] for org_id, name in fields.orgs],
        "aliases": [[alias, o.id] for o in site.config.orgs for alias in o.aliases],  # --org 龙门镇
        "domains": fields.domain_names,
        "years": [[y, *years[y]] for y in sorted(years, reverse=True)],
        "filters": filters,
        "titles": _title_lengths(title_lengths[::-1]),
    }
    data = _script("m", 0, meta)
    yield IndexPart(META, content_digest(data), lambda: data)


# ---------------------------------------------------------------------------------------
# Querying the built files (what `gwsite search` runs; search.js does the same)
# ---------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Hit:
    id: str
    title: str
    url: str  # relative to the output folder
    date: str
    publisher: str
    score: float  # ranking.rank's score
    complete: bool  # holds every part of the query
    via: tuple[str, ...] = ()  # the other names (from the abbreviation table) it matched through
    kind: str = "notice"


@dataclass(frozen=True)
class SearchResult:
    total: int
    hits: tuple[Hit, ...]
    missing: tuple[str, ...] = ()  # parts of the query that no notice holds
    suggestions: tuple[str, ...] = ()  # 您是不是要找: queries one character away (query.suggest)
    read_as: tuple[str, ...] = ()  # the words a query in pinyin was read as (pinyin.Reader.read)
    read_text: str = ""  # … and the query so read
    as_typed: str = ""  # … and the query that searches its letters as typed (pinyin.as_typed)
    fixed: tuple[str, ...] = ()  # the words a missing part may be a slip of, searched for it (slips)


class IndexReader:
    """The index files of a built site, read on demand and kept."""

    def __init__(self, out_dir: Path) -> None:
        self.root = Path(out_dir) / DIR
        self.meta = self._read(self.root / "meta.js")[2]
        if self.meta.get("format") != FORMAT:
            raise FileNotFoundError(2, "made by another version of gwsite", str(self.root / "meta.js"))
        self.lexicon = Lexicon.from_data(self._read(self.root / "lexicon.js")[2])
        self.org_names = [name for _, name in self.meta["orgs"]]
        self.short_titles, self.long_titles = (self._ranks(v) if v else set() for v in self.meta["titles"])
        self._shards: dict[int, dict] = {}
        self._docs: dict[int, list] = {}
        self._pinyin: pinyin.Reader | None = None
        self._sounds: slips.Sounds | None = None

    @property
    def pinyin(self) -> pinyin.Reader:
        """The reader of pinyin queries and suggestions (search/pinyin.js, read when first needed)."""
        if self._pinyin is None:
            self._pinyin = pinyin.Reader(self.lexicon, self._read(self.root / "pinyin.js")[2])
        return self._pinyin

    @property
    def sounds(self) -> slips.Sounds:
        """What reads a slip as the site's word that sounds like it (search/sounds.js and
        search/pinyin.js, read when first needed)."""
        if self._sounds is None:
            reader = self.pinyin
            self._sounds = slips.Sounds(self._read(self.root / "sounds.js")[2], reader.readings,
                                        {**reader.held, **reader.term_held})
        return self._sounds

    @staticmethod
    def _read(path: Path):
        text = path.read_text(encoding="utf-8")
        if not (text.startswith(PREFIX) and text.endswith(SUFFIX)):
            raise ValueError(f"{path}: not a gwsite search file")
        return json.loads(text[len(PREFIX):-len(SUFFIX)])

    def lists(self, gram: str) -> ranking.Lists:
        number = shard_of(gram, self.meta["shards"])
        if number not in self._shards:
            self._shards[number] = self._read(self.root / "t" / f"{number}.js")[2]
        entry = self._shards[number].get(gram, [[]])
        return tuple(self._ranks(v) if v else set() for v in (entry + [0, 0, 0])[:4])

    def lookup(self, text: str) -> ranking.Lists:
        """The notices that hold every window of ``text``: anywhere, in the title, in the
        numbers, often (see ``ranking.Lists``)."""
        found = None
        for gram in plan(text)[0]:
            lists = self.lists(gram)
            found = lists if found is None else tuple(a & b for a, b in zip(found, lists))
        return found

    def windows(self, text: str) -> list[ranking.Lists]:
        """The lists of each window of ``text``."""
        return [self.lists(gram) for gram in plan(text)[0]]

    def _ranks(self, value) -> set[int]:
        """A stored list (storage numbers, oldest first) as ranks (newest first)."""
        last = self.meta["docs"] - 1
        return {last - s for s in _decode(value)}

    def filter(self, kind: str, value: str) -> set[int]:
        try:
            number = self.meta["filters"].index([kind, value])
        except ValueError:
            return set()
        return self._ranks(self._read(self.root / "f" / f"{number}.js")[2])

    def record(self, number: int) -> list:
        """The record of the document ranked ``number``."""
        per = self.meta["per_doc_shard"]
        number = self.meta["docs"] - 1 - number  # its storage number
        shard = number // per
        if shard not in self._docs:
            self._docs[shard] = self._read(self.root / "d" / f"{shard}.js")[2]
        return self._docs[shard][number % per]

    def holds(self, number: int, text: str) -> bool:
        """Whether the document ranked ``number`` holds ``text`` exactly, in any field."""
        return any(text in field for field in field_texts(self.record(number), self.org_names, self.meta["domains"]))


class UnknownFilter(ValueError):
    """A ``--org`` or ``--domain`` that names nothing in the site: a search that would find
    nothing for a reason the user cannot see."""


def resolve_filter(index: IndexReader, kind: str, value: str) -> str:
    """The org id or domain name that ``value`` means, as ``query`` filters by: for an org
    its id, its name or one of its aliases (区民政局), for a domain its name or one of its usual names (卫生健康
    for 医疗卫生).  Raises UnknownFilter, naming what there is, when it means none."""
    value = value.strip()
    if kind == "org":
        for org_id, name in index.meta["orgs"]:
            if value in (org_id, name):
                return org_id
        for alias, org_id in index.meta.get("aliases", ()):
            if value == alias:
                return org_id
        known = [f"{org_id} ({name})" for org_id, name in index.meta["orgs"]]
        if len(known) > 12:
            known[12:] = [f"and {len(known) - 12} more"]
        hint = did_you_mean(value, [name for _, name in index.meta["orgs"]] + [i for i, _ in index.meta["orgs"]] +
                            [alias for alias, _ in index.meta.get("aliases", ())])
        raise UnknownFilter(f"no publisher '{value}' in this site{hint} (publishers: {', '.join(known)})")
    names = index.meta["domains"]
    found = value if value in names else getattr(DomainTable().resolve(value), "name", None)
    if found in names:
        return found
    raise UnknownFilter(f"no domain '{value}' in this site{did_you_mean(value, names)} (domains: {'、'.join(names)})")


ORDERS = ("relevance", "date")


def query(out_dir: Path, q: str, org: str = "", domain: str = "", year: int | None = None,
          reader: IndexReader | None = None, limit: int | None = None, order: str = "relevance") -> SearchResult:
    """The hits for ``q`` in the index of the site built in ``out_dir``, best first (or,
    with ``order="date"``, those holding every part newest first, then the rest): all of
    them, or the first ``limit`` (``total`` counts all either way)."""
    index = reader or IndexReader(out_dir)
    text = normalize(q, index.lexicon.folding)
    typed = pinyin.untoned(text)  # dībǎo is read as dibao; where it reads as no word, as typed
    reading = index.pinyin.read(typed) if pinyin.has_letters(typed) else pinyin.Reading(text)
    if not reading.words:
        reading = pinyin.Reading(text)
    parsed = parse(reading.text, index.lexicon)
    if reading.others:
        parsed = index.pinyin.widen(parsed, reading)
    if not parsed.parts:
        return SearchResult(0, ())
    # Words no notice holds in any form: also searched as the site's words they may be a
    # slip of (the result says so, and 您是不是要找 still offers them).
    missing = tuple(p.text for p in parsed.parts if p.kind == "word" and not any(index.lookup(f)[0] for f in p.forms))
    sounding: dict[str, list[str]] = {}
    for i, part in enumerate(parsed.parts):
        if part.text in missing and slips.could_fix(part.text) and part.text not in sounding:
            sounding[part.text] = index.sounds.fixes(part.text, slips.stretch_of(parsed, i))
    parsed, fixed = slips.widen(parsed, sounding, index.lexicon)
    allowed: set[int] | None = None
    if org:
        allowed = index.filter("org", org)
    if domain:
        in_domain = index.filter("domain", domain)
        allowed = in_domain if allowed is None else allowed & in_domain
    if year is not None:
        span = next((s for s in index.meta["years"] if s[0] == int(year)), None)
        in_year = set(range(span[1], span[2] + 1)) if span else set()
        allowed = in_year if allowed is None else allowed & in_year

    def ranked(parsed_query) -> list[ranking.Scored]:
        return ranking.rank(parsed_query, index.lookup, index.meta["docs"], allowed, index.holds, index.windows,
                            (index.short_titles, index.long_titles), index.meta["items"])
    scored = ranked(parsed)
    as_typed = parse(text, index.lexicon) if reading.words else None
    if (as_typed is not None and all(index.lookup(t)[0] for t in reading.tokens)
            and not any(p.kind in ranking.CHECKED for p in as_typed.parts)):
        # The letters as typed are in the site too (an English word, a file's name): the
        # notices holding the query as typed come first.
        literal = [s for s in ranked(as_typed) if s.complete]
        first = {s.number for s in literal}
        scored = literal + [s for s in scored if s.number not in first]
    if order == "date":
        scored.sort(key=lambda s: (not s.complete, s.number))
    hits = []
    for s in scored[:limit]:
        r = index.record(s.number)
        url = f"{r[URL]}#{r[ANCHOR]}" if len(r) > ANCHOR else r[URL]
        hits.append(Hit(r[ID], r[TITLE], url, r[DATE], index.org_names[r[ORG]] if r[ORG] >= 0 else "",
                        s.score, s.complete, s.via, r[KIND] if len(r) > KIND else "notice"))
    return SearchResult(len(scored), tuple(hits), missing,
                        tuple(suggest(reading.text, parsed, index.lexicon, missing, len(scored),
                                      tuple(w for found in sounding.values() for w in found))),
                        reading.words, reading.text if reading.words else "",
                        pinyin.as_typed(text) if reading.words else "", fixed)


def suggestions(out_dir: Path, prefix: str, reader: IndexReader | None = None) -> list[tuple[str, int]]:
    """What the search box offers for ``prefix`` (pinyin.Reader.complete): words and their
    number of results, best first."""
    return (reader or IndexReader(out_dir)).pinyin.complete(prefix)
