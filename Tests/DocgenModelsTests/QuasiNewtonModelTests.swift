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
        var pairs = QuasiNewtonMemory(capacity: capacity, keepsDotProducts: true)
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

    func testTheMemoryKeepsThePlainDotProductsOfThePairsItHolds() {
        func dot(_ a: [Double], _ b: [Double]) -> Double {
            var sum = 0.0
            for t in a.indices { sum += a[t] * b[t] }
            return sum
        }
        // Fewer steps than the capacity, as many, and more (the oldest pairs dropped).
        for (n, steps, capacity) in [(6, 3, 5), (11, 5, 5), (23, 17, 4), (2, 9, 3)] {
            let (pairs, _) = memory(size: n, steps: steps, capacity: capacity, seed: UInt64(31 * n + steps))
            let s = pairs.steps, y = pairs.gradientChanges
            XCTAssertEqual(s.count, min(steps, capacity))
            XCTAssertEqual(pairs.stepDots.count, s.count)
            for i in s.indices {
                XCTAssertEqual(pairs.stepDots[i].map(\.bitPattern), (0...i).map { dot(s[i], s[$0]).bitPattern })
                XCTAssertEqual(pairs.stepChangeDots[i].map(\.bitPattern), (0...i).map { dot(s[i], y[$0]).bitPattern })
                XCTAssertEqual(pairs.changeSquares[i].bitPattern, dot(y[i], y[i]).bitPattern)
            }
        }
        var plain = QuasiNewtonMemory(capacity: 3)
        plain.remember(step: 1, direction: [1, 2], oldGradient: [0, 0], newGradient: [2, 3])
        XCTAssertTrue(plain.stepDots.isEmpty && plain.changeSquares.isEmpty, "kept only when asked for")
    }

    /// The model's minimizer, written as the plain loop: each coordinate in turn, (Bd)_j = σd_j − Σ_c Q_jc v_c in
    /// increasing c with v = Wᵀd as it is at that moment. The blocked minimizer must give exactly these bits.
    private func plainModelMinimizer(_ model: CompactHessian, x: [Double], g: [Double], weightCount: Int,
                                     lambda: Double, maxSweeps: Int) -> [Double] {
        let n = x.count, r = model.rank
        var d = [Double](repeating: 0, count: n), v = [Double](repeating: 0, count: r)
        var diagonal = [Double](repeating: model.sigma, count: n)
        for j in 0..<n where r > 0 {
            var sum = 0.0
            for c in 0..<r { sum += model.q[j * r + c] * model.w[j * r + c] }
            diagonal[j] = model.sigma - sum
            if !(diagonal[j] > 1e-12 * model.sigma) { diagonal[j] = model.sigma }
        }
        for _ in 0..<(r == 0 ? 1 : maxSweeps) {
            var largestChange = 0.0, largestStep = 0.0
            for j in 0..<n {
                var bd = model.sigma * d[j]
                for c in 0..<r { bd -= model.q[j * r + c] * v[c] }
                let slope = g[j] + bd, curvature = diagonal[j]
                var change: Double
                if j < weightCount {
                    let u = x[j] + d[j] - slope / curvature, threshold = lambda / curvature
                    let z = abs(u) > threshold ? (u > 0 ? u - threshold : u + threshold) : 0
                    change = z - (x[j] + d[j])
                } else {
                    change = -slope / curvature
                }
                if change != 0 {
                    d[j] += change
                    for c in 0..<r { v[c] += change * model.w[j * r + c] }
                }
                largestChange = max(largestChange, abs(change))
                largestStep = max(largestStep, abs(d[j]))
            }
            if largestChange <= 1e-3 * largestStep { break }
        }
        return d
    }

    func testTheBlockedModelMinimizerGivesTheBitsOfThePlainLoop() {
        var random = SeededGenerator(seed: 12)
        var sawZeros = false, sawMoves = false
        // Sizes that leave 0 to 3 coordinates past the last block of four, no pairs to a full memory, and penalties
        // from none (every coordinate moves) to strong (most weights stay at zero, so block sums stay valid).
        for (n, steps) in [(9, 0), (13, 4), (16, 10), (37, 7), (50, 12), (3, 2)] {
            let (pairs, _) = memory(size: n, steps: steps, capacity: 10, seed: UInt64(5 * n + steps))
            let model = CompactHessian(pairs, scaleWithoutPairs: 3)
            for lambda in [0.0, 0.05, 0.5, 5] {
                let x = (0..<n).map { j in j % 3 == 0 ? 0 : Double.random(in: -1...1, using: &random) }
                let g = (0..<n).map { _ in Double.random(in: -1...1, using: &random) }
                let weights = n - n / 5
                let blocked = model.minimizeModel(x: x, gradient: g, weightCount: weights, lambda: lambda, maxSweeps: 12)
                let plain = plainModelMinimizer(model, x: x, g: g, weightCount: weights, lambda: lambda, maxSweeps: 12)
                XCTAssertEqual(blocked.map(\.bitPattern), plain.map(\.bitPattern), "n = \(n), \(steps) steps, λ = \(lambda)")
                sawZeros = sawZeros || (0..<weights).contains { x[$0] + blocked[$0] == 0 }
                sawMoves = sawMoves || blocked.contains { $0 != 0 }
            }
        }
        XCTAssertTrue(sawZeros && sawMoves, "the cases include weights held at zero and coordinates that move")
    }
}
