import Foundation

/// Keys and their values in a binary record (`BinaryRecordWriter.table`), each value decoded only when its key is
/// looked up: for a record read to consult a few of many entries, as a prose edit reads the course's index.
///
/// Lookups follow `Dictionary<String, Value>`: keys are equal when they are canonically equivalent, as Swift's
/// `String` compares them. When the key and every stored key are ASCII, where canonical equivalence is byte equality,
/// a lookup is a binary search over the keys' bytes; otherwise it compares the keys as strings, one by one.
struct RecordTable<Value>: Sendable {
    struct Entry: Sendable {
        var key: Range<Int>
        var value: Range<Int>
    }

    private let bytes: [UInt8]
    /// Where the table lies in `bytes`.
    private let section: Range<Int>
    /// In increasing byte order of the keys.
    private let entries: [Entry]
    private let keysAreASCII: Bool
    private let decode: @Sendable (inout BinaryRecordReader) -> Value?

    /// Made by `BinaryRecordReader.table`, which has checked the layout.
    init(bytes: [UInt8], section: Range<Int>, entries: [Entry], keysAreASCII: Bool,
         decode: @escaping @Sendable (inout BinaryRecordReader) -> Value?) {
        (self.bytes, self.section, self.entries, self.keysAreASCII, self.decode) = (bytes, section, entries, keysAreASCII, decode)
    }

    /// The table of `entries`, written by `write` and read back by `read`.
    init?(_ entries: [String: Value], write: (inout BinaryRecordWriter, Value) -> Void,
          read: @escaping @Sendable (inout BinaryRecordReader) -> Value?) {
        var w = BinaryRecordWriter(magic: "")
        w.table(entries, write)
        let bytes = w.bytes
        var r = BinaryRecordReader(bytes: bytes, range: 0..<bytes.count)
        guard let table = r.table(read), r.isAtEnd else { return nil }
        self = table
    }

    var count: Int { entries.count }

    /// Every key, in the table's order.
    var keys: [String] { entries.map { String(decoding: bytes[$0.key], as: UTF8.self) } }

    /// The table's bytes, as `BinaryRecordWriter.raw` writes them into another record.
    var sectionBytes: ArraySlice<UInt8> { bytes[section] }

    /// The value of `key`; nil when there is none, or when its bytes are not a value `decode` reads whole.
    subscript(key: String) -> Value? {
        guard let k = position(of: key) else { return nil }
        var reader = BinaryRecordReader(bytes: bytes, range: entries[k].value)
        guard let value = decode(&reader), reader.isAtEnd else { return nil }
        return value
    }

    func contains(_ key: String) -> Bool { position(of: key) != nil }

    /// Every entry decoded; nil when a value does not decode.
    var dictionary: [String: Value]? {
        var all: [String: Value] = [:]
        for key in keys {
            guard let value = self[key] else { return nil }
            all[key] = value
        }
        return all
    }

    private func position(of key: String) -> Int? {
        var key = key
        let byBytes = key.withUTF8 { utf8 -> Int?? in
            guard keysAreASCII, utf8.allSatisfy({ $0 < 0x80 }) else { return nil }
            return .some(search(utf8))
        }
        if let byBytes { return byBytes }
        return entries.indices.first { String(decoding: bytes[entries[$0].key], as: UTF8.self) == key }
    }

    /// Binary search for the entry whose key's bytes are `key`.
    private func search(_ key: UnsafeBufferPointer<UInt8>) -> Int? {
        var (low, high) = (0, entries.count)
        while low < high {
            let middle = (low + high) / 2
            let order = bytes.withUnsafeBufferPointer { all in
                Self.compare(UnsafeBufferPointer(rebasing: all[entries[middle].key]), key)
            }
            if order == 0 { return middle }
            if order < 0 { low = middle + 1 } else { high = middle }
        }
        return nil
    }

    /// The order of two byte strings: negative, zero or positive as `a` sorts before, equal to or after `b`.
    static func compare(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Int {
        let common = min(a.count, b.count)
        if common > 0 {
            let order = memcmp(a.baseAddress!, b.baseAddress!, common)
            if order != 0 { return Int(order) }
        }
        return a.count - b.count
    }

    /// `compare` for two ranges of `bytes`.
    static func compare(_ bytes: [UInt8], _ a: Range<Int>, _ b: Range<Int>) -> Int {
        bytes.withUnsafeBufferPointer { all in
            compare(UnsafeBufferPointer(rebasing: all[a]), UnsafeBufferPointer(rebasing: all[b]))
        }
    }
}
