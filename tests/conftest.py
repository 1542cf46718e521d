"""Every test runs with its own home, data and config directories: none reads or writes
the user's own library, settings or preferences, and no bidi mode or language of theirs
applies: the interface speaks English unless a test asks for Arabic."""

from __future__ import annotations

from pathlib import Path

import pytest
from tui_support import write_corpus

from reader import language

LOCALE = {"LANG": "C.UTF-8"}  # English, with UTF-8 for the Arabic text


@pytest.fixture(autouse=True)
def isolated_data_dir(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):
    """Point HOME, XDG_DATA_HOME and XDG_CONFIG_HOME at fresh folders; commands run as
    subprocesses inherit them."""
    home = tmp_path_factory.mktemp("data-home")
    monkeypatch.setenv("HOME", str(tmp_path_factory.mktemp("home")))
    monkeypatch.setenv("XDG_DATA_HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path_factory.mktemp("config-home")))
    monkeypatch.delenv("NEWSREADER_LIBRARY", raising=False)
    monkeypatch.delenv("NEWSREADER_BIDI", raising=False)
    for name in language.LOCALE_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    for name, value in LOCALE.items():
        monkeypatch.setenv(name, value)
    language.use("en")  # a test that switched to Arabic leaves none of it to the next
    return Path(home)


@pytest.fixture
def arabic(monkeypatch: pytest.MonkeyPatch) -> None:
    """The interface in Arabic for this test, and for the commands it runs (the next test
    starts in English again)."""
    monkeypatch.setenv("LANG", "ar_EG.UTF-8")
    language.use("ar")


@pytest.fixture
def corpus_dir(tmp_path: Path) -> Path:
    """The interface tests' small corpus of original pages, as dump files in a folder."""
    return write_corpus(tmp_path / "dumps")
