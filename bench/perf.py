#!/usr/bin/env python3
"""Speed and memory of corpus beside ripgrep, ugrep and SQLite FTS5, on a folder of documents.

    python3 ../shared/bench/make_corpus.py 100000 /tmp/c100k
    python bench/perf.py /tmp/c100k --json bench/results/perf.json
    python bench/perf.py /tmp/c100k --scaling 1000,10000     # also build smaller folders and compare

Each case runs several times, alternating with its baseline (so both see the
same load on a shared machine); the table gives medians, the ratio of the
medians, and the peak resident memory of the corpus process (from wait4).
Needs rg (and, for the reference lines, ugrep); `corpus` is run with this
Python (`python -m corpus_cli`). The cache goes to a temporary folder. Not
part of the test suite: timing never decides a test.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
MAKE_CORPUS = HERE.parent.parent / "shared" / "bench" / "make_corpus.py"


TIME = shutil.which("time") or ("/usr/bin/time" if Path("/usr/bin/time").exists() else None)


def run(argv: list[str], env: dict | None = None) -> tuple[float, int, int]:
    """Wall time (s), peak memory (MB) and exit code of one command.

    Memory comes from GNU time (its child is forked from a small process; a
    child forked from this Python would inherit its high-water mark), else
    from wait4. It is the largest single process, not the sum of workers.
    """
    with tempfile.NamedTemporaryFile("r", suffix=".time") as out:
        wrapped = [TIME, "-q", "-f", "%M", "-o", out.name, *argv] if TIME else argv
        started = time.perf_counter()
        # Output goes to a pipe that is read, not to /dev/null: grep-like tools stop at the
        # first match when they see /dev/null.
        proc = subprocess.Popen(wrapped, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env)
        while proc.stdout.read(1 << 16):
            pass
        _, status, usage = os.wait4(proc.pid, 0)
        took = time.perf_counter() - started
        code = os.waitstatus_to_exitcode(status)
        kb = usage.ru_maxrss
        if TIME:
            text = out.read().strip().splitlines()
            kb = int(text[-1]) if text and text[-1].isdigit() else kb
    return took, kb // 1024, code


def corpus(*args: str) -> list[str]:
    return [sys.executable, "-m", "corpus_cli", *args]


def compare(name, ours, baseline, runs, env, before=None, target=None):
    """Run ``ours`` and ``baseline`` alternately; ``before`` runs (untimed) ahead of each of ours."""
    mine, theirs, memory = [], [], []
    for n in range(runs):
        pair = [("ours", ours), ("base", baseline)] if n % 2 == 0 else [("base", baseline), ("ours", ours)]
        for who, argv in pair:
            if argv is None:
                continue
            if who == "ours" and before:
                before()
            took, mb, code = run(argv, env)
            if who == "ours":
                mine.append(took)
                memory.append(mb)
                if code not in (0, 1):
                    raise SystemExit(f"{name}: {' '.join(argv)} exited {code}")
            else:
                theirs.append(took)
                if code not in (0, 1):
                    raise SystemExit(f"{name}: baseline {' '.join(argv)} exited {code}")
    row = {
        "case": name,
        "corpus_s": statistics.median(mine),
        "baseline_s": statistics.median(theirs) if theirs else None,
        "peak_mb": max(memory),
        "runs": runs,
        "target": target,
    }
    row["ratio"] = row["corpus_s"] / row["baseline_s"] if row["baseline_s"] else None
    print(f"  {name}: {row['corpus_s']:.3f} s" + (f" vs {row['baseline_s']:.3f} s, ratio {row['ratio']:.2f}" if row["ratio"] else "")
          + f", peak {row['peak_mb']} MB", file=sys.stderr)
    return row


def bench(folder: Path, runs: int, first_runs: int, label: str) -> list[dict]:
    rows = []
    work = Path(tempfile.mkdtemp(prefix="corpus-bench-"))
    env = {**os.environ, "CORPUS_CACHE_DIR": str(work / "cache")}
    rg = ["rg", "-il", "aleppo", str(folder)]
    data = ["--data", str(folder)]
    try:
        print(f"{label}: {folder}", file=sys.stderr)

        def fresh_cache():
            shutil.rmtree(work / "cache", ignore_errors=True)

        fts = [sys.executable, str(HERE / "fts5_build.py"), str(folder), str(work / "fts.db")]
        rows.append(compare("first run: corpus index vs FTS5 build", corpus("index", *data), fts,
                            first_runs, env, before=fresh_cache, target="<= 1.0"))
        run(corpus("index", *data), env)  # warm the cache
        rows.append(compare("warm search aleppo --json vs rg -il aleppo", corpus("search", "aleppo", "--json", *data),
                            rg, runs, env, target="<= 0.5"))
        rows.append(compare("warm search alepo --json (fuzzy) vs rg -il aleppo", corpus("search", "alepo", "--json", *data),
                            rg, runs, env, target="<= 0.5"))
        rows.append(compare("warm list --since 2015 --until 2015-06 --json vs rg",
                            corpus("list", "--since", "2015", "--until", "2015-06", "--json", *data), rg, runs, env,
                            target="<= 0.5"))
        names_env = {**env, "CORPUS_FRESHNESS": "names"}
        rows.append(compare("warm search aleppo, CORPUS_FRESHNESS=names, vs rg",
                            corpus("search", "aleppo", "--json", *data), rg, runs, names_env))
        victim = sorted(folder.glob("*.txt"))[len(list(folder.glob("*.txt"))) // 2]
        original = victim.read_bytes()
        counter = [0]

        def change_one_file():
            counter[0] += 1
            victim.write_bytes(original + f"\n\nAleppo note {counter[0]}.\n".encode())

        try:
            row = compare("search after changing one file vs warm search (first row)",
                          corpus("search", "aleppo", "--json", *data), None, runs, env,
                          before=change_one_file, target="<= 3.0")
            row["baseline_s"] = rows[1]["corpus_s"]  # the warm search, measured above
            row["ratio"] = row["corpus_s"] / row["baseline_s"]
            rows.append(row)
        finally:
            victim.write_bytes(original)
            run(corpus("index", *data), env)
        rows.append(compare("corpus --help vs python -c pass", corpus("--help"),
                            [sys.executable, "-c", "pass"], runs, env, target="<= 0.15 s"))
        if shutil.which("ugrep"):
            rows.append(compare("reference: ugrep -Z1 -il alepo vs rg -il aleppo",
                                ["ugrep", "-Z1", "-i", "-l", "-r", "alepo", str(folder)], rg, max(3, runs // 2), env))
        rows.append(compare("reference: FTS5 query aleppo vs rg -il aleppo",
                            [sys.executable, str(HERE / "fts5_build.py"), str(folder), str(work / "fts.db"), "--query", "aleppo"],
                            rg, runs, env))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    for r in rows:
        r["folder"] = str(folder)
        r["label"] = label
    return rows


def table(rows: list[dict]) -> str:
    out = ["| folder | case | corpus (median s) | baseline (median s) | ratio | target | peak MB |", "|---|---|---|---|---|---|---|"]
    for r in rows:
        base = f"{r['baseline_s']:.3f}" if r["baseline_s"] is not None else "-"
        ratio = f"{r['ratio']:.2f}" if r["ratio"] is not None else "-"
        out.append(f"| {r['label']} | {r['case']} | {r['corpus_s']:.3f} | {base} | {ratio} | {r['target'] or '-'} | {r['peak_mb']} |")
    return "\n".join(out)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("folder", help="folder of documents (e.g. 100,000 from make_corpus.py)")
    ap.add_argument("--runs", type=int, default=5, help="runs per warm case (default 5)")
    ap.add_argument("--first-runs", type=int, default=3, help="runs of the first-run case (default 3)")
    ap.add_argument("--scaling", help="also measure folders of these sizes, made with make_corpus.py (e.g. 1000,10000)")
    ap.add_argument("--json", help="write the rows here")
    args = ap.parse_args()
    if not shutil.which("rg"):
        raise SystemExit("rg (ripgrep) is needed: apt-get install ripgrep")
    folder = Path(args.folder)
    count = sum(1 for _ in folder.rglob("*.txt"))
    rows = []
    if args.scaling:
        tmp = Path(tempfile.mkdtemp(prefix="corpus-scale-"))
        try:
            for n in (int(x) for x in args.scaling.split(",")):
                sub = tmp / f"c{n}"
                subprocess.run([sys.executable, str(MAKE_CORPUS), str(n), str(sub)], check=True, stdout=subprocess.DEVNULL)
                rows += bench(sub, args.runs, args.first_runs, f"{n:,} docs")
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
    rows += bench(folder, args.runs, args.first_runs, f"{count:,} docs")
    print(table(rows))
    if args.json:
        Path(args.json).parent.mkdir(parents=True, exist_ok=True)
        Path(args.json).write_text(json.dumps(rows, indent=2))


if __name__ == "__main__":
    main()
