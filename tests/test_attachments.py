"""Attachments are read, not skipped (issue 18): PDF (its text layer) and .xls are checked for
personal data like .xlsx, .csv, .txt and .docx; a scanned or damaged file is named as not
checked; mobile numbers written the many ways people write them are found; personal data in
catalogue cells is named at its cell and published masked.

The PDFs are real: a Word document printed to PDF by LibreOffice (tests/data, made by
tests/data/make_attachments.py), and minimal PDFs written here with a text object, as
tools/make_demo.py writes the demo's, or with only a picture, as a scanner makes them.  The
.xls is a workbook saved by LibreOffice as Excel 97–2003.
"""
from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gwsite.attachments import attachment_text, read_places, scan_attachment
from gwsite.diagnostics import Location
from gwsite.privacy import ID_CARD, MOBILE, find_personal_data, mask_catalogue, mask_personal_data, scan_catalogue
from personal_data import make_card, make_id
from sites import CZYJS_ROWS, SHJZ_ROWS, all_output_bytes, make_site, write_catalogue

DATA = Path(__file__).resolve().parent / "data"
ID = make_id("50011619850612301")  # as tests/data/make_attachments.py writes it
ID_MASKED = "500116********3018"
MOBILE_NO = "18623456789"
CARD = make_card("622848012345678901")


def pdf(*pages, cid_font: bool = False) -> bytes:
    """A minimal PDF, one page per argument: a list of lines shown as text (the Adobe CJK
    font STSong-Light with UniGB-UCS2-H, so that the text layer reads back as Unicode), or
    None for a page that only shows a picture.  ``cid_font``: the text in glyph numbers of
    a font without a ToUnicode map, which reads back as pdfminer's "(cid:N)"."""
    objs = {1: b"<< /Type /Catalog /Pages 2 0 R >>"}
    if cid_font:
        objs[3] = b"<< /Type /Font /Subtype /Type0 /BaseFont /SimSun /Encoding /Identity-H /DescendantFonts [4 0 R] >>"
        objs[4] = (b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /SimSun /CIDSystemInfo << /Registry (Adobe) "
                   b"/Ordering (Identity) /Supplement 0 >> /FontDescriptor 5 0 R >>")
    else:
        objs[3] = (b"<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H "
                   b"/DescendantFonts [4 0 R] >>")
        objs[4] = (b"<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) "
                   b"/Ordering (GB1) /Supplement 2 >> /FontDescriptor 5 0 R >>")
    objs[5] = (b"<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [-25 -254 1000 880] "
               b"/ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>")
    objs[6] = (b"<< /Type /XObject /Subtype /Image /Width 1 /Height 1 /ColorSpace /DeviceGray /BitsPerComponent 8 "
               b"/Length 1 >>\nstream\n\x80\nendstream")
    kids, n = [], 7
    for lines in pages:
        if lines is None:  # a scanned page: the picture over the whole page, no text
            ops = "q 595 0 0 842 0 0 cm /Im1 Do Q"
        else:
            ops = "BT /F1 11 Tf 20 TL 60 780 Td " + " ".join(
                "<" + "".join(f"{ord(c):04X}" for c in line) + "> Tj T*" for line in lines) + " ET"
        stream = ops.encode("ascii")
        objs[n] = (b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> "
                   b"/XObject << /Im1 6 0 R >> >> /Contents %d 0 R >>" % (n + 1))
        objs[n + 1] = b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream"
        kids.append(n)
        n += 2
    objs[2] = b"<< /Type /Pages /Kids [" + b" ".join(b"%d 0 R" % k for k in kids) + b"] /Count %d >>" % len(kids)
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = {}
    for i in sorted(objs):
        offsets[i] = len(out)
        out += b"%d 0 obj\n" % i + objs[i] + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % n
    out += b"".join(b"%010d 00000 n \n" % offsets[i] for i in range(1, n))
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (n, xref)
    return bytes(out)


def xlsx(rows: list[list]) -> bytes:
    import openpyxl
    wb = openpyxl.Workbook()
    wb.active.title = "Sheet1"
    for row in rows:
        wb.active.append(row)
    raw = io.BytesIO()
    wb.save(raw)
    return raw.getvalue()


def docx(paragraphs: list[str]) -> bytes:
    import docx as python_docx
    document = python_docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    raw = io.BytesIO()
    document.save(raw)
    return raw.getvalue()


# --- mobile numbers, both ways ---------------------------------------------------------------

@pytest.mark.parametrize("text, masked", [
    ("联系电话：(139)1234-5678", "联系电话：139****5678"),
    ("联系电话：（139）1234-5678", "联系电话：139****5678"),
    ("联系电话：(139) 1234 5678。", "联系电话：139****5678。"),
    ("手机（139）12345678", "手机139****5678"),
    ("手机 139.1234.5678，", "手机 139****5678，"),
    ("手机 139．1234．5678", "手机 139****5678"),
    ("手机 139 1234 5678", "手机 139****5678"),
    ("手机 139－1234－5678", "手机 139****5678"),
    ("Tel: +86 139 1234 5678", "Tel: +86 139****5678"),
    ("Tel: +86-139-1234-5678", "Tel: +86-139****5678"),
    ("电话 0086 13912345678", "电话 0086 139****5678"),
    ("电话 008613912345678", "电话 0086139****5678"),
    ("(+86)13912345678", "(+86)139****5678"),
])
def test_mobile_numbers_however_written_are_found_and_masked(text, masked):
    assert [f.kind for f in find_personal_data(text)] == [MOBILE]
    assert mask_personal_data(text) == masked
    assert find_personal_data(masked) == []


@pytest.mark.parametrize("text", [
    "办公电话：023-6781 2345",
    "办公电话：(023)67812345",
    "办公电话：（023）6781-2345",
    "青溪民发〔2025〕13号，索引号11500116MB00000011/2025-00013",
    "发布日期：2024.03.05",
    "金额1391.2345元",
    "合计139.1234.5678元",  # a quantity, however grouped
    "版本 13.9.1234.5678",  # not grouped 3-4-4
    "版本 1.139.1234.5678",  # a piece of a longer dotted number
    "139.1234.5678.9",
    "经度134.12345678",  # 3-8 with a dot is a decimal
    "执业证号15001201110012345",  # a 17-digit lawyer's licence number
    "(139)1234-567",  # ten digits
    "(1391)234-5678",  # not a mobile's grouping
])
def test_numbers_that_are_no_mobile_are_left_alone(text):
    assert find_personal_data(text) == []
    assert mask_personal_data(text) == text


# --- PDF ------------------------------------------------------------------------------------------

def test_a_pdf_made_by_libreoffice_is_read_page_by_page():
    data = (DATA / "dibao-list.pdf").read_bytes()
    found, unchecked = scan_attachment("files/名单.pdf", data)
    # Page 2's table wraps the ID over two lines in its narrow cell: read as one number.
    assert [(str(place), f.kind, f.masked) for place, f in found] == [("files/名单.pdf page 2", ID_CARD, ID_MASKED)]
    assert unchecked == []


def test_a_clean_pdf_gives_its_text_and_no_finding():
    data = pdf(["关于龙门镇2025年低保标准的公告", "城乡低保标准每人每月620元，监督电话023-47521234。"])
    assert scan_attachment("files/a.pdf", data) == ([], [])
    assert attachment_text("files/a.pdf", data) == "关于龙门镇2025年低保标准的公告\n城乡低保标准每人每月620元，监督电话023-47521234。"


def test_a_scanned_pdf_is_named_as_not_checked():
    for data in (pdf(None), pdf(None, None), pdf(["关于低保的公示", ID], cid_font=True)):
        found, unchecked = scan_attachment("files/扫描件.pdf", data)
        assert found == []
        assert [(str(p.location), p.message) for p in unchecked] == [
            ("files/扫描件.pdf", "not checked for personal data: no text layer (a scanned document)")]
        assert "by eye" in unchecked[0].hint and "Word" in unchecked[0].hint
        assert attachment_text("files/扫描件.pdf", data) is None


def test_the_scanned_pages_of_a_pdf_are_named_and_the_rest_read():
    data = pdf(["公示", f"张三 {ID}"], None, None, ["第四页"], None)
    found, unchecked = scan_attachment("files/a.pdf", data)
    assert [(str(place), f.masked) for place, f in found] == [("files/a.pdf page 1", ID_MASKED)]
    assert [(str(p.location), p.message) for p in unchecked] == [
        ("files/a.pdf", "not checked for personal data: pages 2–3, 5 have no text layer (scanned)")]


def test_a_blank_page_is_nothing_to_check():
    assert scan_attachment("files/a.pdf", pdf(["第一页"], [])) == ([], [])


@pytest.mark.parametrize("data, reason", [
    (b"%PDF-1.4 not really\n", "not a readable PDF"),
    (b"", "not a readable PDF"),
    (pdf(["公示", ID])[:300], "not a readable PDF"),  # cut short in its objects
])
def test_a_damaged_pdf_is_named_never_a_traceback(data, reason):
    found, unchecked = scan_attachment("files/a.pdf", data)
    assert found == [] and len(unchecked) == 1
    assert unchecked[0].message.startswith(f"not checked for personal data: {reason}")
    assert attachment_text("files/a.pdf", data) is None


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_no_pdf_bytes_make_a_traceback(data):
    real = pdf(["关于低保的公示", f"张三 {ID}"], None)
    cut = data.draw(st.integers(0, len(real)))
    flipped = bytearray(real)
    for at in data.draw(st.lists(st.integers(0, len(real) - 1), max_size=8)):
        flipped[at] = data.draw(st.integers(0, 255))
    for damaged in (real[:cut], bytes(flipped)):
        found, unchecked = scan_attachment("files/a.pdf", damaged)  # never raises
        assert all(ID not in p.message for p in unchecked)
        text = attachment_text("files/a.pdf", damaged)
        assert text is None or ID not in text


def test_a_personal_data_name_is_masked_in_the_place():
    found, unchecked = scan_attachment(f"files/名单-{ID}.pdf", b"%PDF-1.4 damaged")
    assert str(unchecked[0].location) == f"files/名单-{ID_MASKED}.pdf"
    found, _ = scan_attachment(f"files/名单-{ID}.pdf", pdf([ID]))
    assert str(found[0][0]) == f"files/名单-{ID_MASKED}.pdf page 1"


# --- .xls -----------------------------------------------------------------------------------------

def test_an_xls_is_read_cell_by_cell_hidden_sheets_too():
    data = (DATA / "dibao-list.xls").read_bytes()
    found, unchecked = scan_attachment("files/名单.xls", data)
    assert unchecked == []
    assert [(str(place), f.kind, f.masked) for place, f in found] == [
        ("files/名单.xls!名单!B2", MOBILE, "186****6789"),  # typed as a number: a whole double, exact
        ("files/名单.xls!名单!C3", ID_CARD, ID_MASKED),
        ("files/名单.xls!名单!B4", MOBILE, "139****6712"),  # (139)8345-6712
        ("files/名单.xls!底稿!A2", "bank_card", "*" * 15 + CARD[-4:]),  # the hidden sheet
    ]
    # The ID typed as a number (E2) has lost its last digits in the file itself; the
    # amount (D2) and the date (F2) are no text.
    cells = {place.cell for place, _ in read_places("files/名单.xls", data)[0]}
    assert not cells & {"D2", "E2", "F2"}


def test_what_is_not_an_xls_inside_is_read_as_what_it_is():
    as_xlsx = xlsx([["户主", "电话"], ["张三", MOBILE_NO]])  # an .xlsx saved under .xls
    assert [str(p) for p, _ in scan_attachment("files/a.xls", as_xlsx)[0]] == ["files/a.xls!Sheet1!B2"]
    html = f"<table><tr><td>张三</td><td>{MOBILE_NO}</td></tr></table>".encode()  # a web system's "Excel"
    assert [str(p) for p, _ in scan_attachment("files/a.xls", html)[0]] == ["files/a.xls:1"]
    as_xls = (DATA / "dibao-list.xls").read_bytes()  # an old .xls renamed .xlsx
    assert len(scan_attachment("files/a.xlsx", as_xls)[0]) == 4


@pytest.mark.parametrize("name, data, reason", [
    ("a.xls", bytes.fromhex("D0CF11E0A1B11AE1") + bytes(600), "not a readable workbook"),
    ("a.xls", b"\x00\x01\x02 binary, no workbook", "not a readable workbook"),
    ("a.xlsx", b"PK\x03\x04 broken", "not a readable workbook"),
    ("a.docx", b"PK\x03\x04 broken", "not a readable .docx"),
])
def test_a_damaged_file_is_named_as_not_checked(name, data, reason):
    found, unchecked = scan_attachment(f"files/{name}", data)
    assert found == [] and [(str(p.location), p.message.split(" (")[0]) for p in unchecked] == [
        (f"files/{name}", f"not checked for personal data: {reason}")]
    assert attachment_text(f"files/{name}", data) is None


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_no_xls_bytes_make_a_traceback_or_print(data, capfd):
    real = (DATA / "dibao-list.xls").read_bytes()
    cut = data.draw(st.integers(0, len(real)))
    flipped = bytearray(real)
    for at in data.draw(st.lists(st.integers(0, len(real) - 1), max_size=20)):
        flipped[at] = data.draw(st.integers(0, 255))
    for damaged in (real[:cut], bytes(flipped)):
        found, unchecked = scan_attachment("files/a.xls", damaged)  # never raises, never eats the memory
        assert all(ID not in p.message and CARD not in p.message for p in unchecked)
    out, err = capfd.readouterr()
    assert out == "" and err == ""  # xlrd's notes on a damaged file stay out of gwsite check's output


# --- the text for search --------------------------------------------------------------------------

@pytest.mark.parametrize("name, data", [
    ("a.csv", f"户主,电话\n张三,{MOBILE_NO}\n".encode("utf-8-sig")),
    ("a.txt", f"户主\t身份证号\r\n张三\t{ID}\r\n".encode("utf-16")),
    ("a.xlsx", xlsx([["户主", "电话"], ["张三", int(MOBILE_NO)]])),
    ("a.docx", docx(["名单", f"张三，手机{MOBILE_NO}"])),
    ("a.pdf", pdf(["名单", f"张三，手机{MOBILE_NO}"])),
])
def test_attachment_text_is_the_text_masked(name, data):
    text = attachment_text(f"files/{name}", data)
    assert "张三" in text and ("186****6789" in text or ID_MASKED in text)
    assert MOBILE_NO not in text and ID not in text


def test_attachment_text_of_the_xls_and_pdf_fixtures():
    xls = attachment_text("files/a.xls", (DATA / "dibao-list.xls").read_bytes())
    assert xls.splitlines()[:3] == ["户主", "联系电话", "身份证号"]
    assert "186****6789" in xls and ID_MASKED in xls and CARD not in xls and "18623456789" not in xls
    text = attachment_text("files/a.pdf", (DATA / "dibao-list.pdf").read_bytes())
    assert "新增低保对象公示" in text and ID_MASKED in text and ID[:13] not in text


def test_attachment_text_of_what_gwsite_does_not_read_is_none():
    assert attachment_text("files/a.png", b"\x89PNG") is None
    assert attachment_text("files/a.doc", bytes.fromhex("D0CF11E0A1B11AE1")) is None


# --- through gwsite check -------------------------------------------------------------------------

NOTICE = """\
title: 2025年9月低保新增对象名单公示
publisher: longmen
published: 2025-10-09
disclosure: 主动公开
attachments:
  - files/longmen/名单.pdf
  - files/longmen/标准.pdf
  - files/longmen/扫描件.pdf
  - files/longmen/名单.xls
body: |
  名单见附件。
"""


def attachment_site(tmp_path, **files: bytes):
    defaults = {
        "名单.pdf": pdf(["龙门镇2025年9月低保新增对象名单", f"1  张三  {ID}  3人"]),
        "标准.pdf": pdf(["关于调整城乡低保标准的通知", "每人每月620元。"]),
        "扫描件.pdf": pdf(None),
        "名单.xls": (DATA / "dibao-list.xls").read_bytes(),
    }
    defaults.update(files)
    return make_site(tmp_path / "site", {"content/notices/longmen/list.yaml": NOTICE,
                                         **{f"content/files/longmen/{k}": v for k, v in defaults.items()}})


def test_check_reports_a_pdf_with_an_id_and_not_a_clean_one(tmp_path, run_cli):
    root = attachment_site(tmp_path)
    code, out, err = run_cli("check", root)
    said = out + err
    assert code == 0
    assert ("content/files/longmen/名单.pdf page 1: warning: 居民身份证号 published in full "
            f"({ID_MASKED} when masked): this file is an attachment of content/notices/longmen/list.yaml") in said
    assert "标准.pdf" not in said  # the clean one
    assert ("content/files/longmen/扫描件.pdf: warning: not checked for personal data: no text layer "
            "(a scanned document) (look through it by eye") in said
    assert "content/files/longmen/名单.xls!名单!B2: warning: 手机号码 published in full (186****6789 when masked)" in said
    assert ID not in said and MOBILE_NO not in said


def test_a_pdf_replaced_under_its_name_is_checked_again(tmp_path, run_cli):
    root = attachment_site(tmp_path)
    out = tmp_path / "public"
    code, _, err = run_cli("build", root, "-o", out)
    assert code == 0 and "名单.pdf page 1" in err
    (root / "content/files/longmen/名单.pdf").write_bytes(pdf(["名单", "张三  已脱敏"], [f"李四 {ID}"]))
    code, _, err = run_cli("build", root, "-o", out)  # incremental: the notice file itself is unchanged
    assert code == 0 and "名单.pdf page 1" not in err and "名单.pdf page 2" in err


# --- catalogue cells ----------------------------------------------------------------------------

def catalogue_site(tmp_path):
    rows = list(SHJZ_ROWS)
    level1, level2, content, *rest = rows[1]
    rows[1] = (level1, level2, f"{content}（示例：张三，身份证号{ID}）", *rest)
    level1, level2, content, basis, deadline, subject, *ticks = rows[2]
    rows[2] = (level1, level2, content, basis, deadline, f"{subject}（联系人手机{MOBILE_NO}）", *ticks)
    root = make_site(tmp_path / "site", catalogues=False)
    (root / "catalogues").mkdir()
    write_catalogue(root / "catalogues" / "测试区社会救助领域基层政务公开标准目录.xlsx",
                    "测试区社会救助领域基层政务公开标准目录", rows)
    write_catalogue(root / "catalogues" / "测试区财政预决算领域基层政务公开标准目录.xlsx",
                    "测试区财政预决算领域基层政务公开标准目录", CZYJS_ROWS)
    return root


def test_personal_data_in_catalogue_cells_is_named_at_its_cell(tmp_path, run_cli):
    root = catalogue_site(tmp_path)
    code, out, err = run_cli("check", root)
    said = out + err
    workbook = "catalogues/测试区社会救助领域基层政务公开标准目录.xlsx!Sheet1"
    assert (f"{workbook}!D5: warning: 居民身份证号 in the 公开内容 of item '最低生活保障/审核确认结果' "
            f"is published masked as {ID_MASKED} (remove personal data from the catalogue workbook)") in said
    assert (f"{workbook}!G6: warning: 手机号码 in the 公开主体 of item '特困人员救助供养/救助供养标准' "
            "is published masked as 186****6789") in said
    assert ID not in said and MOBILE_NO not in said


def test_personal_data_in_catalogue_cells_is_published_masked(tmp_path, run_cli):
    root = catalogue_site(tmp_path)
    out = tmp_path / "public"
    code, _, err = run_cli("build", root, "-o", out)
    assert code == 0, err
    page = (out / "domains" / "shjz" / "index.html").read_text(encoding="utf-8")
    assert f"身份证号{ID_MASKED}" in page and "联系人手机186****6789" in page
    catalogue = json.loads((out / "data" / "catalogue.json").read_text(encoding="utf-8"))
    contents = [i["content"] for d in catalogue["domains"] for i in d["items"]]
    assert any(ID_MASKED in c for c in contents)
    subjects = [i["subject_orgs"] for d in catalogue["domains"] for i in d["items"] if "186****6789" in i["subject"]]
    assert subjects == [["mzj"]]  # the subject was resolved from what the cell says
    for path, data in all_output_bytes(out):  # pages, data files, search index; the .xlsx inside too
        members = [data]
        if data[:4] == b"PK\x03\x04":
            with zipfile.ZipFile(io.BytesIO(data)) as z:
                members = [z.read(name) for name in z.namelist()]
        for member in members:
            assert ID.encode() not in member and MOBILE_NO.encode() not in member, path


def test_scan_and_mask_catalogue_leave_clean_items_alone():
    from gwsite.model import CatalogueItem
    clean = CatalogueItem("社会救助", "最低生活保障", "办事指南", content="申请条件", subject="区民政局",
                          source=Location("catalogues/a.xlsx", sheet="Sheet1", cell="A4"))
    leaky = CatalogueItem("社会救助", "最低生活保障", "审核确认结果", content=f"示例{ID}",
                          channels=("政府网站", f"其他（电话{MOBILE_NO}）"),
                          source=Location("catalogues/a.xlsx", sheet="Sheet1", cell="A5"),
                          cells=(("content", "D5"), ("channels", "H5")))
    masked = mask_catalogue((clean, leaky))
    assert masked[0] is clean
    assert masked[1].content == f"示例{ID_MASKED}" and masked[1].channels == ("政府网站", "其他（电话186****6789）")
    assert [str(p.location) for p in scan_catalogue((clean, leaky))] == ["catalogues/a.xlsx!Sheet1!D5",
                                                                         "catalogues/a.xlsx!Sheet1!H5"]
    assert scan_catalogue(masked) == []
