#!/usr/bin/env python3
"""Reference solutions for DocgenModelsTests, computed independently with scikit-learn.

Run from anywhere:  python3 Tests/DocgenModelsTests/Fixtures/make_fixtures.py
(needs numpy and scikit-learn; made with the versions printed in each file's first line).

Conventions shared with docgen: features standardized to mean 0 and sd 1 with 1/n; target raw; objective
  (1/(2n))||y - b0 - Xb||^2 + alpha*(rho*||b||_1 + (1-rho)/2*||b||^2)        (regression)
  mean log-loss + alpha*(rho*||b||_1 + (1-rho)/2*||b||^2)                   (logistic, 0/1 target)
with the intercept unpenalized. scikit-learn's LogisticRegression minimizes C*sum(loss) + penalty, so
C = 1/(n*alpha). Ridge minimizes ||y - Xw||^2 + a*||w||^2, so a = n*alpha.

Each CSV: a comment line, a header (alpha, one column per feature, intercept), one row per alpha,
numbers written with 17 significant digits.
"""
import os
import warnings

import numpy as np
import sklearn
from sklearn.exceptions import ConvergenceWarning
from sklearn.linear_model import LogisticRegression, Ridge, enet_path

warnings.simplefilter("error", ConvergenceWarning)  # a fixture must come from a converged solver

SKLEARN_VERSION = tuple(int(v) for v in sklearn.__version__.split(".")[:2])
HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", "..", ".."))


def load(name, target):
    path = os.path.join(ROOT, "Content", "data", name)
    with open(path) as f:
        header = f.readline().strip().split(",")
    data = np.loadtxt(path, delimiter=",", skiprows=1)
    t = header.index(target)
    features = [h for i, h in enumerate(header) if i != t]
    X = np.delete(data, t, axis=1)
    y = data[:, t]
    return features, X, y


def standardize(X):
    mean = X.mean(axis=0)
    sd = np.sqrt(((X - mean) ** 2).mean(axis=0))
    return (X - mean) / sd


def write(name, comment, features, alphas, coefs, intercepts):
    with open(os.path.join(HERE, name), "w") as f:
        f.write("# " + comment + f" (scikit-learn {sklearn.__version__}, numpy {np.__version__})\n")
        f.write(",".join(["alpha"] + features + ["intercept"]) + "\n")
        for a, c, b0 in zip(alphas, coefs, intercepts):
            f.write(",".join("%.17g" % v for v in [a, *c, b0]) + "\n")


def gaussian_path(name, comment, features, Z, y, alphas, rho):
    yc = y - y.mean()
    # sklearn stops when its duality gap < tol * ||y||^2 (a relative gap of 2e-14 of the null objective here).
    _, coefs, _ = enet_path(Z, yc, l1_ratio=rho, alphas=alphas, tol=1e-14, max_iter=10_000_000)
    coefs = coefs.T
    write(name, comment, features, alphas, coefs, [y.mean()] * len(alphas))


def main():
    features, X, y = load("diabetes.csv", "progression")
    Z = standardize(X)
    n = len(y)
    alphas = np.logspace(1.5, -2, 15)  # decreasing, as enet_path solves them
    gaussian_path("diabetes_lasso.csv", "diabetes lasso path, enet_path l1_ratio=1 tol=1e-14",
                  features, Z, y, alphas, 1.0)
    gaussian_path("diabetes_enet05.csv", "diabetes elastic net path, enet_path l1_ratio=0.5 tol=1e-14",
                  features, Z, y, alphas, 0.5)
    ridge_alphas = np.logspace(2, -3, 6)
    coefs, intercepts = [], []
    for a in ridge_alphas:
        model = Ridge(alpha=n * a, solver="cholesky", fit_intercept=True).fit(Z, y)
        coefs.append(model.coef_)
        intercepts.append(model.intercept_)
    write("diabetes_ridge.csv", "diabetes ridge, Ridge(alpha=n*alpha, solver=cholesky)",
          features, ridge_alphas, coefs, intercepts)

    features, X, y = load("breast_cancer.csv", "malignant")
    Z = standardize(X)
    n = len(y)
    for penalty, rho, solver, alphas, name in [
        ("l2", 0.0, "newton-cholesky", [1.0, 0.1, 0.01, 0.001], "breast_cancer_logistic_l2.csv"),
        ("l1", 1.0, "saga", [0.1, 0.03, 0.01], "breast_cancer_logistic_l1.csv"),
        ("elasticnet", 0.5, "saga", [0.1, 0.03, 0.01], "breast_cancer_logistic_enet05.csv"),
    ]:
        coefs, intercepts = [], []
        for a in alphas:
            kwargs = dict(C=1.0 / (n * a), solver=solver, tol=1e-14, max_iter=10_000_000, l1_ratio=rho)
            if SKLEARN_VERSION < (1, 8):  # later versions take the penalty from l1_ratio alone
                kwargs["penalty"] = penalty
                if penalty != "elasticnet":
                    del kwargs["l1_ratio"]
            model = LogisticRegression(**kwargs).fit(Z, y)
            coefs.append(model.coef_[0])
            intercepts.append(model.intercept_[0])
        write(name, f"breast cancer logistic {penalty} (l1 ratio {rho}), LogisticRegression(solver={solver}, "
              "C=1/(n*alpha), tol=1e-14)", features, alphas, coefs, intercepts)


if __name__ == "__main__":
    main()
