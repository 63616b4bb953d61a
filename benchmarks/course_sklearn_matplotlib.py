#!/usr/bin/env python3
"""The scikit-learn + matplotlib peer of `docgen build` for the whole-course benchmark.

Usage: python3 course_sklearn_matplotlib.py CONTENT_DIR OUT_DIR [--l1-solver saga|liblinear]

benchmarks/DocgenBenchmarks/BuildBenchmark.swift times a cold `docgen build` of the built-in course and then
this script on the same Content/ folder; the ratio of the two medians is the headline number. For that ratio to
mean something the script does the same numerical and drawing work as the course build, with the tools a
careful Python user would reach for:

* Parsing. Reads CONTENT_DIR/docgen.yml (chapter order from `chapters`, else file names), finds every fenced
  ```{experiment} ID, ```{figure} KIND and ```{table} KIND directive and parses its YAML body with PyYAML.
  `alphas` may be `logspace(a, b, n)`, a list, or `{count, ratio}` (a grid from alpha_max down); numbers
  PyYAML leaves as strings (`1e-3`) are converted.
* Data. CSV files relative to CONTENT_DIR (`target`, optional `features`) or the seeded generators of
  DIRECTIVES.md (curve, correlated, sparse) drawn with numpy (same distributions, different random streams).
  Optional `polynomial: d` expansion (PolynomialFeatures), then StandardScaler (mean 0, sd 1 with 1/n) unless
  `standardize: false`, refitted on every set of fitting rows (training part, each CV fold).
* Fits, for the objective (1/(2n))||y - b0 - Xb||^2 + alpha*(rho*||b||_1 + (1-rho)/2*||b||^2):
  ols -> LinearRegression; ridge -> Ridge(alpha=n*alpha) per grid alpha; lasso / elasticnet -> one warm-started
  enet_path over the grid; logistic -> LogisticRegression(C=1/(n*alpha), l1_ratio=rho, tol=1e-6,
  max_iter=10000, saga for an L1 part, lbfgs for pure L2), warm-started from strong to weak penalty.
  On the course's breast-cancer L1 path saga reaches max_iter at the weak-penalty end and that one experiment
  (41 alphas x 11 fits with CV) dominates the run; `--l1-solver liblinear` fits the pure-L1 logistic models
  with liblinear instead (coordinate descent, converges in tens of iterations; it penalizes the intercept, made
  negligible with intercept_scaling=100), which is what a user who reads the ConvergenceWarnings would do.
  Elastic-net logistic fits stay on saga, the only sklearn solver for them.
  enet_path's tolerance: sklearn stops when its duality gap (objective scaled by n) is below tol*||y||^2, i.e.
  our gap <= tol*||y||^2/n = 2*tol*null_objective; docgen stops at gap <= tolerance*null_objective (default
  1e-7), so we pass tol = tolerance/2, the same stopping rule (as benchmarks/solver_path_sklearn.py does).
* Holdout split (train_test_split with docgen's test-row count, round(test*n)), train/test R^2 and MSE, or
  accuracy and log-loss; K-fold CV (KFold, shuffled, seeded) refitting the scaler and the whole path per fold
  on the same grid, mean and SE (sd/sqrt(K)) of held-out MSE or log-loss, alpha_min and alpha_1se.
  Metrics are computed with numpy on the n x m prediction matrix (all alphas at once), equal to
  sklearn.metrics but without its per-call validation overhead, so the peer is not handicapped.
* Output. OUT_DIR/data/ID.csv per experiment (alpha, coefficients, intercept, metrics, nonzero, duality gap;
  %.17g). Every figure directive drawn with matplotlib (Agg) at 8x5 in and 200 dpi (1600x1000 PNG), once in a
  light and once in a dark style, as docgen ships both: OUT_DIR/figures/LABEL.png, LABEL-dark.png and
  LABEL.csv (the plotted numbers). Figures draw the same elements as docgen's: the same lines, point counts,
  panels, contours, top axes and markers (not pixel-identical). The constraint-geometry figure finds its
  constrained solutions by bisection in log alpha, one sklearn fit (enet_path warm-started, or Ridge) per step,
  to the same accuracy as docgen. Complexity curves over degree refit the experiment per degree.
  Tables (coefficients, scores, cv) are evaluated from the fits and written to OUT_DIR/tables/LABEL.csv.

Not mirrored: docgen's Markdown-to-HTML rendering (cmark-gfm, math to MathML, cross-references, inline
{value} roles, theme, search index). That is a small share of a cold docgen build and has no sklearn or
matplotlib counterpart; the comparison is the fits and figures. Also docgen may use 2 worker threads
(`--jobs 2`); this script runs in one process, as a typical notebook-turned-script would (numpy's BLAS may
still use threads). Python start-up and imports are included in the timing, as docgen's process start is.

Prints nothing on success; on failure prints a message to stderr and exits with status 1.
"""
import csv
import math
import os
import re
import sys
import warnings

import numpy as np
import yaml

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import sklearn  # noqa: E402
from sklearn.exceptions import ConvergenceWarning  # noqa: E402
from sklearn.linear_model import LinearRegression, LogisticRegression, Ridge, enet_path  # noqa: E402
from sklearn.model_selection import KFold, train_test_split  # noqa: E402
from sklearn.preprocessing import PolynomialFeatures, StandardScaler  # noqa: E402

WIDTH_IN, HEIGHT_IN, DPI = 8, 5, 200
STYLES = (("", "default"), ("-dark", "dark_background"))
SKLEARN_VERSION = tuple(int(part) for part in re.findall(r"\d+", sklearn.__version__)[:2])
L1_SOLVER = "saga"  # solver for L1-only logistic fits; --l1-solver liblinear switches (see the docstring)


class CourseError(Exception):
    """A problem with the course content, reported with its location."""


# ----------------------------------------------------------------------------------------------------------
# Parsing
# ----------------------------------------------------------------------------------------------------------

DIRECTIVE = re.compile(r"^(`{3,})\{(experiment|figure|table)\}[ \t]*([^\n]*)\n(.*?)^\1[ \t]*$", re.M | re.S)


def number(value, where):
    """A float from YAML (PyYAML reads `1e-3` as a string)."""
    if isinstance(value, bool):
        raise CourseError(f"{where}: expected a number, got {value!r}")
    try:
        return float(value)
    except (TypeError, ValueError):
        raise CourseError(f"{where}: expected a number, got {value!r}") from None


def chapter_files(content):
    config_path = os.path.join(content, "docgen.yml")
    config = {}
    if os.path.exists(config_path):
        with open(config_path, encoding="utf-8") as f:
            config = yaml.safe_load(f) or {}
    chapters = config.get("chapters")
    if not chapters:
        chapters = sorted(name for name in os.listdir(content) if name.endswith(".md"))
    return [os.path.join(content, name) for name in chapters]


def parse_course(content):
    """Experiments by id (in course order) and the list of figure and table directives."""
    experiments, figures, tables = {}, [], []
    for path in chapter_files(content):
        with open(path, encoding="utf-8") as f:
            text = f.read()
        chapter = os.path.splitext(os.path.basename(path))[0]
        for m in DIRECTIVE.finditer(text):
            kind, argument, body = m.group(2), m.group(3).strip(), m.group(4)
            line = text.count("\n", 0, m.start()) + 1
            where = f"{os.path.basename(path)}:{line}"
            try:
                options = yaml.safe_load(body) or {}
            except yaml.YAMLError as error:
                raise CourseError(f"{where}: invalid YAML in {kind} directive: {error}") from None
            if not isinstance(options, dict):
                raise CourseError(f"{where}: the {kind} directive body must be a mapping")
            options["_where"] = where
            if kind == "experiment":
                if argument in experiments:
                    raise CourseError(f"{where}: experiment '{argument}' is declared twice")
                experiments[argument] = options
            elif kind == "figure":
                figures.append((chapter, argument, options))
            else:
                tables.append((chapter, argument, options))
    return experiments, figures, tables


def experiment_spec(options):
    where = options["_where"]
    model = options.get("model", "ols")
    if model not in ("ols", "ridge", "lasso", "elasticnet", "logistic"):
        raise CourseError(f"{where}: unknown model '{model}'")
    if model == "ridge":
        rho = 0.0
    elif model == "lasso" or model == "ols":
        rho = 1.0
    elif model == "elasticnet":
        rho = number(options.get("l1_ratio"), where + " l1_ratio")
    else:
        penalty = options.get("penalty", "l2")
        rho = {"l1": 1.0, "l2": 0.0}.get(penalty)
        if penalty == "elasticnet":
            rho = number(options.get("l1_ratio"), where + " l1_ratio")
        elif rho is None:
            raise CourseError(f"{where}: unknown penalty '{penalty}'")
    spec = {
        "where": where, "data": options.get("data"), "target": options.get("target"),
        "features": options.get("features"), "standardize": bool(options.get("standardize", True)),
        "polynomial": int(options["polynomial"]) if options.get("polynomial") is not None else None,
        "model": model, "rho": rho, "alphas": parse_alphas(options.get("alphas"), where),
        "split": None, "cv": None,
        "tolerance": number(options.get("tolerance", 1e-7), where + " tolerance"),
        "max_iterations": int(number(options.get("max_iterations", 100000), where + " max_iterations")),
    }
    if options.get("split") is not None:
        s = options["split"]
        spec["split"] = (number(s.get("test", 0.2), where + " split.test"), int(s.get("seed", 0)))
    if options.get("cv") is not None:
        c = options["cv"]
        spec["cv"] = (int(c.get("folds", 10)), int(c.get("seed", 0)))
    return spec


def parse_alphas(value, where):
    """('explicit', array) or ('automatic', count, ratio)."""
    if value is None:
        return ("automatic", 100, 1e-3)
    if isinstance(value, str):
        m = re.fullmatch(r"\s*logspace\(\s*([^,]+),\s*([^,]+),\s*([^)]+)\)\s*", value)
        if not m:
            raise CourseError(f"{where}: alphas '{value}' is not logspace(a, b, n), a list or {{count, ratio}}")
        a, b, n = (number(v, where + " alphas") for v in m.groups())
        return ("explicit", np.logspace(a, b, int(n)))
    if isinstance(value, list):  # numbers and logspace strings, joined in order
        parts = [parse_alphas(v, where)[1] if isinstance(v, str) and "logspace" in v
                 else np.array([number(v, where + " alphas")]) for v in value]
        return ("explicit", np.concatenate(parts) if parts else np.array([]))
    if isinstance(value, dict):
        return ("automatic", int(value.get("count", 100)), number(value.get("ratio", 1e-3), where + " alphas.ratio"))
    return ("explicit", np.array([number(value, where + " alphas")]))


# ----------------------------------------------------------------------------------------------------------
# Data
# ----------------------------------------------------------------------------------------------------------

_csv_cache = {}


def load_data(spec, content):
    """Raw X (n x p), y, feature names, and the generator kind (None for CSV)."""
    data, where = spec["data"], spec["where"]
    if isinstance(data, dict):
        return generate(data, where)
    if not isinstance(data, str):
        raise CourseError(f"{where}: 'data' must be a CSV path or a generator mapping")
    path = os.path.join(content, data)
    if path not in _csv_cache:
        if not os.path.exists(path):
            raise CourseError(f"{where}: data file '{data}' not found")
        with open(path, newline="", encoding="utf-8") as f:
            rows = list(csv.reader(f))
        header = [h.strip() for h in rows[0]]
        try:
            values = np.array([[float(v) for v in r] for r in rows[1:] if r], dtype=float)
        except ValueError as error:
            raise CourseError(f"{where}: '{data}' has a non-numeric cell ({error})") from None
        _csv_cache[path] = (header, values)
    header, values = _csv_cache[path]
    target = spec["target"]
    if target not in header:
        raise CourseError(f"{where}: target '{target}' is not a column of '{data}'")
    features = spec["features"] or [h for h in header if h != target]
    for name in features:
        if name not in header:
            raise CourseError(f"{where}: feature '{name}' is not a column of '{data}'")
    X = values[:, [header.index(name) for name in features]]
    return X, values[:, header.index(target)], list(features), None


def generate(g, where):
    kind = g.get("generate")
    n = int(g.get("n", 100))
    noise = number(g.get("noise", 1), where + " data.noise")
    rng = np.random.default_rng(int(g.get("seed", 0)))
    if kind == "curve":
        x = rng.uniform(0, 1, n)
        y = np.sin(2 * np.pi * x) + noise * rng.standard_normal(n)
        return x[:, None], y, ["x"], "curve"
    p = int(g.get("p", 10))
    if kind == "correlated":
        rho = number(g.get("rho", 0.5), where + " data.rho")
        if g.get("coefficients") is not None:
            beta = np.array([number(v, where + " data.coefficients") for v in g["coefficients"]])
        else:
            j = np.arange(1, p + 1)
            beta = np.where(j % 2 == 0, 1.0, -1.0) * np.exp(-2 * (j - 1) / 20)
        if beta.size != p:
            raise CourseError(f"{where}: data.coefficients has {beta.size} values for p = {p}")
        shared = rng.standard_normal(n)
        X = math.sqrt(rho) * shared[:, None] + math.sqrt(1 - rho) * rng.standard_normal((n, p))
    elif kind == "sparse":
        k = int(g.get("nonzero", 10))
        beta = np.zeros(p)
        positions = rng.permutation(p)[:k]
        beta[positions] = np.where(rng.uniform(size=k) < 0.5, -1.0, 1.0) * rng.uniform(0.5, 2.0, k)
        X = rng.standard_normal((n, p))
    else:
        raise CourseError(f"{where}: unknown generator '{kind}'")
    y = X @ beta + noise * rng.standard_normal(n)
    return X, y, [f"x{j + 1}" for j in range(p)], kind


# ----------------------------------------------------------------------------------------------------------
# Fits
# ----------------------------------------------------------------------------------------------------------

class Transform:
    """Polynomial expansion (degree > 1) then optional standardization, fitted on the fitting rows."""

    def __init__(self, degree, standardize, X):
        self.poly = PolynomialFeatures(degree, include_bias=False) if degree and degree > 1 else None
        expanded = self.poly.fit_transform(X) if self.poly else X
        self.scaler = StandardScaler(with_mean=standardize, with_std=standardize).fit(expanded)

    def __call__(self, X):
        return self.scaler.transform(self.poly.transform(X) if self.poly else X)


def alpha_max(Z, y, rho):
    n = Z.shape[0]
    return float(np.max(np.abs(Z.T @ (y - y.mean())))) / n / max(rho, 1e-3) if Z.shape[1] else 0.0


def resolve_alphas(grid, model, amax):
    if model == "ols":
        return np.array([0.0])
    if grid[0] == "explicit":
        return np.asarray(grid[1], dtype=float)
    count, ratio = grid[1], grid[2]
    if count == 1:
        return np.array([amax])
    return amax * ratio ** (np.arange(count) / (count - 1))


def fit_path(Z, y, spec, alphas):
    """Coefficients (m x p), intercepts (m) and duality gaps (m, nan when not reported) at `alphas`."""
    n, p = Z.shape
    m = alphas.size
    coefs, intercepts, gaps = np.zeros((m, p)), np.zeros(m), np.full(m, np.nan)
    order = np.argsort(-alphas, kind="stable")  # strong to weak penalty (warm starts)
    model, rho = spec["model"], spec["rho"]
    if model == "ols":
        fit = LinearRegression().fit(Z, y)
        coefs[:], intercepts[:] = fit.coef_, fit.intercept_
    elif model == "ridge":
        for k in order:
            fit = Ridge(alpha=n * alphas[k]).fit(Z, y)
            coefs[k], intercepts[k] = fit.coef_, fit.intercept_
    elif model in ("lasso", "elasticnet"):
        z_mean, y_mean = Z.mean(axis=0), y.mean()
        Zc = np.asfortranarray(Z - z_mean)
        _, path, dual_gaps = enet_path(Zc, y - y_mean, l1_ratio=rho, alphas=alphas[order],
                                       tol=spec["tolerance"] / 2, max_iter=spec["max_iterations"])
        coefs[order] = path.T
        gaps[order] = np.asarray(dual_gaps) / n  # sklearn's objective is n times ours
        intercepts[:] = y_mean - coefs @ z_mean
    else:
        if rho == 1 and L1_SOLVER == "liblinear":
            # liblinear penalizes the intercept; a large intercept_scaling makes that penalty negligible.
            estimator = logistic(1.0, solver="liblinear", intercept_scaling=100.0, tol=1e-6, max_iter=10000)
        else:
            estimator = logistic(rho, solver="saga" if rho > 0 else "lbfgs", tol=1e-6, max_iter=10000,
                                 warm_start=True)
        for k in order:
            estimator.set_params(C=1.0 / (n * alphas[k]) if alphas[k] > 0 else 1e12)
            estimator.fit(Z, y)
            coefs[k], intercepts[k] = estimator.coef_[0], estimator.intercept_[0]
    return coefs, intercepts, gaps


def logistic(rho, **options):
    """LogisticRegression with penalty rho*||b||_1 + (1-rho)/2*||b||^2 (sklearn >= 1.8 spells it with l1_ratio
    alone and deprecates `penalty`; older versions need `penalty`)."""
    if SKLEARN_VERSION >= (1, 8):
        return LogisticRegression(l1_ratio=rho, **options)
    penalty = "l1" if rho == 1 else ("l2" if rho == 0 else "elasticnet")
    return LogisticRegression(penalty=penalty, l1_ratio=rho if penalty == "elasticnet" else None, **options)


def predict(Z, coefs, intercepts, classification):
    eta = intercepts[None, :] + Z @ coefs.T
    return 1.0 / (1.0 + np.exp(-eta)) if classification else eta


def scores(y, predictions, classification):
    """Per-alpha metrics: {'r2', 'mse'} or {'accuracy', 'log_loss'}."""
    if classification:
        prob = np.clip(predictions, 1e-15, 1 - 1e-15)
        yy = y[:, None]
        return {"accuracy": np.mean((prob >= 0.5) == (yy == 1), axis=0),
                "log_loss": -np.mean(yy * np.log(prob) + (1 - yy) * np.log(1 - prob), axis=0)}
    residual = y[:, None] - predictions
    mse = np.mean(residual ** 2, axis=0)
    total = np.mean((y - y.mean()) ** 2)
    return {"r2": 1 - mse / total if total > 0 else np.zeros_like(mse), "mse": mse}


def run_experiment(X_raw, y, names, spec):
    classification = spec["model"] == "logistic"
    if classification and not np.all((y == 0) | (y == 1)):
        raise CourseError(f"{spec['where']}: logistic regression needs a 0/1 target")
    degree = spec["polynomial"]
    if degree and degree > 1 and X_raw.shape[1] != 1:
        raise CourseError(f"{spec['where']}: polynomial features need exactly one input column")
    n = X_raw.shape[0]
    rows = np.arange(n)
    train, test = rows, rows[:0]
    if spec["split"]:
        fraction, seed = spec["split"]
        n_test = min(max(int(math.floor(fraction * n + 0.5)), 1), n - 2)
        train, test = train_test_split(rows, test_size=n_test, random_state=seed)
        train, test = np.sort(train), np.sort(test)
    transform = Transform(degree, spec["standardize"], X_raw[train])
    Z = transform(X_raw[train])
    amax = alpha_max(Z, y[train], spec["rho"])
    alphas = resolve_alphas(spec["alphas"], spec["model"], amax)
    coefs, intercepts, gaps = fit_path(Z, y[train], spec, alphas)
    raw_names = names
    if degree and degree > 1:
        names = [names[0]] + [f"{names[0]}^{d}" for d in range(2, degree + 1)]
    metrics = {}
    parts = [("train", train)] + ([("test", test)] if test.size else [])
    computed = {part: scores(y[idx], predict(transform(X_raw[idx]), coefs, intercepts, classification), classification)
                for part, idx in parts}
    for score in (("accuracy", "log_loss") if classification else ("r2", "mse")):
        for part, _ in parts:
            metrics[f"{part}_{score}"] = computed[part][score]
    result = {"spec": spec, "names": names, "alphas": alphas, "coefs": coefs, "intercepts": intercepts, "gaps": gaps,
              "metrics": metrics, "alpha_max": amax, "transform": transform, "classification": classification,
              "alpha_min_index": None, "alpha_1se_index": None, "X": X_raw, "y": y, "raw_names": raw_names}
    if spec["cv"]:
        cross_validate(X_raw[train], y[train], spec, alphas, result)
    return result


def cross_validate(X_raw, y, spec, alphas, result):
    folds, seed = spec["cv"]
    if X_raw.shape[0] < folds:
        raise CourseError(f"{spec['where']}: cv asks for {folds} folds but only {X_raw.shape[0]} rows are available")
    errors = []
    key = "log_loss" if result["classification"] else "mse"
    for fit_rows, held_rows in KFold(n_splits=folds, shuffle=True, random_state=seed).split(X_raw):
        transform = Transform(spec["polynomial"], spec["standardize"], X_raw[fit_rows])
        coefs, intercepts, _ = fit_path(transform(X_raw[fit_rows]), y[fit_rows], spec, alphas)
        held = predict(transform(X_raw[held_rows]), coefs, intercepts, result["classification"])
        errors.append(scores(y[held_rows], held, result["classification"])[key])
    errors = np.array(errors)
    mean, se = errors.mean(axis=0), errors.std(axis=0, ddof=1) / math.sqrt(folds)
    best = 0
    for a in range(1, alphas.size):  # smallest mean, ties to the larger alpha
        if mean[a] < mean[best] or (mean[a] == mean[best] and alphas[a] > alphas[best]):
            best = a
    one_se = best
    for a in range(alphas.size):
        if mean[a] <= mean[best] + se[best] and alphas[a] > alphas[one_se]:
            one_se = a
    result["metrics"]["cv_mean"], result["metrics"]["cv_se"] = mean, se
    result["alpha_min_index"], result["alpha_1se_index"] = best, one_se


def fmt(v):
    if math.isnan(v):
        return "nan"
    if math.isinf(v):
        return "inf" if v > 0 else "-inf"
    return "0" if v == 0 else "%.17g" % v


def write_experiment_csv(path, r):
    header = ["alpha"] + r["names"] + ["intercept"] + list(r["metrics"]) + ["nonzero", "duality_gap"]
    lines = [",".join(header)]
    for k in range(r["alphas"].size):
        cells = [fmt(r["alphas"][k])] + [fmt(v) for v in r["coefs"][k]] + [fmt(r["intercepts"][k])]
        cells += [fmt(col[k]) for col in r["metrics"].values()]
        cells += [str(int(np.count_nonzero(r["coefs"][k]))), fmt(r["gaps"][k])]
        lines.append(",".join(cells))
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")


def nearest_index(alphas, alpha):
    if alpha > 0 and np.all(alphas > 0):
        return int(np.argmin(np.abs(np.log(alphas) - math.log(alpha))))
    return int(np.argmin(np.abs(alphas - alpha)))


def best_index(r):
    if r["alpha_min_index"] is not None:
        return r["alpha_min_index"]
    key = "test_log_loss" if r["classification"] else "test_mse"
    if key not in r["metrics"]:
        return None
    values = r["metrics"][key]
    return min(range(values.size), key=lambda k: (values[k], -r["alphas"][k]))


# ----------------------------------------------------------------------------------------------------------
# Figures: each builder computes its numbers once and returns (draw, csv_header, csv_rows); draw() makes a
# fresh matplotlib figure under the current style and is called once per style, as docgen draws per theme.
# ----------------------------------------------------------------------------------------------------------

MARKERS = ("o", "s", "^", "D", "v", "P", "X", "*")
DASHES = ("-", "--", "-.", ":")


def series_style(i):
    return {"color": f"C{i % 10}", "linestyle": DASHES[(i // 10) % len(DASHES)], "marker": MARKERS[i % len(MARKERS)]}


def ink():
    """The current style's text colour (dark on the light style, light on the dark one)."""
    return plt.rcParams["text.color"]


def new_figure(ncols=1, **kwargs):
    return plt.subplots(1, ncols, figsize=(WIDTH_IN, HEIGHT_IN), dpi=DPI, **kwargs)


def finish(fig, d):
    if d.get("title"):
        fig.suptitle(str(d["title"]))
    fig.tight_layout()
    return fig


def decade_ticks(lo, hi, max_count=7):
    ticks = [10.0 ** e for e in range(math.ceil(math.log10(lo) - 1e-9), math.floor(math.log10(hi) + 1e-9) + 1)]
    step = max(1, math.ceil(len(ticks) / max_count))
    return ticks[::step] or [lo]


def top_counts(ax, alphas, counts, positions):
    labels = [str(counts[nearest_index(alphas, t)]) for t in positions]
    top = ax.secondary_xaxis("top")
    top.set_xticks(positions)
    top.set_xticklabels(labels)
    top.set_xlabel("nonzero coefficients")


def positive_sorted(r, decreasing):
    """Indices of the positive grid alphas, sorted; log-alpha figures need at least one."""
    keep = np.flatnonzero(r["alphas"] > 0)
    if keep.size == 0:
        raise CourseError(f"{r['spec']['where']}: this figure needs an experiment with positive alphas")
    keep = keep[np.argsort(-r["alphas"][keep] if decreasing else r["alphas"][keep], kind="stable")]
    return keep


def figure_path(d, r):
    keep = positive_sorted(r, decreasing=True)
    alphas, coefs, names = r["alphas"][keep], r["coefs"][keep], r["names"]
    l1, nonzero = np.abs(coefs).sum(axis=1), np.count_nonzero(coefs, axis=1)
    by_l1 = d.get("x") == "l1-norm"
    xs = l1 if by_l1 else alphas
    p = coefs.shape[1]
    ranked = sorted(range(p), key=lambda j: (-abs(coefs[-1, j]), j))
    ever = np.any(coefs != 0, axis=0)
    labelled = [j for j in ranked[:12] if ever[j]]

    def entry(j):
        k = int(np.argmax(coefs[:, j] != 0))
        return (k, -abs(coefs[k, j]), j)

    ordered = sorted(labelled, key=entry)
    background = [j for j in range(p) if j not in set(labelled)]
    cv_marks = []
    if d.get("cv_lines"):
        for index, label, dash in ((r["alpha_min_index"], "α_min", "--"), (r["alpha_1se_index"], "α_1se", ":")):
            if index is not None and r["alphas"][index] > 0:
                a = r["alphas"][index]
                cv_marks.append((l1[nearest_index(alphas, a)] if by_l1 else a, label, dash))

    def draw():
        fig, ax = new_figure()
        for j in background:
            ax.plot(xs, coefs[:, j], color="0.6", lw=0.8)
        for i, j in enumerate(ordered):
            s = series_style(i)
            (line,) = ax.plot(xs, coefs[:, j], lw=2, markevery=max(1, xs.size // 8), markersize=4, **s)
            ax.annotate(names[j], (xs[-1], coefs[-1, j]), xytext=(5, 0), textcoords="offset points", va="center",
                        fontsize=8, color=line.get_color())
        ax.axhline(0, color="0.4", lw=1)
        for x, label, dash in cv_marks:
            ax.axvline(x, color=ink(), ls=dash, lw=1.2)
            ax.annotate(label, (x, 1), xycoords=("data", "axes fraction"), xytext=(3, -12), textcoords="offset points")
        if by_l1:
            ax.set_xlabel("‖β‖₁ (sum of |β_j|)")
            positions = [t for t in ax.get_xticks() if 0 <= t <= l1.max()]
            top = ax.secondary_xaxis("top")
            top.set_xticks(positions)
            top.set_xticklabels([str(nonzero[int(np.argmin(np.abs(l1 - t)))]) for t in positions])
            top.set_xlabel("nonzero coefficients")
        else:
            ax.set_xscale("log")
            ax.invert_xaxis()
            ax.set_xlabel("penalty α (log scale, weaker →)")
            top_counts(ax, alphas, nonzero, decade_ticks(alphas.min(), alphas.max()))
        ax.set_ylabel("coefficient β_j (standardized)" if r["spec"]["standardize"] else "coefficient β_j")
        return finish(fig, d)

    rows = [[alphas[k], l1[k], nonzero[k]] + list(coefs[k]) for k in range(alphas.size)]
    return draw, ["alpha", "l1_norm", "nonzero"] + names, rows


METRIC_NAMES = {"r2": "R²", "mse": "mean squared error", "accuracy": "accuracy", "log-loss": "log-loss"}


def figure_scores(d, r):
    metric = d.get("metric") or ("accuracy" if r["classification"] else "r2")
    column = metric.replace("-", "_")
    if f"test_{column}" not in r["metrics"]:
        raise CourseError(f"{d['_where']}: the experiment has no train and test {metric} (it needs a 'split')")
    keep = positive_sorted(r, decreasing=False)
    alphas = r["alphas"][keep]
    train, test = r["metrics"][f"train_{column}"][keep], r["metrics"][f"test_{column}"][keep]
    higher = metric in ("r2", "accuracy")
    best = int(np.nanargmax(test) if higher else np.nanargmin(test))
    best_alpha = alphas[best]

    def draw():
        fig, ax = new_figure()
        if alphas.size > 2:
            ax.axvspan(alphas[0], best_alpha, color="C0", alpha=0.08, hatch="//", label="overfitting: train ≫ test")
            ax.axvspan(best_alpha, alphas[-1], color="C1", alpha=0.08, label="underfitting: both poor")
        ax.plot(alphas, train, color="C0", ls="--", lw=2, label="train")
        ax.plot(alphas, test, color="C1", lw=2, marker="o", markersize=5, markevery=max(1, alphas.size // 12), label="test")
        ax.axvline(best_alpha, color=ink(), ls=":", label=f"best α = {best_alpha:.3g}")
        ax.plot([best_alpha], [test[best]], "D", color="C1", markersize=9)
        ax.set_xscale("log")
        ax.set_xlabel("penalty α (log scale)")
        ax.set_ylabel(METRIC_NAMES.get(metric, metric))
        ax.legend(fontsize=8)
        return finish(fig, d)

    return draw, ["alpha", "train", "test"], [[alphas[k], train[k], test[k]] for k in range(alphas.size)]


def figure_cv(d, r):
    if "cv_mean" not in r["metrics"]:
        raise CourseError(f"{d['_where']}: the experiment has no cross-validation (add 'cv')")
    keep = positive_sorted(r, decreasing=False)
    alphas = r["alphas"][keep]
    mean, se = r["metrics"]["cv_mean"][keep], r["metrics"]["cv_se"][keep]
    counts = np.count_nonzero(r["coefs"][keep], axis=1)
    a_min, a_1se = r["alphas"][r["alpha_min_index"]], r["alphas"][r["alpha_1se_index"]]
    k_min = nearest_index(alphas, a_min)
    n = alphas.size

    def draw():
        fig, ax = new_figure()
        ax.errorbar(alphas, mean, yerr=se, fmt="none", ecolor="0.6", capsize=3 if n > 60 else 5)
        ax.plot(alphas, mean, color="C1", lw=1.2, marker="o", markersize=4.5 if n > 60 else 6, label="CV mean ± 1 SE")
        ax.axvline(a_min, color=ink(), ls="--", label="α_min")
        ax.axhline(mean[k_min] + se[k_min], color="0.6", ls=":", label="min + 1 SE")
        ax.axvline(a_1se, color=ink(), ls=":", label="α_1se")
        ax.set_xscale("log")
        ax.set_xlabel("penalty α (log scale)")
        ax.set_ylabel("log-loss" if r["classification"] else "mean squared error")
        top_counts(ax, alphas, counts, decade_ticks(alphas[0], alphas[-1]))
        ax.legend(fontsize=8)
        return finish(fig, d)

    rows = [[alphas[k], mean[k], se[k], counts[k]] for k in range(n)]
    return draw, ["alpha", "cv_mean", "cv_se", "nonzero"], rows


def figure_complexity(d, r):
    classification = r["classification"]
    column = "log_loss" if classification else "mse"
    if f"test_{column}" not in r["metrics"]:
        raise CourseError(f"{d['_where']}: complexity-curve needs an experiment with a 'split'")
    by_degree = d.get("x", "degree") == "degree"
    if by_degree:
        degrees = [int(v) for v in (d.get("degrees") or range(1, 13))]
        train, test = [], []
        for degree in degrees:
            spec = dict(r["spec"], polynomial=degree)
            refit = run_experiment(r["X"], r["y"], r["raw_names"], spec)
            train.append(refit["metrics"][f"train_{column}"][0])
            test.append(refit["metrics"][f"test_{column}"][0])
        xs, train, test = np.array(degrees, dtype=float), np.array(train), np.array(test)
    else:
        keep = positive_sorted(r, decreasing=False)
        xs = r["alphas"][keep]
        train, test = r["metrics"][f"train_{column}"][keep], r["metrics"][f"test_{column}"][keep]
    best = int(np.nanargmin(test))
    values = np.concatenate([train, test])
    values = values[np.isfinite(values) & (values > 0)]
    log_y = values.size > 0 and values.max() / max(values.min(), 1e-300) > 30
    every = max(1, xs.size // 15)

    def draw():
        fig, ax = new_figure()
        if xs.size > 2:
            low, high = (xs[0], xs[best]), (xs[best], xs[-1])
            simple, complex_ = (low, high) if by_degree else (high, low)
            ax.axvspan(*simple, color="C1", alpha=0.08, label="underfitting")
            ax.axvspan(*complex_, color="C0", alpha=0.08, hatch="//", label="overfitting")
        ax.plot(xs, train, color="C0", ls="--", marker="s", markersize=5, markevery=every, label="train")
        ax.plot(xs, test, color="C1", marker="o", markersize=6, markevery=every, label="test")
        label = f"best degree = {int(round(xs[best]))}" if by_degree else f"best α = {xs[best]:.3g}"
        ax.axvline(xs[best], color=ink(), ls=":", label=label)
        ax.plot([xs[best]], [test[best]], "D", color="C1", markersize=10)
        if by_degree:
            ax.set_xlabel("polynomial degree (model complexity →)")
            ax.grid(True, alpha=0.3)
        else:
            ax.set_xscale("log")
            ax.invert_xaxis()
            ax.set_xlabel("penalty α (log scale, weaker →)")
        name = "log-loss" if classification else "mean squared error"
        if log_y:
            ax.set_yscale("log")
            name += " (log scale)"
        ax.set_ylabel(name)
        ax.legend(fontsize=8)
        return finish(fig, d)

    return draw, ["x", "train", "test"], [[xs[k], train[k], test[k]] for k in range(xs.size)]


class Geometry:
    """Two-feature least squares on the standardized, centered scale: loss(b) = 1/2 b'Gb - c'b + yy/2."""

    def __init__(self, X, y, standardize):
        Z = StandardScaler(with_std=standardize).fit_transform(X)
        self.n = Z.shape[0]
        self.Z, self.y = np.asfortranarray(Z), y - y.mean()
        self.G, self.c, self.yy = Z.T @ Z / self.n, Z.T @ self.y / self.n, float(self.y @ self.y) / self.n
        self.ols = LinearRegression(fit_intercept=False).fit(self.Z, self.y).coef_

    def loss(self, b1, b2):
        G, c = self.G, self.c
        return 0.5 * (G[0, 0] * b1 * b1 + 2 * G[0, 1] * b1 * b2 + G[1, 1] * b2 * b2) - c[0] * b1 - c[1] * b2 + 0.5 * self.yy

    def penalized(self, alpha, rho, start=None):
        """The penalized solution at alpha (duality gap <= 1e-12 x null objective, as docgen)."""
        if rho == 0:
            return Ridge(alpha=self.n * alpha, fit_intercept=False).fit(self.Z, self.y).coef_
        _, path, _ = enet_path(self.Z, self.y, l1_ratio=rho, alphas=[alpha], tol=0.5e-12, max_iter=100000,
                               coef_init=start)
        return path[:, 0]

    def constrained(self, budget, rho, size):
        """min loss subject to size(b) <= budget, by bisection in log alpha along the penalized path."""
        if budget >= size(self.ols):
            return self.ols
        hi = max(float(np.max(np.abs(self.c))) / max(rho, 1e-3), 1e-12)
        while size(self.penalized(hi, rho)) > budget:
            hi *= 10
        lo = hi
        while size(self.penalized(lo, rho)) <= budget and lo > 1e-300:
            lo /= 10
        best = beta = self.penalized(hi, rho)
        for _ in range(200):
            mid = math.sqrt(lo * hi)
            beta = self.penalized(mid, rho, start=beta if rho > 0 else None)
            s = size(beta)
            if s > budget:
                lo = mid
            else:
                hi, best = mid, beta
            if abs(s - budget) <= 1e-10 * budget or hi / lo - 1 < 1e-14:
                break
        return best


def ball_boundary(kind, t, rho, count=720):
    theta = 2 * np.pi * np.arange(count) / count
    u, v = np.cos(theta), np.sin(theta)
    s = np.abs(u) + np.abs(v)
    if kind == "lasso":
        radius = t / s
    elif kind == "ridge":
        radius = np.full(count, t)
    else:
        qa, qb, qc = (1 - rho) / 2, rho * s, -(rho * t + (1 - rho) / 2 * t * t)
        radius = (-qb + np.sqrt(qb * qb - 4 * qa * qc)) / (2 * qa)
    return radius * u, radius * v


def figure_geometry(d, r):
    if r["X"].shape[1] != 2:
        raise CourseError(f"{d['_where']}: constraint-geometry needs exactly two features")
    g = Geometry(r["X"], r["y"], r["spec"]["standardize"])
    rho = number(d.get("l1_ratio", 0.5), d["_where"] + " l1_ratio")
    if d.get("budget") is not None:
        t = number(d["budget"], d["_where"] + " budget")
    elif d.get("alpha") is not None:
        t = float(np.abs(g.penalized(number(d["alpha"], d["_where"] + " alpha"), 1.0)).sum())
    else:
        t = 0.5 * float(np.abs(g.ols).sum())
    if not t > 0:
        raise CourseError(f"{d['_where']}: the budget t is 0; choose a smaller 'alpha'")
    solutions = {
        "lasso": g.constrained(t, 1.0, lambda b: float(np.abs(b).sum())),
        "ridge": g.constrained(t, 0.0, lambda b: float(np.sqrt(b @ b))),
        "enet": g.constrained(rho * t + (1 - rho) / 2 * t * t, rho,
                              lambda b: rho * float(np.abs(b).sum()) + (1 - rho) / 2 * float(b @ b)),
    }
    optimum = np.linalg.solve(g.G, g.c)
    extent = max([1.25 * t] + [1.12 * float(np.max(np.abs(p))) for p in [optimum, *solutions.values()]])
    grid = np.linspace(-extent, extent, 141)
    B1, B2 = np.meshgrid(grid, grid)
    values = g.loss(B1, B2)
    min_loss = g.loss(*optimum)
    max_loss = max(g.loss(sx * extent, sy * extent) for sx in (-1, 1) for sy in (-1, 1))
    levels = [min_loss + (max_loss - min_loss) * (k / 6) ** 2 for k in range(1, 6)]
    panels = [("lasso", "lasso: |β₁| + |β₂| ≤ t"), ("ridge", "ridge: ‖β‖₂ ≤ t"), ("enet", f"elastic net, ρ = {rho:g}")]
    boundaries = {kind: ball_boundary(kind, t, rho) for kind, _ in panels}
    names = r["names"]

    def draw():
        fig, axes = new_figure(3)
        for index, (ax, (kind, title)) in enumerate(zip(axes, panels)):
            bx, by = boundaries[kind]
            ax.fill(bx, by, color=f"C{index}", alpha=0.18)
            ax.fill(bx, by, fill=False, edgecolor=f"C{index}", lw=2)
            ax.contour(B1, B2, values, levels=levels, colors="0.55", linewidths=0.9, alpha=0.65)
            s = solutions[kind]
            ax.contour(B1, B2, values, levels=[g.loss(*s)], colors=ink(), linewidths=1.6, linestyles="--")
            ax.plot([s[0]], [s[1]], "o", color=f"C{index}", markersize=7)
            ax.annotate(f"β_{kind}", (s[0], s[1]), xytext=(-6 if s[0] >= 0 else 6, -8), textcoords="offset points",
                        ha="right" if s[0] >= 0 else "left", va="top", fontsize=8)
            ax.plot([optimum[0]], [optimum[1]], "+", color=ink(), markersize=10, mew=1.5)
            ax.annotate("β_OLS", optimum, xytext=(6, 4), textcoords="offset points", fontsize=8)
            ax.axhline(0, color="0.4", lw=0.8)
            ax.axvline(0, color="0.4", lw=0.8)
            ax.set_xlim(-extent, extent)
            ax.set_ylim(-extent, extent)
            ax.set_aspect("equal")
            ax.set_title(title, fontsize=9)
            ax.set_xlabel(f"β₁ ({names[0]})")
            ax.set_ylabel(f"β₂ ({names[1]})")
        fig.text(0.5, 0.02, "thin curves: loss contours · dashed: the contour touching the region · "
                 "+: unconstrained optimum · ●: constrained solution", ha="center", fontsize=7)
        return finish(fig, d)

    rows = [["budget", t, "", ""], ["l1_ratio", rho, "", ""], ["unconstrained_optimum", *optimum, min_loss]]
    rows += [[f"{kind}_solution", *solutions[kind], g.loss(*solutions[kind])] for kind, _ in panels]
    return draw, ["element", "beta_1", "beta_2", "loss"], rows


def figure_penalty_shapes(d):
    lam = number(d.get("threshold", 1.0), d["_where"] + " threshold")
    panels = d.get("panels") or ["penalties", "gradients", "thresholding"]
    radius = max(2.0, 3 * lam)
    theta = np.linspace(-radius, radius, 401)
    soft = np.sign(theta) * np.maximum(np.abs(theta) - lam, 0)
    shrink = theta / (1 + lam)

    def draw():
        fig, axes = new_figure(len(panels), squeeze=False)
        for ax, kind in zip(axes[0], panels):
            if kind == "penalties":
                ax.plot(theta, np.abs(theta), color="C0", lw=2, label="L1: |θ|")
                ax.plot(theta, theta ** 2, color="C1", ls="--", lw=2, label="L2: θ²")
                ax.set_title("penalties")
                ax.set_ylabel("penalty P(θ)")
                ax.set_xlabel("θ")
            elif kind == "gradients":
                ax.plot(theta, np.where(theta < 0, -1.0, np.nan), color="C0", lw=2, label="L1: sign(θ)")
                ax.plot(theta, np.where(theta > 0, 1.0, np.nan), color="C0", lw=2)
                ax.plot([0, 0], [-1, 1], color="C0", lw=4.5)
                ax.annotate("any value in [−1, 1] at θ = 0", (0, -1), xytext=(8, -4), textcoords="offset points",
                            va="top", fontsize=7, color="C0")
                ax.plot(theta, 2 * theta, color="C1", ls="--", lw=2, label="L2: 2θ")
                ax.set_title("(sub)gradients")
                ax.set_ylabel("dP/dθ")
                ax.set_xlabel("θ")
            else:
                ax.axvspan(-lam, lam, color="0.5", alpha=0.15, label="|z| ≤ λ → 0")
                ax.plot(theta, theta, color="0.5", lw=1.2, ls=":", label="no penalty")
                ax.plot(theta, soft, color="C0", lw=2, label="lasso: S(z, λ)")
                ax.plot(theta, shrink, color="C1", lw=2, ls="--", label="ridge: z/(1 + λ)")
                ax.set_title("estimate of one coefficient")
                ax.set_xlabel("least-squares value z")
                ax.set_ylabel("penalized estimate of θ")
            ax.legend(fontsize=7)
        if "thresholding" in panels:
            fig.text(0.5, 0.01, f"λ = {lam:g}; estimates minimize ½(z − θ)² + λ|θ| (lasso) or ½(z − θ)² + (λ/2)θ² (ridge)",
                     ha="center", fontsize=7)
        return finish(fig, d)

    rows = np.column_stack([theta, np.abs(theta), theta ** 2, np.sign(theta), 2 * theta, soft, shrink]).tolist()
    return draw, ["theta_or_z", "abs", "square", "sign", "two_theta", "soft_threshold", "ridge_shrink"], rows


def figure_polynomial(d, r):
    xs, ys = r["X"][:, 0], r["y"]
    if not xs.max() > xs.min():
        raise CourseError(f"{d['_where']}: polynomial-fit needs an input column with more than one value")
    grid = np.linspace(xs.min(), xs.max(), 241)
    if d.get("alphas") is not None:
        indices = [nearest_index(r["alphas"], number(a, d["_where"] + " alphas")) for a in d["alphas"]]
    else:
        indices = list(range(min(3, r["alphas"].size)))
    curves = predict(r["transform"](grid[:, None]), r["coefs"][indices], r["intercepts"][indices], r["classification"])
    truth = np.sin(2 * np.pi * grid) if r.get("generator") == "curve" else None
    everything = np.concatenate([ys, truth if truth is not None else []])
    lo, hi = everything.min(), everything.max()
    span = max(hi - lo, 1e-9)
    pad = max(xs.max() - xs.min(), 1e-9) * 0.03
    overlay = d.get("layout") == "overlay"

    def base(ax):
        if truth is not None:
            ax.plot(grid, truth, color="0.55", lw=1.5, ls=":", label="true curve")
        ax.plot(xs, ys, "o", mfc="none", color=ink(), markersize=5, label="samples")
        ax.set_xlim(xs.min() - pad, xs.max() + pad)
        ax.set_ylim(lo - 0.35 * span, hi + 0.35 * span)
        ax.set_xlabel("x")
        ax.set_ylabel("y")

    def draw():
        count = 1 if overlay else len(indices)
        columns = count if count <= 3 else (count + 1) // 2
        rows_ = math.ceil(count / columns)
        fig, axes = plt.subplots(rows_, columns, figsize=(WIDTH_IN, HEIGHT_IN), dpi=DPI, squeeze=False)
        axes = axes.ravel()
        for i, k in enumerate(indices):
            ax = axes[0 if overlay else i]
            if overlay and i == 0 or not overlay:
                base(ax)
            label = f"α = {r['alphas'][k]:.3g}"
            ax.plot(grid, curves[:, i], lw=2, color=f"C{i}", label=label if overlay else "fit")
            if not overlay:
                ax.set_title(label, fontsize=9)
            if overlay or i == 0:
                ax.legend(fontsize=7)
        return finish(fig, d)

    rows = [["sample", "", x, y] for x, y in zip(xs, ys)]
    if truth is not None:
        rows += [["true", "", x, y] for x, y in zip(grid, truth)]
    for i, k in enumerate(indices):
        rows += [["fit", r["alphas"][k], x, y] for x, y in zip(grid, curves[:, i])]
    return draw, ["series", "alpha", "x", "y"], rows


def figure_coefficients(d, results):
    ids = d.get("experiments") or [d.get("experiment")]
    labels, values, features = [], [], None
    for eid in ids:
        r = result_for(results, eid, d)
        if features is not None and features != r["names"]:
            raise CourseError(f"{d['_where']}: experiment '{eid}' has other features than '{ids[0]}'")
        features = r["names"]
        k = nearest_index(r["alphas"], number(d["alpha"], d["_where"] + " alpha")) if d.get("alpha") is not None else 0
        spec = r["spec"]
        label = {"ols": "least squares", "ridge": "ridge", "lasso": "lasso", "elasticnet": "elastic net",
                 "logistic": "logistic"}[spec["model"]]
        if spec["model"] == "elasticnet":
            label += f" (ρ = {spec['rho']:.2g})"
        if spec["model"] != "ols":
            label += f", α = {r['alphas'][k]:.2g}"
        labels.append(label)
        values.append(r["coefs"][k])
    values = np.array(values)
    m, p = values.shape
    width = 0.8 / m

    def draw():
        fig, ax = new_figure()
        for k in range(m):
            x0 = np.arange(p) - 0.4 + k * width + 0.06 * width
            ax.bar(x0, values[k], width=0.88 * width, align="edge", color=f"C{k}", label=labels[k])
            zero = values[k] == 0
            if zero.any():
                ax.plot(x0[zero] + 0.44 * width, np.zeros(zero.sum()), "o", mfc="none", color=f"C{k}", markersize=5)
        ax.axhline(0, color="0.4", lw=1)
        ax.set_xticks(np.arange(p))
        ax.set_xticklabels(features)
        ax.set_xlabel("feature")
        ax.set_ylabel("coefficient β_j (standardized)")
        ax.legend(fontsize=8)
        return finish(fig, d)

    rows = [[features[j]] + list(values[:, j]) for j in range(p)]
    return draw, ["feature"] + labels, rows


def result_for(results, eid, d):
    if eid not in results:
        raise CourseError(f"{d['_where']}: unknown experiment '{eid}'")
    return results[eid]


def build_figure(kind, d, results):
    if kind == "penalty-shapes":
        return figure_penalty_shapes(d)
    if kind == "coefficients":
        return figure_coefficients(d, results)
    builders = {"regularization-path": figure_path, "scores": figure_scores, "cv-curve": figure_cv,
                "constraint-geometry": figure_geometry, "polynomial-fit": figure_polynomial,
                "complexity-curve": figure_complexity}
    if kind not in builders:
        raise CourseError(f"{d['_where']}: unknown figure kind '{kind}'")
    return builders[kind](d, result_for(results, d.get("experiment"), d))


# ----------------------------------------------------------------------------------------------------------
# Tables (the numbers docgen puts in its HTML tables)
# ----------------------------------------------------------------------------------------------------------

def index_at(r, at, where):
    if at in ("best", "min", "1se"):
        k = best_index(r) if at == "best" else r["alpha_min_index" if at == "min" else "alpha_1se_index"]
        if k is None:
            raise CourseError(f"{where}: '{at}' needs cross-validation or a split")
        return k
    if at == "first":
        return 0
    if at == "last":
        return r["alphas"].size - 1
    return nearest_index(r["alphas"], number(at, where + " at"))


def build_table(kind, d, results):
    where = d["_where"]
    if kind == "coefficients":
        r = result_for(results, d.get("experiment"), d)
        wanted = d.get("alphas") or [r["alphas"][0]]
        ks = [nearest_index(r["alphas"], number(a, where + " alphas")) for a in wanted]
        rows = [[name] + [r["coefs"][k][j] for k in ks] for j, name in enumerate(r["names"])]
        rows.append(["nonzero"] + [int(np.count_nonzero(r["coefs"][k])) for k in ks])
        return ["feature"] + [fmt(r["alphas"][k]) for k in ks], rows
    if kind == "scores":
        header, rows = None, []
        for eid in d.get("experiments") or [d.get("experiment")]:
            r = result_for(results, eid, d)
            k = index_at(r, str(d.get("at", "best")), where)
            names = [name for name in r["metrics"] if name.startswith(("train_", "test_"))]
            header = header or ["experiment", "alpha"] + names
            rows.append([eid, r["alphas"][k]] + [r["metrics"][name][k] for name in names])
        return header, rows
    if kind == "cv":
        r = result_for(results, d.get("experiment"), d)
        if r["alpha_min_index"] is None:
            raise CourseError(f"{where}: the experiment has no cross-validation (add 'cv')")
        rows = [[label, r["alphas"][k], r["metrics"]["cv_mean"][k], r["metrics"]["cv_se"][k],
                 int(np.count_nonzero(r["coefs"][k]))]
                for label, k in (("alpha_min", r["alpha_min_index"]), ("alpha_1se", r["alpha_1se_index"]))]
        return ["choice", "alpha", "cv_mean", "cv_se", "nonzero"], rows
    raise CourseError(f"{where}: unknown table kind '{kind}'")


def write_rows(path, header, rows):
    with open(path, "w", encoding="utf-8", newline="") as f:
        out = csv.writer(f, lineterminator="\n")
        out.writerow(header)
        for row in rows:
            out.writerow([fmt(float(v)) if isinstance(v, (float, np.floating)) else v for v in row])


# ----------------------------------------------------------------------------------------------------------
# The build
# ----------------------------------------------------------------------------------------------------------

def build(content, out):
    experiments, figures, tables = parse_course(content)
    for folder in ("data", "figures", "tables"):
        os.makedirs(os.path.join(out, folder), exist_ok=True)

    results = {}
    for eid, options in experiments.items():
        spec = experiment_spec(options)
        X, y, names, generator = load_data(spec, content)
        r = run_experiment(X, y, names, spec)
        r["generator"] = generator
        results[eid] = r
        write_experiment_csv(os.path.join(out, "data", f"{eid}.csv"), r)

    for number_in_course, (chapter, kind, d) in enumerate(figures, start=1):
        stem = str(d.get("label") or f"{chapter}-figure-{number_in_course}")
        draw, header, rows = build_figure(kind, d, results)
        for suffix, style in STYLES:
            with plt.style.context(style):
                fig = draw()
                fig.savefig(os.path.join(out, "figures", f"{stem}{suffix}.png"), dpi=DPI)
                plt.close(fig)
        write_rows(os.path.join(out, "figures", f"{stem}.csv"), header, rows)

    for number_in_course, (chapter, kind, d) in enumerate(tables, start=1):
        stem = str(d.get("label") or f"{chapter}-table-{number_in_course}")
        header, rows = build_table(kind, d, results)
        write_rows(os.path.join(out, "tables", f"{stem}.csv"), header, rows)


def main(argv):
    global L1_SOLVER
    args = argv[1:]
    if len(args) == 4 and args[2] == "--l1-solver" and args[3] in ("saga", "liblinear"):
        L1_SOLVER = args[3]
        args = args[:2]
    if len(args) != 2:
        print("usage: course_sklearn_matplotlib.py CONTENT_DIR OUT_DIR [--l1-solver saga|liblinear]", file=sys.stderr)
        return 2
    # Non-convergence is part of the comparison (docgen reports it as a warning); keep stdout/stderr quiet.
    warnings.simplefilter("ignore", ConvergenceWarning)
    try:
        build(args[0], args[1])
    except CourseError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    except (OSError, ValueError, np.linalg.LinAlgError) as error:
        print(f"error: {type(error).__name__}: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
