"""Every test runs with its own home, data and config directories: none reads or writes
the user's own library, settings or preferences, and no bidi mode or language of theirs
applies: the interface speaks English unless a test asks for Arabic."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from postgres_support import Server, binaries
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
    monkeypatch.delenv("NEWSREADER_USER", raising=False)
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


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[Server]:
    """One PostgreSQL server for the whole session. Where its binaries are missing the
    tests that need it are skipped, except in CI, which must run them."""
    found = binaries()
    if found is None:
        if os.environ.get("CI"):
            pytest.fail("PostgreSQL's initdb and pg_ctl are missing (.ci/run installs them)")
        pytest.skip("PostgreSQL's initdb and pg_ctl are not installed")
    server = Server(Path(tempfile.mkdtemp(prefix="newsreader-postgres-")), found)
    server.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def postgres_url(postgres_server: Server) -> str:
    """A fresh database on the session's server."""
    return postgres_server.database()


@pytest.fixture(params=["sqlite", "postgresql"])
def library_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A library on each backend: a SQLite file, then a database on a PostgreSQL server."""
    if request.param == "sqlite":
        return str(tmp_path / "data" / "library.sqlite3")
    url: str = request.getfixturevalue("postgres_url")
    return url
