#!/usr/bin/env python3
"""Reference draws and index sets for docgen's `method: sklearn` splits, made with the real numpy and scikit-learn.

Run from anywhere:  python3 Tests/DocgenModelsTests/Fixtures/sklearn/make_sklearn_fixtures.py
Made with (pip):    numpy==2.4.6 scikit-learn==1.9.1 (scipy==1.17.1, joblib==1.6.0, threadpoolctl==3.8.0), Python 3.11.7.
Each file's first line repeats the versions that wrote it. The tests never run Python.

numpy's legacy `RandomState` stream is frozen by numpy's compatibility policy, so any numpy version should give
the same numbers; the splitters' algorithms are scikit-learn's and could change between its releases.

Files (JSON lines unless said otherwise; a line starting with '#' is a comment):
  mt19937.jsonl          per seed: the first 2000 raw 32-bit outputs of RandomState(seed)'s MT19937, and the first
                         20 values of a fresh RandomState(seed).random_sample(20)
  permutations.jsonl     per (n, seed): RandomState(seed).permutation(n), then random_sample(2) from the same state
                         (which shows how many 32-bit draws the permutation consumed)
  split_sizes.csv        n,test_size,n_train,n_test of train_test_split(arange(n), test_size=..., random_state=0);
                         n_train and n_test read "error" where scikit-learn raises ValueError
  train_test_split.jsonl per (n, test_size, seed): the train and test rows in the order train_test_split returns
                         them (X_train = X[train], X_test = X[test])
  kfold.jsonl            per (n, folds, seed or null): the test rows of each fold of KFold(folds) or
                         KFold(folds, shuffle=True, random_state=seed), or the error scikit-learn raises
  stratified_kfold.jsonl per (label set, folds, seed or null): the labels, then the test rows of each fold of
                         StratifiedKFold, scikit-learn's warning (or null), or the error it raises
In every KFold and StratifiedKFold split the script checks that the train rows are the ascending complement of the
test rows and that the test rows are ascending, so only the test rows are stored.
"""
import json
import os
import warnings

import numpy as np
import sklearn
from sklearn.model_selection import KFold, StratifiedKFold, train_test_split

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", "..", "..", ".."))
HEADER = f"# made by make_sklearn_fixtures.py with numpy {np.__version__}, scikit-learn {sklearn.__version__}\n"
SEEDS = [0, 1, 42, 2**32 - 1]


def write_lines(name, records):
    with open(os.path.join(HERE, name), "w") as f:
        f.write(HEADER)
        for record in records:
            f.write(json.dumps(record, separators=(",", ":")) + "\n")


def raw_outputs(seed, count):
    """The first `count` 32-bit outputs of RandomState(seed)'s generator, through public API only: the seeded
    state is copied from RandomState.get_state() into a fresh MT19937 bit generator, whose random_raw() returns
    the generator's tempered outputs."""
    _, key, pos, _, _ = np.random.RandomState(seed).get_state(legacy=True)
    bit_generator = np.random.MT19937()
    bit_generator.state = {"bit_generator": "MT19937", "state": {"key": key, "pos": pos}}
    return [int(v) for v in bit_generator.random_raw(count)]


def mt19937():
    records = []
    for seed in SEEDS:
        raw = raw_outputs(seed, 2000)
        doubles = np.random.RandomState(seed).random_sample(20)
        # random_sample is (a >> 5) * 2^26 + (b >> 6), over 2^53, from two consecutive outputs a, b.
        for i, d in enumerate(doubles):
            a, b = raw[2 * i] >> 5, raw[2 * i + 1] >> 6
            assert d == (a * 67108864.0 + b) / 9007199254740992.0
        records.append({"seed": seed, "uint32": raw, "random_sample": [float(d) for d in doubles]})
    write_lines("mt19937.jsonl", records)


def permutations():
    records = []
    for n in [1, 2, 3, 10, 442, 569, 1000]:
        for seed in SEEDS:
            rs = np.random.RandomState(seed)
            perm = rs.permutation(n)
            after = rs.random_sample(2)
            records.append({"n": n, "seed": seed, "permutation": perm.tolist(),
                            "random_sample_after": [float(d) for d in after]})
    write_lines("permutations.jsonl", records)


# Fractions whose product with n is inexact in binary (0.07 * 100 = 7.000000000000001, so ceil gives 8), fractions
# where n - ceil(t n) differs from floor((1 - t) n) (0.8 with n = 5), thirds, and the usual ones.
FRACTIONS = [0.01, 0.05, 0.07, 0.1, 0.14, 0.15, 0.2, 0.25, 0.28, 0.3, 1 / 3, 0.4, 0.5, 0.55, 0.56, 0.6, 2 / 3,
             0.68, 0.7, 0.75, 0.8, 0.9, 0.95, 0.99]


def split_sizes():
    with open(os.path.join(HERE, "split_sizes.csv"), "w") as f:
        f.write(HEADER)
        f.write("n,test_size,n_train,n_test\n")
        for n in list(range(1, 61)) + [75, 100, 150, 175, 200, 225, 442, 569, 1000]:
            for t in FRACTIONS:
                try:
                    train, test = train_test_split(np.arange(n), test_size=t, random_state=0)
                    f.write(f"{n},{t!r},{len(train)},{len(test)}\n")
                except ValueError:
                    f.write(f"{n},{t!r},error,error\n")


def split_sets():
    combos = [(442, 0.2, 42), (442, 0.25, 0), (442, 0.1, 1), (569, 0.2, 42), (569, 0.3, 0), (569, 0.25, 2**32 - 1),
              (100, 0.07, 42), (100, 0.28, 7), (25, 0.28, 42), (50, 0.14, 99), (10, 0.5, 0), (10, 0.9, 1),
              (5, 0.8, 3), (3, 1 / 3, 0), (2, 0.5, 42), (1000, 0.2, 123)]
    records = []
    for n, t, seed in combos:
        train, test = train_test_split(np.arange(n), test_size=t, random_state=seed)
        records.append({"n": n, "test_size": t, "seed": seed, "train": train.tolist(), "test": test.tolist()})
    write_lines("train_test_split.jsonl", records)


def test_rows(splitter, n, y=None):
    """Test rows of each fold, after checking that each split's train rows are the ascending complement."""
    folds = []
    for train, test in splitter.split(np.zeros((n, 1)), y):
        assert list(test) == sorted(test)
        assert list(train) == sorted(set(range(n)) - set(test.tolist()))
        folds.append(test.tolist())
    return folds


def kfold():
    records = []
    configs = [(n, k) for n in [2, 5, 7, 10, 11, 12, 13] for k in [2, 3, 5, 7, 10]]
    configs += [(442, 5), (442, 10), (569, 5), (569, 10), (100, 3)]
    for n, k in configs:
        for seed in [None, 0, 42, 2**32 - 1]:
            cv = KFold(k) if seed is None else KFold(k, shuffle=True, random_state=seed)
            record = {"n": n, "folds": k, "seed": seed}
            try:
                record["test"] = test_rows(cv, n)
            except ValueError as error:
                record["error"] = str(error)
            records.append(record)
    write_lines("kfold.jsonl", records)


def breast_cancer_labels():
    path = os.path.join(ROOT, "Content", "data", "breast_cancer.csv")
    with open(path) as f:
        column = f.readline().strip().split(",").index("malignant")
    return [int(v) for v in np.loadtxt(path, delimiter=",", skiprows=1)[:, column]]


def label_sets():
    rng = np.random.RandomState(2024)
    three = rng.permutation([2] * 7 + [0] * 3 + [1] * 20).tolist()  # first label 2: appearance order != sorted
    return {
        "breast_cancer": breast_cancer_labels(),  # 212 malignant (1), 357 benign (0); first row malignant
        "imbalanced_binary": rng.permutation([0] * 40 + [1] * 9).tolist(),
        "minority_first": [1] * 4 + [0] * 17,  # blocks, minority class first
        "three_classes": three,
        "three_classes_sparse": [5, 3, 3, 5, 9, 3, 3, 3, 9, 3, 5, 3],  # counts 3 (five), 7 (three), 2 (nine)
        "strings": [str(v) for v in rng.choice(["b", "a", "c"], size=23, p=[0.6, 0.3, 0.1])],
        "one_class": [1] * 8,
        "tiny": [0, 1, 0, 1, 1],
    }


def stratified_kfold():
    sets = label_sets()
    records = []
    for name, labels in sets.items():
        for k in [2, 3, 5, 10]:
            for seed in [None, 0, 1, 42]:
                cv = StratifiedKFold(k) if seed is None else StratifiedKFold(k, shuffle=True, random_state=seed)
                record = {"labels": name, "folds": k, "seed": seed}
                with warnings.catch_warnings(record=True) as caught:
                    warnings.simplefilter("always")
                    try:
                        record["test"] = test_rows(cv, len(labels), np.asarray(labels))
                    except ValueError as error:
                        record["error"] = str(error)
                messages = [str(w.message) for w in caught if issubclass(w.category, UserWarning)]
                record["warning"] = messages[0] if messages else None
                records.append(record)
    named = [{"name": name, "values": labels} for name, labels in sets.items()]
    write_lines("stratified_kfold.jsonl", [{"label_sets": named}] + records)


def main():
    mt19937()
    permutations()
    split_sizes()
    split_sets()
    kfold()
    stratified_kfold()


if __name__ == "__main__":
    main()
