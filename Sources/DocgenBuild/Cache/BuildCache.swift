import Foundation

/// Cached fits and figures, outside the output folder and safe to delete.
///
/// An entry's key is a SHA-256 of everything that could change it: the identity of the
/// docgen build, the directive's own text, and the bytes of every file it reads (for a
/// figure: the keys of the experiments it draws). A stale entry can therefore never be
/// found: any change that could alter a result changes its key.
///
/// Layout: `experiments/<key>.json`, `figures/<key>.json` (+ `.png`, `-dark.png`),
/// `last-build.json` (what the previous build produced, for the change report),
/// `reports/last-change-report.txt`.
final class BuildCache: Sendable {
    let path: String
    let identity: String
    /// A read-only cache serves entries but stores nothing (`docgen check` writes nothing).
    let readOnly: Bool

    init(path: String, identity: String? = nil, readOnly: Bool = false) {
        self.path = path
        self.readOnly = readOnly
        self.identity = identity ?? BuildIdentity.current(cacheFolder: readOnly ? nil : path)
    }

    private func file(_ folder: String, _ name: String) -> String {
        ((path as NSString).appendingPathComponent(folder) as NSString).appendingPathComponent(name)
    }

    func read(_ folder: String, _ name: String) -> Data? {
        FileManager.default.contents(atPath: file(folder, name))
    }

    /// Writes atomically (temporary file + rename), so a crash never leaves half an entry.
    func write(_ folder: String, _ name: String, _ data: Data) {
        if readOnly { return }
        let dir = (path as NSString).appendingPathComponent(folder)
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try? data.write(to: URL(fileURLWithPath: file(folder, name)), options: .atomic)
    }

    func loadJSON<T: Decodable>(_ type: T.Type, _ folder: String, _ name: String) -> T? {
        guard let data = read(folder, name) else { return nil }
        return try? JSONDecoder().decode(T.self, from: data)
    }

    func saveJSON<T: Encodable>(_ value: T, _ folder: String, _ name: String) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        guard let data = try? encoder.encode(value) else { return }
        write(folder, name, data)
    }

    // MARK: What the previous build produced

    func loadLastBuild() -> BuildSnapshot? { loadJSON(BuildSnapshot.self, ".", "last-build.json") }

    func saveLastBuild(experiments: ExperimentStage.Output, figures: FigureStage.Output) {
        saveJSON(BuildSnapshot(experiments: experiments, figures: figures), ".", "last-build.json")
    }

    func saveReport(_ text: String) { write("reports", "last-change-report.txt", Data(text.utf8)) }

    var reportPath: String { file("reports", "last-change-report.txt") }
}

/// The numbers and figure fingerprints of one build, kept to compare the next one with.
struct BuildSnapshot: Codable, Sendable {
    var experiments: [String: ExperimentNumbers]
    /// SHA-256 of each figure's light PNG, by figure stem.
    var figureHashes: [String: String]

    init(experiments: ExperimentStage.Output, figures: FigureStage.Output) {
        self.experiments = experiments.numbers
        figureHashes = figures.pixelHashes
    }
}
