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
            var decrease = 0.0
            for j in set {
                let h = curvature[j], a = h + l2
                if a <= 0 { continue }
                let base = j * n
                var g = 0.0
                for i in 0..<n { g += x[base + i] * q[i] }
                g *= invN
                let old = b[j]
                let new = softThreshold(h * old + g, l1) / a
                if new != old {
                    let delta = new - old
                    b[j] = new
                    for i in 0..<n { let v = x[base + i] * delta; q[i] -= w[i] * v; deta[i] += v }
                    decrease += 0.5 * a * delta * delta
                }
            }
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
