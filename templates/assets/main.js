/* tusach: small enhancements; the site is complete without them. No modules,
   no dependencies, works from file://. */
(function () {
  "use strict";
  var root = document.documentElement;
  var KEY = "tusach-theme";

  function current() {
    var set = root.getAttribute("data-theme");
    if (set) return set;
    return window.matchMedia && window.matchMedia("(prefers-color-scheme: dark)").matches ? "dark" : "light";
  }

  function setupToggle() {
    var btn = document.querySelector(".theme-toggle");
    if (!btn) return;
    btn.hidden = false;
    btn.setAttribute("aria-pressed", String(current() === "dark"));
    btn.addEventListener("click", function () {
      var next = current() === "dark" ? "light" : "dark";
      root.setAttribute("data-theme", next);
      btn.setAttribute("aria-pressed", String(next === "dark"));
      try { localStorage.setItem(KEY, next); } catch (e) { /* storage off: the choice lasts this page */ }
    });
  }

  function setupAnchors() {
    var label = document.body.getAttribute("data-anchor-label") || "#";
    var heads = document.querySelectorAll(".prose h2[id], .prose h3[id], .prose h4[id]");
    for (var i = 0; i < heads.length; i++) {
      var a = document.createElement("a");
      a.className = "anchor";
      a.href = "#" + heads[i].id;
      a.setAttribute("aria-label", label);
      a.textContent = "#";
      heads[i].appendChild(a);
    }
  }

  function start() { setupToggle(); setupAnchors(); }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
