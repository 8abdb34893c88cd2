"""Memory per sentence of a long pair aligned by the banded DP (the path of a pair past
engine.MINING_MAX_CELLS, e.g. 1,000,000 x 27 sentences), at sizes that run in minutes: the cap
is lowered to 100,000 cells, so a 20,000-sentence text takes the path a 1M one takes. Vectors
are hashed (bench_long_pair's model: the encoder's sizes without its time). For each size, a
project is made once, then each tree aligns a fresh copy in its own process; printed: RSS at
the open project and the peak (MB), the method, the longest silence between progress reports.

    python tests/benchmarks/bench_banded_memory.py TREE[,TREE...] SENTENCES [SENTENCES...]
    (e.g. /tmp/base,. 20000 60000; the marginal KB per sentence is the peaks' difference
    over the sizes' difference)
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
if sys.argv[1] == 'child':
    tree, proj = sys.argv[2], sys.argv[3]; sys.path.insert(0, tree)
    from tests.benchmarks.bench_long_pair import _HashedModel
    from tests.benchmarks.memory import current_rss_mb, peak_rss_mb
    from annotator.core.align.embeddings import Encoder
    import annotator.core.align.engine as E
    from annotator.core.align.group import align_group
    from annotator.core.store import Store
    E.MINING_MAX_CELLS = 100_000
    enc = Encoder(); enc._model = _HashedModel(); enc.encode(["warm"])
    with Store.open(proj, create=False) as store:
        open_rss = current_rss_mb()
        reports = []
        t = time.perf_counter()
        with store.transaction():
            r = align_group(store, 'long', encoder=enc, progress=lambda d, tot: reports.append(time.perf_counter()))
        gaps = [b - a for a, b in zip([t] + reports, reports)]
    print(json.dumps({"open": open_rss, "peak": peak_rss_mb(), "method": r[0].method, "longest_gap": max(gaps)}))
    sys.exit()
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from tests.benchmarks.bench_long_pair import make_project
for n in map(int, sys.argv[2:]):
    master = Path(tempfile.gettempdir()) / f'banded-{n}.sqlite'
    if not master.exists(): make_project(master, n, 27)
    for tree in [str(Path(t).resolve()) for t in sys.argv[1].split(',')]:
        proj = Path(tempfile.gettempdir()) / 'banded-run.sqlite'
        for suffix in ('', '-wal', '-shm'):
            Path(f'{proj}{suffix}').unlink(missing_ok=True)
        shutil.copy(master, proj)
        out = subprocess.run([sys.executable, __file__, 'child', tree, str(proj)], capture_output=True, text=True,
                             env={**os.environ, 'PYTHONPATH': tree})
        res = json.loads(out.stdout.strip().splitlines()[-1]) if out.returncode == 0 else out.stderr[-500:]
        print(n, tree, res, flush=True)
