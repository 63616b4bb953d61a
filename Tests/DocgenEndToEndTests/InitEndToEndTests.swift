import Foundation
import XCTest

/// `docgen init`, and every command finding its course from the current folder.
final class InitEndToEndTests: XCTestCase {
    var runner: DocgenRunner!

    override func setUpWithError() throws { runner = try DocgenRunner() }
    override func tearDown() { runner.remove() }

    func testInitWritesACourseThatBuildsCleanUnderStrictFromItsOwnFolder() throws {
        let created = try runner.run(["init", "course"])
        XCTAssertEqual(created.status, 0, created.stderr)
        XCTAssertTrue(created.stdout.contains("created course/01-first-fit.md"), created.stdout)
        let course = DocgenRunner(folder: runner.folder.appendingPathComponent("course"))
        let build = try course.run(["build", "--strict"])
        XCTAssertEqual(build.status, 0, build.stderr)
        XCTAssertEqual(build.stderr, "", "no warning at all")
        let page = try XCTUnwrap(course.text("_site/01-first-fit.html"))
        XCTAssertTrue(page.contains("<math"), "the formula")
        XCTAssertTrue(page.contains("src=\"figures/fig-plants-path.png\""), "the figure")
        XCTAssertTrue(page.contains("id=\"tbl-plants\""), "the table")
        XCTAssertTrue(page.contains("title=\"plants-lasso.entry.1\">light_hours</span>"), "a computed value")
        XCTAssertNotNil(course.read("_site/data/plants-lasso.csv"))
        XCTAssertTrue(try course.run(["check", "--strict"]).stdout.contains("nothing written"))
        XCTAssertTrue(try course.run(["build", "--strict"]).stdout.contains("_site is up to date"),
                      "_site/ and .docgen-cache/ inside the course are not read as content")
    }

    func testInitRefusesToOverwriteAndWritesNothing() throws {
        try runner.write("docgen.yml", "title: Mine\n")
        let refused = try runner.run(["init"])
        XCTAssertEqual(refused.status, 1)
        XCTAssertTrue(refused.stderr.contains("docgen: error: not creating a course: this file exists and would be overwritten: docgen.yml; nothing was written"),
                      refused.stderr)
        XCTAssertEqual(runner.text("docgen.yml"), "title: Mine\n")
        XCTAssertNil(runner.read("01-first-fit.md"))
    }

    func testWithNoCourseHereEveryCommandSuggestsInit() throws {
        try FileManager.default.removeItem(at: runner.folder.appendingPathComponent("Content"))
        for command in [["build"], ["check"], ["serve", "--port", "1"]] {
            let run = try runner.run(command)
            XCTAssertEqual(run.status, 1, command.joined(separator: " "))
            XCTAssertTrue(run.stderr.contains("no course here"), run.stderr)
            XCTAssertTrue(run.stderr.contains("run `docgen init`"), run.stderr)
            XCTAssertFalse(run.stderr.contains("content folder 'Content' does not exist"), run.stderr)
        }
    }

    func testContentFolderIsStillTheDefaultBesideNoDocgenYml() throws {
        try runner.write("Content/01-a.md", "# A\n\nText.\n")
        XCTAssertEqual(try runner.run(["build"]).status, 0)
        XCTAssertNotNil(runner.read("Output/01-a.html"))
        XCTAssertEqual(try runner.run(["clean"]).status, 0)
        XCTAssertNil(runner.read("Output/01-a.html"))
    }

    /// A copy of the executable alone in an empty folder (no build folder, no resource bundle beside it)
    /// creates and builds a course: the theme and the starter course are compiled in.
    func testACopiedExecutableWorksWithNothingBesideIt() throws {
        let bin = runner.folder.appendingPathComponent("bin")
        try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
        let copy = bin.appendingPathComponent("docgen")
        try FileManager.default.copyItem(at: DocgenRunner.executable, to: copy)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: bin.path), ["docgen"])
        let course = runner.folder.appendingPathComponent("elsewhere")
        try FileManager.default.createDirectory(at: course, withIntermediateDirectories: true)
        for arguments in [["init"], ["build", "--strict"]] {
            let run = try DocgenRunner.run(copy, arguments, in: course)
            XCTAssertEqual(run.status, 0, "\(arguments): \(run.stderr)")
        }
        XCTAssertTrue(FileManager.default.fileExists(atPath: course.appendingPathComponent("_site/assets/docgen.css").path))
        XCTAssertTrue(FileManager.default.fileExists(atPath: course.appendingPathComponent("_site/figures/fig-plants-path.png").path))
    }
}
