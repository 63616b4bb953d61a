import Foundation

/// The content folder, and the rule that every file a chapter reads lives inside it.
///
/// Paths in directives are relative to the content folder. A path that escapes it
/// (`../../etc/passwd`, an absolute path, or a symbolic link pointing outside) is refused,
/// so building someone else's course can never read the rest of your disk.
public struct ContentRoot: Sendable {
    /// Absolute, symlink-resolved path of the content folder.
    public let path: String
    /// The content folder as the user named it, for messages (`Content`).
    public let displayPath: String

    public init(path: String, displayPath: String) {
        self.path = Self.canonical(path)
        self.displayPath = displayPath
    }

    /// The author's theme folder (`theme/`), whose files replace or add to the built-in theme's; nil when there is none.
    var themeOverrides: URL? {
        let folder = (path as NSString).appendingPathComponent("theme")
        return FileManager.default.fileExists(atPath: folder) ? URL(fileURLWithPath: folder) : nil
    }

    public enum Problem: Error, Equatable {
        case missing, escapes, notAFile
        /// A symbolic link that leads back to itself (directly or through others).
        case symlinkLoop
        /// A symbolic link to nothing.
        case danglingLink
        /// A named pipe, socket or device: reading one could wait forever or never end.
        case notARegularFile

        /// The message for a path written in a directive; `what` names the file ("data file", "chapter", "image").
        func message(for written: String, what: String = "data file") -> String {
            switch self {
            case .missing: return "\(what) '\(written)' does not exist (paths are relative to the content folder)"
            case .escapes: return "\(what) '\(written)' is outside the content folder"
            case .notAFile: return "\(what) '\(written)' is a folder, not a file"
            case .symlinkLoop: return "\(what) '\(written)' is a symbolic link that loops back on itself"
            case .danglingLink: return "\(what) '\(written)' is a symbolic link to a file that does not exist"
            case .notARegularFile:
                return "\(what) '\(written)' is not a regular file (a named pipe, socket or device); docgen reads only files"
            }
        }
    }

    /// Resolves a path written in a directive to an absolute path inside the content folder.
    public func resolve(_ written: String) -> Result<String, Problem> {
        if written.hasPrefix("/") || written.hasPrefix("~") { return .failure(.escapes) }
        let joined = (path as NSString).appendingPathComponent(written)
        let lexical = (joined as NSString).standardizingPath
        guard lexical == path || lexical.hasPrefix(path + "/") else { return .failure(.escapes) }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: lexical, isDirectory: &isDirectory) else {
            // A dangling symlink that points outside is still an escape.
            if let dest = try? FileManager.default.destinationOfSymbolicLink(atPath: lexical), dest.hasPrefix("/"),
               !dest.hasPrefix(path + "/") { return .failure(.escapes) }
            var info = stat()
            if lstat(lexical, &info) == 0, (info.st_mode & S_IFMT) == S_IFLNK {
                errno = 0
                if let resolved = realpath(lexical, nil) { free(resolved) }
                return .failure(errno == ELOOP ? .symlinkLoop : .danglingLink)
            }
            return .failure(.missing)
        }
        let real = Self.canonical(lexical)
        guard real.hasPrefix(path + "/") else { return .failure(.escapes) }
        if isDirectory.boolValue { return .failure(.notAFile) }
        var info = stat()
        guard stat(real, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return .failure(.notARegularFile) }
        return .success(real)
    }

    /// The path with every symbolic link resolved (the path itself when it cannot be).
    static func canonical(_ p: String) -> String {
        guard let resolved = realpath(p, nil) else { return (p as NSString).standardizingPath }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}
