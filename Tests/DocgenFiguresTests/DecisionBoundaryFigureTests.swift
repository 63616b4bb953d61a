import DocgenFigures
import DocgenModels
import DocgenPlotting
import Foundation
import XCTest

/// `{figure} decision-boundary`.
final class DecisionBoundaryFigureTests: XCTestCase {
    private func moons() throws -> Dataset { try generate(.moons(n: 80, noise: 0.2, seed: 2)).dataset }

    private func grid(_ e: FinishedExperiment, _ figure: DecisionBoundaryFigure) throws -> DecisionGrid {
        guard case let .decisionGrid(g) = try e.output(figure.outputs(for: e.planned)[0], figure: "decision-boundary") else {
            throw FigureInputError("decision-boundary", "no grid")
        }
        return g
    }

    // MARK: The grid is the experiment's output

    func testTheGridIsComputedWithTheExperimentAndTheFigureOnlyDrawsIt() throws {
        let spec = ExperimentSpec(model: .logistic(penalty: .l2), alphas: .explicit([1, 0.1]))
        let figure = DecisionBoundaryFigure()
        XCTAssertEqual(figure.outputs(for: Experiments.planned(spec, inputs: 2)),
                       [.decisionGrid(DecisionGridRequest(points: 101, alphas: nil))])
        let bare = try Experiments.finished(try moons(), spec)
        XCTAssertEqual(FigureChecks.figureInputError { try figure.draw([bare], title: nil) }?.message,
                       "experiment 'e' has no computed decisionGrid(DocgenModels.DecisionGridRequest(points: 101, alphas: nil))")
    }

    func testALogisticBoundaryIsTheStraightLineWhereTheLinearPredictorIsZero() throws {
        let data = try moons()
        let spec = ExperimentSpec(model: .logistic(penalty: .l2), alphas: .explicit([0.01]), split: HoldoutSplit(test: 0.25, seed: 1))
        let figure = DecisionBoundaryFigure()
        let e = try Experiments.finished(data, spec, outputsFor: figure)
        let r = e.result
        let t = r.transform
        let drawing = try figure.draw([e], title: nil)
        let boundary = FigureChecks.csvRows(drawing.csv).dropFirst().filter { $0[0] == "boundary" }
        XCTAssertGreaterThan(boundary.count, 10)
        for row in boundary {
            let (u, v) = (Double(row[3])!, Double(row[4])!)
            let eta = r.intercepts[0] + r.coefficients[0][0] * (u - t.shifts[0]) / t.scales[0]
                + r.coefficients[0][1] * (v - t.shifts[1]) / t.scales[1]
            XCTAssertEqual(eta, 0, accuracy: 1e-3, "on the line β₀ + βᵀz = 0 (up to the contour's interpolation)")
        }
        let samples = FigureChecks.csvRows(drawing.csv).dropFirst().filter { $0[0] == "sample" }
        XCTAssertEqual(samples.count, 80)
        XCTAssertEqual(samples.filter { $0[6] == "1" }.count, r.testCount)
    }

    func testANetworkGetsOnePanelPerAlphaFromTheLargestDown() throws {
        let spec = ExperimentSpec(model: .mlp(hidden: [8], task: .binaryClassification), alphas: .explicit([0.001, 0.1, 0.01]),
                                  tolerance: 1e-4)
        let figure = DecisionBoundaryFigure()
        let e = try Experiments.finished(try moons(), spec, outputsFor: figure)
        let g = try grid(e, figure)
        XCTAssertEqual(g.panels.map(\.alpha), [0.1, 0.01, 0.001])
        XCTAssertEqual(g.x1.count, 101)
        XCTAssertEqual(g.featureNames, ["x1", "x2"])
        for p in g.panels { XCTAssertTrue(p.probabilities.allSatisfy { $0.allSatisfy { (0...1).contains($0) } }) }
        // The grid's corner value is the network's own prediction there.
        let corner = try Dataset(featureNames: ["x1", "x2"], targetName: "y", columns: [[g.x1[0]], [g.x2[100]]], y: [0])
        let z = try standardizedLike(corner, e.result.transform)
        XCTAssertEqual(g.panels[2].probabilities[100][0], spec.family.predict(e.result.solution(at: 0), z)[0])
        let drawing = try figure.draw([e], title: nil)
        try FigureChecks.assertValidPNG(try drawing.render().png)
        XCTAssertTrue(drawing.altText.hasPrefix("80 points of two classes in the plane of x1 and x2 with the decision boundary of the"), drawing.altText)
        let picked = try grid(try Experiments.finished(try moons(), spec, outputsFor: DecisionBoundaryFigure(alphas: [0.02])),
                              DecisionBoundaryFigure(alphas: [0.02]))
        XCTAssertEqual(picked.panels.map(\.alpha), [0.01])
        if let dir = ProcessInfo.processInfo.environment["DOCGEN_FIGURE_SAMPLES"] {
            try Data(drawing.render().png).write(to: URL(fileURLWithPath: "\(dir)/decision-boundary.png"))
        }
    }

    /// `data` through the experiment's standardization (the transform's shifts and scales).
    private func standardizedLike(_ data: Dataset, _ t: FeatureTransform) throws -> Dataset {
        try Dataset(featureNames: data.featureNames, targetName: data.targetName,
                    columns: (0..<2).map { j in data.column(j).map { ($0 - t.shifts[j]) / t.scales[j] } }, y: data.y)
    }

    func testPanelsFillAGridAndOnlyTheFirstColumnLabelsItsYAxis() throws {
        let x = [-1.0, 0, 1]
        func synthetic(_ count: Int) -> DecisionGrid {
            let panels = (0..<count).map { k in
                DecisionGrid.Panel(alpha: pow(10, -Double(k)), probabilities: x.map { v in x.map { u in u + v > 0 ? 0.9 : 0.1 } })
            }
            return DecisionGrid(featureNames: ["a", "b"], x1: x, x2: x, panels: panels, sampleX1: [0.5, -0.5],
                                sampleX2: [0.5, -0.5], labels: [1, 0], isTest: [false, true])
        }
        var columns: [Int?] = []
        for count in [1, 2, 3, 4, 5, 6, 10, 12] { columns.append(try DecisionBoundaryFigure.makeFigure(synthetic(count)).columns) }
        XCTAssertEqual(columns, [1, 2, 3, 2, 3, 4, 5, 5])
        let ten = try DecisionBoundaryFigure.makeFigure(synthetic(10))
        XCTAssertEqual(ten.panels.map(\.y.showsLabels), [true, false, false, false, false, true, false, false, false, false])
        try FigureChecks.assertValidPNG(try DecisionBoundaryFigure.drawing(synthetic(10)).render().png)
    }

    // MARK: Options and requirements

    func testReadsAlphas() throws {
        XCTAssertNil(try accepted(DecisionBoundaryFigure.reading([:])).alphas)
        XCTAssertEqual(try accepted(DecisionBoundaryFigure.reading(["alphas": ["1", "0.1"]])).alphas, [1, 0.1])
        assertRejected(DecisionBoundaryFigure.reading(["alphas": ["-1"]]), "'alphas' must list 1 to 12 non-negative values", at: "alphas")
    }

    func testNeedsATwoInputClassification() {
        XCTAssertEqual(DecisionBoundaryFigure().problems(with: Experiments.planned(ExperimentSpec(model: .mlp(hidden: [4], task: .regression)), inputs: 3)),
                       ["figure decision-boundary needs exactly 2 features; 'e' has 3",
                        "decision-boundary is for classification; 'e' is a regression"])
        XCTAssertEqual(DecisionBoundaryFigure().problems(with: Experiments.planned(ExperimentSpec(model: .mlp(hidden: [4], task: .binaryClassification)), inputs: 2)), [])
    }
}
