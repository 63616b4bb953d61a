import DocgenDiagnostics
import DocgenFigures
import DocgenModels
import DocgenPlotting
import Foundation

/// Draws each figure kind from finished experiments: the adapters from fits to the figure layer.
///
/// Every figure is drawn twice, with the light and the dark theme, at 800×500 CSS pixels and
/// 2× device scale (1600×1000 PNG).
struct FigureRecipes {
    let experiments: ExperimentStage.Output

    static let width = 800
    static let height = 500

    func render(_ figure: PlannedFigure) -> Result<RenderedFigure, Failure> {
        let d = figure.declaration
        do {
            let draw: ([FigureStyle]) throws -> [FigureOutput]
            switch d.kind {
            case .regularizationPath: draw = try path(d)
            case .scores: draw = try scores(d)
            case .cvCurve: draw = try cvCurve(d)
            case .constraintGeometry: draw = try geometry(d)
            case .penaltyShapes: draw = try penaltyShapes(d)
            case .polynomialFit: draw = try polynomialFit(d)
            case .complexityCurve: draw = try complexity(d)
            case .coefficients: draw = try coefficients(d)
            }
            // One figure model, CSV and alt text; drawn in both themes.
            let drawn = try draw([FigureStyle(theme: .light), FigureStyle(theme: .dark)])
            let light = drawn[0], dark = drawn[1]
            return .success(RenderedFigure(lightPNG: Data(light.png), darkPNG: Data(dark.png), csv: light.csv,
                                           width: Self.width, height: Self.height, generatedAlt: light.altText))
        } catch let error as FigureInputError {
            return .failure(Failure(.error("figure \(figure.number): \(error.message)", at: d.location)))
        } catch let failure as Failure {
            return .failure(failure)
        } catch {
            return .failure(Failure(.error("figure \(figure.number) could not be drawn: \(error)", at: d.location)))
        }
    }

    /// The one experiment a kind draws, as numbers.
    private func numbers(_ d: FigureDeclaration) throws -> (ExperimentNumbers, ExperimentDeclaration) {
        guard let id = d.experiments.first?.id, let n = experiments.numbers[id],
              let e = experiments.fitter.plan.experiments[id] else {
            throw Failure(.error("figure needs an experiment", at: d.location))
        }
        return (n, e)
    }

    private func path(_ d: FigureDeclaration) throws -> ([FigureStyle]) throws -> [FigureOutput] {
        let (n, e) = try numbers(d)
        let positive = n.alphas.indices.filter { n.alphas[$0] > 0 }
        let input = PathFigureInput(featureNames: n.featureNames, alphas: positive.map { n.alphas[$0] },
                                    coefficients: positive.map { n.coefficients[$0] },
                                    nonzeroCounts: positive.map { n.nonzeroCounts[$0] },
                                    alphaMin: d.options.cvLines ? n.alphaMin : nil,
                                    alpha1SE: d.options.cvLines ? n.alpha1SE : nil,
                                    datasetName: Self.datasetName(e), modelName: e.model.displayName)
        let options = PathFigureOptions(title: d.title, xAxis: d.options.xIsL1Norm ? .l1Norm : .logAlpha,
                                        cvLines: d.options.cvLines,
                                        yLabel: e.standardize ? "coefficient β\u{0302}_j (standardized)" : "coefficient β\u{0302}_j")
        return { styles in try PathFigure.render(input, options: options, styles: styles) }
    }

    private func scores(_ d: FigureDeclaration) throws -> ([FigureStyle]) throws -> [FigureOutput] {
        let (n, e) = try numbers(d)
        let metric = d.options.metric ?? (n.isClassification ? "accuracy" : "r2")
        let column = metric.replacingOccurrences(of: "-", with: "_")
        guard let train = n.metrics["train_\(column)"], let test = n.metrics["test_\(column)"] else {
            throw Failure(.error("experiment '\(n.id)' has no train and test \(metric) (it needs a 'split')",
                                 at: d.keyLocations["experiment"] ?? d.location))
        }
        let keep = n.alphas.indices.filter { n.alphas[$0] > 0 }
        let names = ["r2": "R²", "mse": "mean squared error", "accuracy": "accuracy", "log-loss": "log-loss"]
        let input = ScoresFigureInput(alphas: keep.map { n.alphas[$0] }, trainScores: keep.map { train[$0] },
                                      testScores: keep.map { test[$0] }, metricName: names[metric] ?? metric,
                                      higherIsBetter: metric == "r2" || metric == "accuracy",
                                      datasetName: Self.datasetName(e), modelName: e.model.displayName)
        let options = ScoresFigureOptions(title: d.title)
        return { styles in try ScoresFigure.render(input, options: options, styles: styles) }
    }

    private func cvCurve(_ d: FigureDeclaration) throws -> ([FigureStyle]) throws -> [FigureOutput] {
        let (n, e) = try numbers(d)
        guard let mean = n.metrics["cv_mean"], let se = n.metrics["cv_se"] else {
            throw Failure(.error("experiment '\(n.id)' has no cross-validation (add 'cv')", at: d.location))
        }
        let keep = n.alphas.indices.filter { n.alphas[$0] > 0 }
        let input = CVCurveFigureInput(alphas: keep.map { n.alphas[$0] }, meanError: keep.map { mean[$0] },
                                       standardError: keep.map { se[$0] }, nonzeroCounts: keep.map { n.nonzeroCounts[$0] },
                                       alphaMin: n.alphaMin, alpha1SE: n.alpha1SE,
                                       errorName: n.isClassification ? "log-loss" : "mean squared error",
                                       datasetName: Self.datasetName(e), modelName: e.model.displayName)
        let options = CVCurveFigureOptions(title: d.title)
        return { styles in try CVCurveFigure.render(input, options: options, styles: styles) }
    }

    private func geometry(_ d: FigureDeclaration) throws -> ([FigureStyle]) throws -> [FigureOutput] {
        let (n, e) = try numbers(d)
        let fitted = try full(n.id, d)
        guard fitted.dataset.featureCount == 2 else {
            throw Failure(.error("constraint-geometry needs exactly two features; '\(n.id)' has \(fitted.dataset.featureCount)",
                                 at: d.keyLocations["experiment"] ?? d.location))
        }
        let geometry = try LeastSquaresGeometry(data: fitted.dataset, standardize: e.standardize)
        let rho = d.options.l1Ratio ?? 0.5
        let g = geometry.gram
        let input: ConstraintGeometryInput
        if let alpha = d.options.alpha {
            // The penalized form: each model's solution at the same α, each on the boundary of its own
            // region (so the three budgets differ: that is the budget–α relation made visible).
            let lasso = try geometry.penalizedSolution(alpha: alpha, l1Ratio: 1)
            let ridge = try geometry.penalizedSolution(alpha: alpha, l1Ratio: 0)
            let enet = try geometry.penalizedSolution(alpha: alpha, l1Ratio: rho)
            let budgets: [ConstraintGeometryOptions.PanelKind: Double] = [
                .lasso: ConstraintGeometryInput.budgetThrough(lasso, kind: .lasso, l1Ratio: rho),
                .ridge: ConstraintGeometryInput.budgetThrough(ridge, kind: .ridge, l1Ratio: rho),
                .elasticNet: ConstraintGeometryInput.budgetThrough(enet, kind: .elasticNet, l1Ratio: rho),
            ]
            guard budgets.values.allSatisfy({ $0 > 0 }) else {
                throw Failure(.error("a solution at this α is all zero, so its region has no size; choose a smaller 'alpha'",
                                     at: d.keyLocations["alpha"] ?? d.location))
            }
            input = ConstraintGeometryInput(a: [g[0][0], g[0][1], g[1][0], g[1][1]], b: geometry.xty, c: geometry.yy / 2,
                                            budget: budgets[.lasso] ?? 1, l1Ratio: rho, lassoSolution: lasso,
                                            ridgeSolution: ridge, elasticNetSolution: enet,
                                            featureNames: geometry.featureNames, panelBudgets: budgets)
        } else {
            // The constrained form: one budget t for all three regions, solved by the constrained solver.
            let t = d.options.budget ?? 0.5 * geometry.olsCoefficients.reduce(0) { $0 + abs($1) }
            guard t > 0 else {
                throw Failure(.error("the budget t must be positive", at: d.keyLocations["budget"] ?? d.location))
            }
            let lasso = try geometry.constrainedSolution(budget: t, ball: .l1)
            let ridge = try geometry.constrainedSolution(budget: t, ball: .l2)
            let enet = try geometry.constrainedSolution(budget: rho * t + (1 - rho) / 2 * t * t,
                                                        ball: .elasticNet(l1Ratio: rho))
            input = ConstraintGeometryInput(a: [g[0][0], g[0][1], g[1][0], g[1][1]], b: geometry.xty, c: geometry.yy / 2,
                                            budget: t, l1Ratio: rho, lassoSolution: lasso.beta, ridgeSolution: ridge.beta,
                                            elasticNetSolution: enet.beta, featureNames: geometry.featureNames)
        }
        let options = ConstraintGeometryOptions(title: d.title)
        return { styles in try ConstraintGeometryFigure.render(input, options: options, styles: styles) }
    }

    private func penaltyShapes(_ d: FigureDeclaration) throws -> ([FigureStyle]) throws -> [FigureOutput] {
        let panels = (d.options.panels ?? ["penalties", "gradients", "thresholding"])
            .compactMap(PenaltyShapesOptions.PanelKind.init(rawValue:))
        let options = PenaltyShapesOptions(title: d.title, panels: panels, threshold: d.options.threshold ?? 1)
        return { styles in try PenaltyShapesFigure.render(options: options, styles: styles) }
    }

    private func polynomialFit(_ d: FigureDeclaration) throws -> ([FigureStyle]) throws -> [FigureOutput] {
        let (n, e) = try numbers(d)
        let fitted = try full(n.id, d)
        let xs = fitted.dataset.column(0)
        guard let lo = xs.min(), let hi = xs.max(), hi > lo else {
            throw Failure(.error("polynomial-fit needs an input column with more than one value", at: d.location))
        }
        let grid = (0...240).map { lo + (hi - lo) * Double($0) / 240 }
        let indices: [Int]
        if let wanted = d.options.alphas {
            indices = wanted.compactMap { n.index(nearest: $0) }
        } else {
            indices = Array(n.alphas.indices.prefix(3))
        }
        let fits = indices.map { k in
            FittedCurve(alpha: n.alphas[k], xs: grid, ys: grid.map { fitted.result.predict(raw: [$0], alphaIndex: k) })
        }
        var trueX: [Double]?, trueY: [Double]?
        if case let .generated(g) = e.data, g.kind == .curve {
            trueX = grid
            trueY = grid.map { sin(2 * Double.pi * $0) }
        }
        let input = PolynomialFitInput(sampleX: xs, sampleY: fitted.dataset.y, trueX: trueX, trueY: trueY, fits: fits,
                                       degree: e.polynomialDegree, modelName: e.model.displayName)
        let options = PolynomialFitOptions(title: d.title, layout: d.options.overlaid ? .overlay : .panels)
        return { styles in try PolynomialFitFigure.render(input, options: options, styles: styles) }
    }

    private func complexity(_ d: FigureDeclaration) throws -> ([FigureStyle]) throws -> [FigureOutput] {
        let (n, e) = try numbers(d)
        let errorName = n.isClassification ? "log-loss" : "mean squared error"
        let column = n.isClassification ? "log_loss" : "mse"
        let input: ComplexityCurveInput
        if d.options.xIsDegree {
            let fitted = try full(n.id, d)
            var train: [Double] = [], test: [Double] = [], degrees: [Double] = []
            for degree in d.options.degrees ?? Array(1...12) {
                var spec = fitted.spec
                spec.polynomialDegree = degree
                let result = try runExperiment(fitted.dataset, spec)
                guard let tr = result.metrics["train_\(column)"]?.first, let te = result.metrics["test_\(column)"]?.first else {
                    throw Failure(.error("complexity-curve needs experiment '\(n.id)' to have a 'split'", at: d.location))
                }
                degrees.append(Double(degree))
                train.append(tr)
                test.append(te)
            }
            input = ComplexityCurveInput(xKind: .degree, xs: degrees, trainError: train, testError: test,
                                         errorName: errorName, datasetName: Self.datasetName(e))
        } else {
            guard let train = n.metrics["train_\(column)"], let test = n.metrics["test_\(column)"] else {
                throw Failure(.error("complexity-curve needs experiment '\(n.id)' to have a 'split'", at: d.location))
            }
            let keep = n.alphas.indices.filter { n.alphas[$0] > 0 }
            input = ComplexityCurveInput(xKind: .alpha, xs: keep.map { n.alphas[$0] }, trainError: keep.map { train[$0] },
                                         testError: keep.map { test[$0] }, errorName: errorName,
                                         datasetName: Self.datasetName(e))
        }
        let options = ComplexityCurveOptions(title: d.title)
        return { styles in try ComplexityCurveFigure.render(input, options: options, styles: styles) }
    }

    private func coefficients(_ d: FigureDeclaration) throws -> ([FigureStyle]) throws -> [FigureOutput] {
        var names: [String] = [], values: [[Double]] = []
        var features: [String]?
        for (id, at) in d.experiments {
            guard let n = experiments.numbers[id], let e = experiments.fitter.plan.experiments[id] else { continue }
            if let features, features != n.featureNames {
                throw Failure(.error("experiment '\(id)' has other features than '\(d.experiments[0].id)'; coefficients compares the same features",
                                     at: at))
            }
            features = n.featureNames
            let k = d.options.alpha.flatMap { n.index(nearest: $0) } ?? 0
            var name = e.model.displayName
            if case let .elasticNet(r) = e.model { name += " (ρ = \(NumberFormatting.prose(r, digits: 2)))" }
            if e.model != .ols { name += ", α = " + NumberFormatting.prose(n.alphas[k], digits: 2) }
            names.append(name)
            values.append(n.coefficients[k])
        }
        let input = CoefficientsFigureInput(modelNames: names, featureNames: features ?? [], values: values)
        let options = CoefficientsFigureOptions(title: d.title)
        return { styles in try CoefficientsFigure.render(input, options: options, styles: styles) }
    }

    /// The full fit (data, spec and result) of an experiment, fitted now if its numbers came from the cache.
    private func full(_ id: String, _ d: FigureDeclaration) throws -> ExperimentFitter.Fitted {
        switch experiments.fitter.fit(id) {
        case let .success(fitted): return fitted
        case let .failure(failure): throw failure
        }
    }

    /// "diabetes" for `data/diabetes.csv`; a description for generated data.
    static func datasetName(_ e: ExperimentDeclaration) -> String {
        switch e.data {
        case let .file(written, _): return ((written as NSString).lastPathComponent as NSString).deletingPathExtension
        case let .generated(g):
            switch g.kind {
            case .curve: return "a noisy sine curve"
            case .correlated: return "correlated synthetic data"
            case .sparse: return "sparse synthetic data"
            }
        }
    }
}
