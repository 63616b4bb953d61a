import DocgenBuild
import DocgenDiagnostics
import Foundation

/// How much the console prints.
enum Verbosity { case quiet, normal, verbose }

/// Terminal output: diagnostics compiler style, a live progress line on a terminal
/// (plain lines otherwise), colour unless `NO_COLOR` is set or output is not a terminal.
final class Console: @unchecked Sendable {
    let verbosity: Verbosity
    let isTerminal: Bool
    let colour: Bool
    private let lock = NSLock()
    private var liveLineShown = false

    init(verbosity: Verbosity) {
        self.verbosity = verbosity
        isTerminal = isatty(STDERR_FILENO) == 1
        let noColour = ProcessInfo.processInfo.environment["NO_COLOR"].map { !$0.isEmpty } ?? false
        colour = isTerminal && !noColour
    }

    /// The callback the builder reports progress through (called from worker threads).
    var progress: @Sendable (BuildProgress) -> Void {
        { [self] event in self.show(event) }
    }

    /// Prints a line on standard output and flushes it at once, so it shows even when standard output
    /// is a file or a pipe (as a line of `docgen serve` must, long before the process ends).
    func line(_ text: String) {
        guard verbosity != .quiet else { return }
        lock.withLock {
            clearLiveLine()
            FileHandle.standardOutput.write(Data((text + "\n").utf8))
        }
    }

    /// `docgen: error: MESSAGE` on standard error, whatever the verbosity.
    static func error(_ message: String) {
        FileHandle.standardError.write(Data("docgen: error: \(message)\n".utf8))
    }

    private func show(_ event: BuildProgress) {
        guard verbosity != .quiet else { return }
        lock.withLock {
            switch event {
            case let .step(done, total, what):
                if isTerminal && verbosity == .normal {
                    let text = "[\(done)/\(total)] \(what)"
                    let width = 100
                    let clipped = text.count > width ? String(text.prefix(width - 1)) + "…" : text
                    FileHandle.standardError.write(Data("\r\u{1B}[2K\(clipped)".utf8))
                    liveLineShown = true
                } else if verbosity == .verbose {
                    FileHandle.standardError.write(Data("[\(done)/\(total)] \(what)\n".utf8))
                }
            case let .waiting(text):
                clearLiveLine()
                FileHandle.standardError.write(Data("docgen: \(text)\n".utf8))
            case let .note(text):
                if verbosity == .verbose {
                    clearLiveLine()
                    FileHandle.standardError.write(Data("\(text)\n".utf8))
                }
            }
        }
    }

    private func clearLiveLine() {
        if liveLineShown {
            FileHandle.standardError.write(Data("\r\u{1B}[2K".utf8))
            liveLineShown = false
        }
    }

    /// Prints the diagnostics, the change report, and the closing summary. Under `strict` the warnings
    /// are printed as the errors they are (`error: … (warning treated as error: --strict)`), so even
    /// `--quiet` says why the command failed.
    func finish(_ result: BuildResult, strict: Bool) {
        lock.withLock { clearLiveLine() }
        let renderer = DiagnosticRenderer(colour: colour) { path in
            (try? String(contentsOfFile: path, encoding: .utf8))
        }
        let shown = Self.shown(result.diagnostics, strict: strict, quiet: verbosity == .quiet)
        for d in shown {
            FileHandle.standardError.write(Data((renderer.render(d) + "\n").utf8))
        }
        guard verbosity != .quiet else { return }
        var out = ""
        if let report = result.changeReport, !report.isEmpty { out += report + "\n" }
        out += result.summary + "\n"
        FileHandle.standardOutput.write(Data(out.utf8))
    }

    /// The diagnostics printed for a build: every one (errors only when `quiet`), with warnings
    /// relabelled as errors under `strict`.
    static func shown(_ diagnostics: [Diagnostic], strict: Bool, quiet: Bool) -> [Diagnostic] {
        diagnostics.map { strict ? $0.treatedAsError : $0 }.filter { !quiet || $0.severity == .error }
    }
}
