import Foundation

/// Tick placement. Linear axes use the extended Wilkinson algorithm of Talbot, Lin & Hanrahan
/// ("An Extension of Wilkinson's Algorithm for Positioning Tick Labels on Axes", InfoVis 2010): it searches
/// label sequences `j·q·10^z` (q from a preference-ordered list of nice numbers, j a skip factor) and scores
/// each by simplicity, coverage of the data range and closeness to the wanted density, with pruning bounds.
public enum Ticks {
    /// Nice step mantissas, most preferred first.
    static let niceNumbers: [Double] = [1, 5, 2, 2.5, 4, 3]
    /// Weights of simplicity, coverage, density, legibility.
    static let weights = (simplicity: 0.25, coverage: 0.2, density: 0.5, legibility: 0.05)

    /// About `targetCount` tick values covering [`low`, `high`]; when `inside` is true, all ticks lie in the
    /// range (a tiny tolerance aside). Returns evenly spaced values; at least the endpoints for degenerate input.
    public static func linear(_ low: Double, _ high: Double, targetCount: Int, inside: Bool = false) -> [Double] {
        guard low.isFinite, high.isFinite else { return [] }
        if high - low <= abs(high) * 1e-12 + 1e-300 { return [low] }
        let m = max(2, targetCount)
        guard let best = search(low, high, m: m, inside: inside) else { return [low, high] }
        let count = Int(((best.max - best.min) / best.step).rounded()) + 1
        return (0..<count).map { i in
            let value = best.min + Double(i) * best.step
            // Snap tiny round-off (e.g. 0.30000000000000004) to the step's decimal grid.
            let digits = max(0, -Int(floor(log10(best.step))) + 2)
            let factor = pow(10.0, Double(min(digits, 15)))
            let snapped = (value * factor).rounded() / factor
            return abs(snapped) < best.step * 1e-9 ? 0 : snapped
        }
    }

    private struct Candidate { var min: Double, max: Double, step: Double, score: Double }

    private static func search(_ dmin: Double, _ dmax: Double, m: Int, inside: Bool) -> Candidate? {
        let w = weights
        let q = niceNumbers
        var best: Candidate?
        var bestScore = -2.0
        var j = 1.0
        outer: while j < 64 {
            for (qi, qv) in q.enumerated() {
                let sm = simplicityMax(index: qi, j: j)
                if w.simplicity * sm + w.coverage + w.density + w.legibility < bestScore { break outer }
                var k = 2.0
                while k < 200 {
                    let dm = densityMax(k: k, m: Double(m))
                    if w.simplicity * sm + w.coverage + w.density * dm + w.legibility < bestScore { break }
                    let delta = (dmax - dmin) / (k + 1) / j / qv
                    var z = ceil(log10(delta))
                    while z < 400 {
                        let step = j * qv * pow(10, z)
                        let cm = coverageMax(dmin, dmax, span: step * (k - 1))
                        if w.simplicity * sm + w.coverage * cm + w.density * dm + w.legibility < bestScore { break }
                        let minStart = floor(dmax / step * j) - (k - 1) * j
                        let maxStart = ceil(dmin / step * j)
                        if minStart <= maxStart {
                            var start = minStart
                            while start <= maxStart {
                                let lmin = start * (step / j)
                                let lmax = lmin + step * (k - 1)
                                let s = simplicity(index: qi, j: j, lmin: lmin, lmax: lmax, step: step)
                                let c = coverage(dmin, dmax, lmin, lmax)
                                let g = density(k: k, m: Double(m), dmin, dmax, lmin, lmax)
                                let score = w.simplicity * s + w.coverage * c + w.density * g + w.legibility
                                let tolerance = (dmax - dmin) * 1e-9
                                let fits = !inside || (lmin >= dmin - tolerance && lmax <= dmax + tolerance)
                                if score > bestScore && fits {
                                    bestScore = score
                                    best = Candidate(min: lmin, max: lmax, step: step, score: score)
                                }
                                start += 1
                            }
                        }
                        z += 1
                    }
                    k += 1
                }
            }
            j += 1
        }
        return best
    }

    private static func simplicity(index: Int, j: Double, lmin: Double, lmax: Double, step: Double) -> Double {
        let n = Double(niceNumbers.count)
        let remainder = lmin.truncatingRemainder(dividingBy: step)
        let hasZero = lmin <= 0 && lmax >= 0 && (abs(remainder) < step * 1e-10 || step - abs(remainder) < step * 1e-10)
        return 1 - Double(index) / (n - 1) - j + (hasZero ? 1 : 0)
    }

    private static func simplicityMax(index: Int, j: Double) -> Double {
        1 - Double(index) / Double(niceNumbers.count - 1) - j + 1
    }

    private static func coverage(_ dmin: Double, _ dmax: Double, _ lmin: Double, _ lmax: Double) -> Double {
        let range = dmax - dmin
        return 1 - 0.5 * (pow(dmax - lmax, 2) + pow(dmin - lmin, 2)) / pow(0.1 * range, 2)
    }

    private static func coverageMax(_ dmin: Double, _ dmax: Double, span: Double) -> Double {
        let range = dmax - dmin
        guard span > range else { return 1 }
        let half = (span - range) / 2
        return 1 - 0.5 * (2 * half * half) / pow(0.1 * range, 2)
    }

    private static func density(k: Double, m: Double, _ dmin: Double, _ dmax: Double,
                                _ lmin: Double, _ lmax: Double) -> Double {
        let r = (k - 1) / (lmax - lmin)
        let rt = (m - 1) / (max(lmax, dmax) - min(dmin, lmin))
        return 2 - max(r / rt, rt / r)
    }

    private static func densityMax(k: Double, m: Double) -> Double {
        k >= m ? 2 - (k - 1) / (m - 1) : 1
    }

    /// Ticks of a log₁₀ axis over [`low`, `high`] (positive data values). Major ticks are powers of ten,
    /// every `stride`-th decade so that at most `maxCount` appear; minor ticks at 2…9 × 10ᵏ when the
    /// stride is 1. When the range holds fewer than three powers of ten, majors come from 1-2-5 multiples,
    /// then from linear ticks.
    public static func log(_ low: Double, _ high: Double, maxCount: Int) -> (major: [Double], minor: [Double]) {
        guard low > 0, high > low, low.isFinite, high.isFinite else { return ([], []) }
        let lowExp = Int(ceil(log10(low) - 1e-9)), highExp = Int(floor(log10(high) + 1e-9))
        let decades = highExp - lowExp + 1
        if decades >= 2 {
            let stride = max(1, Int(ceil(Double(decades) / Double(max(2, maxCount)))))
            // Align the stride on multiples so that 10⁰ stays a tick when it is in range.
            let first = Int((Double(lowExp) / Double(stride)).rounded(.up)) * stride
            let major = Swift.stride(from: first, through: highExp, by: stride).map { pow(10.0, Double($0)) }
            var minor: [Double] = []
            if stride == 1 {
                for e in (lowExp - 1)...highExp {
                    for m in 2...9 {
                        let v = Double(m) * pow(10.0, Double(e))
                        if v >= low && v <= high { minor.append(v) }
                    }
                }
            } else {
                minor = Swift.stride(from: lowExp, through: highExp, by: 1)
                    .filter { ($0 - first) % stride != 0 }.map { pow(10.0, Double($0)) }
            }
            if major.count >= 3 || stride > 1 { return (major, minor) }
        }
        var major: [Double] = []
        for e in (lowExp - 1)...(highExp + 1) {
            for m in [1.0, 2.0, 5.0] {
                let v = m * pow(10.0, Double(e))
                if v >= low * (1 - 1e-9) && v <= high * (1 + 1e-9) { major.append(v) }
            }
        }
        if major.count >= 2 && major.count <= maxCount + 1 { return (major, []) }
        return (linear(low, high, targetCount: min(maxCount, 5), inside: true).filter { $0 > 0 }, [])
    }
}
