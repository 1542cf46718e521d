"""Search terms: each normalisation and affix step on words written for these tests, and
the anchor, Lucene's ArabicAnalyzer, met on every pair it conflates."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.text import analysis
from reader.text.analysis import MIN_STEM, MIN_STEM_AFTER_LETTER, terms, tokens, word_term


def same(*words: str) -> bool:
    return len({word_term(w) for w in words}) == 1


@pytest.mark.parametrize(
    "words",
    [
        ("أردوغان", "إردوغان", "آردوغان", "اردوغان"),  # hamza forms of alef
        ("مستشفى", "مستشفي"),  # alef maqsura / yaa
        ("مدرسة", "مدرسه"),  # taa marbuta / haa
        ("يومًا", "يوما", "يَوْمًا"),  # harakat
        ("الكتـــاب", "الكتاب"),  # tatweel
        ("٢٠٢٤", "۲۰۲۴", "2024"),  # Arabic-Indic, Persian and Western digits
        ("ﺍﻟﻜﺘﺎﺏ", "الكتاب"),  # presentation forms, as shaped text carries them
        ("مؤتمر", "موتمر"),  # a dropped hamza seat
        ("UNICEF", "unicef"),  # Latin case
    ],
)
def test_spellings_readers_type_interchangeably_meet(words: tuple[str, ...]) -> None:
    assert same(*words), [word_term(w) for w in words]


@pytest.mark.parametrize(
    "words",
    [
        ("الأطفال", "وأطفال", "للأطفال", "اطفال", "والأطفال", "بالأطفال", "فللأطفال"),
        ("الكتاب", "والكتاب", "بالكتاب", "كالكتاب", "فالكتاب", "وبالكتاب", "فبالكتاب"),
        ("المدينة", "وللمدينة", "وكالمدينة", "مدينة"),
    ],
)
def test_proclitics_come_off_alone_and_in_chains(words: tuple[str, ...]) -> None:
    assert same(*words), [word_term(w) for w in words]


@pytest.mark.parametrize(
    "words",
    [
        ("معلمون", "معلمين", "معلم"),  # plurals
        ("حكومات", "حكومة", "الحكومية"),  # feminine plural, taa marbuta, relative
        ("كتابها", "كتابه", "كتابي", "كتاب"),  # possessives
        ("وزيران", "وزير"),  # dual
        ("مدرستان", "مدرستين"),  # dual, nominative and oblique
    ],
)
def test_suffixes_come_off(words: tuple[str, ...]) -> None:
    assert same(*words), [word_term(w) for w in words]


@pytest.mark.parametrize(
    "apart",
    [
        ("كاتب", "مكتب", "كتاب"),  # a light stemmer keeps the words of one root apart
        ("لبنان", "بنان"),  # a lone ل, ب or ك is part of too many words to cut
        ("سيارات", "يارا"),  # a noun's first س is no future prefix
    ],
)
def test_different_words_stay_apart(apart: tuple[str, ...]) -> None:
    assert len({word_term(w) for w in apart}) == len(apart)


def test_a_one_letter_conjunction_leaves_three_letters() -> None:
    """`ولد` (a boy) is no `و` + `لد`; `وزير` may lose its و, as in Lucene."""
    assert word_term("ولد") == "ولد"
    assert len("ولد") - 1 < MIN_STEM_AFTER_LETTER
    assert word_term("وحلم") == "حلم"


def test_a_stem_keeps_two_letters() -> None:
    assert word_term("الم") == "الم"  # ال off would leave one letter
    assert word_term("الحب") == "حب"
    assert word_term("بان") == "بان"  # ان off would leave one
    assert MIN_STEM == 2


def test_tokens_keep_their_place_in_the_text_and_harakat_do_not_split_words() -> None:
    text = "قالَ: إنّ يومًا، (2024)"
    found = list(tokens(text))
    assert [text[t.start : t.end] for t in found] == ["قالَ", "إنّ", "يومًا", "2024"]
    assert [t.term for t in found] == terms(text)


def test_punctuation_and_fts_syntax_are_no_terms() -> None:
    assert terms('NEAR( "* AND - ( )') == ["near", "and"]
    assert terms("«»،؛؟…") == []


def lucene_term(word: str) -> str:
    """Lucene's ArabicNormalizer and ArabicStemmer (Larkey's Light-10), as its source has
    them: one prefix off (و alone when the word has four letters), then each suffix."""
    for mark in "\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652\u0640":
        word = word.replace(mark, "")
    word = word.translate(str.maketrans("آأإىة", "ااايه"))
    for prefix in ("ال", "وال", "بال", "كال", "فال", "لل", "و"):
        if word.startswith(prefix):
            if (len(prefix) == 1 and len(word) < 4) or len(word) < len(prefix) + 2:
                continue
            word = word[len(prefix) :]
            break
    for suffix in ("ها", "ان", "ات", "ون", "ين", "يه", "ية", "ه", "ة", "ي"):
        if word.endswith(suffix) and len(word) >= len(suffix) + 2:
            word = word[: -len(suffix)]
    return word


# Words written for this test: families of one word with its affixes, and words apart.
LUCENE_CASES = (
    "الأطفال أطفال اطفال للأطفال والأطفال بالأطفال كالأطفال فالأطفال وأطفال "
    "المعلمون معلمون معلمين المعلمين معلم والمعلم "
    "الحكومة حكومة حكومات الحكومية والحكومة بالحكومة "
    "كتاب الكتاب كتابها كتابه كتابي والكتاب مكتب كاتب "
    "مدرسة المدرسة مدرستها مدرسه مدرسي وزير الوزير وزيرة وزيران "
    "يومًا يوما أردوغان اردوغان لأردوغان وأردوغان إقليم الإقليم"
).split()


def test_every_pair_lucene_conflates_meets_here_too() -> None:
    """The anchor: on these words, every two that Lucene's analyzer makes one term are one
    term here as well; and the chains it leaves whole are taken apart here."""
    for first in LUCENE_CASES:
        for second in LUCENE_CASES:
            if lucene_term(first) == lucene_term(second):
                assert word_term(first) == word_term(second), (first, second)
    beyond = [("وللأطفال", "الأطفال"), ("فبالكتاب", "الكتاب"), ("وبالحكومة", "حكومة")]
    for chained, plain in beyond:
        assert lucene_term(chained) != lucene_term(plain)
        assert word_term(chained) == word_term(plain)


def test_the_marks_taken_out_first_are_the_word_characters_that_are_no_letter() -> None:
    in_words = [chr(c) for c in range(0x0600, 0x2100) if analysis._WORD.fullmatch(chr(c))]
    marks = {c for c in in_words if analysis._MARKS.fullmatch(c)}
    assert marks == {c for c in in_words if not c.isalnum()}


_TEXT_CHARACTERS = (
    "ابتثجحخدذرزسشصضطظعغفقكلمنهويءآأإؤئةى"  # letters
    "\u064b\u064e\u0651\u0652\u0670\u0610\u06d6\u06dd\u06de\u06e5\u06e6\u06e9\u06ed"  # marks
    "\u0640\u200c\u200d\u200b\u00ad"  # tatweel, joiners, invisibles
    "\ufe8d\ufefb\ufc5e\ufdf2"  # presentation forms, ligatures
    "٠١٢0123AZaz_ßİ .,،؛؟«»-()*\"'\n"
)


@given(st.text(alphabet=_TEXT_CHARACTERS, max_size=80))
@settings(max_examples=400, deadline=None)
def test_terms_are_the_terms_of_the_tokens(text: str) -> None:
    """`terms` finds words its own faster way; they must be the words `tokens` finds."""
    assert terms(text) == [token.term for token in tokens(text)]
