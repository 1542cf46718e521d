"""Every screen line of the layout against two reference bidi implementations' levels.

For each paragraph (every line of every sample dump, every title and paragraph the loader
makes of them, and the fixtures below) at widths 30, 50 and 80: the words of each laid-out
line are taken from the sanitised paragraph in logical order, reordered here by the levels
the reference gives for the whole paragraph (rules L1-L4 written out plainly), and compared
with the line after NFKC, so that only the choice of presentation forms is free; order,
mirroring, digits and marks are not.

The references are GNU FriBidi (the `fribidi` command, a Debian package) and ICU's ubidi
(PyICU, from the pip-installable `pyicu-wheels` of the test extra), so a machine with
nothing but Python still checks the layout. A missing reference skips with its reason,
except under CI, where both are required.
"""

from __future__ import annotations

import gzip
import json
import os
import re
import shutil
import subprocess
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import NoReturn

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.layout import cell_len, layout_paragraph, sanitize

ROOT = Path(__file__).resolve().parents[1]
FEEDS = ROOT / "sample_feeds"
WIDTHS = (30, 50, 80)

# Original sentences covering what news text throws at the layout.
FIXTURES = (
    "قال المتحدث (باسم الوزارة) إن الاجتماع سيعقد غدًا في العاصمة.",
    "أعلنت الهيئة (التي تأسست [عام 1998] في القاهرة) نتائج الدورة الجديدة.",
    "وصف التقرير الخطة بأنها «طموحة لكنها ممكنة» وفق “مصادر مطلعة” على المفاوضات.",
    "كَتَبَ الطَّالِبُ الدَّرْسَ بِعِنَايَةٍ، وَقَرَأَهُ مَرَّتَيْنِ قَبْلَ الِامْتِحَانِ.",
    "ارتفع المؤشر بنسبة 27.25% إلى 1960 نقطة في جلسة 17th, April 2024 GMT الماضية.",
    "بلغ عدد الزوار ٢٠٢٤ زائرًا و١٫٥ مليون مشاهدة حتى ١٢/٣ من العام الجاري.",
    "أكد صندوق النقد الدولي (IMF) أن برنامج Smart City Plan مستمر حتى 2030.",
    "The ministry said «الاقتصاد ينمو» by 3.5% in Q2 (تقرير رسمي) and more.",
    "اضغط [@click=app.quit] للخروج أو [bold]هنا[/bold] لمتابعة القراءة.",
    "خبر \x1b[31mعاجل\x1b[0m من \x1b]0;title\x07المراسل "
    "\x1b]8;;http://x\x1b\\رابط\x1b]8;;\x1b\\ اليوم.",
    "نص \u202eمعكوس\u202c و\u2067معزول\u2069 و\u200fعلامة\u200e وفاصل\u061c أخير.",
    "ه\u200dا كلمة \u200dمع وصل زائد.",
    "ا\u0654علن المسو\u0654ول ا\u0654ن الاتفاق جاهز.",
    "قال والله إن الله عليم، وﷲ الأمر من قبل ومن بعد.",
    "كلمةطويلةجدابلامسافاتتتجاوزعرضالسطربكثيرمنالحروفالعربيةالمتصلةببعضها وبعدها كلام عادي.",
    "زوروا الموقع https://example.org/news?id=42&lang=ar للمزيد من التفاصيل.",
    "2024 - 12 : 30",
    "أطلق التطبيق 😀 في 東京 اليوم مع شعار جديد.",
    "قلب ❤️ ويد 👍🏽 وعائلة 👨‍👩‍👧 و1️⃣ في خبر اليوم.",
    "جميـــــل جداً هذا المنظر.",
    "انخفضت الحرارة إلى -5 درجات و+3 في المساء، بين 10-15 مايو.",
    "هل هذا صحيح؟! نعم... بالتأكيد (100%).",
    "في مارس/آذار 2024، ثم أبريل/نيسان من العام نفسه.",
    "Version (2.0) of الكتاب [مسودة] is ready: see <ملحق> {أ}.",
    "كلمة\tأخرى    ثالثة  ",
    "«(«نص» [داخلي])» ثم (أ (ب (ج)))",
    "שלום עולם 123 مرحبا",
    "لَا بُدَّ مِنْ ذَلِكَ وَلِأَنَّ الْأَمْرَ لَآتٍ",
    "الرقم ‎+20 123 456‏ للاتصال، والبريد news@example.com.",
)


@dataclass(frozen=True)
class Case:
    where: str
    text: str


def _dump_texts() -> Iterator[tuple[str, str]]:
    """Each sample file's text (dumps in any of their encodings, and JSON Lines pages)."""
    for path in sorted(FEEDS.rglob("*")):
        name = str(path.relative_to(ROOT))
        if path.suffix == ".txt":
            raw = path.read_bytes()
            try:
                yield name, raw.decode("utf-8-sig")
            except UnicodeDecodeError:
                yield name, raw.decode("cp1256")
        elif path.name.endswith((".jsonl", ".jsonl.gz")):
            opener = gzip.open if path.suffix == ".gz" else open
            with opener(path, "rt", encoding="utf-8") as lines:
                for number, line in enumerate(lines, 1):
                    if line.strip():
                        yield f"{name}:{number}", json.loads(line)["text"]


def _cases() -> list[Case]:
    cases = [Case(f"fixture {i}", text) for i, text in enumerate(FIXTURES)]
    for name, text in _dump_texts():
        cases += [Case(name, line) for line in text.splitlines() if line.strip()]
    try:
        from reader.parse.loader import load
    except ImportError:  # the loader is optional here: the raw lines already cover the feeds
        return cases
    for article in load([FEEDS]).articles:
        cases.append(Case(f"title of {article.id}", article.title))
        cases += [Case(f"{article.id} ¶{i}", p) for i, p in enumerate(article.paragraphs)]
    return cases


def _missing(message: str) -> NoReturn:
    """A reference that is not installed: required under CI, skipped elsewhere."""
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


@dataclass(frozen=True)
class Reference:
    text: str
    rtl: bool
    levels: tuple[int, ...]


def fribidi_references(texts: list[str]) -> list[Reference]:
    """One `fribidi` run for all paragraphs: base direction and levels of each."""
    fribidi = shutil.which("fribidi")
    if fribidi is None:
        _missing("GNU FriBidi CLI `fribidi` is missing: apt-get install libfribidi-bin")
    result = subprocess.run(
        [fribidi, "--basedir", "--levels", "--novisual", "--nobreak"],
        input="".join(t + "\n" for t in texts),
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=True,
    )
    out = result.stdout.split("\n")
    assert len(out) >= 2 * len(texts), result.stderr
    refs = []
    for i, text in enumerate(texts):
        base, levels = out[2 * i], out[2 * i + 1].split()
        assert base in ("Base direction: R", "Base direction: L"), base
        assert len(levels) == len(text), f"{text!r}: fribidi gave {len(levels)} levels"
        refs.append(Reference(text, base.endswith("R"), tuple(map(int, levels))))
    return refs


def icu_references(texts: list[str]) -> list[Reference]:
    """ICU's levels for each paragraph, its direction found as FriBidi's is (rules P2-P3)."""
    try:
        import icu
    except ImportError:
        _missing("PyICU is missing: pip install -e '.[test]' installs pyicu-wheels")
    refs = []
    for text in texts:
        bidi = icu.Bidi()
        bidi.setPara(icu.UnicodeString(text), icu.Bidi.DEFAULT_LTR)
        units = bidi.getLevels()  # one per UTF-16 code unit
        levels, at = [], 0
        for char in text:
            levels.append(units[at])
            at += 2 if ord(char) > 0xFFFF else 1
        refs.append(Reference(text, bidi.getParaLevel() == 1, tuple(levels)))
    return refs


ENGINES = {"fribidi": fribidi_references, "icu": icu_references}


@pytest.fixture(scope="module", params=sorted(ENGINES))
def engine(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture(scope="module")
def references(engine: str) -> list[tuple[Case, Reference]]:
    """Each paragraph with the reference's base direction and levels."""
    cases = [c for c in _cases() if "\n" not in sanitize(c.text) and sanitize(c.text)]
    refs = ENGINES[engine]([sanitize(c.text) for c in cases])
    return list(zip(cases, refs, strict=True))


# ----- the reference reordering, written out rule by rule --------------------------------
def _mirror(char: str) -> str:
    """The Bidi_Mirroring_Glyph, found by swapping LEFT/RIGHT-like words in the name."""
    if not unicodedata.mirrored(char):
        return char
    name = unicodedata.name(char, "")
    for a, b in (("LEFT", "RIGHT"), ("LESS-THAN", "GREATER-THAN")):
        swapped = name.replace(a, "\0").replace(b, a).replace("\0", b)
        if swapped != name:
            try:
                return unicodedata.lookup(swapped)
            except KeyError:
                return char
    return char


def reference_line(ref: Reference, start: int, end: int) -> str:
    """ref.text[start:end] in visual order by the reference's paragraph levels (L1-L4)."""
    chars = list(ref.text[start:end])
    levels = list(ref.levels[start:end])
    base = 1 if ref.rtl else 0
    i = len(chars)
    while i and unicodedata.bidirectional(chars[i - 1]) == "WS":  # L1
        i -= 1
        levels[i] = base
    order = list(range(len(chars)))
    if levels:
        lowest_odd = min(levels) | 1
        for level in range(max(levels), lowest_odd - 1, -1):  # L2
            k = 0
            while k < len(order):
                if levels[order[k]] >= level:
                    j = k
                    while j < len(order) and levels[order[j]] >= level:
                        j += 1
                    order[k:j] = order[k:j][::-1]
                    k = j
                else:
                    k += 1
    visual = [(chars[n], levels[n]) for n in order]
    k = 0
    while k < len(visual):  # L3: marks reversed before their base go back after it
        char, level = visual[k]
        if level % 2 and unicodedata.bidirectional(char) == "NSM":
            j = k
            while j < len(visual) and unicodedata.bidirectional(visual[j][0]) == "NSM":
                j += 1
            if j < len(visual):
                visual[k : j + 1] = [visual[j], *visual[k:j][::-1]]
            k = j + 1
        else:
            k += 1
    return "".join(_mirror(c) if level % 2 else c for c, level in visual)  # L4


def expand(visual: str) -> str:
    """NFKC character by character; a ligature in right-to-left text expands right to left."""
    out = []
    for char in visual:
        parts = unicodedata.normalize("NFKC", char)
        if len(parts) > 1 and (0xFB50 <= ord(char) <= 0xFDFF or 0xFE70 <= ord(char) <= 0xFEFF):
            parts = parts[::-1]
        out.append(parts)
    return "".join(out)


_MARKS = "".join(
    chr(c) for c in range(0x300, 0x10000) if unicodedata.bidirectional(chr(c)) == "NSM"
)
# Visual alef (marks) lam (marks): the reshaper draws lam-alef as one cell, so the marks of
# both letters follow that cell, lam's first. The reference is brought to the same order.
_LAM_ALEF = re.compile(f"([\u0622\u0623\u0625\u0627])([{_MARKS}]*)(\u0644)([{_MARKS}]*)")


def ligated(visual: str) -> str:
    return _LAM_ALEF.sub(r"\1\3\4\2", visual)


def _units(text: str) -> int:
    """Characters other than U+0020 after expansion (NFKC makes a no-break space a space)."""
    return len(expand(text.replace(" ", "")))


def compare(ref: Reference, width: int) -> tuple[int, list[str]]:
    """Lines compared, and a description of each mismatch."""
    paragraph = layout_paragraph(ref.text, width)
    problems = []
    if paragraph.rtl != ref.rtl:
        problems.append(f"direction rtl={paragraph.rtl}, the reference says rtl={ref.rtl}")
    position = 0
    for number, line in enumerate(paragraph.lines):
        if cell_len(line) > width:
            problems.append(f"line {number} is {cell_len(line)} cells wide")
        if ref.text.startswith(" ", position):
            position += 1
        want, end = _units(line), position
        while end < len(ref.text) and _units(ref.text[position:end]) < want:
            end += 1
        expected = ligated(expand(reference_line(ref, position, end)))
        got = expand(line)
        if got != expected:
            problems.append(f"line {number}:\n  got      {got!r}\n  expected {expected!r}")
        position = end
    if ref.text[position:].strip():
        problems.append(f"text never shown: {ref.text[position:]!r}")
    return len(paragraph.lines), problems


@pytest.mark.parametrize("width", WIDTHS)
def test_every_line_matches_the_reference(
    references: list[tuple[Case, Reference]], width: int
) -> None:
    compared = 0
    failures = []
    for case, ref in references:
        lines, problems = compare(ref, width)
        compared += lines
        failures += [f"{case.where} at width {width}: {p}" for p in problems]
    assert not failures, f"{len(failures)} mismatches, first ones:\n" + "\n".join(failures[:8])
    assert len(references) > 600 and compared > len(references)


def test_the_reference_is_not_trivial(references: list[tuple[Case, Reference]]) -> None:
    """The corpus exercises what the comparison is for: both directions, levels 0-2, marks."""
    refs = [ref for _, ref in references]
    assert {r.rtl for r in refs} == {True, False}
    assert {level for r in refs for level in r.levels} >= {0, 1, 2}
    assert any(unicodedata.bidirectional(c) == "NSM" for r in refs for c in r.text)
    assert any(unicodedata.mirrored(c) for r in refs if r.rtl for c in r.text)


def test_the_reference_reordering_follows_the_rules() -> None:
    """Hand-checked cases, so a broken reference cannot pass everything by mistake."""
    ref = Reference("أب (جد) 12", True, (1, 1, 1, 1, 1, 1, 1, 1, 2, 2))
    assert reference_line(ref, 0, len(ref.text)) == "12 (دج) بأ"
    marked = Reference("بَت", True, (1, 1, 1))
    assert reference_line(marked, 0, 3) == "تبَ"
    assert expand("\ufefb") == "\u0627\u0644"
    assert ligated("\u0623\u064e\u0644\u0650") == "\u0623\u0644\u0650\u064e"


# Random paragraphs: letters (harakat only on letters, as in real text), digits of both
# kinds, Latin, Hebrew, brackets and other neutrals. FriBidi 1.0.8 resolves a bracket pair
# wrongly when a mark sits on a neutral just before the opening bracket ("&\u0650{"), which
# the unicode-bidi crate gets right, so marks on neutrals are left out here.
_LETTER = st.tuples(
    st.sampled_from("ابتثجحخدلاةىءأإآ\u05d0\u05d1"),
    st.text(alphabet="\u064b\u064e\u064f\u0650\u0651\u0652", max_size=2),
).map("".join)
_OTHER = st.sampled_from(
    list("abcXYZ0123456789٠١٢٣۱۲.,:;!?%-+/()[]{}«»<>\"'“”–…@=#$€&*_|~^ـ\u00a0")
)
_WORDS = st.lists(st.one_of(_LETTER, _OTHER), min_size=1, max_size=8).map("".join)


@pytest.mark.parametrize("engine", sorted(ENGINES))
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_WORDS, min_size=1, max_size=25).map(" ".join), st.integers(3, 60))
def test_random_paragraphs_match_the_reference(engine: str, text: str, width: int) -> None:
    (ref,) = ENGINES[engine]([sanitize(text)])
    _, problems = compare(ref, width)
    assert not problems, "\n".join(problems)
