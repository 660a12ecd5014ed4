"""``python -m bench``: every benchmark, each in its own process, then bench/results/latest.json and plots.

Each benchmark also writes its own file (gazetteer.json, throughput.json, store.json, cluster.json);
latest.json gathers them with the machine's facts, and a dated copy is kept so runs can be compared over
time. ``--only X`` runs one benchmark and replaces only its key in latest.json (with the machine's facts of
that run under ``X.machine``), so the other figures stay.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from bench.common import REPO, RESULTS, machine, shared_dir
from bench.throughput import TARGET_WORDS_PER_S_PER_CORE


def _run(module: str, *args: str) -> dict[str, Any]:
    env = dict(os.environ, PYTHONPATH=str(REPO))
    subprocess.run([sys.executable, "-m", module, *args], check=True, cwd=REPO, env=env)
    name = module.rsplit(".", 1)[1]
    data: dict[str, Any] = json.loads((RESULTS / f"{name}.json").read_text(encoding="utf-8"))
    return data[name]


def plot(result: dict[str, Any], out: Path) -> str:
    """Throughput vs workers beside the bare spaCy pass, and where the full pipeline's time goes."""
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        return "matplotlib is not installed: no plot (pip install matplotlib)"
    tp = result["throughput"]
    same, runs = tp["same_run"], tp["workers"]
    fig, (left, right) = plt.subplots(1, 2, figsize=(11, 4.2))
    xs = [r["workers"] for r in runs]
    left.plot(xs, [r["words_per_s"] for r in runs], "o-", label="khabar, local runner (wall, incl. model load)")
    left.plot(
        xs, [same["bare_words_per_s"] * w for w in xs], "s--", color="grey", label="bare spaCy pass x workers (ideal)"
    )
    left.plot([1], [same["full_words_per_s"]], "D", color="C2", label="khabar, same run as bare (warm)")
    target = f"target {TARGET_WORDS_PER_S_PER_CORE:,} words/s per core"
    left.axhline(TARGET_WORDS_PER_S_PER_CORE, color="C3", lw=0.8, ls=":", label=target)
    left.set_xticks(xs)
    left.set_xlabel("workers")
    left.set_ylabel("words / s")
    left.set_title(f"Throughput on {same['articles']} Wikinews articles")
    left.legend(fontsize=7)
    parts = same["breakdown_seconds"]
    labels = list(parts)
    right.barh(labels, [parts[k] for k in labels], color="C0")
    right.barh(["bare spaCy pass"], [same["bare_seconds"]], color="grey")
    right.invert_yaxis()
    right.set_xlabel("seconds")
    right.set_title(f"Where the time goes (full {same['full_seconds']} s)")
    fig.tight_layout()
    fig.savefig(out, dpi=110)
    plt.close(fig)
    return str(out.relative_to(REPO))


def main() -> None:
    parser = argparse.ArgumentParser(description="Run khabar's benchmarks and write bench/results/.")
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--sample", type=int, default=100)
    parser.add_argument("--workers", default="1,2")
    parser.add_argument("--store-reports", type=int, default=1000, help="Reports put into each store")
    parser.add_argument("--cluster-events", type=int, default=10_000, help="Event rows merged by the cluster bench")
    parser.add_argument("--only", choices=["gazetteer", "throughput", "store", "cluster"], default=None)
    args = parser.parse_args()
    if args.only not in ("store", "cluster"):
        shared_dir()  # exits with a clear message before anything runs (the store bench has a fallback)
    RESULTS.mkdir(parents=True, exist_ok=True)
    result: dict[str, Any] = {
        "machine": machine(),
        "note": "2-core machine shared with other jobs: see machine.load_average_at_start; figures are one run each",
    }
    latest = RESULTS / "latest.json"
    if args.only is not None and latest.exists():  # one benchmark again: keep the others' figures
        result = json.loads(latest.read_text(encoding="utf-8"))
    started = time.perf_counter()
    if args.only in (None, "gazetteer"):
        result["gazetteer"] = _run("bench.gazetteer")
    if args.only in (None, "throughput"):
        result["throughput"] = _run(
            "bench.throughput",
            "--articles",
            str(args.articles),
            "--sample",
            str(args.sample),
            "--workers",
            args.workers,
        )
        result["plot"] = plot(result, RESULTS / "throughput.png")
    if args.only in (None, "store"):
        result["store"] = _run("bench.store", "--reports", str(args.store_reports))
    if args.only in (None, "cluster"):
        result["cluster"] = _run("bench.cluster", "--events", str(args.cluster_events))
    seconds = round(time.perf_counter() - started, 1)
    if args.only is None:
        result["seconds"] = seconds
    else:
        result[args.only] |= {"machine": machine(), "seconds": seconds}
    text = json.dumps(result, indent=2) + "\n"
    latest.write_text(text, encoding="utf-8")
    (RESULTS / f"run-{time.strftime('%Y%m%d-%H%M%S')}.json").write_text(text, encoding="utf-8")
    print(f"wrote {RESULTS / 'latest.json'}")


if __name__ == "__main__":
    main()
