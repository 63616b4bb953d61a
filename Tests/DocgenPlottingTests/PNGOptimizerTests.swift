import DocgenTestSupport
import XCTest
@testable import DocgenPlotting

/// `--optimize-images`: the same pixels in fewer bytes, checked by decoding both files with libpng.
final class PNGOptimizerTests: XCTestCase {
    private func surface(width: Int, height: Int, _ pixel: (Int, Int) -> UInt32) throws -> CairoImageSurface {
        let surface = try CairoImageSurface(width: width, height: height)
        try surface.withPixelBytes { bytes, stride in
            let base = UnsafeMutableRawPointer(mutating: bytes.baseAddress!)
            for y in 0..<height {
                let row = (base + y * stride).assumingMemoryBound(to: UInt32.self)
                for x in 0..<width { row[x] = pixel(x, y) }
            }
        }
        return surface
    }

    /// Lines and a gradient on white, like a plot; translucent where `alpha` is set.
    private func plot(alpha: Bool = false) throws -> CairoImageSurface {
        try surface(width: 480, height: 300) { x, y in
            if (x + 2 * y) % 97 < 2 { return 0xFF00_72B2 }
            if alpha && x < 40 { return 0x8000_0040 }  // premultiplied: half-transparent blue
            if y > 250 { return 0xFF00_0000 | UInt32(x / 2) << 16 | UInt32(y - 250) << 8 | 0x80 }
            return 0xFFFF_FFFF
        }
    }

    private func assertSamePixelsFewerBytes(_ png: [UInt8], _ name: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let optimized = try PNGOptimizer.optimize(Data(png))
        XCTAssertEqual(try PNGDecoder.decode([UInt8](optimized)), try PNGDecoder.decode(png),
                       "\(name): the pixels are the same", file: file, line: line)
        XCTAssertLessThan(optimized.count, png.count, "\(name): fewer bytes", file: file, line: line)
    }

    func testTheFastWritersFiguresKeepTheirPixelsInFewerBytes() throws {
        try assertSamePixelsFewerBytes(try PNGWriter.encode(try plot(), opaque: true), "RGB")
        try assertSamePixelsFewerBytes(try PNGWriter.encode(try plot(alpha: true), opaque: false), "RGBA")
    }

    /// libpng's adaptive filtering uses every filter type, so unfiltering each is exercised.
    func testEveryRowFilterIsUndoneExactly() throws {
        var settings = PNGSettings(level: 1)
        settings.filter = .adaptive
        for opaque in [true, false] {
            let png = try PNGEncoder.encode(try plot(alpha: !opaque), opaque: opaque, settings: settings)
            let optimized = try PNGOptimizer.optimize(Data(png))
            XCTAssertEqual(try PNGDecoder.decode([UInt8](optimized)), try PNGDecoder.decode(png))
        }
        let file = try PNGFile(Data(try PNGEncoder.encode(try plot(), opaque: true, settings: settings)))
        let filters = Set(try Self.filterTypes(file))
        XCTAssertGreaterThan(filters.count, 1, "the sample really mixes filters: \(filters)")
    }

    func testChunksOtherThanTheImageDataStayInPlace() throws {
        let png = try PNGWriter.encode(try plot(), opaque: true)
        let before = try PNGFile(Data(png)), after = try PNGFile(try PNGOptimizer.optimize(Data(png)))
        XCTAssertEqual(after.before.map(\.0), before.before.map(\.0))
        XCTAssertTrue(after.before.map(\.0).contains("sRGB"))
        XCTAssertEqual(after.before.map(\.1), before.before.map(\.1))
    }

    func testAnImageThatCannotShrinkIsReturnedAsItWas() throws {
        let tiny = try PNGWriter.encode(try surface(width: 1, height: 1) { _, _ in 0xFFFF_FFFF }, opaque: true)
        let optimized = try PNGOptimizer.optimize(Data(tiny))
        XCTAssertLessThanOrEqual(optimized.count, tiny.count)
        XCTAssertEqual(try PNGDecoder.decode([UInt8](optimized)), try PNGDecoder.decode(tiny))
    }

    func testSomethingThatIsNotAPNGIsAnError() {
        XCTAssertThrowsError(try PNGOptimizer.optimize(Data("GIF89a".utf8)))
    }

    /// The filter byte of every row of a PNG's image data.
    static func filterTypes(_ file: PNGFile) throws -> [UInt8] {
        let stream = try PNGOptimizer.inflateForTests(file.imageData, expected: file.height * (1 + file.rowBytes))
        return (0..<file.height).map { stream[$0 * (file.rowBytes + 1)] }
    }
}
