import Foundation

/// `nan` and `inf` never reach a published CSV silently: a CSV the build is about to publish is scanned for
/// non-finite cells, and unless the fit layer already named the problem in a warning of its own, the build
/// flags it with a warning at the directive that produced the numbers (which `--strict` turns into a failure).
enum NonFiniteGuard {
    /// The first column holding a non-finite cell (`nan`, `inf`, `-inf`, as the model library writes them),
    /// with the number of such cells in the whole file; nil when every cell is finite.
    static func scan(csv: String) -> (column: String, count: Int)? {
        var header: [Substring] = []
        var first: String?
        var count = 0
        for (k, line) in csv.split(separator: "\n", omittingEmptySubsequences: true).enumerated() {
            let cells = line.split(separator: ",", omittingEmptySubsequences: false)
            if k == 0 { header = cells; continue }
            for (j, cell) in cells.enumerated() {
                let t = cell.trimmingCharacters(in: CharacterSet(charactersIn: " \r\"")).lowercased()
                guard t == "nan" || t == "inf" || t == "-inf" || t == "+inf" || t == "infinity" || t == "-infinity" else {
                    continue
                }
                count += 1
                if first == nil { first = j < header.count ? String(header[j]) : "column \(j + 1)" }
            }
        }
        return first.map { ($0, count) }
    }

    /// The warning for a CSV about to be published, or nil when it is all finite.
    static func warning(file: String, csv: String) -> String? {
        guard let (column, count) = scan(csv: csv) else { return nil }
        return "\(file) would publish \(count) non-finite value\(count == 1 ? "" : "s") (nan or inf), "
            + "first in column '\(column)'; the fit is degenerate for some α (check the data, the split and the grid)"
    }
}
