@testable import DocgenBuild
import DocgenModels
import Foundation
import XCTest

/// A network's result survives the cache whole: its certificate's name, hidden biases and per-epoch histories, so a
/// cached build publishes the same CSV files and draws the same figures as a fresh one.
final class NetworkCacheRecordTests: XCTestCase {
    func testANetworkResultReadsBackWithItsBiasesAndHistories() throws {
        let data = try generate(.moons(n: 40, noise: 0.2, seed: 1)).dataset
        let spec = ExperimentSpec(model: .mlp(hidden: [3], task: .binaryClassification), alphas: .explicit([0.1, 0.01]),
                                  split: HoldoutSplit(test: 0.25, seed: 2), tolerance: 1e-4)
        let result = try runExperiment(data, spec)
        XCTAssertEqual(result.parameterNames, ["b1_1", "b1_2", "b1_3"])
        XCTAssertEqual(result.histories.count, 2)
        let stored = CachedExperiment(result: result, csv: result.csvText(), warnings: [], historyCSV: result.historyCSVText())
        let decoded = try XCTUnwrap(CachedExperiment(encoded: stored.encoded()))
        XCTAssertEqual(decoded.result, result)
        XCTAssertEqual(decoded.result.historyCSVText(), result.historyCSVText())
        // The published history text is kept with the fit rather than formatted again on every cached build.
        XCTAssertEqual(decoded.historyCSV, result.historyCSVText())
        XCTAssertEqual(decoded.historyCSV?.split(separator: "\n").count, 1 + result.histories.map(\.trainingLoss.count).reduce(0, +))
        XCTAssertEqual(decoded.result.csvText(), result.csvText())
    }

    func testALinearResultStillReadsBackWithoutNetworkParts() throws {
        let result = try runExperiment(try generate(.curve(n: 20, noise: 0.1, seed: 1)).dataset,
                                       ExperimentSpec(model: .ridge, alphas: .explicit([1])))
        let decoded = try XCTUnwrap(CachedExperiment(encoded: CachedExperiment(result: result, csv: "", warnings: []).encoded()))
        XCTAssertEqual(decoded.result, result)
        XCTAssertEqual(decoded.result.certificateName, "duality_gap")
        XCTAssertEqual(decoded.result.histories, [])
        XCTAssertNil(decoded.historyCSV)
    }
}
