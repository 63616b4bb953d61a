import Foundation

/// The script `docgen serve` adds to every HTML page it serves (the files on disk are untouched).
///
/// It polls `statusPath` about once a second. When the version changes and the build has no errors it
/// reloads the page; while the last build failed it lays an overlay over the page listing each error.
/// The errors are put in with `textContent` only, never parsed as HTML, so whatever a message quotes
/// from a chapter (`<script>`, `&`) shows as written. The overlay goes when a build succeeds.
public enum ReloadScript {
    /// The endpoint the script polls: `{"version":N,"errors":["file:line:col: error: …", …]}`.
    public static let statusPath = "/__docgen/status"
    /// The `id` of the overlay element.
    public static let overlayID = "docgen-build-errors"

    public static let source = """
        <script>(function () {
          var seen = null;
          function show(errors) {
            var box = document.getElementById("\(overlayID)");
            if (!errors.length) { if (box) { box.remove(); } return; }
            if (!box) {
              box = document.createElement("div");
              box.id = "\(overlayID)";
              box.setAttribute("role", "alert");
              box.style.cssText = "position:fixed;inset:0;z-index:2147483647;overflow:auto;margin:0;padding:1.5rem;" +
                "background:#18181b;color:#f4f4f5;font:14px/1.45 ui-monospace,Menlo,Consolas,monospace;text-align:left";
              document.body.appendChild(box);
            }
            box.textContent = "";
            var title = document.createElement("p");
            title.style.cssText = "margin:0 0 1rem;padding:0;font:inherit;font-weight:bold;color:#fca5a5;background:none";
            title.textContent = "docgen: the last build failed (the previous site is still served). Fix and save:";
            box.appendChild(title);
            errors.forEach(function (text) {
              var pre = document.createElement("pre");
              pre.className = "docgen-build-error";
              // Explicit values throughout, so the page's own styles for <pre> cannot hide the text.
              pre.style.cssText = "margin:0 0 1rem;padding:0;border:0;border-radius:0;box-shadow:none;" +
                "background:none;color:#f4f4f5;font:inherit;white-space:pre-wrap;overflow:visible";
              pre.textContent = text;
              box.appendChild(pre);
            });
          }
          function poll() {
            fetch("\(statusPath)", { cache: "no-store" })
              .then(function (r) { return r.json(); })
              .then(function (s) {
                if (seen === null) { seen = s.version; }
                else if (s.version !== seen && s.errors.length === 0) { location.reload(); return; }
                show(s.errors);
              })
              .catch(function () {})
              .finally(function () { setTimeout(poll, 800); });
          }
          poll();
        })();</script>
        """

    /// `html` with the script inserted before its last `</body>` (appended when there is none).
    public static func inject(into html: Data) -> Data {
        var text = String(decoding: html, as: UTF8.self)
        if let end = text.range(of: "</body>", options: [.backwards, .caseInsensitive]) {
            text.insert(contentsOf: source, at: end.lowerBound)
        } else {
            text += source
        }
        return Data(text.utf8)
    }
}
