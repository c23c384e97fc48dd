"""Claim alignment: claims from different articles that say the same thing become one story claim.

Similarity. Two claim units (crosswire.compare.units) are compared on their features —
content-word keys and entity names — weighted by how rare they are in the story
(``log(1 + N / df)`` over the story's independent origins, so the words every article uses
weigh least), plus their slot values (dates that overlap, equal counts). The score is the
weighted Ochiai coefficient ``shared / sqrt(weight(a) * weight(b))``: between Dice, which
punishes a long sentence retelling a short one, and the overlap coefficient, which lets any
long sentence match everything.

The frame. The same score without slot values says whether two claims make the same
statement about possibly different dates and numbers. Two units whose frames match but
whose dates or counts clash (crosswire.compare.slots) are not one claim: they are kept
apart and reported as a clash, the raw material of contradictions.

Clustering. Links above ``LINK`` are taken best first; a link merges two clusters when the
average similarity between their units stays above ``MERGE`` and no pair across them
clashes (average linkage, so no chaining through one long sentence; units of one article
count too, except a sentence and its own clause). A long sentence often carries a second
claim ("Vladivostok, which was the site of the two leaders' first and only meeting in April
2019"), so a unit may back more than one story claim: a unit linked to a claim it was not
clustered into joins it when its article is missing there, and each claim looks once more
through the articles it lacks for a unit that contains its agreed content (``CONTAIN``).
Claims that end up with mostly the same units are folded into one (``DUPLICATE``).

Thresholds were set on the seeds and the example corpus (benchmarks/compare_seeds.py).
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from itertools import combinations

from crosswire.compare.slots import SlotConflict, conflicts, matched_slots
from crosswire.compare.units import ClaimUnit

LINK = 0.34  # a pair of units this similar is a candidate for one story claim
MERGE = 0.26  # average similarity two clusters must keep to become one
# Sentences this similar, with a clashing slot whose surrounding words agree, are rival
# accounts of one claim. Lower than LINK: the slot's own context already says they match.
CLASH_FRAME = 0.2
CONTAIN = 0.72  # share of a story claim's agreed content a unit must hold to back it too
MIN_SHARED_WORDS = 1  # names alone ("Kim", "Putin") make a topic, not a claim
SLOT_WEIGHT = 1.0  # a matching date or count weighs as much as a rare word
MAX_POSTING = 300  # units sharing one feature beyond which that feature proposes no pairs
DUPLICATE = 0.6  # share of a claim's units another claim must hold for the two to be one
SENTENCE_SHARE = 0.4  # a clause backing a shared claim stands for its sentence when it holds this much of it


@dataclass(frozen=True)
class Clash:
    """Two units that make the same statement with incompatible slot values."""

    a: ClaimUnit
    b: ClaimUnit
    frame: float
    conflicts: tuple[SlotConflict, ...]


@dataclass
class StoryClaim:
    """One claim of a story and every unit (in any article) that makes it."""

    id: int
    members: list[ClaimUnit]
    representative: ClaimUnit
    contained: set[str] = field(default_factory=set)  # ids of units that back it inside a longer sentence

    @property
    def outlets(self) -> list[str]:
        return sorted({u.outlet for u in self.members})

    @property
    def articles(self) -> list[str]:
        return list(dict.fromkeys(u.article_id for u in self.members))

    def by_outlet(self) -> dict[str, list[ClaimUnit]]:
        grouped: dict[str, list[ClaimUnit]] = defaultdict(list)
        for unit in self.members:
            grouped[unit.outlet].append(unit)
        return dict(grouped)


@dataclass
class Alignment:
    claims: list[StoryClaim]
    clashes: list[Clash]
    similarity: "Similarity"


class Similarity:
    """Feature weights of one story and the scores they give."""

    def __init__(self, units: list[ClaimUnit]) -> None:
        origins: dict[str, set[str]] = defaultdict(set)
        for unit in units:
            origins[unit.origin_id] |= unit.features
        df = Counter(f for features in origins.values() for f in features)
        n = max(1, len(origins))
        self.weight = {f: math.log(1 + n / count) for f, count in df.items()}

    def mass(self, features: frozenset[str] | set[str]) -> float:
        return sum(self.weight.get(f, 0.0) for f in features)

    def score(self, a: ClaimUnit, b: ClaimUnit, *, slots: bool = True) -> float:
        shared = a.features & b.features
        if len(shared - _names(shared)) < MIN_SHARED_WORDS:
            return 0.0
        top, left, right = self.mass(shared), self.mass(a.features), self.mass(b.features)
        if slots:
            top += SLOT_WEIGHT * matched_slots(_slots(a), _slots(b))
            left += SLOT_WEIGHT * _slot_count(a)
            right += SLOT_WEIGHT * _slot_count(b)
        return top / math.sqrt(left * right) if left and right else 0.0

    def containment(self, core: set[str], core_slots: ClaimUnit, unit: ClaimUnit) -> float:
        """Share of ``core`` (plus the slot values of ``core_slots``) that ``unit`` holds."""
        total = self.mass(core) + SLOT_WEIGHT * _slot_count(core_slots)
        held = self.mass(core & unit.features) + SLOT_WEIGHT * _slots_held(core_slots, unit)
        return held / total if total else 0.0


def align(units: list[ClaimUnit]) -> Alignment:
    """Group the claim units of one story's articles into story claims."""
    sim = Similarity(units)
    links, clashes = _pairs(units, sim)
    clusters = _cluster(units, links, {frozenset((c.a.id, c.b.id)) for c in clashes}, sim)
    claims = [_story_claim(i, members, links) for i, members in enumerate(clusters)]
    _share_linked(claims, links)
    _add_contained(claims, units, sim)
    claims = _drop_redundant(_fold_duplicates(claims), sim)
    claims.sort(key=lambda c: (-len(c.outlets), c.representative.published or "", c.representative.start))
    for i, claim in enumerate(claims, 1):
        claim.id = i
    return Alignment(claims, clashes, sim)


def _pairs(units: list[ClaimUnit], sim: Similarity) -> tuple[dict[frozenset[str], float], list[Clash]]:
    """Scores of every cross-article pair sharing a feature, and the pairs that clash."""
    index: dict[str, list[int]] = defaultdict(list)
    for i, unit in enumerate(units):
        for feature in unit.features:
            index[feature].append(i)
    # Blocking: a feature in hundreds of units (the story's main actor) weighs too little to
    # make a link on its own, and its pairs would grow with the square of the story.
    candidates = {
        tuple(sorted(p)) for ids in index.values() if len(ids) <= MAX_POSTING for p in combinations(ids, 2)
    }
    links, clashes = {}, []
    for i, j in candidates:
        a, b = units[i], units[j]
        if a.article_id == b.article_id:
            continue
        # Copies of one text cannot contradict each other: a difference there is how each
        # reprint's relative dates resolve against its own publication date.
        copies = a.origin_id == b.origin_id or " ".join(a.text.split()) == " ".join(b.text.split())
        clash = [] if copies else conflicts(_slots(a), _slots(b))
        if clash:
            frame = sim.score(a, b, slots=False)
            if frame >= CLASH_FRAME and a.entities & b.entities:
                clashes.append(Clash(a, b, frame, tuple(clash)))
            continue
        score = sim.score(a, b)
        if score >= LINK:
            links[frozenset((a.id, b.id))] = score
    return links, clashes


def _cluster(
    units: list[ClaimUnit], links: dict[frozenset[str], float], clashing: set[frozenset[str]], sim: Similarity
) -> list[list[ClaimUnit]]:
    cluster_of = {u.id: i for i, u in enumerate(units)}
    clusters: dict[int, list[ClaimUnit]] = {i: [u] for i, u in enumerate(units)}
    for pair, _ in sorted(links.items(), key=lambda item: -item[1]):
        a, b = sorted(pair)
        ca, cb = cluster_of[a], cluster_of[b]
        if ca == cb or not _can_merge(clusters[ca], clusters[cb], links, clashing, sim):
            continue
        clusters[ca].extend(clusters.pop(cb))
        for unit in clusters[ca]:
            cluster_of[unit.id] = ca
    return list(clusters.values())


def _can_merge(
    left: list[ClaimUnit],
    right: list[ClaimUnit],
    links: dict[frozenset[str], float],
    clashing: set[frozenset[str]],
    sim: Similarity,
) -> bool:
    """Average linkage over every pair across the two clusters. Pairs from one article count
    too (scored on demand): an article's meeting sentence and its 2019 sentence are two
    claims even when another outlet's sentence links to both. A sentence and its own clause
    are one statement and are not scored against each other."""
    scores = []
    for a in left:
        for b in right:
            pair = frozenset((a.id, b.id))
            if pair in clashing:
                return False
            if a.article_id != b.article_id:
                scores.append(links.get(pair, 0.0))
            elif not _nested(a, b):
                scores.append(sim.score(a, b))
    return bool(scores) and sum(scores) / len(scores) >= MERGE


def _nested(a: ClaimUnit, b: ClaimUnit) -> bool:
    return a.article_id == b.article_id and (
        (a.start <= b.start and b.end <= a.end) or (b.start <= a.start and a.end <= b.end)
    )


def _story_claim(i: int, members: list[ClaimUnit], links: dict[frozenset[str], float]) -> StoryClaim:
    """The claim with its most central unit as the representative wording."""

    def centrality(unit: ClaimUnit) -> tuple[float, int]:
        # Ties go to the shorter wording: it says the shared claim with the least else.
        return sum(links.get(frozenset((unit.id, o.id)), 0.0) for o in members), -(unit.end - unit.start)

    members = sorted(members, key=lambda u: (u.published or "", u.outlet, u.start))
    return StoryClaim(i, members, max(members, key=centrality))


def _share_linked(claims: list[StoryClaim], links: dict[frozenset[str], float]) -> None:
    """A unit linked to a claim it was not clustered into joins it too, when its article is
    missing there and it stays close to the claim's members on average: a sentence that
    retells two claims of another outlet backs both."""
    home = {u.id: c for c in claims for u in c.members}
    units = {u.id: u for c in claims for u in c.members}
    for pair, _ in sorted(links.items(), key=lambda item: -item[1]):
        for unit_id, other_id in (sorted(pair), sorted(pair)[::-1]):
            unit, claim = units[unit_id], home[other_id]
            if claim is home[unit_id] or unit.article_id in claim.articles:
                continue
            scores = [links.get(frozenset((unit.id, m.id)), 0.0) for m in claim.members]
            if sum(scores) / len(scores) >= MERGE:
                claim.members.append(unit)
                claim.contained.add(unit.id)


def _add_contained(claims: list[StoryClaim], units: list[ClaimUnit], sim: Similarity) -> None:
    """Let each claim find, in every article it lacks, one unit holding its agreed content."""
    by_article: dict[str, list[ClaimUnit]] = defaultdict(list)
    for unit in units:
        by_article[unit.article_id].append(unit)
    for claim in claims:
        core = _core(claim)
        if len(core) < 3:
            continue
        present = set(claim.articles)
        for article_id, candidates in by_article.items():
            if article_id in present:
                continue
            best = max(candidates, key=lambda u: sim.containment(core, claim.representative, u))
            if sim.containment(core, claim.representative, best) >= CONTAIN and not any(
                conflicts(_slots(best), _slots(m)) for m in claim.members
            ):
                claim.members.append(best)
                claim.contained.add(best.id)


def _fold_duplicates(claims: list[StoryClaim]) -> list[StoryClaim]:
    """Fold a claim into a larger one holding most of its units (``DUPLICATE`` of the
    smaller): shared units can make two clusters that average linkage kept apart into the
    same set of sentences."""
    kept: list[StoryClaim] = []
    for claim in sorted(claims, key=lambda c: -len(c.members)):
        ids = {u.id for u in claim.members}
        into = next((k for k in kept if len(ids & {u.id for u in k.members}) >= DUPLICATE * len(ids)), None)
        if into is None or len(ids) < 2:
            kept.append(claim)
            continue
        present = {u.id for u in into.members}
        for unit in claim.members:
            if unit.id not in present:
                into.members.append(unit)
                into.contained.add(unit.id)
    return kept


def _core(claim: StoryClaim) -> set[str]:
    """What the claim's articles agree on: features in at least two of them (all, if one)."""
    per_article: dict[str, set[str]] = defaultdict(set)
    for unit in claim.members:
        per_article[unit.article_id] |= unit.features
    if len(per_article) == 1:
        return set(claim.representative.features)
    counts = Counter(f for features in per_article.values() for f in features)
    return {f for f, n in counts.items() if n >= 2}


def _drop_redundant(claims: list[StoryClaim], sim: Similarity) -> list[StoryClaim]:
    """Single-unit claims already said elsewhere: a unit that backs a claim of several
    outlets; a clause whose sentence is a claim itself; a sentence whose clause backs a
    claim of several outlets and carries most of the sentence's content."""
    backing = {u.id: u for c in claims if len(c.outlets) > 1 for u in c.members}
    sentences = [u for c in claims for u in c.members if u.sentence]
    kept = []
    for claim in claims:
        if len(claim.members) == 1:
            unit = claim.members[0]
            if unit.id in backing:
                continue
            if not unit.sentence and any(_nested(s, unit) for s in sentences):
                continue
            if unit.sentence and any(
                _nested(unit, b) and sim.mass(b.features) >= SENTENCE_SHARE * sim.mass(unit.features)
                for b in backing.values()
            ):
                continue
        kept.append(claim)
    return kept


def _names(features: set[str] | frozenset[str]) -> set[str]:
    return {f for f in features if f.startswith("@")}


def _slots(unit: ClaimUnit):
    return unit.times, unit.numbers


def _slot_count(unit: ClaimUnit) -> int:
    return len(unit.times) + len(unit.numbers)


def _slots_held(reference: ClaimUnit, unit: ClaimUnit) -> float:
    times = sum(any(t.overlaps(o) for o in unit.times) for t in reference.times)
    numbers = sum(any(q.value == o.value for o in unit.numbers) for q in reference.numbers)
    return times + numbers
