// mermaid/mermaid.min.js is Mermaid 11.17.2 (npm package `mermaid`, dist/mermaid.min.js), unchanged; MIT, its LICENSE beside it.
// Draws the page's ```mermaid blocks (<pre class="mermaid">) once mermaid.min.js has loaded.
// A file of its own, not an inline script, so a `script-src 'self'` policy allows it.
(function () {
  "use strict";
  if (typeof mermaid === "undefined") return;
  var dark = window.matchMedia && window.matchMedia("(prefers-color-scheme: dark)").matches;
  mermaid.initialize({ startOnLoad: false, securityLevel: "strict", theme: dark ? "dark" : "default" });
  mermaid.run({ querySelector: "pre.mermaid" });
})();
