import DocgenModels
import XCTest

/// `ScikitLearn.kFold` against `KFold` with and without shuffling (Fixtures/sklearn/kfold.jsonl), and the
/// properties every k-fold split has.
final class ScikitLearnKFoldTests: XCTestCase {
    func testFoldsMatchScikitLearnWithAndWithoutShuffling() throws {
        let references = try ScikitLearnFixtures.records("kfold.jsonl", as: ScikitLearnFixtures.KFold.self)
        XCTAssertTrue(references.contains { $0.seed == nil && $0.test != nil })
        XCTAssertTrue(references.contains { $0.seed != nil && $0.test != nil })
        for reference in references {
            let label = "n \(reference.n) folds \(reference.folds) seed \(reference.seed.map(String.init) ?? "none")"
            guard let tests = reference.test else {
                assertThrowsModelError(key: "cv", try ScikitLearn.kFold(rowCount: reference.n, folds: reference.folds,
                                                                        shuffleSeed: reference.seed), label)
                continue
            }
            let splits = try ScikitLearn.kFold(rowCount: reference.n, folds: reference.folds, shuffleSeed: reference.seed)
            XCTAssertEqual(splits.map(\.test), tests, label)
            for split in splits {
                XCTAssertEqual(split.train, complement(of: split.test, rowCount: reference.n), label)
            }
        }
    }

    func testWithoutSeedFoldsAreContiguousAndTheFirstRemainderFoldsAreLarger() throws {
        let splits = try ScikitLearn.kFold(rowCount: 11, folds: 3)
        XCTAssertEqual(splits.map(\.test), [Array(0..<4), Array(4..<8), Array(8..<11)])
    }

    func testEveryRowIsHeldOutExactlyOnceAndFoldSizesDifferByAtMostOne() throws {
        for (n, k, seed) in [(10, 3, nil), (442, 5, 0), (569, 10, 42), (7, 7, 1)] as [(Int, Int, UInt64?)] {
            let splits = try ScikitLearn.kFold(rowCount: n, folds: k, shuffleSeed: seed)
            XCTAssertEqual(splits.count, k)
            XCTAssertEqual(splits.flatMap(\.test).sorted(), Array(0..<n))
            XCTAssertEqual(splits.map(\.test.count), (0..<k).map { n / k + ($0 < n % k ? 1 : 0) })
            for split in splits {
                XCTAssertEqual(split.test, split.test.sorted())
                XCTAssertEqual(split.train, complement(of: split.test, rowCount: n))
            }
        }
    }

    func testRejectsFewerThanTwoFoldsMoreFoldsThanRowsAndOutOfRangeSeeds() {
        assertThrowsModelError(key: "cv", try ScikitLearn.kFold(rowCount: 10, folds: 1))
        assertThrowsModelError(key: "cv", try ScikitLearn.kFold(rowCount: 4, folds: 5))
        assertThrowsModelError(key: "cv", try ScikitLearn.kFold(rowCount: 10, folds: 2, shuffleSeed: 1 << 32))
    }
}

/// The rows of 0..<rowCount not in `rows`, ascending.
func complement(of rows: [Int], rowCount: Int) -> [Int] {
    let held = Set(rows)
    return (0..<rowCount).filter { !held.contains($0) }
}
