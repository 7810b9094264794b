"""search.html from disk in headless Chromium, network off: the same first ten hits as
`gwsite search`, the same tokeniser as gwsite/search.py, paging and filters."""
from __future__ import annotations

import sys
from pathlib import Path
from urllib.parse import quote

import pytest

sys.path.insert(0, str(Path(__file__).parent))
from test_search import write_site_root  # noqa: E402

from gwsite import pinyin, pipeline, query, search  # noqa: E402

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
        "--disable-component-update"]
# The shared test vectors: the browser must give `gwsite search`'s order for each.
QUERIES = ["低保", "低", "620元", "６２０元", "城乡低保", "低保标准", "特困人员救助供养", "(2023)", "〔2022〕",
           "242号", "渝北区民政局", "社会救助", "资金 发放", "11500112009315877L", "/2020-", "1.3倍",
           "023-6781", "名单.pdf", "实施办法》", "号", "绝密标题", "没有这个词",
           # as people type: questions, abbreviations, formal names, loose 发文字号, traditional
           # characters, slips, quotes
           "怎么申请低保", "低保标准是多少", "最低生活保障", "特困供养", "两项补贴", "渝北府发2023 242号",
           "府发[2022]17号", "臨時救助", "醫療救助 標準", "特困人圆", "底保", '"城乡低保"', '"低保" 标准',
           "龙溪街道 低保", "2023年低保标准", "就业补贴怎么领", "养老机构有哪些",
           # slips read by sound (slips.py) beside words that are found, and one that is all a slip
           "底保标准", "临时救注", "医疗报险 资金", "底宝", "医疔救助标准", "2023年底保标淮"]


@pytest.fixture(scope="module")
def site_out(tmp_path_factory):
    root = tmp_path_factory.mktemp("browser-site")
    write_site_root(root, count=160, seed=11)
    out = root / "public"
    result = pipeline.build(root, out)
    assert result.report.ok, [str(p) for p in result.report.problems]
    return out


@pytest.fixture(scope="module")
def page():
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} not found: the browser test needs Chromium")
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS, headless=True)
        context = browser.new_context()
        context.set_offline(True)
        requests: list[str] = []

        def route(r):
            requests.append(r.request.url)
            if r.request.url.startswith("file://"):
                r.continue_()
            else:
                r.abort()

        context.route("**/*", route)
        pg = context.new_page()
        errors: list[str] = []
        pg.on("pageerror", lambda e: errors.append(str(e)))
        pg.requests, pg.errors = requests, errors
        yield pg
        browser.close()


def open_search(pg, out: Path, query: str, **params) -> list[str]:
    url = (out / "search.html").as_uri() + "?q=" + quote(query)
    for k, v in params.items():
        url += f"&{k}={quote(str(v))}"
    pg.goto(url)
    pg.wait_for_selector('#results[data-state="done"]', state="attached", timeout=15000)
    return pg.eval_on_selector_all("#results .search-hit-title a", "els => els.map(e => e.getAttribute('href'))")


def test_same_first_ten_hits_as_the_cli(page, site_out):
    for q in QUERIES:
        expected = [h.url for h in search.query(site_out, q, limit=10).hits]
        assert open_search(page, site_out, q) == expected, q
        for order in ("date",):
            expected = [h.url for h in search.query(site_out, q, limit=10, order=order).hits]
            assert open_search(page, site_out, q, order=order) == expected, (q, order)
    assert not page.errors
    assert all(u.startswith("file://") for u in page.requests)


def test_status_excerpts_and_marks(page, site_out):
    open_search(page, site_out, "620元")
    status = page.inner_text("#search-status")
    total = search.query(site_out, "620元").total
    assert f"找到 {total} 条结果" in status
    marks = page.eval_on_selector_all("#results mark", "els => els.map(e => e.textContent)")
    assert marks and all(search.normalize(m) == "620元" for m in marks)
    assert page.input_value("#q") == "620元"
    open_search(page, site_out, "没有这个词")
    assert "没有找到" in page.inner_text("#search-status")


def test_checked_parts_are_checked_only_as_far_as_the_page_shows(page, site_out):
    """A code or quoted text is checked against the hits' records; the browser checks as
    many as it shows and then counts the rest unchecked ("约 N"), never fewer than there are."""
    import re as _re
    for q in ("11500112009315877L", '"低保"', "242号"):
        result = search.query(site_out, q, limit=10)
        assert open_search(page, site_out, q) == [h.url for h in result.hits], q
        status = page.inner_text("#search-status")
        if result.total:
            shown = int(_re.search(r"找到约? ?(\d+) 条", status).group(1))
            assert shown == result.total if "约" not in status else shown >= result.total, (q, status)


def test_paging_and_filters_match_the_cli(page, site_out):
    every = [h.url for h in search.query(site_out, "低保").hits]
    assert open_search(page, site_out, "低保", page=2) == every[10:20]
    for params in ({"org": "mzj"}, {"domain": "社会救助"}, {"year": 2022}, {"org": "czj", "year": 2023}):
        expected = [h.url for h in search.query(site_out, "低保", **params).hits[:10]]
        assert open_search(page, site_out, "低保", **params) == expected, params
    # A query checked against the text (not a gram) pages lazily in the same order.
    lazy = [h.url for h in search.query(site_out, "城乡低保标准").hits]
    assert open_search(page, site_out, "城乡低保标准", page=2) == lazy[10:20]


def test_the_javascript_reads_a_query_as_python_does(page, site_out):
    """query.parse and its twin: the same parts, forms, kinds and phrases."""
    open_search(page, site_out, "")
    lexicon = search.IndexReader(site_out).lexicon
    for raw in QUERIES + CASES:
        js = page.evaluate("raw => window.gwsiteSearch.parse(raw)", raw)
        py = query.parse(raw, lexicon)
        assert [(p["forms"], p["kind"]) for p in js["parts"]] == [(list(p.forms), p.kind) for p in py.parts], raw
        assert [(p["text"], p["first"], p["last"]) for p in js["phrases"]] == [
            (p.text, p.first, p.last) for p in py.phrases], raw


def test_what_matched_is_said_and_marked_and_near_misses_offered(page, site_out):
    open_search(page, site_out, "最低生活保障")
    via = page.eval_on_selector_all(".search-hit-via", "els => els.map(e => e.textContent)")
    expected = [h for h in search.query(site_out, "最低生活保障", limit=10).hits if h.via]
    assert len(via) == len(expected) > 0 and all("低保" in v for v in via)
    marks = page.eval_on_selector_all("#results mark", "els => els.map(e => e.textContent)")
    assert "低保" in marks  # marked through the other name too
    for typed in ("职保", "城保", "底保"):  # many words one character away: the same three at most
        open_search(page, site_out, typed)
        suggestion = page.eval_on_selector_all(".search-suggest a", "els => els.map(e => e.textContent)")
        assert suggestion == list(search.query(site_out, typed).suggestions) and len(suggestion) <= 3, typed
    assert "低保" in suggestion
    # A slip is searched as the word that sounds like it, and the page says so.
    assert "没有信息含有“底保”，已按相近的“低保”查找" in page.inner_text("#search-status")
    open_search(page, site_out, "底保标准")
    assert "没有信息含有“底保”，已按相近的“低保”查找" in page.inner_text("#search-status")
    open_search(page, site_out, "底宝")  # two characters from 低保: nothing is guessed
    assert "没有找到" in page.inner_text("#search-status")
    open_search(page, site_out, "低保", order="date")
    current = page.eval_on_selector_all(".search-order [aria-current]", "els => els.map(e => e.textContent)")
    assert current == ["按时间"]


def test_the_demo_district_from_disk_gives_the_clis_order(page, demo_build):
    for q in ["怎么申请低保", "2026年低保标准", "医保缴费", "残疾人补贴", "青溪民发2026 13号", "龍門鎮", "年报", "低保",
              "底保申请条件", "民发[2026]13号", "区卫健委 行政处罚", "公租房", "新生儿怎么上户口",
              "保障标准", "参保缴费", "残疾人两项补贴", "耕地地立补贴", "失业保险金申岭", "危房改照", "怎么申请底保",
              "身分证补办", "医疔机构名录", "2026年低保标淮是多少", "防讯"]:
        expected = [h.url for h in search.query(demo_build, q, limit=10).hits]
        assert open_search(page, demo_build, q) == expected, q
    # A catalogue item says what it is and leads to its row.
    hits = search.query(demo_build, "保障标准", limit=10).hits
    first_item = next(i for i, h in enumerate(hits) if h.kind == "item")
    open_search(page, demo_build, "保障标准")
    kinds = page.eval_on_selector_all(".search-hit", "els => els.map(e => (e.querySelector('.search-hit-kind') || {}).textContent || '')")
    assert kinds[first_item].startswith("标准目录事项") and "#row-" in hits[first_item].url
    assert not page.errors


def test_keyboard_search_updates_the_url(page, site_out):
    page.goto((site_out / "search.html").as_uri())
    page.wait_for_selector('#results[data-state="done"]', state="attached")
    page.focus("#q")
    page.keyboard.type("低保标准")
    page.keyboard.press("Enter")
    page.wait_for_url("**/search.html?q=*")
    page.wait_for_selector('#results[data-state="done"]', state="attached")
    assert "q=%E4%BD%8E%E4%BF%9D%E6%A0%87%E5%87%86" in page.url
    hrefs = page.eval_on_selector_all("#results .search-hit-title a", "els => els.map(e => e.getAttribute('href'))")
    assert hrefs == [h.url for h in search.query(site_out, "低保标准").hits[:10]]


CASES = ["渝北府发〔2023〕242号", "渝北府发[2023]242号", "６２０元", "ＡＢＣ　低保\n\n标准 ", "低\u200b保",
         "11500112009315877L/2020-00057", "城乡低保标准", "2020-00057", "𠀀𠀁低保", "Ⅻ号文件（试行）【废止】", "关于调整城乡低保标准的通知 11500112009315877L/2020-00057",
         "低保？", "《低保》 标准。", "「临时救助」……", "？！", "1.3倍 名单.pdf (2023)", "低保、特困，补贴1,000元"]


def test_javascript_tokeniser_is_the_python_one(page, site_out):
    open_search(page, site_out, "")
    for raw in CASES:
        js = page.evaluate("""raw => {
            const S = window.gwsiteSearch, n = S.normalize(raw);
            return {n, terms: S.queryTerms(raw), plans: S.queryTerms(raw).map(t => S.plan(t)),
                    subs: n.split(" ").flatMap(seg => {
                        const c = Array.from(seg), out = [];
                        for (let k = 1; k <= 5; k++)
                            for (let i = 0; i + k <= c.length; i++) out.push([c.slice(i, i + k).join(""), S.isGram(c.slice(i, i + k).join(""))]);
                        return out;
                    }),
                    shard: S.shardOf(n, 997)};
        }""", raw)
        n = search.normalize(raw)
        assert js["n"] == n, raw
        assert js["terms"] == search.query_terms(raw)
        assert [(p["grams"], p["exact"]) for p in js["plans"]] == [search.plan(t) for t in search.query_terms(raw)]
        assert js["shard"] == search.shard_of(n, 997)
        assert js["subs"] and all(search.is_gram(g) == flag for g, flag in js["subs"]), raw


def test_hits_link_to_files_whose_names_hold_hash_question_mark_or_percent(page, tmp_path):
    from test_theme import odd_names_site
    from urllib.parse import unquote, urlsplit
    root = odd_names_site(tmp_path / "site")
    out = root / "public"
    assert pipeline.build(root, out).report.ok
    for query, name in [("楼安置房", "3#楼安置公示"), ("政策问答", "问答?第1期"), ("完成率", "完成率100%")]:
        open_search(page, out, query)
        urls = page.eval_on_selector_all("#results .search-hit-title a", "els => els.map(e => e.href)")
        assert len(urls) == 1, (query, urls)
        target = Path(unquote(urlsplit(urls[0]).path))
        assert target.name == f"{name}.html" and target.is_file(), urls[0]


# Issue 21's shared vectors: pinyin, initials, mixed and literal queries, and prefixes.
PINYIN_QUERIES = ["dibao", "dībǎo", "di bao biao zhun", "Yibao jiaofei", "gongzufang", "dbbz", "gzf", "tkry", "ybjf", "jzz",
                  "青龙镇dibao", "龙门镇 dibao gongshi", "zenme shenqing dibao", "shiyejin", "lvyou", "lüyou",
                  "xingzheng chufa", "shouji yinhang", "chaichu chongjian", "dibao标准", "2026年yusuan公开",
                  "qqqq", "pdf", "excel", "2025", '"dbbz"', "民发2026 13号 dibao", "sb"]
PREFIXES = ["最低生", "gongz", "gzf", "dib", "低保", "社会", "zh", "医疗保", "d", "低", "qqx", "2025", "lv", "lü"]


def test_pinyin_readings_suggestions_and_order_are_the_clis(page, demo_build):
    index = search.IndexReader(demo_build)
    for q in PINYIN_QUERIES:
        assert open_search(page, demo_build, q) == [h.url for h in search.query(demo_build, q, limit=10).hits], q
        js = page.evaluate("q => window.gwsiteSearch.readQuery(window.gwsiteSearch.untoned(window.gwsiteSearch.normalize(q)))", q)
        py = index.pinyin.read(pinyin.untoned(query.normalize(q, index.lexicon.folding)))
        assert (js["text"], js["words"], js["others"]) == (py.text, list(py.words), [[w, list(o)] for w, o in py.others]), q
        assert page.evaluate("q => window.gwsiteSearch.asTyped(window.gwsiteSearch.normalize(q))", q) == \
            pinyin.as_typed(query.normalize(q, index.lexicon.folding)), q
        shown = page.eval_on_selector_all(".search-read", "els => els.map(e => e.textContent)")
        if py.words:  # the page says how it read the query, and offers the letters as typed
            assert len(shown) == 1 and shown[0].startswith(f"按“{py.text}”搜索") and shown[0].endswith(f"改为按原文搜索 {q}"), q
        else:
            assert shown == [], q
    for prefix in PREFIXES:
        js = page.evaluate("p => window.gwsiteSearch.suggestFor(p)", prefix)
        assert [(s["text"], s["hits"]) for s in js] == search.suggestions(demo_build, prefix), prefix
    assert not page.errors


def test_pinyin_on_a_site_with_other_words(page, site_out):
    """The generated 渝北区 site: its own vocabulary, read the same way on both sides."""
    index = search.IndexReader(site_out)
    for q in ["dibao", "yubeiqu minzhengju", "tkry", "linshi jiuzhu", "ybq", "渝北区dibao", "zzzz"]:
        assert open_search(page, site_out, q) == [h.url for h in search.query(site_out, q, limit=10).hits], q
        js = page.evaluate("q => window.gwsiteSearch.readQuery(window.gwsiteSearch.normalize(q))", q)
        assert js["words"] == list(index.pinyin.read(query.normalize(q, index.lexicon.folding)).words), q
    assert search.query(site_out, "dibao").read_as == ("低保",)
    for prefix in ["渝北", "yub", "lsjz", "临时"]:
        js = page.evaluate("p => window.gwsiteSearch.suggestFor(p)", prefix)
        assert [(s["text"], s["hits"]) for s in js] == search.suggestions(site_out, prefix), prefix
