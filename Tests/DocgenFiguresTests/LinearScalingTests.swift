import DocgenFigures
import DocgenModels
import XCTest

/// Figures cost work linear in the α grid: none reads a whole-path property (`nonzeroCounts`, `l1Norms`) inside a
/// loop over α. Checked by counting scans of the path (`PathScans`, debug builds), not by timing: a kind drawn from an
/// 8× longer grid must scan the path exactly as often as from the short one. A quadratic recipe (5,000 α took 22–28 s
/// to draw before) fails this at once.
final class LinearScalingTests: XCTestCase {
    private func experiment(alphas count: Int) throws -> FinishedExperiment {
        let spec = ExperimentSpec(model: .lasso, alphas: .logspace(start: -3, stop: 0.5, count: count),
                                  split: HoldoutSplit(test: 0.3, seed: 1), cv: CrossValidation(folds: 3, seed: 2))
        return try Experiments.finished(try SampleInputs.twoCorrelatedFeatures(), spec)
    }

    private func scans(_ body: () throws -> Void) rethrows -> Int {
        let before = PathScans.count
        try body()
        return PathScans.count - before
    }

    func testEveryPathKindScansThePathAConstantNumberOfTimes() throws {
        #if !DEBUG
        throw XCTSkip("PathScans counts in debug builds only")
        #endif
        let kinds: [(String, any FigureKind)] = [
            ("regularization-path", RegularizationPathFigure()),
            ("regularization-path with cv lines", RegularizationPathFigure(cvLines: true)),
            ("cv-curve", CVCurveFigure()),
            ("scores", ScoresFigure()),
            ("chart of nonzero counts", ChartFigure(y: ["nonzero", "cv_mean"])),
            ("chart against the L1 norm", ChartFigure(x: "l1_norm", y: ["coef.*"])),
        ]
        let short = try experiment(alphas: 40), long = try experiment(alphas: 320)
        for (name, kind) in kinds {
            let few = try scans { _ = try kind.draw([short], title: nil) }
            let many = try scans { _ = try kind.draw([long], title: nil) }
            XCTAssertEqual(many, few, "\(name): \(few) scans of a 40-α path, \(many) of a 320-α path")
            XCTAssertLessThanOrEqual(many, 4, name)
        }
    }

    func testTheCounterSeesAScanInsideALoop() throws {
        #if !DEBUG
        throw XCTSkip("PathScans counts in debug builds only")
        #endif
        // The guard itself: the pattern it exists for is counted once per α.
        let e = try experiment(alphas: 40)
        let quadratic = scans { for k in e.result.alphas.indices { _ = e.result.nonzeroCounts[k] } }
        XCTAssertEqual(quadratic, 40)
    }
}
