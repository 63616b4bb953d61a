import Foundation

/// A new version of a published file that differs from it only in some byte ranges: the old file's length, and each
/// replaced range of the old file with its new bytes (in order, apart). A publisher can make the new file by copying
/// the kept ranges from the old one (in the kernel, without reading them) and writing only the replacements.
public struct SplicedFile: Sendable, Equatable {
    public struct Replacement: Sendable, Equatable {
        /// The bytes of the old file replaced.
        public var range: Range<Int>
        public var bytes: Data

        public init(range: Range<Int>, bytes: Data) {
            (self.range, self.bytes) = (range, bytes)
        }
    }

    /// The old file's length in bytes: the splice applies to no other.
    public var oldLength: Int
    public var replacements: [Replacement]

    public init(oldLength: Int, replacements: [Replacement]) {
        (self.oldLength, self.replacements) = (oldLength, replacements)
    }

    /// The new file's length.
    public var newLength: Int { replacements.reduce(oldLength) { $0 - $1.range.count + $1.bytes.count } }

    /// What the new file is made of, in order: ranges kept from the old file, and new bytes.
    public enum Piece: Sendable, Equatable {
        case kept(Range<Int>)
        case new(Data)
    }

    public var pieces: [Piece] {
        var out: [Piece] = []
        var copied = 0
        for replacement in replacements {
            if replacement.range.lowerBound > copied { out.append(.kept(copied..<replacement.range.lowerBound)) }
            out.append(.new(replacement.bytes))
            copied = replacement.range.upperBound
        }
        if oldLength > copied { out.append(.kept(copied..<oldLength)) }
        return out
    }

    /// The new file made from `old`; nil when `old` is not `oldLength` bytes long.
    public func applied(to old: Data) -> Data? {
        guard old.count == oldLength else { return nil }
        var out = Data()
        out.reserveCapacity(newLength)
        for piece in pieces {
            switch piece {
            case let .kept(range): out.append(old[(old.startIndex + range.lowerBound)..<(old.startIndex + range.upperBound)])
            case let .new(bytes): out.append(bytes)
            }
        }
        return out
    }

    /// The splice of the file whose parts lie at `ranges` (in order, apart, inside `oldLength` bytes) that replaces part
    /// `k` by `replacements[k]` for each `k` it names, and where every part lies in the new file; nil for ranges that are
    /// not in order, overlap, or pass the end.
    static func replacing(parts ranges: [Range<Int>], of oldLength: Int,
                          _ replacements: [Int: Data]) -> (SplicedFile, [Range<Int>])? {
        var previousEnd = 0
        for range in ranges {
            guard range.lowerBound >= previousEnd, range.upperBound <= oldLength else { return nil }
            previousEnd = range.upperBound
        }
        var file = SplicedFile(oldLength: oldLength, replacements: [])
        var moved: [Range<Int>] = []
        var shift = 0
        for (k, range) in ranges.enumerated() {
            let length = replacements[k]?.count ?? range.count
            moved.append((range.lowerBound + shift)..<(range.lowerBound + shift + length))
            if let bytes = replacements[k] {
                file.replacements.append(Replacement(range: range, bytes: bytes))
                shift += bytes.count - range.count
            }
        }
        return (file, moved)
    }
}
