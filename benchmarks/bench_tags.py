"""How well tag boundaries are recovered, on synthetic corpora whose true tags are known.

Pages come from make_corpus.py's generator, with tags drawn from one of two vocabularies:
- combined: random one- to three-word combinations of a small word list, where every word
  is also a tag of its own and tags share words freely, so order and meaning help little;
- named: names as news sites tag them (countries, cities, bodies, people, topics), some
  sharing words (`البنك المركزي`, `البنك المركزي المصري`), one with و, two with digits.
Each corpus is written in one of twelve styles:
- glued: tags run together, as in the seed, and a keywords line that leaves out one of
  them half the time;
- no keywords: the same, without the keywords line;
- spaced: tags parted by plain spaces;
- mixed: glued, but each pair of tags parted by a space half the time (FORMAT.md's
  `أذربيجان أرمينيا`);
- spaced and mixed again without keywords;
- hamza folded: glued, but sorted as a database using the Unicode collation algorithm
  sorts (الاستثمار before الأمن), where the others sort by code point;
- no order: glued, listed as an editor might add them, in no order at all;
- two sites: glued; every fifth page is from a site of its own that lists them in no
  order, the others from sites sorting them by code point, as a folder of several
  sites' dumps would be;
- overlapping: glued, each page also carrying a rare tag that contains a common one
  (`تصفيات كأس العالم 2026`), half of them beside it (`كأس العالم`);
- names: glued, each page naming a person whose name links its parts with بن, عبد, أبو
  or آل, each name rare, half of them beside a common tag that is the name's first words
  (`الأمير سلطان بن سلمان`, `الأمير سلطان`);
- few spaced: glued, but one pair of tags in seven parted by a space, as a site that
  glues does now and then.
The last three are written with the named vocabulary only: they are real sites' habits.
Each is written twice: with bodies that never name their tags, and with bodies that
mention 70% of them, as real articles do. The script prints, for each corpus, the share of
pages whose tags came out exactly right, and precision and recall over all tags.

    python benchmarks/bench_tags.py --pages 2000
    python benchmarks/bench_tags.py --styles overlapping names "few spaced"
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

import make_corpus  # noqa: E402

from reader.parse.loader import load  # noqa: E402

STYLES = (
    "glued",
    "no keywords",
    "spaced",
    "spaced, no keywords",
    "mixed",
    "mixed, no keywords",
    "hamza folded",
    "no order",
    "two sites",
    "overlapping",
    "names",
    "few spaced",
)
NAMED_ONLY = ("overlapping", "names", "few spaced")
# Tags of their own, and longer tags that contain one of them, each of which is rare.
CONTAINED = ("كأس العالم", "كرة القدم", "السوق", "الذهب", "البنك الدولي", "مجلس الأمن")
CONTAINING = ("تصفيات", "نهائي", "قرعة", "منتخب", "أسعار", "تقرير", "رئيس", "قرار", "بيان", "لجنة")
# Names whose parts بن, عبد, أبو or آل link, each rare, beside tags that are their first
# words (a title and a first name), each common.
HEADS = (
    "الأمير سلطان",
    "الشيخ محمد",
    "الأمير فيصل",
    "الشيخ خالد",
    "الوزير أحمد",
    "سعيد",
    "الأمير نايف",
    "الشيخ حمد",
    "اللواء ماجد",
    "الدكتور حسن",
    "الفريق طارق",
    "يوسف",
)
LINKED = {
    "بن": ("سلمان", "زايد", "حمد", "علي", "راشد", "فهد", "ناصر", "خليفة", "سعد", "عمر"),
    "عبد": ("الله", "الرحمن", "العزيز", "الكريم", "المجيد", "الحميد", "الفتاح"),
    "أبو": ("بكر", "زيد", "الغيط", "شقرة", "العلا"),
    "آل": ("ثاني", "سعود", "نهيان", "خليفة", "مكتوم"),
}
# How a collation that sorts letters first and marks second (the Unicode algorithm) orders.
_HAMZA_FOLDED = str.maketrans("أإآٱؤئ", "ااااوي")
NAMED_TAGS = (
    "مصر|السعودية|الأردن|العراق|سوريا|لبنان|فلسطين|المغرب|الجزائر|تونس|ليبيا|السودان|اليمن|"
    "قطر|الإمارات|الكويت|سلطنة عمان|البحرين|تركيا|إيران|روسيا|أوكرانيا|الصين|الهند|فرنسا|"
    "ألمانيا|بريطانيا|الولايات المتحدة|اليابان|البرازيل|القاهرة|الرياض|عمان|بغداد|دمشق|"
    "بيروت|غزة|القدس|الرباط|الدار البيضاء|الخرطوم|صنعاء|الدوحة|دبي|أبوظبي|إسطنبول|طهران|"
    "موسكو|كييف|بكين|باريس|برلين|لندن|واشنطن|الأمم المتحدة|مجلس الأمن|جامعة الدول العربية|"
    "الاتحاد الأوروبي|حلف الناتو|صندوق النقد الدولي|البنك الدولي|منظمة الصحة العالمية|أوبك|"
    "الاتحاد الأفريقي|مجلس التعاون الخليجي|البنك المركزي|البنك المركزي المصري|"
    "عبد الفتاح السيسي|محمد بن سلمان|إيمانويل ماكرون|أولاف شولتس|جو بايدن|دونالد ترامب|"
    "شي جين بينغ|ناريندرا مودي|أنطونيو غوتيريش|الملك عبد الله الثاني|قيس سعيد|"
    "عبد المجيد تبون|النفط|أسعار النفط|الغاز الطبيعي|الطاقة المتجددة|الطاقة الشمسية|التضخم|"
    "أسعار الفائدة|الذهب|البورصة|الاقتصاد|الاستثمار|السياحة|كرة القدم|كأس العالم|"
    "دوري أبطال أفريقيا|الانتخابات|الانتخابات الرئاسية|حقوق الإنسان|اللاجئين|"
    "الهجرة غير الشرعية|تغير المناخ|الجفاف|الزلازل|اللقاحات|الذكاء الاصطناعي|التعليم|"
    "الجامعات|الصحة|القمح|الأمن الغذائي|المياه|سد النهضة|نهر النيل|قناة السويس|البحر الأحمر|"
    "الحرب في أوكرانيا|قمة العشرين|مجموعة السبع|لقاء بايدن وماكرون|مصر والسودان|COP28|كوفيد-19"
).split("|")


def write(
    folder: Path, pages: int, seed: int, style: str, mention: bool, named: bool
) -> dict[str, tuple]:
    """Write the corpus; return each page's true tags by headline."""
    rng = random.Random(seed)
    vocabulary = list(NAMED_TAGS) if named else make_corpus.make_tag_vocabulary(rng, 400)
    if style == "overlapping":
        vocabulary += CONTAINED
    elif style == "names":
        vocabulary += HEADS
    truth: dict[str, tuple] = {}
    folder.mkdir(parents=True)
    for n in range(pages):
        title = f"{make_corpus.sentence(rng, 4, 10)} {n}"
        tags = tuple(sorted(rng.sample(vocabulary, rng.randint(2, 9 if named else 7))))
        if style == "overlapping":
            short = rng.choice(CONTAINED)
            long = f"{rng.choice(CONTAINING)} {short} {rng.randint(1990, 2030)}"
            tags = tuple(sorted({*tags, long, *((short,) if rng.random() < 0.5 else ())}))
        elif style == "names":
            head = rng.choice(HEADS)
            link = rng.choice(sorted(LINKED))
            name = f"{head} {link} {rng.choice(LINKED[link])}"
            tags = tuple(sorted({*tags, name, *((head,) if rng.random() < 0.5 else ())}))
        lines = make_corpus.page_text(rng, title, list(tags), None).split("\n")
        at = next(i for i, line in enumerate(lines) if line.startswith("Tags: "))
        if mention:
            for tag in tags:
                if rng.random() < 0.7:
                    row = rng.randrange(2, at)
                    lines[row] += f" وقال {tag} أمس."
        source = lines[at][lines[at].index("المصدر: ") :]
        if style.startswith("spaced"):
            lines[at] = "Tags: " + " ".join(tags) + source
        elif style.startswith("mixed") or style == "few spaced":
            parts = [tags[0]]
            for tag in tags[1:]:
                if style == "few spaced":
                    parts += [" " if rng.random() < 1 / 7 else "", tag]
                else:
                    parts += [rng.choice(("", " ")), tag]
            lines[at] = "Tags: " + "".join(parts) + source
        elif style in ("hamza folded", "no order", "two sites"):
            if style == "hamza folded":
                tags = tuple(sorted(tags, key=lambda tag: (tag.translate(_HAMZA_FOLDED), tag)))
            elif style == "no order" or n % 5 == 0:
                tags = tuple(rng.sample(tags, len(tags)))
                if style == "two sites":
                    source = "المصدر: موقع المحيط"
            lines[at] = "Tags: " + "".join(tags) + source
            keywords = list(tags)
            if len(keywords) > 2 and rng.random() < 0.5:
                del keywords[rng.randrange(len(keywords))]
            lines[at + 1] = "كلمات دلالية: " + " ".join(keywords)
        if style.endswith("no keywords"):
            lines = [line for line in lines if not line.startswith("كلمات دلالية")]
        (folder / f"{n:06d}.txt").write_text("\n".join(lines), encoding="utf-8")
        truth[title] = tags
    return truth


def score(folder: Path, truth: dict[str, tuple]) -> tuple[float, float, float]:
    corpus = load([folder])
    exact = right = found = wanted = 0
    for article in corpus.articles:
        true = truth[article.title]
        exact += article.tags == true
        right += len(set(article.tags) & set(true))
        found += len(article.tags)
        wanted += len(true)
    return exact / len(truth), right / max(found, 1), right / max(wanted, 1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--styles", nargs="*", choices=STYLES, default=STYLES, metavar="STYLE")
    args = parser.parse_args()
    os.environ["NEWSREADER_LIBRARY"] = ":memory:"
    print(
        f"{'tags':9} {'style':20} {'bodies':16} {'exact pages':>11} {'precision':>9} {'recall':>7}"
    )
    with tempfile.TemporaryDirectory(prefix="newsreader-tags-") as work:
        for named in (False, True):
            for mention in (False, True):
                for style in args.styles:
                    if style in NAMED_ONLY and not named:
                        continue
                    name = f"{named}-{style}-{mention}".replace(" ", "_").replace(",", "")
                    folder = Path(work) / name
                    truth = write(folder, args.pages, args.seed, style, mention, named)
                    exact, precision, recall = score(folder, truth)
                    print(
                        f"{'named' if named else 'combined':9} {style:20} "
                        f"{'name 70% of tags' if mention else 'name no tag':16} "
                        f"{exact:>11.3f} {precision:>9.3f} {recall:>7.3f}"
                    )


if __name__ == "__main__":
    main()
