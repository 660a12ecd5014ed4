"""WARC web archives: each archived HTML response becomes an Article via the HTML reader.

Records that are not HTML (requests, metadata, images) are not articles and pass silently; HTML
responses with an error status and records over the size limit become Skipped.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import IO

from khabar.ingest.common import ReadOptions, too_large
from khabar.ingest.html import read_html
from khabar.model import Article, Skipped

_CHARSET = re.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9_.:-]+)", re.IGNORECASE)


def read_warc(stream: IO[bytes], source: str, options: ReadOptions) -> Iterator[Article | Skipped]:
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    records = html = 0
    try:
        for record in ArchiveIterator(stream, arc2warc=True):
            records += 1
            if record.rec_type not in ("response", "resource"):
                continue
            url = record.rec_headers.get_header("WARC-Target-URI") or None
            where = f"{source}#{url}" if url else source
            if record.http_headers is not None:
                content_type = record.http_headers.get_header("Content-Type") or ""
                status = record.http_headers.get_statuscode() or ""
            else:
                content_type = record.rec_headers.get_header("Content-Type") or ""
                status = "200"
            if "html" not in content_type.lower():
                continue
            html += 1
            if not status.startswith("2"):
                yield Skipped(where, f"the archived response has HTTP status {status}", "http-error")
                continue
            body = record.content_stream().read(options.max_bytes + 1)
            if len(body) > options.max_bytes:
                yield too_large(where, None, options.max_bytes)
                continue
            match = _CHARSET.search(content_type)
            yield from read_html(body, where, options, url=url, charset=match.group(1) if match else None)
    except ArchiveLoadFailed as exc:
        yield Skipped(source, f"not a readable WARC file: {exc}", "bad-warc")
        return
    except (AttributeError, ValueError, TypeError, IndexError, KeyError) as exc:
        # warcio trips over some damaged records itself (a record cut inside its headers has no URI and
        # warcio calls None.startswith); the records before it were kept
        reason = f"the WARC file is damaged after {records} record(s): {type(exc).__name__}: {exc}"
        yield Skipped(source, reason, "bad-warc")
        return
    if not records:
        yield Skipped(source, "the file holds no WARC records", "bad-warc")
    elif not html:
        yield Skipped(source, f"none of the {records} WARC records is an HTML page", "empty")
