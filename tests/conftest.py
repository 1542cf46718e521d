"""Every test runs with its own data and config directories: none reads or writes the
user's own library or settings."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def isolated_data_dir(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):
    """Point XDG_DATA_HOME and XDG_CONFIG_HOME at fresh folders; commands run as
    subprocesses inherit them."""
    home = tmp_path_factory.mktemp("data-home")
    monkeypatch.setenv("XDG_DATA_HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path_factory.mktemp("config-home")))
    monkeypatch.delenv("NEWSREADER_LIBRARY", raising=False)
    return Path(home)
