#!/usr/bin/env python3
"""Self-check of the demo district written by tools/make_demo.py.

    python tools/check_demo.py [ROOT]        # default: the repository root

Re-reads site.yaml, catalogues/*.xlsx, upstream/*.xlsx, content/notices, content/pages and
content/files with plain PyYAML and openpyxl (not with gwsite, so that it checks the data, not
the reader) and asserts what the demo promises: references resolve, every catalogue item a
notice names exists in that domain's workbook, counts, privacy, size.

Then it runs the 自查 (``gwsite.pipeline.load``) and asserts its shape: every one of the nine
kinds of finding is there, and the deliberate ones (tools/make_demo.py: INCOMPLETE_ROWS,
CITY_DROPPED, LATE_WRITTEN, PRIVACY_NOTICES, HELD_BACK) are exactly where they were put; and it
renders the site in memory to see that the leaked numbers are published masked everywhere,
while the 惩戒公示 keeps its ID.  Exit 0 when all is well.
"""
from __future__ import annotations

import datetime as dt
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

import yaml
from openpyxl import load_workbook

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from gwsite.domains import DomainTable  # noqa: E402
from gwsite.privacy import is_valid_uscc  # noqa: E402

sys.path.insert(0, str(ROOT / "tools"))
import make_demo as demo  # noqa: E402  (the deliberate findings: where they were put)

NOTICE_KEYS = ("title", "publisher", "published", "disclosure", "written", "doc_number", "index_number", "domain",
               "item", "topic", "genre", "validity", "interprets", "attachments", "tags", "review", "body")
REVIEW_STAGES = ("初审", "复审", "终审")
LEVEL_LABELS = ("市级", "县级", "乡级")
DISCLOSURES = ("主动公开", "依申请公开", "不予公开")
SECTIONS = ("指南", "制度", "法定主动公开内容", "年报", "其他")


class Failures(list):
    def check(self, ok: bool, message: str) -> None:
        if not ok:
            self.append(message)


def luhn_ok(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        n = int(ch)
        if i % 2 == 1:
            n = n * 2 - 9 if n > 4 else n * 2
        total += n
    return total % 10 == 0


def privacy_problems(text: str) -> list[str]:
    """Anything a scanner could take for a 身份证号, mobile number or bank card."""
    found = []
    for m in re.finditer(r"\d[\d ]*\d|\d", text):
        run = m.group().replace(" ", "")
        if len(run) >= 11 and re.search(r"1[3-9]\d{9}", run):
            found.append(f"mobile-like {run}")
        elif len(run) >= 13 and luhn_ok(run):
            found.append(f"card-like {run}")
        elif len(run) in (17, 18):
            found.append(f"id-like {run}")
    for m in re.finditer(r"\d{17}[0-9Xx]", text):
        found.append(f"id-like {m.group()}")
    return found


def workdays_between(a: dt.date, b: dt.date) -> int:
    n, d = 0, a
    while d < b:
        d += dt.timedelta(days=1)
        if d.weekday() < 5:
            n += 1
    return n


# -- catalogues --------------------------------------------------------------
def read_catalogue(path: Path, table: DomainTable) -> tuple[str, list[tuple[str, str]], list]:
    wb = load_workbook(path)
    ws = next(s for s in wb.worksheets if any(c.value == "序号" for row in s.iter_rows(max_row=10) for c in row))
    merged = {}
    for rng in ws.merged_cells.ranges:
        top = ws.cell(rng.min_row, rng.min_col).value
        for r in range(rng.min_row, rng.max_row + 1):
            for c in range(rng.min_col, rng.max_col + 1):
                merged[(r, c)] = top

    def val(r, c):
        v = ws.cell(r, c).value
        return merged.get((r, c), v) if v is None else v

    header = next(r for r in range(1, 11) if val(r, 1) == "序号")
    title = str(val(1, 1) or "")
    domain = table.find_in(title) or table.find_in(ws.title) or table.find_in(path.stem)
    items, rows = [], []
    for r in range(header + 2, ws.max_row + 1):
        serial = val(r, 1)
        if not isinstance(serial, int):
            continue
        l1, l2 = str(val(r, 2)).strip(), str(val(r, 3)).strip()
        items.append((l1, l2))
        rows.append([val(r, c) for c in range(1, ws.max_column + 1)])
    levels = {str(val(header + 1, c)): c - 1 for c in range(1, ws.max_column + 1) if val(header + 1, c) in LEVEL_LABELS}
    return (domain.name if domain else ""), items, rows, levels


def check_audit(root: Path, fail: Failures) -> dict[str, int]:
    """The 自查 of the demo: each of the nine kinds, the deliberate ones exactly where they were put."""
    from gwsite import pipeline
    from gwsite.audit import KINDS

    report = pipeline.load(root)
    fail.check(report.ok, "gwsite check reports errors: " + "; ".join(str(p) for p in report.errors[:5]))
    if report.audit is None or report.site is None:
        fail.append("no audit: the site does not read cleanly")
        return {}
    counts = {kind: report.audit.count(kind) for kind in KINDS}
    deliberate_privacy = {nid: kind for nid, kind in demo.PRIVACY_NOTICES.items() if kind}
    expected = {  # kind → (at least, at most)
        "要素缺失": (len(demo.INCOMPLETE_ROWS),) * 2,
        "上级目录事项缺失": (sum(len(rows) for rows in demo.CITY_DROPPED.values()),) * 2,
        "应公开未公开": (600, 750),  # many township items stay unfulfilled: realistic, not hundreds more
        "逾期公开": (len(demo.LATE_WRITTEN),) * 2,
        "时限无法核查": (10, 25),
        "缺少政策解读": (1, 3),
        "政策解读逾期": (1, 3),
        "个人信息": (len(deliberate_privacy),) * 2,
        "未经三审": (len(demo.HELD_BACK),) * 2,
    }
    fail.check(set(expected) == set(KINDS), f"the audit's kinds changed: {KINDS}")
    for kind, (lo, hi) in expected.items():
        fail.check(lo <= counts.get(kind, 0) <= hi, f"自查: {counts.get(kind, 0)} {kind}, expected {lo}–{hi}")
    fail.check(all(counts.get(kind, 0) >= 1 for kind in KINDS), "a kind of finding is missing from the demo")

    def notice_id(location) -> str:
        return location.path.removeprefix("content/notices/").rsplit(".", 1)[0]

    findings = report.audit.findings
    labels = {"basis": "公开依据", "channels": "公开渠道和载体", "levels": "公开层级"}
    got = {(f.domain, f.item, f.problem.message.split(" is empty")[0]) for f in findings if f.kind == "要素缺失"}
    fail.check(got == {(d, key, labels[what]) for (d, key), what in demo.INCOMPLETE_ROWS.items()}, f"要素缺失 at {got}")
    got = {(f.domain, f.item) for f in findings if f.kind == "上级目录事项缺失"}
    fail.check(got == {(d, f"{r[0]}/{r[1]}") for d, rows in demo.CITY_DROPPED.items() for r in rows},
               f"上级目录事项缺失 for {got}")
    got = {notice_id(f.problem.location) for f in findings if f.kind == "逾期公开"}
    fail.check(got == set(demo.LATE_WRITTEN), f"逾期公开 for {sorted(got)}")
    fail.check(not got & set(demo.ON_TIME_BY_CALENDAR), "a notice on time by the official calendar is reported late")
    got = {(notice_id(m.location), m.kind) for m in report.site.privacy}
    fail.check(got == set(deliberate_privacy.items()), f"个人信息 in {sorted(got)}")
    got = {notice_id(m.location) for m in report.site.unreviewed}
    fail.check(got == set(demo.HELD_BACK), f"未经三审 for {sorted(got)}")
    published = {n.id for n in report.site.notices}
    fail.check(not published & set(demo.HELD_BACK), "a notice without 终审 was published")
    fail.check(set(demo.PRIVACY_NOTICES) <= published, "a notice with personal data is not published")

    # What the public sees: every output file, rendered in memory.
    files = pipeline.collect_outputs(root, report.site).files
    texts = {path: (f.data if f.data is not None else f.source.read_bytes()).decode("utf-8", "replace")
             for path, f in files.items()}
    pages = {f.id: texts[path] for path, f in files.items() if f.kind == "notice"}
    card_grouped = " ".join(demo.LEAKED_CARD[i:i + 4] for i in range(0, len(demo.LEAKED_CARD), 4))
    for raw in (demo.LEAKED_ID, demo.LEAKED_MOBILE, demo.LEAKED_CARD, card_grouped):
        where = [path for path, text in texts.items() if raw in text]
        fail.check(not where, f"{raw[:3]}… published unmasked in {where[:3]}")
    masks = {"id_card": demo.LEAKED_ID[:6] + "*" * 8 + demo.LEAKED_ID[-4:],
             "mobile": demo.LEAKED_MOBILE[:3] + "****" + demo.LEAKED_MOBILE[-4:],
             "bank_card": "*" * (len(demo.LEAKED_CARD) - 4) + demo.LEAKED_CARD[-4:]}
    for nid, kind in demo.PRIVACY_NOTICES.items():
        page = pages.get(nid, "")
        if kind:
            fail.check(masks[kind] in page, f"{nid}: the page does not show {masks[kind]}")
        else:
            fail.check(demo.PUNISHED_ID in page, f"{nid}: the 惩戒公示 page lost its ID number")
    return counts


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    root = Path(argv[0]) if argv else ROOT
    fail = Failures()
    table = DomainTable()

    # -- site.yaml -----------------------------------------------------------------
    site = yaml.safe_load((root / "site.yaml").read_text(encoding="utf-8"))
    for key in ("title", "region", "host", "orgs"):
        fail.check(bool(site.get(key)), f"site.yaml: {key} missing")
    fail.check(re.fullmatch(r"\d{10}", str(site.get("site_code", ""))) is not None, "site_code is not 10 digits")
    orgs = {o["id"]: o for o in site["orgs"]}
    fail.check(len(orgs) == len(site["orgs"]), "duplicate org ids")
    kinds = Counter(o["kind"] for o in site["orgs"])
    fail.check(kinds["department"] >= 22, f"only {kinds['department']} departments")
    fail.check(kinds["township"] >= 12, f"only {kinds['township']} townships")
    names = {o["name"] for o in site["orgs"]}
    fail.check(len(names) == len(orgs), "duplicate org names")
    all_aliases = Counter()
    for o in site["orgs"]:
        fail.check(re.fullmatch(r"[a-z0-9-]+", o["id"]) is not None, f"bad org id {o['id']}")
        fail.check(is_valid_uscc(o["code"]) and o["code"].startswith("11"), f"{o['id']}: bad 统一社会信用代码 {o['code']}")
        fail.check(not re.fullmatch(r"\d{17}[\dX]", o["code"]), f"{o['id']}: code looks like an ID number")
        all_aliases.update(o.get("aliases", []))
    fail.check(not [a for a, n in all_aliases.items() if n > 1], "an alias names two orgs")
    townships = [i for i, o in orgs.items() if o["kind"] == "township"]
    fail.check(any(orgs[t]["name"].endswith("街道办事处") for t in townships)
               and any(orgs[t]["name"].endswith("镇人民政府") for t in townships), "need both 街道 and 镇")

    # -- catalogues -----------------------------------------------------------------
    catalogue: dict[str, set[str]] = {}
    subjects_unknown = set()
    alias_set = set(all_aliases)
    collective = {"各镇人民政府（街道办事处）", "区级各部门"}
    sample_rows = {}
    incomplete = {}
    for path in sorted((root / "catalogues").glob("*.xlsx")):
        domain, items, rows, levels = read_catalogue(path, table)
        fail.check(bool(domain), f"{path.name}: no domain found")
        fail.check(6 <= len(items) <= 15, f"{path.name}: {len(items)} items")
        fail.check(domain not in catalogue, f"{path.name}: second workbook for {domain}")
        fail.check(list(levels) == ["县级", "乡级"], f"{path.name}: 公开层级 columns {list(levels)}")
        catalogue[domain] = {f"{a}/{b}" for a, b in items}
        sample_rows[path.name] = rows[:3]
        for (l1, l2), row in zip(items, rows):
            for part in re.split(r"[、，,]", str(row[6])):
                if part not in alias_set and part not in collective:
                    subjects_unknown.add(part)
            # Every element is filled, except where a gap was left on purpose (要素缺失).
            empty = [name for name, ok in (("basis", bool(row[4])), ("channels", "■" in str(row[7])),
                                           ("levels", any(row[i] == "√" for i in levels.values()))) if not ok]
            if empty:
                incomplete[(domain, f"{l1}/{l2}")] = empty
            fail.check("□" in str(row[7]), f"{path.name}: channel cell without marks")
            fail.check(any(row[i] == "√" for i in (8, 9)) and any(row[i] == "√" for i in (10, 11)),
                       f"{path.name}: a row without ticks")
    fail.check(incomplete == {k: [v] for k, v in demo.INCOMPLETE_ROWS.items()},
               f"rows with an empty element: {incomplete}, expected {demo.INCOMPLETE_ROWS}")
    fail.check(len({d for d, _ in incomplete}) >= 2, "要素缺失 in fewer than two workbooks")
    fail.check(len(catalogue) == 26 and set(catalogue) == set(table.names()), f"catalogues cover {len(catalogue)} domains")
    fail.check(not subjects_unknown, f"公开主体 not in site.yaml aliases: {sorted(subjects_unknown)}")

    # -- upstream: the city's catalogue (只增不减) ----------------------------------------
    fail.check(site.get("upstream") == "upstream", "site.yaml: upstream is not 'upstream'")
    city: dict[tuple[str, str], set[str]] = {}
    for path in sorted((root / "upstream").glob("*.xlsx")):
        domain, items, rows, levels = read_catalogue(path, table)
        fail.check(path.name.startswith("云岭市") and domain in demo.CITY_DOMAINS, f"{path.name}: domain {domain}")
        fail.check(list(levels) == list(LEVEL_LABELS), f"{path.name}: 公开层级 columns {list(levels)}")
        for (l1, l2), row in zip(items, rows):
            city[(domain, f"{l1}/{l2}")] = {name for name, i in levels.items() if row[i] == "√"}
    fail.check({d for d, _ in city} == set(demo.CITY_DOMAINS), "upstream/ does not cover CITY_DOMAINS")
    dropped = {k for k, lv in city.items() if lv & {"县级", "乡级"} and k[1] not in catalogue.get(k[0], ())}
    city_only = {k for k, lv in city.items() if lv == {"市级"}}
    shared = {k for k in city if k[1] in catalogue.get(k[0], ())}
    fail.check(dropped == {(d, f"{r[0]}/{r[1]}") for d, rows in demo.CITY_DROPPED.items() for r in rows},
               f"county/township items of the city missing in the district: {sorted(dropped)}")
    fail.check(2 <= len(dropped) <= 3 and 1 <= len(city_only) <= 2, f"{len(dropped)} dropped, {len(city_only)} 市级-only")
    fail.check(not any(k[1] in catalogue.get(k[0], ()) for k in city_only), "a 市级-only item is in the district's catalogue")
    fail.check(len(shared) >= 0.8 * len(city), f"the city shares only {len(shared)} of {len(city)} items")

    # -- notices ----------------------------------------------------------------------
    notices = {}
    base = root / "content" / "notices"
    fmt = Counter()
    for path in sorted(base.rglob("*")):
        if path.suffix not in (".yaml", ".md"):
            continue
        nid = path.relative_to(base).with_suffix("").as_posix()
        text = path.read_text(encoding="utf-8")
        if path.suffix == ".md":
            m = re.match(r"---\n(.*?)\n---\n(.*)", text, re.S)
            fail.check(m is not None, f"{nid}: no front matter")
            data = yaml.safe_load(m.group(1))
            data["body"] = m.group(2)
        else:
            data = yaml.safe_load(text)
        fmt[path.suffix] += 1
        fail.check(nid not in notices, f"{nid}: twice")
        notices[nid] = (path, data)
    by_disc, by_year, by_domain, by_org = Counter(), Counter(), Counter(), Counter()
    used_files: dict[str, set[str]] = defaultdict(set)
    interps, late, explicit_index, with_att, validity = 0, 0, 0, 0, Counter()
    leaked: dict[str, list[str]] = {}
    tagged: dict[str, list] = {}
    for nid, (path, n) in notices.items():
        where = path.relative_to(root).as_posix()
        extra = set(n) - set(NOTICE_KEYS)
        fail.check(not extra, f"{where}: unknown keys {extra}")
        keys = [k for k in n if k in NOTICE_KEYS]
        fail.check(keys == sorted(keys, key=NOTICE_KEYS.index), f"{where}: keys out of the contract's order")
        for k in ("title", "publisher", "published", "disclosure"):
            fail.check(k in n, f"{where}: {k} missing")
        fail.check(n["publisher"] in orgs, f"{where}: publisher {n['publisher']} is not an org id")
        fail.check(nid.split("/")[0] == n["publisher"], f"{where}: folder is not the publisher")
        fail.check(isinstance(n["published"], dt.date), f"{where}: published is not a date")
        fail.check(dt.date(2024, 1, 1) <= n["published"] <= dt.date(2026, 11, 20), f"{where}: published out of range")
        if n.get("written"):
            fail.check(n["written"] <= n["published"], f"{where}: written after published")
        fail.check(n["disclosure"] in DISCLOSURES, f"{where}: disclosure {n['disclosure']}")
        if n.get("doc_number"):
            fail.check(re.search(r"〔\d{4}〕\d+号$", n["doc_number"]) is not None, f"{where}: doc_number {n['doc_number']}")
        if n.get("index_number"):
            explicit_index += 1
            code, _, rest = n["index_number"].partition("/")
            fail.check(code == orgs[n["publisher"]]["code"] and re.fullmatch(r"\d{4}-\d{5}", rest) is not None,
                       f"{where}: index_number {n['index_number']}")
        if n.get("topic"):
            fail.check("\\" in n["topic"], f"{where}: topic lost its backslash: {n['topic']}")
        domains = n.get("domain") or []
        domains = [domains] if isinstance(domains, str) else domains
        resolved = []
        for d in domains:
            dom = table.resolve(d)
            fail.check(dom is not None, f"{where}: unknown domain {d}")
            if dom:
                resolved.append(dom.name)
        if n.get("item"):
            fail.check(len(resolved) == 1, f"{where}: item needs exactly one domain")
            if resolved:
                fail.check(n["item"] in catalogue.get(resolved[0], ()),
                           f"{where}: item {n['item']} not in the {resolved[0]} workbook")
        if n.get("validity"):
            validity[n["validity"]] += 1
            fail.check(n["validity"] in ("有效", "失效", "废止"), f"{where}: validity {n['validity']}")
        if n.get("interprets"):
            interps += 1
            target = notices.get(n["interprets"])
            fail.check(target is not None, f"{where}: interprets {n['interprets']} which does not exist")
            if target:
                t = target[1]
                fail.check(t["publisher"] == n["publisher"], f"{where}: interprets another publisher's policy")
                fail.check(t["disclosure"] == "主动公开" and n["disclosure"] == "主动公开", f"{where}: interpretation not public")
                gap = workdays_between(t["published"], n["published"])
                fail.check(n["published"] >= t["published"], f"{where}: interpretation before its policy")
                late += gap > 20
        atts = n.get("attachments") or []
        with_att += bool(atts)
        for a in atts:
            fail.check((root / "content" / a).is_file(), f"{where}: attachment {a} missing")
            used_files[a].add(n["disclosure"])
        body = n.get("body") or ""
        fail.check(300 <= len(body) <= 2000, f"{where}: body has {len(body)} characters")
        found = privacy_problems(n["title"] + "\n" + body)
        if nid in demo.PRIVACY_NOTICES:
            leaked[nid] = found  # on purpose: checked below, and in the audit
        else:
            for p in found:
                fail.append(f"{where}: {p}")
        if n["disclosure"] == "主动公开":  # 三审三校 (require_review: true)
            review = n.get("review") or {}
            fail.check(isinstance(review, dict) and set(review) <= set(REVIEW_STAGES), f"{where}: review {review}")
            done = {stage for stage, who in review.items() if who} if isinstance(review, dict) else set()
            wanted = {"初审", "复审"} if nid in demo.HELD_BACK else set(REVIEW_STAGES)
            fail.check(done == wanted, f"{where}: review has {sorted(done)}, expected {sorted(wanted)}")
        if n.get("tags"):
            tagged[nid] = n["tags"]
        by_disc[n["disclosure"]] += 1
        by_year[n["published"].year] += 1
        by_org[n["publisher"]] += 1
        for d in resolved or ["（无领域）"]:
            by_domain[d] += 1
    for a, discs in used_files.items():
        fail.check(len(discs) == 1 or "主动公开" not in discs, f"{a}: shared by a public and a non-public notice")
    for nid in demo.PRIVACY_NOTICES:
        numbers = {p.split()[-1] for p in leaked.get(nid, [])}
        fail.check(len(numbers) == 1, f"{nid}: personal data found {leaked.get(nid)}, expected one number")
    fail.check(tagged == {nid: ["惩戒公示"] for nid, kind in demo.PRIVACY_NOTICES.items() if not kind}, f"tags: {tagged}")
    fail.check(all(notices.get(nid, (0, {}))[1].get("disclosure") == "主动公开" for nid in demo.HELD_BACK),
               "a HELD_BACK notice is missing or not 主动公开")

    # -- files ------------------------------------------------------------------------
    files = [p for p in (root / "content" / "files").rglob("*") if p.is_file()]
    for p in files:
        rel = p.relative_to(root / "content").as_posix()
        fail.check(rel in used_files, f"{rel}: attachment nobody uses")
        if p.suffix == ".pdf":
            data = p.read_bytes()
            fail.check(data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF"), f"{rel}: not a PDF")
            xref = int(re.search(rb"startxref\n(\d+)", data).group(1))
            fail.check(data[xref:xref + 4] == b"xref", f"{rel}: startxref points nowhere")
            for i, off in enumerate(re.findall(rb"(\d{10}) 00000 n", data), start=1):
                fail.check(data[int(off):].startswith(f"{i} 0 obj".encode()), f"{rel}: xref entry {i} wrong")
        elif p.suffix == ".xlsx":
            wb = load_workbook(p)
            text = "\n".join(str(c.value) for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.value is not None)
            for prob in privacy_problems(text):
                fail.append(f"{rel}: {prob}")

    # -- pages --------------------------------------------------------------------------
    pages = sorted((root / "content" / "pages").rglob("*.md"))
    page_orgs = defaultdict(set)
    for p in pages:
        m = re.match(r"---\n(.*?)\n---\n(.*)", p.read_text(encoding="utf-8"), re.S)
        fail.check(m is not None, f"{p}: no front matter")
        front = yaml.safe_load(m.group(1))
        fail.check(set(front) <= {"title", "publisher", "section", "published"}, f"{p}: unknown keys")
        fail.check(bool(front.get("title")), f"{p}: no title")
        fail.check(front.get("section") in SECTIONS, f"{p}: section {front.get('section')}")
        if front.get("publisher"):
            fail.check(front["publisher"] in orgs, f"{p}: publisher {front['publisher']}")
            page_orgs[front["publisher"]].add(front["section"])
        if front.get("section") == "年报":
            for h in ("一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
                      "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项"):
                fail.check(h in m.group(2), f"{p}: no section {h}")
        for prob in privacy_problems(m.group(2)):
            fail.append(f"{p}: {prob}")
    full = [o for o, s in page_orgs.items() if {"指南", "制度", "年报"} <= s]
    fail.check(len(full) >= 6 and sum(orgs[o]["kind"] == "township" for o in full) >= 2,
               f"指南/制度/年报 for only {full}")
    fail.check((root / "content" / "pages" / "about.md").is_file(), "no about.md")

    # -- counts ---------------------------------------------------------------------------
    public_orgs = {n["publisher"] for _, n in notices.values() if n["disclosure"] == "主动公开"}
    fail.check(len(notices) >= 330, f"only {len(notices)} notices")
    fail.check(by_disc["依申请公开"] >= 10, "fewer than 10 依申请公开")
    fail.check(by_disc["不予公开"] >= 6, "fewer than 6 不予公开")
    fail.check(interps >= 12, f"only {interps} interpretations")
    fail.check(1 <= late <= 3, f"{late} late interpretations")
    fail.check(with_att >= 25, f"only {with_att} notices with attachments")
    fail.check(all(t in public_orgs for t in townships), "a township publishes nothing")
    fail.check(all(by_domain[d] >= 1 for d in table.names()), "a domain without notices")
    fail.check(by_domain["（无领域）"] >= 3, "too few general notices")
    fail.check(validity["失效"] + validity["废止"] >= 2, "no 失效/废止 documents")
    fail.check(0.18 <= fmt[".md"] / len(notices) <= 0.32, f"{fmt['.md']} .md files")
    fail.check(0.06 <= explicit_index / len(notices) <= 0.14, f"{explicit_index} explicit index numbers")
    size = sum(p.stat().st_size for d in ("catalogues", "content") for p in (root / d).rglob("*") if p.is_file())
    size += (root / "site.yaml").stat().st_size
    fail.check(size < 8_000_000, f"demo data is {size} bytes")

    # -- the 自查 ---------------------------------------------------------------------------
    counts = check_audit(root, fail)

    # -- report ---------------------------------------------------------------------------
    print(f"orgs: {kinds['department']} departments, {kinds['township']} townships")
    print(f"catalogues: {len(catalogue)} workbooks, {sum(len(v) for v in catalogue.values())} items")
    print(f"notices: {len(notices)} ({fmt['.yaml']} .yaml, {fmt['.md']} .md); interpretations {interps} "
          f"(late {late}); with attachments {with_att}; explicit index numbers {explicit_index}")
    print("by disclosure: " + ", ".join(f"{k} {v}" for k, v in by_disc.most_common()))
    print("by year: " + ", ".join(f"{k} {v}" for k, v in sorted(by_year.items())))
    print("by domain: " + ", ".join(f"{k} {v}" for k, v in by_domain.most_common()))
    print("by org: " + ", ".join(f"{k} {v}" for k, v in by_org.most_common()))
    print(f"validity: {dict(validity)}; files: {len(files)}; pages: {len(pages)}; size: {size / 1e6:.2f} MB")
    print(f"upstream: {len(city)} items of the city in {len({d for d, _ in city})} domains, {len(dropped)} dropped, "
          f"{len(city_only)} 市级-only")
    print("自查: " + ", ".join(f"{n} {kind}" for kind, n in counts.items()))
    if fail:
        print(f"\n{len(fail)} problem(s):")
        for f in fail:
            print("  -", f)
        return 1
    print("check_demo: OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
