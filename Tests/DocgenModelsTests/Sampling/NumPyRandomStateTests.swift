import DocgenModels
import XCTest

/// numpy's legacy `RandomState`: the raw Mersenne Twister stream, `random_sample` and `permutation`, against
/// numpy's own outputs (Fixtures/sklearn/mt19937.jsonl and permutations.jsonl). Every comparison is exact.
final class NumPyRandomStateTests: XCTestCase {
    func testFirst2000OutputsMatchNumPyForEachSeed() throws {
        let streams = try ScikitLearnFixtures.records("mt19937.jsonl", as: ScikitLearnFixtures.Stream.self)
        XCTAssertEqual(streams.map(\.seed), [0, 1, 42, UInt32.max])
        for stream in streams {
            var generator = MT19937(seed: stream.seed)
            let outputs = (0..<stream.uint32.count).map { _ in generator.next() }
            XCTAssertEqual(outputs.count, 2000)
            XCTAssertEqual(outputs, stream.uint32, "seed \(stream.seed)")
            var random = NumPyRandomState(seed: stream.seed)
            XCTAssertEqual((0..<stream.uint32.count).map { _ in random.nextUInt32() }, stream.uint32)
        }
    }

    func testRandomSampleMatchesNumPyBitForBit() throws {
        for stream in try ScikitLearnFixtures.records("mt19937.jsonl", as: ScikitLearnFixtures.Stream.self) {
            var random = NumPyRandomState(seed: stream.seed)
            let doubles = (0..<stream.random_sample.count).map { _ in random.randomDouble() }
            XCTAssertEqual(doubles.map(\.bitPattern), stream.random_sample.map(\.bitPattern), "seed \(stream.seed)")
        }
    }

    func testWellKnownFirstValuesForSeedZero() {
        var random = NumPyRandomState(seed: 0)
        XCTAssertEqual(random.nextUInt32(), 2_357_136_044)  // the reference MT19937 output for init_genrand(0)
        var sample = NumPyRandomState(seed: 0)
        XCTAssertEqual(sample.randomDouble(), 0.5488135039273248)  // np.random.RandomState(0).random_sample()
    }

    func testPermutationAndTheDrawsAfterItMatchNumPy() throws {
        let permutations = try ScikitLearnFixtures.records("permutations.jsonl", as: ScikitLearnFixtures.Permutation.self)
        XCTAssertEqual(Set(permutations.map(\.n)), [1, 2, 3, 10, 442, 569, 1000])
        for reference in permutations {
            var random = NumPyRandomState(seed: reference.seed)
            XCTAssertEqual(random.permutation(reference.n), reference.permutation, "n \(reference.n) seed \(reference.seed)")
            // The same next doubles show the permutation consumed exactly numpy's draws (rejections included).
            let after = [random.randomDouble(), random.randomDouble()]
            XCTAssertEqual(after, reference.random_sample_after, "draws after n \(reference.n) seed \(reference.seed)")
        }
    }

    func testShuffleOfAnyElementsMovesThemAsPermutationMovesIndices() {
        var byIndex = NumPyRandomState(seed: 7), byValue = NumPyRandomState(seed: 7)
        let order = byIndex.permutation(26)
        var letters = Array("abcdefghijklmnopqrstuvwxyz")
        byValue.shuffle(&letters)
        XCTAssertEqual(letters, order.map { Array("abcdefghijklmnopqrstuvwxyz")[$0] })
    }

    func testEmptyAndSingleShufflesDrawNothing() {
        var random = NumPyRandomState(seed: 3), untouched = NumPyRandomState(seed: 3)
        XCTAssertEqual(random.permutation(0), [])
        XCTAssertEqual(random.permutation(1), [0])
        XCTAssertEqual(random.nextUInt32(), untouched.nextUInt32())
    }

    func testRandomIntervalRejectsMaskedDrawsAboveTheBound() {
        // Bound 5: mask 7; values 6 and 7 are rejected and cost a draw each.
        var random = NumPyRandomState(seed: 42), raw = NumPyRandomState(seed: 42)
        for _ in 0..<1000 {
            var expected = raw.nextUInt32() & 7
            while expected > 5 { expected = raw.nextUInt32() & 7 }
            XCTAssertEqual(random.randomInterval(upTo: 5), UInt64(expected))
        }
        XCTAssertEqual(random.randomInterval(upTo: 0), 0)
        XCTAssertEqual(random.nextUInt32(), raw.nextUInt32(), "upTo: 0 draws nothing")
    }

    func testRandomIntervalBeyond32BitsUsesTwoDrawsHighFirst() {
        var random = NumPyRandomState(seed: 1), raw = NumPyRandomState(seed: 1)
        let bound: UInt64 = 1 << 33  // mask 2^34 − 1
        for _ in 0..<200 {
            var expected: UInt64
            repeat {
                let high = UInt64(raw.nextUInt32()), low = UInt64(raw.nextUInt32())
                expected = (high << 32 | low) & ((1 << 34) - 1)
            } while expected > bound
            XCTAssertEqual(random.randomInterval(upTo: bound), expected)
        }
    }

    func testPermutationIsAPermutation() {
        for seed: UInt32 in [0, 5, 99] {
            var random = NumPyRandomState(seed: seed)
            for n in [2, 17, 300] { XCTAssertEqual(random.permutation(n).sorted(), Array(0..<n)) }
        }
    }
}
