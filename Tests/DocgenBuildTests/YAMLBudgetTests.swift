@testable import DocgenBuild
import DocgenDiagnostics
import XCTest

/// The YAML layer refuses what could take the parser down, with a location, before libyaml and Yams see it.
final class YAMLBudgetTests: XCTestCase {
    private func failure(_ text: String, firstLine: Int = 10) -> Diagnostic? {
        if case let .failure(d) = LocatedYAML.parse(text, file: "f.md", firstLine: firstLine) { return d }
        return nil
    }

    private func parses(_ text: String, file: StaticString = #filePath, line: UInt = #line) {
        if case let .failure(d) = LocatedYAML.parse(text, file: "f.md", firstLine: 1) {
            XCTFail("refused: \(d)", file: file, line: line)
        }
    }

    func testTwoHundredThousandNestedBracketsAreRefusedAtTheFirstTooDeepOne() {
        let d = failure("alphas: " + String(repeating: "[", count: 200_000))
        XCTAssertEqual(d?.location?.line, 10)
        XCTAssertEqual(d?.location?.column, 9 + YAMLBudget.maximumDepth - 1)
        XCTAssertTrue(d?.message.contains("nested more than") == true, d?.message ?? "")
    }

    func testDeepFlowMappingsAndCompactSequencesAreRefused() {
        XCTAssertNotNil(failure("a: " + String(repeating: "{b: ", count: 100_000)))
        XCTAssertNotNil(failure(String(repeating: "- ", count: 100_000) + "x\n"))
        var indented = ""
        for k in 0..<200 { indented += String(repeating: " ", count: k) + "k\(k):\n" }
        XCTAssertNotNil(failure(indented))
    }

    func testBillionLaughsIsRefusedAtItsFirstAnchor() {
        var text = "a: &a [\"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\"]\n"
        for k in 1..<10 {
            let previous = Character(UnicodeScalar(UInt8(ascii: "a") + UInt8(k - 1)))
            let name = Character(UnicodeScalar(UInt8(ascii: "a") + UInt8(k)))
            text += "\(name): &\(name) [" + Array(repeating: "*\(previous)", count: 9).joined(separator: ", ") + "]\n"
        }
        let d = failure(text)
        XCTAssertEqual(d?.location?.line, 10)
        XCTAssertEqual(d?.location?.column, 4)
        XCTAssertTrue(d?.message.contains("anchors") == true, d?.message ?? "")
    }

    func testAnAliasAloneIsRefusedWhereItIsWritten() {
        let d = failure("model: lasso\ncaption: *emphasis* is not YAML's\n")
        XCTAssertEqual(d?.location?.line, 11)
        XCTAssertEqual(d?.location?.column, 10)
        XCTAssertTrue(d?.message.contains("aliases") == true, d?.message ?? "")
    }

    func testOversizedTextIsRefused() {
        let big = "caption: \"" + String(repeating: "x", count: YAMLBudget.maximumBytes) + "\"\n"
        XCTAssertTrue(failure(big)?.message.contains("the limit is") == true)
    }

    func testOrdinaryOptionsWithLookalikeCharactersStillParse() {
        parses("caption: \"A & B, *starred* [1, 2] {x}\"\nalt: 'it''s [not] a *list*'\n")
        parses("caption: Fish & chips, 5 * 3 = 15, and a #hashtag\n")
        parses("caption: |\n  [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\n  &anchor *alias\nmodel: lasso\n")
        parses("data: {generate: sparse, n: 100, p: 20}\nsplit: {test: 0.2, seed: 1}\nalphas: [0.1, 1, 10]\n")
        parses("experiments:\n  - a\n  - b\nalphas: [-1, -2]\n")
        parses("caption: \"a multi-line [\n  quoted { string\"\nmodel: lasso\n")
    }

    func testNestingWithinTheBudgetParses() {
        parses("a: " + String(repeating: "[", count: 20) + String(repeating: "]", count: 20))
    }

    func testAControlCharacterIsLocatedAtItsByte() {
        let d = failure("model: lasso\ncaption: a\u{7}b\n", firstLine: 3)
        XCTAssertEqual(d?.location?.line, 4)
        XCTAssertEqual(d?.location?.column, 11)
    }
}
