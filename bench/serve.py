#!/usr/bin/env python3
"""corpus serve: the time from starting it to a first page of search results (target ≤ 3 s).

    python bench/serve.py ../shared/corpora/un-general-debate --runs 5

Each run starts `corpus serve` on the folder (its index made beforehand, untimed) and asks for
`/-/search?q=climate` until it answers; the median of the runs is printed. Needs Datasette
(`pip install '.[serve]'`). Not part of the test suite: timing never decides a test.
"""

from __future__ import annotations

import argparse
import socket
import statistics
import subprocess
import sys
import time
import urllib.request


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("folder")
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    corpus = [sys.executable, "-m", "corpus_cli"]
    subprocess.run(corpus + ["index", "--data", args.folder], check=True, capture_output=True)
    times = []
    for _ in range(args.runs):
        port = free_port()
        started = time.perf_counter()
        proc = subprocess.Popen(corpus + ["serve", "--port", str(port), "--data", args.folder], stderr=subprocess.DEVNULL)
        try:
            while True:
                try:
                    urllib.request.urlopen(f"http://127.0.0.1:{port}/-/search?q=climate", timeout=10).read()
                    break
                except OSError:
                    if proc.poll() is not None:
                        raise SystemExit("corpus serve ended; is Datasette installed? pip install '.[serve]'")
                    time.sleep(0.05)
            times.append(time.perf_counter() - started)
        finally:
            proc.terminate()
            proc.wait()
    print(f"start to first page: {', '.join(f'{t:.2f}' for t in times)} s; median {statistics.median(times):.2f} s")


if __name__ == "__main__":
    main()
