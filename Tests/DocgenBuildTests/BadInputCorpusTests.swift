@testable import DocgenBuild
import DocgenDiagnostics
import Foundation
import XCTest

/// Every folder under `BadInputs/` is a content folder with one mistake in it, and an
/// `expected.txt` naming the diagnostic it must produce: `FILE:LINE:COL: MESSAGE-PART`
/// (LINE and COL may be left off from the end). Each must give that located error, exit
/// status 1, no crash, and leave the previous output byte for byte as it was.
///
/// Three markers stand for inputs git should not hold: `SYMLINK` (`data/x.csv -> /etc/passwd`)
/// makes a symbolic link, `FIFO` (`data/x.csv`, a path a line) makes named pipes, and `ENORMOUS` (`N`) writes an
/// N MiB chapter.
final class BadInputCorpusTests: XCTestCase {
    static var corpus: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("BadInputs")
    }

    func testCorpusHasAtLeastThirtyCases() throws {
        let cases = try FileManager.default.contentsOfDirectory(atPath: Self.corpus.path)
        XCTAssertGreaterThanOrEqual(cases.count, 30)
    }

    func testEveryBadInputGivesItsLocatedErrorAndLeavesOutputUntouched() throws {
        let cases = try FileManager.default.contentsOfDirectory(atPath: Self.corpus.path).sorted()
        for name in cases {
            let start = Date()
            try check(name)
            let seconds = Date().timeIntervalSince(start)
            if seconds > 2 { print("bad input \(name) took \(String(format: "%.1f", seconds)) s") }
        }
    }

    private func check(_ name: String) throws {
        let fm = FileManager.default
        let work = fm.temporaryDirectory.appendingPathComponent("bad-\(name)-\(UUID().uuidString)")
        defer { try? fm.removeItem(at: work) }
        let content = work.appendingPathComponent("Content")
        try fm.createDirectory(at: work, withIntermediateDirectories: true)
        try fm.copyItem(at: Self.corpus.appendingPathComponent(name), to: content)
        let expected = try String(contentsOf: content.appendingPathComponent("expected.txt"), encoding: .utf8)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        try fm.removeItem(at: content.appendingPathComponent("expected.txt"))
        try fm.createDirectory(at: content.appendingPathComponent("data"), withIntermediateDirectories: true)
        let diabetes = content.appendingPathComponent("data/diabetes.csv")
        if !fm.fileExists(atPath: diabetes.path) {
            try fm.copyItem(at: TestContent.repositoryRoot.appendingPathComponent("Content/data/diabetes.csv"), to: diabetes)
        }
        let symlink = content.appendingPathComponent("SYMLINK")
        if let spec = try? String(contentsOf: symlink, encoding: .utf8) {
            let parts = spec.trimmingCharacters(in: .whitespacesAndNewlines).components(separatedBy: " -> ")
            try fm.createSymbolicLink(atPath: content.appendingPathComponent(parts[0]).path, withDestinationPath: parts[1])
            try fm.removeItem(at: symlink)
        }
        let fifo = content.appendingPathComponent("FIFO")
        if let spec = try? String(contentsOf: fifo, encoding: .utf8) {
            for path in spec.split(separator: "\n") where !path.isEmpty {
                XCTAssertEqual(mkfifo(content.appendingPathComponent(String(path)).path, 0o644), 0, "\(name): mkfifo \(path)")
            }
            try fm.removeItem(at: fifo)
        }
        let enormous = content.appendingPathComponent("ENORMOUS")
        if let spec = try? String(contentsOf: enormous, encoding: .utf8) {
            let mebibytes = Int(spec.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 5
            let line = String(repeating: "All work and no play makes a dull course. ", count: 24) + "\n"
            let text = "# Big\n\n" + String(repeating: line, count: mebibytes * 1024 * 1024 / line.utf8.count + 1)
            try Data(text.utf8).write(to: content.appendingPathComponent("01-chapter.md"))
            try fm.removeItem(at: enormous)
        }

        // A previous site, to prove the failed build leaves it alone.
        let output = work.appendingPathComponent("Output").path
        _ = try SitePublisher(outputPath: output).publish(["index.html": Data("previous build".utf8),
                                                           "figures/a.png": Data([1, 2, 3])])
        let before = snapshot(output)

        var options = BuildOptions(contentPath: content.path, outputPath: output)
        options.cachePath = work.appendingPathComponent("cache").path
        options.identity = "bad-input-tests"
        let result = Builder(options: options).run()

        XCTAssertEqual(result.exitStatus, 1, "\(name): expected a failed build")
        XCTAssertEqual(snapshot(output), before, "\(name): the previous output changed")
        let prefix = work.path + "/"
        let printed = result.diagnostics.filter { $0.severity == .error }.map { d -> String in
            var text = d.description
            if text.hasPrefix(prefix) { text.removeFirst(prefix.count) }
            return text.replacingOccurrences(of: ": error: ", with: ": ")
        }
        let (location, message) = split(expected)
        let matched = printed.contains { $0.hasPrefix(location) && (message.isEmpty || $0.contains(message)) }
        XCTAssertTrue(matched, "\(name): expected '\(expected)', got: " + printed.joined(separator: " | "))
        for d in result.diagnostics where d.severity == .error {
            XCTAssertNotNil(d.location, "\(name): an error without a location: \(d.message)")
        }
    }

    /// `Content/x.md:3:1: message` → ("Content/x.md:3:1", "message").
    private func split(_ expected: String) -> (String, String) {
        guard let range = expected.range(of: ": ") else { return (expected, "") }
        return (String(expected[..<range.lowerBound]), String(expected[range.upperBound...]))
    }

    private func snapshot(_ folder: String) -> [String: Data] {
        var out: [String: Data] = [:]
        let fm = FileManager.default
        guard let e = fm.enumerator(atPath: folder) else { return out }
        while let item = e.nextObject() as? String {
            if let data = fm.contents(atPath: folder + "/" + item) { out[item] = data }
        }
        return out
    }
}
