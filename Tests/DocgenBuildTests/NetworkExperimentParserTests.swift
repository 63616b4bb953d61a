@testable import DocgenBuild
import DocgenDiagnostics
import DocgenModels
import XCTest

/// The `{experiment}` keys of `model: mlp` and of the moons and circles generators, read with located errors.
final class NetworkExperimentParserTests: XCTestCase {
    var content: TestContent!

    override func setUpWithError() throws { content = try TestContent() }
    override func tearDown() { content.remove() }

    /// Parses a body whose first line is line 10 of `Content/ch.md`.
    func parse(_ body: String) -> (ExperimentDeclaration?, [String]) {
        let root = ContentRoot(path: content.content, displayPath: "Content")
        let fence = SourceLocation(file: "Content/ch.md", line: 9, column: 1)
        guard case let .success(yaml) = LocatedYAML.parse(body, file: "Content/ch.md", firstLine: 10) else {
            XCTFail("YAML did not parse")
            return (nil, [])
        }
        let (d, diagnostics) = ExperimentParser(contentRoot: root).parse(id: "e", body: yaml, at: fence, sourceText: body)
        return (d, diagnostics.map { "\($0.location?.line ?? 0): \($0.message)" })
    }

    func testEveryNetworkKeyIsRead() throws {
        let (d, diagnostics) = parse("""
            data: {generate: moons, n: 200, noise: 0.2, seed: 3}
            model: mlp
            task: classification
            hidden: [16, 16]
            activation: relu
            penalty: elasticnet
            l1_ratio: 0.3
            seed: 7
            max_epochs: 500
            alphas: logspace(-1, -4, 10)
            """)
        XCTAssertEqual(diagnostics, [])
        let e = try XCTUnwrap(d)
        let network = try XCTUnwrap(e.spec.family as? NeuralNetwork)
        XCTAssertEqual(network, NeuralNetwork(hidden: [16, 16], activation: .relu, penalty: .elasticNet(l1Ratio: 0.3),
                                              seed: 7, maxEpochs: 500, task: .binaryClassification))
        XCTAssertEqual(e.spec.tolerance, 1e-5, "a network's own default tolerance")
        XCTAssertEqual(e.generator, .moons(n: 200, noise: 0.2, seed: 3))
        XCTAssertEqual(e.planned.inputCount, 2)
    }

    func testDefaultsAndNoHiddenLayer() throws {
        let (d, diagnostics) = parse("data: {generate: circles, seed: 1}\nmodel: mlp\nhidden: []\nalphas: [1]\ntolerance: 1e-9\n")
        XCTAssertEqual(diagnostics, [])
        let network = try XCTUnwrap(d?.spec.family as? NeuralNetwork)
        XCTAssertEqual(network, NeuralNetwork(hidden: [], activation: .tanh, penalty: .l2, seed: 0, maxEpochs: 10_000, task: nil))
        XCTAssertEqual(network.task, .regression)
        XCTAssertEqual(d?.spec.tolerance, 1e-9)
        XCTAssertEqual(d?.generator, .circles(n: 100, noise: 0.1, factor: 0.5, seed: 1))
        XCTAssertEqual(NeuralNetwork(hidden: [4]).certificateName, "optimality")
    }

    func testBadValuesAreReportedOnTheirLines() {
        let (d, diagnostics) = parse("""
            data: {generate: moons}
            model: mlp
            hidden: [16, 0.5]
            activation: sigmoid
            task: regresion
            max_epochs: 0
            alphas: [1]
            """)
        XCTAssertNil(d)
        XCTAssertEqual(diagnostics, [
            "12: 'hidden' must list at most 8 layer widths, each a whole number from 1 to 1024 ([] for no hidden layer)",
            "13: 'activation' must be tanh or relu, found 'sigmoid'",
            "15: 'max_epochs' must be between 1 and 1000000",
            "14: 'task' must be regression or classification, found 'regresion'; did you mean 'regression'?",
        ])
    }

    func testTheMinibatchOptimizersAndTheirKeysAreRead() throws {
        let (d, diagnostics) = parse("""
            data: {generate: moons, seed: 3}
            model: mlp
            task: classification
            penalty: l1
            optimizer: proximal-sgd
            learning_rate: 0.05
            batch_size: 32
            alphas: [0.01]
            """)
        XCTAssertEqual(diagnostics, [])
        let network = try XCTUnwrap(d?.spec.family as? NeuralNetwork)
        XCTAssertEqual(network.optimizer, StochasticOptimizer(method: .proximalSGD, learningRate: 0.05, batchSize: 32))
        XCTAssertEqual(network.maxEpochs, StochasticOptimizer.defaultEpochs, "a fixed budget of 200 epochs unless set")
        XCTAssertTrue(network.displayName.hasSuffix("trained by proximal-sgd"), network.displayName)

        let adam = try XCTUnwrap(parse("data: {generate: moons}\nmodel: mlp\ntask: classification\noptimizer: adam\nalphas: [1]\n").0)
        XCTAssertEqual((adam.spec.family as? NeuralNetwork)?.optimizer,
                       StochasticOptimizer(method: .adam, learningRate: 0.001, batchSize: nil))
        let exact = try XCTUnwrap(parse("data: {generate: moons}\nmodel: mlp\ntask: classification\noptimizer: lbfgs\nalphas: [1]\n").0)
        XCTAssertNil((exact.spec.family as? NeuralNetwork)?.optimizer)
        XCTAssertEqual((exact.spec.family as? NeuralNetwork)?.maxEpochs, 10_000)
    }

    func testOptimizerKeysOutOfPlaceAreLocatedErrors() {
        XCTAssertEqual(parse("data: {generate: moons}\nmodel: mlp\ntask: classification\nlearning_rate: 0.1\nalphas: [1]\n").1,
                       ["13: 'learning_rate' applies to the minibatch optimizers only (optimizer: sgd, proximal-sgd, adam or adamw); "
                        + "the default optimizer, lbfgs, trains full batch to a certificate"])
        XCTAssertEqual(parse("data: {generate: moons}\nmodel: mlp\ntask: classification\npenalty: l1\noptimizer: adamw\nalphas: [1]\n").1,
                       ["14: optimizer: adamw decouples an L2 weight decay from the adaptive step; it needs penalty: l2"])
        XCTAssertEqual(parse("data: {generate: moons}\nmodel: mlp\ntask: classification\noptimizer: sgd\nlearning_rate: 0\nbatch_size: 0\nalphas: [1]\n").1,
                       ["14: 'learning_rate' must be greater than 0 and at most 10",
                        "15: 'batch_size' must be a whole number from 1 to 1000000"])
        XCTAssertEqual(parse("data: {generate: moons}\nmodel: mlp\ntask: classification\noptimizer: adam\ntolerance: 1e-6\nalphas: [1]\n").1,
                       ["14: 'tolerance' does not apply to optimizer: adam, which trains exactly 'max_epochs' epochs and reports "
                        + "the optimality it reached"])
        XCTAssertEqual(parse("data: {generate: moons}\nmodel: mlp\ntask: classification\noptimizer: adamx\nalphas: [1]\n").1.first?
                        .hasPrefix("13: 'optimizer' must be lbfgs, sgd, proximal-sgd, adam or adamw, found 'adamx'"), true)
    }

    func testKeysOfOtherModelsAndPenaltiesAreErrors() {
        XCTAssertEqual(parse("data: {generate: moons}\nmodel: mlp\nmax_iterations: 10\nalphas: [1]\n").1,
                       ["12: 'max_iterations' does not apply to model: mlp; its limit is 'max_epochs'"])
        XCTAssertEqual(parse("data: {generate: moons}\nmodel: mlp\nl1_ratio: 0.5\nalphas: [1]\n").1,
                       ["12: 'l1_ratio' applies to penalty: elasticnet only"])
        XCTAssertEqual(parse("data: {generate: moons}\nmodel: mlp\npenalty: elasticnet\nalphas: [1]\n").1,
                       ["12: penalty elasticnet needs 'l1_ratio'"])
        XCTAssertEqual(parse("data: {generate: moons}\nmodel: ridge\nhidden: [4]\nalphas: [1]\n").1,
                       ["12: 'hidden' applies to model: mlp only"])
        XCTAssertEqual(parse("data: {generate: moons, factor: 0.3}\nmodel: mlp\nalphas: [1]\n").1,
                       ["10: 'factor' applies to generate: circles only"])
    }
}
