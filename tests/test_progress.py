"""Progress of a build: stages with counts as plain lines when not on a terminal, a bar
redrawn in place on one, nothing with -q; the build's last line sums it up."""
from __future__ import annotations

import io
import re
import shutil
from pathlib import Path

from gwsite import pipeline, progress, renderpool, search
from gwsite.buildcache import CACHE_DIR
from gwsite.progress import Progress

GOLDEN_SITE = Path(__file__).parent / "golden" / "site"


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def build_with(stream, tmp_path, monkeypatch, enabled=True, workers=1):
    monkeypatch.setattr(progress, "QUIET_FOR", 0)  # the golden site builds in well under a second
    monkeypatch.setattr(search, "_BLOCK", 4)  # several blocks of notices to count
    root = tmp_path / "site"
    shutil.copytree(GOLDEN_SITE, root, ignore=shutil.ignore_patterns(CACHE_DIR))
    result = pipeline.build(root, tmp_path / "out", progress=Progress(stream, enabled=enabled), workers=workers)
    assert result.report.ok
    return stream.getvalue()


def test_plain_lines_name_each_stage_and_count_it(tmp_path, monkeypatch):
    lines = build_with(io.StringIO(), tmp_path, monkeypatch).splitlines()
    stages = [re.match(r"gwsite: (\w+)", line).group(1) for line in lines]
    assert list(dict.fromkeys(stages)) == ["reading", "assembling", "planning", "rendering", "indexing"]
    assert any(re.fullmatch(r"gwsite: reading \d+ notices", line) for line in lines)
    assert any(re.fullmatch(r"gwsite: indexing \d+ blocks of notices", line) for line in lines)
    assert any(re.fullmatch(r"gwsite: rendering \d+/\d+ \(100 %\)", line) for line in lines)
    assert "\r" not in "".join(lines)


def test_in_parallel_the_index_blocks_come_before_the_pages(tmp_path, monkeypatch):
    monkeypatch.setattr(renderpool, "SERIAL_BELOW", 0)
    lines = build_with(io.StringIO(), tmp_path, monkeypatch, workers=2).splitlines()
    stages = list(dict.fromkeys(re.match(r"gwsite: (\w+)", line).group(1) for line in lines))
    assert stages[:5] == ["reading", "assembling", "planning", "indexing", "rendering"]
    assert any(re.fullmatch(r"gwsite: indexing (\d+)/\1 \(100 %\)", line) for line in lines)


def test_a_terminal_gets_a_bar_redrawn_in_place(tmp_path, monkeypatch):
    text = build_with(Terminal(), tmp_path, monkeypatch)
    assert "\r" in text and "\x1b[K" in text
    assert re.search(r"gwsite: rendering +\[#+\] (\d+)/\1", text)


def test_quiet_prints_nothing(tmp_path, monkeypatch):
    assert build_with(io.StringIO(), tmp_path, monkeypatch, enabled=False) == ""
