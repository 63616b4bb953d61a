/// numpy's legacy `np.random.RandomState(seed)` for an integer seed in 0…2³²−1: the draws scikit-learn makes
/// when given `random_state=seed`, reproduced exactly (the same numbers in the same order).
///
/// Only the draws scikit-learn's splitters need are here. Each one consumes a documented number of 32-bit outputs
/// of the underlying `MT19937`, exactly as numpy does, so a sequence of calls leaves the generator where numpy's
/// would be. (numpy's newer `default_rng` / `Generator` API draws differently and is not reproduced.)
public struct NumPyRandomState: Sendable {
    /// The bit generator, seeded as `RandomState(seed)` seeds it.
    private var generator: MT19937

    /// `np.random.RandomState(seed)`.
    public init(seed: UInt32) { generator = MT19937(seed: seed) }

    /// The next 32-bit output of the Mersenne Twister (one draw).
    public mutating func nextUInt32() -> UInt32 { generator.next() }

    /// A 64-bit value from two 32-bit draws, the first one in the high half (numpy's `next_uint64` for MT19937).
    public mutating func nextUInt64() -> UInt64 {
        let high = UInt64(generator.next())
        let low = UInt64(generator.next())
        return high << 32 | low
    }

    /// `RandomState.random_sample()`: uniform on [0, 1) with 53 random bits, from two draws `a` then `b`:
    /// `((a >> 5) · 2²⁶ + (b >> 6)) / 2⁵³`.
    public mutating func randomDouble() -> Double {
        let a = generator.next() >> 5, b = generator.next() >> 6
        return (Double(a) * 67_108_864.0 + Double(b)) / 9_007_199_254_740_992.0
    }

    /// A uniform integer in 0…`max` (inclusive), by numpy's legacy masked rejection (`random_interval`), used by
    /// `RandomState.shuffle` and `permutation`: with `mask` the smallest value of the form 2ᵏ−1 that is ≥ `max`, draw
    /// `nextUInt32() & mask` (or `nextUInt64() & mask` when `max` ≥ 2³²) until the value is ≤ `max`. `max == 0`
    /// returns 0 without drawing. Each rejected value costs a draw, so the number of draws is random.
    public mutating func randomInterval(upTo max: UInt64) -> UInt64 {
        if max == 0 { return 0 }
        var mask = max
        mask |= mask >> 1
        mask |= mask >> 2
        mask |= mask >> 4
        mask |= mask >> 8
        mask |= mask >> 16
        mask |= mask >> 32
        if max <= UInt64(UInt32.max) {
            let mask32 = UInt32(mask), max32 = UInt32(max)
            while true {
                let value = generator.next() & mask32
                if value <= max32 { return UInt64(value) }
            }
        }
        while true {
            let value = nextUInt64() & mask
            if value <= max { return value }
        }
    }

    /// `RandomState.shuffle` on a 1-D array, in place: for i from count−1 down to 1, swap element i with element
    /// `randomInterval(upTo: i)` (a Fisher–Yates shuffle from the back). Arrays of 0 or 1 elements draw nothing.
    public mutating func shuffle<Element>(_ elements: inout [Element]) {
        guard elements.count > 1 else { return }
        for i in stride(from: elements.count - 1, through: 1, by: -1) {
            let j = Int(randomInterval(upTo: UInt64(i)))
            elements.swapAt(i, j)
        }
    }

    /// `RandomState.permutation(count)`: 0..<count shuffled by `shuffle`.
    public mutating func permutation(_ count: Int) -> [Int] {
        var indices = Array(0..<max(count, 0))
        shuffle(&indices)
        return indices
    }
}
