import Foundation

/// The envelope of every file docgen keeps in its cache: a header line naming a checksum and the length of
/// the payload, then the payload:
///
///     docgen-cache/1 <32 hex digits of ImageDigest> <payload length>\n<payload>
///
/// A file whose header is missing or whose payload does not match its checksum and length is damaged:
/// the cache discards it, recomputes the entry and reports a warning, so a flipped bit on disk can never
/// reach the site. The checksum guards against damage, not against an attacker (cache keys use SHA-256;
/// anyone who can write the cache can write the site).
enum CacheSeal {
    static let tag = "docgen-cache/1 "

    static func seal(_ payload: Data) -> Data {
        var out = Data("\(tag)\(ImageDigest.hex(payload)) \(payload.count)\n".utf8)
        out.append(payload)
        return out
    }

    /// The payload, or nil when `data` is not an intact sealed entry.
    static func unseal(_ data: Data) -> Data? {
        // The header is short: look for its newline in the first 128 bytes only.
        guard let newline = data.prefix(128).firstIndex(of: 0x0A) else { return nil }
        let header = String(decoding: data[data.startIndex..<newline], as: UTF8.self)
        guard header.hasPrefix(tag) else { return nil }
        let fields = header.dropFirst(tag.count).split(separator: " ", omittingEmptySubsequences: false)
        guard fields.count == 2, fields[0].count == 32, let length = Int(fields[1]) else { return nil }
        let payload = data[(newline + 1)...]
        guard payload.count == length, ImageDigest.hex(payload) == fields[0] else { return nil }
        return Data(payload)
    }
}
