@testable import DocgenBuild
import Foundation
import Synchronization
import XCTest

/// A prose edit rebuilds only the edited pages, the printable edition and the search index, and the site it leaves is
/// byte for byte the one a whole build of the same content publishes. Anything more than prose falls back to the
/// whole build.
final class ProseEditBuildTests: XCTestCase {
    var content: TestContent!

    static let ridge = """
        # Ridge

        Ridge shrinks every coefficient; the lasso of [the next chapter](02-lasso.md#the-path) sets some to zero.

        ```{experiment} ridge
        data: data/diabetes.csv
        target: progression
        model: ridge
        alphas: [0, 0.1, 1, 10]
        split: {test: 0.25, seed: 7}
        ```

        ## Scores

        The test $R^2$ at α = 1 is {value}`ridge.test_r2@1`, and @fig-ridge-scores shows it across the grid.

        $$ \\hat\\beta = (X^\\top X + \\alpha I)^{-1} X^\\top y $$ {#eq-ridge}

        ```{figure} scores
        experiment: ridge
        label: fig-ridge-scores
        alt: Training and test R² of ridge on the diabetes data at three penalties.
        caption: Train and test R² across α; at α = 1 the test score is {value}`ridge.test_r2@1`.
        ```

        ### Details

        Equation @eq-ridge has a closed form.
        """

    static let lasso = """
        # Lasso

        ```{experiment} lasso
        data: data/diabetes.csv
        target: progression
        model: lasso
        alphas: [0.01, 0.1, 1]
        split: {test: 0.25, seed: 7}
        ```

        ## The path

        At α = 0.1 the lasso keeps {value}`lasso.nonzero@0.1` features.

        ```{table} scores
        experiments: [ridge, lasso]
        at: best
        label: tbl-both
        caption: Both fits at their best α.
        ```

        @tbl-both compares them; ridge was in @fig-ridge-scores.
        """

    static let closing = """
        # Closing words

        Nothing here is computed. See [the ridge scores](01-ridge.md#scores) again.
        """

    override func setUpWithError() throws {
        content = try TestContent()
        try content.addDiabetes()
        try content.write("01-ridge.md", Self.ridge)
        try content.write("02-lasso.md", Self.lasso)
        try content.write("03-closing.md", Self.closing)
    }

    override func tearDown() { content.remove() }

    func options(output: String? = nil, cache: String? = nil) -> BuildOptions {
        var o = BuildOptions(contentPath: content.content, outputPath: output ?? content.output)
        o.cachePath = cache ?? content.cache
        o.identity = "prose-edit-test"
        return o
    }

    /// Builds the content, then builds it again from nothing into a second folder with a cache of its own, and checks
    /// that both sites hold the same files with the same bytes. Returns the first build's result.
    @discardableResult
    func buildAndCompare(_ message: String, file: StaticString = #filePath, line: UInt = #line) throws -> BuildResult {
        let result = Builder(options: options()).run()
        XCTAssertEqual(result.exitStatus, 0, "\(message): \(result.diagnostics)", file: file, line: line)
        let reference = content.root.appendingPathComponent("Reference").path
        try? FileManager.default.removeItem(atPath: reference)
        var whole = options(output: reference, cache: content.root.appendingPathComponent("reference-cache").path)
        whole.force = true
        XCTAssertEqual(Builder(options: whole).run().exitStatus, 0, file: file, line: line)
        let edited = TestContent.files(in: content.output), expected = TestContent.files(in: reference)
        XCTAssertEqual(Set(edited.keys), Set(expected.keys), message, file: file, line: line)
        for (path, bytes) in expected where edited[path] != bytes {
            XCTFail("\(message): \(path) differs from the whole build's", file: file, line: line)
        }
        return result
    }

    private func edit(_ name: String, _ change: (String) -> String) throws {
        let path = content.content + "/" + name
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let changed = change(text)
        XCTAssertNotEqual(changed, text, "the edit of \(name) changes nothing")
        try Data(changed.utf8).write(to: URL(fileURLWithPath: path))
    }

    private func wasProseEdit(_ result: BuildResult) -> Bool { result.summary.contains("after a prose edit") }

    func testAProseEditRebuildsOnlyItsPageAndGivesTheWholeBuildsSite() throws {
        try buildAndCompare("first build")
        let before = TestContent.files(in: content.output)
        try edit("02-lasso.md") { $0.replacingOccurrences(of: "compares them;", with: "compares the two fits;") }
        let result = try buildAndCompare("after the edit")
        XCTAssertTrue(wasProseEdit(result), result.summary)
        let after = TestContent.files(in: content.output)
        let changed = Set(after.keys.filter { after[$0] != before[$0] })
        XCTAssertEqual(changed, ["02-lasso.html", "print.html", "assets/search-index.js", ".docgen-site"])
        XCTAssertTrue(String(decoding: after["02-lasso.html"]!, as: UTF8.self).contains("compares the two fits;"))
        XCTAssertTrue(String(decoding: after["assets/search-index.js"]!, as: UTF8.self).contains("compares the two fits;"))
    }

    func testAnEditReadsAndResolvesTheEditedChapterOnlyWhateverTheCourseSize() throws {
        #if !DEBUG
        throw XCTSkip("release builds do not count their work")
        #endif
        var counts: [[Int]] = []
        for extra in [0, 9] {
            for k in 0..<extra {
                try content.write(String(format: "%02d-more-%d.md", 4 + k, k), "# More \(k)\n\nWords \(k); see @fig-ridge-scores.\n")
            }
            try buildAndCompare("\(3 + extra) chapters")
            try edit("02-lasso.md") { $0 + "\nOne more sentence, \(extra).\n" }
            let reads = BuildWork.count(.chapterRead), resolved = BuildWork.count(.pageResolved)
            let result = Builder(options: options()).run()
            XCTAssertTrue(wasProseEdit(result), result.summary)
            counts.append([BuildWork.count(.chapterRead) - reads, BuildWork.count(.pageResolved) - resolved])
        }
        XCTAssertEqual(counts, [[1, 1], [1, 1]], "chapters read and pages resolved by an edit of one chapter, 3 and 12 chapters")
    }

    func testAnEditedPageStillResolvesValuesTablesFiguresAndReferencesAcrossChapters() throws {
        try buildAndCompare("first build")
        // New prose that needs the rest of the course: a value of another chapter's experiment, a reference to
        // another chapter's figure and equation, a link to another chapter's heading.
        try edit("03-closing.md") {
            $0 + "\n\nRidge's best α is {value}`ridge.best_alpha`, the lasso's test $R^2$ at α = 0.1 is "
                + "{value}`lasso.test_r2@0.1`; see @fig-ridge-scores, @eq-ridge, @tbl-both and [the path](02-lasso.md#the-path).\n"
        }
        XCTAssertTrue(wasProseEdit(try buildAndCompare("cross-chapter references")))
        try edit("01-ridge.md") { $0.replacingOccurrences(of: "has a closed form.", with: "has a closed form, unlike the lasso's.") }
        XCTAssertTrue(wasProseEdit(try buildAndCompare("a second edit in a row")))
        // Two chapters at once.
        try edit("01-ridge.md") { $0.replacingOccurrences(of: "unlike the lasso's.", with: "unlike the lasso's path.") }
        try edit("02-lasso.md") { $0.replacingOccurrences(of: "ridge was in", with: "ridge's scores were in") }
        XCTAssertTrue(wasProseEdit(try buildAndCompare("two chapters")))
    }

    /// The index's tables look names up by their bytes only where that is exact (all ASCII); a heading written in
    /// other letters, linked in either of Unicode's equivalent forms, resolves in an edit as in a whole build.
    func testAnEditResolvesNamesBeyondASCIIAsTheWholeBuildDoes() throws {
        let composed = "p\u{E9}nalit\u{E9}", decomposed = "pe\u{301}nalite\u{301}"
        try edit("01-ridge.md") { $0.replacingOccurrences(of: "### Details", with: "### P\u{E9}nalit\u{E9}") }
        let first = try buildAndCompare("first build")
        XCTAssertTrue(first.diagnostics.isEmpty, "\(first.diagnostics)")
        for (k, form) in [composed, decomposed].enumerated() {
            try edit("03-closing.md") { $0 + "\n\nSee [the penalty \(k)](01-ridge.md#\(form)).\n" }
            let edited = try buildAndCompare("a link in form \(k)")
            XCTAssertTrue(wasProseEdit(edited), edited.summary)
            let page = String(decoding: TestContent.files(in: content.output)["03-closing.html"] ?? Data(), as: UTF8.self)
            XCTAssertTrue(page.contains("the penalty \(k)</a>"), "the link in form \(k) resolved")
        }
        // A link to a heading that is not there is still an error, and the whole build reports it.
        try edit("03-closing.md") { $0 + "\nAnd [nothing](01-ridge.md#p\u{E8}nalit\u{E9}).\n" }
        let broken = Builder(options: options()).run()
        XCTAssertNotEqual(broken.exitStatus, 0)
        XCTAssertFalse(wasProseEdit(broken))
        XCTAssertTrue(broken.diagnostics.contains { $0.message.contains("has no heading or figure") }, "\(broken.diagnostics)")
    }

    /// The reason a build gave, in its `--verbose` notes, for not building as a prose edit; nil when it gave none.
    private func declineReason(of options: BuildOptions) -> (result: BuildResult, reason: String?) {
        let notes = Mutex<[String]>([])
        let result = Builder(options: options) { event in
            if case let .note(line) = event { notes.withLock { $0.append(line) } }
        }.run()
        let reason = notes.withLock { $0 }.first { $0.hasPrefix("prose edit declined") }
        return (result, reason.map { String($0[$0.range(of: "s: ")!.upperBound...]) })
    }

    func testEditsBeyondProseFallBackToTheWholeBuild() throws {
        try buildAndCompare("first build")
        let cases: [(String, String, String, (String) -> String)] = [
            ("a directive", "directives changed",
             "02-lasso.md", { $0.replacingOccurrences(of: "alphas: [0.01, 0.1, 1]", with: "alphas: [0.01, 0.1, 2]") }),
            ("a section heading, shown in every page's sidebar", "labels or anchors changed",
             "03-closing.md", { $0 + "\n\n## A new section\n\nText.\n" }),
            ("a chapter title", "labels or anchors changed",
             "03-closing.md", { $0.replacingOccurrences(of: "# Closing words", with: "# Last words") }),
            ("a new anchor", "labels or anchors changed", "03-closing.md", { $0 + "\n\n#### Deep heading\n\nText.\n" }),
            ("a new labelled equation", "labels or anchors changed",
             "03-closing.md", { $0 + "\n\n$$ a = b $$ {#eq-new}\n\nSee @eq-new.\n" }),
            ("a formula that needs new characters of the math font", "reaches beyond its pages",
             "03-closing.md", { $0 + "\n\nThen $\\oint \\aleph$.\n" }),
        ]
        for (what, reason, file, change) in cases {
            try edit(file, change)
            let (result, declined) = declineReason(of: options())
            XCTAssertFalse(wasProseEdit(result), "\(what) was taken for a prose edit")
            XCTAssertTrue(declined?.contains(reason) == true, "\(what): the reason given was \(declined ?? "none")")
            try buildAndCompare(what)
        }
        // Files besides the chapters: a new chapter, the course file, any other file.
        let notAChapter = "a file other than a chapter changed"
        try content.write("04-appendix.md", "# Appendix\n\nMore words.\n")
        XCTAssertEqual(declineReason(of: options()).reason?.hasPrefix(notAChapter), true, "a new chapter")
        try buildAndCompare("a new chapter")
        try edit("04-appendix.md") { $0 + "\nEven more.\n" }
        XCTAssertTrue(wasProseEdit(try buildAndCompare("the new chapter's prose")))
        try content.write("docgen.yml", "title: Penalties\nchapters: [01-ridge.md, 02-lasso.md, 03-closing.md, 04-appendix.md]\n")
        try edit("04-appendix.md") { $0 + "\nAnd more.\n" }
        XCTAssertEqual(declineReason(of: options()).reason?.hasPrefix(notAChapter), true, "a course file")
        try buildAndCompare("a course file")
        try content.write("data/notes.txt", "Where the data came from.\n")
        try edit("04-appendix.md") { $0 + "\nStill more.\n" }
        XCTAssertEqual(declineReason(of: options()).reason?.hasPrefix(notAChapter), true, "another file")
        try buildAndCompare("another file in the content folder")
        // After every fallback the state describes the new site, so prose edits are quick again.
        try edit("03-closing.md") { $0.replacingOccurrences(of: "Nothing here", with: "Nothing at all here") }
        let (quick, reason) = declineReason(of: options())
        XCTAssertTrue(wasProseEdit(quick), "prose after the fallbacks")
        XCTAssertNil(reason)
        try buildAndCompare("prose after the fallbacks, checked against a whole build")
    }

    func testAnEditRendersWithTheCoursesThemeOverrides() throws {
        let builtIn = try String(contentsOf: TestContent.repositoryRoot
            .appendingPathComponent("Sources/DocgenSite/Theme/page.mustache"), encoding: .utf8)
        try content.write("theme/page.mustache", builtIn.replacingOccurrences(of: "{{{body}}}",
                                                                              with: "<div class=\"ours\">{{{body}}}</div>"))
        XCTAssertTrue(builtIn.contains("{{{body}}}"))
        try buildAndCompare("first build with a theme")
        try edit("03-closing.md") { $0.replacingOccurrences(of: "Nothing here", with: "Nothing at all here") }
        XCTAssertTrue(wasProseEdit(try buildAndCompare("an edit with a theme")))
        let page = String(decoding: TestContent.files(in: content.output)["03-closing.html"] ?? Data(), as: UTF8.self)
        XCTAssertTrue(page.contains("<div class=\"ours\">"), "the override's markup")
        XCTAssertTrue(page.contains("Nothing at all here"))
    }

    func testAProseEditWithAnErrorReportsItLikeTheWholeBuildAndLeavesTheSite() throws {
        try buildAndCompare("first build")
        let before = TestContent.files(in: content.output)
        try edit("03-closing.md") { $0 + "\n\nSee @fig-nowhere.\n" }
        let result = Builder(options: options()).run()
        XCTAssertEqual(result.exitStatus, 1)
        XCTAssertTrue(result.diagnostics.contains { $0.message.contains("unknown cross-reference '@fig-nowhere'") },
                      "\(result.diagnostics)")
        XCTAssertEqual(TestContent.files(in: content.output), before)
        try edit("03-closing.md") { $0.replacingOccurrences(of: "See @fig-nowhere.", with: "See @fig-ridge-scores.") }
        XCTAssertTrue(wasProseEdit(try buildAndCompare("fixed")))
    }

    func testARelativeAndAnAbsoluteOutputNameOneSite() throws {
        try buildAndCompare("first build")
        try edit("02-lasso.md") { $0.replacingOccurrences(of: "compares them;", with: "compares the two;") }
        let here = FileManager.default.currentDirectoryPath
        XCTAssertTrue(FileManager.default.changeCurrentDirectoryPath(content.root.path))
        defer { FileManager.default.changeCurrentDirectoryPath(here) }
        var relative = options(output: "Output", cache: "cache")
        relative.contentPath = "Content"
        let result = Builder(options: relative).run()
        XCTAssertEqual(result.exitStatus, 0, "\(result.diagnostics)")
        XCTAssertTrue(wasProseEdit(result), result.summary)
    }

    func testASiteThatIsNotTheOneTheStateDescribesIsRebuiltWhole() throws {
        try buildAndCompare("first build")
        // As an interrupted prose-edit publish leaves it: some files replaced, the marker without its fingerprint.
        let marker = content.output + "/" + SitePublisher.markerName
        try Data("Written by docgen build; this folder is replaced on every build.\n".utf8)
            .write(to: URL(fileURLWithPath: marker))
        try Data("half-written".utf8).write(to: URL(fileURLWithPath: content.output + "/02-lasso.html"))
        try edit("01-ridge.md") { $0.replacingOccurrences(of: "shrinks every", with: "shrinks each") }
        XCTAssertFalse(wasProseEdit(try buildAndCompare("after an interrupted publish")))
    }

    func testABuildWithWarningsKeepsNoStateAndTheNextEditBuildsWhole() throws {
        let alt = "alt: Training and test R² of ridge on the diabetes data at three penalties.\n"
        try edit("01-ridge.md") { $0.replacingOccurrences(of: alt, with: "") }
        let warned = Builder(options: options()).run()
        XCTAssertEqual(warned.exitStatus, 0)
        XCTAssertTrue(warned.diagnostics.contains { $0.severity == .warning }, "a figure without alt text is a warning")
        let cache = BuildCache(path: content.cache, identity: "prose-edit-test")
        XCTAssertNil(ProseEditState.load(from: cache))
        try edit("01-ridge.md") { $0.replacingOccurrences(of: "label: fig-ridge-scores\n", with: "label: fig-ridge-scores\n" + alt) }
        XCTAssertFalse(wasProseEdit(try buildAndCompare("after a build with a warning")))
        XCTAssertNotNil(ProseEditState.load(from: cache))
        try edit("01-ridge.md") { $0.replacingOccurrences(of: "shrinks every", with: "shrinks each") }
        XCTAssertTrue(wasProseEdit(try buildAndCompare("prose again")))
    }

    func testTheExperimentsAPageNamesAreReadFromItsValueRoles() {
        let text = "A {value}`ridge.test_r2@1` and {value}`other.coef.x@best`, code `x`, {value}`not a reference` and {value}`cut"
        XCTAssertEqual(ProseEditBuild.experimentsNamed(inText: text), ["ridge", "other"])
    }
}

extension ProseEditBuildTests {
    func testTheStateReadsBackAsWrittenAndADamagedRecordIsNone() throws {
        try buildAndCompare("first build")
        let cache = BuildCache(path: content.cache, identity: "prose-edit-test")
        let state = try XCTUnwrap(ProseEditState.load(from: cache))
        XCTAssertEqual(state.site.chapters.map(\.name), ["01-ridge.md", "02-lasso.md", "03-closing.md"])
        XCTAssertEqual(state.site.course, ProseEditState.Course(title: "Ridge", author: nil, language: "en",
                                                               alphaAxis: "increasing", penaltySymbol: "α"))
        XCTAssertEqual(state.index.labels["fig-ridge-scores"], LabelTarget(chapterOutputName: "01-ridge.html",
                                                                           anchor: "fig-ridge-scores", text: "Figure 1.1"))
        XCTAssertEqual(Set(state.index.experiments.keys), ["ridge", "lasso"])
        XCTAssertEqual(state.site.parts.map(\.fileName), ["01-ridge.html", "02-lasso.html", "03-closing.html"])
        let site = state.site.encoded(), index = state.index.encoded()
        XCTAssertEqual(ProseEditState(site: site, index: index), state)
        for cut in [1, 17, site.count / 2, site.count - 1] {
            XCTAssertNil(ProseEditState(site: site.prefix(cut), index: index), "a site record cut at \(cut) bytes")
        }
        for cut in [1, 17, index.count / 2, index.count - 1] {
            XCTAssertNil(ProseEditState(site: site, index: index.prefix(cut)), "an index record cut at \(cut) bytes")
        }
        XCTAssertNil(ProseEditState(site: site + Data([0]), index: index), "a record with bytes after its end")
        XCTAssertNil(ProseEditState(site: site, index: index + Data([0])), "a record with bytes after its end")
        var other = state.index
        other.token = String(repeating: "0", count: 64)
        XCTAssertNil(ProseEditState(site: site, index: other.encoded()), "another build's index")

        // Decoded apart, as a prose edit reads them (the index on another thread), the records give the same state.
        let siteRecord = try XCTUnwrap(ProseEditState.Site(record: site))
        let indexRecord = try XCTUnwrap(ProseEditState.Index(record: index))
        XCTAssertEqual(siteRecord, state.site)
        XCTAssertEqual(indexRecord, state.index)
        XCTAssertEqual(ProseEditState(site: siteRecord, index: indexRecord), state)
        XCTAssertNil(ProseEditState(site: siteRecord, index: other), "another build's index")
        XCTAssertNil(ProseEditState.Site(record: index), "an index record is no site record")
        XCTAssertNil(ProseEditState.Index(record: site), "a site record is no index record")
    }
}
