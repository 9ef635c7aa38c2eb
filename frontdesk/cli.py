"""The `frontdesk` command (CONTRACT.md: CLI)."""

from __future__ import annotations

import argparse
import asyncio
import errno
import getpass
import signal
import socket
import sys
from collections.abc import Callable, Coroutine, Sequence
from importlib import metadata, resources
from pathlib import Path
from typing import Any

from frontdesk import admin_accounts, logs, simulate_call
from frontdesk.settings import Settings, get_settings

DEMO_DIRECTORY = "demo_directory.csv"


class CliError(Exception):
    """A problem to tell the user in one line, with exit status 2."""


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not hasattr(args, "run"):
        parser.print_help()
        return 2
    level = getattr(args, "log_level", "WARNING")
    logs.configure(level)
    try:
        settings = get_settings()
    except ValueError as exc:
        print(f"frontdesk: bad configuration: {exc}", file=sys.stderr)
        return 2
    logs.configure(level, settings.log_format)
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import DBAPIError

    from frontdesk.providers.extras import MissingExtra, check_extras
    from frontdesk.setup import SchemaNotReady

    try:
        if getattr(args, "uses_providers", False):
            check_extras(settings)  # before anything starts: one line, not a traceback later
        result: int = args.run(args, settings)
        return result
    except (CliError, SchemaNotReady, MissingExtra) as exc:
        print(f"frontdesk: {exc}", file=sys.stderr)
        return 2
    except (DBAPIError, OSError) as exc:
        where = make_url(settings.database_url).render_as_string(hide_password=True)
        reason = getattr(exc, "orig", None) or exc
        print(f"frontdesk: cannot use the database at {where}: {reason}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="frontdesk",
        description="An AI receptionist for web chat, SMS and phone, in English, Estonian "
        "and Russian. Configuration comes from the environment (DATABASE_URL, …).",
    )
    parser.add_argument("--version", action="version", version=f"frontdesk {_version()}")
    sub = parser.add_subparsers(title="commands", metavar="COMMAND")

    p = sub.add_parser(
        "migrate",
        help="bring the database at DATABASE_URL to the newest schema",
        description="Apply every Alembic migration not yet applied.",
    )
    p.set_defaults(run=_sync(cmd_migrate))

    p = sub.add_parser(
        "import-directory",
        help="add, update or deactivate employees from a CSV",
        description="Upsert employees by email from a CSV with the header "
        "name,department,email,phone,slack_id,aliases,active (optionally followed by "
        "department_et,department_ru). A bad row is reported with its line number and "
        "nothing is imported.",
    )
    p.add_argument("file", type=Path, help="the CSV file (UTF-8)")
    p.add_argument(
        "--deactivate-missing",
        action="store_true",
        help="also deactivate active employees whose email is not in the file",
    )
    p.add_argument("--dry-run", action="store_true", help="show what would change; write nothing")
    p.set_defaults(run=_sync(cmd_import_directory))

    admin = sub.add_parser(
        "admin",
        help="admin accounts and API tokens",
        description="Manage who can use the admin UI and API.",
    )
    admin_sub = admin.add_subparsers(title="admin commands", metavar="COMMAND")
    p = admin_sub.add_parser(
        "create-user",
        help="create an admin login",
        description="Create an admin login for the web UI. The password "
        "is asked for, or read from standard input with --password-stdin.",
    )
    p.add_argument("email")
    p.add_argument(
        "--password-stdin",
        action="store_true",
        help="read the password from the first line of standard input",
    )
    p.set_defaults(run=_sync(cmd_create_user))
    p = admin_sub.add_parser(
        "create-token",
        help="print a new API token",
        description="Create an API token for Authorization: Bearer … and "
        "print it once; only its hash is stored.",
    )
    p.add_argument("name", help="what the token is for, e.g. 'visitor-screen'")
    p.set_defaults(run=_sync(cmd_create_token))
    p = admin_sub.add_parser(
        "list-tokens",
        help="list API tokens (never their secrets)",
        description="List API tokens: id, name, prefix, when made, last used and revoked.",
    )
    p.set_defaults(run=_sync(cmd_list_tokens))
    p = admin_sub.add_parser(
        "revoke-token",
        help="revoke API tokens by name or prefix",
        description="Revoke the live API tokens with this name, or the one with this "
        "prefix (as list-tokens shows it). They stop working at once, on every instance.",
    )
    p.add_argument("which", help="the token's name, or its prefix such as fd_AbC1234")
    p.set_defaults(run=_sync(cmd_revoke_token))

    ret = sub.add_parser(
        "retention",
        help="delete data past the retention period",
        description="Visits older than the retention period (FRONTDESK_RETENTION_DAYS, or "
        "the admin UI's setting) are deleted with everything that hangs off them. `serve` "
        "also does this on a schedule.",
    )
    ret_sub = ret.add_subparsers(title="retention commands", metavar="COMMAND")
    p = ret_sub.add_parser(
        "run",
        help="delete what is past the retention period now",
        description="Delete visits, conversations and badge files past the retention period, "
        "and print how many were deleted.",
    )
    p.set_defaults(run=_sync(cmd_retention_run))

    p = sub.add_parser(
        "serve",
        help="run the HTTP and WebSocket server",
        description="Serve the web chat, the admin API and the Twilio routes.",
    )
    _host_port(p)
    _workers(p)
    p.set_defaults(run=cmd_serve, log_level="INFO", uses_providers=True)

    p = sub.add_parser(
        "demo",
        help="migrate, load the demo directory and serve",
        description="Everything on the embedded defaults: a SQLite file, "
        "rule-based understanding, console notifications, a demo directory.",
    )
    _host_port(p)
    _workers(p)
    p.add_argument(
        "--force",
        action="store_true",
        help="add the demo people even to a database whose directory has other people",
    )
    p.set_defaults(run=cmd_demo, log_level="INFO", uses_providers=True)

    p = sub.add_parser(
        "worker",
        help="deliver notifications and print badges, without the web server",
        description="Run the outbox and badge workers on their own. Any number may run "
        "beside `serve` (set FRONTDESK_RUN_WORKERS=false there to keep web instances "
        "free of them); they share the work through the database. Ctrl-C or SIGTERM "
        "stops it.",
    )
    p.set_defaults(run=_sync(cmd_worker), log_level="INFO", uses_providers=True)

    p = sub.add_parser(
        "chat",
        help="talk to the receptionist in the terminal",
        description="A conversation in the terminal, through the same agent "
        "the channels use. Ctrl-D or 'quit' ends it.",
    )
    p.add_argument(
        "--channel",
        choices=["web", "sms", "voice"],
        default="web",
        help="whose reply style to use (voice: the spoken forms)",
    )
    p.add_argument(
        "--language",
        choices=["en", "et", "ru"],
        default=None,
        help="start in this language (default: detect from what you type)",
    )
    p.set_defaults(run=_sync(cmd_chat), uses_providers=True)

    p = sub.add_parser(
        "simulate-call",
        help="call a running server as Twilio would, with a scripted caller",
        description="Play Twilio's side of a phone call against a running server: the "
        "signed /twilio/voice webhook, then a real-time Media Stream with the caller's lines "
        "synthesised locally. Prints, per turn, what was said and how long the answer took. "
        "Signs with TWILIO_AUTH_TOKEN, which must be the server's. Example: frontdesk "
        'simulate-call --say "Hi, I\'m here to see Sarah Chen" --say yes --say "Tom Baker"',
    )
    simulate_call.add_arguments(p)
    p.set_defaults(run=cmd_simulate_call, uses_providers=True)
    return parser


def _version() -> str:
    try:
        return metadata.version("frontdesk")
    except metadata.PackageNotFoundError:  # run from a checkout that was never installed
        return "unknown (not installed)"


def _host_port(p: argparse.ArgumentParser) -> None:
    p.add_argument("--host", default=None, help="interface to listen on (default 127.0.0.1)")
    p.add_argument("--port", type=int, default=None, help="port (default 8000)")


def _workers(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--workers",
        type=int,
        default=None,
        metavar="N",
        help="worker processes sharing the port (default FRONTDESK_WORKERS, or one per CPU; "
        "1: a single process)",
    )


def _sync(
    fn: Callable[[argparse.Namespace, Settings], Coroutine[Any, Any, int]],
) -> Callable[[argparse.Namespace, Settings], int]:
    def run(args: argparse.Namespace, settings: Settings) -> int:
        return asyncio.run(fn(args, settings))

    return run


# --- commands ---------------------------------------------------------------------------


async def cmd_migrate(args: argparse.Namespace, settings: Settings) -> int:
    from frontdesk import setup

    before, after = await setup.migrate(settings)
    if before == after:
        print(f"Database is up to date (revision {after}).")
    else:
        print(f"Migrated the database from {before or 'empty'} to revision {after}.")
    return 0


async def cmd_import_directory(args: argparse.Namespace, settings: Settings) -> int:
    from core.directory_csv import DirectoryCsvError
    from frontdesk import setup

    try:
        data = args.file.read_bytes()
    except OSError as exc:
        raise CliError(f"cannot read {args.file}: {exc.strerror}") from None
    try:
        plan = await setup.import_directory(
            settings, data, deactivate_missing=args.deactivate_missing, dry_run=args.dry_run
        )
    except DirectoryCsvError as exc:
        print(f"{args.file}: nothing was imported:", file=sys.stderr)
        for problem in exc.problems:
            print(f"  {problem}", file=sys.stderr)
        return 1
    verb = "Would add" if args.dry_run else "Added"
    print(
        f"{verb} {len(plan.added)}, updated {len(plan.updated)}, "
        f"deactivated {len(plan.deactivated)} ({plan.unchanged} unchanged)."
    )
    return 0


async def cmd_create_user(args: argparse.Namespace, settings: Settings) -> int:
    if args.password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = getpass.getpass("Password: ")
        if getpass.getpass("Repeat password: ") != password:
            raise CliError("the passwords do not match")
    try:
        await admin_accounts.create_user(settings, args.email, password)
    except admin_accounts.AccountError as exc:
        raise CliError(str(exc)) from None
    print(f"Created admin {args.email.strip().lower()}.")
    return 0


async def cmd_create_token(args: argparse.Namespace, settings: Settings) -> int:
    try:
        token = await admin_accounts.create_token(settings, args.name)
    except admin_accounts.AccountError as exc:
        raise CliError(str(exc)) from None
    print(token)
    return 0


async def cmd_list_tokens(args: argparse.Namespace, settings: Settings) -> int:
    try:
        tokens = await admin_accounts.list_tokens(settings)
    except admin_accounts.AccountError as exc:
        raise CliError(str(exc)) from None
    if not tokens:
        print("No API tokens.")
    for t in tokens:
        when = f"{t.created_at:%Y-%m-%d %H:%M}"
        used = f"{t.last_used_at:%Y-%m-%d %H:%M}" if t.last_used_at else "never"
        state = f"revoked {t.revoked_at:%Y-%m-%d %H:%M}" if t.revoked_at else "live"
        print(f"{t.id}\t{t.name}\t{t.prefix}\tmade {when}\tused {used}\t{state}")
    return 0


async def cmd_revoke_token(args: argparse.Namespace, settings: Settings) -> int:
    try:
        revoked = await admin_accounts.revoke_token(settings, args.which)
    except admin_accounts.AccountError as exc:
        raise CliError(str(exc)) from None
    if not revoked:
        raise CliError(f"no live API token is named or starts {args.which!r} (see list-tokens)")
    print(f"Revoked {revoked} API token{'s' if revoked != 1 else ''}.")
    return 0


async def cmd_retention_run(args: argparse.Namespace, settings: Settings) -> int:
    from frontdesk import setup

    swept = await setup.run_retention(settings)
    print(
        f"Deleted {swept.visits} visits, {swept.sessions} conversations without a visit "
        f"and {swept.badge_files} badge files past the retention period."
    )
    return 0


def bind(host: str, port: int) -> socket.socket:
    """Take the port before anything is printed or prepared: a busy port is one line."""
    try:
        family, kind, proto, _, address = socket.getaddrinfo(
            host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE
        )[0]
        sock = socket.socket(family, kind, proto)
    except OSError as exc:
        raise CliError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(address)
    except OSError as exc:
        sock.close()
        if exc.errno == errno.EADDRINUSE:
            raise CliError(
                f"port {port} on {host} is already in use: stop what is using it, "
                "or choose another port with --port"
            ) from None
        raise CliError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None
    return sock


def cmd_serve(
    args: argparse.Namespace, settings: Settings, sock: socket.socket | None = None
) -> int:
    import uvicorn

    from frontdesk import setup
    from frontdesk.metrics import shared_between_processes
    from frontdesk.serving import Supervisor, cpu_count
    from web.app import create_app

    host = args.host or settings.host
    port = args.port or settings.port
    workers = getattr(args, "workers", None) or settings.workers or cpu_count()
    if workers < 1:
        raise CliError(f"--workers must be at least 1, not {workers}")
    if sock is None:
        asyncio.run(setup.check_ready(settings))
        sock = bind(host, port)

    def work(index: int, sock: socket.socket) -> int:
        # With several workers the background jobs run in a process of their own
        # (`jobs` below, frontdesk/serving.py); a single process runs them itself.
        own = settings if workers == 1 else settings.model_copy(update={"run_workers": False})
        config = uvicorn.Config(
            create_app(own),
            host=host,
            port=port,
            log_level="info",
            # JSON logs: uvicorn's loggers go through ours (scrubbed, one object a line).
            log_config=None if settings.log_format == "json" else uvicorn.config.LOGGING_CONFIG,
            # X-Forwarded-For is the app's to judge (FRONTDESK_TRUSTED_PROXIES), not uvicorn's.
            proxy_headers=False,
        )
        uvicorn.Server(config).run(sockets=[sock])
        return 0

    async def run_jobs() -> None:
        async with setup.running(settings):
            stop = asyncio.Event()
            for signum in (signal.SIGINT, signal.SIGTERM):
                asyncio.get_running_loop().add_signal_handler(signum, stop.set)
            await stop.wait()

    def jobs() -> int:
        asyncio.run(run_jobs())
        return 0

    with sock:
        if workers == 1:
            return work(0, sock)
        sock.listen(2048)  # before any worker accepts: connections queue from now on
        print(f"frontdesk: serving on {host}:{port} with {workers} worker processes", flush=True)
        # One /metrics for all of them: each worker keeps its values in files that any
        # worker's scrape adds up (frontdesk/metrics.py).
        with shared_between_processes() as forget:
            return Supervisor(
                workers, sock, work, on_exit=forget, jobs=jobs if settings.run_workers else None
            ).run()


def cmd_demo(args: argparse.Namespace, settings: Settings) -> int:
    from sqlalchemy.engine import make_url

    from core.directory_csv import parse_directory_csv
    from frontdesk import setup

    demo_csv = resources.files("frontdesk").joinpath(DEMO_DIRECTORY).read_bytes()
    host = args.host or settings.host
    port = args.port or settings.port
    sock = bind(host, port)

    async def prepare() -> tuple[str, str]:
        await setup.migrate(settings)
        demo_emails = {row.email for row in parse_directory_csv(demo_csv)}
        others = await setup.people_besides(settings, demo_emails)
        if others and not args.force:
            where = make_url(settings.database_url).render_as_string(hide_password=True)
            people = "1 person" if others == 1 else f"{others} people"
            raise CliError(
                f"the database at {where} already has its own directory ({people} besides "
                "the demo's), and `demo` will not mix its demo people into it: run it in an "
                "empty folder without DATABASE_URL, or pass --force to add them anyway"
            )
        plan = await setup.import_directory(settings, demo_csv)
        if plan.added:
            print(f"Loaded the demo directory ({len(plan.added)} people).")
        password = await admin_accounts.reset_demo_user(settings, admin_accounts.DEMO_ADMIN)
        return await admin_accounts.replace_token(settings, "demo"), password

    try:
        token, password = asyncio.run(prepare())
    except BaseException:
        sock.close()
        raise
    base = f"http://{'127.0.0.1' if host in ('0.0.0.0', '::') else host}:{port}"
    print(
        "\nfrontdesk is starting on the embedded defaults.\n"
        f"  Web chat:   {base}/\n"
        f"  Admin UI:   {base}/admin  (sign in as {admin_accounts.DEMO_ADMIN}, password "
        f"{password};\n              your own login: frontdesk admin create-user EMAIL)\n"
        f"  Admin API:  {base}/api/admin/visits  (Authorization: Bearer {token})\n"
        f"  Health:     {base}/health\n",
        flush=True,
    )
    args.host, args.port = host, port
    return cmd_serve(args, settings, sock)


async def cmd_worker(args: argparse.Namespace, settings: Settings) -> int:
    from frontdesk.worker import run_worker

    return await run_worker(settings)


async def cmd_chat(args: argparse.Namespace, settings: Settings) -> int:
    from frontdesk.terminal_chat import run_terminal_chat

    return await run_terminal_chat(settings, channel=args.channel, language=args.language)


def cmd_simulate_call(args: argparse.Namespace, settings: Settings) -> int:
    from frontdesk.simulate_call import run_command
    from simulator.errors import SimulatorError

    try:
        return run_command(args, settings)
    except SimulatorError as exc:
        raise CliError(str(exc)) from None


if __name__ == "__main__":
    raise SystemExit(main())
