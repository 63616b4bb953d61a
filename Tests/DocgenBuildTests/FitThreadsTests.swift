@testable import DocgenBuild
import DocgenModels
import XCTest

/// How many threads one fit may use: all the build's workers when it is the only experiment to fit (the others come
/// from the cache), one when several are, and the numbers are the same either way.
final class FitThreadsTests: XCTestCase {
    func testALoneFitGetsTheBuildsJobsAndFitsSideBySideGetOneEach() {
        XCTAssertEqual(ComputeStage.threadsPerFit(toFit: 1, jobs: 2), 2)
        XCTAssertEqual(ComputeStage.threadsPerFit(toFit: 1, jobs: 1), 1)
        XCTAssertEqual(ComputeStage.threadsPerFit(toFit: 1, jobs: 0), 1)
        XCTAssertEqual(ComputeStage.threadsPerFit(toFit: 2, jobs: 2), 1)
        XCTAssertEqual(ComputeStage.threadsPerFit(toFit: 112, jobs: 2), 1)
        XCTAssertEqual(ComputeStage.threadsPerFit(toFit: 0, jobs: 2), 1)
    }

    func testANetworkFitsToTheSameBytesOnOneThreadOrTwo() throws {
        let data = try generate(.moons(n: 50, noise: 0.25, seed: 4)).dataset
        for penalty in [NeuralNetwork.Penalty.l2, .l1] {
            var spec = ExperimentSpec(model: .mlp(hidden: [4, 3], penalty: penalty, seed: 1, maxEpochs: 150,
                                                    task: .binaryClassification),
                                      alphas: .explicit([0.05, 0.01, 0.002]), split: HoldoutSplit(test: 0.25, seed: 2),
                                      tolerance: 1e-4)
            let one = try runExperiment(data, spec)
            spec.threads = 2
            let two = try runExperiment(data, spec)
            XCTAssertEqual(two.csvText(), one.csvText(), "\(penalty)")
            XCTAssertEqual(two.historyCSVText(), one.historyCSVText(), "\(penalty)")
        }
    }
}
