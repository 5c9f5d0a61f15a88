"""The literal prefilter never drops a pattern the exact matcher would match.

The exact matcher runs each pattern's regex over the tokenised message; the
prefilter decides from one lookup per word which patterns to try.  If it
ever said "no" where a regex says "yes", the linter would silently miss a
finding, so the property is checked by brute force: every pattern over every
labelled message, also after the messages' separators are scrambled.
"""

from __future__ import annotations

import json
import random
import sys

import pytest

from guardrails.engine import default_linter
from guardrails.patterns import compile_pattern, parse_pattern
from guardrails import prefilter as prefilter_module
from guardrails.prefilter import _WHITESPACE, Prefilter, flatten
from guardrails.rules import ALL_RULES
from guardrails.text import _BREAKS, _ENDERS, _STRIP, Analysed
from lint_helpers import REPO

RULESET = default_linter().ruleset


def _messages() -> list[str]:
    texts = []
    for path in sorted((REPO / "tests" / "guardrails" / "data").glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                texts.append(json.loads(line)["text"])
    for rule in ALL_RULES:
        for which in ("fail", "pass"):
            texts.extend(e.text for e in rule.examples(which) if e.source is None)
    return texts


MESSAGES = _messages()


def _scramble(text: str, rnd: random.Random) -> str:
    """The same words with other separators: punctuation glued to words,
    non-breaking and odd spaces, quotes and dashes without spaces, 'ё'."""
    seps = [" ", "  ", "\u00a0", "\t", "\n", " — ", "—", ", ", ",", "/", " «", "» ", "(", ") ", "*", " -", "- ", "…", "!", "? "]
    wraps = ["", "", "", "*", "_", "«", "\"", "'", "(", "#", "~"]
    out = []
    for word in text.replace("е", "ё" if rnd.random() < 0.1 else "е").split():
        w = rnd.choice(wraps)
        out.append(w + word + (w if rnd.random() < 0.5 else ""))
        out.append(rnd.choice(seps))
    return "".join(out)


def _exact(analysed: Analysed) -> set[tuple[int, int]]:
    """Every (rule, pattern) whose regex matches, by trying them all; a rule's
    `unless` patterns count where one of its own patterns matches (only there
    can they change the result)."""
    found = set()
    joined = analysed.joined
    words = analysed.words
    for ri, cr in enumerate(RULESET.compiled):
        hits = {(ri, pi) for pi, pattern in enumerate(cr.patterns)
                if pattern.possible(words) and any(m.end() > m.start() for m in pattern.rx.finditer(joined))}
        if hits:
            found |= hits
            found |= {(ri, -1 - ui) for ui, pattern in enumerate(cr.unless)
                      if pattern.possible(words) and pattern.rx.search(joined)}
    return found


def _passed(prefilter: Prefilter, text: str) -> set[tuple[int, int]]:
    _, cands = prefilter.scan(Analysed(text).norm)
    return {(ri, pi) for ri, pis in cands.items() for pi in pis}


def test_whitespace_list_is_what_str_split_splits_on():
    assert set(_WHITESPACE) == {chr(c) for c in range(sys.maxunicode + 1) if chr(c).isspace()}


def test_flatten_turns_every_separator_into_a_space():
    for ch in set(_STRIP + _BREAKS + _ENDERS + _WHITESPACE):
        assert flatten(f"да{ch}нет") == " да нет ", repr(ch)
    assert flatten("какой-то «товар»") == " какой то  товар  "


@pytest.mark.parametrize("scrambled", [False, True], ids=["as-written", "scrambled"])
def test_prefilter_passes_every_pattern_that_matches(scrambled):
    rnd = random.Random(20261123)
    texts = [_scramble(t, rnd) for t in MESSAGES] if scrambled else MESSAGES
    prefilter = RULESET.prefilter
    missed = []
    matched = 0
    for text in texts:
        exact = _exact(Analysed(text))
        matched += len(exact)
        lost = exact - _passed(prefilter, text)
        if lost:
            missed.append((text, sorted(lost)))
    assert not missed, missed[:5]
    assert matched > 1000  # the check has teeth: thousands of pattern matches went through it


def test_prefilter_lets_few_clean_messages_through():
    """Speed, not correctness: a clean message should rarely need a regex."""
    clean = [t for t in MESSAGES if not _exact(Analysed(t))]
    passed = sum(1 for t in clean if _passed(RULESET.prefilter, t))
    assert clean and passed / len(clean) < 0.3


def test_anchors_change_the_work_not_the_result():
    prefilter = RULESET.prefilter
    before = [_passed(prefilter, t) for t in MESSAGES[:1500]]
    # anchor every pattern at its most frequent slot instead: the worst choice
    prefilter._set_anchors(lambda bit: -bit.bit_length())
    try:
        assert [_passed(prefilter, t) for t in MESSAGES[:1500]] == before
    finally:
        prefilter._set_anchors(lambda bit: 0)


def test_anchors_are_retuned_from_what_occurs():
    """Statically "время" (one form) anchors the pattern; in a corpus where it is
    in every message and "ограничено" in none, the anchor moves."""
    pattern = compile_pattern(parse_pattern("время ~2 ограничено|ограничена|ограничены|ограниченное"), lambda s: frozenset())
    prefilter = Prefilter([((0, 0), pattern)], {})
    time_bit = prefilter._bit(frozenset({"время"}), ())
    assert prefilter._anchors[1] == time_bit
    for _ in range(Prefilter.SAMPLE_EVERY * Prefilter.RETUNE_AFTER):
        assert prefilter.scan("доставим в удобное время")[1] == {}
    assert prefilter._anchors[1] != time_bit
    assert prefilter.scan("время ограничено")[1] == {0: [0]}


def test_cached_prefilter_gives_the_same_answers():
    """The prefilter is cached on disk as data; built from that data it must
    answer exactly as the one built from the patterns."""
    import json

    prefilter = RULESET.prefilter
    loaded = Prefilter.from_data(json.loads(json.dumps(prefilter.to_data())))
    for text in MESSAGES[:2000]:
        norm = Analysed(text).norm
        assert loaded.scan(norm) == prefilter.scan(norm)


def test_a_broken_cache_file_is_rebuilt_not_fatal(tmp_path, monkeypatch):
    from guardrails.rules import LEXICONS, PRESENCE_LEXICONS
    from guardrails.ruleset import load_ruleset

    monkeypatch.setenv("COACH_CACHE_DIR", str(tmp_path))
    first = load_ruleset(ALL_RULES, LEXICONS, presence_lexicons=PRESENCE_LEXICONS)
    assert not first.prefilter_cached
    [cache] = tmp_path.glob("guardrails-prefilter-*.json")
    assert load_ruleset(ALL_RULES, LEXICONS, presence_lexicons=PRESENCE_LEXICONS).prefilter_cached
    cache.write_text('{"keys": 5}', encoding="utf-8")  # another version's format, say
    again = load_ruleset(ALL_RULES, LEXICONS, presence_lexicons=PRESENCE_LEXICONS)
    assert not again.prefilter_cached
    assert again.prefilter.scan("вам обязательно нужно взять чехол")[1]
    assert load_ruleset(ALL_RULES, LEXICONS, presence_lexicons=PRESENCE_LEXICONS).prefilter_cached  # rewritten


def test_word_table_stays_bounded_and_still_answers(monkeypatch):
    """Past its limit the table stops remembering new words (memory must not
    grow with the corpus) but still looks them up."""
    monkeypatch.setattr(prefilter_module, "TOKEN_TABLE_LIMIT", 50)
    prefilter = Prefilter.from_data(RULESET.prefilter.to_data())
    for i in range(200):
        prefilter.scan(f"слово{i} доставим")
    assert len(prefilter._table) == 50
    assert prefilter.scan("вам обязательно нужно взять чехол") == RULESET.prefilter.scan("вам обязательно нужно взять чехол")
    assert prefilter.scan("вам обязательно нужно взять чехол")[1]


def test_a_hyphenated_form_is_found_in_its_token():
    """Keys are flattened ("кровь из носу"); the token "кровь-из-носу" is
    flattened the same way before lookup, and a stem key matches only at the
    start of a token."""
    table = Prefilter.from_data(RULESET.prefilter.to_data())._table
    assert table["кровь-из-носу"]
    assert table["кровь-из-носу"] & ~table["кровь"]  # the word alone is not the form
    assert table["|"] == 0


def test_the_forms_cache_is_trusted_only_for_its_own_rule_text(tmp_path, monkeypatch):
    """A warm start reads the lemma expansions without parsing a pattern; a file
    written for other rules (its recorded key differs) or broken is expanded again."""
    from guardrails import ruleset as ruleset_module
    from guardrails.rules import LEXICONS, PRESENCE_LEXICONS
    from guardrails.ruleset import load_ruleset

    monkeypatch.setenv("COACH_CACHE_DIR", str(tmp_path))
    load_ruleset(ALL_RULES, LEXICONS, presence_lexicons=PRESENCE_LEXICONS)
    [forms] = tmp_path.glob("guardrails-forms-*.json")
    parsed = []
    real = ruleset_module._all_specs
    monkeypatch.setattr(ruleset_module, "_all_specs", lambda *a: parsed.append(1) or real(*a))
    load_ruleset(ALL_RULES, LEXICONS, presence_lexicons=PRESENCE_LEXICONS)
    assert not parsed  # warm: no pattern parsed to find the cache
    data = json.loads(forms.read_text(encoding="utf-8"))
    for broken in ({**data, "key": "another rule set"}, {"expansions": {}}, "not json"):
        forms.write_text(broken if isinstance(broken, str) else json.dumps(broken), encoding="utf-8")
        again = load_ruleset(ALL_RULES, LEXICONS, presence_lexicons=PRESENCE_LEXICONS)
        assert parsed, "a foreign or broken forms file must be expanded again"
        parsed.clear()
        assert again.prefilter.scan("вам обязательно нужно взять чехол")[1]
        assert json.loads(forms.read_text(encoding="utf-8"))["key"] == data["key"]  # rewritten
