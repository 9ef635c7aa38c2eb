"""The badge PDF: names in any of our scripts come back out of it as text, the label is a
real label size, and the QR code reads back as the visit id."""

from __future__ import annotations

import io
from typing import cast

import pypdf
import pypdfium2
import pytest
import zxingcpp
from pypdf.generic import DictionaryObject
from reportlab.lib.units import inch, mm

from channels.badges.fonts import FontChain
from channels.badges.pdf import render_badge
from core.badges.printer import BadgeCard


def card(name: str, **more: object) -> BadgeCard:
    values: dict[str, object] = {
        "visit_id": 42,
        "visitor_name": name,
        "company": "ООО Ромашка",
        "host_line": "Võõrustaja: Tõnu Õunapuu",
        "date_line": "23.11.2026",
        "title": "KÜLALINE",
    }
    values.update(more)
    return BadgeCard(**values)  # type: ignore[arg-type]


def text_of(pdf: bytes) -> str:
    return pypdf.PdfReader(io.BytesIO(pdf)).pages[0].extract_text()


@pytest.fixture(scope="module")
def fonts() -> FontChain:
    return FontChain.find()


@pytest.mark.parametrize(
    "name", ["Анна Смирнова", "Tõnu Õunapuu", "Šarlote Žukauskaitė", "Jüri Mägi-Öö", "Ανδρέας"]
)
def test_the_name_comes_back_out_of_the_pdf(fonts: FontChain, name: str) -> None:
    text = text_of(render_badge(card(name), label="62x100mm", fonts=fonts))
    assert name in text
    assert "ООО Ромашка" in text and "Võõrustaja: Tõnu Õunapuu" in text and "KÜLALINE" in text


def test_a_long_name_wraps_rather_than_vanishing(fonts: FontChain) -> None:
    name = "Анастасия Владимировна Кузнецова-Петрова"
    text = text_of(render_badge(card(name), label="62x100mm", fonts=fonts))
    assert " ".join(text.split()).count(name) == 1  # on two or three lines, all of it


@pytest.mark.parametrize(
    ("label", "size"), [("62x100mm", (100 * mm, 62 * mm)), ("4x3in", (4 * inch, 3 * inch))]
)
def test_label_sizes(fonts: FontChain, label: str, size: tuple[float, float]) -> None:
    page = pypdf.PdfReader(io.BytesIO(render_badge(card("Tom"), label=label, fonts=fonts))).pages[0]
    assert (float(page.mediabox.width), float(page.mediabox.height)) == pytest.approx(size)


def test_the_qr_code_carries_the_visit_id(fonts: FontChain) -> None:
    pdf = render_badge(card("Анна Смирнова"), label="62x100mm", fonts=fonts)
    image = pypdfium2.PdfDocument(pdf)[0].render(scale=4).to_pil()
    assert [code.text for code in zxingcpp.read_barcodes(image)] == ["frontdesk:visit:42"]


def test_qr_codes_of_every_size_read_back_one_after_another(fonts: FontChain) -> None:
    """Codes of different versions (and so lengths), drawn in turn, each read back as their
    own visit id: nothing one code's encoding leaves behind changes the next."""
    for visit_id in (7, 123_456_789, 10**20, 42, 10**40, 3):
        pdf = render_badge(card("Tom Baker", visit_id=visit_id), label="62x100mm", fonts=fonts)
        image = pypdfium2.PdfDocument(pdf)[0].render(scale=4).to_pil()
        read = [code.text for code in zxingcpp.read_barcodes(image)]
        assert read == [f"frontdesk:visit:{visit_id}"]


def test_the_fonts_cover_our_languages_and_say_what_they_cannot(fonts: FontChain) -> None:
    assert fonts.covers("ÕõÄäÖöÜüŠšŽž Ёё Жж Щщ Ыы")
    assert fonts.missing("Tom \ue000") == "\ue000"  # a private-use character: nobody has it


@pytest.mark.parametrize("name", ["Tõnu Õunapuu", "Анна Смирнова"])
def test_the_qr_code_is_error_correction_m_beside_an_estonian_or_russian_name(
    fonts: FontChain, name: str
) -> None:
    """The code survives a scuffed label (level M, ~15 % of it) and sits beside the name."""
    pdf = render_badge(card(name, visit_id=2026), label="4x3in", fonts=fonts)
    assert name in text_of(pdf)
    image = pypdfium2.PdfDocument(pdf)[0].render(scale=4).to_pil()
    [code] = zxingcpp.read_barcodes(image)
    assert (code.text, code.ec_level) == ("frontdesk:visit:2026", "M")


def test_the_fonts_are_embedded_so_any_printer_draws_the_names(fonts: FontChain) -> None:
    pdf = render_badge(card("Анна Смирнова Õie"), label="62x100mm", fonts=fonts)
    page = pypdf.PdfReader(io.BytesIO(pdf)).pages[0]
    resources = cast(DictionaryObject, page["/Resources"])
    listed = cast(DictionaryObject, resources["/Font"]).values()
    fonts_listed = [cast(DictionaryObject, font.get_object()) for font in listed]
    # reportlab lists its initial font, Helvetica, though no text is drawn in it
    used = [font for font in fonts_listed if str(font["/BaseFont"]) != "/Helvetica"]
    assert used and all(
        str(font["/Subtype"]) == "/TrueType"
        and "/FontFile2" in cast(DictionaryObject, font["/FontDescriptor"])
        for font in used
    )


def test_each_character_is_drawn_in_its_own_weight_every_time(fonts: FontChain) -> None:
    text = "Õie Ёжик"
    bold = fonts.runs(text, bold=True)
    assert fonts.runs(text, bold=True) == bold  # the second time, from what it learnt
    regular = fonts.runs(text)
    assert "".join(piece for _, piece in bold) == "".join(piece for _, piece in regular) == text
    assert {face for face, _ in bold}.isdisjoint(face for face, _ in regular)


def test_a_badge_is_drawn_without_deflating_its_streams(fonts: FontChain) -> None:
    """Zlib was a third of a badge's CPU; the file is still small (its fonts are subsets)
    and still reads back whole."""
    pdf = render_badge(card("Анна Смирнова"), label="62x100mm", fonts=fonts)
    assert b"/FlateDecode" not in pdf and len(pdf) < 80_000
    assert "Анна Смирнова" in text_of(pdf)
