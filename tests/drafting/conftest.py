"""Fixtures for the drafting tests: a small catalog and a context factory."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from coach.catalog import Catalog, load_catalog
from coach.customer import CustomerContext

CATALOG = """\
version: 1
niche: electronics
currency: KZT
brand: команда «Тест»
price_ceiling: 0.35
products:
  - {id: phone, name: Смартфон Nova X15, category: phones, price: 150000, stock: 5, repeat_after_days: 365}
  - {id: phone-256, name: Смартфон Nova X15 256 ГБ, category: phones, price: 170000, stock: 2}
  - {id: phone-512, name: Смартфон Nova X15 512 ГБ, category: phones, price: 190000, stock: 2}
  - {id: glass, name: Защитное стекло, category: glass, price: 2500, stock: 40}
  - {id: case, name: Чехол, category: cases, price: 3500, stock: 10}
  - {id: charger, name: Зарядное устройство, category: chargers, price: 6500, stock: 0}
  - {id: earbuds, name: Наушники AirTone Pro, category: audio, price: 60000, stock: 3}
  - {id: cable, name: Кабель USB-C, category: cables, price: 1500, stock: 30}
offers:
  - {base_category: phones, plus: glass, kind: cross-sell, benefit: защитит экран от царапин, risk: дорогая замена экрана, goals: [экран]}
  - {base_category: phones, plus: case, kind: cross-sell, benefit: защитит корпус от ударов, goals: [падени]}
  - {base: phone, plus: phone-256, kind: upsell, benefit: даст вдвое больше места для фото, goals: [фото], stages: [decided, checkout]}
  - {base: phone, plus: phone-512, kind: upsell, benefit: даст вчетверо больше места для фото, goals: [фото]}
  - {base_category: phones, plus: charger, kind: cross-sell, benefit: зарядит телефон за полчаса}
  - {base_category: phones, plus: earbuds, kind: cross-sell, benefit: дополнит телефон чистым звуком}
  - {base_category: phones, plus: cable, kind: cross-sell, benefit: пригодится в дороге, valid_until: 2026-11-01}
"""

TODAY = dt.date(2026, 11, 22)


@pytest.fixture
def catalog(tmp_path: Path) -> Catalog:
    path = tmp_path / "catalog.yaml"
    path.write_text(CATALOG, encoding="utf-8")
    return load_catalog(path)


@pytest.fixture
def make_context(tmp_path: Path) -> Any:
    def make(**overrides: Any) -> CustomerContext:
        data: dict[str, Any] = {"customer": {"name": "Айгерим"}, "stage": "decided", "cart": ["phone"],
                                "as_of": TODAY.isoformat(), "catalog": "catalog.yaml"}
        data.update(overrides)
        return CustomerContext.model_validate(data).model_copy(update={"source": tmp_path / "ctx.yaml"})

    return make
