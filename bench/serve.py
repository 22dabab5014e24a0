#!/usr/bin/env python3
"""corpus serve: the time from starting it to a first page of search results (target ≤ 3 s).

    python bench/serve.py ../shared/corpora/un-general-debate --runs 5

Each run starts `corpus serve` on the folder (its index made beforehand in a cache of its own,
untimed) and asks for `/-/search?q=climate` until it answers; the median of the runs is printed,
after the first serve of the new index, which finds every document's places and speakers. Needs Datasette
(`pip install '.[serve]'`). Not part of the test suite: timing never decides a test.
"""

from __future__ import annotations

import argparse
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("folder")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--screenshot", metavar="PNG", help="only take a picture of the search page for QUERY, with chromium")
    ap.add_argument("--query", default="Alepo", help="the query of the picture (default Alepo)")
    args = ap.parse_args()
    if args.screenshot:
        return screenshot(args.folder, args.query, args.screenshot)
    corpus = [sys.executable, "-m", "corpus_cli"]
    with tempfile.TemporaryDirectory() as cache:
        env = {**os.environ, "CORPUS_CACHE_DIR": cache}
        subprocess.run(corpus + ["index", "--data", args.folder], check=True, capture_output=True, env=env)
        first = start_to_page(corpus, args.folder, env)  # finds every document's places and speakers
        times = [start_to_page(corpus, args.folder, env) for _ in range(args.runs)]
    print(f"first serve after the index: {first:.2f} s (places and speakers of every document found)")
    print(f"start to first page: {', '.join(f'{t:.2f}' for t in times)} s; median {statistics.median(times):.2f} s")


def screenshot(folder: str, query: str, png: str) -> None:
    """The search page for ``query`` as headless Chromium draws it, 1100 by 700 pixels."""
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "corpus_cli", "serve", "--port", str(port), "--data", folder],
                            stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/-/search?q={urllib.parse.quote(query)}"
    try:
        while True:
            try:
                urllib.request.urlopen(url, timeout=10).read()
                break
            except OSError:
                time.sleep(0.05)
        browser = shutil.which("chromium") or shutil.which("chromium-browser")
        subprocess.run([browser, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                        "--window-size=1100,700", f"--screenshot={os.path.abspath(png)}", url],
                       check=True, capture_output=True)
    finally:
        proc.terminate()
        proc.wait()
    print(f"wrote {png}")


def start_to_page(corpus: list[str], folder: str, env: dict) -> float:
    port = free_port()
    started = time.perf_counter()
    proc = subprocess.Popen(corpus + ["serve", "--port", str(port), "--data", folder], stderr=subprocess.DEVNULL, env=env)
    try:
        while True:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/-/search?q=climate", timeout=10).read()
                return time.perf_counter() - started
            except OSError:
                if proc.poll() is not None:
                    raise SystemExit("corpus serve ended; is Datasette installed? pip install '.[serve]'")
                time.sleep(0.05)
    finally:
        proc.terminate()
        proc.wait()

if __name__ == "__main__":
    main()
