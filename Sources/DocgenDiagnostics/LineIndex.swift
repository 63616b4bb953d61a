/// Line starts and scalar counts of a UTF-8 text, so that turning a byte offset into a line and a
/// column (in Unicode scalars), or a line and column back into bytes, costs the same on a 100 KB line
/// as on a short one: a binary search over the line starts, then at most `stride` bytes of counting.
///
/// Built once per file in one pass; diagnostics, however many, then cost O(log lines) each, so
/// reporting every one of 16,000 problems on one 128 KB line stays linear in the input.
public struct LineIndex: Sendable {
    /// The text's bytes.
    public let bytes: [UInt8]
    /// Byte offset of the first byte of each line (line 1 at index 0). Lines end at `\n`.
    public let lineStarts: [Int]
    /// `scalarsBefore[k]`: Unicode scalars that start in `bytes[0 ..< k * stride]`.
    private let scalarsBefore: [Int]
    private static let stride = 64

    public init(bytes: [UInt8]) {
        self.bytes = bytes
        var starts = [0]
        var checkpoints = [0]
        checkpoints.reserveCapacity(bytes.count / Self.stride + 1)
        var scalars = 0
        for (i, b) in bytes.enumerated() {
            if i % Self.stride == 0 && i > 0 { checkpoints.append(scalars) }
            if b & 0xC0 != 0x80 { scalars += 1 }
            if b == 0x0A { starts.append(i + 1) }
        }
        if bytes.count % Self.stride == 0 && bytes.count > 0 { checkpoints.append(scalars) }
        lineStarts = starts
        scalarsBefore = checkpoints
    }

    public init(_ text: String) { self.init(bytes: Array(text.utf8)) }

    public var lineCount: Int { lineStarts.count }

    /// Unicode scalars starting in `bytes[0 ..< offset]`.
    public func scalars(before offset: Int) -> Int {
        let clamped = max(0, min(offset, bytes.count))
        let block = clamped / Self.stride
        var count = scalarsBefore[min(block, scalarsBefore.count - 1)]
        var i = min(block, scalarsBefore.count - 1) * Self.stride
        while i < clamped {
            if bytes[i] & 0xC0 != 0x80 { count += 1 }
            i += 1
        }
        return count
    }

    /// The 1-based line containing byte `offset`.
    public func line(ofByte offset: Int) -> Int {
        var low = 0, high = lineStarts.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if lineStarts[mid] <= offset { low = mid } else { high = mid - 1 }
        }
        return low + 1
    }

    /// 1-based line and column (in Unicode scalars) of byte `offset`, clamped to the text.
    public func lineAndColumn(ofByte offset: Int) -> (line: Int, column: Int) {
        let clamped = max(0, min(offset, bytes.count))
        let line = line(ofByte: clamped)
        return (line, scalars(before: clamped) - scalars(before: lineStarts[line - 1]) + 1)
    }

    /// Byte range of 1-based `line` without its `\n` (and without a `\r` before it); empty past the end.
    public func lineRange(_ line: Int) -> Range<Int> {
        guard line >= 1, line <= lineStarts.count else { return bytes.count..<bytes.count }
        let start = lineStarts[line - 1]
        var end = line < lineStarts.count ? lineStarts[line] - 1 : bytes.count
        if end > start, bytes[end - 1] == 0x0D { end -= 1 }
        return start..<end
    }

    /// Byte offset of the `column`th scalar (1-based) of `line`, clamped to the line's end.
    public func byteOffset(line: Int, column: Int) -> Int {
        let range = lineRange(line)
        let target = scalars(before: range.lowerBound) + max(0, column - 1)
        // Binary search over the line's bytes for the first offset with `target` scalars before it.
        var low = range.lowerBound, high = range.upperBound
        while low < high {
            let mid = (low + high) / 2
            if scalars(before: mid) < target { low = mid + 1 } else { high = mid }
        }
        while low < range.upperBound, bytes[low] & 0xC0 == 0x80 { low += 1 }
        return low
    }
}
