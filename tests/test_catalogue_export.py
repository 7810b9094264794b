"""data/catalogue.json, the CSV and the normalised workbook."""
from __future__ import annotations

import csv
import dataclasses
import io
import json
import time
import zipfile

import openpyxl

from catalogue_shapes import ORGS, SHAPES
from gwsite.catalogue import read_catalogues
from gwsite.catalogue_export import CSV_HEADER, catalogue_csv, catalogue_json, catalogue_xlsx
from gwsite.diagnostics import Location
from gwsite.domains import DomainTable
from gwsite.model import CatalogueItem

ITEM_KEYS = ["level1", "level2", "level3", "content", "basis", "deadline", "subject",
             "subject_orgs", "channels", "audience", "mode", "levels", "source"]

A = CatalogueItem(
    domain="社会救助", level1="最低生活保障", level2="低保申请", content="申请条件\n申请材料",
    basis="《社会救助暂行办法》", deadline="20个工作日内", subject="区民政局、各镇街",
    subject_orgs=("mzj", "jj", "sm"), channels=("政府网站", "社区/企事业单位/村公示栏（电子屏）"),
    audience=("全社会",), mode=("主动", "依申请"), levels=("县级", "乡级"), serial="0505",
    source=Location("catalogues/a.xlsx", sheet="Sheet1", cell="A5"))
B = dataclasses.replace(A, level2="低保审核", content="审核结果, \"公示\"", subject="区民政局",
                        subject_orgs=("mzj",), channels=(), audience=("特定群体",), mode=("主动",),
                        levels=("乡级",), serial="2", source=Location("catalogues/a.xlsx", sheet="Sheet1", cell="A6"))
C = dataclasses.replace(A, domain="义务教育", level1="招生入学", level2="招生政策", level3="划片范围",
                        subject="区教委", subject_orgs=("jw",), levels=("市级", "县级", "村级"), serial="1",
                        source=Location("catalogues/b.xlsx", sheet="义务教育", cell="B4"))
ITEMS = (C, A, B)  # 义务教育 comes before 社会救助 in the table


def test_json_has_the_contract_shape():
    data = catalogue_json(ITEMS, DomainTable())
    assert list(data) == ["domains"]
    assert [d["name"] for d in data["domains"]] == ["义务教育", "社会救助"]
    assert all(list(d) == ["name", "items"] for d in data["domains"])
    assert [list(i) for d in data["domains"] for i in d["items"]] == [ITEM_KEYS] * 3
    assert data["domains"][1]["items"][0] == {
        "level1": "最低生活保障", "level2": "低保申请", "level3": "", "content": "申请条件\n申请材料",
        "basis": "《社会救助暂行办法》", "deadline": "20个工作日内", "subject": "区民政局、各镇街",
        "subject_orgs": ["mzj", "jj", "sm"],
        "channels": ["政府网站", "社区/企事业单位/村公示栏（电子屏）"], "audience": ["全社会"],
        "mode": ["主动", "依申请"], "levels": ["县级", "乡级"], "source": "catalogues/a.xlsx!Sheet1!A5",
    }
    assert data["domains"][1]["items"][1]["level2"] == "低保审核"
    assert json.loads(json.dumps(data, ensure_ascii=False)) == data


def test_json_lists_only_domains_with_items():
    assert catalogue_json((), DomainTable()) == {"domains": []}
    assert [d["name"] for d in catalogue_json((A,), DomainTable())["domains"]] == ["社会救助"]


def test_csv_has_a_bom_a_chinese_header_and_round_trips():
    data = catalogue_csv(ITEMS)
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert rows[0] == list(CSV_HEADER) == [
        "领域", "序号", "一级事项", "二级事项", "三级事项", "公开内容（要素）", "公开依据", "公开时限",
        "公开主体", "公开渠道和载体", "公开对象", "公开方式", "公开层级"]
    assert rows[2] == ["社会救助", "0505", "最低生活保障", "低保申请", "", "申请条件\n申请材料",
                       "《社会救助暂行办法》", "20个工作日内", "区民政局、各镇街",
                       "政府网站、社区/企事业单位/村公示栏（电子屏）", "全社会", "主动、依申请", "县级、乡级"]
    assert rows[3][5] == "审核结果, \"公示\""
    assert len(rows) == 4
    assert catalogue_csv(ITEMS) == data


def test_xlsx_bytes_are_the_same_on_every_call():
    first = catalogue_xlsx(ITEMS, "示例区基层政务公开标准目录")
    time.sleep(1.1)  # a second later: no timestamp may leak in
    assert catalogue_xlsx(ITEMS, "示例区基层政务公开标准目录") == first
    with zipfile.ZipFile(io.BytesIO(first)) as z:
        infos = z.infolist()
        assert [i.filename for i in infos] == sorted(i.filename for i in infos)
        assert {i.date_time for i in infos} == {(2000, 1, 1, 0, 0, 0)}
        assert b"2000-01-01T00:00:00Z" in z.read("docProps/core.xml")


def test_xlsx_is_readable_with_a_title_row_and_one_sheet_per_domain():
    wb = openpyxl.load_workbook(io.BytesIO(catalogue_xlsx(ITEMS, "示例区基层政务公开标准目录")))
    assert wb.sheetnames == ["义务教育", "社会救助"]
    ws = wb["社会救助"]
    assert ws["A1"].value == "示例区基层政务公开标准目录（社会救助）"
    assert [c.value for c in ws[2]][:9] == ["序号", "公开事项", None, "公开内容（要素）", "公开依据",
                                            "公开时限", "公开主体", "公开渠道和载体", "公开对象"]
    assert ws["A4"].value == "0505" and ws["A4"].data_type == "s"
    assert "B4:B5" in {str(r) for r in ws.merged_cells.ranges}  # one 一级事项 over two rows


def test_xlsx_reads_back_as_the_same_items(tmp_path):
    site = tmp_path / "site"
    (site / "catalogues").mkdir(parents=True)
    (site / "catalogues/out.xlsx").write_bytes(catalogue_xlsx(ITEMS, "示例区基层政务公开标准目录"))
    items, problems = read_catalogues(site, ORGS, DomainTable())
    assert problems == []
    assert [dataclasses.replace(i, source=None) for i in items] == \
        [dataclasses.replace(i, source=None) for i in ITEMS]


def test_a_read_catalogue_survives_export_and_reading_back(tmp_path):
    src = tmp_path / "src"
    want, _ = SHAPES["level_columns"](src)
    more, _ = SHAPES["state_council"](src)
    items, problems = read_catalogues(src, ORGS, DomainTable())
    assert problems == [] and len(items) == len(want) + len(more)
    out = tmp_path / "out"
    (out / "catalogues").mkdir(parents=True)
    (out / "catalogues/all.xlsx").write_bytes(catalogue_xlsx(items, "示例区基层政务公开标准目录"))
    again, problems = read_catalogues(out, ORGS, DomainTable())
    assert problems == []
    assert [dataclasses.replace(i, source=None) for i in again] == \
        [dataclasses.replace(i, source=None) for i in items]


def test_empty_xlsx_is_still_a_workbook():
    wb = openpyxl.load_workbook(io.BytesIO(catalogue_xlsx((), "目录")))
    assert wb.sheetnames == ["目录"]


def test_xlsx_parts_are_well_formed_and_cells_keep_their_look():
    from xml.etree import ElementTree
    data = catalogue_xlsx(ITEMS, "示例区基层政务公开标准目录")
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        for name in z.namelist():
            if name.endswith((".xml", ".rels")):
                ElementTree.fromstring(z.read(name))  # raises on malformed XML
        sheet = ElementTree.fromstring(z.read("xl/worksheets/sheet2.xml"))
    look = {c.get("r"): c.get("s") for c in sheet.iter("{http://schemas.openxmlformats.org/spreadsheetml/2006/main}c")}
    # Cells a merge covers keep the look of the cell that holds the value (openpyxl, which
    # reads them as empty MergedCells, cannot tell).
    assert look["A3"] == look["C2"] == look["B2"] and look["B5"] == look["B4"] != look["A1"]
    ws = openpyxl.load_workbook(io.BytesIO(data))["社会救助"]
    assert ws.freeze_panes == "A4"
    assert ws.row_dimensions[1].height == 30
    assert ws.column_dimensions["D"].width == 36  # 公开内容（要素）
    assert ws["A1"].font.b and ws["A1"].font.sz == 14 and ws["A1"].alignment.horizontal == "center"
    for ref in ("A2", "B2", "C3"):  # header cells: bold, centred, framed
        assert ws[ref].font.b and ws[ref].alignment.horizontal == "center"
        assert {ws[ref].border.left.style, ws[ref].border.bottom.style} == {"thin"}
    assert ws["B5"].value is None  # the second row of a merged 一级事项
    assert ws["D4"].alignment.wrap_text and ws["D4"].alignment.vertical == "center"
    assert ws["H4"].value == "■政府网站\n■社区/企事业单位/村公示栏（电子屏）"
    assert [ws.cell(4, j).value for j in range(9, 15)] == ["√", None, "√", "√", "√", "√"]  # 全社会 … 乡级


def test_xlsx_holds_markup_characters_and_drops_what_xml_cannot_hold():
    odd = dataclasses.replace(A, content=" <b>低保</b> & \"公示\" \x07\n", basis="第1条\x0b第2条")
    ws = openpyxl.load_workbook(io.BytesIO(catalogue_xlsx([odd], "目录 <&>")))["社会救助"]
    assert ws["A1"].value == "目录 <&>（社会救助）"
    assert ws["D4"].value == " <b>低保</b> & \"公示\" \n"  # spaces and line ends kept
    assert ws["E4"].value == "第1条第2条"


def test_sheet_titles_stay_within_excel_s_rules():
    from gwsite.catalogue_export import _sheet_title
    used: set[str] = set()
    long = "某某市某某区某某街道办事处基层政务公开标准目录（二〇二五年修订版）附表"
    titles = [_sheet_title(long, used) for _ in range(12)] + [_sheet_title(n, used) for n in ("Sheet", "sheet", "a/b?")]
    assert all(len(t) <= 31 for t in titles)
    assert len({t.casefold() for t in titles}) == len(titles)  # Excel compares names regardless of case
    assert titles[11].endswith("(12)") and titles[-2] == "sheet(2)" and titles[-1] == "a_b_"
