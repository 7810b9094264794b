"""A site root's theme/ overrides the built-in templates and static files one by one."""
from sites import make_site

NOTICE = """\
title: 关于调整低保标准的通知
publisher: mzj
published: 2025-03-14
disclosure: 主动公开
body: |
  正文。
"""


def test_site_theme_overrides_files_one_by_one(tmp_path, run_cli):
    root = make_site(tmp_path / "site", {
        "content/notices/mzj/a.yaml": NOTICE,
        # one template overridden, extending the built-in base
        "theme/templates/notice.html": """\
            {% extends "base.html" %}
            {% block main %}<h1 class="custom">{{ notice.title }}</h1><p>本区定制模板</p>{% endblock %}
            """,
        # one static file overridden, one added
        "theme/static/style.css": "body { color: #123456; }\n",
        "theme/static/logo.png": b"\x89PNG fake",
    })
    out = tmp_path / "public"
    code, _, err = run_cli("build", root, "-o", out)
    assert code == 0, err
    notice = (out / "notices/mzj/a.html").read_text(encoding="utf-8")
    assert '<h1 class="custom">关于调整低保标准的通知</h1><p>本区定制模板</p>' in notice
    assert "主办单位：测试区人民政府办公室" in notice  # the built-in base.html still wraps it
    home = (out / "index.html").read_text(encoding="utf-8")
    assert "本区定制模板" not in home  # other templates stay built-in
    assert (out / "static/style.css").read_text() == "body { color: #123456; }\n"
    assert (out / "static/logo.png").read_bytes() == b"\x89PNG fake"
    assert (out / "static/gwsite.js").is_file()  # not overridden: the built-in one


def test_template_error_names_the_template(tmp_path, run_cli):
    root = make_site(tmp_path / "site", {
        "content/notices/mzj/a.yaml": NOTICE,
        "theme/templates/notice.html": "{% extends 'base.html' %}\n{% block main %}{{ notice.titel }}{% endblock %}\n",
    })
    out = tmp_path / "public"
    code, _, err = run_cli("build", root, "-o", out)
    assert code == 1
    assert "theme/templates/notice.html:2: template error: 'gwsite.model.Notice object' has no attribute 'titel'" in err
    assert not out.exists()


def test_brand_override_replaces_only_the_title_of_the_header(tmp_path, run_cli):
    root = make_site(tmp_path / "site", {
        "content/notices/mzj/a.yaml": NOTICE,
        "theme/templates/brand.html": '<p class="site-title"><a href="{{ url(\'index.html\') }}">'
                                      '<img src="{{ url(\'static/emblem.svg\') }}" alt="">{{ config.title }}</a></p>\n',
        "theme/static/emblem.svg": "<svg xmlns='http://www.w3.org/2000/svg'/>",
    })
    out = tmp_path / "public"
    code, _, err = run_cli("build", root, "-o", out)
    assert code == 0, err
    notice = (out / "notices/mzj/a.html").read_text(encoding="utf-8")
    assert '<a href="../../index.html"><img src="../../static/emblem.svg" alt="">测试区基层政务公开</a>' in notice
    assert 'class="site-region"' not in notice  # the built-in brand.html is replaced ...
    assert 'data-contrast' in notice and 'aria-label="栏目导航"' in notice  # ... and nothing else


def test_the_demo_district_shows_its_emblem_from_its_own_theme(demo_build):
    from conftest import ROOT

    assert sorted(p.relative_to(ROOT / "theme").as_posix() for p in (ROOT / "theme").rglob("*") if p.is_file()) == [
        "static/qingxi-emblem.svg", "templates/brand.html"]
    assert (demo_build / "static/qingxi-emblem.svg").read_bytes() == (ROOT / "theme/static/qingxi-emblem.svg").read_bytes()
    notice = next(demo_build.glob("notices/mzj/*.html")).relative_to(demo_build).as_posix()
    for page, prefix in [("index.html", ""), (notice, "../../")]:
        html = (demo_build / page).read_text(encoding="utf-8")
        assert f'<img src="{prefix}static/qingxi-emblem.svg" alt="" width="48" height="48">青溪区基层政务公开</a>' in html
        assert '<p class="site-region">云岭市青溪区</p>' in html and "data-contrast" in html


def test_badge_is_a_local_image_linked_to_the_configured_verification_page(tmp_path, run_cli):
    root = make_site(tmp_path / "site", {"content/notices/mzj/a.yaml": NOTICE})
    out = tmp_path / "public"
    assert run_cli("build", root, "-o", out)[0] == 0
    badge = '<img src="../../static/conac.svg" alt="党政机关网站标识" width="120" height="44">'
    notice = (out / "notices/mzj/a.html").read_text(encoding="utf-8")
    assert f'<p class="conac">{badge}</p>' in notice  # no conac_url: the image alone
    assert (out / "static/conac.svg").read_bytes().startswith(b"<svg")

    url = "https://bszs.conac.cn/sitename?method=show&id=0A1B2C3D"
    with (root / "site.yaml").open("a", encoding="utf-8") as f:
        f.write(f"conac_url: {url}\n")
    assert run_cli("build", root, "-o", out)[0] == 0
    notice = (out / "notices/mzj/a.html").read_text(encoding="utf-8")
    assert f'<p class="conac"><a href="{url.replace("&", "&amp;")}">{badge}</a></p>' in notice


def test_a_brand_that_reads_the_page_is_rendered_for_each_page(tmp_path, run_cli):
    # The header is made once per output folder unless a theme's part reads the page itself.
    root = make_site(tmp_path / "site", {
        "content/notices/mzj/a.yaml": NOTICE,
        "content/notices/mzj/b.yaml": NOTICE.replace("调整低保标准", "发放救助金"),
        "theme/templates/brand.html": '{% include "here.html" %}\n',
        "theme/templates/here.html": '<p class="site-title">{{ page_path }}</p>\n',
    })
    out = tmp_path / "public"
    code, _, err = run_cli("build", root, "-o", out)
    assert code == 0, err
    for name in ("a", "b"):
        page = (out / f"notices/mzj/{name}.html").read_text(encoding="utf-8")
        assert f'<p class="site-title">notices/mzj/{name}.html</p>' in page


def test_an_error_in_a_frame_part_names_its_template(tmp_path, run_cli):
    root = make_site(tmp_path / "site", {
        "content/notices/mzj/a.yaml": NOTICE,
        "theme/templates/brand.html": "<p>\n{{ config.titel }}</p>\n",
    })
    out = tmp_path / "public"
    code, _, err = run_cli("build", root, "-o", out)
    assert code == 1
    assert "theme/templates/brand.html:2: template error: 'gwsite.model.SiteConfig object' has no attribute 'titel'" in err
    root = make_site(tmp_path / "site", {"theme/templates/brand.html": "<p>\n{% if %}</p>\n"})
    code, _, err = run_cli("build", root, "-o", out)
    assert code == 1
    assert "theme/templates/brand.html:2: template error: " in err, err


ODD_NAMES = {  # file names departments give: a 楼 number, a question, a percentage
    "content/notices/mzj/3#楼安置公示.yaml": "3#楼安置房分配公示",
    "content/notices/mzj/问答?第1期.yaml": "低保政策问答第1期",
    "content/notices/mzj/完成率100%.yaml": "安置进度完成率通报",
}


def odd_names_site(root):
    files = {path: NOTICE.replace("关于调整低保标准的通知", title) for path, title in ODD_NAMES.items()}
    files["content/notices/mzj/3#楼安置公示.yaml"] += "attachments:\n  - files/mzj/3#楼名单?.pdf\n"
    files["content/files/mzj/3#楼名单?.pdf"] = b"%PDF-1.4 fake"
    return make_site(root, files)


def test_names_with_hash_question_mark_and_percent_link_to_their_files(tmp_path, run_cli):
    import sys
    from urllib.parse import unquote, urlsplit
    sys.path.insert(0, str(__import__("pathlib").Path(__file__).parent))
    from test_demo_site import Links
    out = tmp_path / "public"
    assert run_cli("build", odd_names_site(tmp_path / "site"), "-o", out)[0] == 0
    checked, broken = 0, []
    for page in sorted(out.rglob("*.html")):
        parser = Links()
        parser.feed(page.read_text(encoding="utf-8"))
        for _, _, value, _ in parser.links:
            url = urlsplit(value)
            if url.scheme or not url.path:
                continue
            checked += 1
            if not (page.parent / unquote(url.path)).resolve().is_file():
                broken.append(f"{page.relative_to(out)}: {value}")
    assert checked and broken == []
    notice = (out / "notices/mzj/3#楼安置公示.html").read_text(encoding="utf-8")
    assert 'href="../../files/mzj/3%23%E6%A5%BC%E5%90%8D%E5%8D%95%3F.pdf"' in notice
    latest = (out / "latest/index.html").read_text(encoding="utf-8")
    assert "%E9%97%AE%E7%AD%94%3F%E7%AC%AC1%E6%9C%9F.html" in latest and "%25.html" in latest


LINKING_NOTICE = """\
title: 关于2025年低保对象名单的公示
publisher: mzj
published: 2025-03-14
disclosure: 主动公开
attachments:
  - files/mzj/名单.xlsx
  - files/mzj/现场照片.png
  - files/mzj/名单 2024.pdf
  - files/mzj/户主500381199001014214.pdf
body: |
  名单见[附件：名单](files/mzj/名单.xlsx)，现场照片如下：

  ![现场](files/mzj/现场照片.png)

  另见[往年名单](files/mzj/2024名单.pdf)和<a href="/xxgk/2023/t1.html">旧网站公告</a>。
  ![远程图片](http://www.example.gov.cn/images/a.jpg)
  [中国政府网](https://www.gov.cn/) · [上文](#top) · [来信](mailto:mzj@example.gov.cn)
  [第2页](files/mzj/名单.xlsx#page=2) · [2024年](<files/mzj/名单 2024.pdf>) · [户主](files/mzj/户主500381199001014214.pdf)
  [本机文件](file:///C:/Users/admin/Desktop/名单.xlsx) · 写法示例：`[附件](/files/a.pdf)`
"""


def test_body_links_to_attachments_are_pointed_at_them_and_the_rest_is_named(tmp_path, run_cli):
    root = make_site(tmp_path / "site", {
        "content/notices/mzj/list.yaml": LINKING_NOTICE,
        "content/files/mzj/名单.xlsx": b"PK fake", "content/files/mzj/现场照片.png": b"\x89PNG fake",
        "content/files/mzj/名单 2024.pdf": b"%PDF", "content/files/mzj/户主500381199001014214.pdf": b"%PDF",
        "content/pages/mzj/guide.md": "---\ntitle: 指南\nsection: 指南\npublisher: mzj\n---\n\n"
                                      "见[办事指南](guide-2.html)。\n\n<img src=\"https://cdn.example.com/a.png\">\n",
    })
    out = tmp_path / "public"
    code, stdout, err = run_cli("build", root, "-o", out)
    assert code == 0, err
    said = [line for line in (stdout + err).splitlines() if ("content/notices/mzj/list.yaml" in line
            or "content/pages/mzj/guide.md" in line) and "居民身份证号" not in line]  # the ID's own warnings
    expected = [  # each before its hint
        "content/notices/mzj/list.yaml:15: warning: link '/xxgk/2023/t1.html' starts with '/': it leads nowhere "
        "in a copy opened from disk or served under another address",
        "content/notices/mzj/list.yaml:15: warning: link to 'files/mzj/2024名单.pdf', which is not among the "
        "notice's attachments: that file is not published",
        "content/notices/mzj/list.yaml:16: warning: image loaded from another server "
        "(http://www.example.gov.cn/images/a.jpg): a copy opened from disk, with no network, cannot show it",
        "content/notices/mzj/list.yaml:19: warning: link 'file:///C:/Users/admin/Desktop/名单.xlsx' cannot be "
        "followed from the published page (a file on the author's computer, or no web address): it is removed",
        "content/pages/mzj/guide.md:9: warning: image loaded from another server (https://cdn.example.com/a.png): "
        "a copy opened from disk, with no network, cannot show it",
    ]
    assert len(said) == len(expected) and all(line.startswith(e + " (") for line, e in zip(said, expected)), said
    page = (out / "notices/mzj/list.html").read_text(encoding="utf-8")
    assert 'href="../../files/mzj/%E5%90%8D%E5%8D%95.xlsx"' in page  # the attachment, from the page
    assert 'src="../../files/mzj/%E7%8E%B0%E5%9C%BA%E7%85%A7%E7%89%87.png"' in page
    assert 'href="../../files/mzj/%E5%90%8D%E5%8D%95.xlsx#page=2"' in page
    assert 'href="../../files/mzj/%E5%90%8D%E5%8D%95%202024.pdf"' in page
    # The body is masked, the attachment published under its masked name: the link follows.
    assert 'href="../../files/mzj/%E6%88%B7%E4%B8%BB500381xxxxxxxx4214.pdf"' in page
    assert (out / "files/mzj/户主500381xxxxxxxx4214.pdf").is_file()
    assert (out / "files/mzj/名单.xlsx").is_file() and (out / "files/mzj/现场照片.png").is_file()


def test_a_template_that_does_not_compile_is_named_by_a_parallel_build_too(tmp_path, monkeypatch):
    """Templates are compiled before the render workers start: one that does not compile
    is named with its file and line as in one process, and one that no page uses (a
    draft left in theme/templates) does not fail the build, as in one process."""
    from gwsite import pipeline, renderpool
    monkeypatch.setattr(renderpool, "SERIAL_BELOW", 0)  # workers even for a small site
    root = make_site(tmp_path / "site", {
        "content/notices/mzj/a.yaml": NOTICE,
        "theme/templates/brand.html": "<p>\n{% if %}</p>\n",
    })
    result = pipeline.build(root, tmp_path / "out", workers=2)
    assert [str(p) for p in result.report.errors if "template error" in str(p)] == [
        "theme/templates/brand.html:2: template error: Expected an expression, got 'end of statement block'"]
    (root / "theme/templates/brand.html").unlink()
    (root / "theme/templates/draft.html").write_text("{% for %}\n", encoding="utf-8")
    assert pipeline.build(root, tmp_path / "out", workers=2).report.ok
