"""The command line, driven through its entry point as scripts and people use it."""

from __future__ import annotations

import gc
import json
import os
import pty
import select
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from reader.commands.opening import LoadMeter
from reader.layout import cell_len, fit_line

ROOT = Path(__file__).resolve().parents[1]
SEEDS = next(
    (p for p in (ROOT.parent / "shared" / "seeds", ROOT / "shared" / "seeds") if p.is_dir()),
    None,
)
needs_seed = pytest.mark.skipif(SEEDS is None, reason="the shared seed dump is not beside the repo")
EXPORT_KEYS = [
    "id",
    "title",
    "published",
    "place",
    "agency",
    "source",
    "tags",
    "keywords",
    "paragraphs",
    "read_also",
    "read_by",
    "origins",
]


def drain(leader: int) -> bytes:
    """Everything written to a pty whose other end the command held, then close it."""
    chunks = []
    while select.select([leader], [], [], 0.1)[0]:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the terminal closed with the command
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(leader)
    return b"".join(chunks)


def newsreader(*args: str, cwd: Path | None = None, env: dict[str, str] | None = None):
    """Run the installed console script, as a user would."""
    script = shutil.which("newsreader", path=str(Path(sys.executable).parent))
    assert script, "the package must be installed with its console script"
    return subprocess.run(
        [script, *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
        env=env,
        timeout=120,
    )


def records(stdout: str) -> list[dict]:
    return [json.loads(line) for line in stdout.splitlines()]


@pytest.mark.parametrize(
    "command", [[], ["export"], ["list"], ["tags"], ["check"], ["show"], ["search"]]
)
def test_help_everywhere(command: list[str]) -> None:
    result = newsreader(*command, "--help")
    assert result.returncode == 0, result.stderr
    assert "Usage:" in result.stdout


def test_the_readme_usage_agrees_with_help() -> None:
    """Every command and option the README's usage block shows is one `--help` shows."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    usage = readme.split("## Usage", 1)[1].split("```")[1]
    commands = [line.split()[1] for line in usage.splitlines() if line.startswith("newsreader ")]
    assert "read" in commands
    top = newsreader("--help").stdout
    for line in usage.splitlines():
        if not line.startswith("newsreader "):
            continue
        words = line.split()
        command = words[1] if words[1].isalpha() else None
        shown = newsreader(*([command] if command else []), "--help").stdout
        if command:
            assert command in top, f"`{command}` is not a command of newsreader --help"
        options = [w.strip("[]").split("|")[0] for w in words if w.lstrip("[").startswith("--")]
        for option in options:
            assert option in shown, f"{option} is not in newsreader {command or ''} --help"


@needs_seed
def test_export_of_the_seed(tmp_path: Path) -> None:
    result = newsreader("export", str(SEEDS))
    assert result.returncode == 0, result.stderr
    assert "\\u06" not in result.stdout, "Arabic must not be ASCII-escaped"
    rows = records(result.stdout)
    assert [list(r) for r in rows] == [EXPORT_KEYS, EXPORT_KEYS]
    first, second = rows
    assert first["title"] == "روسيا تبدأ سحب قواتها من كاراباخ"
    assert first["published"] == "2024-04-17"
    assert second["published"] is None, "undated articles come last"
    assert first["read_also"] == [{"title": second["title"], "id": second["id"]}]
    assert second["read_by"] == [first["id"]]
    assert first["origins"][0]["path"].endswith("000_c3a5f11ca90b270a.txt")
    assert first["origins"][0]["line"] is None


@needs_seed
def test_list_filters_by_tag_search() -> None:
    everything = newsreader("list", str(SEEDS))
    assert everything.stdout.splitlines() == [
        "روسيا تبدأ سحب قواتها من كاراباخ",
        "اتفاق سلام مرتقب بين الكونجو الديمقراطية ورواندا",
    ]
    by_tag = newsreader("list", str(SEEDS), "--tag", "اردوغان")
    assert by_tag.returncode == 0, by_tag.stderr
    assert by_tag.stdout.splitlines() == ["روسيا تبدأ سحب قواتها من كاراباخ"]
    nothing = newsreader("list", str(SEEDS), "--tag", "زززز")
    assert nothing.returncode == 1
    assert "no tag matches" in nothing.stderr
    assert "Traceback" not in nothing.stderr


@needs_seed
def test_tags_with_counts() -> None:
    result = newsreader("tags", str(SEEDS))
    rows = [line.split("\t") for line in result.stdout.splitlines()]
    assert len(rows) == 9
    assert {tag for tag, _ in rows} >= {"رجب طيب أردوغان", "إقليم كاراباخ", "أرمينيا"}
    assert all(count == "1" for _, count in rows)


def test_tags_most_used_first(tmp_path: Path, library_url: str) -> None:
    dumps = tmp_path / "dumps"
    dumps.mkdir()
    for n, tags in enumerate(["البحرالمطر", "البحر", "البحرالشمس"]):
        (dumps / f"{n}.txt").write_text(
            f"عنوان الخبر رقم {n}\nتاريخ النشر: {n + 1}th, May 2024 GMT\n"
            f"المدينة (خاص) – نص قصير عن البحر والمطر والشمس في اليوم {n}.\n"
            f"Tags: {tags}المصدر: صحيفة التجربة",
            encoding="utf-8",
        )
    result = newsreader("--library", library_url, "tags", str(dumps))
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0] == "البحر\t3"


def test_check_names_the_bad_file_and_still_loads_the_rest(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text(
        "خبر سليم عن افتتاح مكتبة\nتاريخ النشر: 2nd, March 2023 GMT\n"
        "تونس (خاص) – افتتحت البلدية مكتبة جديدة في وسط المدينة.\nويضم المبنى ثلاثة طوابق.",
        encoding="utf-8",
    )
    bad = tmp_path / "broken.jsonl"
    bad.write_text('{"text": "not closed\n', encoding="utf-8")
    before = sorted(p.name for p in tmp_path.iterdir())
    check = newsreader("check", str(tmp_path))
    assert check.returncode == 1
    assert "broken.jsonl:1" in check.stderr
    assert "Traceback" not in check.stderr
    assert "1 failed" in check.stdout
    export = newsreader("export", str(tmp_path))
    assert [r["title"] for r in records(export.stdout)] == ["خبر سليم عن افتتاح مكتبة"]
    assert "broken.jsonl" in export.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == before, "nothing written beside dumps"


def test_a_reopen_is_answered_from_the_library(tmp_path: Path, isolated_data_dir: Path) -> None:
    dumps = tmp_path / "dumps"
    shutil.copytree(ROOT / "sample_feeds", dumps)
    (dumps / "broken.jsonl").write_text('{"text": "not closed\n', encoding="utf-8")
    library = isolated_data_dir / "newsreader" / "library.sqlite3"
    first = newsreader("export", str(dumps))
    assert library.is_file()
    again = newsreader("export", str(dumps))
    assert (again.stdout, again.stderr) == (first.stdout, first.stderr)
    assert "broken.jsonl:1" in again.stderr
    elsewhere = tmp_path / "other.sqlite3"
    chosen = newsreader(
        "export", str(dumps), env={**os.environ, "NEWSREADER_LIBRARY": str(elsewhere)}
    )
    assert chosen.stdout == first.stdout and elsewhere.is_file()
    flag = newsreader("--library", ":memory:", "export", str(dumps / "broken.jsonl"))
    assert "broken.jsonl:1" in flag.stderr
    assert sorted(p.name for p in library.parent.iterdir() if p.suffix == ".sqlite3") == [
        "library.sqlite3"
    ]


def test_a_terminal_sees_loading_progress_and_a_pipe_does_not(tmp_path: Path) -> None:
    dumps = tmp_path / "dumps"
    subprocess.run(
        [
            sys.executable,
            str(ROOT / "benchmarks" / "make_corpus.py"),
            str(dumps),
            "--pages",
            "3000",
        ],
        check=True,
        capture_output=True,
    )
    env = {**os.environ, "NEWSREADER_LIBRARY": ":memory:"}
    script = shutil.which("newsreader", path=str(Path(sys.executable).parent))
    leader, follower = pty.openpty()
    with subprocess.Popen(
        [script, "check", str(dumps)], stdout=subprocess.PIPE, stderr=follower, env=env
    ) as run:
        os.close(follower)
        stdout = run.communicate(timeout=120)[0].decode()
    terminal = drain(leader).decode()
    assert "3000 pages" in stdout
    bars = [line for line in terminal.split("\r") if line.startswith("[")]
    assert bars and all("/3000 files" in line and "files/s" in line for line in bars)
    assert bars[-1].startswith("[" + "#" * LoadMeter.BAR + "]")  # full at the end
    assert "linking" in terminal  # the second phase is named
    assert terminal.endswith("\r\x1b[K")  # erased once the corpus is whole
    piped = newsreader("check", str(dumps), env=env)
    assert piped.stderr == ""


@pytest.mark.skipif(sys.platform == "darwin", reason="macOS refuses file names that are not UTF-8")
def test_file_names_that_are_not_utf8_are_shown_and_exported(tmp_path: Path) -> None:
    good = os.fsdecode(bytes(tmp_path) + b"/good\xff.txt")
    Path(good).write_text(
        "خبر في ملف اسمه غريب\nتاريخ النشر: 2nd, March 2023 GMT\n"
        "تونس (خاص) – افتتحت البلدية حديقة جديدة في وسط المدينة.",
        encoding="utf-8",
    )
    Path(os.fsdecode(bytes(tmp_path) + b"/bad\xfe.txt")).write_bytes(b"\x00\x01binary")
    check = newsreader("check", str(tmp_path), env={**os.environ, "PYTHONIOENCODING": "ascii"})
    assert "bad\\xfe.txt: error:" in check.stderr, "the file's odd byte is spelt, not dropped"
    export = newsreader("export", str(tmp_path), env={**os.environ, "PYTHONIOENCODING": "ascii"})
    assert export.returncode == 0 and "Traceback" not in export.stderr, export.stderr
    [row] = records(export.stdout)
    assert row["title"] == "خبر في ملف اسمه غريب", "UTF-8 whatever the locale says"
    assert os.fsencode(row["origins"][0]["path"]) == os.fsencode(good)


def test_missing_path_is_a_diagnostic_not_a_traceback(tmp_path: Path) -> None:
    result = newsreader("check", str(tmp_path / "nowhere"))
    assert result.returncode == 1
    assert "nowhere" in result.stderr
    assert "Traceback" not in result.stderr


def test_bundled_feeds_from_any_directory(tmp_path: Path) -> None:
    result = newsreader("check", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert " 0 failed" in result.stdout
    export = newsreader("export", cwd=tmp_path)
    assert len(records(export.stdout)) >= 40


def test_sample_feeds_check_clean() -> None:
    result = newsreader("check", str(ROOT / "sample_feeds"))
    assert result.returncode == 0, result.stderr
    assert " 0 failed" in result.stdout


def test_escape_sequences_never_reach_the_terminal(tmp_path: Path) -> None:
    (tmp_path / "evil.txt").write_text(
        "عنوان \x1b]0;pwned\x07فيه \x1b[2J حيلة\nتاريخ النشر: 1st, June 2024 GMT\n"
        "عمّان (خاص) – نص \x1b]52;c;aGVsbG8=\x07 الخبر هنا.",
        encoding="utf-8",
    )
    for command in ("list", "tags", "check"):
        result = newsreader(command, str(tmp_path))
        assert "\x1b" not in result.stdout + result.stderr, command
        assert "\x07" not in result.stdout + result.stderr, command


def test_wheel_carries_the_feeds_for_a_plain_install(tmp_path: Path) -> None:
    """A non-editable install finds its feeds and its Arabic catalogue inside the package,
    from any directory."""
    wheels = tmp_path / "wheels"
    build = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(wheels), str(ROOT)],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert build.returncode == 0, build.stderr
    (wheel,) = wheels.glob("newsreader-*.whl")
    site = tmp_path / "site"
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        archive.extractall(site)
    feeds = [n for n in names if n.startswith("reader/sample_feeds/")]
    assert len(feeds) >= 40
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {**os.environ, "PYTHONPATH": str(site), "PYTHONSAFEPATH": "1"}
    probe = subprocess.run(
        [sys.executable, "-c", "import reader.settings.feeds as f; print(f.bundled_feeds())"],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert probe.returncode == 0, probe.stderr
    assert Path(probe.stdout.strip()) == site / "reader" / "sample_feeds"
    export = subprocess.run(
        [sys.executable, "-m", "reader", "export"],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )
    assert export.returncode == 0, export.stderr
    assert len(records(export.stdout)) >= 40
    assert "reader/language/ar.py" in names  # the Arabic catalogue, with nothing to build
    checked = subprocess.run(
        [sys.executable, "-m", "reader", "--lang", "ar", "check"],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )
    assert checked.returncode == 0, checked.stderr
    assert checked.stdout.startswith("الصفحات: ")


# Each run of a command into a closed pipe can race the reader differently; a few runs
# catch what one might miss.
PIPE_RUNS = 3
PRINTING = [
    ["list"],
    ["tags"],
    ["export"],
    ["check"],
    ["library"],
    ["show", "{first}"],
    ["search", "الأطفال"],
]


def _first_article_id() -> str:
    listed = newsreader("list", "--json", "--limit", "1")
    return json.loads(listed.stdout)["id"]


@pytest.mark.parametrize("command", PRINTING, ids=lambda c: c[0])
def test_a_reader_gone_before_the_first_line_ends_the_command_quietly(command: list[str]) -> None:
    """A reader that closes its end (`| head -n 0`, a pager quit at once) is not an error:
    the command stops with status 0 and says nothing, as `ls` does."""
    args = [arg.format(first=_first_article_id()) for arg in command]
    script = shutil.which("newsreader", path=str(Path(sys.executable).parent))
    for _ in range(PIPE_RUNS):
        with subprocess.Popen(
            [script, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE
        ) as run:
            run.stdout.close()  # before the command has started, so every write fails
            stderr = run.stderr.read().decode()
            status = run.wait(timeout=120)
        assert (status, stderr) == (0, ""), args


@pytest.mark.parametrize("command", [["export"], ["list"]], ids=lambda c: c[0])
def test_piping_into_head_exits_quietly(command: list[str]) -> None:
    """`newsreader export | head -n 1`: head leaves with the first line; the rest of the
    output (more than a pipe holds, for export) is dropped without a word."""
    script = shutil.which("newsreader", path=str(Path(sys.executable).parent))
    for _ in range(PIPE_RUNS):
        with subprocess.Popen(
            [script, *command], stdout=subprocess.PIPE, stderr=subprocess.PIPE
        ) as run:
            head = subprocess.run(
                ["head", "-n", "1"], stdin=run.stdout, capture_output=True, check=True
            )
            run.stdout.close()
            stderr = run.stderr.read().decode()
            status = run.wait(timeout=120)
        assert len(head.stdout.splitlines()) == 1
        assert (status, stderr) == (0, ""), command


NOT_A_TERMINAL_STATUS = 2


@pytest.mark.parametrize("stream", ["stdout", "stdin", "stderr"])
def test_the_reader_refuses_a_stream_that_is_not_a_terminal(stream: str) -> None:
    """`newsreader > file` or `newsreader | cat` would wait forever for keys no one can
    see to type: the reader says what to use instead and stops, before Textual starts."""
    script = shutil.which("newsreader", path=str(Path(sys.executable).parent))
    leader, follower = pty.openpty()
    streams = {name: follower for name in ("stdin", "stdout", "stderr")}
    streams[stream] = subprocess.PIPE
    run = subprocess.Popen([script, "--library", ":memory:"], **streams)
    os.close(follower)
    try:
        piped = run.communicate(timeout=30)
    finally:
        run.kill()
        run.wait()
    drained = drain(leader)
    said = (piped[1] if stream == "stderr" else drained).decode()
    name = {"stdin": "input", "stdout": "output", "stderr": "error"}[stream]
    assert run.returncode == NOT_A_TERMINAL_STATUS
    assert said.splitlines() == [
        f"newsreader: standard {name} is not a terminal; use `newsreader list` "
        "or `newsreader show ARTICLE` to print"
    ]


def test_visual_lays_out_list_and_tags_in_a_pipe() -> None:
    """`--visual` gives a pipe what a terminal shows: shaped, in visual order, right-aligned."""
    env = {**os.environ, "COLUMNS": "60"}
    logical = newsreader("list", env=env).stdout.splitlines()
    visual = newsreader("list", "--visual", env=env).stdout.splitlines()
    assert visual == [" " * (60 - cell_len(fit_line(t, 60))) + fit_line(t, 60) for t in logical]
    assert visual != logical
    tags = newsreader("tags", env=env).stdout.splitlines()
    tag, count = tags[0].split("\t")
    laid = fit_line(f"{tag} ({count})", 60)
    assert newsreader("tags", "--visual", env=env).stdout.splitlines()[0] == (
        " " * (60 - cell_len(laid)) + laid
    )


@pytest.mark.parametrize("command", ["list", "export", "tags"])
def test_a_command_started_with_stdout_closed_says_so(command: str) -> None:
    script = shutil.which("newsreader", path=str(Path(sys.executable).parent))
    assert script
    done = subprocess.run(
        [script, command],
        stderr=subprocess.PIPE,
        text=True,
        timeout=60,
        preexec_fn=lambda: os.close(1),  # the child starts with no stdout
    )
    assert done.returncode == 2
    assert done.stderr.strip() == "newsreader: standard output is closed; nothing to write to"


def test_commands_other_than_the_reader_turn_the_collector_back_on(
    corpus_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`main` starts with the garbage collector off; a command that is not the reader
    (which turns it on after its first frame) turns it on before it does its work."""
    from reader.commands.cli import main

    library = str(tmp_path / "library.sqlite3")
    command = ["newsreader", "--library", library, "list", "--limit", "1", str(corpus_dir)]
    monkeypatch.setattr(sys, "argv", command)
    try:
        with pytest.raises(SystemExit) as ended:
            main()
        assert ended.value.code == 0
        assert gc.isenabled()
    finally:
        gc.enable()
