/* docgen site script: theme toggle, chapter menu on narrow screens, on-page contents folding and
   highlight, copy buttons on code, ←/→ between chapters. Search is in search.js. No network access. */
(function () {
  "use strict";

  var root = document.documentElement;
  var THEME_KEY = "docgen-theme";

  /* ---------- Theme ---------- */

  function storedTheme() {
    try {
      var value = window.localStorage.getItem(THEME_KEY);
      return value === "light" || value === "dark" ? value : null;
    } catch (e) {
      return null; /* storage can be unavailable on file:// or in private windows */
    }
  }

  function systemTheme() {
    return window.matchMedia && window.matchMedia("(prefers-color-scheme: dark)").matches ? "dark" : "light";
  }

  function applyTheme(theme) {
    root.setAttribute("data-theme", theme);
    var toggle = document.querySelector(".theme-toggle");
    if (toggle) {
      var other = theme === "dark" ? "light" : "dark";
      toggle.setAttribute("aria-label", "Switch to " + other + " theme");
      toggle.setAttribute("aria-pressed", theme === "dark" ? "true" : "false");
    }
  }

  function setupTheme() {
    applyTheme(storedTheme() || systemTheme());
    var toggle = document.querySelector(".theme-toggle");
    if (toggle) {
      toggle.addEventListener("click", function () {
        var next = root.getAttribute("data-theme") === "dark" ? "light" : "dark";
        applyTheme(next);
        try { window.localStorage.setItem(THEME_KEY, next); } catch (e) { /* not remembered; still applied */ }
      });
    }
    if (window.matchMedia) {
      var query = window.matchMedia("(prefers-color-scheme: dark)");
      var follow = function () { if (!storedTheme()) { applyTheme(systemTheme()); } };
      if (query.addEventListener) { query.addEventListener("change", follow); }
    }
  }

  /* ---------- Chapter menu (narrow screens) ---------- */

  function setupSidebar() {
    var button = document.querySelector(".sidebar-toggle");
    var backdrop = document.querySelector(".sidebar-backdrop");
    var body = document.body;
    if (!button) { return; }
    function setOpen(open) {
      body.classList.toggle("sidebar-open", open);
      button.setAttribute("aria-expanded", open ? "true" : "false");
      button.setAttribute("aria-label", open ? "Hide chapters" : "Show chapters");
      if (backdrop) { backdrop.hidden = !open; }
    }
    button.addEventListener("click", function () { setOpen(!body.classList.contains("sidebar-open")); });
    if (backdrop) { backdrop.addEventListener("click", function () { setOpen(false); }); }
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && body.classList.contains("sidebar-open")) { setOpen(false); button.focus(); }
    });
    var current = document.querySelector('.sidebar a[aria-current="page"]');
    if (current && current.scrollIntoView) { current.scrollIntoView({ block: "nearest" }); }
  }

  /* ---------- On-page contents: mark the section being read ---------- */

  /* The on-page contents sit beside the text on wide screens (always open) and above it otherwise,
     where they start folded so the chapter text comes first. */
  function setupTocFolding() {
    var details = document.querySelector(".toc details");
    if (!details || !window.matchMedia) { return; }
    var wide = window.matchMedia("(min-width: 76rem)");
    function sync() { details.open = wide.matches; }
    sync();
    if (wide.addEventListener) { wide.addEventListener("change", sync); }
  }

  function setupTocHighlight() {
    var links = Array.prototype.slice.call(document.querySelectorAll(".toc a[href^='#']"));
    if (!links.length || !("IntersectionObserver" in window)) { return; }
    var byId = {};
    var headings = [];
    links.forEach(function (link) {
      var id = decodeURIComponent(link.getAttribute("href").slice(1));
      var heading = document.getElementById(id);
      if (heading) { byId[id] = link; headings.push(heading); }
    });
    var visible = {};
    function update() {
      var active = null;
      for (var i = 0; i < headings.length; i++) {
        if (visible[headings[i].id]) { active = headings[i].id; break; }
      }
      if (!active) {
        for (var j = headings.length - 1; j >= 0; j--) {
          if (headings[j].getBoundingClientRect().top < 120) { active = headings[j].id; break; }
        }
      }
      links.forEach(function (link) { link.classList.remove("active"); });
      if (active && byId[active]) { byId[active].classList.add("active"); }
    }
    var observer = new IntersectionObserver(function (entries) {
      entries.forEach(function (entry) { visible[entry.target.id] = entry.isIntersecting; });
      update();
    }, { rootMargin: "-60px 0px -55% 0px" });
    headings.forEach(function (heading) { observer.observe(heading); });
  }

  /* ---------- Code blocks: a copy button ---------- */

  function copyText(text, done) {
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(text).then(done, function () { legacyCopy(text, done); });
    } else {
      legacyCopy(text, done);
    }
  }

  function legacyCopy(text, done) {
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    var ok = false;
    try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
    document.body.removeChild(area);
    if (ok) { done(); }
  }

  function setupCopyButtons() {
    document.querySelectorAll(".chapter-body pre > code").forEach(function (code) {
      var pre = code.parentNode;
      var button = document.createElement("button");
      button.type = "button";
      button.className = "copy-button";
      button.textContent = "Copy";
      button.setAttribute("aria-label", "Copy code to clipboard");
      button.addEventListener("click", function () {
        copyText(code.textContent, function () {
          button.textContent = "Copied";
          setTimeout(function () { button.textContent = "Copy"; }, 1500);
        });
      });
      pre.classList.add("has-copy");
      pre.appendChild(button);
    });
  }

  /* ---------- Keyboard: ← and → go to the previous and next chapter ---------- */

  function setupChapterKeys() {
    document.addEventListener("keydown", function (event) {
      var target = event.target;
      if (event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) { return; }
      if (target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) { return; }
      var rel = event.key === "ArrowLeft" ? "prev" : event.key === "ArrowRight" ? "next" : null;
      if (!rel) { return; }
      var link = document.querySelector('.page-nav a[rel="' + rel + '"]');
      if (link) { window.location.href = link.href; }
    });
  }

  /* Exposed for tests and for authors' own scripts (search.js adds window.docgen.search). */
  window.docgen = window.docgen || {};
  window.docgen.applyTheme = applyTheme;

  function start() {
    setupTheme();
    setupSidebar();
    setupTocFolding();
    setupTocHighlight();
    setupCopyButtons();
    setupChapterKeys();
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
