extension ScikitLearn {
    /// The splits of scikit-learn's `KFold(folds)` (when `shuffleSeed` is nil) or
    /// `KFold(folds, shuffle=True, random_state=shuffleSeed)` over `rowCount` rows, in scikit-learn's fold order.
    ///
    /// The rows (shuffled first by `RandomState(shuffleSeed).shuffle(arange(rowCount))` when a seed is given) are cut
    /// into `folds` consecutive blocks; the first `rowCount % folds` blocks have `rowCount / folds + 1` rows and the
    /// others `rowCount / folds`. Split f holds out block f. Without a seed the blocks are contiguous row ranges.
    /// In every split both `train` and `test` are ascending, as scikit-learn returns them.
    ///
    /// Throws, as scikit-learn does, for fewer than 2 folds, more folds than rows, or a seed above 2³²−1.
    public static func kFold(rowCount: Int, folds: Int, shuffleSeed: UInt64? = nil) throws -> [RowSplit] {
        try checkFoldCount(folds, rowCount: rowCount)
        var order = Array(0..<rowCount)
        if let seed = shuffleSeed {
            var random = try randomState(seed: seed, key: "cv")
            random.shuffle(&order)
        }
        var testFold = [Int](repeating: 0, count: rowCount)
        var start = 0
        for f in 0..<folds {
            let size = rowCount / folds + (f < rowCount % folds ? 1 : 0)
            for row in order[start..<(start + size)] { testFold[row] = f }
            start += size
        }
        return splits(testFold: testFold, folds: folds)
    }
}
