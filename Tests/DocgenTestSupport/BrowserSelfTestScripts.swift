// The JavaScript BrowserCheck injects into a copy of each page. Kept beside BrowserCheck.swift;
// both files depend on Foundation only, so they can be copied into another test target as they are.

enum BrowserSelfTestScripts {
    /// Runs first in `<head>`: records console errors, uncaught exceptions and failed resource loads.
    static let capture = #"""
    <script>
    window.__docgenErrors = [];
    (function () {
      var original = console.error;
      console.error = function () {
        window.__docgenErrors.push("console.error: " + Array.prototype.map.call(arguments, String).join(" "));
        return original.apply(console, arguments);
      };
      window.addEventListener("error", function (event) {
        var target = event.target;
        if (target && target !== window && (target.src || target.href)) {
          window.__docgenErrors.push("failed to load " + (target.src || target.href));
        } else {
          window.__docgenErrors.push("uncaught error: " + event.message + " at " + event.filename + ":" + event.lineno);
        }
      }, true);
      window.addEventListener("unhandledrejection", function (event) {
        window.__docgenErrors.push("unhandled promise rejection: " + event.reason);
      });
    })();
    </script>
    """#

    /// Runs last in `<body>`: after the load event, checks the page and writes the failures as JSON
    /// between markers into a `<pre id="docgen-selftest">`, which `--dump-dom` prints.
    static let checks = #"""
    <script>
    (function () {
      var config = window.__DOCGEN_SELFTEST_CONFIG;
      var failures = [];
      function fail(message) { failures.push(config.page + ": " + message); }
      function visible(element) { return element.offsetWidth > 0 && element.offsetHeight > 0; }

      function checkFigureVariants(theme) {
        document.querySelectorAll("figure").forEach(function (figure, index) {
          var light = figure.querySelector("img.fig-light"), dark = figure.querySelector("img.fig-dark");
          if (!light || !dark) { return; }
          var shown = theme === "dark" ? dark : light, hidden = theme === "dark" ? light : dark;
          if (!visible(shown)) { fail("figure " + (index + 1) + ": the " + theme + " variant is not shown in the " + theme + " theme"); }
          if (visible(hidden)) { fail("figure " + (index + 1) + ": both variants are shown in the " + theme + " theme"); }
        });
      }

      async function run() {
        var root = document.documentElement;
        document.querySelectorAll('link[rel="stylesheet"]').forEach(function (link) {
          if (!link.sheet) { fail("stylesheet not loaded: " + link.getAttribute("href")); }
        });
        if (document.fonts && document.fonts.ready) { await document.fonts.ready; }

        document.fonts.forEach(function (face) {
          if (face.status === "error") { fail("font failed to load: " + face.family); }
        });

        // Lazy images off screen or hidden (the other theme's figure) are not fetched yet: fetch them now,
        // so every image file is checked.
        var images = Array.prototype.slice.call(document.images);
        images.forEach(function (image) { if (image.loading === "lazy") { image.loading = "eager"; } });
        await Promise.all(images.map(function (image) {
          if (image.complete) { return null; }
          return new Promise(function (resolve) {
            image.addEventListener("load", resolve);
            image.addEventListener("error", resolve);
            setTimeout(resolve, 5000);
          });
        }));
        images.forEach(function (image) {
          if (!image.complete || image.naturalWidth === 0) { fail("image not loaded: " + image.getAttribute("src")); }
        });

        var maths = document.querySelectorAll("math");
        maths.forEach(function (math, index) {
          var box = math.getBoundingClientRect();
          if (!(box.width > 0 && box.height > 0)) { fail("math element " + (index + 1) + " has no size (" + box.width + "×" + box.height + ")"); }
        });
        if (maths.length) {
          var faces = [];
          document.fonts.forEach(function (face) { faces.push(face); });
          var latinModern = faces.filter(function (face) { return face.family.replace(/["']/g, "") === "Latin Modern Math"; });
          if (!latinModern.length) {
            fail("no @font-face for Latin Modern Math");
          } else {
            await Promise.all(latinModern.map(function (face) { return face.load().catch(function () {}); }));
            if (!latinModern.some(function (face) { return face.status === "loaded"; })) {
              fail("the Latin Modern Math font file did not load (status " + latinModern[0].status + ")");
            }
          }
          if (getComputedStyle(maths[0]).fontFamily.indexOf("Latin Modern Math") < 0) {
            fail("math is not set in Latin Modern Math: " + getComputedStyle(maths[0]).fontFamily);
          }
        }

        // The printable edition (print.html) is light only, without search or theme toggle.
        var printable = document.body.classList.contains("printable");
        if (printable && root.getAttribute("data-theme") !== "light") { fail("the printable edition is not light"); }
        var input = document.getElementById("search-input");
        if (config.searches.length && !printable) {
          if (!input) {
            fail("no search box (#search-input)");
          } else {
            input.blur();
            document.body.dispatchEvent(new KeyboardEvent("keydown", { key: "/", bubbles: true, cancelable: true }));
            if (document.activeElement !== input) { fail("pressing / does not focus the search box"); }
            config.searches.forEach(function (search) {
              input.value = search.query;
              input.dispatchEvent(new Event("input", { bubbles: true }));
              var hrefs = Array.prototype.map.call(document.querySelectorAll("#search-results a"),
                                                   function (link) { return link.getAttribute("href"); });
              if (!hrefs.some(function (href) { return href.split("#")[0] === search.expectedPage; })) {
                fail("searching \"" + search.query + "\" does not list " + search.expectedPage + " (got " + JSON.stringify(hrefs) + ")");
              }
              var results = document.getElementById("search-results");
              if (hrefs.length && results && !visible(results)) { fail("search results are not visible"); }
            });
            input.value = "";
            input.dispatchEvent(new Event("input", { bubbles: true }));
            input.blur();
          }
        }

        var toggle = document.querySelector(".theme-toggle");
        if (printable) {
          // nothing to toggle
        } else if (!toggle) {
          fail("no theme toggle (.theme-toggle)");
        } else {
          var before = root.getAttribute("data-theme");
          var backgroundBefore = getComputedStyle(document.body).backgroundColor;
          checkFigureVariants(before);
          toggle.click();
          var after = root.getAttribute("data-theme");
          if (after === before || (after !== "light" && after !== "dark")) { fail("the theme toggle does not switch the theme (" + before + " → " + after + ")"); }
          if (getComputedStyle(document.body).backgroundColor === backgroundBefore) { fail("the theme toggle does not change the page colours"); }
          checkFigureVariants(after);
          var stored = null, storageWorks = true;
          try { stored = window.localStorage.getItem("docgen-theme"); } catch (error) { storageWorks = false; }
          if (storageWorks && stored !== after) { fail("the theme choice is not remembered (stored " + stored + ")"); }
          toggle.click();
          if (root.getAttribute("data-theme") !== before) { fail("toggling twice does not restore the theme"); }
        }

        performance.getEntriesByType("resource").forEach(function (entry) {
          if (!/^(file|data|blob|about):/.test(entry.name)) { fail("network request: " + entry.name); }
        });
        document.querySelectorAll("[src], link[href]").forEach(function (element) {
          var url = element.src || element.href;
          if (url && !/^(file|data|blob|about):/.test(url)) { fail("resource outside the site: " + url); }
        });
        window.__docgenErrors.forEach(fail);
      }

      function finish() {
        var out = document.createElement("pre");
        out.id = "docgen-selftest";
        out.textContent = "DOCGEN-SELFTEST-" + "BEGIN" + JSON.stringify(failures) + "DOCGEN-SELFTEST-" + "END";
        document.body.appendChild(out);
      }

      window.addEventListener("load", function () {
        setTimeout(function () {
          run().catch(function (error) { fail("self-test crashed: " + error); }).then(finish);
        }, 100);
      });
    })();
    </script>
    """#
}
