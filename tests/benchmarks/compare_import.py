"""Does an import store exactly what another tree's import stores? For changes to the import's
speed that must not change its results (issue 29): both trees import the same files (the
benchmark corpus, the seeds, the tests' fixtures, any folders given, and pages made to reach the
analysis' corners: URLs, e-mail addresses, widget and furniture lines, digits, scripts of one
language, the characters whose case folding surprises, very short and very long lines), each in
its own process, and the project rows are compared: documents (text bytes included), paragraphs
(language, its source, boilerplate reason), sentences, groups.

    python tests/benchmarks/compare_import.py --base /tmp/base-tree [--mb 5] [--workers 1 2] [FOLDER...]

--base: a checkout of the other tree (git archive of main); this tree is the one the script is in.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import pickle
import random
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parents[2]

# Lines that exercise the boilerplate, furniture and language rules (and their edge cases).
_ODD_LINES = [
    "Share this article", "Tags: Syria, Russia, ISIS", "© 2017 Sputnik. All rights reserved.", "Click to see the full-size image",
    "Partager sur Facebook", "Zum Vergrößern bitte hier klicken", "12 shares", "Facebook Twitter Google+ 3 Kommentare",
    "By Jane Doe", "Par Samer Hussein, AFP", "Von Anna Müller, dpa", "Photo: AFP", "Source : Reuters", "R.R. Quelle Sputnik",
    "Tuesday, November 14, 2017", "15 novembre 2017 à 14 h 03", "14.11.2017", "MORE DETAILS HERE: “The convoy”",
    "Lire aussi : Le convoi", "About Ginette Hess Skandrani", "Featured Posts", "https://www.example.com/news/1234",
    "see www.Example.ORG and mail@example.com for more", "İstanbul ıIı ſ K Kelvin Straße STRASSE ǅ ﬁ", "Ⅻ ½ ² ٣ ۴ 七",
    "Νοεμβρίου 2017 στις 14:03", "Αυτό είναι ένα κείμενο στα ελληνικά για τη Συρία και τη Ρωσία.", "שלום עולם זה טקסט",
    "这是一个关于叙利亚的新闻句子。它很短。", "これは日本語の文章です。", "한국어 문장입니다 아주 짧은", "بقلم أحمد علي",
    "اقرأ أيضا: الخبر", "Это текст на русском языке о Сирии и России, он достаточно длинный.", "Xin chào thế giới Việt Nam",
    "THE US REFUSED TO CONDUCT AIRSTRIKES", "a", "2.", "…", "— — —", "reseauinternational", "Réseau International",
    "1. The first point.\n2. The second point.", "The convoy left at 5 p.m. and arrived at 6 a.m. on Nov. 14.",
    "Das ist ein Satz. Und hier ist noch einer! Ist das so? Ja.", "Il a dit: « Non. » Puis il est parti… Enfin.",
    "lowercase continuation of a wrapped\nline that goes on here\nand ends.", "\u200eRTL mark \u202bembedded\u202c text",
    "Tab\tseparated\tcolumns\there", "word" * 60, "The " * 40 + "end.", "der die das und ist " * 8,
    "Sputnik", "www.reseauinternational.net", "Read more", "Newsletter", "home", "Kommentar schreiben",
]


def write_corner_pages(folder: Path, paragraphs: list[str], pages: int = 40, seed: int = 7) -> list[Path]:
    """Pages mixing real paragraphs with the odd lines, perturbed: case changed, URLs, e-mail
    addresses and odd characters inserted, lines joined or repeated."""
    folder.mkdir(parents=True, exist_ok=True)
    chance = random.Random(seed)
    paths = []
    for number in range(pages):
        lines = [f"Corner page {number}"]
        for _ in range(chance.randint(5, 80)):
            line = chance.choice(paragraphs if chance.random() < 0.6 else _ODD_LINES)
            roll = chance.random()
            if roll < 0.08:
                line = line.upper()
            elif roll < 0.14:
                line = line.lower()
            elif roll < 0.2:
                words = line.split(" ")
                words.insert(chance.randrange(len(words) + 1), chance.choice(
                    ["https://x.org/a?b=1", "www.site-news.com", "a.b@mail.net", "İ", "ß", "K", "١٢٣", "2017", "—"]))
                line = " ".join(words)
            elif roll < 0.24 and lines:
                line = lines[-1]  # repeated line
            elif roll < 0.28:
                line = line + " " + chance.choice(paragraphs)
            lines.append(line)
        separator = chance.choice(["\n\n", "\n", "\r\n\r\n"])
        path = folder / f"corner_{number:03d}.txt"
        path.write_bytes(separator.join(lines).encode("utf-8"))
        paths.append(path)
    return paths


def corpora(folder: Path, mb: float, extra: list[Path]) -> list[list[Path]]:
    """Batches of files, each imported into one project."""
    sys.path.insert(0, str(HERE))
    from tests.benchmarks.corpus import seed_paragraphs, write_corpus
    from annotator.paths import seed_files

    paragraphs = seed_paragraphs()
    batches = [list(seed_files()), sorted((HERE / "tests" / "fixtures").rglob("*.txt")),
               write_corpus(folder / "bench", int(mb * 1_000_000)),
               write_corpus(folder / "bench1", 1_000_000, seed=1),
               write_corner_pages(folder / "corner", paragraphs)]
    for number, path in enumerate(extra):  # copied as .txt files (aligners' corpora name none)
        files = []
        for source in sorted(p for p in Path(path).rglob("*") if p.is_file() and not p.name.startswith(".")):
            files.append(folder / f"extra{number}" / f"{len(files):05d}_{source.stem}.txt")
            files[-1].parent.mkdir(parents=True, exist_ok=True)
            files[-1].write_bytes(source.read_bytes())
        batches += [files[i:i + 200] for i in range(0, len(files), 200)]
    return [batch for batch in batches if batch]


def dump(batches: list[list[Path]], workers: int, out: Path) -> None:
    """Import each batch into a new project with this process's annotator; pickle the rows."""
    from annotator.core.store import Store
    from annotator.core.text.importer import analyze_files
    from annotator.errors import AnnotatorError

    rows = []
    with tempfile.TemporaryDirectory() as folder:
        for number, batch in enumerate(batches):
            project = Path(folder) / f"p{number}.sqlite"
            try:
                with Store.open(project) as store:
                    store.documents.import_documents(analyze_files(batch, workers=workers, max_bytes=1 << 30))
            except AnnotatorError as error:  # the same refusal either way
                rows.append(("refused", str(error)))
                continue
            with sqlite3.connect(project) as db:
                rows.append({
                    "documents": db.execute(
                        "SELECT id, group_id, position, title, source_path, format, sha256, encoding, lang,"
                        " lang_source, external_id, metadata, CAST(text AS BLOB), typeof(text) FROM documents"
                        " ORDER BY id").fetchall(),
                    "paragraphs": db.execute("SELECT * FROM paragraphs ORDER BY id").fetchall(),
                    "sentences": db.execute("SELECT * FROM sentences ORDER BY id").fetchall(),
                    "groups": db.execute("SELECT id, name, pivot_document_id FROM groups ORDER BY id").fetchall(),
                })
    out.write_bytes(pickle.dumps(rows))


def _differences(base: list, this: list) -> list[str]:
    found = []
    for number, (a, b) in enumerate(zip(base, this)):
        if a == b:
            continue
        if not (isinstance(a, dict) and isinstance(b, dict)):
            found.append(f"batch {number}: {a if not isinstance(a, dict) else 'stored'} vs"
                         f" {b if not isinstance(b, dict) else 'stored'}")
            continue
        for table in a:
            if a[table] != b[table]:
                pairs = [(x, y) for x, y in zip(a[table], b[table]) if x != y]
                first = pairs[0] if pairs else (len(a[table]), len(b[table]))
                found.append(f"batch {number}, {table}: {len(pairs)} rows differ (counts {len(a[table])} vs"
                             f" {len(b[table])}); first: {first!r}"[:600])
    if len(base) != len(this):
        found.append(f"{len(base)} batches vs {len(this)}")
    return found


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--base", type=Path)
    parser.add_argument("--mb", type=float, default=5.0)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--dump", type=Path, help=argparse.SUPPRESS)  # internal: one tree's run
    parser.add_argument("--batches", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("folders", type=Path, nargs="*")
    args = parser.parse_args()
    if args.dump:
        dump(pickle.loads(args.batches.read_bytes()), args.workers[0], args.dump)
        return
    if args.base is None:
        parser.error("--base is required")
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        batches = corpora(folder, args.mb, args.folders)
        (folder / "batches.pkl").write_bytes(pickle.dumps(batches))
        print(f"{len(batches)} batches, {sum(map(len, batches))} files,"
              f" {sum(p.stat().st_size for b in batches for p in b) / 1e6:.1f} MB")
        dumps = {}
        for tree in (args.base.resolve(), HERE):
            for workers in args.workers:
                out = folder / f"{hashlib.sha1(str(tree).encode()).hexdigest()[:8]}-{workers}.pkl"
                env = dict(os.environ, PYTHONPATH=str(tree))
                subprocess.run([sys.executable, str(Path(__file__).resolve()), "--dump", str(out), "--batches",
                                str(folder / "batches.pkl"), "--workers", str(workers)], env=env, check=True)
                dumps[tree, workers] = pickle.loads(out.read_bytes())
        reference = dumps[args.base.resolve(), args.workers[0]]
        sizes = [sum(len(rows) for rows in batch.values()) if isinstance(batch, dict) else 0 for batch in reference]
        print(f"rows compared per run: {sum(sizes)}")
        failed = False
        for (tree, workers), rows in dumps.items():
            name = f"{'base' if tree == args.base.resolve() else 'this'} tree, {workers} worker(s)"
            differences = _differences(reference, rows)
            failed |= bool(differences)
            print(f"{name}: {'identical' if not differences else 'DIFFERENT'}")
            for line in differences:
                print("   ", line)
        sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
