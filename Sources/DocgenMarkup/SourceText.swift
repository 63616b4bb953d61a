import DocgenDiagnostics

/// A chapter's text as UTF-8 bytes with a line table, turning byte offsets into the
/// `SourceLocation`s users see (1-based line, 1-based column in Unicode scalars).
///
/// Line breaks are normalised before anything else reads the text: `\r\n` and a lone `\r`
/// become `\n`, NUL becomes U+FFFD (as cmark would), and a leading byte-order mark is dropped.
/// None of these change the line or scalar-column of any character an editor shows.
struct SourceText {
    let file: String
    /// Line starts and scalar counts: a location costs O(log lines) however long its line.
    let index: LineIndex
    var bytes: [UInt8] { index.bytes }
    /// Byte offset of the first byte of each line (line 1 at index 0).
    var lineStarts: [Int] { index.lineStarts }

    init(_ text: String, file: String) {
        self.init(bytes: Self.normalise(text), file: file)
    }

    init(bytes: [UInt8], file: String) {
        self.file = file
        index = LineIndex(bytes: bytes)
    }

    var string: String { String(decoding: bytes, as: UTF8.self) }

    static func normalise(_ text: String) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        var scalars = text.unicodeScalars[...]
        if scalars.first == "\u{FEFF}" { scalars = scalars.dropFirst() }
        var previousWasCR = false
        for scalar in scalars {
            switch scalar {
            case "\r":
                out.append(0x0A)
                previousWasCR = true
                continue
            case "\n" where previousWasCR:
                break
            case "\0":
                out.append(contentsOf: [0xEF, 0xBF, 0xBD])
            default:
                out.append(contentsOf: String(scalar).utf8)
            }
            previousWasCR = false
        }
        return out
    }

    /// The 1-based line containing byte `offset`.
    func line(ofByte offset: Int) -> Int { index.line(ofByte: offset) }

    /// Byte offset of a cmark position (1-based line, 1-based byte column), clamped to the text.
    func offset(line: Int, byteColumn: Int) -> Int {
        guard line >= 1 else { return 0 }
        guard line <= lineStarts.count else { return bytes.count }
        return min(bytes.count, lineStarts[line - 1] + max(0, byteColumn - 1))
    }

    /// Byte offset just past the end of 1-based `line` (before its `\n`).
    func lineEnd(_ line: Int) -> Int {
        guard line >= 1, line <= lineStarts.count else { return bytes.count }
        return line < lineStarts.count ? lineStarts[line] - 1 : bytes.count
    }

    func lineBytes(_ line: Int) -> ArraySlice<UInt8> {
        guard line >= 1, line <= lineStarts.count else { return [] }
        return bytes[lineStarts[line - 1]..<lineEnd(line)]
    }

    /// The user-facing location of byte `offset`: column counts scalars, not bytes.
    func location(ofByte offset: Int) -> SourceLocation {
        let (line, column) = index.lineAndColumn(ofByte: offset)
        return SourceLocation(file: file, line: line, column: column)
    }

    /// Index of the first occurrence of `needle` in `bytes[from..<to]`, in O(to − from + needle) time
    /// (Knuth–Morris–Pratt), so a long needle in a long line costs no more than reading both.
    func find(_ needle: [UInt8], from: Int, to: Int) -> Int? {
        guard !needle.isEmpty, from >= 0, to <= bytes.count, to - from >= needle.count else { return nil }
        let bytes = self.bytes
        var failure = [Int](repeating: 0, count: needle.count)
        var k = 0
        for i in 1..<max(1, needle.count) {
            while k > 0 && needle[i] != needle[k] { k = failure[k - 1] }
            if needle[i] == needle[k] { k += 1 }
            failure[i] = k
        }
        var matched = 0
        for i in from..<to {
            while matched > 0 && bytes[i] != needle[matched] { matched = failure[matched - 1] }
            if bytes[i] == needle[matched] { matched += 1 }
            if matched == needle.count { return i - needle.count + 1 }
        }
        return nil
    }
}

/// Maps byte offsets of the math-protected text (where each math span became a short
/// placeholder) back to byte offsets of the original chapter.
struct OffsetMap: Sendable {
    struct Replacement: Sendable {
        var protectedStart: Int, protectedLength: Int
        var originalStart: Int, originalLength: Int
    }
    /// Sorted by position.
    var replacements: [Replacement] = []

    func original(_ protected: Int) -> Int {
        var low = 0, high = replacements.count - 1, found = -1
        while low <= high {
            let mid = (low + high) / 2
            if replacements[mid].protectedStart <= protected { found = mid; low = mid + 1 } else { high = mid - 1 }
        }
        guard found >= 0 else { return protected }
        let r = replacements[found]
        if protected < r.protectedStart + r.protectedLength { return r.originalStart }
        return protected - (r.protectedStart + r.protectedLength) + (r.originalStart + r.originalLength)
    }
}
