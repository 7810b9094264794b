"""One page of an old portal's saved copy: is it a notice, and what does it say.

Vendor CMSs (TRS WCM, 大汉, 南威, 开普云 …) all show the 政府信息公开 metadata block above a
notice, each in its own markup: a table of label and value cells, a list of
``[ 索引号 ] …`` items, label/value ``div``s or ``dl``s, a line of ``标签：值`` pairs, or
``<meta>`` tags.  So the page is read as people read it — as a sequence of text cells in
document order — and a label (索引号, 信息索引号, 文号, 发文机关, 公开日期 …) takes the text
that follows it up to the next label, within its row.

``read_page(data, rel)`` is pure: the bytes of one saved page in, an ``OldPage`` out —
its fields as written, its title candidates, its content area (the article alone:
navigation, breadcrumbs, 字号【大 中 小】, 打印本页 / 关闭窗口, 上一篇 / 下一篇, share widgets
and the footer taken away, the content found by where the text is rather than only by
known class names) and the problems that stop it.  ``body_markdown`` turns the content
area into Markdown, asking the caller what each link and image becomes.  Never a guess:
an encoding the page does not declare (and that is not UTF-8), two 索引号, two titles
are problems or doubts, not choices.
"""
from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from typing import Callable

import lxml.etree
import lxml.html

from .diagnostics import Location, Problem, error
from .noticefile import markdown_table

# --- the metadata block --------------------------------------------------------------------------

# What each field is called on old portals (whitespace inside a label is ignored: 索 引 号).
FIELD_LABELS = {
    "index_number": ("索引号", "信息索引号", "索取号", "文档索引号", "信息索引", "索引编号"),
    "doc_number": ("发文字号", "文号", "发文文号", "文件编号", "发文编号", "文件字号", "文件文号"),
    "topic": ("主题分类", "信息分类", "主题类别", "所属主题", "所属分类", "主题", "分类"),
    "genre": ("体裁分类", "体裁", "文种", "体裁类别", "文种分类"),
    "publisher": ("发布机构", "发文机关", "发布单位", "发文单位", "发布部门", "发布机关", "制发机关", "所属机构", "公开主体"),
    "written": ("成文日期", "生成日期", "发文日期", "制发日期", "印发日期", "成文时间", "生成时间"),
    "published": ("发布日期", "公开日期", "发布时间", "公开时间"),
    "title": ("名称", "标题", "文件名称", "信息名称", "文件标题"),
    "validity": ("有效性", "时效性", "效力状态", "有效状态"),
    "source": ("来源", "信息来源", "文章来源"),
}
# Labels of the block and its neighbours that are no field of a notice: they end a value.
OTHER_LABELS = ("作者", "字号", "字体", "浏览次数", "访问次数", "访问量", "点击数", "点击量", "点击率", "阅读次数",
                "浏览量", "阅读量", "责任编辑", "编辑", "关键词", "关键字", "主题词", "所属栏目", "栏目", "公开方式",
                "公开范围", "公开形式", "公开时限", "公开属性", "公开类别", "统一编号", "登记号", "统一登记号",
                "组配分类", "服务对象", "废止日期", "失效日期", "实施日期", "摘要", "内容概述", "备注")
BLOCK_FIELDS = ("index_number", "doc_number", "topic", "genre", "publisher", "written", "published")

_LABEL_FIELD = {label: name for name, labels in FIELD_LABELS.items() for label in labels}
_ALL_LABELS = sorted([*_LABEL_FIELD, *OTHER_LABELS], key=len, reverse=True)
_GAP = "[\\s\u3000\xa0]*"
_OPEN, _CLOSE = "[\\[【［〔(（<《]", "[\\]】］〕)）>》]"
# A label stands at the start of a cell or after a space or separator, bracketed or not,
# followed by a colon or by the end of its cell.
_LABEL = re.compile(
    f"(?:^|(?<=[\\s\u3000\xa0|｜;；,，\ue000]))(?:{_OPEN}{_GAP})?("
    + "|".join(_GAP.join(map(re.escape, label)) for label in _ALL_LABELS)
    + f")(?:{_GAP}{_CLOSE}{_GAP}[:：]?|{_GAP}(?:[:：]|$))")
_EMPTY_BRACKETS = re.compile(r"【[\s\u3000\xa0]*】|\[[\s\u3000\xa0]*\]|（[\s\u3000\xa0]*）|\([\s\u3000\xa0]*\)")
_NOTHING = {"无", "暂无", "-", "—", "--", "/", "／", "空", "null", "none"}

# <meta name=…> names (lower case, letters and digits only) that carry a field.
META_FIELDS = {
    "articletitle": "title", "pubdate": "published", "publishdate": "published", "contentsource": "source",
    "indexnumber": "index_number", "indexno": "index_number", "indexnum": "index_number", "syh": "index_number",
    "docnumber": "doc_number", "documentnumber": "doc_number", "fileno": "doc_number", "filenumber": "doc_number",
    "wh": "doc_number", "fwzh": "doc_number", "publisher": "publisher", "puborg": "publisher", "fbjg": "publisher",
    "writtendate": "written", "cwrq": "written", "topic": "topic", "ztfl": "topic", "genre": "genre",
    "tcfl": "genre",
} | {re.sub(r"\W", "", label): name for label, name in _LABEL_FIELD.items()}
INDEX_NUMBER_SHAPE = re.compile(r"[0-9A-Za-z]{6,20}\s*[/／]\s*\d{4,6}\s*[-－—]\s*\d{2,8}")


@dataclass(frozen=True)
class Found:
    """One value of a field on the page, where it stood."""

    value: str
    line: int | None
    source: str  # "索引号" (the label as written), "<meta ArticleTitle>", "<h1>" …
    in_block: bool = True


@dataclass
class OldPage:
    rel: str  # the page's path under SAVED, with "/"
    encoding: str = ""
    fields: dict[str, list[Found]] = field(default_factory=dict)
    labels: int = 0  # block fields whose label the page shows
    titles: list[Found] = field(default_factory=list)  # the page's headings that may be its title
    title: str = ""  # the title decided (decide_title), "" when there is none
    title_doubt: str = ""  # taken from <title> alone: to be checked
    index_shapes: int = 0  # distinct 索引号-shaped texts on the page (a list page has many)
    canonical: str = ""
    base: str = ""  # the page's <base href>: its relative links are relative to it
    saved_from: str = ""  # the address a browser or HTTrack noted the page was saved from
    html_title: str = ""
    content: object = None  # the content area (an lxml element), or None
    heading_elements: list = field(default_factory=list, repr=False)
    content_note: str = ""  # why the content area is not certain, "" when it is
    problems: list[Problem] = field(default_factory=list)  # the page could not be read

    def values(self, name: str) -> list[Found]:
        """The values of a field: those of the metadata block, else those found elsewhere
        (an info line, a <meta> tag), in the order the page has them."""
        found = self.fields.get(name, [])
        return [f for f in found if f.in_block] or found


# --- reading ----------------------------------------------------------------------------------------

_GB = {"gb2312", "gbk", "gb18030", "x-gbk", "cp936", "euc-cn", "hz-gb-2312", "csgb2312", "x-euc-cn", "ms936"}
_DECLARED = re.compile(rb"<meta\b[^>]*?charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:-]+)", re.I)
_XML_DECLARED = re.compile(rb"\A(?:\xef\xbb\xbf)?\s*<\?xml[^>]*?encoding\s*=\s*[\"']([A-Za-z0-9_.:-]+)", re.I)
_HEAD_END = re.compile(rb"</head\s*>|<body\b", re.I)


def decode(data: bytes, rel: str) -> tuple[str | None, str, list[Problem]]:
    """The page's text, the encoding it was read in, or the problem: the encoding its
    ``<meta charset>``, ``http-equiv`` or XML declaration names (GB2312 and GBK read as
    GB18030, which holds both), else UTF-8; a page that declares none and is not UTF-8,
    declares two, or is not what it declares is named, never guessed."""
    where = Location(rel)
    if data.startswith(b"\xef\xbb\xbf"):
        declared_names = ["utf-8"]
        data = data[3:]
    elif data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        declared_names = ["utf-16"]
    else:
        end = _HEAD_END.search(data, 0, 65536)
        head = data[: end.start() if end else 16384]
        declared_names = [m.decode("ascii").lower() for m in _DECLARED.findall(head)]
        declared_names += [m.decode("ascii").lower() for m in _XML_DECLARED.findall(head)]
    codecs_found = []
    for name in declared_names:
        try:
            codec = "gb18030" if name in _GB else codecs.lookup(name).name
        except LookupError:
            return None, "", [error(where, f"the page declares the encoding '{name}', which gwsite does not know",
                                    "correct its <meta charset>, or save the page again as UTF-8")]
        if codec not in codecs_found:
            codecs_found.append(codec)
    if len(codecs_found) > 1:
        readings = {_try(data, c) for c in codecs_found}
        if len(readings) > 1 or None in readings:
            return None, "", [error(where, f"the page declares two encodings ({', '.join(declared_names)}): "
                                           "which one it is cannot be decided",
                                    "delete the wrong <meta charset> from the saved page")]
    if not codecs_found:
        text = _try(data, "utf-8")
        if text is None:
            return None, "", [error(where, "the page declares no encoding and is not UTF-8: its encoding cannot be "
                                           "decided", "add <meta charset=\"gbk\"> (or the one the portal served) "
                                                      "at the top of the saved page")]
        return text, "utf-8", []
    codec = codecs_found[0]
    if codec == "gb18030" and _try(data, "utf-8") is not None and not data.isascii():
        return None, "", [error(where, f"the page declares {declared_names[0]} but its text is UTF-8 (saved again by "
                                       "an editor?): its encoding cannot be decided",
                                "correct its <meta charset> to utf-8, or save the original page again")]
    text = _try(data, codec)
    if text is None:
        return None, "", [error(where, f"the page is not {declared_names[0]} text, as it declares",
                                "save the page again from the portal, or correct its <meta charset>")]
    return text, declared_names[0] if codec == "gb18030" else codec, []


def _try(data: bytes, codec: str) -> str | None:
    try:
        return data.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return None


_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff\ue000\ue001]")
_XML_DECLARATION = re.compile(r"\A\s*<\?xml[^>]*>")
_SAVED_FROM = re.compile(r"<!--\s*saved from url=\(\d+\)\s*(\S+?)\s*-->", re.I)
_MIRRORED_FROM = re.compile(r"<!--\s*Mirrored from\s+(\S+)\s+by HTTrack", re.I)


def read_page(data: bytes, rel: str) -> OldPage:
    """``data``, the bytes of the saved page ``rel`` (its path under SAVED), read."""
    page = OldPage(rel)
    text, page.encoding, page.problems = decode(data, rel)
    if text is None:
        return page
    saved = _SAVED_FROM.search(text[:4096]) or _MIRRORED_FROM.search(text)
    if saved:
        page.saved_from = saved.group(1)
    text = _CONTROL.sub("", _XML_DECLARATION.sub("", text))
    try:
        doc = lxml.html.document_fromstring(text, parser=_PARSER)
    except (lxml.etree.ParserError, ValueError, lxml.etree.XMLSyntaxError) as exc:
        page.problems.append(error(Location(rel), f"the page cannot be read as HTML ({exc})",
                                   "save it again from the portal"))
        return page
    if doc is None or not isinstance(doc.tag, str):
        page.problems.append(error(Location(rel), "the page holds no HTML", "save it again from the portal"))
        return page
    try:
        _read_document(doc, page)
    except RecursionError:  # markup nested thousands deep: lxml keeps it, Python's stack does not
        page.problems.append(error(Location(rel), "the page's markup is nested too deeply to be read",
                                   "save it again from the portal"))
    return page


_PARSER = lxml.html.HTMLParser(remove_comments=True, remove_pis=True, default_doctype=False)


def _read_document(doc, page: OldPage) -> None:
    _remove(doc, _UNSEEN_TAGS)
    for meta in doc.iter("meta"):
        name = re.sub(r"\W", "", (meta.get("name") or meta.get("property") or "").lower())
        content = " ".join((meta.get("content") or "").split())
        if name in META_FIELDS and content:
            page.fields.setdefault(META_FIELDS[name], []).append(
                Found(content, meta.sourceline, f"<meta {meta.get('name') or meta.get('property')}>", in_block=False))
    for link in doc.iter("link"):
        if "canonical" in (link.get("rel") or "").lower().split() and (link.get("href") or "").strip():
            page.canonical = link.get("href").strip()
            break
    base = next((b.get("href").strip() for b in doc.iter("base") if (b.get("href") or "").strip()), "")
    page.base = base
    title = doc.find(".//title")
    page.html_title = " ".join(title.text_content().split()) if title is not None else ""
    body = doc.find("body")
    if body is None:
        return
    _drop_hidden(body)
    page.index_shapes = len({re.sub(r"\s", "", m) for m in INDEX_NUMBER_SHAPE.findall(body.text_content())})
    _drop_noise(body)
    block_cells = _read_labels(_cells(body), page, _marked(body))
    parts = _SEPARATORS.split(page.html_title)
    site_names = {f.value for f in _meta(doc, "sitename")} | ({parts[-1]} if len(parts) > 1 else set())
    _find_titles(body, page, site_names)
    problem = decide_title(page)
    if problem:
        page.problems.append(problem)
    for element in block_cells + [e for e, text in page.heading_elements if _same(text, page.title)]:
        _drop(element)
    page.content, page.content_note = _content_area(body)


def _meta(doc, name: str) -> list[Found]:
    return [Found(" ".join(m.get("content").split()), m.sourceline, name, False) for m in doc.iter("meta")
            if re.sub(r"\W", "", (m.get("name") or "").lower()) == name and (m.get("content") or "").strip()]


def _same(a: str, b: str) -> bool:
    return bool(a) and _norm(a) == _norm(b)


def _norm(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).split())


_UNSEEN_TAGS = ("script", "style", "noscript", "template", "iframe", "frame", "frameset", "object", "embed",
                "applet", "input", "select", "button", "textarea", "option", "canvas", "audio", "video", "map",
                "svg", "math")


def _remove(doc, tags) -> None:
    for element in list(doc.iter(*tags)):
        _drop(element)


def _drop(element) -> None:
    """Take ``element`` out of the tree, keeping the text that follows it."""
    parent = element.getparent()
    if parent is None:
        return
    tail = element.tail
    previous = element.getprevious()
    if tail:
        if previous is not None:
            previous.tail = (previous.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(element)


def _drop_hidden(body) -> None:
    for element in list(body.iter()):
        if not isinstance(element.tag, str):
            continue
        style = re.sub(r"\s", "", (element.get("style") or "").lower())
        if "display:none" in style or "visibility:hidden" in style or element.get("hidden") is not None:
            _drop(element)


# --- what is not the article -------------------------------------------------------------------------

_NOISE_TAGS = ("nav", "header", "footer", "aside")
# Words in a class or id that mark a page part that is no article (split at - _ and case).
_NOISE_WORDS = {"nav", "navbar", "menu", "menus", "breadcrumb", "breadcrumbs", "crumb", "crumbs", "position",
                "location", "dqwz", "footer", "foot", "bottom", "copyright", "header", "share", "fenxiang",
                "print", "dayin", "close", "guanbi", "fontsize", "zihao", "pager", "pagination", "prev", "next",
                "sxp", "updown", "related", "relate", "xgxx", "xgwj", "xgwz", "sidebar", "side", "comment",
                "comments", "logo", "banner", "search", "sousuo", "toolbar", "tools", "erweima", "qrcode", "ewm",
                "shoucang", "favorite", "jiucuo", "topbar", "top"}
_NOISE_PARTS = ("bdshare", "jiathis", "sharebox", "share-box", "bshare", "qrcode")
_NOISE_TEXT = re.compile(
    r"分享至|字号|字体|大\s*中\s*小|打印本页|打印此页|打印本文|打印|关闭本页|关闭窗口|关闭|分享到|分享|收藏本页|收藏|"
    r"扫一扫在手机打开当前页|扫一扫在手机上查看当前页面|扫一扫|手机扫码|返回顶部|返回|我要纠错|纠错|视力保护色|"
    r"默认|背景色|保存本页|加入收藏|TOP|Top|微信|微博|QQ空间|复制链接|我要|文章|手机查看|手机浏览|二维码|扫码|"
    r"首页|上一页|下一页|尾页|末页|用手机扫描|手机扫描|扫描")
# What a QR code's image stands beside; a pager's page numbers (首页 上一页 1 2 下一页 尾页).
_QR_TEXT = re.compile(r"手机查看|手机浏览|二维码|扫一扫|扫码")
_PAGER = re.compile(r"上一页|下一页")
_PAGER_LEFT = re.compile(r"[\d共页条第/]+")
_NOISE_LEFT = re.compile(r"[\s\u3000\xa0【】\[\]［］（）()|｜:：、,，/·•>＞\-]+")
_PREV_NEXT = re.compile(r"^[\s【\[［]*(上一篇|下一篇|上一条|下一条|上篇|下篇)")
_CRUMB = re.compile(r"^[\s\u3000]*(当前位置|您现在的位置|您的位置|你的位置|所在位置|现在位置|您当前的位置)")
_FOOTER = re.compile(r"网站标识码|ICP备|公网安备|版权所有|Copyright|©")


def _words(element) -> list[str]:
    names = f"{element.get('class') or ''} {element.get('id') or ''}"
    names = re.sub(r"([a-z])([A-Z])", r"\1 \2", names)
    return [w.lower() for w in re.split(r"[\s_\-.]+", names) if w]


def _is_noise(element, page_text: int) -> bool:
    # By its tag or its name only a part that holds little of the page's own text (not a
    # wrapper named "page-side-layout"), and not one named as an article's part.
    words = _words(element)
    named = (element.tag in _NOISE_TAGS and not any(a.tag == "article" for a in element.iterancestors())
             or any(w in _NOISE_WORDS for w in words) and not any(w in _CONTENT_WORDS or w in _TITLE_WORDS
                                                                   for w in words)
             or any(part in f"{element.get('class') or ''} {element.get('id') or ''}".lower()
                    for part in _NOISE_PARTS))
    # A part so named is left when it holds most of the page's text or the article's
    # heading or text by name: a wrapper named "page-side-layout" holds everything.
    footer = element.tag == "footer" or any(w in ("footer", "foot", "bottom", "copyright") for w in words)
    if named and (footer or _plain_length(element)[0] < 0.5 * page_text) and element.find(".//h1") is None \
            and _marked(element) is None:
        return True
    text = element.text_content()
    if len(text) > 400:
        return False
    squeezed = "".join(text.split())
    if not squeezed:
        return False
    left = _NOISE_LEFT.sub("", _NOISE_TEXT.sub("", text))
    if not left and (element.find(".//img") is None or _QR_TEXT.search(text)):
        return True  # nothing but 字号【大 中 小】, 打印本页, 关闭窗口, 分享到 …, a QR code and 手机查看
    if _PAGER.search(text) and not _PAGER_LEFT.sub("", left) and len(squeezed) < 100:
        return True  # 首页 上一页 1 2 下一页 尾页
    # A line of its own, not a part holding other lines (a small page's wrapper).
    if any(isinstance(e.tag, str) and e.tag in _LINES for e in element.iterdescendants()):
        return False
    return bool(_CRUMB.match(text) and re.search(r"[>＞»→]", text) and len(squeezed) < 150
                or _PREV_NEXT.match(text) and len(squeezed) < 200
                or _FOOTER.search(text) and len(squeezed) < 250)


_LINES = {"div", "p", "table", "ul", "ol", "dl", "section", "article", "h1", "h2", "h3", "h4", "h5", "h6", "form",
          "li", "tr"}


def _drop_noise(body) -> None:
    """Navigation, breadcrumbs, reading aids, share widgets, 上一篇/下一篇 and the footer,
    wherever they stand (inside the content area too)."""
    page_text = _plain_length(body)[0]
    stack = list(body)
    while stack:
        element = stack.pop()
        if not isinstance(element.tag, str):
            continue
        if _is_noise(element, page_text):
            _drop(element)
        else:
            stack.extend(element)


# --- cells of text, and the labels in them ----------------------------------------------------------

_PIECE = "\ue000"  # private-use characters: no page text holds them (read_page takes them out)
_LINKED = "\ue001"
_CELL_TAGS = {"td", "th", "dd", "dt", "li", "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "label", "section",
              "article", "tr", "table", "ul", "ol", "dl", "body", "blockquote", "center", "form", "main", "pre",
              "tbody", "thead", "caption", "fieldset", "legend"}


@dataclass
class _Cell:
    element: object  # the block element the text is in
    text: str
    line: int | None


def _cells(body) -> list[_Cell]:
    """The page's text as cells in document order: each run of text within one block
    element (inline elements merged into it; a <br> ends a run)."""
    cells: list[_Cell] = []
    current: list = [None, [], None]  # element, pieces, line

    def flush():
        if current[0] is not None:
            # Pieces of one cell from different inline elements (<span>发布时间：…</span>
            # <span>来源：…</span>) are kept apart by a mark that a label may follow.
            text = _PIECE.join(" ".join(p.split()) for p in current[1] if p.strip(_LINKED).split()).strip(_PIECE)
            if text:
                cells.append(_Cell(current[0], text, current[2]))
        current[0], current[1], current[2] = None, [], None

    def add(element, text, line, linked):
        if not text:
            return
        if current[0] is not element:
            flush()
            current[0], current[2] = element, line
        # Text of a link is marked: a value may be a link (主题分类 linked to its list),
        # a label may not (a list of other notices, 索引号：… as a link's text).
        current[1].append(_LINKED + text if linked else text)

    # Iterative walk: (element, block it belongs to, inside a link?, entering?)
    stack = [(body, body, False, True)]
    while stack:
        element, block, linked, entering = stack.pop()
        own = element if element.tag in _CELL_TAGS else block
        if entering:
            if own is not block or element.tag == "br":
                flush()
            inner = linked or element.tag == "a"
            add(own, element.text, element.sourceline, inner)
            stack.append((element, block, linked, False))
            for child in reversed([c for c in element if isinstance(c.tag, str)]):
                stack.append((child, own, inner, True))
        else:
            if own is not block:
                flush()
            add(block, element.tail, element.sourceline, linked)
    flush()
    return cells


def _read_labels(cells: list[_Cell], page: OldPage, article=None) -> list:
    """The fields the labels in ``cells`` give (into ``page.fields``); returns the cells
    to leave out of the body: the metadata block's, and lines of labels elsewhere (发布时间：…
    来源：… above the text)."""
    labelled = []  # (cell index, [(label, field name or None, value, used the next cell)])
    for i, cell in enumerate(cells):
        matches = list(_LABEL.finditer(cell.text))
        if not matches or len(cell.text) > 400 or _inside_link(cell.element):
            continue
        found = []
        for k, m in enumerate(matches):
            label = re.sub(r"[\s\u3000\xa0]", "", m.group(1))
            end = matches[k + 1].start() if k + 1 < len(matches) else len(cell.text)
            value, used_next = cell.text[m.end():end].replace(_PIECE, "").replace(_LINKED, "").strip(" \u3000\xa0:："), False
            name = _LABEL_FIELD.get(label)
            if not value and k + 1 == len(matches) and i + 1 < len(cells):
                following = cells[i + 1]
                if _same_row(cell.element, following.element) and not _LABEL.match(following.text):
                    value, used_next = _joined(name, cells, i + 1, following.text), True
            elif value and k + 1 == len(matches) and name in ("index_number", "doc_number"):
                value = _joined(name, cells, i, value)
            value = _EMPTY_BRACKETS.sub("", value).strip(" \u3000\xa0")  # 【打印】 whose link went with the noise
            if value.strip(" .。").lower() in _NOTHING:
                value = ""
            found.append((label, name, value, used_next))
        labelled.append((i, found))
    # Lines of the article's text that start with a label (文件名称：…, 名称：… in a 中标公告)
    # are its text: no field is read from them and they stay.  The block is looked for
    # outside the article first; inside it only when the page has no 索引号 elsewhere.
    prose = {i for i, _ in labelled if _in_article(cells[i].element, article)}
    # …but 【责任编辑：…】, 来源：… 作者：… 浏览次数：… under the text are the page's, not the notice's.
    chrome = [cells[i].element for i, found in labelled if i in prose and _chrome(found)]
    container = _block(cells, [(i, f) for i, f in labelled if i not in prose])
    if container is None:
        container = _block(cells, labelled)
        labelled = [(i, found) for i, found in labelled if i not in prose or container is not None and (
            cells[i].element is container or container in cells[i].element.iterancestors())]
    else:
        labelled = [(i, found) for i, found in labelled if i not in prose]
    shown: set[str] = set()
    leave_out: list = []
    for i, found in labelled:
        cell = cells[i]
        in_block = container is not None and (cell.element is container or container in cell.element.iterancestors())
        for label, name, value, used_next in found:
            if name is None:
                continue
            if in_block:
                shown.add(name)
            if value:
                page.fields.setdefault(name, []).append(Found(value, cell.line, label, in_block))
        # A line of labels outside the block (发布时间：… 来源：…) goes too; a table's
        # header cells in the body (名称, 数量) stay.
        if in_block or not _data_cell(cell.element) and _LABEL.match(cell.text) and len(cell.text) < 120:
            leave_out.append(cell.element)
            if any(used for *_, used in found):
                leave_out.append(cells[i + 1].element)
    page.labels = len(shown & set(BLOCK_FIELDS))
    leave_out += chrome
    return [e for e in dict.fromkeys(leave_out) if e.tag not in ("body", "form", "main", "article")
            and len(e.text_content()) <= 600]


def _block(cells: list[_Cell], labelled: list) -> object:
    """The metadata block: the smallest element around the 索引号 label that holds three labels."""
    label_elements = [(cells[i].element, sum(1 for _, name, _, _ in found if name)) for i, found in labelled]
    first_index = next((cells[i].element for i, found in labelled
                        if any(name == "index_number" for _, name, _, _ in found)), None)
    if first_index is not None:
        for candidate in [first_index, *first_index.iterancestors()]:
            if sum(n for e, n in label_elements if e is candidate or candidate in e.iterancestors()) >= 3:
                return candidate
    return None


_CHROME = {"作者", "责任编辑", "编辑", "浏览次数", "访问次数", "访问量", "点击数", "点击量", "点击率", "阅读次数", "浏览量",
           "阅读量", "字号", "字体"}


def _chrome(found) -> bool:
    """A line of the CMS's labels about the page (责任编辑, 作者, 浏览次数 …, with 来源 or
    发布时间 beside them), no text of the notice's."""
    labels = {label for label, *_ in found}
    return bool(labels & _CHROME) and labels <= _CHROME | set(FIELD_LABELS["source"]) | set(FIELD_LABELS["published"])


def _in_article(element, article) -> bool:
    """Whether ``element`` is a line of the article's text: within the element the CMS
    marks as the text (TRS_Editor, #zoom …), or a paragraph after a paragraph of text."""
    if article is not None and (element is article or article in element.iterancestors()):
        return True
    if element.tag != "p":
        return False
    return any(isinstance(e.tag, str) and e.tag == "p" and len("".join(e.text_content().split())) >= 4
               and not _LABEL.match(" ".join(e.text_content().split())) for e in element.itersiblings(preceding=True))


def _joined(name: str | None, cells: list[_Cell], i: int, value: str) -> str:
    """``value`` (from ``cells[i]``) and the lines a <br> split from it in the same cell.
    A 索引号 or 发文字号 wrapped to a narrow cell's width goes on with no space, until it
    is whole (a 索引号 of the usual shape; a 发文字号 ending in 号), never past it; another
    field's lines are joined with a space."""
    value = value.replace(_PIECE, "").replace(_LINKED, "")
    for cell in cells[i + 1:]:
        if cell.element is not cells[i].element or _LABEL.match(cell.text) or len(cell.text) > 100:
            break
        line = cell.text.replace(_PIECE, "").replace(_LINKED, "").strip(" \u3000\xa0")
        if name == "index_number":
            if INDEX_NUMBER_SHAPE.fullmatch(value.strip()) or not (
                    re.search("[/／\\-－—]$", value.strip()) or re.match("[/／\\-－—]", line)
                    or INDEX_NUMBER_SHAPE.fullmatch(value.strip() + line)):
                break
            value = value.strip() + line
        elif name == "doc_number":
            if value.strip().endswith("号"):
                break
            value = value.strip() + line
        else:
            value = f"{value} {line}"
    return value


def _data_cell(element) -> bool:
    """A cell of a table's row of several cells (a 名称 column of a table in the text)."""
    return element.tag in ("td", "th") and sum(1 for c in element.getparent() if c.tag in ("td", "th")) > 1


def _inside_link(element) -> bool:
    return any(a.tag == "a" for a in element.iterancestors())


def _same_row(label, value) -> bool:
    """Whether ``value``'s cell stands beside ``label``'s (a td after a th, a dd after a
    dt, a value span-div after a label div), or within it."""
    if value is label:
        return True
    label, value = _cell_of(label), _cell_of(value)
    parent = label.getparent()
    if value is parent:  # <li><label>索引号：</label><span>…</span></li>, <td><label>…</label>…</td>
        return True
    return parent is not None and (value.getparent() is parent or parent in value.iterancestors()
                                   and value.getparent().getparent() is parent)


def _cell_of(element):
    """The cell ``element`` alone fills: <th><p>索引号</p></th> is the <th>'s text."""
    while element.tag in ("p", "div", "span", "label", "font", "strong", "b"):
        parent = element.getparent()
        if parent is None or (parent.text or "").strip() or (element.tail or "").strip() or \
                sum(1 for c in parent if isinstance(c.tag, str)) != 1:
            break
        element = parent
    return element


# --- the title --------------------------------------------------------------------------------------

_BODY_WORDS = {"content", "text", "body", "con", "zw", "nr", "neirong", "zoom", "editor", "conttxt", "contxt", "wzcon"}
_TITLE_WORDS = {"title", "tit", "bt", "biaoti", "headline"}
_SEPARATORS = re.compile(r"\s*(?:_|\||｜|--|——| - |－)\s*")


def _title_like(element) -> bool:
    words = _words(element)
    if any(w.startswith("sub") or w in ("fbt", "subtitle", "stitle") or w in _BODY_WORDS for w in words):
        return False  # a subtitle, or the text itself (td.bt_content)
    return any(w in _TITLE_WORDS or (len(w) > 5 and w.endswith("title")) for w in words)


def _find_titles(body, page: OldPage, site_names: set[str]) -> None:
    """The page's headings that may be its title: its <h1>s; else the elements named as a
    title (class="title", "bt" …); else its one <h2> or <h3>."""
    ranks = (("<h1>", lambda e: e.tag == "h1", 5, False), ("title element", _title_like, 8, False),
             ("<h2>", lambda e: e.tag == "h2", 8, True), ("<h3>", lambda e: e.tag == "h3", 8, True))
    for rank, test, shortest, alone in ranks:
        found = []
        for element in body.iter():
            if not isinstance(element.tag, str) or not test(element) or _inside_link(element):
                continue
            links = [a for a in element.iter("a")]
            text = " ".join(element.text_content().split())
            if links and sum(len(a.text_content().strip()) for a in links) >= 0.8 * len(text):
                continue  # a link to another page (a list of notices)
            if not shortest <= len(text) <= 300 or _LABEL.match(text) or text in site_names:
                continue
            found.append((element, text))
        if alone and len({_norm(t) for _, t in found}) > 1:
            continue  # section headings of the text, not its title
        if found:
            page.heading_elements = found
            page.titles = [Found(text, element.sourceline, rank, in_block=False) for element, text in found]
            return


def decide_title(page: OldPage) -> Problem | None:
    """The title: the <meta ArticleTitle> and the block's 名称, which must agree with each
    other and with the page's <h1>; else the page's heading; else the first part of its
    <title>, to be checked.  Two that differ are a problem: never a choice."""
    strong: list[Found] = []
    for f in [*page.fields.get("title", [])]:
        if (f.in_block or f.source.startswith("<meta")) and not any(_same(f.value, s.value) for s in strong):
            strong.append(f)
    heads: list[Found] = []
    for f in page.titles:
        if not any(_same(f.value, h.value) for h in heads):
            heads.append(f)
    candidates = strong or heads
    if strong and heads and heads[0].source == "<h1>" and not any(_same(h.value, strong[0].value) for h in heads):
        candidates = strong + [h for h in heads if not any(_same(h.value, s.value) for s in strong)]
    if len(candidates) > 1:
        listed = "; ".join(f"'{c.value}' ({c.source}{f', line {c.line}' if c.line else ''})" for c in candidates[:3])
        return error(Location(page.rel, candidates[1].line), f"two candidate titles: {listed}",
                     "correct the saved page so that it has one title, then run migrate again")
    if candidates:
        page.title = candidates[0].value
        return None
    page.title = title_parts(page.html_title)
    if page.title:
        page.title_doubt = f"the title was taken from the page's <title> ('{page.html_title}')"
    return None


# --- the content area --------------------------------------------------------------------------------

_STRONG_MARKS = ("trs_editor", "trs_ueditor", "article-content", "articlecontent", "zoom", "fontzoom",
                 "ucap-content", "js_content", "con_text", "contenttext", "news_content", "art_con", "zw")
_CONTENT_WORDS = {"content", "article", "zoom", "editor", "detail", "text", "zw", "main", "body", "con", "wzcon",
                  "nr", "neirong", "view", "artical", "conttxt", "contxt", "info", "news", "xl", "xqy"}
_PARAGRAPHS = ("p", "td", "pre", "li", "div", "section", "article", "h2", "h3", "h4", "dd", "blockquote", "center")


def _plain_length(element) -> tuple[int, int]:
    """(characters of text outside links, characters inside links) under ``element``."""
    total = len("".join(element.text_content().split()))
    linked = sum(len("".join(a.text_content().split())) for a in element.iter("a"))
    return total - linked, linked


def _content_area(body) -> tuple[object, str]:
    """The element holding the article, and a note when that is not certain.  Going down
    from <body>, into the child that holds most of the text outside links, as long as it
    holds most of it; an element the CMS marks as the article's (TRS_Editor, #zoom,
    .article-content …) within it is taken when it holds most of the text too."""
    node = body
    note = ""
    while True:
        children = [c for c in node if isinstance(c.tag, str)]
        total, _ = _plain_length(node)
        if not children or total == 0:
            break
        scored = sorted(((_plain_length(c)[0], i, c) for i, c in enumerate(children)), key=lambda x: (-x[0], x[1]))
        best_length, _, best = scored[0]
        direct = len("".join((node.text or "").split())) + sum(len("".join((c.tail or "").split())) for c in children)
        if best_length >= 0.6 * total and direct < 0.25 * total and _region(best):
            node = best
            continue
        # Two parts of the page that each hold much of the text, not two paragraphs of it.
        regions = [length for length, _, c in scored if _region(c) and length >= 0.3 * total]
        if node is body and best_length < 0.6 * total or len(regions) >= 2 and _marked(node) is None:
            note = (f"the text is spread over several parts of the page (the largest holds "
                    f"{round(100 * best_length / total)}%)")
        break
    marked = _marked(node)
    if marked is not None and marked is not node:
        inner, _ = _plain_length(marked)
        outer, _ = _plain_length(node)
        if outer and inner >= 0.6 * outer:
            node, note = marked, ""
    if node is body and not note:
        note = "no part of the page holds the article's text apart from the rest"
    return node, note


_REGIONS = {"div", "section", "article", "main", "td", "tr", "tbody", "form", "center", "font", "span", "dd"}


def _region(element) -> bool:
    """Whether ``element`` may hold the article rather than be a part of it (a paragraph,
    a heading, a list, a table of data): a division, a cell, a table that lays a page out."""
    if element.tag == "table":
        return _lays_out(element)
    if element.tag in ("span", "font"):  # <font> or <span> wrapping paragraphs
        return any(isinstance(e.tag, str) and e.tag in ("p", "div", "br") for e in element.iterdescendants())
    return element.tag in _REGIONS


def _lays_out(table) -> bool:
    """Whether a table lays a page out rather than holds data: its rows are one cell each,
    or its cells hold divisions, tables, lists, headings or a form."""
    rows = [[c for c in tr if isinstance(c.tag, str) and c.tag in ("td", "th")]
            for tr in table.iter("tr") if _nearest_table(tr) is table]
    return all(len(row) <= 1 for row in rows) or any(
        isinstance(e.tag, str) and e.tag in ("div", "table", "ul", "h1", "h2", "h3", "form")
        for e in table.iterdescendants())


def _marked(node):
    """The one element under ``node`` that a CMS marks as an article's text, if one."""
    found = []
    for element in node.iter():
        if not isinstance(element.tag, str) or element is node:
            continue
        names = f"{element.get('class') or ''} {element.get('id') or ''}".lower().split()
        if any(n in _STRONG_MARKS for n in names):
            if not any(f in element.iterancestors() for f in found):
                found.append(element)
    return found[0] if len(found) == 1 else None


# --- the content area as Markdown --------------------------------------------------------------------

# resolve(url as written, "image" | "link", its text) -> what to write in the body: a
# path under content/ or an address, or None (the text alone: it leads nowhere).
Resolver = Callable[[str, str, str], "str | None"]

_BLOCK_TAGS = {"p", "div", "section", "article", "center", "blockquote", "pre", "h1", "h2", "h3", "h4", "h5", "h6",
               "ul", "ol", "li", "dl", "dt", "dd", "table", "tr", "td", "th", "tbody", "thead", "tfoot", "form",
               "main", "figure", "figcaption", "hr", "address", "fieldset", "caption"}
_WHITE = re.compile(r"[ \t\r\n\f\xa0]+")
_EDGE = " \t\u3000\xa0\u2002\u2003"
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|])")
_LINE_START = re.compile(r"^([#>+\-=]|\d+[.)])")
MAX_DEPTH = 120  # deeper markup is read as text


def _escape(text: str) -> str:
    return _MD_SPECIAL.sub(r"\\\1", text)


def body_markdown(element, resolve: Resolver) -> str:
    """The content area as Markdown: paragraphs, headings (## on), lists, tables (a plain
    grid as a Markdown table, merged cells as HTML), bold kept; links and images as
    ``resolve`` says."""
    blocks: list[str] = []
    _Converter(resolve, blocks).container(element, 0)
    text = "\n\n".join(b for b in blocks if b.strip())
    return (text + "\n") if text else ""


class _Converter:
    def __init__(self, resolve: Resolver, blocks: list[str]) -> None:
        self.resolve = resolve
        self.blocks = blocks

    def container(self, element, depth: int) -> None:
        """The children of a block element: runs of inline content become paragraphs."""
        line: list[str] = []

        def flush():
            text = "".join(line)
            line.clear()
            self.paragraph(text)

        if element.text:
            line.append(_escape(_WHITE.sub(" ", element.text)))
        for child in element:
            if isinstance(child.tag, str):
                if depth > MAX_DEPTH:
                    line.append(_escape(_WHITE.sub(" ", child.text_content())))
                elif child.tag == "br":
                    line.append("\n")
                elif child.tag in _BLOCK_TAGS:
                    flush()
                    self.block(child, depth + 1)
                else:
                    line.append(self.inline(child, depth + 1))
            if child.tail:
                line.append(_escape(_WHITE.sub(" ", child.tail)))
        flush()

    def paragraph(self, text: str) -> None:
        lines = [ln.strip(_EDGE) for ln in text.split("\n")]
        lines = [_LINE_START.sub(lambda m: "\\" + m.group(1) if len(m.group(1)) == 1 else
                                 m.group(1)[:-1] + "\\" + m.group(1)[-1], ln) for ln in lines if ln]
        if lines:  # a line break as a backslash: trailing spaces would not survive the YAML's block
            self.blocks.append("\\\n".join(lines))

    def block(self, element, depth: int) -> None:
        tag = element.tag
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            text = " ".join(self.inline_children(element, depth).replace("\n", " ").split())
            if text:
                self.blocks.append("#" * min(6, max(2, int(tag[1]) + 1)) + " " + text)
        elif tag in ("ul", "ol"):
            self.list(element, depth)
        elif tag == "table":
            self.table(element, depth)
        elif tag == "hr":
            return
        elif tag == "pre":
            self.paragraph(_escape(element.text_content()))
        else:
            self.container(element, depth)

    def list(self, element, depth: int) -> None:
        items = []
        number = 0
        for li in element:
            if not isinstance(li.tag, str):
                continue
            inner: list[str] = []
            _Converter(self.resolve, inner).container(li, depth + 1)
            text = " ".join(" ".join(inner).replace("\\\n", " ").split())
            if not text:
                continue
            number += 1
            items.append((f"{number}. " if element.tag == "ol" else "- ") + text.lstrip("\\"))
        if items:
            self.blocks.append("\n".join(items))

    def table(self, element, depth: int) -> None:
        rows = [tr for tr in element.iter("tr") if _nearest_table(tr) is element]
        cells = [[c for c in tr if isinstance(c.tag, str) and c.tag in ("td", "th")] for tr in rows]
        cells = [row for row in cells if row]
        layout = (all(len(r) <= 1 for r in cells) or any(c.find(".//table") is not None for r in cells for c in r)
                  or any(len(c.text_content()) > 800 for r in cells for c in r))
        if layout:  # a table that lays a page out: its cells are containers
            for row in cells:
                for cell in row:
                    self.container(cell, depth + 1)
            return
        grid = []
        for row in cells:
            out = []
            for cell in row:
                for linked in cell.iter("a", "img"):  # the files a cell links are the notice's too
                    url = (linked.get("href") if linked.tag == "a" else linked.get("src")) or ""
                    if url.strip():
                        self.resolve(url.strip(), "link" if linked.tag == "a" else "image",
                                     " ".join(linked.text_content().split()))
                out.append((_cell_text(cell), _span(cell.get("colspan")), _span(cell.get("rowspan"))))
            if any(t for t, _, _ in out):
                grid.append(out)
        if grid:
            self.blocks.append(markdown_table(grid))

    def inline_children(self, element, depth: int) -> str:
        parts = [_escape(_WHITE.sub(" ", element.text))] if element.text else []
        for child in element:
            if isinstance(child.tag, str):
                parts.append("\n" if child.tag == "br" else self.inline(child, depth + 1))
            if child.tail:
                parts.append(_escape(_WHITE.sub(" ", child.tail)))
        return "".join(parts)

    def inline(self, element, depth: int) -> str:
        tag = element.tag
        if depth > MAX_DEPTH:
            return _escape(_WHITE.sub(" ", element.text_content()))
        if tag == "img":
            alt = " ".join((element.get("alt") or element.get("title") or "").split())
            src = (element.get("src") or "").strip()
            target = self.resolve(src, "image", alt) if src else None
            if target is None:
                return _escape(alt)
            return f"![{_escape(alt)}]({_destination(target)})"
        if tag == "a":
            inner = self.inline_children(element, depth)
            href = (element.get("href") or "").strip()
            text = " ".join(inner.replace("\n", " ").split())
            if not href or inner.lstrip().startswith("!["):  # an image: the image alone
                return inner
            target = self.resolve(href, "link", " ".join(element.text_content().split()))
            if target is None or not text:
                return text
            return f"[{text}]({_destination(target)})"
        inner = self.inline_children(element, depth)
        if tag in ("strong", "b") and inner.strip():
            return f"<strong>{inner.strip()}</strong>"
        if tag in ("sup", "sub") and inner.strip():
            return f"<{tag}>{inner.strip()}</{tag}>"
        return inner


def _nearest_table(element):
    return next((a for a in element.iterancestors() if a.tag == "table"), None)


def _span(value) -> int:
    try:
        return max(1, min(100, int(str(value).strip())))
    except (TypeError, ValueError):
        return 1


def _cell_text(cell) -> str:
    """A table cell's text, its paragraphs and line breaks as line breaks."""
    pieces: list[str] = []
    stack = [(cell, True)]
    while stack:
        element, entering = stack.pop()
        inner = element is not cell
        if entering:
            if inner and element.tag in ("br", "p", "div", "li"):
                pieces.append("\n")
            if element.text:
                pieces.append(_WHITE.sub(" ", element.text))
            stack.append((element, False))
            stack.extend((child, True) for child in reversed([c for c in element if isinstance(c.tag, str)]))
        elif inner:
            if element.tag in ("p", "div", "li"):
                pieces.append("\n")
            if element.tail:
                pieces.append(_WHITE.sub(" ", element.tail))
    lines = [line.strip(_EDGE) for line in "".join(pieces).split("\n")]
    return "\n".join(line for line in lines if line)


def _destination(target: str) -> str:
    return f"<{target}>" if re.search(r"[\s()<>]", target) else target


# --- values -----------------------------------------------------------------------------------------

_DATE = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?")


def read_date(text: str) -> tuple[date | None, str]:
    """The date a value states (2024-03-12, 2024年03月12日, 2024/3/12, with a time or not),
    or None and why: no date, two dates, an impossible date."""
    plain = unicodedata.normalize("NFKC", text)
    found = []
    for m in _DATE.finditer(plain):
        try:
            day = date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            return None, f"'{text}' is no possible date"
        if day not in found:
            found.append(day)
    if not found:
        return None, f"'{text}' is no date"
    if len(found) > 1:
        return None, f"'{text}' holds {len(found)} dates"
    return found[0], ""


def first_token(text: str) -> str:
    """A 索引号 or 发文字号 value up to the first wide gap (what follows is another text)."""
    return re.split(r"[\s\u3000\xa0]{2,}|\s+(?=[【\[])", text.strip())[0].strip()


def title_parts(html_title: str) -> str:
    """The first part of a <title> like '关于…的通知_青溪区人民政府'."""
    return _SEPARATORS.split(html_title.strip())[0].strip() if html_title.strip() else ""
