"""The history model on its own: browser rules for back, forward and going somewhere new."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from reader.tui.history import History


def test_empty_history_has_nowhere_to_go() -> None:
    history: History[str] = History()
    assert history.current is None
    assert history.back() is None and history.forward() is None
    assert not history.can_go_back and not history.can_go_forward


def test_back_and_forward_walk_the_entries() -> None:
    history: History[str] = History()
    for place in "abc":
        history.go(place)
    assert history.back() == "b"
    assert history.back() == "a"
    assert history.back() is None
    assert history.current == "a"
    assert history.forward() == "b"
    assert history.forward() == "c"
    assert history.forward() is None


def test_going_somewhere_new_drops_the_forward_entries() -> None:
    history: History[str] = History()
    for place in "abcd":
        history.go(place)
    history.back()
    history.back()
    assert history.current == "b" and history.can_go_forward
    history.go("x")
    assert not history.can_go_forward
    assert len(history) == 3
    assert history.back() == "b"
    assert history.forward() == "x"


def test_going_to_the_current_place_adds_nothing() -> None:
    history: History[str] = History()
    assert history.go("a")
    assert not history.go("a")
    history.go("b")
    history.back()
    assert not history.go("a")
    assert history.can_go_forward  # revisiting the current place keeps the forward entries
    assert len(history) == 2


def test_replace_changes_the_current_entry_only() -> None:
    history: History[str] = History()
    history.replace("a")
    history.go("b")
    history.replace("c")
    assert history.current == "c"
    assert history.back() == "a"


@given(st.lists(st.one_of(st.integers(0, 5).map(str), st.sampled_from(["<", ">"]))))
def test_history_matches_a_simple_model(steps: list[str]) -> None:
    """Against a plain list + index reference implementation."""
    history: History[str] = History()
    entries: list[str] = []
    index = -1
    for step in steps:
        if step == "<":
            history.back()
            index = max(0, index - 1) if entries else -1
        elif step == ">":
            history.forward()
            index = min(len(entries) - 1, index + 1)
        elif not entries or entries[index] != step:
            history.go(step)
            entries = [*entries[: index + 1], step]
            index = len(entries) - 1
        assert history.current == (entries[index] if entries else None)
        assert history.can_go_back == (index > 0)
        assert history.can_go_forward == (index < len(entries) - 1)


def test_translate_rewrites_every_entry_and_keeps_the_position() -> None:
    history: History[str] = History()
    for place in ("page:1", "page:2", "page:3"):
        history.go(place)
    history.back()
    history.translate(lambda p: p.replace("page:", "article-"))
    assert history.current == "article-2"
    assert history.back() == "article-1" and history.forward() == "article-2"
    assert history.forward() == "article-3"
