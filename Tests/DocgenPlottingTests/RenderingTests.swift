import DocgenPlotting
import XCTest

final class RenderingTests: XCTestCase {
    let black = Color(hex: 0x000000)

    func diagonalFigure() -> Figure {
        let line = LineSeries(xs: [0, 10], ys: [0, 10], ink: .custom(black), width: 2)
        let panel = Panel(x: Axis(label: "x", range: 0...10, grid: false), y: Axis(label: "y", range: 0...10, grid: false),
                          items: [.line(line)], legend: .none)
        return Figure(width: 800, height: 500, scale: 2, panels: [panel])
    }

    func testLineThroughDataPointsLandsOnTheMappedPixels() throws {
        let rendered = try FigureRenderer.render(diagonalFigure(), theme: .light)
        let layout = rendered.panelLayouts[0]
        let pixels = try rendered.argbPixels()
        let width = rendered.pixelWidth
        func gray(_ cssX: Double, _ cssY: Double) -> Int {
            let p = pixels[Int(cssY * 2) * width + Int(cssX * 2)]
            return Int(p >> 8 & 0xFF)
        }
        for v in [2.5, 5.0, 7.5] {
            let x = try XCTUnwrap(layout.x.pixel(v)), y = try XCTUnwrap(layout.y.pixel(v))
            XCTAssertLessThan(gray(x, y), 40, "line pixel at data (\(v), \(v))")
            XCTAssertEqual(gray(x + 6, y), 255, "background 6 CSS px right of the line")
            XCTAssertEqual(gray(x, y + 6), 255, "background 6 CSS px below the line")
        }
        // The data rectangle's corners map to the plot rectangle.
        XCTAssertEqual(try XCTUnwrap(layout.x.pixel(0)), layout.plot.x, accuracy: 1e-9)
        XCTAssertEqual(try XCTUnwrap(layout.y.pixel(10)), layout.plot.y, accuracy: 1e-9)
    }

    func testPNGHasSignatureDimensionsAndDecodesToTheRenderedPixels() throws {
        let rendered = try FigureRenderer.render(diagonalFigure(), theme: .dark)
        let png = try rendered.png()
        XCTAssertEqual(Array(png.prefix(8)), [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        XCTAssertEqual(Array(png[12..<16]), Array("IHDR".utf8))
        let w = png[16..<20].reduce(0) { $0 << 8 | Int($1) }, h = png[20..<24].reduce(0) { $0 << 8 | Int($1) }
        XCTAssertEqual(w, 1600); XCTAssertEqual(h, 1000)
        XCTAssertFalse(png.containsSubsequence(Array("tIME".utf8)), "no timestamp chunk")
        let decoded = try PNGDecoder.decode(png)
        XCTAssertEqual(decoded.width, 1600); XCTAssertEqual(decoded.height, 1000)
        let argb = try rendered.argbPixels()
        for (x, y) in [(5, 5), (800, 500), (1599, 999), (400, 700)] {
            let p = argb[y * 1600 + x], d = decoded.pixel(x, y)
            XCTAssertEqual([d.r, d.g, d.b, d.a], [UInt8(p >> 16 & 0xFF), UInt8(p >> 8 & 0xFF), UInt8(p & 0xFF), 255])
        }
        // Dark theme background #16181C at a corner.
        let corner = decoded.pixel(1, 1)
        XCTAssertEqual([corner.r, corner.g, corner.b], [0x16, 0x18, 0x1C])
    }

    func testSameFigureGivesByteIdenticalPNGs() throws {
        let a = try FigureRenderer.render(diagonalFigure(), theme: .light).png()
        let b = try FigureRenderer.render(diagonalFigure(), theme: .light).png()
        XCTAssertEqual(a, b)
    }

    func testEveryPNGSettingDecodesToTheSamePixels() throws {
        let rendered = try FigureRenderer.render(diagonalFigure(), theme: .light)
        let reference = try PNGDecoder.decode(rendered.png())
        for settings in [PNGSettings(level: 9, strategy: .default, filter: .adaptive), PNGSettings(level: 1, strategy: .rle, filter: .paeth),
                         PNGSettings(level: 0, strategy: .default, filter: .sub)] {
            XCTAssertEqual(try PNGDecoder.decode(rendered.png(settings: settings)), reference, "\(settings)")
        }
    }

    func testRenderedUnitCircleContourIsWithinOnePixelOfTheRadius() throws {
        let grid = stride(from: -2.0, through: 2.0, by: 0.04).map { $0 + 0.0013 }
        let contour = ContourSet(xs: grid, ys: grid, values: grid.map { y in grid.map { x in x * x + y * y } },
                                 levels: [1], ink: .custom(black), width: 1.5)
        let panel = Panel(x: Axis(label: "θ_1", range: -2...2, grid: false), y: Axis(label: "θ_2", range: -2...2, grid: false),
                          items: [.contour(contour)], legend: .none, equalAspect: true)
        let rendered = try FigureRenderer.render(Figure(width: 800, height: 500, scale: 2, panels: [panel]), theme: .light)
        let layout = rendered.panelLayouts[0]
        let pixels = try rendered.argbPixels()
        let cx = try XCTUnwrap(layout.x.pixel(0)) * 2, cy = try XCTUnwrap(layout.y.pixel(0)) * 2
        let radius = (try XCTUnwrap(layout.x.pixel(1)) - layout.x.pixel(0)!) * 2
        XCTAssertEqual(radius, (layout.y.pixel(0)! - layout.y.pixel(1)!) * 2, accuracy: 1e-9, "equal aspect")
        for k in 0..<16 {
            let angle = Double(k) * Double.pi / 8 + 0.1
            // Ink-weighted mean distance along the ray (pixel centres at integer + 0.5), ±10 px around the radius.
            var ink = 0.0, weighted = 0.0, darkest = 255
            for step in 0..<160 {
                let r = radius - 10 + Double(step) * 0.125
                let x = Int((cx + r * cos(angle)).rounded(.down)), y = Int((cy - r * sin(angle)).rounded(.down))
                let gray = Int(pixels[y * rendered.pixelWidth + x] >> 8 & 0xFF)
                darkest = min(darkest, gray)
                let centre = hypot(Double(x) + 0.5 - cx, cy - (Double(y) + 0.5))
                ink += Double(255 - gray); weighted += Double(255 - gray) * centre
            }
            let best = (distance: weighted / ink, gray: darkest)
            XCTAssertLessThan(best.gray, 80)
            XCTAssertEqual(best.distance, radius, accuracy: 1.0, "angle \(angle)")
        }
    }

    func testEveryDrawnTextIsRecordedWithItsBox() throws {
        // Two annotations at the same data point must show up as two overlapping boxes.
        let note = TextAnnotation(x: 5, y: 5, text: "here", anchor: .center, halo: false)
        let panel = Panel(x: Axis(label: "x", range: 0...10), y: Axis(label: "y", range: 0...10),
                          items: [.text(note), .text(note)], legend: .none)
        let rendered = try FigureRenderer.render(Figure(width: 800, height: 500, scale: 2, panels: [panel]), theme: .light)
        let layout = rendered.panelLayouts[0]
        let inPlot = rendered.textBoxes.filter { layout.plot.contains($0.x + $0.width / 2, $0.y + $0.height / 2) }
        XCTAssertEqual(inPlot.count, 2)
        XCTAssertEqual(inPlot[0], inPlot[1])
        XCTAssertEqual(inPlot[0].x + inPlot[0].width / 2, try XCTUnwrap(layout.x.pixel(5)), accuracy: 0.01)
        // Tick labels: one box per tick on each axis, plus the two axis titles.
        XCTAssertEqual(rendered.textBoxes.count, 2 + layout.xTicks.count + layout.yTicks.count + 2)
    }

    func testLegendGoesToTheEmptyCornerOrBesideThePlotWhenNoneIsEmpty() throws {
        // A rising line leaves the top-left and bottom-right corners free; the preferred free one is bottom-right.
        let rising = LineSeries(xs: [0, 10], ys: [0, 10], ink: .palette(0), label: "rising")
        let sparse = try FigureRenderer.render(Figure(width: 800, height: 500, scale: 2, panels: [Panel(x: Axis(label: "x"), y: Axis(label: "y"), items: [.line(rising)])]),
                                               theme: .light)
        let layout = sparse.panelLayouts[0]
        let legendText = try XCTUnwrap(sparse.textBoxes.first { $0.width > 20 && layout.plot.contains($0.x, $0.y) })
        let x = layout.x.value(atPixel: legendText.x), y = layout.y.value(atPixel: legendText.y)
        XCTAssertTrue(abs(x - y) > 3, "legend text at data (\(x), \(y)) sits off the diagonal line")
        // A grid of markers covers every candidate position: the legend moves right of the plot.
        var xs: [Double] = [], ys: [Double] = []
        for i in 0...40 { for j in 0...40 { xs.append(Double(i)); ys.append(Double(j)) } }
        let dense = ScatterSeries(xs: xs, ys: ys, ink: .palette(1), marker: Marker(.circle, size: 3), label: "dense")
        let crowded = try FigureRenderer.render(Figure(width: 800, height: 500, scale: 2, panels: [Panel(x: Axis(label: "x"), y: Axis(label: "y"), items: [.scatter(dense)])]),
                                                theme: .light)
        let plot = crowded.panelLayouts[0].plot
        XCTAssertTrue(crowded.textBoxes.contains { $0.x > plot.maxX }, "legend entry right of the plot")
    }

    func testArrowShaftAndHeadLandOnTheMappedPixels() throws {
        let arrow = Arrow(from: (2, 5), to: (8, 5), ink: .custom(black), width: 2)
        let panel = Panel(x: Axis(label: "x", range: 0...10, grid: false), y: Axis(label: "y", range: 0...10, grid: false),
                          items: [.arrow(arrow)], legend: .none)
        let rendered = try FigureRenderer.render(Figure(width: 800, height: 500, scale: 2, panels: [panel]), theme: .light)
        let layout = rendered.panelLayouts[0], pixels = try rendered.argbPixels()
        func gray(_ x: Double, _ y: Double) -> Int { Int(pixels[Int(y * 2) * rendered.pixelWidth + Int(x * 2)] >> 8 & 0xFF) }
        let y = try XCTUnwrap(layout.y.pixel(5))
        for v in [3.0, 5.0, 7.0] { XCTAssertLessThan(gray(try XCTUnwrap(layout.x.pixel(v)), y), 60, "shaft at x = \(v)") }
        let tip = try XCTUnwrap(layout.x.pixel(8))
        XCTAssertLessThan(gray(tip - 8, y - 2.5), 100, "the head is wider than the shaft (half-width 8·tan 0.4 ≈ 3.4 px there)")
        XCTAssertEqual(gray(tip + 4, y), 255, "nothing past the tip")
        XCTAssertEqual(gray(try XCTUnwrap(layout.x.pixel(5)), y - 6), 255, "shaft is thin")
    }

    func testLongTitlesAndAxisLabelsShrinkToStayInsideTheFigure() throws {
        let long = String(repeating: "a very long axis label with α and β_1 ", count: 4)
        let panel = Panel(title: long, x: Axis(label: long), y: Axis(label: long),
                          items: [.line(LineSeries(xs: [0, 1], ys: [0, 1], ink: .palette(0)))], legend: .none)
        let rendered = try FigureRenderer.render(Figure(width: 800, height: 500, scale: 2, title: long, panels: [panel, panel], footnote: long), theme: .light)
        for box in rendered.textBoxes {
            XCTAssertTrue(box.x >= -0.5 && box.maxX <= 800.5 && box.y >= -0.5 && box.maxY <= 500.5, "\(box)")
        }
    }

    func testGarbageIsRejectedByTheDecoder() {
        XCTAssertThrowsError(try PNGDecoder.decode([1, 2, 3, 4, 5, 6, 7, 8, 9]))
    }

    func testLogAxisMapsDecadesToEqualPixelSteps() throws {
        let line = LineSeries(xs: [1e-3, 1e1], ys: [1, 2], ink: .palette(0))
        let panel = Panel(x: Axis(label: "α", scale: .log), y: Axis(label: "y"), items: [.line(line)])
        let layout = try FigureRenderer.render(Figure(width: 800, height: 500, scale: 2, panels: [panel]), theme: .light).panelLayouts[0]
        let p = try [1e-3, 1e-2, 1e-1, 1].map { try XCTUnwrap(layout.x.pixel($0)) }
        XCTAssertEqual(p[1] - p[0], p[2] - p[1], accuracy: 1e-9)
        XCTAssertEqual(p[2] - p[1], p[3] - p[2], accuracy: 1e-9)
        XCTAssertEqual(layout.xTickLabels, ["10^{\u{2212}3}", "10^{\u{2212}2}", "10^{\u{2212}1}", "10^{0}", "10^{1}"])
    }
}

extension Array where Element == UInt8 {
    func containsSubsequence(_ needle: [UInt8]) -> Bool {
        guard needle.count <= count else { return false }
        return (0...(count - needle.count)).contains { self[$0..<($0 + needle.count)].elementsEqual(needle) }
    }
}

final class HatTests: XCTestCase {
    func testACombiningCircumflexBecomesAHattedRunAndSurvivesInPlainText() {
        let text = RichText(markup: "β\u{0302}_{OLS} and x\u{0302}y")
        XCTAssertEqual(text.runs, [RichText.Run(text: "β", shift: .none, hat: true), RichText.Run(text: "OLS", shift: .sub),
                                   RichText.Run(text: " and ", shift: .none), RichText.Run(text: "x", shift: .none, hat: true),
                                   RichText.Run(text: "y", shift: .none)])
        XCTAssertEqual(text.plainText, "β\u{0302}OLS and x\u{0302}y")
        XCTAssertEqual(RichText(markup: "‖β‖_1").runs.filter(\.hat).count, 0)
    }

    /// The annotation's box grows to hold the hat, and the hat is ink above the letter.
    func testAHatIsDrawnAboveItsLetterInsideTheTextBox() throws {
        func render(_ label: String) throws -> (box: Rect, pixels: [UInt32], width: Int) {
            let note = TextAnnotation(x: 5, y: 5, text: label, anchor: .center, halo: false)
            let panel = Panel(x: Axis(label: "x", range: 0...10, grid: false), y: Axis(label: "y", range: 0...10, grid: false),
                              items: [.text(note)], legend: .none)
            let rendered = try FigureRenderer.render(Figure(width: 800, height: 500, scale: 2, panels: [panel]), theme: .light)
            let layout = rendered.panelLayouts[0]
            let box = try XCTUnwrap(rendered.textBoxes.first { layout.plot.contains($0.x + $0.width / 2, $0.y + $0.height / 2) })
            return (box, try rendered.argbPixels(), rendered.pixelWidth)
        }
        let plain = try render("β"), hatted = try render("β\u{0302}")
        XCTAssertEqual(hatted.box.width, plain.box.width, accuracy: 1e-9, "a hat takes no width")
        XCTAssertGreaterThan(hatted.box.height, plain.box.height + 2, "the box includes the hat")
        // Inked pixels (device px, 2 per CSS px) in the band between the plain box's top and the hatted box's top.
        func darkPixels(_ image: (box: Rect, pixels: [UInt32], width: Int), rows: ClosedRange<Int>, columns: ClosedRange<Int>) -> Int {
            var count = 0
            for y in rows { for x in columns where image.pixels[y * image.width + x] & 0xFF < 200 { count += 1 } }
            return count
        }
        let bottom = Int(plain.box.y * 2) - 1, top = Int(hatted.box.y * 2)
        let columns = Int(hatted.box.x * 2)...Int((hatted.box.x + hatted.box.width) * 2)
        // (β's ascender reaches a little above the cap-height box, so the plain letter inks a few pixels there too.)
        XCTAssertGreaterThan(darkPixels(hatted, rows: top...bottom, columns: columns),
                             darkPixels(plain, rows: top...bottom, columns: columns) + 10)
    }
}
