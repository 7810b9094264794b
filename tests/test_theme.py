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
