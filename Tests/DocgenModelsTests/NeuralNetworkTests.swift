import Foundation
import XCTest
import CNetworkKernels
@testable import DocgenModels

/// `model: mlp`: the objective, its gradient, optimality at the reported solutions, the linear special case,
/// exact zeros under L1, determinism, and the result's columns.
final class NeuralNetworkTests: XCTestCase {
    // MARK: A plain reference network

    /// The loss (mean, no penalty) and its gradient, written the slow obvious way with Foundation's functions:
    /// an independent check of `NetworkEvaluator`'s kernels and ordering.
    private func referenceLossAndGradient(_ theta: [Double], layout: NetworkLayout, activation: NetworkActivation,
                                          loss: NetworkLoss, data: Dataset) -> (Double, [Double]) {
        let n = data.rowCount, L = layout.layerCount
        var gradient = [Double](repeating: 0, count: theta.count)
        var total = 0.0
        func w(_ l: Int, _ i: Int, _ j: Int) -> Double { theta[layout.weightOffset(l) + i * layout.widths[l] + j] }
        func b(_ l: Int, _ j: Int) -> Double { theta[layout.biasOffset(l) + j] }
        for row in 0..<n {
            var values = [data.row(row)]
            for l in 1...L {
                var next = [Double](repeating: 0, count: layout.widths[l])
                for j in next.indices {
                    var h = b(l, j)
                    for i in values[l - 1].indices { h += values[l - 1][i] * w(l, i, j) }
                    next[j] = l == L ? h : (activation == .tanh ? Foundation.tanh(h) : max(h, 0))
                }
                values.append(next)
            }
            let eta = values[L][0], y = data.y[row]
            var delta: [Double]
            switch loss {
            case .squaredError:
                total += 0.5 * (eta - y) * (eta - y) / Double(n)
                delta = [(eta - y) / Double(n)]
            case .logLoss:
                total += (log(1 + exp(eta)) - y * eta) / Double(n)
                delta = [(1 / (1 + exp(-eta)) - y) / Double(n)]
            }
            for l in stride(from: L, through: 1, by: -1) {
                var below = [Double](repeating: 0, count: layout.widths[l - 1])
                for i in below.indices {
                    for j in delta.indices {
                        gradient[layout.weightOffset(l) + i * layout.widths[l] + j] += values[l - 1][i] * delta[j]
                        below[i] += w(l, i, j) * delta[j]
                    }
                }
                for j in delta.indices { gradient[layout.biasOffset(l) + j] += delta[j] }
                if l > 1 {
                    for i in below.indices {
                        let a = values[l - 1][i]
                        below[i] *= activation == .tanh ? 1 - a * a : (a > 0 ? 1 : 0)
                    }
                }
                delta = below
            }
        }
        return (total, gradient)
    }

    /// Two inputs, a 0/1 label and a smooth numeric target.
    private func smallData(rows n: Int = 40, seed: UInt64 = 7) throws -> (regression: Dataset, classification: Dataset) {
        var rng = SeededGenerator(seed: seed)
        let x1 = (0..<n).map { _ in rng.normal() }, x2 = (0..<n).map { _ in rng.normal() }
        let y = (0..<n).map { sin(x1[$0]) + 0.5 * x2[$0] * x2[$0] + 0.1 * rng.normal() }
        let labels = (0..<n).map { x1[$0] * x2[$0] + 0.3 * rng.normal() > 0 ? 1.0 : 0.0 }
        return (try Dataset(featureNames: ["x1", "x2"], targetName: "y", columns: [x1, x2], y: y),
                try Dataset(featureNames: ["x1", "x2"], targetName: "y", columns: [x1, x2], y: labels))
    }

    // MARK: Gradient

    func testEvaluatorAgreesWithAPlainNetworkAndItsGradientWithFiniteDifferences() throws {
        let (regression, classification) = try smallData()
        for (data, loss) in [(regression, NetworkLoss.squaredError), (classification, .logLoss)] {
            for activation in NetworkActivation.allCases {
                for hidden in [[], [5], [4, 3]] {
                    let layout = NetworkLayout(inputs: 2, hidden: hidden)
                    var theta = layout.glorotUniform(seed: 3, outputBias: 0.2)
                    var rng = SeededGenerator(seed: 11)
                    for k in layout.weightCount..<layout.parameterCount { theta[k] = 0.3 * rng.normal() }
                    let evaluator = NetworkEvaluator(layout: layout, activation: activation, loss: loss, data: data)
                    var gradient = [Double](repeating: 0, count: theta.count)
                    let value = evaluator.evaluate(theta, gradient: &gradient)
                    let (refValue, refGradient) = referenceLossAndGradient(theta, layout: layout, activation: activation,
                                                                           loss: loss, data: data)
                    let label = "\(loss) \(activation) \(hidden)"
                    XCTAssertEqual(value, refValue, accuracy: 1e-13 * max(1, abs(refValue)), label)
                    let scale = refGradient.map(abs).max() ?? 1
                    for k in theta.indices {
                        XCTAssertEqual(gradient[k], refGradient[k], accuracy: 1e-12 * scale, "\(label) parameter \(k)")
                    }
                    // Central differences (ReLU: no row sits within the step of a kink for this seed).
                    let h = 1e-6
                    for k in theta.indices {
                        var up = theta, down = theta
                        up[k] += h; down[k] -= h
                        let slope = (evaluator.loss(up) - evaluator.loss(down)) / (2 * h)
                        XCTAssertEqual(gradient[k], slope, accuracy: 1e-7 * max(scale, 1e-3), "\(label) parameter \(k)")
                    }
                }
            }
        }
    }

    func testOwnElementaryFunctionsAreWithinAFewUlpsOfTheSystemOnes() {
        var rng = SeededGenerator(seed: 5)
        for _ in 0..<20_000 {
            let x = (rng.uniform() * 2 - 1) * 40
            XCTAssertEqual(FixedOrderMath.exp(x), exp(x), accuracy: 4 * exp(x).ulp)
            XCTAssertEqual(FixedOrderMath.tanh(x), tanh(x), accuracy: 4 * max(abs(tanh(x)).ulp, Double.leastNormalMagnitude))
            let s = 1 / (1 + exp(-x))
            XCTAssertEqual(FixedOrderMath.sigmoid(x), s, accuracy: 4 * s.ulp + 1e-300)
            let small = x / 400
            XCTAssertEqual(FixedOrderMath.expm1(small), expm1(small), accuracy: 4 * abs(expm1(small)).ulp)
            XCTAssertEqual(FixedOrderMath.tanh(small), tanh(small), accuracy: 4 * abs(tanh(small)).ulp)
            let u = rng.uniform()
            XCTAssertEqual(FixedOrderMath.log1pUnit(u), log1p(u), accuracy: 4 * max(log1p(u).ulp, Double.leastNormalMagnitude))
        }
        XCTAssertEqual(FixedOrderMath.tanh(0), 0)
        XCTAssertEqual(FixedOrderMath.tanh(30), 1)
        XCTAssertEqual(FixedOrderMath.softplus(-800), 0, accuracy: 1e-300)
        XCTAssertEqual(FixedOrderMath.softplus(800), 800)
    }

    // MARK: Without hidden layers: the linear models

    /// The largest coefficient difference relative to the largest coefficient, and the intercepts' likewise.
    private func relativeDifference(_ a: ExperimentResult, _ b: ExperimentResult) -> (coefficients: Double, intercept: Double) {
        var worst = 0.0, worstIntercept = 0.0
        for k in a.alphas.indices {
            let scale = max(b.coefficients[k].map(abs).max() ?? 0, 1e-12)
            for j in b.coefficients[k].indices { worst = max(worst, abs(a.coefficients[k][j] - b.coefficients[k][j]) / scale) }
            worstIntercept = max(worstIntercept, abs(a.intercepts[k] - b.intercepts[k]) / max(scale, abs(b.intercepts[k])))
        }
        return (worst, worstIntercept)
    }

    func testWithoutHiddenLayersItReproducesRidgeLassoAndElasticNet() throws {
        let data = try loadDiabetes()
        let alphas = AlphaGrid.explicit([30, 3, 0.3, 0.03, 0.003])
        for (linear, penalty) in [(LeastSquares.ridge, NeuralNetwork.Penalty.l2), (.lasso, .l1),
                                  (.elasticNet(l1Ratio: 0.5), .elasticNet(l1Ratio: 0.5))] {
            let reference = try runExperiment(data, ExperimentSpec(model: linear, alphas: alphas, tolerance: 1e-12))
            let network = try runExperiment(data, ExperimentSpec(model: .mlp(hidden: [], penalty: penalty),
                                                                 alphas: alphas, tolerance: 1e-12))
            XCTAssertEqual(network.warnings, [], "\(penalty)")
            let (coefficients, intercept) = relativeDifference(network, reference)
            XCTAssertLessThan(coefficients, 1e-6, "\(penalty)")
            XCTAssertLessThan(intercept, 1e-6, "\(penalty)")
            XCTAssertEqual(network.nonzeroCounts, reference.nonzeroCounts, "\(penalty): the same exact zeros")
        }
    }

    func testWithoutHiddenLayersItReproducesPenalizedLogisticRegression() throws {
        let (data, _, _) = try standardizedBreastCancerSubset()
        let alphas = AlphaGrid.explicit([0.1, 0.01, 0.001])
        for (linear, penalty) in [(LogisticRegression.Penalty.l2, NeuralNetwork.Penalty.l2), (.l1, .l1),
                                  (.elasticNet(l1Ratio: 0.3), .elasticNet(l1Ratio: 0.3))] {
            let reference = try runExperiment(data, ExperimentSpec(model: .logistic(penalty: linear), alphas: alphas,
                                                                   tolerance: 1e-12))
            let network = try runExperiment(data, ExperimentSpec(model: .mlp(hidden: [], penalty: penalty,
                                                                             task: .binaryClassification),
                                                                 alphas: alphas, tolerance: 1e-12))
            XCTAssertEqual(network.warnings, [], "\(penalty)")
            let (coefficients, intercept) = relativeDifference(network, reference)
            XCTAssertLessThan(coefficients, 1e-6, "\(penalty)")
            XCTAssertLessThan(intercept, 1e-6, "\(penalty)")
        }
    }

    // MARK: Optimality at the reported solution

    private func moons(_ n: Int = 80, noise: Double = 0.2, seed: UInt64 = 1) throws -> Dataset {
        try generate(.moons(n: n, noise: noise, seed: seed)).dataset
    }

    /// ∇ of the mean loss at α index k of `result`, recomputed by the plain reference network on model-scale rows.
    private func referenceGradient(_ result: ExperimentResult, at k: Int, data: Dataset, hidden: [Int],
                                   loss: NetworkLoss) -> (theta: [Double], gradient: [Double], layout: NetworkLayout) {
        let layout = NetworkLayout(inputs: data.featureCount, hidden: hidden)
        let z = result.transform.apply(toExpanded: data)
        let theta = result.coefficients[k] + result.parameters[k] + [result.intercepts[k]]
        let (_, g) = referenceLossAndGradient(theta, layout: layout, activation: .tanh, loss: loss, data: z)
        return (theta, g, layout)
    }

    func testAnL2NetworkStopsWhereTheGradientIsSmall() throws {
        let data = try moons()
        let tolerance = 1e-7
        let result = try runExperiment(data, ExperimentSpec(model: .mlp(hidden: [5, 4], task: .binaryClassification),
                                                            alphas: .explicit([0.03, 0.003]), tolerance: tolerance))
        XCTAssertEqual(result.warnings, [])
        XCTAssertEqual(result.certificateName, "optimality")
        for k in result.alphas.indices {
            let (theta, g, layout) = referenceGradient(result, at: k, data: data, hidden: [5, 4], loss: .logLoss)
            var largest = 0.0
            for j in theta.indices {
                let penalty = j < layout.weightCount ? result.alphas[k] * theta[j] : 0
                largest = max(largest, abs(g[j] + penalty))
            }
            // The reported measure is this gradient's largest entry, at most tolerance × null objective.
            XCTAssertEqual(largest, result.dualityGaps[k], accuracy: 1e-9 * result.nullObjective)
            XCTAssertLessThanOrEqual(largest, tolerance * result.nullObjective * (1 + 1e-6))
            XCTAssertEqual(result.nonzeroCount(at: k), layout.weightCount, "L2 leaves no weight at zero")
        }
    }

    func testAnL1NetworkHasExactZerosAndMeetsTheSubgradientConditions() throws {
        let data = try moons()
        let tolerance = 1e-7
        for (penalty, rho) in [(NeuralNetwork.Penalty.l1, 1.0), (.elasticNet(l1Ratio: 0.5), 0.5)] {
            let result = try runExperiment(data, ExperimentSpec(model: .mlp(hidden: [6], penalty: penalty,
                                                                            task: .binaryClassification),
                                                                alphas: .explicit([0.01, 0.002]), tolerance: tolerance))
            XCTAssertEqual(result.warnings, [], "\(penalty)")
            for k in result.alphas.indices {
                let alpha = result.alphas[k]
                let (theta, g, layout) = referenceGradient(result, at: k, data: data, hidden: [6], loss: .logLoss)
                let zeros = (0..<layout.weightCount).filter { theta[$0] == 0 }
                XCTAssertFalse(zeros.isEmpty, "\(penalty) at \(alpha): weights exactly zero")
                XCTAssertEqual(result.nonzeroCount(at: k), layout.weightCount - zeros.count)
                let slack = tolerance * result.nullObjective * (1 + 1e-6)
                for j in 0..<layout.weightCount {
                    if theta[j] == 0 {
                        // |∂L/∂w| ≤ αρ where w = 0.
                        XCTAssertLessThanOrEqual(abs(g[j]), alpha * rho + slack, "\(penalty) weight \(j)")
                    } else {
                        // ∂L/∂w = −αρ·sign(w) − α(1−ρ)w where w ≠ 0.
                        let sign: Double = theta[j] > 0 ? 1 : -1
                        XCTAssertEqual(g[j], -alpha * rho * sign - alpha * (1 - rho) * theta[j], accuracy: slack,
                                       "\(penalty) weight \(j)")
                    }
                }
                for j in layout.weightCount..<theta.count { XCTAssertEqual(g[j], 0, accuracy: slack, "bias \(j)") }
            }
        }
    }

    // MARK: The path

    func testTheZeroNetworkOfALargeAlphaDoesNotTrapTheSmallerOnes() throws {
        let result = try runExperiment(try moons(), ExperimentSpec(model: .mlp(hidden: [6], penalty: .l1, task: .binaryClassification),
                                                                   alphas: .explicit([10, 0.003])))
        XCTAssertEqual(result.nonzeroCount(at: 0), 0, "at α = 10 every weight is zero")
        XCTAssertGreaterThan(result.nonzeroCount(at: 1), 0, "the smaller α trains from the seeded start too")
        XCTAssertGreaterThan(result.metrics["train_accuracy"]![1], 0.9)
    }

    func testHistoryHasOneEntryPerEpochAndTheValidationLossWithASplit() throws {
        let spec = ExperimentSpec(model: .mlp(hidden: [4], task: .binaryClassification), alphas: .explicit([0.01, 0.001]),
                                  split: HoldoutSplit(test: 0.25, seed: 3), tolerance: 1e-5)
        let result = try runExperiment(try moons(), spec)
        XCTAssertEqual(result.histories.count, 2)
        for (k, h) in result.histories.enumerated() {
            XCTAssertEqual(Double(h.epochs), result.metrics["epochs"]?[k])
            XCTAssertEqual(h.objective.count, h.trainingLoss.count)
            XCTAssertEqual(h.validationLoss?.count, h.trainingLoss.count)
            // The objective never rises by more than rounding; the final training loss is the fit's.
            XCTAssertLessThanOrEqual(h.objective.last!, h.objective.first! + 1e-12)
            XCTAssertEqual(h.trainingLoss.last!, result.metrics["train_log_loss"]![k], accuracy: 1e-9)
            XCTAssertEqual(h.validationLoss!.last!, result.metrics["test_log_loss"]![k], accuracy: 1e-9)
        }
        let csv = try XCTUnwrap(result.historyCSVText()).split(separator: "\n")
        XCTAssertEqual(csv.first, "alpha,epoch,train_loss,objective,validation_loss")
        XCTAssertEqual(csv.count, 1 + result.histories.reduce(0) { $0 + $1.trainingLoss.count })
        let noSplit = try runExperiment(try moons(), ExperimentSpec(model: .mlp(hidden: [4], task: .binaryClassification),
                                                                    alphas: .explicit([0.01]), tolerance: 1e-5))
        XCTAssertNil(noSplit.histories[0].validationLoss)
        XCTAssertEqual(noSplit.historyCSVText()?.split(separator: "\n").first, "alpha,epoch,train_loss,objective")
        XCTAssertNil(try runExperiment(try loadDiabetes(), ExperimentSpec(model: .lasso, alphas: .explicit([1]))).historyCSVText())
    }

    // MARK: The result's CSV

    func testWithoutHiddenLayersTheCSVKeepsTheCoefficientContract() throws {
        let result = try runExperiment(try loadDiabetes(), ExperimentSpec(model: .mlp(hidden: [], penalty: .l1),
                                                                          alphas: .explicit([1, 0.1]),
                                                                          split: HoldoutSplit(test: 0.2, seed: 1)))
        let header = result.csvText().split(separator: "\n")[0].split(separator: ",").map(String.init)
        let features = ["age", "sex", "bmi", "bp", "s1", "s2", "s3", "s4", "s5", "s6"]
        XCTAssertEqual(header, ["alpha"] + features + ["intercept", "train_r2", "test_r2", "train_mse", "test_mse",
                                                        "weight_l1", "weight_l2", "epochs", "nonzero", "optimality"])
    }

    func testWithHiddenLayersTheCSVNamesEveryWeightAndBias() throws {
        let result = try runExperiment(try moons(), ExperimentSpec(model: .mlp(hidden: [3, 2], task: .binaryClassification),
                                                                   alphas: .explicit([0.01]), tolerance: 1e-5))
        let header = result.csvText().split(separator: "\n")[0].split(separator: ",").map(String.init)
        let weights = ["w1_x1_1", "w1_x1_2", "w1_x1_3", "w1_x2_1", "w1_x2_2", "w1_x2_3",
                       "w2_1_1", "w2_1_2", "w2_2_1", "w2_2_2", "w2_3_1", "w2_3_2", "w3_1_out", "w3_2_out"]
        XCTAssertEqual(header, ["alpha"] + weights + ["b1_1", "b1_2", "b1_3", "b2_1", "b2_2", "intercept",
                                                      "train_accuracy", "train_log_loss", "weight_l1", "weight_l2",
                                                      "epochs", "nonzero", "optimality"])
        XCTAssertEqual(result.featureNames, weights)
        let row = result.csvText().split(separator: "\n")[1].split(separator: ",").compactMap { Double($0) }
        XCTAssertEqual(row[header.firstIndex(of: "weight_l1")!], result.coefficients[0].reduce(0) { $0 + abs($1) },
                       accuracy: 1e-12)
        XCTAssertEqual(Int(row[header.firstIndex(of: "nonzero")!]), 14)
    }

    // MARK: Determinism

    func testTheSameFitGivesTheSameBytesOnEveryRunAndThread() throws {
        let data = try moons(60)
        let spec = ExperimentSpec(model: .mlp(hidden: [4, 3], penalty: .elasticNet(l1Ratio: 0.5), seed: 4,
                                              task: .binaryClassification),
                                  alphas: .explicit([0.03, 0.01]), split: HoldoutSplit(test: 0.2, seed: 2), tolerance: 1e-4)
        let reference = try runExperiment(data, spec)
        let expected = reference.csvText() + (reference.historyCSVText() ?? "")
        let outputs = ConcurrentOutputs(count: 4)
        DispatchQueue.concurrentPerform(iterations: 4) { i in
            if let r = try? runExperiment(data, spec) { outputs.set(i, r.csvText() + (r.historyCSVText() ?? "")) }
        }
        for i in 0..<4 { XCTAssertEqual(outputs.values[i], expected, "thread \(i)") }
        var other = spec
        other.family = NeuralNetwork.mlp(hidden: [4, 3], penalty: .elasticNet(l1Ratio: 0.5), seed: 5, task: .binaryClassification)
        XCTAssertNotEqual(try runExperiment(data, other).csvText(), reference.csvText(), "the seed draws other weights")
    }

    /// The inner loops run on AVX-512 or AVX2 where the processor has them and on SSE2 otherwise (CNetworkKernels): a
    /// fit must give the same bytes at every level, or the course would read differently from one machine to the next.
    func testTheSameFitGivesTheSameBytesAtEveryKernelLevel() throws {
        guard docgen_kernel_best_level() != docgen_kernel_baseline else {
            throw XCTSkip("this processor runs only the baseline kernels")
        }
        let data = try moons(90, noise: 0.3, seed: 6)
        defer { _ = docgen_kernel_use_level(docgen_kernel_best_level()) }
        // L1 (proximal quasi-Newton) and L2 (L-BFGS), each with a history; tanh units across several lanes and tails.
        for penalty in [NeuralNetwork.Penalty.l1, .l2] {
            let spec = ExperimentSpec(model: .mlp(hidden: [7, 5], penalty: penalty, seed: 2, task: .binaryClassification),
                                      alphas: .explicit([0.03, 0.003, 0]), split: HoldoutSplit(test: 0.25, seed: 1))
            var texts: [String] = []
            for level in kernelLevelsOfThisProcessor() {
                XCTAssertEqual(docgen_kernel_use_level(level), level)
                let result = try runExperiment(data, spec)
                texts.append(result.csvText() + (result.historyCSVText() ?? ""))
            }
            for k in texts.indices.dropFirst() { XCTAssertEqual(texts[k], texts[0], "\(penalty), level \(k)") }
            if penalty == .l1 { XCTAssertTrue(texts[0].contains(",0,"), "the L1 fit has weights exactly at zero") }
        }
    }

    /// After the first α a network trains twice, from the previous solution and from its seeded start; allowed two
    /// threads, it runs the two at once. The path must be exactly the one the two trainings in turn give: every
    /// parameter's bits, objective, epoch count and history, and which start won.
    func testTrainingBothStartsAtOnceGivesThePathOfTrainingThemInTurn() throws {
        let data = try moons(50, noise: 0.3, seed: 3)
        for penalty in [NeuralNetwork.Penalty.l2, .l1, .elasticNet(l1Ratio: 0.5)] {
            let family = NeuralNetwork.mlp(hidden: [4, 3], penalty: penalty, seed: 2, maxEpochs: 150,
                                           task: .binaryClassification)
            var together = NeuralNetworkPathSolver(family, data, settings: SolverSettings(tolerance: 1e-5, threads: 2),
                                                   validation: data)
            var inTurn = NeuralNetworkPathSolver(family, data, settings: SolverSettings(tolerance: 1e-5), validation: data)
            XCTAssertTrue(together.trainsStartsConcurrently)
            XCTAssertFalse(inTurn.trainsStartsConcurrently)
            for alpha in [0.05, 0.01, 0.002] {
                let a = together.train(alpha: alpha).outcome, b = inTurn.train(alpha: alpha).outcome
                XCTAssertEqual(a.theta.map(\.bitPattern), b.theta.map(\.bitPattern), "\(penalty) at \(alpha)")
                XCTAssertEqual(a.objective.bitPattern, b.objective.bitPattern, "\(penalty) at \(alpha)")
                XCTAssertEqual(a.epochs, b.epochs, "\(penalty) at \(alpha)")
                XCTAssertEqual(a.history, b.history, "\(penalty) at \(alpha)")
            }
        }
        // Minibatch optimizers and networks without hidden layers have one start only.
        let minibatch = NeuralNetwork.mlp(hidden: [5], penalty: .l2, seed: 2, task: .binaryClassification,
                                          optimizer: StochasticOptimizer(method: .adam))
        let two = SolverSettings(threads: 2)
        XCTAssertFalse(NeuralNetworkPathSolver(minibatch, data, settings: two, validation: nil).trainsStartsConcurrently)
        let linear = NeuralNetwork.mlp(hidden: [], penalty: .l2, task: .binaryClassification)
        XCTAssertFalse(NeuralNetworkPathSolver(linear, data, settings: two, validation: nil).trainsStartsConcurrently)
    }

    // MARK: Targets

    func testAZeroOneTargetNeedsTheTaskSaid() throws {
        let data = try moons()
        XCTAssertThrowsError(try runExperiment(data, ExperimentSpec(model: NeuralNetwork(hidden: [2]), alphas: .explicit([1])))) {
            XCTAssertEqual(($0 as? ModelError)?.key, "model")
            XCTAssertTrue(($0 as? ModelError)?.message.contains("task: classification") ?? false)
        }
        let regression = try runExperiment(data, ExperimentSpec(model: .mlp(hidden: [2], task: .regression),
                                                                alphas: .explicit([1]), tolerance: 1e-5))
        XCTAssertEqual(regression.task, .regression)
        var numeric = data
        numeric.y[0] = 0.5
        XCTAssertThrowsError(try runExperiment(numeric, ExperimentSpec(model: .mlp(hidden: [2], task: .binaryClassification),
                                                                       alphas: .explicit([1])))) {
            XCTAssertEqual(($0 as? ModelError)?.key, "task")
        }
    }
}

/// Texts written by concurrent fits, one slot each.
private final class ConcurrentOutputs: @unchecked Sendable {
    // @unchecked: `values` is only touched under `lock`.
    private let lock = NSLock()
    private var stored: [String]
    init(count: Int) { stored = [String](repeating: "", count: count) }
    func set(_ i: Int, _ text: String) { lock.lock(); stored[i] = text; lock.unlock() }
    var values: [String] { lock.lock(); defer { lock.unlock() }; return stored }
}
