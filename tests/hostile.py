"""A deterministic generator of hostile inputs for ``khabar ingest`` (issue 9): the dirt real feeds carry.

``write_corpus(folder, n, seed)`` writes ``n`` files, each of one *kind* (empty, binary, bad encodings,
non-English, malformed and deeply nested HTML, truncated or corrupt gzip/zstd, broken WARC, truncated
feeds, entity bombs, JSON lines with bad lines, NUL bytes, lone surrogates, RTL/emoji/zero-width text,
hostile file names, sparse 100 MB files ...), plus mutations of the founding article. The same seed gives
byte-identical files, so a failure can be replayed; nothing touches the network.

Most kinds are meant to be rejected before the NLP pass (so 10,000 of them stay affordable); the text
mutations are short windows of the founding article so the ones that do reach spaCy cost little.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import multiprocessing
import os
import random
import re
import signal
import sqlite3
import subprocess
import sys
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from html import escape
from pathlib import Path
from typing import Any

import zstandard

from khabar.ingest import ReadOptions, read_path
from khabar.metadata import FieldWarning
from khabar.model import Article, Skipped
from khabar.store import open_store

KHABAR = [sys.executable, "-c", "from khabar.cli import main; main()"]
SEED_TEXT_PATH = Path(__file__).resolve().parent.parent / "khabar" / "samples" / "founding-article.txt"

Maker = Callable[[random.Random, "Seed"], tuple[str, bytes]]


@dataclass(frozen=True)
class Hostile:
    """One generated input: where it is and which kind of dirt it carries (for failure messages)."""

    path: Path
    kind: str


class Seed:
    """The founding article cut into sentences, the raw material of every mutation."""

    def __init__(self, text: str) -> None:
        self.text = text
        parts = re.split(r"(?<=[.!?])\s+|\n+", text)
        self.sentences = [p.strip() for p in parts if len(p.split()) >= 4]

    def snippet(self, rng: random.Random, most: int = 2) -> str:
        """A few consecutive sentences: real prose, short enough that the NLP pass is cheap."""
        start = rng.randrange(len(self.sentences))
        return " ".join(self.sentences[start : start + rng.randint(1, most)])


# the makers: each returns (file name suffix or name, bytes) -------------------------------------------------

WHITESPACE = [" ", "\t", "\n", "\r\n", "\r", "\u00a0", "\u2028", "\u3000", "\u200b", "\ufeff", "\u2029"]
ZERO_WIDTH = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad"]
BIDI = ["\u200e", "\u200f", "\u202a", "\u202b", "\u202d", "\u202e", "\u2066", "\u2067", "\u2069"]
EMOJI = ["😀", "🇦🇫", "👨‍👩‍👧", "🔥", "🕊️", "✊🏽", "\U0001f9ea", "🏳️‍🌈"]
SCRIPTS = {  # (first, last) code points of letters in other scripts
    "arabic": (0x0621, 0x064A),
    "hebrew": (0x05D0, 0x05EA),
    "cyrillic": (0x0410, 0x044F),
    "cjk": (0x4E00, 0x9FFF),
    "devanagari": (0x0905, 0x0939),
    "thai": (0x0E01, 0x0E2E),
}
FOREIGN = [  # real sentences in Latin-script languages other than English
    "Le gouvernement afghan a demandé à l'Iran de renvoyer les soldats qui ont fui de l'autre côté de la "
    "frontière, abandonnant un poste frontalier, alors que les combattants talibans approchaient.",
    "Die afghanische Regierung hat den Iran aufgefordert, die Soldaten zurückzuschicken, die über die "
    "Grenze geflohen sind, als sich die Kämpfer der Taliban näherten.",
    "El gobierno afgano pidió a Irán que devolviera a los soldados que huyeron a través de la frontera "
    "cuando se acercaban los combatientes talibanes.",
    "Afgan hükümeti, Taliban militanları yaklaşırken sınırı geçerek kaçan askerlerin iade edilmesini İran'dan istedi.",
    "Pemerintah Afghanistan meminta Iran mengembalikan tentara yang melarikan diri melintasi perbatasan.",
]


def _pick_suffix(rng: random.Random) -> str:
    return rng.choice([".txt", ".html", ".jsonl", ".json", ".xml", ".rss", ".warc", ".csv", ".md", ""])


def empty(rng: random.Random, seed: Seed) -> tuple[str, bytes]:
    return _pick_suffix(rng), b""


def whitespace(rng: random.Random, seed: Seed) -> tuple[str, bytes]:
    text = "".join(rng.choice(WHITESPACE) for _ in range(rng.randint(1, 400)))
    return rng.choice([".txt", ".md", ""]), text.encode("utf-8")


def binary(rng: random.Random, seed: Seed) -> tuple[str, bytes]:
    data = rng.randbytes(rng.randint(1, 4096))
    head = rng.choice([b"", b"\x89PNG\r\n\x1a\n", b"%PDF-1.7\n", b"PK\x03\x04", b"\x7fELF", b"WARC/1.0\r\n", b"<?xml"])
    return _pick_suffix(rng), head + data


def high_bytes(rng: random.Random, seed: Seed) -> tuple[str, bytes]:
    """Bytes that are never valid UTF-8 and hold no NUL: the decoder has to say no on its own."""
    data = bytes(rng.randint(0x80, 0xFF) for _ in range(rng.randint(1, 2048)))
    return rng.choice([".txt", ".html", ""]), data


def nul_bytes(rng: random.Random, seed: Seed) -> tuple[str, bytes]:
    text = seed.snippet(rng)
    cut = rng.randrange(len(text) + 1)
    return rng.choice([".txt", ".html", ".jsonl", ".xml", ".csv"]), (
        text[:cut] + "\x00" * rng.randint(1, 8) + text[cut:]
    ).encode()


def control_chars(rng: random.Random, seed: Seed) -> tuple[str, bytes]:
    text = list(seed.snippet(rng))
    for _ in range(rng.randint(1, 60)):
        text.insert(rng.randrange(len(text) + 1), chr(rng.choice([1, 2, 7, 8, 0x0B, 0x0C, 0x1B, 0x7F])))
    return ".txt", "".join(text).encode()


def legacy_encoding(rng: random.Random, seed: Seed) -> tuple[str, bytes]:
    text = seed.snippet(rng) + " Café in Montréal — “quoted” façade."
    encoding = rng.choice(["latin-1", "cp1252", "utf-16", "utf-16-le", "utf-32", "mac_roman", "cp437"])
    return rng.choice([".txt", ""]), text.encode(encoding, "replace")


def bad_bom(rng: random.Random, seed: Seed) -> tuple[str, bytes]:
    bom = rng.choice([b"\xff\xfe", b"\xfe\xff", b"\xff\xfe\x00\x00", b"\xef\xbb\xbf"])
    body = seed.snippet(rng).encode() + rng.choice([b"", b"\xff", b"\xc3", b"\xed\xa0\x80"])
    return ".txt", bom + body[: rng.randint(1, len(body))]


def mixed_encodings(rng: random.Random, seed: Seed) -> tuple[str, bytes]:
    """Half UTF-8, half Latin-1: the kind of file a careless concatenation makes."""
    a, b = seed.snippet(rng), seed.snippet(rng)
    return ".txt", (a + " Kabul’s café ").encode("utf-8") + (b + " déjà vu").encode("latin-1", "replace")


def overlong_utf8(rng: random.Random, seed: Seed) -> tuple[str, bytes]:
    junk = rng.choice([b"\xc0\xaf", b"\xe0\x80\xaf", b"\xed\xa0\x80", b"\xf4\x90\x80\x80", b"\xf8\x88\x80\x80\x80"])
    text = seed.snippet(rng).encode()
    cut = rng.randrange(len(text) + 1)
    return ".txt", text[:cut] + junk + text[cut:]


def other_script(rng: random.Random, seed: Seed) -> tuple[str, bytes]:
    first, last = SCRIPTS[rng.choice(sorted(SCRIPTS))]
    words = [
        "".join(chr(rng.randint(first, last)) for _ in range(rng.randint(2, 8))) for _ in range(rng.randint(3, 300))
    ]
    return rng.choice([".txt", ".md"]), " ".join(words).encode()


def foreign_latin(rng: random.Random, seed: Seed) -> tuple[str, bytes]:
    return ".txt", " ".join(rng.choice(FOREIGN) for _ in range(rng.randint(1, 4))).encode()


def rtl_mixed(rng: random.Random, seed: Seed) -> tuple[str, bytes]:
    """English with Arabic names, bidi controls and an RLO that flips the display order."""
    words = seed.snippet(rng).split()
    for _ in range(rng.randint(1, 6)):
        insert = rng.choice(["طالبان", "کابل", "هرات", "إسلام قلعة", *BIDI])
        words.insert(rng.randrange(len(words) + 1), insert)
    return ".txt", " ".join(words).encode()


def invisible(rng: random.Random, seed: Seed) -> tuple[str, bytes]:
    """Zero-width characters, emoji, combining marks and soft hyphens sprinkled through real text."""
    text = list(seed.snippet(rng))
    for _ in range(rng.randint(1, 25)):
        extra = rng.choice([*ZERO_WIDTH, *EMOJI, "\u0301", "\u0336", "\ufffd", "\U000e0041"])
        text.insert(rng.randrange(len(text) + 1), extra)
    return ".txt", "".join(text).encode()


def mangled_text(rng: random.Random, seed: Seed) -> tuple[str, bytes]:
    """Real text with words dropped, doubled, case-flipped or run together."""
    words = seed.snippet(rng, most=4).split()
    out: list[str] = []
    for word in words:
        roll = rng.random()
        if roll < 0.1:
            continue
        if roll < 0.2:
            out.extend([word, word])
        elif roll < 0.3:
            out.append(word.upper())
        elif roll < 0.35 and out:
            out[-1] += word
        else:
            out.append(word)
    return rng.choice([".txt", ".md", ""]), " ".join(out).encode()


def one_word(rng: random.Random, seed: Seed) -> tuple[str, bytes]:
    return ".txt", rng.choice(["Kabul", "Taliban", "fled", "Iran", "x", "1", "85%", "?!", "—"]).encode()


def long_word(rng: random.Random, seed: Seed) -> tuple[str, bytes]:
    word = rng.choice(["a", "Talib", "9", "-"]) * rng.randint(10_000, 200_000)
    return ".txt", (seed.snippet(rng, 1) + " " + word + " " + seed.snippet(rng, 1)).encode()


def many_words(rng: random.Random, seed: Seed) -> tuple[str, bytes]:
    """200,000 words: over the pipeline's character limit, so refused before the NLP pass."""
    return ".txt", ("soldiers fled " * 100_000).encode()


def sparse_giant(rng: random.Random, seed: Seed) -> tuple[str, bytes]:
    """A marker: ``write_corpus`` makes a 100 MB sparse file (a single 'line' of NULs) for it."""
    return rng.choice([".txt", ".jsonl", ".html", ".xml"]), b""


def gzip_bomb(rng: random.Random, seed: Seed) -> tuple[str, bytes]:
    """64 MB of one letter in 64 KB of gzip: the reader must stop at its limit, not fill memory."""
    return rng.choice([".txt.gz", ".jsonl.gz"]), _gz(b"a" * (64 << 20), level=1)


def html_scripts_only(rng: random.Random, seed: Seed) -> tuple[str, bytes]:
    body = "".join(
        f"<script>var x{n} = '{seed.snippet(rng, 1)}';</script><style>p{{}}</style>" for n in range(rng.randint(1, 20))
    )
    return ".html", f"<html><head><title>t</title></head><body>{body}</body></html>".encode()


def html_malformed(rng: random.Random, seed: Seed) -> tuple[str, bytes]:
    pieces = [
        "<",
        ">",
        "</",
        "<div",
        "<p>",
        "</p>",
        "<table>",
        "</td>",
        "<!--",
        "-->",
        "<![CDATA[",
        "]]>",
        "&",
        "&amp",
        "&#x110000;",
        "&#0;",
        "&#xD800;",
        '"',
        "'",
        "<script>",
        "<svg><foreignObject>",
        "<math>",
        "<?php",
        "<!DOCTYPE",
    ]
    parts = [rng.choice(pieces) if rng.random() < 0.9 else seed.snippet(rng, 1) for _ in range(rng.randint(1, 200))]
    return rng.choice([".html", ".htm", ".xhtml"]), ("<html>" + "".join(parts)).encode()


def html_nested(rng: random.Random, seed: Seed) -> tuple[str, bytes]:
    """Nested tags up to 10,000 deep: a recursive walker would hit Python's recursion limit."""
    depth = rng.choice([300, 1000, 5000, 10_000])
    tag = rng.choice(["div", "table", "span", "b", "blockquote"])
    if tag == "table":
        opened, closed = "<table><tr><td>" * depth, "</td></tr></table>" * depth
    else:
        opened, closed = f"<{tag}>" * depth, f"</{tag}>" * depth
    if rng.random() < 0.5:
        closed = ""  # never closed
    text = f"<p>{seed.snippet(rng)}</p>"
    return ".html", f"<html><body>{opened}{text}{closed}</body></html>".encode()


def html_mutated(rng: random.Random, seed: Seed) -> tuple[str, bytes]:
    """A plausible article page with a few random cuts: unclosed tags, a page cut off mid-way."""
    paragraphs = "".join(f"<p>{seed.snippet(rng)}</p>" for _ in range(rng.randint(1, 4)))
    charset = rng.choice(["utf-8", "iso-8859-1", "bogus-charset", "utf-7", "utf-16", "x-user-defined"])
    page = (
        f'<!DOCTYPE html><html><head><meta charset="{charset}"><title>{seed.snippet(rng, 1)}</title>'
        f"</head><body><article>{paragraphs}</article></body></html>"
    )
    data = page.encode()
    if rng.random() < 0.5:
        data = data[: rng.randrange(1, len(data))]
    return rng.choice([".html", ""]), data


def _rss(seed: Seed, rng: random.Random, items: int) -> str:
    entries = "".join(
        f"<item><title>Story {n}</title><link>https://example.org/{rng.randrange(10**9)}</link>"
        f"<pubDate>Fri, 09 Jul 2021 10:00:00 GMT</pubDate><description>{seed.snippet(rng)}</description></item>"
        for n in range(items)
    )
    return (
        f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>N</title>{entries}</channel></rss>'
    )


def feed_truncated(rng: random.Random, seed: Seed) -> tuple[str, bytes]:
    data = _rss(seed, rng, rng.randint(1, 3)).encode()
    return rng.choice([".rss", ".xml", ""]), data[: rng.randrange(1, len(data))]


def feed_entity_bomb(rng: random.Random, seed: Seed) -> tuple[str, bytes]:
    """Billion laughs (nested internal entities) and a quadratic blow-up (one huge entity used often)."""
    if rng.random() < 0.5:
        defs = '<!ENTITY lol0 "lol">' + "".join(f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10))
        use = "&lol9;"
    else:
        defs = f'<!ENTITY big "{"x" * 100_000}">'
        use = "&big;" * 1000
    doc = (
        f'<?xml version="1.0"?><!DOCTYPE rss [{defs}]><rss version="2.0"><channel><title>T</title>'
        f"<item><title>{use}</title><description>{use} {seed.snippet(rng)}</description></item></channel></rss>"
    )
    return rng.choice([".rss", ".xml"]), doc.encode()


def feed_external_entity(rng: random.Random, seed: Seed) -> tuple[str, bytes]:
    """XXE: an entity naming a local file must never pull that file into an article."""
    target = rng.choice(["file:///etc/passwd", "file:///etc/hostname", "http://127.0.0.1:9/x"])
    doc = (
        f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM "{target}">]><rss version="2.0"><channel>'
        f"<title>T</title><item><title>x</title><description>&xxe; {seed.snippet(rng)}</description></item>"
        "</channel></rss>"
    )
    return ".xml", doc.encode()


def feed_garbage(rng: random.Random, seed: Seed) -> tuple[str, bytes]:
    body = rng.choice(
        [
            "<rss><channel><item>" * rng.randint(1, 50),
            "<?xml version='1.0'?><notafeed/>",
            "<feed xmlns='http://www.w3.org/2005/Atom'><entry><content type='html'>&lt;p&gt;"
            + seed.snippet(rng)
            + "</content></entry>",
            "<?xml version='1.0' encoding='bogus'?><rss><channel><item><description>"
            + seed.snippet(rng)
            + "</description></item></channel></rss>",
            "<rss>" + "<![CDATA[" * 50 + seed.snippet(rng),
        ]
    )
    return rng.choice([".xml", ".rss", ".atom", ""]), body.encode()


def _gz(data: bytes, level: int = 9) -> bytes:
    """gzip with a fixed timestamp, so the same seed gives the same bytes."""
    return gzip.compress(data, compresslevel=level, mtime=0)


def _cut(data: bytes, rng: random.Random) -> bytes:
    return data[: rng.randrange(1, max(2, len(data)))]


def gzip_broken(rng: random.Random, seed: Seed) -> tuple[str, bytes]:
    inner, payload = rng.choice(
        [
            (".txt", seed.snippet(rng).encode()),
            (".jsonl", _jsonl_lines(rng, seed)),
            (".rss", _rss(seed, rng, 3).encode()),
        ]
    )
    data = bytearray(_gz(payload))
    if rng.random() < 0.6:
        data = bytearray(_cut(bytes(data), rng))
    else:
        for _ in range(rng.randint(1, 5)):
            data[rng.randrange(len(data))] = rng.randrange(256)
    return inner + rng.choice([".gz", ".gzip", ""]), bytes(data)


def zstd_broken(rng: random.Random, seed: Seed) -> tuple[str, bytes]:
    inner, payload = rng.choice([(".txt", seed.snippet(rng).encode()), (".jsonl", _jsonl_lines(rng, seed))])
    data = bytearray(zstandard.ZstdCompressor().compress(payload))
    if rng.random() < 0.6:
        data = bytearray(_cut(bytes(data), rng))
    else:
        for _ in range(rng.randint(1, 5)):
            data[rng.randrange(len(data))] = rng.randrange(256)
    return inner + rng.choice([".zst", ".zstd", ""]), bytes(data)


def _warc_record(seed: Seed, rng: random.Random) -> bytes:
    html = f"<html><body><article><p>{seed.snippet(rng)}</p></article></body></html>".encode()
    status = rng.choice(["200 OK", "200 OK", "404 Not Found", "500 Oops", "abc"])
    ctype = rng.choice(["text/html; charset=utf-8", "text/html; charset=bogus", "image/png", ""])
    http = f"HTTP/1.1 {status}\r\nContent-Type: {ctype}\r\n\r\n".encode() + html
    head = (
        f"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://example.org/{rng.randrange(10**6)}\r\n"
        f"WARC-Record-ID: <urn:uuid:{rng.randrange(10**12)}>\r\nContent-Type: application/http; msgtype=response\r\n"
        f"Content-Length: {len(http) + rng.choice([0, 0, 0, -10, 25, 10**9])}\r\n\r\n"
    )
    return head.encode() + http + b"\r\n\r\n"


def warc_broken(rng: random.Random, seed: Seed) -> tuple[str, bytes]:
    data = b"".join(_warc_record(seed, rng) for _ in range(rng.randint(1, 3)))
    roll = rng.random()
    if roll < 0.4:
        data = _cut(data, rng)
    elif roll < 0.6:
        data = data.replace(b"WARC/1.0", rng.choice([b"WARC/9.9", b"WARC/", b"", b"HTTP/1.1"]), 1)
    elif roll < 0.8:
        data = _cut(_gz(data), rng)
        return rng.choice([".warc.gz", ".warc"]), data
    return rng.choice([".warc", ".arc", ""]), data


def _jsonl_lines(rng: random.Random, seed: Seed) -> bytes:
    """JSON lines where most lines are wrong in some way; a few are fine."""
    good = lambda: json.dumps({"text": seed.snippet(rng), "url": f"https://example.org/{rng.randrange(10**9)}"})  # noqa: E731
    bad = [
        lambda: "{not json",
        lambda: '{"text": 5}',
        lambda: '{"text": null, "title": {"a": 1}}',
        lambda: '{"text": ["list"]}',
        lambda: json.dumps({"text": "   "}),
        lambda: "[" * rng.randint(1000, 200_000) + "]" * rng.randint(0, 10),  # deep nesting
        lambda: '{"text": "' + seed.snippet(rng, 1) + '", "published": ' + "9" * rng.randint(4301, 20_000) + "}",
        lambda: json.dumps(
            {
                "text": seed.snippet(rng),
                "published": rng.choice(
                    ["0000-01-01", "9999-12-31", "2021-02-30", "-0001-01-01", "10000-01-01", "yesterday"]
                ),
            }
        ),
        lambda: '{"text": "\\ud800 lone surrogate: ' + seed.snippet(rng, 1) + ' \\udfff"}',
        lambda: '{"text": "ok", "url": "\\udc80http://x"}',
        lambda: json.dumps(
            {"text": seed.snippet(rng, 1), "url": rng.choice(["http://[::1", "http://x:99999999/", "//"])}
        ),
        lambda: '{"text": "' + seed.snippet(rng, 1) + '", "title": "\\u0000\\u202e\\ud83d"}',
        lambda: json.dumps({"text": seed.snippet(rng), "url": "javascript:alert(1)", "title": "x" * 100_000}),
        lambda: '{"text": "' + seed.snippet(rng, 1) + '"}' + "garbage after",
        lambda: json.dumps({"text": seed.snippet(rng, 1)})[: rng.randrange(1, 30)],  # cut mid-line
        lambda: "NaN",
        lambda: '{"text": 1e999}',
        lambda: "\x00" * rng.randint(1, 50),
        lambda: "\ufeff" + good(),
    ]
    lines = [good() if rng.random() < 0.1 else rng.choice(bad)() for _ in range(rng.randint(1, 8))]
    ending = rng.choice(["\n", "\r\n", "\n\n"])
    return ending.join(lines).encode("utf-8", "surrogatepass")


def jsonl_bad(rng: random.Random, seed: Seed) -> tuple[str, bytes]:
    return rng.choice([".jsonl", ".ndjson", ".json"]), _jsonl_lines(rng, seed)


def json_shapes(rng: random.Random, seed: Seed) -> tuple[str, bytes]:
    """Whole-file JSON that is not JSON lines: arrays of the wrong things, empty arrays, blank files."""
    body = rng.choice(
        [
            "[]",
            "[1, 2, 3]",
            "[null]",
            '[{"text": 5}]',
            "{}",
            "[" + "{}," * 50 + "{}]",
            "\n\n\n",
            "[[[[",
            '"just a string"',
        ]
    )
    return rng.choice([".json", ".jsonl"]), body.encode()


def csv_bad(rng: random.Random, seed: Seed) -> tuple[str, bytes]:
    body = rng.choice(
        [
            "title,url\nA,https://e.org\n",
            "text\n",
            "text,title\n" + '"' + seed.snippet(rng) + "\n",  # quote never closed
            "text\n" + seed.snippet(rng) + "\x00\n",
            "text,published\n" + f'"{seed.snippet(rng)}",9999-99-99\n',
            "\ufefftext\n" + f'"{seed.snippet(rng)}"\n' + "\xff\n",
            "text\n" + ("x" * 50_000 + ",") * 3 + "\n",
            ",,,\n,,,\n",
        ]
    )
    return ".csv", body.encode("utf-8", "surrogateescape")


# issue 19: metadata that is wrong while the text is fine. Dates that are no dates, dates outside 1900..
# tomorrow, dates in the forms feeds use; titles and URLs too long, with controls, or script links.
BAD_DATES: list[object] = ["2020-13-45", "0001-01-01", "9999-12-31", "2021-02-30", "yesterday", "07/08/2021",
                           "1899-12-31", "2021-07", "2021-07-09T25:00", "2021-07-09\u0000", True, 10**40,
                           {"year": 2021}, "Fri, 45 Jul 2021 10:00:00 GMT",
                           "Mon, 01 Jan 1866 00:00:00 GMT"]  # fmt: skip
GOOD_DATES: list[object] = ["2021-07-08", "Thu, 08 Jul 2021 10:00:00 +0430", "2021-07-10T23:59:59-11:00",
                            1625788800, "8 July 2021", None]  # fmt: skip
ODD_TITLES = ["\u202eelttit", "x" * 5000, "Title\nwith\tbreaks", "\x00\x07", None, 42]
ODD_URLS = ["javascript:alert(1)", "https://example.org/" + "a" * 3000, " https://example.org/ok \n",
            "data:text/html,x", None, "http://[::1"]  # fmt: skip


def _pubdate(value: object) -> str:
    return value if isinstance(value, str) else json.dumps(value)


def bad_metadata(rng: random.Random, seed: Seed) -> tuple[str, bytes]:
    """Sound texts with unsound metadata in every format that carries metadata, and one text repeated with
    different dates (the earliest plausible one is to be kept)."""
    texts = [seed.snippet(rng) for _ in range(rng.randint(1, 3))]
    rows = [
        (rng.choice(texts), rng.choice(BAD_DATES + GOOD_DATES), rng.choice(ODD_TITLES), rng.choice(ODD_URLS))
        for _ in range(rng.randint(2, 6))
    ]
    form = rng.choice(["jsonl", "csv", "rss", "html"])
    if form == "jsonl":
        lines = [json.dumps({"text": t, "published": d, "title": ti, "url": u}) for t, d, ti, u in rows]
        return ".jsonl", "\n".join(lines).encode("utf-8", "surrogatepass")
    if form == "csv":
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(["text", "published", "title", "url"])
        writer.writerows([t, "" if d is None else _pubdate(d), ti or "", u or ""] for t, d, ti, u in rows)
        return ".csv", out.getvalue().replace("\x00", "").encode("utf-8", "surrogatepass")
    if form == "rss":
        items = "".join(
            f"<item><title>{escape(str(ti or ''))}</title><link>{escape(u or '')}</link>"
            f"<pubDate>{escape(_pubdate(d))}</pubDate><description>{escape(t)}</description></item>"
            for t, d, ti, u in rows
        )
        page = (
            f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>N</title>{items}</channel></rss>'
        )
        return rng.choice([".rss", ".xml"]), _xml_safe(page).encode()
    _, when, title, _ = rows[0]
    meta = rng.choice(["article:published_time", "og:published_time", "date", "DC.date.issued"])
    page = (
        f'<!DOCTYPE html>\n<html><head><meta charset="utf-8">\n<title>{escape(str(title or ""))}</title>\n'
        f'<meta property="{meta}" content="{escape(_pubdate(when))}">\n</head><body><article>'
        + "".join(f"<p>{escape(t)}</p>" for t in texts * 2)
        + "</article></body></html>"
    )
    return ".html", _xml_safe(page).encode()


def _xml_safe(text: str) -> str:
    """Without the characters XML 1.0 forbids: the feed is to be readable, its metadata is the dirt."""
    return "".join(ch for ch in text if ch in "\t\n\r" or ord(ch) >= 0x20)


MAKERS: dict[str, tuple[Maker, int]] = {  # kind -> (maker, weight)
    "empty": (empty, 4),
    "whitespace": (whitespace, 4),
    "binary": (binary, 8),
    "high-bytes": (high_bytes, 4),
    "nul-bytes": (nul_bytes, 5),
    "control-chars": (control_chars, 3),
    "legacy-encoding": (legacy_encoding, 3),
    "bad-bom": (bad_bom, 4),
    "mixed-encodings": (mixed_encodings, 2),
    "overlong-utf8": (overlong_utf8, 3),
    "other-script": (other_script, 6),
    "foreign-latin": (foreign_latin, 5),
    "rtl-mixed": (rtl_mixed, 2),
    "invisible": (invisible, 2),
    "mangled-text": (mangled_text, 2),
    "one-word": (one_word, 2),
    "long-word": (long_word, 1),
    "html-scripts-only": (html_scripts_only, 5),
    "html-malformed": (html_malformed, 6),
    "html-nested": (html_nested, 2),
    "html-mutated": (html_mutated, 3),
    "feed-truncated": (feed_truncated, 5),
    "feed-entity-bomb": (feed_entity_bomb, 1),
    "feed-external-entity": (feed_external_entity, 2),
    "feed-garbage": (feed_garbage, 4),
    "gzip-broken": (gzip_broken, 5),
    "zstd-broken": (zstd_broken, 4),
    "warc-broken": (warc_broken, 5),
    "jsonl-bad": (jsonl_bad, 7),
    "json-shapes": (json_shapes, 4),
    "csv-bad": (csv_bad, 4),
    "bad-metadata": (bad_metadata, 8),
}
RARE: dict[str, tuple[Maker, int]] = {  # kind -> (maker, files per 10,000, at least one): large, so kept few
    "many-words": (many_words, 4),
    "sparse-giant": (sparse_giant, 4),
    "gzip-bomb": (gzip_bomb, 2),
}
HOSTILE_NAMES = [
    "a b",
    "new\nline",
    "tab\there",
    "ünïcödé",
    "طالبان",
    "emoji😀",
    "-dash",
    "x" * 200,
    "semi;colon",
    "quote'\"",
]


def file_name(rng: random.Random, number: int, kind: str, suffix: str) -> bytes:
    """A unique name; one in eight is hostile (spaces, newlines, RTL, invalid UTF-8 bytes, 200 characters)."""
    stem = f"{number:05d}-{kind}"
    roll = rng.random()
    if roll < 0.1:
        stem += "-" + rng.choice(HOSTILE_NAMES)
    elif roll < 0.125:
        return f"{stem}-".encode() + bytes([rng.randint(0x80, 0xFF)]) + suffix.encode()  # not UTF-8
    return (stem + suffix).encode()


def write_corpus(folder: Path, n: int, seed: int = 9) -> list[Hostile]:
    """Write ``n`` hostile files into ``folder`` (made if needed); the same seed gives the same files."""
    rng = random.Random(seed)
    raw = Seed(SEED_TEXT_PATH.read_text(encoding="utf-8"))
    kinds = list(MAKERS)
    weights = [MAKERS[k][1] for k in kinds]
    folder.mkdir(parents=True, exist_ok=True)
    rare: dict[int, str] = {}
    for name, (_, per_10k) in RARE.items():
        free = [i for i in range(n) if i not in rare]
        rare.update((i, name) for i in rng.sample(free, min(len(free), max(1, n * per_10k // 10_000))))
    made: list[Hostile] = []
    for number in range(n):
        kind = rare.get(number) or rng.choices(kinds, weights)[0]
        maker = RARE[kind][0] if kind in RARE else MAKERS[kind][0]
        suffix, data = maker(rng, raw)
        path = Path(os.fsdecode(os.path.join(os.fsencode(folder), file_name(rng, number, kind, suffix))))
        if kind == "sparse-giant":
            with path.open("wb") as out:
                out.truncate(100 * 1024 * 1024)  # sparse: 100 MB that take no disk
        else:
            path.write_bytes(data)
        made.append(Hostile(path, kind))
    return made


def kinds_of(made: list[Hostile]) -> Counter[str]:
    return Counter(h.kind for h in made)


# checks shared by the hostile-input and kill tests ------------------------------------------------------------


def snapshot(db: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every column of every article and event row, exactly as SQLite holds them."""
    con = sqlite3.connect(db)
    try:
        return {
            "articles": con.execute("SELECT * FROM articles ORDER BY id").fetchall(),
            "events": con.execute("SELECT * FROM events ORDER BY id").fetchall(),
        }
    finally:
        con.close()


def consistency_problems(db: Path) -> list[str]:
    """What is wrong with the store as a whole: SQLite's own check, orphan events, half-stored articles."""
    con = sqlite3.connect(db)
    try:
        problems = [f"integrity_check: {row[0]}" for row in con.execute("PRAGMA integrity_check") if row[0] != "ok"]
        problems += [f"foreign key: {row}" for row in con.execute("PRAGMA foreign_key_check")]
        tables = {name for (name,) in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if not {"articles", "events"} <= tables:  # killed while the schema was being made: nothing stored yet
            return problems
        orphans = con.execute("SELECT count(*) FROM events WHERE article_id NOT IN (SELECT id FROM articles)")
        problems += [f"{n} events without their article" for (n,) in orphans if n]
        rows = con.execute(
            "SELECT a.id, a.n_events, a.report, count(e.id) FROM articles a "
            "LEFT JOIN events e ON e.article_id = a.id GROUP BY a.id"
        )
        for article_id, n_events, report, stored in rows:
            in_report = len(json.loads(report)["events"])  # Python's json: it also reads Infinity
            if not n_events == in_report == stored:
                problems.append(f"article {article_id}: n_events {n_events}, Report {in_report}, rows {stored}")
    finally:
        con.close()
    return problems


def storable(text: str) -> str:
    """How the store writes a name that is not UTF-8 (see ``SqlStore.put_skip``)."""
    try:
        return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    except UnicodeEncodeError:
        return text.encode("utf-8", "backslashreplace").decode("utf-8")


def account(inputs: list[Hostile], db: Path, summary: dict[str, Any]) -> dict[str, list[str]]:
    """Where each input went, checked against the real reader run file by file: every file gives at least
    one item, the summary's figures add up to the items, every reader skip is recorded with a code and a
    reason, and every article is stored or recorded as skipped. Empty lists mean all is accounted for."""
    warned: list[FieldWarning] = []
    options = ReadOptions(on_warning=warned.append)
    per_file = {h.path: list(read_path(h.path, options)) for h in inputs}
    items = [item for found in per_file.values() for item in found]
    articles = [i for i in items if isinstance(i, Article)]
    reader_skips = [i for i in items if isinstance(i, Skipped)]
    s = summary
    figures = []
    if s["read"] != len(articles):
        figures.append(f"read {s['read']} but the readers give {len(articles)} articles")
    if s["extracted"] + s["already_stored"] + s["duplicates"] + s["skipped"] != len(items):
        figures.append(f"extracted + already_stored + duplicates + skipped != {len(items)} items: {s}")
    reader_warnings = {code: n for code, n in s.get("warnings", {}).items() if code != "date-conflict"}
    if reader_warnings != dict(Counter(w.code for w in warned)):
        figures.append(f"warnings {reader_warnings} but the readers give {dict(Counter(w.code for w in warned))}")
    with open_store(db) as store:
        skips = store.skips()
        stored_ids = store.known_ids(a.id for a in articles)
    recorded = {(row["source"], row["code"]) for row in skips}
    skipped_sources = {row["source"] for row in skips}
    return {
        "silent_inputs": [f"{h.kind}: {h.path.name!r}" for h in inputs if not per_file[h.path]],
        "figures": figures,
        "skips_without_reason": [repr(r) for r in skips if not (r["code"].strip() and r["reason"].strip())],
        "unrecorded_skips": [
            f"{i.source} [{i.code}]" for i in reader_skips if (storable(i.source), i.code) not in recorded
        ],
        "lost_articles": [a.id for a in articles if a.id not in stored_ids and (a.url or a.id) not in skipped_sources],
        "implausible_dates": implausible_dates(db),
    }


def implausible_dates(db: Path) -> list[str]:
    """Stored articles dated before 1900 or after tomorrow: issue 19's window, checked in the store itself."""
    latest = (date.today() + timedelta(days=2)).isoformat()  # tomorrow in the furthest zone, with slack
    con = sqlite3.connect(db)
    try:
        rows = con.execute(
            "SELECT id, published FROM articles WHERE published < '1900-01-01' OR published > ?", (latest,)
        ).fetchall()
    finally:
        con.close()
    return [f"{article_id}: {published}" for article_id, published in rows]


# running the command ---------------------------------------------------------------------------------


def _cli_child(argv: list[str], out: str, err: str) -> None:
    """In a forked child: ``khabar ARGV`` through the real CLI entry point, its output going to files."""
    os.dup2(os.open(out, os.O_WRONLY | os.O_CREAT | os.O_TRUNC), 1)
    os.dup2(os.open(err, os.O_WRONLY | os.O_CREAT | os.O_TRUNC), 2)
    # new streams on those descriptors: pytest's capture replaced sys.stdout/stderr with its own files
    sys.stdout = open(1, "w", encoding="utf-8", errors="backslashreplace", closefd=False)  # noqa: SIM115
    sys.stderr = open(2, "w", encoding="utf-8", errors="backslashreplace", closefd=False)  # noqa: SIM115
    from khabar.cli import main

    main(argv, prog_name="khabar")


class Ingest:
    """A running ``khabar`` command in its own process: a new interpreter when ``fresh``, else a fork of
    this process, which starts with the pipeline this process has loaded (no 3 s model load). Either way
    a crash, a segfault or a SIGKILL ends that process only; its output goes to ``out`` and ``err``."""

    def __init__(self, argv: list[str], fresh: bool, out: str = os.devnull, err: str = os.devnull) -> None:
        self.popen: subprocess.Popen[bytes] | None = None
        self.child: multiprocessing.process.BaseProcess | None = None
        if fresh:
            with open(out, "wb") as stdout, open(err, "wb") as stderr:
                self.popen = subprocess.Popen([*KHABAR, *argv], stdout=stdout, stderr=stderr)
        else:
            self.child = multiprocessing.get_context("fork").Process(target=_cli_child, args=(argv, out, err))
            self.child.start()

    def running(self) -> bool:
        return self.popen.poll() is None if self.popen is not None else bool(self.child and self.child.is_alive())

    def kill(self) -> int | None:
        """SIGKILL (unless it has ended), then the exit status: -9 when the signal is what ended it."""
        if self.running():
            pid = self.popen.pid if self.popen is not None else self.child.pid if self.child is not None else None
            assert pid is not None
            os.kill(pid, signal.SIGKILL)
        return self.status()

    def status(self) -> int | None:
        if self.popen is not None:
            return self.popen.wait()
        assert self.child is not None
        self.child.join()
        return self.child.exitcode
