import CLapack

/// Residual-update coordinate descent with the sequential strong rule and a working set, for designs too wide for
/// a Gram matrix: each coordinate's gradient is one inner product with the residual (O(n)).
///
/// Per α: the working set is the strong-rule survivors plus every feature seen before; coordinate descent runs on
/// it (an active-set Newton step once the signs repeat) until its gap is below the tolerance, then a KKT check on
/// all features adds violators and repeats; the reported gap is over all features. Warm-started from the previous
/// α, or from a given β (when the working-set path hands over).
struct ResidualPathState {
    let design: GaussianDesign
    let rho: Double, tol: Double, maxSweeps: Int
    let leastSquaresFloor: Double?
    /// Coefficients constrained to β ≥ 0 (projected steps, one-sided gap).
    let nonNegative: Bool
    private var beta: [Double]
    private var residual: [Double]
    /// Xᵀr/n at the last full check.
    private var fullGradient: [Double]
    private var inWorking: [Bool]
    private var previousL1: Double

    init(_ d: GaussianDesign, rho: Double, tol: Double, maxSweeps: Int, startBeta: [Double]? = nil,
         startPreviousL1: Double? = nil, leastSquaresFloor: Double? = nil, nonNegative: Bool = false) {
        design = d; self.rho = rho; self.tol = tol; self.maxSweeps = maxSweeps
        self.leastSquaresFloor = leastSquaresFloor; self.nonNegative = nonNegative
        let n = d.n, p = d.p
        var residual = d.y
        if let startBeta {
            d.x.withUnsafeBufferPointer { xb in
                docgen_cblas_dgemv(CblasColMajor, CblasNoTrans, Int32(n), Int32(p), -1, xb.baseAddress, Int32(n), startBeta, 1,
                            1, &residual, 1)
            }
        }
        var gradient = [Double](repeating: 0, count: p)
        d.x.withUnsafeBufferPointer { xb in
            docgen_cblas_dgemv(CblasColMajor, CblasTrans, Int32(n), Int32(p), 1 / Double(n), xb.baseAddress, Int32(n), residual,
                        1, 0, &gradient, 1)
        }
        beta = startBeta ?? [Double](repeating: 0, count: p)
        self.residual = residual
        fullGradient = gradient
        inWorking = [Bool](repeating: false, count: p)
        previousL1 = startPreviousL1 ?? rho * d.alphaMax(l1Ratio: rho)
    }

    mutating func solve(alpha: Double) -> PathPoint {
        let d = design, n = d.n, p = d.p
        let invN = 1 / Double(n)
        let l1 = rho * alpha, l2 = (1 - rho) * alpha
        let tol = self.tol, maxSweeps = self.maxSweeps, floor = leastSquaresFloor, nonNegative = self.nonNegative
        // Sequential strong rule plus everything already in the model.
        let strongCut = 2 * l1 - previousL1
        var working: [Int] = []
        for j in 0..<p where inWorking[j] || beta[j] != 0 || abs(fullGradient[j]) >= strongCut {
            working.append(j); inWorking[j] = true
        }
        var sweeps = 0
        var converged = false
        var currentGap = Double.infinity
        var inWorking = self.inWorking
        d.x.withUnsafeBufferPointer { X in d.diag.withUnsafeBufferPointer { D in
            beta.withUnsafeMutableBufferPointer { B in residual.withUnsafeMutableBufferPointer { R in
                fullGradient.withUnsafeMutableBufferPointer { FG in
                    let Xb = X.baseAddress!, Rb = R.baseAddress!
                    var model = ResidualColumns(x: Xb, rows: n, residual: Rb, diagonal: D.baseAddress!, inverseRows: invN)
                    var wGrad = [Double](repeating: 0, count: p)
                    func workingGap() -> Double {
                        for j in working { wGrad[j] = docgen_cblas_ddot(Int32(n), Xb + j * n, 1, Rb, 1) * invN }
                        let rr = docgen_cblas_ddot(Int32(n), Rb, 1, Rb, 1) * invN
                        let yr = d.y.withUnsafeBufferPointer { docgen_cblas_ddot(Int32(n), $0.baseAddress, 1, Rb, 1) } * invN
                        return wGrad.withUnsafeBufferPointer { wg in
                            elasticNetGap(rr: rr, yr: yr, g: wg.baseAddress!, beta: UnsafePointer(B.baseAddress!),
                                          indices: working, count: p, lambda1: l1, lambda2: l2,
                                          leastSquaresFloor: floor, nonNegative: nonNegative).gap
                        }
                    }
                    /// The gap over all features from the current residual (a full gradient pass).
                    func workingGapAll() -> Double {
                        docgen_cblas_dgemv(CblasColMajor, CblasTrans, Int32(n), Int32(p), invN, Xb, Int32(n), Rb, 1, 0,
                                    FG.baseAddress, 1)
                        let rr = docgen_cblas_ddot(Int32(n), Rb, 1, Rb, 1) * invN
                        let yr = d.y.withUnsafeBufferPointer { docgen_cblas_ddot(Int32(n), $0.baseAddress, 1, Rb, 1) } * invN
                        return elasticNetGap(rr: rr, yr: yr, g: UnsafePointer(FG.baseAddress!),
                                             beta: UnsafePointer(B.baseAddress!), indices: nil, count: p,
                                             lambda1: l1, lambda2: l2, leastSquaresFloor: floor,
                                             nonNegative: nonNegative).gap
                    }
                    var previousSigns: [Int8] = []
                    func polish() {
                        let support = working.filter { B[$0] != 0 }
                        let m = support.count
                        guard m > 0, m <= n, m <= 3000 else { return }
                        var gathered = [Double](repeating: 0, count: n * m)
                        for (a, j) in support.enumerated() {
                            for i in 0..<n { gathered[a * n + i] = Xb[j * n + i] }
                        }
                        var gAA = [Double](repeating: 0, count: m * m)
                        gathered.withUnsafeBufferPointer { gb in gAA.withUnsafeMutableBufferPointer { hb in
                            docgen_cblas_dsyrk(CblasColMajor, CblasUpper, CblasTrans, Int32(m), Int32(n), invN, gb.baseAddress,
                                        Int32(n), 0, hb.baseAddress, Int32(m))
                        } }
                        guard let next = activeSetNewtonStep(gramAA: &gAA, m: m, rhsBase: support.map { d.xty[$0] },
                                                             current: support.map { B[$0] }, lambda1: l1, lambda2: l2)
                        else { return }
                        var delta = [Double](repeating: 0, count: m)
                        for (a, j) in support.enumerated() { delta[a] = next[a] - B[j]; B[j] = next[a] }
                        gathered.withUnsafeBufferPointer { gb in
                            docgen_cblas_dgemv(CblasColMajor, CblasNoTrans, Int32(n), Int32(m), -1, gb.baseAddress, Int32(n),
                                        delta, 1, 1, Rb, 1)
                        }
                    }
                    outer: while true {
                        // Solve on the working set.
                        var wGap = Double.infinity
                        while wGap > tol && sweeps < maxSweeps {
                            _ = CoordinateDescent.sweep(&model, B.baseAddress!, over: working, lambda1: l1, lambda2: l2,
                                                        nonNegative: nonNegative)
                            sweeps += 1
                            wGap = workingGap()
                            if wGap <= tol { break }
                            let signs = working.map { j -> Int8 in B[j] > 0 ? 1 : (B[j] < 0 ? -1 : 0) }
                            if signs == previousSigns {
                                polish()
                                wGap = workingGap()
                                if wGap <= tol { break }
                            }
                            previousSigns = signs
                            let active = working.filter { B[$0] != 0 }
                            while sweeps < maxSweeps {
                                let dec = CoordinateDescent.sweep(&model, B.baseAddress!, over: active, lambda1: l1,
                                                                  lambda2: l2, nonNegative: nonNegative)
                                sweeps += 1
                                if dec <= 0.25 * tol { break }
                            }
                        }
                        // KKT check on every feature outside the working set.
                        docgen_cblas_dgemv(CblasColMajor, CblasTrans, Int32(n), Int32(p), invN, Xb, Int32(n), Rb, 1, 0,
                                    FG.baseAddress, 1)
                        var added = false
                        for j in 0..<p where !inWorking[j] && abs(FG[j]) > l1 {
                            working.append(j); inWorking[j] = true; added = true
                        }
                        if added && sweeps < maxSweeps { continue outer }
                        let rr = docgen_cblas_ddot(Int32(n), Rb, 1, Rb, 1) * invN
                        let yr = d.y.withUnsafeBufferPointer { docgen_cblas_ddot(Int32(n), $0.baseAddress, 1, Rb, 1) } * invN
                        currentGap = elasticNetGap(rr: rr, yr: yr, g: UnsafePointer(FG.baseAddress!),
                                                   beta: UnsafePointer(B.baseAddress!), indices: nil, count: p,
                                                   lambda1: l1, lambda2: l2, leastSquaresFloor: floor,
                                                   nonNegative: nonNegative).gap
                        converged = currentGap <= tol
                        if converged || sweeps >= maxSweeps { break outer }
                    }
                    if converged {
                        // The active-set finish of `covarianceSolve.refine`, on the residual: let KKT violators
                        // enter, solve exactly on the support, keep the result if the gap stays within the tolerance.
                        let savedBeta = Array(B), savedResidual = Array(R)
                        let slack = l1 * 1e-12
                        for _ in 0..<8 {
                            docgen_cblas_dgemv(CblasColMajor, CblasTrans, Int32(n), Int32(p), invN, Xb, Int32(n), Rb, 1, 0,
                                        FG.baseAddress, 1)
                            let entering = (0..<p).filter { B[$0] == 0 && (nonNegative ? FG[$0] : abs(FG[$0])) > l1 + slack }
                            if !entering.isEmpty {
                                for j in entering where !inWorking[j] { working.append(j); inWorking[j] = true }
                                _ = CoordinateDescent.sweep(&model, B.baseAddress!, over: working, lambda1: l1,
                                                            lambda2: l2, nonNegative: nonNegative)
                            }
                            let before = Array(B)
                            polish()
                            let moved = (0..<p).contains { B[$0] != before[$0] }
                            if entering.isEmpty && !moved { break }
                        }
                        let refined = workingGapAll()
                        if refined <= tol {
                            currentGap = refined
                        } else {
                            for j in 0..<p { B[j] = savedBeta[j] }
                            for i in 0..<n { R[i] = savedResidual[i] }
                        }
                    }
                }
            } }
        } }
        self.inWorking = inWorking
        previousL1 = l1
        return PathPoint(beta: beta, gap: currentGap, sweeps: sweeps, converged: converged)
    }
}
