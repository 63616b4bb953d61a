import ArgumentParser
import DocgenBuild
import DocgenProject
import Foundation

/// Options every building subcommand shares. Each subcommand declares `--output` itself, because
/// what happens to that folder differs (`build` replaces it, `check` writes nothing).
struct CourseOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "The course folder of Markdown chapters and data.",
        discussion: "Default: the current folder when it has a docgen.yml, else Content/."))
    var content: String?

    @Option(name: .long, help: "Parallel jobs for fits and figures (default: all cores).")
    var jobs: Int?

    @Flag(name: .long, help: "Ignore the cache: refit every experiment and redraw every figure.")
    var force = false

    @Flag(name: .long, help: "Treat warnings as errors (they are printed as errors and fail the command).")
    var strict = false

    @Flag(name: .shortAndLong, help: "Print errors only.")
    var quiet = false

    @Flag(name: .shortAndLong, help: "Print every step.")
    var verbose = false

    func validate() throws {
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
        if quiet && verbose { throw ValidationError("--quiet and --verbose cannot be used together") }
    }

    var verbosity: Verbosity { quiet ? .quiet : verbose ? .verbose : .normal }

    /// The build options for the course found from the current folder; prints why and exits with 1 when
    /// there is no course.
    func buildOptions(output: String?, checkOnly: Bool) throws -> BuildOptions {
        let location: CourseLocation
        do {
            location = try CourseLocation.find(content: content, output: output)
        } catch let error as NoCourseFound {
            Console.error("\(error)")
            throw ExitCode(1)
        }
        var o = BuildOptions(contentPath: location.contentPath, outputPath: location.outputPath)
        o.jobs = jobs ?? ProcessInfo.processInfo.activeProcessorCount
        o.force = force
        o.strict = strict
        o.checkOnly = checkOnly
        return o
    }

    /// Runs one build (or check), prints its diagnostics and summary, and exits with its status.
    /// `adjust` sets the options only `build` has (`--pdf`, `--optimize-images`).
    func runBuild(output: String?, checkOnly: Bool, adjust: (inout BuildOptions) -> Void = { _ in }) throws {
        var options = try buildOptions(output: output, checkOnly: checkOnly)
        adjust(&options)
        let console = Console(verbosity: verbosity)
        let result = Builder(options: options, progress: console.progress).run()
        console.finish(result, strict: strict)
        throw ExitCode(result.exitStatus)
    }
}
