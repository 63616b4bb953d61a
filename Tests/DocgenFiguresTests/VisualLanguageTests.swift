import DocgenFigures
import DocgenModels
import DocgenPlotting
import DocgenTestSupport
import XCTest

/// One visual language across a course's figures: the α direction and symbol of `docgen.yml` in every kind, one
/// colour and dash per feature and per kind of model in every figure, the geometry figure's panels, and the author's
/// own `chart`.
final class VisualLanguageTests: XCTestCase {
    static let names = ["age", "sex", "bmi", "bp", "s1", "s2", "s3", "s4", "s5", "s6"]
    /// The course's style map: the data's header (without the target) in column order.
    static let styles = StyleMap(dataColumns: [names])

    /// Ten noisy features whose target depends on bmi, s5 and bp, and its columns bmi and s5 alone.
    static func data(_ columns: [String] = names) throws -> Dataset {
        let n = 120
        var generator = SeededGenerator(state: 11)
        func normal() -> Double {  // Box–Muller
            let u = Double.random(in: Double.leastNonzeroMagnitude..<1, using: &generator)
            return (-2 * log(u)).squareRoot() * cos(2 * Double.pi * Double.random(in: 0..<1, using: &generator))
        }
        let all = names.map { _ in (0..<n).map { _ in normal() } }
        let y = (0..<n).map { i in 3 * all[2][i] + 2 * all[8][i] + all[3][i] + 0.5 * normal() }
        return try Dataset(featureNames: columns, targetName: "y",
                           columns: columns.map { all[names.firstIndex(of: $0)!] }, y: y)
    }

    static func lasso(_ columns: [String] = names, split: Bool = true, cv: Bool = true,
                      model: LeastSquares = .lasso, id: String = "e") throws -> FinishedExperiment {
        let spec = ExperimentSpec(model: model, alphas: .explicit(SampleInputs.logspace(0.5, -3, 15)),
                                  split: split ? HoldoutSplit(test: 0.25, seed: 1) : nil,
                                  cv: cv ? CrossValidation(folds: 4, seed: 0) : nil)
        return try Experiments.finished(try data(columns), spec, id: id)
    }

    static func context(_ axis: FigureConventions.AlphaAxis = .increasing, symbol: FigureConventions.PenaltySymbol = .alpha) -> FigureContext {
        FigureContext(conventions: FigureConventions(alphaAxis: axis, penaltySymbol: symbol), styles: styles)
    }

    /// The coloured, labelled line of `name` in a figure's first panel.
    static func line(_ name: String, in figure: Figure) -> LineSeries? {
        for panel in figure.panels { for case .line(let s) in panel.items where s.label == name { return s } }
        return nil
    }

    // MARK: Style map

    func testAFeatureKeepsItsColourAndDashInEveryFigureWhateverElseIsDrawn() throws {
        XCTAssertEqual(Self.styles.features(["s5", "bmi"]), [SeriesStyle(index: 8), SeriesStyle(index: 2)], "each its column's position")
        let full = try RegularizationPathFigure().draw([try Self.lasso()], context: Self.context()).figure
        let pair = try RegularizationPathFigure().draw([try Self.lasso(["s5", "bmi"])], context: Self.context()).figure
        let chart = try ChartFigure(y: ["coef.bmi"]).draw([try Self.lasso(["bmi", "bp"])], context: Self.context()).figure
        for name in ["bmi", "s5"] {
            let inFull = try XCTUnwrap(Self.line(name, in: full), name)
            let inPair = try XCTUnwrap(Self.line(name, in: pair), name)
            XCTAssertEqual(inFull.ink, inPair.ink, "\(name) has one colour in every figure")
            XCTAssertEqual(inFull.dash, inPair.dash, "\(name) has one dash in every figure")
        }
        XCTAssertNotEqual(Self.line("bmi", in: full)?.ink, Self.line("s5", in: full)?.ink)
        var chartInks: [Ink] = []
        for case .line(let s) in chart.panels[0].items { chartInks.append(s.ink) }
        XCTAssertEqual(chartInks, [Self.line("bmi", in: full)!.ink], "the chart draws bmi in bmi's colour")
    }

    func testFeaturesOfTwoDataSetsSharingAStyleAreToldApartInOneFigure() {
        let map = StyleMap(dataColumns: [["a", "b"], ["c", "d"]])
        XCTAssertEqual(map.features(["a", "c"]).map(\.index), [0, 1], "c owns style 0 too: it takes the first free one")
        XCTAssertEqual(map.features(["c", "d"]).map(\.index), [0, 1], "alone, each keeps its own")
    }

    func testAModelKindKeepsItsStyleWhereverItIsCompared() {
        XCTAssertEqual(StyleMap.models(l1Ratios: [1, 0, 0.5]).map(\.index), [0, 1, 2])
        XCTAssertEqual(StyleMap.models(l1Ratios: [0, 1]).map(\.index), [1, 0], "order in the directive does not matter")
        XCTAssertEqual(StyleMap.models(l1Ratios: [1, 1]).map(\.index), [0, 1], "a second lasso takes the first free style")
    }

    // MARK: The α axis

    /// Every kind with an α axis draws it in the course's direction, with the one label and the course's symbol.
    func testEveryAlphaAxisFollowsTheCoursesDirectionAndSymbol() throws {
        let e = try Self.lasso()
        let kinds: [(String, any FigureKind)] = [
            ("regularization-path", RegularizationPathFigure()), ("scores", ScoresFigure()), ("cv-curve", CVCurveFigure()),
            ("complexity-curve", ComplexityCurveFigure()), ("chart", ChartFigure(y: ["test_r2"])),
        ]
        for (name, kind) in kinds {
            let up = try kind.draw([e], context: Self.context(.increasing)).figure.panels[0].x
            XCTAssertFalse(up.reversed, name)
            XCTAssertEqual(up.label, "penalty α (log scale, stronger →)", name)
            let down = try kind.draw([e], context: Self.context(.decreasing, symbol: .lambda)).figure.panels[0].x
            XCTAssertTrue(down.reversed, name)
            XCTAssertEqual(down.label, "penalty λ (log scale, weaker →)", name)
        }
    }

    func testPathLabelsSitAtTheWeakEndAndTheYAxisOnTheOther() throws {
        let e = try Self.lasso()
        let up = try RegularizationPathFigure().draw([e], context: Self.context(.increasing)).figure.panels[0]
        XCTAssertEqual(up.directLabelSide, .left)
        XCTAssertEqual(up.yAxisSide, .right)
        let down = try RegularizationPathFigure().draw([e], context: Self.context(.decreasing)).figure.panels[0]
        XCTAssertEqual(down.directLabelSide, .right)
        XCTAssertEqual(down.yAxisSide, .left)
    }

    func testRidgePathsHaveNoNonzeroAxisAndTheirAltTextClaimsNoEntryOrder() throws {
        let ridge = try RegularizationPathFigure().draw([try Self.lasso(model: .ridge)], context: Self.context())
        XCTAssertNil(ridge.figure.panels[0].top, "10 nonzero at every α says nothing")
        XCTAssertFalse(ridge.altText.contains("becomes nonzero first"), ridge.altText)
        XCTAssertTrue(ridge.altText.contains("no coefficient is exactly zero"), ridge.altText)
        let lasso = try RegularizationPathFigure().draw([try Self.lasso()], context: Self.context())
        XCTAssertNotNil(lasso.figure.panels[0].top)
        XCTAssertTrue(lasso.altText.contains("becomes nonzero first"), lasso.altText)
    }

    // MARK: Constraint geometry

    func testConstraintGeometryDrawsTheExperimentsOwnModelUnlessAComparisonIsAsked() throws {
        func panels(_ model: LeastSquares, _ figure: ConstraintGeometryFigure) throws -> [String] {
            let spec = ExperimentSpec(model: model, alphas: .explicit([1]))
            let e = try Experiments.finished(try Self.data(["bmi", "bp"]), spec, outputsFor: figure)
            return try figure.draw([e], context: Self.context()).figure.panels.map { $0.title ?? "" }
        }
        XCTAssertEqual(try panels(.lasso, ConstraintGeometryFigure(budget: 1)).map { $0.hasPrefix("lasso") }, [true])
        XCTAssertEqual(try panels(.ridge, ConstraintGeometryFigure(budget: 1)).map { $0.hasPrefix("ridge") }, [true])
        let enet = try panels(.elasticNet(l1Ratio: 0.7), ConstraintGeometryFigure(budget: 1))
        XCTAssertEqual(enet.count, 1)
        XCTAssertTrue(enet[0].hasPrefix("elastic net, ρ = 0.7"), "the experiment's own mix: \(enet)")
        let asked = try panels(.lasso, ConstraintGeometryFigure(panels: [.lasso, .ridge], alphas: [0.5, 2]))
        XCTAssertEqual(asked.count, 2)
        XCTAssertTrue(asked[0].hasPrefix("lasso, α = 0.5: |β_1| + |β_2| ≤ t = "), asked[0])
        XCTAssertTrue(asked[1].hasPrefix("ridge, α = 2: ‖β‖_2 ≤ t = "), "each panel states its own α and t: \(asked[1])")
    }

    /// The elastic-net region lies between the diamond and the disk through the same axis points, and its corner
    /// angle is 90° for the lasso, growing towards 180° as the quadratic part dominates.
    func testTheElasticNetRegionHasItsTrueShapeBetweenTheDiamondAndTheDisk() {
        for (t, rho) in [(0.5, 0.5), (3.0, 0.8), (30.0, 0.5)] {
            let l1 = ConstraintGeometryFigure.boundary(.lasso, budget: t, l1Ratio: rho, count: 64)
            let l2 = ConstraintGeometryFigure.boundary(.ridge, budget: t, l1Ratio: rho, count: 64)
            let mix = ConstraintGeometryFigure.boundary(.elasticNet, budget: t, l1Ratio: rho, count: 64)
            for k in 0..<64 {
                let r = { (s: (xs: [Double], ys: [Double])) in (s.xs[k] * s.xs[k] + s.ys[k] * s.ys[k]).squareRoot() }
                XCTAssertLessThanOrEqual(r(l1), r(mix) + 1e-12)
                XCTAssertLessThanOrEqual(r(mix), r(l2) + 1e-12)
                // On its boundary the elastic-net penalty equals its value at (t, 0).
                let (x, y) = (mix.xs[k], mix.ys[k])
                let value = rho * (abs(x) + abs(y)) + (1 - rho) / 2 * (x * x + y * y)
                XCTAssertEqual(value, rho * t + (1 - rho) / 2 * t * t, accuracy: 1e-9 * max(1, t * t))
            }
        }
        XCTAssertEqual(ConstraintGeometryFigure.cornerAngle(budget: 5, l1Ratio: 1), 90, accuracy: 1e-12)
        XCTAssertGreaterThan(ConstraintGeometryFigure.cornerAngle(budget: 30, l1Ratio: 0.5), 170, "nearly a disk")
        XCTAssertLessThan(ConstraintGeometryFigure.cornerAngle(budget: 0.3, l1Ratio: 0.8), 100, "nearly a diamond")
    }

    // MARK: Regions

    func testRegionsAreShadedOnlyOnRequestAndOnlyWhereTheNumbersShowThem() throws {
        // A flat curve: nothing is over- or underfit, whatever side of the best α.
        let flat = ScoresFigureInput(alphas: [0.001, 0.01, 0.1, 1, 10], trainScores: [0.52, 0.52, 0.52, 0.51, 0.5],
                                     testScores: [0.47, 0.47, 0.48, 0.47, 0.47], metric: .r2)
        func spans(_ input: ScoresFigureInput, regions: Bool) throws -> [XSpan] {
            var out: [XSpan] = []
            for case .xSpan(let s) in try ScoresFigure.makeFigure(input, options: ScoresFigureOptions(showRegions: regions)).panels[0].items {
                out.append(s)
            }
            return out
        }
        XCTAssertEqual(try spans(flat, regions: false).count, 0)
        XCTAssertEqual(try spans(flat, regions: true).count, 0, "train 0.52 against test 0.47 is not overfitting")
        let classic = ScoresFigureInput(alphas: [0.001, 0.01, 0.1, 1, 10], trainScores: [0.99, 0.95, 0.85, 0.5, 0.1],
                                        testScores: [0.3, 0.6, 0.8, 0.5, 0.1], metric: .r2)
        let shaded = try spans(classic, regions: true)
        XCTAssertEqual(shaded.filter(\.hatched).count, 1)
        XCTAssertEqual(shaded.filter { !$0.hatched }.count, 1)
        XCTAssertEqual(shaded.first(where: \.hatched)?.to ?? 0, (0.01 * 0.1).squareRoot(), accuracy: 1e-12)
    }

    func testTheBestAlphaAtAnEndOfTheGridIsNoted() throws {
        let edge = ScoresFigureInput(alphas: [0.01, 0.1, 1], trainScores: [0.9, 0.8, 0.5], testScores: [0.85, 0.8, 0.5], metric: .r2)
        let figure = try ScoresFigure.makeFigure(edge, options: ScoresFigureOptions())
        XCTAssertEqual(figure.footnote, "The best α is the smallest of the grid: the optimum may lie beyond it.")
        let inside = ScoresFigureInput(alphas: [0.01, 0.1, 1], trainScores: [0.9, 0.8, 0.5], testScores: [0.7, 0.8, 0.5], metric: .r2)
        XCTAssertNil(try ScoresFigure.makeFigure(inside, options: ScoresFigureOptions()).footnote)
    }

    // MARK: chart

    func testChartDrawsColumnsInTheirCourseWideStyles() throws {
        let e = try Self.lasso()
        let scores = try ChartFigure(y: ["train_r2", "test_r2"]).draw([e], context: Self.context())
        var lines: [LineSeries] = []
        for case .line(let s) in scores.figure.panels[0].items { lines.append(s) }
        XCTAssertEqual(lines.map(\.ink), [.palette(0), .palette(1)], "train and test in their colours of every scores figure")
        let rows = FigureChecks.csvRows(scores.csv)
        XCTAssertEqual(rows[0], ["experiment", "column", "alpha", "value"])
        XCTAssertEqual(rows.count, 1 + 2 * 15)
        // The test R² the chart plots is the experiment's own, number for number.
        let test = rows.filter { $0[1] == "test_r2" }.map { Double($0[3])! }
        XCTAssertEqual(test, e.result.metric("test_r2")!.reversed(), "in increasing α; the grid ran from large to small")
    }

    func testChartOverlaysExperimentsWithTheModelsDashAndFacetsByFeature() throws {
        let lasso = try Self.lasso(id: "lasso"), ridge = try Self.lasso(model: .ridge, id: "ridge")
        let overlay = try ChartFigure(y: ["coef.bmi"]).draw([lasso, ridge], context: Self.context()).figure
        var lines: [LineSeries] = []
        for case .line(let s) in overlay.panels[0].items { lines.append(s) }
        XCTAssertEqual(lines.count, 2)
        XCTAssertEqual(lines[0].ink, lines[1].ink, "one feature, one colour")
        XCTAssertNotEqual(lines[0].dash, lines[1].dash, "the experiments differ in dash")
        XCTAssertEqual(overlay.footnote, "solid: lasso · dashed: ridge")
        let facets = try ChartFigure(y: ["coef.*"], facet: .feature).draw([lasso, ridge], context: Self.context()).figure
        XCTAssertEqual(facets.panels.map { $0.title ?? "" }, Self.names, "one small panel per coefficient")
    }

    func testAChartColumnAnExperimentLacksIsALocatedErrorWithTheClosestName() throws {
        let error = FigureChecks.figureInputError { try ChartFigure(y: ["test_r3"]).draw([try Self.lasso()], title: nil) }
        XCTAssertEqual(error?.key, "y")
        XCTAssertTrue(error?.message.contains("did you mean 'test_r2'?") == true, error?.message ?? "")
    }
}

