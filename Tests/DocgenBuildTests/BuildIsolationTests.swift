@testable import DocgenBuild
import DocgenDiagnostics
import Foundation
import XCTest

/// Builds of one output never mix, a damaged cache never reaches the site, and every output has a cache of its own.
final class BuildIsolationTests: XCTestCase {
    private var work: URL!

    override func setUpWithError() throws {
        work = FileManager.default.temporaryDirectory.appendingPathComponent("isolation-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
    }

    override func tearDown() { try? FileManager.default.removeItem(at: work) }

    /// A publishing option (here `--optimize-images`) is part of the fingerprint recorded after the build too, so the
    /// same build again has nothing to do (it used to compare a fingerprint without the option and never matched).
    func testARebuildWithThePublishingOptionsOfThePreviousBuildIsUpToDate() throws {
        let content = try course("p", alphas: "[1, 10]")
        var o = options(content, "optimized")
        o.optimizeImages = true
        XCTAssertEqual(Builder(options: o).run().exitStatus, 0)
        let again = Builder(options: o).run()
        XCTAssertEqual(again.exitStatus, 0)
        XCTAssertTrue(again.summary.contains("is up to date"), again.summary)
        o.optimizeImages = false
        XCTAssertFalse(Builder(options: o).run().summary.contains("is up to date"), "switching the option off rebuilds")
    }

    /// A course of one chapter: an experiment, a figure and a number, with `alphas` making two courses differ.
    private func course(_ name: String, alphas: String) throws -> String {
        let content = work.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: content.appendingPathComponent("data"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: TestContent.repositoryRoot.appendingPathComponent("Content/data/diabetes.csv"),
                                         to: content.appendingPathComponent("data/diabetes.csv"))
        let chapter = """
            # Course \(name)

            ```{experiment} fit
            data: data/diabetes.csv
            target: progression
            model: lasso
            alphas: \(alphas)
            split: {test: 0.25, seed: 3}
            ```

            ```{figure} scores
            experiment: fit
            caption: Scores of course \(name).
            alt: Train and test scores.
            ```

            The best α is {value}`fit.best_alpha`.
            """
        try Data(chapter.utf8).write(to: content.appendingPathComponent("01-chapter.md"))
        return content.path
    }

    private func options(_ content: String, _ output: String) -> BuildOptions {
        var o = BuildOptions(contentPath: content, outputPath: work.appendingPathComponent(output).path)
        o.identity = "isolation-tests"
        o.jobs = 1
        return o
    }

    private func files(_ output: String) -> [String: Data] {
        let folder = work.appendingPathComponent(output).path
        var out: [String: Data] = [:]
        guard let e = FileManager.default.enumerator(atPath: folder) else { return out }
        while let item = e.nextObject() as? String {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: folder + "/" + item, isDirectory: &isDirectory), !isDirectory.boolValue {
                out[item] = FileManager.default.contents(atPath: folder + "/" + item)
            }
        }
        return out
    }

    private func assertSame(_ output: String, as reference: [String: Data], _ message: String,
                            file: StaticString = #filePath, line: UInt = #line) {
        let built = files(output)
        XCTAssertEqual(Set(built.keys), Set(reference.keys), message, file: file, line: line)
        for (path, bytes) in reference where built[path] != bytes {
            XCTFail("\(message): \(path) differs from a clean build", file: file, line: line)
        }
    }

    func testTwoBuildsRacingIntoOneOutputNeverLeaveAMixedOrFalselyUpToDateSite() throws {
        let a = try course("A", alphas: "[0.1, 1, 10]"), b = try course("B", alphas: "[0.05, 0.5, 5, 50]")
        XCTAssertEqual(Builder(options: options(a, "clean-A")).run().exitStatus, 0)
        XCTAssertEqual(Builder(options: options(b, "clean-B")).run().exitStatus, 0)
        let cleanA = files("clean-A"), cleanB = files("clean-B")
        XCTAssertNotEqual(cleanA["index.html"], cleanB["index.html"])

        for round in 0..<20 {
            let results = RaceResults()
            let group = DispatchGroup()
            for (k, content) in [a, b].enumerated() {
                let racer = Builder(options: options(content, "shared"))
                DispatchQueue.global().async(group: group) { results.set(k, racer.run()) }
            }
            group.wait()
            XCTAssertEqual(results.statuses, [0, 0], "round \(round): \(results.messages)")
            // Whichever won, the site is one course's, whole.
            let shared = files("shared")
            XCTAssertTrue(shared == cleanA || shared == cleanB, "round \(round): a mixed site")
            // A rebuild of one course must give exactly its clean build ("up to date" only when it is).
            let (content, clean) = round % 2 == 0 ? (a, cleanA) : (b, cleanB)
            XCTAssertEqual(Builder(options: options(content, "shared")).run().exitStatus, 0)
            assertSame("shared", as: clean, "round \(round)")
        }
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: work.path).filter { $0.contains("staging") }
        XCTAssertEqual(leftovers, [], "staging folders left behind")
    }

    func testASecondBuildWaitsForTheFirstAndSaysSo() throws {
        let a = try course("A", alphas: "[1]")
        let cache = BuildOptions.cachePath(explicit: nil, outputPath: work.appendingPathComponent("out").path)
        var held: BuildLock? = try BuildLock.acquire(cacheFolder: cache, timeout: 0)
        var short = options(a, "out")
        short.lockTimeout = 0.3
        let waited = RaceResults()
        let result = Builder(options: short, progress: { event in
            if case let .waiting(text) = event { waited.note(text) }
        }).run()
        XCTAssertEqual(result.exitStatus, 1)
        XCTAssertTrue(result.diagnostics.first?.message.contains("another docgen build of this output is still running") == true,
                      "\(result.diagnostics)")
        XCTAssertTrue(waited.messages.first?.contains("waiting for another build") == true, "\(waited.messages)")
        XCTAssertNotNil(held)
        held = nil
        XCTAssertEqual(Builder(options: options(a, "out")).run().exitStatus, 0, "the lock was not released")
    }

    func testEveryDamagedCacheEntryIsDiscardedRecomputedAndReportedAsAWarning() throws {
        let a = try course("A", alphas: "{count: 20, ratio: 0.01}")
        var o = options(a, "first")
        o.cachePath = work.appendingPathComponent("cache").path
        XCTAssertEqual(Builder(options: o).run().exitStatus, 0)
        let clean = files("first")

        // Flip one byte in the middle of every file the cache holds.
        var garbled = 0
        let cache = work.appendingPathComponent("cache").path
        let e = try XCTUnwrap(FileManager.default.enumerator(atPath: cache))
        while let item = e.nextObject() as? String {
            let path = cache + "/" + item
            guard item != "build.lock", var data = FileManager.default.contents(atPath: path), !data.isEmpty else { continue }
            data[data.count / 2] ^= 0x20
            try data.write(to: URL(fileURLWithPath: path))
            garbled += 1
        }
        XCTAssertGreaterThanOrEqual(garbled, 5, "experiment, output, figure metadata, two PNGs, manifest…")

        var again = options(a, "second")
        again.cachePath = cache
        let result = Builder(options: again).run()
        XCTAssertEqual(result.exitStatus, 0, "\(result.diagnostics)")
        assertSame("second", as: clean, "after garbling the cache")
        let warnings = result.diagnostics.filter { $0.severity == .warning && $0.message.contains("was damaged") }
        XCTAssertGreaterThanOrEqual(warnings.count, 4, "\(result.diagnostics)")
        XCTAssertTrue(warnings.contains { $0.message.contains("experiments/") }, "\(warnings)")
        // A figure's record is damaged too, so its PNGs (whose checksums it holds) are simply drawn again.
        XCTAssertTrue(warnings.contains { $0.message.contains("figures/") }, "\(warnings)")

        // The damaged entries were written again: a third build finds a sound cache.
        var third = options(a, "third")
        third.cachePath = cache
        let quiet = Builder(options: third).run()
        XCTAssertFalse(quiet.diagnostics.contains { $0.message.contains("was damaged") }, "\(quiet.diagnostics)")
        assertSame("third", as: clean, "from the rewritten cache")
    }

    /// Each PNG is written once: the site's copy is a hard link to the cache's, on one file system.
    func testFiguresAreWrittenOnceAndLinkedIntoTheSite() throws {
        let a = try course("A", alphas: "{count: 20, ratio: 0.01}")
        var o = options(a, "linked")
        o.cachePath = work.appendingPathComponent("cache").path
        XCTAssertEqual(Builder(options: o).run().exitStatus, 0)
        let figures = work.appendingPathComponent("linked/figures").path
        let pngs = try FileManager.default.contentsOfDirectory(atPath: figures).filter { $0.hasSuffix(".png") }
        XCTAssertGreaterThanOrEqual(pngs.count, 4)
        for name in pngs {
            var info = stat()
            XCTAssertEqual(stat(figures + "/" + name, &info), 0)
            XCTAssertEqual(info.st_nlink, 2, "\(name) is not shared with the cache")
        }
    }

    /// A figure found in the cache does not need its experiment's outputs, so they stay undecoded: a damaged output
    /// entry goes unnoticed while its figure is cached, and is found, reported and computed again once the figure
    /// must be drawn.
    func testAnOutputInTheCacheIsReadOnlyWhenAFigureThatNeedsItIsDrawn() throws {
        let content = work.appendingPathComponent("geometry")
        try FileManager.default.createDirectory(at: content.appendingPathComponent("data"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: TestContent.repositoryRoot.appendingPathComponent("Content/data/diabetes.csv"),
                                         to: content.appendingPathComponent("data/diabetes.csv"))
        func write(prose: String) throws {
            let chapter = """
                # Geometry

                \(prose)

                ```{experiment} geo
                data: data/diabetes.csv
                target: progression
                features: [bmi, bp]
                model: lasso
                alphas: [1, 10, 30]
                ```

                ```{figure} constraint-geometry
                experiment: geo
                budget: 15
                caption: The lasso's diamond.
                alt: Contours touching a diamond.
                ```
                """
            try Data(chapter.utf8).write(to: content.appendingPathComponent("01-geometry.md"))
        }
        try write(prose: "The lasso's budget as a diamond.")
        var o = options(content.path, "site")
        o.cachePath = work.appendingPathComponent("cache").path
        let first = Builder(options: o).run()
        XCTAssertEqual(first.exitStatus, 0, "\(first.diagnostics)")
        let clean = files("site")
        let outputs = work.appendingPathComponent("cache/outputs").path
        let entries = try FileManager.default.contentsOfDirectory(atPath: outputs).filter { $0.hasSuffix(".json") }
        XCTAssertEqual(entries.count, 1, "one constraint-geometry output")
        let entry = outputs + "/" + entries[0]
        var bytes = try XCTUnwrap(FileManager.default.contents(atPath: entry))
        bytes[bytes.count / 2] ^= 0x20
        try bytes.write(to: URL(fileURLWithPath: entry))

        // The page changes, the figure does not: the figure comes from the cache and the output is never read.
        try write(prose: "The lasso's budget, drawn as a diamond.")
        let cached = Builder(options: o).run()
        XCTAssertEqual(cached.exitStatus, 0, "\(cached.diagnostics)")
        XCTAssertFalse(cached.diagnostics.contains { $0.message.contains("was damaged") }, "\(cached.diagnostics)")
        XCTAssertEqual(FileManager.default.contents(atPath: entry), bytes, "the damaged entry was not touched")

        // With the figure's record gone it must be drawn: the output is read, found damaged and computed again.
        let figures = work.appendingPathComponent("cache/figures").path
        for name in try FileManager.default.contentsOfDirectory(atPath: figures) where name.hasSuffix(".json") {
            try FileManager.default.removeItem(atPath: figures + "/" + name)
        }
        // A prose edit alone would not build the figure at all (`ProseEditBuild` reuses the published page's
        // figures); without its state the whole course is built.
        unlink(work.appendingPathComponent("cache/\(ProseEditState.siteFileName)").path)
        try write(prose: "The lasso's budget is a diamond.")
        let drawn = Builder(options: o).run()
        XCTAssertEqual(drawn.exitStatus, 0, "\(drawn.diagnostics)")
        XCTAssertTrue(drawn.diagnostics.contains { $0.message.contains("was damaged") && $0.message.contains("outputs/") },
                      "\(drawn.diagnostics)")
        let redrawn = files("site")
        for (name, data) in clean where name.hasPrefix("figures/") {
            XCTAssertEqual(redrawn[name], data, "\(name) differs after the output was computed again")
        }
    }

    /// A PNG edited in place through the site's hard link is damage to the cache: found, reported, drawn again.
    func testAFigureEditedInPlaceInTheSiteIsFoundDamagedAndDrawnAgain() throws {
        let a = try course("A", alphas: "{count: 20, ratio: 0.01}")
        var o = options(a, "first")
        o.cachePath = work.appendingPathComponent("cache").path
        XCTAssertEqual(Builder(options: o).run().exitStatus, 0)
        let clean = files("first")
        let figures = work.appendingPathComponent("first/figures").path
        let png = try XCTUnwrap(FileManager.default.contentsOfDirectory(atPath: figures).first { $0.hasSuffix(".png") })
        let handle = try XCTUnwrap(FileHandle(forWritingAtPath: figures + "/" + png))
        try handle.seek(toOffset: 100)
        handle.write(Data([0x55, 0xAA]))
        try handle.close()

        var again = options(a, "second")
        again.cachePath = o.cachePath
        let result = Builder(options: again).run()
        XCTAssertEqual(result.exitStatus, 0, "\(result.diagnostics)")
        XCTAssertTrue(result.diagnostics.contains { $0.message.contains("was damaged") && $0.message.contains(".png") },
                      "\(result.diagnostics)")
        assertSame("second", as: clean, "after editing a published figure in place")
    }

    func testEveryOutputHasACacheOfItsOwnAndCleaningOneLeavesTheOther() throws {
        let a = try course("A", alphas: "[1]"), b = try course("B", alphas: "[2]")
        XCTAssertEqual(Builder(options: options(a, "siteA")).run().exitStatus, 0)
        XCTAssertEqual(Builder(options: options(b, "siteB")).run().exitStatus, 0)
        let caches = work.appendingPathComponent(".docgen-cache").path
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: caches).sorted(), ["siteA", "siteB"])
        let staging = SitePublisher.stagingContainer(outputPath: work.appendingPathComponent("siteA").path)
        try FileManager.default.createDirectory(atPath: staging + "/0-1.retired", withIntermediateDirectories: true)
        let removed = try Builder.clean(outputPath: work.appendingPathComponent("siteA").path)
        XCTAssertTrue(removed.contains(staging), "\(removed)")
        XCTAssertFalse(FileManager.default.fileExists(atPath: staging), "files a prose edit retired are cleaned too")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: caches), ["siteB"])
        XCTAssertTrue(FileManager.default.fileExists(atPath: caches + "/siteB/experiments"))
        _ = try Builder.clean(outputPath: work.appendingPathComponent("siteB").path)
        XCTAssertFalse(FileManager.default.fileExists(atPath: caches), "the empty caches folder stays behind")
    }

    func testUnsafeChapterNamesBecomeSafePagesAndContentImagesAreCopied() throws {
        let content = work.appendingPathComponent("Names")
        try FileManager.default.createDirectory(at: content.appendingPathComponent("images"), withIntermediateDirectories: true)
        try Data("# One\n\nOn to [the next part](02%20second%20part.md) and [café](03-café.md).\n\n![a plot](images/a.png)\n".utf8)
            .write(to: content.appendingPathComponent("01-one.md"))
        try Data("# Two\n\nText.\n".utf8).write(to: content.appendingPathComponent("02 second part.md"))
        try Data("# Three\n\nText.\n".utf8).write(to: content.appendingPathComponent("03-café.md"))
        try Data([0x89, 0x50, 0x4E, 0x47]).write(to: content.appendingPathComponent("images/a.png"))
        let result = Builder(options: options(content.path, "names-site")).run()
        XCTAssertEqual(result.exitStatus, 0, "\(result.diagnostics)")
        let site = files("names-site")
        XCTAssertNotNil(site["02-second-part.html"])
        XCTAssertNotNil(site["03-cafe.html"])
        XCTAssertEqual(site["images/a.png"], Data([0x89, 0x50, 0x4E, 0x47]))
        let one = String(decoding: site["01-one.html"] ?? Data(), as: UTF8.self)
        XCTAssertTrue(one.contains("href=\"02-second-part.html\""), one)
        XCTAssertTrue(one.contains("href=\"03-cafe.html\""), one)
        XCTAssertTrue(one.contains("src=\"images/a.png\""), one)
    }

    func testTheCacheAndStagingInsideTheCourseAreNotContent() {
        var o = BuildOptions(contentPath: "/c", outputPath: "/c/_site")
        XCTAssertEqual(Set(o.ignoredContentFolders), [".git", "_site", ".docgen-cache", "._site.staging"])
        o.cachePath = "/c/my-cache"
        XCTAssertTrue(o.ignoredContentFolders.contains("my-cache"))
        XCTAssertEqual(BuildOptions.cachePath(explicit: nil, outputPath: "/c/_site"), "/c/.docgen-cache/_site")
        XCTAssertEqual(BuildOptions.cachePath(explicit: nil, outputPath: "Output"), "./.docgen-cache/Output")
    }
}

/// Results written from the racing threads.
private final class RaceResults: @unchecked Sendable {
    // @unchecked: every property is only touched while `lock` is held.
    private let lock = NSLock()
    private var results: [Int: BuildResult] = [:]
    private var notes: [String] = []

    func set(_ k: Int, _ r: BuildResult) { lock.withLock { results[k] = r } }
    func note(_ text: String) { lock.withLock { notes.append(text) } }
    var statuses: [Int32] { lock.withLock { (0..<2).map { results[$0]?.exitStatus ?? -1 } } }
    var messages: [String] {
        lock.withLock { notes + results.values.flatMap { $0.diagnostics.map(\.description) } }
    }
}
