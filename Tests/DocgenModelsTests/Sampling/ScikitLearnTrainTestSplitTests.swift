import DocgenModels
import XCTest

/// `ScikitLearn.trainTestSplit` against `train_test_split` (Fixtures/sklearn/split_sizes.csv and
/// train_test_split.jsonl): sizes for a grid of row counts and fractions, and exact rows in returned order.
final class ScikitLearnTrainTestSplitTests: XCTestCase {
    func testDiabetesHoldsOut89RowsAt20Percent() throws {
        let sizes = try ScikitLearn.trainTestSizes(rowCount: 442, testFraction: 0.2)
        XCTAssertEqual(sizes.test, 89)  // ⌈88.4⌉
        XCTAssertEqual(sizes.train, 353)
    }

    func testSizesMatchScikitLearnForEveryRowCountAndFractionInTheGrid() throws {
        let lines = try ScikitLearnFixtures.lines("split_sizes.csv").dropFirst()  // header
        XCTAssertGreaterThan(lines.count, 1500)
        var errors = 0
        for line in lines {
            let cells = line.split(separator: ",").map(String.init)
            let n = Int(cells[0])!, fraction = Double(cells[1])!
            if cells[2] == "error" {
                errors += 1
                assertThrowsModelError(key: "split", try ScikitLearn.trainTestSizes(rowCount: n, testFraction: fraction),
                                       "n \(n) test \(fraction)")
            } else {
                let sizes = try ScikitLearn.trainTestSizes(rowCount: n, testFraction: fraction)
                XCTAssertEqual([sizes.train, sizes.test], [Int(cells[2])!, Int(cells[3])!], "n \(n) test \(fraction)")
            }
        }
        XCTAssertGreaterThan(errors, 0, "the grid includes splits that leave no training row")
    }

    func testRoundingFollowsTheDoubleProductNotTheExactFraction() throws {
        // 0.07 × 100 = 7.000000000000001 in double precision, so scikit-learn holds out 8 rows.
        XCTAssertEqual(try ScikitLearn.trainTestSizes(rowCount: 100, testFraction: 0.07).test, 8)
        // Training rows are n − test, not ⌊(1 − t)·n⌋ (which would be 0 here).
        XCTAssertEqual(try ScikitLearn.trainTestSizes(rowCount: 5, testFraction: 0.8).train, 1)
    }

    func testRowsMatchScikitLearnInReturnedOrder() throws {
        let references = try ScikitLearnFixtures.records("train_test_split.jsonl",
                                                         as: ScikitLearnFixtures.TrainTestSplit.self)
        XCTAssertTrue(references.contains { $0.n == 442 && $0.test_size == 0.2 && $0.seed == 42 })
        for reference in references {
            let split = try ScikitLearn.trainTestSplit(rowCount: reference.n, testFraction: reference.test_size,
                                                       seed: reference.seed)
            let label = "n \(reference.n) test \(reference.test_size) seed \(reference.seed)"
            XCTAssertEqual(split.train, reference.train, label)
            XCTAssertEqual(split.test, reference.test, label)
        }
    }

    func testTestRowsArePermutationPrefixAndTrainRowsTheRest() throws {
        let split = try ScikitLearn.trainTestSplit(rowCount: 30, testFraction: 0.25, seed: 9)
        var random = NumPyRandomState(seed: 9)
        XCTAssertEqual(split.test + split.train, random.permutation(30))
        XCTAssertEqual(split.test.count, 8)
    }

    func testRejectsWhatScikitLearnRejects() {
        for fraction in [0, 1, -0.1, 1.5, .nan] {
            assertThrowsModelError(key: "split", try ScikitLearn.trainTestSizes(rowCount: 10, testFraction: fraction),
                                   "fraction \(fraction)")
        }
        assertThrowsModelError(key: "split", try ScikitLearn.trainTestSplit(rowCount: 1, testFraction: 0.2, seed: 0))
        assertThrowsModelError(key: "split", try ScikitLearn.trainTestSplit(rowCount: 0, testFraction: 0.2, seed: 0))
        assertThrowsModelError(key: "split", try ScikitLearn.trainTestSplit(rowCount: 10, testFraction: 0.2,
                                                                            seed: 1 << 32))
        XCTAssertNoThrow(try ScikitLearn.trainTestSplit(rowCount: 10, testFraction: 0.2, seed: (1 << 32) - 1))
    }
}
