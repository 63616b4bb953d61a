import XCTest
@testable import DocgenModels

/// `{generate: moons}` and `{generate: circles}`: two-dimensional classification data.
final class PlanarGeneratorTests: XCTestCase {
    func testNoiselessMoonsLieOnTheirTwoHalfCircles() throws {
        let data = try generate(.moons(n: 101, noise: 0, seed: 4)).dataset
        XCTAssertEqual(data.featureNames, ["x1", "x2"])
        XCTAssertEqual(data.targetName, "y")
        XCTAssertEqual(data.y.filter { $0 == 0 }.count, 51, "labels alternate 0, 1, 0, …")
        for i in 0..<data.rowCount {
            let (u, v) = (data.value(row: i, feature: 0), data.value(row: i, feature: 1))
            XCTAssertEqual(data.y[i], Double(i % 2))
            if data.y[i] == 0 {
                XCTAssertEqual(u * u + v * v, 1, accuracy: 1e-12)
                XCTAssertGreaterThanOrEqual(v, 0)
            } else {
                XCTAssertEqual((1 - u) * (1 - u) + (0.5 - v) * (0.5 - v), 1, accuracy: 1e-12)
                XCTAssertLessThanOrEqual(v, 0.5)
            }
        }
    }

    func testNoiselessCirclesHaveRadiusOneAndTheFactor() throws {
        let data = try generate(.circles(n: 60, noise: 0, factor: 0.3, seed: 2)).dataset
        for i in 0..<data.rowCount {
            let (u, v) = (data.value(row: i, feature: 0), data.value(row: i, feature: 1))
            XCTAssertEqual((u * u + v * v).squareRoot(), data.y[i] == 0 ? 1 : 0.3, accuracy: 1e-12)
        }
    }

    func testNoiseIsGaussianWithTheGivenSpreadAndTheSeedFixesTheDraw() throws {
        let noisy = try generate(.circles(n: 4000, noise: 0.1, factor: 0.5, seed: 7)).dataset
        var deviations: [Double] = []
        for i in 0..<noisy.rowCount where noisy.y[i] == 0 {
            let (u, v) = (noisy.value(row: i, feature: 0), noisy.value(row: i, feature: 1))
            deviations.append((u * u + v * v).squareRoot() - 1)
        }
        let sd = (deviations.reduce(0) { $0 + $1 * $1 } / Double(deviations.count)).squareRoot()
        XCTAssertEqual(sd, 0.1, accuracy: 0.01, "radial spread of 2-D N(0, 0.1²) noise on a unit circle")
        XCTAssertEqual(try generate(.moons(n: 50, noise: 0.2, seed: 9)), try generate(.moons(n: 50, noise: 0.2, seed: 9)))
        XCTAssertNotEqual(try generate(.moons(n: 50, noise: 0.2, seed: 9)), try generate(.moons(n: 50, noise: 0.2, seed: 10)))
    }

    func testInvalidOptionsNameTheirKey() {
        XCTAssertThrowsError(try generate(.circles(n: 50, noise: 0.1, factor: 1, seed: 0))) {
            XCTAssertEqual(($0 as? DataError)?.key, "data.factor")
        }
        XCTAssertThrowsError(try generate(.moons(n: 1, noise: 0.1, seed: 0))) {
            XCTAssertEqual(($0 as? DataError)?.key, "data.n")
        }
        XCTAssertThrowsError(try generate(.moons(n: 10, noise: -1, seed: 0))) {
            XCTAssertEqual(($0 as? DataError)?.key, "data.noise")
        }
        XCTAssertEqual(GeneratorSpec.moons(n: 10, noise: 0, seed: 0).featureCount, 2)
        XCTAssertNil(GeneratorSpec.circles(n: 10, noise: 0, factor: 0.5, seed: 0).trueValue(at: 0))
    }
}
