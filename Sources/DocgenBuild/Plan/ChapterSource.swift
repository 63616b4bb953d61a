import DocgenDiagnostics
import Foundation

/// One chapter file read from disk and checked to be text docgen can parse.
struct ChapterSource: Sendable {
    /// File name relative to the content folder (`03-penalties.md`).
    var name: String
    /// Path shown in diagnostics (`Content/03-penalties.md`).
    var displayPath: String
    var text: String
    /// The file's bytes, part of page cache keys.
    var bytes: Data

    /// Chapters larger than this are refused rather than parsed slowly.
    static let maximumBytes = 4 * 1024 * 1024

    /// Reads `name`; a missing, binary, non-UTF-8 or oversized file is a located error.
    static func read(_ name: String, root: ContentRoot) -> Result<ChapterSource, Diagnostic> {
        BuildWork.record(.chapterRead)
        let display = (root.displayPath as NSString).appendingPathComponent(name)
        let start = SourceLocation(file: display, line: 1, column: 1)
        // Confined like every file a build reads: a chapter that is a symbolic link to outside is refused.
        let path: String
        switch root.resolve(name) {
        case let .success(real): path = real
        case let .failure(problem): return .failure(.error(problem.message(for: name, what: "chapter"), at: start))
        }
        guard let bytes = FileManager.default.contents(atPath: path) else {
            return .failure(.error("cannot read chapter file", at: start))
        }
        if bytes.count > maximumBytes {
            return .failure(.error("chapter is \(bytes.count / 1024 / 1024) MiB; the limit is \(maximumBytes / 1024 / 1024) MiB",
                                   at: start))
        }
        if let nul = bytes.firstIndex(of: 0) {
            return .failure(.error("this looks like a binary file, not Markdown (NUL byte)",
                                   at: location(ofByte: nul - bytes.startIndex, in: bytes, file: display)))
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            let bad = firstInvalidUTF8Offset(bytes) ?? 0
            return .failure(.error("chapter is not valid UTF-8 text (save it as UTF-8)",
                                   at: location(ofByte: bad, in: bytes, file: display)))
        }
        var clean = text
        if clean.hasPrefix("\u{FEFF}") { clean.removeFirst() }
        if clean.allSatisfy(\.isWhitespace) {
            return .failure(.error("chapter is empty; write at least a '# Title' line", at: start))
        }
        return .success(ChapterSource(name: name, displayPath: display, text: clean, bytes: bytes))
    }

    /// Line and column (in scalars) of a byte offset, counting only the valid text before it.
    static func location(ofByte offset: Int, in bytes: Data, file: String) -> SourceLocation {
        let prefix = bytes.prefix(offset)
        let line = prefix.reduce(1) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) }
        let lineStart = prefix.lastIndex(of: UInt8(ascii: "\n")).map { $0 + 1 } ?? prefix.startIndex
        let column = String(decoding: bytes[lineStart..<(bytes.startIndex + offset)], as: UTF8.self).unicodeScalars.count + 1
        return SourceLocation(file: file, line: line, column: column)
    }

    static func firstInvalidUTF8Offset(_ bytes: Data) -> Int? {
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        var offset = 0
        // Decode scalar by scalar, tracking the byte offset of each one.
        while true {
            var counting = CountingIterator(base: iterator, consumed: 0)
            switch decoder.decode(&counting) {
            case .scalarValue:
                offset += counting.consumed
                iterator = counting.base
            case .emptyInput:
                return nil
            case .error:
                return offset
            }
        }
    }

    private struct CountingIterator: IteratorProtocol {
        var base: Data.Iterator
        var consumed: Int
        mutating func next() -> UInt8? {
            let b = base.next()
            if b != nil { consumed += 1 }
            return b
        }
    }
}
