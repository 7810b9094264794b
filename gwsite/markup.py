"""Markdown bodies to safe HTML.

Markdown is GitHub-flavoured CommonMark through cmarkgfm (GitHub's C parser): 22 × faster
than Python-Markdown on the demo's bodies, which made it the build's slowest step (README).  Bodies are written by many hands and pasted from Word; raw HTML in them is allowed but
sanitised with nh3 (the Rust ``ammonia`` sanitiser): no script, no event-handler
attributes, no ``javascript:`` or other non-web URLs.
"""
from __future__ import annotations

import re

import cmarkgfm
import nh3
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


def markdown_to_html(text: str) -> str:
    """Sanitised HTML for a Markdown body; a pure function of ``text``."""
    if not text.strip():
        return ""
    html = cmarkgfm.markdown_to_html_with_extensions(text, options=_OPTIONS, extensions=_EXTENSIONS).rstrip("\n")
    # Table alignment comes as the obsolete ``align``; HTML5 says ``style``, and nh3
    # keeps only its text-align property.
    if ' align="' in html:
        html = _ALIGN.sub(r' style="text-align: \1"', html)
    clean = nh3.clean(
        html,
        tags=_TAGS,
        attributes=_ATTRIBUTES,
        url_schemes=_URL_SCHEMES,
        link_rel="noopener noreferrer",
        filter_style_properties={"text-align"},
    )
    # The page's own title is the only <h1>: body headings move one level down.
    return _HEADING.sub(lambda m: f"<{m.group(1)}h{int(m.group(2)) + 1}", clean)


_HEADING = re.compile(r"<(/?)h([1-5])(?=[\s>])")
