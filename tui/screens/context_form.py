"""The short form: describe a customer without writing YAML.

Product, stage, channel, what they bought and what they refused; dismisses
with a validated `coach.customer.CustomerContext`."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, Input, Label, Select, Static

__all__ = ["ContextFormScreen", "STAGE_LABELS", "CHANNEL_LABELS", "split_items"]

STAGE_LABELS = {
    "choosing": "Ещё выбирает",
    "decided": "Решил купить",
    "checkout": "Оформляет заказ",
    "after_purchase": "Уже купил",
}
CHANNEL_LABELS = {"chat": "Чат / мессенджер", "email": "Письмо", "call": "Звонок"}


def split_items(raw: str) -> list[str]:
    """"чехол, стекло; наушники" -> ["чехол", "стекло", "наушники"]."""
    return [part.strip() for part in raw.replace(";", ",").split(",") if part.strip()]


class ContextFormScreen(ModalScreen[Any]):
    CSS_PATH = "dialogs.tcss"
    BINDINGS = [
        Binding("escape", "dismiss(None)", "Отмена"),
        Binding("ctrl+s", "submit", "Готово", priority=True),
    ]

    def __init__(self, examples_dir: Path) -> None:
        super().__init__()
        self.catalogs: list[tuple[str, Path]] = _catalog_files(examples_dir)
        self._catalog: Any = None

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="panel") as dialog:
            dialog.border_title = "Клиент: короткая форма"
            with Vertical(id="form-grid"):
                yield Label("Каталог")
                yield Select([(title, str(path)) for title, path in self.catalogs], id="catalog",
                             allow_blank=False, value=str(self.catalogs[0][1])) if self.catalogs else \
                    Static("Нет каталогов в примерах", id="catalog")
                yield Label("Товар (основа)")
                yield Select([], id="product", prompt="выберите товар")
                yield Label("Этап")
                yield Select([(label, key) for key, label in STAGE_LABELS.items()], value="decided",
                             allow_blank=False, id="stage")
                yield Label("Канал")
                yield Select([(label, key) for key, label in CHANNEL_LABELS.items()], value="chat",
                             allow_blank=False, id="channel")
                yield Label("Имя клиента")
                yield Input(placeholder="например, Айгерим", id="name")
                yield Label("Уже покупал")
                yield Input(placeholder="через запятую: чехол, стекло", id="history")
                yield Label("Отказался от")
                yield Input(placeholder="через запятую: наушники", id="refused")
                yield Label("Цель клиента")
                yield Input(placeholder="необязательно: чтобы экран не разбился", id="goal")
            with Horizontal(id="dialog-buttons"):
                yield Button("Готово (Ctrl+S)", id="submit", variant="primary")
                yield Button("Отмена (Esc)", id="cancel")
        yield Footer()

    def on_mount(self) -> None:
        if self.catalogs:
            self._load_catalog(self.catalogs[0][1])
        self.query_one("#product", Select).focus()

    @on(Select.Changed, "#catalog")
    def _catalog_changed(self, event: Select.Changed) -> None:
        if isinstance(event.value, str):
            self._load_catalog(Path(event.value))

    def _load_catalog(self, path: Path) -> None:
        from tui.workspace import cached_catalog

        try:
            self._catalog = cached_catalog(path)
        except Exception as exc:  # noqa: BLE001
            self.notify(str(exc), severity="error", timeout=8)
            self._catalog = None
            return
        products = sorted(self._catalog.products, key=lambda p: (p.category, -p.price))
        options = [(f"{p.name} — {_money(p.price)} {self._catalog.currency}", p.id) for p in products]
        product = self.query_one("#product", Select)
        product.set_options(options)
        # The most expensive product is the usual base purchase.
        if products:
            product.value = max(products, key=lambda p: p.price).id

    @on(Button.Pressed, "#submit")
    def _submit_button(self) -> None:
        self.action_submit()

    @on(Button.Pressed, "#cancel")
    def _cancel(self) -> None:
        self.dismiss(None)

    @on(Input.Submitted)
    def _next_field(self) -> None:
        self.focus_next()

    def action_submit(self) -> None:
        try:
            context = self.build_context()
        except ValueError as exc:
            self.notify(str(exc), title="Проверьте форму", severity="error", timeout=8)
            return
        self.dismiss(context)

    def build_context(self) -> Any:
        """A CustomerContext from the fields; ValueError (Russian) when something is missing."""
        from pydantic import ValidationError

        from coach.customer import CustomerContext

        if self._catalog is None or not self.catalogs:
            raise ValueError("Не выбран каталог.")
        product = self.query_one("#product", Select).value
        if not isinstance(product, str):
            raise ValueError("Выберите товар.")
        stage = str(self.query_one("#stage", Select).value)
        channel = str(self.query_one("#channel", Select).value)
        name = self.query_one("#name", Input).value.strip() or "Клиент"
        today = dt.date.today()
        history = [{"item": self._ref(item), "date": today} for item in split_items(self.query_one("#history", Input).value)]
        refused = [{"item": self._ref(item), "date": today} for item in split_items(self.query_one("#refused", Input).value)]
        data: dict[str, Any] = {
            "catalog": str(Path(self._catalog_path()).resolve()),
            "as_of": today,
            "customer": {"name": name},
            "channel": channel,
            "stage": stage,
            "base": product,
            "history": history,
            "refused": refused,
        }
        if stage == "after_purchase":
            # The base purchase is already made: it belongs to the history, a few days ago
            # (the "3–7 days after purchase" moment).
            data["history"] = [{"item": product, "date": today - dt.timedelta(days=3)}, *history]
        else:
            data["cart"] = [product]
        goal = self.query_one("#goal", Input).value.strip()
        if goal:
            data["goal"] = goal
        try:
            return CustomerContext.model_validate(data)
        except ValidationError as exc:
            first = exc.errors()[0]
            raise ValueError(f"{'.'.join(str(p) for p in first['loc'])}: {first['msg']}") from None

    def _catalog_path(self) -> str:
        value = self.query_one("#catalog", Select).value
        return str(value) if isinstance(value, str) else str(self.catalogs[0][1])

    def _ref(self, item: str) -> str:
        """A product id when the catalog knows the name, else the text as typed."""
        found = self._catalog.product(item) if self._catalog is not None else None
        if found is None and self._catalog is not None:
            lowered = item.casefold()
            matches = [p for p in self._catalog.products if lowered in p.name.casefold()]
            if len(matches) == 1:
                found = matches[0]
        return found.id if found is not None else item


def _catalog_files(examples_dir: Path) -> list[tuple[str, Path]]:
    from tui.workspace import cached_catalog

    found: list[tuple[str, Path]] = []
    for path in sorted((examples_dir / "catalogs").glob("*.y*ml")):
        try:
            catalog = cached_catalog(path)
        except Exception:  # noqa: BLE001 - a broken catalog is not offered
            continue
        found.append((catalog.title or catalog.niche, path))
    return found


def _money(value: float) -> str:
    return f"{value:,.0f}".replace(",", " ")
