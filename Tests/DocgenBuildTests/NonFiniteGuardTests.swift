@testable import DocgenBuild
import XCTest

final class NonFiniteGuardTests: XCTestCase {
    func testCountsEveryNonFiniteCellAndNamesTheFirstColumn() {
        let csv = "alpha,coef,score\n1,0.5,nan\n0.1,-inf,2\n0.01,\" Infinity \",+INF\r\n"
        XCTAssertEqual(NonFiniteGuard.scan(csv: csv)?.column, "score")
        XCTAssertEqual(NonFiniteGuard.scan(csv: csv)?.count, 4)
    }

    func testNumbersWordsAndEmptyCellsAreNotNonFinite() {
        XCTAssertNil(NonFiniteGuard.scan(csv: "a,b\n1e308,-0\n,nano\ninfo,\n\n-1.5e-300,2\n"))
        XCTAssertNil(NonFiniteGuard.scan(csv: "nan,inf\n"))   // a header alone
        XCTAssertNil(NonFiniteGuard.scan(csv: ""))
    }

    func testACellBeyondTheHeaderIsNamedByItsPosition() {
        XCTAssertEqual(NonFiniteGuard.scan(csv: "a,b\n1,2,NaN\n")?.column, "column 3")
    }

    func testTheWarningSaysHowManyAndWhere() {
        XCTAssertEqual(NonFiniteGuard.warning(file: "data/e.csv", csv: "a,b\nnan,1\n"),
                       "data/e.csv would publish 1 non-finite value (nan or inf), first in column 'a'; the fit is "
                       + "degenerate for some α (check the data, the split and the grid)")
        XCTAssertNil(NonFiniteGuard.warning(file: "data/e.csv", csv: "a,b\n0,1\n"))
    }
}
