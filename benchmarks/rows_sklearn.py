#!/usr/bin/env python3
"""The large-data benchmark's peer: pandas + scikit-learn doing what one docgen experiment does.

Usage: rows_sklearn.py CSV TARGET FOLDS N_ALPHAS RATIO

Reads CSV with pandas.read_csv, standardizes the features (StandardScaler: mean 0, standard deviation with 1/n),
fits a lasso path (enet_path, l1_ratio 1) on every row at N_ALPHAS values from alpha_max down to RATIO * alpha_max
(evenly spaced in log scale, alpha_max = max_j |x_j^T (y - mean y)| / n on the standardized rows, docgen's grid),
scores every alpha on the training rows (R^2 and MSE), then runs K-fold cross-validation with the same alphas: each
fold standardized on its own training rows, its path fitted, the held-out MSE of every alpha; mean and standard
error over folds. The objective is docgen's, (1/(2n))||y - b0 - Xb||^2 + alpha ||b||_1; scikit-learn stops when
its duality gap is below tol * ||y - mean y||^2, so tol = 5e-8 is docgen's stopping rule (gap <= 1e-7 x the null
objective ||y - mean y||^2 / (2n)). Folds are KFold(K, shuffle=True, random_state=0): other rows than docgen's
folds, the same sizes and the same work.

Prints one line: seconds (wall, the whole script after imports), peak resident MB, alpha_min, and the mean CV MSE
at alpha_min.
"""
import resource
import sys
import time

import numpy as np
import pandas as pd
from sklearn.linear_model import enet_path
from sklearn.model_selection import KFold
from sklearn.preprocessing import StandardScaler

TOL = 5e-8


def path(X, y, alphas):
    """Standardized X's lasso path at alphas (decreasing): coefficients (p x alphas) and intercepts."""
    scaler = StandardScaler()
    Z = scaler.fit_transform(X)
    y_mean = y.mean()
    _, coefs, _ = enet_path(Z, y - y_mean, l1_ratio=1.0, alphas=alphas, tol=TOL, max_iter=1_000_000)
    return scaler, coefs, np.full(len(alphas), y_mean)


def mse_per_alpha(scaler, coefs, intercepts, X, y):
    """Held-out MSE of every alpha, one alpha at a time (no rows x alphas matrix)."""
    Z = scaler.transform(X)
    return np.array([np.mean((y - (Z @ coefs[:, k] + intercepts[k])) ** 2) for k in range(coefs.shape[1])])


def main():
    csv, target, folds, count, ratio = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), float(sys.argv[5])
    start = time.perf_counter()
    frame = pd.read_csv(csv)
    y = frame[target].to_numpy(dtype=float)
    X = frame.drop(columns=[target]).to_numpy(dtype=float)
    del frame
    n = len(y)
    Z = StandardScaler().fit_transform(X)
    alpha_max = np.max(np.abs(Z.T @ (y - y.mean()))) / n
    del Z
    alphas = alpha_max * ratio ** (np.arange(count) / (count - 1))
    scaler, coefs, intercepts = path(X, y, alphas)
    train_mse = mse_per_alpha(scaler, coefs, intercepts, X, y)
    errors = []
    for train, held in KFold(folds, shuffle=True, random_state=0).split(X):
        fold = path(X[train], y[train], alphas)
        errors.append(mse_per_alpha(*fold, X[held], y[held]))
    errors = np.array(errors)
    mean = errors.mean(axis=0)
    best = int(np.argmin(mean))
    seconds = time.perf_counter() - start
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{seconds:.3f} {peak_mb:.0f} {alphas[best]:.6g} {mean[best]:.6g} {train_mse[-1]:.6g}")


if __name__ == "__main__":
    main()
