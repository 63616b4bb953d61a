import DocgenBuild
import DocgenDiagnostics
import Foundation

/// What the open pages learn from `/__docgen/status`: the site's version, which goes up with every
/// successful rebuild (pages then reload), and the errors of the last build when it failed (pages then
/// show them over the content, until a build succeeds).
///
/// Shared between the thread that builds and the threads that answer requests.
public final class BuildStatus: @unchecked Sendable {
    private let lock = NSLock()
    /// 0 until the first successful build, then one more with each.
    private var version = 0
    /// The last build's errors as rendered text; empty after a success.
    private var errors: [String] = []

    public init() {}

    /// The version and the errors, read together.
    public var current: (version: Int, errors: [String]) {
        lock.withLock { (version, errors) }
    }

    /// Records a finished build. A success bumps the version and clears the errors; a failure keeps
    /// the version (the previous site is still served) and lists every error, each as a terminal shows
    /// it without colour (`file:line:col: error: …`, then the offending line and a caret). Under
    /// `strict`, warnings are errors.
    public func record(_ result: BuildResult, strict: Bool) {
        let renderer = DiagnosticRenderer(colour: false) { path in try? String(contentsOfFile: path, encoding: .utf8) }
        let failures = result.diagnostics.map { strict ? $0.treatedAsError : $0 }
            .filter { $0.severity == .error }.map(renderer.render)
        lock.withLock {
            if result.succeeded {
                version += 1
                errors = []
            } else {
                errors = failures.isEmpty ? ["docgen: error: \(result.summary)"] : failures
            }
        }
    }

    /// `{"version":N,"errors":[…]}`.
    public func json() -> Data {
        struct Body: Encodable { var version: Int; var errors: [String] }
        let (version, errors) = current
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(Body(version: version, errors: errors))) ?? Data("{}".utf8)
    }
}
