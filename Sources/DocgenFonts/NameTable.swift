import Foundation

/// A `name` table written from scratch: the font's names as Windows Unicode (platform 3,
/// encoding 1, US English) records, which is what browsers read.
///
/// Used to give a modified font a name of its own: the GUST Font License of Latin Modern asks
/// that derived fonts be renamed.
public struct NameTable: Sendable, Equatable {
    /// Name ID → text: 0 copyright, 1 family, 2 subfamily, 3 unique id, 4 full name, 5 version,
    /// 6 PostScript name, …
    public var names: [UInt16: String]

    public init(names: [UInt16: String]) { self.names = names }

    /// The table's bytes (format 0).
    public func data() -> Data {
        let records = names.keys.sorted()
        var strings = [UInt8]()
        var out = [UInt8]()
        SFNT.put16(&out, 0)
        SFNT.put16(&out, UInt16(records.count))
        SFNT.put16(&out, UInt16(6 + 12 * records.count))
        for id in records {
            let text = names[id] ?? ""
            var encoded = [UInt8]()
            for unit in text.utf16 { encoded += [UInt8(unit >> 8), UInt8(unit & 0xFF)] }
            SFNT.put16(&out, 3)       // Windows
            SFNT.put16(&out, 1)       // Unicode BMP
            SFNT.put16(&out, 0x0409)  // English (United States)
            SFNT.put16(&out, id)
            SFNT.put16(&out, UInt16(encoded.count))
            SFNT.put16(&out, UInt16(strings.count))
            strings += encoded
        }
        return Data(out + strings)
    }
}
