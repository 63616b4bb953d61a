@testable import DocgenPlotting
import XCTest

final class ContourTests: XCTestCase {
    func testUnitCircleContourOfSquaredRadiusLiesOnTheCircle() {
        // Grid offset so that no sample lies exactly on the circle (a corner at the level is a degenerate case).
        let grid = stride(from: -2.0123, through: 2.0, by: 0.05).map { $0 }
        let values = grid.map { y in grid.map { x in x * x + y * y } }
        let segments = Contours.segments(xs: grid, ys: grid, values: values, level: 1)
        XCTAssertGreaterThan(segments.count, 100)
        // Linear interpolation of x²+y² along a 0.05 edge errs by at most h²/4 / (2r) ≈ 3e-4.
        for s in segments {
            XCTAssertEqual(hypot(s.x0, s.y0), 1, accuracy: 5e-4)
            XCTAssertEqual(hypot(s.x1, s.y1), 1, accuracy: 5e-4)
        }
        // Closed curve: every endpoint is shared by exactly two segments.
        var endpoints: [String: Int] = [:]
        for s in segments {
            endpoints[String(format: "%.9f,%.9f", s.x0, s.y0), default: 0] += 1
            endpoints[String(format: "%.9f,%.9f", s.x1, s.y1), default: 0] += 1
        }
        XCTAssertTrue(endpoints.values.allSatisfy { $0 == 2 })
    }

    func testSaddleCellJoinsHighCornersWhenTheCentreIsHigh() {
        // Corners (0,0)=2, (1,0)=-1, (1,1)=2, (0,1)=-1: centre mean 0.5 > 0, so the low corners are cut off.
        let segments = Contours.segments(xs: [0, 1], ys: [0, 1], values: [[2, -1], [-1, 2]], level: 0)
        XCTAssertEqual(segments.count, 2)
        let aroundLowerRight = segments.contains {
            (abs($0.x0 - 2.0 / 3) < 1e-12 && $0.y0 == 0 && $0.x1 == 1 && abs($0.y1 - 1.0 / 3) < 1e-12)
        }
        XCTAssertTrue(aroundLowerRight, "\(segments)")
    }

    func testSaddleCellSeparatesHighCornersWhenTheCentreIsLow() {
        // Corners 1, -2, 1, -2: centre mean -0.5 < 0, so the high corners (0,0) and (1,1) are cut off.
        let segments = Contours.segments(xs: [0, 1], ys: [0, 1], values: [[1, -2], [-2, 1]], level: 0)
        XCTAssertEqual(segments.count, 2)
        let aroundOrigin = segments.contains { ($0.x0 == 0 && abs($0.y0 - 1.0 / 3) < 1e-12) && (abs($0.x1 - 1.0 / 3) < 1e-12 && $0.y1 == 0) }
        XCTAssertTrue(aroundOrigin, "\(segments)")
    }
}

final class LabelPlacementTests: XCTestCase {
    func testCrowdedLabelsSpreadSymmetricallyAroundTheirMean() {
        // Least squares with spacing 5: the mean (1) is kept and labels sit 5 apart.
        let p = LabelPlacement.spread([0, 1, 2], gap: 5, low: -100, high: 100)
        XCTAssertEqual(p[0], -4, accuracy: 1e-12); XCTAssertEqual(p[1], 1, accuracy: 1e-12); XCTAssertEqual(p[2], 6, accuracy: 1e-12)
    }

    func testWellSeparatedLabelsStayPutAndOrderIsKept() {
        XCTAssertEqual(LabelPlacement.spread([50, 10, 30], gap: 5, low: 0, high: 100), [50, 10, 30])
    }

    func testLabelsAreClampedInsideTheBounds() {
        let p = LabelPlacement.spread([0, 0, 99], gap: 10, low: 0, high: 100)
        XCTAssertEqual(p[0], 0, accuracy: 1e-12); XCTAssertEqual(p[1], 10, accuracy: 1e-12); XCTAssertEqual(p[2], 99, accuracy: 1e-12)
        let q = LabelPlacement.spread([100, 100, 100], gap: 10, low: 0, high: 100)
        XCTAssertEqual(q.sorted(), [80, 90, 100])
    }
}

final class ColorTests: XCTestCase {
    func testContrastRatioMatchesWCAGExtremes() {
        XCTAssertEqual(Color(hex: 0x000000).contrastRatio(with: Color(hex: 0xFFFFFF)), 21, accuracy: 1e-9)
        XCTAssertEqual(Color(hex: 0x777777).contrastRatio(with: Color(hex: 0x777777)), 1, accuracy: 1e-12)
        // WCAG reference: #767676 on white is the lightest gray with 4.5:1.
        XCTAssertEqual(Color(hex: 0x767676).contrastRatio(with: Color(hex: 0xFFFFFF)), 4.54, accuracy: 0.01)
    }

    func testEveryPaletteColorBecomesReadableTextOnItsTheme() {
        for theme in [Theme.light, Theme.dark] {
            for c in theme.palette {
                let text = c.readable(on: theme.background, toward: theme.text)
                XCTAssertGreaterThanOrEqual(text.contrastRatio(with: theme.background), 4.5, "\(c)")
                if c.contrastRatio(with: theme.background) >= 4.5 { XCTAssertEqual(text, c, "already readable colors stay") }
            }
        }
    }
}

final class RecentContoursTests: XCTestCase {
    func testRememberedContoursAreThoseOfTheGridAndLevelAsked() {
        let grid = stride(from: -2.0, through: 2.0, by: 0.1).map { $0 + 0.013 }
        let circle = grid.map { y in grid.map { x in x * x + y * y } }
        let ellipse = grid.map { y in grid.map { x in x * x + 4 * y * y } }
        func flat(_ lines: [[(Double, Double)]]) -> [Double] { lines.flatMap { $0.flatMap { [$0.0, $0.1] } } }
        for _ in 0..<2 {  // the second round is served from memory
            for (values, level) in [(circle, 1.0), (ellipse, 1.0), (circle, 2.0), (ellipse, 2.0)] {
                let remembered = RecentContours.polylines(xs: grid, ys: grid, values: values, level: level)
                let fresh = Contours.polylines(xs: grid, ys: grid, values: values, level: level)
                XCTAssertFalse(fresh.isEmpty)
                XCTAssertEqual(flat(remembered), flat(fresh))
            }
        }
    }
}
