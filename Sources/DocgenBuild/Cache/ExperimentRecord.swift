import DocgenModels
import Foundation

/// The cache file of one experiment (`experiments/<key>.bin`): its result, its CSV text and the warnings its fit
/// gave, in `BinaryRecordWriter`'s form. Every field of `ExperimentResult` is stored, so a cached build's pages,
/// tables, figures and CSV files equal a fresh build's byte for byte.
extension CachedExperiment {
    static let magic = "docgen-experiment/6\n"

    func encoded() -> Data {
        var w = BinaryRecordWriter(magic: Self.magic)
        let r = result
        w.string(r.modelName)
        w.string(r.modelDisplayName)
        w.string(r.task.rawValue)
        w.strings(r.featureNames)
        w.string(r.targetName)
        w.bool(r.standardized)
        w.doubles(r.alphas)
        w.int(r.coefficients.count)
        for row in r.coefficients { w.doubles(row) }
        w.doubles(r.intercepts)
        w.doubles(r.dualityGaps)
        w.double(r.nullObjective)
        w.double(r.alphaMax)
        let metricNames = r.metrics.keys.sorted()
        w.int(metricNames.count)
        for name in metricNames {
            w.string(name)
            w.doubles(r.metrics[name] ?? [])
        }
        w.strings(r.metricNames)
        w.optional(r.alphaMinIndex) { $0.int($1) }
        w.optional(r.alpha1SEIndex) { $0.int($1) }
        w.strings(r.entryOrder)
        let t = r.transform
        w.optional(t.polynomialDegree) { $0.int($1) }
        w.strings(t.featureNames)
        w.doubles(t.shifts)
        w.doubles(t.scales)
        w.int(t.isConstant.count)
        for constant in t.isConstant { w.bool(constant) }
        w.int(r.rowCount)
        w.int(r.trainCount)
        w.int(r.testCount)
        let parameter = r.penaltyParameter
        w.strings([parameter.key, parameter.column, parameter.axisName, parameter.symbol, parameter.scale.rawValue])
        w.doubles(r.penaltyValues)
        w.string(r.certificateName)
        w.strings(r.parameterNames)
        w.int(r.parameters.count)
        for row in r.parameters { w.doubles(row) }
        w.int(r.histories.count)
        for h in r.histories {
            w.doubles(h.trainingLoss)
            w.doubles(h.objective)
            w.optional(h.validationLoss) { $0.doubles($1) }
        }
        w.string(csv)
        w.int(warnings.count)
        for d in warnings {
            w.string(d.severity)
            w.string(d.message)
            w.optional(d.line) { $0.int($1) }
            w.optional(d.column) { $0.int($1) }
        }
        w.bool(tables != nil)
        w.string(tables?.input ?? "")
        w.bool(tables?.inputIsDataFile ?? false)
        w.optional(tables?.split) { $0.string($1) }
        w.optional(historyCSV) { $0.string($1) }
        return w.data
    }

    /// Nil for a file that is not a complete record of this version.
    init?(encoded data: Data) {
        guard var r = BinaryRecordReader(data, magic: Self.magic),
              let modelName = r.string(), let modelDisplayName = r.string(),
              let task = r.string().flatMap(PredictionTask.init(rawValue:)),
              let featureNames = r.strings(), let targetName = r.string(), let standardized = r.bool(),
              let alphas = r.doubles(),
              let coefficients = r.array(minimumSize: 8, { $0.doubles() }),
              let intercepts = r.doubles(), let gaps = r.doubles(), let nullObjective = r.double(),
              let alphaMax = r.double(),
              let metricList = r.array(minimumSize: 16, { r -> (String, [Double])? in
                  guard let name = r.string(), let column = r.doubles() else { return nil }
                  return (name, column)
              }),
              let metricNames = r.strings(),
              let alphaMinIndex = r.optional({ $0.int() }), let alpha1SEIndex = r.optional({ $0.int() }),
              let entryOrder = r.strings(),
              let degree = r.optional({ $0.int() }), let transformNames = r.strings(), let shifts = r.doubles(),
              let scales = r.doubles(), let isConstant = r.array(minimumSize: 1, { $0.bool() }),
              let rowCount = r.int(), let trainCount = r.int(), let testCount = r.int(),
              let parameterFields = r.strings(), parameterFields.count == 5,
              let scale = PenaltyParameter.Scale(rawValue: parameterFields[4]),
              let penaltyValues = r.doubles(),
              let certificateName = r.string(), let parameterNames = r.strings(),
              let parameters = r.array(minimumSize: 8, { $0.doubles() }),
              let histories = r.array(minimumSize: 24, { r -> TrainingHistory? in
                  guard let training = r.doubles(), let objective = r.doubles(),
                        let validation = r.optional({ $0.doubles() }) else { return nil }
                  return TrainingHistory(trainingLoss: training, objective: objective, validationLoss: validation)
              }),
              let csv = r.string(),
              let warnings = r.array(minimumSize: 18, { r -> StoredDiagnostic? in
                  guard let severity = r.string(), let message = r.string(),
                        let line = r.optional({ $0.int() }), let column = r.optional({ $0.int() }) else { return nil }
                  return StoredDiagnostic(severity: severity, message: message, line: line, column: column)
              }),
              let hasTables = r.bool(), let input = r.string(), let inputIsDataFile = r.bool(),
              let split = r.optional({ $0.string() }),
              let historyCSV = r.optional({ $0.string() }),
              r.isAtEnd
        else { return nil }
        var metrics: [String: [Double]] = [:]
        for (name, column) in metricList { metrics[name] = column }
        let transform = FeatureTransform(polynomialDegree: degree, featureNames: transformNames, shifts: shifts,
                                         scales: scales, isConstant: isConstant)
        let result = ExperimentResult(
            modelName: modelName, modelDisplayName: modelDisplayName, task: task, featureNames: featureNames,
            targetName: targetName, standardized: standardized, alphas: alphas, coefficients: coefficients,
            intercepts: intercepts, dualityGaps: gaps, nullObjective: nullObjective, alphaMax: alphaMax, metrics: metrics,
            metricNames: metricNames, alphaMinIndex: alphaMinIndex, alpha1SEIndex: alpha1SEIndex, entryOrder: entryOrder,
            transform: transform, rowCount: rowCount, trainCount: trainCount, testCount: testCount,
            penaltyParameter: PenaltyParameter(key: parameterFields[0], column: parameterFields[1],
                                               axisName: parameterFields[2], symbol: parameterFields[3], scale: scale),
            penaltyValues: penaltyValues,
            certificateName: certificateName, parameterNames: parameterNames, parameters: parameters,
            histories: histories)
        self.init(result: result, csv: csv, warnings: warnings,
                  tables: hasTables ? ReproductionTables(input: input, split: split, inputIsDataFile: inputIsDataFile) : nil,
                  historyCSV: historyCSV)
    }
}
