"""Vendor SDKs are optional extras: a server without keys imports none of them, and a key
set without its extra stops start-up with one line naming the extra, never a traceback.

The commands run as an operator runs them, in a process of their own; a `sitecustomize`
on PYTHONPATH makes the blocked SDKs unimportable there, as if they were not installed.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from frontdesk.providers.extras import MissingExtra
from frontdesk.providers.notifiers import choose_notifiers
from frontdesk.providers.understanding import choose_understanding
from tests.conftest import make_settings

FRONTDESK = str(Path(sys.executable).with_name("frontdesk"))
VENDOR_SDKS = ("anthropic", "openai", "slack_bolt", "slack_sdk", "twilio", "aiohttp")
CREDENTIALS = (
    "ANTHROPIC_API_KEY",
    "OPENAI_API_KEY",
    "SLACK_BOT_TOKEN",
    "SLACK_SIGNING_SECRET",
    "TWILIO_ACCOUNT_SID",
    "TWILIO_AUTH_TOKEN",
    "TWILIO_PHONE_NUMBER",
    "DEEPGRAM_API_KEY",
    "ELEVENLABS_API_KEY",
    "AZURE_SPEECH_KEY",
)


def environment(tmp_path: Path, **values: str) -> dict[str, str]:
    """The test's environment without any provider credential, plus `values`."""
    env = {k: v for k, v in os.environ.items() if k not in CREDENTIALS}
    return env | {
        "DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path}/extras.db",
        "FRONTDESK_DATA_DIR": str(tmp_path / "var"),
        "FRONTDESK_ENV": "test",
        **values,
    }


def without(tmp_path: Path, *modules: str) -> str:
    """A PYTHONPATH entry under which `modules` cannot be imported."""
    folder = tmp_path / "not-installed"
    folder.mkdir(exist_ok=True)
    (folder / "sitecustomize.py").write_text(
        f"import sys\nfor name in {modules!r}:\n    sys.modules[name] = None\n", "utf-8"
    )
    return str(folder)


@pytest.mark.parametrize(
    ("command", "credentials", "blocked", "message"),
    [
        (
            ["serve", "--port", "1"],
            {"ANTHROPIC_API_KEY": "sk-ant-test"},
            ("anthropic",),
            "ANTHROPIC_API_KEY is set but the anthropic extra is not installed: "
            "pip install 'frontdesk[anthropic]'",
        ),
        (
            ["demo", "--port", "1"],
            {"OPENAI_API_KEY": "sk-test"},
            ("openai",),
            "OPENAI_API_KEY is set but the openai extra is not installed: "
            "pip install 'frontdesk[openai]'",
        ),
        (
            ["worker"],
            {"SLACK_BOT_TOKEN": "xoxb-test", "SLACK_SIGNING_SECRET": "secret"},
            ("slack_bolt",),
            "SLACK_BOT_TOKEN is set but the slack extra is not installed: "
            "pip install 'frontdesk[slack]'",
        ),
        (
            ["chat"],
            {"TWILIO_ACCOUNT_SID": "AC" + "0" * 32, "TWILIO_AUTH_TOKEN": "token"},
            ("twilio",),
            "TWILIO_AUTH_TOKEN is set but the twilio extra is not installed: "
            "pip install 'frontdesk[twilio]'",
        ),
    ],
    ids=["anthropic", "openai", "slack", "twilio"],
)
def test_a_key_without_its_extra_is_one_line_at_start_up(
    tmp_path: Path,
    command: list[str],
    credentials: dict[str, str],
    blocked: tuple[str, ...],
    message: str,
) -> None:
    env = environment(tmp_path, **credentials, PYTHONPATH=without(tmp_path, *blocked))
    result = subprocess.run(
        [FRONTDESK, *command],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        stdin=subprocess.DEVNULL,
        timeout=60,
    )
    assert result.returncode == 2, result.stderr
    assert result.stderr == f"frontdesk: {message}\n"
    assert not (tmp_path / "extras.db").exists()  # refused before anything started


def test_the_same_key_with_its_extra_starts(tmp_path: Path) -> None:
    """The refusal above is the blocked import, not the key: with the SDK there, `chat`
    gets past the check (and stops at the unmigrated database instead)."""
    env = environment(tmp_path, ANTHROPIC_API_KEY="sk-ant-test")
    result = subprocess.run(
        [FRONTDESK, "chat"],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        stdin=subprocess.DEVNULL,
        timeout=60,
    )
    assert result.returncode == 2 and "frontdesk migrate" in result.stderr


def test_choosing_a_provider_without_its_extra_names_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Whoever opens a runtime without the CLI (an ASGI server importing `web.app`) gets
    the same sentence, not an ImportError."""
    monkeypatch.setitem(sys.modules, "openai", None)
    settings = make_settings("sqlite+aiosqlite:///:memory:", tmp_path, openai_api_key="sk-test")
    with pytest.raises(MissingExtra, match=r"pip install 'frontdesk\[openai\]'"):
        choose_understanding(settings)
    monkeypatch.setitem(sys.modules, "slack_sdk", None)
    settings = make_settings("sqlite+aiosqlite:///:memory:", tmp_path, slack_bot_token="xoxb-1")
    with pytest.raises(MissingExtra, match="SLACK_BOT_TOKEN is set but the slack extra"):
        choose_notifiers(settings, sessionmaker=None)  # type: ignore[arg-type]


PROBE = textwrap.dedent(
    """
    import asyncio, sys

    import httpx

    from frontdesk import cli

    cli.build_parser()
    from frontdesk import setup
    from frontdesk.settings import Settings
    from web.app import create_app

    async def main():
        settings = Settings()
        await setup.migrate(settings)
        app = create_app(settings)
        async with app.router.lifespan_context(app):
            transport = httpx.ASGITransport(app)
            async with httpx.AsyncClient(transport=transport, base_url="http://x") as client:
                health = await client.get("/health")
                sms = await client.post("/twilio/sms", data={"From": "+3725550000"})
                slack = await client.post("/slack/events", content=b"{}")
        print(health.status_code, sms.status_code, slack.status_code)
        print(",".join(sorted({name.split(".")[0] for name in sys.modules})))

    asyncio.run(main())
    """
)


def test_without_keys_no_vendor_sdk_is_imported(tmp_path: Path) -> None:
    """The server `frontdesk serve` runs, started and asked for /health, Twilio's and
    Slack's webhooks (refused without credentials), imports no vendor SDK."""
    env = environment(tmp_path, FRONTDESK_RUN_WORKERS="false")
    result = subprocess.run(
        [sys.executable, "-c", PROBE],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    statuses, modules = result.stdout.strip().splitlines()[-2:]
    assert statuses == "200 403 404"
    imported = set(modules.split(","))
    assert {"web", "frontdesk", "channels"} <= imported  # the probe did see the app
    assert imported.isdisjoint(VENDOR_SDKS), imported & set(VENDOR_SDKS)
