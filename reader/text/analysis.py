"""Search terms: Arabic words reduced to the form that every spelling and affix shares.

The text of an article and the words of a query go through the same steps, so that
`الأطفال`, `وأطفال`, `للأطفال` and `اطفال` all become `اطفال`, and match. Each step is
here for a reason a reader of Arabic news meets:

1. **Words** are runs of letters and digits, harakat and tatweel included: a harakah or a
   tatweel inside a word must not split it (`يومًا` is one word, not `يوم` and `ا`).
2. **Presentation forms** (U+FB50–U+FEFF, what some scrapers and PDF copies carry) are put
   back to plain letters with NFKC, so a shaped word meets its plain spelling.
3. **The normalisation key** of `reader.text.arabic` (the one the tag search uses): hamza forms
   of alef, ى/ي, ة/ه, a dropped hamza seat (ئ/ي, ؤ/و), harakat and tatweel, Arabic-Indic
   and Persian digits, Latin case. Readers type these letters interchangeably.
4. **Proclitics**: the conjunctions و and ف, the prepositions ب, ك and ل, and the article
   ال stick to the word that follows, alone or in chains (`وبالأطفال`, `فللأطفال`).
   A chain is taken off whole, longest first; a single letter only when three letters are
   left, so `وزن` stays and short words are not eaten. ب, ك and ل alone are kept: they
   begin too many words (`لبنان`, `بريطانيا`, `كندا`) to be cut without a dictionary.
5. **Suffixes**, as Larkey's Light-10 stemmer (the one Lucene's ArabicStemmer follows)
   strips them: the duals and plurals `ان ات ون ين`, the possessives `ها ه ي`, the
   feminine `ة` and the relative `ية` (as folded: `يه`, `ه`), each only when two letters
   are left. A light stemmer keeps roots apart that a root stemmer would merge
   (`كاتب`, `مكتب`, `كتاب`), which is what a reader searching news expects.

Snowball's Arabic stemmer (PyStemmer) was measured against these steps on the cases in
`tests/test_analysis.py`: it leaves `والأطفال` and `والكتاب` whole, and reads a noun's
first س as the future prefix (`سيارات` → `يارا`); these steps conflate every pair that
Lucene's ArabicAnalyzer does, and the proclitic chains it does not.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from reader.text.arabic import key

# The marks and joiners that may sit inside an Arabic word; with letters and digits, a word.
_IN_WORD = "\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640\u200c\u200d"
_WORD = re.compile(f"(?:[^\\W_]|[{_IN_WORD}])+")
# Of those, the ones that are no letter, which no term keeps (tatweel and the small waw and
# yeh are letters to Python, and stay in the word until step 3).
_MARKS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06e4\u06e7-\u06ed\u200c\u200d]+")
_LETTERS = re.compile("[^\\W_]+")
_PRESENTATION_FORMS = re.compile("[\ufb50-\ufdff\ufe70-\ufeff]")

# Longest first: the first that fits is taken off.
_PROCLITICS = (
    "وبال",
    "فبال",
    "وكال",
    "فكال",
    "ولل",
    "فلل",
    "وال",
    "فال",
    "بال",
    "كال",
    "لل",
    "ال",
    "و",
    "ف",
)
_SUFFIXES = ("ها", "ان", "ات", "ون", "ين", "يه", "ه", "ي")  # Light-10's, folded (ة → ه)
MIN_STEM = 2  # letters a stem keeps when a chain of proclitics or a suffix comes off
MIN_STEM_AFTER_LETTER = 3  # letters left before a one-letter conjunction comes off
_CACHED_WORDS = 1 << 18  # distinct words whose terms are remembered: a corpus's vocabulary


@dataclass(frozen=True, slots=True)
class Token:
    """A word of a text: where it is (`start`, `end` in the text) and its search term."""

    start: int
    end: int
    term: str


def tokens(text: str) -> Iterator[Token]:
    """Every word of `text` with its term, in order; words with no term are skipped."""
    for match in _WORD.finditer(text):
        term = word_term(match.group())
        if term:
            yield Token(match.start(), match.end(), term)


def terms(text: str) -> list[str]:
    """The terms of `text`, one per word, in order (phrases need the order): the words of
    `tokens`, found faster. A term keeps no mark (step 3 drops them), so the marks go first
    and a word is then a run of letters and digits, which the regular expression matches
    at half the cost of a run that may hold marks: this is most of indexing a corpus."""
    if _MARKS.search(text):
        text = _MARKS.sub("", text)
    return [term for word in _LETTERS.findall(text) if (term := word_term(word))]


@lru_cache(maxsize=_CACHED_WORDS)
def word_term(word: str) -> str:
    """One word's term: normalised, proclitics and a suffix off."""
    return stem(strip_proclitics(normalise(word)))


@lru_cache(maxsize=_CACHED_WORDS)
def prefix_term(word: str) -> str:
    """What a word typed as a prefix (`اردو*`) stands for: normalised and its proclitics off,
    but no suffix taken, since the word is not finished."""
    return strip_proclitics(normalise(word))


def normalise(word: str) -> str:
    """Steps 2 and 3: plain letters, one spelling; anything left that is not a letter or a
    digit goes, so that a term is always one token to the index."""
    if _PRESENTATION_FORMS.search(word):
        word = unicodedata.normalize("NFKC", word)
    folded = key(word)
    return folded if folded.isalnum() else "".join(ch for ch in folded if ch.isalnum())


def strip_proclitics(word: str) -> str:
    """Step 4: the longest chain of conjunction, preposition and article in front."""
    for clitic in _PROCLITICS:
        if word.startswith(clitic):
            left = len(word) - len(clitic)
            if left >= (MIN_STEM_AFTER_LETTER if len(clitic) == 1 else MIN_STEM):
                return word[len(clitic) :]
    return word


def stem(word: str) -> str:
    """Step 5: Light-10's suffixes, in its order, each while two letters are left."""
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= MIN_STEM:
            word = word[: -len(suffix)]
    return word
