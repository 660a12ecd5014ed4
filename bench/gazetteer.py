"""Gazetteer lookups per second (cold and warm) over real place names, and the memory the gazetteer adds.

Names: UCDP-AEC's coded locations (where, admin2, admin1 and country names, in file order, so names repeat
as they do in news) plus the founding article's places. "Cold" means a fresh Gazetteer with empty
in-process caches (the SQLite file itself is in the OS page cache, as it is on any working machine);
"stream" is every name in order from cold, repeats included, which is what a worker sees; "warm" is a
second pass. Run alone (``python -m bench.gazetteer``) so the memory figures are this process's only.
"""

from __future__ import annotations

import contextlib
import ctypes
import gc
import json
import re
import statistics
import sys
import time
from collections.abc import Callable
from typing import Any

from bench.common import RESULTS, machine, peak_rss_mb, rss_mb, shared_file

TARGET_LOOKUPS_PER_S = 50_000
TARGET_ADDED_MB = 150
REPEATS = 3


def place_names() -> list[str]:
    """Names in the order they occur: UCDP gold locations, then the founding article's hand-read places."""
    from khabar.evaluate.places import query_of
    from khabar.kb.gazetteer import strip_area_word

    names: list[str] = []
    with shared_file("gold", "ucdp_aec_train", "train.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            if not line.strip():
                continue
            row = json.loads(line)
            if row.get("location_where_name"):
                names.append(query_of(row["location_where_name"])[0])
            for key in ("location_adm2_name", "location_adm1_name"):
                if row.get(key):
                    names.append(strip_area_word(row[key].replace("\xa0", " "))[0])
            if row.get("location_root_name"):
                names.append(re.sub(r"\s*\(.*\)$", "", row["location_root_name"]))
    seed = json.loads(shared_file("gold", "seed", "expected.json").read_text(encoding="utf-8"))
    names.extend(p["name"] for p in seed.get("places", []))
    return [n for n in names if n.strip()]


def _clear_key_caches() -> None:
    from khabar.kb import gazetteer as gz

    for fn in (gz.name_key, gz.loose_key):
        fn.cache_clear()


def _rate(names: list[str], lookup: Callable[[str], object]) -> float:
    started = time.perf_counter()
    for name in names:
        lookup(name)
    return len(names) / (time.perf_counter() - started)


def run() -> dict[str, Any]:
    """All gazetteer figures; RSS is read before and after loading, in this process."""
    import khabar.kb.gazetteer as gz  # imports (pycountry, click) are shared with the rest of a worker
    from khabar.extractors.places import PlaceResolver

    names = place_names()
    unique = list(dict.fromkeys(names))
    # memory first, on the process-wide instance a worker uses, before any throw-away instances exist
    rss_before = rss_mb()
    started = time.perf_counter()
    gaz = gz.get_gazetteer()
    open_s = time.perf_counter() - started
    rss_open = rss_mb()
    _rate(names, gaz.lookup)  # fill its caches with every name, as a long-running worker would
    rss_used = rss_mb()
    cold, stream, warm = [], [], []
    for _ in range(REPEATS):
        for run_names, into in ((unique, cold), (names, stream)):
            fresh = gz.Gazetteer(gaz.path)
            _clear_key_caches()
            gc.collect()
            into.append(_rate(run_names, fresh.lookup))
            if into is cold:
                warm.append(_rate(unique, fresh.lookup))
            fresh._con.close()
            del fresh
    resolver = PlaceResolver(gaz)
    focus = {"AFG": 0.6, "IRN": 0.4}
    resolve = [_rate(unique, lambda n: resolver.resolve(n, focus)) for _ in range(REPEATS)]
    from khabar.extractors.places import GazetteerPlaces

    # The throw-away gazetteers of the timing runs above are freed but glibc keeps their pages: give them
    # back, so the figure is what a worker holding one gazetteer and the extractor pays.
    gc.collect()
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    extractor = GazetteerPlaces(gaz)
    started = time.perf_counter()
    patterns = extractor.patterns()
    patterns_s = time.perf_counter() - started
    rss_extractor = rss_mb()
    cold_rate = statistics.median(cold)
    return {
        "names": len(names),
        "unique_names": len(unique),
        "open_seconds": round(open_s, 3),
        "lookups_per_s_cold": round(cold_rate),
        "lookups_per_s_stream": round(statistics.median(stream)),
        "lookups_per_s_warm": round(statistics.median(warm)),
        "resolves_per_s_warm": round(statistics.median(resolve)),
        "runs": {
            "cold": [round(x) for x in cold],
            "stream": [round(x) for x in stream],
            "warm": [round(x) for x in warm],
        },
        "rss_mb_before": round(rss_before, 1),
        "added_mb_open": round(rss_open - rss_before, 1),
        "added_mb_after_lookups": round(rss_used - rss_before, 1),
        "added_mb_with_place_extractor": round(rss_extractor - rss_before, 1),
        "ruler_patterns": len(patterns),
        "ruler_patterns_seconds": round(patterns_s, 2),
        "peak_rss_mb": round(peak_rss_mb(), 1),
        "targets": {"lookups_per_s": TARGET_LOOKUPS_PER_S, "added_mb": TARGET_ADDED_MB},
        "meets": {
            "lookups_per_s_cold_unique": cold_rate >= TARGET_LOOKUPS_PER_S,
            "lookups_per_s_stream": statistics.median(stream) >= TARGET_LOOKUPS_PER_S,
            "added_mb": rss_used - rss_before <= TARGET_ADDED_MB,
        },
    }


def main() -> None:
    result = {"machine": machine(), "gazetteer": run()}
    RESULTS.mkdir(parents=True, exist_ok=True)
    out = RESULTS / "gazetteer.json"
    out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    json.dump(result["gazetteer"], sys.stdout, indent=2)
    print(f"\nwrote {out}")


if __name__ == "__main__":
    main()
