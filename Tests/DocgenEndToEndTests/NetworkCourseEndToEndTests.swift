import Foundation
import XCTest

/// The course in Tests/Courses/networks (every `model: mlp` key, the moons and circles generators, the three network
/// figure kinds with scores, cv-curve, complexity-curve, regularization-path and a scores table) builds clean under
/// `--strict`, and builds to the same bytes with one job and with four.
final class NetworkCourseEndToEndTests: XCTestCase {
    static let course = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Courses/networks")

    /// A fresh copy of the course in a scratch folder of its own.
    private func copyOfTheCourse() throws -> DocgenRunner {
        let scratch = try DocgenRunner()
        let folder = scratch.folder.appendingPathComponent("networks")
        try FileManager.default.copyItem(at: Self.course, to: folder)
        addTeardownBlock { scratch.remove() }
        return DocgenRunner(folder: folder)
    }

    /// Every file under `_site/data` and `_site/figures`, by path.
    private func published(_ runner: DocgenRunner) throws -> [String: Data] {
        var files: [String: Data] = [:]
        for sub in ["data", "figures"] {
            let folder = runner.folder.appendingPathComponent("_site/\(sub)")
            for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) {
                files["\(sub)/\(name)"] = runner.read("_site/\(sub)/\(name)")
            }
        }
        return files
    }

    func testTheNetworkCourseBuildsCleanUnderStrictAndToTheSameBytesWithAnyNumberOfJobs() throws {
        let one = try copyOfTheCourse()
        let run = try one.run(["build", "--strict", "--jobs", "1"])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertFalse(run.stderr.contains("warning"), run.stderr)
        let files = try published(one)
        for id in ["moons-l2", "moons-l1", "circles-enet", "curve-net", "curve-linear"] {
            XCTAssertNotNil(files["data/\(id).csv"], id)
            XCTAssertNotNil(files["data/\(id)-history.csv"], "\(id): the per-epoch losses are published")
        }
        for label in ["fig-boundary", "fig-training", "fig-weights", "fig-moons-scores", "fig-moons-complexity",
                      "fig-circles-cv", "fig-curve-training", "fig-curve-path"] {
            XCTAssertNotNil(files["figures/\(label).png"], label)
            XCTAssertNotNil(files["figures/\(label)-dark.png"], label)
        }
        let linear = try XCTUnwrap(one.text("_site/data/curve-linear.csv")).split(separator: "\n")[0]
        XCTAssertTrue(linear.hasPrefix("alpha,x,intercept,"), "no hidden layer: one coefficient per feature, then the intercept")
        let page = try XCTUnwrap(one.text("_site/01-networks.html"))
        XCTAssertTrue(page.contains("href=\"data/moons-l2-history.csv\""), "the history link is checked and kept")

        let four = try copyOfTheCourse()
        XCTAssertEqual(try four.run(["build", "--strict", "--jobs", "4"]).status, 0)
        let again = try published(four)
        XCTAssertEqual(Set(again.keys), Set(files.keys))
        for (path, bytes) in files { XCTAssertEqual(again[path], bytes, "\(path) differs between builds") }
    }
}
