import Foundation
import XCTest
@testable import DocgenModels

/// The replicate fits behind `{figure} bias-variance`: each curve is the experiment's own fit on a fresh sample,
/// and bias² and variance obey the decomposition of the mean squared distance to the true curve.
final class ReplicateCurvesTests: XCTestCase {
    private let generator = GeneratorSpec.curve(n: 20, noise: 0.2, seed: 7)
    private var spec: ExperimentSpec {
        ExperimentSpec(model: LeastSquares.ridge, alphas: .explicit([1, 1e-3]), polynomialDegree: 5,
                       split: HoldoutSplit(test: 0.25, seed: 1))
    }

    private func replicates(samples: Int = 8, alphas: [Double] = [1e-3, 1]) throws -> ReplicateCurves {
        let data = try generate(generator).dataset
        let result = try runExperiment(data, spec)
        guard case let .replicateCurves(c) = try computeOutput(.replicateCurves(ReplicateCurvesRequest(samples: samples, alphas: alphas)),
                                                                 data: data, spec: spec, result: result, generator: generator)
        else { throw XCTSkip("not replicate curves") }
        return c
    }

    func testEachCurveIsTheExperimentsFitOnTheGeneratorDrawnWithTheNextSeeds() throws {
        let c = try replicates()
        XCTAssertEqual(c.panels.map(\.alpha), [1e-3, 1])
        XCTAssertEqual(c.panels.map(\.fits.count), [8, 8])
        XCTAssertEqual(c.trueValues, c.grid.map { sin(2 * Double.pi * $0) })
        // Sample 3 (seed 7 + 3), fitted independently, on its training rows, at α = 1e-3.
        let sample = try generate(.curve(n: 20, noise: 0.2, seed: 10)).dataset
        var refit = spec
        refit.alphas = .explicit([1e-3])
        let result = try runExperiment(sample, refit)
        let rows = Dataset(featureNames: ["x"], targetName: "y", columnMajor: c.grid, y: c.grid.map { _ in 0 })
        let expected = try familyPredictions(rows, spec: refit, result: result, alphaIndex: 0)
        for i in c.grid.indices { XCTAssertEqual(c.panels[0].fits[2][i], expected[i], accuracy: 1e-9 * max(1, abs(expected[i]))) }
    }

    func testBiasAndVarianceDecomposeTheMeanSquaredDistanceToTheCurve() throws {
        let c = try replicates(samples: 10)
        for p in c.panels {
            let r = Double(p.fits.count), n = Double(c.grid.count)
            // mean over samples and x of (f_r − f)² = mean over x of (f̄ − f)² + variance, exactly.
            var total = 0.0, spread = 0.0
            for i in c.grid.indices {
                let mean = p.fits.reduce(0) { $0 + $1[i] } / r
                XCTAssertEqual(p.mean[i], mean, accuracy: 1e-12 * max(1, abs(mean)))
                for f in p.fits {
                    total += (f[i] - c.trueValues[i]) * (f[i] - c.trueValues[i]) / r
                    spread += (f[i] - mean) * (f[i] - mean)
                }
            }
            // bias² is the squared distance of the mean less its Monte-Carlo error s²/R (s² over R − 1), floored at 0.
            let correction = spread / (r - 1) / r / n
            let raw = total / n - p.variance
            XCTAssertEqual(p.variance, spread / r / n, accuracy: 1e-12 * p.variance)
            XCTAssertEqual(p.biasSquared, max(0, raw - correction), accuracy: 1e-9 * max(1e-12, raw))
        }
        // No ordering of the two is asserted: with an unpenalized intercept and per-sample standardization, a strong
        // penalty's nearly flat fits vary with the sample mean, and can vary more than a moderate penalty's.
    }

    func testDataWithoutAKnownCurveIsAnError() throws {
        let data = try generate(.moons(n: 40, noise: 0.1, seed: 1)).dataset
        let moonsSpec = ExperimentSpec(model: LeastSquares.ridge, alphas: .explicit([1]))
        let result = try runExperiment(data, moonsSpec)
        XCTAssertThrowsError(try computeOutput(.replicateCurves(ReplicateCurvesRequest(samples: 5, alphas: [1])), data: data,
                                               spec: moonsSpec, result: result, generator: .moons(n: 40, noise: 0.1, seed: 1))) {
            XCTAssertEqual(($0 as? ModelError)?.key, "data")
        }
    }

    func testReseedingKeepsEverythingButTheSeed() {
        let specs: [GeneratorSpec] = [.curve(n: 5, noise: 0.1, seed: 1), .sparse(n: 5, p: 3, nonzero: 1, noise: 0, seed: 2),
                                      .moons(n: 8, noise: 0.2, seed: 3), .circles(n: 8, noise: 0.2, factor: 0.5, seed: 4),
                                      .correlated(n: 5, p: 2, rho: 0.3, noise: 0.1, seed: 5, coefficients: nil)]
        for g in specs {
            XCTAssertEqual(g.reseeded(99).seed, 99)
            XCTAssertEqual(g.reseeded(99).reseeded(g.seed), g)
        }
    }
}
