"""What the drafting screen works on: one customer context, its catalog, the
offer selection and the drafts. Plain Python (no Textual) so that it can be
tested and benchmarked on its own."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

if TYPE_CHECKING:
    from coach.catalog import Catalog
    from coach.customer import CustomerContext
    from coach.offers import Selection
    from coach.settings import Settings

__all__ = ["ExampleContext", "DraftResult", "Generation", "Workspace", "DEFAULT_EXAMPLE"]

DEFAULT_EXAMPLE = "phone-decided-chat"
_CHANNEL_RU = {"chat": "чат", "email": "письмо", "call": "звонок"}


@dataclass(frozen=True)
class ExampleContext:
    path: Path
    title: str
    summary: str


@dataclass
class DraftResult:
    text: str
    offers: list[str] = field(default_factory=list)
    provenance: str = ""

    @property
    def summary(self) -> str:
        first = " ".join(self.text.split())
        head = first if len(first) <= 70 else first[:69] + "…"
        source = f"[{self.provenance}] " if self.provenance else ""
        return source + head


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
        return cls(context, resolve_catalog(context, None), settings)

    @staticmethod
    def examples(examples_dir: Path) -> list[ExampleContext]:
        """The built-in customer contexts; the canonical phone example first."""
        from coach.customer import load_context, resolve_catalog
        from coach.offers import STAGE_RU

        found: list[ExampleContext] = []
        catalogs: dict[Path, Any] = {}
        paths = sorted((examples_dir / "contexts").glob("*.y*ml"), key=lambda p: (p.stem != DEFAULT_EXAMPLE, p.stem))
        for path in paths:
            try:
                context = load_context(path, check_catalog=False)
                catalog_path = context.catalog_path
                if catalog_path is not None and catalog_path not in catalogs:
                    catalogs[catalog_path] = resolve_catalog(context, None)
                catalog = catalogs.get(catalog_path) if catalog_path is not None else None
            except Exception:  # noqa: BLE001 - a broken example is simply not listed
                continue
            base = context.base_product(catalog) if catalog is not None else None
            title = context.customer.name + (f": {base.name}" if base is not None else "")
            parts = [STAGE_RU.get(context.stage, context.stage), _CHANNEL_RU.get(context.channel, context.channel)]
            if context.objection:
                parts.append(f"возражение «{context.objection}»")
            if context.goal:
                parts.append(f"цель: {context.goal}")
            found.append(ExampleContext(path=path, title=title, summary=" · ".join(parts)))
        return found

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
    def generate(self, on_chunk: Callable[[str], None] | None = None, n: int = 3) -> Generation:
        """Drafts for this customer; LLM output is passed to `on_chunk` as it streams."""
        from coach import drafting

        result = drafting.draft(self.context, self.catalog, settings=self.settings, n=n)
        drafts = [DraftResult(text=d.text, offers=list(getattr(d, "offers", []) or []),
                              provenance=str(getattr(d, "provenance", "") or "")) for d in result.drafts]
        return Generation(drafts=drafts, notices=list(getattr(result, "notices", []) or []))

    def save(self, store: Any, text: str, diagnostics: list[Any]) -> None:
        store.save_draft(text=text, context=self.context, diagnostics=diagnostics)
