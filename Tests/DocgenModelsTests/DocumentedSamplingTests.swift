import XCTest
@testable import DocgenModels

/// The split as Content/README.md states it ("How the split and the folds are drawn"), written again here from that
/// text alone and compared with docgen's: if one changes, the reference must change with it.
final class DocumentedSamplingTests: XCTestCase {
    /// xoshiro256** whose state is the first four outputs of SplitMix64 started at the seed.
    private struct Documented {
        var state: [UInt64]
        init(seed: UInt64) {
            var x = seed
            state = (0..<4).map { _ in
                x &+= 0x9E37_79B9_7F4A_7C15
                var z = x
                z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
                z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
                return z ^ (z >> 31)
            }
        }
        mutating func next() -> UInt64 {
            func rotl(_ v: UInt64, _ k: UInt64) -> UInt64 { (v << k) | (v >> (64 - k)) }
            let out = rotl(state[1] &* 5, 7) &* 9
            let t = state[1] << 17
            state[2] ^= state[0]; state[3] ^= state[1]; state[1] ^= state[2]; state[0] ^= state[3]
            state[2] ^= t
            state[3] = rotl(state[3], 45)
            return out
        }
        /// An output modulo b, redrawn when it falls in the incomplete last block.
        mutating func below(_ b: Int) -> Int {
            let bound = UInt64(b), complete = UInt64.max - UInt64.max % bound
            while true { let v = next(); if v < complete { return Int(v % bound) } }
        }
        /// Fisher–Yates: for i from n − 1 down to 1, swap i with a position drawn from 0…i.
        mutating func permutation(_ n: Int) -> [Int] {
            var a = Array(0..<n)
            for i in stride(from: n - 1, through: 1, by: -1) { a.swapAt(i, below(i + 1)) }
            return a
        }
    }

    func testTheSplitIsTheDocumentedShuffleRoundedAndClamped() throws {
        for (n, test, seed) in [(442, 0.2, 42), (10, 0.25, 0), (5, 0.9, 7), (3, 0.01, 1), (569, 0.2, 7)] as [(Int, Double, UInt64)] {
            var documented = Documented(seed: seed)
            let permutation = documented.permutation(n)
            let count = min(max(Int((test * Double(n)).rounded(.toNearestOrAwayFromZero)), 1), n - 2)
            let (train, held) = try holdoutRows(rowCount: n, split: HoldoutSplit(test: test, seed: seed))
            XCTAssertEqual(held, permutation.prefix(count).sorted(), "n = \(n), test = \(test), seed = \(seed)")
            XCTAssertEqual(train, permutation.dropFirst(count).sorted())
        }
        let (train, held) = try holdoutRows(rowCount: 442, split: HoldoutSplit(test: 0.2, seed: 42))
        XCTAssertEqual([held.count, train.count], [88, 354], "the reference's worked example")
    }
}
