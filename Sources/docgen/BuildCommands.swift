import ArgumentParser
import DocgenBuild
import DocgenProject
import Foundation

struct Build: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Build the site from the course folder into the site folder.")
    @OptionGroup var course: CourseOptions

    @Option(name: .long, help: ArgumentHelp(
        "The folder the site is written to; replaced as a whole, and only when the build succeeds.",
        discussion: "Default: _site inside a course folder with a docgen.yml, else Output."))
    var output: String?

    func run() throws { try course.runBuild(output: output, checkOnly: false) }
}

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Parse, validate and resolve everything; fit only what is not cached; write nothing.")
    @OptionGroup var course: CourseOptions

    @Option(name: .long, help: ArgumentHelp(
        "The site folder a build would write; check leaves it alone and only reads the cache beside it.",
        discussion: "Default: _site inside a course folder with a docgen.yml, else Output."))
    var output: String?

    func run() throws { try course.runBuild(output: output, checkOnly: true) }
}

struct Clean: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Remove the site folder's contents and the build cache.")
    @Option(name: .long, help: ArgumentHelp(
        "The site folder to empty (the cache beside it is removed too).",
        discussion: "Default: _site inside a course folder with a docgen.yml, else Output."))
    var output: String?

    func run() throws {
        do {
            let removed = try Builder.clean(outputPath: CourseLocation.siteFolder(output: output))
            for path in removed { print("removed \(path)") }
        } catch {
            Console.error("\(error)")
            throw ExitCode(1)
        }
    }
}

struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Create a small working course: docgen.yml, one chapter with an experiment, and its data.",
        discussion: "Refuses to overwrite any existing file; then nothing is written.")

    @Argument(help: "The folder to create the course in (created when missing).")
    var folder: String = "."

    func run() throws {
        let written: [String]
        do {
            written = try StarterCourse.write(into: folder)
        } catch {
            Console.error("\(error)")
            throw ExitCode(1)
        }
        for path in written { print("created \(path)") }
        let place = folder == "." ? "in this folder" : "in \(folder)"
        print("""
            Next, \(place):
              docgen serve   build the course, serve it at http://127.0.0.1:8000/, rebuild on every edit
              docgen build   write the site to \(CourseLocation.siteFolderInCourse)/
            """)
    }
}
