/* tusach: small enhancements; the site is complete without them. No modules,
   no dependencies, works from file://. */
(function () {
  "use strict";
  var root = document.documentElement;
  var KEY = "tusach-theme";

  // The theme is "light" or "dark" when the reader chose one (the
  // <html data-theme> that base.html's inline script sets from storage),
  // else "system": the colours follow prefers-color-scheme.
  function chosen() {
    var set = root.getAttribute("data-theme");
    return set === "light" || set === "dark" ? set : "system";
  }

  function systemDark() {
    return !!(window.matchMedia && window.matchMedia("(prefers-color-scheme: dark)").matches);
  }

  // next is the choice after mode: from the system's, first the other
  // look (so that the first press changes what the reader sees), then the
  // system's look chosen for good, then the system again.
  function next(mode) {
    var other = systemDark() ? "light" : "dark", same = other === "dark" ? "light" : "dark";
    return mode === "system" ? other : mode === other ? same : "system";
  }

  function setupToggle() {
    var btn = document.querySelector(".theme-toggle");
    if (!btn) return;
    var state = btn.querySelector(".theme-state");
    function show(mode) {
      var name = btn.getAttribute("data-l-" + mode) || mode;
      if (state) state.textContent = name;
      btn.setAttribute("aria-label", (btn.getAttribute("data-l-label") || "") + ": " + name);
      btn.setAttribute("data-mode", mode);
    }
    btn.hidden = false;
    show(chosen());
    btn.addEventListener("click", function () {
      var mode = next(chosen());
      if (mode === "system") root.removeAttribute("data-theme");
      else root.setAttribute("data-theme", mode);
      show(mode);
      try { localStorage.setItem(KEY, mode); } catch (e) { /* storage off: the choice lasts this page */ }
    });
  }

  // On paper every review answer is open (an answer key): style.css opens
  // their content where the browser has ::details-content; this opens the
  // others before printing and closes them again after.
  function setupPrint() {
    var opened = [];
    window.addEventListener("beforeprint", function () {
      document.querySelectorAll("details.answer:not([open])").forEach(function (d) {
        d.open = true;
        opened.push(d);
      });
    });
    window.addEventListener("afterprint", function () {
      opened.forEach(function (d) { d.open = false; });
      opened = [];
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

  function start() { setupToggle(); setupAnchors(); setupPrint(); }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
