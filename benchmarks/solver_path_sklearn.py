#!/usr/bin/env python3
"""Times scikit-learn's elastic-net path on a problem written by `DocgenBenchmarks solvers`.

Usage: solver_path_sklearn.py DIR TOL L1_RATIO REPEATS

DIR holds dims.txt ("n p"), X.bin (n*p float64 little-endian, column-major, already standardized and
centered), y.bin (n float64) and alphas.bin (decreasing). The objective is ours and sklearn's:
(1/(2n))||y - Xb||^2 + alpha*(rho*||b||_1 + (1-rho)/2*||b||^2). sklearn stops when its duality gap is
below TOL*||y||^2, so the caller passes half of docgen's relative tolerance. Writes sklearn_coef.bin
(one row of p coefficients per alpha) and sklearn_time.txt (best wall time in seconds over REPEATS runs).
"""
import os
import sys
import time

import numpy as np
from sklearn.linear_model import enet_path


def main():
    folder, tol, l1_ratio, repeats = sys.argv[1], float(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4])
    with open(os.path.join(folder, "dims.txt")) as f:
        n, p = (int(v) for v in f.read().split())
    X = np.fromfile(os.path.join(folder, "X.bin"), dtype="<f8").reshape((p, n)).T  # Fortran-ordered n x p view
    y = np.fromfile(os.path.join(folder, "y.bin"), dtype="<f8")
    alphas = np.fromfile(os.path.join(folder, "alphas.bin"), dtype="<f8")
    y_centered = y - y.mean()
    best = float("inf")
    coefs = None
    for _ in range(repeats):
        start = time.perf_counter()
        _, coefs, _ = enet_path(X, y_centered, l1_ratio=l1_ratio, alphas=alphas, tol=tol, max_iter=1_000_000)
        best = min(best, time.perf_counter() - start)
    np.ascontiguousarray(coefs.T).astype("<f8").tofile(os.path.join(folder, "sklearn_coef.bin"))
    with open(os.path.join(folder, "sklearn_time.txt"), "w") as f:
        f.write(repr(best))


if __name__ == "__main__":
    main()
