"""The keys of every command's JSON records: a contract, pinned here and documented in the README and docs/reference.md."""

import json
from pathlib import Path

import pytest

from corpus_cli.output import records
from corpus_cli.output.summaries import INDEX_KEYS

ROOT = Path(__file__).resolve().parent.parent
README = "\n".join((ROOT / name).read_text(encoding="utf-8") for name in ("README.md", "docs/reference.md"))

COMMANDS = [
    (["list"], records.DOCUMENT_KEYS),
    (["show", "002"], records.FULL_DOCUMENT_KEYS),
    (["search", "Alepo"], records.HIT_KEYS),
    (["search", "Alepo", "--docs"], records.DOCUMENT_HIT_KEYS),
    (["search", "Alepo", "--explain"], records.EXPLAIN_KEYS),
    (["kwic", "Assad"], records.KWIC_KEYS),
    (["variants", "Asad"], records.VARIANT_KEYS),
    (["timeline"], records.TIMELINE_KEYS),
    (["speakers"], records.SPEAKER_KEYS),
    (["places"], records.PLACE_KEYS),
    (["export"], records.FULL_DOCUMENT_KEYS),
    (["export", "--statements"], records.STATEMENT_KEYS),
]


@pytest.mark.parametrize("command, keys", COMMANDS, ids=[" ".join(c) for c, _ in COMMANDS])
def test_every_record_has_the_documented_keys_in_order(invoke, command, keys):
    r = invoke(*command, "--json")
    found = json.loads(r.stdout)
    assert found and all(tuple(record) == keys for record in found)


def test_one_object_commands(invoke):
    assert tuple(json.loads(invoke("stats", "--json").stdout)) == records.STATS_KEYS
    assert tuple(json.loads(invoke("index", "--json").stdout)) == INDEX_KEYS


@pytest.mark.parametrize("keys", [records.TIMELINE_KEYS, records.SPEAKER_KEYS, records.PLACE_KEYS, records.CLUSTER_KEYS,
                                  records.STATEMENT_KEYS, records.KWIC_KEYS, records.VARIANT_KEYS, INDEX_KEYS])
def test_the_readme_names_every_key(keys):
    for key in keys:
        assert f"`{key}`" in README, key


def test_a_cluster_record(invoke, tmp_path):
    from .conftest import ARTICLE

    for name in ("a", "b"):
        (tmp_path / f"{name}.txt").write_text(ARTICLE, encoding="utf-8")
    found = json.loads(invoke("dupes", "--data", str(tmp_path), "--json").stdout)
    assert [tuple(c) for c in found] == [records.CLUSTER_KEYS]
    assert [tuple(m) for m in found[0]["members"]] == [("id", "date", "title", "similarity", "kind")] * 2
    assert found[0]["kind"] == "same"
