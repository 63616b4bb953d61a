/// The 32-bit Mersenne Twister MT19937 (Matsumoto and Nishimura, 1998), seeded from one 32-bit integer the way
/// numpy's legacy `np.random.RandomState(seed)` seeds it for an integer `seed`.
///
/// Conventions:
/// - State: 624 words of 32 bits. Seeding (the reference `init_genrand`): `key[0] = seed`,
///   `key[i] = 1812433253 · (key[i−1] ⊕ (key[i−1] >> 30)) + i  (mod 2³²)` for i = 1…623; the first output then
///   regenerates the whole block ("twist") before reading word 0.
/// - Twist, for each i in 0…623 in order, in place: `y = (key[i] & 0x8000_0000) | (key[i+1 mod 624] & 0x7FFF_FFFF)`,
///   `key[i] = key[i+397 mod 624] ⊕ (y >> 1) ⊕ (y odd ? 0x9908_B0DF : 0)`.
/// - Output: word `key[pos]`, tempered by `y ^= y >> 11; y ^= (y << 7) & 0x9D2C_5680; y ^= (y << 15) & 0xEFC6_0000;
///   y ^= y >> 18`.
///
/// This does not conform to `RandomNumberGenerator` on purpose: the standard library's `shuffle` and
/// `random(in:)` draw differently from numpy, so reproducing numpy goes through `NumPyRandomState` instead.
public struct MT19937: Sendable {
    /// Number of 32-bit words of state.
    static let stateWords = 624
    /// Offset of the word mixed into each regenerated word.
    static let shift = 397

    /// The 624 state words; `position` indexes the next one to temper and return.
    private var key: [UInt32]
    /// Index in `key` of the next word to output; 624 means the block must be regenerated first.
    private var position: Int

    /// The generator in the state numpy's `RandomState(seed)` leaves it in for an integer `seed` in 0…2³²−1.
    public init(seed: UInt32) {
        var key = [UInt32](repeating: 0, count: Self.stateWords)
        var word = seed
        for i in 0..<Self.stateWords {
            key[i] = word
            word = 1_812_433_253 &* (word ^ (word >> 30)) &+ UInt32(i + 1)
        }
        self.key = key
        position = Self.stateWords
    }

    /// The next tempered 32-bit output (numpy's `random_raw()` on this bit generator).
    public mutating func next() -> UInt32 {
        if position == Self.stateWords { regenerate() }
        var y = key[position]
        position += 1
        y ^= y >> 11
        y ^= (y << 7) & 0x9D2C_5680
        y ^= (y << 15) & 0xEFC6_0000
        y ^= y >> 18
        return y
    }

    /// Replaces all 624 words by the next block of the recurrence and rewinds `position` to 0.
    private mutating func regenerate() {
        let n = Self.stateWords, m = Self.shift
        key.withUnsafeMutableBufferPointer { key in
            for i in 0..<n {
                let y = (key[i] & 0x8000_0000) | (key[(i + 1) % n] & 0x7FFF_FFFF)
                key[i] = key[(i + m) % n] ^ (y >> 1) ^ (y & 1 == 0 ? 0 : 0x9908_B0DF)
            }
        }
        position = 0
    }
}
