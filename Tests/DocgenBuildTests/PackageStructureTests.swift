import DocgenFigures
import DocgenModels
import Foundation
import XCTest

/// The package tells the truth: every target declares exactly the modules its sources import, and the build
/// pipeline holds no figure kind, table kind or model family of its own — those live in their libraries'
/// registries, each name spelled in one file.
final class PackageStructureTests: XCTestCase {
    static let root = TestContent.repositoryRoot

    /// Modules of the toolchain and the system, which no target declares.
    static let systemModules: Set<String> = ["Foundation", "Glibc", "Darwin", "Dispatch", "Synchronization", "XCTest"]

    /// Every target's declared dependencies (targets and products, by name) from `swift package dump-package`.
    func declaredDependencies() throws -> [(name: String, path: String, dependencies: Set<String>)] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        // A scratch folder of its own: the running test holds the lock of the package's `.build`.
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("docgen-dump-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: scratch) }
        process.arguments = ["swift", "package", "--scratch-path", scratch.path, "dump-package"]
        process.currentDirectoryURL = Self.root
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let json = try XCTUnwrap(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let targets = try XCTUnwrap(json["targets"] as? [[String: Any]])
        return targets.compactMap { target in
            guard let name = target["name"] as? String, let type = target["type"] as? String, type != "system" else {
                return nil
            }
            let folder = type == "test" ? "Tests" : "Sources"
            let path = (target["path"] as? String) ?? "\(folder)/\(name)"
            var dependencies = Set<String>()
            for dependency in (target["dependencies"] as? [[String: Any]]) ?? [] {
                for (kind, value) in dependency {
                    guard let list = value as? [Any], let first = list.first as? String else { continue }
                    if kind == "byName" || kind == "target" || kind == "product" { dependencies.insert(first) }
                }
            }
            return (name, path, dependencies)
        }
    }

    /// The modules imported by the Swift files under `path`.
    func imports(under path: String) throws -> Set<String> {
        let folder = Self.root.appendingPathComponent(path)
        var found = Set<String>()
        let files = FileManager.default.enumerator(atPath: folder.path)?.compactMap { $0 as? String } ?? []
        for file in files where file.hasSuffix(".swift") {
            let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
            for line in text.split(separator: "\n") {
                var words = line.split(separator: " ")
                if words.first == "@testable" { words.removeFirst() }
                guard words.count == 2, words[0] == "import" else { continue }
                found.insert(String(words[1]))
            }
        }
        return found.subtracting(Self.systemModules)
    }

    func testEveryTargetDeclaresExactlyWhatItImports() throws {
        let targets = try declaredDependencies()
        XCTAssertGreaterThan(targets.count, 10)
        for target in targets {
            let imported = try imports(under: target.path)
            // An executable the end-to-end tests run is a dependency without an import.
            let declared = target.dependencies.subtracting(["docgen"])
            XCTAssertEqual(imported, declared, "target \(target.name): imports \(imported.sorted()), declares \(declared.sorted())")
        }
    }

    func testTheBuildPipelineNamesNoFigureKindTableKindOrModelFamily() throws {
        var names = FigureKinds.names.map { "\"\($0)\"" } + TableKinds.names.map { "\"\($0)\"" }
        for family in ModelFamilies.all { names += family.modelNames.map { "\"\($0)\"" } }
        names += ["isClassification", "LeastSquares", "LogisticRegression"]
        let folder = Self.root.appendingPathComponent("Sources/DocgenBuild")
        let files = FileManager.default.enumerator(atPath: folder.path)?.compactMap { $0 as? String } ?? []
        XCTAssertFalse(files.isEmpty)
        for file in files where file.hasSuffix(".swift") {
            let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
            for name in names { XCTAssertFalse(text.contains(name), "Sources/DocgenBuild/\(file) names \(name)") }
        }
    }

    func testEachKindIsDeclaredInOneSourceFile() throws {
        let sources = Self.root.appendingPathComponent("Sources")
        let files = (FileManager.default.enumerator(atPath: sources.path)?.compactMap { $0 as? String } ?? [])
            .filter { $0.hasSuffix(".swift") }
        let texts = try files.map { try String(contentsOf: sources.appendingPathComponent($0), encoding: .utf8) }
        for name in FigureKinds.names + TableKinds.names {
            let declaration = "static let name = \"\(name)\""
            let holders = zip(files, texts).filter { $0.1.contains(declaration) }.map(\.0)
            // A figure kind and a table kind may share a name (`coefficients`): one declaration each.
            let expected = (FigureKinds.names.contains(name) ? 1 : 0) + (TableKinds.names.contains(name) ? 1 : 0)
            XCTAssertEqual(holders.count, expected, "kind \(name) is declared in \(holders)")
        }
    }
}
