/// Proximal quasi-Newton for F(θ) = S(θ) + λ‖w‖₁, S smooth and the L1 term on the first `weightCount` entries of
/// θ (the weights) only: each iteration minimizes the model
///
///     q(d) = ∇S(θ)·d + ½ dᵀBd + λ‖w + d‖₁
///
/// with B the L-BFGS approximation of S's Hessian in its compact form B = σI − W·M·Wᵀ (Byrd, Nocedal & Schnabel
/// 1994) by a few sweeps of coordinate descent (each coordinate's minimizer in closed form: a soft-threshold for
/// a weight, so weights land exactly on zero), then takes the step θ + t·d with the largest t in 1, ½, ¼, … for
/// which F(θ + t·d) ≤ F(θ) + γ·t·Δ, Δ = ∇S·d + λ(‖w + d‖₁ − ‖w‖₁) (Tseng & Yun 2009; γ = 10⁻⁴, with an
/// allowance for rounding in F, `relativeRounding`). Near a solution t = 1 is taken, so zeros found by the model are exact in θ.
///
/// The caller owns the stopping rule (it sees θ, S(θ) and ∇S(θ)); besides it and the iteration limit, the method
/// stops when no step is accepted or progress stalls (see `ProgressWatch`).
struct ProximalQuasiNewtonMinimizer {
    var memory = 10
    var gamma = 1e-4
    var maxHalvings = 30
    /// Coordinate-descent sweeps per model, at most.
    var maxSweeps = 12
    /// How far F's computed value may be off, relative to |F| (a sum over rows rounds more the more rows it adds):
    /// the sufficient-decrease test allows this much, since near a solution the decrease asked for is smaller.
    var relativeRounding = 16 * Double.ulpOfOne

    enum Stop: Equatable { case requested, iterationLimit, stalled }

    /// The pseudo-gradient of S + λ‖w‖₁ at x, where ∇S(x) = `gradient`: its minimum-norm subgradient.
    static func pseudoGradient(_ x: [Double], _ gradient: [Double], weightCount: Int, lambda: Double) -> [Double] {
        var p = gradient
        for k in 0..<weightCount {
            let g = gradient[k]
            if x[k] > 0 { p[k] = g + lambda } else if x[k] < 0 { p[k] = g - lambda }
            else { p[k] = g + lambda < 0 ? g + lambda : (g - lambda > 0 ? g - lambda : 0) }
        }
        return p
    }

    /// Minimizes S + λ‖w‖₁ from `x` (updated in place). `smooth(x, &g)` returns S(x) and writes ∇S(x) to g;
    /// `value` and `gradient` hold S and ∇S at the starting x and are updated with x.
    func minimize(_ x: inout [Double], smoothValue value: inout Double, gradient: inout [Double], weightCount: Int,
                  lambda: Double, maxIterations: Int,
                  smooth: (UnsafePointer<Double>, UnsafeMutablePointer<Double>) -> Double,
                  shouldStop: (_ iteration: Int, _ x: [Double], _ smoothValue: Double, _ gradient: [Double]) -> Bool)
        -> (stop: Stop, iterations: Int)
    {
        let m = x.count
        if shouldStop(0, x, value, gradient) { return (.requested, 0) }
        func l1(_ x: [Double]) -> Double {
            var s = 0.0
            for k in 0..<weightCount { s += abs(x[k]) }
            return s
        }
        var pairs = QuasiNewtonMemory(capacity: memory, keepsDotProducts: true)
        var trialX = [Double](repeating: 0, count: m), trialG = [Double](repeating: 0, count: m)
        var moved = [Double](repeating: 0, count: m)
        var progress = ProgressWatch(gradient: Self.pseudoGradient(x, gradient, weightCount: weightCount, lambda: lambda))
        var total = value + lambda * l1(x)
        var iteration = 0
        while iteration < maxIterations {
            var accepted: (smooth: Double, total: Double)?
            for attempt in 0..<2 {
                if attempt == 1 {
                    guard !pairs.isEmpty else { break }
                    pairs.reset()   // the quasi-Newton model failed: once more with a multiple of the identity
                }
                let model = CompactHessian(pairs, scaleWithoutPairs: max(ParameterMath.norm2(gradient), 1))
                let d = model.minimizeModel(x: x, gradient: gradient, weightCount: weightCount, lambda: lambda,
                                            maxSweeps: maxSweeps)
                // Δ entry by entry (the difference of two whole L1 norms would cancel away its last digits).
                var delta = 0.0
                for k in 0..<m {
                    delta += gradient[k] * d[k]
                    if k < weightCount { delta += lambda * (abs(x[k] + d[k]) - abs(x[k])) }
                }
                // Δ ≥ 0 only through rounding; then the step must merely not raise F beyond rounding.
                guard d.contains(where: { $0 != 0 }) else { continue }
                delta = min(delta, 0)
                let allowance = relativeRounding * abs(total)
                var t = 1.0
                for _ in 0...maxHalvings {
                    for k in 0..<m { trialX[k] = x[k] + t * d[k]; moved[k] = trialX[k] - x[k] }
                    let s = trialX.withUnsafeBufferPointer { xp in
                        trialG.withUnsafeMutableBufferPointer { gp in smooth(xp.baseAddress!, gp.baseAddress!) }
                    }
                    let f = s + lambda * l1(trialX)
                    if f.isFinite && f <= total + gamma * t * delta + allowance {
                        accepted = (s, f)
                        break
                    }
                    t *= 0.5
                }
                if accepted != nil { break }
            }
            guard let (newValue, newTotal) = accepted else { return (.stalled, iteration) }
            pairs.remember(step: 1, direction: moved, oldGradient: gradient, newGradient: trialG, moved: moved)
            swap(&x, &trialX)
            swap(&gradient, &trialG)
            value = newValue
            let previous = total
            total = newTotal
            iteration += 1
            if shouldStop(iteration, x, value, gradient) { return (.requested, iteration) }
            let pseudo = Self.pseudoGradient(x, gradient, weightCount: weightCount, lambda: lambda)
            if progress.stalled(previous: previous, value: total, gradient: pseudo) { return (.stalled, iteration) }
        }
        return (.iterationLimit, iteration)
    }
}

/// The L-BFGS Hessian approximation B = σI − W·M·Wᵀ of stored pairs (s_i, y_i), i = 0 … k − 1:
/// σ = yᵀy / sᵀy of the newest pair, W = [σS, Y] (n × 2k), M = [[σSᵀS, L], [Lᵀ, −D]]⁻¹ with L the strictly lower
/// triangle of SᵀY (L_ij = s_iᵀy_j, i > j) and D its diagonal. With no pairs, B = `scaleWithoutPairs`·I.
struct CompactHessian {
    let sigma: Double
    let rank: Int
    /// W row by row: w[j * rank ..< (j + 1) * rank].
    let w: [Double]
    /// Q = W·M row by row.
    let q: [Double]

    /// B·d = σd − Q·(Wᵀd).
    func product(_ d: [Double]) -> [Double] {
        let r = rank
        var v = [Double](repeating: 0, count: r)
        for j in d.indices { for c in 0..<r { v[c] += w[j * r + c] * d[j] } }
        return d.indices.map { j in
            var bd = sigma * d[j]
            for c in 0..<r { bd -= q[j * r + c] * v[c] }
            return bd
        }
    }

    init(_ pairs: QuasiNewtonMemory, scaleWithoutPairs: Double) {
        let s = pairs.steps, y = pairs.gradientChanges
        let k = s.count
        precondition(k == 0 || pairs.keepsDotProducts, "the compact form needs a memory that keeps its dot products")
        guard k > 0, let n = s.first?.count else {
            sigma = scaleWithoutPairs; rank = 0; w = []; q = []
            return
        }
        // The memory keeps each pair's dot products with the pairs before it (s_iᵀs_j, s_iᵀy_j for j ≤ i, y_iᵀy_i),
        // computed once when the pair arrived: an iteration adds one pair, so it sums 2k products of length n, not k².
        let ss = pairs.stepDots, sy = pairs.stepChangeDots
        let sigma = pairs.changeSquares[k - 1] / sy[k - 1][k - 1]
        // N = [[σSᵀS, L], [Lᵀ, −D]], then M = N⁻¹. SᵀS is symmetric and each of its entries is the same sum whichever
        // factor comes first, so only j ≤ i is kept; of SᵀY the lower triangle and the diagonal are needed.
        let r = 2 * k
        var middle = [Double](repeating: 0, count: r * r)
        for i in 0..<k {
            for j in 0...i {
                middle[i * r + j] = sigma * ss[i][j]
                middle[j * r + i] = sigma * ss[i][j]
                if i > j {
                    middle[i * r + (k + j)] = sy[i][j]
                    middle[(k + j) * r + i] = sy[i][j]
                }
            }
            middle[(k + i) * r + (k + i)] = -sy[i][i]
        }
        guard let inverse = CompactHessian.invert(middle, size: r) else {
            self.sigma = scaleWithoutPairs; rank = 0; w = []; q = []
            return
        }
        var w = [Double](repeating: 0, count: n * r)
        for i in 0..<k {
            let si = s[i], yi = y[i]
            for j in 0..<n { w[j * r + i] = sigma * si[j]; w[j * r + k + i] = yi[j] }
        }
        // Q = W·M, each entry summed over a = 0 … r − 1 in order, from 0 (the same bits as a dot product per entry):
        // the network's own product, with no bias.
        let q = [Double](unsafeUninitializedCapacity: n * r) { qp, count in
            w.withUnsafeBufferPointer { wp in
                inverse.withUnsafeBufferPointer { mp in
                    DenseKernels.multiply(rows: n, inner: r, cols: r, a: wp.baseAddress!, b: mp.baseAddress!, bias: nil,
                                          c: qp.baseAddress!)
                }
            }
            count = n * r
        }
        self.sigma = sigma; rank = r; self.w = w; self.q = q
    }

    /// The inverse of a small dense matrix by Gauss–Jordan elimination with partial pivoting; nil when singular.
    static func invert(_ matrix: [Double], size r: Int) -> [Double]? {
        var a = matrix
        var inverse = [Double](repeating: 0, count: r * r)
        for i in 0..<r { inverse[i * r + i] = 1 }
        for column in 0..<r {
            var pivot = column
            for row in (column + 1)..<max(column + 1, r) where abs(a[row * r + column]) > abs(a[pivot * r + column]) {
                pivot = row
            }
            let value = a[pivot * r + column]
            guard value != 0, value.isFinite else { return nil }
            if pivot != column {
                for c in 0..<r {
                    a.swapAt(pivot * r + c, column * r + c)
                    inverse.swapAt(pivot * r + c, column * r + c)
                }
            }
            for c in 0..<r { a[column * r + c] /= value; inverse[column * r + c] /= value }
            for row in 0..<r where row != column {
                let factor = a[row * r + column]
                guard factor != 0 else { continue }
                for c in 0..<r {
                    a[row * r + c] -= factor * a[column * r + c]
                    inverse[row * r + c] -= factor * inverse[column * r + c]
                }
            }
        }
        return inverse
    }

    /// An approximate minimizer d of g·d + ½dᵀBd + λ‖w + d‖₁ (w: x's first `weightCount` entries) by cyclic
    /// coordinate descent from d = 0, keeping v = Wᵀd so that (Bd)_j = σd_j − Q_j·v costs O(rank).
    ///
    /// Each (Bd)_j is one running sum, σd_j − Q_j0·v_0 − Q_j1·v_1 − … in that order, taken with v as it is when
    /// coordinate j's turn comes: a chain of additions, each waiting on the one before. Coordinates are taken in blocks
    /// of four whose four sums run side by side, all from the same v. A coordinate that moves changes v, and then the
    /// sums of the block's later coordinates are taken again from the new v; one that stays (a weight held at zero by
    /// the soft-threshold, say) leaves them valid. Every coordinate's sum is thus the one the plain loop would take,
    /// bit for bit, and where few coordinates move a sweep waits on a quarter of the chains.
    func minimizeModel(x: [Double], gradient g: [Double], weightCount: Int, lambda: Double, maxSweeps: Int) -> [Double] {
        let n = x.count, r = rank
        var d = [Double](repeating: 0, count: n)
        var diagonal = [Double](repeating: sigma, count: n)
        for j in 0..<n where r > 0 {
            var sum = 0.0
            for c in 0..<r { sum += q[j * r + c] * w[j * r + c] }
            diagonal[j] = sigma - sum
            if !(diagonal[j] > 1e-12 * sigma) { diagonal[j] = sigma }
        }
        // Q's rows of each block of four coordinates interleaved, so that entry c of the four rows is one vector:
        // blocked[(b · r + c) · 4 + l] = Q[4b + l, c]. The (at most three) rows past the last whole block are read
        // from q.
        let blocks = n / 4
        let blocked = UnsafeMutablePointer<Double>.allocate(capacity: max(blocks * r * 4, 1))
        let wp = UnsafeMutablePointer<Double>.allocate(capacity: max(w.count, 1))
        let vp = UnsafeMutablePointer<Double>.allocate(capacity: max(r, 1))   // v = Wᵀd
        defer { blocked.deallocate(); wp.deallocate(); vp.deallocate() }
        if r > 0 {
            wp.initialize(from: w, count: w.count)
            vp.initialize(repeating: 0, count: r)
            for b in 0..<blocks {
                for c in 0..<r {
                    for l in 0..<4 { blocked[(b * r + c) * 4 + l] = q[(4 * b + l) * r + c] }
                }
            }
        }
        let sigma = self.sigma
        d.withUnsafeMutableBufferPointer { dBuffer in
            let dp = dBuffer.baseAddress!
            /// (Bd)_j for the four coordinates of block b, from the current d and v.
            @inline(__always)
            func blockProducts(_ b: Int) -> SIMD4<Double> {
                let j = 4 * b
                var bd = SIMD4(repeating: sigma) * SIMD4(dp[j], dp[j + 1], dp[j + 2], dp[j + 3])
                let base = UnsafeRawPointer(blocked + b * r * 4)
                for c in 0..<r {
                    bd -= base.loadUnaligned(fromByteOffset: c * 32, as: SIMD4<Double>.self) * SIMD4(repeating: vp[c])
                }
                return bd
            }
            /// (Bd)_j for one coordinate.
            @inline(__always)
            func product(_ j: Int) -> Double {
                var bd = sigma * dp[j]
                for c in 0..<r { bd -= q[j * r + c] * vp[c] }
                return bd
            }
            /// Coordinate j's step given (Bd)_j; updates d_j and v. Returns the step.
            @inline(__always)
            func step(_ j: Int, _ bd: Double) -> Double {
                let slope = g[j] + bd, curvature = diagonal[j]
                var change: Double
                if j < weightCount {
                    let u = x[j] + dp[j] - slope / curvature, threshold = lambda / curvature
                    let z = abs(u) > threshold ? (u > 0 ? u - threshold : u + threshold) : 0
                    change = z - (x[j] + dp[j])
                } else {
                    change = -slope / curvature
                }
                if change != 0 {
                    dp[j] += change
                    let row = wp + j * r
                    for c in 0..<r { vp[c] += change * row[c] }
                }
                return change
            }
            for _ in 0..<(r == 0 ? 1 : maxSweeps) {
                var largestChange = 0.0, largestStep = 0.0
                for b in 0..<blocks {
                    var products = blockProducts(b)
                    for l in 0..<4 {
                        let j = 4 * b + l
                        let change = step(j, products[l])
                        if change != 0 && l < 3 { products = blockProducts(b) }
                        largestChange = max(largestChange, abs(change))
                        largestStep = max(largestStep, abs(dp[j]))
                    }
                }
                for j in (4 * blocks)..<n {
                    let change = step(j, product(j))
                    largestChange = max(largestChange, abs(change))
                    largestStep = max(largestStep, abs(dp[j]))
                }
                if largestChange <= 1e-3 * largestStep { break }
            }
        }
        return d
    }
}
