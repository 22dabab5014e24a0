#!/usr/bin/env python3
"""Many readers and one folder that keeps changing: every answer whole, the index exact after.

    python3 ../shared/bench/make_corpus.py 5000 /tmp/c5k
    python bench/load.py /tmp/c5k
    python bench/load.py /tmp/c5k --watch          # while `corpus watch` keeps the index fresh
    python bench/load.py /tmp/c100k --waves 3 --concurrency 16

The folder is copied to a temporary one (the original is never changed) and indexed. Then a
writer changes the copy every ``--step`` seconds, in turn: it adds a release that names a word
found nowhere else (``zorbalink``), appends a paragraph to an existing release, rewrites a
release in place in two writes with a pause between them (a reader may meet it half-written),
and now and then removes a release. Meanwhile ``--waves`` waves of ``--concurrency`` commands
run at once (search, list, kwic and export, in JSON), each with the default full stat check,
or trusting a running ``corpus watch`` with ``--watch``.

Every command must exit 0 or 1 with no traceback and print valid JSON. After the writer stops
(and, with ``--watch``, the watcher has caught up), the index must list every file of the folder
once and no removed one, and a search for the new word must find exactly the files that hold it.
The report gives the counts, and the median and worst latency of the concurrent commands beside
the median of the same commands run one at a time on the warm index before the load.
Exit status 0 when every check holds, 1 otherwise. Not part of the test suite.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

MARKER = "zorbalink"
ADDED = """Senator Example Announces Zorbalink Grant

WASHINGTON, D.C. - {date} - The office announced a grant today.

"The {marker} program number {n} will help our towns," the senator said.

The grant funds {n} new jobs in the region over two years.
"""
APPENDED = "\nThe office added on {n} that the program will be reviewed next year.\n"


def corpus(*args: str) -> list[str]:
    return [sys.executable, "-m", "corpus_cli", *args]


class Folder:
    """The changing copy: what the writer did, so that the index can be checked against it."""

    def __init__(self, root: Path, seed: int):
        self.root = root
        self.rng = random.Random(seed)
        self.originals = sorted(p.name for p in root.glob("*.txt"))
        self.added: list[str] = []
        self.removed: list[str] = []
        self.actions = {"added": 0, "appended": 0, "rewritten": 0, "removed": 0}
        self.stop = threading.Event()
        self.n = 0

    def _new_text(self) -> str:
        day = f"2026-{1 + self.n % 12:02d}-{1 + self.n % 28:02d}"
        return ADDED.format(date=day, marker=MARKER, n=self.n)

    def step(self) -> None:
        self.n += 1
        kind = ("add", "append", "add", "rewrite", "add", "append", "remove")[self.n % 7]
        if kind == "add" or not self.added:
            name = f"zz_load_{self.n:05d}.txt"
            (self.root / name).write_text(self._new_text(), encoding="utf-8")
            self.added.append(name)
            self.actions["added"] += 1
        elif kind == "append":
            name = self.rng.choice(self.originals + self.added)
            with open(self.root / name, "a", encoding="utf-8") as fh:
                fh.write(APPENDED.format(n=self.n))
            self.actions["appended"] += 1
        elif kind == "rewrite":  # in two writes: a reader may find the file half-written
            name = self.rng.choice(self.added)
            text = self._new_text()
            with open(self.root / name, "w", encoding="utf-8") as fh:
                fh.write(text[: len(text) // 2])
                fh.flush()
                time.sleep(0.02)
                fh.write(text[len(text) // 2 :])
            self.actions["rewritten"] += 1
        else:
            pool = self.added if self.n % 2 else self.originals
            name = pool.pop(self.rng.randrange(len(pool)))
            (self.root / name).unlink()
            self.removed.append(name)
            self.actions["removed"] += 1

    def run(self, every: float) -> None:
        while not self.stop.is_set():
            self.step()
            self.stop.wait(every)

    def holding(self, word: str) -> set[str]:
        return {p.name for p in self.root.glob("*.txt") if word in p.read_text(encoding="utf-8", errors="replace").lower()}


def commands(data: Path) -> list[list[str]]:
    """The mix each wave runs, in turn."""
    d = ["--data", str(data)]
    return [
        corpus("search", "health", "--json", "--limit", "200", *d),
        corpus("list", "--json", "--since", "2010", *d),
        corpus("kwic", "veterans", "--json", "--limit", "300", *d),
        corpus("search", MARKER, "--json", *d),
        corpus("export", "--format", "json", "--since", "2018", *d),
        corpus("search", "water rights", "--json", *d),
        corpus("list", "--json", *d),
        corpus("search", "said", "--json", "--docs", "--limit", "100", *d),
    ]


class Outcome:
    def __init__(self, argv, code, out, err, took):
        self.argv, self.code, self.out, self.err, self.took = argv, code, out, err, took

    @property
    def traceback(self) -> bool:
        return b"Traceback" in self.err

    @property
    def valid(self) -> bool:
        try:
            json.loads(self.out)
            return True
        except ValueError:
            return False

    @property
    def name(self) -> str:
        return " ".join(a for a in self.argv[3:] if a != "--data" and a != str(self.argv[-1]))


def run_one(argv: list[str], env: dict) -> Outcome:
    started = time.perf_counter()
    proc = subprocess.run(argv, capture_output=True, env=env, timeout=900)
    return Outcome(argv, proc.returncode, proc.stdout, proc.stderr, time.perf_counter() - started)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--waves", type=int, default=3)
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--step", type=float, default=0.15, help="seconds between the writer's changes")
    parser.add_argument("--watch", action="store_true", help="run `corpus watch` on the folder meanwhile")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", action="store_true", help="keep the copy and the cache (their paths are printed)")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="corpus-load-"))
    data, cache = work / "data", work / "cache"
    shutil.copytree(args.folder, data, ignore=shutil.ignore_patterns("manifest.csv"))
    env = {**os.environ, "CORPUS_CACHE_DIR": str(cache)}
    env.pop("CORPUS_FRESHNESS", None)
    print(f"copy: {data} ({sum(1 for _ in data.glob('*.txt')):,} files); cache: {cache}", flush=True)
    started = time.perf_counter()
    subprocess.run(corpus("index", "--data", str(data)), env=env, check=True, capture_output=True)
    print(f"first build: {time.perf_counter() - started:.1f} s", flush=True)

    mix = commands(data)
    alone: dict[str, list[float]] = {}
    for argv in mix:  # warm, one at a time, three times each
        for _ in range(3):
            o = run_one(argv, env)
            alone.setdefault(o.name, []).append(o.took)
            if o.code not in (0, 1) or not o.valid:
                print(f"before the load, {' '.join(argv[3:])} failed ({o.code}): {o.err.decode()[-500:]}")
                return 1

    watcher = None
    if args.watch:
        watcher = subprocess.Popen(corpus("watch", "--data", str(data)), env=env, stdout=subprocess.DEVNULL,
                                   stderr=subprocess.PIPE)
        time.sleep(3)  # its first pass, then the lease is held

    folder = Folder(data, args.seed)
    writer = threading.Thread(target=folder.run, args=(args.step,), daemon=True)
    writer.start()
    outcomes: list[Outcome] = []
    load_started = time.perf_counter()
    with ThreadPoolExecutor(args.concurrency) as pool:
        for wave in range(args.waves):
            argvs = [mix[(wave * args.concurrency + n) % len(mix)] for n in range(args.concurrency)]
            found = list(pool.map(lambda a: run_one(a, env), argvs))
            outcomes.extend(found)
            print(f"wave {wave + 1}: {sum(o.code in (0, 1) and o.valid and not o.traceback for o in found)}/{len(found)} "
                  f"whole answers, slowest {max(o.took for o in found):.1f} s", flush=True)
    folder.stop.set()
    writer.join()
    load_seconds = time.perf_counter() - load_started

    # afterwards: the index against the folder
    if watcher is not None:
        time.sleep(3)  # let the watcher settle and make its pass
    final_env = env
    listed = json.loads(run_one(corpus("list", "--json", "--data", str(data)), final_env).out)
    names = [Path(d["path"]).name for d in listed]
    on_disk = {p.name for p in data.glob("*.txt")}
    hits = run_one(corpus("search", MARKER, "--json", "--docs", "--fuzziness", "0", "--data", str(data)), final_env)
    found_marker = {d["id"] + ".txt" for d in json.loads(hits.out)} if hits.out.strip() else set()  # ids are file stems
    holding = folder.holding(MARKER)
    if watcher is not None:
        watcher.terminate()
        _, werr = watcher.communicate(timeout=30)
        if b"Traceback" in werr:
            print("the watcher ended with a traceback:\n" + werr.decode()[-2000:])

    tracebacks = [o for o in outcomes if o.traceback]
    invalid = [o for o in outcomes if not o.valid]
    bad_codes = [o for o in outcomes if o.code not in (0, 1)]
    checks = {
        "tracebacks": len(tracebacks),
        "invalid or truncated outputs": len(invalid),
        "exits other than 0/1": len(bad_codes),
        "files listed twice": len(names) - len(set(names)),
        "files on disk not listed": len(on_disk - set(names)),
        "removed files still listed": len(set(names) - on_disk),
        f"files holding {MARKER} not found": len(holding - found_marker),
        f"files found for {MARKER} that do not hold it": len(found_marker - holding),
    }
    concurrent = [o.took for o in outcomes]
    all_alone = [t for times in alone.values() for t in times]
    print()
    print(f"folder: {len(on_disk):,} files at the end; writer: {folder.actions} in {load_seconds:.1f} s; "
          f"{'with corpus watch' if watcher else 'full stat check'}")
    print(f"commands: {len(outcomes)} ({args.waves} waves of {args.concurrency})")
    for name, n in checks.items():
        print(f"  {name}: {n}")
    print(f"latency: concurrent median {statistics.median(concurrent):.2f} s, worst {max(concurrent):.2f} s; "
          f"one at a time (warm, before the load) median {statistics.median(all_alone):.2f} s")
    print(f"  {'command':<48} {'alone':>7} {'loaded':>7} {'worst':>7}")
    for name, times in alone.items():
        loaded = [o.took for o in outcomes if o.name == name]
        if loaded:
            print(f"  {name[:48]:<48} {statistics.median(times):>6.2f}s {statistics.median(loaded):>6.2f}s "
                  f"{max(loaded):>6.2f}s")
    for o in (tracebacks + invalid + bad_codes)[:5]:
        print(f"--- {' '.join(o.argv[3:])}: exit {o.code}\n{o.err.decode(errors='replace')[-1500:]}")
    if args.keep:
        print(f"kept: {work}")
    else:
        shutil.rmtree(work, ignore_errors=True)
    return 0 if not any(checks.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
