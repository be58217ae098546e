"""Anchor for `dotnet run -c Release --project bench/Sextant.Bench -- data`: pandas.read_csv alone on the same CSV.

Usage: /usr/bin/python3 bench/anchors/data.py /tmp/sextant-bench-data/wide_1000000.csv
Prints the median of 3 reads and the process's peak RSS (resource.getrusage: KiB on Linux).
"""
import resource
import statistics
import sys
import time

import pandas as pd

path = sys.argv[1]
times = []
for _ in range(3):
    start = time.perf_counter()
    frame = pd.read_csv(path)
    times.append(time.perf_counter() - start)
    rows = len(frame)
    del frame
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(f"pandas {pd.__version__} read_csv {rows:,} rows: median {statistics.median(times):.2f} s (min {min(times):.2f}, max {max(times):.2f}); peak RSS {peak:.0f} MB")
