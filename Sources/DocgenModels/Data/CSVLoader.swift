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
    /// matrix is allocated once at its final size, and once to parse. Memory is the parsed data plus a constant.
    public static func load(csvPath: String, target: String, features: [String]? = nil) throws -> Dataset {
        guard let counter = CSVFileChunks(path: csvPath) else {
            throw DataError(kind: .unreadableFile, message: "cannot read the file", file: csvPath, key: "data")
        }
        var lineBreaks = 0
        try counter.forEachChunk { chunk in lineBreaks += countLineBreaks(chunk) }
        guard let reader = CSVFileChunks(path: csvPath) else {
            throw DataError(kind: .unreadableFile, message: "cannot read the file", file: csvPath, key: "data")
        }
        var parser = CSVParser(file: csvPath, target: target, features: features, lineBound: lineBreaks + 1)
        try reader.forEachLine { line, number in try parser.consume(line, lineNumber: number) }
        return try parser.finish()
    }

    /// Parses CSV text; `file` is only used in error messages. See `load(csvPath:target:features:)`.
    public static func parse(csvText: String, file: String, target: String, features: [String]? = nil) throws -> Dataset {
        var text = csvText
        return try text.withUTF8 { bytes in
            var parser = CSVParser(file: file, target: target, features: features,
                                   lineBound: countLineBreaks(bytes) + 1)
            try forEachLine(in: bytes, firstLineNumber: 1) { line, number in try parser.consume(line, lineNumber: number) }
            return try parser.finish()
        }
    }
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

    init?(path: String) {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return nil }
        var info = stat()
        guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else {
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
        while true {
            let count = read(descriptor, buffer, size)
            if count < 0 {
                if errno == EINTR { continue }
                throw DataError(kind: .unreadableFile, message: "cannot read the file", file: path, key: "data")
            }
            if count == 0 { return }
            try body(UnsafeBufferPointer(start: buffer, count: count))
        }
    }

    /// Calls `body` with every line of the file (as `forEachLine(in:…)`), reading it in pieces; a line longer than a
    /// piece is gathered whole.
    func forEachLine(_ body: (UnsafeBufferPointer<UInt8>, Int) throws -> Void) throws {
        var carry: [UInt8] = []
        var number = 1
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
    /// What each cell position feeds: -1 the target, 0… a feature (a column may feed several, or none).
    var roles: [[Int]] = []
    var x: [Double] = []
    var y: [Double] = []
    var stride = 0
    var rows = 0
    /// Blank lines met after the last row, by number: an error if a row follows, else ignored.
    var pendingBlankLines: [Int] = []
    var fields: [Range<Int>] = []

    init(file: String, target: String, features: [String]?, lineBound: Int) {
        self.file = file; self.target = target; self.features = features; self.lineBound = lineBound
    }

    mutating func consume(_ rawLine: UnsafeBufferPointer<UInt8>, lineNumber: Int) throws {
        var line = rawLine
        if lineNumber == 1, line.count >= 3, line[0] == 0xEF, line[1] == 0xBB, line[2] == 0xBF {
            // A byte-order mark is not part of the first column's name.
            line = UnsafeBufferPointer(rebasing: line[3...])
        }
        try checkUTF8(line, lineNumber: lineNumber)
        if CSVFields.trimmed(0..<line.count, in: line).isEmpty {
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
        CSVFields.split(0..<line.count, in: line, into: &fields)
        guard fields.count == header.count else {
            throw DataError(kind: .raggedRow, message: "row has \(fields.count) cells but the header has \(header.count)",
                            file: file, line: lineNumber, column: min(fields.count, header.count) + 1)
        }
        let i = rows
        for (c, destinations) in roles.enumerated() where !destinations.isEmpty {
            let v = try number(line, c, lineNumber: lineNumber)
            for role in destinations {
                if role < 0 { y[i] = v } else { x[role * stride + i] = v }
            }
        }
        rows += 1
    }

    private mutating func readHeader(_ line: UnsafeBufferPointer<UInt8>) throws {
        header = CSVFields.split(0..<line.count, in: line).map {
            String(decoding: UnsafeBufferPointer(rebasing: line[$0]), as: UTF8.self)
        }
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
            return "no column named '\(name)' for \(role)\(hint) (columns: \(header.joined(separator: ", ")))"
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
        // Rows: at most the lines after the header.
        let bound = max(lineBound - 1, 0), p = featureIndices.count
        if let m = SizeLimits.excess(SizeLimits.product(bound, p + 1), limit: SizeLimits.maximumCells,
                                     what: "rows × columns used (\(SizeLimits.grouped(bound)) × \(p + 1))") {
            throw DataError(kind: .tooLarge, message: "the data is too large: \(m)", file: file, key: "data")
        }
        stride = bound
        x = [Double](repeating: 0, count: bound * p)
        y = [Double](repeating: 0, count: bound)
        roles = [[Int]](repeating: [], count: header.count)
        roles[targetIndex].append(-1)
        for (j, c) in featureIndices.enumerated() { roles[c].append(j) }
    }

    private func number(_ line: UnsafeBufferPointer<UInt8>, _ c: Int, lineNumber: Int) throws -> Double {
        let cell = UnsafeBufferPointer(rebasing: line[fields[c]])
        if cell.isEmpty {
            throw DataError(kind: .missingCell, message: "missing value in column '\(header[c])'",
                            file: file, line: lineNumber, column: c + 1, columnName: header[c])
        }
        guard let v = DecimalParser.fastDouble(cell) ?? Double(String(decoding: cell, as: UTF8.self)) else {
            let shown = String(decoding: cell, as: UTF8.self)
            throw DataError(kind: .nonNumericCell, message: "'\(shown)' in column '\(header[c])' is not a number",
                            file: file, line: lineNumber, column: c + 1, columnName: header[c])
        }
        guard v.isFinite else {
            let shown = String(decoding: cell, as: UTF8.self)
            throw DataError(kind: .nonFiniteCell, message: "'\(shown)' in column '\(header[c])' is not finite",
                            file: file, line: lineNumber, column: c + 1, columnName: header[c])
        }
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

    mutating func finish() throws -> Dataset {
        if header.isEmpty {
            throw DataError(kind: .emptyFile, message: "the file is empty (a header row is required)", file: file, key: "data")
        }
        guard rows > 0 else {
            throw DataError(kind: .emptyFile, message: "the file has a header but no data rows", file: file, key: "data")
        }
        let p = featureIndices.count
        if rows < stride {
            // Close the gaps the unused row slots left (trailing blank lines), column by column, in place.
            x.withUnsafeMutableBufferPointer { buffer in
                guard let base = buffer.baseAddress else { return }
                for j in 1..<max(p, 1) { memmove(base + j * rows, base + j * stride, rows * MemoryLayout<Double>.stride) }
            }
            x.removeLast(x.count - rows * p)
            y.removeLast(y.count - rows)
        }
        return Dataset(featureNames: featureIndices.map { header[$0] }, targetName: target, columnMajor: x, y: y)
    }
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

    static func split(_ line: Range<Int>, in bytes: UnsafeBufferPointer<UInt8>, into fields: inout [Range<Int>]) {
        fields.removeAll(keepingCapacity: true)
        var start = line.lowerBound
        for k in line where bytes[k] == UInt8(ascii: ",") {
            fields.append(cell(start..<k, in: bytes))
            start = k + 1
        }
        fields.append(cell(start..<line.upperBound, in: bytes))
    }

    static func split(_ line: Range<Int>, in bytes: UnsafeBufferPointer<UInt8>) -> [Range<Int>] {
        var fields: [Range<Int>] = []
        split(line, in: bytes, into: &fields)
        return fields
    }
}
