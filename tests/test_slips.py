"""Slips by sound (gwsite/slips.py): a word no notice holds read as the site's word that
sounds like it, both ways — the slip that must be read, and the near thing that must not."""
from __future__ import annotations

import functools
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

sys.path.insert(0, str(Path(__file__).parent))
from test_search_relevance import write_site  # noqa: E402

from gwsite import pinyin, pipeline, search, slips  # noqa: E402


@functools.lru_cache(maxsize=1)
def sounds_data() -> dict:
    return slips.data()


def sounds(held: dict[str, int]) -> slips.Sounds:
    """A corrector over the vocabulary ``held`` (word -> notices holding it)."""
    readings = {c: list(r) for c, r in pinyin.char_readings(list(held)).items()}
    return slips.Sounds(sounds_data(), readings, held)


def test_a_character_of_the_same_sound_is_read_as_the_sites_word():
    fix = sounds({"低保": 9, "五保": 3, "医保": 5})
    assert fix.fixes("底保") == ["低保"]  # di = di; 五 wu and 医 yi are one character apart too, not alike
    assert fix.fixes("低宝") == ["低保"]
    assert fix.fixes("底宝") == []  # two characters apart


def test_a_sound_dialects_do_not_tell_apart_is_read_when_none_sounds_the_same():
    fix = sounds({"改造": 5, "申领": 2, "城镇": 1, "城征": 9})
    assert fix.fixes("改照") == ["改造"]  # zhao ~ zao (平翘舌)
    assert fix.fixes("申林") == ["申领"]  # lin ~ ling (前后鼻音)
    assert fix.fixes("城针") == ["城镇"]  # zhen: the same sound before zheng, however often 城征 is used


def test_a_slip_of_another_sound_is_not_read():
    fix = sounds({"租赁": 4, "援助": 3, "低保": 9})
    assert fix.fixes("租凭") == []  # ping, lin: a shape slip, left to longer stretches (query.corrections)
    assert fix.fixes("缓助") == []  # huan, yuan
    assert fix.fixes("低饱") == ["低保"] and fix.fixes("低跑") == []  # bao, pao


def test_only_words_the_site_holds_are_fixes_the_most_used_first():
    assert sounds({"低保": 0}).fixes("底保") == []
    fix = sounds({"城镇": 2, "城阵": 7, "城震": 7, "城振": 1})
    assert fix.fixes("城针") == ["城阵", "城震", "城镇"]  # zhen, all three: by use, then code point


def test_where_no_word_sounds_like_it_the_one_word_a_window_over_it_becomes():
    fix = sounds({"医疗机构": 5, "医疗": 9, "低保户": 3, "低保金": 3, "低保标准": 2, "身份证": 2, "身体": 4})
    assert fix.fixes("医疔") == []  # 疗 for 疔 is a shape slip: alone, not read
    assert fix.fixes("医疔", "医疔机构名录") == ["医疗机构"]
    assert fix.fixes("标淮", "2026年低保标淮") == ["低保标准"]  # the longer window: 低保标 is 低保户 or 低保金
    assert fix.fixes("身分", "身分证补办") == ["身份证"]


def test_a_window_that_fits_two_words_or_changes_another_word_is_not_read():
    assert sounds({"医疗机构": 5, "医保机构": 3}).fixes("医疔", "医疔机构") == []  # 疔 is neither: no guess
    assert sounds({"低保标准": 5}).fixes("标淮", "底保标淮") == []  # the change would fall on 底, not on 标淮
    same = sounds({"身份证": 1, "身体证": 9})  # 份 sounds as 分; 体 does not
    assert same.fixes("身分", "身分证") == ["身份证"]
    # a window holding only part of the piece says nothing of it: 石桥上 is not 石桥县
    assert sounds({"石桥县": 5}).fixes("上学", "在石桥上学") == []
    # a shape slip needs four characters around it: 医疔局 is too little to read 医疗局
    assert sounds({"医疗局": 5}).fixes("医疔", "医疔局") == []


def test_only_chinese_words_of_two_characters_or_more():
    fix = sounds({"低保": 9, "低保2": 9})
    assert fix.fixes("底") == [] and fix.fixes("底保2") == [] and fix.fixes("dibao") == []


def test_fuzzy_merges_the_input_methods_pairs_only():
    assert [slips.fuzzy(r) for r in ("zhao", "chi", "shi", "ling", "ning", "feng", "hang", "ri")] == [
        "zao", "ci", "si", "lin", "lin", "fen", "fan", "li"]
    assert slips.fuzzy("bao") == "bao" and slips.fuzzy("pao") == "pao" and slips.fuzzy("zong") == "zong"


def test_the_table_holds_gb2312_once_each_under_its_usual_reading():
    groups = dict(g.split(" ") for g in sounds_data()["readings"].split(","))
    chars = "".join(groups.values())
    assert len(chars) == len(set(chars)) == 6763 == len(slips.gb2312_characters())
    assert "底" in groups["di"] and "低" in groups["di"] and "保" in groups["bao"]


# --- in a search ---------------------------------------------------------------------------

@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = write_site(tmp_path_factory.mktemp("slips"))
    result = pipeline.build(root, root / "public")
    assert result.report.ok
    return root / "public"


def test_a_slip_beside_words_that_are_found_is_searched_as_the_word_it_sounds_like(site):
    result = search.query(site, "底保资金")
    assert result.hits[0].id.endswith("short") and result.hits[0].via  # 2025年低保资金发放情况公示
    assert result.missing == ("底保",) and result.fixed == ("低保",)
    assert result.suggestions[0] == "低保资金"  # offered too, the word of the same sound first
    assert search.query(site, "资金").fixed == ()


def test_a_shape_slip_is_read_through_the_words_typed_with_it(site):
    result = search.query(site, "医疔保险缴费")
    assert result.hits[0].id.endswith("jiaofei") and result.fixed == ("医疗保险",)


def test_a_query_that_is_all_a_slip_is_searched_as_its_sound_and_says_so(site):
    result = search.query(site, "底保")
    assert {"short", "formal"} <= {h.id.split("/")[-1] for h in result.hits}
    assert result.missing == ("底保",) and result.fixed == ("低保",) and result.suggestions[0] == "低保"
    assert all(h.via for h in result.hits)  # each hit says through which word it was found
    far = search.query(site, "底宝")  # two characters from 低保: nothing is guessed
    assert far.total == 0 and far.fixed == () and far.missing == ("底宝",)


def test_a_quoted_slip_stays_exact(site):
    result = search.query(site, '"底保" 资金')
    assert result.total == 0 and result.fixed == ()


def test_the_cli_says_what_it_searched_for_instead(site, run_cli):
    code, out, _ = run_cli("search", str(site), "底保资金")
    assert code == 0 and "no page holds 底保: searched for what it may be a slip of: 低保" in out


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("底低保宝饱跑城镇针征阵改照造租凭赁ab1 ")), max_size=6))
def test_any_text_gives_fixes_of_its_length_one_character_apart(text):
    fix = sounds({"低保": 9, "城镇": 2, "城征": 3, "改造": 1, "租赁": 4})
    for word in fix.fixes(text):
        assert len(word) == len(text) and sum(a != b for a, b in zip(word, text)) == 1
