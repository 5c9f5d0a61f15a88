"""Train the learned pressure model (rule ML001) on the labelled corpora.

    .venv/bin/pip install scikit-learn==1.9.1   # training only; the linter needs none of it
    .venv/bin/python tools/train_model.py [--check]

Reads every ``tests/guardrails/data/*.jsonl`` set, keeps the messages whose
label depends on the text alone (categories P, U, S, K against OK and LA; the
context categories C and J are the context rules' job), fits a logistic
regression over binary TF-IDF of stem unigrams and bigrams
(:func:`guardrails.model.features`), and writes ``guardrails/data/pressure_model.json``.

``--check`` reports cross-validated precision and recall (five folds by set,
so no author's messages are both trained and tested on) and writes nothing.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from guardrails.model import MODEL_PATH, Feature, corpus_digest, features, load_model  # noqa: E402
from guardrails.text import Analysed  # noqa: E402

DATA = ROOT / "tests" / "guardrails" / "data"
TEXT_REJECT = {"P", "U", "S", "K"}
TEXT_PASS = {"OK", "LA"}
C = 10.0
MIN_DF = 2
THRESHOLD = 0.0  # logit 0: probability 0.5 with balanced class weights


def training_files() -> list[Path]:
    return sorted(DATA.glob("*.jsonl"))


def load(paths: list[Path]) -> tuple[list[str], list[int], list[str]]:
    """The flattened texts (:attr:`Analysed.flat`), their labels (1: reject) and their sets."""
    flats, labels, groups = [], [], []
    for path in paths:
        for line in path.read_text(encoding="utf-8").splitlines():
            item = json.loads(line)
            if item["cat"] not in TEXT_REJECT | TEXT_PASS:
                continue
            flats.append(Analysed(item["text"]).flat)
            labels.append(1 if item["cat"] in TEXT_REJECT else 0)
            groups.append(path.stem)
    return flats, labels, groups


def _as_strings(doc: list[Feature]) -> list[str]:
    """A bigram as "stem stem" (scikit-learn sorts the vocabulary: no mixed types)."""
    return [f if isinstance(f, str) else " ".join(f) for f in doc]


def fit(docs: list[list[Feature]], labels: list[int]):  # type: ignore[no-untyped-def]
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    vec = TfidfVectorizer(analyzer=_as_strings, binary=True, min_df=MIN_DF)
    x = vec.fit_transform(docs)
    clf = LogisticRegression(C=C, class_weight="balanced", max_iter=5000).fit(x, labels)
    return vec, clf


def check(docs: list[list[Feature]], labels: list[int], groups: list[str]) -> None:
    from sklearn.model_selection import GroupKFold

    tp = fp = fn = 0
    for train, test in GroupKFold(n_splits=5).split(docs, labels, groups):
        vec, clf = fit([docs[i] for i in train], [labels[i] for i in train])
        scores = clf.decision_function(vec.transform([docs[i] for i in test]))
        for i, s in zip(test, scores):
            hit = s > THRESHOLD
            tp += hit and labels[i] == 1
            fp += hit and labels[i] == 0
            fn += (not hit) and labels[i] == 1
    print(f"model alone, 5-fold by set: precision {tp / (tp + fp):.3f}, recall {tp / (tp + fn):.3f} "
          f"({tp} TP, {fp} FP, {fn} FN of {len(docs)} messages)")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--check", action="store_true", help="cross-validate and write nothing")
    args = ap.parse_args()
    files = training_files()
    flats, labels, groups = load(files)
    docs = [features(f) for f in flats]
    if args.check:
        check(docs, labels, groups)
        return
    import sklearn

    vec, clf = fit(docs, labels)
    coef = clf.coef_[0]
    rows = [[feat, round(float(vec.idf_[j]), 6), round(float(coef[j]), 6)] for feat, j in sorted(vec.vocabulary_.items())]
    model = {
        "format": 2,
        "what": "logistic regression over binary TF-IDF of stem unigrams and bigrams (guardrails.model.features); a bigram is stored as 'stem stem'",
        "trained_on": [p.name for p in files],
        "data_sha256": corpus_digest(files),
        "messages": len(docs),
        "rejects": sum(labels),
        "scikit_learn": sklearn.__version__,
        "C": C,
        "min_df": MIN_DF,
        "intercept": round(float(clf.intercept_[0]), 6),
        "threshold": THRESHOLD,
        "features": rows,
    }
    MODEL_PATH.parent.mkdir(parents=True, exist_ok=True)
    MODEL_PATH.write_text(json.dumps(model, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"{MODEL_PATH.relative_to(ROOT)}: {len(rows)} features from {len(docs)} messages ({sum(labels)} rejects)")
    # The linter scores with guardrails.model, not scikit-learn: both must agree.
    ours = load_model(MODEL_PATH)
    theirs = clf.decision_function(vec.transform(docs))
    worst = max(abs(ours.logit(f) - t) for f, t in zip(flats, theirs) if ours.logit(f) != float("-inf"))
    disagree = sum((ours.logit(f) > THRESHOLD) != (t > THRESHOLD) for f, t in zip(flats, theirs))
    print(f"guardrails.model against scikit-learn: largest difference {worst:.2e}, {disagree} verdicts differ")
    if disagree:
        raise SystemExit("the stored model does not reproduce scikit-learn's verdicts")


if __name__ == "__main__":
    main()
