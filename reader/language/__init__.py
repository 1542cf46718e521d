"""The interface's words in the reader's language: Arabic or English, chosen once and
switchable while the reader runs.

Every string a person reads is written in the code in English and looked up here when it
is shown (gettext's msgid). The English catalogue is the msgids themselves; the Arabic one
is `reader.language.ar`, a Python module rather than `.po`/`.mo` files, so it ships as
package code with no build step and is checked against the code by the tests; click's own
words are in `reader.language.ar_click`. Strings
defined before a language is chosen (binding descriptions, class attributes) are marked
with `N_`, which only marks them, and translated with `_` where they are shown.
"""

from __future__ import annotations

import gettext
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Literal

Language = Literal["ar", "en"]
LANGUAGES: tuple[Language, ...] = ("ar", "en")
# Where a locale names its language, in the order gettext reads them: the first set wins.
LOCALE_VARIABLES = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")


@dataclass(frozen=True, slots=True)
class Plural:
    """A counted phrase's English singular and plural (the msgid pair); `{count}` is the
    number."""

    singular: str
    plural: str


def N_(message: str) -> str:
    """Mark `message` for the catalogue without translating it (translated when shown)."""
    return message


def N_plural(singular: str, plural: str) -> Plural:
    """Mark a counted phrase for the catalogue without translating it."""
    return Plural(singular, plural)


class Catalogue(gettext.NullTranslations):
    """One language's translations, used as gettext's translations objects are.

    `plurals` gives each counted phrase (by its singular msgid) its forms, and `form` which
    of them a number takes; a msgid missing from the catalogue is shown as written.
    """

    def __init__(
        self,
        language: Language,
        messages: Mapping[str, str],
        plurals: Mapping[str, tuple[str, ...]],
        form: Callable[[int], int],
    ) -> None:
        super().__init__()
        self.language: Language = language
        self._messages = messages
        self._plurals = plurals
        self._form = form

    def gettext(self, message: str) -> str:
        return self._messages.get(message, message)

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        forms = self._plurals.get(msgid1)
        if forms is None:
            return msgid1 if n == 1 else msgid2
        return forms[self._form(n)]

    def info(self) -> dict[str, str]:
        return {"language": self.language}


def english_form(count: int) -> int:
    """English's two forms: 0 for one thing, 1 for any other number."""
    return 0 if count == 1 else 1


def catalogue(language: Language) -> Catalogue:
    """The catalogue of `language` (the Arabic one is imported only when asked for)."""
    if language == "ar":
        from reader.language import ar, ar_click

        messages = {**ar_click.MESSAGES, **ar.MESSAGES}
        return Catalogue("ar", messages, {**ar_click.PLURALS, **ar.PLURALS}, ar.plural_form)
    return Catalogue("en", {}, {}, english_form)


@dataclass(slots=True)
class _Chosen:
    """The language in force: one per process, as a locale is."""

    catalogue: Catalogue


_chosen = _Chosen(Catalogue("en", {}, {}, english_form))


def use(language: Language) -> None:
    """Show the interface in `language` from now on."""
    if language != _chosen.catalogue.language:
        _chosen.catalogue = catalogue(language)


def current() -> Language:
    return _chosen.catalogue.language


def right_to_left() -> bool:
    """Whether the interface's own lines read right to left."""
    return _chosen.catalogue.language == "ar"


def _(message: str) -> str:
    """`message` in the language in force."""
    return _chosen.catalogue.gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    """The form of a counted phrase that `count` takes, in the language in force."""
    return _chosen.catalogue.ngettext(singular, plural, count)


def counted(count: int, phrase: Plural) -> str:
    """`count` things worded in the language in force: "67 خبرًا", "67 articles"."""
    return ngettext(phrase.singular, phrase.plural, count).format(count=count)


def from_environment(environ: Mapping[str, str]) -> Language:
    """Arabic when the first locale variable that is set names Arabic, else English."""
    for name in LOCALE_VARIABLES:
        value = environ.get(name, "")
        if value:
            return "ar" if value.lower().startswith("ar") else "en"
    return "en"


def choose(flag: Language | None, setting: Language | None, environ: Mapping[str, str]) -> Language:
    """The interface's language: the command line's, else the settings file's, else the
    locale's."""
    return flag or setting or from_environment(environ)
