@testable import DocgenProject
import Foundation
import XCTest

/// `docgen init`'s course: compiled in, written whole, never over an existing file.
final class StarterCourseTests: XCTestCase {
    var folder: String!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("starter-\(UUID().uuidString)").path
    }

    override func tearDown() { try? FileManager.default.removeItem(atPath: folder) }

    static let starterFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Sources/DocgenProject/Starter")

    func testEveryTemplateFileIsWrittenAndNoOtherIsEmbedded() throws {
        let templates = try FileManager.default.contentsOfDirectory(atPath: Self.starterFolder.path).filter { !$0.hasPrefix(".") }
        XCTAssertEqual(templates.count, StarterCourse.files.count, "a template file added to Starter/ must be listed in StarterCourse.files")
        let sizes = Set(try templates.map { try Data(contentsOf: Self.starterFolder.appendingPathComponent($0)) })
        XCTAssertEqual(Set(StarterCourse.files.map { Data($0.bytes) }), sizes)
    }

    func testWritesTheCourseIntoANewFolder() throws {
        let written = try StarterCourse.write(into: folder)
        XCTAssertEqual(written.map { String($0.dropFirst(folder.count + 1)) },
                       ["docgen.yml", "01-first-fit.md", "data/plants.csv", ".gitignore"])
        let csv = try String(contentsOfFile: folder + "/data/plants.csv", encoding: .utf8)
        XCTAssertEqual(csv.split(separator: "\n").count, 81, "a header and 80 plants")
        let chapter = try String(contentsOfFile: folder + "/01-first-fit.md", encoding: .utf8)
        for directive in ["```{experiment}", "```{figure}", "```{table}", "{value}`", "$$"] {
            XCTAssertTrue(chapter.contains(directive), directive)
        }
    }

    func testRefusesToOverwriteAndThenWritesNothing() throws {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try Data("mine".utf8).write(to: URL(fileURLWithPath: folder + "/01-first-fit.md"))
        XCTAssertThrowsError(try StarterCourse.write(into: folder)) { error in
            XCTAssertEqual(error as? StarterCourseError, .wouldOverwrite([folder + "/01-first-fit.md"]))
            XCTAssertTrue("\(error)".contains("nothing was written"))
        }
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder), ["01-first-fit.md"])
        XCTAssertEqual(try String(contentsOfFile: folder + "/01-first-fit.md", encoding: .utf8), "mine")
    }
}
