#!/usr/bin/env python3
"""External anchors for docs/BENCHMARKS.md: scikit-learn HistGradientBoosting and XGBoost hist on the shapes
`dotnet run -c Release --project bench/Sextant.Bench -- learners` fits. Not run by CI.

Needs Debian's python3-sklearn (1.2.1) and python3-xgboost (1.7.4): apt-get install -y python3-sklearn python3-xgboost
Run with the system Python from the repository root:  /usr/bin/python3 bench/anchors/learners.py [--repeat 5] [--quick] [--only logloss|quantile]
Data: make_friedman1 (20 features, noise 1.0, seed 1), the same distribution as the C# runner's generator; California
housing from ../shared/data/california_housing/cal_housing.data (8 standard features, target in 100k$), 80/20 seed 42.
Every fit is timed --repeat times in one process and the fastest is reported with all times, as the C# runner does.
"""
import argparse
import os
import time
from pathlib import Path

import numpy as np
import sklearn
import xgboost
from sklearn.datasets import make_friedman1
from sklearn.ensemble import HistGradientBoostingClassifier, HistGradientBoostingRegressor
from sklearn.model_selection import train_test_split


def timed(fit, repeat):
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fit()
        times.append(time.perf_counter() - start)
    return f"{min(times):.3f} s (min of {', '.join(f'{t:.3f}' for t in times)})"


def california():
    for parent in [Path.cwd(), *Path.cwd().parents]:
        path = parent / "shared" / "data" / "california_housing" / "cal_housing.data"
        if path.exists():
            raw = np.loadtxt(path, delimiter=",")
            lon, lat, age, rooms, bedrooms, population, households, income, value = raw.T
            x = np.column_stack([income, age, rooms / households, bedrooms / households, population,
                                 population / households, lat, lon])
            return train_test_split(x, value / 100_000, test_size=0.2, random_state=42)
    return None


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--quick", action="store_true", help="skip the 1,000,000-row case")
    parser.add_argument("--only", choices=["gbm", "logloss", "quantile"], default="gbm",
                        help="gbm: the regression shapes (default); logloss: binary classification; quantile: alpha 0.9 "
                             "(scikit-learn only: XGBoost 1.7 has no quantile loss); as the C# runner's --only")
    args = parser.parse_args()
    threads = int(os.environ.get("OMP_NUM_THREADS", "2"))
    print(f"anchors: scikit-learn {sklearn.__version__}, XGBoost {xgboost.__version__}, numpy {np.__version__}, "
          f"{os.cpu_count()} logical cores, {threads} threads, fastest of {args.repeat}")
    if args.only == "quantile":
        for rows in ([100_000] if args.quick else [100_000, 1_000_000]):
            x, y = make_friedman1(n_samples=rows, n_features=20, noise=1.0, random_state=1)
            hgb = HistGradientBoostingRegressor(loss="quantile", quantile=0.9, max_iter=100, early_stopping=False, random_state=0)
            print(f"sklearn HGB friedman1 {rows:,}x20, 100 rounds, 31 leaves, quantile 0.9: fit {timed(lambda: hgb.fit(x, y), args.repeat)}")
        return
    if args.only == "logloss":
        for rows in ([100_000] if args.quick else [100_000, 1_000_000]):
            x, y = make_friedman1(n_samples=rows, n_features=20, noise=1.0, random_state=1)
            labels = (y > np.median(y)).astype(int)
            hgb = HistGradientBoostingClassifier(max_iter=100, early_stopping=False, random_state=0)
            print(f"sklearn HGB friedman1 binary {rows:,}x20, 100 rounds, 31 leaves: fit {timed(lambda: hgb.fit(x, labels), args.repeat)}")
            depthwise = xgboost.XGBClassifier(n_estimators=100, max_depth=6, learning_rate=0.1, tree_method="hist",
                                              n_jobs=threads, max_bin=256)
            print(f"XGBoost hist friedman1 binary {rows:,}x20, 100 rounds, depth 6: fit {timed(lambda: depthwise.fit(x, labels), args.repeat)}")
        return
    for rows in ([100_000] if args.quick else [100_000, 1_000_000]):
        x, y = make_friedman1(n_samples=rows, n_features=20, noise=1.0, random_state=1)
        hgb = HistGradientBoostingRegressor(max_iter=100, early_stopping=False, random_state=0)
        print(f"sklearn HGB friedman1 {rows:,}x20, 100 rounds, 31 leaves: fit {timed(lambda: hgb.fit(x, y), args.repeat)}")
        depthwise = xgboost.XGBRegressor(n_estimators=100, max_depth=6, learning_rate=0.1, tree_method="hist",
                                         n_jobs=threads, max_bin=256)
        print(f"XGBoost hist friedman1 {rows:,}x20, 100 rounds, depth 6: fit {timed(lambda: depthwise.fit(x, y), args.repeat)}")
        leafwise = xgboost.XGBRegressor(n_estimators=100, max_depth=6, max_leaves=31, grow_policy="lossguide",
                                        learning_rate=0.1, tree_method="hist", n_jobs=threads, max_bin=256)
        print(f"XGBoost hist friedman1 {rows:,}x20, 100 rounds, depth 6, 31 leaves (lossguide): fit {timed(lambda: leafwise.fit(x, y), args.repeat)}")
    split = california()
    if split is None:
        print("california: skipped, shared/data/california_housing/cal_housing.data not found above the working directory")
        return
    x_train, x_test, y_train, y_test = split
    hgb = HistGradientBoostingRegressor(random_state=0)
    fit = timed(lambda: hgb.fit(x_train, y_train), args.repeat)
    rmse = float(np.sqrt(np.mean((hgb.predict(x_test) - y_test) ** 2)))
    print(f"sklearn HGB california (defaults: at most 100 rounds, early stopping on): fit {fit}, {hgb.n_iter_} rounds, test RMSE {rmse:.4f}")
    hundred = HistGradientBoostingRegressor(max_iter=100, early_stopping=False, random_state=0)
    print(f"sklearn HGB california (100 rounds, 31 leaves, no early stopping): fit {timed(lambda: hundred.fit(x_train, y_train), args.repeat)}")


if __name__ == "__main__":
    main()
