"""Personal data in published text (去标识化): find it, and mask it.

Three kinds, each recognised by its own check so that the numbers a government page is full
of (索引号, 发文字号, dates, amounts, postcodes, office telephones) are left alone:

* ``id_card``: an 18-character 居民身份证号 — a province code, a real birth date in
  characters 7–14, and the GB 11643 check character (mod 11, may be X).  Masked
  ``500381********4214`` (first 6, last 4).
* ``mobile``: 11 digits ``1[3-9]…``, also written 3-4-4 (``139 1234 1234``,
  ``139-1234-1234``, ``139.1234.1234``), 3-8 (``139 12345678``), with the first three in
  brackets like an area code (``(139)1234-1234``, ``（139）12341234``) or after ``+86`` or
  ``0086``.  Masked ``139****1234`` (the brackets go with the number).
* ``bank_card``: 16–19 digits that pass the Luhn check and start like a card (3 JCB, 4
  Visa, 5 Mastercard, 6 UnionPay, 9 domestic), also in groups (``6222 0212 3456 7890 128``,
  ``622202 1234567890123``).  Masked ``************1234``: every digit but the last 4.

Masked forms are canonical: separators are dropped, so a masked value looks the same
however it was typed.  A ``Finding`` holds only the masked form, never the number itself,
so a warning built from it cannot leak what it warns about.

A candidate is a maximal run of digits (or of digit groups joined by one space or hyphen,
the same throughout; a dot only between the groups of a 3-4-4 mobile), never a piece of a
longer one, and not touching a Latin letter (an X inside a 统一社会信用代码 must not make its
digits look like an ID).  It is not personal data when it reads as a quantity: followed by
元, 万, %, 号, 年 … or part of a decimal or a ¥ amount.  So office numbers (``(023)67812345``
starts with 0), dates (``2024.03.05``), amounts (``1391.2345元``) and version numbers
(``13.9.1234.5678``: not grouped 3-4-4, and ``1.139.1234.5678`` is a piece of a longer
dotted number) are left alone; a dotted 3-4-4 group of eleven digits starting 13–19 is read
as the mobile it is written like: masking a number that was not one costs less than
publishing one that was.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, replace
from datetime import date

from .diagnostics import Location, Problem, warning

ID_CARD, MOBILE, BANK_CARD = "id_card", "mobile", "bank_card"
LABELS = {ID_CARD: "居民身份证号", MOBILE: "手机号码", BANK_CARD: "银行卡号"}  # as messages name them
_PRIORITY = {ID_CARD: 0, BANK_CARD: 1, MOBILE: 2}  # who wins when two readings overlap

_RUN = re.compile(r"[0-9０-９]+")
_LETTER = re.compile(r"[A-Za-zＡ-Ｚａ-ｚ]")
_X = "XxＸｘ"
# A number followed by one of these is an amount (元, 万元, 亿元), a share, a serial (…号) or a
# year.  Kept short on purpose: every word here is a way for an ID in a flattened table row to
# escape ("500381199001014214户主"), so only words that follow quantities and never IDs.
_QUANTITY = re.compile(r" ?(?:元|万|亿|%|％|‰|号|年(?!龄))")
_PROVINCES = {11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45,
              46, 50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82, 83}
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
# 统一社会信用代码 (GB 32100): 18 characters from this alphabet, the last a check character.
USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


@dataclass(frozen=True)
class Finding:
    """Personal data at ``text[start:end]``; ``masked`` is what to publish instead."""

    kind: str  # ID_CARD, MOBILE or BANK_CARD
    start: int
    end: int
    masked: str


# Every finding lies in a chain of eleven digits or more, in groups joined by single
# separators (a mobile is the shortest), or by the closing bracket of "(139)1234-1234": the
# chains in a text, usually none, are found at the regex engine's speed, and only their digit
# runs are read in Python.
_CHAIN = re.compile(r"[0-9０-９](?:(?:[ \-－.．]|[)）] ?)?[0-9０-９]){10,}")
_JOINS = (" ", "-", "－", ".", "．")  # between the groups of one number
_DOTS = (".", "．")  # only between a mobile's groups: 1234.5678 is a decimal otherwise
_OPEN, _CLOSE = ("(", "（"), (")", "）", ") ", "） ")  # (139)1234-1234: the first group bracketed
# Digits in a reading (before an ID's X): 11 (mobile), 16–19 (card), 18 or 17 + X (ID).
_READABLE = frozenset((11, 16, 17, 18, 19))


# The fields of a notice that are published as text, besides its body and attachment names.
MASKED_FIELDS = {"title": "title", "doc_number": "发文字号", "index_number": "索引号",
                 "topic": "主题分类", "genre": "体裁分类"}


def scan_notice(notice) -> tuple[tuple[str, list[Finding]], ...]:
    """(field, findings) of every published text of a notice that holds personal data:
    the fields above, ``body`` and ``attachments[i]``.  The reader stores it with the
    notice (in its worker process), so that ``assemble`` need not scan again."""
    texts = [(name, getattr(notice, name)) for name in MASKED_FIELDS]
    texts.append(("body", notice.body))
    texts += [(f"attachments[{i}]", name) for i, name in enumerate(notice.attachments)]
    return tuple((name, found) for name, text in texts if (found := find_personal_data(text)))


# The text of a catalogue item (标准目录事项) as published: its domain's page, the whole
# catalogue, data/catalogue.json, the .xlsx/.csv downloads and the search index.
CATALOGUE_FIELDS = {"level1": "一级事项", "level2": "二级事项", "level3": "三级事项", "content": "公开内容",
                    "basis": "公开依据", "deadline": "公开时限", "subject": "公开主体", "channels": "公开渠道和载体"}


def _catalogue_texts(item):
    """(field, text) of every published text of a catalogue item; channels one by one."""
    for name in CATALOGUE_FIELDS:
        value = getattr(item, name)
        if isinstance(value, str):
            yield name, value
        else:
            yield from ((name, text) for text in value)


def scan_catalogue(items) -> list[Problem]:
    """A warning at its cell (``catalogues/a.xlsx!Sheet1!F7``) for each piece of personal
    data in the catalogue's items, naming only its masked form: a 公开内容 copied from a
    real case (a 联系人's mobile, an example 身份证号) is published with the catalogue."""
    problems = []
    for item in items:
        for name, text in _catalogue_texts(item):
            for f in find_personal_data(text):
                problems.append(warning(
                    item.location_of(name) or Location("catalogues"),
                    f"{LABELS[f.kind]} in the {CATALOGUE_FIELDS[name]} of item '{mask_personal_data(item.key)}' "
                    f"is published masked as {f.masked}",
                    "remove personal data from the catalogue workbook"))
    return problems


def mask_catalogue(items) -> tuple:
    """The items with personal data masked in every published text (``scan_catalogue``
    names each place); an item without any is returned as it is."""
    def masked(item):
        changes = {}
        for name in CATALOGUE_FIELDS:
            value = getattr(item, name)
            new = mask_personal_data(value) if isinstance(value, str) else tuple(map(mask_personal_data, value))
            if new != value:
                changes[name] = new
        return replace(item, **changes) if changes else item
    return tuple(masked(item) for item in items)


def find_personal_data(text: str) -> list[Finding]:
    """Every ID number, mobile number and bank card number in ``text``, sorted, not overlapping."""
    candidates: list[Finding] = []
    for chain in _CHAIN.finditer(text):
        runs = [(m.start(), m.end()) for m in _RUN.finditer(text, chain.start(), chain.end())]
        for i, (start, _) in enumerate(runs):
            # Grow a sequence of digit groups from run i while they are joined by one separator
            # (the same one throughout): "6222 0212 3456 7890 128", "139-1234-1234"; the
            # first group may stand in brackets instead: "(139)1234-1234".
            sep = None
            bracketed = False
            size = 0
            for j in range(i, min(i + 5, len(runs))):
                if j > i:
                    gap = text[runs[j - 1][1]:runs[j][0]]
                    if j == i + 1 and gap in _CLOSE and text[start - 1:start] in _OPEN:
                        bracketed = True
                    elif gap not in _JOINS or sep not in (None, gap):
                        break
                    else:
                        sep = gap
                size += runs[j][1] - runs[j][0]
                if size > 19:
                    break  # longer than any reading, and growing
                if size in _READABLE:  # any other length has no reading: skip building it
                    groups = [text[s:e] for s, e in runs[i:j + 1]]
                    candidates += _read(text, groups, start, runs[j][1], sep, bracketed)
            # "+8613912341234", "008613912341234": the country code glued to the number.
            end = runs[i][1]
            if end - start == 13 and text[start:start + 2] == "86" and text[start - 1:start] == "+":
                candidates += _read(text, [text[start + 2:end]], start + 2, end)
            elif end - start == 15 and _ascii(text[start:start + 4]) == "0086":
                candidates += _read(text, [text[start + 4:end]], start + 4, end)
    return sorted(_best_reading(candidates), key=lambda c: c.start) if candidates else []


def _best_reading(candidates: list[Finding]) -> list[Finding]:
    """The non-overlapping choice that explains the most numbers, then covers the most
    text, then prefers ID over card over mobile (an 18-digit ID may also pass Luhn).

    Greedy by kind is not enough: in "130 0000 9972-6200-0000-0000-0005" the groups
    "9972-6200-0000-0000" may pass Luhn too, and taking them would expose the mobile.
    """
    candidates = sorted(candidates, key=lambda c: (c.end, c.start, c.kind))
    ends = [c.end for c in candidates]
    # score[k]: the best among the first k candidates (by end); came[k]: where that choice
    # continues when it takes candidate k-1, or None when it does not.
    score: list[tuple[int, int, int]] = [(0, 0, 0)]
    came: list[int | None] = [None]
    for i, c in enumerate(candidates):
        k = bisect.bisect_right(ends, c.start, 0, i)
        count, covered, priority = score[k]
        take = (count + 1, covered + c.end - c.start, priority - _PRIORITY[c.kind])
        score.append(max(take, score[i]))
        came.append(k if take > score[i] else None)
    chosen, i = [], len(candidates)
    while i:
        if came[i] is None:
            i -= 1
        else:
            chosen.append(candidates[i - 1])
            i = came[i]
    return chosen


def mask_personal_data(text: str, *, markdown: bool = False) -> str:
    """``text`` with every finding replaced by its masked form.

    ``markdown=True`` writes the stars as ``\\*``: in Markdown source two masked numbers in
    one paragraph would otherwise open and close emphasis (``139**…**4214``).
    """
    out, last = [], 0
    for f in find_personal_data(text):
        out += [text[last:f.start], f.masked.replace("*", "\\*") if markdown else f.masked]
        last = f.end
    return "".join(out) + text[last:]


def _read(text: str, groups: list[str], start: int, end: int, sep: str | None = None,
          bracketed: bool = False) -> list[Finding]:
    """The readings of one candidate sequence of digit groups that pass their checks.
    ``sep`` joins the groups; ``bracketed``: the first group stands in brackets, "(139)…"."""
    digits = "".join(groups)
    sizes = tuple(len(g) for g in groups)
    mobile = sizes in ((11,), (3, 4, 4), (3, 8)) and re.fullmatch(r"1[3-9]\d{9}", _ascii(digits))
    if bracketed or sep in _DOTS:  # written the way only a telephone number is written
        # 3-8 with a dot is a decimal (a longitude, 134.12345678); with brackets it is not.
        grouped = sizes == (3, 4, 4) or (bracketed and sizes == (3, 8))
        if not (mobile and grouped and _free(text, start, end)):
            return []
        return [Finding(MOBILE, start - bracketed, end, digits[:3] + "****" + digits[-4:])]
    found = []
    if sizes in ((17,), (6, 8, 3)) and text[end:end + 1] and text[end] in _X:
        digits, sizes, end = digits + text[end], sizes[:-1] + (sizes[-1] + 1,), end + 1
    if not _free(text, start, end):
        return []
    if sizes in ((18,), (6, 8, 4)) and _is_id(digits):
        found.append(Finding(ID_CARD, start, end, digits[:6] + "*" * 8 + digits[-4:]))
    if mobile:
        found.append(Finding(MOBILE, start, end, digits[:3] + "****" + digits[-4:]))
    if (16 <= len(digits) <= 19 and digits.isdecimal()
            and (len(sizes) == 1 or sizes[0] in (4, 6) and min(sizes[:-1]) >= 3)
            and _ascii(digits)[0] in "34569" and _luhn(digits)
            and not (len(digits) == 18 and _is_uscc(digits))):
        found.append(Finding(BANK_CARD, start, end, "*" * (len(digits) - 4) + digits[-4:]))
    return found


def _free(text: str, start: int, end: int) -> bool:
    """Not glued to a letter, not a decimal or a ¥ amount, not followed by a unit."""
    before, after = text[start - 1:start], text[end:end + 1]
    if _LETTER.fullmatch(before) or _LETTER.fullmatch(after) or before in ("¥", "￥", "$"):
        return False
    if before in (".", "．") and _RUN.fullmatch(text[start - 2:start - 1]):
        return False  # the decimals of 3.1415926535897932
    if after in (".", "．") and _RUN.match(text, end + 1):
        return False  # 13912341234.50
    return not _QUANTITY.match(text, end)


def _ascii(digits: str) -> str:
    """Full-width digits (５００３８１…) as ASCII, for the checks; masks keep what was typed."""
    return digits.translate({0xFF10 + k: 0x30 + k for k in range(10)}).translate(
        {ord(c): "X" for c in _X})


def _is_id(value: str) -> bool:
    """GB 11643: a province, a birth date from 1900 on, and the mod-11 check character."""
    value = _ascii(value)
    if not value[:17].isdigit() or int(value[:2]) not in _PROVINCES:
        return False
    try:
        born = date(int(value[6:10]), int(value[10:12]), int(value[12:14]))
    except ValueError:
        return False
    if not 1900 <= born.year <= 2099:
        return False
    total = sum(int(c) * w for c, w in zip(value, _ID_WEIGHTS))
    return "10X98765432"[total % 11] == value[17]


def _luhn(digits: str) -> bool:
    total = 0
    for k, c in enumerate(reversed(_ascii(digits))):
        d = int(c) * (2 if k % 2 else 1)
        total += d - 9 if d > 9 else d
    return total % 10 == 0


def uscc_check_char(first17: str) -> str:
    """The check character of a 统一社会信用代码 from its first 17 characters."""
    total = sum(USCC_ALPHABET.index(c) * w for c, w in zip(first17, USCC_WEIGHTS))
    return USCC_ALPHABET[(31 - total % 31) % 31]


def is_valid_uscc(code: str) -> bool:
    """18 characters of the alphabet whose last is the right check character."""
    return (len(code) == 18 and all(c in USCC_ALPHABET for c in code)
            and uscc_check_char(code[:17]) == code[17])


def _is_uscc(digits: str) -> bool:
    """An all-digit 统一社会信用代码 that checks: an organisation, not a card."""
    return is_valid_uscc(_ascii(digits))
