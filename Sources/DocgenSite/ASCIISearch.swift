/// Substring search over a string's UTF-8 bytes, for the ASCII markers of trusted HTML (`<h`, `</math>`).
///
/// Foundation's `range(of:options:)` walks characters with full Unicode case folding and costs
/// milliseconds per call on a chapter; these markers are ASCII, so a byte search finds the same
/// ranges. With `caseInsensitive`, ASCII letters of the needle match either case (nothing else folds).
enum ASCIISearch {
    /// The first occurrence of `needle` in `text[from..<to]` (`to` defaults to the end).
    static func find(_ needle: String, in text: String, from: String.Index, to end: String.Index? = nil,
                     caseInsensitive: Bool = false) -> Range<String.Index>? {
        let utf8 = text.utf8
        let lower = utf8.distance(from: utf8.startIndex, to: from)
        let upper = utf8.distance(from: utf8.startIndex, to: end ?? utf8.endIndex)
        let pattern = Array(needle.utf8)
        guard let offset = firstOffset(of: pattern, in: utf8, lower: lower, upper: upper,
                                       caseInsensitive: caseInsensitive) else { return nil }
        let start = utf8.index(utf8.startIndex, offsetBy: offset)
        return start..<utf8.index(start, offsetBy: pattern.count)
    }

    /// Same, within a substring (indices are those of its base string).
    static func find(_ needle: String, in text: Substring, caseInsensitive: Bool = false) -> Range<String.Index>? {
        find(needle, in: text.base, from: text.startIndex, to: text.endIndex, caseInsensitive: caseInsensitive)
    }

    private static func firstOffset(of pattern: [UInt8], in utf8: String.UTF8View, lower: Int, upper: Int,
                                    caseInsensitive: Bool) -> Int? {
        guard !pattern.isEmpty else { return lower <= upper ? lower : nil }
        func search(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
            let folded = caseInsensitive ? pattern.map(fold) : pattern
            let last = upper - folded.count
            guard lower <= last else { return nil }
            var i = lower
            while i <= last {
                var j = 0
                while j < folded.count {
                    let b = bytes[i + j]
                    if (caseInsensitive ? fold(b) : b) != folded[j] { break }
                    j += 1
                }
                if j == folded.count { return i }
                i += 1
            }
            return nil
        }
        if let hit = utf8.withContiguousStorageIfAvailable(search) { return hit }
        return Array(utf8).withUnsafeBufferPointer(search)
    }

    @inline(__always) private static func fold(_ b: UInt8) -> UInt8 { b >= 0x41 && b <= 0x5A ? b | 0x20 : b }
}
