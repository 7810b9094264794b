"""What an official document (公文, laid out per GB/T 9704-2012) says, read from its layout.

The readers (``docread``) turn a .docx, .doc/.wps or PDF into a list of ``Block``s —
paragraphs with their alignment, colour and size, tables, embedded files — in reading
order.  ``analyse`` walks them as the standard lays a document out, top to bottom:

    版头    份号 · 密级 · 紧急程度 · 发文机关标志 (red, or a table) · 发文字号 · the red rule
    主体    标题 (one or more centred lines) · 主送机关 (…：) · 正文 (一、（一）1.（1）) ·
            附件说明 (附件：1．…) · 署名 · 成文日期 · 附注 (（此件公开发布）)
    附件    附件1 … on their own pages
    版记    抄送：… · 印发机关和印发日期 (its date is not the 成文日期)

Each field is taken from its place, never searched for anywhere in the text; what is
missing or has two candidates is left empty and said (``Gongwen.doubts``), with the place.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

SPACE = " \t\u3000\u00a0\u2002\u2003"


@dataclass(frozen=True)
class Block:
    """One piece of the document, in reading order."""

    kind: str  # "para", "table", "file" (an embedded or pictured file)
    where: str  # its place, for messages: "¶12", "table 2", "page 1 line 5"
    text: str = ""  # a paragraph's text; "\n" where the line was broken by hand
    align: str = ""  # "center", "right", "left", "both" or "" (not known)
    red: bool = False  # most of its text is red (发文机关标志)
    bold: bool = False  # all of its text is bold
    size: float = 0.0  # its largest font size in points, 0 when not known
    indent: bool = False  # its first line is indented (a body paragraph)
    rule_below: bool = False  # a rule under it (the 版头's red line, the 版记's rules)
    bullet: bool = False  # an item of a bulleted list (Word's own bullets)
    rows: tuple[tuple[tuple[str, int, int], ...], ...] = ()  # a table: cells (text, colspan, rowspan); covered cells left out
    name: str = ""  # a file's name
    data: bytes = b""  # a file's bytes


@dataclass
class Gongwen:
    """The fields of one document; empty where it does not state them."""

    issuer: str = ""  # 发文机关标志
    doc_number: str = ""  # 发文字号, as printed
    title: str = ""
    addressee: str = ""  # 主送机关, with its ：
    body: list[Block] = field(default_factory=list)  # 正文 (and 附件 pages), as blocks
    attachments: list[str] = field(default_factory=list)  # 附件说明's names
    signature: list[str] = field(default_factory=list)  # 署名 lines
    written: date | None = None  # 成文日期
    disclosure: str = ""  # 附注's 公开属性: 主动公开 / 依申请公开 / 不予公开, "" when not stated
    files: list[Block] = field(default_factory=list)  # embedded files and pictures
    doubts: list[tuple[str, str]] = field(default_factory=list)  # (where, what a person must check)
    secret: str = ""  # a 密级 line: such a document is not for a portal


# --- texts ------------------------------------------------------------------------------

def squeeze(text: str) -> str:
    """``text`` without any space (U+3000 and line breaks included)."""
    return re.sub(r"\s+", "", text.replace("\u3000", " "))


_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
_BRACKETS = "〔［\\[（(【﹝"
_CLOSERS = "〕］\\]）)】﹞"
# 机关代字 + 〔year〕 + serial + 号, any bracket (or a mismatched pair), 第 and leading zeros
# allowed; or the year without brackets (示府发2020-12号, 示府函2020年12号).
DOC_NUMBER = re.compile(
    rf"[\u4e00-\u9fff]{{1,14}}?[{_BRACKETS}]\s*[0-9０-９]{{4}}\s*[{_CLOSERS}]\s*第?\s*[0-9０-９]{{1,5}}\s*号"
    rf"|[\u4e00-\u9fff]{{1,14}}?[发函字办令][0-9０-９]{{4}}[-－年][0-9０-９]{{1,5}}号")
_SIGNER = re.compile(r"签\s*发\s*人\s*[:：]")
_PARTIAL_DATE = re.compile(r"[0-9]{4}年[0-9]{1,2}月|[〇○零Ｏ一二三四五六七八九]{4}年[一二三四五六七八九十]{1,3}月")
_NOTICE_NUMBER = re.compile(r"(?:[0-9０-９]{4}年)?第[0-9０-９]{1,4}号")  # a 公告's: 2024年第3号
# The number under a 令's or a 纪要's 标志 (GB/T 9704 §10.2, §10.3): 第5号, 〔2025〕3号, 第3期
_SERIAL_LINE = re.compile(r"(?:[0-9]{4}年)?第[0-9]{1,4}[号期]|[〔(\[［（][0-9]{4}[〕)\]］）]第?[0-9]{1,4}[号期]")

_CN_DIGIT = {"〇": 0, "○": 0, "零": 0, "Ｏ": 0, "O": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5,
             "六": 6, "七": 7, "八": 8, "九": 9}
_ARABIC_DATE = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
_DOTTED_DATE = re.compile(r"(\d{4})\s*[.．/-]\s*(\d{1,2})\s*[.．/-]\s*(\d{1,2})")
_CN_DATE = re.compile(r"([〇○零Ｏ一二三四五六七八九]{4})\s*年\s*([一二三四五六七八九十]{1,3})\s*月\s*([一二三四五六七八九十]{1,3})\s*日")


def _cn_number(text: str) -> int:
    """一 … 三十一, as months and days are written."""
    if "十" not in text:
        return _CN_DIGIT.get(text, 0)
    tens, _, ones = text.partition("十")
    return (_CN_DIGIT.get(tens, 0) if tens else 1) * 10 + (_CN_DIGIT.get(ones, 0) if ones else 0)


def parse_date(text: str) -> date | None:
    """The date a line holds alone (2026年3月5日, 二〇二六年三月五日, 2026.3.5), or None."""
    line = squeeze(text).translate(_DIGITS)
    for pattern in (_ARABIC_DATE, _CN_DATE, _DOTTED_DATE):
        m = pattern.fullmatch(line)
        if m:
            if pattern is _CN_DATE:
                y = int("".join(str(_CN_DIGIT[c]) for c in m.group(1)))
                mo, d = _cn_number(m.group(2)), _cn_number(m.group(3))
            else:
                y, mo, d = (int(g) for g in m.groups())
            try:
                return date(y, mo, d)
            except ValueError:
                return None
    return None


_DISCLOSURE = [
    (re.compile(r"此件\s*(?:公开发布|主动公开|公开)|公开(?:方式|属性)\s*[:：]\s*主动公开"), "主动公开"),
    (re.compile(r"此件\s*依申请公开|公开(?:方式|属性)\s*[:：]\s*依申请公开"), "依申请公开"),
    (re.compile(r"此件\s*(?:不予公开|不公开)|公开(?:方式|属性)\s*[:：]\s*不予公开"), "不予公开"),
]


def disclosure_of(text: str) -> str:
    """The 公开属性 a 附注 line states, or ""."""
    line = squeeze(text)
    for pattern, value in _DISCLOSURE:
        if pattern.search(line):
            return value
    return ""


# Headings of the body, by level (GB/T 9704 §7.3.3): 一、 （一） 1. （1）
HEADINGS = [
    (1, re.compile(r"[一二三四五六七八九十]{1,3}[、．.]")),
    (2, re.compile(r"[（(][一二三四五六七八九十]{1,3}[）)]")),
    (3, re.compile(r"\d{1,2}[.．、](?!\d)")),
    (4, re.compile(r"[（(]\d{1,2}[）)]")),
]
HEADING_LENGTH = 40  # a standalone heading is short and ends with no sentence mark


def heading_level(text: str) -> int:
    """The level of a standalone heading line (1–4), or 0 for a paragraph."""
    line = text.strip(SPACE)
    if len(line) > HEADING_LENGTH or line[-1:] in "。；;，,：:" or "\n" in line:
        return 0
    for level, pattern in HEADINGS:
        m = pattern.match(line)
        if m and len(line) > m.end():
            return level
    return 0


_ATTACHMENT_HEAD = re.compile(r"附\s*件\s*[:：]\s*(.*)", re.S)
_ATTACHMENT_ITEM = re.compile(r"(\d{1,2})\s*[.．、]\s*(.+)")
_ATTACHMENT_PAGE = re.compile(r"附\s*件\s*\d{0,2}")  # 附件1 at the top of an attachment's page
_COPY_TO = re.compile(r"(抄\s*送|主\s*送|抄\s*报|分\s*送|发\s*送)\s*[:：]")  # 分送, 发送: a 纪要's
_PRINTED = re.compile(r"印\s*发$")
_SECRET = re.compile(r"(绝密|机密|秘密)\s*★")
_URGENCY = re.compile(r"(特急|加急|特提|平急)")
_COPY_NUMBER = re.compile(r"\d{6}")
_PAGE_NUMBER = re.compile(r"[—–\-－]+\s*\d+\s*[—–\-－]+|第\s*\d+\s*页\s*(共\s*\d+\s*页)?")
_NOTE = re.compile(r"[（(].*[）)]")


def is_page_number(text: str) -> bool:
    return bool(_PAGE_NUMBER.fullmatch(text.strip(SPACE)))


# --- the walk ---------------------------------------------------------------------------

def analyse(blocks: list[Block]) -> Gongwen:
    """The fields of the document made of ``blocks`` (see the module's text)."""
    doc = Gongwen()
    blocks = [b for b in blocks if not (b.kind == "para" and is_page_number(b.text))]
    doc.files = [b for b in blocks if b.kind == "file"]
    flow = [b for b in blocks if b.kind != "file"]
    at = _head(flow, doc)
    at = _title(flow, at, doc)
    if not doc.title and doc.issuer.endswith("令") and doc.doc_number:
        # A 令 has no title line: its 标志 and 令号 say what it is.  Said, never guessed silently.
        doc.title = doc.issuer + doc.doc_number
        doc.doubts = [d for d in doc.doubts if not d[1].startswith("标题")]
        doc.doubts.append((flow[0].where if flow else "", f"标题: a 令 has no title line; titled {doc.title}; set title"))
    end, after = _tail(flow, at, doc)
    _main(flow[at:end], doc)
    doc.body += after  # 附件 pages after the date
    return doc


def _text(b: Block) -> str:
    return squeeze(b.text) if b.kind == "para" else ""


def _number_line(line: str):
    """The 发文字号 of a 版头 line that is one (a 签发人 may share it), else None."""
    found = DOC_NUMBER.search(line)
    if found is None or line.endswith("。"):
        return None
    rest = _SIGNER.split(line[:found.start()] + line[found.end():])[0]
    return found if len(rest) <= 4 else None


def _head(flow: list[Block], doc: Gongwen) -> int:
    """The 版头: its lines (份号, 密级, 紧急程度, the red 标志 or a 标志 table, 发文字号 and
    签发人, the rule) from the top, up to the first line that is none of them.  Returns
    where the title may start."""
    last = -1
    for i, b in enumerate(flow[:14]):
        if b.kind == "table":
            cells = [squeeze(c[0]) for row in b.rows for c in row if squeeze(c[0])]
            if last < 1 and cells and (any(c.endswith("文件") for c in cells) or b.red):
                names = [c for c in cells if c != "文件"]
                doc.issuer = "".join(names) + ("文件" if "文件" in cells and not names[-1].endswith("文件") else "")
                last = i
                continue
            break
        line = _text(b)
        if not line:
            if b.rule_below:
                last = i
            continue
        number = _number_line(line)
        if number:
            if not doc.doc_number:
                doc.doc_number = _as_printed(b.text, number.group(0))
            last = i
        elif _SECRET.search(line) and len(line) <= 12:
            doc.secret = line
            last = i
        elif _COPY_NUMBER.fullmatch(line) or _URGENCY.fullmatch(line):
            last = i
        elif (b.red or b.rule_below or (line.endswith("文件") and len(line) <= 40)) and not doc.issuer and not doc.doc_number:
            doc.issuer = line
            last = i
        elif b.red and doc.issuer and not doc.doc_number:
            doc.issuer += line  # a 联合行文 标志, one organ a line
            last = i
        elif doc.issuer and not doc.doc_number and _SERIAL_LINE.fullmatch(line.translate(_DIGITS)):
            doc.doc_number = b.text.strip(SPACE)  # a 令's 令号, a 纪要's 期号
            last = i
        elif doc.issuer.endswith("纪要") and not doc.written and _dated_line(b.text):
            doc.written = _dated_line(b.text)  # a 纪要's head: 青溪区人民政府办公室　2025年3月12日
            last = i
        else:
            break
    return last + 1


def _dated_line(text: str) -> date | None:
    """The date at the end of a line that is an organ's name and a date apart (a 纪要's head)."""
    parts = [p for p in re.split("[ \u3000\t]{2,}|\u3000", text.strip(SPACE)) if p.strip(SPACE)]
    return parse_date(parts[-1]) if len(parts) >= 2 else None


def _as_printed(text: str, squeezed: str) -> str:
    """The stretch of ``text`` that reads ``squeezed`` once its spaces are dropped."""
    chars = [(i, c) for i, c in enumerate(text) if not c.isspace() and c != "\u3000"]
    joined = "".join(c for _, c in chars)
    start = joined.find(squeezed)
    if start < 0:
        return squeezed
    return text[chars[start][0]:chars[start + len(squeezed) - 1][0] + 1]


def _title(flow: list[Block], at: int, doc: Gongwen) -> int:
    """标题: the centred lines after the 版头, up to the 主送机关 or the first body line."""
    n = len(flow)
    while at < n and (flow[at].kind != "para" or not _text(flow[at])):
        at += 1
    lines: list[str] = []
    first = at
    while at < n and flow[at].kind == "para":
        b = flow[at]
        line = _text(b)
        if not line:
            if lines:
                break
            at += 1
            continue
        centred = b.align == "center" or (not b.align and not b.indent and _padded_centre(b.text))
        if lines and (not centred or line.endswith(("：", ":")) or heading_level(b.text) or _NOTICE_NUMBER.fullmatch(line)):
            break
        if not lines and not centred and b.align:
            break  # no centred line: a document without a title line of its own
        if not lines and DOC_NUMBER.fullmatch(line):  # a 字号 under no 版头 (a 公告's 第5号 …)
            at += 1
            continue
        lines.append(line)
        at += 1
        if len(lines) == 4:
            following = flow[at] if at < n and flow[at].kind == "para" else None
            if following is not None and following.align == "center" and _text(following):
                doc.doubts.append((following.where, "标题: more centred lines follow the title's first four; "
                                                    "the title is taken from those four; set title"))
            break
    # A 公告's number (2024年第3号, 第5号) on its own line under the title.
    while at < n and flow[at].kind == "para" and not _text(flow[at]):
        at += 1
    if lines and at < n and flow[at].kind == "para" and _NOTICE_NUMBER.fullmatch(_text(flow[at])) and not doc.doc_number:
        doc.doc_number = flow[at].text.strip(SPACE)
        at += 1
    if not lines:
        where = flow[first].where if first < n else "the end"
        doc.doubts.append((where, "标题: no centred title line found after the 版头; set title"))
        return first
    doc.title = "".join(lines)
    return at


def _pushed(text: str) -> bool:
    """A line pushed right or to the middle with spaces (U+3000 counts two, a tab four)."""
    lead = text[:len(text) - len(text.lstrip(SPACE))]
    return len(lead) + lead.count("\u3000") + 3 * lead.count("\t") >= 10


def _padded_centre(text: str) -> bool:
    """A line pushed to the middle with spaces (a PDF's line, or a hand-made title)."""
    lead = len(text) - len(text.lstrip(SPACE))
    return lead >= 4


def _tail(flow: list[Block], start: int, doc: Gongwen) -> tuple[int, list[Block]]:
    """署名, 成文日期, 附注 and the 版记, from the end: returns where they start, and the
    blocks after the date that are not the 附注 (附件 pages)."""
    n = len(flow)
    # The 版记: 抄送 / 印发 lines (and their rules) at the very end.
    end = n
    while end > start:
        b = flow[end - 1]
        line = _text(b)
        if b.kind == "para" and (not line or _COPY_TO.match(line) or _PRINTED.search(line)):
            end -= 1
            continue
        break
    dates = [i for i in range(start, end) if flow[i].kind == "para" and parse_date(flow[i].text)]
    # A 抄送 line after the last date starts the 版记, wrapped lines and all.
    copy_to = [i for i in range((dates[-1] if dates else start), end) if flow[i].kind == "para" and _COPY_TO.match(_text(flow[i]))]
    if copy_to:
        end = copy_to[0]
    # 附注: a parenthesised line after the date, or a 公开方式 line.
    after_date = dates[-1] if dates else end
    notes = [i for i in range(start, n) if flow[i].kind == "para" and disclosure_of(flow[i].text)]
    values = {disclosure_of(flow[i].text) for i in notes}
    if len(values) == 1:
        doc.disclosure = next(iter(values))
    elif len(values) > 1:
        doc.doubts.append((", ".join(flow[i].where for i in notes),
                           "公开属性: the document states more than one (" + "、".join(sorted(values)) + "); set disclosure"))
    if not values:
        doc.doubts.append((flow[after_date].where if after_date < n else "the end",
                           "公开属性: the document states none (no 附注 such as （此件公开发布）); set disclosure"))
    if not dates:
        partial = [i for i in range(start, end) if flow[i].kind == "para" and _PARTIAL_DATE.fullmatch(_text(flow[i]))]
        if partial:  # 2024年6月: the date's place, without its day
            doc.doubts.append((flow[partial[-1]].where, f"成文日期: {_text(flow[partial[-1]])} gives no day; set written"))
            return _signature_before(flow, start, partial[-1], doc), []
        if not doc.written:  # a 纪要 dates itself in its head
            doc.doubts.append((flow[end - 1].where if end else "the end", "成文日期: no date line at the end; set written"))
        return _signature_before(flow, start, end, doc), []
    # The 成文日期 is the last date line of the 主体; an earlier one close to it is a second candidate.
    last = dates[-1]
    others = [i for i in dates[:-1] if last - i <= 3 and parse_date(flow[i].text) != parse_date(flow[last].text)]
    if others:
        doc.doubts.append((", ".join(flow[i].where for i in (*others, last)),
                           "成文日期: two candidate dates (" + "、".join(str(parse_date(flow[i].text)) for i in (*others, last))
                           + "); set written"))
    else:
        doc.written = parse_date(flow[last].text)
    after = [b for b in flow[last + 1:end] if not (b.kind == "para" and (disclosure_of(b.text) or _is_note(b)))]
    return _signature_before(flow, start, min(others + [last]), doc), _trim(after)


def _is_note(b: Block) -> bool:
    return bool(_NOTE.fullmatch(_text(b)))


def _signature_before(flow: list[Block], start: int, date_at: int, doc: Gongwen) -> int:
    """The 署名 lines just above the date: short lines, not sentences, pushed right or centred."""
    at = date_at
    lines = []
    while at - 1 >= start:
        b = flow[at - 1]
        line = _text(b)
        if b.kind != "para":
            break
        if not line:
            if lines:
                break
            at -= 1
            continue
        if len(line) > 30 or line[-1] in "。；;，,：:" or _ATTACHMENT_HEAD.match(line) or heading_level(b.text):
            break
        if not (b.align in ("right", "center") or _pushed(b.text) or (not b.align and not b.indent)):
            break  # a body line
        lines.insert(0, line)
        at -= 1
        if len(lines) == 4:
            break
    doc.signature = lines
    return at


def _main(blocks: list[Block], doc: Gongwen) -> None:
    """主送机关, 正文 and 附件说明."""
    i = 0
    while i < len(blocks) and blocks[i].kind == "para" and not _text(blocks[i]):
        i += 1
    if i < len(blocks) and blocks[i].kind == "para":
        line = _text(blocks[i])
        # A long 主送 typed over two paragraphs (an Enter where the line was full): the first
        # runs on without an ending, at the margin, and the second ends it with its colon.
        nxt = blocks[i + 1] if i + 1 < len(blocks) and blocks[i + 1].kind == "para" else None
        two = (nxt is not None and not line.endswith(("：", ":", "。", "；")) and not nxt.indent
               and _text(nxt).endswith(("：", ":")) and not heading_level(nxt.text))
        if two:
            line += _text(nxt)
        if line.endswith(("：", ":")) and len(line) <= 120 and not blocks[i].indent and not heading_level(blocks[i].text) \
                and not _ATTACHMENT_HEAD.match(line):
            doc.addressee = line
            i += 2 if two else 1
    body: list[Block] = []
    while i < len(blocks):
        b = blocks[i]
        m = _ATTACHMENT_HEAD.match(_text(b)) if b.kind == "para" else None
        if m and not _ATTACHMENT_PAGE.fullmatch(_text(b)):
            names, i = _attachment_list(blocks, i, m.group(1))
            doc.attachments += names
            continue
        body.append(b)
        i += 1
    doc.body = _trim(body)


def _attachment_list(blocks: list[Block], i: int, first: str) -> tuple[list[str], int]:
    """附件：1．name (wrapped lines joined) 2．name …; returns the names and where the list ends."""
    items: list[str] = []
    text = first
    i += 1
    pending = [text] if text else []
    while i < len(blocks) and blocks[i].kind == "para":
        line = _text(blocks[i])
        if not line:
            break
        if _ATTACHMENT_ITEM.match(line) or (pending and _is_wrapped(blocks[i])):
            pending.append(("\n" if _ATTACHMENT_ITEM.match(line) else "") + line)
            i += 1
            continue
        break
    joined = "".join(pending)
    for piece in joined.split("\n"):
        piece = piece.strip()
        if not piece:
            continue
        m = _ATTACHMENT_ITEM.match(piece)
        items.append((m.group(2) if m else piece).strip())
    return [name.rstrip("。.；;") for name in items if name], i


def _is_wrapped(b: Block) -> bool:
    """A wrapped 附件 line: indented further, not numbered, not a date or a name line."""
    lead = len(b.text) - len(b.text.lstrip(SPACE))
    return lead >= 3 and not parse_date(b.text)


def _trim(blocks: list[Block]) -> list[Block]:
    while blocks and blocks[0].kind == "para" and not _text(blocks[0]):
        blocks = blocks[1:]
    while blocks and blocks[-1].kind == "para" and not _text(blocks[-1]):
        blocks = blocks[:-1]
    return blocks
