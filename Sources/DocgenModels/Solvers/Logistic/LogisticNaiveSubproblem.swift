import Foundation

extension LogisticSolver {
    /// The proximal-Newton subproblem by coordinate descent with residual updates (O(n) per coordinate), for
    /// p ≥ n. `q` is the weighted working residual (y − p at the start); `deta` accumulates the change of η.
    func naiveSubproblem(_ features: [Int], w: [Double], q start: [Double], curvature: [Double],
                         l1: Double, l2: Double, relativeAccuracy: Double, floor innerTolerance: Double,
                         sweepBudget: Int, deta: inout [Double]) -> (b: [Double], b0: Double, sweeps: Int) {
        var b = beta, b0 = intercept
        var q = start
        var sweeps = 0
        var sumW = 0.0
        for i in 0..<n { sumW += w[i] }
        let invN = 1 / Double(n)
        func sweep(_ set: [Int]) -> Double {
            var decrease = x.withUnsafeBufferPointer { X in w.withUnsafeBufferPointer { W in
                q.withUnsafeMutableBufferPointer { Q in deta.withUnsafeMutableBufferPointer { D in
                    curvature.withUnsafeBufferPointer { C in b.withUnsafeMutableBufferPointer { B in
                        var model = WeightedResidualColumns(x: X.baseAddress!, rows: n, weights: W.baseAddress!,
                                                            working: Q.baseAddress!, etaChange: D.baseAddress!,
                                                            curvatures: C.baseAddress!, inverseRows: invN)
                        return CoordinateDescent.sweep(&model, B.baseAddress!, over: set, lambda1: l1, lambda2: l2)
                    } }
                } }
            } }
            // The intercept, unpenalized, moves last in each sweep: to the weighted mean of the working residual.
            guard fitIntercept else { return decrease }
            var s = 0.0
            for i in 0..<n { s += q[i] }
            let d0 = s / sumW
            if d0 != 0 {
                b0 += d0
                for i in 0..<n { q[i] -= w[i] * d0; deta[i] += d0 }
                decrease += 0.5 * sumW * invN * d0 * d0
            }
            return decrease
        }
        // Inexact inner solve: stop once a sweep gains little compared with the first sweep (the relative
        // accuracy tightens as the outer gap shrinks), or below a floor tied to the tolerance.
        var firstDecrease = -1.0
        while sweeps < sweepBudget {
            let dec = sweep(features); sweeps += 1
            if firstDecrease < 0 { firstDecrease = dec }
            let bound = max(innerTolerance, relativeAccuracy * firstDecrease)
            if dec <= bound { break }
            let active = features.filter { b[$0] != 0 }
            while sweeps < sweepBudget {
                let inner = sweep(active); sweeps += 1
                if inner <= bound { break }
            }
        }
        return (b, b0, sweeps)
    }
}
