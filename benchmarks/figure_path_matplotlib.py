"""Matplotlib counterpart of docgen's regularization-path benchmark figure.

Usage: python3 figure_path_matplotlib.py PATH_CSV RUNS
Reads the CSV docgen writes for the path figure (alpha, l1_norm, nonzero, one column per feature), builds an
equivalent 1600x1000 figure (8x5 in at 200 dpi: log-alpha axis decreasing rightward, one line per feature
labelled at its end, nonzero counts on a top axis, alpha_min/alpha_1se lines), and prints the median time of
savefig to an in-memory PNG and of building + saving.
"""
import csv
import io
import statistics
import sys
import time

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402


def load(path):
    with open(path, newline="") as f:
        rows = list(csv.reader(f))
    header, data = rows[0], [[float(x) for x in r] for r in rows[1:]]
    alphas = [r[0] for r in data]
    counts = [int(r[2]) for r in data]
    features = header[3:]
    coefs = [[r[3 + j] for r in data] for j in range(len(features))]
    return alphas, counts, features, coefs


def build(alphas, counts, features, coefs):
    fig, ax = plt.subplots(figsize=(8, 5), dpi=200)
    for name, ys in zip(features, coefs):
        (line,) = ax.plot(alphas, ys, lw=2)
        ax.annotate(name, (alphas[-1], ys[-1]), xytext=(6, 0), textcoords="offset points",
                    va="center", color=line.get_color())
    ax.set_xscale("log")
    ax.invert_xaxis()
    ax.axhline(0, color="0.3", lw=1)
    ax.axvline(1.2, ls="--", color="k", lw=1.2)
    ax.axvline(4.5, ls=":", color="k", lw=1.2)
    ax.set_xlabel("penalty α (log scale, weaker →)")
    ax.set_ylabel("coefficient $\\beta_j$ (standardized)")
    top = ax.secondary_xaxis("top")
    ticks = [10.0, 1.0, 0.1, 0.01]
    top.set_xticks(ticks)
    nearest = [min(range(len(alphas)), key=lambda k: abs(alphas[k] - t)) for t in ticks]
    top.set_xticklabels([str(counts[k]) for k in nearest])
    top.set_xlabel("nonzero coefficients")
    return fig


def main():
    path, runs = sys.argv[1], int(sys.argv[2])
    data = load(path)
    save_times, total_times = [], []
    for _ in range(runs):
        t0 = time.perf_counter()
        fig = build(*data)
        t1 = time.perf_counter()
        fig.savefig(io.BytesIO(), format="png")
        t2 = time.perf_counter()
        plt.close(fig)
        save_times.append((t2 - t1) * 1e3)
        total_times.append((t2 - t0) * 1e3)
    print(f"savefig_ms={statistics.median(save_times):.3f} total_ms={statistics.median(total_times):.3f}")


if __name__ == "__main__":
    main()
