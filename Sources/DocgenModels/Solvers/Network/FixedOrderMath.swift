/// Elementary functions computed by docgen's own code, so that a network trains to the same bytes on every
/// machine: the C library's `exp`, `tanh` and `log1p` differ between systems in the last bit, and in a network
/// those bits decide line searches and hence the path.
///
/// Each function is a short sequence of IEEE operations (no fused multiply-add, no table lookups, no calls),
/// accurate to a few units in the last place. A network's arrays of them are computed in C (CNetworkKernels,
/// `ElementwiseKernels.h`) with the same operations in the same order, lane by lane, which the tests check bit for
/// bit against these.
enum FixedOrderMath {
    private static let ln2Hi = 6.93147180369123816490e-01   // ln 2 to 32 bits (fdlibm's split)
    private static let ln2Lo = 1.90821492927058770002e-10   // ln 2 − ln2Hi
    private static let invLn2 = 1.44269504088896338700e+00
    /// 1.5 · 2⁵²: adding and subtracting it rounds a double of magnitude < 2⁵¹ to the nearest integer (ties to
    /// even), and the sum's low bits hold that integer.
    private static let shifter = 6755399441055744.0

    /// e^r − 1 for |r| ≤ ln2/2 by its Taylor polynomial to degree 13 (truncation below 5·10⁻¹⁸ · |r|), as
    /// r + r²·(1/2 + r·(1/6 + …)) so the leading term is exact.
    @inline(__always)
    private static func expm1Reduced(_ r: Double) -> Double {
        var q = 1.0 / 6227020800.0     // 1/13!
        q = q * r + 1.0 / 479001600.0  // 1/12!
        q = q * r + 1.0 / 39916800.0
        q = q * r + 1.0 / 3628800.0
        q = q * r + 1.0 / 362880.0
        q = q * r + 1.0 / 40320.0
        q = q * r + 1.0 / 5040.0
        q = q * r + 1.0 / 720.0
        q = q * r + 1.0 / 120.0
        q = q * r + 1.0 / 24.0
        q = q * r + 1.0 / 6.0
        q = q * r + 0.5
        return r + (r * r) * q
    }

    /// x = k·ln 2 + r with |r| ≤ ln2/2 (for |x| ≤ 709), and 2^k as a double.
    @inline(__always)
    private static func reduce(_ x: Double) -> (r: Double, scale: Double) {
        let t = x * invLn2 + shifter
        let k = t - shifter
        let r = (x - k * ln2Hi) - k * ln2Lo
        let exponent = Int64(bitPattern: t.bitPattern) &- Int64(bitPattern: shifter.bitPattern) &+ 1023
        return (r, Double(bitPattern: UInt64(bitPattern: exponent &<< 52)))
    }

    /// e^x, for x clamped to [−708, 709] (below, the result would be subnormal; docgen only needs it where that
    /// is as good as 0).
    @inline(__always)
    static func exp(_ x: Double) -> Double {
        let c = min(max(x, -708), 709)
        let (r, scale) = reduce(c)
        return scale + scale * expm1Reduced(r)
    }

    /// e^x − 1, accurate near 0 (x clamped to [−708, 709]).
    @inline(__always)
    static func expm1(_ x: Double) -> Double {
        let c = min(max(x, -708), 709)
        let (r, scale) = reduce(c)
        return scale * expm1Reduced(r) + (scale - 1)
    }

    /// tanh x = sign(x) · m / (m + 2) with m = e^{2|x|} − 1; ±1 beyond |x| = 20, where tanh rounds to ±1.
    /// `docgen_tanh_array` (CNetworkKernels) takes the same operations for a network's arrays of units.
    @inline(__always)
    static func tanh(_ x: Double) -> Double {
        let a = min(abs(x), 20)
        let m = expm1(2 * a)
        let t = m / (m + 2)
        return x < 0 ? -t : t
    }

    /// The logistic function 1/(1 + e^{−t}), from e^{−|t|} so that it never overflows.
    @inline(__always)
    static func sigmoid(_ t: Double) -> Double {
        let e = exp(-abs(t))
        let s = 1 / (1 + e)
        return t >= 0 ? s : e * s
    }

    /// log(1 + u) for u in [0, 1]: with v = 1 + u reduced to [1/√2, √2] (v or v/2) and s = (w − 1)/(w + 1),
    /// log w = 2·atanh s = 2(s + s³/3 + s⁵/5 + …) to s²¹ (|s| ≤ 0.172: truncation below 10⁻¹⁸).
    @inline(__always)
    static func log1pUnit(_ u: Double) -> Double {
        let big = u > 0.41421356237309503   // 1 + u > √2
        // Below √2, s = u / (2 + u) keeps every bit of a small u; above, w = (1 + u)/2 and s = (u − 1)/(u + 3).
        let s = big ? (u - 1) / (u + 3) : u / (2 + u)
        let s2 = s * s
        var q = 1.0 / 21
        q = q * s2 + 1.0 / 19
        q = q * s2 + 1.0 / 17
        q = q * s2 + 1.0 / 15
        q = q * s2 + 1.0 / 13
        q = q * s2 + 1.0 / 11
        q = q * s2 + 1.0 / 9
        q = q * s2 + 1.0 / 7
        q = q * s2 + 1.0 / 5
        q = q * s2 + 1.0 / 3
        let logW = 2 * s + 2 * s * (s2 * q)
        return big ? (ln2Hi + (ln2Lo + logW)) : logW
    }

    /// log(1 + e^t), the softplus, without overflow: max(t, 0) + log(1 + e^{−|t|}).
    @inline(__always)
    static func softplus(_ t: Double) -> Double {
        max(t, 0) + log1pUnit(exp(-abs(t)))
    }
}
