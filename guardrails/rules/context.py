"""CX: rules about the offer in its context (contract 1): reason, price, moment, fit, honesty of claims.

They fire only when the context carries the keys they need.
"""

from __future__ import annotations

import re

from typing import TYPE_CHECKING

from guardrails.diagnostic import Diagnostic, Severity
from guardrails.items import matches_any, name_stems, stem
from guardrails.offer_passage import LONG_MESSAGE_SENTENCES, reason_missing_near_offer
from guardrails.rule import Example, Rule

if TYPE_CHECKING:
    from guardrails.checks import CheckInput

E = Severity.ERROR
W = Severity.WARNING

_TV = {"name": "Телевизор Samsung 55\"", "price": 280000}
_BRACKET = {"name": "Кронштейн", "price": 9000, "kind": "cross-sell", "in_stock": True}


_CATALOG = """products:
  - {id: laptop, name: Ноутбук, category: laptops, price: 400000, stock: 3}
  - {id: bag, name: Сумка, category: bags, price: 8000, stock: 10}
  - {id: mouse, name: Мышь, category: mice, price: 5000, stock: 0}
offers:
  - {base_category: laptops, plus: bag, kind: cross-sell, benefit: защитит ноутбук в дороге}
"""


def _matrix_example(offer: str) -> Example:
    """A script library naming a catalog: the offer is filled from the matrix and checked against it."""
    text = (
        "version: 1\ncatalog: catalog.yaml\nscripts:\n  - id: s1\n    kind: cross-sell\n"
        f"    context: {{stage: decided, base: {{name: Ноутбук}}, offers: [{{name: {offer}}}]}}\n"
        f"    text: К ноутбуку рекомендую {offer.lower()} — защитит технику и сэкономит время в дороге.\n"
    )
    return Example(text, source=".yaml", files={"catalog.yaml": _CATALOG})


def _one_offer(base: str, base_price: int, offer: str, price: int, *, kind: str = "cross-sell",
               stage: str = "decided") -> dict[str, object]:
    """A context with one in-stock offer against a base purchase (for the rules' examples)."""
    return {"stage": stage, "base": {"name": base, "price": base_price},
            "offers": [{"name": offer, "price": price, "kind": kind, "in_stock": True}]}


_LAPTOP = _one_offer("Ноутбук", 95000, "Сумка для ноутбука", 3500, stage="after_purchase")


def _ctx(**kw: object) -> dict[str, object]:
    base: dict[str, object] = {"stage": "decided", "base": _TV, "offers": [_BRACKET], "currency": "KZT"}
    base.update(kw)
    return base


# Words that are not a reason: greetings, offer verbs, prices, closing questions.
_FILLER = (
    "@добрый|@день|@здравствуйте|@привет|@спасибо|@благодарить|@выбор|@отличный|@заказ|@корзина|@оформить|"
    "@оформлять|@положить|@добавить|@добавлять|@предложить|@предлагать|@рекомендовать|@порекомендовать|"
    "вместо|только|@переключить|@переключиться|@переключать|@менять|@поменять|@записывать|@держать|"
    "@советовать|@посоветовать|@взять|@брать|@докупить|@купить|@хотеть|@мочь|можно|@есть|@быть|еще|также|тоже|@вариант|"
    "@версия|@модель|@цена|@стоимость|@стоить|@разница|@рубль|тенге|@месяц|@год|@штука|@показать|"
    "@рассказать|подробнее|@перейти|@переходить|@запланировать|вместе|@наш|@ваш|@это|@этот|@тот|@такой|"
    "сразу|@сегодня|пожалуйста|дополнительно|может|@посмотреть|@подобрать|@обратить|@внимание|@предложение|"
    "@дополнение|@плюс|@интересовать|@нужный|нужно|@дополнительный|@новый|@отличный|@хороший:ADJF|@прекрасный|"
    "@покупка|@товар|@услуга|@позиция|@сумма|итого|всего|@стоимость|@подарок|@клиент|@у|нас|@вы|@мы|@я|"
    "@сделать:INFN|@отложить|@оставить|@зарезервировать|@сказать|@ответить|@написать|@сообщить|@уточнить|"
    "@запись|@записать|@забронировать|@бронь|@время|@сейчас|@точно|@конечно|давайте|давай|@какой|@который|"
    "кстати|интересно|@визит|@весь|@поставить|@установить|@годовой|@месячный|@ежемесячный|@ежегодный|@подключить|@занятие|@штука|@пара|@набор|@комплект|@услуга|@доставка|@рассматривать|@память|@объем|"
    "@размер|@цвет|@вес|@литр|@ссылка|@оплата|ниже|выше|обычно|@пачка|@упаковка|@уважение|@салон|@команда|"
    "@магазин|@менеджер|@администратор|@клиника|@компания|@дополнить|@дополнять|@тон|@приобрести|@пробник|@вид|"
    "@уважаемый|@доступный|@дорогой:ADJF|@продаваться|@продавать|@наличие|@рад|@понравиться|@радовать|"
    "@договор|@счет|@выезд|@включать|@включить|"
    # colours and fabrics describe the item, they give no reason to buy it
    "@серый|@белый|@черный|@бежевый|@синий|@красный|@зеленый|@розовый|@голубой|@коричневый|@графитовый|@серебристый|"
    "@золотистый|@бордовый|@фиолетовый|@желтый|@оранжевый|@велюровый|@бархатный|@атласный|@глянцевый|@матовый"
)

# Words that state a benefit, a reason or the risk an offer closes (pattern-language slots).
# The lexicons rules ask `has_lexicon` about: the prefilter tracks their words, so a
# message with none of them is never tokenised to find out (filler and not_stock are
# consulted word by word, only after tokenising).
PRESENCE_LEXICONS = ("offer_verb", "benefit")

LEXICONS: dict[str, str] = {
    "filler": _FILLER,
    # News about the order itself ("Велосипед готов к выдаче", "Заказ принят", "Бронь подтверждена"):
    # such a sentence before an offer is no reason for it (CX001).
    "order_news": (
        "оформлен*|готов|готова|готово|готовы|доставк*|доставим|доставят|привезем|привезут|привезет|курьер*|"
        "принят|принята|принято|приняли|оплачен*|собран*|подтвержден*|выдач*|забрать|отправим|отправили|отправлен*|"
        "продлен*|утвердили|утвержден*|записан*|записали|записал|записала|забронирован*|забронировали|поедет|"
        "приедет|выехал|выехала|упакован*|ждем"
    ),
    # Housekeeping around an offer in a long message: delivery, payment, documents, support,
    # sign-offs ("Если будут вопросы, поддержка работает круглосуточно", "Ждём вас!").
    # Next to the offer, such a sentence is no reason for it (CX001).
    "service": (
        "доставк*|курьер*|вопрос*|поддержк*|@написать:impr|@писать:impr|@звонить|@позвонить|ждем|адрес*|"
        "оплат*|получени*|документ*|чек|чеки|связь|связи|удачи|хорошего|перенесем|проезд*|визит*|заявк*|"
        "приятн*|подтверд*|перенес*|перенос*|отмен*|гарантийн*|талон*|e-mail|email|почту|почте|платеж*|списан*|спишет*"
    ),
    # Verbs that make an offer ("Могу добавить…", "Рекомендую…"): the sentence with one is
    # where the offer is made, even when the item is named in other words ("мышку").
    "offer_made": "рекоменд*|предлаг*|предлож*|совету*|посовет*|добав*|докуп*|подключ*|положить|взять|закинуть",
    # Nouns after "осталось N" that are not goods in stock ("осталось 3 занятия", "осталось 2 дня").
    "not_stock": (
        "@минута|@час|@сутки|@день|@неделя|@месяц|@год|@занятие|@урок|@тренировка|@визит|@процедура|@сеанс|"
        "@шаг|@этап|@вопрос|@балл|@бонус|@платеж|@взнос|@рубль|тенге|@доллар|@евро|@км|@метр|@километр|@раз|"
        "@страница|@пункт|@подпись|@документ|@дело|@минутка|@секунда|@файл|@глава|@поле|@остановка|@серия|@модуль|"
        "января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря|"
        "@задание|@домашний|@тест|@экзамен|@зачет|@лекция|@вебинар|@проект|"
        "гб|мб|@гигабайт|@мегабайт|@смс|@рабочий|@календарный|@банковский"
    ),
    "benefit": (
        "@защитить|@защищать|@сэкономить|@экономить|@дополнить:3per|@дополнять:3per|@продлить|@продлевать|@помочь|@помогать|"
        "@позволить|@позволять|@сохранить|@уберечь|@ускорить|@упростить|@облегчить|@закрепить|@согреть|@освободить|"
        "@пригодиться|@обеспечить|@улучшить|@избавить|@снизить|@повысить|@увеличить|@подчеркнуть|@применять|"
        "@прослужить|@хватить|@заменить|@увлажнить|@питать|@восстановить|@разгрузить|@автоматизировать|"
        "@сократить|@ускорять|@выдержать|@зарядить|@держать|@впитать|@скрыть|@оживить|"
        "@сделать:3per|@стать:3per|@сделать:futr|@стать:futr|@добавить:3per|@дать:3per|@давать:3per|"
        "@экономия|@выгода|@польза|@удобство|@комфорт|@уют|@безопасность|@надежность|"
        "@риск|@ремонт|@поломка|@царапина|@удар|@повреждение|@износ|"
        "чтобы|благодаря|поэтому|потому|иначе|важно|@удобный|@надежный|@прочный|@практичный|"
        "лучше|дольше|проще|дешевле|быстрее|легче|тише|чище|ярче|мягче|крепче|выгоднее|"
        "@удобный:COMP|@надежный:COMP|@уютный:COMP|@теплый:COMP|@плавный:COMP|@интересный:COMP|@приятный:COMP|"
        "@красивый:COMP|@аккуратный:COMP|@точный:COMP|@стойкий:COMP|@длительный:COMP|@безопасный:COMP|"
        "@эффективный:COMP|@свежий:COMP|@вкусный:COMP|@сытный:COMP|@ровный:COMP|@гладкий:COMP|@яркий:COMP|"
        "@практика|@результат|спокойно|спокойнее|безопасно|безопаснее|удобно|удобнее|надежно|надежнее"
    ),
    "offer_verb": (
        "@рекомендовать:1per|@советовать:1per|@предлагать:1per|@предложить:1per|@порекомендовать:1per|"
        "@посоветовать:1per|@добавить|@докупить|@взять:impr|@посмотреть:impr|@обратить:impr|добавим|"
        "@рекомендовать:1per,plur|@предлагать:1per,plur|можем|можно|@подобрать:1per|еще|также|дополнительно|тоже|"
        "@хотеть:2per|есть|"
        "@версия|@вариант|@модель|@комплектация|@тариф|@пакет|@апгрейд"
    ),
}


# "Without it … not …": the risk an offer closes, a reason however few its words;
# "без очереди", "без переплат": a benefit in two words.
_RISK_RE = re.compile(r"\bбез \w+\b[^.!?]{0,60}?\bне\b|\bбез (?:очеред|переплат|комисси|ожидани|хлопот)")


# «Ответьте «да», чтобы подключить»: a purpose that is only the next step of ordering, not a reason to buy.
_PROCEDURAL_PURPOSE_RE = re.compile(
    r"чтобы (?:мы |я )?(?:его |ее |их )?(?:подключить|добавить|оформить|заказать|записаться|записать|подтвердить|"
    r"включить|положить|забронировать|оплатить|добавили|подключили|оформили|положили|записали)"
    r"(?: (?:его|ее|их))?(?: (?:к|в) (?:заказу|заказ|записи|запись|счету|счет|брони|бронированию|договору))?"
    r"(?=\s*(?:[.!?,;:)»]|$))")


def _long(inp: CheckInput) -> bool:
    """Whether the message has enough sentences for the offer's passage to matter
    (counted on the word list, without building the tokens: "|" between sentences)."""
    items = inp.analysed.items
    bars = items.count("|")
    if bars + 1 < LONG_MESSAGE_SENTENCES:
        return False
    end = len(items)
    while end and items[end - 1] == "|":  # sentence ends after the last word open no sentence
        end -= 1
        bars -= 1
    return end > 0 and bars + 1 >= LONG_MESSAGE_SENTENCES


def _only_in_housekeeping(inp: CheckInput, words: set[str]) -> bool:
    """Whether every sentence with one of `words` is order news or a service notice
    (:func:`housekeeping`'s lexicons) and names no offered item.  Works on the
    sentences of `joined`, so no tokens are built for the (common) honest message."""
    ctx = inp.context
    assert ctx is not None
    lex = inp.ruleset.lexicons
    news, service = lex["order_news"], lex["service"]
    offered = frozenset(s for o in ctx.offers for s in name_stems(o.name))
    names = offered | (frozenset(name_stems(ctx.base.name)) if ctx.base is not None else frozenset())
    for part in inp.analysed.joined.split("|"):
        sentence = part.split()
        if words.isdisjoint(sentence):
            continue
        stems = [stem(w) for w in sentence]
        if any(matches_any(st, offered) for st in stems):
            return False  # the benefit word stands next to the offer
        if not any((news.matches(w) or service.matches(w)) and not matches_any(st, names)
                   for w, st in zip(sentence, stems)):
            return False
    return True


def _procedural_purpose_only(norm: str) -> bool:
    """Whether every «чтобы» of the message only introduces a step of ordering."""
    return norm.count("чтобы") == len(_PROCEDURAL_PURPOSE_RE.findall(norm))


def _check_no_benefit(inp: CheckInput, rule: Rule) -> list[Diagnostic]:
    ctx = inp.context
    if ctx is None or not ctx.offers:
        return []
    span = inp.first_offer_span()
    if span is None and not inp.has_lexicon("offer_verb"):
        return []  # the message does not actually offer anything
    names = tuple(o.name for o in ctx.offers) + ((ctx.base.name,) if ctx.base is not None else ())
    benefit = inp.lexicon_words("benefit", besides=names)
    if benefit and not (benefit == {"чтобы"} and _procedural_purpose_only(inp.analysed.norm)):
        # In a long message that names the offered item, a benefit word in order news or a
        # service notice is about something else («Результаты придут на e-mail»): the
        # offer's passage decides.
        if (span is None or not _long(inp) or not _only_in_housekeeping(inp, benefit)
                or not reason_missing_near_offer(inp)):
            return []
        start, end = span or (0, len(inp.text))
        return [inp.diagnostic(rule, start, end)]
    if inp.placeholder_names & {"offer.benefit", "offer.risk", "benefit", "risk"}:
        return []
    if _RISK_RE.search(inp.analysed.norm):
        return []  # the risk the offer closes: "без него PS5 не выдаст 120 Гц"
    if inp.content_words() >= 2 and not reason_missing_near_offer(inp):
        return []  # a reason phrased in words no lexicon lists ("хорошо освежает", "покрасите без стремянки")
    start, end = span or (0, len(inp.text))
    return [inp.diagnostic(rule, start, end)]


def _check_price(inp: CheckInput, rule: Rule) -> list[Diagnostic]:
    ctx = inp.context
    if ctx is None or ctx.base is None or not ctx.base.price:
        return []
    out = []
    warn, err = inp.config.price_warning, inp.config.price_error
    for offer in ctx.offers:
        if offer.price is None:
            continue
        extra = offer.price - ctx.base.price if offer.kind == "upsell" else offer.price
        ratio = extra / ctx.base.price
        if ratio <= warn:
            continue
        severity = E if ratio > err else W
        limit = err if severity is E else warn
        start, end = inp.offer_span(offer.name)
        kind = "доплата за апгрейд" if offer.kind == "upsell" else "допродажа"
        shown = f"{ratio:.0%}" if round(ratio * 100) > round(limit * 100) else f"{ratio * 100:.1f}%".replace(".", ",")
        msg = (
            f"«{offer.name}»: {kind} составляет {shown} от основной покупки — больше {limit:.0%}. "
            "Предложите вариант дешевле или отдельную покупку позже."
        )
        out.append(inp.diagnostic(rule, start, end, message=msg, severity=severity))
    return out


def _check_stage(inp: CheckInput, rule: Rule) -> list[Diagnostic]:
    ctx = inp.context
    if ctx is None or ctx.stage != "choosing" or not ctx.offers:
        return []
    span = inp.first_offer_span()
    if span is None and not inp.has_lexicon("offer_verb"):
        return []  # no offer named and no offering words: nothing is offered yet
    start, end = span or (0, len(inp.text))
    return [inp.diagnostic(rule, start, end)]


def _listed(names: list[str], inp: CheckInput, rule: Rule, label: str) -> list[Diagnostic]:
    ctx = inp.context
    if ctx is None:
        return []
    out = []
    for offer in ctx.offers:
        if any(inp.same_item(offer.name, n) for n in names):
            spans = inp.item_mentions(offer.name, besides=ctx.base.name if ctx.base is not None else None)
            norm = inp.analysed.norm
            offered = [sp for sp in spans if not (_EXCLUDED_RE.search(norm, max(0, sp[0] - 8), sp[0])
                                                  or _NOT_NEEDED_RE.match(norm, sp[1]))]
            if spans and not offered:
                continue  # "оформляю только диван, без чехла": named only to say it is left out
            start, end = offered[0] if offered else (0, len(inp.text))
            out.append(inp.diagnostic(rule, start, end, message=rule.message.format(name=offer.name, label=label)))
    return out


_EXCLUDED_RE = re.compile(r"(?:\bбез|\bкроме|\bвместо)\s+$")
# "«Клещ» не нужен": named to confirm the refusal.
_NOT_NEEDED_RE = re.compile(
    r"\w*[»\"]?\s*(?:вам\s+)?(?:не\s+нуж|не\s+надо|не\s+буд|не\s+бер|у\s+(?:вас|тебя)\s+уже\s+есть)")


def _check_bought(inp: CheckInput, rule: Rule) -> list[Diagnostic]:
    return _listed(inp.context.purchased_recently if inp.context else [], inp, rule, "")


def _check_refused(inp: CheckInput, rule: Rule) -> list[Diagnostic]:
    return _listed(inp.context.refused if inp.context else [], inp, rule, "")


# The message itself says the item is gone ("кабель закончился, сообщить, когда появится?"):
# that is honest news, not an offer of something that cannot be sold.
_SAYS_UNAVAILABLE_RE = re.compile(
    r"\b(?:законч(?:ил(?:ся|ась|ось|ись)|ится|атся)\b|нет в наличии|нет на складе|отсутству|распродан|раскупил|разобрал|"
    r"появит|поступ(?:ит|ят|лени)|снова будет|ожидаем(?:ое|ая|ый)? поступлени)"
)


def _check_out_of_stock(inp: CheckInput, rule: Rule) -> list[Diagnostic]:
    ctx = inp.context
    if ctx is None:
        return []
    stock = ctx.facts.stock if ctx.facts else {}
    out = []
    for offer in ctx.offers:
        count = next((v for k, v in stock.items() if inp.same_item(offer.name, k)), None)
        if (not offer.in_stock or count == 0) and not _SAYS_UNAVAILABLE_RE.search(inp.analysed.norm):
            start, end = inp.offer_span(offer.name)
            out.append(inp.diagnostic(rule, start, end, message=rule.message.format(name=offer.name)))
    return out


def _check_too_many(inp: CheckInput, rule: Rule) -> list[Diagnostic]:
    ctx = inp.context
    if ctx is None or len(ctx.offers) <= inp.config.max_offers:
        return []
    msg = rule.message.format(n=len(ctx.offers), limit=inp.config.max_offers)
    return [inp.diagnostic(rule, 0, len(inp.text), message=msg)]


RULES = [
    Rule(
        code="CX001",
        name="no-benefit",
        severity=E,
        message="Предложение без причины: не сказано, чем оно полезно клиенту. Добавьте выгоду или риск, который оно закрывает: «защитит…», «сэкономит…», «дополнит…».",
        why="«К вашему заказу рекомендуем добавить чехол» — это навязывание. Связь с задачей клиента и понятная причина превращают допродажу в заботу (статьи 000, 004).",
        fix="К {основа} рекомендую {предложение} — {выгода}. Стоит {цена}. Добавить в заказ?",
        check=_check_no_benefit,
        needs_context=True,
        fail=(
            Example("К телевизору предлагаем кронштейн.", _ctx()),
            Example("Ещё можем предложить кронштейн.", _ctx()),
            Example("Ещё предлагаем к телевизору кронштейн за 9 000 ₸.", _ctx()),
            Example("Велосипед готов к выдаче, забрать можно в любой день с 10 до 20. Ещё у нас есть замок за 2 200 ₽. Положить?",
                    {"stage": "decided", "base": {"name": "Велосипед", "price": 38000},
                     "offers": [{"name": "Замок", "price": 2200, "kind": "cross-sell", "in_stock": True}]}),
            # a long confirmation: plenty of words, none of them about the offer
            Example("Добрый день, Сергей! Спасибо за заказ ноутбука, оплата прошла успешно. Доставка запланирована на "
                    "завтра с 10:00 до 14:00, курьер позвонит за час. К заказу можем добавить сумку за 3 500 ₽. "
                    "Если будут вопросы по настройке, поддержка работает круглосуточно.", _LAPTOP),
            Example("Ваша бронь в отеле подтверждена: заезд 19 декабря, выезд 22 декабря. Регистрация с 14:00, при заселении "
                    "понадобится удостоверение личности. Также предлагаем ужин в ресторане отеля — 9 000 ₸ на человека. "
                    "Будем рады видеть вас!",
                    _one_offer("Номер «Стандарт», 3 ночи", 90000, "Ужин в ресторане отеля", 9000, stage="after_purchase")),
            # the booking news before the offer is no reason for it
            Example("Записала вас на среду, 15:30, мастер — Алина. Ещё можем сделать тонирование, 1 500 ₽. Добавить в запись?",
                    _one_offer("Стрижка женская", 3500, "Тонирование", 1500)),
            # a reminder that uses an offering verb («взять чек») is no offer; the lock's type is no reason
            Example("Твой велосипед собран и ждёт в магазине на Профсоюзной. Забрать его можно до 21:00 в любой день. "
                    "В магазине сейчас есть тросовый замок Abus, 1 600 ₽. Не забудь взять с собой чек из письма.",
                    _one_offer("Велосипед Stels Navigator", 28000, "Тросовый замок Abus", 1600, stage="after_purchase")),
            # a count of drawers describes the item
            Example("Ваш заказ: кровать «Сканди» 160×200, цвет — дуб натуральный. Доставка по Алматы бесплатная, сборка — "
                    "7 000 ₸. Предлагаем также прикроватную тумбу «Сканди» с двумя ящиками, 24 000 ₸. Оплатить можно "
                    "картой или в рассрочку на 12 месяцев.",
                    _one_offer("Кровать «Сканди» 160×200", 140000, "Прикроватная тумба «Сканди»", 24000, stage="checkout")),
            # «результаты» in a service notice is no benefit of the offer
            Example("Вы записаны на сдачу анализов в среду в 8:00, кабинет 3. Приходите натощак: последний приём пищи — "
                    "не позже 20:00 накануне. К заказу можно добавить анализ на витамин D, 1 850 ₽. Результаты придут "
                    "на e-mail в течение двух дней.",
                    _one_offer("Общий и биохимический анализ крови", 5600, "Анализ на витамин D", 1850)),
            # «чтобы подключить» is the next step of ordering, not a reason
            Example("Мария, к вашему заказу доступен макияж. Цена — 5 500 ₽. Ответьте «да», чтобы подключить.",
                    _one_offer("Свадебная причёска", 15000, "Макияж", 5500)),
        ),
        passes=(
            Example("Без свёрел дрель не заработает: набор 4 500 ₸. Добавить?",
                    _one_offer("Дрель", 30000, "Набор свёрел", 4500)),
            Example("Шиномонтаж при покупке — без очереди, 8 000 ₸.",
                    _one_offer("Шины", 120000, "Шиномонтаж", 8000)),
            # «чтобы подключить» with what it connects is a reason, not a step of ordering
            Example("Кабель HDMI нужен, чтобы подключить приставку к телевизору. 3 000 ₸. Добавить в заказ?",
                    _one_offer("Телевизор", 250000, "Кабель HDMI", 3000)),
            # the risk the offer closes, in few words
            Example("К телевизору рекомендую кабель HDMI 2.1 — без него PS5 не выдаст 120 Гц. Кабель 3 000 ₸. Добавить?",
                    _one_offer("Телевизор", 280000, "Кабель HDMI 2.1", 3000)),
            Example("К телевизору рекомендую кронштейн — освободит место и защитит экран от падения. 9 000 ₸. Добавить?", _ctx()),
            Example("К телевизору предлагаем кронштейн.", None),
            Example("К телевизору рекомендую кронштейн: освободит тумбу, а экран не упадёт. Добавить?", _ctx()),
            Example("Велосипед готов к выдаче. Ещё есть замок за 2 200 ₽: пристегнёте у магазина и спокойно зайдёте. Положить?",
                    {"stage": "decided", "base": {"name": "Велосипед", "price": 38000},
                     "offers": [{"name": "Замок", "price": 2200, "kind": "cross-sell", "in_stock": True}]}),
            Example("Добрый день, Сергей! Спасибо за заказ ноутбука, оплата прошла успешно. Доставка запланирована на "
                    "завтра с 10:00 до 14:00, курьер позвонит за час. К заказу можем добавить сумку за 3 500 ₽: "
                    "в дороге защитит корпус от ударов. Если будут вопросы по настройке, поддержка работает круглосуточно.",
                    _LAPTOP),
            Example("Добрый день, Сергей! Спасибо за заказ ноутбука, оплата прошла успешно. Доставка запланирована на "
                    "завтра с 10:00 до 14:00, курьер позвонит за час. Если часто работаете в кафе, к заказу можем "
                    "добавить сумку с отделением для зарядки, 3 500 ₽. Если будут вопросы, поддержка на связи.",
                    _LAPTOP),
            # the offer's own sentence is the priced one; the reason follows it
            Example("Ваш заказ собран, доставка 28 декабря. Если это подарок, можем упаковать ноутбук в праздничную "
                    "бумагу за 300 ₽. Тогда коробку не придётся заворачивать самим. Добавить упаковку?",
                    _one_offer("Ноутбук", 95000, "Подарочная упаковка", 300, stage="after_purchase")),
            # «поддержкой» is a word of the item's name here, not customer support
            Example("Месяц назад ты взял у нас беговые кроссовки — как они? Если готовишься к полумарафону, есть стельки "
                    "с поддержкой свода стопы: на длинной дистанции колени нагружаются меньше. Стоят 11 000 ₸, примерить "
                    "можно в магазине. Напиши, если интересно, подберу размер.",
                    _one_offer("Беговые кроссовки", 58000, "Стельки с поддержкой свода", 11000, stage="after_purchase")),
            # a price line prices the offer made in the sentence before it
            Example("Вы говорили, что будете работать в Photoshop. Для этого есть та же модель с 16 ГБ памяти: большие "
                    "файлы будут открываться без подвисаний. Разница 8 000 ₽, итого 66 000 ₽. Показать характеристики?",
                    _one_offer("Ноутбук Acer Aspire 5, 8 ГБ", 58000, "Ноутбук Acer Aspire 5, 16 ГБ", 66000, kind="upsell")),
        ),
    ),
    Rule(
        code="CX002",
        name="price-ceiling",
        severity=E,
        message="Допродажа дороже потолка цены (по умолчанию: предупреждение выше 30%, ошибка выше 40% основной покупки).",
        why="Дополнение не должно стоить больше 30–40% основной покупки: дорогая «мелочь» пугает и срывает основную сделку (статья 004).",
        fix="Предложите более доступный вариант дополнения.",
        check=_check_price,
        needs_context=True,
        fail=(
            Example("К телевизору рекомендую приставку — вечера станут интереснее.", _ctx(offers=[{"name": "Приставка", "price": 250000}])),
            Example("Есть модель со 120 Гц — картинка плавнее.", _ctx(offers=[{"name": "Телевизор 65\"", "price": 420000, "kind": "upsell"}])),
            Example("К телевизору рекомендую кронштейн — освободит тумбу.", _ctx(base={"name": "Телевизор", "price": 7900}, offers=[{**_BRACKET, "price": 3300}])),
        ),
        passes=(
            Example("Есть модель со 120 Гц — картинка плавнее. Разница 40 000 ₸.", _ctx(offers=[{"name": "Телевизор 120 Гц", "price": 320000, "kind": "upsell"}])),
            Example("К телевизору рекомендую кронштейн — защитит экран от падения.", _ctx()),
        ),
    ),
    Rule(
        code="CX003",
        name="offer-before-decision",
        severity=E,
        message="Допродажа до решения об основной покупке (stage: choosing). Сначала помогите выбрать основное, предложение — после «беру».",
        why="«Не предлагайте допродажи до того, как клиент принял решение о базовой покупке» (статья 000): преждевременное предложение отвлекает и тормозит сделку.",
        fix="Сначала помогите с выбором основной покупки.",
        check=_check_stage,
        needs_context=True,
        fail=(Example("Пока вы выбираете, посмотрите кронштейн — защитит экран.", _ctx(stage="choosing")),),
        passes=(Example("Пока вы выбираете, посмотрите кронштейн — защитит экран.", _ctx(stage="decided")),),
    ),
    Rule(
        code="CX004",
        name="already-bought",
        severity=E,
        message="«{name}» клиент недавно уже купил. Не предлагайте повторно — подберите то, чего у него нет.",
        why="Предложение купленного показывает, что продавец не знает клиента (статья 004: не предлагайте то, что клиент недавно купил).",
        fix="Предложите другое дополнение из матрицы.",
        check=_check_bought,
        needs_context=True,
        fail=(Example("К телевизору рекомендую кронштейн — защитит экран.", _ctx(purchased_recently=["Кронштейн"])),),
        passes=(
            Example("К телевизору рекомендую кронштейн — защитит экран.", _ctx(purchased_recently=["Саундбар"])),
            Example("Кронштейн у вас уже есть с прошлого заказа, так что оформляю только телевизор.", _ctx(purchased_recently=["Кронштейн"])),
        ),
    ),
    Rule(
        code="CX005",
        name="out-of-stock",
        severity=E,
        message="«{name}» нет в наличии. Не предлагайте отсутствующий товар — выберите доступную замену.",
        why="Предложить и не продать — хуже, чем не предложить: клиент разочарован, а доверие потеряно (статья 004).",
        fix="Предложите то, что есть в наличии.",
        check=_check_out_of_stock,
        needs_context=True,
        fail=(
            Example("К телевизору рекомендую кронштейн — защитит экран.", _ctx(offers=[{**_BRACKET, "in_stock": False}])),
            Example("К телевизору рекомендую кронштейн — защитит экран.", _ctx(facts={"stock": {"Кронштейн": 0}})),
        ),
        passes=(
            Example("К телевизору рекомендую кронштейн — защитит экран.", _ctx()),
            Example("К сожалению, кронштейн закончился. Сообщить, когда появится?", _ctx(offers=[{**_BRACKET, "in_stock": False}])),
        ),
    ),
    Rule(
        code="CX006",
        name="offer-after-refusal",
        severity=E,
        message="Клиент уже отказался от «{name}». После «нет, спасибо» не предлагайте снова — переходите к оформлению.",
        why="Повторное предложение после отказа воспринимается как давление (статья 004: после отказа — без второго предложения в том же диалоге).",
        fix="Понял, оформляю без дополнений.",
        check=_check_refused,
        needs_context=True,
        fail=(Example("И всё-таки: может, добавим кронштейн? Защитит экран.", _ctx(refused=["Кронштейн"])),),
        passes=(
            Example("Понял, оформляю без дополнений.", _ctx(offers=[], refused=["Кронштейн"])),
            Example("Спасибо! Оформляю только телевизор, без кронштейна.", _ctx(refused=["Кронштейн"])),
            Example("Поняла, кронштейн не нужен. Тогда оформляю только телевизор.", _ctx(refused=["Кронштейн"])),
        ),
    ),
    Rule(
        code="CX007",
        name="too-many-offers",
        severity=E,
        message="Слишком много предложений сразу ({n}, допустимо не больше {limit}). Оставьте одно-два самых полезных.",
        why="«Оптимальное количество допродаж — один-два товара, максимум три» (статья 004): длинный список утомляет и снижает конверсию.",
        fix="Оставьте одно-два предложения с причиной.",
        check=_check_too_many,
        needs_context=True,
        fail=(Example("К дивану подойдут подушки, плед, пуф и столик — станет уютнее.", _ctx(offers=[{"name": n, "price": 9000} for n in ("Подушки", "Плед", "Пуф", "Столик")])),),
        passes=(Example("К дивану подойдут подушки и плед — станет уютнее.", _ctx(offers=[{"name": n, "price": 9000} for n in ("Подушки", "Плед")])),),
    ),
    Rule(
        code="CX008",
        name="stock-claim-contradicts-facts",
        severity=E,
        message="Заявленный остаток противоречит данным о наличии. Пишите реальный остаток или не упоминайте его.",
        why="Ложный дефицит — манипуляция, которую легко разоблачить (статья 004).",
        fix="Сейчас в наличии {N} шт.",
        needs_context=True,
        fail=(Example("Осталось всего 5 кронштейнов — защитят экран.", _ctx(facts={"stock": {"Кронштейн": 300}})),),
        passes=(Example("Осталось 5 кронштейнов — защитят экран.", _ctx(facts={"stock": {"Кронштейн": 5}})),
                # the item named in other words, the count in a unit abbreviation
                Example("Креплений этой модели осталось 5 шт — защитят экран.", _ctx(facts={"stock": {"Кронштейн": 5}}))),
    ),
    Rule(
        code="CX010",
        name="offer-not-in-matrix",
        severity=W,
        message="«{name}» не входит в матрицу «основа → плюс» каталога для этой покупки. Предлагайте то, что усиливает основную покупку или закрывает соседнюю задачу.",
        why="Если дополнение не усиливает основной результат (апсейл) и не решает соседнюю задачу (кросс-селл), оно нерелевантно и воспринимается как навязывание (статьи 000, 004).",
        fix="Выберите пару из матрицы каталога.",
        needs_context=True,
        fail=(_matrix_example("Мышь"),),
        passes=(_matrix_example("Сумка"),),
    ),
    Rule(
        code="CX009",
        name="deadline-mismatch",
        severity=E,
        message="Дата в тексте не совпадает со сроком акции из контекста ({deadline}). Укажите настоящий срок.",
        why="Срок, который не совпадает с реальным, — та же ложная срочность.",
        fix="Скидка действует до {дата}.",
        needs_context=True,
        fail=(Example("Скидка на кронштейн действует до 20 декабря — защитит экран.", _ctx(facts={"deadline": "2026-12-15"})),),
        passes=(Example("Скидка на кронштейн действует до 15 декабря — защитит экран.", _ctx(facts={"deadline": "2026-12-15"})),),
    ),
]

__all__ = ["RULES", "LEXICONS"]
