"""Dates as an Arabic reader also reckons them: the Hijri date beside the Gregorian one.

The Umm al-Qura calendar (Saudi Arabia's official one, via `hijridate`) is what most
Arabic news sites print; it is defined from 1343 to 1500 AH (1924 to 2077), and a day
outside that has no Hijri date here rather than a made-up one.
"""

from __future__ import annotations

import datetime as dt

from hijridate import Gregorian

HIJRI_ERA = "هـ"


def hijri(day: dt.date) -> str | None:
    """`22 شوال 1445 هـ` for 2024-05-01; None outside the calendar's range."""
    try:
        date = Gregorian(day.year, day.month, day.day).to_hijri()
    except OverflowError:
        return None
    return f"{date.day} {date.month_name('ar')} {date.year} {HIJRI_ERA}"
