"""End to end: personal data never reaches an output byte.

A township's 低保 notice holds a valid 居民身份证号 (two, one ending in X), a mobile number
(plain, 3-4-4 with spaces and with hyphens) and a bank card number that passes the Luhn
check — in its title, its body and an attachment's name, the way such lists leak in real
portals.  After ``gwsite build``, no output file holds any of them in any spelling a
browser or a script would decode back (raw digits, JSON ``\\uXXXX`` escapes, HTML
character references), not even inside the .xlsx downloads; the page, the feeds and the
search index show the masked forms instead.  The numbers are computed from the check
algorithms, never copied, so each one is certainly valid.
"""
from __future__ import annotations

import html
import io
import json
import re
import zipfile

import pytest

from sites import all_output_bytes, make_site
from personal_data import make_card, make_id
from tools.make_demo import make_pdf

ID = make_id("50011619850612301")
ID_X = next(i for i in (make_id(f"50011619720304{k:03d}") for k in range(1000)) if i.endswith("X"))
MOBILE = "18623456789"
MOBILE_2 = "13983456712"
CARD = make_card("622848012345678901")  # 19 digits

MASKED = {
    ID: ID[:6] + "********" + ID[-4:],
    ID_X: ID_X[:6] + "********" + ID_X[-4:],
    MOBILE: "186****6789",
    MOBILE_2: "139****6712",
    CARD: "*" * 15 + CARD[-4:],
}
# A masked number in a file name uses x: Windows allows no * in file names.
ID_IN_NAME = MASKED[ID].replace("*", "x")

MOBILE_SPACED = f"{MOBILE[:3]} {MOBILE[3:7]} {MOBILE[7:]}"  # 186 2345 6789
MOBILE_2_HYPHENATED = f"{MOBILE_2[:3]}-{MOBILE_2[3:7]}-{MOBILE_2[7:]}"
CARD_GROUPED = " ".join(CARD[k:k + 4] for k in range(0, 19, 4))  # 6228 4801 2345 6789 01…

NOTICE = f"""\
title: 龙门镇2025年9月城乡低保新增对象公示（经办人手机{MOBILE}）
publisher: longmen
published: 2025-10-09
written: 2025-09-30
disclosure: 主动公开
domain: 社会救助
item: 最低生活保障/审核确认结果
doc_number: 龙门府发〔2025〕45号
attachments:
  - files/longmen/低保新增对象名单-{ID}.pdf
body: |
  经村（居）民委员会初审、镇人民政府审核，现将2025年9月新增低保对象公示如下：

  | 序号 | 户主 | 所在村 | 保障人数 | 身份证号 | 联系电话 | 发放账户 |
  |---|---|---|---|---|---|---|
  | 1 | 张三 | 石桥村 | 3 | {ID} | {MOBILE_SPACED} | {CARD_GROUPED} |
  | 2 | 王五 | 新桥村 | 1 | {ID_X} | {MOBILE_2_HYPHENATED} | {CARD} |

  公示期7天。如有异议，请向镇社会事务办反映，联系人李四，手机{MOBILE}，办公电话023-47521234。
"""

ATTACHMENT = b"%PDF-1.4 dibao-2025-09 list (no personal data in these bytes)\n"


def spellings(number: str) -> list[bytes]:
    """Every way a file may hold ``number`` so that a reader gets it back."""
    forms = {number, number.lower(), number.upper()}  # an ID's X either way
    if len(number) == 11:  # a mobile number, also written 3-4-4
        forms |= {f"{number[:3]} {number[3:7]} {number[7:]}", f"{number[:3]}-{number[3:7]}-{number[7:]}"}
    if len(number) == 19:  # a card, also written in groups of four
        groups = [number[k:k + 4] for k in range(0, 19, 4)]
        forms |= {" ".join(groups), "-".join(groups)}
    out = []
    for form in forms:
        out.append(form.encode())
        out.append("".join(f"\\u{ord(c):04x}" for c in form).encode())  # JSON escapes
        out.append("".join(f"\\u{ord(c):04X}" for c in form).encode())
        out.append("".join(f"&#{ord(c)};" for c in form).encode())  # HTML character references
        out.append("".join(f"&#x{ord(c):x};" for c in form).encode())
    return out


def every_byte(out) -> list[tuple[str, bytes]]:
    """Every output file, and every member of every zip (the .xlsx downloads) beside it."""
    files = all_output_bytes(out)
    for path, data in list(files):
        if data[:4] == b"PK\x03\x04":
            with zipfile.ZipFile(io.BytesIO(data)) as z:
                files += [(f"{path}!{name}", z.read(name)) for name in z.namelist()]
    return files


def build(tmp_path, run_cli):
    root = make_site(tmp_path / "site", {
        "content/notices/longmen/dibao-2025-09.yaml": NOTICE,
        f"content/files/longmen/低保新增对象名单-{ID}.pdf": ATTACHMENT,
    })
    out = tmp_path / "public"
    code, _, err = run_cli("build", root, "-o", out)
    assert code == 0, err
    return root, out


def test_the_numbers_are_valid():
    from gwsite.privacy import find_personal_data

    for number in MASKED:
        assert [f.masked for f in find_personal_data(f"：{number}，")] == [MASKED[number]], number
    assert ID_X.endswith("X") and len(CARD) == 19


def test_no_output_byte_holds_personal_data(tmp_path, run_cli):
    _, out = build(tmp_path, run_cli)
    files = every_byte(out)
    assert len(files) > 30
    for number in MASKED:
        for form in spellings(number):
            leaks = [path for path, data in files if form in data]
            assert not leaks, f"{form!r} in {leaks}"
    names = [path for path, _ in files]
    assert not any(ID in name for name in names)
    # The attachment is published, under its masked name, byte for byte.
    (copy,) = [p for p in names if p.startswith("files/longmen/")]
    assert copy == f"files/longmen/低保新增对象名单-{ID_IN_NAME}.pdf"
    assert (out / copy).read_bytes() == ATTACHMENT


def test_the_page_shows_the_masked_forms(tmp_path, run_cli):
    _, out = build(tmp_path, run_cli)
    page = (out / "notices/longmen/dibao-2025-09.html").read_text(encoding="utf-8")
    for masked in MASKED.values():
        assert masked in page, masked
    assert f"<td>{MASKED[ID]}</td>" in page and f"<td>{MASKED[ID_X]}</td>" in page  # the table stays a table
    assert f"低保新增对象名单-{ID_IN_NAME}.pdf</a>" in page
    title = f"龙门镇2025年9月城乡低保新增对象公示（经办人手机{MASKED[MOBILE]}）"
    assert title in page
    for feed in ("feed.xml", "orgs/longmen/feed.xml", "domains/shjz/feed.xml"):
        assert title in (out / feed).read_text(encoding="utf-8"), feed


def _search_records(out) -> list[list]:
    """The notices' records (not the catalogue items')."""
    records = []
    for shard in sorted((out / "search" / "d").glob("*.js")):
        text = shard.read_text(encoding="utf-8")
        kind, _, data = json.loads(text[text.index("(") + 1:text.rindex(")")])
        assert kind == "d"
        records += [r for r in data if len(r) <= 11]
    return records


def test_the_search_index_holds_the_masked_text(tmp_path, run_cli):
    _, out = build(tmp_path, run_cli)
    (record,) = _search_records(out)
    text = json.dumps(record, ensure_ascii=False)
    assert f"经办人手机{MASKED[MOBILE]}" in record[1]
    # The body as a reader sees it: the masks read as on the page, not as Markdown emphasis.
    body = record[-1]
    for masked in MASKED.values():
        assert masked in body, (masked, body)
    assert f"低保新增对象名单-{ID_IN_NAME}.pdf" in text


def test_search_finds_the_notice_but_never_by_the_number(tmp_path, run_cli):
    _, out = build(tmp_path, run_cli)
    code, stdout, _ = run_cli("search", out, "低保新增对象", "--json")
    assert code == 0
    hits = json.loads(stdout)["hits"]
    assert [h["id"] for h in hits if h["kind"] == "notice"] == ["longmen/dibao-2025-09"]
    assert MOBILE not in stdout and MASKED[MOBILE] in hits[0]["title"]
    for number in (ID, MOBILE, CARD, MOBILE_2, ID[-8:]):
        code, stdout, _ = run_cli("search", out, number, "--json")
        assert json.loads(stdout)["total"] == 0, number


def test_check_names_each_place(tmp_path, run_cli):
    root, _ = build(tmp_path, run_cli)
    code, stdout, _ = run_cli("check", root)
    assert code == 0
    hint = "(remove personal data from the source, or mark the notice 惩戒公示 in tags)"
    where = "content/notices/longmen/dibao-2025-09.yaml"
    lines = [line for line in stdout.splitlines() if "published masked as" in line]
    assert lines == [
        f"{where}:1: warning: 手机号码 in the title is published masked as {MASKED[MOBILE]} {hint}",
        # The line of the attachments: key (the list holding the name is right below it).
        f"{where}:10: warning: 居民身份证号 in the attachment name is published masked as {MASKED[ID]} {hint}",
        f"{where}:16: warning: 居民身份证号 in the body is published masked as {MASKED[ID]} {hint}",
        f"{where}:16: warning: 手机号码 in the body is published masked as {MASKED[MOBILE]} {hint}",
        f"{where}:16: warning: 银行卡号 in the body is published masked as {MASKED[CARD]} {hint}",
        f"{where}:17: warning: 居民身份证号 in the body is published masked as {MASKED[ID_X]} {hint}",
        f"{where}:17: warning: 手机号码 in the body is published masked as {MASKED[MOBILE_2]} {hint}",
        f"{where}:17: warning: 银行卡号 in the body is published masked as {MASKED[CARD]} {hint}",
        f"{where}:19: warning: 手机号码 in the body is published masked as {MASKED[MOBILE]} {hint}",
    ]
    assert NOTICE.splitlines()[15].startswith("  | 1 |") and NOTICE.splitlines()[18].startswith("  公示期")
    for number in MASKED:
        assert number not in stdout


def test_an_attachment_warning_names_the_line_of_the_list_item(tmp_path, run_cli):
    root, _ = build(tmp_path, run_cli)
    _, stdout, _ = run_cli("check", root)
    assert NOTICE.splitlines()[9].startswith("  - files/longmen/")
    assert any(line.startswith("content/notices/longmen/dibao-2025-09.yaml:10: warning: 居民身份证号 in the "
                               "attachment name") for line in stdout.splitlines())


MASKED_BODIES = [
    f"联系人李四，手机{MASKED[MOBILE]}，身份证{MASKED[ID]}。",
    f"| 户主 | 身份证号 | 账户 |\n|---|---|---|\n| 张三 | {MASKED[ID_X]} | {MASKED[CARD]} |",
    f"- 张三 {MASKED[MOBILE]}\n- 王五 {MASKED[MOBILE_2]}",
]


@pytest.mark.parametrize("masked_body", MASKED_BODIES, ids=["sentence", "table", "list"])
def test_search_text_of_a_masked_body_reads_as_the_page(masked_body):
    """The body is stored masked with its stars escaped (so two masks in one paragraph make
    no emphasis); the search text must read them as the page does."""
    from gwsite.markup import markdown_to_html
    from gwsite.privacy import mask_personal_data
    from gwsite.search import markdown_text

    source = masked_body
    for number, masked in MASKED.items():
        source = source.replace(masked, number)
    body = mask_personal_data(source, markdown=True)
    rendered = re.sub(r"<(?:p|li|td|th|tr|ul|table|thead|tbody)\b[^>]*>", " ", markdown_to_html(body))
    expected = " ".join(html.unescape(re.sub(r"<[^>]+>", "", rendered)).split())
    assert markdown_text(body) == expected
    for masked in MASKED.values():
        if masked in masked_body:
            assert masked in expected


PAGE = f"""\
---
title: 2025年社会救助工作年报（联系人手机{MOBILE}）
section: 年报
publisher: longmen
---

全年新增低保对象{3}户，其中张三（身份证号{ID}）……

咨询电话：{MOBILE_2_HYPHENATED}。
"""


def test_a_free_page_is_masked_too(tmp_path, run_cli):
    root = make_site(tmp_path / "site", {"content/pages/longmen/annual-2025.md": PAGE})
    out = tmp_path / "public"
    code, _, err = run_cli("build", root, "-o", out)
    assert code == 0, err
    for number in (MOBILE, MOBILE_2, ID):
        for form in spellings(number):
            assert not [path for path, data in every_byte(out) if form in data], form
    page = (out / "pages/longmen/annual-2025.html").read_text(encoding="utf-8")
    assert f"联系人手机{MASKED[MOBILE]}" in page and f"身份证号{MASKED[ID]}" in page and MASKED[MOBILE_2] in page
    assert f"content/pages/longmen/annual-2025.md:2: warning: 手机号码 in the title is published masked as {MASKED[MOBILE]}" in err
    assert f"content/pages/longmen/annual-2025.md:7: warning: 居民身份证号 in the body is published masked as {MASKED[ID]}" in err
    assert (f"content/pages/longmen/annual-2025.md:9: warning: 手机号码 in the body is published masked as {MASKED[MOBILE_2]}"
            " (remove personal data from the source)\n") in err


def _docx(paragraphs: list[list[str]]) -> bytes:
    """A Word document whose paragraphs are made of these runs (Word splits text into runs)."""
    body = "".join("<w:p>" + "".join(f"<w:r><w:t>{run}</w:t></w:r>" for run in runs) + "</w:p>"
                   for runs in paragraphs)
    raw = io.BytesIO()
    with zipfile.ZipFile(raw, "w") as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/'
                   'package/2006/content-types"/>')
        z.writestr("word/document.xml", '<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/'
                   f'wordprocessingml/2006/main"><w:body>{body}</w:body></w:document>')
    return raw.getvalue()


def _xlsx(rows_by_sheet: dict[str, list[list]], hidden: tuple[str, ...] = ()) -> bytes:
    import openpyxl
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for title, rows in rows_by_sheet.items():
        ws = wb.create_sheet(title)
        for row in rows:
            ws.append(row)
        if title in hidden:
            ws.sheet_state = "hidden"
    raw = io.BytesIO()
    wb.save(raw)
    return raw.getvalue()


LIST_NOTICE = """\
title: 2025年9月低保新增对象名单公示
publisher: longmen
published: 2025-10-09
disclosure: 主动公开
attachments:
  - files/longmen/名单.csv
  - files/longmen/名单-导出.csv
  - files/longmen/名单.xlsx
  - files/longmen/名单.docx
  - files/longmen/名单.txt
  - files/longmen/名单.pdf
body: |
  名单见附件。
"""


def list_files(id_in_workbook: bool = True) -> dict[str, bytes]:
    return {
        "content/files/longmen/名单.csv": f"序号,户主,身份证号\n1,张三,{ID}\n2,王五,已脱敏\n".encode("utf-8-sig"),
        # Excel's CSV export on Chinese Windows: GB18030
        "content/files/longmen/名单-导出.csv": f"户主,电话\n李四,{MOBILE_SPACED}\n".encode("gb18030"),
        "content/files/longmen/名单.xlsx": _xlsx(
            {"名单": [["户主", "身份证号", "电话"], ["张三", ID if id_in_workbook else "已脱敏", int(MOBILE)]],
             "底稿": [["发放账户"], [CARD]]}, hidden=("底稿",)),
        "content/files/longmen/名单.docx": _docx([["公示名单"], ["王五，手机", MOBILE_2[:3], MOBILE_2[3:]]]),
        # Excel's "Unicode 文本": UTF-16 with its byte order mark
        "content/files/longmen/名单.txt": f"户主\t身份证号\r\n赵六\t{ID_X}\r\n".encode("utf-16"),
        "content/files/longmen/名单.pdf": make_pdf(["低保新增对象名单", f"赵六 {ID}"]),  # its text layer is read
    }


def test_personal_data_in_attachment_files_is_named_by_place(tmp_path, run_cli):
    root = make_site(tmp_path / "site", {"content/notices/longmen/list.yaml": LIST_NOTICE, **list_files()})
    code, out, err = run_cli("check", root)
    said = out + err
    warned = sorted(line.split(": warning: ")[0] for line in said.splitlines() if "published in full" in line)
    assert warned == ["content/files/longmen/名单-导出.csv:2", "content/files/longmen/名单.csv:2",
                      "content/files/longmen/名单.docx", "content/files/longmen/名单.pdf page 1",
                      "content/files/longmen/名单.txt:2",
                      "content/files/longmen/名单.xlsx!名单!B2", "content/files/longmen/名单.xlsx!名单!C2",
                      "content/files/longmen/名单.xlsx!底稿!A2"]
    assert (f"content/files/longmen/名单.csv:2: warning: 居民身份证号 published in full ({MASKED[ID]} when masked): "
            "this file is an attachment of content/notices/longmen/list.yaml") in said
    assert MOBILE not in said and ID not in said  # a warning never repeats what it warns about

    code, _, err = run_cli("build", root, "--strict", "-o", tmp_path / "public")
    assert code == 1 and "content/files/longmen/名单.csv:2: 居民身份证号 published in full" in err


def test_an_attachment_too_large_to_read_is_named(tmp_path, run_cli, monkeypatch):
    from gwsite import notices
    monkeypatch.setattr(notices, "LARGEST_SCANNED", 100)  # bytes, so that the test file is "large"
    root = make_site(tmp_path / "site", {"content/notices/longmen/list.yaml": LIST_NOTICE, **list_files()})
    code, out, err = run_cli("check", root)
    assert "content/files/longmen/名单.xlsx: warning: not checked for personal data: larger than 0 MB" in out + err


def test_an_attachment_edited_under_its_name_is_checked_again(tmp_path, run_cli):
    root = make_site(tmp_path / "site", {"content/notices/longmen/list.yaml": LIST_NOTICE, **list_files()})
    out = tmp_path / "public"
    code, _, err = run_cli("build", root, "-o", out)
    assert code == 0 and "名单.xlsx!名单!B2" in err
    (root / "content/files/longmen/名单.xlsx").write_bytes(list_files(id_in_workbook=False)["content/files/longmen/名单.xlsx"])
    code, _, err = run_cli("build", root, "-o", out)  # incremental: the notice file itself is unchanged
    assert code == 0 and "名单.xlsx!名单!B2" not in err and "名单.xlsx!名单!C2" in err


HEAD = "title: 关于公示的通知\npublisher: mzj\npublished: 2025-03-14\ndisclosure: 主动公开\n"


@pytest.mark.parametrize("body, line", [
    (f'body: "第5行\\n第5行续，手机{MOBILE}"\n', 5),  # quoted, its line break escaped: all on line 5
    (f"body: 联系人手机{MOBILE}\n", 5),  # plain, on the key's line
    (f"body: >\n  第一段第一行\n  第一段第二行，手机{MOBILE}。\n\n  第二段\n", 6),  # folded: the paragraph's line
    (f"body: >\n  第一段\n\n  第二段第一行\n  第二段第二行，手机\n  {MOBILE}。\n", 8),
    (f"body: |\n  第一段\n\n  第二段，手机{MOBILE}。\n", 8),  # literal: the file's own lines
    (f'body:\n  "引用的正文\n  第二行，手机{MOBILE}"\n', 6),  # quoted, starting on the next line, folded
])
def test_a_warning_about_a_body_names_its_line_however_the_body_is_written(body, line, tmp_path, run_cli):
    root = make_site(tmp_path / "site", {"content/notices/mzj/a.yaml": HEAD + body})
    code, out, err = run_cli("check", root)
    said = [x for x in (out + err).splitlines() if "手机号码 in the body" in x]
    assert len(said) == 1 and said[0].startswith(f"content/notices/mzj/a.yaml:{line}: "), (said, body)
    assert line <= len((HEAD + body).splitlines())
