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

  // setupTOC marks the table of contents' link to the section being read
  // (the last whose start is above a line near the top of the window) with
  // class "is-current" and aria-current, keeps it in view in a TOC that
  // scrolls, and shows the back-to-top link once the reader is a screen
  // down. The targets are in document order, so a binary search finds it.
  function setupTOC() {
    var links = document.querySelectorAll(".toc a[href^='#']");
    var top = document.querySelector(".to-top");
    var toc = document.querySelector(".toc");
    if (!links.length && !top) return;
    var targets = [], anchors = [];
    for (var i = 0; i < links.length; i++) {
      var el = document.getElementById(decodeURIComponent(links[i].getAttribute("href").slice(1)));
      if (el) { targets.push(el); anchors.push(links[i]); }
    }
    var current = null, queued = false;
    function update() {
      queued = false;
      var line = Math.min(window.innerHeight * 0.25, 160);
      var lo = 0, hi = targets.length - 1, found = -1;
      while (lo <= hi) {
        var mid = (lo + hi) >> 1;
        if (targets[mid].getBoundingClientRect().top <= line) { found = mid; lo = mid + 1; } else hi = mid - 1;
      }
      var next = found >= 0 ? anchors[found] : null;
      if (next !== current) {
        if (current) { current.classList.remove("is-current"); current.removeAttribute("aria-current"); }
        if (next) {
          next.classList.add("is-current");
          next.setAttribute("aria-current", "location");
          if (toc && toc.scrollHeight > toc.clientHeight + 1) {
            var t = next.offsetParent === toc ? next.offsetTop : next.offsetTop - toc.offsetTop;
            if (t < toc.scrollTop || t > toc.scrollTop + toc.clientHeight - next.offsetHeight) {
              toc.scrollTop = t - toc.clientHeight / 3;
            }
          }
        }
        current = next;
      }
      if (top) top.hidden = window.scrollY < window.innerHeight;
    }
    function queue() { if (!queued) { queued = true; window.requestAnimationFrame(update); } }
    window.addEventListener("scroll", queue, { passive: true });
    window.addEventListener("resize", queue);
    update();
  }

  function start() { setupToggle(); setupAnchors(); setupPrint(); setupTOC(); }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
