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
  Content/README.md (curve, correlated, sparse, and the classification planes moons and circles: labels
  alternating 0, 1, angles uniform, Gaussian noise per coordinate) drawn with numpy (same distributions, different
  random streams).
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
* Holdout split (train_test_split with docgen's test-row count, round(test*n); with `method: sklearn` exactly
  train_test_split(test_size=test, random_state=seed), as docgen then takes), train/test R^2 and MSE, or
  accuracy and log-loss; `convention: sklearn` reads `alphas` as Ridge's alpha a (docgen's alpha = a/n) or `C`
  as LogisticRegression's (alpha = 1/(n*C)), n the fitting rows, and writes the author's values as `sklearn_alpha`;
  K-fold CV (KFold, shuffled, seeded) refitting the scaler and the whole path per fold
  on the same grid, mean and SE (sd/sqrt(K)) of held-out MSE or log-loss, alpha_min and alpha_1se.
  Metrics are computed with numpy on the n x m prediction matrix (all alphas at once), equal to
  sklearn.metrics but without its per-call validation overhead, so the peer is not handicapped.
* Output. OUT_DIR/data/ID.csv per experiment (alpha, coefficients, intercept, metrics, nonzero, duality gap;
  %.17g). Every figure directive drawn with matplotlib (Agg) at 8x5 in and 200 dpi (1600x1000 PNG), and again
  narrow, as docgen's variant for phones (4.5 in = 900 px wide, its panels stacked in one column, 3.7 in each),
  each once in a light and once in a dark style, as docgen ships all four: OUT_DIR/figures/LABEL.png,
  LABEL-dark.png, LABEL-narrow.png, LABEL-narrow-dark.png and LABEL.csv (the plotted numbers). Figures draw the same elements as docgen's: the same lines, point counts,
  panels, contours, top axes and markers (not pixel-identical). The constraint-geometry figure finds
  constrained solutions (budget form) by bisection in log alpha, one sklearn fit (enet_path warm-started, or
  Ridge) per step, to the same accuracy as docgen. Complexity curves over degree refit the experiment per degree.
  Tables (coefficients, scores, cv) are evaluated from the fits and written to OUT_DIR/tables/LABEL.csv
  (coefficients at every grid alpha unless `alphas` lists some; `rows: alpha` one row per alpha).
  constraint-geometry draws docgen's panels (the experiment's own model unless `panels` asks; all three for ols):
  with `alpha` each panel's penalized solution (one fit) on its own region, the budget through it; with a
  `budget` (default half the least-squares L1 norm) the constrained solutions; the elastic-net panel outlines the diamond and disk through its axis
  points and, with `corners: true`, the two tangents at its corner and their angle.
  chart: the per-alpha columns named (`coef.*`, metrics, l1_norm, nonzero, a network's weight_l2, ...) of one or
  more experiments, overlaid or `facet: feature` / `experiment` small multiples. bias-variance: the experiment
  refitted (its split and transform, at exactly the alphas named) on `samples` fresh draws of its curve generator
  (seeds seed + 1, ...), evaluated on 121 points; fits, mean, truth, bias^2 (net of the mean's sampling error)
  and variance per panel.
* Networks (`model: mlp`, chapter 11). Objective mean loss ((1/(2n))||y - f||^2, or the mean log-loss of a
  sigmoid output) + alpha*(rho*||W||_1 + (1-rho)/2*||W||^2) over the weights W of every layer; biases are never
  penalized. Inputs standardized as for the other models; `hidden` (default [16, 16]), `activation` (tanh, relu),
  `task`, `penalty` (l2, l1, elasticnet with l1_ratio), `seed`. Start: Glorot-uniform weights U(-s, s),
  s = sqrt(6/(fan_in + fan_out)), from numpy's generator seeded with `seed` (docgen draws the same distribution
  from its own xoshiro256** stream), hidden biases 0, output bias the null model's. The path runs alpha from the
  largest down, each alpha warm-started from the previous network and, with hidden layers, also trained from the
  seeded start, keeping the lower objective: two full fits per alpha after the first, as docgen.
  - `optimizer: lbfgs` (default), rho*alpha = 0 (`penalty: l2`, or alpha = 0): scikit-learn's
    MLPClassifier / MLPRegressor(solver="lbfgs") with warm_start and its weights set to the start. Its objective
    is mean loss + alpha_sk/(2n)*||W||^2, docgen's is mean loss + alpha/2*||W||^2, so alpha_sk = n*alpha (and its
    loss_ is docgen's objective). Stopping: docgen stops when the largest gradient entry is at most
    tolerance (default 1e-5 for networks) x null objective (the training rows' binary entropy, or variance/2), or
    after max_epochs (default 10000) iterations; scikit-learn's tol is exactly that gradient test (scipy's gtol)
    and max_iter the iteration limit (max_fun = 10*max_iter + 1000, room for the line searches). It also stops at
    L-BFGS-B's default ftol (relative decrease below 2.2e-9 in one iteration), which scikit-learn does not
    expose; on the course it ends some weak-penalty fits with the largest gradient entry a few times above the
    target (docgen's optimality column says how far each fit got).
  - rho*alpha > 0 (l1, elasticnet): scikit-learn has no L1 penalty for MLPs. A numpy forward/backward pass and
    scipy.optimize.minimize(method="L-BFGS-B") on the split w = w+ - w-, w+/- >= 0 (smooth: mean loss +
    alpha(1-rho)/2*||w||^2 + alpha*rho*sum(w+ + w-), bounds on the halves), from the same starts. L-BFGS-B's gtol
    is on the projected gradient, which on this split is exactly docgen's measure (the minimum-norm subgradient's
    largest entry), so gtol = tolerance x null objective; maxiter = max_epochs; ftol at rounding level (docgen
    has no decrease test). A weight is zero where w+ and w- both sit at the bound (exact zeros; docgen's
    proximal quasi-Newton also zeroes weights exactly); `nonzero` counts the others. ReLU networks also stop
    when the objective fell by at most the target over ten iterations (docgen's kink rule; a callback).
    (Networks without hidden layers take this scipy route too, from the null model, without restarts.)
  - Minibatch `optimizer: sgd | proximal-sgd | adam | adamw`: a numpy loop, exactly max_epochs epochs (default
    200) from the seeded start at every alpha (no warm start, no certificate), minibatches of batch_size rows
    (default min(200, n)) in an order reshuffled every epoch by numpy's generator seeded with `seed` (the same
    shuffles at every alpha, as docgen), step learning_rate (default 0.001). sgd: W -= eta*(g + alpha(1-rho)W +
    alpha*rho*sign(W)); proximal-sgd: the step without the L1 part, then soft-thresholding of the weights by
    eta*alpha*rho; adam: Adam (0.9, 0.999, 1e-8, bias-corrected) on g plus the penalty's (sub)gradient, the L2
    term in the loss; adamw: Adam on g alone and the decoupled decay W -= eta*alpha*W (penalty: l2 only). A loss
    that stops being finite ends training at the last finite epoch.
  - Results: data/ID.csv as docgen's (weights `w<l>_<from>_<to>`, hidden biases `b<l>_<unit>`, the output bias as
    intercept, train/test accuracy and log-loss or R^2 and MSE, weight_l1, weight_l2, epochs, nonzero, and the
    optimality measure at the end, one extra gradient evaluation), and data/ID-history.csv: per alpha and epoch
    the training loss, objective and validation (test-row) loss, epoch 0 the start for the full-batch methods.
    The scipy route records them in its per-iteration callback; scikit-learn's lbfgs MLP keeps no history and
    takes no callback, so a hook on its loss function keeps the evaluations that lower the objective (its
    iterates, but for the odd line-search trial) and the validation losses are computed for those afterwards.
    Minibatch runs record every epoch, as docgen (no epoch 0).
  - Figures: decision-boundary evaluates every panel's network (or logistic model) on docgen's grid of
    101 x 101 raw inputs spanning the data plus 5 % on each side, through the experiment's standardization, and
    draws the P = 1/2 contour solid, 1/4 and 3/4 dotted, and the rows (test rows hollow), one panel per requested
    alpha (default up to 12 along the grid); its CSV lists the rows and the 1/2 contour's polylines (contourpy,
    as matplotlib traces them). training-curve: training (solid) and validation (dashed) loss per epoch for the
    alphas asked (default largest, middle, smallest), log scale, lowest validation loss marked. weight-histogram:
    the weights of each experiment at one alpha in an odd number of bins (41) over [-max|w|, max|w|], exact zeros
    a labelled spike of their own. scores, chart (weight_l2 of three optimizers) and tables read networks as any
    model.

Not mirrored: docgen's Markdown-to-HTML rendering (cmark-gfm, math to MathML, cross-references, inline
{value} roles, theme, search index). That is a small share of a cold docgen build and has no sklearn or
matplotlib counterpart; the comparison is the fits and figures. Nor are the reproduce scripts and
input tables docgen ships per experiment, and docgen's exact random streams (its xoshiro256** generator for the
generated data, splits, folds, network starts and minibatch order: the peer draws the same distributions with
numpy, so networks, a non-convex fit, may settle in other local minima; run on docgen's own rows the full-batch
fits reach docgen's objective to 1e-3 at most alphas and within about 5 % at the rest, the minibatch runs,
whose shuffles differ, within about 10 %). scikit-learn's lbfgs MLP cannot take
docgen's L-BFGS details (its strong-Wolfe line search, its stall rule, no ftol); the full-batch L1 networks use
a bound-constrained split instead of docgen's proximal quasi-Newton method (the same minimizer, a different
path to it, usually more iterations). Also docgen may use 2 worker threads
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
from sklearn.neural_network import MLPClassifier, MLPRegressor  # noqa: E402
from sklearn.preprocessing import PolynomialFeatures, StandardScaler  # noqa: E402
from scipy.optimize import minimize  # noqa: E402
from scipy.special import expit  # noqa: E402
from contourpy import contour_generator  # noqa: E402

WIDTH_IN, HEIGHT_IN, DPI = 8, 5, 200
STYLES = (("", "default"), ("-dark", "dark_background"))
# docgen's narrow variant of every figure (for phones): 900 px wide, the panels stacked in one column, each about
# 740 px high. `build` sets NARROW while it draws that variant.
NARROW_WIDTH_IN, NARROW_PANEL_HEIGHT_IN = 4.5, 3.7
VARIANTS = (("", False), ("-narrow", True))
NARROW = False
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
    if model not in ("ols", "ridge", "lasso", "elasticnet", "logistic", "mlp"):
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
    convention = options.get("convention", "docgen")
    if convention not in ("docgen", "sklearn"):
        raise CourseError(f"{where}: unknown convention '{convention}'")
    spec = {
        "where": where, "data": options.get("data"), "target": options.get("target"),
        "features": options.get("features"), "standardize": bool(options.get("standardize", True)),
        "polynomial": int(options["polynomial"]) if options.get("polynomial") is not None else None,
        "model": model, "rho": rho, "alphas": parse_alphas(options.get("alphas", options.get("C")), where),
        "split": None, "cv": None, "convention": convention,
        "tolerance": number(options.get("tolerance", 1e-5 if model == "mlp" else 1e-7), where + " tolerance"),
        "max_iterations": int(number(options.get("max_iterations", 100000), where + " max_iterations")),
    }
    if model == "mlp":
        spec["network"] = network_spec(options, where)
    if options.get("split") is not None:
        s = options["split"]
        spec["split"] = (number(s.get("test", 0.2), where + " split.test"), int(s.get("seed", 0)),
                         s.get("method", "docgen"))
    if options.get("cv") is not None:
        c = options["cv"]
        spec["cv"] = (int(c.get("folds", 10)), int(c.get("seed", 0)))
    return spec


def network_spec(options, where):
    """The `model: mlp` keys, with docgen's defaults (Content/README.md, 'Neural networks')."""
    hidden = options.get("hidden", [16, 16])
    if not isinstance(hidden, list) or any(isinstance(h, bool) or int(h) != h or not 1 <= h <= 1024 for h in hidden):
        raise CourseError(f"{where}: 'hidden' must list layer widths from 1 to 1024")
    activation = options.get("activation", "tanh")
    if activation not in ("tanh", "relu"):
        raise CourseError(f"{where}: unknown activation '{activation}'")
    task = options.get("task", "regression")
    if task not in ("regression", "classification"):
        raise CourseError(f"{where}: unknown task '{task}'")
    optimizer = options.get("optimizer", "lbfgs")
    if optimizer not in ("lbfgs", "sgd", "proximal-sgd", "adam", "adamw"):
        raise CourseError(f"{where}: unknown optimizer '{optimizer}'")
    if optimizer == "adamw" and options.get("penalty", "l2") != "l2":
        raise CourseError(f"{where}: optimizer adamw needs penalty: l2")
    minibatch = optimizer != "lbfgs"
    return {
        "hidden": [int(h) for h in hidden], "activation": activation, "classification": task == "classification",
        "seed": int(options.get("seed", 0)), "optimizer": optimizer,
        "max_epochs": int(number(options.get("max_epochs", 200 if minibatch else 10000), where + " max_epochs")),
        "learning_rate": number(options.get("learning_rate", 0.001), where + " learning_rate"),
        "batch_size": int(options["batch_size"]) if options.get("batch_size") is not None else None,
    }


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
    if kind in ("moons", "circles"):
        # Labels alternate 0, 1, 0, ...; angles uniform; N(0, noise^2) on each coordinate (docgen's layout).
        label = np.arange(n) % 2
        if kind == "moons":
            t = np.pi * rng.uniform(0, 1, n)
            x1 = np.where(label == 0, np.cos(t), 1 - np.cos(t))
            x2 = np.where(label == 0, np.sin(t), 0.5 - np.sin(t))
        else:
            factor = number(g.get("factor", 0.5), where + " data.factor")
            t = 2 * np.pi * rng.uniform(0, 1, n)
            radius = np.where(label == 0, 1.0, factor)
            x1, x2 = radius * np.cos(t), radius * np.sin(t)
        X = np.column_stack([x1, x2]) + noise * rng.standard_normal((n, 2))
        return X, label.astype(float), ["x1", "x2"], kind
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


# ----------------------------------------------------------------------------------------------------------
# Networks (model: mlp)
# ----------------------------------------------------------------------------------------------------------

class Network:
    """A fully connected network on one flat parameter vector theta, in docgen's layout, which is also
    scikit-learn's MLP packing: every weight first (W_1 ... W_{L+1}, each fan_in x fan_out row-major), then the
    biases b_1 ... b_{L+1} (the output bias last). Forward and backward passes in numpy; the loss is the mean
    loss ((1/(2n))||y - f||^2, or the mean log-loss of a sigmoid output), without the penalty."""

    def __init__(self, inputs, hidden, activation, classification):
        self.widths = [inputs] + list(hidden) + [1]
        self.tanh = activation == "tanh"
        self.classification = classification
        self.weights, self.biases, offset = [], [], 0
        for fan_in, fan_out in zip(self.widths[:-1], self.widths[1:]):
            self.weights.append((offset, offset + fan_in * fan_out, (fan_in, fan_out)))
            offset += fan_in * fan_out
        self.weight_count = offset
        for fan_out in self.widths[1:]:
            self.biases.append((offset, offset + fan_out))
            offset += fan_out
        self.size = offset

    def layers(self, theta):
        return [(theta[a:b].reshape(shape), theta[c:d]) for (a, b, shape), (c, d) in zip(self.weights, self.biases)]

    def forward(self, theta, X):
        """Every layer's values (the inputs first) and the output eta."""
        values = [X]
        layers = self.layers(theta)
        for W, b in layers[:-1]:
            h = values[-1] @ W
            h += b
            values.append(np.tanh(h, out=h) if self.tanh else np.maximum(h, 0.0, out=h))
        W, b = layers[-1]
        return values, (values[-1] @ W)[:, 0] + b[0]

    def predict(self, theta, X):
        eta = self.forward(theta, X)[1]
        return expit(eta) if self.classification else eta

    def loss(self, theta, X, y):
        eta = self.forward(theta, X)[1]
        if self.classification:
            return float(np.mean(np.logaddexp(0.0, eta) - y * eta))
        r = eta - y
        return 0.5 * float(r @ r) / y.size

    def loss_grad(self, theta, X, y):
        values, eta = self.forward(theta, X)
        n = y.size
        if self.classification:
            loss = float(np.mean(np.logaddexp(0.0, eta) - y * eta))
            delta = ((expit(eta) - y) / n)[:, None]
        else:
            r = eta - y
            loss = 0.5 * float(r @ r) / n
            delta = (r / n)[:, None]
        grad = np.empty(self.size)
        for l in range(len(self.weights) - 1, -1, -1):
            (a, b, shape), (c, d) = self.weights[l], self.biases[l]
            grad[a:b] = (values[l].T @ delta).ravel()
            grad[c:d] = delta.sum(axis=0)
            if l > 0:
                delta = delta @ theta[a:b].reshape(shape).T
                delta *= (1.0 - values[l] * values[l]) if self.tanh else (values[l] > 0)
        return loss, grad

    def glorot(self, seed, output_bias):
        """Glorot-uniform weights U(-s, s), s = sqrt(6 / (fan_in + fan_out)), layer by layer from a generator
        seeded with `seed`; hidden biases 0; the output bias the null model's (docgen's start; numpy's stream)."""
        rng = np.random.default_rng(seed)
        theta = np.zeros(self.size)
        for a, b, (fan_in, fan_out) in self.weights:
            bound = math.sqrt(6.0 / (fan_in + fan_out))
            theta[a:b] = rng.uniform(-bound, bound, b - a)
        theta[-1] = output_bias
        return theta

    def weight_names(self, inputs):
        if len(self.weights) == 1:
            return list(inputs)
        names = []
        last = len(self.weights)
        for l, (_, _, (fan_in, fan_out)) in enumerate(self.weights, start=1):
            for i in range(fan_in):
                source = inputs[i] if l == 1 else str(i + 1)
                names += [f"w{l}_{source}_{'out' if l == last else j + 1}" for j in range(fan_out)]
        return names

    def hidden_bias_names(self):
        return [f"b{l}_{j + 1}" for l, width in enumerate(self.widths[1:-1], start=1) for j in range(width)]


def optimality(net, theta, grad, l1):
    """docgen's optimality measure from the gradient of the smooth part (loss + L2 term): its largest entry, or
    with an L1 term the largest entry of the minimum-norm subgradient (for a zero weight: how far |g| exceeds l1)."""
    if l1 <= 0:
        return float(np.max(np.abs(grad)))
    nw = net.weight_count
    w, g = theta[:nw], grad[:nw]
    pseudo = np.where(w > 0, g + l1, np.where(w < 0, g - l1, np.sign(g) * np.maximum(np.abs(g) - l1, 0.0)))
    return float(max(np.max(np.abs(pseudo)), np.max(np.abs(grad[nw:]))))


class _RecordingLBFGS:
    """scikit-learn's lbfgs MLP keeps no per-iteration history (loss_curve_ is for its sgd and adam solvers) and
    takes no callback; this hook on its loss-and-gradient function sees every parameter vector L-BFGS evaluates
    (the fit keeps those that lower the objective, the iterates but for the odd line-search trial)."""
    recorder = None

    def _loss_grad_lbfgs(self, packed, *args):
        loss, grad = super()._loss_grad_lbfgs(packed, *args)
        if self.recorder is not None:
            self.recorder(packed, loss)
        return loss, grad


class RecordingMLPClassifier(_RecordingLBFGS, MLPClassifier):
    pass


class RecordingMLPRegressor(_RecordingLBFGS, MLPRegressor):
    pass


class NetworkPath:
    """docgen's network path on model-scale rows Z (see the module docstring): alpha from the largest down, each
    warm-started from the previous alpha's network and, with hidden layers, also trained from the seeded start,
    keeping the lower objective; minibatch optimizers train every alpha from the seeded start for exactly
    max_epochs epochs."""

    def __init__(self, Z, y, spec, validation=None):
        ns = spec["network"]
        self.Z, self.y, self.ns, self.rho, self.validation = Z, y, ns, spec["rho"], validation
        self.net = Network(Z.shape[1], ns["hidden"], ns["activation"], ns["classification"])
        mean = float(y.mean())
        if ns["classification"]:
            p = min(max(mean, 1e-12), 1 - 1e-12)
            null_intercept, null_objective = math.log(p / (1 - p)), -(p * math.log(p) + (1 - p) * math.log(1 - p))
        else:
            null_intercept, null_objective = mean, 0.5 * float(np.mean((y - mean) ** 2))
        self.target = spec["tolerance"] * null_objective
        if ns["hidden"]:
            self.initial = self.net.glorot(ns["seed"], null_intercept)
        else:
            self.initial = np.zeros(self.net.size)
            self.initial[-1] = null_intercept
        self.estimator = None

    def penalty(self, theta, alpha):
        w = theta[:self.net.weight_count]
        return alpha * (self.rho * float(np.abs(w).sum()) + (1 - self.rho) / 2 * float(w @ w))

    def validation_loss(self, theta):
        return self.net.loss(theta, *self.validation) if self.validation is not None else None

    def fit(self, alphas):
        order = np.argsort(-alphas, kind="stable")
        outcomes, previous = [None] * alphas.size, None
        for k in order:
            alpha = float(alphas[k])
            if self.ns["optimizer"] != "lbfgs":
                outcome = self.minibatch(alpha)
            else:
                outcome = self.full_batch(self.initial if previous is None else previous, alpha)
                if self.ns["hidden"] and previous is not None:
                    seeded = self.full_batch(self.initial, alpha)
                    if seeded["objective"] < outcome["objective"]:
                        outcome = seeded
                previous = outcome["theta"]
            outcomes[k] = outcome
        return outcomes

    def full_batch(self, start, alpha):
        if self.rho * alpha > 0 or not self.ns["hidden"]:
            return self.scipy_lbfgs(start, alpha)
        return self.sklearn_lbfgs(start, alpha)

    def sklearn_lbfgs(self, start, alpha):
        """MLPClassifier / MLPRegressor(solver="lbfgs") from `start`. scikit-learn minimizes mean loss +
        alpha_sk/(2n)||W||^2 (the same mean losses, biases unpenalized) and docgen mean loss + alpha/2 ||W||^2, so
        alpha_sk = n * alpha and scikit-learn's loss_ is docgen's objective. Its tol is scipy's gtol, the largest
        entry of the gradient: docgen's optimality measure, so tol = tolerance * null objective; max_iter is
        max_epochs (an L-BFGS iteration is docgen's epoch), max_fun generous (docgen's line search may take up to 25
        evaluations). scikit-learn does not expose L-BFGS-B's ftol: its default (a relative decrease of 2.2e-9 per
        iteration) may stop a fit on a flat stretch before the gradient test; docgen has no such test."""
        net, ns, n = self.net, self.ns, self.y.size
        target = self.y.astype(int) if ns["classification"] else self.y
        if self.estimator is None:
            model = RecordingMLPClassifier if ns["classification"] else RecordingMLPRegressor
            self.estimator = model(hidden_layer_sizes=tuple(ns["hidden"]), activation=ns["activation"], solver="lbfgs",
                                   alpha=0.0, tol=self.target, max_iter=1, random_state=0)
            self.estimator.fit(self.Z, target)  # sets up the shapes; the weights are replaced before every fit
            self.estimator.set_params(warm_start=True, max_iter=ns["max_epochs"], max_fun=10 * ns["max_epochs"] + 1000)
        est = self.estimator
        est.coefs_ = [start[a:b].reshape(shape).copy() for a, b, shape in net.weights]
        est.intercepts_ = [start[c:d].copy() for c, d in net.biases]
        evaluations = []

        def record(packed, loss):  # keeps the evaluations that lower the objective: L-BFGS's iterates
            if not evaluations or loss < evaluations[-1][0]:
                evaluations.append((float(loss), packed.copy()))

        est.recorder = record
        est.set_params(alpha=n * alpha)
        est.fit(self.Z, target)
        est.recorder = None
        history = {"objective": [value for value, _ in evaluations],
                   "train_loss": [value - self.penalty(packed, alpha) for value, packed in evaluations],
                   "validation_loss": None if self.validation is None
                   else [self.validation_loss(packed) for _, packed in evaluations]}
        theta = np.concatenate([c.ravel() for c in est.coefs_] + [b.ravel() for b in est.intercepts_])
        loss, grad = net.loss_grad(theta, self.Z, self.y)
        grad[:net.weight_count] += alpha * theta[:net.weight_count]
        return {"theta": theta, "objective": float(est.loss_), "epochs": int(est.n_iter_),
                "optimality": optimality(net, theta, grad, 0.0), "history": history}

    def scipy_lbfgs(self, start, alpha):
        """scipy's L-BFGS-B on the split w = w+ - w-, w+/- >= 0 (mean loss + alpha(1-rho)/2 ||w||^2 +
        alpha*rho*sum(w+ + w-), smooth with bounds), or on theta itself without an L1 part. Its gtol is on the
        projected gradient, which on the split equals docgen's minimum-norm subgradient measure; ftol at rounding
        level (docgen has no decrease test); maxiter = max_epochs. A weight is zero when w+ and w- are both at 0."""
        net, ns = self.net, self.ns
        nw, l1, l2 = net.weight_count, alpha * self.rho, alpha * (1 - self.rho)
        split = l1 > 0

        def unsplit(x):
            if not split:
                return x
            return np.concatenate([x[:nw] - x[nw:2 * nw], x[2 * nw:]])

        last = {}

        def fun(x):
            theta = unsplit(x)
            loss, g = net.loss_grad(theta, self.Z, self.y)
            w = theta[:nw]
            value = loss + 0.5 * l2 * float(w @ w)
            g[:nw] += l2 * w
            if split:
                value += l1 * float(x[:2 * nw].sum())
                g = np.concatenate([g[:nw] + l1, l1 - g[:nw], g[nw:]])
            last.update(x=x.copy(), loss=loss, value=value)
            return value, g

        history = {"train_loss": [], "objective": [], "validation_loss": [] if self.validation is not None else None}

        def record(x):
            if "x" not in last or not np.array_equal(last["x"], x):
                fun(x)
            history["train_loss"].append(last["loss"])
            history["objective"].append(last["value"])
            if history["validation_loss"] is not None:
                history["validation_loss"].append(self.validation_loss(unsplit(x)))
            objectives = history["objective"]
            # ReLU networks: docgen also stops when the objective fell by at most the target over ten epochs.
            if not net.tanh and len(objectives) > 10 and objectives[-11] - objectives[-1] <= self.target:
                raise StopIteration

        if split:
            w = start[:nw]
            x0 = np.concatenate([np.maximum(w, 0), np.maximum(-w, 0), start[nw:]])
            bounds = [(0, None)] * (2 * nw) + [(None, None)] * (net.size - nw)
        else:
            x0, bounds = start.copy(), None
        record(x0)
        result = minimize(fun, x0, jac=True, method="L-BFGS-B", bounds=bounds, callback=record,
                          options={"maxiter": ns["max_epochs"], "maxfun": 10 * ns["max_epochs"] + 1000,
                                   "gtol": self.target, "ftol": 4 * np.finfo(float).eps, "maxcor": 10})
        theta = unsplit(result.x)  # a weight is exactly 0 where w+ and w- both sit at the bound
        loss, grad = net.loss_grad(theta, self.Z, self.y)
        grad[:nw] += l2 * theta[:nw]
        return {"theta": theta, "objective": loss + self.penalty(theta, alpha), "epochs": int(result.nit),
                "optimality": optimality(net, theta, grad, l1), "history": history}

    def minibatch(self, alpha):
        """sgd / proximal-sgd / adam / adamw for exactly max_epochs epochs from the seeded start, minibatches of
        batch_size rows in an order reshuffled every epoch by a generator seeded with the network's seed (the same
        shuffles at every alpha, as docgen's); the training loss, objective and validation loss after every epoch."""
        net, ns = self.net, self.ns
        Z, y, n = self.Z, self.y, self.y.size
        nw, l1, l2, eta = net.weight_count, alpha * self.rho, alpha * (1 - self.rho), ns["learning_rate"]
        size = min(n, max(1, ns["batch_size"] or min(200, n)))
        method = ns["optimizer"]
        beta1, beta2, epsilon = 0.9, 0.999, 1e-8
        rng = np.random.default_rng(ns["seed"])
        theta = self.initial.copy()
        last_finite = theta.copy()
        m, v = np.zeros(net.size), np.zeros(net.size)
        power1 = power2 = 1.0
        history = {"train_loss": [], "objective": [], "validation_loss": [] if self.validation is not None else None}
        epochs = 0
        for _ in range(ns["max_epochs"]):
            order = rng.permutation(n)
            for begin in range(0, n, size):
                rows = order[begin:begin + size]
                _, g = net.loss_grad(theta, Z[rows], y[rows])
                w = theta[:nw]
                if method == "sgd":
                    g[:nw] += l2 * w + l1 * np.sign(w)
                    theta -= eta * g
                elif method == "proximal-sgd":
                    g[:nw] += l2 * w
                    theta -= eta * g
                    if l1 > 0:
                        w = theta[:nw]
                        theta[:nw] = np.sign(w) * np.maximum(np.abs(w) - eta * l1, 0.0)
                else:
                    if method == "adam":
                        g[:nw] += l2 * w + l1 * np.sign(w)
                    power1 *= beta1
                    power2 *= beta2
                    m *= beta1
                    m += (1 - beta1) * g
                    v *= beta2
                    v += (1 - beta2) * g * g
                    step = (m / (1 - power1)) / (np.sqrt(v / (1 - power2)) + epsilon)
                    if method == "adamw":
                        step[:nw] += alpha * theta[:nw]
                    theta -= eta * step
            epochs += 1
            loss = net.loss(theta, Z, y)
            objective = loss + self.penalty(theta, alpha)
            if not (math.isfinite(loss) and math.isfinite(objective)):
                theta = last_finite
                break
            last_finite = theta.copy()
            history["train_loss"].append(loss)
            history["objective"].append(objective)
            if history["validation_loss"] is not None:
                history["validation_loss"].append(self.validation_loss(theta))
        loss, grad = net.loss_grad(theta, Z, y)
        grad[:nw] += l2 * theta[:nw]
        return {"theta": theta, "objective": loss + self.penalty(theta, alpha), "epochs": epochs,
                "optimality": optimality(net, theta, grad, l1), "history": history}


def fit_network(Z, y, spec, alphas, validation=None):
    """A fitted network path as the linear fits are returned: weights as coefficients, output bias as intercept,
    optimality as the certificate; plus the parameter vectors, hidden biases, per-alpha columns and histories."""
    path = NetworkPath(Z, y, spec, validation)
    outcomes = path.fit(alphas)
    net = path.net
    thetas = np.array([o["theta"] for o in outcomes])
    weights = thetas[:, :net.weight_count]
    return {
        "net": net, "thetas": thetas, "coefs": weights, "intercepts": thetas[:, -1].copy(),
        "gaps": np.array([o["optimality"] for o in outcomes]), "hidden_biases": thetas[:, net.weight_count:-1],
        "columns": {"weight_l1": np.abs(weights).sum(axis=1), "weight_l2": np.sqrt((weights ** 2).sum(axis=1)),
                    "epochs": np.array([float(o["epochs"]) for o in outcomes])},
        "histories": [o["history"] for o in outcomes],
    }


def fit_any(Z, y, spec, alphas, validation=None):
    """The path of any model, with a function giving its predictions (rows x alphas) for model-scale rows."""
    classification = is_classification(spec)
    if spec["model"] == "mlp":
        fit = fit_network(Z, y, spec, alphas, validation)
        net, thetas = fit["net"], fit["thetas"]
        fit["predict"] = lambda rows: np.column_stack([net.predict(theta, rows) for theta in thetas])
        return fit
    coefs, intercepts, gaps = fit_path(Z, y, spec, alphas)
    return {"coefs": coefs, "intercepts": intercepts, "gaps": gaps,
            "predict": lambda rows: predict(rows, coefs, intercepts, classification)}


def is_classification(spec):
    return spec["model"] == "logistic" or (spec["model"] == "mlp" and spec["network"]["classification"])


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


def holdout(n, split):
    """Training and test rows: docgen's split (round(test * n) test rows, sorted) or, with method: sklearn, exactly
    train_test_split's rows (ceil(test * n) test rows, in its order)."""
    rows = np.arange(n)
    if not split:
        return rows, rows[:0]
    fraction, seed, method = split
    if method == "sklearn":
        return train_test_split(rows, test_size=fraction, random_state=seed)
    n_test = min(max(int(math.floor(fraction * n + 0.5)), 1), n - 2)
    train, test = train_test_split(rows, test_size=n_test, random_state=seed)
    return np.sort(train), np.sort(test)


def penalty_alphas(spec, values, n):
    """docgen's alpha for the author's values: with convention: sklearn, Ridge's alpha is n * alpha and
    LogisticRegression's C is 1 / (n * alpha), n the fitting rows."""
    if spec["convention"] != "sklearn":
        return values
    if spec["model"] == "ridge":
        return values / n
    if spec["model"] == "logistic":
        return 1.0 / (n * values)
    return values


def run_experiment(X_raw, y, names, spec):
    classification = is_classification(spec)
    if classification and not np.all((y == 0) | (y == 1)):
        raise CourseError(f"{spec['where']}: a classification needs a 0/1 target")
    degree = spec["polynomial"]
    if degree and degree > 1 and X_raw.shape[1] != 1:
        raise CourseError(f"{spec['where']}: polynomial features need exactly one input column")
    train, test = holdout(X_raw.shape[0], spec["split"])
    transform = Transform(degree, spec["standardize"], X_raw[train])
    Z = transform(X_raw[train])
    amax = alpha_max(Z, y[train], spec["rho"])
    values = resolve_alphas(spec["alphas"], spec["model"], amax)
    alphas = penalty_alphas(spec, values, train.size) if spec["alphas"][0] == "explicit" else values
    validation = (transform(X_raw[test]), y[test]) if test.size else None
    fit = fit_any(Z, y[train], spec, alphas, validation)
    raw_names = names
    if degree and degree > 1:
        names = [names[0]] + [f"{names[0]}^{d}" for d in range(2, degree + 1)]
    metrics = {}
    parts = [("train", train)] + ([("test", test)] if test.size else [])
    computed = {part: scores(y[idx], fit["predict"](transform(X_raw[idx])), classification) for part, idx in parts}
    for score in (("accuracy", "log_loss") if classification else ("r2", "mse")):
        for part, _ in parts:
            metrics[f"{part}_{score}"] = computed[part][score]
    result = {"spec": spec, "names": names, "alphas": alphas, "penalty_values": values, "coefs": fit["coefs"],
              "intercepts": fit["intercepts"], "gaps": fit["gaps"], "predict": fit["predict"],
              "metrics": metrics, "alpha_max": amax, "transform": transform, "classification": classification,
              "alpha_min_index": None, "alpha_1se_index": None, "X": X_raw, "y": y, "raw_names": raw_names,
              "test_rows": test}
    if spec["cv"]:
        cross_validate(X_raw[train], y[train], spec, alphas, result)
    if spec["model"] == "mlp":
        net = fit["net"]
        metrics.update(fit["columns"])
        result.update(names=net.weight_names(names), hidden_bias_names=net.hidden_bias_names(),
                      hidden_biases=fit["hidden_biases"], histories=fit["histories"], net=net, thetas=fit["thetas"])
    return result


def cross_validate(X_raw, y, spec, alphas, result):
    folds, seed = spec["cv"]
    if X_raw.shape[0] < folds:
        raise CourseError(f"{spec['where']}: cv asks for {folds} folds but only {X_raw.shape[0]} rows are available")
    errors = []
    key = "log_loss" if result["classification"] else "mse"
    for fit_rows, held_rows in KFold(n_splits=folds, shuffle=True, random_state=seed).split(X_raw):
        transform = Transform(spec["polynomial"], spec["standardize"], X_raw[fit_rows])
        fit = fit_any(transform(X_raw[fit_rows]), y[fit_rows], spec, alphas)
        held = fit["predict"](transform(X_raw[held_rows]))
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
    """One row per alpha, as docgen's data/ID.csv; a network also gets ID-history.csv (alpha, epoch, losses)."""
    network = r["spec"]["model"] == "mlp"
    extra = r.get("hidden_bias_names", [])
    sklearn_column = ["sklearn_alpha"] if r["spec"]["convention"] == "sklearn" else []
    header = ["alpha"] + sklearn_column + r["names"] + extra + ["intercept"] + list(r["metrics"])
    header += ["nonzero", "optimality" if network else "duality_gap"]
    lines = [",".join(header)]
    for k in range(r["alphas"].size):
        cells = [fmt(r["alphas"][k])] + [fmt(r["penalty_values"][k]) for _ in sklearn_column]
        cells += [fmt(v) for v in r["coefs"][k]] + [fmt(v) for v in (r["hidden_biases"][k] if extra else [])]
        cells += [fmt(r["intercepts"][k])] + [fmt(col[k]) for col in r["metrics"].values()]
        cells += [str(int(np.count_nonzero(r["coefs"][k]))), fmt(r["gaps"][k])]
        lines.append(",".join(cells))
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    if network:
        rows = []
        for k, h in enumerate(r["histories"]):
            validation = h["validation_loss"] or [float("nan")] * len(h["train_loss"])
            rows += [[r["alphas"][k], e, h["train_loss"][e], h["objective"][e], validation[e]]
                     for e in range(len(h["train_loss"]))]
        write_rows(path[:-4] + "-history.csv", ["alpha", "epoch", "train_loss", "objective", "validation_loss"], rows)


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


def panel_figure(n_rows, columns, **kwargs):
    """plt.subplots(n_rows, columns) at the figure size, or, for the narrow variant, the same panels stacked in one
    column (the axes returned in the shape the wide layout has, so callers index them the same way)."""
    if not NARROW:
        return plt.subplots(n_rows, columns, figsize=(WIDTH_IN, HEIGHT_IN), dpi=DPI, **kwargs)
    count = n_rows * columns
    squeeze = kwargs.pop("squeeze", True)
    fig, axes = plt.subplots(count, 1, figsize=(NARROW_WIDTH_IN, NARROW_PANEL_HEIGHT_IN * count), dpi=DPI,
                             squeeze=False, **kwargs)
    axes = axes.reshape(n_rows, columns)
    if squeeze:
        axes = axes[0, 0] if count == 1 else axes.reshape(-1) if min(n_rows, columns) == 1 else axes
    return fig, axes


def new_figure(ncols=1, **kwargs):
    return panel_figure(1, ncols, **kwargs)


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


def budget_through(b, kind, rho):
    """The budget t whose region has b on its boundary (docgen's budgetThrough)."""
    l1, l2sq = float(np.abs(b).sum()), float(b @ b)
    if kind == "lasso":
        return l1
    if kind == "ridge":
        return math.sqrt(l2sq)
    value = rho * l1 + (1 - rho) / 2 * l2sq
    return (-rho + math.sqrt(rho * rho + 2 * (1 - rho) * value)) / (1 - rho)


def figure_geometry(d, r):
    """docgen's constraint-geometry: one panel per entry of `panels`, by default the experiment's own model (all
    three for ols). With `alpha` (penalized form) each panel's solution is the penalized fit at that alpha, on the
    boundary of its own region (budget through the solution); otherwise every region has the budget t (given, or
    half the least-squares L1 norm) and the constrained solution is found by bisection. The elastic-net panel
    outlines the diamond and disk through its axis points; `corners: true` draws its corner's two tangents."""
    where = d["_where"]
    if r["X"].shape[1] != 2:
        raise CourseError(f"{where}: constraint-geometry needs exactly two features")
    g = Geometry(r["X"], r["y"], r["spec"]["standardize"])
    own = r["spec"]["rho"] if r["spec"]["model"] != "ols" else None
    if d.get("panels"):
        kinds = [{"elastic-net": "enet"}.get(k, k) for k in d["panels"]]
    else:
        kinds = {1.0: ["lasso"], 0.0: ["ridge"], None: ["lasso", "ridge", "enet"]}.get(own, ["enet"])
    if d.get("l1_ratio") is not None:
        rho = number(d["l1_ratio"], where + " l1_ratio")
    else:
        rho = own if own is not None and 0 < own < 1 else 0.5
    mix = {"lasso": 1.0, "ridge": 0.0, "enet": rho}
    solutions, budgets, panel_alphas = {}, {}, {}
    if d.get("alpha") is not None:
        given = d["alpha"] if isinstance(d["alpha"], list) else [d["alpha"]] * len(kinds)
        for kind, a in zip(kinds, given):
            panel_alphas[kind] = number(a, where + " alpha")
            solutions[kind] = g.penalized(panel_alphas[kind], mix[kind])
            budgets[kind] = budget_through(solutions[kind], kind, rho)
            if not budgets[kind] > 0:
                raise CourseError(f"{where}: a solution at this α is all zero; choose a smaller 'alpha'")
    else:
        t = number(d["budget"], where + " budget") if d.get("budget") is not None else 0.5 * float(np.abs(g.ols).sum())
        if not t > 0:
            raise CourseError(f"{where}: the budget t must be positive")
        sizes = {"lasso": (t, lambda b: float(np.abs(b).sum())), "ridge": (t, lambda b: float(np.sqrt(b @ b))),
                 "enet": (rho * t + (1 - rho) / 2 * t * t,
                          lambda b: rho * float(np.abs(b).sum()) + (1 - rho) / 2 * float(b @ b))}
        for kind in kinds:
            solutions[kind] = g.constrained(sizes[kind][0], mix[kind], sizes[kind][1])
            budgets[kind] = t
    optimum = np.linalg.solve(g.G, g.c)
    extent = max([1.25 * max(budgets.values())]
                 + [1.12 * float(np.max(np.abs(p))) for p in [optimum, *solutions.values()]])
    grid = np.linspace(-extent, extent, 141)
    B1, B2 = np.meshgrid(grid, grid)
    values = g.loss(B1, B2)
    min_loss = g.loss(*optimum)
    max_loss = max(g.loss(sx * extent, sy * extent) for sx in (-1, 1) for sy in (-1, 1))
    levels = [min_loss + (max_loss - min_loss) * (k / 6) ** 2 for k in range(1, 6)]
    boundaries = {kind: ball_boundary(kind, budgets[kind], rho) for kind in kinds}
    outlines = {kind: (ball_boundary("lasso", budgets[kind], rho), ball_boundary("ridge", budgets[kind], rho))
                for kind in kinds if kind == "enet"}
    names = r["names"]
    titles = {"lasso": "lasso: |β₁| + |β₂| ≤ t", "ridge": "ridge: ‖β‖₂ ≤ t", "enet": f"elastic net, ρ = {rho:g}"}

    def draw():
        fig, axes = new_figure(len(kinds), squeeze=False)
        for index, (ax, kind) in enumerate(zip(axes[0], kinds)):
            bx, by = boundaries[kind]
            ax.fill(bx, by, color=f"C{index}", alpha=0.18)
            ax.fill(bx, by, fill=False, edgecolor=f"C{index}", lw=2)
            if kind in outlines:
                for ox, oy in outlines[kind]:
                    ax.plot(np.append(ox, ox[0]), np.append(oy, oy[0]), color="0.6", lw=0.8, alpha=0.6)
                if d.get("corners"):
                    t = budgets[kind]
                    rise = rho + (1 - rho) * t
                    length = 0.35 * t
                    for sign in (1, -1):
                        direction = np.array([-rho, sign * rise]) / math.hypot(rho, rise)
                        ax.plot([t, t + length * direction[0]], [0, length * direction[1]], color=ink(), lw=1.2)
                    angle = 180 - 2 * math.degrees(math.atan(rho / rise))
                    ax.annotate(f"corner {angle:.0f}°", (t, 0), xytext=(6, 6), textcoords="offset points", fontsize=7)
            ax.contour(B1, B2, values, levels=levels, colors="0.55", linewidths=0.9, alpha=0.65)
            sol = solutions[kind]
            ax.contour(B1, B2, values, levels=[g.loss(*sol)], colors=ink(), linewidths=1.6, linestyles="--")
            ax.plot([sol[0]], [sol[1]], "o", color=f"C{index}", markersize=7)
            ax.annotate(f"β_{kind}", (sol[0], sol[1]), xytext=(-6 if sol[0] >= 0 else 6, -8), textcoords="offset points",
                        ha="right" if sol[0] >= 0 else "left", va="top", fontsize=8)
            ax.plot([optimum[0]], [optimum[1]], "+", color=ink(), markersize=10, mew=1.5)
            ax.annotate("β_OLS", optimum, xytext=(6, 4), textcoords="offset points", fontsize=8)
            ax.axhline(0, color="0.4", lw=0.8)
            ax.axvline(0, color="0.4", lw=0.8)
            ax.set_xlim(-extent, extent)
            ax.set_ylim(-extent, extent)
            ax.set_aspect("equal")
            title = titles[kind] + f", t = {budgets[kind]:.3g}"
            if kind in panel_alphas:
                title += f", α = {panel_alphas[kind]:.3g}"
            ax.set_title(title, fontsize=9)
            ax.set_xlabel(f"β₁ ({names[0]})")
            ax.set_ylabel(f"β₂ ({names[1]})")
        fig.text(0.5, 0.02, "thin curves: loss contours · dashed: the contour touching the region · "
                 "+: unconstrained optimum · ●: constrained solution", ha="center", fontsize=7)
        return finish(fig, d)

    rows = [["l1_ratio", rho, "", ""], ["unconstrained_optimum", *optimum, min_loss]]
    rows += [[f"{kind}_budget", budgets[kind], "", ""] for kind in kinds]
    rows += [[f"{kind}_solution", *solutions[kind], g.loss(*solutions[kind])] for kind in kinds]
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
        fig, axes = panel_figure(rows_, columns, squeeze=False)
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
                 "logistic": "logistic", "mlp": "network"}[spec["model"]]
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


def predict_at(r, Z, k):
    """The experiment's prediction (y-hat or P(y = 1)) at grid index k for model-scale rows Z."""
    if r["spec"]["model"] == "mlp":
        return r["net"].predict(r["thetas"][k], Z)
    return predict(Z, r["coefs"][[k]], r["intercepts"][[k]], r["classification"])[:, 0]


def chosen_indices(r, wanted, where, default):
    """Grid indices nearest to the alphas `wanted` (duplicates dropped), else `default`."""
    if wanted is None:
        return default
    indices = []
    for a in wanted:
        k = nearest_index(r["alphas"], number(a, where + " alphas"))
        if k not in indices:
            indices.append(k)
    return indices


def panel_grid(count):
    """Panels per row as docgen lays out small multiples: one row up to 3, 2 x 2 for 4, then about 5:3."""
    columns = count if count <= 3 else 2 if count == 4 else math.ceil(math.sqrt(count * 5 / 3))
    return math.ceil(count / columns), columns


def alpha_title(alpha):
    return f"α = {alpha:.3g}"


def figure_decision_boundary(d, r):
    """P(y = 1) of a two-input classifier on docgen's grid (101 x 101 raw inputs, 5 % beyond the data on each
    side) at each panel's alpha; the 1/2 contour solid, 1/4 and 3/4 dotted, the rows as points (test hollow)."""
    X, y = r["X"], r["y"]
    if X.shape[1] != 2 or not r["classification"]:
        raise CourseError(f"{d['_where']}: decision-boundary needs a classifier with exactly two inputs")
    order = list(np.argsort(-r["alphas"], kind="stable"))
    count = min(len(order), 12)
    default = order[:1] if count <= 1 else [order[int(round(i * (len(order) - 1) / (count - 1)))] for i in range(count)]
    indices = chosen_indices(r, d.get("alphas"), d["_where"], default)

    def axis(j):
        lo, hi = X[:, j].min(), X[:, j].max()
        pad = 0.05 * max(hi - lo, 1e-9)
        return np.linspace(lo - pad, hi + pad, 101)

    x1, x2 = axis(0), axis(1)
    G1, G2 = np.meshgrid(x1, x2)
    Zg = r["transform"](np.column_stack([G1.ravel(), G2.ravel()]))
    panels = [(r["alphas"][k], predict_at(r, Zg, k).reshape(G1.shape)) for k in indices]
    is_test = np.zeros(y.size, dtype=bool)
    is_test[r["test_rows"]] = True
    names = r["raw_names"]
    rows = [["sample", "", "", a, b, c, int(t)] for a, b, c, t in zip(X[:, 0], X[:, 1], y, is_test)]
    for alpha, prob in panels:
        for number_, line in enumerate(contour_generator(x1, x2, prob).lines(0.5), start=1):
            rows += [["boundary", alpha, number_, a, b, "", ""] for a, b in line]

    def draw():
        n_rows, columns = panel_grid(len(panels))
        fig, axes = panel_figure(n_rows, columns, squeeze=False)
        for ax in axes.ravel()[len(panels):]:
            ax.set_visible(False)
        size = 3.5 if len(panels) > 6 else 5.0
        for i, (ax, (alpha, prob)) in enumerate(zip(axes.ravel(), panels)):
            ax.contour(x1, x2, prob, levels=[0.25, 0.75], colors="0.55", linewidths=1, linestyles=":")
            for label, marker in ((0, "o"), (1, "^")):
                for test in (False, True):
                    keep = (y == label) & (is_test == test)
                    if keep.any():
                        ax.scatter(X[keep, 0], X[keep, 1], s=size ** 2, marker=marker, alpha=0.8,
                                   facecolors="none" if test else f"C{label}", edgecolors=f"C{label}",
                                   label=f"y = {label}" + (" (test)" if test else ""))
            ax.contour(x1, x2, prob, levels=[0.5], colors=ink(), linewidths=2.2)
            ax.set_xlim(x1[0], x1[-1])
            ax.set_ylim(x2[0], x2[-1])
            ax.set_title(alpha_title(alpha), fontsize=9)
            ax.set_xlabel(names[0])
            if i % columns == 0:
                ax.set_ylabel(names[-1])
            if i == 0:
                ax.legend(fontsize=7)
        key = "solid: P(y = 1) = ½ · dotted: ¼ and ¾" + (" · hollow markers: test rows" if is_test.any() else "")
        fig.text(0.5, 0.01, key, ha="center", fontsize=7)
        return finish(fig, d)

    return draw, ["series", "alpha", "line", "x1", "x2", "y", "test"], rows


def figure_training_curve(d, r):
    """Training (solid) and validation (dashed) loss against epoch for up to six alphas, the lowest validation
    loss marked."""
    if "histories" not in r:
        raise CourseError(f"{d['_where']}: training-curve needs a model trained epoch by epoch (model: mlp)")
    order = list(np.argsort(-r["alphas"], kind="stable"))
    default = []
    for k in (order[0], order[len(order) // 2], order[-1]):
        if k not in default:
            default.append(k)
    indices = chosen_indices(r, d.get("alphas"), d["_where"], default)
    curves = [(r["alphas"][k], np.array(r["histories"][k]["train_loss"]),
               None if r["histories"][k]["validation_loss"] is None else np.array(r["histories"][k]["validation_loss"]))
              for k in indices]
    log_scale = d.get("scale", "log") == "log"
    name = "mean log-loss" if r["classification"] else "loss (½ · mean squared error)"

    def draw():
        fig, ax = new_figure()
        for i, (alpha, train, validation) in enumerate(curves):
            epochs = np.arange(train.size)
            ax.plot(epochs, train, color=f"C{i}", lw=1.8, label=f"{alpha_title(alpha)}, training")
            if validation is not None:
                ax.plot(epochs, validation, color=f"C{i}", lw=1.8, ls="--", label=f"{alpha_title(alpha)}, validation")
                best = int(np.argmin(validation))
                ax.plot([best], [validation[best]], "D", color=f"C{i}", markersize=7)
        if log_scale:
            ax.set_yscale("log")
        ax.set_xlim(left=0)
        ax.set_xlabel("epoch")
        ax.set_ylabel(name + (" (log scale)" if log_scale else ""))
        ax.legend(fontsize=7)
        if any(c[2] is not None for c in curves):
            fig.text(0.5, 0.01, "solid: training rows · dashed: validation (test) rows · ◆: lowest validation loss",
                     ha="center", fontsize=7)
        return finish(fig, d)

    rows = [[alpha, e, train[e], validation[e] if validation is not None else ""]
            for alpha, train, validation in curves for e in range(train.size)]
    return draw, ["alpha", "epoch", "train_loss", "validation_loss"], rows


def figure_weight_histogram(d, results):
    """The weights of each experiment at one alpha, one panel each on a shared axis: bins over [-m, m] (an odd
    count, one bin centred on 0), exact zeros not binned but drawn as a labelled spike of their own."""
    samples = []
    for eid in d.get("experiments") or [d.get("experiment")]:
        r = result_for(results, eid, d)
        if d.get("alpha") is not None:
            k = nearest_index(r["alphas"], number(d["alpha"], d["_where"] + " alpha"))
        else:
            k = int(np.argmin(r["alphas"]))
        label = {"mlp": "network", "logistic": "logistic"}.get(r["spec"]["model"], r["spec"]["model"])
        penalty = {1.0: "L1", 0.0: "L2"}.get(r["spec"]["rho"], "elastic-net")
        optimizer = r["spec"].get("network", {}).get("optimizer", "lbfgs")
        name = f"{penalty} {label}" + (f" ({optimizer})" if optimizer != "lbfgs" else "")
        name += f", α = {r['alphas'][k]:.2g}"
        samples.append((name, r["coefs"][k]))
    bins = max(3, int(d.get("bins", 41)) | 1)
    largest = max(float(np.max(np.abs(w))) for _, w in samples)
    m = largest * (1 + 1e-9) if largest > 0 else 1.0
    edges = np.linspace(-m, m, bins + 1)
    width = edges[1] - edges[0]
    counts = [np.histogram(w[w != 0], bins=edges)[0] for _, w in samples]
    zeros = [int(np.count_nonzero(w == 0)) for _, w in samples]
    top = max([int(c.max()) for c in counts] + zeros + [1])

    def draw():
        columns = min(len(samples), 3)
        fig, axes = panel_figure(math.ceil(len(samples) / columns), columns, squeeze=False)
        for ax in axes.ravel()[len(samples):]:
            ax.set_visible(False)
        for i, (ax, (name, _)) in enumerate(zip(axes.ravel(), samples)):
            ax.bar(edges[:-1], counts[i], width=width, align="edge", color=f"C{i}", alpha=0.85, label="nonzero weights")
            if zeros[i]:
                ax.bar([0], [zeros[i]], width=0.4 * width, color=ink(), label="exactly zero")
                ax.annotate(f"{zeros[i]} at 0", (0, zeros[i]), xytext=(0, 4), textcoords="offset points", ha="center",
                            fontsize=7)
            ax.set_xlim(edges[0], edges[-1])
            ax.set_ylim(0, top * 1.12)
            ax.set_title(name, fontsize=8)
            ax.set_xlabel("weight")
            if i % columns == 0:
                ax.set_ylabel("number of weights")
            if i == 0:
                ax.legend(fontsize=7)
        fig.text(0.5, 0.01, f"labelled bar at 0: weights exactly zero, not binned · bins of width {width:.3g}",
                 ha="center", fontsize=7)
        return finish(fig, d)

    rows = []
    for (name, _), c, z in zip(samples, counts, zeros):
        rows.append([name, 0.0, 0.0, z])
        rows += [[name, edges[b], edges[b + 1], int(c[b])] for b in range(bins)]
    return draw, ["weights", "from", "to", "count"], rows


def chart_values(r, column):
    """A per-alpha column of an experiment, as docgen's chart names them; None when it has no such column."""
    if column.startswith("coef."):
        name = column[5:]
        return r["coefs"][:, r["names"].index(name)] if name in r["names"] else None
    if column == "alpha":
        return r["penalty_values"]
    if column == "l1_norm":
        return np.abs(r["coefs"]).sum(axis=1)
    if column == "nonzero":
        return np.count_nonzero(r["coefs"], axis=1).astype(float)
    if column == "intercept":
        return r["intercepts"]
    if column == "sklearn_alpha" and r["spec"]["convention"] == "sklearn":
        return r["penalty_values"]
    return r["metrics"].get(column)


def figure_chart(d, results):
    """The author's chart of per-alpha columns: `y` one column, a list, or coef.* (every coefficient); several
    experiments overlaid; facet: feature (a panel per coefficient, a line per experiment, at most 12) or
    experiment (a panel per experiment)."""
    where = d["_where"]
    ids = d.get("experiments") or [d.get("experiment")]
    rs = [result_for(results, eid, d) for eid in ids]
    x_name = str(d.get("x", "alpha"))
    wanted = d["y"] if isinstance(d.get("y"), list) else [d.get("y")]
    columns = []
    for name in wanted:
        for column in ([f"coef.{f}" for f in rs[0]["names"]] if name == "coef.*" else [str(name)]):
            if column not in columns:
                columns.append(column)
    log_x = d.get("x_scale", "log" if x_name == "alpha" else "linear") == "log"
    log_y = d.get("y_scale", "linear") == "log"
    series = []
    for position, (eid, r) in enumerate(zip(ids, rs)):
        xs = chart_values(r, x_name)
        if xs is None:
            raise CourseError(f"{where}: experiment '{eid}' has no column '{x_name}'")
        for column in columns:
            ys = chart_values(r, column)
            if ys is None:
                raise CourseError(f"{where}: experiment '{eid}' has no column '{column}'")
            keep = np.isfinite(xs) & np.isfinite(ys) & ((xs > 0) if log_x else True) & ((ys > 0) if log_y else True)
            keep = np.flatnonzero(keep)
            keep = keep[np.argsort(xs[keep], kind="stable")]
            if keep.size:
                series.append((position, column, xs[keep], ys[keep]))
    if not series:
        raise CourseError(f"{where}: no finite point to draw")
    facet = d.get("facet")
    coefficients_only = all(c.startswith("coef.") for c in columns)

    def style(position, column):
        dash = DASHES[position % len(DASHES)] if len(ids) > 1 else "-"
        if column.startswith("coef."):
            return f"C{rs[0]['names'].index(column[5:]) % 10}", dash
        if len(columns) == 1:
            return f"C{position % 10}", dash
        if column.startswith("train_"):
            return "C0", dash if len(ids) > 1 else "--"
        if column.startswith("test_"):
            return "C1", dash
        return f"C{(columns.index(column) + 2) % 10}", dash

    def decorate(ax, ylabel=True):
        if log_x:
            ax.set_xscale("log")
        if log_y:
            ax.set_yscale("log")
        ax.set_xlabel("penalty α (log scale)" if x_name == "alpha" else x_name)
        if ylabel:
            ax.set_ylabel("coefficient β_j" if coefficients_only else (columns[0] if len(columns) == 1 else "value"))

    def draw():
        if facet == "feature":
            shown = columns[:12]
            n_rows, width = math.ceil(len(shown) / min(3, len(shown))), min(3, len(shown))
            fig, axes = panel_figure(n_rows, width, squeeze=False)
            for ax in axes.ravel()[len(shown):]:
                ax.set_visible(False)
            for i, (ax, column) in enumerate(zip(axes.ravel(), shown)):
                for position, c, xs, ys in series:
                    if c == column:
                        color, dash = style(position, c)
                        ax.plot(xs, ys, color=color, ls=dash, lw=1.5, label=ids[position])
                ax.axhline(0, color="0.4", lw=0.8)
                ax.set_title(column[5:], fontsize=8)
                decorate(ax, ylabel=i % width == 0)
                if i == 0:
                    ax.legend(fontsize=6)
        elif facet == "experiment":
            fig, axes = new_figure(min(3, len(ids)), squeeze=False)
            for position, ax in enumerate(axes[0]):
                for p_, c, xs, ys in series:
                    if p_ == position:
                        color, dash = style(0, c)
                        ax.plot(xs, ys, color=color, ls=dash, lw=1.5, label=c)
                ax.set_title(ids[position], fontsize=9)
                decorate(ax)
                ax.legend(fontsize=6)
        else:
            fig, ax = new_figure()
            for position, c, xs, ys in series:
                color, dash = style(position, c)
                direct = c.startswith("coef.") and position == 0 and len(columns) <= 10
                label = None if c.startswith("coef.") else ", ".join(
                    ([c] if len(columns) > 1 else []) + ([ids[position]] if len(ids) > 1 else [])) or c
                ax.plot(xs, ys, color=color, ls=dash, lw=1.8, marker=None if len(ids) > 1 else "o", markersize=3,
                        markevery=max(1, xs.size // 8), label=label)
                if direct:
                    end = int(np.argmin(xs))  # the weak-penalty end
                    ax.annotate(c[5:], (xs[end], ys[end]), xytext=(-5, 0), textcoords="offset points", ha="right",
                                va="center", fontsize=7, color=color)
            if coefficients_only:
                ax.axhline(0, color="0.4", lw=0.8)
                if len(ids) > 1:
                    fig.text(0.5, 0.01, " · ".join(f"{DASHES[k % len(DASHES)]}: {eid}" for k, eid in enumerate(ids)),
                             ha="center", fontsize=7)
            else:
                ax.legend(fontsize=7)
            decorate(ax)
        return finish(fig, d)

    rows = [[ids[position], c, x, y] for position, c, xs, ys in series for x, y in zip(xs, ys)]
    return draw, ["experiment", "column", x_name, "value"], rows


def figure_bias_variance(d, r):
    """The experiment refitted (as the experiment is: its split, its transform, no cv) on `samples` fresh draws of
    its curve generator (seeds seed + 1, seed + 2, ...) at exactly the alphas named, evaluated on 121 points over
    the data's x range; per alpha the fits, their mean, bias^2 (net of the mean's sampling error) and variance."""
    where = d["_where"]
    data = r["spec"]["data"]
    if not isinstance(data, dict) or data.get("generate") != "curve":
        raise CourseError(f"{where}: bias-variance needs data: {{generate: curve, ...}}")
    alphas = [number(a, where + " alphas") for a in d["alphas"]]
    samples = int(d.get("samples", 50))
    xs = r["X"][:, 0]
    grid = np.linspace(xs.min(), xs.max(), 121)
    refit = dict(r["spec"], alphas=("explicit", np.array(alphas)), cv=None)
    seed = int(data.get("seed", 0))
    fits = [[] for _ in alphas]
    for s in range(samples):
        X, y, names, _ = generate(dict(data, seed=seed + 1 + s), where)
        rr = run_experiment(X, y, names, refit)
        Zg = rr["transform"](grid[:, None])
        for k, a in enumerate(alphas):
            fits[k].append(predict_at(rr, Zg, nearest_index(rr["alphas"], a)))
    truth = np.sin(2 * np.pi * grid)
    panels = []
    for k, a in enumerate(alphas):
        F = np.array(fits[k])
        mean = F.mean(axis=0)
        spread = ((F - mean) ** 2).sum(axis=0)
        bias = float(np.mean((mean - truth) ** 2 - spread / (samples - 1) / samples))
        panels.append((a, F, mean, max(0.0, bias), float(np.mean(spread / samples))))
    lo, hi = min(truth.min(), -1), max(truth.max(), 1)
    span = hi - lo
    legend_panel = int(np.argmin([p[4] for p in panels]))

    def draw():
        fig, axes = new_figure(min(len(panels), 3), squeeze=False)
        for i, (ax, (a, F, mean, bias, variance)) in enumerate(zip(axes[0], panels)):
            for j, fit in enumerate(F):
                ax.plot(grid, fit, color="C2", lw=1, alpha=0.22, label="one fit" if j == 0 else None)
            ax.plot(grid, mean, color="C0", lw=2.5, label="mean fit")
            ax.plot(grid, truth, color=ink(), lw=1.5, ls=":", label="true curve")
            ax.set_ylim(lo - 0.6 * span, hi + 0.95 * span)
            ax.set_xlim(grid[0], grid[-1])
            ax.set_title(f"{alpha_title(a)} · bias² {bias:.2g} · variance {variance:.2g}", fontsize=8)
            ax.set_xlabel("x")
            ax.set_ylabel("y")
            if i == legend_panel:
                ax.legend(fontsize=7)
        return finish(fig, d)

    rows = []
    for a, F, mean, bias, variance in panels:
        rows += [["bias_squared", a, "", "", bias], ["variance", a, "", "", variance]]
        rows += [["mean", a, "", x, v] for x, v in zip(grid, mean)]
        rows += [["fit", a, j + 1, x, v] for j, fit in enumerate(F) for x, v in zip(grid, fit)]
    rows += [["true", "", "", x, v] for x, v in zip(grid, truth)]
    return draw, ["series", "alpha", "sample", "x", "y"], rows


def result_for(results, eid, d):
    if eid not in results:
        raise CourseError(f"{d['_where']}: unknown experiment '{eid}'")
    return results[eid]


def build_figure(kind, d, results):
    if kind == "penalty-shapes":
        return figure_penalty_shapes(d)
    if kind == "coefficients":
        return figure_coefficients(d, results)
    if kind == "weight-histogram":
        return figure_weight_histogram(d, results)
    if kind == "chart":
        return figure_chart(d, results)
    builders = {"regularization-path": figure_path, "scores": figure_scores, "cv-curve": figure_cv,
                "constraint-geometry": figure_geometry, "polynomial-fit": figure_polynomial,
                "complexity-curve": figure_complexity, "decision-boundary": figure_decision_boundary,
                "training-curve": figure_training_curve, "bias-variance": figure_bias_variance}
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
        if d.get("alphas") is not None:
            ks = [nearest_index(r["alphas"], number(a, where + " alphas")) for a in d["alphas"]]
        else:
            ks = list(range(r["alphas"].size))
        if d.get("rows") == "alpha":  # one row per alpha, a column per feature
            rows = [[r["alphas"][k]] + list(r["coefs"][k]) + [r["intercepts"][k], int(np.count_nonzero(r["coefs"][k]))]
                    for k in ks]
            return ["alpha"] + r["names"] + ["intercept", "nonzero"], rows
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
    global NARROW
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
        for variant, narrow in VARIANTS:
            NARROW = narrow
            for suffix, style in STYLES:
                with plt.style.context(style):
                    fig = draw()
                    fig.savefig(os.path.join(out, "figures", f"{stem}{variant}{suffix}.png"), dpi=DPI)
                    plt.close(fig)
        NARROW = False
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
