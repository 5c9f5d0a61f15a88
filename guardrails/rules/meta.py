"""TPL and SUP: problems in template placeholders and in suppression comments.

These are reported by the sources (which see the raw file), not by pattern
matching; the rule objects carry their code, texts and examples.
"""

from __future__ import annotations

from guardrails.diagnostic import Severity
from guardrails.rule import Example, Rule


def _lib(text: str) -> Example:
    return Example("version: 1\nscripts:\n  - id: s1\n    kind: cross-sell\n    text: '" + text + "'\n", source=".yaml")


def _txt(text: str) -> Example:
    return Example(text + "\n", source=".txt")

RULES = [
    Rule(
        code="TPL001",
        name="unknown-placeholder",
        severity=Severity.ERROR,
        message="Неизвестная подстановка «{name}». Допустимы: {known}.",
        why="Неизвестная переменная не подставится, и клиент увидит пустое место или ошибку шаблона.",
        fix="Используйте одну из известных подстановок, например {{ offer.name }}.",
        fail=(_lib("К телефону рекомендую {{ offer.nmae }} — защитит экран."),),
        passes=(_lib("К телефону рекомендую {{ offer.name }} — {{ offer.benefit }}."),),
    ),
    Rule(
        code="TPL002",
        name="malformed-placeholder",
        severity=Severity.ERROR,
        message="Ошибка в шаблоне: {error}. Проверьте скобки {{ … }} и {% … %}.",
        why="Сломанный шаблон не отрисуется, и сообщение не уйдёт клиенту.",
        fix="Закройте подстановку: {{ offer.name }}.",
        fail=(_lib("К телефону рекомендую {{ offer.name — защитит экран."), _lib("Рекомендую {% if x %}чехол.")),
        passes=(_lib("К телефону рекомендую {{ offer.name }}."),),
    ),
    Rule(
        code="SUP001",
        name="unused-suppression",
        severity=Severity.WARNING,
        message="Подавление {codes} больше ничего не подавляет — удалите его.",
        why="Устаревшие подавления прячут будущие нарушения и засоряют библиотеку скриптов.",
        fix="Удалите комментарий coach: ignore.",
        fail=(_txt("# coach: ignore[PR001] клиент сам просил\nСпасибо за заказ!"),),
        passes=(_txt("# coach: ignore[PR001] цитата клиента\nВам обязательно нужно взять чехол."),),
    ),
    Rule(
        code="SUP002",
        name="suppression-without-reason",
        severity=Severity.WARNING,
        message="Подавление без кодов правил или без причины. Пишите: coach: ignore[PR001] причина.",
        why="Подавление без кода глушит всё подряд, а без причины его потом никто не сможет оценить.",
        fix="# coach: ignore[PR001] цитата клиента, не наша фраза",
        fail=(_txt("# coach: ignore\nВам обязательно нужно взять чехол."), _txt("# coach: ignore[PR001]\nВам обязательно нужно взять чехол.")),
        passes=(_txt("# coach: ignore[PR001] цитата клиента\nВам обязательно нужно взять чехол."),),
    ),
]

# What the placeholders of these messages look like when filled in: `coach rules TPL001` shows
# the message as a user meets it, not as a template with raw {name} slots.
MESSAGE_EXAMPLES: dict[str, dict[str, str]] = {
    "TPL001": {"name": "offer.nmae", "known": "base.name, offer.name, offer.price и другие"},
    "TPL002": {"error": "подстановка не закрыта"},
    "SUP001": {"codes": "PR001"},
}

__all__ = ["RULES", "MESSAGE_EXAMPLES"]
