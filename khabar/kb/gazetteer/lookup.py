"""Read-only lookups over a built gazetteer file."""

from __future__ import annotations

import json
import logging
import sqlite3
import struct
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from khabar.kb.gazetteer.builder import _needs_build, build, default_path
from khabar.kb.gazetteer.entry import Entry, Match, _make_entry, _make_match
from khabar.kb.gazetteer.names import _name_key, _skeleton
from khabar.kb.gazetteer.pack import _KeyIndex

log = logging.getLogger(__name__)
log.addHandler(logging.NullHandler())

_CACHE_LIMIT = 100_000  # entries kept per Gazetteer (bounded memory in long-running workers)


class Gazetteer:
    """Read-only lookups over a built gazetteer file: packed arrays in memory, SQLite for the rest."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._con = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
        self._con.execute("PRAGMA cache_size=-16000")
        self._admin1: dict[tuple[str, str], str] = {
            (cc, code): name for cc, code, name in self._con.execute("SELECT cc, code, name FROM admin1")
        }
        packed: dict[str, bytes] = dict(self._con.execute("SELECT name, data FROM packed").fetchall())
        self._names = _KeyIndex(packed, "names")
        self._loose = _KeyIndex(packed, "loose")
        strings = json.loads(packed["places.strings"])
        self._kinds, self._a2s, self._srcs = (tuple(strings[col]) for col in ("kind", "a2", "src"))
        self._areas = tuple((cc, a1, self._admin1.get((cc, a1)) if cc and a1 else None) for cc, a1 in strings["area"])
        self._records = packed["places.records"]
        record = struct.Struct(packed["places.layout"].decode())
        self._unpack, self._size = record.unpack_from, record.size
        self._place_names = packed["places.names"]
        self._entries: dict[int, Entry] = {}
        self._by_key: dict[str, tuple[Match, ...]] = {}
        self._by_skeleton: dict[str, tuple[Match, ...]] = {}
        self._by_name: dict[str, tuple[Match, ...]] = {}

    def _entry(self, pid: int) -> Entry:
        """The place with id ``pid`` (made once, then shared)."""
        return self._entries.get(pid) or self._new_entry(pid)

    def _new_entry(self, pid: int) -> Entry:
        """The place with id ``pid`` from its packed record, kept for the next time it is asked for."""
        return self._matches((pid,), "name")[0].entry

    def _matches(self, pids: Iterable[int], how: str) -> tuple[Match, ...]:
        """Matches of the places ``pids``, their entries made from the packed records once and then shared.

        One loop with everything it reads bound to locals: making the entries is most of a first-sight
        lookup, so the per-place call and attribute reads are worth saving."""
        entries, unpack, records, size = self._entries, self._unpack, self._records, self._size
        areas, kinds, a2s, srcs, names = self._areas, self._kinds, self._a2s, self._srcs, self._place_names
        keep = len(entries) < _CACHE_LIMIT
        out = []
        for pid in pids:
            made = entries.get(pid)
            if made is None:
                gid, lat, lon, radius, pop, at, size_, kind, area, a2, src = unpack(records, pid * size)
                country, admin1_code, admin1 = areas[area]
                made = _make_entry(
                    pid,
                    None if gid < 0 else gid,
                    names[at : at + size_].decode(),
                    kinds[kind],
                    country,
                    admin1_code,
                    admin1,
                    a2s[a2],
                    None if lat != lat else lat,
                    None if lon != lon else lon,
                    pop,
                    srcs[src],
                    None if radius != radius else radius,
                )
                if keep:
                    entries[pid] = made
            out.append(_make_match(made, how))
        return tuple(out)

    def lookup(self, name: str) -> tuple[Match, ...]:
        """Candidates for a name, most populous first: exact-key matches, else transliteration matches.

        Results are kept per name, per key and per skeleton (each cache bounded): "al-Bahrah", "Al Bahrah"
        and "Bahrah" are one key, "Hirat" and "Herat" one skeleton."""
        found = self._by_name.get(name)
        if found is None:
            found = self._lookup(name)
            if len(self._by_name) < _CACHE_LIMIT:
                self._by_name[name] = found
        return found

    def _lookup(self, name: str) -> tuple[Match, ...]:
        """``lookup`` without its cache of names."""
        key = _name_key(name)  # uncached: the caches below and lookup's own hold the result
        if not key:
            return ()
        by_key = self._by_key
        found = by_key.get(key)
        if found is not None:
            return found
        pids = self._names.get(key)
        if pids:
            found = self._matches(pids, "name")
        else:
            skeleton = _skeleton(key)
            if len(skeleton) < 3:
                found = ()
            else:
                found = self._by_skeleton.get(skeleton)
                if found is None:
                    found = self._matches(self._loose.get(skeleton), "loose")
                    if len(self._by_skeleton) < _CACHE_LIMIT:
                        self._by_skeleton[skeleton] = found
        if len(by_key) < _CACHE_LIMIT:
            by_key[key] = found
        return found

    def admin1_name(self, country: str, code: str) -> str | None:
        return self._admin1.get((country, code))

    def admin1_names(self, country: str | None = None) -> dict[tuple[str, str], str]:
        """Admin1 display names by (alpha-3, code), optionally of one country."""
        if country is None:
            return dict(self._admin1)
        return {k: v for k, v in self._admin1.items() if k[0] == country}

    def admin1_entries(self, min_population: int = 0) -> list[Entry]:
        rows = self._con.execute("SELECT id FROM places WHERE kind = 'admin1' AND pop >= ?", (min_population,))
        return [self._entry(pid) for (pid,) in rows.fetchall()]

    @lru_cache(maxsize=8192)  # noqa: B019 - one Gazetteer per process; the cache lives as long as it
    def admin1_entry(self, country: str, code: str) -> Entry | None:
        """The admin1 area (country alpha-3, admin1 code) as a place, located at its median place."""
        row = self._con.execute(
            "SELECT id FROM places WHERE kind = 'admin1' AND cc = ? AND a1 = ? LIMIT 1", (country, code)
        ).fetchone()
        return self._entry(row[0]) if row else None

    def entries_of_kind(self, kind: str, min_population: int = 0) -> list[Entry]:
        rows = self._con.execute("SELECT id FROM places WHERE kind = ? AND pop >= ?", (kind, min_population))
        return [self._entry(pid) for (pid,) in rows.fetchall()]

    def names_of(self, entry: Entry) -> list[str]:
        """Exact keys under which ``entry`` is indexed (for building EntityRuler patterns)."""
        return [k for (k,) in self._con.execute("SELECT key FROM names WHERE pid = ?", (entry.id,))]

    def meta(self) -> dict[str, str]:
        return dict(self._con.execute("SELECT key, value FROM meta").fetchall())


def open_gazetteer(path: Path | None = None, *, build_if_needed: bool = True) -> Gazetteer:
    """A Gazetteer over ``path`` (default: the cache dir), building or rebuilding it when stale."""
    path = path or default_path()
    stale, dump = _needs_build(path)
    if stale:
        if not build_if_needed:
            raise FileNotFoundError(f"[K020] gazetteer {path} is missing or stale; run `khabar gazetteer build`")
        dump_path = Path(dump) if dump and Path(dump).exists() else None
        stats = build(path, dump_path)
        log.info("built gazetteer %s: %d places in %.1fs", path, stats.places, stats.seconds)
    return Gazetteer(path)


@lru_cache(maxsize=2)
def get_gazetteer(path: Path | None = None) -> Gazetteer:
    """The process-wide Gazetteer (built on first use)."""
    return open_gazetteer(path)
