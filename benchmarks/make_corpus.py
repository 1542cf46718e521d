"""Write a synthetic corpus of dump pages for the benchmarks.

The pages follow the dump format (headline, date line, dateline paragraph, body, glued Tags
line with the source, keywords, optional "read also" block) so the loader and the reader do
the same work per page as on real dumps. Text is assembled from a small word list: it reads
as gibberish, which is fine for timing. The output is deterministic for a given seed.

    python benchmarks/make_corpus.py OUTDIR --pages 10000
    python benchmarks/make_corpus.py MORE --pages 100 --seed 2 --years 2026   (later news)
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

WORDS = (
    "الحكومة البرلمان الاقتصاد المدينة الوزارة المشروع السوق الطاقة المياه الزراعة "
    "التعليم الصحة الشركات العاصمة المنطقة الحدود الاتفاق المفاوضات الميزانية الاستثمار "
    "الشباب الجامعة المستشفى الطريق الميناء القطار المطار الرياح الشمس المطر الصيف "
    "الشتاء المعرض الكتاب المسرح الفريق البطولة الملعب المدرب اللاعبين الجمهور "
    "أعلن قال أكد أوضح أشار كشف افتتح وقع ناقش بحث قرر رفض دعا طالب شهد سجل "
    "ارتفاع انخفاض زيادة تراجع نمو خطة برنامج تقرير دراسة بيان مؤتمر اجتماع جلسة "
    "جديد كبير واسع سريع محلي دولي إقليمي رسمي عام خاص أول أخير ثاني "
    "في من إلى على عن مع بعد قبل خلال بين حول منذ عند"
).split()
PLACES = ("القاهرة", "الرباط", "تونس", "عمّان", "بيروت", "الدوحة", "الرياض", "أنقرة", "الجزائر")
AGENCIES = ("وكالات", "خاص", "الأفق", "رويترز", "النهار")
SOURCES = ("صحيفة الأفق", "وكالة النهار للأنباء", "موقع المرصد", "إذاعة الشرق", "جريدة الغد")
MONTHS = (
    "January February March April May June July August September October November December"
).split()
TAG_WORDS = (
    "البنك المركزي صندوق النقد الدولي الطاقة الشمسية كأس العالم الأمم المتحدة المياه "
    "الجفاف النفط الغاز التضخم الذكاء الاصطناعي الفضاء الزلزال الانتخابات السياحة "
    "القمح الموانئ السكك الحديدية الأمن الغذائي المناخ الهجرة التعليم الجامعي"
).split()


def ordinal(day: int) -> str:
    """English ordinal as the dumps write it: 1st, 2nd, 3rd, 11th, 22nd."""
    if 10 <= day % 100 <= 20:
        return f"{day}th"
    return f"{day}{ {1: 'st', 2: 'nd', 3: 'rd'}.get(day % 10, 'th') }"


def make_tag_vocabulary(rng: random.Random, size: int) -> list[str]:
    """Tags of one to three words, distinct, so tag lines have real ambiguity to resolve."""
    tags: set[str] = set()
    while len(tags) < size:
        tags.add(" ".join(rng.sample(TAG_WORDS, rng.choice((1, 1, 2, 2, 3)))))
    return sorted(tags)


def sentence(rng: random.Random, low: int, high: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(low, high)))


YEARS = (2023, 2024, 2025)


def page_text(
    rng: random.Random,
    title: str,
    tags: list[str],
    related: str | None,
    years: tuple[int, ...] = YEARS,
) -> str:
    year = rng.choice(years)
    date = f"تاريخ النشر: {ordinal(rng.randint(1, 28))}, {rng.choice(MONTHS)} {year} GMT"
    place, agency = rng.choice(PLACES), rng.choice(AGENCIES)
    body = [f"{place} ({agency}) – {sentence(rng, 15, 40)}، بنسبة {rng.randint(1, 99)}%."]
    body += [sentence(rng, 12, 45) + "." for _ in range(rng.randint(3, 8))]
    ordered = sorted(tags)
    keywords = list(ordered)
    if len(ordered) > 2 and rng.random() < 0.5:  # the keywords leave out a tag, as the seed's do
        del keywords[rng.randrange(len(keywords))]
    lines = [title, date, *body]
    lines.append("Tags: " + "".join(ordered) + "المصدر: " + rng.choice(SOURCES))
    lines.append("كلمات دلالية: " + " ".join(keywords))
    if related is not None:
        lines += ["إقرأ أيضاً:", related, f"{rng.choice(PLACES)} ({rng.choice(AGENCIES)})"]
        lines.append("أخبار ذات صلة" + sentence(rng, 15, 30) + ".")
        lines += [sentence(rng, 10, 30) + "." for _ in range(rng.randint(1, 3))]
    return "\n".join(lines)


def write_corpus(out: Path, pages: int, seed: int, years: tuple[int, ...] = YEARS) -> None:
    rng = random.Random(seed)
    vocabulary = make_tag_vocabulary(rng, 400)
    titles = [f"{sentence(rng, 4, 10)} {n}" for n in range(pages)]
    for n, title in enumerate(titles):
        tags = rng.sample(vocabulary, rng.randint(2, 7))
        related = titles[rng.randrange(pages)] if rng.random() < 0.4 else None
        folder = out / f"{n // 1000:03d}"
        if n % 1000 == 0:
            folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{n:06d}_{rng.getrandbits(64):016x}.txt").write_text(
            page_text(rng, title, tags, related, years), encoding="utf-8"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="folder to create (must not exist)")
    parser.add_argument("--pages", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--years", type=int, nargs="+", default=list(YEARS), help="years the pages are dated in"
    )
    args = parser.parse_args()
    if args.out.exists():
        parser.error(f"{args.out} exists; choose a new folder")
    write_corpus(args.out, args.pages, args.seed, tuple(args.years))
    print(f"wrote {args.pages} pages to {args.out}")


if __name__ == "__main__":
    main()
