import DocgenFigures
import Foundation

extension CoursePlanner {
    /// The course's style map: each CSV data set's features (its header without the target column) in column order,
    /// data sets in the order the course first uses them. Generated and polynomial features are named by position
    /// (x1…xp, x, x^2, …), so their position in a figure already is their style. Only the header line of each file is
    /// read; a file that cannot be read adds nothing (the experiment reports why).
    static func styleMap(_ experiments: [ExperimentDeclaration]) -> StyleMap {
        var columns: [[String]] = []
        var seen = Set<String>()
        for e in experiments {
            guard case let .file(_, path) = e.data, seen.insert(path + "\u{0}" + (e.target ?? "")).inserted,
                  let header = headerLine(path) else { continue }
            columns.append(header.filter { $0 != e.target })
        }
        return StyleMap(dataColumns: columns)
    }

    /// The column names of a CSV file's first line (at most 1 MiB read), trimmed of spaces and quotes.
    static func headerLine(_ path: String) -> [String]? {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        var bytes = Data()
        while bytes.count < 1 << 20, let chunk = try? handle.read(upToCount: 64 * 1024), !chunk.isEmpty {
            bytes.append(chunk)
            if chunk.contains(UInt8(ascii: "\n")) { break }
        }
        let line = bytes.prefix { $0 != UInt8(ascii: "\n") && $0 != UInt8(ascii: "\r") }
        guard var text = String(data: line, encoding: .utf8) else { return nil }
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        return text.split(separator: ",", omittingEmptySubsequences: false).map {
            $0.trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
        }
    }
}
