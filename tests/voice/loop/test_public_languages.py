"""The action card, its follow-up code, /check and the boards in Welsh and Arabic (issue 15):
the words come from the catalogs, `lang`/`dir` follow the link, the switcher keeps the page,
form problems are explained in the language, and what is stored stays the canonical value."""

from __future__ import annotations

import re
from html import unescape

import pytest
from sqlalchemy import select

from tests.support.bidi import without_isolates
from voice.loop.models import ActionCard

from .test_public_pages import PAGE_BUDGET, form_token

HTML_TAG = {"cy": '<html lang="cy" dir="ltr">', "ar": '<html lang="ar" dir="rtl">'}


def page(response, lang: str) -> str:
    """The page's text, after checking it is in `lang`, small, and has the help link."""
    html = without_isolates(unescape(response.get_data(as_text=True)))
    assert HTML_TAG[lang] in html
    assert len(response.get_data()) <= PAGE_BUDGET
    assert f'href="/help?lang={lang}"' in html  # the language is kept in every link
    return html


def switcher(html: str) -> str:
    return re.search(r'<nav class="lang-nav".*?</nav>', html, re.S).group(0)


def test_the_card_page_in_welsh_with_its_switcher(client, loop, people):
    link = loop.link(people["service"])
    html = page(client.get(f"/card/{link.token}?lang=cy"), "cy")
    assert "Beth ddylai CAMHS roi’r gorau iddo, ei ddechrau neu ei newid?" in html
    assert "Rhoi’r gorau: dylen nhw roi’r gorau i wneud rhywbeth" in html
    assert "Faint yw eich oed chi?" in html and "(dewisol)" in html
    assert ">Anfon fy ngherdyn</button>" in html
    # The age bands are in Welsh; the values sent are the same codes as in English.
    assert re.search(r'value="0-7">\s*<label[^>]*>7 neu iau<', html)
    assert f'action="/card/{link.token}?lang=cy"' in html
    assert f'href="/card/{link.token}?lang=ar" lang="ar"' in switcher(html)


def test_a_card_problem_is_explained_in_welsh(client, loop, people):
    link = loop.link(people["service"])
    token = form_token(client.get(f"/card/{link.token}?lang=cy").get_data(as_text=True))
    response = client.post(f"/card/{link.token}?lang=cy", data={
        "form_token": token, "what": "x" * 1100})
    html = page(response, "cy")
    assert "Mae problem" in html
    assert "Dewiswch roi’r gorau, dechrau neu newid" in html
    assert "Defnyddiwch 1,000 nod neu lai. Rydych chi wedi defnyddio 1,100" in html


def test_an_arabic_card_is_received_in_arabic_and_stored_as_the_canonical_age(
        client, session, loop, people, fake_analysis):
    link = loop.link(people["service"])
    token = form_token(client.get(f"/card/{link.token}?lang=ar").get_data(as_text=True))
    response = client.post(f"/card/{link.token}?lang=ar", data={
        "form_token": token, "kind": "change", "what": "الانتظار طويل", "age_band": "14-15"})
    html = page(response, "ar")
    assert "وصلتنا بطاقتك" in html and "احصل على رمز متابعة" in html
    card = session.scalar(select(ActionCard))
    assert (card.kind, card.age_band) == ("change", "14-15")

    code_page = page(client.post(f"/card/{link.token}/code?lang=ar",
                                 data={"form_token": token}), "ar")
    assert "رمز المتابعة الخاص بك" in code_page and "احفظه كصورة" in code_page
    code = re.search(r'id="code">([A-Z0-9-]+)<', code_page).group(1)

    journey = page(client.post("/check?lang=ar", data={"code": code}), "ar")
    assert "ماذا حدث لبطاقتك" in journey and "ليس بعد. سيقرؤها شخص قريبًا." in journey
    assert "«غيّر»" in journey  # the kind of card, in Arabic
    assert ">احذف بطاقتي</button>" in journey


def test_check_problems_in_welsh(client):
    empty = page(client.post("/check?lang=cy", data={"code": " "}), "cy")
    assert "Rhowch eich cod dilynol" in empty and "Mae problem" in empty
    wrong = page(client.post("/check?lang=cy", data={"code": "KX7-M42-PQ9"}), "cy")
    assert "Allwn ni ddim dod o hyd i’r cod hwnnw" in wrong
    assert "Eich cod dilynol" in wrong  # the box's label


def test_unknown_and_paused_cards_in_welsh(client, session, loop, people):
    unknown = client.get("/card/zzzzzzzzzz?lang=cy")
    assert unknown.status_code == 404
    assert "Allwn ni ddim dod o hyd i’r cerdyn hwnnw" in page(unknown, "cy")
    link = loop.link(people["service"])
    link.is_paused = True
    session.commit()
    assert "Mae’r cerdyn hwn wedi’i oedi" in page(client.get(f"/card/{link.token}?lang=cy"), "cy")


def test_the_boards_in_arabic_and_welsh(client, loop, people):
    items = [loop.approved(people["service"]) for _ in range(3)]
    loop.commitment(people["service"], items=items, you_said="Waiting is scary",
                    we_will="Text everyone monthly")
    board = page(client.get("/you-said-we-did?lang=ar"), "ar")
    assert "<h1>قلتم، فعلنا</h1>" in board and "كيف تفهم الألوان" in board
    assert "برتقالي: يسير كما يجب" in board and "لم يبدأ" in board
    assert "3 شباب" in board  # "3 young people", Arabic plural for 3 to 10
    assert "Text everyone monthly" in board  # the service's own words are not translated
    assert 'href="/you-said-we-did?lang=cy" lang="cy"' in switcher(board)

    slug = people["service"].slug
    welsh = page(client.get(f"/you-said-we-did/{slug}?lang=cy"), "cy")
    assert "Fe ddywedoch chi: Waiting is scary" in welsh and "3 person ifanc" in welsh
    assert "Ambr: ar y trywydd iawn" in welsh and "Erbyn" in welsh
    poster = unescape(client.get(f"/you-said-we-did/{slug}/poster?lang=cy").get_data(as_text=True))
    assert "Byddwn ni’n:" in poster and HTML_TAG["cy"] in poster


@pytest.mark.parametrize("path", ["/you-said-we-did", "/check"])
def test_the_same_pages_stay_english_without_a_language(client, path):
    html = unescape(client.get(path).get_data(as_text=True))
    assert '<html lang="en" dir="ltr">' in html
    assert "Check what happened to your" in html


def test_deleting_a_card_in_arabic(client, session, loop, people, fake_analysis):
    link = loop.link(people["service"])
    token = form_token(client.get(f"/card/{link.token}").get_data(as_text=True))
    client.post(f"/card/{link.token}", data={"form_token": token, "kind": "stop",
                                             "what": "Stop the loud music"})
    code_page = client.post(f"/card/{link.token}/code", data={"form_token": token})
    code = re.search(r'id="code">([A-Z0-9-]+)<', code_page.get_data(as_text=True)).group(1)
    ask = page(client.post("/check/delete?lang=ar", data={"code": code}), "ar")
    assert "هل تريد حذف بطاقتك؟" in ask and f"سيتوقف رمز المتابعة {code} عن العمل." in ask
    assert ">نعم، احذف بطاقتي</button>" in ask and ">لا، احتفظ ببطاقتي</button>" in ask
    confirm = re.search(r'name="confirm" value="([^"]+)"', ask).group(1)
    done = page(client.post("/check/delete?lang=ar", data={"code": code, "confirm": confirm}),
                "ar")
    assert "تم حذف بطاقتك" in done and "ولم يعد رمز المتابعة يعمل" in done
    assert session.scalar(select(ActionCard)) is None
    gone = client.post("/check/delete?lang=ar", data={"code": code})
    assert gone.status_code == 404 and "ربما أحد حروف الرمز خاطئ" in page(gone, "ar")


@pytest.mark.parametrize(("path", "lang", "words"), [
    ("/privacy", "cy", "Beth dydyn ni ddim yn ei gasglu"),
    ("/privacy", "ar", "ما لا نجمعه"),
    ("/accessibility", "cy", "Gallwch chi chwyddo i 400% heb golli cynnwys"),
    ("/accessibility", "ar", "يمكنك التكبير حتى 400% دون"),
])
def test_privacy_and_accessibility_in_welsh_and_arabic(client, path, lang, words):
    html = page(client.get(f"{path}?lang={lang}"), lang)
    assert words in html
    assert f'href="{path}?lang=en" lang="en"' in switcher(html)


def _card_and_code(client, link) -> str:
    token = form_token(client.get(f"/card/{link.token}").get_data(as_text=True))
    client.post(f"/card/{link.token}", data={"form_token": token, "kind": "start",
                                             "what": "Start evening appointments"})
    code_page = client.post(f"/card/{link.token}/code", data={"form_token": token})
    return re.search(r'id="code">([A-Z0-9-]+)<', code_page.get_data(as_text=True)).group(1)


def test_a_hidden_cards_reason_and_its_date_in_welsh(client, session, loop, people,
                                                    fake_analysis):
    from datetime import date

    from voice.loop import moderation
    from voice.loop.models import VoiceItem

    code = _card_and_code(client, loop.link(people["service"]))
    moderation.hide_item(session, people["officer"], session.scalar(select(VoiceItem)),
                         reason="It is a test or nonsense")
    session.commit()
    html = page(client.post("/check?lang=cy", data={"code": code}), "cy")
    assert "Fydd e ddim yn cael ei ddangos yn gyhoeddus" in html
    assert "oherwydd roedd yn edrych fel neges brawf. Diolch am ddweud wrthym ni." in html
    welsh_months = ("Ionawr", "Chwefror", "Mawrth", "Ebrill", "Mai", "Mehefin", "Gorffennaf",
                    "Awst", "Medi", "Hydref", "Tachwedd", "Rhagfyr")
    sent = re.search(r"Cawson ni eich cerdyn ar (\d+) (\w+) (\d{4})\.", html)
    assert sent and sent.group(2) in welsh_months and int(sent.group(3)) >= date.today().year - 1


def test_the_saved_note_is_in_the_pages_language(client):
    note = client.post("/check/save?lang=cy", data={"code": "kx7-m42-pq9", "format": "txt"})
    text = note.get_data(as_text=True)
    assert text.startswith("Fy nghod dilynol Voice: KX7-M42-PQ9\n")
    assert "/check a theipio’r cod." in text
    english = client.post("/check/save", data={"code": "kx7-m42-pq9", "format": "txt"})
    assert english.get_data(as_text=True).startswith("My Voice follow-up code: KX7-M42-PQ9\n")


# Every page translated for issue 15 that has an address of its own, in both languages: a word
# from the catalog, `lang` and `dir`, and a switcher that keeps the same page.
GET_PAGES = {
    "card": ("/card/{card}", "Anfon fy ngherdyn", "أرسل بطاقتي"),
    "paused or unknown card": ("/card/zzzzzzzzzz", "Allwn ni ddim dod o hyd i’r cerdyn hwnnw",
                               "لا نجد تلك البطاقة"),
    "check": ("/check", "Eich cod dilynol", "رمز المتابعة الخاص بك"),
    "board": ("/you-said-we-did", "Sut i ddeall y lliwiau", "كيف تفهم الألوان"),
    "service board": ("/you-said-we-did/{slug}", "Fe ddywedoch chi: Waiting is scary",
                      "قلتم: Waiting is scary"),
    "poster": ("/you-said-we-did/{slug}/poster", "wedi’i gwneud i’w hargraffu ar A4",
               "صُمّمت هذه الصفحة لتُطبع على ورق A4"),
    "privacy": ("/privacy", "Beth rydyn ni’n ei gasglu", "ما نجمعه"),
    "accessibility": ("/accessibility", "Datganiad hygyrchedd", "بيان إمكانية الوصول"),
}


@pytest.mark.parametrize("lang", ["cy", "ar"])
@pytest.mark.parametrize("name", list(GET_PAGES))
def test_each_page_in_welsh_and_arabic_keeps_its_address_in_the_switcher(
        client, loop, people, name, lang):
    link = loop.link(people["service"])
    loop.commitment(people["service"], you_said="Waiting is scary")
    template, welsh, arabic = GET_PAGES[name]
    path = template.format(card=link.token, slug=people["service"].slug)
    response = client.get(f"{path}?lang={lang}")
    html = without_isolates(unescape(response.get_data(as_text=True)))
    assert HTML_TAG[lang] in html
    assert (welsh if lang == "cy" else arabic) in html
    other = "ar" if lang == "cy" else "cy"
    assert f'href="{path}?lang={other}" lang="{other}"' in switcher(html)


def test_english_words_keep_their_direction_inside_arabic_sentences(client, loop, people):
    """On a right-to-left page, a service's name or a young person's English words placed in an
    Arabic sentence are isolated (Unicode FSI ... PDI, as Fluent does), and words shown on
    their own take their direction from themselves: "Stop being late." would otherwise show its
    full stop on the wrong side. Left-to-right pages are unchanged."""
    items = [loop.approved(people["service"]) for _ in range(3)]
    loop.commitment(people["service"], items=items, you_said="Waiting is scary.",
                    we_will="Text everyone monthly.")
    slug = people["service"].slug
    arabic = unescape(client.get(f"/you-said-we-did/{slug}?lang=ar").get_data(as_text=True))
    name = people["service"].name
    assert f"\u2068{name}\u2069" in arabic and "\u2068Waiting is scary.\u2069" in arabic
    assert re.search(r"<title>[^<]*\u2068" + re.escape(name) + "\u2069", arabic)
    assert '<dd dir="auto">Text everyone monthly.</dd>' in arabic
    welsh = page(client.get(f"/you-said-we-did/{slug}?lang=cy"), "cy")
    assert "\u2068" not in welsh and "Fe ddywedoch chi: Waiting is scary." in welsh
