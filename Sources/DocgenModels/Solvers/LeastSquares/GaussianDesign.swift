import CLapack

/// A least-squares design: with an intercept, the intercept is profiled out by centering the columns and the
/// target; without one (`centered: false`, scikit-learn's `fit_intercept=False`) they are used as they are, and the
/// same formulas then solve min (1/(2n))‖y − Xβ‖² + penalty with no intercept at all.
/// All inner products are divided by n (the "1/n units" of the objective (1/(2n))‖y − Xβ‖²).
///
/// A design may also be known by its moments alone (`init(n:p:gram:…)`): the Gram matrix, Xᵀy and ‖y‖² without the
/// rows. Such a design has empty `x` and `y` (`hasRows` false) and solves only by covariance updates; the solvers that
/// need the rows (SVD for α = 0 and ridge, the least-squares floor, residual updates) must not be given one.
struct GaussianDesign: Sendable {
    let n: Int
    let p: Int
    /// Features, column-major (`x[j * n + i]`), centered when `centered`.
    let x: [Double]
    /// Target, centered when `centered`.
    let y: [Double]
    /// Whether the intercept is fitted (columns and target centered).
    let centered: Bool
    /// Means of the features and target before centering (used to recover the intercept); all 0 when not centered.
    let xMeans: [Double]
    let yMean: Double
    /// ‖x_j‖²/n for each column.
    let diag: [Double]
    /// Xᵀy/n.
    let xty: [Double]
    /// ‖y‖²/n; the null objective (β = 0, best intercept, or no intercept) is yy/2.
    let yy: Double
    /// XᵀX/n when the design was made from moments (then `x` and `y` are empty).
    private let momentGram: [Double]?

    /// Whether the rows are here (false for a design made from moments).
    var hasRows: Bool { momentGram == nil }

    /// `x` is column-major n×p (any centering); it is centered here when `centered` (an intercept is fitted), in
    /// place when the caller hands over the only reference to its storage.
    init(n: Int, p: Int, x rawX: consuming [Double], y rawY: [Double], centered: Bool = true) {
        self.n = n; self.p = p; self.centered = centered
        var x = consume rawX
        var means = [Double](repeating: 0, count: p)
        var diag = [Double](repeating: 0, count: p)
        let invN = 1 / Double(n)
        x.withUnsafeMutableBufferPointer { xb in
            for j in 0..<p {
                let base = j * n
                var s = 0.0
                for i in 0..<n { s += xb[base + i] }
                let m = centered ? s * invN : 0
                var ss = 0.0
                for i in 0..<n { let v = xb[base + i] - m; xb[base + i] = v; ss += v * v }
                means[j] = m; diag[j] = ss * invN
            }
        }
        let ym = centered ? rawY.reduce(0, +) * invN : 0
        let y = rawY.map { $0 - ym }
        var xty = [Double](repeating: 0, count: p)
        if p > 0 && n > 0 {
            x.withUnsafeBufferPointer { xb in y.withUnsafeBufferPointer { yb in xty.withUnsafeMutableBufferPointer { out in
                docgen_cblas_dgemv(CblasColMajor, CblasTrans, Int32(n), Int32(p), invN, xb.baseAddress, Int32(n),
                            yb.baseAddress, 1, 0, out.baseAddress, 1)
            } } }
        }
        self.x = x; self.y = y; self.xMeans = means; self.yMean = ym; self.diag = diag; self.xty = xty
        self.yy = y.reduce(0) { $0 + $1 * $1 } * invN
        momentGram = nil
    }

    /// A design known by its moments only, all in 1/n units on the design's (centered when `centered`) scale: the
    /// Gram matrix XᵀX/n (p×p, column-major, both triangles), Xᵀy/n, ‖y‖²/n, and the means removed by centering.
    init(n: Int, p: Int, gram: [Double], xty: [Double], yy: Double, xMeans: [Double], yMean: Double, centered: Bool) {
        precondition(gram.count == p * p && xty.count == p && xMeans.count == p)
        self.n = n; self.p = p; self.centered = centered
        x = []; y = []
        self.xMeans = xMeans; self.yMean = yMean
        diag = (0..<p).map { gram[$0 * p + $0] }
        self.xty = xty; self.yy = yy
        momentGram = gram
    }

    /// The design of a data set's features and target as they are (model scale), centered here when `centered`.
    init(_ z: Dataset, centered: Bool = true) {
        self.init(n: z.rowCount, p: z.featureCount, x: z.x, y: z.y, centered: centered)
    }

    /// The same design, taking `z`'s feature storage over: when nothing else holds it (a cross-validation fold's
    /// rows), the columns are centred where they are instead of in a copy. The numbers are those of `init(_:)`.
    init(taking z: consuming Dataset, centered: Bool = true) {
        let n = z.rowCount, p = z.featureCount, y = z.y
        var columns: [Double] = []
        swap(&columns, &z.x)
        self.init(n: n, p: p, x: consume columns, y: y, centered: centered)
    }

    /// The null objective: (1/(2n))‖y − ȳ‖² with an intercept, (1/(2n))‖y‖² without.
    var nullObjective: Double { 0.5 * yy }

    /// `nullObjective` of a design with target `y`, computed as `init` computes `yy`, without the features.
    static func nullObjective(y rawY: [Double], centered: Bool) -> Double {
        let invN = 1 / Double(rawY.count)
        let ym = centered ? rawY.reduce(0, +) * invN : 0
        return 0.5 * (rawY.reduce(0) { $0 + ($1 - ym) * ($1 - ym) } * invN)
    }

    /// Intercept β₀ = ȳ − x̄ᵀβ for coefficients on this design's (uncentered) feature scale.
    func intercept(_ beta: [Double]) -> Double {
        var s = yMean
        for j in 0..<p { s -= xMeans[j] * beta[j] }
        return s
    }

    /// Gram matrix XᵀX/n (p×p, column-major, both triangles filled) through BLAS dsyrk.
    func gram() -> [Double] {
        if let momentGram { return momentGram }
        var g = [Double](repeating: 0, count: p * p)
        guard p > 0 else { return g }
        x.withUnsafeBufferPointer { xb in g.withUnsafeMutableBufferPointer { gb in
            docgen_cblas_dsyrk(CblasColMajor, CblasUpper, CblasTrans, Int32(p), Int32(n), 1 / Double(n), xb.baseAddress,
                        Int32(n), 0, gb.baseAddress, Int32(p))
            for j in 0..<p { for i in (j + 1)..<p { gb[j * p + i] = gb[i * p + j] } }
        } }
        return g
    }

    /// α_max for l1 ratio ρ > 0: the smallest α whose solution is β = 0, max_j |x_jᵀy|/(n ρ) (x and y centered
    /// when an intercept is fitted, raw otherwise). With non-negative coefficients only positive correlations can
    /// enter, so it is max_j (x_jᵀy)₊/(n ρ), or the two-sided value when no correlation is positive (then no α
    /// gives a nonzero coefficient, and the grid is placed as for the unconstrained model).
    /// For ρ = 0 the glmnet convention ρ = 0.001 is used.
    func alphaMax(l1Ratio rho: Double, nonNegative: Bool = false) -> Double {
        var m = nonNegative ? xty.reduce(0) { max($0, $1) } : 0
        if m <= 0 { m = xty.reduce(0) { max($0, abs($1)) } }
        return m / max(rho, 1e-3)
    }
}
