"""Counts in Arabic wording: the noun after a number takes one of five forms.

"6 وسم" reads as broken Arabic: three to ten things take the plural (6 وسوم), eleven to
ninety-nine the singular with tanween (67 خبرًا), one and two a word of their own (خبر
واحد, خبران), and a hundred the bare singular. These are the CLDR plural categories for
Arabic, decided by the last two digits.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Noun:
    """A counted noun's forms: alone for one and two, after the number for the rest."""

    one: str  # 1: خبر واحد
    two: str  # 2: خبران
    few: str  # 3 to 10: أخبار
    many: str  # 11 to 99: خبرًا
    other: str  # 0, 100 to 102, …: خبر


NEWS = Noun("خبر واحد", "خبران", "أخبار", "خبرًا", "خبر")
NEW_NEWS = Noun("خبر جديد واحد", "خبران جديدان", "أخبار جديدة", "خبرًا جديدًا", "خبر جديد")
NOTES = Noun("ملاحظة واحدة", "ملاحظتان", "ملاحظات", "ملاحظةً", "ملاحظة")
PAGES = Noun("صفحة واحدة", "صفحتان", "صفحات", "صفحةً", "صفحة")
MATCHING_TAGS = Noun("وسم واحد مطابق", "وسمان مطابقان", "وسوم مطابقة", "وسمًا مطابقًا", "وسم مطابق")


def counted(count: int, noun: Noun) -> str:
    """`count` things, worded as Arabic words them: `counted(67, NEWS)` is "67 خبرًا"."""
    if count == 1:
        return noun.one
    if count == 2:
        return noun.two
    last_two = count % 100
    if 3 <= last_two <= 10:
        return f"{count} {noun.few}"
    if 11 <= last_two <= 99:
        return f"{count} {noun.many}"
    return f"{count} {noun.other}"
