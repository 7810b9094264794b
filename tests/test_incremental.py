"""Incremental builds: after any kind of change, the output is byte for byte what a clean
build makes, and a one-notice edit makes only the files that notice is in."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from openpyxl import load_workbook

from gwsite import pipeline
from gwsite.buildcache import CACHE_DIR, BuildCache
from sites import tree_digest

GOLDEN_SITE = Path(__file__).parent / "golden" / "site"
NOTICE = "content/notices/mzj/2025-dibao-biaozhun.yaml"


@pytest.fixture
def root(tmp_path) -> Path:
    root = tmp_path / "site"
    shutil.copytree(GOLDEN_SITE, root, ignore=shutil.ignore_patterns(CACHE_DIR))
    # Lists of five (page_size: 5) over six 龙门镇 notices: adding or removing one shifts
    # notices between list pages.
    return root


def build(root: Path, out: Path, clean: bool = False) -> pipeline.BuildResult:
    result = pipeline.build(root, out, clean=clean, workers=1)
    assert result.report.ok, [str(p) for p in result.report.problems]
    return result


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def notice_edited(root):
    edit(root / NOTICE, "title: ", "title: （修订）")


def body_edited(root):
    edit(root / NOTICE, "body: |\n", "body: |\n  新增的第一段：标准自下月起执行。\n\n")


def notice_added_newest(root):
    (root / "content/notices/mzj/2026-new.yaml").write_text(
        "title: 关于2026年春节慰问困难群众的通知\npublisher: mzj\npublished: 2026-01-20\n"
        "disclosure: 主动公开\ndomain: 社会救助\nitem: 特困人员救助供养/救助供养标准\nbody: 春节慰问，每户500元。\n",
        encoding="utf-8")


def notice_added_backdated(root):
    (root / "content/notices/longmen/2024-12-old.yaml").write_text(
        "title: 龙门镇2024年12月低保公示\npublisher: longmen\npublished: 2024-12-05\n"
        "disclosure: 主动公开\ndomain: 社会救助\nitem: 最低生活保障/审核确认结果\nbody: 补录的旧公示。\n",
        encoding="utf-8")


def notice_deleted(root):
    (root / "content/notices/longmen/2025-03-dibao-gongshi.yaml").unlink()


def notice_made_non_public(root):
    edit(root / "content/notices/longmen/2025-04-dibao-gongshi.yaml", "disclosure: 主动公开", "disclosure: 依申请公开")


def catalogue_row_changed(root):
    path = next((root / "catalogues").glob("*.xlsx"))
    workbook = load_workbook(path)
    sheet = workbook.active
    cell = next(c for row in sheet.iter_rows() for c in row if c.value == "《社会救助暂行办法》")
    cell.value = "《社会救助暂行办法》（2019年修订）"
    workbook.save(path)


def template_changed(root):
    builtin = Path(pipeline.__file__).parent / "theme" / "templates" / "notice.html"
    theme = root / "theme" / "templates"
    theme.mkdir(parents=True)
    text = builtin.read_text(encoding="utf-8")
    assert "</article>" in text
    (theme / "notice.html").write_text(text.replace("</article>", "<p>本页由区政府办公室维护。</p>\n</article>", 1),
                                       encoding="utf-8")


def stylesheet_changed(root):
    static = root / "theme" / "static"
    static.mkdir(parents=True)
    builtin = Path(pipeline.__file__).parent / "theme" / "static" / "style.css"
    (static / "style.css").write_text(builtin.read_text(encoding="utf-8") + "\nh1 { color: #900; }\n", encoding="utf-8")


def site_title_changed(root):
    edit(root / "site.yaml", "title: 金台区基层政务公开", "title: 金台区基层政务公开专栏")


def orgs_reordered(root):
    # The search records number publishers in site.yaml's order: every record changes,
    # though no notice does.
    path = root / "site.yaml"
    text = path.read_text(encoding="utf-8")
    head, _, orgs = text.partition("orgs:\n")
    mzj, _, longmen = orgs.partition("  - id: longmen\n")
    assert mzj.startswith("  - id: mzj\n") and longmen.endswith("[龙门镇]\n"), orgs
    path.write_text(f"{head}orgs:\n  - id: longmen\n{longmen}{mzj}", encoding="utf-8")


CHANGES = [notice_edited, body_edited, notice_added_newest, notice_added_backdated, notice_deleted,
           notice_made_non_public, catalogue_row_changed, template_changed, stylesheet_changed, site_title_changed,
           orgs_reordered]


@pytest.mark.parametrize("change", CHANGES, ids=[c.__name__ for c in CHANGES])
def test_incremental_build_equals_a_clean_build(root, tmp_path, change):
    out = tmp_path / "public"
    build(root, out)
    change(root)
    incremental = build(root, out)
    clean = tmp_path / "clean"
    build(root, clean, clean=True)
    assert tree_digest(out) == tree_digest(clean)
    assert incremental.made < incremental.files or change in (template_changed, site_title_changed, orgs_reordered)


@pytest.mark.parametrize("change", CHANGES, ids=[c.__name__ for c in CHANGES])
def test_a_cache_kept_in_memory_builds_the_same(root, tmp_path, change):
    """gwsite serve's way: one cache object from build to build, never on disk, the
    output updated in place, and a build between that failed late (a template error,
    after the search index moved on and some pages were written) leaving it as it was."""
    out = tmp_path / "public"
    cache = BuildCache(root, out)

    def serve_build() -> pipeline.BuildResult:
        return pipeline.build(root, out, workers=1, cache=cache, in_place=True)

    assert serve_build().report.ok
    good = tree_digest(out)
    notice_edited(root)
    assert not (root / "theme").exists()
    (root / "theme" / "templates").mkdir(parents=True)
    (root / "theme" / "templates" / "list.html").write_text("{{ no_such_variable }}\n", encoding="utf-8")
    assert not serve_build().report.ok
    assert tree_digest(out) == good
    shutil.rmtree(root / "theme")
    change(root)
    assert serve_build().report.ok
    clean = tmp_path / "clean"
    build(root, clean, clean=True)
    assert tree_digest(out) == tree_digest(clean)
    assert not cache.file.exists()


def test_a_rebuild_without_changes_makes_nothing(root, tmp_path):
    out = tmp_path / "public"
    first = build(root, out)
    again = build(root, out)
    assert first.made == first.files
    assert (again.files, again.made) == (first.files, 0)


def test_editing_one_notice_leaves_the_other_notice_pages_untouched(root, tmp_path):
    out = tmp_path / "public"
    build(root, out)
    before = {p.relative_to(out).as_posix(): p.stat().st_ino for p in out.rglob("*.html")}
    notice_edited(root)
    result = build(root, out)
    after = {p.relative_to(out).as_posix(): p.stat().st_ino for p in out.rglob("*.html")}
    remade = {path for path in after if after[path] != before.get(path)}
    assert "notices/mzj/2025-dibao-biaozhun.html" in remade
    others = {p for p in after if p.startswith("notices/") and p != "notices/mzj/2025-dibao-biaozhun.html"}
    # The interpretation links to the policy by title, so its page is made again; no other notice's.
    assert remade & others == {"notices/mzj/2025-dibao-jiedu.html"}
    assert "pages/mzj/zhinan.html" not in remade if "pages/mzj/zhinan.html" in after else True
    assert result.made < result.files / 2


def test_a_hand_edited_or_deleted_output_file_is_made_again(root, tmp_path):
    out = tmp_path / "public"
    build(root, out)
    clean = tree_digest(out)
    page = out / "notices/longmen/2025-02-dibao-gongshi.html"
    page.write_text("tampered", encoding="utf-8")
    (out / "notices/longmen/2025-05-dibao-gongshi.html").unlink()
    build(root, out)
    assert tree_digest(out) == clean


def test_a_lost_or_corrupt_cache_means_a_clean_build(root, tmp_path):
    out = tmp_path / "public"
    build(root, out)
    clean = tree_digest(out)
    for f in (root / CACHE_DIR).glob("*.pickle"):
        f.write_bytes(b"not a pickle")
    result = build(root, out)
    assert result.made == result.files
    assert tree_digest(out) == clean


def test_the_replaced_output_is_removed_and_nothing_is_left_beside_it(root, tmp_path):
    out = tmp_path / "public"
    build(root, out)
    notice_edited(root)
    build(root, out)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["public", "site"]
    trash = root / CACHE_DIR / "trash"
    for _ in range(100):  # the old output is deleted by a background process
        if not any(trash.iterdir()):
            break
        os.sched_yield()
        import time
        time.sleep(0.05)
    assert not any(trash.iterdir())


def test_a_notice_whose_attachment_disappears_is_read_again(root, tmp_path):
    out = tmp_path / "public"
    build(root, out)
    before = tree_digest(out)
    attachment = next((root / "content" / "files").rglob("*.*"))
    attachment.unlink()  # the notice's file is unchanged: only its attachment is gone
    result = pipeline.build(root, out, workers=1)
    assert not result.report.ok
    assert any("attachment" in str(p) and "not found" in str(p) for p in result.report.problems)
    assert tree_digest(out) == before


def test_only_the_latest_output_folders_keep_a_cache(root, tmp_path):
    from gwsite.buildcache import KEEP_OUTPUTS
    for n in range(KEEP_OUTPUTS + 2):
        build(root, tmp_path / f"out{n}")
    assert len(list((root / CACHE_DIR).glob("*.stages.pickle"))) == KEEP_OUTPUTS
    assert len(list((root / CACHE_DIR).glob("*.pickle"))) == 2 * KEEP_OUTPUTS
    newest = build(root, tmp_path / f"out{KEEP_OUTPUTS + 1}")
    assert newest.made == 0  # the latest folder's cache survived


def test_a_rebuild_parses_no_unchanged_notice(root, tmp_path, monkeypatch):
    # The parsed notices are saved by a forked child while the build renders
    # (BuildCache.write_stages_early): the next build finds them there.
    out = tmp_path / "public"
    build(root, out)
    assert list((root / CACHE_DIR).glob("*.stages.pickle"))
    assert not list((root / CACHE_DIR).glob("*.tmp"))
    from gwsite import notices
    parse = notices._parse
    parsed = []
    monkeypatch.setattr(notices, "_parse", lambda root, item, domains: parsed.append(item[0]) or parse(root, item, domains))
    notice_edited(root)
    build(root, out)
    assert parsed == [NOTICE]


def test_a_build_that_fails_late_leaves_the_saved_stages_alone(root, tmp_path):
    out = tmp_path / "public"
    build(root, out)
    saved = {p.name: p.read_bytes() for p in (root / CACHE_DIR).glob("*.pickle")}
    (root / "theme" / "templates").mkdir(parents=True, exist_ok=True)
    (root / "theme" / "templates" / "notice.html").write_text("{{ no_such_variable }}\n", encoding="utf-8")
    notice_edited(root)
    assert not pipeline.build(root, out, workers=1).report.ok
    assert {p.name: p.read_bytes() for p in (root / CACHE_DIR).glob("*.pickle")} == saved
    assert not list((root / CACHE_DIR).glob("*.tmp"))


def test_a_parallel_build_equals_a_serial_one(root, tmp_path, monkeypatch):
    # Forced into worker processes, with the index inverted in blocks of three notices
    # by the workers and merged here: the same bytes as one process in one block.
    from gwsite import renderpool, search
    serial = tmp_path / "serial"
    build(root, serial, clean=True)
    monkeypatch.setattr(renderpool, "SERIAL_BELOW", 0)
    monkeypatch.setattr(search, "_BLOCK", 3)
    parallel = tmp_path / "parallel"
    assert pipeline.build(root, parallel, clean=True, workers=2).report.ok
    assert tree_digest(parallel) == tree_digest(serial)


def test_the_saved_index_state_is_the_latest_one(root, tmp_path):
    # The stages saved early (in a child, after reading) must not hold the search state
    # of the build before, which this build replaced.
    from gwsite.model import digest
    out = tmp_path / "public"
    build(root, out)
    notice_edited(root)
    build(root, out)
    state = BuildCache.load(root, out).stages["search"]
    from gwsite.search import documents
    assert state.notice_keys == [digest(n) for n in documents(pipeline.load(root).site)[::-1]]


def test_a_site_root_where_no_cache_can_be_written_still_builds(root, tmp_path):
    # As a read-only site root would: the cache folder cannot be made (here a file is in
    # its place, which even root cannot make a folder of); the build goes on without it.
    (root / CACHE_DIR).write_text("not a folder", encoding="utf-8")
    out = tmp_path / "public"
    first = build(root, out)
    assert first.made == first.files
    clean = tmp_path / "clean"
    build(root, clean, clean=True)
    assert tree_digest(out) == tree_digest(clean)
    again = build(root, out)
    assert again.made == again.files  # nothing was kept, so everything is made again


@pytest.mark.parametrize("copied", ["theme/static/style.css", "content/files/mzj/dibao-biaozhun-2025.pdf"])
def test_a_copied_file_rewritten_with_its_size_and_time_is_copied_again(root, tmp_path, copied):
    """A theme's static file or an attachment edited in place with the same length, its
    old time put back (as cp -p or a sync tool does): its change time tells."""
    source = root / copied
    source.parent.mkdir(parents=True, exist_ok=True)
    if not source.exists():
        source.write_text("body { color: #123456; }\n", encoding="utf-8")
    out = tmp_path / "public"
    build(root, out)
    before = source.stat()
    data = source.read_bytes()
    source.write_bytes(data[:-2] + bytes([data[-2] ^ 1]) + data[-1:])
    os.utime(source, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert (source.stat().st_size, source.stat().st_mtime_ns) == (before.st_size, before.st_mtime_ns)
    build(root, out)
    clean = tmp_path / "clean"
    build(root, clean, clean=True)
    assert tree_digest(out) == tree_digest(clean)
    published = "static/style.css" if copied.startswith("theme/") else "files/mzj/dibao-biaozhun-2025.pdf"
    assert (out / published).read_bytes() == source.read_bytes()
