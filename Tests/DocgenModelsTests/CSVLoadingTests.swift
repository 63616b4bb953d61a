import Foundation
import XCTest
@testable import DocgenModels

final class CSVLoadingTests: XCTestCase {
    private func parse(_ text: String, target: String = "y", features: [String]? = nil) throws -> Dataset {
        try Dataset.parse(csvText: text, file: "bad.csv", target: target, features: features)
    }

    private func expectDataError(_ text: String, target: String = "y", features: [String]? = nil,
                                 _ check: (DataError) -> Void) {
        XCTAssertThrowsError(try parse(text, target: target, features: features)) { error in
            guard let e = error as? DataError else { return XCTFail("not a DataError: \(error)") }
            check(e)
        }
    }

    /// A file is its own input table only when every byte of it says what the written table would: the features in
    /// order then the target, nothing trimmed or quoted, no blank line or byte-order mark, plain decimal cells.
    func testAFileIsItsOwnInputTableOnlyWhenItSaysWhatTheTableWould() throws {
        func isInputTable(_ text: String, target: String = "y", features: [String]? = nil,
                          line: UInt = #line) throws -> Bool {
            let path = NSTemporaryDirectory() + "docgen-table-\(UUID().uuidString).csv"
            try text.write(toFile: path, atomically: false, encoding: .utf8)
            defer { try? FileManager.default.removeItem(atPath: path) }
            let loaded = try Dataset.loadCSV(path: path, target: target, features: features)
            XCTAssertEqual(loaded.dataset, try parse(text, target: target, features: features), line: line)
            return loaded.isInputTable
        }
        let plain = "a,b,y\n1,-2.5,3e2\n.5,4.,+0.25\n0.1000000000000000055511151231257827,12345678901234567890,1E-5\n"
        XCTAssertTrue(try isInputTable(plain))
        XCTAssertTrue(try isInputTable(plain.replacingOccurrences(of: "\n", with: "\r\n")), "Python reads CRLF lines alike")
        XCTAssertTrue(try isInputTable(plain, features: ["a", "b"]))
        XCTAssertFalse(try isInputTable(plain, features: ["b", "a"]), "another column order")
        XCTAssertFalse(try isInputTable(plain, features: ["a"]), "a column the table would not have")
        XCTAssertFalse(try isInputTable(plain, target: "b"), "the target is not last")
        XCTAssertFalse(try isInputTable("\u{FEFF}" + plain), "byte-order mark")
        XCTAssertFalse(try isInputTable(plain + "\n"), "a blank line")
        XCTAssertFalse(try isInputTable(plain.replacingOccurrences(of: "-2.5", with: " -2.5")), "a space")
        XCTAssertFalse(try isInputTable(plain.replacingOccurrences(of: "-2.5", with: "\"-2.5\"")), "quotes")
        XCTAssertFalse(try isInputTable(plain.replacingOccurrences(of: "a,b,y", with: "\"a\",b,y")), "a quoted name")
        XCTAssertFalse(try isInputTable(plain.replacingOccurrences(of: "3e2", with: "0x1p3")), "hexadecimal")
    }

    func testPlainDecimalTextIsWhatPythonsFloatReads() {
        func plain(_ text: String) -> Bool {
            var t = text
            return t.withUTF8 { DecimalParser.isPlainDecimal($0) }
        }
        for text in ["0", "-1", "+2.", ".5", "1e5", "1E+05", "-0.25e-3", "007"] { XCTAssertTrue(plain(text), text) }
        for text in ["", ".", "-", "e5", "1e", "1e+", "0x10", "inf", "nan", "1_0", "1 ", "1.2.3", "--1"] {
            XCTAssertFalse(plain(text), text)
        }
    }

    func testDiabetesLoadsAllRowsWithTheTargetSeparated() throws {
        let data = try loadDiabetes()
        XCTAssertEqual(data.rowCount, 442)
        XCTAssertEqual(data.featureNames, ["age", "sex", "bmi", "bp", "s1", "s2", "s3", "s4", "s5", "s6"])
        XCTAssertEqual(data.value(row: 0, feature: 2), 32.1)
        XCTAssertEqual(data.y[0], 151)
        XCTAssertEqual(data.y[1], 75)
    }

    func testFeatureSubsetKeepsTheRequestedOrder() throws {
        let data = try Dataset.load(csvPath: diabetesPath, target: "progression", features: ["s5", "bmi"])
        XCTAssertEqual(data.featureNames, ["s5", "bmi"])
        XCTAssertEqual(data.value(row: 0, feature: 1), 32.1)
    }

    func testNonNumericCellNamesLineColumnAndHeader() {
        expectDataError("a,b,y\n1,2,3\n4,abc,6\n") { e in
            XCTAssertEqual(e.kind, .nonNumericCell)
            XCTAssertEqual(e.file, "bad.csv"); XCTAssertEqual(e.line, 3); XCTAssertEqual(e.row, 2)
            XCTAssertEqual(e.column, 2); XCTAssertEqual(e.columnName, "b")
            // The message says what; the location travels beside it and heads the description.
            XCTAssertEqual(e.message, "'abc' in column 'b' is not a number")
            XCTAssertEqual(e.description, "bad.csv:3:2: 'abc' in column 'b' is not a number")
        }
    }

    func testMissingCellIsReportedWithItsColumn() {
        expectDataError("a,b,y\n1,,3\n") { e in
            XCTAssertEqual(e.kind, .missingCell); XCTAssertEqual(e.line, 2); XCTAssertEqual(e.column, 2)
            XCTAssertEqual(e.columnName, "b")
        }
    }

    func testNaNAndInfinityAreRejected() {
        expectDataError("a,y\n1,2\nnan,3\n") { e in
            XCTAssertEqual(e.kind, .nonFiniteCell); XCTAssertEqual(e.line, 3); XCTAssertEqual(e.column, 1)
        }
        expectDataError("a,y\n1,inf\n") { e in
            XCTAssertEqual(e.kind, .nonFiniteCell); XCTAssertEqual(e.columnName, "y")
        }
    }

    func testRaggedRowIsReportedWithItsLine() {
        expectDataError("a,b,y\n1,2,3\n4,5\n") { e in XCTAssertEqual(e.kind, .raggedRow); XCTAssertEqual(e.line, 3) }
    }

    func testEmptyFileAndHeaderOnlyFileAreErrors() {
        expectDataError("") { e in XCTAssertEqual(e.kind, .emptyFile) }
        expectDataError("a,y\n") { e in XCTAssertEqual(e.kind, .emptyFile) }
    }

    func testUnknownTargetAndFeatureNameTheOptionKey() {
        expectDataError("a,y\n1,2\n", target: "z") { e in
            XCTAssertEqual(e.kind, .unknownColumn); XCTAssertEqual(e.key, "target"); XCTAssertEqual(e.columnName, "z")
        }
        expectDataError("a,y\n1,2\n", features: ["a", "q"]) { e in
            XCTAssertEqual(e.key, "features"); XCTAssertEqual(e.columnName, "q")
        }
    }

    /// The message lists the first twelve columns, each cut to 40 characters with control characters spelled out,
    /// and how many there are, so a wide or binary header cannot flood it.
    func testAnUnknownColumnsMessageListsABoundedPartOfTheHeader() {
        let names = ["tab\there", String(repeating: "n", count: 45)] + (3...15).map { "c\($0)" }
        expectDataError(names.joined(separator: ",") + "\n" + Array(repeating: "1", count: 15).joined(separator: ",") + "\n",
                        target: "y") { e in
            let list = "tab\\u{9}here, " + String(repeating: "n", count: 40) + "…, c3, c4, c5, c6, c7, c8, c9, c10, c11, c12, "
                + "… 15 in all"
            XCTAssertTrue(e.message.hasSuffix("(columns: \(list))"), e.message)
        }
    }

    /// A file without a line break for more than `maximumHeaderBytes` is not read as a header (a sparse file here).
    func testAHeaderLongerThanTheLimitIsRefusedUnread() throws {
        let path = NSTemporaryDirectory() + "docgen-long-header-\(UUID().uuidString).csv"
        XCTAssertTrue(FileManager.default.createFile(atPath: path, contents: nil))
        defer { try? FileManager.default.removeItem(atPath: path) }
        XCTAssertEqual(truncate(path, off_t(Dataset.maximumHeaderBytes) + 1), 0)
        XCTAssertThrowsError(try Dataset.load(csvPath: path, target: "y")) { error in
            let e = error as? DataError
            XCTAssertEqual(e?.kind, .tooLarge)
            XCTAssertEqual(e?.line, 1)
            XCTAssertEqual(e?.message, "the header (the first line) in bytes is 16,777,217; the limit is 16,777,216; "
                           + "is this a CSV file?")
        }
    }

    func testUnreadableFileIsAnError() {
        XCTAssertThrowsError(try Dataset.load(csvPath: "/nonexistent/x.csv", target: "y")) { error in
            XCTAssertEqual((error as? DataError)?.kind, .unreadableFile)
        }
    }

    func testQuotedFieldsAndCRLFLineEndingsAreAccepted() throws {
        let data = try parse("\"a\",y\r\n\"1.5\",2\r\n3,4\r\n")
        XCTAssertEqual(data.column(0), [1.5, 3]); XCTAssertEqual(data.y, [2, 4])
    }

    func testSpacesAroundCellsAndQuotesBlankTrailingLinesAndNumberFormatsAreRead() throws {
        let text = " \"dosis µg\" ,\ty \n  1e-3 ,\" -2.5E+2 \"\n\t0x1p3,  .5\n   \n\t\n"
        let data = try parse(text, target: "y")
        XCTAssertEqual(data.featureNames, ["dosis µg"])
        XCTAssertEqual(data.column(0), [0.001, 8])
        XCTAssertEqual(data.y, [-250, 0.5])
    }

    func testABlankLineInsideTheDataIsARaggedRowAtItsLine() {
        XCTAssertThrowsError(try parse("a,y\n1,2\n\n3,4\n")) { error in
            XCTAssertEqual((error as? DataError)?.kind, .raggedRow)
            XCTAssertEqual((error as? DataError)?.line, 3)
        }
    }
}

final class NoFeatureTests: XCTestCase {
    func testATargetOnlyFileIsAnErrorNamingTheFeaturesKeyRatherThanACrash() throws {
        let data = try Dataset.parse(csvText: "y\n1\n2\n3\n", file: "t.csv", target: "y")
        XCTAssertThrowsError(try runExperiment(data, ExperimentSpec(model: .lasso))) {
            XCTAssertEqual(($0 as? DataError)?.key, "features")
        }
        XCTAssertThrowsError(try LeastSquaresGeometry(data: data))
    }
}
