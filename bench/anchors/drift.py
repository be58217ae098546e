#!/usr/bin/env python3
"""External anchor for `dotnet run -c Release --project bench/Sextant.Bench -- drift --only speed`: scipy's
ks_2samp and wasserstein_distance (what Evidently's "ks" and "wasserstein" stattests call) on the same shapes, one
check = 10 numeric features of 1,000,000 current rows. Not run by CI.

Needs Debian's python3-scipy (1.10.1). Run from the repository root:  /usr/bin/python3 bench/anchors/drift.py [--repeat 5]
Data: the C# runner's ten distributions (normal, wide normal, lognormal(0, 0.75), exponential, uniform, Student t3,
gamma(2), rounded normal, bimodal mixture, squared uniform), drawn with numpy; the reference is 1,000 rows (KS, as
Evidently chooses at <= 1,000 rows) or a 5,000-value sample of 100,000 rows (normed Wasserstein above 1,000 rows),
as Sextant's profile keeps. Each check is timed --repeat times and the fastest is reported with all times.
"""
import argparse
import os
import time

import numpy as np
import scipy
from scipy import stats


def features(rng, rows):
    z = lambda: rng.standard_normal(rows)
    return [
        10 + 2 * z(),
        -5 + 20 * z(),
        np.exp(0.75 * z()),
        rng.exponential(size=rows),
        100 * rng.random(rows),
        rng.standard_t(3, size=rows),
        rng.gamma(2.0, size=rows),
        np.round(30 + 5.5 * z()),
        np.where(rng.random(rows) < 0.5, 0.0, 4.0) + z(),
        rng.random(rows) ** 2,
    ]


def timed(check, repeat):
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        check()
        times.append(time.perf_counter() - start)
    return f"{min(times):.3f} s (min of {', '.join(f'{t:.3f}' for t in times)})"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    rng = np.random.default_rng(8)
    current = features(rng, 1_000_000)
    small = features(np.random.default_rng(7), 1_000)
    large = [rng.choice(x, 5_000, replace=False) for x in features(np.random.default_rng(7), 100_000)]
    print(f"anchor: scipy {scipy.__version__}, numpy {np.__version__}, {os.cpu_count()} logical cores, fastest of {args.repeat}")
    print("ks_2samp(reference 1,000, current 1,000,000) x 10 features: "
          + timed(lambda: [stats.ks_2samp(r, c) for r, c in zip(small, current)], args.repeat))
    print("wasserstein_distance(sample 5,000, current 1,000,000) / np.std x 10 features: "
          + timed(lambda: [stats.wasserstein_distance(r, c) / max(np.std(r), 0.001) for r, c in zip(large, current)], args.repeat))


if __name__ == "__main__":
    main()
