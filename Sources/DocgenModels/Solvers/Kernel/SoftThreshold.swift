/// Soft-thresholding S(z, t) = sign(z) · max(|z| − t, 0), the proximal map of t|·| (t ≥ 0).
/// It is the lasso solution for one standardized feature: β = S(xᵀy/n, α).
@inlinable
public func softThreshold(_ z: Double, _ t: Double) -> Double {
    if z > t { return z - t }
    if z < -t { return z + t }
    return 0
}
