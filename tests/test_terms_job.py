"""Search terms computed in a process of their own: the same terms and counts as computed
in the ingest's process, a process that dies made up for, and the index an ingest writes
the same either way."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest
from test_library import (
    ORPHAN_GRACE_SECONDS,
    alive,
    children_of,
    generated,  # noqa: F401  (a fixture: a few thousand pages)
)

from reader.library import terms_job
from reader.library.session import open_corpus
from reader.library.store import open_library
from reader.library.terms_job import APART_FROM_ARTICLES, TermsJob
from reader.text.analysis import terms

TEXTS = [
    (
        f"عنوان الخبر رقم {n}",
        f"وقال المتحدث إن الأطفال والمدارس {n} في المدينة.\nفقرة ثانية {n % 7}",
    )
    for n in range(300)
]


def same(text: tuple[str, str]) -> tuple[str, str]:
    return text


def expected() -> tuple[list[tuple[str, str]], Counter[str]]:
    counts: Counter[str] = Counter()
    found = []
    for title, body in TEXTS:
        title_terms, body_terms = terms(title), terms(body)
        counts.update(set(title_terms) | set(body_terms))
        found.append((" ".join(title_terms), " ".join(body_terms)))
    return found, counts


def workers() -> list[int]:
    """This process's children that compute terms."""
    return [
        pid
        for pid in children_of(os.getpid())
        if alive(pid) and b"reader.library.terms_job" in Path(f"/proc/{pid}/cmdline").read_bytes()
    ]


def test_a_few_articles_are_not_worth_a_process(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(terms_job, "APART_FROM_ARTICLES", len(TEXTS) + 1)
    job = TermsJob(TEXTS, same, cores=2)
    assert not job.apart and workers() == []
    assert job.result() == expected()


def test_enough_articles_go_to_a_process_of_their_own(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(terms_job, "APART_FROM_ARTICLES", len(TEXTS))
    job = TermsJob(TEXTS, same, cores=2)
    assert job.apart and len(workers()) == 1
    assert job.result() == expected()
    assert workers() == []  # and it ended


def test_one_core_keeps_the_terms_at_home(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(terms_job, "APART_FROM_ARTICLES", 1)
    job = TermsJob(TEXTS, same, cores=1)
    assert not job.apart
    assert job.result() == expected()


def test_a_process_that_dies_is_made_up_for(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(terms_job, "APART_FROM_ARTICLES", 1)
    job = TermsJob(TEXTS * 20, same, cores=2)
    (worker,) = workers()
    os.kill(worker, signal.SIGKILL)
    found, counts = job.result()
    many, _ = expected()
    assert found == many * 20
    assert counts == Counter({term: n * 20 for term, n in expected()[1].items()})


def index_of(library: str) -> tuple[list[tuple], list[tuple]]:
    _, connection = open_library(library)
    try:
        text = connection.execute("SELECT id, title, body FROM search_text ORDER BY id").fetchall()
        vocabulary = connection.execute(
            "SELECT term, documents FROM search_terms ORDER BY term"
        ).fetchall()
        return text, vocabulary
    finally:
        connection.close()


def test_an_ingest_indexes_the_same_with_the_terms_apart(
    generated: Path,  # noqa: F811
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    apart = str(tmp_path / "apart.sqlite3")
    session, _ = open_corpus([generated], apart)
    session.close()
    monkeypatch.setattr(terms_job, "APART_FROM_ARTICLES", 10**9)
    home = str(tmp_path / "home.sqlite3")
    session, _ = open_corpus([generated], home)
    session.close()
    assert index_of(apart) == index_of(home)
    # The first went apart: enough articles, and a core to spare.
    assert len(index_of(home)[0]) >= APART_FROM_ARTICLES
    assert len(os.sched_getaffinity(0)) >= 2


def test_the_process_ends_when_its_ingest_is_killed() -> None:
    code = (
        "import sys, time\n"
        "from reader.library import terms_job\n"
        "terms_job.APART_FROM_ARTICLES = 1\n"
        "job = terms_job.TermsJob([('عنوان', 'نص طويل ' * 2000)] * 400, tuple, cores=2)\n"
        "print('started', flush=True)\n"
        "time.sleep(600)\n"
    )
    with subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE) as ingest:
        assert ingest.stdout is not None and ingest.stdout.readline() == b"started\n"
        helpers = children_of(ingest.pid)
        assert len(helpers) == 1
        ingest.kill()
    deadline = time.monotonic() + ORPHAN_GRACE_SECONDS
    while alive(helpers[0]) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not alive(helpers[0])
