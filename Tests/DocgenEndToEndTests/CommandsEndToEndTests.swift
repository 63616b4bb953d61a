import Foundation
import XCTest

/// `docgen check` and `docgen clean`.
final class CommandsEndToEndTests: XCTestCase {
    var runner: DocgenRunner!

    override func setUpWithError() throws {
        runner = try DocgenRunner()
        try runner.copyDiabetes()
        try runner.write("Content/01-lasso.md", BuildEndToEndTests.chapter)
    }

    override func tearDown() { runner.remove() }

    private func exists(_ relative: String) -> Bool {
        FileManager.default.fileExists(atPath: runner.folder.appendingPathComponent(relative).path)
    }

    func testCheckValidatesWithoutWritingAnything() throws {
        let ok = try runner.run(["check"])
        XCTAssertEqual(ok.status, 0, ok.stderr)
        XCTAssertTrue(ok.stdout.contains("nothing written"), ok.stdout)
        XCTAssertFalse(exists("Output"), "check wrote the site")
        XCTAssertFalse(exists(".docgen-cache/experiments"), "check wrote the cache")

        try runner.write("Content/01-lasso.md", BuildEndToEndTests.chapter.replacingOccurrences(of: "@fig-lasso-path", with: "@fig-lasso-paht"))
        let bad = try runner.run(["check"])
        XCTAssertEqual(bad.status, 1)
        XCTAssertTrue(bad.stderr.contains("unknown cross-reference '@fig-lasso-paht'; did you mean '@fig-lasso-path'?"), bad.stderr)
        XCTAssertTrue(bad.stderr.contains(" | See @fig-lasso-paht."), "quotes the offending line: \(bad.stderr)")
    }

    func testCleanRemovesTheSiteAndTheCacheButNotOtherFiles() throws {
        XCTAssertEqual(try runner.run(["build"]).status, 0)
        XCTAssertTrue(exists("Output/index.html"))
        XCTAssertTrue(exists(".docgen-cache"))
        let clean = try runner.run(["clean"])
        XCTAssertEqual(clean.status, 0, clean.stderr)
        XCTAssertFalse(exists("Output/index.html"))
        XCTAssertFalse(exists(".docgen-cache"))
        XCTAssertTrue(exists("Content/01-lasso.md"))
    }

    func testCleanRefusesAFolderDocgenDidNotWrite() throws {
        try runner.write("Output/thesis.tex", "precious")
        let clean = try runner.run(["clean"])
        XCTAssertEqual(clean.status, 1)
        XCTAssertEqual(runner.text("Output/thesis.tex"), "precious")
    }
}
