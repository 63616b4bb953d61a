/// "Did you mean …?" for names the user typed: option keys, model names, figure kinds, experiment ids, data columns,
/// `{value}` fields. The one place that decides what counts as close.
public enum Suggestion {
    /// The known name within edit distance 2 of `typed`, ignoring case (`BMI` → `bmi`), if any. The nearest wins;
    /// among equally near names the one sharing the longest beginning with `typed` (`test_rsq` → `test_r2`, not
    /// `test_mse`), then the first listed. `typed` itself is never suggested.
    ///
    /// Names whose lengths differ by more than 2 are skipped without comparing them, and names longer than
    /// `maximumLength` get no suggestion, so a suggestion costs O(known) and never O(typed²).
    public static func closest(to typed: String, in known: [String]) -> String? {
        let length = typed.count
        guard length <= maximumLength else { return nil }
        let lower = typed.lowercased()
        var best: (name: String, distance: Int, prefix: Int)?
        for name in known where name != typed {
            let other = name.count
            guard abs(other - length) <= 2, other <= maximumLength else { continue }
            let candidate = name.lowercased()
            let distance = editDistance(lower, candidate)
            guard distance <= 2 else { continue }
            let prefix = zip(lower, candidate).prefix { $0 == $1 }.count
            if let b = best, (b.distance, -b.prefix) <= (distance, -prefix) { continue }
            best = (name, distance, prefix)
        }
        return best?.name
    }

    /// Longest name (in characters) a suggestion is looked for.
    static let maximumLength = 100

    /// `a`, `a or b`, `a, b or c`: names for a message, in the order given.
    public static func list(_ names: [String]) -> String {
        guard let last = names.last else { return "" }
        if names.count == 1 { return last }
        return names.dropLast().joined(separator: ", ") + " or " + last
    }

    /// Optimal-string-alignment distance: insertions, deletions, substitutions and swaps
    /// of neighbours each cost 1, so the typo `alpah` is one edit from `alpha`.
    public static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var d = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { d[i][0] = i }
        for j in 0...b.count { d[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
                }
            }
        }
        return d[a.count][b.count]
    }
}
