"""A story ↔ its columns in the library's `articles` row, made from the story's fields.

Each field of `Story` is kept in a column of its name, but for the paragraphs, kept as one
`body` (a paragraph a line), and the date, kept as ISO text: a field added to the story
needs only its column, in a schema step. Taken by their places in the story's values,
not a loop over its fields: every article is written and read through here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from reader.model import STORY_FIELDS, Story, story_values

STORY_COLUMNS = tuple("body" if name == "paragraphs" else name for name in STORY_FIELDS)
_PUBLISHED = STORY_FIELDS.index("published")
_PARAGRAPHS = STORY_FIELDS.index("paragraphs")


def story_row(story: Story) -> list[Any]:
    """The story's columns, in the order of `STORY_COLUMNS`."""
    row = list(story_values(story))
    published = story.published
    row[_PUBLISHED] = published.isoformat() if published else None
    row[_PARAGRAPHS] = "\n".join(story.paragraphs)
    return row


def row_story(row: Sequence[Any]) -> Story:
    """A story back from its columns, as `story_row` made them."""
    values = list(row)
    published, body = values[_PUBLISHED], values[_PARAGRAPHS]
    values[_PUBLISHED] = dt.date.fromisoformat(published) if published else None
    values[_PARAGRAPHS] = tuple(body.split("\n")) if body else ()
    return Story(*values)
