"""The real `newsreader` command on a pseudo-terminal of a given size, read through pyte.

Needs nothing but Python: pyte plays the terminal (it measures each character with
`wcwidth`, as xterm and tmux do), so end-to-end tests run on any machine.
"""

from __future__ import annotations

import fcntl
import os
import select
import shutil
import signal
import struct
import subprocess
import sys
import termios
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import pyte

# How long to wait for a screen or an exit before a test fails; generous for loaded machines.
PATIENCE = 20.0
# How long each read of the terminal waits for output, in seconds.
_POLL = 0.05
# Typing too fast would merge keys into one read, and escape sequences with them.
KEY_PAUSE = 0.15
KEYS = {"Enter": "\r", "Escape": "\x1b", "Tab": "\t", "Backspace": "\x7f", "Down": "\x1b[B"}


def newsreader_command() -> str:
    """The installed entry point, beside the interpreter running the tests."""
    command = shutil.which("newsreader", path=str(Path(sys.executable).parent))
    assert command, "the newsreader command is installed with the package"
    return command


def _take_terminal() -> None:
    """In the child, after setsid: make stdin its controlling terminal, as a login does,
    so that closing the terminal sends it SIGHUP."""
    fcntl.ioctl(0, termios.TIOCSCTTY, 0)


class PtyTerminal:
    """One process on a pty; its output is fed to a pyte screen of the same size."""

    def __init__(
        self,
        argv: Sequence[str],
        env: dict[str, str],
        size: tuple[int, int],
        *,
        controlling: bool = True,
    ) -> None:
        width, height = size
        self.master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", height, width, 0, 0))
        self.screen = pyte.Screen(width, height)
        self.stream = pyte.ByteStream(self.screen)
        self.output = bytearray()
        self.process = subprocess.Popen(
            list(argv),
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env=env,
            start_new_session=True,
            preexec_fn=_take_terminal if controlling else None,
        )
        os.close(slave)
        self.closed = False

    def pump(self, seconds: float = _POLL) -> None:
        """Read whatever the process writes for `seconds` into the screen."""
        deadline = time.monotonic() + seconds
        while not self.closed:
            ready, _, _ = select.select([self.master], [], [], _POLL)
            if ready:
                try:
                    chunk = os.read(self.master, 65536)
                except OSError:  # EIO: every slave end is closed, the process is gone
                    chunk = b""
                if not chunk:
                    return
                self.output.extend(chunk)
                self.stream.feed(chunk)
            elif self.process.poll() is not None:
                return
            if time.monotonic() >= deadline:
                return

    def display(self) -> str:
        """The screen as lines of text, as the terminal shows it now."""
        self.pump()
        return "\n".join(self.screen.display)

    def wait_for(self, check: Callable[[str], bool], timeout: float = PATIENCE) -> str:
        deadline = time.monotonic() + timeout
        screen = ""
        while time.monotonic() < deadline:
            self.pump(0.1)
            screen = "\n".join(self.screen.display)
            if check(screen):
                return screen
            if self.process.poll() is not None:
                break
        raise AssertionError(f"screen never matched; last screen:\n{screen}")

    def keys(self, *keys: str) -> None:
        """Type each key (a name from KEYS, or text) as a terminal would send it."""
        for key in keys:
            os.write(self.master, KEYS.get(key, key).encode())
            self.pump(KEY_PAUSE)

    def keys_unread(self, *keys: str) -> None:
        """Type keys but read nothing back, as a terminal that stopped drawing."""
        for key in keys:
            os.write(self.master, KEYS.get(key, key).encode())
            time.sleep(KEY_PAUSE)

    def hang_up(self) -> None:
        """The terminal goes away: its side of the pty closes."""
        if not self.closed:
            self.closed = True
            os.close(self.master)

    def wait_unread(self, timeout: float = PATIENCE) -> int | None:
        """`wait`, reading nothing meanwhile: whatever the process writes stays blocked."""
        try:
            return self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            return None

    def wait(self, timeout: float = PATIENCE) -> int | None:
        """The exit status once the process ends within `timeout`, else None."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            self.pump(0.1)
            if self.process.poll() is not None:
                return self.process.returncode
        return None


def reader_env(home: Path) -> dict[str, str]:
    """The environment of a reader started by a user with its own home and data folder."""
    home.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "HOME": str(home), "TERM": "xterm-256color"}
    env["XDG_DATA_HOME"] = str(home / "data")
    env.pop("NEWSREADER_BIDI", None)
    return env


@contextmanager
def reader_in_pty(
    args: Sequence[str],
    home: Path,
    size: tuple[int, int] = (100, 30),
    *,
    controlling: bool = True,
) -> Iterator[PtyTerminal]:
    """`newsreader ARGS` on a pty of `size` (columns, rows); killed if a test leaves it."""
    terminal = PtyTerminal(
        [newsreader_command(), *args], reader_env(home), size, controlling=controlling
    )
    try:
        yield terminal
    finally:
        if terminal.process.poll() is None:
            terminal.process.send_signal(signal.SIGKILL)
            terminal.process.wait()
        terminal.hang_up()
