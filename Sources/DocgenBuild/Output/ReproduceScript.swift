import DocgenModels
import Foundation

/// `data/<id>.py`: a plain numpy + scikit-learn script that redoes one experiment and compares every number with
/// docgen's `data/<id>.csv`.
///
/// The script reads the files the site ships beside it: `<id>-input.csv` (the rows docgen fitted, each number
/// in the shortest text that reads back as its double), `<id>.csv` (docgen's result) and, when docgen drew the split or the folds with its own method,
/// `<id>-split.csv`. It standardizes as docgen does (`StandardScaler`: mean 0, standard deviation with 1/n), draws
/// scikit-learn's split and folds itself (`train_test_split`, `KFold`, `StratifiedKFold`) or takes docgen's from
/// the split file, turns each penalty value into the estimator's own parameter for the rows of each fit, and prints
/// the largest relative difference of any coefficient, intercept or score; it exits with status 1 above 1e-6.
///
/// The estimator itself (class, solver, tolerance) comes from the model family (`ScikitLearnEstimator`); everything
/// here is the same for every family.
struct ReproduceScript {
    let id: String
    /// Where the rows came from, in words ("data/diabetes.csv", "generated data (curve, n = 30, …)").
    let source: String
    let spec: ExperimentSpec
    let result: ExperimentResult
    let tables: ReproductionTables

    /// The agreement a script demands, relative.
    static let tolerance = "1e-6"

    /// File names in the site, relative to the script.
    var inputName: String { "\(id)-input.csv" }
    var resultName: String { "\(id).csv" }
    var splitName: String { "\(id)-split.csv" }

    /// The script's text, or nil when the model has no scikit-learn equivalent.
    var text: String? {
        guard let estimator = spec.family.scikitLearnEstimator else { return nil }
        var py = PythonText()
        header(&py, estimator)
        imports(&py, estimator)
        py.line("HERE = Path(__file__).resolve().parent")
        py.line("TOLERANCE = \(Self.tolerance)")
        py.line("FEATURES = [\(result.featureNames.map(pythonString).joined(separator: ", "))]")
        py.blank(2)
        readers(&py)
        if !estimator.helpers.isEmpty {
            if usesVersion(estimator) {
                py.blank(2)
                py.line("def sklearn_version():")
                py.line("    return tuple(int(part) for part in sklearn.__version__.split(\".\")[:2])")
            }
            py.blank(2)
            for line in estimator.helpers { py.line(line) }
        }
        py.blank(2)
        data(&py)
        model(&py, estimator)
        py.blank(2)
        if estimator.loadedLayers != nil { loading(&py) } else { fitting(&py, estimator) }
        comparison(&py, loadsWeights: estimator.loadedLayers != nil)
        return py.text
    }

    /// Whether the family's helpers ask for the installed scikit-learn's version.
    private func usesVersion(_ estimator: ScikitLearnEstimator) -> Bool {
        estimator.helpers.contains { $0.contains("sklearn_version()") }
    }

    // MARK: - Parts of the script

    private func header(_ py: inout PythonText, _ estimator: ScikitLearnEstimator) {
        py.line("#!/usr/bin/env python3")
        py.line("\"\"\"Redo docgen experiment \"\(id)\" with numpy and scikit-learn, and compare with docgen's numbers.")
        py.blank()
        py.line("docgen fitted \(result.modelDisplayName) to predict \(result.targetName) from \(source), and wrote its")
        if estimator.loadedLayers != nil {
            py.line("weights, biases and scores, one row per penalty, to \(resultName). This script puts those weights into")
            py.line("scikit-learn's network on the rows in \(inputName) and prints the largest relative difference;")
        } else {
            py.line("coefficients, intercept and scores, one row per penalty, to \(resultName). This script fits the same")
            py.line("models with scikit-learn on the rows in \(inputName) and prints the largest relative difference;")
        }
        py.line("it exits with status 1 when that is above \(Self.tolerance), and with status 3 when all it compared agrees")
        py.line("but a solver stopped at its iteration limit on some fits, which it then leaves out.")
        py.blank()
        py.line("    python3 \(id).py          (numpy and scikit-learn; it reads the files beside it)")
        py.blank()
        py.line("What docgen did, step by step as below:")
        for note in stepNotes { py.line("- " + note) }
        for note in estimator.notes { py.line("- " + note) }
        py.line("\"\"\"")
    }

    private var stepNotes: [String] {
        var notes: [String] = []
        if let degree = spec.polynomialDegree, degree > 1 {
            notes.append("features x, x², …, x^\(degree) of the single input (PolynomialFeatures, include_bias=False);")
        }
        notes.append(spec.standardize
            ? "standardized every feature on the fitting rows: mean 0, standard deviation with 1/n (StandardScaler);"
            : "used the features as they are (no standardization);")
        if !spec.family.fitsIntercept { notes.append("no intercept (fit_intercept=False);") }
        if let split = spec.split {
            notes.append(split.method == .sklearn
                ? "held out rows with train_test_split(test_size=\(python(split.testFraction)), random_state=\(split.seed));"
                : "held out the rows docgen's own seeded shuffle chose (method: docgen), listed in \(splitName);")
        }
        if let cv = spec.cv {
            notes.append("cross-validated on the training rows: " + foldWords(cv) + ";")
        }
        let parameter = result.penaltyParameter
        if spec.family.l1Ratio != nil {
            notes.append(parameter.isAlpha ? "penalties are docgen's α (mean loss + α·penalty);"
                                           : "penalties are \(parameter.axisName), column \(parameter.column) of \(resultName);")
        }
        return notes
    }

    private func foldWords(_ cv: CrossValidation) -> String {
        switch cv.method {
        case .docgen: return "docgen's own \(cv.folds) folds (method: docgen), listed in \(splitName)"
        case .sklearn:
            let splitter = ScikitLearn.crossValidationSplitter(for: result.task)
            if let seed = cv.seed { return "\(splitter)(\(cv.folds), shuffle=True, random_state=\(seed))" }
            return "\(splitter)(\(cv.folds)), as cross_val_score(estimator, X, y, cv=\(cv.folds)) makes them"
        }
    }

    private func imports(_ py: inout PythonText, _ estimator: ScikitLearnEstimator) {
        py.line("import csv")
        py.line("import os")
        py.line("import sys")
        py.line("import warnings")
        py.line("from pathlib import Path")
        py.blank()
        py.line("# Many small fits: one BLAS thread each is faster than many, and gives the same numbers run after run.")
        py.line("os.environ.setdefault(\"OPENBLAS_NUM_THREADS\", \"1\")")
        py.line("os.environ.setdefault(\"OMP_NUM_THREADS\", \"1\")")
        py.blank()
        py.line("import numpy as np  # noqa: E402 (after the thread settings)")
        if usesVersion(estimator) { py.line("import sklearn") }
        py.line("from sklearn.exceptions import ConvergenceWarning")
        for line in estimator.imports { py.line(line) }
        py.line("from sklearn.metrics import \(result.task.metrics.map(\.pythonFunction).sorted().joined(separator: ", "))")
        var selection: [String] = []
        if spec.split?.method == .sklearn { selection.append("train_test_split") }
        if let cv = spec.cv, cv.method == .sklearn { selection.append(ScikitLearn.crossValidationSplitter(for: result.task)) }
        if !selection.isEmpty { py.line("from sklearn.model_selection import \(selection.sorted().joined(separator: ", "))") }
        py.line("from sklearn.pipeline import make_pipeline")
        var preprocessing: [String] = []
        if let degree = spec.polynomialDegree, degree > 1 { preprocessing.append("PolynomialFeatures") }
        if spec.standardize { preprocessing.append("StandardScaler") }
        if !preprocessing.isEmpty { py.line("from sklearn.preprocessing import \(preprocessing.joined(separator: ", "))") }
        py.blank()
        py.line("# The comparison at the end is the check; scikit-learn's convergence warnings would only repeat it.")
        py.line("warnings.filterwarnings(\"ignore\", category=ConvergenceWarning)")
        py.blank()
    }

    private func readers(_ py: inout PythonText) {
        py.line("def read_csv(name):")
        py.line("    \"\"\"The header and the rows (lists of text cells) of a CSV file beside this script.\"\"\"")
        py.line("    with open(HERE / name, newline=\"\") as f:")
        py.line("        rows = list(csv.reader(f))")
        py.line("    return rows[0], rows[1:]")
    }

    private func data(_ py: inout PythonText) {
        py.line("# The rows docgen fitted: the feature columns, then the target (each number written as the")
        py.line("# shortest text that reads back as the same double).")
        py.line("_, rows = read_csv(\(pythonString(inputName)))")
        py.line("data = np.array(rows, dtype=float)")
        py.line("X, y = data[:, :-1], data[:, -1]")
        py.blank()
        py.line("# docgen's numbers, one dict per penalty value (column name → value).")
        py.line("docgen_header, docgen_rows = read_csv(\(pythonString(resultName)))")
        py.line("docgen = [dict(zip(docgen_header, map(float, row))) for row in docgen_rows]")
        py.blank()
        let docgenSplit = spec.split?.method == .docgen, docgenFolds = spec.cv?.method == .docgen
        if docgenSplit || docgenFolds {
            py.line("# docgen's own draws (method: docgen): each row's part and the fold that holds it out.")
            py.line("split_header, split_rows = read_csv(\(pythonString(splitName)))")
            py.line("split_column = {name: [row[k] for row in split_rows] for k, name in enumerate(split_header)}")
        }
        if let split = spec.split {
            switch split.method {
            case .sklearn:
                py.line("# The holdout split: scikit-learn's train_test_split (on row numbers, so that the rows are")
                py.line("# known; train_test_split(X, y, …) gives the same rows in the same order).")
                py.line("train, test = train_test_split(np.arange(len(y)), test_size=\(python(split.testFraction)), "
                        + "random_state=\(split.seed))")
            case .docgen:
                py.line("# The holdout split docgen drew (split: {test: \(python(split.testFraction)), seed: \(split.seed)}).")
                py.line("part = np.array(split_column[\"part\"])")
                py.line("train, test = np.flatnonzero(part == \"train\"), np.flatnonzero(part == \"test\")")
            }
        } else {
            py.line("# No holdout split: every row is fitted.")
            py.line("train, test = np.arange(len(y)), np.arange(0)")
        }
        py.line("X_train, y_train, X_test, y_test = X[train], y[train], X[test], y[test]")
        if let cv = spec.cv {
            py.blank()
            py.line("# Cross-validation on the training rows (fold f holds out folds[f][1], fits on folds[f][0]).")
            switch cv.method {
            case .sklearn:
                let splitter = ScikitLearn.crossValidationSplitter(for: result.task)
                let arguments = cv.seed.map { "\(cv.folds), shuffle=True, random_state=\($0)" } ?? "\(cv.folds)"
                py.line("folds = list(\(splitter)(\(arguments)).split(X_train, y_train))")
            case .docgen:
                py.line("fold = np.array([int(cell) if cell else 0 for cell in split_column[\"fold\"]])[train]")
                py.line("folds = [(np.flatnonzero(fold != f), np.flatnonzero(fold == f)) for f in range(1, \(cv.folds + 1))]")
            }
        }
        py.blank()
        py.line("# The penalty values, as the experiment gives them.")
        py.line("values = " + gridExpression)
        py.blank(2)
    }

    /// The grid in the author's parameter: as written for lists and `logspace`, from docgen's CSV for the grid docgen
    /// derives from the data (`{count, ratio}`), a single 0 for an unpenalized model.
    private var gridExpression: String {
        if spec.family.l1Ratio == nil { return "np.array([0.0])" }
        switch spec.alphas {
        case let .explicit(values): return "np.array([\(values.map(python).joined(separator: ", "))])"
        case let .logspace(start, stop, count): return "np.logspace(\(python(start)), \(python(stop)), \(count))"
        case .automatic:
            return "np.array([float(row[\(pythonString(result.penaltyParameter.column))]) for row in docgen])"
                + "  # docgen's grid from α_max"
        }
    }

    private func model(_ py: inout PythonText, _ estimator: ScikitLearnEstimator) {
        let author = result.penaltyParameter, own = estimator.parameter
        py.line("def alpha_of(value, n):")
        py.line("    \"\"\"docgen's α for a penalty value on a fit of n rows.\"\"\"")
        py.line("    return \(spec.family.l1Ratio == nil ? "0.0" : author.pythonAlpha(fromValue: "value", rows: "n"))")
        py.blank(2)
        py.line("def model(value, n):")
        py.line("    \"\"\"The pipeline for one penalty value on a fit of n rows.\"\"\"")
        let penalty: String
        py.line("    alpha = alpha_of(value, n)")
        if author.scale == own.scale {
            penalty = "value"
        } else {
            penalty = own.scale == .alpha ? "alpha" : "(\(own.python(fromAlpha: "alpha", rows: "n")))"
        }
        let constructor = estimator.constructor.replacingOccurrences(of: "{penalty}", with: penalty)
            .replacingOccurrences(of: "{rows}", with: "n")
        if let unpenalized = estimator.unpenalized {
            py.line("    if alpha == 0:")
            py.line("        estimator = " + unpenalized.replacingOccurrences(of: "{rows}", with: "n"))
            py.line("    else:")
            py.line("        estimator = " + constructor)
        } else {
            py.line("    estimator = " + constructor)
        }
        var steps: [String] = []
        if let degree = spec.polynomialDegree, degree > 1 { steps.append("PolynomialFeatures(\(degree), include_bias=False)") }
        if spec.standardize { steps.append("StandardScaler()") }
        steps.append("estimator")
        py.line("    return make_pipeline(\(steps.joined(separator: ", ")))")
    }

    private func scoresFunction(_ py: inout PythonText) {
        py.line("def scores(fitted, X_part, y_part):")
        py.line("    \"\"\"docgen's metrics of a fitted pipeline on some rows.\"\"\"")
        let metrics = result.task.metrics
        if metrics.contains(where: { $0 != .logLoss }) { py.line("    prediction = fitted.predict(X_part)") }
        if metrics.contains(.logLoss) { py.line("    probability = fitted.predict_proba(X_part)[:, 1]") }
        if metrics.contains(.r2) {
            // A constant target has no R²: NaN, as docgen reports it (scikit-learn's r2_score gives 0 or 1 there).
            py.line("    r2 = r2_score(y_part, prediction) if np.ptp(y_part) > 0 else float(\"nan\")  # NaN: constant target")
        }
        let entries = metrics.map { "\"\($0.columnName)\": \($0.pythonExpression)" }
        py.line("    return {" + entries.joined(separator: ", ") + "}")
        py.blank(2)
    }

    private func fitting(_ py: inout PythonText, _ estimator: ScikitLearnEstimator) {
        scoresFunction(&py)
        py.line("def converged(estimator):")
        py.line("    \"\"\"False when the solver stopped at its iteration limit: its numbers are then not compared.\"\"\"")
        py.line("    limit = estimator.get_params().get(\"max_iter\")")
        py.line("    return limit is None or np.max(getattr(estimator, \"n_iter_\", 0)) < limit")
        py.blank(2)
        py.line("def fit_path(X_fit, y_fit):")
        py.line("    \"\"\"One fitted pipeline per penalty value on these rows. The values are fitted from the strongest penalty")
        py.line("    down, each estimator starting from the previous solution (warm_start), as a path solver does: the")
        py.line("    optimum does not depend on where the solver starts, only the time it takes.\"\"\"")
        py.line("    n = len(y_fit)")
        py.line("    fitted, previous = [None] * len(values), None")
        py.line("    for k in sorted(range(len(values)), key=lambda k: alpha_of(values[k], n), reverse=True):")
        py.line("        pipeline = model(values[k], n)")
        py.line("        estimator = pipeline[-1]")
        py.line("        if type(previous) is type(estimator) and \"warm_start\" in estimator.get_params():")
        py.line("            estimator.set_params(warm_start=True)")
        py.line("            estimator.coef_, estimator.intercept_ = previous.coef_.copy(), np.copy(previous.intercept_)")
        py.line("        pipeline.fit(X_fit, y_fit)")
        if let finish = estimator.finish { py.line("        \(finish)(estimator, y_fit)") }
        py.line("        fitted[k], previous = pipeline, estimator")
        py.line("    return fitted")
        py.blank(2)
        py.line("def reproduce():")
        py.line("    \"\"\"scikit-learn's numbers, one dict per penalty value named as docgen's CSV columns, each with the names of")
        py.line("    the numbers that could not be checked (a solver stopped at its iteration limit).\"\"\"")
        py.line("    paths = fit_path(X_train, y_train)")
        if spec.cv != nil {
            py.line("    fold_paths = [fit_path(X_train[fit_rows], y_train[fit_rows]) for fit_rows, _ in folds]")
        }
        py.line("    rows = []")
        py.line("    for k, fitted in enumerate(paths):")
        py.line("        estimator = fitted[-1]")
        py.line("        row = dict(zip(FEATURES, np.ravel(estimator.coef_)))")
        py.line("        row[\"intercept\"] = float(np.ravel(estimator.intercept_)[0]) if np.size(estimator.intercept_) else 0.0")
        py.line("        row.update({\"train_\" + name: s for name, s in scores(fitted, X_train, y_train).items()})")
        if spec.split != nil {
            py.line("        row.update({\"test_\" + name: s for name, s in scores(fitted, X_test, y_test).items()})")
        }
        py.line("        unchecked = set() if converged(estimator) else set(row)")
        if spec.cv != nil {
            let error = result.task.validationError.columnName
            py.line("        errors = [scores(path[k], X_train[held_rows], y_train[held_rows])[\"\(error)\"]")
            py.line("                  for path, (_, held_rows) in zip(fold_paths, folds)]")
            py.line("        row[\"cv_mean\"] = np.mean(errors)")
            py.line("        row[\"cv_se\"] = np.std(errors, ddof=1) / np.sqrt(len(errors))")
            py.line("        if not all(converged(path[k][-1]) for path in fold_paths):")
            py.line("            unchecked |= {\"cv_mean\", \"cv_se\"}")
        }
        py.line("        rows.append((row, unchecked))")
        py.line("    return rows")
        py.blank(2)
    }

    /// The network variant of `fitting`: docgen's weights of each row loaded into scikit-learn's estimator
    /// (`ScikitLearnEstimator.loadedLayers`), and what scikit-learn computes from them.
    private func loading(_ py: inout PythonText) {
        py.line("WEIGHTS = FEATURES  # docgen's weight columns, layer by layer, each layer's matrix row by row")
        py.line("BIASES = [\(result.parameterNames.map(pythonString).joined(separator: ", "))]  # the hidden layers' biases")
        py.blank(2)
        scoresFunction(&py)
        py.line("def load(pipeline, row):")
        py.line("    \"\"\"Replace the weights of the pipeline's network by docgen's of one CSV row.\"\"\"")
        py.line("    estimator = pipeline[-1]")
        py.line("    weights = iter([row[name] for name in WEIGHTS])")
        py.line("    biases = iter([row[name] for name in BIASES])")
        py.line("    for layer, matrix in enumerate(estimator.coefs_):")
        py.line("        inputs, outputs = matrix.shape")
        py.line("        estimator.coefs_[layer] = np.array([[next(weights) for _ in range(outputs)] for _ in range(inputs)])")
        py.line("        if layer + 1 < len(estimator.coefs_):")
        py.line("            estimator.intercepts_[layer] = np.array([next(biases) for _ in range(outputs)])")
        py.line("    estimator.intercepts_[-1] = np.array([row[\"intercept\"]])")
        py.blank(2)
        py.line("def reproduce():")
        py.line("    \"\"\"scikit-learn's numbers from docgen's weights, one dict per penalty value named as docgen's CSV columns.\"\"\"")
        py.line("    rows = []")
        py.line("    for value, theirs in zip(values, docgen):")
        py.line("        pipeline = model(value, len(y_train))")
        py.line("        # One iteration: it fits the scaler and gives the network its shapes; the weights are then replaced.")
        py.line("        pipeline.fit(X_train, y_train)")
        py.line("        load(pipeline, theirs)")
        py.line("        estimator = pipeline[-1]")
        py.line("        flat = np.concatenate([matrix.ravel() for matrix in estimator.coefs_])")
        py.line("        row = dict(zip(WEIGHTS, flat))")
        py.line("        row.update(zip(BIASES, np.concatenate([np.zeros(0)] + list(estimator.intercepts_[:-1]))))")
        py.line("        row[\"intercept\"] = float(estimator.intercepts_[-1][0])")
        py.line("        row[\"weight_l1\"] = float(np.sum(np.abs(flat)))")
        py.line("        row[\"weight_l2\"] = float(np.sqrt(np.sum(flat * flat)))")
        py.line("        row[\"nonzero\"] = float(np.count_nonzero(flat))")
        py.line("        row.update({\"train_\" + name: s for name, s in scores(pipeline, X_train, y_train).items()})")
        if spec.split != nil {
            py.line("        row.update({\"test_\" + name: s for name, s in scores(pipeline, X_test, y_test).items()})")
        }
        py.line("        rows.append((row, set()))")
        py.line("    return rows")
        py.blank(2)
    }

    private func comparison(_ py: inout PythonText, loadsWeights: Bool) {
        let parameter = result.penaltyParameter
        let validation = result.task.validationError.columnName
        py.line("def relative_difference(ours, theirs, scale):")
        py.line("    \"\"\"|ours − theirs| over the largest of |ours|, |theirs| and scale (the size of what it is measured against).\"\"\"")
        py.line("    if ours == theirs or (np.isnan(ours) and np.isnan(theirs)):")
        py.line("        return 0.0")
        py.line("    return abs(ours - theirs) / max(abs(ours), abs(theirs), scale, 1e-300)")
        py.blank(2)
        py.line("def main():")
        py.line("    # Scores are compared relative to their size, but at least to their unit: 1 for R², accuracy and log-loss,")
        py.line("    # the variance of the training target (the error of predicting its mean) for squared errors.")
        py.line("    units = {\"r2\": 1.0, \"accuracy\": 1.0, \"log_loss\": 1.0, \"mse\": float(np.var(y_train))}")
        py.line("    units[\"cv\"] = units[\"\(validation)\"]")
        if loadsWeights {
            py.line("    # The norms and the count of nonzero weights, relative to themselves (the count exactly).")
            py.line("    units.update({\"weight_l1\": 0.0, \"weight_l2\": 0.0, \"nonzero\": 0.0})")
        }
        py.line("    worst, where, compared, skipped = 0.0, \"nothing compared\", 0, 0")
        py.line("    path_size = max(max(abs(row[name]) for name in FEATURES + [\"intercept\"]) for row in docgen)")
        py.line("    for value, (ours, unchecked), theirs in zip(values, reproduce(), docgen):")
        py.line("        label = \(pythonString(parameter.column + " = ")) + repr(float(value))")
        py.line("        # Coefficients and intercept relative to the largest of their row (a coefficient near 0 is judged by")
        py.line("        # the size of the fit it belongs to), and never to less than a millionth of the largest along the path")
        py.line("        # (an all-zero row at α_max may hold rounding-level values such as 1e-16).")
        py.line("        size = max(max(abs(theirs[name]) for name in FEATURES + [\"intercept\"]), 1e-6 * path_size)")
        py.line("        checks = [(name, size) for name in FEATURES + [\"intercept\"]]")
        py.line("        checks += [(name, units.get(name, units[name.split(\"_\", 1)[1] if name.startswith((\"train_\", \"test_\")) else \"cv\"]))")
        py.line("                   for name in ours if name not in FEATURES and name != \"intercept\"]")
        if !parameter.isAlpha {
            py.line("        ours[\(pythonString(parameter.column))] = value")
            py.line("        checks.append((\(pythonString(parameter.column)), 0.0))")
        }
        py.line("        ours[\"alpha\"] = alpha_of(value, len(y_train))")
        py.line("        checks.append((\"alpha\", 0.0))")
        py.line("        for name, scale in checks:")
        py.line("            if name not in theirs:")
        py.line("                continue")
        py.line("            if name in unchecked:")
        py.line("                skipped += 1")
        py.line("                continue")
        py.line("            difference = relative_difference(float(ours[name]), theirs[name], scale)")
        py.line("            compared += 1")
        py.line("            if difference > worst or np.isnan(difference):")
        py.line("                worst, where = difference, f\"{name} at {label}: scikit-learn {float(ours[name])!r}, "
                + "docgen {theirs[name]!r}\"")
        py.line("    print(f\"\(id): compared {compared} numbers with docgen's; largest relative difference {worst:.3g}\")")
        py.line("    print(f\"  ({where})\")")
        py.line("    if not worst <= TOLERANCE:")
        py.line("        print(f\"\(id): differs from docgen by more than {TOLERANCE}\", file=sys.stderr)")
        py.line("        return 1")
        py.line("    if skipped:")
        py.line("        print(f\"\(id): {skipped} numbers not compared: scikit-learn's solver stopped at its iteration limit\",")
        py.line("              file=sys.stderr)")
        py.line("        return 3")
        py.line("    return 0")
        py.blank(2)
        py.line("if __name__ == \"__main__\":")
        py.line("    sys.exit(main())")
    }
}

extension ReproduceScript {
    /// The reproduce files of every fitted experiment that has a scikit-learn equivalent: `data/<id>.py`,
    /// `data/<id>-input.csv` and, when docgen drew the split or folds, `data/<id>-split.csv`.
    static func files(plan: CoursePlan, experiments: ExperimentStage.Output, cached: Bool) -> [String: SiteFile] {
        var files: [String: SiteFile] = [:]
        for id in plan.experimentOrder {
            guard let d = plan.experiments[id], let result = experiments.results[id], let tables = experiments.tables[id]
            else { continue }
            let script = ReproduceScript(id: id, source: sourceDescription(d), spec: d.spec, result: result,
                                         tables: tables)
            guard let text = script.text else { continue }
            // The tables are a function of the experiment's cache key; the script also of its id.
            let key = cached ? experiments.keys[id] : nil
            files["data/\(id).py"] = .data(Data(text.utf8),
                                                                   provenance: key.map { "experiment:\($0):\(id).py" })
            let provenance = key.map { "experiment:\($0)-input.csv" }
            if tables.inputIsDataFile, case let .file(_, path) = d.data {
                files["data/\(script.inputName)"] = SiteFile(source: .file(path), provenance: provenance)
            } else {
                files["data/\(script.inputName)"] = .data(Data(tables.input.utf8), provenance: provenance)
            }
            if let split = tables.split {
                files["data/\(script.splitName)"] = .data(Data(split.utf8),
                                                          provenance: key.map { "experiment:\($0)-split.csv" })
            }
        }
        return files
    }

    /// The site paths of the reproduce files `files(plan:experiments:cached:)` writes for experiment `id` (none when
    /// it failed or its model has no scikit-learn equivalent), the script first.
    static func paths(of id: String, plan: CoursePlan, experiments: ExperimentStage.Output) -> [String] {
        guard experiments.results[id] != nil, let tables = experiments.tables[id],
              plan.experiments[id]?.spec.family.scikitLearnEstimator != nil else { return [] }
        return ["data/\(id).py", "data/\(id)-input.csv"] + (tables.split == nil ? [] : ["data/\(id)-split.csv"])
    }

    /// Where an experiment's rows came from, in words.
    static func sourceDescription(_ d: ExperimentDeclaration) -> String {
        switch d.data {
        case let .file(written, _): return written
        case let .generated(g): return "\(g.displayName) (generated)"
        }
    }
}

extension Metric {
    /// The scikit-learn function computing this metric.
    fileprivate var pythonFunction: String {
        switch self {
        case .r2: return "r2_score"
        case .mse: return "mean_squared_error"
        case .accuracy: return "accuracy_score"
        case .logLoss: return "log_loss"
        }
    }

    /// The metric of `y_part` in the script's `scores`, from `prediction` (ŷ or class labels), `probability`
    /// (P(y = 1)) or `r2` (R², NaN for a constant target, computed before).
    fileprivate var pythonExpression: String {
        switch self {
        case .r2: return "r2"
        case .mse: return "mean_squared_error(y_part, prediction)"
        case .accuracy: return "accuracy_score(y_part, prediction)"
        case .logLoss: return "log_loss(y_part, probability, labels=[0, 1])"
        }
    }
}

/// Python source built line by line.
private struct PythonText {
    private var lines: [String] = []
    mutating func line(_ text: String) { lines.append(text) }
    mutating func blank(_ count: Int = 1) { for _ in 0..<count { lines.append("") } }
    var text: String { lines.joined(separator: "\n") + "\n" }
}

/// A Python string literal (double quotes, backslashes and quotes escaped; non-ASCII kept, Python 3 reads UTF-8).
private func pythonString(_ s: String) -> String {
    var out = "\""
    for c in s.unicodeScalars {
        switch c {
        case "\\": out += "\\\\"
        case "\"": out += "\\\""
        case "\n": out += "\\n"
        case "\r": out += "\\r"
        case "\t": out += "\\t"
        default: out.unicodeScalars.append(c)
        }
    }
    return out + "\""
}

/// A Python float literal that reads back as the same double (Swift's shortest round-trip form).
private func python(_ x: Double) -> String {
    if x.isNaN { return "float(\"nan\")" }
    if x.isInfinite { return x > 0 ? "float(\"inf\")" : "-float(\"inf\")" }
    return "\(x)"
}
