#!/usr/bin/env python3
"""Speed and memory of corpus beside ripgrep and SQLite FTS5, on a folder of documents.

    python3 ../shared/bench/make_corpus.py 100000 /tmp/c100k
    python bench/perf.py /tmp/c100k --json bench/results/perf.json
    python bench/perf.py /tmp/scraped100k --runs 5
    python bench/perf.py /tmp/tsv --field date=date --field text=text --field source=member --runs 3

Cases, with the targets of the engine issue: the first run against a plain FTS5 build
(bench/fts5_build.py), with where the build's time goes; warm search and list against
`rg -il aleppo`, with the full stat check, with CORPUS_FRESHNESS=names and while `corpus watch`
holds the lease; queries that must stay under a second; a search after one changed file and
warm runs after edits; the floors (a stat of every file, the imports) beside rg.

Each case runs several times, alternating with its baseline (so both see the
same load on a shared machine); the table gives medians, the ratio of the
medians, and the peak resident memory of the corpus process (GNU time, else wait4).
Needs rg; `corpus` is run with this Python (`python -m corpus_cli`). The cache goes
to a temporary folder. Not part of the test suite: timing never decides a test.
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


def bench(folder: Path, runs: int, first_runs: int, label: str, fields: list[str] = ()) -> list[dict]:
    rows = []
    work = Path(tempfile.mkdtemp(prefix="corpus-bench-"))
    env = {**os.environ, "CORPUS_CACHE_DIR": str(work / "cache")}
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # as installed: modules compiled once, not at every run
    rg = ["rg", "-il", "aleppo", str(folder)]
    data = ["--data", str(folder), *fields]
    try:
        print(f"{label}: {folder}", file=sys.stderr)

        def fresh_cache():
            shutil.rmtree(work / "cache", ignore_errors=True)

        fts = [sys.executable, str(HERE / "fts5_build.py"), str(folder), str(work / "fts.db")]
        row = compare("first run: corpus index vs FTS5 build", corpus("index", *data), fts,
                      first_runs, env, before=fresh_cache, target="<= 2.0")
        rows.append(row)
        # the first commands after the build (the cache as the last timed build left it): what
        # they find once and keep (places and speakers of the documents they show, spellings)
        for name, argv in (("search aleppo --json", ["search", "aleppo", "--json"]),
                           ("search health --json --limit 10000", ["search", "health", "--json", "--limit", "10000"])):
            took, mb, _ = run(corpus(*argv, *data), env)
            rows.append({"case": f"first {name} after the build", "corpus_s": took, "baseline_s": None, "peak_mb": mb,
                         "runs": 1, "target": None, "ratio": None})
            print(f"  first {name} after the build: {took:.3f} s, peak {mb} MB", file=sys.stderr)
        row["shares"] = build_shares(folder, work)
        run(corpus("index", *data), env)  # warm the cache
        database = next((work / "cache").glob("*.sqlite"))
        row["database_mb"] = round(database.stat().st_size / 1e6, 1)
        row["folder_mb"] = round(sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 1e6, 1)
        warm_cases = [
            ("search aleppo --json", ["search", "aleppo", "--json"]),
            ("search alepo --json (fuzzy)", ["search", "alepo", "--json"]),
            ("list --since 2019 --until 2020 --json", ["list", "--since", "2019", "--until", "2020", "--json"]),
        ]
        for name, argv in warm_cases:
            rows.append(compare(f"warm {name} vs rg -il aleppo", corpus(*argv, *data), rg, runs, env, target="<= 1.0"))
        warm = rows[1]["corpus_s"]
        names_env = {**env, "CORPUS_FRESHNESS": "names"}
        rows.append(compare("warm search aleppo --json, CORPUS_FRESHNESS=names, vs rg",
                            corpus("search", "aleppo", "--json", *data), rg, runs, names_env))
        for name, argv in (
            ("search 'Plan B' --limit 20", ["search", "Plan B", "--limit", "20"]),
            ("search health --limit 20", ["search", "health", "--limit", "20"]),
            ("search with a long OR of name variants", ["search", " OR ".join(VARIANTS)]),
            ("search health --json --limit 10000", ["search", "health", "--json", "--limit", "10000"]),
        ):
            run(corpus(*argv, *data), env)  # what a command finds once (spellings, places) is kept: time the next
            rows.append(compare(f"{name} vs rg -il aleppo", corpus(*argv, *data), rg, runs, env, target="<= 2.0"))
        # One output path: JSON of a broad search (every hit, places read back from the database)
        # against the same search's table (plain text down a pipe); each warmed once first.
        broad = ["search", "health", *data]
        run(corpus(*broad, "--json"), env)
        rows.append(compare("broad search health --json vs the same search's table output (down a pipe)",
                            corpus(*broad, "--json"), corpus(*broad), runs, env, target="<= 1.5"))
        watcher = subprocess.Popen(corpus("watch", *data), env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        try:
            line = "?"
            while line and not line.startswith("corpus: watching"):  # said once the lease is held
                line = watcher.stderr.readline()
            for name, argv in warm_cases:
                rows.append(compare(f"while corpus watch runs: {name} vs rg -il aleppo", corpus(*argv, *data), rg, runs, env,
                                    target="<= 0.25"))
        finally:
            watcher.terminate()
            watcher.wait(timeout=60)
        texts = sorted(folder.rglob("*.txt")) if not fields else []
        victim = texts[len(texts) // 2] if texts else None
        if victim is not None:
            original = victim.read_bytes()
            counter = [0]

            def change_one_file():
                counter[0] += 1
                victim.write_bytes(original + f"\n\nAleppo note {counter[0]}.\n".encode())

            try:
                row = compare("search aleppo --json after changing one file vs warm search", corpus("search", "aleppo", "--json", *data),
                              None, runs, env, before=change_one_file, target="<= 1.5")
                row["baseline_s"], row["ratio"] = warm, row["corpus_s"] / warm
                rows.append(row)
                row = compare("warm search aleppo --json after those edits vs before", corpus("search", "aleppo", "--json", *data),
                              None, runs, env, target="<= 1.05")
                row["baseline_s"], row["ratio"] = warm, row["corpus_s"] / warm
                rows.append(row)
            finally:
                victim.write_bytes(original)
                run(corpus("index", *data), env)
        rows.append(compare("corpus --help vs python -c pass", corpus("--help"),
                            [sys.executable, "-c", "pass"], runs, env, target="<= 0.15 s"))
        rows.append(compare("floor: stat of every file (python) vs rg -il aleppo", [sys.executable, "-c", STAT, str(folder)],
                            rg, runs, env))
        rows.append(compare("floor: python -c 'import corpus_cli.cli, sqlite3' vs rg -il aleppo",
                            [sys.executable, "-c", "import corpus_cli.cli, corpus_cli.api, sqlite3"], rg, runs, env))
        rows.append(compare("reference: FTS5 query aleppo vs rg -il aleppo",
                            [sys.executable, str(HERE / "fts5_build.py"), str(folder), str(work / "fts.db"), "--query", "aleppo"],
                            rg, runs, env))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    for r in rows:
        r["folder"] = str(folder)
        r["label"] = label
    return rows


VARIANTS = ["Assad", "Asad", "Assaad", "al-Assad", "Alassad", "el-Assad", "Bashar", "Bachar", "Baschar", "Basher"]
STAT = "import os, sys\nfor d, _, names in os.walk(sys.argv[1]):\n    for n in names: os.stat(os.path.join(d, n))"


def build_shares(folder: Path, work: Path) -> dict:
    """Where a build's time goes: one build in process (bench/engine_build.py's way)."""
    sys.path.insert(0, str(HERE))
    from engine_build import BUILD

    out = subprocess.run([sys.executable, "-c", BUILD, str(folder), str(work / "shares.sqlite")],
                         capture_output=True, text=True, check=True).stdout
    (work / "shares.sqlite").unlink(missing_ok=True)
    shares = json.loads(out.splitlines()[-1])
    print(f"  build shares: {shares}", file=sys.stderr)
    return shares


def table(rows: list[dict]) -> str:
    out = ["| folder | case | corpus (median s) | baseline (median s) | ratio | target | peak MB |", "|---|---|---|---|---|---|---|"]
    for r in rows:
        base = f"{r['baseline_s']:.3f}" if r["baseline_s"] is not None else "-"
        ratio = f"{r['ratio']:.2f}" if r["ratio"] is not None else "-"
        out.append(f"| {r['label']} | {r['case']} | {r['corpus_s']:.3f} | {base} | {ratio} | {r['target'] or '-'} | {r['peak_mb']} |")
    for r in rows:
        if "shares" in r:
            s = r["shares"]
            writing = s["parse_and_write"] - s["waiting"]
            out.append(f"\n{r['label']}: build {s['scan'] + s['parse_and_write'] + s['commit']:.1f} s in process = scan "
                       f"{s['scan']:.1f} + parse and write {s['parse_and_write']:.1f} (the writer waited {s['waiting']:.1f} s for "
                       f"the parsers and wrote for {writing:.1f} s) + FTS5 merge and vocabulary {s['commit']:.1f}; database "
                       f"{r.get('database_mb')} MB for a folder of {r.get('folder_mb')} MB")
    return "\n".join(out)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("folder", help="folder of documents (e.g. 100,000 from make_corpus.py)")
    ap.add_argument("--runs", type=int, default=5, help="runs per warm case (default 5)")
    ap.add_argument("--first-runs", type=int, default=3, help="runs of the first-run case (default 3)")
    ap.add_argument("--scaling", help="also measure folders of these sizes, made with make_corpus.py (e.g. 1000,10000)")
    ap.add_argument("--json", help="write the rows here")
    ap.add_argument("--field", action="append", default=[], metavar="NAME=COLUMN", help="passed on to corpus (a TSV folder)")
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
    fields = [f"--field={f}" for f in args.field]
    rows += bench(folder, args.runs, args.first_runs, f"{count:,} files" if count else folder.name, fields)
    print(table(rows))
    if args.json:
        Path(args.json).parent.mkdir(parents=True, exist_ok=True)
        Path(args.json).write_text(json.dumps(rows, indent=2))


if __name__ == "__main__":
    main()
