"""What the portal promises (issue 18): all 26 pilot domains on the column home, no link
that leads nowhere, an interpretation's unknown policy named without suggesting itself."""
from __future__ import annotations

import re

from gwsite import pipeline
from gwsite.domains import PILOT_DOMAINS, DomainTable

from sites import SITE_YAML, make_site

TAX = DomainTable().by_name("税收管理")


def test_the_home_lists_every_pilot_domain_and_makes_no_empty_page(tmp_path, run_cli):
    root = make_site(tmp_path / "site")  # catalogues of 社会救助 and 财政预决算 only
    out = root / "public"
    assert pipeline.build(root, out).report.ok
    home = (out / "index.html").read_text(encoding="utf-8")
    grid = home[home.index('class="domain-grid"'):home.index("</ul>", home.index('class="domain-grid"'))]
    assert grid.count("<li") == 26
    assert all(d.name in grid for d in PILOT_DOMAINS)
    assert 'href="domains/shjz/index.html"' in grid or "社会救助" in re.findall(r'<a href="[^"]+"><span class="name">([^<]+)', grid)
    assert "税收管理" not in re.findall(r'<a href="[^"]+"><span class="name">([^<]+)', grid)
    assert "标准目录编制中" in grid
    assert not (out / "domains" / TAX.slug).exists()  # no empty column
    code, stdout, stderr = run_cli("check", root)
    said = stdout + stderr
    assert "site.yaml: warning: 领域目录缺失: no standard catalogue for the pilot domain 税收管理" in said
    assert "pilot domain 社会救助" not in said  # it has one


def test_a_domain_declared_not_compiled_is_not_reported_and_says_why(tmp_path, run_cli):
    root = make_site(tmp_path / "site")
    (root / "site.yaml").write_text(SITE_YAML + "not_compiled:\n  税收管理: 由区税务局按税务总局目录编制\n", encoding="utf-8")
    code, stdout, stderr = run_cli("check", root)
    said = stdout + stderr
    assert "pilot domain 税收管理" not in said and "pilot domain 户籍管理" in said
    line = SITE_YAML.count("\n") + 1
    assert f"site.yaml:{line}: warning: 领域目录缺失" in said  # named at the declaration
    out = root / "public"
    assert pipeline.build(root, out).report.ok
    assert "本级不编制标准目录：由区税务局按税务总局目录编制" in (out / "index.html").read_text(encoding="utf-8")
    (root / "site.yaml").write_text(SITE_YAML + "not_compiled:\n  税务: 由区税务局编制\n  户籍管理: ''\n", encoding="utf-8")
    code, stdout, stderr = run_cli("check", root)
    assert code == 1
    assert f"site.yaml:{line + 1}: not_compiled: unknown domain '税务'" in stdout + stderr
    assert f"site.yaml:{line + 2}: not_compiled: give the reason 户籍管理 is not compiled" in stdout + stderr


BODY = """\
见[本局公告](https://www.gov.cn/zhengce/a.html)、[名单](files/mzj/名单.pdf)、[旧门户的页](/xxgk/2020/a.html)、
[电脑上的文件](file:///C:/Users/a/b.doc)、[另一个文件](files/mzj/未列出.pdf)、[无地址]()、[联系我们](mailto:a@b.cn)、[本页](#top)。
"""


def test_a_link_the_build_warns_about_is_published_as_its_text(tmp_path, run_cli):
    root = make_site(tmp_path / "site", {
        "content/files/mzj/名单.pdf": b"%PDF-1.4\n",
        "content/files/mzj/未列出.pdf": b"%PDF-1.4\n",
        "content/notices/mzj/links.yaml": "title: 链接测试\npublisher: mzj\npublished: 2025-03-01\n"
                                          "disclosure: 主动公开\nattachments: [files/mzj/名单.pdf]\nbody: |\n"
                                          + "".join("  " + line + "\n" for line in BODY.splitlines()),
    })
    code, stdout, stderr = run_cli("check", root)
    said = stdout + stderr
    for warned in ("/xxgk/2020/a.html", "file:///C:/Users/a/b.doc", "files/mzj/未列出.pdf"):
        assert warned in said  # the build says so …
    out = root / "public"
    assert pipeline.build(root, out).report.ok
    page = (out / "notices" / "mzj" / "links.html").read_text(encoding="utf-8")
    body = page[page.index("见"):page.index("。", page.index("见"))]
    hrefs = re.findall(r'href="([^"]*)"', body)
    # … and publishes what leads somewhere as links, the rest as text
    assert hrefs == ["https://www.gov.cn/zhengce/a.html", "../../files/mzj/%E5%90%8D%E5%8D%95.pdf", "mailto:a@b.cn", "#top"] \
        or hrefs == ["https://www.gov.cn/zhengce/a.html", "../../files/mzj/名单.pdf", "mailto:a@b.cn", "#top"], hrefs
    for text in ("旧门户的页", "电脑上的文件", "另一个文件", "无地址"):
        assert text in body and not re.search(rf"<a[^>]*>{text}</a>", body)


def test_an_unknown_policy_is_never_suggested_as_the_notice_itself(tmp_path, run_cli):
    root = make_site(tmp_path / "site", {
        "content/notices/mzj/jiedu-2025.yaml": "title: 解读\npublisher: mzj\npublished: 2025-03-01\n"
                                               "disclosure: 主动公开\ninterprets: mzj/jiedu-2024\n",
        "content/notices/mzj/banfa-2025.yaml": "title: 办法\npublisher: mzj\npublished: 2025-02-01\n"
                                               "disclosure: 主动公开\n",
    })
    code, stdout, stderr = run_cli("check", root)
    said = stdout + stderr
    assert "interprets 'mzj/jiedu-2024', which is not a notice" in said
    assert "did you mean 'mzj/jiedu-2025'" not in said


def test_attachment_text_is_searchable_masked(tmp_path):
    import io
    from openpyxl import Workbook
    from gwsite import search
    from personal_data import make_id
    wb = Workbook()
    ws = wb.active
    ws.append(["姓名", "身份证号", "住址"])
    ID = make_id("50011619850612301")
    ws.append(["张某", ID, "龙门镇石笋村七组"])
    data = io.BytesIO()
    wb.save(data)
    root = make_site(tmp_path / "site", {
        "content/files/longmen/名单.xlsx": data.getvalue(),
        "content/notices/longmen/mingdan.yaml": "title: 龙门镇2025年临时救助公示\npublisher: longmen\n"
                                                "published: 2025-03-01\ndisclosure: 主动公开\n"
                                                "attachments: [files/longmen/名单.xlsx]\nbody: 见附件。\n",
    })
    out = root / "public"
    assert pipeline.build(root, out).report.ok
    assert [h.id for h in search.query(out, "石笋村").hits] == ["longmen/mingdan"]  # in the file only
    assert search.query(out, "石笋镇").total == 0 or "longmen/mingdan" not in [h.id for h in search.query(out, '"石笋镇"').hits]
    assert search.query(out, ID).total == 0 and search.query(out, f'"{ID[-8:]}"').total == 0
    assert not any(ID in p.read_text(encoding="utf-8") for p in (out / "search").rglob("*.js"))
