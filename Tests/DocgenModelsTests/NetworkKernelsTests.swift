import Foundation
import XCTest
import CNetworkKernels
@testable import DocgenModels

/// Every kernel level up to the best this processor runs.
func kernelLevelsOfThisProcessor() -> [docgen_kernel_level] {
    [docgen_kernel_baseline, docgen_kernel_avx2, docgen_kernel_avx512].filter { $0.rawValue <= docgen_kernel_best_level().rawValue }
}

/// The C kernels of network training (CNetworkKernels) at every instruction-set level this processor runs: each must
/// give, bit for bit, the plain loop its header describes (a running sum per entry in increasing index, products
/// rounded before they are added), so that which level a machine picks never changes a number.
final class NetworkKernelsTests: XCTestCase {
    private var levels: [docgen_kernel_level] { kernelLevelsOfThisProcessor() }

    override func tearDown() {
        _ = docgen_kernel_use_level(docgen_kernel_best_level())
        super.tearDown()
    }

    /// Random doubles whose magnitudes span sixteen decades, so a sum taken in another order would show in the bits.
    private func values(_ count: Int, _ random: inout SeededGenerator) -> [Double] {
        (0..<count).map { _ in (random.uniform() * 2 - 1) * pow(10, random.uniform() * 16 - 8) }
    }

    func testTheLevelFollowsTheProcessor() throws {
        let cpuinfo = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? ""
        guard let flags = cpuinfo.split(separator: "\n").first(where: { $0.hasPrefix("flags") }) else {
            throw XCTSkip("no /proc/cpuinfo flags here")
        }
        let names = Set(flags.split(separator: " "))
        let expected = names.contains("avx512f") ? docgen_kernel_avx512
            : names.contains("avx2") ? docgen_kernel_avx2 : docgen_kernel_baseline
        XCTAssertEqual(docgen_kernel_best_level(), expected)
        XCTAssertEqual(docgen_kernel_use_level(docgen_kernel_baseline), docgen_kernel_baseline)
        XCTAssertEqual(docgen_kernel_current_level(), docgen_kernel_baseline)
        // A level the processor cannot run is lowered to the best one.
        XCTAssertEqual(docgen_kernel_use_level(docgen_kernel_avx512), docgen_kernel_best_level())
        XCTAssertEqual(docgen_kernel_current_level(), docgen_kernel_best_level())
    }

    /// Every entry of an array, at any position and in an array of any length (the last vector partly filled), gets
    /// the bits of the scalar `FixedOrderMath.tanh`.
    func testTanhOfAnArrayGivesTheScalarFunctionsBits() {
        var random = SeededGenerator(seed: 11)
        var inputs: [Double] = [0, -0.0, 20, -20, 20.000000000000004, 19.999999999999996, 1e-300, -1e-300,
                                .leastNonzeroMagnitude, -.leastNonzeroMagnitude, .infinity, -.infinity,
                                0.5 * .ulpOfOne, 709, -745, .greatestFiniteMagnitude, 0.3465735902799726,
                                -0.3465735902799727]
        for _ in 0..<20_000 { inputs.append((random.uniform() * 2 - 1) * pow(10, random.uniform() * 14 - 12)) }
        for level in levels {
            XCTAssertEqual(docgen_kernel_use_level(level), level)
            for count in [inputs.count, 0, 1, 2, 3, 5, 7, 9, 15, 33] {
                var array = Array(inputs.prefix(count))
                array.withUnsafeMutableBufferPointer { docgen_tanh_array($0.baseAddress, count) }
                for k in 0..<count where array[k].bitPattern != FixedOrderMath.tanh(inputs[k]).bitPattern {
                    XCTFail("level \(level.rawValue), count \(count): tanh(\(inputs[k])) = \(array[k]), "
                            + "the scalar one \(FixedOrderMath.tanh(inputs[k]))")
                    break
                }
            }
            var nan = [Double.nan, 1]
            nan.withUnsafeMutableBufferPointer { docgen_tanh_array($0.baseAddress, 2) }
            XCTAssertTrue(nan[0].isNaN)
            XCTAssertEqual(nan[1].bitPattern, FixedOrderMath.tanh(1).bitPattern)
        }
    }

    /// Every row's log-loss term and output δ get the bits of FixedOrderMath's scalar softplus and sigmoid.
    func testLogLossRowsGiveTheScalarFunctionsBits() {
        var random = SeededGenerator(seed: 21)
        var eta: [Double] = [0, -0.0, 1, -1, 0.8813735870195429, -0.8813735870195429, 36, -36, 707.5, -707.5, 708, -708,
                             709, -709, 710, -745, 1e-300, -1e-300, .infinity, -.infinity, .greatestFiniteMagnitude]
        for _ in 0..<20_000 { eta.append((random.uniform() * 2 - 1) * pow(10, random.uniform() * 5 - 3)) }
        let y = eta.indices.map { _ in random.uniform() < 0.5 ? 0.0 : 1.0 }
        let scale = 1 / 7.0
        for level in levels {
            XCTAssertEqual(docgen_kernel_use_level(level), level)
            for count in [eta.count, 0, 1, 2, 3, 5, 6, 9, 15, 17] {
                var terms = [Double](repeating: .nan, count: count), delta = [Double](repeating: .nan, count: count)
                var termsOnly = [Double](repeating: .nan, count: count)
                eta.withUnsafeBufferPointer { e in
                    y.withUnsafeBufferPointer { t in
                        terms.withUnsafeMutableBufferPointer { tp in
                            delta.withUnsafeMutableBufferPointer { dp in
                                docgen_log_loss_rows(count, e.baseAddress, t.baseAddress, scale, tp.baseAddress, dp.baseAddress)
                            }
                        }
                        termsOnly.withUnsafeMutableBufferPointer { tp in
                            docgen_log_loss_rows(count, e.baseAddress, t.baseAddress, scale, tp.baseAddress, nil)
                        }
                    }
                }
                for i in 0..<count {
                    let term = FixedOrderMath.softplus(eta[i]) - y[i] * eta[i]
                    let residual = (FixedOrderMath.sigmoid(eta[i]) - y[i]) * scale
                    guard terms[i].bitPattern == term.bitPattern, termsOnly[i].bitPattern == term.bitPattern,
                          delta[i].bitPattern == residual.bitPattern || (delta[i].isNaN && residual.isNaN) else {
                        XCTFail("level \(level.rawValue), count \(count), η = \(eta[i]), y = \(y[i]): term \(terms[i]) "
                                + "(\(termsOnly[i]) alone) against \(term), δ \(delta[i]) against \(residual)")
                        break
                    }
                }
            }
        }
    }

    func testMultiplyGivesThePlainRunningSums() {
        var random = SeededGenerator(seed: 3)
        for level in levels {
            XCTAssertEqual(docgen_kernel_use_level(level), level)
            // Odd and even row counts; columns in blocks of sixteen, of four and one by one, and mixtures (37 = 32 + 4
            // + 1); with and without a bias. The square ones are the compact L-BFGS matrix's Q = W·M (r = 2k ≤ 20).
            for (rows, inner, cols) in [(0, 3, 4), (1, 1, 1), (3, 2, 5), (4, 16, 16), (9, 5, 11), (210, 16, 16), (17, 16, 2),
                                        (8, 2, 16), (6, 7, 3), (7, 3, 37), (1, 16, 16), (5, 16, 1), (337, 20, 20),
                                        (5, 18, 18), (3, 23, 23), (4, 0, 6)] {
                let a = values(rows * inner, &random), b = values(inner * cols, &random), bias = values(cols, &random)
                for withBias in [true, false] {
                    var c = [Double](repeating: .nan, count: rows * cols)
                    a.withUnsafeBufferPointer { ap in
                        b.withUnsafeBufferPointer { bp in
                            bias.withUnsafeBufferPointer { biasp in
                                c.withUnsafeMutableBufferPointer { cp in
                                    docgen_dense_multiply(rows, inner, cols, ap.baseAddress, bp.baseAddress,
                                                          withBias ? biasp.baseAddress : nil, cp.baseAddress)
                                }
                            }
                        }
                    }
                    var expected = [Double](repeating: 0, count: rows * cols)
                    for i in 0..<rows {
                        for j in 0..<cols {
                            var s = withBias ? bias[j] : 0
                            for k in 0..<inner { s += a[i * inner + k] * b[k * cols + j] }
                            expected[i * cols + j] = s
                        }
                    }
                    XCTAssertEqual(c.map(\.bitPattern), expected.map(\.bitPattern),
                                   "level \(level.rawValue): \(rows) × \(inner) × \(cols), bias \(withBias)")
                }
            }
        }
    }

    func testAccumulatingATransposedProductContinuesEachRunningSumInRowOrder() {
        var random = SeededGenerator(seed: 5)
        for level in levels {
            XCTAssertEqual(docgen_kernel_use_level(level), level)
            // Past one tile of 256 rows and into a third; odd and even m; columns in blocks of sixteen, of four and one
            // by one, and mixtures.
            for (rows, m, cols) in [(0, 4, 4), (1, 1, 1), (5, 2, 16), (210, 16, 16), (300, 16, 1), (600, 7, 6), (513, 5, 9),
                                    (301, 5, 37), (40, 1, 16)] {
                let a = values(rows * m, &random), d = values(rows * cols, &random), start = values(m * cols, &random)
                var g = start
                a.withUnsafeBufferPointer { ap in
                    d.withUnsafeBufferPointer { dp in
                        g.withUnsafeMutableBufferPointer { gp in
                            docgen_dense_accumulate_transposed(rows, m, cols, ap.baseAddress, dp.baseAddress, gp.baseAddress)
                        }
                    }
                }
                var expected = start
                for k in 0..<m {
                    for j in 0..<cols {
                        var s = start[k * cols + j]
                        for i in 0..<rows { s += a[i * m + k] * d[i * cols + j] }
                        expected[k * cols + j] = s
                    }
                }
                XCTAssertEqual(g.map(\.bitPattern), expected.map(\.bitPattern), "level \(level.rawValue): \(rows) × \(m) × \(cols)")
            }
        }
    }
}
