import CLapack

/// One solution along a path: coefficients on the design's scale, certified duality gap, sweeps used.
struct PathPoint: Sendable {
    var beta: [Double]
    var gap: Double
    var sweeps: Int
    var converged: Bool
}

/// Elastic-net coordinate descent along a path of decreasing α (> 0, l1 ratio ρ > 0), warm-started.
///
/// Minimizes (1/(2n))‖y − Xβ‖² + λ1‖β‖₁ + (λ2/2)‖β‖² with λ1 = ρα, λ2 = (1 − ρ)α on a centered design, stopping
/// when the duality gap (see `elasticNetGap`) is ≤ `gapTolerance` (absolute). Two strategies:
/// - covariance updates (n > p and p ≤ 4000): Gram matrix via BLAS once, gradient kept up to date with daxpy;
/// - otherwise a working set (sequential strong rule + KKT check on all features) with a lazily built Gram
///   (`workingSetPath`), falling back to residual updates (`naivePath`) if the working set grows past 3000.
/// Both add an active-set Newton step once the signs settle (`activeSetNewtonStep`).
func elasticNetPath(_ d: GaussianDesign, alphasDescending alphas: [Double], l1Ratio rho: Double,
                    gapTolerance tol: Double, maxSweeps: Int, forceNaive: Bool = false,
                    leastSquaresFloor q0: Double? = nil) -> [PathPoint] {
    if forceNaive { return naivePath(d, alphas: alphas, rho: rho, tol: tol, maxSweeps: maxSweeps, leastSquaresFloor: q0) }
    if d.n > d.p && d.p <= 4000 {
        return covariancePath(d, alphas: alphas, rho: rho, tol: tol, maxSweeps: maxSweeps, leastSquaresFloor: q0)
    }
    return workingSetPath(d, alphas: alphas, rho: rho, tol: tol, maxSweeps: maxSweeps, leastSquaresFloor: q0)
}

private func covariancePath(_ d: GaussianDesign, alphas: [Double], rho: Double, tol: Double,
                            maxSweeps: Int, leastSquaresFloor: Double?) -> [PathPoint] {
    let p = d.p
    let gram = d.gram()
    var beta = [Double](repeating: 0, count: p)
    var grad = d.xty                       // g = Xᵀr/n = c − Gβ
    var out: [PathPoint] = []
    out.reserveCapacity(alphas.count)
    gram.withUnsafeBufferPointer { G in d.xty.withUnsafeBufferPointer { C in
        beta.withUnsafeMutableBufferPointer { B in grad.withUnsafeMutableBufferPointer { Gr in
            for alpha in alphas {
                let (sweeps, gap) = covarianceSolve(m: p, ld: p, gram: G.baseAddress!, c: C.baseAddress!,
                                                    grad: Gr.baseAddress!, beta: B.baseAddress!, yy: d.yy,
                                                    lambda1: rho * alpha, lambda2: (1 - rho) * alpha, tol: tol,
                                                    sweepBudget: maxSweeps, leastSquaresFloor: leastSquaresFloor)
                out.append(PathPoint(beta: Array(B), gap: gap, sweeps: sweeps, converged: gap <= tol))
            }
        } }
    } }
    return out
}

/// Residual-update coordinate descent with strong rule and working set; starts from `startBeta` when given.
func naivePath(_ d: GaussianDesign, alphas: [Double], rho: Double, tol: Double, maxSweeps: Int,
               startBeta: [Double]? = nil, startPreviousL1: Double? = nil,
               leastSquaresFloor: Double? = nil) -> [PathPoint] {
    let n = d.n, p = d.p
    let invN = 1 / Double(n)
    var beta = startBeta ?? [Double](repeating: 0, count: p)
    var resid = d.y
    if startBeta != nil {
        d.x.withUnsafeBufferPointer { xb in
            cblas_dgemv(CblasColMajor, CblasNoTrans, Int32(n), Int32(p), -1, xb.baseAddress, Int32(n), beta, 1, 1, &resid, 1)
        }
    }
    var fullGrad = [Double](repeating: 0, count: p)   // Xᵀr/n at the last full check
    d.x.withUnsafeBufferPointer { xb in
        cblas_dgemv(CblasColMajor, CblasTrans, Int32(n), Int32(p), invN, xb.baseAddress, Int32(n), resid, 1, 0, &fullGrad, 1)
    }
    var inWorking = [Bool](repeating: false, count: p)
    var out: [PathPoint] = []
    out.reserveCapacity(alphas.count)
    var previousL1 = startPreviousL1 ?? rho * d.alphaMax(l1Ratio: rho)
    d.x.withUnsafeBufferPointer { X in
        beta.withUnsafeMutableBufferPointer { B in
            resid.withUnsafeMutableBufferPointer { R in
                fullGrad.withUnsafeMutableBufferPointer { FG in
                    let Xb = X.baseAddress!, Rb = R.baseAddress!
                    for alpha in alphas {
                        let l1 = rho * alpha, l2 = (1 - rho) * alpha
                        // Sequential strong rule plus everything already in the model.
                        let strongCut = 2 * l1 - previousL1
                        var working: [Int] = []
                        for j in 0..<p where inWorking[j] || B[j] != 0 || abs(FG[j]) >= strongCut {
                            working.append(j); inWorking[j] = true
                        }
                        var sweeps = 0
                        var converged = false
                        var currentGap = Double.infinity
                        var wGrad = [Double](repeating: 0, count: p)
                        func sweep(_ set: [Int]) -> Double {
                            var decrease = 0.0
                            for j in set {
                                let gjj = d.diag[j], a = gjj + l2
                                if a <= 0 { continue }
                                let old = B[j]
                                let gj = cblas_ddot(Int32(n), Xb + j * n, 1, Rb, 1) * invN
                                let new = softThreshold(gj + gjj * old, l1) / a
                                if new != old {
                                    let delta = new - old
                                    B[j] = new
                                    cblas_daxpy(Int32(n), -delta, Xb + j * n, 1, Rb, 1)
                                    decrease += 0.5 * a * delta * delta
                                }
                            }
                            return decrease
                        }
                        func workingGap() -> Double {
                            for j in working { wGrad[j] = cblas_ddot(Int32(n), Xb + j * n, 1, Rb, 1) * invN }
                            let rr = cblas_ddot(Int32(n), Rb, 1, Rb, 1) * invN
                            let yr = d.y.withUnsafeBufferPointer { cblas_ddot(Int32(n), $0.baseAddress, 1, Rb, 1) } * invN
                            return wGrad.withUnsafeBufferPointer { wg in
                                elasticNetGap(rr: rr, yr: yr, g: wg.baseAddress!, beta: UnsafePointer(B.baseAddress!),
                                              indices: working, count: p, lambda1: l1, lambda2: l2,
                                              leastSquaresFloor: leastSquaresFloor).gap
                            }
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
                                cblas_dsyrk(CblasColMajor, CblasUpper, CblasTrans, Int32(m), Int32(n), invN, gb.baseAddress,
                                            Int32(n), 0, hb.baseAddress, Int32(m))
                            } }
                            guard let next = activeSetNewtonStep(gramAA: &gAA, m: m, rhsBase: support.map { d.xty[$0] },
                                                                 current: support.map { B[$0] }, lambda1: l1, lambda2: l2)
                            else { return }
                            var delta = [Double](repeating: 0, count: m)
                            for (a, j) in support.enumerated() { delta[a] = next[a] - B[j]; B[j] = next[a] }
                            gathered.withUnsafeBufferPointer { gb in
                                cblas_dgemv(CblasColMajor, CblasNoTrans, Int32(n), Int32(m), -1, gb.baseAddress, Int32(n),
                                            delta, 1, 1, Rb, 1)
                            }
                        }
                        outer: while true {
                            // Solve on the working set.
                            var wGap = Double.infinity
                            while wGap > tol && sweeps < maxSweeps {
                                _ = sweep(working); sweeps += 1
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
                                    let dec = sweep(active); sweeps += 1
                                    if dec <= 0.25 * tol { break }
                                }
                            }
                            // KKT check on every feature outside the working set.
                            cblas_dgemv(CblasColMajor, CblasTrans, Int32(n), Int32(p), invN, Xb, Int32(n), Rb, 1, 0,
                                        FG.baseAddress, 1)
                            var added = false
                            for j in 0..<p where !inWorking[j] && abs(FG[j]) > l1 {
                                working.append(j); inWorking[j] = true; added = true
                            }
                            if added && sweeps < maxSweeps { continue outer }
                            let rr = cblas_ddot(Int32(n), Rb, 1, Rb, 1) * invN
                            let yr = d.y.withUnsafeBufferPointer { cblas_ddot(Int32(n), $0.baseAddress, 1, Rb, 1) } * invN
                            currentGap = elasticNetGap(rr: rr, yr: yr, g: UnsafePointer(FG.baseAddress!),
                                                       beta: UnsafePointer(B.baseAddress!), indices: nil, count: p,
                                                       lambda1: l1, lambda2: l2,
                                                       leastSquaresFloor: leastSquaresFloor).gap
                            converged = currentGap <= tol
                            if converged || sweeps >= maxSweeps { break outer }
                        }
                        previousL1 = l1
                        out.append(PathPoint(beta: Array(B), gap: currentGap, sweeps: sweeps, converged: converged))
                    }
                }
            }
        }
    }
    return out
}
