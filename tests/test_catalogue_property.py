"""One logical table, laid out in many ways real files use, always reads as the same items."""
from __future__ import annotations

import dataclasses

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from catalogue_shapes import (ORGS, ROWS, TICK_MARKS, TWO_ROW_HEADER, UNTICK_MARKS, Layout,
                              save, sheet, write_catalogue)
from gwsite.catalogue import read_catalogues
from gwsite.domains import DomainTable

LABELS = sorted({label for pair in TWO_ROW_HEADER for label in pair if label})
GAPS = ("", "", "", " ", "  ", "\n", "\u3000")


@st.composite
def spellings(draw):
    """Each label with stray spaces or line breaks between its characters, and maybe
    half-width brackets."""
    spelled = {}
    for label in LABELS:
        out = draw(st.sampled_from(GAPS))
        for ch in label:
            out += ch + draw(st.sampled_from(GAPS))
        if draw(st.booleans()):
            out = out.replace("（", "(").replace("）", ")")
        spelled[label] = out
    return spelled


@st.composite
def layouts(draw):
    spelled = draw(spellings())
    return Layout(
        origin=(draw(st.integers(1, 4)), draw(st.integers(1, 4))),
        title=draw(st.sampled_from([None, "示例区社会救助领域基层政务公开标准目录", "标准目录"])),
        two_rows=draw(st.booleans()),
        spell=spelled.__getitem__,
        repeat1=draw(st.sampled_from(["merge", "repeat", "blank", "同上"])),
        tick=draw(st.sampled_from(TICK_MARKS)),
        untick=draw(st.sampled_from(UNTICK_MARKS)),
        on=draw(st.sampled_from(["■", "R", "£", "t", "☑"])),
        off=draw(st.sampled_from(["□", "口"])),
        channel_sep=draw(st.sampled_from([" ", "\n", "", "  "])),
        blank_after=tuple(draw(st.sets(st.integers(0, len(ROWS) - 1)))),
        notes=draw(st.sampled_from([(), ("说明：本目录由区政务公开办负责解释。",), ("注：",),
                                    ("本目录所列事项以上级最新规定为准，并动态调整。",)])),
        merge_header=draw(st.booleans()),
    )


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(layout=layouts())
def test_any_layout_reads_the_same_items(tmp_path_factory, layout):
    root = tmp_path_factory.mktemp("site")
    placed = []
    save(root, "catalogues/a.xlsx", lambda wb: placed.extend(write_catalogue(sheet(wb, "社会救助"), ROWS, layout)))
    items, problems = read_catalogues(root, ORGS, DomainTable())
    assert problems == []
    got = [dataclasses.replace(i, source=None) for i in items]
    want = [dataclasses.replace(r.item("社会救助", "", "", ""), source=None) for r in ROWS]
    assert got == want
    col = layout.origin[1]
    assert [i.source.cell for i in items] == [f"{chr(64 + col)}{r}" for r in placed]
