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
            let draw: (FigureStyle) throws -> FigureOutput
            switch d.kind {
            case .regularizationPath: draw = try path(d)
            default:
                return .failure(Failure(.error("figure kind '\(d.kind.rawValue)' cannot be drawn yet", at: d.location)))
            }
            let light = try draw(FigureStyle(theme: .light))
            let dark = try draw(FigureStyle(theme: .dark))
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
        guard let (id, at) = d.experiments.first, let n = experiments.numbers[id],
              let e = experiments.fitter.plan.experiments[id] else {
            throw Failure(.error("figure needs an experiment", at: d.location))
        }
        _ = at
        return (n, e)
    }

    private func path(_ d: FigureDeclaration) throws -> (FigureStyle) throws -> FigureOutput {
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
                                        yLabel: e.standardize ? "coefficient β_j (standardized)" : "coefficient β_j")
        return { style in try PathFigure.render(input, options: options, style: style) }
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
