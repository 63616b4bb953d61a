@testable import DocgenBuild
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
}
