import Foundation

/// The cache file of one experiment (`experiments/<key>.bin`): its numbers and the warnings
/// its fit gave, in `BinaryRecordWriter`'s form. Every field of `ExperimentNumbers` is stored,
/// so a cached build's pages, tables and CSV files equal a fresh build's byte for byte.
extension CachedExperiment {
    static let magic = "docgen-experiment/2\n"

    func encoded() -> Data {
        var w = BinaryRecordWriter(magic: Self.magic)
        let n = numbers
        w.string(n.id)
        w.strings(n.featureNames)
        w.doubles(n.alphas)
        w.int(n.coefficients.count)
        for row in n.coefficients { w.doubles(row) }
        w.doubles(n.intercepts)
        let metricNames = n.metrics.keys.sorted()
        w.int(metricNames.count)
        for name in metricNames {
            w.string(name)
            w.doubles(n.metrics[name] ?? [])
        }
        w.optional(n.alphaMin) { $0.double($1) }
        w.optional(n.alpha1SE) { $0.double($1) }
        w.optional(n.alphaMax) { $0.double($1) }
        w.int(n.n)
        w.optional(n.nTrain) { $0.int($1) }
        w.optional(n.nTest) { $0.int($1) }
        w.strings(n.entryOrder)
        w.bool(n.isClassification)
        w.string(n.csv)
        w.int(warnings.count)
        for d in warnings {
            w.string(d.severity)
            w.string(d.message)
            w.optional(d.line) { $0.int($1) }
            w.optional(d.column) { $0.int($1) }
        }
        return w.data
    }

    /// Nil for a file that is not a complete record of this version.
    init?(encoded data: Data) {
        guard var r = BinaryRecordReader(data, magic: Self.magic),
              let id = r.string(), let featureNames = r.strings(), let alphas = r.doubles(),
              let coefficients = r.array(minimumSize: 8, { $0.doubles() }),
              let intercepts = r.doubles(),
              let metricList = r.array(minimumSize: 16, { r -> (String, [Double])? in
                  guard let name = r.string(), let column = r.doubles() else { return nil }
                  return (name, column)
              }),
              let alphaMin = r.optional({ $0.double() }), let alpha1SE = r.optional({ $0.double() }),
              let alphaMax = r.optional({ $0.double() }), let n = r.int(),
              let nTrain = r.optional({ $0.int() }), let nTest = r.optional({ $0.int() }),
              let entryOrder = r.strings(), let isClassification = r.bool(), let csv = r.string(),
              let warnings = r.array(minimumSize: 18, { r -> StoredDiagnostic? in
                  guard let severity = r.string(), let message = r.string(),
                        let line = r.optional({ $0.int() }), let column = r.optional({ $0.int() }) else { return nil }
                  return StoredDiagnostic(severity: severity, message: message, line: line, column: column)
              }),
              r.isAtEnd
        else { return nil }
        var metrics: [String: [Double]] = [:]
        for (name, column) in metricList { metrics[name] = column }
        self.init(numbers: ExperimentNumbers(id: id, featureNames: featureNames, alphas: alphas,
                                             coefficients: coefficients, intercepts: intercepts, metrics: metrics,
                                             alphaMin: alphaMin, alpha1SE: alpha1SE, alphaMax: alphaMax, n: n,
                                             nTrain: nTrain, nTest: nTest, entryOrder: entryOrder,
                                             isClassification: isClassification, csv: csv),
                  warnings: warnings)
    }
}
