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
