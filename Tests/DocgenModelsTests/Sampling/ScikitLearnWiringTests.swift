import XCTest
@testable import DocgenModels

/// `split` and `cv` with `method: sklearn` use exactly the rows of the Sampling functions (which the fixtures check
/// against scikit-learn), in scikit-learn's order, and runExperiment fits, scores and cross-validates on them.
final class ScikitLearnWiringTests: XCTestCase {
    private let seedSplit = HoldoutSplit(test: 0.2, seed: 42, method: .sklearn)

    func testSplitMethodSklearnIsTrainTestSplitsRowsInItsOrder() throws {
        let rows = try holdoutRows(rowCount: 442, split: seedSplit)
        let reference = try XCTUnwrap(try ScikitLearnFixtures.records("train_test_split.jsonl",
                                                                      as: ScikitLearnFixtures.TrainTestSplit.self)
            .first { $0.n == 442 && $0.test_size == 0.2 && $0.seed == 42 })
        XCTAssertEqual(rows.train, reference.train)
        XCTAssertEqual(rows.test, reference.test)
        XCTAssertEqual(rows.test.count, 89, "⌈0.2 × 442⌉")
    }

    /// docgen's own split: the first round(test·n) rows of docgen's seeded shuffle, half away from zero, kept between
    /// 1 and n − 2; both parts ascending.
    func testSplitMethodDocgenRoundsToNearestAndSorts() throws {
        let rows = try holdoutRows(rowCount: 442, split: HoldoutSplit(test: 0.2, seed: 42))
        XCTAssertEqual(rows.test.count, 88, "round(88.4)")
        XCTAssertEqual(rows.test, rows.test.sorted())
        XCTAssertEqual(try holdoutRows(rowCount: 10, split: HoldoutSplit(test: 0.25, seed: 1)).test.count, 3, "round(2.5) = 3")
        XCTAssertEqual(try holdoutRows(rowCount: 4, split: HoldoutSplit(test: 0.9, seed: 1)).test.count, 2, "n − 2 at most")
        XCTAssertEqual(try holdoutRows(rowCount: 50, split: HoldoutSplit(test: 0.001, seed: 1)).test.count, 1, "1 at least")
    }

    func testSklearnSplitLeavingOneTrainingRowIsAnError() {
        assertThrowsModelError(key: "split", try holdoutRows(rowCount: 5, split: HoldoutSplit(test: 0.8, seed: 0, method: .sklearn)))
    }

    func testFoldsFollowTheMethodTheSeedAndTheTask() throws {
        let y = (0..<37).map { Double($0 % 3 == 0 ? 1 : 0) }
        let contiguous = try crossValidationFolds(y, task: .regression, cv: CrossValidation(folds: 5, seed: nil, method: .sklearn))
        XCTAssertEqual(contiguous.splits, try ScikitLearn.kFold(rowCount: 37, folds: 5))
        XCTAssertEqual(contiguous.splits[0].test, Array(0..<8), "KFold(5) is contiguous, the first 37 mod 5 folds one larger")
        let shuffled = try crossValidationFolds(y, task: .regression, cv: CrossValidation(folds: 5, seed: 0, method: .sklearn))
        XCTAssertEqual(shuffled.splits, try ScikitLearn.kFold(rowCount: 37, folds: 5, shuffleSeed: 0))
        let stratified = try crossValidationFolds(y, task: .binaryClassification,
                                                  cv: CrossValidation(folds: 4, seed: 3, method: .sklearn))
        XCTAssertEqual(stratified.splits, try ScikitLearn.stratifiedKFold(labels: y, folds: 4, shuffleSeed: 3))
        // docgen's own folds: the seeded shuffle dealt round robin.
        let own = try crossValidationFolds(y, task: .regression, cv: CrossValidation(folds: 5, seed: 2))
        var rng = SeededGenerator(seed: 2)
        let perm = rng.permutation(37)
        XCTAssertEqual(own.splits[1].test, perm.enumerated().filter { $0.offset % 5 == 1 }.map(\.element).sorted())
    }

    /// End to end: a LassoCV-style experiment (split and folds by scikit-learn's method) cross-validates on KFold(5) of
    /// the training rows in train_test_split's order, which is what a student's
    /// `cross_val_score(Lasso(alpha), X_train, y_train, cv=KFold(5))` uses.
    func testCrossValidationRunsOnKFoldOfTheTrainingRowsInScikitLearnsOrder() throws {
        let data = try loadDiabetes()
        let alphas = [2.0, 0.2]
        let spec = ExperimentSpec(model: LeastSquares(penalty: .lasso, convention: .sklearn), alphas: .explicit(alphas),
                                  split: seedSplit, cv: CrossValidation(folds: 5, seed: nil, method: .sklearn))
        let result = try runExperiment(data, spec)
        XCTAssertEqual([result.trainCount, result.testCount], [353, 89])
        let train = try holdoutRows(rowCount: 442, split: seedSplit).train
        let folds = try ScikitLearn.kFold(rowCount: train.count, folds: 5)
        let rows = try ExperimentRows(data, spec)
        XCTAssertEqual(rows.train, train)
        XCTAssertEqual(rows.folds, folds.map { $0.test.map { train[$0] }.sorted() })
        let mean = try XCTUnwrap(result.metric(CrossValidationColumn.mean))
        for (k, alpha) in alphas.enumerated() {
            var errors: [Double] = []
            for fold in folds {
                let fit = try runExperiment(data.selectingRows(fold.train.map { train[$0] }),
                                            ExperimentSpec(model: .lasso, alphas: .explicit([alpha])))
                let held = fold.test.map { train[$0] }
                errors.append(meanSquaredError(held.map { data.y[$0] },
                                               held.map { fit.predict(raw: data.row($0), alphaIndex: 0) }))
            }
            XCTAssertEqual(mean[k], errors.reduce(0, +) / 5, accuracy: 1e-10 * mean[k])
        }
    }

    /// Under `convention: sklearn` a ridge alpha means a different α in each fold (alpha / the fold's rows), as the
    /// same `Ridge(alpha)` does inside `cross_val_score`; docgen's α is the same in every fold.
    func testScikitLearnAlphaIsRescaledForEachFoldsRows() throws {
        let data = try loadDiabetes().selectingRows(Array(0..<103))
        let cv = CrossValidation(folds: 4, seed: nil, method: .sklearn)
        let folds = try ScikitLearn.kFold(rowCount: 103, folds: 4)
        let value = 50.0
        let result = try runExperiment(data, ExperimentSpec(model: LeastSquares(penalty: .ridge, convention: .sklearn),
                                                            alphas: .explicit([value]), cv: cv))
        var errors: [Double] = []
        for fold in folds {
            let alpha = value / Double(fold.train.count)
            let fit = try runExperiment(data.selectingRows(fold.train), ExperimentSpec(model: .ridge, alphas: .explicit([alpha])))
            errors.append(meanSquaredError(fold.test.map { data.y[$0] },
                                           fold.test.map { fit.predict(raw: data.row($0), alphaIndex: 0) }))
        }
        XCTAssertEqual(try XCTUnwrap(result.metric(CrossValidationColumn.mean))[0], errors.reduce(0, +) / 4,
                       accuracy: 1e-10 * errors[0])
        XCTAssertEqual(result.alphas, [value / 103])
    }

    /// A classification target gets StratifiedKFold, and scikit-learn's warning when a class has fewer rows than folds.
    func testClassificationFoldsAreStratifiedWithScikitLearnsWarning() throws {
        let (full, _, _) = try standardizedBreastCancerSubset()
        let positives = (0..<full.rowCount).filter { full.y[$0] == 1 }.prefix(4)
        let negatives = (0..<full.rowCount).filter { full.y[$0] == 0 }.prefix(40)
        let data = full.selectingRows(Array(negatives) + Array(positives))
        let family = LogisticRegression(penalty: .l2)
        let five = CrossValidation(folds: 5, seed: nil, method: .sklearn)
        let fit = try runExperiment(data, ExperimentSpec(model: family, alphas: .explicit([0.1]), cv: five))
        XCTAssertTrue(fit.warnings.contains { $0.kind == .smallClass && $0.key == "cv" }, "4 rows of a class, 5 folds")
        let rows = try ExperimentRows(data, ExperimentSpec(model: family, cv: five))
        XCTAssertEqual(rows.folds, try ScikitLearn.stratifiedKFold(labels: data.y, folds: 5).map(\.test))
        let three = try runExperiment(data, ExperimentSpec(model: family, alphas: .explicit([0.1]),
                                                           cv: CrossValidation(folds: 3, seed: nil, method: .sklearn)))
        XCTAssertFalse(three.warnings.contains { $0.kind == .smallClass })
    }

    /// The reproduce script's tables: the rows as fitted (shortest round-trip text) and, for docgen's own draws, each row's part and
    /// the fold that holds it out.
    func testReproductionTablesExportTheRowsAndDocgensDraws() throws {
        let data = try Dataset(featureNames: ["x"], targetName: "y", columns: [[0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 1 / 3]],
                               y: [1, 2, 3, 4, 5, 6, 7])
        let spec = ExperimentSpec(model: .lasso, split: HoldoutSplit(test: 0.3, seed: 1), cv: CrossValidation(folds: 2, seed: 4))
        let tables = try ReproductionTables(data, spec)
        XCTAssertTrue(tables.input.hasPrefix("x,y\n0.1,1\n"))
        XCTAssertTrue(tables.input.contains("\n0.3333333333333333,7\n"))
        let lines = try XCTUnwrap(tables.split).split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.first, "row,part,fold")
        let rows = try ExperimentRows(data, spec)
        for i in 0..<7 {
            let cells = lines[i + 1].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            XCTAssertEqual(cells[1], rows.test.contains(i) ? "test" : "train")
            let fold = rows.folds?.firstIndex { $0.contains(i) }
            XCTAssertEqual(cells[2], fold.map { String($0 + 1) } ?? "")
        }
        let sklearnOnly = ExperimentSpec(model: .lasso, split: HoldoutSplit(test: 0.3, seed: 1, method: .sklearn))
        XCTAssertNil(try ReproductionTables(data, sklearnOnly).split, "scikit-learn's draws are redone by the script")
    }
}
