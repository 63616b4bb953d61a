@testable import DocgenFonts
import Foundation
import XCTest

/// Latin Modern Math cut to a few characters and packed as WOFF2.
final class FontSubsetTests: XCTestCase {
    static let fontPath = "/usr/share/texmf/fonts/opentype/public/lm-math/latinmodern-math.otf"

    func font() throws -> Data {
        guard let data = FileManager.default.contents(atPath: Self.fontPath) else {
            throw XCTSkip("Latin Modern Math is not installed (bash .ci/setup.sh installs fonts-lmodern)")
        }
        return data
    }

    static let formulaCharacters: Set<Unicode.Scalar> = Set("(α+β)=∑∫√‖x‖1𝑥𝛽∂".unicodeScalars)

    func testTheSubsetMapsEveryCharacterAskedForAndLittleElse() throws {
        let full = try SFNT(try font())
        let subset = try SFNT(try FontSubsetter.subset(try font(), keeping: Self.formulaCharacters))
        let mapped = subset.characters()
        XCTAssertTrue(Self.formulaCharacters.subtracting(mapped).isEmpty,
                      "missing: \(Self.formulaCharacters.subtracting(mapped).map { String(format: "U+%04X", $0.value) })")
        XCTAssertLessThan(mapped.count, 40, "a cut, not the whole font")
        XCTAssertGreaterThan(full.characters().count, 1500)
    }

    func testTheSubsetKeepsTheMathTableAndTheCFFOutlines() throws {
        let subset = try SFNT(try FontSubsetter.subset(try font(), keeping: Self.formulaCharacters))
        XCTAssertEqual(subset.flavor, 0x4F54_544F, "CFF outlines stay CFF")
        for tag in ["MATH", "CFF ", "cmap", "GSUB", "hmtx", "head", "name"] {
            XCTAssertNotNil(subset.table(tag), tag)
        }
        XCTAssertLessThan(try XCTUnwrap(subset.table("CFF ")).count, try XCTUnwrap(try SFNT(try font()).table("CFF ")).count / 10)
    }

    func testCharactersTheFontLacksAreIgnored() throws {
        let subset = try SFNT(try FontSubsetter.subset(try font(), keeping: ["a", "\u{1F600}"]))
        XCTAssertTrue(subset.characters().contains("a"))
        XCTAssertFalse(subset.characters().contains("\u{1F600}"))
    }

    func testSFNTRoundTripsItsTablesWithValidChecksums() throws {
        let original = try SFNT(try FontSubsetter.subset(try font(), keeping: Self.formulaCharacters))
        let written = original.data()
        let reread = try SFNT(written)
        XCTAssertEqual(reread.tables.map(\.tag), original.tables.map(\.tag))
        for (a, b) in zip(reread.tables, original.tables) where a.tag != "head" { XCTAssertEqual(a.data, b.data, a.tag) }
        // The whole font sums to 0xB1B0AFBA once checkSumAdjustment is in place.
        var sum: UInt32 = 0
        let bytes = [UInt8](written)
        for index in stride(from: 0, to: bytes.count, by: 4) {
            var word: UInt32 = 0
            for k in 0..<4 { word = word << 8 | UInt32(index + k < bytes.count ? bytes[index + k] : 0) }
            sum = sum &+ word
        }
        XCTAssertEqual(sum, 0xB1B0_AFBA)
    }

    func testANewNameTableRenamesTheFont() throws {
        var font = try SFNT(try FontSubsetter.subset(try font(), keeping: ["x"]))
        let names = NameTable(names: [1: "Math Subset", 2: "Regular", 4: "Math Subset", 6: "MathSubset"])
        font.tables = font.tables.map { $0.tag == "name" ? SFNT.Table(tag: "name", data: names.data()) : $0 }
        let name = [UInt8](try XCTUnwrap(try SFNT(font.data()).table("name")))
        XCTAssertEqual(Int(name[2]) << 8 | Int(name[3]), 4, "four records")
        let utf16 = Array("Math Subset".utf16).flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
        XCTAssertNotNil(name.firstRange(of: utf16), "the family name is stored as UTF-16BE")
    }

    func testBase128IsSevenBitsAByteMostSignificantFirst() {
        XCTAssertEqual(WOFF2.base128(0), [0x00])
        XCTAssertEqual(WOFF2.base128(127), [0x7F])
        XCTAssertEqual(WOFF2.base128(128), [0x81, 0x00])
        XCTAssertEqual(WOFF2.base128(63_000), [0x83, 0xEC, 0x18])
    }

    /// The reference decoder (Debian's woff2 package, installed by `.ci/setup.sh --test`) turns the
    /// WOFF2 back into exactly the tables that went in.
    func testTheReferenceDecoderRestoresEveryTable() throws {
        let decoder = "/usr/bin/woff2_decompress"
        guard FileManager.default.isExecutableFile(atPath: decoder) else {
            throw XCTSkip("woff2_decompress not installed (bash .ci/setup.sh --test installs woff2)")
        }
        let subset = try SFNT(try FontSubsetter.subset(try font(), keeping: Self.formulaCharacters))
        let woff2 = try WOFF2.encode(subset)
        XCTAssertEqual(Array(woff2.prefix(4)), Array("wOF2".utf8))
        XCTAssertEqual(woff2.count % 4, 0)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("docgen-woff2-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("math.woff2")
        try woff2.write(to: file)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: decoder)
        process.arguments = [file.path]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0)
        let decoded = try SFNT(try Data(contentsOf: folder.appendingPathComponent("math.ttf")))
        XCTAssertEqual(decoded.tables.map(\.tag), subset.tables.map(\.tag))
        for (a, b) in zip(decoded.tables, subset.tables) where a.tag != "head" { XCTAssertEqual(a.data, b.data, a.tag) }
    }
}
