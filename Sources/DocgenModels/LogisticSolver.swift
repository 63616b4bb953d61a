import CLapack
import Foundation

/// Warm-started proximal-Newton state for one logistic path (see `fitLogisticPath`).
struct LogisticSolver {
    let n: Int, p: Int
    let x: [Double]          // column-major n×p (model scale)
    let y: [Double]
    var beta: [Double]
    var intercept: Double
    var eta: [Double]        // β₀ + Xβ
    var inWorking: [Bool]
    var fullGradient: [Double]   // x_jᵀ(y − p)/n at the last full check

    init(z: Dataset, initialIntercept: Double) {
        n = z.rowCount; p = z.featureCount; x = z.x; y = z.y
        beta = [Double](repeating: 0, count: p)
        intercept = initialIntercept
        eta = [Double](repeating: initialIntercept, count: n)
        inWorking = [Bool](repeating: false, count: p)
        fullGradient = [Double](repeating: 0, count: p)
        computeFullGradient()
    }

    func trainingLossBelow(_ bound: Double) -> Bool {
        var loss = 0.0
        for i in 0..<n { loss += softplus(y[i] == 1 ? -eta[i] : eta[i]) }
        return loss / Double(n) < bound
    }

    private mutating func computeFullGradient() {
        var u = [Double](repeating: 0, count: n)
        for i in 0..<n { u[i] = y[i] - sigmoid(eta[i]) }
        guard p > 0 else { return }
        x.withUnsafeBufferPointer { xb in fullGradient.withUnsafeMutableBufferPointer { gb in
            cblas_dgemv(CblasColMajor, CblasTrans, Int32(n), Int32(p), 1 / Double(n), xb.baseAddress, Int32(n),
                        u, 1, 0, gb.baseAddress, 1)
        } }
    }

    private func objective(eta trial: [Double], beta b: [Double], features: [Int], l1: Double, l2: Double) -> Double {
        var loss = 0.0
        for i in 0..<n { loss += softplus(y[i] == 1 ? -trial[i] : trial[i]) }
        var pen = 0.0
        for j in features { pen += l1 * abs(b[j]) + 0.5 * l2 * b[j] * b[j] }
        return loss / Double(n) + pen
    }

    /// Makes Σ(y − σ(η)) ≈ 0 by 1-D Newton steps on the intercept (exact optimality in β₀ for the gap's dual).
    private mutating func polishIntercept() {
        for _ in 0..<50 {
            var s = 0.0, h = 0.0
            for i in 0..<n { let q = sigmoid(eta[i]); s += y[i] - q; h += q * (1 - q) }
            if h <= 0 { return }
            let step = s / h
            if !step.isFinite || abs(step) < 1e-15 * max(1, abs(intercept)) { return }
            intercept += step
            for i in 0..<n { eta[i] += step }
        }
    }

    private func gap(_ features: [Int], l1: Double, l2: Double) -> Double {
        x.withUnsafeBufferPointer { xb in
            logisticGap(x: xb.baseAddress!, n: n, y: y, eta: eta, beta: beta, features: features, lambda1: l1, lambda2: l2).gap
        }
    }

    /// Solves at (λ1, λ2) from the current point. Returns the final gap and whether it met the tolerance.
    mutating func solve(lambda1 l1: Double, lambda2 l2: Double, previousLambda1: Double, gapTolerance tol: Double,
                        maxIterations: Int) -> (gap: Double, converged: Bool) {
        let unpenalized = l1 == 0 && l2 == 0
        var working: [Int] = []
        let strongCut = 2 * l1 - previousLambda1
        for j in 0..<p where inWorking[j] || beta[j] != 0 || abs(fullGradient[j]) >= strongCut || unpenalized {
            working.append(j); inWorking[j] = true
        }
        var sweeps = 0, newtonSteps = 0
        let newtonLimit = min(maxIterations, 500)
        var currentGap = Double.infinity
        var decrementGap = Double.infinity
        while true {
            // Proximal Newton on the working set.
            while sweeps < maxIterations && newtonSteps < newtonLimit {
                polishIntercept()
                if unpenalized {
                    // Newton converges quadratically here: iterate well below the tolerance (or until rounding).
                    if decrementGap <= 1e-6 * tol { break }
                } else {
                    currentGap = gap(working, l1: l1, l2: l2)
                    if currentGap <= tol { break }
                }
                newtonSteps += 1
                let step = newtonStep(working, l1: l1, l2: l2, gapHint: unpenalized ? decrementGap : currentGap,
                                      tol: tol, sweepBudget: maxIterations - sweeps)
                sweeps += step.sweeps
                decrementGap = step.decrement
                if !step.moved { break }
            }
            computeFullGradient()
            var added = false
            for j in 0..<p where !inWorking[j] && abs(fullGradient[j]) > l1 {
                working.append(j); inWorking[j] = true; added = true
            }
            if added && sweeps < maxIterations && newtonSteps < newtonLimit { continue }
            if unpenalized {
                currentGap = decrementGap
            } else {
                currentGap = gap(Array(0..<p), l1: l1, l2: l2)
            }
            return (currentGap, currentGap <= tol && !added)
        }
    }

    /// One proximal-Newton step restricted to `features`. Returns sweeps used, whether the point moved, and the
    /// Newton-decrement estimate −½ ∇ᵀd of the suboptimality.
    private mutating func newtonStep(_ features: [Int], l1: Double, l2: Double, gapHint: Double, tol: Double,
                                     sweepBudget: Int) -> (sweeps: Int, moved: Bool, decrement: Double) {
        var w = [Double](repeating: 0, count: n)
        var q = [Double](repeating: 0, count: n)     // weighted working residual, starts at y − p
        for i in 0..<n {
            let prob = sigmoid(eta[i])
            w[i] = max(prob * (1 - prob), 1e-10)
            q[i] = y[i] - prob
        }
        let invN = 1 / Double(n)
        // Gradient of the smooth part at the current point (for the line-search condition).
        var grad0 = 0.0
        for i in 0..<n { grad0 -= q[i] }
        grad0 *= invN
        var gradient = [Double](repeating: 0, count: p)
        var curvature = [Double](repeating: 0, count: p)
        for j in features {
            var g = 0.0, h = 0.0
            let base = j * n
            for i in 0..<n { let v = x[base + i]; g += v * q[i]; h += w[i] * v * v }
            gradient[j] = -g * invN
            curvature[j] = h * invN
        }
        let innerTolerance = 1e-30 * max(tol, 1e-300)
        let relativeAccuracy = 1e-4
        var b: [Double], b0: Double, sweeps: Int
        var deta = [Double](repeating: 0, count: n)
        if n > features.count && features.count <= 2000 {
            (b, b0, sweeps) = weightedGramSubproblem(x: x, n: n, features: features, w: w, q: q, beta: beta,
                                                     intercept: intercept, l1: l1, l2: l2,
                                                     relativeAccuracy: relativeAccuracy, floor: innerTolerance,
                                                     sweepBudget: sweepBudget)
            let d0 = b0 - intercept
            for i in 0..<n { deta[i] = d0 }
            for j in features where b[j] != beta[j] {
                let delta = b[j] - beta[j], base = j * n
                for i in 0..<n { deta[i] += delta * x[base + i] }
            }
        } else {
            (b, b0, sweeps) = naiveSubproblem(features, w: w, q: q, curvature: curvature, l1: l1, l2: l2,
                                              relativeAccuracy: relativeAccuracy, floor: innerTolerance,
                                              sweepBudget: sweepBudget, deta: &deta)
        }
        // Direction and sufficient-decrease line search (Armijo on the composite objective).
        var slope = grad0 * (b0 - intercept)
        var penaltyChange = 0.0
        for j in features {
            slope += gradient[j] * (b[j] - beta[j])
            penaltyChange += l1 * (abs(b[j]) - abs(beta[j])) + 0.5 * l2 * (b[j] * b[j] - beta[j] * beta[j])
        }
        let predicted = slope + penaltyChange
        let decrement = max(-0.5 * slope, 0)
        if !(predicted < 0) { return (sweeps, false, decrement) }
        let f0 = objective(eta: eta, beta: beta, features: features, l1: l1, l2: l2)
        var t = 1.0, fTrial = f0
        var roundingLimited = false
        var trialEta = eta, trialBeta = beta
        while t > 1e-12 {
            for i in 0..<n { trialEta[i] = eta[i] + t * deta[i] }
            for j in features { trialBeta[j] = beta[j] + t * (b[j] - beta[j]) }
            fTrial = objective(eta: trialEta, beta: trialBeta, features: features, l1: l1, l2: l2)
            if fTrial <= f0 + 0.25 * t * predicted { break }
            // Near the optimum the decrease is below the rounding of the objective: accept the full Newton step
            // when it is tiny and does not increase the objective beyond rounding.
            let scale = max(1, abs(f0))
            if t == 1 && -predicted < 1e-10 * scale && fTrial <= f0 + 1e-14 * scale { roundingLimited = true; break }
            t *= 0.5
        }
        if t <= 1e-12 || !(fTrial < f0 || roundingLimited) {
            // Objective differences lost in rounding: take the full step if it certifiably shrinks the duality gap.
            guard -predicted < 1e-8 * max(1, abs(f0)), gapHint.isFinite, l1 + l2 > 0 else { return (sweeps, false, decrement) }
            for i in 0..<n { trialEta[i] = eta[i] + deta[i] }
            for j in features { trialBeta[j] = b[j] }
            let trialGap = x.withUnsafeBufferPointer { xb in
                logisticGap(x: xb.baseAddress!, n: n, y: y, eta: trialEta, beta: trialBeta, features: features,
                            lambda1: l1, lambda2: l2).gap
            }
            guard trialGap < gapHint else { return (sweeps, false, decrement) }
            t = 1
        }
        eta = trialEta
        if t == 1 { for j in features { trialBeta[j] = b[j] } }   // keep exact zeros of the full step
        beta = trialBeta
        intercept += t * (b0 - intercept)
        return (sweeps, true, decrement)
    }

    /// The proximal-Newton subproblem by coordinate descent with residual updates (O(n) per coordinate), for
    /// p ≥ n. `q` is the weighted working residual (y − p at the start); `deta` accumulates the change of η.
    private func naiveSubproblem(_ features: [Int], w: [Double], q start: [Double], curvature: [Double],
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
