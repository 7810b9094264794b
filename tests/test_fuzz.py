"""No input ends in a traceback (issue 18): site.yaml, notices, pages and catalogue cells,
mutated every which way, give a clean check or problems that each name their file.

A small valid site (tests/sites.py) is made once per test; each example rewrites one of
its files, runs ``pipeline.check`` and puts the file back.  Derandomized, so that CI sees
the same examples on every run.
"""
from __future__ import annotations

import datetime as dt
import io
import os
from pathlib import Path

import openpyxl
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl.cell.cell import MergedCell

from gwsite import pipeline
from gwsite.config import ORG_KEYS, SITE_KEYS
from gwsite.notices import NOTICE_KEYS, PAGE_KEYS
from sites import SITE_YAML, make_site

# A date cell beyond Excel's calendar: openpyxl warns and reads it as an error value.
pytestmark = pytest.mark.filterwarnings("ignore:Cell .* is marked as a date:UserWarning")

NOTICE_YAML = """\
title: 关于调整2025年城乡最低生活保障标准的通知
publisher: mzj
published: 2025-03-14
disclosure: 主动公开
written: 2025-03-10
doc_number: 测试民发〔2025〕12号
domain: 社会救助
item: 最低生活保障/审核确认结果
topic: 民政、扶贫、救灾\\社会救助
genre: 通知
validity: 有效
attachments: [files/mzj/biaozhun.pdf]
review: {初审: 张三, 复审: 李四, 终审: 王五}
tags: [低保]
body: |
  各镇人民政府、街道办事处：

  | 类别 | 标准 |
  |---|---|
  | 城市 | 620元 |

  见[标准](files/mzj/biaozhun.pdf)。
"""

NOTICE_MD = """\
---
title: 关于2025年部门预算的公告
publisher: czj
published: 2025-02-01
disclosure: 主动公开
domain: [财政预决算]
item: 部门预算/部门预算
interprets: mzj/a
---

## 一、总体情况

正文，联系电话 023-12345678。
"""

PAGE_MD = """\
---
title: 测试区民政局政府信息公开指南
publisher: mzj
section: 指南
published: 2025-01-10
---

一、公开的主体和范围

本机关负责……
"""

# Every key any of the files may hold: added where it was not, with any value.
KEYS = tuple(dict.fromkeys(SITE_KEYS + ORG_KEYS + NOTICE_KEYS + PAGE_KEYS))

CATALOGUE = "catalogues/测试区社会救助领域基层政务公开标准目录.xlsx"
TEXT_FILES = {
    "site.yaml": SITE_YAML,
    "content/notices/mzj/a.yaml": NOTICE_YAML,
    "content/notices/czj/b.md": NOTICE_MD,
    "content/pages/mzj/guide.md": PAGE_MD,
}

# GWSITE_FUZZ_EXAMPLES=5000 searches longer, with new random examples each run.
_LONGER = int(os.environ.get("GWSITE_FUZZ_EXAMPLES", "0"))
EXAMPLES = settings(max_examples=_LONGER or 150, deadline=None, derandomize=not _LONGER, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@pytest.fixture(scope="module")
def root(tmp_path_factory) -> Path:
    root = make_site(tmp_path_factory.mktemp("fuzz") / "site", {
        **{name: text for name, text in TEXT_FILES.items() if name != "site.yaml"},
        "content/files/mzj/biaozhun.pdf": b"%PDF-1.4 fake",
    })
    report = pipeline.check(root)
    assert report.ok, "\n".join(str(p) for p in report.errors)
    return root


def check_with(root: Path, name: str, data: bytes) -> None:
    """Check ``root`` with the file ``name`` holding ``data``; then put the file back."""
    path = root / name
    original = path.read_bytes()
    path.write_bytes(data)
    try:
        assert_located(root, pipeline.check(root))
    finally:
        path.write_bytes(original)


def assert_located(root: Path, report: pipeline.Report) -> None:
    """Every problem names a file of the site root, on one line: `path[:line]: message`."""
    for problem in report.problems:
        text = str(problem)
        where = problem.location.path
        assert text.startswith(str(problem.location) + ": "), text
        assert where and not Path(where).is_absolute() and ".." not in Path(where).parts, text
        assert (root / where).exists(), f"{text}\n(no such file in the site root: {where})"
        assert "\n" not in text and "Traceback" not in text, text


# --------------------------------------------------------------------------------------
# Mutations of a text file

# Values a hand-edited YAML file holds where another was expected.
yaml_values = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(-10**20, 10**20), st.floats(), st.text(max_size=20),
              st.dates(), st.sampled_from(["", "~", "2025-13-01", "2025-02-30", "2025/3/1", "二〇二五年三月", "主动公开",
                                           "mzj", "Mzj", "社会救助", "最低生活保障/", "/", "[", "{a: 1}", "../site.yaml",
                                           "/etc/passwd", "files/", "files/mzj/biaozhun.pdf#x", "http://[::1",
                                           "javascript:alert(1)", "<script>x</script>", "a\0b", "files/a\0b.pdf",
                                           "\ud800", "低保" * 2000, "files/" + "低保" * 200 + ".xlsx"])),
    lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=8), inner, max_size=3)),
    max_leaves=6,
)


@st.composite
def flipped(draw, data: bytes) -> bytes:
    """Up to eight bytes set to random values."""
    out = bytearray(data)
    for _ in range(draw(st.integers(1, 8))):
        out[draw(st.integers(0, len(out) - 1))] = draw(st.integers(0, 255))
    return bytes(out)


@st.composite
def truncated(draw, data: bytes) -> bytes:
    """Cut anywhere, in the middle of a character too (a copy that stopped short)."""
    return data[: draw(st.integers(0, len(data)))]


@st.composite
def inserted(draw, text: str) -> bytes:
    """Random text (any Unicode, control characters too) put at a random place."""
    at = draw(st.integers(0, len(text)))
    return (text[:at] + draw(st.text(min_size=1, max_size=12)) + text[at:]).encode("utf-8", "surrogatepass")


@st.composite
def lines_shuffled(draw, text: str) -> bytes:
    """A line deleted, doubled, or indented differently."""
    lines = text.split("\n")
    i = draw(st.integers(0, len(lines) - 1))
    how = draw(st.sampled_from(["delete", "double", "indent", "dedent", "tab"]))
    if how == "delete":
        del lines[i]
    elif how == "double":
        lines.insert(i, lines[i])
    elif how == "indent":
        lines[i] = "  " + lines[i]
    elif how == "dedent":
        lines[i] = lines[i].lstrip()
    else:
        lines[i] = "\t" + lines[i]
    return "\n".join(lines).encode("utf-8")


def _yaml_part(text: str) -> tuple[str, str, str]:
    """(before, YAML, after): the front matter of a .md file, or the whole of a .yaml one."""
    if text.startswith("---\n"):
        end = text.index("\n---\n", 4)
        return "---\n", text[4:end + 1], text[end + 1:]
    return "", text, ""


@st.composite
def restructured(draw, text: str) -> bytes:
    """One value, at any depth, replaced by another of any shape (a list where a mapping
    is expected, a number for a date …), a key misspelt, a key the file may hold added
    with any value, or the whole document replaced."""
    before, source, after = _yaml_part(text)
    data = yaml.safe_load(source)
    how = draw(st.sampled_from(["replace"] * 5 + ["rename", "add", "add", "whole"]))
    if how == "whole":
        data = draw(yaml_values)
    elif how == "add":
        # Keys YAML reads as no text too: null:, 2025:, yes:.
        key = draw(st.one_of(st.sampled_from(KEYS), st.sampled_from(("", "Title", "标题", None, 2025, True, 1.5))))
        data[key] = draw(yaml_values)
    else:
        holder, key = data, None
        while True:  # walk down to a random value
            keys = list(holder) if isinstance(holder, dict) else list(range(len(holder)))
            key = draw(st.sampled_from(keys))
            if isinstance(holder[key], (dict, list)) and holder[key] and draw(st.booleans()):
                holder = holder[key]
                continue
            break
        if how == "rename" and isinstance(holder, dict):
            holder[draw(st.text(min_size=1, max_size=10))] = holder.pop(key)
        else:
            holder[key] = draw(yaml_values)
    dumped = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    return (before + dumped + after).encode("utf-8", "surrogatepass")


@st.composite
def reencoded(draw, text: str) -> bytes:
    """The same text saved by another editor: GB18030 (Notepad, WPS), UTF-16, with a BOM,
    with Windows line ends."""
    how = draw(st.sampled_from(["gb18030", "gbk-mixed", "utf-16", "utf-16-le", "bom", "crlf", "cr"]))
    if how == "gbk-mixed":  # one line saved by another editor
        lines = text.split("\n")
        i = draw(st.integers(0, len(lines) - 1))
        return "\n".join(lines[:i]).encode() + b"\n" + lines[i].encode("gb18030") + b"\n" + \
            "\n".join(lines[i + 1:]).encode()
    if how == "bom":
        return b"\xef\xbb\xbf" + text.encode("utf-8")
    if how == "crlf":
        return text.replace("\n", "\r\n").encode("utf-8")
    if how == "cr":
        return text.replace("\n", "\r").encode("utf-8")
    return text.encode(how)


def mutations(text: str):
    data = text.encode("utf-8")
    return st.one_of(flipped(data), truncated(data), inserted(text), lines_shuffled(text),
                     restructured(text), reencoded(text))


@pytest.mark.parametrize("name", TEXT_FILES)
def test_a_mutated_text_file_gives_located_problems(root, name):
    @EXAMPLES
    @given(data=mutations(TEXT_FILES[name]))
    def run(data):
        check_with(root, name, data)

    run()


# --------------------------------------------------------------------------------------
# Workbook cells

# What departments type (or paste) into a catalogue's cells.
cell_values = st.one_of(
    st.none(),
    st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=30),
    st.integers(-10**15, 10**15),
    st.floats(allow_nan=False, allow_infinity=False),
    st.booleans(),
    st.dates(dt.date(1900, 3, 1), dt.date(2100, 1, 1)),
    st.datetimes(dt.datetime(1900, 3, 1), dt.datetime(2100, 1, 1)),
    st.sampled_from(["=SUM(A1:A3)", "=A4", "=1/0", "=VLOOKUP(B2,Sheet2!A:B,2,0)", "#REF!", "同上", "√", "■政府网站",
                     "区民政局、各镇人民政府", "公开事项", "序号", "一级事项", "公开主体", "说明：", "\u3000",
                     "低保" * 6000]),
    # Numbers as typed: footnote marks, full-width and circled digits, other scripts' digits.
    st.sampled_from(["¹", "²³", "①", "⑴", "１", "٣", "〇", "Ⅳ", "1.", "-0", "1e5", "0505", "50%", "1,000"]),
)


@st.composite
def cell_edits(draw):
    """Up to eight cells of the first sheet overwritten, in and around the table, and
    maybe one of its merges undone (the n-th) or a merge added over the items."""
    edits = draw(st.lists(st.tuples(st.integers(1, 9), st.integers(1, 17), cell_values), min_size=1, max_size=8))
    merge = draw(st.one_of(st.none(), st.integers(0, 12), st.sampled_from(["C4:D5", "A4:A6", "G4:G6"])))
    return edits, merge


@EXAMPLES
@given(change=cell_edits())
def test_mutated_workbook_cells_give_located_problems(root, change):
    edits, merge = change
    wb = openpyxl.load_workbook(root / CATALOGUE)
    ws = wb.worksheets[0]
    merges = sorted(map(str, ws.merged_cells.ranges))
    if isinstance(merge, int) and merge < len(merges):
        ws.unmerge_cells(merges[merge])
    elif isinstance(merge, str) and not any(r.coord == merge for r in ws.merged_cells.ranges):
        ws.merge_cells(merge)
    for row, col, value in edits:
        cell = ws.cell(row, col)
        if isinstance(cell, MergedCell):
            continue  # openpyxl refuses to write inside a merge, as Excel does
        cell.value = value
    saved = io.BytesIO()
    wb.save(saved)
    check_with(root, CATALOGUE, saved.getvalue())


# --------------------------------------------------------------------------------------
# The messages themselves

GBK_SITE = SITE_YAML.encode("gb18030")


def test_a_gbk_site_yaml_is_named_not_a_traceback(tmp_path, run_cli):
    root = make_site(tmp_path / "site")
    (root / "site.yaml").write_bytes(GBK_SITE)
    for command in ("check", "build"):
        code, out, err = run_cli(command, root, "-o", tmp_path / "public") if command == "build" else run_cli(command, root)
        said = (out + err).splitlines()
        assert code == 1
        assert "site.yaml:1: file is not UTF-8 text: it looks like GB18030/GBK, which Notepad and WPS save on a " \
               "Chinese Windows (save it as UTF-8 (in WPS/Notepad: 另存为, 编码 UTF-8))" in said
        assert "Traceback" not in out + err
    assert not (tmp_path / "public").exists()


@pytest.mark.parametrize("prefix", [b"", b"\xef\xbb\xbf"], ids=["utf-8", "utf-8 with BOM"])
def test_the_same_site_yaml_saved_as_utf8_checks_clean(tmp_path, run_cli, prefix):
    root = make_site(tmp_path / "site")
    (root / "site.yaml").write_bytes(prefix + GBK_SITE.decode("gb18030").encode("utf-8"))
    code, out, err = run_cli("check", root)
    assert code == 0, out + err
    assert "UTF-8" not in out + err


def test_the_first_bad_line_is_named(tmp_path):
    root = make_site(tmp_path / "site")
    lines = SITE_YAML.splitlines(keepends=True)
    # Saved as UTF-8, then one line pasted from a GBK file: the 5th line is named.
    (root / "site.yaml").write_bytes("".join(lines[:4]).encode() + "icp: 渝ICP备1号\n".encode("gb18030")
                                     + "".join(lines[5:]).encode())
    assert [str(p) for p in pipeline.check(root).errors] == [
        "site.yaml:5: file is not UTF-8 text: it looks like GB18030/GBK, which Notepad and WPS save on a "
        "Chinese Windows (save it as UTF-8 (in WPS/Notepad: 另存为, 编码 UTF-8))"]


def test_utf16_and_unreadable_site_yaml_are_named(tmp_path):
    root = make_site(tmp_path / "site")
    (root / "site.yaml").write_bytes(SITE_YAML.encode("utf-16"))
    assert [str(p) for p in pipeline.check(root).errors] == [
        "site.yaml:1: file is not UTF-8 text: it is UTF-16 (Notepad's 'Unicode') "
        "(save it as UTF-8 (in WPS/Notepad: 另存为, 编码 UTF-8))"]
    (root / "site.yaml").unlink()
    (root / "site.yaml").mkdir()
    assert [str(p) for p in pipeline.check(root).errors] == [
        "site.yaml: this is a folder, not a file (rename or move the folder, and keep site.yaml a text file)"]


@pytest.mark.parametrize("refused, expected", [
    ("site.yaml", "site.yaml"), ("a.yaml", "content/notices/mzj/a.yaml")])
def test_an_unreadable_site_yaml_or_notice_is_named(tmp_path, monkeypatch, refused, expected):
    """Permission denied (a file copied from another account's share): root reads every
    file, so the refusal is made here."""
    import builtins

    root = make_site(tmp_path / "site", {"content/notices/mzj/a.yaml": NOTICE_YAML,
                                         "content/files/mzj/biaozhun.pdf": b"%PDF"})
    real_open = builtins.open

    def refusing(file, mode="r", *args, **kwargs):
        if str(file).endswith("/" + refused) and "b" in mode:
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, mode, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", refusing)
    assert [str(p) for p in pipeline.check(root).errors] == [
        f"{expected}: cannot read this file: Permission denied "
        "(check that it exists and that the account running gwsite may read it)"]


@pytest.mark.parametrize("text, expected", [
    ("title: !!int 标题\n", "site.yaml:1: YAML syntax error: cannot read '标题' as !!int (correct the value, or remove the tag)"),
    ("title: x\nregion: \x07\n", "site.yaml:2: YAML syntax error: the control character U+0007 is not allowed in YAML "
                                 "text (delete it: most editors show it as nothing or as a box)"),
    ("title: x\norgs: " + "[" * 3000 + "]" * 3000 + "\n",
     "site.yaml:2: YAML syntax error: lists or mappings nested too deeply (check the brackets [ ] and { } on this line)"),
])
def test_yaml_that_pyyaml_fails_on_without_a_mark_is_located(tmp_path, text, expected):
    root = make_site(tmp_path / "site")
    (root / "site.yaml").write_text(text, encoding="utf-8")
    assert [str(p) for p in pipeline.check(root).errors] == [expected]


def test_a_gbk_theme_template_is_named_at_its_own_file(tmp_path, run_cli):
    root = make_site(tmp_path / "site", {"theme/templates/brand.html": "<p>青溪区</p>\n".encode("gb18030")})
    code, _, err = run_cli("build", root, "-o", tmp_path / "public")
    assert code == 1
    assert err.splitlines()[0] == (
        "theme/templates/brand.html:1: template error: file is not UTF-8 text: it looks like GB18030/GBK, which "
        "Notepad and WPS save on a Chinese Windows (save it as UTF-8 (in WPS/Notepad: 另存为, 编码 UTF-8))")


# --------------------------------------------------------------------------------------
# What the fuzzing found, kept as plain cases

LONG = "低保" * 200  # 1,200 bytes: longer than any file name may be


@pytest.mark.parametrize("files, expected", [
    ({"content/notices/mzj/a.yaml": NOTICE_YAML.replace("[files/mzj/biaozhun.pdf]", f"[{LONG}]")},
     f"content/notices/mzj/a.yaml:12: attachment '{LONG}' not found (looked for content/{LONG})"),
    ({"content/notices/mzj/a.yaml": NOTICE_YAML.replace("[files/mzj/biaozhun.pdf]", '["files/a\\0b.pdf"]')},
     "content/notices/mzj/a.yaml:12: attachment 'files/a\\x00b.pdf' is no possible file name "
     "(give the path of a file under content/files/, relative to content/)"),
    ({"site.yaml": SITE_YAML + f"upstream: city/{LONG}\n"},
     f"site.yaml:25: upstream 'city/{LONG}' is no possible folder name "
     "(give the folder of the city's catalogue workbooks, relative to the site root)"),
    ({"content/pages/mzj/guide.md": PAGE_MD.replace("section:", "null: 1\nsection:")},
     "content/pages/mzj/guide.md:4: unknown key 'None' in a page"),
    ({"site.yaml": SITE_YAML + '"ti\\ntle": x\n'},
     "site.yaml:25: unknown key 'ti\\ntle' in site.yaml; did you mean 'title'?"),
])
def test_found_by_fuzzing(tmp_path, files, expected):
    root = make_site(tmp_path / "site", {**{n: t for n, t in TEXT_FILES.items() if n != "site.yaml"},
                                         "content/files/mzj/biaozhun.pdf": b"%PDF", **files})
    assert expected in [str(p) for p in pipeline.check(root).errors]


def test_a_superscript_digit_in_a_cell_is_read(tmp_path):
    """'¹'.isdigit() but int('¹') fails: the column-numbers row test ended in a ValueError."""
    root = make_site(tmp_path / "site")
    path = root / CATALOGUE
    wb = openpyxl.load_workbook(path)
    wb.worksheets[0].cell(3, 2).value = "¹"
    wb.save(path)
    assert_located(root, pipeline.check(root))


# --------------------------------------------------------------------------------------
# A saved page of an old portal (gwsite migrate)

from old_portal import DIBAO_BODY, dahan_page, trs_page  # noqa: E402

from gwsite import oldpage  # noqa: E402

OLD_PAGES = {
    "trs": trs_page(title="关于调整2024年城乡最低生活保障标准的通知", index_number="11500116MB0000010Y/2024-00012",
                    body=DIBAO_BODY),
    "dahan": dahan_page(title="2024年第一季度低保资金公示", index_number="11500116MB0000010Y/2024-00015",
                        body="<p>　　现将发放情况公示如下：</p><table><tr><td rowspan='x'>甲</td></tr></table>"),
}

# What old pages hold where markup was expected: broken and nested tags, odd encodings.
html_snippets = st.sampled_from([
    "<table>", "</td></tr>", "<td colspan='99999999999'>", "<ul><li><b>[ 索引号 ]</b>", "索引号：", "发布机构：",
    "<meta charset='gbk'>", "<meta charset='nonsense'>", "<?xml version='1.0' encoding='utf-16'?>", "<br>" * 50,
    "<div>" * 300, "<a href='../../../../etc/passwd'>x</a>", "<img src='data:,x'>", "<script>", "</html>",
    "<!--", "&#0;", "&#xD800;", "\x00", "<p>" + "低保" * 3000 + "</p>", "<h1>另一个标题</h1>",
    "<link rel='canonical' href='javascript:x'>", "2024年13月45日", "<meta name='ArticleTitle' content=''>",
    # shapes of issue 22's review: <base href>, <label> cells, <br>-wrapped numbers, 联合发文, download scripts
    "<base href='http://[::1'>", "<base href='../../'>", "<base href='javascript:x'>", "<label>索引号：</label>",
    "/<br>2024-", "区财政局、区民政局", "<a href='/module/download/downfile.jsp?filename=..%2F..%2Fa.pdf'>x</a>",
    "<a href='http://[::1/down.jsp?i_ID=1'>y</a>", "<div class='pages'>首页 上一页 1 下一页</div>",
    "<link rel='canonical' href='http://[::1'>", "<!-- saved from url=(0011)http://[::1 -->",
])


@st.composite
def page_mutations(draw, text: str) -> bytes:
    how = draw(st.sampled_from(["bytes", "snippet", "encoding"]))
    if how == "bytes":
        return draw(st.one_of(flipped(text.encode("utf-8")), truncated(text.encode("utf-8")), inserted(text)))
    if how == "snippet":
        at = draw(st.integers(0, len(text)))
        return (text[:at] + draw(html_snippets) + text[at:]).encode("utf-8", "surrogatepass")
    return text.encode(draw(st.sampled_from(["gb18030", "utf-16", "big5", "latin-1"])), "replace")


@pytest.mark.parametrize("name", OLD_PAGES)
def test_a_mutated_saved_page_is_read_or_named_never_a_traceback(name):
    @settings(max_examples=_LONGER or 60, deadline=None, derandomize=not _LONGER, database=None,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
    @given(data=page_mutations(OLD_PAGES[name]))
    def run(data):
        page = oldpage.read_page(data, "www.example.gov.cn/a.html")
        for problem in page.problems:
            text = str(problem)
            assert problem.location.path == "www.example.gov.cn/a.html" and "\n" not in text, text
        if page.content is not None:
            oldpage.body_markdown(page.content, lambda url, kind, label: None)
            oldpage.body_markdown(page.content, lambda url, kind, label: url or None)
        for found in page.fields.values():
            for f in found:
                oldpage.read_date(f.value)

    run()


def test_migrating_a_mutated_saved_page_names_every_problem_with_its_path(tmp_path_factory):
    from gwsite import migrate

    root = make_site(tmp_path_factory.mktemp("migrate") / "site")
    saved = tmp_path_factory.mktemp("saved")
    page = saved / "www.example.gov.cn" / "xxgk" / "t20240312_12.html"
    page.parent.mkdir(parents=True)
    (page.parent / "P020240312593184637021.xls").write_bytes(b"xls")
    text = OLD_PAGES["trs"].replace("青溪区民政局", "测试区民政局")

    @settings(max_examples=_LONGER or 20, deadline=None, derandomize=not _LONGER, database=None,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
    @given(data=page_mutations(text))
    def run(data):
        page.write_bytes(data)
        results, problems = migrate.migrate(saved, root, "http://www.example.gov.cn/")
        assert problems == []
        for result in results:
            for problem in result.problems:
                assert problem.location.path == "www.example.gov.cn/xxgk/t20240312_12.html", str(problem)
            if result.status == "migrated":  # what it wrote checks with located problems only
                assert_located(root, pipeline.check(root))
                (root / result.notice).unlink()
                (root / "index-numbers.txt").unlink()

    run()
