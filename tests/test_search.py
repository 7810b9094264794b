"""The offline search: tokeniser, body text, index files, ranking, and the exact-substring
promise (every notice that contains a query is found, and the first hit contains it)."""
from __future__ import annotations

import json
import random
import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
import yaml
from whoosh import fields, index as windex, query as wq
from whoosh.analysis import Token, Tokenizer

from gwsite import paths, pipeline, postings, search
from gwsite.cli import main
from gwsite.markup import markdown_to_html

ORGS = [
    ("mzj", "渝北区民政局", "department", "11500112009315877L", "渝北民发"),
    ("czj", "渝北区财政局", "department", "115001120093158850", "渝北财发"),
    ("rsj", "渝北区人力资源和社会保障局", "department", "", "渝北人社发"),
    ("fzf", "渝北区人民政府", "department", "", "渝北府发"),
    ("longxi", "龙溪街道办事处", "township", "", "龙溪街道发"),
    ("shuangfeng", "双凤桥街道办事处", "township", "", "双凤街道发"),
]
DOMAINS = ["社会救助", "财政预决算", "就业创业", "养老服务", "义务教育", "保障性住房"]
SUBJECTS = ["城乡低保", "特困人员救助供养", "临时救助", "高龄津贴", "就业补贴", "公益性岗位",
            "保障性租赁住房", "义务教育招生", "部门预算", "养老机构", "残疾人两项补贴", "医疗救助"]
ACTIONS = ["关于{y}年{s}资金发放情况的公示", "关于调整{s}标准的通知", "{y}年第{q}季度{s}对象名单公示",
           "关于印发《{s}实施办法》的通知", "{s}政策解读", "关于做好{y}年{s}工作的通知"]
SENTENCES = [
    "根据《中华人民共和国政府信息公开条例》规定，现将有关情况公开如下。",
    "经研究，决定自{y}年{m}月1日起，将城乡低保标准提高到每人每月{amount}元。",
    "本次共发放{s}资金{money}万元，涉及{people}人。",
    "申请人可向户籍所在地镇人民政府（街道办事处）提出书面申请。",
    "公示期为7个工作日，如有异议，请拨打监督电话023-6781{tel}反映。",
    "各镇人民政府、街道办事处，区级有关部门：现将《{s}实施办法》印发给你们，请认真贯彻执行。",
    "对符合条件的困难群众做到应保尽保、按标施保、动态管理。",
    "本办法自印发之日起施行，原{old}同时废止。",
    "特困人员基本生活标准按照不低于城市低保标准的1.3倍确定。",
    "资金由区财政统筹安排，实行社会化发放，直接打卡到户。",
    "联系电话：６７８２１２３４，地址：渝北区双龙大道{tel}号。",
    "附件：{s}名单（共{people}户）",
]


def _notice(rng: random.Random, i: int, disclosure: str = "主动公开") -> tuple[str, dict]:
    org_id, _, _, code, prefix = rng.choice(ORGS)
    y = rng.choice([2019, 2020, 2021, 2022, 2023, 2024])
    s = rng.choice(SUBJECTS)
    vals = dict(y=y, s=s, q=rng.randint(1, 4), m=rng.randint(1, 12), amount=rng.choice([620, 650, 680, 700, 726]),
                money=f"{rng.randint(10, 999)}.{rng.randint(0, 99):02d}", people=rng.randint(3, 900),
                tel=rng.randint(1000, 9999), old=f"{prefix}〔{y - 2}〕{rng.randint(1, 300)}号")
    paragraphs = []
    for _ in range(rng.randint(2, 6)):
        text = "".join(rng.choice(SENTENCES).format(**vals) for _ in range(rng.randint(1, 4)))
        style = rng.random()
        if style < 0.1:
            text = f"**{text[:6]}**{text[6:]}"
        elif style < 0.15:
            text = f"- {text}\n- {s}"
        elif style < 0.2:
            text = f"| 项目 | 标准 |\n|---|---|\n| {s} | {vals['amount']}元 |"
        elif style < 0.25:
            text = f"详见[{s}办理指南](https://example.gov.cn/a.html)。{text}"
        paragraphs.append(text)
    data = {
        "title": rng.choice(ACTIONS).format(**vals),
        "publisher": org_id,
        "published": f"{y}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
        "disclosure": disclosure,
        "domain": rng.choice(DOMAINS),
        "body": "\n\n".join(paragraphs),
    }
    if rng.random() < 0.6:
        bracket = rng.choice(["〔{}〕", "〔{}〕", "[{}]", "［{}］", "({})", "【{}】"])
        data["doc_number"] = f"{prefix}{bracket.format(y)}{rng.randint(1, 300)}号"
    if code and rng.random() < 0.5:
        data["index_number"] = f"{code}/{y}-{i:05d}"
    return f"{org_id}/n{i:04d}", data


def write_site_root(root: Path, count: int = 160, seed: int = 7) -> dict[str, dict]:
    """A site root with ``count`` notices (a few not published); returns id -> data."""
    rng = random.Random(seed)
    orgs = [{"id": o, "name": n, "kind": k, **({"code": c} if c else {})} for o, n, k, c, _ in ORGS]
    (root / "catalogues").mkdir(parents=True)
    (root / "content" / "files").mkdir(parents=True)
    (root / "site.yaml").write_text(yaml.safe_dump(
        {"title": "渝北区基层政务公开", "region": "重庆市渝北区", "host": "渝北区人民政府办公室", "orgs": orgs},
        allow_unicode=True), encoding="utf-8")
    notices = {}
    for i in range(count):
        disclosure = "主动公开" if i % 23 else ("依申请公开", "不予公开")[i // 23 % 2]
        nid, data = _notice(rng, i, disclosure)
        if disclosure != "主动公开":
            data["title"] = f"内部事项{i}号绝密标题甲乙丙"
            data["body"] += f"\n\n未公开正文{i}丁戊己。"
        if i % 17 == 3:
            name = f"files/{nid}-名单.pdf"
            (root / "content" / name).parent.mkdir(parents=True, exist_ok=True)
            (root / "content" / name).write_bytes(b"%PDF-1.4\n")
            data["attachments"] = [name]
        path = root / "content" / "notices" / f"{nid}.yaml"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
        notices[nid] = data
    return notices


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = tmp_path_factory.mktemp("site")
    notices = write_site_root(root)
    out = root / "public"
    result = pipeline.build(root, out)
    assert result.report.ok, [str(p) for p in result.report.problems]
    return root, out, notices, result.report.site


def notice_text(site, notice) -> str:
    """The text a reader can search: what the index promises to cover, normalised."""
    org = site.config.org(notice.publisher).name
    fields = [notice.title, notice.doc_number, notice.index_number, org, *notice.domains, notice.item,
              *(Path(a).name for a in notice.attachments), search.markdown_text(notice.body)]
    return " ".join(search.normalize(f) for f in fields)


def cli_search(capsys, out: Path, query: str, *options: str) -> dict:
    assert main(["search", str(out), query, "--json", *options]) == 0
    return json.loads(capsys.readouterr().out)


# --- tokeniser ------------------------------------------------------------------------

@pytest.mark.parametrize("raw, expected", [
    ("渝北府发〔2023〕242号", "渝北府发(2023)242号"),
    ("渝北府发[2023]242号", "渝北府发(2023)242号"),
    ("渝北府发［2023］242号", "渝北府发(2023)242号"),
    ("渝北府发【2023】242号", "渝北府发(2023)242号"),
    ("渝北府发（2023）242号", "渝北府发(2023)242号"),
    ("６２０元", "620元"),
    ("ＡＢＣ　低保\n\n标准 ", "abc 低保 标准"),
    ("低\u200b保", "低保"),
    ("11500112009315877L/2020-00057", "11500112009315877l/2020-00057"),
])
def test_normalize(raw, expected):
    assert search.normalize(raw) == expected


def test_python_splits_at_the_whitespace_search_js_knows():
    """normalize() collapses what str.split() splits at; search.js lists SPACES itself."""
    spaces = re.compile(f"[{search.SPACES}]")
    assert [c for c in map(chr, range(0x110000)) if c.isspace() != bool(spaces.fullmatch(c))] == []
    js = (Path(search.__file__).parent / "theme" / "static" / "search.js").read_text(encoding="utf-8")
    assert "/[" + search.SPACES.encode("unicode_escape").decode("ascii") + "]+/g" in js


def test_grams_cover_every_substring_that_is_a_gram():
    text = search.normalize("关于2023年低保标准620元的通知 渝北府发〔2023〕242号")
    grams = search.grams(text)
    for seg in text.split(" "):
        for n in (1, 2, 3, 4):
            for i in range(len(seg) - n + 1):
                g = seg[i:i + n]
                assert (g in grams) == search.is_gram(g), g
    assert not any(" " in g for g in grams)


def test_grams_match_a_plain_reference_on_random_text():
    rng = random.Random(5)
    alphabet = "低保标准ab12 (3)元-"
    for _ in range(3000):
        text = search.normalize("".join(rng.choice(alphabet) for _ in range(rng.randint(0, 14))))
        expected = {seg[i:i + n] for seg in text.split(" ") for n in (1, 2, 3, 4)
                    for i in range(len(seg) - n + 1) if search.is_gram(seg[i:i + n])}
        assert search.grams(text) == expected, text


# 40,000 different characters in one text: the windows of a block holding it no longer fit
# their packed keys (4 × 16 bits and the text's), and take the wide path.
MANY_CHARACTERS = "".join(chr(0x4E00 + i) for i in range(20000)) + "".join(chr(0x20000 + i) for i in range(20000))


@pytest.mark.parametrize("many", [False, True], ids=["packed", "wide"])
def test_inverter_lists_every_text_under_every_gram(many):
    """The numpy inversion against the plain one: each text's grams, one by one."""
    rng = random.Random(11)
    alphabet = "低保标准ab12 (3)元-\U00020000"  # and a character beyond the BMP
    texts = [search.normalize("".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30))))
             for _ in range(2500)]
    if many:
        texts[0::700] = [MANY_CHARACTERS + " 7a"] * len(texts[0::700])  # in every block
    expected: dict[str, list[int]] = {}
    for number, text in enumerate(texts):
        for gram in search.grams(text):
            expected.setdefault(gram, []).append(number)
        pairs = [a + b for a, b in zip(text, text[1:]) if " " not in a + b]
        for pair in sorted(set(pairs)):  # held often: three times or more, overlaps counted
            if pairs.count(pair) >= postings.OFTEN_COUNT:
                expected.setdefault(postings.OFTEN_MARK + pair, []).append(number)
    often = [g for g in expected if g.startswith(postings.OFTEN_MARK)]
    assert often and any(len(expected[g]) < len(expected[g[1:]]) for g in often)  # a subset, not a copy
    inverter = postings.Inverter()
    for start in range(0, len(texts), 700):  # several blocks, the last one short
        inverter.add(texts[start:start + 700])
    found = {}
    for grams, bounds, docs in inverter.postings():
        for i, gram in enumerate(grams):
            assert gram not in found, gram
            found[gram] = docs[bounds[i]:bounds[i + 1]].tolist()
    assert found == expected


def test_a_block_of_texts_shorter_than_a_window_is_inverted():
    """One notice titled "A": the title block holds one character, fewer than a window."""
    inverter = postings.Inverter()
    inverter.add(["a"])
    inverter.add(["", "7"])
    found = {g: docs[b[i]:b[i + 1]].tolist() for grams, b, docs in inverter.postings() for i, g in enumerate(grams)}
    assert found == {"a": [0], "7": [2]}


def test_lists_encoded_at_once_as_one_by_one():
    """Gaps, bitmaps, and the choice between them, as ``_encode`` writes each list."""
    rng = random.Random(3)
    lists = [[rng.randrange(50)]] + [[0]] + [[9_999_999 // 3]]
    for _ in range(400):
        size, spread = rng.choice([(2, 20), (30, 60), (200, 300), (40, 5_000), (3, 4_000_000)])
        lists.append(sorted(rng.sample(range(spread), min(size, spread))))
    bounds = np.cumsum([0] + [len(docs) for docs in lists])
    docs = np.array([d for docs in lists for d in docs], dtype=np.int64)
    assert search._encode_lists(bounds, docs) == [search._encode(docs) for docs in lists]
    assert any(text.startswith('"') for text in map(search._encode, lists))  # bitmaps were tried


@pytest.mark.parametrize("term, grams, exact", [
    ("低", ["低"], True),
    ("低保", ["低保"], True),
    ("620元", ["620元"], True),
    ("低保标准", ["低保", "保标", "标准"], False),
    ("城乡低保标准", ["城乡", "乡低", "低保", "保标", "标准"], False),
    ("城乡低保对象", ["城乡", "乡低", "低保", "保对", "对象"], False),
    ("渝北府发(2023)242号", ["渝北", "北府", "府发(2", "2023", "3)24", "42号"], False),
    ("2020-00057", ["2020", "0-00", "0057"], False),
    ("关于调整城乡低保标准的通知", ["关于", "于调", "整城", "城乡", "低保", "保标", "准的", "通知"], False),
])
def test_plan(term, grams, exact):
    assert search.plan(term) == (grams, exact)


def test_query_terms_lose_the_punctuation_around_them():
    assert search.query_terms("《低保》？ 标准。") == ["低保", "标准"]
    assert search.query_terms("低保，低保. 「临时救助」……") == ["低保", "临时救助"]
    assert search.query_terms("？！ 。") == []
    assert search.query_terms("低保、特困；临时救助") == ["低保", "特困", "临时救助"]
    assert search.query_terms("补贴1,000元,每月") == ["补贴1,000元", "每月"]
    # Brackets and punctuation inside a term stay: 发文字号, amounts, file names.
    assert search.query_terms("渝北府发〔2023〕 1.3倍 名单.pdf") == ["渝北府发(2023)", "1.3倍", "名单.pdf"]


def test_shard_of_is_fnv1a():
    assert search.shard_of("", 1 << 32) == 0x811C9DC5
    assert search.shard_of("a", 1 << 32) == 0xE40C292C  # the published FNV-1a test vector


# --- body text ----------------------------------------------------------------------------

BODIES = [
    "**低**保标准为每人每月620元。",
    "# 标题\n\n正文第一段。\n\n- 第一项\n- 第二项\n\n1. 甲\n2. 乙",
    "| 姓名 | 金额 |\n|---|---|\n| 张三 | 620元 |\n| 李四 | 650元 |",
    "详见[办理指南](https://example.gov.cn/a.html)和![图](a.png)。",
    "<p>原始<b>HTML</b>段落</p><script>alert('x')</script>后文",
    "> 引用的话\n\n`代码` 与 *强调* 和 _下划线_ &amp; 实体",
    "中间有\\*星号\\*的文字",
    "| 项目\t| 金额 |\n|---|---|\n| 低保\u3000| 620元 |\n|\t特困 |\t930元\t|",  # tabs and 全角 spaces beside borders
    "  - 甲\n   ## 乙 ##\n>  丙\n\n---\n\n10. 丁\n\n```\n代码\n```",  # marks at the start of lines
]


@pytest.mark.parametrize("body", BODIES)
def test_markdown_text_matches_rendered_text(body):
    # Block boundaries, opening or closing, separate words (text after a raw </p> is a block).
    rendered = re.sub(r"</?(?:p|li|h\d|td|th|tr|br|ul|ol|table|thead|tbody|blockquote|pre)\b[^>]*>", " ",
                      markdown_to_html(body))
    rendered = re.sub(r"<[^>]+>", "", rendered)
    import html
    expected = " ".join(html.unescape(rendered).split())
    assert search.markdown_text(body) == expected


# --- the index files ------------------------------------------------------------------------

def test_index_files_are_scripts_with_relative_urls_and_deterministic(built):
    root, out, notices, site = built
    first = search.index_files(site)
    again = search.index_files(site)
    assert [(f.path, f.data) for f in first] == [(f.path, f.data) for f in again]
    assert {f.path for f in first} >= {"search/meta.js", "search/t/0.js", "search/d/0.js"}
    for f in first:
        text = f.data.decode("utf-8")
        assert text.startswith(search.PREFIX) and text.endswith(search.SUFFIX)
        json.loads(text[len(search.PREFIX):-len(search.SUFFIX)])
        assert "://" not in text or "example.gov.cn" in text  # only the body's own links
    for n in site.notices:
        assert (out / paths.notice(n.id)).is_file()


def test_no_unpublished_notice_in_any_index_file(built):
    root, out, notices, site = built
    hidden = [d for d in notices.values() if d["disclosure"] != "主动公开"]
    assert any(d["disclosure"] == "依申请公开" for d in hidden)
    published_ids = {n.id for n in site.notices}
    for path in (out / "search").rglob("*.js"):
        text = path.read_text(encoding="utf-8")
        for d in hidden:
            assert d["title"] not in text, path
            assert "绝密标题" not in text and "丁戊己" not in text, path
    assert all(nid in published_ids for nid, d in notices.items() if d["disclosure"] == "主动公开")


def test_unpublished_notice_not_found(built, capsys):
    root, out, notices, site = built
    for q in ("绝密标题", "丁戊己", '"绝密标题"'):
        result = cli_search(capsys, out, q)
        assert (result["total"], result["hits"]) == (0, []), q


def test_site_without_published_notices(tmp_path, capsys):
    write_site_root(tmp_path, count=1)  # notice 0 is 依申请公开
    out = tmp_path / "public"
    assert pipeline.build(tmp_path, out).report.ok
    assert (out / "search" / "meta.js").is_file()
    result = cli_search(capsys, out, "低保")
    assert (result["total"], result["hits"]) == (0, [])


# --- the promise: exact substrings, title first ------------------------------------------------

def _queries(site, rng: random.Random) -> list[str]:
    texts = [notice_text(site, n) for n in site.notices]
    queries = ["低保", "低", "保", "620元", "６２０元", "救助", "公示", "标准", "城乡低保", "低保标准",
               "特困人员救助供养", "1.3倍", "023-6781", "67821234", "(2023)", "〔2023〕", "［2022］", "242号",
               "渝北区民政局", "社会救助", "名单.pdf", "资金 发放", "低保 620元", "关于", "实施办法》",
               "00057", "/2020-", "11500112009315877L", "号"]
    for n in site.notices:
        if n.doc_number and len(queries) < 45:
            queries.append(n.doc_number)
        if n.index_number and len(queries) < 50:
            queries.append(n.index_number)
    while len(queries) < 90:
        text = rng.choice(texts)
        size = rng.choice([1, 2, 2, 3, 3, 4, 5, 8])
        start = rng.randrange(max(1, len(text) - size))
        q = text[start:start + size].strip()
        if q and " " not in q:
            queries.append(q)
    return queries


def test_a_quoted_query_finds_every_notice_containing_it_and_only_those(built, capsys):
    """"…" keeps the exact-substring search: every notice that contains each quoted term,
    and nothing else; for one term, those holding it in the title first."""
    root, out, notices, site = built
    rng = random.Random(3)
    texts = {n.id: notice_text(site, n) for n in site.notices}
    titles = {n.id: search.normalize(n.title) for n in site.notices}
    queries = _queries(site, rng)
    assert len(queries) >= 50
    for q in queries:
        terms = search.query_terms(q)
        expected = {nid for nid, t in texts.items() if all(term in t for term in terms)}
        result = cli_search(capsys, out, f'"{q}"')
        got = [h["id"] for h in result["hits"]]
        assert result["total"] == len(got)
        assert set(got) == expected, q  # every notice that contains it, and only those
        assert len(got) == len(set(got))
        if len(terms) == 1 and got:
            in_title = [terms[0] in titles[i] for i in got]
            assert in_title == sorted(in_title, reverse=True), q


def _field_tier(n, term: str) -> int:
    """The order one exact term ranks in: title and numbers, title, numbers, elsewhere."""
    in_title = term in search.normalize(n.title)
    in_numbers = term in search.normalize(f"{n.doc_number} {n.index_number}")
    return 0 if in_title and in_numbers else 1 if in_title else 2 if in_numbers else 3


def _often(text: str, term: str) -> bool:
    """Whether every window of ``term`` is a pair the text holds three times or more."""
    pairs = [a + b for a, b in zip(text, text[1:])]
    return all(len(w) == 2 and pairs.count(w) >= postings.OFTEN_COUNT for w in search.plan(term)[0])


def test_one_quoted_term_ranks_by_field_then_frequency_then_newest_first(built):
    """BM25F with one term: the same idf for every hit, so the fields decide — the title
    (whatever its length), the numbers, the text — then how often the text holds it, then
    recency."""
    root, out, notices, site = built
    order = {n.id: i for i, n in enumerate(site.notices)}
    by_id = {n.id: n for n in site.notices}
    reader = search.IndexReader(out)
    text = {n.id: " ".join(search.field_texts(reader.record(i), reader.org_names, reader.meta["domains"]))
            for i, n in enumerate(site.notices)}
    for q in ["低保", "2023", "渝北府发", "救助供养", "620元", "实施办法"]:
        term = search.normalize(q)
        result = search.query(out, f'"{q}"', reader=reader)
        assert result.hits, q
        tiers = [max(0, _field_tier(by_id[h.id], term) - 1) for h in result.hits]  # title, numbers, text
        assert tiers == sorted(tiers), q
        for tier in (1, 2):
            keys = [(not _often(text[h.id], term), order[h.id]) for h, t in zip(result.hits, tiers) if t == tier]
            assert keys == sorted(keys), (q, tier)
    assert any(_often(text[h.id], "低保") for h in search.query(out, '"低保"', reader=reader).hits)


def test_doc_number_in_any_bracket_finds_the_notice(built, capsys):
    root, out, notices, site = built
    n = next(n for n in site.notices if n.doc_number and "〔" in n.doc_number)
    for variant in (n.doc_number, n.doc_number.replace("〔", "[").replace("〕", "]"),
                    n.doc_number.replace("〔", "（").replace("〕", "）")):
        hits = cli_search(capsys, out, variant)["hits"]
        assert hits[0]["id"] == n.id or search.normalize(n.doc_number) in search.normalize(hits[0]["title"])
        assert n.id in [h["id"] for h in hits]


def test_filters(built):
    root, out, notices, site = built
    every = search.query(out, "低保")
    for org in ("mzj", "longxi"):
        got = search.query(out, "低保", org=org)
        assert [h.id for h in got.hits] == [h.id for h in every.hits if site.config.org(org).name == h.publisher]
    got = search.query(out, "低保", domain="社会救助")
    domains = {n.id: n.domains for n in site.notices}
    assert [h.id for h in got.hits] == [h.id for h in every.hits if "社会救助" in domains[h.id]]
    got = search.query(out, "低保", year=2021)
    assert [h.id for h in got.hits] == [h.id for h in every.hits if h.date.startswith("2021")]


def test_the_gwsite_command_answers_like_the_function(built, capsys):
    root, out, notices, site = built
    done = subprocess.run([sys.executable, "-m", "gwsite", "search", str(out), "渝北府发〔2023〕", "--json"],
                          capture_output=True, text=True, encoding="utf-8", check=True,
                          cwd=Path(__file__).resolve().parents[1])
    assert json.loads(done.stdout) == cli_search(capsys, out, "渝北府发〔2023〕")
    assert json.loads(done.stdout)["total"] > 0


def test_filters_take_names_and_usual_names_and_refuse_what_the_site_lacks(built, capsys):
    root, out, notices, site = built
    by_id = cli_search(capsys, out, "低保", "--org", "mzj", "--domain", "就业创业")
    assert by_id["total"] > 0
    # The publisher's name for its id, a domain's usual name (就业 for 就业创业): the same hits.
    assert cli_search(capsys, out, "低保", "--org", "渝北区民政局", "--domain", "就业") == by_id
    assert cli_search(capsys, out, "低保", "--domain", "卫生健康") == cli_search(capsys, out, "低保", "--domain", "医疗卫生")
    for flag, value, said in [("--org", "minzhengju", "no publisher 'minzhengju' in this site"),
                              ("--domain", "低保", "no domain '低保' in this site")]:
        assert main(["search", str(out), "低保", flag, value]) == 1
        err = capsys.readouterr().err
        assert said in err and ("渝北区民政局" in err if flag == "--org" else "社会救助" in err), err


def test_cli_human_output_and_missing_index(built, capsys, tmp_path):
    root, out, notices, site = built
    assert main(["search", str(out), "低保"]) == 0
    text = capsys.readouterr().out
    assert re.search(r"^\s+1\. .+\n\s+\d{4}-\d\d-\d\d  .+  notices/.+\.html$", text, re.M)
    assert main(["search", str(tmp_path), "低保"]) == 1


# --- Whoosh as the reference engine -------------------------------------------------------------

class CharTokenizer(Tokenizer):
    """One Whoosh token per character, at its own position: phrase queries become exact
    substring matches, and the gap a space leaves keeps a phrase from spanning it."""

    def __call__(self, value, positions=False, chars=False, keeporiginal=False, removestops=True,
                 start_pos=0, start_char=0, tokenize=True, mode="", **kwargs):
        t = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        for i, ch in enumerate(value):
            if ch == " ":
                continue
            t.text = t.original = ch
            t.boost = 1.0
            t.stopped = False
            if positions:
                t.pos = start_pos + i
            if chars:
                t.startchar, t.endchar = start_char + i, start_char + i + 1
            yield t


def test_ranking_agrees_with_whoosh_phrase_queries(built):
    """Index the same texts in Whoosh, one token per character with its position, and find
    with phrase queries per field; for one quoted term gwsite's files must give the same
    hits, those holding it in the title first, then in the numbers, then elsewhere."""
    root, out, notices, site = built
    analyzer = CharTokenizer()
    schema = fields.Schema(number=fields.NUMERIC(stored=True, unique=True), id=fields.ID(stored=True),
                           title=fields.TEXT(analyzer=analyzer, phrase=True),
                           numbers=fields.TEXT(analyzer=analyzer, phrase=True),
                           other=fields.TEXT(analyzer=analyzer, phrase=True))
    (root / "whoosh").mkdir()
    ix = windex.create_in(str(root / "whoosh"), schema)
    writer = ix.writer()
    reader = search.IndexReader(out)
    for number, n in enumerate(site.notices):
        title, nums, other = search.field_texts(reader.record(number), reader.org_names, reader.meta["domains"])
        writer.add_document(number=number, id=n.id, title=title, numbers=nums, other=other)
    writer.commit()

    def phrase(field, term):
        return wq.Term(field, term) if len(term) == 1 else wq.Phrase(field, list(term))

    with ix.searcher() as s:
        def docs(q):
            return {hit["number"] for hit in s.search(q, limit=None)}

        for q in ["低保", "低保标准", "620元", "城乡低保", "(2023)", "渝北府发", "2020-000",
                  "救助供养", "1.3倍", "民政局", "号"]:
            term = search.query_terms(q)[0]
            title, numbers = docs(phrase("title", term)), docs(phrase("numbers", term))
            every = docs(wq.Or([phrase(f, term) for f in ("title", "numbers", "other")]))
            tier = {d: 0 if d in title else 1 if d in numbers else 2 for d in every}
            got = search.query(out, f'"{q}"', reader=reader)
            assert {h.id for h in got.hits} == {site.notices[d].id for d in every}, q
            number = {n.id: i for i, n in enumerate(site.notices)}
            tiers = [tier[number[h.id]] for h in got.hits]
            assert tiers == sorted(tiers), q
