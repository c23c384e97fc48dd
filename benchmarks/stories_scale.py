"""Story-grouping cost as the store grows: time per article at 1k, 10k and 100k stored.

    python benchmarks/stories_scale.py [--sizes 1000,10000,100000] [--per-day 40] [--probe 500]
                                       [--rounds 3] [--keep DIR] [--profile N]

Synthetic articles (no NLP: this measures grouping and storage, not reading) arrive at a
constant daily volume, as a real feed does: each belongs to one of the topics active that
week and draws its words from the topic's vocabulary and a shared one. At each size the
next ``--probe`` articles are timed (``assign_story`` + ``save_article``, as the ingest job
does), ``--rounds`` times, each round alternating with the baseline: the first size's probe
on a fresh copy of the first size's store. The ratio of the two medians is the figure: flat
means the cost follows the stories in the date window, not the size of the store, and
measuring both in alternation keeps a change in the machine's load out of it. At the default
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
import statistics
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
        title = " ".join(words[:8])
        return Article.from_cleaned(Cleaned(text=text, title=title, outlet="Synthetic", published=published))


def measure(
    sizes: list[int], per_day: int, probe: int, rounds: int = 3, keep: Path | None = None, profile: int = 0
) -> list[dict]:
    feed, options, rows = Feed(per_day), Options(), []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        store, stored = SQLiteStore(folder / "scale.db"), 0
        baseline: tuple[Path, list[Article], int] | None = None  # the first size's store and probe
        for size in sizes:
            store, stored = _grow(store, feed, options, stored, size, keep and keep / f"scale-{per_day}-{size}.db")
            if baseline is None:
                _backup(store, folder / "baseline.db")
                ahead = _clone(feed)  # the articles that come next, leaving the feed where it is
                baseline = (folder / "baseline.db", [ahead.next() for _ in range(probe)], size)
            window = store.conn.execute(  # the stories an article can be compared with
                "SELECT count(*) FROM stories WHERE last_date >= date(?, ?)",
                (_clone(feed).next().meta.published, f"-{options.story_window_days} days"),
            ).fetchone()[0]
            times, baseline_times = [], []
            for round_ in range(rounds):  # alternate, so both see the same machine
                baseline_times.append(_time_baseline(baseline, folder / "round.db", options))
                profiler = cProfile.Profile() if profile and size == sizes[-1] and round_ == rounds - 1 else None
                articles = [feed.next() for _ in range(probe)]
                store.close()  # reopened cold, as the baseline's copy is
                store = SQLiteStore(store.path)
                times.append(_time_probe(articles, store, options, stored, profiler))
                stored += probe
                if profiler:
                    pstats.Stats(profiler, stream=sys.stderr).sort_stats("cumulative").print_stats(profile)
            ms, baseline_ms = (statistics.median(t for t, _ in runs) * 1000 for runs in (times, baseline_times))
            assign_ms, baseline_assign_ms = (
                statistics.median(a for _, a in runs) * 1000 for runs in (times, baseline_times)
            )
            written, distinct = pages_written(store, [feed.next() for _ in range(PAGES_PROBE)], options, stored)
            stored += PAGES_PROBE
            rows.append(
                {
                    "stored": size,
                    "ms_per_article": round(ms, 2),
                    "baseline_ms_per_article": round(baseline_ms, 2),
                    "ratio_to_first": round(ms / baseline_ms, 2),
                    "assign_ms_per_article": round(assign_ms, 2),
                    "assign_ratio_to_first": round(assign_ms / baseline_assign_ms, 2),
                    "stories_in_window": window,
                    "pages_per_article": round(written, 1),
                    "distinct_pages_per_article": round(distinct, 1),
                }
            )
        store.close()
    return rows


def _grow(
    store: SQLiteStore, feed: Feed, options: Options, stored: int, size: int, snapshot: Path | None
) -> tuple[SQLiteStore, int]:
    """The store grown to ``size`` articles: from a saved snapshot when there is one (the feed
    replayed, cheaply, up to it), else by grouping the feed's next articles."""
    if snapshot is not None and snapshot.exists() and stored <= size:
        path = Path(store.path)
        store.close()
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        shutil.copyfile(snapshot, path)
        store = SQLiteStore(path)
        while stored < size:
            feed.next()
            stored += 1
    while stored < size:
        _group_and_save(feed.next(), store, options, stored)
        stored += 1
    if snapshot is not None and not snapshot.exists():
        snapshot.parent.mkdir(parents=True, exist_ok=True)
        _backup(store, snapshot)
    return store, stored


def _time_baseline(baseline: tuple[Path, list[Article], int], scratch: Path, options: Options) -> tuple[float, float]:
    """Seconds per article for the first size's probe, on a fresh copy of the first size's store."""
    path, articles, size = baseline
    for suffix in ("", "-wal", "-shm"):
        Path(f"{scratch}{suffix}").unlink(missing_ok=True)
    shutil.copyfile(path, scratch)
    copies = [Article.from_cleaned(Cleaned(text=a.text, title=a.meta.title, outlet="Synthetic",
                                           published=a.meta.published)) for a in articles]
    with SQLiteStore(scratch) as store:
        return _time_probe(copies, store, options, size, None)


def _time_probe(
    articles: list[Article], store: SQLiteStore, options: Options, stored: int, profiler: cProfile.Profile | None
) -> tuple[float, float]:
    """Seconds per article: grouping and storing, and of that the grouping decision alone
    (``assign_story``: the copy and candidate lookups and the scoring)."""
    deciding = 0.0
    started = time.perf_counter()
    if profiler:
        profiler.enable()
    for n, article in enumerate(articles):
        decided = time.perf_counter()
        story, terms = assign_story(article, store, options, corpus_size=stored + n)
        deciding += time.perf_counter() - decided
        store.save_article(article, story, terms)
    if profiler:
        profiler.disable()
    return (time.perf_counter() - started) / len(articles), deciding / len(articles)


def _backup(store: SQLiteStore, target: Path) -> None:
    copy = sqlite3.connect(target)
    store.conn.backup(copy)
    copy.close()


def _clone(feed: Feed) -> Feed:
    """A copy of the feed that yields the same next articles without advancing it."""
    clone = Feed.__new__(Feed)
    clone.__dict__.update(feed.__dict__, rng=random.Random(), topics=dict(feed.topics))
    clone.rng.setstate(feed.rng.getstate())
    return clone


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
    parser.add_argument("--rounds", type=int, default=3, help="probes per size, alternating with the baseline")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--keep", type=Path, help="folder for reusable store snapshots, one per size")
    parser.add_argument("--profile", type=int, default=0, help="print the N costliest calls of the last probe")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    rows = measure(sizes, args.per_day, args.probe, args.rounds, args.keep, args.profile)
    if args.json:
        print(json.dumps(rows, indent=2))
        return
    print(
        f"{'stored':>8} {'ms/article':>11} {'baseline':>9} {'ratio':>6} {'assign':>7} {'ratio':>6}"
        f" {'window':>7} {'pages':>6} {'distinct':>9}"
    )
    for row in rows:
        print(
            f"{row['stored']:8d} {row['ms_per_article']:11.2f} {row['baseline_ms_per_article']:9.2f}"
            f" {row['ratio_to_first']:6.2f} {row['assign_ms_per_article']:7.2f} {row['assign_ratio_to_first']:6.2f}"
            f" {row['stories_in_window']:7d} {row['pages_per_article']:6.1f} {row['distinct_pages_per_article']:9.1f}"
        )
    print("(baseline: the first size's probe, timed in alternation; assign: the grouping decision alone,"
          " and its ratio to the baseline's; window: stories in the date window; pages, distinct: pages"
          " written per article, see the module docstring)")


if __name__ == "__main__":
    main()
