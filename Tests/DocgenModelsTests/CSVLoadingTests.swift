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
