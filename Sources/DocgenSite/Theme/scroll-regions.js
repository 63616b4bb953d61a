/* docgen: a display formula, a table or a code block too wide for the text column scrolls sideways
   inside its box (.math-display, .table-wrap, pre). While it overflows, the box is a named region in the tab order
   (tabindex="0", role="region", aria-label "Equation (2.1), scrolls sideways", names unique on the
   page), so it can be
   scrolled from the keyboard; once it fits again it is a plain box, so formulas that fit add no tab
   stops. Checked on load, when the fonts have arrived (they change the width of formulas) and on
   every resize. */
(function () {
  "use strict";

  var BOXES = ".math-display, .table-wrap, pre";

  /* What the box shows, in a few words: a table's number or its column headings, an equation's
     number or the formula's own text. */
  function describe(box) {
    var figure = box.closest("figure");
    if (box.classList.contains("table-wrap")) {
      var number = figure && figure.querySelector(".table-number, .table-label");
      if (number) { return number.textContent.trim(); }
      var headings = Array.prototype.map.call(box.querySelectorAll("th"), function (th) { return th.textContent.trim(); });
      return "Table" + (headings.length ? ": " + shorten(headings.join(", ")) : "");
    }
    if (box.tagName === "PRE") {
      var code = box.querySelector("code[class^='language-']");
      return "Code" + (code ? " (" + code.className.replace("language-", "") + ")" : "");
    }
    var equation = box.querySelector(".equation-number");
    if (equation) { return "Equation " + equation.textContent.trim(); }
    var tokens = box.querySelectorAll("mi, mn, mo, mtext, ms");
    var text = Array.prototype.map.call(tokens, function (token) { return token.textContent; }).join("");
    return "Formula" + (text ? ": " + shorten(text) : "");
  }

  function shorten(text) {
    text = text.replace(/\s+/g, " ").trim();
    return text.length > 60 ? text.slice(0, 59) + "…" : text;
  }

  function update() {
    var boxes = document.querySelectorAll(BOXES);
    var used = {};
    for (var i = 0; i < boxes.length; i++) {
      var box = boxes[i];
      var overflows = box.scrollWidth > box.clientWidth + 1;
      if (overflows) {
        /* Regions are landmarks: each needs a name of its own on the page. */
        var name = describe(box), count = (used[name] || 0) + 1;
        used[name] = count;
        box.setAttribute("data-scroll-region", "");
        box.setAttribute("tabindex", "0");
        box.setAttribute("role", "region");
        box.setAttribute("aria-label", name + (count > 1 ? " (" + count + ")" : "") + ", scrolls sideways");
      } else if (box.hasAttribute("data-scroll-region")) {
        box.removeAttribute("data-scroll-region");
        box.removeAttribute("tabindex");
        box.removeAttribute("role");
        box.removeAttribute("aria-label");
      }
    }
  }

  var pending = false;
  function schedule() {
    if (pending) { return; }
    pending = true;
    window.requestAnimationFrame(function () { pending = false; update(); });
  }

  window.docgen = window.docgen || {};
  window.docgen.updateScrollRegions = update;

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", update);
  } else {
    update();
  }
  window.addEventListener("load", update);
  window.addEventListener("resize", schedule);
  if (document.fonts && document.fonts.ready) { document.fonts.ready.then(update); }
})();
