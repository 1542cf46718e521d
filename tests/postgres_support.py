"""A real PostgreSQL server for the tests: a cluster in a temporary directory of its own
(outside pytest's, which only root may enter), listening on a unix socket there only,
started once per session (as an unprivileged user when the tests run as root, since initdb
refuses root) and stopped at the end; each test gets a database of its own."""

from __future__ import annotations

import contextlib
import glob
import itertools
import os
import pwd
import shutil
import signal
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path

SERVER_USER = "postgres"  # who runs the server when the tests run as root
ROLE = "newsreader"  # the cluster's superuser, whom the tests connect as
START_SECONDS = 60  # how long pg_ctl waits for the server to accept connections


def binaries() -> Path | None:
    """The folder of initdb and pg_ctl: on the PATH, else Debian's newest."""
    found = shutil.which("initdb")
    if found and shutil.which("pg_ctl"):
        return Path(found).resolve().parent
    folders = sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=_major)
    for folder in reversed(folders):
        if (Path(folder) / "initdb").exists() and (Path(folder) / "pg_ctl").exists():
            return Path(folder)
    return None


def _major(folder: str) -> int:
    version = Path(folder).parent.name
    return int(version) if version.isdigit() else 0


class Server:
    """A running cluster in `folder`; `url(name)` is a database on it."""

    def __init__(self, folder: Path, bin_dir: Path) -> None:
        self.folder = folder
        self.data = folder / "data"
        self._bin = bin_dir
        self._names = itertools.count()
        self._as: list[str] = []
        if os.geteuid() == 0:
            _ensure_user(SERVER_USER)
            shutil.chown(folder, SERVER_USER)
            self._as = ["runuser", "-u", SERVER_USER, "--"]

    def _run(self, *command: str) -> None:
        done = subprocess.run(
            [*self._as, str(self._bin / command[0]), *command[1:]],
            capture_output=True,
            text=True,
            cwd=self.folder,
        )
        if done.returncode != 0:
            raise RuntimeError(f"{command[0]} failed: {done.stderr.strip() or done.stdout}")

    def start(self) -> None:
        self._run(
            "initdb", "-D", str(self.data), "-A", "trust", "-U", ROLE, "-E", "UTF8",
            "--locale=C.UTF-8", "--no-sync",
        )  # fmt: skip
        self.resume()

    def resume(self) -> None:
        """Start the cluster (again, after `pause`)."""
        # No TCP, no durability (a test's data is thrown away): only the socket here.
        options = f"-k {self.folder} -c listen_addresses= -c fsync=off -c full_page_writes=off"
        self._run(
            "pg_ctl", "-D", str(self.data), "-o", options, "-l", str(self.folder / "log"),
            "-t", str(START_SECONDS), "-w", "start",
        )  # fmt: skip

    def pause(self) -> None:
        """Stop the server as an administrator does (its clients are cut off, its socket
        goes), keeping its cluster for `resume`."""
        self._run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "stop")

    @contextlib.contextmanager
    def hung(self, at_most: float) -> Iterator[None]:
        """The server hangs as a paused machine does (SIGSTOP to the postmaster and every
        process it started): connections stay open, and the kernel still acknowledges what
        is sent, but nothing answers. It goes on (SIGCONT) at the end of the block, or
        after `at_most` seconds, so that a test whose own thread waits for it cannot hang."""
        postmaster = int((self.data / "postmaster.pid").read_text().split()[0])
        children = subprocess.run(
            ["pgrep", "-P", str(postmaster)], capture_output=True, text=True, check=True
        ).stdout.split()
        processes = [postmaster, *map(int, children)]
        lock, going = threading.Lock(), [False]

        def go_on() -> None:
            with lock:
                if not going[0]:
                    going[0] = True
                    for process in processes:
                        os.kill(process, signal.SIGCONT)

        for process in processes:
            os.kill(process, signal.SIGSTOP)
        safety = threading.Timer(at_most, go_on)
        safety.daemon = True
        safety.start()
        try:
            yield
        finally:
            safety.cancel()
            go_on()

    def stop(self) -> None:
        """Stop the server and remove its cluster."""
        try:
            self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://{ROLE}@/{database}?host={self.folder}"

    def database(self) -> str:
        """A fresh, empty database: its URL."""
        import psycopg

        name = f"test_{next(self._names)}"
        with psycopg.connect(self.url(), autocommit=True) as connection:
            connection.execute(f"CREATE DATABASE {name}")
        return self.url(name)


def _ensure_user(name: str) -> None:
    try:
        pwd.getpwnam(name)
    except KeyError:
        subprocess.run(["useradd", "--system", "--no-create-home", name], check=True)
