import DocgenDiagnostics

/// Draws each figure kind from finished experiments (adapters from fits to the figure layer).
struct FigureRecipes {
    let experiments: ExperimentStage.Output

    func render(_ figure: PlannedFigure) -> Result<RenderedFigure, Failure> {
        .failure(Failure(.error("figure kind '\(figure.declaration.kind.rawValue)' cannot be drawn yet", at: figure.declaration.location)))
    }
}
