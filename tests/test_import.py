"""`gwsite import` (issue 17): official documents become notices.  The documents are written
by the tests themselves with python-docx (``gongwen_gallery``), in the shapes departments
send; .doc and PDF copies are made from them by LibreOffice where it is installed."""
from __future__ import annotations

import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
import yaml

from gwsite import docread, gongwen, importer, pipeline
from gwsite.cli import main
from gwsite.gongwen import Block, analyse, disclosure_of, heading_level, parse_date



ORGS = [
    {"id": "mzj", "name": "云岭市青溪区民政局", "kind": "department", "aliases": ["区民政局"]},
    {"id": "qxq", "name": "云岭市青溪区人民政府", "kind": "department", "aliases": ["区政府"]},
    {"id": "zfb", "name": "云岭市青溪区人民政府办公室", "kind": "department", "aliases": ["区政府办"]},
    {"id": "longmen", "name": "云岭市青溪区龙门镇人民政府", "kind": "township", "aliases": ["龙门镇"]},
    {"id": "ybj", "name": "云岭市青溪区医疗保障局", "kind": "department", "aliases": ["区医保局"]},
    {"id": "zjw", "name": "云岭市青溪区住房和城乡建设委员会", "kind": "department", "aliases": ["区住房城乡建委"]},
]
TODAY = date(2026, 12, 7)
LIBREOFFICE = docread.libreoffice()


def site_root(root: Path) -> Path:
    (root / "catalogues").mkdir(parents=True, exist_ok=True)
    (root / "content" / "notices").mkdir(parents=True, exist_ok=True)
    (root / "site.yaml").write_text(yaml.safe_dump(
        {"title": "青溪区基层政务公开", "region": "云岭市青溪区", "host": "青溪区人民政府办公室", "orgs": ORGS},
        allow_unicode=True), encoding="utf-8")
    return root


# --- reading the layout, both ways ---------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("2026年3月5日", date(2026, 3, 5)),
    ("　　　　2026年 3月 5日", date(2026, 3, 5)),
    ("2024年03月05日", date(2024, 3, 5)),
    ("二〇二六年三月五日", date(2026, 3, 5)),
    ("二○二○年九月四日", date(2020, 9, 4)),
    ("二〇二六年十二月三十一日", date(2026, 12, 31)),
    ("2024.3.5", date(2024, 3, 5)),
    ("２０２６年３月５日", date(2026, 3, 5)),
    # a sentence holding a date, an impossible date, a 印发 line: no date line
    ("自2026年7月1日起执行。", None),
    ("2026年2月30日", None),
    ("青溪区民政局办公室　　2026年3月5日印发", None),
])
def test_a_date_line_is_read_in_arabic_and_chinese_numerals(text, expected):
    assert parse_date(text) == expected


@pytest.mark.parametrize("line, number", [
    ("青溪民发〔2026〕13号", "青溪民发〔2026〕13号"),
    ("青溪民文［2026］3号　　　　签发人：张三", "青溪民文［2026］3号"),
    ("示财发〔2020〕第12号", "示财发〔2020〕第12号"),
    ("示府发2020-12号", "示府发2020-12号"),
    ("示府办发（２０２０）４３号", "示府办发（２０２０）４３号"),
])
def test_doc_numbers_in_their_variants(line, number):
    found = gongwen.DOC_NUMBER.search(gongwen.squeeze(line))
    assert found and found.group(0) == gongwen.squeeze(number)


def test_a_year_or_a_sentence_is_no_doc_number():
    for line in ("2026年第5号", "根据《社会救助暂行办法》第十二条", "2026年3月5日", "第12号"):
        assert not gongwen.DOC_NUMBER.search(gongwen.squeeze(line)), line


def test_disclosure_wordings():
    assert disclosure_of("（此件公开发布）") == "主动公开"
    assert disclosure_of("（此件主动公开）") == "主动公开"
    assert disclosure_of("公开方式：主动公开") == "主动公开"
    assert disclosure_of("（此件依申请公开）") == "依申请公开"
    assert disclosure_of("（此件不予公开）") == disclosure_of("（此件不公开）") == "不予公开"
    assert disclosure_of("（联系人：张三，电话：023-12345678）") == ""
    assert disclosure_of("依法公开办事指南和公开目录。") == ""


def test_headings_are_short_numbered_lines_not_sentences():
    assert heading_level("一、总体要求") == 1
    assert heading_level("　　（二）适用范围") == 2
    assert heading_level("1.申请条件") == heading_level("1．申请条件") == 3
    assert heading_level("（1）收入核算") == 4
    assert heading_level("一、总体要求。本办法适用于全区城乡居民，具体如下：") == 0  # a paragraph
    assert heading_level("2026年低保标准") == 0
    assert heading_level("1.5倍") == 0


def _p(text, align="", **kw):
    return Block("para", f"¶{text[:4]}", text, align, **kw)


def test_the_layout_gives_each_field_from_its_place():
    doc = analyse([
        _p("云岭市青溪区民政局文件", "center", red=True, size=36), _p(""),
        _p("青溪民发〔2026〕13号", "center", rule_below=True),
        _p("关于做好2026年低保工作的通知", "center"),
        _p("各镇人民政府、街道办事处：", "left"),
        _p("　　现将有关事项通知如下。根据2025年12月1日的会议精神。", "both", indent=True),
        _p("　　一、工作目标", "both", indent=True),
        _p("　　附件：1．低保名单", "left", indent=True),
        _p("　　　　　2．资金表", "left"),
        _p("云岭市青溪区民政局", "right"), _p("2026年3月5日", "right"),
        _p("　　（此件公开发布）", "left", indent=True),
        _p("抄送：区财政局。", "left"), _p("青溪区民政局办公室　　2026年3月6日印发", "left"),
    ])
    assert (doc.issuer, doc.doc_number, doc.title) == ("云岭市青溪区民政局文件", "青溪民发〔2026〕13号", "关于做好2026年低保工作的通知")
    assert doc.addressee == "各镇人民政府、街道办事处："
    assert doc.attachments == ["低保名单", "资金表"]
    assert doc.signature == ["云岭市青溪区民政局"] and doc.written == date(2026, 3, 5)
    assert doc.disclosure == "主动公开" and doc.doubts == []
    assert [b.text.strip("　") for b in doc.body] == ["现将有关事项通知如下。根据2025年12月1日的会议精神。", "一、工作目标"]


def test_what_the_layout_does_not_state_is_a_doubt_never_a_guess():
    doc = analyse([
        _p("关于开展2026年度城乡居民医保集中缴费的公告", "center"),
        _p("　　缴费时间为9月1日至12月31日。", "both", indent=True),
        _p("云岭市青溪区医疗保障局", "right"), _p("2026年8月1日", "right"), _p("2026年8月3日", "right"),
    ])
    assert doc.disclosure == "" and doc.written is None
    what = " ".join(w for _, w in doc.doubts)
    assert "公开属性" in what and "成文日期" in what and "2026-08-01" in what and "2026-08-03" in what


# --- the gallery: documents as departments send them ------------------------------------------

def _gallery():
    from gongwen_gallery import GALLERY, UNSEEN
    return [pytest.param(c, id=c.name) for c in GALLERY] + [pytest.param(c, id="unseen-" + c.name) for c in UNSEEN]


def _grid(rows) -> list[list[str]]:
    """Rows of (text, colspan, rowspan) cells as a full grid: a merge's text in its first
    cell, "" in the cells it covers."""
    grid: list[list[str]] = []
    covered: dict[tuple[int, int], bool] = {}
    for r, row in enumerate(rows):
        out: list[str] = []
        c = 0
        cells = list(row)
        while cells or covered.get((r, c)):
            if covered.get((r, c)):
                out.append("")
                c += 1
                continue
            text, cs, rs = cells.pop(0)
            for dr in range(rs):
                for dc in range(cs):
                    if dr or dc:
                        covered[(r + dr, c + dc)] = True
            out.append(text)
            out += [""] * (cs - 1)
            c += cs
        grid.append(out)
    return grid


def fields_of(path: Path) -> dict:
    blocks, producer = docread.read(path)
    doc = analyse(blocks)
    return {
        "title": doc.title, "doc_number": doc.doc_number, "issuer": doc.issuer, "addressee": doc.addressee,
        "written": doc.written.isoformat() if doc.written else None, "disclosure": doc.disclosure or None,
        "signature": doc.signature, "attachments": doc.attachments,
        "headings": [[heading_level(b.text), gongwen.squeeze(b.text)] for b in doc.body
                     if b.kind == "para" and heading_level(b.text)],
        "table_rows": [_grid(b.rows) for b in doc.body if b.kind == "table"],
        "producer": producer,
    }


@pytest.mark.parametrize("case", _gallery())
def test_each_document_gives_its_fields_exactly(case, tmp_path):
    got = fields_of(case.build(tmp_path))
    expected = {k: case.expected[k] for k in got}
    expected["headings"] = [[level, gongwen.squeeze(text)] for level, text in expected["headings"]]
    expected["table_rows"] = [[[gongwen.squeeze(c) for c in row] for row in t] for t in expected["table_rows"]]
    got["table_rows"] = [[[gongwen.squeeze(c) for c in row] for row in t] for t in got["table_rows"]]
    assert got == expected


MESSAGE_WORDS = {"公开属性": "公开属性", "成文日期": "成文日期", "署名": "署名", "个人信息": "will be published masked",
                 "附件": "附件"}


@pytest.mark.parametrize("case", _gallery())
def test_importing_says_what_a_person_must_check(case, tmp_path):
    root = site_root(tmp_path / "site")
    path = case.build(tmp_path / "in")
    results, problems = importer.import_documents(root, [path], published=TODAY)
    assert problems == [] and len(results) == 1
    said = "\n".join(str(p) for p in results[0].problems)
    for keyword in case.expected["messages"]:
        assert MESSAGE_WORDS[keyword] in said, (keyword, said)
    for keyword in set(MESSAGE_WORDS) - set(case.expected["messages"]):
        if keyword in ("署名",) and not results[0].notice:
            continue
        assert MESSAGE_WORDS[keyword] not in said, (keyword, said)


# --- round trip: imported, built, shown ---------------------------------------------------------

def _case(name):
    from gongwen_gallery import GALLERY, UNSEEN
    return next(c for c in GALLERY + UNSEEN if c.name == name)


def test_an_imported_notice_builds_and_its_page_shows_the_document(tmp_path):
    from test_a11y import AXE, CHROMIUM, ARGS, _require
    root = site_root(tmp_path / "site")
    documents = [_case(name).build(tmp_path / "in") for name in ("tongzhi_full", "gongshi_table")]
    results, problems = importer.import_documents(root, documents, published=TODAY)
    assert problems == [] and all(r.notice for r in results), [str(p) for r in results for p in r.problems]
    # The 公示 states no 公开属性: a person decides, as check asks.
    second = root / results[1].notice
    second.write_text(second.read_text(encoding="utf-8").replace("disclosure: 待定", "disclosure: 主动公开"), encoding="utf-8")
    build = pipeline.build(root, root / "public")
    assert build.report.ok, [str(p) for p in build.report.problems]
    notice = yaml.safe_load((root / results[0].notice).read_text(encoding="utf-8"))
    page_path = root / "public" / "notices" / f"{results[0].notice.removeprefix('content/notices/').removesuffix('.yaml')}.html"
    _require(AXE, "npm ci --prefix tests/a11y")
    _require(CHROMIUM, "apt-get install chromium")
    from playwright.sync_api import sync_playwright
    expected = _case("tongzhi_full").expected
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS, headless=True)
        page = browser.new_page()
        page.goto(page_path.as_uri())
        assert page.inner_text("h1") == expected["title"] == notice["title"]
        meta = page.inner_text("main")
        assert f"发文字号\t{expected['doc_number']}" in meta and "成文日期\t2026年3月5日" in meta, meta[:400]
        assert expected["addressee"] in meta  # 主送机关, kept in the body
        headings = page.eval_on_selector_all("main h2, main h3, main h4, main h5",
                                             "els => els.map(e => e.textContent.trim())")
        for _, text in expected["headings"]:
            assert text in headings, (text, headings)
        # the 公示's table, merged cells and all, masked where it holds personal data
        page.goto((root / "public" / "notices" / f"{results[1].notice.removeprefix('content/notices/').removesuffix('.yaml')}.html").as_uri())
        cells = page.eval_on_selector_all("main table td, main table th", "els => els.map(e => e.textContent.trim())")
        table = _case("gongshi_table").expected["table_rows"][0]
        assert table[0][0] in cells and not any(pd in page.content() for pd in _case("gongshi_table").expected["personal_data"])
        page.add_script_tag(path=str(AXE))
        violations = page.evaluate("axe.run(document, {resultTypes: ['violations']}).then(r => r.violations)")
        assert violations == [], [v["id"] for v in violations]
        browser.close()


def test_a_document_without_公开属性_is_held_back_and_named_by_check(tmp_path, run_cli):
    root = site_root(tmp_path / "site")
    results, _ = importer.import_documents(root, [_case("no_fuzhu").build(tmp_path / "in")], published=TODAY)
    notice = results[0].notice
    text = (root / notice).read_text(encoding="utf-8")
    assert "disclosure: 待定" in text
    code, out, err = run_cli("check", root)
    line = next(i for i, l in enumerate(text.splitlines(), 1) if l.startswith("disclosure:"))
    assert f"{notice}:{line}: warning: not published: 公开属性 is 待定" in out + err
    assert "to check: 公开属性" in out + err
    build = pipeline.build(root, root / "public")
    assert build.report.ok and not list((root / "public" / "notices").rglob("*.html"))


def test_importing_again_never_overwrites(tmp_path):
    root = site_root(tmp_path / "site")
    document = _case("tongzhi_full").build(tmp_path / "in")
    first, _ = importer.import_documents(root, [document], published=TODAY)
    before = (root / first[0].notice).read_bytes()
    again, _ = importer.import_documents(root, [document], published=TODAY)
    assert not again[0].notice and "already imported" in str(again[0].problems[-1])
    assert (root / first[0].notice).read_bytes() == before


def test_the_command_imports_a_folder_and_prints_what_it_found(tmp_path, run_cli):
    root = site_root(tmp_path / "site")
    folder = tmp_path / "in"
    _case("tongzhi_full").build(folder)
    _case("no_fuzhu").build(folder)
    code, out, err = run_cli("import", folder, root, "--domain", "社会救助", "--published", "2026-12-07")
    assert code == 0, err
    assert "发文字号: 青溪民发〔2026〕13号" in out and "2 of 2 document(s) imported" in out
    assert "公开属性" in out
    code, out, err = run_cli("import", folder / "nothing.docx", root)
    assert code == 1 and "no such file" in err


def test_unknown_publisher_option_and_a_file_that_is_no_document(tmp_path, run_cli):
    root = site_root(tmp_path / "site")
    (tmp_path / "a.docx").write_bytes(b"not a zip at all")
    code, out, err = run_cli("import", tmp_path / "a.docx", root, "--publisher", "nobody")
    assert code == 1 and "--publisher: no organisation 'nobody'" in err
    code, out, err = run_cli("import", tmp_path / "a.docx", root)
    assert code == 1 and "a.docx" in out + err


# --- .doc, .wps and PDF ---------------------------------------------------------------------------

def _convert(path: Path, to: str, out: Path) -> Path:
    """A copy of ``path`` in another format, made by LibreOffice as a department's would be."""
    if LIBREOFFICE is None:
        pytest.fail("LibreOffice is needed for the .doc/.wps/PDF tests: apt-get install libreoffice-writer-nogui",
                    pytrace=False)
    out.mkdir(parents=True, exist_ok=True)
    profile = (out / "profile").as_uri()
    subprocess.run([LIBREOFFICE, f"-env:UserInstallation={profile}", "--headless", "--convert-to", to,
                    "--outdir", str(out), str(path)], check=True, capture_output=True, timeout=180)
    made = out / f"{path.stem}.{to.split(':')[0]}"
    assert made.is_file()
    return made


@pytest.mark.parametrize("name", ["tongzhi_full", "chinese_date"])
def test_a_doc_and_a_wps_give_the_fields_of_the_docx(tmp_path, name):
    source = _case(name).build(tmp_path / "in")
    expected = fields_of(source)
    doc = _convert(source, "doc", tmp_path / "doc")
    wps = doc.with_suffix(".wps")
    shutil.copyfile(doc, wps)  # WPS 文字 saves Word-97 binaries under .wps
    for path in (doc, wps):
        got = fields_of(path)
        for key in ("title", "doc_number", "written", "disclosure", "signature", "attachments", "headings"):
            assert got[key] == expected[key], (path.suffix, key)


def test_without_libreoffice_a_doc_says_what_to_install(tmp_path, monkeypatch):
    monkeypatch.setattr(docread, "libreoffice", lambda: None)
    path = tmp_path / "a.doc"
    path.write_bytes(bytes.fromhex("D0CF11E0A1B11AE1") + bytes(504))
    with pytest.raises(docread.Unreadable, match="libreoffice-writer-nogui"):
        docread.read(path)


def test_a_pdf_gives_its_fields_and_a_scanned_one_says_it_has_no_text(tmp_path):
    source = _case("tongzhi_full").build(tmp_path / "in")
    pdf = _convert(source, "pdf", tmp_path / "pdf")
    got = fields_of(pdf)
    expected = _case("tongzhi_full").expected
    for key in ("title", "doc_number", "issuer", "addressee", "written", "disclosure", "signature"):
        assert got[key] == expected[key], key
    assert [h[1] for h in got["headings"]] == [gongwen.squeeze(t) for _, t in expected["headings"]]
    # A page with no text layer (an image only, as a scanner makes it)
    scanned = tmp_path / "scan.pdf"
    scanned.write_bytes(b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
                        b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
                        b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n"
                        b"trailer<</Root 1 0 R>>\n%%EOF\n")
    with pytest.raises(docread.Unreadable, match="no text layer"):
        docread.read(scanned)


# --- no traceback on any input ------------------------------------------------------------------

from hypothesis import HealthCheck, given, settings, strategies as st

_LINES = st.sampled_from(["", "青溪区民政局文件", "青溪民发〔2026〕13号", "关于做好低保工作的通知", "各镇人民政府：",
                          "　　一、总体要求", "（一）", "1.", "附件：1．名单", "　　　　　2．表", "云岭市青溪区民政局",
                          "2026年3月5日", "二〇二六年十三月五日", "（此件公开发布）", "（此件不予公开）", "抄送：区政府。",
                          "2026年3月6日印发", "— 1 —", "绝密★1年", "签发人：张三", "2024年第3号", "2024年6月", "：", "附件"])


@st.composite
def _blocks(draw):
    out = []
    for i in range(draw(st.integers(0, 25))):
        kind = draw(st.sampled_from(["para", "para", "para", "table", "file"]))
        if kind == "para":
            text = draw(st.one_of(_LINES, st.text(max_size=30)))
            out.append(Block("para", f"¶{i}", text, draw(st.sampled_from(["", "center", "right", "left", "both"])),
                             red=draw(st.booleans()), indent=draw(st.booleans()), rule_below=draw(st.booleans())))
        elif kind == "table":
            rows = draw(st.lists(st.lists(st.tuples(st.one_of(_LINES, st.text(max_size=8)), st.integers(1, 3),
                                                    st.integers(1, 3)), max_size=4), max_size=4))
            out.append(Block("table", f"table {i}", rows=tuple(tuple(r) for r in rows)))
        else:
            out.append(Block("file", f"¶{i}", name="image1.png", data=b"x"))
    return out


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_blocks())
def test_any_sequence_of_blocks_is_analysed_without_a_traceback(blocks):
    doc = analyse(blocks)
    importer._markdown(doc.body, "content/files/x/y")
    assert doc.written is None or isinstance(doc.written, date)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=600), suffix=st.sampled_from([".docx", ".pdf", ".txt"]),
       head=st.sampled_from([b"", b"PK\x03\x04", b"%PDF-1.4\n", bytes.fromhex("D0CF11E0A1B11AE1")]))
def test_any_bytes_named_as_a_document_are_read_or_named_never_a_traceback(tmp_path_factory, data, suffix, head):
    path = tmp_path_factory.mktemp("fuzz") / f"a{suffix}"
    path.write_bytes(head + data)
    try:
        docread.read(path) if not head.startswith(bytes.fromhex("D0CF")) else None
    except docread.Unreadable as exc:
        assert str(exc)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(flip=st.lists(st.tuples(st.integers(0, 10**6), st.integers(0, 255)), min_size=1, max_size=8))
def test_a_damaged_docx_is_read_or_named_never_a_traceback(tmp_path_factory, flip):
    folder = tmp_path_factory.mktemp("damaged")
    data = bytearray(_case("gongshi_table").build(folder).read_bytes())
    for at, value in flip:
        data[at % len(data)] = value
    path = folder / "damaged.docx"
    path.write_bytes(bytes(data))
    try:
        blocks, _ = docread.read(path)
        analyse(blocks)
    except docread.Unreadable as exc:
        assert str(exc)


def test_headings_numbered_by_word_itself_keep_their_numbers(tmp_path):
    """Word's automatic numbering (w:numPr): the numbers are not in the text runs."""
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls
    d = docx.Document()
    numbering = d.part.numbering_part.element
    numbering.append(parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="90">'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>'
        '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>'
        '</w:abstractNum>'))
    numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))

    def numbered(text, level):
        p = d.add_paragraph(text)
        p._p.get_or_add_pPr().append(parse_xml(
            f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/><w:numId w:val="90"/></w:numPr>'))
    d.add_paragraph("关于做好2026年低保工作的通知").alignment = WD_ALIGN_PARAGRAPH.CENTER
    d.add_paragraph("各镇人民政府：")
    d.add_paragraph("　　现将有关事项通知如下。")
    numbered("总体要求", 0)
    numbered("适用范围", 1)
    numbered("工作标准", 1)
    numbered("工作要求", 0)
    numbered("时间安排", 1)
    d.add_paragraph("云岭市青溪区民政局").alignment = WD_ALIGN_PARAGRAPH.RIGHT
    d.add_paragraph("2026年3月5日").alignment = WD_ALIGN_PARAGRAPH.RIGHT
    path = tmp_path / "numbered.docx"
    d.save(path)
    assert fields_of(path)["headings"] == [[1, "一、总体要求"], [2, "（一）适用范围"], [2, "（二）工作标准"],
                                           [1, "二、工作要求"], [2, "（一）时间安排"]]


def test_a_bulleted_list_stays_a_list_and_a_plain_paragraph_does_not(tmp_path):
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    d = docx.Document()
    d.add_paragraph("关于申请材料的通知").alignment = WD_ALIGN_PARAGRAPH.CENTER
    d.add_paragraph("　　申请时须提交以下材料：")
    for item in ("户口簿", "居民身份证", "收入证明"):
        d.add_paragraph(item, style="List Bullet")
    d.add_paragraph("　　材料不全的，一次性告知。")
    d.add_paragraph("云岭市青溪区民政局").alignment = WD_ALIGN_PARAGRAPH.RIGHT
    d.add_paragraph("2026年3月5日").alignment = WD_ALIGN_PARAGRAPH.RIGHT
    d.add_paragraph("（此件公开发布）")
    path = tmp_path / "list.docx"
    d.save(path)
    root = site_root(tmp_path / "site")
    results, _ = importer.import_documents(root, [path], published=TODAY)
    body = yaml.safe_load((root / results[0].notice).read_text(encoding="utf-8"))["body"]
    assert "- 户口簿\n- 居民身份证\n- 收入证明\n" in body
    assert "\n- 材料" not in body and "申请时须提交以下材料：\n\n- 户口簿" in body


def _tongzhi(number: str, title: list[str], *, organ: str = "云岭市青溪区民政局", body: str = "现将有关事项通知如下。",
             written: str = "2025年3月5日", attachments: list[str] = (), title_mode: str = "br"):
    """A 通知 laid out by GB/T 9704 with the gallery's builder (red 标志, 发文字号, rule, title,
    主送, one body paragraph, 附件说明, 署名 and date, 附注): a test adds what it is about."""
    from gongwen_gallery import Gw
    g = Gw("word")
    g.red_head(f"{organ}文件", size=36)
    g.number(number)
    g.rule(sz=24)
    g.title(title, mode=title_mode)
    g.addressee("各镇人民政府、街道办事处：")
    g.body([(0, body)])
    if attachments:
        g.attachment_note(list(attachments))
    g.sign([organ], written)
    g.note("（此件公开发布）")
    return g


@pytest.mark.parametrize("name", ["..", ".", "..\\..\\..\\pwned.txt", "a/../../b.txt", ""])
def test_an_embedded_files_own_name_never_leaves_the_notices_folder(tmp_path, name):
    """The name inside an embedded object is the sender's word: ".." or a path must give a
    plain file in the notice's folder, and the site must still build."""
    g = _tongzhi("青溪民发〔2025〕61号", ["云岭市青溪区民政局关于做好冬季救助工作的通知"])
    g.page_break()
    g.embed_file(name, b"payload\n")
    document = g.save(tmp_path / "in", "embedded.docx")
    root = site_root(tmp_path / "site")
    results, problems = importer.import_documents(root, [document], published=TODAY)
    assert problems == [] and results[0].notice, [str(p) for r in results for p in r.problems]
    notice = yaml.safe_load((root / results[0].notice).read_text(encoding="utf-8"))
    [attachment] = notice["attachments"]
    folder, file_name = attachment.rsplit("/", 1)
    assert folder == "files/mzj/embedded" and file_name not in ("", ".", "..") and "\\" not in file_name
    assert (root / "content" / attachment).read_bytes() == b"payload\n"
    assert not (tmp_path / "pwned.txt").exists() and not (root / "b.txt").exists()
    build = pipeline.build(root, root / "public")
    assert build.report.ok, [str(p) for p in build.report.problems]
    assert (root / "public" / attachment).read_bytes() == b"payload\n"


def test_characters_that_show_nothing_are_taken_out_of_what_is_read(tmp_path):
    """A zero-width space typed inside a 发文字号 leaves it that 发文字号; a byte-order mark, a
    direction override or a control character never reaches the notice."""
    g = _tongzhi("\ufeff青溪民发\u200b〔2025〕22号", ["云岭市青溪区民政局关于做好\u200b冬季救助工作的通知"],
                 body="现将\u202e有关事项\x7f通知如下。")
    document = g.save(tmp_path / "in", "invisible.docx")
    root = site_root(tmp_path / "site")
    results, problems = importer.import_documents(root, [document], published=TODAY)
    assert problems == [] and results[0].notice, [str(p) for r in results for p in r.problems]
    notice = yaml.safe_load((root / results[0].notice).read_text(encoding="utf-8"))
    assert notice["doc_number"] == "青溪民发〔2025〕22号"
    assert notice["title"] == "云岭市青溪区民政局关于做好冬季救助工作的通知"
    assert "现将有关事项通知如下。" in notice["body"]
    # the near thing: ordinary spaces and line breaks of the body stay
    assert notice["body"].count("\n") >= 2


def test_a_joint_document_is_imported_under_the_organ_its_head_names_first(tmp_path):
    """联合行文 with both 署名 on one line: the 主办机关 is the first of the 版头 (GB/T 9704
    7.2.1), not the last name of the line, and the import says it was a joint document."""
    from gongwen_gallery import Gw
    g = Gw("word")
    g.head_table(["青溪区医疗保障局", "青溪区民政局"])
    g.number("青溪医保发〔2026〕7号", sz=24)
    g.title(["关于进一步做好困难群众医疗救助工作的通知"])
    g.addressee("各镇人民政府、街道办事处：")
    g.body([(0, "现将有关事项通知如下。")])
    g.sign(["云岭市青溪区医疗保障局\u3000\u3000云岭市青溪区民政局"], "2026年3月12日")
    g.note("（此件公开发布）")
    document = g.save(tmp_path / "in", "joint.docx")
    root = site_root(tmp_path / "site")
    results, problems = importer.import_documents(root, [document], published=TODAY)
    notice = yaml.safe_load((root / results[0].notice).read_text(encoding="utf-8"))
    assert notice["publisher"] == "ybj"
    assert any("联合行文: signed by ybj, mzj" in str(p) for p in results[0].problems), [str(p) for p in results[0].problems]


def test_a_folder_imports_the_attachments_sent_beside_a_document_as_its_attachments(tmp_path, run_cli):
    """The issuer's folder: the 通知 and the 附件 its 附件说明 names.  The 附件 goes with the
    notice, not in as a notice of its own; a document with a 版头 of its own stays one."""
    from gongwen_gallery import Gw
    folder = tmp_path / "in"

    def notice(number: str, title: str, name: str, attachments: list[str]) -> None:
        _tongzhi(number, [title], written="2026年3月5日", attachments=attachments).save(folder, name)
    notice("青溪民发〔2026〕20号", "关于印发临时救助实施方案的通知", "通知.docx", ["附件：临时救助实施方案"])
    plan = Gw("word")
    plan.title(["临时救助实施方案"])
    plan.body([(0, "一、救助对象。因突发事件陷入困境的家庭。")])
    plan.save(folder, "附件1 临时救助实施方案.docx")
    # a document of its own whose file name holds the attachment's name: imported
    notice("青溪民发〔2026〕21号", "关于转发临时救助实施方案的通知", "转发临时救助实施方案.docx", [])
    root = site_root(tmp_path / "site")
    code, out, err = run_cli("import", folder, root, "--published", "2026-12-07")
    assert code == 0, err
    assert "附件1 临时救助实施方案.docx: 附件 of" in out and "2 of 2 document(s) imported, 1 attachment(s) with them" in out
    notices = sorted(p.name for p in (root / "content" / "notices" / "mzj").iterdir())
    assert len(notices) == 2, notices
    first = yaml.safe_load((root / "content" / "notices" / "mzj" / notices[0]).read_text(encoding="utf-8"))
    second = yaml.safe_load((root / "content" / "notices" / "mzj" / notices[1]).read_text(encoding="utf-8"))
    by_number = {n["doc_number"]: n for n in (first, second)}
    assert [a.rsplit("/", 1)[-1] for a in by_number["青溪民发〔2026〕20号"]["attachments"]] == ["附件1 临时救助实施方案.docx"]
    assert "attachments" not in by_number["青溪民发〔2026〕21号"]


@pytest.mark.skipif(LIBREOFFICE is None, reason="LibreOffice makes the PDF")
def test_a_pdf_with_a_head_on_two_lines_and_a_long_signature_gives_its_fields(tmp_path):
    """The PDF of an ordinary 通知 (LibreOffice's export): its red 发文机关标志 runs over two
    lines and its 署名, set in from the right, starts left of the middle.  The head is read
    by its colour, the 署名 as standing right; the title is the title, not the head."""
    g = _tongzhi("青溪建委发〔2025〕7号", ["云岭市青溪区住房和城乡建设委员会关于开展2025年城镇燃气安全专项整治的通知"],
                 organ="云岭市青溪区住房和城乡建设委员会", body="为切实加强城镇燃气安全管理，现将有关事项通知如下。",
                 written="2025年4月1日")
    pdf = _convert(g.save(tmp_path / "in", "ranqi.docx"), "pdf", tmp_path / "pdf")
    blocks, _ = docread.read(pdf)
    assert [b.text for b in blocks if b.red] == ["云岭市青溪区住房和城乡建设委员会文件"]
    doc = analyse(blocks)
    assert doc.title == "云岭市青溪区住房和城乡建设委员会关于开展2025年城镇燃气安全专项整治的通知"
    assert doc.doc_number == "青溪建委发〔2025〕7号" and doc.written == date(2025, 4, 1)
    assert doc.signature == ["云岭市青溪区住房和城乡建设委员会"]
    # the near thing: a body paragraph in black is never the head
    assert not any(b.red for b in blocks if "燃气安全管理" in b.text)


def _analysed(g, tmp_path, name):
    blocks, _ = docread.read(g.save(tmp_path, name))
    return analyse(blocks)


def test_a_head_of_one_organ_a_line_a_decree_and_minutes_give_their_fields(tmp_path):
    """GB/T 9704's other forms: a 联合行文 标志 set one organ a red line; a 令 (标志, 令号,
    no title line: titled by its 标志 and 令号, and said to be); a 纪要 (标志, 期号, the
    issuing office and date in its head, then its title)."""
    from gongwen_gallery import Gw
    joint = Gw("word")
    for organ in ["云岭市青溪区农业农村委员会", "云岭市青溪区财政局"]:
        joint.red_head(organ, size=30)
    joint.red_head("文件", size=30)
    joint.number("青溪农委发〔2025〕9号")
    joint.rule(sz=24)
    joint.title(["关于下达2025年耕地地力保护补贴资金的通知"])
    joint.addressee("各镇人民政府：")
    joint.body([(0, "现将有关事项通知如下。")])
    joint.sign(["云岭市青溪区农业农村委员会", "云岭市青溪区财政局"], "2025年5月20日")
    doc = _analysed(joint, tmp_path, "joint.docx")
    assert doc.issuer == "云岭市青溪区农业农村委员会云岭市青溪区财政局文件"
    assert doc.doc_number == "青溪农委发〔2025〕9号" and doc.title == "关于下达2025年耕地地力保护补贴资金的通知"

    decree = Gw("word")
    decree.red_head("云岭市青溪区人民政府令", size=36)
    decree.number("第5号")
    decree.rule(sz=24)
    decree.body([(0, "《云岭市青溪区城市绿化管理办法》已经区政府常务会议通过，现予公布，自2025年4月1日起施行。")])
    decree.sign(["区长\u3000张某某"], "2025年3月1日")
    doc = _analysed(decree, tmp_path, "decree.docx")
    assert doc.doc_number == "第5号" and doc.title == "云岭市青溪区人民政府令第5号"
    assert any("a 令 has no title line" in what for _, what in doc.doubts)

    minutes = Gw("word")
    minutes.red_head("青溪区人民政府常务会议纪要", size=36)
    minutes.number("〔2025〕3号")
    minutes.p("青溪区人民政府办公室\u3000\u3000\u3000\u3000\u3000\u30002025年3月12日", jc="both")
    minutes.rule(sz=24)
    minutes.title(["区政府第十二次常务会议纪要"])
    minutes.body([(0, "2025年3月10日，区长主持召开区政府第十二次常务会议。")])
    doc = _analysed(minutes, tmp_path, "minutes.docx")
    assert doc.doc_number == "〔2025〕3号" and doc.title == "区政府第十二次常务会议纪要"
    assert doc.written == date(2025, 3, 12) and not any("成文日期" in what for _, what in doc.doubts)
    # the near thing: an ordinary 通知 with a number line keeps its title line as its title
    assert _case("tongzhi_full").expected["title"] == fields_of(_case("tongzhi_full").build(tmp_path / "t"))["title"]


def test_an_item_option_the_catalogues_do_not_list_is_refused_before_anything_is_written(tmp_path, run_cli):
    from sites import SHJZ_ROWS, write_base_catalogues
    root = site_root(tmp_path / "site")
    write_base_catalogues(root)
    document = _case("tongzhi_full").build(tmp_path / "in")
    level1, level2 = SHJZ_ROWS[0][0], SHJZ_ROWS[0][1]
    code, _, err = run_cli("import", document, root, "--item", f"{level1}/{level2[:-1]}")
    assert code == 1 and f"did you mean '{level1}/{level2}'" in err, err
    assert not list((root / "content" / "notices").rglob("*.yaml"))
    code, out, err = run_cli("import", document, root, "--item", f"{level1} / {level2}", "--domain", "社会救助")
    assert code == 0, err


def test_a_file_that_only_bears_a_word_name_is_named_as_no_document(tmp_path):
    empty = tmp_path / "empty.docx"
    empty.write_bytes(b"")
    text = tmp_path / "notes.doc"
    text.write_text("关于做好冬季救助工作的通知\n各镇：\n现将有关事项通知如下。\n", encoding="utf-8")
    with pytest.raises(docread.Unreadable, match="the file is empty"):
        docread.read(empty)
    with pytest.raises(docread.Unreadable, match="not a Word or WPS document"):
        docread.read(text)
    # the near thing: a .doc that is RTF, as some systems save it, is a document (read by LibreOffice)
    rtf = tmp_path / "rtf.doc"
    rtf.write_bytes(b"{\\rtf1\\ansi hello}")
    if LIBREOFFICE:
        docread.read(rtf)  # no Unreadable about its kind


def test_a_long_title_a_minutes_distribution_line_and_a_web_page_attachment_are_said(tmp_path):
    g = _tongzhi("青溪民发〔2025〕63号", ["第一行标题文字", "第二行标题文字", "第三行标题文字", "第四行标题文字",
                                      "第五行标题文字"], title_mode="paras")
    g.para("分送：区政府各部门，各镇人民政府。")
    g.page_break()
    g.embed_file("说明.html", b"<script>alert(1)</script>\n")
    document = g.save(tmp_path / "in", "long.docx")
    root = site_root(tmp_path / "site")
    results, _ = importer.import_documents(root, [document], published=TODAY)
    said = "\n".join(str(p) for p in results[0].problems)
    assert "more centred lines follow the title's first four" in said
    assert "is a web page or script" in said
    notice = yaml.safe_load((root / results[0].notice).read_text(encoding="utf-8"))
    assert "分送" not in notice["body"]  # the 版记's line, not the body's


def test_a_main_addressee_typed_over_two_paragraphs_is_one(tmp_path):
    from gongwen_gallery import Gw
    g = Gw("word")
    g.red_head("云岭市青溪区应急管理局文件", size=36)
    g.number("青溪应急发〔2025〕17号")
    g.rule(sz=24)
    g.title(["云岭市青溪区应急管理局关于做好2025年汛期安全防范工作的通知"])
    g.p("各镇人民政府、街道办事处，区级有关部门，区属各国有企业，各危险化学品", jc="both")
    g.p("生产经营单位，各非煤矿山企业：", jc="both")
    g.body([(0, "当前我区已进入主汛期，现将有关事项通知如下。")])
    g.sign(["云岭市青溪区应急管理局"], "2025年6月12日")
    doc = _analysed(g, tmp_path, "zhusong.docx")
    assert doc.addressee == "各镇人民政府、街道办事处，区级有关部门，区属各国有企业，各危险化学品生产经营单位，各非煤矿山企业："
    assert doc.body[0].text.strip("\u3000 ").startswith("当前我区")


def test_a_document_whose_doc_number_a_notice_has_is_not_imported_again(tmp_path, run_cli):
    """The same document under another file name: its 发文字号 is a notice's already (however
    its brackets are written there); a document with another number is imported."""
    root = site_root(tmp_path / "site")
    source = _case("tongzhi_full").build(tmp_path / "in")
    expected = _case("tongzhi_full").expected
    mzj = root / "content" / "notices" / "mzj"
    mzj.mkdir(parents=True)
    (mzj / "by-hand.yaml").write_text(
        f"title: {expected['title']}\npublisher: mzj\npublished: 2026-03-06\ndisclosure: 主动公开\n"
        f"doc_number: {expected['doc_number'].replace('〔', '[').replace('〕', ']')}\nbody: 见原文。\n", encoding="utf-8")
    code, _, err = run_cli("import", source, root)
    assert code == 1 and "already imported as content/notices/mzj/by-hand.yaml" in err, err
    (mzj / "by-hand.yaml").unlink()
    code, out, err = run_cli("import", source, root)
    assert code == 0, err
