"""The interface's language: both catalogues, the choice (locale, settings, flag), Arabic laid
out by the RTL engine wherever the interface shows it, the switch from the palette, and no
string shown without the catalogue."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from catalogue_support import PACKAGE, bypasses, click_msgids, package_msgids
from textual.command import CommandList
from textual.pilot import Pilot
from tui_support import main, screen_text, wait_loaded

from reader import language
from reader.language import Language, ar, ar_click
from reader.layout import fit_line
from reader.render.counts import NEWS, PAGES, counted
from reader.render.dates import gregorian, hijri
from reader.settings import config as settings
from reader.settings.config import Settings
from reader.tui.app import make_app
from reader.tui.palette import PaletteInput, ReaderPalette
from reader.tui.screens.help import HelpScreen
from reader.tui.widgets.keysbar import KeysBar
from reader.tui.widgets.lines import PlainLines
from reader.tui.widgets.status import StatusBar

SIZE = (120, 30)
FIELD = re.compile(r"\{(\w*)\}")
# click's fields may convert (`{name!r}`), and its version message is %-formatted.
CLICK_FIELD = re.compile(r"\{[^{}]*\}|%\(\w+\)s")
ARABIC = re.compile("[\u0600-\u06ff]")
# Where the interface's strings live: a literal shown from anywhere else bypasses nothing.
SHOWN_FROM = [
    *sorted((PACKAGE / "tui").rglob("*.py")),
    *sorted((PACKAGE / "commands").glob("*.py")),
]
STILL = Settings(mark_read_after=3600.0)


# ----- the catalogues ---------------------------------------------------------------------
def test_every_msgid_has_an_arabic_translation_and_none_is_stale() -> None:
    marked = package_msgids()
    translated = set(ar.MESSAGES) | set(ar.PLURALS)
    assert sorted(set(marked) - translated) == [], "marked but not translated"
    assert sorted(translated - set(marked)) == [], "translated but no longer in the code"
    plurals = {msgid for msgid, plural in marked.items() if plural is not None}
    assert plurals == set(ar.PLURALS), "a counted phrase needs Arabic's five forms"


@pytest.mark.parametrize("msgid", sorted(ar.MESSAGES))
def test_a_translation_fills_the_same_fields_and_reads_arabic(msgid: str) -> None:
    translation = ar.MESSAGES[msgid]
    assert sorted(FIELD.findall(translation)) == sorted(FIELD.findall(msgid))
    words = FIELD.sub("", translation)
    if re.search(r"[A-Za-z]{3}", FIELD.sub("", msgid)) and msgid not in UNTRANSLATABLE:
        assert re.search("[\u0600-\u06ff]", words), f"{msgid!r} left in English"


UNTRANSLATABLE = {"y / n"}  # the keys themselves, as the keyboard prints them


def test_every_msgid_of_click_has_an_arabic_translation_and_none_is_stale() -> None:
    """click's usage errors and headings are worded from its own msgids: all of those in the
    installed click are translated, once, and no translation is of a msgid it dropped."""
    marked = click_msgids()
    ours = set(ar.MESSAGES) | set(ar.PLURALS)
    translated = set(ar_click.MESSAGES) | set(ar_click.PLURALS)
    assert sorted(set(marked) - translated - ours) == [], "click's msgid not translated"
    assert sorted(translated - set(marked)) == [], "translated but no longer in click"
    assert sorted(translated & ours) == [], "translated twice"
    plurals = {msgid for msgid, plural in marked.items() if plural is not None}
    assert plurals == set(ar_click.PLURALS), "a counted phrase needs Arabic's five forms"


def test_clicks_words_are_arabic_in_the_arabic_catalogue() -> None:
    catalogue = language.catalogue("ar")
    assert catalogue.gettext("Options") == "الخيارات"
    assert catalogue.gettext("Usage:") == "الاستعمال:"
    args = catalogue.ngettext(
        "Got unexpected extra argument ({args})", "Got unexpected extra arguments ({args})", 2
    )
    assert args == "وسيطان زائدان غير متوقعين ({args})"


def _click_fields(text: str) -> set[str]:
    return set(CLICK_FIELD.findall(text))


@pytest.mark.parametrize("msgid", sorted(ar_click.MESSAGES))
def test_a_translation_of_click_fills_fields_click_gives_and_reads_arabic(msgid: str) -> None:
    """click formats a message with all its fields: a translation may leave one out (the
    type's English name), never ask for one click does not give."""
    translation = ar_click.MESSAGES[msgid]
    assert _click_fields(translation) <= _click_fields(msgid)
    if re.search(r"[A-Za-z]{3}", CLICK_FIELD.sub("", msgid)):
        assert ARABIC.search(CLICK_FIELD.sub("", translation)), f"{msgid!r} left in English"


@pytest.mark.parametrize("msgid", sorted(ar_click.PLURALS))
def test_every_form_of_clicks_counted_phrases_fills_fields_click_gives(msgid: str) -> None:
    given = _click_fields(msgid) | _click_fields(click_msgids()[msgid] or "")
    for form in ar_click.PLURALS[msgid]:
        assert _click_fields(form) <= given
        assert ARABIC.search(form)


@pytest.mark.parametrize("msgid", sorted(ar.PLURALS))
def test_every_form_of_a_counted_phrase_has_the_count_where_arabic_says_it(msgid: str) -> None:
    one, two, *rest = ar.PLURALS[msgid]
    assert "{count}" not in one and "{count}" not in two  # خبر واحد, خبران: no digit
    assert all("{count}" in form for form in rest)


def test_english_counts_have_english_plurals() -> None:
    assert [counted(n, NEWS) for n in (0, 1, 2, 11)] == [
        "0 articles",
        "1 article",
        "2 articles",
        "11 articles",
    ]


def test_arabic_counts_keep_their_five_forms(arabic: None) -> None:
    assert [counted(n, PAGES) for n in (1, 2, 3, 11, 100)] == [
        "صفحة واحدة",
        "صفحتان",
        "3 صفحات",
        "11 صفحةً",
        "100 صفحة",
    ]


def test_catalogues_are_gettext_translations() -> None:
    """Both catalogues answer gettext's interface, so either could come from `.mo` files."""
    import gettext

    for name in language.LANGUAGES:
        catalogue = language.catalogue(name)
        assert isinstance(catalogue, gettext.NullTranslations)
        assert catalogue.info()["language"] == name
    assert language.catalogue("ar").gettext("Quit") == "خروج"
    assert language.catalogue("en").ngettext("{count} page", "{count} pages", 2) == "{count} pages"


def test_dates_read_in_the_interface_language() -> None:
    import datetime as dt

    day = dt.date(2024, 5, 1)
    assert gregorian(day) == "2024-05-01"
    assert hijri(day) == "22 Shawwal 1445 AH"
    language.use("ar")
    assert gregorian(day) == "1 مايو 2024"
    assert hijri(day) == "22 شوال 1445 هـ"


# ----- the choice -----------------------------------------------------------------------
@pytest.mark.parametrize("variable", language.LOCALE_VARIABLES)
def test_each_locale_variable_can_ask_for_arabic(variable: str) -> None:
    assert language.from_environment({variable: "ar_EG.UTF-8"}) == "ar"
    assert language.from_environment({variable: "en_GB.UTF-8"}) == "en"


def test_the_first_locale_variable_set_decides() -> None:
    assert language.from_environment({"LANGUAGE": "ar:en", "LANG": "en_US.UTF-8"}) == "ar"
    assert language.from_environment({"LC_ALL": "C.UTF-8", "LANG": "ar_SA.UTF-8"}) == "en"
    assert language.from_environment({"LC_ALL": "", "LC_MESSAGES": "ar_JO", "LANG": "C"}) == "ar"
    assert language.from_environment({}) == "en"


def test_the_flag_beats_the_settings_which_beat_the_locale() -> None:
    arabic_locale = {"LANG": "ar_EG.UTF-8"}
    assert language.choose(None, None, arabic_locale) == "ar"
    assert language.choose(None, "en", arabic_locale) == "en"
    assert language.choose("ar", "en", {"LANG": "C"}) == "ar"
    assert language.choose("en", "ar", arabic_locale) == "en"


def test_the_settings_file_chooses_the_language(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text('language = "ar"\n', encoding="utf-8")
    chosen, problems = settings.load(path)
    assert chosen.language == "ar" and problems == []


def test_a_bad_language_is_one_line_naming_file_line_and_setting(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text('theme = "nord"\nlanguage = "fr"\n', encoding="utf-8")
    chosen, problems = settings.load(path)
    assert chosen.language is None
    assert [str(p) for p in problems] == [f"{path}:2: language: must be one of ar, en, not 'fr'"]


def newsreader(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    script = shutil.which("newsreader", path=str(Path(sys.executable).parent))
    assert script
    return subprocess.run(
        [script, *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
        env={**os.environ, **(env or {})},
        timeout=120,
    )


def config(text: str) -> None:
    folder = Path(os.environ["XDG_CONFIG_HOME"]) / "newsreader"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "config.toml").write_text(text, encoding="utf-8")


def test_the_command_speaks_the_locale_the_settings_and_the_flag(corpus_dir: Path) -> None:
    english = newsreader("check", str(corpus_dir))
    assert english.returncode == 0 and " pages, " in english.stdout
    arabic = newsreader("check", str(corpus_dir), env={"LANG": "ar_EG.UTF-8"})
    assert arabic.stdout.startswith("الصفحات: ")
    config('language = "en"\n')
    assert " pages, " in newsreader("check", str(corpus_dir), env={"LANG": "ar_EG.UTF-8"}).stdout
    flagged = newsreader("--lang", "ar", "check", str(corpus_dir), env={"LANG": "ar_EG.UTF-8"})
    assert flagged.stdout.startswith("الصفحات: ")


def test_a_bad_language_in_the_settings_is_said_and_the_command_runs(corpus_dir: Path) -> None:
    config('language = "klingon"\n')
    result = newsreader("check", str(corpus_dir))
    assert result.returncode == 0
    (line,) = [line for line in result.stderr.splitlines() if "language" in line]
    assert line.endswith("config.toml:1: language: must be one of ar, en, not 'klingon'")


def test_the_commands_messages_are_arabic(corpus_dir: Path) -> None:
    result = newsreader("--lang", "ar", "list", "--tag", "zzzz", str(corpus_dir))
    assert result.returncode == 1
    assert result.stderr.strip() == "خطأ: لا وسم يطابق 'zzzz'"  # a pipe: logical order
    keys = newsreader("--lang", "ar", "keys").stdout.splitlines()
    assert "reader.quit\tq,ض\tالخروج من القارئ" in keys
    english = newsreader("keys").stdout.splitlines()
    assert "reader.quit\tq,ض\tQuit the reader" in english


def test_the_progress_line_is_worded_in_the_language() -> None:
    from types import SimpleNamespace

    from reader.commands.opening import progress_line

    # What the line reads of an ingest's progress, without a clock to measure its rate by.
    progress = SimpleNamespace(
        phase="reading", files_done=3, files_total=10, pages=25, rate=6.0, seconds_left=1.2
    )
    assert progress_line(progress, 10) == "[###.......] 3/10 files, 25 pages, 6 files/s, 1 s left"
    language.use("ar")
    assert progress_line(progress, 10) == "[###.......] 3/10 ملف، 25 صفحةً، 6 ملف/ث، متبقٍّ 1 ث"
    walking = SimpleNamespace(phase="finding", files_done=40000, files_total=0, pages=0)
    assert progress_line(walking, 10) == "البحث عن الملفات: 40000 ملف"
    language.use("en")
    assert progress_line(walking, 10) == "finding: 40000 files"


# ----- on screen ------------------------------------------------------------------------
def bar_text(app: object) -> str:
    screen = app.screen  # type: ignore[attr-defined]
    return screen.query_one(KeysBar).render_line(0).text


def laid_out(text: str) -> str:
    """How the RTL engine draws `text`: what a terminal without bidi must be given."""
    return fit_line(text, 200, "rtl")


async def test_the_key_bar_and_help_speak_english_by_default(corpus_dir: Path) -> None:
    app = make_app([corpus_dir], settings=STILL)
    async with app.run_test(size=SIZE) as pilot:
        await wait_loaded(pilot)
        bar = bar_text(app)
        assert bar.startswith(" ⏎ Open  tab Pane  q Quit  ? Help ")
        assert "All news — " in main(app).query_one(StatusBar).description
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        lines = [app.screen.query_one(PlainLines).render_line(y).text for y in range(8)]
        assert any("Quit the reader" in line and line.lstrip().startswith("q, ض") for line in lines)


async def test_the_key_bar_and_help_speak_arabic_laid_out(corpus_dir: Path) -> None:
    app = make_app([corpus_dir], settings=STILL, language="ar")
    async with app.run_test(size=SIZE) as pilot:
        await wait_loaded(pilot)
        bar = bar_text(app)
        # Read from the right: the key, then its name, each name as the engine draws it.
        assert bar.endswith(f" {laid_out('اللوح')} tab  {laid_out('فتح')} ⏎ ")
        assert f" {laid_out('المفاتيح')} ?  {laid_out('خروج')} q " in bar
        assert "خروج" not in bar  # logical order would show reversed, unjoined letters
        words = bar.replace(" tab ", " ")  # key names stay as the keyboard prints them
        assert not re.search("[A-Za-z]{3}", words), "English left in the Arabic key bar"
        status = main(app).query_one(StatusBar).render_line(0).text
        assert laid_out("كل الأخبار") in status
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        lines = [app.screen.query_one(PlainLines).render_line(y).text for y in range(8)]
        row = next(line for line in lines if laid_out("الخروج من القارئ") in line)
        assert row.rstrip().endswith(fit_line("q, ض", 22, "ltr"))  # the keys on the right
        assert lines[0].rstrip().endswith(laid_out("newsreader — المفاتيح"))


async def test_the_palette_switches_the_language_and_back(corpus_dir: Path) -> None:
    app = make_app([corpus_dir], settings=STILL)
    async with app.run_test(size=SIZE) as pilot:
        await wait_loaded(pilot)
        hits = await _palette(pilot, "العربية")
        assert any(laid_out("اللغة: العربية") in hit for hit in hits)
        await pilot.press("enter")
        await pilot.pause()
        assert language.current() == "ar"
        assert f" {laid_out('خروج')} q " in bar_text(app)
        assert main(app).query_one(StatusBar).description.startswith("كل الأخبار")
        assert laid_out("لم يُفتح خبر بعد.") in screen_text(app)  # the pane, laid out again
        hits = await _palette(pilot, "English")
        assert any(hit.startswith("Language: English\n") for hit in hits)
        await pilot.press("enter")
        await pilot.pause()
        assert language.current() == "en"
        assert " q Quit " in bar_text(app)


async def test_a_notice_in_arabic_is_laid_out_for_the_toast(corpus_dir: Path) -> None:
    from reader.tui.notices import tell

    app = make_app([corpus_dir], settings=STILL, language="ar")
    async with app.run_test(size=SIZE) as pilot:
        await wait_loaded(pilot)
        tell(app, "تعذّر حفظ العلامة: القرص ممتلئ", title="المكتبة")
        await pilot.pause()
        (notice,) = list(app._notifications)  # Textual keeps them here; no public list
        assert notice.message.strip() == laid_out("تعذّر حفظ العلامة: القرص ممتلئ")
        assert notice.title.strip() == laid_out("المكتبة")


async def _palette(pilot: Pilot, text: str) -> list[str]:
    await pilot.press("ctrl+p")
    assert isinstance(pilot.app.screen, ReaderPalette)
    pilot.app.screen.query_one(PaletteInput).value = text
    for _ in range(40):  # the palette searches in the background
        await pilot.pause(0.05)
        if pilot.app.screen.query_one(CommandList).option_count:
            break
    options = pilot.app.screen.query_one(CommandList)
    return [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
@pytest.mark.parametrize(
    "press",
    [
        pytest.param([], id="headlines"),
        pytest.param(["enter"], id="article"),
        pytest.param(["question_mark"], id="help"),
        pytest.param(["R"], id="confirm"),
    ],
)
def test_arabic_screens(
    snap_compare, corpus_dir: Path, size: tuple[int, int], press: list[str]
) -> None:
    app = make_app([corpus_dir], settings=STILL, language="ar")
    assert snap_compare(app, press=press, terminal_size=size, run_before=wait_loaded)


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
@pytest.mark.parametrize(
    "press", [pytest.param([], id="headlines"), pytest.param(["f1"], id="help")]
)
def test_english_screens(
    snap_compare, corpus_dir: Path, size: tuple[int, int], press: list[str]
) -> None:
    app = make_app([corpus_dir], settings=STILL, language="en")
    assert snap_compare(app, press=press, terminal_size=size, run_before=wait_loaded)


# ----- nothing shown without the catalogue ------------------------------------------------
@pytest.mark.parametrize("path", SHOWN_FROM, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_visible_string_bypasses_the_catalogue(path: Path) -> None:
    assert bypasses(path.read_text(encoding="utf-8")) == []


@pytest.mark.parametrize(
    "source",
    [
        'Binding("q", "quit", "Quit")',
        'Binding("q", "quit", N_("Quit"), tooltip="Quit the reader")',
        'self.notify("Loading failed", title=_("Library"))',
        'tell(self, _("x"), title="Library")',
        'click.echo(f"forgot {paths}", err=True)',
        'raise Failure("no tag matches")',
        'status.set("All news", notice)',
        'Row("Everywhere", "heading")',
        'opening.say("newsreader: " + "standard output is closed")',
        'option("--tag", metavar="TAG", help=N_("Only articles with the best matching tag."))',
        'cli.command("tags", help="Print every tag with its article count.")',
        'click.option("--visual", is_flag=True, help="Shaped, in visual order.")',
    ],
)
def test_the_bypass_check_finds_a_bare_string(source: str) -> None:
    assert len(bypasses(source)) == 1


def test_the_bypass_check_lets_marked_strings_and_non_words_through() -> None:
    source = """
Binding("q", "quit", N_("Quit"), tooltip=N_("Quit the reader"))
tell(self, _("x"), title=_("Library"))
click.echo("\\r\\x1b[K", err=True, nl=False)
status.set(f"{count}/{total}", "")
"""
    assert bypasses(source) == []


async def test_the_arabic_palette_offers_textuals_commands_in_arabic(corpus_dir: Path) -> None:
    app = make_app([corpus_dir], settings=STILL, language="ar")
    async with app.run_test(size=SIZE) as pilot:
        await wait_loaded(pilot)
        hits = await _palette(pilot, "السمة")
        assert any(hit.startswith(laid_out("السمة") + "\n") for hit in hits)
        assert not [hit for hit in hits if "Theme" in hit or "Change the current" in hit]


async def test_an_option_named_in_the_arabic_palette_reads_as_it_is_typed(
    corpus_dir: Path,
) -> None:
    """The bidi switch's help names `--bidi terminal`: laid out as plain bidi would, its
    dashes land on the far side (`terminal--`)."""
    app = make_app([corpus_dir], settings=STILL, language="ar")
    async with app.run_test(size=SIZE) as pilot:
        await wait_loaded(pilot)
        hits = await _palette(pilot, "الطرفية")
        helps = [hit.split("\n", 1)[1] for hit in hits if "\n" in hit]
        assert any("(--bidi terminal)" in help for help in helps)
        assert not [help for help in helps if "terminal--" in help or "bidi--" in help]


@pytest.mark.parametrize(
    ("lang", "query", "entry"), [("ar", "السمة", "السمة"), ("en", "Theme", "Theme")]
)
async def test_the_palettes_entries_begin_where_the_interface_reads_from(
    corpus_dir: Path, lang: Language, query: str, entry: str
) -> None:
    """Arabic entries, laid out already, sit on the right, as every Arabic line does."""
    app = make_app([corpus_dir], settings=STILL, language=lang)
    async with app.run_test(size=SIZE) as pilot:
        await wait_loaded(pilot)
        await _palette(pilot, query)
        await pilot.pause()
        options = pilot.app.screen.query_one(CommandList)
        lines = [options.render_line(y).text for y in range(options.size.height)]
        shown = laid_out(entry) if lang == "ar" else entry
        (line,) = [line for line in lines if line.strip() == shown]
        padding = 2  # Textual's, on either side of an option
        if lang == "ar":
            assert len(line.rstrip()) == options.size.width - padding
        else:
            assert line.startswith(" " * padding + entry)


@pytest.mark.parametrize("where", ["before the paths", "after the paths"])
def test_the_flag_works_before_or_after_the_paths(corpus_dir: Path, where: str) -> None:
    args = ["--lang", "ar", str(corpus_dir)]
    if where == "after the paths":
        args = [str(corpus_dir), "--lang", "ar"]
    result = newsreader(*args)  # no terminal here: the reader says so, in Arabic
    assert result.returncode == 2
    assert "ليس طرفية" in result.stderr and "terminal" not in result.stderr
