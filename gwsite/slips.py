"""Slips by sound: a query word that no notice holds, read as the site's words that sound
like it (底保 → 低保, 地立 → 地力, 申岭 → 申领, 改照 → 改造).

People type Chinese with a pinyin input method, so their slips are mostly characters of
the same sound (the character picked from the wrong place in the candidate list), or of a
sound their dialect does not tell apart (平翘舌 z/zh, 前后鼻音 in/ing, n/l).  A word is
corrected only onto the site's own vocabulary (``pinyin.Reader``'s words and terms: the
abbreviation table's forms, organisations, the words and title terms the site holds),
never onto a dictionary: ``低宝`` must become 低保 on a civil-affairs site, not 地堡.

``fixes(piece, stretch)`` gives, for a piece no notice holds, the vocabulary words of its
length that differ from it in exactly one character, that character sounding the same (its
toneless reading is one of the word character's readings) or, where none does, alike
(``fuzzy``: the 模糊音 pairs pinyin input methods offer).  The most used ``ALTERNATIVES``
of the closer kind are searched as further forms of that part (``search.query``), so a
result found through one says so (按“低保”找到) and the typed word still leads to
您是不是要找.  Where no word of its length sounds like it, the text typed around it says
more: a window holding the whole word, of three or more characters (four for a character
of another sound), that is one vocabulary word but for one of the word's characters
(身分证 → 身份证, where the query split as 身分 + 证补办; 医疔机构 → 医疗机构, a shape slip)
gives that word, when it is the only one.  A two-character word alone is never read by
shape: without a sound to go by it has too many neighbours.

The readings of the characters typed come from ``search/sounds.js`` (``data``): each
character of GB 2312 (the 6,763 characters an input method offers first) under its usual
toneless reading, made with pypinyin at build time and loaded by the browser only when a
query has a word no notice holds.  ``theme/static/search.js`` applies the same rules
(``slipFixes``).
"""
from __future__ import annotations

import re

from .query import Lexicon, Part, Query

DATA_FORMAT = 1
ALTERNATIVES = 3  # fixes searched for one word, at most: the most used first
FIX_LENGTH, WINDOW = 3, 8  # the windows of a stretch looked at around a word: so many characters
SHAPE_LENGTH = 4  # … and for a character of another sound (a shape slip), at least this many
_CJK = re.compile("[\u3400-\u9fff]+")
# The sounds pinyin input methods let one type for each other (模糊音), as rewrites to one
# spelling: finals first (iang → ian, uang → uan with ang → an), then initials.
_FUZZY_FINALS = (("ang", "an"), ("eng", "en"), ("ing", "in"))
_FUZZY_INITIALS = (("zh", "z"), ("ch", "c"), ("sh", "s"), ("n", "l"), ("r", "l"), ("h", "f"))


def fuzzy(reading: str) -> str:
    """A toneless reading with the 模糊音 pairs merged (zhao → zao, ling → lin, nan → lan)."""
    for long, short in _FUZZY_FINALS:
        if reading.endswith(long):
            reading = reading[:-len(long)] + short
            break
    for long, short in _FUZZY_INITIALS:
        if reading.startswith(long):
            return short + reading[len(long):]
    return reading


def could_fix(word: str) -> bool:
    """Whether ``word`` is the kind of text a slip is looked for in: two or more Chinese
    characters (a query without one never loads search/sounds.js)."""
    return len(word) >= 2 and _CJK.fullmatch(word) is not None


def stretch_of(parsed: Query, index: int) -> str:
    """The longest stretch typed together (a phrase) that holds part ``index``, or ""."""
    return max((ph.text for ph in parsed.phrases if ph.first <= index <= ph.last), key=len, default="")


def widen(parsed: Query, fixes: dict[str, list[str]], lexicon: Lexicon) -> tuple[Query, tuple[str, ...]]:
    """``parsed`` with each word that has ``fixes`` (a word no notice holds -> the words it
    may be a slip of) given them, each with its abbreviation-table names, as further forms
    (found through them, a result says so); and the fixes so searched."""
    parts, fixed = [], []
    for part in parsed.parts:
        found = fixes.get(part.text, []) if part.kind == "word" else []
        if found:
            extra = [f for w in found for f in lexicon.names(w)]
            part = Part(tuple(dict.fromkeys([*part.forms, *found, *extra])), part.kind)
            fixed += found
        parts.append(part)
    return Query(tuple(parts), parsed.phrases), tuple(dict.fromkeys(fixed))


def gb2312_characters() -> list[str]:
    """The 6,763 characters of GB 2312, levels 1 and 2, in the standard's order."""
    found = []
    for high in range(0xB0, 0xF8):
        for low in range(0xA1, 0xFF):
            try:
                found.append(bytes((high, low)).decode("gb2312"))
            except UnicodeDecodeError:
                continue
    return found


def data() -> dict:
    """``search/sounds.js``: GB 2312's characters grouped by their usual toneless reading
    (``"a 阿啊…,ai 哀…"``), at build time."""
    from pypinyin import Style, pinyin  # build time only: a large dictionary
    groups: dict[str, list[str]] = {}
    for char in gb2312_characters():
        reading = pinyin(char, style=Style.NORMAL, errors="ignore")
        if reading and reading[0] and reading[0][0].isascii() and reading[0][0].isalpha():
            groups.setdefault(reading[0][0], []).append(char)
    return {"format": DATA_FORMAT,
            "readings": ",".join(f"{r} {''.join(sorted(chars))}" for r, chars in sorted(groups.items()))}


class Sounds:
    """Corrects slips onto a vocabulary (see the module's docstring)."""

    def __init__(self, sounds_data: dict, readings: dict[str, list[str]], held: dict[str, int]) -> None:
        """``readings``: each vocabulary character's readings (``pinyin.Reader.readings``);
        ``held``: each vocabulary word's notices (only words some notice holds are fixes)."""
        self.usual: dict[str, str] = {}
        for group in sounds_data["readings"].split(","):
            reading, chars = group.split(" ")
            for char in chars:
                self.usual[char] = reading
        self.readings = readings
        self.held = held
        self.by_length: dict[int, list[str]] = {}
        for word in sorted(held):
            if held[word] > 0:
                self.by_length.setdefault(len(word), []).append(word)

    def sounds_of(self, char: str) -> list[str]:
        """The readings a typed character may have: the vocabulary's, else its usual one."""
        return self.readings.get(char) or ([self.usual[char]] if char in self.usual else [])

    def _kind(self, typed: str, meant: str) -> int:
        """How alike two characters sound: 0 the same, 1 alike (``FUZZY``), 2 not."""
        heard, said = self.sounds_of(typed), self.readings.get(meant, [])
        if set(heard) & set(said):
            return 0
        return 1 if {fuzzy(r) for r in heard} & {fuzzy(r) for r in said} else 2

    def fixes(self, piece: str, stretch: str = "") -> list[str]:
        """The vocabulary words ``piece`` may be a slip of, most used first (none when it is
        not wholly Chinese or shorter than two characters).  Where no word of its length
        sounds like it, ``stretch`` (the text typed together around it) is looked at too:
        the one vocabulary word that a window of three or more characters holding the whole
        piece becomes by changing one of the piece's characters (身分证 → 身份证), a character
        of the same sound before one alike before any other (then from four characters:
        医疔机构 → 医疗机构), longer windows first; none where two words fit equally."""
        if not could_fix(piece):
            return []
        found: dict[int, list[str]] = {0: [], 1: []}
        for word in self.by_length.get(len(piece), ()):
            differ = [i for i in range(len(piece)) if word[i] != piece[i]]
            if len(differ) == 1 and (kind := self._kind(piece[differ[0]], word[differ[0]])) < 2:
                found[kind].append(word)
        best = found[0] or found[1]
        if best:
            best.sort(key=lambda w: -self.held[w])  # stable: code point order among equals
            return best[:ALTERNATIVES]
        return self._in_stretch(piece, stretch)

    def _in_stretch(self, piece: str, stretch: str) -> list[str]:
        at = stretch.find(piece)
        if at < 0 or len(stretch) <= len(piece):
            return []
        fits: dict[tuple[int, int], set[str]] = {}
        for start in range(max(0, at - WINDOW + len(piece)), at + 1):  # windows holding the whole piece
            for end in range(max(start + FIX_LENGTH, at + len(piece)), min(len(stretch), start + WINDOW) + 1):
                window = stretch[start:end]
                if window == piece or not could_fix(window):
                    continue
                for word in self.by_length.get(len(window), ()):
                    differ = [i for i in range(len(window)) if word[i] != window[i]]
                    if len(differ) == 1 and at <= start + differ[0] < at + len(piece):
                        kind = self._kind(window[differ[0]], word[differ[0]])
                        if kind < 2 or len(window) >= SHAPE_LENGTH:
                            fits.setdefault((kind, -len(window)), set()).add(word)
        if not fits:
            return []
        words = fits[min(fits)]
        return sorted(words) if len(words) == 1 else []
