"""`gwsite serve` as a user runs it: a subprocess on a free port, the golden site edited
under it — a new title served within seconds, a broken edit reported while the last good
page stays served, recovery — and the same seen from Chromium (live reload, the overlay)."""
from __future__ import annotations

import http.client
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from sites import make_site

from gwsite import pipeline, serve

ROOT = Path(__file__).resolve().parents[1]
GOLDEN_SITE = ROOT / "tests" / "golden" / "site"
NOTICE_ID = "mzj/2025-dibao-biaozhun"
NOTICE_FILE = "content/notices/mzj/2025-dibao-biaozhun.yaml"
OLD_TITLE = "关于调整2025年城乡最低生活保障标准的通知"
CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
        "--disable-component-update"]
DEADLINE = 10  # seconds an edit may take to be served (the acceptance criterion)


class Server:
    """`python -m gwsite serve ROOT --port 0`, its output in files (a full pipe must never block it)."""

    def __init__(self, root: Path, work: Path, without_fork: bool = False) -> None:
        self.root = root
        self.tmp = work / "tmpdir"  # TMPDIR of the server: where its private output lives
        self.tmp.mkdir()
        self.out_log, self.err_log = work / "stdout.txt", work / "stderr.txt"
        env = {**os.environ, "TMPDIR": str(self.tmp), "PYTHONPATH": str(ROOT), "PYTHONUNBUFFERED": "1"}
        with open(self.out_log, "wb") as out, open(self.err_log, "wb") as err:
            # Without fork (as on Windows) everything runs in the one process.
            start = (["-c", "import sys; from gwsite import cli, forking; forking.can_fork = lambda: False; "
                            "sys.exit(cli.main(sys.argv[1:]))"] if without_fork else ["-m", "gwsite"])
            self.proc = subprocess.Popen([sys.executable, *start, "serve", str(root), "--port", "0"],
                                         cwd=ROOT, env=env, stdout=out, stderr=err)
        found = wait_for(lambda: re.search(r"^gwsite: serving .* at (http://127\.0\.0\.1:\d+/)", self.stdout(), re.M)
                         or self.proc.poll() is not None, 60)
        assert found and self.proc.poll() is None, self.stdout() + self.stderr()
        self.url = found[1]

    def stdout(self) -> str:
        return self.out_log.read_text(encoding="utf-8")

    def stderr(self) -> str:
        return self.err_log.read_text(encoding="utf-8")

    def get(self, path: str) -> tuple[int, dict, str | bytes]:
        try:
            with urllib.request.urlopen(self.url + path.lstrip("/"), timeout=10) as r:
                status, headers, data = r.status, dict(r.headers), r.read()
        except urllib.error.HTTPError as e:
            status, headers, data = e.code, dict(e.headers), e.read()
        if headers.get("Content-Type", "").endswith("charset=utf-8"):
            data = data.decode("utf-8")
        return status, headers, data

    def status(self) -> dict:
        return json.loads(self.get("/__gwsite/status")[2])

    def after(self, build: int) -> dict:
        """The status once a build later than ``build`` has finished."""
        state = wait_for(lambda: (s := self.status())["build"] > build and s, DEADLINE)
        assert state, f"no build after {build}:\n{self.stdout()}{self.stderr()}"
        return state

    def stop(self) -> int:
        """Ctrl-C, as a user stops it; killed if it does not stop."""
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        return self.proc.returncode


def wait_for(predicate, timeout: float):
    """The first truthy value of ``predicate`` within ``timeout`` seconds, else None."""
    end = time.monotonic() + timeout
    while True:
        value = predicate()
        if value or time.monotonic() > end:
            return value or None
        time.sleep(0.1)


def set_title(root: Path, title: str) -> None:
    path = root / NOTICE_FILE
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"^title: .*$", f"title: {title}", text, count=1, flags=re.M), encoding="utf-8")


@pytest.fixture
def server(tmp_path):
    servers = []

    def start(root: Path | None = None, without_fork: bool = False) -> Server:
        if root is None:
            root = tmp_path / "site"
            shutil.copytree(GOLDEN_SITE, root)
        servers.append(Server(root, tmp_path, without_fork))
        return servers[-1]

    yield start
    for s in servers:
        s.stop()


def notice_path(srv: Server) -> str:
    manifest = json.loads(srv.get("/data/manifest.json")[2])
    return next(p["path"] for p in manifest["pages"] if p["kind"] == "notice" and p["id"] == NOTICE_ID)


def test_edit_break_and_recover(server):
    srv = server()
    page = "/" + notice_path(srv)
    status, headers, html = srv.get(page)
    assert status == 200 and OLD_TITLE in html
    assert headers["Content-Type"] == "text/html; charset=utf-8" and headers["Cache-Control"] == "no-store"
    first = srv.status()
    assert first["ok"] and first["problems"] == []

    set_title(srv.root, "低保标准调整通知（修订稿）")
    started = time.monotonic()
    assert wait_for(lambda: "低保标准调整通知（修订稿）" in srv.get(page)[2], DEADLINE), srv.stdout() + srv.stderr()
    print(f"new title served after {time.monotonic() - started:.1f} s")
    good = srv.after(first["build"])  # the build swaps the files in, then tells
    assert good["ok"]

    set_title(srv.root, "[未闭合的方括号")  # invalid YAML
    broken = srv.after(good["build"])
    assert not broken["ok"]
    assert any(re.match(rf"{re.escape(NOTICE_FILE)}:\d+: ", line) for line in broken["problems"]), broken
    assert broken["problems"][0] in srv.stderr()  # the terminal shows it too
    status, _, html = srv.get(page)
    assert status == 200 and "低保标准调整通知（修订稿）" in html  # the last good page stays served

    set_title(srv.root, "低保标准调整通知（第三稿）")
    recovered = srv.after(broken["build"])
    assert recovered["ok"] and recovered["problems"] == []
    assert "低保标准调整通知（第三稿）" in srv.get(page)[2]


def test_urls_types_and_clean_stop(server):
    srv = server()
    status, headers, html = srv.get("/")
    assert status == 200 and "/__gwsite/live.js?build=1" in html
    status, headers, html = srv.get("/nowhere/missing.html")
    assert status == 404 and "页面未找到" in html and "live.js" in html
    assert srv.get("/static/style.css")[1]["Content-Type"] == "text/css; charset=utf-8"
    status, headers, js = srv.get("/static/gwsite.js")
    assert headers["Content-Type"] == "text/javascript; charset=utf-8" and "__gwsite" not in js
    assert srv.get("/data/catalogue.json")[1]["Content-Type"] == "application/json; charset=utf-8"
    assert srv.get("/data/catalogue.xlsx")[1]["Content-Type"].startswith("application/vnd.openxmlformats")
    host, port = srv.url.split("/")[2].split(":")
    for raw in ("/domains", "/../../../etc/passwd", "/%00", "/%2e%2e/%2e%2e/etc/passwd", "/static/..%2f..%2f..%2fetc/passwd"):
        conn = http.client.HTTPConnection(host, int(port), timeout=10)
        conn.request("GET", raw)
        response = conn.getresponse()
        body = response.read()
        conn.close()
        if raw == "/domains":  # a folder: redirected to its slash, so relative links resolve
            assert response.status == 301 and response.headers["Location"] == "/domains/"
        else:
            assert response.status == 403 and b"root:" not in body, raw
    # The script is added on the way out: the built files never contain it.
    built = [p for p in srv.tmp.rglob("*.html")]
    assert built and not any(b"__gwsite" in p.read_bytes() for p in built)

    builder = children(srv.proc.pid)
    assert len(builder) == 1  # the process that watches and builds
    assert srv.stop() == 0
    assert "gwsite: stopped" in srv.stdout()
    assert "Traceback" not in srv.stderr()
    assert list(srv.tmp.iterdir()) == []  # the private output went with it
    assert wait_for(lambda: not Path(f"/proc/{builder[0]}").exists(), 5)  # stopped with it


def children(pid: int) -> list[int]:
    return [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]


def test_a_builder_that_dies_ends_the_preview(server):
    # A preview whose builder is gone would serve a stale site for ever: it stops, and says so.
    srv = server()
    os.kill(children(srv.proc.pid)[0], signal.SIGKILL)
    assert wait_for(lambda: srv.proc.poll() is not None, 10) and srv.proc.returncode == 1
    assert "gwsite serve: the builder process stopped (exit code -9)" in srv.stderr()
    assert list(srv.tmp.iterdir()) == []


def test_builds_fork_workers_only_without_other_threads(tmp_path, monkeypatch):
    """In the builder process (alone) every build may fork render workers; a preview that
    builds beside the server's threads (where fork is missing) forks for its first only."""
    root = make_site(tmp_path / "site", catalogues=False)
    asked = []
    monkeypatch.setattr(serve, "_rebuild",
                        lambda *args, parallel: asked.append(parallel) or pipeline.BuildResult(pipeline.Report()))
    beside_threads = serve.Preview(root, tmp_path / "out", False, lambda report: [])
    beside_threads.rebuild()
    beside_threads.rebuild({"changed": (1, 1, 1)})
    alone = serve.Preview(root, tmp_path / "out2", False, lambda report: [])
    alone.alone = True
    alone.rebuild()
    alone.rebuild({"changed": (1, 1, 1)})
    assert asked == [True, False, True, True]


def test_a_site_that_does_not_build_yet(server, tmp_path):
    root = shutil.copytree(GOLDEN_SITE, tmp_path / "site")
    set_title(root, "[未闭合的方括号")
    srv = server(root)
    state = srv.status()
    assert not state["ok"] and state["problems"]
    status, _, html = srv.get("/")
    assert status == 503 and "has not built yet" in html and "live.js" in html
    set_title(root, OLD_TITLE)
    assert srv.after(state["build"])["ok"]
    assert OLD_TITLE in srv.get("/" + notice_path(srv))[2]


def test_the_open_page_reloads_and_shows_problems(server):
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} not found: the browser test needs Chromium")
    from playwright.sync_api import sync_playwright

    srv = server()
    page_url = srv.url + notice_path(srv)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS, headless=True)
        try:
            page = browser.new_page()
            errors: list[str] = []
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.goto(page_url)
            assert page.inner_text("h1.notice-title") == OLD_TITLE
            page.evaluate("window.gwsiteTestMark = 1")  # gone after a real reload

            set_title(srv.root, "浏览器里看到的新标题")
            page.wait_for_function("document.querySelector('h1.notice-title')?.textContent === '浏览器里看到的新标题'",
                                   timeout=DEADLINE * 1000)
            assert page.evaluate("window.gwsiteTestMark") is None

            set_title(srv.root, "[未闭合的方括号")
            overlay = page.wait_for_selector('#gwsite-problems[role="alert"]', timeout=DEADLINE * 1000)
            assert NOTICE_FILE + ":" in overlay.inner_text()
            assert page.inner_text("h1.notice-title") == "浏览器里看到的新标题"  # still the last good page
            overlay.query_selector("button").click()
            assert page.query_selector("#gwsite-problems") is None

            set_title(srv.root, "<b>修好了</b>")  # a title is text: the page escapes it
            page.wait_for_function("document.querySelector('h1.notice-title')?.textContent === '<b>修好了</b>'",
                                   timeout=DEADLINE * 1000)
            assert page.query_selector("#gwsite-problems") is None
            assert errors == []
        finally:
            browser.close()


def test_a_burst_of_saves_is_built_once(tmp_path, monkeypatch):
    """The watcher step by step (no timing): a build only once the inputs stay put for a poll;
    editors' swap, backup and lock files never start one."""
    root = make_site(tmp_path / "site", catalogues=False)
    builds = []
    monkeypatch.setattr(serve, "_rebuild",
                        lambda *args, **kw: builds.append(args) or pipeline.BuildResult(pipeline.Report()))
    preview = serve.Preview(root, tmp_path / "out", False, lambda report: [])
    preview.rebuild()
    notice = root / "content" / "notices" / "a.yaml"
    for text in ("title: 1", "title: 12", "title: 123"):  # one save written in three goes
        notice.write_text(text, encoding="utf-8")
        preview.poll()
    assert len(builds) == 1
    preview.poll()
    assert len(builds) == 2 and preview.state.build == 2 and preview.state.ok
    for name in (".a.yaml.swp", "a.yaml~", "~$目录.xlsx"):
        (root / "content" / "notices" / name).write_text("x", encoding="utf-8")
    preview.poll()
    preview.poll()
    assert len(builds) == 2
    notice.unlink()  # a deletion is a change too
    preview.poll()
    preview.poll()
    assert len(builds) == 3


def test_workers_stop_quietly_where_sigterm_is_an_interrupt(tmp_path):
    """`gwsite serve` turns SIGTERM into KeyboardInterrupt; the render workers its builder
    forks must not inherit that, or every pool they leave prints a traceback per worker."""
    script = tmp_path / "pool.py"
    script.write_text(
        "import signal\n"
        "from gwsite import forking, serve\n"
        "signal.signal(signal.SIGTERM, serve._interrupt)\n"
        "for _ in range(30):  # Pool.terminate's SIGTERM may find a worker busy or leaving: often enough\n"
        "    with forking.pool(2) as pool:\n"
        "        assert sorted(pool.imap_unordered(abs, range(-200, 0), 8)) == list(range(1, 201))\n"
        "print('done')\n", encoding="utf-8")
    done = subprocess.run([sys.executable, str(script)], cwd=ROOT, capture_output=True, text=True, timeout=60,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert done.returncode == 0 and done.stdout == "done\n"
    assert "Traceback" not in done.stderr and "KeyboardInterrupt" not in done.stderr


def test_a_builder_whose_server_is_killed_stops(server):
    srv = server()
    (builder,) = children(srv.proc.pid)
    srv.proc.kill()  # SIGKILL: no cleanup in the server at all
    srv.proc.wait()
    assert wait_for(lambda: not Path(f"/proc/{builder}").exists()
                    or "Z" in Path(f"/proc/{builder}/stat").read_text().rsplit(")", 1)[1][:3], 10), \
        "the builder outlived its server"


def test_without_fork_one_process_builds_and_serves(server):
    srv = server(without_fork=True)
    assert children(srv.proc.pid) == []  # no builder: Windows has no fork
    page = "/" + notice_path(srv)
    first = srv.status()
    set_title(srv.root, "低保标准调整通知（无分叉）")
    assert srv.after(first["build"])["ok"]
    assert "低保标准调整通知（无分叉）" in srv.get(page)[2]
    assert srv.stop() == 0 and "gwsite: stopped" in srv.stdout() and list(srv.tmp.iterdir()) == []


def test_a_second_stop_signal_while_stopping_is_not_a_traceback(monkeypatch):
    """The builder ignores further Ctrl-C/SIGTERM once it stops; a signal that lands while
    it is setting that up (raised there as KeyboardInterrupt) is swallowed, not shown."""
    import signal as signals
    from gwsite import serve
    calls = []
    real = signals.signal

    def signal_once_interrupted(number, handler):
        calls.append(number)
        if len(calls) == 2:  # the second signal arrives between the two settings
            raise KeyboardInterrupt
        return real(number, handler)
    monkeypatch.setattr(serve.signal, "signal", signal_once_interrupted)
    before = (signals.getsignal(signals.SIGINT), signals.getsignal(signals.SIGTERM))
    try:
        serve._ignore_stop_signals()
        assert (signals.getsignal(signals.SIGINT), signals.getsignal(signals.SIGTERM)) == (signals.SIG_IGN,) * 2
        assert calls == [signals.SIGINT, signals.SIGTERM, signals.SIGINT, signals.SIGTERM]
    finally:
        real(signals.SIGINT, before[0])
        real(signals.SIGTERM, before[1])
