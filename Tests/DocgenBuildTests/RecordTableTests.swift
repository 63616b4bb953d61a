@testable import DocgenBuild
import Foundation
import XCTest

/// A record's table of keys and values: every lookup answers as a `Dictionary<String, _>` of the same entries would,
/// while no value is decoded until it is looked up, and a damaged table is no table.
final class RecordTableTests: XCTestCase {
    private static let readNumbers: @Sendable (inout BinaryRecordReader) -> [Double]? = { $0.doubles() }

    private func table(_ entries: [String: [Double]]) throws -> RecordTable<[Double]> {
        try XCTUnwrap(RecordTable(entries, write: { $0.doubles($1) }, read: Self.readNumbers))
    }

    /// Keys of varied lengths and bytes, with prefixes of one another, from a fixed seed.
    private func sampleKeys(count: Int, alphabet: [String]) -> [String] {
        var generator = SplitMix(seed: 7)
        var keys = Set<String>()
        while keys.count < count {
            let length = Int(generator.next() % 12)
            keys.insert((0..<length).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] }.joined())
        }
        return Array(keys)
    }

    func testEveryKeyFindsItsValueAndOtherKeysFindNothing() throws {
        let keys = sampleKeys(count: 400, alphabet: ["a", "b", "z", "/", ".", "-", "0", "9"])
        let entries = Dictionary(uniqueKeysWithValues: keys.enumerated().map { ($1, [Double($0), -Double($0) / 3]) })
        let t = try table(entries)
        XCTAssertEqual(t.count, 400)
        XCTAssertEqual(Set(t.keys), Set(keys))
        for (key, value) in entries {
            XCTAssertEqual(t[key], value, key)
            XCTAssertTrue(t.contains(key), key)
        }
        for absent in ["", "c", "zzzzzzzzzzzzz", keys[0] + "~", String(keys[1].dropLast()) + "~"] where entries[absent] == nil {
            XCTAssertNil(t[absent], absent)
            XCTAssertFalse(t.contains(absent), absent)
        }
        XCTAssertEqual(t.dictionary, entries)
    }

    func testKeysAreInByteOrderSoThatALookupCanBisect() throws {
        let keys = ["b", "a", "ab", "", "B", "é", "z"]
        let t = try table(Dictionary(uniqueKeysWithValues: keys.map { ($0, [1]) }))
        XCTAssertEqual(t.keys, ["", "B", "a", "ab", "b", "z", "é"])
    }

    /// Swift's strings are equal when canonically equivalent: "é" as one code point or as "e" and a combining accent,
    /// and the Kelvin sign K (U+212A) with the letter K. A table finds what a dictionary would, ASCII or not.
    func testLookupsTreatCanonicallyEquivalentKeysAsADictionaryDoes() throws {
        let composed = "caf\u{E9}", decomposed = "cafe\u{301}", kelvin = "\u{212A}"
        let probes = [composed, decomposed, "cafe", "K", kelvin, "k", "figures/K.png", "figures/\u{212A}.png", "caf"]
        for stored in [["K": [1.0], "figures/K.png": [2.0], "a": [3.0]],                       // ASCII keys only
                       [composed: [1.0], "K": [2.0], "figures/\u{212A}.png": [3.0]],            // some not ASCII
                       [decomposed: [1.0], kelvin: [2.0], "cafe": [3.0]]] {
            let t = try table(stored)
            for probe in probes {
                XCTAssertEqual(t[probe], stored[probe], "\(Array(probe.unicodeScalars)) in \(stored.keys.sorted())")
                XCTAssertEqual(t.contains(probe), stored[probe] != nil, "\(Array(probe.unicodeScalars))")
            }
        }
    }

    func testATableInsideARecordReadsBackAndItsBytesCopyUnchanged() throws {
        let entries = ["x": [1.5], "y": [], "w": [.infinity, -0.0]]
        var w = BinaryRecordWriter(magic: "test/1\n")
        w.string("before")
        w.table(entries) { $0.doubles($1) }
        w.int(42)
        let record = w.data
        var r = try XCTUnwrap(BinaryRecordReader(record, magic: "test/1\n"))
        XCTAssertEqual(r.string(), "before")
        let t = try XCTUnwrap(r.table(Self.readNumbers))
        XCTAssertEqual(r.int(), 42)
        XCTAssertTrue(r.isAtEnd)
        XCTAssertEqual(t["w"]?.map(\.bitPattern), [Double.infinity.bitPattern, (-0.0).bitPattern])
        XCTAssertEqual(t["y"], [])

        var copy = BinaryRecordWriter(magic: "test/1\n")
        copy.string("before")
        copy.raw(t.sectionBytes)
        copy.int(42)
        XCTAssertEqual(copy.data, record)
    }

    func testADamagedTableIsNoTable() throws {
        var w = BinaryRecordWriter(magic: "")
        w.table(["alpha": [1.0], "beta": [2.0], "gamma": [3.0]]) { $0.doubles($1) }
        let bytes = Array(w.data)
        func read(_ bytes: [UInt8]) -> RecordTable<[Double]>? {
            var r = BinaryRecordReader(bytes: bytes, range: 0..<bytes.count)
            guard let t = r.table(Self.readNumbers), r.isAtEnd else { return nil }
            return t
        }
        XCTAssertNotNil(read(bytes))
        for cut in [1, 8, 20, bytes.count / 2, bytes.count - 1] {
            XCTAssertNil(read(Array(bytes.prefix(cut))), "cut at \(cut) bytes")
        }
        // The keys' first letters swapped: "g…" before "b…" is out of order.
        var unordered = bytes
        let b = try XCTUnwrap(unordered.firstIndex(of: UInt8(ascii: "b")))
        let g = try XCTUnwrap(unordered.firstIndex(of: UInt8(ascii: "g")))
        unordered.swapAt(b, g)
        XCTAssertNil(read(unordered), "keys out of order")
        // A value whose length is right but whose bytes are not what the reader wants: the lookup finds no value.
        var w2 = BinaryRecordWriter(magic: "")
        w2.table(["a": 1, "b": 2]) { w, n in for _ in 0..<n { w.bool(true) } }
        let short = Array(w2.data)
        var r = BinaryRecordReader(bytes: short, range: 0..<short.count)
        let t = try XCTUnwrap(r.table(Self.readNumbers))
        XCTAssertTrue(t.contains("a"))
        XCTAssertNil(t["a"], "one byte is no list of doubles")
        XCTAssertNil(t.dictionary)
    }
}

/// A small deterministic generator for test keys (SplitMix64).
private struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
