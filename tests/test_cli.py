"""The `khabar` command: documented, thin, and honest about what it skipped."""

from __future__ import annotations

import json
from pathlib import Path

import click
import pytest
from click.testing import CliRunner
from conftest import SAMPLE

from khabar.cli import EXIT_NOTHING, EXIT_SKIPPED, main

README = Path(__file__).resolve().parent.parent / "README.md"


def _commands(group: click.Group, prefix: str = "khabar") -> list[tuple[str, click.Command]]:
    out: list[tuple[str, click.Command]] = []
    for name, command in sorted(group.commands.items()):
        path = f"{prefix} {name}"
        out.append((path, command))
        if isinstance(command, click.Group):
            out.extend(_commands(command, path))
    return out


@pytest.mark.parametrize(("path", "command"), _commands(main), ids=lambda v: v if isinstance(v, str) else "")
def test_every_command_and_option_is_documented(path: str, command: click.Command) -> None:
    assert command.help, f"`{path}` has no help text"
    for param in command.params:
        if isinstance(param, click.Option) and not param.hidden:
            assert param.help, f"`{path}` option {param.opts} has no help text"
    assert path in README.read_text(encoding="utf-8"), f"`{path}` is not described in README.md"


def test_help_runs_for_every_command() -> None:
    runner = CliRunner()
    for path, _ in _commands(main):
        args = [*path.split()[1:], "--help"]
        result = runner.invoke(main, args)
        assert result.exit_code == 0, (path, result.output)
        assert "Usage:" in result.output


def test_extract_writes_a_report_per_input(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["extract", str(SAMPLE), "--published", "2021-07-09", "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    lines = [line for line in result.output.splitlines() if line.startswith("{")]
    assert len(lines) == 1
    report = json.loads(lines[0])
    assert report["article"]["published"] == "2021-07-09"
    assert len(report["events"]) >= 6


def test_extract_summary_is_readable() -> None:
    result = CliRunner().invoke(main, ["extract", str(SAMPLE), "--published", "2021-07-09", "--format", "summary"])
    assert result.exit_code == 0, result.output
    assert "ASSAULT" in result.output and "Islam Qala" in result.output and "evidence" in result.output


def test_bad_date_is_a_usage_error() -> None:
    result = CliRunner().invoke(main, ["extract", str(SAMPLE), "--published", "9 July"])
    assert result.exit_code == 2
    assert "YYYY-MM-DD" in result.output


def _bad_inputs(tmp: Path) -> dict[str, Path]:
    files = {
        "empty": tmp / "empty.txt",
        "binary": tmp / "binary.txt",
        "huge": tmp / "huge.txt",
        "bad-utf8": tmp / "latin1.txt",
        "malformed-html": tmp / "broken.html",
        "non-english": tmp / "deutsch.txt",
    }
    files["empty"].write_bytes(b"")
    files["binary"].write_bytes(bytes(range(256)) * 64)
    with files["huge"].open("wb") as f:  # 50 MB of text in one line
        chunk = b"The army said the rebels attacked the town. " * 1000
        for _ in range(50 * 1024 * 1024 // len(chunk) + 1):
            f.write(chunk)
    files["bad-utf8"].write_bytes(b"\xff\xfe\xfa not utf-8 \xc3\x28 at all \x80\x81")
    files["malformed-html"].write_bytes(b"<html><body><div><table><tr><td><script>var a=1;</script")
    files["non-english"].write_text(
        "Die Regierung in Kabul hat den Iran gebeten, die Soldaten zur\u00fcckzuschicken, die \u00fcber die "
        "Grenze geflohen sind, nachdem die Taliban den Grenz\u00fcbergang eingenommen hatten. Das "
        "Innenministerium best\u00e4tigte den Verlust am Freitag und sagte, man wolle ihn zur\u00fcckerobern.",
        encoding="utf-8",
    )
    return files


def test_bad_inputs_are_skipped_with_a_reason_and_good_ones_still_written(tmp_path: Path) -> None:
    bad = _bad_inputs(tmp_path)
    args = ["extract", "--format", "jsonl", "--published", "2021-07-09", str(SAMPLE), *map(str, bad.values())]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == EXIT_SKIPPED, result.output
    reports = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    assert len(reports) == 1 and "Islam Qala" in reports[0]["article"]["text"]
    skipped_lines = [line for line in result.stderr.splitlines() if line.startswith("skipped ")]
    for kind, path in bad.items():
        lines = [line for line in skipped_lines if path.name in line]
        assert len(lines) == 1, f"{kind}: expected one skip line for {path.name}, got {lines}"
        assert ": " in lines[0] and "[" in lines[0], lines[0]


def test_all_inputs_bad_exits_with_nothing_processed(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    result = CliRunner().invoke(main, ["extract", str(empty)])
    assert result.exit_code == EXIT_NOTHING
    assert "skipped" in result.stderr


def test_eval_seed_prints_the_figures_as_one_json_line_last() -> None:
    from conftest import shared_path

    gold = shared_path("gold", "seed")
    result = CliRunner().invoke(main, ["eval", "seed", "--gold", str(gold), "--json"])
    assert result.exit_code == 0, result.output
    figures = json.loads(result.output.strip().splitlines()[-1])
    for key in ("recall", "precision", "required_matched", "required_total", "must_not_violations"):
        assert key in figures
    assert figures["required_total"] == 9
