import CLapack

/// Elastic-net path for p ≥ n: sequential strong rule, then covariance coordinate descent (`covarianceSolve`) on
/// the working set with a Gram matrix built lazily — only inner products among features that have entered the
/// working set are ever computed (BLAS dgemm on gathered columns). After each solve, the residual gives the full
/// gradient Xᵀr/n (exactly where needed, see `checkResidual`); features violating KKT (|x_jᵀr/n| > λ1) join the
/// working set and the solve resumes. If the working set would exceed `capacityLimit` features, this α and the
/// rest of the path use residual updates instead (`ResidualPathState`, warm-started from here).
///
/// KKT checks without reading all of X each time: a reference residual r_ref is kept with its exact gradient
/// g_ref = Xᵀr_ref/n. For any residual r, Cauchy–Schwarz gives |x_jᵀr/n − g_ref,j| ≤ √(diag_j)·‖r − r_ref‖/√n,
/// so a feature whose bound stays below λ1 provably satisfies KKT; only the others are recomputed exactly.
/// When too many need recomputing, one full pass (dgemv) resets the reference.
struct WorkingSetPathState {
    let d: GaussianDesign
    let rho: Double, tol: Double, maxSweeps: Int
    let capacityLimit: Int
    let leastSquaresFloor: Double?
    /// Coefficients constrained to β ≥ 0 (projected steps, one-sided gap).
    let nonNegative: Bool
    private let n: Int, p: Int, invN: Double
    private var beta: [Double]
    private var fullGrad: [Double]
    private var working: [Int] = []
    private var position: [Int]
    private var cap = 0
    private var gathered: [Double] = []     // n × cap, column k = x_{working[k]}
    private var gram: [Double] = []         // cap × cap, gram[b * cap + a] = x_aᵀx_b / n
    private var localC: [Double] = []       // c_W
    private var localGrad: [Double] = []    // (c − Gβ)_W
    private var localBeta: [Double] = []
    private var previousL1: Double
    private var referenceResidual: [Double]
    private var currentResidual: [Double]
    private var referenceGradient: [Double]
    private let columnScale: [Double]
    private var exact: [Bool]   // fullGrad[j] is exact for the current residual
    private var fullPasses = 0
    /// Residual updates, once the working set has outgrown `capacityLimit`.
    private var handedOver: ResidualPathState?

    init(_ d: GaussianDesign, rho: Double, tol: Double, maxSweeps: Int, capacityLimit: Int = 3000,
         leastSquaresFloor: Double? = nil, nonNegative: Bool = false) {
        self.d = d; self.rho = rho; self.tol = tol; self.maxSweeps = maxSweeps
        self.capacityLimit = capacityLimit; self.leastSquaresFloor = leastSquaresFloor; self.nonNegative = nonNegative
        n = d.n; p = d.p; invN = 1 / Double(d.n)
        beta = [Double](repeating: 0, count: d.p)
        fullGrad = d.xty
        position = [Int](repeating: -1, count: d.p)
        previousL1 = rho * d.alphaMax(l1Ratio: rho)
        referenceResidual = d.y
        currentResidual = d.y
        referenceGradient = d.xty
        columnScale = d.diag.map { $0.squareRoot() }
        exact = [Bool](repeating: true, count: d.p)
    }

    private mutating func add(_ features: [Int]) {
        guard !features.isEmpty else { return }
        let first = working.count, total = first + features.count
        if total > cap {
            let newCap = min(max(total, 2 * cap, 64), max(p, total))
            var g2 = [Double](repeating: 0, count: newCap * newCap)
            for b in 0..<first { for a in 0..<first { g2[b * newCap + a] = gram[b * cap + a] } }
            gram = g2
            gathered.append(contentsOf: [Double](repeating: 0, count: n * (newCap - cap)))
            localC.append(contentsOf: [Double](repeating: 0, count: newCap - cap))
            localGrad.append(contentsOf: [Double](repeating: 0, count: newCap - cap))
            localBeta.append(contentsOf: [Double](repeating: 0, count: newCap - cap))
            cap = newCap
        }
        for j in features {
            let k = working.count
            position[j] = k
            working.append(j)
            for i in 0..<n { gathered[k * n + i] = d.x[j * n + i] }
            localC[k] = d.xty[j]
            if !exact[j] {
                fullGrad[j] = d.x.withUnsafeBufferPointer { xb in
                    docgen_cblas_ddot(Int32(n), xb.baseAddress! + j * n, 1, currentResidual, 1) * invN
                }
                exact[j] = true
            }
            localGrad[k] = fullGrad[j]
            localBeta[k] = beta[j]
        }
        gathered.withUnsafeBufferPointer { xb in gram.withUnsafeMutableBufferPointer { gb in
            docgen_cblas_dgemm(CblasColMajor, CblasTrans, CblasNoTrans, Int32(total), Int32(total - first), Int32(n), invN,
                        xb.baseAddress, Int32(n), xb.baseAddress! + first * n, Int32(n), 0,
                        gb.baseAddress! + first * cap, Int32(cap))
            for b in first..<total { for a in 0..<first { gb[a * cap + b] = gb[b * cap + a] } }
        } }
    }

    /// One dgemv over all of X: exact gradient for residual `r`, which becomes the new reference.
    private mutating func fullPass(_ r: [Double]) {
        fullPasses += 1
        d.x.withUnsafeBufferPointer { xb in
            docgen_cblas_dgemv(CblasColMajor, CblasTrans, Int32(n), Int32(p), invN, xb.baseAddress, Int32(n), r, 1, 0,
                        &referenceGradient, 1)
        }
        referenceResidual = r
        fullGrad = referenceGradient
        for j in 0..<p { exact[j] = true }
    }

    /// Updates `fullGrad` for the residual of the current β: exact for the working set and for features near the
    /// threshold `l1`, an upper bound (in absolute value) for the rest. Returns (‖r‖²/n, yᵀr/n).
    private mutating func checkResidual(l1: Double) -> (rr: Double, yr: Double) {
        var r = d.y
        let m = working.count
        if m > 0 {
            gathered.withUnsafeBufferPointer { xb in
                docgen_cblas_dgemv(CblasColMajor, CblasNoTrans, Int32(n), Int32(m), -1, xb.baseAddress, Int32(n),
                            localBeta, 1, 1, &r, 1)
            }
            var gW = [Double](repeating: 0, count: m)
            gathered.withUnsafeBufferPointer { xb in
                docgen_cblas_dgemv(CblasColMajor, CblasTrans, Int32(n), Int32(m), invN, xb.baseAddress, Int32(n), r, 1, 0, &gW, 1)
            }
            for k in 0..<m { fullGrad[working[k]] = gW[k]; exact[working[k]] = true }
        }
        var diff = 0.0
        for i in 0..<n { let v = r[i] - referenceResidual[i]; diff += v * v }
        let radius = (diff * invN).squareRoot()
        var uncertain: [Int] = []
        for j in 0..<p where position[j] < 0 {
            let bound = abs(referenceGradient[j]) + columnScale[j] * radius
            if bound <= l1 { fullGrad[j] = bound; exact[j] = false } else { uncertain.append(j) }
        }
        if uncertain.count * 4 > p - m || fullPasses == 0 {
            fullPass(r)
        } else {
            d.x.withUnsafeBufferPointer { xb in
                for j in uncertain {
                    fullGrad[j] = docgen_cblas_ddot(Int32(n), xb.baseAddress! + j * n, 1, r, 1) * invN
                    exact[j] = true
                }
            }
        }
        currentResidual = r
        return (docgen_cblas_ddot(Int32(n), r, 1, r, 1) * invN, docgen_cblas_ddot(Int32(n), d.y, 1, r, 1) * invN)
    }

    mutating func solve(alpha: Double) -> PathPoint {
        if handedOver != nil { return handedOver!.solve(alpha: alpha) }
        let l1 = rho * alpha, l2 = (1 - rho) * alpha
        let strongCut = 2 * l1 - previousL1
        var strong = (0..<p).filter { position[$0] < 0 && abs(fullGrad[$0]) >= strongCut }
        let inexact = strong.filter { !exact[$0] }
        if !inexact.isEmpty {
            if inexact.count * 4 > p - working.count {
                fullPass(currentResidual)
            } else {
                d.x.withUnsafeBufferPointer { xb in
                    for j in inexact {
                        fullGrad[j] = docgen_cblas_ddot(Int32(n), xb.baseAddress! + j * n, 1, currentResidual, 1) * invN
                        exact[j] = true
                    }
                }
            }
            strong = strong.filter { abs(fullGrad[$0]) >= strongCut }
        }
        if working.count + strong.count > capacityLimit {
            var residual = ResidualPathState(d, rho: rho, tol: tol, maxSweeps: maxSweeps, startBeta: beta,
                                             startPreviousL1: previousL1, leastSquaresFloor: leastSquaresFloor,
                                             nonNegative: nonNegative)
            let point = residual.solve(alpha: alpha)
            handedOver = residual
            return point
        }
        add(strong)
        for k in 0..<working.count { localGrad[k] = fullGrad[working[k]] }
        var sweeps = 0
        var currentGap = Double.infinity
        var converged = false
        let nonNegative = self.nonNegative
        while true {
            let m = working.count
            let result = gram.withUnsafeBufferPointer { gb in localC.withUnsafeBufferPointer { cb in
                localGrad.withUnsafeMutableBufferPointer { grb in localBeta.withUnsafeMutableBufferPointer { bb in
                    covarianceSolve(m: m, ld: cap, gram: gb.baseAddress!, c: cb.baseAddress!, grad: grb.baseAddress!,
                                    beta: bb.baseAddress!, yy: d.yy, lambda1: l1, lambda2: l2, tol: tol,
                                    sweepBudget: max(maxSweeps - sweeps, 1), leastSquaresFloor: leastSquaresFloor,
                                    nonNegative: nonNegative)
                } }
            } }
            sweeps += result.sweeps
            for k in 0..<m { beta[working[k]] = localBeta[k] }
            let (rr, yr) = checkResidual(l1: l1)
            let violators = (0..<p).filter { position[$0] < 0 && abs(fullGrad[$0]) > l1 }
            if !violators.isEmpty && sweeps < maxSweeps && working.count + violators.count <= capacityLimit {
                add(violators)
                for k in 0..<working.count { localGrad[k] = fullGrad[working[k]] }
                continue
            }
            // Features outside the working set have |x_jᵀr/n| ≤ λ1 (no violators), so they cannot change the
            // dual scaling or the conjugate term: the gap over the working set is the full gap.
            currentGap = fullGrad.withUnsafeBufferPointer { gb in beta.withUnsafeBufferPointer { bb in
                elasticNetGap(rr: rr, yr: yr, g: gb.baseAddress!, beta: bb.baseAddress!, indices: violators.isEmpty ? working : nil,
                              count: p, lambda1: l1, lambda2: l2, leastSquaresFloor: leastSquaresFloor,
                              nonNegative: nonNegative).gap
            } }
            converged = currentGap <= tol
            if !converged && sweeps < maxSweeps && violators.isEmpty {
                // Gradient drift in the Gram updates: resume from the exact gradient.
                for k in 0..<working.count { localGrad[k] = fullGrad[working[k]] }
                continue
            }
            break
        }
        previousL1 = l1
        return PathPoint(beta: beta, gap: currentGap, sweeps: sweeps, converged: converged)
    }
}
