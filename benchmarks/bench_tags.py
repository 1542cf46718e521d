"""How well tag boundaries are recovered, on synthetic corpora whose true tags are known.

Pages come from make_corpus.py's generator. Each corpus is written in one of four styles:
- glued: tags run together, as in the seed;
- no keywords: the same, without the keywords line;
- spaced: tags parted by plain spaces;
- spaced, no keywords.
Each style is written twice: with bodies that never name their tags, and with bodies that
mention 70% of them, as real articles do. The script prints, for each corpus, the share of
pages whose tags came out exactly right, and precision and recall over all tags.

The generator's tags are random one- to three-word combinations of a small word list, so
order and meaning help less than on real tags: read the figures as a floor, and compare
them between runs.

    python benchmarks/bench_tags.py --pages 2000
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

from reader.loader import load  # noqa: E402

STYLES = ("glued", "no keywords", "spaced", "spaced, no keywords")


def write(folder: Path, pages: int, seed: int, style: str, mention: bool) -> dict[str, tuple]:
    """Write the corpus; return each page's true tags by headline."""
    rng = random.Random(seed)
    vocabulary = make_corpus.make_tag_vocabulary(rng, 400)
    truth: dict[str, tuple] = {}
    folder.mkdir(parents=True)
    for n in range(pages):
        title = f"{make_corpus.sentence(rng, 4, 10)} {n}"
        tags = tuple(sorted(rng.sample(vocabulary, rng.randint(2, 7))))
        lines = make_corpus.page_text(rng, title, list(tags), None).split("\n")
        at = next(i for i, line in enumerate(lines) if line.startswith("Tags: "))
        if mention:
            for tag in tags:
                if rng.random() < 0.7:
                    row = rng.randrange(2, at)
                    lines[row] += f" وقال {tag} أمس."
        if style.startswith("spaced"):
            source = lines[at][lines[at].index("المصدر: ") :]
            lines[at] = "Tags: " + " ".join(tags) + source
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
    args = parser.parse_args()
    os.environ["NEWSREADER_CACHE"] = "off"
    print(f"{'style':22} {'bodies':16} {'exact pages':>11} {'precision':>9} {'recall':>7}")
    with tempfile.TemporaryDirectory(prefix="newsreader-tags-") as work:
        for mention in (False, True):
            for style in STYLES:
                folder = Path(work) / f"{style}-{mention}".replace(" ", "_").replace(",", "")
                truth = write(folder, args.pages, args.seed, style, mention)
                exact, precision, recall = score(folder, truth)
                bodies = "name 70% of tags" if mention else "name no tag"
                print(f"{style:22} {bodies:16} {exact:>11.3f} {precision:>9.3f} {recall:>7.3f}")


if __name__ == "__main__":
    main()
