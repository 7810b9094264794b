"""``gwsite serve``: preview a site root on localhost, rebuilt whenever an input changes.

The site is built into a private temporary folder (never the user's ``public/``) and served
from there.  A watcher polls the inputs, rebuilds once they have been quiet for a moment,
and tells the open pages over Server-Sent Events to reload — or, when the build fails, to
show its problems, while the last good site stays served.  The live-reload script is added
to the HTML on its way out; the built files never contain it.

Two processes: this one serves (a thread per request), and a builder forked before any
thread started watches and builds.  It has no other thread, so every build may fork its
render workers (forking a threaded process can leave a lock held forever in the child);
it tells this one about each finished build through a pipe.

Stdlib only: a preview needs no framework, and polling works the same on every system.
"""
from __future__ import annotations

import json
import mimetypes
import multiprocessing
import os
import shutil
import signal
import sys
import tempfile
import threading
import time
import traceback
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

from . import forking, pipeline
from .buildcache import BuildCache
from .model import file_stamp

POLL = 0.3  # seconds between two looks at the inputs
SETTLE = 0.1  # seconds a change must stay put before it is built (an editor's save may take several writes)
KEEPALIVE = 15  # seconds; a comment line keeps idle event streams open through proxies
WATCHED = ("site.yaml", "catalogues", "content", "theme")
PREFIX = "/__gwsite/"  # the server's own URLs; no built file starts with "__"

TEXT_TYPES = {".html": "text/html", ".css": "text/css", ".js": "text/javascript", ".json": "application/json",
              ".xml": "application/xml", ".csv": "text/csv", ".txt": "text/plain", ".svg": "image/svg+xml"}

# Served as a file, not inline, so that a theme with a strict Content-Security-Policy
# ('self') still gets live reload.  The page's build number comes back in the events URL:
# a build that finished before the stream opened is not missed.
LIVE_JS = r"""(function () {
  var build = new URL(document.currentScript.src).searchParams.get("build");
  var events = new EventSource("/__gwsite/events?build=" + build);
  events.addEventListener("reload", function () { location.reload(); });
  events.addEventListener("problems", function (e) { show(JSON.parse(e.data)); });
  function show(lines) {
    var old = document.getElementById("gwsite-problems");
    if (old) old.remove();
    var box = document.createElement("div");
    box.id = "gwsite-problems";
    box.setAttribute("role", "alert");
    var s = box.style;
    s.position = "fixed"; s.left = "1em"; s.right = "1em"; s.bottom = "1em"; s.zIndex = "2147483647";
    s.maxHeight = "60vh"; s.overflow = "auto"; s.padding = "1em"; s.background = "#fff4f4";
    s.color = "#600"; s.border = "2px solid #c00"; s.boxShadow = "0 2px 12px rgba(0,0,0,.3)";
    var close = document.createElement("button");
    close.type = "button"; close.textContent = "×"; close.setAttribute("aria-label", "关闭");
    close.style.float = "right";
    close.addEventListener("click", function () { box.remove(); });
    var title = document.createElement("strong");
    title.textContent = "构建失败：修正下列问题后页面自动刷新 (build failed: the page reloads once these are fixed)";
    var list = document.createElement("pre");
    list.style.whiteSpace = "pre-wrap"; list.style.margin = ".5em 0 0";
    list.textContent = lines.join("\n");
    box.append(close, title, list);
    document.body.appendChild(box);
  }
})();
"""

NOT_BUILT = ("<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>gwsite serve</title></head>"
             "<body><p>The site has not built yet; its problems are listed in the terminal and here. "
             "This page reloads once they are fixed.</p></body></html>\n")


# How a report's problems are worded, one line each: the command line passes the lines
# `gwsite build` prints, so a preview and a build say the same.
Describe = Callable[[pipeline.Report], Iterable[str]]


@dataclass(frozen=True)
class State:
    """The outcome of the latest build: what the status URL and the event streams report.
    ``problems`` are the lines the terminal shows (a good build may still name warnings)."""

    build: int = 0
    ok: bool = False
    problems: tuple[str, ...] = ()


class Preview:
    """One site root being previewed: its output folder, the latest build, the watcher."""

    def __init__(self, root: Path, out: Path, strict: bool, describe: Describe) -> None:
        self.root, self.out, self.strict, self.describe = root, out, strict, describe
        self.state = State()
        self.has_site = False  # a good build exists in ``out``
        self.alone = False  # the only thread of its process: every build may fork workers
        self.wanted: Callable[[], bool] = lambda: True  # watch while this holds (the builder: while its server runs)
        self.on_build: Callable[[State, bool], None] | None = None  # told of each build, besides this object
        self.changed = threading.Condition()
        self.stopping = threading.Event()
        self.watched = [root / name for name in WATCHED]
        self.built: dict = {}  # the inputs as the latest build saw them
        self.pending: dict | None = None  # the inputs as the last poll saw them, when they differed
        self.cache = BuildCache(root, out)  # kept in memory from build to build, never on disk

    def rebuild(self, snapshot: dict | None = None) -> None:
        """Build once; the inputs are looked at first (``snapshot``, if the caller just
        did), so an edit made during the build starts another."""
        watching = self.watched
        snapshot = _snapshot(watching) if snapshot is None else snapshot
        started = time.perf_counter()
        try:
            result = _rebuild(self.root, self.out, self.strict, self.cache, parallel=self.alone or not self.built)
        except Exception:  # a bug in gwsite must not end the preview: report it like a problem
            traceback.print_exc()
            ok, lines, files = False, (f"gwsite: the build crashed: {sys.exc_info()[1]!r} (see the terminal)",), 0
            errors = 1
        else:
            report = result.report
            ok, lines, files = report.ok, tuple(self.describe(report)), result.files
            errors = len(report.errors)
            if report.site is not None:  # site.yaml read: its upstream: folder is an input too
                upstream = report.site.config.upstream
                self.watched = [self.root / name for name in (*WATCHED, *([upstream] if upstream else []))]
                snapshot.update(_snapshot([p for p in self.watched if p not in watching]))
        self.built = snapshot
        self.apply(State(self.state.build + 1, ok, lines), self.has_site or ok)
        for line in lines:
            print(line, file=sys.stderr)
        if ok:
            print(f"gwsite: build {self.state.build}: {files} files in {time.perf_counter() - started:.2f} s",
                  flush=True)
        else:
            kept = "still serving the last good build" if self.has_site else "nothing to serve yet"
            print(f"gwsite: build {self.state.build} failed: {errors} error(s); {kept}", file=sys.stderr, flush=True)

    def apply(self, state: State, has_site: bool) -> None:
        """A build has finished (here, or in the builder process): wake the event streams."""
        with self.changed:
            self.state, self.has_site = state, has_site
            self.changed.notify_all()
        if self.on_build is not None:
            self.on_build(state, has_site)

    def watch(self) -> None:
        while not self.stopping.wait(POLL if self.pending is None else SETTLE) and self.wanted():
            self.poll()

    def poll(self) -> None:
        """One look at the inputs: rebuild once a change has stayed put for a moment, so that
        an editor saving in several writes (or a copied folder) costs one build, not five."""
        now = _snapshot(self.watched)
        if now == self.built:
            self.pending = None
        elif now != self.pending:
            self.pending = now  # still changing: look again before building
        else:
            self.pending = None
            names = sorted(k for k in now.keys() | self.built.keys() if now.get(k) != self.built.get(k))
            print(f"gwsite: changed: {_relative(self.root, names[0])}"
                  + (f" and {len(names) - 1} more" if len(names) > 1 else ""), flush=True)
            self.rebuild(now)

    def wait_past(self, build: int, timeout: float) -> State:
        """The state once build ``build`` is no longer the latest, or as it is after ``timeout``."""
        with self.changed:
            self.changed.wait_for(lambda: self.state.build != build or self.stopping.is_set(), timeout)
            return self.state


def _rebuild(root: Path, out: Path, strict: bool, cache: BuildCache, parallel: bool) -> pipeline.BuildResult:
    """The one call that builds the previewed site: incremental, with the cache held in
    memory, so an edit remakes only the files it touches and nothing is read back from
    disk; the folder is updated in place (it is ours alone).  Workers are forked only when
    ``parallel``: never beside other threads."""
    return pipeline.build(root, out, strict=strict, workers=None if parallel else 1, cache=cache, in_place=True)


def _start_builder(preview: Preview, server: ThreadingHTTPServer):
    """Fork the builder process (while this one has no other thread); returns it and the
    end of the pipe on which it tells of its builds."""
    context = multiprocessing.get_context("fork")
    builds, told = context.Pipe(duplex=False)
    builder = context.Process(target=_build_and_watch, args=(preview, builds, told, server), name="gwsite-builder")
    builder.start()
    told.close()
    return builder, builds


def _build_and_watch(preview: Preview, builds, told, server: ThreadingHTTPServer) -> None:
    """The builder process: build, then watch and rebuild until stopped, telling the
    serving process (through ``told``) of each build.  It stops with the server, even one
    killed without a word (its parent changes)."""
    server.server_close()  # the serving process's socket and its end of the pipe: not ours
    builds.close()
    server_pid = os.getppid()
    preview.wanted = lambda: os.getppid() == server_pid
    preview.alone = True
    preview.on_build = lambda state, has_site: told.send((state, has_site))
    try:
        try:
            preview.rebuild()
            preview.watch()
        finally:
            _ignore_stop_signals()
    except KeyboardInterrupt:  # Ctrl-C reaches the whole process group; SIGTERM from the server
        pass
    finally:
        told.close()


def _ignore_stop_signals() -> None:
    """Stopping already: a second signal (Ctrl-C, then the server's SIGTERM) must not
    interrupt that with a traceback, even one that lands while they are being ignored."""
    while True:
        try:
            signal.signal(signal.SIGINT, signal.SIG_IGN)
            signal.signal(signal.SIGTERM, signal.SIG_IGN)
            return
        except KeyboardInterrupt:
            continue


def _builder_stopped(builder) -> int:
    """The builder has ended of itself (a crash, a kill): say so; the preview ends too."""
    print(f"gwsite serve: the builder process stopped (exit code {builder.exitcode})", file=sys.stderr)
    return 1


def _hear_builds(preview: Preview, builds) -> None:
    """The serving process's thread that applies each build the builder tells of."""
    while True:
        try:
            preview.apply(*builds.recv())
        except (EOFError, OSError):  # the builder has stopped
            return


def _snapshot(paths: list[Path]) -> dict[str, tuple[int, int, int, int]]:
    """Path -> (mtime_ns, size, inode) of every file under ``paths``; editors' temporary and
    backup files (``.x.swp``, ``x~``) and Office lock files (``~$a.xlsx``) are left out."""
    found: dict[str, tuple[int, int, int]] = {}
    folders = []
    for path in paths:
        try:
            st = os.stat(path)
        except OSError:
            continue
        if os.path.isdir(path):
            folders.append(str(path))
        else:
            found[str(path)] = (*file_stamp(st), st.st_ino)
    while folders:
        try:
            entries = list(os.scandir(folders.pop()))
        except OSError:  # removed while we looked: the next poll sees it gone
            continue
        for entry in entries:
            if entry.name.startswith((".", "~")) or entry.name.endswith("~"):
                continue
            try:
                if entry.is_dir():
                    folders.append(entry.path)
                else:
                    st = entry.stat()
                    found[entry.path] = (*file_stamp(st), st.st_ino)
            except OSError:
                continue
    return found


def _relative(root: Path, path: str) -> str:
    try:
        return Path(path).relative_to(root).as_posix()
    except ValueError:
        return path


class Handler(BaseHTTPRequestHandler):
    server_version = "gwsite-serve"
    preview: Preview  # set on the subclass made by ``serve``

    def do_GET(self) -> None:
        self._respond(head=False)

    def do_HEAD(self) -> None:
        self._respond(head=True)

    def log_message(self, format, *args) -> None:  # one line per request would drown the build output
        pass

    def _respond(self, head: bool) -> None:
        url = urlsplit(self.path)
        if url.path == PREFIX + "events":
            return self._events(parse_qs(url.query).get("build", ["0"])[0])
        if url.path == PREFIX + "status":
            state = self.preview.state
            data = {"build": state.build, "ok": state.ok, "problems": list(state.problems)}
            return self._send(200, json.dumps(data, ensure_ascii=False).encode("utf-8"), ".json", head)
        if url.path == PREFIX + "live.js":
            return self._send(200, LIVE_JS.encode("utf-8"), ".js", head)
        if not self.preview.has_site:
            return self._send(503, NOT_BUILT.encode("utf-8"), ".html", head)
        out = self.preview.out
        for _ in range(50):  # ``commit`` swaps the site by two renames: let the new one land
            if out.is_dir():
                break
            time.sleep(0.02)
        name = unquote(url.path).lstrip("/")
        target = (out / name).resolve() if "\0" not in name else out.parent
        if not target.is_relative_to(out):  # "/../../etc/passwd" and the like
            return self._send(403, b"outside the site\n", ".txt", head)
        if target.is_dir():
            if not url.path.endswith("/"):  # relative links in index.html need the slash
                self.send_response(301)
                self.send_header("Location", url.path + "/" + (f"?{url.query}" if url.query else ""))
                self.send_header("Content-Length", "0")
                self.end_headers()
                return None
            target = target / "index.html"
        status, data = 200, _read(target)
        if data is None:
            status, target = 404, out / "404.html"
            data = _read(target) or b"404 not found\n"
        self._send(status, data, target.suffix.lower(), head)

    def _send(self, status: int, data: bytes, suffix: str, head: bool) -> None:
        if suffix == ".html":
            data = _inject(data, self.preview.state.build)
        kind = TEXT_TYPES.get(suffix) or mimetypes.guess_type("x" + suffix)[0] or "application/octet-stream"
        if kind.startswith("text/") or kind in ("application/json", "application/xml", "image/svg+xml"):
            kind += "; charset=utf-8"
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "no-store")  # a preview must never show a stale page
        self.end_headers()
        if not head:
            self.wfile.write(data)

    def _events(self, build: str) -> None:
        """Server-Sent Events: ``reload`` after a good build, ``problems`` after a failed one."""
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream; charset=utf-8")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        seen = int(build) if build.isdigit() else -1
        state = self.preview.state
        try:
            if not state.ok and state.build:  # opened while broken: show why at once
                self._event("problems", state.problems)
                seen = state.build
            while not self.preview.stopping.is_set():
                state = self.preview.wait_past(seen, KEEPALIVE)
                if state.build == seen:
                    self.wfile.write(b": keepalive\n\n")
                    self.wfile.flush()
                    continue
                seen = state.build
                if state.ok:
                    self._event("reload", [])
                else:
                    self._event("problems", state.problems)
        except ConnectionError:
            pass  # the page went away

    def _event(self, name: str, data) -> None:
        self.wfile.write(f"event: {name}\ndata: {json.dumps(list(data), ensure_ascii=False)}\n\n".encode("utf-8"))
        self.wfile.flush()


def _read(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
        return None


def _inject(html: bytes, build: int) -> bytes:
    tag = f'<script src="{PREFIX}live.js?build={build}"></script>\n'.encode("ascii")
    at = html.lower().rfind(b"</body>")
    return html[:at] + tag + html[at:] if at >= 0 else html + tag


def serve(root: Path, host: str, port: int, strict: bool, describe: Describe) -> int:
    """Build, serve and watch ``root`` until Ctrl-C (or SIGTERM); the temporary output goes with it."""
    root = Path(root)
    if not root.is_dir():
        print(f"gwsite serve: {root} is not a folder", file=sys.stderr)
        return 1
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, _interrupt)  # `kill` stops as cleanly as Ctrl-C
    folder = Path(tempfile.mkdtemp(prefix="gwsite-serve-")).resolve()
    preview = Preview(root.resolve(), folder / "site", strict, describe)
    server = serving = builder = None
    code = 0
    try:
        handler = type("BoundHandler", (Handler,), {"preview": preview})
        server = _Server((host, port), handler)  # before the build, so that a taken port fails at once
        if forking.can_fork():
            builder, builds = _start_builder(preview, server)
            preview.apply(*builds.recv())  # the first build, before the site is announced
            threading.Thread(target=_hear_builds, args=(preview, builds), name="gwsite-builds", daemon=True).start()
        else:  # Windows: built here, between requests, one process
            preview.rebuild()
        serving = threading.Thread(target=server.serve_forever, daemon=True)
        serving.start()
        print(f"gwsite: serving {root} at http://{host}:{server.server_address[1]}/ (Ctrl-C to stop)", flush=True)
        if builder is None:
            preview.watch()
        else:
            builder.join()
            code = _builder_stopped(builder)
    except KeyboardInterrupt:
        print("gwsite: stopped", flush=True)
    except EOFError:  # the builder ended before its first build
        builder.join(5)
        code = _builder_stopped(builder)
    except OSError as exc:  # the port is taken, the host unknown …
        print(f"gwsite serve: {exc}", file=sys.stderr)
        code = 1
    finally:
        if builder is not None and builder.is_alive():
            builder.terminate()  # SIGTERM: it stops as on Ctrl-C
            builder.join(10)
            if builder.is_alive():
                builder.kill()
                builder.join()
        preview.stopping.set()
        with preview.changed:
            preview.changed.notify_all()
        if serving is not None:
            server.shutdown()  # waits for serve_forever: only once it runs
        if server is not None:
            server.server_close()
        shutil.rmtree(folder, ignore_errors=True)
    return code


class _Server(ThreadingHTTPServer):
    daemon_threads = True  # open event streams must not keep the process alive

    def handle_error(self, request, client_address) -> None:
        if not isinstance(sys.exc_info()[1], ConnectionError):  # a page closed mid-answer is no news
            super().handle_error(request, client_address)


def _interrupt(signum, frame) -> None:
    raise KeyboardInterrupt
