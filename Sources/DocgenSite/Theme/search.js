/* docgen site search: client-side over window.DOCGEN_SEARCH (assets/search-index.js, a script so it
   loads from file://). Every query word must occur in the page title, section heading or section text;
   results link to page#section. Keys: / (or Ctrl+K) focuses the box, arrows move, Enter opens, Escape closes.
   ARIA 1.2's combobox pattern: the text box (role="combobox", aria-expanded, aria-controls) owns the
   listbox of results; aria-activedescendant names the selected option while focus stays in the box. */
(function () {
  "use strict";

  /* Lower-case and strip accents one UTF-16 unit at a time, so positions in the folded text
     are positions in the original text (needed to cut snippets). */
  var foldCache = {};
  function fold(text) {
    var out = "";
    for (var i = 0; i < text.length; i++) {
      var c = text.charAt(i);
      var f = foldCache[c];
      if (f === undefined) {
        f = c.toLowerCase();
        if (f.length === 1 && f.normalize) {
          var base = f.normalize("NFD").charAt(0);
          if (base.length === 1) { f = base; }
        }
        if (f.length !== 1) { f = c; }
        foldCache[c] = f;
      }
      out += f;
    }
    return out;
  }

  function terms(query) {
    return fold(query).split(/[^0-9a-z\u00c0-\uffff]+/).filter(function (t) { return t.length > 0; });
  }

  var entries = null;
  function searchEntries() {
    if (entries) { return entries; }
    entries = [];
    var data = window.DOCGEN_SEARCH;
    if (!data || !data.pages) { return entries; }
    data.pages.forEach(function (page, pageIndex) {
      page.sections.forEach(function (section, sectionIndex) {
        entries.push({
          page: page, section: section, order: pageIndex * 10000 + sectionIndex,
          title: fold(page.title), heading: fold(section.heading), text: fold(section.text)
        });
      });
    });
    return entries;
  }

  function isWordStart(text, index) {
    return index === 0 || /[^0-9a-z\u00c0-\uffff]/.test(text.charAt(index - 1));
  }

  function scoreField(field, term, weight) {
    var index = field.indexOf(term);
    if (index < 0) { return 0; }
    return weight * (isWordStart(field, index) ? 2 : 1);
  }

  /* Every term must occur in the page title, the section heading or the section text. */
  function search(query) {
    var words = terms(query);
    if (!words.length) { return []; }
    var results = [];
    searchEntries().forEach(function (entry) {
      var total = 0;
      for (var i = 0; i < words.length; i++) {
        var word = words[i];
        var score = scoreField(entry.heading, word, 12) + scoreField(entry.title, word, 4);
        var textIndex = entry.text.indexOf(word);
        if (textIndex >= 0) {
          var count = 0, from = 0;
          while (count < 5 && (from = entry.text.indexOf(word, from)) >= 0) { count++; from += word.length; }
          score += count * (isWordStart(entry.text, textIndex) ? 2 : 1);
        }
        if (score === 0) { return; }
        total += score;
      }
      results.push({ entry: entry, score: total, words: words });
    });
    results.sort(function (a, b) { return b.score - a.score || a.entry.order - b.entry.order; });
    return results.slice(0, 15);
  }

  /* Appends text to a node with every occurrence of a search word wrapped in <mark>. */
  function appendHighlighted(node, text, words) {
    var folded = fold(text);
    var position = 0;
    while (position < text.length) {
      var best = -1, length = 0;
      words.forEach(function (word) {
        var index = folded.indexOf(word, position);
        if (index >= 0 && (best < 0 || index < best)) { best = index; length = word.length; }
      });
      if (best < 0) { break; }
      if (best > position) { node.appendChild(document.createTextNode(text.slice(position, best))); }
      var mark = document.createElement("mark");
      mark.textContent = text.slice(best, best + length);
      node.appendChild(mark);
      position = best + length;
    }
    if (position < text.length) { node.appendChild(document.createTextNode(text.slice(position))); }
  }

  function snippet(entry, words) {
    var text = entry.section.text;
    var first = -1;
    words.forEach(function (word) {
      var index = entry.text.indexOf(word);
      if (index >= 0 && (first < 0 || index < first)) { first = index; }
    });
    if (first < 0) { first = 0; }
    var start = Math.max(0, first - 60);
    if (start > 0) {
      var space = text.indexOf(" ", start);
      if (space >= 0 && space < first) { start = space + 1; }
    }
    var end = Math.min(text.length, start + 180);
    if (end < text.length) {
      var lastSpace = text.lastIndexOf(" ", end);
      if (lastSpace > first) { end = lastSpace; }
    }
    return (start > 0 ? "… " : "") + text.slice(start, end) + (end < text.length ? " …" : "");
  }

  function setupSearch() {
    var input = document.getElementById("search-input");
    var list = document.getElementById("search-results");
    if (!input || !list) { return; }
    var selected = -1;

    function options() { return list.querySelectorAll(".search-result"); }

    function select(index) {
      var items = options();
      if (!items.length) { selected = -1; input.removeAttribute("aria-activedescendant"); return; }
      selected = (index + items.length) % items.length;
      for (var i = 0; i < items.length; i++) {
        items[i].setAttribute("aria-selected", i === selected ? "true" : "false");
      }
      input.setAttribute("aria-activedescendant", items[selected].id);
      if (items[selected].scrollIntoView) { items[selected].scrollIntoView({ block: "nearest" }); }
    }

    function close() {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      selected = -1;
    }

    function render() {
      var query = input.value;
      while (list.firstChild) { list.removeChild(list.firstChild); }
      if (!terms(query).length) { close(); return; }
      var results = search(query);
      if (!results.length) {
        var empty = document.createElement("div");
        empty.className = "search-empty";
        /* The list is an ARIA listbox, which holds options only: the message is one that cannot be chosen. */
        empty.setAttribute("role", "option");
        empty.setAttribute("aria-disabled", "true");
        empty.textContent = "No results for “" + query.trim() + "”";
        list.appendChild(empty);
      }
      results.forEach(function (result, index) {
        var entry = result.entry;
        var link = document.createElement("a");
        link.className = "search-result";
        link.id = "search-result-" + index;
        link.setAttribute("role", "option");
        link.setAttribute("aria-selected", "false");
        link.href = entry.page.href + (entry.section.anchor ? "#" + entry.section.anchor : "");
        var title = document.createElement("span");
        title.className = "search-result-title";
        var pageName = (entry.page.number !== null ? entry.page.number + " " : "") + entry.page.title;
        if (entry.section.anchor) {
          var pageSpan = document.createElement("span");
          pageSpan.className = "search-result-page";
          pageSpan.textContent = pageName + " › ";
          title.appendChild(pageSpan);
          appendHighlighted(title, entry.section.heading, result.words);
        } else {
          appendHighlighted(title, pageName, result.words);
        }
        link.appendChild(title);
        if (entry.section.text) {
          var text = document.createElement("span");
          text.className = "search-result-snippet";
          appendHighlighted(text, snippet(entry, result.words), result.words);
          link.appendChild(text);
        }
        link.addEventListener("click", close);
        list.appendChild(link);
      });
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
      selected = -1;
      if (results.length) { select(0); }
    }

    input.addEventListener("input", render);
    input.addEventListener("focus", function () { if (input.value) { render(); } });
    input.addEventListener("keydown", function (event) {
      if (event.key === "ArrowDown") { event.preventDefault(); select(selected + 1); }
      else if (event.key === "ArrowUp") { event.preventDefault(); select(selected - 1); }
      else if (event.key === "Enter") {
        var items = options();
        if (items.length) { event.preventDefault(); items[Math.max(0, selected)].click(); }
      } else if (event.key === "Escape") {
        if (!list.hidden) { close(); } else { input.value = ""; input.blur(); }
      }
    });
    document.addEventListener("click", function (event) {
      if (!list.hidden && !event.target.closest(".search")) { close(); }
    });
    document.addEventListener("keydown", function (event) {
      var target = event.target;
      var typing = target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
      if (typing || event.altKey || event.metaKey || event.ctrlKey) {
        if ((event.ctrlKey || event.metaKey) && event.key === "k") { event.preventDefault(); input.focus(); input.select(); }
        return;
      }
      if (event.key === "/") { event.preventDefault(); input.focus(); input.select(); }
    });
  }

  window.docgen = window.docgen || {};
  window.docgen.search = search;

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setupSearch);
  } else {
    setupSearch();
  }
})();
