"""What the reader says about workbooks it cannot use: each case with its exact message."""
from __future__ import annotations

import io
import zipfile

import pytest
from openpyxl import Workbook

from catalogue_shapes import ORGS, ROWS, Layout, put, save, sheet, write_catalogue
from gwsite.catalogue import read_catalogues
from gwsite.diagnostics import Severity
from gwsite.domains import Domain, DomainTable

HEADER = ["序号", "一级事项", "二级事项", "公开内容（要素）", "公开依据", "公开时限", "公开主体",
          "公开渠道和载体"]
ROW = ["1", "临时救助", "申请", "条件", "《办法》", "及时", "区民政局", "■政府网站"]


def read(root, domains=DomainTable()):
    items, problems = read_catalogues(root, ORGS, domains)
    return items, [str(p) for p in problems]


def test_missing_required_column_at_the_header_rows_first_cell(tmp_path):
    def build(wb):
        ws = sheet(wb, "社会救助")
        ws["B1"] = "社会救助领域基层政务公开标准目录"
        put(ws, 3, 2, [h for h in HEADER if h != "公开依据"])
        put(ws, 4, 2, [v for h, v in zip(HEADER, ROW) if h != "公开依据"])
    save(tmp_path, "catalogues/a.xlsx", build)
    items, problems = read(tmp_path)
    assert items == ()
    assert problems == [
        "catalogues/a.xlsx!社会救助!B3: the catalogue table has no '公开依据' column "
        "(add a column headed '公开依据' to the header row, or correct its label)",
    ]


def test_every_missing_required_column_is_named(tmp_path):
    def build(wb):
        ws = sheet(wb, "社会救助")
        put(ws, 1, 1, ["序号", "二级事项", "公开内容（要素）", "公开渠道和载体", "公开对象"])
    save(tmp_path, "catalogues/a.xlsx", build)
    assert read(tmp_path)[1] == [
        "catalogues/a.xlsx!社会救助!A1: the catalogue table has no '一级事项' (or '公开事项') column "
        "(add a column headed '一级事项' to the header row, or correct its label)",
        "catalogues/a.xlsx!社会救助!A1: the catalogue table has no '公开主体' column "
        "(add a column headed '公开主体' to the header row, or correct its label)",
        "catalogues/a.xlsx!社会救助!A1: the catalogue table has no '公开依据' column "
        "(add a column headed '公开依据' to the header row, or correct its label)",
        "catalogues/a.xlsx!社会救助!A1: the catalogue table has no '公开时限' column "
        "(add a column headed '公开时限' to the header row, or correct its label)",
    ]


def test_a_row_without_an_item_name(tmp_path):
    def build(wb):
        ws = sheet(wb, "社会救助")
        put(ws, 2, 3, HEADER)
        put(ws, 3, 3, ["1", None, "申请", "条件", "《办法》", "及时", "区民政局"])
        put(ws, 4, 3, ROW)
        put(ws, 5, 3, ["3", None, None, "材料", "《办法》", "及时", "区民政局"])  # carried: fine
    save(tmp_path, "catalogues/a.xlsx", build)
    items, problems = read(tmp_path)
    assert problems == [
        "catalogues/a.xlsx!社会救助!D3: this row has no '一级事项' and there is no item above it "
        "to carry down (write the item's name in its 一级事项 cell)",
    ]
    assert [(i.serial, i.level1, i.level2, i.content) for i in items] == [
        ("1", "临时救助", "申请", "条件"), ("3", "临时救助", "申请", "材料")]


def test_同上_in_the_first_row_has_nothing_to_copy(tmp_path):
    def build(wb):
        ws = sheet(wb, "社会救助")
        put(ws, 1, 1, HEADER)
        put(ws, 2, 1, ["1", "同上", "申请", "条件", "《办法》", "同上", "区民政局"])
    save(tmp_path, "catalogues/a.xlsx", build)
    items, problems = read(tmp_path)
    assert items == ()
    assert problems == [
        "catalogues/a.xlsx!社会救助!B2: this row has no '一级事项' and there is no item above it "
        "to carry down (write the item's name in its 一级事项 cell)",
    ]


def test_unknown_domain_at_the_title_cell_with_did_you_mean(tmp_path):
    save(tmp_path, "catalogues/x.xlsx", lambda wb: write_catalogue(
        sheet(wb, "Sheet1"), layout=Layout(origin=(2, 2), title="示例区社会求助领域基层政务公开标准目录")))
    items, problems = read(tmp_path)
    assert items == ()
    assert problems == [
        "catalogues/x.xlsx!Sheet1!B2: no domain is named in the title '示例区社会求助领域基层政务公开标准目录', "
        "sheet name 'Sheet1' or file name 'x.xlsx'; did you mean '社会救助'? "
        "(put the domain's name in the title or the sheet name, or add the domain under domains: in site.yaml)",
    ]


def test_unknown_domain_without_a_title_at_a1(tmp_path):
    save(tmp_path, "catalogues/目录.xlsx", lambda wb: write_catalogue(
        sheet(wb, "Sheet1"), layout=Layout(origin=(3, 2), title=None)))
    assert read(tmp_path)[1] == [
        "catalogues/目录.xlsx!Sheet1!A1: no domain is named in the sheet name 'Sheet1' or file name '目录.xlsx' "
        "(put the domain's name in the title or the sheet name, or add the domain under domains: in site.yaml)",
    ]


def test_unknown_domain_from_the_sheet_name_is_suggested(tmp_path):
    save(tmp_path, "catalogues/x.xlsx", lambda wb: write_catalogue(
        sheet(wb, "养老服物"), layout=Layout(title=None)))
    assert read(tmp_path)[1] == [
        "catalogues/x.xlsx!养老服物!A1: no domain is named in the sheet name '养老服物' or file name 'x.xlsx'; "
        "did you mean '养老服务'? "
        "(put the domain's name in the title or the sheet name, or add the domain under domains: in site.yaml)",
    ]


def test_a_sites_own_domain_is_found(tmp_path):
    save(tmp_path, "catalogues/x.xlsx", lambda wb: write_catalogue(
        sheet(wb, "Sheet1"), layout=Layout(title="示例区政务服务领域基层政务公开标准目录")))
    domains = DomainTable().with_extra([Domain("政务服务", "zwfw")])
    items, problems = read(tmp_path, domains)
    assert problems == []
    assert {i.domain for i in items} == {"政务服务"}


def test_damaged_workbook(tmp_path):
    (tmp_path / "catalogues").mkdir()
    (tmp_path / "catalogues/bad.xlsx").write_bytes(b"this is not a workbook")
    good = io.BytesIO()
    wb = Workbook()
    write_catalogue(wb.active)
    wb.save(good)
    (tmp_path / "catalogues/cut.xlsx").write_bytes(good.getvalue()[: len(good.getvalue()) // 2])
    hint = "(open it in Excel or WPS and save it again as .xlsx, or ask its sender for a new copy)"
    assert read(tmp_path) == ((), [
        f"catalogues/bad.xlsx: cannot read this workbook: it is damaged or not an .xlsx file {hint}",
        f"catalogues/cut.xlsx: cannot read this workbook: it is damaged or not an .xlsx file {hint}",
    ])


def test_a_zip_that_is_not_a_workbook(tmp_path):
    (tmp_path / "catalogues").mkdir()
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("readme.txt", "hello")
    (tmp_path / "catalogues/z.xlsx").write_bytes(buf.getvalue())
    assert read(tmp_path)[1] == [
        "catalogues/z.xlsx: cannot read this workbook: it is damaged or not an .xlsx file "
        "(open it in Excel or WPS and save it again as .xlsx, or ask its sender for a new copy)",
    ]


def test_encrypted_workbook(tmp_path):
    (tmp_path / "catalogues").mkdir()
    (tmp_path / "catalogues/secret.xlsx").write_bytes(bytes.fromhex("D0CF11E0A1B11AE1") + b"\0" * 600)
    assert read(tmp_path) == ((), [
        "catalogues/secret.xlsx: cannot read this workbook: it is password-protected, or an old .xls "
        "file renamed to .xlsx (open it in Excel or WPS, remove the password and save it as .xlsx)",
    ])


def test_old_xls_workbook(tmp_path):
    (tmp_path / "catalogues").mkdir()
    (tmp_path / "catalogues/old.XLS").write_bytes(bytes.fromhex("D0CF11E0A1B11AE1") + b"\0" * 600)
    (tmp_path / "catalogues/~$old.xls").write_bytes(b"lock")
    assert read(tmp_path) == ((), [
        "catalogues/old.XLS: cannot read an old Excel 97-2003 .xls workbook "
        "(open it in Excel or WPS, save it as an .xlsx workbook and remove the .xls)",
    ])


def test_bad_files_do_not_stop_the_good_ones(tmp_path):
    save(tmp_path, "catalogues/b.xlsx", lambda wb: write_catalogue(sheet(wb, "社会救助")))
    (tmp_path / "catalogues/a.xlsx").write_bytes(b"junk")
    (tmp_path / "catalogues/c.xls").write_bytes(b"junk")
    items, problems = read(tmp_path)
    assert len(items) == len(ROWS)
    assert [p.split(":")[0] for p in problems] == ["catalogues/a.xlsx", "catalogues/c.xls"]


def test_other_sheets_are_skipped_silently(tmp_path):
    def build(wb):
        sheet(wb, "封面")["A1"] = "社会救助领域基层政务公开标准目录"
        wb.create_sheet("说明")["A3"] = "公开主体：填写全称"
        put(wb.create_sheet("只有两个标签"), 1, 1, ["公开主体", "公开时限"])
        wb.create_sheet("空白")
        ws = wb.create_sheet("社会救助")
        put(ws, 1, 1, HEADER)
        put(ws, 2, 1, ROW)
    save(tmp_path, "catalogues/a.xlsx", build)
    items, problems = read(tmp_path)
    assert [i.level1 for i in items] == ["临时救助"] and problems == []


def test_a_workbook_without_any_catalogue_table_says_so(tmp_path):
    def build(wb):
        sheet(wb, "封面")["A1"] = "社会救助领域基层政务公开标准目录"
        put(wb.create_sheet("只有两个标签"), 1, 1, ["序号", "事项名称", "具体内容", "政策依据"])
    save(tmp_path, "catalogues/a.xlsx", build)
    save(tmp_path, "catalogues/empty.xlsx", lambda wb: None)
    assert read(tmp_path) == ((), [
        f"catalogues/{name}: warning: no catalogue table found: no sheet has a header row with at least 3 of the "
        "template's labels (公开事项, 公开内容, 公开依据, 公开时限, 公开主体 …) in its first 100 rows (label the "
        "columns as the State Council template does, or move the workbook out of catalogues/ if it is no catalogue)"
        for name in ("a.xlsx", "empty.xlsx")])


def test_unknown_tick_mark_is_read_as_ticked_with_a_warning(tmp_path):
    def build(wb):
        ws = sheet(wb, "社会救助")
        put(ws, 1, 1, HEADER + ["全社会", "特定群体", "公开方式"])
        put(ws, 2, 1, ROW + ["有点", None, "√"])
    save(tmp_path, "catalogues/a.xlsx", build)
    items, problems = read_catalogues(tmp_path, ORGS, DomainTable())
    assert [str(p) for p in problems] == [
        "catalogues/a.xlsx!社会救助!I2: warning: 公开对象 cell '有点' under 全社会 is neither a tick "
        "nor a blank; read as ticked (tick with √ and leave the cell blank for no)",
        "catalogues/a.xlsx!社会救助!K2: warning: 公开方式 cell '√' names none of 主动/依申请; left empty "
        "(write 主动 or 依申请 in the cell)",
    ]
    assert all(p.severity is Severity.WARNING for p in problems)
    assert (items[0].audience, items[0].mode) == (("全社会",), ())


def test_unresolved_subjects_warn_once_per_fragment_at_the_cell(tmp_path):
    def build(wb):
        ws = sheet(wb, "社会救助")
        put(ws, 1, 1, HEADER)
        put(ws, 2, 1, ROW[:6] + ["相关审批部门、区公安局；区民政局"])
    save(tmp_path, "catalogues/a.xlsx", build)
    items, problems = read(tmp_path)
    assert problems == [
        "catalogues/a.xlsx!社会救助!G2: warning: 公开主体 '区公安局' matches no organisation in site.yaml "
        "(add it as an alias of an org)",
        "catalogues/a.xlsx!社会救助!G2: warning: 公开主体 '相关审批部门' matches no organisation in site.yaml "
        "(add it as an alias of an org)",
    ]
    assert items[0].subject_orgs == ("mzj",)


@pytest.mark.parametrize("payload", [b"", b"PK\x03\x04", bytes(range(256))])
def test_garbage_never_raises(tmp_path, payload):
    (tmp_path / "catalogues").mkdir()
    (tmp_path / "catalogues/g.xlsx").write_bytes(payload)
    items, problems = read(tmp_path)
    assert items == () and len(problems) == 1


def test_an_attachment_mark_above_the_title_is_not_the_title(tmp_path):
    def build(wb):
        ws = sheet(wb, "Sheet1")
        ws["A1"] = "附件2"
        write_catalogue(ws, layout=Layout(origin=(2, 1), title="示例区标准目录"))
    save(tmp_path, "catalogues/x.xlsx", build)
    assert read(tmp_path)[1] == [
        "catalogues/x.xlsx!Sheet1!A2: no domain is named in the title '示例区标准目录', sheet name 'Sheet1' "
        "or file name 'x.xlsx' "
        "(put the domain's name in the title or the sheet name, or add the domain under domains: in site.yaml)",
    ]


def test_an_item_listed_twice_for_one_domain_is_named_at_its_second_row(tmp_path):
    """A department's resubmitted workbook beside the first: the same item twice is named;
    another item, or the same name in another domain, is not."""
    def build(rows):
        def fill(wb):
            ws = sheet(wb, "社会救助")
            ws["B1"] = "社会救助领域基层政务公开标准目录"
            put(ws, 3, 2, HEADER)
            for i, row in enumerate(rows):
                put(ws, 4 + i, 2, row)
        return fill
    save(tmp_path, "catalogues/a.xlsx", build([ROW]))
    save(tmp_path, "catalogues/b.xlsx", build([["1", "临时救助", "申请", "条件", "《办法》", "及时", "区民政局", "■政府网站"],
                                               ["2", "临时救助", "结果", "名单", "《办法》", "及时", "区民政局", "■政府网站"]]))
    items, problems = read(tmp_path)
    assert len(items) == 3
    assert problems == [
        "catalogues/b.xlsx!社会救助!B4: warning: 社会救助 item 临时救助/申请 is also at catalogues/a.xlsx!社会救助!B4 "
        "(keep one row for one item: delete this row, or the older workbook)"]


def test_a_formula_saved_without_its_value_is_named_at_its_cell(tmp_path):
    """openpyxl (and other programs) write formulas without their values: read, the cell is
    empty, which is not what its sender sees.  A typed value, or a formula with its value, is fine."""
    def build(wb):
        ws = sheet(wb, "社会救助")
        ws["B1"] = "社会救助领域基层政务公开标准目录"
        put(ws, 3, 2, HEADER)
        put(ws, 4, 2, ROW)
        put(ws, 5, 2, ["2", "临时救助", "结果", "名单", "《办法》", "及时", "=H4", "■政府网站"])
    save(tmp_path, "catalogues/a.xlsx", build)
    items, problems = read(tmp_path)
    assert problems == [
        "catalogues/a.xlsx!社会救助!H5: warning: the cell holds the formula =H4 whose value was never saved: "
        "it is read as empty (open the workbook in Excel or WPS and save it, or type the value)"]
    assert [i.level2 for i in items] == ["申请", "结果"]
