#!/usr/bin/env python3
"""Writes the large-data benchmark's CSV: N rows, 20 equicorrelated Gaussian features (rho = 0.5) and a target.

Usage: rows_data.py N PATH

y = X beta + noise with beta_j = (-1)^j exp(-2 j / 20) (the glmnet paper's design) and noise of standard deviation
2; numpy's default_rng(7). Numbers are written as Python's repr, the shortest text that reads back as the same
double (what pandas' to_csv writes), so every cell has 16 or 17 significant digits.
"""
import sys

import numpy as np


def main():
    n, path = int(sys.argv[1]), sys.argv[2]
    p = 20
    rng = np.random.default_rng(7)
    X = np.sqrt(0.5) * rng.standard_normal((n, p)) + np.sqrt(0.5) * rng.standard_normal((n, 1))
    beta = np.array([(-1) ** j * np.exp(-2 * j / 20) for j in range(p)])
    y = X @ beta + 2.0 * rng.standard_normal(n)
    with open(path, "w") as f:
        f.write(",".join([f"x{j + 1}" for j in range(p)] + ["y"]) + "\n")
        rows = np.column_stack([X, y]).tolist()
        for row in rows:
            f.write(",".join(map(repr, row)) + "\n")


if __name__ == "__main__":
    main()
