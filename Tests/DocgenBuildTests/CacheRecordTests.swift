@testable import DocgenBuild
import Foundation
import XCTest

/// The binary cache form of experiments: exact round trips, and damaged files read as misses.
final class CacheRecordTests: XCTestCase {
    private func sample() -> CachedExperiment {
        let numbers = ExperimentNumbers(
            id: "lasso-α", featureNames: ["age", "bmi", "s5 (log)"], alphas: [10, 1, 0.1],
            coefficients: [[0, 0, 0], [0, 1.5, -0.0], [0.1, 2.25, Double.leastNonzeroMagnitude]],
            intercepts: [152.1, 151.9, -.infinity], metrics: ["test_r2": [0.1, 0.4, .nan], "cv_mean": [1, 2, 3]],
            alphaMin: 1, alpha1SE: nil, alphaMax: 20.5, n: 442, nTrain: 331, nTest: nil,
            entryOrder: ["bmi", "age"], isClassification: false, csv: "alpha,age\n10,0\n")
        return CachedExperiment(numbers: numbers, warnings: [
            StoredDiagnostic(severity: "warning", message: "did not converge — 1000 iterations", line: 12, column: nil),
        ])
    }

    func testEncodedExperimentReadsBackFieldForFieldIncludingNaNAndSignedZero() throws {
        let original = sample()
        let decoded = try XCTUnwrap(CachedExperiment(encoded: original.encoded()))
        let a = original.numbers, b = decoded.numbers
        XCTAssertEqual(a.id, b.id)
        XCTAssertEqual(a.featureNames, b.featureNames)
        XCTAssertEqual(a.alphas, b.alphas)
        XCTAssertEqual(a.coefficients.flatMap { $0 }.map(\.bitPattern), b.coefficients.flatMap { $0 }.map(\.bitPattern))
        XCTAssertEqual(a.intercepts, b.intercepts)
        XCTAssertEqual(Set(a.metrics.keys), Set(b.metrics.keys))
        for (name, column) in a.metrics {
            XCTAssertEqual(column.map(\.bitPattern), b.metrics[name]?.map(\.bitPattern), name)
        }
        XCTAssertEqual(a.alphaMin, b.alphaMin)
        XCTAssertNil(b.alpha1SE)
        XCTAssertEqual(a.alphaMax, b.alphaMax)
        XCTAssertEqual(a.n, b.n)
        XCTAssertEqual(a.nTrain, b.nTrain)
        XCTAssertNil(b.nTest)
        XCTAssertEqual(a.entryOrder, b.entryOrder)
        XCTAssertEqual(a.isClassification, b.isClassification)
        XCTAssertEqual(a.csv, b.csv)
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
        huge.int(Int.max)  // an id claiming more bytes than the file has
        XCTAssertNil(CachedExperiment(encoded: huge.data))
    }

    /// A field added to `ExperimentNumbers` must be added to the cache record too, or cached
    /// builds would silently lose it; this list is the record's field order.
    func testRecordCoversEveryStoredPropertyOfExperimentNumbers() {
        let labels = Mirror(reflecting: sample().numbers).children.compactMap(\.label)
        XCTAssertEqual(labels, ["id", "featureNames", "alphas", "coefficients", "intercepts", "metrics", "alphaMin",
                                "alpha1SE", "alphaMax", "n", "nTrain", "nTest", "entryOrder", "isClassification", "csv"])
    }

    func testRecordWithoutNaNRoundTripsToAnEqualValue() throws {
        var original = sample()
        original.numbers.metrics["test_r2"] = [0.1, 0.4, 0.5]
        XCTAssertEqual(try XCTUnwrap(CachedExperiment(encoded: original.encoded())).numbers, original.numbers)
    }
}
