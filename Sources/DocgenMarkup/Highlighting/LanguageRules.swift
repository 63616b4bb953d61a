/// What a language's tokenizer needs to know: comment and string syntax and word classes.
struct LanguageRules: Sendable {
    var lineComments: [String] = []
    /// `#` starts a comment only at the start of a word (shell, YAML: `a#b` is not a comment).
    var commentsNeedWordStart = false
    var blockComment: (open: String, close: String)?
    /// Opening delimiters, longest first; each string closes with the same delimiter.
    var strings: [String] = []
    /// Delimiters inside which backslash escapes nothing (shell single quotes).
    var rawStrings: Set<String> = []
    /// Delimiters whose strings may span lines (others end at a newline).
    var multilineStrings: Set<String> = []
    var keywords: Set<String> = []
    var builtins: Set<String> = []
    var literals: Set<String> = []
    /// `$NAME`, `${…}`, `$1`, `$?` are variables (shell).
    var shellVariables = false
    /// A quoted string followed by `:` is a key (JSON, YAML).
    var quotedKeys = false
    /// `key:` at the start of a line (after indentation and `- `) is a key (YAML).
    var plainKeys = false
    /// Characters that glue onto a following word, which then counts as a keyword
    /// (Swift's `#if`, `@MainActor`; Python's decorators count as builtins).
    var keywordPrefixes: Set<Unicode.Scalar> = []
    var builtinPrefixes: Set<Unicode.Scalar> = []
    /// Word characters beyond letters, digits and `_`.
    var extraWordCharacters: Set<Unicode.Scalar> = []

    static func forLanguage(_ name: String) -> LanguageRules? {
        switch name.lowercased() {
        case "python", "py", "python3": return python
        case "swift": return swift
        case "bash", "sh", "shell", "zsh", "console", "shell-session": return shell
        case "yaml", "yml": return yaml
        case "json", "jsonc", "geojson": return json
        default: return nil
        }
    }

    static let python = LanguageRules(
        lineComments: ["#"],
        strings: ["\"\"\"", "'''", "\"", "'"],
        multilineStrings: ["\"\"\"", "'''"],
        keywords: ["and", "as", "assert", "async", "await", "break", "class", "continue", "def", "del", "elif",
                   "else", "except", "finally", "for", "from", "global", "if", "import", "in", "is", "lambda",
                   "nonlocal", "not", "or", "pass", "raise", "return", "try", "while", "with", "yield", "match",
                   "case"],
        builtins: ["print", "len", "range", "enumerate", "zip", "map", "filter", "sum", "min", "max", "abs",
                   "round", "sorted", "list", "dict", "set", "tuple", "int", "float", "str", "bool", "type",
                   "isinstance", "open", "super", "self", "cls", "object", "any", "all", "iter", "next",
                   "reversed", "format", "repr", "Exception", "ValueError", "TypeError", "KeyError"],
        literals: ["True", "False", "None"],
        builtinPrefixes: ["@"])

    static let swift = LanguageRules(
        lineComments: ["//"],
        blockComment: ("/*", "*/"),
        strings: ["\"\"\"", "\""],
        multilineStrings: ["\"\"\""],
        keywords: ["actor", "as", "associatedtype", "async", "await", "break", "case", "catch", "class",
                   "continue", "default", "defer", "deinit", "do", "else", "enum", "extension", "fallthrough",
                   "fileprivate", "final", "for", "func", "guard", "if", "import", "in", "init", "inout",
                   "internal", "is", "let", "mutating", "nonisolated", "open", "operator", "override", "private",
                   "protocol", "public", "repeat", "rethrows", "return", "self", "Self", "some", "any", "static",
                   "struct", "subscript", "super", "switch", "throw", "throws", "try", "typealias", "var",
                   "where", "while", "consuming", "borrowing", "sending", "package"],
        builtins: ["Int", "Double", "Float", "String", "Bool", "Array", "Dictionary", "Set", "Optional",
                   "Character", "Result", "Error", "print", "min", "max", "abs", "zip", "stride", "Sendable",
                   "Hashable", "Equatable", "Comparable", "Codable", "Never", "Void", "UInt8", "Int32", "Int64"],
        literals: ["true", "false", "nil"],
        keywordPrefixes: ["#", "@"])

    static let shell = LanguageRules(
        lineComments: ["#"],
        commentsNeedWordStart: true,
        strings: ["\"", "'"],
        rawStrings: ["'"],
        multilineStrings: ["\"", "'"],
        keywords: ["if", "then", "else", "elif", "fi", "for", "while", "until", "do", "done", "case", "esac",
                   "in", "function", "return", "exit", "local", "export", "readonly", "set", "unset", "shift",
                   "break", "continue", "source", "trap"],
        builtins: ["echo", "cd", "pwd", "printf", "read", "test", "cat", "ls", "mkdir", "rm", "cp", "mv",
                   "grep", "sed", "awk", "find", "swift", "git", "docgen", "python", "python3", "pip", "sudo",
                   "apt-get", "curl", "tar", "make", "chmod", "exec", "eval", "true", "false"],
        shellVariables: true,
        extraWordCharacters: ["-"])

    static let yaml = LanguageRules(
        lineComments: ["#"],
        commentsNeedWordStart: true,
        strings: ["\"", "'"],
        rawStrings: ["'"],
        literals: ["true", "false", "null", "yes", "no", "on", "off", "True", "False", "Null", "NULL", "~"],
        quotedKeys: true,
        plainKeys: true)

    static let json = LanguageRules(
        strings: ["\""],
        literals: ["true", "false", "null"],
        quotedKeys: true)
}
