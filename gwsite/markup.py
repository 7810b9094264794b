"""Markdown bodies to safe HTML.

Bodies are written by many hands and pasted from Word; raw HTML in them is allowed but
sanitised with nh3 (the Rust ``ammonia`` sanitiser): no script, no event-handler
attributes, no ``javascript:`` or other non-web URLs.
"""
from __future__ import annotations

import re

import markdown
import nh3

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

_md = markdown.Markdown(extensions=["tables", "fenced_code", "sane_lists"], output_format="html")


def markdown_to_html(text: str) -> str:
    """Sanitised HTML for a Markdown body; a pure function of ``text``."""
    if not text.strip():
        return ""
    _md.reset()
    html = _md.convert(text)
    # Python-Markdown writes text-align as ``style``; keep only that property.
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
