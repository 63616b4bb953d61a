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
        guard let data = FileManager.default.contents(atPath: csvPath),
              let text = String(data: data, encoding: .utf8) else {
            throw DataError(kind: .unreadableFile, message: "\(csvPath): cannot read the file", file: csvPath, key: "data")
        }
        return try parse(csvText: text, file: csvPath, target: target, features: features)
    }

    /// Parses CSV text; `file` is only used in error messages. See `load(csvPath:target:features:)`.
    public static func parse(csvText: String, file: String, target: String, features: [String]? = nil) throws -> Dataset {
        var lines = csvText.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" })
            .map { $0.hasSuffix("\r") ? String($0.dropLast()) : String($0) }
        while let last = lines.last, last.trimmingCharacters(in: .whitespaces).isEmpty { lines.removeLast() }
        guard let headerLine = lines.first else {
            throw DataError(kind: .emptyFile, message: "\(file): the file is empty (a header row is required)", file: file, key: "data")
        }
        let header = splitFields(headerLine)
        var seen: [String: Int] = [:]
        for (c, name) in header.enumerated() {
            if let first = seen[name] {
                throw DataError(kind: .duplicateColumn,
                                message: "\(file):1:\(c + 1): column name '\(name)' repeats column \(first + 1)",
                                file: file, line: 1, column: c + 1, columnName: name)
            }
            seen[name] = c
        }
        guard let targetIndex = seen[target] else {
            throw DataError(kind: .unknownColumn,
                            message: "\(file): no column named '\(target)' for the target (columns: \(header.joined(separator: ", ")))",
                            file: file, line: 1, columnName: target, key: "target")
        }
        let featureIndices: [Int]
        if let features {
            featureIndices = try features.map { name in
                guard let c = seen[name] else {
                    throw DataError(kind: .unknownColumn,
                                    message: "\(file): no column named '\(name)' for a feature (columns: \(header.joined(separator: ", ")))",
                                    file: file, line: 1, columnName: name, key: "features")
                }
                return c
            }
        } else {
            featureIndices = header.indices.filter { $0 != targetIndex }
        }
        let rowLines = lines.dropFirst()
        guard !rowLines.isEmpty else {
            throw DataError(kind: .emptyFile, message: "\(file): the file has a header but no data rows", file: file, key: "data")
        }
        let n = rowLines.count, p = featureIndices.count
        var x = [Double](repeating: 0, count: n * p)
        var y = [Double](repeating: 0, count: n)
        for (i, lineText) in rowLines.enumerated() {
            let lineNumber = i + 2
            let fields = splitFields(lineText)
            guard fields.count == header.count else {
                throw DataError(kind: .raggedRow,
                                message: "\(file):\(lineNumber): row has \(fields.count) cells but the header has \(header.count)",
                                file: file, line: lineNumber, column: min(fields.count, header.count) + 1)
            }
            func number(_ c: Int) throws -> Double {
                let cell = fields[c], name = header[c]
                let location = "\(file):\(lineNumber):\(c + 1)"
                if cell.isEmpty {
                    throw DataError(kind: .missingCell, message: "\(location): missing value in column '\(name)'",
                                    file: file, line: lineNumber, column: c + 1, columnName: name)
                }
                guard let v = Double(cell) else {
                    throw DataError(kind: .nonNumericCell, message: "\(location): '\(cell)' in column '\(name)' is not a number",
                                    file: file, line: lineNumber, column: c + 1, columnName: name)
                }
                guard v.isFinite else {
                    throw DataError(kind: .nonFiniteCell, message: "\(location): '\(cell)' in column '\(name)' is not finite",
                                    file: file, line: lineNumber, column: c + 1, columnName: name)
                }
                return v
            }
            y[i] = try number(targetIndex)
            for (j, c) in featureIndices.enumerated() { x[j * n + i] = try number(c) }
        }
        return Dataset(featureNames: featureIndices.map { header[$0] }, targetName: target, columnMajor: x, y: y)
    }

    private static func splitFields(_ line: String) -> [String] {
        line.split(separator: ",", omittingEmptySubsequences: false).map { field in
            var s = field.trimmingCharacters(in: .whitespaces)
            if s.count >= 2, s.hasPrefix("\""), s.hasSuffix("\"") { s = String(s.dropFirst().dropLast()) }
            return s.trimmingCharacters(in: .whitespaces)
        }
    }
}
