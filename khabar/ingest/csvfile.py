"""CSV files with a header naming ``text`` and optionally ``url``, ``title``, ``published``/``date``
(the shape of the Wikinews sample corpus). Rows stream; a bad row becomes a Skipped with its row number.
"""

from __future__ import annotations

import csv
import io
import sys
from collections.abc import Iterator
from typing import IO

from khabar.ingest.common import ReadOptions, make_article, record_date
from khabar.model import Article, Skipped


def read_csv(stream: IO[bytes], source: str, options: ReadOptions) -> Iterator[Article | Skipped]:
    csv.field_size_limit(min(sys.maxsize, options.max_bytes * 2))
    text = io.TextIOWrapper(stream, encoding="utf-8-sig", errors="strict", newline="")
    try:
        reader = csv.DictReader(text)
        fields = {name.strip().lower() for name in reader.fieldnames or ()}
    except UnicodeDecodeError as exc:
        reason = f"the CSV is not valid UTF-8: {exc.reason}; re-encode it as UTF-8"
        yield Skipped(source, reason, "bad-encoding")
        return
    except csv.Error as exc:
        yield Skipped(source, f"the CSV header cannot be read: {exc}", "bad-csv")
        return
    if "text" not in fields:
        found = ", ".join(sorted(fields))
        yield Skipped(source, f'the CSV header has no "text" column (found: {found})', "bad-csv")
        return
    row_number = 1
    while True:
        row_number += 1
        where = f"{source}:row {row_number}"
        try:
            row = next(reader)
        except StopIteration:
            return
        except (csv.Error, UnicodeDecodeError) as exc:
            reason = exc.reason if isinstance(exc, UnicodeDecodeError) else str(exc)
            code = "bad-encoding" if isinstance(exc, UnicodeDecodeError) else "bad-csv"
            yield Skipped(where, f"the CSV cannot be read from here on: {reason}", code)
            return
        record = {(k or "").strip().lower(): v for k, v in row.items()}
        body = record.get("text")
        if not isinstance(body, str):
            yield Skipped(where, "the row has no text column", "bad-csv")
            continue
        key, published = record_date(record)
        yield make_article(
            body,
            where,
            options,
            url=record.get("url") or None,
            title=record.get("title"),
            published=published,
            published_field=key,
        )
