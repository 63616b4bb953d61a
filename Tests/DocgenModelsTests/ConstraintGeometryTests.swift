import Foundation
import XCTest
@testable import DocgenModels

final class ConstraintGeometryTests: XCTestCase {
    private func geometry() throws -> LeastSquaresGeometry {
        try LeastSquaresGeometry(data: try Dataset.load(csvPath: diabetesPath, target: "progression", features: ["bmi", "s5"]))
    }

    /// Smallest loss over a fine sampling of the ball's boundary {size(β) = t} in two dimensions.
    private func bruteForceBoundaryMinimum(_ g: LeastSquaresGeometry, ball: ConstraintBall, budget t: Double) -> Double {
        var best = Double.infinity
        let steps = 50_000
        for k in 0..<steps {
            let angle = 2 * Double.pi * Double(k) / Double(steps)
            let d = [cos(angle), sin(angle)]
            // Scale d onto the boundary: size(s·d) = s·ρ‖d‖₁ + s²(1 − ρ)/2‖d‖² = t (ρ = 1 for l1; ‖s·d‖₂ = s for l2).
            let l1 = abs(d[0]) + abs(d[1])
            let s: Double
            switch ball {
            case .l1: s = t / l1
            case .l2: s = t
            case .elasticNet(let r):
                let a = (1 - r) / 2, b = r * l1
                s = (-b + (b * b + 4 * a * t).squareRoot()) / (2 * a)
            }
            best = min(best, g.loss(d.map { $0 * s }))
        }
        return best
    }

    func testL1ConstrainedSolutionIsTheBestPointOfTheDiamond() throws {
        let g = try geometry()
        let t = 0.6 * ConstraintBall.l1.size(g.olsCoefficients)
        let solution = try g.constrainedSolution(budget: t, ball: .l1)
        XCTAssertEqual(solution.size, t, accuracy: 1e-8 * t)
        XCTAssertGreaterThan(solution.alpha, 0)
        XCTAssertLessThanOrEqual(g.loss(solution.beta), bruteForceBoundaryMinimum(g, ball: .l1, budget: t) + 1e-9)
    }

    func testL2AndElasticNetConstrainedSolutionsAreTheBestPointsOfTheirBalls() throws {
        let g = try geometry()
        for ball in [ConstraintBall.l2, .elasticNet(l1Ratio: 0.5)] {
            let t = 0.3 * ball.size(g.olsCoefficients)
            let solution = try g.constrainedSolution(budget: t, ball: ball)
            XCTAssertEqual(solution.size, t, accuracy: 1e-8 * t)
            XCTAssertLessThanOrEqual(g.loss(solution.beta), bruteForceBoundaryMinimum(g, ball: ball, budget: t) + 1e-9)
        }
    }

    func testLooseBudgetReturnsLeastSquaresAtAlphaZero() throws {
        let g = try geometry()
        let solution = try g.constrainedSolution(budget: 1e6, ball: .l1)
        XCTAssertEqual(solution.alpha, 0)
        XCTAssertEqual(solution.beta, g.olsCoefficients)
        // OLS solves G β = c.
        for j in 0..<2 {
            XCTAssertEqual(g.gram[j][0] * solution.beta[0] + g.gram[j][1] * solution.beta[1], g.xty[j], accuracy: 1e-9)
        }
    }
}
