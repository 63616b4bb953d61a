import XCTest
@testable import DocgenModels

final class ResultCSVTests: XCTestCase {
    func testCSVHasOneRowPerAlphaAndNumbersRoundTripExactly() throws {
        let data = try Dataset.load(csvPath: diabetesPath, target: "progression", features: ["bmi", "s5", "bp"])
        let result = try runExperiment(data, ExperimentSpec(model: .lasso, alphas: .explicit([3, 0.3, 30]),
                                                            split: HoldoutSplit(test: 0.25, seed: 7),
                                                            cv: CrossValidation(folds: 5, seed: 1)))
        let lines = result.csvText().split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.count, 4)
        XCTAssertEqual(lines[0], "alpha,bmi,s5,bp,intercept,train_r2,test_r2,train_mse,test_mse,cv_mean,cv_se,nonzero,duality_gap")
        for (k, line) in lines.dropFirst().enumerated() {
            let cells = line.split(separator: ",").map(String.init)
            XCTAssertEqual(Double(cells[0]), result.alphas[k])
            for j in 0..<3 { XCTAssertEqual(Double(cells[1 + j]), result.coefficients[k][j]) }
            XCTAssertEqual(Double(cells[4]), result.intercepts[k])
            XCTAssertEqual(Double(cells[6]), result.metrics["test_r2"]![k])
            XCTAssertEqual(Double(cells[10]), result.metrics["cv_se"]![k])
            XCTAssertEqual(Int(cells[11]), result.nonzeroCounts[k])
        }
        XCTAssertEqual(formatNumber(0.1), "0.10000000000000001")
    }
}
