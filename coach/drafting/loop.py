"""The guardrail loop: draft, lint in context, re-ask once, fall back offline.

- Offline drafts are realised from templates and linted like any other.
- An LLM draft with an error-level diagnostic is re-asked once with the
  diagnostics; if it still fails it is dropped and reported in ``rejected``.
- If the endpoint fails (timeout, 429, 5xx, malformed or empty output), or no
  LLM draft survives, the offline provider answers (``offline-fallback``) and a
  Russian notice says why.
- A returned draft never carries an error-level diagnostic.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import guardrails

from coach.catalog import Catalog, Stage
from coach.customer import CustomerContext, resolve_catalog
from coach.drafting.bridge import message_context
from coach.drafting.models import Draft, DraftResult, Rejected
from coach.drafting.offline import realise
from coach.drafting.prompting import build_messages, clean_reply, prompt_data, retry_messages
from coach.errors import ConfigError, ProviderError
from coach.offers import Offer, Selection, select_offers
from coach.settings import Settings, load_settings

if TYPE_CHECKING:
    from coach.llm import ChatModel

__all__ = ["draft", "stream_draft", "DraftStream", "lint_draft", "has_errors", "resolve_provider"]


Notice = Callable[[str], None]

OFFLINE = "offline"
FALLBACK = "offline-fallback"
_MAX_VARIANT_TRIES = 6


def has_errors(diagnostics: list[guardrails.Diagnostic]) -> bool:
    return any(d.severity is guardrails.Severity.ERROR for d in diagnostics)


def lint_draft(text: str, mctx: guardrails.MessageContext) -> list[guardrails.Diagnostic]:
    return guardrails.lint(text, context=mctx)


@dataclass
class _Job:
    """Everything one drafting call needs, prepared once."""

    context: CustomerContext
    catalog: Catalog
    selection: Selection
    offers: list[Offer]
    mctx: guardrails.MessageContext
    touch: str | None
    result: DraftResult
    on_notice: Notice | None

    def notice(self, text: str) -> None:
        self.result.notices.append(text)
        if self.on_notice is not None:
            self.on_notice(text)

    def accept(self, text: str, provenance: str, diags: list[guardrails.Diagnostic], retried: bool = False) -> Draft:
        d = Draft(text=text, offers=list(self.offers), provenance=provenance, diagnostics=diags, retried=retried)
        self.result.drafts.append(d)
        return d

    def reject(self, text: str, provenance: str, diags: list[guardrails.Diagnostic], reason: str) -> None:
        self.result.rejected.append(Rejected(text=text, provenance=provenance, diagnostics=diags, reason=reason))


def _prepare(context: CustomerContext, catalog: Catalog | str | Path | None, *, max_offers: int,
             touch: str | None, stage: Stage | None, on_notice: Notice | None, offer_rank: int = 0) -> _Job:
    cat = resolve_catalog(context, catalog)
    if stage is not None and stage != context.stage:
        context = context.model_copy(update={"stage": stage})
    selection = select_offers(cat, context, max_offers=max_offers)
    offers = list(selection.offers)
    if context.channel == "call" or context.intent != "offer" or touch is not None:
        # a call script, an objection answer or a touch carries one offer
        offers = offers[offer_rank:offer_rank + 1] if offer_rank < len(offers) else offers[:1]
    if touch == "thanks":
        offers = []
    result = DraftResult(selection=selection)
    mctx = message_context(context, cat, selection, offers)
    return _Job(context, cat, selection, offers, mctx, touch, result, on_notice)


def _nothing_to_offer(job: _Job) -> bool:
    """True when no message should be drafted; explains why in a notice."""
    if job.offers or job.touch == "thanks":
        return False
    if job.selection.base is not None and any(r.now for r in job.context.refused) \
            and job.context.stage != "choosing":
        return False  # the move-to-order message after a refusal in this dialogue
    reasons = list(job.selection.notes)
    if not reasons:
        reasons = ["ни одна связка из матрицы не прошла отбор (coach offers --explain покажет почему)"]
    job.notice("Предложить нечего: " + "; ".join(reasons) + ".")
    return True


def resolve_provider(provider: Any, settings: Settings) -> ChatModel | None:
    if provider is None:
        provider = settings.provider
    if isinstance(provider, str):
        if provider == OFFLINE:
            return None
        if provider == "openai":
            from coach.llm import get_chat_model

            return get_chat_model(settings)
        raise ConfigError(f"неизвестный провайдер {provider!r}: допустимо offline или openai")
    return provider  # a ready ChatModel (tests, TUI, batch share one)


def _offline(job: _Job, n: int, provenance: str) -> None:
    """Add up to `n` distinct offline drafts (variants differ in phrasing)."""
    seen = {d.text for d in job.result.drafts}
    made = 0
    for variant in range(n * _MAX_VARIANT_TRIES):
        if made >= n:
            break
        text = realise(job.context, job.catalog, job.selection, job.offers, variant=variant, touch=job.touch)
        if text in seen:
            continue
        seen.add(text)
        diags = lint_draft(text, job.mctx)
        if has_errors(diags):
            job.reject(text, provenance, diags, "офлайн-шаблон нарушил правила: " + _codes(diags))
            continue
        job.accept(text, provenance, diags)
        made += 1


def _codes(diags: list[guardrails.Diagnostic]) -> str:
    return ", ".join(sorted({d.rule for d in diags if d.severity is guardrails.Severity.ERROR}))


def _llm_one(job: _Job, chat: ChatModel, variant: int) -> None:
    """One LLM draft through the loop; raises ProviderError when the endpoint fails."""
    data = prompt_data(job.context, job.catalog, job.selection, job.offers, job.mctx, touch=job.touch)
    messages = build_messages(data, variant=variant)
    text = _clean(chat.complete(messages))
    diags = lint_draft(text, job.mctx)
    if not has_errors(diags):
        job.accept(text, chat.name, diags)
        return
    first_codes = _codes(diags)
    job.notice(f"Черновик модели нарушил правила ({first_codes}) — модель попросили исправить.")
    fixed = _clean(chat.complete(retry_messages(messages, text, diags)))
    fixed_diags = lint_draft(fixed, job.mctx)
    if not has_errors(fixed_diags):
        job.accept(fixed, chat.name, fixed_diags, retried=True)
        return
    job.reject(fixed, chat.name, fixed_diags,
               f"и после повторного запроса нарушает правила ({_codes(fixed_diags)}; сначала: {first_codes})")
    job.notice(f"Черновик модели отброшен: после исправления всё ещё нарушает правила ({_codes(fixed_diags)}).")


def _clean(text: str) -> str:
    out = clean_reply(text)
    if not out:
        raise ProviderError("модель вернула пустой ответ")
    return out


def draft(context: CustomerContext, catalog: Catalog | str | Path | None = None, *,
          settings: Settings | None = None, provider: Any = None, n: int = 1, on_notice: Notice | None = None,
          max_offers: int = 2, touch: str | None = None, stage: Stage | None = None,
          offer_rank: int = 0) -> DraftResult:
    """Draft `n` messages for `context`; see the module docstring for the loop.

    `touch` (thanks / related / case / personal) drafts one touch of a follow-up
    sequence; `offer_rank` picks which of the selected offers a one-offer
    message (call, objection, touch) carries.
    """
    if n < 1:
        raise ConfigError("--n должно быть не меньше 1")
    settings = settings or load_settings()
    job = _prepare(context, catalog, max_offers=max_offers, touch=touch, stage=stage, on_notice=on_notice,
                   offer_rank=offer_rank)
    if _nothing_to_offer(job):
        return job.result
    chat = resolve_provider(provider, settings)
    if chat is None or not job.offers:
        if chat is not None:
            job.notice("Для этого сообщения предложений нет — текст подготовлен по офлайн-шаблону.")
        _offline(job, n, OFFLINE)
        return job.result
    try:
        for variant in range(n):
            _llm_one(job, chat, variant)
    except ProviderError as exc:
        job.notice(f"Модель недоступна: {exc.reason}. Черновик подготовлен офлайн.")
        _offline(job, n - len(job.result.drafts), FALLBACK)
        return job.result
    if not job.result.drafts:
        job.notice("Ни один черновик модели не прошёл проверку — показан офлайн-вариант.")
        _offline(job, n, FALLBACK)
    return job.result


class DraftStream:
    """A sync iterator of text chunks for the TUI; the linted outcome is in `result`.

    LLM drafts stream as they arrive. If the text shown so far is discarded (a
    re-ask after a guardrail failure, or an offline fallback), `on_reset` is
    called first so the UI can clear it. Offline drafts arrive as one chunk.
    """

    def __init__(self, job: _Job, chat: ChatModel | None, on_reset: Callable[[], None] | None) -> None:
        self._job = job
        self._chat = chat
        self._on_reset = on_reset
        self._shown = False
        self._last = ""
        self._gen: Iterator[str] | None = None
        self.result = job.result

    def __iter__(self) -> DraftStream:
        return self

    def __next__(self) -> str:
        if self._gen is None:
            self._gen = self._run()
        return next(self._gen)

    def _reset(self) -> None:
        if self._shown and self._on_reset is not None:
            self._on_reset()
        self._shown = False

    def _emit_offline(self, provenance: str) -> Iterator[str]:
        before = len(self._job.result.drafts)
        _offline(self._job, 1, provenance)
        if len(self._job.result.drafts) > before:
            self._reset()
            self._shown = True
            yield self._job.result.drafts[-1].text

    def _stream_once(self, messages: list[Any]) -> Iterator[str]:
        assert self._chat is not None
        pieces: list[str] = []
        for piece in self._chat.stream(messages):
            pieces.append(piece)
            self._shown = True
            yield piece
        self._last = _clean("".join(pieces))

    def _run(self) -> Iterator[str]:
        job = self._job
        if _nothing_to_offer(job):
            return
        if self._chat is None or not job.offers:
            yield from self._emit_offline(OFFLINE)
            return
        chat = self._chat
        try:
            data = prompt_data(job.context, job.catalog, job.selection, job.offers, job.mctx, touch=job.touch)
            messages = build_messages(data)
            yield from self._stream_once(messages)
            text = self._last
            diags = lint_draft(text, job.mctx)
            if not has_errors(diags):
                job.accept(text, chat.name, diags)
                return
            first = _codes(diags)
            job.notice(f"Черновик модели нарушил правила ({first}) — модель попросили исправить.")
            self._reset()
            yield from self._stream_once(retry_messages(messages, text, diags))
            fixed = self._last
            fixed_diags = lint_draft(fixed, job.mctx)
            if not has_errors(fixed_diags):
                job.accept(fixed, chat.name, fixed_diags, retried=True)
                return
            job.reject(fixed, chat.name, fixed_diags,
                       f"и после повторного запроса нарушает правила ({_codes(fixed_diags)}; сначала: {first})")
            job.notice("Ни один черновик модели не прошёл проверку — показан офлайн-вариант.")
        except ProviderError as exc:
            job.notice(f"Модель недоступна: {exc.reason}. Черновик подготовлен офлайн.")
        yield from self._emit_offline(FALLBACK)


def stream_draft(context: CustomerContext, catalog: Catalog | str | Path | None = None, *,
                 settings: Settings | None = None, provider: Any = None, on_notice: Notice | None = None,
                 on_reset: Callable[[], None] | None = None, max_offers: int = 2) -> DraftStream:
    """Stream one draft: iterate for text chunks, then read `.result` (linted like `draft`)."""
    settings = settings or load_settings()
    job = _prepare(context, catalog, max_offers=max_offers, touch=None, stage=None, on_notice=on_notice)
    return DraftStream(job, resolve_provider(provider, settings), on_reset)
