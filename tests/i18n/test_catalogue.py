"""The UI catalogue is complete: every key in every language, every plural with exactly the
forms Babel's CLDR rules ask for, the same placeholders everywhere; and the language a page
is shown in is chosen as the request asks."""

from __future__ import annotations

import pytest
from starlette.requests import Request

from web.i18n import LANGUAGES, Plural, Text, Words, ui_language
from web.i18n.catalogue import messages, placeholders, plural_categories
from web.i18n.choose import from_accept_language


def test_every_key_has_every_language_with_the_same_placeholders() -> None:
    problems: list[str] = []
    for key, message in messages().items():
        texts: dict[str, list[str]] = {}
        if isinstance(message, Text):
            texts = {lang: [text] for lang, text in message.forms().items()}
        else:
            assert isinstance(message, Plural)
            for lang, forms in message.forms().items():
                wanted = plural_categories(lang)
                if set(forms) != wanted:
                    problems.append(f"{key} [{lang}]: forms {sorted(forms)}, CLDR {sorted(wanted)}")
                texts[lang] = list(forms.values())
        for lang in LANGUAGES:
            if not all(t.strip() for t in texts.get(lang, [])) or not texts.get(lang):
                problems.append(f"{key}: no {lang}")
        english = placeholders(texts["en"][0])
        for lang, variants in texts.items():
            for text in variants:
                if placeholders(text) != english:
                    problems.append(f"{key} [{lang}]: {sorted(placeholders(text))} ≠ {english}")
    assert problems == []


def test_the_completeness_check_sees_a_missing_form() -> None:
    # The rule the test above applies, on a deliberately broken message.
    broken = Plural(en={"one": "{count} visit", "other": "{count} visits"}, et={}, ru={})
    assert set(broken.ru) != plural_categories("ru") == {"one", "few", "many", "other"}
    assert placeholders("{count} visits by {host}") == {"count", "host"}


@pytest.mark.parametrize(
    ("lang", "counts"),
    [
        ("en", {1: "1 visit", 2: "2 visits", 5: "5 visits", 21: "21 visits"}),
        ("et", {1: "1 külastus", 2: "2 külastust", 5: "5 külastust"}),
        ("ru", {1: "1 визит", 2: "2 визита", 5: "5 визитов", 21: "21 визит", 11: "11 визитов"}),
    ],
)
def test_plural_forms_follow_cldr(lang: str, counts: dict[int, str]) -> None:
    words = Words(lang)
    for count, expected in counts.items():
        assert words.n("admin.count.visits", count) == expected


def test_numbers_are_written_as_the_language_does() -> None:
    assert Words("en").number(2.0) == "2"
    assert Words("et").number(2.5) == "2,5"
    assert Words("ru").number(0.5) == "0,5"


def _request(query: str = "", cookie: str = "", accept: str = "") -> Request:
    headers = []
    if cookie:
        headers.append((b"cookie", f"frontdesk_lang={cookie}".encode()))
    if accept:
        headers.append((b"accept-language", accept.encode()))
    scope = {"type": "http", "query_string": query.encode(), "headers": headers}
    return Request(scope)


def test_language_comes_from_query_then_cookie_then_browser() -> None:
    assert ui_language(_request()) == "en"
    assert ui_language(_request(accept="et-EE,et;q=0.9,en;q=0.8")) == "et"
    assert ui_language(_request(accept="de-DE,ru;q=0.5,en;q=0.4")) == "ru"
    assert ui_language(_request(accept="fr, de")) == "en"
    assert ui_language(_request(cookie="ru", accept="et")) == "ru"
    assert ui_language(_request(query="lang=et", cookie="ru", accept="en")) == "et"
    assert ui_language(_request(query="lang=xx", cookie="zz", accept="en;q=0, et")) == "et"
    assert from_accept_language("ru;q=bad, et;q=0.2") == "et"


PHONES = ["abc", "5555 0101", "+999 1234 5678", "+372 5", "+372 55", "+37255550101010101010"]
HOURS = ["", "Mon-Fri 08:00-18:00; Mon 09:00-10:00", "Xyz 08:00-18:00", "Mon", "Mon 25:00-26:00"]
HOURS += ["Mon 18:00-08:00"]


def test_core_refusals_are_said_in_every_language() -> None:
    from core.dates.hours import HoursError, OpeningHours
    from core.text.phones import PhoneError, to_e164

    codes: set[str] = set()
    for raw in PHONES:
        with pytest.raises(PhoneError) as phone:
            to_e164(raw)
        codes.add(f"admin.error.phone.{phone.value.code}")
        for lang in ("et", "ru"):
            assert Words(lang).error("admin.error.phone", phone.value) != str(phone.value)
        assert Words("en").error("admin.error.phone", phone.value) == str(phone.value)
    for text in HOURS:
        with pytest.raises(HoursError) as hours:
            OpeningHours.parse(text)
        codes.add(f"admin.error.hours.{hours.value.code}")
        for lang in ("et", "ru"):
            assert Words(lang).error("admin.error.hours", hours.value) != str(hours.value)
    # every code the catalogue knows was produced by one of the inputs above
    known = {k for k in messages() if k.startswith(("admin.error.phone.", "admin.error.hours."))}
    assert codes == known
