"""The real `newsreader` command in a terminal: keys in, screen text out.

Most tests run it on a pty read by pyte, which any machine with Python has; one runs it in
tmux, a real terminal emulator, which skips with its reason where tmux is missing, except
under CI (which installs it), where it is required. Marked slow: they start processes.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from pty_support import reader_in_pty
from tui_support import NEWEST, PAGES, SECOND, write_corpus

from reader.layout import fit_line

pytestmark = pytest.mark.slow

WIDTH, HEIGHT = 100, 30


class Terminal:
    """One tmux session on a private server socket, so nothing else is touched."""

    def __init__(self, socket: str, tmux: str) -> None:
        self.socket = socket
        self.tmux = tmux

    def run(self, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [self.tmux, "-L", self.socket, *args], capture_output=True, text=True, check=False
        )

    def start(self, command: str) -> None:
        result = self.run(
            "new-session", "-d", "-s", "reader", "-x", str(WIDTH), "-y", str(HEIGHT), command
        )
        assert result.returncode == 0, result.stderr

    def screen(self) -> str:
        return self.run("capture-pane", "-p", "-t", "reader").stdout

    def keys(self, *keys: str) -> None:
        for key in keys:
            self.run("send-keys", "-t", "reader", key)
            time.sleep(0.15)

    def wait_for(self, check: Callable[[str], bool], timeout: float = 20.0) -> str:
        deadline = time.monotonic() + timeout
        screen = ""
        while time.monotonic() < deadline:
            screen = self.screen()
            if check(screen):
                return screen
            time.sleep(0.1)
        raise AssertionError(f"screen never matched; last screen:\n{screen}")

    def alive(self) -> bool:
        return self.run("has-session", "-t", "reader").returncode == 0


@pytest.fixture
def terminal(tmp_path: Path) -> Iterator[Terminal]:
    tmux = shutil.which("tmux")
    if tmux is None:
        message = "tmux is missing: apt-get install tmux"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    term = Terminal(f"newsreader-test-{tmp_path.name}", tmux)
    yield term
    term.run("kill-server")


def _command(tmp_path: Path, *args: str) -> str:
    newsreader = shutil.which("newsreader", path=str(Path(sys.executable).parent))
    assert newsreader, "the newsreader command is installed with the package"
    home = tmp_path / "home"
    home.mkdir(exist_ok=True)
    quoted = " ".join(f"'{a}'" for a in (newsreader, *args))
    return f"env HOME='{home}' XDG_DATA_HOME='{home}/data' TERM=xterm-256color {quoted}"


def _shows_headline(screen: str, title: str, date: str) -> bool:
    """The row with the article's date carries its headline in visual order (maybe cut)."""
    rows = [row for row in screen.splitlines() if date in row]
    return any(fit_line(title, width) in row for row in rows for width in range(8, len(title) + 2))


def test_open_an_article_and_follow_a_tag(tmp_path: Path) -> None:
    folder = write_corpus(tmp_path / "dumps")
    with reader_in_pty([str(folder)], tmp_path / "home", (WIDTH, HEIGHT)) as terminal:
        screen = terminal.wait_for(lambda s: _shows_headline(s, NEWEST, "2024-05-03"))
        assert _shows_headline(screen, SECOND, "2024-05-02")
        assert NEWEST not in screen  # logical order would read backwards in this terminal

        terminal.keys("Enter")
        screen = terminal.wait_for(lambda s: fit_line(NEWEST, WIDTH) in s)

        terminal.keys("1")  # the first tag of the open article
        screen = terminal.wait_for(lambda s: "2024-05-02" not in s)
        assert _shows_headline(screen, NEWEST, "2024-05-03")
        assert fit_line("أذربيجان", 20) in screen.splitlines()[0]

        terminal.keys("[")  # back: the full list again
        terminal.wait_for(lambda s: _shows_headline(s, SECOND, "2024-05-02"))

        terminal.keys("q")
        assert terminal.wait() == 0, "q should quit the reader"


EMOJI_TITLE = "قلب ❤️ ويد 👍🏽 وعائلة 👨‍👩‍👧 في باكو ❤️❤️"
PANE_EDGE = "▏"


def test_emoji_rows_leave_no_stale_cells(tmp_path: Path) -> None:
    """Rows with emoji sequences are drawn as wide as Rich counted them: the pane edge
    stays in one column, and nothing of a longer row is left behind."""
    pages = dict(PAGES)
    pages["emoji.txt"] = (
        PAGES["baku.txt"]
        .replace(NEWEST, EMOJI_TITLE)
        .replace("3rd, May", "4th, May")
        .replace("وصل الرئيس", "وصل ❤️ 👍🏽 👨‍👩‍👧 الرئيس")
    )
    folder = write_corpus(tmp_path / "dumps", pages)
    with reader_in_pty([str(folder)], tmp_path / "home", (WIDTH, HEIGHT)) as terminal:
        terminal.wait_for(lambda s: "2024-05-04" in s)
        terminal.keys("Enter")
        terminal.wait_for(lambda s: "2024-05-04 · " in s)  # the article's header
        screen = terminal.screen
        edges = {
            x
            for y in range(screen.lines)
            for x in range(screen.columns)
            if screen.buffer[y][x].data == PANE_EDGE
        }
        assert len(edges) == 1, "\n".join(screen.display)
        terminal.keys("q")
        assert terminal.wait() == 0


def test_arabic_layout_keys_in_tmux(terminal: Terminal, tmp_path: Path) -> None:
    folder = write_corpus(tmp_path / "dumps")
    terminal.start(_command(tmp_path, str(folder)))
    terminal.wait_for(lambda s: _shows_headline(s, NEWEST, "2024-05-03"))
    terminal.keys("ت", "خ")  # j then o, typed with the Arabic layout: open the second
    terminal.wait_for(lambda s: fit_line(SECOND, WIDTH) in s)
    terminal.keys("ض")  # q
    deadline = time.monotonic() + 10
    while terminal.alive() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not terminal.alive()


# ----- the terminal's bidi mode around the app, on every way out ------------------------

_CRASH = (
    "import sys\n"
    "from reader.tui.screens.main import MainScreen\n"
    "def broken(self):\n"
    "    raise RuntimeError('broken on purpose')\n"
    "MainScreen.compose = broken\n"
    "from reader.tui.app import run\n"
    "sys.exit(run(sys.argv[1:]))\n"
)
_PLAIN = "import sys\nfrom reader.tui.app import run\nsys.exit(run(sys.argv[1:]))\n"
_ENDLESS_LOAD = (
    "import sys, threading\n"
    "import reader.parse.loader as loader\n"
    "real = loader.load\n"
    "def endless(paths, *, progress=None):\n"
    "    corpus = real(paths)\n"
    "    progress(loader.Progress(5, 5, 10, corpus))\n"
    "    threading.Event().wait()  # a load that never ends\n"
    "loader.load = endless\n"
    "from reader.tui.app import run\n"
    "sys.exit(run(sys.argv[1:]))\n"
)


def _run_in_pty(
    tmp_path: Path, code: str, action: Callable[[subprocess.Popen[bytes], int], None]
) -> tuple[bytes, int]:
    """Run `code` on a pseudo-terminal of 100x30, do `action`, return all output and status."""
    import fcntl
    import os
    import pty
    import struct
    import termios

    folder = write_corpus(tmp_path / "dumps")
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", HEIGHT, WIDTH, 0, 0))
    env = {
        **os.environ,
        "TERM": "xterm-256color",
        "HOME": str(tmp_path),
        "XDG_DATA_HOME": str(tmp_path / "data"),
    }
    env.pop("NEWSREADER_BIDI", None)
    process = subprocess.Popen(
        [sys.executable, "-c", code, str(folder)],
        stdin=slave,
        stdout=slave,
        stderr=slave,
        env=env,
        start_new_session=True,
    )
    os.close(slave)
    output = bytearray()

    def read(seconds: float) -> None:
        import select

        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            ready, _, _ = select.select([master], [], [], 0.05)
            if ready:
                try:
                    chunk = os.read(master, 65536)
                except OSError:
                    return
                if not chunk:
                    return
                output.extend(chunk)
            elif process.poll() is not None:
                return

    started = time.monotonic() + 30
    while b"2024-05-03" not in output and process.poll() is None and time.monotonic() < started:
        read(0.5)
    action(process, master)
    read(10.0)
    status = process.wait(timeout=10)
    os.close(master)
    return bytes(output), status


def test_bidi_mode_restored_after_quitting(tmp_path: Path) -> None:
    import os

    output, status = _run_in_pty(tmp_path, _PLAIN, lambda p, fd: os.write(fd, b"q"))
    assert status == 0
    assert output.startswith(b"\x1b[8l")
    assert output.rfind(b"\x1b[8h") > output.rfind(b"\x1b[?1049l") > 0


def test_bidi_mode_restored_when_killed(tmp_path: Path) -> None:
    import signal

    output, status = _run_in_pty(tmp_path, _PLAIN, lambda p, fd: p.send_signal(signal.SIGTERM))
    assert output.startswith(b"\x1b[8l")
    assert output.rfind(b"\x1b[8h") > output.rfind(b"\x1b[?1049l") > 0
    assert status == 1


def test_bidi_mode_restored_after_a_crash(tmp_path: Path) -> None:
    output, status = _run_in_pty(tmp_path, _CRASH, lambda p, fd: None)
    assert output.startswith(b"\x1b[8l")
    assert b"broken on purpose" in output
    assert output.rfind(b"\x1b[8h") > output.rfind(b"\x1b[?1049l") > 0
    assert status != 0


def test_quitting_while_loading_does_not_wait_for_the_load(tmp_path: Path) -> None:
    import os

    started = time.monotonic()
    output, status = _run_in_pty(tmp_path, _ENDLESS_LOAD, lambda p, fd: os.write(fd, b"q"))
    assert status == 0
    assert time.monotonic() - started < 30
    assert output.rfind(b"\x1b[8h") > output.rfind(b"\x1b[?1049l") > 0
