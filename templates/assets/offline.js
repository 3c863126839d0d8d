/* tusach: reading offline from a web server. Links the web app manifest,
   registers the site's service worker (sw.js at the site root, found from
   this script's own address, so any sub-path works) and shows the footer's
   "Lưu để đọc ngoại tuyến" box (templates/partials/footer.html, its strings
   in data-l-* attributes): the button first says how much the whole site
   weighs ("khoảng 52 MB"), from the worker, and saves it only when the
   reader confirms. Only over http(s) where the browser has service workers
   (https, or http on localhost): opened from disk (file://) the site works
   without it, and this script does nothing. */
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || !/^https?:$/.test(location.protocol)) return;
  var root = new URL("../", script.src).href;
  /* The manifest is linked from here, not from the HTML: from file:// the
     browser would try to fetch it and fail. */
  var manifest = document.createElement("link");
  manifest.rel = "manifest";
  manifest.href = root + "manifest.webmanifest";
  document.head.appendChild(manifest);
  if (!("serviceWorker" in navigator)) return;
  var sw = navigator.serviceWorker;
  var box, button, ask, bar, status, info = null;

  function L(key) { return box.getAttribute("data-l-" + key) || ""; }

  function say(key, m) {
    return L(key).replace(/\{(\w+)\}/g, function (_, k) { return m && m[k] != null ? m[k] : ""; });
  }

  /* size writes a number of bytes as readers write it: "850 KB", "52 MB",
     "1,2 GB" (1 MB = 1,000,000 bytes; one decimal below 10, with the
     language's decimal mark). */
  function size(n) {
    var units = ["B", "KB", "MB", "GB", "TB"], i = 0;
    while (n >= 999.5 && i < units.length - 1) { n /= 1000; i++; }
    var s = n < 10 && i > 0 ? (Math.round(n * 10) / 10).toFixed(1) : String(Math.round(n));
    if (/\.0$/.test(s)) s = s.slice(0, -2);
    return s.replace(".", L("decimal") || ".") + " " + units[i];
  }

  function post(msg) {
    sw.ready.then(function (reg) { if (reg.active) reg.active.postMessage(msg); });
  }

  function ui() {
    if (box) return !!button;
    box = document.querySelector(".offline-save");
    if (!box) return false;
    button = box.querySelector("button");
    status = box.querySelector("[role=status]");
    ask = document.createElement("span");
    ask.hidden = true;
    [["yes", function () {
      setAsking(false);
      busy();
      /* Ask the browser not to evict the copy when space runs low. */
      if (navigator.storage && navigator.storage.persist) navigator.storage.persist().catch(function () {});
      post({ type: "tusach-save" });
    }],
     ["no", function () { setAsking(false); status.textContent = ""; }]].forEach(function (b) {
      var el = document.createElement("button");
      el.type = "button";
      el.className = "offline-" + b[0];
      el.textContent = L(b[0]);
      el.style.marginLeft = ".5em";
      el.addEventListener("click", b[1]);
      ask.appendChild(el);
    });
    bar = document.createElement("progress");
    bar.hidden = true;
    bar.style.marginLeft = ".5em";
    box.insertBefore(ask, status);
    box.insertBefore(bar, status);
    button.addEventListener("click", function () {
      if (!info) return;
      status.textContent = say("ask", { size: size(info.bytes), files: info.files.toLocaleString(document.documentElement.lang || undefined) });
      setAsking(true);
    });
    box.hidden = false;
    return true;
  }

  function setAsking(on) {
    ask.hidden = !on;
    button.hidden = on;
  }

  function busy() {
    button.disabled = true;
    bar.hidden = false;
    bar.removeAttribute("value");
  }

  sw.addEventListener("message", function (e) {
    var m = e.data || {};
    if (!/^tusach-/.test(m.type || "") || !ui()) return;
    if (m.type === "tusach-status") {
      info = m;
      if (m.saved) { button.hidden = true; status.textContent = L("saved"); }
      else if (m.saving || m.wanted) busy();
    } else if (m.type === "tusach-progress") {
      busy();
      bar.max = m.total || 1;
      bar.value = m.done;
      status.textContent = say(m.kind === "update" ? "updating" : "saving", m);
    } else if (m.type === "tusach-saved") {
      /* An update cut short carries on as a save once the new worker takes over. */
      if (m.kind === "update" && m.failed < 0 && m.code !== "quota") return;
      bar.hidden = true;
      button.disabled = false;
      if (m.failed === 0) { button.hidden = true; status.textContent = L("saved"); }
      else if (m.failed > 0) status.textContent = say("failed", m);
      else if (m.code === "changed") busy(); // the new build's worker saves it once it takes over
      else if (m.code === "quota") status.textContent = L("quota");
      else status.textContent = say("error", m);
    }
  });

  /* A new build's worker took over: ask it how things stand. */
  sw.addEventListener("controllerchange", function () {
    if (sw.controller) sw.controller.postMessage({ type: "tusach-status" });
  });

  window.addEventListener("load", function () {
    sw.register(root + "sw.js").then(function () {
      return sw.ready;
    }).then(function (reg) {
      reg.active.postMessage({ type: "tusach-status" });
    }).catch(function (err) {
      /* No service worker here (a private window, or offline while looking
         for a new build): the page works without it. */
      console.warn("tusach: offline reading:", err && err.message || err);
    });
  });
})();
