"""Story-grouping cost as the store grows: time per article at 1k, 10k and 100k stored.

    python benchmarks/stories_scale.py [--sizes 1000,10000,100000] [--per-day 40] [--probe 500]
                                       [--keep DIR] [--profile N]

Synthetic articles (no NLP: this measures grouping and storage, not reading) arrive at a
constant daily volume, as a real feed does: each belongs to one of the topics active that
week and draws its words from the topic's vocabulary and a shared one. At each size the
next ``--probe`` articles are timed (``assign_story`` + ``save_article``, as the ingest job
does) and the per-article time is reported with its ratio to the first size's: flat means
the cost follows the stories in the date window, not the size of the store. At the default
40 articles a day the window (21 days) is full before the first 1,000 articles, so every
size is measured in the same steady state and 100,000 articles span almost seven years of
history; at ``--per-day 250`` the first size sees a quarter-full window. The store is a
real SQLite file in a temporary folder. The probe articles are generated before the clock
starts, so only grouping and storage are timed.

``--keep DIR`` saves the store as built up to each size in ``DIR`` (``scale-<per-day>-<size>.db``)
and starts from that snapshot on later runs instead of rebuilding it (the feed is replayed,
cheaply, up to the snapshot's size): building 100k articles takes minutes. Snapshots are
made by the code that built them, so take final figures from a fresh run without it.
``--profile N`` prints the N most expensive functions (cProfile, cumulative) of the last probe.

After each timed probe, 200 more articles are grouped with checkpoints held off and the
pages they write are counted from the WAL: ``pages`` per article (every page a commit
writes) and ``distinct`` pages per article over the 200 (what a checkpoint writes back into
the file). Times on a shared machine vary from run to run; these counts do not.
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import json
import pstats
import random
import shutil
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from crosswire.document import Article, Cleaned  # noqa: E402
from crosswire.group.stories import assign_story  # noqa: E402
from crosswire.options import Options  # noqa: E402
from crosswire.store.sqlite import WAL_CHECKPOINT_PAGES, SQLiteStore  # noqa: E402

START = dt.date(2024, 1, 1)
PAGES_PROBE = 200  # articles over which pages written are counted
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


def measure(sizes: list[int], per_day: int, probe: int, keep: Path | None = None, profile: int = 0) -> list[dict]:
    feed, options, rows = Feed(per_day), Options(), []
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "scale.db"
        store = SQLiteStore(path)
        stored = 0
        for size in sizes:
            snapshot = keep / f"scale-{per_day}-{size}.db" if keep else None
            if snapshot is not None and snapshot.exists() and stored <= size:
                store.close()
                for suffix in ("", "-wal", "-shm"):
                    Path(f"{path}{suffix}").unlink(missing_ok=True)
                shutil.copyfile(snapshot, path)
                store = SQLiteStore(path)
                while stored < size:  # replay the feed up to the snapshot
                    feed.next()
                    stored += 1
            while stored < size:
                _group_and_save(feed.next(), store, options, stored)
                stored += 1
            if snapshot is not None and not snapshot.exists():
                keep.mkdir(parents=True, exist_ok=True)
                copy = sqlite3.connect(snapshot)
                store.conn.backup(copy)
                copy.close()
            articles = [feed.next() for _ in range(probe)]
            window = store.conn.execute(  # the stories an article can be compared with
                "SELECT count(*) FROM stories WHERE last_date >= date(?, ?)",
                (articles[0].meta.published, f"-{options.story_window_days} days"),
            ).fetchone()[0]
            profiler = cProfile.Profile() if profile and size == sizes[-1] else None
            started = time.perf_counter()
            if profiler:
                profiler.enable()
            for article in articles:
                _group_and_save(article, store, options, stored)
                stored += 1
            if profiler:
                profiler.disable()
            per_article = (time.perf_counter() - started) / probe
            rows.append({"stored": size, "ms_per_article": round(per_article * 1000, 2), "stories_in_window": window})
            if profiler:
                pstats.Stats(profiler, stream=sys.stderr).sort_stats("cumulative").print_stats(profile)
            written, distinct = pages_written(store, [feed.next() for _ in range(PAGES_PROBE)], options, stored)
            stored += PAGES_PROBE
            rows[-1].update(pages_per_article=round(written, 1), distinct_pages_per_article=round(distinct, 1))
        store.close()
    for row in rows:
        row["ratio_to_first"] = round(row["ms_per_article"] / rows[0]["ms_per_article"], 2)
    return rows


def pages_written(store: SQLiteStore, articles: list[Article], options: Options, stored: int) -> tuple[float, float]:
    """Database pages written per article (WAL frames), and distinct pages per article over
    the pass (what checkpoints write back into the file), with checkpoints held off. Counts,
    not times: they do not depend on what else the machine is doing."""
    store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.conn.execute("PRAGMA wal_autocheckpoint=0")
    for n, article in enumerate(articles):
        _group_and_save(article, store, options, stored + n)
    frames = _wal_frame_pages(Path(f"{store.path}-wal"))
    store.conn.execute(f"PRAGMA wal_autocheckpoint={WAL_CHECKPOINT_PAGES}")
    return len(frames) / len(articles), len(set(frames)) / len(articles)


def _wal_frame_pages(wal: Path) -> list[int]:
    """The page number of every frame in a WAL file (format: sqlite.org/fileformat.html)."""
    data = wal.read_bytes()
    page_size = int.from_bytes(data[8:12], "big")
    return [
        int.from_bytes(data[offset : offset + 4], "big")
        for offset in range(32, len(data) - page_size - 23, page_size + 24)
    ]


def _group_and_save(article: Article, store: SQLiteStore, options: Options, corpus_size: int) -> None:
    story, terms = assign_story(article, store, options, corpus_size=corpus_size)
    store.save_article(article, story, terms)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--per-day", type=int, default=40)
    parser.add_argument("--probe", type=int, default=500)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--keep", type=Path, help="folder for reusable store snapshots, one per size")
    parser.add_argument("--profile", type=int, default=0, help="print the N costliest calls of the last probe")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    rows = measure(sizes, args.per_day, args.probe, args.keep, args.profile)
    if args.json:
        print(json.dumps(rows, indent=2))
        return
    print(f"{'stored':>8} {'ms/article':>11} {'ratio':>6} {'window':>7} {'pages':>6} {'distinct':>9}")
    for row in rows:
        stored, ms, ratio, window = row["stored"], row["ms_per_article"], row["ratio_to_first"], row["stories_in_window"]
        pages, distinct = row["pages_per_article"], row["distinct_pages_per_article"]
        print(f"{stored:8d} {ms:11.2f} {ratio:6.2f} {window:7d} {pages:6.1f} {distinct:9.1f}")
    print("(window: stories in the date window when the probe starts; it fills up over the first"
          " story_window_days of the feed, so the first size may not be a steady state)")


if __name__ == "__main__":
    main()
