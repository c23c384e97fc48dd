"""Story-grouping cost as the store grows: time per article at 1k, 10k and 100k stored.

    python benchmarks/stories_scale.py [--sizes 1000,10000,100000] [--per-day 250] [--probe 500]

Synthetic articles (no NLP: this measures grouping and storage, not reading) arrive at a
constant daily volume, as a real feed does: each belongs to one of the topics active that
week and draws its words from the topic's vocabulary and a shared one. At each size the
next ``--probe`` articles are timed (``assign_story`` + ``save_article``, as the ingest job
does) and the per-article time is reported with its ratio to the first size's: flat means
the cost follows the stories in the date window, not the size of the store. The store is a
real SQLite file in a temporary folder.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from crosswire.document import Article, Cleaned  # noqa: E402
from crosswire.group.stories import assign_story  # noqa: E402
from crosswire.options import Options  # noqa: E402
from crosswire.store.sqlite import SQLiteStore  # noqa: E402

START = dt.date(2024, 1, 1)
SYLLABLES = ["ka", "lo", "mi", "ren", "tas", "vo", "dun", "pel", "sar", "qui", "bre", "nox", "fal", "gor"]


def word(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4)))


class Feed:
    """An endless stream of dated synthetic articles, ``per_day`` per day, new topics weekly."""

    def __init__(self, per_day: int, seed: int = 11) -> None:
        self.rng = random.Random(seed)
        self.per_day = per_day
        self.common = [word(self.rng) for _ in range(3000)]
        self.topics: dict[int, list[str]] = {}
        self.count = 0

    def next(self) -> Article:
        rng, day = self.rng, self.count // self.per_day
        week = day // 7
        topic = week * 40 + rng.randrange(40)  # 40 topics a week, each a story of ~45 articles
        vocabulary = self.topics.setdefault(topic, [word(rng) for _ in range(30)])
        words = [rng.choice(vocabulary) if rng.random() < 0.3 else rng.choice(self.common) for _ in range(150)]
        self.count += 1
        text = " ".join(words) + f" ({self.count})"
        published = (START + dt.timedelta(days=day)).isoformat()
        return Article.from_cleaned(Cleaned(text=text, title=" ".join(words[:8]), outlet="Synthetic", published=published))


def measure(sizes: list[int], per_day: int, probe: int) -> list[dict]:
    feed, options, rows = Feed(per_day), Options(), []
    with tempfile.TemporaryDirectory() as folder:
        store = SQLiteStore(Path(folder) / "scale.db")
        stored = 0
        for size in sizes:
            while stored < size:
                _group_and_save(feed.next(), store, options, stored)
                stored += 1
            started = time.perf_counter()
            for _ in range(probe):
                _group_and_save(feed.next(), store, options, stored)
                stored += 1
            per_article = (time.perf_counter() - started) / probe
            rows.append({"stored": size, "ms_per_article": round(per_article * 1000, 2)})
        store.close()
    for row in rows:
        row["ratio_to_first"] = round(row["ms_per_article"] / rows[0]["ms_per_article"], 2)
    return rows


def _group_and_save(article: Article, store: SQLiteStore, options: Options, corpus_size: int) -> None:
    story, terms = assign_story(article, store, options, corpus_size=corpus_size)
    store.save_article(article, story, terms)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--per-day", type=int, default=250)
    parser.add_argument("--probe", type=int, default=500)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    rows = measure([int(s) for s in args.sizes.split(",")], args.per_day, args.probe)
    if args.json:
        print(json.dumps(rows, indent=2))
        return
    print(f"{'stored':>8} {'ms/article':>11} {'ratio':>6}")
    for row in rows:
        print(f"{row['stored']:8d} {row['ms_per_article']:11.2f} {row['ratio_to_first']:6.2f}")


if __name__ == "__main__":
    main()
