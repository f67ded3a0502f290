// plnsite live reload. Served by `plnsite serve` only; never part of a built site.
// One stream for all tabs through a SharedWorker where the browser has one (so many open
// tabs never use up the browser's connections to the server); else an EventSource per tab
// that closes while the tab is hidden.
(function () {
  "use strict";
  var script = document.currentScript;
  var prefix = script.src.replace(/client\.js.*$/, "");
  var state = { version: parseInt(script.dataset.version || "0", 10), busy: false, pending: null };

  function here(urls) {
    var path = decodeURI(location.pathname).replace(/index\.html$/, "");
    for (var i = 0; i < urls.length; i++) {
      var url = decodeURI(urls[i]).replace(/index\.html$/, "");
      if (url === path) return true;
    }
    return false;
  }

  function swapStylesheets() {
    var links = document.querySelectorAll('link[rel~="stylesheet"]');
    var stamp = Date.now();
    links.forEach(function (link) {
      var url = new URL(link.href);
      url.searchParams.set("plnsite", stamp);
      var fresh = link.cloneNode();
      fresh.href = url.toString();
      fresh.onload = function () { link.remove(); };
      link.after(fresh);
    });
  }

  function apply(change) {
    if (change.reload || here(change.urls)) { location.reload(); return; }
    if (change.css) swapStylesheets();
  }

  function overlay(problems) {
    var box = document.getElementById("plnsite-overlay");
    if (!problems || problems.length === 0) { if (box) box.remove(); return; }
    if (!box) {
      box = document.createElement("div");
      box.id = "plnsite-overlay";
      box.setAttribute("role", "alert");
      box.style.cssText = "position:fixed;inset:0;z-index:2147483647;overflow:auto;margin:0;" +
        "padding:2rem;background:rgba(20,20,24,.94);color:#ffd7d7;font:14px/1.5 ui-monospace,monospace;";
      document.documentElement.appendChild(box);
    }
    box.textContent = "";
    var title = document.createElement("strong");
    title.textContent = "plnsite: the last save did not build";
    title.style.cssText = "display:block;color:#fff;font-size:16px;margin-bottom:1rem";
    box.appendChild(title);
    var list = document.createElement("pre");
    list.style.cssText = "white-space:pre-wrap;margin:0";
    list.textContent = problems.join("\n");
    box.appendChild(list);
  }

  function receive(data) {
    var msg;
    try { msg = JSON.parse(data); } catch (e) { return; }
    overlay(msg.problems);
    if (msg.version <= state.version) return;
    // A change that arrives while we ask about earlier ones is looked at afterwards, not lost.
    if (state.busy) { state.pending = data; return; }
    if (msg.version === state.version + 1) {
      state.version = msg.version;
      apply(msg);
      return;
    }
    // Missed changes (hidden tab, reconnect): ask which URLs changed since our version.
    state.busy = true;
    fetch(prefix + "changes?since=" + state.version, { cache: "no-store" })
      .then(function (r) { return r.json(); })
      .then(function (all) { state.version = all.version; apply(all); })
      .catch(function () {})
      .then(function () {
        state.busy = false;
        var next = state.pending;
        state.pending = null;
        if (next !== null) receive(next);
      });
  }

  if (window.SharedWorker) {
    var worker = new SharedWorker(prefix + "worker.js", { name: "plnsite-live-reload" });
    worker.port.onmessage = function (e) { receive(e.data); };
    worker.port.start();
    worker.port.postMessage({ hello: prefix + "events" });
    window.addEventListener("pagehide", function () { worker.port.postMessage({ bye: true }); });
    return;
  }

  var source = null;
  function open() {
    if (source) return;
    source = new EventSource(prefix + "events");
    source.onmessage = function (e) { receive(e.data); };
  }
  function close() { if (source) { source.close(); source = null; } }
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "hidden") close(); else open();
  });
  window.addEventListener("pagehide", close);
  if (document.visibilityState !== "hidden") open();
})();
