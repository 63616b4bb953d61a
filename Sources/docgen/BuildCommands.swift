import ArgumentParser
import DocgenBuild
import DocgenProject
import Foundation

struct Build: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "build", abstract: "Build the site from the course folder into the site folder.")
    @OptionGroup var course: CourseOptions

    @Option(name: .long, help: ArgumentHelp(
        "The folder the site is written to; replaced as a whole, and only when the build succeeds.",
        discussion: "Default: _site inside a course folder with a docgen.yml, else Output."))
    var output: String?

    @Flag(name: .long, help: ArgumentHelp(
        "Also write the whole course as course.pdf in the site, printed by headless Chromium.",
        discussion: "Needs Chromium (chromium on PATH, or DOCGEN_CHROMIUM naming it)."))
    var pdf = false

    @Option(name: .long, help: "The paper of --pdf: a4 or letter (default: a4).")
    var pdfPaper: PaperSize = .a4

    @Flag(name: .long, help: ArgumentHelp(
        "Recompress every PNG at maximum effort for publishing (lossless; slower).",
        discussion: "Development builds leave it off and keep the fast PNG writer."))
    var optimizeImages = false

    func run() throws {
        try course.runBuild(output: output, checkOnly: false) { options in
            options.pdf = pdf
            options.pdfPaper = pdfPaper
            options.optimizeImages = optimizeImages
        }
    }
}

extension PaperSize: ExpressibleByArgument {}

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Parse, validate and resolve everything; fit only what is not cached; write nothing.")
    @OptionGroup var course: CourseOptions

    @Option(name: .long, help: ArgumentHelp(
        "The site folder a build would write; check leaves it alone and only reads the cache beside it.",
        discussion: "Default: _site inside a course folder with a docgen.yml, else Output."))
    var output: String?

    func run() throws { try course.runBuild(output: output, checkOnly: true) }
}

struct Clean: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "clean", abstract: "Remove the site folder's contents and the build cache.")
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
