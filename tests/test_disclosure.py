"""Only 主动公开 notices reach the output: a 依申请公开 and a 不予公开 notice, each with an
attachment of its own, leave no trace in any output byte."""
from sites import all_output_bytes, make_site

PUBLIC = """\
title: 关于2025年城乡低保标准调整的通知
publisher: mzj
published: 2025-03-14
disclosure: 主动公开
domain: 社会救助
item: 最低生活保障/办事指南
attachments: [files/mzj/public-standard.pdf]
body: |
  城市低保标准调整为每人每月620元。
"""

ON_REQUEST = """\
title: 关于申请追加龙门镇困难群众救助资金的请示
publisher: mzj
published: 2025-03-20
disclosure: 依申请公开
domain: 社会救助
item: 最低生活保障/审核确认结果
attachments:
  - files/mzj/zhuijia-qingshi-mingxi.xlsx
body: |
  区政府：
  为保障龙门镇困难群众基本生活，拟追加救助资金叁拾柒万伍仟元整。
"""

WITHHELD = """\
---
title: 民政局党组会议纪要（第七次）
publisher: mzj
published: 2025-04-02
disclosure: 不予公开
interprets: mzj/public
attachments: [files/mzj/dangzu-jiyao-7.pdf]
---
会议研究了青溪街道敬老院改扩建项目的内部分工安排。
"""

SECRET_FILE_A = b"%PDF-1.4 zhuijia-mingxi unique-bytes-7f3a9c\n"
SECRET_FILE_B = b"%PDF-1.4 dangzu-jiyao unique-bytes-51be02\n"


def test_non_public_notices_leave_no_trace(tmp_path, run_cli):
    root = make_site(tmp_path / "site", {
        "content/notices/mzj/public.yaml": PUBLIC,
        "content/notices/mzj/request.yaml": ON_REQUEST,
        "content/notices/mzj/withheld.md": WITHHELD,
        "content/files/mzj/public-standard.pdf": b"%PDF-1.4 public\n",
        "content/files/mzj/zhuijia-qingshi-mingxi.xlsx": SECRET_FILE_A,
        "content/files/mzj/dangzu-jiyao-7.pdf": SECRET_FILE_B,
    })
    out = tmp_path / "public"
    code, _, err = run_cli("build", root, "-o", out)
    assert code == 0, err

    secrets = [
        "关于申请追加龙门镇困难群众救助资金的请示", "追加救助资金叁拾柒万伍仟元整", "zhuijia-qingshi-mingxi",
        "民政局党组会议纪要", "敬老院改扩建项目的内部分工", "dangzu-jiyao-7", "mzj/request", "mzj/withheld",
    ]
    files = all_output_bytes(out)
    assert any(b"620" in data for _, data in files), "the public notice must be there"
    for path, data in files:
        for secret in secrets:
            assert secret.encode("utf-8") not in data, f"{secret} leaked into {path}"
            # JSON and JS files may escape non-ASCII text
            assert secret.encode("unicode_escape") not in data or secret.isascii(), f"{secret} leaked into {path}"
        assert SECRET_FILE_A not in data and SECRET_FILE_B not in data, f"attachment bytes leaked into {path}"
    names = [p for p, _ in files]
    assert "files/mzj/public-standard.pdf" in names
    assert not any("zhuijia" in n or "dangzu" in n or "request" in n or "withheld" in n for n in names)


def test_a_public_interpretation_of_a_non_public_notice_is_an_error(tmp_path, run_cli):
    root = make_site(tmp_path / "site", {
        "content/notices/mzj/request.yaml": ON_REQUEST,
        "content/notices/mzj/jiedu.yaml": """\
            title: 政策解读
            publisher: mzj
            published: 2025-03-21
            disclosure: 主动公开
            interprets: mzj/request
            """,
    })
    code, _, err = run_cli("build", root, "-o", tmp_path / "public")
    assert code == 1
    assert ("content/notices/mzj/jiedu.yaml:5: interprets 'mzj/request', which is 依申请公开 and so is not "
            "published (an interpretation is published with its policy)") in err.splitlines()
