import Foundation

/// Warm-started proximal-Newton state for one logistic path (see `fitLogisticPath`).
///
/// Per-sample loss terms are cached in `margins` (one exp and one log1p per sample whenever η changes): the line
/// search's accepted trial becomes the new cache, and the duality gap, the KKT gradient and the IRLS weights are all
/// read from it. Rows are kept sorted by class (y = 1 first), which the certificate uses; β and β₀ do not depend
/// on the row order. Without an intercept (`fitIntercept` false) β₀ stays 0: no intercept steps, no weighted
/// centering in the Newton model, and the certificate's dual drops the constraint Σθ = 0.
struct LogisticSolver {
    let n: Int, p: Int
    let x: [Double]          // column-major n×p (model scale), rows sorted by class
    let y: [Double]          // sorted: 1 for rows 0..<positiveCount, 0 after
    let positiveCount: Int
    /// Whether β₀ is a variable (else it stays 0).
    let fitIntercept: Bool
    var beta: [Double]
    var intercept: Double
    var margins: LogisticMargins  // at η = β₀ + Xβ
    private var trial: LogisticMargins   // line-search buffer
    var inWorking: [Bool]
    var fullGradient: [Double]   // x_jᵀ(y − p)/n at the current point (after `certify` or `computeFullGradient`)
    private let allFeatures: [Int]

    var eta: [Double] { margins.eta }

    init(z: Dataset, initialIntercept: Double, fitIntercept: Bool = true) {
        n = z.rowCount; p = z.featureCount
        self.fitIntercept = fitIntercept
        let order = (0..<n).filter { z.y[$0] == 1 } + (0..<n).filter { z.y[$0] != 1 }
        positiveCount = order.prefix { z.y[$0] == 1 }.count
        y = order.map { z.y[$0] }
        var sorted = [Double](repeating: 0, count: n * p)
        for j in 0..<p { for (r, i) in order.enumerated() { sorted[j * n + r] = z.x[j * n + i] } }
        x = sorted
        beta = [Double](repeating: 0, count: p)
        intercept = fitIntercept ? initialIntercept : 0
        margins = LogisticMargins(eta: [Double](repeating: intercept, count: n), y: y)
        trial = margins
        inWorking = [Bool](repeating: false, count: p)
        fullGradient = [Double](repeating: 0, count: p)
        allFeatures = Array(0..<p)
        computeFullGradient()
    }

    func trainingLossBelow(_ bound: Double) -> Bool { margins.meanLoss < bound }

    /// u_i = y_i − σ(η_i) from the cache.
    private func residual() -> [Double] {
        var u = [Double](repeating: 0, count: n)
        for i in 0..<n { u[i] = y[i] == 1 ? margins.wrong[i] : -margins.wrong[i] }
        return u
    }

    private mutating func computeFullGradient() {
        let u = residual()
        let invN = 1 / Double(n)
        x.withUnsafeBufferPointer { xb in u.withUnsafeBufferPointer { ub in
            for j in 0..<p { fullGradient[j] = dot(xb.baseAddress! + j * n, ub.baseAddress!, count: n) * invN }
        } }
    }

    /// λ1‖b_S‖₁ + (λ2/2)‖b_S‖² over `features`.
    private func penalty(_ b: [Double], _ features: [Int], l1: Double, l2: Double) -> Double {
        var pen = 0.0
        for j in features { pen += l1 * abs(b[j]) + 0.5 * l2 * b[j] * b[j] }
        return pen
    }

    /// Makes Σ(y − σ(η)) ≈ 0 by 1-D Newton steps on the intercept (exact optimality in β₀ for the gap's dual).
    private mutating func polishIntercept(relativeStep: Double = 1e-15) {
        guard fitIntercept else { return }
        for _ in 0..<50 {
            var s = 0.0, h = 0.0
            for i in 0..<n { let r = margins.wrong[i]; s += y[i] == 1 ? r : -r; h += r * (1 - r) }
            if h <= 0 { return }
            let step = s / h
            if !step.isFinite || abs(step) < relativeStep * max(1, abs(intercept)) { return }
            intercept += step
            for i in 0..<n { margins.eta[i] += step }
            margins.refresh(y: y)
        }
    }

    /// Certified duality gap over all features at the current point; also refreshes `fullGradient`.
    private mutating func certify(l1: Double, l2: Double) -> Double {
        let margins = self.margins, beta = self.beta, positives = positiveCount, balanced = fitIntercept
        return x.withUnsafeBufferPointer { xb in fullGradient.withUnsafeMutableBufferPointer { gb in
            logisticCertificate(x: xb.baseAddress!, positiveCount: positives, margins: margins, beta: beta,
                                lambda1: l1, lambda2: l2, gradient: gb.baseAddress, intercept: balanced).gap
        } }
    }

    /// The certified duality gap at the current point for (λ1, λ2), without moving it.
    mutating func certifiedGap(lambda1 l1: Double, lambda2 l2: Double) -> Double { certify(l1: l1, l2: l2) }

    /// Linear predictor along the path: moves the start to β + r(β − β_prev), b₀ + r(b₀ − b₀_prev) if that lowers
    /// the objective at (λ1, λ2). Coefficients that are zero, or would change sign, stay at zero. Returns whether
    /// the start moved.
    @discardableResult
    mutating func extrapolate(previousBeta: [Double], previousIntercept: Double, ratio r: Double,
                              lambda1 l1: Double, lambda2 l2: Double) -> Bool {
        guard r > 0, r.isFinite, previousBeta.count == p else { return false }
        var candidate = beta
        var direction = [Double](repeating: r * (intercept - previousIntercept), count: n)
        var changed = direction.first.map { $0 != 0 } ?? false
        x.withUnsafeBufferPointer { xb in direction.withUnsafeMutableBufferPointer { d in
            for j in 0..<p where beta[j] != 0 {
                var value = beta[j] + r * (beta[j] - previousBeta[j])
                if value * beta[j] <= 0 { value = 0 }
                let delta = value - beta[j]
                guard delta != 0 else { continue }
                candidate[j] = value; changed = true
                let col = xb.baseAddress! + j * n
                for i in 0..<n { d[i] += delta * col[i] }
            }
        } }
        guard changed else { return false }
        trial.set(base: margins.eta, step: 1, direction: direction, y: y)
        let before = margins.meanLoss + penalty(beta, allFeatures, l1: l1, l2: l2)
        let after = trial.meanLoss + penalty(candidate, allFeatures, l1: l1, l2: l2)
        guard after < before else { return false }
        swap(&margins, &trial)
        beta = candidate
        intercept += r * (intercept - previousIntercept)
        return true
    }

    /// Solves at (λ1, λ2) from the current point. Returns the final gap and whether it met the tolerance.
    ///
    /// The certified gap over all features is evaluated before every Newton step (it is the stopping test, and the
    /// same pass yields the gradient for the KKT check and the step's line search). Features outside the working
    /// set that violate |x_jᵀ(y − p)/n| ≤ λ1 join it as soon as they are seen.
    mutating func solve(lambda1 l1: Double, lambda2 l2: Double, previousLambda1: Double, gapTolerance tol: Double,
                        maxIterations: Int) -> (gap: Double, converged: Bool) {
        let unpenalized = l1 == 0 && l2 == 0
        var working: [Int] = []
        let strongCut = 2 * l1 - previousLambda1
        for j in 0..<p where inWorking[j] || beta[j] != 0 || abs(fullGradient[j]) >= strongCut || unpenalized {
            working.append(j); inWorking[j] = true
        }
        if unpenalized { return solveUnpenalized(working, tol: tol, maxIterations: maxIterations) }
        var sweeps = 0, newtonSteps = 0
        let newtonLimit = min(maxIterations, 500)
        var polished = false
        while true {
            let currentGap = certify(l1: l1, l2: l2)
            if currentGap <= tol {
                // The certificate weighs an intercept error only to second order: make the intercept exact (to 1e-7
                // relative) once, and certify the polished point again.
                if polished { return (currentGap, true) }
                polished = true
                refine(working, l1: l1, l2: l2, certifiedGap: currentGap, tol: tol,
                       sweepBudget: max(maxIterations - sweeps, 1))
                let before = intercept
                polishIntercept(relativeStep: 1e-7)
                if intercept == before { return (certify(l1: l1, l2: l2), true) }
                continue
            }
            var added = false
            for j in 0..<p where !inWorking[j] && abs(fullGradient[j]) > l1 {
                working.append(j); inWorking[j] = true; added = true
            }
            guard sweeps < maxIterations && newtonSteps < newtonLimit else { return (currentGap, false) }
            newtonSteps += 1
            let step = newtonStep(working, l1: l1, l2: l2, gapHint: currentGap, tol: tol,
                                  sweepBudget: maxIterations - sweeps)
            sweeps += step.sweeps
            if !step.moved && !added {
                // Rounding stalls the joint step (typically β = 0 above α_max at a tight tolerance): a 1-D Newton
                // polish of the intercept may still shrink the gap.
                let before = intercept
                polishIntercept()
                if intercept == before { return (currentGap, false) }
            }
        }
    }

    /// Newton steps beyond the certified tolerance, taken whole (at most 8), until they no longer move any
    /// coefficient by more than 1e-15 of the largest. Close to the optimum a certified gap far below the tolerance can
    /// still leave errors of order √(gap/μ) along directions of small curvature μ, because objective values cannot
    /// resolve smaller changes; Newton's method converges there quadratically in the gradient, as scikit-learn's Newton
    /// solvers do, so a step or two brings the coefficients to within rounding of the optimum (and to agreement with
    /// scikit-learn well beyond 1e-6). The refined point is kept only if its certified gap stays within the tolerance.
    ///
    /// The steps move the nonzero coefficients only (the others satisfy the certified optimality conditions), with
    /// the exact Gram-matrix model, which needs fewer of them than rows; with as many nonzero coefficients as rows
    /// or more (an L2 penalty on wide data) the inner solve would be coordinate descent to rounding, far too slow,
    /// and the point stays as certified.
    private mutating func refine(_ features: [Int], l1: Double, l2: Double, certifiedGap: Double, tol: Double,
                                 sweepBudget: Int) {
        let support = features.filter { beta[$0] != 0 }
        guard !support.isEmpty, support.count < n, support.count <= 2000 else { return }
        let saved = (beta, intercept, margins)
        for _ in 0..<8 {
            let before = beta
            let step = newtonStep(support, l1: l1, l2: l2, gapHint: certifiedGap, tol: tol * 1e-8,
                                  sweepBudget: sweepBudget, fullStep: true)
            if !step.moved { break }
            computeFullGradient()   // the next step starts from here
            let size = beta.reduce(0) { max($0, abs($1)) }
            let change = zip(beta, before).reduce(0) { max($0, abs($1.0 - $1.1)) }
            if change <= 1e-15 * size { break }
        }
        if !(certify(l1: l1, l2: l2) <= tol) {
            (beta, intercept, margins) = saved
            computeFullGradient()
        }
    }

    /// α = 0: no bounded dual exists, so Newton iterates until its decrement estimate ½ gᵀH⁻¹g is far below the
    /// tolerance (quadratic convergence) or rounding stops it; that estimate is the reported (uncertified) gap.
    private mutating func solveUnpenalized(_ working: [Int], tol: Double, maxIterations: Int)
        -> (gap: Double, converged: Bool) {
        var sweeps = 0, newtonSteps = 0
        let newtonLimit = min(maxIterations, 500)
        var decrementGap = Double.infinity
        while sweeps < maxIterations && newtonSteps < newtonLimit {
            polishIntercept()
            if decrementGap <= 1e-6 * tol { break }
            computeFullGradient()
            newtonSteps += 1
            let step = newtonStep(working, l1: 0, l2: 0, gapHint: decrementGap, tol: tol,
                                  sweepBudget: maxIterations - sweeps)
            sweeps += step.sweeps
            decrementGap = step.decrement
            if !step.moved { break }
        }
        computeFullGradient()
        return (decrementGap, decrementGap <= tol)
    }

    /// One proximal-Newton step restricted to `features`, from the current point (whose `fullGradient` must be
    /// current). Returns sweeps used, whether the point moved, and the Newton-decrement estimate −½ ∇ᵀd of the
    /// suboptimality.
    /// With `fullStep` the step is taken whole, without a line search (for `refine`, near the optimum, where the
    /// objective's rounding hides the gains a line search would look for).
    private mutating func newtonStep(_ features: [Int], l1: Double, l2: Double, gapHint: Double, tol: Double,
                                     sweepBudget: Int, fullStep: Bool = false)
        -> (sweeps: Int, moved: Bool, decrement: Double) {
        var w = [Double](repeating: 0, count: n)
        var q = [Double](repeating: 0, count: n)     // weighted working residual, starts at y − p
        var sumQ = 0.0
        for i in 0..<n {
            let r = margins.wrong[i]
            w[i] = max(r * (1 - r), 1e-10)
            q[i] = y[i] == 1 ? r : -r
            sumQ += q[i]
        }
        let invN = 1 / Double(n)
        // Gradient of the smooth part at the current point (for the line-search condition).
        let grad0 = -sumQ * invN
        let innerTolerance = 1e-30 * max(tol, 1e-300)
        // A full step needs the exact Newton direction: the subproblem to rounding, every row in the curvature.
        let relativeAccuracy = fullStep ? 1e-15 : 1e-4
        var b: [Double], b0: Double, sweeps: Int
        var deta = [Double](repeating: 0, count: n)
        if n > features.count && features.count <= 2000 {
            let metric = GramMetric(x: x, n: n, features: features, w: w, centered: fitIntercept,
                                    rowThreshold: fullStep ? 0 : 1e-6)
            (b, b0, sweeps) = gramSubproblem(metric: metric, n: n, lossGradient: fullGradient,
                                             residualSum: fitIntercept ? sumQ : 0,
                                             beta: beta, intercept: intercept, l1: l1, l2: l2,
                                             relativeAccuracy: relativeAccuracy, floor: innerTolerance,
                                             sweepBudget: sweepBudget)
            let d0 = b0 - intercept
            x.withUnsafeBufferPointer { xb in deta.withUnsafeMutableBufferPointer { d in
                for i in 0..<n { d[i] = d0 }
                for j in features where b[j] != beta[j] {
                    let delta = b[j] - beta[j], col = xb.baseAddress! + j * n
                    for i in 0..<n { d[i] += delta * col[i] }
                }
            } }
        } else {
            var curvature = [Double](repeating: 0, count: p)
            for j in features {
                var h = 0.0
                let base = j * n
                for i in 0..<n { let v = x[base + i]; h += w[i] * v * v }
                curvature[j] = h * invN
            }
            (b, b0, sweeps) = naiveSubproblem(features, w: w, q: q, curvature: curvature, l1: l1, l2: l2,
                                              relativeAccuracy: relativeAccuracy, floor: innerTolerance,
                                              sweepBudget: sweepBudget, deta: &deta)
        }
        // Direction and sufficient-decrease line search (Armijo on the composite objective).
        var slope = grad0 * (b0 - intercept)
        var penaltyChange = 0.0
        for j in features {
            slope -= fullGradient[j] * (b[j] - beta[j])
            penaltyChange += l1 * (abs(b[j]) - abs(beta[j])) + 0.5 * l2 * (b[j] * b[j] - beta[j] * beta[j])
        }
        let predicted = slope + penaltyChange
        let decrement = max(-0.5 * slope, 0)
        if fullStep {
            // Within the certified tolerance: the full step, whatever rounding says about the objective (the caller
            // re-certifies).
            let moved = features.contains { b[$0] != beta[$0] } || b0 != intercept
            guard moved, b.allSatisfy(\.isFinite), b0.isFinite else { return (sweeps, false, decrement) }
            trial.set(base: margins.eta, step: 1, direction: deta, y: y)
            swap(&margins, &trial)
            for j in features { beta[j] = b[j] }
            intercept = b0
            return (sweeps, true, decrement)
        }
        if !(predicted < 0) { return (sweeps, false, decrement) }
        let f0 = margins.meanLoss + penalty(beta, features, l1: l1, l2: l2)
        var t = 1.0, fTrial = f0
        var roundingLimited = false
        var trialBeta = beta
        while t > 1e-12 {
            trial.set(base: margins.eta, step: t, direction: deta, y: y)
            for j in features { trialBeta[j] = beta[j] + t * (b[j] - beta[j]) }
            fTrial = trial.meanLoss + penalty(trialBeta, features, l1: l1, l2: l2)
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
            trial.set(base: margins.eta, step: 1, direction: deta, y: y)
            for j in features { trialBeta[j] = b[j] }
            let trialMargins = trial, positives = positiveCount, balanced = fitIntercept
            let trialGap = x.withUnsafeBufferPointer { xb in
                logisticCertificate(x: xb.baseAddress!, positiveCount: positives, margins: trialMargins,
                                    beta: trialBeta, lambda1: l1, lambda2: l2, gradient: nil, intercept: balanced).gap
            }
            guard trialGap < gapHint else { return (sweeps, false, decrement) }
            t = 1
        }
        swap(&margins, &trial)
        if t == 1 { for j in features { trialBeta[j] = b[j] } }   // keep exact zeros of the full step
        beta = trialBeta
        intercept += t * (b0 - intercept)
        return (sweeps, true, decrement)
    }
}
