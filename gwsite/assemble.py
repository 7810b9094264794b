"""Assemble the publishable site from what the readers found.

This is the one place that sees a notice which is not 主动公开: it checks references
against every notice (so a bad ``interprets`` is reported wherever it points), then keeps
only the published ones.  Everything downstream — pages, feeds, search, data files — is
made from the ``Site`` returned here and so cannot leak what it never received.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import replace

from .diagnostics import Location, Problem, did_you_mean, error, warning
from .model import (PUBLIC, CatalogueItem, Notice, Page, PrivacyMark, ReviewMark, Site, SiteConfig, derived, digest,
                    item_key)
from .notices import REVIEW_STAGES
from .numbering import Record, doc_number_key, serial_of
from .privacy import MASKED_FIELDS, find_personal_data, mask_personal_data, scan_notice

# Notices that the law requires to name people in full (惩戒公示, 强制性信息披露) keep their text.
PRIVACY_EXEMPT_TAGS = ("惩戒公示", "强制性信息披露")



def assemble(config: SiteConfig, catalogue: tuple[CatalogueItem, ...], notices: list[Notice],
             pages: list[Page], masked: dict | None = None,
             numbered: dict | None = None, record: Record | None = None) -> tuple[Site, list[Problem]]:
    """The site as published.  ``masked`` (kept by the caller between builds) remembers
    each notice's masking, the slowest step here, by the notice's digest; ``numbered``
    remembers each notice given a 索引号, so that a rebuild publishes the very objects of
    the last build, whose digests (the render's and the index's keys) are already known.
    ``record`` is the site's 索引号 record (``numbering``): the numbers given here are
    added to it."""
    problems: list[Problem] = []
    masked = {} if masked is None else masked
    numbered = {} if numbered is None else numbered
    record = Record() if record is None else record
    used: set[str] = set()
    org_ids = [o.id for o in config.orgs]
    org_names = {o.id: o.name for o in config.orgs}
    by_id = {n.id: n for n in notices}
    items_by_domain: dict[str, dict[str, CatalogueItem]] = defaultdict(dict)
    for item in catalogue:
        items_by_domain[item.domain].setdefault(item.key, item)

    checked: list[Notice] = []
    for notice in notices:
        checked.append(_resolve_notice(notice, org_ids, org_names, by_id, items_by_domain, problems))
    _old_urls_once(checked, problems)
    _doc_numbers_once(checked, problems)
    for page in pages:
        if page.publisher and page.publisher not in org_ids:
            problems.append(error(Location(page.location.path, page.line_of("publisher")),
                                  f"unknown publisher '{page.publisher}'{_org_meant(page.publisher, org_ids, org_names)}",
                                  "use the id of an org in site.yaml"))

    # The disclosure filter: the only line that decides what is published.
    published = [n for n in checked if n.disclosure == PUBLIC]
    unreviewed: list[ReviewMark] = []
    if config.require_review:
        published = _with_their_policies([n for n in published if not _lacks_review(n, unreviewed)],
                                         {n.id for n in published}, unreviewed)
    privacy: list[PrivacyMark] = []
    published = [_masked_once(n, privacy, masked, used) for n in published]
    pages = [_masked_page(page, privacy) for page in pages]
    for key in masked.keys() - used:  # notices changed or gone
        del masked[key]

    published = _with_index_numbers(published, config, problems, numbered, record)
    for n in published:  # the render's and the index's key, made now so that the build cache keeps it
        digest(n)
    published.sort(key=lambda n: (-n.published.toordinal(), n.id))
    interpretations: dict[str, list[str]] = defaultdict(list)
    for n in published:
        if n.interprets:
            interpretations[n.interprets].append(n.id)
    site = Site(
        config=config,
        catalogue=tuple(catalogue),
        notices=tuple(published),
        pages=tuple(sorted(pages, key=lambda p: p.id)),
        interpretations={k: tuple(sorted(v)) for k, v in sorted(interpretations.items())},
        privacy=tuple(privacy),
        unreviewed=tuple(unreviewed),
        index_record=record.text(),
    )
    return site, problems


def _old_urls_once(notices: list[Notice], problems: list[Problem]) -> None:
    """An old portal's address is redirected to one notice (data/redirects.csv): a second
    notice claiming it is an error at its line, whatever either's 公开属性."""
    first: dict[str, Notice] = {}
    for n in notices:
        if not n.old_url:
            continue
        other = first.setdefault(n.old_url, n)
        if other is not n:
            problems.append(error(Location(n.location.path, n.line_of("old_url")),
                                  f"old_url '{n.old_url}' is also that of {other.location.path}",
                                  "an old address leads to one notice: keep it on the notice published there"))


def _doc_numbers_once(notices: list[Notice], problems: list[Problem]) -> None:
    """A 发文字号 names one document: a second notice with it (however its brackets and
    spaces are written) is most often the same document imported twice.  A warning at its
    line: a 解读 or a reprint may have been given its policy's number on purpose."""
    first: dict[str, Notice] = {}
    for n in notices:
        if not n.doc_number:
            continue
        other = first.setdefault(doc_number_key(n.doc_number), n)
        if other is not n:
            problems.append(warning(Location(n.location.path, n.line_of("doc_number")),
                                    f"发文字号 {n.doc_number} is also that of {other.location.path}",
                                    "keep one notice for one document, or correct the 发文字号"))


def _lacks_review(n: Notice, marks: list[ReviewMark]) -> bool:
    """三审三校: with require_review, a notice lacking a stage is held back."""
    done = {stage for stage, who in n.review if who}
    missing = tuple(s for s in REVIEW_STAGES if s not in done)
    if missing:
        line = n.line_of("review") if n.review else 1
        marks.append(ReviewMark(Location(n.location.path, line), missing,
                                n.domains[0] if n.domains else "", n.publisher))
    return bool(missing)


def _with_their_policies(notices: list[Notice], public: set[str], marks: list[ReviewMark]) -> list[Notice]:
    """An interpretation is published with its policy: when the policy is held back for
    review, the interpretation waits too (and does not link to a page that is not there)."""
    while True:
        kept = {n.id for n in notices}
        waiting = [n for n in notices if n.interprets in public and n.interprets not in kept]
        if not waiting:
            return notices
        for n in waiting:
            marks.append(ReviewMark(Location(n.location.path, n.line_of("interprets")), (),
                                    n.domains[0] if n.domains else "", n.publisher))
        gone = {n.id for n in waiting}
        notices = [n for n in notices if n.id not in gone]


def _masked_once(n: Notice, marks: list[PrivacyMark], masked: dict, used: set[str]) -> Notice:
    key = digest(n)  # kept with the parsed notice in the cache: not recomputed for unchanged files
    used.add(key)
    if key not in masked:
        found: list[PrivacyMark] = []
        masked[key] = (_masked(n, found), tuple(found))
    notice, found = masked[key]
    marks.extend(found)
    return notice


def _masked(n: Notice, marks: list[PrivacyMark]) -> Notice:
    """The notice with personal data masked in every field that is published.

    Attachment names are masked where their output path is made (``paths.attachment``);
    here they are only marked, so that the audit names them.
    """
    if set(PRIVACY_EXEMPT_TAGS) & set(n.tags):
        return n
    domain = n.domains[0] if n.domains else ""
    path = n.location.path

    def mark(findings, line_of_finding, label) -> None:
        for f in findings:
            marks.append(PrivacyMark(Location(path, line_of_finding(f)), f.kind, label, f.masked, domain, n.publisher))

    # The reader scanned the notice as it read it (privacy.scan_notice); a notice changed
    # since (its item or domains resolved) is scanned here.
    scanned = n.__dict__.get("_scanned")
    findings = dict(scan_notice(n) if scanned is None else scanned)
    changes = {}
    for name, label in MASKED_FIELDS.items():
        if name in findings:
            mark(findings[name], lambda f, name=name: n.line_of(name), label)
            changes[name] = mask_personal_data(getattr(n, name))
    if "body" in findings:
        mark(findings["body"], lambda f: n.body_line_at(f.start), "body")
        changes["body"] = mask_personal_data(n.body, markdown=True)
    for i in range(len(n.attachments)):
        mark(findings.get(f"attachments[{i}]", ()), lambda f, i=i: n.line_of(f"attachments[{i}]"), "attachment name")
    for i, place, f in n.in_attachments:  # in the files, which go out as they are
        marks.append(PrivacyMark(place, f.kind, f"attachment of {path}", f.masked, domain, n.publisher, in_full=True))
    return replace(n, **changes) if changes else n


def _masked_page(page: Page, marks: list[PrivacyMark]) -> Page:
    """A free page (指南, 年报 …) with personal data masked as in a notice: it is published
    as much as a notice is (an annual report quoting a 低保 list, a contact's mobile)."""
    changes = {}
    for name, text, line_of in (("title", page.title, lambda f: page.line_of("title")),
                                ("body", page.body, lambda f: page.body_line_at(f.start))):
        found = find_personal_data(text)
        for f in found:
            marks.append(PrivacyMark(Location(page.location.path, line_of(f)), f.kind, name, f.masked,
                                     "", page.publisher))
        if found:
            changes[name] = mask_personal_data(text, markdown=name == "body")
    return replace(page, **changes) if changes else page


def _org_meant(written: str, org_ids: list[str], org_names: dict[str, str]) -> str:
    """A did-you-mean for a publisher: an org's name (区民政局, 民政局) written where its id
    belongs gets that id; else the closest id."""
    named = [org_id for org_id, name in org_names.items() if written == name or (len(written) >= 2 and written in name)]
    if len(named) == 1:
        return f"; did you mean '{named[0]}' (the id of {org_names[named[0]]})?"
    return did_you_mean(written, org_ids)


def _resolve_notice(notice: Notice, org_ids: list[str], org_names: dict[str, str], by_id: dict[str, Notice],
                    items_by_domain: dict[str, dict[str, CatalogueItem]], problems: list[Problem]) -> Notice:
    path = notice.location.path

    def at(key: str) -> Location:
        return Location(path, notice.line_of(key))

    if notice.publisher and notice.publisher not in org_ids:  # missing: reported by the reader
        problems.append(error(at("publisher"), f"unknown publisher '{notice.publisher}'"
                              f"{_org_meant(notice.publisher, org_ids, org_names)}",
                              "use the id of an org in site.yaml"))
    if notice.interprets:
        target = by_id.get(notice.interprets)
        if target is None:
            problems.append(error(at("interprets"),
                                  f"interprets '{notice.interprets}', which is not a notice"
                                  f"{did_you_mean(notice.interprets, [i for i in by_id if i != notice.id])}",
                                  "give the id of the policy: its path under content/notices/ without the extension"))
        elif target.id == notice.id:
            problems.append(error(at("interprets"), "a notice cannot interpret itself"))
        elif notice.disclosure == PUBLIC and target.disclosure != PUBLIC:
            problems.append(error(at("interprets"),
                                  f"interprets '{target.id}', which is {target.disclosure} and so is not published",
                                  "an interpretation is published with its policy"))
    domains = notice.domains
    if notice.item:
        key = item_key(notice.item)
        search = domains or tuple(items_by_domain)
        matches = [d for d in search if key in items_by_domain.get(d, {})]
        if not matches:
            choices = [k for d in search for k in items_by_domain.get(d, {})]
            where = f"the catalogue of {'、'.join(domains)}" if domains else "any catalogue"
            problems.append(error(at("item"), f"item '{notice.item}' is not in {where}{did_you_mean(key, choices)}",
                                  "write it as 一级事项/二级事项, exactly as in the catalogue"))
        elif not domains:
            domains = tuple(matches[:1])  # an item names its domain
        if key != notice.item or domains != notice.domains:
            # Only when something changed: the notice read (and cached) keeps its digest.
            return replace(notice, item=key, domains=domains)
    return notice


def _with_index_numbers(notices: list[Notice], config: SiteConfig, problems: list[Problem],
                        numbered: dict, record: Record) -> list[Notice]:
    """Give every notice without a 索引号 one: the number ``record`` holds for it, or, for
    a notice never numbered, the next serial of ``{org code}/{year}`` after every serial
    that prefix has had (so a back-dated notice renumbers nothing, and a withdrawn
    notice's number is never given again).  Where the record has no number of a prefix
    yet (a site's first build with a record), serials count from 1 in order of
    publication, skipping explicit 索引号: the numbers earlier builds gave.
    """
    taken: dict[str, set[int]] = defaultdict(set)
    explicit: dict[str, Notice] = {}
    for n in notices:
        if not n.index_number:
            continue
        where = Location(n.location.path, n.line_of("index_number"))
        if n.index_number in explicit:
            problems.append(error(where, f"索引号 '{n.index_number}' is also used by {explicit[n.index_number].location.path}"))
        owner = record.owner(n.index_number)
        if owner is not None and owner != n.id:
            problems.append(error(where, f"索引号 '{n.index_number}' was published for {owner} (index-numbers.txt)",
                                  "a published 索引号 is never given to another notice: give this one another, or none"))
        explicit.setdefault(n.index_number, n)
        found = serial_of(n.index_number)
        if found:
            taken[found[0]].add(found[1])
    result = []
    used: set[tuple[str, str]] = set()
    for n in sorted(notices, key=lambda n: (n.published, n.id)):
        if n.index_number:
            result.append(n)
            continue
        number = record.by_id.get(n.id)
        if number is None:
            org = config.org(n.publisher)
            prefix = f"{(org.code if org and org.code else n.publisher.upper())}/{n.published.year}"
            number = record.next_number(prefix)
            while int(number.rsplit("-", 1)[1]) in taken[prefix] or number in explicit:
                record.top[prefix] += 1
                number = record.next_number(prefix)
            record.add(n.id, number)
        key = (digest(n), number)
        used.add(key)
        if key not in numbered:
            numbered[key] = derived(n, number)
        result.append(numbered[key])
    for n in sorted(notices, key=lambda n: (n.published, n.id)):  # explicit ones: never generated later
        if n.index_number and record.owner(n.index_number) in (None, n.id):
            record.add(n.id, n.index_number)
    for key in numbered.keys() - used:  # notices changed, gone or renumbered
        del numbered[key]
    return result
