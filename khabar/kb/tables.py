"""Reading the knowledge-base tables shipped in ``khabar/kb/data``: TSV, ``#`` comment lines, a header."""

from __future__ import annotations

from importlib import resources


def read_tsv(name: str) -> list[dict[str, str]]:
    """Rows of a shipped TSV as dicts keyed by the header (the first line that is not a comment)."""
    text = resources.files("khabar.kb").joinpath("data", name).read_text(encoding="utf-8")
    header: list[str] | None = None
    rows: list[dict[str, str]] = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if header is None:
            header = [cell.strip() for cell in cells]
            continue
        rows.append({key: (cells[i].strip() if i < len(cells) else "") for i, key in enumerate(header)})
    return rows
