/// A token of highlighted code: a run of characters and what kind of syntax it is.
public struct CodeToken: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        case plain, keyword, builtin, string, number, comment, key, literal, variable

        /// The class of the `<span>` around the token in HTML (`tok-kw`, …); nil for plain text.
        public var cssClass: String? {
            switch self {
            case .plain: nil
            case .keyword: "tok-kw"
            case .builtin: "tok-builtin"
            case .string: "tok-str"
            case .number: "tok-num"
            case .comment: "tok-com"
            case .key: "tok-key"
            case .literal: "tok-const"
            case .variable: "tok-var"
            }
        }
    }
    public var kind: Kind
    public var text: String

    public init(kind: Kind, text: String) {
        self.kind = kind
        self.text = text
    }
}

/// Splits code into tokens following a language's `LanguageRules`. Total: every character of
/// the input lands in exactly one token, so concatenating the tokens gives the code back.
struct CodeTokenizer {
    let rules: LanguageRules
    let s: [Unicode.Scalar]
    private var i = 0
    private var out: [CodeToken] = []

    init(rules: LanguageRules, code: String) {
        self.rules = rules
        s = Array(code.unicodeScalars)
    }

    func tokens() -> [CodeToken] {
        var copy = self
        copy.run()
        return copy.out
    }

    private mutating func emit(_ kind: CodeToken.Kind, from start: Int) {
        guard i > start else { return }
        var text = String.UnicodeScalarView()
        text.append(contentsOf: s[start..<i])
        if kind == .plain, let last = out.last, last.kind == .plain {
            out[out.count - 1].text += String(text)
        } else {
            out.append(CodeToken(kind: kind, text: String(text)))
        }
    }

    private func matches(_ literal: String, at index: Int) -> Bool {
        var j = index
        for c in literal.unicodeScalars {
            guard j < s.count, s[j] == c else { return false }
            j += 1
        }
        return true
    }

    private func isWordStart(_ c: Unicode.Scalar) -> Bool { c == "_" || c.properties.isAlphabetic }
    private func isWord(_ c: Unicode.Scalar) -> Bool {
        isWordStart(c) || ("0"..."9").contains(c) || rules.extraWordCharacters.contains(c)
    }
    private func isDigit(_ c: Unicode.Scalar) -> Bool { ("0"..."9").contains(c) }

    /// Whether only indentation (and YAML's `- ` list markers) precede `index` on its line.
    private func atLineStart(_ index: Int) -> Bool {
        var j = index - 1
        while j >= 0, s[j] != "\n" {
            if s[j] != " " && s[j] != "\t" && s[j] != "-" { return false }
            j -= 1
        }
        return true
    }

    private mutating func run() {
        while i < s.count {
            let start = i
            let c = s[i]
            if let (open, close) = rules.blockComment, matches(open, at: i) {
                i += open.unicodeScalars.count
                while i < s.count, !matches(close, at: i) { i += 1 }
                i = min(s.count, i + close.unicodeScalars.count)
                emit(.comment, from: start)
            } else if let prefix = rules.lineComments.first(where: { matches($0, at: i) }),
                      !rules.commentsNeedWordStart || i == 0 || s[i - 1] == " " || s[i - 1] == "\t" || s[i - 1] == "\n" {
                i += prefix.unicodeScalars.count
                while i < s.count, s[i] != "\n" { i += 1 }
                emit(.comment, from: start)
            } else if let delimiter = rules.strings.first(where: { matches($0, at: i) }) {
                scanString(delimiter)
                emit(isKeyAhead() ? .key : .string, from: start)
            } else if rules.plainKeys, atLineStart(i), let end = plainKeyEnd(from: i) {
                i = end
                emit(.key, from: start)
            } else if isDigit(c) || (c == "." && i + 1 < s.count && isDigit(s[i + 1])) {
                scanNumber()
                emit(.number, from: start)
            } else if isWordStart(c) || (c == "~" && rules.literals.contains("~")) {
                i += 1
                while i < s.count, isWord(s[i]) { i += 1 }
                emit(classify(String(String.UnicodeScalarView(s[start..<i]))), from: start)
            } else if (rules.keywordPrefixes.contains(c) || rules.builtinPrefixes.contains(c)),
                      i + 1 < s.count, isWordStart(s[i + 1]) {
                i += 1
                while i < s.count, isWord(s[i]) || s[i] == "." { i += 1 }
                emit(rules.keywordPrefixes.contains(c) ? .keyword : .builtin, from: start)
            } else if rules.shellVariables, c == "$", i + 1 < s.count {
                scanShellVariable()
                emit(i > start + 1 ? .variable : .plain, from: start)
            } else {
                i += 1
                emit(.plain, from: start)
            }
        }
    }

    private func classify(_ word: String) -> CodeToken.Kind {
        if rules.keywords.contains(word) { return .keyword }
        if rules.literals.contains(word) { return .literal }
        if rules.builtins.contains(word) { return .builtin }
        return .plain
    }

    private mutating func scanString(_ delimiter: String) {
        let length = delimiter.unicodeScalars.count
        let raw = rules.rawStrings.contains(delimiter)
        let multiline = rules.multilineStrings.contains(delimiter)
        i += length
        while i < s.count {
            if !raw && s[i] == "\\" { i += 2; continue }
            if matches(delimiter, at: i) { i += length; break }
            if s[i] == "\n" && !multiline { break }
            i += 1
        }
        i = min(i, s.count)
    }

    /// A quoted key: the string just scanned is followed by optional spaces and `:`.
    private func isKeyAhead() -> Bool {
        guard rules.quotedKeys else { return false }
        var j = i
        while j < s.count, s[j] == " " || s[j] == "\t" { j += 1 }
        return j < s.count && s[j] == ":"
    }

    /// The end of a YAML plain key (`name:` followed by a space or line end), if one starts here.
    private func plainKeyEnd(from start: Int) -> Int? {
        guard isWordStart(s[start]) || isDigit(s[start]) else { return nil }
        var j = start
        while j < s.count, s[j] != "\n", s[j] != "#" {
            if s[j] == ":" {
                let after = j + 1
                return after >= s.count || s[after] == " " || s[after] == "\n" || s[after] == "\t" ? j : nil
            }
            if s[j] == "\"" || s[j] == "'" || s[j] == "{" || s[j] == "[" || s[j] == "," { return nil }
            j += 1
        }
        return nil
    }

    private mutating func scanNumber() {
        if s[i] == "0", i + 1 < s.count, s[i + 1] == "x" || s[i + 1] == "X" || s[i + 1] == "b" || s[i + 1] == "o" {
            i += 2
            while i < s.count, s[i].properties.isASCIIHexDigit || s[i] == "_" { i += 1 }
            return
        }
        while i < s.count, isDigit(s[i]) || s[i] == "_" { i += 1 }
        if i < s.count, s[i] == ".", i + 1 < s.count, isDigit(s[i + 1]) {
            i += 1
            while i < s.count, isDigit(s[i]) || s[i] == "_" { i += 1 }
        } else if i < s.count, s[i] == ".", !(i + 1 < s.count && (s[i + 1] == "." || isWordStart(s[i + 1]))) {
            i += 1
        }
        if i < s.count, s[i] == "e" || s[i] == "E" {
            var j = i + 1
            if j < s.count, s[j] == "+" || s[j] == "-" { j += 1 }
            if j < s.count, isDigit(s[j]) {
                i = j
                while i < s.count, isDigit(s[i]) { i += 1 }
            }
        }
        if i < s.count, s[i] == "j" || s[i] == "J" { i += 1 }
    }

    private mutating func scanShellVariable() {
        i += 1
        if s[i] == "{" {
            while i < s.count, s[i] != "}", s[i] != "\n" { i += 1 }
            if i < s.count, s[i] == "}" { i += 1 }
        } else if isWordStart(s[i]) {
            while i < s.count, isWordStart(s[i]) || isDigit(s[i]) { i += 1 }
        } else if isDigit(s[i]) || "@*#?$!-".unicodeScalars.contains(s[i]) {
            i += 1
        }
    }
}
