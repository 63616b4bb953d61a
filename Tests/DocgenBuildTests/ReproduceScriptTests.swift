@testable import DocgenBuild
import DocgenModels
import Foundation
import XCTest

/// Every experiment's reproduce files in the site, the figure's link to them, and what the script says.
final class ReproduceScriptTests: XCTestCase {
    var content: TestContent!

    static let chapter = """
        # Parity

        ```{experiment} ridge-sk
        data: data/diabetes.csv
        target: progression
        model: ridge
        convention: sklearn
        alphas: logspace(-2, 2, 5)
        split: {test: 0.2, seed: 42, method: sklearn}
        cv: {folds: 5, method: sklearn}
        ```

        ```{experiment} lasso-own
        data: data/diabetes.csv
        target: progression
        features: [bmi, s5, bp]
        model: lasso
        alphas: {count: 10, ratio: 0.01}
        split: {test: 0.25, seed: 3}
        cv: {folds: 4, seed: 1}
        ```

        ```{experiment} curve
        data: {generate: curve, n: 20, noise: 0.1, seed: 2}
        model: ridge
        polynomial: 3
        alphas: [1, 10]
        ```

        ```{experiment} classes
        data: data/classes.csv
        target: label
        model: logistic
        convention: sklearn
        C: [1, 10]
        ```

        ```{experiment} net
        data: {generate: moons, n: 40, noise: 0.2, seed: 1}
        model: mlp
        task: classification
        hidden: [3, 2]
        alphas: [0.01, 0.001]
        split: {test: 0.25, seed: 5}
        ```

        ```{figure} scores
        experiment: ridge-sk
        caption: Scores.
        alt: Scores.
        ```
        """

    override func setUpWithError() throws {
        content = try TestContent()
        try content.addDiabetes()
        try content.write("01-parity.md", Self.chapter)
        try content.write("data/classes.csv", "x,z,label\n" + (0..<30).map { i in
            "\(Double(i) / 10),\(Double((i * 7) % 11)),\(i % 3 == 0 || i > 20 ? 1 : 0)"
        }.joined(separator: "\n") + "\n")
    }

    override func tearDown() { content.remove() }

    private func build(force: Bool = false) throws -> BuildResult {
        var o = BuildOptions(contentPath: content.content, outputPath: content.output)
        o.force = force
        o.cachePath = content.cache
        o.identity = "test-build"
        return Builder(options: o).run()
    }

    private func site(_ path: String) throws -> String {
        try String(contentsOfFile: content.output + "/" + path, encoding: .utf8)
    }

    func testEveryExperimentShipsItsScriptAndInputAndDocgensDrawsWhenItUsedThem() throws {
        let result = try build()
        XCTAssertTrue(result.diagnostics.allSatisfy { $0.severity != .error }, "\(result.diagnostics)")
        for id in ["ridge-sk", "lasso-own"] {
            XCTAssertTrue(try site("data/\(id).py").hasPrefix("#!/usr/bin/env python3"))
            XCTAssertTrue(try site("data/\(id)-input.csv").hasPrefix("age,sex,") || id == "lasso-own")
        }
        XCTAssertTrue(try site("data/lasso-own-input.csv").hasPrefix("bmi,s5,bp,progression\n"))
        XCTAssertFalse(FileManager.default.fileExists(atPath: content.output + "/data/ridge-sk-split.csv"),
                       "scikit-learn's draws are redone by the script")
        XCTAssertTrue(try site("data/lasso-own-split.csv").hasPrefix("row,part,fold\n"))
        // Generated data is written out for the script.
        XCTAssertEqual(try site("data/curve-input.csv").split(separator: "\n").count, 21)
    }

    func testTheScriptRedoesTheExperimentInScikitLearnsTerms() throws {
        _ = try build()
        let ridge = try site("data/ridge-sk.py")
        for expected in ["from sklearn.linear_model import LinearRegression, Ridge",
                         "train_test_split(np.arange(len(y)), test_size=0.2, random_state=42)",
                         "folds = list(KFold(5).split(X_train, y_train))",
                         "values = np.logspace(-2.0, 2.0, 5)",
                         "Ridge(alpha=value, fit_intercept=True, solver=\"svd\")",
                         "make_pipeline(StandardScaler(), estimator)",
                         "read_csv(\"ridge-sk.csv\")",
                         "TOLERANCE = 1e-6"] {
            XCTAssertTrue(ridge.contains(expected), "ridge-sk.py lacks \(expected)")
        }
        let lasso = try site("data/lasso-own.py")
        for expected in ["read_csv(\"lasso-own-split.csv\")", "part == \"train\"", "range(1, 5)",
                         "# docgen's grid from α_max", "Lasso(alpha=value, fit_intercept=True, positive=False"] {
            XCTAssertTrue(lasso.contains(expected), "lasso-own.py lacks \(expected)")
        }
        let logistic = try site("data/classes.py")
        XCTAssertTrue(logistic.contains("LogisticRegression(C=value, **logistic_penalty(0)"), logistic)
        XCTAssertTrue(logistic.contains("return 1 / (n * value)"), "α = 1/(n·C)")
    }

    /// A network is not trained again (another optimizer finds another local minimum): its weights are loaded into
    /// scikit-learn's MLP of the same shape, and the scores and norms scikit-learn computes from them are compared.
    func testANetworksScriptLoadsDocgensWeightsIntoScikitLearnsMLP() throws {
        _ = try build()
        let net = try site("data/net.py")
        for expected in ["from sklearn.neural_network import MLPClassifier",
                         "MLPClassifier(hidden_layer_sizes=(3, 2), activation=\"tanh\", solver=\"lbfgs\", max_iter=1)",
                         "BIASES = [\"b1_1\", \"b1_2\", \"b1_3\", \"b2_1\", \"b2_2\"]",
                         "load(pipeline, theirs)", "row[\"weight_l2\"]", "no network is trained here"] {
            XCTAssertTrue(net.contains(expected), "net.py lacks \(expected)")
        }
        XCTAssertFalse(net.contains("def fit_path"), "a network's script does not train")
        // WEIGHTS are the CSV's weight columns in docgen's order: layer 1 row by row (input x1 to units 1…3, then x2).
        let header = try site("data/net.csv").split(separator: "\n")[0]
        XCTAssertTrue(header.hasPrefix("alpha,w1_x1_1,w1_x1_2,w1_x1_3,w1_x2_1,"), String(header))
    }

    func testFiguresLinkTheirExperimentsScript() throws {
        _ = try build()
        let page = try site("01-parity.html")
        XCTAssertTrue(page.contains("<a class=\"figure-reproduce\" href=\"data/ridge-sk.py\" download>Reproduce in Python</a>"),
                      page)
    }

    func testResultCSVKeepsAlphaAndAddsTheAuthorsParameter() throws {
        _ = try build()
        let csv = try site("data/ridge-sk.csv")
        XCTAssertTrue(csv.hasPrefix("alpha,sklearn_alpha,age,"))
        let row = csv.split(separator: "\n")[1].split(separator: ",").map { Double($0)! }
        XCTAssertEqual(row[1], 0.01)
        XCTAssertEqual(row[0], 0.01 / 353, accuracy: 1e-18, "α = sklearn alpha / training rows")
        XCTAssertTrue(try site("data/classes.csv").hasPrefix("alpha,C,x,z,"))
    }

    /// `{value}` reads the author's parameter where the author wrote one, and says which key it needs elsewhere.
    func testValuesReadTheAuthorsParameter() throws {
        try content.write("02-values.md", """
            # Values

            Ridge {value}`ridge-sk.sklearn_alpha@first`, α {value}`ridge-sk.alpha@first:4`, C {value}`classes.C@last`.

            Wrong: {value}`lasso-own.sklearn_alpha@first`.
            """)
        let result = try build()
        let errors = result.diagnostics.filter { $0.severity == .error }.map(\.message)
        XCTAssertEqual(errors.count, 1, "\(errors)")
        XCTAssertTrue(errors.first?.contains("experiment 'lasso-own' writes its penalties as docgen's α; 'sklearn_alpha' "
                                              + "needs 'convention: sklearn'") ?? false, "\(errors)")
        try content.write("02-values.md", """
            # Values

            Ridge {value}`ridge-sk.sklearn_alpha@first`, α {value}`ridge-sk.alpha@first:4`, C {value}`classes.C@last`.
            """)
        XCTAssertTrue(try build().diagnostics.allSatisfy { $0.severity != .error })
        let page = try site("02-values.html")
        XCTAssertTrue(page.contains(">0.01<"), "Ridge's alpha as written")
        XCTAssertTrue(page.contains(">2.833"), "α = 0.01/353 = 2.833e-5")
        XCTAssertTrue(page.contains(">10<"), "the last C as written")
    }

    /// A data file that says exactly what the input table would (its features in order, then the target; plain
    /// decimal cells) is published as it is, byte for byte; any other file gets the table written from the doubles.
    /// Both read back, in Python's `float` as in docgen, as the doubles fitted.
    func testAPlainDataFileIsPublishedAsTheInputTable() throws {
        let plain = "u,v,w\n0.5,-3,1e-3\n2.25,7,+4.5E2\n.125,1.,0.30000000000000004\n"
        let spaced = "u, v,w\n0.5,-3,1e-3\n2.25,7,\"450\"\n.125,1.,0.30000000000000004\n"
        try content.write("data/plain.csv", plain)
        try content.write("data/spaced.csv", spaced)
        try content.write("02-files.md", """
            # Files

            ```{experiment} from-plain
            data: data/plain.csv
            target: w
            model: ridge
            alphas: [1]
            ```

            ```{experiment} from-spaced
            data: data/spaced.csv
            target: w
            model: ridge
            alphas: [1]
            ```

            ```{experiment} reordered
            data: data/plain.csv
            target: u
            model: ridge
            alphas: [1]
            ```
            """)
        let result = try build()
        XCTAssertTrue(result.diagnostics.allSatisfy { $0.severity != .error }, "\(result.diagnostics)")
        XCTAssertEqual(try site("data/from-plain-input.csv"), plain)
        XCTAssertEqual(try site("data/from-spaced-input.csv"), "u,v,w\n0.5,-3,0.001\n2.25,7,450\n0.125,1,0.30000000000000004\n")
        XCTAssertEqual(try site("data/reordered-input.csv"), "v,w,u\n-3,0.001,0.5\n7,450,2.25\n1,0.30000000000000004,0.125\n")
        // A cached build, and a forced build after the published copy was edited, publish the file's bytes again.
        try FileManager.default.removeItem(atPath: content.output)
        _ = try build()
        XCTAssertEqual(try site("data/from-plain-input.csv"), plain)
        try "edited".write(toFile: content.output + "/data/from-plain-input.csv", atomically: false, encoding: .utf8)
        _ = try build(force: true)
        XCTAssertEqual(try site("data/from-plain-input.csv"), plain)
        XCTAssertEqual(try String(contentsOfFile: content.content + "/data/plain.csv", encoding: .utf8), plain,
                       "the author's file is copied, never linked")
    }

    /// A cached build ships the same reproduce files as a fresh one.
    func testCachedBuildShipsTheSameFiles() throws {
        _ = try build()
        let first = try ["data/lasso-own.py", "data/lasso-own-input.csv", "data/lasso-own-split.csv"].map(site)
        try FileManager.default.removeItem(atPath: content.output)
        _ = try build()
        XCTAssertEqual(try ["data/lasso-own.py", "data/lasso-own-input.csv", "data/lasso-own-split.csv"].map(site), first)
    }
}
