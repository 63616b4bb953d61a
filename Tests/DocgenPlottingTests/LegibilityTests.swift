import DocgenPlotting
import XCTest

/// Text stays legible at the size a figure is shown: never below the theme's minimum, wrapped rather than shrunk, and
/// a narrow (phone) layout that stacks the panels instead of shrinking them.
final class LegibilityTests: XCTestCase {
    let theme = Theme.light

    func line(_ k: Int, label: String? = nil, direct: Bool = false) -> PlotItem {
        .line(LineSeries(xs: [1, 2, 3, 4], ys: [Double(k), Double(k) + 1, Double(k) * 0.5, 0], ink: .palette(k),
                         label: label, directLabel: direct))
    }

    /// A CSS-pixel text box of one line of text is about 0.97 em tall (cap height plus descender); rotated text (a
    /// y-axis title) is taller than wide, and its width is the line's height.
    func smallestFontSize(_ rendered: RenderedFigure) -> Double {
        rendered.textBoxes.map { ($0.width >= 0.5 * $0.height ? $0.height : $0.width) / 0.97 }.min() ?? .infinity
    }

    func testNoTextIsDrawnBelowTheMinimumSizeEvenWhenLabelsAreTooLong() throws {
        let long = String(repeating: "a long axis label ", count: 6)
        let panel = Panel(title: long, x: Axis(label: long), y: Axis(label: "value"), items: [line(0)], legend: .none)
        let figure = Figure(title: long, panels: [panel, panel, panel], footnote: long)
        let rendered = try FigureRenderer.render(figure, theme: theme)
        XCTAssertGreaterThanOrEqual(smallestFontSize(rendered), theme.minimumTextSize - 0.5)
        for box in rendered.textBoxes {
            XCTAssertTrue(box.x >= -0.5 && box.maxX <= figure.width + 0.5 && box.y >= -0.5 && box.maxY <= figure.height + 0.5,
                          "\(box) leaves the figure")
        }
    }

    func testAFootnoteWiderThanTheFigureWrapsOntoLinesAtItsSeparators() throws {
        let key = "thin curves: loss contours · dashed: the contour touching the region · +: unconstrained optimum · ●: solution"
        let figure = Figure(width: 360, height: 300, panels: [Panel(x: Axis(label: "x"), y: Axis(label: "value"), items: [line(0)],
                                                                    legend: .none)], footnote: key)
        let rendered = try FigureRenderer.render(figure, theme: theme)
        let below = rendered.textBoxes.filter { $0.y > rendered.panelLayouts[0].plot.maxY + 30 }
        XCTAssertGreaterThanOrEqual(below.count, 2, "the key takes several lines")
        XCTAssertGreaterThanOrEqual(smallestFontSize(rendered), theme.minimumTextSize - 0.5)
    }

    func testDirectLabelsOnTheLeftFaceARightHandYAxis() throws {
        let panel = Panel(x: Axis(label: "x"), y: Axis(label: "value"), items: [line(0, label: "bmi", direct: true),
                                                                               line(1, label: "s5", direct: true)],
                          legend: .none, yAxisSide: .right, directLabelSide: .left)
        let rendered = try FigureRenderer.render(Figure(panels: [panel]), theme: theme)
        let plot = rendered.panelLayouts[0].plot
        let left = rendered.textBoxes.filter { $0.maxX <= plot.x }
        let right = rendered.textBoxes.filter { $0.x >= plot.maxX }
        XCTAssertEqual(left.count, 2, "the two direct labels, left of the plot")
        XCTAssertEqual(right.count, rendered.panelLayouts[0].yTicks.count + 1, "the y tick labels and the y title, right of it")
        XCTAssertGreaterThan(plot.x, 30, "room was kept for the labels")
    }

    func testAStackedFigurePutsEveryPanelInOneColumnEachWithItsOwnYAxisLabels() throws {
        var panels: [Panel] = []
        for k in 0..<3 {
            panels.append(Panel(title: "panel \(k)", x: Axis(label: "x"), y: Axis(label: "value", showsLabels: k == 0),
                                items: [line(k)], legend: .none))
        }
        let wide = Figure(title: "Three panels", panels: panels, footnote: "a key to the symbols · shared by every panel")
        let narrow = try FigureRenderer.stacked(wide, width: 360, panelHeight: 250, theme: theme)
        XCTAssertEqual(narrow.width, 360)
        XCTAssertEqual(narrow.columns, 1)
        XCTAssertGreaterThan(narrow.height, 3 * 250, "three panels and the title and key")
        let rendered = try FigureRenderer.render(narrow, theme: theme)
        let plots = rendered.panelLayouts.map(\.plot)
        for (upper, lower) in zip(plots, plots.dropFirst()) {
            XCTAssertLessThan(upper.maxY, lower.y, "panels follow each other down the column")
        }
        for plot in plots {
            XCTAssertTrue(rendered.textBoxes.contains { $0.maxX <= plot.x && $0.y >= plot.y - 2 && $0.maxY <= plot.maxY + 2 },
                          "y tick labels beside \(plot)")
        }
        XCTAssertLessThanOrEqual(rendered.textBoxes.map(\.maxY).max() ?? 0, narrow.height)
    }

    func testALongPanelTitleWrapsOntoASecondLineAboveThePlot() throws {
        let title = "elastic net, ρ = 0.5: budget t = 15, α = 2.34 at this budget"
        let panel = Panel(title: title, x: Axis(label: "x"), y: Axis(label: "value"), items: [line(0)], legend: .none)
        let rendered = try FigureRenderer.render(Figure(panels: [panel, panel, panel]), theme: theme)
        let plot = rendered.panelLayouts[0].plot
        let above = rendered.textBoxes.filter { $0.maxY <= plot.y && $0.maxX <= plot.maxX + 20 }
        XCTAssertGreaterThanOrEqual(above.count, 2, "two lines of title over the first panel")
        XCTAssertGreaterThanOrEqual(smallestFontSize(rendered), theme.minimumTextSize - 0.5)
    }
}
