"""`serve` on every core: worker processes sharing one listening socket.

The CLI binds the port first (a busy port is one line, before anything else), then forks
`count` workers; each runs its own event loop, app and uvicorn server on that same socket,
and the kernel hands each new connection to whichever worker accepts it first (an idle
worker is the first to). A phone call's audio state lives in the worker that took its
WebSocket; everything else is in the database, which every worker shares: conversations,
their turn locks, sign-in limits, the outbox and the session events that `/events` streams
wait for (core/store/event_signals.py: LISTEN/NOTIFY on Postgres, a watcher that reads the
table on SQLite, so an answer written through one worker reaches a stream on another).

The background jobs (outbox, badges, sweeper, retention) run in one more process of their
own, beside the `count` web workers, not inside one of them: a worker that drew badge PDFs
and delivered notifications on top of its share of the connections used about twice the CPU
of the other (connections spread evenly: 117 and 123 of 240 under bench/chat_load.py), and
its visitors waited behind that work on its event loop; as a process of its own the kernel
schedules the jobs on whichever core is idle. They take their rows under database leases,
so more of them would be correct but wasted work.

The supervisor (this process) forwards SIGTERM/SIGINT to the workers, waits up to
`STOP_SECONDS` for them to finish their requests and calls, then kills what is left.
A worker that dies on its own is reported on stderr and started again (`on_exit` hears of every
worker that ended: the metrics forget its open calls and streams), unless workers die
`MAX_RESTARTS` times within `RESTART_WINDOW` seconds (something is broken: stop all, exit
status 1). Each worker also asks the kernel for SIGTERM if the supervisor itself dies,
so no worker outlives it.
"""

from __future__ import annotations

import contextlib
import ctypes
import logging
import os
import signal
import socket
import sys
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from types import FrameType

log = logging.getLogger(__name__)

STOP_SECONDS = 30.0  # a graceful stop's limit, after which the workers are killed
RESTART_WINDOW = 60.0
MAX_RESTARTS = 5  # deaths within the window that stop everything
PR_SET_PDEATHSIG = 1
POLL_SECONDS = 0.1  # how often the supervisor looks for workers that ended
# The background jobs' process yields the CPU to the web workers when both want it (a
# quarter of a worker's share under CFS): visitors wait on requests, a badge can wait.
JOBS_NICENESS = 5


@dataclass
class Slot:
    """Which worker this process is (`/health` shows it to an admin)."""

    index: int = 0
    count: int = 1


this_worker = Slot()


def cpu_count() -> int:
    """The CPUs this process may run on (a container's limit, not the host's count)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def _die_with_parent() -> None:
    """Linux: SIGTERM this process when the supervisor dies (even by SIGKILL)."""
    with contextlib.suppress(Exception):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGTERM)


class Supervisor:
    """Forks `count` workers running `work(index, sock)`, and with `jobs` one more process
    running `jobs()` (index `count`, without the socket), and keeps them running."""

    def __init__(
        self,
        count: int,
        sock: socket.socket,
        work: Callable[[int, socket.socket], int],
        *,
        stop_seconds: float = STOP_SECONDS,
        on_exit: Callable[[int], None] | None = None,
        jobs: Callable[[], int] | None = None,
    ) -> None:
        self.count = count
        self.jobs = jobs
        self.on_exit = on_exit  # hears the pid of each worker that ended, before any restart
        self.sock = sock
        self.work = work
        self.stop_seconds = stop_seconds
        self.workers: dict[int, int] = {}  # pid → index
        self.stopping = False
        self.failed = False
        self._deaths: list[float] = []
        self._parent = os.getpid()

    def run(self) -> int:
        previous = {
            signum: signal.signal(signum, self._on_signal)
            for signum in (signal.SIGTERM, signal.SIGINT, signal.SIGALRM)
        }
        try:
            for index in range(self.count + (self.jobs is not None)):
                self._start(index)
            while self.workers:
                # Polled, not a blocking wait: a signal handled by another thread of this
                # process would not interrupt the wait, and the handler runs only here.
                try:
                    pid, status = os.waitpid(-1, os.WNOHANG)
                except ChildProcessError:
                    break
                if pid == 0:
                    time.sleep(POLL_SECONDS)
                    continue
                if pid in self.workers:
                    ended = self.workers.pop(pid)
                    self._ended(pid)
                    if not self.stopping:
                        self._died(ended, pid, status)
            return 1 if self.failed else 0
        finally:
            signal.alarm(0)
            for signum, handler in previous.items():
                signal.signal(signum, handler)

    def _start(self, index: int) -> None:
        sys.stdout.flush()
        sys.stderr.flush()
        pid = os.fork()
        if pid == 0:  # the worker
            code = 1
            try:
                for signum in (signal.SIGTERM, signal.SIGINT, signal.SIGALRM):
                    signal.signal(signum, signal.SIG_DFL)
                _die_with_parent()
                if os.getppid() != self._parent:  # it died before we asked
                    os._exit(0)
                if index == self.count and self.jobs is not None:
                    self.sock.close()  # it takes no connections
                    with contextlib.suppress(OSError):
                        os.nice(JOBS_NICENESS)
                    code = self.jobs()
                else:
                    this_worker.index, this_worker.count = index, self.count
                    code = self.work(index, self.sock)
            except KeyboardInterrupt:
                code = 0
            except BaseException:
                traceback.print_exc()
            finally:
                with contextlib.suppress(Exception):
                    sys.stdout.flush()
                    sys.stderr.flush()
                os._exit(code)
        self.workers[pid] = index

    def _ended(self, pid: int) -> None:
        if self.on_exit is not None:
            try:
                self.on_exit(pid)
            except Exception:
                log.exception("on_exit failed for worker pid %s", pid)

    def _name(self, index: int) -> str:
        return "the background jobs process" if index == self.count else f"worker {index}"

    def _died(self, index: int, pid: int, status: int) -> None:
        how = describe(status)
        now = time.monotonic()
        self._deaths = [t for t in self._deaths if now - t < RESTART_WINDOW] + [now]
        if len(self._deaths) >= MAX_RESTARTS:
            print(
                f"frontdesk: {self._name(index)} (pid {pid}) {how}; workers died "
                f"{len(self._deaths)} times within {RESTART_WINDOW:.0f} s, stopping",
                file=sys.stderr,
                flush=True,
            )
            self.failed = True
            self._stop(signal.SIGTERM)
            return
        print(
            f"frontdesk: {self._name(index)} (pid {pid}) {how}; starting it again",
            file=sys.stderr,
            flush=True,
        )
        time.sleep(0.5)  # a worker that dies at once must not spin
        if not self.stopping:
            self._start(index)

    def _on_signal(self, signum: int, _frame: FrameType | None) -> None:
        if os.getpid() != self._parent:
            return
        if signum == signal.SIGALRM:  # the graceful stop took too long
            for pid in list(self.workers):
                with contextlib.suppress(ProcessLookupError):
                    os.kill(pid, signal.SIGKILL)
            return
        self._stop(signal.SIGTERM)

    def _stop(self, signum: int) -> None:
        if self.stopping:
            return
        self.stopping = True
        for pid in list(self.workers):
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signum)
        signal.alarm(max(1, round(self.stop_seconds)))


def describe(status: int) -> str:
    if os.WIFSIGNALED(status):
        number = os.WTERMSIG(status)
        try:
            name = signal.Signals(number).name
        except ValueError:
            name = str(number)
        return f"was killed by {name}"
    return f"exited with status {os.waitstatus_to_exitcode(status)}"
