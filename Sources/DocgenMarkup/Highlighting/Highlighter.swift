/// Build-time syntax highlighting: code becomes escaped HTML with `<span class="tok-…">`
/// around tokens. Classes: `tok-kw` (keyword), `tok-builtin` (builtin or decorator), `tok-str`
/// (string), `tok-num` (number), `tok-com` (comment), `tok-key` (YAML/JSON key), `tok-const`
/// (true/false/None/null…), `tok-var` (shell variable). Everything else is plain escaped text.
public enum Highlighter {
    /// The highlighted, HTML-escaped code (no wrapper). Languages (any letter case): python/py,
    /// swift, bash/sh/shell/zsh/console, yaml/yml, json. Anything else is escaped plain text.
    public static func html(_ code: String, language: String) -> String {
        guard let rules = LanguageRules.forLanguage(language) else { return HTMLEscape.text(code) }
        var out = ""
        for token in CodeTokenizer(rules: rules, code: code).tokens() {
            if let cls = token.kind.cssClass {
                out += "<span class=\"\(cls)\">\(HTMLEscape.text(token.text))</span>"
            } else {
                out += HTMLEscape.text(token.text)
            }
        }
        return out
    }

    /// `<pre><code class="language-x">…</code></pre>` (language lower-cased); without a
    /// language, `<pre><code>…</code></pre>`.
    public static func codeBlock(_ code: String, language: String) -> String {
        let lang = language.lowercased()
        let cls = lang.isEmpty ? "" : " class=\"language-\(HTMLEscape.attribute(lang))\""
        return "<pre><code\(cls)>\(html(code, language: lang))</code></pre>"
    }
}
