#!/usr/bin/env python3
"""Stale answers while `corpus watch` runs: write a change, then search for it at once.

    python bench/stale.py                    # 100 rounds on 2,000 small files in a temporary folder
    python bench/stale.py --rounds 200 --files 20000

Each round makes one change (in turn: append a word to a file, create a file, delete a file,
rename a file), closes the file, and runs `corpus search WORD --exact --json` at once, in a new process,
with the word the change added or took away. The answer is stale when it does not show the
change: an added word not found in the file that has it, a deleted file's word still found, a
renamed file found under its old name. The watcher runs as `corpus watch` in its own process,
with the cache in a temporary folder. Prints the stale rounds by kind and the median time of a
search. Not part of the test suite.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

WORDS = "health water school bridge farm road clinic river market harbour".split()


def corpus(*args: str, env: dict) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "corpus_cli", *args], capture_output=True, text=True, env=env)


def release(n: int) -> str:
    return (f"Release {n}\n\nThe office announced funding for the {WORDS[n % len(WORDS)]} project number {n}. "
            f"It will help families in the district.\n")


def found(word: str, folder: Path, env: dict) -> tuple[list[str], float]:
    start = time.perf_counter()
    r = corpus("search", word, "--exact", "--json", "--limit", "1000", "--data", str(folder), env=env)
    took = time.perf_counter() - start
    return sorted({h["id"] for h in json.loads(r.stdout or "[]")}), took


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=100)
    parser.add_argument("--files", type=int, default=2000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder, cache = Path(tmp) / "docs", Path(tmp) / "cache"
        folder.mkdir()
        for n in range(args.files):
            (folder / f"r{n:06d}.txt").write_text(release(n), encoding="utf-8")
        env = dict(os.environ, CORPUS_CACHE_DIR=str(cache))
        corpus("index", "--data", str(folder), env=env)
        watcher = subprocess.Popen([sys.executable, "-m", "corpus_cli", "watch", "--data", str(folder)], env=env,
                                   stderr=subprocess.PIPE, text=True)
        watcher.stderr.readline()  # "corpus: watching …": the lease is held
        stale: dict[str, int] = {}
        times = []
        try:
            for n in range(args.rounds):
                kind = ("append", "create", "delete", "rename")[n % 4]
                word = f"zq{n}x"
                if kind == "append":
                    path = folder / f"r{n:06d}.txt"
                    with path.open("a", encoding="utf-8") as f:
                        f.write(f"Added later: {word}.\n")
                    want = [path.stem]
                elif kind == "create":
                    path = folder / f"new{n:06d}.txt"
                    path.write_text(f"New release\n\nA new word: {word}.\n", encoding="utf-8")
                    want = [path.stem]
                elif kind == "delete":
                    path = folder / f"new{n - 1:06d}.txt"  # the file the round before created
                    path.unlink()
                    word, want = f"zq{n - 1}x", []
                else:
                    path = folder / f"r{n - 3:06d}.txt"  # the file appended to three rounds before
                    target = folder / f"moved{n:06d}.txt"
                    path.rename(target)
                    word, want = f"zq{n - 3}x", [target.stem]
                got, took = found(word, folder, env)
                times.append(took)
                if got != want:
                    stale[kind] = stale.get(kind, 0) + 1
                    print(f"round {n} ({kind}): wanted {want}, got {got}", file=sys.stderr)
        finally:
            watcher.terminate()
            watcher.wait(10)
    print(f"{args.rounds} rounds on {args.files:,} files: {sum(stale.values())} stale answers "
          f"({', '.join(f'{k} {v}' for k, v in sorted(stale.items())) or 'none'}); "
          f"a search took {statistics.median(times):.2f} s (median)")


if __name__ == "__main__":
    main()
