"""How many threads the encoder should use: the cores other processes leave free.

Two BLAS threads on a 2-core machine whose other core is busy embed 1.7-6x slower than one
(issue 29): the threads wait on each other. So the count follows what the machine's other
processes use, measured from /proc/stat (all CPUs' busy time) minus this process's own CPU time
over the same interval: between two encoder batches, or over a short first look.
"""

from __future__ import annotations

import math
import os
import time
from collections.abc import Callable

# A first look when there is no recent reading (jiffies are 10 ms: 5 of them per core).
FIRST_LOOK_SECONDS = 0.05
# A reading older than this says nothing about now: look again.
STALE_SECONDS = 5.0
# A core counts as free when others use less than this share of it: two threads lose as soon
# as the other core is partly busy (they wait for each other at every product).
BUSY_SLACK = 0.25


def usable_cores() -> int:
    """The cores this process may run on (affinity, and a cgroup quota where one is set)."""
    try:
        cores = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        cores = os.cpu_count() or 1
    try:
        with open("/sys/fs/cgroup/cpu.max", encoding="ascii") as limit:
            quota, period = limit.read().split()[:2]
        if quota != "max":
            cores = min(cores, max(1, math.ceil(int(quota) / int(period))))
    except (OSError, ValueError):
        pass
    return max(1, cores)


def machine_busy_seconds() -> tuple[float, int] | None:
    """CPU-seconds all processes have used since boot, and the machine's CPU count, from
    /proc/stat; None where there is no /proc (macOS, Windows)."""
    try:
        with open("/proc/stat", encoding="ascii") as stat:
            lines = stat.read().splitlines()
    except OSError:
        return None
    fields = [int(value) for value in lines[0].split()[1:]]
    idle = fields[3] + (fields[4] if len(fields) > 4 else 0)  # idle + iowait
    busy = sum(fields[:8]) - idle  # user nice system idle iowait irq softirq steal
    cpus = sum(1 for line in lines if line.startswith("cpu") and line[3:4].isdigit())
    return busy / os.sysconf("SC_CLK_TCK"), max(1, cpus)


class FreeCores:
    """Chooses a thread count before each batch: as many as the cores others leave free, at
    least one, never more than the usable cores (nor `most`)."""

    def __init__(self, most: int | None = None, *,
                 read_machine: Callable[[], tuple[float, int] | None] = machine_busy_seconds,
                 own_cpu: Callable[[], float] = time.process_time,
                 clock: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], None] = time.sleep,
                 cores: int | None = None):
        self.cores = max(1, min(cores or usable_cores(), most or 1 << 16))
        self._read_machine, self._own_cpu, self._clock, self._sleep = read_machine, own_cpu, clock, sleep
        self._last: tuple[float, float, float, int] | None = None  # wall, machine busy, own cpu, cpus

    def _reading(self) -> tuple[float, float, float, int] | None:
        machine = self._read_machine()
        if machine is None:
            return None
        return self._clock(), machine[0], self._own_cpu(), machine[1]

    def others_busy(self) -> float | None:
        """Cores' worth of CPU the other processes used since the last reading (a short first
        look when there is none or it is stale); None where the machine does not say."""
        last = self._last
        if last is None or self._clock() - last[0] > STALE_SECONDS:
            last = self._reading()
            if last is None:
                return None
            self._sleep(FIRST_LOOK_SECONDS)
        now = self._reading()
        if now is None:
            return None
        self._last = now
        wall = now[0] - last[0]
        if wall <= 0:
            return 0.0
        others = (now[1] - last[1]) - (now[2] - last[2])
        return max(0.0, others / wall)

    def threads(self) -> int:
        if self.cores == 1:
            return 1
        others = self.others_busy()
        if others is None:
            load = os.getloadavg()[0] if hasattr(os, "getloadavg") else None
            if load is None:  # nothing to measure by: half the cores, as a guess that is never oversubscribed
                return max(1, self.cores // 2)
            others, cpus = load, self.cores  # the load average counts this process too: errs towards fewer
        else:
            cpus = self._last[3]
        free = min(self.cores, cpus - others)
        return max(1, min(self.cores, math.floor(free + BUSY_SLACK)))
