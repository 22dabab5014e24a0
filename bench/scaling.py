#!/usr/bin/env python3
"""How corpus grows with the folder: first run, warm search, peak memory and database size.

    for n in 10000 30000 100000 300000; do python3 ../shared/bench/make_corpus.py $n /tmp/s$n; done
    python bench/scaling.py /tmp/s10000 /tmp/s30000 /tmp/s100000 /tmp/s300000 --png bench/scaling.png

For each folder: `corpus index` into a new cache (the first run; once), then `corpus search
aleppo` warm with the full stat check and `rg -il aleppo` beside it, alternating (--runs, medians),
the peak memory of each corpus process (wait4), and the database's size. Prints a Markdown
table and, with --png, draws the curves (matplotlib: `pip install -e '.[bench]'`), each per
folder size, with a line of slope one through the first point: a curve under it grows no faster
than the folder. Not part of the test suite.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def timed(argv: list[str], env: dict) -> tuple[float, int]:
    """Wall time (s) and peak memory (MB) of one command, its output read and dropped."""
    started = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env)
    while proc.stdout.read(1 << 16):
        pass
    _, _, usage = os.wait4(proc.pid, 0)
    return time.perf_counter() - started, usage.ru_maxrss // 1024


def measure(folder: Path, runs: int) -> dict:
    files = sum(1 for _ in folder.rglob("*.txt"))
    with tempfile.TemporaryDirectory() as cache:
        env = dict(os.environ, CORPUS_CACHE_DIR=cache)
        corpus = [sys.executable, "-m", "corpus_cli"]
        first, first_mb = timed([*corpus, "index", "--data", str(folder)], env)
        ours, theirs, warm_mb = [], [], []
        for _ in range(runs):
            took, mb = timed([*corpus, "search", "aleppo", "--data", str(folder)], env)
            ours.append(took)
            warm_mb.append(mb)
            theirs.append(timed(["rg", "-il", "aleppo", str(folder)], env)[0])
        size = sum(p.stat().st_size for p in Path(cache).rglob("*.sqlite"))
    row = {"files": files, "first_s": first, "first_mb": first_mb, "warm_s": statistics.median(ours),
           "rg_s": statistics.median(theirs), "warm_mb": max(warm_mb), "db_mb": size / 2**20}
    print(f"{files:,} files: first run {first:.1f} s ({first_mb} MB), warm search {row['warm_s']:.2f} s "
          f"(rg {row['rg_s']:.2f} s, {row['warm_mb']} MB), database {row['db_mb']:.0f} MB", file=sys.stderr)
    return row


def table(rows: list[dict]) -> str:
    lines = ["| files | first run | peak memory | warm search aleppo | rg -il aleppo | ratio | warm memory | database |",
             "|---|---|---|---|---|---|---|---|"]
    for r in rows:
        lines.append(f"| {r['files']:,} | {r['first_s']:.1f} s | {r['first_mb']} MB | {r['warm_s']:.2f} s | "
                     f"{r['rg_s']:.2f} s | {r['warm_s'] / r['rg_s']:.2f} | {r['warm_mb']} MB | {r['db_mb']:.0f} MB |")
    return "\n".join(lines)


def plot(rows: list[dict], path: str) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    files = [r["files"] for r in rows]
    fig, axes = plt.subplots(1, 3, figsize=(13, 4))
    for ax, key, title in zip(axes, ("first_s", "warm_s", "db_mb"),
                              ("first run (s)", "warm search aleppo (s)", "database (MB)")):
        values = [r[key] for r in rows]
        ax.loglog(files, values, "o-", label="corpus")
        ax.loglog(files, [values[0] * f / files[0] for f in files], "--", color="grey", label="grows as the folder")
        if key == "warm_s":
            ax.loglog(files, [r["rg_s"] for r in rows], "s-", label="rg -il aleppo")
        ax.set_title(title)
        ax.set_xlabel("files")
        ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(path, dpi=110)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("folders", nargs="+", type=Path)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--png", help="draw the curves into this file")
    args = ap.parse_args()
    rows = [measure(folder, args.runs) for folder in args.folders]
    print(table(rows))
    if args.png:
        plot(rows, args.png)
    print(f"\n(python {sys.version.split()[0]}, {os.cpu_count()} cores, {time.strftime('%Y-%m-%d')})")


if __name__ == "__main__":
    main()
