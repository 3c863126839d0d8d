/* tusach: reading offline from a web server. Links the web app manifest,
   registers the site's service worker (sw.js at the site root, found from this script's own address, so
   any sub-path works) and adds to the footer a "Lưu để đọc ngoại tuyến"
   button that caches the whole site, with its progress. Only over http(s)
   where the browser has service workers (https, or http on localhost):
   opened from disk (file://) the site works without it, and this script does
   nothing. */
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
  var en = /^en\b/i.test(document.documentElement.lang || "");
  var T = en ? {
    save: "Save for offline reading",
    saving: "Saving for offline reading… {done}/{total}",
    saved: "The whole site is saved: you can read it without a network.",
    failed: "{failed} of {total} files could not be saved: try again when the network is back.",
    error: "Could not save the site: {error}"
  } : {
    save: "Lưu để đọc ngoại tuyến",
    saving: "Đang lưu để đọc ngoại tuyến… {done}/{total}",
    saved: "Đã lưu toàn bộ trang: có thể đọc khi không có mạng.",
    failed: "Không lưu được {failed}/{total} tệp: hãy thử lại khi có mạng.",
    error: "Không lưu được trang: {error}"
  };

  function say(key, m) {
    return T[key].replace(/\{(\w+)\}/g, function (_, k) { return m && m[k] != null ? m[k] : ""; });
  }

  var box, button, bar, status;

  function ui() {
    if (box) return;
    var footer = document.querySelector(".site-footer") || document.body;
    box = document.createElement("p");
    box.className = "offline-save";
    button = document.createElement("button");
    button.type = "button";
    button.textContent = T.save;
    bar = document.createElement("progress");
    bar.hidden = true;
    bar.max = 1;
    bar.value = 0;
    bar.style.marginLeft = ".5em";
    status = document.createElement("span");
    status.className = "muted";
    status.setAttribute("role", "status");
    status.style.marginLeft = ".5em";
    box.appendChild(button);
    box.appendChild(bar);
    box.appendChild(status);
    footer.appendChild(box);
    button.addEventListener("click", function () {
      button.disabled = true;
      bar.hidden = false;
      bar.removeAttribute("value");
      sw.ready.then(function (reg) { reg.active.postMessage({ type: "tusach-save" }); });
    });
  }

  sw.addEventListener("message", function (e) {
    var m = e.data || {};
    if (m.type === "tusach-status") {
      ui();
      if (m.saved) { button.hidden = true; status.textContent = T.saved; }
      if (m.saving) { button.disabled = true; bar.hidden = false; }
    } else if (m.type === "tusach-progress") {
      ui();
      button.disabled = true;
      bar.hidden = false;
      bar.max = m.total;
      bar.value = m.done;
      status.textContent = say("saving", m);
    } else if (m.type === "tusach-saved") {
      ui();
      bar.hidden = true;
      button.disabled = false;
      if (m.failed === 0) { button.hidden = true; status.textContent = T.saved; }
      else if (m.failed > 0) status.textContent = say("failed", m);
      else status.textContent = say("error", m);
    }
  });

  /* A new build's worker took over: let it finish its own caching. */
  sw.addEventListener("controllerchange", function () {
    if (sw.controller) {
      sw.controller.postMessage({ type: "tusach-status" });
      sw.controller.postMessage({ type: "tusach-warm" });
    }
  });

  window.addEventListener("load", function () {
    sw.register(root + "sw.js").then(function () {
      return sw.ready;
    }).then(function (reg) {
      reg.active.postMessage({ type: "tusach-status" });
      reg.active.postMessage({ type: "tusach-warm" });
    }).catch(function (err) {
      /* No service worker here (a private window, or offline while looking
         for a new build): the page works without it. */
      console.warn("tusach: offline reading:", err && err.message || err);
    });
  });
})();
