import DocgenDiagnostics
import DocgenModels
import DocgenOptions
import Foundation

/// Turns the YAML body of an `{experiment}` directive into an `ExperimentDeclaration`, reporting every problem it
/// can find at the key that caused it. This file reads where the rows come from (`data`, `target`, `features`);
/// the model library reads everything about the fit (`ExperimentSpec.read`), the model families their own keys.
struct ExperimentParser {
    static let dataKeys = ["data", "target", "features"]
    static var knownKeys: [String] { dataKeys + ExperimentSpec.optionKeys }

    let contentRoot: ContentRoot

    func parse(id: String, body: OptionValue, at fence: SourceLocation, sourceText: String)
        -> (ExperimentDeclaration?, [Diagnostic])
    {
        var r = OptionReader(body, context: "experiment '\(id)'", ownerLocation: fence)
        if !Self.isValidID(id) {
            r.error("experiment needs an id of letters, digits, '-' or '_' after {experiment}, found '\(id)'", at: fence)
        } else if let problem = Self.lengthProblem(id, what: "experiment id") {
            r.error(problem, at: fence)
        }
        let data = parseData(&r)
        let target = r.string("target")
        let features = r.stringList("features")
        let spec = ExperimentSpec.read(&r)
        if case .file = data, target == nil, r.has("data") {
            r.error("experiment '\(id)' reads a CSV file and needs 'target' (the column to predict)", at: fence)
        }
        if let features {
            var seen = Set<String>()
            for name in features where !seen.insert(name).inserted {
                r.error("'features' lists '\(name)' twice", at: r.location(of: "features"))
            }
            if let target, features.contains(target) {
                r.error("'features' lists the target '\(target)': a model would predict it from itself",
                        at: r.location(of: "features"))
            }
        }
        if spec?.polynomialDegree != nil, let features, features.count != 1 {
            r.error("'polynomial' expands a single input column; 'features' lists \(features.count)",
                    at: r.location(of: "features"))
        }
        if case let .generated(g)? = data, let spec,
           let (key, message) = SizeLimits.problem(rows: g.rowCount, features: g.featureCount, spec: spec) {
            r.error("experiment '\(id)': \(message)", at: r.location(of: key))
        }
        r.finish(known: Self.knownKeys)

        var locations: [String: SourceLocation] = [:]
        for key in r.writtenKeys { locations[key] = r.location(of: key) }
        guard !r.diagnostics.hasErrors, let data, let spec else { return (nil, r.diagnostics.items) }
        let declaration = ExperimentDeclaration(id: id, location: fence, data: data, target: target, features: features,
                                                spec: spec, keyLocations: locations, sourceText: sourceText)
        return (declaration, r.diagnostics.items)
    }

    /// The longest experiment id or label: each names files of the site (`data/<id>-history.csv`,
    /// `figures/<label>-narrow-dark.png`), and a file name may have 255 bytes.
    static let maximumIDLength = 100

    /// Why `id` (valid by `isValidID`, so ASCII) is too long to name files, or nil.
    static func lengthProblem(_ id: String, what: String) -> String? {
        guard id.utf8.count > maximumIDLength else { return nil }
        return "\(what) '\(id.prefix(24))…' has \(id.utf8.count) characters; it names files of the site, so it may have "
            + "at most \(maximumIDLength)"
    }

    static func isValidID(_ id: String) -> Bool {
        !id.isEmpty && id.unicodeScalars.allSatisfy {
            CharacterSet.alphanumerics.contains($0) && $0.isASCII || $0 == "-" || $0 == "_"
        }
    }

    private func parseData(_ r: inout OptionReader) -> DataDeclaration? {
        guard let v = r.value("data") else {
            r.missing("data")
            return nil
        }
        switch v {
        case let .scalar(path, _, at):
            switch contentRoot.resolve(path) {
            case let .success(absolute): return .file(written: path, absolutePath: absolute)
            case let .failure(problem):
                r.error(problem.message(for: path), at: at)
                return nil
            }
        case .mapping:
            var g = OptionReader(v, context: "'data'", ownerLocation: r.location(of: "data"))
            let generator = GeneratorSpec.read(&g)
            r.absorb(g)
            return generator.map { .generated($0) }
        default:
            r.typeError("data", v, expected: "a CSV path or a generator like {generate: curve, n: 30, seed: 1}")
            return nil
        }
    }
}
