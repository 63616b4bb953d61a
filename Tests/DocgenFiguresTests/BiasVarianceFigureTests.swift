import DocgenFigures
import DocgenModels
import DocgenPlotting
import Foundation
import XCTest

/// `{figure} bias-variance`: many fresh samples' fits per α, their mean and the true curve, with bias² and variance.
final class BiasVarianceFigureTests: XCTestCase {
    private let curve = GeneratorSpec.curve(n: 25, noise: 0.2, seed: 24)
    private var spec: ExperimentSpec {
        ExperimentSpec(model: LeastSquares.ridge, alphas: .automatic(count: 10, ratio: 1e-6), polynomialDegree: 9)
    }

    func testEachPanelHoldsEveryFitTheirMeanAndTheCurveWithBothTermsInItsTitle() throws {
        let kind = BiasVarianceFigure(alphas: [1e-10, 1], samples: 12)
        let e = try Experiments.finished(try generate(curve).dataset, spec, generator: curve, outputsFor: kind)
        let drawing = try kind.draw([e], title: nil)
        XCTAssertEqual(drawing.figure.panels.count, 2)
        for panel in drawing.figure.panels {
            let lines = panel.items.compactMap { item -> LineSeries? in if case .line(let s) = item { return s } else { return nil } }
            XCTAssertEqual(lines.count, 12 + 2, "twelve fits, the mean and the curve")
            XCTAssertEqual(lines.prefix(12).filter { $0.opacity < 1 }.count, 12, "the fits are translucent")
            XCTAssertTrue(panel.title?.contains("bias²") ?? false)
            XCTAssertTrue(panel.title?.contains("variance") ?? false)
        }
        let rows = FigureChecks.csvRows(drawing.csv)
        XCTAssertEqual(rows[0], ["series", "alpha", "sample", "x", "y"])
        let stats = rows.filter { $0[0] == "bias_squared" || $0[0] == "variance" }
        XCTAssertEqual(stats.count, 4)
        XCTAssertEqual(rows.filter { $0[0] == "fit" }.count, 2 * 12 * 121)
        // Theory for a sine fitted by a degree-9 polynomial: the weak penalty has the larger variance, the strong one
        // the larger bias.
        func value(_ series: String, _ alpha: String) -> Double { Double(rows.first { $0[0] == series && $0[1] == alpha }![4])! }
        XCTAssertGreaterThan(value("variance", "1e-10"), value("variance", "1.0"))
        XCTAssertGreaterThan(value("bias_squared", "1.0"), value("bias_squared", "1e-10"))
        XCTAssertTrue(drawing.altText.contains("fits of 12 fresh samples"), drawing.altText)
        try FigureChecks.assertValidPNG(drawing.render().png)
        try FigureChecks.assertTextDoesNotOverlap(drawing.figure)
    }

    func testOptionsAndRequirements() throws {
        let chosen = try accepted(BiasVarianceFigure.reading(["alphas": ["1e-6", "0.1"], "samples": "30"]))
        XCTAssertEqual(chosen.alphas, [1e-6, 0.1])
        XCTAssertEqual(chosen.samples, 30)
        XCTAssertEqual(try accepted(BiasVarianceFigure.reading(["alphas": ["1"]])).samples, 50)
        assertRejected(BiasVarianceFigure.reading(["alphas": ["1"], "samples": "2"]), "'samples' must be a whole number from 5 to 200",
                       at: "samples")
        assertRejected(BiasVarianceFigure.reading(["alphas": ["1", "2", "3", "4", "5"]]), "'alphas' must list 1 to 4 non-negative values",
                       at: "alphas")
        let kind = BiasVarianceFigure(alphas: [1])
        XCTAssertEqual(kind.problems(with: Experiments.planned(spec, inputs: 1, generator: curve)), [])
        XCTAssertEqual(kind.problems(with: Experiments.planned(spec, inputs: 1)), [
            "figure bias-variance needs experiment 'e' to draw generated curve data ('data: {generate: curve, …}'), whose "
                + "noise-free curve is known and which can be sampled again",
        ])
    }
}
