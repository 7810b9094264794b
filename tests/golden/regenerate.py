#!/usr/bin/env python3
"""Rewrite tests/golden/site/catalogues and tests/golden/expected from the current code.

Run after an intended change to the output, then review `git diff tests/golden` before
committing: the diff is exactly what the change does to a built site.
"""
import shutil
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parents[1]), str(HERE.parent)]

from sites import SHJZ_ROWS, write_catalogue  # noqa: E402

from gwsite import pipeline  # noqa: E402


def write_inputs() -> None:
    """The workbook input, written once (openpyxl stamps the time into it: rewriting it
    each time would change its bytes, not its cells).  Delete it to write it anew."""
    catalogues = HERE / "site" / "catalogues"
    if catalogues.is_dir() and any(catalogues.iterdir()):
        return
    shutil.rmtree(catalogues, ignore_errors=True)
    catalogues.mkdir(parents=True)
    write_catalogue(catalogues / "金台区社会救助领域基层政务公开标准目录.xlsx",
                    "金台区社会救助领域基层政务公开标准目录", SHJZ_ROWS)


def main() -> int:
    write_inputs()
    expected = HERE / "expected"
    result = pipeline.build(HERE / "site", expected)
    for problem in result.report.problems:
        print(problem)
    return 0 if result.report.ok else 1


if __name__ == "__main__":
    sys.exit(main())
