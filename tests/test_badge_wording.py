"""The receptionist says a badge is printing only when a printer is configured; without
one it sends the visitor to the front desk for it — in every language, in the web chat."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from frontdesk.settings import Settings
from tests.conftest import make_settings
from tests.visitor import Visitor

CHECK_IN: dict[str, tuple[str, ...]] = {
    "en": ("I'm Tom Baker from Acme, here to see Priya Patel", "yes"),
    "et": ("Tere! Mul on kohtumine Jüri Tammega", "jah", "Mari Kask", "Acme OÜ"),
    "ru": ("Здравствуйте, я Анна Смирнова из Acme, к Ивану Петрову", "да"),
}
PRINTING = {"en": "badge is printing", "et": "tuleb kohe printerist", "ru": "бейдж печатается"}
AT_DESK = {"en": "collect your badge at the front desk", "et": "infolauast", "ru": "на ресепшене"}


@pytest.fixture(params=[False, True], ids=["no-printer", "printer"])
def settings(request: pytest.FixtureRequest, db_url: str, tmp_path: Path) -> Settings:
    # The printer is never reached: workers are off, only what the visitor is told matters.
    printer = {"badge_printer": "Lobby_QL"} if request.param else {}
    return make_settings(db_url, tmp_path, run_workers=False, **printer)


@pytest.mark.parametrize("language", ["en", "et", "ru"])
async def test_the_badge_is_printing_only_with_a_printer(
    client: httpx.AsyncClient, settings: Settings, demo_directory: None, language: str
) -> None:
    printer = settings.badge_printer is not None
    visitor = await Visitor.arrive(client, language)
    for line in CHECK_IN[language]:
        done = await visitor.say(line)
    assert done["state"] == "complete", done
    said, not_said = (PRINTING, AT_DESK) if printer else (AT_DESK, PRINTING)
    assert said[language] in done["reply"], done["reply"]
    assert not_said[language] not in done["reply"]
