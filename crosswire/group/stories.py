"""Story grouping: each new article joins the most similar recent story, or starts one.

An article is a TF-IDF vector over its content words plus its linked actors (weighted up,
since who is involved says more about the story than any one word). A story is the
centroid of its articles. The article joins the best story within the time window when the
cosine similarity clears the threshold; otherwise it founds a new story. Document
frequencies grow with the store, so the grouping is incremental as coverage arrives.
"""

from __future__ import annotations

import math
import re
from collections import Counter

from spacy.lang.en.stop_words import STOP_WORDS

from crosswire.document import Article
from crosswire.options import Options
from crosswire.store.base import Store, StoryRow

WORD = re.compile(r"[a-z][a-z'-]{2,}")
ACTOR_WEIGHT = 3  # an actor mention counts as this many word occurrences
CENTROID_TERMS = 300  # keep the centroid small: the strongest terms carry the story
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
    """Term counts: content words of the title and body, and actors as ``@id`` terms."""
    title = article.meta.title or ""
    words = WORD.findall(f"{title} {title} {article.text}".lower())
    counts = Counter(w for w in words if w not in STOP_WORDS)
    for entity in article.entities:
        # The canonical name when linked, so the same actor is one term across articles.
        counts[f"@{entity.name}"] += ACTOR_WEIGHT * len(entity.mentions)
    return counts


def tfidf(counts: Counter[str], df: dict[str, int], total: int) -> dict[str, float]:
    vector = {
        term: (1 + math.log(count)) * (math.log((total + 1) / (df.get(term, 0) + 1)) + 1)
        for term, count in counts.items()
    }
    return _unit(vector)


def cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(weight * b.get(term, 0.0) for term, weight in a.items())


def assign_story(
    article: Article, store: Store, options: Options, *, corpus_size: int
) -> tuple[StoryRow, Counter[str]]:
    """The story ``article`` belongs to (updated to include it), and the article's terms.

    ``corpus_size`` is the number of articles stored so far (the IDF's N); the caller keeps
    it, since counting rows for every article would grow with the store."""
    counts = article_terms(article)
    vector = tfidf(counts, store.term_df(list(counts)), corpus_size)
    date = article.meta.published or article.meta.published_estimate
    best, best_score = None, options.story_threshold
    for story in store.candidate_stories(date, options.story_window_days):
        score = cosine(vector, story.vector)
        if score >= best_score:
            best, best_score = story, score
    story = best or StoryRow(id=None, label="", first_date=None, last_date=None)
    _absorb(story, vector, date, article)
    return story, counts


def _absorb(story: StoryRow, vector: dict[str, float], date: str | None, article: Article) -> None:
    merged = Counter({t: w * story.size for t, w in story.vector.items()})
    merged.update(vector)
    strongest = dict(merged.most_common(CENTROID_TERMS))
    story.vector = _unit(strongest)
    story.size += 1
    if date:
        story.first_date = min(filter(None, [story.first_date, date]))
        story.last_date = max(filter(None, [story.last_date, date]))
    story.label = story_label(story.vector)


def story_label(vector: dict[str, float]) -> str:
    """A label from the story's strongest actors and words, e.g. 'Russia, North Korea: munitions, summit'."""
    ranked = sorted(vector, key=vector.get, reverse=True)
    actors = [t[1:] for t in ranked if t.startswith("@")][:LABEL_ACTORS]
    words = [t for t in ranked if not t.startswith("@") and t not in LABEL_SKIP][:LABEL_WORDS]
    label = ", ".join(actors)
    if words:
        label += (": " if label else "") + ", ".join(words)
    return label or "story"


def _unit(vector: dict[str, float]) -> dict[str, float]:
    norm = math.sqrt(sum(w * w for w in vector.values())) or 1.0
    return {t: w / norm for t, w in vector.items()}
