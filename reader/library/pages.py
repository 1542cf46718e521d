"""A parsed page ↔ the `parsed` column of its row: plain tuples that marshal stores fast.

The library keeps each page as the parser left it, with its own tag evidence, so that a
corpus can be made again (when other files change) without reading unchanged files. Each
story is kept as its fields' values in their order, made from the fields, not listed: a
field added to `Story` is stored with no edit here, and comes with a new parser version,
so that every library reads its pages again and no page of the old form is decoded.

Parser 4 stored the agency of a dateline that names none (`place ( )`) as "", which the
parser now gives as None: such a page is read back as the parser would make it today,
rather than every library reading every file again for it.
"""

from __future__ import annotations

import datetime as dt
import marshal
from dataclasses import fields
from typing import Any

from reader.model import STORY_FIELDS, Origin, Story, story_values
from reader.parse.loader import LoadedPage
from reader.parse.page import ParsedPage
from reader.parse.tags import PageEvidence

_EVIDENCE = tuple(f.name for f in fields(PageEvidence))
_PUBLISHED = STORY_FIELDS.index("published")
_AGENCY = STORY_FIELDS.index("agency")
# Version 2, the last before marshal shares repeated objects by reference: the same page
# then always gives the same bytes, so that a page's digest tells whether it changed.
_MARSHAL_VERSION = 2


class DamagedPage(ValueError):
    """A stored page that does not decode: the library must be made again."""


def _story(story: Story) -> tuple[Any, ...]:
    """A story's values in the order of its fields, its date as a day number (marshal
    stores no dates)."""
    row = list(story_values(story))
    published = story.published
    row[_PUBLISHED] = published.toordinal() if published else 0
    return tuple(row)


def _unstory(row: tuple[Any, ...]) -> Story:
    values = list(row)
    published = values[_PUBLISHED]
    values[_PUBLISHED] = dt.date.fromordinal(published) if published else None
    values[_AGENCY] = values[_AGENCY] or None
    return Story(*values)


def evidence_fields(evidence: PageEvidence) -> tuple[Any, ...]:
    """A page's tag evidence as the plain tuple marshal stores."""
    return tuple(getattr(evidence, name) for name in _EVIDENCE)


def evidence_of(stored: tuple[Any, ...]) -> PageEvidence:
    """Tag evidence back from `evidence_fields`."""
    return PageEvidence(**dict(zip(_EVIDENCE, stored, strict=True)))


def encode(page: LoadedPage) -> bytes:
    """The stored form of a page (its origin is the row's file and line)."""
    parsed = page.parsed
    evidence = page.evidence
    return marshal.dumps(
        (
            _story(parsed.story),
            parsed.source,
            parsed.tags_line,
            parsed.keywords_line,
            tuple(map(_story, parsed.related)),
            parsed.warnings,
            evidence_fields(evidence),
        ),
        _MARSHAL_VERSION,
    )


def decode(data: bytes, origin: Origin) -> LoadedPage:
    """A page back from its stored form; DamagedPage when it is not one."""
    try:
        story, source, tags_line, keywords_line, related, warnings, evidence = marshal.loads(data)
        parsed = ParsedPage(
            _unstory(story),
            source,
            tags_line,
            keywords_line,
            tuple(map(_unstory, related)),
            warnings,
        )
        return LoadedPage(origin, parsed, evidence_of(evidence))
    except (EOFError, ValueError, TypeError) as error:
        raise DamagedPage(f"a stored page of {origin.path} does not decode") from error
