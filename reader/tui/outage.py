"""Handlers that ask the library, on a library that may stop answering.

A key, a message or a timer whose handler asks the library a question it cannot answer now
(`LibraryUnavailable`: a server gone away) is refused as a whole, instead of ending the
reader: the handler asks the library before it changes what the screen shows, so a refused
one leaves the screen as it was. The outage itself is said once, by the main screen, which
hears it from the session (`reader.library.guard`) and tries the library again until it
answers.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Concatenate, ParamSpec, Protocol, TypeVar

from reader.library.backend import LibraryUnavailable

P = ParamSpec("P")


class Refusing(Protocol):
    """A screen that says a refused key its own way (the bell, and a try at the library)."""

    def library_refused(self) -> None: ...


N = TypeVar("N", bound=Refusing)


def asks_library(handler: Callable[Concatenate[N, P], None]) -> Callable[Concatenate[N, P], None]:
    """`handler`, refused as a whole (see the module's account) while the library does not
    answer."""

    @functools.wraps(handler)
    def refusable(node: N, /, *args: P.args, **kwargs: P.kwargs) -> None:
        try:
            handler(node, *args, **kwargs)
        except LibraryUnavailable:
            node.library_refused()

    return refusable
