// tusach live reload. Injected by `tusach serve` only, never into `tusach build` output.
// Listens on Server-Sent Events: "reload" after a newer build has finished (the page
// reloads, keeping its scroll position), "errors" while the latest build failed (an
// overlay lists them; built with textContent, so nothing in them is markup).
(function () {
  "use strict";
  var me = document.currentScript;
  if (!me || !window.EventSource) return;
  var build = me.getAttribute("data-build") || "";
  var events = me.src.replace(/livereload\.js(\?.*)?$/, "events") + "?since=" + encodeURIComponent(build);
  var page = location.pathname + location.search;
  var key = "tusach-livereload-scroll";
  var en = /^en\b/i.test(document.documentElement.getAttribute("lang") || "");
  // No build id: this is the error page shown before any build succeeded,
  // so there is no last good version to speak of.
  var text = en
    ? { title: build ? "Build failed — still showing the last good version"
                     : "Build failed — nothing to show yet; fix the errors and the page reloads by itself", close: "Close" }
    : { title: build ? "Dựng trang thất bại — đang hiển thị bản tốt gần nhất"
                     : "Dựng trang thất bại — chưa có bản nào để hiển thị; sửa lỗi là trang tự tải lại", close: "Đóng" };

  // Put the page back where it was before a reload of this same page.
  try {
    var kept = JSON.parse(sessionStorage.getItem(key) || "null");
    sessionStorage.removeItem(key);
    if (kept && kept.page === page) {
      var restore = function () { window.scrollTo({ left: kept.x, top: kept.y, behavior: "instant" }); };
      if (document.readyState === "complete") restore();
      else window.addEventListener("load", restore);
    }
  } catch (e) { /* storage disabled: reload without keeping the position */ }

  function reload() {
    try {
      sessionStorage.setItem(key, JSON.stringify({ page: page, x: window.scrollX, y: window.scrollY }));
    } catch (e) { /* ignore */ }
    location.reload();
  }

  function hideErrors() {
    var old = document.getElementById("tusach-errors");
    if (old) old.parentNode.removeChild(old);
  }

  function showErrors(list) {
    hideErrors();
    var box = document.createElement("div");
    box.id = "tusach-errors";
    box.setAttribute("role", "alert");
    box.style.cssText = "position:fixed;z-index:2147483647;left:0;right:0;bottom:0;max-height:60vh;overflow:auto;" +
      "margin:0;padding:1rem 1.25rem;background:#2b0b0b;color:#ffe9e9;border-top:4px solid #e5484d;" +
      "font:14px/1.5 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;box-shadow:0 -4px 24px rgba(0,0,0,.4)";
    var close = document.createElement("button");
    close.type = "button";
    close.textContent = text.close;
    close.style.cssText = "float:right;font:inherit;cursor:pointer";
    close.addEventListener("click", hideErrors);
    var title = document.createElement("strong");
    title.textContent = text.title;
    var items = document.createElement("ul");
    items.style.cssText = "margin:.5rem 0 0;padding-left:1.25rem;white-space:pre-wrap";
    for (var i = 0; i < list.length; i++) {
      var li = document.createElement("li");
      li.textContent = String(list[i] && list[i].text);
      items.appendChild(li);
    }
    box.appendChild(close);
    box.appendChild(title);
    box.appendChild(items);
    (document.body || document.documentElement).appendChild(box);
  }

  var source = new EventSource(events);
  source.addEventListener("reload", function () {
    source.close();
    hideErrors();
    reload();
  });
  source.addEventListener("errors", function (ev) {
    var list;
    try { list = JSON.parse(ev.data); } catch (e) { return; }
    if (Array.isArray(list) && list.length) showErrors(list);
    else hideErrors();
  });
  // EventSource reconnects by itself when the server goes away and comes back;
  // the new server's builds have new ids, so the page then reloads.
})();
