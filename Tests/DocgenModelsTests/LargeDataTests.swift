import Foundation
import XCTest
@testable import DocgenModels

/// The pieces that keep large data linear in memory and time give the same numbers as the simple forms they replace.
final class LargeDataTests: XCTestCase {
    private func temporaryFile(_ text: String) throws -> String {
        let path = NSTemporaryDirectory() + "docgen-large-\(UUID().uuidString).csv"
        try text.write(toFile: path, atomically: false, encoding: .utf8)
        addTeardownBlock { try? FileManager.default.removeItem(atPath: path) }
        return path
    }

    /// A file read in 1 MiB pieces: lines cross piece boundaries, CRLF endings, trailing blank lines, and rows as
    /// long as a piece; the file's rows must come out exactly as the in-memory parser and the generator have them.
    func testFileReadInPiecesMatchesTheTextAndTheValues() throws {
        var rng = SeededGenerator(seed: 11)
        let n = 120_000
        var values: [[Double]] = []
        var text = "a, b ,\"c\",y\r\n"
        for _ in 0..<n {
            let row = (0..<4).map { _ in (rng.uniform() - 0.5) * 1000 }
            values.append(row)
            text += row.map { "\($0)" }.joined(separator: ",") + "\r\n"
        }
        text += "\r\n  \n"
        let path = try temporaryFile(text)
        let loaded = try Dataset.load(csvPath: path, target: "y")
        let parsed = try Dataset.parse(csvText: text, file: path, target: "y")
        XCTAssertEqual(loaded, parsed)
        XCTAssertEqual(loaded.rowCount, n)
        XCTAssertEqual(loaded.featureNames, ["a", "b", "c"])
        for i in [0, 1, 43_690, n - 1] {
            XCTAssertEqual(loaded.row(i), Array(values[i].prefix(3)))
            XCTAssertEqual(loaded.y[i], values[i][3])
        }
        XCTAssertGreaterThan(text.utf8.count, 4 << 20)
    }

    /// Two threads, each parsing part of the file, give exactly what one thread gives: the same doubles, the same
    /// layout verdict, and the same first error (line and column), wherever blank lines, bad cells and the split fall
    /// (every line break is tried as the split).
    func testTwoThreadsParseAsOneWhereverTheSplitFalls() throws {
        func outcome(_ text: String, parallel: Bool, splitAt: Double = 0.5) throws -> String {
            let path = try temporaryFile(text)
            do {
                let loaded = try Dataset.loadCSV(path: path, target: "y", features: nil, parallelFrom: parallel ? 0 : .max,
                                                 splitAt: splitAt)
                return "rows \(loaded.dataset.rowCount) plain \(loaded.isInputTable) "
                    + loaded.dataset.x.map { "\($0.bitPattern)" }.joined(separator: ",") + " | "
                    + loaded.dataset.y.map { "\($0.bitPattern)" }.joined(separator: ",")
            } catch let error as DataError {
                return "error \(error.kind) at \(error.line ?? -1):\(error.column ?? -1)"
            }
        }
        let rows = (0..<12).map { "\(Double($0) / 8),\(-$0),\($0 * $0)" }
        var texts: [String] = []
        for k in 0...rows.count {
            var lines = rows
            lines.insert("", at: k)                                  // one blank line anywhere
            texts.append("a,b,y\n" + lines.joined(separator: "\n") + "\n")
            texts.append("a,b,y\n" + rows.prefix(k).joined(separator: "\n") + "\n\n\n")   // blank tail from k on
            var bad = rows
            if k < rows.count { bad[k] = "1,x,2" }                  // a bad cell anywhere
            if k + 3 < rows.count { bad[k + 3] = "1,2" }            // and a ragged row after it
            texts.append("a,b,y\n" + bad.joined(separator: "\n") + "\n")
        }
        texts.append("a,b,y\n" + rows.joined(separator: "\n"))   // no final line break
        texts.append("a,b,y\n\n\n\n\n\n")                      // a header and blank lines only
        for text in texts {
            let one = try outcome(text, parallel: false)
            for split in stride(from: 0.0, through: 1.0, by: 1.0 / 64) {
                XCTAssertEqual(try outcome(text, parallel: true, splitAt: split), one, "split at \(split) of \(text)")
            }
        }
    }

    func testRowsLongerThanAReadPiece() throws {
        let p = 90_000   // about 1.4 MB a row
        let header = (0..<p).map { "c\($0)" }.joined(separator: ",") + ",y\n"
        let rows = (0..<3).map { r in (0..<p).map { "\(Double(r) + Double($0) * 1e-5)" }.joined(separator: ",") + ",\(r)\n" }
        let path = try temporaryFile(header + rows.joined())
        let data = try Dataset.load(csvPath: path, target: "y")
        XCTAssertEqual(data.rowCount, 3)
        XCTAssertEqual(data.featureCount, p)
        XCTAssertEqual(data.y, [0, 1, 2])
        XCTAssertEqual(data.value(row: 2, feature: p - 1), 2 + Double(p - 1) * 1e-5)
    }

    func testErrorsKeepTheirLinesWhenReadInPieces() throws {
        var text = "x,y\n"
        for i in 0..<100_000 { text += "\(i),\(i)\n" }
        text += "\n7,8\n"   // a blank line in the middle: line 100,002
        let path = try temporaryFile(text)
        XCTAssertThrowsError(try Dataset.load(csvPath: path, target: "y")) { error in
            XCTAssertEqual((error as? DataError)?.line, 100_002)
            XCTAssertEqual((error as? DataError)?.kind, .raggedRow)
        }
        let bad = try temporaryFile("x,y\n1,2\n3,\u{FF}\n")
        let data = try Data(contentsOf: URL(fileURLWithPath: bad))
        var bytes = [UInt8](data)
        bytes[bytes.count - 3] = 0xFF   // a byte that is not UTF-8
        try Data(bytes).write(to: URL(fileURLWithPath: bad))
        XCTAssertThrowsError(try Dataset.load(csvPath: bad, target: "y")) { error in
            XCTAssertEqual((error as? DataError)?.line, 3)
            XCTAssertEqual((error as? DataError)?.message.contains("not UTF-8"), true)
        }
    }

    /// The transform fitted and applied while gathering rows equals fitting and applying it on the gathered copy.
    func testTransformOnSelectedRowsEqualsTransformOfTheCopy() throws {
        var rng = SeededGenerator(seed: 3)
        let n = 500, p = 6
        var columns = (0..<p).map { _ in (0..<n).map { _ in rng.normal() * 3 + 1 } }
        columns[4] = [Double](repeating: 2.5, count: n)   // a constant column
        let data = try Dataset(featureNames: (0..<p).map { "f\($0)" }, targetName: "y", columns: columns,
                               y: (0..<n).map { _ in rng.normal() })
        let rows = rng.permutation(n).prefix(350).map { $0 }
        let copy = data.selectingRows(rows)
        for standardize in [true, false] {
            let viaCopy = FeatureTransform.fit(copy, degree: nil, standardize: standardize)
            let direct = FeatureTransform.fit(data, rows: rows, degree: nil, standardize: standardize)
            XCTAssertEqual(viaCopy, direct)
            XCTAssertEqual(viaCopy.apply(toExpanded: copy), direct.apply(toExpanded: data, rows: rows))
        }
        XCTAssertEqual(data.selectingRows(Array(0..<n)).x, data.x)
    }

    /// Predictions of several α computed together, a block of rows at a time, are the doubles of η_i = β₀ + Σ_j β_j z_ij
    /// summed row by row in feature order (and of `linearPredictor`, one α alone).
    func testGroupedLinearPredictorsEqualOneAtATime() throws {
        var rng = SeededGenerator(seed: 5)
        let n = 1_000, p = 9
        let z = try Dataset(featureNames: (0..<p).map { "f\($0)" }, targetName: "y",
                            columns: (0..<p).map { _ in (0..<n).map { _ in rng.normal() } }, y: [Double](repeating: 0, count: n))
        let solutions = (0..<11).map { k in
            PathSolution(coefficients: (0..<p).map { j in (j + k) % 3 == 0 ? 0 : rng.normal() }, intercept: rng.normal(),
                         certificate: 0, converged: true)
        }
        let grouped = linearPredictors(solutions, z)
        for (k, solution) in solutions.enumerated() {
            let rowByRow = (0..<n).map { i in
                (0..<p).reduce(solution.intercept) { eta, j in
                    solution.coefficients[j] == 0 ? eta : eta + solution.coefficients[j] * z.x[j * n + i]
                }
            }
            XCTAssertEqual(grouped[k].map(\.bitPattern), rowByRow.map(\.bitPattern))
            XCTAssertEqual(linearPredictor(solution, z).map(\.bitPattern), rowByRow.map(\.bitPattern))
        }
    }

    /// The input table a reproduce script reads holds each double in a text that reads back as that double.
    func testReproductionInputReadsBackToTheSameDoubles() throws {
        let values: [Double] = [0.1, -0.40353441249271593, 1e-300, 123456789.125, -0.0, 4.9406564584124654e-324, 1.7976931348623157e308,
                                3.0, 2.5e16]
        let data = try Dataset(featureNames: ["a"], targetName: "y", columns: [values], y: values.reversed())
        let spec = ExperimentSpec(model: LeastSquares(penalty: .ridge), alphas: .explicit([0.1]))
        let tables = try ReproductionTables(data, spec)
        let lines = tables.input.split(separator: "\n")
        XCTAssertEqual(lines.first, "a,y")
        XCTAssertEqual(lines.count, values.count + 1)
        for (i, line) in lines.dropFirst().enumerated() {
            let cells = line.split(separator: ",").map { Double(String($0))! }
            XCTAssertEqual(cells[0], values[i] == 0 ? 0 : values[i])
            XCTAssertEqual(cells[1], values.reversed()[i] == 0 ? 0 : Array(values.reversed())[i])
        }
    }

    /// A table of a million numbers or more is written by two threads; it must be the rows in order, each line
    /// reading back as that row's doubles, the halves joined without a gap.
    func testALargeInputTableIsTheRowsInOrder() throws {
        var rng = SeededGenerator(seed: 17)
        let n = 250_001, p = 3
        let columns = (0..<p).map { j in (0..<n).map { i in j == 0 ? Double(i) : rng.normal() * 1e3 } }
        let y = (0..<n).map { _ in rng.uniform() }
        let data = try Dataset(featureNames: ["i", "b", "c"], targetName: "y", columns: columns, y: y)
        let tables = try ReproductionTables(data, ExperimentSpec(model: LeastSquares.lasso))
        let lines = tables.input.split(separator: "\n", omittingEmptySubsequences: false)
        XCTAssertEqual(lines.count, n + 2, "header, n rows, and the empty text after the last newline")
        XCTAssertEqual(lines.first, "i,b,c,y")
        XCTAssertEqual(lines.last, "")
        for i in [0, 1, n / 2 - 1, n / 2, n / 2 + 1, n - 1] {
            let cells = lines[i + 1].split(separator: ",").map { Double(String($0))! }
            XCTAssertEqual(cells, [columns[0][i], columns[1][i], columns[2][i], y[i]], "row \(i)")
        }
        var previous = -1.0
        for line in lines.dropFirst().dropLast() {
            let first = Double(String(line.prefix { $0 != "," }))!
            XCTAssertEqual(first, previous + 1)
            previous = first
        }
    }

    /// Folds run two at a time on large data; the summary is the same doubles as one at a time, warnings included.
    func testFoldsInParallelGiveTheSameSummary() throws {
        var rng = SeededGenerator(seed: 9)
        let n = 3_000, p = 8
        let columns = (0..<p).map { _ in (0..<n).map { _ in rng.normal() } }
        let y = (0..<n).map { i in columns[0][i] - 0.5 * columns[3][i] + rng.normal() }
        let data = try Dataset(featureNames: (0..<p).map { "f\($0)" }, targetName: "y", columns: columns, y: y)
        for (model, penalties) in [(ExperimentSpec(model: LeastSquares(penalty: .lasso)), [0.3, 0.1, 0.01, 0.001]),
                                   (ExperimentSpec(model: LeastSquares(penalty: .ridge)), [10, 1, 0.1])] {
            let serial = try crossValidate(data, spec: model, folds: CrossValidation(folds: 7, seed: 1),
                                           penalties: penalties, parallelAbove: .max)
            let parallel = try crossValidate(data, spec: model, folds: CrossValidation(folds: 7, seed: 1),
                                             penalties: penalties, parallelAbove: 0)
            XCTAssertEqual(serial.mean.map(\.bitPattern), parallel.mean.map(\.bitPattern))
            XCTAssertEqual(serial.standardError.map(\.bitPattern), parallel.standardError.map(\.bitPattern))
            XCTAssertEqual(serial.minIndex, parallel.minIndex)
            XCTAssertEqual(serial.warnings.map(\.message), parallel.warnings.map(\.message))
        }
    }
}

extension LargeDataTests {
    /// A design built from rows nothing else holds centres them where they are: no second copy of a fold's rows.
    func testADesignTakingItsRowsCentresThemInPlaceWithTheSameNumbers() throws {
        var rng = SeededGenerator(seed: 12)
        let n = 2_000, p = 5
        let columns = (0..<p).map { _ in (0..<n).map { _ in rng.normal() * 2 + 3 } }
        let y = (0..<n).map { _ in rng.normal() }
        let reference = GaussianDesign(try Dataset(featureNames: (0..<p).map { "f\($0)" }, targetName: "y",
                                                   columns: columns, y: y))
        let owned = try Dataset(featureNames: (0..<p).map { "f\($0)" }, targetName: "y", columns: columns, y: y)
        let storage = owned.x.withUnsafeBufferPointer { UInt(bitPattern: $0.baseAddress) }
        let taken = GaussianDesign(taking: consume owned)
        XCTAssertEqual(taken.x.withUnsafeBufferPointer { UInt(bitPattern: $0.baseAddress) }, storage,
                       "the columns were copied")
        XCTAssertEqual(taken.x.map(\.bitPattern), reference.x.map(\.bitPattern))
        XCTAssertEqual(taken.xty.map(\.bitPattern), reference.xty.map(\.bitPattern))
        XCTAssertEqual(taken.yy.bitPattern, reference.yy.bitPattern)
    }
}
