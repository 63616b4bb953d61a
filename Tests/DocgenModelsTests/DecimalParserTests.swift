import Foundation
import XCTest
@testable import DocgenModels

/// The fast decimal parser against the standard library's correctly rounded `Double(String)` (the C library's
/// `strtod`), bit for bit: whenever the fast path answers, its answer must be that double.
final class DecimalParserTests: XCTestCase {
    private func fast(_ text: String) -> Double? {
        var text = text
        return text.withUTF8 { DecimalParser.fastDouble($0) }
    }

    private func assertAgrees(_ text: String, file: StaticString = #filePath, line: UInt = #line) {
        guard let value = fast(text) else { return }
        guard let reference = Double(text) else {
            return XCTFail("fast path read '\(text)', which Double(String) rejects", file: file, line: line)
        }
        XCTAssertEqual(value.bitPattern, reference.bitPattern, "'\(text)': \(value) against \(reference)", file: file, line: line)
    }

    func testKnownHardCases() {
        // 2⁵³ + 1 lies halfway between two doubles (ties to even: 2⁵³); 1e23 is not a double; 17-digit values sit
        // beyond Clinger's fast path.
        let cases = ["9007199254740993", "9007199254740995", "1e23", "8.98846567431158e307", "0.1", "0.3",
                     "-0.40353441249271593", "2.2250738585072014e-308", "1.7976931348623157e308", "123456789012345678",
                     "1234567890123456789", "0.000000000000000000000000001", "4.9406564584124654e-324", "1e-27",
                     "1e27", "9999999999999999999", "0.99999999999999999", "7.3177701707893310e+15"]
        for text in cases { assertAgrees(text) }
        // An exact halfway case is never decided by the extended-precision path: the general parser rounds it.
        XCTAssertNil(fast("9007199254740993"))
        XCTAssertEqual(fast("9007199254740992"), 9_007_199_254_740_992)
        XCTAssertEqual(fast("-0")?.sign, .minus)
        XCTAssertEqual(fast("0.05"), 0.05)
    }

    func testGrammarOutsideTheFastPathIsLeftToTheGeneralParser() {
        for text in ["", "-", ".", "e5", "1e", "1e+", "inf", "nan", "0x1p3", "1,5", " 1", "1 ", "1..2", "--1", "1e5.5",
                     "12345678901234567890123", "1e400", "1e-400"] {
            XCTAssertNil(fast(text), "'\(text)'")
        }
    }

    func testShortestAndSeventeenDigitTextsOfRandomDoubles() {
        var rng = SeededGenerator(seed: 2026)
        var decided = 0, total = 0
        for _ in 0..<200_000 {
            // Magnitudes of data: 1e-6 … 1e6, with both signs.
            let v = (rng.uniform() * 2 - 1) * pow(10, rng.uniform() * 12 - 6)
            for text in [v.description, String(format: "%.17g", v), String(format: "%.6e", v), String(format: "%.3f", v)] {
                total += 1
                if fast(text) != nil { decided += 1 }
                assertAgrees(text)
            }
        }
        // The fast path is the common path, not a curiosity: nearly every such text is decided by it.
        XCTAssertGreaterThan(Double(decided) / Double(total), 0.98)
    }

    func testRandomDigitStringsAndExponents() {
        var rng = SeededGenerator(seed: 7)
        for _ in 0..<300_000 {
            let integerDigits = Int(rng.uniform() * 12), fractionDigits = Int(rng.uniform() * 14)
            var text = rng.uniform() < 0.5 ? "-" : ""
            for _ in 0..<integerDigits { text.append(Character(String(Int(rng.uniform() * 10)))) }
            if fractionDigits > 0 || integerDigits == 0 {
                text += "."
                for _ in 0..<max(fractionDigits, 1) { text.append(Character(String(Int(rng.uniform() * 10)))) }
            }
            if rng.uniform() < 0.5 { text += "e\(Int(rng.uniform() * 70) - 35)" }
            assertAgrees(text)
        }
    }
}
