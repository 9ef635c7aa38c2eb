"""Segment counting as the network does it, and replies made fit for a text message."""

from __future__ import annotations

import pytest

from channels.sms.compose import MAX_SEGMENTS, cheapest, compose, plain
from channels.sms.segments import count


@pytest.mark.parametrize(
    ("text", "encoding", "units", "segments"),
    [
        ("", "GSM-7", 0, 0),
        ("a" * 160, "GSM-7", 160, 1),
        ("a" * 161, "GSM-7", 161, 2),
        ("a" * 306, "GSM-7", 306, 2),
        ("a" * 307, "GSM-7", 307, 3),
        ("€" * 80, "GSM-7", 160, 1),  # an extension character costs two septets
        ("€" * 81, "GSM-7", 162, 2),
        ("Jüri Tamm, Mägi, Öö", "GSM-7", 19, 1),  # ä ö ü are in the GSM alphabet
        ("Tõnu", "UCS-2", 4, 1),  # õ is not
        ("ж" * 70, "UCS-2", 70, 1),
        ("ж" * 71, "UCS-2", 71, 2),
        ("ж" * 134, "UCS-2", 134, 2),
        ("ж" * 135, "UCS-2", 135, 3),
        ("Hello — there", "UCS-2", 13, 1),  # one em dash makes it all UCS-2
        ("😀", "UCS-2", 2, 1),  # outside the BMP: a surrogate pair
    ],
)
def test_counts(text: str, encoding: str, units: int, segments: int) -> None:
    found = count(text)
    assert (found.encoding, found.units, found.segments) == (encoding, units, segments)


def test_a_pair_is_never_split_across_segments() -> None:
    # 134 units would be two segments by division, but the emoji would straddle the
    # boundary: it moves whole to the second segment and the text needs a third.
    assert count("a" * 66 + "😀" + "a" * 66).segments == 3
    assert count("a" * 152 + "€" + "a" * 152).segments == 3


def test_typography_is_made_plain_only_when_that_makes_the_message_gsm() -> None:
    english = "Just to confirm: James Wilson — is that right? “Yes” or “no”…"
    assert cheapest(english) == 'Just to confirm: James Wilson - is that right? "Yes" or "no"...'
    assert count(cheapest(english)).encoding == "GSM-7"
    russian = "Уточню: Иван Петров — верно? Ответьте «да» или «нет»."
    assert cheapest(russian) == russian  # UCS-2 anyway: the typography stays
    estonian = "Täpsustan: Tõnu Õunapuu – kas on õige?"
    assert cheapest(estonian) == estonian


def test_no_markup_reaches_a_phone() -> None:
    assert plain("**Wi-Fi**: `Frontdesk-Guest`\n\n see [the map](https://x.test/map)") == (
        "Wi-Fi: Frontdesk-Guest see the map https://x.test/map"
    )
    assert plain("welcome_guest and 2*3") == "welcome_guest and 2*3"


def test_a_long_reply_keeps_its_first_sentence_and_its_question() -> None:
    filler = ["This sentence is here only to take up room in the reply, nothing more."] * 12
    body = compose(["Parking is in the yard.", *filler, "Who are you here to see?"])
    assert count(body).segments <= MAX_SEGMENTS
    assert body.startswith("Parking is in the yard.")
    assert body.endswith("Who are you here to see?")


def test_one_overlong_sentence_is_cut_at_a_word() -> None:
    body = compose(["слово " * 200])
    assert count(body).segments == MAX_SEGMENTS
    assert body.endswith("слово…")
