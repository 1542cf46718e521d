"""One page's text → its parts: headline, date, dateline, body, tag lines, related articles.

The parser works line by line and recognises page chrome (`Tags:`, `المصدر:`, `كلمات دلالية:`,
`إقرأ أيضاً:`, `أخبار ذات صلة`) by patterns that tolerate the spelling noise scrapers leave
(hamza forms, harakat, tatweel, spacing), so that chrome never reaches a title, body or tag.
Every optional part may be missing; only a page without a plausible headline and body is
refused, because such text is not a news page at all.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from dataclasses import dataclass
from functools import lru_cache

from reader import problems
from reader.ingest.decode import strip_escapes
from reader.model import Story
from reader.text.arabic import key

MAX_TITLE_CHARS = 300

_MARKS = "[\u064b-\u065f\u0670\u0640]*"
_LETTER_CLASSES = {
    "ا": "[اأإآٱ]",
    "ي": "[يى]",
    "ه": "[هة]",
    " ": r"\s*",
}


def _fuzzy(label: str) -> str:
    """A regex for `label` tolerating alef/ya/ta forms, harakat, tatweel and spacing."""
    parts = []
    for ch in label:
        parts.append(_LETTER_CLASSES.get(ch, re.escape(ch)) + _MARKS)
    return "".join(parts)


def _alternatives(*labels: str) -> str:
    return "(?:" + "|".join(_fuzzy(label) for label in labels) + ")"


_COLON = r"\s*[:：]\s*"
_OPTIONAL_COLON = r"\s*[:：]?\s*"
# One pattern for every chrome line, so that a body line costs a single failed match.
_CHROME = re.compile(
    "^(?:"
    + "(?P<tags>(?:tags|"
    + _alternatives("الوسوم", "وسوم")
    + ")"
    + _COLON
    + ")|(?P<keywords>(?:keywords|"
    + _alternatives("كلمات دلاليه", "الكلمات الدلاليه", "كلمات مفتاحيه", "الكلمات المفتاحيه")
    + ")"
    + _COLON
    + ")|(?P<source>"
    + _fuzzy("المصدر")
    + _COLON
    + ")|(?P<read_also>"
    + _alternatives("اقرا ايضا", "اقراء ايضا", "اقرا كذلك", "شاهد ايضا", "طالع ايضا")
    + _OPTIONAL_COLON
    + ")|(?P<label>"
    + _alternatives("اخبار ذات صله", "مواضيع ذات صله", "اخبار متعلقه", "مقالات ذات صله")
    + _OPTIONAL_COLON
    + "))",
    re.I,
)
_SOURCE = re.compile(_fuzzy("المصدر") + _COLON)
_DATE_LINE = re.compile(
    "^" + _alternatives("تاريخ النشر", "نشر في", "نشر بتاريخ") + _OPTIONAL_COLON
)
_TWO_LETTERS = re.compile(r"[^\W\d_].*?[^\W\d_]")
_DASHES = "\u2013\u2014\u2012\u2015\u2212\u0640\\-"  # tatweel serves as a dash too
_DATELINE = re.compile(
    r"^(?P<place>[^\W\d_][^()\d:،.؛\n]{0,40}?)\s*\((?P<agency>[^()\n]{1,60})\)\s*"
    r"(?:$|[" + _DASHES + r":]\s*(?P<rest>.*)$)",
    re.S,
)
_CONTROLS: dict[int, str | None] = {
    c: None for c in [*range(0, 9), *range(11, 32), 127, *range(0x80, 0xA0)]
}
# Tab, and every line or record separator but the line feed that ends a line (str.splitlines
# would cut a headline or a Tags line at any of them), are spaces inside a line.
_CONTROLS.update(dict.fromkeys([9, 11, 12, 13, 0x1C, 0x1D, 0x1E, 0x1F, 0x85, 0x2028, 0x2029], " "))
_CONTROLS[0xFEFF] = None  # a byte-order mark, where files were pasted together
# Marks with no width that editors and scrapers leave around words: bidi marks, embeddings
# and isolates, joiners, zero-width space, word joiner. At a line's edge or beside a space
# or colon they join nothing, but they would hide a label from the chrome patterns, so
# there they go; between letters (ZWNJ, ZWJ) they stay.
_INVISIBLE = "\u061c\u200b-\u200f\u202a-\u202e\u2060\u2066-\u2069"
_STRAY_MARKS = re.compile(f"[{_INVISIBLE}]+(?=[\\s:：]|$)|(?:^|(?<=[\\s:：]))[{_INVISIBLE}]+")

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan", "يناير", "كانون الثاني"),
            ("february", "feb", "فبراير", "شباط"),
            ("march", "mar", "مارس", "اذار"),
            ("april", "apr", "ابريل", "نيسان"),
            ("may", "مايو", "ايار"),
            ("june", "jun", "يونيو", "يونيه", "حزيران"),
            ("july", "jul", "يوليو", "يوليه", "تموز"),
            ("august", "aug", "اغسطس", "اب"),
            ("september", "sep", "sept", "سبتمبر", "ايلول"),
            ("october", "oct", "اكتوبر", "تشرين الاول"),
            ("november", "nov", "نوفمبر", "تشرين الثاني"),
            ("december", "dec", "ديسمبر", "كانون الاول"),
        ),
        start=1,
    )
    for name in names
}
_MONTH_NAMES = "|".join(sorted(map(re.escape, _MONTHS), key=len, reverse=True))
# Every number is read whole: `20245` is no year 2024 (nor 245), `175` no day 17.
_DAY_MONTH_YEAR = re.compile(
    rf"(?<!\d)(\d{{1,2}})(?!\d)\s*(?:st|nd|rd|th)?\s*,?\s*({_MONTH_NAMES})\b\.?\s*,?\s*"
    rf"(\d{{4}})(?!\d)"
)
_MONTH_DAY_YEAR = re.compile(
    rf"({_MONTH_NAMES})\b\.?\s*(\d{{1,2}})(?!\d)\s*(?:st|nd|rd|th)?\s*,?\s*(\d{{4}})(?!\d)"
)
_ISO = re.compile(r"(?<!\d)(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?!\d)")
_NUMERIC = re.compile(r"(?<!\d)(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})(?!\d)")


class NotAPage(ValueError):
    """The text is not a news page (no plausible headline and body)."""


@dataclass(frozen=True, slots=True)
class ParsedPage:
    """Everything one page says, before tags are segmented and stories are merged."""

    story: Story
    source: str | None
    tags_line: str | None
    keywords_line: str | None
    related: tuple[Story, ...]
    warnings: tuple[str, ...]


# A corpus has a few thousand distinct date lines among its pages: each is read once.
@lru_cache(maxsize=1 << 14)
def parse_date(text: str) -> dt.date | None:
    """The date in a date line (`17th, April 2024 GMT`, `2024-04-17`, `17 أبريل 2024`), or None."""
    folded = key(text)
    for pattern, order in (
        (_DAY_MONTH_YEAR, "dmy"),
        (_MONTH_DAY_YEAR, "mdy"),
        (_ISO, "ymd"),
        (_NUMERIC, "dmy"),
    ):
        match = pattern.search(folded)
        if match is None:
            continue
        parts = dict(zip(order, match.groups(), strict=True))
        month = parts["m"]
        month_number = int(month) if month.isdigit() else _MONTHS[month]
        try:
            return dt.date(int(parts["y"]), month_number, int(parts["d"]))
        except ValueError:
            return None
    return None


def _clean_lines(text: str) -> list[str]:
    """Non-empty lines, trimmed, with HTML entities decoded, without escape sequences,
    control characters or stray invisible marks (dump text is untrusted). Only LF and CRLF
    end a line; other separators are spaces."""
    out = []
    if "\r" in text:
        text = text.replace("\r\n", "\n")
    for line in text.split("\n"):
        if "&" in line:  # entities a scraper left (`&quot;`, `&#1575;`): first, so that what
            line = html.unescape(line)  # they spell is cleaned like any other character
        if not line.isprintable():
            line = strip_escapes(line).translate(_CONTROLS)
            line = " ".join(_STRAY_MARKS.sub("", line).split())
        else:
            line = line.strip()
            if "  " in line:
                line = " ".join(line.split())
        if line:
            out.append(line)
    return out


def _dateline(line: str) -> tuple[str, str | None, str] | None:
    """(place, agency, rest) when `line` opens with `place (agency) –`, or is just that; no
    agency for `place ( )`, which names none."""
    match = _DATELINE.match(line)
    if match is None:
        return None
    place = match["place"].strip()
    if len(place.split()) > 4:
        return None
    return place, match["agency"].strip() or None, (match["rest"] or "").strip()


def _story(title: str, body: list[str], published: dt.date | None) -> Story:
    """A story from its headline and the lines under it, finding the dateline if any."""
    place = agency = None
    if body:
        found = _dateline(body[0])
        if found is not None:
            place, agency, rest = found
            body = [rest, *body[1:]] if rest else body[1:]
    return Story(title, published, place, agency, tuple(body))


def _split_source(text: str) -> tuple[str, str | None]:
    """Text before a glued `المصدر:` label, and the source after it."""
    match = _SOURCE.search(text)
    if match is None:
        return text.strip(), None
    return text[: match.start()].strip(), text[match.end() :].strip() or None


_READ_ALSO = object()  # where a "read also" block starts among a page's lines


def parse_page(text: str) -> ParsedPage:
    """Parse one page, or raise NotAPage saying why the text is not one."""
    lines = _clean_lines(text)
    if not lines:
        raise NotAPage(problems.NO_TEXT)
    warnings: list[str] = []
    tags_line = keywords_line = source = None
    content: list[str | object] = []
    for line in lines:
        match = _CHROME.match(line)
        if match is None:
            content.append(line)
            continue
        kind, rest = match.lastgroup, line[match.end() :].strip()
        if kind == "tags":
            rest, glued_source = _split_source(rest)
            tags_line = rest if tags_line is None else f"{tags_line} {rest}"
            source = source or glued_source
        elif kind == "keywords":
            rest, glued_source = _split_source(rest)
            keywords_line = rest if keywords_line is None else f"{keywords_line} {rest}"
            source = source or glued_source
        elif kind == "source":
            source = source or rest or None
        elif kind == "read_also":
            content.append(_READ_ALSO)
            if rest:
                content.append(rest)
        elif rest:  # a widget label glued to the text it introduces
            content.append(rest)

    blocks: list[list[str]] = [[]]
    for item in content:
        if item is _READ_ALSO:
            blocks.append([])
        else:
            blocks[-1].append(item)  # type: ignore[arg-type]

    main = blocks[0]
    if not main:
        raise NotAPage(problems.NO_HEADLINE)
    title = main[0]
    _check_title(title)
    published, body = _take_date(main[1:], warnings)
    story = _story(title, body, published)
    if not story.paragraphs:
        raise NotAPage(problems.NO_BODY)
    has_markers = bool(
        published or tags_line or keywords_line or story.place or len(blocks) > 1 or source
    )
    if not has_markers and not _mostly_arabic(title + " ".join(story.paragraphs[:3])):
        raise NotAPage(problems.NO_ARABIC)

    related = []
    for block in blocks[1:]:
        if not block or len(block[0]) > MAX_TITLE_CHARS:
            if block:
                warnings.append(problems.IGNORED_READ_ALSO)
            continue
        related_date, related_rest = _take_date(block[1:], warnings)
        related.append(_story(block[0], related_rest, related_date))
    return ParsedPage(story, source, tags_line, keywords_line, tuple(related), tuple(warnings))


def _check_title(title: str) -> None:
    if len(title) > MAX_TITLE_CHARS:
        raise NotAPage(problems.LONG_FIRST_LINE.format(length=len(title)))
    if _TWO_LETTERS.search(title) is None:
        raise NotAPage(problems.WORDLESS_FIRST_LINE)


def _take_date(lines: list[str], warnings: list[str]) -> tuple[dt.date | None, list[str]]:
    """The publication date from a date line among the first lines, and the other lines."""
    for index, line in enumerate(lines[:2]):
        match = _DATE_LINE.match(line)
        if match is None:
            continue
        published = parse_date(line[match.end() :])
        if published is None:
            warnings.append(problems.UNREADABLE_DATE.format(date=repr(line[match.end() :][:60])))
        return published, lines[:index] + lines[index + 1 :]
    return None, lines


def _mostly_arabic(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    arabic = sum(1 for ch in letters if "\u0600" <= ch <= "\u06ff" or "\u0750" <= ch <= "\u08ff")
    return bool(letters) and arabic * 2 >= len(letters)
