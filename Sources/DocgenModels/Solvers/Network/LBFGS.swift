/// Limited-memory BFGS for a smooth objective, with a line search that meets the strong Wolfe conditions
/// (Nocedal & Wright, Numerical Optimization, algorithms 3.5, 3.6 and 7.4).
///
/// The caller owns the stopping rule: after every iteration `shouldStop` sees the new point, its value and its
/// gradient. Besides that and the iteration limit, the minimizer stops when it can make no more progress: a line
/// search that fails twice in a row (once from the quasi-Newton direction, once along −g after forgetting the
/// memory), or twenty iterations in a row that neither lower the value by more than rounding nor bring the
/// largest gradient entry below 0.9 × its smallest value so far.
struct LBFGSMinimizer {
    /// Number of (s, y) pairs kept (scipy's L-BFGS-B default, which scikit-learn's MLP uses).
    var memory = 10
    /// Sufficient decrease (Armijo) and curvature constants of the strong Wolfe conditions.
    var c1 = 1e-4, c2 = 0.9
    /// Evaluations allowed per line search.
    var maxEvaluations = 25
    /// How far f's computed value may be off, relative to |f|: values closer than this are treated as equal.
    var relativeRounding = 16 * Double.ulpOfOne

    enum Stop: Equatable {
        /// `shouldStop` returned true.
        case requested
        case iterationLimit
        /// No step lowers the value any more (rounding, or a kink).
        case stalled
    }

    /// Minimizes f from `x` (updated in place). `f(x, &g)` returns f(x) and writes ∇f(x) to g. `value` and
    /// `gradient` must hold f and ∇f at the starting x; they are updated with x. `shouldStop` is asked before the
    /// first iteration (with iteration 0) and after each one.
    func minimize(_ x: inout [Double], value: inout Double, gradient: inout [Double], maxIterations: Int,
                  f: (UnsafePointer<Double>, UnsafeMutablePointer<Double>) -> Double,
                  shouldStop: (_ iteration: Int, _ x: [Double], _ value: Double, _ gradient: [Double]) -> Bool)
        -> (stop: Stop, iterations: Int)
    {
        let m = x.count
        if shouldStop(0, x, value, gradient) { return (.requested, 0) }
        var pairs = QuasiNewtonMemory(capacity: memory)
        var direction = [Double](repeating: 0, count: m)
        var trialX = [Double](repeating: 0, count: m), trialG = [Double](repeating: 0, count: m)
        var progress = ProgressWatch(gradient: gradient)
        var iteration = 0
        while iteration < maxIterations {
            pairs.descentDirection(for: gradient, into: &direction)
            var slope = ParameterMath.dot(gradient, direction)
            if !(slope < 0) {
                // Not a descent direction (rounding in the memory): start over from steepest descent.
                pairs.reset()
                pairs.descentDirection(for: gradient, into: &direction)
                slope = ParameterMath.dot(gradient, direction)
                if !(slope < 0) { return (.stalled, iteration) }
            }
            let steepestStep = min(1, 1 / max(ParameterMath.norm2(gradient), 1e-300))
            var search = lineSearch(x, value, slope, direction, initialStep: pairs.isEmpty ? steepestStep : 1,
                                    &trialX, &trialG, f)
            if search == nil && !pairs.isEmpty {
                pairs.reset()
                pairs.descentDirection(for: gradient, into: &direction)
                slope = ParameterMath.dot(gradient, direction)
                search = lineSearch(x, value, slope, direction, initialStep: steepestStep, &trialX, &trialG, f)
            }
            guard let (step, newValue) = search else { return (.stalled, iteration) }
            pairs.remember(step: step, direction: direction, oldGradient: gradient, newGradient: trialG)
            let previousValue = value
            swap(&x, &trialX)
            swap(&gradient, &trialG)
            value = newValue
            iteration += 1
            if shouldStop(iteration, x, value, gradient) { return (.requested, iteration) }
            if progress.stalled(previous: previousValue, value: value, gradient: gradient) { return (.stalled, iteration) }
        }
        return (.iterationLimit, iteration)
    }

    /// A step along `direction` meeting the strong Wolfe conditions or, where values differ by no more than rounding,
    /// Hager and Zhang's approximate Wolfe conditions (the slope alone decides: φ′(t) in [c2·φ′(0), −0.8·φ′(0)] with
    /// φ(t) ≤ φ(0) + rounding); the point and its gradient are left in `trialX`, `trialG`. Failing both within the
    /// evaluation budget, the best step with sufficient decrease; nil when no tried step lowered the value.
    private func lineSearch(_ x: [Double], _ value: Double, _ slope: Double, _ direction: [Double], initialStep: Double,
                            _ trialX: inout [Double], _ trialG: inout [Double],
                            _ f: (UnsafePointer<Double>, UnsafeMutablePointer<Double>) -> Double) -> (Double, Double)? {
        let m = x.count
        let rounding = relativeRounding * abs(value)
        var evaluations = 0
        /// φ(t) and φ′(t), with the point kept in trialX/trialG.
        func phi(_ t: Double) -> (Double, Double) {
            evaluations += 1
            for k in 0..<m { trialX[k] = x[k] + t * direction[k] }
            let v = trialX.withUnsafeBufferPointer { xp in
                trialG.withUnsafeMutableBufferPointer { gp in f(xp.baseAddress!, gp.baseAddress!) }
            }
            return (v.isNaN ? .infinity : v, ParameterMath.dot(trialG, direction))
        }
        func armijo(_ t: Double, _ v: Double) -> Bool { v <= value + c1 * t * slope }
        func acceptable(_ t: Double, _ v: Double, _ d: Double) -> Bool {
            (armijo(t, v) && abs(d) <= -c2 * slope) || (v <= value + rounding && d >= c2 * slope && d <= -0.8 * slope)
        }
        // The best step with sufficient decrease seen so far (returned if the search runs out of evaluations).
        var best: (t: Double, v: Double)?
        var lo: (t: Double, v: Double, d: Double) = (0, value, slope)
        var hi: (t: Double, v: Double, d: Double)?
        var t = initialStep
        while evaluations < maxEvaluations {
            let (v, d) = phi(t)
            if acceptable(t, v, d) { return (t, v) }
            if armijo(t, v) && v < value && v < (best?.v ?? .infinity) { best = (t, v) }
            // Keep a bracket [lo, hi] of the first minimizer along the line: lo descends and is no worse than the
            // start (within rounding), hi has a rising slope or a value above the sufficient-decrease line.
            if !v.isFinite || d >= 0 || !(armijo(t, v) || v <= value + rounding) {
                hi = (t, v, d)
            } else {
                lo = (t, v, d)
            }
            guard let upper = hi else { t *= 4; continue }
            let a = min(lo.t, upper.t), b = max(lo.t, upper.t)
            if b - a <= 1e-16 * max(b, 1e-300) { break }
            t = cubicMinimizer(lo, upper)
            let margin = 0.1 * (b - a)
            if !t.isFinite || t < a + margin || t > b - margin { t = 0.5 * (a + b) }
        }
        guard let best else { return nil }
        let (v, _) = phi(best.t)   // leaves the point in trialX/trialG
        return (best.t, v)
    }

    /// The minimizer of the cubic through two points with their values and slopes (NaN when it has none).
    private func cubicMinimizer(_ p: (t: Double, v: Double, d: Double), _ q: (t: Double, v: Double, d: Double)) -> Double {
        guard p.v.isFinite, q.v.isFinite else { return .nan }
        let d1 = p.d + q.d - 3 * (p.v - q.v) / (p.t - q.t)
        let radicand = d1 * d1 - p.d * q.d
        guard radicand >= 0 else { return .nan }
        let d2 = (q.t > p.t ? 1.0 : -1.0) * radicand.squareRoot()
        return q.t - (q.t - p.t) * (q.d + d2 - d1) / (q.d - p.d + 2 * d2)
    }
}

/// The (s, y) pairs of a limited-memory BFGS method: steps s_k = x_{k+1} − x_k and gradient changes
/// y_k = ∇f(x_{k+1}) − ∇f(x_k), the oldest dropped beyond `capacity`, and the two-loop recursion that applies
/// the inverse Hessian approximation H they define (scaled by sᵀy / yᵀy of the newest pair).
struct QuasiNewtonMemory {
    let capacity: Int
    private var s: [[Double]] = [], y: [[Double]] = [], rho: [Double] = []
    private var coefficients: [Double]
    /// Whether the memory keeps the pairs' dot products below (the compact form `CompactHessian` needs them; the
    /// two-loop recursion does not).
    let keepsDotProducts: Bool
    /// With `keepsDotProducts`, for the pairs as stored (oldest first): stepDots[i][j] = s_iᵀs_j and
    /// stepChangeDots[i][j] = s_iᵀy_j for j ≤ i, and changeSquares[i] = y_iᵀy_i; each computed once, when pair i is
    /// stored, as `ParameterMath.dot`.
    private(set) var stepDots: [[Double]] = [], stepChangeDots: [[Double]] = [], changeSquares: [Double] = []

    init(capacity: Int, keepsDotProducts: Bool = false) {
        self.capacity = capacity
        self.keepsDotProducts = keepsDotProducts
        coefficients = [Double](repeating: 0, count: capacity)
    }

    var isEmpty: Bool { s.isEmpty }
    /// The stored steps and gradient changes, oldest first.
    var steps: [[Double]] { s }
    var gradientChanges: [[Double]] { y }

    mutating func reset() {
        s.removeAll(); y.removeAll(); rho.removeAll()
        stepDots.removeAll(); stepChangeDots.removeAll(); changeSquares.removeAll()
    }

    /// direction = −H·v (−v with no pairs).
    mutating func descentDirection(for v: [Double], into direction: inout [Double]) {
        for k in v.indices { direction[k] = -v[k] }
        let stored = s.count
        guard stored > 0 else { return }
        for j in stride(from: stored - 1, through: 0, by: -1) {
            let a = rho[j] * ParameterMath.dot(s[j], direction)
            coefficients[j] = a
            ParameterMath.axpy(-a, y[j], &direction)
        }
        let last = stored - 1
        let gamma = ParameterMath.dot(s[last], y[last]) / ParameterMath.dot(y[last], y[last])
        for k in direction.indices { direction[k] *= gamma }
        for j in 0..<stored {
            let b = rho[j] * ParameterMath.dot(y[j], direction)
            ParameterMath.axpy(coefficients[j] - b, s[j], &direction)
        }
    }

    /// Stores the pair of a step `step`·`direction` (or of the actual move `moved`, when given), unless its
    /// curvature sᵀy is not clearly positive.
    mutating func remember(step: Double, direction: [Double], oldGradient: [Double], newGradient: [Double],
                           moved: [Double]? = nil) {
        let m = direction.count
        var sk = [Double](repeating: 0, count: m), yk = [Double](repeating: 0, count: m)
        for k in 0..<m {
            sk[k] = moved?[k] ?? step * direction[k]
            yk[k] = newGradient[k] - oldGradient[k]
        }
        let sy = ParameterMath.dot(sk, yk), yy = ParameterMath.dot(yk, yk)
        guard sy > 1e-12 * yy else { return }
        if s.count == capacity {
            s.removeFirst(); y.removeFirst(); rho.removeFirst()
            if keepsDotProducts {
                stepDots.removeFirst(); stepChangeDots.removeFirst(); changeSquares.removeFirst()
                for i in stepDots.indices { stepDots[i].removeFirst(); stepChangeDots[i].removeFirst() }
            }
        }
        s.append(sk); y.append(yk); rho.append(1 / sy)
        guard keepsDotProducts else { return }
        stepDots.append(s.map { ParameterMath.dot(sk, $0) })
        stepChangeDots.append(y.dropLast().map { ParameterMath.dot(sk, $0) } + [sy])   // s_kᵀy_k is sy
        changeSquares.append(yy)
    }
}

/// Decides that a minimizer has stalled: twenty iterations in a row that neither lower the value by more than
/// rounding nor bring the largest entry of the (pseudo-)gradient below 0.9 × its smallest value so far.
struct ProgressWatch {
    private var flat = 0
    private var smallest: Double

    init(gradient: [Double]) { smallest = ProgressWatch.largestEntry(gradient) }

    static func largestEntry(_ v: [Double]) -> Double { v.reduce(0) { max($0, abs($1)) } }

    mutating func stalled(previous: Double, value: Double, gradient: [Double]) -> Bool {
        let largest = ProgressWatch.largestEntry(gradient)
        if previous - value > 4 * Double.ulpOfOne * abs(value) || largest < 0.9 * smallest { flat = 0 } else { flat += 1 }
        smallest = min(smallest, largest)
        return flat >= 20
    }
}

/// Sums over parameter vectors, each in increasing index (a fixed order: the same bytes everywhere).
enum ParameterMath {
    /// Σ a_k b_k.
    @inline(__always)
    static func dot(_ a: [Double], _ b: [Double]) -> Double {
        var s = 0.0
        for k in a.indices { s += a[k] * b[k] }
        return s
    }

    /// y += a·x.
    @inline(__always)
    static func axpy(_ a: Double, _ x: [Double], _ y: inout [Double]) {
        for k in x.indices { y[k] += a * x[k] }
    }

    /// ‖v‖₂.
    @inline(__always)
    static func norm2(_ v: [Double]) -> Double { dot(v, v).squareRoot() }
}
