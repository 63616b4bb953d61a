import Foundation
import XCTest
@testable import DocgenBuild

final class FileWriterTests: XCTestCase {
    func testAtomicWriteReplacesTheFileAndLeavesNoTemporaryNames() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("filewriter-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/entry.bin"
        try FileWriter.writeAtomically(Data([1, 2, 3, 4, 5]), to: path)
        try FileWriter.writeAtomically(Data([9, 8]), to: path)
        XCTAssertEqual(FileManager.default.contents(atPath: path), Data([9, 8]))
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder), ["entry.bin"])
        let large = Data((0..<3_000_000).map { UInt8(truncatingIfNeeded: $0 &* 7) })
        try FileWriter.write(large, to: folder + "/large.bin")
        XCTAssertEqual(FileManager.default.contents(atPath: folder + "/large.bin"), large)
    }

    func testWritingIntoAMissingFolderFailsNamingThePath() {
        XCTAssertThrowsError(try FileWriter.writeAtomically(Data([1]), to: "/nonexistent-docgen-folder/x.bin")) { error in
            XCTAssertTrue("\(error)".contains("/nonexistent-docgen-folder/x.bin"), "\(error)")
        }
    }
}
