/* Offline search for search.html: reads the prebuilt index under search/ through classic
   <script> tags (fetch, XHR and modules are blocked on file://) and only the parts a query
   needs.  The normalisation, the grams and the ranking are those of gwsite/search.py, line
   for line; `gwsite search` answers from the same files in the same order.  Plain
   JavaScript, no network, no innerHTML with user text. */
(function () {
  "use strict";

  var PAGE_SIZE = 10;
  var MAX_GRAMS = 8; // lists one term may load (gwsite/search.py)

  // ---- normalisation (twin of gwsite/query.py) --------------------------------------------
  var BRACKETS = { "〔": "(", "〕": ")", "【": "(", "】": ")", "〖": "(", "〗": ")", "[": "(", "]": ")" };
  var BRACKET_RE = /[〔〕【】〖〗\[\]]/g;
  var INVISIBLE_RE = /[\u00ad\u200b\u200c\u200d\u2060\ufeff]/g;
  var SPACES_RE = /[\t\n\x0b\x0c\r \x1c-\x1f\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/g;
  var ASCII_ALNUM_RE = /[0-9a-z]/;
  var lexicon = null; // search/lexicon.js, once loaded: see useLexicon

  function fold(text) { // traditional characters to simplified (query.Folding)
    if (!lexicon || !lexicon.t2sRe.test(text)) return text;
    return chars(text).map(function (c) { return lexicon.t2s[c] || c; }).join("");
  }

  function normalize(text) {
    text = text.normalize("NFKC").toLowerCase().replace(INVISIBLE_RE, "")
      .replace(BRACKET_RE, function (c) { return BRACKETS[c]; });
    return fold(text).replace(SPACES_RE, " ").replace(/^ | $/g, "");
  }

  // As query.EDGE_PUNCTUATION and query._TERM_BREAK.
  var EDGE = "，。、；：？！…·“”‘’《》「」『』〈〉\"'!?,;:.";
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

  // ---- reading a query (twin of gwsite/query.py: parse) -------------------------------------
  var FILLERS = "什么时候 为什么 去哪里 在哪里 多少钱 怎么办 怎么样 是不是 有哪些 有没有 能不能 一下 什么 关于 去哪 可以 哪个 哪些 哪儿 哪里 在哪 多少 如何 怎么 怎样 想要 我们 我想 我要 能否 请问 需要 么 了 吗 吧 呢 啊 想 我 是 的 要".split(" ");
  var ANSWER_KINDS = {"怎么": "指南 流程 办法 申请", "怎样": "指南 流程 办法 申请", "如何": "指南 流程 办法 申请", "怎么办": "指南 流程 办法 申请", "多少": "标准 金额", "多少钱": "标准 金额 收费", "什么时候": "时间 日期 时限", "哪里": "地址 地点 窗口 名录", "在哪": "地址 地点 窗口 名录", "在哪里": "地址 地点 窗口 名录", "去哪": "地址 地点 窗口 名录", "去哪里": "地址 地点 窗口 名录", "哪些": "条件 范围 材料 名单", "有哪些": "条件 范围 材料 名单", "什么": "条件 材料 范围"};
  var DOC_KIND = "发字函令办规复通告呈报电便预";
  var UNITS = "年月日号元岁人户个万亿名项次天届期批";
  var QUOTED_RE = /["“”]([^"“”]*)["“”]/g;
  var DOC_NUMBER_RE = new RegExp("([\u3400-\u9fff]{0,6}?)([\u3400-\u9fff]{2})? ?(?:\\( ?((?:19|20)[0-9][0-9]) ?\\)|((?:19|20)[0-9][0-9]) ?年?) ?第? ?([0-9]{1,5})(?![0-9.%]) ?(号)?", "g");
  var ALNUM_RUN_RE = /[0-9a-z](?:[0-9a-z.\/:\-]*[0-9a-z])?/y;
  var NUMBER_RE = /^(?=[^0-9]*[0-9])[0-9a-z.\/:\-]{8,}$/; // query._NUMBER
  var STRIP_RE = /^[()\/\-.:]+|[()\/\-.:]+$/g;

  function useLexicon(data) {
    var keys = chars(data.t2s[0]), values = chars(data.t2s[1]), t2s = {};
    keys.forEach(function (k, i) { t2s[k] = values[i]; });
    var groupOf = {}, words = {}, longest = 1;
    data.groups.forEach(function (g, i) { g.forEach(function (f) { groupOf[f] = i; }); });
    var byLength = {};
    var forms = [];
    data.groups.forEach(function (g) { forms = forms.concat(g); });
    data.words.split(" ").concat(forms).forEach(function (w) {
      if (!w) return;
      if (has(words, w)) return;
      var size = chars(w).length;
      words[w] = true;
      longest = Math.max(longest, size);
      (byLength[size] = byLength[size] || []).push(w);
    });
    Object.keys(byLength).forEach(function (k) { byLength[k].sort(codePointOrder); });
    var esc = keys.map(function (k) { return k.replace(/[\\\]\[^-]/g, "\\$&"); }).join("");
    lexicon = { t2s: t2s, t2sRe: new RegExp("[" + (esc || "\\u0000") + "]", "u"), groups: data.groups,
                groupOf: groupOf, words: words, longest: longest, byLength: byLength };
  }

  function has(obj, key) { return Object.prototype.hasOwnProperty.call(obj, key); }
  function isFiller(w) { return FILLERS.indexOf(w) >= 0; }

  function segment(chunk) {
    var c = chars(chunk), n = c.length, out = [], unknown = [], i = 0;
    while (i < n) {
      ALNUM_RUN_RE.lastIndex = c.slice(0, i).join("").length;
      var run = ALNUM_RUN_RE.exec(chunk);
      if (run) {
        var end = i + chars(run[0]).length;
        if (end < n && UNITS.indexOf(c[end]) >= 0) end += 1;
        flush(out, unknown); unknown = [];
        out.push([c.slice(i, end).join(""), false]);
        i = end;
        continue;
      }
      var size = 0;
      for (var k = Math.min(lexicon.longest, n - i); k > 1; k--) {
        var w = c.slice(i, i + k).join("");
        if (has(lexicon.words, w) || isFiller(w)) { size = k; break; }
      }
      if (size === 0 && isFiller(c[i])) size = 1;
      if (size) {
        flush(out, unknown); unknown = [];
        out.push([c.slice(i, i + size).join(""), true]);
        i += size;
      } else {
        unknown.push(c[i]);
        i += 1;
      }
    }
    flush(out, unknown);
    return out;
  }

  function groupOr(word, fallback) { return has(lexicon.groupOf, word) ? lexicon.groupOf[word] : fallback; }
  function namesOf(word) { // Lexicon.names: its abbreviation-table entry, or the word alone
    return has(lexicon.groupOf, word) ? lexicon.groups[lexicon.groupOf[word]] : [word];
  }

  function splitCompounds(pieces) { // query.split_compounds
    var out = [];
    pieces.forEach(function (sp) {
      var c = chars(sp[0]);
      if (sp[1] && has(lexicon.groupOf, sp[0]) && c.length >= 4) {
        var own = lexicon.groupOf[sp[0]];
        for (var k = 2; k < c.length - 1; k++) {
          var head = c.slice(0, k).join(""), tail = c.slice(k).join("");
          if (has(lexicon.words, head) && has(lexicon.words, tail) &&
              groupOr(head, -1) !== own && groupOr(tail, -1) !== own &&
              (has(lexicon.groupOf, head) || has(lexicon.groupOf, tail))) {
            out.push([head, true], [tail, true]);
            return;
          }
        }
      }
      out.push(sp);
    });
    return out;
  }

  function flush(out, unknown) { // query._flush
    var u = chars(unknown.join("").replace(STRIP_RE, ""));
    if (!u.length) return;
    if (u.length <= 3) { out.push([u.join(""), false]); return; }
    var cut = [];
    for (var s = 0; s < u.length; s += 2) cut.push(s);
    if (u.length % 2) cut.pop();
    cut.forEach(function (start, j) {
      var end = j + 1 < cut.length ? cut[j + 1] : u.length;
      out.push([u.slice(start, end).join(""), false]);
    });
  }

  function formsOf(piece, group) { // query._forms
    var others = group.filter(function (f) { return f !== piece; });
    var all = [piece].concat(others);
    var kept = others.filter(function (f) {
      return !all.some(function (o) { return o !== f && f.indexOf(o) >= 0; });
    });
    return [piece].concat(kept);
  }

  function parse(query) {
    var text = normalize(query), parts = [], phrases = [], hints = [];
    text = text.replace(QUOTED_RE, function (m, inner) {
      queryTerms(inner).forEach(function (t) { parts.push({ forms: [t], kind: "exact" }); });
      return " ";
    });
    text = text.replace(DOC_NUMBER_RE, function (m, before, head, bracketed, bare, serial, hao) {
      var kind = head && DOC_KIND.indexOf(chars(head)[1]) >= 0 ? head : "";
      if (!(bracketed || hao || kind)) return m;
      parts.push({ forms: [kind + "(" + (bracketed || bare) + ")" + parseInt(serial, 10) + "号"], kind: "number" });
      if (!kind) return before + (head || "") + " ";
      return chars(before).length > 1 ? before + " " : " "; // query._doc_number
    });
    text.split(TERM_BREAK_RE).forEach(function (chunk) {
      chunk = chunk.replace(EDGE_RE, "");
      if (!chunk) return;
      var start = parts.length, runStart = start, pieces = [], fillers = false;
      splitCompounds(segment(chunk)).forEach(function (sp) {
        var piece = sp[0];
        if (isFiller(piece)) {
          addPhrase(phrases, pieces, runStart, parts.length - 1);
          runStart = parts.length; pieces = []; fillers = true;
          if (has(ANSWER_KINDS, piece)) hints.push({ forms: ANSWER_KINDS[piece].split(" "), kind: "hint" });
          return;
        }
        pieces.push(piece);
        var group = sp[1] && has(lexicon.groupOf, piece) ? lexicon.groups[lexicon.groupOf[piece]] : null;
        parts.push({ forms: group ? formsOf(piece, group) : [piece], kind: !sp[1] && NUMBER_RE.test(piece) ? "code" : "word" });
      });
      addPhrase(phrases, pieces, runStart, parts.length - 1);
      if (fillers && parts.length - start > 1) phrases.push({ text: chunk.split(" ").join(""), first: start, last: parts.length - 1 });
    });
    var seen = {}, unique = [], renumber = [];
    parts.forEach(function (p) {
      var key = p.forms[0] + "\u0000" + p.kind;
      if (!has(seen, key)) { seen[key] = unique.length; unique.push(p); }
      renumber.push(seen[key]);
    });
    phrases = phrases.map(function (ph) { return { text: ph.text, first: renumber[ph.first], last: renumber[ph.last] }; });
    var stretches = phrases.map(function (ph) { return ph.text; })
      .concat(unique.filter(function (p) { return p.kind === "word"; }).map(function (p) { return p.forms[0]; }));
    corrections(stretches).forEach(function (word) {
      var group = has(lexicon.groupOf, word) ? lexicon.groups[lexicon.groupOf[word]] : null;
      hints.push({ forms: group ? formsOf(word, group) : [word], kind: "fix" });
    });
    hints.forEach(function (h) {
      var key = h.forms[0] + "\u0000" + h.kind;
      if (!has(seen, key)) { seen[key] = unique.length; unique.push(h); }
    });
    var out = [], seenPhrase = {};
    phrases.forEach(function (q) {
      var key = q.text + "\u0000" + q.first + "\u0000" + q.last;
      if (q.first < q.last && !has(seenPhrase, key)) { seenPhrase[key] = true; out.push(q); }
    });
    return { parts: unique, phrases: out };
  }

  var FIX_LENGTH = 3;

  function corrections(stretches) { // query.corrections
    var out = [], seen = {};
    stretches.forEach(function (stretch) {
      var size = chars(stretch).length;
      if (has(seen, stretch)) return;
      seen[stretch] = true;
      if (size < FIX_LENGTH || has(lexicon.words, stretch)) return;
      if (segment(stretch).every(function (sp) { return sp[1]; })) return; // known words only
      var c = chars(stretch);
      if (size > FIX_LENGTH && (has(lexicon.words, c.slice(1).join("")) || has(lexicon.words, c.slice(0, -1).join("")))) return;
      var near = (lexicon.byLength[size] || []).filter(function (w) { return oneApart(w, stretch); });
      if (near.length === 1 && out.indexOf(near[0]) < 0) out.push(near[0]);
    });
    return out;
  }

  function addPhrase(phrases, pieces, first, last) {
    if (last > first) phrases.push({ text: pieces.join(""), first: first, last: last });
  }

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
  var store = { m: {}, l: {}, p: {}, s: {}, t: {}, d: {}, f: {} };
  var waiting = {};
  var loaded = []; // paths of the index files this page has loaded, for the bench
  var base = "search/";

  function add(args) { store[args[0]][args[1]] = args[2]; }

  function load(kind, number) {
    var key = kind + number;
    if (Object.prototype.hasOwnProperty.call(store[kind], number)) return Promise.resolve(store[kind][number]);
    if (!waiting[key]) {
      waiting[key] = new Promise(function (resolve, reject) {
        var path = base + (kind === "m" ? "meta.js" : kind === "l" ? "lexicon.js" : kind === "p" ? "pinyin.js" :
          kind === "s" ? "sounds.js" : kind + "/" + number + ".js");
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

  // 您是不是要找 (query.suggest)
  var SUGGESTIONS = 3, FEW = 5;

  function oneApart(word, target) {
    var a = chars(word), b = chars(target), diff = [];
    for (var i = 0; i < a.length; i++) if (a[i] !== b[i]) diff.push(i);
    return diff.length === 1 && "0123456789".indexOf(a[diff[0]]) < 0 && "0123456789".indexOf(b[diff[0]]) < 0;
  }

  function suggest(query, q, missing, hits, first) {
    var text = normalize(query), targets = missing.slice();
    if (hits < FEW || q.parts.some(function (p) { return p.kind === "fix"; })) {
      var stretches = q.phrases.map(function (ph) { return ph.text; })
        .concat(q.parts.filter(function (p) { return p.kind === "word"; }).map(function (p) { return p.forms[0]; }));
      stretches.forEach(function (t) { if (chars(t).length >= FIX_LENGTH && !has(lexicon.words, t)) targets.push(t); });
    }
    var out = [], done = {};
    targets.forEach(function (target) {
      var size = chars(target).length;
      if (has(done, target) || size < 2 || text.indexOf(target) < 0) return;
      done[target] = true;
      var known = (lexicon.byLength[size] || []).concat(first.filter(function (w) { return chars(w).length === size; }));
      var near = known.filter(function (w, k) { return known.indexOf(w) === k && oneApart(w, target); });
      function tier(w) { return first.indexOf(w) >= 0 ? 0 : 1; }
      near.sort(function (a, b) {
        return tier(a) - tier(b) || (has(lexicon.groupOf, a) ? 0 : 1) - (has(lexicon.groupOf, b) ? 0 : 1) || codePointOrder(a, b);
      });
      near.forEach(function (w) {
        var i = text.indexOf(target), fixed = text.slice(0, i) + w + text.slice(i + target.length);
        if (out.indexOf(fixed) < 0) out.push(fixed);
      });
    });
    return out.slice(0, SUGGESTIONS);
  }

  var SURROGATE_RE = /[\ud800-\udfff]/;
  function codePointOrder(a, b) { // Python's str order
    // Without surrogate pairs, UTF-16 order is code point order (and much quicker).
    if (!SURROGATE_RE.test(a) && !SURROGATE_RE.test(b)) return a < b ? -1 : a > b ? 1 : 0;
    var x = chars(a), y = chars(b);
    for (var i = 0; i < Math.min(x.length, y.length); i++) {
      var d = x[i].codePointAt(0) - y[i].codePointAt(0);
      if (d) return d;
    }
    return x.length - y.length;
  }

  // ---- pinyin and suggestions (twin of gwsite/pinyin.py) ------------------------------------
  var RUN_RE = /(?<![0-9a-z\u00fc\/_\-])[a-z\u00fc]+(?:['\u2019 ][a-z\u00fc]+)*(?![0-9a-z\u00fc\/_\-])/g;
  var TOKEN_BREAK_RE = /['\u2019 ]/;
  var QUOTED_SPAN_RE = /["\u201c\u201d][^"\u201c\u201d]*["\u201c\u201d]/g;
  var LITERAL = {};
  ("pdf doc docx xls xlsx wps ofd txt rar zip jpg jpeg png gif html htm shtml www http https com cn gov org net " +
   "app wifi email ok id ppt pptx csv xml").split(" ").forEach(function (w) { LITERAL[w] = true; });
  var COMBINATIONS = 16, FILLER_HITS = 1e9, COMPLETIONS = 8, MIN_PREFIX = 2, ALTERNATIVES = 3;
  var pinyin = null; // search/pinyin.js, once loaded: see usePinyin

  var TONES = {}; // pinyin.untoned: tone marks taken off
  [["a", "āáǎà"], ["e", "ēéěè"], ["i", "īíǐì"], ["o", "ōóǒò"], ["u", "ūúǔù"], ["\u00fc", "ǖǘǚǜ"], ["n", "ńňǹ"], ["m", "ḿ"]]
    .forEach(function (pair) { chars(pair[1]).forEach(function (c) { TONES[c] = pair[0]; }); });
  function untoned(text) { return text.replace(/[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ]/g, function (c) { return TONES[c]; }); }
  function hasLetters(text) { RUN_RE.lastIndex = 0; return RUN_RE.test(text); }

  function runs(text) { // pinyin.runs: the runs of letters outside quotes
    var spans = [], found = [], m;
    QUOTED_SPAN_RE.lastIndex = 0;
    while ((m = QUOTED_SPAN_RE.exec(text))) spans.push([m.index, m.index + m[0].length]);
    RUN_RE.lastIndex = 0;
    while ((m = RUN_RE.exec(text))) {
      var startAt = m.index;
      if (!spans.some(function (s) { return s[0] <= startAt && startAt < s[1]; })) found.push(m);
    }
    return found;
  }

  function asTyped(text) { // pinyin.as_typed: each run of letters outside quotes in quotes
    var out = [], at = 0;
    runs(text).forEach(function (m) {
      out.push(text.slice(at, m.index), '"' + m[0] + '"');
      at = m.index + m[0].length;
    });
    return out.join("") + text.slice(at);
  }

  // The ways one character is typed, in full or by initials (pinyin.Reader._spellings).
  function charOptions(found, initials) {
    var opts = [];
    if (initials) {
      found.forEach(function (r) {
        opts.push(r.charAt(0));
        var two = r.slice(0, 2);
        if (two === "zh" || two === "ch" || two === "sh") opts.push(two);
      });
    } else {
      opts = found.concat(found.filter(function (r) { return r.indexOf("v") >= 0; }).map(function (r) { return r.replace(/v/g, "u"); }));
    }
    return opts.filter(function (o, k) { return opts.indexOf(o) === k; });
  }

  function spellings(word, options) { // pinyin.Reader._spellings: options[mode][char]
    var c = chars(word), each = [];
    for (var i = 0; i < c.length; i++) {
      var o = options[c[i]];
      if (!o) return [];
      each.push(o);
    }
    // itertools.product's order, the first COMBINATIONS (each prefix among the first too)
    var partial = [["", []]];
    for (var k = 0; k < each.length; k++) {
      var next = [];
      for (var a = 0; a < partial.length && next.length < COMBINATIONS; a++) {
        for (var b = 0; b < each[k].length && next.length < COMBINATIONS; b++) {
          var text = partial[a][0] + each[k][b];
          next.push([text, partial[a][1].concat([text.length])]);
        }
      }
      partial = next;
    }
    return partial;
  }

  function usePinyin(data) {
    var options = { full: {}, initials: {} }, list = data.chars ? data.readings.split(",") : [], readings = {};
    chars(data.chars).forEach(function (c, i) {
      var found = list[i].split(" ");
      readings[c] = found;
      options.full[c] = charOptions(found, false);
      options.initials[c] = charOptions(found, true);
    });
    var words = Object.keys(lexicon.words).sort(codePointOrder), hits = {}, heldBy = {};
    words.forEach(function (w, i) { hits[w] = data.hits[i]; heldBy[w] = data.held[i]; });
    var held = words.filter(function (w) { return heldBy[w] > 0; });
    var fillers = FILLERS.filter(function (f) { return chars(f).length >= 2 && !has(hits, f); }).sort(codePointOrder);
    // the site's terms (places, title words): read in full only, never suggested
    var terms = (data.terms || "").split(" ").filter(Boolean), termHeld = {};
    terms.forEach(function (t, i) { termHeld[t] = data.term_held[i]; });
    var places = {}; // vocabulary words that are only places: in full only, never suggested
    (data.places || "").split(" ").filter(Boolean).forEach(function (p) { places[p] = true; });
    terms = terms.filter(function (t) { return termHeld[t] > 0; });
    // The spellings are made a first letter at a time, when a query or a prefix needs them:
    // all of them at once cost a third of a second on a slow phone.
    var members = Object.create(null);
    held.concat(fillers, terms).forEach(function (word) {
      var first = options.full[chars(word)[0]], seen = {};
      (first || []).forEach(function (r) {
        var letter = r.charAt(0);
        if (has(seen, letter)) return;
        seen[letter] = true;
        (members[letter] = members[letter] || []).push(word);
      });
    });
    pinyin = { hits: hits, held: heldBy, termHeld: termHeld, places: places, readings: readings, options: options, members: members, buckets: Object.create(null), sortedWords: words };
  }

  // The spellings beginning with `letter`: {keys: letters -> [[word, by initials, ends]],
  // longest, sorted keys} (pinyin.Reader.keys, in the same order).
  function bucket(letter) {
    if (pinyin.buckets[letter]) return pinyin.buckets[letter];
    var keys = Object.create(null), longest = 0;
    (pinyin.members[letter] || []).forEach(function (word) {
      [false, true].forEach(function (initials) {
        if (initials && (!has(pinyin.held, word) || has(pinyin.places, word))) return; // question words, terms, places: in full only
        spellings(word, initials ? pinyin.options.initials : pinyin.options.full).forEach(function (sp) {
          if (sp[0].charAt(0) !== letter) return;
          (keys[sp[0]] = keys[sp[0]] || []).push([word, initials, sp[1]]);
          longest = Math.max(longest, sp[0].length);
        });
      });
    });
    pinyin.buckets[letter] = { keys: keys, longest: longest, sorted: Object.keys(keys).sort() };
    return pinyin.buckets[letter];
  }

  function wordHeld(w) {
    if (has(pinyin.held, w)) return pinyin.held[w];
    return isFiller(w) ? FILLER_HITS : has(pinyin.termHeld, w) ? pinyin.termHeld[w] : 0;
  }
  function lessCost(a, b) { for (var i = 0; i < 5; i++) if (a[i] !== b[i]) return a[i] < b[i]; return false; }
  function crossesSyllable(i, size, ends, breaks) {
    return breaks.some(function (b) { return i < b && b < i + size && ends.indexOf(b - i) < 0; });
  }

  function readTokens(typed) { // pinyin.Reader._read_tokens
    var tokens = typed.map(function (t) { return t.replace(/\u00fc/g, "v"); });
    var letters = tokens.join(""), starts = {}, typedAt = {}, at = 0;
    tokens.forEach(function (t, k) { starts[at] = at + t.length; typedAt[at] = typed[k]; at += t.length; });
    var breaks = Object.keys(starts).map(Number).filter(function (b) { return b !== 0; });
    var n = letters.length, best = [];
    for (var j = 0; j <= n; j++) best.push({});
    // a state is (a table word read by initials) * 3 + (words read by initials, up to 2)
    function better(states, state, cost, steps) {
      if (!has(states, state) || lessCost(cost, states[state][0])) states[state] = [cost, steps];
    }
    function sortedStates(states) { return Object.keys(states).map(Number).sort(function (a, b) { return a - b; }); }
    best[0][0] = [[0, 0, 0, 0, 0], []];
    for (var i = 0; i < n; i++) {
      sortedStates(best[i]).forEach(function (state) {
        var cost = best[i][state][0], steps = best[i][state][1];
        if (has(starts, i)) {
          var end = starts[i];
          better(best[end], state, [cost[0] + end - i, cost[1], cost[2], cost[3], cost[4]], steps.concat([[typedAt[i], null]]));
        }
        var here = bucket(letters.charAt(i));
        for (var size = 1; size <= Math.min(here.longest, n - i); size++) {
          var entries = here.keys[letters.slice(i, i + size)] || [];
          entries.forEach(function (e) {
            var word = e[0], initials = e[1];
            if (crossesSyllable(i, size, e[2], breaks)) return; // a space typed inside a syllable
            var inTable = has(lexicon.groupOf, word);
            var table = Math.floor(state / 3) === 1 || (initials && inTable);
            var after = (table ? 3 : 0) + Math.min(2, state % 3 + (initials ? 1 : 0));
            better(best[i + size], after, [cost[0], cost[1] + 1, cost[2] + (initials ? 1 : 0),
                                           cost[3] + (initials && !inTable ? 1 : 0), cost[4] - wordHeld(word)],
                   steps.concat([[word, [i, size, initials]]]));
          });
        }
      });
    }
    var chosen = null;
    sortedStates(best[n]).forEach(function (state) {
      if (!(state >= 3 || state % 3 < 2)) return;
      if (!chosen || lessCost(best[n][state][0], chosen[0])) chosen = best[n][state];
    });
    var none = { text: typed.join(" "), words: [], others: {} };
    if (!chosen) return none;
    var steps = chosen[1], words = [], text = "", others = {};
    steps.forEach(function (st) { if (st[1] !== null) words.push(st[0]); });
    if (words.every(isFiller)) return none; // nothing to search for: as typed
    steps.forEach(function (st) {
      text += st[1] !== null ? st[0] : " " + st[0] + " ";
      if (st[1] === null) return;
      var i = st[1][0], size = st[1][1], initials = st[1][2], same = [];
      bucket(letters.charAt(i)).keys[letters.slice(i, i + size)].forEach(function (e) {
        if (e[1] === initials && e[0] !== st[0] && !isFiller(e[0]) && !crossesSyllable(i, size, e[2], breaks) &&
            same.indexOf(e[0]) < 0) same.push(e[0]);
      });
      same.sort(function (a, b) { return wordHeld(b) - wordHeld(a) || codePointOrder(a, b); });
      if (same.length) others[st[0]] = same.slice(0, ALTERNATIVES - 1);
    });
    return { text: text.split(" ").filter(Boolean).join(" "), words: words, others: others };
  }

  // pinyin.Reader.read: text (normalised) with each run of letters that reads as
  // vocabulary words replaced by them; quoted stretches are left as typed.
  function readQuery(text) {
    var out = [], words = [], tokens = [], others = {}, at = 0;
    runs(text).forEach(function (m) {
      var startAt = m.index;
      var typed = m[0].split(TOKEN_BREAK_RE).filter(Boolean), pieces = [], readWords = [], group = [];
      typed.concat([""]).forEach(function (token) {
        if (token && !has(LITERAL, token)) { group.push(token); return; }
        if (group.length) {
          var r = readTokens(group);
          pieces.push(r.text);
          readWords = readWords.concat(r.words);
          Object.keys(r.others).forEach(function (k) { others[k] = r.others[k]; });
          group = [];
        }
        if (token) pieces.push(token);
      });
      if (!readWords.length) return;
      out.push(text.slice(at, startAt), pieces.join(" "));
      at = startAt + m[0].length;
      words = words.concat(readWords);
      tokens = tokens.concat(typed);
    });
    if (!words.length) return { text: text, words: [], tokens: [], others: [] };
    out.push(text.slice(at));
    return { text: out.join(""), words: words, tokens: tokens.filter(function (t, k) { return tokens.indexOf(t) === k; }),
             others: Object.keys(others).sort(codePointOrder).map(function (k) { return [k, others[k]]; }) };
  }

  function widen(q, reading) { // pinyin.Reader.widen
    if (!reading.others.length) return q;
    var others = {};
    reading.others.forEach(function (o) { others[o[0]] = o[1]; });
    return { parts: q.parts.map(function (p) {
      if (p.kind !== "word" || !has(others, p.forms[0])) return p;
      var forms = p.forms.slice();
      others[p.forms[0]].forEach(function (w) {
        namesOf(w).forEach(function (f) {
          if (forms.indexOf(f) < 0) forms.push(f);
        });
      });
      return { forms: forms, kind: p.kind };
    }), phrases: q.phrases };
  }

  function bisectLeft(list, value, order) {
    var lo = 0, hi = list.length;
    while (lo < hi) { var mid = (lo + hi) >>> 1; if (order(list[mid], value) < 0) lo = mid + 1; else hi = mid; }
    return lo;
  }

  // pinyin.Reader.complete: the search box's suggestions for what was typed so far.
  function complete(prefix) {
    var text = untoned(normalize(prefix)).replace(/\u00fc/g, "v"), found = [];
    if (text.indexOf(" ") >= 0 || chars(text).length < MIN_PREFIX) return [];
    if (/^[a-z]+$/.test(text)) {
      var here = bucket(text.charAt(0)), keys = here.sorted;
      for (var i = bisectLeft(keys, text, function (a, b) { return a < b ? -1 : a > b ? 1 : 0; }); i < keys.length; i++) {
        if (keys[i].indexOf(text) !== 0) break;
        here.keys[keys[i]].forEach(function (e) { if (has(pinyin.held, e[0]) && !has(pinyin.places, e[0])) found.push(e[0]); });
      }
    } else if (!/[0-9a-z]/.test(text)) {
      var words = pinyin.sortedWords;
      for (var j = bisectLeft(words, text, codePointOrder); j < words.length; j++) {
        if (words[j].indexOf(text) !== 0) break;
        found.push(words[j]);
      }
    }
    var all = found.slice(), direct = {};
    found.forEach(function (w) { direct[w] = true; });
    found.forEach(function (w) { if (has(lexicon.groupOf, w)) all = all.concat(lexicon.groups[lexicon.groupOf[w]]); });
    var chosen = all.filter(function (w, k) { return all.indexOf(w) === k && (pinyin.held[w] || 0) > 0 && !has(pinyin.places, w); });
    function tier(w) { return has(lexicon.groupOf, w) ? 0 : 1; }
    chosen.sort(function (a, b) {
      return tier(a) - tier(b) || pinyin.held[b] - pinyin.held[a] || (has(direct, a) ? 0 : 1) - (has(direct, b) ? 0 : 1) ||
        chars(a).length - chars(b).length || codePointOrder(a, b);
    });
    return chosen.slice(0, COMPLETIONS).map(function (w) { return { text: w, hits: pinyin.hits[w] }; });
  }

  // The suggestions for a prefix, once the data is loaded (what the search box shows).
  function suggestFor(prefix) {
    return Promise.all([load("l", 0), load("p", 0)]).then(function (loaded) {
      if (!lexicon) useLexicon(loaded[0]);
      if (!pinyin) usePinyin(loaded[1]);
      return complete(prefix);
    });
  }

  // ---- slips by sound (twin of gwsite/slips.py) ---------------------------------------------
  var SLIP_ALTERNATIVES = 3, SLIP_FIX_LENGTH = 3, SLIP_WINDOW = 8, SLIP_SHAPE_LENGTH = 4, CJK_RE = /^[\u3400-\u9fff]+$/;
  var FUZZY_FINALS = [["ang", "an"], ["eng", "en"], ["ing", "in"]];
  var FUZZY_INITIALS = [["zh", "z"], ["ch", "c"], ["sh", "s"], ["n", "l"], ["r", "l"], ["h", "f"]];
  var sounds = null; // search/sounds.js with search/pinyin.js, once loaded: see useSounds

  function fuzzy(r) { // slips.fuzzy
    for (var i = 0; i < FUZZY_FINALS.length; i++) {
      var f = FUZZY_FINALS[i];
      if (r.length >= f[0].length && r.slice(-f[0].length) === f[0]) { r = r.slice(0, -f[0].length) + f[1]; break; }
    }
    for (var j = 0; j < FUZZY_INITIALS.length; j++) {
      if (r.indexOf(FUZZY_INITIALS[j][0]) === 0) return FUZZY_INITIALS[j][1] + r.slice(FUZZY_INITIALS[j][0].length);
    }
    return r;
  }

  function couldFix(word) { return chars(word).length >= 2 && CJK_RE.test(word); }

  function useSounds(data) { // slips.Sounds
    var usual = {}, held = {}, byLength = {};
    data.readings.split(",").forEach(function (group) {
      var g = group.split(" ");
      chars(g[1]).forEach(function (c) { usual[c] = g[0]; });
    });
    Object.keys(pinyin.held).forEach(function (w) { held[w] = pinyin.held[w]; });
    Object.keys(pinyin.termHeld).forEach(function (w) { held[w] = pinyin.termHeld[w]; });
    Object.keys(held).sort(codePointOrder).forEach(function (w) {
      if (held[w] > 0) (byLength[chars(w).length] = byLength[chars(w).length] || []).push(w);
    });
    sounds = { usual: usual, held: held, byLength: byLength };
  }

  function soundsOf(c) {
    return pinyin.readings[c] || (has(sounds.usual, c) ? [sounds.usual[c]] : []);
  }

  function slipKind(typed, meant) { // slips.Sounds._kind: 0 the same sound, 1 alike, 2 not
    var heard = soundsOf(typed), said = pinyin.readings[meant] || [];
    if (heard.some(function (r) { return said.indexOf(r) >= 0; })) return 0;
    var fs = said.map(fuzzy);
    return heard.some(function (r) { return fs.indexOf(fuzzy(r)) >= 0; }) ? 1 : 2;
  }

  function slipFixes(piece, stretch) { // slips.Sounds.fixes
    if (!couldFix(piece)) return [];
    var p = chars(piece), found = [[], []];
    (sounds.byLength[p.length] || []).forEach(function (word) {
      var w = chars(word), differ = [];
      for (var i = 0; i < p.length; i++) if (w[i] !== p[i]) differ.push(i);
      if (differ.length !== 1) return;
      var kind = slipKind(p[differ[0]], w[differ[0]]);
      if (kind < 2) found[kind].push(word);
    });
    var best = found[0].length ? found[0] : found[1];
    if (best.length) {
      best.sort(function (a, b) { return sounds.held[b] - sounds.held[a]; });
      return best.slice(0, SLIP_ALTERNATIVES);
    }
    return slipInStretch(p, chars(stretch || ""));
  }

  function slipInStretch(p, st) { // slips.Sounds._in_stretch (p, st: characters)
    var at = -1;
    for (var k = 0; k + p.length <= st.length && at < 0; k++) {
      if (st.slice(k, k + p.length).join("") === p.join("")) at = k;
    }
    if (at < 0 || st.length <= p.length) return [];
    var fits = {}, bestKey = null;
    for (var start = Math.max(0, at - SLIP_WINDOW + p.length); start <= at; start++) { // windows holding the whole piece
      for (var end = Math.max(start + SLIP_FIX_LENGTH, at + p.length); end <= Math.min(st.length, start + SLIP_WINDOW); end++) {
        var window = st.slice(start, end), text = window.join("");
        if (text === p.join("") || !couldFix(text)) continue;
        (sounds.byLength[window.length] || []).forEach(function (word) {
          var w = chars(word), differ = [];
          for (var i = 0; i < window.length; i++) if (w[i] !== window[i]) differ.push(i);
          if (differ.length !== 1 || start + differ[0] < at || start + differ[0] >= at + p.length) return;
          var key = [slipKind(window[differ[0]], w[differ[0]]), -window.length];
          if (key[0] === 2 && window.length < SLIP_SHAPE_LENGTH) return;
          var name = key.join(",");
          (fits[name] = fits[name] || { key: key, words: [] });
          if (fits[name].words.indexOf(word) < 0) fits[name].words.push(word);
          if (!bestKey || key[0] < bestKey[0] || (key[0] === bestKey[0] && key[1] < bestKey[1])) bestKey = key;
        });
      }
    }
    if (!bestKey) return [];
    var words = fits[bestKey.join(",")].words;
    return words.length === 1 ? words : [];
  }

  function stretchOf(q, index) { // slips.stretch_of
    var best = "";
    q.phrases.forEach(function (ph) {
      if (ph.first <= index && index <= ph.last && chars(ph.text).length > chars(best).length) best = ph.text;
    });
    return best;
  }

  function widenSlips(q, fixes) { // slips.widen: [the query, the fixes searched]
    var fixed = [];
    var parts = q.parts.map(function (p) {
      var found = p.kind === "word" && has(fixes, p.forms[0]) ? fixes[p.forms[0]] : [];
      if (!found.length) return p;
      var forms = p.forms.slice();
      found.forEach(function (w) {
        if (forms.indexOf(w) < 0) forms.push(w);
        if (fixed.indexOf(w) < 0) fixed.push(w);
      });
      found.forEach(function (w) {
        namesOf(w).forEach(function (f) {
          if (forms.indexOf(f) < 0) forms.push(f);
        });
      });
      return { forms: forms, kind: p.kind };
    });
    return [{ parts: parts, phrases: q.phrases }, fixed];
  }

  // ---- the query: ranking (twin of gwsite/ranking.py) -----------------------------------------
  var K1 = 1.2;
  var WEIGHTS = { word: [4.0, 2.0, 1.0], exact: [4.0, 2.0, 1.0], number: [2.0, 6.0, 1.0], code: [2.0, 6.0, 1.0], hint: [4.0, 2.0, 1.0],
                  fix: [4.0, 2.0, 1.0] };
  var SYNONYM = 0.8, PHRASE = 0.6, PHRASE_BODY = 0.5, RECENCY = 0.05, COVERAGE = 0.5, HINT = 0.5, ITEM = 0.5, SCALE = 1e9;
  var PARTIAL = 0.5, PARTIAL_LENGTH = 4, FIX = 0.8, OFTEN_TF = 3.0;
  var TITLE_START = "\u0002", TITLE_END = "\u0003", EXACT_TITLE = 1.0, TITLE_SHORT = 1.2, TITLE_LONG = 0.85;
  var OPTIONAL = { hint: HINT, fix: FIX }; // parts a hit need not hold, and what they add

  function idf(docs, df) { return Math.log(1 + (docs - df + 0.5) / (df + 0.5)); }
  function saturate(w) { return w * (K1 + 1) / (K1 + w); }

  function fieldTexts(rec, meta) {
    var org = rec[4] >= 0 ? meta.orgs[rec[4]][1] : "";
    var other = [rec[10], org].concat(rec[5].map(function (d) { return meta.domains[d]; }), [rec[8]], rec[9]).join(" ");
    return [normalize(rec[1]), normalize(rec[6] + " " + rec[7]), normalize(other)];
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

  // The lists of a text (search.IndexReader.lookup): every window in the list, anywhere,
  // in the title, in the numbers, often (ranking.Lists).
  function lookup(meta, text) {
    var found = null;
    windows(meta, text).forEach(function (l) {
      found = found ? found.map(function (bits, i) { return bits.and(l[i]); }) : l;
    });
    return found;
  }

  function texts(q) { // every form and phrase a query looks up
    var out = [];
    q.parts.forEach(function (p) {
      out = out.concat(p.forms);
      var c = chars(p.forms[0]);
      if (p.kind === "word") for (var i = 0; i + 1 < c.length && c.length >= 3; i++) out.push(c[i] + c[i + 1]); // back_off's pairs
    });
    q.phrases.forEach(function (ph) {
      var c = chars(ph.text);
      out.push(ph.text, TITLE_START + c[0], c[c.length - 1] + TITLE_END);
    });
    return out;
  }

  // ranking.back_off: a part of three or more characters that no notice holds is looked
  // up by its character pairs.
  function backOff(q, meta) {
    var parts = [], place = [];
    q.parts.forEach(function (p) {
      place.push(parts.length);
      var c = chars(p.forms[0]);
      if (p.kind === "word" && c.length >= 3 && !ASCII_ALNUM_RE.test(p.forms[0]) &&
          !p.forms.some(function (f) { return lookup(meta, f)[0].count(); })) {
        for (var i = 0; i + 1 < c.length; i++) parts.push({ forms: [c[i] + c[i + 1]], kind: "word" });
      } else parts.push(p);
    });
    if (parts.length === q.parts.length) return q;
    var ends = place.slice(1).concat([parts.length]);
    return { parts: parts, phrases: q.phrases.map(function (ph) {
      return { text: ph.text, first: place[ph.first], last: ends[ph.last] - 1 };
    }) };
  }

  function windows(meta, text) { // search.IndexReader.windows: the lists of each window
    var n = meta.docs;
    return plan(text).grams.map(function (g) {
      var entry = store.t[shardOf(g, meta.shards)][g] || [[]];
      return [decode(entry[0], n), decode(entry[1], n), decode(entry[2], n), decode(entry[3], n)];
    });
  }

  function share(d, lists, field) { // ranking._share
    var held = 0;
    lists.forEach(function (l) { if (l[field].has(d)) held += 1; });
    return held / lists.length;
  }

  var CHECKED = ["exact", "number", "code"];

  // ranking.rank, without the check of CHECKED parts (holdsChecked), which `search` makes
  // on as many hits as it shows.
  function rank(q, meta, allowed) {
    var docs = meta.docs, q0 = q;
    q = backOff(q, meta);
    var forms = q.parts.map(function (p) {
      return p.forms.map(function (f) { return lookup(meta, f); });
    });
    var holders = forms.map(function (fl) {
      var u = new Bits(docs);
      fl.forEach(function (l) { u = u.or(l[0]); });
      return u;
    });
    var weights = holders.map(function (h) { return idf(docs, h.count()); });
    var required = [], hints = [];
    q.parts.forEach(function (p, i) {
      if ((holders[i].count() && !has(OPTIONAL, p.kind)) || p.kind === "exact") required.push(i);
      if (has(OPTIONAL, p.kind) && holders[i].count()) hints.push(i);
    });
    var total = 0;
    required.forEach(function (i) { total += weights[i]; });
    var partial = {};
    required.forEach(function (i) {
      var p = q.parts[i];
      if (p.kind === "word" && chars(p.forms[0]).length >= PARTIAL_LENGTH && !ASCII_ALNUM_RE.test(p.forms[0])) {
        partial[i] = windows(meta, p.forms[0]);
      }
    });
    var candidates = new Bits(docs);
    required.forEach(function (i) { candidates = candidates.or(holders[i]); });
    Object.keys(partial).forEach(function (i) {
      partial[i].forEach(function (l) { candidates = candidates.or(l[0]); });
    });
    required.forEach(function (i) { if (q.parts[i].kind === "exact") candidates = candidates.and(holders[i]); });
    if (allowed) candidates = candidates.and(allowed);
    var phrases = q.phrases.map(function (ph) {
      var w = 0, c = chars(ph.text);
      for (var i = ph.first; i <= ph.last; i++) w += weights[i];
      return [windows(meta, ph.text), w, lookup(meta, TITLE_START + c[0])[1].and(lookup(meta, c[c.length - 1] + TITLE_END)[1])];
    });
    var short = decode(meta.titles[0], docs), long = decode(meta.titles[1], docs);
    var out = [];
    candidates.each(function (d) {
      var score = 0, held = 0, count = 0, whole = 0, via = [];
      required.concat(hints).forEach(function (i) {
        var part = q.parts[i], best = 0, through = null, fw = WEIGHTS[part.kind], hint = part.kind === "hint";
        var tw = fw[0] * (short.has(d) ? TITLE_SHORT : long.has(d) ? TITLE_LONG : 1.0);
        forms[i].forEach(function (l, k) {
          if (!l[0].has(d)) return;
          var w = (l[1].has(d) ? tw : 0) + (l[2].has(d) ? fw[1] : 0) + fw[2] * saturate(l[3].has(d) ? OFTEN_TF : 1);
          var s = w * (k === 0 || hint ? 1 : SYNONYM);
          if (s > best) { best = s; through = k === 0 || hint ? null : part.forms[k]; }
        });
        var part_share = 1;
        if (!best && has(partial, i)) {
          part_share = share(d, partial[i], 0);
          if (part_share >= 0.5) best = PARTIAL * part_share * fw[2];
        }
        if (!best) return;
        if (has(OPTIONAL, part.kind)) {
          score += OPTIONAL[part.kind] * weights[i] * best;
          if (part.kind === "fix") via.push(through === null ? part.forms[0] : through);
          return;
        }
        held += weights[i] * part_share;
        count += part_share;
        whole += part_share === 1 ? 1 : 0;
        score += weights[i] * best;
        if (through) via.push(through);
      });
      if (required.length && held < COVERAGE * total && count < COVERAGE * required.length) return;
      phrases.forEach(function (ph) {
        var t = share(d, ph[0], 1), a = share(d, ph[0], 0);
        score += PHRASE * ph[1] * Math.max(t * t * t, PHRASE_BODY * a * a * a);
        if (t === 1 && ph[2].has(d)) score += EXACT_TITLE * ph[1]; // the whole title, as typed
      });
      score *= 1 + RECENCY * (1 - d / Math.max(1, docs - 1));
      if (d >= docs - (meta.items || 0)) score *= ITEM;
      out.push({ number: d, score: Math.floor(score * SCALE + 0.5) / SCALE, complete: whole === required.length, via: via });
    });
    out.sort(function (a, b) {
      return (a.complete === b.complete ? 0 : a.complete ? -1 : 1) || b.score - a.score || a.number - b.number;
    });
    return { hits: out, query: q, forms: forms };
  }

  // ranking.holds_checked: whether notice d (its record loaded) holds exactly each checked
  // part whose windows it holds.
  function holdsChecked(ranked, meta, d) {
    return ranked.query.parts.every(function (p, i) {
      if (CHECKED.indexOf(p.kind) < 0) return true;
      var held = p.forms.filter(function (f, k) { return ranked.forms[i][k][0].has(d); });
      if (!held.length) return true;
      var fields = fieldTexts(record(meta, d), meta);
      return held.some(function (f) { return fields.some(function (x) { return x.indexOf(f) >= 0; }); });
    });
  }

  // The first `wanted` hits that pass holdsChecked (loading records a page at a time), and
  // whether every hit has been checked (then the count is exact).
  function checkedHits(ranked, meta, wanted) {
    var checks = ranked.query.parts.some(function (p) { return CHECKED.indexOf(p.kind) >= 0; });
    if (!checks) return Promise.resolve({ hits: ranked.hits, done: true });
    var kept = [], at = 0, all = ranked.hits;
    function step() {
      if (kept.length >= wanted || at >= all.length) {
        return { hits: at >= all.length ? kept : kept.concat(all.slice(at)), done: at >= all.length, kept: kept.length };
      }
      var batch = all.slice(at, at + PAGE_SIZE * 2);
      at += batch.length;
      return loadRecords(meta, batch.map(function (h) { return h.number; })).then(function () {
        batch.forEach(function (h) { if (h.literal || holdsChecked(ranked, meta, h.number)) kept.push(h); });
        return step();
      });
    }
    return Promise.resolve(step());
  }

  // The hits of a query (as `gwsite search`), and the records of the page shown.
  function search(params) {
    return Promise.all([load("m", 0), load("l", 0)]).then(function (loaded) {
      if (!lexicon) useLexicon(loaded[1]);
      var text = normalize(params.q || "");
      // Letters may be pinyin: search/pinyin.js reads them (a Chinese query never loads it).
      var typed = untoned(text), asTyped = { text: text, words: [], tokens: [], others: [] };
      if (!hasLetters(typed)) return [loaded[0], asTyped];
      return load("p", 0).then(function (data) {
        if (!pinyin) usePinyin(data);
        var reading = readQuery(typed); // dībǎo is read as dibao; where it reads as no word, as typed
        return [loaded[0], reading.words.length ? reading : asTyped];
      });
    }).then(function (read) {
      var meta = read[0], reading = read[1];
      var q = widen(parse(reading.text), reading);
      // the query as typed, for the notices holding its letters (search.query)
      var literal = reading.words.length ? parse(normalize(params.q || "")) : null;
      if (!q.parts.length) return { meta: meta, query: q, hits: [], total: 0, page: 1, missing: [], fixed: [], suggestions: [], reading: reading };
      var n = meta.docs, shardNumbers = {}, missing = [], fixed = [], sounding = [];
      texts(q).concat(literal ? texts(literal).concat(reading.tokens) : []).forEach(function (t) {
        plan(t).grams.forEach(function (g) { shardNumbers[shardOf(g, meta.shards)] = true; });
      });
      var filters = [];
      if (params.org) filters.push(["org", params.org]);
      if (params.domain) filters.push(["domain", params.domain]);
      var filterNumbers = filters.map(function (f) {
        for (var i = 0; i < meta.filters.length; i++) if (meta.filters[i][0] === f[0] && meta.filters[i][1] === f[1]) return i;
        return -1;
      });
      var loads = Object.keys(shardNumbers).map(function (s) { return load("t", Number(s)); })
        .concat(filterNumbers.filter(function (i) { return i >= 0; }).map(function (i) { return load("f", i); }));
      return Promise.all(loads).then(function () {
        var allowed = null;
        filterNumbers.forEach(function (i) {
          var f = i >= 0 ? decode(store.f[i], n) : new Bits(n);
          allowed = allowed ? allowed.and(f) : f;
        });
        if (params.year) {
          var span = meta.years.filter(function (y) { return String(y[0]) === String(params.year); })[0];
          var years = span ? range(n, span[1], span[2]) : new Bits(n);
          allowed = allowed ? allowed.and(years) : years;
        }
        return allowed;
      }).then(function (allowed) {
        // Words no notice holds in any form: also searched as the site's words that sound
        // like them (search.query), with search/pinyin.js and search/sounds.js, and their lists.
        missing = q.parts.filter(function (p) {
          return p.kind === "word" && !p.forms.some(function (f) { return lookup(meta, f)[0].count(); });
        }).map(function (p) { return p.forms[0]; });
        if (!missing.some(couldFix)) return allowed;
        return Promise.all([load("p", 0), load("s", 0)]).then(function (data) {
          if (!pinyin) usePinyin(data[0]);
          if (!sounds) useSounds(data[1]);
          var fixes = {};
          q.parts.forEach(function (p, i) {
            var w = p.forms[0];
            if (missing.indexOf(w) < 0 || !couldFix(w) || has(fixes, w)) return;
            fixes[w] = slipFixes(w, stretchOf(q, i));
            fixes[w].forEach(function (f) { if (sounding.indexOf(f) < 0) sounding.push(f); });
          });
          var widened = widenSlips(q, fixes);
          q = widened[0];
          fixed = widened[1];
          var more = {};
          texts(q).forEach(function (t) {
            plan(t).grams.forEach(function (g) { more[shardOf(g, meta.shards)] = true; });
          });
          return Promise.all(Object.keys(more).map(function (sh) { return load("t", Number(sh)); }));
        }).then(function () { return allowed; });
      }).then(function (allowed) {
        var ranked = rank(q, meta, allowed);
        if (literal && reading.tokens.every(function (t) { return lookup(meta, t)[0].count(); }) &&
            literal.parts.every(function (p) { return CHECKED.indexOf(p.kind) < 0; })) {
          // The letters as typed are in the site too: the notices holding the query as
          // typed come first (not checked again: the reading's checked parts are not theirs).
          var first = {}, lit = rank(literal, meta, allowed).hits.filter(function (h) { return h.complete; });
          lit.forEach(function (h) { first[h.number] = true; h.literal = true; });
          ranked.hits = lit.concat(ranked.hits.filter(function (h) { return !first[h.number]; }));
        }
        if (params.order === "date") { // the hits holding every part newest first, then the rest
          ranked.hits = ranked.hits.slice().sort(function (a, b) {
            return (a.complete === b.complete ? 0 : a.complete ? -1 : 1) || a.number - b.number;
          });
        }
        var page = Math.max(1, parseInt(params.page, 10) || 1);
        // Checked parts: as many hits are checked as the page needs (and one more, to know
        // whether there is a next page); the rest are counted unchecked (an estimate).
        return checkedHits(ranked, meta, page * PAGE_SIZE + 1).then(function (checked) {
          return [ranked, checked, page];
        });
      }).then(function (done) {
        var ranked = done[0], checked = done[1], page = done[2];
        var hits = checked.hits;
        var shown = hits.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE);
        return loadRecords(meta, shown.map(function (h) { return h.number; })).then(function () {
          return {
            meta: meta, query: q, page: page, total: hits.length, estimate: !checked.done, ranked: hits, missing: missing, fixed: fixed,
            suggestions: suggest(reading.text, q, missing, hits.length, sounding), reading: reading,
            more: hits.length > page * PAGE_SIZE,
            hits: shown.map(function (h) { return { rec: record(meta, h.number), hit: h }; })
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
             year: u.get("year") || "", page: u.get("page") || "1", order: u.get("order") === "date" ? "date" : "" };
  }

  function pageUrl(params, page) {
    var u = new URLSearchParams();
    u.set("q", params.q);
    ["org", "domain", "year", "order"].forEach(function (k) { if (params[k]) u.set(k, params[k]); });
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

  // The order switch: 按相关度 / 按时间, the current one marked as such.
  function orderSwitch(params) {
    var nav = el("nav", { "class": "search-order", "aria-label": "结果排序" });
    var ul = el("ul");
    [["", "按相关度"], ["date", "按时间"]].forEach(function (o) {
      var li = el("li");
      if ((params.order || "") === o[0]) li.appendChild(el("span", { "aria-current": "true" }, o[1]));
      else li.appendChild(el("a", { href: pageUrl({ q: params.q, org: params.org, domain: params.domain, year: params.year, order: o[0] }, 1) }, o[1]));
      ul.appendChild(li);
    });
    nav.appendChild(ul);
    return nav;
  }

  // 您是不是要找: links to the near queries; what was typed stays as it was.
  function suggestions(list, params) {
    var p = el("p", { "class": "search-suggest" }, "您是不是要找：");
    list.forEach(function (text, i) {
      if (i) p.appendChild(document.createTextNode("、"));
      p.appendChild(el("a", { href: pageUrl({ q: text, org: params.org, domain: params.domain, year: params.year, order: params.order }, 1) }, text));
    });
    return p;
  }

  // How a query in pinyin was read, and a link to search the letters as typed (quoted).
  function readAs(reading, params) {
    var p = el("p", { "class": "search-read" }, "按“" + reading.text + "”搜索");
    var also = reading.others.map(function (o) { return o[1].join("”“"); });
    if (also.length) p.appendChild(document.createTextNode("（也找“" + also.join("”“") + "”）"));
    p.appendChild(document.createTextNode(" · "));
    var literal = asTyped(normalize(params.q));
    p.appendChild(el("a", { href: pageUrl({ q: literal, org: params.org, domain: params.domain, year: params.year }, 1) },
                      "改为按原文搜索 " + params.q));
    return p;
  }

  function render(results, params, out, status) {
    out.textContent = "";
    var q = results.query, terms = [];
    q.parts.forEach(function (p) { p.forms.forEach(function (f) { if (terms.indexOf(f) < 0) terms.push(f); }); });
    if (!q.parts.length) { status.textContent = "请输入关键词，可以是标题、发文字号、索引号或正文中的文字。"; return; }
    var first = (results.page - 1) * PAGE_SIZE;
    var missing = !results.missing.length ? "" : "（没有信息含有“" + results.missing.join("”“") + "”，" +
      (results.fixed.length ? "已按相近的“" + results.fixed.join("”“") + "”查找）" : "已按其余词语查找）");
    if (results.reading && results.reading.words.length) out.appendChild(readAs(results.reading, params));
    if (results.suggestions.length) out.appendChild(suggestions(results.suggestions, params));
    if (!results.hits.length) {
      status.textContent = results.page > 1 ? "没有更多结果。" : "没有找到与“" + params.q + "”相关的公开信息。" +
        (results.missing.length < q.parts.length ? missing : "");
      return;
    }
    status.textContent = "找到" + (results.estimate ? "约 " : " ") + results.total + " 条结果，当前显示第 " +
      (first + 1) + "–" + (first + results.hits.length) + " 条。" + missing;
    out.appendChild(orderSwitch(params));
    var list = el("ol", { "class": "search-hits", start: String(first + 1) });
    results.hits.forEach(function (found) {
      var rec = found.rec;
      var li = el("li", { "class": "search-hit" });
      var h = el("h2", { "class": "search-hit-title" });
      var a = el("a", { href: pathUrl(rec[2]) + (rec[12] ? "#" + rec[12] : "") });
      appendMarked(a, excerpt(rec[1], terms, 1000));
      h.appendChild(a);
      li.appendChild(h);
      var org = rec[4] >= 0 ? results.meta.orgs[rec[4]][1] : "";
      var meta = el("p", { "class": "search-hit-meta" });
      if (rec[11] === "page") meta.appendChild(el("span", { "class": "search-hit-kind" }, rec[8] || "页面"));
      if (rec[11] === "item") meta.appendChild(el("span", { "class": "search-hit-kind" }, "标准目录事项 · " + results.meta.domains[rec[5][0]]));
      if (org) { if (meta.firstChild) meta.appendChild(document.createTextNode(" · ")); meta.appendChild(el("span", {}, org)); }
      if (rec[3]) { if (meta.firstChild) meta.appendChild(document.createTextNode(" · ")); meta.appendChild(el("time", { datetime: rec[3] }, rec[3])); }
      if (rec[6]) { meta.appendChild(document.createTextNode(" · ")); meta.appendChild(el("span", {}, rec[6])); }
      li.appendChild(meta);
      if (found.hit.via.length) {
        li.appendChild(el("p", { "class": "search-hit-via" }, "按“" + found.hit.via.join("”“") + "”找到"));
      }
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
    add: add, load: load, useBase: function (path) { base = path; }, search: search, suggestFor: suggestFor, readQuery: readQuery, asTyped: asTyped, untoned: untoned, normalize: normalize, queryTerms: queryTerms, isGram: isGram,
    plan: plan, parse: parse, shardOf: shardOf, excerpt: excerpt, loaded: loaded, lastMs: null, doneAt: null
  };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
