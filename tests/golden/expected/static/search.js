/* Offline search for search.html: reads the prebuilt index under search/ through classic
   <script> tags (fetch, XHR and modules are blocked on file://) and only the parts a query
   needs.  The normalisation, the grams and the ranking are those of gwsite/search.py, line
   for line; `gwsite search` answers from the same files in the same order.  Plain
   JavaScript, no network, no innerHTML with user text. */
(function () {
  "use strict";

  var PAGE_SIZE = 10;
  var MAX_GRAMS = 8; // lists one term may load (gwsite/search.py)
  var BATCH = 32; // at most this many candidates are checked against their text at once

  // ---- normalisation and tokenisation (twin of gwsite/search.py) -------------------------
  var BRACKETS = { "〔": "(", "〕": ")", "【": "(", "】": ")", "〖": "(", "〗": ")", "[": "(", "]": ")" };
  var BRACKET_RE = /[〔〕【】〖〗\[\]]/g;
  var INVISIBLE_RE = /[\u00ad\u200b\u200c\u200d\u2060\ufeff]/g;
  var SPACES_RE = /[\t\n\x0b\x0c\r \x1c-\x1f\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/g;
  var ASCII_ALNUM_RE = /[0-9a-z]/;

  function normalize(text) {
    text = text.normalize("NFKC").toLowerCase().replace(INVISIBLE_RE, "")
      .replace(BRACKET_RE, function (c) { return BRACKETS[c]; });
    return text.replace(SPACES_RE, " ").replace(/^ | $/g, "");
  }

  // As search.EDGE_PUNCTUATION and search._TERM_BREAK.
  var EDGE_RE = /^[，。、；：？！…·“”‘’《》「」『』〈〉"'!?,;:.]+|[，。、；：？！…·“”‘’《》「」『』〈〉"'!?,;:.]+$/g;
  var TERM_BREAK_RE = /[ 、。;!?]|(?<!\d),|,(?!\d)/;

  function queryTerms(query) {
    var seen = {}, out = [];
    normalize(query).split(TERM_BREAK_RE).forEach(function (t) {
      t = t.replace(EDGE_RE, "");
      if (t && !seen[t]) { seen[t] = true; out.push(t); }
    });
    return out;
  }

  function chars(text) { return Array.from(text); } // code points, as Python sees a str

  function isGram(text) {
    var n = chars(text).length;
    return n === 1 || n === 2 || ((n === 3 || n === 4) && ASCII_ALNUM_RE.test(text));
  }

  function plan(term) {
    if (isGram(term)) return { grams: [term], exact: true };
    var c = chars(term), size = c.length, out = [], i = 0;
    for (;;) {
      var n = 2;
      for (var k = 4; k > 2; k--) {
        if (i + k <= size && isGram(c.slice(i, i + k).join(""))) { n = k; break; }
      }
      var gram = c.slice(i, i + n).join("");
      if (out.indexOf(gram) < 0) out.push(gram);
      if (i + n >= size) break;
      i += n - 1;
    }
    if (out.length > MAX_GRAMS) { // a long term: any spread of its windows finds its candidates
      var all = out;
      out = [];
      for (var j = 0; j < MAX_GRAMS; j++) out.push(all[Math.floor(j * (all.length - 1) / (MAX_GRAMS - 1))]);
    }
    return { grams: out, exact: false };
  }

  function shardOf(key, shards) { // FNV-1a (32-bit) over code points
    var h = 0x811c9dc5;
    for (var ch of key) {
      h ^= ch.codePointAt(0);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    return h % shards;
  }

  // ---- loading index files ----------------------------------------------------------------
  var store = { m: {}, t: {}, d: {}, f: {} };
  var waiting = {};
  var loaded = []; // paths of the index files this page has loaded, for the bench
  var base = "search/";

  function add(args) { store[args[0]][args[1]] = args[2]; }

  function load(kind, number) {
    var key = kind + number;
    if (Object.prototype.hasOwnProperty.call(store[kind], number)) return Promise.resolve(store[kind][number]);
    if (!waiting[key]) {
      waiting[key] = new Promise(function (resolve, reject) {
        var path = base + (kind === "m" ? "meta.js" : kind + "/" + number + ".js");
        var script = document.createElement("script");
        script.src = path;
        script.async = true;
        script.onload = function () {
          script.remove();
          loaded.push(path);
          if (Object.prototype.hasOwnProperty.call(store[kind], number)) resolve(store[kind][number]);
          else reject(new Error(path + " did not register"));
        };
        script.onerror = function () { script.remove(); delete waiting[key]; reject(new Error(path + " could not be loaded")); };
        document.head.appendChild(script);
      });
    }
    return waiting[key];
  }

  // ---- document sets as bitsets -----------------------------------------------------------
  function Bits(n) { this.n = n; this.w = new Uint32Array((n + 31) >>> 5); }
  Bits.prototype.has = function (d) { return (this.w[d >>> 5] >>> (d & 31)) & 1; };
  Bits.prototype.and = function (o) { var r = new Bits(this.n); for (var i = 0; i < r.w.length; i++) r.w[i] = this.w[i] & o.w[i]; return r; };
  Bits.prototype.or = function (o) { var r = new Bits(this.n); for (var i = 0; i < r.w.length; i++) r.w[i] = this.w[i] | o.w[i]; return r; };
  Bits.prototype.andNot = function (o) { var r = new Bits(this.n); for (var i = 0; i < r.w.length; i++) r.w[i] = this.w[i] & ~o.w[i]; return r; };
  Bits.prototype.count = function () {
    var c = 0;
    for (var i = 0; i < this.w.length; i++) { var v = this.w[i]; v -= (v >>> 1) & 0x55555555; v = (v & 0x33333333) + ((v >>> 2) & 0x33333333); c += Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24; }
    return c;
  };
  Bits.prototype.each = function (fn, from) { // from `from` up, in order, until fn returns false
    from = from || 0;
    for (var i = from >>> 5; i < this.w.length; i++) {
      var v = i === from >>> 5 ? (this.w[i] & (~0 << (from & 31))) >>> 0 : this.w[i];
      while (v) {
        var low = v & -v, bit = 31 - Math.clz32(low);
        if (fn((i << 5) + bit) === false) return;
        v = (v ^ low) >>> 0;
      }
    }
  };
  function range(n, first, last) {
    var r = new Bits(n);
    for (var d = first; d <= last; d++) r.w[d >>> 5] |= 1 << (d & 31);
    return r;
  }

  // A stored list: JSON array of gaps, or base64 bitmap (see _encode), of storage numbers
  // (oldest first); as Bits of ranks (newest first): rank = n - 1 - storage number.
  function decode(value, n) {
    var r = new Bits(n), last = n - 1;
    if (!value) return r;
    if (typeof value === "string") {
      var bytes = atob(value);
      for (var i = 0; i < bytes.length; i++) {
        var b = bytes.charCodeAt(i);
        while (b) {
          var low = b & -b, d = (i << 3) + 31 - Math.clz32(low), rank = last - d;
          r.w[rank >>> 5] |= 1 << (rank & 31);
          b ^= low;
        }
      }
    } else {
      var s = 0;
      for (var j = 0; j < value.length; j++) { s += value[j]; var k = last - s; r.w[k >>> 5] |= 1 << (k & 31); }
    }
    return r;
  }

  // ---- the query --------------------------------------------------------------------------
  function fieldTexts(rec, meta) {
    var org = rec[4] >= 0 ? meta.orgs[rec[4]][1] : "";
    var other = [rec[10], org].concat(rec[5].map(function (d) { return meta.domains[d]; }), [rec[8]], rec[9]).join(" ");
    return [normalize(rec[1]), normalize(rec[6] + " " + rec[7]), normalize(other)];
  }

  function tierOf(rec, meta, terms) {
    var f = fieldTexts(rec, meta);
    function inside(t, n) { for (var i = 0; i < n; i++) if (f[i].indexOf(t) >= 0) return true; return false; }
    if (terms.every(function (t) { return inside(t, 1); })) return 0;
    if (terms.every(function (t) { return inside(t, 2); })) return 1;
    if (terms.every(function (t) { return inside(t, 3); })) return 2;
    return null;
  }

  function storage(meta, number) { return meta.docs - 1 - number; } // rank -> place in d/ shards
  function record(meta, number) {
    var s = storage(meta, number);
    return store.d[Math.floor(s / meta.per_doc_shard)][s % meta.per_doc_shard];
  }

  function loadRecords(meta, numbers) {
    var shards = {};
    numbers.forEach(function (d) { shards[Math.floor(storage(meta, d) / meta.per_doc_shard)] = true; });
    return Promise.all(Object.keys(shards).map(function (s) { return load("d", Number(s)); }));
  }

  // A Search holds one query's candidates and ranks them lazily: hits(k) resolves to the
  // first k hits in the order of `gwsite search`.
  function Search(meta, params) {
    this.meta = meta;
    this.params = params;
    this.terms = queryTerms(params.q || "");
  }

  Search.prototype.prepare = function () {
    var self = this, meta = this.meta, n = meta.docs, terms = this.terms;
    var plans = terms.map(plan);
    var shardNumbers = {};
    plans.forEach(function (p) { p.grams.forEach(function (g) { shardNumbers[shardOf(g, meta.shards)] = true; }); });
    var filters = [];
    if (this.params.org) filters.push(["org", this.params.org]);
    if (this.params.domain) filters.push(["domain", this.params.domain]);
    var filterNumbers = filters.map(function (f) {
      for (var i = 0; i < meta.filters.length; i++) if (meta.filters[i][0] === f[0] && meta.filters[i][1] === f[1]) return i;
      return -1;
    });
    var loads = Object.keys(shardNumbers).map(function (s) { return load("t", Number(s)); })
      .concat(filterNumbers.filter(function (i) { return i >= 0; }).map(function (i) { return load("f", i); }));
    return Promise.all(loads).then(function () {
      var candidates = null, inTitle = null, inHead = null;
      self.exact = true;
      plans.forEach(function (p) {
        self.exact = self.exact && p.exact;
        var every = null, title = null, numbers = null;
        p.grams.forEach(function (g) {
          var entry = store.t[shardOf(g, meta.shards)][g] || [[]];
          var e = decode(entry[0], n), t = decode(entry[1], n), m = decode(entry[2], n);
          every = every ? every.and(e) : e;
          title = title ? title.and(t) : t;
          numbers = numbers ? numbers.and(m) : m;
        });
        candidates = candidates ? candidates.and(every) : every;
        inTitle = inTitle ? inTitle.and(title) : title;
        var head = title.or(numbers);
        inHead = inHead ? inHead.and(head) : head;
      });
      filterNumbers.forEach(function (i) { candidates = candidates.and(i >= 0 ? decode(store.f[i], n) : new Bits(n)); });
      if (self.params.year) {
        var span = meta.years.filter(function (y) { return String(y[0]) === String(self.params.year); })[0];
        candidates = candidates.and(span ? range(n, span[1], span[2]) : new Bits(n));
      }
      self.candidates = candidates;
      // Provisional tiers: exact when every term is a gram, else a lower bound.
      self.tiers = [candidates.and(inTitle), candidates.and(inHead).andNot(inTitle), candidates.andNot(inHead)];
      self.emitted = [];
      self.cursor = { tier: 0, after: -1 };
      self.pending = []; // checked hits whose rank is not yet certain: keys tier * n + number
      self.checked = 0;
      self.found = 0;
      self.done = false;
      if (self.exact) self.total = candidates.count();
    });
  };

  // The next `count` candidates in provisional order, advancing the cursor.
  Search.prototype.take = function (count) {
    var out = [], cur = this.cursor;
    while (out.length < count && cur.tier < 3) {
      var after = cur.after;
      this.tiers[cur.tier].each(function (d) {
        out.push([cur.tier, d]);
        return out.length < count;
      }, after + 1);
      if (out.length < count) { cur.tier += 1; cur.after = -1; } else cur.after = out[out.length - 1][1];
    }
    return out;
  };

  Search.prototype.nextKey = function () {
    var cur = this.cursor, n = this.meta.docs;
    for (var t = cur.tier; t < 3; t++) {
      var key = null, after = t === cur.tier ? cur.after : -1;
      this.tiers[t].each(function (d) { key = t * n + d; return false; }, after + 1);
      if (key !== null) return key;
    }
    return Infinity;
  };

  Search.prototype.hits = function (want) {
    var self = this, n = this.meta.docs;
    if (this.exact) {
      while (this.emitted.length < want) {
        var batch = this.take(want - this.emitted.length);
        if (!batch.length) break;
        batch.forEach(function (c) { self.emitted.push(c[1]); });
      }
      return Promise.resolve(this.emitted.slice(0, want));
    }
    if (this.done || this.emitted.length >= want) return Promise.resolve(this.emitted.slice(0, want));
    // Check about as many candidates as hits are still wanted: most pass, and each may
    // load a document shard that the result list then needs anyway.
    var batch = this.take(Math.min(BATCH, Math.max(4, want - this.emitted.length)));
    return loadRecords(this.meta, batch.map(function (c) { return c[1]; })).then(function () {
      batch.forEach(function (c) {
        var tier = tierOf(record(self.meta, c[1]), self.meta, self.terms);
        self.checked += 1;
        if (tier !== null) { self.found += 1; self.pending.push(tier * n + c[1]); }
      });
      self.pending.sort(function (a, b) { return a - b; });
      var next = self.nextKey();
      while (self.pending.length && self.pending[0] < next) self.emitted.push(self.pending.shift() % n);
      if (next === Infinity) { self.done = true; self.total = self.emitted.length; }
      return self.hits(want);
    });
  };

  // Total hits: exact when known, else estimated from the share of candidates that held.
  Search.prototype.count = function () {
    if (this.total !== undefined) return { total: this.total, exact: true };
    var all = this.candidates.count();
    return { total: Math.max(this.emitted.length, Math.round(all * this.found / Math.max(1, this.checked))), exact: false };
  };

  function search(params) {
    return load("m", 0).then(function (meta) {
      var s = new Search(meta, params);
      if (!s.terms.length) return { search: s, meta: meta, hits: [], total: 0, exact: true };
      var page = Math.max(1, parseInt(params.page, 10) || 1);
      return s.prepare().then(function () { return s.hits(page * PAGE_SIZE + 1); }).then(function (numbers) {
        return loadRecords(meta, numbers).then(function () {
          var c = s.count();
          return {
            search: s, meta: meta, page: page, total: c.total, exact: c.exact,
            more: numbers.length > page * PAGE_SIZE,
            hits: numbers.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE).map(function (d) { return record(meta, d); })
          };
        });
      });
    });
  }

  // ---- excerpts ---------------------------------------------------------------------------
  // Normalise character by character, remembering where each normalised character came
  // from, so that a match found in normalised text can be marked in the original.
  function mapped(text) {
    var out = "", from = [], c = chars(text), at = 0;
    for (var i = 0; i < c.length; i++) {
      var piece = normalize(c[i]);
      if (piece === "" && SPACES_RE.test(c[i])) piece = " ";
      SPACES_RE.lastIndex = 0;
      if (piece === " " && (out === "" || out.charAt(out.length - 1) === " ")) piece = "";
      for (var k = 0; k < piece.length; k++) from.push(at);
      out += piece;
      at += c[i].length;
    }
    from.push(at);
    return { text: out, from: from };
  }

  function excerpt(body, terms, width) {
    var m = mapped(body), first = -1;
    terms.forEach(function (t) {
      var i = m.text.indexOf(t);
      if (i >= 0 && (first < 0 || i < first)) first = i;
    });
    var start = first < 0 ? 0 : Math.max(0, m.from[first] - Math.floor(width / 3));
    var end = Math.min(body.length, start + width);
    var marks = [];
    terms.forEach(function (t) {
      for (var i = m.text.indexOf(t); i >= 0; i = m.text.indexOf(t, i + t.length)) {
        var s = m.from[i], e = m.from[i + t.length];
        if (s >= start && e <= end) marks.push([s, e]);
      }
    });
    marks.sort(function (a, b) { return a[0] - b[0] || b[1] - a[1]; });
    var parts = [], pos = start;
    marks.forEach(function (mk) {
      if (mk[0] < pos) return; // overlaps the previous mark
      parts.push([body.slice(pos, mk[0]), false], [body.slice(mk[0], mk[1]), true]);
      pos = mk[1];
    });
    parts.push([body.slice(pos, end), false]);
    if (start > 0) parts.unshift(["…", false]);
    if (end < body.length) parts.push(["…", false]);
    return parts;
  }

  function appendMarked(el, parts) {
    parts.forEach(function (p) {
      if (!p[0]) return;
      if (p[1]) { var mark = document.createElement("mark"); mark.textContent = p[0]; el.appendChild(mark); }
      else el.appendChild(document.createTextNode(p[0]));
    });
  }

  // ---- the page -----------------------------------------------------------------------------
  function paramsFromUrl() {
    var u = new URLSearchParams(window.location.search);
    return { q: u.get("q") || "", org: u.get("org") || "", domain: u.get("domain") || "",
             year: u.get("year") || "", page: u.get("page") || "1" };
  }

  function pageUrl(params, page) {
    var u = new URLSearchParams();
    u.set("q", params.q);
    ["org", "domain", "year"].forEach(function (k) { if (params[k]) u.set(k, params[k]); });
    if (page > 1) u.set("page", String(page));
    return "search.html?" + u.toString();
  }

  // A notice's path as a link: "#", "?" and "%" in a file name ("3#楼安置公示") are part
  // of the name, not a fragment, a query or an escape.
  function pathUrl(path) {
    return encodeURI(path).replace(/#/g, "%23").replace(/\?/g, "%3F");
  }

  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (text !== undefined) e.textContent = text;
    return e;
  }

  function render(results, params, out, status) {
    out.textContent = "";
    var terms = queryTerms(params.q);
    if (!terms.length) { status.textContent = "请输入关键词，可以是标题、发文字号、索引号或正文中的文字。"; return; }
    var first = (results.page - 1) * PAGE_SIZE;
    if (!results.hits.length) {
      status.textContent = results.page > 1 ? "没有更多结果。" : "没有找到包含“" + params.q + "”的公开信息。";
      return;
    }
    status.textContent = (results.exact ? "找到 " : "找到约 ") + results.total + " 条结果，当前显示第 " +
      (first + 1) + "–" + (first + results.hits.length) + " 条。";
    var list = el("ol", { "class": "search-hits", start: String(first + 1) });
    results.hits.forEach(function (rec) {
      var li = el("li", { "class": "search-hit" });
      var h = el("h2", { "class": "search-hit-title" });
      var a = el("a", { href: pathUrl(rec[2]) });
      appendMarked(a, excerpt(rec[1], terms, 1000));
      h.appendChild(a);
      li.appendChild(h);
      var org = rec[4] >= 0 ? results.meta.orgs[rec[4]][1] : "";
      var meta = el("p", { "class": "search-hit-meta" });
      meta.appendChild(el("span", {}, org));
      meta.appendChild(document.createTextNode(" · "));
      meta.appendChild(el("time", { datetime: rec[3] }, rec[3]));
      if (rec[6]) { meta.appendChild(document.createTextNode(" · ")); meta.appendChild(el("span", {}, rec[6])); }
      li.appendChild(meta);
      var p = el("p", { "class": "search-hit-excerpt" });
      appendMarked(p, excerpt(rec[10], terms, 120));
      li.appendChild(p);
      list.appendChild(li);
    });
    out.appendChild(list);
    if (results.page > 1 || results.more) {
      var nav = el("nav", { "class": "pagination", "aria-label": "搜索结果分页" });
      var ul = el("ul");
      if (results.page > 1) {
        var li1 = el("li");
        li1.appendChild(el("a", { href: pageUrl(params, results.page - 1), rel: "prev" }, "上一页"));
        ul.appendChild(li1);
      }
      var cur = el("li");
      cur.appendChild(el("span", { "aria-current": "page" }, "第 " + results.page + " 页"));
      ul.appendChild(cur);
      if (results.more) {
        var li2 = el("li");
        li2.appendChild(el("a", { href: pageUrl(params, results.page + 1), rel: "next" }, "下一页"));
        ul.appendChild(li2);
      }
      nav.appendChild(ul);
      out.appendChild(nav);
    }
  }

  function start() {
    var out = document.getElementById("results");
    var status = document.getElementById("search-status");
    if (!out || !status) return;
    if (out.getAttribute("data-index")) base = out.getAttribute("data-index").replace(/meta\.js$/, "");
    var params = paramsFromUrl();
    var form = document.getElementById("search-form");
    ["q", "org", "domain", "year"].forEach(function (k) {
      var field = form && form.elements[k];
      if (field && params[k]) field.value = params[k];
    });
    if (params.q) document.title = params.q + " - " + document.title;
    out.setAttribute("aria-busy", "true");
    if (queryTerms(params.q).length) status.textContent = "正在搜索…";
    var started = performance.now();
    search(params).then(function (results) {
      render(results, params, out, status);
      api.lastMs = performance.now() - started; // the search, from the query to results shown
      api.doneAt = performance.now(); // the same, counted from the start of navigation
    }, function (err) {
      status.textContent = "搜索索引无法读取（" + err.message + "）。请按标准目录或最新公开浏览。";
    }).then(function () {
      out.setAttribute("aria-busy", "false");
      out.setAttribute("data-state", "done"); // for tests and the bench
    });
  }

  var api = window.gwsiteSearch = {
    add: add, search: search, normalize: normalize, queryTerms: queryTerms, isGram: isGram,
    plan: plan, shardOf: shardOf, excerpt: excerpt, loaded: loaded, lastMs: null, doneAt: null
  };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
