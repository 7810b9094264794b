/* Suggestions as one types, in every search box with data-suggest: the WAI-ARIA 1.2
   combobox pattern (a list box popup; focus stays in the input, the option in view is
   aria-activedescendant).  Up/Down move through the list, Enter searches for the option
   shown (or what was typed), Escape closes the list (a second Escape clears the box).
   The words and their counts come from search/lexicon.js and search/pinyin.js, loaded
   with static/search.js on the first keystroke (classic scripts: they load from file://);
   what to offer is search.js's `suggestFor` (gwsite/pinyin.py's twin).  Without
   JavaScript the box is a plain form. */
(function () {
  "use strict";
  var loading = null;

  // static/search.js, once (it is already on search.html); its index files come from the
  // folder of data-suggest.
  function engine(input) {
    if (!loading) {
      loading = new Promise(function (resolve, reject) {
        if (window.gwsiteSearch && window.gwsiteSearch.suggestFor) { resolve(window.gwsiteSearch); return; }
        var script = document.createElement("script");
        script.src = input.getAttribute("data-script");
        script.onload = function () { resolve(window.gwsiteSearch); };
        script.onerror = function () { loading = null; reject(new Error("search.js could not be loaded")); };
        document.head.appendChild(script);
      });
    }
    return loading.then(function (api) {
      api.useBase(input.getAttribute("data-suggest").replace(/meta\.js$/, ""));
      return api;
    });
  }

  function setUp(input, number) {
    var id = input.id || ("gwsite-q-" + number);
    input.id = id;
    var box = document.createElement("div");
    box.className = "combobox";
    input.parentNode.insertBefore(box, input);
    box.appendChild(input);
    var list = document.createElement("ul");
    list.id = id + "-list";
    list.className = "combobox-list";
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", "搜索建议");
    list.hidden = true;
    box.appendChild(list);
    var status = document.createElement("div");
    status.className = "visually-hidden";
    status.setAttribute("role", "status");
    status.setAttribute("aria-live", "polite");
    box.appendChild(status);
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", list.id);

    var options = [], active = -1, asked = 0;

    function close() {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function show(found) {
      list.textContent = "";
      options = found;
      active = -1;
      input.removeAttribute("aria-activedescendant");
      if (!found.length) { close(); status.textContent = ""; return; }
      found.forEach(function (s, i) {
        var li = document.createElement("li");
        li.id = id + "-option-" + i;
        li.setAttribute("role", "option");
        li.setAttribute("aria-selected", "false");
        var text = document.createElement("span");
        text.className = "combobox-text";
        text.textContent = s.text;
        var hits = document.createElement("span");
        hits.className = "combobox-hits";
        hits.textContent = s.hits + " 条";
        li.appendChild(text);
        li.appendChild(document.createTextNode(" "));
        li.appendChild(hits);
        // A pointer chooses without taking focus from the input.
        li.addEventListener("mousedown", function (e) { e.preventDefault(); });
        li.addEventListener("click", function () { choose(i); });
        list.appendChild(li);
      });
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
      status.textContent = "有 " + found.length + " 条建议，按上下键选择，回车搜索。";
    }

    function move(to) {
      if (list.hidden || !options.length) return;
      if (active >= 0) list.children[active].setAttribute("aria-selected", "false");
      active = to;
      if (active < 0) { input.removeAttribute("aria-activedescendant"); return; }
      var li = list.children[active];
      li.setAttribute("aria-selected", "true");
      input.setAttribute("aria-activedescendant", li.id);
      if (li.scrollIntoView) li.scrollIntoView({ block: "nearest" });
    }

    function choose(i) {
      input.value = options[i].text;
      close();
      if (input.form) {
        if (input.form.requestSubmit) input.form.requestSubmit(); else input.form.submit();
      }
    }

    input.addEventListener("input", function () {
      var typed = input.value, mine = ++asked, started = performance.now();
      engine(input).then(function (api) { return api.suggestFor(typed); }).then(function (found) {
        if (mine !== asked) return; // a later keystroke has asked since
        show(found);
        timing.lastMs = performance.now() - started; // for the bench: a keystroke to its list shown
      }, function () { close(); });
    });
    input.addEventListener("keydown", function (e) {
      if (e.isComposing || e.keyCode === 229) return; // an input method is composing: its keys are its own
      if (e.key === "ArrowDown") {
        if (list.hidden && options.length) { list.hidden = false; input.setAttribute("aria-expanded", "true"); }
        if (options.length) { move(active + 1 < options.length ? active + 1 : 0); e.preventDefault(); }
      } else if (e.key === "ArrowUp") {
        if (options.length && !list.hidden) { move(active > 0 ? active - 1 : options.length - 1); e.preventDefault(); }
      } else if (e.key === "Enter") {
        if (!list.hidden && active >= 0) { e.preventDefault(); choose(active); }
      } else if (e.key === "Escape") {
        if (!list.hidden) { close(); e.preventDefault(); } else if (input.value) { input.value = ""; options = []; e.preventDefault(); }
      }
    });
    input.addEventListener("blur", function () { close(); });
  }

  var timing = window.gwsiteSuggest = { lastMs: null };
  function start() {
    var inputs = document.querySelectorAll("input[data-suggest]");
    for (var i = 0; i < inputs.length; i++) setUp(inputs[i], i);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
