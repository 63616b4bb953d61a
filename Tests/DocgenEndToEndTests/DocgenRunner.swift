import Foundation
import XCTest

/// Runs the built `docgen` executable as a user would, in a scratch folder.
struct DocgenRunner {
    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// The `docgen` executable beside the test bundle in the build folder.
    static var executable: URL {
        var candidates: [URL] = [Bundle.main.bundleURL, Bundle.main.bundleURL.deletingLastPathComponent()]
        for bundle in Bundle.allBundles { candidates.append(bundle.bundleURL.deletingLastPathComponent()) }
        candidates.append(URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent())
        for folder in candidates {
            let url = folder.appendingPathComponent("docgen")
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue {
                return url
            }
        }
        return candidates[0].appendingPathComponent("docgen")
    }

    let folder: URL

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("docgen-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("Content/data"),
                                                withIntermediateDirectories: true)
    }

    /// A runner in an existing folder (removed with the scratch folder that holds it).
    init(folder: URL) { self.folder = folder }

    func write(_ relative: String, _ text: String) throws {
        let url = folder.appendingPathComponent(relative)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    func copyDiabetes() throws {
        let source = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Content/data/diabetes.csv")
        try FileManager.default.copyItem(at: source, to: folder.appendingPathComponent("Content/data/diabetes.csv"))
    }

    func read(_ relative: String) -> Data? {
        FileManager.default.contents(atPath: folder.appendingPathComponent(relative).path)
    }

    func text(_ relative: String) -> String? { read(relative).map { String(decoding: $0, as: UTF8.self) } }

    /// Runs `docgen ARGUMENTS` in the scratch folder with NO_COLOR set and `environment` added.
    func run(_ arguments: [String], environment: [String: String] = [:]) throws -> Run {
        try Self.run(Self.executable, arguments, in: folder, environment: environment)
    }

    /// Runs `executable ARGUMENTS` in `folder` with NO_COLOR set and `environment` added.
    static func run(_ executable: URL, _ arguments: [String], in folder: URL,
                    environment extra: [String: String] = [:]) throws -> Run {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = folder
        var environment = ProcessInfo.processInfo.environment.merging(extra) { _, new in new }
        environment["NO_COLOR"] = "1"
        process.environment = environment
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                   stderr: String(decoding: errData, as: UTF8.self))
    }

    func remove() { try? FileManager.default.removeItem(at: folder) }
}
