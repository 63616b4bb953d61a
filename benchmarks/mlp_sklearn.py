#!/usr/bin/env python3
"""Trains scikit-learn's MLP (solver lbfgs) on a problem written by `DocgenBenchmarks mlp`.

Usage: mlp_sklearn.py DIR

DIR holds spec.txt ("n p task activation tol max_iter hidden", hidden as "16,16"), X.bin (n*p float64,
column-major, already standardized), y.bin (n float64), alphas.bin (docgen's alphas, decreasing) and
start.bin (docgen's starting parameters: W_1 ... W_{L+1} row-major (fan_in x fan_out), then b_1 ... b_{L+1}).

Objectives: scikit-learn minimizes loss + alpha_sk / (2 n) * ||W||^2 and docgen loss + alpha / 2 * ||W||^2 with
the same losses (half the mean squared error, or the mean log-loss), so alpha_sk = n * alpha, and
scikit-learn's final `loss_` is docgen's objective. The path is fitted as docgen fits it: from the given start
at the largest alpha, then each alpha warm-started from the previous solution (warm_start=True). `tol` is
scipy's gradient tolerance (largest entry of the gradient), in objective units.

Writes sklearn.txt: one line per alpha, "seconds objective iterations".
"""
import os
import sys
import time
import warnings

import numpy as np
from sklearn.exceptions import ConvergenceWarning
from sklearn.neural_network import MLPClassifier, MLPRegressor


def main():
    folder = sys.argv[1]
    with open(os.path.join(folder, "spec.txt")) as f:
        n, p, task, activation, tol, max_iter, hidden = f.read().split()
    n, p, tol, max_iter = int(n), int(p), float(tol), int(max_iter)
    hidden = [int(h) for h in hidden.split(",")] if hidden else []
    X = np.ascontiguousarray(np.fromfile(os.path.join(folder, "X.bin"), dtype="<f8").reshape((p, n)).T)
    y = np.fromfile(os.path.join(folder, "y.bin"), dtype="<f8")
    alphas = np.fromfile(os.path.join(folder, "alphas.bin"), dtype="<f8")
    start = np.fromfile(os.path.join(folder, "start.bin"), dtype="<f8")

    widths = [p] + hidden + [1]
    coefs, offset = [], 0
    for fan_in, fan_out in zip(widths[:-1], widths[1:]):
        coefs.append(start[offset:offset + fan_in * fan_out].reshape((fan_in, fan_out)).copy())
        offset += fan_in * fan_out
    intercepts = []
    for fan_out in widths[1:]:
        intercepts.append(start[offset:offset + fan_out].copy())
        offset += fan_out

    model = MLPRegressor if task == "regression" else MLPClassifier
    target = y if task == "regression" else y.astype(int)
    net = model(hidden_layer_sizes=hidden, activation=activation, solver="lbfgs", alpha=n * alphas[0],
                tol=tol, max_iter=1, random_state=0)
    warnings.simplefilter("ignore", ConvergenceWarning)
    net.fit(X, target)                       # sets up the model's shapes; its weights are replaced below
    net.coefs_ = [c.copy() for c in coefs]
    net.intercepts_ = [b.copy() for b in intercepts]
    net.set_params(warm_start=True, max_iter=max_iter, max_fun=10 * max_iter + 1000)
    lines = []
    for alpha in alphas:
        net.set_params(alpha=n * alpha)
        began = time.perf_counter()
        net.fit(X, target)
        seconds = time.perf_counter() - began
        lines.append("%r %r %d" % (seconds, float(net.loss_), net.n_iter_))
    with open(os.path.join(folder, "sklearn.txt"), "w") as f:
        f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
