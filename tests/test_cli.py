"""The `frontdesk` command, run as an operator runs it: a process with DATABASE_URL."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

FRONTDESK = str(Path(sys.executable).with_name("frontdesk"))
DEMO_CSV = Path(__file__).resolve().parent.parent / "frontdesk" / "demo_directory.csv"
HEADER = "name,department,email,phone,slack_id,aliases,active\n"


def run(
    db_url: str, *args: str, stdin: str = "", cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "DATABASE_URL": db_url}
    return subprocess.run(
        [FRONTDESK, *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        cwd=cwd,
    )


def test_every_command_has_help() -> None:
    for args in (
        ["--help"],
        ["migrate", "--help"],
        ["import-directory", "--help"],
        ["admin", "--help"],
        ["admin", "create-user", "--help"],
        ["admin", "create-token", "--help"],
        ["serve", "--help"],
        ["demo", "--help"],
        ["chat", "--help"],
    ):
        result = subprocess.run([FRONTDESK, *args], capture_output=True, text=True, timeout=30)
        assert result.returncode == 0, (args, result.stderr)
        assert "usage: frontdesk" in result.stdout


def test_migrate_creates_the_schema_on_a_new_sqlite_file(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path}/new.db"  # the plain URL people paste works too
    first = run(url, "migrate")
    assert first.returncode == 0, first.stderr
    assert "from empty to revision" in first.stdout
    again = run(url, "migrate")
    assert "up to date" in again.stdout


def test_import_counts_added_updated_deactivated(db_url: str, tmp_path: Path) -> None:
    result = run(db_url, "import-directory", str(DEMO_CSV))
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Added 20, updated 0, deactivated 0")
    changed = tmp_path / "changed.csv"
    changed.write_text(
        HEADER
        + "Sarah Chen,Platform,sarah.chen@example.com,,,,true\n"
        + "Sarah Miller,Marketing,sarah.miller@example.com,+3725550102,U0SARAHMILL,,false\n"
        + "New Person,Sales,new.person@example.com,,,,true\n",
        "utf-8",
    )
    result = run(db_url, "import-directory", str(changed))
    assert result.stdout.startswith("Added 1, updated 1, deactivated 1"), result.stdout


def test_a_bad_file_imports_nothing_and_names_the_lines(db_url: str, tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text(
        HEADER
        + "Good Person,Sales,good@example.com,,,,true\n"
        + "No Email,Sales,not-an-email,,,,true\n"
        + "Bad Flag,Sales,flag@example.com,,,,maybe\n"
        + "Short,Row\n",
        "utf-8",
    )
    result = run(db_url, "import-directory", str(bad))
    assert result.returncode == 1
    assert "nothing was imported" in result.stderr
    assert "line 3, column email: 'not-an-email' is not a valid e-mail" in result.stderr
    assert "line 4, column active: write true or false" in result.stderr
    assert "line 5: expected 7 columns, found 2" in result.stderr
    assert "Traceback" not in result.stderr
    dry = run(db_url, "import-directory", "--dry-run", str(DEMO_CSV))
    assert dry.stdout.startswith("Would add 20")  # the good row above was not imported


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("", "the file is empty"),
        ("email,name\n", "line 1: the header must be"),
        (HEADER.encode("utf-16").decode("latin-1"), "not UTF-8"),
    ],
)
def test_malformed_files_are_explained(
    db_url: str, tmp_path: Path, content: str, message: str
) -> None:
    path = tmp_path / "x.csv"
    path.write_text(content, "latin-1")
    result = run(db_url, "import-directory", str(path))
    assert result.returncode == 1 and message in result.stderr, result.stderr


def test_missing_file_is_one_line(db_url: str) -> None:
    result = run(db_url, "import-directory", "/nonexistent/people.csv")
    assert result.returncode == 2
    assert result.stderr.strip().startswith("frontdesk: cannot read /nonexistent/people.csv")


def test_admin_user_and_token(db_url: str) -> None:
    created = run(
        db_url,
        "admin",
        "create-user",
        "Admin@Example.com",
        "--password-stdin",
        stdin="correct horse battery\n",
    )
    assert created.returncode == 0, created.stderr
    duplicate = run(
        db_url,
        "admin",
        "create-user",
        "admin@example.com",
        "--password-stdin",
        stdin="correct horse battery\n",
    )
    assert duplicate.returncode == 2 and "already exists" in duplicate.stderr
    short = run(db_url, "admin", "create-user", "b@example.com", "--password-stdin", stdin="x\n")
    assert short.returncode == 2 and "at least" in short.stderr
    token = run(db_url, "admin", "create-token", "kiosk")
    assert token.returncode == 0 and token.stdout.strip().startswith("fd_")


def test_commands_refuse_an_unmigrated_database(tmp_path: Path) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path}/empty.db"
    result = run(url, "admin", "create-token", "x")
    assert result.returncode == 2 and "frontdesk migrate" in result.stderr
    result = run(url, "import-directory", str(DEMO_CSV))
    assert result.returncode == 2 and "frontdesk migrate" in result.stderr


def test_version() -> None:
    result = subprocess.run([FRONTDESK, "--version"], capture_output=True, text=True, timeout=30)
    assert result.returncode == 0 and result.stdout.startswith("frontdesk ")
    assert result.stdout.split()[1][0].isdigit()


def _without_database_url() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}


def test_an_empty_folder_is_told_to_migrate_and_keeps_no_file(tmp_path: Path) -> None:
    for args in (["admin", "create-token", "x"], ["chat"], ["serve", "--port", "1"]):
        result = subprocess.run(
            [FRONTDESK, *args],
            capture_output=True,
            text=True,
            timeout=60,
            cwd=tmp_path,
            env=_without_database_url(),
            stdin=subprocess.DEVNULL,
        )
        assert result.returncode == 2, (args, result.stderr)
        [line] = result.stderr.splitlines()
        assert "no frontdesk database at frontdesk.db" in line and "frontdesk migrate" in line
        assert list(tmp_path.iterdir()) == [], args  # no empty frontdesk.db left behind


def test_chat_shows_the_greeting_first(db_url: str) -> None:
    result = run(db_url, "chat", "--language", "et", stdin="quit\n")
    assert result.returncode == 0, result.stderr
    first = next(line for line in result.stdout.splitlines() if line.startswith("frontdesk>"))
    assert "Kelle juurde te tulite?" in first


def _busy_port() -> socket.socket:
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen()
    return sock


def test_a_busy_port_is_one_line_before_any_password(db_url: str) -> None:
    with _busy_port() as busy:
        port = busy.getsockname()[1]
        for command in ("serve", "demo"):
            result = run(db_url, command, "--port", str(port))
            assert result.returncode == 2, result.stderr
            [line] = result.stderr.splitlines()
            assert f"port {port}" in line and "in use" in line
            assert "password" not in result.stdout


def test_demo_will_not_mix_its_people_into_a_real_directory(db_url: str, tmp_path: Path) -> None:
    real = tmp_path / "real.csv"
    real.write_text(HEADER + "Real Person,Sales,real.person@corp.example,,,,true\n", "utf-8")
    assert run(db_url, "import-directory", str(real)).returncode == 0
    with _busy_port() as probe:
        port = probe.getsockname()[1]
    result = run(db_url, "demo", "--port", str(port))
    assert result.returncode == 2
    assert "1 person besides the demo's" in result.stderr and "--force" in result.stderr
    assert "password" not in result.stdout
    would = run(db_url, "import-directory", "--dry-run", str(DEMO_CSV))
    assert would.stdout.startswith("Would add 20"), would.stdout  # nobody was added
