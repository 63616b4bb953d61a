@testable import DocgenBuild
import DocgenModels
import Foundation
import XCTest

/// The binary cache form of experiments: exact round trips, and damaged files read as misses.
final class CacheRecordTests: XCTestCase {
    private func sample() -> CachedExperiment {
        let result = ExperimentResult(
            modelName: "lasso", modelDisplayName: "lasso", task: .regression, featureNames: ["age", "bmi", "s5 (log)"],
            targetName: "progression", standardized: true, alphas: [10, 1, 0.1],
            coefficients: [[0, 0, 0], [0, 1.5, -0.0], [0.1, 2.25, Double.leastNonzeroMagnitude]],
            intercepts: [152.1, 151.9, -.infinity], dualityGaps: [0, 1e-9, 2e-8], nullObjective: 2900, alphaMax: 20.5,
            metrics: ["test_r2": [0.1, 0.4, .nan], "cv_mean": [1, 2, 3]], metricNames: ["test_r2", "cv_mean"],
            alphaMinIndex: 1, alpha1SEIndex: nil, entryOrder: ["bmi", "age"],
            transform: FeatureTransform(polynomialDegree: 3, featureNames: ["age", "bmi", "s5 (log)"], shifts: [1, 2, 3],
                                        scales: [0.5, 1, 2], isConstant: [false, true, false]),
            rowCount: 442, trainCount: 331, testCount: 111)
        return CachedExperiment(result: result, csv: "alpha,age\n10,0\n", warnings: [
            StoredDiagnostic(severity: "warning", message: "did not converge — 1000 iterations", line: 12, column: nil),
        ])
    }

    func testEncodedExperimentReadsBackFieldForFieldIncludingNaNAndSignedZero() throws {
        let original = sample()
        let decoded = try XCTUnwrap(CachedExperiment(encoded: original.encoded()))
        let a = original.result, b = decoded.result
        XCTAssertEqual(a.coefficients.flatMap { $0 }.map(\.bitPattern), b.coefficients.flatMap { $0 }.map(\.bitPattern))
        XCTAssertEqual(a.intercepts, b.intercepts)
        XCTAssertEqual(Set(a.metrics.keys), Set(b.metrics.keys))
        for (name, column) in a.metrics {
            XCTAssertEqual(column.map(\.bitPattern), b.metrics[name]?.map(\.bitPattern), name)
        }
        var withoutNaN = a, decodedWithoutNaN = b
        withoutNaN.metrics["test_r2"] = nil
        decodedWithoutNaN.metrics["test_r2"] = nil
        XCTAssertEqual(withoutNaN, decodedWithoutNaN)
        XCTAssertNil(b.alpha1SEIndex)
        XCTAssertEqual(original.csv, decoded.csv)
        XCTAssertEqual(decoded.warnings.count, 1)
        XCTAssertEqual(decoded.warnings.first?.message, "did not converge — 1000 iterations")
        XCTAssertEqual(decoded.warnings.first?.line, 12)
        XCTAssertNil(decoded.warnings.first?.column)
    }

    func testEveryTruncationOfARecordIsRejected() {
        let bytes = sample().encoded()
        for length in stride(from: 0, to: bytes.count, by: 7) {
            XCTAssertNil(CachedExperiment(encoded: bytes.prefix(length)), "accepted \(length) of \(bytes.count) bytes")
        }
        XCTAssertNil(CachedExperiment(encoded: bytes + Data([0])), "accepted trailing bytes")
    }

    func testARecordOfAnotherFormatIsRejected() {
        XCTAssertNil(CachedExperiment(encoded: Data("{\"numbers\": {}}".utf8)))
        var huge = BinaryRecordWriter(magic: CachedExperiment.magic)
        huge.int(Int.max)  // a string claiming more bytes than the file has
        XCTAssertNil(CachedExperiment(encoded: huge.data))
    }

    /// A field added to `ExperimentResult` must be added to the cache record too, or cached builds would silently
    /// lose it; this list is the record's field order. (Warnings travel as diagnostics, not in the result.)
    func testRecordCoversEveryStoredPropertyOfExperimentResult() {
        let labels = Mirror(reflecting: sample().result).children.compactMap(\.label)
        XCTAssertEqual(labels, ["modelName", "modelDisplayName", "task", "featureNames", "targetName", "standardized",
                                "alphas", "coefficients", "intercepts", "dualityGaps", "nullObjective", "alphaMax",
                                "metrics", "metricNames", "alphaMinIndex", "alpha1SEIndex", "entryOrder", "transform",
                                "rowCount", "trainCount", "testCount", "penaltyParameter", "penaltyValues", "warnings",
                                "certificateName", "parameterNames", "parameters", "histories"])
    }

    /// The author's penalty parameter and the reproduce script's tables survive the cache, so a cached build ships
    /// the same `sklearn_alpha`/`C` column and the same `-input.csv` and `-split.csv` files as a fresh one.
    func testPenaltyParameterAndReproductionTablesRoundTrip() throws {
        var original = sample()
        original.result.penaltyParameter = PenaltyParameter(key: "C", column: "C", axisName: "C (scikit-learn)",
                                                            symbol: "C", scale: .inverseOfRowsTimesAlpha)
        original.result.penaltyValues = [0.001, 0.01, 0.1]
        original.tables = ReproductionTables(input: "a,y\n1,2\n", split: "row,part\n0,train\n")
        let decoded = try XCTUnwrap(CachedExperiment(encoded: original.encoded()))
        XCTAssertEqual(decoded.result.penaltyParameter, original.result.penaltyParameter)
        XCTAssertEqual(decoded.result.penaltyValues, original.result.penaltyValues)
        XCTAssertEqual(decoded.tables, original.tables)
        original.tables = ReproductionTables(input: "a,y\n1,2\n", split: nil)
        XCTAssertEqual(try XCTUnwrap(CachedExperiment(encoded: original.encoded())).tables, original.tables)
        // A data file that is its own input table: no text, and the tables still there.
        original.tables = ReproductionTables(input: "", split: "row,fold\n0,1\n", inputIsDataFile: true)
        XCTAssertEqual(try XCTUnwrap(CachedExperiment(encoded: original.encoded())).tables, original.tables)
        original.tables = nil
        XCTAssertNil(try XCTUnwrap(CachedExperiment(encoded: original.encoded())).tables)
    }

    func testRecordWithoutNaNRoundTripsToAnEqualValue() throws {
        var original = sample()
        original.result.metrics["test_r2"] = [0.1, 0.4, 0.5]
        XCTAssertEqual(try XCTUnwrap(CachedExperiment(encoded: original.encoded())).result, original.result)
    }
}
