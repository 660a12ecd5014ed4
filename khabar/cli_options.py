"""Options and outputs shared by the ``khabar`` commands, so every command parses and reports alike."""

from __future__ import annotations

import json
import os
from datetime import date
from pathlib import Path
from typing import Any

import click


def shared_dir() -> Path:
    """Where the team's gold data lives (``KHABAR_SHARED``, default ``../shared``); only evals need it."""
    return Path(os.environ.get("KHABAR_SHARED", "../shared"))


def parse_date(ctx: click.Context, param: click.Parameter, value: str | None) -> date | None:
    """A click callback for YYYY-MM-DD options."""
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date in YYYY-MM-DD form") from None


def parse_published(ctx: click.Context, param: click.Parameter, value: str | None) -> date | None:
    """A click callback for a publication date: a date, and a plausible one (khabar.metadata)."""
    from khabar.metadata import BadField, clean_published

    if value is None:
        return None
    try:
        return clean_published(value, field="--published")
    except BadField as bad:
        if bad.code == "bad-date":
            raise click.BadParameter(f"{value!r} is not a date in YYYY-MM-DD form") from None
        raise click.BadParameter(f"{bad.value} {bad.reason}") from None


def print_json_last(figures: dict[str, Any]) -> None:
    """The figures as one JSON line, printed last: how the team reads where khabar stands."""
    click.echo(json.dumps(figures, ensure_ascii=False))
