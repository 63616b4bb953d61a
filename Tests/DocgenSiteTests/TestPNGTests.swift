import XCTest

final class TestPNGTests: XCTestCase {
    func testChecksumsMatchPublishedValues() {
        // Standard check values: CRC-32 of "123456789" is 0xCBF43926; Adler-32 of "Wikipedia" is 0x11E60398.
        XCTAssertEqual(TestPNG.crc32(Array("123456789".utf8)), 0xCBF4_3926)
        XCTAssertEqual(TestPNG.adler32(Array("Wikipedia".utf8)), 0x11E6_0398)
    }
}
