"""Search that finds what people type (issue 16): each rule both ways — what must match,
and a near thing that must not — on a small site written for it, and on the demo district."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from gwsite import pipeline, query, ranking, search
from gwsite.cli import main
from gwsite.query import Folding, Lexicon, Part, Phrase, parse

ORGS = [
    {"id": "mzj", "name": "云岭市青溪区民政局", "kind": "department", "aliases": ["区民政局"]},
    {"id": "longmen", "name": "云岭市青溪区龙门镇人民政府", "kind": "township", "aliases": ["龙门镇"]},
    {"id": "ybj", "name": "云岭市青溪区医疗保障局", "kind": "department", "aliases": ["区医保局"]},
]
# (file, title, publisher, published, doc_number, body)
NOTICES = [
    ("formal", "关于调整城乡最低生活保障标准的通知", "mzj", "2025-03-01", "", "城乡最低生活保障标准提高到每人每月820元。"),
    ("short", "2025年低保资金发放情况公示", "mzj", "2025-03-01", "", "本月发放资金。"),
    ("wage", "关于调整最低工资标准的通知", "mzj", "2025-05-01", "", "最低工资标准调整，生活费用上涨。"),
    ("own", "关于提高2026年特困人员救助供养标准的通知", "mzj", "2026-07-20", "青溪民发〔2026〕13号", "现将有关事项通知如下。"),
    ("other-number", "关于做好2026年春节慰问工作的通知", "mzj", "2026-01-10", "青溪民发〔2026〕130号", "做好慰问。"),
    ("cites", "关于转发特困人员救助供养标准的通知", "mzj", "2026-08-01", "", "根据青溪民发〔2026〕13号文件，现转发。"),
    ("guide", "区民政局临时救助办事指南", "mzj", "2024-06-01", "", "申请人向户籍所在地镇人民政府提出申请，办理流程如下。"),
    ("gongshi", "龍門鎮臨時救助對象公示", "longmen", "2025-09-01", "", "經審核，以下對象符合臨時救助條件。"),
    ("jiaofei", "关于开展2026年度城乡居民基本医疗保险集中缴费工作的公告", "ybj", "2025-08-18", "", "缴费时间为9月1日至12月31日。"),
    ("tuoyu", "养老托育服务补贴发放公示", "mzj", "2025-10-10", "", "养老托育服务补贴已发放。"),
    ("lajifenlei", "生活垃圾分类工作方案", "longmen", "2024-02-02", "", "推进生活垃圾分类。"),
    ("hidden", "低保对象内部核查名单绝密", "mzj", "2025-04-01", "", "内部材料。"),
]


def write_site(root: Path, synonyms: list[list[str]] | None = None) -> Path:
    config = {"title": "青溪区基层政务公开", "region": "云岭市青溪区", "host": "青溪区人民政府办公室", "orgs": ORGS}
    if synonyms is not None:
        config["search_synonyms"] = synonyms
    (root / "catalogues").mkdir(parents=True, exist_ok=True)
    (root / "site.yaml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    for name, title, publisher, published, number, body in NOTICES:
        data = {"title": title, "publisher": publisher, "published": published,
                "disclosure": "依申请公开" if name == "hidden" else "主动公开", "domain": "社会救助", "body": body}
        if number:
            data["doc_number"] = number
        path = root / "content" / "notices" / publisher / f"{name}.yaml"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    pages = root / "content" / "pages" / "mzj"
    pages.mkdir(parents=True, exist_ok=True)
    (pages / "nianbao-2025.md").write_text(
        "---\ntitle: 云岭市青溪区民政局2025年政府信息公开工作年度报告\npublisher: mzj\nsection: 年报\npublished: 2026-01-20\n---\n"
        "本报告依据《中华人民共和国政府信息公开条例》编制。\n", encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    root = write_site(tmp_path_factory.mktemp("relevance"))
    out = root / "public"
    result = pipeline.build(root, out)
    assert result.report.ok, [str(p) for p in result.report.problems]
    return out


def ids(result) -> list[str]:
    return [h.id.split("/")[-1] for h in result.hits]


# --- reading a query --------------------------------------------------------------------------

LEXICON = Lexicon(groups=(("低保", "最低生活保障", "城乡最低生活保障"), ("医保", "医疗保障", "医疗保险")),
                  words=frozenset("低保 最低生活保障 城乡最低生活保障 医保 医疗保障 医疗保险 标准 申请 缴费 临时救助".split()),
                  folding=Folding({"臨": "临", "時": "时"}))


def test_a_question_loses_its_question_words_and_keeps_what_it_asks_about():
    q = parse("怎么申请低保", LEXICON)
    words = [p for p in q.parts if p.kind == "word"]
    assert [p.text for p in words] == ["申请", "低保"]
    assert words[1].forms == ("低保", "最低生活保障")  # 城乡最低生活保障 holds 最低生活保障: not looked up again
    assert [p.forms for p in q.parts if p.kind == "hint"] == [("指南", "流程", "办法", "申请")]
    assert parse("低保吗？", LEXICON).parts == parse("低保", LEXICON).parts
    # A word that holds a filler character is not cut: 是 in 标准是 goes, 的 in 目的 would stay as typed.
    assert [p.text for p in parse("低保标准是多少", LEXICON).parts if p.kind == "word"] == ["低保", "标准"]


def test_phrases_are_the_stretches_typed_together():
    q = parse("2026年低保标准", LEXICON)
    assert [p.text for p in q.parts] == ["2026年", "低保", "标准"]
    assert q.phrases == (Phrase("2026年低保标准", 0, 2),)
    # Apart, the same words make no phrase.
    assert parse("低保 标准", LEXICON).phrases == ()


def test_a_compound_of_table_words_is_searched_as_its_words_and_a_plain_one_is_not():
    lexicon = Lexicon(LEXICON.groups + (("低保标准", "最低生活保障标准"), ("公租房", "公共租赁住房")),
                      LEXICON.words | {"低保标准", "最低生活保障标准", "公租房", "公共租赁住房"}, LEXICON.folding)
    q = parse("低保标准", lexicon)
    assert [p.forms for p in q.parts] == [("低保", "最低生活保障"), ("标准",)]
    assert q.phrases == (Phrase("低保标准", 0, 1),)
    assert [p.forms for p in parse("公租房", lexicon).parts] == [("公租房", "公共租赁住房")]
    # Not where a half is another name of the whole: it would lose the whole's names.
    lexicon = Lexicon(LEXICON.groups + (("两项补贴", "残疾人两项补贴", "困难残疾人生活补贴"),),
                      LEXICON.words | {"两项补贴", "残疾人两项补贴", "困难残疾人生活补贴", "残疾人"}, LEXICON.folding)
    assert [p.text for p in parse("残疾人两项补贴", lexicon).parts] == ["残疾人两项补贴"]


def test_a_slip_of_one_character_in_a_long_stretch_is_read_as_the_word_it_misses():
    lexicon = Lexicon(LEXICON.groups, LEXICON.words | {"特困人员", "特困", "临时求助"}, LEXICON.folding)
    assert [p.forms for p in parse("特困人圆", lexicon).parts if p.kind == "fix"] == [("特困人员",)]
    assert not [p for p in parse("特困人员", lexicon).parts if p.kind == "fix"]  # a known word is no slip
    assert not [p for p in parse("临时求助", lexicon).parts if p.kind == "fix"]  # known too, though one apart
    assert not [p for p in parse("特困", lexicon).parts if p.kind == "fix"]  # too short to guess
    # Known words typed together are no slip, though one character from another word.
    lexicon = Lexicon(LEXICON.groups, LEXICON.words | {"城乡", "城乡居保"}, LEXICON.folding)
    assert not [p for p in parse("城乡低保", lexicon).parts if p.kind == "fix"]
    assert [p.forms for p in parse("城乡居堡", lexicon).parts if p.kind == "fix"] == [("城乡居保",)]
    # A word and one more character is no slip of a word one character from it.
    lexicon = Lexicon(LEXICON.groups, LEXICON.words | {"身份证", "身份证号", "补办"}, LEXICON.folding)
    assert not [p for p in parse("身份证丢了怎么补办", lexicon).parts if p.kind == "fix"]
    assert [p.forms for p in parse("身份正号", lexicon).parts if p.kind == "fix"] == [("身份证号",)]


def test_the_districts_places_are_words_of_the_query(site):
    """A query naming the county or a township is split at its name (在石桥县上学 is not
    在石 + 桥县 + 上学): the region and townships, with and without their endings."""
    words = search.IndexReader(site).lexicon.words
    assert {"云岭市", "云岭", "青溪区", "青溪", "龙门镇", "龙门"} <= words
    parts = [p.text for p in parse("在青溪区申请临时救助", search.IndexReader(site).lexicon).parts]
    assert "青溪区" in parts and "溪区" not in parts and "在青" not in parts
    assert search.query(site, "在青溪区申请临时救助").hits[0].id.endswith("guide")


def test_loose_doc_numbers_are_read_as_the_numbers_field_writes_them():
    for typed in ["青溪民发2026 13号", "民发[2026]13号", "民发（2026）13", "青溪民发〔２０２６〕第13号", "民发2026年13号"]:
        numbers = [p for p in parse(typed, LEXICON).parts if p.kind == "number"]
        assert [p.text for p in numbers] == ["民发(2026)13号"], typed
    assert [p.text for p in parse("(2026)13号", LEXICON).parts if p.kind == "number"] == ["(2026)13号"]
    # A year and a count are no 发文字号: 2026年13个 stays as typed.
    for typed in ["2026年低保标准", "2026年13个", "关于2025年3月"]:
        assert not [p for p in parse(typed, LEXICON).parts if p.kind == "number"], typed


def test_quoted_text_is_one_exact_part_and_traditional_characters_fold():
    q = parse('"低保标准" 臨時救助', LEXICON)
    assert q.parts[0] == Part(("低保标准",), "exact")
    assert [p.text for p in q.parts[1:]] == ["临时救助"]
    assert query.normalize("臨時", LEXICON.folding) == "临时"
    assert query.normalize("臨時") == "臨時"  # folding only where asked


def test_unknown_stretches_are_kept_whole_up_to_three_characters_then_in_pairs():
    assert query.segment("新生儿", frozenset(), 1) == [("新生儿", False)]
    assert query.segment("公共租凭住房", frozenset(), 1) == [("公共", False), ("租凭", False), ("住房", False)]
    assert query.segment("620元补贴", frozenset({"补贴"}), 2) == [("620元", False), ("补贴", True)]


def test_groups_that_share_a_form_merge_and_short_forms_are_dropped():
    merged = query.merge_groups([("低保", "最低生活保障"), ("低保金", "最低生活保障金"), ("最低生活保障", "城乡低保"), ("x", "y")])
    assert merged == (("低保", "最低生活保障", "城乡低保"), ("低保金", "最低生活保障金"))


def test_the_builtin_table_is_large_spread_over_the_domains_and_each_form_once():
    entries = yaml.safe_load((query.DATA / "abbreviations.yaml").read_text(encoding="utf-8"))
    assert len(entries) >= 150
    forms = [f for e in entries for f in [*e["short"], *e["formal"]]]
    assert len(forms) == len(set(forms))
    assert all(len(f) >= 2 and e["source"] for e in entries for f in [*e["short"], *e["formal"]])
    assert len({e["domain"] for e in entries}) >= 26
    groups = {f: set(g) for g in query.builtin_groups() for f in g}
    assert {"最低生活保障", "公共租赁住房", "社会保险"} <= groups["低保"] | groups["公租房"] | groups["社保"]


# --- ranking, on a site written for it --------------------------------------------------------

def test_an_abbreviation_finds_the_formal_name_and_the_other_way_round(site):
    short = search.query(site, "低保")
    assert set(ids(short)) == {"formal", "short"}  # not the 最低工资 notice, not the unpublished one
    assert short.hits[0].id.endswith("short") and short.hits[0].via == ()  # as typed first
    assert short.hits[1].via == ("最低生活保障",)  # the list says through which name
    assert set(ids(search.query(site, "最低生活保障"))) == {"formal", "short"}
    assert ids(search.query(site, '"低保"')) == ["short"]  # quoted: exactly as typed


def test_a_loose_doc_number_finds_its_notice_first(site):
    for typed in ["青溪民发2026 13号", "民发[2026]13号", "民发（2026）13", "青溪民发〔2026〕13号", "青溪民发２０２６第13号"]:
        found = ids(search.query(site, typed))
        assert found[0] == "own", typed
        assert "other-number" not in found[:1] and found.index("cites") > 0, typed


def test_a_one_character_prefix_of_a_doc_number_is_not_searched_on_its_own(site):
    """A county's 机关代字 often has one character before the 发文字号's kind (石民发): that
    character alone is in nearly every notice, so it is not a word of the query."""
    one = search.query(site, "溪民发〔2026〕13号")
    assert ids(one) == ["own", "cites"]  # not every notice holding 溪
    assert [p.text for p in parse("溪民发〔2026〕13号", LEXICON).parts] == ["民发(2026)13号"]
    two = parse("青溪民发〔2026〕13号", LEXICON).parts  # two or more characters stay a word
    assert [p.text for p in two] == ["民发(2026)13号", "青溪"]


def test_traditional_and_simplified_find_each_other(site):
    assert ids(search.query(site, "龙门镇 临时救助"))[0] == "gongshi"
    assert set(ids(search.query(site, "臨時救助"))) >= {"gongshi", "guide"}
    assert ids(search.query(site, "區民政局臨時救助辦事指南"))[0] == "guide"


def test_a_question_finds_the_guide_and_never_nothing(site):
    assert ids(search.query(site, "怎么申请临时救助"))[0] == "guide"
    assert ids(search.query(site, "临时救助怎么办理"))[0] == "guide"
    assert search.query(site, "医保一年交多少钱").total > 0
    assert ids(search.query(site, "医保缴费"))[0] == "jiaofei"


def test_notices_holding_every_part_come_before_those_holding_most(site):
    hits = search.query(site, "养老托育补贴").hits
    assert hits[0].id.endswith("tuoyu") and hits[0].complete
    partial = search.query(site, "最低工资 生活垃圾 分类")
    assert [h.complete for h in partial.hits] == sorted([h.complete for h in partial.hits], reverse=True)


def test_a_word_no_notice_holds_is_named_and_the_rest_searched(site):
    result = search.query(site, "孩子 临时救助")
    assert "孩子" in result.missing and set(ids(result)) >= {"guide", "gongshi"}
    assert search.query(site, "火星移民").total == 0


def test_near_misses_are_offered_and_a_slip_is_searched_only_as_said(site):
    result = search.query(site, "底保")
    assert result.missing == ("底保",) and result.fixed == ("低保",)  # named, and what was searched instead
    assert "低保" in result.suggestions
    assert "临时救助" in search.query(site, "临时求助").suggestions
    assert search.query(site, "临时救助").suggestions == ()


def test_free_pages_are_found_as_their_own_kind(site):
    hits = search.query(site, "年报").hits
    assert hits and hits[0].kind == "page" and hits[0].url == "pages/mzj/nianbao-2025.html"
    assert search.query(site, "政务公开年报").hits[0].via == ("政府信息公开工作年度报告",)
    assert search.query(site, "财政预算").total == 0  # a page is no match for what it does not say


def test_catalogue_items_are_found_as_their_own_kind_and_lead_to_their_row(tmp_path):
    from sites import make_site
    root = make_site(tmp_path / "site", {"content/notices/mzj/tekun.yaml": """
        title: 关于调整特困人员救助供养标准的通知
        publisher: mzj
        published: 2025-03-01
        disclosure: 主动公开
        domain: 社会救助
        item: 特困人员救助供养/救助供养标准
        body: 基本生活标准每人每月1100元。
        """})
    out = root / "public"
    assert pipeline.build(root, out).report.ok
    result = search.query(out, "照料护理标准")  # only the item's 公开内容 says so
    item = result.hits[0]
    assert (item.kind, item.id, item.date) == ("item", "社会救助/特困人员救助供养/救助供养标准", "")
    page, _, row = item.url.partition("#")
    html = (out / page).read_text(encoding="utf-8")
    start = html.index(f'<tr id="{row}">')
    assert "救助供养标准" in html[start:html.index("</tr>", start)]
    # A notice holding the same words ranks above the item that says it should be published.
    kinds = [h.kind for h in search.query(out, "特困人员救助供养标准").hits]
    assert kinds[0] == "notice" and "item" in kinds
    # Another domain's item is no match for words it does not hold.
    assert all(h.kind != "item" or "财政" in h.id or "预算" in h.title for h in search.query(out, "预算报告").hits)
    assert "社会救助/最低生活保障/办事指南" not in [h.id for h in search.query(out, "预算报告").hits]


def test_a_long_code_finds_the_notices_holding_it_not_those_holding_its_pieces(tmp_path):
    from sites import make_site
    notice = """
        title: {title}
        publisher: mzj
        published: 2025-03-0{day}
        disclosure: 主动公开
        index_number: {number}
        body: 正文。
        """
    root = make_site(tmp_path / "site", {
        "content/notices/mzj/a.yaml": notice.format(title="甲通知", day=1, number="11500112MB0000012/2025-00003"),
        # every 4-character window of the code, but not the code: another org's code, serial 00012
        "content/notices/mzj/b.yaml": notice.format(title="乙通知", day=2, number="11500112MB0000025/2025-00012"),
    }, catalogues=False)
    out = root / "public"
    assert pipeline.build(root, out).report.ok
    assert [h.title for h in search.query(out, "11500112MB0000012").hits] == ["甲通知"]
    assert {h.title for h in search.query(out, "11500112MB00000").hits} == {"甲通知", "乙通知"}


def test_order_by_date_lists_the_complete_hits_newest_first(site):
    by_date = search.query(site, "标准 通知", order="date").hits
    complete = [h.date for h in by_date if h.complete]
    assert complete == sorted(complete, reverse=True)
    assert {h.id for h in by_date} == {h.id for h in search.query(site, "标准 通知").hits}


def test_a_sites_own_synonyms_join_the_table(tmp_path):
    without = write_site(tmp_path / "a")
    assert pipeline.build(without, without / "public").report.ok
    assert search.query(without / "public", "一老一小").total == 0
    with_them = write_site(tmp_path / "b", synonyms=[["一老一小", "养老托育"]])
    assert pipeline.build(with_them, with_them / "public").report.ok
    assert ids(search.query(with_them / "public", "一老一小")) == ["tuoyu"]


def test_search_synonyms_that_are_not_lists_are_named_at_their_line(tmp_path, run_cli):
    root = write_site(tmp_path, synonyms=[["一老一小"]])
    code, out, err = run_cli("check", root)
    assert code == 1
    text = out + err
    line = next(i for i, l in enumerate((root / "site.yaml").read_text(encoding="utf-8").splitlines(), 1)
                if l.startswith("search_synonyms"))
    assert f"site.yaml:{line}: " in text and "search_synonyms entry 1" in text and "two or more names" in text, text


def test_the_json_answer_says_kind_via_missing_and_suggestions(site, capsys):
    assert main(["search", str(site), "低保 孩子", "--json"]) == 0
    answer = json.loads(capsys.readouterr().out)
    assert answer["missing"] == ["孩子"]
    assert {h["kind"] for h in answer["hits"]} == {"notice"}
    assert ["最低生活保障"] in [h["via"] for h in answer["hits"]]


def test_scores_are_bm25f_of_the_fields_that_hold_each_part():
    assert ranking.idf(100, 100) > 0  # never negative, even for a word in every notice
    assert ranking.saturate(1.0) == 1.0 and ranking.saturate(ranking.OFTEN_TF) < ranking.K1 + 1
    # One part: title beats numbers beats the text alone, held once or often, even
    # against the recency prior; held often beats held once within a field.
    title_w, numbers_w, any_w = ranking.WEIGHTS["word"]
    often = any_w * ranking.saturate(ranking.OFTEN_TF)
    boost = 1 + ranking.RECENCY
    assert title_w + any_w > (numbers_w + often) * boost and numbers_w + any_w > often * boost
    assert title_w + often > (title_w + any_w) * boost and often > any_w * boost


# --- the demo district: the issue's own table ------------------------------------------------

@pytest.mark.parametrize("typed, wanted", [
    ("怎么申请低保", "最低生活保障"),
    ("2026年低保标准", "2026年城乡最低生活保障"),
    ("医保缴费", "城乡居民基本医疗保险集中缴费"),
    ("青溪民发2026 13号", "提高2026年城乡最低生活保障"),  # its 发文字号 is 青溪民发〔2026〕13号
    ("龍門鎮", "龙门镇"),
    ("年报", "政府信息公开工作年度报告"),
    ("低保", "最低生活保障"),
])
def test_the_issues_queries_on_the_demo(demo_build, typed, wanted):
    result = search.query(demo_build, typed, limit=10)
    assert wanted in result.hits[0].title, (typed, result.hits[0].title)


def test_a_publisher_filter_takes_its_alias_too(site, capsys):
    reader = search.IndexReader(site)
    assert search.resolve_filter(reader, "org", "龙门镇") == "longmen" == search.resolve_filter(reader, "org", "longmen")
    assert main(["search", str(site), "临时救助", "--org", "龙门镇", "--json"]) == 0
    assert [h["id"].split("/")[-1] for h in json.loads(capsys.readouterr().out)["hits"]] == ["gongshi"]
    with pytest.raises(search.UnknownFilter, match="did you mean '龙门镇'"):
        search.resolve_filter(reader, "org", "龙门真")
