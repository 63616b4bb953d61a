/// Build-time syntax highlighting: code becomes escaped HTML with `<span class="tok-…">`
/// around tokens. Classes: `tok-kw` (keyword), `tok-builtin` (builtin or decorator), `tok-str`
/// (string), `tok-num` (number), `tok-com` (comment), `tok-key` (YAML/JSON key), `tok-const`
/// (true/false/None/null…), `tok-var` (shell variable). Everything else is plain escaped text.
public enum Highlighter {
    /// The highlighted, HTML-escaped code (no wrapper). Languages (any letter case): python/py,
    /// swift, bash/sh/shell/zsh/console, yaml/yml, json. Anything else is escaped plain text.
    public static func html(_ code: String, language: String) -> String {
        html(tokens: tokens(code, language: language))
    }

    /// The code as tokens; one plain token for an unknown language, none for empty code.
    public static func tokens(_ code: String, language: String) -> [CodeToken] {
        guard let rules = LanguageRules.forLanguage(language) else {
            return code.isEmpty ? [] : [CodeToken(kind: .plain, text: code)]
        }
        return CodeTokenizer(rules: rules, code: code).tokens()
    }

    /// Tokens as escaped HTML, each non-plain token in `<span class="tok-…">`.
    public static func html(tokens: [CodeToken]) -> String {
        var out = ""
        for token in tokens {
            if let cls = token.kind.cssClass {
                out += "<span class=\"\(cls)\">\(HTMLEscape.text(token.text))</span>"
            } else {
                out += HTMLEscape.text(token.text)
            }
        }
        return out
    }
}
