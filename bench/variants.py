#!/usr/bin/env python3
"""Precision and recall of spelling-variant queries: corpus search beside ugrep -Z and rg.

For each name below, the truth is the set of files that name it in any
spelling, found with a regular expression over every known spelling. Each
query is a spelling a user might type. A tool's answer is the set of files
it returns; precision and recall are counted per query and over all queries.

    python3 ../shared/bench/make_corpus.py 100000 /tmp/c100k
    python bench/variants.py /tmp/c100k --json bench/results/variants.json

Needs ugrep and rg on the PATH (Debian: apt-get install ugrep ripgrep); a
tool that is missing is left out of the table. Not part of the test suite.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

# (query a user types, regular expression for every spelling of the name it means)
CASES = [
    ("Alepo", r"aleppo"),
    ("Asad", r"as+ad"),
    ("Hizbollah", r"h[ei]zb[aou]ll?o?ah"),
    ("Hizballah", r"h[ei]zb[aou]ll?o?ah"),
    ("Hezbolah", r"h[ei]zb[aou]ll?o?ah"),
    ("Gadafi", r"[qgk]h?a[dt]+h?af+[iy]"),
    ("Qadhafi", r"[qgk]h?a[dt]+h?af+[iy]"),
    ("Kaddafi", r"[qgk]h?a[dt]+h?af+[iy]"),
    ("Qaida", r"qa['’]?[ie]da"),
    ("Usama bin Ladin", r"[ou]sama bin lad[ie]n"),
    ("Ahmadinezhad", r"ahmadine[jz]h?ad"),
    ("Ahmedinejad", r"ahmadine[jz]h?ad"),
    ("Moamar", r"m[ou]['’]?am+ar"),
    ("Teheran", r"teh?e?ran"),
    ("Falluja", r"fall?ujah?"),
    ("Mogadisho", r"mogadish[uo]"),
    ("Qandahar", r"[kq]andahar"),
    ("Kirkouk", r"kirk[ou]u?k"),
    ("Basrah", r"basrah?"),
    ("Zarkawi", r"zar[qk]awi"),
    ("Shi'ite", r"shi['’]?ite"),
    ("Karzay", r"karza[iy]"),
    ("Hammas", r"ham+as"),
    ("Mousul", r"mou?sul"),
]


def truth(files: list[Path], pattern: str) -> set[str]:
    rx = re.compile(rf"\b(?:{pattern})\b", re.IGNORECASE)
    return {f.name for f in files if rx.search(f.read_text(encoding="utf-8", errors="replace"))}


def run_tool(argv: list[str]) -> set[str]:
    out = subprocess.run(argv, capture_output=True, text=True).stdout
    return {Path(line).name for line in out.splitlines() if line.strip()}


def corpus_search(corpus, query: str) -> set[str]:
    return {Path(h.document.path).name for h in corpus.search(query)}


def score(found: set[str], expected: set[str]) -> dict:
    tp = len(found & expected)
    return {
        "found": len(found),
        "true": tp,
        "precision": tp / len(found) if found else (1.0 if not expected else 0.0),
        "recall": tp / len(expected) if expected else 1.0,
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("data", help="folder of documents")
    ap.add_argument("--json", help="write the results here as JSON")
    args = ap.parse_args()
    folder = Path(args.data)
    files = sorted(folder.rglob("*.txt"))

    from corpus_cli import Corpus

    started = time.perf_counter()
    corpus = Corpus.open(folder)
    print(f"corpus: loaded {len(corpus.documents):,} documents in {time.perf_counter() - started:.1f} s", file=sys.stderr)

    tools = {"corpus search": lambda q: corpus_search(corpus, q)}
    if shutil.which("ugrep"):
        tools["ugrep -Z1 -il"] = lambda q: run_tool(["ugrep", "-Z1", "-i", "-l", "-r", q, str(folder)])
    if shutil.which("rg"):
        tools["rg -iw"] = lambda q: run_tool(["rg", "-i", "-w", "-l", "-F", q, str(folder)])

    rows = []
    totals = {name: {"true": 0, "found": 0, "expected": 0} for name in tools}
    for query, pattern in CASES:
        expected = truth(files, pattern)
        row = {"query": query, "truth": pattern, "expected": len(expected), "tools": {}}
        for name, tool in tools.items():
            s = score(tool(query), expected)
            row["tools"][name] = s
            totals[name]["true"] += s["true"]
            totals[name]["found"] += s["found"]
            totals[name]["expected"] += len(expected)
        rows.append(row)

    names = list(tools)
    header = "| query | files naming it | " + " | ".join(f"{n}: found / P / R" for n in names) + " |"
    print(header)
    print("|" + "---|" * (2 + len(names)))
    for row in rows:
        cells = [
            f"{row['tools'][n]['found']:,} / {row['tools'][n]['precision']:.2f} / {row['tools'][n]['recall']:.2f}"
            for n in names
        ]
        print(f"| {row['query']} | {row['expected']:,} | " + " | ".join(cells) + " |")
    overall = {}
    for n in names:
        t = totals[n]
        overall[n] = {
            "precision": t["true"] / t["found"] if t["found"] else 0.0,
            "recall": t["true"] / t["expected"] if t["expected"] else 1.0,
        }
    cells = [f"{totals[n]['found']:,} / {overall[n]['precision']:.2f} / {overall[n]['recall']:.2f}" for n in names]
    print(f"| **all** | {sum(r['expected'] for r in rows):,} | " + " | ".join(cells) + " |")
    if args.json:
        Path(args.json).parent.mkdir(parents=True, exist_ok=True)
        Path(args.json).write_text(json.dumps({"data": str(folder), "files": len(files), "rows": rows, "overall": overall}, indent=2))


if __name__ == "__main__":
    main()
