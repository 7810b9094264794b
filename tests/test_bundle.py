"""The reading-room bundle: deterministic zip, checksums that `verify` checks, and the
unpacked copy used from disk in Chromium with the network off."""
import os
import shutil
import zipfile
from pathlib import Path

import pytest
from sites import make_site

NOTICES = {
    f"content/notices/mzj/n{i}.yaml": f"""\
        title: 关于公布2025年第{i}批城乡低保对象的公示
        publisher: mzj
        published: 2025-0{i}-10
        disclosure: 主动公开
        domain: 社会救助
        item: 最低生活保障/审核确认结果
        body: |
          现将第{i}批城乡低保对象公示如下，公示期7个工作日。
        """ for i in range(1, 5)
}


@pytest.fixture
def built(tmp_path, run_cli):
    root = make_site(tmp_path / "site", NOTICES)
    out = tmp_path / "public"
    code, _, err = run_cli("build", root, "-o", out)
    assert code == 0, err
    return out


def test_bundle_is_deterministic_and_verifies(built, tmp_path, run_cli):
    code, printed, err = run_cli("bundle", built, "-o", tmp_path / "a.zip")
    assert code == 0, err
    assert run_cli("bundle", built, "-o", tmp_path / "b.zip")[0] == 0
    assert (tmp_path / "a.zip").read_bytes() == (tmp_path / "b.zip").read_bytes()
    names = zipfile.ZipFile(tmp_path / "a.zip").namelist()
    assert {"start.html", "使用说明.html", "SHA256SUMS.txt", "index.html", "search.html"} <= set(names)
    code, printed, _ = run_cli("verify", tmp_path / "a.zip")
    assert code == 0
    assert printed.splitlines()[-1] == f"gwsite verify: {tmp_path / 'a.zip'}: all {len(names) - 1} files intact"


def test_verify_reports_every_missing_extra_and_altered_file(built, tmp_path, run_cli):
    assert run_cli("bundle", built, "-o", tmp_path / "a.zip")[0] == 0
    copy = tmp_path / "copy"
    zipfile.ZipFile(tmp_path / "a.zip").extractall(copy)
    assert run_cli("verify", copy)[0] == 0
    (copy / "notices/mzj/n2.html").write_text("篡改", encoding="utf-8")
    (copy / "notices/mzj/n3.html").unlink()
    (copy / "static/extra.js").write_text("alert(1)", encoding="utf-8")
    code, printed, err = run_cli("verify", copy)
    assert code == 1
    assert printed.splitlines() == [
        f"{copy}: missing: notices/mzj/n3.html",
        f"{copy}: extra: static/extra.js",
        f"{copy}: altered: notices/mzj/n2.html",
    ]
    assert err.strip() == f"gwsite verify: {copy}: 1 missing, 1 extra, 1 altered"


def test_verify_checks_the_zip_itself(built, tmp_path, run_cli):
    assert run_cli("bundle", built, "-o", tmp_path / "a.zip")[0] == 0
    with zipfile.ZipFile(tmp_path / "a.zip") as src, zipfile.ZipFile(tmp_path / "bad.zip", "w") as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "index.html":
                data = data.replace("城乡低保".encode(), "城乡低保（已改）".encode())
            if info.filename != "feed.xml":
                dst.writestr(info, data)
    code, printed, _ = run_cli("verify", tmp_path / "bad.zip")
    assert code == 1
    assert printed.splitlines() == [f"{tmp_path / 'bad.zip'}: missing: feed.xml",
                                    f"{tmp_path / 'bad.zip'}: altered: index.html"]


def test_verify_reports_damaged_members_and_reads_a_listing_saved_again_with_a_bom(built, tmp_path, run_cli):
    bundle = tmp_path / "a.zip"
    assert run_cli("bundle", built, "-o", bundle)[0] == 0
    data = bytearray(bundle.read_bytes())
    with zipfile.ZipFile(bundle) as z:  # flip bytes inside index.html's compressed data
        info = z.getinfo("index.html")
        start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    for k in range(start + 20, start + 40):
        data[k] ^= 0xFF
    bad = tmp_path / "bad.zip"
    bad.write_bytes(bytes(data))
    code, printed, err = run_cli("verify", bad)
    assert code == 1 and "Traceback" not in err
    assert f"{bad}: altered: index.html" in printed.splitlines()
    copy = tmp_path / "copy"
    zipfile.ZipFile(bundle).extractall(copy)
    sums = copy / "SHA256SUMS.txt"
    sums.write_bytes(b"\xef\xbb\xbf" + sums.read_bytes())  # as Notepad saves it
    code, printed, _ = run_cli("verify", copy)
    assert code == 0 and printed.splitlines()[-1].endswith("files intact")


def test_bundle_refuses_a_folder_that_is_not_a_built_site(tmp_path, run_cli):
    (tmp_path / "x").mkdir()
    code, _, err = run_cli("bundle", tmp_path / "x", "-o", tmp_path / "x.zip")
    assert code == 1
    assert "is not a built gwsite site (no data/manifest.json); run gwsite build first" in err


CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
        "--disable-component-update"]


def test_unpacked_bundle_works_from_disk_offline(built, tmp_path, run_cli):
    if not CHROMIUM.exists():
        if os.environ.get("CI"):
            pytest.fail("CI must install chromium (see .ci/run)")
        pytest.skip(f"{CHROMIUM} not found")
    from playwright.sync_api import sync_playwright

    assert run_cli("bundle", built, "-o", tmp_path / "a.zip")[0] == 0
    shutil.rmtree(built)  # the reading room has only the zip
    room = tmp_path / "room"
    zipfile.ZipFile(tmp_path / "a.zip").extractall(room)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS, headless=True)
        context = browser.new_context()
        context.set_offline(True)
        outside: list[str] = []

        def route(r):
            if r.request.url.startswith("file://"):
                r.continue_()
            else:
                outside.append(r.request.url)
                r.abort()

        context.route("**/*", route)
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto((room / "start.html").as_uri())
        # The bundle's own pages carry the reading aids too (their 使用说明 says so).
        page.click("button[data-font-size='1']")
        assert page.evaluate("document.documentElement.getAttribute('data-font-size')") == "1"
        with page.expect_navigation():
            page.click("main >> text=使用说明")
        assert page.evaluate("document.documentElement.getAttribute('data-font-size')") == "1"
        assert page.locator("a.skip-link").count() == 1
        with page.expect_navigation():
            page.click("main >> text=返回")
        page.click("button[data-font-size='0']")  # back to the standard size for what follows
        page.click("text=进入首页")
        page.click("text=关于公布2025年第3批城乡低保对象的公示")
        assert page.url.endswith("/notices/mzj/n3.html")
        assert page.locator("h1").inner_text() == "关于公布2025年第3批城乡低保对象的公示"
        # font size and contrast, remembered on the next page
        base = page.evaluate("parseFloat(getComputedStyle(document.documentElement).fontSize)")
        page.click("button[data-font-size='2']")
        page.click("button[data-contrast]")
        assert page.evaluate("parseFloat(getComputedStyle(document.documentElement).fontSize)") == base * 1.5
        page.click("nav.site-nav >> text=首页")
        page.wait_for_url("**/room/index.html")
        assert page.evaluate("document.documentElement.getAttribute('data-font-size')") == "2"
        assert page.evaluate("document.documentElement.getAttribute('data-contrast')") == "high"
        assert page.locator("button[data-contrast]").get_attribute("aria-pressed") == "true"
        # and search
        page.fill("#home-q", "第2批")
        page.press("#home-q", "Enter")
        page.wait_for_selector("#results a")
        assert page.locator("#results .search-hit-title a").first.inner_text() == "关于公布2025年第2批城乡低保对象的公示"
        browser.close()
    assert outside == [] and errors == []
