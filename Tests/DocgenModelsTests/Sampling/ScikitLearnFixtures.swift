import Foundation
import XCTest
import DocgenModels

/// Reference draws and index sets made by numpy and scikit-learn (Fixtures/sklearn/make_sklearn_fixtures.py; the
/// versions are in each file's first line). JSON-lines files: one record per line, lines starting with `#` skipped.
enum ScikitLearnFixtures {
    static let directory = fixturesDirectory.appendingPathComponent("sklearn")

    /// The non-comment lines of a fixture file.
    static func lines(_ name: String) throws -> [String] {
        let text = try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
        return text.split(separator: "\n").map(String.init).filter { !$0.hasPrefix("#") && !$0.isEmpty }
    }

    /// Each line of a JSON-lines fixture decoded as `Record`; lines that do not decode (a file's header record of
    /// another shape) are skipped only when `skippingOthers` is set.
    static func records<Record: Decodable>(_ name: String, as type: Record.Type = Record.self,
                                            skippingOthers: Bool = false) throws -> [Record] {
        let decoder = JSONDecoder()
        return try lines(name).compactMap { line in
            do {
                return try decoder.decode(Record.self, from: Data(line.utf8))
            } catch where skippingOthers {
                return nil
            }
        }
    }

    /// `RandomState(seed)`'s first 2000 raw outputs and first 20 `random_sample()` values.
    struct Stream: Decodable {
        var seed: UInt32
        var uint32: [UInt32]
        var random_sample: [Double]
    }

    /// `RandomState(seed).permutation(n)`, then `random_sample(2)` from the same state.
    struct Permutation: Decodable {
        var n: Int
        var seed: UInt32
        var permutation: [Int]
        var random_sample_after: [Double]
    }

    /// `train_test_split(arange(n), test_size=test_size, random_state=seed)`: rows in returned order.
    struct TrainTestSplit: Decodable {
        var n: Int
        var test_size: Double
        var seed: UInt64
        var train: [Int]
        var test: [Int]
    }

    /// One `KFold` configuration: the test rows of each fold, or scikit-learn's error.
    struct KFold: Decodable {
        var n: Int
        var folds: Int
        var seed: UInt64?
        var test: [[Int]]?
        var error: String?
    }

    /// The label vectors the stratified records refer to by name (the first record of stratified_kfold.jsonl).
    struct LabelSets: Decodable {
        struct Named: Decodable {
            var name: String
            var values: [Label]
        }
        var label_sets: [Named]
    }

    /// A label as written by the script: a whole number or a string.
    enum Label: Decodable, Hashable {
        case number(Int), text(String)
        init(from decoder: Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let n = try? container.decode(Int.self) { self = .number(n) } else { self = .text(try container.decode(String.self)) }
        }
    }

    /// One `StratifiedKFold` configuration: the test rows of each fold and scikit-learn's warning, or its error.
    struct StratifiedKFold: Decodable {
        var labels: String
        var folds: Int
        var seed: UInt64?
        var test: [[Int]]?
        var error: String?
        var warning: String?
    }
}

/// Asserts that `body` throws a `ModelError` for option `key`.
func assertThrowsModelError<T>(key: String, _ body: @autoclosure () throws -> T, _ message: String = "",
                               file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertThrowsError(try body(), message, file: file, line: line) { error in
        XCTAssertEqual((error as? ModelError)?.key, key, "\(message): \(error)", file: file, line: line)
    }
}
