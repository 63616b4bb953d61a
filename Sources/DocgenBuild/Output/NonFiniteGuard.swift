import Foundation

/// `nan` and `inf` never reach a published CSV silently: a CSV the build is about to publish is scanned for
/// non-finite cells, and unless the fit layer already named the problem in a warning of its own, the build
/// flags it with a warning at the directive that produced the numbers (which `--strict` turns into a failure).
enum NonFiniteGuard {
    /// The first column holding a non-finite cell (`nan`, `inf`, `-inf`, as the model library writes them),
    /// with the number of such cells in the whole file; nil when every cell is finite.
    ///
    /// One pass over the UTF-8 bytes; only a cell that starts with a letter (after spaces, quotes and a sign) is
    /// looked at more closely, so a CSV of numbers costs a byte comparison per byte (5,000-α figure CSVs took a
    /// third of a build when every cell went through Foundation's trimming).
    static func scan(csv: String) -> (column: String, count: Int)? {
        var csv = csv
        return csv.withUTF8 { bytes -> (column: String, count: Int)? in
            let comma = UInt8(ascii: ","), newline = UInt8(ascii: "\n")
            guard let headerEnd = bytes.firstIndex(of: newline) else { return nil }
            var firstColumn: Int?
            var count = 0
            var column = 0, start = headerEnd + 1
            for k in (headerEnd + 1)...bytes.count {
                let b = k < bytes.count ? bytes[k] : newline
                guard b == comma || b == newline else { continue }
                if k > start, isNonFinite(UnsafeBufferPointer(rebasing: bytes[start..<k])) {
                    count += 1
                    if firstColumn == nil { firstColumn = column }
                }
                column = b == newline ? 0 : column + 1
                start = k + 1
            }
            guard let firstColumn else { return nil }
            let header = String(decoding: UnsafeBufferPointer(rebasing: bytes[..<headerEnd]), as: UTF8.self)
                .split(separator: ",", omittingEmptySubsequences: false)
            return (firstColumn < header.count ? String(header[firstColumn]) : "column \(firstColumn + 1)", count)
        }
    }

    /// Whether a cell spells nan, inf, +inf, -inf, infinity or -infinity (any case), with spaces, carriage returns
    /// and double quotes around it ignored.
    private static func isNonFinite(_ cell: UnsafeBufferPointer<UInt8>) -> Bool {
        func ignorable(_ b: UInt8) -> Bool { b == 0x20 || b == 0x0D || b == 0x22 }
        var a = 0, z = cell.count
        while a < z, ignorable(cell[a]) { a += 1 }
        while z > a, ignorable(cell[z - 1]) { z -= 1 }
        guard a < z else { return false }
        // Numbers start with a digit, a point or a sign followed by one: the common case ends here.
        var letter = a
        if cell[letter] == UInt8(ascii: "-") || cell[letter] == UInt8(ascii: "+") { letter += 1 }
        guard letter < z, (cell[letter] | 0x20) == UInt8(ascii: "n") || (cell[letter] | 0x20) == UInt8(ascii: "i") else {
            return false
        }
        let word = String(decoding: UnsafeBufferPointer(rebasing: cell[a..<z]), as: UTF8.self).lowercased()
        return ["nan", "inf", "-inf", "+inf", "infinity", "-infinity"].contains(word)
    }

    /// The warning for a CSV about to be published, or nil when it is all finite.
    static func warning(file: String, csv: String) -> String? {
        guard let (column, count) = scan(csv: csv) else { return nil }
        return "\(file) would publish \(count) non-finite value\(count == 1 ? "" : "s") (nan or inf), "
            + "first in column '\(column)'; the fit is degenerate for some α (check the data, the split and the grid)"
    }
}
