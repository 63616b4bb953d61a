import Foundation

/// Where a curve of train and test scores shows under- and overfitting, read from the numbers rather than assumed
/// from the side of the best point (`regions: true` on scores and complexity figures).
///
/// Points are given in order of growing model complexity (decreasing α, increasing degree). With τ = 5 % of the
/// best test score's magnitude, or of the range of the test curve if that is larger, a point is **overfit** when it is more complex than the best point, its test score is
/// worse than the best by more than τ, and its train–test gap exceeds the gap at the best point by more than τ; it
/// is **underfit** when it is simpler than the best point and both its test and its train score are worse than at
/// the best point by more than τ. Each region runs from the nearest such point to the end of the grid, so the
/// shading never covers a point that does not meet its condition on the near side.
public struct FittingRegimes: Sendable, Equatable {
    /// The simplest points up to and including this index are underfit (nil: none).
    public var underfitThrough: Int?
    /// The most complex points from this index on are overfit (nil: none).
    public var overfitFrom: Int?

    /// `train` and `test` in order of growing complexity; `higherIsBetter` for R² and accuracy, false for errors.
    public init(train: [Double], test: [Double], higherIsBetter: Bool, best: Int) {
        let finite = test.filter(\.isFinite)
        guard let lo = finite.min(), let hi = finite.max(), train.count == test.count, test.indices.contains(best) else { return }
        let tau = 0.05 * max(hi - lo, abs(test[best]))
        // "worse by more than τ" in the metric's direction.
        func worse(_ a: Double, than b: Double) -> Bool { higherIsBetter ? a < b - tau : a > b + tau }
        func gap(_ k: Int) -> Double { higherIsBetter ? train[k] - test[k] : test[k] - train[k] }
        let overfit = test.indices.filter { k in
            k > best && test[k].isFinite && worse(test[k], than: test[best]) && gap(k) > gap(best) + tau
        }
        let underfit = test.indices.filter { k in
            k < best && test[k].isFinite && worse(test[k], than: test[best]) && worse(train[k], than: train[best])
        }
        overfitFrom = overfit.min()
        underfitThrough = underfit.max()
    }
}
