import DocgenModels
import XCTest

/// `ScikitLearn.stratifiedKFold` against `StratifiedKFold` with and without shuffling
/// (Fixtures/sklearn/stratified_kfold.jsonl: the breast-cancer target, imbalanced and three-class synthetic
/// labels, string labels, one class), scikit-learn's warnings and errors, and the properties of the allocation.
final class ScikitLearnStratifiedKFoldTests: XCTestCase {
    private typealias Label = ScikitLearnFixtures.Label

    private func fixture() throws -> (labels: [String: [Label]], records: [ScikitLearnFixtures.StratifiedKFold]) {
        let sets = try ScikitLearnFixtures.records("stratified_kfold.jsonl", as: ScikitLearnFixtures.LabelSets.self,
                                                   skippingOthers: true)
        XCTAssertEqual(sets.count, 1)
        let labels = Dictionary(uniqueKeysWithValues: (sets.first?.label_sets ?? []).map { ($0.name, $0.values) })
        let records = try ScikitLearnFixtures.records("stratified_kfold.jsonl",
                                                      as: ScikitLearnFixtures.StratifiedKFold.self, skippingOthers: true)
        return (labels, records)
    }

    /// The labels as docgen holds a classification target (Double), or nil for string labels.
    private func numeric(_ labels: [Label]) -> [Double]? {
        var values: [Double] = []
        for label in labels {
            guard case .number(let n) = label else { return nil }
            values.append(Double(n))
        }
        return values
    }

    func testFoldsWarningsAndErrorsMatchScikitLearn() throws {
        let (labelSets, records) = try fixture()
        XCTAssertEqual(labelSets["breast_cancer"]?.count, 569)
        XCTAssertGreaterThan(records.count, 100)
        for reference in records {
            let labels = try XCTUnwrap(labelSets[reference.labels])
            let label = "\(reference.labels) folds \(reference.folds) seed \(reference.seed.map(String.init) ?? "none")"
            guard let tests = reference.test else {
                assertThrowsModelError(key: "cv", try ScikitLearn.stratifiedKFold(
                    labels: labels, folds: reference.folds, shuffleSeed: reference.seed), label)
                continue
            }
            let splits = try ScikitLearn.stratifiedKFold(labels: labels, folds: reference.folds,
                                                         shuffleSeed: reference.seed)
            XCTAssertEqual(splits.map(\.test), tests, label)
            for split in splits {
                XCTAssertEqual(split.train, complement(of: split.test, rowCount: labels.count), label)
            }
            if let target = numeric(labels) {
                let fromTarget = try ScikitLearn.stratifiedKFold(labels: target, folds: reference.folds,
                                                                 shuffleSeed: reference.seed)
                XCTAssertEqual(fromTarget, splits, "\(label) as Double labels")
            }
            XCTAssertEqual(ScikitLearn.stratificationWarning(labels: labels, folds: reference.folds) != nil,
                           reference.warning != nil, label)
        }
    }

    func testEachClassIsSpreadOverFoldsAsEvenlyAsTheRoundRobinAllows() throws {
        let labels = try XCTUnwrap(fixture().labels["breast_cancer"]).map { $0 == .number(1) }
        for seed in [nil, 0, 42] as [UInt64?] {
            let splits = try ScikitLearn.stratifiedKFold(labels: labels, folds: 5, shuffleSeed: seed)
            XCTAssertEqual(splits.flatMap(\.test).sorted(), Array(0..<569))
            // 212 malignant then 357 benign, dealt round robin: sizes 114 ×4 and 113; malignant 43,43,42,42,42.
            XCTAssertEqual(splits.map(\.test.count), [114, 114, 114, 114, 113])
            XCTAssertEqual(splits.map { $0.test.filter { labels[$0] }.count }, [43, 43, 42, 42, 42])
        }
    }

    func testWithoutSeedEachClassFillsFoldsInContiguousRunsInDataOrder() throws {
        let splits = try ScikitLearn.stratifiedKFold(labels: ["x", "x", "x", "y", "y", "y"], folds: 3)
        XCTAssertEqual(splits.map(\.test), [[0, 3], [1, 4], [2, 5]])
        let uneven = try ScikitLearn.stratifiedKFold(labels: [1, 1, 1, 1, 0, 0], folds: 2)
        // Class 1 appears first: positions 0–3 of the sorted list go to folds 0,1,0,1; class 0 at 4–5 to 0,1.
        XCTAssertEqual(uneven.map(\.test), [[0, 1, 4], [2, 3, 5]])
    }

    func testRejectsNonWholeNumberTargetsAsScikitLearnRejectsContinuousOnes() {
        assertThrowsModelError(key: "cv", try ScikitLearn.stratifiedKFold(labels: [0, 1, 0.5, 1], folds: 2))
        assertThrowsModelError(key: "cv", try ScikitLearn.stratifiedKFold(labels: [0, 1, .nan, 1], folds: 2))
        XCTAssertNoThrow(try ScikitLearn.stratifiedKFold(labels: [0, 1, 2, 1, 0, 2] as [Double], folds: 2))
    }

    func testRejectsWhenEveryClassIsSmallerThanTheFoldCountButOnlyWarnsWhenSomeAre() throws {
        assertThrowsModelError(key: "cv", try ScikitLearn.stratifiedKFold(labels: [0, 1, 0, 1, 1], folds: 4))
        XCTAssertNoThrow(try ScikitLearn.stratifiedKFold(labels: [0, 1, 0, 1, 1], folds: 3))
        XCTAssertNotNil(ScikitLearn.stratificationWarning(labels: [0, 1, 0, 1, 1], folds: 3))
        XCTAssertNil(ScikitLearn.stratificationWarning(labels: [0, 1, 0, 1, 1], folds: 2))
        assertThrowsModelError(key: "cv", try ScikitLearn.stratifiedKFold(labels: [0, 1, 0], folds: 4))
        assertThrowsModelError(key: "cv", try ScikitLearn.stratifiedKFold(labels: [0, 1, 0, 1], folds: 1))
    }

    func testCrossValidationFoldsStratifyClassifiersOnly() throws {
        let target: [Double] = [0, 0, 0, 0, 1, 1, 1, 1, 1, 1]
        let classifier = try ScikitLearn.crossValidationFolds(target: target, isClassification: true, folds: 2)
        XCTAssertTrue(classifier.isStratified)
        XCTAssertEqual(classifier.splits, try ScikitLearn.stratifiedKFold(labels: target, folds: 2))
        let regressor = try ScikitLearn.crossValidationFolds(target: target, isClassification: false, folds: 2,
                                                             shuffleSeed: 0)
        XCTAssertFalse(regressor.isStratified)
        XCTAssertEqual(regressor.splits, try ScikitLearn.kFold(rowCount: 10, folds: 2, shuffleSeed: 0))
        let sparse = try ScikitLearn.crossValidationFolds(target: [0, 0, 0, 1, 0, 0], isClassification: true, folds: 3)
        XCTAssertNotNil(sparse.warning)
    }
}
