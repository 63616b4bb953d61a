#!/usr/bin/env Rscript
# Times glmnet's path on a problem written by `DocgenBenchmarks solvers`.
#
# Usage: Rscript solver_path_glmnet.R DIR THRESH L1_RATIO REPEATS [TYPE]
#
# DIR holds dims.txt ("n p"), X.bin (n*p float64 little-endian, column-major, already standardized),
# y.bin and alphas.bin (decreasing). glmnet's gaussian objective is ours:
# (1/(2n))||y - b0 - Xb||^2 + lambda*(alpha*||b||_1 + (1-alpha)/2*||b||^2), so lambda = our alpha and
# glmnet's alpha = our l1 ratio. standardize = FALSE because X is already standardized. THRESH is
# glmnet's own convergence threshold (not a duality gap; the caller measures the gap of the answer). TYPE is
# glmnet's type.gaussian: "covariance" (inner products of the active features kept, fast when n > p), "naive"
# (residuals updated, glmnet's choice when p >= 500), or "default" (let glmnet choose; the default).
# Writes glmnet_coef.bin (p coefficients per lambda, in order) and glmnet_time.txt (best elapsed seconds).
suppressPackageStartupMessages(library(glmnet))
args <- commandArgs(trailingOnly = TRUE)
folder <- args[1]
thresh <- as.numeric(args[2])
l1_ratio <- as.numeric(args[3])
repeats <- as.integer(args[4])
type <- if (length(args) >= 5) args[5] else "default"
dims <- scan(file.path(folder, "dims.txt"), quiet = TRUE)
n <- dims[1]; p <- dims[2]
X <- matrix(readBin(file.path(folder, "X.bin"), "double", n * p, size = 8, endian = "little"), n, p)
y <- readBin(file.path(folder, "y.bin"), "double", n, size = 8, endian = "little")
lambdas <- readBin(file.path(folder, "alphas.bin"), "double", 100000, size = 8, endian = "little")
best <- Inf
fit <- NULL
for (r in seq_len(repeats)) {
  start <- proc.time()[["elapsed"]]
  fit <- if (type == "default") {
    glmnet(X, y, family = "gaussian", alpha = l1_ratio, lambda = lambdas, standardize = FALSE,
           thresh = thresh, maxit = 1e7)
  } else {
    glmnet(X, y, family = "gaussian", alpha = l1_ratio, lambda = lambdas, standardize = FALSE,
           thresh = thresh, maxit = 1e7, type.gaussian = type)
  }
  best <- min(best, proc.time()[["elapsed"]] - start)
}
coefs <- as.matrix(fit$beta)
writeBin(as.vector(coefs), file.path(folder, "glmnet_coef.bin"), size = 8, endian = "little")
writeLines(format(best, digits = 17), file.path(folder, "glmnet_time.txt"))
