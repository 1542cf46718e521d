"""The command line in Arabic: `--help` and click's usage errors worded from the catalogue,
laid out right to left at a terminal and as written for a pipe, the language chosen before
click parses, and English as it was."""

from __future__ import annotations

import os
import re
import subprocess
from collections.abc import Iterator
from pathlib import Path

import click
import pytest
from click.testing import CliRunner
from pty_support import PtyTerminal, newsreader_command, reader_env

from reader import __version__, language
from reader.commands.cli import cli
from reader.commands.commandline import RightToLeftHelp, click_speaking
from reader.layout import cell_len, fit_line
from reader.render.typed import rtl_lines
from reader.settings import config as settings

ARABIC = re.compile("[\u0600-\u06ff]")
# Arabic presentation forms: what shaping gives, never in text as written.
SHAPED = re.compile("[\ufb50-\ufdff\ufe70-\ufeff]")
ENGLISH_WORDS = re.compile(r"\b(Usage|Options|Commands|Error|Try|Show|Missing|Invalid|No such)\b")
SIZE = (100, 60)  # a terminal wider than click's help (78 cells), to see the right edge
LIST_HELP = """\
Usage: newsreader list [OPTIONS] [PATHS]...

  Print headlines, one a line, newest first (--unread, --saved: only those).

Options:
  --tag TAG              Only articles with the best matching tag.
  --limit INTEGER RANGE  At most N headlines.  [x>=0]
  --unread               Only articles not read yet.
  --saved                Only saved articles.
  --json                 JSON Lines: id, title, published, source, tags, read
                         and saved of each article.
  --logical              Logical order, unshaped: for pipes (the default
                         there), or terminals doing their own bidi.
  --visual               Shaped, in visual order and laid out, as at a
                         terminal (the default there).
  -h, --help             Show this message and exit.
"""


def newsreader(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """The installed command, its output piped."""
    return subprocess.run(
        [newsreader_command(), *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
        env={**os.environ, **(env or {})},
        timeout=120,
    )


def on_a_terminal(tmp_path: Path, *args: str, env: dict[str, str] | None = None) -> PtyTerminal:
    """The installed command on a pseudo-terminal of SIZE, run to its end."""
    terminal = PtyTerminal(
        [newsreader_command(), *args], {**reader_env(tmp_path / "home"), **(env or {})}, SIZE
    )
    assert terminal.wait() is not None, "the command did not end"
    terminal.hang_up()
    return terminal


def screen_lines(terminal: PtyTerminal) -> list[str]:
    lines = [line.rstrip() for line in terminal.screen.display]
    while lines and not lines[-1]:
        lines.pop()
    return lines


def laid_out(text: str) -> str:
    """`text` as the RTL engine draws it on one line."""
    return fit_line(text, 200, "rtl")


def config(text: str) -> None:
    folder = Path(os.environ["XDG_CONFIG_HOME"]) / "newsreader"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "config.toml").write_text(text, encoding="utf-8")


# ----- piped: the text as written -------------------------------------------------------
@pytest.mark.parametrize(
    ("args", "env"),
    [
        pytest.param(["--lang", "ar"], None, id="flag"),
        pytest.param(["--lang=ar"], None, id="flag="),
        pytest.param([], {"LANG": "ar_EG.UTF-8"}, id="LANG"),
        pytest.param([], {"LC_ALL": "ar_SA.UTF-8"}, id="LC_ALL"),
    ],
)
def test_the_help_is_arabic_as_written_for_a_pipe(
    args: list[str], env: dict[str, str] | None
) -> None:
    result = newsreader(*args, "--help", env=env)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "الاستعمال: newsreader [خيارات] أمر [وسائط]..."
    assert "الخيارات:" in lines and "الأوامر:" in lines
    assert "  -h, --help      عرض هذه الرسالة والخروج." in lines
    assert "  --library ملف   ملف المكتبة (الافتراضي: library.sqlite3 في مجلد بيانات" in lines
    assert any(line.startswith("  list     طباعة العناوين، ") for line in lines)
    assert not ENGLISH_WORDS.search(result.stdout)
    assert not SHAPED.search(result.stdout), "a pipe gets the logical text, unshaped"


def test_a_commands_help_is_arabic_for_the_locale() -> None:
    result = newsreader("list", "--help", env={"LANG": "ar_EG.UTF-8"})
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "الاستعمال: newsreader list [خيارات] [مسارات]..."
    assert "  --tag وسم    الأخبار التي تحمل أقرب وسم مطابق فقط." in lines
    assert "  --limit عدد  العناوين بهذا العدد على الأكثر.  [x>=0]" in lines
    assert not ENGLISH_WORDS.search(result.stdout)


def test_the_settings_file_chooses_the_help_language_and_the_flag_beats_it() -> None:
    config('language = "ar"\n')
    assert newsreader("--help").stdout.startswith("الاستعمال: ")
    english = newsreader("--lang", "en", "list", "--help", env={"LANG": "ar_EG.UTF-8"})
    assert english.stdout == LIST_HELP


def test_english_help_is_as_it_was() -> None:
    assert newsreader("list", "--help").stdout == LIST_HELP
    assert newsreader("--lang", "en", "list", "--help").stdout == LIST_HELP
    top = newsreader("--help").stdout.splitlines()
    assert top[0] == "Usage: newsreader [OPTIONS] COMMAND [ARGS]..."
    assert "  --version       Show the version and exit." in top
    assert "  list     Print headlines, one a line, newest first (--unread, --saved:..." in top


@pytest.mark.parametrize(
    ("args", "usage", "error"),
    [
        pytest.param(
            ["list", "--frob"],
            "newsreader list [خيارات] [مسارات]...",
            "خطأ: لا خيار باسم '--frob'.",
            id="no such option",
        ),
        pytest.param(
            ["search"],
            "newsreader search [خيارات] استعلام [مسارات]...",
            "خطأ: ينقص الوسيط 'استعلام'.",
            id="missing argument",
        ),
        pytest.param(
            ["list", "--limit", "x"],
            "newsreader list [خيارات] [مسارات]...",
            "خطأ: قيمة غير صالحة في '--limit': 'x' ليس عددًا صالحًا.",
            id="invalid value",
        ),
        pytest.param(
            ["mark", "foo", "a1"],
            "newsreader mark [خيارات] {read|unread|saved|unsaved} معرّف...",
            "خطأ: قيمة غير صالحة في '{read|unread|saved|unsaved}': 'foo' ليس أحد "
            "'read', 'unread', 'saved', 'unsaved'.",
            id="choice",
        ),
        pytest.param(
            ["tags", "a", "--logical", "--visual"],
            "newsreader tags [خيارات] [مسارات]...",
            "خطأ: لا يجتمع --logical و--visual",
            id="the command's own",
        ),
        pytest.param(
            ["state", "a"],
            "newsreader state [خيارات] [أمر] [وسائط]...",
            "خطأ: لا أمر باسم 'a'.",
            id="no such command",
        ),
    ],
)
def test_usage_errors_are_arabic_with_status_2(args: list[str], usage: str, error: str) -> None:
    result = newsreader("--lang", "ar", *args)
    assert result.returncode == 2
    lines = result.stderr.splitlines()
    command = usage.split(" [")[0]
    assert lines == [f"الاستعمال: {usage}", f"للمساعدة جرّب '{command} --help'.", "", error]
    assert result.stdout == ""


def test_an_unexpected_argument_and_a_guess_are_arabic() -> None:
    extra = newsreader("--lang", "ar", "state", "export", "a", "b")
    assert extra.stderr.splitlines()[-1] == "خطأ: وسيط زائد غير متوقع (b)"
    guess = newsreader("--lang", "ar", "list", "--saves")
    assert guess.stderr.splitlines()[-1] == "خطأ: لا خيار باسم '--saves'. أتقصد '--saved'؟"
    bad_language = newsreader("--lang", "fr", "list", env={"LANG": "ar_EG.UTF-8"})
    assert bad_language.returncode == 2  # said in the locale's language, the flag being none
    assert bad_language.stderr.splitlines()[-1] == (
        "خطأ: قيمة غير صالحة في '--lang': 'fr' ليس أحد 'ar', 'en'."
    )


def test_english_usage_errors_are_as_they_were() -> None:
    result = newsreader("--lang", "en", "list", "--frob", env={"LANG": "ar_EG.UTF-8"})
    assert result.returncode == 2
    assert result.stderr == (
        "Usage: newsreader list [OPTIONS] [PATHS]...\n"
        "Try 'newsreader list --help' for help.\n\n"
        "Error: No such option '--frob'.\n"
    )
    assert newsreader("search").stderr.splitlines()[-1] == "Error: Missing argument 'QUERY'."


def test_the_version_is_worded() -> None:
    assert newsreader("--version").stdout == f"newsreader, version {__version__}\n"
    arabic = newsreader("--lang", "ar", "--version")
    assert arabic.stdout == f"newsreader، الإصدار {__version__}\n"


# ----- at a terminal: laid out right to left --------------------------------------------
@pytest.mark.parametrize(
    ("args", "env"),
    [
        pytest.param(["--lang", "ar"], None, id="flag"),
        pytest.param([], {"LANG": "ar_EG.UTF-8"}, id="LANG"),
    ],
)
def test_the_help_is_laid_out_right_to_left_at_a_terminal(
    tmp_path: Path, args: list[str], env: dict[str, str] | None
) -> None:
    terminal = on_a_terminal(tmp_path, *args, "--help", env=env)
    assert terminal.process.returncode == 0
    lines = screen_lines(terminal)
    width = SIZE[0]
    usage = lines[0]
    # The first Arabic word of a line is at its right end, shaped; the Latin stays as typed.
    assert cell_len(usage) == width and usage.endswith(" newsreader " + laid_out("الاستعمال:"))
    assert usage.strip() == laid_out("الاستعمال: newsreader [خيارات] أمر [وسائط]...")
    assert laid_out("الخيارات:").rjust(width) in lines
    assert laid_out("الأوامر:").rjust(width) in lines
    # The option column on the right, each name as typed; its help to its left, laid out.
    (library,) = [line for line in lines if "--library" in line]
    indent = 2  # the options' indentation, a margin on the right
    assert library.endswith("--library " + laid_out("ملف")) and cell_len(library) == width - indent
    assert laid_out("ملف المكتبة (الافتراضي:") in library
    (help_row,) = [line for line in lines if line.endswith("-h, --help")]
    assert help_row.strip().startswith(laid_out("عرض هذه الرسالة والخروج."))
    assert all(cell_len(line) <= width for line in lines)
    assert not re.search("الخيارات|خيارات", terminal.output.decode()), "logical order leaked"


def test_a_usage_error_is_laid_out_at_a_terminal(tmp_path: Path) -> None:
    terminal = on_a_terminal(tmp_path, "--lang", "ar", "list", "--frob")
    assert terminal.process.returncode == 2
    lines = [line for line in screen_lines(terminal) if line]
    width = SIZE[0]
    assert [cell_len(line) for line in lines] == [width] * 3, "each line right-aligned"
    assert lines[0].strip() == laid_out("الاستعمال: newsreader list [خيارات] [مسارات]...")
    assert lines[1].endswith(laid_out("للمساعدة جرّب"))
    assert "'newsreader list --help'" in lines[1]
    assert lines[2].endswith(laid_out("خطأ: لا خيار باسم"))
    assert "'--frob'" in lines[2], "the option as it was typed, not 'frob--'"


def test_english_help_at_a_terminal_is_the_piped_text(tmp_path: Path) -> None:
    terminal = on_a_terminal(tmp_path, "list", "--help")
    assert screen_lines(terminal) == LIST_HELP.splitlines()


# ----- the language before parsing, the settings read once -------------------------------
def test_the_settings_file_is_read_once_for_a_command(
    monkeypatch: pytest.MonkeyPatch, corpus_dir: Path
) -> None:
    reads: list[object] = []
    load = settings.load

    def counted(*args: object, **kwargs: object) -> object:
        reads.append(args)
        return load(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(settings, "load", counted)
    config('language = "ar"\n')
    result = CliRunner().invoke(cli, ["check", str(corpus_dir)])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("الصفحات: ")
    assert len(reads) == 1


def test_clicks_words_are_its_own_again_after_a_command() -> None:
    """The catalogue stands in for gettext in click's modules only while a command runs."""
    import gettext

    import click.core

    result = CliRunner().invoke(cli, ["--lang", "ar", "list", "--frob"])
    assert result.exit_code == 2 and "لا خيار باسم" in result.output
    assert click.core._ is gettext.gettext


# ----- every help text is in the catalogue ----------------------------------------------
def commands(
    command: click.Command, parent: click.Context | None = None
) -> Iterator[tuple[click.Command, click.Context]]:
    """Each command of the tree with a context of its own."""
    context = click.Context(command, info_name=command.name, parent=parent)
    yield command, context
    for child in getattr(command, "commands", {}).values():
        yield from commands(child, context)


def test_every_help_text_and_metavar_reads_arabic_in_arabic() -> None:
    language.use("ar")
    with click_speaking():  # for click's "Usage:", as while a command runs
        usages = [command.get_usage(context) for command, context in commands(cli)]
    assert all(usage.startswith("الاستعمال: ") for usage in usages), usages
    for command, context in commands(cli):
        name = context.command_path
        assert ARABIC.search(command.help or ""), f"{name}: help left in English"
        for param in command.get_params(context):
            record = param.get_help_record(context)
            if isinstance(param, click.Option):
                assert record is not None and ARABIC.search(record[1]), (name, param.name)
            if isinstance(param, click.Option) and param.is_flag:
                continue  # no metavar is shown
            metavar = param.make_metavar(context)
            if not isinstance(param.type, click.Choice) and re.search("[A-Za-z]{2}", metavar):
                assert ARABIC.search(metavar), (name, param.name, metavar)


def test_every_help_text_is_its_msgid_in_english() -> None:
    from catalogue_support import package_msgids

    marked = package_msgids()
    for command, context in commands(cli):
        assert command.help in marked, context.command_path
        for param in command.get_params(context):
            if isinstance(param, click.Option):
                assert param.help in marked, (context.command_path, param.name)


# ----- the layout ---------------------------------------------------------------------
def test_option_names_and_code_stay_as_typed_inside_arabic() -> None:
    assert laid_out("لا يجتمع --logical و--visual").startswith("visual--")  # bidi alone
    (line,) = rtl_lines("لا يجتمع --logical و--visual", 80)
    assert line.startswith("--visual") and "--logical " + laid_out("لا يجتمع") in line
    (line,) = rtl_lines("يسرد `newsreader keys` المعرّفات", 80)
    assert "`newsreader keys`" in line
    (line,) = rtl_lines("مرّر 'x' لا 'استعلام'", 80)
    assert "'x'" in line and laid_out("'استعلام'") in line  # Arabic in quotes reads Arabic


def test_a_text_with_private_use_characters_of_its_own_is_laid_out_as_it_is() -> None:
    """The stand-ins for option names are private-use characters: a dump's own are kept."""
    assert rtl_lines("خطأ \ue000 --x", 40) == (laid_out("خطأ \ue000 --x"),)


def test_a_name_wider_than_the_line_is_put_back_across_lines() -> None:
    lines = rtl_lines("اختر --a-very-long-option-name", 12)
    assert lines[0] == laid_out("اختر")
    assert "".join(lines[1:]) == "--a-very-long-option-name"
    assert all(cell_len(line) <= 12 for line in lines)


@pytest.mark.parametrize("columns", [60, 100])
def test_the_help_page_fits_the_terminal_and_keeps_its_columns(columns: int) -> None:
    language.use("ar")
    command = cli.commands["list"]
    context = click.Context(command, info_name="list")
    formatter = RightToLeftHelp(columns, None, None)
    command.format_help(context, formatter)
    lines = formatter.getvalue().splitlines()
    assert all(cell_len(line) <= columns for line in lines)
    ends = ("--tag " + laid_out("وسم"), "--saved")
    rows = [line for line in lines if line.rstrip().endswith(ends)]
    assert len(rows) == 2
    # Each definition ends where the column of names begins, two cells from the longest.
    name_column = cell_len("--limit " + laid_out("عدد"))
    for row in rows:
        text = row.rstrip()[:-name_column].rstrip()
        assert cell_len(text) == columns - 2 - name_column - 2, row
