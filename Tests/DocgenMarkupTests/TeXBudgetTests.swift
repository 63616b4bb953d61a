import XCTest
import Foundation
@testable import DocgenMarkup

/// Runs `body` on a thread with a stack of `bytes` (the main thread's 8 MB would hide a
/// recursion that a worker thread with a smaller stack cannot afford).
private func onThread(stackSize bytes: Int, _ body: @escaping @Sendable () -> Void) {
    let done = DispatchSemaphore(value: 0)
    let thread = Thread {
        body()
        done.signal()
    }
    thread.stackSize = bytes
    thread.start()
    done.wait()
}

private func repeated(_ open: String, _ count: Int, _ middle: String, _ close: String) -> String {
    String(repeating: open, count: count) + middle + String(repeating: close, count: count)
}

/// The parser's budget: nesting depth, formula length and work are bounded, so hostile or
/// broken input gives a located TeX error, never a crash, and conversion stays linear.
final class TeXBudgetTests: XCTestCase {
    /// Constructs nested 100,000 deep; each must fail cleanly with the depth error at an offset
    /// inside the formula (not at its end: the error is found on the way in).
    static let deepConstructs: [(String, String)] = [
        ("braces", repeated("{", 100_000, "x", "}")),
        ("\\frac without braces", repeated("\\frac ", 100_000, "a", " b")),
        ("\\frac with braces", repeated("\\frac{", 100_000, "x", "}{y}")),
        ("\\sqrt", repeated("\\sqrt{", 100_000, "x", "}")),
        ("\\hat without braces", String(repeating: "\\hat ", count: 100_000) + "x"),
        ("superscripts", repeated("x^{", 100_000, "y", "}")),
        ("superscripts without braces", String(repeating: "x^\\hat", count: 100_000) + "y"),
        ("\\left…\\right", repeated("\\left(", 100_000, "x", "\\right)")),
        ("environments", repeated("\\begin{pmatrix}", 100_000, "x", "\\end{pmatrix}")),
        ("\\text with nested math", repeated("\\text{$", 100_000, "x", "$}")),
        ("\\textbf inside \\text", repeated("\\text{\\textbf{", 50_000, "x", "}}")),
        ("\\mathbf", repeated("\\mathbf{", 100_000, "x", "}")),
        ("\\overbrace with labels", repeated("\\overbrace{", 100_000, "x", "}^{n}")),
        ("\\boxed", repeated("\\boxed{", 100_000, "x", "}")),
        ("\\xrightarrow labels", repeated("\\xrightarrow[", 100_000, "x", "]{y}")),
        ("\\substack", repeated("\\substack{", 100_000, "x", "}")),
        ("\\not", String(repeating: "\\not ", count: 100_000) + "="),
        ("style switches", String(repeating: "\\displaystyle x", count: 100_000)),
        ("\\sqrt indices", repeated("\\sqrt[", 100_000, "x", "]{y}")),
    ]

    func testHundredThousandDeepNestingOfEveryConstructIsALocatedError() {
        // At 100,000 levels every formula is also over the length limit, which may answer first.
        for (name, tex) in Self.deepConstructs {
            for display in [false, true] {
                guard case .failure(let error) = TeX.convert(tex, display: display) else {
                    XCTFail("\(name): expected an error"); continue
                }
                XCTAssertTrue(["math nested too deeply", "formula too long: \(tex.unicodeScalars.count) characters (at most 50000)"]
                    .contains(error.message), "\(name): \(error.message)")
                XCTAssertTrue((0..<tex.unicodeScalars.count).contains(error.offset), "\(name): offset \(error.offset)")
            }
        }
    }

    func testTenThousandDeepNestingWithinTheLengthLimitStopsAtTheDepthLimit() {
        for (name, tex) in Self.nested(10_000) {
            XCTAssertLessThan(tex.unicodeScalars.count, TeXParser.maximumLength, name)
            guard case .failure(let error) = TeX.convert(tex, display: true) else { XCTFail("\(name): expected an error"); continue }
            XCTAssertEqual(error.message, "math nested too deeply", name)
            // Found on the way in, well before the end of the formula.
            XCTAssertLessThan(error.offset, tex.unicodeScalars.count / 2, name)
        }
    }

    /// Each construct nested `count` deep, kept short enough to pass the length limit.
    static func nested(_ count: Int) -> [(String, String)] {
        [
            ("braces", repeated("{", count, "x", "}")),
            ("\\frac without braces", repeated("\\frac ", count / 2, "a", " b")),
            ("\\frac with braces", repeated("\\frac{", count / 2, "x", "}1")),
            ("\\sqrt", repeated("\\sqrt{", count / 2, "x", "}")),
            ("superscripts", repeated("x^{", count, "y", "}")),
            ("\\left…\\right", repeated("\\left(", count / 4, "x", "\\right)")),
            ("environments", repeated("\\begin{matrix}", count / 8, "x", "\\end{matrix}")),
            ("\\text with nested math", repeated("\\text{$", count / 2, "x", "$}")),
            ("\\textbf inside \\text", repeated("\\text{\\textbf{", count / 4, "x", "}}")),
            ("\\overbrace with labels", repeated("\\overbrace{", count / 4, "x", "}^n")),
            ("\\xrightarrow labels", repeated("\\xrightarrow[", count / 4, "x", "]y")),
            ("\\sqrt indices", repeated("\\sqrt[", count / 2, "x", "]y")),
            ("\\not", String(repeating: "\\not ", count: count / 2) + "="),
        ]
    }

    func testTheDeepestNestingAllowedConvertsOnASmallStack() {
        // For each construct, the deepest nesting the limit allows, converted on a 512 KiB stack
        // (what a secondary thread gets on macOS): no overflow, and it does convert.
        let results = LockedResults()
        onThread(stackSize: 512 * 1024) {
            for (name, _) in Self.nested(2) {
                var deepest = 0
                for count in stride(from: TeXParser.maximumDepth, through: 1, by: -1) {
                    guard let tex = Self.nested(count).first(where: { $0.0 == name })?.1 else { break }
                    if case .success = TeX.convert(tex, display: true) { deepest = count; break }
                }
                results.append("\(name): \(deepest)")
            }
        }
        XCTAssertEqual(results.values.count, Self.nested(2).count)
        for line in results.values { XCTAssertFalse(line.hasSuffix(": 0"), line) }
        print("TeX budget: largest nested(count) that converts, per construct: " + results.values.joined(separator: ", "))
    }

    func testAFormulaOverTheLengthLimitIsRefusedAtTheLimit() {
        let tex = String(repeating: "x+", count: 32 * 1024)  // 64 KiB
        guard case .failure(let error) = TeX.convert(tex, display: true) else { return XCTFail("expected an error") }
        XCTAssertEqual(error.message, "formula too long: 65536 characters (at most 50000)")
        XCTAssertEqual(error.offset, TeXParser.maximumLength)
    }

    func testWorkIsLinearInTheFormulasLength() {
        // Long flat formulas of many kinds, just under the length limit: each converts with at
        // most `workPerToken` steps per token, and its MathML grows linearly.
        let units = [
            "\\frac{a}{b}+", "\\mathbf{x}_{i}^{2}", "\\text{a $x$ b}", "\\left(x\\right)", "\\sqrt[3]{x}",
            "\\begin{pmatrix}a&b\\\\c&d\\end{pmatrix}", "\\overbrace{x}^{n}", "\\binom{n}{k}", "{a \\over b}",
            "\\displaystyle x", "\\rm d", "\\color{red} x", "\\,\\,-",
        ]
        for unit in units {
            let small = String(repeating: unit, count: 40)
            let large = String(repeating: unit, count: (TeXParser.maximumLength - 1) / unit.unicodeScalars.count)
            var parser = TeXParser(large, display: true)
            XCTAssertNoThrow(try parser.parse(), unit)
            XCTAssertLessThanOrEqual(parser.work, TeXParser.workPerToken * parser.tokens.count + 1000, unit)
            guard case .success(let smallML) = TeX.convert(small, display: true),
                  case .success(let largeML) = TeX.convert(large, display: true) else { XCTFail(unit); continue }
            let ratio = Double(largeML.utf8.count) / Double(smallML.utf8.count)
            let inputRatio = Double(large.utf8.count) / Double(small.utf8.count)
            XCTAssertLessThan(ratio, inputRatio * 1.5, unit)
        }
    }

    func testNestedFontsOverALongBodyStayWithinTheWorkLimit() {
        // Each \\mathbf restyles everything inside it: depth × size steps, which the depth limit
        // and the work limit both bound.
        let inner = String(repeating: "x", count: 10_000)
        for depth in [5, 20, 60] {
            let tex = repeated("\\mathbf{", depth, inner, "}")
            var parser = TeXParser(tex, display: false)
            do {
                _ = try parser.parse()
            } catch {
                XCTAssertTrue(["math nested too deeply", "formula too complex to convert"].contains(error.message), error.message)
            }
            XCTAssertLessThanOrEqual(parser.work, parser.workLimit + 1)
        }
    }
}

/// Strings appended from another thread, read after it finished.
private final class LockedResults: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [String] = []
    func append(_ s: String) { lock.lock(); items.append(s); lock.unlock() }
    var values: [String] { lock.lock(); defer { lock.unlock() }; return items }
}
