"""`reader.parse.tags.glued`: the words run together in one Tags token."""

from __future__ import annotations

from reader.parse.tags.glued import CorpusWords, shown_words, split_token
from reader.parse.tags.page_text import PageText
from reader.text.arabic import key

NOTHING = PageText([])


def split(
    token: str,
    keywords: tuple[str, ...] = (),
    corpus: CorpusWords | None = None,
    text: PageText = NOTHING,
    ordered: bool = True,
) -> tuple[tuple[str, ...], bool]:
    unsure = [False]
    found = split_token(token, set(map(key, keywords)), corpus, text, None, unsure, ordered)
    return found, unsure[0]


def test_the_page_s_keywords_split_a_token() -> None:
    assert split("أرمينياإقليم", ("أرمينيا", "إقليم")) == (("أرمينيا", "إقليم"), False)


def test_a_token_the_keywords_cannot_explain_waits_for_the_corpus() -> None:
    assert split("الموانئالنقل") == (("الموانئالنقل",), True)
    corpus = CorpusWords(map(key, ["الموانئ", "النقل"]))
    assert split("الموانئالنقل", corpus=corpus) == (("الموانئ", "النقل"), False)


def test_the_page_s_own_words_fill_what_the_corpus_leaves() -> None:
    text = PageText(["تطوير الموانئ وخطوط النقل"])
    assert split("الموانئالنقل", corpus=CorpusWords([]), text=text)[0] == ("الموانئ", "النقل")


def test_a_text_that_names_both_words_shows_them_whole() -> None:
    text = PageText(["وصل وفد من الكويت إلى بكين"])
    assert shown_words([("الكويتبكين", False)], text, True) == ("الكويت", "بكين")


def test_a_suffix_is_not_cut_off_a_word_the_text_names_shorter() -> None:
    """The text names `الاستثمار`; `ات` is the plural's ending, no word of its own."""
    text = PageText(["زاد الاستثمار في المنطقة"])
    assert split("الاستثمارات", corpus=CorpusWords([]), text=text)[0] == ("الاستثمارات",)
