"""The offer matrix a script library may name (`catalog: ../catalog.yaml`, contract 3).

The linter reads only what its rules need, leniently, so it stays independent
of the drafting layer's richer catalog model: `products` (id, name, category,
price, stock) and `offers` pairs (base or base_category → plus, kind).  With
it, a script's context may name its base and offers by name only: price,
kind and stock come from the catalog, and an offer that is not a pair of the
matrix is reported (CX010).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


__all__ = ["MatrixCatalog", "CatalogError", "load_matrix", "matrix_diagnostics"]


class CatalogError(Exception):
    """The catalog cannot be read; the message names the file (and line)."""


@dataclass
class MatrixCatalog:
    path: str
    products: dict[str, dict[str, Any]] = field(default_factory=dict)  # by lower-cased name and by id
    pairs: list[dict[str, Any]] = field(default_factory=list)
    problems: list[Any] = field(default_factory=list)
    """InputProblems for values that were dropped (a price that is not a number, …)."""

    def product(self, name_or_id: str) -> dict[str, Any] | None:
        return self.products.get(name_or_id.strip().lower())

    def unpaired(self, base: dict[str, Any], offer_names: list[str]) -> list[str]:
        """The offers that are not a pair of the matrix for `base` (unknown items included)."""
        out = []
        for name in offer_names:
            item = self.product(name)
            if item is None or not self.is_pair(base, item):
                out.append(name)
        return out

    def is_pair(self, base: dict[str, Any], plus: dict[str, Any]) -> bool:
        for pair in self.pairs:
            if pair.get("plus") != plus.get("id"):
                continue
            if pair.get("base") == base.get("id") or (
                pair.get("base_category") is not None and pair.get("base_category") == base.get("category")
            ):
                return True
        return False


_KINDS = ("cross-sell", "upsell")


def load_matrix(path: Path) -> MatrixCatalog:
    """The catalog's products and pairs.  A value of the wrong type is dropped
    and reported (`problems`, with its line) so the rest of the catalog still works."""
    from guardrails.sources.errors import describe_os_error
    from guardrails.sources.yamlpos import YamlProblem, load_yaml

    try:
        doc = load_yaml(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise CatalogError(f"{path}: каталог не найден") from None
    except IsADirectoryError:
        raise CatalogError(f"{path}: это каталог файловой системы, а нужен YAML-файл каталога") from None
    except OSError as exc:
        raise CatalogError(f"{path}: каталог не прочитан ({describe_os_error(exc)})") from None
    except UnicodeDecodeError:
        raise CatalogError(f"{path}: каталог не в UTF-8") from None
    except YamlProblem as exc:
        where = f"{path}:{exc.line}" if exc.line else str(path)
        raise CatalogError(f"{where}: ошибка YAML в каталоге: {exc.message}") from None
    data = doc.data
    if not isinstance(data, dict) or not isinstance(data.get("products"), list):
        raise CatalogError(f"{path}: в каталоге нет списка products")
    cat = MatrixCatalog(str(path))
    nodes = _Nodes(doc.node)
    for i, p in enumerate(data["products"]):
        if isinstance(p, dict) and isinstance(p.get("name"), str):
            item = {k: p.get(k) for k in ("id", "name", "category", "price", "stock")}
            for key, problem in _product_problems(item):
                item[key] = None
                cat.problems.append(_problem(path, f"products.{i}.{key}: {problem}", nodes.line("products", i, key)))
            cat.products[p["name"].strip().lower()] = item
            if isinstance(p.get("id"), str):
                cat.products[p["id"].strip().lower()] = item
    offers = data.get("offers") or []
    for i, o in enumerate(offers if isinstance(offers, list) else []):
        if isinstance(o, dict) and o.get("plus"):
            pair = {k: o.get(k) for k in ("base", "base_category", "plus", "kind")}
            if pair["kind"] is not None and pair["kind"] not in _KINDS:
                cat.problems.append(_problem(path, f"offers.{i}.kind: недопустимое значение {pair['kind']!r}, "
                                                   f"ожидается одно из: {', '.join(_KINDS)}", nodes.line("offers", i, "kind")))
                pair["kind"] = None
            cat.pairs.append(pair)
    return cat


def _product_problems(item: dict[str, Any]) -> list[tuple[str, str]]:
    out = []
    price, stock = item.get("price"), item.get("stock")
    if price is not None and (isinstance(price, bool) or not isinstance(price, (int, float)) or not 0 <= price < float("inf")):
        out.append(("price", f"цена должна быть неотрицательным числом, а не {price!r} (цена из каталога не используется)"))
    if stock is not None and (isinstance(stock, bool) or not isinstance(stock, int) or stock < 0):
        out.append(("stock", f"остаток должен быть целым числом не меньше 0, а не {stock!r} (остаток из каталога не используется)"))
    return out


def _problem(path: Path, message: str, line: int | None) -> Any:
    from guardrails.sources.model import InputProblem

    return InputProblem(str(path), message, line)


class _Nodes:
    """Lines of the composed catalog's values, found by key path."""

    def __init__(self, root: Any) -> None:
        self.root = root

    def line(self, *loc: Any) -> int | None:
        from guardrails.sources.yamlpos import node_line

        return node_line(self.root, loc)


def enrich(context: dict[str, Any], cat: MatrixCatalog) -> tuple[dict[str, Any], list[str]]:
    """Fill missing price / kind / in_stock from the catalog; return the offers
    that are not a pair of the matrix for the context's base."""
    ctx = dict(context)
    base_item = cat.product(ctx["base"]["name"]) if isinstance(ctx.get("base"), dict) else None
    if base_item is not None and ctx["base"].get("price") is None:
        ctx["base"] = {**ctx["base"], "price": base_item.get("price")}
    unpaired: list[str] = []
    offers = []
    for offer in ctx.get("offers") or []:
        offer = dict(offer)
        item = cat.product(offer.get("name", ""))
        if item is not None:
            if offer.get("price") is None and item.get("price") is not None:
                offer["price"] = item["price"]
            if "in_stock" not in offer and item.get("stock") is not None:
                offer["in_stock"] = item["stock"] > 0
            if "kind" not in offer:
                pair = next((p for p in cat.pairs if p.get("plus") == item.get("id") and p.get("kind")), None)
                if pair is not None:
                    offer["kind"] = pair["kind"]
        offers.append(offer)
    if base_item is not None:
        unpaired = cat.unpaired(base_item, [o.get("name", "?") for o in offers])
    if offers:
        ctx["offers"] = offers
    return ctx, unpaired


def matrix_diagnostics(context: Any, cat: MatrixCatalog, text_length: int) -> list[Any]:
    """CX010 for each offer of a contract-1 context (a MessageContext) that is not
    a pair of the matrix for its base; nothing when the base is not in the catalog."""
    from guardrails.diagnostic import Diagnostic
    from guardrails.rules import BY_CODE

    if context is None or context.base is None or not context.offers:
        return []
    base_item = cat.product(context.base.name)
    if base_item is None:
        return []
    rule = BY_CODE["CX010"]
    return [
        Diagnostic(rule.code, rule.name, rule.severity, rule.message.replace("{name}", name), 0, text_length, rule.fix)
        for name in cat.unpaired(base_item, [o.name for o in context.offers])
    ]
