"""Story grouping on AllSides triplets: crosswire's incremental grouping vs TF-IDF + agglomerative.

    python benchmarks/stories_allsides.py [--limit N] [--json] [--orders date,reverse,shuffle]
                                          [--no-events] [--no-split] [--ablation]

Each AllSides story is one event covered by a left, a centre and a right outlet (title and
lead excerpt per article). All articles are pooled and grouped; the gold label is the
AllSides story id. Articles carry their story's date (AllSides gives no per-article date).

* crosswire: the real reading pipeline (entities linked), then ``assign_story`` article by
  article into a fresh in-memory store, then ``revise_stories`` at the end (the merge pass,
  the split pass and a merge pass over the split parts, as one ingest run does), in date
  order (and, to measure order independence, in reverse and shuffled order: B-cubed F1
  between the runs' partitions is reported). ``--no-events`` groups without the articles'
  coded events (no event terms), ``--no-split`` skips the split pass; ``--ablation`` runs
  all four combinations in each order, on the same reading of the articles.
* baseline: TF-IDF over title + text (crosswire's own tokeniser, no actors), cosine
  distance, average-linkage agglomerative clustering (scipy), cut at the distance threshold
  that scores best on this very data: an optimistic baseline, since it is tuned on gold.

Metrics: B-cubed precision/recall/F1 (Bagga & Baldwin) and pairwise precision/recall/F1.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections import Counter, defaultdict
from itertools import combinations
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from crosswire.document import Article, Cleaned  # noqa: E402
from crosswire.group.split import revise_stories  # noqa: E402
from crosswire.group.stories import WORD, assign_story, tfidf  # noqa: E402
from crosswire.options import Options  # noqa: E402
from crosswire.pipeline import Reader  # noqa: E402
from crosswire.store.sqlite import SQLiteStore  # noqa: E402

DATA = ROOT.parent / "shared" / "eval" / "stories" / "allsides-dev.jsonl"


def load_articles(limit: int | None) -> list[tuple[Article, int]]:
    """(article, gold story id) pairs; ``limit`` caps the number of stories."""
    pairs = []
    with DATA.open() as lines:
        for number, line in enumerate(lines):
            if limit is not None and number >= limit:
                break
            story = json.loads(line)
            for side, item in sorted(story["news"].items()):
                body = "\n\n".join(p.strip() for p in item.get("newBody") or [] if p.strip())
                cleaned = Cleaned(
                    text=body or item["newsTitle"],
                    title=item["newsTitle"],
                    outlet=item["newsSource"],
                    url=item.get("newsLink"),
                    published=story["date"][:10],
                    source=f"allsides:{story['id']}:{side}",
                )
                pairs.append((Article.from_cleaned(cleaned), story["id"]))
    return pairs


# -- metrics ---------------------------------------------------------------------------------


def bcubed(predicted: list, gold: list) -> tuple[float, float, float]:
    by_pred, by_gold = defaultdict(set), defaultdict(set)
    for i, (p, g) in enumerate(zip(predicted, gold)):
        by_pred[p].add(i)
        by_gold[g].add(i)
    precision = recall = 0.0
    for i, (p, g) in enumerate(zip(predicted, gold)):
        same = len(by_pred[p] & by_gold[g])
        precision += same / len(by_pred[p])
        recall += same / len(by_gold[g])
    n = len(gold)
    return _prf(precision / n, recall / n)


def pairwise(predicted: list, gold: list) -> tuple[float, float, float]:
    pred_pairs = _pairs(predicted)
    gold_pairs = _pairs(gold)
    tp = len(pred_pairs & gold_pairs)
    precision = tp / len(pred_pairs) if pred_pairs else 1.0
    recall = tp / len(gold_pairs) if gold_pairs else 1.0
    return _prf(precision, recall)


def _pairs(labels: list) -> set[tuple[int, int]]:
    groups = defaultdict(list)
    for i, label in enumerate(labels):
        groups[label].append(i)
    return {pair for members in groups.values() for pair in combinations(members, 2)}


def _prf(precision: float, recall: float) -> tuple[float, float, float]:
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


# -- crosswire -------------------------------------------------------------------------------


def crosswire_partition(
    articles: list[Article], order: list[int], options: Options, *, events: bool = True, split: bool = True
) -> tuple[list, float]:
    """Group the articles in ``order`` into a fresh store; return story ids by article index."""
    store = SQLiteStore(":memory:")
    coded = [a.events for a in articles]
    if not events:
        for article in articles:
            article.events = []
    started = time.perf_counter()
    touched = set()
    for count, index in enumerate(order):
        article = articles[index]
        article.story_id = None
        story, terms = assign_story(article, store, options, corpus_size=count)
        store.save_article(article, story, terms)
        touched.add(story.id)
    revise_stories(store, options, touched, split=split)  # as the ingest job does after a run
    elapsed = time.perf_counter() - started
    for article, its_events in zip(articles, coded):
        article.events = its_events
    story_of = dict(store.conn.execute("SELECT id, story_id FROM articles"))
    labels = [story_of[a.id] for a in articles]
    store.close()
    return labels, elapsed


# -- baseline --------------------------------------------------------------------------------


def baseline_partitions(articles: list[Article], thresholds: list[float]) -> dict[float, list]:
    import numpy as np
    from scipy.cluster.hierarchy import fcluster, linkage
    from scipy.spatial.distance import pdist

    counts = [Counter(WORD.findall(f"{a.meta.title or ''} {a.text}".lower())) for a in articles]
    df = Counter(term for c in counts for term in c)
    vectors = [tfidf(c, df, len(articles)) for c in counts]
    vocabulary = {term: i for i, term in enumerate(df)}
    matrix = np.zeros((len(articles), len(vocabulary)))
    for row, vector in enumerate(vectors):
        for term, weight in vector.items():
            matrix[row, vocabulary[term]] = weight
    tree = linkage(pdist(matrix, metric="cosine"), method="average")
    return {t: list(fcluster(tree, t=t, criterion="distance")) for t in thresholds}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--limit", type=int, help="only the first N AllSides stories")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--orders", default="date,reverse,shuffle", help="ingest orders to run")
    parser.add_argument("--no-events", action="store_true", help="group without event terms")
    parser.add_argument("--no-split", action="store_true", help="skip the split pass")
    parser.add_argument("--ablation", action="store_true", help="all four events × split combinations")
    args = parser.parse_args()
    if not DATA.exists():
        sys.exit(f"{DATA} is absent: the AllSides evaluation data in ../shared is needed")

    pairs = load_articles(args.limit)
    articles = [a for a, _ in pairs]
    gold = [g for _, g in pairs]
    options = Options()
    started = time.perf_counter()
    reader = Reader(options)
    for _ in reader.pipe((a, None) for a in articles):
        pass
    read_seconds = time.perf_counter() - started

    by_date = sorted(range(len(articles)), key=lambda i: (articles[i].meta.published, i))
    orders = {"date": by_date, "reverse": by_date[::-1], "shuffle": random.Random(7).sample(by_date, len(by_date))}
    results: dict[str, dict] = {}
    partitions = {}
    shipped = (not args.no_events, not args.no_split)
    variants = [(True, True), (True, False), (False, True), (False, False)] if args.ablation else [shipped]
    for events, split in variants:
        for name in args.orders.split(","):
            labels, seconds = crosswire_partition(articles, orders[name], options, events=events, split=split)
            if (events, split) == shipped:  # order agreement is reported for this variant
                partitions[name] = labels
            results[_system_name(name, events, split, len(variants) > 1)] = _scores(labels, gold) | {
                "seconds": round(seconds, 2)
            }

    thresholds = [round(0.30 + 0.05 * i, 2) for i in range(13)]
    started = time.perf_counter()
    baseline = baseline_partitions(articles, thresholds)
    baseline_seconds = time.perf_counter() - started
    best = max(thresholds, key=lambda t: bcubed(baseline[t], gold)[2])
    results[f"tfidf+agglomerative (best cut {best})"] = _scores(baseline[best], gold) | {
        "seconds": round(baseline_seconds, 2)
    }
    agreement = {
        f"date vs {name}": round(bcubed(partitions[name], partitions["date"])[2], 4)
        for name in partitions
        if name != "date" and "date" in partitions
    }
    summary = {
        "articles": len(articles),
        "gold_stories": len(set(gold)),
        "read_seconds": round(read_seconds, 1),
        "results": results,
        "order_agreement_bcubed_f1": agreement,
    }
    if args.json:
        print(json.dumps(summary, indent=2))
        return
    print(f"{summary['articles']} articles, {summary['gold_stories']} gold stories (read in {read_seconds:.0f} s)")
    print(f"{'system':42} {'stories':>7} {'B3 P':>6} {'B3 R':>6} {'B3 F1':>6} {'pair F1':>7} {'secs':>6}")
    for name, row in results.items():
        print(
            f"{name:42} {row['stories']:7d} {row['b3_precision']:6.3f} {row['b3_recall']:6.3f} "
            f"{row['b3_f1']:6.3f} {row['pair_f1']:7.3f} {row['seconds']:6.2f}"
        )
    for name, value in agreement.items():
        print(f"order independence, B-cubed F1 between partitions, {name}: {value:.3f}")


def _system_name(order: str, events: bool, split: bool, ablation: bool) -> str:
    if not ablation:
        return f"crosswire ({order} order)"
    return f"crosswire, {'events' if events else 'no events'}, {'split' if split else 'no split'} ({order})"


def _scores(labels: list, gold: list) -> dict:
    b3p, b3r, b3f = bcubed(labels, gold)
    pp, pr, pf = pairwise(labels, gold)
    return {
        "stories": len(set(labels)),
        "b3_precision": round(b3p, 4),
        "b3_recall": round(b3r, 4),
        "b3_f1": round(b3f, 4),
        "pair_precision": round(pp, 4),
        "pair_recall": round(pr, 4),
        "pair_f1": round(pf, 4),
    }


if __name__ == "__main__":
    main()
