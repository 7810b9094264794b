"""Assembling: 索引号 generation, item inference, the disclosure filter."""
from datetime import date

from gwsite.assemble import assemble
from gwsite.diagnostics import Location
from gwsite.domains import DomainTable
from gwsite.model import CatalogueItem, Notice, Org, SiteConfig

CONFIG = SiteConfig(
    title="t", region="r", host="h", domains=DomainTable(),
    orgs=(Org("mzj", "民政局", "department", code="11500116MB00000011"), Org("longmen", "龙门镇", "township")),
)
ITEM = CatalogueItem(domain="社会救助", level1="最低生活保障", level2="审核确认结果", subject_orgs=("mzj",))


def notice(nid, published, **kw):
    kw.setdefault("disclosure", "主动公开")
    kw.setdefault("publisher", "mzj")
    return Notice(id=nid, title=nid, published=date.fromisoformat(published),
                  location=Location(f"content/notices/{nid}.yaml", 1), **kw)


def test_index_numbers_follow_publication_order_and_skip_explicit_serials():
    notices = [
        notice("mzj/c", "2025-05-01"),
        notice("mzj/a", "2025-01-10"),
        notice("mzj/b", "2025-03-01", index_number="11500116MB00000011/2025-00002"),
        notice("mzj/d", "2025-06-01"),
        notice("mzj/old", "2024-12-31"),
        notice("longmen/x", "2025-02-02", publisher="longmen"),
    ]
    site, problems = assemble(CONFIG, (), notices, [])
    assert problems == []
    numbers = {n.id: n.index_number for n in site.notices}
    assert numbers == {
        "mzj/a": "11500116MB00000011/2025-00001",
        "mzj/b": "11500116MB00000011/2025-00002",
        "mzj/c": "11500116MB00000011/2025-00003",
        "mzj/d": "11500116MB00000011/2025-00004",
        "mzj/old": "11500116MB00000011/2024-00001",
        "longmen/x": "LONGMEN/2025-00001",  # no code in site.yaml: the org id stands in
    }
    # adding a newer notice renumbers nothing
    site2, _ = assemble(CONFIG, (), notices + [notice("mzj/e", "2025-07-01")], [])
    assert {n.id: n.index_number for n in site2.notices if n.id != "mzj/e"} == numbers


def test_only_public_notices_are_assembled_and_newest_come_first():
    notices = [
        notice("mzj/a", "2025-01-10"),
        notice("mzj/b", "2025-03-01", disclosure="依申请公开"),
        notice("mzj/c", "2025-02-01", disclosure="不予公开"),
        notice("mzj/d", "2025-02-01"),
    ]
    site, problems = assemble(CONFIG, (), notices, [])
    assert problems == []
    assert [n.id for n in site.notices] == ["mzj/d", "mzj/a"]


def test_an_item_without_a_domain_names_its_domain():
    site, problems = assemble(CONFIG, (ITEM,), [notice("mzj/a", "2025-01-10", item="最低生活保障 / 审核确认结果")], [])
    assert problems == []
    assert site.notices[0].domains == ("社会救助",)
    assert site.notices[0].item == "最低生活保障/审核确认结果"


def test_interpretations_are_linked_to_their_policy():
    notices = [notice("mzj/policy", "2025-01-10"), notice("mzj/jiedu", "2025-01-10", interprets="mzj/policy")]
    site, problems = assemble(CONFIG, (), notices, [])
    assert problems == []
    assert site.interpretations == {"mzj/policy": ("mzj/jiedu",)}


def test_masking_is_the_same_whether_the_reader_scanned_the_notice_or_not():
    # The reader scans each notice for personal data in its worker (privacy.scan_notice)
    # and keeps the result beside it; a notice without that scan is scanned here.
    from dataclasses import replace
    from gwsite.privacy import scan_notice
    from personal_data import make_id
    ident = make_id("11010519491231002")
    raw = notice("a", "2025-03-01", topic=f"联系 13912341234", attachments=(f"名单{ident}.pdf",),
                 body=f"一、对象\n\n张三，身份证号 {ident}。\n\n二、金额 620元。",
                 key_lines=(("topic", 3), ("attachments[0]", 9)), body_line=12)
    scanned = replace(raw)
    object.__setattr__(scanned, "_scanned", scan_notice(scanned))
    assert {name for name, _ in scanned._scanned} == {"topic", "body", "attachments[0]"}
    results = [assemble(CONFIG, (), [n], []) for n in (raw, scanned)]
    (site, problems), (site2, problems2) = results
    assert site.notices == site2.notices and problems == problems2
    assert site.privacy == site2.privacy
    assert sorted((m.kind, m.field) for m in site.privacy) == [
        ("id_card", "attachment name"), ("id_card", "body"), ("mobile", "主题分类")]
    assert ident not in site.notices[0].body
    assert "13912341234" not in site.notices[0].topic


def test_a_doc_number_on_two_notices_is_named_however_its_brackets_are_written():
    notices = [
        notice("mzj/a", "2025-01-10", doc_number="青溪民发〔2025〕27号"),
        notice("mzj/b", "2025-01-12", doc_number="青溪民发[2025] 27号"),  # the same document, imported twice
        notice("mzj/c", "2025-01-12", doc_number="青溪民发〔2025〕270号"),  # another number
        notice("mzj/d", "2025-01-12"),
        notice("mzj/e", "2025-01-12"),  # no number twice is no clash
    ]
    site, problems = assemble(CONFIG, (), notices, [])
    assert [str(p) for p in problems] == [
        "content/notices/mzj/b.yaml:1: warning: 发文字号 青溪民发[2025] 27号 is also that of content/notices/mzj/a.yaml "
        "(keep one notice for one document, or correct the 发文字号)"]
    assert len(site.notices) == 5  # a warning: nothing is held back


def test_usual_names_of_domains_lead_to_the_pilot_domain_and_a_near_one_does_not():
    table = DomainTable()
    for usual, name in [("住房保障", "保障性住房"), ("保障房", "保障性住房"), ("自然灾害救助", "救灾"),
                        ("卫生健康", "医疗卫生"), ("乡村振兴", "扶贫")]:
        assert table.resolve(usual).name == name, usual
    assert table.resolve("医疗保障") is None  # 医保 spans 社会保险 and 医疗卫生: no guess
