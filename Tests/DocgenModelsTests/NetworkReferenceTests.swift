import Foundation
import XCTest
@testable import DocgenModels

/// Networks without hidden layers against the scikit-learn solutions in Fixtures/ (computed at tol 1e-14 by
/// Fixtures/make_fixtures.py for ridge, lasso, elastic net and logistic regression): the network's own solvers,
/// on the same objective and standardization, land on the same coefficients.
final class NetworkReferenceTests: XCTestCase {
    private struct Reference {
        var features: [String]
        var alphas: [Double]
        var coefficients: [[Double]]
        var intercepts: [Double]
    }

    /// A fixture: a comment line, a header (alpha, features…, intercept), one row per α.
    private func reference(_ name: String) throws -> Reference {
        let text = try String(contentsOf: fixturesDirectory.appendingPathComponent(name), encoding: .utf8)
        let lines = text.split(separator: "\n").filter { !$0.hasPrefix("#") }
        let header = lines[0].split(separator: ",").map(String.init)
        var ref = Reference(features: Array(header.dropFirst().dropLast()), alphas: [], coefficients: [], intercepts: [])
        for line in lines.dropFirst() {
            let values = line.split(separator: ",").compactMap { Double($0) }
            ref.alphas.append(values[0])
            ref.coefficients.append(Array(values[1..<(values.count - 1)]))
            ref.intercepts.append(values[values.count - 1])
        }
        return ref
    }

    /// Every coefficient and the intercept within 1e-6 of the largest reference coefficient at each α.
    private func assertAgrees(_ result: ExperimentResult, _ ref: Reference, _ label: String,
                              file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(result.featureNames, ref.features, label, file: file, line: line)
        for k in ref.alphas.indices {
            let scale = max(ref.coefficients[k].map(abs).max() ?? 0, 1e-8)
            for j in ref.features.indices {
                XCTAssertEqual(result.coefficients[k][j], ref.coefficients[k][j], accuracy: 1e-6 * scale,
                               "\(label) alpha \(ref.alphas[k]) \(ref.features[j])", file: file, line: line)
            }
            XCTAssertEqual(result.intercepts[k], ref.intercepts[k], accuracy: 1e-6 * max(scale, abs(ref.intercepts[k])),
                           "\(label) intercept at alpha \(ref.alphas[k])", file: file, line: line)
        }
    }

    func testDiabetesRidgeLassoAndElasticNetAsNetworksMatchScikitLearn() throws {
        let data = try loadDiabetes()
        for (file, penalty) in [("diabetes_ridge.csv", NeuralNetwork.Penalty.l2), ("diabetes_lasso.csv", .l1),
                                ("diabetes_enet05.csv", .elasticNet(l1Ratio: 0.5))] {
            let ref = try reference(file)
            let result = try runExperiment(data, ExperimentSpec(model: .mlp(hidden: [], penalty: penalty),
                                                                alphas: .explicit(ref.alphas), tolerance: 1e-14))
            assertAgrees(result, ref, file)
        }
    }

    func testBreastCancerLogisticRegressionAsANetworkMatchesScikitLearn() throws {
        let data = try Dataset.load(csvPath: breastCancerPath, target: "malignant")
        for (file, penalty) in [("breast_cancer_logistic_l2.csv", NeuralNetwork.Penalty.l2),
                                ("breast_cancer_logistic_l1.csv", .l1),
                                ("breast_cancer_logistic_enet05.csv", .elasticNet(l1Ratio: 0.5))] {
            let ref = try reference(file)
            let result = try runExperiment(data, ExperimentSpec(model: .mlp(hidden: [], penalty: penalty,
                                                                            task: .binaryClassification),
                                                                alphas: .explicit(ref.alphas), tolerance: 1e-14))
            assertAgrees(result, ref, file)
        }
    }
}
