@testable import DocgenBuild
import DocgenSite
import Foundation
import XCTest

final class SitePublisherTests: XCTestCase {
    var folder: URL!
    var output: String { folder.appendingPathComponent("Output").path }

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("publisher-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDown() { try? FileManager.default.removeItem(at: folder) }

    private func read(_ relative: String) -> String? {
        FileManager.default.contents(atPath: output + "/" + relative).map { String(decoding: $0, as: UTF8.self) }
    }

    func testFirstPublishCreatesTheFolderWithEveryFileAndTheMarker() throws {
        let report = try SitePublisher(outputPath: output).publish(["index.html": Data("hi".utf8), "a/b.txt": Data("b".utf8)])
        XCTAssertEqual(report.written, 3)  // two files and the marker
        XCTAssertEqual(read("index.html"), "hi")
        XCTAssertEqual(read("a/b.txt"), "b")
        XCTAssertNotNil(read(SitePublisher.markerName))
    }

    func testRepublishReplacesTheSiteAndDropsFilesNoLongerProduced() throws {
        let p = SitePublisher(outputPath: output)
        _ = try p.publish(["index.html": Data("1".utf8), "old.html": Data("x".utf8)])
        _ = try p.publish(["index.html": Data("2".utf8)])
        XCTAssertEqual(read("index.html"), "2")
        XCTAssertNil(read("old.html"))
        XCTAssertFalse(FileManager.default.fileExists(atPath: p.stagingPath), "staging folder left behind")
    }

    func testUnchangedFilesKeepTheirInodeAndModificationTime() throws {
        let p = SitePublisher(outputPath: output)
        _ = try p.publish(["same.png": Data([1, 2, 3]), "changed.html": Data("a".utf8)])
        let before = try FileManager.default.attributesOfItem(atPath: output + "/same.png")
        let report = try p.publish(["same.png": Data([1, 2, 3]), "changed.html": Data("b".utf8)])
        let after = try FileManager.default.attributesOfItem(atPath: output + "/same.png")
        XCTAssertEqual(before[.systemFileNumber] as? NSNumber, after[.systemFileNumber] as? NSNumber)
        XCTAssertEqual(before[.modificationDate] as? Date, after[.modificationDate] as? Date)
        XCTAssertEqual(report.unchanged, 2)  // same.png and the marker
        XCTAssertEqual(read("changed.html"), "b")
    }

    func testIdenticalSiteLeavesTheFolderUntouched() throws {
        let p = SitePublisher(outputPath: output)
        _ = try p.publish(["index.html": Data("1".utf8)])
        XCTAssertTrue(try p.publish(["index.html": Data("1".utf8)]).untouched)
    }

    func testRefusesToReplaceAFolderDocgenDidNotWrite() throws {
        try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true)
        try Data("precious".utf8).write(to: URL(fileURLWithPath: output + "/thesis.tex"))
        XCTAssertThrowsError(try SitePublisher(outputPath: output).publish(["index.html": Data()]))
        XCTAssertEqual(read("thesis.tex"), "precious")
    }

    func testPlaceholderKeptForGitSurvivesAPublish() throws {
        try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true)
        FileManager.default.createFile(atPath: output + "/.gitkeep", contents: Data())
        _ = try SitePublisher(outputPath: output).publish(["index.html": Data("x".utf8)])
        XCTAssertTrue(FileManager.default.fileExists(atPath: output + "/.gitkeep"))
    }

    func testPathsEscapingTheOutputAreRefusedAndTheOldSiteStays() throws {
        let p = SitePublisher(outputPath: output)
        _ = try p.publish(["index.html": Data("old".utf8)])
        XCTAssertThrowsError(try p.publish(["../evil.html": Data("x".utf8)]))
        XCTAssertEqual(read("index.html"), "old")
    }

    // MARK: File sources and provenance

    private var manifest: String { folder.appendingPathComponent("manifest.txt").path }

    private func source(_ name: String, _ text: String) throws -> String {
        let path = folder.appendingPathComponent(name).path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    private func inode(_ path: String) throws -> NSNumber? {
        try FileManager.default.attributesOfItem(atPath: path)[.systemFileNumber] as? NSNumber
    }

    func testFileSourcesAreCopiedNotLinked() throws {
        let cached = try source("cached.png", "pixels")
        let p = SitePublisher(outputPath: output, manifestPath: manifest)
        _ = try p.publish(["fig.png": .file(cached, provenance: "figure:k.png")])
        XCTAssertEqual(read("fig.png"), "pixels")
        XCTAssertNotEqual(try inode(cached), try inode(output + "/fig.png"))
    }

    func testBytesWithALinkSourceAreHardLinkedNotWrittenAgain() throws {
        let cached = try source("cached.png", "pixels")
        let p = SitePublisher(outputPath: output, manifestPath: manifest)
        let report = try p.publish(["fig.png": .data(Data("pixels".utf8), provenance: "figure:k.png", linkSource: cached)])
        XCTAssertEqual(report.written, 2)  // the figure (linked) and the marker
        XCTAssertEqual(read("fig.png"), "pixels")
        XCTAssertEqual(try inode(cached), try inode(output + "/fig.png"))
        // A source whose size is not the bytes' is not trusted: the bytes are written.
        let other = try source("other.png", "different")
        _ = try p.publish(["g.png": .data(Data("pixels".utf8), linkSource: other)])
        XCTAssertEqual(read("g.png"), "pixels")
        XCTAssertNotEqual(try inode(other), try inode(output + "/g.png"))
    }

    /// Files of one publish with the same bytes (or copies of one source file) are one file with several names;
    /// a file kept from the previous site is never shared with a new one, whose modification time is this build's.
    func testRepeatedBytesAndRepeatedCopiesAreWrittenOnceAndLinked() throws {
        let data = try source("data.csv", "x,y\n1,2\n")
        let p = SitePublisher(outputPath: output, manifestPath: manifest)
        let header = String(repeating: "h", count: 100)  // longer than the part of the bytes a hash may look at
        let one = Data((header + "1").utf8), two = Data((header + "2").utf8), three = Data((header + "3").utf8)
        let first: [String: SiteFile] = [
            "data/ridge-split.csv": .data(one),
            "data/lasso-split.csv": .data(one),
            "data/enet-split.csv": .data(two),
            "data/ridge-input.csv": SiteFile(source: .file(data)),
            "data/lasso-input.csv": SiteFile(source: .file(data)),
        ]
        let report = try p.publish(first)
        XCTAssertEqual(report.written, 6, "every file counts as written, the marker too")
        XCTAssertEqual(read("data/lasso-split.csv"), header + "1")
        XCTAssertEqual(read("data/enet-split.csv"), header + "2")
        XCTAssertEqual(read("data/lasso-input.csv"), "x,y\n1,2\n")
        XCTAssertEqual(try inode(output + "/data/ridge-split.csv"), try inode(output + "/data/lasso-split.csv"))
        XCTAssertNotEqual(try inode(output + "/data/ridge-split.csv"), try inode(output + "/data/enet-split.csv"),
                          "same length and first bytes, other bytes")
        XCTAssertEqual(try inode(output + "/data/ridge-input.csv"), try inode(output + "/data/lasso-input.csv"))
        XCTAssertNotEqual(try inode(data), try inode(output + "/data/ridge-input.csv"), "the content's file is copied")

        // Next build: ridge keeps its file. enet now has ridge's bytes, but ridge's file is the previous build's (its
        // modification time too), so enet is written anew; lasso gets new bytes, which the new sonnet.txt shares.
        let kept = try inode(output + "/data/ridge-split.csv")
        let second: [String: SiteFile] = [
            "data/ridge-split.csv": .data(one),
            "data/enet-split.csv": .data(one),
            "data/lasso-split.csv": .data(three),
            "data/sonnet.txt": .data(three),
        ]
        _ = try p.publish(second)
        XCTAssertEqual(try inode(output + "/data/ridge-split.csv"), kept, "kept from the previous site")
        XCTAssertNotEqual(try inode(output + "/data/enet-split.csv"), kept)
        XCTAssertEqual(read("data/enet-split.csv"), header + "1")
        XCTAssertNotEqual(try inode(output + "/data/lasso-split.csv"), kept)
        XCTAssertEqual(try inode(output + "/data/lasso-split.csv"), try inode(output + "/data/sonnet.txt"))
        XCTAssertEqual(read("data/sonnet.txt"), header + "3")
    }

    func testSameProvenanceKeepsTheUntouchedPreviousFileWithoutReadingTheSource() throws {
        let cached = try source("cached.png", "pixels")
        let p = SitePublisher(outputPath: output, manifestPath: manifest)
        _ = try p.publish(["fig.png": .file(cached, provenance: "figure:k.png")], fingerprint: "1")
        let before = try FileManager.default.attributesOfItem(atPath: output + "/fig.png")
        try FileManager.default.removeItem(atPath: cached)  // reading the source now would fail the publish
        let report = try p.publish(["fig.png": .file(cached, provenance: "figure:k.png")], fingerprint: "2")
        let after = try FileManager.default.attributesOfItem(atPath: output + "/fig.png")
        XCTAssertEqual(report.unchanged, 1)
        XCTAssertEqual(before[.systemFileNumber] as? NSNumber, after[.systemFileNumber] as? NSNumber)
        XCTAssertEqual(before[.modificationDate] as? Date, after[.modificationDate] as? Date)
        XCTAssertEqual(read("fig.png"), "pixels")
    }

    func testOutputFileEditedSincePublishIsReplacedEvenWithTheSameProvenance() throws {
        let cached = try source("cached.png", "pixels")
        let p = SitePublisher(outputPath: output, manifestPath: manifest)
        _ = try p.publish(["fig.png": .file(cached, provenance: "figure:k.png")], fingerprint: "1")
        try Data("scribbled".utf8).write(to: URL(fileURLWithPath: output + "/fig.png"))
        _ = try p.publish(["fig.png": .file(cached, provenance: "figure:k.png")], fingerprint: "2")
        XCTAssertEqual(read("fig.png"), "pixels")
    }

    /// Files are compared and copied a piece (1 MiB) at a time: equal across several pieces, different in the last
    /// byte of the last piece or in size, and the copy byte for byte the source.
    func testFilesAreComparedAndCopiedPieceByPiece() throws {
        var text = String(repeating: "0123456789abcdef", count: 200_000)   // 3.2 MB
        let a = try source("a.csv", text), b = try source("b.csv", text)
        XCTAssertTrue(FileComparison.sameBytes(a, b))
        text.removeLast()
        let shorter = try source("c.csv", text)
        XCTAssertFalse(FileComparison.sameBytes(a, shorter))
        let changed = try source("d.csv", text + "g")
        XCTAssertFalse(FileComparison.sameBytes(a, changed))
        XCTAssertFalse(FileComparison.sameBytes(a, folder.appendingPathComponent("missing").path))
        let copy = folder.appendingPathComponent("copy.csv").path
        XCTAssertTrue(FileComparison.copy(changed, to: copy))
        XCTAssertEqual(FileManager.default.contents(atPath: copy), FileManager.default.contents(atPath: changed))
        XCTAssertTrue(FileComparison.sameBytes(copy, changed))
    }

    func testNewProvenanceWithEqualBytesStillKeepsTheFileAndItsInode() throws {
        let first = try source("a.png", "pixels")
        let second = try source("b.png", "pixels")
        let p = SitePublisher(outputPath: output, manifestPath: manifest)
        _ = try p.publish(["fig.png": .file(first, provenance: "figure:a.png")], fingerprint: "1")
        let before = try inode(output + "/fig.png")
        let report = try p.publish(["fig.png": .file(second, provenance: "figure:b.png")], fingerprint: "2")
        XCTAssertEqual(report.unchanged, 1)
        XCTAssertEqual(before, try inode(output + "/fig.png"))
    }

    func testChangedProvenanceWithNewBytesIsWritten() throws {
        let first = try source("a.png", "old pixels")
        let second = try source("b.png", "new pixels")
        let p = SitePublisher(outputPath: output, manifestPath: manifest)
        _ = try p.publish(["fig.png": .file(first, provenance: "figure:a.png")], fingerprint: "1")
        let report = try p.publish(["fig.png": .file(second, provenance: "figure:b.png")], fingerprint: "2")
        XCTAssertEqual(report.written, 2)  // the figure and the marker
        XCTAssertEqual(read("fig.png"), "new pixels")
    }

    func testMissingFileSourceFailsThePublishAndLeavesTheOldSite() throws {
        let p = SitePublisher(outputPath: output, manifestPath: manifest)
        _ = try p.publish(["index.html": .data(Data("old".utf8))], fingerprint: "1")
        let missing = folder.appendingPathComponent("gone.png").path
        XCTAssertThrowsError(try p.publish(["index.html": .data(Data("new".utf8)),
                                            "fig.png": .file(missing, provenance: "figure:gone.png")], fingerprint: "2"))
        XCTAssertEqual(read("index.html"), "old")
    }

    func testMarkerDoesNotDependOnInodesSoTheOutputStaysDeterministic() throws {
        let cached = try source("cached.png", "pixels")
        let a = SitePublisher(outputPath: folder.appendingPathComponent("A").path, manifestPath: manifest + ".a")
        let b = SitePublisher(outputPath: folder.appendingPathComponent("B").path, manifestPath: manifest + ".b")
        _ = try a.publish(["fig.png": .file(cached, provenance: "figure:k.png")], fingerprint: "f")
        _ = try b.publish(["fig.png": .file(cached, provenance: "figure:k.png")], fingerprint: "f")
        let marker = { (site: String) in FileManager.default.contents(atPath: self.folder.path + "/\(site)/" + SitePublisher.markerName) }
        XCTAssertEqual(marker("A"), marker("B"))
    }

    func testAnEditReplacesWholeAndSplicedFilesAndRecordsTheFingerprintLast() throws {
        let p = SitePublisher(outputPath: output)
        let old = Data(String(repeating: "0123456789", count: 50_000).utf8)  // 500 kB, copied by the kernel
        _ = try p.publish(["page.html": Data("old page".utf8), "print.html": old, "same.html": Data("s".utf8)],
                          fingerprint: "before")
        let inode = try FileManager.default.attributesOfItem(atPath: output + "/same.html")[.systemFileNumber] as? Int
        let splice = SplicedFile(oldLength: old.count, replacements: [
            .init(range: 10..<20, bytes: Data("new".utf8)), .init(range: 400_000..<400_005, bytes: Data("ABCDEFGH".utf8)),
        ])
        let report = try p.publishEdited(["page.html": Data("new page".utf8), "same.html": Data("s".utf8)],
                                         spliced: ["print.html": splice], fingerprint: "after")
        XCTAssertEqual(report.written, 3, "the page, the printable edition and the marker")
        XCTAssertEqual(report.unchanged, 1)
        XCTAssertEqual(read("page.html"), "new page")
        XCTAssertEqual(FileManager.default.contents(atPath: output + "/print.html"), splice.applied(to: old))
        XCTAssertEqual(try FileManager.default.attributesOfItem(atPath: output + "/same.html")[.systemFileNumber] as? Int,
                       inode, "an unchanged file is left alone")
        XCTAssertEqual(p.recordedFingerprint(), "after")
        XCTAssertFalse(FileManager.default.fileExists(atPath: p.stagingPath), "staging folder left behind")

        // A splice that changes nothing leaves the file alone.
        let now = try XCTUnwrap(FileManager.default.contents(atPath: output + "/print.html"))
        let idle = SplicedFile(oldLength: now.count, replacements: [.init(range: 0..<5, bytes: now.prefix(5))])
        XCTAssertEqual(try p.publishEdited([:], spliced: ["print.html": idle], fingerprint: "again").unchanged, 1)
        XCTAssertEqual(FileManager.default.contents(atPath: output + "/print.html"), now)
    }

    func testAnEditKeepsTheFilesItReplacedForTheNextBuildToRemoveInTheBackground() throws {
        let fm = FileManager.default
        let p = SitePublisher(outputPath: output)
        let old = Data(String(repeating: "abcdefghij", count: 30_000).utf8)
        _ = try p.publish(["page.html": Data("old page".utf8), "print.html": old], fingerprint: "before")
        let splice = SplicedFile(oldLength: old.count, replacements: [.init(range: 5..<9, bytes: Data("XY".utf8))])
        _ = try p.publishEdited(["page.html": Data("new page".utf8)], spliced: ["print.html": splice], fingerprint: "after")
        XCTAssertEqual(read("page.html"), "new page")
        XCTAssertEqual(fm.contents(atPath: output + "/print.html"), splice.applied(to: old))
        // The replaced files live on as second links in the staging container, so the renames did not free them.
        let container = SitePublisher.stagingContainer(outputPath: output)
        let retired = try fm.contentsOfDirectory(atPath: container)
        XCTAssertEqual(retired.count, 1, "\(retired)")
        let folder = container + "/" + retired[0]
        let kept = try fm.contentsOfDirectory(atPath: folder).compactMap { fm.contents(atPath: folder + "/" + $0) }
        XCTAssertEqual(Set(kept), [Data("old page".utf8), old])
        XCTAssertEqual(p.recordedFingerprint(), "after")
        // The next build removes them on another thread.
        SitePublisher(outputPath: output).removeStaleStagingInBackground().finish()
        XCTAssertFalse(fm.fileExists(atPath: container))
    }

    func testBackgroundRemovalSparesWhatAppearsAfterItStartsAndStagingNamesAreNeverReused() throws {
        let fm = FileManager.default
        let container = SitePublisher.stagingContainer(outputPath: output)
        let publisher = SitePublisher(outputPath: output)
        for name in ["0-1", "0-1.retired", "\(getpid())-1"] {
            try fm.createDirectory(atPath: container + "/" + name + "/inner", withIntermediateDirectories: true)
        }
        let removal = publisher.removeStaleStagingInBackground()
        try fm.createDirectory(atPath: publisher.stagingPath, withIntermediateDirectories: true)  // this build's, made since
        removal.finish()
        XCTAssertEqual(try fm.contentsOfDirectory(atPath: container), [(publisher.stagingPath as NSString).lastPathComponent])
        // Two publishers of one process, and a later process with the same number, never share a staging name.
        XCTAssertNotEqual(publisher.stagingPath, SitePublisher(outputPath: output).stagingPath)
        XCTAssertFalse(publisher.stagingPath.hasSuffix("/\(getpid())-1"))
    }

    /// The staging container goes only in `finish`, on the build's own thread: the background removal never takes
    /// it, so this build can always make its staging folder inside it while the removal runs (a container removed
    /// between the two `mkdir`s once made a prose edit in CI fall back to a whole build).
    func testTheBackgroundRemovalNeverRemovesTheContainerThisBuildStagesIn() throws {
        let fm = FileManager.default
        let container = SitePublisher.stagingContainer(outputPath: output)
        try fm.createDirectory(atPath: container + "/0-1.retired/inner", withIntermediateDirectories: true)
        let quiet = SitePublisher(outputPath: output).removeStaleStagingInBackground()
        quiet.removal.value
        XCTAssertEqual(try fm.contentsOfDirectory(atPath: container), [], "the stale entry goes, the container stays")
        quiet.finish()
        XCTAssertFalse(fm.fileExists(atPath: container), "finish removes the container once it is empty")

        for round in 0..<200 {
            try fm.createDirectory(atPath: container + "/\(round).retired/inner", withIntermediateDirectories: true)
            let publisher = SitePublisher(outputPath: output)
            let removal = publisher.removeStaleStagingInBackground()
            XCTAssertNoThrow(try fm.createDirectory(atPath: publisher.stagingPath, withIntermediateDirectories: true),
                             "round \(round)")
            removal.finish()
            XCTAssertTrue(fm.fileExists(atPath: publisher.stagingPath), "round \(round)")
            try fm.removeItem(atPath: publisher.stagingPath)
        }
    }

    /// Splices staged ahead (`stageSplices`) are written before publishing starts and published as the same edit
    /// would be without staging; staging that is discarded leaves the site and the staging container as they were.
    func testSplicesStagedAheadPublishLikeAnEditAndDiscardingThemLeavesNoTrace() throws {
        let fm = FileManager.default
        let p = SitePublisher(outputPath: output)
        let old = Data(String(repeating: "abcdefghij", count: 40_000).utf8)
        let index = Data(String(repeating: "0123456789", count: 9_000).utf8)
        _ = try p.publish(["page.html": Data("old page".utf8), "print.html": old, "assets/index.js": index],
                          fingerprint: "before")
        let printSplice = SplicedFile(oldLength: old.count, replacements: [.init(range: 100..<110, bytes: Data("print".utf8))])
        let indexSplice = SplicedFile(oldLength: index.count, replacements: [.init(range: 0..<10, bytes: Data("i".utf8))])
        let splices = ["print.html": printSplice, "assets/index.js": indexSplice]

        // Discarded: nothing published, nothing left beside the site.
        let dropped = p.stageSplices(splices)
        p.discard(dropped)
        XCTAssertEqual(fm.contents(atPath: output + "/print.html"), old)
        XCTAssertEqual(fm.contents(atPath: output + "/assets/index.js"), index)
        XCTAssertFalse(fm.fileExists(atPath: SitePublisher.stagingContainer(outputPath: output)))
        XCTAssertEqual(p.recordedFingerprint(), "before")

        // Staged, then published with a whole page: the files the splices make, the fingerprint, no staging folder.
        let staged = p.stageSplices(splices)
        let report = try p.publishEdited(["page.html": Data("new page".utf8)], staged: staged, fingerprint: "after")
        XCTAssertEqual(report.written, 4, "the page, both spliced files and the marker")
        XCTAssertEqual(read("page.html"), "new page")
        XCTAssertEqual(fm.contents(atPath: output + "/print.html"), printSplice.applied(to: old))
        XCTAssertEqual(fm.contents(atPath: output + "/assets/index.js"), indexSplice.applied(to: index))
        XCTAssertEqual(p.recordedFingerprint(), "after")
        XCTAssertFalse(fm.fileExists(atPath: p.stagingPath), "staging folder left behind")

        // A staged splice that does not fit the published file fails the publish, which then writes nothing.
        let wrong = SplicedFile(oldLength: old.count, replacements: [.init(range: 0..<1, bytes: Data("x".utf8))])
        XCTAssertThrowsError(try p.publishEdited(["page.html": Data("newer".utf8)], staged: p.stageSplices(["print.html": wrong]),
                                                 fingerprint: "again"))
        XCTAssertEqual(read("page.html"), "new page")
        XCTAssertEqual(p.recordedFingerprint(), "after")
        XCTAssertFalse(fm.fileExists(atPath: p.stagingPath), "staging folder left behind")
    }

    func testAnEditWhoseSpliceDoesNotFitThePublishedFileWritesNothing() throws {
        let p = SitePublisher(outputPath: output)
        _ = try p.publish(["page.html": Data("old".utf8), "print.html": Data("0123456789".utf8)], fingerprint: "before")
        let wrong = SplicedFile(oldLength: 11, replacements: [.init(range: 0..<1, bytes: Data("x".utf8))])
        XCTAssertThrowsError(try p.publishEdited(["page.html": Data("new".utf8)], spliced: ["print.html": wrong],
                                                 fingerprint: "after"))
        XCTAssertEqual(read("page.html"), "old")
        XCTAssertEqual(read("print.html"), "0123456789")
        XCTAssertEqual(p.recordedFingerprint(), "before")
    }
}
