"""Throughput: the bare spaCy pass and the full khabar pipeline on the same real articles, in one run.

- ``same_run``: bare ``nlp.pipe`` (the stock model, nothing added) and ``Pipeline.run`` alternate batch by
  batch over the same articles, so a noisy neighbour slows both alike; their ratio is the figure that
  counts. The full pass's time is split into the NLP pass and each extractor (timed by wrapping them).
- ``components``: each spaCy component of both NLP pipelines on a sample (``pipe`` per component), so the
  cost of what khabar adds to spaCy (line breaks, the EntityRuler) is visible.
- ``workers``: khabar's own local runner with 1 and 2 workers, each in a fresh process so its peak RSS
  is its own (the 2-worker figure is the largest worker's peak, from RUSAGE_CHILDREN). Wall times include
  the model loads; the load time of one process is reported so the steady-state speed-up can be read.

Words are whitespace-separated words of the article text. Articles are the Wikinews sample repeated
(with distinct URLs) up to ``--articles``; repeats meet warm caches in khabar's lookups, as names do in
a day of news.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from bench.common import REPO, PeakSampler, hwm_mb, shared_file

TARGET_RATIO = 0.85  # issue 13
TARGET_WORDS_PER_S_PER_CORE = 3_500  # issue 13
TARGET_RSS_MB = 600
TARGET_SPEEDUP = 1.7
BATCH = 16


def load_articles(n: int) -> list[Any]:
    """The Wikinews sample (2019 and 2020) cycled to ``n`` articles; copies get distinct URLs (and ids)."""
    from khabar.model import Article

    rows: list[dict[str, str]] = []
    for name in ("wikinews_2019.csv", "wikinews_2020.csv"):
        with shared_file("corpora", "wikinews", name).open(encoding="utf-8", newline="") as handle:
            rows.extend(csv.DictReader(handle))
    out = []
    for i in range(n):
        row = rows[i % len(rows)]
        copy = i // len(rows)
        url = row["url"] if copy == 0 else f"{row['url']}#copy{copy}"
        out.append(Article.new(row["text"], title=row["title"], url=url, published=date.fromisoformat(row["date"])))
    return out


def words(texts: list[str]) -> int:
    return sum(len(t.split()) for t in texts)


class Timed:
    """Wraps an extractor (or any callable) and adds up the seconds spent in it."""

    def __init__(self, inner: Callable[..., Any]) -> None:
        self.inner = inner
        self.seconds = 0.0

    def __call__(self, *args: Any) -> Any:
        started = time.perf_counter()
        try:
            return self.inner(*args)
        finally:
            self.seconds += time.perf_counter() - started

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)


STAGES = ("actors", "places", "time", "quantities", "attribution", "events")


def same_run(articles: list[Any]) -> dict[str, Any]:
    """Bare spaCy and the full pipeline, batch by batch over the same articles, in this process."""
    import spacy

    from khabar.pipeline import get_pipeline

    pipeline = get_pipeline()
    bare = spacy.load(pipeline.config.model)
    bare.max_length = pipeline.nlp.max_length
    warm = [a.text for a in articles[:4]]
    list(bare.pipe(warm))
    list(pipeline.run(articles[:4]))
    timers = {stage: Timed(getattr(pipeline, stage)) for stage in STAGES}
    check = Timed(pipeline.check)
    extract = Timed(pipeline.extract_doc)
    originals = {name: getattr(pipeline, name) for name in (*STAGES, "check", "extract_doc")}
    for stage, timer in timers.items():
        setattr(pipeline, stage, timer)
    pipeline.check = check  # type: ignore[method-assign]
    pipeline.extract_doc = extract  # type: ignore[method-assign]
    bare_s = full_s = 0.0
    ratios: list[float] = []
    kinds: dict[str, int] = defaultdict(int)
    try:
        for i in range(0, len(articles), BATCH):
            batch = articles[i : i + BATCH]
            started = time.perf_counter()
            for _doc in bare.pipe((a.text for a in batch), batch_size=BATCH):
                pass
            b = time.perf_counter() - started
            started = time.perf_counter()
            for result in pipeline.run(batch):
                kinds[type(result).__name__] += 1
            f = time.perf_counter() - started
            bare_s, full_s = bare_s + b, full_s + f
            ratios.append(b / f)
    finally:
        for name, value in originals.items():
            setattr(pipeline, name, value)
    n_words = words([a.text for a in articles])
    extract_s = extract.seconds
    nlp_s = full_s - extract_s - check.seconds
    stages = {stage: round(t.seconds, 3) for stage, t in timers.items()}
    stages_other = extract_s - sum(t.seconds for t in timers.values())
    return {
        "articles": len(articles),
        "words": n_words,
        "results": dict(kinds),
        "bare_seconds": round(bare_s, 2),
        "full_seconds": round(full_s, 2),
        "bare_words_per_s": round(n_words / bare_s),
        "full_words_per_s": round(n_words / full_s),
        "full_articles_per_s": round(len(articles) / full_s, 2),
        "ratio_full_to_bare": round(bare_s / full_s, 3),
        "ratio_median_of_batches": round(statistics.median(ratios), 3),
        "breakdown_seconds": {
            "nlp_pass (spaCy + khabar components)": round(nlp_s, 3),
            "check (language, size)": round(check.seconds, 3),
            **stages,
            "report assembly": round(stages_other, 3),
        },
        "breakdown_share_of_full": {
            "nlp_pass": round(nlp_s / full_s, 3),
            "check": round(check.seconds / full_s, 3),
            **{k: round(v / full_s, 3) for k, v in stages.items()},
            "report assembly": round(stages_other / full_s, 3),
        },
    }


def components(articles: list[Any]) -> dict[str, Any]:
    """Seconds per spaCy component, bare model and khabar's NLP pass, over the same sample."""
    import spacy

    from khabar.pipeline import get_pipeline

    texts = [a.text for a in articles]
    pipeline = get_pipeline()
    out: dict[str, Any] = {"articles": len(texts), "words": words(texts)}
    for label, nlp in (("bare", spacy.load(pipeline.config.model)), ("khabar", pipeline.nlp)):
        nlp.max_length = max(nlp.max_length, pipeline.nlp.max_length)
        started = time.perf_counter()
        docs = [nlp.make_doc(t) for t in texts]
        seconds = {"tokenizer": time.perf_counter() - started}
        for name, proc in nlp.pipeline:
            started = time.perf_counter()
            pipe = getattr(proc, "pipe", None)
            docs = list(pipe(docs, batch_size=BATCH)) if pipe else [proc(d) for d in docs]
            seconds[name] = time.perf_counter() - started
        out[label] = {k: round(v, 3) for k, v in seconds.items()} | {"total": round(sum(seconds.values()), 3)}
    return out


def child(n: int, workers: int) -> dict[str, Any]:
    """One runner measurement in this (fresh) process: wall time, load time, peak RSS per worker."""
    articles = load_articles(n)
    n_words = words([a.text for a in articles])
    from khabar.runner.local import run_local

    started = time.perf_counter()
    count = 0
    with PeakSampler() as sampler:
        if workers <= 1:
            from khabar.pipeline import get_pipeline

            get_pipeline()
            load_s = time.perf_counter() - started
        else:
            load_s = float("nan")
        for _result in run_local(articles, workers=workers):
            count += 1  # not kept: the driver's memory is not the figure here
            if workers > 1 and count % 64 == 0:
                sampler.sample()
        wall = time.perf_counter() - started
    # the pool's workers (the largest of them), or this process when it did the work itself
    workers_hwm = [p for p in sampler.peaks.values() if p > 100]  # leaves out the resource tracker
    worker_rss = hwm_mb() if workers <= 1 else max(workers_hwm, default=0.0)
    return {
        "workers": workers,
        "articles": count,
        "words": n_words,
        "wall_seconds": round(wall, 2),
        "load_seconds": round(load_s, 2) if workers <= 1 else None,
        "words_per_s": round(n_words / wall),
        "articles_per_s": round(count / wall, 2),
        "peak_rss_mb_per_worker": round(worker_rss, 1),
        "driver_peak_rss_mb": round(hwm_mb(), 1),
        "worker_processes_seen": len(workers_hwm) if workers > 1 else 1,
    }


def run_workers(n: int, counts: list[int]) -> list[dict[str, Any]]:
    """Each worker count in its own process, so RSS and caches start clean."""
    results = []
    for workers in counts:
        with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as handle:
            out = Path(handle.name)
        env = dict(os.environ, PYTHONPATH=str(REPO))
        cmd = [
            sys.executable,
            "-m",
            "bench.throughput",
            "--child",
            str(workers),
            "--articles",
            str(n),
            "--out",
            str(out),
        ]
        subprocess.run(cmd, check=True, cwd=REPO, env=env)
        results.append(json.loads(out.read_text(encoding="utf-8")))
        out.unlink()
    return results


def summarise(same: dict[str, Any], runs: list[dict[str, Any]]) -> dict[str, Any]:
    """The acceptance figures of issue 8 and whether each is met."""
    by = {r["workers"]: r for r in runs}
    out: dict[str, Any] = {
        "ratio_full_to_bare": same["ratio_full_to_bare"],
        "full_words_per_s_per_core": same["full_words_per_s"],
        "peak_rss_mb_per_worker": max(r["peak_rss_mb_per_worker"] for r in runs) if runs else None,
    }
    if 1 in by and 2 in by:
        one, two = by[1], by[2]
        out["speedup_2_workers"] = round(one["wall_seconds"] / two["wall_seconds"], 3)
        load = one["load_seconds"] or 0.0
        out["speedup_2_workers_excluding_load"] = round(
            (one["wall_seconds"] - load) / max(two["wall_seconds"] - load, 1e-9), 3
        )
    out["meets"] = {
        f"ratio >= {TARGET_RATIO}": out["ratio_full_to_bare"] >= TARGET_RATIO,
        f"words/s/core >= {TARGET_WORDS_PER_S_PER_CORE}": (
            out["full_words_per_s_per_core"] >= TARGET_WORDS_PER_S_PER_CORE
        ),
        "rss <= 600 MB": out["peak_rss_mb_per_worker"] is not None and out["peak_rss_mb_per_worker"] <= TARGET_RSS_MB,
        "2 workers >= 1.7x": out.get("speedup_2_workers", 0) >= TARGET_SPEEDUP,
    }
    return out


def run(n: int, sample: int, worker_counts: list[int]) -> dict[str, Any]:
    articles = load_articles(n)
    same = same_run(articles)
    comp = components(articles[:sample])
    runs = run_workers(n, worker_counts)
    return {"same_run": same, "components": comp, "workers": runs, "summary": summarise(same, runs)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=1000, help="articles (the Wikinews sample, repeated)")
    parser.add_argument("--sample", type=int, default=100, help="articles for the per-component timing")
    parser.add_argument("--workers", default="1,2", help="worker counts to run, comma-separated")
    parser.add_argument("--child", type=int, default=None, help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child is not None:
        args.out.write_text(json.dumps(child(args.articles, args.child)), encoding="utf-8")
        return
    from bench.common import RESULTS, machine

    result = {
        "machine": machine(),
        "throughput": run(args.articles, args.sample, [int(w) for w in args.workers.split(",") if w]),
    }
    RESULTS.mkdir(parents=True, exist_ok=True)
    out = RESULTS / "throughput.json"
    out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    json.dump(result["throughput"]["summary"], sys.stdout, indent=2)
    print(f"\nwrote {out}")


if __name__ == "__main__":
    main()
