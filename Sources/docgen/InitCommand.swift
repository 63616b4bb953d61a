import ArgumentParser
import DocgenProject
import Foundation

struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
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
