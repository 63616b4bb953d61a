import DocgenOptions
import Foundation

extension Dataset {
    /// Loads a CSV file with a header row and numeric cells.
    ///
    /// - Parameters:
    ///   - csvPath: file path (read as UTF-8). Fields are separated by commas; surrounding spaces and
    ///     double quotes around a field are removed. Blank lines at the end are ignored.
    ///   - target: header name of the target column.
    ///   - features: header names to use as features, in that order; nil means every column except the target.
    /// - Throws: `DataError` naming the file, 1-based line and column and the column name for missing,
    ///   non-numeric, NaN/infinite cells, ragged rows and bytes that are not UTF-8; `key` `"target"`/`"features"` for
    ///   unknown columns. Cells of columns not selected are still checked only for count (ragged rows), not for
    ///   content.
    ///
    /// The file is read twice in 1 MiB pieces and never held whole: once to count its lines, so the column-major
    /// matrix is allocated once at its final size, and once to parse. A file of 8 MiB or more is parsed by two
    /// threads, each from its own half (split at a line break); the result, errors included, is the one-thread
    /// parse's. Memory is the parsed data plus a constant.
    public static func load(csvPath: String, target: String, features: [String]? = nil) throws -> Dataset {
        try loadCSV(path: csvPath, target: target, features: features).dataset
    }

    /// `load(csvPath:target:features:)`, and whether the file itself can stand for the data set's input table
    /// (`LoadedCSV.isInputTable`).
    public static func loadCSV(path csvPath: String, target: String, features: [String]? = nil) throws -> LoadedCSV {
        try loadCSV(path: csvPath, target: target, features: features, parallelFrom: 8 << 20)
    }

    /// The longest header line read, in bytes: room for `SizeLimits.maximumFeatures` names of 160 bytes each.
    public static let maximumHeaderBytes = 16 << 20

    /// `loadCSV(path:target:features:)`, parsing on two threads from `parallelFrom` bytes up, the second thread from
    /// the first line that starts after `splitAt` of the file's bytes.
    static func loadCSV(path csvPath: String, target: String, features: [String]?, parallelFrom: Int,
                        splitAt: Double = 0.5) throws -> LoadedCSV {
        @Sendable func unreadable() -> DataError {
            DataError(kind: .unreadableFile, message: "cannot read the file", file: csvPath, key: "data")
        }
        guard let counter = CSVFileChunks(path: csvPath) else { throw unreadable() }
        var layout = CSVLayout(half: Int(Double(counter.size) * splitAt))
        try counter.forEachChunk { chunk in layout.count(chunk) }
        // The header is read whole; a file with no line break for gigabytes (not a CSV file) is refused unread.
        if let problem = SizeLimits.excess(layout.headerEndOffset, limit: maximumHeaderBytes,
                                           what: "the header (the first line) in bytes") {
            throw DataError(kind: .tooLarge, message: problem + "; is this a CSV file?", file: csvPath, line: 1, key: "data")
        }
        var head = CSVParser(file: csvPath, target: target, features: features, lineBound: layout.lineBreaks + 1)
        guard let header = CSVFileChunks(path: csvPath, range: 0..<layout.headerEndOffset) else { throw unreadable() }
        try header.forEachLine(firstLineNumber: 1) { line, number in try head.consume(line, lineNumber: number) }
        let start = layout.headerEndOffset
        let parts: [(range: Range<Int>, firstLine: Int)]
        if layout.size >= parallelFrom, let middle = layout.middle, middle.offset > start, middle.offset < layout.size {
            parts = [(start..<middle.offset, 2), (middle.offset..<layout.size, middle.line)]
        } else {
            parts = [(start..<layout.size, 2)]
        }
        return try head.parseRows(firstLines: parts.map(\.firstLine)) { k, body in
            guard let reader = CSVFileChunks(path: csvPath, range: parts[k].range) else { throw unreadable() }
            try reader.forEachLine(firstLineNumber: parts[k].firstLine, body)
        }
    }

    /// Parses CSV text; `file` is only used in error messages. See `load(csvPath:target:features:)`.
    public static func parse(csvText: String, file: String, target: String, features: [String]? = nil) throws -> Dataset {
        var text = csvText
        return try text.withUTF8 { bytes in
            var head = CSVParser(file: file, target: target, features: features, lineBound: countLineBreaks(bytes) + 1)
            let headerEnd = (bytes.firstIndex(of: 0x0A).map { $0 + 1 }) ?? bytes.count
            try forEachLine(in: UnsafeBufferPointer(rebasing: bytes[..<headerEnd]), firstLineNumber: 1) { line, number in
                try head.consume(line, lineNumber: number)
            }
            nonisolated(unsafe) let rest = UnsafeBufferPointer(rebasing: bytes[headerEnd...])
            return try head.parseRows(firstLines: [2]) { _, body in
                try forEachLine(in: rest, firstLineNumber: 2, body)
            }.dataset
        }
    }
}

/// What the counting pass learns of a file: its size, line breaks, where the header line ends, and the first line
/// that starts at or after the middle (where a second thread can begin).
private struct CSVLayout {
    var size = 0
    var lineBreaks = 0
    /// The offset after the first line break (the file's size when it has none).
    var headerEnd: Int?
    /// The offset and 1-based number of the first line starting after the middle byte.
    var middle: (offset: Int, line: Int)?
    private let half: Int

    init(half: Int) { self.half = half }

    var headerEndOffset: Int { headerEnd ?? size }

    mutating func count(_ chunk: UnsafeBufferPointer<UInt8>) {
        guard let base = chunk.baseAddress else { return }
        var p = base
        let end = base + chunk.count
        while p < end, let hit = memchr(p, 0x0A, end - p) {
            let at = UnsafePointer(hit.assumingMemoryBound(to: UInt8.self))
            lineBreaks += 1
            let offset = size + (at - base) + 1
            if headerEnd == nil { headerEnd = offset }
            if middle == nil, offset > half { middle = (offset, lineBreaks + 1) }
            p = at + 1
        }
        size += chunk.count
    }
}

/// A data set read from a CSV file, and what the file's text is.
public struct LoadedCSV: Sendable {
    public var dataset: Dataset
    /// Whether the file says exactly what a reproduce script's input table says (`ReproductionTables.input`): a header
    /// of the features in order and then the target, with no other column; no quotes, spaces, byte-order mark or blank
    /// line; every cell a plain decimal number (sign, digits, point, exponent), which Python's `float` reads as the
    /// same double docgen read (both round correctly). Such a file is published as the input table instead of a text
    /// written from the doubles, which for a large file saves seconds of formatting and its size in memory.
    public var isInputTable: Bool

    public init(dataset: Dataset, isInputTable: Bool) { self.dataset = dataset; self.isInputTable = isInputTable }
}

/// Number of LF bytes.
private func countLineBreaks(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
    guard var p = bytes.baseAddress else { return 0 }
    let end = p + bytes.count
    var count = 0
    while p < end, let hit = memchr(p, 0x0A, end - p) {
        count += 1
        p = UnsafePointer(hit.assumingMemoryBound(to: UInt8.self)) + 1
    }
    return count
}

/// Calls `body` with each complete line of `bytes` (LF removed, a CR before it too) and its 1-based number; returns
/// the offset of the first byte not consumed (the start of an unfinished last line), or `bytes.count`.
@discardableResult
private func forEachLine(in bytes: UnsafeBufferPointer<UInt8>, firstLineNumber: Int, atEnd: Bool = true,
                         _ body: (UnsafeBufferPointer<UInt8>, Int) throws -> Void) throws -> (consumed: Int, lines: Int) {
    guard let base = bytes.baseAddress else { return (0, 0) }
    var start = 0, number = firstLineNumber
    while start < bytes.count {
        let hit = memchr(base + start, 0x0A, bytes.count - start)
        let end: Int
        if let hit {
            end = UnsafePointer(hit.assumingMemoryBound(to: UInt8.self)) - base
        } else if atEnd {
            end = bytes.count
        } else {
            break
        }
        var last = end
        if last > start, base[last - 1] == UInt8(ascii: "\r") { last -= 1 }
        try body(UnsafeBufferPointer(start: base + start, count: last - start), number)
        number += 1
        start = end + 1
    }
    return (min(start, bytes.count), number - firstLineNumber)
}

/// A file read in pieces with `read(2)`.
private struct CSVFileChunks {
    let path: String
    let descriptor: Int32
    /// The file's size in bytes when opened.
    let size: Int
    /// The bytes to read (the whole file unless a range was given).
    let range: Range<Int>

    /// The file at `path`, or the bytes `range` of it; nil when it cannot be opened or is not a regular file.
    init?(path: String, range: Range<Int>? = nil) {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return nil }
        var info = stat()
        guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else {
            close(fd)
            return nil
        }
        size = Int(info.st_size)
        self.range = range ?? 0..<Int.max
        if self.range.lowerBound > 0, lseek(fd, off_t(self.range.lowerBound), SEEK_SET) < 0 {
            close(fd)
            return nil
        }
        self.path = path
        descriptor = fd
    }

    /// Reads the whole file through `body`, one piece at a time, then closes it.
    func forEachChunk(_ body: (UnsafeBufferPointer<UInt8>) throws -> Void) throws {
        defer { close(descriptor) }
        let size = 1 << 20
        let buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: size)
        defer { buffer.deallocate() }
        var left = range.count
        while left > 0 {
            let count = read(descriptor, buffer, min(size, left))
            if count < 0 {
                if errno == EINTR { continue }
                throw DataError(kind: .unreadableFile, message: "cannot read the file", file: path, key: "data")
            }
            if count == 0 { return }
            left -= count
            try body(UnsafeBufferPointer(start: buffer, count: count))
        }
    }

    /// Calls `body` with every line of the file (as `forEachLine(in:…)`), reading it in pieces; a line longer than a
    /// piece is gathered whole.
    func forEachLine(firstLineNumber: Int = 1, _ body: (UnsafeBufferPointer<UInt8>, Int) throws -> Void) throws {
        var carry: [UInt8] = []
        var number = firstLineNumber
        try forEachChunk { chunk in
            if carry.isEmpty {
                let (consumed, lines) = try DocgenModels.forEachLine(in: chunk, firstLineNumber: number, atEnd: false, body)
                number += lines
                carry.append(contentsOf: UnsafeBufferPointer(rebasing: chunk[consumed...]))
            } else {
                // Finish the carried line with this piece's first line, then go on in the piece itself.
                guard let newline = chunk.firstIndex(of: 0x0A) else {
                    carry.append(contentsOf: chunk)
                    return
                }
                carry.append(contentsOf: UnsafeBufferPointer(rebasing: chunk[...newline]))
                try carry.withUnsafeBufferPointer { whole in
                    _ = try DocgenModels.forEachLine(in: whole, firstLineNumber: number, body)
                }
                number += 1
                carry.removeAll(keepingCapacity: true)
                let rest = UnsafeBufferPointer(rebasing: chunk[(newline + 1)...])
                let (consumed, lines) = try DocgenModels.forEachLine(in: rest, firstLineNumber: number, atEnd: false, body)
                number += lines
                carry.append(contentsOf: UnsafeBufferPointer(rebasing: rest[consumed...]))
            }
        }
        if !carry.isEmpty {
            try carry.withUnsafeBufferPointer { whole in
                _ = try DocgenModels.forEachLine(in: whole, firstLineNumber: number, body)
            }
        }
    }
}

/// The parsing state of one CSV text, fed one line at a time.
private struct CSVParser {
    let file: String
    let target: String
    let features: [String]?
    /// At least the number of lines (LF count + 1): rows are stored with this stride until `finish`.
    let lineBound: Int

    var header: [String] = []
    var targetIndex = 0
    var featureIndices: [Int] = []
    /// The cell positions that feed something, ascending, and what each feeds: for `usedCells[k]` the entries
    /// `destinations[destinationStart[k]..<destinationStart[k + 1]]`, −1 the target, 0… a feature (a column may feed
    /// several). Flat arrays, so a row's loop touches no reference-counted element.
    var usedCells: [Int] = []
    var destinationStart: [Int] = [0]
    var destinations: [Int] = []
    /// Where rows go: the column-major matrix (`stride` rows per column) and the target, owned by `parseRows`.
    var xOut: UnsafeMutablePointer<Double>?
    var yOut: UnsafeMutablePointer<Double>?
    var stride = 0
    /// The index of the next row (rows before this parser's first line included).
    var rows = 0
    /// Blank lines met after the last row, by number: an error if a row follows, else ignored.
    var pendingBlankLines: [Int] = []
    var fields: [Range<Int>] = []
    /// Whether the text read so far is a plain input table (see `LoadedCSV.isInputTable`).
    var plainLayout = true

    init(file: String, target: String, features: [String]?, lineBound: Int) {
        self.file = file; self.target = target; self.features = features; self.lineBound = lineBound
    }

    mutating func consume(_ rawLine: UnsafeBufferPointer<UInt8>, lineNumber: Int) throws {
        var line = rawLine
        if lineNumber == 1, line.count >= 3, line[0] == 0xEF, line[1] == 0xBB, line[2] == 0xBF {
            // A byte-order mark is not part of the first column's name.
            line = UnsafeBufferPointer(rebasing: line[3...])
            plainLayout = false
        }
        try checkUTF8(line, lineNumber: lineNumber)
        if CSVFields.trimmed(0..<line.count, in: line).isEmpty {
            plainLayout = false
            pendingBlankLines.append(lineNumber)
            return
        }
        // A blank line followed by a row is a row, and a broken one.
        for blank in pendingBlankLines {
            try consumeNonBlank(UnsafeBufferPointer(start: line.baseAddress, count: 0), lineNumber: blank)
        }
        pendingBlankLines.removeAll()
        try consumeNonBlank(line, lineNumber: lineNumber)
    }

    private mutating func consumeNonBlank(_ line: UnsafeBufferPointer<UInt8>, lineNumber: Int) throws {
        if header.isEmpty {
            try readHeader(line)
            return
        }
        if !CSVFields.split(0..<line.count, in: line, into: &fields) { plainLayout = false }
        guard fields.count == header.count else {
            throw DataError(kind: .raggedRow, message: "row has \(fields.count) cells but the header has \(header.count)",
                            file: file, line: lineNumber, column: min(fields.count, header.count) + 1)
        }
        let i = rows, stride = self.stride
        for k in 0..<usedCells.count {
            let c = usedCells[k]
            let cell = UnsafeBufferPointer(rebasing: line[fields[c]])
            guard let v = DecimalParser.fastDouble(cell) ?? Self.slowNumber(cell, plain: &plainLayout) else {
                throw cellError(line, c, lineNumber: lineNumber)
            }
            for d in destinationStart[k]..<destinationStart[k + 1] {
                let role = destinations[d]
                if role < 0 { yOut![i] = v } else { xOut![role * stride + i] = v }
            }
        }
        rows += 1
    }

    /// The header's names for a message: the first `shown`, each cut to 40 characters with control characters
    /// written as `\u{…}`, then how many there are in all.
    static func columnList(_ header: [String], shown: Int = 12) -> String {
        let names = header.prefix(shown).map { name -> String in
            var out = ""
            for (k, scalar) in name.unicodeScalars.enumerated() {
                if k == 40 { out += "…"; break }
                out += scalar.properties.generalCategory == .control
                    ? "\\u{\(String(scalar.value, radix: 16))}" : String(scalar)
            }
            return out
        }
        return names.joined(separator: ", ") + (header.count > shown ? ", … \(header.count) in all" : "")
    }

    private mutating func readHeader(_ line: UnsafeBufferPointer<UInt8>) throws {
        var names: [Range<Int>] = []
        if !CSVFields.split(0..<line.count, in: line, into: &names) { plainLayout = false }
        header = names.map { String(decoding: UnsafeBufferPointer(rebasing: line[$0]), as: UTF8.self) }
        var seen: [String: Int] = [:]
        for (c, name) in header.enumerated() {
            if let first = seen[name] {
                throw DataError(kind: .duplicateColumn, message: "column name '\(name)' repeats column \(first + 1)",
                                file: file, line: 1, column: c + 1, columnName: name)
            }
            seen[name] = c
        }
        let header = self.header
        func unknown(_ name: String, _ role: String) -> String {
            let hint = Suggestion.closest(to: name, in: header).map { "; did you mean '\($0)'?" } ?? ""
            return "no column named '\(name)' for \(role)\(hint) (columns: \(Self.columnList(header)))"
        }
        guard let t = seen[target] else {
            throw DataError(kind: .unknownColumn, message: unknown(target, "the target"),
                            file: file, line: 1, columnName: target, key: "target")
        }
        targetIndex = t
        if let features {
            featureIndices = try features.map { name in
                guard let c = seen[name] else {
                    throw DataError(kind: .unknownColumn, message: unknown(name, "a feature"),
                                    file: file, line: 1, columnName: name, key: "features")
                }
                return c
            }
        } else {
            featureIndices = header.indices.filter { $0 != targetIndex }
        }
        // The input table's header: the features in order, then the target, and nothing else.
        if featureIndices != Array(0..<(header.count - 1)) || targetIndex != header.count - 1 { plainLayout = false }
        // Rows: at most the lines after the header.
        let bound = max(lineBound - 1, 0), p = featureIndices.count
        if let m = SizeLimits.excess(SizeLimits.product(bound, p + 1), limit: SizeLimits.maximumCells,
                                     what: "rows × columns used (\(SizeLimits.grouped(bound)) × \(p + 1))") {
            throw DataError(kind: .tooLarge, message: "the data is too large: \(m)", file: file, key: "data")
        }
        stride = bound
        var roles = [[Int]](repeating: [], count: header.count)
        roles[targetIndex].append(-1)
        for (j, c) in featureIndices.enumerated() { roles[c].append(j) }
        for (c, feeds) in roles.enumerated() where !feeds.isEmpty {
            usedCells.append(c)
            destinations += feeds
            destinationStart.append(destinations.count)
        }
    }

    /// The located error of cell `c` of the current line (`fields` holds its cells), which holds no finite number:
    /// missing, not a number, or not finite.
    private func cellError(_ line: UnsafeBufferPointer<UInt8>, _ c: Int, lineNumber: Int) -> DataError {
        let cell = UnsafeBufferPointer(rebasing: line[fields[c]])
        let shown = String(decoding: cell, as: UTF8.self)
        if cell.isEmpty {
            return DataError(kind: .missingCell, message: "missing value in column '\(header[c])'",
                             file: file, line: lineNumber, column: c + 1, columnName: header[c])
        }
        if Double(shown) == nil {
            return DataError(kind: .nonNumericCell, message: "'\(shown)' in column '\(header[c])' is not a number",
                             file: file, line: lineNumber, column: c + 1, columnName: header[c])
        }
        return DataError(kind: .nonFiniteCell, message: "'\(shown)' in column '\(header[c])' is not finite",
                         file: file, line: lineNumber, column: c + 1, columnName: header[c])
    }

    /// A cell the fast decimal paths could not decide, through the C library; clears `plain` unless the text is a plain
    /// decimal number (the C library also reads forms such as hexadecimal that Python's `float` does not).
    private static func slowNumber(_ cell: UnsafeBufferPointer<UInt8>, plain: inout Bool) -> Double? {
        guard !cell.isEmpty, let v = Double(String(decoding: cell, as: UTF8.self)), v.isFinite else { return nil }
        if plain && !DecimalParser.isPlainDecimal(cell) { plain = false }
        return v
    }

    /// Throws, with the line and column of the first byte that is not UTF-8, unless the line is UTF-8 text.
    private func checkUTF8(_ line: UnsafeBufferPointer<UInt8>, lineNumber: Int) throws {
        var high: UInt8 = 0
        for b in line { high |= b }
        if high < 0x80 { return }
        var iterator = line.makeIterator()
        var parser = Unicode.UTF8.ForwardParser()
        var scalars = 0
        decoding: while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid: scalars += 1
            case .emptyInput: return
            case .error: break decoding
            }
        }
        throw DataError(kind: .unreadableFile, message: "the file is not UTF-8 text (save it as UTF-8)",
                        file: file, line: lineNumber, column: scalars + 1)
    }

    /// Parses the rows after the header (which this parser has read): part k of the text, whose first line is
    /// number `firstLines[k]`, by its own copy of the parser on its own thread (`feed(k, body)` calls `body` with each
    /// of the part's lines), every copy writing its rows straight into one matrix allocated once. The outcome is that
    /// of one parser reading the parts in order: the first error in the text wins, blank lines are an error only when
    /// a row follows them, and trailing ones are ignored.
    func parseRows(firstLines: [Int],
                   feed: @Sendable (Int, (UnsafeBufferPointer<UInt8>, Int) throws -> Void) throws -> Void)
        throws -> LoadedCSV {
        if header.isEmpty {
            throw DataError(kind: .emptyFile, message: "the file is empty (a header row is required)", file: file, key: "data")
        }
        let p = featureIndices.count, bound = stride
        var merged = self
        var y: [Double] = []
        var x = try [Double](unsafeUninitializedCapacity: bound * p) { xb, xCount in
            y = try [Double](unsafeUninitializedCapacity: bound) { yb, yCount in
                // Slots no row fills (trailing blank lines) are cut off below, but hold a value until then.
                xb.initialize(repeating: 0)
                yb.initialize(repeating: 0)
                let workers = firstLines.map { line -> CSVParserWorker in
                    var parser = self
                    parser.xOut = xb.baseAddress; parser.yOut = yb.baseAddress
                    parser.rows = line - 2   // line 2 is row 0; a part starts where its lines would put it
                    return CSVParserWorker(parser, firstRow: line - 2)
                }
                DispatchQueue.concurrentPerform(iterations: workers.count) { k in
                    let worker = workers[k]
                    do { try feed(k) { line, number in try worker.parser.consume(line, lineNumber: number) } }
                    catch { worker.error = error }
                }
                merged = try Self.merge(workers)
                yCount = bound
            }
            xCount = bound * p
        }
        let rows = merged.rows
        guard rows > 0 else {
            throw DataError(kind: .emptyFile, message: "the file has a header but no data rows", file: file, key: "data")
        }
        if rows < bound {
            // Close the gaps the unused row slots left (trailing blank lines), column by column, in place.
            x.withUnsafeMutableBufferPointer { buffer in
                guard let base = buffer.baseAddress else { return }
                for j in 1..<max(p, 1) { memmove(base + j * rows, base + j * bound, rows * MemoryLayout<Double>.stride) }
            }
            x.removeLast(x.count - rows * p)
            y.removeLast(y.count - rows)
        }
        let dataset = Dataset(featureNames: featureIndices.map { header[$0] }, targetName: target, columnMajor: x, y: y)
        return LoadedCSV(dataset: dataset, isInputTable: merged.plainLayout)
    }

    /// The parts' outcome in text order: the first part's error; then, for each next part, the blank lines the
    /// parts before it ended with are an error if this part has a row (or an error of its own); then its error.
    private static func merge(_ workers: [CSVParserWorker]) throws -> CSVParser {
        var merged = workers[0].parser
        if let error = workers[0].error { throw error }
        for worker in workers.dropFirst() {
            let hasRows = worker.parser.rows > worker.firstRow
            if !merged.pendingBlankLines.isEmpty, hasRows || worker.error != nil {
                try merged.consumeBlankLinesBeforeARow()
            }
            if let error = worker.error { throw error }
            merged.plainLayout = merged.plainLayout && worker.parser.plainLayout
            if hasRows {
                merged.rows = worker.parser.rows
                merged.pendingBlankLines = worker.parser.pendingBlankLines
            } else {
                merged.pendingBlankLines += worker.parser.pendingBlankLines
            }
        }
        return merged
    }

    /// The error the first pending blank line is when a row follows it.
    private mutating func consumeBlankLinesBeforeARow() throws {
        for blank in pendingBlankLines {
            try consumeNonBlank(UnsafeBufferPointer(start: nil, count: 0), lineNumber: blank)
        }
    }
}

/// One thread's parser and what stopped it.
private final class CSVParserWorker: @unchecked Sendable {
    // @unchecked: each worker is used by one thread during the parse and read by the caller after it.
    var parser: CSVParser
    let firstRow: Int
    var error: Error?

    init(_ parser: CSVParser, firstRow: Int) { self.parser = parser; self.firstRow = firstRow }
}

/// Field splitting on byte ranges.
private enum CSVFields {
    static func isBlank(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 }

    /// The range without leading and trailing spaces and tabs.
    static func trimmed(_ range: Range<Int>, in bytes: UnsafeBufferPointer<UInt8>) -> Range<Int> {
        var a = range.lowerBound, b = range.upperBound
        while a < b, isBlank(bytes[a]) { a += 1 }
        while b > a, isBlank(bytes[b - 1]) { b -= 1 }
        return a..<b
    }

    /// A cell: trimmed, then one pair of surrounding double quotes removed, then trimmed again.
    static func cell(_ range: Range<Int>, in bytes: UnsafeBufferPointer<UInt8>) -> Range<Int> {
        var r = trimmed(range, in: bytes)
        if r.count >= 2, bytes[r.lowerBound] == UInt8(ascii: "\""), bytes[r.upperBound - 1] == UInt8(ascii: "\"") {
            r = trimmed(r.lowerBound + 1..<r.upperBound - 1, in: bytes)
        }
        return r
    }

    /// The cells of a line; returns whether every cell is its field as written (nothing trimmed, no quotes).
    @discardableResult
    static func split(_ line: Range<Int>, in bytes: UnsafeBufferPointer<UInt8>, into fields: inout [Range<Int>]) -> Bool {
        fields.removeAll(keepingCapacity: true)
        var start = line.lowerBound, asWritten = true
        for k in line where bytes[k] == UInt8(ascii: ",") {
            let cell = cell(start..<k, in: bytes)
            if cell.count != k - start { asWritten = false }
            fields.append(cell)
            start = k + 1
        }
        let last = cell(start..<line.upperBound, in: bytes)
        if last.count != line.upperBound - start { asWritten = false }
        fields.append(last)
        return asWritten
    }
}
