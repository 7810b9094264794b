"""`gwsite migrate` (issue 22): an old portal's saved copy becomes notices, keeping every
索引号 and URL.  The saved pages are written by the tests (``old_portal``) in the layouts
of several vendor CMSs, and laid out on disk as ``wget --mirror`` leaves them."""
from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path

import pytest
import yaml

from gwsite import migrate, oldpage, pipeline
from gwsite.numbering import Record, serial_of
from gwsite.privacy import uscc_check_char
from old_portal import (BASE, DIBAO_BODY, HOST, column_page, dahan_page, guide_page, home_page, meta_page,
                        nanwei_page, trs_page, write_saved)
from sites import tree_digest, write_base_catalogues

CODE = "11500116MB000001" + "0"
CODE += uscc_check_char(CODE)  # 区民政局's 统一社会信用代码
SITE = f"""\
title: 青溪区基层政务公开
region: 云岭市青溪区
host: 青溪区人民政府办公室
orgs:
  - id: mzj
    name: 云岭市青溪区民政局
    kind: department
    aliases: [区民政局, 青溪区民政局]
    code: {CODE}
  - id: czj
    name: 云岭市青溪区财政局
    kind: department
    aliases: [区财政局]
  - id: longmen
    name: 云岭市青溪区龙门镇人民政府
    kind: township
    aliases: [龙门镇]
  - id: qingxi
    name: 云岭市青溪区青溪街道办事处
    kind: township
    aliases: [青溪街道]
"""

DIBAO = "关于调整2024年城乡最低生活保障标准的通知"
DIBAO_NUMBER = f"{CODE}/2024-00012"
PAGE_DIBAO = f"{HOST}/mzj/xxgk/202403/t20240312_12.shtml.html"  # wget --adjust-extension's name for a .shtml
PAGE_DUPLICATE = f"{HOST}/zwgk/tzgg/202403/t20240312_12.html"  # the same notice, in a second column
PAGE_DAHAN = f"{HOST}/mzj/xxgk/202404/t20240403_15.html"
PAGE_NANWEI = f"{HOST}/lmz/zfxxgk/fdzdgknr/202405/t20240506_88.html"
PAGE_META = f"{HOST}/qxjd/tzgg/202406/t20240618_21.html"
PAGE_UNKNOWN = f"{HOST}/fgw/xxgk/202403/t20240320_7.html"
PAGE_MISSING = f"{HOST}/mzj/xxgk/202403/t20240325_9.html"
PAGE_TWO_TITLES = f"{HOST}/mzj/xxgk/202403/t20240328_11.html"
PAGE_NO_ENCODING = f"{HOST}/mzj/xxgk/202402/t20240228_3.html"

DAHAN_BODY = """<p>　　根据《社会救助暂行办法》有关规定，现将2024年第一季度城乡低保资金发放情况公示如下：</p>
<p>　　全区共发放城乡低保资金1234.5万元，其中城市低保资金456.7万元。</p>
<p>　　公示期间如有异议，请拨打监督电话：023-12345678。</p>"""
NANWEI_BODY = """<p>经村民申请、村委会评议、镇人民政府审核，拟确定以下农户为2024年农村危房改造对象，现予公示：</p>
<table border="1"><tr><th>序号</th><th>户主</th><th>所在村</th><th>改造方式</th></tr>
<tr><td>1</td><td>张三</td><td>龙门村</td><td rowspan="2">修缮加固</td></tr>
<tr><td>2</td><td>李四</td><td>石门村</td></tr></table>
<p>公示时间：2024年5月6日至5月12日。</p>"""
META_BODY = """<p>各社区居委会、辖区各单位：</p><p>为切实做好夏季安全生产工作，现就有关事项通知如下。</p>
<h3>一、检查范围</h3><p>辖区内所有生产经营单位。</p>"""


def saved_pages() -> dict[str, str | bytes]:
    dibao = trs_page(title=DIBAO, index_number=DIBAO_NUMBER, body=DIBAO_BODY)
    return {
        f"{HOST}/index.html": home_page(),
        f"{HOST}/zwgk/xxgkml/index.html": column_page([(DIBAO_NUMBER, DIBAO, "../../mzj/xxgk/202403/t20240312_12.shtml.html"),
                                                      (f"{CODE}/2024-00015", "低保资金公示", "#"),
                                                      (f"{CODE}/2024-00009", "临时救助", "#")]),
        f"{HOST}/mzj/zn/index.html": guide_page(),
        PAGE_DIBAO: dibao,
        f"{HOST}/mzj/xxgk/202403/P020240312593184637021.xls": b"\xd0\xcf\x11\xe0 a spreadsheet",
        f"{HOST}/mzj/xxgk/202403/W020240312593184871283.png": b"\x89PNG\r\n\x1a\n a picture",
        PAGE_DUPLICATE: trs_page(title=DIBAO, index_number=DIBAO_NUMBER, up="../../../",
                                 body=DIBAO_BODY.replace('href="P0', 'href="../../../mzj/xxgk/202403/P0')
                                 .replace('src="W0', 'src="../../../mzj/xxgk/202403/W0')),
        PAGE_DAHAN: dahan_page(title="2024年第一季度城乡低保资金发放情况公示", index_number=f"{CODE}/2024-00015",
                               body=DAHAN_BODY).encode("gb2312"),
        PAGE_NANWEI: nanwei_page(title="龙门镇2024年农村危房改造对象公示", index_number="500116-011/2024-00003",
                                 body=NANWEI_BODY),
        PAGE_META: meta_page(title="青溪街道关于开展2024年夏季安全生产检查的通知", index_number="QXJD-2024-021",
                             body=META_BODY).replace(
            "</head>", f'<link rel="canonical" href="http://{HOST}/qxjd/tzgg/202406/t20240618_21.html" />\n</head>'),
        PAGE_UNKNOWN: trs_page(title="关于2024年重点项目计划的通知", index_number="11500116MB0000033K/2024-00007",
                               publisher="青溪区发展和改革委员会", body="<p>各有关单位：现将计划印发给你们。</p>"),
        PAGE_MISSING: trs_page(title="关于2024年临时救助对象的公示", index_number=f"{CODE}/2024-00009",
                               published="2024年03月25日",
                               body='<p>现将临时救助对象公示如下。</p><p>附件：<a href="P020240325000000000001.pdf">临时救助名单.pdf</a></p>'),
        PAGE_TWO_TITLES: trs_page(title="关于做好2024年特困人员认定工作的通知", index_number=f"{CODE}/2024-00011",
                                  meta_title="关于做好2024年低保边缘家庭认定工作的通知",
                                  body="<p>各镇人民政府、街道办事处：</p><p>现就认定工作通知如下。</p>"),
        PAGE_NO_ENCODING: trs_page(title="关于春节期间走访慰问困难群众的通知", index_number=f"{CODE}/2024-00003",
                                   body="<p>各镇街：</p><p>春节将至，请做好走访慰问。</p>")
        .replace('<meta http-equiv="Content-Type" content="text/html; charset=utf-8" />\n', "").encode("gbk"),
    }


@pytest.fixture
def site(tmp_path) -> tuple[Path, Path]:
    """(the site root, the saved copy)."""
    root = tmp_path / "site"
    (root / "content" / "notices").mkdir(parents=True)
    (root / "site.yaml").write_text(SITE, encoding="utf-8")
    write_base_catalogues(root)
    saved = write_saved(tmp_path / "saved", saved_pages())
    return root, saved


def notice(root: Path, rel: str) -> dict:
    return yaml.safe_load((root / rel).read_text(encoding="utf-8"))


def outcome(results, source) -> migrate.Migrated:
    return next(r for r in results if r.source == source)


# --- what each vendor's page gives ------------------------------------------------------------------

def test_each_vendor_layout_gives_the_notice_exactly(site):
    root, saved = site
    results, problems = migrate.migrate(saved, root, BASE)
    assert problems == []
    assert {r.source: r.notice for r in results if r.status == "migrated"} == {
        PAGE_DIBAO: "content/notices/mzj/t20240312_12.yaml",
        PAGE_DAHAN: "content/notices/mzj/t20240403_15.yaml",
        PAGE_NANWEI: "content/notices/longmen/t20240506_88.yaml",
        PAGE_META: "content/notices/qingxi/t20240618_21.yaml",
        PAGE_MISSING: "content/notices/mzj/t20240325_9.yaml",
    }
    dibao = notice(root, "content/notices/mzj/t20240312_12.yaml")
    assert {k: v for k, v in dibao.items() if k != "body"} == {
        "title": DIBAO, "publisher": "mzj", "published": date(2024, 3, 12), "disclosure": "主动公开",
        "written": date(2024, 3, 10), "doc_number": "青溪民发〔2024〕12号", "index_number": DIBAO_NUMBER,
        "topic": "民政、扶贫、救灾\\社会救助", "genre": "通知", "validity": "有效",
        "attachments": ["files/mzj/t20240312_12/2024年城乡低保标准调整表.xls",
                        "files/mzj/t20240312_12/W020240312593184871283.png"],
        # wget's added .html taken off: the address the portal published
        "old_url": f"{BASE}mzj/xxgk/202403/t20240312_12.shtml",
    }
    dahan = notice(root, "content/notices/mzj/t20240403_15.yaml")  # GB2312, a [ 索引号 ] list
    assert {k: v for k, v in dahan.items() if k != "body"} == {
        "title": "2024年第一季度城乡低保资金发放情况公示", "publisher": "mzj", "published": date(2024, 4, 3),
        "disclosure": "主动公开", "written": date(2024, 4, 1), "index_number": f"{CODE}/2024-00015",
        "topic": "综合政务\\政务公开", "genre": "公告公示", "old_url": f"{BASE}mzj/xxgk/202404/t20240403_15.html"}
    assert "全区共发放城乡低保资金1234.5万元" in dahan["body"]
    nanwei = notice(root, "content/notices/longmen/t20240506_88.yaml")  # label/value divs
    assert {k: v for k, v in nanwei.items() if k != "body"} == {
        "title": "龙门镇2024年农村危房改造对象公示", "publisher": "longmen", "published": date(2024, 5, 6),
        "disclosure": "主动公开", "written": date(2024, 5, 1), "doc_number": "龙门府发〔2024〕8号",
        "index_number": "500116-011/2024-00003", "topic": "城乡建设、环境保护\\城乡建设",
        # the address the browser noted when the page was saved
        "old_url": f"{BASE}lmz/zfxxgk/fdzdgknr/202405/t20240506_88.shtml"}
    assert '<td rowspan="2">修缮加固</td>' in nanwei["body"]  # a merged cell: the table as HTML
    meta = notice(root, "content/notices/qingxi/t20240618_21.yaml")  # <meta> tags and a line of pairs
    assert {k: v for k, v in meta.items() if k != "body"} == {
        "title": "青溪街道关于开展2024年夏季安全生产检查的通知", "publisher": "qingxi",
        "published": date(2024, 6, 18), "disclosure": "主动公开", "doc_number": "青溪街道发〔2024〕3号",
        "index_number": "QXJD-2024-021", "genre": "通知",
        "old_url": f"http://{HOST}/qxjd/tzgg/202406/t20240618_21.html"}  # its canonical link
    assert meta["body"] == ("各社区居委会、辖区各单位：\n\n为切实做好夏季安全生产工作，现就有关事项通知如下。\n\n"
                            "#### 一、检查范围\n\n辖区内所有生产经营单位。\n")


def test_the_body_is_the_article_alone_and_its_files_come_along(site):
    root, saved = site
    migrate.migrate(saved, root, BASE)
    body = notice(root, "content/notices/mzj/t20240312_12.yaml")["body"]
    assert body == (
        "各镇人民政府、街道办事处，区级有关部门：\n\n"
        "经区政府同意，现将2024年城乡最低生活保障标准调整如下：\n\n"
        "一、城市低保标准由每人每月600元提高到620元。\n\n"
        "二、农村低保标准由每人每月460元提高到480元。\n\n"
        "| 类别 | 调整前（元/月） | 调整后（元/月） |\n|---|---|---|\n| 城市 | 600 | 620 |\n| 农村 | 460 | 480 |\n\n"
        "三、新标准自2024年4月1日起执行。\n\n"
        "附件：[2024年城乡低保标准调整表.xls](files/mzj/t20240312_12/2024年城乡低保标准调整表.xls)\n\n"
        "![2024年低保标准示意图](files/mzj/t20240312_12/W020240312593184871283.png)\n\n"
        "青溪区民政局\n\n2024年3月10日\n")
    text = (root / "content/notices/mzj/t20240312_12.yaml").read_text(encoding="utf-8")
    for noise in ("字号", "大 中 小", "打印本页", "关闭窗口", "上一篇", "下一篇", "分享到", "当前位置", "网站标识码",
                  "ICP备", "浏览次数", "script", "alert", "onclick", "onerror", "cookie", "加入收藏", "首页"):
        assert noise not in text, noise
    assert (root / "content/files/mzj/t20240312_12/2024年城乡低保标准调整表.xls").read_bytes() == \
        b"\xd0\xcf\x11\xe0 a spreadsheet"
    assert (root / "content/files/mzj/t20240312_12/W020240312593184871283.png").is_file()


def test_what_cannot_be_migrated_is_named_with_its_path(site, run_cli):
    root, saved = site
    code, out, err = run_cli("migrate", saved, root, "--base-url", BASE)
    assert code == 1
    assert f"""{PAGE_UNKNOWN}: not migrated
    {PAGE_UNKNOWN}:33: 发布机构 '青溪区发展和改革委员会' matches no organisation in site.yaml (add the name to the org's aliases in site.yaml, then run migrate again)
""" in err
    assert f"""{PAGE_TWO_TITLES}: not migrated
    {PAGE_TWO_TITLES}:34: two candidate titles: '关于做好2024年低保边缘家庭认定工作的通知' (<meta ArticleTitle>, line 12); '关于做好2024年特困人员认定工作的通知' (名称, line 34) (correct the saved page so that it has one title, then run migrate again)
""" in err
    assert f"""{PAGE_NO_ENCODING}: not migrated
    {PAGE_NO_ENCODING}: the page declares no encoding and is not UTF-8: its encoding cannot be decided (add <meta charset="gbk"> (or the one the portal served) at the top of the saved page)
""" in err
    # written, with what a person must check: the file the saved copy lacks
    missing = (f"linked file {BASE}mzj/xxgk/202403/P020240325000000000001.pdf (临时救助名单.pdf) is not in the saved "
               "copy: it is published as its text; save it and add it under attachments:")
    assert f"    {PAGE_MISSING}: warning: {missing}\n" in out
    assert notice(root, "content/notices/mzj/t20240325_9.yaml")["to_check"] == [missing]
    assert "附件：临时救助名单.pdf" in notice(root, "content/notices/mzj/t20240325_9.yaml")["body"]
    assert f"""saved twice (migrated once):
    {PAGE_DUPLICATE}: the same notice as {PAGE_DIBAO} (索引号 {DIBAO_NUMBER}): migrated once; its address {BASE}zwgk/tzgg/202403/t20240312_12.html is not redirected: add it to the server's map by hand
not notices (not migrated):
    {HOST}/index.html: no 政府信息公开 metadata block (索引号 …)
    {HOST}/mzj/zn/index.html: no 政府信息公开 metadata block (索引号 …)
    {HOST}/zwgk/xxgkml/index.html: lists 3 索引号 (a column or list page)
gwsite migrate: 5 notice(s) migrated, 0 already there, 3 not migrated, 1 duplicate(s), 3 page(s) not notices; 1 point(s) to check (gwsite check names them in the notices)
""" in out
    assert "Traceback" not in out + err
    # nothing written for what was not migrated, nor twice for the duplicate
    written = sorted(p.relative_to(root).as_posix() for p in (root / "content/notices").rglob("*.yaml"))
    assert written == ["content/notices/longmen/t20240506_88.yaml", "content/notices/mzj/t20240312_12.yaml",
                       "content/notices/mzj/t20240325_9.yaml", "content/notices/mzj/t20240403_15.yaml",
                       "content/notices/qingxi/t20240618_21.yaml"]
    # check names the point to check at its line
    report = pipeline.check(root)
    assert any(str(p).startswith("content/notices/mzj/t20240325_9.yaml:") and "to check: linked file" in str(p)
               for p in report.warnings)


def test_migrating_again_adds_and_changes_nothing(site, run_cli):
    root, saved = site
    run_cli("migrate", saved, root, "--base-url", BASE)
    before = tree_digest(root)
    code, out, err = run_cli("migrate", saved, root, "--base-url", BASE)
    assert tree_digest(root) == before
    assert "gwsite migrate: 0 notice(s) migrated, 5 already there, 3 not migrated" in out
    assert f"    {PAGE_DIBAO}: content/notices/mzj/t20240312_12.yaml\n" in out
    # A notice edited by hand since is never overwritten, nor migrated a second time.
    edited = root / "content/notices/mzj/t20240403_15.yaml"
    edited.write_text(edited.read_text(encoding="utf-8").replace("全区共发放", "全区共计发放"), encoding="utf-8")
    kept = edited.read_bytes()
    run_cli("migrate", saved, root, "--base-url", BASE)
    assert edited.read_bytes() == kept
    assert len(list((root / "content/notices/mzj").glob("*.yaml"))) == 3


def test_a_number_already_published_for_another_notice_is_not_taken(site):
    root, saved = site
    (root / "content/notices/mzj").mkdir()
    (root / "content/notices/mzj/hand.yaml").write_text(
        f"title: 手工录入\npublisher: mzj\npublished: 2024-03-12\ndisclosure: 主动公开\nindex_number: {DIBAO_NUMBER}\n",
        encoding="utf-8")
    results, _ = migrate.migrate(saved, root, BASE)
    # the same number under another title: one of them is wrong, and the page is not skipped unsaid
    assert [str(p) for p in outcome(results, PAGE_DIBAO).problems] == [
        f"{PAGE_DIBAO}: 索引号 {DIBAO_NUMBER} is that of content/notices/mzj/hand.yaml, titled '手工录入', not "
        f"'{DIBAO}' (a 索引号 belongs to one notice: if they are one, correct the title that is wrong (and add "
        "old_url: to that notice); else correct the saved page)"]
    assert outcome(results, PAGE_DIBAO).status == "failed"
    assert not (root / "content/notices/mzj/t20240312_12.yaml").exists()
    # the same number and the same title (written otherwise): that notice is it
    hand = (root / "content/notices/mzj/hand.yaml")
    hand.write_text(hand.read_text(encoding="utf-8").replace("手工录入", DIBAO.replace("2024", "２０２４")),
                    encoding="utf-8")
    results, _ = migrate.migrate(saved, root, BASE)
    assert outcome(results, PAGE_DIBAO).status == "already"
    assert outcome(results, PAGE_DIBAO).notice == "content/notices/mzj/hand.yaml"
    assert not (root / "content/notices/mzj/t20240312_12.yaml").exists()
    # the same old address: that notice is it, whatever its title has become
    hand.write_text(hand.read_text(encoding="utf-8").replace(DIBAO_NUMBER, f"{CODE}/2024-00099")
                    + f"old_url: {BASE}mzj/xxgk/202403/t20240312_12.shtml\n", encoding="utf-8")
    assert outcome(migrate.migrate(saved, root, BASE)[0], PAGE_DIBAO).status == "already"
    hand.unlink()
    (root / "index-numbers.txt").write_text(f"mzj/withdrawn\t{DIBAO_NUMBER}\n", encoding="utf-8")
    results, _ = migrate.migrate(saved, root, BASE)
    assert [str(p) for p in outcome(results, PAGE_DIBAO).problems] == [
        f"{PAGE_DIBAO}: 索引号 {DIBAO_NUMBER} was published for mzj/withdrawn (index-numbers.txt) "
        "(a published 索引号 is never given to another notice: check which it is)"]


def test_without_base_url_a_page_without_canonical_link_is_named(site):
    root, saved = site
    results, _ = migrate.migrate(saved, root)
    assert outcome(results, PAGE_META).status == "migrated"  # its canonical link
    assert outcome(results, PAGE_NANWEI).status == "migrated"  # the address the browser noted
    assert [str(p) for p in outcome(results, PAGE_DIBAO).problems] == [
        f"{PAGE_DIBAO}: the page's address on the old portal is not known (it has no canonical link) "
        "(give --base-url, the address SAVED was saved from)"]


# --- after a build -------------------------------------------------------------------------------------

def test_migrated_notices_build_keep_their_numbers_and_are_redirected(site, tmp_path):
    root, saved = site
    migrate.migrate(saved, root, BASE)
    record = (root / "index-numbers.txt").read_text(encoding="utf-8")
    for line in (f"mzj/t20240312_12\t{DIBAO_NUMBER}", "longmen/t20240506_88\t500116-011/2024-00003",
                 "qingxi/t20240618_21\tQXJD-2024-021"):
        assert line in record.splitlines()
    # a notice written after the switch gets a number the old portal never used
    (root / "content/notices/mzj/new.yaml").write_text(
        "title: 新通知\npublisher: mzj\npublished: 2024-07-01\ndisclosure: 主动公开\nbody: 正文\n", encoding="utf-8")
    out = tmp_path / "public"
    result = pipeline.build(root, out)
    assert result.report.ok, [str(p) for p in result.report.errors]
    page = (out / "notices/mzj/t20240312_12.html").read_text(encoding="utf-8")
    assert DIBAO_NUMBER in page and "<script>alert" not in page and "stolen" not in page
    assert (out / "files/mzj/t20240312_12/2024年城乡低保标准调整表.xls").is_file()
    numbers = dict(line.split("\t") for line in (root / "index-numbers.txt").read_text(encoding="utf-8").splitlines()
                   if line and not line.startswith("#"))
    assert numbers["mzj/new"] == f"{CODE}/2024-00016"  # after 00009, 00012, 00015
    assert numbers["mzj/t20240312_12"] == DIBAO_NUMBER
    rows = list(csv.reader(io.StringIO((out / "data/redirects.csv").read_bytes().decode("utf-8"))))
    assert rows == [
        ["old_url", "new_path"],
        [f"{BASE}lmz/zfxxgk/fdzdgknr/202405/t20240506_88.shtml", "notices/longmen/t20240506_88.html"],
        [f"{BASE}mzj/xxgk/202403/t20240312_12.shtml", "notices/mzj/t20240312_12.html"],
        [f"{BASE}mzj/xxgk/202403/t20240325_9.html", "notices/mzj/t20240325_9.html"],
        [f"{BASE}mzj/xxgk/202404/t20240403_15.html", "notices/mzj/t20240403_15.html"],
        [f"http://{HOST}/qxjd/tzgg/202406/t20240618_21.html", "notices/qingxi/t20240618_21.html"],
    ]
    assert all((out / new).is_file() for _, new in rows[1:])
    # the same input, the same bytes; the YAML untouched by the build
    again = pipeline.build(root, tmp_path / "again", clean=True)
    assert again.report.ok
    assert (tmp_path / "again/data/redirects.csv").read_bytes() == (out / "data/redirects.csv").read_bytes()
    assert notice(root, "content/notices/mzj/t20240312_12.yaml")["index_number"] == DIBAO_NUMBER


def test_a_notice_that_is_not_public_is_never_redirected(site, tmp_path):
    root, saved = site
    migrate.migrate(saved, root, BASE)
    path = root / "content/notices/mzj/t20240403_15.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("disclosure: 主动公开", "disclosure: 依申请公开"),
                    encoding="utf-8")
    out = tmp_path / "public"
    assert pipeline.build(root, out).report.ok
    data = (out / "data/redirects.csv").read_text(encoding="utf-8")
    assert "t20240403_15" not in data and "t20240312_12" in data


def test_an_old_url_is_an_address_and_belongs_to_one_notice(tmp_path):
    root = tmp_path / "site"
    (root / "content/notices/mzj").mkdir(parents=True)
    (root / "site.yaml").write_text(SITE, encoding="utf-8")
    head = "publisher: mzj\npublished: 2024-03-12\ndisclosure: 主动公开\n"
    (root / "content/notices/mzj/a.yaml").write_text(f"title: 甲\n{head}old_url: {BASE}a.html\n", encoding="utf-8")
    (root / "content/notices/mzj/b.yaml").write_text(f"title: 乙\n{head}old_url: {BASE}a.html\n", encoding="utf-8")
    (root / "content/notices/mzj/c.yaml").write_text(f"title: 丙\n{head}old_url: /xxgk/c.html\n", encoding="utf-8")
    assert [str(p) for p in pipeline.check(root).errors] == [
        f"content/notices/mzj/b.yaml:5: old_url '{BASE}a.html' is also that of content/notices/mzj/a.yaml "
        "(an old address leads to one notice: keep it on the notice published there)",
        "content/notices/mzj/c.yaml:5: old_url '/xxgk/c.html' is not an absolute http(s) address (write the address "
        "the old portal published the notice at, e.g. https://www.example.gov.cn/xxgk/2024/t20240312_1.html)"]


def test_a_build_without_migrated_notices_writes_the_header_alone(tmp_path):
    from sites import make_site
    root = make_site(tmp_path / "site")
    assert pipeline.build(root, tmp_path / "out").report.ok
    assert (tmp_path / "out/data/redirects.csv").read_bytes() == b"old_url,new_path\n"


def test_a_number_written_otherwise_takes_the_same_serial():
    assert serial_of(f"{CODE}/2024-00012") == (f"{CODE}/2024", 12)
    assert serial_of(f"{CODE.lower()} / ２０２４－０００１２") == (f"{CODE}/2024", 12)
    assert serial_of("500116-011/202405-00003") is None  # another scheme: no serial of ours
    assert Record([("mzj/a", f"{CODE}／2024－00012")]).next_number(f"{CODE}/2024") == f"{CODE}/2024-00013"


# --- reading one page, both ways ----------------------------------------------------------------------------

def _page(body: str, head: str = '<meta charset="utf-8">') -> oldpage.OldPage:
    return oldpage.read_page(f"<html><head>{head}<title>t</title></head><body>{body}</body></html>".encode("utf-8"),
                             "a.html")


@pytest.mark.parametrize("text, expected", [
    ("2024-03-12", date(2024, 3, 12)), ("2024年03月12日", date(2024, 3, 12)), ("2024/3/12", date(2024, 3, 12)),
    ("2024-03-12 10:30:00", date(2024, 3, 12)), ("２０２４年３月１２日", date(2024, 3, 12)), ("2024.3.12", date(2024, 3, 12)),
    ("2024-02-30", None), ("2024年3月", None), ("20240312", None), ("2024-03-12至2024-03-20", None),
])
def test_dates_as_old_portals_write_them(text, expected):
    assert oldpage.read_date(text)[0] == expected


@pytest.mark.parametrize("markup", [
    "<table><tr><td>索引号：</td><td>X/2024-00001</td></tr></table>",
    "<table><tr><th>索 引 号</th><td>X/2024-00001</td></tr></table>",
    "<ul><li><b>[ 索引号 ]</b>X/2024-00001</li></ul>",
    "<ul><li><span>【信息索引号】</span><span>X/2024-00001</span></li></ul>",
    "<dl><dt>索引号:</dt><dd>X/2024-00001</dd></dl>",
    "<div class='row'><div class='label'>索取号：</div><div class='value'>X/2024-00001</div></div>",
    "<p>索引号：X/2024-00001　　发布机构：区民政局</p>",
    "<ul><li><label>索引号：</label><span>X/2024-00001</span></li></ul>",
    "<table><tr><td><label>索引号：</label>X/2024-00001</td></tr></table>",
    "<table><tr><th><p>索引号</p></th><td><p>X/2024-00001</p></td></tr></table>",
    "<div class='r'><div class='l'><span>索引号</span></div><div class='v'><span>X/2024-00001</span></div></div>",
])
def test_an_index_number_is_read_from_every_layout(markup):
    assert [f.value for f in _page(markup).values("index_number")] == ["X/2024-00001"]


@pytest.mark.parametrize("markup", [
    "<p>索引号的编制规则见附件X/2024-00001。</p>",  # a sentence about 索引号, no label
    "<p>请在申请中注明信息索引号X/2024-00001</p>",
    "<ul><li><a href='a.html'>索引号：X/2024-00001</a></li></ul>",  # a link to another notice
    "<table><tr><th><p>索引号</p></th></tr><tr><td><p>X/2024-00001</p></td></tr></table>",  # a column's header
])
def test_a_sentence_or_a_link_naming_an_index_number_is_no_label(markup):
    assert _page(markup).values("index_number") == []


@pytest.mark.parametrize("head, data, expected", [
    ('<meta http-equiv="Content-Type" content="text/html; charset=gb2312">', "gbk", "gb2312"),
    ('<meta charset="GBK">', "gbk", "gbk"),
    ('<meta charset="gb18030">', "gb18030", "gb18030"),
    ("", "utf-8", "utf-8"),
])
def test_an_encoding_is_read_as_declared(head, data, expected):
    page = oldpage.read_page(f"<html><head>{head}<title>t</title></head><body><p>索引号：甲/2024-00001</p>"
                             "<p>龙门镇</p></body></html>".encode(data), "a.html")
    assert page.problems == [] and page.encoding == expected
    assert page.values("index_number")[0].value == "甲/2024-00001"


@pytest.mark.parametrize("head, data, message", [
    ("", "gbk", "the page declares no encoding and is not UTF-8: its encoding cannot be decided"),
    ('<meta charset="gb2312">', "utf-8", "the page declares gb2312 but its text is UTF-8 (saved again by an editor?): "
                                          "its encoding cannot be decided"),
    ('<meta charset="utf-8">', "gbk", "the page is not utf-8 text, as it declares"),
    ('<meta charset="utf-8"><meta http-equiv="Content-Type" content="text/html; charset=gbk">', "gbk",
     "the page declares two encodings (utf-8, gbk): which one it is cannot be decided"),
    ('<meta charset="klingon">', "utf-8", "the page declares the encoding 'klingon', which gwsite does not know"),
])
def test_an_encoding_that_cannot_be_decided_is_named_not_guessed(head, data, message):
    page = oldpage.read_page(f"<html><head>{head}</head><body><p>龙门镇公示</p></body></html>".encode(data), "a.html")
    assert [p.message for p in page.problems] == [message]


def test_the_content_area_is_found_by_its_text_without_a_known_name():
    body = "".join(f"<p>第{i}段，正文的内容在这里，写得很长很长，说明政策的每一个细节。</p>" for i in range(6))
    page = _page(f"""<div class="l1"><a href="/">首页</a> <a href="/a">政务公开</a> <a href="/b">办事服务</a></div>
        <div class="l2"><div class="l3"><table class="x"><tr><td>索引号：</td><td>X/2024-00001</td>
        <td>发布机构：</td><td>龙门镇</td><td>发布日期：</td><td>2024-03-12</td></tr></table>
        <div class="l4">{body}</div>
        <div class="l5"><ul><li><a href="1.html">其他通知一</a></li><li><a href="2.html">其他通知二</a></li></ul></div></div></div>
        <div class="l6">联系我们：023-12345678</div>""")
    assert page.content.get("class") == "l4" and page.content_note == ""
    page = _page(f"<div class='a'>{body}</div><div class='b'>{body}</div><p>索引号：X/2024-00001</p>")
    assert page.content_note.startswith("the text is spread over several parts of the page")


def test_noise_is_left_out_and_a_paragraph_that_only_mentions_it_stays():
    page = _page("""<div id="zoom"><p>字体：【大 中 小】</p><p>【打印本页】 【关闭窗口】</p><p>分享到：</p>
        <p>当前位置：首页 &gt; 信息公开</p><p>上一篇：<a href="x.html">关于…的通知</a></p>
        <p>请各单位于3月15日前关闭临时窗口，打印本页所附表格。</p></div><p>索引号：X/2024-00001</p>""")
    assert oldpage.body_markdown(page.content, lambda *a: None) == "请各单位于3月15日前关闭临时窗口，打印本页所附表格。\n"


def test_layouts_of_other_eras_old_table_pages_dl_blocks_after_the_text_and_br_lines():
    """Shapes not in old_portal's templates: a 2010 table-layout page with 分　　类 and a
    bold label, a block of <dl>s after the text, lines separated by <br>."""
    page = _page("""<table><tr><td><table border=1><tr><td><strong>索 引 号:</strong></td><td>000014349/2010-00123</td>
        <td><strong>分　　类:</strong></td><td>民政</td></tr><tr><td><strong>发布机构:</strong></td><td>区民政局</td>
        <td><strong>发文日期:</strong></td><td>2010年05月06日</td></tr></table>
        <table><tr><td class=title><font size=4><b>关于2010年度低保复核工作的通知</b></font></td></tr>
        <tr><td>发布时间：2010-05-08　【<a href="javascript:print()">打印</a>】【<a>关闭</a>】</td></tr>
        <tr><td class=bt_content>各乡镇人民政府：<br>　　现将有关事项通知如下：<br>　　一、复核范围。</td></tr></table>
        </td></tr></table>""")
    assert {k: [f.value for f in page.values(k)] for k in ("index_number", "topic", "publisher", "written",
                                                          "published")} == {
        "index_number": ["000014349/2010-00123"], "topic": ["民政"], "publisher": ["区民政局"],
        "written": ["2010年05月06日"], "published": ["2010-05-08"]}
    assert page.title == "关于2010年度低保复核工作的通知"
    assert oldpage.body_markdown(page.content, lambda *a: None) == \
        "各乡镇人民政府：\\\n现将有关事项通知如下：\\\n一、复核范围。\n"
    page = _page("""<article><h2 class="detail-tit">青溪街道2024年度部门预算公开</h2><div class="detail-body">
        根据有关规定，现将预算公开如下。<br>一、部门基本情况</div>
        <div class="attr"><dl><dt>信息索引</dt><dd>QX-JD-2024-0007</dd></dl><dl><dt>发布单位</dt><dd>青溪街道</dd></dl>
        <dl><dt>公开时间</dt><dd>2024年02月05日</dd></dl></div></article>""")
    assert [page.values(k)[0].value for k in ("index_number", "publisher", "published")] == [
        "QX-JD-2024-0007", "青溪街道", "2024年02月05日"]
    assert page.title == "青溪街道2024年度部门预算公开" and page.title_doubt == ""
    assert oldpage.body_markdown(page.content, lambda *a: None) == "根据有关规定，现将预算公开如下。\\\n一、部门基本情况\n"


# --- numbers as pages write them ------------------------------------------------------------------

def _one_run(tmp_path, pages: dict[str, str], record: str = "", site_yaml: str = SITE
             ) -> tuple[Path, list[migrate.Migrated]]:
    root = tmp_path / "site"
    (root / "content/notices").mkdir(parents=True)
    (root / "site.yaml").write_text(site_yaml, encoding="utf-8")
    if record:
        (root / "index-numbers.txt").write_text(record, encoding="utf-8")
    results, problems = migrate.migrate(write_saved(tmp_path / "saved", pages), root, BASE)
    assert problems == []
    return root, results


PAGE_A = f"{HOST}/mzj/xxgk/202402/t20240215_2001.html"
PAGE_B = f"{HOST}/mzj/xxgk/202402/t20240216_2002.html"


def test_an_index_number_wrapped_by_a_br_is_joined(tmp_path):
    root, results = _one_run(tmp_path, {
        PAGE_A: trs_page(title="关于春节期间走访慰问情况的通报", index_number=f"{CODE}/<br>2024-00201",
                         doc_number="青溪民发<br />〔2024〕3号"),
        # a <br> in another field is a space, and a value that does not end in / or - ends at its <br>
        PAGE_B: trs_page(title="关于春节期间走访慰问情况的通报（二）", index_number=f"{CODE}/2024-00202<br>（已归档）",
                         body="<p>春节期间走访慰问困难群众。</p>", topic="民政<br>社会救助"),
    })
    assert outcome(results, PAGE_A).status == "migrated"
    a = notice(root, "content/notices/mzj/t20240215_2001.yaml")
    assert (a["index_number"], a["doc_number"]) == (f"{CODE}/2024-00201", "青溪民发〔2024〕3号")
    assert f"mzj/t20240215_2001\t{CODE}/2024-00201" in (root / "index-numbers.txt").read_text(encoding="utf-8")
    b = notice(root, "content/notices/mzj/t20240216_2002.yaml")
    assert (b["index_number"], b["topic"]) == (f"{CODE}/2024-00202", "民政 社会救助")
    page = _page("<div>索引号：X/2024-00001<br>发布机构：区民政局<br>发布日期：2024-01-02</div>")
    assert [page.values(k)[0].value for k in ("index_number", "publisher")] == ["X/2024-00001", "区民政局"]
    page = _page("<p>索引号：X/<br>2024-00001</p>")  # one cell, wrapped after its /
    assert [f.value for f in page.values("index_number")] == ["X/2024-00001"]


@pytest.mark.parametrize("written", [f"{CODE} / 2024-00001", f"{CODE}／２０２４－００００１", f"{CODE.lower()}/2024-00001"])
def test_a_published_number_written_otherwise_is_not_given_to_a_second_notice(tmp_path, written):
    record = f"mzj/2024-tekun-xize-01\t{CODE}/2024-00001\n"
    root, results = _one_run(tmp_path, {PAGE_A: trs_page(title="关于做好特困人员认定工作的通知", index_number=written)},
                             record)
    assert [str(p) for p in outcome(results, PAGE_A).problems] == [
        f"{PAGE_A}: 索引号 {written} was published for mzj/2024-tekun-xize-01 (index-numbers.txt) "
        "(a published 索引号 is never given to another notice: check which it is)"]
    assert not (root / "content/notices/mzj").exists()
    assert (root / "index-numbers.txt").read_text(encoding="utf-8") == record


def test_a_new_number_written_with_full_width_characters_is_kept_as_published(tmp_path):
    written = f"{CODE}／2024－00002"
    record = f"mzj/2024-tekun-xize-01\t{CODE}/2024-00001\n"
    root, results = _one_run(tmp_path, {PAGE_A: trs_page(title="关于2024年部门预算的说明", index_number=written)}, record)
    assert outcome(results, PAGE_A).status == "migrated"
    assert notice(root, "content/notices/mzj/t20240215_2001.yaml")["index_number"] == written


RSJ = """  - id: rsj
    name: 云岭市青溪区人力资源和社会保障局
    kind: department
    aliases: [区人力资源和社会保障局, 区人社局]
"""


@pytest.mark.parametrize("written, named", [
    ("区财政局　区民政局", "czj, mzj"),
    ("区财政局、区民政局", "czj, mzj"),
    ("区财政局，青溪区民政局", "czj, mzj"),
    ("区财政局和区民政局", "czj, mzj"),
    ("区人社局与区财政局", "rsj, czj"),
    ("区档案馆、区民政局", "'区档案馆' (no organisation of site.yaml), mzj"),  # not mzj because it ends so
    ("区民政局 区档案馆", "mzj, '区档案馆' (no organisation of site.yaml)"),
])
def test_a_joint_publisher_is_named_not_matched_to_one_of_them(tmp_path, written, named):
    root, results = _one_run(tmp_path, {PAGE_A: trs_page(title="关于下达2024年困难群众救助补助资金的通知",
                                                         index_number=f"{CODE}/2024-00031", publisher=written)},
                             site_yaml=SITE + RSJ)
    assert [str(p) for p in outcome(results, PAGE_A).problems] == [
        f"{PAGE_A}:33: 联合发文: 发布机构 '{' '.join(written.split())}' names {named}: which one is the publisher is not gwsite's to "
        "choose (write this notice by hand with its lead organisation as publisher)"]
    assert not (root / "content/notices/mzj").exists() and not (root / "content/notices/czj").exists()


@pytest.mark.parametrize("written, org", [
    ("区人力资源和社会保障局", "rsj"),  # 和 inside one name
    ("云岭市青溪区人力资源和社会保障局", "rsj"),
    ("青溪区民政局", "mzj"),
    ("云岭市青溪区民政局", "mzj"),
    ("云岭市　青溪区民政局", "mzj"),  # a space inside the name (the whole written name is the org's)
])
def test_one_publisher_is_still_matched(tmp_path, written, org):
    root, results = _one_run(tmp_path, {PAGE_A: trs_page(title="关于做好2024年就业援助工作的通知",
                                                         index_number=f"{CODE}/2024-00031", publisher=written)},
                             site_yaml=SITE + RSJ)
    assert outcome(results, PAGE_A).status == "migrated", [str(p) for p in outcome(results, PAGE_A).problems]
    assert notice(root, f"content/notices/{org}/t20240215_2001.yaml")["publisher"] == org


JIEDU_BODY = ("<p>文件名称：《青溪区行政执法公示办法》</p><p>发文字号：青溪府发〔2024〕3号</p><p>成文日期：2024年2月28日</p>"
              "<p>一、制定背景</p><p>为全面推行行政执法公示制度，现解读如下。</p>"
              "<p>名称：云岭市青溪区教育委员会</p><p>主题：校舍改造</p><p>摘要：本项目为校舍改扩建。</p>"
              "<p>备注：本办法自2024年4月1日起施行。</p>")


def test_lines_of_the_text_that_start_with_a_label_stay_in_the_body_and_give_no_field(tmp_path):
    root, results = _one_run(tmp_path, {PAGE_A: trs_page(title="《青溪区行政执法公示办法》政策解读",
                                                         index_number=f"{CODE}/2024-00007", doc_number="无",
                                                         written="", genre="解读", body=JIEDU_BODY)})
    assert outcome(results, PAGE_A).status == "migrated", [str(p) for p in outcome(results, PAGE_A).problems]
    data = notice(root, "content/notices/mzj/t20240215_2001.yaml")
    assert "doc_number" not in data and "written" not in data and data["topic"] == "民政、扶贫、救灾\\社会救助"
    assert data["title"] == "《青溪区行政执法公示办法》政策解读"
    assert data["body"] == ("文件名称：《青溪区行政执法公示办法》\n\n发文字号：青溪府发〔2024〕3号\n\n成文日期：2024年2月28日\n\n"
                            "一、制定背景\n\n为全面推行行政执法公示制度，现解读如下。\n\n名称：云岭市青溪区教育委员会\n\n"
                            "主题：校舍改造\n\n摘要：本项目为校舍改扩建。\n\n备注：本办法自2024年4月1日起施行。\n")


def test_a_text_without_a_known_mark_keeps_its_label_lines_and_a_line_above_it_is_read():
    page = _page("""<table><tr><td>索引号：</td><td>X/2024-00001</td><td>发布机构：</td><td>区民政局</td></tr></table>
        <h1>青溪区第一小学改扩建工程中标结果公告</h1><div class="c1"><p>发布时间：2024-05-08　来源：区教委</p>
        <p>一、项目编号：QX2024-001</p><p>二、采购人信息</p><p>名称：云岭市青溪区教育委员会</p><p>摘要：校舍改扩建。</p></div>""")
    assert [f.value for f in page.values("published")] == ["2024-05-08"]  # the line above the text: read, left out
    assert page.values("title") == [] and page.title == "青溪区第一小学改扩建工程中标结果公告"
    assert oldpage.body_markdown(page.content, lambda *a: None) == (
        "一、项目编号：QX2024-001\n\n二、采购人信息\n\n名称：云岭市青溪区教育委员会\n\n摘要：校舍改扩建。\n")
    # a block inside the marked text is still the block
    page = _page("""<div id="zoom"><table><tr><td>索引号：</td><td>X/2024-00001</td><td>发布机构：</td><td>区民政局</td>
        <td>发布日期：</td><td>2024-05-08</td></tr></table><p>正文第一段，说明有关事项。</p><p>名称：甲</p></div>""")
    assert [page.values(k)[0].value for k in ("index_number", "publisher", "published")] == [
        "X/2024-00001", "区民政局", "2024-05-08"]
    assert page.values("title") == []


def test_the_second_page_of_a_long_article_is_appended_and_another_text_under_the_same_number_is_named(tmp_path):
    first = trs_page(title="关于做好2024年防汛准备工作的通知", index_number=f"{CODE}/2024-00088",
                     body="<p>一、落实防汛责任。</p>")
    second = first.replace("<p>一、落实防汛责任。</p>", '<p>二、做好物资储备。</p><p><a href="P0201.pdf">物资清单.pdf</a></p>')
    other = f"{HOST}/zwgk/tzgg/202402/t20240215_2001.html"  # not a page of it: another text, same number and title
    root, results = _one_run(tmp_path, {
        PAGE_A: first, PAGE_A.replace(".html", "_2.html"): first.replace("一、落实防汛责任。", "三、加强值守。"),
        PAGE_A.replace(".html", "_1.html"): second, f"{HOST}/mzj/xxgk/202402/P0201.pdf": b"%PDF-1.4",
        other: first.replace("一、落实防汛责任。", "一、落实防汛责任，确保到岗。")})
    assert outcome(results, PAGE_A).status == "migrated"
    data = notice(root, "content/notices/mzj/t20240215_2001.yaml")
    assert data["body"] == ("一、落实防汛责任。\n\n二、做好物资储备。\n\n"
                            "[物资清单.pdf](files/mzj/t20240215_2001/物资清单.pdf)\n\n三、加强值守。\n")
    assert data["attachments"] == ["files/mzj/t20240215_2001/物资清单.pdf"]
    assert outcome(results, PAGE_A.replace(".html", "_1.html")).note.startswith(
        f"page 2 of {PAGE_A}: its text is appended to that notice's; its address ")
    assert "to_check" not in data
    assert [str(p) for p in outcome(results, other).problems] == [
        f"{other}: 索引号 {CODE}/2024-00088 and the title are those of {PAGE_A}, but the text is another (keep the "
        "saved page that is the notice as published (delete the other), then run migrate again)"]


def test_reading_aids_pagers_and_qr_codes_are_noise_and_prose_naming_them_stays():
    body = "".join(f"<p>第{i}段正文，说明政策的具体内容和执行要求。</p>" for i in range(4))
    page = _page(f"""<p>索引号：X/2024-00001</p><div id="zoom">{body}
        <div class="pages"><a href="a.html">首页</a><a>上一页</a><a href="a_1.html">1</a><a>下一页</a><a>尾页</a></div>
        <p>【<a href="javascript:print()">我要打印</a>】【<a href="javascript:close()">关闭</a>】</p>
        <div>分享至：<a>微信</a><a>微博</a></div><div class="wx"><img src="qr.png"><p>手机查看</p></div>
        <p>打印文章 | 关闭文章</p><p>【责任编辑：张三】</p><div>来源：区民政局　作者：李四　浏览次数：12</div>
        <p>请扫描二维码报名，共3页材料，点击下一页继续填写。</p><p><img src="map.png">首页所示位置</p></div>""")
    images = []
    text = oldpage.body_markdown(page.content, lambda url, kind, alt: images.append(url) or url)
    assert text.endswith("第3段正文，说明政策的具体内容和执行要求。\n\n请扫描二维码报名，共3页材料，点击下一页继续填写。\n\n"
                         "![](map.png)首页所示位置\n")
    assert images == ["map.png"] and page.values("source") == []


PAGE_JSP = f"{HOST}/xxgk/wjw/content.jsp?id=5521.html"


def test_links_resolve_against_base_href_and_a_download_script_s_file_is_copied_by_what_is_on_disk(tmp_path):
    body = """<p><img src="W0301.png" alt="接种点位置图"></p>
        <p>附件1：<a href="/module/download/downfile.jsp?classid=0&amp;filename=2103011234.pdf">预约须知.pdf</a></p>
        <p>附件2：<a href="../../../module/download/down.jsp?i_ID=88&amp;colID=12">接种流程说明</a></p>
        <p>附件3：<a href="/module/download/downfile.jsp?classid=0&amp;filename=2103019999.pdf">未保存.pdf</a></p>
        <p>详见<a href="t20210225_5500.html">前期通知</a>，<a href="/xxgk/wjw/content.jsp?id=5500">另一通知</a>。</p>"""
    page = trs_page(title="区卫健委关于新冠疫苗接种点设置的公告", index_number=f"{CODE}/2021-00008", body=body)
    page = page.replace("<head>", f'<head>\n<base href="{BASE}xxgk/wjw/202103/">')
    root, results = _one_run(tmp_path, {
        PAGE_JSP: page, f"{HOST}/xxgk/wjw/202103/W0301.png": b"\x89PNG\r\n\x1a\n",
        f"{HOST}/module/download/downfile.jsp?classid=0&filename=2103011234.pdf": b"%PDF-1.4 a",
        f"{HOST}/module/download/down.jsp?i_ID=88&colID=12": b"%PDF-1.4 b",
        f"{HOST}/xxgk/wjw/content.jsp?id=5500.html": "<!DOCTYPE html><html><body>另一通知</body></html>",
        f"{HOST}/xxgk/slj/content.jsp@id=77.html": trs_page(title="关于汛期水库调度的通知", index_number=f"{CODE}/2024-00077"),
        f"{HOST}/xxgk/slj/a@b.html": trs_page(title="关于汛期水库调度的补充通知", index_number=f"{CODE}/2024-00078"),
    })
    r = outcome(results, PAGE_JSP)
    assert r.status == "migrated"
    data = notice(root, r.notice)
    folder = r.notice.replace("content/notices/", "files/").removesuffix(".yaml")
    assert data["attachments"] == [f"{folder}/W0301.png", f"{folder}/预约须知.pdf", f"{folder}/接种流程说明.pdf"]
    assert f"附件2：[接种流程说明]({folder}/接种流程说明.pdf)" in data["body"]
    assert (root / "content" / folder / "接种流程说明.pdf").read_bytes() == b"%PDF-1.4 b"
    # a download the copy lacks is to be checked; a saved page behind a .jsp address stays a link to it
    assert data["to_check"] == [
        f"linked file {BASE}module/download/downfile.jsp?classid=0&filename=2103019999.pdf (未保存.pdf) is not in "
        "the saved copy: it is published as its text; save it and add it under attachments:"]
    assert f"[前期通知]({BASE}xxgk/wjw/202103/t20210225_5500.html)" in data["body"]  # by <base href>
    assert f"[另一通知]({BASE}xxgk/wjw/content.jsp?id=5500)" in data["body"]
    # wget --restrict-file-names=windows: '?' saved as '@'; an '@' elsewhere in a name is the name's
    olds = {notice(root, x.notice)["old_url"] for x in results if x.status == "migrated" and "/slj/" in x.source}
    assert olds == {f"{BASE}xxgk/slj/content.jsp?id=77", f"{BASE}xxgk/slj/a@b.html"}


def test_an_address_urllib_cannot_split_is_to_be_checked_never_a_traceback(tmp_path):
    body = "<p><a href='http://[::1/down.jsp?i_ID=1'>流程</a>，<a href='t20240101_1.html'>前文</a></p>"
    page = trs_page(title="关于测试的通知", index_number=f"{CODE}/2024-00001", body=body, canonical="http://[::1")
    root, results = _one_run(tmp_path, {PAGE_A: page.replace("<head>", "<head><base href='http://[::1'>")})
    r = outcome(results, PAGE_A)
    data = notice(root, r.notice)
    assert data["old_url"] == f"{BASE}mzj/xxgk/202402/t20240215_2001.html"  # from its path, as without the link
    assert data["to_check"] == [
        "its canonical link 'http://[::1' is no address: not used",
        "its <base href> 'http://[::1' is no address: its links were read from the page's own",
        "link 'http://[::1/down.jsp?i_ID=1' (流程) is no address: it is published as its text"]
    assert f"流程，[前文]({BASE}mzj/xxgk/202402/t20240101_1.html)" in data["body"]


def test_a_further_page_whose_first_page_the_copy_lacks_is_to_be_checked(tmp_path):
    page = trs_page(title="关于做好2024年防汛准备工作的通知", index_number=f"{CODE}/2024-00088", body="<p>三、加强值守。</p>")
    root, results = _one_run(tmp_path, {PAGE_A.replace(".html", "_1.html"): page,
                                        f"{HOST}/mzj/xxgk/202402/t20240216_2.html": page.replace("00088", "00089")})
    r = outcome(results, PAGE_A.replace(".html", "_1.html"))
    assert notice(root, r.notice)["to_check"] == [
        f"this may be a further page of {PAGE_A}, which the saved copy lacks: save that page and compare, as the "
        "text may be only a part of the article"]
    # t20240216_2.html is an article's own name (t<date>_<id>), not page 3 of t20240216.html
    assert "to_check" not in notice(root, outcome(results, f"{HOST}/mzj/xxgk/202402/t20240216_2.html").notice)
