import Foundation
import XCTest
@testable import DocgenModels

/// `optimizer: sgd | proximal-sgd | adam | adamw` on `model: mlp`, checked against what each update rule implies:
/// one full-batch step from the null model is a plain gradient step; full-batch descent converges to docgen's ridge,
/// and proximal descent to its lasso with the same exact zeros, while subgradient descent leaves every weight
/// nonzero inside the band its step allows; AdamW's decay is the same factor for every weight and Adam's first step
/// has the same size whatever the L2 term.
final class StochasticOptimizerTests: XCTestCase {
    private func network(_ penalty: NeuralNetwork.Penalty = .l2, hidden: [Int] = [], _ method: StochasticOptimizer.Method,
                         rate: Double, batch: Int? = nil, epochs: Int, seed: UInt64 = 0,
                         task: PredictionTask = .regression) -> NeuralNetwork {
        .mlp(hidden: hidden, penalty: penalty, seed: seed, maxEpochs: epochs, task: task,
             optimizer: StochasticOptimizer(method: method, learningRate: rate, batchSize: batch))
    }

    func testOneFullBatchStepFromTheNullModelIsTheGradientStep() throws {
        let data = try loadDiabetes()
        let n = Double(data.rowCount), eta = 0.05
        let result = try runExperiment(data, ExperimentSpec(model: network(.l2, .sgd, rate: eta, batch: data.rowCount, epochs: 1),
                                                            alphas: .explicit([3])))
        // From β = 0, b = ȳ: the penalty's gradient is 0 and the loss gradient is −Zᵀ(y − ȳ)/n.
        let z = standardizedColumns(data), mean = data.y.reduce(0, +) / n
        for j in z.indices {
            var g = 0.0
            for i in 0..<data.rowCount { g -= z[j][i] * (data.y[i] - mean) / n }
            XCTAssertEqual(result.coefficients[0][j], -eta * g, accuracy: 1e-12 * max(1, abs(eta * g)), "feature \(j)")
        }
        XCTAssertEqual(result.intercepts[0], mean, accuracy: 1e-10)
        XCTAssertEqual(result.histories[0].trainingLoss.count, 1)
    }

    func testFullBatchGradientDescentConvergesToRidge() throws {
        let data = try loadDiabetes()
        // η = 0.2 is stable while η(λ_max(ZᵀZ/n) + α) < 2, and contracts by 1 − η(λ_min + α) ≤ 0.8 per step.
        let alphas = AlphaGrid.explicit([3, 1])
        let ridge = try runExperiment(data, ExperimentSpec(model: LeastSquares.ridge, alphas: alphas, tolerance: 1e-14))
        let descent = try runExperiment(data, ExperimentSpec(model: network(.l2, .sgd, rate: 0.2, batch: data.rowCount,
                                                                            epochs: 3000), alphas: alphas))
        XCTAssertEqual(descent.warnings, [])
        for k in 0..<2 {
            let scale = ridge.coefficients[k].map(abs).max()!
            for j in ridge.coefficients[k].indices {
                XCTAssertEqual(descent.coefficients[k][j], ridge.coefficients[k][j], accuracy: 1e-8 * scale, "α index \(k), \(j)")
            }
            XCTAssertEqual(descent.intercepts[k], ridge.intercepts[k], accuracy: 1e-8 * abs(ridge.intercepts[k]))
        }
    }

    func testProximalStepsReachTheLassoAndItsZerosWhileSubgradientStepsLeaveNone() throws {
        let data = try loadDiabetes()
        let alpha = 3.0, eta = 0.4
        let lasso = try runExperiment(data, ExperimentSpec(model: LeastSquares.lasso, alphas: .explicit([alpha]), tolerance: 1e-14))
        let zeros = lasso.coefficients[0].indices.filter { lasso.coefficients[0][$0] == 0 }
        XCTAssertGreaterThanOrEqual(zeros.count, 2, "the lasso at α = 3 drops features")
        let proximal = try runExperiment(data, ExperimentSpec(model: network(.l1, .proximalSGD, rate: eta, batch: data.rowCount,
                                                                             epochs: 3000), alphas: .explicit([alpha])))
        let scale = lasso.coefficients[0].map(abs).max()!
        for j in lasso.coefficients[0].indices {
            XCTAssertEqual(proximal.coefficients[0][j], lasso.coefficients[0][j], accuracy: 1e-6 * scale, "feature \(j)")
        }
        XCTAssertEqual(proximal.nonzeroCounts, lasso.nonzeroCounts, "the same exact zeros")

        // Subgradient steps on the same objective: no weight lands exactly on zero. The weights the lasso zeroes
        // hover around zero in a band that shrinks with the step (fixed-step subgradient descent reaches an O(η)
        // neighbourhood of the optimum): a step ten times smaller leaves them several times closer.
        func subgradientBand(_ step: Double) throws -> (nonzero: [Int], band: Double) {
            let fit = try runExperiment(data, ExperimentSpec(model: network(.l1, .sgd, rate: step, batch: data.rowCount,
                                                                            epochs: 3000), alphas: .explicit([alpha])))
            return (fit.nonzeroCounts, zeros.map { abs(fit.coefficients[0][$0]) }.max()!)
        }
        let coarse = try subgradientBand(eta), fine = try subgradientBand(eta / 10)
        XCTAssertEqual(coarse.nonzero, [data.featureCount], "no weight lands exactly on zero")
        XCTAssertEqual(fine.nonzero, [data.featureCount])
        XCTAssertGreaterThan(coarse.band, 0)
        XCTAssertLessThan(fine.band, coarse.band / 3, "the band around zero scales with the step")
    }

    func testAdamWShrinksEveryWeightByOneFactorAndAdamsFirstStepIgnoresTheL2TermsSize() throws {
        let data = try generate(.moons(n: 60, noise: 0.2, seed: 3)).dataset
        let eta = 0.01, alpha = 0.5
        func oneStep(_ method: StochasticOptimizer.Method, _ a: Double) throws -> ExperimentResult {
            try runExperiment(data, ExperimentSpec(model: network(.l2, hidden: [4], method, rate: eta, batch: data.rowCount,
                                                                  epochs: 1, seed: 5, task: .binaryClassification),
                                                   alphas: .explicit([a])))
        }
        let layout = NetworkLayout(inputs: 2, hidden: [4])
        let start = Array(layout.glorotUniform(seed: 5, outputBias: 0)[0..<layout.weightCount])

        // AdamW: m and v see the loss gradient only, so the decay is the whole difference: −η·α·W_start.
        let free = try oneStep(.adamw, 0), decayed = try oneStep(.adamw, alpha)
        for k in start.indices {
            XCTAssertEqual(decayed.coefficients[0][k] - free.coefficients[0][k], -eta * alpha * start[k], accuracy: 1e-15, "weight \(k)")
        }
        XCTAssertEqual(decayed.parameters[0], free.parameters[0], "biases are not decayed")

        // Adam with the L2 term in the loss: the first step is η·g/(|g| + ε), η to within ε/|g| (here under 1e-3) for
        // every weight, however large the L2 part αW of g is.
        for a in [0.0, alpha, 100 * alpha] {
            let adam = try oneStep(.adam, a)
            for k in start.indices {
                XCTAssertEqual(abs(adam.coefficients[0][k] - start[k]), eta, accuracy: 1e-3 * eta, "α = \(a), weight \(k)")
            }
        }
    }

    func testMinibatchTrainingIsReproducibleAndItsOrderComesFromTheSeed() throws {
        let data = try generate(.moons(n: 90, noise: 0.25, seed: 1)).dataset
        func fit(seed: UInt64) throws -> String {
            let spec = ExperimentSpec(model: network(.l1, hidden: [5], .proximalSGD, rate: 0.05, batch: 16, epochs: 30, seed: seed,
                                                     task: .binaryClassification),
                                      alphas: .explicit([0.01, 0.001]), split: HoldoutSplit(test: 0.3, seed: 2))
            let result = try runExperiment(data, spec)
            XCTAssertEqual(result.histories.map(\.trainingLoss.count), [30, 30])
            XCTAssertEqual(result.histories.map { $0.validationLoss?.count }, [30, 30])
            return result.csvText() + (result.historyCSVText() ?? "")
        }
        let reference = try fit(seed: 4)
        XCTAssertEqual(try fit(seed: 4), reference)
        XCTAssertNotEqual(try fit(seed: 5), reference)
    }

    func testADivergingLearningRateIsAWarningThatNamesIt() throws {
        let result = try runExperiment(try loadDiabetes(), ExperimentSpec(model: network(.l2, .sgd, rate: 10, epochs: 50),
                                                                          alphas: .explicit([1])))
        let warning = try XCTUnwrap(result.warnings.first { $0.kind == .notConverged })
        XCTAssertEqual(warning.key, "learning_rate")
        XCTAssertTrue(warning.message.contains("diverged"), warning.message)
        XCTAssertLessThan(result.histories[0].trainingLoss.count, 50, "training stops where the loss stops being finite")
        XCTAssertTrue(result.coefficients[0].allSatisfy(\.isFinite), "the last finite weights are reported")
    }
}
