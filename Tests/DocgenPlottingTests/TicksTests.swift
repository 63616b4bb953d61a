import DocgenPlotting
import XCTest

final class TicksTests: XCTestCase {
    func testExtendedWilkinsonPicksStepTwoFromZeroToTenForPointThirteenToNinePointSeven() {
        XCTAssertEqual(Ticks.linear(0.13, 9.7, targetCount: 6), [0, 2, 4, 6, 8, 10])
    }

    func testInsideTicksStayWithinTheRangeAndAreEvenlySpacedNiceNumbers() {
        for (lo, hi) in [(0.13, 9.7), (-3.2, 17.9), (1e-7, 3.3e-7), (123_456.0, 987_654.0), (-0.004, -0.0011)] {
            let t = Ticks.linear(lo, hi, targetCount: 6, inside: true)
            XCTAssertGreaterThanOrEqual(t.count, 2, "\(lo)…\(hi)")
            XCTAssertTrue(t.allSatisfy { $0 >= lo - 1e-12 * abs(lo) && $0 <= hi + 1e-12 * abs(hi) }, "\(t)")
            let step = t[1] - t[0]
            for (a, b) in zip(t, t.dropFirst()) { XCTAssertEqual(b - a, step, accuracy: abs(step) * 1e-9) }
            let mantissa = step / pow(10, floor(log10(step)))
            XCTAssertTrue([1, 2, 2.5, 3, 4, 5].contains { abs($0 - mantissa) < 1e-9 }, "step \(step)")
        }
    }

    func testZeroIsATickWhenTheRangeStraddlesIt() {
        XCTAssertTrue(Ticks.linear(-7.3, 12.1, targetCount: 5).contains(0))
    }

    func testLogTicksArePowersOfTenFromMilliToTen() {
        let (major, minor) = Ticks.log(1e-3, 31, maxCount: 8)
        XCTAssertEqual(major.count, 5)
        for (value, exponent) in zip(major, -3...1) { XCTAssertEqual(value, pow(10, Double(exponent)), accuracy: 1e-12 * value) }
        XCTAssertTrue(minor.contains { abs($0 - 20) < 1e-9 })
        XCTAssertTrue(minor.contains { abs($0 - 0.002) < 1e-12 })
        XCTAssertFalse(minor.contains { $0 > 31 || $0 < 1e-3 })
    }

    func testLogTicksSkipDecadesOnWideRanges() {
        let (major, _) = Ticks.log(1e-12, 1e12, maxCount: 7)
        XCTAssertLessThanOrEqual(major.count, 7)
        XCTAssertTrue(major.contains(1), "10⁰ stays a tick: \(major)")
        let exponents = major.map { log10($0).rounded() }
        let strides = Set(zip(exponents, exponents.dropFirst()).map { $1 - $0 })
        XCTAssertEqual(strides.count, 1)
    }

    func testNarrowLogRangeFallsBackToOneTwoFiveMultiples() {
        let (major, _) = Ticks.log(1.5, 60, maxCount: 6)
        XCTAssertEqual(major, [2, 5, 10, 20, 50])
    }

    func testLogLabelsUseSuperscriptMarkupWithTrueMinus() {
        XCTAssertEqual(TickLabels.log([1e-3, 1, 10]), ["10^{\u{2212}3}", "10^{0}", "10^{1}"])
    }

    func testLinearLabelsUseFewestDecimalsThatDistinguishTicks() {
        XCTAssertEqual(TickLabels.linear([0, 0.5, 1, 1.5]), ["0.0", "0.5", "1.0", "1.5"])
        XCTAssertEqual(TickLabels.linear([-20, 0, 20]), ["\u{2212}20", "0", "20"])
    }

    func testExtremeMagnitudesShareOneExponent() {
        XCTAssertEqual(TickLabels.linear([0, 2e-6, 4e-6]), ["0", "2×10^{\u{2212}6}", "4×10^{\u{2212}6}"])
        XCTAssertEqual(TickLabels.linear([2e5, 4e5]), ["2×10^{5}", "4×10^{5}"])
    }
}

final class RichTextTests: XCTestCase {
    func testSubscriptAppliesToNextCharacterAndSuperscriptToBracedGroup() {
        XCTAssertEqual(RichText(markup: "‖β‖_1").runs, [.init(text: "‖β‖", shift: .none), .init(text: "1", shift: .sub)])
        XCTAssertEqual(RichText(markup: "10^{-3} s").runs,
                       [.init(text: "10", shift: .none), .init(text: "-3", shift: .sup), .init(text: " s", shift: .none)])
        XCTAssertEqual(RichText(markup: "a\\_b").plainText, "a_b")
        XCTAssertEqual(RichText(markup: "α_{1se}").plainText, "α1se")
    }

    func testEscapedDataNamesDisplayLiterally() {
        for name in ["feature_s5", "x^2", "a\\b_c", "plain"] {
            let parsed = RichText(markup: RichText.escape(name))
            XCTAssertEqual(parsed.plainText, name)
            XCTAssertTrue(parsed.runs.allSatisfy { $0.shift == .none })
        }
    }
}
