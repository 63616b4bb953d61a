/// What the Mustache library recurses on in theme templates, checked before it sees them: section nesting and
/// partials.
///
/// The library parses a section by recursion and expands a partial each time it meets one, with no depth limit. A
/// template 50,000 sections deep overflowed the stack while parsing, and one that includes itself
/// (`footer.mustache` holding `{{> footer}}`, or `a` including `b` including `a`) while rendering: the build died.
/// Sections may nest `maximumSectionDepth` deep. docgen's page data has no nesting that could end a recursion
/// through partials, so every loop is an error. A dynamic partial (`{{>*name}}`, named by page data) is refused too,
/// since what it includes cannot be known from the templates.
enum TemplateStructure {
    /// A partial tag: the template it names (or the data key, when dynamic) and where it is, 1-based.
    struct Inclusion: Equatable {
        var name: String
        var dynamic: Bool
        var line: Int
        var column: Int
    }

    /// How deep sections (`{{#…}}`, `{{^…}}`, `{{$…}}`, `{{<…}}`) may nest; the built-in theme nests 3 deep.
    static let maximumSectionDepth = 100

    /// A template's partial tags and, if its sections nest deeper than `maximumSectionDepth`, the place of the first
    /// section past it.
    struct Tags {
        var inclusions: [Inclusion] = []
        var tooDeep: (line: Int, column: Int)?
    }

    /// A template that takes part in a loop, or names its partial dynamically.
    struct Problem: Equatable {
        /// The template whose tag is at fault.
        var template: String
        var line: Int
        var column: Int
        var reason: String
    }

    /// The partial and parent tags of a Mustache template (`{{> name}}`, `{{< name}}`), in order, and how deep its
    /// sections nest (see `Tags`), following set-delimiter tags (`{{=<% %>=}}`) as the parser does. Comments and
    /// other tags are skipped.
    static func tags(in text: String) -> Tags {
        let bytes = Array(text.utf8)
        let defaultOpen = Array("{{".utf8), tripleClose = Array("}}}".utf8)
        var open = defaultOpen, close = Array("}}".utf8)
        var out = Tags()
        var depth = 0
        var i = 0, line = 1, lineStart = 0
        func starts(_ pattern: [UInt8], at k: Int) -> Bool {
            guard k + pattern.count <= bytes.count else { return false }
            for (offset, byte) in pattern.enumerated() where bytes[k + offset] != byte { return false }
            return true
        }
        func advanceLines(to end: Int) {
            while i < end {
                if bytes[i] == 0x0A { line += 1; lineStart = i + 1 }
                i += 1
            }
        }
        while i < bytes.count {
            guard starts(open, at: i) else {
                advanceLines(to: i + 1)
                continue
            }
            let tagLine = line, tagColumn = i - lineStart + 1
            var contentStart = i + open.count
            // A triple mustache `{{{name}}}` closes with one more brace.
            var closing = close
            if open == defaultOpen, contentStart < bytes.count, bytes[contentStart] == UInt8(ascii: "{") {
                closing = tripleClose
                contentStart += 1
            }
            var end = contentStart
            while end < bytes.count, !starts(closing, at: end) { end += 1 }
            guard end < bytes.count else { break }  // an unclosed tag: the parser reports it
            let content = String(decoding: bytes[contentStart..<end], as: UTF8.self)
                .trimmingCharacters(in: .whitespacesAndNewlines)
            if content.hasPrefix("="), content.hasSuffix("="), content.count >= 2 {
                let parts = content.dropFirst().dropLast().split(whereSeparator: { $0 == " " || $0 == "\t" })
                if parts.count == 2 { open = Array(parts[0].utf8); close = Array(parts[1].utf8) }
            } else if let kind = content.first {
                if kind == ">" || kind == "<" {
                    var name = content.dropFirst().trimmingCharacters(in: .whitespaces)
                    let dynamic = name.hasPrefix("*")
                    if dynamic { name = name.dropFirst().trimmingCharacters(in: .whitespaces) }
                    out.inclusions.append(Inclusion(name: name, dynamic: dynamic, line: tagLine, column: tagColumn))
                }
                if "#^$<".contains(kind) {
                    depth += 1
                    if depth > maximumSectionDepth, out.tooDeep == nil { out.tooDeep = (tagLine, tagColumn) }
                } else if kind == "/" {
                    depth = max(0, depth - 1)
                }
            }
            advanceLines(to: end + closing.count)
        }
        return out
    }

    /// The first problem among `templates` (name → text), in name order: sections nested too deep, a dynamic partial,
    /// or a tag that closes a loop (the loop named in the reason, `a → b → a`). Nil when every chain of partials ends.
    static func firstProblem(_ templates: [String: String]) -> Problem? {
        let tags = templates.mapValues(tags(in:))
        for name in templates.keys.sorted() {
            if let place = tags[name]?.tooDeep {
                return Problem(template: name, line: place.line, column: place.column,
                               reason: "sections nest more than \(maximumSectionDepth) deep here; a template may nest "
                                   + "them \(maximumSectionDepth) deep at most")
            }
        }
        let edges = tags.mapValues(\.inclusions)
        for name in templates.keys.sorted() {
            if let dynamic = edges[name]?.first(where: \.dynamic) {
                return Problem(template: name, line: dynamic.line, column: dynamic.column,
                               reason: "the partial '{{>*\(dynamic.name)}}' is named by page data; docgen's theme "
                                   + "templates name their partials ({{> name}})")
            }
        }
        // Depth-first search; `onPath` holds the chain from the root being searched.
        var finished = Set<String>()
        func search(_ name: String, _ path: [String]) -> Problem? {
            if finished.contains(name) { return nil }
            for inclusion in edges[name] ?? [] where templates[inclusion.name] != nil {
                if let start = path.firstIndex(of: inclusion.name) {
                    let loop = (path[start...] + [inclusion.name]).joined(separator: " → ")
                    return Problem(template: name, line: inclusion.line, column: inclusion.column,
                                   reason: "the partial '{{> \(inclusion.name)}}' makes a loop (\(loop)); a template "
                                       + "may not include itself, directly or through others")
                }
                if let problem = search(inclusion.name, path + [inclusion.name]) { return problem }
            }
            finished.insert(name)
            return nil
        }
        for name in templates.keys.sorted() {
            if let problem = search(name, [name]) { return problem }
        }
        return nil
    }
}
