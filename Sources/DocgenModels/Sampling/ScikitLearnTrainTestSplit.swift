extension ScikitLearn {
    /// How many rows `train_test_split(X, test_size: testFraction)` puts in each part, for `rowCount` rows:
    /// `test = ⌈testFraction · rowCount⌉` computed in double precision (so 0.07 · 100 = 7.000000000000001 gives 8
    /// test rows, as in scikit-learn), and `train = rowCount − test`. (This is not always ⌊(1 − testFraction) ·
    /// rowCount⌋: for 5 rows and 0.8, scikit-learn trains on 1 row where that formula would give 0.)
    ///
    /// Throws, as scikit-learn does, when `testFraction` is not strictly between 0 and 1 or when no training row
    /// would be left (e.g. 1 row, or 4 rows with 0.8).
    public static func trainTestSizes(rowCount: Int, testFraction: Double) throws -> (train: Int, test: Int) {
        guard testFraction > 0, testFraction < 1 else {
            throw ModelError(key: "split", message: "split test fraction must be in (0, 1), got \(testFraction)")
        }
        let test = Int((testFraction * Double(rowCount)).rounded(.up))
        let train = rowCount - test
        guard train > 0 else {
            throw ModelError(key: "split", message: "split test \(testFraction) of \(rowCount) rows leaves no "
                + "training rows: scikit-learn holds out ⌈\(testFraction) × \(rowCount)⌉ = \(test) rows")
        }
        return (train, test)
    }

    /// The rows of `train_test_split(X, y, test_size=testFraction, random_state=seed)` for `rowCount` rows
    /// (shuffled, not stratified): with `p = RandomState(seed).permutation(rowCount)` and the sizes of
    /// `trainTestSizes`, `test = p[0..<test]` and `train = p[test..<rowCount]`.
    ///
    /// Both arrays are in that permuted order, not sorted, because scikit-learn returns `X[train]` and `X[test]` in
    /// this order: row k of scikit-learn's `X_train` is row `train[k]` of the data, so per-row outputs (predictions,
    /// residuals) line up with a student's. Throws like `trainTestSizes`, and for a seed above 2³²−1.
    public static func trainTestSplit(rowCount: Int, testFraction: Double, seed: UInt64) throws -> RowSplit {
        let sizes = try trainTestSizes(rowCount: rowCount, testFraction: testFraction)
        var random = try randomState(seed: seed, key: "split")
        let permutation = random.permutation(rowCount)
        return RowSplit(train: Array(permutation[sizes.test...]), test: Array(permutation[..<sizes.test]))
    }
}
