"""TN: shouting and aggression (seed 004: «Вы ДОЛЖНЫ купить это!», «Все берут, и вы берите!»)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from guardrails.diagnostic import Diagnostic, Severity
from guardrails.patterns import COMMON_WORDS
from guardrails.rule import Rule

if TYPE_CHECKING:
    from guardrails.checks import CheckInput

E = Severity.ERROR
W = Severity.WARNING

# A Cyrillic or Latin word of 3+ letters written in capitals.
_CAPS_RE = re.compile(r"(?<![\w])[А-ЯЁA-Z][А-ЯЁA-Z-]{2,}(?![\w])")
_VOWELS = frozenset("АЕЁИОУЫЭЮЯAEIOUY")
# Abbreviations that are written in capitals and are not shouting.
ACRONYMS = frozenset(
    """
    ГОСТ ОСАГО КАСКО СНИЛС ОМС ДМС ПТС СТС ЕГРН МФЦ ЗАГС ФИО МЧС РЖД ВУЗ ОГРН ООО ОАО ЗАО ПАО АО ИП НДС ИНН КПП БИК ЭЦП ЭДО МФУ ИБП ЖКХ СНГ ТЦ ТРЦ СМС МРТ
    ЭКГ УЗИ АКПП МКПП ДВС АБС ЕГЭ ОГЭ ЧПУ ПВЗ ТОиР СЗВ ЕНВД УСН ОСНО НПД ФНС ЦБ МВД ГИБДД ДТП ЛКМ ПКМ ПО ОС
    НИИ СИЗО ЕАЭС ОТК СТО ТО ГСМ ДСП МДФ ЛДСП ПВХ ПЭТ ЖК ОЛED ТВ ЮКасса ЮMoney КЗ РК РФ РБ США ЕС СМИ ГК ФЗ
    OLED QLED HDMI USB SSD HDD RAM ROM CPU GPU LED LCD IPS NFC GPS SIM ESIM WIFI API CRM ERP SAP SLA VIP
    PRO MAX ULTRA PLUS LITE MINI SPA SMM SEO SMS PDF XLS CSV KZT RUB USD EUR BYN UZS KGS AMD GEL IT HR CEO
    B2B B2C SAAS IOS MACOS WINDOWS ANDROID LTE DDR HDR UHD FHD XXL XL XS RGB CMYK DIY SUV BMW KIA LG HP AMD
    INTEL ASUS ACER MSI JBL SONY DYSON BOSCH MAKITA APPLE SAMSUNG XIAOMI HUAWEI IKEA ZARA PHILIPS NIVEA
    """.split()
)


_LATIN_SHOUTS = frozenset({"BUY", "NOW", "FREE", "HURRY", "MUST", "LAST", "ONLY", "TODAY", "SALE"})


_SHORT_SHOUTS = COMMON_WORDS | frozenset("купи бери беги надо срочно даром халява хит топ вау ура нужен нужна".split())


def _line_start(text: str, pos: int) -> int:
    return text.rfind("\n", 0, pos) + 1


_THREE_CAPS_RE = re.compile(r"[А-ЯЁA-Z][А-ЯЁA-Z][А-ЯЁA-Z]")  # spelled out: twice as fast as {3} in sre


def _check_caps(inp: CheckInput, rule: Rule) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    text = inp.text
    if _THREE_CAPS_RE.search(text) is None:
        return out
    for m in _CAPS_RE.finditer(text):
        word = m.group()
        letters = word.replace("-", "")
        if word in ACRONYMS or letters in ACRONYMS:
            continue
        if not (_VOWELS & set(letters)):
            continue  # СМС, ПВХ, HDMI-like abbreviations without vowels
        if letters.isascii() and letters not in _LATIN_SHOUTS:
            continue  # Latin capitals are brands and model names (DEWALT, PRO), not shouting
        if len(letters) <= 4 and letters.lower().replace("ё", "е") not in _SHORT_SHOUTS:
            continue  # short capitals are mostly abbreviations (СПА, МКАД); "ВСЕ", "НАДО" are not
        if m.start() == _line_start(text, m.start()) and text[m.end():m.end() + 1] == ":":
            continue  # a label such as "ВАЖНО:" opening a line
        if text[max(0, m.start() - 2):m.start()].strip() == ":" and (m.end() == len(text) or text[m.end()] in ".\n,;"):
            continue  # a status value after a label ("Статус заказа: ОТПРАВЛЕН.")
        out.append(inp.diagnostic(rule, m.start(), m.end()))
    return out


_BANGS_RE = re.compile(r"!{3,}|[!?]*!\?!|[!?]*\?!\?")
_DOUBLE_BANG_RE = re.compile(r"(?<!!)!!(?!!)")


def _check_bangs(inp: CheckInput, rule: Rule) -> list[Diagnostic]:
    text = inp.text
    if "!!" not in text and "?!" not in text:
        return []
    return [inp.diagnostic(rule, m.start(), m.end()) for m in _BANGS_RE.finditer(inp.text)]


def _check_double_bang(inp: CheckInput, rule: Rule) -> list[Diagnostic]:
    if "!!" not in inp.text:
        return []
    return [inp.diagnostic(rule, m.start(), m.end()) for m in _DOUBLE_BANG_RE.finditer(inp.text)]


RULES = [
    Rule(
        code="TN001",
        name="caps-shouting",
        severity=E,
        message="Слово написано капслоком — в переписке это крик. Напишите обычными буквами; важное выделите смыслом, а не регистром.",
        why="Капслок читается как повышенный голос и агрессия (статья 004: «Вы ДОЛЖНЫ купить это!»).",
        fix="Напишите слово строчными буквами.",
        check=_check_caps,
        fail=("Ты ДОЛЖЕН это купить!", "СКИДКА только для вас", "Берите СЕЙЧАС"),
        passes=(
            "Кабель HDMI и переходник USB-C в комплекте.", "Цена указана с НДС, ООО «Ромашка».", "Смартфон Galaxy S24 Ultra PRO",
            "Статус заказа №2045: ОТПРАВЛЕН.",
            "Обязательно возьмите на сделку паспорт и СНИЛС.",
        ),
    ),
    Rule(
        code="TN002",
        name="exclamation-shouting",
        severity=E,
        message="Три и более восклицательных знака подряд — это крик. Оставьте один знак или точку.",
        why="Серия «!!!» звучит как нажим и снижает доверие к предложению (статья 004).",
        fix="Оставьте один восклицательный знак.",
        check=_check_bangs,
        fail=("Скидка на чехлы!!!", "Вы что?!?"),
        passes=("Спасибо за заказ!", "Добавить в заказ?"),
    ),
    Rule(
        code="TN003",
        name="double-exclamation",
        severity=W,
        message="Два восклицательных знака подряд звучат навязчиво. Оставьте один.",
        why="Избыток восклицаний делает сообщение крикливым; один знак выражает радость достаточно.",
        fix="Оставьте один восклицательный знак.",
        check=_check_double_bang,
        fail=("Спасибо за заказ!!",),
        passes=("Спасибо за заказ!", "Скидка!!!"),
    ),
    Rule(
        code="TN004",
        name="condescension",
        severity=E,
        message="Грубость или снисходительность к клиенту («вы что, не понимаете?», «не будьте жадным»). Сохраняйте уважительный тон и уточните, что смущает клиента.",
        why="Снисходительный тон оскорбляет клиента; после такого он уходит и рассказывает о вас другим (статья 003).",
        fix="Понимаю ваши сомнения. Что именно смущает — цена или сроки?",
        patterns=(
            "вы|ты ~0 что ~1 не ~0 @понимать:2per|@видеть:2per|@слышать:2per|@читать:2per",
            "не ~0 будьте|будь ~0 @жадный|@скупой|@наивный|@глупый|@ребенок|@жадина|@скряга|@скупердяй",
            "вам|тебе ~0 что ~0 жалко|жаль|сложно|трудно",
            "@жадничать:impr|@экономить:impr ~1 на",
            "ну ~0 как ~0 @хотеть:2per",
            "вы|ты ~0 вообще|что ~1 @читать:2per|@слушать:2per|@понимать:2per|@слышать:2per",
            "я ~0 же ~2 @объяснить:past|@сказать:past|@писать:past|@говорить:past",
            "вы|ты ~2 ничего ~0 не ~0 @понять:past|@понимать:2per",
            "@морочить ~1 голову",
            "что ~0 тут|здесь ~0 непонятного",
            "ваши|твои ~0 проблемы",
            "не ~0 @жаловаться:impr",
            "неужели ~2 жалко|жаль|сложно",
            "вам|тебе ~1 жалко",
            "вы|ты ~1 @издеваться:2per|@уснуть:past|@заснуть:past|@спать:2per|@уснуть:2per",
            "это ~0 же ~0 элементарно|очевидно",
            "дело ~0 ваше|твое",
            "раз ~0 такой|такая|такие ~0 @умный|@умник",
            "ну ~0 и ~0 @сидеть:impr|@ходить:impr|@оставаться:impr|@мучиться:impr|@страдать:impr",
            "что ~0 за ~0 бред|ерунда|чушь",
            "не ~0 надо ~1 тут? ~0 торговаться|спорить|ныть",
            "не ~0 @обязанный:ADJS ~1 вам|тебе ~2 @повторять|@объяснять",
            "<num>|десять|сто ~0 раз ~0 @повторять|@объяснять",
            "вы|ты ~0 серьезно ~0 @отказываться:2per",
            "это ~1 глупо|тупо|несерьезно",
            "вы|ты ~1 не ~0 @понимать:2per ~0 @свой ~0 @выгода",
            "не ~0 @жадничать:impr|@скупиться:impr|@мелочиться:impr",
            "потом ~0 не ~0 @просить:impr",
            "@заблокировать:1per|@забанить:1per",
            "не ~0 @искать:impr ~0 @отговорка|@оправдание|@повод",
            "@быть:2per,futr ~0 @дурак|@глупец|@лох|@идиот|@лузер",
            "@тратить ~0 мое|наше ~0 время",
            "либо ~2 либо ~0 не ~0 @писать:impr|@звонить:impr|@приходить:impr|@отвлекать:impr",
            "вы|ты ~0 что ~0 серьезно",
            "@читать:impr|@слушать:impr ~0 внимательнее",
            "в ~0 @третий|@пятый|@десятый|@сотый|который ~0 раз ~0 @объяснять:1per|@говорить:1per|@повторять:1per",
            "ну ~0 вы|ты ~0 @давать:2per",
            "даже ~4 не ~0 @мочь:2per",
            "глуп* ~0 @вопрос",
            "@вопрос ~0 глуп*",
            "все ~0 так ~0 @говорить:3per",
            "нет ~0 времени ~1 на ~0 ваши|твои",
            "не ~0 @спорить:impr",
            "кому ~0 вы|ты ~0 @нужный:ADJS",
            "вы|ты ~0 опять|снова ~1 @подумать:2per|@думать:2per",
            "даже ~0 @ребенок|@школьник ~1 бы? ~0 @понять:past",
            "зачем ~0 вы|ты ~2 @прийти:past|@приходить:past|@звонить:past",
            "не ~0 надо ~0 мне ~0 тут? ~0 @рассказывать|@говорить",
            "не ~0 @смешить:impr|@тупить:impr|@тормозить:impr|@валять:impr|@выпендриваться:impr|@ломаться:impr",
            "как ~0 столб|истукан|баран|маленький|маленькая|ребенок",
            "русским ~0 языком",
            "у ~0 меня ~1 другие ~0 @клиент|@покупатель|@дело",
            "не ~0 @хотеть:2per ~0 не ~0 надо",
            "потом ~0 не ~0 @приходить:impr|@жаловаться:impr|@звонить:impr|@плакать:impr|@обижаться:impr",
            "не ~0 @приходить:impr ~2 @плакать|@жаловаться",
            "таких ~0 как ~0 вы|ты",
            "ваше|твое ~0 дело",
            "на ~0 вашей|твоей ~0 совести",
            "не ~0 @приходить:impr|@прибегать:impr|@обращаться:impr|@звонить:impr|@жаловаться:impr ~1 потом|@жалоба|@претензия",
            "для ~0 @непонятливый|@тупой|@одаренный|@бестолковый|@глухой",
            "для ~0 особо ~0 @одаренный|@умный|@непонятливый",
            "еще ~0 раз ~0 @повторять:1per",
            "мне ~0 все ~0 равно ~0 <end>",
            "не ~0 @хотеть:2per ~0 не ~0 @брать:impr|@покупать:impr|надо",
            "я ~0 что ~1 @должный:ADJS|@обязанный:ADJS ~1 @уговаривать|@упрашивать",
            "не ~0 @задавать:impr ~0 лишних ~0 вопросов",
            "вы|ты ~0 что ~2 не ~0 @уметь:2per",
            "вы|ты ~0 же? ~1 все ~0 равно ~0 не ~0 @разбираться:2per",
            "@брать:impr ~2 что ~0 я ~0 @сказать:past",
            "может ~0 вам|тебе ~0 вообще ~3 не ~0 стоит",
            "зачем ~0 вы|ты ~0 тогда ~0 вообще? ~0 @писать|@звонить|@приходить",
            "если ~0 бы ~1 вы|ты ~0 хоть ~0 немного|чуть-чуть|капельку ~0 @разбираться|@понимать|@думать",
            "не ~0 @благотворительный ~0 @организация|@фонд|@общество",
            "че|что ~0 непонятного|неясного ~0 <end>",
            "вы|ты ~3 явно|совсем|вообще|совершенно ~0 не ~0 @разбираться:2per|@понимать:2per",
            "кто ~0 вам|тебе ~0 вообще? ~0 @сказать:past ~1 что ~0 это ~0 дорого",
            "хоть ~0 раз ~0 @видеть:past",
            "как ~0 для ~0 @ребенок|маленьких|@дурак|@тупой",
            "вы|ты ~0 вообще ~0 @читать:past|@слушать:past",
            "черным ~0 по ~0 белому",
            "ну-ну",
            "вы|ты ~0 @собираться:2per ~1 и ~0 дальше",
            "не ~0 будь|будьте ~0 жмотом|жадиной|скрягой|крохобором",
            "вы|ты ~0 хоть ~1 @почитать:impr|@прочитать:impr|@прочесть:impr",
            "прежде ~0 чем ~0 @спрашивать|@задавать",
            "не ~0 стоит ~0 @спорить ~1 со|с ~0 @специалист|@мастер|@профессионал",
            "если ~0 ты|вы ~3 не ~0 @отличать:2per",
            "@объяснять:1per|@повторять:1per ~2 в ~0 третий|пятый|десятый|@который ~0 раз",
        ),

        fail=(
            "Вы что, не понимаете, это выгодно?",
            "Не будьте жадным, возьмите гарантию.",
            "Ну, как хотите.",
            "Вам что, жалко трёх тысяч?",
            "Ещё раз повторяю для непонятливых: гарантия не распространяется.",
            "Вы что, читать не умеете? Там же написано.",
            "Вы вообще читали, что я написал? Там же чёрным по белому.",
            "Серьёзно? Вы собираетесь и дальше ездить на лысой резине? Ну-ну.",
            "Объясняю в третий раз, для особо одарённых: монтаж в цену не входит.",
        ),
        passes=("Понимаю. Что для вас приоритетнее — цена или срок службы?", "Если хотите, пришлю сравнение моделей."),
    ),
]

__all__ = ["RULES"]
