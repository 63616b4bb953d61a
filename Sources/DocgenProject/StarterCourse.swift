import Foundation

/// The small working course `docgen init` writes: a `docgen.yml`, one chapter with an experiment, a
/// figure, a table, computed values and a formula, and the data set it fits.
///
/// The files are compiled into the executable (SwiftPM `embedInCode` of `Starter/`, see Package.swift),
/// so `docgen init` works from an installed binary with nothing beside it.
public enum StarterCourse {
    /// Each file the course consists of: its path relative to the course folder, and its bytes.
    /// The resource names differ from the paths where SwiftPM would not embed them as named
    /// (a leading digit, a leading dot).
    public static let files: [(path: String, bytes: [UInt8])] = [
        ("docgen.yml", PackageResources.docgen_yml),
        ("01-first-fit.md", PackageResources.first_fit_md),
        ("data/plants.csv", PackageResources.plants_csv),
        (".gitignore", PackageResources.gitignore_txt),
    ]

    /// Writes the course into `folder` (created when missing) and returns the paths written: each
    /// relative path, joined to `folder` unless that is `.`.
    ///
    /// Writes nothing at all when any of the files already exists: the error lists every one.
    public static func write(into folder: String) throws -> [String] {
        let fm = FileManager.default
        let targets = files.map { file in
            (path: folder == "." ? file.path : (folder as NSString).appendingPathComponent(file.path), bytes: file.bytes)
        }
        let existing = targets.map(\.path).filter { fm.fileExists(atPath: $0) }
        guard existing.isEmpty else { throw StarterCourseError.wouldOverwrite(existing) }
        for target in targets {
            let parent = (target.path as NSString).deletingLastPathComponent
            do {
                if !parent.isEmpty { try fm.createDirectory(atPath: parent, withIntermediateDirectories: true) }
                try Data(target.bytes).write(to: URL(fileURLWithPath: target.path), options: .withoutOverwriting)
            } catch {
                throw StarterCourseError.cannotWrite(path: target.path, reason: error.localizedDescription)
            }
        }
        return targets.map(\.path)
    }
}

/// Why `docgen init` wrote nothing (or stopped part way, for a file system error).
public enum StarterCourseError: Error, Equatable, CustomStringConvertible {
    /// These files exist already; none was touched.
    case wouldOverwrite([String])
    /// Creating or writing a file failed.
    case cannotWrite(path: String, reason: String)

    public var description: String {
        switch self {
        case let .wouldOverwrite(paths):
            return "not creating a course: \(paths.count == 1 ? "this file exists" : "these files exist") "
                + "and would be overwritten: \(paths.joined(separator: ", ")); nothing was written"
        case let .cannotWrite(path, reason):
            return "cannot write \(path): \(reason)"
        }
    }
}
