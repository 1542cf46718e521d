"""Dates as the interface's reader reckons them: the Gregorian date, with Arabic month names
in an Arabic interface, and the Hijri date beside it.

The Umm al-Qura calendar (Saudi Arabia's official one, via `hijridate`) is what most
Arabic news sites print; it is defined from 1343 to 1500 AH (1924 to 2077), and a day
outside that has no Hijri date here rather than a made-up one. The English interface keeps
the ISO date, which sorts and searches as written.
"""

from __future__ import annotations

import datetime as dt

from reader.language import N_, _, current

HIJRI_ERA = N_("AH")
MONTHS = (
    N_("January"),
    N_("February"),
    N_("March"),
    N_("April"),
    N_("May"),
    N_("June"),
    N_("July"),
    N_("August"),
    N_("September"),
    N_("October"),
    N_("November"),
    N_("December"),
)


def gregorian(day: dt.date) -> str:
    """`1 مايو 2024` in Arabic, `2024-05-01` in English."""
    if current() == "ar":
        return f"{day.day} {_(MONTHS[day.month - 1])} {day.year}"
    return day.isoformat()


def hijri(day: dt.date) -> str | None:
    """`22 شوال 1445 هـ` (`22 Shawwal 1445 AH`) for 2024-05-01; None outside the calendar's
    range."""
    try:
        from hijridate import Gregorian  # its tables: when a date is first shown

        date = Gregorian(day.year, day.month, day.day).to_hijri()
    except OverflowError:
        return None
    return f"{date.day} {date.month_name(current())} {date.year} {_(HIJRI_ERA)}"
