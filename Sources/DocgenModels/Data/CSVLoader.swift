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
    ///   non-numeric, NaN/infinite cells and ragged rows; `key` `"target"`/`"features"` for unknown columns.
    ///   Cells of columns not selected are still checked only for count (ragged rows), not for content.
    public static func load(csvPath: String, target: String, features: [String]? = nil) throws -> Dataset {
        guard let data = FileManager.default.contents(atPath: csvPath) else {
            throw DataError(kind: .unreadableFile, message: "cannot read the file", file: csvPath, key: "data")
        }
        guard var text = String(validating: data, as: UTF8.self) else {
            // Locate the first byte that is not UTF-8: a line and a column the author can go to.
            var iterator = data.makeIterator()
            var parser = Unicode.UTF8.ForwardParser()
            var lo = 0
            decoding: while true {
                switch parser.parseScalar(from: &iterator) {
                case let .valid(scalar): lo += scalar.count
                case .error, .emptyInput: break decoding
                }
            }
            let prefix = data.prefix(lo)
            let line = prefix.reduce(1) { $0 + ($1 == 0x0A ? 1 : 0) }
            let lineStart = prefix.lastIndex(of: 0x0A).map { $0 + 1 } ?? 0
            let column = String(decoding: data[lineStart..<lo], as: UTF8.self).unicodeScalars.count + 1
            throw DataError(kind: .unreadableFile, message: "the file is not UTF-8 text (save it as UTF-8)",
                            file: csvPath, line: line, column: column)
        }
        // A byte-order mark is not part of the first column's name.
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        return try parse(csvText: text, file: csvPath, target: target, features: features)
    }

    /// Parses CSV text; `file` is only used in error messages. See `load(csvPath:target:features:)`.
    ///
    /// Works on the UTF-8 bytes: lines end at LF (a CR before it is dropped), fields end at commas, and cells are
    /// converted to `Double` straight from their byte range, so a data set costs about one pass over its text.
    public static func parse(csvText: String, file: String, target: String, features: [String]? = nil) throws -> Dataset {
        var text = csvText
        return try text.withUTF8 { bytes in
            try parse(utf8: bytes, file: file, target: target, features: features)
        }
    }

    private static func parse(utf8 bytes: UnsafeBufferPointer<UInt8>, file: String, target: String,
                              features: [String]?) throws -> Dataset {
        var lines: [Range<Int>] = []
        var reader = CSVLines(bytes)
        while let line = reader.next() { lines.append(line) }
        // Blank (whitespace-only) lines at the end are not rows.
        while let last = lines.last, CSVFields.trimmed(last, in: bytes).isEmpty { lines.removeLast() }
        guard let headerLine = lines.first else {
            throw DataError(kind: .emptyFile, message: "the file is empty (a header row is required)", file: file, key: "data")
        }
        let header = CSVFields.split(headerLine, in: bytes).map { String(decoding: UnsafeBufferPointer(rebasing: bytes[$0]), as: UTF8.self) }
        var seen: [String: Int] = [:]
        for (c, name) in header.enumerated() {
            if let first = seen[name] {
                throw DataError(kind: .duplicateColumn,
                                message: "column name '\(name)' repeats column \(first + 1)",
                                file: file, line: 1, column: c + 1, columnName: name)
            }
            seen[name] = c
        }
        func unknown(_ name: String, _ role: String) -> String {
            let hint = Suggestion.closest(to: name, in: header).map { "; did you mean '\($0)'?" } ?? ""
            return "no column named '\(name)' for \(role)\(hint) (columns: \(header.joined(separator: ", ")))"
        }
        guard let targetIndex = seen[target] else {
            throw DataError(kind: .unknownColumn, message: unknown(target, "the target"),
                            file: file, line: 1, columnName: target, key: "target")
        }
        let featureIndices: [Int]
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
        let rowLines = lines.dropFirst()
        guard !rowLines.isEmpty else {
            throw DataError(kind: .emptyFile, message: "the file has a header but no data rows", file: file, key: "data")
        }
        let n = rowLines.count, p = featureIndices.count
        if let m = SizeLimits.excess(SizeLimits.product(n, p + 1), limit: SizeLimits.maximumCells,
                                     what: "rows × columns used (\(SizeLimits.grouped(n)) × \(p + 1))") {
            throw DataError(kind: .tooLarge, message: "the data is too large: \(m)", file: file, key: "data")
        }
        var x = [Double](repeating: 0, count: n * p)
        var y = [Double](repeating: 0, count: n)
        var fields: [Range<Int>] = []
        fields.reserveCapacity(header.count)
        for (i, line) in rowLines.enumerated() {
            let lineNumber = i + 2
            CSVFields.split(line, in: bytes, into: &fields)
            guard fields.count == header.count else {
                throw DataError(kind: .raggedRow,
                                message: "row has \(fields.count) cells but the header has \(header.count)",
                                file: file, line: lineNumber, column: min(fields.count, header.count) + 1)
            }
            func number(_ c: Int) throws -> Double {
                let cell = UnsafeBufferPointer(rebasing: bytes[fields[c]])
                if cell.isEmpty {
                    throw DataError(kind: .missingCell, message: "missing value in column '\(header[c])'",
                                    file: file, line: lineNumber, column: c + 1, columnName: header[c])
                }
                guard let v = CSVFields.double(cell) else {
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
            y[i] = try number(targetIndex)
            for (j, c) in featureIndices.enumerated() { x[j * n + i] = try number(c) }
        }
        return Dataset(featureNames: featureIndices.map { header[$0] }, targetName: target, columnMajor: x, y: y)
    }
}

/// The lines of a CSV text as byte ranges: split at LF, with a CR before the LF (or at the very end) dropped.
private struct CSVLines {
    let bytes: UnsafeBufferPointer<UInt8>
    var position = 0
    init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    mutating func next() -> Range<Int>? {
        guard position < bytes.count else { return nil }
        let start = position
        var end = start
        while end < bytes.count, bytes[end] != UInt8(ascii: "\n") { end += 1 }
        position = end + 1
        var last = end
        if last > start, bytes[last - 1] == UInt8(ascii: "\r") { last -= 1 }
        return start..<last
    }
}

/// Field splitting and number conversion on byte ranges.
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

    /// The number a cell spells, with Swift's `Double(_: String)` grammar (decimal, exponent, hexadecimal,
    /// `inf`, `nan`); nil when any byte is left over. Cells of up to 15 bytes stay in an inline small string.
    static func double(_ cell: UnsafeBufferPointer<UInt8>) -> Double? {
        Double(String(decoding: cell, as: UTF8.self))
    }
}
