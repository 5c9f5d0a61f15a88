"""What the drafting screen works on: one customer context, its catalog, the
offer selection and the drafts. Plain Python (no Textual) so that it can be
tested and benchmarked on its own."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

if TYPE_CHECKING:
    from coach.catalog import Catalog
    from coach.customer import CustomerContext
    from coach.offers import Selection
    from coach.settings import Settings

__all__ = ["ExampleContext", "DraftResult", "Generation", "Workspace", "DEFAULT_EXAMPLE", "distinct_from"]

DEFAULT_EXAMPLE = "phone-decided-chat"
_CHANNEL_RU = {"chat": "чат", "email": "письмо", "call": "звонок"}


@dataclass(frozen=True)
class ExampleContext:
    path: Path
    title: str
    summary: str


@dataclass
class DraftResult:
    """One variant shown in the list; `text` follows the user's edits, `original` does not."""

    text: str
    offers: list[str] = field(default_factory=list)
    provenance: str = ""
    original: str = ""

    def __post_init__(self) -> None:
        self.original = self.original or self.text

    def label(self, skip: int = 0, width: int = 90) -> str:
        """A one-line label: provenance and the text from character `skip` (where variants differ)."""
        flat = " ".join(self.original.split())
        body = flat[skip:] if 0 < skip < len(flat) else flat
        if skip and body is not flat:
            body = "…" + body
        if len(body) > width:
            body = body[: width - 1] + "…"
        return (f"[{self.provenance}] " if self.provenance else "") + body


def distinct_from(texts: list[str]) -> int:
    """Where the texts start to differ, at a word boundary (0 for a single text)."""
    flats = [" ".join(t.split()) for t in texts]
    if len(flats) < 2:
        return 0
    prefix = flats[0]
    for other in flats[1:]:
        i = 0
        while i < min(len(prefix), len(other)) and prefix[i] == other[i]:
            i += 1
        prefix = prefix[:i]
    cut = prefix.rfind(" ")
    return max(cut + 1, 0) if cut > 0 else 0


@dataclass
class Generation:
    drafts: list[DraftResult]
    notices: list[str]


class Workspace:
    def __init__(self, context: CustomerContext, catalog: Catalog, settings: Settings) -> None:
        from coach.offers import select_offers

        self.context = context
        self.catalog = catalog
        self.settings = settings
        self.selection: Selection = select_offers(catalog, context)

    # -- opening -------------------------------------------------------------------------------
    @classmethod
    def open(cls, source: Path | CustomerContext, settings: Settings, examples_dir: Path) -> Workspace:
        """Load a context file (or take a context built by the form) and its catalog."""
        from coach.customer import load_context, resolve_catalog

        context = load_context(source) if isinstance(source, (str, Path)) else source
        path = context.catalog_path
        catalog = cached_catalog(path) if path is not None and path.is_file() else resolve_catalog(context, None)
        return cls(context, catalog, settings)

    @staticmethod
    def examples(examples_dir: Path) -> list[ExampleContext]:
        """The built-in customer contexts; the canonical phone example first."""
        paths = sorted((examples_dir / "contexts").glob("*.y*ml"), key=lambda p: (p.stem != DEFAULT_EXAMPLE, p.stem))
        found = [_example(path, path.stat().st_mtime_ns) for path in paths]
        return [example for example in found if example is not None]

    # -- views ---------------------------------------------------------------------------------
    @property
    def title(self) -> str:
        base = self.selection.base
        return f"{self.context.customer.name}" + (f" · {base.name}" if base is not None else "")

    @property
    def currency(self) -> str:
        return self.catalog.currency

    @property
    def selection_has_offers(self) -> bool:
        return bool(self.selection.chosen)

    @property
    def lint_context(self) -> Any:
        """The guardrails' MessageContext for this customer and the chosen offers."""
        from coach.drafting import message_context

        return message_context(self.context, self.catalog, self.selection)

    # -- drafting ------------------------------------------------------------------------------
    @property
    def streams(self) -> bool:
        """An LLM provider streams one draft; the offline one returns several at once."""
        return self.settings.provider != "offline"

    def generate(self, on_chunk: Callable[[str], None] | None = None,
                 on_reset: Callable[[], None] | None = None, n: int = 3) -> Generation:
        """Drafts for this customer, each linted in context; failing ones are dropped.

        With an LLM provider the draft streams through `on_chunk` (`on_reset`
        clears what was shown when the model is re-asked or falls back).
        """
        from coach import drafting

        if self.streams:
            stream = drafting.stream_draft(self.context, self.catalog, settings=self.settings, on_reset=on_reset)
            for chunk in stream:
                if on_chunk is not None:
                    on_chunk(chunk)
            result = stream.result
        else:
            result = drafting.draft(self.context, self.catalog, settings=self.settings, n=n)
        drafts = [DraftResult(text=d.text, offers=[o.name for o in d.offers], provenance=_provenance_ru(d.provenance))
                  for d in result.drafts]
        return Generation(drafts=drafts, notices=list(result.notices))

    def save(self, store: Any, text: str, diagnostics: list[Any], provenance: str = "") -> int:
        """Keep the message in the history database; returns its id."""
        return int(store.save_draft(text, context_summary=self.summary, provenance=provenance,
                                    diagnostics=diagnostics))

    @property
    def summary(self) -> str:
        """One line naming the customer, the purchase, the stage and the channel."""
        from coach.offers import STAGE_RU

        parts = [self.title, STAGE_RU.get(self.context.stage, self.context.stage),
                 _CHANNEL_RU.get(self.context.channel, self.context.channel)]
        if self.context.source is not None:
            parts.append(Path(self.context.source).name)
        return " · ".join(parts)


@lru_cache(maxsize=256)
def _example(path: Path, _mtime_ns: int) -> ExampleContext | None:
    """One example's title and summary (cached while the file is unchanged)."""
    from coach.customer import load_context
    from coach.offers import STAGE_RU

    try:
        context = load_context(path, check_catalog=False)
        catalog_path = context.catalog_path
        catalog = cached_catalog(catalog_path) if catalog_path is not None else None
    except Exception:  # noqa: BLE001 - a broken example is simply not listed
        return None
    base = context.base_product(catalog) if catalog is not None else None
    title = context.customer.name + (f": {base.name}" if base is not None else "")
    parts = [STAGE_RU.get(context.stage, context.stage), _CHANNEL_RU.get(context.channel, context.channel)]
    if context.objection:
        parts.append(f"возражение «{context.objection}»")
    if context.goal:
        parts.append(f"цель: {context.goal}")
    return ExampleContext(path=path, title=title, summary=" · ".join(parts))


def cached_catalog(path: Path) -> Any:
    """`coach.catalog.load_catalog`, cached while the file is unchanged (InputError propagates)."""
    resolved = path.resolve()
    return _catalog(resolved, resolved.stat().st_mtime_ns)


@lru_cache(maxsize=32)
def _catalog(path: Path, _mtime_ns: int) -> Any:
    from coach.catalog import load_catalog

    return load_catalog(path)


def _provenance_ru(provenance: str) -> str:
    if provenance == "offline":
        return "офлайн"
    if provenance == "offline-fallback":
        return "офлайн, запасной"
    return provenance.removeprefix("openai:")
