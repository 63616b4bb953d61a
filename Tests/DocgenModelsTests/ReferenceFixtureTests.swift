import Foundation
import XCTest
@testable import DocgenModels

/// Agreement with scikit-learn solutions committed in Fixtures/ (made by Fixtures/make_fixtures.py).
final class ReferenceFixtureTests: XCTestCase {
    private struct Reference {
        var features: [String]
        var alphas: [Double]
        var coefficients: [[Double]]
        var intercepts: [Double]
    }

    private func reference(_ name: String) throws -> Reference {
        let text = try String(contentsOf: fixturesDirectory.appendingPathComponent(name), encoding: .utf8)
        let lines = text.split(separator: "\n").map(String.init).filter { !$0.hasPrefix("#") && !$0.isEmpty }
        let header = lines[0].split(separator: ",").map(String.init)
        var ref = Reference(features: Array(header.dropFirst().dropLast()), alphas: [], coefficients: [], intercepts: [])
        for line in lines.dropFirst() {
            let values = line.split(separator: ",").compactMap { Double($0) }
            XCTAssertEqual(values.count, header.count)
            ref.alphas.append(values[0])
            ref.coefficients.append(Array(values[1..<(values.count - 1)]))
            ref.intercepts.append(values[values.count - 1])
        }
        return ref
    }

    /// Coefficients and intercept agree to 1e-6 relative to the largest reference coefficient at each α.
    private func assertAgrees(_ result: ExperimentResult, _ ref: Reference, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(result.featureNames, ref.features, file: file, line: line)
        XCTAssertEqual(result.alphas, ref.alphas, file: file, line: line)
        for k in ref.alphas.indices {
            let scale = max(ref.coefficients[k].map(abs).max() ?? 0, 1e-8)
            for j in ref.features.indices {
                XCTAssertEqual(result.coefficients[k][j], ref.coefficients[k][j], accuracy: 1e-6 * scale,
                               "alpha \(ref.alphas[k]) feature \(ref.features[j])", file: file, line: line)
            }
            XCTAssertEqual(result.intercepts[k], ref.intercepts[k], accuracy: 1e-6 * max(scale, abs(ref.intercepts[k])),
                           "intercept at alpha \(ref.alphas[k])", file: file, line: line)
        }
    }

    func testDiabetesLassoPathMatchesScikitLearn() throws {
        let ref = try reference("diabetes_lasso.csv")
        let result = try runExperiment(try loadDiabetes(), ExperimentSpec(model: .lasso, alphas: .explicit(ref.alphas),
                                                                          tolerance: 1e-12))
        assertAgrees(result, ref)
    }

    func testDiabetesElasticNetPathMatchesScikitLearn() throws {
        let ref = try reference("diabetes_enet05.csv")
        let result = try runExperiment(try loadDiabetes(), ExperimentSpec(model: .elasticNet(l1Ratio: 0.5),
                                                                          alphas: .explicit(ref.alphas), tolerance: 1e-12))
        assertAgrees(result, ref)
    }

    func testDiabetesRidgeMatchesScikitLearnCholesky() throws {
        let ref = try reference("diabetes_ridge.csv")
        let result = try runExperiment(try loadDiabetes(), ExperimentSpec(model: .ridge, alphas: .explicit(ref.alphas)))
        assertAgrees(result, ref)
    }

    func testBreastCancerLogisticMatchesScikitLearnForEachPenalty() throws {
        let data = try Dataset.load(csvPath: breastCancerPath, target: "malignant")
        for (file, penalty) in [("breast_cancer_logistic_l2.csv", LogisticRegression.Penalty.l2),
                                ("breast_cancer_logistic_l1.csv", .l1),
                                ("breast_cancer_logistic_enet05.csv", .elasticNet(l1Ratio: 0.5))] {
            let ref = try reference(file)
            let result = try runExperiment(data, ExperimentSpec(model: .logistic(penalty: penalty),
                                                                alphas: .explicit(ref.alphas), tolerance: 1e-15))
            XCTAssertTrue(result.warnings.isEmpty, "\(file): \(result.warnings)")
            assertAgrees(result, ref)
        }
    }
}
