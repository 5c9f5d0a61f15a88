"""What drafting returns: clean drafts, rejected drafts, and notices for the user."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import guardrails

    from coach.offers import Offer, Selection

__all__ = ["Draft", "Rejected", "DraftResult"]


@dataclass
class Draft:
    """A message with no error-level diagnostic.

    `provenance` is ``offline``, ``openai:<model>`` or ``offline-fallback``.
    """

    text: str
    offers: list[Offer]
    provenance: str
    diagnostics: list[guardrails.Diagnostic] = field(default_factory=list)
    retried: bool = False
    """True when the LLM fixed this draft after one re-ask with the diagnostics."""

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "offers": [_offer_dict(o) for o in self.offers],
            "provenance": self.provenance,
            "diagnostics": [d.to_dict() for d in self.diagnostics],
        }


@dataclass
class Rejected:
    """A draft dropped because it still had error-level diagnostics."""

    text: str
    provenance: str
    diagnostics: list[guardrails.Diagnostic]
    reason: str

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "provenance": self.provenance, "reason": self.reason,
                "diagnostics": [d.to_dict() for d in self.diagnostics]}


@dataclass
class DraftResult:
    drafts: list[Draft] = field(default_factory=list)
    rejected: list[Rejected] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    """Russian sentences telling the user about fallbacks and empty selections."""
    selection: Selection | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"drafts": [d.to_dict() for d in self.drafts], "rejected": [r.to_dict() for r in self.rejected],
                "notices": list(self.notices)}


def _offer_dict(offer: Offer) -> dict[str, Any]:
    return {"id": offer.id, "name": offer.name, "price": offer.price, "kind": offer.kind,
            "benefit": offer.benefit, "risk": offer.risk, "extra_cost": offer.extra_cost}
