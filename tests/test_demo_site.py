"""The repository's demo district: every page kind exists, every link resolves, and two
builds are byte-identical."""
import json
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from sites import tree_digest

from gwsite import pipeline

ROOT = Path(__file__).resolve().parents[1]
PAGE_KINDS = {"home", "domain", "org", "notice", "search", "catalogue", "page", "list"}


BODIES = ("notice-body", "page-body")  # written by people: may link to other sites


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links: list[tuple[str, str, str, bool]] = []  # (tag, attribute, value, in a body)
        self.ids: set[str] = set()
        self.body_depth = 0  # open <div>s since a body began

    def handle_starttag(self, tag, attrs):
        if tag == "div" and (self.body_depth or dict(attrs).get("class") in BODIES):
            self.body_depth += 1
        for name, value in attrs:
            if name == "id":
                self.ids.add(value)
            if name in ("href", "src") and value is not None:
                self.links.append((tag, name, value, self.body_depth > 0))

    def handle_endtag(self, tag):
        if tag == "div" and self.body_depth:
            self.body_depth -= 1


def test_every_page_kind_exists(demo_build):
    manifest = json.loads((demo_build / "data/manifest.json").read_text(encoding="utf-8"))
    kinds = {p["kind"] for p in manifest["pages"]}
    assert kinds == PAGE_KINDS
    paths = [p["path"] for p in manifest["pages"]]
    assert len(paths) == len(set(paths))
    on_disk = {p.relative_to(demo_build).as_posix() for p in demo_build.rglob("*.html")}
    assert set(paths) == on_disk - {"404.html"}
    site = pipeline.load(ROOT).site
    notice_pages = {p["id"] for p in manifest["pages"] if p["kind"] == "notice"}
    assert notice_pages == {n.id for n in site.notices}
    assert {p["id"] for p in manifest["pages"] if p["kind"] == "org"} == {o.id for o in site.config.orgs}
    assert len([p for p in manifest["pages"] if p["kind"] == "domain"]) == 26


def test_demo_district_is_the_size_the_issue_asks_for():
    report = pipeline.load(ROOT)
    assert report.ok, [str(p) for p in report.errors]
    site = report.site
    orgs = site.config.orgs
    assert len([o for o in orgs if o.kind == "department"]) >= 20
    assert len([o for o in orgs if o.kind == "township"]) >= 10
    assert {i.domain for i in site.catalogue} == set(site.config.domains.names())
    notice_files = list((ROOT / "content/notices").rglob("*.yaml")) + list((ROOT / "content/notices").rglob("*.md"))
    assert len(notice_files) >= 300
    texts = [p.read_text(encoding="utf-8") for p in notice_files]
    assert sum("disclosure: 依申请公开" in t for t in texts) >= 1
    assert sum("disclosure: 不予公开" in t for t in texts) >= 1
    assert len({n.published.year for n in site.notices}) >= 3
    assert any(n.interprets for n in site.notices)
    assert any(n.attachments for n in site.notices)
    assert any(n.validity for n in site.notices)
    assert {p.section for p in site.pages} >= {"指南", "制度", "年报"}


def test_every_internal_link_and_asset_resolves_to_a_file(demo_build):
    conac_url = pipeline.load(ROOT).site.config.conac_url
    assert conac_url, "the demo shows the configured 党政机关网站标识 link"
    broken = []
    for page in sorted(demo_build.rglob("*.html")):
        parser = Links()
        parser.feed(page.read_text(encoding="utf-8"))
        rel_page = page.relative_to(demo_build).as_posix()
        assert any(v == conac_url for _, _, v, _ in parser.links), f"{rel_page}: no badge link"
        for tag, attr, value, in_body in parser.links:
            url = urlsplit(value)
            if url.scheme in ("http", "https", "mailto", "tel"):
                # Nothing is loaded from outside; the only links out are the ones a body's
                # author wrote and the badge's configured verification page.
                assert tag == "a", f"{rel_page}: external resource {value}"
                assert in_body or value == conac_url, f"{rel_page}: external link {value}"
                continue
            assert not url.scheme and not url.netloc, f"{rel_page}: {value}"
            assert not value.startswith("/"), f"{rel_page}: root-relative link {value}"
            if not url.path:  # a fragment on this page
                if url.fragment:
                    assert url.fragment in parser.ids, f"{rel_page}: missing #{url.fragment}"
                continue
            target = (page.parent / unquote(url.path)).resolve()
            if not target.is_file():
                broken.append(f"{rel_page}: {value}")
    assert broken == []


def test_no_link_points_at_a_folder(demo_build):
    for page in sorted(demo_build.rglob("*.html")):
        for href in re.findall(r'(?:href|src)="([^"#?]*)', page.read_text(encoding="utf-8")):
            assert href == "" or not href.endswith("/"), f"{page}: {href}"


def test_two_builds_are_byte_identical(demo_build, tmp_path):
    again = tmp_path / "again"
    result = pipeline.build(ROOT, again)
    assert result.report.ok
    assert tree_digest(again) == tree_digest(demo_build)


def test_policy_and_interpretation_link_both_ways(demo_build):
    site = pipeline.load(ROOT).site
    jiedu = next(n for n in site.notices if n.interprets)
    policy_page = (demo_build / f"notices/{jiedu.interprets}.html").read_text(encoding="utf-8")
    jiedu_page = (demo_build / f"notices/{jiedu.id}.html").read_text(encoding="utf-8")
    assert Path(jiedu.id).name + ".html" in policy_page
    assert Path(jiedu.interprets).name + ".html" in jiedu_page
    assert "政策解读" in policy_page and "相关政策" in jiedu_page


def test_notice_page_carries_the_metadata_block(demo_build):
    site = pipeline.load(ROOT).site
    notice = next(n for n in site.notices if n.doc_number and n.topic and n.genre and n.written)
    html = (demo_build / f"notices/{notice.id}.html").read_text(encoding="utf-8")
    for label in ("索引号", "发文字号", "主题分类", "体裁分类", "发布机构", "成文日期", "发布日期", "有效性", "公开方式"):
        assert f'<th scope="row">{label}</th>' in html
    assert notice.index_number in html and notice.doc_number in html
    assert f'<meta name="ArticleTitle" content="{notice.title}">' in html or "&" in notice.title


def test_home_lists_domains_latest_departments_and_townships(demo_build):
    html = (demo_build / "index.html").read_text(encoding="utf-8")
    site = pipeline.load(ROOT).site
    for domain in site.config.domains.names():
        assert domain in html
    assert site.notices[0].title in html
    for org in site.config.orgs:
        assert f'orgs/{org.id}/index.html' in html


def test_feeds_and_sitemap(demo_build):
    import xml.dom.minidom

    for feed in ["feed.xml", *[p.relative_to(demo_build).as_posix() for p in demo_build.glob("domains/*/feed.xml")]]:
        xml.dom.minidom.parse(str(demo_build / feed))  # well-formed
    site = pipeline.load(ROOT).site
    if site.config.base_url:
        sitemap = (demo_build / "sitemap.xml").read_text(encoding="utf-8")
        assert sitemap.count("<loc>") == len(json.loads((demo_build / "data/manifest.json").read_text())["pages"])
        assert f"<loc>{site.config.base_url}index.html</loc>" in sitemap
