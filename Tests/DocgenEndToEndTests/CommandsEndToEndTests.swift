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
        XCTAssertFalse(exists(".docgen-cache/Output/experiments"), "check wrote the cache")

        try runner.write("Content/01-lasso.md", BuildEndToEndTests.chapter.replacingOccurrences(of: "@fig-lasso-path", with: "@fig-lasso-paht"))
        let bad = try runner.run(["check"])
        XCTAssertEqual(bad.status, 1)
        XCTAssertTrue(bad.stderr.contains("unknown cross-reference '@fig-lasso-paht'; did you mean '@fig-lasso-path'?"), bad.stderr)
        XCTAssertTrue(bad.stderr.contains(" | See @fig-lasso-paht."), "quotes the offending line: \(bad.stderr)")
    }

    func testCleanRemovesTheSiteAndTheCacheButNotOtherFiles() throws {
        XCTAssertEqual(try runner.run(["build"]).status, 0)
        XCTAssertTrue(exists("Output/index.html"))
        XCTAssertTrue(exists(".docgen-cache/Output/experiments"), "the cache belongs to its output")
        let clean = try runner.run(["clean"])
        XCTAssertEqual(clean.status, 0, clean.stderr)
        XCTAssertFalse(exists("Output/index.html"))
        XCTAssertFalse(exists(".docgen-cache"))
        XCTAssertTrue(exists("Content/01-lasso.md"))
    }

    /// A one-letter output folder, given relative to the working folder: the build once died of a trap in
    /// Foundation's path code before reading a file.
    func testAOneLetterOutputFolderIsBuiltAndCleaned() throws {
        let build = try runner.run(["build", "--quiet", "--output", "s"])
        XCTAssertEqual(build.status, 0, build.stderr)
        XCTAssertTrue(exists("s/01-lasso.html"))
        XCTAssertTrue(exists(".docgen-cache/s/experiments"), "the cache beside the output, named after it")
        XCTAssertFalse(exists(".s.staging"), "the staging folder is gone once the site is published")
        let again = try runner.run(["build", "--output", "s/"])
        XCTAssertEqual(again.status, 0, again.stderr)
        XCTAssertTrue(again.stdout.contains("up to date"), again.stdout)
        let clean = try runner.run(["clean", "--output", "s"])
        XCTAssertEqual(clean.status, 0, clean.stderr)
        XCTAssertFalse(exists("s/01-lasso.html"))
        XCTAssertFalse(exists(".docgen-cache"))
        XCTAssertTrue(exists("Content/01-lasso.md"))
    }

    /// The root folder given as the course: refused once its walk passes the entry limit, not read whole.
    func testTheRootFolderAsTheContentIsRefusedWithoutReadingIt() throws {
        let run = try runner.run(["build", "--content", "/", "--output", "site"])
        XCTAssertEqual(run.status, 1, run.stderr)
        XCTAssertTrue(run.stderr.contains("error: the content folder '/' holds more than 100,000 files and folders"),
                      run.stderr)
        XCTAssertFalse(exists("site"))
    }

    func testCleanRefusesAFolderDocgenDidNotWrite() throws {
        try runner.write("Output/thesis.tex", "precious")
        let clean = try runner.run(["clean"])
        XCTAssertEqual(clean.status, 1)
        XCTAssertEqual(runner.text("Output/thesis.tex"), "precious")
    }
}

/// The command line's own behaviour: `--version`, `--strict` with `--quiet`, help texts.
final class CommandLineEndToEndTests: XCTestCase {
    var runner: DocgenRunner!

    override func setUpWithError() throws {
        runner = try DocgenRunner()
        // A chapter that docgen.yml does not list: a warning, which --strict turns into a failure.
        try runner.write("Content/docgen.yml", "title: T\nchapters: [01-a.md]\n")
        try runner.write("Content/01-a.md", "# A\n\nText.\n")
        try runner.write("Content/02-b.md", "# B\n\nText.\n")
    }

    override func tearDown() { runner.remove() }

    func testStrictQuietCheckPrintsTheWarningThatFailedItAsAnError() throws {
        let lenient = try runner.run(["check", "-q"])
        XCTAssertEqual(lenient.status, 0)
        XCTAssertEqual(lenient.stderr, "", "quiet hides warnings that do not fail the command")
        let strict = try runner.run(["check", "--strict", "-q"])
        XCTAssertEqual(strict.status, 1)
        XCTAssertEqual(strict.stdout, "")
        XCTAssertTrue(strict.stderr.contains(
            "Content/docgen.yml:2:1: error: 02-b.md is not listed in 'chapters' and is left out of the site (warning treated as error: --strict)"),
            strict.stderr)
        let loud = try runner.run(["build", "--strict"])
        XCTAssertEqual(loud.status, 1)
        XCTAssertTrue(loud.stderr.contains("error: 02-b.md is not listed"), loud.stderr)
        XCTAssertFalse(loud.stderr.contains("warning:"), "under --strict nothing that failed the build is called a warning")
    }

    func testCheckHelpDoesNotClaimToReplaceTheOutput() throws {
        func help(_ command: String) throws -> String {
            let run = try runner.run([command, "--help"])
            XCTAssertEqual(run.status, 0)
            return run.stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        }
        let check = try help("check")
        XCTAssertTrue(check.contains("--output"))
        XCTAssertFalse(check.contains("replaced"), check)
        XCTAssertTrue(check.contains("check leaves it alone and only reads the cache beside it"), check)
        XCTAssertTrue(try help("build").contains("replaced as a whole"))
    }

    func testVersionPrintsTheBuildIdentityTheCacheUses() throws {
        let version = try runner.run(["--version"])
        XCTAssertEqual(version.status, 0)
        let lines = version.stdout.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.count, 2, version.stdout)
        XCTAssertTrue(lines[0].hasPrefix("docgen "), lines[0])
        XCTAssertTrue(lines[1].hasPrefix("build identity: "), lines[1])
        let identity = String(lines[1].dropFirst("build identity: ".count))
        XCTAssertEqual(identity.count, 64, "a SHA-256 in hex")

        XCTAssertEqual(try runner.run(["build"]).status, 0)
        let cached = try XCTUnwrap(runner.text(".docgen-cache/Output/identity.txt")).split(separator: "\n").map(String.init)
        XCTAssertEqual(cached.last, identity, "the identity the cache keys its entries with")
    }
}
