import Foundation
import XCTest
@testable import DocgenServer

/// What `docgen serve` polls: every entry of the content folder but the site and cache inside it, changed by an
/// edit, and nothing at all for a folder too large to be a course.
final class ContentWatcherTests: XCTestCase {
    func testAnEditChangesTheSnapshotAndTheSiteInsideTheFolderDoesNot() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("watch-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.createDirectory(atPath: folder + "/_site", withIntermediateDirectories: true)
        try Data("# A\n".utf8).write(to: URL(fileURLWithPath: folder + "/01-a.md"))
        try Data("<html>".utf8).write(to: URL(fileURLWithPath: folder + "/_site/index.html"))
        let watcher = ContentWatcher(folder: folder, ignoring: ["_site"])
        let before = try XCTUnwrap(watcher.snapshot())
        XCTAssertEqual(Set(before.keys), ["01-a.md"])
        XCTAssertEqual(before["01-a.md"]?.first, 4, "the size")
        try Data("<html>changed".utf8).write(to: URL(fileURLWithPath: folder + "/_site/index.html"))
        XCTAssertEqual(watcher.snapshot(), before, "writing the site is not an edit")
        try Data("# A, longer\n".utf8).write(to: URL(fileURLWithPath: folder + "/01-a.md"))
        XCTAssertNotEqual(watcher.snapshot(), before)

        var small = watcher
        small.limit = 1
        try Data("# B\n".utf8).write(to: URL(fileURLWithPath: folder + "/02-b.md"))
        XCTAssertNil(small.snapshot(), "more entries than the limit: not watched")
        XCTAssertNotNil(watcher.snapshot())
    }
}
