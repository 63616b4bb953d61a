@testable import DocgenBuild
import Foundation
import XCTest

/// The build ID read from an ELF note (the fast path of the build identity).
final class ELFBuildIDTests: XCTestCase {
    /// A minimal little-endian ELF64 image: header, one PT_NOTE program header, one GNU build-ID note.
    private func image(noteType: UInt32 = 3, owner: [UInt8] = Array("GNU\0".utf8), id: [UInt8]) -> [UInt8] {
        var b = [UInt8](repeating: 0, count: 64)
        b[0...5] = [0x7f, 0x45, 0x4c, 0x46, 2, 1]
        func put(_ value: UInt64, at offset: Int, size: Int) {
            for i in 0..<size { b[offset + i] = UInt8(truncatingIfNeeded: value >> (8 * UInt64(i))) }
        }
        let noteOffset = 64 + 56
        let note = [UInt8](repeating: 0, count: 12) + owner + id
        put(64, at: 0x20, size: 8)      // e_phoff
        put(56, at: 0x36, size: 2)      // e_phentsize
        put(1, at: 0x38, size: 2)       // e_phnum
        b += [UInt8](repeating: 0, count: 56)
        put(4, at: 64, size: 4)                          // p_type = PT_NOTE
        put(UInt64(noteOffset), at: 64 + 8, size: 8)     // p_offset
        put(UInt64(note.count), at: 64 + 0x20, size: 8)  // p_filesz
        b += note
        put(UInt64(owner.count), at: noteOffset, size: 4)
        put(UInt64(id.count), at: noteOffset + 4, size: 4)
        put(UInt64(noteType), at: noteOffset + 8, size: 4)
        return b
    }

    func testGNUBuildIDNoteIsReadAsHex() {
        let id: [UInt8] = [0xde, 0xad, 0xbe, 0xef, 0x00, 0x01, 0x02, 0x03, 0xff, 0x10]
        XCTAssertEqual(ELFBuildID.parse(image(id: id)), "deadbeef00010203ff10")
    }

    func testOtherNotesTruncatedImagesAndNonELFFilesGiveNil() {
        let id: [UInt8] = Array(repeating: 7, count: 20)
        XCTAssertNil(ELFBuildID.parse(image(noteType: 1, id: id)))
        XCTAssertNil(ELFBuildID.parse(image(owner: Array("XYZ\0".utf8), id: id)))
        let whole = image(id: id)
        XCTAssertNil(ELFBuildID.parse(Array(whole.prefix(whole.count - 5))))
        XCTAssertNil(ELFBuildID.parse(Array("#!/bin/sh\necho not an executable\n".utf8)))
    }
}
