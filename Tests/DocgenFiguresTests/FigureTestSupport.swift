import DocgenFigures
import DocgenPlotting
import XCTest

/// Checks shared by the figure-kind tests.
enum FigureChecks {
    /// PNG signature, 1600×1000 IHDR, decodable by libpng.
    static func assertValidPNG(_ png: [UInt8], file: StaticString = #filePath, line: UInt = #line) throws {
        XCTAssertEqual(Array(png.prefix(8)), [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], file: file, line: line)
        let w = png[16..<20].reduce(0) { $0 << 8 | Int($1) }, h = png[20..<24].reduce(0) { $0 << 8 | Int($1) }
        XCTAssertEqual(w, 1600, file: file, line: line); XCTAssertEqual(h, 1000, file: file, line: line)
        let decoded = try PNGDecoder.decode(png)
        XCTAssertEqual(decoded.width, 1600, file: file, line: line)
    }

    /// No two drawn text boxes overlap and every one lies inside the figure.
    static func assertTextDoesNotOverlap(_ figure: Figure, theme: Theme = .light, file: StaticString = #filePath, line: UInt = #line) throws {
        let rendered = try FigureRenderer.render(figure, theme: theme)
        let boxes = rendered.textBoxes
        for (i, a) in boxes.enumerated() {
            XCTAssertTrue(a.x >= -0.5 && a.y >= -0.5 && a.maxX <= figure.width + 0.5 && a.maxY <= figure.height + 0.5,
                          "text box \(a) leaves the figure", file: file, line: line)
            for b in boxes[(i + 1)...] where a.insetBy(0.5).intersects(b.insetBy(0.5)) {
                XCTFail("text boxes overlap: \(a) and \(b)", file: file, line: line)
            }
        }
    }

    static func csvRows(_ csv: String) -> [[String]] {
        csv.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
    }
}
