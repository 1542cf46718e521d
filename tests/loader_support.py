"""Small dump pages written for the loader tests, and helpers to put them on disk.

The stories are invented for these tests; they follow the dump format of FORMAT.md.
"""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEEDS = next(
    (
        p
        for p in (
            Path(__file__).resolve().parents[2] / "shared" / "seeds",
            ROOT / "shared" / "seeds",
        )
        if p.is_dir() and any(p.glob("*.txt"))
    ),
    None,
)

BRIDGE = "\n".join(
    [
        "افتتاح جسر جديد فوق نهر النيل في أسوان",
        "تاريخ النشر: 3rd, March 2025 GMT",
        "أسوان (الوادي) — افتتحت السلطات المحلية صباح الأحد جسرا جديدا يربط ضفتي النهر"
        " بعد عامين من الأعمال.",
        "ويبلغ طول الجسر نحو 800 متر، ويضم ممرا للدراجات وآخر للمشاة.",
        "وقال مسؤول في المحافظة إن الجسر سيخفف الزحام عن الطريق القديم.",
        "Tags: أسوانالبنية التحتيةالنقل البرينهر النيلالمصدر: صحيفة الوادي",
        "كلمات دلالية: أسوان البنية التحتية نهر النيل",
        "إقرأ أيضاً:",
        "خطة لتطوير الموانئ النهرية في صعيد مصر",
        "الأقصر (الوادي)",
        "أخبار ذات صلةأعلنت الهيئة العامة للنقل النهري عن خطة لتطوير ثلاثة موانئ على امتداد النهر.",
        "وتشمل الخطة تحديث الأرصفة وتوسيع مخازن البضائع.",
    ]
)
BRIDGE_TAGS = ("أسوان", "البنية التحتية", "النقل البري", "نهر النيل")

# The related story of BRIDGE as its own page, its headline spelled a little differently
# (ى for ي, a bare alef, a doubled space, a tatweel).
PORTS = "\n".join(
    [
        "خطة لتطوير الموانى النهرية فى  صعيد مصـر",
        "تاريخ النشر: 21st, February 2025 GMT",
        "الأقصر (الوادي) - أعلنت الهيئة العامة للنقل النهري عن خطة لتطوير ثلاثة موانئ"
        " على امتداد النهر.",
        "وتشمل الخطة تحديث الأرصفة وتوسيع مخازن البضائع.",
        "ومن المنتظر أن تبدأ الأعمال في الصيف المقبل بتمويل حكومي.",
        "Tags: الموانئالنقل النهريمصرالمصدر: صحيفة الوادي",
        "كلمات دلالية: الموانئ النقل النهري مصر",
    ]
)

# No date, no dateline, no tags, no keywords, no source, no "read also": still a page.
BARE = "\n".join(
    [
        "مكتبة عامة تمدد ساعات العمل خلال الامتحانات",
        "قررت إدارة المكتبة العامة في المدينة تمديد ساعات العمل حتى منتصف الليل.",
        "ويأتي القرار استجابة لطلبات الطلاب خلال فترة الامتحانات.",
    ]
)


def dated(
    title: str, day: int, tags: str = "", body: str = "نص قصير عن الخبر.", keywords: str = ""
) -> str:
    """A minimal dated page with optional Tags and keywords lines."""
    lines = [title, f"تاريخ النشر: {day}th, May 2024 GMT", f"عمّان (خاص) – {body}"]
    if tags:
        lines.append(f"Tags: {tags}المصدر: صحيفة التجربة")
    if keywords:
        lines.append(f"كلمات دلالية: {keywords}")
    return "\n".join(lines)


def write(folder: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode(encoding))
    return path


def titles(corpus) -> set[str]:
    """The headlines of a loaded corpus."""
    return {a.title for a in corpus.articles}


def one_line(diagnostic) -> str:
    """A diagnostic as printed, checked to be one line and no traceback."""
    text = str(diagnostic)
    assert "\n" not in text and "Traceback" not in text
    return text
