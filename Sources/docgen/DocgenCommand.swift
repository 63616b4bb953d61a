import ArgumentParser
import DocgenBuild
import DocgenServer
import Foundation

/// `docgen`: builds a course site from Markdown chapters with experiment directives.
///
/// This executable only parses arguments and prints; the work happens in DocgenBuild.
@main
struct DocgenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "docgen",
        abstract: "Build a machine-learning course site: Markdown + experiment directives → fits → figures → HTML.",
        discussion: """
            Exit status: 0 on success, 1 when the content has errors, 2 for usage errors.
            """,
        subcommands: [Build.self, Check.self, Serve.self, Clean.self],
        defaultSubcommand: nil
    )

    /// Runs the command and maps failures to docgen's exit codes (argument errors are 2, not 64).
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let exit as ExitCode {
            Foundation.exit(exit.rawValue)
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                print(fullMessage(for: error))
                Foundation.exit(0)
            }
            FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
            Foundation.exit(2)
        }
    }
}

/// Options every building subcommand shares.
struct SiteOptions: ParsableArguments {
    @Option(name: .long, help: "The folder of Markdown chapters and data.")
    var content: String = "Content"

    @Option(name: .long, help: "The folder the site is written to (replaced as a whole).")
    var output: String = "Output"

    @Option(name: .long, help: "Parallel jobs for fits and figures (default: all cores).")
    var jobs: Int?

    @Flag(name: .long, help: "Ignore the cache: refit every experiment and redraw every figure.")
    var force = false

    @Flag(name: .long, help: "Treat warnings as errors.")
    var strict = false

    @Flag(name: .shortAndLong, help: "Print errors only.")
    var quiet = false

    @Flag(name: .shortAndLong, help: "Print every step.")
    var verbose = false

    func validate() throws {
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
        if quiet && verbose { throw ValidationError("--quiet and --verbose cannot be used together") }
    }

    func buildOptions(checkOnly: Bool) -> BuildOptions {
        var o = BuildOptions(contentPath: content, outputPath: output)
        o.jobs = jobs ?? ProcessInfo.processInfo.activeProcessorCount
        o.force = force
        o.strict = strict
        o.checkOnly = checkOnly
        return o
    }

    var verbosity: Verbosity { quiet ? .quiet : verbose ? .verbose : .normal }

    /// Runs one build (or check), prints its diagnostics and summary, and exits with its status.
    func runBuild(checkOnly: Bool) throws {
        let console = Console(verbosity: verbosity)
        let result = Builder(options: buildOptions(checkOnly: checkOnly), progress: console.progress).run()
        console.finish(result)
        throw ExitCode(result.exitStatus)
    }
}

struct Build: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Build the site from the content folder into the output folder.")
    @OptionGroup var site: SiteOptions

    func run() throws { try site.runBuild(checkOnly: false) }
}

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Parse, validate and resolve everything; fit only what is not cached; write nothing.")
    @OptionGroup var site: SiteOptions

    func run() throws { try site.runBuild(checkOnly: true) }
}

struct Clean: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Remove the output folder's site and the build cache.")
    @Option(name: .long, help: "The folder the site is written to.")
    var output: String = "Output"

    func run() throws {
        do {
            let removed = try Builder.clean(outputPath: output)
            for path in removed { print("removed \(path)") }
        } catch {
            FileHandle.standardError.write(Data("docgen: error: \(error)\n".utf8))
            throw ExitCode(1)
        }
    }
}

struct Serve: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Build, serve the output folder on 127.0.0.1, and rebuild when the content changes.",
        discussion: """
            Open pages reload after each successful rebuild; a failed rebuild keeps the previous site \
            and shows its errors over the page. Ctrl-C (SIGINT) or SIGTERM stops the server.
            """)
    @OptionGroup var site: SiteOptions
    @Option(name: .long, help: "The port to listen on (127.0.0.1 only).")
    var port: Int = 8000

    func validate() throws {
        if !(1...65535).contains(port) { throw ValidationError("--port must be between 1 and 65535") }
    }

    func run() throws {
        let console = Console(verbosity: site.verbosity)
        let server = DevelopmentServer(options: site.buildOptions(checkOnly: false), port: port,
                                       progress: console.progress) { console.finish($0) }
        do {
            try server.start()
        } catch {
            FileHandle.standardError.write(Data("docgen: error: \(error)\n".utf8))
            throw ExitCode(1)
        }
        console.line("Serving \(site.output) at http://127.0.0.1:\(port)/ (Ctrl-C stops); rebuilding when \(site.content) changes")
        let signals = [SIGINT, SIGTERM].map { number -> DispatchSourceSignal in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { server.stop() }
            source.resume()
            return source
        }
        server.run()
        server.stop()
        signals.forEach { $0.cancel() }
        console.line("Stopped serving.")
    }
}
