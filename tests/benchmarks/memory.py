"""Memory figures of this process, from /proc (Linux)."""

from __future__ import annotations


def _status_mb(field: str) -> float:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
    return float("nan")


def current_rss_mb() -> float:
    return _status_mb("VmRSS")


def peak_rss_mb() -> float:
    """Peak resident memory (VmHWM: unlike ru_maxrss, not inherited across exec)."""
    return _status_mb("VmHWM")
