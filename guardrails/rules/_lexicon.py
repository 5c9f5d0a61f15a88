"""Word lists shared by several rules, written in the pattern language."""

from __future__ import annotations

# Verbs of buying / taking / adding: the purchase an obligation or push aims at.
PURCHASE = (
    "@купить|@покупать|@взять|@брать|@добавить|@добавлять|@докупить|@докупать|@приобрести|"
    "@приобретать|@заказать|@заказывать|@оплатить|@заплатить|@платить|@раскошелиться|@переплатить|@прикупить"
)
# Imperatives of the same verbs and of "decide / book / sign up".
PUSH_IMPERATIVE = (
    "@купить:impr|@покупать:impr|@взять:impr|@брать:impr|@заказать:impr|@заказывать:impr|"
    "@оплатить:impr|@платить:impr|@заплатить:impr|@оформить:impr|@оформлять:impr|@бронировать:impr|"
    "@забронировать:impr|@решать:impr|@решить:impr|@решаться:impr|@решиться:impr|@записаться:impr|"
    "@записываться:impr|@соглашаться:impr|@согласиться:impr|@звонить:impr|@добавить:impr|@добавлять:impr|"
    "@приобрести:impr|@приобретать:impr|@подключить:impr|@подписать:impr|@подписывать:impr|@действовать:impr|@вносить:impr|@внести:impr|@оплачивать:impr|@переходить:impr|@перейти:impr"
)
OBLIGATION = "нужно|надо|необходимо|@нужный:ADJS|следует|стоит|@должный:ADJS|@обязанный:ADJS"
INTENSIFIER = "обязательно|непременно|срочно|однозначно|безусловно|всенепременно|кровь-из-носу|по-любому|стопроцентно|настоятельно"
YOU_DATIVE = "вам|тебе"
YOU = "вам|тебе|вы|ты|вас|тебя"
# Imperatives of buying only (not "call us", "sign", "keep the receipt").
BUY_IMPERATIVE = (
    "@купить:impr|@покупать:impr|@взять:impr|@брать:impr|@добавить:impr|@добавлять:impr|@докупить:impr|"
    "@приобрести:impr|@приобретать:impr|@заказать:impr|@заказывать:impr|@прикупить:impr"
)
TIME_UNIT = "@минута|@час|@сутки|@день|@неделя"
PROMO = "@акция|@скидка|@распродажа|@предложение|@спецпредложение|@спеццена|@промокод|@бонус|@цена|@подарок|@кэшбэк"
