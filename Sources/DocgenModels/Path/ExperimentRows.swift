import Foundation
import Synchronization

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
        let drawn = try Self.draw(data, spec)
        (train, test) = (drawn.train, drawn.test)
        if let cv = spec.cv, let foldOf = drawn.foldOf {
            var folds = [[Int]](repeating: [], count: cv.folds)
            for (position, row) in drawn.train.enumerated() { folds[Int(foldOf[position])].append(row) }
            self.folds = folds.map { $0.sorted() }
        }
    }

    /// The split, and with `cv` (unless `folds` is false) the fold holding out each fitting row, by its position in
    /// `train`: the one derivation behind these rows and the reproduce script's split table (which needs no list of
    /// every fold's rows).
    static func draw(_ data: Dataset, _ spec: ExperimentSpec,
                     folds: Bool = true) throws -> (train: [Int], test: [Int], foldOf: [Int32]?) {
        let (train, test) = try holdoutRows(rowCount: data.rowCount, split: spec.split)
        guard folds, let cv = spec.cv else { return (train, test, nil) }
        let foldOf = try crossValidationFoldOf(train.map { data.y[$0] }, task: spec.family.task, cv: cv).foldOf
        return (train, test, foldOf)
    }
}

/// What a reproduce script reads besides docgen's result CSV.
public struct ReproductionTables: Sendable, Equatable {
    /// The rows docgen fitted, as CSV: the feature columns (before any polynomial expansion), then the target, one
    /// line per data row in data order; each number in its shortest form that reads back as the same double
    /// (`roundTripText`), so Python's `float` reads exactly the doubles docgen fitted. Empty when `inputIsDataFile`.
    public var input: String
    /// The rows and folds docgen drew with its own method, as CSV with one line per data row: `row` (0-based), `part`
    /// (`train` or `test`, with a split drawn by docgen's method) and `fold` (the 1-based fold of docgen's
    /// cross-validation that holds the row out, empty for test rows). Nil when every split and fold is scikit-learn's
    /// (the script draws those itself) or there are none.
    public var split: String?
    /// Whether the data file itself is the input table (`LoadedCSV.isInputTable`): then `input` is empty and the file
    /// is published in its place.
    public var inputIsDataFile: Bool

    public init(input: String, split: String?, inputIsDataFile: Bool = false) {
        self.input = input; self.split = split; self.inputIsDataFile = inputIsDataFile
    }

    /// The tables for `data` fitted under `spec`; with `inputIsDataFile` the input table is the data file (not written).
    public init(_ data: Dataset, _ spec: ExperimentSpec, inputIsDataFile: Bool = false) throws {
        self.inputIsDataFile = inputIsDataFile
        if inputIsDataFile {
            input = ""
        } else {
            input = Self.inputTable(data)
        }
        let docgenSplit = spec.split.map { $0.method == .docgen } ?? false
        let docgenFolds = spec.cv.map { $0.method == .docgen } ?? false
        guard docgenSplit || docgenFolds else { split = nil; return }
        let drawn = try ExperimentRows.draw(data, spec, folds: docgenFolds)
        var isTest = [Bool](repeating: false, count: data.rowCount)
        for i in drawn.test { isTest[i] = true }
        var fold = [Int32](repeating: 0, count: data.rowCount)   // 1-based; 0 for none
        if let foldOf = drawn.foldOf {
            for (position, i) in drawn.train.enumerated() { fold[i] = foldOf[position] + 1 }
        }
        var header = ["row"]
        if docgenSplit { header.append("part") }
        if docgenFolds { header.append("fold") }
        var text = header.joined(separator: ",") + "\n"
        text.reserveCapacity(text.utf8.count + data.rowCount * 16)
        for i in 0..<data.rowCount {
            text += String(i)
            if docgenSplit { text += isTest[i] ? ",test" : ",train" }
            if docgenFolds {
                text += ","
                if fold[i] > 0 { text += String(fold[i]) }
            }
            text += "\n"
        }
        split = text
    }

    /// The rows of `data` as the input table's CSV text.
    private static func inputTable(_ data: Dataset) -> String {
        // Written straight into the string's storage, row by row: a million-row data set costs one pass, no per-row
        // arrays (joining strings per row was 60 % of a large experiment's time) and no second copy of the text. A
        // large table is written by two threads: the first half in place, the second into its own buffer, copied on.
        let n = data.rowCount, p = data.featureCount
        let headerLine = (data.featureNames + [data.targetName]).map(csvField).joined(separator: ",") + "\n"
        let perRow = (p + 1) * (maximumRoundTripTextLength + 1)
        let capacity = headerLine.utf8.count + n * perRow
        let halves = n * (p + 1) >= 1_000_000 ? 2 : 1
        let middle = n / halves
        return String(unsafeUninitializedCapacity: capacity) { out in
            var k = 0
            for byte in headerLine.utf8 { out[k] = byte; k += 1 }
            let start = k
            let second = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: halves == 2 ? (n - middle) * perRow : 0)
            defer { second.deallocate() }
            let lengths = Mutex([0, 0])
            // Each thread writes only its own buffer.
            nonisolated(unsafe) let whole = out, tail = second
            DispatchQueue.concurrentPerform(iterations: halves) { half in
                let written = half == 0
                    ? Self.writeRows(data, 0..<middle, to: whole, at: start)
                    : Self.writeRows(data, middle..<n, to: tail, at: 0)
                lengths.withLock { $0[half] = written }
            }
            let (first, rest) = lengths.withLock { ($0[0], $0[1]) }
            k = start + first
            if rest > 0 { (out.baseAddress! + k).update(from: second.baseAddress!, count: rest) }
            return k + rest
        }
    }

    /// Writes `rows` of `data` as CSV lines (features, then the target) into `out` from `offset`; returns the bytes
    /// written.
    private static func writeRows(_ data: Dataset, _ rows: Range<Int>, to out: UnsafeMutableBufferPointer<UInt8>,
                                  at offset: Int) -> Int {
        let n = data.rowCount, p = data.featureCount
        var k = offset
        data.x.withUnsafeBufferPointer { x in
            for i in rows {
                for j in 0..<p {
                    k += writeRoundTripText(x[j * n + i], to: out, at: k)
                    out[k] = UInt8(ascii: ","); k += 1
                }
                k += writeRoundTripText(data.y[i], to: out, at: k)
                out[k] = UInt8(ascii: "\n"); k += 1
            }
        }
        return k - offset
    }
}
