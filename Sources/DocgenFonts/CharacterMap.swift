import Foundation

extension SFNT {
    /// The characters the font maps to a glyph other than `.notdef`, read from its Unicode `cmap`
    /// subtables (formats 4 and 12).
    public func characters() -> Set<Unicode.Scalar> {
        guard let cmap = table("cmap").map({ [UInt8]($0) }), cmap.count >= 4 else { return [] }
        var found = Set<Unicode.Scalar>()
        let count = Int(Self.uint16(cmap, 2))
        for index in 0..<count where 4 + 8 * index + 8 <= cmap.count {
            let record = 4 + 8 * index
            let platform = Self.uint16(cmap, record), encoding = Self.uint16(cmap, record + 2)
            guard platform == 0 || (platform == 3 && (encoding == 1 || encoding == 10)) else { continue }
            let offset = Int(Self.uint32(cmap, record + 4))
            guard offset + 2 <= cmap.count else { continue }
            switch Self.uint16(cmap, offset) {
            case 4: found.formUnion(Self.format4(cmap, offset))
            case 12: found.formUnion(Self.format12(cmap, offset))
            default: continue
            }
        }
        return found
    }

    private static func format4(_ b: [UInt8], _ start: Int) -> Set<Unicode.Scalar> {
        var found = Set<Unicode.Scalar>()
        guard start + 14 <= b.count else { return found }
        let segments = Int(uint16(b, start + 6)) / 2
        let ends = start + 14, starts = ends + 2 * segments + 2
        let deltas = starts + 2 * segments, rangeOffsets = deltas + 2 * segments
        guard rangeOffsets + 2 * segments <= b.count else { return found }
        for s in 0..<segments {
            let end = Int(uint16(b, ends + 2 * s)), first = Int(uint16(b, starts + 2 * s))
            let delta = Int(uint16(b, deltas + 2 * s)), rangeOffset = Int(uint16(b, rangeOffsets + 2 * s))
            guard first <= end, first != 0xFFFF else { continue }
            for code in first...end {
                var glyph: Int
                if rangeOffset == 0 {
                    glyph = (code + delta) & 0xFFFF
                } else {
                    let at = rangeOffsets + 2 * s + rangeOffset + 2 * (code - first)
                    guard at + 2 <= b.count else { continue }
                    glyph = Int(uint16(b, at))
                    if glyph != 0 { glyph = (glyph + delta) & 0xFFFF }
                }
                if glyph != 0, let scalar = Unicode.Scalar(code) { found.insert(scalar) }
            }
        }
        return found
    }

    private static func format12(_ b: [UInt8], _ start: Int) -> Set<Unicode.Scalar> {
        var found = Set<Unicode.Scalar>()
        guard start + 16 <= b.count else { return found }
        let groups = Int(uint32(b, start + 12))
        for g in 0..<groups {
            let at = start + 16 + 12 * g
            guard at + 12 <= b.count else { break }
            let first = uint32(b, at), last = uint32(b, at + 4), glyph = uint32(b, at + 8)
            guard first <= last, last - first < 0x110000 else { continue }
            for code in first...last where !(code == first && glyph == 0) {
                if let scalar = Unicode.Scalar(code) { found.insert(scalar) }
            }
        }
        return found
    }
}
