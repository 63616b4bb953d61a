import XCTest
@testable import DocgenBuild

final class ImageDigestTests: XCTestCase {
    func testEqualBytesGiveEqualDigestsOf32HexDigits() {
        let bytes = (0..<1000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        XCTAssertEqual(ImageDigest.hex(bytes), ImageDigest.hex(Array(bytes)))
        XCTAssertEqual(ImageDigest.hex(bytes).count, 32)
        XCTAssertTrue(ImageDigest.hex([]).allSatisfy { "0123456789abcdef".contains($0) })
    }

    func testEveryOneBitChangeAndEveryLengthChangeGivesANewDigest() {
        let base = (0..<203).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ 3) }  // 12 full 16-byte steps and a tail
        var seen: Set<String> = [ImageDigest.hex(base)]
        for byte in base.indices {
            for bit in 0..<8 {
                var changed = base
                changed[byte] ^= 1 << bit
                XCTAssertTrue(seen.insert(ImageDigest.hex(changed)).inserted, "byte \(byte) bit \(bit)")
            }
        }
        for length in 0..<base.count {
            XCTAssertTrue(seen.insert(ImageDigest.hex(Array(base[0..<length]))).inserted, "prefix of \(length) bytes")
        }
        // Trailing zero bytes are not lost in the tail.
        XCTAssertNotEqual(ImageDigest.hex([1, 2, 3]), ImageDigest.hex([1, 2, 3, 0]))
    }
}
