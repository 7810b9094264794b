"""The output folder is replaced whole, or not at all."""
import json
from pathlib import Path

from gwsite import write
from sites import make_site, tree_digest

NOTICE = """\
title: 关于调整低保标准的通知
publisher: mzj
published: 2025-03-14
disclosure: 主动公开
body: |
  正文。
"""


def test_rebuild_replaces_the_output_and_removes_stale_files(tmp_path, run_cli):
    root = make_site(tmp_path / "site", {"content/notices/mzj/a.yaml": NOTICE})
    out = tmp_path / "public"
    assert run_cli("build", root, "-o", out)[0] == 0
    assert (out / "notices/mzj/a.html").is_file()
    (root / "content/notices/mzj/a.yaml").rename(root / "content/notices/mzj/b.yaml")
    assert run_cli("build", root, "-o", out)[0] == 0
    assert (out / "notices/mzj/b.html").is_file()
    assert not (out / "notices/mzj/a.html").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["public", "site"]


def test_a_folder_that_is_not_a_gwsite_output_is_never_replaced(tmp_path, run_cli):
    root = make_site(tmp_path / "site", {"content/notices/mzj/a.yaml": NOTICE})
    precious = tmp_path / "docs"
    precious.mkdir()
    (precious / "thesis.docx").write_bytes(b"years of work")
    before = tree_digest(precious)
    code, _, err = run_cli("build", root, "-o", precious)
    assert code == 1
    assert f"{precious}: exists and is not a gwsite output (no data/manifest.json), so it is not replaced" in err
    assert tree_digest(precious) == before


def test_the_site_root_itself_is_never_the_output(tmp_path, run_cli):
    root = make_site(tmp_path / "site", {"content/notices/mzj/a.yaml": NOTICE})
    before = tree_digest(root)
    code, _, err = run_cli("build", root, "-o", root)
    assert code == 1
    assert "the output folder would replace the site root" in err
    assert tree_digest(root) == before


def test_the_manifest_is_the_json_module_s_indented_dump():
    """write.manifest_json writes entry by entry what json.dumps(indent=1) would."""
    pages = {"notices/a.html": ("notice", "a"), "index.html": ("home", ""), "x/\"引号\"\\.html": ("page", "p\n1"),
             "orgs/镇.html": ("org", "龙门镇")}
    for chosen in (pages, {}, {"index.html": ("home", "")}):
        entries = [{"path": p, "kind": k, "id": i or None} for p, (k, i) in sorted(chosen.items())]
        expected = json.dumps({"pages": entries}, ensure_ascii=False, indent=1) + "\n"
        assert write.manifest_json(chosen) == expected.encode("utf-8")


def test_a_c_library_without_mallopt_or_without_cdll_none_still_builds(tmp_path, run_cli, monkeypatch):
    # musl, macOS: the allocator tuning of `gwsite build` is skipped, not an error.
    import ctypes

    class NoMallopt:
        def __init__(self, name):
            pass

    def windows_cdll(name):  # CPython on Windows: CDLL(None) fails on the name
        raise TypeError("argument of type 'NoneType' is not iterable")
    for cdll in (NoMallopt, windows_cdll):
        monkeypatch.setattr(ctypes, "CDLL", cdll)
        root = make_site(tmp_path / cdll.__name__, {"content/notices/mzj/a.yaml": NOTICE})
        assert run_cli("build", root, "-o", tmp_path / cdll.__name__ / "public")[0] == 0
        assert (tmp_path / cdll.__name__ / "public/notices/mzj/a.html").is_file()


def test_ctrl_c_leaves_the_output_as_it_was(tmp_path, run_cli):
    import os
    import signal
    import subprocess
    import sys
    root = make_site(tmp_path / "site", {"content/notices/mzj/a.yaml": NOTICE})
    out = tmp_path / "public"
    assert run_cli("build", root, "-o", out)[0] == 0
    before = tree_digest(out)
    script = tmp_path / "slow_build.py"  # a build that has written a file and is still writing
    script.write_text(
        "import sys, time\n"
        "from gwsite import cli, pipeline\n"
        "def slow(root, site, staging, *args, **kwargs):\n"
        "    staging.write('index.html', b'half')\n"
        "    print('writing', flush=True)\n"
        "    time.sleep(60)\n"
        "pipeline._write_outputs = slow\n"
        "sys.exit(cli.main(sys.argv[1:]))\n", encoding="utf-8")
    repo = Path(__file__).resolve().parents[1]
    proc = subprocess.Popen([sys.executable, str(script), "build", str(root), "-o", str(out), "-q"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, "PYTHONPATH": str(repo)})
    assert proc.stdout.readline() == "writing\n"
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=30)
    assert proc.returncode == 130 and f"gwsite: build interrupted; {out} left as it was" in err
    assert "Traceback" not in err
    assert tree_digest(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["public", "site", "slow_build.py"]  # no staging left


def test_a_killed_build_s_staging_folder_is_removed_by_the_next_build(tmp_path, run_cli):
    import subprocess
    import sys
    import time
    root = make_site(tmp_path / "site", {"content/notices/mzj/a.yaml": NOTICE})
    out = tmp_path / "public"
    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    abandoned = tmp_path / f".public.new-{gone.stdout.strip()}-0123abcd"  # its build was killed
    (abandoned / "notices").mkdir(parents=True)
    (abandoned / "notices/half.html").write_text("half")
    running = tmp_path / f".public.new-{__import__('os').getpid()}-4567cdef"  # a build still going
    running.mkdir()
    assert run_cli("build", root, "-o", out)[0] == 0
    end = time.monotonic() + 10
    while abandoned.exists() and time.monotonic() < end:  # removed in the background
        time.sleep(0.05)
    assert not abandoned.exists() and running.is_dir()


def test_staging_writes_whole_files_as_open_would(tmp_path):
    """Files written with os.write: every byte (empty and large alike), the stamp of the
    file as it lies on disk, and the permissions open() would have given."""
    staging = write.Staging(tmp_path / "out")
    large = bytes(range(256)) * 40_000  # 10 MB
    for path, data in [("a/empty.html", b""), ("a/b/large.bin", large), ("page.html", "公示".encode())]:
        stamp = staging.write(path, data)
        written = Path(staging.dir, path)
        assert written.read_bytes() == data
        st = written.stat()
        assert stamp == (st.st_size, st.st_mtime_ns)
    reference = tmp_path / "reference"
    reference.write_bytes(b"x")
    assert Path(staging.dir, "page.html").stat().st_mode == reference.stat().st_mode
    staging.discard()
