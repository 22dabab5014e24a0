"""What a newcomer meets first: bare corpus, the small edges, clear messages."""

from corpus_cli.cli import cli


def test_bare_corpus_prints_its_help_on_stdout_and_exits_0(runner):
    result = runner.invoke(cli, [], catch_exceptions=False)
    assert result.exit_code == 0
    assert result.stdout.startswith("Usage: corpus [OPTIONS] COMMAND [ARGS]...\n")
    assert "  search " in result.stdout and result.stderr == ""
