import XCTest
@testable import DocgenModels

/// The quadratic model of the proximal quasi-Newton method (`CompactHessian`, the L-BFGS Hessian approximation in
/// compact form): it is the matrix its formula says, it keeps the secant equation, and its fast construction gives
/// the same bits as the textbook one, so a network trains to the same bytes whichever way it is built.
final class QuasiNewtonModelTests: XCTestCase {
    /// Pairs (s, y = A·s) of a convex quadratic with Hessian A (random, symmetric, positive definite), as a
    /// minimizer would remember them after `steps` steps.
    private func memory(size n: Int, steps: Int, capacity: Int, seed: UInt64) -> (QuasiNewtonMemory, [[Double]]) {
        var random = SeededGenerator(seed: seed)
        let factor = (0..<n).map { _ in (0..<n).map { _ in Double.random(in: -1...1, using: &random) } }
        // A = FᵀF + I.
        var a = [[Double]](repeating: [Double](repeating: 0, count: n), count: n)
        for i in 0..<n {
            for j in 0..<n {
                var sum: Double = i == j ? 1 : 0
                for t in 0..<n { sum += factor[t][i] * factor[t][j] }
                a[i][j] = sum
            }
        }
        var pairs = QuasiNewtonMemory(capacity: capacity)
        var gradient = [Double](repeating: 0, count: n)
        for _ in 0..<steps {
            let step = (0..<n).map { _ in Double.random(in: -1...1, using: &random) }
            let change = (0..<n).map { i in (0..<n).reduce(0.0) { $0 + a[i][$1] * step[$1] } }
            let next = zip(gradient, change).map { $0 + $1 }
            pairs.remember(step: 1, direction: step, oldGradient: gradient, newGradient: next)
            gradient = next
        }
        return (pairs, a)
    }

    func testTheModelKeepsTheSecantEquationOfTheNewestPairAndIsSymmetric() throws {
        for (n, steps, capacity) in [(7, 3, 10), (12, 15, 5), (30, 10, 10), (5, 1, 4)] {
            let (pairs, _) = memory(size: n, steps: steps, capacity: capacity, seed: UInt64(n * 100 + steps))
            let model = CompactHessian(pairs, scaleWithoutPairs: 1)
            XCTAssertEqual(model.rank, 2 * min(steps, capacity))
            let s = try XCTUnwrap(pairs.steps.last), y = try XCTUnwrap(pairs.gradientChanges.last)
            let bs = model.product(s)
            let error = zip(bs, y).map { abs($0 - $1) }.max()!, scale = y.map(abs).max()!
            XCTAssertLessThan(error, 1e-10 * scale, "B·s = y for the newest pair (n = \(n), \(steps) steps)")
            // uᵀBv = vᵀBu for any u, v.
            var random = SeededGenerator(seed: 9)
            let u = (0..<n).map { _ in Double.random(in: -1...1, using: &random) }
            let v = (0..<n).map { _ in Double.random(in: -1...1, using: &random) }
            let uBv = zip(u, model.product(v)).reduce(0) { $0 + $1.0 * $1.1 }
            let vBu = zip(v, model.product(u)).reduce(0) { $0 + $1.0 * $1.1 }
            XCTAssertEqual(uBv, vBu, accuracy: 1e-10 * max(1, abs(uBv)))
        }
    }

    func testWithoutPairsTheModelIsTheGivenMultipleOfTheIdentity() {
        let model = CompactHessian(QuasiNewtonMemory(capacity: 10), scaleWithoutPairs: 2.5)
        XCTAssertEqual(model.rank, 0)
        XCTAssertEqual(model.product([1, -2, 4]), [2.5, -5, 10])
    }

    /// W = [σS, Y] and Q = W·M with M = [[σSᵀS, L], [Lᵀ, −D]]⁻¹, each dot product one running sum in increasing
    /// index from 0, written the plain way: the construction must give exactly these bits.
    func testTheConstructionGivesTheBitsOfTheTextbookFormula() throws {
        func dot(_ a: [Double], _ b: [Double]) -> Double {
            var sum = 0.0
            for t in a.indices { sum += a[t] * b[t] }
            return sum
        }
        for (n, steps, capacity) in [(9, 4, 10), (40, 13, 10), (17, 6, 6), (3, 2, 7)] {
            let (pairs, _) = memory(size: n, steps: steps, capacity: capacity, seed: UInt64(7 * n + steps))
            let s = pairs.steps, y = pairs.gradientChanges, k = s.count, r = 2 * k
            let sigma = dot(y[k - 1], y[k - 1]) / dot(s[k - 1], y[k - 1])
            var middle = [Double](repeating: 0, count: r * r)
            for i in 0..<k {
                for j in 0..<k {
                    middle[i * r + j] = sigma * dot(s[i], s[j])
                    if i > j {
                        middle[i * r + k + j] = dot(s[i], y[j])
                        middle[(k + j) * r + i] = dot(s[i], y[j])
                    }
                }
                middle[(k + i) * r + k + i] = -dot(s[i], y[i])
            }
            let inverse = try XCTUnwrap(CompactHessian.invert(middle, size: r))
            var w = [Double](repeating: 0, count: n * r), q = [Double](repeating: 0, count: n * r)
            for j in 0..<n {
                for i in 0..<k { w[j * r + i] = sigma * s[i][j]; w[j * r + k + i] = y[i][j] }
                for c in 0..<r {
                    var sum = 0.0
                    for a in 0..<r { sum += w[j * r + a] * inverse[a * r + c] }
                    q[j * r + c] = sum
                }
            }
            let model = CompactHessian(pairs, scaleWithoutPairs: 1)
            XCTAssertEqual(model.sigma.bitPattern, sigma.bitPattern)
            XCTAssertEqual(model.w.map(\.bitPattern), w.map(\.bitPattern), "W, n = \(n)")
            XCTAssertEqual(model.q.map(\.bitPattern), q.map(\.bitPattern), "Q, n = \(n)")
        }
    }

    func testDotsSideBySideAreEachTheRunningSumInOrder() {
        var random = SeededGenerator(seed: 4)
        for length in [0, 1, 2, 3, 7, 33] {
            for count in 0...9 {
                // Magnitudes over many decades, so that a different order of addition would show in the bits.
                let a = (0..<length).map { _ in Double.random(in: -1...1, using: &random) * pow(10, Double.random(in: -8...8, using: &random)) }
                let b = (0..<(count * length)).map { _ in Double.random(in: -1...1, using: &random) * pow(10, Double.random(in: -8...8, using: &random)) }
                var out = [Double](repeating: .nan, count: count)
                a.withUnsafeBufferPointer { ap in
                    b.withUnsafeBufferPointer { bp in
                        CompactHessian.dots(ap.baseAddress ?? UnsafePointer(bitPattern: 8)!,
                                            with: bp.baseAddress ?? UnsafePointer(bitPattern: 8)!,
                                            count: count, length: length, into: &out)
                    }
                }
                for c in 0..<count {
                    var sum = 0.0
                    for t in 0..<length { sum += a[t] * b[c * length + t] }
                    XCTAssertEqual(out[c].bitPattern, sum.bitPattern, "length \(length), count \(count), sum \(c)")
                }
            }
        }
    }
}
