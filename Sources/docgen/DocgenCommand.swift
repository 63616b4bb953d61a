import ArgumentParser
import DocgenBuild
import Foundation

/// `docgen`: builds a course site from Markdown chapters with experiment directives.
///
/// This executable only parses arguments and prints; the work happens in the libraries
/// (DocgenBuild builds, DocgenServer serves, DocgenProject finds and creates courses).
@main
struct DocgenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "docgen",
        abstract: "Build a machine-learning course site: Markdown + experiment directives → fits → figures → HTML.",
        discussion: """
            Every command finds the course from the current folder: a folder with a docgen.yml is a \
            course (its site goes to _site/ inside it); otherwise Content/ is the course and Output/ the \
            site. `docgen init` creates a course.

            Exit status: 0 on success, 1 when the content has errors, 2 for usage errors.
            """,
        subcommands: [Init.self, Build.self, Check.self, Serve.self, Clean.self],
        defaultSubcommand: nil
    )

    @Flag(name: .long, help: "Print the version and the build identity that keys the cache.")
    var version = false

    func run() throws {
        guard version else { throw CleanExit.helpRequest(self) }
        print(DocgenVersion.description)
    }

    /// Runs the command and maps failures to docgen's exit codes (argument errors are 2, not 64).
    static func main() {
        // Before anything else: OpenBLAS's idle workers, started when a fit first loads the library, would spin on the
        // other core for as long as the command runs (see `Builder.stopIdleBLASWorkers`).
        Builder.stopIdleBLASWorkers()
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

/// The version `docgen --version` prints.
enum DocgenVersion {
    /// The release number; raise it with each release.
    static let number = "0.2.0"

    /// Two lines: the version, and the build identity the cache keys every fit and figure with (a hash
    /// of this executable, which has the theme compiled in; it changes whenever docgen is rebuilt
    /// differently).
    static var description: String {
        "docgen \(number)\nbuild identity: \(BuildIdentity.current())"
    }
}
