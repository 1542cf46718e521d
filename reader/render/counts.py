"""The counted phrases of the interface and the commands, worded in its language by the catalogue.

"6 وسم" reads as broken Arabic: three to ten things take the plural (6 وسوم), eleven to
ninety-nine the singular with tanween (67 خبرًا), one and two a word of their own (خبر
واحد, خبران), and a hundred the bare singular. The Arabic catalogue holds those forms
(CLDR's plural categories for Arabic); English has its two.
"""

from __future__ import annotations

from reader.language import N_plural, counted

NEWS = N_plural("{count} article", "{count} articles")
NEW_NEWS = N_plural("{count} new article", "{count} new articles")
NOTES = N_plural("{count} problem", "{count} problems")
PAGES = N_plural("{count} page", "{count} pages")
MATCHING_TAGS = N_plural("{count} matching tag", "{count} matching tags")

__all__ = ["MATCHING_TAGS", "NEWS", "NEW_NEWS", "NOTES", "PAGES", "counted"]
