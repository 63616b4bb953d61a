/// Which data rows an experiment fits, tests and cross-validates on, exactly as `runExperiment` draws them.
public struct ExperimentRows: Sendable, Equatable {
    /// The fitting rows (0-based data rows), in the order the fit sees them (scikit-learn's order for
    /// `split: {method: sklearn}`, ascending otherwise).
    public var train: [Int]
    /// The held-out test rows (empty without a split).
    public var test: [Int]
    /// Per cross-validation fold, the data rows it holds out (ascending); nil without `cv`.
    public var folds: [[Int]]?

    /// The rows of `spec`'s split and folds for `data` (the folds are drawn on the fitting rows, as in
    /// `runExperiment`). Throws as `runExperiment` does for an impossible split or fold count.
    public init(_ data: Dataset, _ spec: ExperimentSpec) throws {
        (train, test) = try holdoutRows(rowCount: data.rowCount, split: spec.split)
        if let cv = spec.cv {
            let fitting = train
            let (splits, _) = try crossValidationFolds(fitting.map { data.y[$0] }, task: spec.family.task, cv: cv)
            folds = splits.map { split in split.test.map { fitting[$0] }.sorted() }
        }
    }
}

/// What a reproduce script reads besides docgen's result CSV.
public struct ReproductionTables: Sendable, Equatable {
    /// The rows docgen fitted, as CSV: the feature columns (before any polynomial expansion), then the target, one
    /// line per data row in data order; each number in its shortest form that reads back as the same double
    /// (`roundTripText`), so Python's `float` reads exactly the doubles docgen fitted.
    public var input: String
    /// The rows and folds docgen drew with its own method, as CSV with one line per data row: `row` (0-based), `part`
    /// (`train` or `test`, with a split drawn by docgen's method) and `fold` (the 1-based fold of docgen's
    /// cross-validation that holds the row out, empty for test rows). Nil when every split and fold is scikit-learn's
    /// (the script draws those itself) or there are none.
    public var split: String?

    public init(input: String, split: String?) { self.input = input; self.split = split }

    /// The tables for `data` fitted under `spec`.
    public init(_ data: Dataset, _ spec: ExperimentSpec) throws {
        // Written straight into the string's storage, row by row: a million-row data set costs one pass, no per-row
        // arrays (joining strings per row was 60 % of a large experiment's time) and no second copy of the text.
        let n = data.rowCount, p = data.featureCount
        let headerLine = (data.featureNames + [data.targetName]).map(csvField).joined(separator: ",") + "\n"
        let capacity = headerLine.utf8.count + n * (p + 1) * (maximumRoundTripTextLength + 1)
        input = String(unsafeUninitializedCapacity: capacity) { out in
            var k = 0
            for byte in headerLine.utf8 { out[k] = byte; k += 1 }
            data.x.withUnsafeBufferPointer { x in
                for i in 0..<n {
                    for j in 0..<p {
                        k += writeRoundTripText(x[j * n + i], to: out, at: k)
                        out[k] = UInt8(ascii: ","); k += 1
                    }
                    k += writeRoundTripText(data.y[i], to: out, at: k)
                    out[k] = UInt8(ascii: "\n"); k += 1
                }
            }
            return k
        }

        let docgenSplit = spec.split.map { $0.method == .docgen } ?? false
        let docgenFolds = spec.cv.map { $0.method == .docgen } ?? false
        guard docgenSplit || docgenFolds else { split = nil; return }
        let rows = try ExperimentRows(data, spec)
        var isTest = [Bool](repeating: false, count: data.rowCount)
        for i in rows.test { isTest[i] = true }
        var fold = [Int?](repeating: nil, count: data.rowCount)
        if docgenFolds, let folds = rows.folds {
            for (f, held) in folds.enumerated() { for i in held { fold[i] = f + 1 } }
        }
        var header = ["row"]
        if docgenSplit { header.append("part") }
        if docgenFolds { header.append("fold") }
        var out = [header.joined(separator: ",")]
        for i in 0..<data.rowCount {
            var cells = [String(i)]
            if docgenSplit { cells.append(isTest[i] ? "test" : "train") }
            if docgenFolds { cells.append(fold[i].map(String.init) ?? "") }
            out.append(cells.joined(separator: ","))
        }
        split = out.joined(separator: "\n") + "\n"
    }
}
