"""Claim units: each stored claim of an article, with the features alignment compares.

Works from the stored records alone (``text``, ``claims``, ``entities``, ``times``,
``sources_cited``, ``quotes``), so viewing a story needs no spaCy parse. A unit is one claim
record: a sentence claim or a clause claim inside it (clause claims carry a narrower span,
and often a second proposition of the sentence: "... to meet Putin, who will discuss a
munitions deal that might ..."). Its features:

* ``words``: content-word keys outside names, dates and numbers (crosswire.compare.words);
* ``entities``: canonical names of the entities mentioned inside the span (news outlets are
  left out: naming one is attribution, compared through ``chains``);
* ``times`` and ``numbers``: slot values (crosswire.compare.slots), compared by value;
* ``cited``: the sources cited in the claim's sentence, each with its attribution chain
  (``crosswire.upstream.Cited``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from crosswire.compare.slots import Quantity, TimeValue, quantities, time_values
from crosswire.compare.words import WORD, word_key
from crosswire.compare.words import words as words_of
from crosswire.upstream import Cited, deepest_chains

ATTRIBUTION_KINDS = {"news_outlet"}  # entities that say who reports, not what happened
NAMELESS_KINDS = {"other"}  # times and numbers the NER tagged as names ("00:20")
HEARSAY = "reported"
MIN_FEATURES = 3  # fewer words, names, dates and numbers than this is a fragment, not a comparable claim


@dataclass(frozen=True)
class ClaimUnit:
    """One claim of one article, ready to compare with the claims of other articles."""

    id: str  # "<article id>:<start>-<end>"
    article_id: str
    outlet: str
    origin_id: str
    published: str | None
    text: str
    start: int
    end: int
    status: str
    cue: str | None
    in_quote: bool  # the claim's words are a speaker's quotation
    sentence: bool  # the claim covers its whole sentence (else a clause inside it)
    hearsay: bool  # reported ("reportedly", "is said to") with no source named: someone's, unnamed
    cited: tuple[Cited, ...]
    words: frozenset[str]
    entities: frozenset[str]
    times: tuple[TimeValue, ...] = field(default=())
    numbers: tuple[Quantity, ...] = field(default=())

    @property
    def chains(self) -> tuple[tuple[str, ...], ...]:
        return tuple(c.chain for c in self.cited)

    @property
    def features(self) -> frozenset[str]:
        """Words and names in one namespace (names prefixed, so "Severin" the word and the
        city never collide)."""
        return self.words | {f"@{e}" for e in self.entities}


def article_units(record: dict[str, Any]) -> list[ClaimUnit]:
    """The comparable claim units of one article record, in text order."""
    units: list[ClaimUnit] = []
    sentences: list[ClaimUnit] = []
    claims = record.get("claims", [])
    for claim in claims:
        unit = _unit(record, claim, _enclosing(claim, claims))
        if unit is None:
            continue
        if unit.sentence:
            sentences.append(unit)
        elif any(s.start <= unit.start and unit.end <= s.end and s.features == unit.features for s in sentences):
            continue  # a clause that says nothing its sentence does not: one unit is enough
        units.append(unit)
    return units


def _hearsay(claim: dict[str, Any], sentence: dict[str, Any]) -> bool:
    """Reported, in the claim or its sentence ("reportedly"), with no source named."""
    return HEARSAY in (claim["status"], sentence["status"]) and not (claim.get("sources") or sentence.get("sources"))


def _enclosing(claim: dict[str, Any], claims: list[dict[str, Any]]) -> dict[str, Any]:
    """The sentence claim a clause claim lies in (the claim itself for a sentence)."""
    for other in claims:
        if other["start"] <= claim["start"] and claim["end"] <= other["end"] and other is not claim:
            if (other["start"], other["end"]) != (claim["start"], claim["end"]):
                return _enclosing(other, claims)
    return claim


def _unit(record: dict[str, Any], claim: dict[str, Any], sentence: dict[str, Any]) -> ClaimUnit | None:
    start, end = claim["start"], claim["end"]
    names, skip = _names(record, start, end)
    times = time_values(record, start, end)
    skip += [(t["start"], t["end"]) for t in record.get("times", []) if start <= t["start"] < end]
    numbers = quantities(record, start, end, skip)
    skip += [(q.start, q.start + len(q.text)) for q in numbers]
    cited = _cited(record, claim)
    # Who it is attributed to is compared through the chains, not as content:
    # "Citing US government intelligence reports, ..." says nothing about intelligence.
    source_words = {key for c in cited for name in c.chain[1:] for key in words_of(name)}
    words = frozenset(_words(record["text"], start, end, skip)) - source_words
    if len(words) + len(names) + len(times) + len(numbers) < MIN_FEATURES:
        return None
    return ClaimUnit(
        id=f"{record['id']}:{start}-{end}",
        article_id=record["id"],
        outlet=record.get("outlet") or "unknown outlet",
        origin_id=record.get("origin_id") or record["id"],
        published=record.get("published") or record.get("published_estimate"),
        text=record["text"][start:end],
        start=start,
        end=end,
        status=claim["status"],
        cue=claim.get("cue"),
        in_quote=_in_quote(record, start, end),
        sentence=sentence is claim,
        hearsay=_hearsay(claim, sentence),
        cited=cited,
        words=words,
        entities=frozenset(names),
        times=tuple(times),
        numbers=tuple(numbers),
    )


def _names(record: dict[str, Any], start: int, end: int) -> tuple[set[str], list[tuple[int, int]]]:
    """Canonical names mentioned in ``[start, end)``, and every mention span there (to skip)."""
    names, spans = set(), []
    for entity in record.get("entities", []):
        for mention in entity.get("mentions", []):
            if start <= mention["start"] and mention["end"] <= end:
                spans.append((mention["start"], mention["end"]))
                if entity["kind"] not in ATTRIBUTION_KINDS | NAMELESS_KINDS:
                    names.add(entity["name"])
    return names, spans


def _words(text: str, start: int, end: int, skip: list[tuple[int, int]]) -> Iterable[str]:
    for match in WORD.finditer(text, start, end):
        if any(a <= match.start() < b for a, b in skip):
            continue
        if key := word_key(match.group(0)):
            yield key


def _in_quote(record: dict[str, Any], start: int, end: int) -> bool:
    for quote in record.get("quotes", []):
        if quote.get("kind", "direct") != "indirect" and quote["start"] <= start + 2 and end - 2 <= quote["end"]:
            return True
    return False


def _cited(record: dict[str, Any], claim: dict[str, Any]) -> tuple[Cited, ...]:
    """The sources the claim rests on: those cited in its sentence, deepest chains first.

    A source record covers its sentence, so a clause claim finds it through its start. Names
    in the claim's ``sources`` without a record become one-link chains from the outlet.
    """
    outlet = record.get("outlet") or "the article"
    cited: list[Cited] = []
    for source in record.get("sources_cited", []):
        if source["start"] <= claim["start"] < source["end"]:
            cited.append(Cited.from_record(source, outlet))
    named = {name.lower() for c in cited for name in c.chain}
    for name in claim.get("sources") or []:
        if name.lower() not in named:
            cited.append(Cited(name, None, (outlet, name), None))
            named.add(name.lower())
    # A chain that is the head of a longer one adds nothing ("[GD, NYT]" under "[GD, NYT, reports]").
    return tuple(dict.fromkeys(deepest_chains(cited)))
