"""A learned second opinion for the text rules: a linear model over word stems.

Word patterns catch a pressure move once someone has written it down; sellers
keep inventing new wordings of the same moves («не будьте десятым», «мамы,
которые любят своих детей, уже заказали»).  This model was trained on the
labelled corpora in ``tests/guardrails/data`` (every set written by an author
who never saw the rules) to tell pressure, fake urgency, shouting and
competitor put-downs from honest offers and their look-alikes.  It runs only
when no text rule has already rejected the message (rule ``ML001``), and
judges the whole message and each long sentence of it.

The model is data: ``data/pressure_model.json``, written by
``tools/train_model.py`` (scikit-learn's logistic regression over binary
TF-IDF of stem unigrams and bigrams).  Scoring is a dot product, done here with
no dependency; this module and the training script share :func:`features`, so
both see the same features.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache
from itertools import repeat
from operator import itemgetter, mul
from pathlib import Path
from typing import Any

__all__ = ["MIN_WORDS", "MODEL_PATH", "PressureModel", "Scored", "Verdict", "corpus_digest", "default_model", "features",
           "load_model", "pack", "sentence_features", "sentence_stems", "weights_from_columns"]

MODEL_PATH = Path(__file__).with_name("data") / "pressure_model.json"
MIN_WORDS = 5
"""A message of fewer words is too little evidence: the model stays silent (and
is not even loaded).  The training sets hold few short honest messages, and the
patterns catch the short pushes («Берите!», «Последний шанс!»)."""
STEM_LENGTH = 5
"""Russian inflects at the end of a word: its first five letters stand in for
the lemma well enough (on the development sets, as well as pymorphy3's lemmas),
with no dictionary to load and nothing to look up."""


_STEM = itemgetter(slice(0, STEM_LENGTH))

Feature = str
"""A stem (unigram), or two neighbouring stems of one sentence joined by a space (bigram)."""


def sentence_stems(joined: str) -> list[list[str]]:
    """The stems of each sentence of `joined` (:attr:`guardrails.text.Analysed.joined`:
    lower-case words, "|" between sentences); list ``i`` is sentence ``i`` of the
    message's tokens (an empty list where two sentence ends meet)."""
    return [list(map(_STEM, part.split())) for part in joined.split("|")]


def sentence_features(stems: list[str]) -> set[Feature]:
    """The stems of one sentence and its pairs of neighbouring stems."""
    found: set[Feature] = set(stems)
    found.update(map(" ".join, zip(stems, stems[1:])))
    return found


def features(joined: str) -> set[Feature]:
    """Every feature of a message: the union over its sentences (no pair spans a sentence end)."""
    found: set[Feature] = set()
    for st in sentence_stems(joined):
        found |= sentence_features(st)
    return found


@dataclass(frozen=True)
class Scored:
    """The model's verdict on some words: the logit, and the features that
    pushed it up most (for the message shown to the salesperson)."""

    logit: float
    top: tuple[Feature, ...]


@dataclass(frozen=True)
class Verdict:
    """The model's verdict on a message: whether it is flagged, and the sentence
    to point at (the one that scores highest)."""

    flagged: bool
    sentence: int


def pack(idf: float, coef: float) -> complex:
    """A feature's weight as the model keeps it: what its presence adds to the
    dot product (idf × coefficient) and to the squared norm (idf²), as the real
    and imaginary parts of one complex number, so that one C-level ``sum``
    adds up both for a message."""
    return complex(idf * coef, idf * idf)


class PressureModel:
    """Logistic regression over binary TF-IDF, L2-normalised: the arithmetic of
    scikit-learn's ``TfidfVectorizer(binary=True)`` followed by
    ``LogisticRegression.decision_function``.

    A message is flagged when the model scores the whole message above
    `threshold`, or one of its sentences (of at least `sentence_min_words`
    words, in a message scoring above `sentence_floor`) above
    ``threshold + sentence_margin``: one pushy sentence in a long,
    otherwise honest e-mail is diluted in the whole message's score.  The
    training set holds honest single sentences for this (see
    ``tools/train_model.py``); the margin keeps a lone sentence, less
    evidence than a message, from flagging on a little."""

    def __init__(self, weights: dict[Feature, complex], intercept: float, threshold: float,
                 sentence_margin: float = math.inf, min_words: int = 0, sentence_min_words: int = 0,
                 sentence_floor: float = -math.inf) -> None:
        self.weights = weights
        """feature -> :func:`pack` (idf, coefficient)"""
        self.intercept = intercept
        self.threshold = threshold
        """The logit above which a message counts as pressure."""
        self.sentence_margin = sentence_margin
        self.min_words = min_words
        """A message of fewer words is too little evidence."""
        self.sentence_min_words = sentence_min_words
        """A sentence is judged on its own only with at least this many words."""
        self.sentence_floor = sentence_floor
        """Sentences are judged on their own only when the whole message scores
        above this: a message far on the honest side (most of them) costs one sum."""

    def _logit(self, found: set[Feature]) -> float:
        z = sum(map(self.weights.get, found, repeat(0j)))
        if not z.imag:
            return -math.inf  # no word the model knows: no evidence either way
        return z.real / math.sqrt(z.imag) + self.intercept

    def logit(self, joined: str) -> float:
        """The decision value for the whole message; ``-inf`` when the model knows none of its words."""
        return self._logit(features(joined))

    def judge(self, items: list[str]) -> Verdict:
        """Whether the message is flagged (see the class docstring), and its
        highest-scoring sentence; `items` are its words with "|" between
        sentences (:attr:`guardrails.text.Analysed.items`, or ``joined.split()``).

        Runs on every message the rules leave clean, so it works on one list of
        stems with "|" between sentences: a pair across a sentence end, like "|"
        itself, is simply not in `weights`, so the message's feature set needs
        no splitting, and each sentence is a slice of the same list."""
        st = list(map(_STEM, items))
        bars = st.count("|")
        if len(st) - bars < self.min_words:
            return Verdict(False, 0)
        whole = self._logit({*st, *map(" ".join, zip(st, st[1:]))})
        flagged = whole > self.threshold
        if not flagged and whole <= self.sentence_floor:
            return Verdict(False, 0)
        best = 0
        if bars:
            best_logit = -math.inf
            first: int | None = None  # the first sentence with words: pointed at when none is long enough
            start = 0
            for i in range(bars + 1):
                end = st.index("|", start) if i < bars else len(st)
                if first is None and end > start:
                    first = i
                if end - start >= self.sentence_min_words:
                    seg = st[start:end]
                    logit = self._logit({*seg, *map(" ".join, zip(seg, seg[1:]))})
                    if logit > best_logit:
                        best, best_logit = i, logit
                start = end + 1
            flagged = flagged or best_logit > self.threshold + self.sentence_margin
            if best_logit == -math.inf:
                best = first or 0
        return Verdict(flagged, best)

    def score(self, stems: list[str]) -> Scored:
        """The decision value of one sentence's stems and the (up to three)
        features that raised it most."""
        weights = self.weights
        z = 0j
        parts: list[tuple[float, Feature]] = []
        for feat in sentence_features(stems):
            w = weights.get(feat)
            if w is None:
                continue
            z += w
            if w.real > 0:
                parts.append((w.real, feat))
        if not z.imag:
            return Scored(-math.inf, ())
        parts.sort(reverse=True)
        return Scored(z.real / math.sqrt(z.imag) + self.intercept, tuple(f for _, f in parts[:3]))


def weights_from_columns(columns: dict[str, list[Any]]) -> dict[Feature, complex]:
    """Weights from the stored columns: ``features`` with parallel ``idf`` and
    ``coef`` lists.  Built by C-level map and zip calls (:func:`pack` for each
    feature, without a Python call each): a cold `coach lint` pays a few ms for
    40,000 features."""
    idf, coef = columns["idf"], columns["coef"]
    return dict(zip(columns["features"], map(complex, map(mul, idf, coef), map(mul, idf, idf))))


def load_model(path: Path = MODEL_PATH) -> PressureModel:
    """The model stored at `path` (see ``tools/train_model.py`` for the format)."""
    try:
        from orjson import loads
    except ImportError:  # pragma: no cover - orjson is a dependency
        from json import loads
    data = loads(path.read_bytes())
    if data.get("format") != 4:
        raise ValueError(f"{path}: unknown model format {data.get('format')!r}")
    if data["min_words"] != MIN_WORDS:
        raise ValueError(f"{path}: trained for messages of {data['min_words']}+ words, the linter assumes {MIN_WORDS}")
    return PressureModel(weights_from_columns(data["features"]), float(data["intercept"]), float(data["threshold"]),
                         float(data["sentence_margin"]), MIN_WORDS, int(data["sentence_min_words"]),
                         float(data["sentence_floor"]))


@lru_cache(maxsize=1)
def default_model() -> PressureModel:
    return load_model()


def corpus_digest(paths: list[Path]) -> str:
    """SHA-256 over the names and bytes of the training files: the model
    records it, and a test fails when the labelled data changed but the model
    was not retrained."""
    import hashlib

    h = hashlib.sha256()
    for p in sorted(paths, key=lambda p: p.name):
        h.update(p.name.encode())
        h.update(b"\0")
        h.update(p.read_bytes())
        h.update(b"\0")
    return h.hexdigest()
