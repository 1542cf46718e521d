"""Recovering tag and keyword boundaries that the page lost.

The Tags line runs tags together with no separator (`أرمينياإقليم كاراباخديميتري`), and the
keywords line separates every word, so neither says where one tag ends. The method:

1. Words. Each space-separated token of the Tags line is split into words at *glue points*
   by a small dynamic programme that rewards pieces known as words: the page's keywords
   (strongest: the same words, with spaces), words of other pages' keywords and of the
   glued tokens other pages' texts name, then the page's own text (its words found behind
   joined و, ف, ب, ل and لل too). Short unknown pieces are penalised; a piece must be a
   possible word (none begins with ة, ى or a hamza seat of its own, nor ends on إ or آ);
   and a piece that starts a new tag must not sort before the tag run it follows unless it
   is one of the page's keywords, so ordinary words are not cut in two.
2. Certain boundaries. A glue point always separates two tags. So does the edge of a run of
   words the keywords line leaves out (the keywords are the tags less a few); where a
   recurring word lets the keywords sit in more than one place, the place whose left-out
   runs start and end at glue points wins.
3. Spaces are ambiguous. Each run of words joined by spaces is segmented by scoring: a tag
   seen as a certain unit elsewhere in the corpus (a single-word run, a run that order or
   the keywords prove whole), or a run seen whole on other pages (between certain
   boundaries, or on a site that glues its tags), scores per word it covers, unless its
   halves are tags seen far more often alone than together (two neighbours a site sometimes
   parts with a space); a phrase found in the page text holds together, and words it names
   only apart do not; `A وB` in the text means A and B are listed separately; a piece
   starting with the conjunction و plus a known word continues the previous tag; a
   boundary next to the words that link a name (بن, عبد, أبو, آل) is dear; and tags
   must come in the site's order, strictly. What a space most likely is depends on the site:
   one that glues its tags leaves spaces mostly inside tags, so each tag costs, a part that
   no page and no text names costs as much as another page's tag earns (other pages' tags
   are evidence, not proof), and a tag inside a longer phrase of the text earns nothing
   for being a tag elsewhere; one that
   parts every tag with a space (no glue point on the page, none on any page of its source,
   no separator) leaves them mostly between tags, so each tag gains, and words hold together
   only by order or the evidence above, or because a page's text writes them together (this
   page's, or, more weakly, another's), or because the site's Tags lines keep them together
   far more often than chance neighbours meet.

Each source's order is learned from its pages (`site_orders`): most sites sort by code
point, a database using the Unicode collation sorts by letters with hamza folded, and some
list tags in no order, which then proves nothing.

The corpus is read in two passes: `page_evidence` gathers what one page says on its own
(tokens its keywords cannot explain are redone once every page's words are known),
`TagIndex` pools it over every page, and a `TagResolver` then decides each page with the
whole corpus as evidence. Keywords are segmented the same way, with the page's own tags as
the strongest evidence.

How the weights were chosen. The numbers in `glued`, `segment`, `index` and `order` were
set by hand, not fitted: they are relative, so that evidence that proves a unit (the page's
tags and keywords, a certain unit, the site's order) outweighs hints (a phrase, a listing,
a run seen once), and each was then checked on three things only: the inline pages of
`tests/test_loader_tags.py` and `tests/test_tags_*.py` (written for the project, each
deciding a split one weight turns), the seed page of FORMAT.md, and the synthetic sites of
`benchmarks/bench_tags.py` (2000 pages a style, seed 7). `benchmarks/tag_weights.py` sets
each to 0, halves and doubles it and reports which tests notice; a constant no variant
makes fail is said so beside it, with the reason it stays.

One module a step, each importing only those before it (a `layers` contract in
pyproject.toml): `page_text` (the page's words and phrases), `tokens` (the Tags line's
tokens), `order` (how a site sorts its tags), `glued` (splitting a glued token) and
`keywords` (aligning the keywords line), `evidence` (what one page proves), `index` (what
the corpus knows), `segment` (scoring a spaced run) and `resolve` (deciding each page).
"""

from reader.parse.tags.evidence import PageEvidence, page_evidence, whole_words
from reader.parse.tags.glued import CorpusWords
from reader.parse.tags.index import Answer, Contribution, Question, Recorder, TagIndex
from reader.parse.tags.order import (
    CODE_POINTS,
    LETTERS,
    Order,
    SiteOrders,
    Tally,
    add_tallies,
    order_tally,
    orders_of,
    site_orders,
)
from reader.parse.tags.page_text import PageText
from reader.parse.tags.resolve import Decision, TagResolver

__all__ = [
    "CODE_POINTS",
    "LETTERS",
    "Answer",
    "Contribution",
    "CorpusWords",
    "Decision",
    "Order",
    "PageEvidence",
    "PageText",
    "Question",
    "Recorder",
    "SiteOrders",
    "TagIndex",
    "TagResolver",
    "Tally",
    "add_tallies",
    "order_tally",
    "orders_of",
    "page_evidence",
    "site_orders",
    "whole_words",
]
