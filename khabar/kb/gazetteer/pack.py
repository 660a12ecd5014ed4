"""Packed arrays: the lookup data as flat machine arrays, so a lookup needs no SQL."""

from __future__ import annotations

import json
import math
import struct
import zlib
from array import array
from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Final

# A first-sight lookup should cost ~20 us; a SQL join per name took ~26 us on its own, and the ~1.2M
# (key, place) pairs as Python objects would cost ~250 MB. So the build also writes the lookup data as flat
# machine arrays (table ``packed``): per key its candidates already ranked, and a record per place. A
# Gazetteer reads them into memory once (~50 MB) and answers lookups without SQL.

MAX_CANDIDATES = 25  # candidates kept per exact key, the most populous first
# A transliteration skeleton ("hrt" for Herat, Hirat, Harat) is shared by hundreds of places, and the resolver
# believes a loose match only inside a country the article is about. So a loose key keeps the most populous
# two places of each country, at most twelve in all: on UCDP-AEC that is coverage within 0.3 points and
# admin1 accuracy 0.8 points higher than the 25 most populous, with half the candidates to make and score.
MAX_LOOSE_CANDIDATES = 12
LOOSE_PER_COUNTRY = 2

_U32: Final = "I"  # place ids, offsets and CRC-32 key hashes
_STRING_COLUMNS = ("kind", "area", "a2", "src")  # area: (country, admin1 code)


def _u32(data: bytes) -> memoryview[int]:
    return memoryview(data).cast(_U32)


def _ranked(pids: list[int], pop: Sequence[int], limit: int, per_group: Sequence[object] | None, cap: int) -> list[int]:
    """``pids`` by population (then id), the first ``limit``; with ``per_group``, at most ``cap`` per group."""
    ranked = sorted(pids, key=lambda pid: (-pop[pid], pid))
    if per_group is None:
        return ranked[:limit]
    taken: dict[object, int] = defaultdict(int)
    out: list[int] = []
    for pid in ranked:
        group = per_group[pid]
        if taken[group] < cap:
            taken[group] += 1
            out.append(pid)
            if len(out) == limit:
                break
    return out


def _pack_index(
    rows: Iterable[tuple[str, int]],
    pop: Sequence[int],
    prefix: str,
    limit: int = MAX_CANDIDATES,
    per_group: Sequence[object] | None = None,
    cap: int = 0,
) -> dict[str, bytes]:
    """Keys with their places ranked as lookups return them (population, then id), and a hash table.

    ``per_group`` (a group per place id, e.g. its country) keeps at most ``cap`` places of a group per key.

    The table is open addressing on the key's CRC-32 (linear probing, at most half full): slot -> key
    number + 1, 0 for empty. A probe costs a few array reads, where a bisect over 640k keys costs twenty.
    """
    by_key: dict[str, list[int]] = defaultdict(list)
    for key, pid in rows:
        by_key[key].append(pid)
    keys = bytearray()
    hashes, key_ends, pid_ends, pids = array(_U32), array(_U32, [0]), array(_U32, [0]), array(_U32)
    size = 1 << max(4, (2 * len(by_key)).bit_length())
    table = array(_U32, bytes(4 * size))
    mask = size - 1
    for number, key in enumerate(sorted(by_key), start=1):
        raw = key.encode()
        digest = zlib.crc32(raw)
        slot = digest & mask
        while table[slot]:
            slot = (slot + 1) & mask
        table[slot] = number
        hashes.append(digest)
        keys += raw
        key_ends.append(len(keys))
        pids.extend(_ranked(by_key[key], pop, limit, per_group, cap))
        pid_ends.append(len(pids))
    return {
        f"{prefix}.table": table.tobytes(),
        f"{prefix}.hashes": hashes.tobytes(),
        f"{prefix}.keys": bytes(keys),
        f"{prefix}.key_ends": key_ends.tobytes(),
        f"{prefix}.pids": pids.tobytes(),
        f"{prefix}.pid_ends": pid_ends.tobytes(),
    }


class _KeyIndex:
    """Exact or loose key -> pre-ranked place ids, through the hash table ``_pack_index`` wrote."""

    __slots__ = ("hashes", "key_ends", "keys", "mask", "pid_ends", "pids", "table")

    def __init__(self, packed: dict[str, bytes], prefix: str) -> None:
        self.table = _u32(packed[f"{prefix}.table"])
        self.mask = len(self.table) - 1
        self.hashes = _u32(packed[f"{prefix}.hashes"])
        self.keys = packed[f"{prefix}.keys"]
        self.key_ends = _u32(packed[f"{prefix}.key_ends"])
        self.pids = _u32(packed[f"{prefix}.pids"])
        self.pid_ends = _u32(packed[f"{prefix}.pid_ends"])

    def get(self, key: str) -> memoryview[int] | tuple[()]:
        raw = key.encode()
        digest = zlib.crc32(raw)
        table, mask, hashes, key_ends = self.table, self.mask, self.hashes, self.key_ends
        slot = digest & mask
        number = table[slot]
        while number:
            at = number - 1
            if hashes[at] == digest and self.keys[key_ends[at] : key_ends[number]] == raw:
                return self.pids[self.pid_ends[at] : self.pid_ends[number]]
            slot = (slot + 1) & mask
            number = table[slot]
        return ()


def _pack_places(
    rows: Iterable[
        tuple[
            int,
            int | None,
            str,
            str,
            str | None,
            str | None,
            str | None,
            float | None,
            float | None,
            int,
            str,
            float | None,
        ]
    ],
) -> dict[str, bytes]:
    """The places table as fixed-size records, record i for id i (ids run 1..n; record 0 is padding).

    One ``struct.unpack_from`` gives all of a place's fields: gid (-1 for none), lat, lon, radius (NaN for none),
    population, name offset and length in ``places.names``, then codes into the values of kind,
    (country, admin1 code), admin2 and source.
    """
    values: dict[str, dict[object, int]] = {col: {} for col in _STRING_COLUMNS}
    names = bytearray()
    records: list[tuple[int | float, ...]] = [(-1, math.nan, math.nan, math.nan, 0, 0, 0, 0, 0, 0, 0)]
    for expected, row in enumerate(rows, start=1):
        pid, gid, name, kind, cc, a1, a2, lat, lon, population, src, radius = row
        if pid != expected:
            raise ValueError(f"place ids must run 1..n; found {pid} at {expected}")
        raw = name.encode()
        codes = [
            values[col].setdefault(v, len(values[col]))
            for col, v in zip(_STRING_COLUMNS, (kind, (cc, a1), a2, src), strict=True)
        ]
        records.append(
            (
                -1 if gid is None else gid,
                math.nan if lat is None else lat,
                math.nan if lon is None else lon,
                math.nan if radius is None else radius,
                population or 0,
                len(names),
                len(raw),
                *codes,
            )
        )
        names += raw
    layout = _record_layout([len(values[col]) for col in _STRING_COLUMNS])
    record = struct.Struct(layout)
    out = bytearray(record.size * len(records))
    for i, fields in enumerate(records):
        record.pack_into(out, i * record.size, *fields)
    return {
        "places.records": bytes(out),
        "places.names": bytes(names),
        "places.layout": layout.encode(),
        "places.strings": json.dumps({col: list(values[col]) for col in _STRING_COLUMNS}).encode(),
    }


def _record_layout(distinct: list[int]) -> str:
    """The struct format of a place record: string codes take two bytes while their column allows."""
    return "<qdddqII" + "".join("H" if n <= 1 << 16 else "I" for n in distinct)
