import ArgumentParser
import DocgenBuild
import DocgenServer
import Foundation

struct Serve: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Build, serve the site on 127.0.0.1, and rebuild when the course changes.",
        discussion: """
            Open pages reload after each successful rebuild; a failed rebuild keeps the previous site \
            and shows its errors over the page. Ctrl-C (SIGINT) or SIGTERM stops the server.
            """)
    @OptionGroup var course: CourseOptions

    @Option(name: .long, help: ArgumentHelp(
        "The folder the site is written to and served from; replaced as a whole by each successful build.",
        discussion: "Default: _site inside a course folder with a docgen.yml, else Output."))
    var output: String?

    @Option(name: .long, help: "The port to listen on (127.0.0.1 only).")
    var port: Int = 8000

    func validate() throws {
        if !(1...65535).contains(port) { throw ValidationError("--port must be between 1 and 65535") }
    }

    func run() throws {
        let options = try course.buildOptions(output: output, checkOnly: false)
        let console = Console(verbosity: course.verbosity)
        let strict = course.strict
        let server = DevelopmentServer(options: options, port: port, progress: console.progress) {
            console.finish($0, strict: strict)
        }
        do {
            try server.start()
        } catch {
            Console.error("\(error)")
            throw ExitCode(1)
        }
        console.line("Serving \(options.outputPath) at http://127.0.0.1:\(port)/ (Ctrl-C stops); "
                     + "rebuilding when \(options.contentPath == "." ? "this folder" : options.contentPath) changes")
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
