import CLapack

// The representations of a quadratic model that `CoordinateDescent.sweep` runs over. Each keeps exactly the
// arithmetic its solver has always used (BLAS or a plain loop), so results do not depend on which one a problem
// size selects beyond the method itself. Pointers are only valid inside the caller's `withUnsafe…` scope.

/// Covariance updates with BLAS: H is an m×m column-major Gram matrix with leading dimension `ld`, and
/// `gradient` holds c − Hb for all m coordinates, updated by one daxpy per moved coordinate (O(m)).
struct GramColumns: CoordinateModel {
    let gram: UnsafePointer<Double>
    let ld: Int
    let count: Int
    let gradientStore: UnsafeMutablePointer<Double>

    func curvature(_ k: Int) -> Double { gram[k * ld + k] }
    func gradient(_ k: Int) -> Double { gradientStore[k] }
    func moved(_ k: Int, by delta: Double) {
        docgen_cblas_daxpy(Int32(count), -delta, gram + k * ld, 1, gradientStore, 1)
    }
}

/// Covariance updates with a plain loop, for the small dense Gram matrices of the logistic Newton subproblem
/// (m×m column-major, leading dimension m), where a BLAS call costs more than it saves.
struct DenseGram: CoordinateModel {
    let gram: UnsafePointer<Double>
    let count: Int
    let gradientStore: UnsafeMutablePointer<Double>

    func curvature(_ k: Int) -> Double { gram[k * count + k] }
    func gradient(_ k: Int) -> Double { gradientStore[k] }
    func moved(_ k: Int, by delta: Double) {
        let column = gram + k * count
        for r in 0..<count { gradientStore[r] -= delta * column[r] }
    }
}

/// Residual updates with BLAS for least squares: X is n×p column-major, `residual` holds r = y − Xb, and the
/// gradient of coordinate j is x_jᵀr/n (one ddot, O(n)); a move subtracts Δ·x_j from r (one daxpy).
/// `diagonal[j]` = x_jᵀx_j/n.
struct ResidualColumns: CoordinateModel {
    let x: UnsafePointer<Double>
    let rows: Int
    let residual: UnsafeMutablePointer<Double>
    let diagonal: UnsafePointer<Double>
    let inverseRows: Double

    func curvature(_ j: Int) -> Double { diagonal[j] }
    func gradient(_ j: Int) -> Double { docgen_cblas_ddot(Int32(rows), x + j * rows, 1, residual, 1) * inverseRows }
    func moved(_ j: Int, by delta: Double) { docgen_cblas_daxpy(Int32(rows), -delta, x + j * rows, 1, residual, 1) }
}

/// Residual updates for a weighted least-squares model (the logistic IRLS model): `working` holds the weighted
/// working residual q (q_i = w_i·(z_i − η_i) in IRLS terms), the gradient of coordinate j is x_jᵀq/n, and a move
/// of Δ subtracts w_i·x_ij·Δ from q_i while `etaChange` accumulates x_ij·Δ. `curvatures[j]` = Σ w_i x_ij²/n.
struct WeightedResidualColumns: CoordinateModel {
    let x: UnsafePointer<Double>
    let rows: Int
    let weights: UnsafePointer<Double>
    let working: UnsafeMutablePointer<Double>
    let etaChange: UnsafeMutablePointer<Double>
    let curvatures: UnsafePointer<Double>
    let inverseRows: Double

    func curvature(_ j: Int) -> Double { curvatures[j] }
    func gradient(_ j: Int) -> Double {
        let base = x + j * rows
        var g = 0.0
        for i in 0..<rows { g += base[i] * working[i] }
        return g * inverseRows
    }
    func moved(_ j: Int, by delta: Double) {
        let base = x + j * rows
        for i in 0..<rows {
            let v = base[i] * delta
            working[i] -= weights[i] * v
            etaChange[i] += v
        }
    }
}
