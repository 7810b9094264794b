"""A small site built and compared byte for byte with its checked-in output.

After an intended change to the output: `python tests/golden/regenerate.py`, then review
`git diff tests/golden`.
"""
import shutil
from pathlib import Path

from sites import tree_digest

from gwsite import pipeline
from gwsite.buildcache import CACHE_DIR

GOLDEN = Path(__file__).parent / "golden"


def test_golden_site_matches_checked_in_output(tmp_path):
    site = tmp_path / "site"  # a copy: the build keeps its cache in the site root
    shutil.copytree(GOLDEN / "site", site, ignore=shutil.ignore_patterns(CACHE_DIR))
    out = tmp_path / "public"
    result = pipeline.build(site, out)
    assert result.report.ok, [str(p) for p in result.report.problems]
    built, expected = tree_digest(out), tree_digest(GOLDEN / "expected")
    assert sorted(built) == sorted(expected), "files added or missing"
    changed = [path for path in built if built[path] != expected[path]]
    assert changed == [], "run tests/golden/regenerate.py and review the diff if this change is intended"


def test_golden_output_holds_no_non_public_notice():
    for path in (GOLDEN / "expected").rglob("*"):
        if path.is_file():
            assert "追加困难群众救助资金".encode() not in path.read_bytes(), path
