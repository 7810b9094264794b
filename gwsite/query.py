"""What a search query means: normalised text, and a typed query split into the parts a
notice should hold.

Citizens type Chinese without spaces, in questions (怎么申请低保), in abbreviations (低保 for
最低生活保障), in traditional characters (龍門鎮), with 发文字号 in whatever brackets they
have (民发[2026]13号).  ``parse`` turns such a query into ``Part``s — each with the forms
that count as it (the word as typed first, then its other names from the abbreviation
table) — and ``Phrase``s, the stretches typed together, which rank higher where a notice
holds them together too.  ``theme/static/search.js`` has a line-for-line twin of this
module; ``tests/test_search_browser.py`` holds them to the same answers.

The vocabulary that drives the split (``Lexicon``) is built from data files under
``gwsite/data``: the abbreviation table (``abbreviations.yaml``, extended by a site's
``search_synonyms``), a word list for splitting (``words.txt``) and OpenCC's
traditional-to-simplified characters (``t2s.txt``).  The index ships the part of it the
site's text can match (``search/lexicon.js``), and ``gwsite search`` reads the same file.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

DATA = Path(__file__).parent / "data"

# ---------------------------------------------------------------------------------------
# Normalisation (search.js: normalize)
# ---------------------------------------------------------------------------------------

# 〔〕 is the standard bracket of a 发文字号; real data also has [] ［］ 【】 () （）.  After NFKC
# the full-width forms are ASCII already; map the rest to ( ).
_BRACKETS = {"〔": "(", "〕": ")", "【": "(", "】": ")", "〖": "(", "〗": ")", "[": "(", "]": ")"}
# Invisible characters pasted from Word, removed so they cannot split a word.
_INVISIBLE = "\u00ad\u200b\u200c\u200d\u2060\ufeff"
_REPLACE = (*_BRACKETS.items(), *((c, "") for c in _INVISIBLE))
# Whitespace, spelled out so that Python's and JavaScript's ``\s`` cannot disagree; it is
# exactly what ``str.split()`` splits at (tests/test_search.py checks every code point).
SPACES = "\t\n\x0b\x0c\r \x1c-\x1f\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"

_FULL_WIDTH = re.compile("[\uff01-\uff5e\u3000]")
_HALF = {chr(c): unicodedata.normalize("NFKC", chr(c)) for c in range(0xFF01, 0xFF5F)} | {"\u3000": " "}
_COMMON_FULL_WIDTH = "，；（）：！？％"  # nearly all of them in government text (measured)


def _half_width(match: re.Match) -> str:
    return _HALF[match.group()]


class Folding:
    """Traditional characters to simplified, one character at a time (OpenCC's table)."""

    def __init__(self, pairs: dict[str, str]) -> None:
        self.pairs = pairs
        self._table = {ord(k): v for k, v in pairs.items()}
        # Most texts hold no traditional character: one scan of a character class says so,
        # where str.translate would cost a dictionary lookup per character.
        self._any = re.compile("[" + "".join(sorted(pairs)) + "]") if pairs else None

    def __call__(self, text: str) -> str:
        if self._any is not None and self._any.search(text):
            return text.translate(self._table)
        return text


def normalize(text: str, folding: Folding | None = None) -> str:
    """NFKC, lower case, simplified characters, one form of bracket, no invisible
    characters, single spaces."""
    # Full-width forms (，：（）６２０) are most of what NFKC changes in Chinese text; mapped
    # first, they usually leave a text that passes NFKC's quick check, which is 4 × faster
    # than normalising it.  NFKC of the result is the same, as NFKC decomposes them anyway.
    for char in _COMMON_FULL_WIDTH:  # str.replace per common one: twice as quick as the regex alone
        if char in text:
            text = text.replace(char, _HALF[char])
    if _FULL_WIDTH.search(text):
        text = _FULL_WIDTH.sub(_half_width, text)
    if not unicodedata.is_normalized("NFKC", text):
        text = unicodedata.normalize("NFKC", text)
    text = text.lower()
    for old, new in _REPLACE:  # str.translate with a table is ten times slower on CJK text
        if old in text:
            text = text.replace(old, new)
    if folding is not None:
        text = folding(text)
    return " ".join(text.split())  # three times quicker than a regex


# ---------------------------------------------------------------------------------------
# The vocabulary
# ---------------------------------------------------------------------------------------

# Question and filler words: they say what kind of answer is wanted, never what it is
# about, so a notice need not hold them (shared/spec/search-relevance.md §3).  The
# longest first: 是不是 before 是.
FILLERS = tuple(sorted("""
怎么 怎样 怎么样 如何 多少 多少钱 什么 什么时候 哪些 哪里 哪儿 哪个 在哪 在哪里 去哪 去哪里 吗 呢 吧 啊 的 了 是 是不是 需要 要 可以 能否 能不能
请问 我想 我要 想 想要 我 我们 有没有 有哪些 一下 关于 怎么办 为什么 么
""".split(), key=lambda w: (-len(w), w)))
# Question words that name the kind of answer wanted: the notices that hold one of these
# words rank a little higher, but none has to (kind "hint").
ANSWER_KINDS = {
    "怎么": "指南 流程 办法 申请", "怎样": "指南 流程 办法 申请", "如何": "指南 流程 办法 申请",
    "怎么办": "指南 流程 办法 申请", "多少": "标准 金额", "多少钱": "标准 金额 收费",
    "什么时候": "时间 日期 时限", "哪里": "地址 地点 窗口 名录", "在哪": "地址 地点 窗口 名录",
    "在哪里": "地址 地点 窗口 名录", "去哪": "地址 地点 窗口 名录", "去哪里": "地址 地点 窗口 名录",
    "哪些": "条件 范围 材料 名单", "有哪些": "条件 范围 材料 名单", "什么": "条件 材料 范围",
}
# A 发文字号's kind of document: the character before the year's bracket (民发, 府办,
# 人社函, 财预 …).  A typed 字号 keeps its last two characters, the 机关代字's end and this.
_DOC_KIND = "发字函令办规复通告呈报电便预"
# A unit after a number belongs to it (2026年, 620元, 13号, 3个工作日).
UNITS = "年月日号元岁人户个万亿名项次天届期批"


@dataclass(frozen=True)
class Lexicon:
    """The vocabulary a query is read with.

    ``groups`` are the abbreviation table's entries, each a tuple of forms that name one
    thing (低保, 最低生活保障 …); ``words`` splits unspaced text; ``folding`` maps
    traditional characters."""

    groups: tuple[tuple[str, ...], ...]
    words: frozenset[str]
    folding: Folding

    @property
    def group_of(self) -> dict[str, int]:
        return _group_index(self.groups)

    @property
    def longest(self) -> int:
        return _longest(self.words)

    @property
    def by_length(self) -> dict[int, tuple[str, ...]]:
        """The words of each length, in code point order."""
        return _by_length(self.words)

    def names(self, word: str) -> tuple[str, ...]:
        """Every name of what ``word`` names: its abbreviation-table entry, or the word alone."""
        group = self.group_of.get(word)
        return (word,) if group is None else self.groups[group]

    def to_data(self) -> dict:
        """The lexicon as search/lexicon.js ships it (search.js: useLexicon).  Every form
        of a group is a word too, and is shipped once, in its group."""
        keys = "".join(sorted(self.folding.pairs))
        forms = {f for g in self.groups for f in g}
        return {
            "t2s": [keys, "".join(self.folding.pairs[k] for k in keys)],
            "groups": [list(g) for g in self.groups],
            "words": " ".join(sorted(self.words - forms)),
        }

    @classmethod
    def from_data(cls, data: dict) -> "Lexicon":
        keys, values = data["t2s"]
        groups = tuple(tuple(g) for g in data["groups"])
        return cls(groups, frozenset(data["words"].split()) | {f for g in groups for f in g},
                   Folding(dict(zip(keys, values))))


@lru_cache(maxsize=8)
def _longest(words: frozenset[str]) -> int:
    return max(map(len, words), default=1)


@lru_cache(maxsize=8)
def _by_length(words: frozenset[str]) -> dict[int, tuple[str, ...]]:
    out: dict[int, list[str]] = {}
    for word in sorted(words):
        out.setdefault(len(word), []).append(word)
    return {n: tuple(ws) for n, ws in out.items()}


@lru_cache(maxsize=8)
def _group_index(groups: tuple[tuple[str, ...], ...]) -> dict[str, int]:
    return {form: i for i, group in enumerate(groups) for form in group}


@lru_cache(maxsize=1)
def builtin_folding() -> Folding:
    """OpenCC's traditional → simplified characters (gwsite/data/t2s.txt)."""
    pairs = {}
    for line in (DATA / "t2s.txt").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            traditional, simplified = line.split("\t")
            pairs[traditional] = simplified
    return Folding(pairs)


@lru_cache(maxsize=1)
def builtin_groups() -> tuple[tuple[str, ...], ...]:
    """The abbreviation table (gwsite/data/abbreviations.yaml): each entry's forms."""
    entries = yaml.safe_load((DATA / "abbreviations.yaml").read_text(encoding="utf-8"))
    return tuple(tuple(dict.fromkeys([*e["short"], *e["formal"]])) for e in entries)


@lru_cache(maxsize=1)
def builtin_words() -> frozenset[str]:
    """The word list that splits unspaced queries (gwsite/data/words.txt)."""
    lines = (DATA / "words.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(w.strip() for w in lines if w.strip() and not w.startswith("#"))


def merge_groups(groups: list[tuple[str, ...]]) -> tuple[tuple[str, ...], ...]:
    """Groups sharing a form become one (a site's 低保金 = 低保 joins the table's 低保),
    forms normalised, each group's own order kept, groups in first-seen order."""
    merged: list[list[str]] = []
    where: dict[str, int] = {}
    for group in groups:
        forms = [f for f in dict.fromkeys(normalize(f, builtin_folding()) for f in group) if len(f) >= 2 and " " not in f]
        homes = sorted({where[f] for f in forms if f in where})
        if not homes:
            where.update((f, len(merged)) for f in forms)
            merged.append(forms)
            continue
        home = homes[0]
        for other in homes[1:]:  # fold the other groups this one joins into the first
            merged[home] += [f for f in merged[other] if f not in merged[home]]
            for f in merged[other]:
                where[f] = home
            merged[other] = []
        merged[home] += [f for f in forms if f not in merged[home]]
        where.update((f, home) for f in forms)
    return tuple(tuple(g) for g in merged if len(g) >= 2)


# ---------------------------------------------------------------------------------------
# Parsing a query
# ---------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Part:
    """One thing the query asks for: ``forms[0]`` as typed, then its other names."""

    forms: tuple[str, ...]
    # word | number (发文字号/索引号: weighs most in that field) | exact ("…"); and parts a hit
    # need not hold: hint (the kind of answer a question word asks for, ANSWER_KINDS) and
    # fix (the known word a slip misses, ``corrections``)
    kind: str = "word"

    @property
    def text(self) -> str:
        return self.forms[0]


@dataclass(frozen=True)
class Phrase:
    """Parts typed one after the other (``first`` … ``last``, indexes into the query's
    parts) as the stretch ``text``: a notice holding the stretch itself ranks higher."""

    text: str
    first: int
    last: int


@dataclass(frozen=True)
class Query:
    parts: tuple[Part, ...]
    phrases: tuple[Phrase, ...]

    @property
    def exact(self) -> bool:
        """Whether every part is quoted: today's exact-substring search."""
        return bool(self.parts) and all(p.kind in ("exact", "hint", "fix") for p in self.parts)


# Punctuation that opens or closes a phrase, not part of a word: a query typed as people
# write (低保？ 《低保》 低保标准。) finds what its words find.  Brackets stay (发文字号 are
# searched with them), as does punctuation inside a term (1.3倍, 名单.pdf).
EDGE_PUNCTUATION = "，。、；：？！…·“”‘’《》「」『』〈〉\"'!?,;:."
# Between words they separate terms, as spaces do (低保、特困; 低保,特困 after NFKC), but a
# comma between digits is a thousands separator (1,000元).
_TERM_BREAK = re.compile(r"[ 、。;!?]|(?<!\d),|,(?!\d)")
_QUOTED = re.compile(r"[\"“”]([^\"“”]*)[\"“”]")
# A 发文字号 typed loosely: 青溪民发2026 13号, 民发[2026]13号, 民发(2026)13, 民发2026年第13号.
_DOC_NUMBER = re.compile(  # groups: what comes before (the rest of a 机关代字: 石, 青溪), the 机关代字's last
    # two characters, year in brackets or not, serial, 号
    "([\u3400-\u9fff]{0,6}?)([\u3400-\u9fff]{2})? ?(?:\\( ?((?:19|20)[0-9][0-9]) ?\\)|((?:19|20)[0-9][0-9]) ?年?) ?第? ?([0-9]{1,5})(?![0-9.%]) ?(号)?")
# A run of letters and digits with the marks that join them inside numbers (索引号
# 11500112009315877l/2020-00057, 1.3, 023-6781).
_ALNUM_RUN = re.compile(r"[0-9a-z](?:[0-9a-z./:\-]*[0-9a-z])?")
_ASCII_ALNUM = re.compile("[0-9a-z]")
# Letters and digits long enough to be a 索引号 or a code (11500112009315877l/2020-00057):
# weighed in the numbers field and checked exactly, like a 发文字号.
_NUMBER = re.compile("(?=[^0-9]*[0-9])[0-9a-z./:\\-]{8,}")


def query_terms(query: str, folding: Folding | None = None) -> list[str]:
    """The distinct whitespace- and punctuation-separated terms of a query, in order."""
    terms = (t.strip(EDGE_PUNCTUATION) for t in _TERM_BREAK.split(normalize(query, folding)))
    return list(dict.fromkeys(t for t in terms if t))


def parse(query: str, lexicon: Lexicon) -> Query:
    """The parts and phrases of ``query`` (see the module's docstring)."""
    text = normalize(query, lexicon.folding)
    parts: list[Part] = []
    phrases: list[Phrase] = []
    hints: list[Part] = []  # the answer kinds of its question words, after the parts

    def exact(match: re.Match) -> str:  # "…": one exact part, as typed
        for term in query_terms(match.group(1)):
            parts.append(Part((term,), "exact"))
        return " "
    text = _QUOTED.sub(exact, text)
    text = _DOC_NUMBER.sub(lambda m: _doc_number(m, parts), text)
    group_of = lexicon.group_of
    for chunk in _TERM_BREAK.split(text):
        chunk = chunk.strip(EDGE_PUNCTUATION)
        if not chunk:
            continue
        start = len(parts)
        run_start, pieces, fillers = start, [], False  # parts since the last filler, and their text
        for piece, is_word in split_compounds(segment(chunk, lexicon.words, lexicon.longest), lexicon):
            if piece in FILLERS:
                _phrase(phrases, pieces, run_start, len(parts) - 1)
                run_start, pieces, fillers = len(parts), [], True
                if piece in ANSWER_KINDS:
                    hints.append(Part(tuple(ANSWER_KINDS[piece].split()), "hint"))
                continue
            pieces.append(piece)
            group = group_of.get(piece) if is_word else None
            forms = (piece,) if group is None else _forms(piece, lexicon.groups[group])
            parts.append(Part(forms, "code" if not is_word and _NUMBER.fullmatch(piece) else "word"))
        _phrase(phrases, pieces, run_start, len(parts) - 1)
        if fillers and len(parts) - start > 1:  # the stretch with its fillers: an exact title (…的通知) is one
            phrases.append(Phrase("".join(chunk.split()), start, len(parts) - 1))
    # The same part typed twice counts once.
    seen: dict[tuple[str, str], int] = {}
    unique: list[Part] = []
    renumber: list[int] = []
    for part in parts:
        key = (part.text, part.kind)
        if key not in seen:
            seen[key] = len(unique)
            unique.append(part)
        renumber.append(seen[key])
    phrases = [Phrase(ph.text, renumber[ph.first], renumber[ph.last]) for ph in phrases]
    stretches = [ph.text for ph in phrases] + [p.text for p in unique if p.kind == "word"]
    for word in corrections(stretches, lexicon):
        group = group_of.get(word)
        hints.append(Part((word,) if group is None else _forms(word, lexicon.groups[group]), "fix"))
    for hint in hints:
        if (hint.text, hint.kind) not in seen:
            seen[(hint.text, hint.kind)] = len(unique)
            unique.append(hint)
    return Query(tuple(unique), tuple(dict.fromkeys(ph for ph in phrases if ph.first < ph.last)))


FIX_LENGTH = 3  # a slip is read as the word it misses from this many characters on


def corrections(stretches: list[str], lexicon: Lexicon) -> list[str]:
    """For each stretch typed together (a phrase, or a part) of ``FIX_LENGTH`` or more
    characters that is no known word, the one known word of its length that differs
    from it in one character (特困人圆 → 特困人员), if there is exactly one.  Not a
    stretch made of known words only (城乡低保 is 城乡 + 低保, no slip for 城乡居保), nor a
    known word of three or more characters with one more before or after it (身份证丢)."""
    out: list[str] = []
    for stretch in dict.fromkeys(stretches):
        if len(stretch) < FIX_LENGTH or stretch in lexicon.words:
            continue
        if all(known for _, known in segment(stretch, lexicon.words, lexicon.longest)):
            continue
        if len(stretch) > FIX_LENGTH and (stretch[1:] in lexicon.words or stretch[:-1] in lexicon.words):
            continue  # a word and one more character (身份证丢 of 身份证丢了): no slip in it
        near = [w for w in lexicon.by_length.get(len(stretch), ()) if _one_apart(w, stretch)]
        if len(near) == 1 and near[0] not in out:
            out.append(near[0])
    return out


def _doc_number(match: re.Match, parts: list[Part]) -> str:
    """A 发文字号 typed loosely, as the notice's numbers field holds it: 民发(2026)13号.
    Without brackets, a 号 or a 字号 before the year, digits are left as they are."""
    before, head, bracketed, bare, serial, hao = match.groups()
    kind = head if head and head[-1] in _DOC_KIND else ""
    if not (bracketed or hao or kind):
        return match.group()
    parts.append(Part((f"{kind}({bracketed or bare}){int(serial)}号",), "number"))
    if not kind:
        return f"{before}{head or ''} "
    # The rest of the 机关代字 is searched as a word (青溪 of 青溪民发) unless it is one
    # character (石 of 石民发), which nearly every notice of the county holds.
    return f"{before} " if len(before) > 1 else " "


def _forms(piece: str, group: tuple[str, ...]) -> tuple[str, ...]:
    """The typed form, then the group's other forms, less any form that holds another
    (a notice holding 城乡最低生活保障 holds 最低生活保障)."""
    others = [f for f in group if f != piece]
    kept = [f for f in others if not any(o != f and o in f for o in [piece, *others])]
    return (piece, *kept)


def _phrase(phrases: list[Phrase], pieces: list[str], first: int, last: int) -> None:
    if last > first:
        phrases.append(Phrase("".join(pieces), first, last))


def segment(chunk: str, words: frozenset[str], longest: int) -> list[tuple[str, bool]]:
    """``chunk`` (normalised, no space) split into pieces, each with whether it is a known
    word: known words and fillers by forward maximum matching, letters and digits with
    their unit (620元), and the stretches between them — two or three characters whole,
    longer ones in pairs."""
    out: list[tuple[str, bool]] = []
    unknown = ""
    i, n = 0, len(chunk)
    while i < n:
        run = _ALNUM_RUN.match(chunk, i)
        if run:
            end = run.end()
            if end < n and chunk[end] in UNITS:
                end += 1
            _flush(out, unknown)
            unknown = ""
            out.append((chunk[i:end], False))
            i = end
            continue
        size = next((k for k in range(min(longest, n - i), 1, -1)
                     if chunk[i:i + k] in words or chunk[i:i + k] in FILLERS), 0)
        if size == 0 and chunk[i] in FILLERS:
            size = 1
        if size:
            _flush(out, unknown)
            unknown = ""
            out.append((chunk[i:i + size], True))
            i += size
        else:
            unknown += chunk[i]
            i += 1
    _flush(out, unknown)
    return out


def split_compounds(pieces: list[tuple[str, bool]], lexicon: Lexicon) -> list[tuple[str, bool]]:
    """Each table word that is two known words, one of which has other names of its own
    (低保标准 = 低保 + 标准), as those two words: each then finds its other names (最低生活
    保障 … 标准, however a notice words it), and the stretch still counts as a phrase.
    Not where a half is another name of the whole (残疾人两项补贴 holds 两项补贴, the
    same two allowances): the whole's own names say more."""
    group_of = lexicon.group_of
    out: list[tuple[str, bool]] = []
    for piece, is_word in pieces:
        if is_word and piece in group_of and len(piece) >= 4:
            own = group_of[piece]
            for k in range(2, len(piece) - 1):
                head, tail = piece[:k], piece[k:]
                if (head in lexicon.words and tail in lexicon.words
                        and group_of.get(head) != own and group_of.get(tail) != own
                        and (head in group_of or tail in group_of)):
                    out += [(head, True), (tail, True)]
                    break
            else:
                out.append((piece, is_word))
        else:
            out.append((piece, is_word))
    return out


def _flush(out: list[tuple[str, bool]], unknown: str) -> None:
    """Unknown characters between known pieces: whole up to three, else pairs."""
    unknown = unknown.strip("()/-.:")
    if not unknown:
        return
    if len(unknown) <= 3:
        out.append((unknown, False))
        return
    cut = list(range(0, len(unknown), 2))
    if len(unknown) % 2:  # the last piece takes three characters, never one
        cut.pop()
    for j, start in enumerate(cut):
        end = cut[j + 1] if j + 1 < len(cut) else len(unknown)
        out.append((unknown[start:end], False))


# ---------------------------------------------------------------------------------------
# 您是不是要找: near misses
# ---------------------------------------------------------------------------------------

SUGGESTIONS = 3  # offered at most
FEW = 5  # a query with fewer hits than this is offered near misses of its stretches too


def suggest(query: str, parsed: Query, lexicon: Lexicon, missing: tuple[str, ...], hits: int,
            first: tuple[str, ...] = ()) -> list[str]:
    """Queries one character away from ``query`` that the site's vocabulary knows: for
    each part no notice holds (底保), and, when the query found fewer than ``FEW`` hits or
    was read through a slip (a ``fix`` part), for each stretch of three or more characters
    that is not a known word (临时求助), the known words of its length that differ from it
    in one character (低保, 临时救助).  The words of ``first`` (those that sound like what
    was typed: ``slips``) first, then abbreviation table forms, then in code point order.
    Offered, never used in its place."""
    text = normalize(query, lexicon.folding)
    out: list[str] = []
    targets = list(missing)
    if hits < FEW or any(p.kind == "fix" for p in parsed.parts):
        stretches = [ph.text for ph in parsed.phrases] + [p.text for p in parsed.parts if p.kind == "word"]
        targets += [t for t in stretches if len(t) >= FIX_LENGTH and t not in lexicon.words]
    table = set(lexicon.group_of)
    for target in dict.fromkeys(targets):
        if len(target) < 2 or target not in text:
            continue
        known = [*lexicon.by_length.get(len(target), ()), *(w for w in first if len(w) == len(target))]
        near = sorted({w for w in known if _one_apart(w, target)}, key=lambda w: (w not in first, w not in table, w))
        for word in near:
            fixed = text.replace(target, word, 1)
            if fixed not in out:
                out.append(fixed)
    return out[:SUGGESTIONS]


def _one_apart(word: str, target: str) -> bool:
    """Whether two texts of one length differ in exactly one character, not a digit."""
    diff = [i for i, (a, b) in enumerate(zip(word, target)) if a != b]
    return len(diff) == 1 and word[diff[0]] not in "0123456789" and target[diff[0]] not in "0123456789"
