"""Docs that cannot drift: every setting and every CLI command is in the README."""

from __future__ import annotations

import argparse
from pathlib import Path

from frontdesk.cli import build_parser
from frontdesk.settings import Settings

README = (Path(__file__).resolve().parent.parent / "README.md").read_text("utf-8")


def test_every_setting_is_documented() -> None:
    for name, field in Settings.model_fields.items():
        env = field.alias or name.upper()
        assert f"`{env}`" in README or env in README, f"{env} is not in the README"


def _commands(parser: argparse.ArgumentParser, prefix: str = "frontdesk") -> list[str]:
    found = []
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                found.append(f"{prefix} {name}")
                found.extend(_commands(sub, f"{prefix} {name}"))
    return found


def test_every_cli_command_is_documented() -> None:
    for command in _commands(build_parser()):
        if command == "frontdesk admin":
            continue  # a group, documented through its commands
        assert f"`{command}" in README, f"{command} is not in the README"


def test_readme_opens_with_the_two_commands() -> None:
    blocks = README.split("```")
    assert "frontdesk demo" in blocks[1]
    assert blocks[3].strip().removeprefix("sh").strip() == "./scripts/test"
    ci = (Path(__file__).resolve().parent.parent / ".ci" / "run").read_text("utf-8")
    assert "./scripts/test" in ci


ROOT = Path(__file__).resolve().parent.parent


def test_the_readme_links_documents_inside_the_repository() -> None:
    import re

    links = re.findall(r"\]\(([^)#]+)(?:#[^)]*)?\)", README)
    local = [link for link in links if "://" not in link and not link.startswith("mailto:")]
    assert "docs/ARCHITECTURE.md" in local
    for link in local:
        assert (ROOT / link).resolve().is_relative_to(ROOT), link
        assert (ROOT / link).is_file(), f"the README links {link}, which is not there"


def test_every_path_the_architecture_names_exists() -> None:
    import re

    text = (ROOT / "docs" / "ARCHITECTURE.md").read_text("utf-8")
    paths = set(
        re.findall(r"`((?:core|channels|web|frontdesk|knowledge|tests|bench)/[\w/.]*)`", text)
    )
    assert len(paths) > 20
    for path in sorted(paths):
        candidates = [ROOT / path, ROOT / "channels" / "voice" / path]
        assert any(c.exists() for c in candidates), f"docs/ARCHITECTURE.md names {path}"
