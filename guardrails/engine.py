"""The linter: runs every enabled rule over one message and its context."""

from __future__ import annotations

import datetime as dt
import re
import threading
from functools import lru_cache
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from guardrails.config import LintConfig
from guardrails.diagnostic import Diagnostic, Severity
from guardrails.rule import Rule
from guardrails.ruleset import RuleSet, load_ruleset
from guardrails.text import Analysed, Token

if TYPE_CHECKING:
    from guardrails.context import MessageContext

__all__ = ["Linter", "lint", "CheckInput", "default_linter", "coerce_context"]

_MONTHS = {
    "января": 1, "февраля": 2, "марта": 3, "апреля": 4, "мая": 5, "июня": 6, "июля": 7, "августа": 8,
    "сентября": 9, "октября": 10, "ноября": 11, "декабря": 12,
}
_DATE_RE = re.compile(r"(?<!\w)до\s+(\d{1,2})(?:\s+(" + "|".join(_MONTHS) + r")|\.(\d{1,2})(?:\.\d{2,4})?)(?!\w)")
_ENDING = r"(?:законч|заканч|истека|истеч|сгор|заверш|действу|последний день)\w*"
_TODAY = r"(?:\bсегодня\b|\bдо конца (?:дня|суток)\b|\bдо полуночи\b)"
_TODAY_END_RE = re.compile(rf"{_ENDING}[^.!?\n]{{0,25}}?{_TODAY}|{_TODAY}[^.!?\n]{{0,25}}?{_ENDING}")
# A phrase quoted in a training note or a review is reported speech, not the message's own claim.
_QUOTE_RE = re.compile(r"«[^»]*»|“[^”]*”|„[^“”]*[“”]|\"[^\"]*\"")
# "Менеджер: «…»" in a call script is the seller's own line, not reported speech.
_SELLER_LINE_RE = re.compile(r"(?:менеджер|продавец|оператор|консультант|мастер)\w*\s*:\s*$")
_REPORTED_RE = re.compile(
    r"(?:клиент|менеджер|продавец|покупатель|оператор)\w*\s*:|сказал|написал|говорит|цитат|пример|разбор|отзыв|"
    r"так\s+(?:не\s+)?(?:говорить|писать|делать)|нельзя"
)
_LESS_THAN = frozenset({"меньше", "менее", "до", "не", "около", "почти"})
_SCARCITY_NOUNS = frozenset(
    "штука штуки штук экземпляр экземпляра экземпляров упаковка упаковки упаковок комплект комплекта комплектов "
    "место места мест размер размера размеров единица единицы единиц пара пары пар товар товара позиция позиции".split()
)


def coerce_context(context: MessageContext | Mapping[str, Any] | None) -> MessageContext | None:
    if context is None:
        return None
    from guardrails.context import MessageContext  # pydantic: only when a context is given

    if isinstance(context, MessageContext):
        return context
    return MessageContext.model_validate(context)


class _Stemmer:
    """Snowball stems with a cache: product names are matched by stem, so
    "пледа", "пледов" and "Плед" are the same item."""

    def __init__(self) -> None:
        self._cache: dict[str, str] = {}
        self._impl: Any = None

    def __call__(self, word: str) -> str:
        s = self._cache.get(word)
        if s is None:
            if self._impl is None:
                import snowballstemmer

                self._impl = snowballstemmer.stemmer("russian")
            s = self._impl.stemWord(word)
            if len(self._cache) < 200_000:
                self._cache[word] = s
        return s


_STEM = _Stemmer()
_WORD_RE = re.compile(r"\w+")
_STOP = frozenset("для с и в на к по из от до без под над при про за о об".split())


_VOWELS_RU = frozenset("аеиоуыэюяь")


def _fleeting(stem: str) -> str:
    """The stem without a fleeting vowel: "чехол" -> "чехл" (чехла), "ремен" -> "ремн" (ремня)."""
    if len(stem) >= 4 and stem[-2] in "оеь" and stem[-1] not in _VOWELS_RU and stem[-3] not in _VOWELS_RU:
        return stem[:-2] + stem[-1]
    return stem


def stems_match(a: str, b: str) -> bool:
    return a == b or _fleeting(a) == b or a == _fleeting(b)


@lru_cache(maxsize=4096)
def _head_re(stem: str) -> re.Pattern[str]:
    """Words that start with `stem` or its fleeting-vowel form (a Snowball stem
    is a prefix of its word forms)."""
    alts = sorted({re.escape(stem), re.escape(_fleeting(stem))}, key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(alts) + r")\w*")


@lru_cache(maxsize=4096)
def _name_stems(name: str) -> list[str]:
    words = _WORD_RE.findall(name.lower().replace("ё", "е"))
    return [_STEM(w) for w in words if w not in _STOP and not w.isdigit()]


class CheckInput:
    """What a rule's `check` sees: the analysed text, the context, helpers."""

    __slots__ = ("analysed", "context", "config", "ruleset", "placeholder_names", "_stems")

    def __init__(self, analysed: Analysed, context: MessageContext | None, config: LintConfig, ruleset: RuleSet,
                 placeholder_names: frozenset[str]) -> None:
        self.analysed = analysed
        self.context = context
        self.config = config
        self.ruleset = ruleset
        self.placeholder_names = placeholder_names
        self._stems: list[str] | None = None

    @property
    def text(self) -> str:
        return self.analysed.text

    @property
    def tokens(self) -> list[Token]:
        return self.analysed.tokens

    def diagnostic(self, rule: Rule, start: int, end: int, *, message: str | None = None,
                   severity: Severity | None = None) -> Diagnostic:
        return Diagnostic(rule.code, rule.name, severity or rule.severity, message or rule.message, start, end, rule.fix)

    def has_lexicon(self, name: str) -> bool:
        lex = self.ruleset.lexicons[name]
        words = self.analysed.words
        if not lex.forms.isdisjoint(words):
            return True
        return bool(lex.prefixes) and any(w.startswith(lex.prefixes) for w in words)

    def stems(self) -> list[str]:
        if self._stems is None:
            self._stems = [_STEM(t.text) for t in self.tokens]
        return self._stems

    def content_words(self) -> int:
        """Words that could carry a reason: not filler, not an offer's or the base's
        own name, not a number, not a proper name inside a sentence."""
        filler = self.ruleset.lexicons["filler"]
        names: set[str] = set()
        ctx = self.context
        if ctx is not None:
            for o in ctx.offers:
                names.update(_name_stems(o.name))
            if ctx.base is not None:
                names.update(_name_stems(ctx.base.name))
        text = self.text
        n = 0
        prev_sentence = -1
        for tok, stem in zip(self.tokens, self.stems()):
            first_in_sentence = tok.sentence != prev_sentence
            prev_sentence = tok.sentence
            w = tok.text
            if len(w) < 3 or not w.isalpha() or w.isascii() or filler.matches(w) or stem in names or w in _STOP:
                continue
            if text[tok.start].isupper() and not first_in_sentence:
                continue
            n += 1
        return n

    def find_item(self, name: str) -> tuple[int, int] | None:
        """Span of the first mention of the item `name`, by the stem of one of its
        words ("Экспресс-педикюр" is mentioned as "педикюр")."""
        norm = self.analysed.norm
        for stem in _name_stems(name):
            if len(stem) < 3:
                continue
            for m in _head_re(stem).finditer(norm):
                if stems_match(_STEM(m.group()), stem):
                    return m.span()
        return None

    def offer_span(self, name: str) -> tuple[int, int]:
        return self.find_item(name) or (0, len(self.text))

    def first_offer_span(self) -> tuple[int, int] | None:
        spans = [s for o in (self.context.offers if self.context else []) if (s := self.find_item(o.name))]
        return min(spans) if spans else None

    @staticmethod
    def same_item(a: str, b: str) -> bool:
        sa, sb = _name_stems(a), _name_stems(b)
        if not sa or not sb:
            return a.strip().lower() == b.strip().lower()
        short, long_ = (sa, sb) if len(sa) <= len(sb) else (sb, sa)
        return all(any(stems_match(x, y) for y in long_) for x in short)


_DENIAL_RE = re.compile(r"[^.!?…]*\?\s*нет\b")


def _denied(norm: str, d: Diagnostic) -> bool:
    """"Последний шанс? Нет, …": a phrase asked and denied is not a claim."""
    return d.rule[:2] in ("PR", "UR") and _DENIAL_RE.match(norm, d.end) is not None


class Linter:
    """A rule set plus a configuration.  Thread-safe; reuse one instance."""

    def __init__(self, config: LintConfig | None = None, *, ruleset: RuleSet | None = None) -> None:
        self.config = config or LintConfig()
        self.ruleset = ruleset or _default_ruleset()
        self._enabled = {r.code: self.config.enabled(r.code) for r in self.ruleset.rules}
        checks = [r for r in self.ruleset.check_rules if self._enabled.get(r.code, True)]
        self._checks_plain = [r for r in checks if not r.needs_context]
        self._checks_all = checks

    def with_config(self, config: LintConfig) -> Linter:
        return Linter(config, ruleset=self.ruleset)

    def lint(self, text: str, context: MessageContext | Mapping[str, Any] | None = None, *,
             placeholder_names: frozenset[str] = frozenset()) -> list[Diagnostic]:
        """Diagnostics for one message, sorted by position.

        `context` is a contract-1 context (dict or MessageContext); a dict that
        does not validate raises pydantic's ValidationError.
        """
        ctx = coerce_context(context)
        analysed = Analysed(text)
        rs = self.ruleset
        enabled = self._enabled
        out: list[Diagnostic] = []
        words = analysed.words
        cands = rs.candidates(words, analysed.joined)
        if cands:
            for ri in sorted(cands):
                cr = rs.compiled[ri]
                rule = cr.rule
                if not enabled.get(rule.code, True) and rule.backed_by != "stock":
                    continue
                matches: list[tuple[int, int]] = []
                for pi in cands[ri]:
                    pattern = cr.patterns[pi]
                    if not pattern.possible(words):
                        continue
                    for m in pattern.rx.finditer(analysed.joined):
                        a, b = m.span()
                        if b > a and not any(x < b and a < y for x, y in matches):
                            matches.append((a, b))
                if not matches:
                    continue
                matches.sort()
                joined = analysed.joined
                blocked = [m.span() for u in cr.unless if u.possible(words) for m in u.rx.finditer(joined)] if cr.unless else []
                spans = analysed.spans
                for a, b in matches:
                    if blocked and any(ua < b and a < ub for ua, ub in blocked):
                        continue
                    i, j = analysed.token_span(a, b)
                    out.append(Diagnostic(rule.code, rule.name, rule.severity, rule.message,
                                          spans[i][0], spans[j][1], rule.fix, {"tokens": (i, j)}))
        inp = CheckInput(analysed, ctx, self.config, rs, placeholder_names)
        for rule in (self._checks_plain if ctx is None else self._checks_all):
            found = rule.check(inp, rule)  # type: ignore[misc]
            if found:
                out.extend(found)
        if out:
            out = [d for d in out if not _denied(analysed.norm, d)]
            if ("«" in text or "\"" in text or "“" in text or "„" in text) and _REPORTED_RE.search(analysed.norm):
                quotes = [m.span() for m in _QUOTE_RE.finditer(text)
                          if not _SELLER_LINE_RE.search(analysed.norm, 0, m.start())]
                out = [d for d in out if not (d.rule[:2] in ("PR", "UR", "TN", "CM")
                                              and any(a <= d.start and d.end <= b for a, b in quotes))]
            out = self._apply_backing(out, inp)
        if ctx is not None and ctx.facts is not None and ctx.facts.deadline is not None:
            out.extend(self._deadline_mismatch(inp))
        if not out:
            return out
        result = []
        for d in out:
            if not enabled.get(d.rule, True):
                continue
            override = self.config.severity.get(d.rule)
            if override is not None:
                d.severity = override
            d.extra.pop("tokens", None)
            result.append(d)
        result.sort(key=lambda d: (d.start, d.end, d.rule))
        return result

    def _apply_backing(self, diags: list[Diagnostic], inp: CheckInput) -> list[Diagnostic]:
        """Urgency is allowed when facts.deadline backs it; scarcity when facts.stock does."""
        ctx = inp.context
        facts = ctx.facts if ctx is not None else None
        out = []
        for d in diags:
            backed_by = _BACKING.get(d.rule)
            if backed_by == "deadline":
                if facts is not None and facts.deadline is not None:
                    continue
            elif backed_by == "stock":
                verdict = self._stock_verdict(d, inp)
                if verdict is None:
                    continue
                d = verdict
            out.append(d)
        return out

    def _stock_verdict(self, d: Diagnostic, inp: CheckInput) -> Diagnostic | None:
        """None when the scarcity claim is not one (a time span) or is backed by facts."""
        i, j = d.extra.get("tokens", (None, None))  # type: ignore[misc]
        tokens = inp.tokens
        number: int | None = None
        noun: Token | None = None
        less = False
        if i is not None:
            for k in range(i, min(j + 2, len(tokens))):
                tok = tokens[k]
                if tok.sentence != tokens[i].sentence:
                    break
                if tok.is_number and number is None:
                    number = tok.number_value()
                    less = k > 0 and tokens[k - 1].text in _LESS_THAN
                    nxt = k + 1
                    while nxt < len(tokens) and tokens[nxt].text in ("всего", "только", "лишь"):
                        nxt += 1
                    if nxt < len(tokens) and tokens[nxt].sentence == tok.sentence:
                        noun = tokens[nxt]
                    break
        facts = inp.context.facts if inp.context is not None else None
        stock = facts.stock if facts is not None else {}
        last = next((k for k in range(i, j + 1) if tokens[k].text.startswith("последн")), None) if i is not None else None
        if number is None and last is not None:
            # "(осталась) последняя сумка": a claim of one item left, when the noun is goods.
            i = last
            noun = tokens[i + 1] if i + 1 < len(tokens) else None
            # "остался последний диван", "на складе последний диван"
            after_left = i > 0 and tokens[i - 1].text.startswith(("оста", "складе", "наличии"))
            if noun is None or not (after_left or self._is_goods(noun, inp, stock)):
                return None
            number = 1
        if noun is not None and (noun.text.isdigit() or inp.ruleset.lexicons["not_stock"].matches(noun.text)):
            return None  # "осталось 2 дня", "осталось 3 занятия", "осталось оплатить 2 000" are not stock
        if not stock:
            return d if self._enabled.get(d.rule, True) else None
        key = None
        if noun is not None:
            key = next((k for k in stock if inp.same_item(k, noun.text)), None)
        if key is None:
            # "Этого тоника осталось 2 флакона": the item is named elsewhere in the sentence
            sentence = [t.text for t in tokens if t.sentence == tokens[i].sentence] if i is not None else []
            key = next((k for k in stock if any(inp.same_item(k, w) for w in sentence)), None)
        if key is None and len(stock) == 1 and (noun is None or noun.text in _SCARCITY_NOUNS):
            key = next(iter(stock))  # "осталось 3 штуки" with one stock fact
        if key is None:
            return d if self._enabled.get(d.rule, True) else None
        actual = stock[key]
        if number is None or (actual <= number if less else actual == number):
            return None
        rule = _CX008
        msg = f"В тексте остаток {number}, а по данным о наличии «{key}» — {actual}. Пишите реальный остаток или не упоминайте его."
        return Diagnostic(rule.code, rule.name, rule.severity, msg, d.start, d.end, rule.fix)

    @staticmethod
    def _is_goods(noun: Token, inp: CheckInput, stock: Mapping[str, int]) -> bool:
        if noun.text in _SCARCITY_NOUNS:
            return True
        ctx = inp.context
        names = list(stock)
        if ctx is not None:
            names += [o.name for o in ctx.offers]
            if ctx.base is not None:
                names.append(ctx.base.name)
        return any(inp.same_item(n, noun.text) for n in names)

    def _deadline_mismatch(self, inp: CheckInput) -> list[Diagnostic]:
        deadline = inp.context.facts.deadline  # type: ignore[union-attr]
        out = []
        if deadline != dt.date.today():
            for m in _TODAY_END_RE.finditer(inp.analysed.norm):  # "закончится сегодня" but the deadline is another day
                msg = _CX009.message.format(deadline=deadline.strftime("%d.%m.%Y"))
                out.append(Diagnostic(_CX009.code, _CX009.name, _CX009.severity, msg, m.start(), m.end(), _CX009.fix))
        for m in _DATE_RE.finditer(inp.analysed.norm):
            day = int(m.group(1))
            month = _MONTHS[m.group(2)] if m.group(2) else int(m.group(3))
            if (day, month) != (deadline.day, deadline.month):
                msg = _CX009.message.format(deadline=deadline.strftime("%d.%m.%Y"))
                out.append(Diagnostic(_CX009.code, _CX009.name, _CX009.severity, msg, m.start(), m.end(), _CX009.fix))
        return out


from guardrails.rules import ALL_RULES, BY_CODE, LEXICONS  # noqa: E402  (rules import CheckInput for typing only)

_BACKING = {r.code: r.backed_by for r in ALL_RULES if r.backed_by}
_CX008 = BY_CODE["CX008"]
_CX009 = BY_CODE["CX009"]
_LOCK = threading.Lock()
_DEFAULT_RULESET: RuleSet | None = None
_DEFAULT_LINTER: Linter | None = None


def _default_ruleset() -> RuleSet:
    global _DEFAULT_RULESET
    with _LOCK:
        if _DEFAULT_RULESET is None:
            _DEFAULT_RULESET = load_ruleset(ALL_RULES, LEXICONS)
        return _DEFAULT_RULESET


def default_linter() -> Linter:
    global _DEFAULT_LINTER
    if _DEFAULT_LINTER is None:
        _DEFAULT_LINTER = Linter()
    return _DEFAULT_LINTER


def lint(text: str, context: MessageContext | Mapping[str, Any] | None = None, *,
         config: LintConfig | None = None) -> list[Diagnostic]:
    """Lint one message with the default rules.  See :meth:`Linter.lint`."""
    linter = default_linter() if config is None else default_linter().with_config(config)
    return linter.lint(text, context)
