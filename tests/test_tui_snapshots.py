"""Screenshots of the main screens at 80×24 (one pane at a time) and 160×48 (both panes).

Regenerate with `pytest tests/test_tui_snapshots.py --snapshot-update` and look at the SVGs
(or the report pytest writes on failure) before committing them.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from tui_support import wait_loaded

from reader.settings.config import Settings
from reader.tui.app import make_app

SIZES = [(80, 24), (160, 48)]
ARABIC_QUERY = list("اردوغان")
# An article counts as read after a moment on screen: a slow machine taking that moment
# before the screenshot must not change the picture.
STILL = Settings(mark_read_after=3600.0)


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize(
    "press",
    [
        pytest.param([], id="headlines"),
        pytest.param(["enter"], id="article"),
        pytest.param(["enter", "t", "left"], id="tag-selected"),
        pytest.param(["enter", "1"], id="tag-followed"),
        pytest.param(["s", *ARABIC_QUERY], id="search-arabic"),
        pytest.param(["question_mark"], id="help"),
        pytest.param(["down", "r", "down", "b", "down", "r", "b"], id="read-and-saved"),
        pytest.param(["down", "r", "down", "b", "u"], id="unread-only"),
        pytest.param(["down", "b", "B"], id="saved-list"),
        pytest.param(["R"], id="mark-all-read"),
    ],
)
def test_screens(snap_compare, corpus_dir: Path, size: tuple[int, int], press: list[str]) -> None:
    app = make_app([corpus_dir], settings=STILL)
    assert snap_compare(app, press=press, terminal_size=size, run_before=wait_loaded)


def test_ltr_layout(snap_compare, corpus_dir: Path) -> None:
    app = make_app([corpus_dir], layout="ltr", settings=STILL)
    assert snap_compare(app, press=["enter"], terminal_size=(160, 48), run_before=wait_loaded)


@pytest.mark.parametrize("theme", ["textual-light", "nord"])
def test_themes(snap_compare, corpus_dir: Path, theme: str) -> None:
    """Read, unread and saved rows, the cursor and the open article in two other themes."""
    app = make_app([corpus_dir], settings=Settings(mark_read_after=3600.0, theme=theme))

    async def marked_and_open(pilot) -> None:
        await wait_loaded(pilot)
        await pilot.press("down", "r", "down", "b", "up", "enter", "t")
        await pilot.app.workers.wait_for_complete()  # its similar articles, found in a thread
        await pilot.pause()

    assert snap_compare(app, terminal_size=(120, 30), run_before=marked_and_open)


async def _searched(pilot) -> None:
    """The full-text search with a query typed and its results in."""
    from reader.tui.screens.find import FindScreen

    await wait_loaded(pilot)
    await pilot.press("slash", *"الزيارة")
    for _ in range(200):
        await pilot.pause(0.05)
        screen = pilot.app.screen
        if isinstance(screen, FindScreen) and screen.shown == "الزيارة":
            return


@pytest.mark.parametrize("size", SIZES)
def test_full_text_search(snap_compare, corpus_dir: Path, size: tuple[int, int]) -> None:
    app = make_app([corpus_dir], settings=STILL)
    assert snap_compare(app, terminal_size=size, run_before=_searched)
