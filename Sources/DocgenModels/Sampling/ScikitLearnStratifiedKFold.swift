extension ScikitLearn {
    /// The splits of scikit-learn's `StratifiedKFold(folds)` (when `shuffleSeed` is nil) or
    /// `StratifiedKFold(folds, shuffle=True, random_state=shuffleSeed)` for these class labels (one per row), in
    /// scikit-learn's fold order. Labels are compared only for equality; their values and sort order do not matter.
    ///
    /// The algorithm, as scikit-learn implements it:
    /// 1. Classes are numbered 0, 1, … in order of first appearance in `labels`.
    /// 2. How many rows of each class each fold holds out: list the rows' class numbers sorted ascending (all of
    ///    class 0, then all of class 1, …) and deal that list round-robin, position p to fold p mod `folds`.
    /// 3. For each class in turn (0, 1, …): write down its fold numbers as a block (fold 0 as many times as fold 0
    ///    holds out of that class, then fold 1, …); with a seed, shuffle that block with one shared
    ///    `RandomState(shuffleSeed)` (`NumPyRandomState.shuffle`, classes in order, draws continuing from one class to
    ///    the next). The class's rows, in data order, get these fold numbers in order.
    /// Without a seed, each class's rows thus go to the folds in contiguous runs, in data order.
    /// In every split both `train` and `test` are ascending, as scikit-learn returns them.
    ///
    /// Throws, as scikit-learn does, for fewer than 2 folds, more folds than rows, when every class has fewer
    /// rows than `folds`, or for a seed above 2³²−1. When only some classes are that small scikit-learn warns and
    /// goes on, and so does this; `stratificationWarning(labels:folds:)` returns the warning.
    public static func stratifiedKFold<Label: Hashable>(labels: [Label], folds: Int,
                                                        shuffleSeed: UInt64? = nil) throws -> [RowSplit] {
        try stratifiedSplits(labels: labels, folds: folds, shuffleSeed: shuffleSeed)
    }

    /// `stratifiedKFold` for a numeric target, as docgen stores classification targets: the values must be finite
    /// whole numbers, because scikit-learn treats a target with any other value as continuous and refuses to stratify.
    public static func stratifiedKFold(labels: [Double], folds: Int, shuffleSeed: UInt64? = nil) throws -> [RowSplit] {
        if let row = labels.firstIndex(where: { !$0.isFinite || $0 != $0.rounded() }) {
            throw ModelError(key: "cv", message: "cv with method sklearn stratifies a classification target, but row "
                + "\(row + 1) has the value \(labels[row]); scikit-learn's StratifiedKFold takes only whole-number "
                + "class labels")
        }
        return try stratifiedSplits(labels: labels, folds: folds, shuffleSeed: shuffleSeed)
    }

    /// The warning scikit-learn's `StratifiedKFold` gives for these labels (and goes on): the smallest class has
    /// fewer rows than `folds`, so some folds hold out no row of it. Nil when every class has at least `folds` rows.
    public static func stratificationWarning<Label: Hashable>(labels: [Label], folds: Int) -> String? {
        guard let smallest = ClassesByAppearance(labels).counts.min(), smallest < folds else { return nil }
        return "the smallest class has only \(smallest) rows, fewer than the \(folds) folds, so some held-out "
            + "folds have none of it (scikit-learn's StratifiedKFold warns the same)"
    }

    /// The algorithm of `stratifiedKFold`, for labels already accepted.
    private static func stratifiedSplits<Label: Hashable>(labels: [Label], folds: Int,
                                                          shuffleSeed: UInt64?) throws -> [RowSplit] {
        try checkFoldCount(folds, rowCount: labels.count)
        let classes = ClassesByAppearance(labels)
        guard classes.counts.contains(where: { $0 >= folds }) else {
            throw ModelError(key: "cv", message: "cv asks for \(folds) folds but no class has that many rows "
                + "(the largest has \(classes.counts.max() ?? 0)); scikit-learn's StratifiedKFold needs at least one "
                + "class with as many rows as folds")
        }
        var random = try shuffleSeed.map { try randomState(seed: $0, key: "cv") }

        // allocation[c][f]: rows of class c that fold f holds out (round robin over the class-sorted rows).
        var allocation = [[Int]](repeating: [Int](repeating: 0, count: folds), count: classes.counts.count)
        var position = 0
        for (c, count) in classes.counts.enumerated() {
            for _ in 0..<count {
                allocation[c][position % folds] += 1
                position += 1
            }
        }

        var testFold = [Int](repeating: 0, count: labels.count)
        for (c, rows) in classes.rows.enumerated() {
            var foldsForClass: [Int] = []
            for f in 0..<folds { foldsForClass += repeatElement(f, count: allocation[c][f]) }
            random?.shuffle(&foldsForClass)
            for (row, fold) in zip(rows, foldsForClass) { testFold[row] = fold }
        }
        return splits(testFold: testFold, folds: folds)
    }
}

/// Classes of a label vector numbered by first appearance, with the rows of each.
private struct ClassesByAppearance<Label: Hashable> {
    /// rows[c]: the rows (ascending) whose label is the c-th distinct label to appear.
    var rows: [[Int]] = []
    /// counts[c] = rows[c].count.
    var counts: [Int] { rows.map(\.count) }

    init(_ labels: [Label]) {
        var number: [Label: Int] = [:]
        for (row, label) in labels.enumerated() {
            if let c = number[label] {
                rows[c].append(row)
            } else {
                number[label] = rows.count
                rows.append([row])
            }
        }
    }
}
