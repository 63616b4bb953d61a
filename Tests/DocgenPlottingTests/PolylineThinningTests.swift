@testable import DocgenPlotting
import XCTest

final class PolylineThinningTests: XCTestCase {
    func testOrdinaryPolylinesAreLeftAlone() {
        let points = (0..<100).map { (Double($0) * 5.6, sin(Double($0) / 7)) }
        let thinned = PolylineThinning.thinned(points)
        XCTAssertEqual(thinned.map(\.0), points.map(\.0))
        XCTAssertEqual(thinned.map(\.1), points.map(\.1))
    }

    func testADenseClosedCurveIsLeftAlone() {
        let circle = (0..<20_000).map { k -> (Double, Double) in
            let t = 2 * Double.pi * Double(k) / 20_000
            return (100 + 30 * cos(t), 100 + 30 * sin(t))
        }
        XCTAssertEqual(PolylineThinning.thinned(circle).count, circle.count)
    }

    func testADenseLineKeepsEveryColumnsExtremesInOrder() {
        // 5,000 points over 560 px: about nine a 1 px column, with a wiggle inside each column.
        let points = (0..<5_000).map { k -> (Double, Double) in
            let x = 40 + 560 * Double(k) / 4_999
            return (x, 100 * sin(x / 30) + (k % 3 == 0 ? 0.7 : -0.4))
        }
        let thinned = PolylineThinning.thinned(points)
        XCTAssertLessThan(thinned.count, points.count / 2)
        XCTAssertLessThanOrEqual(thinned.count, Int(560 / PolylineThinning.bucket + 1) * 4 + 4)
        // Every kept point is an input point, in the input's order.
        var next = 0
        for p in thinned {
            while next < points.count, !(points[next].0 == p.0 && points[next].1 == p.1) { next += 1 }
            XCTAssertLessThan(next, points.count, "a point that is not on the line, or out of order")
        }
        // Each column's lowest and highest y are still reached; the ends are kept.
        let column = { (x: Double) in Int((x / PolylineThinning.bucket).rounded(.down)) }
        let all = Dictionary(grouping: points, by: { column($0.0) }), kept = Dictionary(grouping: thinned, by: { column($0.0) })
        XCTAssertEqual(Set(all.keys), Set(kept.keys))
        for (c, group) in all {
            XCTAssertEqual(kept[c]?.map(\.1).min(), group.map(\.1).min())
            XCTAssertEqual(kept[c]?.map(\.1).max(), group.map(\.1).max())
        }
        XCTAssertEqual(thinned.first?.0, points.first?.0)
        XCTAssertEqual(thinned.last?.1, points.last?.1)
    }
}
