"""Titles and metadata are escaped; Markdown bodies are sanitised."""
from html.parser import HTMLParser

import cmarkgfm
from hypothesis import given, settings
from hypothesis import strategies as st
from sites import make_site

from gwsite import markup
from gwsite.markup import markdown_to_html

HOSTILE = """\
title: 关于<script>alert('t')</script>的通知 & "引号"
publisher: mzj
published: 2025-03-14
disclosure: 主动公开
doc_number: 测民发〔2025〕<b>3</b>号
topic: <img src=x onerror=alert(1)>
body: |
  ## 正文

  <script>alert('body')</script>
  <p onclick="steal()" onmouseover="x()">点击</p>
  [链接](javascript:alert(1)) <a href="JaVaScRiPt:alert(2)">二</a> <a href="vbscript:x">三</a>
  <img src="javascript:alert(3)" onerror="alert(4)">
  <iframe src="https://evil.example/"></iframe>
  <a href="https://www.gov.cn/files/ok.pdf">附件</a> <a href="../files/gone.pdf">旧附件</a>
"""


def test_hostile_notice_is_escaped_and_sanitised(tmp_path, run_cli):
    root = make_site(tmp_path / "site", {"content/notices/mzj/x.yaml": HOSTILE})
    out = tmp_path / "public"
    code, _, err = run_cli("build", root, "-o", out)
    assert code == 0, err
    html = (out / "notices/mzj/x.html").read_text(encoding="utf-8")
    elements = Elements()
    elements.feed(html)
    scripts = [attrs for tag, attrs in elements.found if tag == "script"]
    assert scripts == [{"src": "../../static/gwsite.js"}, {"src": "../../static/suggest.js", "defer": None}], \
        "only the theme's own scripts"
    assert "alert('body')" not in html
    for tag, attrs in elements.found:
        assert tag not in ("iframe", "object", "embed"), tag
        for name, value in attrs.items():
            assert not name.startswith("on"), (tag, name)
            assert not (value or "").strip().lower().startswith(("javascript:", "vbscript:")), (tag, name, value)
    assert "关于&lt;script&gt;alert(&#39;t&#39;)&lt;/script&gt;的通知 &amp; &#34;引号&#34;" in html
    assert "测民发〔2025〕&lt;b&gt;3&lt;/b&gt;号" in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert '<a href="https://www.gov.cn/files/ok.pdf" rel="noopener noreferrer">附件</a>' in html
    assert "旧附件" in html and "gone.pdf" not in html  # a link to an unpublished file: its text alone
    # the title is escaped in every listing and feed too
    for page in ["index.html", "latest/index.html", "orgs/mzj/index.html", "feed.xml"]:
        text = (out / page).read_text(encoding="utf-8")
        assert "<script>alert('t')" not in text, page
        assert "关于&lt;script&gt;" in text, page


def test_markdown_keeps_ordinary_formatting():
    html = markdown_to_html("# 一、标准\n\n| 类别 | 标准 |\n|---|---:|\n| 城市 | 620元 |\n\n1. 甲\n2. 乙\n")
    assert "<h2>一、标准</h2>" in html  # the page title is the only <h1>
    assert "<table>" in html and '<td style="text-align:right">620元</td>' in html
    assert "<ol>" in html and "<li>甲</li>" in html


# Pieces of Markdown bodies as written and pasted: block and inline syntax, then entities,
# raw HTML and the characters an HTML parser rewrites.
MARKDOWN = ["正文", "低保", "620元", " ", "\n", "\n\n", "# ", "## ", "###### ", "- ", "* ", "1. ", "3) ",
            "> ", "*", "**", "_", "~~", "`", "```\n", "    ", "---\n",
            "\n| 甲 | 乙 |\n|---|:--|\n", "\n| 甲 |\n|:-:|\n", "\n|a|b|c|\n|--:|---|:-:|\n", "| 丙 | 丁 |\n", "| ",
            "[链接](http://x.cn/a?b=1&c=2)", "www.gov.cn", "a@b.cn", "![图](x.png)", "\\", "  \n", "“引号”"]
ODD = ["&", "&amp;", "&nbsp;", "&#0;", '"', "'", ">", "<", "<p>", "</p>", "<em>", "</li>", "<br>",
       "\xa0", "\r", "\r\n", "\0", "\x0c", "\u3000"]
BODIES = st.one_of(st.lists(st.sampled_from(MARKDOWN), max_size=40),
                   st.lists(st.sampled_from(MARKDOWN + ODD), max_size=40)).map("".join)


@settings(max_examples=1000, deadline=None)
@given(BODIES)
def test_a_body_that_skips_the_sanitiser_is_what_the_sanitiser_would_return(text):
    html = markup._cmark(text)
    if "<" not in text and markup._is_plain(html):
        assert markup._sanitise(html) == html


@settings(max_examples=500, deadline=None)
@given(BODIES)
def test_our_cmark_calls_give_the_html_of_cmarkgfms_own_wrapper(text):
    assert markup._gfm_to_html(text) == cmarkgfm.markdown_to_html_with_extensions(
        text, options=markup._OPTIONS, extensions=markup._EXTENSIONS)


def _rss_kb() -> int:
    with open("/proc/self/status") as status:
        return next(int(line.split()[1]) for line in status if line.startswith("VmRSS"))


def test_converting_many_bodies_keeps_no_memory():
    # cmarkgfm's wrappers lose about 56 KB per body like this one (a table, lists):
    # 3,000 bodies would grow the process by about 160 MB.
    body = "\n\n".join(["## 一、标准", "| 类别 | 标准 |\n|---|---:|\n| 城市 | 620元 |\n| 农村 | 480元 |",
                         "1. 甲\n2. 乙\n3. 丙", "- **低保**对象\n- 特困人员", "正文" * 400] * 3)
    for _ in range(200):  # the allocator's own pools settle first
        markdown_to_html(body)
    before = _rss_kb()
    for _ in range(3000):
        markdown_to_html(body)
    assert _rss_kb() - before < 20_000


def test_plain_bodies_skip_the_sanitiser_and_others_do_not():
    assert markup._is_plain("<h2>一、标准</h2>\n<ul>\n<li><strong>甲</strong></li>\n</ul>")
    assert markup._is_plain('<table>\n<thead>\n<tr>\n<th style="text-align:right">甲</th>\n</tr>\n</thead>\n</table>')
    for html in ['<ol start="3">', '<td style="text-align: right">', "<br />", "<hr />", "<pre><code>",
                 "&quot;", "a\xa0b", '<a href="x">', "a > b", "<script>"]:
        assert not markup._is_plain(html), html


class Elements(HTMLParser):
    def __init__(self):
        super().__init__()
        self.found = []

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, dict(attrs)))
