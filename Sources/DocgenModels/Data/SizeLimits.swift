import Foundation

/// The largest sizes docgen fits, and the checked products of user-supplied counts that size memory and work.
///
/// Every count an author writes (`n`, `p`, `folds`, the number of α, a polynomial degree) and every product of
/// them that sizes an allocation or a loop is checked against these limits where it is read, with overflow-checked
/// multiplication, so no input can trap on overflow or ask for an allocation the machine cannot make. The limits
/// are stated in Content/README.md; they are far above what a course needs.
public enum SizeLimits {
    /// Rows of a generated data set.
    public static let maximumRows = 1_000_000
    /// Features of a generated data set.
    public static let maximumFeatures = 100_000
    /// Values in a design matrix (rows × model features, after a polynomial expansion): 200 MB of doubles, room for a million rows of 24 columns.
    public static let maximumCells = 25_000_000
    /// Values in a coefficient path (α count × model features).
    public static let maximumPathCells = 20_000_000
    /// Cross-validation folds.
    public static let maximumFolds = 1_000
    /// Coordinate-descent sweeps per α.
    public static let maximumIterations = 10_000_000
    /// An upper estimate of the work of one experiment, in value visits: the family's work per α
    /// (`ModelFamily.workPerAlpha`, rows × features for the linear families) × α count × (folds + 1). About an hour
    /// of solver time on one core at the largest; a course's experiments are 10⁴ to 10⁶ times smaller.
    public static let maximumWork = 100_000_000_000.0
    /// The same for a family trained epoch by epoch, whose work per α is rows × parameters × epochs × starts: one
    /// visit is a multiply-add of the forward or backward pass, and about an hour is ten times as many. The course's
    /// networks, at their epoch limits, are 60 to 6,000 times below it.
    public static let maximumEpochWork = 1_000_000_000_000.0

    /// `a × b × …` when it does not overflow, else nil.
    public static func product(_ factors: Int...) -> Int? {
        var result = 1
        for f in factors {
            let (value, overflow) = result.multipliedReportingOverflow(by: max(f, 0))
            if overflow { return nil }
            result = value
        }
        return result
    }

    /// Nil when `value` (nil meaning it overflowed) is at most `limit`, else the message saying so; `what` names
    /// the product in words (`"n × p"`).
    public static func excess(_ value: Int?, limit: Int, what: String) -> String? {
        guard let value else { return "\(what) is too large (it overflows); the limit is \(grouped(limit))" }
        return value > limit ? "\(what) is \(grouped(value)); the limit is \(grouped(limit))" : nil
    }

    /// The first size problem of fitting `rows` × `features` raw values with `spec` (polynomial expansion, α count,
    /// folds), or nil. `key` in the result names the option to blame.
    public static func problem(rows: Int, features: Int, spec: ExperimentSpec) -> (key: String, message: String)? {
        let modelFeatures = spec.polynomialDegree.map { max($0, 1) } ?? features
        if let m = excess(product(rows, modelFeatures), limit: maximumCells,
                          what: spec.polynomialDegree == nil ? "rows × features (\(grouped(rows)) × \(grouped(features)))"
                              : "rows × polynomial degree (\(grouped(rows)) × \(modelFeatures))") {
            return (spec.polynomialDegree == nil ? "data" : "polynomial", m)
        }
        if let m = excess(product(spec.alphaCount, modelFeatures), limit: maximumPathCells,
                          what: "α count × features (\(grouped(spec.alphaCount)) × \(grouped(modelFeatures)))") {
            return ("alphas", m)
        }
        let perAlpha = spec.family.workPerAlpha(rows: rows, features: modelFeatures)
        let work = perAlpha.values * Double(spec.alphaCount) * Double((spec.cv?.folds ?? 0) + 1)
        let epochs = spec.family.trainsByEpoch
        let limit = epochs ? maximumEpochWork : maximumWork
        if work > limit {
            return (epochs ? "max_epochs" : spec.cv == nil ? "alphas" : "cv",
                    "this fit would visit about \(String(format: "%.1e", work)) values (\(perAlpha.counted) × α count × "
                    + "(folds + 1)); the limit is \(String(format: "%.0e", limit)): use fewer "
                    + (epochs ? "epochs, α, rows or hidden units" : "α, folds or rows"))
        }
        return nil
    }

    /// `1234567` → `1,234,567`.
    public static func grouped(_ n: Int) -> String {
        let digits = String(n.magnitude)
        var out = ""
        for (k, c) in digits.enumerated() {
            if k > 0 && (digits.count - k) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return n < 0 ? "-" + out : out
    }
}
