import DocgenModels

/// Seeded synthetic data sets for the course's demos (the `data: {generate: …}` mapping).
enum SyntheticData {
    static func spec(_ g: GeneratorDeclaration) -> GeneratorSpec {
        switch g.kind {
        case .curve: return .curve(n: g.n, noise: g.noise, seed: g.seed)
        case .correlated:
            return .correlated(n: g.n, p: g.p, rho: g.rho, noise: g.noise, seed: g.seed, coefficients: g.coefficients)
        case .sparse: return .sparse(n: g.n, p: g.p, nonzero: g.nonzero, noise: g.noise, seed: g.seed)
        }
    }

    static func make(_ g: GeneratorDeclaration) throws -> Dataset {
        try generate(spec(g)).dataset
    }
}
