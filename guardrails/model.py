"""A learned second opinion for the text rules: a linear model over word stems.

Word patterns catch a pressure move once someone has written it down; sellers
keep inventing new wordings of the same moves («не будьте десятым», «мамы,
которые любят своих детей, уже заказали»).  This model was trained on the
labelled corpora in ``tests/guardrails/data`` (every set written by an author
who never saw the rules) to tell pressure, fake urgency, shouting and
competitor put-downs from honest offers and their look-alikes.  It runs only
when no text rule has already rejected the message (rule ``ML001``).

The model is data: ``data/pressure_model.json``, written by
``tools/train_model.py`` (scikit-learn's logistic regression over binary
TF-IDF of stem unigrams and bigrams).  Scoring is a dot product, done here with
no dependency; this module and the training script share :func:`features`, so
both see the same features.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import repeat
from pathlib import Path
from typing import Union

__all__ = ["MODEL_PATH", "PressureModel", "corpus_digest", "default_model", "features", "load_model", "stems"]

MODEL_PATH = Path(__file__).with_name("data") / "pressure_model.json"
STEM_LENGTH = 5
"""Russian inflects at the end of a word: its first five letters stand in for
the lemma well enough (on the development sets, as well as pymorphy3's lemmas),
with no dictionary to load and nothing to look up."""


_STEM_RE = re.compile(" ([^ ]{1,%d})" % STEM_LENGTH)

Feature = Union[str, tuple[str, str]]
"""A stem (unigram) or a pair of neighbouring stems (bigram)."""


def stems(flat: str) -> list[str]:
    """The stem of each word of `flat` (:attr:`guardrails.text.Analysed.flat`:
    lower case, ``ё`` folded, every separator a space), in order."""
    return _STEM_RE.findall(flat)


def features(flat: str) -> list[Feature]:
    """Stem unigrams and bigrams of `flat`.  One regex call and C-level zips:
    this runs on every message the rules leave clean."""
    st = stems(flat)
    return [*st, *zip(st, st[1:])]


@dataclass(frozen=True)
class Scored:
    """The model's verdict on some words: the logit, and the features that
    pushed it up most (for the message shown to the salesperson)."""

    logit: float
    top: tuple[Feature, ...]


class PressureModel:
    """Logistic regression over binary TF-IDF, L2-normalised: the arithmetic of
    scikit-learn's ``TfidfVectorizer(binary=True)`` followed by
    ``LogisticRegression.decision_function``."""

    def __init__(self, weights: dict[Feature, tuple[float, float]], intercept: float, threshold: float) -> None:
        self.weights = weights
        """feature -> (idf, coefficient)"""
        self.intercept = intercept
        self.threshold = threshold
        """The logit above which a message counts as pressure."""
        # A feature present adds idf*coef to the dot product and idf² to the squared
        # norm: both kept in one complex number, so one C-level sum adds up both.
        self._packed = {f: complex(idf * coef, idf * idf) for f, (idf, coef) in weights.items()}

    def logit(self, flat: str, *, min_words: int = 0) -> float:
        """The decision value for the words of `flat`; ``-inf`` when the model
        knows none of them or there are fewer than `min_words` words."""
        st = stems(flat)
        if len(st) < min_words:
            return -math.inf
        present = set(st)
        present.update(zip(st, st[1:]))
        z = sum(map(self._packed.get, present, repeat(0j)))
        if not z.imag:
            return -math.inf  # no word the model knows: no evidence either way
        return z.real / math.sqrt(z.imag) + self.intercept

    def score(self, flat: str) -> Scored:
        """The decision value and the (up to three) features that raised it most."""
        weights = self.weights
        total = norm2 = 0.0
        parts: list[tuple[float, Feature]] = []
        for feat in dict.fromkeys(features(flat)):
            w = weights.get(feat)
            if w is None:
                continue
            norm2 += w[0] * w[0]
            contribution = w[0] * w[1]
            total += contribution
            if contribution > 0:
                parts.append((contribution, feat))
        if not norm2:
            return Scored(-math.inf, ())
        parts.sort(key=lambda p: p[0], reverse=True)
        return Scored(total / math.sqrt(norm2) + self.intercept, tuple(f for _, f in parts[:3]))

    def flags(self, flat: str) -> bool:
        return self.logit(flat) > self.threshold


def load_model(path: Path = MODEL_PATH) -> PressureModel:
    """The model stored at `path` (see ``tools/train_model.py`` for the format)."""
    try:
        from orjson import loads
    except ImportError:  # pragma: no cover - orjson is a dependency
        from json import loads
    data = loads(path.read_bytes())
    if data.get("format") != 2:
        raise ValueError(f"{path}: unknown model format {data.get('format')!r}")
    weights: dict[Feature, tuple[float, float]] = {}
    for feat, idf, coef in data["features"]:
        first, _, second = feat.partition(" ")
        weights[(first, second) if second else feat] = (idf, coef)
    return PressureModel(weights, float(data["intercept"]), float(data["threshold"]))


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
