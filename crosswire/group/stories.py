"""Story grouping: each new article joins the most similar recent story, or starts one.

An article is a TF-IDF vector over its content words plus its linked actors and its coded
events, one term per category and source-target dyad (both weighted up, since who is
involved and what they did say more about the story than any one word). A story is the
centroid of its articles. Three things decide where an article goes:

1. A syndicated copy (crosswire.group.syndication) goes where its original went: same text,
   same story, and it shares the original's ``origin_id``.
2. Otherwise each candidate story (found through the store's term index, within the date
   window) scores the cosine similarity to its centroid, discounted by how many days the
   article lies outside the story's date range: ``exp(-gap / story_decay_days)``. Coverage of
   one event clusters in time; the same words a week later are more often a new event.
3. The best score above ``story_threshold`` wins; else the article founds a new story.

Document frequencies grow with the store, so the grouping is incremental as coverage
arrives. After each run, ``consolidate_stories`` merges stories that later coverage bridged,
and ``crosswire.group.split`` splits those it tells apart. ``benchmarks/stories_allsides.py``
measures it (and its order independence).
"""

from __future__ import annotations

import datetime as dt
import math
import operator
import re
from collections import Counter
from itertools import repeat

from spacy.lang.en.stop_words import STOP_WORDS

from crosswire.document import Article, Event
from crosswire.errors import NotFound
from crosswire.group.syndication import COPY_CONTAINMENT, containment, fingerprint
from crosswire.read.timenorm import normalise
from crosswire.options import Options
from crosswire.store.base import Store, StoryRow

WORD = re.compile(r"[a-z][a-z'-]{2,}")
ACTOR_WEIGHT = 3  # an actor mention (and an event dyad) counts as this many word occurrences
EVENT_PREFIX = "#"  # event terms: "#CATEGORY:source>target"; actor terms start with "@"
CENTROID_TERMS = 300  # keep the centroid small: the strongest terms carry the story
QUERY_TERMS = 20  # an article looks up candidate stories by its 20 strongest terms
# Two whole stories merge only on clearly shared content: centroids are smoother than
# single articles, so a higher bar than the article threshold (AllSides: no loss at 0.3).
MERGE_THRESHOLD = 0.3
LABEL_ACTORS = 3
LABEL_WORDS = 3
# Words that are frequent in news about anything: they say when, not what.
LABEL_SKIP = {
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "week", "weeks",
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "year", "years", "month", "months", "today", "said", "says",
    "told", "according", "reported", "reports", "officials", "official", "people", "time", "new",
}


def article_terms(article: Article) -> Counter[str]:
    """Term counts: content words of the title and body, actors as ``@name`` terms and
    coded events as ``#CATEGORY:source>target`` terms."""
    title = article.meta.title or ""
    words = WORD.findall(f"{title} {title} {article.text}".lower())
    counts = Counter(w for w in words if w not in STOP_WORDS)
    for entity in article.entities:
        # The canonical name when linked, so the same actor is one term across articles.
        counts[f"@{entity.name}"] += ACTOR_WEIGHT * len(entity.mentions)
    for event in article.events:
        counts.update(dict.fromkeys(event_terms(event), ACTOR_WEIGHT))
    return counts


def event_terms(event: Event) -> list[str]:
    """The event as who-did-what-to-whom terms: one per (source, target) dyad, with its PLOVER
    category, e.g. ``#SANCTION:EST>VLD`` (``#PROTEST:SRV>`` with no target). Two outlets
    reporting the same event code it alike even when their words differ, and one dyad is
    enough to match when an outlet names another party or leaves a name unlinked; the same
    category between other parties is another term. A party is its country code, else its
    name in lower case (without a code it would match every uncoded party)."""
    sources = _parties(event.source, event.source_codes) or [""]
    targets = _parties(event.target, event.target_codes) or [""]
    return [f"{EVENT_PREFIX}{event.category}:{source}>{target}" for source in sources for target in targets]


def _parties(names: list[str], codes: list[str | None]) -> list[str]:
    return sorted({code or " ".join(name.lower().split()) for name, code in zip(names, codes)})


def tfidf(counts: Counter[str], df: dict[str, int], total: int) -> dict[str, float]:
    vector = {
        term: (1 + math.log(count)) * (math.log((total + 1) / (df.get(term, 0) + 1)) + 1)
        for term, count in counts.items()
    }
    return _unit(vector)


def cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    # sum(weight * b.get(term, 0.0) for term, weight in a.items()), in C: the same products
    # added in the same order (so the same float), without a Python frame per term.
    return sum(map(operator.mul, a.values(), map(b.get, a, repeat(0.0))))


def assign_story(
    article: Article, store: Store, options: Options, *, corpus_size: int
) -> tuple[StoryRow, Counter[str]]:
    """The story ``article`` belongs to (updated to include it), and the article's terms.

    Also sets ``article.fingerprint`` and ``article.origin_id`` for the store. ``corpus_size``
    is the number of articles stored so far (the IDF's N); the caller keeps it, since
    counting rows for every article would grow with the store."""
    counts = article_terms(article)
    vector = tfidf(counts, store.term_df(list(counts)), corpus_size)
    date = article.meta.published or article.meta.published_estimate
    story = _story_of_original(article, store) or _best_story(vector, date, store, options)
    story = story or StoryRow(id=None, label="", first_date=None, last_date=None)
    if date is None and story.last_date:
        estimate_date(article, story.last_date)
    _absorb(story, vector, date, article)
    return story, counts


def estimate_undated(store: Store, story_ids: set[int]) -> int:
    """After a run: give undated articles of ``story_ids`` their story's date as an estimate.

    An undated article that arrived before any dated one of its story got no estimate in
    ``assign_story``; this pass catches up so the result does not depend on the order of
    ingestion. Returns the number of articles updated."""
    updated = 0
    for story_id in story_ids:
        try:
            story = store.story_row(story_id)
        except NotFound:  # merged away by the merge pass
            continue
        if not story.last_date:
            continue
        for record in store.undated_articles(story_id):
            article = Article.from_record(record)
            estimate_date(article, story.last_date)
            store.update_estimate(article)
            updated += 1
    return updated


def estimate_date(article: Article, estimate: str) -> None:
    """Give an undated article its story's latest date as a flagged estimate, and re-anchor
    its relative time expressions (and the event dates read from them) on it.

    The estimate never becomes ``published``; every value resolved from it says
    ``estimated``. The clause tense is not kept after reading, so weekdays and yearless dates
    are placed at the nearest occurrence rather than by tense.
    """
    article.meta.published_estimate = estimate
    anchor = dt.date.fromisoformat(estimate[:10])
    for time in article.times:
        if time.value is None and time.anchor is None:
            time.value, time.granularity, time.kind = normalise(time.text, anchor)
            time.anchor, time.estimated = estimate, True
    resolved = [t for t in article.times if t.estimated and t.value]
    for event in article.events:
        if event.date is None and event.date_text:
            time = next((t for t in resolved if t.text == event.date_text and event.start <= t.start < event.end), None)
            if time is not None:
                event.date, event.date_precision = time.value, time.granularity


def _story_of_original(article: Article, store: Store) -> StoryRow | None:
    """The story of the article this one is a copy of, setting ``origin_id``; else ``None``."""
    article.fingerprint = fingerprint(article.text)
    article.origin_id = article.id
    if article.fingerprint is None:
        return None
    copies = [
        (containment(article.fingerprint, theirs), origin, story_id)
        for _, origin, story_id, theirs in store.near_copies(article.fingerprint, article.meta.published)
    ]
    copies = [c for c in copies if c[0] >= COPY_CONTAINMENT]
    if not copies:
        return None
    _, origin, story_id = max(copies, key=lambda c: (c[0], c[1]))
    article.origin_id = origin
    return store.story_row(story_id)


def _best_story(vector: dict[str, float], date: str | None, store: Store, options: Options) -> StoryRow | None:
    query_terms = sorted(vector, key=vector.get, reverse=True)[:QUERY_TERMS]
    best, best_score = None, options.story_threshold
    for story in store.candidate_stories(date, options.story_window_days, query_terms):
        score = cosine(vector, story.vector) * time_discount(date, story, options.story_decay_days)
        if score >= best_score:
            best, best_score = story, score
    return best


def consolidate_stories(
    store: Store, options: Options, story_ids: set[int], *, apart: dict[int, set[int]] | None = None
) -> list[tuple[int, int]]:
    """Merge each of ``story_ids`` with a story it has turned out to be part of.

    Run after an ingest: articles arriving out of date order can found two stories that
    later coverage bridges (a story's date range grows as it absorbs articles). Two stories
    merge when their centroids clear ``MERGE_THRESHOLD`` after the time discount between
    their date ranges. Returns the (kept, merged) id pairs; the older story id is kept.

    ``apart`` maps story ids to the splits (crosswire.group.split) their articles came out
    of in this run: two stories sharing one are never merged, directly or through a third,
    so the merge pass after a split cannot glue back what it just cut.
    """
    apart = {story_id: set(splits) for story_id, splits in (apart or {}).items()}
    merges, pending = [], set(story_ids)
    while pending:
        story = store.story_row(pending.pop())
        terms = sorted(story.vector, key=story.vector.get, reverse=True)[:QUERY_TERMS]
        best, best_score = None, MERGE_THRESHOLD
        for other in store.candidate_stories(story.first_date, options.story_window_days, terms):
            if other.id == story.id or apart.get(story.id, set()) & apart.get(other.id, set()):
                continue
            score = cosine(story.vector, other.vector) * range_discount(story, other, options.story_merge_decay_days)
            if score >= best_score:
                best, best_score = other, score
        if best is None:
            continue
        keep, drop = sorted((story, best), key=lambda s: s.id)
        store.merge_stories(_merged(keep, drop), drop.id)
        merges.append((keep.id, drop.id))
        apart[keep.id] = apart.get(keep.id, set()) | apart.pop(drop.id, set())
        pending.discard(drop.id)
        pending.add(keep.id)  # the merged story may now reach further
    return merges


def _merged(keep: StoryRow, drop: StoryRow) -> StoryRow:
    total = Counter({t: w * keep.size for t, w in keep.vector.items()})
    total.update({t: w * drop.size for t, w in drop.vector.items()})
    dates = [d for d in (keep.first_date, keep.last_date, drop.first_date, drop.last_date) if d]
    merged = StoryRow(
        id=keep.id,
        label="",
        first_date=min(dates, default=None),
        last_date=max(dates, default=None),
        vector=centroid(total),
        size=keep.size + drop.size,
    )
    merged.label = story_label(merged.vector)
    return merged


def time_discount(date: str | None, story: StoryRow, decay_days: float) -> float:
    """1 inside the story's date range, decaying with each day outside it (1 when undated)."""
    if not date or not story.first_date:
        return 1.0
    day = _ordinal(date)
    gap = max(0, _ordinal(story.first_date) - day, day - _ordinal(story.last_date or story.first_date))
    return math.exp(-gap / decay_days)


def range_discount(a: StoryRow, b: StoryRow, decay_days: float) -> float:
    """The time discount between two stories' date ranges (0 days when they overlap)."""
    if not (a.first_date and b.first_date):
        return 1.0
    gap = max(
        0,
        _ordinal(b.first_date) - _ordinal(a.last_date or a.first_date),
        _ordinal(a.first_date) - _ordinal(b.last_date or b.first_date),
    )
    return math.exp(-gap / decay_days)


def _ordinal(iso_date: str) -> int:
    return dt.date.fromisoformat(iso_date[:10]).toordinal()


def _absorb(story: StoryRow, vector: dict[str, float], date: str | None, article: Article) -> None:
    merged = Counter({t: w * story.size for t, w in story.vector.items()})
    merged.update(vector)
    story.vector = centroid(merged)
    story.size += 1
    if date:
        story.first_date = min(filter(None, [story.first_date, date]))
        story.last_date = max(filter(None, [story.last_date, date]))
    story.label = story_label(story.vector)


def story_label(vector: dict[str, float]) -> str:
    """A label from the story's strongest actors and words, e.g. 'Russia, North Korea: munitions, summit'."""
    ranked = sorted(vector, key=vector.get, reverse=True)
    actors = [t[1:] for t in ranked if t.startswith("@")][:LABEL_ACTORS]
    words = [t for t in ranked if t[0] not in "@#" and t not in LABEL_SKIP][:LABEL_WORDS]
    label = ", ".join(actors)
    if words:
        label += (": " if label else "") + ", ".join(words)
    return label or "story"


def centroid(total: Counter[str]) -> dict[str, float]:
    """A story's stored centroid from the summed vectors of its articles: the strongest
    ``CENTROID_TERMS`` terms, as a unit vector."""
    return _unit(dict(total.most_common(CENTROID_TERMS)))


def _unit(vector: dict[str, float]) -> dict[str, float]:
    norm = math.sqrt(sum(w * w for w in vector.values())) or 1.0
    return {t: w / norm for t, w in vector.items()}
