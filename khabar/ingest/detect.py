"""Which reader a file needs: by its name (under any compression suffix), else by its first bytes."""

from __future__ import annotations

from typing import Literal

from khabar.ingest.compression import strip_compression_suffix

Kind = Literal["text", "html", "jsonl", "csv", "feed", "warc"]

SUFFIXES: dict[str, Kind] = {
    ".txt": "text",
    ".text": "text",
    ".md": "text",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "jsonl",
    ".csv": "csv",
    ".rss": "feed",
    ".atom": "feed",
    ".xml": "feed",
    ".feed": "feed",
    ".warc": "warc",
    ".arc": "warc",
}


def kind_of(name: str, head: bytes) -> Kind:
    """The reader for a file called ``name`` whose decompressed data starts with ``head``."""
    base = strip_compression_suffix(name).lower()
    for suffix, kind in SUFFIXES.items():
        if base.endswith(suffix):
            return kind
    return sniff(head)


def sniff(head: bytes) -> Kind:
    """Guess from content when the name says nothing; plain text is the fallback."""
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n")[:1024]
    lower = start.lower()
    if start.startswith((b"WARC/", b"filedesc://")):
        return "warc"
    if lower.startswith(b"<?xml") or lower.startswith((b"<rss", b"<feed", b"<rdf")):
        if b"<html" in lower:
            return "html"
        return "feed"
    if lower.startswith((b"<!doctype html", b"<html", b"<head", b"<body", b"<!--")):
        return "html"
    if start.startswith((b"{", b"[")):
        return "jsonl"
    return "text"
