"""Every theme keeps the reader legible: text, unread, opened, saved, cursor and selected rows
contrast with their background (WCAG contrast ratios) in each of Textual's themes."""

from __future__ import annotations

from pathlib import Path

import pytest
from rich.color import ColorType
from rich.style import Style
from textual.theme import BUILTIN_THEMES
from textual.widget import Widget
from tui_support import wait_loaded, write_corpus

from reader.tui.app import make_app
from reader.tui.widgets.article import ArticleView
from reader.tui.widgets.headlines import HeadlineList

TEXT_CONTRAST = 4.5  # WCAG AA for body text
EMPHASIS_CONTRAST = 3.0  # WCAG AA for bold text, which every emphasised row here is
# The ANSI themes take their colours from the terminal's own palette, which only the
# terminal knows: there is nothing to measure.
MEASURED = sorted(name for name in BUILTIN_THEMES if not name.startswith("ansi-"))

# (widget, component classes laid over its style in order, least contrast): each a
# combination the widgets draw (a row's date on the cursor row, say).
ROWS: list[tuple[type[Widget], tuple[str, ...], float]] = [
    (HeadlineList, (), TEXT_CONTRAST),
    (HeadlineList, ("headline-list--meta",), TEXT_CONTRAST),
    (HeadlineList, ("headline-list--cursor-blurred",), TEXT_CONTRAST),
    (HeadlineList, ("headline-list--cursor-blurred", "headline-list--meta"), EMPHASIS_CONTRAST),
    (HeadlineList, ("headline-list--unread",), EMPHASIS_CONTRAST),
    (HeadlineList, ("headline-list--opened",), EMPHASIS_CONTRAST),
    (HeadlineList, ("headline-list--opened", "headline-list--meta"), EMPHASIS_CONTRAST),
    (HeadlineList, ("headline-list--saved",), EMPHASIS_CONTRAST),
    (HeadlineList, ("headline-list--cursor",), EMPHASIS_CONTRAST),
    (HeadlineList, ("headline-list--cursor", "headline-list--meta"), EMPHASIS_CONTRAST),
    (HeadlineList, ("headline-list--cursor", "headline-list--saved"), EMPHASIS_CONTRAST),
    (ArticleView, ("article-view--meta",), TEXT_CONTRAST),
    (ArticleView, ("article-view--tag",), TEXT_CONTRAST),
    (ArticleView, ("article-view--link",), TEXT_CONTRAST),
    (ArticleView, ("article-view--title",), EMPHASIS_CONTRAST),
    (ArticleView, ("article-view--label",), EMPHASIS_CONTRAST),
    (ArticleView, ("article-view--tag", "article-view--selected"), EMPHASIS_CONTRAST),
    (ArticleView, ("article-view--link", "article-view--selected"), EMPHASIS_CONTRAST),
]


def _luminance(style: Style, background: bool) -> float:
    color = style.bgcolor if background else style.color
    assert color is not None and color.type != ColorType.DEFAULT

    def channel(value: int) -> float:
        v = value / 255
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

    r, g, b = color.get_truecolor()
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(style: Style) -> float:
    light, dark = sorted((_luminance(style, False), _luminance(style, True)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def style_of(widget: Widget, components: tuple[str, ...]) -> Style:
    style = widget.rich_style
    for component in components:
        style += widget.get_component_rich_style(component)
    return style


def test_contrast_is_measured_as_wcag_does() -> None:
    assert contrast(Style(color="#000000", bgcolor="#ffffff")) == pytest.approx(21.0)
    assert contrast(Style(color="#777777", bgcolor="#ffffff")) == pytest.approx(4.48, abs=0.01)


@pytest.mark.parametrize("theme", MEASURED)
async def test_every_row_is_legible_in_every_theme(tmp_path: Path, theme: str) -> None:
    app = make_app([write_corpus(tmp_path / "dumps")], library=str(tmp_path / "lib.sqlite3"))
    app.theme = theme
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_loaded(pilot)
        low = []
        for widget_type, components, least in ROWS:
            ratio = contrast(style_of(app.screen.query_one(widget_type), components))
            if ratio < least:
                shown = " + ".join(components) or widget_type.__name__
                low.append(f"{shown}: {ratio:.1f} < {least}")
        assert not low, f"{theme}: " + "; ".join(low)
