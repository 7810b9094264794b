"""The reader against a gallery of real-world workbook shapes (tests/catalogue_shapes.py):
every item, field by field."""
from __future__ import annotations

import dataclasses

import pytest

from catalogue_shapes import ORGS, SHAPES, TOWNSHIPS, DEPARTMENTS
from gwsite.catalogue import parse_channels, read_catalogues, resolve_subject
from gwsite.domains import DomainTable


def test_the_gallery_covers_enough_shapes():
    assert len(SHAPES) >= 12


def _fields(item):
    """Every field but ``cells`` (element positions, checked on their own below)."""
    return {k: v for k, v in dataclasses.asdict(item).items() if k != "cells"}


def test_each_element_knows_its_cell(tmp_path):
    from sites import SHJZ_ROWS, write_catalogue

    (tmp_path / "catalogues").mkdir()
    write_catalogue(tmp_path / "catalogues" / "a.xlsx", "测试区社会救助领域基层政务公开标准目录", SHJZ_ROWS)
    items, _ = read_catalogues(tmp_path, ORGS, DomainTable())
    second = items[1]  # row 5; its 一级事项 is merged from row 4
    assert str(second.location_of("deadline")) == "catalogues/a.xlsx!Sheet1!F5"
    assert str(second.location_of("channels")) == "catalogues/a.xlsx!Sheet1!H5"
    assert str(second.location_of("audience")) == "catalogues/a.xlsx!Sheet1!I5"
    assert str(second.location_of("levels")) == "catalogues/a.xlsx!Sheet1!M5"
    assert str(second.location_of("level3")) == "catalogues/a.xlsx!Sheet1!A5"  # no such column: the row


@pytest.mark.parametrize("name", sorted(SHAPES))
def test_shape(tmp_path, name):
    want_items, want_problems = SHAPES[name](tmp_path)
    items, problems = read_catalogues(tmp_path, ORGS, DomainTable())
    assert [str(p) for p in problems] == want_problems
    # Field by field first, so that a failure names the row and the field.
    assert len(items) == len(want_items), [i.source for i in items]
    for got, want in zip(items, want_items):
        assert _fields(got) == _fields(want), str(want.source)
    assert items == tuple(want_items)


def test_shapes_together_keep_domain_then_file_order(tmp_path):
    wanted = []
    for name in ("two_townships", "many_domains", "domain_sources"):
        wanted += SHAPES[name](tmp_path)[0]
    items, problems = read_catalogues(tmp_path, ORGS, DomainTable())
    assert problems == []
    order = {n: i for i, n in enumerate(DomainTable().names())}
    expected = sorted(wanted, key=lambda i: (order[i.domain], i.source.path))
    assert [(i.domain, i.source.path, i.source.sheet, i.source.cell) for i in items] == \
        [(i.domain, i.source.path, i.source.sheet, i.source.cell) for i in expected]


def test_no_folder_means_no_items(tmp_path):
    assert read_catalogues(tmp_path, ORGS, DomainTable()) == ((), [])


def test_another_folder_name(tmp_path):
    want, _ = SHAPES["state_council"](tmp_path)
    (tmp_path / "catalogues").rename(tmp_path / "upstream")
    items, problems = read_catalogues(tmp_path, ORGS, DomainTable(), folder="upstream")
    assert problems == []
    assert [i.source.path for i in items] == ["upstream/shjz.xlsx"] * len(want)


@pytest.mark.parametrize("text, ids, rest", [
    ("区民政局", ("mzj",), []),
    ("江津区民政局", ("mzj",), []),
    ("重庆市江津区民政局", ("mzj",), []),
    ("民政局", ("mzj",), []),
    (" 区 民政局 ", ("mzj",), []),
    ("区民政局、区财政局", ("mzj", "czj"), []),
    ("区民政局，各镇人民政府（街道办事处）", ("mzj", *TOWNSHIPS), []),
    ("各镇（街道）", TOWNSHIPS, []),
    ("各镇街", TOWNSHIPS, []),
    ("各乡镇（街道）", TOWNSHIPS, []),
    ("各乡（镇、街道）", TOWNSHIPS, []),
    ("各街道办事处", TOWNSHIPS, []),
    ("各镇人民政府、街道办事处", TOWNSHIPS, []),
    ("区级各部门", DEPARTMENTS, []),
    ("区级有关部门", DEPARTMENTS, []),
    ("各相关部门", DEPARTMENTS, []),
    ("相关审批部门", (), ["相关审批部门"]),
    ("区民政局；相关审批部门", ("mzj",), ["相关审批部门"]),
    ("区民政局/区财政局\n石门镇人民政府", ("mzj", "czj", "sm"), []),
    ("区民政局 各镇街", ("mzj", *TOWNSHIPS), []),
    ("区民政局和区财政局", ("mzj", "czj"), []),
    ("区人力资源和社会保障局", ("rsj",), []),
    ("区公安局", (), ["区公安局"]),
    ("", (), []),
    # An office in brackets, a part in the work, 政府 for 人民政府
    ("区民政局（社会救助科）", ("mzj",), []),
    ("区民政局牵头，各镇（街道）配合", ("mzj", *TOWNSHIPS), []),
    ("石门镇政府", ("sm",), []),
    ("区公安局（治安科）", (), ["区公安局（治安科）"]),
])
def test_resolve_subject(text, ids, rest):
    assert resolve_subject(text, ORGS) == (ids, rest)


def test_a_suffix_two_orgs_share_names_neither():
    from gwsite.model import Org
    orgs = (Org("a", "甲区民政局", "department"), Org("b", "乙县民政局", "department"))
    assert resolve_subject("民政局", orgs) == ((), ["民政局"])
    assert resolve_subject("乙县民政局", orgs) == (("b",), [])


@pytest.mark.parametrize("text, chosen", [
    ("■政府网站 □政府公报", ("政府网站",)),
    ("□政府网站 口政府公报", ()),
    ("R政府网站£政府公报t两微一端", ("政府网站", "政府公报", "两微一端")),
    ("政府网站；政务微博", ("政府网站", "政务微博")),
    ("政府网站 政务微博", ("政府网站", "政务微博")),
    ("社区/企事业单位/村公示栏（电子屏）", ("社区/企事业单位/村公示栏（电子屏）",)),
    ("发布会/听证会/政府网站", ("发布会/听证会", "政府网站")),
    ("■其他（ ）", ("其他",)),
    ("", ()),
])
def test_parse_channels(text, chosen):
    assert parse_channels(text) == chosen


def test_a_workbook_whose_only_catalogue_is_hidden_says_so(tmp_path):
    from catalogue_shapes import save, sheet, write_catalogue

    def build(wb):
        sheet(wb, "填表说明")["A1"] = "请按模板填写，公开对象打√。"
        old = wb.create_sheet("社会救助(旧版2020)")
        write_catalogue(old)
        old.sheet_state = "hidden"
    save(tmp_path, "catalogues/old.xlsx", build)
    items, problems = read_catalogues(tmp_path, ORGS, DomainTable())
    assert items == ()
    assert [str(p) for p in problems] == [
        "catalogues/old.xlsx!社会救助(旧版2020): warning: no visible sheet holds a catalogue table; "
        "the one on hidden sheet '社会救助(旧版2020)' is not read (unhide the sheet in Excel or WPS "
        "if it is the current catalogue, or remove the workbook if it is not)",
    ]


def test_a_lone_name_over_rows_without_one_is_still_their_一级事项(tmp_path):
    """Not a section heading: some tables write the 一级事项 on a row of its own above its
    二级事项 rows (no 序号 column, so the name sits in the first column)."""
    from catalogue_shapes import put, save, sheet

    def build(wb):
        ws = sheet(wb, "社会救助")
        put(ws, 1, 1, ["一级事项", "二级事项", "公开内容", "公开依据", "公开时限", "公开主体"])
        ws["A2"] = "特困人员救助供养"
        put(ws, 3, 1, [None, "特困人员认定", "认定条件", "《办法》", "及时", "区民政局"])
        put(ws, 4, 1, ["同上", "终止供养", "终止情形", "《办法》", "及时", "区民政局"])
    save(tmp_path, "catalogues/a.xlsx", build)
    items, problems = read_catalogues(tmp_path, ORGS, DomainTable())
    assert problems == []
    assert [(i.level1, i.level2, i.source.cell) for i in items if i.content] == [
        ("特困人员救助供养", "特困人员认定", "A3"), ("特困人员救助供养", "终止供养", "A4")]


@pytest.mark.parametrize("text, chosen", [
    ("☑\ufe0f政府网站 □政府公报 ✔\ufe0f两微一端", ("政府网站", "两微一端")),
    ("■政府网站 ✕政府公报 ✖两微一端 ✖\ufe0f发布会/听证会 ❌其他", ("政府网站",)),
    ("✕政府网站、✔\ufe0e政府公报", ("政府公报",)),
])
def test_emoji_and_cross_marks_in_channels(text, chosen):
    assert parse_channels(text) == chosen


def test_items_that_share_merged_elements_are_each_read_without_a_serial_column(tmp_path):
    """行政许可 items differing only by name, every other element merged down over them: a
    row holding only its name is an item, not a section heading."""
    from catalogue_shapes import merge, put, save, sheet

    def build(wb):
        ws = sheet(wb, "社会救助")
        put(ws, 1, 1, ["一级事项", "公开内容（要素）", "公开依据", "公开时限", "公开主体", "公开渠道和载体",
                       "公开对象", "公开方式", "公开层级"])
        put(ws, 2, 1, ["养老机构设立许可", "办事指南、许可结果", "《行政许可法》", "作出决定之日起7个工作日内",
                       "区民政局", "■政府网站", "全社会", "主动", "县级"])
        put(ws, 3, 1, ["养老机构变更许可"])
        put(ws, 4, 1, ["养老机构注销许可"])
        for c in range(2, 10):
            merge(ws, 2, c, 4, c)
        put(ws, 5, 1, ["最低生活保障", "条件", "《办法》", "及时", "区民政局", "■政府网站", "全社会", "主动", "县级"])
    save(tmp_path, "catalogues/a.xlsx", build)
    items, problems = read_catalogues(tmp_path, ORGS, DomainTable())
    assert problems == []
    assert [(i.level1, i.basis, i.source.cell) for i in items] == [
        ("养老机构设立许可", "《行政许可法》", "A2"), ("养老机构变更许可", "《行政许可法》", "A3"),
        ("养老机构注销许可", "《行政许可法》", "A4"), ("最低生活保障", "《办法》", "A5")]


def test_tables_stacked_on_one_sheet_keep_their_own_domains(tmp_path):
    from catalogue_shapes import merge, put, save, sheet
    head = ["序号", "一级事项", "二级事项", "公开内容（要素）", "公开依据", "公开时限", "公开主体", "公开渠道和载体",
            "公开对象", "公开方式", "公开层级"]

    def build(wb):
        ws = sheet(wb, "Sheet1")
        for top, title, rows in [(1, "测试区社会救助领域基层政务公开标准目录", [["最低生活保障", "办事指南"]]),
                                 (5, "测试区养老服务领域基层政务公开标准目录", [["养老机构", "设立许可"], ["高龄津贴", "发放"]])]:
            ws.cell(top, 1, title)
            merge(ws, top, 1, top, len(head))
            put(ws, top + 1, 1, head)
            for k, (level1, level2) in enumerate(rows, start=1):
                put(ws, top + 1 + k, 1, [k, level1, level2, "内容", "《办法》", "及时", "区民政局", "■政府网站",
                                         "全社会", "主动", "县级"])
    save(tmp_path, "catalogues/a.xlsx", build)
    items, problems = read_catalogues(tmp_path, ORGS, DomainTable())
    assert problems == []
    assert [(i.domain, i.level1, i.source.cell) for i in items] == [
        ("社会救助", "最低生活保障", "A3"), ("养老服务", "养老机构", "A7"), ("养老服务", "高龄津贴", "A8")]


@pytest.mark.parametrize("text, values", [
    ("县乡两级", ("县级", "乡级")), ("县、乡", ("县级", "乡级")), ("区、镇（街道）两级", ("县级", "乡级")),
    ("县（区）、乡（镇）", ("县级", "乡级")), ("市、县、乡", ("市级", "县级", "乡级")), ("区县", ("县级",)),
    ("乡镇", ("乡级",)), ("区级和镇街级", ("县级", "乡级")),
])
def test_levels_written_short_are_read(text, values):
    from gwsite.catalogue import LEVELS, _group_values, _ordered
    got, understood = _group_values(text, LEVELS, None)
    assert understood and _ordered(LEVELS, got) == values


@pytest.mark.parametrize("text, value", [
    ("不特定对象", "全社会"), ("公众", "全社会"), ("社会公众", "全社会"), ("特定对象", "特定群体"),
    ("特定人群", "特定群体"), ("申请人", "特定群体")])
def test_audience_words(text, value):
    from gwsite.catalogue import AUDIENCE, _group_values
    assert _group_values(text, AUDIENCE, None) == ({value}, True)


def test_a_row_numbering_the_columns_is_no_item_and_xlsm_is_read(tmp_path):
    from catalogue_shapes import put, save, sheet

    def build(wb):
        ws = sheet(wb, "社会救助")
        put(ws, 1, 1, ["序号", "一级事项", "二级事项", "公开内容（要素）", "公开依据", "公开时限", "公开主体", "公开渠道和载体"])
        put(ws, 2, 1, ["①", "②", "③", "④", "⑤", "⑥", "⑦", "⑧"])
        put(ws, 3, 1, ["1", "临时救助", "申请", "条件", "《办法》", "及时", "区民政局", "■政府网站"])
    save(tmp_path, "catalogues/宏模板.xlsm", build)
    items, problems = read_catalogues(tmp_path, ORGS, DomainTable())
    assert problems == [] and [(i.level1, i.source.cell) for i in items] == [("临时救助", "A3")]


def test_header_labels_with_a_remark_in_brackets_are_read(tmp_path):
    from catalogue_shapes import put, save, sheet

    def build(wb):
        ws = sheet(wb, "社会救助")
        put(ws, 1, 1, ["序号", "公开事项名称", "公开内容", "公开依据（政策文件）", "公开时限（时间）",
                       "公开主体（责任单位）", "公开渠道", "公开载体"])
        put(ws, 2, 1, ["1", "临时救助", "条件", "《办法》", "及时", "区民政局", "■政府网站", "公示栏、纸质媒体"])
    save(tmp_path, "catalogues/a.xlsx", build)
    items, problems = read_catalogues(tmp_path, ORGS, DomainTable())
    assert problems == []
    assert [(i.level1, i.basis, i.deadline, i.subject) for i in items] == [("临时救助", "《办法》", "及时", "区民政局")]
    assert items[0].channels == ("政府网站", "公示栏", "纸质媒体")  # 公开渠道 and 公开载体 read together


def test_on_a_township_s_own_sheet_its_own_words_name_it(tmp_path):
    from catalogue_shapes import put, save, sheet
    head = ["序号", "一级事项", "二级事项", "公开内容（要素）", "公开依据", "公开时限", "公开主体", "公开渠道和载体"]

    def build(wb):
        ws = sheet(wb, "石门镇")
        put(ws, 1, 1, head)
        for k, subject in enumerate(["镇人民政府", "本镇", "镇社会事务办", "区民政局、镇政府"], start=2):
            put(ws, k, 1, [k - 1, "临时救助", f"事项{k}", "名单", "《办法》", "及时", subject, "■政府网站"])
        other = wb.create_sheet("社会救助")  # not a township's sheet: the same words name no one
        put(other, 1, 1, head)
        put(other, 2, 1, [1, "临时救助", "审批", "名单", "《办法》", "及时", "镇人民政府", "■政府网站"])
    save(tmp_path, "catalogues/社会救助.xlsx", build)
    items, problems = read_catalogues(tmp_path, ORGS, DomainTable())
    assert [i.subject_orgs for i in items] == [("sm",), ("sm",), ("sm",), ("mzj", "sm"), ()]
    assert [str(p) for p in problems] == [
        "catalogues/社会救助.xlsx!社会救助!G2: warning: 公开主体 '镇人民政府' matches no organisation in site.yaml "
        "(add it as an alias of an org)"]


def test_cells_are_read_as_they_are_shown(tmp_path):
    """A 公开时限 typed as 3月31日 is a date formatted 'm"月"d"日"'; a share typed as 5% is 0.05."""
    import datetime
    from catalogue_shapes import put, save, sheet

    def build(wb):
        ws = sheet(wb, "社会救助")
        put(ws, 1, 1, ["序号", "一级事项", "二级事项", "公开内容（要素）", "公开依据", "公开时限", "公开主体", "公开渠道和载体"])
        put(ws, 2, 1, ["1", "临时救助", "年度报告", "比例不低于", "《办法》", datetime.date(2024, 3, 31), "区民政局", "■政府网站"])
        ws["F2"].number_format = 'm"月"d"日"'
        put(ws, 3, 1, ["2", "临时救助", "资金", 0.05, "《办法》", datetime.datetime(2025, 1, 31), "区民政局", "■政府网站"])
        ws["D3"].number_format = "0%"
        ws["F3"].number_format = 'yyyy"年"m"月"d"日"'
        put(ws, 4, 1, ["3", "临时救助", "结果", "结果", "《办法》", datetime.date(2025, 6, 30), "区民政局", "■政府网站"])
    save(tmp_path, "catalogues/a.xlsx", build)
    items, _ = read_catalogues(tmp_path, ORGS, DomainTable())
    assert [(i.content, i.deadline) for i in items] == [
        ("比例不低于", "3月31日"), ("5%", "2025年1月31日"), ("结果", "2025-06-30")]


def test_a_cell_showing_a_spreadsheet_error_is_named(tmp_path):
    from catalogue_shapes import put, save, sheet

    def build(wb):
        ws = sheet(wb, "社会救助")
        put(ws, 1, 1, ["序号", "一级事项", "二级事项", "公开内容（要素）", "公开依据", "公开时限", "公开主体", "公开渠道和载体"])
        put(ws, 2, 1, ["1", "临时救助", "#REF!", "条件", "《办法》", "及时", "区民政局", "■政府网站"])
    save(tmp_path, "catalogues/a.xlsx", build)
    items, problems = read_catalogues(tmp_path, ORGS, DomainTable())
    assert [(i.level1, i.level2) for i in items] == [("临时救助", "")]
    assert [str(p) for p in problems] == [
        "catalogues/a.xlsx!社会救助!C2: warning: the cell shows the spreadsheet error #REF!: its value is lost "
        "(fix the formula, or type the value in the cell)"]
