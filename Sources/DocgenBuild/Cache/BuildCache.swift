import DocgenModels
import Foundation
import Synchronization

/// Cached fits and figures, outside the output folder and safe to delete.
///
/// An entry's key is a SHA-256 of everything that could change it: the identity of the
/// docgen build, the directive's own text, and the bytes of every file it reads (for a
/// figure: the keys of the experiments it draws). A stale entry can therefore never be
/// found: any change that could alter a result changes its key.
///
/// Layout: `experiments/<key>.bin` (see `CachedExperiment.encoded`), `outputs/<key>.json`, `figures/<key>.json`
/// (+ `.png`, `-dark.png`), `last-build.json` (the experiment keys and figure pixel hashes of
/// the previous build, for the change report), `reports/last-change-report.txt`, `build.lock` (see `BuildLock`).
///
/// Every entry is sealed with a checksum of its payload (`CacheSeal`) and verified when read: a damaged entry
/// is deleted, counts as a miss (so it is recomputed and written again) and is listed in `damaged`, which the
/// build reports as warnings.
final class BuildCache: Sendable {
    let path: String
    let identity: String
    /// A read-only cache serves entries but stores nothing (`docgen check` writes nothing).
    let readOnly: Bool
    private let damagedEntries = Mutex<[String]>([])

    init(path: String, identity: String? = nil, readOnly: Bool = false) {
        self.path = path
        self.readOnly = readOnly
        self.identity = identity ?? BuildIdentity.current(cacheFolder: readOnly ? nil : path)
    }

    private func file(_ folder: String, _ name: String) -> String {
        ((path as NSString).appendingPathComponent(folder) as NSString).appendingPathComponent(name)
    }

    /// The entries found damaged so far (paths relative to the cache folder), in the order found.
    var damaged: [String] { damagedEntries.withLock { $0 } }

    /// The payload of an entry; nil when it is missing, or damaged (then it is deleted and recorded).
    func read(_ folder: String, _ name: String) -> Data? {
        let target = file(folder, name)
        guard let data = FileManager.default.contents(atPath: target) else { return nil }
        if let payload = CacheSeal.unseal(data) { return payload }
        discard(target, named: folder == "." ? name : folder + "/" + name)
        return nil
    }

    /// Records a damaged entry and removes it (unless the cache is read-only), so the next build does not
    /// meet it again.
    func discard(_ target: String, named relative: String) {
        damagedEntries.withLock { $0.append(relative) }
        if !readOnly { unlink(target) }
    }

    /// Writes atomically (temporary file + rename), so a crash never leaves half an entry.
    func write(_ folder: String, _ name: String, _ payload: Data) {
        if readOnly { return }
        let data = CacheSeal.seal(payload)
        let target = file(folder, name)
        if (try? FileWriter.writeAtomically(data, to: target)) != nil { return }
        // The folder may not exist yet.
        let dir = (path as NSString).appendingPathComponent(folder)
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try? FileWriter.writeAtomically(data, to: target)
    }

    func filePath(_ folder: String, _ name: String) -> String { file(folder, name) }

    /// Whether an entry is there (not whether it is intact: `read` checks that).
    func contains(_ folder: String, _ name: String) -> Bool { access(file(folder, name), F_OK) == 0 }

    /// Writes `payload` as it is, without the seal, atomically; the caller keeps its checksum in a sealed entry and
    /// checks it on reading (`readUnsealed`). Such a file can be hard-linked into a site. Returns its path, or nil
    /// when nothing was written (a read-only cache, a failed write).
    func writeUnsealed(_ folder: String, _ name: String, _ payload: Data) -> String? {
        if readOnly { return nil }
        let target = file(folder, name)
        if (try? FileWriter.writeAtomically(payload, to: target)) != nil { return target }
        let dir = (path as NSString).appendingPathComponent(folder)
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return (try? FileWriter.writeAtomically(payload, to: target)) != nil ? target : nil
    }

    /// An unsealed entry and its path, when its `ImageDigest` is `digest`; a file with other bytes is damaged (then
    /// it is deleted and recorded, as `read` does).
    func readUnsealed(_ folder: String, _ name: String, digest: String) -> (data: Data, path: String)? {
        let target = file(folder, name)
        guard let data = FileManager.default.contents(atPath: target) else { return nil }
        guard ImageDigest.hex(data) == digest else {
            discard(target, named: folder == "." ? name : folder + "/" + name)
            return nil
        }
        return (data, target)
    }

    /// Whether an entry for experiment `key` exists (it may still turn out damaged when read).
    func hasExperiment(_ key: String) -> Bool { access(file("experiments", key + ".bin"), F_OK) == 0 }

    func loadExperiment(_ key: String) -> CachedExperiment? {
        read("experiments", key + ".bin").flatMap(CachedExperiment.init(encoded:))
    }

    func saveExperiment(_ experiment: CachedExperiment, _ key: String) {
        write("experiments", key + ".bin", experiment.encoded())
    }

    func loadJSON<T: Decodable>(_ type: T.Type, _ folder: String, _ name: String) -> T? {
        guard let data = read(folder, name) else { return nil }
        guard let value = try? JSONDecoder().decode(T.self, from: data) else {
            // Intact but unreadable: written by another version of the entry's type. A miss, not damage.
            return nil
        }
        return value
    }

    func saveJSON<T: Encodable>(_ value: T, _ folder: String, _ name: String) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        guard let data = try? encoder.encode(value) else { return }
        write(folder, name, data)
    }

    // MARK: What the previous build produced

    /// The previous build's numbers, read back from the cache entries its snapshot names.
    /// An experiment whose entry is gone is left out (the report then calls it new).
    func loadLastBuild() -> BuildSnapshot? {
        guard let stored = loadJSON(StoredSnapshot.self, ".", "last-build.json") else { return nil }
        var experiments: [String: ExperimentResult] = [:]
        for (id, key) in stored.experimentKeys {
            if let entry = loadExperiment(key) { experiments[id] = entry.result }
        }
        return BuildSnapshot(experiments: experiments, figureHashes: stored.figureHashes)
    }

    /// Records which cache entries this build used: a few kilobytes, rewritten only when it changed.
    func saveLastBuild(experiments: ExperimentStage.Output, figures: FigureStage.Output) {
        let keys = experiments.keys.filter { experiments.results[$0.key] != nil }
        let stored = StoredSnapshot(experimentKeys: keys, figureHashes: figures.pixelHashes)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        guard let data = try? encoder.encode(stored), read(".", "last-build.json") != data else { return }
        write(".", "last-build.json", data)
    }

    /// The publish manifest of one output folder (keyed by its standardized path, as several
    /// output folders may share a cache).
    func publishManifestPath(outputPath: String) -> String {
        let standardized = ((outputPath as NSString).expandingTildeInPath as NSString).standardizingPath
        let absolute = standardized.hasPrefix("/") ? standardized
            : ((FileManager.default.currentDirectoryPath as NSString).appendingPathComponent(standardized) as NSString).standardizingPath
        return file("published", SHA256.hex(absolute) + ".txt")
    }

    /// The change report is for people, not read back by docgen: written as plain text, without a seal.
    func saveReport(_ text: String) {
        if readOnly { return }
        try? FileManager.default.createDirectory(atPath: (path as NSString).appendingPathComponent("reports"),
                                                 withIntermediateDirectories: true)
        try? FileWriter.writeAtomically(Data(text.utf8), to: reportPath)
    }

    var reportPath: String { file("reports", "last-change-report.txt") }
}

/// What `last-build.json` holds: the cache key of each experiment (its numbers stay in the
/// cache entry) and the SHA-256 of each figure's light PNG, by figure stem.
struct StoredSnapshot: Codable, Sendable {
    var experimentKeys: [String: String]
    var figureHashes: [String: String]
}

/// The numbers and figure fingerprints of one build, kept to compare the next one with.
struct BuildSnapshot: Sendable {
    var experiments: [String: ExperimentResult]
    /// SHA-256 of each figure's light PNG, by figure stem.
    var figureHashes: [String: String]

    init(experiments: ExperimentStage.Output, figures: FigureStage.Output) {
        self.experiments = experiments.results
        figureHashes = figures.pixelHashes
    }

    init(experiments: [String: ExperimentResult], figureHashes: [String: String]) {
        self.experiments = experiments
        self.figureHashes = figureHashes
    }
}
