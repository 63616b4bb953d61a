@testable import DocgenBuild
import Foundation
import XCTest

final class SHA256Tests: XCTestCase {
    // Test vectors from FIPS 180-4's examples (NIST CSRC "SHA256.pdf").
    func testEmptyString() {
        XCTAssertEqual(SHA256.hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }

    func testABC() {
        XCTAssertEqual(SHA256.hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    func testTwoBlockMessage() {
        XCTAssertEqual(SHA256.hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
                       "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    }

    func testMillionAsFedInUnevenPiecesMatchesOneShot() {
        var h = SHA256()
        let chunk = Data(repeating: UInt8(ascii: "a"), count: 1000)
        let sizes = [1, 63, 64, 65, 700]
        var remaining = 1_000_000, i = 0
        while remaining > 0 {
            let n = min(sizes[i % sizes.count], remaining)
            h.update(chunk.prefix(n))
            remaining -= n
            i += 1
        }
        XCTAssertEqual(h.hexDigest(), "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    func testFieldsAreLengthPrefixed() {
        var a = SHA256(), b = SHA256()
        a.field("ab"); a.field("c")
        b.field("a"); b.field("bc")
        XCTAssertNotEqual(a.hexDigest(), b.hexDigest())
    }
}

/// The input fingerprint hashes each file once and keeps its digest; what it reuses it must be able to trust.
final class InputFingerprintTests: XCTestCase {
    private func folder(_ files: [String: String]) throws -> String {
        let root = NSTemporaryDirectory() + "docgen-fingerprint-\(UUID().uuidString)"
        for (name, text) in files {
            let path = (root as NSString).appendingPathComponent(name)
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent,
                                                    withIntermediateDirectories: true)
            try text.write(toFile: path, atomically: false, encoding: .utf8)
        }
        addTeardownBlock { try? FileManager.default.removeItem(atPath: root) }
        return root
    }

    func testTheContentWalkListsWhatFoundationsEnumeratorListsWithoutLinkedOrIgnoredFolders() throws {
        let root = try folder(["a.md": "a", ".hidden": "h", "data/d.csv": "1", "data/deep/e.csv": "2",
                               "_site/index.html": "site", "_site/figures/f.png": "png", ".git/HEAD": "ref",
                               "_site-notes.md": "a file whose name starts like an ignored folder's"])
        let fm = FileManager.default
        try fm.createSymbolicLink(atPath: root + "/linked-data", withDestinationPath: root + "/data")
        try fm.createSymbolicLink(atPath: root + "/linked-a.md", withDestinationPath: root + "/a.md")
        try fm.createDirectory(atPath: root + "/empty", withIntermediateDirectories: false)
        let ignoring = ["_site", ".git"]
        var expected: [String] = []
        let e = try XCTUnwrap(fm.enumerator(atPath: root))
        while let item = e.nextObject() as? String {
            if ignoring.contains(where: { item == $0 || item.hasPrefix($0 + "/") }) { e.skipDescendants(); continue }
            expected.append(item)
        }
        let walked = try XCTUnwrap(InputFingerprint.items(under: root, ignoring: ignoring)).sorted()
        XCTAssertEqual(walked, expected.sorted())
        XCTAssertEqual(walked, [".hidden", "_site-notes.md", "a.md", "data", "data/d.csv", "data/deep", "data/deep/e.csv",
                                "empty", "linked-a.md", "linked-data"], "the link to a folder is listed, not entered")
        XCTAssertEqual(InputFingerprint.items(under: root + "/", ignoring: ignoring)?.sorted(), walked)
        XCTAssertEqual(InputFingerprint.items(under: root + "/missing", ignoring: []), [])
    }

    func testTheContentWalkStopsPastItsLimit() throws {
        let root = try folder(["a.md": "a", "data/d.csv": "1", "data/e.csv": "2"])
        XCTAssertEqual(InputFingerprint.items(under: root, ignoring: [], limit: 4)?.count, 4, "a.md, data and its two files")
        XCTAssertNil(InputFingerprint.items(under: root, ignoring: [], limit: 3))
        XCTAssertNil(InputFingerprint.items(under: root, ignoring: [], limit: 0))
    }

    func testFileReadInPiecesHashesLikeTheWholeBytes() throws {
        let bytes = Data((0..<2_500_000).map { UInt8($0 % 251) })
        let path = NSTemporaryDirectory() + "docgen-sha-\(UUID().uuidString)"
        try bytes.write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        // Python's hashlib.sha256 of the same bytes.
        XCTAssertEqual(SHA256.hex(fileAt: path), "bd597bc684f3effbd30ef55f519679760ca77831d212eddc15fb862e7ffb8c8f")
        XCTAssertEqual(SHA256.hex(bytes), SHA256.hex(fileAt: path))
        XCTAssertNil(SHA256.hex(fileAt: path + ".missing"))
    }

    /// One read buffer serves file after file, whatever their sizes against its own: each digest is the file's
    /// SHA-256, with nothing left over from the file read before it.
    func testOneReadBufferServesManyFilesOfEverySize() throws {
        let folder = NSTemporaryDirectory() + "docgen-sha-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let buffer = FileReadBuffer(count: 1000)
        // Sizes below, at and above the buffer's, a multiple of it, and empty; largest first, so a short read that
        // hashed stale bytes from the buffer would show.
        for (k, size) in [5003, 3000, 1001, 1000, 999, 1, 0].enumerated() {
            let bytes = Data((0..<size).map { UInt8(($0 * 7 + k) % 256) })
            let path = folder + "/\(k)"
            try bytes.write(to: URL(fileURLWithPath: path))
            XCTAssertEqual(SHA256.contentDigest(fileAt: path, buffer: buffer), SHA256.hex(bytes), "\(size) bytes")
            XCTAssertEqual(SHA256.hex(fileAt: path, buffer: buffer), SHA256.hex(bytes), "\(size) bytes")
        }
        XCTAssertEqual(SHA256.hex(Data()), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        XCTAssertNil(SHA256.contentDigest(fileAt: folder + "/missing", buffer: buffer))
    }

    /// A large file's content digest hashes its two halves on two threads: it is the SHA-256 of a label, the size
    /// and the halves' SHA-256s (computed here independently), it changes with any byte, and below the split size it
    /// is the plain SHA-256.
    func testLargeFilesAreDigestedAsTwoHalves() throws {
        let bytes = Data((0..<3_000_001).map { UInt8(($0 * 7) % 253) })
        let path = NSTemporaryDirectory() + "docgen-sha-\(UUID().uuidString)"
        try bytes.write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        XCTAssertEqual(SHA256.contentDigest(fileAt: path), SHA256.hex(bytes), "below 64 MiB: the plain SHA-256")
        var expected = SHA256()
        expected.field("two halves/v1")
        expected.field("3000001")
        expected.field(SHA256.hex(bytes.prefix(1_500_000)))
        expected.field(SHA256.hex(bytes.suffix(1_500_001)))
        let split = SHA256.contentDigest(fileAt: path, splitFrom: 1 << 20)
        XCTAssertEqual(split, expected.hexDigest())
        for offset in [0, 1_499_999, 1_500_000, 3_000_000] {
            var changed = bytes
            changed[offset] ^= 1
            try changed.write(to: URL(fileURLWithPath: path))
            XCTAssertNotEqual(SHA256.contentDigest(fileAt: path, splitFrom: 1 << 20), split, "byte \(offset)")
        }
        XCTAssertNil(SHA256.contentDigest(fileAt: path + ".missing", splitFrom: 1 << 20))
    }

    /// Files hashed on two threads get the digests one thread gives, whatever the split; an unreadable file gets none.
    func testFilesHashedOnTwoThreadsGetTheDigestsOfOneThread() throws {
        let folder = NSTemporaryDirectory() + "docgen-sha-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var files: [(path: String, size: Int)] = []
        var expected: [String: String] = [:]
        // Sizes that sum past the two-thread threshold, one large file and many small ones.
        for (k, size) in ([200_000, 90_000, 40_000] + Array(repeating: 3_000, count: 20) + [0]).enumerated() {
            let bytes = Data((0..<size).map { UInt8(($0 &* 31 &+ k) % 256) })
            let path = folder + "/\(k).md"
            try bytes.write(to: URL(fileURLWithPath: path))
            files.append((path, size))
            expected[path] = SHA256.hex(bytes)
        }
        XCTAssertGreaterThanOrEqual(files.reduce(0) { $0 + $1.size }, InputFingerprint.twoThreadBytes)
        XCTAssertEqual(InputFingerprint.hashOnTwoThreads(files), expected)
        XCTAssertEqual(InputFingerprint.hashOnTwoThreads(Array(files.prefix(4))),
                       expected.filter { Set(files.prefix(4).map(\.path)).contains($0.key) })
        XCTAssertEqual(InputFingerprint.hashOnTwoThreads(files + [(folder + "/missing", 1 << 20)]), expected)
    }

    func testDigestsAreEachFilesSHA256AndTheFingerprintFollowsEveryByte() throws {
        let root = try folder(["a.md": "# A\n", "data/d.csv": "x,y\n1,2\n"])
        let first = InputFingerprint.compute(contentPath: root, identity: "id", strict: false)
        let csv = InputFingerprint.standardized(root + "/data/d.csv")
        XCTAssertEqual(first.digests[csv], SHA256.hex("x,y\n1,2\n"))
        XCTAssertEqual(first.digests.count, 2)
        XCTAssertEqual(first.recomputed(contentPath: root, identity: "id", strict: false).value, first.value)
        XCTAssertTrue(first.stillHolds(root + "/data/d.csv"))

        // The same size, other bytes, written at once: the racy window makes the recheck read the file again.
        try "x,y\n1,3\n".write(toFile: root + "/data/d.csv", atomically: false, encoding: .utf8)
        XCTAssertFalse(first.stillHolds(root + "/data/d.csv"))
        let after = first.recomputed(contentPath: root, identity: "id", strict: false)
        XCTAssertNotEqual(after.value, first.value)
        XCTAssertEqual(after.value, InputFingerprint.compute(contentPath: root, identity: "id", strict: false).value)
        XCTAssertNotEqual(InputFingerprint.compute(contentPath: root, identity: "other", strict: false).value, after.value)
    }

    /// A build keeps its fingerprint for the next one, which hashes only the files whose `stat` does not prove them
    /// unchanged since; the fingerprint is the one hashing every file gives.
    func testAKeptFingerprintSparesHashingExactlyTheFilesProvedUnchanged() throws {
        let root = try folder(["a.md": "# A\n", "b.md": "# B\n", "data/d.csv": "x,y\n1,2\n"])
        func compute(_ previous: InputFingerprint?) -> InputFingerprint {
            InputFingerprint.compute(contentPath: root, identity: "id", strict: false, previous: previous)
        }
        // Read after the racy window, so that the files' change times lie before it.
        Thread.sleep(forTimeInterval: InputFingerprint.racyWindow + 0.2)
        let first = compute(nil)
        XCTAssertEqual(first.hashedFiles, 3)
        let record = first.record()
        let kept = try XCTUnwrap(InputFingerprint(record: record))
        XCTAssertEqual(kept.value, first.value)
        XCTAssertEqual(kept.digests, first.digests)
        for cut in [1, 30, record.count / 2, record.count - 1] {
            XCTAssertNil(InputFingerprint(record: record.prefix(cut)), "a record cut at \(cut) bytes")
        }

        let unchanged = compute(kept)
        XCTAssertEqual(unchanged.hashedFiles, 0, "nothing changed: nothing read")
        XCTAssertEqual(unchanged.value, first.value)

        // The same length, other bytes, in place: the stamp changes, so that file and only it is read again.
        try "# C\n".write(toFile: root + "/b.md", atomically: false, encoding: .utf8)
        let edited = compute(kept)
        XCTAssertEqual(edited.hashedFiles, 1)
        XCTAssertEqual(edited.digests[InputFingerprint.standardized(root + "/b.md")], SHA256.hex("# C\n"))
        XCTAssertEqual(edited.value, compute(nil).value)
        XCTAssertNotEqual(edited.value, first.value)
        // Changed in the racy window of the read that kept it: read again next time, though nothing changed since.
        XCTAssertEqual(compute(edited).hashedFiles, 1)

        // A file added and one removed: only the new one is read, and the fingerprint follows both.
        try "# D\n".write(toFile: root + "/d.md", atomically: false, encoding: .utf8)
        try FileManager.default.removeItem(atPath: root + "/a.md")
        let moved = compute(kept)
        XCTAssertEqual(moved.hashedFiles, 2, "the new file and the edited one")
        XCTAssertEqual(moved.value, compute(nil).value)
        XCTAssertNil(moved.digests[InputFingerprint.standardized(root + "/a.md")])

        // Another folder's record proves nothing here.
        let other = try folder(["a.md": "# A\n"])
        XCTAssertEqual(InputFingerprint.compute(contentPath: other, identity: "id", strict: false, previous: kept).hashedFiles, 1)

        // Saving skips a fingerprint that hashed nothing: the record kept already holds its digests.
        let cache = BuildCache(path: root + "/cache", identity: "id")
        unchanged.save(to: cache)
        XCTAssertNil(InputFingerprint.load(from: cache))
        first.save(to: cache)
        XCTAssertEqual(InputFingerprint.load(from: cache)?.digests, first.digests)
    }

    func testDigestsAreKeyedByTheStandardizedPathHoweverTheFolderIsWritten() throws {
        let root = try folder(["a.md": "# A\n", "data/d.csv": "x,y\n1,2\n"])
        let expected = Set([root + "/a.md", root + "/data/d.csv"].map(InputFingerprint.standardized))
        let parent = (root as NSString).deletingLastPathComponent, name = (root as NSString).lastPathComponent
        for written in [root, root + "/", root + "/./", root + "//data/..", parent + "/./" + name] {
            let fingerprint = InputFingerprint.compute(contentPath: written, identity: "id", strict: false)
            XCTAssertEqual(Set(fingerprint.digests.keys), expected, written)
        }
    }
}
