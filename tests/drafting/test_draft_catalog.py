"""Catalog and customer-context loading: examples load; errors name file, line and field."""

from __future__ import annotations

from pathlib import Path

import pytest

from coach.catalog import load_catalog
from coach.customer import load_context, resolve_catalog
from coach.errors import InputError
from coach.paths import EXAMPLES_DIR

CATALOGS = sorted((EXAMPLES_DIR / "catalogs").glob("*.yaml"))
CONTEXTS = sorted((EXAMPLES_DIR / "contexts").glob("*.yaml"))

GOOD = """\
version: 1
niche: test
currency: KZT
products:
  - {id: phone, name: Смартфон, category: phones, price: 100000, stock: 3}
  - {id: case, name: Чехол, category: cases, price: 3000, stock: 5}
offers:
  - base_category: phones
    plus: case
    kind: cross-sell
    benefit: защитит корпус от ударов
"""


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_five_niches_ship_with_catalogs_and_contexts() -> None:
    niches = {load_catalog(p).niche for p in CATALOGS}
    assert {"electronics", "cosmetics", "food-service", "beauty-services", "b2b-software", "clothing", "diy"} <= niches
    used = {resolve_catalog(load_context(p), None).niche for p in CONTEXTS}
    assert used == niches


@pytest.mark.parametrize("path", CONTEXTS, ids=lambda p: p.name)
def test_every_example_context_loads_with_its_catalog(path: Path) -> None:
    context = load_context(path)
    catalog = resolve_catalog(context, None)
    assert context.base_product(catalog) is not None


def test_good_catalog_loads(tmp_path: Path) -> None:
    catalog = load_catalog(write(tmp_path, "c.yaml", GOOD))
    assert catalog.product("case").price == 3000
    assert catalog.product("чехол").id == "case"  # by name, case-insensitive
    assert [p.plus for p in catalog.pairs_for(catalog.product("phone"))] == ["case"]


@pytest.mark.parametrize(
    ("old", "new", "line", "field", "words"),
    [
        ("price: 3000, stock: 5", "price: -1, stock: 5", 6, "products[1].price", "должно быть >"),
        ("plus: case", "plus: glass", 9, "offers[0].plus", "нет товара с id 'glass'"),
        ("kind: cross-sell", "kind: bundle", 10, "offers[0].kind", "допустимо"),
        ("    benefit: защитит корпус от ударов\n", "", 8, "offers[0].benefit", "обязательное поле"),
        ("currency: KZT", "currency: KZT\ncolour: red", 4, "colour", "неизвестное поле"),
        ("base_category: phones", "base_category: tablets", 8, "offers[0].base_category", "нет товаров в категории"),
        ("{id: case,", "{id: phone,", 6, "products[1].id", "уже описан"),
        ("kind: cross-sell", "kind: upsell", 9, "offers[0].plus", "апсейл должен стоить дороже"),
        ("stock: 3}", "stock: 3", 6, None, "ошибка YAML"),
    ],
)
def test_catalog_errors_name_file_line_and_field(tmp_path: Path, old: str, new: str, line: int,
                                                 field: str | None, words: str) -> None:
    assert old in GOOD
    path = write(tmp_path, "bad.yaml", GOOD.replace(old, new))
    with pytest.raises(InputError) as info:
        load_catalog(path)
    err = info.value
    assert err.path == str(path)
    assert err.line == line
    assert err.field == field
    assert words in str(err)
    assert str(err).startswith(f"{path}:{line}: ")


def test_context_errors_name_line_and_field(tmp_path: Path) -> None:
    write(tmp_path, "catalog.yaml", GOOD)
    ctx = write(tmp_path, "ctx.yaml", "catalog: catalog.yaml\ncustomer: {name: Анна}\nstage: decided\n"
                                      "cart:\n  - phone\n  - tablet\n")
    with pytest.raises(InputError) as info:
        load_context(ctx)
    assert (info.value.line, info.value.field) == (6, "cart[1].item")
    assert "tablet" in str(info.value)


@pytest.mark.parametrize(
    ("text", "line", "field"),
    [
        ("customer: {name: Анна}\nstage: decided\nchannel: sms\n", 3, "channel"),
        ("customer: {name: Анна}\nstage: ready\n", 2, "stage"),
        ("stage: decided\n", 1, "customer"),
        ("customer: {name: Анна}\nstage: decided\nhistory:\n  - {item: case, date: вчера}\n", 4, "history[0].date"),
        ("customer: {name: Анна}\nstage: decided\ncatalog: missing.yaml\n", 3, "catalog"),
        ("- a\n- b\n", 1, None),
    ],
)
def test_context_validation_errors(tmp_path: Path, text: str, line: int, field: str | None) -> None:
    with pytest.raises(InputError) as info:
        load_context(write(tmp_path, "ctx.yaml", text))
    assert info.value.line == line
    assert info.value.field == field


def test_missing_file_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="файл не найден"):
        load_context(tmp_path / "nope.yaml")


def test_context_without_catalog_needs_one(tmp_path: Path) -> None:
    context = load_context(write(tmp_path, "ctx.yaml", "customer: {name: Анна}\nstage: decided\n"))
    with pytest.raises(InputError, match="не указан каталог"):
        resolve_catalog(context, None)
