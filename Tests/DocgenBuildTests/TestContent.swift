import Foundation
import XCTest

/// A throwaway content folder for a test, removed when the test ends.
struct TestContent {
    let root: URL

    init(file: StaticString = #filePath) throws {
        root = FileManager.default.temporaryDirectory
            .appendingPathComponent("docgen-test-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: root.appendingPathComponent("Content/data"),
                                                withIntermediateDirectories: true)
    }

    var content: String { root.appendingPathComponent("Content").path }
    var output: String { root.appendingPathComponent("Output").path }
    var cache: String { root.appendingPathComponent("cache").path }

    /// Writes a file under Content/.
    func write(_ relative: String, _ text: String) throws {
        let url = root.appendingPathComponent("Content").appendingPathComponent(relative)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    /// Copies the course's diabetes data into Content/data/.
    func addDiabetes() throws {
        let source = TestContent.repositoryRoot.appendingPathComponent("Content/data/diabetes.csv")
        try FileManager.default.copyItem(at: source, to: root.appendingPathComponent("Content/data/diabetes.csv"))
    }

    func remove() { try? FileManager.default.removeItem(at: root) }

    /// Every file below `folder` (hidden ones too), by path relative to it, with its bytes.
    static func files(in folder: String) -> [String: Data] {
        var out: [String: Data] = [:]
        guard let e = FileManager.default.enumerator(atPath: folder) else { return out }
        while let item = e.nextObject() as? String {
            var isDirectory: ObjCBool = false
            let path = folder + "/" + item
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue {
                out[item] = FileManager.default.contents(atPath: path)
            }
        }
        return out
    }

    static var repositoryRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }
}
