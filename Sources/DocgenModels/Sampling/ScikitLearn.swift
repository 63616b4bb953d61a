/// scikit-learn's row splitters, reproduced exactly for `method: sklearn` (`split:` and `cv:` options), so that a
/// student who re-runs a fit in scikit-learn with the same seed gets the same training and held-out rows.
///
/// Everything here is a pure function of a row count (or a label vector), a fold count or test fraction, and an
/// integer seed; randomness comes from `NumPyRandomState`, numpy's legacy generator, which is what scikit-learn
/// uses for an integer `random_state`. Rows are 0-based indices into the data set in file order.
///
/// Errors are thrown as `ModelError` with `key` `"split"` or `"cv"`, in the cases where scikit-learn raises
/// `ValueError`; where scikit-learn only warns, the functions succeed and a separate function returns the warning.
public enum ScikitLearn {
    /// One division of the rows into training rows and held-out (test) rows, as 0-based row indices. Which order
    /// each array is in depends on the splitter and is stated by the function that returns it.
    public struct RowSplit: Sendable, Equatable {
        /// Rows to fit on.
        public var train: [Int]
        /// Held-out rows.
        public var test: [Int]

        public init(train: [Int], test: [Int]) { self.train = train; self.test = test }
    }

    /// The generator scikit-learn's `check_random_state(seed)` makes for an integer seed, or an error naming `key`
    /// when the seed is outside numpy's range 0…2³²−1 (numpy raises `ValueError` there too).
    static func randomState(seed: UInt64, key: String) throws -> NumPyRandomState {
        guard let seed32 = UInt32(exactly: seed) else {
            throw ModelError(key: key, message: "\(key) seed \(seed) is too large for method: sklearn: numpy's "
                                              + "RandomState takes seeds from 0 to 4294967295")
        }
        return NumPyRandomState(seed: seed32)
    }

    /// Checks what every k-fold splitter of scikit-learn checks first: at least 2 folds, and no more folds than rows.
    static func checkFoldCount(_ folds: Int, rowCount: Int) throws {
        guard folds >= 2 else {
            throw ModelError(key: "cv", message: "cv needs at least 2 folds, got \(folds)")
        }
        guard folds <= rowCount else {
            throw ModelError(key: "cv", message: "cv asks for \(folds) folds but only \(rowCount) rows are available")
        }
    }

    /// The splits made by scikit-learn's k-fold splitters from the fold of each row: split f holds out the rows
    /// whose fold is f. Both arrays are ascending, as scikit-learn returns them (it builds them from boolean masks).
    static func splits(testFold: [Int], folds: Int) -> [RowSplit] {
        (0..<folds).map { f in
            var split = RowSplit(train: [], test: [])
            for (row, fold) in testFold.enumerated() {
                if fold == f { split.test.append(row) } else { split.train.append(row) }
            }
            return split
        }
    }
}
