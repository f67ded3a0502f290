// mermaid/mermaid.min.js is Mermaid 11.17.2 (npm package `mermaid`, dist/mermaid.min.js), unchanged; MIT, its LICENSE beside it.
// Draws the page's ```mermaid blocks (<pre class="mermaid">) once mermaid.min.js has loaded.
// A file of its own, not an inline script, so a `script-src 'self'` policy allows it. Mermaid
// styles each diagram with a <style> element inside its SVG, which a `style-src 'self'` policy
// blocks (the boxes come out black): the styles are taken out before the SVG joins the page and
// adopted as constructed style sheets instead, which the policy allows. The diagram's font is
// the page's, so that text is measured as it will be shown.
(function () {
  "use strict";
  if (typeof mermaid === "undefined") return;
  var dark = window.matchMedia && window.matchMedia("(prefers-color-scheme: dark)").matches;
  var body = window.getComputedStyle(document.body);
  mermaid.initialize({
    startOnLoad: false,
    securityLevel: "strict",
    theme: dark ? "dark" : "default",
    fontFamily: body.fontFamily,
    themeVariables: { fontFamily: body.fontFamily, fontSize: body.fontSize }
  });
  var blocks = document.querySelectorAll("pre.mermaid");
  var adopt = "adoptedStyleSheets" in document && typeof CSSStyleSheet === "function";

  function draw(index) {
    if (index >= blocks.length) return;
    var pre = blocks[index];
    mermaid.render("plnsite-mermaid-" + index, pre.textContent).then(function (out) {
      var holder = document.createElement("template");  // inert: its <style> applies to nothing yet
      holder.innerHTML = out.svg;
      holder.content.querySelectorAll("style").forEach(function (style) {
        if (adopt) {
          var sheet = new CSSStyleSheet();
          sheet.replaceSync(style.textContent);
          document.adoptedStyleSheets = document.adoptedStyleSheets.concat([sheet]);
        }
        style.remove();
      });
      pre.replaceChildren(holder.content);
      pre.classList.add("mermaid-drawn");
    }).catch(function (error) {
      pre.classList.add("mermaid-error");
      pre.title = String(error && error.message || error);
    }).then(function () { draw(index + 1); });
  }
  draw(0);
})();
