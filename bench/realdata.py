#!/usr/bin/env python3
"""How faithfully corpus reads real folders: dates, text coverage, empty documents, warnings,
speakers and near-duplicate clusters.

    python bench/realdata.py SCRAPED_DIR [UN_DIR] [--dupes DIR] [--sample 30]

SCRAPED_DIR is written by ``../shared/bench/make_corpus.py N DIR --scraped`` (its manifest.csv
gives each file's true date, member and word count); UN_DIR defaults to
``../shared/corpora/un-general-debate`` (the year is in each file name). For each folder the
script runs ``corpus check --json`` and ``corpus list --json`` and prints:

- date accuracy: documents whose date starts with the true date (manifest, or the year of the name);
- text coverage: words indexed (``word_count``) / words of the file, per file capped at 1, where
  the words of a file are its whitespace-separated tokens (the manifest's count where there is one);
- empty documents: documents of more than 20 words in the file but none indexed;
- warnings: files read with warnings and files skipped, against the target of 1 % of files.

On the scraped folder it also measures speakers with no field mapping: over the releases whose
text names the member (by surname) next to said/stated/added, the share whose speakers include
that member (target 0.9), and prints the 100 most frequent speakers for a check by hand.

With ``--dupes DIR`` (100,000 documents in the issue's measurement) it times ``corpus dupes`` on
an index built beforehand, with its peak memory, and checks every cluster of a random sample
against the rule that matters: each member within the threshold of the cluster's first member,
recomputed here with rapidfuzz from the documents' bodies. The sample is printed for a check by
hand. Targets: date accuracy >= 0.995, coverage >= 0.99, no empty documents, warnings <= 1 %.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import re
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_UN = os.path.join(HERE, "..", "..", "shared", "corpora", "un-general-debate")
YEAR_IN_NAME = re.compile(r"_(\d{4})\.txt$")

# Peak memory of the command, read by the child itself and written to a file.
RUN = """
import os, resource, sys
sys.argv = ["corpus"] + sys.argv[2:]
try:
    from corpus_cli.cli import main
    main()
finally:
    with open(os.environ["PEAK_FILE"], "w") as fh:
        fh.write(str(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss))
"""


def corpus(*args: str, env: dict | None = None) -> tuple[str, float, int]:
    """stdout, seconds and peak memory (KiB) of one ``corpus`` command."""
    with tempfile.NamedTemporaryFile() as peak:
        started = time.perf_counter()
        p = subprocess.run([sys.executable, "-c", RUN, "-", *args], capture_output=True, text=True,
                           env={**os.environ, **(env or {}), "PEAK_FILE": peak.name})
        took = time.perf_counter() - started
        if p.returncode not in (0, 1):
            sys.exit(f"corpus {' '.join(args)} failed ({p.returncode}): {p.stderr.strip()[-500:]}")
        peak_kib = int(open(peak.name).read() or 0)
    return p.stdout, took, peak_kib


def truth(folder: str):
    """(relative path, true date or year, words of the file, member) for every document file."""
    manifest = os.path.join(folder, "manifest.csv")
    if os.path.exists(manifest):
        for row in csv.DictReader(open(manifest, encoding="utf-8")):
            yield row["path"], row["date"], int(row["words"]), row["member"]
        return
    for dp, _, names in os.walk(folder):
        for name in names:
            if name.startswith(".") or not name.endswith(".txt"):
                continue
            path = os.path.join(dp, name)
            words = len(open(path, "rb").read().decode("utf-8", "replace").split())
            m = YEAR_IN_NAME.search(name)
            yield os.path.relpath(path, folder), (m.group(1) if m else None), words, None


def reading(folder: str) -> dict:
    folder = os.path.realpath(folder)
    checked = json.loads(corpus("check", "--data", folder, "--json")[0])
    docs = json.loads(corpus("list", "--data", folder, "--json")[0] or "[]")
    by_path = {os.path.relpath(os.path.realpath(d["path"]), folder): d for d in docs}
    files = words = indexed = dated = right = empty = missing = 0
    for rel, date, n, _ in truth(folder):
        files += 1
        words += n
        doc = by_path.get(rel)
        if doc is None:
            missing += 1
            continue
        got = doc["word_count"] or 0
        indexed += min(got, n)
        empty += n > 20 and got == 0
        if date:
            dated += 1
            right += (doc["date"] or "").startswith(date)
    warned = len({p["path"] for p in checked["problems"] if not p["skipped"]})
    return {
        "folder": os.path.basename(folder), "files": files, "missing": missing,
        "date accuracy": right / dated if dated else float("nan"), "dated": dated,
        "coverage": indexed / words if words else 0.0, "empty": empty,
        "warned": warned, "skipped": checked["skipped"], "files seen": checked["files"],
        "check coverage": checked["coverage"]["ratio"], "date sources": checked["date_sources"],
        "layouts": checked["layouts"],
    }


def speakers(folder: str, top: int = 100) -> None:
    folder = os.path.realpath(folder)
    members = {rel: member for rel, _, _, member in truth(folder) if member}
    named = credited = 0
    out = corpus("export", "--data", folder, "--format", "jsonl")[0]
    for line in out.splitlines():
        doc = json.loads(line)
        member = members.get(os.path.relpath(os.path.realpath(doc["path"]), folder))
        if not member:
            continue
        surname = member.split("_")[-1]
        said = re.compile(rf"\b{re.escape(surname)}\b\W+(?:\([^)]*\)\W+)?(?:said|stated|added)\b|"
                          rf"\b(?:said|stated|added)\s+(?:\w+\.?\s+){{0,3}}{re.escape(surname)}\b", re.I)
        if not said.search(doc["title"] + " " + doc["body"]):
            continue
        named += 1
        credited += any(surname.lower() in s["name"].lower() for s in doc["speakers"])
    print(f"speakers: the member is credited in {credited:,} of {named:,} releases that attribute a statement "
          f"to them: recall {credited / named if named else float('nan'):.3f} (target 0.9)")
    found = json.loads(corpus("speakers", "--data", folder, "--json")[0] or "[]")
    print(f"the {top} most frequent of {len(found):,} speakers (check by hand that each is a person):")
    print("  " + "; ".join(f"{s['name']} {s['documents']}" for s in found[:top]))


def dupes(folder: str, sample: int, threshold: float = 90.0) -> None:
    from rapidfuzz import fuzz

    folder = os.path.realpath(folder)
    corpus("index", "--data", folder)  # the index is built first: what is timed is the clustering
    runs = [corpus("dupes", "--data", folder, "--json") for _ in range(3)]
    out = runs[0][0]
    took = sorted(r[1] for r in runs)[1]
    peak = max(r[2] for r in runs)
    found = json.loads(out or "[]")
    members = sum(c["size"] for c in found)
    print(f"dupes on {folder}: {len(found):,} clusters, {members:,} documents, largest {max((c['size'] for c in found), default=0)}; "
          f"median {took:.1f} s of 3 runs, peak memory {peak / 1024:,.0f} MiB")
    low = sum(1 for c in found for m in c["members"] if m["similarity"] < threshold)
    print(f"  members below {threshold:g} from their cluster's first member, as reported: {low}")
    picked = random.Random(1).sample(found, min(sample, len(found)))
    recomputed_low = 0
    for n, c in enumerate(picked, 1):
        ids = [m["id"] for m in c["members"]]
        shown = json.loads(corpus("show", "--data", folder, "--json", *ids)[0])
        bodies = {d["id"]: d["body"] for d in shown}
        first = bodies[ids[0]]
        scores = [round(fuzz.token_set_ratio(first, bodies[i]), 1) for i in ids]
        recomputed_low += sum(s < threshold for s in scores)
        print(f"  [{n}] {c['size']} documents, similarity to the first {min(scores):g}-{max(scores):g}:")
        for m, score in zip(c["members"], scores):
            print(f"      {m['date'] or 'undated':16}  {m['id']:28}  {score:5.1f}  {m['title'][:70]}")
    print(f"  sampled clusters: {len(picked)}, members recomputed below {threshold:g}: {recomputed_low}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("scraped", help="a folder written by make_corpus.py --scraped")
    ap.add_argument("un", nargs="?", default=DEFAULT_UN, help="the UN General Debate folder")
    ap.add_argument("--dupes", metavar="DIR", help="time corpus dupes on this folder (100,000 documents)")
    ap.add_argument("--sample", type=int, default=30, help="clusters to check (default 30)")
    args = ap.parse_args()
    rows = [reading(args.scraped), reading(args.un)]
    print("| folder | files | date accuracy | text coverage | empty documents | files with warnings | skipped |")
    print("|---|---|---|---|---|---|---|")
    for r in rows:
        share = (r["warned"] + r["skipped"]) / r["files seen"] if r["files seen"] else 0
        print(f"| {r['folder']} | {r['files']:,} | {r['date accuracy']:.4f} of {r['dated']:,} | {r['coverage']:.4f} | "
              f"{r['empty']} | {r['warned']} | {r['skipped']} ({share:.2%} of files with either) |")
    for r in rows:
        print(f"{r['folder']}: layouts {r['layouts']}; dates from {r['date sources']}; "
              f"coverage as corpus check counts it {r['check coverage']}")
    speakers(args.scraped)
    if args.dupes:
        dupes(args.dupes, args.sample)


if __name__ == "__main__":
    main()
