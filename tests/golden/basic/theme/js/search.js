// The search page: Pagefind's own interface over the index that `plnsite build` writes into
// pagefind/. Loaded from the site itself (no inline script), so it runs under a
// Content-Security-Policy of script-src 'self' 'wasm-unsafe-eval'.
(function () {
  "use strict";
  var box = document.getElementById("search");
  if (!box) { return; }
  var bundle = box.getAttribute("data-bundle");
  var query = new URLSearchParams(window.location.search).get("q") || "";
  var header = document.getElementById("site-search-q");
  if (header && query) { header.value = query; }

  function unavailable() {
    box.hidden = true;
    var note = document.querySelector(".search-unavailable");
    if (note) { note.hidden = false; }
  }

  var sheet = document.createElement("link");
  sheet.rel = "stylesheet";
  sheet.href = bundle + "pagefind-ui.css";
  document.head.appendChild(sheet);

  var script = document.createElement("script");
  script.src = bundle + "pagefind-ui.js";
  script.onerror = unavailable;
  script.onload = function () {
    if (typeof window.PagefindUI !== "function") { unavailable(); return; }
    var ui = new window.PagefindUI({
      element: "#search",
      bundlePath: bundle,
      // Result URLs are written site-relative: a site under a sub-path puts them under it.
      baseUrl: box.getAttribute("data-base-url") || "/",
      showSubResults: true,
      showImages: false,
      autofocus: !query
    });
    // Pagefind labels its box by a title only: the page's heading becomes its visible label.
    var input = box.querySelector(".pagefind-ui__search-input");
    var heading = document.querySelector("main h1");
    if (input && heading) {
      input.id = "search-words";
      var label = document.createElement("label");
      label.htmlFor = input.id;
      label.textContent = heading.textContent;
      heading.textContent = "";
      heading.appendChild(label);
    }
    if (query) { ui.triggerSearch(query); }
  };
  document.head.appendChild(script);
})();
