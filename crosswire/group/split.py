"""Splitting: a story whose articles have turned out to be two stories is cut apart.

Grouping is greedy and incremental: an article joins the best story when it arrives, and
the merge pass after a run (``consolidate_stories``) joins stories whose centroids have come
together. Neither ever undoes a join, so stories could only grow. But an article that
straddles two events (a summit report that also covers a sanctions vote), or a merge made
while two stories were young and alike, can glue together two stories that later coverage
tells apart. This pass lets such a story come apart again.

After the merge pass of a run, each story that gained articles or absorbed another one is
regrouped from its own articles, if it holds at most ``MAX_SPLIT_ARTICLES`` (a larger story
is left as it is: the cost per run stays bounded):

1. Article vectors are not stored, so they are recomputed from the stored records (title,
   text, entities, events) with ingest's own ``article_terms`` and ``tfidf`` and the current
   document frequencies. Syndicated copies (one ``origin_id``) form one *report*, which moves
   as one and counts as its original once per copy: a copy goes where its original goes,
   as at ingest.
2. Starting from one part per report, the closest two parts merge while any pair scores
   ``SPLIT_THRESHOLD`` or more by the merge pass's own rule: centroid cosine × the discount
   between their date ranges over ``story_merge_decay_days``. Centroid linkage: a report
   covering two subjects joins one side and does not chain the other to it, as it did when
   it arrived early and everything joined it.
3. A part of fewer than ``MIN_PART_REPORTS`` reports is a straggler, not a story: it is
   folded into the part it scores best with, and step 2 runs again on the parts left.
4. If more than one part is left, the story is split: the largest part (then the oldest,
   then the one holding the earliest-stored article) keeps the story's id; every other part
   becomes a new story with its own centroid, label, date range and index rows, and its
   articles move to it, in one transaction.
5. The parts then go through the merge pass once more: the glue may have kept a part from
   the story it belongs to (in the example corpus, an undated analysis of the Severin pact
   glued the Ves collision story to half the Severin coverage; cut loose, that half joins
   the rest). Two parts of one split are never merged again in that pass, directly or
   through a third story.

The parts depend only on which articles the story holds and the document frequencies at the
end of the run (reports are taken in date order, ties by article id), not on the order the
articles were ingested in: a story that one order glued and another did not comes out the
same.

Why a split and a merge cannot undo each other. The parts of a split pairwise score below
``SPLIT_THRESHOLD`` with exactly the centroids stored for them and the merge pass's own
discount; the merge pass joins at ``MERGE_THRESHOLD``, which is higher, so it does not join
them again unless new articles move their centroids across the whole gap between the two
thresholds. The other way round, two stories the merge pass has just joined scored at least
``MERGE_THRESHOLD``; to be split again their recomputed parts would have to fall below
``SPLIT_THRESHOLD``. Stored centroids are built article by article with the document
frequencies of their day, so they differ a little from recomputed ones: the band between the
two thresholds (hysteresis) absorbs that difference. Within a run the passes run once each
in a fixed order (merge, split, merge of the parts, never rejoining two parts of one split),
so a run always ends, and it ends with its splits in place.

On AllSides (``benchmarks/stories_allsides.py --ablation``) no story splits: the stories
grouping glues there are pairs of gold stories whose parts score 0.25 or more with each other
(nearly all 0.3 or more: the merge pass would join them anyway), and one long story of nine
gold stories that chains at 0.2 or more. The pass is for the glue that data does not have: a
report covering two subjects that arrives early, or an early merge (``tests/test_split.py``).
"""

from __future__ import annotations

import heapq
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from crosswire.document import Article
from crosswire.errors import NotFound
from crosswire.group.stories import (
    MERGE_THRESHOLD,
    article_terms,
    centroid,
    consolidate_stories,
    cosine,
    range_discount,
    story_label,
    tfidf,
)
from crosswire.options import Options
from crosswire.store.base import Store, StoryRow

# Parts of a split story must score below this with each other (the merge pass joins at
# MERGE_THRESHOLD): the gap keeps a split and a merge from undoing each other.
SPLIT_THRESHOLD = 0.2
assert SPLIT_THRESHOLD < MERGE_THRESHOLD
MIN_PART_REPORTS = 2  # a part needs two independent reports to stand as a story of its own
MAX_SPLIT_ARTICLES = 300  # larger stories are not re-examined: the cost stays bounded per run


@dataclass
class _Report:
    """An article with its syndicated copies: what moves as one."""

    article_ids: list[str]
    total: Counter[str]  # its original's vector once per article (what its articles add to a centroid)
    dates: list[str]  # their dates (published, else estimated); undated ones left out

    @property
    def order(self) -> tuple:
        """Date order, undated last, ties by article id: the same whatever the ingest order."""
        first = min(self.dates, default=None)
        return (first is None, first or "", min(self.article_ids))


@dataclass
class _Part:
    """A candidate story: its reports, and its row as it would be stored."""

    reports: list[_Report] = field(default_factory=list)
    total: Counter[str] = field(default_factory=Counter)
    row: StoryRow = field(default_factory=lambda: StoryRow(id=None, label="", first_date=None, last_date=None))

    def add(self, other: "_Part | _Report") -> None:
        self.reports += other.reports if isinstance(other, _Part) else [other]
        self.total.update(other.total)
        dates = [d for r in self.reports for d in r.dates]
        self.row.vector = centroid(self.total)
        self.row.first_date, self.row.last_date = min(dates, default=None), max(dates, default=None)
        self.row.size = sum(len(r.article_ids) for r in self.reports)

    @classmethod
    def of(cls, report: _Report) -> "_Part":
        part = cls()
        part.add(report)
        return part

    @property
    def article_ids(self) -> list[str]:
        return [a for r in self.reports for a in r.article_ids]


def revise_stories(store: Store, options: Options, touched: set[int], *, split: bool = True) -> set[int]:
    """After an ingest run that put articles in ``touched``: the merge pass, the split pass,
    and a merge pass over the parts of each split (a part the glue kept from its own story
    may join it now; two parts of one split never join again, not even through a third
    story). Returns the ids of the stories the run's articles are in now."""
    merges = consolidate_stories(store, options, touched)
    grown = _after_merges(touched, merges)
    if not split:
        return grown
    splits = split_stories(store, options, grown)
    apart = {part: {kept} for kept, new_ids in splits for part in (kept, *new_ids)}
    return _after_merges(grown | set(apart), consolidate_stories(store, options, set(apart), apart=apart))


def _after_merges(story_ids: set[int], merges: list[tuple[int, int]]) -> set[int]:
    return (story_ids | {kept for kept, _ in merges}) - {dropped for _, dropped in merges}


def split_stories(store: Store, options: Options, story_ids: set[int]) -> list[tuple[int, list[int]]]:
    """Split each of ``story_ids`` whose articles form separate stories (see the module
    docstring). Returns (kept id, new story ids) for every story split."""
    corpus_size = store.article_count()
    splits = []
    for story_id in sorted(story_ids):
        new_ids = split_story(store, options, story_id, corpus_size=corpus_size)
        if new_ids:
            splits.append((story_id, new_ids))
    return splits


def split_story(store: Store, options: Options, story_id: int, *, corpus_size: int) -> list[int]:
    """Split story ``story_id`` if its articles form separate stories; return the new ids."""
    try:
        row = store.story_row(story_id)
    except NotFound:  # merged away by the merge pass
        return []
    if not 2 * MIN_PART_REPORTS <= row.size <= MAX_SPLIT_ARTICLES:
        return []
    records = store.story_articles(story_id)
    parts = regroup(_reports(records, store, corpus_size), options)
    if len(parts) < 2:
        return []
    stored_at = {record["id"]: number for number, record in enumerate(records)}
    kept, *others = sorted(parts, key=lambda part: _seniority(part, stored_at))
    kept.row.id = story_id
    for part in parts:
        part.row.label = story_label(part.row.vector)
    store.split_story(kept.row, [(part.row, part.article_ids) for part in others])
    return [part.row.id for part in others]


def regroup(reports: list[_Report], options: Options) -> list[_Part]:
    """The parts ``reports`` fall into (steps 2 and 3 of the module docstring)."""
    decay = options.story_merge_decay_days
    parts = _merge_close([_Part.of(r) for r in sorted(reports, key=lambda r: r.order)], decay)
    if sum(len(p.reports) >= MIN_PART_REPORTS for p in parts) < 2:
        return [_joined(parts)]  # at most one story here: nothing to split off
    return _merge_close(_fold_stragglers(parts, decay), decay)


def _reports(records: list[dict[str, Any]], store: Store, corpus_size: int) -> list[_Report]:
    """The story's reports, with article vectors recomputed as at ingest. A copy counts as
    its original (the first of the group when the original is not here): as at ingest, the
    original decides where its copies go, and a local paragraph added to a reprint does not
    pull the wire story elsewhere."""
    groups: dict[str, list[dict[str, Any]]] = {}
    for record in records:
        groups.setdefault(record["origin_id"] or record["id"], []).append(record)
    leads = {origin: next((r for r in group if r["id"] == origin), group[0]) for origin, group in groups.items()}
    counts = {origin: article_terms(Article.from_record(lead)) for origin, lead in leads.items()}
    df = store.term_df(sorted({term for terms in counts.values() for term in terms}))
    reports = []
    for origin, group in groups.items():
        vector = tfidf(counts[origin], df, corpus_size)
        total = Counter({term: weight * len(group) for term, weight in vector.items()})
        dates = [d for d in (r["published"] or r["published_estimate"] for r in group) if d]
        reports.append(_Report([r["id"] for r in group], total, dates))
    return reports


def _merge_close(parts: list[_Part], decay_days: float) -> list[_Part]:
    """Merge the closest pair of parts while it scores ``SPLIT_THRESHOLD`` or more; the
    earlier part (in report order) absorbs the later one.

    The pair scores wait in a heap; a merge pushes the merged part's new scores and leaves
    its old ones to be skipped when they come up, so n parts cost n² log n, not n³."""
    parts = list(parts)
    version = [0] * len(parts)  # bumped when a part changes: its older heap entries are stale
    alive = set(range(len(parts)))
    heap = []  # only pairs that may merge: the rest would never be taken

    def push(i: int, j: int) -> None:
        score = _score(parts[i], parts[j], decay_days, floor=SPLIT_THRESHOLD)
        if score >= SPLIT_THRESHOLD:
            heapq.heappush(heap, (-score, i, j, version[i], version[j]))

    for i in alive:
        for j in range(i + 1, len(parts)):
            push(i, j)
    while heap:
        _, i, j, version_i, version_j = heapq.heappop(heap)
        if i not in alive or j not in alive or (version[i], version[j]) != (version_i, version_j):
            continue
        parts[i].add(parts[j])
        alive.discard(j)
        version[i] += 1
        for k in sorted(alive - {i}):
            push(min(i, k), max(i, k))
    return [parts[i] for i in sorted(alive)]


def _fold_stragglers(parts: list[_Part], decay_days: float) -> list[_Part]:
    """Fold each part of fewer than ``MIN_PART_REPORTS`` reports into the full part it
    scores best with (the largest, then the earliest, when it scores with none)."""
    full = [p for p in parts if len(p.reports) >= MIN_PART_REPORTS]
    for straggler in (p for p in parts if len(p.reports) < MIN_PART_REPORTS):
        home = max(full, key=lambda p: (_score(straggler, p, decay_days), p.row.size, -full.index(p)))
        home.add(straggler)
    return full


def _joined(parts: list[_Part]) -> _Part:
    whole = _Part()
    for part in parts:
        whole.add(part)
    return whole


def _score(a: _Part, b: _Part, decay_days: float, *, floor: float = 0.0) -> float:
    """The merge pass's score between two stories: centroid cosine × range discount (0 when
    the discount alone keeps it under ``floor``: the cosine need not be computed)."""
    discount = range_discount(a.row, b.row, decay_days)
    return 0.0 if discount < floor else cosine(a.row.vector, b.row.vector) * discount


def _seniority(part: _Part, stored_at: dict[str, int]) -> tuple:
    """Larger first, then older, then the part with the earliest-stored article (the one the
    story was founded with, if still there): the first keeps the story's id."""
    first_stored = min(stored_at[a] for a in part.article_ids)
    return (-part.row.size, part.row.first_date is None, part.row.first_date or "", first_stored)
