"""Queries typed in pinyin or initials, and completions as one types.

Older people and anyone on a phone type toneless pinyin (``dibao``, ``di bao``, ``Yibao
jiaofei``, ``lvyou``/``lüyou``), initials (``dbbz``, ``gzf``) or a mix with characters
(``青龙镇dibao``).  ``Reader.read`` reads the letters onto the site's own vocabulary — the
words of ``search/lexicon.js`` (the abbreviation table's forms, the organisations, the
words the site holds) and the question words — never onto arbitrary characters: ``dbbz``
is 低保标准 on a site that has that word, and nothing on one that has not.  The query is
then searched as if those words had been typed (``search.query``), below any notice that
holds the letters as typed.

Each word is read in full (every character one of its readings: 重 zhong or chong, 行
xing or hang; ü as v or u) or by initials (每个字的声母或首字母; zh ch sh as z c s too).
A run of letters is split into words by the fewest letters left unread, then the fewest
words, then the fewest read by initials, then the most results: so ``shiyejin`` is 失业金
where the site has it, not 事业 and a stray ``jin``.  Letters next to digits (索引号, 文号)
and the file and web words of ``LITERAL`` are never read.

``Reader.complete`` gives the search box's suggestions: the vocabulary words that begin with
what was typed (最低生 → 最低生活保障), or whose reading or initials begin with it (``gongz``
→ 公租房, ``gzf`` → 公租房), with the other names of their abbreviation-table entry; the
table's forms first, then by the number of results each gives.

The data (``search/pinyin.js``, see ``data``) is each vocabulary character's readings and
each word's number of results, made at build time with pypinyin; the browser
(``theme/static/suggest.js``) reads queries and completes them with the same rules, line
for line.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from itertools import product

from .query import FILLERS, Lexicon, Part, Query, normalize

# A run of letters a query may be read from: words of letters separated by spaces or
# apostrophes (xi'an), not touching a digit or the marks inside codes (11500…l/2020-00057).
_RUN = re.compile("(?<![0-9a-z\u00fc/_\\-])[a-z\u00fc]+(?:['\u2019 ][a-z\u00fc]+)*(?![0-9a-z\u00fc/_\\-])")
_TOKEN_BREAK = re.compile("['\u2019 ]")
_QUOTED = re.compile("[\"\u201c\u201d][^\"\u201c\u201d]*[\"\u201c\u201d]")
# Words of letters a government site's users type for what they are (file kinds, web
# words), never read as initials or pinyin.
LITERAL = frozenset("""
pdf doc docx xls xlsx wps ofd txt rar zip jpg jpeg png gif html htm shtml www http https com cn gov org net
app wifi email ok id ppt pptx csv xml
""".split())
# What search/pinyin.js holds and how its readings are chosen: a build remakes the file when
# this, pypinyin's version or the vocabulary changes (search._parts).
DATA_FORMAT = 4  # 2: a character's usual reading and those it has inside the site's words; 3: terms; 4: places
COMBINATIONS = 16  # readings of one word considered, at most, in each of full and initials
FILLER_HITS = 10 ** 9  # a question word (怎么 zenme) reads before any word of the same letters
SUGGESTIONS = 8
ALTERNATIVES = 3  # words one reading may stand for, searched together (金竹镇 and 居住证 for jzz)
MIN_PREFIX = 2  # characters or letters typed before anything is suggested


@dataclass(frozen=True)
class Reading:
    """A query as read: ``text`` with each read run of letters replaced by its words;
    ``words`` those words, in order (empty: the query was taken as typed); ``tokens`` the
    runs of letters that were read, as typed (normalised)."""

    text: str
    words: tuple[str, ...] = ()
    tokens: tuple[str, ...] = ()
    others: tuple[tuple[str, tuple[str, ...]], ...] = ()  # a word read -> the other words its letters could be


def runs(text: str) -> list[re.Match]:
    """The runs of letters of ``text`` (normalised) outside quotes: what may be pinyin."""
    spans = [m.span() for m in _QUOTED.finditer(text)]
    return [run for run in _RUN.finditer(text) if not any(s <= run.start() < e for s, e in spans)]


def as_typed(text: str) -> str:
    """``text`` (normalised) with each run of letters outside quotes in quotes: the query
    that searches the letters as typed, the rest as before (改为按原文搜索)."""
    out, at = [], 0
    for run in runs(text):
        out += [text[at:run.start()], f'"{run.group()}"']
        at = run.end()
    return "".join(out) + text[at:]


# Pinyin typed with its tone marks (dībǎo, as a phone's keyboard offers): the letters without them.
_TONES = str.maketrans({c: base for base, marked in (("a", "āáǎà"), ("e", "ēéěè"), ("i", "īíǐì"), ("o", "ōóǒò"),
                                                    ("u", "ūúǔù"), ("\u00fc", "ǖǘǚǜ"), ("n", "ńňǹ"), ("m", "ḿ"))
                        for c in marked})


def untoned(text: str) -> str:
    """``text`` with pinyin's tone marks taken off (dībǎo → dibao)."""
    return text.translate(_TONES)


def has_letters(text: str) -> bool:
    """Whether a normalised query has a run of letters that could be pinyin (and so needs
    ``search/pinyin.js``)."""
    return _RUN.search(text) is not None


def char_readings(words: list[str]) -> dict[str, tuple[str, ...]]:
    """The toneless readings (ü written v) of each character of ``words``, at build time:
    its usual reading, then every reading pypinyin gives it inside one of the words (银行
    hang, 行政 xing; 重建 chong, 重大 zhong).  Not every reading the dictionary lists: its
    rare and archaic ones (土 cha, 告 ju, 扶 pu) would read letters onto words nobody
    meant."""
    from pypinyin import Style, lazy_pinyin, pinyin  # build time only: a large dictionary
    found: dict[str, list[str]] = {}
    for char in sorted({c for w in words for c in w}):
        if "\u3400" <= char <= "\u9fff":
            usual = pinyin(char, style=Style.NORMAL, errors="ignore")
            if usual and usual[0] and usual[0][0].isascii() and usual[0][0].isalpha():
                found[char] = [usual[0][0]]
    for word in sorted(words):
        if not all(char in found for char in word):
            continue  # a character with no reading: pypinyin would not keep the word's places
        readings = lazy_pinyin(word, style=Style.NORMAL)
        if len(readings) != len(word):
            continue
        for char, reading in zip(word, readings):
            if char in found and reading and reading.isascii() and reading.isalpha() and reading not in found[char]:
                found[char].append(reading)
    return {c: tuple(r) for c, r in found.items()}


def vocabulary(lexicon: Lexicon) -> list[str]:
    """The words suggestions come from and their counts are kept for: the lexicon's, in
    code point order."""
    return sorted(lexicon.words)


def data_version() -> str:
    """The version of the data ``data`` makes: DATA_FORMAT and pypinyin's release."""
    from importlib.metadata import PackageNotFoundError, version
    try:
        return f"{DATA_FORMAT}/{version('pypinyin')}"
    except PackageNotFoundError:
        return f"{DATA_FORMAT}/?"


def data(lexicon: Lexicon, hits: list[int], held: list[int], terms: list[str] = (), term_held: list[int] = (),
         places: list[str] = ()) -> dict:
    """``search/pinyin.js``: the readings of every character of the vocabulary and of the
    question words, and for each vocabulary word (``vocabulary`` order) the number of
    results a search for it gives and of those holding it whole; the site's terms, and the
    vocabulary words that are only places (both read in full only, never suggested)."""
    readings = char_readings([*lexicon.words, *FILLERS, *terms])
    keys = "".join(sorted(readings))
    return {"chars": keys, "readings": ",".join(" ".join(readings[c]) for c in keys), "hits": hits, "held": held,
            "terms": " ".join(terms), "term_held": list(term_held), "places": " ".join(places)}


class Reader:
    """Reads letters onto a vocabulary, and completes prefixes (see the module's docstring)."""

    def __init__(self, lexicon: Lexicon, pinyin_data: dict) -> None:
        self.lexicon = lexicon
        readings = pinyin_data["readings"].split(",") if pinyin_data["chars"] else []
        self.readings = {c: r.split(" ") for c, r in zip(pinyin_data["chars"], readings)}
        words = vocabulary(lexicon)
        self.hits = dict(zip(words, pinyin_data["hits"]))
        self.held = dict(zip(words, pinyin_data["held"]))
        # The site's terms (title words) and places: read in full only, never suggested.
        terms = pinyin_data.get("terms", "").split()
        self.term_held = dict(zip(terms, pinyin_data.get("term_held", [])))
        self.places = frozenset(pinyin_data.get("places", "").split())
        self.table = set(lexicon.group_of)
        # letters -> [(word, by initials, syllable ends)], in vocabulary order, full first
        self.keys: dict[str, list[tuple[str, bool, tuple[int, ...]]]] = {}
        # Only words the site holds: a reading never leads to nothing.
        fillers = sorted(f for f in FILLERS if len(f) >= 2 and f not in self.hits)
        for word in [*(w for w in words if self.held[w] > 0), *fillers, *(t for t in terms if self.term_held[t] > 0)]:
            for initials in (False, True) if word in self.held and word not in self.places else (False,):
                # question words, terms, places: in full only
                for key, ends in self._spellings(word, initials):
                    self.keys.setdefault(key, []).append((word, initials, ends))
        self.longest = max(map(len, self.keys), default=0)
        self.sorted_keys = sorted(self.keys)
        self.sorted_words = words

    def _spellings(self, word: str, initials: bool) -> list[tuple[str, tuple[int, ...]]]:
        """The ways ``word`` is typed: the letters, and where each character's ends."""
        options = []
        for char in word:
            found = self.readings.get(char)
            if not found:
                return []
            if initials:
                heads = []
                for r in found:
                    heads += [r[0]] + ([r[:2]] if r[:2] in ("zh", "ch", "sh") else [])
                options.append(list(dict.fromkeys(heads)))
            else:
                options.append(list(dict.fromkeys(found + [r.replace("v", "u") for r in found if "v" in r])))
        out = []
        for combo in product(*options):
            ends, at = [], 0
            for piece in combo:
                at += len(piece)
                ends.append(at)
            out.append(("".join(combo), tuple(ends)))
            if len(out) == COMBINATIONS:
                break
        return out

    def _held(self, word: str) -> int:
        """How much the site uses a word: the notices holding it whole."""
        if word in self.held:
            return self.held[word]
        return FILLER_HITS if word in FILLERS else self.term_held.get(word, 0)

    # ---- reading a query ----------------------------------------------------------------

    def read(self, text: str) -> Reading:
        """``text`` (normalised) with each run of letters that reads as vocabulary words
        replaced by them; quoted stretches are left as typed."""
        out, words, tokens, others, at = [], [], [], {}, 0
        for run in runs(text):
            typed = [t for t in _TOKEN_BREAK.split(run.group()) if t]
            pieces, read_words, group = [], [], []
            for token in typed + [""]:  # a word of LITERAL is its own piece, as typed
                if token and token not in LITERAL:
                    group.append(token)
                    continue
                if group:
                    read, found, also = self._read_tokens(group)
                    pieces.append(read)
                    read_words += found
                    others.update(also)
                    group = []
                if token:
                    pieces.append(token)
            if not read_words:
                continue
            out += [text[at:run.start()], " ".join(pieces)]
            at = run.end()
            words += read_words
            tokens += typed
        if not words:
            return Reading(text)
        out.append(text[at:])
        return Reading("".join(out), tuple(words), tuple(dict.fromkeys(tokens)), tuple(sorted(others.items())))

    def _read_tokens(self, typed: list[str]) -> tuple[str, list[str], dict[str, tuple[str, ...]]]:
        """Letter words typed one after another: their reading, the words read (none: they
        stay as typed), and for each word read the other words its letters could be."""
        tokens = [t.replace("\u00fc", "v") for t in typed]
        letters = "".join(tokens)
        starts, typed_at, at = {}, {}, 0  # token start -> its end, and the token as typed
        for t, as_typed in zip(tokens, typed):
            starts[at], typed_at[at] = at + len(t), as_typed
            at += len(t)
        breaks = set(starts) - {0}
        n = len(letters)
        # best[i][state]: (letters unread, words, words read by initials, ordinary words
        # read by initials, -the notices holding them, summed) and the steps there,
        # for each state (a table word read by initials so far, words read by initials up
        # to 2): initials strung together must name one of the site's things, and the
        # table's names are what initials are typed for (yb 医保, not 一般).
        best: list[dict] = [{} for _ in range(n + 1)]
        best[0][(False, 0)] = ((0, 0, 0, 0, 0), [])
        for i in range(n):
            for state in sorted(best[i]):
                cost, steps = best[i][state]
                if i in starts:  # a whole token, as typed
                    end = starts[i]
                    _better(best[end], state, (cost[0] + end - i, *cost[1:]), steps + [(typed_at[i], None)])
                for size in range(1, min(self.longest, n - i) + 1):
                    for word, initials, ends in self.keys.get(letters[i:i + size], ()):
                        if _crosses_syllable(i, size, ends, breaks):
                            continue  # a space typed inside a syllable
                        table = word in self.table
                        after = (state[0] or (initials and table), min(2, state[1] + initials))
                        _better(best[i + size], after, (cost[0], cost[1] + 1, cost[2] + initials,
                                                        cost[3] + (initials and not table), cost[4] - self._held(word)),
                                steps + [(word, (i, size, initials))])
        ended = [best[n][state] for state in sorted(best[n]) if state[0] or state[1] < 2]
        if not ended:
            return " ".join(typed), [], {}
        cost, steps = min(ended, key=lambda found: found[0])
        read_words = [piece for piece, where in steps if where is not None]
        if all(w in FILLERS for w in read_words):  # nothing to search for: as typed
            return " ".join(typed), [], {}
        text, others = "", {}
        for piece, where in steps:  # read words join up; a token kept as typed keeps its spaces
            text += piece if where is not None else " " + piece + " "
            if where is not None:
                i, size, initials = where
                same = [w for w, by, ends in self.keys[letters[i:i + size]]
                        if by == initials and w != piece and w not in FILLERS
                        and not _crosses_syllable(i, size, ends, breaks)]
                same = sorted(dict.fromkeys(same), key=lambda w: (-self._held(w), w))[:ALTERNATIVES - 1]
                if same:
                    others[piece] = tuple(same)
        return " ".join(text.split()), read_words, others

    def widen(self, parsed: Query, reading: Reading) -> Query:
        """``parsed`` (the query as read) with the other words each read word could be as
        further forms of its part, after its own (each with its table names)."""
        others = dict(reading.others)
        if not others:
            return parsed
        parts = []
        for part in parsed.parts:
            if part.kind == "word" and part.text in others:
                extra = [f for w in others[part.text] for f in self.lexicon.names(w)]
                part = Part(tuple(dict.fromkeys([*part.forms, *extra])), part.kind)
            parts.append(part)
        return Query(tuple(parts), parsed.phrases)

    # ---- suggestions ----------------------------------------------------------------------

    def complete(self, prefix: str) -> list[tuple[str, int]]:
        """Up to ``SUGGESTIONS`` words for what was typed so far, with their results."""
        text = untoned(normalize(prefix, self.lexicon.folding)).replace("\u00fc", "v")
        if " " in text or len(text) < MIN_PREFIX:
            return []
        found: list[str] = []
        if re.fullmatch("[a-z]+", text):
            lo = bisect.bisect_left(self.sorted_keys, text)
            for key in self.sorted_keys[lo:]:
                if not key.startswith(text):
                    break
                found += [w for w, _, _ in self.keys[key] if w in self.held and w not in self.places]
        elif not re.search("[0-9a-z]", text):
            lo = bisect.bisect_left(self.sorted_words, text)
            for word in self.sorted_words[lo:]:
                if not word.startswith(text):
                    break
                found.append(word)
        groups, group_of = self.lexicon.groups, self.lexicon.group_of
        direct = set(found)
        mates = [f for w in found if w in group_of for f in groups[group_of[w]]]
        chosen = [w for w in dict.fromkeys(found + mates) if self.held.get(w, 0) > 0 and w not in self.places]
        # The table's names (with the other names of a word typed) before other words, then
        # the words the site uses most, then what was typed the start of.
        chosen.sort(key=lambda w: (w not in self.table, -self.held[w], w not in direct, len(w), w))
        return [(w, self.hits[w]) for w in chosen[:SUGGESTIONS]]


def _crosses_syllable(start: int, size: int, ends: tuple[int, ...], breaks: set[int]) -> bool:
    """Whether a space or apostrophe typed inside letters[start:start + size] falls where
    the spelling has no syllable end (``ends``: where each character's letters end)."""
    return any(start < b < start + size and b - start not in ends for b in breaks)


def _better(states: dict, state: tuple, cost: tuple, steps: list) -> None:
    if state not in states or cost < states[state][0]:
        states[state] = (cost, steps)
