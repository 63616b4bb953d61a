import DocgenModels

/// Seeded synthetic data sets for the course's demos.
enum SyntheticData {
    static func make(_ g: GeneratorDeclaration) throws -> Dataset {
        throw DataError(kind: .invalidGenerator, message: "generated data is not available yet", key: "data")
    }
}
