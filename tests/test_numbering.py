"""索引号 that never change (issue 18): the record in the site root keeps every number
published; a back-dated or withdrawn notice renumbers nothing, a fresh clone gives the same
numbers, and a lost record comes back from the published copy."""
from __future__ import annotations

import shutil
from pathlib import Path

from gwsite import paths, pipeline
from gwsite.numbering import RECORD_FILE

from sites import make_site

NOTICE = """\
title: 龙门镇{day}日公示
publisher: longmen
published: 2025-{month:02d}-{day:02d}
disclosure: {disclosure}
body: 正文。
"""


def write(root: Path, name: str, month: int, day: int, disclosure: str = "主动公开") -> None:
    path = root / "content" / "notices" / "longmen" / f"{name}.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(NOTICE.format(month=month, day=day, disclosure=disclosure), encoding="utf-8")


def numbers(root: Path, out: Path | None = None) -> dict[str, str]:
    result = pipeline.build(root, out or root / "public")
    assert result.report.ok, [str(p) for p in result.report.problems]
    return {n.id: n.index_number for n in result.report.site.notices}


def six(tmp_path: Path) -> Path:
    root = make_site(tmp_path / "site")
    for day in range(1, 7):
        write(root, f"n{day}", 3, day)
    return root


def test_a_back_dated_notice_renumbers_nothing(tmp_path):
    root = six(tmp_path)
    before = numbers(root)
    assert sorted(before.values()) == [f"LONGMEN/2025-{k:05d}" for k in range(1, 7)]
    write(root, "early", 1, 2)  # published before all six
    after = numbers(root)
    assert {k: after[k] for k in before} == before
    assert after["longmen/early"] == "LONGMEN/2025-00007"


def test_a_withdrawn_notices_number_is_never_given_again(tmp_path):
    root = six(tmp_path)
    before = numbers(root)
    write(root, "n3", 3, 3, disclosure="依申请公开")  # withdrawn
    write(root, "late", 3, 9)
    after = numbers(root)
    assert "longmen/n3" not in after
    assert {k: after[k] for k in before if k != "longmen/n3"} == {k: v for k, v in before.items() if k != "longmen/n3"}
    assert after["longmen/late"] == "LONGMEN/2025-00007" != before["longmen/n3"]
    # The published copy keeps the number taken but names the withdrawn notice nowhere.
    copy = (root / "public" / paths.INDEX_RECORD).read_text(encoding="utf-8")
    assert "longmen/n3" not in copy and f"-\t{before['longmen/n3']}\n" in copy
    assert f"longmen/n2\t{before['longmen/n2']}\n" in copy
    assert "longmen/n3" in (root / RECORD_FILE).read_text(encoding="utf-8")  # the site root's record keeps it
    write(root, "n3", 3, 3)  # published again: its own number back
    assert numbers(root)["longmen/n3"] == before["longmen/n3"]
    assert f"longmen/n3\t{before['longmen/n3']}\n" in (root / "public" / paths.INDEX_RECORD).read_text(encoding="utf-8")


def test_a_record_restored_from_the_published_copy_keeps_withdrawn_numbers_taken(tmp_path):
    root = six(tmp_path)
    before = numbers(root)
    write(root, "n3", 3, 3, disclosure="依申请公开")  # withdrawn
    numbers(root)
    shutil.copyfile(root / "public" / paths.INDEX_RECORD, root / RECORD_FILE)  # the record lost, restored
    write(root, "late", 3, 9)
    after = numbers(root)
    assert after["longmen/late"] == "LONGMEN/2025-00007" and before["longmen/n3"] not in after.values()
    assert {k: after[k] for k in before if k != "longmen/n3"} == {k: v for k, v in before.items() if k != "longmen/n3"}


def test_a_fresh_clone_and_a_restored_record_give_the_same_numbers(tmp_path):
    root = six(tmp_path)
    numbers(root)
    write(root, "early", 1, 2)
    first = numbers(root)
    clone = tmp_path / "clone"
    shutil.copytree(root, clone, ignore=shutil.ignore_patterns("public", ".gwsite-cache*", ".cache*"))
    assert numbers(clone, tmp_path / "clone-out") == first
    # A team that lost the record copies it back from the published site.
    lost = tmp_path / "lost"
    shutil.copytree(clone, lost, ignore=shutil.ignore_patterns(RECORD_FILE))
    assert numbers(lost, tmp_path / "lost-out") != first  # without it, the back-dated one takes 00001
    shutil.copyfile(tmp_path / "clone-out" / paths.INDEX_RECORD, lost / RECORD_FILE)
    assert numbers(lost, tmp_path / "lost-out") == first


def test_check_writes_no_record_and_a_failed_build_leaves_it(tmp_path):
    root = six(tmp_path)
    assert pipeline.check(root).ok and not (root / RECORD_FILE).exists()
    numbers(root)
    recorded = (root / RECORD_FILE).read_bytes()
    write(root, "late", 3, 9)
    (root / "content" / "notices" / "longmen" / "broken.yaml").write_text("title: [\n", encoding="utf-8")
    assert not pipeline.build(root, root / "public").report.ok
    assert (root / RECORD_FILE).read_bytes() == recorded


def test_an_explicit_number_taken_from_another_notice_and_a_bad_record_line_are_named(tmp_path, run_cli):
    root = six(tmp_path)
    given = numbers(root)
    path = root / "content" / "notices" / "longmen" / "copy.yaml"
    path.write_text(NOTICE.format(month=4, day=1, disclosure="主动公开")
                    + f"index_number: {given['longmen/n2']}\n", encoding="utf-8")
    code, out, err = run_cli("check", root)
    assert code == 1 and f"content/notices/longmen/copy.yaml:6: 索引号 '{given['longmen/n2']}' was published for longmen/n2" in out + err
    # the same number written as an old portal might (full-width, spaces) is the same number
    otherwise = given["longmen/n2"].replace("/", " ／ ").replace("-", "－").lower()
    path.write_text(NOTICE.format(month=4, day=1, disclosure="主动公开") + f"index_number: {otherwise}\n", encoding="utf-8")
    code, out, err = run_cli("check", root)
    assert code == 1 and f"copy.yaml:6: 索引号 '{otherwise}' was published for longmen/n2" in out + err
    path.write_text(NOTICE.format(month=4, day=1, disclosure="主动公开") + "index_number: LONGMEN/2025-00099\n",
                    encoding="utf-8")
    code, out, err = run_cli("check", root)
    assert code == 0, out + err  # a number of its own is no one else's
    path.unlink()
    with open(root / RECORD_FILE, "a", encoding="utf-8") as f:
        f.write("no tab on this line\n")
    lines = (root / RECORD_FILE).read_text(encoding="utf-8").count("\n")
    code, out, err = run_cli("check", root)
    assert code == 1 and f"{RECORD_FILE}:{lines}: not a line of notice id, tab, 索引号" in out + err
