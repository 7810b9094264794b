"""Markdown bodies to safe HTML.

Markdown is GitHub-flavoured CommonMark through cmarkgfm (GitHub's C parser): on the
demo's bodies 22 × faster than Python-Markdown, which had been the build's slowest step
(README).  Bodies are written by many hands and pasted from Word; raw HTML in them is
allowed but sanitised with nh3 (the Rust ``ammonia`` sanitiser): no script, no event-handler
attributes, no ``javascript:`` or other non-web URLs.
"""
from __future__ import annotations

import ctypes
import re

import nh3
from cmarkgfm import _cmark as _gfm
from cmarkgfm.cmark import Options

_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "caption", "code", "col", "colgroup", "dd", "del",
    "div", "dl", "dt", "em", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins",
    "kbd", "li", "ol", "p", "pre", "q", "s", "small", "span", "strong", "sub", "sup",
    "table", "tbody", "td", "tfoot", "th", "thead", "tr", "u", "ul",
}
_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title", "width", "height"},
    "td": {"colspan", "rowspan", "style"},
    "th": {"colspan", "rowspan", "scope", "style"},
    "ol": {"start"},
    "abbr": {"title"},
}
_URL_SCHEMES = {"http", "https", "mailto", "tel"}

# Raw HTML passes the parser (UNSAFE) because nh3 sanitises the result; SMART stays off
# so that quotation marks are the author's own.
_OPTIONS = Options.CMARK_OPT_UNSAFE
# GFM without its tag filter, which would show a <script> as text: nh3 removes it instead.
_EXTENSIONS = ["table", "strikethrough", "autolink"]
_ALIGN = re.compile(r' align="(left|center|right)"')
# Tags of _TAGS as cmark writes them, without attributes but a table cell's alignment (as
# rewritten below): nh3 leaves them as they are.
_PLAIN_TAG = re.compile(r"</?(?:p|h[1-6]|strong|em|del|code|ul|ol|li|blockquote|table|thead|tbody|tr|th|td)>"
                        r'|<t[hd] style="text-align:(?:left|center|right)">')


def markdown_to_html(text: str) -> str:
    """Sanitised HTML for a Markdown body; a pure function of ``text``."""
    if not text.strip():
        return ""
    html = _cmark(text)
    # Without a "<" the body holds no raw HTML: its markup is cmark's own and well nested.
    # Nearly every body is then plain and skips the sanitiser, which would return it
    # unchanged and took half the Markdown time (measured on the benchmark's notices).
    if "<" in text or not _is_plain(html):
        html = _sanitise(html)
    return _wrap_tables(_outline_headings(html))


def _cmark(text: str) -> str:
    html = _gfm_to_html(text).rstrip("\n")
    # Table alignment comes as the obsolete ``align``; HTML5 says ``style``, written as nh3
    # writes it (nh3 keeps only its text-align property).
    if ' align="' in html:
        html = _ALIGN.sub(r' style="text-align:\1"', html)
    return html


# cmarkgfm's own wrappers never free the document tree nor the HTML buffer that cmark
# allocates: about 56 KB lost per body, 1.6 GB per render worker at 100,000 notices
# (measured).  So the steps are called here, and both are freed with the functions the
# library exports for that (cmark_node_free, and its allocator's free), which its cffi
# module leaves out and ctypes finds in the same shared object.
_lib, _ffi = _gfm.lib, _gfm.ffi
_lib.cmark_gfm_core_extensions_ensure_registered()
_EXTENSION_POINTERS = [_lib.cmark_find_syntax_extension(name.encode("ascii")) for name in _EXTENSIONS]


class _Allocator(ctypes.Structure):
    _fields_ = [("calloc", ctypes.c_void_p), ("realloc", ctypes.c_void_p),
                ("free", ctypes.CFUNCTYPE(None, ctypes.c_void_p))]


_so = ctypes.CDLL(_gfm.__file__)
_so.cmark_node_free.argtypes, _so.cmark_node_free.restype = [ctypes.c_void_p], None
_so.cmark_get_default_mem_allocator.restype = ctypes.POINTER(_Allocator)
_free = _so.cmark_get_default_mem_allocator().contents.free


def _address(pointer) -> int:
    return int(_ffi.cast("uintptr_t", pointer))


def _gfm_to_html(text: str) -> str:
    """cmark-gfm's HTML for ``text`` with ``_EXTENSIONS`` and ``_OPTIONS``; nothing kept."""
    data = text.encode("utf-8")
    parser = _lib.cmark_parser_new(_OPTIONS)
    try:
        for extension in _EXTENSION_POINTERS:
            _lib.cmark_parser_attach_syntax_extension(parser, extension)
        _lib.cmark_parser_feed(parser, data, len(data))
        root = _lib.cmark_parser_finish(parser)
        try:
            raw = _lib.cmark_render_html(root, _OPTIONS, _lib.cmark_parser_get_syntax_extensions(parser))
            try:
                return _ffi.string(raw).decode("utf-8")
            finally:
                _free(_address(raw))
        finally:
            _so.cmark_node_free(_address(root))
    finally:
        _lib.cmark_parser_free(parser)


def _is_plain(html: str) -> bool:
    """Whether every tag is a _PLAIN_TAG, and the text has no character reference and no
    character that an HTML parser rewrites (``>``, NUL, CR, no-break space)."""
    tags = len(_PLAIN_TAG.findall(html))
    return (html.count("<") == tags and html.count(">") == tags
            and not any(c in html for c in "&\0\r\xa0"))


def _sanitise(html: str) -> str:
    return nh3.clean(
        html,
        tags=_TAGS,
        attributes=_ATTRIBUTES,
        url_schemes=_URL_SCHEMES,
        link_rel="noopener noreferrer",
        filter_style_properties={"text-align"},
    )


_HEADING = re.compile(r"<h([1-6])>(.*?)</h\1>", re.S)
_NOT_H2 = re.compile(r"<h[13-6]>")
_TABLE = re.compile(r"<table>(.*?)</table>", re.S)
_CAPTION = re.compile(r"<caption>(.*?)</caption>", re.S)
_TAG = re.compile(r"<[^>]+>")


def _outline_headings(html: str) -> str:
    """The page's own title is the only <h1>: body headings start at <h2> and go down one
    level at a time (a skipped level breaks the outline screen readers navigate by, and
    the Nu HTML Checker reports it), keeping their nesting."""
    if not _NOT_H2.search(html):  # only <h2>s, as in most bodies: already in order
        return html
    open_levels: list[tuple[int, int]] = []  # (level written, level shown) of enclosing headings

    def renumber(m: re.Match) -> str:
        written = int(m.group(1))
        while open_levels and open_levels[-1][0] >= written:
            open_levels.pop()
        shown = min(6, open_levels[-1][1] + 1 if open_levels else 2)
        open_levels.append((written, shown))
        return f"<h{shown}>{m.group(2)}</h{shown}>"

    return _HEADING.sub(renumber, html)


def _wrap_tables(html: str) -> str:
    """Each table in its own labelled, focusable scrolling region, so that a wide table
    scrolls by itself (also from the keyboard) instead of widening the page on a phone.
    The label is the table's caption, else the heading above it; labels stay distinct
    because each region is a landmark."""
    used: set[str] = set()
    out, last = [], 0
    for m in _TABLE.finditer(html):
        if "<table" in m.group(1):  # a table inside a table (pasted from Word): leave as written
            continue
        before = html[last:m.start()]
        headings = _HEADING.findall(html, 0, m.start())
        caption = _CAPTION.search(m.group(1))
        label = _text(caption.group(1) if caption else headings[-1][1] if headings else "") or "表格"
        if label in used:
            label = f"{label}（表{len(used) + 1}）"
        used.add(label)
        out.append(before + f'<div class="table-wrap" role="region" aria-label="{label}" tabindex="0">'
                   + m.group(0) + "</div>")
        last = m.end()
    return "".join(out) + html[last:]


def _text(fragment: str) -> str:
    """Plain text of an escaped HTML fragment, still escaped (fit for an attribute)."""
    return " ".join(_TAG.sub("", fragment).split()).replace('"', "&quot;")
