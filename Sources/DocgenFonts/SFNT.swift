import Foundation

/// The tables of an OpenType (sfnt) font: enough to re-package it (WOFF2) or swap one table.
public struct SFNT: Sendable, Equatable {
    public struct Table: Sendable, Equatable {
        /// Four ASCII characters, `CFF `, `MATH`, `name`…
        public var tag: String
        public var data: Data

        public init(tag: String, data: Data) {
            self.tag = tag
            self.data = data
        }
    }

    /// `0x4F54544F` ("OTTO") for CFF outlines, `0x00010000` for TrueType outlines.
    public var flavor: UInt32
    /// In the order of the font's table directory (sorted by tag).
    public var tables: [Table]

    public struct FormatError: Error, CustomStringConvertible {
        public var description: String
    }

    /// Reads the table directory of a single (non-collection) font.
    public init(_ font: Data) throws {
        let bytes = [UInt8](font)
        guard bytes.count >= 12 else { throw FormatError(description: "too short for an sfnt header") }
        flavor = Self.uint32(bytes, 0)
        guard flavor == 0x4F54_544F || flavor == 0x0001_0000 || flavor == 0x7472_7565 else {
            throw FormatError(description: String(format: "not an OpenType font (flavor 0x%08x)", flavor))
        }
        let count = Int(Self.uint16(bytes, 4))
        guard bytes.count >= 12 + 16 * count else { throw FormatError(description: "truncated table directory") }
        tables = try (0..<count).map { index in
            let record = 12 + 16 * index
            let tag = String(decoding: bytes[record..<record + 4], as: UTF8.self)
            let offset = Int(Self.uint32(bytes, record + 8)), length = Int(Self.uint32(bytes, record + 12))
            guard offset + length <= bytes.count else { throw FormatError(description: "table '\(tag)' lies outside the file") }
            return Table(tag: tag, data: Data(bytes[offset..<offset + length]))
        }
    }

    /// The table with `tag`, if the font has one.
    public func table(_ tag: String) -> Data? { tables.first { $0.tag == tag }?.data }

    /// The font as an sfnt file: tables sorted by tag, each padded to four bytes, with their
    /// checksums and `head.checkSumAdjustment` computed as OpenType specifies.
    public func data() -> Data {
        let sorted = tables.sorted { $0.tag.utf8.lexicographicallyPrecedes($1.tag.utf8) }
        var out = [UInt8]()
        let count = sorted.count
        var power = 1, log = 0
        while power * 2 <= count { power *= 2; log += 1 }
        Self.put32(&out, flavor)
        Self.put16(&out, UInt16(count))
        Self.put16(&out, UInt16(power * 16))
        Self.put16(&out, UInt16(log))
        Self.put16(&out, UInt16(count * 16 - power * 16))
        var offset = 12 + 16 * count
        var body = [UInt8]()
        var headOffset: Int?
        for table in sorted {
            var data = [UInt8](table.data)
            if table.tag == "head", data.count >= 12 { data.replaceSubrange(8..<12, with: [0, 0, 0, 0]); headOffset = offset }
            out += Array(table.tag.utf8.prefix(4))
            Self.put32(&out, Self.checksum(data))
            Self.put32(&out, UInt32(offset))
            Self.put32(&out, UInt32(data.count))
            body += data
            while body.count % 4 != 0 { body.append(0) }
            offset = 12 + 16 * count + body.count
        }
        out += body
        if let headOffset {
            let adjustment = 0xB1B0_AFBA &- Self.checksum(out)
            out.replaceSubrange(headOffset + 8..<headOffset + 12, with: Self.bigEndian32(adjustment))
        }
        return Data(out)
    }

    /// The OpenType table checksum: the sum of big-endian 32-bit words, the last one zero-padded.
    static func checksum(_ bytes: [UInt8]) -> UInt32 {
        var sum: UInt32 = 0
        var index = 0
        while index < bytes.count {
            var word: UInt32 = 0
            for k in 0..<4 { word = word << 8 | UInt32(index + k < bytes.count ? bytes[index + k] : 0) }
            sum = sum &+ word
            index += 4
        }
        return sum
    }

    static func uint16(_ b: [UInt8], _ i: Int) -> UInt16 { UInt16(b[i]) << 8 | UInt16(b[i + 1]) }
    static func uint32(_ b: [UInt8], _ i: Int) -> UInt32 {
        UInt32(b[i]) << 24 | UInt32(b[i + 1]) << 16 | UInt32(b[i + 2]) << 8 | UInt32(b[i + 3])
    }
    static func bigEndian32(_ v: UInt32) -> [UInt8] { [UInt8(v >> 24), UInt8(v >> 16 & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v & 0xFF)] }
    static func put16(_ out: inout [UInt8], _ v: UInt16) { out += [UInt8(v >> 8), UInt8(v & 0xFF)] }
    static func put32(_ out: inout [UInt8], _ v: UInt32) { out += bigEndian32(v) }
}
