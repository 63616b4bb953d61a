import Foundation

/// A compact little-endian binary form for cache entries that are read on every build.
///
/// Foundation's JSON coders cost tens of milliseconds for the course's experiments on Linux;
/// this form reads them in well under one. Integers are 64-bit, doubles are their IEEE bit
/// patterns (so every value, NaN payloads included, round-trips exactly), strings and arrays
/// carry a 64-bit count. A record starts with a magic tag naming its type and version.
struct BinaryRecordWriter {
    private(set) var bytes: [UInt8] = []

    init(magic: String) { bytes.append(contentsOf: magic.utf8) }

    mutating func int(_ value: Int) {
        withUnsafeBytes(of: Int64(value).littleEndian) { bytes.append(contentsOf: $0) }
    }

    mutating func bool(_ value: Bool) { bytes.append(value ? 1 : 0) }

    mutating func double(_ value: Double) {
        withUnsafeBytes(of: value.bitPattern.littleEndian) { bytes.append(contentsOf: $0) }
    }

    mutating func string(_ value: String) {
        var value = value
        value.withUTF8 { utf8 in
            int(utf8.count)
            bytes.append(contentsOf: utf8)
        }
    }

    mutating func optional<T>(_ value: T?, _ write: (inout Self, T) -> Void) {
        bool(value != nil)
        if let value { write(&self, value) }
    }

    mutating func doubles(_ values: [Double]) {
        int(values.count)
        for v in values { double(v) }
    }

    mutating func strings(_ values: [String]) {
        int(values.count)
        for v in values { string(v) }
    }

    var data: Data { Data(bytes) }
}

/// Reads what `BinaryRecordWriter` wrote. Every read checks the remaining length and
/// returns nil on a short or malformed record, so a damaged cache file is a cache miss.
struct BinaryRecordReader {
    private let bytes: [UInt8]
    private var offset = 0
    /// Where the part being read ends: the record's end, or a value's within it (`init(bytes:range:)`).
    private let end: Int

    /// Nil unless `data` starts with `magic`.
    init?(_ data: Data, magic: String) {
        bytes = [UInt8](data)
        end = bytes.count
        let tag = Array(magic.utf8)
        guard bytes.count >= tag.count, Array(bytes[0..<tag.count]) == tag else { return nil }
        offset = tag.count
    }

    /// Reads `range` of `bytes` as a record of its own (without a magic tag): one value of a `RecordTable`.
    init(bytes: [UInt8], range: Range<Int>) {
        self.bytes = bytes
        (offset, end) = (range.lowerBound, range.upperBound)
    }

    var isAtEnd: Bool { offset == end }

    private mutating func word() -> UInt64? {
        guard end - offset >= 8 else { return nil }
        let value = bytes.withUnsafeBytes { UInt64(littleEndian: $0.loadUnaligned(fromByteOffset: offset, as: UInt64.self)) }
        offset += 8
        return value
    }

    mutating func int() -> Int? { word().map { Int(Int64(bitPattern: $0)) } }

    /// A count: non-negative and no larger than the bytes left could hold at `minimumSize` bytes per element.
    private mutating func count(minimumSize: Int) -> Int? {
        guard let n = int(), n >= 0, n <= (end - offset) / max(minimumSize, 1) else { return nil }
        return n
    }

    mutating func bool() -> Bool? {
        guard offset < end, bytes[offset] <= 1 else { return nil }
        defer { offset += 1 }
        return bytes[offset] == 1
    }

    mutating func double() -> Double? { word().map { Double(bitPattern: $0) } }

    mutating func string() -> String? {
        guard let n = count(minimumSize: 1) else { return nil }
        defer { offset += n }
        return String(decoding: bytes[offset..<offset + n], as: UTF8.self)
    }

    /// Reads a presence flag, then the value with `read` when present. The outer nil means a malformed record.
    mutating func optional<T>(_ read: (inout Self) -> T?) -> T?? {
        guard let present = bool() else { return nil }
        if !present { return .some(nil) }
        guard let value = read(&self) else { return nil }
        return .some(value)
    }

    mutating func doubles() -> [Double]? {
        guard let n = count(minimumSize: 8) else { return nil }
        var out: [Double] = []
        out.reserveCapacity(n)
        for _ in 0..<n {
            guard let v = double() else { return nil }
            out.append(v)
        }
        return out
    }

    mutating func strings() -> [String]? {
        guard let n = count(minimumSize: 8) else { return nil }
        var out: [String] = []
        out.reserveCapacity(n)
        for _ in 0..<n {
            guard let s = string() else { return nil }
            out.append(s)
        }
        return out
    }

    /// An array of `n` elements read by `read`, where each element takes at least `minimumSize` bytes.
    mutating func array<T>(minimumSize: Int, _ read: (inout Self) -> T?) -> [T]? {
        guard let n = count(minimumSize: minimumSize) else { return nil }
        var out: [T] = []
        out.reserveCapacity(n)
        for _ in 0..<n {
            guard let v = read(&self) else { return nil }
            out.append(v)
        }
        return out
    }
}

extension BinaryRecordWriter {
    /// A `RecordTable`: the entry count, then each entry's key (a string) and its value (a byte length, then what
    /// `write` wrote), in increasing order of the keys' UTF-8 bytes.
    mutating func table<Value>(_ entries: [String: Value], _ write: (inout Self, Value) -> Void) {
        int(entries.count)
        for (key, value) in entries.sorted(by: { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }) {
            string(key)
            let lengthAt = bytes.count
            int(0)
            write(&self, value)
            withUnsafeBytes(of: Int64(bytes.count - lengthAt - 8).littleEndian) {
                bytes.replaceSubrange(lengthAt..<(lengthAt + 8), with: $0)
            }
        }
    }

    /// The bytes of a section another record's reader checked (`RecordTable.section`), as they were.
    mutating func raw(_ section: ArraySlice<UInt8>) { bytes.append(contentsOf: section) }
}

extension BinaryRecordReader {
    /// The `RecordTable` at this point of the record, its layout checked (every length within the record, the keys
    /// in strictly increasing byte order) but no value decoded: each value is read by `decode` when looked up.
    mutating func table<Value>(_ decode: @escaping @Sendable (inout BinaryRecordReader) -> Value?) -> RecordTable<Value>? {
        let start = offset
        guard let n = count(minimumSize: 16) else { return nil }
        var entries: [RecordTable<Value>.Entry] = []
        entries.reserveCapacity(n)
        var keysAreASCII = true
        var previous: Range<Int>? = nil
        for _ in 0..<n {
            guard let keyLength = count(minimumSize: 1) else { return nil }
            let key = offset..<(offset + keyLength)
            offset += keyLength
            guard let valueLength = count(minimumSize: 1) else { return nil }
            let value = offset..<(offset + valueLength)
            offset += valueLength
            if let previous, RecordTable<Value>.compare(bytes, previous, key) >= 0 { return nil }
            keysAreASCII = keysAreASCII && bytes[key].allSatisfy { $0 < 0x80 }
            entries.append(.init(key: key, value: value))
            previous = key
        }
        return RecordTable(bytes: bytes, section: start..<offset, entries: entries, keysAreASCII: keysAreASCII,
                           decode: decode)
    }
}
