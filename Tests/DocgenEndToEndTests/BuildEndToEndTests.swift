import Foundation
import XCTest

/// `docgen build` on a small content folder, checked the way a reader would check the site.
final class BuildEndToEndTests: XCTestCase {
    var runner: DocgenRunner!

    static let chapter = """
        # The lasso

        The lasso sets coefficients exactly to zero; the first to leave zero is {value}`diabetes-lasso.entry.1`.

        ```{experiment} diabetes-lasso
        data: data/diabetes.csv
        target: progression
        standardize: true
        model: lasso
        alphas: logspace(-3, 1.5, 60)
        ```

        ```{figure} regularization-path
        experiment: diabetes-lasso
        label: fig-lasso-path
        alt: Lasso coefficient paths on the diabetes data.
        caption: As α shrinks, coefficients leave zero one at a time.
        ```

        See @fig-lasso-path.
        """

    override func setUpWithError() throws {
        runner = try DocgenRunner()
        try runner.copyDiabetes()
        try runner.write("Content/01-lasso.md", Self.chapter)
    }

    override func tearDown() { runner.remove() }

    func testBuildWritesIndexChapterFigureAndCSV() throws {
        let run = try runner.run(["build"])
        XCTAssertEqual(run.status, 0, run.stderr)
        let index = try XCTUnwrap(runner.text("Output/index.html"))
        XCTAssertTrue(index.contains("01-lasso.html"), "index lists the chapter")
        let page = try XCTUnwrap(runner.text("Output/01-lasso.html"))
        XCTAssertTrue(page.contains("<figure"))
        XCTAssertTrue(page.contains("src=\"figures/fig-lasso-path.png\" width=\"640\" height=\"400\" alt=\"Lasso coefficient paths on the diabetes data.\""))
        XCTAssertTrue(page.contains("Figure 1.1"), "numbered caption")
        XCTAssertTrue(page.contains("href=\"#fig-lasso-path\""), "cross-reference link")
        XCTAssertTrue(page.contains(">bmi</span>"), "computed value: bmi enters first")

        let png = try XCTUnwrap(runner.read("Output/figures/fig-lasso-path.png"))
        XCTAssertEqual(Array(png.prefix(8)), [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], "PNG signature")
        XCTAssertEqual(Self.bigEndian(png, at: 16), 1600, "width at 2× device scale")
        XCTAssertEqual(Self.bigEndian(png, at: 20), 1000, "height at 2× device scale")
        XCTAssertNotNil(runner.read("Output/figures/fig-lasso-path-dark.png"))
    }

    /// The build identity hashes the executable once and is remembered beside the cache under the executable's stat;
    /// later builds by the same executable read it back and write nothing.
    func testTheBuildIdentityIsRememberedAndReadBack() throws {
        XCTAssertEqual(try runner.run(["build"]).status, 0)
        let memo = runner.folder.appendingPathComponent(".docgen-cache/Output/identity.txt").path
        let first = try FileManager.default.attributesOfItem(atPath: memo)
        Thread.sleep(forTimeInterval: 0.05)
        try runner.write("Content/01-lasso.md", Self.chapter + "\nOne more sentence.\n")
        XCTAssertEqual(try runner.run(["build"]).status, 0)
        let second = try FileManager.default.attributesOfItem(atPath: memo)
        XCTAssertEqual(first[.systemFileNumber] as? Int, second[.systemFileNumber] as? Int, "not written again")
        XCTAssertEqual(first[.modificationDate] as? Date, second[.modificationDate] as? Date)
        let version = try runner.run(["--version"])
        let memoText = String(decoding: try XCTUnwrap(FileManager.default.contents(atPath: memo)), as: UTF8.self)
        let identity = try XCTUnwrap(version.stdout.split(separator: "\n").last?.split(separator: " ").last)
        XCTAssertTrue(memoText.contains(String(identity)), "the remembered identity is the one --version prints")
    }

    /// BLAS and LAPACK are loaded by the first fit that calls them, not by docgen's start: a rebuild with nothing to do,
    /// a prose edit and `--version` never load them. (glibc's loader lists every library it loads under LD_DEBUG.)
    func testOnlyAFitLoadsBLASAndLAPACK() throws {
        func loadsBLAS(_ arguments: [String]) throws -> Bool {
            let run = try runner.run(arguments, environment: ["LD_DEBUG": "files"])
            XCTAssertEqual(run.status, 0, run.stderr)
            let loaded = run.stderr.split(separator: "\n").filter { $0.contains("file=") }
            XCTAssertTrue(loaded.contains { $0.contains("libcairo") }, "the loader's list of libraries was read")
            return loaded.contains { $0.contains("libopenblas") || $0.contains("liblapack") }
        }
        XCTAssertTrue(try loadsBLAS(["build"]), "the lasso fit loads BLAS")
        XCTAssertFalse(try loadsBLAS(["build"]), "a rebuild with nothing to do")
        try runner.write("Content/01-lasso.md", Self.chapter.replacingOccurrences(of: "See @fig-lasso-path.",
                                                                               with: "See @fig-lasso-path again."))
        XCTAssertFalse(try loadsBLAS(["build"]), "a prose edit")
        XCTAssertTrue(try XCTUnwrap(runner.text("Output/01-lasso.html")).contains("again."))
        XCTAssertFalse(try loadsBLAS(["--version"]), "--version")
    }

    /// The CSV's coefficients satisfy the lasso's optimality (KKT) conditions on the standardized
    /// data, computed here independently of docgen: for every α, (1/n)·x_jᵀr = α·sign(β_j) where
    /// β_j ≠ 0 and |(1/n)·x_jᵀr| ≤ α where β_j = 0, with r the residual.
    func testCSVCoefficientsSatisfyTheLassoOptimalityConditions() throws {
        XCTAssertEqual(try runner.run(["build"]).status, 0)
        let csv = try XCTUnwrap(runner.text("Output/data/diabetes-lasso.csv"))
        let lines = csv.split(separator: "\n").map(String.init)
        let header = lines[0].split(separator: ",").map(String.init)
        XCTAssertEqual(Array(header.prefix(12)),
                       ["alpha", "age", "sex", "bmi", "bp", "s1", "s2", "s3", "s4", "s5", "s6", "intercept"],
                       "alpha, one column per feature named as in the data, then the intercept, then metrics")
        XCTAssertEqual(lines.count, 61)

        let (x, y) = try Self.standardizedDiabetes(runner)
        let n = Double(y.count)
        let alphas = lines.dropFirst().map { Double($0.split(separator: ",")[0])! }
        XCTAssertEqual(alphas.first!, 1e-3, accuracy: 1e-15, "rows in the order the directive gave")
        XCTAssertEqual(alphas.last!, pow(10, 1.5), accuracy: 1e-12)
        for line in lines.dropFirst() {
            let v = line.split(separator: ",").map { Double($0)! }
            let alpha = v[0], beta = Array(v[1...10]), intercept = v[11]
            var residual = y
            for i in y.indices {
                residual[i] -= intercept + (0..<10).reduce(0) { $0 + x[$1][i] * beta[$1] }
            }
            for j in 0..<10 {
                let gradient = (0..<y.count).reduce(0) { $0 + x[j][$1] * residual[$1] } / n
                let slack = 1e-3 * max(alpha, 1)
                if beta[j] != 0 {
                    XCTAssertEqual(gradient, alpha * (beta[j] > 0 ? 1 : -1), accuracy: slack, "α=\(alpha) j=\(j)")
                } else {
                    XCTAssertLessThanOrEqual(abs(gradient), alpha + slack, "α=\(alpha) j=\(j)")
                }
            }
        }
    }

    func testMalformedDirectiveGivesALocatedErrorAndLeavesThePreviousOutput() throws {
        XCTAssertEqual(try runner.run(["build"]).status, 0)
        let before = try XCTUnwrap(runner.read("Output/01-lasso.html"))
        let figure = try XCTUnwrap(runner.read("Output/figures/fig-lasso-path.png"))
        try runner.write("Content/01-lasso.md", Self.chapter.replacingOccurrences(of: "model: lasso", with: "modle: lasso"))
        let run = try runner.run(["build"])
        XCTAssertEqual(run.status, 1)
        XCTAssertTrue(run.stderr.contains("Content/01-lasso.md:9:1: error: unknown key 'modle'"), run.stderr)
        XCTAssertEqual(runner.read("Output/01-lasso.html"), before)
        XCTAssertEqual(runner.read("Output/figures/fig-lasso-path.png"), figure)
    }

    func testUsageErrorsExitWithTwoAndHelpWithZero() throws {
        XCTAssertEqual(try runner.run(["build", "--no-such-flag"]).status, 2)
        XCTAssertEqual(try runner.run(["frobnicate"]).status, 2)
        let help = try runner.run(["build", "--help"])
        XCTAssertEqual(help.status, 0)
        XCTAssertTrue(help.stdout.contains("--content"))
        XCTAssertTrue(help.stdout.contains("--output"))
    }

    func testSecondBuildIsServedFromTheCacheAndByteIdentical() throws {
        XCTAssertEqual(try runner.run(["build"]).status, 0)
        let first = try XCTUnwrap(runner.read("Output/figures/fig-lasso-path.png"))
        let page = try XCTUnwrap(runner.read("Output/01-lasso.html"))
        let second = try runner.run(["build"])
        XCTAssertEqual(second.status, 0)
        XCTAssertTrue(second.stdout.contains("Output is up to date"), second.stdout)
        XCTAssertEqual(runner.read("Output/01-lasso.html"), page)

        // A prose-only edit re-renders the page and fits and draws nothing.
        try runner.write("Content/01-lasso.md", Self.chapter + "\nOne more sentence of prose.\n")
        let third = try runner.run(["build"])
        XCTAssertTrue(third.stdout.contains("rebuilt 01-lasso.html after a prose edit"), third.stdout)
        XCTAssertTrue(runner.text("Output/01-lasso.html")?.contains("One more sentence of prose.") ?? false)
        XCTAssertEqual(runner.read("Output/figures/fig-lasso-path.png"), first)
        let forced = try runner.run(["build", "--force"])
        XCTAssertTrue(forced.stdout.contains("1 regenerated"), forced.stdout)
        XCTAssertEqual(runner.read("Output/figures/fig-lasso-path.png"), first, "deterministic PNG")
    }

    static func bigEndian(_ data: Data, at offset: Int) -> Int {
        let b = Array(data[data.startIndex + offset..<data.startIndex + offset + 4])
        return Int(b[0]) << 24 | Int(b[1]) << 16 | Int(b[2]) << 8 | Int(b[3])
    }

    /// The ten features standardized to mean 0, sd 1 (1/n), and the raw target.
    static func standardizedDiabetes(_ runner: DocgenRunner) throws -> ([[Double]], [Double]) {
        let text = try XCTUnwrap(runner.text("Content/data/diabetes.csv"))
        let rows = text.split(separator: "\n").dropFirst().map { $0.split(separator: ",").map { Double($0)! } }
        var columns = (0..<10).map { j in rows.map { $0[j] } }
        for j in 0..<10 {
            let mean = columns[j].reduce(0, +) / Double(rows.count)
            let sd = (columns[j].reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(rows.count)).squareRoot()
            columns[j] = columns[j].map { ($0 - mean) / sd }
        }
        return (columns, rows.map { $0[10] })
    }
}
