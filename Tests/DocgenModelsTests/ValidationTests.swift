import Foundation
import XCTest
@testable import DocgenModels

final class ValidationTests: XCTestCase {
    func testCrossValidationMeansAreTheAverageHeldOutMSEOfSeparateFits() throws {
        let data = try Dataset.load(csvPath: diabetesPath, target: "progression", features: ["bmi", "s5", "bp", "s3"])
        let alphas = [20.0, 5, 1, 0.1]
        let folds = 4
        let result = try runExperiment(data, ExperimentSpec(model: .lasso, alphas: .explicit(alphas),
                                                            cv: CrossValidation(folds: folds, seed: 3), tolerance: 1e-12))
        // Rebuild the folds as documented: seeded permutation dealt round-robin.
        var rng = SeededGenerator(seed: 3)
        let perm = rng.permutation(data.rowCount)
        var foldOf = [Int](repeating: 0, count: data.rowCount)
        for (position, row) in perm.enumerated() { foldOf[row] = position % folds }
        var errors = [[Double]](repeating: [], count: alphas.count)
        for f in 0..<folds {
            let train = data.selectingRows((0..<data.rowCount).filter { foldOf[$0] != f })
            let heldRows = (0..<data.rowCount).filter { foldOf[$0] == f }
            let fit = try runExperiment(train, ExperimentSpec(model: .lasso, alphas: .explicit(alphas), tolerance: 1e-12))
            for k in alphas.indices {
                let mse = heldRows.reduce(0.0) { sum, i in
                    let e = data.y[i] - fit.predict(raw: data.row(i), alphaIndex: k)
                    return sum + e * e
                } / Double(heldRows.count)
                errors[k].append(mse)
            }
        }
        let mean = try XCTUnwrap(result.metric("cv_mean")), se = try XCTUnwrap(result.metric("cv_se"))
        for k in alphas.indices {
            let m = errors[k].reduce(0, +) / Double(folds)
            let sd = (errors[k].reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(folds - 1)).squareRoot()
            XCTAssertEqual(mean[k], m, accuracy: 1e-6 * m)
            XCTAssertEqual(se[k], sd / Double(folds).squareRoot(), accuracy: 1e-6 * m)
        }
        // alpha_min has the smallest mean; alpha_1se is the largest α within one SE of it.
        let minIndex = try XCTUnwrap(result.alphaMinIndex)
        XCTAssertEqual(mean[minIndex], mean.min())
        let bound = mean[minIndex] + se[minIndex]
        let expected1SE = alphas.indices.filter { mean[$0] <= bound }.max { alphas[$0] < alphas[$1] }
        XCTAssertEqual(result.alpha1SEIndex, expected1SE)
        XCTAssertGreaterThanOrEqual(result.alpha1SE ?? 0, result.alphaMin ?? .infinity)
    }

    func testHoldoutSplitFitsOnTrainingRowsAndScoresBothParts() throws {
        let data = try loadDiabetes()
        let result = try runExperiment(data, ExperimentSpec(model: .ridge, alphas: .explicit([1, 0.01]),
                                                            split: HoldoutSplit(test: 0.2, seed: 42)))
        XCTAssertEqual(result.testCount, 88)        // round(0.2 × 442)
        XCTAssertEqual(result.trainCount, 354)
        var rng = SeededGenerator(seed: 42)
        let perm = rng.permutation(442)
        let testRows = Array(perm[0..<88]), trainRows = Array(perm[88...])
        for (rows, prefix) in [(testRows, "test"), (trainRows, "train")] {
            let predictions = rows.map { result.predict(raw: data.row($0), alphaIndex: 1) }
            let y = rows.map { data.y[$0] }
            XCTAssertEqual(result.metric(prefix + "_mse")?[1] ?? 0, meanSquaredError(y, predictions), accuracy: 1e-9)
            XCTAssertEqual(result.metric(prefix + "_r2")?[1] ?? 0, rSquared(y, predictions), accuracy: 1e-12)
        }
        // The training fit is the fit of the training rows alone.
        let alone = try runExperiment(data.selectingRows(trainRows.sorted()),
                                      ExperimentSpec(model: .ridge, alphas: .explicit([1, 0.01])))
        for j in 0..<10 { XCTAssertEqual(result.coefficients[1][j], alone.coefficients[1][j], accuracy: 1e-9) }
        // The best α is the best test R², ties to the larger α (the simpler model).
        XCTAssertEqual(result.bestIndex, result.metric("test_r2")![0] >= result.metric("test_r2")![1] ? 0 : 1)
    }

    func testMetricsMatchHandComputedValues() {
        XCTAssertEqual(rSquared([1, 2, 3], [1, 2, 4]), 1 - 1.0 / 2.0, accuracy: 1e-15)
        XCTAssertEqual(meanSquaredError([1, 2, 3], [1, 2, 4]), 1.0 / 3.0, accuracy: 1e-15)
        XCTAssertEqual(accuracy([1, 0, 1, 0], probabilities: [0.9, 0.4, 0.2, 0.6]), 0.5)
        XCTAssertEqual(logLoss([1, 0], probabilities: [0.8, 0.25]), -(log(0.8) + log(0.75)) / 2, accuracy: 1e-15)
    }

    func testConcurrentExperimentsGiveTheSameResultsAsSerialOnes() throws {
        let data = try loadDiabetes()
        let specs = [ExperimentSpec(model: .lasso, cv: CrossValidation(folds: 5, seed: 1)),
                     ExperimentSpec(model: .ridge, alphas: .logspace(start: -2, stop: 2, count: 20)),
                     ExperimentSpec(model: .elasticNet(l1Ratio: 0.3), split: HoldoutSplit(test: 0.3, seed: 5)),
                     ExperimentSpec(model: .ols)]
        let serial = try specs.map { try runExperiment(data, $0).csvText() }
        let box = ResultBox(count: specs.count)
        DispatchQueue.concurrentPerform(iterations: specs.count * 2) { i in
            box.set(i % specs.count, (try? runExperiment(data, specs[i % specs.count]).csvText()) ?? "failed")
        }
        XCTAssertEqual(box.values, serial)
    }
}

/// Thread-safe slots for the concurrency test.
private final class ResultBox: @unchecked Sendable {
    private let lock = NSLock()
    private var storage: [String]
    init(count: Int) { storage = [String](repeating: "", count: count) }
    func set(_ i: Int, _ value: String) { lock.lock(); storage[i] = value; lock.unlock() }
    var values: [String] { lock.lock(); defer { lock.unlock() }; return storage }
}

final class LogisticValidationTests: XCTestCase {
    func testLogisticCrossValidationUsesHeldOutLogLossAndNamesClassificationColumns() throws {
        let data = try Dataset.load(csvPath: breastCancerPath, target: "malignant",
                                    features: ["worst_radius", "worst_texture", "worst_concave_points"])
        let alphas = [0.1, 0.01]
        let result = try runExperiment(data, ExperimentSpec(model: .logistic(penalty: .l1), alphas: .explicit(alphas),
                                                            split: HoldoutSplit(test: 0.25, seed: 2),
                                                            cv: CrossValidation(folds: 3, seed: 4), tolerance: 1e-10))
        XCTAssertEqual(result.metricNames, ["train_accuracy", "test_accuracy", "train_log_loss", "test_log_loss",
                                            "cv_mean", "cv_se"])
        XCTAssertEqual(result.task.validationError, .logLoss)
        // Rebuild fold 0..2 log-losses from separate fits on the training part.
        var rng = SeededGenerator(seed: 2)
        let perm = rng.permutation(data.rowCount)
        let nTest = Int((0.25 * Double(data.rowCount)).rounded())
        let train = data.selectingRows(Array(perm[nTest...]).sorted())
        var foldRng = SeededGenerator(seed: 4)
        let foldPerm = foldRng.permutation(train.rowCount)
        var foldOf = [Int](repeating: 0, count: train.rowCount)
        for (position, row) in foldPerm.enumerated() { foldOf[row] = position % 3 }
        var losses = [Double](repeating: 0, count: alphas.count)
        for f in 0..<3 {
            let fit = try runExperiment(train.selectingRows((0..<train.rowCount).filter { foldOf[$0] != f }),
                                        ExperimentSpec(model: .logistic(penalty: .l1), alphas: .explicit(alphas),
                                                       tolerance: 1e-10))
            let held = (0..<train.rowCount).filter { foldOf[$0] == f }
            for k in alphas.indices {
                let probabilities = held.map { fit.predict(raw: train.row($0), alphaIndex: k) }
                losses[k] += logLoss(held.map { train.y[$0] }, probabilities: probabilities) / 3
            }
        }
        for k in alphas.indices { XCTAssertEqual(result.metric("cv_mean")![k], losses[k], accuracy: 1e-7) }
        XCTAssertEqual(result.trainCount, train.rowCount)
    }
}
