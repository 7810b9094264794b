/* Reading aids: font size (three steps) and high contrast, remembered between pages.
   Runs in <head> so the chosen size applies before the first paint; localStorage works
   from file:// too.  Everything else on the page works without this script. */
(function () {
  "use strict";
  var root = document.documentElement;
  function load(key) { try { return window.localStorage.getItem(key); } catch (e) { return null; } }
  function save(key, value) { try { window.localStorage.setItem(key, value); } catch (e) { /* private mode */ } }
  var size = load("gwsite-font-size");
  if (size === "1" || size === "2") root.setAttribute("data-font-size", size);
  if (load("gwsite-contrast") === "high") root.setAttribute("data-contrast", "high");

  document.addEventListener("DOMContentLoaded", function () {
    var sizeButtons = document.querySelectorAll("button[data-font-size]");
    var contrast = document.querySelector("button[data-contrast]");
    function refresh() {
      var current = root.getAttribute("data-font-size") || "0";
      Array.prototype.forEach.call(sizeButtons, function (b) {
        b.setAttribute("aria-pressed", String(b.getAttribute("data-font-size") === current));
      });
      if (contrast) contrast.setAttribute("aria-pressed", String(root.getAttribute("data-contrast") === "high"));
    }
    Array.prototype.forEach.call(sizeButtons, function (b) {
      b.addEventListener("click", function () {
        var value = b.getAttribute("data-font-size");
        if (value === "0") root.removeAttribute("data-font-size"); else root.setAttribute("data-font-size", value);
        save("gwsite-font-size", value);
        refresh();
      });
    });
    if (contrast) contrast.addEventListener("click", function () {
      var high = root.getAttribute("data-contrast") === "high";
      if (high) root.removeAttribute("data-contrast"); else root.setAttribute("data-contrast", "high");
      save("gwsite-contrast", high ? "normal" : "high");
      refresh();
    });
    refresh();
  });
})();
