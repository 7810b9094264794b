#!/usr/bin/env python3
"""Relevance of the offline search: gwsite beside a Whoosh BM25F reference and Pagefind.

Builds the demo site (the repository root) with ``gwsite build``, or takes the output of
an earlier build (``--out``), then runs every judged query of ``bench/relevance/queries.yaml``
through three engines and scores their first ten results against the judgments:

- **gwsite**: ``gwsite.search.query`` over the built index (one adapter, ``gwsite_ranking``);
- **whoosh**: the reference, built in memory with whoosh-reloaded on the same published
  documents (the notices and free pages of the assembled site, read by ``pipeline.load``):
  fields title (``field_boost`` 3.0) and body (``markdown_text``), both analysed into
  overlapping CJK character pairs plus single characters (ASCII words whole, lower-cased;
  text NFKC-normalised first), scored by ``scoring.BM25F()`` with its defaults; a query is
  the OR of its pairs (a lone CJK character itself, ASCII words whole) over both fields.
  No traditional → simplified mapping, no abbreviations: it is the baseline;
- **pagefind**: Pagefind 1.5.2's extended binary (``npm ci --prefix bench``) indexing the
  built HTML of the notice and free pages (``notices/**``, ``pages/**``; the ``<main>`` of
  each, as a site marking its articles ``data-pagefind-body`` would), queried from headless
  Chromium over http (Pagefind does not run from file://).  Skipped, saying why, when it
  cannot run, or with ``--no-pagefind``.

Judgments: ``queries: [{q, kind, intent, relevant: {key: grade}}]``, a key being a notice
id (its path under content/notices without the extension) or ``page:<id>`` for a free page;
grades 3/2/1; ``relevant: {}`` means no answer exists.  A result that maps to no key (a
catalogue item, a list page) counts as a non-relevant position.

Metrics (shared/spec/search-relevance.md §7), per query kind and overall, per engine: the
number of queries; the zero-result rate (queries with an answer that got no result at
all); success@1 and success@10 (a result of grade ≥ 1 in the first 1 / 10); MRR (1/rank of
the first relevant result in the first 10, else 0); nDCG@10 (gains 2^g − 1, discounts
log2(i + 1), the ideal from the judged grades).  Queries without an answer are left out
of those and reported apart (how many returned anything).  Then gwsite against the
reference: nDCG@10 difference, whether gwsite halves whoosh's distance to 1.0 (target
nDCG ≥ 1 − (1 − whoosh)/2 and ≥ whoosh + 0.05) and, per kind, whether gwsite ≥ whoosh; and
how many ``title`` / ``doc_number`` queries have their grade-3 document at rank 1.

Prints figures; asserts nothing.

    python bench/relevance.py                              # build, then all three engines
    python bench/relevance.py --no-pagefind --failures     # gwsite's misses, top 5 each
    python bench/relevance.py --out /tmp/public --json /tmp/relevance.json
    python bench/relevance.py --queries /tmp/my-queries.yaml
"""
from __future__ import annotations

import argparse
import functools
import http.server
import json
import math
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from gwsite import pipeline, search  # noqa: E402
from gwsite.buildcache import BuildCache  # noqa: E402
from whoosh import scoring  # noqa: E402  (whoosh-reloaded, a gwsite dependency)
from whoosh.analysis import Token, Tokenizer  # noqa: E402
from whoosh.fields import ID, TEXT, Schema  # noqa: E402
from whoosh.filedb.filestore import RamStorage  # noqa: E402
from whoosh.query import Or, Term  # noqa: E402

QUERIES = REPO / "bench" / "relevance" / "queries.yaml"
KINDS = ("abbreviation", "question", "title", "doc_number", "place_topic", "traditional", "typo")  # issue 16
PINYIN_KINDS = ("pinyin", "initials", "mixed")  # issue 21: each with the Chinese query it stands for
K = 10  # results judged per query
PAGEFIND = REPO / "bench" / "node_modules" / "@pagefind" / "linux-x64" / "bin" / "pagefind_extended"
PAGEFIND_GLOB = "{notices,pages}/**/*.html"  # the pages gwsite's own index covers; not the lists
PAGEFIND_ROOT = "main"  # the article, without the header, menus and footer every page repeats
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update"]


@dataclass
class Query:
    q: str
    kind: str
    intent: str
    relevant: dict[str, int]  # key -> grade (1–3); empty: no answer exists
    chinese: str = ""  # a pinyin query's Chinese: the same query typed in characters


@dataclass
class Ranking:
    total: int  # results found in all (0: a zero-result query)
    keys: list[str | None]  # the first K, best first; None: a result that is no judged kind
    titles: list[str] = field(default_factory=list)  # as the engine shows them, where it does


# ---------------------------------------------------------------------------------------
# Inputs: judgments, the built site, the published documents
# ---------------------------------------------------------------------------------------

def load_queries(path: Path) -> list[Query]:
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    queries = []
    for entry in data.get("queries") or ():
        relevant = {str(k): int(g) for k, g in (entry.get("relevant") or {}).items() if int(g) >= 1}
        queries.append(Query(str(entry["q"]), str(entry.get("kind", "")), str(entry.get("intent", "")), relevant,
                             str(entry.get("chinese") or "")))
    return queries


def build_site(root: Path, out: Path) -> float:
    """``gwsite build root -o out -q``, as a user runs it; its wall time.  The build cache
    it leaves in the site root for ``out`` (a temporary folder) is removed after."""
    started = time.perf_counter()
    run = subprocess.run([sys.executable, "-m", "gwsite", "build", str(root), "-o", str(out), "-q"],
                         capture_output=True, text=True)
    if run.returncode != 0:
        sys.exit(f"gwsite build failed ({run.returncode}):\n{run.stdout}{run.stderr}")
    seconds = time.perf_counter() - started
    cache = BuildCache(root, out)
    for file in (cache.file, cache.stages_file):
        file.unlink(missing_ok=True)
    warnings = sum(1 for line in (run.stdout + run.stderr).splitlines() if ": warning: " in line)
    print(f"built {root} into {out} in {seconds:.1f} s ({warnings} warnings)")
    return seconds


def published_documents(root: Path) -> dict[str, tuple[str, str]]:
    """key -> (title, body as plain text) of every published notice and free page, as
    gwsite's own pipeline reads and assembles them (unpublished notices dropped)."""
    site = pipeline.load(root).site
    if site is None:
        sys.exit(f"{root}: the site does not read cleanly (run gwsite check)")
    docs = {n.id: (n.title, search.markdown_text(n.body)) for n in site.notices}
    docs.update({"page:" + p.id: (p.title, search.markdown_text(p.body)) for p in site.pages})
    return docs


# ---------------------------------------------------------------------------------------
# Engine 1: gwsite
# ---------------------------------------------------------------------------------------

def hit_key(hit) -> str | None:
    """The judged key of a gwsite hit: a notice's id, ``page:<id>``, or None (others)."""
    kind = getattr(hit, "kind", "notice")
    if kind == "page":
        return "page:" + hit.id
    return hit.id if kind == "notice" else None


def gwsite_ranking(out: Path, q: str) -> Ranking:
    """The one place that calls gwsite's search API."""
    result = search.query(out, q, limit=K)
    hits = list(result.hits)[:K]
    return Ranking(result.total, [hit_key(h) for h in hits], [getattr(h, "title", "") for h in hits])


# ---------------------------------------------------------------------------------------
# Engine 2: the Whoosh BM25F reference
# ---------------------------------------------------------------------------------------

_CJK = "\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
_RUNS = re.compile(f"([{_CJK}]+)|([A-Za-z0-9]+)")


def _runs(text: str):
    """(is_cjk, run) for each run of CJK characters or of ASCII letters and digits."""
    for m in _RUNS.finditer(unicodedata.normalize("NFKC", text)):
        yield (True, m.group(1)) if m.group(1) else (False, m.group(2).lower())


def index_tokens(text: str) -> list[str]:
    """Every CJK character and every adjacent pair of a CJK run; ASCII words whole."""
    tokens = []
    for cjk, run in _runs(text):
        if not cjk:
            tokens.append(run)
            continue
        for i, c in enumerate(run):
            tokens.append(c)
            if i + 1 < len(run):
                tokens.append(run[i:i + 2])
    return tokens


def query_tokens(text: str) -> list[str]:
    """A query's pairs (a one-character CJK run itself), ASCII words whole; distinct, in order."""
    tokens = []
    for cjk, run in _runs(text):
        if cjk and len(run) > 1:
            tokens += [run[i:i + 2] for i in range(len(run) - 1)]
        else:
            tokens.append(run)
    return list(dict.fromkeys(tokens))


class BigramTokenizer(Tokenizer):
    """Whoosh's side of ``index_tokens`` (at module level: Whoosh pickles the schema)."""

    def __call__(self, value, positions=False, chars=False, keeporiginal=False, removestops=True,
                 start_pos=0, start_char=0, tokenize=True, mode="", **kwargs):
        t = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        for pos, text in enumerate(index_tokens(value) if tokenize else [value]):
            t.text, t.boost, t.stopped = text, 1.0, False
            if keeporiginal:
                t.original = text
            if positions:
                t.pos = start_pos + pos
            if chars:  # offsets are not kept: nothing here highlights
                t.startchar = t.endchar = start_char
            yield t


def whoosh_engine(docs: dict[str, tuple[str, str]]):
    """A function q -> Ranking over an in-memory Whoosh index of ``docs``."""
    analyzer = BigramTokenizer()
    schema = Schema(key=ID(stored=True, unique=True), title=TEXT(analyzer=analyzer, field_boost=3.0),
                    body=TEXT(analyzer=analyzer))
    index = RamStorage().create_index(schema)
    writer = index.writer()
    for key, (title, body) in docs.items():
        writer.add_document(key=key, title=title, body=body)
    writer.commit()
    searcher = index.searcher(weighting=scoring.BM25F())

    def rank(q: str) -> Ranking:
        tokens = query_tokens(q)
        if not tokens:
            return Ranking(0, [])
        results = searcher.search(Or([Term(f, t) for t in tokens for f in ("title", "body")]), limit=K)
        keys = [hit["key"] for hit in results]
        return Ranking(len(results), keys, [docs[k][0] for k in keys])

    return rank


# ---------------------------------------------------------------------------------------
# Engine 3: Pagefind over the built HTML, in headless Chromium
# ---------------------------------------------------------------------------------------

def url_key(url: str) -> str | None:
    """The judged key of a page URL of the built site, or None."""
    path = url.split("#")[0].split("?")[0].lstrip("/")
    if not path.endswith(".html"):
        return None
    if path.startswith("notices/"):
        return path[len("notices/"):-len(".html")]
    if path.startswith("pages/"):
        return "page:" + path[len("pages/"):-len(".html")]
    return None


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


_SEARCH = """async q => {
    if (!window.pf) { window.pf = await import('/pagefind/pagefind.js'); await window.pf.init(); }
    const r = await window.pf.search(q);
    const data = await Promise.all(r.results.slice(0, %d).map(x => x.data()));
    return {total: r.results.length, urls: data.map(d => d.url), titles: data.map(d => (d.meta || {}).title || '')};
}""" % K


def pagefind_rankings(out: Path, queries: list[str], binary: Path) -> tuple[dict[str, Ranking], dict]:
    """Every query's Ranking from Pagefind, and timings; raises on anything that fails."""
    if not binary.is_file():
        raise RuntimeError(f"{binary} not found (npm ci --prefix bench installs it)")
    if not Path(CHROMIUM).exists():
        raise RuntimeError(f"{CHROMIUM} not found (apt-get install -y chromium fonts-noto-cjk)")
    from playwright.sync_api import sync_playwright  # raises ImportError without the package

    work = Path(tempfile.mkdtemp(prefix="gwsite-relevance-pagefind-"))
    try:
        started = time.perf_counter()
        run = subprocess.run([str(binary), "--site", str(out), "--output-path", str(work / "pagefind"),
                              "--glob", PAGEFIND_GLOB, "--root-selector", PAGEFIND_ROOT, "--quiet"],
                             capture_output=True, text=True)
        if run.returncode != 0 or not (work / "pagefind" / "pagefind.js").is_file():
            raise RuntimeError(f"pagefind exited {run.returncode}: {(run.stdout + run.stderr).strip()[-500:]}")
        index_s = time.perf_counter() - started
        # The language of the page that searches picks the index: gwsite's pages are zh-CN.
        (work / "index.html").write_text('<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">'
                                         '<title>pagefind</title></head><body></body></html>', encoding="utf-8")
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(work)))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        try:
            started = time.perf_counter()
            rankings = {}
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
                page = browser.new_page()
                page.goto(f"http://127.0.0.1:{server.server_address[1]}/index.html")
                for q in queries:
                    if q not in rankings:
                        r = page.evaluate(_SEARCH, q)
                        rankings[q] = Ranking(r["total"], [url_key(u) for u in r["urls"]], r["titles"])
                browser.close()
            query_s = time.perf_counter() - started
        finally:
            server.shutdown()
            server.server_close()
        size = sum(f.stat().st_size for f in (work / "pagefind").rglob("*") if f.is_file())
        return rankings, {"index_s": index_s, "query_s": query_s, "index_bytes": size}
    finally:
        shutil.rmtree(work, ignore_errors=True)


# ---------------------------------------------------------------------------------------
# Metrics
# ---------------------------------------------------------------------------------------

def score(ranking: Ranking, relevant: dict[str, int]) -> dict:
    """One query's figures for one engine (the success/MRR/nDCG ones None without an answer)."""
    seen: set[str] = set()
    grades = []
    for key in ranking.keys[:K]:
        grades.append(relevant.get(key, 0) if key is not None and key not in seen else 0)
        if key is not None:
            seen.add(key)
    first = next((i + 1 for i, g in enumerate(grades) if g >= 1), None)
    out = {"total": ranking.total, "zero": ranking.total == 0, "first_relevant": first,
           "top_grade3": bool(grades) and grades[0] == 3}
    if not relevant:
        return out | {"s1": None, "s10": None, "rr": None, "ndcg": None}
    dcg = sum((2 ** g - 1) / math.log2(i + 2) for i, g in enumerate(grades))
    ideal = sum((2 ** g - 1) / math.log2(i + 2) for i, g in enumerate(sorted(relevant.values(), reverse=True)[:K]))
    return out | {"s1": first == 1, "s10": first is not None, "rr": 1 / first if first else 0.0,
                  "ndcg": dcg / ideal}


def summarize(rows: list[dict]) -> dict:
    """Figures of a group of queries (``rows``: score() of each) for one engine."""
    answered = [r for r in rows if r["ndcg"] is not None]
    unanswerable = [r for r in rows if r["ndcg"] is None]

    def mean(name):
        return sum(float(r[name]) for r in answered) / len(answered) if answered else None
    return {"n": len(rows), "answerable": len(answered), "zero_rate": mean("zero"), "s1": mean("s1"),
            "s10": mean("s10"), "mrr": mean("rr"), "ndcg": mean("ndcg"),
            "no_answer": len(unanswerable), "no_answer_with_results": sum(1 for r in unanswerable if not r["zero"])}


# ---------------------------------------------------------------------------------------
# Report
# ---------------------------------------------------------------------------------------

METRICS = (("zero_rate", "zero"), ("s1", "s@1"), ("s10", "s@10"), ("mrr", "MRR"), ("ndcg", "nDCG"))


def _f(value) -> str:
    return "—" if value is None else f"{value:.2f}"


OVERALL = "overall"  # issue 16's kinds: its targets are on these
PINYIN_ALL = "pinyin all"  # issue 21's kinds
EVERY = "all"


def groups(queries: list[Query]) -> list[str]:
    kinds = [k for k in KINDS if any(q.kind == k for q in queries)]
    pinyin = [k for k in PINYIN_KINDS if any(q.kind == k for q in queries)]
    others = sorted({q.kind for q in queries} - set(KINDS) - set(PINYIN_KINDS))
    return kinds + [OVERALL] + pinyin + others + ([PINYIN_ALL, EVERY] if pinyin or others else [])


def in_group(query: Query, group: str) -> bool:
    if group == OVERALL:
        return query.kind in KINDS
    if group == PINYIN_ALL:
        return query.kind in PINYIN_KINDS
    return group in (EVERY, query.kind)


def table(queries: list[Query], summary: dict, engines: list[str]) -> None:
    head = f"{'kind':<13}{'n':>4}{'ans':>4}"
    under = " " * len(head)
    for e in engines:
        head += " │ " + f"{e:^{6 * len(METRICS) - 1}}"
        under += " │ " + " ".join(f"{label:>5}" for _, label in METRICS)
    print(head)
    print(under)
    for g in groups(queries):
        first = summary[engines[0]][g]
        line = f"{g:<13}{first['n']:>4}{first['answerable']:>4}"
        for e in engines:
            line += " │ " + " ".join(f"{_f(summary[e][g][m]):>5}" for m, _ in METRICS)
        print(line)
    print("(ans: queries with an answer; zero: share of them with no result at all; s@1, s@10: share with a "
          "relevant result in the first 1 / 10; MRR; nDCG@10)")


def comparison(queries: list[Query], summary: dict) -> None:
    g, w = summary["gwsite"][OVERALL]["ndcg"], summary["whoosh"][OVERALL]["ndcg"]
    if g is None or w is None:
        return
    target = max(1 - (1 - w) / 2, w + 0.05)
    print(f"\nnDCG@10 overall (issue 16's kinds): gwsite {g:.3f}, whoosh {w:.3f}, difference {g - w:+.3f}; distance to 1.0: "
          f"gwsite {1 - g:.3f}, whoosh {1 - w:.3f}")
    print(f"target: gwsite ≥ max(1 − (1 − whoosh)/2, whoosh + 0.05) = {target:.3f}: "
          f"{'met' if g >= target else 'NOT met'}")
    for kind in [k for k in KINDS if any(q.kind == k for q in queries)]:
        gk, wk = summary["gwsite"][kind]["ndcg"], summary["whoosh"][kind]["ndcg"]
        if gk is None or wk is None:
            continue
        print(f"  {kind:<13} gwsite {gk:.3f}  whoosh {wk:.3f}  {gk - wk:+.3f}  "
              f"{'gwsite ≥ whoosh' if gk >= wk - 1e-12 else 'gwsite < whoosh'}")


def pinyin_targets(queries: list[Query], summary: dict, scores: list[dict], chinese_scores: dict[int, dict]) -> None:
    """Issue 21's targets: success@10 ≥ 0.90 for each pinyin kind, and nDCG@10 within 0.10
    of the same queries typed in Chinese."""
    kinds = [k for k in PINYIN_KINDS if any(q.kind == k for q in queries)]
    if not kinds:
        return
    print("\nPinyin (issue 21): success@10 per kind, target ≥ 0.90")
    for kind in kinds:
        s10 = summary["gwsite"][kind]["s10"]
        print(f"  {kind:<9} gwsite {_f(s10)}  {'met' if s10 is not None and s10 >= 0.90 else 'NOT met'}")
    pairs = [i for i in chinese_scores if queries[i].relevant]
    if pairs:
        typed = sum(scores[i]["ndcg"] for i in pairs) / len(pairs)
        chinese = sum(chinese_scores[i]["ndcg"] for i in pairs) / len(pairs)
        print(f"  nDCG@10 of {len(pairs)} answerable queries: as typed {typed:.3f}, the same in Chinese {chinese:.3f}, "
              f"difference {typed - chinese:+.3f} (target within 0.10: {'met' if chinese - typed <= 0.10 else 'NOT met'})")


def exact_at_rank_one(queries: list[Query], scores: dict, engines: list[str]) -> None:
    print("\nExact titles and 发文字号: queries whose grade-3 document is at rank 1")
    for kind in ("title", "doc_number"):
        picked = [i for i, q in enumerate(queries) if q.kind == kind and 3 in q.relevant.values()]
        counts = ", ".join(f"{e} {sum(scores[e][i]['top_grade3'] for i in picked)}/{len(picked)}" for e in engines)
        print(f"  {kind:<11} {counts}")


def no_answer(queries: list[Query], summary: dict, engines: list[str]) -> None:
    group = EVERY if EVERY in summary[engines[0]] else OVERALL
    s = {e: summary[e][group] for e in engines}
    if s[engines[0]]["no_answer"]:
        print(f"\nQueries with no answer: {s[engines[0]]['no_answer']}; returned results: "
              + ", ".join(f"{e} {s[e]['no_answer_with_results']}" for e in engines))


def failures(queries: list[Query], rankings: list[Ranking], scores: list[dict], docs: dict) -> None:
    """gwsite's queries whose first relevant result is not at rank 1 (and, after, the
    queries without an answer that returned something)."""
    def title(key, shown=""):
        return docs[key][0] if key in docs else shown or "?"

    def top(q, ranking):
        for i, key in enumerate(ranking.keys[:5]):
            shown = ranking.titles[i] if i < len(ranking.titles) else ""
            grade = q.relevant.get(key, "-") if key else "-"
            print(f"    {i + 1}. [{grade}] {key or '(not judged: ' + shown + ')'}  {title(key, shown) if key else ''}")
    missed = [i for i, q in enumerate(queries) if q.relevant and scores[i]["first_relevant"] != 1]
    print(f"\ngwsite failures: {len(missed)} queries whose first relevant result is not at rank 1")
    for i in missed:
        q, r = queries[i], rankings[i]
        where = f"first relevant at {scores[i]['first_relevant']}" if scores[i]["first_relevant"] else "no relevant in the top 10"
        print(f"\n  [{q.kind}] {q.q}  — {r.total} results, {where}" + (f"  ({q.intent})" if q.intent else ""))
        top(q, r)
        best = sorted(q.relevant.items(), key=lambda kv: -kv[1])[:3]
        print("    judged best: " + "; ".join(f"[{g}] {k} {title(k)}" for k, g in best))
    extra = [i for i, q in enumerate(queries) if not q.relevant and rankings[i].total]
    if extra:
        print(f"\n  queries with no answer that returned results: {len(extra)}")
        for i in extra:
            print(f"\n  [{queries[i].kind}] {queries[i].q}  — {rankings[i].total} results")
            top(queries[i], rankings[i])


# ---------------------------------------------------------------------------------------
# The benchmark
# ---------------------------------------------------------------------------------------

def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--queries", type=Path, default=QUERIES, help=f"the judged queries (default {QUERIES})")
    parser.add_argument("--root", type=Path, default=REPO, help="the site root (default: the repository)")
    parser.add_argument("--out", type=Path, help="an existing build of --root (default: build into a temporary folder)")
    parser.add_argument("--no-pagefind", action="store_true", help="skip Pagefind")
    parser.add_argument("--pagefind", type=Path, default=PAGEFIND, help="the Pagefind binary (default: bench/node_modules')")
    parser.add_argument("--failures", action="store_true", help="print gwsite's queries not answered at rank 1")
    parser.add_argument("--json", type=Path, help="write every query's results and figures to this file")
    args = parser.parse_args()

    if not args.queries.is_file():
        sys.exit(f"{args.queries}: not found (give a judged set with --queries)")
    queries = load_queries(args.queries)
    if not queries:
        sys.exit(f"{args.queries}: no queries")
    temporary = None
    started = time.perf_counter()
    try:
        if args.out:
            out, build_s = args.out, None
        else:
            temporary = Path(tempfile.mkdtemp(prefix="gwsite-relevance-"))
            out = temporary / "public"
            build_s = build_site(args.root, out)
        docs = published_documents(args.root)
        notices = sum(1 for k in docs if not k.startswith("page:"))
        print(f"{len(queries)} queries from {args.queries}; {notices} published notices and {len(docs) - notices} free pages")
        unknown = sorted({k for q in queries for k in q.relevant if k not in docs})
        if unknown:
            print(f"warning: {len(unknown)} judged keys are no published document (scored as never found): "
                  + ", ".join(unknown[:10]) + (" …" if len(unknown) > 10 else ""))

        rankings: dict[str, list[Ranking]] = {}
        timing: dict[str, dict] = {}
        t = time.perf_counter()
        rankings["gwsite"] = [gwsite_ranking(out, q.q) for q in queries]
        timing["gwsite"] = {"query_s": time.perf_counter() - t}
        chinese_rankings = {i: gwsite_ranking(out, q.chinese) for i, q in enumerate(queries)
                            if q.kind in PINYIN_KINDS and q.chinese}
        t = time.perf_counter()
        rank = whoosh_engine(docs)
        timing["whoosh"] = {"index_s": time.perf_counter() - t}
        t = time.perf_counter()
        rankings["whoosh"] = [rank(q.q) for q in queries]
        timing["whoosh"]["query_s"] = time.perf_counter() - t
        if args.no_pagefind:
            print("pagefind: skipped (--no-pagefind)")
        else:
            try:
                found, timing["pagefind"] = pagefind_rankings(out, [q.q for q in queries], args.pagefind)
                rankings["pagefind"] = [found[q.q] for q in queries]
            except Exception as exc:  # noqa: BLE001 — any failure: say why, go on without it
                print(f"pagefind: not run — {type(exc).__name__}: {exc}")
    finally:
        if temporary:
            shutil.rmtree(temporary, ignore_errors=True)

    engines = list(rankings)
    scores = {e: [score(r, q.relevant) for r, q in zip(rankings[e], queries)] for e in engines}
    summary = {e: {g: summarize([s for s, q in zip(scores[e], queries) if in_group(q, g)])
                   for g in groups(queries)} for e in engines}
    chinese_scores = {i: score(chinese_rankings[i], q.relevant) for i, q in enumerate(queries) if i in chinese_rankings}
    for e in engines:
        t = timing[e]
        extra = f", index {t['index_s']:.1f} s" if "index_s" in t else ""
        extra += f" ({t['index_bytes'] / 1e6:.1f} MB)" if "index_bytes" in t else ""
        print(f"{e}: {len(queries)} queries in {t['query_s']:.1f} s{extra}")
    print()
    table(queries, summary, engines)
    comparison(queries, summary)
    pinyin_targets(queries, summary, scores["gwsite"], chinese_scores)
    exact_at_rank_one(queries, scores, engines)
    no_answer(queries, summary, engines)
    if args.failures:
        failures(queries, rankings["gwsite"], scores["gwsite"], docs)
    print(f"\nwhole run {time.perf_counter() - started:.1f} s" + (f" (build {build_s:.1f} s)" if build_s else ""))
    if args.json:
        per_query = [{"q": q.q, "kind": q.kind, "intent": q.intent, "relevant": q.relevant,
                      "engines": {e: {"total": rankings[e][i].total, "keys": rankings[e][i].keys,
                                      "titles": rankings[e][i].titles, **scores[e][i]} for e in engines}}
                     for i, q in enumerate(queries)]
        args.json.write_text(json.dumps({"queries": per_query, "summary": summary, "timing": timing},
                                        ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        print(f"per-query results written to {args.json}")


if __name__ == "__main__":
    main()
