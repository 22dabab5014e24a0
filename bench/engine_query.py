#!/usr/bin/env python3
"""Open a corpus index database and time queries on it, in one process.

    python bench/engine_query.py DB QUERY [QUERY ...]

DB is a database built by corpus_cli.index (bench/engine_build.py builds one, or
corpus index --path --data DIR, which prints its path). Prints the time to open
the index and its memory, then each query's hits and time (search only, no output).
"""

import resource
import sys
import time


def main() -> None:
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    started = time.perf_counter()
    from corpus_cli.api import Corpus
    from corpus_cli.index.database import DatabaseIndex
    from corpus_cli.index.store import Store

    imported = time.perf_counter()
    corpus = Corpus(DatabaseIndex(Store(sys.argv[1])))
    opened = time.perf_counter()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    print(f"imports {imported - started:.2f} s, open {opened - imported:.2f} s, {peak} MiB")
    for query in sys.argv[2:]:
        t = time.perf_counter()
        hits = corpus.search(query)
        print(f"{query!r}: {len(hits):,} hits in {time.perf_counter() - t:.3f} s")
    print(f"peak {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024} MiB")


if __name__ == "__main__":
    main()
