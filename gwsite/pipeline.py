"""The whole pipeline, stage by stage: read → assemble → render/index → commit.

``check`` is ``load`` without writing, so the audit and the build cannot disagree.
"""
from __future__ import annotations

import json
import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from . import paths
from .assemble import assemble
from .audit import KINDS, AuditReport, audit
from .catalogue import read_catalogues
from .config import read_site_config
from .diagnostics import Location, Problem, Severity, error, sorted_problems
from .model import Site, collector_paused, content_digest, file_stamp
from .numbering import RECORD_FILE, published_copy, read_record, write_record
from .notices import CONTENT_DIR, read_notices, read_pages
from .buildcache import BuildCache
from .privacy import mask_catalogue, scan_catalogue
from .progress import QUIET, Progress
from .render import Theme, plan_site, render_audit, render_site
from .renderpool import Beside, render_jobs
from .search import IndexBuild, IndexState, index_files
from .write import InPlace, OutputSet, Stamp, Staging


@dataclass
class Report:
    problems: list[Problem] = field(default_factory=list)
    strict: bool = False
    site: Site | None = None
    audit: AuditReport | None = None

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is Severity.ERROR or self.strict]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is Severity.WARNING and not self.strict]

    @property
    def ok(self) -> bool:
        return not self.errors


READ_STAGES = ("catalogues", "notices", "masked", "numbered", "upstream")  # what load keeps in a build cache


def load(root: Path, strict: bool = False, cache: dict | None = None, workers: int = 1) -> Report:
    """Read every input, assemble the site and audit it; problems from all stages together.

    ``cache`` (a build cache's stages) keeps parsed notices and their masking between
    builds, so that a rebuild reads only the files that changed."""
    report, upstream = _read(root, strict, cache, workers)
    return _audited(report, upstream) if _audits(report) else report


def _audits(report: Report) -> bool:
    # Audit a site that reads cleanly: on broken input its findings would mislead.
    return report.site is not None and not any(p.severity is Severity.ERROR for p in report.problems)


def _audited(report: Report, upstream: tuple) -> Report:
    findings = audit(report.site, upstream)
    return Report(sorted_problems(report.problems + findings.problems), report.strict, report.site, findings)


@collector_paused  # thousands of notices made, no cycles
def _read(root: Path, strict: bool, cache: dict | None, workers: int,
          progress: Progress = QUIET) -> tuple[Report, tuple]:
    """``load`` but the audit: the report, and the city's catalogue (which the audit reads)."""
    root = Path(root)
    config, problems = read_site_config(root)
    if config is None:
        return Report(sorted_problems(problems), strict), ()
    catalogues: list = []  # read while worker processes parse the notices

    def read_the_catalogues() -> None:
        catalogues.append(read_catalogues(root, config.orgs, config.domains,
                                          cache=None if cache is None else cache.setdefault("catalogues", {})))
    notices, found = read_notices(root, config.domains, None if cache is None else cache.setdefault("notices", {}),
                                  workers, meanwhile=read_the_catalogues, progress=progress)
    problems += found
    catalogue, found = catalogues[0]
    problems += found + scan_catalogue(catalogue)
    catalogue = mask_catalogue(catalogue)  # every published copy (pages, data files, search) from here
    pages, found = read_pages(root)
    problems += found
    progress.stage("assembling")
    record, found = read_record(root)
    problems += found
    site, found = assemble(config, catalogue, notices, pages,
                           None if cache is None else cache.setdefault("masked", {}),
                           None if cache is None else cache.setdefault("numbered", {}), record)
    problems += found
    upstream: tuple = ()
    if config.upstream:
        if (root / config.upstream).is_dir():
            upstream, found = read_catalogues(root, config.orgs, config.domains, folder=config.upstream,
                                              cache=None if cache is None else cache.setdefault("upstream", {}))
            problems += found
        else:
            problems.append(error(Location("site.yaml"), f"upstream folder '{config.upstream}' not found",
                                  "give the folder of the city's catalogue workbooks, relative to the site root"))
    return Report(sorted_problems(problems), strict, site), upstream


def check(root: Path, strict: bool = False) -> Report:
    return load(root, strict)


@dataclass
class BuildResult:
    report: Report
    files: int = 0  # files in the output
    made: int = 0  # of them, made by this build (the rest reused unchanged)
    seconds: float = 0.0


def build(root: Path, out: Path | None = None, strict: bool = False, clean: bool = False,
          progress: Progress = QUIET, workers: int | None = None, cache: BuildCache | None = None,
          in_place: bool = False) -> BuildResult:
    """Build ``root`` into ``out``; on any error, ``out`` is left exactly as it was.

    Incremental unless ``clean``: every output file whose inputs are unchanged since the
    last build into ``out`` is reused (see ``buildcache``); the result is the same bytes
    as a clean build.  Pages are rendered by ``workers`` processes (default: one per core).
    ``cache``, when given, is kept by the caller between builds into the same ``out``
    (``gwsite serve``): then it is neither read from nor saved to disk.  ``in_place``
    updates ``out`` file by file instead of swapping in a new folder (see
    ``write.InPlace``): for a folder that no one else reads, as ``gwsite serve``'s.
    """
    started = time.perf_counter()
    root = Path(root)
    out = Path(out) if out is not None else root / "public"
    progress.stage("reading")
    kept = cache is not None
    if cache is None:
        cache = BuildCache(root, out) if clean else BuildCache.load(root, out)
    cache.start()
    workers = workers or len(os.sched_getaffinity(0))
    report, upstream = _read(root, strict, cache.stages, workers, progress)
    report.problems = sorted_problems(report.problems + _check_output_dir(root, out))
    if not report.ok:
        progress.end()
        return BuildResult(report)
    if not kept:
        cache.write_stages_early(READ_STAGES)
    staging = InPlace(out, cache.outputs) if in_place and cache.outputs else Staging(out)
    audited: list[Report] = []  # the audit runs while the workers render: its findings may still fail the build
    try:
        problems = _write_outputs(root, report.site, staging, cache, progress, workers,
                                  meanwhile=lambda: audited.append(_audited(report, upstream)))
    except BaseException:
        staging.discard()
        cache.discard()
        raise
    progress.end()
    report = audited[0]
    if problems or staging.collisions or not report.ok:
        staging.discard()
        cache.discard()
        report.problems = sorted_problems(report.problems + problems + [
            error(Location(p), "two inputs produce this output file; rename one") for p in sorted(set(staging.collisions))])
        return BuildResult(report)
    staging.commit(trash=cache.trash)
    cache.committed()
    try:  # the numbers now published, kept for every later build (numbering)
        write_record(root, report.site.index_record)
    except OSError as exc:
        report.problems.append(error(Location(RECORD_FILE), f"the 索引号 record could not be written ({exc.strerror})",
                                     f"copy {paths.INDEX_RECORD} from the output into the site root"))
    if not kept:
        try:
            cache.save()
        except OSError:  # a read-only site root: the next build is a clean one, nothing worse
            cache.discard()
    return BuildResult(report, len(staging.paths), len(staging.paths) - cache.reused, time.perf_counter() - started)


def _write_outputs(root: Path, site: Site, staging: Staging, cache: BuildCache, progress: Progress,
                   workers: int | None, meanwhile: Callable[[], None]) -> list[Problem]:
    """Fill ``staging`` with every output file, reusing what ``cache`` says is unchanged;
    returns the template problems (nothing is committed if there are any).  ``meanwhile``
    is other work for this process while the workers render (after the index)."""
    theme = Theme.for_root(root)
    progress.stage("planning")
    jobs = plan_site(site, theme)
    todo = []
    for job in jobs:
        if not staging.register(job.path, job.kind, job.id):
            continue
        if not _reuse(staging, cache, job.path, job.key):
            todo.append(job)
    previous = cache.stages.get("search") if isinstance(cache.stages.get("search"), IndexState) else None
    index = IndexBuild(previous, site)  # before the workers are forked: they do its pieces

    def write_index(pieces) -> tuple[IndexState, list[tuple[str, str, bool, Stamp]]]:
        """The search index, written into staging: (path, key, reused, stamp) per file."""
        state, parts = index.finish(pieces)
        written = []
        for part in parts:
            existing = cache.reusable(part.path, part.key)
            stamp = (staging.link(part.path, existing, cache.outputs[part.path][1:]) if existing
                     else staging.write(part.path, part.make()))
            written.append((part.path, part.key, existing is not None, stamp))
        return state, written

    def beside(pieces):  # in this process, while the workers render
        written = write_index(pieces)
        meanwhile()
        return written

    made, problems, (state, index_files_written) = render_jobs(todo, theme, root, staging, progress, workers,
                                                                beside=Beside(index.pieces, index.piece, beside,
                                                                              "indexing", "blocks of notices"))
    for job in todo:
        if job.path in made:
            cache.record(job.path, job.key, *made[job.path])
    cache.stages["search"] = state
    for path, key, reused, stamp in index_files_written:
        staging.register(path)
        cache.reused += reused
        cache.record(path, key, *stamp)

    for path, source in _copied_files(root, site, theme):
        _add_copy(staging, cache, path, source)
    record = published_copy(site.index_record, {n.id for n in site.notices})
    _add(staging, cache, paths.INDEX_RECORD, record.encode("utf-8"))
    _add(staging, cache, paths.MANIFEST, staging.manifest())
    return problems


def _reuse(staging: Staging, cache: BuildCache, path: str, key: str) -> bool:
    existing = cache.reusable(path, key)
    if existing is None:
        return False
    stamp = staging.link(path, existing, cache.outputs[path][1:])
    cache.reused += 1
    cache.record(path, key, *stamp)
    return True


def _add(staging: Staging, cache: BuildCache, path: str, data: bytes) -> None:
    """A file made in full every build (index, manifest): kept when its bytes are the same."""
    if not staging.register(path):
        return
    key = content_digest(data)
    if not _reuse(staging, cache, path, key):
        cache.record(path, key, *staging.write(path, data))


def _add_copy(staging: Staging, cache: BuildCache, path: str, source: Path) -> None:
    """A copied file (theme static file, attachment), keyed by its source's name and stamp."""
    if not staging.register(path):
        return
    key = f"{source.resolve()}:{file_stamp(os.stat(source))}"
    if not _reuse(staging, cache, path, key):
        cache.record(path, key, *staging.copy(path, source))


def collect_outputs(root: Path, site: Site) -> OutputSet:
    """Every file of the built site, made in memory (for checks over the whole output)."""
    theme = Theme.for_root(root)
    files = OutputSet()
    for f in render_site(site, theme, root):
        files.add(f.path, f.data, f.kind, f.id)
    for f in index_files(site):
        files.add(f.path, f.data)
    for path, source in _copied_files(root, site, theme):
        files.copy(path, source)
    files.add(paths.MANIFEST, files.manifest())
    return files


def _copied_files(root: Path, site: Site, theme: Theme) -> list[tuple[str, Path]]:
    """(output path, source) of every file copied as it is: the theme's static files and
    the published notices' attachments."""
    copied = list(theme.static_files().items())
    for name in sorted({a for n in site.notices for a in n.attachments}):
        copied.append((paths.attachment(name), root / CONTENT_DIR / name))
    return copied


def _check_output_dir(root: Path, out: Path) -> list[Problem]:
    """Refuse an output folder whose replacement would destroy the user's own files."""
    root_r, out_r = root.resolve(), out.resolve()
    where = Location(str(out))
    if out_r == root_r or root_r.is_relative_to(out_r):
        return [error(where, "the output folder would replace the site root", "choose another folder with -o")]
    for inner in ("content", "catalogues", "theme"):
        if out_r.is_relative_to(root_r / inner):
            return [error(where, f"the output folder lies inside {inner}/", "choose another folder with -o")]
    if out_r.exists() and (not out_r.is_dir() or (any(out_r.iterdir()) and not (out_r / paths.MANIFEST).is_file())):
        return [error(where, "exists and is not a gwsite output (no data/manifest.json), so it is not replaced",
                      "remove it or choose another folder with -o")]
    return []


def audit_json(report: Report) -> dict:
    """The 自查 as data (``gwsite check --format json``)."""
    kinds = {id(f.problem): f for f in (report.audit.findings if report.audit else [])}

    def entry(p: Problem) -> dict:
        f = kinds.get(id(p))
        return {"location": str(p.location), "severity": "error" if report.strict or p.severity is Severity.ERROR else "warning",
                "kind": f.kind if f else "", "message": p.message, "hint": p.hint,
                "domain": f.domain if f else "", "org": f.org if f else "", "item": f.item if f else ""}

    audit_report = report.audit
    return {
        "errors": len(report.errors),
        "warnings": len(report.warnings),
        "summary": {k: audit_report.count(k) for k in KINDS} if audit_report else {},
        "domains": [{"name": name, **vars(t)} for name, t in audit_report.domains.items() if t.items]
        if audit_report else [],
        "orgs": [{"id": org_id, **vars(t)} for org_id, t in audit_report.orgs.items()] if audit_report else [],
        "problems": [entry(p) for p in report.problems],
    }


def write_audit_report(root: Path, report: Report, folder: Path) -> Path:
    """Write the printable HTML report (and its JSON) into ``folder``; returns the page."""
    folder.mkdir(parents=True, exist_ok=True)
    audited = {id(f.problem) for f in report.audit.findings}
    reading = [p for p in report.problems if id(p) not in audited]
    page = folder / "index.html"
    _write_file(page, render_audit(report.site, report.audit, KINDS, reading, Theme.for_root(Path(root))))
    data = json.dumps(audit_json(report), ensure_ascii=False, indent=1) + "\n"
    _write_file(folder / "audit.json", data.encode("utf-8"))
    return page


def _write_file(path: Path, data: bytes) -> None:
    """Replace one file whole: a reader never sees half of it."""
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)
