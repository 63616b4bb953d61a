import DocgenFigures
import DocgenModels
import DocgenPlotting
import Foundation
import XCTest

/// `{figure} weight-histogram`.
final class WeightHistogramFigureTests: XCTestCase {
    private let sparse = WeightSample(name: "L1", weights: [0, 0, 0, 0, 0.5, -0.25, 1])
    private let dense = WeightSample(name: "L2", weights: [0.1, -0.1, 0.3, -0.6, 0.05, 0.2, -0.02])

    // MARK: Drawing from plain numbers

    func testExactZerosAreASpikeOfTheirOwnNotABinsCount() throws {
        let figure = try WeightHistogramFigure.makeFigure(WeightHistogramInput(samples: [sparse, dense], bins: 9))
        XCTAssertEqual(figure.panels.count, 2)
        let bars = figure.panels.map { panel in
            panel.items.compactMap { item -> BarSeries? in if case .bars(let b) = item { return b } else { return nil } }
        }
        XCTAssertEqual(bars[0].count, 2, "the bins and the zero spike")
        XCTAssertEqual(bars[0][0].top.reduce(0, +), 3, "three nonzero weights in the bins")
        XCTAssertEqual(bars[0][1].top, [4], "four weights exactly zero")
        XCTAssertEqual(bars[1].count, 1, "L2's weights: no spike")
        XCTAssertEqual(bars[1][0].top.reduce(0, +), 7)
        // Bins symmetric about zero, the middle one centred on it, one axis for both panels.
        let edges = bars[0][0].x0 + [bars[0][0].x1.last!]
        XCTAssertEqual(edges.count, 10)
        XCTAssertEqual(edges.first!, -edges.last!, accuracy: 1e-15)
        XCTAssertEqual(edges[4] + edges[5], 0, accuracy: 1e-15)
        XCTAssertEqual(figure.panels[0].x.range, figure.panels[1].x.range)
        XCTAssertFalse(figure.panels[1].y.showsLabels)
        try FigureChecks.assertTextDoesNotOverlap(figure)
        let out = try WeightHistogramFigure.drawing(WeightHistogramInput(samples: [sparse, dense], bins: 9)).render()
        try FigureChecks.assertValidPNG(out.png)
        XCTAssertEqual(out.altText, "Histograms of the weights. L1: 4 of 7 weights exactly zero, the others with root mean square 0.661; "
                       + "L2: 0 of 7 weights exactly zero, the others with root mean square 0.271.")
        let rows = FigureChecks.csvRows(out.csv)
        XCTAssertEqual(rows[0], ["weights", "from", "to", "count"])
        XCTAssertEqual(rows[1], ["L1", "0", "0", "4"])
        XCTAssertEqual(rows.count, 1 + 2 * 10)
    }

    func testAnEvenBinCountBecomesOddAndNoWeightsIsAnError() throws {
        let h = try WeightHistogramFigure.makeFigure(WeightHistogramInput(samples: [dense], bins: 10))
        guard case .bars(let b)? = h.panels[0].items.first else { return XCTFail("bars first") }
        XCTAssertEqual(b.x0.count, 11)
        XCTAssertThrowsError(try WeightHistogramFigure.makeFigure(WeightHistogramInput(samples: [WeightSample(name: "x", weights: [])])))
        XCTAssertThrowsError(try WeightHistogramFigure.makeFigure(WeightHistogramInput(samples: [])))
    }

    // MARK: Options

    func testReadsAlphaAndBins() throws {
        let defaults = try accepted(WeightHistogramFigure.reading([:]))
        XCTAssertNil(defaults.alpha)
        XCTAssertEqual(defaults.bins, 41)
        let chosen = try accepted(WeightHistogramFigure.reading(["alpha": "0.01", "bins": "21"]))
        XCTAssertEqual(chosen.alpha, 0.01)
        XCTAssertEqual(chosen.bins, 21)
        assertRejected(WeightHistogramFigure.reading(["bins": "2"]), "'bins' must be a whole number from 5 to 201", at: "bins")
        assertRejected(WeightHistogramFigure.reading(["alpha": "-1"]), "'alpha' must not be negative", at: "alpha")
    }

    // MARK: Requirements

    func testNeedsPenalizedModels() {
        XCTAssertEqual(WeightHistogramFigure().problems(with: Experiments.planned(ExperimentSpec(model: .ols))),
                       ["figure weight-histogram needs a penalized model; 'e' is ols"])
        XCTAssertEqual(WeightHistogramFigure().problems(with: Experiments.planned(ExperimentSpec(model: .mlp(hidden: [3])))), [])
    }

    // MARK: From real fits

    func testL1AndL2NetworksAtOneAlpha() throws {
        let data = try generate(.moons(n: 80, noise: 0.2, seed: 2)).dataset
        let alphas = AlphaGrid.explicit([0.03, 0.003])
        let l1 = try Experiments.finished(data, ExperimentSpec(model: .mlp(hidden: [8], penalty: .l1, task: .binaryClassification),
                                                               alphas: alphas, tolerance: 1e-4), id: "l1")
        let l2 = try Experiments.finished(data, ExperimentSpec(model: .mlp(hidden: [8], penalty: .l2, task: .binaryClassification),
                                                               alphas: alphas, tolerance: 1e-4), id: "l2")
        let drawing = try WeightHistogramFigure(alpha: 0.003).draw([l1, l2], title: nil)
        let rows = FigureChecks.csvRows(drawing.csv)
        let zeroRows = rows.filter { $0[1] == "0" && $0[2] == "0" }
        XCTAssertEqual(zeroRows.map { Int($0[3])! }, [24 - l1.result.nonzeroCount(at: 1), 0])
        XCTAssertGreaterThan(Int(zeroRows[0][3])!, 0, "L1 sets weights exactly to zero")
        XCTAssertEqual(zeroRows.map { $0[0] }, ["L1-penalized 8 tanh network, α = 0.003", "L2-penalized 8 tanh network, α = 0.003"])
        let byDefault = try WeightHistogramFigure().draw([l1], title: nil)
        XCTAssertTrue(FigureChecks.csvRows(byDefault.csv)[1][0].hasSuffix("α = 0.003"), "each experiment's smallest α")
        if let dir = ProcessInfo.processInfo.environment["DOCGEN_FIGURE_SAMPLES"] {
            try Data(drawing.render().png).write(to: URL(fileURLWithPath: "\(dir)/weight-histogram.png"))
        }
    }
}
