"""Invalid site roots, one folder each under tests/invalid/: the exact messages, and the
previous output left untouched.

Each folder is laid over a small valid site (tests/sites.py) after a first, good build;
``expected.txt`` holds every line the failed build must print, in order.
"""
import shutil
from pathlib import Path

import pytest
from sites import make_site, tree_digest

CASES = sorted(p for p in (Path(__file__).parent / "invalid").iterdir() if p.is_dir())


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_invalid_site_reports_every_problem_and_keeps_output(case, tmp_path, run_cli):
    root = make_site(tmp_path / "site")
    out = tmp_path / "public"
    code, _, err = run_cli("build", root, "-o", out)
    assert code == 0, err
    before = tree_digest(out)

    shutil.copytree(case, root, dirs_exist_ok=True, ignore=shutil.ignore_patterns("expected.txt"))
    code, _, err = run_cli("build", root, "-o", out)

    lines = err.splitlines()
    assert code == 1
    assert lines[-1].startswith("gwsite: build failed: ")
    assert lines[:-1] == (case / "expected.txt").read_text(encoding="utf-8").splitlines()
    assert tree_digest(out) == before
    assert sorted(p.name for p in out.parent.iterdir()) == ["public", "site"], "staging folder left behind"


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_check_reports_the_same_problems(case, tmp_path, run_cli):
    root = make_site(tmp_path / "site")
    shutil.copytree(case, root, dirs_exist_ok=True, ignore=shutil.ignore_patterns("expected.txt"))
    code, out, _ = run_cli("check", root)
    assert code == 1
    assert out.splitlines()[:-1] == (case / "expected.txt").read_text(encoding="utf-8").splitlines()
