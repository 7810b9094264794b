"""Pinyin, initials and suggestions (issue 21): each rule both ways — what must be read and
found, and a near thing that must not — on a small site written for it (polyphones in
both readings, an English word, a 发文字号) and on the demo district."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
import yaml

from gwsite import pinyin, pipeline, ranking, search
from gwsite.query import FILLERS, Folding, Lexicon

ORGS = [
    {"id": "mzj", "name": "云岭市青溪区民政局", "kind": "department", "aliases": ["区民政局"]},
    {"id": "baima", "name": "云岭市青溪区白马镇人民政府", "kind": "township", "aliases": ["白马镇"]},
]
# (file, title, publisher, published, doc_number, body)
NOTICES = [
    ("dibao", "关于调整城乡最低生活保障标准的通知", "mzj", "2025-03-01", "青溪民发〔2025〕7号", "城乡最低生活保障标准提高到每人每月820元。"),
    ("dibao-gongshi", "白马镇2025年低保审核结果公示", "baima", "2025-04-01", "", "经审核，以下家庭纳入低保。"),
    ("chongjian", "白马镇农村危房拆除重建补助公示", "baima", "2025-05-01", "", "D级危房拆除重建每户补助3.5万元。"),
    ("zhongda", "重大行政决策事项目录", "mzj", "2025-06-01", "", "重大行政决策事项目录如下，由区政府集中公布。"),
    ("yinhang", "城乡居民医疗保险缴费渠道", "mzj", "2025-07-01", "", "可以通过手机银行、银行柜台缴费。"),
    ("changqi", "异地长期居住人员备案指南", "mzj", "2025-08-01", "", "异地长期居住人员可以办理备案。"),
    ("quzhang", "区长信箱来信选登", "mzj", "2025-09-01", "", "区长信箱收到群众来信。"),
    ("kangle", "康乐养老院收费公示", "mzj", "2025-10-01", "", "康乐养老院收费标准。"),
    ("yinyue", "音乐厅公益演出公告", "mzj", "2025-11-01", "", "音乐厅公益演出。"),
    ("lvyou", "乡村旅游扶持资金公示", "baima", "2025-12-01", "", "乡村旅游扶持资金。"),
    ("excel", "公开数据下载说明", "mzj", "2026-01-05", "", "数据以excel表格提供下载。"),
    ("gengdi", "白马镇耕地地力保护补贴发放公示", "baima", "2026-02-01", "", "耕地地力保护补贴已发放。"),
]
SYNONYMS = [["区长信箱", "区长来信"], ["康乐养老院", "康乐院"], ["音乐厅", "区音乐厅"], ["拆除重建", "原址重建"],
            ["重大行政决策", "重大决策"], ["手机银行", "网上银行"], ["异地长期居住", "长期异地居住"]]


def write_site(root: Path) -> Path:
    config = {"title": "青溪区基层政务公开", "region": "云岭市青溪区", "host": "青溪区人民政府办公室", "orgs": ORGS,
              "search_synonyms": SYNONYMS}
    (root / "catalogues").mkdir(parents=True, exist_ok=True)
    (root / "site.yaml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    for name, title, publisher, published, number, body in NOTICES:
        data = {"title": title, "publisher": publisher, "published": published, "disclosure": "主动公开",
                "domain": "社会救助", "body": body}
        if number:
            data["doc_number"] = number
        path = root / "content" / "notices" / publisher / f"{name}.yaml"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    root = write_site(tmp_path_factory.mktemp("pinyin"))
    out = root / "public"
    result = pipeline.build(root, out)
    assert result.report.ok, [str(p) for p in result.report.problems]
    return out


def ids(result) -> list[str]:
    return [h.id.split("/")[-1] for h in result.hits]


def same_as_chinese(out: Path, typed: str, chinese: str) -> search.SearchResult:
    """The query as typed finds what the Chinese finds, in the same order."""
    found, wanted = search.query(out, typed), search.query(out, chinese)
    assert ids(found) == ids(wanted) and found.total == wanted.total > 0, (typed, ids(found), ids(wanted))
    return found


# --- reading pinyin onto the site's words -------------------------------------------------------

@pytest.mark.parametrize("typed", ["dibao", "di bao", "DiBao", "di'bao", "db", "dībǎo", "Dī Bǎo"])
def test_pinyin_and_initials_find_what_the_word_finds(site, typed):
    found = same_as_chinese(site, typed, "低保")
    assert found.read_as == ("低保",)
    assert {"dibao", "dibao-gongshi"} <= set(ids(found))  # 最低生活保障 too, through the table


def test_a_run_of_pinyin_is_split_into_words_however_it_is_spaced(site):
    for typed in ["gengdidilibaohubutie", "gengdi dili baohu butie", "geng di di li bao hu bu tie"]:
        found = same_as_chinese(site, typed, "耕地地力保护补贴")
        assert ids(found)[0] == "gengdi" and "".join(found.read_as) == "耕地地力保护补贴"


@pytest.mark.parametrize("typed, chinese, notice", [
    ("chaichu chongjian", "拆除重建", "chongjian"),  # 重 chong
    ("zhongda xingzheng juece", "重大行政决策", "zhongda"),  # 重 zhong, 行 xing
    ("shouji yinhang", "手机银行", "yinhang"),  # 行 hang
    ("yidi changqi juzhu", "异地长期居住", "changqi"),  # 长 chang
    ("quzhang xinxiang", "区长信箱", "quzhang"),  # 长 zhang
    ("kangle yanglaoyuan", "康乐养老院", "kangle"),  # 乐 le
    ("yinyueting", "音乐厅", "yinyue"),  # 乐 yue
])
def test_a_polyphonic_character_counts_in_each_of_its_readings(site, typed, chinese, notice):
    found = same_as_chinese(site, typed, chinese)
    assert ids(found)[0] == notice and "".join(found.read_as) == chinese


def test_a_sound_the_character_never_has_does_not_read_the_word(site):
    # 重 is zhong or chong (both read 重大), never cheng; 长 zhang or chang, never zhan; 乐 le or yue, never luo
    assert search.query(site, "chongda xingzheng juece").read_as == ("重大行政决策",)
    for typed in ["chaichu chengjian", "quzhan xinxiang", "kangluo yanglaoyuan", "shouji yinhan"]:
        result = search.query(site, typed)
        assert not any(c in "".join(result.read_as) for c in "重长乐行"), (typed, result.read_as)


@pytest.mark.parametrize("typed", ["lvyou", "lüyou", "luyou", "LÜYOU"])
def test_u_umlaut_is_typed_v_u_or_itself(site, typed):
    found = same_as_chinese(site, typed, "旅游")
    assert ids(found) == ["lvyou"]


def test_mixed_characters_and_pinyin(site):
    found = same_as_chinese(site, "白马镇dibao", "白马镇低保")
    assert ids(found)[0] == "dibao-gongshi" and found.read_as == ("低保",)
    same_as_chinese(site, "白马镇 gengdi butie", "白马镇 耕地补贴")
    same_as_chinese(site, "dibao标准", "低保标准")


def test_initials_that_name_no_word_of_the_site_are_not_read(site):
    for typed in ["qqxx", "zzzz", "kkkk"]:
        result = search.query(site, typed)
        assert result.read_as == () and result.total == 0, typed


def test_numbers_codes_and_english_words_keep_their_literal_meaning(site):
    number = search.query(site, "青溪民发2025 7号")
    assert number.read_as == () and ids(number)[0] == "dibao"
    assert search.query(site, "2025").read_as == ()
    english = search.query(site, "excel")
    assert english.read_as == () and ids(english) == ["excel"]  # no reading is invented for it
    assert search.query(site, "pdf").read_as == ()  # a file word is never read, even where it could be
    assert search.query(site, '"dibao"').total == 0  # quoted: the letters as typed, nothing else


def test_a_literal_match_ranks_above_a_match_through_the_reading(tmp_path):
    root = write_site(tmp_path / "root")
    extra = {"title": "dibao 数据接口说明", "publisher": "mzj", "published": "2024-01-01", "disclosure": "主动公开",
             "domain": "社会救助", "body": "接口名称 dibao。"}
    (root / "content" / "notices" / "mzj" / "api.yaml").write_text(yaml.safe_dump(extra, allow_unicode=True), encoding="utf-8")
    out = root / "public"
    assert pipeline.build(root, out).report.ok
    found = search.query(out, "dibao")
    assert ids(found)[0] == "api" and found.read_as == ("低保",)  # the oldest, but it holds what was typed
    assert {"dibao", "dibao-gongshi"} <= set(ids(found))


def test_read_as_in_json_and_text(site, run_cli):
    code, out, _ = run_cli("search", site, "dibao", "--json")
    data = json.loads(out)
    assert code == 0 and data["read_as"] == ["低保"] and data["total"] > 0
    code, out, _ = run_cli("search", site, "低保", "--json")
    assert json.loads(out)["read_as"] == []
    code, out, _ = run_cli("search", site, "dibao")
    assert "read as '低保'" in out and 'search "dibao" for the letters as typed' in out
    # 改为按原文搜索 quotes the letters only: the rest of the query keeps its meaning
    mixed = search.query(site, "白马镇 gengdi butie")
    assert mixed.as_typed == '白马镇 "gengdi butie"' and search.query(site, mixed.as_typed).read_as == ()
    assert search.query(site, '青龙镇dibao "标准"').as_typed == '青龙镇"dibao" "标准"' 


# --- suggestions ---------------------------------------------------------------------------

def test_suggestions_for_a_chinese_and_a_pinyin_prefix(site, run_cli):
    chinese = search.suggestions(site, "最低生")
    assert chinese[0][0] == "最低生活保障" and "低保" in [t for t, _ in chinese]
    typed = search.suggestions(site, "dib")
    assert typed[0][0] == "低保"
    initials = search.suggestions(site, "gdd")
    assert initials and initials[0][0].startswith("耕地")
    for text, hits in chinese + typed + initials:  # each says how many results it gives
        assert search.query(site, text).total == hits > 0, text
    assert len(search.suggestions(site, "bu")) <= pinyin.SUGGESTIONS
    code, out, _ = run_cli("search", site, "--suggest", "dib", "--json")
    assert code == 0 and json.loads(out) == {"suggestions": [{"text": t, "hits": h} for t, h in typed]}


def test_no_suggestion_for_one_character_or_what_no_word_begins_with(site):
    assert search.suggestions(site, "低") == [] and search.suggestions(site, "d") == []
    assert search.suggestions(site, "qqx") == [] and search.suggestions(site, "没有这") == []
    assert search.suggestions(site, "2025") == []


# --- the reader alone ----------------------------------------------------------------------

def reader(words: list[str], held: dict[str, int], groups=()) -> pinyin.Reader:
    lexicon = Lexicon(tuple(groups), frozenset(words), Folding({}))
    vocabulary = pinyin.vocabulary(lexicon)
    return pinyin.Reader(lexicon, pinyin.data(lexicon, [held.get(w, 0) for w in vocabulary],
                                              [held.get(w, 0) for w in vocabulary]))


def test_a_word_the_site_does_not_hold_is_never_a_reading():
    r = reader(["低保", "地堡"], {"低保": 3})
    assert r.read("dibao").words == ("低保",)
    r = reader(["低保", "地堡"], {"地堡": 3})
    assert r.read("dibao").words == ("地堡",)
    assert reader(["低保"], {}).read("dibao").words == ()


def test_by_initials_a_table_name_comes_before_an_ordinary_word():
    r = reader(["医保", "一般"], {"医保": 3, "一般": 60}, groups=[("医保", "医疗保险")])
    assert r.read("yb").words == ("医保",) and r.read("yiban").words == ("一般",)


def test_a_rare_dictionary_reading_is_no_reading():
    readings = pinyin.char_readings(["土地", "报告", "银行", "行政", "重建", "重大"])
    assert readings["土"] == ("tu",) and readings["告"] == ("gao",)  # not cha, not ju
    assert set(readings["行"]) == {"xing", "hang"} and set(readings["重"]) == {"zhong", "chong"}


def test_an_ambiguous_reading_searches_its_other_words_too():
    r = reader(["失业", "事业"], {"失业": 2, "事业": 9})
    reading = r.read("shiye")
    assert reading.words == ("事业",) and dict(reading.others) == {"事业": ("失业",)}


def test_initials_strung_together_must_name_a_table_word():
    generic = reader(["期限", "长期"], {"期限": 5, "长期": 5})
    assert generic.read("qxcq").words == ()  # two ordinary words by initials: no reading
    assert generic.read("qixian changqi").words == ("期限", "长期")  # in full they are read
    table = reader(["医保", "缴费"], {"医保": 5, "缴费": 5}, groups=[("医保", "医疗保险")])
    assert table.read("ybjf").words == ("医保", "缴费")


def test_a_space_inside_a_syllable_is_no_reading():
    r = reader(["西安", "先"], {"西安": 2})
    assert r.read("xi an").words == ("西安",)
    assert r.read("x ian").words == ()


def as_array(numbers: set[int], docs: int) -> np.ndarray:
    found = np.zeros(docs, bool)
    found[list(numbers)] = True
    return found


def test_the_counts_are_the_searches_totals(site):
    """ranking.count (every notice at once, for the suggestions' counts) is rank's test:
    the same totals for every word of the vocabulary and for queries of several parts."""
    index = search.IndexReader(site)
    words = pinyin.vocabulary(index.lexicon)
    hits = index.pinyin.hits
    for text in [*words, "低保 标准", "城乡低保标准", "拆除重建补助", "耕地地力保护补贴发放", "没有的词 低保", '"低保"']:
        result = search.query(site, text)
        if text in hits:
            assert hits[text] == result.total, text
        parsed, docs = search.parse(text, index.lexicon), index.meta["docs"]
        total, whole = ranking.count(parsed, lambda t: [as_array(lists[0], docs) for lists in index.windows(t)], docs)
        ranked = ranking.rank(parsed, index.lookup, docs, windows=index.windows)
        assert (total, whole) == (len(ranked), sum(1 for s in ranked if s.complete)), text


# --- any input ------------------------------------------------------------------------------

from hypothesis import given, settings, strategies as st  # noqa: E402

TYPED = st.text(alphabet=st.sampled_from(list("abcdefghijklmnopqrstuvwxyzü' 0123456789-/\"“”") + list("低保标准重行长乐ＡＤ")),
                max_size=40)


@settings(max_examples=300, deadline=None)
@given(TYPED)
def test_any_query_is_read_onto_the_vocabulary_or_left_as_typed(text):
    r = reader(["低保", "标准", "重大", "银行", "行政", "长期", "医保", "缴费"],
               {"低保": 5, "标准": 9, "重大": 2, "银行": 1, "行政": 3, "长期": 2, "医保": 4, "缴费": 4},
               groups=[("医保", "医疗保险")])
    from gwsite.query import normalize
    typed = normalize(text)
    reading = r.read(typed)
    assert set(reading.words) <= {"低保", "标准", "重大", "银行", "行政", "长期", "医保", "缴费", *FILLERS}
    assert not reading.words or not set(reading.words) <= set(FILLERS)  # question words alone are no reading
    if not reading.words:
        assert reading.text == typed and reading.tokens == ()
    for word, others in reading.others:
        assert word in reading.words and word not in others
    for suggestion, hits in r.complete(text):
        assert hits > 0 and suggestion in r.hits


def test_a_long_run_of_letters_is_read_quickly():
    import time
    r = reader(["低保", "标准", "医保", "缴费"], {"低保": 5, "标准": 9, "医保": 4, "缴费": 4})
    started = time.perf_counter()
    reading = r.read("dibaobiaozhun" * 20 + " " + "y" * 200)
    assert reading.words[:2] == ("低保", "标准") and time.perf_counter() - started < 5


def test_places_are_read_without_their_endings_and_title_words_in_full_only(site):
    found = search.query(site, "baima")  # 白马镇's place, as people say it
    assert found.read_as == ("白马",) and {"dibao-gongshi", "chongjian", "gengdi"} <= set(ids(found))
    assert search.query(site, "qingxi").read_as == ("青溪",)  # the district, from site.yaml's region
    assert "白马" not in search.query(site, "bm").read_as  # a term is never read by initials
    assert "白马" not in [t for t, _ in search.suggestions(site, "baim")]  # nor suggested
    index = search.IndexReader(site)
    assert "白马" in index.pinyin.places and "白马" in index.lexicon.words  # a word of the query too
    assert not set(index.pinyin.term_held) & index.lexicon.words


def test_a_new_place_in_site_yaml_is_read_after_a_rebuild(tmp_path):
    """pinyin.js is made again when only site.yaml's places change (no notice does)."""
    root = write_site(tmp_path / "root")
    extra = {"title": "村级公益事业项目公示", "publisher": "baima", "published": "2025-12-20", "disclosure": "主动公开",
             "domain": "社会救助", "body": "石桥村道路硬化项目已完工。"}
    (root / "content" / "notices" / "baima" / "shiqiao.yaml").write_text(yaml.safe_dump(extra, allow_unicode=True),
                                                                          encoding="utf-8")
    out = root / "public"
    assert pipeline.build(root, out).report.ok
    assert "石桥" not in search.query(out, "shiqiao").read_as
    config = yaml.safe_load((root / "site.yaml").read_text(encoding="utf-8"))
    config["orgs"].append({"id": "shiqiao", "name": "云岭市青溪区石桥镇人民政府", "kind": "township", "aliases": ["石桥镇"]})
    (root / "site.yaml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    assert pipeline.build(root, out).report.ok
    found = search.query(out, "shiqiao")
    assert found.read_as == ("石桥",) and [h.id for h in found.hits] == ["baima/shiqiao"]


def test_an_accented_word_that_reads_as_no_pinyin_stays_as_typed(site):
    result = search.query(site, "café 低保")
    assert result.read_as == () and "é" in result.missing  # searched as typed, not as cafe
    assert pinyin.untoned("dībǎo lǜ") == "dibao lü"
